"""Steps on the GD-IdP portal (广东省统一身份认证平台), guide part 一 (一)(二).

Steps other areas may reuse (the OAuth/SSO scenarios, for instance):

- 「假如 已有一个四级法人账号」 (or 三级/五级): seeds an account of this scenario's unit through
  the control API; fixture `legal_account` (LegalAccount: id, login_name, password, unit).
- 「假如 我已用四级法人账号登录」: the same, then logs in through the login form.
- 「当 我用该法人账号的账号密码登录」 on the 账号密码 form, or 「当 我选择账号密码方式，用该法人账号登录」
  from the default e-licence view (e.g. after HRSS sent the browser to GD-IdP). Both solve the
  captcha through the control API (`captcha_answer`), so they are for @mock_only scenarios.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

import pytest
from playwright.sync_api import Locator, Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Person, Unit
from harness.mock_control import MockControl
from harness.portals import PortalUrls
from pages.gdzwfw.account_page import GdzwfwAccountPage, GdzwfwVerifyPage
from pages.gdzwfw.help_page import GdzwfwHelpPage
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.info_edit_page import GdzwfwInfoEditPage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.gdzwfw.register_page import GdzwfwRegisterPage
from pages.gdzwfw.verification_dialogs import CaHelper, CertificateDialog, ElicenceDialog

LEVELS = {"三级": 3, "四级": 4, "五级": 5}
METHOD_KEYS = {"法人基础库": "registry", "网银证书": "bank_cert", "电子营业执照": "elicence", "CA证书": "ca_cert", "办事大厅现场核验": "hall"}
ELICENCE_SCOPE = "电子政务-市场监管-政务服务网"
SMS_PURPOSE = "gdidp-legal-register"


def _q(name: str) -> str:
    """A 「…」-quoted capture that may be empty and never runs past its closing bracket."""
    return f"「(?P<{name}>[^」]*)」"


def _names(text: str) -> list[str]:
    """「账号密码、网银证书、CA证书」 → ['账号密码', '网银证书', 'CA证书']."""
    return [name.strip() for name in text.split("、") if name.strip()]


# ---------------------------------------------------------------- test data


@dataclass(frozen=True)
class LegalAccount:
    """A legal account seeded for the scenario: its id, credentials, unit and verifications."""

    id: int
    login_name: str
    password: str
    unit: Unit
    methods: tuple[str, ...]


@dataclass(frozen=True)
class Registration:
    """What this scenario types into 法人注册."""

    account: str
    password: str
    unit: Unit
    applicant: Person


@pytest.fixture
def my_unit(data: DataBuilder) -> Unit:
    """The unit the scenario acts for: it registers, logs in, verifies."""
    return data.unit()


@pytest.fixture
def legal_registration(data: DataBuilder, my_unit: Unit) -> Registration:
    """Valid 法人注册 data for this scenario's unit."""
    return Registration(account=data.gdidp_account(), password=data.strong_password(), unit=my_unit, applicant=data.person())


def seed_legal_account(control: MockControl, data: DataBuilder, unit: Unit, level: int, methods: list[str] | None = None) -> LegalAccount:
    """Creates a legal account of `unit` at `level` through the control API."""
    login_name, password, applicant = data.gdidp_account(), data.strong_password(), data.person()
    body = {
        "login_name": login_name,
        "password": password,
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "trust_level": level,
        "phone": unit.phone,
        "province": unit.province,
        "city": unit.city,
        "district": unit.district,
        "address_detail": unit.address_detail,
        "legal_rep_name": unit.legal_rep_name,
        "legal_rep_id": unit.legal_rep_id,
        "applicant_name": applicant.name,
        "applicant_id": applicant.resident_id,
        **({"methods": methods} if methods else {}),
    }
    state = control.post("legal-accounts", body)
    done = tuple(item["method"] for item in state["verifications"])
    return LegalAccount(id=state["id"], login_name=login_name, password=password, unit=unit, methods=done)


def captcha_answer(login: GdzwfwLoginPage, control: MockControl) -> str:
    """The answer to the captcha this browser is shown, as a person reads it off the image:
    the mock's control API knows it by the browser's session."""
    expect(login.captcha_image).to_be_visible()
    cookies = {cookie["name"]: cookie["value"] for cookie in login.page.context.cookies(control.base_url)}
    return control.post("captcha/shown", {"cookies": cookies})["answer"]


def accounts_of(control: MockControl, **where: str) -> list[dict]:
    """Accounts the mock holds with this uscc / login_name."""
    return control.get("legal-accounts", **where)


# ---------------------------------------------------------------- page objects


