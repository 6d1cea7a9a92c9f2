"""Tests of the mock GD-IdP app through Flask's test client: the factory, the control API,
registration (nothing half-created, passwords hashed), logins and the verifications."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash

from harness.data import DataBuilder, Person, Unit
from mock_sites.gdzwfw import create_app
from mock_sites.gdzwfw.register import SMS_PURPOSE
from tests.lookups import search

PIN = "123456"


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """A GD-IdP app on its own database file."""
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "gdzwfw.sqlite3")})


def rows(app: Flask, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    """Reads the app's database directly."""
    with sqlite3.connect(app.config["DATABASE"]) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(sql, params).fetchall()


def alerts(html: str) -> list[str]:
    """The error messages a page shows."""
    return re.findall(r'role="alert"[^>]*>([^<]+)<', html)


def seed(client: FlaskClient, data: DataBuilder, unit: Unit | None = None, level: int = 3, **extra: object) -> dict:
    """Seeds an account through the control API; returns its state plus its password."""
    unit = unit or data.unit()
    password = data.strong_password()
    body = {
        "login_name": data.gdzwfw_account(),
        "password": password,
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "trust_level": level,
        **extra,
    }
    response = client.post("/__mock__/legal-accounts", json=body)
    assert response.status_code == 201, response.get_json()
    return {**response.get_json(), "password": password}


def log_in(client: FlaskClient, login_name: str, password: str, next_path: str = "") -> str:
    """Logs in with the password form; returns where the browser is sent."""
    page = client.get("/pscp/sso/login", query_string={"type": "legal", "method": "password"}).text
    captcha_id = search(r'data-captcha-id="(\w+)"', page).group(1)
    answer = client.get(f"/__mock__/captcha/{captcha_id}").get_json()["answer"]
    response = client.post(
        "/pscp/sso/login",
        data={
            "type": "legal",
            "method": "password",
            "login_name": login_name,
            "password": password,
            "captcha_id": captcha_id,
            "captcha": answer,
            "next": next_path,
        },
    )
    return response.headers.get("Location", "")


# --- The factory ----------------------------------------------------------------------------------


