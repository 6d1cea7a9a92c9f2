"""The 「实名信息注册」 wizard for a unit account: 「1 单位所属实名人员信息」 → 「2 单位信息」 →
「3 注册完成」 (guide A3.3–A3.5, and B1.1/B1.2 which use the same wizard)."""

# Two entries, one wizard:
# - `GET /isso/register/unit` — 「单位注册」 from the login page (B1.1);
# - `GET /isso/register/unit/gdidp` — the first-login initialisation after 「省统一身份认证」 (A3.3):
#   证件类型, 证件号码 and 单位名称 come from GD-IdP (session `gdidp_identity`, set by `sso`), are
#   shown read-only and are taken from the session, not from the form, so that the new unit is the
#   one GD-IdP vouched for. The unit is then marked `gdidp_linked`.
#
# The wizard's progress lives in the session under `unit_reg` = {source, person_id}. Nothing is
# written before 「注册」; the unit and the spent SMS code are written in one transaction, so a
# refused step leaves nothing behind.

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

from mock_sites import db, mutants, sms
from mock_sites.hrss.auth import REALNAME_LEVEL_FOR_HANDLER, create_unit, log_out
from mock_sites.hrss.login import answer_errors, moved_on
from mock_sites.rules import check_phone, validate_hrss_unit_registration
from mock_sites.web import posted

bp = Blueprint("register", __name__, url_prefix="/isso/register")

SOURCE_PLAIN = "plain"
SOURCE_GDIDP = "gdidp"
SMS_PURPOSE = "hrss_unit_register"

PERSON_LOGIN_EMPTY_MESSAGE = "请输入实名个人登录账号"
PERSON_ID_EMPTY_MESSAGE = "请输入实名个人证件号码"
PERSON_UNKNOWN_MESSAGE = "实名个人登录账号或实名个人证件号码不正确，请核对后重试"
REALNAME_LEVEL_MESSAGE = "当前账号实名等级不足, 请至少提升至二级实名后重试"
CERT_EXISTS_MESSAGE = "证件号已存在"
USERNAME_EXISTS_MESSAGE = "用户名已存在"
SMS_CODE_MESSAGE = "短信验证码不正确或已失效，请重新获取"

CERT_TYPES = {"uscc": "统一社会信用代码", "org_code": "组织机构代码"}
LEGAL_REP_ID_TYPES = {"resident_id": "居民身份证(户口簿)"}

# 单位所在地: the prefecture-level cities of Guangdong with their districts (东莞 and 中山 have none).
PROVINCE = "广东省"
LOCATIONS: dict[str, list[str]] = {
    "广州市": [
        "荔湾区",
        "越秀区",
        "海珠区",
        "天河区",
        "白云区",
        "黄埔区",
        "番禺区",
        "花都区",
        "南沙区",
        "从化区",
        "增城区",
    ],
    "深圳市": ["罗湖区", "福田区", "南山区", "宝安区", "龙岗区", "盐田区", "龙华区", "坪山区", "光明区"],
    "珠海市": ["香洲区", "斗门区", "金湾区"],
    "汕头市": ["龙湖区", "金平区", "濠江区", "潮阳区", "潮南区", "澄海区", "南澳县"],
    "佛山市": ["禅城区", "南海区", "顺德区", "三水区", "高明区"],
    "韶关市": ["武江区", "浈江区", "曲江区"],
    "河源市": ["源城区", "东源县"],
    "梅州市": ["梅江区", "梅县区"],
    "惠州市": ["惠城区", "惠阳区", "博罗县", "惠东县", "龙门县"],
    "汕尾市": ["城区", "海丰县"],
    "东莞市": [],
    "中山市": [],
    "江门市": ["蓬江区", "江海区", "新会区"],
    "阳江市": ["江城区", "阳东区"],
    "湛江市": ["赤坎区", "霞山区", "麻章区"],
    "茂名市": ["茂南区", "电白区"],
    "肇庆市": ["端州区", "鼎湖区", "高要区"],
    "清远市": ["清城区", "清新区"],
    "潮州市": ["湘桥区", "潮安区"],
    "揭阳市": ["榕城区", "揭东区"],
    "云浮市": ["云城区", "云安区"],
}

UNIT_FIELDS = (
    "cert_type",
    "cert_no",
    "unit_name",
    "location",
    "address_detail",
    "legal_rep_name",
    "legal_rep_id",
    "legal_rep_phone",
    "username",
    "password",
    "password_confirm",
    "sms_code",
)
# Never sent back to the browser when the form is shown again.
SECRET_FIELDS = ("password", "password_confirm", "sms_code")


