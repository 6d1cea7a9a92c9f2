"""GD-IdP's OAuth2 authorization-code endpoints, on the paths the real platform uses.

authorize → hosted login page → redirect to the client's registered redirect_uri.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, request, url_for

bp = Blueprint("oauth", __name__, url_prefix="/pscp/sso/connect/page/oauth2")

REDIRECT_PATH = "/isso/sso/callback"


def registered_redirect_uri() -> str:
    """The one redirect_uri registered for the HRSS client; anything else is refused."""
    return f"{current_app.config['HRSS_URL']}{REDIRECT_PATH}"


@bp.get("/authorize")
def authorize() -> Any:
    """Checks the client and its redirect_uri, then shows the legal-person login page."""
    if request.args.get("client_id") != current_app.config["SSO_CLIENT_ID"]:
        abort(400, description="未注册的应用（client_id 无效）")
    if request.args.get("redirect_uri") != registered_redirect_uri():
        abort(400, description="redirect_uri 与注册地址不一致")
    if request.args.get("response_type") != "code":
        abort(400, description="response_type 必须为 code")
    return redirect(url_for("login.login_page", type="legal", next=request.full_path))
