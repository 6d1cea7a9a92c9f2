"""Steps for HRSS accounts: unit registration, sub-account binding, unit authorisation code and
handler login (guide part 二, B1.1–B2.2).

The wizard, the unit login, the handler's seeding and the platform steps are `steps.hrss`' and are
reused by their wording; this module adds the personal accounts, 「个人登录」 and its dialog,
子账号/父账号 binding, 申请单位授权码, the agency's back office and 授权码实名. Preconditions are
seeded and read through `harness.hrss_records`, in the words of the scenario.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pytest
from playwright.sync_api import BrowserContext, FilePayload, Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.hrss_records import HrssRecords
from harness.mock_control import MockControl
from harness.portals import PortalUrls
from harness.preconditions import MyUnit, Preconditions
from pages.base import click_and_load, shows
from pages.hrss.backoffice_page import BackofficePage
from pages.hrss.find_login_id_page import FindLoginIdPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.person_account_page import PersonAccountPage
from pages.hrss.person_guide_page import PersonGuidePage
from pages.hrss.person_login_page import PersonLoginPage, UnitChoiceDialog
from pages.hrss.person_register_page import PersonRegisterPage, PersonRegistration
from pages.hrss.platform_home import PlatformHomePage
from pages.hrss.realname_page import RealnamePage
from pages.hrss.unit_account_page import UnitAccountPage
from pages.hrss.unit_registration import RealnamePersonStepPage, UnitInfo, UnitInfoStepPage
from steps.hrss import handler_entry

if TYPE_CHECKING:
    # steps.hrss seeds the handler and the unit account; only their shape is needed here.
    from steps.hrss import Handler, HrssUnitAccount

CERT_TYPES = {"统一社会信用代码": "uscc", "组织机构代码": "org_code"}
BINDING_STATES = {"无": None, "待确认": "pending", "已拒绝": "declined", "已绑定": "bound"}
FACE_RESULTS = {"通过": True, "不通过": False}
REALNAME_LEVELS = {"一级": 1, "二级": 2, "三级": 3}
AUTHCODE_IN_SMS = re.compile(r"授权码：(\d+)")

# Leading bytes that make a file what its name says (or, for 「文本」, not).
MATERIAL_CONTENTS = {
    "PDF": b"%PDF-1.4\n",
    "PNG": b"\x89PNG\r\n\x1a\n",
    "JPEG": b"\xff\xd8\xff\xe0",
    "Word文档": b"PK\x03\x04",
    "文本": b"plain text, not a scan\n",
}
KIND_BY_EXTENSION = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "docx": "Word文档"}
MIME_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SIZE_UNITS = {"MB": 1024 * 1024, "KB": 1024, "字节": 1}


# --- Page objects -------------------------------------------------------------------------------


@pytest.fixture
def person_login(page: Page, portal_urls: PortalUrls) -> PersonLoginPage:
    """The HRSS login page with its 「个人登录」 tab."""
    return PersonLoginPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def unit_choice(page: Page, portal_urls: PortalUrls) -> UnitChoiceDialog:
    """The dialog listing the units bound to the personal account."""
    return UnitChoiceDialog(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def person_register(page: Page, portal_urls: PortalUrls) -> PersonRegisterPage:
    """「个人注册」."""
    return PersonRegisterPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def find_login_id(page: Page, portal_urls: PortalUrls) -> FindLoginIdPage:
    """「找回登录账号」."""
    return FindLoginIdPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def person_guide(page: Page, portal_urls: PortalUrls) -> PersonGuidePage:
    """The personal-account guide (`static/person.html`)."""
    return PersonGuidePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def person_account(page: Page, portal_urls: PortalUrls) -> PersonAccountPage:
    """账户管理 of the personal account."""
    return PersonAccountPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def unit_account(page: Page, portal_urls: PortalUrls) -> UnitAccountPage:
    """账户管理 of the unit account."""
    return UnitAccountPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def realname(page: Page, portal_urls: PortalUrls) -> RealnamePage:
    """「实名认证」 in the platform."""
    return RealnamePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def backoffice(page: Page, portal_urls: PortalUrls) -> BackofficePage:
    """The 社保经办机构 back office."""
    return BackofficePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def hrss_records(hrss_control: MockControl) -> HrssRecords:
    """Part 二 records of the mock HRSS (accounts, bindings, applications, SMS)."""
    return HrssRecords(hrss_control)


# --- Helpers ------------------------------------------------------------------------------------


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


def _size(text: str) -> int:
    """「20KB」, 「5MB」, 「5MB+1字节」, 「0字节」 → bytes."""
    total = 0
    for number, unit in re.findall(r"(\d+)(MB|KB|字节)", text):
        total += int(number) * SIZE_UNITS[unit]
    return total


def material(name: str, size: str = "20KB", kind: str | None = None) -> FilePayload:
    """A file called `name` of `size` whose content is `kind` (by default what its name says)."""
    extension = name.rsplit(".", 1)[-1].lower()
    head = MATERIAL_CONTENTS[kind or KIND_BY_EXTENSION[extension]]
    length = _size(size)
    body = (head + b"\n" + b"0123456789abcdef" * (length // 16 + 1))[:length]
    return {"name": name, "mimeType": MIME_TYPES.get(extension, "application/octet-stream"), "buffer": body}


def _sha256(payload: FilePayload) -> str:
    return hashlib.sha256(payload["buffer"]).hexdigest()


def _seed_other_unit(hrss_records: HrssRecords, data: DataBuilder) -> Unit:
    other = data.unit()
    hrss_records.register_unit(other.uscc, other.name)
    return other


def _authcode_from_sms(hrss_records: HrssRecords, handler: Handler, unit: Unit) -> str:
    """The 授权码 the approval SMS about this unit carries, read as a person reads it."""
    texts = [message["text"] for message in hrss_records.texts(hrss_records.phone_of(handler.login_name), "hrss_authcode_approved") if unit.name in message["text"]]
    assert texts, "经办人没有收到该单位的授权码短信"
    return AUTHCODE_IN_SMS.search(texts[0]).group(1)


# --- Seeding (@mock_only) -----------------------------------------------------------------------


@given("该单位已向经办人的个人账号发起绑定申请")
def seed_pending_binding(hrss_records: HrssRecords, unit: Unit, hrss_unit: HrssUnitAccount, handler: Handler) -> None:
    """The unit's 子账号 request is waiting in the handler's 父账号信息."""
    hrss_records.put_binding(unit.uscc, handler.login_name, "pending")


@given("该单位与经办人的个人账号已绑定")
def seed_bound(hrss_records: HrssRecords, unit: Unit, hrss_unit: HrssUnitAccount, handler: Handler) -> None:
    """Binding accepted; 授权码实名 not done."""
    hrss_records.put_binding(unit.uscc, handler.login_name, "bound")


@given("该单位与经办人的个人账号已绑定并完成授权码实名")
def seed_authorised(hrss_records: HrssRecords, unit: Unit, hrss_unit: HrssUnitAccount, handler: Handler) -> None:
    """Binding accepted and 授权码实名 done: the handler may act fully for the unit."""
    hrss_records.put_binding(unit.uscc, handler.login_name, "authorised")


@given(parsers.parse("该单位与经办人的绑定状态为「{state}」"), target_fixture="requests_before")
def seed_binding_state(hrss_records: HrssRecords, unit: Unit, hrss_unit: HrssUnitAccount, handler: Handler, state: str) -> int:
    """Puts the pair in a binding state (「无」: nothing); returns how many requests the unit has."""
    if BINDING_STATES[state]:
        hrss_records.put_binding(unit.uscc, handler.login_name, BINDING_STATES[state])
    return len(hrss_records.binding_requests(unit.uscc))


@given("另一单位已在人社网上服务平台注册但未与经办人绑定", target_fixture="other_unit_data")
def seed_unbound_unit(hrss_records: HrssRecords, data: DataBuilder) -> Unit:
    """Another registered unit, not bound to the handler."""
    return _seed_other_unit(hrss_records, data)


@given("另一单位已向经办人的个人账号发起绑定申请，尚未确认", target_fixture="other_unit_data")
def seed_pending_other_unit(hrss_records: HrssRecords, data: DataBuilder, handler: Handler) -> Unit:
    """Another unit whose binding request the handler has not answered."""
    other = _seed_other_unit(hrss_records, data)
    hrss_records.put_binding(other.uscc, handler.login_name, "pending")
    return other


@given(parsers.parse("经办人已为该单位提交单位授权码申请，材料为「{name}」"), target_fixture="submitted_material")
def seed_application(hrss_records: HrssRecords, unit: Unit, handler: Handler, name: str) -> FilePayload:
    """A pending application with one material; returns the file as the handler uploaded it."""
    payload = material(name)
    hrss_records.submit_application(handler.login_name, unit.uscc, {name: payload["buffer"]})
    return payload


@given("经办机构已审核通过经办人为该单位提交的单位授权码申请")
def seed_approved_application(hrss_records: HrssRecords, unit: Unit, handler: Handler) -> None:
    """Approved as the back office does it: the 授权码 is in the handler's SMS."""
    hrss_records.submit_application(handler.login_name, unit.uscc, approved=True)


