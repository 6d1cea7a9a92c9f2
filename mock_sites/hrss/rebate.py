"""「稳岗返还信息确认」 of the 广东省人力资源和社会保障厅网上服务平台, acting for a unit (guide C1,
C2); the platform's home is `platform.py`."""

# Who may use 稳岗返还信息确认 (C2), decided in `rebate_refusal()` at every access from what the
# session recorded at login:
# - `via == 'gdidp'` (「省统一身份认证」): only with the GD-IdP trust level recorded at login
#   (`gdidp_level`) 四级 (原L2) or higher;
# - `via == 'person'` (a handler's HRSS personal account acting for a unit): only when
#   `handler_may_act_for(person_id, unit_id)`, i.e. the person is bound to the unit and has
#   completed 授权码实名 (table `unit_handler`, filled by the binding and 授权码 modules);
# - `via == 'unit_password'` (the unit account's own 用户名/密码): refused. The guide names only the
#   two routes above for this function, so the refusal tells which of them to use.
#
# A confirmation is stored once per rebate record (`rebate_confirmation.rebate_id` is its key):
# confirming again, e.g. from a second tab, shows when it was confirmed and adds nothing.

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, session, url_for

from mock_sites import db, mutants
from mock_sites.hrss.auth import acting_unit, current_person, unit_required
from mock_sites.hrss.sso import REQUIRED_TRUST_LEVEL, trust_level_name
from mock_sites.web import now_text, wants_json  # the lookalike's 稳岗返还 app (/WGSQ#/confirm) uses fetch

bp = Blueprint("rebate", __name__, url_prefix="/platform")

GDIDP_LEVEL_REFUSAL = (
    "稳岗返还信息确认仅支持可信等级{required} 或以上的广东省统一身份认证账号办理，"
    "您本次登录的账号可信等级为{level}。请先在广东政务服务网「账号管理 → 实名核验」"
    "完成网银证书或电子营业执照核验，再重新登录。"
)
HANDLER_REFUSAL = (
    "您的个人实名账号尚未与本单位完成绑定及「授权码实名」，不能为本单位办理稳岗返还信息确认。"
    "请先由单位账号发起绑定子账号、在个人账号中确认绑定，并申请单位授权码、完成授权码实名。"
)
UNIT_PASSWORD_REFUSAL = (
    "单位账号密码登录不能办理稳岗返还信息确认。请通过「省统一身份认证」"
    "（可信等级四级 (原L2) 或以上）登录，或由已完成授权码实名的单位经办人使用个人实名账号登录后办理。"
)
CONFIRMED_MESSAGE = "确认成功"
ALREADY_CONFIRMED_MESSAGE = "该稳岗返还信息已于{time}确认，无需重复确认"


def handler_may_act_for(person_id: int, unit_id: int) -> bool:
    """True when the personal account is bound to the unit and has completed 授权码实名."""
    row = db.query_one(
        "SELECT 1 FROM unit_handler WHERE person_id = ? AND unit_id = ? AND bound = 1 AND authcode_realname = 1",
        (person_id, unit_id),
    )
    return row is not None


def rebate_refusal() -> str | None:
    """Why this session may not use 稳岗返还信息确认, or None when it may (guide C2)."""
    via = session.get("via")
    unit = acting_unit()
    if unit is None:
        return UNIT_PASSWORD_REFUSAL
    if mutants.is_on("rebate_refuses_every_unit"):
        return HANDLER_REFUSAL if via == "person" else UNIT_PASSWORD_REFUSAL
    if via == "gdidp":
        level = int(session.get("gdidp_level") or 0)
        if level >= REQUIRED_TRUST_LEVEL:
            return None
        return GDIDP_LEVEL_REFUSAL.format(
            required=trust_level_name(REQUIRED_TRUST_LEVEL), level=trust_level_name(level)
        )
    if via == "person":
        person = current_person()
        if person is not None and handler_may_act_for(person["id"], unit["id"]):
            return None
        return HANDLER_REFUSAL
    if mutants.is_on("unit_password_login_confirms"):
        return None
    return UNIT_PASSWORD_REFUSAL


def masked_account(number: str) -> str:
    """「6222 **** **** 1234」: first and last four digits only."""
    digits = "".join(number.split())
    if len(digits) <= 8:
        return "**** " + digits[-4:]
    return f"{digits[:4]} **** **** {digits[-4:]}"


