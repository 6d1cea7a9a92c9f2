"""The HRSS page that refuses a login or a business function and says why (A3.6, C2)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import PortalPage


class RefusalPage(PortalPage):
    """A refusal: a heading (「无法登录」, 「无法办理稳岗返还信息确认」 …) and the reason."""

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.heading = page.get_by_role("heading", level=1)
        self.message = page.get_by_role("alert")
        self.back_to_login = page.get_by_role("link", name="返回登录页")
