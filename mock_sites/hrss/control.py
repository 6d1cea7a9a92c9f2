"""Control API of the mock HRSS (`/__mock__/…`): seeding, read-back and the SMS outbox, plus a
small page (`/__mock__/`) where a person clicking through can do the same with forms."""

# Only the mock has it; the harness reaches it through `harness.target.mock_control`. Area modules
# (binding, authcode …) add their own control blueprints under the same prefix.
#
# JSON endpoints:
# - `POST /__mock__/persons` {login_name, password, name, id_number, phone, realname_level=2} → 201 {id}
# - `POST /__mock__/units` {cert_no, unit_name, cert_type='uscc', username?, password?,
#   gdidp_linked=false, location?, address_detail?, legal_rep_name?, legal_rep_id?,
#   legal_rep_phone?, registrar_login_name?} → 201 {id, username, password, manager_code}
# - `GET /__mock__/units?cert_no=` → [unit, …] (no password hashes); [] when none
# - `POST /__mock__/rebates` {cert_no, period, amount, bank_name, bank_account} → 201 {id}
# - `GET /__mock__/rebate-confirmations?cert_no=` → [{rebate_id, period, confirmed_at, via, person_id}, …]
# - `POST /__mock__/unit-handlers` {cert_no, person_login_name, bound=true, authcode_realname=false}
#   → 201 {unit_id, person_id} (upsert)
# - `GET /__mock__/sms?phone=` → the outbox, newest first; `GET /__mock__/sms/latest?phone=` →
#   its newest message {code, text, sent_at} (404 when none), as a test SMS inbox answers
# - `POST /__mock__/sessions` → 201 {name, value}: the session cookie a browser holds
#   after a login, for scenarios whose subject is not the login. Body, one of:
#   {unit_username} (the unit's 用户名/密码); {person_login_name, unit_cert_no?} (a personal
#   account, acting for a bound unit when unit_cert_no is given); {gdidp: {uscc, unit_name,
#   trust_level, login_name?}, handler_login_name?} (back from 「省统一身份认证」: into the platform
#   for a unit HRSS knows, else into the 实名信息注册 wizard — past step 1 with handler_login_name);
#   {handler_login_name} alone (「单位注册」 with its step 1 done by that handler).

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for

from mock_sites import db, sms
from mock_sites.hrss import sso
from mock_sites.hrss.auth import create_person, create_unit
from mock_sites.hrss.binding import is_bound
from mock_sites.hrss.rebate import amount_to_cents, create_rebate
from mock_sites.hrss.register import SOURCE_GDIDP, SOURCE_PLAIN
from mock_sites.web import json_body, login_session_cookie

bp = Blueprint("control", __name__, url_prefix="/__mock__")

UNIT_COLUMNS_SHOWN = (
    "id, cert_type, cert_no, unit_name, location, address_detail, legal_rep_name, legal_rep_id, "
    "legal_rep_phone, username, manager_code, registrar_person_id, gdidp_linked, created_at"
)


