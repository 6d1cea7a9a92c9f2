"""What the HRSS steps of guide 一 (三) (A3.1–A3.6), 二 (B1.1–B2.2) and 三 (C1, C2) share: the
page objects of 广东人社统一认证 and the platform, 「某单位」 and the handler of a scenario, and
the givens that only say what they must have."""

# The givens about 「某单位」 and 「单位经办人」 gather what the scenario needs (`unit_needs`,
# `handler_needs`); the precondition provider (`preconditions`: the mock's control API, or the
# account pool on staging) hands over such a unit or handler when a step first uses it
# (`scenario_unit`, `unit`, `handler`), so a pool can lease a unit and a handler that are already
# in the binding state the scenario describes. A `@destructive` scenario changes them, so it gets
# ones to use up.

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers

from harness.data import DataBuilder, Unit
from harness.preconditions import MyUnit, PersonAccount, Preconditions
from harness.target.portals import PortalUrls
from pages.hrss.backoffice_page import BackofficePage
from pages.hrss.find_login_id_page import FindLoginIdPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.person_account_page import PersonAccountPage
from pages.hrss.person_guide_page import PersonGuidePage
from pages.hrss.person_login_page import PersonLoginPage, UnitChoiceDialog
from pages.hrss.person_register_page import PersonRegisterPage
from pages.hrss.platform_home_page import PlatformHomePage
from pages.hrss.realname_page import RealnamePage
from pages.hrss.refusal_page import RefusalPage
from pages.hrss.unit_account_page import UnitAccountPage
from pages.hrss.unit_registration_page import (
    RealnamePersonStepPage,
    RegistrationDonePage,
    RegistrationWizardPage,
    UnitInfoStepPage,
)

# The HRSS forms' answer to 「获取验证码」 (to whom and for how long follow these words).
SMS_SENT = re.compile("验证码已发送")

TRUST_LEVELS = {"三级 (原L1)": 3, "四级 (原L2)": 4, "五级 (原L3)": 5}
REALNAME_LEVELS = {"一级": 1, "二级": 2, "三级": 3}

# The unit's handler: a personal real-name account of 广东人社统一认证.
Handler = PersonAccount


@dataclass(frozen=True)
class GdzwfwAccount:
    """A legal account on GD-IdP, as the unit's handler knows it."""

    login_name: str
    password: str
    trust_level: int


@dataclass(frozen=True)
class HrssUnitAccount:
    """A unit account on HRSS: its 用户名 and 密码."""

    username: str
    password: str


# --- Page objects -------------------------------------------------------------------------------


@pytest.fixture
def hrss_login(page: Page, portal_urls: PortalUrls) -> HrssLoginPage:
    """The HRSS login page object on this scenario's page."""
    return HrssLoginPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def registration_wizard(page: Page, portal_urls: PortalUrls) -> RegistrationWizardPage:
    """What every step of the 实名信息注册 wizard shows."""
    return RegistrationWizardPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def person_step(page: Page, portal_urls: PortalUrls) -> RealnamePersonStepPage:
    """Step 1 「单位所属实名人员信息」."""
    return RealnamePersonStepPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def unit_step(page: Page, portal_urls: PortalUrls) -> UnitInfoStepPage:
    """Step 2 「单位信息」."""
    return UnitInfoStepPage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def done_step(page: Page, portal_urls: PortalUrls) -> RegistrationDonePage:
    """Step 3 「注册完成」."""
    return RegistrationDonePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def platform_home(page: Page, portal_urls: PortalUrls) -> PlatformHomePage:
    """The platform home, acting for a unit."""
    return PlatformHomePage(page, portal_urls.hrss, portal_urls.paths)


@pytest.fixture
def refusal_page(page: Page, portal_urls: PortalUrls) -> RefusalPage:
    """The page that refuses a login or a business function."""
    return RefusalPage(page, portal_urls.hrss, portal_urls.paths)


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


# --- 「某单位」 and its handler, from the provider ------------------------------------------------------