def test_defaults_then_overrides(tmp_path: Path) -> None:
    default = create_app()
    assert default.config["SESSION_COOKIE_NAME"] == "gdzwfw_session"
    assert default.config["HRSS_URL"] is None
    database = tmp_path / "own.sqlite3"
    app = create_app({"HRSS_URL": "http://127.0.0.1:9", "DATABASE": str(database), "SSO_CLIENT_ID": "x"})
    assert (app.config["HRSS_URL"], app.config["SSO_CLIENT_ID"]) == ("http://127.0.0.1:9", "x")
    assert database.exists()
    tables = {row["name"] for row in rows(app, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"legal_account", "verification", "ticket", "captcha", "registration_draft", "sms_outbox"} <= tables


def test_password_hash_method_is_a_setting(tmp_path: Path, data: DataBuilder) -> None:
    app = create_app({"DATABASE": str(tmp_path / "g.sqlite3"), "PASSWORD_HASH_METHOD": "scrypt"})
    seed(app.test_client(), data)
    (row,) = rows(app, "SELECT password_hash FROM legal_account")
    assert row["password_hash"].startswith("scrypt:")


def test_each_app_has_its_own_database() -> None:
    assert create_app().config["DATABASE"] != create_app().config["DATABASE"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/pscp/sso/login",
        "/pscp/sso/login?type=legal",
        "/pscp/sso/login?type=legal&method=password",
        "/pscp/sso/login?type=legal&method=bank",
        "/pscp/sso/login?type=legal&method=ca",
        "/pscp/sso/register?type=legal",
        "/pscp/sso/register?type=personal",
        "/portal/help/login-platform-intro.html",
        "/portal/help/bank-cert.html",
        "/portal/download/ca-helper.html",
        "/__mock__/",
    ],
)
def test_pages_render(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_unknown_help_page_is_404(client: FlaskClient) -> None:
    assert client.get("/portal/help/nothing.html").status_code == 404


# --- Control API -----------------------------------------------------------------------------------


def test_seed_with_the_original_body_and_read_back(client: FlaskClient, data: DataBuilder) -> None:
    unit = data.unit()
    body = {
        "login_name": data.gdzwfw_account(),
        "password": data.strong_password(),
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "trust_level": 4,
    }
    created = client.post("/__mock__/legal-accounts", json=body)
    assert created.status_code == 201
    (by_uscc,) = client.get("/__mock__/legal-accounts", query_string={"uscc": unit.uscc}).get_json()
    (by_login,) = client.get("/__mock__/legal-accounts", query_string={"login_name": body["login_name"]}).get_json()
    assert by_uscc == by_login == created.get_json()
    assert by_uscc["level_name"] == "四级 (原L2)" and by_uscc["has_password"] is True
    assert [item["method"] for item in by_uscc["verifications"]] == ["registry", "elicence"]
    assert "password_hash" not in by_uscc


def test_seed_with_details_and_methods(client: FlaskClient, data: DataBuilder) -> None:
    unit = data.unit()
    state = seed(
        client,
        data,
        unit,
        level=4,
        methods=["registry", "bank_cert"],
        legal_rep_name=unit.legal_rep_name,
        city=unit.city,
    )
    assert (state["legal_rep_name"], state["city"]) == (unit.legal_rep_name, unit.city)
    assert [item["method_name"] for item in state["verifications"]] == ["法人基础库", "网银证书"]


def test_seed_refuses_duplicates_bad_levels_and_unknown_methods(
    client: FlaskClient, app: Flask, data: DataBuilder
) -> None:
    unit = data.unit()
    seed(client, data, unit)
    duplicate = {"login_name": data.gdzwfw_account(), "password": "x", "unit_name": unit.name, "uscc": unit.uscc}
    assert client.post("/__mock__/legal-accounts", json=duplicate).status_code == 409
    other = data.unit()
    bad_level = {"login_name": data.gdzwfw_account(), "unit_name": other.name, "uscc": other.uscc, "trust_level": 2}
    assert client.post("/__mock__/legal-accounts", json=bad_level).status_code == 400
    assert (
        client.post("/__mock__/legal-accounts", json={**bad_level, "trust_level": 3, "methods": ["magic"]}).status_code
        == 400
    )
    assert len(rows(app, "SELECT id FROM legal_account")) == 1
    assert len(rows(app, "SELECT id FROM verification")) == 1


def test_unknown_account_is_an_empty_list(client: FlaskClient) -> None:
    assert client.get("/__mock__/legal-accounts", query_string={"uscc": "91440106MA5XXXXX1X"}).get_json() == []


def test_unknown_captcha_ticket_and_session_are_404(client: FlaskClient) -> None:
    assert client.get("/__mock__/captcha/nope").status_code == 404
    assert client.get("/__mock__/tickets/NOPE").status_code == 404
    assert client.post("/__mock__/scan/NOPE", json={}).status_code == 404
    assert client.post("/__mock__/bank-cert", json={"ticket": "NOPE"}).status_code == 404


def test_captcha_question_is_not_text_on_the_page(client: FlaskClient) -> None:
    page = client.get("/pscp/sso/login?type=legal&method=password").text
    captcha_id = search(r'data-captcha-id="(\w+)"', page).group(1)
    question = client.get(f"/__mock__/captcha/{captcha_id}").get_json()["question"]
    svg = search(r"<svg.*?</svg>", page, re.S).group(0)
    assert "<text" not in svg and question not in page


def test_certificate_endpoint_refuses_the_other_kind(client: FlaskClient) -> None:
    client.get("/pscp/sso/login?type=legal&method=ca")
    (ticket,) = client.get("/__mock__/tickets", query_string={"kind": "ca_cert"}).get_json()
    assert client.post("/__mock__/bank-cert", json={"ticket": ticket["ticket"]}).status_code == 400
    missing_pin = client.post("/__mock__/ca-cert", json={"ticket": ticket["ticket"], "uscc": "91440106MA5XXXXX1X"})
    assert missing_pin.status_code == 400


def test_scan_refuses_an_invalid_body(client: FlaskClient) -> None:
    client.get("/pscp/sso/register?type=legal")
    (face,) = client.get("/__mock__/tickets", query_string={"kind": "face"}).get_json()
    assert (
        client.post(f"/__mock__/scan/{face['ticket']}", json={"name": "张三", "resident_id": "123"}).status_code == 400
    )
    assert client.post(f"/__mock__/scan/{face['ticket']}", json={"resident_id": "123"}).status_code == 400


def test_console_plays_the_phone(client: FlaskClient, data: DataBuilder) -> None:
    page = client.get("/pscp/sso/register?type=legal").text
    ticket = search(r"data-face-ticket>(\w+)<", page).group(1)
    assert f'aria-label="{ticket}"' in client.get("/__mock__/").text
    person = data.person()
    client.post(
        f"/__mock__/console/scan/{ticket}",
        data={"name": person.name, "resident_id": person.resident_id, "passed": "yes"},
    )
    assert client.get("/__mock__/tickets/" + ticket).get_json()["status"] == "done"
    assert f'aria-label="{ticket}"' not in client.get("/__mock__/").text


# --- Registration ----------------------------------------------------------------------------------


def registration_form(
    client: FlaskClient, data: DataBuilder, unit: Unit | None = None, applicant: Person | None = None
) -> dict:
    """Opens 法人注册, has the applicant scanned, gets an SMS code; returns a valid step-1 form."""
    unit = unit or data.unit()
    page = client.get("/pscp/sso/register?type=legal").text
    ticket = search(r"data-face-ticket>(\w+)<", page).group(1)
    applicant = applicant or data.person()
    assert (
        client.post(
            f"/__mock__/scan/{ticket}", json={"name": applicant.name, "resident_id": applicant.resident_id}
        ).get_json()["status"]
        == "done"
    )
    assert client.post("/pscp/sso/register/sms-code", data={"phone": unit.phone}).get_json()["ok"]
    code = client.get("/__mock__/sms", query_string={"phone": unit.phone}).get_json()[0]["code"]
    password = data.strong_password()
    return {
        "account": data.gdzwfw_account(),
        "password": password,
        "password_confirm": password,
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "province": unit.province,
        "city": unit.city,
        "district": unit.district,
        "address_detail": unit.address_detail,
        "legal_rep_name": unit.legal_rep_name,
        "legal_rep_id": unit.legal_rep_id,
        "phone": unit.phone,
        "sms_code": code,
        "agreed": "on",
    }


def register(client: FlaskClient, form: dict) -> None:
    """Submits step 1 and confirms step 2."""
    assert client.post("/pscp/sso/register", data=form).headers["Location"] == "/pscp/sso/register/verify"
    assert "核验通过" in client.get("/pscp/sso/register/verify").text
    assert client.post("/pscp/sso/register/verify").headers["Location"] == "/pscp/sso/register/done"


def test_registration_creates_a_level_3_account_verified_by_the_registry(
    client: FlaskClient, app: Flask, data: DataBuilder
) -> None:
    form = registration_form(client, data)
    register(client, form)
    assert "三级 (原L1)" in client.get("/pscp/sso/register/done").text
    (account,) = client.get("/__mock__/legal-accounts", query_string={"uscc": form["uscc"]}).get_json()
    assert (account["login_name"], account["trust_level"], account["phone"]) == (form["account"], 3, form["phone"])
    assert [item["method_name"] for item in account["verifications"]] == ["法人基础库"]
    assert account["applicant_name"] and account["applicant_id"]
    assert rows(app, "SELECT id FROM registration_draft") == []


def test_password_is_stored_hashed(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    form = registration_form(client, data)
    register(client, form)
    (row,) = rows(app, "SELECT password_hash FROM legal_account")
    assert form["password"] not in row["password_hash"]
    assert row["password_hash"].startswith("pbkdf2:sha256:20000$")
    assert check_password_hash(row["password_hash"], form["password"])
    assert form["password"] not in " ".join(row["data"] for row in rows(app, "SELECT data FROM registration_draft"))


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"agreed": ""}, "请阅读并同意《用户服务协议》和《隐私政策》"),
        ({"sms_code": "000000x"}, "短信验证码错误或已过期"),
        ({"sms_code": ""}, "请输入短信验证码"),
        ({"account": "abcdefgh"}, "请输入6-20位字符，仅包含数字、字母、下划线中的两种或以上的组合"),
        ({"city": "杭州市"}, "请选择证件地址所在城市"),
        ({"password_confirm": "Different1"}, "两次输入的密码不一致"),
    ],
)
def test_refused_registration_leaves_nothing_and_spends_nothing(
    client: FlaskClient, app: Flask, data: DataBuilder, change: dict, field_message: str
) -> None:
    form = registration_form(client, data)
    refused = client.post("/pscp/sso/register", data={**form, **change})
    assert refused.status_code == 200 and field_message in alerts(refused.text)
    assert rows(app, "SELECT id FROM legal_account") == []
    assert rows(app, "SELECT id FROM registration_draft") == []
    # The SMS code and the face recognition were not spent: the corrected form passes.
    register(client, form)


