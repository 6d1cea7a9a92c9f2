"""Steps of the handler's 「个人登录」 (guide B2.1 个人登录, B2.2 选择绑定单位登录): the login tab
and form, the dialog of bound units, entering the platform for one of them, and the givens
that start a scenario logged in as the handler (B1.1, B1.4–B1.7) or with another unit (B1.5,
B2.2)."""

# Preconditions come from the precondition provider; 「我已…登录」 starts from the session the
# login leaves (the login itself is clicked in B2.1 and B2.2).

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit, Preconditions
from pages.base import shows
from pages.hrss.person_login_page import PersonLoginPage, UnitChoiceDialog
from pages.hrss.platform_home_page import PlatformHomePage
from steps.hrss_common import Handler, on_platform


def _log_in_as_handler(person_login: PersonLoginPage, unit_choice: UnitChoiceDialog, handler: Handler) -> None:
    """「个人登录」 with the handler's account, until the dialog of bound units is shown (a page
    may answer the login by script and only then load the next one)."""
    person_login.open()
    person_login.choose_person_login()
    person_login.log_in_as_person(handler.login_name, handler.password)
    shows(unit_choice.dialog)


def _enter_platform_for(unit_choice: UnitChoiceDialog, platform_home: PlatformHomePage, unit: Unit) -> None:
    """Chooses the unit in the dialog and enters the platform, until the platform shows it."""
    unit_choice.choose_unit(unit.name)
    unit_choice.enter_platform()
    shows(platform_home.acting_for)


# --- Other units ------------------------------------------------------------------------------------


@given("另一单位已在人社网上服务平台注册但未与经办人绑定", target_fixture="other_unit_data")
def seed_unbound_unit(preconditions: Preconditions) -> MyUnit:
    """Another registered unit, not bound to the handler."""
    return preconditions.another_unit(on_hrss="unlinked")


@given("另一单位已向经办人的个人账号发起绑定申请，尚未确认", target_fixture="other_unit_data")
def seed_pending_other_unit(preconditions: Preconditions, handler: Handler) -> MyUnit:
    """Another unit whose binding request the handler has not answered."""
    return preconditions.another_unit_asking(handler)


# --- 个人登录 and the unit dialog ---------------------------------------------------------------------


@given("我在人社登录页选择「个人登录」")
@when("我在人社登录页选择「个人登录」")
def choose_person_login(person_login: PersonLoginPage) -> None:
    person_login.choose_person_login()


@when("我在人社登录页以经办人的个人账号登录")
def log_in_as_handler(person_login: PersonLoginPage, unit_choice: UnitChoiceDialog, handler: Handler) -> None:
    _log_in_as_handler(person_login, unit_choice, handler)


@when("我以经办人的个人账号登录并选择该单位进入人社网上服务平台")
def enter_platform_as_handler(
    person_login: PersonLoginPage,
    unit_choice: UnitChoiceDialog,
    platform_home: PlatformHomePage,
    handler: Handler,
    unit: Unit,
) -> None:
    _log_in_as_handler(person_login, unit_choice, handler)
    _enter_platform_for(unit_choice, platform_home, unit)


@given("我已用经办人的个人账号登录人社")
def logged_in_as_handler(
    page: Page, preconditions: Preconditions, handler: Handler, unit_choice: UnitChoiceDialog
) -> None:
    """Precondition (see `steps.a3_sso`, 「我已…登录」): the session of the handler's login, on
    the page it leads to, the dialog of bound units."""
    preconditions.start_in_hrss_as_person(page.context, handler)
    unit_choice.open()


@given("我已用经办人的个人账号登录并选择该单位进入人社网上服务平台")
def logged_in_as_handler_for_unit(
    page: Page, preconditions: Preconditions, handler: Handler, scenario_unit: MyUnit, platform_home: PlatformHomePage
) -> None:
    preconditions.start_in_hrss_as_person(page.context, handler, acting_for=scenario_unit)
    on_platform(platform_home, scenario_unit.unit)


@then("人社登录页的「个人登录」标签处于选中状态")
def person_tab_selected(person_login: PersonLoginPage) -> None:
    expect(person_login.person_tab_selected).to_be_visible()


@then(parsers.parse("个人登录方式包括「{method}」"))
def person_method_offered(person_login: PersonLoginPage, method: str) -> None:
    expect(person_login.login_methods).to_contain_text([method])


@when(parsers.parse("我选择个人登录方式「{method}」"))
def choose_person_method(person_login: PersonLoginPage, method: str) -> None:
    """Any method the tab offers; the page may have opened on another (a QR code, say)."""
    person_login.choose_method(method)


@then("我看到个人账号的登录账号和密码输入框")
def person_form_shown(person_login: PersonLoginPage) -> None:
    expect(
        person_login.login_name.or_(person_login.person_password).or_(person_login.person_login_button)
    ).to_have_count(3)


@when(parsers.parse("我以「{case}」登录个人账号"))
def log_in_as_person_case(person_login: PersonLoginPage, handler: Handler, data: DataBuilder, case: str) -> None:
    entries: dict[str, Callable[[], tuple[str, str]]] = {
        "错误的密码": lambda: (handler.login_name, data.strong_password()),
        "不存在的登录账号": lambda: (f"no{data.hrss_username()}", handler.password),
        "空白的登录账号": lambda: ("", handler.password),
        "空白的密码": lambda: (handler.login_name, ""),
    }
    person_login.log_in_as_person(*entries[case]())


@then(parsers.parse("个人登录提示「{message}」"))
def person_login_message(person_login: PersonLoginPage, message: str) -> None:
    person_login.told(message)


@then("我看到选择绑定单位的弹窗，其中列出该单位")
def dialog_lists_unit(unit_choice: UnitChoiceDialog, unit: Unit) -> None:
    expect(unit_choice.unit(unit.name)).to_be_visible()


@then("弹窗中只有该单位可以选择")
def dialog_lists_only_unit(unit_choice: UnitChoiceDialog, unit: Unit) -> None:
    expect(unit_choice.unit_rows).to_have_text([re.compile(re.escape(unit.name))])


@then("弹窗说明个人账号尚未与任何单位绑定及绑定方法")
def dialog_explains_binding(unit_choice: UnitChoiceDialog) -> None:
    expect(unit_choice.no_units_note).to_contain_text(re.compile(r"尚未与任何单位绑定.*子账号信息.*父账号信息"))


@then("弹窗中没有可选择的单位")
def dialog_has_no_units(unit_choice: UnitChoiceDialog) -> None:
    expect(unit_choice.units.or_(unit_choice.enter_button)).to_have_count(0)


@when("我在弹窗中选择该单位，点击「为选中的单位办理业务，点击此处登录」")
def choose_unit_and_enter(unit_choice: UnitChoiceDialog, platform_home: PlatformHomePage, unit: Unit) -> None:
    _enter_platform_for(unit_choice, platform_home, unit)


@when("我不选择单位就点击「为选中的单位办理业务，点击此处登录」")
def enter_without_unit(unit_choice: UnitChoiceDialog) -> None:
    unit_choice.enter_platform()


@then(parsers.parse("弹窗提示「{message}」"))
def dialog_message(unit_choice: UnitChoiceDialog, message: str) -> None:
    unit_choice.told(message)
