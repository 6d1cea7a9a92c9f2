"""「实名认证」 in the platform: 「申请单位授权码」 and 「授权码实名」 (guide B1.5, B1.7), and the
agency's decision on an application (B1.6; the pages for it are in `backoffice`)."""

# Who: a handler logged in with the personal account and acting for a unit bound to it (the
# 「个人登录」 dialog). A unit account, or a session acting for an unbound unit, is refused.
#
# 申请单位授权码: the handler queries a unit by 单位管理码, 统一社会信用代码 or 组织机构代码 (entered
# without the '-'), ticks the unit(s), uploads materials and submits. Decision: only units bound to
# this personal account can be applied for — an unbound unit is shown 「未绑定」 with no tick box
# and refused if posted anyway; so are units already authorised or with an application under
# review. Materials are real multipart uploads: pdf/jpg/jpeg/png by name *and* by their first
# bytes, at most `MAX_FILES` files of at most `UPLOAD_MAX_BYTES` (config, default 5 MB) each. They are
# written under `UPLOAD_DIR` (config; default an `uploads` folder beside the database) with random
# names; the original name, type, size and SHA-256 are recorded. Nothing is written when anything is
# refused.
#
# Approval (`approve_application`) issues one 8-digit 授权码 per unit and texts each to the
# handler's phone (sms_outbox, purpose `hrss_authcode_approved`, code column = the 授权码);
# rejection (`reject_application`) needs a reason, which the handler sees on 「实名认证」 and in an SMS.
#
# 授权码实名: the handler, acting for the unit, enters the 授权码 from the SMS. It must have been
# issued to this person for this unit and not used before; then `unit_handler.authcode_realname`
# becomes 1 and the platform lets the handler use 稳岗返还信息确认 for the unit. After
# `MAX_WRONG_CODES` wrong codes within `WRONG_CODE_WINDOW` the form refuses further tries for a while.

from __future__ import annotations

import base64
import hashlib
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from mock_sites import db, mutants
from mock_sites.hrss.accounts import LOGIN_NEEDED_MESSAGE, json_refusal
from mock_sites.hrss.auth import acting_unit, current_person, current_unit, signed_in_person
from mock_sites.hrss.binding import ControlRefused, is_bound, person_id_for, unit_id_for
from mock_sites.rules import check_org_code, check_uscc
from mock_sites.sms import send_text
from mock_sites.web import json_body, now_text, parse_id, posted, wants_json

bp = Blueprint("realname", __name__, url_prefix="/platform/realname")
control_bp = Blueprint("realname_control", __name__, url_prefix="/__mock__/authcode")

QUERY_TYPES = {"manager_code": "单位管理码", "uscc": "统一社会信用代码", "org_code": "组织机构代码"}
STATUS_NAMES = {"pending": "审核中", "approved": "审核通过", "rejected": "审核不通过"}

# Extension → (content type, accepted leading bytes).
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(minutes=15)

HANDLER_ONLY_MESSAGE = "「实名认证」须由单位经办人使用已绑定单位的个人实名账号登录，并在弹窗中选择该单位后办理。"
QUERY_TYPE_MESSAGE = "请选择查询方式"
QUERY_VALUE_EMPTY_MESSAGE = "请输入查询号码"
NOT_FOUND_MESSAGE = "未查询到符合条件的单位，请核对后重新查询"
UNBOUND_MESSAGE = (
    "该单位尚未与您的个人账号绑定，不能申请单位授权码。请先由单位账号在「子账号信息」中发起绑定，"
    "并在个人账号的「父账号信息」中确认。"
)
NO_UNIT_TICKED_MESSAGE = "请勾选需要办理授权码绑定的单位"
UNIT_NOT_ELIGIBLE_MESSAGE = "所选单位不能申请单位授权码：须为已绑定、尚未完成授权码实名且没有审核中申请的单位"
NO_MATERIALS_MESSAGE = "请上传相关材料"
TOO_MANY_FILES_MESSAGE = f"最多上传{MAX_FILES}个文件"
FILE_TYPE_MESSAGE = "文件“{name}”格式不支持，仅支持上传 pdf、jpg、jpeg、png 格式的文件"
FILE_CONTENT_MESSAGE = "文件“{name}”的内容与文件格式不符，请上传真实的 pdf、jpg、jpeg、png 文件"
FILE_SIZE_MESSAGE = "文件“{name}”超过{limit}，请压缩后重新上传"
FILE_EMPTY_MESSAGE = "文件“{name}”为空，请重新选择"
REQUEST_TOO_LARGE_MESSAGE = "上传的文件过大，单个文件不能超过{limit}"
SUBMITTED_MESSAGE = "申请已提交，请等待社保经办机构审核，审核结果将以短信通知您"
CODE_EMPTY_MESSAGE = "请输入单位授权码"
CODE_WRONG_MESSAGE = "授权码不正确，请核对短信中的单位授权码"
CODE_USED_MESSAGE = "该授权码已使用，不能重复使用"
CODE_LOCKED_MESSAGE = "授权码错误次数过多，请15分钟后再试"
CODE_DONE_MESSAGE = "授权码实名成功，您已可以为「{unit}」办理业务"
REASON_EMPTY_MESSAGE = "请填写审核不通过的原因"
ALREADY_DECIDED_MESSAGE = "该申请已审核，不能重复审核"


