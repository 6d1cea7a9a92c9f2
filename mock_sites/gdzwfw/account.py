"""账号管理 of the GD-IdP (guide A2): basic information, security settings, 实名核验 with its
levels and methods, 我经办的法人, 我的经办人."""

# 实名核验 opens each method's dialog with `?dialog=<method>`; the dialog's ticket (the WeChat
# code, or the certificate session with the CA helper) is put into the URL, so a reload or the
# 「知道了」 of the helper prompt keeps it:
#
# - 网银证书 / CA证书: the dialog guides the check and offers 「CA助手」. Without the helper a
#   prompt asks to install it (closed with 「知道了」). With the certificate inserted the user
#   types the PIN and clicks 「数字证书核验」; success raises the account to the method's level.
#   A wrong PIN, a missing certificate or another unit's certificate changes nothing.
# - 电子营业执照: the dialog shows a code; after the scan the user clicks 「我已扫码」. Another
#   unit's licence, or one without the scope 「电子政务-市场监管-政务服务网」, changes nothing.
#
# The spa rendition opens the dialogs in place: it asks `GET verify?dialog=<method>` for JSON
# (the dialog's ticket and whether the CA helper is missing), posts the checks as JSON and
# updates the page from the answer (see `answers`).

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from mock_sites import db, mutants, rules
from mock_sites.gdzwfw import answers, auth, tickets, verification
from mock_sites.gdzwfw.auth import login_required
from mock_sites.gdzwfw.regions import REGIONS, consistent_address
from mock_sites.gdzwfw.register import mask_id
from mock_sites.web import mask_phone

bp = Blueprint("account", __name__, url_prefix="/pscp/account")

DIALOGS = {
    "bank_cert": "网银证书核验",
    "elicence": "电子营业执照核验",
    "ca_cert": "CA证书核验",
}
UPGRADED = "{method}核验成功，账号可信等级为{level}"
INFO_SAVED = "信息已修改，证件真实性核验通过"
EDITABLE_FIELDS = ("province", "city", "district", "address_detail", "legal_rep_name", "legal_rep_id")
OLD_PASSWORD_WRONG = "原密码错误"
PASSWORD_CHANGED = "密码已修改"


def _account() -> sqlite3.Row:
    account = auth.current_account()
    assert account is not None  # login_required ran first
    return account


def _page(template: str, active: str, **values: Any) -> str:
    account = _account()
    return render_template(
        template,
        account=account,
        active=active,
        level_name=_level_name(account),
        mask_id=mask_id,
        mask_phone=mask_phone,
        **values,
    )


@bp.get("/")
@login_required
def index() -> Any:
    """账号管理 opens on the basic information."""
    return redirect(url_for("account.info_page"))


@bp.get("/info")
@login_required
def info_page() -> Any:
    """账号基本信息."""
    return _page("account_info.html", "info")


@bp.route("/info/edit", methods=["GET", "POST"])
@login_required
def edit_info() -> Any:
    """「修改信息」 of 证件真实性核验: the address and the legal representative, checked with the
    same rules as registration and again against the 法人基础库 (the mock accepts)."""
    account = _account()
    if request.method == "GET":
        values = {name: account[name] or "" for name in EDITABLE_FIELDS}
        return _page("account_info_edit.html", "verify", values=values, errors={}, regions=REGIONS)
    form = answers.submitted()
    values = {name: answers.text(form, name) for name in EDITABLE_FIELDS}
    values["province"], values["city"], values["district"] = consistent_address(
        values["province"], values["city"], values["district"]
    )
    # The registration validator holds these fields' rules and messages; only its verdict on
    # the fields this form edits counts.
    errors = {
        name: message
        for name, message in rules.validate_gdidp_legal_registration(values).items()
        if name in EDITABLE_FIELDS and not (name == "legal_rep_id" and mutants.is_on("edit_accepts_bad_legal_rep_id"))
    }
    if errors:
        if answers.wants_json():
            return answers.refused(422, errors=errors)
        return _page("account_info_edit.html", "verify", values=values, errors=errors, regions=REGIONS)
    with db.transaction():
        assignments = ", ".join(f"{name} = ?" for name in EDITABLE_FIELDS)
        db.execute(f"UPDATE legal_account SET {assignments} WHERE id = ?", (*values.values(), account["id"]))
    flash(INFO_SAVED)
    if answers.wants_json():
        return answers.done(redirect=url_for("account.verify_page"))
    return redirect(url_for("account.verify_page"))


