"""Control API of the mock GD-IdP (`/__mock__/…`): seeding and simulated out-of-band steps.

Only the mock has it; the harness reaches it through `harness.mock_control`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, jsonify, request

from mock_sites import sms
from mock_sites.gdzwfw.auth import create_legal_account

bp = Blueprint("control", __name__, url_prefix="/__mock__")


@bp.get("/health")
def health() -> Any:
    """Readiness probe for the harness."""
    return jsonify(status="ok", portal="gdzwfw")


@bp.post("/legal-accounts")
def seed_legal_account() -> Any:
    """Creates a legal account directly at a trust level, for preconditions that are not
    the step under test. Body: login_name, password, unit_name, uscc, trust_level (3–5)."""
    body = request.get_json(force=True)
    try:
        account_id = create_legal_account(
            login_name=body.get("login_name"),
            password=body.get("password"),
            unit_name=body["unit_name"],
            uscc=body["uscc"],
            trust_level=int(body.get("trust_level", 3)),
        )
    except sqlite3.IntegrityError as error:
        return jsonify(error=str(error)), 409
    return jsonify(id=account_id), 201


@bp.get("/sms")
def sms_outbox() -> Any:
    """The SMS outbox, newest first; `?phone=` filters by number."""
    return jsonify(sms.outbox(request.args.get("phone")))