class DecisionError(Exception):
    """The agency's decision cannot be taken; the message is safe to show."""


# --- Access ------------------------------------------------------------------------------------


def handler_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """A personal account acting for a unit bound to it; anyone else gets a refusal page."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        unit, person = current_unit(), current_person()
        if unit is None and person is None:
            if wants_json():
                return jsonify(ok=False, message=LOGIN_NEEDED_MESSAGE), 401
            return redirect(url_for("login.login_page", type="person"))
        if unit is None and not wants_json():
            # Logged in personally but no unit chosen yet: the dialog is where one is chosen.
            return redirect(url_for("person_login.choose_unit"))
        if session.get("via") != "person" or unit is None or person is None or not is_bound(person["id"], unit["id"]):
            if wants_json():
                return jsonify(ok=False, message=HANDLER_ONLY_MESSAGE), 403
            back = url_for("platform.home") if unit is not None else None
            return render_template(
                "refusal.html", heading="无法办理实名认证", message=HANDLER_ONLY_MESSAGE, back=back
            ), 403
        return view(*args, **kwargs)

    return wrapper


def _authorised(person_id: int, unit_id: int) -> bool:
    row = db.query_one(
        "SELECT 1 FROM unit_handler WHERE person_id = ? AND unit_id = ? AND bound = 1 AND authcode_realname = 1",
        (person_id, unit_id),
    )
    return row is not None


# --- 实名认证 overview ------------------------------------------------------------------------------


def applications_of(person_id: int) -> list[dict[str, Any]]:
    """The person's applications, newest first, with their units' names."""
    rows = db.query_all("SELECT * FROM authcode_application WHERE person_id = ? ORDER BY id DESC", (person_id,))
    return [{**dict(row), "status_name": STATUS_NAMES[row["status"]], "units": units_of(row["id"])} for row in rows]


def units_of(application_id: int) -> list[sqlite3.Row]:
    """The units ticked in an application."""
    return db.query_all(
        "SELECT unit.* FROM authcode_application_unit JOIN unit ON unit.id = authcode_application_unit.unit_id "
        "WHERE authcode_application_unit.application_id = ? ORDER BY unit.unit_name",
        (application_id,),
    )


@bp.get("")
@handler_required
def overview() -> Any:
    """「实名认证」: the unit's 授权码实名 state and the handler's applications (as a grid's
    rows for a script that asks for JSON)."""
    unit, person = acting_unit(), signed_in_person()
    if wants_json():
        rows = [_application_row(item) for item in applications_of(person["id"])]
        return jsonify(total=len(rows), rows=rows)
    return render_template(
        "realname_overview.html",
        unit=unit,
        authorised=_authorised(person["id"], unit["id"]),
        applications=applications_of(person["id"]),
        box="overview",
    )


def _application_row(item: dict[str, Any]) -> dict[str, Any]:
    opinion = {"rejected": f"不通过原因：{item['reject_reason']}", "approved": "授权码已通过短信发送"}.get(
        item["status"], ""
    )
    return {
        "id": item["id"],
        "units": "、".join(unit["unit_name"] for unit in item["units"]),
        "submitted_at": item["submitted_at"],
        "status_name": item["status_name"],
        "opinion": opinion,
    }


# --- 申请单位授权码 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """A unit found by the query, as this handler may see it."""

    unit: sqlite3.Row
    state: str  # eligible / unbound / authorised / pending

    @property
    def state_name(self) -> str:
        """The state as the page shows it."""
        return {"eligible": "可申请", "unbound": "未绑定", "authorised": "已完成授权码实名", "pending": "审核中"}[
            self.state
        ]


def query_error(query_type: str, value: str) -> str | None:
    """Why the query cannot run, or None. The certificate numbers follow `mock_sites.rules`
    (so a 组织机构代码 typed with its '-' gets the guide's 「请省略第九位“-”」)."""
    if query_type not in QUERY_TYPES:
        return QUERY_TYPE_MESSAGE
    if not value.strip():
        return QUERY_VALUE_EMPTY_MESSAGE
    if query_type == "uscc":
        return check_uscc(value.strip())
    if query_type == "org_code":
        return check_org_code(value.strip())
    return None


def find_units(query_type: str, value: str) -> list[sqlite3.Row]:
    """Units matching the query; a 组织机构代码 also finds the unit whose 统一社会信用代码 holds it."""
    value = value.strip()
    if query_type == "manager_code":
        return db.query_all("SELECT * FROM unit WHERE manager_code = ?", (value,))
    if query_type == "uscc":
        return db.query_all("SELECT * FROM unit WHERE cert_type = 'uscc' AND cert_no = ?", (value,))
    return db.query_all(
        "SELECT * FROM unit WHERE (cert_type = 'org_code' AND cert_no = ?) OR (cert_type = 'uscc' "
        "AND substr(cert_no, 9, 9) = ?)",
        (value, value),
    )


def unit_state(person_id: int, unit_id: int) -> str:
    """eligible / unbound / authorised / pending, for an application by this person."""
    if not is_bound(person_id, unit_id) and not mutants.is_on("unbound_unit_selectable"):
        return "unbound"
    if _authorised(person_id, unit_id):
        return "authorised"
    pending = db.query_one(
        "SELECT 1 FROM authcode_application JOIN authcode_application_unit "
        "ON authcode_application_unit.application_id = authcode_application.id "
        "WHERE authcode_application.person_id = ? AND authcode_application_unit.unit_id = ? "
        "AND authcode_application.status = 'pending'",
        (person_id, unit_id),
    )
    return "pending" if pending else "eligible"


def _render_apply(query_type: str, query_value: str, errors: dict[str, str] | None = None, status: int = 200) -> Any:
    errors = dict(errors or {})
    rows: list[UnitRow] = []
    if query_type or query_value:
        problem = query_error(query_type, query_value)
        if problem:
            errors.setdefault("query_value", problem)
        else:
            person = signed_in_person()
            rows = [UnitRow(unit, unit_state(person["id"], unit["id"])) for unit in find_units(query_type, query_value)]
            if not rows:
                errors.setdefault("query", NOT_FOUND_MESSAGE)
            elif any(row.state == "unbound" for row in rows):
                errors.setdefault("query", UNBOUND_MESSAGE)
    page = render_template(
        "realname_apply.html",
        unit=current_unit(),
        query_types=QUERY_TYPES,
        query_type=query_type or "manager_code",
        query_value=query_value,
        rows=rows,
        errors=errors,
        limit_text=_size_text(upload_max_bytes()),
        max_files=MAX_FILES,
        box="apply",
    )
    return page, status


@bp.get("/apply")
@handler_required
def apply_page() -> Any:
    """「申请单位授权码」: the query, then the units found with tick boxes and the upload."""
    return _render_apply(request.args.get("query_type", ""), request.args.get("query_value", ""))


@dataclass(frozen=True)
class Material:
    """An uploaded file that passed the checks, not yet written."""

    original_name: str
    extension: str
    content_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the content."""
        return hashlib.sha256(self.content).hexdigest()


def upload_max_bytes() -> int:
    """The per-file size limit (config `UPLOAD_MAX_BYTES`)."""
    return int(current_app.config.get("UPLOAD_MAX_BYTES") or DEFAULT_UPLOAD_MAX_BYTES)


def upload_dir() -> Path:
    """Where materials are written (config `UPLOAD_DIR`, default beside the database)."""
    configured = current_app.config.get("UPLOAD_DIR")
    folder = Path(configured) if configured else Path(current_app.config["DATABASE"]).parent / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _size_text(limit: int) -> str:
    return f"{limit / 1024 / 1024:g}MB" if limit >= 1024 * 1024 else f"{limit / 1024:g}KB"


def display_name(filename: str) -> str:
    """The file's own name without any folder a browser may send along, at most 200 characters."""
    name = PureWindowsPath(PurePosixPath(filename).name).name
    return name.strip()[:200] or "未命名文件"


def check_material(filename: str, content: bytes, limit: int) -> tuple[Material | None, str | None]:
    """(material, None) for an acceptable file, else (None, message): type by name and by its
    first bytes, not empty, not above `limit` bytes."""
    name = display_name(filename)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        return None, FILE_TYPE_MESSAGE.format(name=name)
    if not content:
        return None, FILE_EMPTY_MESSAGE.format(name=name)
    if len(content) > limit:
        return None, FILE_SIZE_MESSAGE.format(name=name, limit=_size_text(limit))
    content_type, signatures = ALLOWED_TYPES[extension]
    if not content.startswith(signatures):
        return None, FILE_CONTENT_MESSAGE.format(name=name)
    return Material(name, extension, content_type, content), None


def read_materials(files: Iterable[FileStorage], limit: int) -> tuple[list[Material], str | None]:
    """The chosen files checked one by one; the first refusal stops (and nothing is kept)."""
    chosen = [storage for storage in files if storage.filename]
    if not chosen:
        return [], NO_MATERIALS_MESSAGE
    if len(chosen) > MAX_FILES:
        return [], TOO_MANY_FILES_MESSAGE
    materials = []
    for storage in chosen:
        # One byte past the limit is enough to know the file is too large.
        material, problem = check_material(storage.filename or "", storage.stream.read(limit + 1), limit)
        if problem:
            return [], problem
        assert material is not None  # no problem: the material
        materials.append(material)
    return materials, None


def store_application(
    person_id: int, unit_ids: list[int], materials: list[Material], require_eligible: bool = True
) -> int:
    """Writes the files, then the application, its units and materials in one transaction; if
    the database refuses, the files are removed again. With `require_eligible` the units are
    checked again inside the transaction (raising DecisionError), so two tabs submitting at
    once cannot both open an application for the same unit."""
    folder = upload_dir()
    written: list[tuple[Material, str]] = []
    try:
        for material in materials:
            stored_name = f"{secrets.token_hex(16)}.{material.extension}"
            (folder / stored_name).write_bytes(material.content)
            written.append((material, stored_name))
        with db.transaction() as connection:
            if require_eligible and any(unit_state(person_id, unit_id) != "eligible" for unit_id in unit_ids):
                raise DecisionError(UNIT_NOT_ELIGIBLE_MESSAGE)
            application_id = connection.execute(
                "INSERT INTO authcode_application (person_id, status, submitted_at) VALUES (?, 'pending', ?)",
                (person_id, now_text()),
            ).lastrowid
            assert application_id is not None  # an INSERT's row id
            connection.executemany(
                "INSERT INTO authcode_application_unit (application_id, unit_id) VALUES (?, ?)",
                [(application_id, unit_id) for unit_id in unit_ids],
            )
            connection.executemany(
                "INSERT INTO authcode_material (application_id, original_name, stored_name, content_type, size, "
                "sha256) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        application_id,
                        material.original_name,
                        stored_name,
                        material.content_type,
                        len(material.content),
                        material.sha256,
                    )
                    for material, stored_name in written
                ],
            )
    except BaseException:
        for _material, stored_name in written:
            (folder / stored_name).unlink(missing_ok=True)
        raise
    return application_id


