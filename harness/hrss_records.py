"""What the mock HRSS holds about guide part 二 (personal accounts, bindings, 单位授权码
applications, the SMS outbox), seeded and read in the scenarios' words.

The steps of part 二 prove what a registration, a binding or an application left behind and
set up the preconditions they are not about; this module is the one place that knows how the
mock's control API (`harness.mock_control`) spells those calls.
"""

from __future__ import annotations

import base64
from typing import Any

from harness.mock_control import MockControl


class HrssRecords:
    """Part 二 records of the mock HRSS, through its control API."""

    def __init__(self, control: MockControl) -> None:
        self.control = control

    # --- personal accounts

    def persons(self, *, login_name: str | None = None, id_number: str | None = None) -> list[dict[str, Any]]:
        """The personal accounts with this 登录账号 or 证件号码 ([] when there is none)."""
        by = {"login_name": login_name} if login_name is not None else {"id_number": id_number}
        return self.control.get("accounts/persons", **by)

    def phone_of(self, login_name: str) -> str:
        """The phone number HRSS has for a personal account."""
        [person] = self.persons(login_name=login_name)
        return person["phone"]

    def realname_level_of(self, login_name: str) -> int:
        """The 实名等级 of a personal account (1 = 一级 …)."""
        [person] = self.persons(login_name=login_name)
        return person["realname_level"]

    def scan_face(self, ticket: str, passed: bool) -> None:
        """The handler's phone scans the face-recognition ticket; recognition passes or fails."""
        self.control.post(f"accounts/realname/{ticket}", {"result": "pass" if passed else "fail"})

    # --- units

    def units(self, cert_no: str) -> list[dict[str, Any]]:
        """The unit accounts registered with this 证件号码."""
        return self.control.get("units", cert_no=cert_no)

    def register_unit(self, cert_no: str, unit_name: str) -> None:
        """A unit account registered on HRSS (with its own login data)."""
        self.control.post("units", {"cert_no": cert_no, "unit_name": unit_name})

    # --- bindings

    def put_binding(self, cert_no: str, login_name: str, state: str) -> None:
        """Puts unit and personal account in a binding state: pending, declined, bound or
        authorised (bound with 授权码实名 done)."""
        self.control.post("binding/bindings", {"cert_no": cert_no, "person_login_name": login_name, "state": state})

    def binding_requests(self, cert_no: str) -> list[dict[str, Any]]:
        """The binding requests a unit has sent."""
        return self.control.get("binding/bindings", cert_no=cert_no)["requests"]

    def handler_links(self, cert_no: str, login_name: str) -> list[dict[str, Any]]:
        """The unit–handler link ([] when not bound), with `bound` and `authcode_realname`."""
        return self.control.get("binding/bindings", cert_no=cert_no, person_login_name=login_name)["handlers"]

    # --- 单位授权码 applications

    def submit_application(self, login_name: str, cert_no: str, materials: dict[str, bytes] | None = None, approved: bool = False) -> None:
        """An application of the handler for the unit, waiting for review or already approved
        (the 授权码 then texted to the handler); `materials` by file name."""
        body: dict[str, Any] = {"person_login_name": login_name, "cert_nos": [cert_no]}
        if materials:
            body["materials"] = [{"name": name, "content_base64": base64.b64encode(content).decode()} for name, content in materials.items()]
        if approved:
            body["status"] = "approved"
        self.control.post("authcode/applications", body)

    def applications(self, login_name: str) -> list[dict[str, Any]]:
        """The handler's applications, oldest first, with units, materials and issued codes."""
        return self.control.get("authcode/applications", person_login_name=login_name)

    # --- SMS

    def texts(self, phone: str, purpose: str) -> list[dict[str, Any]]:
        """The text messages sent to a phone for one purpose, newest first."""
        return [message for message in self.control.get("sms", phone=phone) if message["purpose"] == purpose]
