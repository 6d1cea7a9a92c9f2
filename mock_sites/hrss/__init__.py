"""Mock 广东人社统一认证 (HRSS unified authentication, paths under /isso/) and the
广东省人力资源和社会保障厅网上服务平台 behind it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, redirect, url_for

from mock_sites import db, mutants, sms
from mock_sites.hrss import lookalike
from mock_sites.rules import DEFAULT_KEYBOARD_RUN_LIMIT
from mock_sites.web import base_config, make_app


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Builds the HRSS app: defaults, then `config`, then blueprints and the database."""
    defaults = {
        **base_config(cookie_name="hrss_session", db_name="hrss"),
        "GDZWFW_URL": None,  # set by mock_sites.serving once GD-IdP has a port
        "SSO_CLIENT_ID": None,
        "SSO_CLIENT_SECRET": None,
        # The guide states the keyboard-run limit as 4 in one screenshot and 3 in another.
        "KEYBOARD_RUN_LIMIT": DEFAULT_KEYBOARD_RUN_LIMIT,
    }
    if (config or {}).get("UI") == "lookalike":
        # The real /isso/ keeps its session in the cookie YH_MASS_TOKEN (evidence
        # hrss__unattributed_cookies_isso_token.txt); a caller's own name still wins.
        defaults["SESSION_COOKIE_NAME"] = "YH_MASS_TOKEN"
    app = make_app(__name__, defaults, config)
    db.init_app(app, Path(__file__).parent)

    # One module per area of the portal; each exports `bp` and may export `control_bp`
    # (its part of the /__mock__/ control API).
    for module in _area_modules():
        app.register_blueprint(module.bp)
        if hasattr(module, "control_bp"):
            app.register_blueprint(module.control_bp)
    app.register_blueprint(sms.control_bp)  # the SMS outbox and inbox of the control API
    app.register_blueprint(mutants.control_bp)  # rule mutants, off unless asked for
    mutants.check_setting(app)
    lookalike.register(app)

    @app.get("/")
    def home() -> Any:
        return redirect(url_for("login.login_page"))

    return app


def _area_modules() -> list:
    from mock_sites.hrss import (  # guide part 二
        accounts,
        backoffice,
        binding,
        control,
        login,
        person_login,
        platform,
        realname,
        rebate,
        register,
        sso,
    )

    return [login, sso, register, platform, rebate, control, accounts, person_login, binding, realname, backoffice]
