"""What the steps of 广东省统一身份认证平台 (GD-IdP, guide part 一 (一)(二), A1 and A2) share:
the page objects, the scenario's unit and legal-person account, and the givens that start a
scenario with an account or logged in."""

# The account and the login are preconditions from the provider (`preconditions`: seeded through
# the mock's control API, or leased from the account pool on staging); the login itself is the
# subject of A1.2's clicked scenarios. A `@destructive` scenario changes its account (raises its
# level, edits it), so it is given one it may use up. Other step modules reuse:
#
# - 「假如 已有一个四级法人账号」 (or 三级/五级, optionally 「，已完成<方式>核验」): fixture
#   `legal_account` (a `MyUnit`: `.unit`, `.legal`); `my_unit` is then its unit.
# - 「假如 我已用三级法人账号登录」 (optionally 「，打开了「实名核验」页」).
# - 「当 我用该法人账号的账号密码登录」 on the 账号密码 form (the captcha's answer from the provider).
# - fixture `gdzwfw_login`, the login page object (the HRSS steps log in through it).

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers

from harness.data import DataBuilder, Person, Unit
from harness.preconditions import MyUnit, Preconditions
from harness.target.portals import PortalUrls
from pages.gdzwfw.account_page import GdzwfwAccountPage, GdzwfwVerifyPage
from pages.gdzwfw.help_page import GdzwfwHelpPage
from pages.gdzwfw.home_page import GdzwfwHomePage
from pages.gdzwfw.info_edit_page import GdzwfwInfoEditPage
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.gdzwfw.register_page import GdzwfwRegisterPage
from pages.gdzwfw.verification_dialogs_page import CaHelper, CertificateDialog, ElicenceDialog

LEVELS = {"三级": 3, "四级": 4, "五级": 5}
METHOD_KEYS = {
    "法人基础库": "registry",
    "网银证书": "bank_cert",
    "电子营业执照": "elicence",
    "CA证书": "ca_cert",
    "办事大厅现场核验": "hall",
}
# The scope an e-licence must grant for 政务服务网 (A1.8, A2.7).
ELICENCE_SCOPE = "电子政务-市场监管-政务服务网"


def q(name: str) -> str:
    """A 「…」-quoted capture that may be empty and never runs past its closing bracket."""
    return f"「(?P<{name}>[^」]*)」"


def names(text: str) -> list[str]:
    """「账号密码、网银证书、CA证书」 → ['账号密码', '网银证书', 'CA证书']."""
    return [name.strip() for name in text.split("、") if name.strip()]


def resident_id_of_kind(data: DataBuilder, kind: str) -> str:
    """A resident ID number of the kind a rule's example row names (有效, 校验位错误 …)."""
    makers: dict[str, Callable[[], str]] = {
        "有效": data.resident_id,
        "校验位错误": data.resident_id_with_bad_check_digit,
        "出生日期不存在": data.resident_id_with_bad_birth_date,
        "少一位": lambda: data.resident_id()[:-1],
        "空白": lambda: "",
    }
    return makers[kind]()


def changes_state(request: pytest.FixtureRequest) -> bool:
    """A `@destructive` scenario changes its account, so it must be given one to use up."""
    return request.node.get_closest_marker("destructive") is not None


def captcha_answer(login: GdzwfwLoginPage, preconditions: Preconditions) -> str:
    """The answer to the captcha the 账号密码 form shows, as a person reads it off the image."""
    expect(login.captcha_image).to_be_visible()
    return preconditions.captcha_answer(login.captcha_id())


def log_in_with_password(login: GdzwfwLoginPage, preconditions: Preconditions, account: str, password: str) -> None:
    """Brings up the 账号密码 form (the page may show a QR code or the other tab first), fills
    it with the captcha's answer and logs in."""
    login.use_password_form()
    login.log_in_with_password(account, password, captcha_answer(login, preconditions))


@dataclass(frozen=True)
class Registration:
    """What this scenario types into 法人注册."""

    account: str
    password: str
    unit: Unit
    applicant: Person


# ---------------------------------------------------------------- the scenario's unit and data


@pytest.fixture
def legal_account() -> MyUnit | None:
    """The unit with the legal-person account a given step provided; None until one does."""
    return None


@pytest.fixture
def my_unit(legal_account: MyUnit | None, preconditions: Preconditions) -> Unit:
    """The unit the scenario acts for: the one whose account a given provided, else a unit
    GD-IdP has no account for yet (the one it registers, or logs in with its e-licence)."""
    return legal_account.unit if legal_account is not None else preconditions.unregistered_unit()


@pytest.fixture
def legal_registration(data: DataBuilder, my_unit: Unit) -> Registration:
    """Valid 法人注册 data for this scenario's unit."""
    return Registration(
        account=data.gdzwfw_account(), password=data.strong_password(), unit=my_unit, applicant=data.person()
    )