@bp.route("/security", methods=["GET", "POST"])
@login_required
def security_page() -> Any:
    """账号安全设置 (修改密码、手机号、邮箱等); the password can be changed here."""
    account = _account()
    if request.method == "GET":
        return _page("account_security.html", "security", errors={})
    form = answers.submitted()
    new_password = answers.text(form, "new_password")
    errors: dict[str, str] = {}
    if account["password_hash"] and not auth.password_matches(account, answers.text(form, "old_password")):
        errors["old_password"] = OLD_PASSWORD_WRONG
    problem = rules.check_gdidp_password(new_password)
    if problem:
        errors["new_password"] = problem
    problem = rules.check_password_confirmation(new_password, answers.text(form, "new_password_confirm"))
    if problem:
        errors["new_password_confirm"] = problem
    if errors:
        if answers.wants_json():
            return answers.refused(422, errors=errors)
        return _page("account_security.html", "security", errors=errors)
    db.execute(
        "UPDATE legal_account SET password_hash = ? WHERE id = ?", (auth.hash_password(new_password), account["id"])
    )
    if answers.wants_json():
        return answers.done(message=PASSWORD_CHANGED)
    flash(PASSWORD_CHANGED)
    return redirect(url_for("account.security_page"))


@bp.get("/legal-persons")
@login_required
def legal_persons_page() -> Any:
    """我经办的法人: the units this operator handles (here: the account's own unit)."""
    return _page("account_legal_persons.html", "legal_persons")


@bp.get("/handlers")
@login_required
def handlers_page() -> Any:
    """我的经办人: the unit's operators (here: the applicant added at registration)."""
    return _page("account_handlers.html", "handlers")


# --- 实名核验 -----------------------------------------------------------------------------------


def _level_name(account: sqlite3.Row) -> str:
    """The trust level the account pages state."""
    level = account["trust_level"]
    if level == 3 and mutants.is_on("verify_page_overstates_level"):
        level = 4
    return auth.LEVEL_NAMES[level]


def _verify_state(account_id: int) -> dict:
    """What the 实名核验 page shows of the account, for the spa page to update in place."""
    account = db.query_one("SELECT * FROM legal_account WHERE id = ?", (account_id,))
    assert account is not None  # the logged-in account
    method = verification.current_method(account)
    return {
        "trust_level": account["trust_level"],
        "level_name": _level_name(account),
        "current_method": method.name if method else None,
        "done": sorted(verification.done_methods(account_id)),
    }


def _verify_page(
    dialog: str | None = None,
    ticket: sqlite3.Row | None = None,
    error: str | None = None,
    helper_prompt: bool = False,
    status: int = 200,
) -> Any:
    if answers.wants_json():
        state: dict[str, Any] = {
            "dialog": dialog,
            "ticket": ticket["id"] if ticket else None,
            "helper_prompt": helper_prompt,
        }
        return (
            answers.refused(422, error=error, **state) if error or request.method == "POST" else answers.done(**state)
        )
    account = _account()
    done = verification.done_methods(account["id"])
    html = _page(
        "account_verify.html",
        "verify",
        done=done,
        current_method=verification.current_method(account),
        methods=verification.METHODS,
        dialog=dialog,
        dialog_title=DIALOGS.get(dialog or ""),
        ticket=ticket["id"] if ticket else None,
        error=error,
        helper_prompt=helper_prompt,
        helper_missing=tickets.HELPER_MISSING,
        scope=tickets.ELICENCE_SCOPE,
    )
    return html, status


