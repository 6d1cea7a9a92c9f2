"""Binding a unit account to its handler's personal real-name account (guide B1.3, B1.4)."""

# - The unit account (logged in with its own 用户名/密码 or through 省统一身份认证) opens
#   「账户管理」 → 「子账号信息」, enters the handler's 「实名个人登录账号」 and 「实名个人证件号码」 and
#   sends a binding request. Only an existing personal account with the matching 证件号码 and at
#   least 二级实名 can be asked, and not twice: each refusal has its own message.
# - The handler logs in personally, opens 「账户管理」 → 「父账号信息」 and accepts or declines. On
#   acceptance the pair becomes a row of `unit_handler` with `bound = 1`; `authcode_realname`
#   stays 0 until 授权码实名 (`authcode`). A declined request may be sent again.
#
# A handler acting for a unit (via 'person') cannot manage the unit's sub-accounts: that is the
# unit account's business.

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, session, url_for

from mock_sites import db, mutants, sms
from mock_sites.hrss.accounts import (
    LOGIN_NEEDED_MESSAGE,
    STATUS_NAMES,
    json_refusal,
    person_account_page,
    person_required,
)
from mock_sites.hrss.auth import REALNAME_LEVEL_FOR_HANDLER, acting_unit, current_unit, signed_in_person

# The guide's FAQ message, word for word, as the unit wizard shows it.
from mock_sites.hrss.register import REALNAME_LEVEL_MESSAGE
from mock_sites.web import json_body, now_text, posted, wants_json

bp = Blueprint("binding", __name__)
control_bp = Blueprint("binding_control", __name__, url_prefix="/__mock__/binding")


LOGIN_NAME_EMPTY_MESSAGE = "请输入实名个人登录账号"
ID_NUMBER_EMPTY_MESSAGE = "请输入实名个人证件号码"
UNKNOWN_ACCOUNT_MESSAGE = "该实名个人登录账号不存在，请核对后重试"
ID_MISMATCH_MESSAGE = "实名个人证件号码与该账号不一致，请核对后重试"
ALREADY_BOUND_MESSAGE = "该个人账号已是本单位的子账号，无需重复绑定"
PENDING_MESSAGE = "已向该个人账号发起绑定申请，请等待经办人确认"
REQUEST_SENT_MESSAGE = "绑定申请已发送，请通知经办人登录个人账号，在「账户管理 → 父账号信息」中确认"
UNIT_ONLY_MESSAGE = (
    "子账号信息须由单位账号登录后管理。经办人请使用单位账号登录，或在个人账号的「父账号信息」中处理绑定申请。"
)
REQUEST_GONE_MESSAGE = "该绑定申请已处理或不存在"
ACCEPTED_MESSAGE = "已同意绑定，您的个人账号已成为「{unit}」的子账号"
DECLINED_MESSAGE = "已拒绝「{unit}」的绑定申请"


# --- Binding state (read by person_login and authcode) -------------------------------------------


def is_bound(person_id: int, unit_id: int) -> bool:
    """True when the personal account accepted the unit's binding request."""
    row = db.query_one(
        "SELECT 1 FROM unit_handler WHERE person_id = ? AND unit_id = ? AND bound = 1", (person_id, unit_id)
    )
    return row is not None


def bind(connection: sqlite3.Connection, unit_id: int, person_id: int) -> None:
    """Makes the pair bound, keeping an 授权码实名 already done."""
    connection.execute(
        "INSERT INTO unit_handler (unit_id, person_id, bound, authcode_realname) VALUES (?, ?, 1, 0) "
        "ON CONFLICT (unit_id, person_id) DO UPDATE SET bound = 1",
        (unit_id, person_id),
    )


