"""Control API of the mock GD-IdP (`/__mock__/…`): seeding, state, and simulated out-of-band steps."""

# Only the mock has it; the harness reaches it through `harness.target.mock_control`, a person through
# the console page `GET /__mock__/`. JSON in, JSON out:
#
# - `POST /__mock__/legal-accounts` — seed an account: login_name, password, unit_name, uscc,
#   trust_level (3–5); optional phone, province, city, district, address_detail, legal_rep_name,
#   legal_rep_id, applicant_name, applicant_id, and `methods` (verification keys: registry,
#   bank_cert, elicence, ca_cert, hall; default by level). → 201 with the account's state.
# - `GET /__mock__/legal-accounts?uscc=…|login_name=…|id=…` — matching accounts' states (a list,
#   empty when there is none): level, details, verifications; never the password.
# - `POST /__mock__/sessions` {login_name | uscc} — the session cookie {name, value} that
#   account's browser holds after logging in, for scenarios whose subject is not the login.
# - `GET /__mock__/captcha/<id>` — question and answer of a login captcha.
# - `POST /__mock__/captcha/shown` {cookies: {name: value}} — question and answer of the captcha
#   the browser holding these cookies is shown (its latest), as a person reads it off the image.
# - `GET /__mock__/tickets?kind=&status=` and `GET /__mock__/tickets/<id>` — codes and
#   certificate sessions the pages showed.
# - `POST /__mock__/scan/<ticket>` — the phone scans: face {name, resident_id, passed?};
#   e-licence {uscc, unit_name?, legal_rep_name?, scope?}. → {ticket, kind, status, message}.
# - `POST /__mock__/bank-cert`, `POST /__mock__/ca-cert` — the computer of a certificate session:
#   {ticket, helper_installed?, certificate_inserted?, pin?, uscc?}. → the ticket's state.
# - `GET /__mock__/sms?phone=` — the SMS outbox; `GET /__mock__/sms/latest?phone=` — its newest
#   message {code, text, sent_at} (404 when none), in the shape of a test SMS inbox.

from __future__ import annotations

import random
import sqlite3
from typing import Any

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from itsdangerous import BadSignature
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from mock_sites import db, rules, sms
from mock_sites.gdzwfw import captcha, tickets, verification
from mock_sites.gdzwfw.auth import create_legal_account, find_account
from mock_sites.web import json_body, login_session_cookie

bp = Blueprint("control", __name__, url_prefix="/__mock__")

# What the phone may send when it scans: a face {name, resident_id, passed?} or an e-licence.
SCAN_FIELDS = {
    "name": str,
    "resident_id": str,
    "passed": bool,
    "uscc": str,
    "unit_name": str,
    "legal_rep_name": str,
    "scope": str,
}

SEED_DETAILS = (
    "phone",
    "province",
    "city",
    "district",
    "address_detail",
    "legal_rep_name",
    "legal_rep_id",
    "applicant_name",
    "applicant_id",
)


@bp.get("/health")
def health() -> Any:
    """Readiness probe for the harness."""
    return jsonify(status="ok", portal="gdzwfw")


# --- Accounts -----------------------------------------------------------------------------------


@bp.post("/legal-accounts")
def seed_legal_account() -> Any:
    """Creates a legal account directly at a trust level, for preconditions that are not
    the step under test. Body: login_name, password, unit_name, uscc, trust_level (3–5)."""
    body = json_body(
        required={"unit_name": str, "uscc": str},
        optional={
            "login_name": str,
            "password": str,
            "trust_level": int,
            "methods": list,
            **{name: str for name in SEED_DETAILS},
        },
    )
    trust_level = body.get("trust_level", 3)
    if trust_level not in verification.DEFAULT_METHODS_FOR_LEVEL:
        return jsonify(error="trust_level 应为 3、4 或 5"), 400
    methods = body.get("methods") or verification.DEFAULT_METHODS_FOR_LEVEL[trust_level]
    unknown = [method for method in methods if not isinstance(method, str) or method not in verification.METHODS]
    if unknown:
        return jsonify(error=f"未知的核验方式：{unknown}"), 400
    try:
        with db.transaction():
            account_id = create_legal_account(
                login_name=body.get("login_name"),
                password=body.get("password"),
                unit_name=body["unit_name"],
                uscc=body["uscc"],
                trust_level=trust_level,
                **{name: body[name] for name in SEED_DETAILS if body.get(name) is not None},
            )
            for method in methods:
                verification.record(account_id, method)
    except sqlite3.IntegrityError as error:
        return jsonify(error=str(error)), 409
    account = db.query_one("SELECT * FROM legal_account WHERE id = ?", (account_id,))
    assert account is not None  # created just above
    return jsonify(verification.as_json(account)), 201


