"""The lookalike rendition's GD-IdP: one client-rendered app under `/pscp/sso/static/`, as the
real platform serves its login and account pages (shared/evidence/gdidp__selenium_demo__zhongshan_main.py,
gdidp__unattributed_tyrzService.js). The server answers every route of the app with the same
shell; the app draws the view in place and talks to the JSON answers of the portal's other
views (`login`, `register`, `account`) and to the two below."""

# Routes of the app: `/pscp/sso/static/` (login; the OAuth query
# `?client_id=…&redirect_uri=…&response_type=code&scope=all&service=initService` when a client sent
# the browser), `register`, `manage/info`, `manage/security`, `manage/realname?key=realname`
# (实名核验), `manage/realname/edit` (修改信息, a guess: no public source names its path),
# `manage/legal-persons`, `manage/handlers`. Any other route is a 404; in the other renditions
# the whole prefix is.
#
# - `GET /pscp/sso/captcha/<id>`: the image of a login captcha, only for the browser it was shown to.
# - `GET /pscp/account/summary` (in `account`): what the account pages show.

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template

from mock_sites import db
from mock_sites.gdzwfw import auth, captcha
from mock_sites.gdzwfw.regions import region_pairs

bp = Blueprint("sso_app", __name__, url_prefix="/pscp/sso")

ROUTES = frozenset(
    {
        "",
        "register",
        "manage",
        "manage/info",
        "manage/security",
        "manage/realname",
        "manage/realname/edit",
        "manage/legal-persons",
        "manage/handlers",
    }
)
RENDITION = "lookalike"


@bp.get("/static/", defaults={"route": ""})
@bp.get("/static/<path:route>")
def app_shell(route: str) -> Any:
    """The app's page for any of its routes; the app reads the route from the address."""
    if current_app.config["UI"] != RENDITION or route.strip("/") not in ROUTES:
        abort(404)
    boot = {
        # The client the portal sends legal persons from opens on 法人登录 (the guide's A3.1
        # screenshot); any other entry opens on the first tab, 个人登录.
        "legal_client": current_app.config.get("SSO_CLIENT_ID") or "",
        "region_pairs": region_pairs(),
    }
    return render_template("sso_app.html", boot=boot)


@bp.get("/captcha/<captcha_id>")
def captcha_image(captcha_id: str) -> Any:
    """The captcha's picture as an SVG file (the `<img>` of the login form)."""
    row = db.query_one("SELECT id, question, browser FROM captcha WHERE id = ?", (captcha_id[:64],))
    if row is None or row["browser"] != auth.browser_key():
        abort(404)
    image = captcha.render_svg(row["id"], row["question"])
    return Response(str(image), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})
