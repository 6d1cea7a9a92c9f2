"""The GD-IdP login page: 个人登录 / 法人登录 and the legal-person login methods (guide A1.1,
A1.2, A1.8, A3.2)."""

# `GET /pscp/sso/login?type=legal&method=<scan|password|bank|ca>&next=<local path>`. The spa
# rendition asks the same address for JSON when it switches tab or method in place, and posts
# its logins as JSON (see `answers`): a refusal is a 4xx with the message and the form's new
# state (a fresh captcha, a new code), a login answers where to go. Every
# successful legal-person login, whatever the method, starts a fresh session with
# `auth.log_in` and goes to `next` when it is a local path, else to the portal home. `next`
# survives method switches, refused attempts and the registration link.
#
# - 账号密码: login name, password and the arithmetic captcha.
# - 电子营业执照 (default, 「请您使用【微信】扫码登录」): the user scans the code and clicks
#   「我已扫码」. The first login of a unit creates its account implicitly: no login name, no
#   password, trust level 四级 (原L2), because the e-licence is itself a 四级 verification.
#   Later logins of the same unit use that account (or the registered one) unchanged.
# - 网银证书 / CA证书: the CA helper reads the certificate, the user types its PIN. Only a
#   certificate whose unit has completed that verification (A2.6, A2.5) may log in.

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mock_sites import db, mutants
from mock_sites.gdzwfw import answers, auth, captcha, tickets, verification
from mock_sites.web import is_local_path

bp = Blueprint("login", __name__, url_prefix="/pscp/sso")

# Legal persons default to the WeChat scan of the electronic business licence.
LEGAL_METHODS = {
    "scan": "电子营业执照",
    "password": "账号密码",
    "bank": "网银证书",
    "ca": "CA证书",
}
CERT_KIND_OF_METHOD = {"bank": "bank_cert", "ca": "ca_cert"}

FIELDS_MISSING = "请输入账号和密码"
CAPTCHA_MISSING = "请输入图中算式的计算结果"
CAPTCHA_WRONG = "验证码错误，请重新输入"
CREDENTIALS_WRONG = "账号或密码错误"
PERSONAL_NOT_OFFERED = "模拟门户只提供法人账号登录，请选择「法人登录」"
CERT_NOT_VERIFIED = "该证书尚未在本平台完成{name}核验，请先用其他方式登录并在实名核验中完成{name}核验"


def after_login(account_id: int, next_url: str | None) -> Response:
    """Starts the session and leaves for `next` (local paths only) or the portal home."""
    auth.log_in(account_id)
    target = next_url if is_local_path(next_url) else url_for("portal.home")
    return answers.done(redirect=target) if answers.wants_json() else redirect(target)


def _choice() -> tuple[str, str]:
    values = answers.submitted() if request.method == "POST" else request.values
    user_type = values.get("type", "personal")
    if user_type not in ("personal", "legal"):
        user_type = "personal"
    method = values.get("method", "scan")
    if method not in LEGAL_METHODS:
        method = "scan"
    return user_type, method


def _ticket_for(method: str, requested: str | None) -> str | None:
    """The scan or certificate ticket this page shows: the one in the URL if this browser may
    still use it, else a new one."""
    kind = "elicence" if method == "scan" else CERT_KIND_OF_METHOD.get(method)
    if kind is None:
        return None
    owner = auth.browser_key()
    ticket = tickets.get(requested)
    if tickets.usable(ticket, kind, owner) and ticket["status"] == "pending":
        return ticket["id"]
    return tickets.new_ticket(kind, owner)


def _render(
    user_type: str,
    method: str,
    *,
    error: str | None = None,
    ticket: str | None = None,
    login_name: str = "",
    helper_prompt: bool = False,
) -> Any:
    values = answers.submitted() if request.method == "POST" else request.values
    next_url = answers.text(values, "next")
    captcha_id = captcha_svg = None
    if user_type == "legal" and method == "password":
        captcha_id, captcha_svg = captcha.new_captcha(auth.browser_key())
    if user_type == "legal" and ticket is None:
        ticket = _ticket_for(method, answers.text(values, "ticket") or None)
    if answers.wants_json():
        state: dict[str, Any] = {
            "type": user_type,
            "method": method,
            "method_label": LEGAL_METHODS[method],
            # Pairs, not an object: JSON objects lose the order the page lists them in.
            "other_methods": [[key, label] for key, label in LEGAL_METHODS.items() if key != method],
            "ticket": ticket,
            "captcha_svg": str(captcha_svg) if captcha_svg else None,
            "captcha_id": captcha_id,
            "helper_prompt": helper_prompt,
            "helper_missing": tickets.HELPER_MISSING,
        }
        return (
            answers.refused(422, error=error, **state) if error or request.method == "POST" else answers.done(**state)
        )
    return render_template(
        "login.html",
        user_type=user_type,
        method=method,
        method_label=LEGAL_METHODS[method],
        other_methods={key: label for key, label in LEGAL_METHODS.items() if key != method},
        next_url=next_url,
        error=error,
        ticket=ticket,
        login_name=login_name,
        captcha_id=captcha_id,
        captcha_svg=captcha_svg,
        helper_prompt=helper_prompt,
        helper_missing=tickets.HELPER_MISSING,
    )


