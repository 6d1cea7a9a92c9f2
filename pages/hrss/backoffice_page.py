"""The 社保经办机构 back office that reviews 单位授权码 applications (B1.6)."""

from __future__ import annotations

import re

from playwright.sync_api import Download, Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


class BackofficePage(PortalPage):
    """单位授权码申请: the list waiting for review, and one application with its decision."""

    PATH = "/isso/backoffice/applications"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.pending = page.get_by_role("table", name="待审核申请")
        self.status = page.get_by_text(re.compile(r"^审核状态："))
        self.applicant = page.get_by_role("definition")
        self.units = page.get_by_role("table", name="申请授权的单位")
        self.materials = page.get_by_role("table", name="申请材料")
        self.approve_button = page.get_by_role("button", name="审核通过")
        self.reason = page.get_by_label("不通过原因")
        self.reject_button = page.get_by_role("button", name="审核不通过")
        self.notice = page.get_by_role("status")
        self.error = page.get_by_role("alert")

    def open_application_of(self, unit_name: str) -> None:
        """Opens the waiting application that names the unit (「查看」)."""
        row = self.pending.get_by_role("row").filter(has_text=unit_name)
        click_and_load(row.get_by_role("link", name=re.compile(r"^查看")))

    def material(self, file_name: str) -> Locator:
        """The download link of one material, by its original file name."""
        return self.materials.get_by_role("link", name=file_name, exact=True)

    def download_material(self, file_name: str) -> Download:
        """Downloads one material; returns Playwright's download."""
        with self.page.expect_download() as download:
            self.material(file_name).click()
        return download.value

    def approve(self) -> None:
        """Clicks 「审核通过」."""
        click_and_load(self.approve_button)

    def reject(self, reason: str) -> None:
        """Types the 不通过原因 and clicks 「审核不通过」."""
        self.reason.fill(reason)
        click_and_load(self.reject_button)
