"""Who is logged in to the mock GD-IdP, and the legal-account records behind it."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import session
from werkzeug.security import check_password_hash, generate_password_hash

from mock_sites import db
from mock_sites.web import now_text, start_login_session

LEVEL_NAMES = {3: "三级 (原L1)", 4: "四级 (原L2)", 5: "五级 (原L3)"}


def hash_password(password: str) -> str:
    """The stored form of a password."""
    return generate_password_hash(password)


def password_matches(account: sqlite3.Row, password: str) -> bool:
    """True when `password` is the account's; accounts made by e-licence login have none."""
    return bool(account["password_hash"]) and check_password_hash(account["password_hash"], password)


def log_in(account_id: int) -> None:
    """Starts a fresh session for the account (new session id)."""
    start_login_session(account_id=account_id)


def log_out() -> None:
    """Ends the session."""
    session.clear()


def current_account() -> sqlite3.Row | None:
    """The logged-in legal account, or None."""
    account_id = session.get("account_id")
    if account_id is None:
        return None
    return db.query_one("SELECT * FROM legal_account WHERE id = ?", (account_id,))


def create_legal_account(
    *, login_name: str | None, password: str | None, unit_name: str, uscc: str, trust_level: int = 3, **extra: Any
) -> int:
    """Inserts a legal account (the caller has validated it); extra columns by name."""
    columns = {
        "login_name": login_name,
        "password_hash": hash_password(password) if password else None,
        "unit_name": unit_name,
        "uscc": uscc,
        "trust_level": trust_level,
        "created_at": now_text(),
        **extra,
    }
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    return db.execute(f"INSERT INTO legal_account ({names}) VALUES ({marks})", columns.values())
