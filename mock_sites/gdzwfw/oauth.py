"""GD-IdP's OAuth2 authorization-code endpoints, on the paths and parameters the real platform uses."""

# - authorize: `GET /pscp/sso/connect/page/oauth2/authorize?client_id&service=initService&scope=all
#   &response_type=code&redirect_uri[&state]` → the hosted legal-person login page (when nobody is
#   logged in) → back to the registered redirect_uri with `code` and `state`.
# - access_token: `GET|POST …/access_token?client_id&client_secret&code&scope=all&redirect_uri
#   &grant_type=authorization_code` → `{access_token, token_type, expires_in}`.
# - tokeninfo: `GET …/tokeninfo?access_token` → `{errcode: 0, userobj: {…}}`.
#
# What a real identity provider must enforce is enforced here: the redirect_uri must equal the
# registered one exactly (a wrong one gets an error page, never a redirect); codes are single-use,
# short-lived (`SSO_CODE_LIFETIME_SECONDS`) and bound to client and redirect_uri; a reused code
# also revokes the token issued for it; the client secret is compared in constant time and never
# logged. Codes and tokens are stored as hashes, so the database does not hold usable credentials.
#
# The real platform documents access_token as a GET with the secret in the query string. The mock
# accepts that, but the mock HRSS posts the parameters in the body so that the secret stays out of
# request lines. tokeninfo takes the access token in its query string, as the real one does, and
# HRSS's callback receives the code in its query string; a filter on the werkzeug logger blanks
# `client_secret`, `access_token` and `code` in any request line that carries them.

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState

from mock_sites import db
from mock_sites.gdzwfw.auth import LEVEL_NAMES, current_account
from mock_sites.web import csrf_exempt

bp = Blueprint("oauth", __name__, url_prefix="/pscp/sso/connect/page/oauth2")
control_bp = Blueprint("oauth_control", __name__, url_prefix="/__mock__/oauth")

# The path HRSS registered as its redirect_uri (on HRSS's own origin).
REDIRECT_PATH = "/isso/sso/callback"
DEFAULT_CODE_LIFETIME_SECONDS = 60
DEFAULT_TOKEN_LIFETIME_SECONDS = 7200

# errcode values of the JSON errors; 0 means success.
ERR_GRANT_TYPE = 40001
ERR_CLIENT = 40002
ERR_CODE_INVALID = 40003
ERR_CODE_USED = 40004
ERR_CODE_EXPIRED = 40005
ERR_REDIRECT_URI = 40006
ERR_TOKEN_INVALID = 40007
ERR_TOKEN_EXPIRED = 40008


# --- Keeping credentials out of the logs ------------------------------------------------------------

# Query parameters whose values are credentials: whoever reads the log could use them.
_CREDENTIAL_IN_QUERY = re.compile(r"([?&](?:client_secret|access_token|code)=)[^&\s\"]*")


