"""HRSS platform 「账户管理」 of a unit account: 「单位信息」 and 「子账号信息」, where the unit adds
its handler's personal real-name account and sends a binding request (B1.3)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


class UnitAccountPage(PortalPage):
    """账户管理 of the unit the browser acts for."""

    PATH = "/platform/account/sub-accounts"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.account_link = page.get_by_role("link", name="账户管理")
        self.unit_tab = page.get_by_role("tab", name="单位信息")
        self.sub_accounts_tab = page.get_by_role("tab", name="子账号信息")
        self.sub_accounts = page.get_by_role("table", name="子账号（单位经办人个人实名账号）")
        self.person_login = page.get_by_label("实名个人登录账号")
        self.person_id_number = page.get_by_label("实名个人证件号码")
        self.send_button = page.get_by_role("button", name="发起绑定申请")
        self.notice = page.get_by_role("status")
        self.errors = page.get_by_role("alert")

    def open_sub_accounts(self) -> None:
        """From the platform header: 「账户管理」 → 「子账号信息」."""
        click_and_load(self.account_link)
        click_and_load(self.sub_accounts_tab)

    def request_binding(self, login_name: str, id_number: str) -> None:
        """Adds the handler's account (登录账号, 证件号码) and clicks 「发起绑定申请」."""
        self.person_login.fill(login_name)
        self.person_id_number.fill(id_number)
        click_and_load(self.send_button)

    def sub_account(self, login_name: str) -> Locator:
        """The newest row of a sub-account, by its 实名个人登录账号."""
        return self.sub_accounts.get_by_role("row").filter(has=self.page.get_by_role("rowheader", name=login_name, exact=True)).first