def binding_refusal(unit_id: int, login_name: str, id_number: str) -> tuple[str, str] | tuple[None, sqlite3.Row]:
    """(field, message) why this personal account cannot be asked, or (None, person)."""
    if not login_name.strip():
        return "person_login", LOGIN_NAME_EMPTY_MESSAGE
    if not id_number.strip():
        return "person_id_number", ID_NUMBER_EMPTY_MESSAGE
    person = db.query_one("SELECT * FROM person WHERE login_name = ?", (login_name.strip(),))
    if person is None:
        return "person_login", UNKNOWN_ACCOUNT_MESSAGE
    if person["id_number"].upper() != id_number.strip().upper():
        return "person_id_number", ID_MISMATCH_MESSAGE
    if person["realname_level"] < REALNAME_LEVEL_FOR_HANDLER and not mutants.is_on("sub_account_below_level_two"):
        return "form", REALNAME_LEVEL_MESSAGE
    if is_bound(person["id"], unit_id):
        return "form", ALREADY_BOUND_MESSAGE
    if db.query_one(
        "SELECT 1 FROM binding_request WHERE unit_id = ? AND person_id = ? AND status = 'pending'",
        (unit_id, person["id"]),
    ):
        return "form", PENDING_MESSAGE
    return None, person


# --- The unit account: 账户管理 → 子账号信息 ----------------------------------------------------------


def unit_account_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only the unit account itself (not a handler acting for it) manages its sub-accounts."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_unit() is None:
            if wants_json():
                return jsonify(ok=False, message=LOGIN_NEEDED_MESSAGE), 401
            return redirect(url_for("login.login_page", type="unit"))
        if session.get("via") == "person":
            if wants_json():
                return jsonify(ok=False, message=UNIT_ONLY_MESSAGE), 403
            return render_template(
                "refusal.html", heading="无法管理子账号", message=UNIT_ONLY_MESSAGE, back=url_for("platform.home")
            ), 403
        return view(*args, **kwargs)

    return wrapper


@bp.get("/platform/account")
def account() -> Any:
    """「账户管理」 of whoever is logged in: the unit's, or the handler's personal one."""
    if session.get("via") == "person":
        return redirect(url_for("accounts.person_account"))
    return redirect(url_for("binding.unit_info"))


@bp.get("/platform/account/unit")
@unit_account_required
def unit_info() -> Any:
    """「单位信息」: what the unit account holds, with its 单位管理码."""
    return unit_account_page("unit")


def _sub_account_rows(unit_id: int) -> list[dict[str, Any]]:
    rows = db.query_all(
        "SELECT binding_request.*, person.login_name, person.name, person.id_number, "
        "COALESCE(unit_handler.authcode_realname, 0) AS authcode_realname "
        "FROM binding_request JOIN person ON person.id = binding_request.person_id LEFT JOIN unit_handler "
        "ON unit_handler.unit_id = binding_request.unit_id AND unit_handler.person_id = binding_request.person_id "
        "WHERE binding_request.unit_id = ? ORDER BY binding_request.id DESC",
        (unit_id,),
    )
    return [{**dict(row), "status_name": STATUS_NAMES[row["status"]]} for row in rows]


def unit_account_page(
    tab: str, errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status: int = 200
) -> Any:
    """账户管理 of the unit account on the tab `tab` (unit / sub_accounts). Both tabs get what
    both show: the spa rendition draws them on one page that switches in place."""
    unit = acting_unit()
    template = {"unit": "binding_unit_info.html", "sub_accounts": "binding_sub_accounts.html"}[tab]
    page = render_template(
        template, unit=unit, rows=_sub_account_rows(unit["id"]), errors=errors or {}, values=values or {}, tab=tab
    )
    return page, status


def _render_sub_accounts(
    errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status: int = 200
) -> Any:
    return unit_account_page("sub_accounts", errors, values, status)


# What a sub-account row tells the unit (no ids of other tables; the 证件号码 masked as the page shows it).
SUB_ACCOUNT_FIELDS = ("login_name", "name", "status", "status_name", "authcode_realname", "requested_at", "decided_at")


def _sub_account_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **{key: row[key] for key in SUB_ACCOUNT_FIELDS},
        "id_number": f"{row['id_number'][:6]}********{row['id_number'][-4:]}",
    }