def _ticked_unit_ids() -> list[int] | None:
    ids = [parse_id(value) for value in request.form.getlist("unit_id")]
    parsed = [unit_id for unit_id in ids if unit_id is not None]
    return None if len(parsed) < len(ids) else sorted(set(parsed))


@bp.post("/apply")
@handler_required
def submit_application() -> Any:
    """「提交申请」: ticked units and materials, checked completely before anything is written."""
    person = signed_in_person()
    query_type = request.form.get("query_type", "")
    query_value = request.form.get("query_value", "")
    errors: dict[str, str] = {}
    unit_ids = _ticked_unit_ids()
    if not unit_ids:
        errors["units"] = NO_UNIT_TICKED_MESSAGE
    elif any(unit_state(person["id"], unit_id) != "eligible" for unit_id in unit_ids):
        errors["units"] = UNIT_NOT_ELIGIBLE_MESSAGE
    materials, problem = read_materials(request.files.getlist("materials"), upload_max_bytes())
    if problem:
        errors["materials"] = problem
    if errors:
        return json_refusal(errors) if wants_json() else _render_apply(query_type, query_value, errors, 400)
    assert unit_ids  # else refused above
    try:
        store_application(person["id"], unit_ids, materials)
    except DecisionError as error:
        if wants_json():
            return json_refusal({"units": str(error)}, 409)
        return _render_apply(query_type, query_value, {"units": str(error)}, 409)
    flash(SUBMITTED_MESSAGE)
    if wants_json():
        # The page goes to 「实名认证」 itself, where the flashed message is shown.
        return jsonify(ok=True, message=SUBMITTED_MESSAGE, redirect=url_for("realname.overview"))
    return redirect(url_for("realname.overview"))


