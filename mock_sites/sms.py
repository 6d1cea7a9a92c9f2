"""The SMS gateway of a mock portal: codes go to an outbox table instead of a phone.

A portal includes `SCHEMA` in its own schema; the control API reads the outbox so that
a test, or a person clicking through, can type the code that "arrived".
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from mock_sites import db

SCHEMA = """
CREATE TABLE IF NOT EXISTS sms_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code TEXT,
    text TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
"""

CODE_LIFETIME = timedelta(minutes=5)


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
    """True once for the newest unexpired code of `phone` and `purpose`; it is then spent."""
    row = db.query_one(
        "SELECT id, code, sent_at, used FROM sms_outbox WHERE phone = ? AND purpose = ? AND code IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        (phone, purpose),
    )
    if row is None or row["used"] or row["code"] != code.strip():
        return False
    if datetime.now() - datetime.fromisoformat(row["sent_at"]) > CODE_LIFETIME:
        return False
    db.execute("UPDATE sms_outbox SET used = 1 WHERE id = ?", (row["id"],))
    return True


def outbox(phone: str | None = None) -> list[dict]:
    """Messages sent so far, newest first, optionally for one phone."""
    sql = "SELECT phone, purpose, code, text, sent_at FROM sms_outbox"
    params: tuple = ()
    if phone:
        sql += " WHERE phone = ?"
        params = (phone,)
    return [dict(row) for row in db.query_all(sql + " ORDER BY id DESC", params)]
