"""法人注册 on the GD-IdP (guide A1.3–A1.7, A1.9): 「1 输入基础信息」「2 实名核验」「3 注册完成」."""

# Step 1 checks the whole form at once (rules in `mock_sites.rules`, plus what only the portal
# knows: a taken 统一社会信用代码 or login account, the applicant's face recognition, the SMS
# code) and shows every error beside its field, keeping what was typed except the passwords.
# The checks run in one transaction, so a refused form spends nothing, not even the SMS code.
# A passed step 1 becomes a draft; step 2 checks the unit against the 法人基础库 (the mock
# accepts every unit) and only then creates the account, at 三级 (原L1) with the verification
# 法人基础库; step 3 confirms.
#
# The applicant's face recognition is simulated (see `tickets`): the page shows a mini-program
# code, the control API or console scans it, the page polls and shows the added real-name
# information. 「刷新小程序码」 replaces the code; the old one then fails.
#
# The spa rendition walks the three steps in place: it posts each step as JSON and shows the
# answer (see `answers`); it checks fields on blur and on 「下一步」 with `POST check`, which
# runs the same rules module the server applies on submit.

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, session, url_for

from mock_sites import db, mutants, rules, sms
from mock_sites.gdzwfw import answers, auth, tickets, verification
from mock_sites.gdzwfw.regions import GUANGDONG, REGIONS, consistent_address
from mock_sites.web import mask_phone, now_text

bp = Blueprint("register", __name__, url_prefix="/pscp/sso/register")

SMS_PURPOSE = "gdidp-legal-register"
USCC_TAKEN = "该统一社会信用代码已注册"
ACCOUNT_TAKEN = "该登录账号已被使用"
APPLICANT_MISSING = "请申请人使用微信扫描小程序码，通过人脸识别添加实名信息"
SMS_CODE_EMPTY = "请输入短信验证码"
SMS_CODE_WRONG = "短信验证码错误或已过期"
SMS_SENT = "验证码已发送至{phone}，5分钟内有效"

# What a refused form shows again; the passwords are never sent back to the browser.
KEPT_FIELDS = (
    "account",
    "unit_name",
    "uscc",
    "province",
    "city",
    "district",
    "address_detail",
    "legal_rep_name",
    "legal_rep_id",
    "phone",
    "sms_code",
    "agreed",
)


class _Refused(Exception):
    """Step 1 failed; raised inside the transaction so that nothing it did is kept."""


def mask_id(value: str) -> str:
    """440106********1234: enough to recognise, not enough to copy."""
    return f"{value[:6]}{'*' * 8}{value[-4:]}" if len(value) == 18 else value


# --- Face recognition of the applicant ----------------------------------------------------------


def _face_ticket() -> sqlite3.Row:
    """This browser's current mini-program code, issued on first view."""
    owner = auth.browser_key()
    ticket = tickets.get(session.get("face_ticket"))
    if not tickets.usable(ticket, "face", owner):
        session["face_ticket"] = tickets.new_ticket("face", owner)
        ticket = tickets.existing(session["face_ticket"])
    return ticket


def _applicant_of(ticket: sqlite3.Row) -> dict | None:
    return tickets.payload(ticket) if ticket["status"] == "done" else None


def _face_state(ticket: sqlite3.Row) -> dict:
    applicant = _applicant_of(ticket)
    text = f"{applicant['name']}（{mask_id(applicant['resident_id'])}）" if applicant else ""
    return {"ticket": ticket["id"], "status": ticket["status"], "applicant": text}


@bp.get("/face-code")
def face_code_state() -> Any:
    """The page polls this until the applicant has scanned the code it shows (`?ticket=`).

    With the ticket named, a poll only reads. A poll that left before 「刷新小程序码」 carries the
    session cookie from before it; were it to issue a code of its own for the replaced one, its
    answer's cookie would overwrite the refreshed one, and the code on the page would no longer
    be this browser's. Without a ticket (an older page), the session's current code."""
    asked = request.args.get("ticket")
    if asked is None:
        return jsonify(_face_state(_face_ticket()))
    ticket = tickets.get(asked)
    if ticket is None or ticket["kind"] != "face" or ticket["owner"] != auth.browser_key():
        return jsonify(error=tickets.FACE_CODE_EXPIRED), 404
    return jsonify(_face_state(ticket))


@bp.post("/face-code")
def refresh_face_code() -> Any:
    """「刷新小程序码」: a new code; the old one stops working, with any scan it had."""
    old = _face_ticket()
    tickets.set_status(old["id"], "replaced")
    session["face_ticket"] = tickets.new_ticket("face", auth.browser_key())
    return jsonify(_face_state(tickets.existing(session["face_ticket"])))


# --- SMS ------------------------------------------------------------------------------------------


