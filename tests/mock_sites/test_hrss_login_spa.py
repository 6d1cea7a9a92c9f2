"""Unit tests of the HRSS login, unit picker and 实名信息注册 step 1 as the layui rendition uses
them: JSON posts answered with JSON (refusals by field with a Chinese message and a 4xx, an
accepted post with where to go next), malformed bodies refused without a 500 and nothing
stored; and the layui pages themselves (framework build, CSRF meta, the guide's texts).

These tests may import mock_sites; only the harness runtime code must not.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from mock_sites import hrss

PASSWORD = "Aa1Bb2Cc3Dd4"


@pytest.fixture(params=["classic", "spa"])
def app(request: pytest.FixtureRequest) -> Flask:
    """A fresh HRSS app with its own database, in each rendition: the views answer JSON alike."""
    return hrss.create_app(
        {
            "TESTING": True,
            "UI": request.param,
            "SSO_CLIENT_ID": "c",
            "SSO_CLIENT_SECRET": "s",
            "GDZWFW_URL": "http://gdzwfw.invalid",
        }
    )


@pytest.fixture
def spa_client() -> FlaskClient:
    """A client of the layui rendition."""
    app = hrss.create_app(
        {
            "TESTING": True,
            "UI": "spa",
            "SSO_CLIENT_ID": "c",
            "SSO_CLIENT_SECRET": "s",
            "GDZWFW_URL": "http://gdzwfw.invalid",
        }
    )
    return app.test_client()


def _seed(client: FlaskClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"/__mock__/{path}", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def _person(client: FlaskClient, data: DataBuilder, realname_level: int = 2) -> dict[str, Any]:
    person = data.person()
    body = {
        "login_name": data.hrss_username(),
        "password": PASSWORD,
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
        "realname_level": realname_level,
    }
    _seed(client, "persons", body)
    return body


def _unit(client: FlaskClient, data: DataBuilder) -> dict[str, Any]:
    unit = data.unit()
    body = {"cert_no": unit.uscc, "unit_name": unit.name, "username": data.hrss_username(), "password": PASSWORD}
    body["id"] = _seed(client, "units", body)["id"]
    return body


# --- 单位登录 → 账号密码 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"username": "", "password": "x"}, 400, "请输入用户名"),
        ({"username": "someone", "password": ""}, 400, "请输入密码"),
        ({"username": "nobody_here", "password": PASSWORD}, 401, "用户名或密码错误"),
        ({"username": 12345, "password": ["not", "text"]}, 400, "请输入用户名"),
    ],
)
def test_unit_login_refusals_are_json(client: FlaskClient, body: dict, status: int, message: str) -> None:
    response = client.post("/isso/login/unit", json=body)
    assert response.status_code == status
    answer = response.get_json()
    assert answer["ok"] is False and answer["message"] == message and message in answer["errors"].values()


def test_unit_login_wrong_password_is_json_401(client: FlaskClient, data: DataBuilder) -> None:
    unit = _unit(client, data)
    response = client.post("/isso/login/unit", json={"username": unit["username"], "password": PASSWORD + "x"})
    assert response.status_code == 401 and response.get_json()["message"] == "用户名或密码错误"
    assert client.get("/platform/home").status_code == 302  # still acting for no unit


def test_unit_login_accepted_says_where_to_go(client: FlaskClient, data: DataBuilder) -> None:
    unit = _unit(client, data)
    response = client.post("/isso/login/unit", json={"username": unit["username"], "password": PASSWORD})
    assert response.status_code == 200 and response.get_json() == {"ok": True, "redirect": "/platform/home"}
    assert unit["unit_name"] in client.get("/platform/home").get_data(as_text=True)


@pytest.mark.parametrize("raw", ["[1, 2]", "not json", '"text"', "null"])
def test_malformed_json_bodies_are_refused_clearly(client: FlaskClient, raw: str) -> None:
    for path, message in (("/isso/login/unit", "请输入用户名"), ("/isso/login/person", "请输入登录账号")):
        response = client.post(path, data=raw, content_type="application/json")
        assert response.status_code == 400, path
        assert response.get_json()["message"] == message


def test_classic_form_login_still_answers_a_page(client: FlaskClient) -> None:
    response = client.post("/isso/login/unit", data={"username": "", "password": ""})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "请输入用户名" in response.get_data(as_text=True)


# --- 个人登录 and the unit picker -------------------------------------------------------------------


def test_person_login_then_unit_choice_as_json(client: FlaskClient, data: DataBuilder) -> None:
    person = _person(client, data)
    unit = _unit(client, data)
    other = _unit(client, data)
    _seed(client, "unit-handlers", {"cert_no": unit["cert_no"], "person_login_name": person["login_name"]})
    refused = client.post("/isso/login/person", json={"login_name": person["login_name"], "password": "Wrong1Pass"})
    assert refused.status_code == 401 and refused.get_json()["message"] == "登录账号或密码错误"
    accepted = client.post("/isso/login/person", json={"login_name": person["login_name"], "password": PASSWORD})
    assert accepted.get_json() == {"ok": True, "redirect": "/isso/login/person/units"}

    none_chosen = client.post("/isso/login/person/units", json={"unit_id": ""})
    assert none_chosen.status_code == 400 and none_chosen.get_json()["message"] == "请选择要办理业务的单位"
    not_bound = client.post("/isso/login/person/units", json={"unit_id": str(other["id"])})
    assert not_bound.status_code == 403 and "未与该单位绑定" in not_bound.get_json()["message"]
    assert client.get("/platform/home").status_code == 302  # a refused choice acts for no unit

    entered = client.post("/isso/login/person/units", json={"unit_id": str(unit["id"])})
    assert entered.get_json() == {"ok": True, "redirect": "/platform/home"}
    assert f"当前单位：{unit['unit_name']}" in client.get("/platform/home").get_data(as_text=True)


# --- 实名信息注册 step 1 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "status", "errors"),
    [
        ("blank", 400, {"person_login": "请输入实名个人登录账号", "person_id_number": "请输入实名个人证件号码"}),
        ("unknown", 400, {"form": "实名个人登录账号或实名个人证件号码不正确，请核对后重试"}),
        ("level_1", 400, {"form": "当前账号实名等级不足, 请至少提升至二级实名后重试"}),
    ],
)
def test_step_one_refusals_are_json(
    client: FlaskClient, data: DataBuilder, case: str, status: int, errors: dict[str, str]
) -> None:
    person = _person(client, data, realname_level=1 if case == "level_1" else 2)
    body = {"person_login": person["login_name"], "person_id_number": person["id_number"]}
    if case == "blank":
        body = {"person_login": "", "person_id_number": ""}
    if case == "unknown":
        body["person_login"] = "nobody_here"
    client.get("/isso/register/unit")
    response = client.post("/isso/register/unit/person", json=body)
    assert response.status_code == status and response.get_json()["errors"] == errors
    assert client.get("/isso/register/unit/info").status_code == 302  # step 2 stays closed


def test_step_one_accepted_moves_on(client: FlaskClient, data: DataBuilder) -> None:
    person = _person(client, data)
    client.get("/isso/register/unit")
    response = client.post(
        "/isso/register/unit/person",
        json={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    assert response.get_json() == {"ok": True, "redirect": "/isso/register/unit/info"}
    assert client.get("/isso/register/unit/info").status_code == 200


# --- The layui pages --------------------------------------------------------------------------------


def test_spa_login_page_is_a_layui_page_with_the_guide_texts(spa_client: FlaskClient) -> None:
    page = spa_client.get("/isso/login.html").get_data(as_text=True)
    assert "/vendor/layui/css/layui.css" in page and "/vendor/layui/layui.js" in page
    assert '<meta name="csrf-token" content="' in page
    assert 'class="layui-tab-title"' in page and '<li class="layui-this">单位登录</li>' in page
    for text in (
        "单位登录",
        "个人登录",
        "账号密码",
        "省统一身份认证",
        "用户名",
        "密码",
        "登录",
        "单位注册",
        "个人注册",
    ):
        assert text in page
    assert "<button" not in page and "<label for=" not in page and "role=" not in page


def test_spa_vendor_build_is_served(spa_client: FlaskClient) -> None:
    assert spa_client.get("/vendor/layui/layui.js").status_code == 200
    assert spa_client.get("/vendor/layui/../../package.json").status_code == 404


def test_spa_wizard_step_two_draws_selects_and_rows(spa_client: FlaskClient, data: DataBuilder) -> None:
    person = _person(spa_client, data)
    spa_client.get("/isso/register/unit")
    spa_client.post(
        "/isso/register/unit/person",
        json={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    page = spa_client.get("/isso/register/unit/info").get_data(as_text=True)
    for label in (
        "证件类型",
        "证件号码",
        "单位名称",
        "单位所在地",
        "详细地址",
        "法定代表人姓名",
        "法定代表人证件类型",
        "法定代表人证件号码",
        "法定代表人手机号码",
        "用户名",
        "密码",
        "确认密码",
        "短信验证码",
    ):
        assert f'<span class="hrss-required">*</span>{label}</label>' in page
    assert "推荐使用统一社会信用代码注册" in page and "如果证件类型为组织机构代码, 第九位“-”请省略" in page
    assert 'name="csrf_token"' in page and "获取验证码" in page and "注册" in page
