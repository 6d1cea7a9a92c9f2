"""Steps of binding a handler's personal account to a unit (guide B1.3 发起绑定子账号, B1.4
确认绑定申请): the unit's 「子账号信息」, the handler's 「父账号信息」, and the givens that put
「某单位」 and the handler in a binding state (used by B1.5–B2.2 as well)."""

# A binding state is a precondition the provider meets when it hands over the handler (a fresh
# pair seeded on the mock, a pool pair already in that state on staging). What a binding left
# behind is checked as the portal shows it: the unit's 「子账号信息」 lists each request with its
# state and 授权码实名; the handler's 「父账号信息」 lists the bound units. The SMS to the handler
# is read as the phone shows it, from the provider's SMS source.

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit, Preconditions
from harness.target.portals import PortalUrls
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.person_account_page import PersonAccountPage
from pages.hrss.person_login_page import UnitChoiceDialog
from pages.hrss.unit_account_page import UnitAccountPage
from steps.hrss_common import Handler, HrssUnitAccount, bind_handler, handler_entry

BINDING_STATES = {"无": None, "待确认": "pending", "已拒绝": "declined", "已绑定": "bound"}


def unit_sub_accounts(
    new_context: Callable[..., BrowserContext], preconditions: Preconditions, unit: MyUnit, portal_urls: PortalUrls
) -> UnitAccountPage:
    """The unit's 「子账号信息」 in a browser of its own, logged in as the unit account."""
    context = new_context()
    preconditions.start_in_hrss_as_unit(context, unit)
    sub_accounts = UnitAccountPage(context.new_page(), portal_urls.hrss, portal_urls.paths)
    sub_accounts.open()
    return sub_accounts


# --- Binding states of 「某单位」 and the handler -----------------------------------------------------


@given("该单位已向经办人的个人账号发起绑定申请")
def seed_pending_binding(handler_needs: dict) -> None:
    """The unit's 子账号 request is waiting in the handler's 父账号信息."""
    bind_handler(handler_needs, "pending")


@given("该单位与经办人的个人账号已绑定")
def seed_bound(handler_needs: dict) -> None:
    """Binding accepted; 授权码实名 not done."""
    bind_handler(handler_needs, "bound")


@given("该单位与经办人的个人账号已绑定并完成授权码实名")
def seed_authorised(handler_needs: dict) -> None:
    """Binding accepted and 授权码实名 done: the handler may act fully for the unit."""
    bind_handler(handler_needs, "authorised")


@given(parsers.parse("该单位与经办人的绑定状态为「{state}」"), target_fixture="requests_before")
def seed_binding_state(handler_needs: dict, state: str) -> int:
    """The pair in a binding state (「无」: none); returns how many binding requests of the unit
    to the handler 「子账号信息」 lists (one for any state, none for 「无」)."""
    bind_handler(handler_needs, BINDING_STATES[state])
    return 0 if BINDING_STATES[state] is None else 1


# --- 子账号信息 (the unit account) --------------------------------------------------------------------


@when("我在账户管理的「子账号信息」中添加经办人的实名个人账号并发起绑定申请")
def request_binding(unit_account: UnitAccountPage, handler: Handler) -> None:
    unit_account.open_sub_accounts()
    unit_account.request_binding(handler.login_name, handler.id_number)


@when(parsers.parse("我在账户管理的「子账号信息」中以「{case}」发起绑定申请"))
def request_binding_case(unit_account: UnitAccountPage, handler: Handler, data: DataBuilder, case: str) -> None:
    unit_account.open_sub_accounts()
    unit_account.request_binding(*handler_entry(case, handler, data))


@then(parsers.parse("子账号信息提示「{message}」"))
def sub_accounts_message(unit_account: UnitAccountPage, message: str) -> None:
    unit_account.told(message)


@then(parsers.parse("子账号信息中经办人的绑定状态为「{status}」"))
def sub_account_status(unit_account: UnitAccountPage, handler: Handler, status: str) -> None:
    expect(unit_account.sub_account(handler.login_name)).to_contain_text(status)


