"""HRSS `/isso/login.html`, 「个人登录」 tab: the personal account's 账号密码 login (B2.1), and the
dialog that lists the units bound to the account (B2.2)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load
from pages.hrss.login_page import HrssLoginPage


class PersonLoginPage(HrssLoginPage):
    """The login page with its 「个人登录」 tab and the personal 账号密码 form."""

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.person_form = page.get_by_role("form", name="个人账号密码登录")
        self.login_name = self.person_form.get_by_label("登录账号", exact=True)
        self.person_password = self.person_form.get_by_label("密码", exact=True)
        self.person_login_button = self.person_form.get_by_role("button", name="登录", exact=True)
        self.form_errors = self.person_form.get_by_role("alert")

    def choose_person_login(self) -> None:
        """Clicks the 「个人登录」 tab."""
        click_and_load(self.person_tab)

    def choose_method(self, name: str) -> None:
        """Clicks one of the login methods by its visible name (e.g. 「账号密码」)."""
        click_and_load(self.login_methods.filter(has_text=name))

    def log_in_as_person(self, login_name: str, password: str) -> None:
        """Types the personal account's 登录账号 and 密码 and clicks 「登录」."""
        self.login_name.fill(login_name)
        self.person_password.fill(password)
        click_and_load(self.person_login_button)


class UnitChoiceDialog(PortalPage):
    """The dialog after 「个人登录」: the units bound to the account, one to act for."""

    PATH = "/isso/login/person/units"
    ENTER = "为选中的单位办理业务，点击此处登录"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.dialog = page.get_by_role("dialog", name="选择绑定的单位")
        self.units = self.dialog.get_by_role("radio")
        self.unit_rows = self.dialog.get_by_role("row").filter(has=page.get_by_role("radio"))
        self.enter_button = self.dialog.get_by_role("button", name=self.ENTER)
        self.account_link = self.dialog.get_by_role("link", name="账户管理")
        self.no_units_note = self.dialog.get_by_role("status")
        self.error = self.dialog.get_by_role("alert")

    def unit(self, unit_name: str) -> Locator:
        """The choice of one bound unit, by its name."""
        return self.dialog.get_by_role("radio", name=unit_name, exact=True)

    def choose_unit(self, unit_name: str) -> None:
        """Selects the unit to act for."""
        self.unit(unit_name).check()

    def enter_platform(self) -> None:
        """Clicks 「为选中的单位办理业务，点击此处登录」."""
        click_and_load(self.enter_button)

    def open_account_management(self) -> None:
        """Follows 「账户管理」 to the personal account's management."""
        click_and_load(self.account_link)