@bp.errorhandler(RequestEntityTooLarge)
def request_too_large(_error: RequestEntityTooLarge) -> Any:
    """A request above the app's MAX_CONTENT_LENGTH: the same page, with the size rule."""
    message = REQUEST_TOO_LARGE_MESSAGE.format(limit=_size_text(upload_max_bytes()))
    if wants_json():
        return json_refusal({"materials": message}, 413)
    unit, person = current_unit(), current_person()
    if session.get("via") != "person" or unit is None or person is None or not is_bound(person["id"], unit["id"]):
        return render_template("refusal.html", heading="上传失败", message=message), 413
    return _render_apply("", "", {"materials": message}, 413)


# --- The agency's decision (used by backoffice and the control API) -----------------------------


def _new_code(connection: sqlite3.Connection) -> str:
    while True:
        code = f"{secrets.randbelow(10**8):08d}"
        if connection.execute("SELECT 1 FROM unit_authcode WHERE code = ?", (code,)).fetchone() is None:
            return code


def _pending_application(connection: sqlite3.Connection, application_id: int) -> sqlite3.Row:
    row = connection.execute(
        "SELECT authcode_application.*, person.phone FROM authcode_application JOIN person "
        "ON person.id = authcode_application.person_id WHERE authcode_application.id = ?",
        (application_id,),
    ).fetchone()
    if row is None:
        raise LookupError(application_id)
    if row["status"] != "pending":
        raise DecisionError(ALREADY_DECIDED_MESSAGE)
    return row