@pytest.fixture
def gdzwfw_login(page: Page, portal_urls: PortalUrls) -> GdzwfwLoginPage:
    """The GD-IdP login page object on this scenario's page."""
    return GdzwfwLoginPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_register(page: Page, portal_urls: PortalUrls) -> GdzwfwRegisterPage:
    """The GD-IdP registration page object."""
    return GdzwfwRegisterPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_home(page: Page, portal_urls: PortalUrls) -> GdzwfwHomePage:
    """The 广东政务服务网 home page object."""
    return GdzwfwHomePage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_account(page: Page, portal_urls: PortalUrls) -> GdzwfwAccountPage:
    """The 账号管理 page object (header and entries)."""
    return GdzwfwAccountPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_verify(page: Page, portal_urls: PortalUrls) -> GdzwfwVerifyPage:
    """The 实名核验 page object."""
    return GdzwfwVerifyPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def certificate_dialog(page: Page, portal_urls: PortalUrls) -> CertificateDialog:
    """Whichever digital-certificate dialog is open (网银证书核验 or CA证书核验)."""
    return CertificateDialog(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def elicence_dialog(page: Page, portal_urls: PortalUrls) -> ElicenceDialog:
    """The 电子营业执照核验 dialog."""
    return ElicenceDialog(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def ca_helper(page: Page, portal_urls: PortalUrls) -> CaHelper:
    """The CA helper's traces on the page: session number and install prompt."""
    return CaHelper(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_help(page: Page, portal_urls: PortalUrls) -> GdzwfwHelpPage:
    """A GD-IdP help page."""
    return GdzwfwHelpPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_info_edit(page: Page, portal_urls: PortalUrls) -> GdzwfwInfoEditPage:
    """The 「修改信息」 form of 证件真实性核验."""
    return GdzwfwInfoEditPage(page, portal_urls.gdzwfw, portal_urls.paths)


# ---------------------------------------------------------------- accounts and login


@given(parsers.re(r"已有一个(?P<level>[三四五]级)法人账号"), target_fixture="legal_account")
def existing_account(gdzwfw_control: MockControl, data: DataBuilder, my_unit: Unit, level: str) -> LegalAccount:
    """This scenario's unit already has an account at the level (seeded, not registered)."""
    return seed_legal_account(gdzwfw_control, data, my_unit, LEVELS[level])


@given(parsers.re(r"已有一个(?P<level>[三四五]级)法人账号，已完成(?P<method>[^，]+)核验"), target_fixture="legal_account")
def existing_account_verified_by(gdzwfw_control: MockControl, data: DataBuilder, my_unit: Unit, level: str, method: str) -> LegalAccount:
    """An account whose level came from the named method (besides 法人基础库)."""
    return seed_legal_account(gdzwfw_control, data, my_unit, LEVELS[level], ["registry", METHOD_KEYS[method]])


@given(parsers.re(r"已有另一个单位的(?P<level>[三四五]级)法人账号"), target_fixture="other_account")
def other_units_account(gdzwfw_control: MockControl, data: DataBuilder, level: str) -> LegalAccount:
    """Some other unit's account, for clashes with what this scenario registers."""
    return seed_legal_account(gdzwfw_control, data, data.unit(), LEVELS[level])


@given(parsers.re(r"我已用(?P<level>[三四五]级)法人账号登录"), target_fixture="legal_account")
def logged_in_at_level(gdzwfw_control: MockControl, data: DataBuilder, my_unit: Unit, page: Page, gdzwfw_home: GdzwfwHomePage, level: str) -> LegalAccount:
    """Seeds an account of this unit and starts the scenario logged in on the home page. The
    login itself is the subject of A1.2's scenarios; here the control API issues the session."""
    account = seed_legal_account(gdzwfw_control, data, my_unit, LEVELS[level])
    gdzwfw_control.start_session(page.context, login_name=account.login_name)
    gdzwfw_home.open()
    expect(gdzwfw_home.user_name(my_unit.name)).to_be_visible()
    return account


@given(parsers.re(r"我已用(?P<level>[三四五]级)法人账号登录，打开了「实名核验」页"), target_fixture="legal_account")
def logged_in_on_verify_page(gdzwfw_control: MockControl, data: DataBuilder, my_unit: Unit, page: Page, gdzwfw_verify: GdzwfwVerifyPage, level: str) -> LegalAccount:
    """As 「我已用…法人账号登录」, on the 实名核验 page."""
    account = seed_legal_account(gdzwfw_control, data, my_unit, LEVELS[level])
    gdzwfw_control.start_session(page.context, login_name=account.login_name)
    gdzwfw_verify.open()
    expect(gdzwfw_verify.current_level).to_be_visible()
    return account


@given("我打开广东省统一身份认证平台的登录页")
def open_gdzwfw_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open()


@given("我打开法人登录页")
def open_legal_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open_legal()


@given(parsers.re(r"我打开法人登录页并选择" + _q("method")))
def open_legal_login_with(gdzwfw_login: GdzwfwLoginPage, method: str) -> None:
    gdzwfw_login.open_legal(method)


@given("我打开法人账号密码登录页")
def open_password_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open_legal("账号密码")


@given("我未登录时打开「实名核验」页")
@when("我未登录时打开「实名核验」页")
def open_verify_logged_out(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    gdzwfw_verify.open()


@when("我选择「法人登录」")
def choose_legal_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.choose_legal_login()


@when(parsers.parse("我在其他登录方式中选择「{method}」"))
def choose_other_method(gdzwfw_login: GdzwfwLoginPage, method: str) -> None:
    gdzwfw_login.choose_other_method(method)


@when("我用该法人账号的账号密码登录")
def log_in_with_password(gdzwfw_login: GdzwfwLoginPage, gdzwfw_control: MockControl, legal_account: LegalAccount) -> None:
    gdzwfw_login.log_in_with_password(legal_account.login_name, legal_account.password, captcha_answer(gdzwfw_login, gdzwfw_control))


@when("我选择账号密码方式，用该法人账号登录")
def switch_and_log_in_with_password(gdzwfw_login: GdzwfwLoginPage, gdzwfw_control: MockControl, legal_account: LegalAccount) -> None:
    gdzwfw_login.choose_other_method("账号密码")
    gdzwfw_login.log_in_with_password(legal_account.login_name, legal_account.password, captcha_answer(gdzwfw_login, gdzwfw_control))


# Each way of getting the password login wrong: (login name, password, captcha answer).
LOGIN_MISTAKES: dict[str, Callable[[LegalAccount, str], tuple[str, str, str]]] = {
    "验证码填错": lambda account, answer: (account.login_name, account.password, str(int(answer) + 1)),
    "没有填写验证码": lambda account, answer: (account.login_name, account.password, ""),
    "密码填错": lambda account, answer: (account.login_name, account.password + "x", answer),
    "账号填成未注册的账号": lambda account, answer: (account.login_name + "zz", account.password, answer),
}


@when(parsers.re(r"我用该法人账号登录，但(?P<mistake>.+)"))
def log_in_with_mistake(gdzwfw_login: GdzwfwLoginPage, gdzwfw_control: MockControl, legal_account: LegalAccount, mistake: str) -> None:
    gdzwfw_login.log_in_with_password(*LOGIN_MISTAKES[mistake](legal_account, captcha_answer(gdzwfw_login, gdzwfw_control)))


@then(parsers.re(r"法人登录页提示" + _q("message")))
def login_page_says(gdzwfw_login: GdzwfwLoginPage, message: str) -> None:
    expect(gdzwfw_login.error).to_have_text(message)


@then("我仍停留在账号密码登录表单，没有登录")
def still_on_password_form(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.login_button).to_be_visible()


@then("右上角显示本单位的名称")
def unit_name_top_right(gdzwfw_home: GdzwfwHomePage, my_unit: Unit) -> None:
    expect(gdzwfw_home.user_name(my_unit.name)).to_be_visible()


@then("我来到法人账号密码登录页")
def on_password_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.captcha_image).to_be_visible()


@then("我来到实名核验页")
def on_verify_page(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    expect(gdzwfw_verify.current_level).to_be_visible()


# ---------------------------------------------------------------- A1.1 / A1.2 login page


@then("我看到「个人登录」和「法人登录」两个标签")
def both_tabs_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.personal_tab.or_(gdzwfw_login.legal_tab)).to_have_count(2)


@then("「法人登录」标签处于选中状态")
def legal_tab_selected(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.selected_tab).to_have_text("法人登录")


@then("页面说明法人包括企业、个体工商户、政府机关、社会团体等")
def legal_note_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.legal_note).to_be_visible()


@then("页面提示使用微信扫码登录")
def wechat_scan_prompt_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.wechat_scan_prompt).to_be_visible()


@then(parsers.parse("其他登录方式依次为「{methods}」"))
def other_methods_are(gdzwfw_login: GdzwfwLoginPage, methods: str) -> None:
    expect(gdzwfw_login.other_methods).to_have_text(_names(methods))


@then("我看到账号密码登录表单，带「立即注册」「找回密码/账号」「登录」")
def password_form_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    form = gdzwfw_login.account.or_(gdzwfw_login.password).or_(gdzwfw_login.register_link).or_(gdzwfw_login.recover_link).or_(gdzwfw_login.login_button)
    expect(form).to_have_count(5)


@then("登录表单有图形验证码，提示「请输入图中算式的计算结果」")
def captcha_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.captcha_image.or_(gdzwfw_login.captcha)).to_have_count(2)


