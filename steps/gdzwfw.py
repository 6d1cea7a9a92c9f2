"""Steps on the GD-IdP portal (广东省统一身份认证平台), guide part 一 (一)(二)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from harness.portals import PortalUrls
from pages.gdzwfw.login_page import GdzwfwLoginPage


@pytest.fixture
def gdzwfw_login(page: Page, portal_urls: PortalUrls) -> GdzwfwLoginPage:
    """The GD-IdP login page object on this scenario's page."""
    return GdzwfwLoginPage(page, portal_urls.gdzwfw)


def _names(text: str) -> list[str]:
    """「账号密码、网银证书、CA证书」 → ['账号密码', '网银证书', 'CA证书']."""
    return [name.strip() for name in text.split("、") if name.strip()]


@given("我打开广东省统一身份认证平台的登录页")
def open_gdzwfw_login(gdzwfw_login: GdzwfwLoginPage) -> None:
    gdzwfw_login.open()


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
    expect(gdzwfw_login.legal_tab).to_have_attribute("aria-selected", "true")


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