@bp.get("/platform/account/sub-accounts")
@unit_account_required
def sub_accounts() -> Any:
    """「子账号信息」: the unit's binding requests and the form to send one; for a script that
    asks for JSON, the requests as a grid's rows (`total`, `rows`)."""
    if wants_json():
        rows = _sub_account_rows(acting_unit()["id"])
        return jsonify(total=len(rows), rows=[_sub_account_json(row) for row in rows])
    return _render_sub_accounts()


@bp.post("/platform/account/sub-accounts")
@unit_account_required
def request_binding() -> Any:
    """「发起绑定申请」 to the handler's personal real-name account."""
    unit = acting_unit()
    body = posted()
    values = {"person_login": body.get("person_login", ""), "person_id_number": body.get("person_id_number", "")}
    field, found = binding_refusal(unit["id"], values["person_login"], values["person_id_number"])
    if field is not None:
        refusal = {field: str(found)}  # (field, message)
        return json_refusal(refusal) if wants_json() else _render_sub_accounts(refusal, values, 400)
    assert isinstance(found, sqlite3.Row)  # (None, person)
    person = found
    try:
        db.execute(
            "INSERT INTO binding_request (unit_id, person_id, status, requested_at) VALUES (?, ?, 'pending', ?)",
            (unit["id"], person["id"], now_text()),
        )
    except sqlite3.IntegrityError:
        # A second tab sent the same request a moment ago.
        if wants_json():
            return json_refusal({"form": PENDING_MESSAGE}, 409)
        return _render_sub_accounts({"form": PENDING_MESSAGE}, values, 409)
    sms.send_text(
        person["phone"],
        "hrss_binding_request",
        f"【广东人社】单位「{unit['unit_name']}」向您的个人账号发起子账号绑定申请，请登录广东人社统一认证，"
        "在「账户管理 → 父账号信息」中确认。",
    )
    return _done(REQUEST_SENT_MESSAGE, "binding.sub_accounts")


def _done(message: str, endpoint: str, ok: bool = True) -> Any:
    """The answer to a post that worked (or found nothing left to do): the message is flashed
    for the next page; a script gets it as JSON and reloads that page itself."""
    flash(message)
    if wants_json():
        return jsonify(ok=ok, message=message, reload=url_for(endpoint)), 200 if ok else 409
    return redirect(url_for(endpoint))


# --- The handler: 账户管理 → 父账号信息 ----------------------------------------------------------------


@bp.get("/isso/person/account/parents")
@person_required
def parent_accounts() -> Any:
    """「父账号信息」: binding requests to this account, and the units it is bound to."""
    return person_account_page("parents")


def _pending_request(request_id: int, person_id: int) -> sqlite3.Row | None:
    return db.query_one(
        "SELECT binding_request.*, unit.unit_name FROM binding_request JOIN unit ON unit.id = binding_request.unit_id "
        "WHERE binding_request.id = ? AND binding_request.person_id = ? AND binding_request.status = 'pending'",
        (request_id, person_id),
    )


@bp.post("/isso/person/account/parents/<int:request_id>/accept")
@person_required
def accept(request_id: int) -> Any:
    """「同意」: the unit and the personal account are now bound."""
    person = signed_in_person()
    pending = _pending_request(request_id, person["id"])
    if pending is None:
        return _done(REQUEST_GONE_MESSAGE, "binding.parent_accounts", ok=False)
    with db.transaction() as connection:
        connection.execute(
            "UPDATE binding_request SET status = 'accepted', decided_at = ? WHERE id = ?", (now_text(), request_id)
        )
        bind(connection, pending["unit_id"], person["id"])
    return _done(ACCEPTED_MESSAGE.format(unit=pending["unit_name"]), "binding.parent_accounts")


