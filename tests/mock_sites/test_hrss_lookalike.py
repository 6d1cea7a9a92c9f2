"""Unit tests of what HRSS's lookalike rendition adds: the bundled apps' content-hashed assets
and shells, the session cookie YH_MASS_TOKEN, and the JSON answers its apps read from the
existing endpoints (units of a personal login, 稳岗返还 records and their confirmation,
子账号信息 rows) — bad or unauthorised requests get a clear 4xx, never a 500.

These tests may import mock_sites; only the harness runtime code must not.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from mock_sites import hrss

PASSWORD = "Aa1Bb2Cc3Dd4"
JSON = {"Accept": "application/json"}
HASHED = re.compile(r'(?:src|href)="(/(?:isso|WGSQ)/(?:js|css|img)/[A-Za-z0-9_-]+\.[0-9a-f]{8}\.(?:js|css|png))"')


def _app(ui: str) -> Flask:
    return hrss.create_app(
        {
            "TESTING": True,
            "UI": ui,
            "SSO_CLIENT_ID": "c",
            "SSO_CLIENT_SECRET": "s",
            "GDZWFW_URL": "http://gdzwfw.invalid",
        }
    )


@pytest.fixture
def app() -> Flask:
    """A fresh HRSS app of the lookalike rendition."""
    return _app("lookalike")


def _seed(client: FlaskClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"/__mock__/{path}", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def _person(client: FlaskClient, data: DataBuilder) -> dict[str, Any]:
    person = data.person()
    body = {
        "login_name": data.hrss_username(),
        "password": PASSWORD,
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
        "realname_level": 2,
    }
    _seed(client, "persons", body)
    return body


def _unit(client: FlaskClient, data: DataBuilder, **extra: Any) -> dict[str, Any]:
    unit = data.unit()
    body = {
        "cert_no": unit.uscc,
        "unit_name": unit.name,
        "username": data.hrss_username(),
        "password": PASSWORD,
        **extra,
    }
    body["id"] = _seed(client, "units", body)["id"]
    return body


def _session(client: FlaskClient, app: Flask, body: dict[str, Any]) -> None:
    cookie = _seed(client, "sessions", body)
    client.set_cookie(cookie["name"], cookie["value"])


def _rebate(client: FlaskClient, unit: dict[str, Any]) -> None:
    _seed(
        client,
        "rebates",
        {
            "cert_no": unit["cert_no"],
            "period": "2025年度",
            "amount": "12345.67",
            "bank_name": "中国工商银行广州天河支行",
            "bank_account": "6222020200001234",
        },
    )


def _gdidp_unit_session(client: FlaskClient, app: Flask, data: DataBuilder, level: int = 4) -> dict[str, Any]:
    unit = _unit(client, data, gdidp_linked=True)
    _session(client, app, {"gdidp": {"uscc": unit["cert_no"], "unit_name": unit["unit_name"], "trust_level": level}})
    return unit


# --- Shells, assets, cookie --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/isso/login.html", "/WGSQ"])
def test_shells_name_their_assets_by_content_hash(client: FlaskClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert '<div id="app"' in text and '<meta name="csrf-token" content="' in text and "role=" not in text
    assets = HASHED.findall(text)
    assert assets, text
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_login_app_holds_the_guides_texts(client: FlaskClient) -> None:
    page = client.get("/isso/login.html").get_data(as_text=True)
    app_js = next(asset for asset in HASHED.findall(page) if "/js/app." in asset)
    script = client.get(app_js).get_data(as_text=True)
    for text in (
        "单位登录",
        "个人登录",
        "账号密码",
        "省统一身份认证",
        "选择绑定的单位",
        "为选中的单位办理业务，点击此处登录",
    ):
        assert text in script


@pytest.mark.parametrize(
    "path",
    [
        "/isso/js/app.00000000.js",  # an old hash
        "/isso/js/app.js",  # no hash
        "/isso/js/nothing.0123abcd.js",
        "/isso/fonts/app.0123abcd.woff",
        "/WGSQ/js/chunk-vendors.0123abcd.js",  # the isso build's vendor chunk is not WGSQ's
        "/isso/js/app.0123ABCD.js",
    ],
)
def test_unknown_or_stale_assets_are_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_session_cookie_is_yh_mass_token(client: FlaskClient) -> None:
    client.get("/isso/login.html")
    assert client.get_cookie("YH_MASS_TOKEN") is not None and client.get_cookie("hrss_session") is None


def test_classic_serves_no_lookalike_routes() -> None:
    classic = _app("classic").test_client()
    assert classic.get("/WGSQ").status_code == 404
    assert classic.get("/isso/js/app.0123abcd.js").status_code == 404
    classic.get("/isso/login.html")
    assert classic.get_cookie("hrss_session") is not None


# --- 个人登录: the units as JSON ------------------------------------------------------------------


def test_person_units_as_json(client: FlaskClient, data: DataBuilder) -> None:
    person = _person(client, data)
    unit = _unit(client, data)
    _seed(client, "unit-handlers", {"cert_no": unit["cert_no"], "person_login_name": person["login_name"]})
    assert (
        client.post("/isso/login/person", json={"login_name": person["login_name"], "password": PASSWORD}).status_code
        == 200
    )
    answer = client.get("/isso/login/person/units", headers=JSON).get_json()
    assert answer["ok"] is True and answer["person"] == {"name": person["name"]}
    assert answer["units"] == [
        {
            "id": unit["id"],
            "unit_name": unit["unit_name"],
            "cert_no": unit["cert_no"],
            "manager_code": answer["units"][0]["manager_code"],
            "authcode_realname": False,
        }
    ]


def test_person_units_without_login_is_401(client: FlaskClient) -> None:
    response = client.get("/isso/login/person/units", headers=JSON)
    assert response.status_code == 401 and response.get_json()["message"] == "登录已失效，请重新登录"


# --- 稳岗返还: records and confirmation as JSON -------------------------------------------------------


def test_rebates_as_json_then_confirmed_once(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    unit = _gdidp_unit_session(client, app, data)
    _rebate(client, unit)
    answer = client.get("/platform/rebate", headers=JSON).get_json()
    assert answer["ok"] is True and answer["unit"] == {"unit_name": unit["unit_name"], "cert_no": unit["cert_no"]}
    (row,) = answer["rebates"]
    assert row["amount"] == "12,345.67" and row["account"] == "6222 **** **** 1234" and row["confirmed_at"] is None
    first = client.post(f"/platform/rebate/{row['id']}/confirm", json={})
    assert first.status_code == 200 and first.get_json() == {"ok": True, "message": "确认成功"}
    again = client.post(f"/platform/rebate/{row['id']}/confirm", json={})
    assert again.status_code == 409 and "无需重复确认" in again.get_json()["message"]
    assert len(client.get(f"/__mock__/rebate-confirmations?cert_no={unit['cert_no']}").get_json()) == 1


def test_confirming_an_unknown_rebate_is_404(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    _gdidp_unit_session(client, app, data)
    response = client.post("/platform/rebate/999999/confirm", json={})
    assert response.status_code == 404 and response.get_json()["error"] == "没有找到该稳岗返还信息"
    too_big = client.post(f"/platform/rebate/{2**64}/confirm", json={})
    assert too_big.status_code == 404


def test_rebates_refused_for_a_unit_password_login_as_json(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    unit = _unit(client, data)
    _rebate(client, unit)
    _session(client, app, {"unit_username": unit["username"]})
    listed = client.get("/platform/rebate", headers=JSON)
    assert listed.status_code == 403 and listed.get_json()["title"] == "无法办理稳岗返还信息确认"
    assert "单位账号密码登录不能办理稳岗返还信息确认" in listed.get_json()["message"]
    confirmed = client.post("/platform/rebate/1/confirm", json={})
    assert confirmed.status_code == 403
    assert client.get(f"/__mock__/rebate-confirmations?cert_no={unit['cert_no']}").get_json() == []


def test_rebates_without_login_are_401(client: FlaskClient) -> None:
    response = client.get("/platform/rebate", headers=JSON)
    assert response.status_code == 401 and response.get_json() == {"ok": False, "message": "登录已失效，请重新登录"}
    assert client.post("/platform/rebate/1/confirm", json={}).status_code == 401


def test_rebate_page_still_answers_html_to_a_browser(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    _gdidp_unit_session(client, app, data)
    page = client.get("/platform/rebate", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.mimetype == "text/html"


# --- 子账号信息 rows as JSON ------------------------------------------------------------------------


def test_sub_accounts_as_grid_rows(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    person = _person(client, data)
    unit = _unit(client, data)
    _session(client, app, {"unit_username": unit["username"]})
    sent = client.post(
        "/platform/account/sub-accounts",
        json={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    assert sent.status_code == 200 and sent.get_json()["ok"] is True
    answer = client.get("/platform/account/sub-accounts", headers=JSON).get_json()
    assert answer["total"] == 1
    (row,) = answer["rows"]
    assert row["login_name"] == person["login_name"] and row["status_name"] == "待确认"
    assert row["id_number"] == f"{person['id_number'][:6]}********{person['id_number'][-4:]}"


def test_sub_account_request_refusals_are_4xx(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    unit = _unit(client, data)
    _session(client, app, {"unit_username": unit["username"]})
    empty = client.post("/platform/account/sub-accounts", json={"person_login": "", "person_id_number": ""})
    assert empty.status_code == 400 and empty.get_json()["message"] == "请输入实名个人登录账号"
    malformed = client.post("/platform/account/sub-accounts", data="[1]", content_type="application/json")
    assert 400 <= malformed.status_code < 500
    assert client.get("/platform/account/sub-accounts", headers=JSON).get_json() == {"total": 0, "rows": []}


def test_sub_accounts_without_login_are_401(client: FlaskClient) -> None:
    assert client.get("/platform/account/sub-accounts", headers=JSON).status_code == 401


# --- The agency's list as grid rows -------------------------------------------------------------------


def test_backoffice_list_as_grid_rows(client: FlaskClient) -> None:
    for path in ("/isso/backoffice/applications", "/isso/backoffice/applications?status=all"):
        answer = client.get(path, headers=JSON)
        assert answer.status_code == 200 and answer.get_json() == {"total": 0, "rows": []}
    page = client.get("/isso/backoffice/applications", headers={"Accept": "text/html"})
    assert page.mimetype == "text/html" and "datagrid" in page.get_data(as_text=True)


def test_backoffice_decision_on_an_unknown_application_is_404(client: FlaskClient) -> None:
    assert client.post("/isso/backoffice/applications/424242/approve", json={}).status_code == 404
    assert client.post("/isso/backoffice/applications/424242/reject", json={"reason": "材料不全"}).status_code == 404


# --- 实名认证: the handler's applications as grid rows --------------------------------------------------


def test_realname_applications_as_grid_rows(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    person = _person(client, data)
    unit = _unit(client, data)
    _seed(client, "unit-handlers", {"cert_no": unit["cert_no"], "person_login_name": person["login_name"]})
    _session(client, app, {"person_login_name": person["login_name"], "unit_cert_no": unit["cert_no"]})
    assert client.get("/platform/realname", headers=JSON).get_json() == {"total": 0, "rows": []}
    refused = client.post("/platform/realname/authcode", json={"authcode": ""})
    assert refused.status_code == 400 and refused.get_json()["message"] == "请输入单位授权码"


def test_realname_applications_without_login_are_401(client: FlaskClient) -> None:
    assert client.get("/platform/realname", headers=JSON).status_code == 401


def test_unit_choice_page_is_the_login_app(client: FlaskClient, data: DataBuilder) -> None:
    person = _person(client, data)
    client.post("/isso/login/person", json={"login_name": person["login_name"], "password": PASSWORD})
    page = client.get("/isso/login/person/units", headers={"Accept": "text/html"})
    assert page.status_code == 200 and '<div id="app"' in page.get_data(as_text=True)
