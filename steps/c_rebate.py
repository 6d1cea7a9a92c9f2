"""Steps of 稳岗返还信息确认 (guide C1, C2): the unit's rebate record, the confirmation page, a
confirmation in two tabs, and what HRSS kept."""

# The rebate record is a precondition from the provider (`preconditions.my_unit_with_rebate`:
# seeded on the mock, a pool unit that has the record on staging). How many confirmations HRSS
# stored is not on any page: those checks read it back (「数据回查」) and are skipped where the
# provider cannot. That a refused login confirmed nothing is checked on the page, as a handler
# allowed to confirm sees it.

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import Unit
from harness.preconditions import MyUnit, Preconditions
from harness.target.portals import PortalUrls
from pages.hrss.platform_home_page import PlatformHomePage
from pages.hrss.rebate_page import RebateConfirmationPage


@pytest.fixture
def rebate_page(page: Page, portal_urls: PortalUrls) -> RebateConfirmationPage:
    """「稳岗返还信息确认」."""
    return RebateConfirmationPage(page, portal_urls.hrss, portal_urls.paths)


@given(
    parsers.parse("该单位有「{period}」稳岗返还信息：返还金额「{amount}」元，开户银行「{bank}」，银行账号「{account}」")
)
def unit_has_rebate(unit_needs: dict, period: str, amount: str, bank: str, account: str) -> None:
    """The unit's rebate record for a period (the provider hands over a unit that has it)."""
    unit_needs["rebate"] = (period, amount, bank, account)


@given("我打开「稳岗返还信息确认」")
@when("我打开「稳岗返还信息确认」")
def open_rebate(platform_home: PlatformHomePage) -> None:
    platform_home.open_rebate_confirmation()


@then("我看到该单位的稳岗返还信息确认页面")
def rebate_page_shown(rebate_page: RebateConfirmationPage, unit: Unit) -> None:
    """The page itself (not the refusal that names it), for this unit."""
    expect(rebate_page.heading).to_be_visible()
    expect(rebate_page.unit_line(unit.name)).to_be_visible()


@then(
    parsers.parse(
        "我看到「{period}」稳岗返还信息：返还金额「{amount}」元，开户银行「{bank}」，银行账号「{account}」，状态「{status}」"
    )
)
def rebate_row_shown(
    rebate_page: RebateConfirmationPage, period: str, amount: str, bank: str, account: str, status: str
) -> None:
    expect(rebate_page.cells(period)).to_have_text([amount, bank, account, status, re.compile(".*")])


@when(parsers.parse("我确认「{period}」稳岗返还信息"))
def confirm_rebate(rebate_page: RebateConfirmationPage, period: str) -> None:
    rebate_page.confirm(period)


@then(parsers.parse("平台提示「{message}」"))
def rebate_notice(rebate_page: RebateConfirmationPage, message: str) -> None:
    rebate_page.told(message)


@then(parsers.parse("「{period}」稳岗返还信息显示已确认及确认时间"))
def rebate_confirmed(rebate_page: RebateConfirmationPage, period: str) -> None:
    expect(rebate_page.row(period)).to_contain_text(re.compile(r"已确认（\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}）"))


@then("该单位的稳岗返还确认只保存了一次")
def confirmed_once(preconditions: Preconditions, unit: Unit) -> None:
    """Read back from HRSS (数据回查): the page shows the state, not how often it was stored."""
    assert len(preconditions.rebate_confirmations(unit.uscc)) == 1


@then("该单位没有稳岗返还确认记录")
def not_confirmed(
    new_context: Callable[..., BrowserContext],
    preconditions: Preconditions,
    scenario_unit: MyUnit,
    unit_needs: dict,
    portal_urls: PortalUrls,
) -> None:
    """As the page shows it to someone who may confirm — a handler of the unit with 授权码实名
    done, in a browser of its own (the refused unit login cannot see the page): the record is
    still 待确认."""
    period = unit_needs["rebate"][0]
    observer = preconditions.handler(level=2, of=scenario_unit, relation="authorised")
    context = new_context()
    preconditions.start_in_hrss_as_person(context, observer, acting_for=scenario_unit)
    rebate = RebateConfirmationPage(context.new_page(), portal_urls.hrss, portal_urls.paths)
    rebate.open()
    expect(rebate.row(period)).to_contain_text("待确认")


@given("我在另一个标签页也打开了「稳岗返还信息确认」", target_fixture="second_tab")
def open_rebate_in_second_tab(page: Page, portal_urls: PortalUrls) -> RebateConfirmationPage:
    """The same browser, a second tab on the same page (e.g. opened earlier and forgotten)."""
    second_tab = RebateConfirmationPage(page.context.new_page(), portal_urls.hrss, portal_urls.paths)
    second_tab.open()
    return second_tab


@when(parsers.parse("我在另一个标签页再次确认「{period}」稳岗返还信息"))
def confirm_in_second_tab(second_tab: RebateConfirmationPage, period: str) -> None:
    second_tab.confirm(period)


@then("另一个标签页提示该信息已确认，无需重复确认")
def second_tab_told(second_tab: RebateConfirmationPage) -> None:
    second_tab.told(re.compile("无需重复确认"))
