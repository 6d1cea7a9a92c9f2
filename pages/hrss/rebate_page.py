"""HRSS 「稳岗返还信息确认」: the unit's rebate records and their confirmation (C1, C2)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from pages.base import PortalPage


class RebateConfirmationPage(PortalPage):
    """稳岗返还信息确认, one table row per 返还年度."""

    PATH = "/platform/rebate"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.heading = page.get_by_role("heading", name="稳岗返还信息确认")
        self.table = page.get_by_role("table", name="稳岗返还信息")
        self.notice = page.get_by_role("status")

    def row(self, period: str) -> Locator:
        """The table row of a 返还年度 such as 2025年度."""
        return self.table.get_by_role("row").filter(has=self.page.get_by_role("rowheader", name=period, exact=True))

    def confirm(self, period: str) -> None:
        """Clicks 「确认」 in the row of `period`."""
        with self.page.expect_navigation():
            self.row(period).get_by_role("button", name=re.compile("^确认")).click()
