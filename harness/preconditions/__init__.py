"""One precondition interface for every scenario, in the guide's terms, with two providers.

A step asks for what its scenario needs — "my unit, with a 四级 legal-person account",
"a handler with a 二级 personal account bound to the unit, 授权码实名 done", "the SMS code just
sent to this phone", "start logged in as …", "the agency approves the application" — and never
names a control-API path. Each method declares the capabilities it needs (`@needs`); a
provider that lacks one skips the scenario with 「需要：<能力>」, which the report and the
sign-off count.

- `harness.preconditions.mock.MockPreconditions` meets every need through the bundled mock's
  control API (`harness.mock_control`).
- `harness.preconditions.staging.StagingPreconditions` meets them from an account pool file
  (`harness.preconditions.pool`) and the out-of-band sources the environment declares
  (fixed SMS code or an SMS inbox, fixed captcha answer, scan / certificate / review endpoints).

Migrating the steps (current helper or control call → interface method; `p` is the
`preconditions` fixture, `u` what `p.my_unit(...)` returned):

all step modules
  fixtures my_unit / unit (data.unit())                     → u.unit: on staging the unit is the pool's, so a step never builds it
  hrss_control / gdzwfw_control in a step's arguments       → p (the `preconditions` fixture)
steps/gdzwfw.py
  seed_legal_account(ctl, data, my_unit, level[, methods])  → u = p.my_unit(legal_level=level, verified_by=methods); u.legal, u.unit
  other_units_account (seed for data.unit())                → p.another_unit(legal_level=level).legal
  logged_in_at_level / logged_in_on_verify_page             → p.my_unit(legal_level=…); p.start_logged_in_gdzwfw(page.context, u)
  captcha_answer(login, ctl)                                → p.captcha_answer(login.captcha_id())
  _request_sms_code(register, ctl, phone) / sms?phone=[0]   → register.request_sms_code(phone); p.sms_code(phone, "gdzwfw")
  sms_code_received (outbox purposes)                       → p.sms_code(phone, "gdzwfw") is 6 digits; purposes: p.sms_messages(phone, "gdzwfw") (数据回查)
  accounts_of(ctl, uscc=|login_name=)                       → p.legal_accounts(uscc=…, login_name=…)            (数据回查)
  _scan_licence(ctl, ticket, unit, scope)                   → p.scan_elicence(ticket, unit, scope)                (扫码模拟)
  _scan_face(ctl, ticket, person, passed)                   → p.scan_face(ticket, person, passed)                 (扫码模拟)
  _insert_certificate(ctl, helper, kind, uscc, pin)         → p.insert_certificate(kind, helper.session_id(), uscc, pin) (CA助手模拟)
  helper_without_certificate                                → p.helper_without_certificate(helper.session_id())   (CA助手模拟)
  legal_registration's my_unit (法人注册 of a new unit)       → p.unregistered_unit()                               (消耗性账号 on staging)
steps/hrss.py
  seed_gdidp_account(level)                                 → u = p.my_unit(legal_level=level); GdidpAccount = u.legal
  _seed_hrss_unit(…, gdidp_linked=True|False)               → p.my_unit(legal_level=4, on_hrss="linked"|"unlinked").hrss
  seed_other_hrss_unit                                      → p.another_unit(on_hrss="unlinked").hrss
  unit_not_on_hrss (asserts units?cert_no == [])            → p.my_unit(legal_level=4, on_hrss="absent", changes_state=True)
  seed_handler(level)                                       → p.handler(level=level)
  seed_rebate(period, amount, bank, account)                → u = p.my_unit_with_rebate(period, amount, bank, account, on_hrss=…) (预置业务数据: a pool picks the unit by it)
  logged_in_through_gdidp / enter_platform_logged_in(gdidp) → p.start_in_hrss_via_gdidp(page.context, u)
  first_login_through_gdidp                                 → p.start_in_hrss_via_gdidp(page.context, u)  (u.hrss is None: the wizard)
  past_first_step_from_gdidp                                → p.start_in_hrss_via_gdidp(page.context, u, handler_step1=h)
  past_first_step_of_unit_registration                      → p.start_unit_registration(page.context, h)
  logged_in_with_unit_password                              → p.start_in_hrss_as_unit(page.context, u)
  _log_in_with_password (captcha via control)               → p.captcha_answer(login.captcha_id())
  _scan_elicence(ctl, login, unit)                          → p.scan_elicence(login.login_code_ticket(), u.unit)
  _request_sms_code(unit_step, ctl, phone)                  → unit_step.request_sms_code(); p.sms_code(phone, "hrss")
  unit_created_and_linked / unit_not_created (units?cert_no)→ p.hrss_units(cert_no)                               (数据回查)
  confirmed_once / not_confirmed                            → p.rebate_confirmations(cert_no)                    (数据回查)
steps/hrss_accounts.py
  _phone(ctl, handler)                                      → h.phone
  seed_pending_binding / seed_bound / seed_authorised       → p.handler(level=2, of=u, relation="pending"|"bound"|"authorised")
  seed_binding_state(state)                                 → p.handler(level=2, of=u, relation=None|"pending"|"declined"|"bound")
  _seed_other_unit / seed_unbound_unit                      → p.another_unit(on_hrss="unlinked")
  seed_pending_other_unit                                   → o = p.another_unit_asking(h)                        (预置业务数据)
  seed_application(name)                                    → p.authcode_application(h, u, material)              (预置业务数据)
  seed_approved_application                                 → p.reviewer_approves(h, u)                           (经办机构审核)
  _authcode_from_sms(ctl, handler, unit)                    → p.authcode_from_sms(h, u)                           (短信验证码来源)
  _sms(ctl, phone, purpose) for codes                       → p.sms_code(phone, "hrss")
  _sms(ctl, phone, purpose) for notifications               → p.sms_messages(phone, "hrss")                      (数据回查)
    … or, as the phone shows it, the newest text              → p.sms_text(phone, "hrss")                          (短信验证码来源，需收件箱)
  _binding_requests / _handler_row                          → p.binding_requests(cert_no) / p.unit_handlers(cert_no, login_name) (数据回查)
  accounts/persons?login_name= / id_number=                 → p.hrss_persons(login_name=…, id_number=…)          (数据回查)
  authcode/applications?person_login_name=                  → p.authcode_applications(login_name)                 (数据回查)
  _query_value("单位管理码")                                 → u.hrss.manager_code
  scan_face (accounts/realname/<ticket>)                    → p.hrss_face_recognition(ticket, passed)             (人社人脸识别模拟)
  logged_in_as_handler                                      → p.start_in_hrss_as_person(page.context, h)
  logged_in_as_handler_for_unit                             → p.start_in_hrss_as_person(page.context, h, acting_for=u)
conftest.py fixtures gdzwfw_control / hrss_control          → the `preconditions` fixture (harness.staging)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, TypeVar

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
}

# --- A3/B ---
# HRSS's face check is another portal's helper than GD-IdP's scan: an environment may have one
# without the other, so it is a capability of its own.
HRSS_FACE = "人社人脸识别模拟"
CAPABILITIES[HRSS_FACE] = "模拟经办人手机完成人社「个人实名认证」的人脸识别（提升为二级实名）"

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

    @needs(CONSUMABLE)
    def unregistered_unit(self) -> Unit:
        """A unit 法人基础库 knows and GD-IdP has no account for: the one 法人注册 creates."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def handler(self, *, level: int = 2, of: MyUnit | None = None, relation: Relation | None = None, changes_state: bool = False) -> PersonAccount:
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
    def start_in_hrss_via_gdidp(self, context: BrowserContext, unit: MyUnit, handler_step1: PersonAccount | None = None) -> None:
        """`context` is back on HRSS after a 「省统一身份认证」 login of `unit`: in the platform
        when HRSS knows the unit, else in the wizard (past step 1 with `handler_step1`)."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def start_in_hrss_as_unit(self, context: BrowserContext, unit: MyUnit) -> None:
        """`context` is logged in with the unit's 用户名 and 密码."""
        raise NotImplementedError

    @needs(ACCOUNTS)
    def start_in_hrss_as_person(self, context: BrowserContext, person: PersonAccount, acting_for: MyUnit | None = None) -> None:
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

    # --- A3/B ---

    @needs(ACCOUNTS, BUSINESS_DATA)
    def my_unit_with_rebate(
        self, period: str, amount: str, bank: str, account: str, *, legal_level: int | None = None, on_hrss: UnitOnHrss | None = None, changes_state: bool = False
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
    """Every interface method with the capabilities it declares (for the README and tests)."""
    return {
        name: getattr(member, "capabilities")
        for name, member in vars(Preconditions).items()
        if callable(member) and hasattr(member, "capabilities")
    }
