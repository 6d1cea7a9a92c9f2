"""The mock provider: every precondition through the bundled mock's control API.

It seeds fresh data for each scenario (a new unit, new accounts), so nothing is leased and
nothing needs returning; every capability is there.
"""

from __future__ import annotations

import base64
import re
from typing import Literal

from playwright.sync_api import BrowserContext, FilePayload

from harness.data import DataBuilder, Person, Unit
from harness.preconditions import (
    CAPABILITIES,
    LegalAccount,
    MyUnit,
    PersonAccount,
    PreconditionFailed,
    Preconditions,
    Relation,
    UnitAccount,
    UnitOnHrss,
)
from harness.target.mock_control import MockControl

DEFAULT_METHODS = {3: ("registry",), 4: ("registry", "bank_cert"), 5: ("registry", "ca_cert")}
AUTHCODE_IN_SMS = re.compile(r"授权码：(\d+)")


class MockPreconditions(Preconditions):
    """Seeds and simulates through `/__mock__/` on both mock portals."""

    name = "mock"

    def __init__(self, gdzwfw: MockControl, hrss: MockControl, data: DataBuilder) -> None:
        super().__init__(frozenset(CAPABILITIES))
        self.gdzwfw = gdzwfw
        self.hrss = hrss
        self.data = data
        self._count = 0

    def _key(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}{self._count}"

    # Accounts and units -------------------------------------------------------------------------

    def _seed_legal(self, unit: Unit, level: int, methods: tuple[str, ...] | list[str]) -> LegalAccount:
        login_name, password, applicant = self.data.gdzwfw_account(), self.data.strong_password(), self.data.person()
        body = {
            "login_name": login_name,
            "password": password,
            "unit_name": unit.name,
            "uscc": unit.uscc,
            "trust_level": level,
            "phone": unit.phone,
            "province": unit.province,
            "city": unit.city,
            "district": unit.district,
            "address_detail": unit.address_detail,
            "legal_rep_name": unit.legal_rep_name,
            "legal_rep_id": unit.legal_rep_id,
            "applicant_name": applicant.name,
            "applicant_id": applicant.resident_id,
            **({"methods": list(methods)} if methods else {}),
        }
        state = self.gdzwfw.post("legal-accounts", body)
        done = tuple(item["method"] for item in state["verifications"])
        return LegalAccount(login_name=login_name, password=password, level=level, methods=done)

    def _seed_hrss_unit(self, unit: Unit, linked: bool) -> UnitAccount:
        username, password = self.data.hrss_username(), self.data.strong_password()
        answer = self.hrss.post(
            "units",
            {
                "cert_no": unit.uscc,
                "unit_name": unit.name,
                "gdidp_linked": linked,
                "location": f"{unit.province}{unit.city}{unit.district}",
                "address_detail": unit.address_detail,
                "legal_rep_name": unit.legal_rep_name,
                "legal_rep_id": unit.legal_rep_id,
                "legal_rep_phone": unit.phone,
                "username": username,
                "password": password,
            },
        )
        return UnitAccount(username=username, password=password, linked=linked, manager_code=answer.get("manager_code"))

    def my_unit(
        self,
        *,
        legal_level: int | None = None,
        verified_by: tuple[str, ...] | list[str] = (),
        on_hrss: UnitOnHrss | None = None,
        changes_state: bool = False,
    ) -> MyUnit:
        unit = self.data.unit()
        legal = self._seed_legal(unit, legal_level, verified_by) if legal_level else None
        hrss = self._seed_hrss_unit(unit, on_hrss == "linked") if on_hrss in ("linked", "unlinked") else None
        return MyUnit(key=self._key("unit"), unit=unit, legal=legal, hrss=hrss)

    def another_unit(self, *, legal_level: int | None = None, on_hrss: UnitOnHrss | None = None) -> MyUnit:
        return self.my_unit(legal_level=legal_level, on_hrss=on_hrss)

    def login_name_for_wrong_password(self, unit: MyUnit) -> str:
        # The mock made this account for this scenario alone: nobody else can be locked out.
        assert unit.legal is not None
        return unit.legal.login_name

    def unregistered_unit(self) -> Unit:
        return self.data.unit()

    def handler(
        self, *, level: int = 2, of: MyUnit | None = None, relation: Relation | None = None, changes_state: bool = False
    ) -> PersonAccount:
        person = self.data.person()
        handler = PersonAccount(
            key=self._key("person"),
            login_name=self.data.hrss_username(),
            password=self.data.strong_password(),
            name=person.name,
            id_number=person.resident_id,
            phone=person.phone,
            level=level,
        )
        self.hrss.post(
            "persons",
            {
                "login_name": handler.login_name,
                "password": handler.password,
                "name": handler.name,
                "id_number": handler.id_number,
                "phone": handler.phone,
                "realname_level": level,
            },
        )
        if of is not None and relation is not None:
            self._bind(of, handler, relation)
        return handler

    def _bind(self, unit: MyUnit, handler: PersonAccount, state: str) -> None:
        self.hrss.post(
            "binding/bindings", {"cert_no": unit.unit.uscc, "person_login_name": handler.login_name, "state": state}
        )

    def binding_request(self, unit: MyUnit, handler: PersonAccount) -> None:
        self._bind(unit, handler, "pending")

    def rebate(self, unit: MyUnit, period: str, amount: str, bank: str, account: str) -> None:
        self.hrss.post(
            "rebates",
            {"cert_no": unit.unit.uscc, "period": period, "amount": amount, "bank_name": bank, "bank_account": account},
        )

    def authcode_application(self, handler: PersonAccount, unit: MyUnit, material: FilePayload) -> None:
        self.hrss.post(
            "authcode/applications",
            {
                "person_login_name": handler.login_name,
                "cert_nos": [unit.unit.uscc],
                "materials": [
                    {"name": material["name"], "content_base64": base64.b64encode(material["buffer"]).decode()}
                ],
            },
        )

    def reviewer_approves(self, handler: PersonAccount, unit: MyUnit) -> None:
        self.hrss.post(
            "authcode/applications",
            {"person_login_name": handler.login_name, "cert_nos": [unit.unit.uscc], "status": "approved"},
        )

    # Out-of-band steps --------------------------------------------------------------------------

    def captcha_answer(self, captcha_id: str) -> str:
        return self.gdzwfw.get(f"captcha/{captcha_id}")["answer"]

    def _control(self, portal: str) -> MockControl:
        return {"gdzwfw": self.gdzwfw, "hrss": self.hrss}[portal]

    def sms_code(self, phone: str, portal: str) -> str:
        codes = [message["code"] for message in self._control(portal).get("sms", phone=phone) if message.get("code")]
        if not codes:
            raise PreconditionFailed(f"{portal} 没有向该手机号发送验证码")
        return codes[0]

    def authcode_from_sms(self, handler: PersonAccount, unit: MyUnit) -> str:
        texts = [
            m["text"]
            for m in self.hrss.get("sms", phone=handler.phone)
            if m["purpose"] == "hrss_authcode_approved" and unit.unit.name in m["text"]
        ]
        if not texts:
            raise PreconditionFailed("经办人没有收到该单位的授权码短信")
        code = AUTHCODE_IN_SMS.search(texts[0])
        if code is None:
            raise PreconditionFailed(f"授权码短信中没有授权码：{texts[0]}")
        return code.group(1)

    def scan_elicence(self, ticket: str, unit: Unit, scope: str | None = None) -> str:
        licence = {
            "uscc": unit.uscc,
            "unit_name": unit.name,
            "legal_rep_name": unit.legal_rep_name,
            **({"scope": scope} if scope else {}),
        }
        return self.gdzwfw.post(f"scan/{ticket}", licence)["message"]

    def scan_face(self, ticket: str, person: Person, passed: bool = True) -> str:
        return self.gdzwfw.post(
            f"scan/{ticket}", {"name": person.name, "resident_id": person.resident_id, "passed": passed}
        )["message"]

    def hrss_face_recognition(self, ticket: str, passed: bool) -> None:
        self.hrss.post(f"accounts/realname/{ticket}", {"result": "pass" if passed else "fail"})

    def insert_certificate(self, kind: Literal["bank", "ca"], session_id: str, uscc: str, pin: str) -> None:
        body = {"ticket": session_id, "helper_installed": True, "certificate_inserted": True, "uscc": uscc, "pin": pin}
        self.gdzwfw.post(f"{kind}-cert", body)

    def helper_without_certificate(self, session_id: str) -> None:
        self.gdzwfw.post("bank-cert", {"ticket": session_id, "helper_installed": True, "certificate_inserted": False})

    # Starting logged in -------------------------------------------------------------------------

    def start_logged_in_gdzwfw(self, context: BrowserContext, unit: MyUnit) -> None:
        self.gdzwfw.start_session(context, login_name=_legal(unit).login_name)

    def start_in_hrss_via_gdzwfw(
        self, context: BrowserContext, unit: MyUnit, handler_step1: PersonAccount | None = None
    ) -> None:
        legal = _legal(unit)
        identity = {
            "uscc": unit.unit.uscc,
            "unit_name": unit.unit.name,
            "trust_level": legal.level,
            "login_name": legal.login_name,
        }
        self.hrss.start_session(
            context, gdidp=identity, **({"handler_login_name": handler_step1.login_name} if handler_step1 else {})
        )

    def start_in_hrss_as_unit(self, context: BrowserContext, unit: MyUnit) -> None:
        if unit.hrss is None:
            raise PreconditionFailed("该单位没有人社单位账号（my_unit 需要 on_hrss）")
        self.hrss.start_session(context, unit_username=unit.hrss.username)

    def start_in_hrss_as_person(
        self, context: BrowserContext, person: PersonAccount, acting_for: MyUnit | None = None
    ) -> None:
        self.hrss.start_session(
            context,
            person_login_name=person.login_name,
            **({"unit_cert_no": acting_for.unit.uscc} if acting_for else {}),
        )

    def start_unit_registration(self, context: BrowserContext, handler: PersonAccount) -> None:
        self.hrss.start_session(context, handler_login_name=handler.login_name)

    # Read-back ----------------------------------------------------------------------------------

    def legal_accounts(self, *, uscc: str | None = None, login_name: str | None = None) -> list[dict]:
        return self.gdzwfw.get("legal-accounts", **_where(uscc=uscc, login_name=login_name))

    def sms_messages(self, phone: str, portal: str) -> list[dict]:
        return self._control(portal).get("sms", phone=phone)

    def hrss_units(self, cert_no: str) -> list[dict]:
        return self.hrss.get("units", cert_no=cert_no)

    def hrss_persons(self, *, login_name: str | None = None, id_number: str | None = None) -> list[dict]:
        return self.hrss.get("accounts/persons", **_where(login_name=login_name, id_number=id_number))

    def rebate_confirmations(self, cert_no: str) -> list[dict]:
        return self.hrss.get("rebate-confirmations", cert_no=cert_no)

    def binding_requests(self, cert_no: str) -> list[dict]:
        return self.hrss.get("binding/bindings", cert_no=cert_no)["requests"]

    def unit_handlers(self, cert_no: str, login_name: str) -> list[dict]:
        return self.hrss.get("binding/bindings", cert_no=cert_no, person_login_name=login_name)["handlers"]

    def authcode_applications(self, login_name: str) -> list[dict]:
        return self.hrss.get("authcode/applications", person_login_name=login_name)

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
        unit = self.my_unit(legal_level=legal_level, on_hrss=on_hrss, changes_state=changes_state)
        self.rebate(unit, period, amount, bank, account)
        return unit

    def another_unit_asking(self, handler: PersonAccount) -> MyUnit:
        other = self.another_unit(on_hrss="unlinked")
        self.binding_request(other, handler)
        return other

    def sms_text(self, phone: str, portal: str) -> str:
        messages = self._control(portal).get("sms", phone=phone)
        if not messages:
            raise PreconditionFailed(f"{portal} 没有向该手机号发送短信")
        return messages[0]["text"]


def _legal(unit: MyUnit) -> LegalAccount:
    if unit.legal is None:
        raise PreconditionFailed("该单位没有法人账号（my_unit 需要 legal_level）")
    return unit.legal


def _where(**filters: str | None) -> dict[str, str]:
    given = {key: value for key, value in filters.items() if value is not None}
    if len(given) != 1:
        raise ValueError(f"只能按一个条件查询：{sorted(filters)}")
    return given
