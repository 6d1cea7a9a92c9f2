"""HRSS 「找回登录账号」 at `/isso/findLoginId.html?showIndex=1` (B1.1's link for a handler who
forgot the personal account)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Page

from pages.base import PortalPage, clickable, field, message, shows


class FindLoginIdPage(PortalPage):
    """找回登录账号: 证件号码 + 手机号码 + SMS code → the 登录账号."""

    PATH = "/isso/findLoginId.html?showIndex=1"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.heading = page.get_by_text("找回登录账号", exact=True)
        self.id_number = field(page, "证件号码")
        self.phone = field(page, "手机号码")
        self.sms_code = field(page, "短信验证码")
        self.send_sms_button = clickable(page, "获取验证码")
        self.sms_status = message(page)
        self.find_button = clickable(page, "找回账号")
        self.found = page.get_by_text(re.compile(r"^您的登录账号为："))
        self.errors = message(page)

    def fill_identity(self, id_number: str, phone: str) -> None:
        """Types the 证件号码 and 手机号码."""
        self.id_number.fill(id_number)
        self.phone.fill(phone)

    def request_sms_code(self) -> None:
        """Clicks 「获取验证码」."""
        self.send_sms_button.click()

    def find_account(self, sms_code: str) -> None:
        """Types the SMS code and clicks 「找回账号」; the page then shows the account or why not."""
        self.sms_code.fill(sms_code)
        self.find_button.click()
        shows(self.found.or_(self.errors))
