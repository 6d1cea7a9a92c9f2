"""HRSS `/isso/login.html`: 「单位登录」 / 「个人登录」 and their login methods (A3.1, A3.6, B2.1)."""

# The login types and the methods may switch in place (a layui tab, the bundled app's hash
# routes) or load a page (classic links): the page object waits for what the chosen view shows,
# never for a navigation. Nothing assumes which tab or method the page opens on: a login first
# chooses its tab and 「账号密码」 (the real page may open on the other tab or on a QR code).
# 「省统一身份认证」 leaves for GD-IdP; the step that follows waits for the page it lands on.

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Page

from pages.base import PortalPage, clickable, field, message, selected_tab, shows, tab

# What the page says when it refuses a unit login (a toast on the bundled app).
UNIT_LOGIN_REFUSED = re.compile(r"^(用户名或密码错误|请输入用户名|请输入密码)$")


class HrssLoginPage(PortalPage):
    """广东人社统一认证 login page."""

    PATH = "/isso/login.html"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.unit_tab = tab(page, "单位登录")
        self.person_tab = tab(page, "个人登录")
        self.unit_tab_selected = self.unit_tab.and_(selected_tab(page))
        self.person_tab_selected = self.person_tab.and_(selected_tab(page))
        # The methods on offer for the chosen login type, as the page lists them: the links under
        # 「登录方式」, or every item of the bar that holds the method 「账号密码」.
        self.login_methods = (
            page.get_by_role("navigation", name="登录方式")
            .get_by_role("link")
            .or_(tab(page, "账号密码").locator("xpath=../*"))
        ).filter(visible=True)
        self.gdzwfw_method = clickable(page, "省统一身份认证")
        self.password_method = clickable(page, "账号密码")
        self.username = field(page, "用户名")
        self.password = field(page, "密码")
        self.login_button = clickable(page, "登录")
        self.register_unit_link = clickable(page, "单位注册")
        # What a login leads to: the platform, acting for a unit, or the page's refusal.
        self.acting_for = page.get_by_text(re.compile(r"^当前单位："))
        self.refusal = message(page).or_(page.get_by_text(UNIT_LOGIN_REFUSED)).filter(visible=True)

    def choose_unit_login(self) -> None:
        """Clicks the 「单位登录」 tab."""
        self.unit_tab.click()
        shows(self.unit_tab_selected)

    def choose_gdzwfw_method(self) -> None:
        """Chooses the login method 「省统一身份认证」, which leaves for GD-IdP."""
        self.gdzwfw_method.click()

    def choose_password_method(self) -> None:
        """Chooses the login method 「账号密码」 (the unit account's 用户名 and 密码)."""
        self.password_method.click()
        shows(self.username)

    def log_in_as_unit(self, username: str, password: str) -> None:
        """「单位登录」 → 「账号密码」 (whatever the page opened on), types the unit account's 用户名
        and 密码 and clicks 「登录」."""
        self.choose_unit_login()
        self.choose_password_method()
        self.username.fill(username)
        self.password.fill(password)
        self.login_button.click()
        shows(self.acting_for.or_(self.refusal))

    def register_unit(self) -> None:
        """Follows 「单位注册」 into the 实名信息注册 wizard."""
        self.register_unit_link.click()
