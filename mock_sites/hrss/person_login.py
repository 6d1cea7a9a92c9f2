"""「个人登录」 of a unit's handler (guide B2.1, B2.2)."""

# On `/isso/login.html` the 「个人登录」 tab offers 「账号密码」 (added to `login.PERSON_METHODS`; its
# form is the partial `login_person.html`, included by the login page). After login a dialog lists
# the units bound to the account (`accounts.bound_units`); 「为选中的单位办理业务，点击此处登录」 makes
# the browser act for the chosen unit (`act_for_unit(via='person')`) in the platform. Whether the
# handler may then use 稳岗返还信息确认 is the platform's decision (`handler_may_act_for`: bound and
# 授权码实名 completed); entering the platform only needs the binding, because 「实名认证」 →
# 「申请单位授权码」/「授权码实名」 is done from inside it (B1.5, B1.7).

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request, url_for

from mock_sites import db, mutants
from mock_sites.hrss import login
from mock_sites.hrss.accounts import bound_units, person_required
from mock_sites.hrss.auth import act_for_unit, log_in_person, password_matches, signed_in_person
from mock_sites.hrss.binding import is_bound
from mock_sites.web import parse_id, wants_json

bp = Blueprint("person_login", __name__, url_prefix="/isso")

# The method key "password" has no endpoint of its own: the form sits on the login page.
login.PERSON_METHODS.setdefault("password", ("账号密码", None))

LOGIN_NAME_EMPTY_MESSAGE = "请输入登录账号"
PASSWORD_EMPTY_MESSAGE = "请输入密码"
WRONG_CREDENTIALS_MESSAGE = "登录账号或密码错误"
NO_UNIT_CHOSEN_MESSAGE = "请选择要办理业务的单位"
NOT_BOUND_MESSAGE = "您的个人账号未与该单位绑定，不能为该单位办理业务"


def _render_login(errors: dict[str, str], login_name: str, status: int) -> Any:
    return login.render_login("person", "password", errors, login_name, status)


@bp.post("/login/person")
def person_password_login() -> Any:
    """「个人登录」 → 「账号密码」: the personal account's 登录账号 and 密码."""
    form = login.posted()
    login_name = form.get("login_name", "")
    password = form.get("password", "")
    errors: dict[str, str] = {}
    if not login_name.strip():
        errors["login_name"] = LOGIN_NAME_EMPTY_MESSAGE
    if not password:
        errors["person_password"] = PASSWORD_EMPTY_MESSAGE
    if errors:
        return _render_login(errors, login_name, 400)
    person = db.query_one("SELECT * FROM person WHERE login_name = ?", (login_name.strip(),))
    if person is None or not (password_matches(person, password) or mutants.is_on("wrong_person_password_logs_in")):
        # One message for both cases: the page must not tell which accounts exist.
        return _render_login({"form": WRONG_CREDENTIALS_MESSAGE}, login_name, 401)
    log_in_person(person["id"])
    return login.moved_on(url_for("person_login.choose_unit"))


def _render_units(error: str | None = None, status: int = 200) -> Any:
    if error and request.is_json:
        return login.answer_errors({"unit_id": error}, status)
    person = signed_in_person()
    units = _units_listed(person["id"])
    if wants_json():
        return jsonify(ok=True, person={"name": person["name"]}, units=[_unit_json(unit) for unit in units])
    return render_template("person_login_units.html", person=person, units=units, error=error), status


def _units_listed(person_id: int) -> list:
    """The units the dialog lists: those bound to the account (the mutant of B2.2 adds the
    units whose binding request still waits for the handler)."""
    units = list(bound_units(person_id))
    if mutants.is_on("pending_unit_listed"):
        units += db.query_all(
            "SELECT unit.*, 0 AS authcode_realname FROM binding_request JOIN unit ON unit.id = binding_request.unit_id "
            "WHERE binding_request.person_id = ? AND binding_request.status = 'pending'",
            (person_id,),
        )
    return units


def _unit_json(unit: Any) -> dict[str, Any]:
    return {
        "id": unit["id"],
        "unit_name": unit["unit_name"],
        "cert_no": unit["cert_no"],
        "manager_code": unit["manager_code"],
        "authcode_realname": bool(unit["authcode_realname"]),
    }


@bp.get("/login/person/units")
@person_required
def choose_unit() -> Any:
    """The dialog listing the units bound to the account; as JSON for a page that draws the
    dialog itself (the lookalike login app)."""
    return _render_units()


@bp.post("/login/person/units")
@person_required
def enter_for_unit() -> Any:
    """「为选中的单位办理业务，点击此处登录」: into the platform, acting for the chosen unit."""
    unit_id = parse_id(login.posted().get("unit_id"))
    if unit_id is None:
        return _render_units(NO_UNIT_CHOSEN_MESSAGE, 400)
    if not is_bound(signed_in_person()["id"], unit_id):
        return _render_units(NOT_BOUND_MESSAGE, 403)
    act_for_unit(unit_id, via="person")
    return login.moved_on(url_for("platform.home"))