# --- 单位注册 (the wizard is steps.hrss'; these are the entry and the full unit info) --------------


@given("我打开「单位注册」页")
def open_unit_registration(person_step: RealnamePersonStepPage) -> None:
    """Straight to step 1 of 「单位注册」, for scenarios about that step rather than the way in."""
    person_step.open()


@given("我从登录页进入「单位注册」")
@when("我从登录页进入「单位注册」")
def enter_unit_registration(hrss_login: HrssLoginPage) -> None:
    hrss_login.register_unit()


@when(parsers.parse("我以「{cert_type}」按营业执照填写全部单位信息，并设置用户名和密码"))
def fill_full_unit_info(unit_step: UnitInfoStepPage, unit_info: UnitInfo, unit: Unit, cert_type: str) -> None:
    """Without GD-IdP nothing is prefilled: 证件类型, 证件号码 and 单位名称 are typed too; a
    组织机构代码 is the one inside the unit's 统一社会信用代码 (characters 9–17)."""
    cert_no = unit.uscc if CERT_TYPES[cert_type] == "uscc" else unit.uscc[8:17]
    unit_step.fill_unit_info(dataclasses.replace(unit_info, cert_type=cert_type, cert_no=cert_no, unit_name=unit.name))


@then(parsers.parse("人社平台已以「{cert_type}」为该单位建立单位账号，未关联省统一身份认证"))
def unit_registered(hrss_records: HrssRecords, unit: Unit, unit_info: UnitInfo, cert_type: str) -> None:
    cert_no = unit.uscc if CERT_TYPES[cert_type] == "uscc" else unit.uscc[8:17]
    found = [(row["unit_name"], row["cert_type"], row["username"], row["gdidp_linked"]) for row in hrss_records.units(cert_no)]
    assert found == [(unit.name, CERT_TYPES[cert_type], unit_info.username, 0)]