@then("经办人的手机收到绑定申请的短信")
def binding_sms_sent(preconditions: Preconditions, handler: Handler, unit: Unit) -> None:
    """The newest SMS on the handler's phone names the unit and where to confirm."""
    text = preconditions.sms_text(handler.phone, "hrss")
    assert re.search(rf"{re.escape(unit.name)}.*父账号信息", text), f"经办人最新的短信不是该单位的绑定申请：{text}"


@then("该单位没有发出新的绑定申请")
def no_new_binding(unit_account: UnitAccountPage, handler: Handler, requests_before: int) -> None:
    """As 「子账号信息」 shows it: the handler's requests are as many as before."""
    expect(unit_account.sub_account_rows(handler.login_name)).to_have_count(requests_before)


@then(parsers.parse("单位账号在另一个浏览器的「子账号信息」中看到经办人的绑定状态为「{status}」"))
def unit_sees_status_elsewhere(
    new_context: Callable[..., BrowserContext],
    portal_urls: PortalUrls,
    hrss_unit: HrssUnitAccount,
    handler: Handler,
    status: str,
) -> None:
    """The second actor (the unit account) in a browser context of its own."""
    page = new_context().new_page()
    login = HrssLoginPage(page, portal_urls.hrss, portal_urls.paths)
    login.open()
    login.log_in_as_unit(hrss_unit.username, hrss_unit.password)
    unit_account = UnitAccountPage(page, portal_urls.hrss, portal_urls.paths)
    unit_account.open_sub_accounts()
    expect(unit_account.sub_account(handler.login_name)).to_contain_text(status)


# --- 父账号信息 (the handler) ----------------------------------------------------------------------------


@when("我在账户管理中打开「父账号信息」")
def open_parent_accounts(unit_choice: UnitChoiceDialog, person_account: PersonAccountPage) -> None:
    unit_choice.open_account_management()
    person_account.open_parent_accounts()


@then(parsers.parse("父账号信息中该单位的绑定申请状态为「{status}」"))
def parent_request_status(person_account: PersonAccountPage, unit: Unit, status: str) -> None:
    expect(person_account.request_row(unit.name)).to_contain_text(status)


@when("我同意该单位的绑定申请")
def accept_binding(person_account: PersonAccountPage, unit: Unit) -> None:
    person_account.accept(unit.name)


@when("我拒绝该单位的绑定申请")
def decline_binding(person_account: PersonAccountPage, unit: Unit) -> None:
    person_account.decline(unit.name)


@then("父账号信息提示已同意绑定该单位")
def accepted_notice(person_account: PersonAccountPage, unit: Unit) -> None:
    person_account.told(f"已同意绑定，您的个人账号已成为「{unit.name}」的子账号")


@then("该单位出现在已绑定的单位中")
def unit_among_bound(person_account: PersonAccountPage, unit: Unit) -> None:
    expect(person_account.bound_units).to_contain_text([unit.name])


@then("人社记录该单位与经办人已绑定，尚未完成授权码实名")
def bound_recorded(
    new_context: Callable[..., BrowserContext],
    preconditions: Preconditions,
    scenario_unit: MyUnit,
    portal_urls: PortalUrls,
    handler: Handler,
) -> None:
    """As the unit account sees it in its own browser: the handler's row in 「子账号信息」 is
    「已绑定」 with 授权码实名 「未完成」."""
    sub_accounts = unit_sub_accounts(new_context, preconditions, scenario_unit, portal_urls)
    expect(sub_accounts.sub_account(handler.login_name)).to_contain_text(re.compile("已绑定.*未完成", re.S))


@then("人社记录该单位与经办人没有绑定")
def not_bound_recorded(person_account: PersonAccountPage, unit: Unit) -> None:
    """As the handler's 「父账号信息」 shows it, opened afresh: the unit is not among the bound."""
    person_account.open()
    person_account.open_parent_accounts()
    expect(person_account.bound_units.filter(has_text=unit.name)).to_have_count(0)
