"""Steps of GD-IdP 法人注册 (guide A1.3 注册入口与三步, A1.4 账号信息规则, A1.5 法人信息规则,
A1.6 申请人人脸识别, A1.7 协议、短信与重复注册, A1.9 注意说明)."""

# The applicant's face scan and the SMS code come from the precondition provider (扫码模拟,
# 短信验证码来源); the unit registered is one GD-IdP has no account for (`my_unit`, a consumable
# pool unit on staging). That a refused registration created nothing, and which purpose the SMS
# had, are on no page: those checks read back (数据回查) and are skipped where the provider cannot.

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit, Preconditions
from pages.gdzwfw.help_page import GdzwfwHelpPage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.gdzwfw.register_page import GdzwfwRegisterPage
from steps.common import can_read_back
from steps.gdzwfw import Registration, log_in_with_password, names, q, resident_id_of_kind

SMS_PURPOSE = "gdidp-legal-register"

# ---------------------------------------------------------------- A1.3 entry and steps


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
    expect(gdzwfw_register.steps).to_have_text(names(steps))


@then(parsers.parse("当前步骤为「{step}」"))
def current_step(gdzwfw_register: GdzwfwRegisterPage, step: str) -> None:
    expect(gdzwfw_register.current_step).to_have_text(step)


@then("页面显示法人基础库核验结果「核验通过」")
def registry_passed(gdzwfw_register: GdzwfwRegisterPage) -> None:
    expect(gdzwfw_register.registry_result).to_have_text("法人基础库核验结果：核验通过")


@then(parsers.parse("注册成功，可信等级为「{level}」"))
def registration_done(gdzwfw_register: GdzwfwRegisterPage, level: str) -> None:
    expect(gdzwfw_register.level_on_success).to_contain_text(f"您的账号当前可信等级为：{level}")


@when("我点击「立即登录」并用新注册的账号密码登录")
def log_in_after_registration(
    gdzwfw_register: GdzwfwRegisterPage,
    gdzwfw_login: GdzwfwLoginPage,
    preconditions: Preconditions,
    legal_registration: Registration,
) -> None:
    gdzwfw_register.log_in_now()
    log_in_with_password(gdzwfw_login, preconditions, legal_registration.account, legal_registration.password)


# ---------------------------------------------------------------- A1.4 / A1.5 fields and rules


@when(parsers.re(r"我在" + q("field") + "中填写" + q("value")))
def fill_field(gdzwfw_register: GdzwfwRegisterPage, field: str, value: str) -> None:
    gdzwfw_register.fill_field(field, value)


@when(parsers.re(r"我在" + q("field") + "中填写" + q("value") + "并点击「下一步」"))
def fill_field_and_go_next(gdzwfw_register: GdzwfwRegisterPage, field: str, value: str) -> None:
    gdzwfw_register.fill_field(field, value)
    gdzwfw_register.go_next()


@when(parsers.re(r"我填写登录密码" + q("password") + "和确认密码" + q("confirmation") + "并点击「下一步」"))
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


@when(parsers.re(r"我在「单位/企业证件号码」中填写(?P<kind>[^的]+)的统一社会信用代码并点击「下一步」"))
def fill_uscc_of_kind(gdzwfw_register: GdzwfwRegisterPage, data: DataBuilder, kind: str) -> None:
    gdzwfw_register.fill_field("单位/企业证件号码", _uscc_of_kind(data, kind))
    gdzwfw_register.go_next()


@when(parsers.re(r"我在「法定代表人证件」中填写(?P<kind>[^的]+)的身份证号码并点击「下一步」"))
def fill_resident_id_of_kind(gdzwfw_register: GdzwfwRegisterPage, data: DataBuilder, kind: str) -> None:
    gdzwfw_register.fill_field("法定代表人证件", resident_id_of_kind(data, kind))
    gdzwfw_register.go_next()


@when(
    parsers.re(
        r"我选择证件地址" + q("province") + q("city") + q("district") + "，详细地址" + q("detail") + "并点击「下一步」"
    )
)
def choose_address_and_go_next(
    gdzwfw_register: GdzwfwRegisterPage, province: str, city: str, district: str, detail: str
) -> None:
    gdzwfw_register.choose_address(province, city, district)
    gdzwfw_register.fill_field("证件详细地址", detail)
    gdzwfw_register.go_next()


@when(parsers.re(r"我选择证件地址" + q("province") + q("city")))
def choose_city(gdzwfw_register: GdzwfwRegisterPage, province: str, city: str) -> None:
    gdzwfw_register.choose_address(province, city)


@then(parsers.parse("区县可选「{districts}」"))
def district_options(gdzwfw_register: GdzwfwRegisterPage, districts: str) -> None:
    expect(gdzwfw_register.district_choices()).to_have_text(["请选择", *names(districts)])


