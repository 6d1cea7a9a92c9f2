"""Steps on the HRSS portal (广东人社统一认证 and the platform behind it): the 「省统一身份认证」
login and its first-login initialisation (guide 一 (三), A3.1–A3.6), the unit wizard and the
platform's refusals; 稳岗返还信息确认 (C1, C2) is in `steps.c_rebate`.

Preconditions (a GD-IdP legal account at a trust level, an HRSS personal account, a known unit,
a rebate record, a login already done) come from the precondition provider (`preconditions`:
the mock's control API, or the account pool on staging); the step under test goes through the
browser. The givens about 「某单位」 only say what the unit must have (`unit_needs`); the provider
hands over such a unit when a step first uses it (`scenario_unit`, `unit`), so a staging pool can
lease one unit that has all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit, PersonAccount, Preconditions
from harness.portals import PortalUrls
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.platform_home import PlatformHomePage
from pages.hrss.refusal_page import RefusalPage
from pages.hrss.unit_registration import (
    RealnamePersonStepPage,
    RegistrationDonePage,
    RegistrationWizardPage,
    UnitInfo,
    UnitInfoStepPage,
)

TRUST_LEVELS = {"三级 (原L1)": 3, "四级 (原L2)": 4, "五级 (原L3)": 5}
REALNAME_LEVELS = {"一级": 1, "二级": 2, "三级": 3}


@dataclass(frozen=True)
class GdidpAccount:
    """A legal account on GD-IdP, as the unit's handler knows it."""

    login_name: str
    password: str
    trust_level: int


# The unit's handler: a personal real-name account of 广东人社统一认证.
Handler = PersonAccount


@dataclass(frozen=True)
class HrssUnitAccount:
    """A unit account on HRSS: its 用户名 and 密码."""

    username: str
    password: str


# --- Page objects and scenario data ------------------------------------------------------------


@pytest.fixture
def hrss_login(page: Page, portal_urls: PortalUrls) -> HrssLoginPage:
    """The HRSS login page object on this scenario's page."""
    return HrssLoginPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def registration_wizard(page: Page, portal_urls: PortalUrls) -> RegistrationWizardPage:
    """What every step of the 实名信息注册 wizard shows."""
    return RegistrationWizardPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def person_step(page: Page, portal_urls: PortalUrls) -> RealnamePersonStepPage:
    """Step 1 「单位所属实名人员信息」."""
    return RealnamePersonStepPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def unit_step(page: Page, portal_urls: PortalUrls) -> UnitInfoStepPage:
    """Step 2 「单位信息」."""
    return UnitInfoStepPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def done_step(page: Page, portal_urls: PortalUrls) -> RegistrationDonePage:
    """Step 3 「注册完成」."""
    return RegistrationDonePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def platform_home(page: Page, portal_urls: PortalUrls) -> PlatformHomePage:
    """The platform home, acting for a unit."""
    return PlatformHomePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def refusal_page(page: Page, portal_urls: PortalUrls) -> RefusalPage:
    """The page that refuses a login or a business function."""
    return RefusalPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def unit_needs() -> dict:
    """What the givens ask of 「某单位」 (legal-account level, its state on HRSS), gathered
    until a step first uses the unit."""
    return {}


@pytest.fixture
def scenario_unit(request: pytest.FixtureRequest, preconditions: Preconditions, unit_needs: dict) -> MyUnit:
    """「某单位」 with the accounts the givens asked for, from the precondition provider; a
    `@destructive` scenario changes the unit's state, so it gets one to use up."""
    needs = dict(unit_needs)
    if request.node.get_closest_marker("destructive") is not None:
        needs["changes_state"] = True
    return preconditions.my_unit(**needs)


@pytest.fixture
def unit(request: pytest.FixtureRequest, unit_needs: dict, preconditions: Preconditions) -> Unit:
    """「某单位」 of this scenario: the provider's unit when the givens asked for one, else a
    unit no portal knows yet (one the scenario registers)."""
    if unit_needs:
        return request.getfixturevalue("scenario_unit").unit
    return preconditions.unregistered_unit()