# ---------------------------------------------------------------- page objects


@pytest.fixture
def gdzwfw_login(page: Page, portal_urls: PortalUrls) -> GdzwfwLoginPage:
    """The GD-IdP login page object on this scenario's page."""
    return GdzwfwLoginPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_register(page: Page, portal_urls: PortalUrls) -> GdzwfwRegisterPage:
    """The GD-IdP registration page object."""
    return GdzwfwRegisterPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_home(page: Page, portal_urls: PortalUrls) -> GdzwfwHomePage:
    """The 广东政务服务网 home page object."""
    return GdzwfwHomePage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_account(page: Page, portal_urls: PortalUrls) -> GdzwfwAccountPage:
    """The 账号管理 page object (header and entries)."""
    return GdzwfwAccountPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_verify(page: Page, portal_urls: PortalUrls) -> GdzwfwVerifyPage:
    """The 实名核验 page object."""
    return GdzwfwVerifyPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def certificate_dialog(page: Page, portal_urls: PortalUrls) -> CertificateDialog:
    """Whichever digital-certificate dialog is open (网银证书核验 or CA证书核验)."""
    return CertificateDialog(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def elicence_dialog(page: Page, portal_urls: PortalUrls) -> ElicenceDialog:
    """The 电子营业执照核验 dialog."""
    return ElicenceDialog(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def ca_helper(page: Page, portal_urls: PortalUrls) -> CaHelper:
    """The CA helper's traces on the page: session number and install prompt."""
    return CaHelper(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_help(page: Page, portal_urls: PortalUrls) -> GdzwfwHelpPage:
    """A GD-IdP help page."""
    return GdzwfwHelpPage(page, portal_urls.gdzwfw, portal_urls.paths)


@pytest.fixture
def gdzwfw_info_edit(page: Page, portal_urls: PortalUrls) -> GdzwfwInfoEditPage:
    """The 「修改信息」 form of 证件真实性核验."""
    return GdzwfwInfoEditPage(page, portal_urls.gdzwfw, portal_urls.paths)


# ---------------------------------------------------------------- accounts and logins as preconditions


@given(parsers.re(r"已有一个(?P<level>[三四五]级)法人账号"), target_fixture="legal_account")
def existing_account(preconditions: Preconditions, request: pytest.FixtureRequest, level: str) -> MyUnit:
    """This scenario's unit already has an account at the level (not registered here)."""
    return preconditions.my_unit(legal_level=LEVELS[level], changes_state=changes_state(request))


@given(
    parsers.re(r"已有一个(?P<level>[三四五]级)法人账号，已完成(?P<method>[^，]+)核验"), target_fixture="legal_account"
)
def existing_account_verified_by(
    preconditions: Preconditions, request: pytest.FixtureRequest, level: str, method: str
) -> MyUnit:
    """An account whose level came from the named method (besides 法人基础库)."""
    verified_by = ["registry", METHOD_KEYS[method]]
    return preconditions.my_unit(
        legal_level=LEVELS[level], verified_by=verified_by, changes_state=changes_state(request)
    )


@given(parsers.re(r"已有另一个单位的(?P<level>[三四五]级)法人账号"), target_fixture="other_account")
def other_units_account(preconditions: Preconditions, level: str) -> MyUnit:
    """Some other unit's account, for clashes with what this scenario registers."""
    return preconditions.another_unit(legal_level=LEVELS[level])


@given(parsers.re(r"我已用(?P<level>[三四五]级)法人账号登录"), target_fixture="legal_account")
def logged_in_at_level(
    preconditions: Preconditions, request: pytest.FixtureRequest, page: Page, gdzwfw_home: GdzwfwHomePage, level: str
) -> MyUnit:
    """Starts the scenario logged in with an account of this unit, on the home page."""
    account = preconditions.my_unit(legal_level=LEVELS[level], changes_state=changes_state(request))
    preconditions.start_logged_in_gdzwfw(page.context, account)
    gdzwfw_home.open()
    expect(gdzwfw_home.user_name(account.unit.name)).to_be_visible()
    return account


@given(parsers.re(r"我已用(?P<level>[三四五]级)法人账号登录，打开了「实名核验」页"), target_fixture="legal_account")
def logged_in_on_verify_page(
    preconditions: Preconditions,
    request: pytest.FixtureRequest,
    page: Page,
    gdzwfw_verify: GdzwfwVerifyPage,
    level: str,
) -> MyUnit:
    """As 「我已用…法人账号登录」, on the 实名核验 page."""
    account = preconditions.my_unit(legal_level=LEVELS[level], changes_state=changes_state(request))
    preconditions.start_logged_in_gdzwfw(page.context, account)
    gdzwfw_verify.open()
    expect(gdzwfw_verify.current_level).to_be_visible()
    return account
