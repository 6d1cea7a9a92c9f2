"""Who is logged in to the mock GD-IdP, and the legal-account records behind it."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import jsonify, redirect, request, session, url_for

from mock_sites import db
from mock_sites.web import end_session, hash_password, now_text, start_login_session
from mock_sites.web import password_matches as web_password_matches

LEVEL_NAMES = {3: "三级 (原L1)", 4: "四级 (原L2)", 5: "五级 (原L3)"}


def password_matches(account: sqlite3.Row, password: str) -> bool:
    """True when `password` is the account's; accounts made by e-licence login have none."""
    return web_password_matches(account["password_hash"], password)


def log_in(account_id: int) -> None:
    """Starts a fresh session for the account (new session id)."""
    start_login_session(account_id=account_id)


def log_out() -> None:
    """Ends the session on the server too, so a kept copy of the cookie no longer works."""
    end_session()


def current_account() -> sqlite3.Row | None:
    """The logged-in legal account, or None."""
    account_id = session.get("account_id")
    if account_id is None:
        return None
    return db.query_one("SELECT * FROM legal_account WHERE id = ?", (account_id,))


def signed_in_account() -> sqlite3.Row:
    """The logged-in legal account, in a view behind login_required."""
    account = current_account()
    assert account is not None, "login_required lets only a logged-in account in"
    return account


LOGIN_NEEDED = "请先登录"


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Sends a visitor without a session to the legal-person password login, coming back here after."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_account() is None:
            if request.is_json or request.accept_mimetypes.best == "application/json":
                return jsonify(ok=False, error=LOGIN_NEEDED), 401
            return redirect(
                url_for("login.login_page", type="legal", method="password", next=request.full_path.rstrip("?"))
            )
        return view(*args, **kwargs)

    return wrapper


def display_name(account: sqlite3.Row) -> str:
    """The name shown top right: the unit, since e-licence accounts have no login name."""
    return account["unit_name"]


def browser_key() -> str:
    """A random key for this browser's session, so that a code shown to one browser can only
    be redeemed by it. Login replaces the session, and with it the key."""
    if "browser" not in session:
        session["browser"] = secrets.token_urlsafe(12)
    return session["browser"]


def find_account(*, uscc: str | None = None, login_name: str | None = None) -> sqlite3.Row | None:
    """The account with this 统一社会信用代码 or login name, or None."""
    if uscc is not None:
        return db.query_one("SELECT * FROM legal_account WHERE uscc = ?", (uscc,))
    return db.query_one("SELECT * FROM legal_account WHERE login_name = ?", (login_name,))


def create_legal_account(
    *, login_name: str | None, password: str | None, unit_name: str, uscc: str, trust_level: int = 3, **extra: Any
) -> int:
    """Inserts a legal account (the caller has validated it); extra columns by name.

    Pass `password_hash` in `extra` instead of `password` when the password was hashed earlier
    (registration keeps only the hash between its steps).
    """
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