def location_options() -> list[tuple[str, list[str]]]:
    """(city, [full location names]) for the 单位所在地 select."""
    return [
        (city, [f"{PROVINCE}{city}{district}" for district in districts] or [f"{PROVINCE}{city}"])
        for city, districts in LOCATIONS.items()
    ]


def all_locations() -> set[str]:
    """Every value the 单位所在地 select offers."""
    return {name for _city, names in location_options() for name in names}


# --- Wizard state ------------------------------------------------------------------------------


def _wizard() -> dict[str, Any] | None:
    return session.get("unit_reg")


def _gdidp_identity() -> dict[str, Any] | None:
    return session.get("gdidp_identity")


def _source() -> str:
    wizard = _wizard() or {}
    return wizard.get("source", SOURCE_PLAIN)


def _restart_target() -> str:
    return url_for("register.start_from_gdidp" if _source() == SOURCE_GDIDP else "register.start")


def _render_person_step(
    errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status: int = 200
) -> Any:
    if errors and request.is_json:
        return answer_errors(errors, status)
    return render_template("register_person.html", errors=errors or {}, values=values or {}, source=_source()), status


# --- Step 1: 单位所属实名人员信息 ---------------------------------------------------------------


@bp.get("/unit")
def start() -> Any:
    """「单位注册」 (B1.1): the wizard from the beginning, nothing prefilled."""
    session["unit_reg"] = {"source": SOURCE_PLAIN, "person_id": None}
    return _render_person_step()


@bp.get("/unit/gdidp")
def start_from_gdidp() -> Any:
    """First login through 「省统一身份认证」 of a unit HRSS does not know (A3.3)."""
    if _gdidp_identity() is None:
        return redirect(url_for("login.login_page", type="unit"))
    session["unit_reg"] = {"source": SOURCE_GDIDP, "person_id": None}
    return _render_person_step()


@bp.post("/unit/person")
def submit_person() -> Any:
    """「下一步」 of step 1: the handler's personal real-name account must exist, match the
    证件号码 and be at 二级 real-name or higher."""
    wizard = _wizard()
    if wizard is None:
        return redirect(url_for("register.start"))
    form = posted()
    values = {"person_login": form.get("person_login", ""), "person_id_number": form.get("person_id_number", "")}
    errors = _person_errors(values)
    if errors:
        return _render_person_step(errors, values, 400)
    person = _find_person(values["person_login"], values["person_id_number"])
    if person is None:
        return _render_person_step({"form": PERSON_UNKNOWN_MESSAGE}, values, 400)
    if person["realname_level"] < REALNAME_LEVEL_FOR_HANDLER and not mutants.is_on("person_below_level_two_accepted"):
        return _render_person_step({"form": REALNAME_LEVEL_MESSAGE}, values, 400)
    session["unit_reg"] = {**wizard, "person_id": person["id"]}
    return moved_on(url_for("register.unit_info"))


def _person_errors(values: dict[str, str]) -> dict[str, str]:
    errors = {}
    if not values["person_login"].strip():
        errors["person_login"] = PERSON_LOGIN_EMPTY_MESSAGE
    if not values["person_id_number"].strip():
        errors["person_id_number"] = PERSON_ID_EMPTY_MESSAGE
    return errors


def _find_person(login_name: str, id_number: str) -> sqlite3.Row | None:
    person = db.query_one("SELECT * FROM person WHERE login_name = ?", (login_name.strip(),))
    if person is None or person["id_number"].upper() != id_number.strip().upper():
        return None
    return person


# --- Step 2: 单位信息 ---------------------------------------------------------------------------


def _registering_person() -> sqlite3.Row | None:
    wizard = _wizard()
    if not wizard or not wizard.get("person_id"):
        return None
    return db.query_one("SELECT * FROM person WHERE id = ?", (wizard["person_id"],))


def _prefilled() -> dict[str, str]:
    """What GD-IdP told, for the initialisation; nothing for a plain 单位注册."""
    identity = _gdidp_identity()
    if _source() != SOURCE_GDIDP or identity is None:
        return {}
    return {"cert_type": "uscc", "cert_no": identity["uscc"], "unit_name": identity["unit_name"]}


def _render_unit_step(
    errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status: int = 200
) -> Any:
    prefilled = _prefilled()
    shown = {key: value for key, value in (values or {}).items() if key not in SECRET_FIELDS}
    shown = {"cert_type": "uscc", **shown, **prefilled}
    page = render_template(
        "register_unit_info.html",
        errors=errors or {},
        values=shown,
        locked=set(prefilled),
        cert_types=CERT_TYPES,
        legal_rep_id_types=LEGAL_REP_ID_TYPES,
        locations=location_options(),
        keyboard_run_limit=current_app.config["KEYBOARD_RUN_LIMIT"],
    )
    return page, status


