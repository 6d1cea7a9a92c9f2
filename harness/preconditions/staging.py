"""The staging provider: preconditions from the account pool and the sources an environment
declares, never from a control API."""

# Sources (`[<profile>.sources]` in `harness/target/environments.toml`):
#
# - `sms_code = "…"`: the environment's fixed test SMS code; or `sms_inbox_url`: an address
#   returning the latest message sent to a phone as JSON `{"code": "…", "text": "…"}` (404 while
#   there is none), with `{phone}` and `{portal_url}` (the sending portal's base URL) in it;
# - `captcha_answer = "…"`: the environment's fixed captcha answer;
# - `scan_url`, `certificate_url`, `review_url`: test helpers that play the phone, the CA helper
#   and the agency's reviewer, taking the same JSON as the mock's control API
#   (`{ticket}` / `{kind}` in the address). Without them those scenarios are skipped.
# - `hrss_face_url`: the helper that plays the handler's phone in HRSS's 个人实名认证 face check
#   (`{ticket}` in the address; body `{"result": "pass"|"fail"}`), a portal apart from GD-IdP's.
#
# Logged-in preconditions follow Playwright's authentication guide: the login runs in a context
# of its own (so the scenario's trace never records a typed password) and the scenario's context
# receives its cookies. Each scenario logs in afresh rather than reusing another's cookies: a
# scenario that logs out ends the portal's server-side session, and the next one would start
# with a dead session.

from __future__ import annotations

import json
import os
import re
import secrets
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, BrowserContext, FilePayload, Page

from harness.data import Person, Unit
from harness.preconditions import (
    ACCOUNTS,
    BUSINESS_DATA,
    CA_HELPER,
    CAPTCHA,
    CONSUMABLE,
    HRSS_FACE,
    REVIEW,
    SCAN,
    SMS,
    MyUnit,
    PersonAccount,
    PreconditionFailed,
    Preconditions,
    Relation,
    UnitOnHrss,
    skip_reason,
)
from harness.preconditions.logins import PortalLogins
from harness.preconditions.pool import AccountPool, EntryT, PersonEntry, UnitEntry
from harness.target.portals import PortalUrls

AUTHCODE_IN_SMS = re.compile(r"授权码：(\d+)")
HTTP_TIMEOUT = 5.0
SMS_WAIT = 15.0
# Wrong passwords one run may type at one account the pool sets aside for them: below the
# lockout threshold of the portals (a guess: GD-IdP publishes none; 5 is the common setting).
WRONG_PASSWORD_CAP = 2
# One run, across its pytest-xdist workers (xdist gives them one id), else this process.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


def capabilities_of(pool: AccountPool | None, sources: Mapping[str, Any]) -> frozenset[str]:
    """What a pool and an environment's declared sources make possible."""
    found = set()
    if pool is not None:
        found.add(ACCOUNTS)
        if any(entry.consumable for entry in pool.units) or any(entry.consumable for entry in pool.persons):
            found.add(CONSUMABLE)
        if any(entry.rebates for entry in pool.units) or any("pending" in p.bindings.values() for p in pool.persons):
            found.add(BUSINESS_DATA)
    if sources.get("sms_code") or sources.get("sms_inbox_url"):
        found.add(SMS)
    if sources.get("captcha_answer"):
        found.add(CAPTCHA)
    for key, capability in (("scan_url", SCAN), ("certificate_url", CA_HELPER), ("review_url", REVIEW)):
        if sources.get(key):
            found.add(capability)
    if sources.get("hrss_face_url"):
        found.add(HRSS_FACE)
    return frozenset(found)