@then("人社平台仍只有该单位原有的单位账号")
def only_original_unit(hrss_records: HrssRecords, unit: Unit, hrss_unit: HrssUnitAccount) -> None:
    assert [row["username"] for row in hrss_records.units(unit.uscc)] == [hrss_unit.username]


# --- 个人注册, 找回账号, 实名指引 ---------------------------------------------------------------------


@when("我打开个人账号注册的链接")
def follow_register_person_link(person_step: RealnamePersonStepPage) -> None:
    click_and_load(person_step.register_person_link)


@when("我打开找回个人账号的链接")
def follow_find_account_link(person_step: RealnamePersonStepPage) -> None:
    click_and_load(person_step.find_account_link)


@when("我打开个人账号实名指引的链接")
def follow_realname_guide_link(person_step: RealnamePersonStepPage) -> None:
    click_and_load(person_step.realname_guide_link)


@given("我打开个人注册页面")
def open_person_register(person_register: PersonRegisterPage) -> None:
    person_register.open()


@then("我看到「个人注册」页面")
def person_register_shown(person_register: PersonRegisterPage) -> None:
    expect(person_register.current_kind).to_have_text("个人注册")


@when("我填写个人注册信息，获取并填写短信验证码", target_fixture="registration")
def fill_person_registration(person_register: PersonRegisterPage, hrss_records: HrssRecords, data: DataBuilder) -> PersonRegistration:
    person = data.person()
    password = data.strong_password()
    registration = PersonRegistration(data.hrss_username(), person.name, person.resident_id, person.phone, password, password)
    person_register.fill_form(registration)
    person_register.request_sms_code()
    expect(person_register.sms_status).to_contain_text("验证码已发送")
    person_register.fill_sms_code(hrss_records.texts(person.phone, "hrss_person_register")[0]["code"])
    return registration


