"""Page objects of the GD-IdP portal (广东省统一身份认证平台, 广东政务服务网)."""

from __future__ import annotations

from playwright.sync_api import Locator


def click_and_settle(locator: Locator) -> None:
    """Clicks something that loads a new page and returns once that page has loaded.

    Playwright's click returns when the navigation has started; a screenshot taken before the
    new document has loaded can fail ("Unable to capture screenshot"), and the report takes
    one after every step.
    """
    locator.click()
    locator.page.wait_for_load_state()
