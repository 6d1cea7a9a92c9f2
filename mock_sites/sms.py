"""The SMS gateway of a mock portal: codes go to an outbox table instead of a phone."""

# Both portals get the outbox table from `mock_sites/schema_sms.sql`; the control API reads the
# outbox so that a test, or a person clicking through, can type the code that "arrived".
#
# A six-digit code could be guessed by trying: after `MAX_WRONG_TRIES` wrong codes the code of
# that message is worth nothing, and the user has to ask for a new one.

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, jsonify, request

from mock_sites import db

CODE_LIFETIME = timedelta(minutes=5)
MAX_WRONG_TRIES = 5


def send_code(phone: str, purpose: str, template: str = "您的验证码为{code}，5分钟内有效，请勿泄露。") -> str:
    """Stores a new 6-digit code for `phone` and `purpose` in the outbox; returns it."""
    code = f"{secrets.randbelow(10**6):06d}"
    send_text(phone, purpose, template.format(code=code), code)
    return code


def send_text(phone: str, purpose: str, text: str, code: str | None = None) -> None:
    """Puts a plain notification (or a code) into the outbox."""
    db.execute(
        "INSERT INTO sms_outbox (phone, purpose, code, text, sent_at) VALUES (?, ?, ?, ?, ?)",
        (phone, purpose, code, text, datetime.now().isoformat(timespec="seconds")),
    )


def use_code(phone: str, purpose: str, code: str) -> bool:
    """True once for the newest unexpired code of `phone` and `purpose`; it is then spent.

    A wrong code counts against that message, also when the caller's transaction is rolled
    back afterwards; after `MAX_WRONG_TRIES` of them even the right code is refused."""
    row = db.query_one(
        "SELECT id, sent_at FROM sms_outbox WHERE phone = ? AND purpose = ? AND code IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        (phone, purpose),
    )
    if row is None or datetime.now() - datetime.fromisoformat(row["sent_at"]) > CODE_LIFETIME:
        return False
    # One statement each, so that concurrent tries cannot overtake the count.
    spent = (
        db.get_db()
        .execute(
            "UPDATE sms_outbox SET used = 1 WHERE id = ? AND used = 0 AND attempts < ? AND code = ?",
            (row["id"], MAX_WRONG_TRIES, code.strip()),
        )
        .rowcount
    )
    if spent:
        return True
    db.execute_kept("UPDATE sms_outbox SET attempts = attempts + 1 WHERE id = ? AND used = 0", (row["id"],))
    return False


def outbox(phone: str | None = None) -> list[dict]:
    """Messages sent so far, newest first, optionally for one phone."""
    sql = "SELECT phone, purpose, code, text, sent_at FROM sms_outbox"
    params: tuple = ()
    if phone:
        sql += " WHERE phone = ?"
        params = (phone,)
    return [dict(row) for row in db.query_all(sql + " ORDER BY id DESC", params)]


# Both portals' part of the control API for their SMS: the outbox a person or the mock provider
# reads, and the inbox in the shape a test environment's SMS service answers (staging provider).
control_bp = Blueprint("sms_control", __name__, url_prefix="/__mock__")


@control_bp.get("/sms")
def sms_outbox() -> Any:
    """The SMS outbox, newest first; `?phone=` filters by number."""
    return jsonify(outbox(request.args.get("phone")))


@control_bp.get("/sms/latest")
def sms_latest() -> Any:
    """The newest message to `?phone=` as an SMS inbox service of a test environment answers:
    {code, text, sent_at}; 404 while there is none."""
    phone = request.args.get("phone", "").strip()
    if not phone:
        return jsonify(error="需要 phone 参数"), 400
    messages = outbox(phone)
    if not messages:
        return jsonify(error="该手机号还没有短信"), 404
    return jsonify({key: messages[0][key] for key in ("code", "text", "sent_at")})
