"""Steps of the 「省统一身份认证」 login to HRSS (guide 一 (三): A3.1, A3.2, A3.6) and of the
unit's 用户名/密码 login: the HRSS login page, the legal-person login at GD-IdP and the way back,
and what the platform then shows or refuses (also C2's refusals)."""

# The first login's 实名信息注册 wizard (A3.3–A3.5) is `steps.a3_wizard`'s; 「某单位」 and the
# page objects are `steps.hrss_common`'s. Preconditions come from the precondition provider.

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import Unit
from harness.preconditions import MyUnit, Preconditions
from harness.target.portals import PortalUrls
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.platform_home_page import PlatformHomePage
from pages.hrss.refusal_page import RefusalPage
from steps.gdzwfw import log_in_with_password
from steps.hrss_common import GdzwfwAccount, HrssUnitAccount, on_platform

# --- Logged in already: preconditions of scenarios that are not about the login -----------------
# The provider starts the browser with the session the login (or wizard step) would leave, so
# the scenario starts on the page the login leads to; the logins themselves have their own
# scenarios (A3.2, A3.6, B2.1, B2.2, and step 1 of the wizard in A3.4 and B1.1).


@given("我已经「省统一身份认证」登录人社平台")
def logged_in_through_gdzwfw(
    page: Page, preconditions: Preconditions, scenario_unit: MyUnit, platform_home: PlatformHomePage
) -> None:
    preconditions.start_in_hrss_via_gdzwfw(page.context, scenario_unit)
    on_platform(platform_home, scenario_unit.unit)


@given("我已用该单位的用户名和密码登录人社网上服务平台")
def logged_in_with_unit_password(
    page: Page, preconditions: Preconditions, scenario_unit: MyUnit, platform_home: PlatformHomePage
) -> None:
    preconditions.start_in_hrss_as_unit(page.context, scenario_unit)
    on_platform(platform_home, scenario_unit.unit)


# --- The HRSS login page -------------------------------------------------------------------------


@given("我打开广东人社统一认证的登录页")
def open_hrss_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.open()


@when("我选择「单位登录」")
def choose_unit_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.choose_unit_login()


@when("我选择「单位登录」并以「省统一身份认证」方式登录")
def choose_unit_gdzwfw_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.choose_unit_login()
    hrss_login.choose_gdzwfw_method()


@given("我在人社登录页选择「单位登录」并以「省统一身份认证」方式登录")
@when("我在人社登录页选择「单位登录」并以「省统一身份认证」方式登录")
def open_login_and_choose_gdzwfw(hrss_login: HrssLoginPage) -> None:
    hrss_login.open()
    hrss_login.choose_unit_login()
    hrss_login.choose_gdzwfw_method()


@given("我在人社登录页选择「单位登录」的「账号密码」方式")
def open_login_and_choose_unit_password(hrss_login: HrssLoginPage) -> None:
    hrss_login.open()
    hrss_login.choose_unit_login()
    hrss_login.choose_password_method()


@given("我输入该单位的用户名和密码登录")
@when("我输入该单位的用户名和密码登录")
def log_in_with_unit_password(hrss_login: HrssLoginPage, hrss_unit: HrssUnitAccount) -> None:
    hrss_login.log_in_as_unit(hrss_unit.username, hrss_unit.password)


@then("「单位登录」标签处于选中状态")
def unit_tab_selected(hrss_login: HrssLoginPage) -> None:
    expect(hrss_login.unit_tab_selected).to_be_visible()


@then(parsers.parse("单位登录方式依次为「{methods}」"))
def unit_methods_are(hrss_login: HrssLoginPage, methods: str) -> None:
    expect(hrss_login.login_methods).to_have_text(methods.split("、"))


# --- At GD-IdP (its page object, our account) -----------------------------------------------------


@given("我在广东省统一身份认证平台用该法人账号的账号密码登录")
@when("我在广东省统一身份认证平台用该法人账号的账号密码登录")
def log_in_at_gdzwfw(
    gdzwfw_login: GdzwfwLoginPage,
    preconditions: Preconditions,
    gdzwfw_legal_account: GdzwfwAccount,
    portal_urls: PortalUrls,
) -> None:
    """「法人登录」 → 「账号密码」 on the page HRSS sent the browser to; GD-IdP sends it back."""
    _log_in_with_password(gdzwfw_login, preconditions, gdzwfw_legal_account)
    _back_on_hrss(gdzwfw_login.page, portal_urls)


def _log_in_with_password(gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, account: GdzwfwAccount) -> None:
    # Wherever HRSS's redirect landed (another tab, a QR code): `log_in_with_password` chooses
    # 「法人登录」 and 「账号密码」 unless the page shows them.
    log_in_with_password(gdzwfw_login, preconditions, account.login_name, account.password)


def _back_on_hrss(page: Page, portal_urls: PortalUrls) -> None:
    # GD-IdP's login ends in a chain of redirects (authorize → HRSS callback → HRSS page): wait
    # until HRSS's page has loaded, so the next step and its screenshot see it whole.
    page.wait_for_url(re.compile("^" + re.escape(portal_urls.hrss) + "/"))


def _scan_elicence(gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, unit: Unit) -> None:
    gdzwfw_login.use_elicence_scan()
    preconditions.scan_elicence(gdzwfw_login.login_code_ticket(), unit)
    gdzwfw_login.confirm_scanned()


@when(parsers.parse("我在广东省统一身份认证平台选择「法人登录」，以「{method}」登录"))
def log_in_at_gdzwfw_by(
    gdzwfw_login: GdzwfwLoginPage,
    preconditions: Preconditions,
    gdzwfw_legal_account: GdzwfwAccount,
    unit: Unit,
    portal_urls: PortalUrls,
    method: str,
) -> None:
    """Any of GD-IdP's legal-person methods (A3.2): the 账号密码 form, or the WeChat scan of the
    unit's 电子营业执照 (the phone's scan from the precondition provider, then 「我已扫码」)."""
    if method == "电子营业执照":
        _scan_elicence(gdzwfw_login, preconditions, unit)
    else:
        _log_in_with_password(gdzwfw_login, preconditions, gdzwfw_legal_account)
    _back_on_hrss(gdzwfw_login.page, portal_urls)


@when("我关闭页面并清理浏览器缓存")
def clear_browser_cache(page: Page) -> None:
    """What the guide asks after the initialisation; both portals forget this browser."""
    page.context.clear_cookies()


# --- The platform -----------------------------------------------------------------------------


@then("我进入人社网上服务平台，为该单位办理业务")
def acting_for_unit(platform_home: PlatformHomePage, unit: Unit) -> None:
    expect(platform_home.acting_for).to_have_text(f"当前单位：{unit.name}")


@then(parsers.parse("页面拒绝登录并提示「{message}」"))
@then(parsers.parse("页面拒绝办理并提示「{message}」"))
def refused_with(refusal_page: RefusalPage, message: str) -> None:
    expect(refusal_page.reason(message)).to_be_visible()