class StagingPreconditions(Preconditions):
    """Leases pool entries for one scenario and reads the declared sources."""

    name = "staging"

    def __init__(
        self,
        pool: AccountPool | None,
        sources: Mapping[str, Any],
        urls: PortalUrls,
        browser: Browser | None,
        context_args: Mapping[str, Any],
        holder: str,
        remember_secret: Callable[[str], None] = lambda value: None,
        logins: PortalLogins | None = None,
    ) -> None:
        super().__init__(capabilities_of(pool, sources))
        self.pool = pool
        self.sources = sources
        self.urls = urls
        self.browser = browser
        self.context_args = dict(context_args)
        self.holder = holder
        self.remember_secret = remember_secret
        self._logins = logins
        self._leased: list[str] = []

    @property
    def logins(self) -> PortalLogins:
        """How this provider logs in through the pages (handed over by the acceptance conftest)."""
        if self._logins is None:
            raise PreconditionFailed("没有登录页面的实现（PortalLogins）：预置账号无法登录")
        return self._logins

    # Leases -------------------------------------------------------------------------------------

    @property
    def _pool(self) -> AccountPool:
        """The account pool, for callers that required ACCOUNTS (only a pool gives it)."""
        assert self.pool is not None, "guarded by require(ACCOUNTS)"
        return self.pool

    def _lease(
        self, candidates: Sequence[EntryT], matches: Callable[[Any], bool], changes_state: bool, what: str
    ) -> EntryT:
        assert self.pool is not None  # guarded by ACCOUNTS
        if changes_state:
            self.require(CONSUMABLE)
        entry = self.pool.lease(
            candidates, lambda e: e.key not in self._leased and matches(e), changes_state, self.holder
        )
        if entry is None:
            # The pool has no (free) entry of this kind: the scenario cannot run here.
            pytest.skip(skip_reason([CONSUMABLE if changes_state else ACCOUNTS]) + f"（账号池中没有空闲的{what}）")
        self._leased.append(entry.key)
        return entry

    def release(self) -> None:
        if self.pool is not None:
            self.pool.give_back(self._leased)
        self._leased = []

    def _unit(
        self,
        legal_level: int | None,
        verified_by: tuple[str, ...] | list[str],
        on_hrss: UnitOnHrss | None,
        changes_state: bool,
        what: str,
    ) -> MyUnit:
        def matches(entry: UnitEntry) -> bool:
            verified = entry.legal is not None and set(verified_by) <= set(entry.legal.methods)
            return _unit_fits(entry, legal_level, on_hrss) and (legal_level is None or verified)

        entry: UnitEntry = self._lease(self._pool.units, matches, changes_state, what)
        return MyUnit(key=entry.key, unit=entry.unit, legal=entry.legal, hrss=entry.hrss)

    def my_unit(
        self,
        *,
        legal_level: int | None = None,
        verified_by: tuple[str, ...] | list[str] = (),
        on_hrss: UnitOnHrss | None = None,
        changes_state: bool = False,
    ) -> MyUnit:
        return self._unit(legal_level, verified_by, on_hrss, changes_state, _unit_words(legal_level, on_hrss))

    def another_unit(self, *, legal_level: int | None = None, on_hrss: UnitOnHrss | None = None) -> MyUnit:
        return self._unit(legal_level, (), on_hrss, False, "另一单位")

    def login_name_for_wrong_password(self, unit: MyUnit) -> str:
        assert self.pool is not None and unit.legal is not None  # guarded by ACCOUNTS; a legal login
        entry = self.pool.lease(
            self.pool.units,
            lambda e: e.legal is not None and e.key not in self._leased,
            False,
            self.holder,
            lockable=True,
        )
        if entry is not None:
            self._leased.append(entry.key)
            assert entry.legal is not None  # the lease asked for a legal account
            if self.pool.count_wrong_password(entry.key, RUN_ID, WRONG_PASSWORD_CAP):
                return entry.legal.login_name
        # No account set aside for it (or this run's attempts at it used up): a login name no
        # portal has, which the portal refuses with the same words.
        return f"{unit.legal.login_name}nx{secrets.token_hex(3)}"

    def unregistered_unit(self) -> Unit:
        self.require(ACCOUNTS)
        # Neither portal may know it: a pool unit with a legal account would be refused by 法人注册.
        entry: UnitEntry = self._lease(
            self._pool.units,
            lambda e: e.legal is None and e.hrss is None,
            True,
            "未注册的单位（法人基础库中有、无法人账号）",
        )
        return entry.unit

    def handler(
        self, *, level: int = 2, of: MyUnit | None = None, relation: Relation | None = None, changes_state: bool = False
    ) -> PersonAccount:
        def matches(entry: PersonEntry) -> bool:
            wanted = entry.account.level == level
            if of is not None:
                wanted = wanted and entry.bindings.get(of.key) == relation
            else:
                # Asked for without a unit, a handler is bound to none, as a new account is
                # (the dialog after 「个人登录」 then lists no unit).
                wanted = wanted and not entry.bindings
            return wanted

        entry: PersonEntry = self._lease(self._pool.persons, matches, changes_state, f"{level}级实名个人账号")
        return entry.account

    def binding_request(self, unit: MyUnit, handler: PersonAccount) -> None:
        entry = self._pool.entry(handler.key)
        if not isinstance(entry, PersonEntry) or entry.bindings.get(unit.key) != "pending":
            pytest.skip(skip_reason([BUSINESS_DATA]) + "（账号池中没有该单位向经办人发起的待确认绑定申请）")

    def rebate(self, unit: MyUnit, period: str, amount: str, bank: str, account: str) -> None:
        entry = self._pool.entry(unit.key)
        wanted = {"period": period, "amount": amount, "bank": bank, "account": account}
        if not isinstance(entry, UnitEntry) or wanted not in [dict(rebate) for rebate in entry.rebates]:
            pytest.skip(skip_reason([BUSINESS_DATA]) + f"（账号池中该单位没有这条{period}稳岗返还记录）")

    def authcode_application(self, handler: PersonAccount, unit: MyUnit, material: FilePayload) -> None:
        pytest.skip(skip_reason([BUSINESS_DATA]) + "（待审核的单位授权码申请无法预置）")

    def reviewer_approves(self, handler: PersonAccount, unit: MyUnit) -> None:
        _post(
            self._url("review_url"),
            {"person_login_name": handler.login_name, "cert_nos": [unit.unit.uscc], "status": "approved"},
        )

    # Out-of-band steps --------------------------------------------------------------------------

    def captcha_answer(self, captcha_id: str) -> str:
        return str(self.sources["captcha_answer"])

    def _latest_message(self, phone: str, portal: str) -> dict:
        template = self.sources.get("sms_inbox_url")
        if not template:
            raise PreconditionFailed("没有配置短信收件箱（sms_inbox_url）")
        url = str(template).format(phone=phone, portal_url=getattr(self.urls, portal))
        deadline = time.monotonic() + SMS_WAIT
        while True:
            message = _get_json(url)
            if message and (message.get("code") or message.get("text")):
                return message
            if time.monotonic() > deadline:
                raise PreconditionFailed(f"短信收件箱在 {SMS_WAIT:.0f} 秒内没有收到该手机号的短信")
            # Polls the inbox until the gateway has delivered; the loop ends on the message.
            time.sleep(0.2)

    def sms_code(self, phone: str, portal: str) -> str:
        fixed = self.sources.get("sms_code")
        code = str(fixed) if fixed else str(self._latest_message(phone, portal).get("code") or "")
        if not code:
            raise PreconditionFailed("短信收件箱的最新短信没有验证码")
        self.remember_secret(code)
        return code

    def authcode_from_sms(self, handler: PersonAccount, unit: MyUnit) -> str:
        text = str(self._latest_message(handler.phone, "hrss").get("text") or "")
        found = AUTHCODE_IN_SMS.search(text)
        if unit.unit.name not in text or not found:
            raise PreconditionFailed("经办人的最新短信不是该单位的授权码短信")
        self.remember_secret(found.group(1))
        return found.group(1)

    def scan_elicence(self, ticket: str, unit: Unit, scope: str | None = None) -> str:
        body = {
            "uscc": unit.uscc,
            "unit_name": unit.name,
            "legal_rep_name": unit.legal_rep_name,
            **({"scope": scope} if scope else {}),
        }
        return _post(self._url("scan_url", ticket=ticket), body)["message"]

    def scan_face(self, ticket: str, person: Person, passed: bool = True) -> str:
        return _post(
            self._url("scan_url", ticket=ticket),
            {"name": person.name, "resident_id": person.resident_id, "passed": passed},
        )["message"]

    def hrss_face_recognition(self, ticket: str, passed: bool) -> None:
        _post(self._url("hrss_face_url", ticket=ticket), {"result": "pass" if passed else "fail"})

    def insert_certificate(self, kind: Literal["bank", "ca"], session_id: str, uscc: str, pin: str) -> None:
        body = {"ticket": session_id, "helper_installed": True, "certificate_inserted": True, "uscc": uscc, "pin": pin}
        _post(self._url("certificate_url", kind=kind), body)

    def helper_without_certificate(self, session_id: str) -> None:
        _post(
            self._url("certificate_url", kind="bank"),
            {"ticket": session_id, "helper_installed": True, "certificate_inserted": False},
        )

    def _url(self, key: str, **values: str) -> str:
        return str(self.sources[key]).format(**values)

    # Starting logged in -------------------------------------------------------------------------

    def _transplant(self, context: BrowserContext, flow: Callable[[Page], None]) -> None:
        """Runs a login `flow` in a context of its own and gives `context` its cookies."""
        if self.browser is None:
            raise PreconditionFailed("没有浏览器，无法登录预置账号")
        own = self.browser.new_context(**self.context_args)
        try:
            flow(own.new_page())
            # Playwright types what cookies() gives (Cookie) apart from what add_cookies takes
            # (SetCookieParam), though the keys are the same and its docs hand one to the other.
            context.add_cookies(own.cookies())  # type: ignore[arg-type]
        finally:
            own.close()

    def _gdzwfw_password_login(self, page: Page, unit: MyUnit, open_first: bool) -> None:
        self.require(CAPTCHA)
        if unit.legal is None:
            raise PreconditionFailed(f"账号池单位 {unit.key} 没有法人账号")
        refusal = self.logins.gdzwfw_password(
            page, self.urls, unit.legal.login_name, unit.legal.password, self.captcha_answer, open_first
        )
        if refusal is not None:
            raise PreconditionFailed(f"账号池单位 {unit.key} 的法人账号登录失败：{refusal}")

    def start_logged_in_gdzwfw(self, context: BrowserContext, unit: MyUnit) -> None:
        self._transplant(context, lambda page: self._gdzwfw_password_login(page, unit, open_first=True))

    def start_in_hrss_via_gdzwfw(
        self, context: BrowserContext, unit: MyUnit, handler_step1: PersonAccount | None = None
    ) -> None:
        def flow(page: Page) -> None:
            self.logins.hrss_unit_via_gdzwfw(page, self.urls)
            self._gdzwfw_password_login(page, unit, open_first=False)
            page.wait_for_url(re.compile("^" + re.escape(self.urls.hrss) + "/"))
            if handler_step1 is not None:
                self.logins.realname_person_step(
                    page, self.urls, handler_step1.login_name, handler_step1.id_number, open_first=False
                )

        self._transplant(context, flow)

    def start_in_hrss_as_unit(self, context: BrowserContext, unit: MyUnit) -> None:
        if unit.hrss is None:
            raise PreconditionFailed(f"账号池单位 {unit.key} 没有人社单位账号")
        account = unit.hrss

        def flow(page: Page) -> None:
            refusal = self.logins.hrss_unit_password(page, self.urls, account.username, account.password)
            if refusal is not None:
                raise PreconditionFailed(f"账号池单位 {unit.key} 的人社单位账号登录失败：{refusal}")

        self._transplant(context, flow)

    def start_in_hrss_as_person(
        self, context: BrowserContext, person: PersonAccount, acting_for: MyUnit | None = None
    ) -> None:
        def flow(page: Page) -> None:
            refusal = self.logins.hrss_person(
                page, self.urls, person.login_name, person.password, acting_for.unit.name if acting_for else None
            )
            if refusal is not None:
                raise PreconditionFailed(f"账号池个人账号 {person.key} 登录失败：{refusal}")

        self._transplant(context, flow)

    def check_login(self, context: BrowserContext) -> None:
        """Logs one pool account into `context` — a personal account if the pool has one (no
        captcha), else a unit account — to prove the pool matches the environment."""
        assert self.pool is not None
        if self.pool.persons:
            person: PersonEntry | None = self.pool.lease(self.pool.persons, lambda entry: True, False, self.holder)
            if person is not None:
                self._leased.append(person.key)
                self.start_in_hrss_as_person(context, person.account)
            return  # every account leased by another run: nothing to check it with
        unit: UnitEntry | None = self.pool.lease(
            self.pool.units, lambda entry: entry.hrss is not None or entry.legal is not None, False, self.holder
        )
        if unit is None:
            return
        self._leased.append(unit.key)
        mine = MyUnit(key=unit.key, unit=unit.unit, legal=unit.legal, hrss=unit.hrss)
        if unit.hrss is not None:
            self.start_in_hrss_as_unit(context, mine)
        else:
            self.start_logged_in_gdzwfw(context, mine)

    def start_unit_registration(self, context: BrowserContext, handler: PersonAccount) -> None:
        self._transplant(
            context,
            lambda page: self.logins.realname_person_step(
                page, self.urls, handler.login_name, handler.id_number, open_first=True
            ),
        )

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
        wanted = {"period": period, "amount": amount, "bank": bank, "account": account}

        def matches(entry: UnitEntry) -> bool:
            return _unit_fits(entry, legal_level, on_hrss) and wanted in [dict(rebate) for rebate in entry.rebates]

        what = _unit_words(legal_level, on_hrss) + f"，有该{period}稳岗返还记录"
        entry: UnitEntry = self._lease(self._pool.units, matches, changes_state, what)
        return MyUnit(key=entry.key, unit=entry.unit, legal=entry.legal, hrss=entry.hrss)

    def another_unit_asking(self, handler: PersonAccount) -> MyUnit:
        entry = self._pool.entry(handler.key)
        asking = {key for key, relation in getattr(entry, "bindings", {}).items() if relation == "pending"}
        if not asking:
            pytest.skip(skip_reason([BUSINESS_DATA]) + "（账号池中没有向该经办人发起待确认绑定申请的单位）")
        found: UnitEntry = self._lease(
            self._pool.units, lambda unit: unit.key in asking, False, "向该经办人发起了绑定申请的另一单位"
        )
        return MyUnit(key=found.key, unit=found.unit, legal=found.legal, hrss=found.hrss)

    def sms_text(self, phone: str, portal: str) -> str:
        if not self.sources.get("sms_inbox_url"):
            # A fixed test code is all such an environment tells; the text stays on the phone.
            pytest.skip(skip_reason([SMS]) + "（读短信正文需要短信收件箱 sms_inbox_url）")
        return str(self._latest_message(phone, portal).get("text") or "")