@then(parsers.re(q("field") + "旁提示" + q("message")))
def field_message(gdzwfw_register: GdzwfwRegisterPage, field: str, message: str) -> None:
    # No message beside a field means it was accepted.
    shown = gdzwfw_register.field_message(field)
    expect(shown).to_have_text(message) if message else expect(shown).to_have_count(0)


@then(parsers.re(q("field") + "中仍是" + q("value")))
def field_keeps_value(gdzwfw_register: GdzwfwRegisterPage, field: str, value: str) -> None:
    expect(gdzwfw_register.field(field)).to_have_value(value)


@when("我点击「下一步」")
def go_next(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.go_next()


# ---------------------------------------------------------------- A1.6 face recognition


@when("申请人用微信扫描页面上的小程序码并通过人脸识别", target_fixture="scan_result")
def applicant_scans(
    gdzwfw_register: GdzwfwRegisterPage, preconditions: Preconditions, legal_registration: Registration
) -> str:
    return preconditions.scan_face(gdzwfw_register.mini_program_ticket(), legal_registration.applicant)


@when("申请人用微信扫描页面上的小程序码，但人脸识别未通过", target_fixture="scan_result")
def applicant_fails_face(
    gdzwfw_register: GdzwfwRegisterPage, preconditions: Preconditions, legal_registration: Registration
) -> str:
    return preconditions.scan_face(gdzwfw_register.mini_program_ticket(), legal_registration.applicant, passed=False)


@when("我点击「刷新小程序码」", target_fixture="old_mini_program_code")
def refresh_code(gdzwfw_register: GdzwfwRegisterPage) -> str:
    old = gdzwfw_register.mini_program_ticket()
    gdzwfw_register.refresh_mini_program_code()
    return old


@when("申请人用微信扫描刷新前的小程序码", target_fixture="scan_result")
def applicant_scans_old_code(
    preconditions: Preconditions, legal_registration: Registration, old_mini_program_code: str
) -> str:
    return preconditions.scan_face(old_mini_program_code, legal_registration.applicant)


@then("页面显示新的小程序码")
def new_code_shown(gdzwfw_register: GdzwfwRegisterPage, old_mini_program_code: str) -> None:
    """A code is shown, and it is not the one from before 「刷新小程序码」."""
    new_code = re.compile(rf"^小程序码编号：\s*(?!{re.escape(old_mini_program_code)}\s*$)\S+\s*$")
    expect(gdzwfw_register.mini_program_number).to_have_text(new_code)


@then(parsers.re(r"微信提示" + q("message")))
def phone_says(scan_result: str, message: str) -> None:
    """What the phone showed after the scan (the provider's scan helper reports it)."""
    assert scan_result == message


@then("页面显示已添加申请人的实名信息")
def applicant_added(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    expect(gdzwfw_register.applicant_info).to_contain_text(legal_registration.applicant.name)


@then("页面没有添加申请人的实名信息")
def applicant_not_added(gdzwfw_register: GdzwfwRegisterPage) -> None:
    """Only once the page has heard how the scan ended: right after the scan it cannot know yet."""
    gdzwfw_register.wait_for_scan_news()
    expect(gdzwfw_register.applicant_info).to_have_count(0)


# ---------------------------------------------------------------- A1.7 agreement, SMS, duplicates


def _request_sms_code(register: GdzwfwRegisterPage, preconditions: Preconditions, phone: str) -> str:
    register.request_sms_code(phone)
    return preconditions.sms_code(phone, "gdzwfw")


# What 「但…」 leaves out or changes in an otherwise complete registration.
REGISTRATION_PROBLEMS = (
    "没有勾选同意协议",
    "短信验证码填错",
    "没有填写短信验证码",
    "申请人没有通过人脸识别",
    "统一社会信用代码与已有账号相同",
    "登录账号与已有账号相同",
)


def _fill_unit_info(register: GdzwfwRegisterPage, unit: Unit) -> None:
    """Types the unit's 法人信息 into step 1, as the guide lists them."""
    register.fill_unit_info(
        name=unit.name,
        uscc=unit.uscc,
        province=unit.province,
        city=unit.city,
        district=unit.district,
        address_detail=unit.address_detail,
        legal_rep_name=unit.legal_rep_name,
        legal_rep_id=unit.legal_rep_id,
    )


def _fill_registration(
    register: GdzwfwRegisterPage, preconditions: Preconditions, entry: Registration, problem: str | None = None
) -> None:
    """Fills every part of step 1 as a user would, except what `problem` names."""
    assert problem is None or problem in REGISTRATION_PROBLEMS, problem
    unit = entry.unit
    register.fill_account_info(entry.account, entry.password, entry.password)
    _fill_unit_info(register, unit)
    if problem != "申请人没有通过人脸识别":
        preconditions.scan_face(register.mini_program_ticket(), entry.applicant)
    if problem == "没有填写短信验证码":
        register.fill_field("手机号码", unit.phone)
    else:
        code = _request_sms_code(register, preconditions, unit.phone)
        register.fill_field("短信验证码", code if problem != "短信验证码填错" else f"{(int(code) + 1) % 10**6:06d}")
    if problem != "没有勾选同意协议":
        register.agree_to_terms()


@when("我填写完整的法人注册信息")
def fill_complete_registration(
    gdzwfw_register: GdzwfwRegisterPage, preconditions: Preconditions, legal_registration: Registration
) -> None:
    _fill_registration(gdzwfw_register, preconditions, legal_registration)


@when(parsers.re(r"我填写完整的法人注册信息，但(?P<problem>.+)"), target_fixture="legal_registration")
def fill_registration_with_problem(
    gdzwfw_register: GdzwfwRegisterPage,
    preconditions: Preconditions,
    legal_registration: Registration,
    request: pytest.FixtureRequest,
    problem: str,
) -> Registration:
    if problem == "统一社会信用代码与已有账号相同":
        other: MyUnit = request.getfixturevalue("other_account")
        legal_registration = dataclasses.replace(
            legal_registration, unit=dataclasses.replace(legal_registration.unit, uscc=other.unit.uscc)
        )
    elif problem == "登录账号与已有账号相同":
        other = request.getfixturevalue("other_account")
        legal_registration = dataclasses.replace(legal_registration, account=other.legal_login.login_name)
    _fill_registration(gdzwfw_register, preconditions, legal_registration, problem)
    return legal_registration


@when("我填写账号信息")
def fill_account_info(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    gdzwfw_register.fill_account_info(
        legal_registration.account, legal_registration.password, legal_registration.password
    )


@when("我填写法人信息")
def fill_unit_info(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    unit = legal_registration.unit
    _fill_unit_info(gdzwfw_register, unit)


@when("我填写手机号码并获取短信验证码")
def fill_sms_code(
    gdzwfw_register: GdzwfwRegisterPage, preconditions: Preconditions, legal_registration: Registration
) -> None:
    code = _request_sms_code(gdzwfw_register, preconditions, legal_registration.unit.phone)
    gdzwfw_register.fill_field("短信验证码", code)


@when("我填写手机号码并点击「获取验证码」")
def request_sms_code(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    gdzwfw_register.request_sms_code(legal_registration.unit.phone)


@when(parsers.re(r"我在「手机号码」中填写" + q("phone") + "并点击「获取验证码」"))
def request_sms_code_for(gdzwfw_register: GdzwfwRegisterPage, phone: str) -> None:
    gdzwfw_register.request_sms_code(phone)


@when("我勾选同意《用户服务协议》和《隐私政策》")
def agree(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.agree_to_terms()


@then("获取验证码处提示验证码已发送至该手机号码")
def sms_sent_to_phone(gdzwfw_register: GdzwfwRegisterPage, legal_registration: Registration) -> None:
    phone = legal_registration.unit.phone
    expect(gdzwfw_register.sms_said(f"验证码已发送至{phone[:3]}****{phone[-4:]}，5分钟内有效")).not_to_have_count(0)


@then(parsers.re(r"获取验证码处提示" + q("message")))
def sms_status_says(gdzwfw_register: GdzwfwRegisterPage, message: str) -> None:
    expect(gdzwfw_register.sms_said(message)).not_to_have_count(0)


@then("该手机号码收到一条注册验证码短信")
def sms_code_received(preconditions: Preconditions, legal_registration: Registration) -> None:
    """The phone got a 6-digit code; where the provider can read the outbox back (数据回查),
    also that it was the one message sent, and sent for 法人注册."""
    phone = legal_registration.unit.phone
    assert re.fullmatch(r"\d{6}", preconditions.sms_code(phone, "gdzwfw"))
    if can_read_back(preconditions, "这是发出的唯一一条短信，且用途为法人注册"):
        assert [message["purpose"] for message in preconditions.sms_messages(phone, "gdzwfw")] == [SMS_PURPOSE]


@then("没有为本次填写的单位或登录账号创建法人账号")
def nothing_created(
    preconditions: Preconditions, legal_registration: Registration, request: pytest.FixtureRequest
) -> None:
    """Read back from GD-IdP (数据回查): no page lists the accounts of a number or login name."""
    found = preconditions.legal_accounts(uscc=legal_registration.unit.uscc) + preconditions.legal_accounts(
        login_name=legal_registration.account
    )
    # Only the other unit's account may carry the clashing number or login name.
    other: MyUnit = request.getfixturevalue("other_account")
    assert {(account["login_name"], account["uscc"]) for account in found} <= {
        (other.legal_login.login_name, other.unit.uscc)
    }, found


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
