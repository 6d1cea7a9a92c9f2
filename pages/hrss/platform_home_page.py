"""HRSS platform home: the 网上服务平台 acting for a unit (A3.6, B2.2, C1)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Page

from pages.base import PortalPage, clickable


class PlatformHomePage(PortalPage):
    """广东省人力资源和社会保障厅网上服务平台 home, acting for one unit."""

    PATH_NAME = "hrss.platform_home"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.acting_for = page.get_by_text(re.compile(r"^当前单位："))
        self.rebate_link = clickable(page, "稳岗返还信息确认")
        self.logout_button = clickable(page, "退出登录")

    def open_rebate_confirmation(self) -> None:
        """Opens 「稳岗返还信息确认」 from the services."""
        self.rebate_link.click()

    def log_out(self) -> None:
        """Clicks 「退出登录」."""
        self.logout_button.click()
