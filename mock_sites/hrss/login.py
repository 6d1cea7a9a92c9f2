"""HRSS `/isso/login.html`: 「单位登录」 / 「个人登录」 and their login methods (guide A3.1, A3.6, B2.1).

「单位登录」 offers 「账号密码」 (the unit account's 用户名 and 密码) and 「省统一身份认证」 (a link
to `sso.start`, which leaves for GD-IdP). 「个人登录」 lists `PERSON_METHODS`: the personal-account
module adds its methods there (key → (label, endpoint)), and the page renders them as it renders
the unit's; until then the tab says where personal accounts come from.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from mock_sites import db
from mock_sites.hrss.auth import act_for_unit, log_out as end_login, password_matches

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


def _render(user_type: str, method: str, errors: dict[str, str] | None = None, username: str = "", status: int = 200) -> Any:
    methods = UNIT_METHODS if user_type == "unit" else PERSON_METHODS
    if method not in methods:
        method = next(iter(methods), "")
    page = render_template(
        "login.html",
        user_type=user_type,
        method=method,
        methods=methods,
        errors=errors or {},
        username=username,
    )
    return page, status


@bp.post("/login/unit")
def unit_password_login() -> Any:
    """「单位登录」 → 「账号密码」: the unit account's own 用户名 and 密码."""
    username = request.form.get("username", "")
    password = request.form.get("password", "")
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
    return redirect(url_for("platform.home"))


@bp.post("/logout")
def log_out() -> Any:
    """「退出登录」: ends the session, back to the login page."""
    end_login()
    return redirect(url_for("login.login_page"))
