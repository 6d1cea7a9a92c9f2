"""GD-IdP registration: 「个人注册」/「法人注册」 and the steps 「1 输入基础信息」「2 实名核验」「3 注册完成」
(A1.3–A1.7, A1.9).

Fields are found by the labels the guide prints, and a refused field's message is the one
shown in that field's row (`field_message`). The steps may follow each other in place or by
loading a page; `go_next()` waits until the page has answered: the next step shows, or a
field's message does.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, Request, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from pages.base import (
    PortalPage,
    block,
    checkbox,
    choose,
    click_to_leave,
    clickable,
    current_step,
    field,
    field_message,
    field_messages,
    message,
    open_choices,
    progress_steps,
    selected_tab,
    shows,
    tab,
    tick,
)

PLEASE_CHOOSE = "请选择"
# How long the page may take to ask again about the mini-program code: the mock asks every
# 400 ms; the real page's interval is a guess, generously above that.
POLL_PATIENCE_MS = 3_000
AGREEMENT = "我已阅读并同意遵守《用户服务协议》和《隐私政策》"


class GdzwfwRegisterPage(PortalPage):
    """广东省统一身份认证平台 registration, all three steps (they share one page layout)."""

    PATH_NAME = "gdzwfw.legal_register"

    def __init__(self, page: Page, base_url: str, paths: dict[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.personal_tab = tab(page, "个人注册")
        self.legal_tab = tab(page, "法人注册")
        self.tabs = self.personal_tab.or_(self.legal_tab)
        self.selected_tab = selected_tab(page)
        self.steps = progress_steps(page)
        self.current_step = current_step(page)
        # 账号信息
        self.account = field(page, "法人登录账号")
        self.password = field(page, "登录密码")
        self.password_confirm = field(page, "确认密码")
        # 法人信息
        self.unit_name = field(page, "单位/企业名称")
        self.uscc = field(page, "单位/企业证件号码")
        self.address_detail = field(page, "证件详细地址")
        self.legal_rep_name = field(page, "法定代表人姓名")
        self.legal_rep_id = field(page, "法定代表人证件")
        # 申请人信息: the code's number is printed under it
        self.mini_program_number = page.get_by_text(re.compile(r"^小程序码编号："))
        self.refresh_code_button = clickable(page, "刷新小程序码")
        self.applicant_info = page.get_by_text("已添加申请人实名信息")
        self.phone = field(page, "手机号码")
        self.sms_code = field(page, "短信验证码")
        self.sms_button = clickable(page, "获取验证码")
        self.sms_status = message(page, re.compile("验证码已发送|手机号码"))
        self.agreement = checkbox(page, AGREEMENT)
        self.next_button = clickable(page, "下一步")
        # Beside the form
        self.elicence_login_link = clickable(page, "无需注册，微信扫码 使用电子营业执照直接登录")
        self.notes = block(page, "注意说明").get_by_role("listitem")
        self.notes_help_link = clickable(block(page, "注意说明"), "用户帮助")
        # Steps 2 and 3
        self.registry_result = page.get_by_text("法人基础库核验结果：")
        self.level_on_success = page.get_by_text("您的账号当前可信等级为：")
        self.login_now = clickable(page, "立即登录")

    def field(self, label: str) -> Locator:
        """A form control by the label the guide prints (「法人登录账号」「证件地址（区）」…)."""
        return field(self.page, label)

    def field_message(self, label: str) -> Locator:
        """The message shown in the row of the field labelled `label`."""
        return field_message(self.page, label)

    def fill_field(self, label: str, value: str) -> None:
        """Types into the field with that label."""
        self.field(label).fill(value)

    def fill_account_info(self, account: str, password: str, confirmation: str) -> None:
        """账号信息: 法人登录账号, 登录密码, 确认密码."""
        self.account.fill(account)
        self.password.fill(password)
        self.password_confirm.fill(confirmation)

    def choose_address(self, province: str, city: str = "", district: str = "") -> None:
        """The cascading choices of 「证件地址」, top down; an empty name keeps 「请选择」."""
        choose(self.page, "证件地址（省）", province or PLEASE_CHOOSE)
        choose(self.page, "证件地址（市）", city or PLEASE_CHOOSE)
        choose(self.page, "证件地址（区）", district or PLEASE_CHOOSE)

    def district_choices(self) -> Locator:
        """The choices 「证件地址（区）」 offers, as a person sees them when opening it."""
        return open_choices(self.page, "证件地址（区）")

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
        """The number printed under the mini-program code the applicant scans."""
        shows(self.mini_program_number)
        expect(self.mini_program_number).not_to_have_text(re.compile(r"^小程序码编号：\s*$"))
        return self.mini_program_number.inner_text().split("：", 1)[1].strip()

    def refresh_mini_program_code(self) -> None:
        """「刷新小程序码」, waiting until the page's request for a new code is answered. Whether
        a new code is then shown is for the caller to check."""
        shows(self.mini_program_number)
        with self.page.expect_response(lambda response: _is_background(response.request, "POST")):
            self.refresh_code_button.click()

    def wait_for_scan_news(self) -> None:
        """Waits until the page has heard how the latest scan ended. The page learns it by asking
        the server about its code again and again (in place of the real page's push from the
        mini program) and stops asking once the applicant is added: so, one question that left
        after now answered, then the next question answered — the page is still waiting — or
        none within the patience, because it has stopped. Checks that the applicant was *not*
        added come after this, never before the page could have changed."""
        if _answered_question(self.page):
            _answered_question(self.page)

    def request_sms_code(self, phone: str) -> None:
        """Types the phone number and clicks 「获取验证码」, waiting for the page's answer."""
        self.phone.fill(phone)
        self.sms_button.click()
        shows(self.sms_status)

    def agree_to_terms(self) -> None:
        """Ticks 「我已阅读并同意遵守《用户服务协议》和《隐私政策》」."""
        tick(self.page, AGREEMENT)

    def go_next(self) -> None:
        """「下一步」, then waits until the page answers: another step, or a field's message."""
        step = self.current_step.inner_text()
        self.next_button.click()
        shows(self.current_step.filter(has_not_text=step).or_(field_messages(self.page)))

    def use_elicence_instead(self) -> None:
        """「无需注册，微信扫码 使用电子营业执照直接登录」."""
        click_to_leave(self.elicence_login_link)

    def open_notes_help(self) -> None:
        """The 「用户帮助」 link of note 6."""
        click_to_leave(self.notes_help_link)

    def log_in_now(self) -> None:
        """「立即登录」 on 注册完成."""
        click_to_leave(self.login_now)


def _is_background(request: Request, method: str = "GET") -> bool:
    """A request the page's script sends by itself (fetch/XHR), not a navigation or a file."""
    return request.resource_type in ("fetch", "xhr") and request.method == method


def _answered_question(page: Page) -> bool:
    """True once a background GET that leaves from now on is answered; False when the page asks
    nothing within `POLL_PATIENCE_MS`."""
    try:
        with page.expect_request(_is_background, timeout=POLL_PATIENCE_MS) as asked:
            pass
        asked.value.response()
    except PlaywrightTimeoutError:
        return False
    return True