@pytest.fixture
def gdidp_account(scenario_unit: MyUnit) -> GdidpAccount:
    """The unit's legal account on GD-IdP, as the handler knows it."""
    legal = scenario_unit.legal
    assert legal is not None, "场景没有要求该单位有法人账号"
    return GdidpAccount(login_name=legal.login_name, password=legal.password, trust_level=legal.level)


@pytest.fixture
def hrss_unit(scenario_unit: MyUnit) -> HrssUnitAccount:
    """The unit's account on HRSS: its 用户名 and 密码."""
    account = scenario_unit.hrss
    assert account is not None, "场景没有要求该单位在人社注册"
    return HrssUnitAccount(username=account.username, password=account.password)


@pytest.fixture
def unit_info(unit: Unit, data: DataBuilder) -> UnitInfo:
    """Step 2 as the unit's business licence fills it, with a new 用户名 and 密码. 证件类型,
    证件号码 and 单位名称 are left as GD-IdP prefilled them."""
    password = data.strong_password()
    return UnitInfo(
        location=f"{unit.province}{unit.city}{unit.district}",
        address_detail=unit.address_detail,
        legal_rep_name=unit.legal_rep_name,
        legal_rep_id=unit.legal_rep_id,
        legal_rep_phone=unit.phone,
        username=data.hrss_username(),
        password=password,
        password_confirm=password,
    )


def _password_with_keyboard_run(length: int) -> str:
    """Upper, lower and digits around one alphabetical run of `length` letters (its longest
    keyboard run for length ≥ 2): "M7abcdW3j" for 4."""
    return f"M7{'abcdefghijklmnopqrstuvwxyz'[:length]}W3j"


def _configured_keyboard_run_limit(unit_step: UnitInfoStepPage) -> int:
    """The limit the page states in its 操作指引 (「…不能在键盘上连续超过4个字符」)."""
    expect(unit_step.password_rule).to_contain_text("键盘上连续超过")
    return int(re.search(r"连续超过(\d+)个字符", unit_step.password_rule.inner_text()).group(1))


# --- Seeding (@mock_only) -----------------------------------------------------------------------


@given(parsers.parse("某单位在广东省统一身份认证平台有可信等级为「{level}」的法人账号"))
def unit_with_legal_account(unit_needs: dict, level: str) -> None:
    """The unit has a GD-IdP legal account at the named trust level."""
    unit_needs["legal_level"] = TRUST_LEVELS[level]


@given("该单位已在人社网上服务平台注册并关联了省统一身份认证")
def unit_linked_on_hrss(unit_needs: dict) -> None:
    """The unit has an HRSS account, linked to its GD-IdP account."""
    unit_needs["on_hrss"] = "linked"


@given("某单位已在人社网上服务平台注册了单位账号")
def unit_on_hrss(unit_needs: dict) -> None:
    """The unit has an HRSS account that has never used 「省统一身份认证」."""
    unit_needs["on_hrss"] = "unlinked"


@given("另一单位已在人社网上服务平台注册了单位账号", target_fixture="other_unit")
def other_unit_on_hrss(preconditions: Preconditions) -> HrssUnitAccount:
    """Another unit's HRSS account (its 用户名 is then taken)."""
    account = preconditions.another_unit(on_hrss="unlinked").hrss
    assert account is not None
    return HrssUnitAccount(username=account.username, password=account.password)


@given("该单位尚未在人社网上服务平台注册")
def unit_not_on_hrss(unit_needs: dict) -> None:
    """HRSS has no unit with this 统一社会信用代码 (the scenario registers it: a unit used once)."""
    unit_needs.update(on_hrss="absent", changes_state=True)


