"""Both mock portals' app factories, and serving them together on two origins."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from mock_sites import gdzwfw, hrss
from mock_sites.rules import DEFAULT_KEYBOARD_RUN_LIMIT
from mock_sites.serving import start_portals


@pytest.mark.parametrize("factory", [gdzwfw.create_app, hrss.create_app], ids=["gdzwfw", "hrss"])
def test_defaults_are_safe(factory) -> None:
    app = factory()
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert len(app.config["SECRET_KEY"]) >= 32
    assert Path(app.config["DATABASE"]).exists()


@pytest.mark.parametrize("factory", [gdzwfw.create_app, hrss.create_app], ids=["gdzwfw", "hrss"])
def test_overrides_come_after_defaults(factory, tmp_path: Path) -> None:
    database = tmp_path / "state.sqlite3"
    app = factory({"DATABASE": str(database), "SECRET_KEY": "k" * 32})
    assert app.config["DATABASE"] == str(database) and database.exists()
    assert app.config["SECRET_KEY"] == "k" * 32


def test_two_apps_do_not_share_state() -> None:
    first, second = gdzwfw.create_app(), gdzwfw.create_app()
    assert first.config["DATABASE"] != second.config["DATABASE"]


def test_session_cookies_have_distinct_names() -> None:
    # Both portals sit on 127.0.0.1 and cookies ignore the port.
    assert gdzwfw.create_app().config["SESSION_COOKIE_NAME"] != hrss.create_app().config["SESSION_COOKIE_NAME"]


def test_hrss_keyboard_run_limit_defaults_to_four_and_is_a_setting() -> None:
    assert hrss.create_app().config["KEYBOARD_RUN_LIMIT"] == DEFAULT_KEYBOARD_RUN_LIMIT == 4
    assert hrss.create_app({"KEYBOARD_RUN_LIMIT": 3}).config["KEYBOARD_RUN_LIMIT"] == 3


@pytest.mark.parametrize(
    ("factory", "path"),
    [(gdzwfw.create_app, "/pscp/sso/login"), (hrss.create_app, "/isso/login.html")],
    ids=["gdzwfw", "hrss"],
)
def test_login_pages_answer(factory, path: str) -> None:
    response = factory().test_client().get(path)
    assert response.status_code == 200 and "登录" in response.get_data(as_text=True)


def test_serving_starts_two_origins_that_know_each_other() -> None:
    portals = start_portals()
    try:
        assert portals.gdzwfw_url != portals.hrss_url
        for url, portal in ((portals.gdzwfw_url, "gdzwfw"), (portals.hrss_url, "hrss")):
            with urllib.request.urlopen(f"{url}/__mock__/health", timeout=5) as response:
                assert json.load(response)["portal"] == portal
        gdzwfw_app, hrss_app = portals.apps
        assert gdzwfw_app.config["HRSS_URL"] == portals.hrss_url
        assert hrss_app.config["GDZWFW_URL"] == portals.gdzwfw_url
        assert gdzwfw_app.config["SSO_CLIENT_SECRET"] == hrss_app.config["SSO_CLIENT_SECRET"]
    finally:
        portals.stop()
