"""GD-IdP login page: 个人登录 / 法人登录 and the legal-person login methods (A1.1, A1.2, A3.2)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from pages.base import PortalPage


class GdzwfwLoginPage(PortalPage):
    """广东省统一身份认证平台 login page."""

    PATH = "/pscp/sso/login"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.personal_tab = page.get_by_role("tab", name="个人登录")
        self.legal_tab = page.get_by_role("tab", name="法人登录")
        self.legal_note = page.get_by_text("法人包括企业、个体工商户、政府机关、社会团体等")
        self.wechat_scan_prompt = page.get_by_text(re.compile(r"请您使用\s*【微信】\s*扫码登录"))
        self.other_methods = page.get_by_role("navigation", name="其他登录方式").get_by_role("link")
        self.account = page.get_by_label("账号", exact=True)
        self.password = page.get_by_label("密码", exact=True)
        self.register_link = page.get_by_role("link", name="立即注册")
        self.recover_link = page.get_by_role("link", name="找回密码/账号")
        self.login_button = page.get_by_role("button", name="登录", exact=True)

    def choose_legal_login(self) -> None:
        """Clicks the 「法人登录」 tab."""
        self.legal_tab.click()

    def choose_other_method(self, name: str) -> None:
        """Clicks one of 「其他登录方式」 by its visible name (账号密码, 网银证书 …)."""
        self.other_methods.filter(has_text=name).click()
