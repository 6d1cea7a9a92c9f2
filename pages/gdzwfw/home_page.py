"""广东政务服务网 home page: the logged-in user's name top right and its menu (A2.1, A2.6 step 1)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


class GdzwfwHomePage(PortalPage):
    """The portal home page, where a login without a return address lands."""

    PATH = "/"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.header = page.get_by_role("navigation", name="页头")
        self.account_management = self.header.get_by_role("link", name="账号管理", exact=True)
        self.login_link = self.header.get_by_role("link", name="登录", exact=True)
        self.user_menu_items = page.get_by_role("list", name="用户菜单")
        self.menu_account_management = self.user_menu_items.get_by_role("link", name="账户管理")

    def user_name(self, name: str) -> Locator:
        """The logged-in user's name top right (a menu button)."""
        return self.header.get_by_role("button", name=name)

    def open_account_management(self) -> None:
        """「账号管理」 top right."""
        click_and_load(self.account_management)

    def choose_from_user_menu(self, name: str, entry: str = "账户管理") -> None:
        """Clicks the user name top right, then an entry of its drop-down."""
        self.user_name(name).click()
        click_and_load(self.user_menu_items.get_by_role("link", name=entry))
