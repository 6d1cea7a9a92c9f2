"""Steps of the 实名信息注册 wizard of HRSS: the first 「省统一身份认证」 login's initialisation
(guide A3.3 首次登录初始化, A3.4 单位所属实名人员信息, A3.5 单位信息) and the same wizard
entered from the login page's 「单位注册」 (B1.1 step 1, B1.2 step 2, whose entry and full unit
information are `steps.b1_accounts`')."""

# Whether a unit account was created is checked as the portal shows it: in another browser the
# new login leads into the platform for the unit, or does not.

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit, Preconditions
from harness.target.portals import PortalUrls
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.platform_home_page import PlatformHomePage
from pages.hrss.unit_registration_page import (
    RealnamePersonStepPage,
    RegistrationDonePage,
    RegistrationWizardPage,
    UnitInfo,
    UnitInfoStepPage,
)
from steps.hrss_common import SMS_SENT, Handler, handler_entry


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
    stated = re.search(r"连续超过(\d+)个字符", unit_step.password_rule.inner_text())
    assert stated is not None, "the 操作指引 states no limit"
    return int(stated.group(1))


@given("我已经「省统一身份认证」首次登录人社平台")
def first_login_through_gdzwfw(
    page: Page, preconditions: Preconditions, scenario_unit: MyUnit, person_step: RealnamePersonStepPage
) -> None:
    preconditions.start_in_hrss_via_gdzwfw(page.context, scenario_unit)
    person_step.open_after_first_login()
    expect(person_step.first_login_note).to_be_visible()


@given("我已经「省统一身份认证」首次登录人社平台，并以经办人的实名个人账号完成了第一步")
def past_first_step_from_gdzwfw(
    page: Page, preconditions: Preconditions, handler: Handler, scenario_unit: MyUnit, unit_step: UnitInfoStepPage
) -> None:
    # The handler first, as the givens name them: with a fixed --faker-seed the guide's shots
    # then show the same data.
    preconditions.start_in_hrss_via_gdzwfw(page.context, scenario_unit, handler_step1=handler)
    unit_step.open()


@given("我已从登录页进入「单位注册」，并以经办人的实名个人账号完成了第一步")
def past_first_step_of_unit_registration(
    page: Page, preconditions: Preconditions, handler: Handler, unit_step: UnitInfoStepPage
) -> None:
    preconditions.start_unit_registration(page.context, handler)
    unit_step.open()


# --- The 实名信息注册 wizard --------------------------------------------------------------------------


@then(parsers.parse("我看到「实名信息注册」向导的第「{number:d}」步「{name}」"))
def wizard_at_step(registration_wizard: RegistrationWizardPage, number: int, name: str) -> None:
    expect(registration_wizard.current_step).to_have_text(re.compile(rf"^\s*{number}\s*{re.escape(name)}\s*$"))


@then("页面说明单位首次通过省统一身份认证登录，需要完善平台所需信息")
def first_login_note(person_step: RealnamePersonStepPage) -> None:
    """Both halves of the sentence, in one note."""
    expect(person_step.first_login_note).to_contain_text(
        re.compile(r"首次通过「省统一身份认证」登录.*完善平台所需信息")
    )


@then("向导依次为「1 单位所属实名人员信息」「2 单位信息」「3 注册完成」")
def wizard_steps(registration_wizard: RegistrationWizardPage) -> None:
    names = ["单位所属实名人员信息", "单位信息", "注册完成"]
    expect(registration_wizard.steps).to_have_text(
        [re.compile(rf"^\s*{index}\s*{name}\s*$") for index, name in enumerate(names, 1)]
    )


@then("页面要求填写「实名个人登录账号」和「实名个人证件号码」")
def person_fields_shown(person_step: RealnamePersonStepPage) -> None:
    expect(person_step.person_login.or_(person_step.person_id_number).or_(person_step.next_button)).to_have_count(3)


@then("操作指引回答个人注册与单位注册的区别、证件号已存在和实名等级不足怎么办")
def person_step_guide(person_step: RealnamePersonStepPage) -> None:
    expect(person_step.guide_items).to_contain_text(
        [
            "个人注册、单位注册有什么区别?",
            "提示“证件号已存在”怎么办?",
            "提示“当前账号实名等级不足, 请至少提升至二级实名后重试”怎么办?",
        ]
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


@when(parsers.parse("我以「{case}」填写实名人员信息并点击「下一步」"))
def fill_person_case(person_step: RealnamePersonStepPage, handler: Handler, data: DataBuilder, case: str) -> None:
    person_step.fill_realname_person(*handler_entry(case, handler, data))
    person_step.go_next()


@then(parsers.parse("第一步提示「{message}」"))
def person_step_message(person_step: RealnamePersonStepPage, message: str) -> None:
    person_step.told(re.compile(re.escape(message)))


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
def change_field(
    unit_step: UnitInfoStepPage, request: pytest.FixtureRequest, data: DataBuilder, label: str, value: str
) -> None:
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


def _request_sms_code(unit_step: UnitInfoStepPage, preconditions: Preconditions, phone: str | None) -> str:
    assert phone is not None, "the form leaves 法定代表人手机号码 as it is"
    unit_step.request_sms_code()
    unit_step.told(SMS_SENT)
    return preconditions.sms_code(phone, "hrss")


@when("我获取短信验证码并填写收到的验证码")
def request_and_fill_sms_code(unit_step: UnitInfoStepPage, preconditions: Preconditions, unit_info: UnitInfo) -> None:
    unit_step.fill_sms_code(_request_sms_code(unit_step, preconditions, unit_info.legal_rep_phone))


@when("我获取短信验证码但填写了错误的验证码")
def request_and_fill_wrong_sms_code(
    unit_step: UnitInfoStepPage, preconditions: Preconditions, unit_info: UnitInfo
) -> None:
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
    expect(unit_step.error_for("密码")).to_have_text(
        re.compile(rf"^密码应为8-30位.*不能在键盘上连续超过{limit}个字符$")
    )


@then("页面提示关闭页面、清理浏览器缓存")
def advice_shown(done_step: RegistrationDonePage) -> None:
    expect(done_step.advice).to_be_visible()


@then("人社平台已为该单位建立单位账号并关联省统一身份认证")
def unit_created_and_linked(
    new_context: Callable[..., BrowserContext],
    preconditions: Preconditions,
    scenario_unit: MyUnit,
    portal_urls: PortalUrls,
) -> None:
    """As the portal shows it: in another browser, 「省统一身份认证」 now leads straight into the
    platform, acting for the unit (the unit account exists and is linked to GD-IdP)."""
    context = new_context()
    preconditions.start_in_hrss_via_gdzwfw(context, scenario_unit)
    home = PlatformHomePage(context.new_page(), portal_urls.hrss, portal_urls.paths)
    home.open()
    expect(home.acting_for).to_have_text(f"当前单位：{scenario_unit.unit.name}")


@then("人社平台没有为该单位建立单位账号")
def unit_not_created(
    new_context: Callable[..., BrowserContext], portal_urls: PortalUrls, unit: Unit, unit_info: UnitInfo
) -> None:
    """As the portal shows it: in another browser, the 用户名 and 密码 the form chose do not log
    in as this unit (refused, or — when the 用户名 was another unit's — not as this unit)."""
    login = HrssLoginPage(new_context().new_page(), portal_urls.hrss, portal_urls.paths)
    login.open()
    login.log_in_as_unit(*unit_info.credentials())
    expect(login.acting_for.or_(login.refusal)).to_be_visible()
    expect(login.acting_for.filter(has_text=unit.name)).to_have_count(0)