def approve_application(application_id: int) -> dict[int, str]:
    """Approves, issues one 授权码 per unit and texts each to the handler; {unit_id: code}."""
    codes: dict[int, str] = {}
    with db.transaction() as connection:
        application = _pending_application(connection, application_id)
        now = now_text()
        connection.execute(
            "UPDATE authcode_application SET status = 'approved', decided_at = ? WHERE id = ?", (now, application_id)
        )
        for unit in units_of(application_id):
            code = _new_code(connection)
            connection.execute(
                "INSERT INTO unit_authcode (code, application_id, unit_id, person_id, issued_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (code, application_id, unit["id"], application["person_id"], now),
            )
            codes[unit["id"]] = code
            send_text(
                application["phone"],
                "hrss_authcode_approved",
                f"【广东人社】您为「{unit['unit_name']}」申请的单位授权码已审核通过，授权码：{code}。"
                "请使用个人实名账号登录，选择该单位进入网上服务平台，在「实名认证」→「授权码实名」中完成授权。",
                code,
            )
    return codes


def reject_application(application_id: int, reason: str) -> None:
    """Rejects with a reason the handler will see; texts the handler."""
    reason = reason.strip()
    if not reason and not mutants.is_on("rejection_without_reason"):
        raise DecisionError(REASON_EMPTY_MESSAGE)
    with db.transaction() as connection:
        application = _pending_application(connection, application_id)
        connection.execute(
            "UPDATE authcode_application SET status = 'rejected', reject_reason = ?, decided_at = ? WHERE id = ?",
            (reason, now_text(), application_id),
        )
        send_text(
            application["phone"],
            "hrss_authcode_rejected",
            f"【广东人社】您提交的单位授权码申请（编号{application_id}）未通过审核，原因：{reason}。"
            "请登录网上服务平台，在「实名认证」中查看并重新申请。",
        )


# --- 授权码实名 ------------------------------------------------------------------------------------