@given(parsers.parse("单位经办人在广东人社统一认证有实名等级为「{level}」的个人账号"), target_fixture="handler")
def handler_account(preconditions: Preconditions, level: str) -> Handler:
    """The handler's personal real-name account at the named real-name level."""
    return preconditions.handler(level=REALNAME_LEVELS[level])


# --- Logged in already: preconditions of scenarios that are not about the login -----------------
# The provider starts the browser with the session the login (or wizard step) would leave, so
# the scenario starts on the page the login leads to; the logins themselves have their own
# scenarios (A3.2, A3.6, B2.1, B2.2, and step 1 of the wizard in A3.4 and B1.1).


def _on_platform(platform_home: PlatformHomePage, unit: Unit) -> None:
    platform_home.open()
    expect(platform_home.acting_for).to_contain_text(unit.name)


@given("我已经「省统一身份认证」登录人社平台")
def logged_in_through_gdidp(page: Page, preconditions: Preconditions, scenario_unit: MyUnit, platform_home: PlatformHomePage) -> None:
    preconditions.start_in_hrss_via_gdidp(page.context, scenario_unit)
    _on_platform(platform_home, scenario_unit.unit)


@given("我已经「省统一身份认证」首次登录人社平台")
def first_login_through_gdidp(page: Page, preconditions: Preconditions, scenario_unit: MyUnit, person_step: RealnamePersonStepPage) -> None:
    preconditions.start_in_hrss_via_gdidp(page.context, scenario_unit)
    person_step.open_after_first_login()
    expect(person_step.first_login_note).to_be_visible()


@given("我已经「省统一身份认证」首次登录人社平台，并以经办人的实名个人账号完成了第一步")
def past_first_step_from_gdidp(page: Page, preconditions: Preconditions, scenario_unit: MyUnit, handler: Handler, unit_step: UnitInfoStepPage) -> None:
    preconditions.start_in_hrss_via_gdidp(page.context, scenario_unit, handler_step1=handler)
    unit_step.open()


@given("我已从登录页进入「单位注册」，并以经办人的实名个人账号完成了第一步")
def past_first_step_of_unit_registration(page: Page, preconditions: Preconditions, handler: Handler, unit_step: UnitInfoStepPage) -> None:
    preconditions.start_unit_registration(page.context, handler)
    unit_step.open()


@given("我已用该单位的用户名和密码登录人社网上服务平台")
def logged_in_with_unit_password(page: Page, preconditions: Preconditions, scenario_unit: MyUnit, platform_home: PlatformHomePage) -> None:
    preconditions.start_in_hrss_as_unit(page.context, scenario_unit)
    _on_platform(platform_home, scenario_unit.unit)


# --- The HRSS login page -------------------------------------------------------------------------


@given("我打开广东人社统一认证的登录页")
def open_hrss_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.open()


@when("我选择「单位登录」")
def choose_unit_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.choose_unit_login()


@when("我选择「单位登录」并以「省统一身份认证」方式登录")
def choose_unit_gdidp_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.choose_unit_login()
    hrss_login.choose_gdidp_method()


@given("我在人社登录页选择「单位登录」并以「省统一身份认证」方式登录")
@when("我在人社登录页选择「单位登录」并以「省统一身份认证」方式登录")
def open_login_and_choose_gdidp(hrss_login: HrssLoginPage) -> None:
    hrss_login.open()
    hrss_login.choose_unit_login()
    hrss_login.choose_gdidp_method()


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
def log_in_at_gdidp(
    gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, gdidp_account: GdidpAccount, portal_urls: PortalUrls
) -> None:
    """「法人登录」 → 「账号密码」 on the page HRSS sent the browser to; GD-IdP sends it back."""
    _log_in_with_password(gdzwfw_login, preconditions, gdidp_account)
    _back_on_hrss(gdzwfw_login.page, portal_urls)


def _log_in_with_password(gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, account: GdidpAccount) -> None:
    gdzwfw_login.choose_other_method("账号密码")
    answer = preconditions.captcha_answer(gdzwfw_login.captcha_id())
    gdzwfw_login.log_in_with_password(account.login_name, account.password, answer)


