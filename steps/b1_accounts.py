"""Steps of 单位注册 with a handler's personal account (guide B1.1 经办人个人实名账号 and the
wizard's entry; B1.2 单位信息 typed in full): 「个人注册」, 「找回登录账号」, the 实名指引,
「个人实名认证」 by face recognition, and the unit account 「单位注册」 creates."""

# The wizard's own steps are `steps.a3_wizard`'s. What registration left behind is checked as the
# portal shows it, in a browser of its own: the new personal account logs in and its 账户管理
# shows its 实名等级; the new unit account logs in and its 单位信息 shows the 证件 it was
# registered with. SMS codes and the phone's face check come from the precondition provider.

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.preconditions import Preconditions
from harness.target.portals import PortalUrls
from pages.base import click_and_load
from pages.hrss.find_login_id_page import FindLoginIdPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.person_account_page import PersonAccountPage
from pages.hrss.person_guide_page import PersonGuidePage
from pages.hrss.person_login_page import PersonLoginPage, UnitChoiceDialog
from pages.hrss.person_register_page import PersonRegisterPage, PersonRegistration
from pages.hrss.unit_account_page import UnitAccountPage
from pages.hrss.unit_registration_page import RealnamePersonStepPage, UnitInfo, UnitInfoStepPage
from steps.hrss_common import SMS_SENT, Handler, HrssUnitAccount

CERT_TYPES = {"统一社会信用代码": "uscc", "组织机构代码": "org_code"}
FACE_RESULTS = {"通过": True, "不通过": False}


def _cert_no(unit: Unit, cert_type: str) -> str:
    """The 证件号码 of the unit for a 证件类型: a 组织机构代码 is the one inside the unit's
    统一社会信用代码 (characters 9–17)."""
    return unit.uscc if CERT_TYPES[cert_type] == "uscc" else unit.uscc[8:17]


def _person_logs_in(
    context: BrowserContext, portal_urls: PortalUrls, login_name: str, password: str
) -> tuple[PersonLoginPage, UnitChoiceDialog]:
    """「个人登录」 in `context` with the given account; the caller checks how it went."""
    page = context.new_page()
    login = PersonLoginPage(page, portal_urls.hrss, portal_urls.paths)
    login.open()
    login.choose_person_login()
    login.log_in_as_person(login_name, password)
    return login, UnitChoiceDialog(page, portal_urls.hrss, portal_urls.paths)


def _realname_level_shown(portal_urls: PortalUrls, choice: UnitChoiceDialog) -> PersonAccountPage:
    """From the dialog after a login, 账户管理 → 「个人实名认证」, which shows the 实名等级."""
    expect(choice.dialog).to_be_visible()
    choice.open_account_management()
    account = PersonAccountPage(choice.page, portal_urls.hrss, portal_urls.paths)
    account.open_realname()
    return account


def _unit_login(context: BrowserContext, portal_urls: PortalUrls, username: str, password: str) -> HrssLoginPage:
    """「单位登录」 → 「账号密码」 in `context`; the caller checks how it went."""
    login = HrssLoginPage(context.new_page(), portal_urls.hrss, portal_urls.paths)
    login.open()
    login.log_in_as_unit(username, password)
    return login


# --- 单位注册 (the wizard is steps.a3_wizard's; these are the entry and the full unit info) -----------


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
    """Without GD-IdP nothing is prefilled: 证件类型, 证件号码 and 单位名称 are typed too."""
    unit_step.fill_unit_info(
        dataclasses.replace(unit_info, cert_type=cert_type, cert_no=_cert_no(unit, cert_type), unit_name=unit.name)
    )


@then(parsers.parse("人社平台已以「{cert_type}」为该单位建立单位账号，未关联省统一身份认证"))
def unit_registered(
    new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, unit: Unit, unit_info: UnitInfo, cert_type: str
) -> None:
    """As the portal shows it, in another browser: the chosen 用户名 and 密码 log in for the
    unit, whose 单位信息 holds the 证件 it was registered with. (Not linked: it was registered
    with 用户名 and 密码, without 省统一身份认证.)"""
    login = _unit_login(new_context(), portal_urls, *unit_info.credentials())
    expect(login.acting_for).to_have_text(f"当前单位：{unit.name}")
    account = UnitAccountPage(login.page, portal_urls.hrss, portal_urls.paths)
    account.open_unit_info()
    expect(account.fact(cert_type)).to_have_text(_cert_no(unit, cert_type))


@then("人社平台仍只有该单位原有的单位账号")
def only_original_unit(
    new_context: Callable[..., BrowserContext],
    portal_urls: PortalUrls,
    unit: Unit,
    unit_info: UnitInfo,
    hrss_unit: HrssUnitAccount,
) -> None:
    """As the portal shows it: the refused form's 用户名 and 密码 do not log in; the unit's own
    account still does, for the unit."""
    refused = _unit_login(new_context(), portal_urls, *unit_info.credentials())
    expect(refused.acting_for.or_(refused.refusal)).to_be_visible()
    expect(refused.acting_for).to_have_count(0)
    original = _unit_login(new_context(), portal_urls, hrss_unit.username, hrss_unit.password)
    expect(original.acting_for).to_have_text(f"当前单位：{unit.name}")


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
def fill_person_registration(
    person_register: PersonRegisterPage, preconditions: Preconditions, data: DataBuilder
) -> PersonRegistration:
    person = data.person()
    password = data.strong_password()
    registration = PersonRegistration(
        data.hrss_username(), person.name, person.resident_id, person.phone, password, password
    )
    person_register.fill_form(registration)
    person_register.request_sms_code()
    person_register.told(SMS_SENT)
    person_register.fill_sms_code(preconditions.sms_code(person.phone, "hrss"))
    return registration


