"""HRSS 「稳岗返还信息确认」: the unit's rebate records and their confirmation (C1, C2)."""

# The page may be a platform page with a table, or the 稳岗返还 declaration system's view
# (`/WGSQ#/confirm` on the real portal) with a grid drawn from JSON, whose header is a table of its
# own and whose answers show in a window: rows are found by the 返还年度 cell they hold, and
# messages by their text.

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, clickable, title


class RebateConfirmationPage(PortalPage):
    """稳岗返还信息确认, one table row per 返还年度."""

    PATH_NAME = "hrss.rebate"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # Exact: the refusal page's heading 「无法办理稳岗返还信息确认」 contains these words too.
        self.heading = title(page, "稳岗返还信息确认")

    def unit_line(self, unit_name: str) -> Locator:
        """「单位名称：…」 under the heading, naming the unit the page is for (the mock's line; the
        real page's header is a guess)."""
        return self.page.get_by_text(re.compile(rf"^单位名称：{re.escape(unit_name)}(\s|$)"))

    def row(self, period: str) -> Locator:
        """The row of a 返还年度 such as 2025年度: the one row that holds it as a cell (the page
        shows one table of rebates; a grid's header may be a table of its own)."""
        period_cell = self.page.get_by_role("cell", name=period, exact=True).or_(
            self.page.get_by_role("rowheader", name=period, exact=True)
        )
        return self.page.get_by_role("row").filter(has=period_cell).filter(visible=True)

    def cells(self, period: str) -> Locator:
        """The row's values after its 返还年度: 返还金额, 开户银行, 银行账号, 确认状态, 操作."""
        return self.row(period).get_by_role("cell").filter(has_not_text=period)

    def confirm(self, period: str) -> None:
        """Clicks 「确认」 in the row of `period`."""
        row = self.row(period)
        row.get_by_role("button", name=re.compile("^确认")).or_(clickable(row, "确认")).click()