def _changed_person_value(value: str, registration: PersonRegistration, handler: Handler, hrss_records: HrssRecords, data: DataBuilder) -> str:
    """「literal」 as typed, or a value described in words."""
    literal = re.fullmatch(r"「(.*)」", value)
    if literal:
        return literal.group(1)
    described: dict[str, Callable[[], str]] = {
        "已注册的登录账号": lambda: handler.login_name,
        "已注册的证件号码": lambda: handler.id_number,
        "校验位错误的身份证号": data.resident_id_with_bad_check_digit,
        "另一个密码": data.strong_password,
        "错误的验证码": lambda: f"{(int(hrss_records.texts(registration.phone, 'hrss_person_register')[0]['code']) + 1) % 10**6:06d}",
    }
    return described[value]()


@when(parsers.parse("我把个人注册的「{label}」改为{value}"), target_fixture="registration")
def change_person_field(
    person_register: PersonRegisterPage, registration: PersonRegistration, handler: Handler, hrss_records: HrssRecords, data: DataBuilder, label: str, value: str
) -> PersonRegistration:
    """Changes one field; the registration then holds what was really typed."""
    typed = _changed_person_value(value, registration, handler, hrss_records, data)
    person_register.fill_field(label, typed)
    fields = {"登录账号": "login_name", "证件号码": "id_number", "手机号码": "phone"}
    return dataclasses.replace(registration, **{fields[label]: typed}) if label in fields else registration


@when("我提交个人注册")
def submit_person_registration(person_register: PersonRegisterPage) -> None:
    person_register.register()


@then(parsers.parse("页面提示个人账号注册成功，当前实名等级为「{level}」"))
def person_registered(person_register: PersonRegisterPage, level: str) -> None:
    expect(person_register.level_note).to_contain_text(f"当前实名等级：{level}")


@then(parsers.parse("人社已有该个人账号，实名等级为「{level}」"))
def person_exists(hrss_records: HrssRecords, registration: PersonRegistration, level: str) -> None:
    found = [(row["id_number"], row["realname_level"]) for row in hrss_records.persons(login_name=registration.login_name)]
    assert found == [(registration.id_number, REALNAME_LEVELS[level])]


@then(parsers.parse("个人注册页「{label}」旁提示「{message}」"))
def person_field_message(person_register: PersonRegisterPage, label: str, message: str) -> None:
    expect(person_register.field_message(label)).to_contain_text([message])


@then("人社没有建立该个人账号")
def person_not_created(hrss_records: HrssRecords, registration: PersonRegistration, handler: Handler) -> None:
    """No account with the typed 登录账号 or 证件号码, except the handler's that was there before."""
    for key, value in (("login_name", registration.login_name), ("id_number", registration.id_number)):
        assert {row["login_name"] for row in hrss_records.persons(**{key: value})} <= {handler.login_name}


@when("我填写经办人的证件号码和手机号码，获取并填写短信验证码后找回账号")
def find_handler_account(find_login_id: FindLoginIdPage, hrss_records: HrssRecords, handler: Handler) -> None:
    phone = hrss_records.phone_of(handler.login_name)
    find_login_id.fill_identity(handler.id_number, phone)
    find_login_id.request_sms_code()
    expect(find_login_id.sms_status).to_contain_text("验证码已发送")
    find_login_id.find_account(hrss_records.texts(phone, "hrss_find_login_id")[0]["code"])


