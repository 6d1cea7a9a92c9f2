"""Who is logged in to the mock HRSS, and for which unit they act.

Session keys: `person_id` (a personal account logged in), `unit_id` (the unit the
browser acts for in the platform) and `via` (how: 'gdidp', 'unit_password', 'person').
"""

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

REALNAME_LEVEL_FOR_HANDLER = 2
UNIT_LOGIN_NEEDED_MESSAGE = "登录已失效，请重新登录"


def password_matches(row: sqlite3.Row, password: str) -> bool:
    """True when `password` is the account's."""
    return web_password_matches(row["password_hash"], password)


def log_in_person(person_id: int) -> None:
    """A personal account logs in (fresh session id); no unit chosen yet."""
    start_login_session(person_id=person_id, via="person")


def act_for_unit(unit_id: int, via: str) -> None:
    """The browser now acts for `unit_id` in the platform. A unit login (GD-IdP or the
    unit's own password) starts a fresh session; a handler keeps theirs and picks a unit."""
    if via == "person":
        session["unit_id"] = unit_id
    else:
        start_login_session(unit_id=unit_id, via=via)


def log_out() -> None:
    """Ends the session on the server too, so a kept copy of the cookie no longer works."""
    end_session()


def current_person() -> sqlite3.Row | None:
    """The logged-in personal account, or None."""
    person_id = session.get("person_id")
    return None if person_id is None else db.query_one("SELECT * FROM person WHERE id = ?", (person_id,))


def current_unit() -> sqlite3.Row | None:
    """The unit the browser acts for, or None."""
    unit_id = session.get("unit_id")
    return None if unit_id is None else db.query_one("SELECT * FROM unit WHERE id = ?", (unit_id,))


def signed_in_person() -> sqlite3.Row:
    """The logged-in personal account, in a view whose guard (person_required, handler_required)
    has let no visitor without one in."""
    person = current_person()
    assert person is not None, "the view's guard lets only a logged-in person in"
    return person


def acting_unit() -> sqlite3.Row:
    """The unit the browser acts for, in a view whose guard (unit_required, handler_required,
    unit_account_required) has let no visitor without one in."""
    unit = current_unit()
    assert unit is not None, "the view's guard lets only a browser acting for a unit in"
    return unit


def unit_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Sends a browser that acts for no unit to the login page (a script asking for JSON gets a
    401 that says so)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_unit() is None:
            if request.is_json or request.accept_mimetypes.best == "application/json":
                return jsonify(ok=False, message=UNIT_LOGIN_NEEDED_MESSAGE), 401
            return redirect(url_for("login.login_page"))
        return view(*args, **kwargs)

    return wrapper


def create_person(
    *, login_name: str, password: str, name: str, id_number: str, phone: str, realname_level: int = 1
) -> int:
    """Inserts a personal account (the caller has validated it)."""
    return db.execute(
        "INSERT INTO person (login_name, password_hash, name, id_number, phone, realname_level, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (login_name, hash_password(password), name, id_number, phone, realname_level, now_text()),
    )


def create_unit(*, password: str, gdidp_linked: bool = False, **fields: Any) -> int:
    """Inserts a unit account with a new 单位管理码; `fields` are the unit table's columns."""
    columns = {
        **fields,
        "password_hash": hash_password(password),
        "manager_code": new_manager_code(),
        "gdidp_linked": int(gdidp_linked),
        "created_at": now_text(),
    }
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    return db.execute(f"INSERT INTO unit ({names}) VALUES ({marks})", columns.values())


def new_manager_code() -> str:
    """A 12-digit 单位管理码 not yet in use."""
    while True:
        code = "44" + "".join(secrets.choice("0123456789") for _ in range(10))
        if db.query_one("SELECT 1 FROM unit WHERE manager_code = ?", (code,)) is None:
            return code
