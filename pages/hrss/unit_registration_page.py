"""HRSS 「实名信息注册」 wizard for a unit account: 「1 单位所属实名人员信息」 → 「2 单位信息」 →
「3 注册完成」 (A3.3–A3.5; B1.1/B1.2 reach the same wizard through 「单位注册」)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from pages.base import (
    PortalPage,
    choose,
    chosen_option,
    clickable,
    current_step,
    field,
    field_message,
    message,
    progress_steps,
    shows,
)


class RegistrationWizardPage(PortalPage):
    """What every step of the wizard shows: the title, the step bar and the 操作指引."""

    PATH_NAME = "hrss.unit_register"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.title = page.get_by_role("heading", name="实名信息注册")
        self.steps = progress_steps(page)
        self.current_step = current_step(page)
        # The 操作指引 beside the form: the items of the list under that heading.
        self.guide_items = page.get_by_text("操作指引", exact=True).locator("xpath=following::ol[1]/li")
        self.login_link = clickable(page, "去登录")

    def step(self, number: int) -> Locator:
        """The step bar's entry 「<number> <name>」."""
        return self.steps.filter(has_text=re.compile(rf"^\s*{number}\s"))


class _FirstLoginEntry(PortalPage):
    """Where the first login through 「省统一身份认证」 of a unit HRSS does not know arrives."""

    PATH_NAME = "hrss.unit_register_first_login"


class RealnamePersonStepPage(RegistrationWizardPage):
    """Step 1 「单位所属实名人员信息」: the handler's personal real-name HRSS account."""

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.person_login = field(page, "实名个人登录账号")
        self.person_id_number = field(page, "实名个人证件号码")
        self.next_button = clickable(page, "下一步")
        # What the step says after 「下一步」: a message, or the hint next to a field.
        self.messages = (
            message(page).or_(field_message(page, "实名个人登录账号")).or_(field_message(page, "实名个人证件号码"))
        )
        self.first_login_note = page.get_by_text("首次通过「省统一身份认证」登录")
        self.register_person_link = page.get_by_role("link", name=re.compile(r"twoWaysToRegister\.html\?showIndex=1"))
        self.find_account_link = page.get_by_role("link", name=re.compile(r"findLoginId\.html\?showIndex=1"))
        self.realname_guide_link = page.get_by_role("link", name=re.compile(r"static\/person\.html#004"))

    def open_after_first_login(self) -> None:
        """Navigates to step 1 as the first login through 「省统一身份认证」 leads to it."""
        _FirstLoginEntry(self.page, self.base_url, self._paths).open()

    def fill_realname_person(self, login_name: str, id_number: str) -> None:
        """Types the 实名个人登录账号 and 实名个人证件号码."""
        self.person_login.fill(login_name)
        self.person_id_number.fill(id_number)

    def go_next(self) -> None:
        """Clicks 「下一步」 and waits for step 2, or for what the page says instead."""
        self.next_button.click()
        shows(self.messages.filter(has_text=re.compile(r"\S")).or_(field(self.page, "证件号码")))


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

    def credentials(self) -> tuple[str, str]:
        """The 用户名 and 密码 the form sets, to log in with afterwards."""
        assert self.username is not None and self.password is not None, "the form leaves 用户名 and 密码"
        return self.username, self.password


class UnitInfoStepPage(RegistrationWizardPage):
    """Step 2 「单位信息」."""

    PATH_NAME = "hrss.unit_register_info"
    SELECTS = frozenset({"证件类型", "单位所在地", "法定代表人证件类型"})
    # UnitInfo's text fields by the label the page shows them with.
    TEXT_FIELDS = {
        "cert_no": "证件号码",
        "unit_name": "单位名称",
        "address_detail": "详细地址",
        "legal_rep_name": "法定代表人姓名",
        "legal_rep_id": "法定代表人证件号码",
        "legal_rep_phone": "法定代表人手机号码",
        "username": "用户名",
        "password": "密码",
        "password_confirm": "确认密码",
    }

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.cert_type = chosen_option(page, "证件类型")
        self.legal_rep_id_type = chosen_option(page, "法定代表人证件类型")
        self.cert_no = field(page, "证件号码")
        self.unit_name = field(page, "单位名称")
        self.sms_code = field(page, "短信验证码")
        self.send_sms_button = clickable(page, "获取验证码")
        self.sms_status = message(page, re.compile("验证码已发送"))
        self.register_button = clickable(page, "注册")
        self.cert_type_hint = page.get_by_text("推荐使用统一社会信用代码注册")
        self.cert_no_hint = page.get_by_text("如果证件类型为组织机构代码, 第九位“-”请省略")
        self.password_rule = self.guide_items.filter(has_text="密码应为8-30位")

    def error_for(self, label: str) -> Locator:
        """The message shown next to the field labelled `label`."""
        return field_message(self.page, label)

    def fill_unit_info(self, info: UnitInfo) -> None:
        """Fills every field `info` gives a value for."""
        if info.cert_type is not None:
            choose(self.page, "证件类型", info.cert_type)
        if info.location is not None:
            choose(self.page, "单位所在地", info.location)
        for name, label in self.TEXT_FIELDS.items():
            value = getattr(info, name)
            if value is not None:
                field(self.page, label).fill(value)

    def fill_field(self, label: str, value: str) -> None:
        """Fills one field by its label; for the selects, `value` is the visible option."""
        if label in self.SELECTS:
            choose(self.page, label, value)
        else:
            field(self.page, label).fill(value)

    def request_sms_code(self) -> None:
        """Clicks 「获取验证码」 (the code goes to the 法定代表人手机号码)."""
        self.send_sms_button.click()

    def fill_sms_code(self, code: str) -> None:
        """Types the 短信验证码."""
        self.sms_code.fill(code)

    def register(self) -> None:
        """Clicks 「注册」."""
        self.register_button.click()


class RegistrationDonePage(RegistrationWizardPage):
    """Step 3 「注册完成」, with the advice to close the page and clear the browser cache."""

    PATH_NAME = "hrss.unit_register_done"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.success = page.get_by_role("heading", name="注册成功")
        self.advice = page.get_by_text(re.compile(r"请关闭页面，\s*清理浏览器缓存"))
