"""Steps of the GD-IdP 法人登录 page (guide A1.1 登录方式, A1.2 账号密码登录, A1.8 电子营业执照
免注册登录), and the login page's answers other sections check (「法人登录页提示…」).

The captcha's answer and the phone's e-licence scan come from the precondition provider
(验证码答案, 扫码模拟); the scenario's unit and account from `steps.gdzwfw`.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.data import Unit
from harness.preconditions import MyUnit, Preconditions
from pages.gdzwfw.account_page import GdzwfwVerifyPage
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.gdzwfw.register_page import GdzwfwRegisterPage
from steps.gdzwfw import ELICENCE_SCOPE, captcha_answer, log_in_with_password, names, q

# ---------------------------------------------------------------- A1.1 the login page


@given("我打开广东省统一身份认证平台的登录页")
def open_gdzwfw_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open()


@given("我打开法人登录页")
def open_legal_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open_legal()


@given(parsers.re(r"我打开法人登录页并选择" + q("method")))
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
    expect(gdzwfw_login.other_methods).to_have_text(names(methods))


# ---------------------------------------------------------------- A1.2 账号密码


@then("我看到账号密码登录表单，带「立即注册」「找回密码/账号」「登录」")
def password_form_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    form = (
        gdzwfw_login.account.or_(gdzwfw_login.password)
        .or_(gdzwfw_login.register_link)
        .or_(gdzwfw_login.recover_link)
        .or_(gdzwfw_login.login_button)
    )
    expect(form).to_have_count(5)


@then("登录表单有图形验证码，提示「请输入图中算式的计算结果」")
def captcha_shown(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.captcha_image.or_(gdzwfw_login.captcha)).to_have_count(2)


@when("我用该法人账号的账号密码登录")
def log_in_with_account(gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, legal_account: MyUnit) -> None:
    log_in_with_password(
        gdzwfw_login, preconditions, legal_account.legal_login.login_name, legal_account.legal_login.password
    )


@when("我选择账号密码方式，用该法人账号登录")
def switch_and_log_in_with_password(
    gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, legal_account: MyUnit
) -> None:
    gdzwfw_login.choose_other_method("账号密码")
    log_in_with_password(
        gdzwfw_login, preconditions, legal_account.legal_login.login_name, legal_account.legal_login.password
    )


# Each way of getting the password login wrong: (login name, password, captcha answer) from
# the account's login name, its password and the captcha's answer.
LOGIN_MISTAKES: dict[str, Callable[[str, str, str], tuple[str, str, str]]] = {
    "验证码填错": lambda login_name, password, answer: (login_name, password, str(int(answer) + 1)),
    "没有填写验证码": lambda login_name, password, answer: (login_name, password, ""),
    "密码填错": lambda login_name, password, answer: (login_name, password + "x", answer),
    "账号填成未注册的账号": lambda login_name, password, answer: (login_name + "zz", password, answer),
}


# A wrong password is typed only at an account nobody else needs (a portal may lock it): the
# precondition provider names it.
WRONG_PASSWORD = "密码填错"


@when(parsers.re(r"我用该法人账号登录，但(?P<mistake>.+)"))
def log_in_with_mistake(
    gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, legal_account: MyUnit, mistake: str
) -> None:
    gdzwfw_login.use_password_form()
    answer = captcha_answer(gdzwfw_login, preconditions)
    login_name = (
        preconditions.login_name_for_wrong_password(legal_account)
        if mistake == WRONG_PASSWORD
        else legal_account.legal_login.login_name
    )
    gdzwfw_login.log_in_with_password(*LOGIN_MISTAKES[mistake](login_name, legal_account.legal_login.password, answer))


@then(parsers.re(r"法人登录页提示" + q("message")))
def login_page_says(gdzwfw_login: GdzwfwLoginPage, message: str) -> None:
    gdzwfw_login.told(message)


@then("我仍停留在账号密码登录表单，没有登录")
def still_on_password_form(gdzwfw_login: GdzwfwLoginPage, gdzwfw_home: GdzwfwHomePage, legal_account: MyUnit) -> None:
    """The form with its captcha (the page answered: the step before read its message), and no
    user name top right."""
    expect(gdzwfw_login.captcha_image).to_be_visible()
    expect(gdzwfw_home.user_name(legal_account.unit.name)).to_have_count(0)


@then("右上角显示本单位的名称")
def unit_name_top_right(gdzwfw_home: GdzwfwHomePage, my_unit: Unit) -> None:
    expect(gdzwfw_home.user_name(my_unit.name)).to_be_visible()


@then("我来到法人账号密码登录页")
def on_password_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    expect(gdzwfw_login.captcha_image).to_be_visible()


@then("我来到实名核验页")
def on_verify_page(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    expect(gdzwfw_verify.current_level).to_be_visible()


# ---------------------------------------------------------------- A1.8 e-licence login


@when("我选择「无需注册，微信扫码 使用电子营业执照直接登录」")
def choose_elicence_login(gdzwfw_register: GdzwfwRegisterPage) -> None:
    gdzwfw_register.use_elicence_instead()


@when("我用微信扫描登录二维码，在电子营业执照小程序中选择本单位的执照并确认登录", target_fixture="scan_result")
def scan_login_code(gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, my_unit: Unit) -> str:
    gdzwfw_login.use_elicence_scan()
    return preconditions.scan_elicence(gdzwfw_login.login_code_ticket(), my_unit, ELICENCE_SCOPE)


@when(parsers.re(r"我用微信扫描登录二维码，但电子营业执照的授权事项为" + q("scope")), target_fixture="scan_result")
def scan_login_code_with_scope(
    gdzwfw_login: GdzwfwLoginPage, preconditions: Preconditions, my_unit: Unit, scope: str
) -> str:
    gdzwfw_login.use_elicence_scan()
    return preconditions.scan_elicence(gdzwfw_login.login_code_ticket(), my_unit, scope)


@when("我点击「我已扫码」")
def confirm_login_scan(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.confirm_scanned()


@then(parsers.parse("平台为本单位自动创建了法人账号：没有登录账号和密码，可信等级为「{level}」"))
def account_created_by_licence(preconditions: Preconditions, my_unit: Unit, level: str) -> None:
    """Read back from GD-IdP (数据回查): that the account has no login name and password is on no page."""
    (account,) = preconditions.legal_accounts(uscc=my_unit.uscc)
    assert (account["login_name"], account["has_password"], account["level_name"]) == (None, False, level), account
    assert [item["method_name"] for item in account["verifications"]] == ["电子营业执照"], account


@then("没有为本单位创建法人账号")
def no_account_for_unit(preconditions: Preconditions, my_unit: Unit) -> None:
    """Read back from GD-IdP (数据回查): the refused scan left nothing behind."""
    assert preconditions.legal_accounts(uscc=my_unit.uscc) == []
