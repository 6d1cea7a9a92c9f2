"""Mock 广东省统一身份认证平台 (GD-IdP) of 广东政务服务网."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from mock_sites import db, mutants, sms
from mock_sites.gdzwfw.regions import region_pairs
from mock_sites.web import base_config, make_app


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Builds the GD-IdP app: defaults, then `config`, then blueprints and the database."""
    defaults = {
        **base_config(cookie_name="gdzwfw_session", db_name="gdzwfw"),
        "HRSS_URL": None,  # set by mock_sites.serving once HRSS has a port
        "SSO_CLIENT_ID": None,
        "SSO_CLIENT_SECRET": None,
    }
    app = make_app(__name__, defaults, config)
    db.init_app(app, Path(__file__).parent)
    app.jinja_env.globals["region_pairs"] = region_pairs

    # One module per area of the portal; each exports `bp` and may export `control_bp`
    # (its part of the /__mock__/ control API).
    for module in _area_modules():
        app.register_blueprint(module.bp)
        if hasattr(module, "control_bp"):
            app.register_blueprint(module.control_bp)
    app.register_blueprint(sms.control_bp)  # the SMS outbox and inbox of the control API
    app.register_blueprint(mutants.control_bp)  # rule mutants, off unless asked for
    mutants.check_setting(app)

    return app


def _area_modules() -> list:
    from mock_sites.gdzwfw import account, control, login, oauth, portal, register, sso_app

    return [portal, login, register, account, oauth, sso_app, control]
