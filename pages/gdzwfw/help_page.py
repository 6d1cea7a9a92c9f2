"""The GD-IdP help pages that 「用户帮助」 and 「用户帮助 >」 open (A1.9, A2.1, A2.4, A2.5)."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.base import PortalPage, exact_text


class GdzwfwHelpPage(PortalPage):
    """One help page; its title is its level-1 heading. The guide prints this page's address."""

    PATH = "/portal/help/login-platform-intro.html"

    def heading(self, title: str) -> Locator:
        """The page's title: its level-1 heading, or its title's text where the page has no
        heading (not an entry of a list or menu of help pages)."""
        heading = self.page.get_by_role("heading", level=1, name=title, exact=True)
        text = self.page.get_by_text(exact_text(title)).and_(
            self.page.locator(":not(a, a *, li, li *, [role=menuitem], h2, h3)")
        )
        return heading.or_(text).filter(visible=True)
