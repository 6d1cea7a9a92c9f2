"""The back office of the 社保经办机构 (social-insurance agency) that reviews 申请单位授权码
(guide B1.6): the applications with their materials (downloadable), 「审核通过」 and
「审核不通过」 with a reason."""

# Decision: in the mock the back office is open at `/isso/backoffice/` without a reviewer login.
# The real one is an internal system of the agency, not part of the portal the guide describes;
# like the `/__mock__/` pages it exists so that a person (or a scenario) can play the agency. It
# never touches the portal session, so a handler's login in the same browser survives a review.
# The decisions themselves are `realname.approve_application` / `reject_application`.

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for

from mock_sites import db
from mock_sites.hrss.accounts import json_refusal
from mock_sites.hrss.realname import (
    STATUS_NAMES,
    DecisionError,
    approve_application,
    reject_application,
    units_of,
    upload_dir,
)
from mock_sites.web import posted, wants_json

bp = Blueprint("backoffice", __name__, url_prefix="/isso/backoffice")

APPROVED_MESSAGE = "已审核通过，授权码已通过短信发送给经办人"
REJECTED_MESSAGE = "已审核不通过，原因已通知经办人"


def _application(application_id: int) -> sqlite3.Row:
    row = db.query_one(
        "SELECT authcode_application.*, person.name, person.login_name, person.id_number, person.phone "
        "FROM authcode_application JOIN person ON person.id = authcode_application.person_id "
        "WHERE authcode_application.id = ?",
        (application_id,),
    )
    if row is None:
        abort(404)
    return row


@bp.get("/")
def index() -> Any:
    """The back office opens on the applications waiting for review."""
    return redirect(url_for("backoffice.applications"))


@bp.get("/applications")
def applications() -> Any:
    """「单位授权码申请」: the list, waiting ones first; `?status=all` shows decided ones too."""
    show_all = request.args.get("status") == "all"
    where = "" if show_all else " WHERE authcode_application.status = 'pending'"
    rows = db.query_all(
        "SELECT authcode_application.*, person.name FROM authcode_application JOIN person "
        "ON person.id = authcode_application.person_id"
        f"{where} ORDER BY authcode_application.status != 'pending', authcode_application.id DESC"
    )
    items = [{**dict(row), "status_name": STATUS_NAMES[row["status"]], "units": units_of(row["id"])} for row in rows]
    if wants_json():
        return jsonify(total=len(items), rows=[_application_json(item) for item in items])
    return render_template("backoffice_list.html", items=items, show_all=show_all)


def _application_json(item: dict[str, Any]) -> dict[str, Any]:
    """A list row as a grid shows it (the lookalike's datagrid loads the list as JSON)."""
    return {
        "id": item["id"],
        "name": item["name"],
        "units": "、".join(unit["unit_name"] for unit in item["units"]),
        "submitted_at": item["submitted_at"],
        "status_name": item["status_name"],
        "href": url_for("backoffice.detail", application_id=item["id"]),
    }


def _render_detail(application_id: int, error: str | None = None, reason: str = "", status: int = 200) -> Any:
    application = _application(application_id)
    units = db.query_all(
        "SELECT unit.*, COALESCE(unit_handler.bound, 0) AS bound FROM authcode_application_unit "
        "JOIN unit ON unit.id = authcode_application_unit.unit_id "
        "LEFT JOIN unit_handler ON unit_handler.unit_id = unit.id AND unit_handler.person_id = ? "
        "WHERE authcode_application_unit.application_id = ? ORDER BY unit.unit_name",
        (application["person_id"], application_id),
    )
    materials = db.query_all("SELECT * FROM authcode_material WHERE application_id = ? ORDER BY id", (application_id,))
    page = render_template(
        "backoffice_detail.html",
        application=application,
        status_name=STATUS_NAMES[application["status"]],
        units=units,
        materials=materials,
        error=error,
        reason=reason,
    )
    return page, status


@bp.get("/applications/<int:application_id>")
def detail(application_id: int) -> Any:
    """One application: the applicant, the units, the materials and the decision."""
    return _render_detail(application_id)


@bp.get("/materials/<int:material_id>")
def download_material(material_id: int) -> Any:
    """A material as uploaded, under its original name."""
    material = db.query_one("SELECT * FROM authcode_material WHERE id = ?", (material_id,))
    if material is None:
        abort(404)
    path = upload_dir() / material["stored_name"]
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=material["content_type"], as_attachment=True, download_name=material["original_name"]
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/applications/<int:application_id>/approve")
def approve(application_id: int) -> Any:
    """「审核通过」: 授权码 issued and texted to the handler."""
    _application(application_id)
    try:
        approve_application(application_id)
    except DecisionError as error:
        if wants_json():
            return json_refusal({"form": str(error)}, 409)
        return _render_detail(application_id, error=str(error), status=409)
    return _decided(APPROVED_MESSAGE, application_id)


def _decided(message: str, application_id: int) -> Any:
    """The decision is taken: its message is flashed for the application's page, which a
    script reloads itself after its JSON answer."""
    flash(message)
    target = url_for("backoffice.detail", application_id=application_id)
    if wants_json():
        return jsonify(ok=True, message=message, reload=target)
    return redirect(target)


@bp.post("/applications/<int:application_id>/reject")
def reject(application_id: int) -> Any:
    """「审核不通过」 with the reason the handler will read."""
    _application(application_id)
    reason = posted().get("reason", "")
    try:
        reject_application(application_id, reason)
    except DecisionError as error:
        if wants_json():
            return json_refusal({"reason": str(error)}, 400)
        return _render_detail(application_id, error=str(error), reason=reason, status=400)
    return _decided(REJECTED_MESSAGE, application_id)
