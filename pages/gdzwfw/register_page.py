"""GD-IdP registration: 「个人注册」/「法人注册」 and the steps 「1 输入基础信息」「2 实名核验」「3 注册完成」
(A1.3–A1.7, A1.9).

Fields are found by their labels as the guide prints them. A refused field's message is the
field's accessible description (the message beside it is bound with aria-describedby), so
`field(label)` is what a step checks.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load

PLEASE_CHOOSE = "请选择"


class GdzwfwRegisterPage(PortalPage):
    """广东省统一身份认证平台 registration, all three steps (they share one page layout)."""

    PATH = "/pscp/sso/register"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.personal_tab = page.get_by_role("tab", name="个人注册")
        self.legal_tab = page.get_by_role("tab", name="法人注册")
        self.tabs = page.get_by_role("tab")
        self.selected_tab = page.get_by_role("tab", selected=True)
        self.steps = page.get_by_role("list", name="注册步骤").get_by_role("listitem")
        self.current_step = page.get_by_role("list", name="注册步骤").locator("[aria-current=step]")
        # 账号信息
        self.account = page.get_by_label("法人登录账号", exact=True)
        self.password = page.get_by_label("登录密码", exact=True)
        self.password_confirm = page.get_by_label("确认密码", exact=True)
        # 法人信息
        self.unit_name = page.get_by_label("单位/企业名称", exact=True)
        self.uscc = page.get_by_label("单位/企业证件号码", exact=True)
        self.province = page.get_by_label("证件地址（省）")
        self.city = page.get_by_label("证件地址（市）")
        self.district = page.get_by_label("证件地址（区）")
        self.address_detail = page.get_by_label("证件详细地址")
        self.legal_rep_name = page.get_by_label("法定代表人姓名", exact=True)
        self.legal_rep_id = page.get_by_label("法定代表人证件", exact=True)
        # 申请人信息
        self.mini_program_code = page.get_by_role("img", name="小程序码")
        self.refresh_code_button = page.get_by_role("button", name="刷新小程序码")
        self.applicant_info = page.get_by_text("已添加申请人实名信息")
        self.phone = page.get_by_label("手机号码", exact=True)
        self.sms_code = page.get_by_label("短信验证码", exact=True)
        self.sms_button = page.get_by_role("button", name="获取验证码")
        self.sms_status = page.get_by_role("status").filter(has_text=re.compile("验证码已发送|手机号码"))
        self.agreement = page.get_by_label("我已阅读并同意遵守《用户服务协议》和《隐私政策》")
        self.next_button = page.get_by_role("button", name="下一步")
        # Beside the form
        self.elicence_login_link = page.get_by_role("link", name="无需注册，微信扫码 使用电子营业执照直接登录")
        self.notes = page.get_by_role("region", name="注意说明").get_by_role("listitem")
        self.notes_help_link = page.get_by_role("region", name="注意说明").get_by_role("link", name="用户帮助")
        # Steps 2 and 3
        self.registry_result = page.get_by_text("法人基础库核验结果：")
        self.success_heading = page.get_by_role("heading", name="注册成功")
        self.level_on_success = page.get_by_text("您的账号当前可信等级为：")
        self.login_now = page.get_by_role("link", name="立即登录")

    def open_legal(self) -> None:
        """Opens 法人注册 directly."""
        self.page.goto(f"{self.url}?type=legal")

    def field(self, label: str) -> Locator:
        """A form control by the label the guide prints (「法人登录账号」「证件地址（区）」…)."""
        named = {"小程序码": self.mini_program_code}
        return named.get(label) or self.page.get_by_label(label, exact=True)

    def fill_field(self, label: str, value: str) -> None:
        """Types into the field with that label."""
        self.field(label).fill(value)

    def fill_account_info(self, account: str, password: str, confirmation: str) -> None:
        """账号信息: 法人登录账号, 登录密码, 确认密码."""
        self.account.fill(account)
        self.password.fill(password)
        self.password_confirm.fill(confirmation)

    def choose_address(self, province: str, city: str = "", district: str = "") -> None:
        """The cascading selects of 「证件地址」, top down; an empty name keeps 「请选择」."""
        self.province.select_option(label=province or PLEASE_CHOOSE)
        self.city.select_option(label=city or PLEASE_CHOOSE)
        self.district.select_option(label=district or PLEASE_CHOOSE)

    def fill_unit_info(
        self, *, name: str, uscc: str, province: str, city: str, district: str, address_detail: str,
        legal_rep_name: str, legal_rep_id: str,
    ) -> None:
        """法人信息: name, 统一社会信用代码, the address and the legal representative."""
        self.unit_name.fill(name)
        self.uscc.fill(uscc)
        self.choose_address(province, city, district)
        self.address_detail.fill(address_detail)
        self.legal_rep_name.fill(legal_rep_name)
        self.legal_rep_id.fill(legal_rep_id)

    def mini_program_ticket(self) -> str:
        """The number of the mini-program code the applicant scans for face recognition."""
        return self.mini_program_code.get_attribute("data-ticket") or ""

    def refresh_mini_program_code(self) -> None:
        """「刷新小程序码」, waiting until the new code is shown."""
        old = self.mini_program_ticket()
        self.refresh_code_button.click()
        # The new code arrives asynchronously; its number is the only thing that changes.
        self.page.locator(f"[data-ticket]:not([data-ticket='{old}'])").wait_for()

    def request_sms_code(self, phone: str) -> None:
        """Types the phone number and clicks 「获取验证码」, waiting for the page's answer."""
        self.phone.fill(phone)
        self.sms_button.click()
        self.sms_status.wait_for()

    def agree_to_terms(self) -> None:
        """Ticks 「我已阅读并同意遵守《用户服务协议》和《隐私政策》」."""
        self.agreement.check()

    def go_next(self) -> None:
        """「下一步」."""
        click_and_load(self.next_button)

    def use_elicence_instead(self) -> None:
        """「无需注册，微信扫码 使用电子营业执照直接登录」."""
        click_and_load(self.elicence_login_link)

    def open_notes_help(self) -> None:
        """The 「用户帮助」 link of note 6."""
        click_and_load(self.notes_help_link)

    def log_in_now(self) -> None:
        """「立即登录」 on 注册完成."""
        click_and_load(self.login_now)
