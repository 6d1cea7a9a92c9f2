"""HRSS platform home: the 网上服务平台 acting for a unit (A3.6, B2.2, C1)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from pages.base import PortalPage


class PlatformHomePage(PortalPage):
    """广东省人力资源和社会保障厅网上服务平台 home, acting for one unit."""

    PATH = "/platform/home"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.acting_for = page.get_by_text(re.compile(r"^当前单位："))
        self.unit_facts = page.get_by_role("definition")
        self.rebate_link = page.get_by_role("link", name="稳岗返还信息确认")
        self.logout_button = page.get_by_role("button", name="退出登录")

    def open_rebate_confirmation(self) -> None:
        """Opens 「稳岗返还信息确认」 from the services."""
        with self.page.expect_navigation():
            self.rebate_link.click()

    def log_out(self) -> None:
        """Clicks 「退出登录」."""
        with self.page.expect_navigation():
            self.logout_button.click()
