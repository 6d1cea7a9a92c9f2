"""HRSS `/isso/login.html`, 「个人登录」 tab: the personal account's 账号密码 login (B2.1), and the
dialog that lists the units bound to the account (B2.2)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, block, choose_radio, clickable, dialog, field, shows
from pages.hrss.login_page import HrssLoginPage


class PersonLoginPage(HrssLoginPage):
    """The login page with its 「个人登录」 tab and the personal 账号密码 form."""

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.login_name = field(page, "登录账号")
        self.person_password = field(page, "密码")
        self.person_login_button = clickable(page, "登录")

    def choose_person_login(self) -> None:
        """Clicks the 「个人登录」 tab."""
        self.person_tab.click()
        shows(self.person_tab_selected)

    def choose_method(self, name: str) -> None:
        """Clicks one of the login methods by its visible name (e.g. 「账号密码」)."""
        self.login_methods.filter(has_text=name).click()

    def choose_person_password_method(self) -> None:
        """Chooses 「账号密码」 on the 「个人登录」 tab, whichever method it opened on (a QR code,
        say), until its form shows."""
        self.choose_method("账号密码")
        shows(self.login_name)

    def log_in_as_person(self, login_name: str, password: str) -> None:
        """「账号密码」 of the 「个人登录」 tab: types the personal account's 登录账号 and 密码 and
        clicks 「登录」; the page then shows the dialog of bound units, or why it refused."""
        self.choose_person_password_method()
        self.login_name.fill(login_name)
        self.person_password.fill(password)
        self.person_login_button.click()


class UnitChoiceDialog(PortalPage):
    """The dialog after 「个人登录」: the units bound to the account, one to act for."""

    PATH_NAME = "hrss.person_units"
    TITLE = "选择绑定的单位"
    ENTER = "为选中的单位办理业务，点击此处登录"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # A dialog by its title: a helper's dialog, else the box whose first line reads it.
        self.dialog = dialog(page, self.TITLE).or_(block(page, self.TITLE)).filter(visible=True)
        # One row per bound unit: the table rows that offer a choice.
        self.unit_rows = self.dialog.get_by_role("row").filter(has=page.get_by_role("radio", include_hidden=True))
        self.units = self.unit_rows
        self.enter_button = clickable(self.dialog, self.ENTER)
        self.account_link = clickable(self.dialog, "账户管理")
        self.no_units_note = self.dialog.get_by_text("尚未与任何单位绑定")
        self.acting_for = page.get_by_text(re.compile(r"^当前单位："))

    def unit(self, unit_name: str) -> Locator:
        """The row of one bound unit, by its name."""
        return self.unit_rows.filter(has_text=unit_name)

    def choose_unit(self, unit_name: str) -> None:
        """Selects the unit to act for: the radio in its row (a radio the page does not name),
        else the radio named by the unit."""
        row = self.unit(unit_name)
        shows(row)
        radio_in_row = row.get_by_role("radio")
        if radio_in_row.count():
            radio_in_row.check()
        else:
            choose_radio(self.dialog, unit_name)

    def enter_platform(self) -> None:
        """Clicks 「为选中的单位办理业务，点击此处登录」 (the step waits for what follows: the
        platform, or the dialog's message)."""
        self.enter_button.click()

    def open_account_management(self) -> None:
        """Follows 「账户管理」 to the personal account's management."""
        self.account_link.click()