def amount_text(cents: int) -> str:
    """「12,345.67」 for 1234567 cents."""
    return f"{Decimal(cents) / 100:,.2f}"


def amount_to_cents(value: Any) -> int:
    """Cents of an amount given as 12345.67 or "12345.67"; ValueError when it is not one."""
    try:
        cents = Decimal(str(value)) * 100
    except ArithmeticError as error:
        raise ValueError(f"not an amount: {value!r}") from error
    if cents != cents.to_integral_value() or cents < 0:
        raise ValueError(f"not an amount: {value!r}")
    return int(cents)


def create_rebate(unit_id: int, period: str, amount_cents: int, bank_name: str, bank_account: str) -> int:
    """Inserts a unit's rebate record for a period (one per unit and period)."""
    return db.execute(
        "INSERT INTO rebate (unit_id, period, amount_cents, bank_name, bank_account, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (unit_id, period, amount_cents, bank_name, bank_account, now_text()),
    )


def rebates_of(unit_id: int) -> list[sqlite3.Row]:
    """The unit's rebate records with their confirmation, if any; newest period first."""
    return db.query_all(
        "SELECT rebate.*, rebate_confirmation.confirmed_at, rebate_confirmation.via AS confirmed_via "
        "FROM rebate LEFT JOIN rebate_confirmation ON rebate_confirmation.rebate_id = rebate.id "
        f"WHERE rebate.unit_id {'!=' if mutants.is_on('another_units_rebate_shown') else '='} ? "
        "ORDER BY rebate.period DESC, rebate.id DESC",
        (unit_id,),
    )


# --- Pages --------------------------------------------------------------------------------------


REFUSAL_HEADING = "无法办理稳岗返还信息确认"


def _refused(message: str) -> Any:
    if wants_json():
        return jsonify(ok=False, title=REFUSAL_HEADING, message=message), 403
    return render_template("refusal.html", heading=REFUSAL_HEADING, message=message, back=url_for("platform.home")), 403


@bp.get("/rebate")
@unit_required
def rebate_page() -> Any:
    """「稳岗返还信息确认」: the unit's rebate records and their confirmation (as JSON for a
    script that asks for it)."""
    refusal = rebate_refusal()
    if refusal:
        return _refused(refusal)
    unit = acting_unit()
    rows = [
        {**dict(row), "amount": amount_text(row["amount_cents"]), "account": masked_account(row["bank_account"])}
        for row in rebates_of(unit["id"])
    ]
    if wants_json():
        return jsonify(
            ok=True,
            unit={"unit_name": unit["unit_name"], "cert_no": unit["cert_no"]},
            rebates=[_rebate_json(row) for row in rows],
        )
    return render_template("rebate.html", unit=unit, rebates=rows)


def _rebate_json(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in ("id", "period", "amount", "bank_name", "account", "confirmed_at")}


@bp.post("/rebate/<int:rebate_id>/confirm")
@unit_required
def confirm_rebate(rebate_id: int) -> Any:
    """「确认」: stores the confirmation once; a second one only says when it was done."""
    refusal = rebate_refusal()
    if refusal:
        return _refused(refusal)
    unit = acting_unit()
    rebate = db.query_one("SELECT * FROM rebate WHERE id = ? AND unit_id = ?", (rebate_id, unit["id"]))
    if rebate is None:
        abort(404, description="没有找到该稳岗返还信息")
    person = current_person()
    with db.transaction() as connection:
        inserted = connection.execute(
            "INSERT OR IGNORE INTO rebate_confirmation (rebate_id, unit_id, confirmed_at, via, person_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (rebate_id, unit["id"], now_text(), session.get("via"), person["id"] if person else None),
        ).rowcount
    if not inserted and mutants.is_on("confirmation_stored_twice"):
        db.execute("UPDATE rebate_confirmation SET confirmed_at = ? WHERE rebate_id = ?", (now_text(), rebate_id))
        inserted = 1
    if inserted:
        message, status = CONFIRMED_MESSAGE, 200
    else:
        confirmation = db.query_one("SELECT confirmed_at FROM rebate_confirmation WHERE rebate_id = ?", (rebate_id,))
        assert confirmation is not None  # the insert was ignored: there is one
        message, status = ALREADY_CONFIRMED_MESSAGE.format(time=confirmation["confirmed_at"]), 409
    if wants_json():
        return jsonify(ok=status == 200, message=message), status
    flash(message)
    return redirect(url_for("rebate.rebate_page"))
