"""Steps of GD-IdP 账号管理 and 实名核验 (guide A2.1 账号管理页, A2.2 当前等级, A2.3 三级核验,
A2.4 四级核验方式, A2.5 五级核验方式, A2.6 网银证书核验, A2.7 电子营业执照核验)."""

# The logged-in account comes from `steps.gdzwfw`; the CA helper with its certificate and the
# phone's e-licence scan come from the precondition provider (CA助手模拟, 扫码模拟). What a
# verification changed (the level, the method, the legal representative) is checked on the
# pages that show it, so these scenarios run wherever the provider meets their preconditions.

from __future__ import annotations

from functools import reduce

from playwright.sync_api import Locator, expect
from pytest_bdd import given, parsers, then, when

from harness.data import DataBuilder, Person, Unit
from harness.preconditions import MyUnit, Preconditions
from pages.gdzwfw.account_page import GdzwfwAccountPage, GdzwfwVerifyPage
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.info_edit_page import GdzwfwInfoEditPage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.gdzwfw.verification_dialogs_page import CaHelper, CertificateDialog, ElicenceDialog
from steps.gdzwfw import ELICENCE_SCOPE, names, q, resident_id_of_kind

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
    expect(gdzwfw_account.entries(names(entries))).to_have_text(names(entries))


@then(parsers.parse("实名核验下列出「{levels}」"))
def verification_levels(gdzwfw_account: GdzwfwAccountPage, levels: str) -> None:
    expect(gdzwfw_account.entries(names(levels))).to_have_text(names(levels))


@then("我回到首页，右上角显示「登录」")
def logged_out(gdzwfw_home: GdzwfwHomePage) -> None:
    """The home page, and 「登录」 where the user name was."""
    expect(gdzwfw_home.heading).to_be_visible()
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
    expect(gdzwfw_verify.method_titles(level)).to_have_text(names(methods))


@then(parsers.parse("「{method}」状态为「{status}」"))
def method_status(gdzwfw_verify: GdzwfwVerifyPage, method: str, status: str) -> None:
    expect(gdzwfw_verify.method_status(method)).to_have_text(status)


@then(parsers.parse("「{method}」提供「{actions}」"))
def method_actions(gdzwfw_verify: GdzwfwVerifyPage, method: str, actions: str) -> None:
    wanted = names(actions)
    found = reduce(Locator.or_, (gdzwfw_verify.method_action(method, name) for name in wanted))
    expect(found).to_have_count(len(wanted))


@when(parsers.parse("我点击「{method}」的「{action}」"))
def click_method_action(gdzwfw_verify: GdzwfwVerifyPage, method: str, action: str) -> None:
    gdzwfw_verify.click_method_action(method, action)


@then(parsers.re(r"实名核验页提示" + q("message")))
def page_message(gdzwfw_verify: GdzwfwVerifyPage, message: str) -> None:
    gdzwfw_verify.told(message)


@then("说明通过网银证书或电子营业执照核验的账号为四级 (L2)")
def level_note(gdzwfw_verify: GdzwfwVerifyPage) -> None:
    expect(gdzwfw_verify.level_note).to_be_visible()


# ---------------------------------------------------------------- A2.3 修改信息


@when("我把法定代表人改为另一个人并保存", target_fixture="new_legal_rep")
def change_legal_rep(gdzwfw_info_edit: GdzwfwInfoEditPage, data: DataBuilder) -> Person:
    person = data.person()
    gdzwfw_info_edit.change_legal_representative(person.name, person.resident_id)
    return person


@when(parsers.re(r"我把法定代表人证件改为(?P<kind>[^的]+)的身份证号码并保存"))
def change_legal_rep_id(
    gdzwfw_info_edit: GdzwfwInfoEditPage, data: DataBuilder, legal_account: MyUnit, kind: str
) -> None:
    gdzwfw_info_edit.change_legal_representative(legal_account.unit.legal_rep_name, resident_id_of_kind(data, kind))


@then(parsers.re(r"修改信息页" + q("field") + "旁提示" + q("message")))
def edit_field_message(gdzwfw_info_edit: GdzwfwInfoEditPage, field: str, message: str) -> None:
    expect(gdzwfw_info_edit.field_message(field)).to_have_text(message)


@then("修改信息页中的法定代表人为新的法定代表人")
def legal_rep_shown(gdzwfw_info_edit: GdzwfwInfoEditPage, new_legal_rep: Person) -> None:
    """The form shows what GD-IdP keeps: it opens with the account's current details."""
    expect(gdzwfw_info_edit.legal_rep_name).to_have_value(new_legal_rep.name)
    expect(gdzwfw_info_edit.legal_rep_id).to_have_value(new_legal_rep.resident_id)