class RedactCredentials(logging.Filter):
    """Blanks `client_secret=…`, `access_token=…` and `code=…` in werkzeug's request lines
    before any handler sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _CREDENTIAL_IN_QUERY.sub(r"\1***", message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True


@bp.record_once
def _install_log_filter(_state: BlueprintSetupState) -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(existing, RedactCredentials) for existing in logger.filters):
        logger.addFilter(RedactCredentials())


# --- Helpers ------------------------------------------------------------------------------------


def registered_redirect_uri() -> str:
    """The one redirect_uri registered for the HRSS client; anything else is refused."""
    return f"{current_app.config['HRSS_URL']}{REDIRECT_PATH}"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _setting(name: str, default: int) -> int:
    # The portal's create_app does not know these settings; a test or a person may still set them.
    value = current_app.config.get(name)
    return default if value is None else int(value)


def _error_page(message: str) -> tuple[str, int]:
    # An error page, never a redirect: a wrong redirect_uri must not send the browser anywhere.
    return render_template("oauth_error.html", message=message), 400


def _json_error(errcode: int, errmsg: str, status: int = 400) -> tuple[Response, int]:
    return jsonify(errcode=errcode, errmsg=errmsg), status


def _client_secret_matches(given: str) -> bool:
    expected = current_app.config.get("SSO_CLIENT_SECRET") or ""
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


# --- authorize ----------------------------------------------------------------------------------


@bp.get("/authorize")
def authorize() -> Any:
    """Checks client, redirect_uri and response type; lets the user log in; issues a code."""
    if (
        not current_app.config.get("SSO_CLIENT_ID")
        or request.args.get("client_id") != current_app.config["SSO_CLIENT_ID"]
    ):
        return _error_page("未注册的应用（client_id 无效），无法登录。")
    if request.args.get("redirect_uri") != registered_redirect_uri():
        return _error_page("回调地址（redirect_uri）与该应用注册的地址不一致，已拒绝登录。")
    if request.args.get("response_type") != "code":
        return _error_page("不支持的授权类型（response_type 必须为 code）。")
    if request.args.get("scope", "all") != "all":
        return _error_page("不支持的授权范围（scope 必须为 all）。")
    account = current_account()
    if account is None:
        if current_app.config["UI"] == "lookalike":
            # As the real platform does: its login app, with the client's OAuth query; the app
            # comes back here with that query once the user has logged in.
            query: dict[str, Any] = request.args.to_dict()
            return redirect(url_for("sso_app.app_shell", **query))
        return redirect(url_for("login.login_page", type="legal", next=request.full_path))
    code = _issue_code(account["id"], request.args["client_id"], request.args["redirect_uri"])
    separator = "&" if "?" in request.args["redirect_uri"] else "?"
    query = {"code": code}
    if "state" in request.args:
        query["state"] = request.args["state"]
    return redirect(f"{request.args['redirect_uri']}{separator}{urlencode(query)}")


def _issue_code(account_id: int, client_id: str, redirect_uri: str) -> str:
    code = secrets.token_urlsafe(24)
    lifetime = _setting("SSO_CODE_LIFETIME_SECONDS", DEFAULT_CODE_LIFETIME_SECONDS)
    db.execute(
        "INSERT INTO sso_code (code_hash, account_id, client_id, redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?)",
        (_digest(code), account_id, client_id, redirect_uri, time.time() + lifetime),
    )
    return code


# --- access_token -------------------------------------------------------------------------------


@bp.route("/access_token", methods=["GET", "POST"])
@csrf_exempt  # called by the client's server, which proves itself with client_secret
def access_token() -> Any:
    """Exchanges a code for an access token (client authenticated by its secret)."""
    params = request.values
    if params.get("grant_type") != "authorization_code":
        return _json_error(ERR_GRANT_TYPE, "grant_type 必须为 authorization_code")
    client_id = params.get("client_id", "")
    if client_id != current_app.config.get("SSO_CLIENT_ID") or not _client_secret_matches(
        params.get("client_secret", "")
    ):
        return _json_error(ERR_CLIENT, "client_id 或 client_secret 无效", 401)
    code_hash = _digest(params.get("code", ""))
    row = db.query_one("SELECT * FROM sso_code WHERE code_hash = ?", (code_hash,))
    if row is None:
        return _json_error(ERR_CODE_INVALID, "code 无效")
    if row["used"]:
        # A replayed code may mean it was stolen: the token it bought is withdrawn too.
        db.execute("UPDATE sso_token SET revoked = 1 WHERE code_hash = ?", (code_hash,))
        return _json_error(ERR_CODE_USED, "code 已使用")
    if time.time() >= row["expires_at"]:
        return _json_error(ERR_CODE_EXPIRED, "code 已过期")
    if row["client_id"] != client_id or row["redirect_uri"] != params.get("redirect_uri"):
        return _json_error(ERR_REDIRECT_URI, "redirect_uri 与申请 code 时不一致")
    with db.transaction() as connection:
        # Only one exchange can flip `used`; a concurrent second one finds it already set.
        spent = connection.execute(
            "UPDATE sso_code SET used = 1 WHERE code_hash = ? AND used = 0", (code_hash,)
        ).rowcount
        if spent != 1:
            return _json_error(ERR_CODE_USED, "code 已使用")
        token = secrets.token_urlsafe(32)
        lifetime = _setting("SSO_TOKEN_LIFETIME_SECONDS", DEFAULT_TOKEN_LIFETIME_SECONDS)
        connection.execute(
            "INSERT INTO sso_token (token_hash, code_hash, account_id, expires_at) VALUES (?, ?, ?, ?)",
            (_digest(token), code_hash, row["account_id"], time.time() + lifetime),
        )
    return jsonify(access_token=token, token_type="bearer", expires_in=lifetime, scope="all")


# --- tokeninfo ----------------------------------------------------------------------------------


@bp.get("/tokeninfo")
def tokeninfo() -> Any:
    """The legal account behind an access token, with its current trust level."""
    row = db.query_one("SELECT * FROM sso_token WHERE token_hash = ?", (_digest(request.args.get("access_token", "")),))
    if row is None or row["revoked"]:
        return _json_error(ERR_TOKEN_INVALID, "access_token 无效", 401)
    if time.time() >= row["expires_at"]:
        return _json_error(ERR_TOKEN_EXPIRED, "access_token 已过期", 401)
    account = db.query_one("SELECT * FROM legal_account WHERE id = ?", (row["account_id"],))
    if account is None:
        return _json_error(ERR_TOKEN_INVALID, "账号不存在", 401)
    return jsonify(errcode=0, errmsg="ok", userobj=user_object(account))


def user_object(account: Any) -> dict[str, Any]:
    """What GD-IdP tells a client about a legal account."""
    return {
        "uid": str(account["id"]),
        "usertype": "legal",
        "loginname": account["login_name"],
        "cn": account["unit_name"],
        "creditcode": account["uscc"],
        "trustlevel": account["trust_level"],
        "trustlevelname": LEVEL_NAMES.get(account["trust_level"], str(account["trust_level"])),
    }


# --- Control API --------------------------------------------------------------------------------


@control_bp.post("/expire-codes")
def expire_codes() -> Any:
    """Makes every unused code expire now, so a test can present an expired code without
    waiting for `SSO_CODE_LIFETIME_SECONDS`."""
    count = db.get_db().execute("UPDATE sso_code SET expires_at = 0 WHERE used = 0").rowcount
    return jsonify(expired=count)
