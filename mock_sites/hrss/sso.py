"""「省统一身份认证」: HRSS as an OAuth2 client of GD-IdP (guide A3.1, A3.2, A3.3, A3.6)."""

# `/isso/sso/gdidp` sends the browser to GD-IdP's authorize endpoint with a fresh `state`;
# GD-IdP sends it back to `/isso/sso/callback` (the redirect_uri GD-IdP has registered for HRSS)
# with a code. The callback checks `state`, exchanges the code and reads the account server to
# server, then decides:
#
# - trust level below 四级 (原L2): refused, naming the level needed and how to reach it. This also
#   applies to a unit HRSS does not know yet: the guide lets only ≥四级 accounts log in, so the
#   first-login initialisation is not offered to a 三级 account either (it could not use it);
# - unit known (same 统一社会信用代码, or a unit registered by the 组织机构代码 inside it): the
#   browser acts for it in the platform (session `via = 'gdidp'`, `gdidp_level`, `gdidp_uscc`);
# - unit unknown: the 实名信息注册 wizard, holding the GD-IdP identity in the session
#   (`gdidp_identity`), prefilled with what GD-IdP told.

from __future__ import annotations

import hmac
import json
import secrets
import sqlite3
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from mock_sites import db, mutants
from mock_sites.web import start_login_session

bp = Blueprint("sso", __name__, url_prefix="/isso/sso")

CALLBACK_PATH = "/isso/sso/callback"
OAUTH_BASE = "/pscp/sso/connect/page/oauth2"
REQUIRED_TRUST_LEVEL = 4
# HRSS's own copy of GD-IdP's level names: the two portals are separate systems.
TRUST_LEVEL_NAMES = {3: "三级 (原L1)", 4: "四级 (原L2)", 5: "五级 (原L3)"}

STATE_MESSAGE = "登录请求已失效或来源不明，请回到登录页重新选择「省统一身份认证」登录。"
FAILED_MESSAGE = "省统一身份认证登录失败：{reason}。请回到登录页重新登录。"


def trust_level_name(level: int) -> str:
    """「四级 (原L2)」 for 4, and so on."""
    return TRUST_LEVEL_NAMES.get(level, f"{level}级")


def trust_level_refusal(level: int) -> str:
    """Why a GD-IdP account below 四级 may not log in, and what to do about it."""
    return (
        f"您的广东省统一身份认证账号可信等级为{trust_level_name(level)}，"
        f"需{trust_level_name(REQUIRED_TRUST_LEVEL)} 或以上才能登录，"
        "请先在广东政务服务网「账号管理 → 实名核验」完成网银证书或电子营业执照核验"
    )


@dataclass(frozen=True)
class GdidpIdentity:
    """The legal account GD-IdP vouched for."""

    uscc: str
    unit_name: str
    trust_level: int
    login_name: str | None


class SsoError(Exception):
    """GD-IdP refused the code or the token; the message is safe to show."""


def _redirect_uri() -> str:
    # The browser came to this origin; GD-IdP compares it with the registered one exactly.
    return f"{request.host_url.rstrip('/')}{CALLBACK_PATH}"


@bp.get("/gdidp")
def start() -> Any:
    """「省统一身份认证」: off to GD-IdP's authorize endpoint with a fresh state."""
    state = secrets.token_urlsafe(16)
    session["sso_state"] = state
    query = urlencode(
        {
            "client_id": current_app.config["SSO_CLIENT_ID"],
            "service": "initService",
            "scope": "all",
            "response_type": "code",
            "redirect_uri": _redirect_uri(),
            "state": state,
        }
    )
    return redirect(f"{current_app.config['GDZWFW_URL']}{OAUTH_BASE}/authorize?{query}")


