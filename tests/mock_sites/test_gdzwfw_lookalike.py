"""Tests of the mock GD-IdP's lookalike rendition through Flask's test client: the login app's
routes under /pscp/sso/static/, the captcha image, the account summary the app draws, and the
OAuth authorize that sends a visitor to the app."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from mock_sites.gdzwfw import create_app
from tests.mock_sites.test_gdzwfw_app import log_in, seed

HRSS_URL = "http://hrss.test"
CLIENT_ID = "hrss-client"


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """A GD-IdP app in the lookalike rendition, with HRSS registered as its OAuth client."""
    return create_app(
        {
            "TESTING": True,
            "UI": "lookalike",
            "DATABASE": str(tmp_path / "gdzwfw.sqlite3"),
            "HRSS_URL": HRSS_URL,
            "SSO_CLIENT_ID": CLIENT_ID,
            "SSO_CLIENT_SECRET": "s3cret",
        }
    )


def captcha_shown(client: FlaskClient) -> str:
    """The id of the captcha the 账号密码 form shows, as the app asks for it."""
    answer = client.get(
        "/pscp/sso/login", query_string={"type": "legal", "method": "password"}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 200
    return answer.get_json()["captcha_id"]


# --- The app's routes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/pscp/sso/static/",
        "/pscp/sso/static/register?type=legal",
        "/pscp/sso/static/manage/info",
        "/pscp/sso/static/manage/realname?key=realname",
        "/pscp/sso/static/manage/realname/edit",
    ],
)
def test_every_route_of_the_app_gets_its_shell(client: FlaskClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert '<div id="app"></div>' in page.text
    assert "/static/lookalike/js/app.5f3c9a1e.js" in page.text
    assert client.get("/static/lookalike/js/app.5f3c9a1e.js").status_code == 200


@pytest.mark.parametrize(
    "path", ["/pscp/sso/static/nowhere", "/pscp/sso/static/manage/nowhere", "/pscp/sso/static/register/x"]
)
def test_unknown_route_is_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_the_app_is_only_in_the_lookalike_rendition(tmp_path: Path) -> None:
    classic = create_app({"TESTING": True, "DATABASE": str(tmp_path / "classic.sqlite3")}).test_client()
    assert classic.get("/pscp/sso/static/").status_code == 404
    assert classic.get("/pscp/sso/login").status_code == 200


def test_the_shell_names_the_legal_person_client(client: FlaskClient) -> None:
    assert f'"legal_client": "{CLIENT_ID}"' in client.get("/pscp/sso/static/").text


# --- The captcha image ---------------------------------------------------------------------------


def test_captcha_image_is_served_to_the_browser_it_was_shown_to(client: FlaskClient) -> None:
    image = client.get(f"/pscp/sso/captcha/{captcha_shown(client)}")
    assert image.status_code == 200
    assert image.mimetype == "image/svg+xml"
    assert "<svg" in image.text and "no-store" in image.headers["Cache-Control"]


def test_captcha_image_of_another_browser_or_unknown_is_404(app: Flask, client: FlaskClient) -> None:
    captcha_id = captcha_shown(client)
    assert app.test_client().get(f"/pscp/sso/captcha/{captcha_id}").status_code == 404
    assert client.get("/pscp/sso/captcha/000000000000").status_code == 404
    assert client.get("/pscp/sso/captcha/" + "a" * 500).status_code == 404


# --- The account summary -------------------------------------------------------------------------


def test_summary_without_a_session_is_401(client: FlaskClient) -> None:
    answer = client.get("/pscp/account/summary", headers={"Accept": "application/json"})
    assert answer.status_code == 401
    assert answer.get_json() == {"ok": False, "error": "请先登录"}


def test_summary_shows_the_account_its_level_and_methods(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data, level=4, methods=["registry", "bank_cert"], phone="13800138000")
    log_in(client, account["login_name"], account["password"])
    summary = client.get("/pscp/account/summary", headers={"Accept": "application/json"}).get_json()
    assert summary["ok"] is True
    assert (summary["unit_name"], summary["uscc"], summary["login_name"]) == (
        account["unit_name"],
        account["uscc"],
        account["login_name"],
    )
    assert (summary["trust_level"], summary["level_name"], summary["current_method"]) == (4, "四级 (原L2)", "网银证书")
    assert summary["done"] == ["bank_cert", "registry"]
    assert summary["masked_phone"] == "138****8000"
    assert "password" not in summary and "password_hash" not in summary


def test_summary_refuses_other_methods(client: FlaskClient) -> None:
    assert client.post("/pscp/account/summary", json={}).status_code == 405


# --- OAuth authorize -----------------------------------------------------------------------------


def test_authorize_sends_a_visitor_to_the_app_with_the_oauth_query(client: FlaskClient) -> None:
    query = {
        "client_id": CLIENT_ID,
        "redirect_uri": f"{HRSS_URL}/isso/sso/callback",
        "response_type": "code",
        "scope": "all",
        "service": "initService",
        "state": "xyz",
    }
    answer = client.get("/pscp/sso/connect/page/oauth2/authorize", query_string=query)
    assert answer.status_code == 302
    target = urlsplit(answer.headers["Location"])
    assert target.path == "/pscp/sso/static/"
    assert {key: values[0] for key, values in parse_qs(target.query).items()} == query


def test_authorize_still_refuses_a_foreign_redirect_uri(client: FlaskClient) -> None:
    query = {"client_id": CLIENT_ID, "redirect_uri": "http://evil.test/cb", "response_type": "code", "scope": "all"}
    answer = client.get("/pscp/sso/connect/page/oauth2/authorize", query_string=query)
    assert answer.status_code == 400
    assert "Location" not in answer.headers