@bp.get("/login")
def login_page() -> Any:
    """Renders the login page for the chosen tab (`type`) and method (`method`)."""
    user_type, method = _choice()
    ticket_id = _ticket_for(method, request.args.get("ticket")) if user_type == "legal" else None
    # The CA helper is looked for as soon as a certificate method opens (guide A2.6 step 2);
    # 「知道了」 reloads with ack=1 and the prompt stays closed.
    helper_prompt = (
        method in CERT_KIND_OF_METHOD
        and user_type == "legal"
        and request.args.get("ack") != "1"
        and ticket_id is not None  # always, for a certificate method's legal tab
        and not tickets.helper_installed(tickets.existing(ticket_id))
    )
    return _render(user_type, method, ticket=ticket_id, helper_prompt=helper_prompt)


@bp.post("/login")
def log_in() -> Any:
    """One login attempt with the method the form names."""
    user_type, method = _choice()
    if user_type != "legal":
        return _render(user_type, method, error=PERSONAL_NOT_OFFERED)
    if method == "password":
        return _password_login()
    if method == "scan":
        return _scan_login()
    return _certificate_login(method)


def _password_login() -> Any:
    form = answers.submitted()
    login_name = answers.text(form, "login_name")
    password = answers.text(form, "password")
    if not login_name or not password:
        return _render("legal", "password", error=FIELDS_MISSING, login_name=login_name)
    if not answers.text(form, "captcha").strip():
        return _render("legal", "password", error=CAPTCHA_MISSING, login_name=login_name)
    if not captcha.solve(answers.text(form, "captcha_id"), answers.text(form, "captcha")):
        return _render("legal", "password", error=CAPTCHA_WRONG, login_name=login_name)
    account = auth.find_account(login_name=login_name)
    if account is None or not (auth.password_matches(account, password) or mutants.is_on("wrong_password_logs_in")):
        return _render("legal", "password", error=CREDENTIALS_WRONG, login_name=login_name)
    return after_login(account["id"], answers.text(form, "next"))


def _scan_login() -> Any:
    form = answers.submitted()
    ticket = tickets.get(answers.text(form, "ticket"))
    if not tickets.usable(ticket, "elicence", auth.browser_key()):
        return _render("legal", "scan", error=tickets.CODE_EXPIRED)
    if ticket["status"] == "pending":
        return _render("legal", "scan", error=tickets.NOT_SCANNED_YET, ticket=ticket["id"])
    if ticket["status"] == "failed":
        tickets.set_status(ticket["id"], "used", ticket["message"])
        return _render("legal", "scan", error=ticket["message"])
    with db.transaction():
        tickets.set_status(ticket["id"], "used")
        account_id = _account_of_licence(tickets.payload(ticket))
    return after_login(account_id, answers.text(form, "next"))


def _account_of_licence(licence: dict) -> int:
    """The unit's account; on the unit's first e-licence login, a new one (no login name, no
    password, 四级 through its 电子营业执照 verification)."""
    account = auth.find_account(uscc=licence["uscc"])
    if account is not None:
        return account["id"]
    account_id = auth.create_legal_account(
        login_name=None,
        password=None,
        unit_name=licence["unit_name"],
        uscc=licence["uscc"],
        trust_level=3,
        legal_rep_name=licence.get("legal_rep_name") or None,
    )
    verification.record(account_id, "elicence")
    return account_id


def _certificate_login(method: str) -> Any:
    kind = CERT_KIND_OF_METHOD[method]
    form = answers.submitted()
    ticket = tickets.get(answers.text(form, "ticket"))
    if not tickets.usable(ticket, kind, auth.browser_key()):
        return _render("legal", method, error=tickets.CODE_EXPIRED)
    problem = tickets.certificate_problem(ticket, answers.text(form, "pin"), expected_uscc=None)
    if problem == tickets.HELPER_MISSING:
        return _render("legal", method, ticket=ticket["id"], helper_prompt=True)
    if problem:
        return _render("legal", method, error=problem, ticket=ticket["id"])
    account = auth.find_account(uscc=tickets.payload(ticket)["uscc"])
    if account is None or kind not in verification.done_methods(account["id"]):
        name = tickets.CERT_NAMES[kind]
        return _render("legal", method, error=CERT_NOT_VERIFIED.format(name=name), ticket=ticket["id"])
    tickets.set_status(ticket["id"], "used")
    return after_login(account["id"], answers.text(form, "next"))


@bp.get("/logout")
def log_out() -> Any:
    """「退出登录」: ends the session and returns to the portal home."""
    if not mutants.is_on("logout_keeps_session"):
        auth.log_out()
    return redirect(url_for("portal.home"))