@bp.get("/legal-accounts")
def legal_accounts() -> Any:
    """Accounts by `uscc`, `login_name` or `id`; all accounts without a filter."""
    for column in ("uscc", "login_name", "id"):
        if column in request.args:
            rows = db.query_all(f"SELECT * FROM legal_account WHERE {column} = ? ORDER BY id", (request.args[column],))
            break
    else:
        rows = db.query_all("SELECT * FROM legal_account ORDER BY id")
    return jsonify([verification.as_json(row) for row in rows])


@bp.post("/sessions")
def browser_session() -> Any:
    """The session a login by this account starts (`auth.log_in`), as a cookie the harness
    puts into its browser: the account is then logged in without the login page."""
    body = json_body(optional={"login_name": str, "uscc": str})
    if not body.get("login_name") and not body.get("uscc"):
        return jsonify(error="需要 login_name 或 uscc"), 400
    account = find_account(login_name=body["login_name"]) if body.get("login_name") else find_account(uscc=body["uscc"])
    if account is None:
        return jsonify(error="没有这个法人账号"), 404
    return jsonify(login_session_cookie(account_id=account["id"])), 201


# --- Captcha, tickets, scans, certificates ------------------------------------------------------


@bp.get("/captcha/<captcha_id>")
def captcha_answer(captcha_id: str) -> Any:
    """Question and answer of a login captcha (the page shows its id as data-captcha-id)."""
    found = captcha.lookup(captcha_id)
    if found is None:
        return jsonify(error="没有这个验证码"), 404
    return jsonify(found)


@bp.post("/captcha/shown")
def captcha_shown() -> Any:
    """The captcha the browser with these cookies sees on its login page."""
    body = request.get_json(force=True, silent=True) or {}
    cookies = body.get("cookies") if isinstance(body, dict) else None
    if not isinstance(cookies, dict):
        return jsonify(error="需要 cookies：浏览器在本门户的 Cookie"), 400
    # The serializer wants the app, not the proxy; Flask types the proxy as the app, which has no
    # _get_current_object of its own.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    value = cookies.get(app.config["SESSION_COOKIE_NAME"])
    try:
        browser_session = (
            app.session_interface.get_signing_serializer(app).loads(value) if isinstance(value, str) else None
        )
    except BadSignature:
        return jsonify(error="会话 Cookie 无效"), 400
    found = captcha.shown_to(browser_session.get("browser", "")) if isinstance(browser_session, dict) else None
    if found is None:
        return jsonify(error="该浏览器没有看到验证码"), 404
    return jsonify(found)


@bp.get("/tickets")
def ticket_list() -> Any:
    """Tickets, newest first; `kind` and `status` filter."""
    sql, params = "SELECT * FROM ticket WHERE 1 = 1", []
    for column in ("kind", "status"):
        if request.args.get(column):
            sql += f" AND {column} = ?"
            params.append(request.args[column])
    rows = db.query_all(sql + " ORDER BY rowid DESC LIMIT 100", params)
    return jsonify([tickets.as_json(row) for row in rows])


@bp.get("/tickets/<ticket_id>")
def ticket_state(ticket_id: str) -> Any:
    """One ticket."""
    ticket = tickets.get(ticket_id)
    if ticket is None:
        return jsonify(error="没有这个二维码或证书会话"), 404
    return jsonify(tickets.as_json(ticket))


