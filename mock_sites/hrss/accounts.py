"""Personal accounts of 广东人社统一认证: the pages a unit's handler needs before the unit wizard
(guide A3.4 / B1.1 links) and the personal 账户管理."""

# - `/isso/twoWaysToRegister.html?showIndex=1` — 个人注册 (an account starts at 一级实名);
# - `/isso/findLoginId.html?showIndex=1` — 找回登录账号 by 证件号码 + 手机号码 + SMS code;
# - `/isso/static/person.html#004` — the personal real-name guide (section id "004");
# - `/isso/person/account…` — the personal 账户管理: 「基本信息」 and 「个人实名认证」, where a simulated
#   face recognition raises the account to 二级实名 (the level a unit's handler needs). The
#   「父账号信息」 tab belongs to `binding`.
#
# Face recognition happens on a phone: the page shows a ticket (「认证编号」); the control API
# `POST /__mock__/accounts/realname/<ticket>` (or its small page for a person) records the result;
# 「我已完成人脸识别」 then applies it. The control API also reads a personal account
# (`GET /__mock__/accounts/persons`), so a scenario can prove what a registration created.
#
# Both renditions post to the same views. The classic pages post forms and get pages back; the
# spa (layui) pages post JSON with `fetch` and get JSON back (`posted()`, `wants_json()`): a
# refusal is a 4xx with every message by its field (`json_refusal`), and the rules, checks and
# transactions are the same for both, so nothing is half-created either way. The areas of
# `binding`, `authcode` and `backoffice` answer the same way.

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

from mock_sites import db, mutants, sms
from mock_sites.hrss.auth import REALNAME_LEVEL_FOR_HANDLER, create_person, current_person, signed_in_person
from mock_sites.rules import (
    check_hrss_password,
    check_hrss_username,
    check_password_confirmation,
    check_phone,
    check_resident_id,
)
from mock_sites.web import json_body, mask_phone, now_text, posted, wants_json

bp = Blueprint("accounts", __name__, url_prefix="/isso")
control_bp = Blueprint("accounts_control", __name__, url_prefix="/__mock__/accounts")

REGISTER_SMS_PURPOSE = "hrss_person_register"
FIND_SMS_PURPOSE = "hrss_find_login_id"

REALNAME_LEVEL_NAMES = {1: "一级实名", 2: "二级实名", 3: "三级实名"}

LOGIN_NAME_TAKEN_MESSAGE = "该登录账号已被注册"
ID_NUMBER_TAKEN_MESSAGE = "证件号已存在"
SMS_CODE_MESSAGE = "短信验证码不正确或已失效，请重新获取"
FIND_NOT_FOUND_MESSAGE = "未找到与该证件号码和手机号码对应的个人账号"
FACE_PENDING_MESSAGE = "尚未完成人脸识别，请使用手机扫码完成人脸识别后再试"
FACE_FAILED_MESSAGE = "人脸识别未通过：人脸与证件照片不一致，请重新发起人脸识别"
FACE_DONE_MESSAGE = "实名认证成功，当前实名等级：二级实名"
LOGIN_NEEDED_MESSAGE = "登录已失效，请重新登录"

REGISTER_FIELDS = ("login_name", "name", "id_number", "phone", "sms_code", "password", "password_confirm")
SECRET_FIELDS = ("password", "password_confirm", "sms_code")


def realname_level_name(level: int) -> str:
    """「二级实名」 for 2."""
    return REALNAME_LEVEL_NAMES.get(level, f"{level}级实名")


def person_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Sends a browser without a logged-in personal account to 「个人登录」."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_person() is None:
            if wants_json():
                return jsonify(ok=False, message=LOGIN_NEEDED_MESSAGE), 401
            return redirect(url_for("login.login_page", type="person"))
        return view(*args, **kwargs)

    return wrapper


def json_refusal(errors: dict[str, str], status: int = 400) -> Any:
    """A refused JSON post: every message by its field, and the first one to show in a box."""
    return jsonify(ok=False, message=next(iter(errors.values())), errors=errors), status


def _required(value: str, message: str, rule: Callable[[str], str | None] | None = None) -> str | None:
    if not value.strip():
        return message
    return rule(value) if rule else None


# --- 个人注册 -------------------------------------------------------------------------------------


def validate_person_registration(form: dict[str, str], keyboard_run_limit: int) -> dict[str, str]:
    """{field: message} for the broken fields of the 个人注册 form; the rules are `mock_sites.rules`'."""
    checks = {
        "login_name": _required(form["login_name"], "请输入登录账号", check_hrss_username),
        "name": _required(form["name"], "请输入姓名"),
        "id_number": _required(form["id_number"], "请输入证件号码", check_resident_id),
        "phone": _required(form["phone"], "请输入手机号码", check_phone),
        "sms_code": _required(form["sms_code"], "请输入短信验证码"),
        "password": _required(
            form["password"], "请输入密码", lambda value: check_hrss_password(value, keyboard_run_limit)
        ),
        "password_confirm": check_password_confirmation(form["password"], form["password_confirm"]),
    }
    return {field: message for field, message in checks.items() if message}


