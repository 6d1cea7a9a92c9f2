"""HRSS 「个人注册」 at `/isso/twoWaysToRegister.html?showIndex=1` (B1.1's link for a handler
without a personal account)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


@dataclass(frozen=True)
class PersonRegistration:
    """What 个人注册 asks for."""

    login_name: str
    name: str
    id_number: str
    phone: str
    password: str
    password_confirm: str


class PersonRegisterPage(PortalPage):
    """个人注册: account, identity, phone with SMS code, password."""

    PATH = "/isso/twoWaysToRegister.html?showIndex=1"
    LABELS = ("登录账号", "姓名", "证件号码", "手机号码", "密码", "确认密码")

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.kinds = page.get_by_role("navigation", name="注册类型").get_by_role("link")
        self.current_kind = self.kinds.and_(page.locator('[aria-current="page"]'))
        self.heading = page.get_by_role("heading", name="个人注册", exact=True)
        self.send_sms_button = page.get_by_role("button", name="获取验证码")
        self.sms_status = page.get_by_role("status")
        self.sms_code = page.get_by_label("短信验证码", exact=True)
        self.register_button = page.get_by_role("button", name="注册", exact=True)
        self.success = page.get_by_role("heading", name="注册成功")
        self.level_note = page.get_by_text(re.compile(r"当前实名等级："))
        self.realname_guide_link = page.get_by_role("link", name="个人账号实名指引")

    def field(self, label: str) -> Locator:
        """The input labelled `label` (登录账号, 姓名, 证件号码 …)."""
        return self.page.get_by_label(label, exact=True)

    def fill_form(self, registration: PersonRegistration) -> None:
        """Fills every field but the SMS code."""
        values = (
            registration.login_name,
            registration.name,
            registration.id_number,
            registration.phone,
            registration.password,
            registration.password_confirm,
        )
        for label, value in zip(self.LABELS, values):
            self.field(label).fill(value)

    def fill_field(self, label: str, value: str) -> None:
        """Changes one field."""
        self.field(label).fill(value)

    def request_sms_code(self) -> None:
        """Clicks 「获取验证码」 (the code goes to the 手机号码)."""
        self.send_sms_button.click()

    def fill_sms_code(self, code: str) -> None:
        """Types the 短信验证码."""
        self.sms_code.fill(code)

    def register(self) -> None:
        """Clicks 「注册」."""
        click_and_load(self.register_button)