def _back_on_hrss(page: Page, portal_urls: PortalUrls) -> None:
    # GD-IdP's login ends in a chain of redirects (authorize → HRSS callback → HRSS page): wait
    # until HRSS's page has loaded, so the next step and its screenshot see it whole.
    page.wait_for_url(re.compile("^" + re.escape(portal_urls.hrss) + "/"))


def _scan_elicence(gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, unit: Unit) -> None:
    preconditions.scan_elicence(gdzwfw_login.login_code_ticket(), unit)
    gdzwfw_login.confirm_scanned()


@when(parsers.parse("我在广东省统一身份认证平台选择「法人登录」，以「{method}」登录"))
def log_in_at_gdidp_by(
    gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, gdidp_account: GdidpAccount, unit: Unit,
    portal_urls: PortalUrls, method: str,
) -> None:
    """Any of GD-IdP's legal-person methods (A3.2): the 账号密码 form, or the WeChat scan of the
    unit's 电子营业执照 (the phone's scan from the precondition provider, then 「我已扫码」)."""
    if method == "电子营业执照":
        _scan_elicence(gdzwfw_login, preconditions, unit)
    else:
        _log_in_with_password(gdzwfw_login, preconditions, gdidp_account)
    _back_on_hrss(gdzwfw_login.page, portal_urls)


# --- The 实名信息注册 wizard --------------------------------------------------------------------------


@then(parsers.parse("我看到「实名信息注册」向导的第「{number:d}」步「{name}」"))
def wizard_at_step(registration_wizard: RegistrationWizardPage, number: int, name: str) -> None:
    expect(registration_wizard.current_step).to_have_text(re.compile(rf"^\s*{number}\s*{re.escape(name)}\s*$"))


@then("页面说明单位首次通过省统一身份认证登录，需要完善平台所需信息")
def first_login_note(person_step: RealnamePersonStepPage) -> None:
    expect(person_step.first_login_note).to_be_visible()


@then("向导依次为「1 单位所属实名人员信息」「2 单位信息」「3 注册完成」")
def wizard_steps(registration_wizard: RegistrationWizardPage) -> None:
    names = ["单位所属实名人员信息", "单位信息", "注册完成"]
    expect(registration_wizard.steps).to_have_text([re.compile(rf"^\s*{index}\s*{name}\s*$") for index, name in enumerate(names, 1)])


@then("页面要求填写「实名个人登录账号」和「实名个人证件号码」")
def person_fields_shown(person_step: RealnamePersonStepPage) -> None:
    expect(person_step.person_login.or_(person_step.person_id_number).or_(person_step.next_button)).to_have_count(3)


@then("操作指引回答个人注册与单位注册的区别、证件号已存在和实名等级不足怎么办")
def person_step_guide(person_step: RealnamePersonStepPage) -> None:
    expect(person_step.guide_items).to_contain_text(
        ["个人注册、单位注册有什么区别?", "提示“证件号已存在”怎么办?", "提示“当前账号实名等级不足, 请至少提升至二级实名后重试”怎么办?"]
    )


@then("页面提供个人账号注册、找回个人账号和个人账号实名指引的链接")
def person_step_links(person_step: RealnamePersonStepPage) -> None:
    links = person_step.register_person_link.or_(person_step.find_account_link).or_(person_step.realname_guide_link)
    expect(links).to_have_count(3)


@then("页面提供「已有帐号, 去登录」")
def login_link_shown(registration_wizard: RegistrationWizardPage) -> None:
    expect(registration_wizard.login_link).to_be_visible()


@given("我以经办人的实名个人账号完成第一步")
@when("我以经办人的实名个人账号完成第一步")
@when("我填写经办人的实名个人登录账号和实名个人证件号码并点击「下一步」")
def fill_handler_and_next(person_step: RealnamePersonStepPage, handler: Handler) -> None:
    person_step.fill_realname_person(handler.login_name, handler.id_number)
    person_step.go_next()


