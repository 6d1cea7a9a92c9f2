"""HRSS 「稳岗返还信息确认」: the unit's rebate records and their confirmation (C1, C2)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, clickable, message


class RebateConfirmationPage(PortalPage):
    """稳岗返还信息确认, one table row per 返还年度."""

    PATH_NAME = "hrss.rebate"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # Exact: the refusal page's heading 「无法办理稳岗返还信息确认」 contains these words too.
        self.heading = page.get_by_role("heading", name="稳岗返还信息确认", exact=True)
        self.table = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="返还年度"))
        self.notice = message(page)

    def unit_line(self, unit_name: str) -> Locator:
        """「单位名称：…」 under the heading, naming the unit the page is for (the mock's line; the
        real page's header is a guess)."""
        return self.page.get_by_text(re.compile(rf"^单位名称：{re.escape(unit_name)}(\s|$)"))

    def row(self, period: str) -> Locator:
        """The table row of a 返还年度 such as 2025年度."""
        return self.table.get_by_role("row").filter(has=self.page.get_by_role("cell", name=period, exact=True).or_(self.page.get_by_role("rowheader", name=period, exact=True)))

    def cells(self, period: str) -> Locator:
        """The row's values after its 返还年度: 返还金额, 开户银行, 银行账号, 确认状态, 操作."""
        return self.row(period).get_by_role("cell").filter(has_not_text=period)

    def confirm(self, period: str) -> None:
        """Clicks 「确认」 in the row of `period`."""
        row = self.row(period)
        row.get_by_role("button", name=re.compile("^确认")).or_(clickable(row, "确认")).click()
