"""HRSS `/isso/login.html`: 单位登录 / 个人登录 and the unit login methods (A3.1, A3.6, B2.1)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import PortalPage


class HrssLoginPage(PortalPage):
    """广东人社统一认证 login page."""

    PATH = "/isso/login.html"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.unit_tab = page.get_by_role("tab", name="单位登录")
        self.person_tab = page.get_by_role("tab", name="个人登录")
        self.gdidp_method = page.get_by_role("link", name="省统一身份认证")

    def choose_unit_login(self) -> None:
        """Clicks the 「单位登录」 tab."""
        self.unit_tab.click()

    def choose_gdidp_method(self) -> None:
        """Chooses the login method 「省统一身份认证」, which leaves for GD-IdP."""
        self.gdidp_method.click()