@bp.get("/verify")
@login_required
def verify_page() -> Any:
    """实名核验: the current level, the method behind it, and every method of each level."""
    dialog = request.args.get("dialog")
    if dialog not in DIALOGS:
        return _verify_page()
    account = _account()
    ticket = tickets.get(request.args.get("ticket"))
    if not (tickets.usable(ticket, dialog, auth.browser_key(), account["id"]) and ticket["status"] == "pending"):
        ticket_id = tickets.new_ticket(dialog, auth.browser_key(), account["id"])
        if answers.wants_json():
            ticket = tickets.existing(ticket_id)
            return _verify_page(
                dialog, ticket, helper_prompt=dialog in tickets.CERT_KINDS and not tickets.helper_installed(ticket)
            )
        return redirect(url_for("account.verify_page", dialog=dialog, ticket=ticket_id))
    helper_prompt = (
        dialog in tickets.CERT_KINDS and request.args.get("ack") != "1" and not tickets.helper_installed(ticket)
    )
    return _verify_page(dialog, ticket, helper_prompt=helper_prompt)


def _upgraded(account_id: int, method_key: str) -> Any:
    account = db.query_one("SELECT trust_level FROM legal_account WHERE id = ?", (account_id,))
    assert account is not None  # the logged-in account
    method = verification.METHODS[method_key]
    message = UPGRADED.format(method=method.name, level=auth.LEVEL_NAMES[account["trust_level"]])
    if answers.wants_json():
        return answers.done(message=message, **_verify_state(account_id))
    flash(message)
    return redirect(url_for("account.verify_page"))


@bp.post("/verify/certificate")
@login_required
def verify_certificate() -> Any:
    """「数字证书核验」 in the 网银证书 or CA证书 dialog."""
    account = _account()
    form = answers.submitted()
    kind = answers.text(form, "kind")
    ticket = tickets.get(answers.text(form, "ticket"))
    if kind not in tickets.CERT_KINDS or not tickets.usable(ticket, kind, auth.browser_key(), account["id"]):
        if answers.wants_json():
            return answers.refused(400, error=tickets.CODE_EXPIRED)
        return redirect(url_for("account.verify_page", dialog=kind if kind in DIALOGS else None))
    problem = tickets.certificate_problem(ticket, answers.text(form, "pin"), expected_uscc=account["uscc"])
    if problem == tickets.HELPER_MISSING:
        return _verify_page(kind, ticket, helper_prompt=True)
    if problem:
        return _verify_page(kind, ticket, error=problem)
    with db.transaction():
        tickets.set_status(ticket["id"], "used")
        verification.record(account["id"], kind)
    return _upgraded(account["id"], kind)


@bp.post("/verify/elicence")
@login_required
def verify_elicence() -> Any:
    """「我已扫码」 in the 电子营业执照核验 dialog."""
    account = _account()
    ticket = tickets.get(answers.text(answers.submitted(), "ticket"))
    if not tickets.usable(ticket, "elicence", auth.browser_key(), account["id"]):
        if answers.wants_json():
            return answers.refused(400, error=tickets.CODE_EXPIRED)
        return redirect(url_for("account.verify_page", dialog="elicence"))
    if ticket["status"] == "pending":
        return _verify_page("elicence", ticket, error=tickets.NOT_SCANNED_YET)
    if ticket["status"] == "failed":
        tickets.set_status(ticket["id"], "used", ticket["message"])
        fresh = tickets.get(tickets.new_ticket("elicence", auth.browser_key(), account["id"]))
        return _verify_page("elicence", fresh, error=ticket["message"])
    with db.transaction():
        tickets.set_status(ticket["id"], "used")
        verification.record(account["id"], "elicence")
    return _upgraded(account["id"], "elicence")


# --- What the lookalike rendition's account pages show --------------------------------------------


@bp.get("/summary")
@login_required
def summary() -> Any:
    """The logged-in account as the account pages of the lookalike app draw it (JSON): its
    details, level, the method behind it and the methods done; 401 without a session."""
    account = _account()
    details = {
        name: account[name] or ""
        for name in ("login_name", "unit_name", "uscc", *EDITABLE_FIELDS, "applicant_name", "created_at")
    }
    return answers.done(
        **details,
        display_name=auth.display_name(account),
        masked_legal_rep_id=mask_id(account["legal_rep_id"] or ""),
        masked_phone=mask_phone(account["phone"] or ""),
        **_verify_state(account["id"]),
    )