def handler_entry(case: str, handler: Handler, data: DataBuilder) -> tuple[str, str]:
    """(登录账号, 证件号码) typed for a handler's personal account, by the case the scenario names;
    the 实名信息注册 wizard and the 子账号 binding both ask for this pair."""
    entries: dict[str, Callable[[], tuple[str, str]]] = {
        "不存在的登录账号": lambda: (f"no{data.hrss_username()}", handler.id_number),
        "他人的证件号码": lambda: (handler.login_name, data.resident_id()),
        "本人的账号和证件号": lambda: (handler.login_name, handler.id_number),
        "空白的登录账号": lambda: ("", handler.id_number),
        "空白的证件号码": lambda: (handler.login_name, ""),
    }
    return entries[case]()


@when(parsers.parse("我以「{case}」填写实名人员信息并点击「下一步」"))
def fill_person_case(person_step: RealnamePersonStepPage, handler: Handler, data: DataBuilder, case: str) -> None:
    person_step.fill_realname_person(*handler_entry(case, handler, data))
    person_step.go_next()


@then(parsers.parse("第一步提示「{message}」"))
def person_step_message(person_step: RealnamePersonStepPage, message: str) -> None:
    expect(person_step.messages).to_contain_text([message])


@then(parsers.parse("证件类型为「{label}」"))
def cert_type_is(unit_step: UnitInfoStepPage, label: str) -> None:
    expect(unit_step.cert_type).to_have_text(label)


@then(parsers.parse("法定代表人证件类型为「{label}」"))
def legal_rep_id_type_is(unit_step: UnitInfoStepPage, label: str) -> None:
    expect(unit_step.legal_rep_id_type).to_have_text(label)


@then("证件号码为该单位的统一社会信用代码")
def cert_no_prefilled(unit_step: UnitInfoStepPage, unit: Unit) -> None:
    expect(unit_step.cert_no).to_have_value(unit.uscc)


@then("单位名称为该单位在省统一身份认证的名称")
def unit_name_prefilled(unit_step: UnitInfoStepPage, unit: Unit) -> None:
    expect(unit_step.unit_name).to_have_value(unit.name)


@then("页面提示「推荐使用统一社会信用代码注册」和「如果证件类型为组织机构代码, 第九位“-”请省略」")
def cert_hints_shown(unit_step: UnitInfoStepPage) -> None:
    expect(unit_step.cert_type_hint.or_(unit_step.cert_no_hint)).to_have_count(2)


@when("我按营业执照填写其余单位信息，并设置用户名和密码")
def fill_unit_info(unit_step: UnitInfoStepPage, unit_info: UnitInfo) -> None:
    unit_step.fill_unit_info(unit_info)


def _changed_value(value: str, request: pytest.FixtureRequest, data: DataBuilder) -> str:
    """「literal」 as typed, or a value described in words."""
    literal = re.fullmatch(r"「(.*)」", value)
    if literal:
        return literal.group(1)
    described: dict[str, Callable[[], str]] = {
        "另一个密码": data.strong_password,
        "校验位错误的身份证号": data.resident_id_with_bad_check_digit,
        "另一单位的用户名": lambda: request.getfixturevalue("other_unit").username,
    }
    return described[value]()


@when(parsers.parse("我把「{label}」改为{value}"))
def change_field(unit_step: UnitInfoStepPage, request: pytest.FixtureRequest, data: DataBuilder, label: str, value: str) -> None:
    unit_step.fill_field(label, _changed_value(value, request, data))


@when(parsers.parse("我把密码和确认密码都改为「{password}」"))
def change_password(unit_step: UnitInfoStepPage, password: str) -> None:
    unit_step.fill_unit_info(UnitInfo(password=password, password_confirm=password))