@bp.post("/isso/person/account/parents/<int:request_id>/decline")
@person_required
def decline(request_id: int) -> Any:
    """「拒绝」: nothing is bound; the unit sees 「已拒绝」 and may ask again."""
    person = signed_in_person()
    pending = _pending_request(request_id, person["id"])
    if pending is None:
        return _done(REQUEST_GONE_MESSAGE, "binding.parent_accounts", ok=False)
    with db.transaction() as connection:
        connection.execute(
            "UPDATE binding_request SET status = 'declined', decided_at = ? WHERE id = ?", (now_text(), request_id)
        )
        if mutants.is_on("declined_binding_binds"):
            bind(connection, pending["unit_id"], person["id"])
    return _done(DECLINED_MESSAGE.format(unit=pending["unit_name"]), "binding.parent_accounts")


# --- Control API -------------------------------------------------------------------------------

SEED_STATES = ("pending", "declined", "bound", "authorised")


class ControlRefused(Exception):
    """A control request that cannot be carried out; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@control_bp.errorhandler(ControlRefused)
def _refused(error: ControlRefused) -> Any:
    return jsonify(error=str(error)), error.status


def unit_id_for(cert_no: str) -> int:
    """The id of the unit with this 证件号码 (control API callers name units by it)."""
    unit = db.query_one("SELECT id FROM unit WHERE cert_no = ?", (cert_no,))
    if unit is None:
        raise ControlRefused(f"没有证件号码为 {cert_no} 的单位", 404)
    return unit["id"]


def person_id_for(login_name: str) -> int:
    """The id of the personal account with this 登录账号."""
    person = db.query_one("SELECT id FROM person WHERE login_name = ?", (login_name,))
    if person is None:
        raise ControlRefused(f"没有登录账号为 {login_name} 的个人账号", 404)
    return person["id"]


@control_bp.post("/bindings")
def seed_binding() -> Any:
    """Puts a unit and a personal account in a binding state directly. Body: cert_no,
    person_login_name, state — "pending" (request sent), "declined", "bound" (request accepted)
    or "authorised" (bound and 授权码实名 completed). Answers request_id."""
    body = json_body(required={"cert_no": str, "person_login_name": str}, optional={"state": str})
    state = body.get("state", "bound")
    if state not in SEED_STATES:
        raise ControlRefused(f"state must be one of {', '.join(SEED_STATES)}")
    unit_id = unit_id_for(str(body.get("cert_no", "")))
    person_id = person_id_for(str(body.get("person_login_name", "")))
    status = {"pending": "pending", "declined": "declined"}.get(state, "accepted")
    now = now_text()
    try:
        with db.transaction() as connection:
            request_id = connection.execute(
                "INSERT INTO binding_request (unit_id, person_id, status, requested_at, decided_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (unit_id, person_id, status, now, None if status == "pending" else now),
            ).lastrowid
            if state in ("bound", "authorised"):
                bind(connection, unit_id, person_id)
            if state == "authorised":
                connection.execute(
                    "UPDATE unit_handler SET authcode_realname = 1 WHERE unit_id = ? AND person_id = ?",
                    (unit_id, person_id),
                )
    except sqlite3.IntegrityError as error:
        raise ControlRefused(f"该单位已向该个人账号发起绑定申请：{error}", 409) from error
    return jsonify(request_id=request_id, unit_id=unit_id, person_id=person_id, state=state), 201


@control_bp.get("/bindings")
def read_bindings() -> Any:
    """Binding requests and `unit_handler` rows of `?cert_no=` and/or `?person_login_name=`."""
    conditions, params = [], []
    if request.args.get("cert_no"):
        conditions.append("unit_id = ?")
        params.append(unit_id_for(request.args["cert_no"]))
    if request.args.get("person_login_name"):
        conditions.append("person_id = ?")
        params.append(person_id_for(request.args["person_login_name"]))
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    requests_ = db.query_all(f"SELECT * FROM binding_request{where} ORDER BY id", params)
    handlers = db.query_all(f"SELECT * FROM unit_handler{where} ORDER BY unit_id, person_id", params)
    return jsonify(requests=[dict(row) for row in requests_], handlers=[dict(row) for row in handlers])
