"""HRSS 「实名信息注册」 wizard for a unit account: 「1 单位所属实名人员信息」 → 「2 单位信息」 →
「3 注册完成」 (A3.3–A3.5; B1.1/B1.2 reach the same wizard through 「单位注册」)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from pages.base import PortalPage


class RegistrationWizardPage(PortalPage):
    """What every step of the wizard shows: the title, the step bar and the 操作指引."""

    PATH = "/isso/register/unit"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.title = page.get_by_role("heading", name="实名信息注册")
        self.steps = page.get_by_role("list", name="注册进度").get_by_role("listitem")
        # The step bar marks where the user is with aria-current="step"; no role or text says it.
        self.current_step = self.steps.and_(page.locator('[aria-current="step"]'))
        self.guide = page.get_by_role("complementary", name="操作指引")
        self.guide_items = self.guide.get_by_role("listitem")
        self.login_link = page.get_by_role("link", name="去登录")

    def step(self, number: int) -> Locator:
        """The step bar's entry 「<number> <name>」."""
        return self.steps.filter(has_text=re.compile(rf"^\s*{number}\s"))


class RealnamePersonStepPage(RegistrationWizardPage):
    """Step 1 「单位所属实名人员信息」: the handler's personal real-name HRSS account."""

    # Where the first login through 「省统一身份认证」 of a unit HRSS does not know arrives.
    FIRST_LOGIN_PATH = "/isso/register/unit/gdidp"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.person_login = page.get_by_label("实名个人登录账号")
        self.person_id_number = page.get_by_label("实名个人证件号码")
        self.next_button = page.get_by_role("button", name="下一步")
        self.messages = page.get_by_role("alert")
        self.first_login_note = page.get_by_text("首次通过「省统一身份认证」登录")
        self.register_person_link = page.get_by_role("link", name=re.compile(r"twoWaysToRegister\.html\?showIndex=1"))
        self.find_account_link = page.get_by_role("link", name=re.compile(r"findLoginId\.html\?showIndex=1"))
        self.realname_guide_link = page.get_by_role("link", name=re.compile(r"static\/person\.html#004"))

    def open_after_first_login(self) -> None:
        """Navigates to step 1 as the first login through 「省统一身份认证」 leads to it."""
        self.page.goto(f"{self.base_url}{self.FIRST_LOGIN_PATH}")

    def fill_realname_person(self, login_name: str, id_number: str) -> None:
        """Types the 实名个人登录账号 and 实名个人证件号码."""
        self.person_login.fill(login_name)
        self.person_id_number.fill(id_number)

    def go_next(self) -> None:
        """Clicks 「下一步」."""
        with self.page.expect_navigation():
            self.next_button.click()


@dataclass(frozen=True)
class UnitInfo:
    """What step 2 asks for. None leaves a field as the page shows it (e.g. prefilled from GD-IdP)."""

    cert_type: str | None = None  # visible option: 统一社会信用代码 / 组织机构代码
    cert_no: str | None = None
    unit_name: str | None = None
    location: str | None = None  # visible option, e.g. 广东省广州市天河区
    address_detail: str | None = None
    legal_rep_name: str | None = None
    legal_rep_id: str | None = None
    legal_rep_phone: str | None = None
    username: str | None = None
    password: str | None = None
    password_confirm: str | None = None


class UnitInfoStepPage(RegistrationWizardPage):
    """Step 2 「单位信息」."""

    PATH = "/isso/register/unit/info"
    SELECTS = frozenset({"证件类型", "单位所在地", "法定代表人证件类型"})

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.cert_type = page.get_by_label("证件类型", exact=True)
        self.cert_no = page.get_by_label("证件号码", exact=True)
        self.unit_name = page.get_by_label("单位名称", exact=True)
        self.location = page.get_by_label("单位所在地", exact=True)
        self.address_detail = page.get_by_label("详细地址", exact=True)
        self.legal_rep_name = page.get_by_label("法定代表人姓名", exact=True)
        self.legal_rep_id_type = page.get_by_label("法定代表人证件类型", exact=True)
        self.legal_rep_id = page.get_by_label("法定代表人证件号码", exact=True)
        self.legal_rep_phone = page.get_by_label("法定代表人手机号码", exact=True)
        self.username = page.get_by_label("用户名", exact=True)
        self.password = page.get_by_label("密码", exact=True)
        self.password_confirm = page.get_by_label("确认密码", exact=True)
        self.sms_code = page.get_by_label("短信验证码", exact=True)
        self.send_sms_button = page.get_by_role("button", name="获取验证码")
        self.sms_status = page.get_by_role("status")
        self.register_button = page.get_by_role("button", name="注册", exact=True)
        self.cert_type_hint = page.get_by_text("推荐使用统一社会信用代码注册")
        self.cert_no_hint = page.get_by_text("如果证件类型为组织机构代码, 第九位“-”请省略")
        self.password_rule = self.guide_items.filter(has_text="密码应为8-30位")
        self.errors = page.get_by_role("alert")

    def error_for(self, label: str) -> Locator:
        """The message shown next to the field labelled `label`."""
        field = self.page.locator(".field").filter(has=self.page.get_by_label(label, exact=True))
        return field.get_by_role("alert")

    def fill_unit_info(self, info: UnitInfo) -> None:
        """Fills every field `info` gives a value for."""
        if info.cert_type is not None:
            self.cert_type.select_option(label=info.cert_type)
        if info.location is not None:
            self.location.select_option(label=info.location)
        texts = {
            self.cert_no: info.cert_no,
            self.unit_name: info.unit_name,
            self.address_detail: info.address_detail,
            self.legal_rep_name: info.legal_rep_name,
            self.legal_rep_id: info.legal_rep_id,
            self.legal_rep_phone: info.legal_rep_phone,
            self.username: info.username,
            self.password: info.password,
            self.password_confirm: info.password_confirm,
        }
        for field, value in texts.items():
            if value is not None:
                field.fill(value)

    def fill_field(self, label: str, value: str) -> None:
        """Fills one field by its label; for the selects, `value` is the visible option."""
        field = self.page.get_by_label(label, exact=True)
        if label in self.SELECTS:
            field.select_option(label=value)
        else:
            field.fill(value)

    def request_sms_code(self) -> None:
        """Clicks 「获取验证码」 (the code goes to the 法定代表人手机号码)."""
        self.send_sms_button.click()

    def fill_sms_code(self, code: str) -> None:
        """Types the 短信验证码."""
        self.sms_code.fill(code)

    def register(self) -> None:
        """Clicks 「注册」."""
        with self.page.expect_navigation():
            self.register_button.click()


class RegistrationDonePage(RegistrationWizardPage):
    """Step 3 「注册完成」, with the advice to close the page and clear the browser cache."""

    PATH = "/isso/register/unit/done"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.success = page.get_by_role("heading", name="注册成功")
        self.advice = page.get_by_text(re.compile(r"请关闭页面，\s*清理浏览器缓存"))