def _render_authcode(message: str | None = None, error: str | None = None, status: int = 200) -> Any:
    unit, person = acting_unit(), signed_in_person()
    authorised = _authorised(person["id"], unit["id"])
    if wants_json():
        if error:
            return json_refusal({"authcode": error}, status)
        return jsonify(ok=True, message=message, state="已完成" if authorised else "未完成"), status
    page = render_template(
        "realname_redeem.html",
        unit=unit,
        authorised=authorised,
        message=message,
        error=error,
        box="authcode",
    )
    return page, status


@bp.get("/authcode")
@handler_required
def authcode_page() -> Any:
    """「授权码实名」: the 授权码 from the approval SMS completes the authorisation."""
    return _render_authcode()


def _recent_failures(connection: sqlite3.Connection, person_id: int, unit_id: int) -> int:
    since = (datetime.now() - WRONG_CODE_WINDOW).isoformat(timespec="seconds")
    row = connection.execute(
        "SELECT COUNT(*) AS n FROM authcode_failure WHERE person_id = ? AND unit_id = ? AND failed_at >= ?",
        (person_id, unit_id, since),
    ).fetchone()
    return int(row["n"])


# A code is spent once; the mutant of B1.7 spends it again.
_SPEND_CODE = "UPDATE unit_authcode SET used_at = ? WHERE code = ? AND used_at IS NULL"
_SPEND_CODE_AGAIN = "UPDATE unit_authcode SET used_at = ? WHERE code = ?"


@bp.post("/authcode")
@handler_required
def redeem_authcode() -> Any:
    """「确认授权」: checks the code is this person's for this unit and unused, then spends it.

    Counting the failures, checking the code and recording a failure happen in one write
    transaction (BEGIN IMMEDIATE holds the database's write lock), so that many wrong codes sent
    at the same moment get `MAX_WRONG_CODES` tries between them, not one each."""
    unit, person = acting_unit(), signed_in_person()
    code = posted().get("authcode", "").strip()
    if not code:
        return _render_authcode(error=CODE_EMPTY_MESSAGE, status=400)
    with db.transaction() as connection:
        if _recent_failures(connection, person["id"], unit["id"]) >= MAX_WRONG_CODES:
            outcome = CODE_LOCKED_MESSAGE
        elif (
            connection.execute(
                "SELECT 1 FROM unit_authcode WHERE code = ? AND person_id = ? AND unit_id = ?",
                (code, person["id"], unit["id"]),
            ).fetchone()
            is None
        ):
            connection.execute(
                "INSERT INTO authcode_failure (person_id, unit_id, failed_at) VALUES (?, ?, ?)",
                (person["id"], unit["id"], datetime.now().isoformat(timespec="seconds")),
            )
            outcome = CODE_WRONG_MESSAGE
        elif connection.execute(
            _SPEND_CODE_AGAIN if mutants.is_on("authcode_works_twice") else _SPEND_CODE, (now_text(), code)
        ).rowcount:
            connection.execute(
                "UPDATE unit_handler SET authcode_realname = 1 WHERE unit_id = ? AND person_id = ? AND bound = 1",
                (unit["id"], person["id"]),
            )
            outcome = None
        else:
            outcome = CODE_USED_MESSAGE
    if outcome is None:
        return _render_authcode(message=CODE_DONE_MESSAGE.format(unit=unit["unit_name"]))
    status = {CODE_LOCKED_MESSAGE: 429, CODE_WRONG_MESSAGE: 400, CODE_USED_MESSAGE: 409}[outcome]
    return _render_authcode(error=outcome, status=status)


# --- Control API -------------------------------------------------------------------------------

# The smallest file the upload checks accept as a PDF, for seeded applications.
SEED_MATERIAL = ("单位委托书.pdf", b"%PDF-1.4\n% seeded by the control API\n%%EOF\n")


def _seed_materials(items: list[dict[str, str]] | None) -> list[Material]:
    given = [(item["name"], base64.b64decode(item["content_base64"])) for item in items] if items else [SEED_MATERIAL]
    materials = []
    for name, content in given:
        material, problem = check_material(name, content, upload_max_bytes())
        if problem:
            raise DecisionError(problem)
        assert material is not None  # no problem: the material
        materials.append(material)
    return materials


@control_bp.errorhandler(ControlRefused)
def _refused(error: ControlRefused) -> Any:
    return jsonify(error=str(error)), error.status


def _codes_by_cert(codes: dict[int, str]) -> dict[str, str]:
    by_cert = {}
    for unit_id, code in codes.items():
        unit = db.query_one("SELECT cert_no FROM unit WHERE id = ?", (unit_id,))
        assert unit is not None  # codes are issued for units of the application, which exist
        by_cert[unit["cert_no"]] = code
    return by_cert