# ---------------------------------------------------------------- A1.3 registration entry and steps


@given("我打开法人注册页")
def open_legal_registration(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.open()


@when("我点击「立即注册」")
def click_register(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open_registration()


@then("我看到「个人注册」和「法人注册」两个标签")
def registration_tabs(gdzwfw_register: GdzwfwRegisterPage) -> None:
    expect(gdzwfw_register.tabs).to_have_text(["个人注册", "法人注册"])


@then("「法人注册」标签处于选中状态")
def legal_registration_selected(gdzwfw_register: GdzwfwRegisterPage) -> None:
    expect(gdzwfw_register.selected_tab).to_have_text("法人注册")


@then(parsers.parse("注册步骤依次为「{steps}」"))
def registration_steps(gdzwfw_register: GdzwfwRegisterPage, steps: str) -> None:
    expect(gdzwfw_register.steps).to_have_text(_names(steps))


@then(parsers.parse("当前步骤为「{step}」"))
def current_step(gdzwfw_register: GdzwfwRegisterPage, step: str) -> None:
    expect(gdzwfw_register.current_step).to_have_text(step)


# ---------------------------------------------------------------- A1.4 / A1.5 fields and rules


@when(parsers.re(r"我在" + _q("field") + "中填写" + _q("value")))
def fill_field(gdzwfw_register: GdzwfwRegisterPage, field: str, value: str) -> None:
    gdzwfw_register.fill_field(field, value)


@when(parsers.re(r"我在" + _q("field") + "中填写" + _q("value") + "并点击「下一步」"))
def fill_field_and_go_next(gdzwfw_register: GdzwfwRegisterPage, field: str, value: str) -> None:
    gdzwfw_register.fill_field(field, value)
    gdzwfw_register.go_next()


@when(parsers.re(r"我填写登录密码" + _q("password") + "和确认密码" + _q("confirmation") + "并点击「下一步」"))
def fill_passwords_and_go_next(gdzwfw_register: GdzwfwRegisterPage, password: str, confirmation: str) -> None:
    gdzwfw_register.fill_field("登录密码", password)
    gdzwfw_register.fill_field("确认密码", confirmation)
    gdzwfw_register.go_next()


def _uscc_of_kind(data: DataBuilder, kind: str) -> str:
    makers: dict[str, Callable[[], str]] = {
        "有效": data.uscc,
        "校验位错误": data.uscc_with_bad_check_char,
        "内含组织机构代码错误": data.uscc_with_bad_org_code,
        "少一位": data.uscc_wrong_length,
        "含小写字母": lambda: data.uscc().lower(),
        "空白": lambda: "",
    }
    return makers[kind]()


def _resident_id_of_kind(data: DataBuilder, kind: str) -> str:
    makers: dict[str, Callable[[], str]] = {
        "有效": data.resident_id,
        "校验位错误": data.resident_id_with_bad_check_digit,
        "出生日期不存在": data.resident_id_with_bad_birth_date,
        "少一位": lambda: data.resident_id()[:-1],
        "空白": lambda: "",
    }
    return makers[kind]()


@when(parsers.re(r"我在「单位/企业证件号码」中填写(?P<kind>[^的]+)的统一社会信用代码并点击「下一步」"))
def fill_uscc_of_kind(gdzwfw_register: GdzwfwRegisterPage, data: DataBuilder, kind: str) -> None:
    gdzwfw_register.fill_field("单位/企业证件号码", _uscc_of_kind(data, kind))
    gdzwfw_register.go_next()


@when(parsers.re(r"我在「法定代表人证件」中填写(?P<kind>[^的]+)的身份证号码并点击「下一步」"))
def fill_resident_id_of_kind(gdzwfw_register: GdzwfwRegisterPage, data: DataBuilder, kind: str) -> None:
    gdzwfw_register.fill_field("法定代表人证件", _resident_id_of_kind(data, kind))
    gdzwfw_register.go_next()


@when(parsers.re(r"我选择证件地址" + _q("province") + _q("city") + _q("district") + "，详细地址" + _q("detail") + "并点击「下一步」"))
def choose_address_and_go_next(gdzwfw_register: GdzwfwRegisterPage, province: str, city: str, district: str, detail: str) -> None:
    gdzwfw_register.choose_address(province, city, district)
    gdzwfw_register.fill_field("证件详细地址", detail)
    gdzwfw_register.go_next()


@when(parsers.re(r"我选择证件地址" + _q("province") + _q("city")))
def choose_city(gdzwfw_register: GdzwfwRegisterPage, province: str, city: str) -> None:
    gdzwfw_register.choose_address(province, city)


@then(parsers.parse("区县可选「{districts}」"))
def district_options(gdzwfw_register: GdzwfwRegisterPage, districts: str) -> None:
    expect(gdzwfw_register.district_choices()).to_have_text(["请选择", *_names(districts)])


@then(parsers.re(_q("field") + "旁提示" + _q("message")))
def field_message(gdzwfw_register: GdzwfwRegisterPage, field: str, message: str) -> None:
    # No message beside a field means it was accepted.
    shown = gdzwfw_register.field_message(field)
    expect(shown).to_have_text(message) if message else expect(shown).to_have_count(0)


@then(parsers.re(_q("field") + "中仍是" + _q("value")))
def field_keeps_value(gdzwfw_register: GdzwfwRegisterPage, field: str, value: str) -> None:
    expect(gdzwfw_register.field(field)).to_have_value(value)


@when("我点击「下一步」")
def go_next(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.go_next()


# ---------------------------------------------------------------- A1.6 face recognition


def _scan_face(control: MockControl, ticket: str, person: Person, passed: bool = True) -> dict:
    return control.post(f"scan/{ticket}", {"name": person.name, "resident_id": person.resident_id, "passed": passed})


@when("申请人用微信扫描页面上的小程序码并通过人脸识别", target_fixture="scan_result")
def applicant_scans(gdzwfw_register: GdzwfwRegisterPage, gdzwfw_control: MockControl, legal_registration: Registration) -> dict:
    return _scan_face(gdzwfw_control, gdzwfw_register.mini_program_ticket(), legal_registration.applicant)


@when("申请人用微信扫描页面上的小程序码，但人脸识别未通过", target_fixture="scan_result")
def applicant_fails_face(gdzwfw_register: GdzwfwRegisterPage, gdzwfw_control: MockControl, legal_registration: Registration) -> dict:
    return _scan_face(gdzwfw_control, gdzwfw_register.mini_program_ticket(), legal_registration.applicant, passed=False)


@when("我点击「刷新小程序码」", target_fixture="old_mini_program_code")
def refresh_code(gdzwfw_register: GdzwfwRegisterPage) -> str:
    old = gdzwfw_register.mini_program_ticket()
    gdzwfw_register.refresh_mini_program_code()
    return old


@when("申请人用微信扫描刷新前的小程序码", target_fixture="scan_result")
def applicant_scans_old_code(gdzwfw_control: MockControl, legal_registration: Registration, old_mini_program_code: str) -> dict:
    return _scan_face(gdzwfw_control, old_mini_program_code, legal_registration.applicant)


@then("页面显示新的小程序码")
def new_code_shown(gdzwfw_register: GdzwfwRegisterPage, old_mini_program_code: str) -> None:
    expect(gdzwfw_register.mini_program_number).not_to_have_text(f"小程序码编号：{old_mini_program_code}")


@then(parsers.re(r"微信提示" + _q("message")))
def phone_says(scan_result: dict, message: str) -> None:
    assert scan_result["message"] == message, scan_result


@then("页面显示已添加申请人的实名信息")
def applicant_added(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    expect(gdzwfw_register.applicant_info).to_contain_text(legal_registration.applicant.name)


@then("页面没有添加申请人的实名信息")
def applicant_not_added(gdzwfw_register: GdzwfwRegisterPage) -> None:
    expect(gdzwfw_register.applicant_info).to_have_count(0)


# ---------------------------------------------------------------- A1.7 agreement, SMS, duplicates


def _request_sms_code(register: GdzwfwRegisterPage, control: MockControl, phone: str) -> str:
    register.request_sms_code(phone)
    return control.get("sms", phone=phone)[0]["code"]


# What 「但…」 leaves out or changes in an otherwise complete registration.
REGISTRATION_PROBLEMS = (
    "没有勾选同意协议",
    "短信验证码填错",
    "没有填写短信验证码",
    "申请人没有通过人脸识别",
    "统一社会信用代码与已有账号相同",
    "登录账号与已有账号相同",
)


def _fill_registration(register: GdzwfwRegisterPage, control: MockControl, entry: Registration, problem: str | None = None) -> None:
    """Fills every part of step 1 as a user would, except what `problem` names."""
    assert problem is None or problem in REGISTRATION_PROBLEMS, problem
    unit = entry.unit
    register.fill_account_info(entry.account, entry.password, entry.password)
    register.fill_unit_info(
        name=unit.name, uscc=unit.uscc, province=unit.province, city=unit.city, district=unit.district,
        address_detail=unit.address_detail, legal_rep_name=unit.legal_rep_name, legal_rep_id=unit.legal_rep_id,
    )
    if problem != "申请人没有通过人脸识别":
        _scan_face(control, register.mini_program_ticket(), entry.applicant)
    if problem == "没有填写短信验证码":
        register.fill_field("手机号码", unit.phone)
    else:
        code = _request_sms_code(register, control, unit.phone)
        register.fill_field("短信验证码", code if problem != "短信验证码填错" else f"{(int(code) + 1) % 10**6:06d}")
    if problem != "没有勾选同意协议":
        register.agree_to_terms()


@when("我填写完整的法人注册信息")
def fill_complete_registration(gdzwfw_register: GdzwfwRegisterPage, gdzwfw_control: MockControl, legal_registration: Registration) -> None:
    _fill_registration(gdzwfw_register, gdzwfw_control, legal_registration)


@when(parsers.re(r"我填写完整的法人注册信息，但(?P<problem>.+)"), target_fixture="legal_registration")
def fill_registration_with_problem(
    gdzwfw_register: GdzwfwRegisterPage, gdzwfw_control: MockControl, legal_registration: Registration, request: pytest.FixtureRequest, problem: str
) -> Registration:
    if problem == "统一社会信用代码与已有账号相同":
        other: LegalAccount = request.getfixturevalue("other_account")
        legal_registration = dataclasses.replace(legal_registration, unit=dataclasses.replace(legal_registration.unit, uscc=other.unit.uscc))
    elif problem == "登录账号与已有账号相同":
        other = request.getfixturevalue("other_account")
        legal_registration = dataclasses.replace(legal_registration, account=other.login_name)
    _fill_registration(gdzwfw_register, gdzwfw_control, legal_registration, problem)
    return legal_registration


@when("我填写账号信息")
def fill_account_info(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    gdzwfw_register.fill_account_info(legal_registration.account, legal_registration.password, legal_registration.password)


@when("我填写法人信息")
def fill_unit_info(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    unit = legal_registration.unit
    gdzwfw_register.fill_unit_info(
        name=unit.name, uscc=unit.uscc, province=unit.province, city=unit.city, district=unit.district,
        address_detail=unit.address_detail, legal_rep_name=unit.legal_rep_name, legal_rep_id=unit.legal_rep_id,
    )


@when("我填写手机号码并获取短信验证码")
def fill_sms_code(gdzwfw_register: GdzwfwRegisterPage, gdzwfw_control: MockControl, legal_registration: Registration) -> None:
    code = _request_sms_code(gdzwfw_register, gdzwfw_control, legal_registration.unit.phone)
    gdzwfw_register.fill_field("短信验证码", code)


@when("我填写手机号码并点击「获取验证码」")
def request_sms_code(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    gdzwfw_register.request_sms_code(legal_registration.unit.phone)


@when(parsers.re(r"我在「手机号码」中填写" + _q("phone") + "并点击「获取验证码」"))
def request_sms_code_for(gdzwfw_register: GdzwfwRegisterPage, phone: str) -> None:
    gdzwfw_register.request_sms_code(phone)


@when("我勾选同意《用户服务协议》和《隐私政策》")
def agree(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.agree_to_terms()


@then("获取验证码处提示验证码已发送至该手机号码")
def sms_sent_to_phone(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    phone = legal_registration.unit.phone
    expect(gdzwfw_register.sms_status).to_have_text(f"验证码已发送至{phone[:3]}****{phone[-4:]}，5分钟内有效")


@then(parsers.re(r"获取验证码处提示" + _q("message")))
def sms_status_says(gdzwfw_register: GdzwfwRegisterPage, message: str) -> None:
    expect(gdzwfw_register.sms_status).to_have_text(message)


@then("该手机号码收到一条注册验证码短信")
def sms_code_received(gdzwfw_control: MockControl, legal_registration: Registration) -> None:
    messages = gdzwfw_control.get("sms", phone=legal_registration.unit.phone)
    assert [message["purpose"] for message in messages] == [SMS_PURPOSE], messages
    assert re.fullmatch(r"\d{6}", messages[0]["code"]), messages


@then("没有为本次填写的单位或登录账号创建法人账号")
def nothing_created(gdzwfw_control: MockControl, legal_registration: Registration, request: pytest.FixtureRequest) -> None:
    found = accounts_of(gdzwfw_control, uscc=legal_registration.unit.uscc) + accounts_of(gdzwfw_control, login_name=legal_registration.account)
    # Only the other unit's seeded account may carry the clashing number or login name.
    other: LegalAccount = request.getfixturevalue("other_account")
    assert {account["id"] for account in found} <= {other.id}, found


# ---------------------------------------------------------------- A1.3 steps 2 and 3


@then("页面显示法人基础库核验结果「核验通过」")
def registry_passed(gdzwfw_register: GdzwfwRegisterPage) -> None:
    expect(gdzwfw_register.registry_result).to_have_text("法人基础库核验结果：核验通过")


@then(parsers.parse("注册成功，可信等级为「{level}」"))
def registration_done(gdzwfw_register: GdzwfwRegisterPage, level: str) -> None:
    expect(gdzwfw_register.level_on_success).to_contain_text(f"您的账号当前可信等级为：{level}")


@then(parsers.parse("平台中有本单位的法人账号，可信等级为「{level}」，核验方式为「{method}」"))
def account_registered(gdzwfw_control: MockControl, legal_registration: Registration, level: str, method: str) -> None:
    (account,) = accounts_of(gdzwfw_control, uscc=legal_registration.unit.uscc)
    assert (account["login_name"], account["level_name"], account["has_password"]) == (legal_registration.account, level, True), account
    assert [item["method_name"] for item in account["verifications"]] == [method], account


@when("我点击「立即登录」并用新注册的账号密码登录")
def log_in_after_registration(
    gdzwfw_register: GdzwfwRegisterPage, gdzwfw_login: GdzwfwLoginPage, gdzwfw_control: MockControl, legal_registration: Registration
) -> None:
    gdzwfw_register.log_in_now()
    gdzwfw_login.log_in_with_password(legal_registration.account, legal_registration.password, captcha_answer(gdzwfw_login, gdzwfw_control))


# ---------------------------------------------------------------- A1.8 e-licence login


def _scan_licence(control: MockControl, ticket: str, unit: Unit, scope: str = ELICENCE_SCOPE) -> dict:
    licence = {"uscc": unit.uscc, "unit_name": unit.name, "legal_rep_name": unit.legal_rep_name, "scope": scope}
    return control.post(f"scan/{ticket}", licence)


@when("我选择「无需注册，微信扫码 使用电子营业执照直接登录」")
def choose_elicence_login(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.use_elicence_instead()


@when("我用微信扫描登录二维码，在电子营业执照小程序中选择本单位的执照并确认登录", target_fixture="scan_result")
def scan_login_code(gdzwfw_login: GdzwfwLoginPage, gdzwfw_control: MockControl, my_unit: Unit) -> dict:
    return _scan_licence(gdzwfw_control, gdzwfw_login.login_code_ticket(), my_unit)


@when(parsers.re(r"我用微信扫描登录二维码，但电子营业执照的授权事项为" + _q("scope")), target_fixture="scan_result")
def scan_login_code_with_scope(gdzwfw_login: GdzwfwLoginPage, gdzwfw_control: MockControl, my_unit: Unit, scope: str) -> dict:
    return _scan_licence(gdzwfw_control, gdzwfw_login.login_code_ticket(), my_unit, scope)


@when("我点击「我已扫码」")
def confirm_login_scan(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.confirm_scanned()


@then(parsers.parse("平台为本单位自动创建了法人账号：没有登录账号和密码，可信等级为「{level}」"))
def account_created_by_licence(gdzwfw_control: MockControl, my_unit: Unit, level: str) -> None:
    (account,) = accounts_of(gdzwfw_control, uscc=my_unit.uscc)
    assert (account["login_name"], account["has_password"], account["level_name"]) == (None, False, level), account
    assert [item["method_name"] for item in account["verifications"]] == ["电子营业执照"], account


@then(parsers.parse("本单位仍只有原来的法人账号，可信等级仍为「{level}」"))
def still_the_one_account(gdzwfw_control: MockControl, legal_account: LegalAccount, level: str) -> None:
    accounts = accounts_of(gdzwfw_control, uscc=legal_account.unit.uscc)
    assert [(account["id"], account["level_name"]) for account in accounts] == [(legal_account.id, level)], accounts


@then("没有为本单位创建法人账号")
def no_account_for_unit(gdzwfw_control: MockControl, my_unit: Unit) -> None:
    assert accounts_of(gdzwfw_control, uscc=my_unit.uscc) == []


# ---------------------------------------------------------------- A1.9 notes, help pages


@then("注意说明依次为:")
def notes_are(gdzwfw_register: GdzwfwRegisterPage, datatable: list[list[str]]) -> None:
    expect(gdzwfw_register.notes).to_have_text([row[0] for row in datatable])


@when("我点击注意说明中的「用户帮助」")
def open_notes_help(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.open_notes_help()


@then(parsers.parse("我看到帮助页「{title}」"))
def help_page_shown(gdzwfw_help: GdzwfwHelpPage, title: str) -> None:
    expect(gdzwfw_help.heading(title)).to_be_visible()


# ---------------------------------------------------------------- A2.1 account management


@when("我点击右上角的「账号管理」")
def open_account_management(gdzwfw_home: GdzwfwHomePage) -> None:
    gdzwfw_home.open_account_management()


@when("我点击右上角的用户名，在下拉框中选择「账户管理」")
def open_account_management_from_menu(gdzwfw_home: GdzwfwHomePage, my_unit: Unit) -> None:
    gdzwfw_home.choose_from_user_menu(my_unit.name, "账户管理")


@when(parsers.parse("我打开账号管理中的「{entry}」"))
def open_account_entry(gdzwfw_account: GdzwfwAccountPage, entry: str) -> None:
    gdzwfw_account.open_entry(entry)


@given("我打开「实名核验」页")
@when("我打开「实名核验」页")
def open_verify_page(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    gdzwfw_verify.open()


@when("我点击页头的「用户帮助」")
def open_header_help(gdzwfw_account: GdzwfwAccountPage) -> None:
    gdzwfw_account.open_help()


@when("我点击页头的「退出登录」")
def log_out(gdzwfw_account: GdzwfwAccountPage) -> None:
    gdzwfw_account.log_out()


@then("页头显示「广东省统一身份认证平台 | 账号管理」以及「用户帮助」「退出登录」")
def account_header(gdzwfw_account: GdzwfwAccountPage) -> None:
    expect(gdzwfw_account.title.or_(gdzwfw_account.help_link).or_(gdzwfw_account.logout_link)).to_have_count(3)


@then(parsers.parse("账号管理列出「{entries}」"))
def account_entries(gdzwfw_account: GdzwfwAccountPage, entries: str) -> None:
    expect(gdzwfw_account.entries(_names(entries))).to_have_text(_names(entries))


@then(parsers.parse("实名核验下列出「{levels}」"))
def verification_levels(gdzwfw_account: GdzwfwAccountPage, levels: str) -> None:
    expect(gdzwfw_account.entries(_names(levels))).to_have_text(_names(levels))


@then("我回到首页，右上角显示「登录」")
def logged_out(gdzwfw_home: GdzwfwHomePage) -> None:
    expect(gdzwfw_home.login_link).to_be_visible()


# ---------------------------------------------------------------- A2.2–A2.5 实名核验 page


@then(parsers.parse("实名核验页显示当前可信等级为「{level}」"))
def current_level(gdzwfw_verify: GdzwfwVerifyPage, level: str) -> None:
    expect(gdzwfw_verify.current_level).to_have_text(f"您的账号当前可信等级为：{level}。")


@then(parsers.parse("实名核验页显示当前核验方式为「{method}」"))
def current_method(gdzwfw_verify: GdzwfwVerifyPage, method: str) -> None:
    expect(gdzwfw_verify.current_method).to_have_text(f"当前账号核验方式为：{method}。")


@then("实名核验页说明可通过任意一种四级或五级的核验方式升级")
def upgrade_note(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    expect(gdzwfw_verify.upgrade_note).to_have_text("您可通过任意一种 四级 (原L2) 或 五级 (原L3) 的核验方式进行升级。")


@then(parsers.parse("「{level}」说明「{text}」"))
def level_description(gdzwfw_verify: GdzwfwVerifyPage, level: str, text: str) -> None:
    expect(gdzwfw_verify.level(level)).to_contain_text(text)


@then(parsers.parse("「{level}」下的核验方式为「{methods}」"))
def level_methods(gdzwfw_verify: GdzwfwVerifyPage, level: str, methods: str) -> None:
    expect(gdzwfw_verify.method_titles(level)).to_have_text(_names(methods))


@then(parsers.parse("「{method}」状态为「{status}」"))
def method_status(gdzwfw_verify: GdzwfwVerifyPage, method: str, status: str) -> None:
    expect(gdzwfw_verify.method_status(method)).to_have_text(status)


@then(parsers.parse("「{method}」提供「{actions}」"))
def method_actions(gdzwfw_verify: GdzwfwVerifyPage, method: str, actions: str) -> None:
    names = _names(actions)
    found = reduce(Locator.or_, (gdzwfw_verify.method_action(method, name) for name in names))
    expect(found).to_have_count(len(names))


@when(parsers.parse("我点击「{method}」的「{action}」"))
def click_method_action(gdzwfw_verify: GdzwfwVerifyPage, method: str, action: str) -> None:
    gdzwfw_verify.click_method_action(method, action)


@then(parsers.re(r"实名核验页提示" + _q("message")))
def page_message(gdzwfw_verify: GdzwfwVerifyPage, message: str) -> None:
    expect(gdzwfw_verify.message).to_have_text(message)


@then("说明通过网银证书或电子营业执照核验的账号为四级 (L2)")
def level_note(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    expect(gdzwfw_verify.level_note).to_be_visible()


@when("我把法定代表人改为另一个人并保存", target_fixture="new_legal_rep")
def change_legal_rep(gdzwfw_info_edit: GdzwfwInfoEditPage, data: DataBuilder) -> Person:
    person = data.person()
    gdzwfw_info_edit.change_legal_representative(person.name, person.resident_id)
    return person


@when(parsers.re(r"我把法定代表人证件改为(?P<kind>[^的]+)的身份证号码并保存"))
def change_legal_rep_id(gdzwfw_info_edit: GdzwfwInfoEditPage, data: DataBuilder, legal_account: LegalAccount, kind: str) -> None:
    gdzwfw_info_edit.change_legal_representative(legal_account.unit.legal_rep_name, _resident_id_of_kind(data, kind))


@then(parsers.re(r"修改信息页" + _q("field") + "旁提示" + _q("message")))
def edit_field_message(gdzwfw_info_edit: GdzwfwInfoEditPage, field: str, message: str) -> None:
    expect(gdzwfw_info_edit.field_message(field)).to_have_text(message)


@then("该法人账号的法定代表人已改为新的法定代表人")
def legal_rep_changed(gdzwfw_control: MockControl, legal_account: LegalAccount, new_legal_rep: Person) -> None:
    (account,) = accounts_of(gdzwfw_control, uscc=legal_account.unit.uscc)
    assert (account["legal_rep_name"], account["legal_rep_id"]) == (new_legal_rep.name, new_legal_rep.resident_id), account


# ---------------------------------------------------------------- A2.5 / A2.6 certificates


@then("弹窗显示数字证书核验引导，可下载「CA助手」")
def certificate_guide(certificate_dialog: CertificateDialog) -> None:
    expect(certificate_dialog.ca_helper_link).to_be_visible()


@then(parsers.re(r"提示安装CA助手" + _q("message")))
def helper_prompt_shown(ca_helper: CaHelper, message: str) -> None:
    expect(ca_helper.prompt).to_contain_text(message)


@when("我点击「知道了」")
def dismiss_helper_prompt(ca_helper: CaHelper) -> None:
    ca_helper.dismiss_prompt()


@then("安装提示已关闭")
def helper_prompt_closed(ca_helper: CaHelper) -> None:
    expect(ca_helper.prompt).to_have_count(0)


def _insert_certificate(control: MockControl, helper: CaHelper, kind: str, uscc: str, pin: str) -> None:
    control.post(kind, {"ticket": helper.session_id(), "helper_installed": True, "certificate_inserted": True, "uscc": uscc, "pin": pin})


@when(parsers.re(r"我安装CA助手，启动网银客户端并插入(?P<whose>本单位|另一个单位)的网银证书，PIN码为" + _q("pin")))
def insert_bank_certificate(gdzwfw_control: MockControl, ca_helper: CaHelper, my_unit: Unit, data: DataBuilder, whose: str, pin: str) -> None:
    uscc = my_unit.uscc if whose == "本单位" else data.uscc()
    _insert_certificate(gdzwfw_control, ca_helper, "bank-cert", uscc, pin)


@when(parsers.re(r"我安装CA助手并插入本单位的CA证书，PIN码为" + _q("pin")))
def insert_ca_certificate(gdzwfw_control: MockControl, ca_helper: CaHelper, my_unit: Unit, pin: str) -> None:
    _insert_certificate(gdzwfw_control, ca_helper, "ca-cert", my_unit.uscc, pin)


@when("我安装CA助手，但没有插入网银证书")
def helper_without_certificate(gdzwfw_control: MockControl, ca_helper: CaHelper) -> None:
    gdzwfw_control.post("bank-cert", {"ticket": ca_helper.session_id(), "helper_installed": True, "certificate_inserted": False})


@when(parsers.re(r"我输入PIN码" + _q("pin") + "并点击「数字证书核验」"))
def verify_certificate(certificate_dialog: CertificateDialog, pin: str) -> None:
    certificate_dialog.verify_with_pin(pin)


@when(parsers.re(r"我输入PIN码" + _q("pin") + "并登录"))
def log_in_with_certificate(gdzwfw_login: GdzwfwLoginPage, pin: str) -> None:
    gdzwfw_login.log_in_with_certificate(pin)


@then(parsers.re(r"核验弹窗提示" + _q("message")))
def dialog_error(gdzwfw_verify: GdzwfwVerifyPage, message: str) -> None:
    expect(gdzwfw_verify.dialog_error).to_have_text(message)


@then(parsers.parse("该法人账号的可信等级仍为「{level}」，没有新的核验记录"))
def level_unchanged(gdzwfw_control: MockControl, legal_account: LegalAccount, level: str) -> None:
    (account,) = accounts_of(gdzwfw_control, uscc=legal_account.unit.uscc)
    assert account["level_name"] == level, account
    assert tuple(item["method"] for item in account["verifications"]) == legal_account.methods, account


# ---------------------------------------------------------------- A2.7 e-licence verification


@then(parsers.re(r"弹窗说明电子营业执照的授权事项须为" + _q("scope")))
def elicence_scope_note(elicence_dialog: ElicenceDialog, scope: str) -> None:
    expect(elicence_dialog.scope_note).to_contain_text(scope)


@when("我用微信扫描二维码，选择本单位的电子营业执照并确认登录", target_fixture="scan_result")
def scan_verification_code(elicence_dialog: ElicenceDialog, gdzwfw_control: MockControl, my_unit: Unit) -> dict:
    return _scan_licence(gdzwfw_control, elicence_dialog.ticket(), my_unit)


@when(parsers.re(r"我用微信扫描二维码，但(?P<problem>.+)"))
def scan_verification_code_wrongly(elicence_dialog: ElicenceDialog, gdzwfw_control: MockControl, my_unit: Unit, data: DataBuilder, problem: str) -> None:
    if problem == "选择了另一个单位的电子营业执照":
        _scan_licence(gdzwfw_control, elicence_dialog.ticket(), data.unit())
    elif problem == "电子营业执照未授权政务服务网事项":
        _scan_licence(gdzwfw_control, elicence_dialog.ticket(), my_unit, scope="电子政务-市场监管-登记注册")
    else:
        assert problem == "还没有扫码", problem


@when("我在弹窗中点击「我已扫码」")
def confirm_verification_scan(elicence_dialog: ElicenceDialog) -> None:
    elicence_dialog.confirm_scanned()