def _unit_fits(entry: UnitEntry, legal_level: int | None, on_hrss: UnitOnHrss | None) -> bool:
    """Whether a pool unit has a legal account at `legal_level` (if asked) and the HRSS state."""
    if legal_level is not None and (entry.legal is None or entry.legal.level != legal_level):
        return False
    if on_hrss == "absent":
        return entry.hrss is None
    if on_hrss is not None:
        return entry.hrss is not None and entry.hrss.linked == (on_hrss == "linked")
    return True


def _unit_words(legal_level: int | None, on_hrss: UnitOnHrss | None) -> str:
    parts = [
        f"{legal_level}级法人账号" if legal_level else "",
        {"linked": "已关联的人社单位账号", "unlinked": "未关联的人社单位账号", "absent": "人社未注册"}.get(
            on_hrss or "", ""
        ),
    ]
    return "单位（" + "，".join(part for part in parts if part) + "）" if any(parts) else "单位"


def _get_json(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise PreconditionFailed(f"{_address(url)} 回答 {error.code}") from None
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise PreconditionFailed(f"{_address(url)} 不可用：{type(error).__name__}") from None


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise PreconditionFailed(f"{_address(url)} 回答 {error.code}") from None
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise PreconditionFailed(f"{_address(url)} 不可用：{type(error).__name__}") from None


def _address(url: str) -> str:
    # Query strings carry phone numbers: the message names the service, not the query.
    return url.split("?", 1)[0]
