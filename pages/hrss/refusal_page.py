"""The HRSS page that refuses a login or a business function and says why (A3.6, C2)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, clickable


class RefusalPage(PortalPage):
    """A refusal: a heading (「无法登录」, 「无法办理稳岗返还信息确认」 …) and the reason."""

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # The title reads 「无法…」: a heading, or a result view's or message window's title line.
        self.heading = (
            page.get_by_role("heading", level=1).or_(page.get_by_text(re.compile(r"^无法\S+$"))).filter(visible=True)
        )
        self.back_to_login = clickable(page, "返回登录页")

    def reason(self, text: str) -> Locator:
        """The reason as the page shows it, when it reads exactly `text`."""
        return self.page.get_by_text(text, exact=True)