def _render_register(
    errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status: int = 200
) -> Any:
    shown = {key: value for key, value in (values or {}).items() if key not in SECRET_FIELDS}
    page = render_template(
        "accounts_register.html",
        errors=errors or {},
        values=shown,
        keyboard_run_limit=current_app.config["KEYBOARD_RUN_LIMIT"],
    )
    return page, status


@bp.get("/twoWaysToRegister.html")
def register_page() -> Any:
    """「个人注册」 (showIndex=1, the default); showIndex=2 is 「单位注册」, the unit wizard."""
    if request.args.get("showIndex") == "2":
        return redirect(url_for("register.start"))
    return _render_register()


@bp.post("/person/register/sms")
def send_register_code() -> Any:
    """「获取验证码」 of 个人注册 (JSON, for the page's small script, so typed values stay)."""
    phone = posted().get("phone", "")
    problem = _required(phone, "请输入手机号码", check_phone)
    if problem:
        return jsonify(ok=False, message=problem), 400
    sms.send_code(phone, REGISTER_SMS_PURPOSE)
    return jsonify(ok=True, message=f"验证码已发送至 {mask_phone(phone)}，5分钟内有效")


@bp.post("/twoWaysToRegister.html")
def register_person() -> Any:
    """「注册」: validate, spend the SMS code, check that login name and 证件号码 are free and
    create the account, all in one transaction (a refused form leaves nothing behind).

    The SMS code is checked before the 证件号码: otherwise the form would tell anyone, without a
    phone, whether a person's ID number has an account. A refusal after the code was accepted
    rolls its spending back, so the user may correct the form and keep the code."""
    body = posted()
    form = {field: body.get(field, "") for field in REGISTER_FIELDS}
    errors = validate_person_registration(form, current_app.config["KEYBOARD_RUN_LIMIT"])
    if errors:
        return json_refusal(errors) if wants_json() else _render_register(errors, form, 400)
    try:
        with db.transaction():
            if not sms.use_code(form["phone"], REGISTER_SMS_PURPOSE, form["sms_code"]):
                raise _Refused({"sms_code": SMS_CODE_MESSAGE})
            taken = {}
            if db.query_one("SELECT 1 FROM person WHERE login_name = ?", (form["login_name"],)):
                taken["login_name"] = LOGIN_NAME_TAKEN_MESSAGE
            if db.query_one("SELECT 1 FROM person WHERE id_number = ?", (form["id_number"],)):
                taken["id_number"] = ID_NUMBER_TAKEN_MESSAGE
            if taken:
                raise _Refused(taken)
            create_person(
                login_name=form["login_name"],
                password=form["password"],
                name=form["name"].strip(),
                id_number=form["id_number"],
                phone=form["phone"],
                realname_level=1,
            )
    except _Refused as refusal:
        return json_refusal(refusal.errors) if wants_json() else _render_register(refusal.errors, form, 400)
    except sqlite3.IntegrityError:
        # Someone registered the same name or number between the check and the insert.
        errors = {"login_name": LOGIN_NAME_TAKEN_MESSAGE}
        return json_refusal(errors, 409) if wants_json() else _render_register(errors, form, 409)
    session["person_reg_done"] = {"login_name": form["login_name"], "level": realname_level_name(1)}
    if wants_json():
        return jsonify(ok=True, redirect=url_for("accounts.register_done"))
    return redirect(url_for("accounts.register_done"))


