"""HRSS `/isso/login.html`: 「单位登录」 / 「个人登录」 and their login methods (guide A3.1, A3.6, B2.1)."""

# 「单位登录」 offers 「账号密码」 (the unit account's 用户名 and 密码) and 「省统一身份认证」 (a link
# to `sso.start`, which leaves for GD-IdP). 「个人登录」 lists `PERSON_METHODS`: the personal-account
# module adds its methods there (key → (label, endpoint)), and the page renders them as it renders
# the unit's; until then the tab says where personal accounts come from.

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, redirect, render_template, request, url_for

from mock_sites import db
from mock_sites.hrss.auth import act_for_unit, password_matches
from mock_sites.hrss.auth import log_out as end_login
from mock_sites.web import posted

bp = Blueprint("login", __name__, url_prefix="/isso")

# key → (visible name, endpoint that starts the method; None = a form on the login page itself)
UNIT_METHODS: dict[str, tuple[str, str | None]] = {
    "password": ("账号密码", None),
    "gdidp": ("省统一身份认证", "sso.start"),
}
PERSON_METHODS: dict[str, tuple[str, str | None]] = {}

USERNAME_EMPTY_MESSAGE = "请输入用户名"
PASSWORD_EMPTY_MESSAGE = "请输入密码"
WRONG_CREDENTIALS_MESSAGE = "用户名或密码错误"


@bp.get("/login.html")
def login_page() -> Any:
    """The login page; `type` picks 单位登录 (unit) or 个人登录 (person), `method` the method."""
    user_type = request.args.get("type", "unit")
    if user_type not in ("unit", "person"):
        user_type = "unit"
    return _render(user_type, request.args.get("method", ""))


def _render(
    user_type: str, method: str, errors: dict[str, str] | None = None, username: str = "", status: int = 200
) -> Any:
    return render_login(user_type, method, errors or {}, username, status)


def render_login(user_type: str, method: str, errors: dict[str, str], username: str, status: int) -> Any:
    """The login page with `user_type`'s tab and `method` chosen; a refused JSON post (the
    spa rendition's) gets its errors as JSON instead: `message` is the one to show."""
    if errors and request.method == "POST" and request.is_json:
        return answer_errors(errors, status)
    methods = UNIT_METHODS if user_type == "unit" else PERSON_METHODS
    if method not in methods:
        method = next(iter(methods), "")
    page = render_template(
        "login.html",
        user_type=user_type,
        method=method,
        methods=methods,
        unit_methods=UNIT_METHODS,
        person_methods=PERSON_METHODS,
        errors=errors,
        username=username,
    )
    return page, status


def answer_errors(errors: dict[str, str], status: int) -> Any:
    """A refused JSON post: every message by field, and the first one as `message`."""
    return jsonify(ok=False, message=next(iter(errors.values())), errors=errors), status


def moved_on(target: str) -> Any:
    """Where an accepted post leads: a redirect for a form, `redirect` in JSON for a script."""
    if request.is_json:
        return jsonify(ok=True, redirect=target)
    return redirect(target)


@bp.post("/login/unit")
def unit_password_login() -> Any:
    """「单位登录」 → 「账号密码」: the unit account's own 用户名 and 密码."""
    form = posted()
    username = form.get("username", "")
    password = form.get("password", "")
    errors: dict[str, str] = {}
    if not username.strip():
        errors["username"] = USERNAME_EMPTY_MESSAGE
    if not password:
        errors["password"] = PASSWORD_EMPTY_MESSAGE
    if errors:
        return _render("unit", "password", errors, username, 400)
    unit = db.query_one("SELECT * FROM unit WHERE username = ?", (username,))
    if unit is None or not password_matches(unit, password):
        # One message for both cases: the page must not tell which usernames exist.
        return _render("unit", "password", {"form": WRONG_CREDENTIALS_MESSAGE}, username, 401)
    act_for_unit(unit["id"], via="unit_password")
    return moved_on(url_for("platform.home"))


@bp.post("/logout")
def log_out() -> Any:
    """「退出登录」: ends the session, back to the login page."""
    end_login()
    return redirect(url_for("login.login_page"))