@bp.get("/callback")
def callback() -> Any:
    """Where GD-IdP sends the browser back with `code` and `state`."""
    expected_state = session.pop("sso_state", None)
    given_state = request.args.get("state", "")
    if not expected_state or not hmac.compare_digest(expected_state.encode(), given_state.encode()):
        return _failure(STATE_MESSAGE)
    code = request.args.get("code", "")
    if not code:
        return _failure(FAILED_MESSAGE.format(reason="未取得授权码"))
    try:
        identity = fetch_identity(code, _redirect_uri())
    except SsoError as error:
        return _failure(FAILED_MESSAGE.format(reason=error))
    if identity.trust_level < REQUIRED_TRUST_LEVEL and not mutants.is_on("level_three_enters_hrss"):
        return render_template(
            "refusal.html", heading="无法登录", message=trust_level_refusal(identity.trust_level)
        ), 403
    values = session_after_login(identity)
    start_login_session(**values)
    return redirect(url_for("platform.home" if "unit_id" in values else "register.start_from_gdidp"))


def session_after_login(identity: GdidpIdentity) -> dict[str, Any]:
    """What a 「省统一身份认证」 login of `identity` (四级 or higher) leaves in the session: for a
    unit HRSS knows, acting for it (linked to GD-IdP from now on); for one it does not, the
    identity the 实名信息注册 wizard starts from. The control API's sessions use it too."""
    unit = unit_for_uscc(identity.uscc)
    if unit is None:
        return {"gdidp_identity": asdict(identity)}
    if not unit["gdidp_linked"]:
        db.execute("UPDATE unit SET gdidp_linked = 1 WHERE id = ?", (unit["id"],))
    return {"unit_id": unit["id"], "via": "gdidp", "gdidp_level": identity.trust_level, "gdidp_uscc": identity.uscc}


def _failure(message: str) -> tuple[str, int]:
    return render_template("refusal.html", heading="登录失败", message=message), 400


def unit_for_uscc(uscc: str) -> sqlite3.Row | None:
    """The HRSS unit GD-IdP's 统一社会信用代码 names: registered by that code, or by the
    组织机构代码 it embeds (characters 9–17)."""
    return db.query_one(
        "SELECT * FROM unit WHERE cert_no = ? OR (cert_type = 'org_code' AND cert_no = ?)",
        (uscc, uscc[8:17]),
    )


# --- Server-to-server calls to GD-IdP -----------------------------------------------------------


def _call(request_: urllib.request.Request) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(request_, timeout=10) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        # GD-IdP answers its errors with JSON {errcode, errmsg}; read it instead of the status.
        body = error.read()
    except (urllib.error.URLError, TimeoutError) as error:
        raise SsoError("无法连接广东省统一身份认证平台") from error
    try:
        answer = json.loads(body)
    except ValueError as error:
        raise SsoError("广东省统一身份认证平台的应答无法识别") from error
    if not isinstance(answer, dict):
        raise SsoError("广东省统一身份认证平台的应答无法识别")
    return answer


def fetch_identity(code: str, redirect_uri: str) -> GdidpIdentity:
    """Exchanges the code for a token, then reads the account behind it.

    The token request carries the client secret in a POST body, so it appears in no URL and
    no request log; error messages name GD-IdP's errmsg only.
    """
    base = current_app.config["GDZWFW_URL"]
    form = urlencode(
        {
            "client_id": current_app.config["SSO_CLIENT_ID"],
            "client_secret": current_app.config["SSO_CLIENT_SECRET"],
            "code": code,
            "scope": "all",
            "redirect_uri": redirect_uri,
            "grant_type": "authorization_code",
        }
    ).encode()
    token = _call(urllib.request.Request(f"{base}{OAUTH_BASE}/access_token", data=form, method="POST"))
    if token.get("errcode") or not token.get("access_token"):
        raise SsoError(str(token.get("errmsg") or "授权码无效"))
    info = _call(
        urllib.request.Request(f"{base}{OAUTH_BASE}/tokeninfo?{urlencode({'access_token': token['access_token']})}")
    )
    user = info.get("userobj")
    if info.get("errcode") or not isinstance(user, dict):
        raise SsoError(str(info.get("errmsg") or "未取得账号信息"))
    try:
        return GdidpIdentity(
            uscc=str(user["creditcode"]),
            unit_name=str(user["cn"]),
            trust_level=int(user["trustlevel"]),
            login_name=user.get("loginname"),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SsoError("账号信息不完整") from error