class _Refused(Exception):
    """The form is refused (wrong SMS code, name or number taken); rolls the transaction back."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@bp.get("/person/register/done")
def register_done() -> Any:
    """注册成功, pointing to the real-name guide (a new account is only 一级实名)."""
    result = session.get("person_reg_done")
    if result is None:
        return redirect(url_for("accounts.register_page", showIndex=1))
    return render_template("accounts_register_done.html", result=result)


# --- 找回登录账号 ---------------------------------------------------------------------------------


def _person_by_id_and_phone(id_number: str, phone: str) -> sqlite3.Row | None:
    return db.query_one(
        "SELECT * FROM person WHERE id_number = ? AND phone = ?", (id_number.strip().upper(), phone.strip())
    )


@bp.get("/findLoginId.html")
def find_login_id_page() -> Any:
    """「找回登录账号」: 证件号码, 手机号码 and an SMS code to that phone."""
    return render_template("accounts_find_login_id.html", errors={}, values={}, found=None)


@bp.post("/person/find/sms")
def send_find_code() -> Any:
    """「获取验证码」 of 找回账号. The answer is the same whether or not the pair matches an
    account, so the page cannot be used to find out who has one; a code goes out only on a match."""
    body = posted()
    id_number = body.get("id_number", "")
    phone = body.get("phone", "")
    problem = _required(id_number, "请输入证件号码") or _required(phone, "请输入手机号码", check_phone)
    if problem:
        return jsonify(ok=False, message=problem), 400
    if _person_by_id_and_phone(id_number, phone) is not None:
        sms.send_code(phone, FIND_SMS_PURPOSE)
    return jsonify(ok=True, message=f"如证件号码与手机号码匹配，验证码已发送至 {mask_phone(phone)}")


@bp.post("/findLoginId.html")
def find_login_id() -> Any:
    """「找回账号」: shows the login account once the SMS code proves the phone."""
    body = posted()
    values = {field: body.get(field, "") for field in ("id_number", "phone", "sms_code")}
    errors = {
        field: message
        for field, message in (
            ("id_number", _required(values["id_number"], "请输入证件号码")),
            ("phone", _required(values["phone"], "请输入手机号码", check_phone)),
            ("sms_code", _required(values["sms_code"], "请输入短信验证码")),
        )
        if message
    }
    if not errors and not sms.use_code(values["phone"], FIND_SMS_PURPOSE, values["sms_code"]):
        errors = {"sms_code": SMS_CODE_MESSAGE}
    person = None if errors else _person_by_id_and_phone(values["id_number"], values["phone"])
    if not errors and person is None:
        errors = {"form": FIND_NOT_FOUND_MESSAGE}
    if wants_json():
        if errors or person is None:  # one without the other never happens: see above
            return json_refusal(errors)
        return jsonify(ok=True, login_name=person["login_name"])
    shown = {key: value for key, value in values.items() if key != "sms_code"}
    if errors:
        return render_template("accounts_find_login_id.html", errors=errors, values=shown, found=None), 400
    return render_template("accounts_find_login_id.html", errors={}, values={}, found=person)


# --- 个人账号实名指引 ------------------------------------------------------------------------------


@bp.get("/static/person.html")
def person_guide() -> Any:
    """The personal-account guide; section 「004」 is 个人账号实名认证."""
    return render_template("accounts_person_guide.html")


# --- 父账号信息: binding requests to a personal account and the units it is bound to ---------------

STATUS_NAMES = {"pending": "待确认", "accepted": "已绑定", "declined": "已拒绝"}


def bound_units(person_id: int) -> list[sqlite3.Row]:
    """The units a personal account is bound to, with its `authcode_realname` for each."""
    return db.query_all(
        "SELECT unit.*, unit_handler.authcode_realname FROM unit_handler JOIN unit ON unit.id = unit_handler.unit_id "
        "WHERE unit_handler.person_id = ? AND unit_handler.bound = 1 ORDER BY unit.unit_name",
        (person_id,),
    )


def parent_account_context(person: sqlite3.Row) -> dict[str, Any]:
    """What 「父账号信息」 shows: binding requests to this account, and the units it is bound to."""
    requests_ = db.query_all(
        "SELECT binding_request.*, unit.unit_name, unit.cert_no FROM binding_request "
        "JOIN unit ON unit.id = binding_request.unit_id "
        "WHERE binding_request.person_id = ? ORDER BY binding_request.id DESC",
        (person["id"],),
    )
    rows = [{**dict(row), "status_name": STATUS_NAMES[row["status"]]} for row in requests_]
    return {"rows": rows, "units": bound_units(person["id"])}


# --- 个人账户管理: 基本信息, 个人实名认证 -------------------------------------------------------------


def person_account_page(tab: str, status: int = 200, **extra: Any) -> Any:
    """账户管理 of the logged-in personal account, on the tab `tab` (info / realname / parents).
    Every tab gets what all of them show: the classic pages draw one tab per page, the spa
    rendition all three on one page that switches in place."""
    person = signed_in_person()
    context = {
        "person": person,
        "level_name": realname_level_name(person["realname_level"]),
        "needed_name": realname_level_name(REALNAME_LEVEL_FOR_HANDLER),
        "upgraded": person["realname_level"] >= REALNAME_LEVEL_FOR_HANDLER,
        "check": None,
        "message": None,
        "error": None,
        **parent_account_context(person),
        **extra,
        "tab": tab,
    }
    template = {
        "info": "accounts_person_info.html",
        "realname": "accounts_person_realname.html",
        "parents": "binding_parent_accounts.html",
    }[tab]
    return render_template(template, **context), status


@bp.get("/person/account")
@person_required
def person_account() -> Any:
    """「账户管理」 of a personal account: 「基本信息」."""
    return person_account_page("info")


def _render_realname(
    message: str | None = None, error: str | None = None, check: sqlite3.Row | None = None, status: int = 200
) -> Any:
    return person_account_page("realname", status, check=check, message=message, error=error)


@bp.get("/person/account/realname")
@person_required
def person_realname() -> Any:
    """「个人实名认证」: the current level and, below 二级, 人脸识别认证."""
    return _render_realname()


@bp.post("/person/account/realname/face")
@person_required
def start_face_check() -> Any:
    """「开始人脸识别」: a new ticket for the phone to scan."""
    ticket = secrets.token_hex(4).upper()
    db.execute(
        "INSERT INTO realname_check (ticket, person_id, created_at) VALUES (?, ?, ?)",
        (ticket, signed_in_person()["id"], now_text()),
    )
    if wants_json():
        return jsonify(
            ok=True,
            ticket=ticket,
            finish_url=url_for("accounts.finish_face_check", ticket=ticket),
            phone_url=url_for("accounts_control.face_check_page", ticket=ticket),
        )
    return _render_realname(check=_check(ticket))


def _check(ticket: str) -> sqlite3.Row | None:
    return db.query_one("SELECT * FROM realname_check WHERE ticket = ?", (ticket,))


@bp.post("/person/account/realname/face/<ticket>")
@person_required
def finish_face_check(ticket: str) -> Any:
    """「我已完成人脸识别」: applies the phone's result; a passed check raises the account to 二级."""
    person = signed_in_person()
    check = _check(ticket)
    if check is None or check["person_id"] != person["id"] or check["used"]:
        return _face_refusal(FACE_PENDING_MESSAGE, None)
    if check["result"] is None:
        return _face_refusal(FACE_PENDING_MESSAGE, check)
    if check["result"] == "fail" and not mutants.is_on("failed_person_face_upgrades"):
        db.execute("UPDATE realname_check SET used = 1 WHERE ticket = ?", (ticket,))
        return _face_refusal(FACE_FAILED_MESSAGE, None)
    with db.transaction() as connection:
        connection.execute("UPDATE realname_check SET used = 1 WHERE ticket = ?", (ticket,))
        connection.execute(
            "UPDATE person SET realname_level = MAX(realname_level, ?) WHERE id = ?",
            (REALNAME_LEVEL_FOR_HANDLER, person["id"]),
        )
    if wants_json():
        return jsonify(ok=True, message=FACE_DONE_MESSAGE, level_name=realname_level_name(REALNAME_LEVEL_FOR_HANDLER))
    return _render_realname(message=FACE_DONE_MESSAGE)


