"""The 社保经办机构 back office that reviews 单位授权码 applications (B1.6)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Download, Locator, Page

from pages.base import PortalPage, click_and_load, clickable, field, message, shows


class BackofficePage(PortalPage):
    """单位授权码申请: the list waiting for review, and one application with its decision."""

    PATH_NAME = "hrss.backoffice"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.status = page.get_by_text(re.compile(r"^审核状态："))
        # What the application page states, in the page's order: the applicant's facts, the
        # units and the materials.
        self.details = page.get_by_role("definition").or_(page.get_by_role("cell")).or_(page.get_by_role("rowheader"))
        self.approve_button = clickable(page, "审核通过")
        self.reason = field(page, "不通过原因")
        self.reject_button = clickable(page, "审核不通过")
        self.notice = message(page)
        self.error = message(page)

    def open_application_of(self, unit_name: str) -> None:
        """Opens the waiting application that names the unit (「查看」)."""
        row = self.page.get_by_role("row").filter(has_text=unit_name)
        click_and_load(row.get_by_role("link", name=re.compile(r"^查看")))

    def material(self, file_name: str) -> Locator:
        """The download link of one material, by its original file name."""
        return self.page.get_by_role("link", name=file_name, exact=True)

    def download_material(self, file_name: str) -> Download:
        """Downloads one material; returns Playwright's download."""
        with self.page.expect_download() as download:
            self.material(file_name).click()
        return download.value

    def approve(self) -> None:
        """Clicks 「审核通过」; the page then says how it went."""
        self.approve_button.click()
        shows(self.notice)

    def reject(self, reason: str) -> None:
        """Types the 不通过原因 and clicks 「审核不通过」; the page then says how it went."""
        self.reason.fill(reason)
        self.reject_button.click()
        shows(self.notice)