@bp.get("/unit/info")
def unit_info() -> Any:
    """Step 2 单位信息; only after step 1 has named a real-name handler."""
    if _registering_person() is None:
        return redirect(_restart_target())
    return _render_unit_step()


@bp.post("/unit/sms")
def send_sms_code() -> Any:
    """「获取验证码」: a code to the 法定代表人手机号码 (JSON, for the page's small script)."""
    if _registering_person() is None:
        return jsonify(ok=False, message="请先填写单位所属实名人员信息"), 403
    phone = request.form.get("phone", "")
    problem = check_phone(phone)
    if problem:
        return jsonify(ok=False, message=problem), 400
    sms.send_code(phone, SMS_PURPOSE)
    return jsonify(ok=True, message=f"验证码已发送至 {phone[:3]}****{phone[-4:]}，5分钟内有效")


@bp.post("/unit/info")
def submit_unit_info() -> Any:
    """「注册」: validate, check uniqueness and the SMS code, then create the unit at once."""
    person = _registering_person()
    if person is None:
        return redirect(_restart_target())
    form = {field: request.form.get(field, "") for field in UNIT_FIELDS}
    form.update(_prefilled())
    errors = validate_hrss_unit_registration(form, current_app.config["KEYBOARD_RUN_LIMIT"])
    if "location" not in errors and form["location"] not in all_locations():
        errors["location"] = "请选择单位所在地"
    if "cert_no" not in errors and cert_taken(form["cert_type"], form["cert_no"]):
        errors["cert_no"] = CERT_EXISTS_MESSAGE
    if "username" not in errors and db.query_one("SELECT 1 FROM unit WHERE username = ?", (form["username"],)):
        errors["username"] = USERNAME_EXISTS_MESSAGE
    if errors:
        return _render_unit_step(errors, form, 400)
    # Linked only when GD-IdP vouched for exactly these prefilled values.
    gdidp_linked = bool(_prefilled())
    try:
        with db.transaction():
            if not sms.use_code(form["legal_rep_phone"], SMS_PURPOSE, form["sms_code"]):
                raise _CodeRefused
            create_unit(
                password=form["password"],
                gdidp_linked=gdidp_linked,
                cert_type=form["cert_type"],
                cert_no=form["cert_no"],
                unit_name=form["unit_name"],
                location=form["location"],
                address_detail=form["address_detail"],
                legal_rep_name=form["legal_rep_name"],
                legal_rep_id=form["legal_rep_id"],
                legal_rep_phone=form["legal_rep_phone"],
                username=form["username"],
                registrar_person_id=person["id"],
            )
    except _CodeRefused:
        return _render_unit_step({"sms_code": SMS_CODE_MESSAGE}, form, 400)
    except sqlite3.IntegrityError:
        # Another registration took the number or the name between the check and the insert.
        return _render_unit_step({"cert_no": CERT_EXISTS_MESSAGE}, form, 409)
    # The initialisation is over: the guide asks to close the page and log in again, so the
    # pending GD-IdP identity is dropped with the rest of the session.
    log_out()
    session["unit_reg_done"] = {
        "unit_name": form["unit_name"],
        "username": form["username"],
        "source": SOURCE_GDIDP if gdidp_linked else SOURCE_PLAIN,
    }
    return redirect(url_for("register.done"))


class _CodeRefused(Exception):
    """The SMS code was wrong or spent; rolls the transaction back."""


def cert_taken(cert_type: str, cert_no: str) -> bool:
    """True when a unit already holds this 证件号码, counting a 统一社会信用代码 and the
    组织机构代码 inside it (characters 9–17) as the same unit."""
    if cert_type == "uscc":
        row = db.query_one(
            "SELECT 1 FROM unit WHERE cert_no = ? OR (cert_type = 'org_code' AND cert_no = ?)", (cert_no, cert_no[8:17])
        )
    else:
        row = db.query_one(
            "SELECT 1 FROM unit WHERE cert_no = ? OR (cert_type = 'uscc' AND substr(cert_no, 9, 9) = ?)",
            (cert_no, cert_no),
        )
    return row is not None


# --- Step 3: 注册完成 ----------------------------------------------------------------------------


@bp.get("/unit/done")
def done() -> Any:
    """Step 3 注册完成, with the guide's advice to close the page and clear the browser cache."""
    result = session.get("unit_reg_done")
    if result is None:
        return redirect(url_for("login.login_page"))
    return render_template("register_done.html", result=result)