@when("我把密码和确认密码都改为键盘连续字符比上限多一个的密码")
def change_password_over_limit(unit_step: UnitInfoStepPage) -> None:
    password = _password_with_keyboard_run(_configured_keyboard_run_limit(unit_step) + 1)
    unit_step.fill_unit_info(UnitInfo(password=password, password_confirm=password))


@when("我把密码和确认密码都改为键盘连续字符恰好等于上限的密码")
def change_password_at_limit(unit_step: UnitInfoStepPage) -> None:
    password = _password_with_keyboard_run(_configured_keyboard_run_limit(unit_step))
    unit_step.fill_unit_info(UnitInfo(password=password, password_confirm=password))


def _request_sms_code(unit_step: UnitInfoStepPage, preconditions: Preconditions, phone: str) -> str:
    unit_step.request_sms_code()
    expect(unit_step.sms_status).to_contain_text("验证码已发送")
    return preconditions.sms_code(phone, "hrss")


@when("我获取短信验证码并填写收到的验证码")
def request_and_fill_sms_code(unit_step: UnitInfoStepPage, preconditions: Preconditions, unit_info: UnitInfo) -> None:
    unit_step.fill_sms_code(_request_sms_code(unit_step, preconditions, unit_info.legal_rep_phone))


@when("我获取短信验证码但填写了错误的验证码")
def request_and_fill_wrong_sms_code(unit_step: UnitInfoStepPage, preconditions: Preconditions, unit_info: UnitInfo) -> None:
    code = _request_sms_code(unit_step, preconditions, unit_info.legal_rep_phone)
    unit_step.fill_sms_code(f"{(int(code) + 1) % 10**6:06d}")


@when("我点击「注册」")
def click_register(unit_step: UnitInfoStepPage) -> None:
    unit_step.register()


@then(parsers.parse("单位信息中「{label}」旁提示「{message}」"))
def field_message(unit_step: UnitInfoStepPage, label: str, message: str) -> None:
    expect(unit_step.error_for(label)).to_have_text(message)


@then("单位信息中「密码」旁提示页面所示的密码规则")
def password_rule_message(unit_step: UnitInfoStepPage) -> None:
    limit = _configured_keyboard_run_limit(unit_step)
    expect(unit_step.error_for("密码")).to_have_text(re.compile(rf"^密码应为8-30位.*不能在键盘上连续超过{limit}个字符$"))


@then("页面提示关闭页面、清理浏览器缓存")
def advice_shown(done_step: RegistrationDonePage) -> None:
    expect(done_step.advice).to_be_visible()


@then("人社平台已为该单位建立单位账号并关联省统一身份认证")
def unit_created_and_linked(new_context: Callable[..., BrowserContext], preconditions: Preconditions, scenario_unit: MyUnit, portal_urls: PortalUrls) -> None:
    """As the portal shows it: in another browser, 「省统一身份认证」 now leads straight into the
    platform, acting for the unit (the unit account exists and is linked to GD-IdP)."""
    context = new_context()
    preconditions.start_in_hrss_via_gdidp(context, scenario_unit)
    home = PlatformHomePage(context.new_page(), portal_urls.hrss, portal_urls.paths)
    home.open()
    expect(home.acting_for).to_have_text(f"当前单位：{scenario_unit.unit.name}")


@then("人社平台没有为该单位建立单位账号")
def unit_not_created(new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, unit: Unit, unit_info: UnitInfo) -> None:
    """As the portal shows it: in another browser, the 用户名 and 密码 the form chose do not log
    in as this unit (refused, or — when the 用户名 was another unit's — not as this unit)."""
    login = HrssLoginPage(new_context().new_page(), portal_urls.hrss, portal_urls.paths)
    login.open()
    login.choose_unit_login()
    login.choose_password_method()
    login.log_in_as_unit(unit_info.username, unit_info.password)
    expect(login.acting_for.or_(login.refusal)).to_be_visible()
    expect(login.acting_for.filter(has_text=unit.name)).to_have_count(0)


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
