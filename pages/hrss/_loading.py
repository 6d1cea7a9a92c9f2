"""One helper for the page objects of the HRSS accounts areas: clicks that load a new page."""

from __future__ import annotations

from playwright.sync_api import Locator


def click_and_load(locator: Locator) -> None:
    """Clicks a link or submit button and waits for the page it loads, so that what follows
    (the next locator, the report's screenshot of the step) sees the new page and not one that
    is still being swapped in. The mock's forms are server-rendered: every such click loads a page."""
    locator.click()
    locator.page.wait_for_load_state()
