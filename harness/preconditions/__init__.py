"""One precondition interface for every scenario, in the guide's terms, with two providers."""

# A step asks for what its scenario needs — "my unit, with a 四级 legal-person account",
# "a handler with a 二级 personal account bound to the unit, 授权码实名 done", "the SMS code just
# sent to this phone", "start logged in as …", "the agency approves the application" — and never
# names a control-API path. Each method declares the capabilities it needs (`@needs`); a
# provider that lacks one skips the scenario with 「需要：<能力>」, which the report and the
# sign-off count.
#
# - `harness.preconditions.mock.MockPreconditions` meets every need through the bundled mock's
#   control API (`harness.target.mock_control`).
# - `harness.preconditions.staging.StagingPreconditions` meets them from an account pool file
#   (`harness.preconditions.pool`) and the out-of-band sources the environment declares
#   (fixed SMS code or an SMS inbox, fixed captcha answer, scan / certificate / review endpoints).
#
# How the steps use it (`p` is the `preconditions` fixture, `u` what `p.my_unit(...)` returned):
# givens ask for accounts (`p.my_unit(legal_level=…, on_hrss=…)`, `p.another_unit(...)`,
# `p.unregistered_unit()`, `p.handler(level=…, of=u, relation=…)`) and start logged in
# (`p.start_logged_in_gdzwfw`, `p.start_in_hrss_via_gdzwfw`, `p.start_in_hrss_as_unit`,
# `p.start_in_hrss_as_person`, `p.start_unit_registration`); whens take what a person would get
# from outside the browser (`p.captcha_answer`, `p.sms_code`, `p.authcode_from_sms`, the scans
# and the CA helper); thens check through the pages where the portal shows the fact, and through
# the read-back methods (`p.legal_accounts`, `p.hrss_units`, `p.sms_messages` …, capability
# 数据回查) only where no page shows it. No step module imports `harness.target.mock_control`.

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import pytest
from playwright.sync_api import BrowserContext, FilePayload

from harness.data import Person, Unit

# The capabilities a provider may have. Each names what a scenario needs from outside the
# browser, in words a QA engineer configuring an environment recognises.
SMS = "短信验证码来源"
CAPTCHA = "验证码答案"
ACCOUNTS = "预置账号"
CONSUMABLE = "消耗性账号"
BUSINESS_DATA = "预置业务数据"
SCAN = "扫码模拟"
CA_HELPER = "CA助手模拟"
REVIEW = "经办机构审核"
READ_BACK = "数据回查"
# HRSS's face check is another portal's helper than GD-IdP's scan: an environment may have one
# without the other, so it is a capability of its own.
HRSS_FACE = "人社人脸识别模拟"

CAPABILITIES: dict[str, str] = {
    SMS: "读取刚发到某手机号的短信验证码（固定测试码，或短信收件箱接口）：注册、找回账号、授权码短信",
    CAPTCHA: "图形验证码的答案（测试环境的固定答案）：账号密码登录，以及经它登录的所有前置条件",
    ACCOUNTS: "账号池中按角色和等级预置的账号：法人账号、人社单位账号、经办人个人账号及其绑定关系",
    CONSUMABLE: "会被场景改变状态的账号（升级、绑定、注册到人社），用一次即作废",
    BUSINESS_DATA: "预置的业务数据：稳岗返还记录、待审核的单位授权码申请",
    SCAN: "模拟手机扫码：电子营业执照、小程序人脸识别",
    CA_HELPER: "模拟 CA 助手与网银/CA 证书（插入证书、PIN 码）",
    REVIEW: "社保经办机构审核通过单位授权码申请（授权码随短信发出）",
    READ_BACK: "直接读取门户数据，核对页面上看不到的结果（是否建档、存了几次、短信用途）",
    HRSS_FACE: "模拟经办人手机完成人社「个人实名认证」的人脸识别（提升为二级实名）",
}

SKIP_PREFIX = "需要："
UnitOnHrss = Literal["linked", "unlinked", "absent"]
Relation = Literal["pending", "declined", "bound", "authorised"]
F = TypeVar("F", bound=Callable[..., Any])


