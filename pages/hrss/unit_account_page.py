"""HRSS platform 「账户管理」 of a unit account: 「单位信息」 and 「子账号信息」, where the unit adds
its handler's personal real-name account and sends a binding request (B1.3)."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, block, clickable, field, shows, tab


class UnitAccountPage(PortalPage):
    """账户管理 of the unit the browser acts for."""

    PATH_NAME = "hrss.sub_accounts"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.account_link = clickable(page, "账户管理")
        self.unit_tab = tab(page, "单位信息")
        self.sub_accounts_tab = tab(page, "子账号信息")
        self.sub_accounts = block(page, "子账号（单位经办人个人实名账号）")
        self.person_login = field(page, "实名个人登录账号")
        self.person_id_number = field(page, "实名个人证件号码")
        self.send_button = clickable(page, "发起绑定申请")

    def open_sub_accounts(self) -> None:
        """From the platform header: 「账户管理」 → 「子账号信息」."""
        self.account_link.click()
        self.sub_accounts_tab.click()
        shows(self.person_login)

    def open_unit_info(self) -> None:
        """From the platform header: 「账户管理」 → 「单位信息」."""
        self.account_link.click()
        self.unit_tab.click()
        shows(self.fact("单位名称"))

    def fact(self, label: str) -> Locator:
        """The value 「单位信息」 shows next to `label` (单位名称, 统一社会信用代码, 用户名 …)."""
        # A fact is a term and its value side by side (a <dt>/<dd> list, or a two-cell row).
        return self.page.get_by_text(label, exact=True).filter(visible=True).locator("xpath=following-sibling::*[1]")

    def request_binding(self, login_name: str, id_number: str) -> None:
        """Adds the handler's account (登录账号, 证件号码) and clicks 「发起绑定申请」; the page
        then says whether the request went out."""
        self.person_login.fill(login_name)
        self.person_id_number.fill(id_number)
        self.send_button.click()

    def sub_account(self, login_name: str) -> Locator:
        """The newest row of a sub-account, by its 实名个人登录账号."""
        return self.sub_accounts.get_by_role("row").filter(has_text=login_name).first

    def sub_account_rows(self, login_name: str) -> Locator:
        """Every row (binding request) of a sub-account, by its 实名个人登录账号."""
        return self.sub_accounts.get_by_role("row").filter(has_text=login_name)
