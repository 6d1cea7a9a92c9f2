"""Pieces both mock portals share: app defaults, login sessions, safe redirects."""

from __future__ import annotations

import secrets
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from flask import Flask, current_app, session
from werkzeug.security import check_password_hash, generate_password_hash


# Salted PBKDF2 with far fewer rounds than a production system: the mocks only hold test
# accounts, and werkzeug's default (scrypt) costs about 0.4 s per hash on a two-core machine,
# paid by every scenario that seeds an account and logs in.
DEFAULT_PASSWORD_HASH_METHOD = "pbkdf2:sha256:20000"


def hash_password(password: str) -> str:
    """The stored form of a password (salted hash; method from PASSWORD_HASH_METHOD)."""
    return generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH_METHOD))


def password_matches(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches the stored hash; an account without one never matches."""
    return bool(stored_hash) and check_password_hash(stored_hash, password)


def base_config(cookie_name: str, db_name: str) -> dict[str, Any]:
    """Defaults every portal starts from; `create_app(config)` overrides them."""
    return {
        "SECRET_KEY": secrets.token_hex(32),
        # Both portals share 127.0.0.1 and cookies ignore the port: distinct names
        # keep the two sessions apart, as two hosts would.
        "SESSION_COOKIE_NAME": cookie_name,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "DATABASE": str(Path(tempfile.mkdtemp(prefix=f"{db_name}-")) / f"{db_name}.sqlite3"),
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "PASSWORD_HASH_METHOD": DEFAULT_PASSWORD_HASH_METHOD,
        # Stylesheets and scripts are cached for an hour, as a portal's static files are, so a
        # browser does not ask for them again on every page of a flow.
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
    }


def make_app(import_name: str, defaults: Mapping[str, Any], config: Mapping[str, Any] | None) -> Flask:
    """A Flask app with defaults first and the caller's overrides after."""
    app = Flask(import_name)
    app.config.from_mapping(defaults)
    if config:
        app.config.from_mapping(config)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    return app


def start_login_session(**values: Any) -> None:
    """Replaces the whole session at login, with a fresh session id, so that a session
    fixed before login is worth nothing afterwards."""
    session.clear()
    session["sid"] = secrets.token_urlsafe(16)
    session.update(values)


def login_session_cookie(**values: Any) -> dict[str, str]:
    """The session cookie a browser holds after `start_login_session(**values)`, signed with
    this portal's key. For the control APIs only: they let the harness start a scenario
    already logged in when the login itself is not what the scenario is about."""
    app = current_app._get_current_object()  # the serializer wants the app, not the proxy
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps({"sid": secrets.token_urlsafe(16), **values})
    return {"name": app.config["SESSION_COOKIE_NAME"], "value": value}


def is_local_path(target: str | None) -> bool:
    """True for a path on this same origin: no scheme, no host, no '//' trick."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def now_text() -> str:
    """Local time as the portals show it."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")
