"""Then steps that once passed when they should have failed, run against the page where their
sentence is false: the refusal page for the rebate page, another unit's page, a failed face
scan that still adds the applicant (the mock with that rule mutant on), an empty or unchanged
mini-program code, a note with half the sentence, a login that did log in. Each must fail there
and pass on the page where the sentence holds.

The wrong pages are small static pages in the mock's shape (classic markup), except for the
face scan, whose wrong outcome only shows over the page's poll of the running mock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import allure
import pytest
from playwright.sync_api import Page, expect

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit
from harness.run.reliability import EXPECT_TIMEOUT_MS
from harness.target.mock_control import MockControl
from harness.target.portals import PortalUrls
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.gdzwfw.register_page import GdzwfwRegisterPage
from pages.gdzwfw.verification_dialogs_page import CaHelper
from pages.hrss.person_register_page import PersonRegisterPage
from pages.hrss.rebate_page import RebateConfirmationPage
from pages.hrss.unit_registration_page import RealnamePersonStepPage
from steps.a1_login import still_on_password_form
from steps.a1_register import applicant_not_added, new_code_shown
from steps.a2_verify import helper_prompt_shown, logged_out
from steps.a3_wizard import first_login_note
from steps.b1_accounts import person_registered
from steps.c_rebate import rebate_page_shown
from steps.common import can_read_back

NOWHERE = "http://portal.invalid"
UNIT = DataBuilder(seed=21).unit()
HELPER_MISSING = "未检测到数字证书客户端（CA助手），请先下载安装CA助手"


@pytest.fixture
def quick_expect() -> Iterator[None]:
    """A failing check gives up after a second here instead of the suite's five."""
    expect.set_options(timeout=1_000)
    yield
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture
def show(page: Page, quick_expect: None) -> Callable[[str], Page]:
    """Puts a small page into the browser."""

    def put(body: str) -> Page:
        page.set_content(f'<!doctype html><html lang="zh-CN"><body>{body}</body></html>')
        return page

    return put


def rebate_html(heading: str, unit: Unit) -> str:
    return f"<main><h1>{heading}</h1><p>单位名称：{unit.name}　统一社会信用代码：{unit.uscc}</p></main>"


# ---------------------------------------------------------------- 「我看到该单位的稳岗返还信息确认页面」


def test_the_rebate_page_check_passes_on_the_units_rebate_page(show: Callable[[str], Page]) -> None:
    rebate_page_shown(RebateConfirmationPage(show(rebate_html("稳岗返还信息确认", UNIT)), NOWHERE), UNIT)


def test_the_rebate_page_check_fails_on_the_refusal_page(show: Callable[[str], Page]) -> None:
    """Defect: 「无法办理稳岗返还信息确认」 contains the heading's words, and passed for the page."""
    refusal = show(rebate_html("无法办理稳岗返还信息确认", UNIT))
    with pytest.raises(AssertionError):
        rebate_page_shown(RebateConfirmationPage(refusal, NOWHERE), UNIT)


def test_the_rebate_page_check_fails_on_another_units_page(show: Callable[[str], Page]) -> None:
    other = show(rebate_html("稳岗返还信息确认", DataBuilder(seed=22).unit()))
    with pytest.raises(AssertionError):
        rebate_page_shown(RebateConfirmationPage(other, NOWHERE), UNIT)


# ---------------------------------------------------------------- A1.6 「页面没有添加申请人的实名信息」


@pytest.fixture
def failed_face_adds_applicant(gdzwfw_control: MockControl) -> Iterator[None]:
    """The mock adds the applicant although face recognition failed (rule mutant of A1.6)."""
    gdzwfw_control.post("mutant", {"name": "failed_face_adds_applicant"})
    yield
    gdzwfw_control.post("mutant", {"name": None})


def _scan_and_fail_face(page: Page, portal_urls: PortalUrls, control: MockControl) -> GdzwfwRegisterPage:
    register = GdzwfwRegisterPage(page, portal_urls.gdzwfw, portal_urls.paths)
    register.open()
    applicant = DataBuilder(seed=23).person()
    answer = control.post(
        f"scan/{register.mini_program_ticket()}",
        {"name": applicant.name, "resident_id": applicant.resident_id, "passed": False},
    )
    assert answer["status"] == "failed"
    return register


def test_applicant_not_added_passes_when_face_recognition_failed(
    page: Page, portal_urls: PortalUrls, gdzwfw_control: MockControl, quick_expect: None
) -> None:
    applicant_not_added(_scan_and_fail_face(page, portal_urls, gdzwfw_control))


def test_applicant_not_added_fails_when_the_page_adds_the_applicant_a_poll_later(
    page: Page,
    portal_urls: PortalUrls,
    gdzwfw_control: MockControl,
    failed_face_adds_applicant: None,
    quick_expect: None,
) -> None:
    """Defect: checked right after the scan, before the page's next poll could show the applicant."""
    register = _scan_and_fail_face(page, portal_urls, gdzwfw_control)
    with pytest.raises(AssertionError):
        applicant_not_added(register)
    expect(register.applicant_info).to_be_visible()  # what the check saw: the page did add it


# ---------------------------------------------------------------- A1.6 「页面显示新的小程序码」


