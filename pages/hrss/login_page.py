"""HRSS `/isso/login.html`: 「单位登录」 / 「个人登录」 and their login methods (A3.1, A3.6, B2.1).

The HRSS page objects wrap every click that loads a page in `expect_navigation()`, so a method
returns once the next page has loaded (through any redirects, also across to GD-IdP) and the
step's screenshot never catches a page half-way.
"""

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
        self.login_methods = page.get_by_role("navigation", name="登录方式").get_by_role("link")
        self.gdidp_method = page.get_by_role("link", name="省统一身份认证")
        self.password_method = page.get_by_role("link", name="账号密码")
        self.username = page.get_by_label("用户名", exact=True)
        self.password = page.get_by_label("密码", exact=True)
        self.login_button = page.get_by_role("button", name="登录", exact=True)
        self.error = page.get_by_role("alert")
        self.register_unit_link = page.get_by_role("link", name="单位注册")

    def choose_unit_login(self) -> None:
        """Clicks the 「单位登录」 tab."""
        with self.page.expect_navigation():
            self.unit_tab.click()

    def choose_gdidp_method(self) -> None:
        """Chooses the login method 「省统一身份认证」, which leaves for GD-IdP."""
        with self.page.expect_navigation():
            self.gdidp_method.click()

    def choose_password_method(self) -> None:
        """Chooses the login method 「账号密码」 (the unit account's 用户名 and 密码)."""
        with self.page.expect_navigation():
            self.password_method.click()

    def log_in_as_unit(self, username: str, password: str) -> None:
        """Types the unit account's 用户名 and 密码 and clicks 「登录」."""
        self.username.fill(username)
        self.password.fill(password)
        with self.page.expect_navigation():
            self.login_button.click()

    def register_unit(self) -> None:
        """Follows 「单位注册」 into the 实名信息注册 wizard."""
        with self.page.expect_navigation():
            self.register_unit_link.click()