def _changed_person_value(
    value: str, registration: PersonRegistration, handler: Handler, preconditions: Preconditions, data: DataBuilder
) -> str:
    """「literal」 as typed, or a value described in words."""
    literal = re.fullmatch(r"「(.*)」", value)
    if literal:
        return literal.group(1)
    described: dict[str, Callable[[], str]] = {
        "已注册的登录账号": lambda: handler.login_name,
        "已注册的证件号码": lambda: handler.id_number,
        "校验位错误的身份证号": data.resident_id_with_bad_check_digit,
        "另一个密码": data.strong_password,
        "错误的验证码": lambda: f"{(int(preconditions.sms_code(registration.phone, 'hrss')) + 1) % 10**6:06d}",
    }
    return described[value]()


@when(parsers.parse("我把个人注册的「{label}」改为{value}"), target_fixture="registration")
def change_person_field(
    person_register: PersonRegisterPage,
    registration: PersonRegistration,
    handler: Handler,
    preconditions: Preconditions,
    data: DataBuilder,
    label: str,
    value: str,
) -> PersonRegistration:
    """Changes one field; the registration then holds what was really typed."""
    typed = _changed_person_value(value, registration, handler, preconditions, data)
    person_register.fill_field(label, typed)
    fields = {"登录账号": "login_name", "证件号码": "id_number", "手机号码": "phone"}
    return dataclasses.replace(registration, **{fields[label]: typed}) if label in fields else registration


@when("我提交个人注册")
def submit_person_registration(person_register: PersonRegisterPage) -> None:
    person_register.register()


@then(parsers.parse("页面提示个人账号注册成功，当前实名等级为「{level}」"))
def person_registered(person_register: PersonRegisterPage, level: str) -> None:
    """「注册成功」, and the level as the page names it (「当前实名等级：一级。」)."""
    expect(person_register.success).to_be_visible()
    expect(person_register.level_note).to_contain_text(re.compile(rf"当前实名等级：{re.escape(level)}(。|$)"))


@then(parsers.parse("人社已有该个人账号，实名等级为「{level}」"))
def person_exists(
    new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, registration: PersonRegistration, level: str
) -> None:
    """As the portal shows it, in another browser: the new account logs in, and its
    「个人实名认证」 shows the 实名等级."""
    _, choice = _person_logs_in(new_context(), portal_urls, registration.login_name, registration.password)
    expect(_realname_level_shown(portal_urls, choice).realname_level).to_contain_text(f"当前实名等级：{level}")


@then(parsers.parse("个人注册页「{label}」旁提示「{message}」"))
def person_field_message(person_register: PersonRegisterPage, label: str, message: str) -> None:
    expect(person_register.field_message(label)).to_contain_text([message])


@then("人社没有建立该个人账号")
def person_not_created(
    new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, registration: PersonRegistration
) -> None:
    """As the portal shows it, in another browser: the typed 登录账号 and 密码 do not log in
    (for 「已注册的登录账号」 that account keeps its own password)."""
    login, _ = _person_logs_in(new_context(), portal_urls, registration.login_name, registration.password)
    login.told("登录账号或密码错误")


@when("我填写经办人的证件号码和手机号码，获取并填写短信验证码后找回账号")
def find_handler_account(find_login_id: FindLoginIdPage, preconditions: Preconditions, handler: Handler) -> None:
    find_login_id.fill_identity(handler.id_number, handler.phone)
    find_login_id.request_sms_code()
    find_login_id.told(SMS_SENT)
    find_login_id.find_account(preconditions.sms_code(handler.phone, "hrss"))


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
def scan_face(person_account: PersonAccountPage, preconditions: Preconditions, result: str) -> None:
    """The phone's part, from the precondition provider."""
    preconditions.hrss_face_recognition(person_account.ticket(), FACE_RESULTS[result])


@when("我点击「我已完成人脸识别」")
def finish_face_recognition(person_account: PersonAccountPage) -> None:
    person_account.finish_face_recognition()


@then(parsers.parse("个人实名认证提示「{message}」"))
def realname_message(person_account: PersonAccountPage, message: str) -> None:
    person_account.told(message)


@then(parsers.parse("人社该个人账号的实名等级为「{level}」"))
def handler_level(
    new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, handler: Handler, level: str
) -> None:
    """As the portal shows it, in another browser: the handler logs in again and
    「个人实名认证」 shows the 实名等级 HRSS kept."""
    _, choice = _person_logs_in(new_context(), portal_urls, handler.login_name, handler.password)
    expect(_realname_level_shown(portal_urls, choice).realname_level).to_contain_text(f"当前实名等级：{level}")
