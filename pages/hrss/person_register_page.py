"""HRSS 「个人注册」 at `/isso/twoWaysToRegister.html?showIndex=1` (B1.1's link for a handler
without a personal account)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, clickable, exact_text, field, field_message, message, selected_tab, shows


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

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # 「个人注册 | 单位注册」: the kind the page marks as the current one, as a tab or a link.
        self.current_kind = selected_tab(page).or_(page.locator('[aria-current="page"]'))
        self.send_sms_button = clickable(page, "获取验证码")
        self.sms_status = message(page)
        self.sms_code = field(page, "短信验证码")
        self.register_button = clickable(page, "注册")
        self.success = page.get_by_text("注册成功", exact=True)
        self.level_note = page.get_by_text(re.compile(r"当前实名等级："))
        self.messages = message(page)

    def field(self, label: str) -> Locator:
        """The input labelled `label` (登录账号, 姓名, 证件号码 …)."""
        return field(self.page, label)

    def field_message(self, label: str) -> Locator:
        """The hint or error shown beside the field labelled `label`."""
        return field_message(self.page, label)

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
        for label, value in zip(self.LABELS, values, strict=True):
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
        """Clicks 「注册」 and waits for the answer: the success page, or a message not shown
        before the click (the notice of 「获取验证码」 may still be up; a page that answers by
        script may load the next page only after it)."""
        earlier = self.messages.all_inner_texts()
        self.register_button.click()
        new_messages = self.messages
        for text in earlier:
            new_messages = new_messages.filter(has_not_text=exact_text(text))
        shows(self.success.or_(new_messages))
