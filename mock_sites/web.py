"""Pieces both mock portals share: app defaults, login sessions that the server can end, the
CSRF check, bounded ids in URLs and forms, clear 4xx answers, safe redirects."""

# Login sessions: the session cookie is signed, so only the portal can write it, but a signed
# cookie stays valid for as long as a browser (or a thief) keeps it. Every login therefore gets a
# fresh session id that the portal records (table `login_session`); logging out deletes the record,
# and a cookie whose id is not recorded is treated as no session at all.
#
# CSRF: every request that changes state (POST, PUT, PATCH, DELETE) must carry this session's
# token, in the form field `csrf_token` (classic forms) or the header `X-CSRF-Token` (pages that
# post with fetch, which read it from `<meta name="csrf-token">`); a request whose Origin is another
# site is refused outright. Exempt: the control API under `/__mock__/` (the harness plays the phone
# and seeds data there) and views marked `csrf_exempt` (OAuth server-to-server endpoints). A
# refusal is a 400 (403 for a foreign origin) with a Chinese message.

from __future__ import annotations

import hmac
import random
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeGuard
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    jsonify,
    render_template_string,
    request,
    send_from_directory,
    session,
)
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, ServiceUnavailable
from werkzeug.routing import IntegerConverter
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from mock_sites import db

# Salted PBKDF2 with far fewer rounds than a production system: the mocks only hold test
# accounts, and werkzeug's default (scrypt) costs about 0.4 s per hash on a two-core machine,
# paid by every scenario that seeds an account and logs in.
DEFAULT_PASSWORD_HASH_METHOD = "pbkdf2:sha256:20000"


# The three renditions of both portals (`UI` in an app's config). `classic`: accessible,
# server-rendered pages. `spa`: the same portals drawn with the frameworks' own builds (Vue 2 +
# Element-UI for GD-IdP, layui for HRSS), so that the harness is tried against markup this team
# did not write. `lookalike`: the portals as public sources show the real ones (shared/evidence):
# GD-IdP an in-house `gd-` component app, HRSS a bundled app under /isso/ with jQuery EasyUI
# platform pages. A template a rendition lacks falls back to the classic one of the same name.
UIS = ("classic", "spa", "lookalike")

# Front-end builds the `spa` rendition serves under /vendor/, from the repository's
# node_modules (installed by `npm ci` with the report generator): only these folders.
VENDOR_DIRS = {
    "vue": "vue/dist",
    "element-ui": "element-ui/lib",
    "layui": "layui/dist",
    "jquery": "jquery/dist",
    "jquery-easyui": "jquery-easyui",
}
DEFAULT_VENDOR_ROOT = Path(__file__).resolve().parent.parent / "node_modules"


def hash_password(password: str) -> str:
    """The stored form of a password (salted hash; method from PASSWORD_HASH_METHOD)."""
    return generate_password_hash(
        password, method=current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH_METHOD)
    )