def _destructive(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("destructive") is not None


@pytest.fixture
def unit_needs() -> dict:
    """What the givens ask of 「某单位」 (legal-account level, its state on HRSS), gathered
    until a step first uses the unit."""
    return {}


@pytest.fixture
def scenario_unit(request: pytest.FixtureRequest, preconditions: Preconditions, unit_needs: dict) -> MyUnit:
    """「某单位」 with the accounts the givens asked for, from the precondition provider; a
    `@destructive` scenario changes the unit's state, so it gets one to use up."""
    needs = dict(unit_needs)
    if _destructive(request):
        needs["changes_state"] = True
    rebate = needs.pop("rebate", None)
    if rebate is not None:
        return preconditions.my_unit_with_rebate(*rebate, **needs)
    return preconditions.my_unit(**needs)


@pytest.fixture
def unit(request: pytest.FixtureRequest, unit_needs: dict, preconditions: Preconditions) -> Unit:
    """「某单位」 of this scenario: the provider's unit when the givens asked for one, else a
    unit no portal knows yet (one the scenario registers)."""
    if unit_needs:
        return request.getfixturevalue("scenario_unit").unit
    return preconditions.unregistered_unit()


@pytest.fixture
def gdzwfw_legal_account(scenario_unit: MyUnit) -> GdzwfwAccount:
    """The unit's legal account on GD-IdP, as the handler knows it."""
    legal = scenario_unit.legal
    assert legal is not None, "场景没有要求该单位有法人账号"
    return GdzwfwAccount(login_name=legal.login_name, password=legal.password, trust_level=legal.level)


@pytest.fixture
def hrss_unit(scenario_unit: MyUnit) -> HrssUnitAccount:
    """The unit's account on HRSS: its 用户名 and 密码."""
    account = scenario_unit.hrss
    assert account is not None, "场景没有要求该单位在人社注册"
    return HrssUnitAccount(username=account.username, password=account.password)


@pytest.fixture
def handler_needs() -> dict:
    """What the givens ask of the handler (real-name level, binding state with 「某单位」),
    gathered until a step first uses the handler."""
    return {}


@pytest.fixture
def handler(request: pytest.FixtureRequest, preconditions: Preconditions, handler_needs: dict) -> Handler:
    """The handler's personal account as the givens describe it; a binding state makes it the
    handler of 「某单位」 in that state (「无」: not bound to it)."""
    needs = dict(handler_needs)
    if _destructive(request):
        needs["changes_state"] = True
    if "relation" in needs:
        needs["of"] = request.getfixturevalue("scenario_unit")
    return preconditions.handler(**needs)


def bind_handler(handler_needs: dict, relation: str | None) -> None:
    """The handler is to be in `relation` with 「某单位」 (None: not bound to it)."""
    handler_needs["relation"] = relation


# --- Givens that say what 「某单位」 and the handler have -------------------------------------------------


@given(parsers.parse("某单位在广东省统一身份认证平台有可信等级为「{level}」的法人账号"))
def unit_with_legal_account(unit_needs: dict, level: str) -> None:
    """The unit has a GD-IdP legal account at the named trust level."""
    unit_needs["legal_level"] = TRUST_LEVELS[level]


@given("该单位已在人社网上服务平台注册并关联了省统一身份认证")
def unit_linked_on_hrss(unit_needs: dict) -> None:
    """The unit has an HRSS account, linked to its GD-IdP account."""
    unit_needs["on_hrss"] = "linked"


@given("某单位已在人社网上服务平台注册了单位账号")
def unit_on_hrss(unit_needs: dict) -> None:
    """The unit has an HRSS account that has never used 「省统一身份认证」."""
    unit_needs["on_hrss"] = "unlinked"


@given("另一单位已在人社网上服务平台注册了单位账号", target_fixture="other_unit")
def other_unit_on_hrss(preconditions: Preconditions) -> HrssUnitAccount:
    """Another unit's HRSS account (its 用户名 is then taken)."""
    account = preconditions.another_unit(on_hrss="unlinked").hrss
    assert account is not None
    return HrssUnitAccount(username=account.username, password=account.password)


@given("该单位尚未在人社网上服务平台注册")
def unit_not_on_hrss(unit_needs: dict) -> None:
    """HRSS has no unit with this 统一社会信用代码 (the scenario registers it: a unit used once)."""
    unit_needs.update(on_hrss="absent", changes_state=True)


@given(parsers.parse("单位经办人在广东人社统一认证有实名等级为「{level}」的个人账号"))
def handler_account(handler_needs: dict, level: str) -> None:
    """The handler has a personal real-name account at the named real-name level."""
    handler_needs["level"] = REALNAME_LEVELS[level]


def handler_entry(case: str, handler: Handler, data: DataBuilder) -> tuple[str, str]:
    """(登录账号, 证件号码) typed for a handler's personal account, by the case the scenario names;
    the 实名信息注册 wizard and the 子账号 binding both ask for this pair."""
    entries: dict[str, Callable[[], tuple[str, str]]] = {
        "不存在的登录账号": lambda: (f"no{data.hrss_username()}", handler.id_number),
        "他人的证件号码": lambda: (handler.login_name, data.resident_id()),
        "本人的账号和证件号": lambda: (handler.login_name, handler.id_number),
        "空白的登录账号": lambda: ("", handler.id_number),
        "空白的证件号码": lambda: (handler.login_name, ""),
    }
    return entries[case]()


def on_platform(platform_home: PlatformHomePage, unit: Unit) -> None:
    """Opens the platform home and waits until it acts for `unit`."""
    platform_home.open()
    expect(platform_home.acting_for).to_contain_text(unit.name)