@then("页面显示经办人的登录账号")
def handler_account_shown(find_login_id: FindLoginIdPage, handler: Handler) -> None:
    expect(find_login_id.found).to_have_text(f"您的登录账号为：{handler.login_name}")


@then("页面定位到实名指引的「四、个人账号实名认证」一节")
def guide_at_section_004(person_guide: PersonGuidePage) -> None:
    expect(person_guide.page).to_have_url(re.compile(r"/isso/static/person\.html#004$"))


@then("实名指引说明在账户管理的「个人实名认证」中通过人脸识别提升至二级实名")
def guide_explains_upgrade(person_guide: PersonGuidePage) -> None:
    expect(person_guide.realname_section).to_contain_text(re.compile(r"二级实名.*「个人实名认证」.*人脸识别", re.S))


# --- 个人实名认证 (二级) ----------------------------------------------------------------------------


@when("我在账户管理的「个人实名认证」中开始人脸识别")
def start_face_recognition(unit_choice: UnitChoiceDialog, person_account: PersonAccountPage) -> None:
    unit_choice.open_account_management()
    person_account.open_realname()
    person_account.start_face_recognition()


@when(parsers.parse("经办人用手机扫码，人脸识别「{result}」"))
def scan_face(person_account: PersonAccountPage, hrss_records: HrssRecords, result: str) -> None:
    """The phone's part, done through the control API."""
    hrss_records.scan_face(person_account.ticket(), FACE_RESULTS[result])


@when("我点击「我已完成人脸识别」")
def finish_face_recognition(person_account: PersonAccountPage) -> None:
    person_account.finish_face_recognition()


@then(parsers.parse("个人实名认证提示「{message}」"))
def realname_message(person_account: PersonAccountPage, message: str) -> None:
    expect(person_account.notice).to_have_text(message)


@then(parsers.parse("人社该个人账号的实名等级为「{level}」"))
def handler_level(hrss_records: HrssRecords, handler: Handler, level: str) -> None:
    assert hrss_records.realname_level_of(handler.login_name) == REALNAME_LEVELS[level]


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
    person_login: PersonLoginPage, unit_choice: UnitChoiceDialog, platform_home: PlatformHomePage, handler: Handler, unit: Unit
) -> None:
    _log_in_as_handler(person_login, unit_choice, handler)
    _enter_platform_for(unit_choice, platform_home, unit)


@given("我已用经办人的个人账号登录人社")
def logged_in_as_handler(page: Page, preconditions: Preconditions, handler: Handler, unit_choice: UnitChoiceDialog) -> None:
    """Precondition (see `steps.hrss`, 「我已…登录」): the session of the handler's login, on
    the page it leads to, the dialog of bound units."""
    preconditions.start_in_hrss_as_person(page.context, handler)
    unit_choice.open()


@given("我已用经办人的个人账号登录并选择该单位进入人社网上服务平台")
def logged_in_as_handler_for_unit(page: Page, preconditions: Preconditions, handler: Handler, scenario_unit: MyUnit, platform_home: PlatformHomePage) -> None:
    preconditions.start_in_hrss_as_person(page.context, handler, acting_for=scenario_unit)
    platform_home.open()
    expect(platform_home.acting_for).to_contain_text(scenario_unit.unit.name)


@then("人社登录页的「个人登录」标签处于选中状态")
def person_tab_selected(person_login: PersonLoginPage) -> None:
    expect(person_login.person_tab_selected).to_be_visible()


@then(parsers.parse("个人登录方式包括「{method}」"))
def person_method_offered(person_login: PersonLoginPage, method: str) -> None:
    expect(person_login.login_methods).to_contain_text([method])


@then("我看到个人账号的登录账号和密码输入框")
def person_form_shown(person_login: PersonLoginPage) -> None:
    expect(person_login.login_name.or_(person_login.person_password).or_(person_login.person_login_button)).to_have_count(3)


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
    expect(person_login.form_errors).to_have_text(message)


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
    expect(unit_choice.error).to_have_text(message)


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
    expect(unit_account.notice).to_have_text(message)