def password_matches(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches the stored hash; an account without one never matches."""
    if not stored_hash:
        return False
    return check_password_hash(stored_hash, password)


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
        # Fault injection (off by default; see `_simulate_network`): every response delayed by
        # a random time in this (low, high) range of milliseconds, and this share of static
        # files failing with 503 the first time they are asked for.
        "LATENCY_MS": None,
        "STATIC_FAULT_RATE": 0.0,
        "FAULT_SEED": None,
        # A rule mutant (mock_sites.mutants) that breaks one rule of the guide on purpose: only
        # `make mutants` and a person trying one set it.
        "MUTANT": None,
    }


def make_app(import_name: str, defaults: Mapping[str, Any], config: Mapping[str, Any] | None) -> Flask:
    """A Flask app with defaults first and the caller's overrides after."""
    app = Flask(import_name)
    app.config.from_mapping(defaults)
    if config:
        app.config.from_mapping(config)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # Before any blueprint registers a route, so that every `<int:…>` is bounded.
    app.url_map.converters["int"] = BoundedIdConverter
    app.before_request(_simulate_network)
    app.before_request(_forget_ended_session)
    app.before_request(_check_csrf)
    app.after_request(_send_new_csrf_token)
    app.register_error_handler(HTTPException, _http_error)
    _apply_rendition(app)
    _check_fault_settings(app)
    return app


def _apply_rendition(app: Flask) -> None:
    """Sets up the rendition named by `UI`: for `spa` and `lookalike`, templates in
    `templates/<ui>/` take the place of the classic ones of the same name, and the frameworks'
    builds are served."""
    ui = app.config["UI"]
    if ui not in UIS:
        raise ValueError(f"UI must be one of {', '.join(UIS)}, not {ui!r}")
    app.jinja_env.globals["ui"] = ui
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["reload_once_script"] = RELOAD_ONCE_SCRIPT
    if ui == "classic":
        return
    vendor_root = Path(app.config["VENDOR_ROOT"])
    missing = [name for name, folder in VENDOR_DIRS.items() if not (vendor_root / folder).is_dir()]
    if missing:
        raise RuntimeError(
            f"the {ui} rendition needs {', '.join(missing)} in {vendor_root}: run `npm ci` in the repository first"
        )
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


# --- Latency and static-file faults (for robustness runs of the suite) ----------------------------

STATIC_FAULT_MESSAGE = "服务暂时不可用，请稍后重试"

# For the head of every page, before its stylesheets and scripts: a stylesheet or script whose
# request failed (`onerror="reloadOnce(this)"`) is asked for once more. A script the parser is
# waiting on (no defer/async) is written back in its place while the page is still loading, so
# the copy loads and runs before the page's own code that needs it (Vue, Element-UI, layui);
# anything else is replaced by a fresh element (a cloned script would not run again).
RELOAD_ONCE_SCRIPT = Markup(
    "<script>function reloadOnce(el){if(el.dataset.reloaded)return;"
    "const attr=el.tagName==='SCRIPT'?'src':'href';const url=new URL(el.getAttribute(attr),location.href);"
    "url.searchParams.set('reload','1');"
    "if(el.tagName==='SCRIPT'&&document.readyState==='loading'&&!el.defer&&!el.async){"
    "document.write('<script src=\"'+url.href.replace(/&/g,'&amp;').replace(/\"/g,'&quot;')+'\" "
    'data-reloaded="1"><\\/script>\');return;}'
    "const copy=document.createElement(el.tagName);"
    "for(const a of el.attributes){if(a.name!=='onerror')copy.setAttribute(a.name,a.value);}"
    "copy.setAttribute(attr,url.href);copy.dataset.reloaded='1';"
    "el.replaceWith(copy);}</script>"
)


def parse_latency(text: str) -> tuple[int, int]:
    """「300-1500」 (milliseconds, low-high) or 「500」 (fixed) as (low, high); ValueError else."""
    low, _, high = text.strip().partition("-")
    bounds = (int(low), int(high or low))
    if bounds[0] < 0 or bounds[0] > bounds[1]:
        raise ValueError(f"latency must be LOW-HIGH milliseconds with 0 <= LOW <= HIGH, not {text!r}")
    return bounds


def _check_fault_settings(app: Flask) -> None:
    latency = app.config["LATENCY_MS"]
    if latency is not None:
        low, high = latency
        if not 0 <= low <= high:
            raise ValueError(f"LATENCY_MS must be (low, high) with 0 <= low <= high, not {latency!r}")
    rate = float(app.config["STATIC_FAULT_RATE"] or 0)
    if not 0 <= rate <= 1:
        raise ValueError(f"STATIC_FAULT_RATE must be between 0 and 1, not {rate!r}")
    app.extensions["mock_faults"] = {
        "random": random.Random(app.config["FAULT_SEED"]),
        "seen": set(),
        "lock": threading.Lock(),
    }


def _is_static_file() -> bool:
    return request.endpoint == "static" or request.blueprint == "vendor"


def _simulate_network() -> None:
    """Makes the portal answer like one on a slow, flaky network, when asked to: each answer
    waits a random `LATENCY_MS`, and a share (`STATIC_FAULT_RATE`) of the static files fails
    with 503 the first time it is requested, as an overloaded CDN does; the pages reload such a
    file once. The control API is left alone: it stands for the phone and the test data, not for
    the network between browser and portal."""
    if request.path.startswith("/__mock__/"):
        return
    config = current_app.config
    faults = current_app.extensions["mock_faults"]
    if config["LATENCY_MS"] is not None:
        with faults["lock"]:
            delay = faults["random"].uniform(*config["LATENCY_MS"]) / 1000
        # The mock plays the network here: the wait is the simulated transit time.
        time.sleep(delay)
    if config["STATIC_FAULT_RATE"] and _is_static_file():
        with faults["lock"]:
            first_time = request.path not in faults["seen"]
            faults["seen"].add(request.path)
            fails = first_time and faults["random"].random() < float(config["STATIC_FAULT_RATE"])
        if fails:
            raise ServiceUnavailable(STATIC_FAULT_MESSAGE)


# --- Ids in URLs and forms ----------------------------------------------------------------------

# SQLite's largest integer: a bigger number cannot be bound as a query parameter (OverflowError),
# so it can name no record.
MAX_ID = 2**63 - 1


class BoundedIdConverter(IntegerConverter):
    """`<int:…>` in every route of the portals: digits up to `MAX_ID`; a longer number does not
    match the route, so it is a 404 like any other unknown id."""

    def __init__(
        self, map: Any, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID, signed: bool = False
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def parse_id(value: Any) -> int | None:
    """The record id a form field (or a JSON body's value) holds, or None when it is empty, not
    a whole number or too large to name a record (the view answers None with its own 4xx
    message)."""
    if isinstance(value, bool):
        return None
    text = "" if value is None else str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


# --- Clear 4xx answers --------------------------------------------------------------------------

ERROR_MESSAGES = {
    400: "请求有误，请返回上一页重试",
    403: "没有权限访问该页面",
    404: "页面不存在或记录已不存在",
    405: "不支持该请求方式",
    413: "提交的内容过大",
    429: "操作过于频繁，请稍后再试",
    503: "服务暂时不可用，请稍后重试",
}

_ERROR_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ heading }}</title></head>
<body><main><h1>{{ heading }}</h1>
<p role="alert">{{ message }}</p><p><a href="/">返回首页</a></p></main></body></html>"""


def wants_json() -> bool:
    """True for the control API and for requests that ask for JSON: a JSON body, or an Accept
    header that prefers JSON to HTML (the spa rendition's fetch, a multipart upload by script)."""
    if request.path.startswith("/__mock__/") or request.is_json:
        return True
    accept = request.accept_mimetypes
    return accept.best == "application/json" or accept["application/json"] > accept["text/html"]


def posted() -> dict[str, str]:
    """The posted fields, from a JSON object or a form. A JSON value that is not text counts as
    empty, and a body that is not an object as no fields: the rules then answer with their own
    messages (「请输入…」), never a 500."""
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return {}
        return {str(key): value if isinstance(value, str) else "" for key, value in body.items()}
    return request.form.to_dict()


def mask_phone(value: str) -> str:
    """「138****8000」 for a mobile number; anything else as given."""
    return f"{value[:3]}****{value[-4:]}" if len(value) == 11 else value


def _http_error(error: HTTPException) -> Any:
    status = error.code or 500
    # werkzeug's own descriptions are English; a description given by the portal is Chinese.
    default = type(error).description
    message = (
        error.description
        if error.description and error.description != default
        else ERROR_MESSAGES.get(status, "请求有误")
    )
    if wants_json():
        return jsonify(error=message), status
    heading = ERROR_MESSAGES.get(status, "请求有误").split("，")[0]
    response = error.get_response()
    response.set_data(render_template_string(_ERROR_PAGE, heading=heading, message=message))
    response.mimetype = "text/html"
    return response


# --- JSON bodies of the control API ---------------------------------------------------------------

_TYPE_NAMES = {str: "文本", int: "整数", bool: "true/false", list: "列表", dict: "对象", float: "数字"}


def json_body(required: Mapping[str, Any] | None = None, optional: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The request's JSON body, checked before any of it is used: a JSON object, with every
    `required` field present and every field named in `required` or `optional` of its type
    (a type or a tuple of types; an int is never taken for a bool or the other way round).
    Otherwise a 400 whose message says what is wrong. Fields not named pass unchecked."""
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict):
        raise BadRequest('请求体应为 JSON 对象，如 {"字段": "值"}')
    for name in required or {}:
        if body.get(name) is None:
            raise BadRequest(f"缺少字段 {name}")
    for name, kinds in {**(optional or {}), **(required or {})}.items():
        value = body.get(name)
        if value is None:
            continue
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if not any(_is_of(value, kind) for kind in kinds):
            wanted = "或".join(_TYPE_NAMES.get(kind, kind.__name__) for kind in kinds)
            raise BadRequest(f"字段 {name} 应为{wanted}")
    return body


def _is_of(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_ID
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, kind)


# --- Login sessions the server can end ------------------------------------------------------------


def csrf_token() -> str:
    """This session's token for the forms and requests that change state; pages put it in a
    hidden field (classic) or send it in an X-CSRF-Token header (spa)."""
    token = session.get("csrf")
    if token is None:
        token = session["csrf"] = secrets.token_urlsafe(24)
    return token


def start_login_session(**values: Any) -> None:
    """Replaces the whole session at login, with a fresh session id that the server records, so
    that a session fixed before login is worth nothing afterwards and a logout can end this one.

    The CSRF token is replaced too: a token known before login (say, from a cookie planted by a
    page of the other portal on the same host, since cookies ignore the port) must not be valid
    for the logged-in session. A page that logs in with fetch and stays where it is reads the new
    token from the answer's `X-CSRF-Token` header (see `_send_new_csrf_token`)."""
    _forget_session_id(session.get("sid"))
    session.clear()
    session["sid"] = _record_session_id()
    session.update(values)
    g.new_csrf_token = csrf_token()


def end_session() -> None:
    """Logout: the server forgets the session id, so a kept copy of the cookie is worth nothing."""
    _forget_session_id(session.get("sid"))
    session.clear()


def login_session_cookie(**values: Any) -> dict[str, str]:
    """The session cookie a browser holds after `start_login_session(**values)`, signed with
    this portal's key and recorded like any login's. For the control APIs only: they let the
    harness start a scenario already logged in when the login itself is not what the scenario is
    about."""
    # The serializer wants the app, not the proxy; Flask types the proxy as the app, which has no
    # _get_current_object of its own.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps({"sid": _record_session_id(), **values})
    return {"name": app.config["SESSION_COOKIE_NAME"], "value": value}


def _record_session_id() -> str:
    sid = secrets.token_urlsafe(16)
    db.execute("INSERT INTO login_session (sid, started_at) VALUES (?, ?)", (sid, now_text()))
    return sid


def _forget_session_id(sid: str | None) -> None:
    if sid:
        db.execute("DELETE FROM login_session WHERE sid = ?", (sid,))


def _forget_ended_session() -> None:
    """A cookie whose session was ended (logout) or never recorded counts as no session."""
    sid = session.get("sid")
    if sid is not None and db.query_one("SELECT 1 FROM login_session WHERE sid = ?", (sid,)) is None:
        session.clear()


# --- CSRF -----------------------------------------------------------------------------------------

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
CSRF_MISSING_MESSAGE = "页面已过期或缺少安全校验码，请刷新页面后重新提交"
CSRF_WRONG_MESSAGE = "安全校验未通过，请刷新页面后重新提交"
FOREIGN_ORIGIN_MESSAGE = "请求来源不是本网站，已拒绝"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def csrf_exempt(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a view called server to server (no browser, no session), e.g. OAuth's token
    endpoint, which authenticates its caller by other means."""
    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def _check_csrf() -> None:
    if (
        request.method in _SAFE_METHODS
        or request.path.startswith("/__mock__/")
        or request.routing_exception is not None
    ):
        return  # an unknown path or method gets its own 404/405
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "csrf_exempt", False):
        return
    # The Origin check stands even with a valid token; browsers send Origin with every POST.
    origin = request.headers.get("Origin")
    if origin is not None and origin != request.host_url.rstrip("/"):
        raise Forbidden(FOREIGN_ORIGIN_MESSAGE)
    given = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    expected = session.get("csrf")
    if not given or not expected:
        raise BadRequest(CSRF_MISSING_MESSAGE)
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise BadRequest(CSRF_WRONG_MESSAGE)


def _send_new_csrf_token(response: Response) -> Response:
    token = g.get("new_csrf_token")
    if token:
        response.headers[CSRF_HEADER] = token
    return response


def is_local_path(target: str | None) -> TypeGuard[str]:
    """True for a path on this same origin: no scheme, no host, no '//' trick."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def now_text() -> str:
    """Local time as the portals show it."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")