class _Refused(Exception):
    """A seeding request that cannot be carried out; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# Flags come as JSON booleans from the harness and as text from the console's forms.
FLAG = (bool, int, str)
TEXT_FIELDS = ("login_name", "password", "name", "id_number", "phone")


def _flag(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true", "yes", "on")


def _unit_by_cert(cert_no: str) -> sqlite3.Row:
    unit = db.query_one("SELECT * FROM unit WHERE cert_no = ?", (cert_no,))
    if unit is None:
        raise _Refused(f"没有证件号码为 {cert_no} 的单位", 404)
    return unit


@bp.errorhandler(_Refused)
def _refused(error: _Refused) -> Any:
    return jsonify(error=str(error)), error.status


@bp.get("/health")
def health() -> Any:
    """Readiness probe for the harness."""
    return jsonify(status="ok", portal="hrss")


# --- Personal accounts --------------------------------------------------------------------------


def seed_person_from(body: Mapping[str, Any]) -> int:
    """Creates a personal account from a request body; raises _Refused when it cannot."""
    try:
        return create_person(
            login_name=body["login_name"],
            password=body["password"],
            name=body["name"],
            id_number=body["id_number"],
            phone=body["phone"],
            realname_level=int(body.get("realname_level") or 2),
        )
    except KeyError as error:
        raise _Refused(f"缺少字段 {error}") from error
    except ValueError as error:
        raise _Refused("实名等级 realname_level 应为 1、2 或 3") from error
    except sqlite3.IntegrityError as error:
        raise _Refused(f"账号或证件号码已存在：{error}", 409) from error


@bp.post("/persons")
def seed_person() -> Any:
    """Creates a personal account directly. Body: login_name, password, name, id_number,
    phone, realname_level (default 2: enough to act as a unit's handler)."""
    body = json_body(required={name: str for name in TEXT_FIELDS}, optional={"realname_level": int})
    return jsonify(id=seed_person_from(body)), 201


# --- Login sessions -----------------------------------------------------------------------------


def _person_by_login(login_name: str) -> sqlite3.Row:
    person = db.query_one("SELECT * FROM person WHERE login_name = ?", (login_name,))
    if person is None:
        raise _Refused(f"没有登录账号为 {login_name} 的个人账号", 404)
    return person


def _session_after_login(body: Mapping[str, Any]) -> dict[str, Any]:
    """The session values the login and wizard views leave behind (see `auth` for the keys)."""
    if body.get("unit_username"):
        unit = db.query_one("SELECT id FROM unit WHERE username = ?", (body["unit_username"],))
        if unit is None:
            raise _Refused(f"没有用户名为 {body['unit_username']} 的单位账号", 404)
        return {"unit_id": unit["id"], "via": "unit_password"}
    if body.get("person_login_name"):
        person = _person_by_login(body["person_login_name"])
        values = {"person_id": person["id"], "via": "person"}
        if body.get("unit_cert_no"):
            unit = _unit_by_cert(body["unit_cert_no"])
            if not is_bound(person["id"], unit["id"]):
                raise _Refused("该个人账号没有绑定这个单位，登录后不能为它办理业务", 409)
            values["unit_id"] = unit["id"]
        return values
    if isinstance(body.get("gdidp"), Mapping):
        gdidp = body["gdidp"]
        try:
            identity = sso.GdidpIdentity(
                uscc=str(gdidp["uscc"]),
                unit_name=str(gdidp["unit_name"]),
                trust_level=int(gdidp["trust_level"]),
                login_name=gdidp.get("login_name"),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise _Refused(f"gdidp 缺少或写错字段 {error}") from error
        if identity.trust_level < sso.REQUIRED_TRUST_LEVEL:
            raise _Refused("可信等级不足四级 (原L2)，省统一身份认证登录会被拒绝，没有会话", 409)
        values = sso.session_after_login(identity)
        if "unit_id" not in values:  # into the wizard, past step 1 when a handler is named
            handler = _person_by_login(body["handler_login_name"])["id"] if body.get("handler_login_name") else None
            values["unit_reg"] = {"source": SOURCE_GDIDP, "person_id": handler}
        return values
    if body.get("handler_login_name"):
        return {"unit_reg": {"source": SOURCE_PLAIN, "person_id": _person_by_login(body["handler_login_name"])["id"]}}
    raise _Refused("需要 unit_username、person_login_name、gdidp 或 handler_login_name 之一")


@bp.post("/sessions")
def browser_session() -> Any:
    """A logged-in session as a cookie for the harness's browser, instead of the login pages."""
    body = json_body(
        optional={
            "unit_username": str,
            "person_login_name": str,
            "unit_cert_no": str,
            "gdidp": dict,
            "handler_login_name": str,
        }
    )
    return jsonify(login_session_cookie(**_session_after_login(body))), 201


# --- Units ------------------------------------------------------------------------------------


@bp.post("/units")
def seed_unit() -> Any:
    """Creates a unit account directly, linked to GD-IdP or not. Only cert_no and unit_name
    are needed; the rest gets plausible defaults (the password is returned)."""
    body = json_body(
        required={"cert_no": str, "unit_name": str},
        optional={
            "cert_type": str,
            "username": str,
            "password": str,
            "gdidp_linked": FLAG,
            "location": str,
            "address_detail": str,
            "legal_rep_name": str,
            "legal_rep_id": str,
            "legal_rep_phone": str,
            "registrar_login_name": str,
        },
    )
    cert_no, unit_name = body["cert_no"], body["unit_name"]
    username = body.get("username") or f"unit_{secrets.token_hex(5)}"
    password = body.get("password") or f"Hr{secrets.token_hex(4)}9"
    registrar = None
    if body.get("registrar_login_name"):
        person = db.query_one("SELECT id FROM person WHERE login_name = ?", (body["registrar_login_name"],))
        if person is None:
            raise _Refused(f"没有登录账号为 {body['registrar_login_name']} 的个人账号", 404)
        registrar = person["id"]
    try:
        unit_id = create_unit(
            password=password,
            gdidp_linked=_flag(body.get("gdidp_linked", False)),
            cert_type=body.get("cert_type", "uscc"),
            cert_no=cert_no,
            unit_name=unit_name,
            location=body.get("location", "广东省广州市天河区"),
            address_detail=body.get("address_detail", "天河路1号"),
            legal_rep_name=body.get("legal_rep_name", "张三"),
            legal_rep_id=body.get("legal_rep_id", ""),
            legal_rep_phone=body.get("legal_rep_phone", ""),
            username=username,
            registrar_person_id=registrar,
        )
    except sqlite3.IntegrityError as error:
        raise _Refused(f"证件号码或用户名已存在：{error}", 409) from error
    unit = db.query_one("SELECT manager_code FROM unit WHERE id = ?", (unit_id,))
    assert unit is not None  # inserted above
    return jsonify(id=unit_id, username=username, password=password, manager_code=unit["manager_code"]), 201


@bp.get("/units")
def read_units() -> Any:
    """Units with a 证件号码 (`?cert_no=`), or all; proves whether a registration created one."""
    cert_no = request.args.get("cert_no")
    if cert_no is None:
        rows = db.query_all(f"SELECT {UNIT_COLUMNS_SHOWN} FROM unit ORDER BY id")
    else:
        rows = db.query_all(f"SELECT {UNIT_COLUMNS_SHOWN} FROM unit WHERE cert_no = ? ORDER BY id", (cert_no,))
    return jsonify([dict(row) for row in rows])


# --- 稳岗返还 -------------------------------------------------------------------------------------


def seed_rebate_from(body: Mapping[str, Any]) -> int:
    """Creates a rebate record for the unit with `cert_no`; raises _Refused when it cannot."""
    try:
        unit = _unit_by_cert(str(body["cert_no"]).strip())
        cents = amount_to_cents(body["amount"])
        period, bank_name, bank_account = body["period"], body["bank_name"], body["bank_account"]
    except KeyError as error:
        raise _Refused(f"缺少字段 {error}") from error
    except ValueError as error:
        raise _Refused("返还金额应为非负金额，最多两位小数") from error
    try:
        return create_rebate(unit["id"], period, cents, bank_name, "".join(str(bank_account).split()))
    except sqlite3.IntegrityError as error:
        raise _Refused(f"该单位 {period} 的稳岗返还信息已存在", 409) from error


@bp.post("/rebates")
def seed_rebate() -> Any:
    """Seeds a unit's rebate record. Body: cert_no, period (e.g. 2025年度), amount (12345.67),
    bank_name, bank_account."""
    body = json_body(
        required={
            "cert_no": str,
            "period": str,
            "amount": (int, float, str),
            "bank_name": str,
            "bank_account": (str, int),
        },
    )
    return jsonify(id=seed_rebate_from(body)), 201


@bp.get("/rebate-confirmations")
def read_rebate_confirmations() -> Any:
    """The confirmations stored for a unit (`?cert_no=`), to prove a confirmation is stored once."""
    unit = _unit_by_cert(request.args.get("cert_no", ""))
    rows = db.query_all(
        "SELECT rebate_confirmation.rebate_id, rebate.period, rebate_confirmation.confirmed_at, "
        "rebate_confirmation.via, rebate_confirmation.person_id FROM rebate_confirmation "
        "JOIN rebate ON rebate.id = rebate_confirmation.rebate_id WHERE rebate_confirmation.unit_id = ? "
        "ORDER BY rebate_confirmation.rebate_id",
        (unit["id"],),
    )
    return jsonify([dict(row) for row in rows])


@bp.post("/unit-handlers")
def seed_unit_handler() -> Any:
    """Makes a personal account a handler of a unit (bound, and 授权码实名 if asked), for
    scenarios whose subject is not the binding itself. Body: cert_no, person_login_name,
    bound (default true), authcode_realname (default false)."""
    body = json_body(
        required={"cert_no": str, "person_login_name": str}, optional={"bound": FLAG, "authcode_realname": FLAG}
    )
    unit = _unit_by_cert(body["cert_no"])
    person = db.query_one("SELECT id FROM person WHERE login_name = ?", (body.get("person_login_name", ""),))
    if person is None:
        raise _Refused("没有该登录账号的个人账号", 404)
    db.execute(
        "INSERT INTO unit_handler (unit_id, person_id, bound, authcode_realname) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (unit_id, person_id) DO UPDATE "
        "SET bound = excluded.bound, authcode_realname = excluded.authcode_realname",
        (
            unit["id"],
            person["id"],
            int(_flag(body.get("bound", True))),
            int(_flag(body.get("authcode_realname", False))),
        ),
    )
    return jsonify(unit_id=unit["id"], person_id=person["id"]), 201


# --- SMS ----------------------------------------------------------------------------------------


# --- The page for a person ----------------------------------------------------------------------


@bp.get("/")
def console() -> Any:
    """「模拟控制台」: create a real-name personal account, seed a rebate record, read SMS."""
    return render_template(
        "mock_console.html",
        persons=db.query_all(
            "SELECT login_name, name, id_number, realname_level FROM person ORDER BY id DESC LIMIT 20"
        ),
        units=db.query_all("SELECT cert_no, unit_name, username, gdidp_linked FROM unit ORDER BY id DESC LIMIT 20"),
        messages=sms.outbox()[:20],
    )


@bp.post("/console/persons")
def console_person() -> Any:
    """The console's 「创建实名个人账号」 form."""
    try:
        seed_person_from(request.form)
        flash(
            f"已创建个人账号 {request.form.get('login_name')}（实名等级 {request.form.get('realname_level') or 2} 级）"
        )
    except _Refused as error:
        flash(f"未创建：{error}")
    return redirect(url_for("control.console"))


@bp.post("/console/rebates")
def console_rebate() -> Any:
    """The console's 「录入稳岗返还信息」 form."""
    try:
        seed_rebate_from(request.form)
        flash(f"已为 {request.form.get('cert_no')} 录入 {request.form.get('period')} 稳岗返还信息")
    except _Refused as error:
        flash(f"未录入：{error}")
    return redirect(url_for("control.console"))
