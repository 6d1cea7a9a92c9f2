"""Base of every page object.

A page object takes the Playwright page and its portal's base URL. (Playwright's own
`base_url` holds one origin, and the guide's path crosses two.) Paths stay relative.
"""

from __future__ import annotations

from typing import ClassVar

from playwright.sync_api import Locator, Page


class PortalPage:
    """A page at `PATH` on one portal."""

    PATH: ClassVar[str] = "/"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")

    @property
    def url(self) -> str:
        """The page's absolute address on its portal."""
        return f"{self.base_url}{self.PATH}"

    def open(self) -> None:
        """Navigates straight to the page."""
        self.page.goto(self.url)


def click_and_load(locator: Locator) -> None:
    """Clicks a link or submit button and waits for the page it loads, so that what follows
    (the next locator, the report's screenshot of the step) sees the new page and not one that
    is still being swapped in. The mocks' forms are server-rendered: such a click loads a page."""
    locator.click()
    locator.page.wait_for_load_state()
