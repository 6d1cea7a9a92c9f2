"""HRSS 「找回登录账号」 at `/isso/findLoginId.html?showIndex=1` (B1.1's link for a handler who
forgot the personal account)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from pages.base import PortalPage
from pages.base import click_and_load


class FindLoginIdPage(PortalPage):
    """找回登录账号: 证件号码 + 手机号码 + SMS code → the 登录账号."""

    PATH = "/isso/findLoginId.html?showIndex=1"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.heading = page.get_by_role("heading", name="找回登录账号")
        self.id_number = page.get_by_label("证件号码", exact=True)
        self.phone = page.get_by_label("手机号码", exact=True)
        self.sms_code = page.get_by_label("短信验证码", exact=True)
        self.send_sms_button = page.get_by_role("button", name="获取验证码")
        self.sms_status = page.get_by_role("status")
        self.find_button = page.get_by_role("button", name="找回账号")
        self.found = page.get_by_text(re.compile(r"^您的登录账号为："))
        self.errors = page.get_by_role("alert")

    def fill_identity(self, id_number: str, phone: str) -> None:
        """Types the 证件号码 and 手机号码."""
        self.id_number.fill(id_number)
        self.phone.fill(phone)

    def request_sms_code(self) -> None:
        """Clicks 「获取验证码」."""
        self.send_sms_button.click()

    def find_account(self, sms_code: str) -> None:
        """Types the SMS code and clicks 「找回账号」."""
        self.sms_code.fill(sms_code)
        click_and_load(self.find_button)
