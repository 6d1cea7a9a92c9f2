"""The GD-IdP help pages that 「用户帮助」 and 「用户帮助 >」 open (A1.9, A2.1, A2.4, A2.5)."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.base import PortalPage


class GdzwfwHelpPage(PortalPage):
    """One help page; its title is its level-1 heading. The guide prints this page's address."""

    PATH = "/portal/help/login-platform-intro.html"

    def heading(self, title: str) -> Locator:
        """The page's title."""
        return self.page.get_by_role("heading", level=1, name=title, exact=True)
