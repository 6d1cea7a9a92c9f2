"""The precondition interface driven through the browser, as migrated steps will use it.

The same scenarios run on the mock (`pytest tests`, mock provider) and under
`make staging-sim` (staging provider: account pool, SMS inbox, fixed captcha answer);
`tests/harness/test_staging_sim.py` runs them there and searches the report folder for secrets.
`@flaky_probe` fails its first attempt on purpose, to prove retries keep every attempt's
evidence; it runs only when HARNESS_FLAKY_PROBE=1.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, scenarios, then, when

from harness.data import DataBuilder
from harness.preconditions import MyUnit, PersonAccount, Preconditions
from harness.target.portals import PortalUrls
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.hrss.person_register_page import PersonRegisterPage, PersonRegistration
from pages.hrss.platform_home_page import PlatformHomePage
from pages.hrss.unit_registration_page import RealnamePersonStepPage, UnitInfoStepPage

ENV_VAR_PROBE = "HARNESS_FLAKY_PROBE"

scenarios("interface/前置条件接口.feature")


@pytest.fixture
def login(page: Page, portal_urls: PortalUrls) -> GdzwfwLoginPage:
    """The GD-IdP login page."""
    return GdzwfwLoginPage(page, portal_urls.gdzwfw)


@given("我有本单位的四级法人账号", target_fixture="my_unit")
def unit_with_legal_account(preconditions: Preconditions) -> MyUnit:
    return preconditions.my_unit(legal_level=4)


@given("我有本单位的四级法人账号，单位已在人社注册并关联了省统一身份认证", target_fixture="my_unit")
def unit_on_hrss(preconditions: Preconditions) -> MyUnit:
    return preconditions.my_unit(legal_level=4, on_hrss="linked")


@given("我有二级实名的经办人个人账号，已与该单位绑定并完成授权码实名", target_fixture="handler")
def authorised_handler(preconditions: Preconditions, my_unit: MyUnit) -> PersonAccount:
    return preconditions.handler(level=2, of=my_unit, relation="authorised")


@given("我已用经办人的个人账号登录并为该单位进入人社网上服务平台")
def in_platform_as_handler(
    preconditions: Preconditions, page: Page, portal_urls: PortalUrls, handler: PersonAccount, my_unit: MyUnit
) -> None:
    preconditions.start_in_hrss_as_person(page.context, handler, acting_for=my_unit)
    PlatformHomePage(page, portal_urls.hrss).open()


@given("我打开法人账号密码登录页")
def open_password_login(login: GdzwfwLoginPage) -> None:
    login.open_legal("账号密码")


@when("我用该法人账号和提供者给出的验证码答案登录")
def log_in(login: GdzwfwLoginPage, preconditions: Preconditions, my_unit: MyUnit) -> None:
    assert my_unit.legal is not None
    login.log_in_with_password(
        my_unit.legal.login_name, my_unit.legal.password, preconditions.captcha_answer(login.captcha_id())
    )


@then("右上角显示该单位的名称")
def unit_name_shown(page: Page, portal_urls: PortalUrls, my_unit: MyUnit) -> None:
    expect(GdzwfwHomePage(page, portal_urls.gdzwfw).user_name(my_unit.unit.name)).to_be_visible()


@then("平台显示我正在为该单位办理业务")
def acting_for_unit(page: Page, portal_urls: PortalUrls, my_unit: MyUnit) -> None:
    expect(PlatformHomePage(page, portal_urls.hrss).acting_for).to_have_text(f"当前单位：{my_unit.unit.name}")


@given("我已用该法人账号登录广东省统一身份认证平台")
def logged_in_at_gdzwfw(preconditions: Preconditions, page: Page, portal_urls: PortalUrls, my_unit: MyUnit) -> None:
    preconditions.start_logged_in_gdzwfw(page.context, my_unit)
    GdzwfwHomePage(page, portal_urls.gdzwfw).open()


@given("我已经「省统一身份认证」登录人社平台")
def in_platform_via_gdzwfw(preconditions: Preconditions, page: Page, portal_urls: PortalUrls, my_unit: MyUnit) -> None:
    preconditions.start_in_hrss_via_gdzwfw(page.context, my_unit)
    PlatformHomePage(page, portal_urls.hrss).open()


@given("我已用该单位的用户名和密码登录人社平台")
def in_platform_as_unit(preconditions: Preconditions, page: Page, portal_urls: PortalUrls, my_unit: MyUnit) -> None:
    preconditions.start_in_hrss_as_unit(page.context, my_unit)
    PlatformHomePage(page, portal_urls.hrss).open()


@given("我有本单位的四级法人账号，人社尚未注册该单位", target_fixture="my_unit")
def unit_unknown_to_hrss(preconditions: Preconditions) -> MyUnit:
    # The wizard that follows registers the unit: a state change, so a consumable pool entry.
    return preconditions.my_unit(legal_level=4, on_hrss="absent", changes_state=True)


@given("我已经「省统一身份认证」首次登录人社平台")
def first_login_via_gdzwfw(preconditions: Preconditions, page: Page, portal_urls: PortalUrls, my_unit: MyUnit) -> None:
    preconditions.start_in_hrss_via_gdzwfw(page.context, my_unit)
    RealnamePersonStepPage(page, portal_urls.hrss).open_after_first_login()


@then("页面说明单位首次通过省统一身份认证登录")
def first_login_note(page: Page, portal_urls: PortalUrls) -> None:
    expect(RealnamePersonStepPage(page, portal_urls.hrss).first_login_note).to_be_visible()


@given("我有二级实名的经办人个人账号", target_fixture="handler")
def level_two_handler(preconditions: Preconditions) -> PersonAccount:
    return preconditions.handler(level=2)


@given("我已从「单位注册」以经办人的实名个人账号完成了第一步")
def past_step_one(preconditions: Preconditions, page: Page, portal_urls: PortalUrls, handler: PersonAccount) -> None:
    preconditions.start_unit_registration(page.context, handler)
    UnitInfoStepPage(page, portal_urls.hrss).open()


@then("我看到向导的第二步「单位信息」")
def at_unit_info_step(page: Page, portal_urls: PortalUrls) -> None:
    expect(UnitInfoStepPage(page, portal_urls.hrss).current_step).to_have_text(re.compile(r"^\s*2\s*单位信息\s*$"))


@pytest.fixture
def register(page: Page, portal_urls: PortalUrls) -> PersonRegisterPage:
    """「个人注册」."""
    return PersonRegisterPage(page, portal_urls.hrss)


@given("我打开人社个人注册页面")
def open_register(register: PersonRegisterPage) -> None:
    register.open()


@when("我填写新的个人注册信息，获取短信验证码并填写提供者读到的验证码")
def fill_registration(
    register: PersonRegisterPage, preconditions: Preconditions, data: DataBuilder, secret_registry
) -> None:
    person, password = data.person(), data.strong_password()
    # Typed into a real portal: the new account's password and ID number are secrets too.
    secret_registry.add(password)
    secret_registry.add(person.resident_id)
    register.fill_form(
        PersonRegistration(data.hrss_username(), person.name, person.resident_id, person.phone, password, password)
    )
    register.request_sms_code()
    expect(register.sms_status).to_contain_text("验证码已发送")
    register.fill_sms_code(preconditions.sms_code(person.phone, "hrss"))


@when("我提交个人注册")
def submit_registration(register: PersonRegisterPage) -> None:
    register.register()


@then("页面提示个人账号注册成功")
def registered(register: PersonRegisterPage) -> None:
    expect(register.success).to_be_visible()


@when("我在登录表单中填写该法人账号的账号和密码")
def fill_login(login: GdzwfwLoginPage, my_unit: MyUnit) -> None:
    assert my_unit.legal is not None
    login.account.fill(my_unit.legal.login_name)
    login.password.fill(my_unit.legal.password)


@then("第一次尝试时登录表单的密码被认为填错了")
def first_attempt_fails(request: pytest.FixtureRequest, login: GdzwfwLoginPage, my_unit: MyUnit) -> None:
    if os.environ.get(ENV_VAR_PROBE) != "1":
        pytest.skip(f"故意失败一次的探针，只在 {ENV_VAR_PROBE}=1 时运行")
    assert my_unit.legal is not None
    if getattr(request.node, "execution_count", 1) == 1:
        # The failure message quotes the field's real value: the pool password, to be masked.
        expect(login.password).to_have_value(my_unit.legal.password + "x", timeout=500)
    expect(login.password).to_have_value(my_unit.legal.password)
