"""The GD-IdP login page object on the lookalike rendition, the real platform's kind of page:
each tab starts on its QR code, the inputs have placeholders only, a refusal is a toast that
goes away. The page object brings up the 账号密码 form from wherever the page opened, and tells
a refused login by the form still showing (what the staging provider's pool login relies on)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from harness.data import DataBuilder
from harness.target.portals import page_paths
from mock_sites.serving import RunningPortals, start_portals
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.login_page import GdzwfwLoginPage

PASSWORD = "Lookalike-Passw0rd"


@pytest.fixture(scope="module")
def lookalike() -> Iterator[RunningPortals]:
    """Both mock portals in the lookalike rendition."""
    portals = start_portals(ui="lookalike")
    try:
        yield portals
    finally:
        portals.stop()


@pytest.fixture
def account(page: Page, lookalike: RunningPortals, request: pytest.FixtureRequest) -> dict:
    """A 三级 legal-person account seeded through the control API."""
    data = DataBuilder(seed=zlib.crc32(request.node.nodeid.encode()))
    unit = data.unit()
    body = {
        "login_name": data.gdzwfw_account(),
        "password": PASSWORD,
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "trust_level": 3,
    }
    answer = page.request.post(f"{lookalike.gdzwfw_url}/__mock__/legal-accounts", data=body)
    assert answer.status == 201, answer.text()
    return body


def login_page(page: Page, portals: RunningPortals) -> GdzwfwLoginPage:
    """The login page object with the lookalike's page paths."""
    return GdzwfwLoginPage(page, portals.gdzwfw_url, page_paths(rendition="lookalike"))


def captcha_answer(page: Page, portals: RunningPortals, login: GdzwfwLoginPage) -> str:
    """The answer to the captcha the form shows, as the mock's control API tells it."""
    expect(login.captcha_image).to_be_visible()
    return page.request.get(f"{portals.gdzwfw_url}/__mock__/captcha/{login.captcha_id()}").json()["answer"]


def test_the_password_form_comes_up_from_the_personal_tabs_qr_code(page: Page, lookalike: RunningPortals) -> None:
    login = login_page(page, lookalike)
    login.open()
    expect(login.selected_tab).to_have_text("个人登录")
    login.use_password_form()
    expect(login.selected_tab).to_have_text("法人登录")
    expect(login.captcha).to_be_visible()
    expect(login.other_methods).to_have_text(["电子营业执照", "网银证书", "CA证书"])


def test_a_refused_login_is_told_by_the_form_still_showing(
    page: Page, lookalike: RunningPortals, account: dict
) -> None:
    login = login_page(page, lookalike)
    login.open_legal("账号密码")
    login.log_in_with_password(account["login_name"], PASSWORD + "x", captcha_answer(page, lookalike, login))
    login.told("账号或密码错误")
    assert login.refused()
    login.log_in_with_password(account["login_name"], PASSWORD, captcha_answer(page, lookalike, login))
    assert not login.refused()
    expect(GdzwfwHomePage(page, lookalike.gdzwfw_url).user_name(account["unit_name"])).to_be_visible()