class PreconditionFailed(RuntimeError):
    """A provider had the capability but could not establish the precondition (a pool
    account that no longer logs in, an inbox without the code …); the message says which,
    never with a secret."""


def skip_reason(missing: list[str]) -> str:
    """「需要：短信验证码来源、扫码模拟」: the one form of a capability skip, counted by the report."""
    return SKIP_PREFIX + "、".join(missing)


def needs(*capabilities: str) -> Callable[[F], F]:
    """Declares what a precondition method needs; calling it on a provider that lacks any of
    them skips the scenario with the missing capabilities named."""
    unknown = [name for name in capabilities if name not in CAPABILITIES]
    if unknown:
        raise ValueError(f"未知的能力：{unknown}")

    def decorate(method: F) -> F:
        return _guarded(method, capabilities)

    return decorate


def _guarded(method: F, capabilities: tuple[str, ...]) -> F:
    @functools.wraps(method)
    def wrapper(self: Preconditions, *args: Any, **kwargs: Any) -> Any:
        self.require(*capabilities)
        return method(self, *args, **kwargs)

    wrapper.capabilities = capabilities  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# --- What the providers hand out ---------------------------------------------------------------


@dataclass(frozen=True)
class LegalAccount:
    """A legal-person account of 广东省统一身份认证平台 (GD-IdP)."""

    login_name: str
    password: str = field(repr=False)
    level: int
    methods: tuple[str, ...]


@dataclass(frozen=True)
class UnitAccount:
    """A unit account of 人社网上服务平台: its 用户名 and 密码."""

    username: str
    password: str = field(repr=False)
    linked: bool
    manager_code: str | None = None


@dataclass(frozen=True)
class MyUnit:
    """A unit with the accounts the scenario asked for; `key` identifies it to the provider."""

    key: str
    unit: Unit
    legal: LegalAccount | None = None
    hrss: UnitAccount | None = None

    @property
    def legal_login(self) -> LegalAccount:
        """The legal account of a unit that was asked for with one."""
        assert self.legal is not None, f"unit {self.key} has no legal account"
        return self.legal


@dataclass(frozen=True)
class PersonAccount:
    """A personal real-name account of 广东人社统一认证 (the unit's handler)."""

    key: str
    login_name: str
    password: str = field(repr=False)
    name: str
    id_number: str = field(repr=False)
    phone: str = field(repr=False)
    level: int

    @property
    def person(self) -> Person:
        """The natural person behind the account."""
        return Person(name=self.name, resident_id=self.id_number, phone=self.phone)


# --- The interface ------------------------------------------------------------------------------


