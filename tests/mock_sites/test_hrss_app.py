"""Unit tests of the mock HRSS app through Flask's test client: the factory's settings, the
实名信息注册 wizard (a refused step leaves nothing), unit password login, the 稳岗返还 access
rules (C2) and a confirmation stored once (C1).

These tests may import mock_sites; only the harness runtime code must not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from mock_sites import hrss, rules
from mock_sites.hrss import rebate, register
from mock_sites.hrss.sso import trust_level_refusal

PASSWORD = "Aa1Bb2Cc3Dd4"


@pytest.fixture
def app() -> Flask:
    """A fresh HRSS app with its own database."""
    return hrss.create_app(
        {
            "TESTING": True,
            "SSO_CLIENT_ID": "client",
            "SSO_CLIENT_SECRET": "secret",
            "GDZWFW_URL": "http://gdzwfw.invalid",
        }
    )


def _control(client: FlaskClient, path: str, body: dict[str, Any]) -> Any:
    response = client.post(f"/__mock__/{path}", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def _seed_person(client: FlaskClient, data: DataBuilder, realname_level: int = 2) -> dict[str, Any]:
    person = data.person()
    body = {
        "login_name": data.hrss_username(),
        "password": PASSWORD,
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
        "realname_level": realname_level,
    }
    body["id"] = _control(client, "persons", body)["id"]
    return body


def _units(client: FlaskClient, cert_no: str | None = None) -> list[dict]:
    query = {} if cert_no is None else {"cert_no": cert_no}
    return client.get("/__mock__/units", query_string=query).get_json()


def _unit_form(data: DataBuilder, **overrides: str) -> dict[str, str]:
    unit = data.unit()
    form = {
        "cert_type": "uscc",
        "cert_no": unit.uscc,
        "unit_name": unit.name,
        "location": f"广东省{unit.city}{unit.district}",
        "address_detail": unit.address_detail,
        "legal_rep_name": unit.legal_rep_name,
        "legal_rep_id_type": "resident_id",
        "legal_rep_id": unit.legal_rep_id,
        "legal_rep_phone": unit.phone,
        "username": data.hrss_username(),
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "sms_code": "",
    }
    form.update(overrides)
    return form


def _pass_step_one(client: FlaskClient, person: dict[str, Any], entry: str = "/isso/register/unit") -> None:
    client.get(entry)
    response = client.post(
        "/isso/register/unit/person",
        data={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/isso/register/unit/info")


def _sms_code(client: FlaskClient, phone: str) -> str:
    answer = client.post("/isso/register/unit/sms", data={"phone": phone})
    assert answer.status_code == 200, answer.get_json()
    return client.get("/__mock__/sms", query_string={"phone": phone}).get_json()[0]["code"]


def _text(response: Any) -> str:
    return response.get_data(as_text=True)


# --- The factory --------------------------------------------------------------------------------


def test_factory_defaults(app: Flask) -> None:
    assert app.config["KEYBOARD_RUN_LIMIT"] == rules.DEFAULT_KEYBOARD_RUN_LIMIT == 4
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "hrss_session"
    assert {"login", "sso", "register", "platform", "control"} <= set(app.blueprints)


def test_factory_overrides_come_after_defaults() -> None:
    first = hrss.create_app({"KEYBOARD_RUN_LIMIT": 3})
    second = hrss.create_app()
    assert first.config["KEYBOARD_RUN_LIMIT"] == 3
    assert first.config["DATABASE"] != second.config["DATABASE"]
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


@pytest.mark.parametrize("limit", [3, 4])
def test_unit_form_applies_the_configured_keyboard_run_limit(limit: int, data: DataBuilder) -> None:
    app = hrss.create_app({"TESTING": True, "KEYBOARD_RUN_LIMIT": limit})
    client = app.test_client()
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    page = _text(client.get("/isso/register/unit/info"))
    assert f"同时不能在键盘上连续超过{limit}个字符" in page
    at_limit = "Zx9" + "abcdefgh"[:limit] + "Q7m"
    over_limit = "Zx9" + "abcdefgh"[: limit + 1] + "Q7m"
    refused = client.post(
        "/isso/register/unit/info", data=_unit_form(data, password=over_limit, password_confirm=over_limit)
    )
    assert rules.hrss_password_message(limit) in _text(refused)
    passed = client.post(
        "/isso/register/unit/info", data=_unit_form(data, password=at_limit, password_confirm=at_limit)
    )
    assert rules.hrss_password_message(limit) not in _text(passed)


# --- Wizard step 1 ------------------------------------------------------------------------------


def test_step_one_shows_the_guide_texts(client: FlaskClient) -> None:
    page = _text(client.get("/isso/register/unit"))
    for text in (
        "实名信息注册",
        "单位所属实名人员信息",
        "单位信息",
        "注册完成",
        "实名个人登录账号",
        "实名个人证件号码",
        "下一步",
        "操作指引",
        "个人注册、单位注册有什么区别?",
        "提示“证件号已存在”怎么办?",
        "提示“当前账号实名等级不足, 请至少提升至二级实名后重试”怎么办?",
        "已有帐号, ",
        "/isso/twoWaysToRegister.html?showIndex=1",
        "/isso/findLoginId.html?showIndex=1",
        "/isso/static/person.html#004",
    ):
        assert text in page, text


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown_account", register.PERSON_UNKNOWN_MESSAGE),
        ("id_mismatch", register.PERSON_UNKNOWN_MESSAGE),
        ("level_1", register.REALNAME_LEVEL_MESSAGE),
        ("empty", register.PERSON_LOGIN_EMPTY_MESSAGE),
    ],
)
def test_step_one_refusals_keep_the_wizard_at_step_one(
    client: FlaskClient, data: DataBuilder, case: str, message: str
) -> None:
    person = _seed_person(client, data, realname_level=1 if case == "level_1" else 2)
    form = {"person_login": person["login_name"], "person_id_number": person["id_number"]}
    if case == "unknown_account":
        form["person_login"] = "nobody_here"
    elif case == "id_mismatch":
        form["person_id_number"] = data.resident_id()
    elif case == "empty":
        form = {"person_login": "", "person_id_number": ""}
    client.get("/isso/register/unit")
    response = client.post("/isso/register/unit/person", data=form)
    assert response.status_code == 400
    assert message in _text(response)
    assert client.get("/isso/register/unit/info").status_code == 302  # step 2 stays closed


def test_level_message_is_the_guides_exact_text() -> None:
    assert register.REALNAME_LEVEL_MESSAGE == "当前账号实名等级不足, 请至少提升至二级实名后重试"


# --- Wizard step 2 ------------------------------------------------------------------------------


def test_step_two_needs_step_one(client: FlaskClient) -> None:
    assert client.get("/isso/register/unit/info").status_code == 302
    assert client.post("/isso/register/unit/sms", data={"phone": "13800138000"}).status_code == 403


def test_plain_registration_creates_the_unit_once(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form = _unit_form(data)
    form["sms_code"] = _sms_code(client, form["legal_rep_phone"])
    response = client.post("/isso/register/unit/info", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith("/isso/register/unit/done")
    done = _text(client.get("/isso/register/unit/done"))
    assert "注册完成" in done and "清理浏览器缓存" in done
    [unit] = _units(client, form["cert_no"])
    assert unit["registrar_person_id"] == person["id"] and unit["gdidp_linked"] == 0
    # The wizard is over: submitting again goes back to its start and creates nothing.
    assert client.post("/isso/register/unit/info", data=form).status_code == 302
    assert len(_units(client, form["cert_no"])) == 1


@pytest.mark.parametrize(
    ("field", "bad_value", "message"),
    [
        ("username", "1abcde", rules.HRSS_USERNAME_MESSAGE),
        ("username", "abcd", rules.HRSS_USERNAME_MESSAGE),
        ("password_confirm", "Different1Pw", rules.PASSWORD_MISMATCH_MESSAGE),
        ("legal_rep_phone", "12345", rules.PHONE_MESSAGE),
        ("cert_no", "91440101MA5", rules.USCC_LENGTH_MESSAGE),
        ("location", "火星", "请选择单位所在地"),
        ("unit_name", "", "请输入单位名称"),
    ],
)
def test_refused_unit_info_leaves_nothing(
    client: FlaskClient, data: DataBuilder, field: str, bad_value: str, message: str
) -> None:
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form = _unit_form(data)
    form["sms_code"] = _sms_code(client, form["legal_rep_phone"])
    good_cert = form["cert_no"]
    form[field] = bad_value
    response = client.post("/isso/register/unit/info", data=form)
    assert response.status_code == 400
    assert message in _text(response)
    assert _units(client, good_cert) == [] and _units(client, bad_value) == []
    assert PASSWORD not in _text(response)  # passwords are not sent back


def test_wrong_sms_code_leaves_nothing_and_keeps_the_real_code_usable(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form = _unit_form(data)
    code = _sms_code(client, form["legal_rep_phone"])
    form["sms_code"] = "000000" if code != "000000" else "111111"
    response = client.post("/isso/register/unit/info", data=form)
    assert response.status_code == 400 and register.SMS_CODE_MESSAGE in _text(response)
    assert _units(client, form["cert_no"]) == []
    form["sms_code"] = code
    assert client.post("/isso/register/unit/info", data=form).status_code == 302


def test_the_unit_registration_code_dies_after_five_wrong_tries(client: FlaskClient, data: DataBuilder) -> None:
    """Six digits can be guessed by trying: after five wrong codes the right one is refused too
    (each refused form rolls back what it wrote, but not the count of wrong tries)."""
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form = _unit_form(data)
    code = _sms_code(client, form["legal_rep_phone"])
    for _ in range(5):
        wrong = client.post("/isso/register/unit/info", data={**form, "sms_code": f"{(int(code) + 1) % 10**6:06d}"})
        assert wrong.status_code == 400
    late = client.post("/isso/register/unit/info", data={**form, "sms_code": code})
    assert late.status_code == 400 and register.SMS_CODE_MESSAGE in _text(late)
    assert _units(client, form["cert_no"]) == []


def test_a_validation_error_does_not_spend_the_sms_code(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form = _unit_form(data)
    form["sms_code"] = _sms_code(client, form["legal_rep_phone"])
    assert client.post("/isso/register/unit/info", data={**form, "username": "1bad"}).status_code == 400
    assert client.post("/isso/register/unit/info", data=form).status_code == 302


@pytest.mark.parametrize("existing_as", ["uscc", "org_code"])
def test_cert_already_registered_is_refused(client: FlaskClient, data: DataBuilder, existing_as: str) -> None:
    form = _unit_form(data)
    existing_cert = form["cert_no"] if existing_as == "uscc" else form["cert_no"][8:17]
    _control(client, "units", {"cert_no": existing_cert, "cert_type": existing_as, "unit_name": "已注册单位"})
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form["sms_code"] = _sms_code(client, form["legal_rep_phone"])
    response = client.post("/isso/register/unit/info", data=form)
    assert response.status_code == 400
    assert re.search(r'id="cert_no-error">证件号已存在<', _text(response))
    assert len(_units(client)) == 1


def test_org_code_of_a_registered_uscc_is_refused(client: FlaskClient, data: DataBuilder) -> None:
    form = _unit_form(data)
    _control(client, "units", {"cert_no": form["cert_no"], "unit_name": "已注册单位"})
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form.update(
        cert_type="org_code", cert_no=form["cert_no"][8:17], sms_code=_sms_code(client, form["legal_rep_phone"])
    )
    response = client.post("/isso/register/unit/info", data=form)
    assert register.CERT_EXISTS_MESSAGE in _text(response)


def test_username_taken_is_refused(client: FlaskClient, data: DataBuilder) -> None:
    taken = _control(client, "units", {"cert_no": data.uscc(), "unit_name": "已注册单位"})["username"]
    person = _seed_person(client, data)
    _pass_step_one(client, person)
    form = _unit_form(data, username=taken)
    form["sms_code"] = _sms_code(client, form["legal_rep_phone"])
    response = client.post("/isso/register/unit/info", data=form)
    assert register.USERNAME_EXISTS_MESSAGE in _text(response)
    assert _units(client, form["cert_no"]) == []


# --- The GD-IdP initialisation ------------------------------------------------------------------


def _with_gdidp_identity(client: FlaskClient, uscc: str, unit_name: str, level: int = 4) -> None:
    with client.session_transaction() as session:
        session["gdidp_identity"] = {
            "uscc": uscc,
            "unit_name": unit_name,
            "trust_level": level,
            "login_name": "gdunit01",
        }


def test_gdidp_initialisation_uses_what_gdidp_told(client: FlaskClient, data: DataBuilder) -> None:
    told = data.unit()
    _with_gdidp_identity(client, told.uscc, told.name)
    person = _seed_person(client, data)
    _pass_step_one(client, person, entry="/isso/register/unit/gdidp")
    page = _text(client.get("/isso/register/unit/info"))
    assert told.uscc in page and told.name in page and "readonly" in page
    # A tampered form cannot register another unit under GD-IdP's identity.
    form = _unit_form(data, cert_no=data.uscc(), unit_name="别的单位")
    form["sms_code"] = _sms_code(client, form["legal_rep_phone"])
    assert client.post("/isso/register/unit/info", data=form).status_code == 302
    [unit] = _units(client, told.uscc)
    assert unit["unit_name"] == told.name and unit["gdidp_linked"] == 1
    assert _units(client, form["cert_no"]) == []
    with client.session_transaction() as session:
        assert "gdidp_identity" not in session


def test_gdidp_entry_without_identity_goes_to_login(client: FlaskClient) -> None:
    response = client.get("/isso/register/unit/gdidp")
    assert response.status_code == 302 and "/isso/login.html" in response.headers["Location"]


def test_trust_level_refusal_names_the_level_needed() -> None:
    assert trust_level_refusal(3) == (
        "您的广东省统一身份认证账号可信等级为三级 (原L1)，需四级 (原L2) 或以上才能登录，"
        "请先在广东政务服务网「账号管理 → 实名核验」完成网银证书或电子营业执照核验"
    )


# --- Unit 账号密码 login ---------------------------------------------------------------------------


def test_unit_password_login(client: FlaskClient, data: DataBuilder) -> None:
    seeded = _control(client, "units", {"cert_no": data.uscc(), "unit_name": "甲单位", "password": PASSWORD})
    wrong = client.post("/isso/login/unit", data={"username": seeded["username"], "password": "Wrong1Pass"})
    assert wrong.status_code == 401 and "用户名或密码错误" in _text(wrong)
    unknown = client.post("/isso/login/unit", data={"username": "nobody_here", "password": PASSWORD})
    assert "用户名或密码错误" in _text(unknown)
    right = client.post("/isso/login/unit", data={"username": seeded["username"], "password": PASSWORD})
    assert right.status_code == 302 and right.headers["Location"].endswith("/platform/home")
    assert "甲单位" in _text(client.get("/platform/home"))


def test_platform_needs_a_unit(client: FlaskClient) -> None:
    for path in ("/platform/home", "/platform/rebate"):
        response = client.get(path)
        assert response.status_code == 302 and "/isso/login.html" in response.headers["Location"]


# --- 稳岗返还 (C1, C2) ------------------------------------------------------------------------------


@pytest.fixture
def unit_with_rebate(client: FlaskClient, data: DataBuilder) -> dict[str, Any]:
    """A unit known to HRSS with a 2025年度 rebate record."""
    cert_no = data.uscc()
    unit = _control(client, "units", {"cert_no": cert_no, "unit_name": "乙单位", "gdidp_linked": True})
    rebate = _control(
        client,
        "rebates",
        {
            "cert_no": cert_no,
            "period": "2025年度",
            "amount": "12345.67",
            "bank_name": "中国工商银行广州天河支行",
            "bank_account": "6222 0202 0000 1234",
        },
    )
    return {**unit, "cert_no": cert_no, "rebate_id": rebate["id"]}


def _act_as(client: FlaskClient, unit_id: int, via: str, **extra: Any) -> None:
    with client.session_transaction() as session:
        session.clear()
        session.update(unit_id=unit_id, via=via, **extra)


def _confirmations(client: FlaskClient, cert_no: str) -> list[dict]:
    return client.get("/__mock__/rebate-confirmations", query_string={"cert_no": cert_no}).get_json()


def test_rebate_page_shows_the_record_masked(client: FlaskClient, unit_with_rebate: dict[str, Any]) -> None:
    _act_as(client, unit_with_rebate["id"], "gdidp", gdidp_level=4)
    page = _text(client.get("/platform/rebate"))
    assert (
        "2025年度" in page
        and "12,345.67" in page
        and "6222 **** **** 1234" in page
        and "中国工商银行广州天河支行" in page
    )
    assert "6222020200001234" not in page and "待确认" in page


def test_confirming_twice_stores_once(client: FlaskClient, unit_with_rebate: dict[str, Any]) -> None:
    _act_as(client, unit_with_rebate["id"], "gdidp", gdidp_level=5)
    url = f"/platform/rebate/{unit_with_rebate['rebate_id']}/confirm"
    first = client.post(url, follow_redirects=True)
    assert rebate.CONFIRMED_MESSAGE in _text(first) and "已确认（" in _text(first)
    second = client.post(url, follow_redirects=True)
    assert "无需重复确认" in _text(second)
    [confirmation] = _confirmations(client, unit_with_rebate["cert_no"])
    assert confirmation["via"] == "gdidp" and confirmation["period"] == "2025年度"


def test_another_units_rebate_cannot_be_confirmed(
    client: FlaskClient, data: DataBuilder, unit_with_rebate: dict[str, Any]
) -> None:
    other = _control(client, "units", {"cert_no": data.uscc(), "unit_name": "丙单位"})
    _act_as(client, other["id"], "gdidp", gdidp_level=4)
    assert client.post(f"/platform/rebate/{unit_with_rebate['rebate_id']}/confirm").status_code == 404
    assert _confirmations(client, unit_with_rebate["cert_no"]) == []


@pytest.mark.parametrize(
    ("via", "extra", "handler", "allowed", "message"),
    [
        pytest.param("gdidp", {"gdidp_level": 4}, None, True, None, id="gdidp-level-4"),
        pytest.param("gdidp", {"gdidp_level": 5}, None, True, None, id="gdidp-level-5"),
        pytest.param("gdidp", {"gdidp_level": 3}, None, False, "可信等级为三级 (原L1)", id="gdidp-level-3"),
        pytest.param("gdidp", {}, None, False, "可信等级四级 (原L2) 或以上", id="gdidp-level-missing"),
        pytest.param("unit_password", {}, None, False, rebate.UNIT_PASSWORD_REFUSAL, id="unit-password"),
        pytest.param("person", {}, None, False, rebate.HANDLER_REFUSAL, id="person-not-bound"),
        pytest.param("person", {}, (1, 0), False, rebate.HANDLER_REFUSAL, id="person-bound-no-authcode"),
        pytest.param("person", {}, (0, 1), False, rebate.HANDLER_REFUSAL, id="person-authcode-not-bound"),
        pytest.param("person", {}, (1, 1), True, None, id="person-bound-with-authcode"),
    ],
)
def test_rebate_access_rules(
    client: FlaskClient,
    data: DataBuilder,
    unit_with_rebate: dict[str, Any],
    via: str,
    extra: dict,
    handler: tuple[int, int] | None,
    allowed: bool,
    message: str | None,
) -> None:
    if via == "person":
        person = _seed_person(client, data)
        extra = {"person_id": person["id"]}
        if handler is not None:
            _control(
                client,
                "unit-handlers",
                {
                    "cert_no": unit_with_rebate["cert_no"],
                    "person_login_name": person["login_name"],
                    "bound": handler[0],
                    "authcode_realname": handler[1],
                },
            )
    _act_as(client, unit_with_rebate["id"], via, **extra)
    page = client.get("/platform/rebate")
    confirm = client.post(f"/platform/rebate/{unit_with_rebate['rebate_id']}/confirm")
    if allowed:
        assert page.status_code == 200 and confirm.status_code == 302
        assert len(_confirmations(client, unit_with_rebate["cert_no"])) == 1
    else:
        assert page.status_code == 403 and message is not None and message in _text(page)
        assert confirm.status_code == 403
        assert _confirmations(client, unit_with_rebate["cert_no"]) == []


def test_handler_may_act_for_only_bound_with_authcode(
    app: Flask, client: FlaskClient, data: DataBuilder, unit_with_rebate: dict[str, Any]
) -> None:
    person = _seed_person(client, data)
    with app.app_context():
        assert not rebate.handler_may_act_for(person["id"], unit_with_rebate["id"])
    _control(
        client,
        "unit-handlers",
        {
            "cert_no": unit_with_rebate["cert_no"],
            "person_login_name": person["login_name"],
            "bound": True,
            "authcode_realname": True,
        },
    )
    with app.app_context():
        assert rebate.handler_may_act_for(person["id"], unit_with_rebate["id"])


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("6222020200001234", "6222 **** **** 1234"),
        ("6222 0202 0000 1234 567", "6222 **** **** 4567"),
        ("12345678", "**** 5678"),
    ],
)
def test_masked_account(number: str, shown: str) -> None:
    assert rebate.masked_account(number) == shown


@pytest.mark.parametrize(("value", "cents"), [("12345.67", 1234567), (100, 10000), ("0.5", 50)])
def test_amount_to_cents(value: Any, cents: int) -> None:
    assert rebate.amount_to_cents(value) == cents


@pytest.mark.parametrize("value", ["-1", "1.234", "abc"])
def test_amount_to_cents_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        rebate.amount_to_cents(value)


# --- Control API --------------------------------------------------------------------------------


def test_control_api_refusals(client: FlaskClient, data: DataBuilder) -> None:
    assert (
        client.post(
            "/__mock__/rebates",
            json={"cert_no": "nope", "period": "2025年度", "amount": "1", "bank_name": "b", "bank_account": "1"},
        ).status_code
        == 404
    )
    cert_no = data.uscc()
    _control(client, "units", {"cert_no": cert_no, "unit_name": "丁单位"})
    assert client.post("/__mock__/units", json={"cert_no": cert_no, "unit_name": "丁单位"}).status_code == 409
    body = {"cert_no": cert_no, "period": "2025年度", "amount": "1", "bank_name": "b", "bank_account": "1"}
    _control(client, "rebates", body)
    assert client.post("/__mock__/rebates", json=body).status_code == 409
    assert "password_hash" not in _units(client, cert_no)[0]


def test_console_page_creates_a_person_and_a_rebate(client: FlaskClient, data: DataBuilder) -> None:
    person = data.person()
    page = client.post(
        "/__mock__/console/persons",
        data={
            "login_name": "console_p1",
            "password": PASSWORD,
            "name": person.name,
            "id_number": person.resident_id,
            "phone": person.phone,
            "realname_level": "2",
        },
        follow_redirects=True,
    )
    assert "已创建个人账号 console_p1" in _text(page)
    cert_no = data.uscc()
    _control(client, "units", {"cert_no": cert_no, "unit_name": "戊单位"})
    page = client.post(
        "/__mock__/console/rebates",
        data={
            "cert_no": cert_no,
            "period": "2025年度",
            "amount": "888.88",
            "bank_name": "招商银行",
            "bank_account": "6225880000005678",
        },
        follow_redirects=True,
    )
    assert "已为" in _text(page)
    _act_as(client, _units(client, cert_no)[0]["id"], "gdidp", gdidp_level=4)
    assert "6225 **** **** 5678" in _text(client.get("/platform/rebate"))


def _iter_cookies(response: Any) -> Iterator[str]:
    yield from response.headers.getlist("Set-Cookie")


def test_login_cookie_is_httponly(client: FlaskClient, data: DataBuilder) -> None:
    seeded = _control(client, "units", {"cert_no": data.uscc(), "unit_name": "己单位", "password": PASSWORD})
    response = client.post("/isso/login/unit", data={"username": seeded["username"], "password": PASSWORD})
    cookies = list(_iter_cookies(response))
    assert cookies and all("HttpOnly" in cookie for cookie in cookies)


# --- Sessions for preconditions (POST /__mock__/sessions) ---------------------------------------


def _browser_with_session(app: Flask, client: FlaskClient, body: dict[str, Any]) -> FlaskClient:
    """A second browser holding the session the control API issued for `body`."""
    cookie = _control(client, "sessions", body)
    assert cookie["name"] == app.config["SESSION_COOKIE_NAME"]
    browser = app.test_client()
    browser.set_cookie(cookie["name"], cookie["value"])
    return browser


def test_session_of_a_unit_password_login_reaches_the_platform_but_not_the_rebate(
    app: Flask, client: FlaskClient, data: DataBuilder
) -> None:
    unit = data.unit()
    seeded = _control(client, "units", {"cert_no": unit.uscc, "unit_name": unit.name})
    browser = _browser_with_session(app, client, {"unit_username": seeded["username"]})
    assert unit.name in _text(browser.get("/platform/home"))
    assert browser.get("/platform/rebate").status_code == 403  # C2: the unit's own password is not enough


def test_session_of_a_handler_acts_only_for_a_bound_unit(app: Flask, client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    unit = data.unit()
    _control(client, "units", {"cert_no": unit.uscc, "unit_name": unit.name})
    refused = client.post(
        "/__mock__/sessions", json={"person_login_name": person["login_name"], "unit_cert_no": unit.uscc}
    )
    assert refused.status_code == 409
    _control(client, "unit-handlers", {"cert_no": unit.uscc, "person_login_name": person["login_name"]})
    browser = _browser_with_session(app, client, {"person_login_name": person["login_name"], "unit_cert_no": unit.uscc})
    assert unit.name in _text(browser.get("/platform/home"))
    alone = _browser_with_session(app, client, {"person_login_name": person["login_name"]})
    assert alone.get("/platform/home").status_code == 302  # logged in, but acting for no unit yet


def test_session_back_from_gdidp_follows_the_login_rules(app: Flask, client: FlaskClient, data: DataBuilder) -> None:
    unit, handler = data.unit(), _seed_person(client, data)
    identity = {"uscc": unit.uscc, "unit_name": unit.name, "trust_level": 3}
    assert client.post("/__mock__/sessions", json={"gdidp": identity}).status_code == 409  # below 四级: no session
    identity["trust_level"] = 4
    wizard = _browser_with_session(app, client, {"gdidp": identity, "handler_login_name": handler["login_name"]})
    step_two = _text(wizard.get("/isso/register/unit/info"))
    assert unit.uscc in step_two and unit.name in step_two  # prefilled from GD-IdP, step 1 done
    _control(client, "units", {"cert_no": unit.uscc, "unit_name": unit.name, "gdidp_linked": True})
    platform_browser = _browser_with_session(app, client, {"gdidp": identity})
    assert unit.name in _text(platform_browser.get("/platform/home"))


def test_session_of_plain_unit_registration_past_step_one(app: Flask, client: FlaskClient, data: DataBuilder) -> None:
    handler = _seed_person(client, data)
    browser = _browser_with_session(app, client, {"handler_login_name": handler["login_name"]})
    assert browser.get("/isso/register/unit/info").status_code == 200
    assert app.test_client().get("/isso/register/unit/info").status_code == 302  # without step 1: back to the start


def test_session_refusals(client: FlaskClient) -> None:
    assert client.post("/__mock__/sessions", json={}).status_code == 400
    assert client.post("/__mock__/sessions", json={"unit_username": "nobody"}).status_code == 404
    assert client.post("/__mock__/sessions", json={"person_login_name": "nobody"}).status_code == 404
    assert client.post("/__mock__/sessions", json={"gdidp": {"uscc": "x"}}).status_code == 400


def test_session_back_from_gdidp_finds_a_unit_registered_by_its_organisation_code(
    app: Flask, client: FlaskClient, data: DataBuilder
) -> None:
    unit = data.unit()  # the same rule as the login's callback (sso.session_after_login)
    _control(client, "units", {"cert_no": unit.uscc[8:17], "cert_type": "org_code", "unit_name": unit.name})
    browser = _browser_with_session(
        app, client, {"gdidp": {"uscc": unit.uscc, "unit_name": unit.name, "trust_level": 4}}
    )
    assert unit.name in _text(browser.get("/platform/home"))
    assert _units(client, unit.uscc[8:17])[0]["gdidp_linked"]
