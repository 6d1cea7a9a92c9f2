"""The GD-IdP login page: 个人登录 / 法人登录 and their login methods (guide A1.1, A1.2)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

bp = Blueprint("login", __name__, url_prefix="/pscp/sso")

# Legal persons default to the WeChat scan of the electronic business licence.
LEGAL_METHODS = {
    "scan": "电子营业执照",
    "password": "账号密码",
    "bank": "网银证书",
    "ca": "CA证书",
}


@bp.get("/login")
def login_page() -> Any:
    """Renders the login page for the chosen tab (`type`) and method (`method`)."""
    user_type = request.args.get("type", "personal")
    if user_type not in ("personal", "legal"):
        user_type = "personal"
    method = request.args.get("method", "scan" if user_type == "legal" else "password")
    if method not in LEGAL_METHODS:
        method = "scan"
    other_methods = {key: label for key, label in LEGAL_METHODS.items() if key != method}
    return render_template(
        "login.html",
        user_type=user_type,
        method=method,
        method_label=LEGAL_METHODS[method],
        other_methods=other_methods,
        next_url=request.args.get("next", ""),
    )