def _face_refusal(message: str, check: sqlite3.Row | None) -> Any:
    """The check cannot be applied; `check` stays on the page when the phone may still scan it."""
    if wants_json():
        return jsonify(ok=False, message=message, pending=check is not None), 400
    return _render_realname(error=message, check=check, status=400)


# --- Control API -------------------------------------------------------------------------------


@control_bp.get("/persons")
def read_persons() -> Any:
    """Personal accounts with `?login_name=` or `?id_number=` (or all): [] when there is none,
    so a scenario can prove what a registration created."""
    sql = "SELECT id, login_name, name, id_number, phone, realname_level, created_at FROM person"
    for name in ("login_name", "id_number"):
        if request.args.get(name):
            rows = db.query_all(f"{sql} WHERE {name} = ? ORDER BY id", (request.args[name],))
            break
    else:
        rows = db.query_all(f"{sql} ORDER BY id")
    return jsonify([dict(row) for row in rows])


def _scan_result() -> str | None:
    body = json_body(optional={"result": str}) if request.is_json else request.form
    result = body.get("result", "pass")
    return result if result in ("pass", "fail") else None


@control_bp.post("/realname/<ticket>")
def scan_face_check(ticket: str) -> Any:
    """The phone scans the ticket and face recognition ends with `result` "pass" (default) or
    "fail". JSON for the harness; a form post (from the page below) answers with that page."""
    result = _scan_result()
    if result is None:
        return jsonify(error="result must be pass or fail"), 400
    if _check(ticket) is None:
        return jsonify(error="no such ticket"), 404
    db.execute("UPDATE realname_check SET result = ? WHERE ticket = ?", (result, ticket))
    if request.is_json:
        return jsonify(ticket=ticket, result=result)
    return render_template("accounts_mock_face.html", check=_check(ticket))


@control_bp.get("/realname/<ticket>")
def face_check_page(ticket: str) -> Any:
    """The "phone" for a person clicking through: two buttons, pass or fail."""
    check = _check(ticket)
    if check is None:
        return jsonify(error="no such ticket"), 404
    return render_template("accounts_mock_face.html", check=check)