@pytest.mark.parametrize(
    ("clash", "field_message"), [("uscc", "该统一社会信用代码已注册"), ("account", "该登录账号已被使用")]
)
def test_taken_unit_or_login_is_refused(
    client: FlaskClient, app: Flask, data: DataBuilder, clash: str, field_message: str
) -> None:
    existing = seed(client, data)
    form = registration_form(client, data)
    form[clash] = existing["uscc"] if clash == "uscc" else existing["login_name"]
    assert field_message in alerts(client.post("/pscp/sso/register", data=form).text)
    assert [row["id"] for row in rows(app, "SELECT id FROM legal_account")] == [existing["id"]]


def test_registration_sms_code_dies_after_five_wrong_tries(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    """Six digits can be guessed by trying: after five wrong codes the right one is refused too,
    although each refused form rolls back everything else it wrote."""
    form = registration_form(client, data)
    wrong = f"{(int(form['sms_code']) + 1) % 10**6:06d}"
    for _ in range(5):
        assert "短信验证码错误或已过期" in alerts(
            client.post("/pscp/sso/register", data={**form, "sms_code": wrong}).text
        )
    assert "短信验证码错误或已过期" in alerts(client.post("/pscp/sso/register", data=form).text)
    assert rows(app, "SELECT id FROM registration_draft") == []


def test_refused_form_keeps_values_but_not_passwords(client: FlaskClient, data: DataBuilder) -> None:
    form = registration_form(client, data)
    html = client.post("/pscp/sso/register", data={**form, "agreed": ""}).text
    assert f'value="{form["unit_name"]}"' in html and f'value="{form["uscc"]}"' in html
    assert form["password"] not in html


def test_registration_without_face_recognition_is_refused(client: FlaskClient, app: Flask, data: DataBuilder) -> None:
    unit = data.unit()
    client.get("/pscp/sso/register?type=legal")
    password = data.strong_password()
    form = {
        "account": data.gdzwfw_account(),
        "password": password,
        "password_confirm": password,
        "unit_name": unit.name,
        "uscc": unit.uscc,
    }
    assert "请申请人使用微信扫描小程序码，通过人脸识别添加实名信息" in alerts(
        client.post("/pscp/sso/register", data=form).text
    )
    assert rows(app, "SELECT id FROM legal_account") == []


def test_old_face_code_stops_working_after_refresh(client: FlaskClient, data: DataBuilder) -> None:
    page = client.get("/pscp/sso/register?type=legal").text
    old = search(r"data-face-ticket>(\w+)<", page).group(1)
    new = client.post("/pscp/sso/register/face-code").get_json()["ticket"]
    assert new != old
    person = data.person()
    body = {"name": person.name, "resident_id": person.resident_id}
    assert client.post(f"/__mock__/scan/{old}", json=body).get_json() == {
        "ticket": old,
        "kind": "face",
        "status": "failed",
        "message": "小程序码已失效，请扫描页面上最新的小程序码",
    }
    assert client.get("/pscp/sso/register/face-code").get_json()["status"] == "pending"
    assert client.post(f"/__mock__/scan/{new}", json=body).get_json()["status"] == "done"
    assert person.name in client.get("/pscp/sso/register/face-code").get_json()["applicant"]


def test_failed_face_recognition_can_be_retried(client: FlaskClient, data: DataBuilder) -> None:
    ticket = search(r"data-face-ticket>(\w+)<", client.get("/pscp/sso/register?type=legal").text).group(1)
    person = data.person()
    body = {"name": person.name, "resident_id": person.resident_id}
    assert client.post(f"/__mock__/scan/{ticket}", json={**body, "passed": False}).get_json()["status"] == "failed"
    assert client.post(f"/__mock__/scan/{ticket}", json=body).get_json()["status"] == "done"


def test_sms_code_needs_a_valid_phone(client: FlaskClient, app: Flask) -> None:
    response = client.post("/pscp/sso/register/sms-code", data={"phone": "1380013800"})
    assert (response.status_code, response.get_json()["message"]) == (400, "请输入正确的手机号码")
    assert rows(app, "SELECT id FROM sms_outbox") == []
    assert client.post("/pscp/sso/register/sms-code", data={"phone": "13800138000"}).get_json()["ok"]
    assert [row["purpose"] for row in rows(app, "SELECT purpose FROM sms_outbox")] == [SMS_PURPOSE]


# --- Login -----------------------------------------------------------------------------------------


def test_password_login_goes_to_a_local_next_only(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    assert log_in(client, account["login_name"], account["password"], "/pscp/account/verify") == "/pscp/account/verify"
    assert log_in(client, account["login_name"], account["password"], "https://evil.example/x") == "/"
    assert log_in(client, account["login_name"], account["password"], "//evil.example/x") == "/"


def test_wrong_captcha_does_not_log_in_and_captcha_is_single_use(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    page = client.get("/pscp/sso/login?type=legal&method=password").text
    captcha_id = search(r'data-captcha-id="(\w+)"', page).group(1)
    answer = client.get(f"/__mock__/captcha/{captcha_id}").get_json()["answer"]
    form = {
        "type": "legal",
        "method": "password",
        "login_name": account["login_name"],
        "password": account["password"],
        "captcha_id": captcha_id,
        "next": "/x",
    }
    wrong = client.post("/pscp/sso/login", data={**form, "captcha": str(int(answer) + 1)})
    assert alerts(wrong.text) == ["验证码错误，请重新输入"]
    assert f'value="{account["login_name"]}"' in wrong.text and 'name="next" value="/x"' in wrong.text
    again = client.post("/pscp/sso/login", data={**form, "captcha": answer})
    assert alerts(again.text) == ["验证码错误，请重新输入"]
    assert client.get("/pscp/account/verify").status_code == 302


def test_wrong_password_is_refused(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    assert log_in(client, account["login_name"], account["password"] + "x") == ""
    assert (
        client.get("/pscp/account/info")
        .headers["Location"]
        .startswith("/pscp/sso/login?type=legal&method=password&next=")
    )


def test_next_survives_method_switches_and_the_registration_link(client: FlaskClient) -> None:
    page = client.get("/pscp/sso/login", query_string={"type": "legal", "next": "/pscp/account/verify"}).text
    assert page.count("next=/pscp/account/verify") == 5  # both tabs and the three other methods
    password_page = client.get(
        "/pscp/sso/login", query_string={"type": "legal", "method": "password", "next": "/pscp/account/verify"}
    ).text
    assert "/pscp/sso/register?type=legal&amp;next=/pscp/account/verify" in password_page
    assert 'name="next" value="/pscp/account/verify"' in password_page


def test_elicence_login_creates_a_level_4_account_without_password_once(client: FlaskClient, data: DataBuilder) -> None:
    unit = data.unit()
    for _ in range(2):
        client.get("/pscp/sso/logout")
        page = client.get("/pscp/sso/login?type=legal").text
        ticket = search(r'data-ticket="(\w+)"', page).group(1)
        scan = client.post(f"/__mock__/scan/{ticket}", json={"uscc": unit.uscc, "unit_name": unit.name})
        assert scan.get_json()["status"] == "done"
        assert (
            client.post(
                "/pscp/sso/login",
                data={"type": "legal", "method": "scan", "ticket": ticket, "next": "/pscp/account/info"},
            ).headers["Location"]
            == "/pscp/account/info"
        )
        assert unit.name in client.get("/").text
    (account,) = client.get("/__mock__/legal-accounts", query_string={"uscc": unit.uscc}).get_json()
    assert (account["login_name"], account["has_password"], account["trust_level"]) == (None, False, 4)


def test_elicence_login_with_another_scope_fails(client: FlaskClient, data: DataBuilder) -> None:
    unit = data.unit()
    ticket = search(r'data-ticket="(\w+)"', client.get("/pscp/sso/login?type=legal").text).group(1)
    scan = client.post(
        f"/__mock__/scan/{ticket}",
        json={"uscc": unit.uscc, "unit_name": unit.name, "scope": "电子政务-市场监管-登记注册"},
    )
    assert scan.get_json()["status"] == "failed"
    page = client.post("/pscp/sso/login", data={"type": "legal", "method": "scan", "ticket": ticket}).text
    assert alerts(page) == [scan.get_json()["message"]]
    assert client.get("/__mock__/legal-accounts", query_string={"uscc": unit.uscc}).get_json() == []


def test_another_browser_cannot_redeem_a_scanned_code(app: Flask, data: DataBuilder) -> None:
    owner, thief = app.test_client(), app.test_client()
    unit = data.unit()
    ticket = search(r'data-ticket="(\w+)"', owner.get("/pscp/sso/login?type=legal").text).group(1)
    owner.post(f"/__mock__/scan/{ticket}", json={"uscc": unit.uscc, "unit_name": unit.name})
    thief.get("/pscp/sso/login?type=legal")
    assert (
        "Location"
        not in thief.post("/pscp/sso/login", data={"type": "legal", "method": "scan", "ticket": ticket}).headers
    )


# --- Verifications ---------------------------------------------------------------------------------


def open_dialog(client: FlaskClient, dialog: str) -> str:
    """Opens a verification dialog; returns its ticket."""
    location = client.get("/pscp/account/verify", query_string={"dialog": dialog}).headers["Location"]
    return search(r"ticket=(\w+)", location).group(1)


def level_and_methods(client: FlaskClient, uscc: str) -> tuple[int, list[str]]:
    (account,) = client.get("/__mock__/legal-accounts", query_string={"uscc": uscc}).get_json()
    return account["trust_level"], [item["method"] for item in account["verifications"]]


def test_bank_certificate_verification(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    log_in(client, account["login_name"], account["password"])
    ticket = open_dialog(client, "bank_cert")
    assert "安装提示" in client.get(f"/pscp/account/verify?dialog=bank_cert&ticket={ticket}").text
    assert "安装提示" not in client.get(f"/pscp/account/verify?dialog=bank_cert&ticket={ticket}&ack=1").text
    form = {"kind": "bank_cert", "ticket": ticket, "pin": PIN}
    assert "安装提示" in client.post("/pscp/account/verify/certificate", data=form).text
    client.post("/__mock__/bank-cert", json={"ticket": ticket, "pin": PIN})
    assert alerts(client.post("/pscp/account/verify/certificate", data={**form, "pin": "000000"}).text) == [
        "PIN码错误，数字证书核验失败"
    ]
    assert level_and_methods(client, account["uscc"]) == (3, ["registry"])
    assert client.post("/pscp/account/verify/certificate", data=form).headers["Location"] == "/pscp/account/verify"
    assert level_and_methods(client, account["uscc"]) == (4, ["registry", "bank_cert"])
    assert "已核验" in client.get("/pscp/account/verify").text


def test_another_units_bank_certificate_fails(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    log_in(client, account["login_name"], account["password"])
    ticket = open_dialog(client, "bank_cert")
    client.post("/__mock__/bank-cert", json={"ticket": ticket, "pin": PIN, "uscc": data.uscc()})
    page = client.post(
        "/pscp/account/verify/certificate", data={"kind": "bank_cert", "ticket": ticket, "pin": PIN}
    ).text
    assert alerts(page) == ["网银证书与当前账号的单位不一致，数字证书核验失败"]
    assert level_and_methods(client, account["uscc"]) == (3, ["registry"])


def test_ca_certificate_verification_reaches_level_5(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    log_in(client, account["login_name"], account["password"])
    ticket = open_dialog(client, "ca_cert")
    client.post("/__mock__/ca-cert", json={"ticket": ticket, "pin": PIN})
    client.post("/pscp/account/verify/certificate", data={"kind": "ca_cert", "ticket": ticket, "pin": PIN})
    assert level_and_methods(client, account["uscc"]) == (5, ["registry", "ca_cert"])


@pytest.mark.parametrize(("other_unit", "scope"), [(True, None), (False, "电子政务-市场监管-登记注册")])
def test_elicence_verification_refuses_another_unit_or_scope(
    client: FlaskClient, data: DataBuilder, other_unit: bool, scope: str | None
) -> None:
    account = seed(client, data)
    log_in(client, account["login_name"], account["password"])
    ticket = open_dialog(client, "elicence")
    licence = {"uscc": data.uscc() if other_unit else account["uscc"], **({"scope": scope} if scope else {})}
    assert client.post(f"/__mock__/scan/{ticket}", json=licence).get_json()["status"] == "failed"
    page = client.post("/pscp/account/verify/elicence", data={"ticket": ticket}).text
    assert len(alerts(page)) == 1
    assert level_and_methods(client, account["uscc"]) == (3, ["registry"])


def test_elicence_verification_reaches_level_4(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    log_in(client, account["login_name"], account["password"])
    ticket = open_dialog(client, "elicence")
    assert alerts(client.post("/pscp/account/verify/elicence", data={"ticket": ticket}).text) == [
        "尚未扫码，请使用微信扫描二维码"
    ]
    client.post(f"/__mock__/scan/{ticket}", json={"uscc": account["uscc"]})
    client.post("/pscp/account/verify/elicence", data={"ticket": ticket})
    assert level_and_methods(client, account["uscc"]) == (4, ["registry", "elicence"])


def test_bank_certificate_login_needs_the_verification(client: FlaskClient, data: DataBuilder) -> None:
    verified = seed(client, data, level=4, methods=["registry", "bank_cert"])
    unverified = seed(client, data)
    for account, expected in ((unverified, None), (verified, "/")):
        client.get("/pscp/sso/logout")
        page = client.get("/pscp/sso/login?type=legal&method=bank").text
        ticket = search(r'data-ticket="(\w+)"', page).group(1)
        client.post("/__mock__/bank-cert", json={"ticket": ticket, "pin": PIN, "uscc": account["uscc"]})
        response = client.post(
            "/pscp/sso/login", data={"type": "legal", "method": "bank", "ticket": ticket, "pin": PIN}
        )
        assert response.headers.get("Location") == expected


def test_edit_info_uses_the_registration_rules(client: FlaskClient, data: DataBuilder) -> None:
    unit = data.unit()
    account = seed(
        client,
        data,
        unit,
        province=unit.province,
        city=unit.city,
        district=unit.district,
        address_detail=unit.address_detail,
    )
    log_in(client, account["login_name"], account["password"])
    form = {
        "province": unit.province,
        "city": unit.city,
        "district": unit.district,
        "address_detail": unit.address_detail,
        "legal_rep_name": "王五",
    }
    bad = client.post("/pscp/account/info/edit", data={**form, "legal_rep_id": data.resident_id_with_bad_check_digit()})
    assert alerts(bad.text) == ["身份证号码校验位不正确"]
    resident_id = data.resident_id()
    assert client.post("/pscp/account/info/edit", data={**form, "legal_rep_id": resident_id}).status_code == 302
    (state,) = client.get("/__mock__/legal-accounts", query_string={"uscc": unit.uscc}).get_json()
    assert (state["legal_rep_name"], state["legal_rep_id"]) == ("王五", resident_id)


def test_change_password(client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    log_in(client, account["login_name"], account["password"])
    new = data.strong_password()
    weak = client.post(
        "/pscp/account/security", data={"old_password": "nope", "new_password": "abc", "new_password_confirm": "abd"}
    )
    assert alerts(weak.text) == [
        "原密码错误",
        "请输入8-20位字符，仅含数字、大写字母、小写字母、特殊字符中的三种及以上",
        "两次输入的密码不一致",
    ]
    client.post(
        "/pscp/account/security",
        data={"old_password": account["password"], "new_password": new, "new_password_confirm": new},
    )
    client.get("/pscp/sso/logout")
    assert log_in(client, account["login_name"], new) == "/"


# ---------------------------------------------------------------- sessions for preconditions


def test_control_api_session_is_the_session_of_a_login(app: Flask, client: FlaskClient, data: DataBuilder) -> None:
    account = seed(client, data)
    assert client.get("/pscp/account/verify").status_code == 302  # not logged in yet
    cookie = client.post("/__mock__/sessions", json={"login_name": account["login_name"]})
    assert cookie.status_code == 201
    assert cookie.get_json()["name"] == app.config["SESSION_COOKIE_NAME"]
    browser = app.test_client()
    browser.set_cookie(cookie.get_json()["name"], cookie.get_json()["value"])
    page = browser.get("/pscp/account/info")
    assert page.status_code == 200 and account["uscc"] in page.get_data(as_text=True)
    by_uscc = client.post("/__mock__/sessions", json={"uscc": account["uscc"]})
    # A new session id each time.
    assert by_uscc.status_code == 201 and by_uscc.get_json()["value"] != cookie.get_json()["value"]


def test_control_api_session_refusals(client: FlaskClient) -> None:
    assert client.post("/__mock__/sessions", json={}).status_code == 400
    assert client.post("/__mock__/sessions", json={"login_name": "nobody_here"}).status_code == 404
    assert client.post("/__mock__/sessions", json={"uscc": "91440101MA59XXXX0X"}).status_code == 404