# ---------------------------------------------------------------- A2.5 / A2.6 certificates


@then("弹窗显示数字证书核验引导，可下载「CA助手」")
def certificate_guide(certificate_dialog: CertificateDialog) -> None:
    expect(certificate_dialog.ca_helper_link).to_be_visible()


@then(parsers.re(r"提示安装CA助手" + q("message")))
def helper_prompt_shown(ca_helper: CaHelper, message: str) -> None:
    """The install prompt (「安装提示」) says exactly this, not something containing it."""
    expect(ca_helper.prompt_text(message)).to_be_visible()


@when("我点击「知道了」")
def dismiss_helper_prompt(ca_helper: CaHelper) -> None:
    ca_helper.dismiss_prompt()


@then("安装提示已关闭")
def helper_prompt_closed(ca_helper: CaHelper) -> None:
    expect(ca_helper.prompt).to_have_count(0)


@when(parsers.re(r"我安装CA助手，启动网银客户端并插入(?P<whose>本单位|另一个单位)的网银证书，PIN码为" + q("pin")))
def insert_bank_certificate(
    preconditions: Preconditions, ca_helper: CaHelper, my_unit: Unit, data: DataBuilder, whose: str, pin: str
) -> None:
    uscc = my_unit.uscc if whose == "本单位" else data.uscc()
    preconditions.insert_certificate("bank", ca_helper.session_id(), uscc, pin)


@when(parsers.re(r"我安装CA助手并插入本单位的CA证书，PIN码为" + q("pin")))
def insert_ca_certificate(preconditions: Preconditions, ca_helper: CaHelper, my_unit: Unit, pin: str) -> None:
    preconditions.insert_certificate("ca", ca_helper.session_id(), my_unit.uscc, pin)


@when("我安装CA助手，但没有插入网银证书")
def helper_without_certificate(preconditions: Preconditions, ca_helper: CaHelper) -> None:
    preconditions.helper_without_certificate(ca_helper.session_id())


@when(parsers.re(r"我输入PIN码" + q("pin") + "并点击「数字证书核验」"))
def verify_certificate(certificate_dialog: CertificateDialog, pin: str) -> None:
    certificate_dialog.verify_with_pin(pin)


@when(parsers.re(r"我输入PIN码" + q("pin") + "并登录"))
def log_in_with_certificate(gdzwfw_login: GdzwfwLoginPage, pin: str) -> None:
    gdzwfw_login.log_in_with_certificate(pin)


@then(parsers.re(r"核验弹窗提示" + q("message")))
def dialog_error(gdzwfw_verify: GdzwfwVerifyPage, message: str) -> None:
    expect(gdzwfw_verify.dialog_said(message)).to_be_visible()


# ---------------------------------------------------------------- A2.7 e-licence verification


@then(parsers.re(r"弹窗说明电子营业执照的授权事项须为" + q("scope")))
def elicence_scope_note(elicence_dialog: ElicenceDialog, scope: str) -> None:
    expect(elicence_dialog.scope_note).to_contain_text(scope)


@when("我用微信扫描二维码，选择本单位的电子营业执照并确认登录", target_fixture="scan_result")
def scan_verification_code(elicence_dialog: ElicenceDialog, preconditions: Preconditions, my_unit: Unit) -> str:
    return preconditions.scan_elicence(elicence_dialog.ticket(), my_unit, ELICENCE_SCOPE)


@when(parsers.re(r"我用微信扫描二维码，但(?P<problem>.+)"))
def scan_verification_code_wrongly(
    elicence_dialog: ElicenceDialog, preconditions: Preconditions, my_unit: Unit, data: DataBuilder, problem: str
) -> None:
    if problem == "选择了另一个单位的电子营业执照":
        preconditions.scan_elicence(elicence_dialog.ticket(), data.unit(), ELICENCE_SCOPE)
    elif problem == "电子营业执照未授权政务服务网事项":
        preconditions.scan_elicence(elicence_dialog.ticket(), my_unit, "电子政务-市场监管-登记注册")
    else:
        assert problem == "还没有扫码", problem


@when("我在弹窗中点击「我已扫码」")
def confirm_verification_scan(elicence_dialog: ElicenceDialog) -> None:
    elicence_dialog.confirm_scanned()