@then(parsers.parse("子账号信息中经办人的绑定状态为「{status}」"))
def sub_account_status(unit_account: UnitAccountPage, handler: Handler, status: str) -> None:
    expect(unit_account.sub_account(handler.login_name)).to_contain_text(status)


@then("经办人的手机收到绑定申请的短信")
def binding_sms_sent(hrss_records: HrssRecords, handler: Handler, unit: Unit) -> None:
    [message] = hrss_records.texts(hrss_records.phone_of(handler.login_name), "hrss_binding_request")
    assert unit.name in message["text"] and "父账号信息" in message["text"]


@then("该单位没有发出新的绑定申请")
def no_new_binding(hrss_records: HrssRecords, unit: Unit, requests_before: int) -> None:
    assert len(hrss_records.binding_requests(unit.uscc)) == requests_before


@then(parsers.parse("单位账号在另一个浏览器的「子账号信息」中看到经办人的绑定状态为「{status}」"))
def unit_sees_status_elsewhere(
    new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, hrss_unit: HrssUnitAccount, handler: Handler, status: str
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
    expect(person_account.notice).to_have_text(f"已同意绑定，您的个人账号已成为「{unit.name}」的子账号")


@then("该单位出现在已绑定的单位中")
def unit_among_bound(person_account: PersonAccountPage, unit: Unit) -> None:
    expect(person_account.bound_units).to_contain_text([unit.name])


@then("人社记录该单位与经办人已绑定，尚未完成授权码实名")
def bound_recorded(hrss_records: HrssRecords, unit: Unit, handler: Handler) -> None:
    assert [(row["bound"], row["authcode_realname"]) for row in hrss_records.handler_links(unit.uscc, handler.login_name)] == [(1, 0)]


@then("人社记录该单位与经办人没有绑定")
def not_bound_recorded(hrss_records: HrssRecords, unit: Unit, handler: Handler) -> None:
    assert hrss_records.handler_links(unit.uscc, handler.login_name) == []


# --- 实名认证: 申请单位授权码 ------------------------------------------------------------------------------


@when(parsers.parse("我在页面右上角打开「实名认证」并选择「{function}」"))
def open_realname_function(realname: RealnamePage, function: str) -> None:
    realname.open_from_header()
    realname.open_function(function)


@when("我在页面右上角打开「实名认证」")
def open_realname(realname: RealnamePage) -> None:
    realname.open_from_header()


def _query_value(query_type: str, unit: Unit, hrss_records: HrssRecords) -> str:
    if query_type == "单位管理码":
        return hrss_records.units(unit.uscc)[0]["manager_code"]
    return unit.uscc if query_type == "统一社会信用代码" else unit.uscc[8:17]


@when(parsers.parse("我按「{query_type}」查询该单位"))
def query_unit(realname: RealnamePage, hrss_records: HrssRecords, unit: Unit, query_type: str) -> None:
    realname.query_unit(query_type, _query_value(query_type, unit, hrss_records))


@when("我按「组织机构代码」查询该单位，但在第九位前加上“-”")
def query_org_code_with_dash(realname: RealnamePage, unit: Unit) -> None:
    org_code = unit.uscc[8:17]
    realname.query_unit("组织机构代码", f"{org_code[:8]}-{org_code[8]}")


@when(parsers.parse("我按「{query_type}」查询未绑定的单位"))
def query_unbound_unit(realname: RealnamePage, hrss_records: HrssRecords, other_unit_data: Unit, query_type: str) -> None:
    realname.query_unit(query_type, _query_value(query_type, other_unit_data, hrss_records))


@when(parsers.parse("我勾选该单位并上传材料「{names}」"), target_fixture="uploaded")
def tick_and_upload(realname: RealnamePage, unit: Unit, names: str) -> list[FilePayload]:
    files = [material(name) for name in names.split("、")]
    realname.tick_unit(unit.name)
    realname.upload_materials(files)
    return files


@when(parsers.parse("我勾选该单位并上传大小为「{size}」、内容为「{kind}」的材料「{name}」"), target_fixture="uploaded")
def tick_and_upload_one(realname: RealnamePage, unit: Unit, size: str, kind: str, name: str) -> list[FilePayload]:
    files = [material(name, size, kind)]
    realname.tick_unit(unit.name)
    realname.upload_materials(files)
    return files


@when("我提交申请")
def submit_application(realname: RealnamePage) -> None:
    realname.submit_application()


@then(parsers.parse("实名认证提示「{message}」"))
def realname_notice(realname: RealnamePage, message: str) -> None:
    expect(realname.notice).to_have_text(message)


@then(parsers.parse("我对该单位的申请状态为「{status}」"))
def application_status(realname: RealnamePage, unit: Unit, status: str) -> None:
    expect(realname.application_row(unit.name)).to_contain_text(status)


@then(parsers.parse("我看到对该单位的申请未通过审核，原因为「{reason}」"))
def application_rejected(realname: RealnamePage, unit: Unit, reason: str) -> None:
    expect(realname.application_row(unit.name).get_by_role("cell")).to_contain_text(["审核不通过", f"不通过原因：{reason}"])


@then("人社保存了该申请及上传的材料，文件名和 SHA-256 与上传的一致")
def application_stored(hrss_records: HrssRecords, handler: Handler, unit: Unit, uploaded: list[FilePayload]) -> None:
    [application] = hrss_records.applications(handler.login_name)
    assert application["cert_nos"] == [unit.uscc] and application["status"] == "pending"
    stored = [(item["original_name"], item["sha256"], item["stored"]) for item in application["materials"]]
    assert stored == [(payload["name"], _sha256(payload), True) for payload in uploaded]


@then("人社没有保存任何单位授权码申请")
def no_application(hrss_records: HrssRecords, handler: Handler) -> None:
    assert hrss_records.applications(handler.login_name) == []


@then("申请页面说明查询号码中组织机构代码省略“-”")
def org_code_hint(realname: RealnamePage) -> None:
    expect(realname.org_code_hint).to_be_visible()


@then("申请页面说明线下申请途径")
def offline_route_note(realname: RealnamePage) -> None:
    expect(realname.page.get_by_text(re.compile(r"预约社保服务窗口线下申请单位授权码"))).to_be_visible()


@then(parsers.parse("查询号码旁提示「{message}」"))
def query_message(realname: RealnamePage, message: str) -> None:
    expect(realname.query_message).to_contain_text([message])


@then(parsers.parse("查询结果中该单位的状态为「{status}」，不能勾选"))
def unbound_result(realname: RealnamePage, other_unit_data: Unit, status: str) -> None:
    expect(realname.result_status(other_unit_data.name).or_(realname.tick_box(other_unit_data.name))).to_have_text([status])


@then(parsers.parse("申请页面提示「{message}」"))
def apply_message(realname: RealnamePage, message: str) -> None:
    expect(realname.errors).to_contain_text([message])


@then(parsers.parse("相关材料旁提示「{message}」"))
def materials_message(realname: RealnamePage, message: str) -> None:
    expect(realname.materials_message).to_contain_text([message])


# --- The agency's back office ------------------------------------------------------------------


@when("我以社保经办机构审核人员的身份打开该单位的待审核申请")
def open_pending_application(backoffice: BackofficePage, unit: Unit) -> None:
    backoffice.open()
    backoffice.open_application_of(unit.name)


@then(parsers.parse("我看到申请的经办人、单位和材料「{name}」"))
def application_shown(backoffice: BackofficePage, handler: Handler, unit: Unit, name: str) -> None:
    expect(backoffice.details).to_contain_text([handler.name, handler.login_name, handler.id_number, unit.name, name])


@then(parsers.parse("我下载的材料「{name}」与经办人上传的一致"))
def material_downloads(backoffice: BackofficePage, submitted_material: FilePayload, name: str) -> None:
    download = backoffice.download_material(name)
    assert download.suggested_filename == name
    assert hashlib.sha256(Path(download.path()).read_bytes()).hexdigest() == _sha256(submitted_material)


@when("我审核通过该申请")
def approve(backoffice: BackofficePage) -> None:
    backoffice.approve()


@when(parsers.parse("我以「{reason}」为由审核不通过"))
def reject(backoffice: BackofficePage, reason: str) -> None:
    backoffice.reject(reason)


@when("我不填写原因就审核不通过")
def reject_without_reason(backoffice: BackofficePage) -> None:
    backoffice.reject("")


@then(parsers.parse("审核页提示「{message}」"))
def backoffice_notice(backoffice: BackofficePage, message: str) -> None:
    expect(backoffice.notice).to_have_text(message)


@then(parsers.parse("审核页提示错误「{message}」"))
def backoffice_error(backoffice: BackofficePage, message: str) -> None:
    expect(backoffice.error).to_have_text(message)


@then("经办人的手机收到含该单位授权码的短信")
def authcode_sms_sent(hrss_records: HrssRecords, handler: Handler, unit: Unit) -> None:
    [application] = hrss_records.applications(handler.login_name)
    [issued] = application["codes"]
    assert _authcode_from_sms(hrss_records, handler, unit) == issued["code"]


@then(parsers.parse("经办人的手机收到审核不通过的短信，写明原因「{reason}」"))
def rejection_sms_sent(hrss_records: HrssRecords, handler: Handler, reason: str) -> None:
    [message] = hrss_records.texts(hrss_records.phone_of(handler.login_name), "hrss_authcode_rejected")
    assert f"原因：{reason}" in message["text"]


@then("该申请仍为「审核中」，经办人没有收到审核短信")
def still_pending(backoffice: BackofficePage, hrss_records: HrssRecords, handler: Handler) -> None:
    expect(backoffice.status).to_have_text("审核状态：审核中")
    phone = hrss_records.phone_of(handler.login_name)
    assert hrss_records.texts(phone, "hrss_authcode_approved") == hrss_records.texts(phone, "hrss_authcode_rejected") == []


# --- 授权码实名 -----------------------------------------------------------------------------------------


@when("我输入短信中的单位授权码并确认授权", target_fixture="used_code")
def enter_code_from_sms(realname: RealnamePage, hrss_records: HrssRecords, handler: Handler, unit: Unit) -> str:
    code = _authcode_from_sms(hrss_records, handler, unit)
    realname.enter_authcode(code)
    return code


@when("我再次输入同一单位授权码并确认授权")
def enter_code_again(realname: RealnamePage, used_code: str) -> None:
    realname.enter_authcode(used_code)


@when(parsers.parse("我输入「{case}」并确认授权"))
def enter_code_case(realname: RealnamePage, hrss_records: HrssRecords, handler: Handler, unit: Unit, case: str) -> None:
    entries: dict[str, Callable[[], str]] = {
        "与短信中不同的授权码": lambda: f"{(int(_authcode_from_sms(hrss_records, handler, unit)) + 1) % 10**8:08d}",
        "空白的授权码": lambda: "",
    }
    realname.enter_authcode(entries[case]())


@then("授权码实名提示成功，可以为该单位办理业务")
def authcode_done(realname: RealnamePage, unit: Unit) -> None:
    expect(realname.notice).to_have_text(f"授权码实名成功，您已可以为「{unit.name}」办理业务")


@then(parsers.parse("该单位的授权码实名状态为「{state}」"))
def authcode_state(realname: RealnamePage, state: str) -> None:
    expect(realname.authcode_state).to_contain_text(f"授权码实名：{state}")


@then(parsers.parse("单位授权码旁提示「{message}」"))
def authcode_message(realname: RealnamePage, message: str) -> None:
    expect(realname.authcode_message).to_contain_text([message])


@then("人社记录经办人尚未完成该单位的授权码实名")
def authcode_not_done(hrss_records: HrssRecords, unit: Unit, handler: Handler) -> None:
    assert [row["authcode_realname"] for row in hrss_records.handler_links(unit.uscc, handler.login_name)] == [0]


@when("我回到人社网上服务平台首页")
def back_to_platform_home(platform_home: PlatformHomePage) -> None:
    platform_home.open()
