"""广东政务服务网 home page: the logged-in user's name top right and its menu (A2.1, A2.6 step 1)."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, click_to_leave, clickable, exact_text, title


class GdzwfwHomePage(PortalPage):
    """The portal home page (the guide's www.gdzwfw.gov.cn), where a login without a return
    address lands."""

    PATH = "/"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # The portal's name as the page's title: a heading in the accessible renditions, a banner's
        # text on an in-house page (the real home page's banner is a guess).
        self.heading = title(page, "广东政务服务网")
        self.account_management = clickable(page, "账号管理")
        self.login_link = clickable(page, "登录")

    def user_name(self, name: str) -> Locator:
        """The logged-in user's name top right (it opens a menu): a button, or the name's own
        text (a span, on the real portal's kind of page)."""
        button = self.page.get_by_role("button", name=name)
        text = self.page.get_by_text(exact_text(name)).and_(self.page.locator(":not(button, button *)"))
        return button.or_(text).filter(visible=True)

    def open_account_management(self) -> None:
        """「账号管理」 top right."""
        click_to_leave(self.account_management)

    def choose_from_user_menu(self, name: str, entry: str = "账户管理") -> None:
        """Clicks the user name top right, then an entry of its drop-down."""
        self.user_name(name).click()
        click_to_leave(clickable(self.page, entry))