@pytest.mark.parametrize(
    ("shown", "passes"), [("W2", True), ("", False), ("W1", False)], ids=["new", "empty", "unchanged"]
)
def test_the_new_code_check_wants_a_code_other_than_the_old_one(
    show: Callable[[str], Page], shown: str, passes: bool
) -> None:
    """Defect: it repeated the wait of 「刷新小程序码」 and passed with an empty number."""
    register = GdzwfwRegisterPage(show(f"<p>小程序码编号：<span>{shown}</span></p>"), NOWHERE)
    if passes:
        new_code_shown(register, "W1")
    else:
        with pytest.raises(AssertionError):
            new_code_shown(register, "W1")


# ---------------------------------------------------------------- whole sentences


FIRST_LOGIN = (
    "您的单位首次通过「省统一身份认证」登录，尚未在广东省人力资源和社会保障厅网上服务平台注册登记单位账号，"
    "请根据提示完善平台所需信息。"
)


@pytest.mark.parametrize(
    ("note", "passes"),
    [(FIRST_LOGIN, True), ("您的单位首次通过「省统一身份认证」登录。", False)],
    ids=["whole", "first-half-only"],
)
def test_the_first_login_note_check_reads_the_whole_sentence(
    show: Callable[[str], Page], note: str, passes: bool
) -> None:
    step = RealnamePersonStepPage(show(f'<p class="note">{note}</p>'), NOWHERE)
    if passes:
        first_login_note(step)
    else:
        with pytest.raises(AssertionError):
            first_login_note(step)


@pytest.mark.parametrize(
    ("heading", "passes"), [("注册成功", True), ("注册失败", False)], ids=["registered", "refused"]
)
def test_the_person_registered_check_wants_the_success_too(
    show: Callable[[str], Page], heading: str, passes: bool
) -> None:
    """Defect: only 「当前实名等级：」 was read, which a refused page can show as well."""
    page = show(
        f"<section><h1>{heading}</h1><p>个人账号 <strong>zhang_san1</strong> 已注册，当前实名等级：一级。</p></section>"
    )
    if passes:
        person_registered(PersonRegisterPage(page, NOWHERE), "一级")
    else:
        with pytest.raises(AssertionError):
            person_registered(PersonRegisterPage(page, NOWHERE), "一级")


@pytest.mark.parametrize(
    ("heading", "passes"), [("广东政务服务网", True), ("广东省统一身份认证平台", False)], ids=["home", "login-page"]
)
def test_the_logged_out_check_wants_the_home_page(show: Callable[[str], Page], heading: str, passes: bool) -> None:
    """Defect: any page with 「登录」 passed for 「我回到首页」."""
    home = GdzwfwHomePage(show(f'<header><a href="#login">登录</a></header><main><h1>{heading}</h1></main>'), NOWHERE)
    if passes:
        logged_out(home)
    else:
        with pytest.raises(AssertionError):
            logged_out(home)


@pytest.mark.parametrize(
    ("text", "passes"), [(HELPER_MISSING, True), (f"{HELPER_MISSING}（已为您自动安装）", False)], ids=["exact", "more"]
)
def test_the_helper_prompt_check_reads_exactly_the_message(
    show: Callable[[str], Page], text: str, passes: bool
) -> None:
    page = show(f'<div role="alertdialog" aria-label="安装提示"><p>{text}</p><button>知道了</button></div>')
    if passes:
        helper_prompt_shown(CaHelper(page, NOWHERE), HELPER_MISSING)
    else:
        with pytest.raises(AssertionError):
            helper_prompt_shown(CaHelper(page, NOWHERE), HELPER_MISSING)


LOGIN_FORM = '<form><img alt="验证码" src="data:,"><label>账号<input></label><button type="button">登录</button></form>'


@pytest.mark.parametrize(
    ("header", "passes"),
    [("", True), (f"<header><button>{UNIT.name}</button></header>", False)],
    ids=["not-logged-in", "logged-in"],
)
def test_the_still_on_login_check_wants_no_logged_in_user(
    show: Callable[[str], Page], header: str, passes: bool
) -> None:
    """Defect: only the 「登录」 button was looked for; a page that logged the unit in had it too."""
    page = show(header + LOGIN_FORM)
    account = MyUnit(key="unit-1", unit=UNIT)
    if passes:
        still_on_password_form(GdzwfwLoginPage(page, NOWHERE), GdzwfwHomePage(page, NOWHERE), account)
    else:
        with pytest.raises(AssertionError):
            still_on_password_form(GdzwfwLoginPage(page, NOWHERE), GdzwfwHomePage(page, NOWHERE), account)


class _Provider:
    """A provider that can or cannot read the portals back."""

    def __init__(self, reads_back: bool) -> None:
        self.reads_back = reads_back

    def has(self, capability: str) -> bool:
        return self.reads_back and capability == "数据回查"


def test_a_part_no_page_shows_is_checked_where_the_provider_reads_back_and_noted_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes: list[str] = []
    monkeypatch.setattr(allure, "attach", lambda body, **_: notes.append(body))
    assert can_read_back(_Provider(True), "存了几次")  # type: ignore[arg-type]
    assert notes == []
    assert not can_read_back(_Provider(False), "存了几次")  # type: ignore[arg-type]
    assert notes == ["未核对：存了几次（需要：数据回查）"]
