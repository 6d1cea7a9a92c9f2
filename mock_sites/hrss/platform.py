"""The home of the 广东省人力资源和社会保障厅网上服务平台 behind the login, acting for a unit: which
unit, how the browser logged in, the services (its 「稳岗返还信息确认」 is `rebate.py`)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, session

from mock_sites.hrss.auth import current_unit, unit_required

bp = Blueprint("platform", __name__, url_prefix="/platform")

VIA_NAMES = {"gdidp": "省统一身份认证", "unit_password": "单位账号密码", "person": "经办人个人实名账号"}


@bp.get("/home")
@unit_required
def home() -> Any:
    """Platform home: which unit the browser acts for, how it logged in, the services."""
    return render_template(
        "platform_home.html", unit=current_unit(), via_name=VIA_NAMES.get(session.get("via", ""), "")
    )
