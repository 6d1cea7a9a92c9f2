"""HRSS `/isso/login.html`: 单位登录 / 个人登录 and the unit login methods (guide A3.1, B2.1)."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, redirect, render_template, request, session

bp = Blueprint("login", __name__, url_prefix="/isso")

UNIT_METHODS = {"gdidp": "省统一身份认证", "password": "账号密码"}


@bp.get("/login.html")
def login_page() -> Any:
    """The login page; `type` picks 单位登录 (unit) or 个人登录 (person)."""
    user_type = request.args.get("type", "unit")
    if user_type not in ("unit", "person"):
        user_type = "unit"
    return render_template("login.html", user_type=user_type, unit_methods=UNIT_METHODS)


@bp.get("/sso/gdidp")
def start_gdidp_login() -> Any:
    """「省统一身份认证」: send the browser to GD-IdP's authorize endpoint with a fresh state."""
    state = secrets.token_urlsafe(16)
    session["sso_state"] = state
    query = urlencode(
        {
            "client_id": current_app.config["SSO_CLIENT_ID"],
            "service": "initService",
            "scope": "all",
            "response_type": "code",
            "redirect_uri": f"{request.host_url.rstrip('/')}/isso/sso/callback",
            "state": state,
        }
    )
    return redirect(f"{current_app.config['GDZWFW_URL']}/pscp/sso/connect/page/oauth2/authorize?{query}")
