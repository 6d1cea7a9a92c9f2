"""Control API of the mock HRSS (`/__mock__/…`): seeding and the SMS outbox.

Only the mock has it; the harness reaches it through `harness.mock_control`. Area modules
(binding, authcode …) add their own control blueprints under the same prefix.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, jsonify, request

from mock_sites import sms
from mock_sites.hrss.auth import create_person

bp = Blueprint("control", __name__, url_prefix="/__mock__")


@bp.get("/health")
def health() -> Any:
    """Readiness probe for the harness."""
    return jsonify(status="ok", portal="hrss")


@bp.post("/persons")
def seed_person() -> Any:
    """Creates a personal account directly. Body: login_name, password, name, id_number,
    phone, realname_level (default 2: enough to act as a unit's handler)."""
    body = request.get_json(force=True)
    try:
        person_id = create_person(
            login_name=body["login_name"],
            password=body["password"],
            name=body["name"],
            id_number=body["id_number"],
            phone=body["phone"],
            realname_level=int(body.get("realname_level", 2)),
        )
    except sqlite3.IntegrityError as error:
        return jsonify(error=str(error)), 409
    return jsonify(id=person_id), 201


@bp.get("/sms")
def sms_outbox() -> Any:
    """The SMS outbox, newest first; `?phone=` filters by number."""
    return jsonify(sms.outbox(request.args.get("phone")))