@control_bp.post("/applications")
def seed_application() -> Any:
    """Creates an application directly. Body: person_login_name, cert_nos (the units), optional
    materials [{name, content_base64}] (default one small PDF), status "pending" (default),
    "approved" (codes issued and texted, as the back office does) or "rejected" with `reason`.
    The units need not be bound: seeding may set up any state. Answers id, status and
    codes {cert_no: code}."""
    body = json_body(
        required={"person_login_name": str, "cert_nos": list},
        optional={"materials": list, "status": str, "reason": str},
    )
    status = body.get("status", "pending")
    if status not in STATUS_NAMES:
        raise ControlRefused(f"status must be one of {', '.join(STATUS_NAMES)}")
    if not body.get("cert_nos"):
        raise ControlRefused("cert_nos is required")
    person_id = person_id_for(str(body.get("person_login_name", "")))
    unit_ids = sorted({unit_id_for(str(cert_no)) for cert_no in body["cert_nos"]})
    try:
        materials = _seed_materials(body.get("materials"))
        application_id = store_application(person_id, unit_ids, materials, require_eligible=False)
        codes: dict[int, str] = {}
        if status == "approved":
            codes = approve_application(application_id)
        elif status == "rejected":
            reject_application(application_id, body.get("reason", ""))
    except (KeyError, TypeError, ValueError) as error:
        raise ControlRefused(f"bad body: {error}") from error
    except DecisionError as error:
        raise ControlRefused(str(error)) from error
    return jsonify(id=application_id, status=status, codes=_codes_by_cert(codes)), 201


@control_bp.post("/applications/<int:application_id>/approve")
def approve_by_api(application_id: int) -> Any:
    """Approves as the back office would; answers codes {cert_no: code}."""
    try:
        codes = approve_application(application_id)
    except LookupError as error:
        raise ControlRefused("no such application", 404) from error
    except DecisionError as error:
        raise ControlRefused(str(error), 409) from error
    return jsonify(id=application_id, codes=_codes_by_cert(codes))


@control_bp.post("/applications/<int:application_id>/reject")
def reject_by_api(application_id: int) -> Any:
    """Rejects as the back office would. Body: reason."""
    try:
        reject_application(application_id, json_body(optional={"reason": str}).get("reason", ""))
    except LookupError as error:
        raise ControlRefused("no such application", 404) from error
    except DecisionError as error:
        raise ControlRefused(str(error), 409) from error
    return jsonify(id=application_id, status="rejected")


@control_bp.get("/applications")
def read_applications() -> Any:
    """Applications with their units (cert_nos), materials and issued codes, oldest first;
    `?person_login_name=` / `?cert_no=` filter."""
    sql = (
        "SELECT DISTINCT authcode_application.* FROM authcode_application LEFT JOIN authcode_application_unit "
        "ON authcode_application_unit.application_id = authcode_application.id"
    )
    conditions, params = [], []
    if request.args.get("person_login_name"):
        conditions.append("authcode_application.person_id = ?")
        params.append(person_id_for(request.args["person_login_name"]))
    if request.args.get("cert_no"):
        conditions.append("authcode_application_unit.unit_id = ?")
        params.append(unit_id_for(request.args["cert_no"]))
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    folder = upload_dir()
    answer = []
    for row in db.query_all(sql + " ORDER BY authcode_application.id", params):
        materials = db.query_all("SELECT * FROM authcode_material WHERE application_id = ? ORDER BY id", (row["id"],))
        codes = db.query_all(
            "SELECT unit.cert_no, unit_authcode.code, unit_authcode.used_at FROM unit_authcode JOIN unit "
            "ON unit.id = unit_authcode.unit_id WHERE unit_authcode.application_id = ? ORDER BY unit.cert_no",
            (row["id"],),
        )
        answer.append(
            {
                **dict(row),
                "cert_nos": [unit["cert_no"] for unit in units_of(row["id"])],
                "materials": [
                    {
                        "original_name": material["original_name"],
                        "content_type": material["content_type"],
                        "size": material["size"],
                        "sha256": material["sha256"],
                        "stored": (folder / material["stored_name"]).is_file(),
                    }
                    for material in materials
                ],
                "codes": [dict(code) for code in codes],
            }
        )
    return jsonify(answer)