@bp.post("/scan/<ticket_id>")
def scan(ticket_id: str) -> Any:
    """The phone scans a code; the answer is what the phone shows."""
    try:
        result = tickets.scan(ticket_id, json_body(optional=SCAN_FIELDS))
    except tickets.TicketError as error:
        return jsonify(error=str(error)), 400
    if result is None:
        return jsonify(error="没有这个二维码"), 404
    return jsonify(result.as_json())


def _set_certificate(kind: str) -> Any:
    body = json_body(
        required={"ticket": str},
        optional={"helper_installed": bool, "certificate_inserted": bool, "pin": str, "uscc": str},
    )
    ticket = tickets.get(body["ticket"])
    if ticket is None:
        return jsonify(error="没有这个证书会话（ticket）"), 404
    if ticket["kind"] != kind:
        return jsonify(error=f"{ticket['id']} 是 {ticket['kind']} 会话，不是 {kind}"), 400
    try:
        return jsonify(tickets.set_certificate(ticket["id"], body))
    except tickets.TicketError as error:
        return jsonify(error=str(error)), 400


@bp.post("/bank-cert")
def bank_cert() -> Any:
    """The CA helper and the 网银证书 on the computer of a certificate session."""
    return _set_certificate("bank_cert")


@bp.post("/ca-cert")
def ca_cert() -> Any:
    """The CA helper and the CA证书 on the computer of a certificate session."""
    return _set_certificate("ca_cert")


# --- Console page for a person ------------------------------------------------------------------


def _sample_resident_id(rng: random.Random) -> str:
    first17 = f"44010619850612{rng.randint(0, 999):03d}"
    return first17 + stdnum_ric.calc_check_digit(first17 + "0")


def _sample_uscc(rng: random.Random) -> str:
    body = f"{rng.randint(0, 10**8 - 1):08d}"
    first17 = "91440106" + body + rules.org_code_check_char(body)
    return first17 + stdnum_uscc.calc_check_digit(first17)


@bp.get("/")
def console() -> Any:
    """Pending codes and certificate sessions, each with the buttons that play the phone or the
    computer, and the SMS outbox."""
    rng = random.Random()
    return render_template(
        "mock_console.html",
        pending=tickets.pending(),
        payload=tickets.payload,
        scope=tickets.ELICENCE_SCOPE,
        sample_name="李明",
        sample_resident_id=_sample_resident_id(rng),
        sample_uscc=_sample_uscc(rng),
        messages=sms.outbox()[:10],
    )


@bp.post("/console/scan/<ticket_id>")
def console_scan(ticket_id: str) -> Any:
    """Console form: scan a code with what the form holds."""
    body: dict[str, Any] = {key: value for key, value in request.form.items() if value != ""}
    if "passed" in body:
        body["passed"] = body["passed"] == "yes"
    try:
        result = tickets.scan(ticket_id, body)
        flash(f"{ticket_id}：{result.message}" if result else f"{ticket_id}：没有这个二维码")
    except tickets.TicketError as error:
        flash(f"{ticket_id}：{error}")
    return redirect(url_for("control.console"))


@bp.post("/console/certificate/<ticket_id>")
def console_certificate(ticket_id: str) -> Any:
    """Console form: the CA helper and the certificate of a certificate session."""
    form = request.form
    body = {
        "helper_installed": "helper_installed" in form,
        "certificate_inserted": "certificate_inserted" in form,
        "pin": form.get("pin", ""),
    }
    if form.get("uscc"):
        body["uscc"] = form["uscc"]
    try:
        state = tickets.set_certificate(ticket_id, body)
        flash(f"{ticket_id}：已保存证书状态" if state else f"{ticket_id}：没有这个证书会话")
    except tickets.TicketError as error:
        flash(f"{ticket_id}：{error}")
    return redirect(url_for("control.console"))