@bp.post("/sms-code")
def send_sms_code() -> Any:
    """「获取验证码」: a code to the phone (the mock's outbox)."""
    phone = answers.text(answers.submitted(), "phone")
    problem = rules.check_phone(phone)
    if problem:
        return jsonify(ok=False, message=problem), 400
    sms.send_code(
        phone, SMS_PURPOSE, "【广东省统一身份认证平台】您正在注册法人账号，验证码为{code}，5分钟内有效，请勿泄露。"
    )
    return jsonify(ok=True, message=SMS_SENT.format(phone=mask_phone(phone)))


# --- Step 1: 输入基础信息 --------------------------------------------------------------------------


def _render_step1(user_type: str, values: dict, errors: dict, status: int = 200) -> Any:
    ticket = _face_ticket() if user_type == "legal" else None
    return render_template(
        "register.html",
        user_type=user_type,
        values=values,
        errors=errors,
        face=_face_state(ticket) if ticket else None,
        regions=REGIONS,
        next_url=request.values.get("next", ""),
    ), status


@bp.get("")
def register_page() -> Any:
    """「个人注册」/「法人注册」 tabs; the legal form is step 1."""
    user_type = "personal" if request.args.get("type") == "personal" else "legal"
    return _render_step1(user_type, {"province": GUANGDONG}, {})


def _checked_form(form: Any) -> dict:
    values = {name: answers.text(form, name) for name in KEPT_FIELDS}
    values["province"], values["city"], values["district"] = consistent_address(
        values["province"], values["city"], values["district"]
    )
    return {
        **values,
        "password": answers.text(form, "password"),
        "password_confirm": answers.text(form, "password_confirm"),
    }


@bp.post("/check")
def check_fields() -> Any:
    """The verdict on step 1 as typed so far, field by field: the rules, the applicant's face
    recognition and an empty SMS code. The spa page shows it on blur and on 「下一步」 before
    it posts. Nothing is stored or spent (the SMS code and uniqueness are checked on submit)."""
    checked = _checked_form(answers.submitted())
    errors = rules.validate_gdidp_legal_registration(checked)
    if not _applicant_ready():
        errors["applicant"] = APPLICANT_MISSING
    if not checked["sms_code"].strip():
        errors["sms_code"] = SMS_CODE_EMPTY
    return answers.done(errors=errors)


def _applicant_ready() -> bool:
    face = tickets.get(session.get("face_ticket"))
    return bool(tickets.usable(face, "face", auth.browser_key()) and face["status"] == "done")


@bp.post("")
def submit_basic_info() -> Any:
    """「下一步」 of step 1: everything checked together; a draft only if all is well."""
    form = answers.submitted()
    checked = _checked_form(form)
    values = {name: checked[name] for name in KEPT_FIELDS}
    errors = rules.validate_gdidp_legal_registration(checked)
    try:
        with db.transaction():
            _check_with_portal_state(values, errors)
            if errors:
                raise _Refused
            face = tickets.existing(session["face_ticket"])  # its scan was checked with the form
            tickets.set_status(face["id"], "used")
            draft_id = _store_draft(checked, tickets.payload(face))
    except _Refused:
        if mutants.is_on("refused_registration_creates_account"):
            _leave_half_created_account(checked)
        if answers.wants_json():
            return answers.refused(422, errors=errors)
        return _render_step1("legal", values, errors)
    session.pop("face_ticket", None)
    session["registration_draft"] = draft_id
    if answers.wants_json():
        draft = _draft()
        assert draft is not None  # stored just above
        return answers.done(step=2, draft=_draft_summary(draft))
    return redirect(url_for("register.verify_page"))


def _leave_half_created_account(form: dict) -> None:
    """The mutant of A1.7: a refused step 1 still leaves an account behind."""
    if (
        form["uscc"]
        and form["account"]
        and not (auth.find_account(uscc=form["uscc"]) or auth.find_account(login_name=form["account"]))
    ):
        auth.create_legal_account(
            login_name=form["account"], password=None, unit_name=form["unit_name"], uscc=form["uscc"]
        )


def _draft_summary(draft: dict) -> dict:
    """What step 2 shows of the draft."""
    return {
        "unit_name": draft["unit_name"],
        "uscc": draft["uscc"],
        "legal_rep": f"{draft['legal_rep_name']}（{mask_id(draft['legal_rep_id'])}）",
        "applicant_name": draft["applicant_name"],
    }


def _check_with_portal_state(values: dict, errors: dict) -> None:
    """The checks no pure rule can make: uniqueness, face recognition, the SMS code."""
    if "uscc" not in errors and auth.find_account(uscc=values["uscc"]):
        errors["uscc"] = USCC_TAKEN
    if "account" not in errors and auth.find_account(login_name=values["account"]):
        errors["account"] = ACCOUNT_TAKEN
    if not _applicant_ready():
        errors["applicant"] = APPLICANT_MISSING
    code = values["sms_code"].strip()
    if not code:
        errors["sms_code"] = SMS_CODE_EMPTY
    elif "phone" not in errors and not sms.use_code(values["phone"], SMS_PURPOSE, code):
        errors["sms_code"] = SMS_CODE_WRONG