class Preconditions:
    """What a scenario may ask for. Subclasses implement the methods they can meet and list
    their `capabilities`; a method whose capability is missing skips the scenario."""

    #: Which provider this is, for the report ("mock" or "staging").
    name = "base"

    def __init__(self, capabilities: frozenset[str]) -> None:
        self.capabilities = capabilities

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A provider's implementation keeps the interface's declaration: the check runs
        # before any provider code, so no provider can forget it.
        super().__init_subclass__(**kwargs)
        for name, capabilities in declared_capabilities().items():
            own = vars(cls).get(name)
            if own is not None and not hasattr(own, "capabilities"):
                setattr(cls, name, _guarded(own, capabilities))

    def has(self, *capabilities: str) -> bool:
        """True when every named capability is there."""
        return all(name in self.capabilities for name in capabilities)

    def require(self, *capabilities: str) -> None:
        """Skips the scenario, naming what is missing, unless every capability is there."""
        missing = [name for name in capabilities if name not in self.capabilities]
        if missing:
            pytest.skip(skip_reason(missing))

    def release(self) -> None:
        """Returns whatever the scenario leased (called once, at the scenario's end)."""

    # Accounts and units -------------------------------------------------------------------------

    @needs(ACCOUNTS)
    def my_unit(
        self,
        *,
        legal_level: int | None = None,
        verified_by: tuple[str, ...] | list[str] = (),
        on_hrss: UnitOnHrss | None = None,
        changes_state: bool = False,
    ) -> MyUnit:
        """The scenario's unit: with a legal-person account at `legal_level` (verification
        methods as keys: registry, bank_cert, elicence, ca_cert, hall) when given, and on HRSS
        linked to 省统一身份认证, not linked, or unknown ("absent"). `changes_state`: the
        scenario raises, binds or registers it, so it must be fresh or consumable."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def another_unit(self, *, legal_level: int | None = None, on_hrss: UnitOnHrss | None = None) -> MyUnit:
        """Some other unit (for clashes, or for a unit the handler is not bound to)."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def login_name_for_wrong_password(self, unit: MyUnit) -> str:
        """The login name a wrong-password check types at in place of `unit`'s: never a shared
        account (a portal that locks an account after a few wrong passwords would lock it for
        every later scenario) — the unit's own where it was made for this scenario, else an
        account the pool sets aside for it, else one that does not exist."""
        raise NotImplementedError

    @needs(CONSUMABLE)
    def unregistered_unit(self) -> Unit:
        """A unit 法人基础库 knows and GD-IdP has no account for: the one 法人注册 creates."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def handler(
        self, *, level: int = 2, of: MyUnit | None = None, relation: Relation | None = None, changes_state: bool = False
    ) -> PersonAccount:
        """A personal real-name account at real-name `level`; with `of`, in that binding state
        with the unit (None: not bound to it)."""
        raise NotImplementedError

    @needs(BUSINESS_DATA)
    def binding_request(self, unit: MyUnit, handler: PersonAccount) -> None:
        """`unit` has asked `handler` to become its 子账号 (pending, unanswered)."""
        raise NotImplementedError

    @needs(BUSINESS_DATA)
    def rebate(self, unit: MyUnit, period: str, amount: str, bank: str, account: str) -> None:
        """`unit` has this 稳岗返还 record waiting for confirmation."""
        raise NotImplementedError

    @needs(BUSINESS_DATA)
    def authcode_application(self, handler: PersonAccount, unit: MyUnit, material: FilePayload) -> None:
        """`handler` has applied for `unit`'s 单位授权码 with one material; pending review."""
        raise NotImplementedError

    @needs(REVIEW)
    def reviewer_approves(self, handler: PersonAccount, unit: MyUnit) -> None:
        """The agency approved `handler`'s application for `unit`: the code is in the SMS."""
        raise NotImplementedError

    # Out-of-band steps --------------------------------------------------------------------------

    @needs(CAPTCHA)
    def captcha_answer(self, captcha_id: str) -> str:
        """The answer to the login captcha the page shows."""
        raise NotImplementedError

    @needs(SMS)
    def sms_code(self, phone: str, portal: str) -> str:
        """The code just sent to `phone` by `portal` ("gdzwfw" or "hrss")."""
        raise NotImplementedError

    @needs(SMS)
    def authcode_from_sms(self, handler: PersonAccount, unit: MyUnit) -> str:
        """The 单位授权码 in the approval SMS about `unit` that `handler`'s phone received."""
        raise NotImplementedError

    @needs(SCAN)
    def scan_elicence(self, ticket: str, unit: Unit, scope: str | None = None) -> str:
        """The phone scans a QR code with `unit`'s 电子营业执照; returns what the phone says."""
        raise NotImplementedError

    @needs(SCAN)
    def scan_face(self, ticket: str, person: Person, passed: bool = True) -> str:
        """The applicant scans the mini-program code and does face recognition."""
        raise NotImplementedError

    @needs(HRSS_FACE)
    def hrss_face_recognition(self, ticket: str, passed: bool) -> None:
        """The handler's phone finishes 个人实名认证's face recognition."""
        raise NotImplementedError

    @needs(CA_HELPER)
    def insert_certificate(self, kind: Literal["bank", "ca"], session_id: str, uscc: str, pin: str) -> None:
        """The CA helper runs and a certificate of the unit `uscc` is inserted."""
        raise NotImplementedError

    @needs(CA_HELPER)
    def helper_without_certificate(self, session_id: str) -> None:
        """The CA helper runs, but no 网银证书 is inserted."""
        raise NotImplementedError

    # Starting logged in (the logins themselves have their own clicked scenarios) ----------------

    @needs(ACCOUNTS)
    def start_logged_in_gdzwfw(self, context: BrowserContext, unit: MyUnit) -> None:
        """`context` holds the session of `unit`'s legal account on GD-IdP."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def start_in_hrss_via_gdzwfw(
        self, context: BrowserContext, unit: MyUnit, handler_step1: PersonAccount | None = None
    ) -> None:
        """`context` is back on HRSS after a 「省统一身份认证」 login of `unit`: in the platform
        when HRSS knows the unit, else in the wizard (past step 1 with `handler_step1`)."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def start_in_hrss_as_unit(self, context: BrowserContext, unit: MyUnit) -> None:
        """`context` is logged in with the unit's 用户名 and 密码."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def start_in_hrss_as_person(
        self, context: BrowserContext, person: PersonAccount, acting_for: MyUnit | None = None
    ) -> None:
        """`context` is logged in with the personal account, acting for a bound unit if given."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def start_unit_registration(self, context: BrowserContext, handler: PersonAccount) -> None:
        """`context` is in 「单位注册」 with step 1 done by `handler`."""
        raise NotImplementedError

    # Read-back checks (what no page shows) ------------------------------------------------------

    @needs(READ_BACK)
    def legal_accounts(self, *, uscc: str | None = None, login_name: str | None = None) -> list[dict]:
        """GD-IdP's legal accounts with this 统一社会信用代码 or login name (never passwords)."""
        raise NotImplementedError

    @needs(READ_BACK)
    def sms_messages(self, phone: str, portal: str) -> list[dict]:
        """Every message `portal` sent to `phone`, newest first: purpose, text, code."""
        raise NotImplementedError

    @needs(READ_BACK)
    def hrss_units(self, cert_no: str) -> list[dict]:
        """HRSS's unit accounts with this 证件号码."""
        raise NotImplementedError

    @needs(READ_BACK)
    def hrss_persons(self, *, login_name: str | None = None, id_number: str | None = None) -> list[dict]:
        """HRSS's personal accounts with this login name or ID number."""
        raise NotImplementedError

    @needs(READ_BACK)
    def rebate_confirmations(self, cert_no: str) -> list[dict]:
        """The rebate confirmations HRSS stored for the unit."""
        raise NotImplementedError

    @needs(READ_BACK)
    def binding_requests(self, cert_no: str) -> list[dict]:
        """The 子账号 binding requests the unit sent."""
        raise NotImplementedError

    @needs(READ_BACK)
    def unit_handlers(self, cert_no: str, login_name: str) -> list[dict]:
        """The unit–handler row (bound, authcode_realname) for this handler, if any."""
        raise NotImplementedError

    @needs(READ_BACK)
    def authcode_applications(self, login_name: str) -> list[dict]:
        """The 单位授权码 applications of a handler, with their stored materials."""
        raise NotImplementedError

    @needs(ACCOUNTS, BUSINESS_DATA)
    def my_unit_with_rebate(
        self,
        period: str,
        amount: str,
        bank: str,
        account: str,
        *,
        legal_level: int | None = None,
        on_hrss: UnitOnHrss | None = None,
        changes_state: bool = False,
    ) -> MyUnit:
        """The scenario's unit as `my_unit` gives it, with this 稳岗返还 record waiting for
        confirmation (a pool chooses a unit that has it)."""
        raise NotImplementedError

    @needs(ACCOUNTS, BUSINESS_DATA)
    def another_unit_asking(self, handler: PersonAccount) -> MyUnit:
        """Another unit, registered on HRSS, whose 子账号 request to `handler` is pending."""
        raise NotImplementedError

    @needs(SMS)
    def sms_text(self, phone: str, portal: str) -> str:
        """The text of the newest message `portal` sent to `phone` (a notification, as the
        person reads it on the phone)."""
        raise NotImplementedError


def declared_capabilities() -> dict[str, tuple[str, ...]]:
    """Every interface method with the capabilities it declares (for docs/预发布环境.md and tests)."""
    return {
        name: member.capabilities
        for name, member in vars(Preconditions).items()
        if callable(member) and hasattr(member, "capabilities")
    }
