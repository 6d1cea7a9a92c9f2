"""Pieces both mock portals share: app defaults, login sessions, safe redirects."""

from __future__ import annotations

import secrets
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, send_from_directory, session
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.security import check_password_hash, generate_password_hash


# Salted PBKDF2 with far fewer rounds than a production system: the mocks only hold test
# accounts, and werkzeug's default (scrypt) costs about 0.4 s per hash on a two-core machine,
# paid by every scenario that seeds an account and logs in.
DEFAULT_PASSWORD_HASH_METHOD = "pbkdf2:sha256:20000"


# The two renditions of both portals (`UI` in an app's config). `classic`: accessible,
# server-rendered pages. `spa`: the same portals drawn the way the real ones are, with the
# frameworks' own builds (Vue 2 + Element-UI for GD-IdP, layui for HRSS), so that the harness
# is tried against markup this team did not write.
UIS = ("classic", "spa")

# Front-end builds the `spa` rendition serves under /vendor/, from the repository's
# node_modules (installed by `npm ci` with the report generator): only these folders.
VENDOR_DIRS = {
    "vue": "vue/dist",
    "element-ui": "element-ui/lib",
    "layui": "layui/dist",
}
DEFAULT_VENDOR_ROOT = Path(__file__).resolve().parent.parent / "node_modules"


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
        "UI": "classic",
        "VENDOR_ROOT": str(DEFAULT_VENDOR_ROOT),
    }


def make_app(import_name: str, defaults: Mapping[str, Any], config: Mapping[str, Any] | None) -> Flask:
    """A Flask app with defaults first and the caller's overrides after."""
    app = Flask(import_name)
    app.config.from_mapping(defaults)
    if config:
        app.config.from_mapping(config)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    _apply_rendition(app)
    return app


def _apply_rendition(app: Flask) -> None:
    """Sets up the rendition named by `UI`: for `spa`, templates in `templates/spa/` take the
    place of the classic ones of the same name, and the frameworks' builds are served."""
    ui = app.config["UI"]
    if ui not in UIS:
        raise ValueError(f"UI must be one of {', '.join(UIS)}, not {ui!r}")
    app.jinja_env.globals["ui"] = ui
    app.jinja_env.globals["csrf_token"] = csrf_token
    if ui == "classic":
        return
    vendor_root = Path(app.config["VENDOR_ROOT"])
    missing = [name for name, folder in VENDOR_DIRS.items() if not (vendor_root / folder).is_dir()]
    if missing:
        raise RuntimeError(f"the spa rendition needs {', '.join(missing)} in {vendor_root}: run `npm ci` in the repository first")
    templates = Path(app.root_path) / (app.template_folder or "templates")
    app.jinja_loader = ChoiceLoader([FileSystemLoader(templates / ui), FileSystemLoader(templates)])
    app.register_blueprint(_vendor_blueprint(vendor_root))


def _vendor_blueprint(vendor_root: Path) -> Blueprint:
    bp = Blueprint("vendor", __name__, url_prefix="/vendor")

    @bp.get("/<package>/<path:filename>")
    def vendor_file(package: str, filename: str) -> Any:
        folder = VENDOR_DIRS.get(package)
        if folder is None:
            abort(404)
        return send_from_directory(vendor_root / folder, filename)

    return bp


def csrf_token() -> str:
    """This session's token for the forms and requests that change state; pages put it in a
    hidden field (classic) or send it in an X-CSRF-Token header (spa)."""
    token = session.get("csrf")
    if token is None:
        token = session["csrf"] = secrets.token_urlsafe(24)
    return token


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