def _store_draft(form: dict, applicant: dict) -> str:
    draft = {
        "login_name": form["account"],
        "password_hash": auth.hash_password(form["password"]),
        "unit_name": form["unit_name"],
        "uscc": form["uscc"],
        "province": form["province"],
        "city": form["city"],
        "district": form["district"],
        "address_detail": form["address_detail"],
        "legal_rep_name": form["legal_rep_name"],
        "legal_rep_id": form["legal_rep_id"],
        "applicant_name": applicant["name"],
        "applicant_id": applicant["resident_id"],
        "phone": form["phone"],
        "next": answers.text(answers.submitted(), "next"),
    }
    draft_id = secrets.token_urlsafe(12)
    db.execute(
        "INSERT INTO registration_draft (id, data, created_at) VALUES (?, ?, ?)",
        (draft_id, json.dumps(draft, ensure_ascii=False), now_text()),
    )
    return draft_id


# --- Step 2: 实名核验 -------------------------------------------------------------------------------


def _draft() -> dict | None:
    row = db.query_one("SELECT data FROM registration_draft WHERE id = ?", (session.get("registration_draft", ""),))
    return json.loads(row["data"]) if row else None


@bp.get("/verify")
def verify_page() -> Any:
    """Step 2: the unit compared with the 法人基础库."""
    draft = _draft()
    if draft is None:
        return redirect(url_for("register.register_page", type="legal"))
    return render_template(
        "register_verify.html",
        draft=draft,
        masked_rep_id=mask_id(draft["legal_rep_id"]),
        summary=_draft_summary(draft),
        user_type="legal",
        regions=REGIONS,
        values={},
        errors={},
        face=None,
        next_url=draft["next"],
        step=2,
    )


@bp.post("/verify")
def confirm_registration() -> Any:
    """「下一步」 of step 2: creates the account at 三级 (原L1), verified by 法人基础库."""
    draft_id = session.get("registration_draft", "")
    draft = _draft()
    if draft is None:
        if answers.wants_json():
            return answers.refused(409, error="注册信息已失效，请重新填写", step=1)
        return redirect(url_for("register.register_page", type="legal"))
    columns = {key: value for key, value in draft.items() if key != "next"}
    try:
        with db.transaction():
            account_id = auth.create_legal_account(password=None, trust_level=3, **columns)
            verification.record(account_id, "registry")
            db.execute("DELETE FROM registration_draft WHERE id = ?", (draft_id,))
    except sqlite3.IntegrityError:
        # Someone registered the same unit or login account between the two steps.
        db.execute("DELETE FROM registration_draft WHERE id = ?", (draft_id,))
        session.pop("registration_draft", None)
        taken = USCC_TAKEN if auth.find_account(uscc=draft["uscc"]) else ACCOUNT_TAKEN
        if answers.wants_json():
            return answers.refused(409, error=taken, step=1)
        flash(taken)
        return redirect(url_for("register.register_page", type="legal", next=draft["next"] or None))
    session.pop("registration_draft", None)
    session["registered_account"] = account_id
    if answers.wants_json():
        return answers.done(step=3, account=_account_summary(account_id, draft["next"]))
    return redirect(url_for("register.done_page", next=draft["next"] or None))


def _account_summary(account_id: int, next_url: str) -> dict:
    """What step 3 shows of the new account, and where 「立即登录」 goes."""
    account = db.query_one("SELECT * FROM legal_account WHERE id = ?", (account_id,))
    assert account is not None  # created just before
    return {
        "login_name": account["login_name"],
        "unit_name": account["unit_name"],
        "level_name": auth.LEVEL_NAMES[account["trust_level"]],
        "login_url": url_for("login.login_page", type="legal", method="password", next=next_url or None),
    }


# --- Step 3: 注册完成 -------------------------------------------------------------------------------


@bp.get("/done")
def done_page() -> Any:
    """Step 3: the new account, its level and the way to log in."""
    account = db.query_one("SELECT * FROM legal_account WHERE id = ?", (session.get("registered_account", 0),))
    if account is None:
        return redirect(url_for("register.register_page", type="legal"))
    return render_template(
        "register_done.html",
        account=account,
        level_name=auth.LEVEL_NAMES[account["trust_level"]],
        next_url=request.args.get("next", ""),
        summary=_account_summary(account["id"], request.args.get("next", "")),
        user_type="legal",
        regions=REGIONS,
        values={},
        errors={},
        face=None,
        step=3,
    )
