"""The mock HRSS's accounts areas (guide part 二) through Flask's test client: personal accounts,
「个人登录」, binding, 申请单位授权码 with its uploads, the agency's back office and 授权码实名."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from mock_sites import hrss
from mock_sites.hrss import accounts, binding, person_login, realname

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """A fresh HRSS app with its database and upload folder in tmp_path."""
    return hrss.create_app(
        {"DATABASE": str(tmp_path / "hrss.sqlite3"), "UPLOAD_DIR": str(tmp_path / "uploads"), "UPLOAD_MAX_BYTES": 1024}
    )


@pytest.fixture
def data() -> DataBuilder:
    """Seeded test data."""
    return DataBuilder(seed=20240601)


def _seed_person(client: FlaskClient, data: DataBuilder, level: int = 2) -> dict[str, Any]:
    person = data.person()
    fields = {
        "login_name": data.hrss_username(),
        "password": data.strong_password(),
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
        "realname_level": level,
    }
    answer = client.post("/__mock__/persons", json=fields)
    assert answer.status_code == 201, answer.get_json()
    return {**fields, "id": answer.get_json()["id"]}


def _seed_unit(client: FlaskClient, data: DataBuilder) -> dict[str, Any]:
    unit = data.unit()
    fields = {
        "cert_no": unit.uscc,
        "unit_name": unit.name,
        "username": data.hrss_username(),
        "password": data.strong_password(),
    }
    answer = client.post("/__mock__/units", json=fields)
    assert answer.status_code == 201, answer.get_json()
    return {**fields, **answer.get_json()}


def _bind(client: FlaskClient, unit: dict, person: dict, state: str = "bound") -> None:
    answer = client.post(
        "/__mock__/binding/bindings",
        json={"cert_no": unit["cert_no"], "person_login_name": person["login_name"], "state": state},
    )
    assert answer.status_code == 201, answer.get_json()


def _log_in_person(client: FlaskClient, person: dict) -> None:
    answer = client.post(
        "/isso/login/person", data={"login_name": person["login_name"], "password": person["password"]}
    )
    assert answer.status_code == 302 and answer.location.endswith("/isso/login/person/units")


def _act_for(client: FlaskClient, person: dict, unit: dict) -> None:
    _log_in_person(client, person)
    answer = client.post("/isso/login/person/units", data={"unit_id": unit["id"]})
    assert answer.status_code == 302 and answer.location.endswith("/platform/home")


def _log_in_unit(client: FlaskClient, unit: dict) -> None:
    answer = client.post("/isso/login/unit", data={"username": unit["username"], "password": unit["password"]})
    assert answer.status_code == 302


def _text(response: Any) -> str:
    return response.get_data(as_text=True)


def _bindings(client: FlaskClient, unit: dict, person: dict) -> dict:
    return client.get(
        f"/__mock__/binding/bindings?cert_no={unit['cert_no']}&person_login_name={person['login_name']}"
    ).get_json()


def _applications(client: FlaskClient, person: dict) -> list[dict]:
    return client.get(f"/__mock__/authcode/applications?person_login_name={person['login_name']}").get_json()


def _last_sms(client: FlaskClient, phone: str) -> dict:
    return client.get(f"/__mock__/sms?phone={phone}").get_json()[0]


# --- 个人注册 --------------------------------------------------------------------------------------


def _registration_form(data: DataBuilder) -> dict[str, str]:
    person = data.person()
    password = data.strong_password()
    return {
        "login_name": data.hrss_username(),
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
        "password": password,
        "password_confirm": password,
    }


def test_person_registration_creates_a_first_level_account(client: FlaskClient, data: DataBuilder) -> None:
    form = _registration_form(data)
    assert client.post("/isso/person/register/sms", data={"phone": form["phone"]}).get_json()["ok"]
    code = _last_sms(client, form["phone"])["code"]
    answer = client.post("/isso/twoWaysToRegister.html?showIndex=1", data={**form, "sms_code": code})
    assert answer.status_code == 302
    assert "注册成功" in _text(client.get(answer.location))
    [created] = client.get(f"/__mock__/accounts/persons?login_name={form['login_name']}").get_json()
    assert created["realname_level"] == 1 and created["id_number"] == form["id_number"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        pytest.param("login_name", "1abcd", accounts.check_hrss_username("1abcd"), id="login-name-starts-with-digit"),
        pytest.param("name", " ", "请输入姓名", id="name-blank"),
        pytest.param("id_number", "440106198506121230", "身份证号码校验位不正确", id="id-check-digit"),
        pytest.param("phone", "1234", "请输入正确的手机号码", id="phone"),
        pytest.param("password", "abcdefgh", None, id="password-kinds"),
        pytest.param("password_confirm", "Other123x", "两次输入的密码不一致", id="confirmation"),
    ],
)
def test_person_registration_refuses_each_broken_rule_and_creates_nothing(
    client: FlaskClient, data: DataBuilder, field: str, value: str, message: str | None
) -> None:
    form = _registration_form(data)
    client.post("/isso/person/register/sms", data={"phone": form["phone"]})
    code = _last_sms(client, form["phone"])["code"]
    answer = client.post("/isso/twoWaysToRegister.html?showIndex=1", data={**form, field: value, "sms_code": code})
    assert answer.status_code == 400
    assert f'id="{field}-error"' in _text(answer)
    if message:
        assert message in _text(answer)
    assert client.get(f"/__mock__/accounts/persons?login_name={form['login_name']}").get_json() == []


def test_person_registration_refuses_taken_id_number_and_wrong_code(client: FlaskClient, data: DataBuilder) -> None:
    existing = _seed_person(client, data)
    form = _registration_form(data)
    client.post("/isso/person/register/sms", data={"phone": form["phone"]})
    code = _last_sms(client, form["phone"])["code"]
    taken = client.post(
        "/isso/twoWaysToRegister.html", data={**form, "id_number": existing["id_number"], "sms_code": code}
    )
    assert taken.status_code == 400 and accounts.ID_NUMBER_TAKEN_MESSAGE in _text(taken)
    wrong_code = "000000" if code != "000000" else "111111"
    refused = client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": wrong_code})
    assert refused.status_code == 400 and accounts.SMS_CODE_MESSAGE in _text(refused)
    assert client.get(f"/__mock__/accounts/persons?login_name={form['login_name']}").get_json() == []


def test_show_index_2_is_the_unit_wizard(client: FlaskClient) -> None:
    answer = client.get("/isso/twoWaysToRegister.html?showIndex=2")
    assert answer.status_code == 302 and answer.location.endswith("/isso/register/unit")


# --- 找回账号, 实名指引, 个人实名认证 ----------------------------------------------------------------------


def test_find_login_id_shows_the_account_after_the_sms_code(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    client.post("/isso/person/find/sms", data={"id_number": person["id_number"], "phone": person["phone"]})
    code = _last_sms(client, person["phone"])["code"]
    answer = client.post(
        "/isso/findLoginId.html?showIndex=1",
        data={"id_number": person["id_number"], "phone": person["phone"], "sms_code": code},
    )
    assert answer.status_code == 200 and person["login_name"] in _text(answer)


def test_find_login_id_sends_no_code_to_a_pair_that_does_not_match(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    other_phone = data.phone()
    answer = client.post("/isso/person/find/sms", data={"id_number": person["id_number"], "phone": other_phone})
    # Same answer as for a match, so the page does not tell who has an account.
    assert answer.get_json()["ok"] is True
    assert client.get(f"/__mock__/sms?phone={other_phone}").get_json() == []


def test_person_guide_has_the_real_name_section_004(client: FlaskClient) -> None:
    page = _text(client.get("/isso/static/person.html"))
    assert 'id="004"' in page and "个人账号实名认证" in page


def test_face_recognition_raises_a_first_level_account_to_level_two(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data, level=1)
    _log_in_person(client, person)
    started = _text(client.post("/isso/person/account/realname/face"))
    ticket = started.split('data-ticket="')[1].split('"')[0]
    too_early = client.post(f"/isso/person/account/realname/face/{ticket}")
    assert too_early.status_code == 400 and accounts.FACE_PENDING_MESSAGE in _text(too_early)
    assert client.post(f"/__mock__/accounts/realname/{ticket}", json={"result": "pass"}).status_code == 200
    done = client.post(f"/isso/person/account/realname/face/{ticket}")
    assert accounts.FACE_DONE_MESSAGE in _text(done)
    assert (
        client.get(f"/__mock__/accounts/persons?login_name={person['login_name']}").get_json()[0]["realname_level"] == 2
    )


def test_failed_face_recognition_leaves_the_level(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data, level=1)
    _log_in_person(client, person)
    ticket = _text(client.post("/isso/person/account/realname/face")).split('data-ticket="')[1].split('"')[0]
    client.post(f"/__mock__/accounts/realname/{ticket}", json={"result": "fail"})
    answer = client.post(f"/isso/person/account/realname/face/{ticket}")
    assert accounts.FACE_FAILED_MESSAGE in _text(answer)
    assert (
        client.get(f"/__mock__/accounts/persons?login_name={person['login_name']}").get_json()[0]["realname_level"] == 1
    )


# --- 个人登录 ---------------------------------------------------------------------------------------


def test_person_login_page_offers_the_password_method(client: FlaskClient) -> None:
    page = _text(client.get("/isso/login.html?type=person"))
    assert "账号密码" in page


def test_wrong_person_password_gets_one_message(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    for login_name, password in ((person["login_name"], "Wrong1234x"), ("nobody_here", person["password"])):
        answer = client.post("/isso/login/person", data={"login_name": login_name, "password": password})
        assert answer.status_code == 401 and person_login.WRONG_CREDENTIALS_MESSAGE in _text(answer)


def test_dialog_lists_only_bound_units_and_enters_the_platform(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    bound, pending, other = _seed_unit(client, data), _seed_unit(client, data), _seed_unit(client, data)
    _bind(client, bound, person)
    _bind(client, pending, person, "pending")
    _log_in_person(client, person)
    dialog = _text(client.get("/isso/login/person/units"))
    assert bound["unit_name"] in dialog and pending["unit_name"] not in dialog and other["unit_name"] not in dialog
    assert "为选中的单位办理业务，点击此处登录" in dialog
    refused = client.post("/isso/login/person/units", data={"unit_id": other["id"]})
    assert refused.status_code == 403 and person_login.NOT_BOUND_MESSAGE in _text(refused)
    assert client.post("/isso/login/person/units", data={}).status_code == 400
    entered = client.post("/isso/login/person/units", data={"unit_id": bound["id"]}, follow_redirects=True)
    assert bound["unit_name"] in _text(entered)


# --- Binding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown", binding.UNKNOWN_ACCOUNT_MESSAGE),
        ("mismatch", binding.ID_MISMATCH_MESSAGE),
        ("level", binding.REALNAME_LEVEL_MESSAGE),
        ("bound", binding.ALREADY_BOUND_MESSAGE),
        ("pending", binding.PENDING_MESSAGE),
    ],
)
def test_binding_request_refusals(client: FlaskClient, data: DataBuilder, case: str, message: str) -> None:
    unit = _seed_unit(client, data)
    person = _seed_person(client, data, level=1 if case == "level" else 2)
    if case in ("bound", "pending"):
        _bind(client, unit, person, case)
    before = _bindings(client, unit, person)
    login_name = "nobody_here" if case == "unknown" else person["login_name"]
    id_number = data.resident_id() if case == "mismatch" else person["id_number"]
    _log_in_unit(client, unit)
    answer = client.post(
        "/platform/account/sub-accounts", data={"person_login": login_name, "person_id_number": id_number}
    )
    assert answer.status_code == 400 and message in _text(answer)
    assert _bindings(client, unit, person) == before


def test_binding_request_then_accept(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _log_in_unit(client, unit)
    sent = client.post(
        "/platform/account/sub-accounts",
        data={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    assert sent.status_code == 302
    assert "待确认" in _text(client.get("/platform/account/sub-accounts"))
    assert "父账号信息" in _last_sms(client, person["phone"])["text"]
    _log_in_person(client, person)
    request_id = _bindings(client, unit, person)["requests"][0]["id"]
    client.post(f"/isso/person/account/parents/{request_id}/accept")
    state = _bindings(client, unit, person)
    assert state["requests"][0]["status"] == "accepted"
    assert state["handlers"] == [{"unit_id": unit["id"], "person_id": person["id"], "bound": 1, "authcode_realname": 0}]


def test_declined_binding_binds_nothing_and_may_be_asked_again(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person, "pending")
    _log_in_person(client, person)
    request_id = _bindings(client, unit, person)["requests"][0]["id"]
    client.post(f"/isso/person/account/parents/{request_id}/decline")
    # A decided request cannot be accepted afterwards.
    client.post(f"/isso/person/account/parents/{request_id}/accept")
    state = _bindings(client, unit, person)
    assert state["requests"][0]["status"] == "declined" and state["handlers"] == []
    _log_in_unit(client, unit)
    assert "已拒绝" in _text(client.get("/platform/account/sub-accounts"))
    again = client.post(
        "/platform/account/sub-accounts",
        data={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    assert again.status_code == 302


def test_a_handler_acting_for_the_unit_cannot_manage_sub_accounts(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    answer = client.get("/platform/account/sub-accounts")
    assert answer.status_code == 403 and binding.UNIT_ONLY_MESSAGE in _text(answer)


def test_another_persons_request_cannot_be_decided(client: FlaskClient, data: DataBuilder) -> None:
    unit, person, intruder = _seed_unit(client, data), _seed_person(client, data), _seed_person(client, data)
    _bind(client, unit, person, "pending")
    request_id = _bindings(client, unit, person)["requests"][0]["id"]
    _log_in_person(client, intruder)
    client.post(f"/isso/person/account/parents/{request_id}/accept")
    assert _bindings(client, unit, person)["requests"][0]["status"] == "pending"


# --- 申请单位授权码 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        pytest.param("委托书.pdf", PDF, None, id="pdf"),
        pytest.param("执照.PNG", PNG, None, id="png-upper-case"),
        pytest.param("身份证.jpeg", JPEG, None, id="jpeg"),
        pytest.param("身份证.jpg", JPEG, None, id="jpg"),
        pytest.param("程序.exe", b"MZ\x90\x00", realname.FILE_TYPE_MESSAGE.format(name="程序.exe"), id="exe"),
        pytest.param("无扩展名", PDF, realname.FILE_TYPE_MESSAGE.format(name="无扩展名"), id="no-extension"),
        pytest.param(
            "假.pdf", b"MZ\x90\x00", realname.FILE_CONTENT_MESSAGE.format(name="假.pdf"), id="content-not-pdf"
        ),
        pytest.param("空.pdf", b"", realname.FILE_EMPTY_MESSAGE.format(name="空.pdf"), id="empty"),
        pytest.param(
            "大.pdf", PDF + b"x" * 1024, realname.FILE_SIZE_MESSAGE.format(name="大.pdf", limit="1KB"), id="too-large"
        ),
        pytest.param("刚好.pdf", PDF + b"x" * (1024 - len(PDF)), None, id="exactly-the-limit"),
        pytest.param("C:\\材料\\委托书.pdf", PDF, None, id="windows-path-dropped"),
    ],
)
def test_check_material(name: str, content: bytes, problem: str | None) -> None:
    material, message = realname.check_material(name, content, 1024)
    assert message == problem
    assert (material is None) == (problem is not None)
    if material:
        assert "\\" not in material.original_name and material.sha256 == hashlib.sha256(content).hexdigest()


def test_realname_pages_refuse_a_unit_account(client: FlaskClient, data: DataBuilder) -> None:
    unit = _seed_unit(client, data)
    _log_in_unit(client, unit)
    answer = client.get("/platform/realname/apply")
    assert answer.status_code == 403 and realname.HANDLER_ONLY_MESSAGE in _text(answer)


@pytest.mark.parametrize("query_type", ["manager_code", "uscc", "org_code"])
def test_query_finds_the_bound_unit_by_each_code(client: FlaskClient, data: DataBuilder, query_type: str) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    value = {"manager_code": unit["manager_code"], "uscc": unit["cert_no"], "org_code": unit["cert_no"][8:17]}[
        query_type
    ]
    page = _text(client.get(f"/platform/realname/apply?query_type={query_type}&query_value={value}"))
    assert f'name="unit_id" id="unit-{unit["id"]}"' in page and "可申请" in page


def test_query_refuses_an_org_code_with_its_dash(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    org_code = unit["cert_no"][8:17]
    page = _text(client.get(f"/platform/realname/apply?query_type=org_code&query_value={org_code[:8]}-{org_code[8]}"))
    assert "组织机构代码请省略第九位“-”" in page and 'name="unit_id"' not in page


def test_an_unbound_unit_is_shown_without_a_tick_box_and_refused_when_posted(
    client: FlaskClient, data: DataBuilder, app: Flask
) -> None:
    own, other, person = _seed_unit(client, data), _seed_unit(client, data), _seed_person(client, data)
    _bind(client, own, person)
    _act_for(client, person, own)
    page = _text(client.get(f"/platform/realname/apply?query_type=uscc&query_value={other['cert_no']}"))
    assert "未绑定" in page and realname.UNBOUND_MESSAGE in page and 'name="unit_id"' not in page
    posted = client.post(
        "/platform/realname/apply",
        data={"unit_id": str(other["id"]), "materials": (io.BytesIO(PDF), "委托书.pdf")},
        content_type="multipart/form-data",
    )
    assert posted.status_code == 400 and realname.UNIT_NOT_ELIGIBLE_MESSAGE in _text(posted)
    assert _applications(client, person) == []
    assert not any(Path(app.config["UPLOAD_DIR"]).glob("*"))


def test_submit_stores_the_files_with_their_digest(client: FlaskClient, data: DataBuilder, app: Flask) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    answer = client.post(
        "/platform/realname/apply",
        data={
            "unit_id": str(unit["id"]),
            "materials": [(io.BytesIO(PDF), "单位委托书.pdf"), (io.BytesIO(PNG), "营业执照.png")],
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    [application] = _applications(client, person)
    assert application["status"] == "pending" and application["cert_nos"] == [unit["cert_no"]]
    assert [(m["original_name"], m["sha256"], m["stored"]) for m in application["materials"]] == [
        ("单位委托书.pdf", hashlib.sha256(PDF).hexdigest(), True),
        ("营业执照.png", hashlib.sha256(PNG).hexdigest(), True),
    ]
    assert len(list(Path(app.config["UPLOAD_DIR"]).glob("*"))) == 2
    # Under review now: no second application for the same unit.
    page = _text(client.get(f"/platform/realname/apply?query_type=uscc&query_value={unit['cert_no']}"))
    assert "审核中" in page and 'name="unit_id"' not in page


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param([], realname.NO_MATERIALS_MESSAGE, id="none"),
        pytest.param(
            [(PDF, "委托书.pdf"), (b"MZ", "病毒.exe")],
            realname.FILE_TYPE_MESSAGE.format(name="病毒.exe"),
            id="one-bad-of-two",
        ),
        pytest.param(
            [(PDF + b"x" * 2048, "大.pdf")],
            realname.FILE_SIZE_MESSAGE.format(name="大.pdf", limit="1KB"),
            id="too-large",
        ),
        pytest.param([(PDF, f"{n}.pdf") for n in range(6)], realname.TOO_MANY_FILES_MESSAGE, id="too-many"),
    ],
)
def test_refused_uploads_write_nothing(
    client: FlaskClient, data: DataBuilder, app: Flask, files: list, message: str
) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    answer = client.post(
        "/platform/realname/apply",
        data={"unit_id": str(unit["id"]), "materials": [(io.BytesIO(content), name) for content, name in files]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400 and message in _text(answer)
    assert _applications(client, person) == []
    assert not any(Path(app.config["UPLOAD_DIR"]).glob("*"))


def test_a_request_above_the_app_limit_gets_the_size_rule(tmp_path: Path, data: DataBuilder) -> None:
    app = hrss.create_app(
        {"DATABASE": str(tmp_path / "h.sqlite3"), "UPLOAD_DIR": str(tmp_path / "u"), "MAX_CONTENT_LENGTH": 4096}
    )
    client = app.test_client()
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    answer = client.post(
        "/platform/realname/apply",
        data={"unit_id": str(unit["id"]), "materials": (io.BytesIO(PDF + b"x" * 8192), "大.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 413 and "单个文件不能超过5MB" in _text(answer)


# --- Back office and 授权码实名 ----------------------------------------------------------------------


def _application_for(client: FlaskClient, person: dict, unit: dict, **extra: Any) -> dict:
    answer = client.post(
        "/__mock__/authcode/applications",
        json={"person_login_name": person["login_name"], "cert_nos": [unit["cert_no"]], **extra},
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_back_office_lists_shows_and_serves_the_materials(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    import base64

    application = _application_for(
        client, person, unit, materials=[{"name": "单位委托书.pdf", "content_base64": base64.b64encode(PDF).decode()}]
    )
    listing = _text(client.get("/isso/backoffice/applications"))
    assert unit["unit_name"] in listing and person["name"] in listing
    detail = _text(client.get(f"/isso/backoffice/applications/{application['id']}"))
    assert "单位委托书.pdf" in detail and hashlib.sha256(PDF).hexdigest() in detail
    material_url = detail.split('href="/isso/backoffice/materials/')[1].split('"')[0]
    download = client.get(f"/isso/backoffice/materials/{material_url}")
    assert download.data == PDF and download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]


def test_approval_texts_the_code_and_cannot_be_repeated(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    application = _application_for(client, person, unit)
    assert client.post(f"/isso/backoffice/applications/{application['id']}/approve").status_code == 302
    [issued] = _applications(client, person)[0]["codes"]
    message = _last_sms(client, person["phone"])
    assert (
        message["code"] == issued["code"] and issued["code"] in message["text"] and unit["unit_name"] in message["text"]
    )
    again = client.post(f"/isso/backoffice/applications/{application['id']}/approve")
    assert again.status_code == 409 and realname.ALREADY_DECIDED_MESSAGE in _text(again)
    assert len(_applications(client, person)[0]["codes"]) == 1


def test_rejection_needs_a_reason_which_the_handler_sees(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    application = _application_for(client, person, unit)
    blank = client.post(f"/isso/backoffice/applications/{application['id']}/reject", data={"reason": "  "})
    assert blank.status_code == 400 and realname.REASON_EMPTY_MESSAGE in _text(blank)
    client.post(f"/isso/backoffice/applications/{application['id']}/reject", data={"reason": "单位委托书未盖公章"})
    assert "单位委托书未盖公章" in _last_sms(client, person["phone"])["text"]
    _act_for(client, person, unit)
    overview = _text(client.get("/platform/realname"))
    assert "审核不通过" in overview and "单位委托书未盖公章" in overview
    # A rejected unit may be applied for again.
    assert "可申请" in _text(client.get(f"/platform/realname/apply?query_type=uscc&query_value={unit['cert_no']}"))


def test_authcode_realname_opens_the_rebate_and_the_code_is_single_use(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    code = _application_for(client, person, unit, status="approved")["codes"][unit["cert_no"]]
    _act_for(client, person, unit)
    assert client.get("/platform/rebate").status_code == 403
    done = client.post("/platform/realname/authcode", data={"authcode": code})
    assert realname.CODE_DONE_MESSAGE.format(unit=unit["unit_name"]) in _text(done)
    assert _bindings(client, unit, person)["handlers"][0]["authcode_realname"] == 1
    assert client.get("/platform/rebate").status_code == 200
    reused = client.post("/platform/realname/authcode", data={"authcode": code})
    assert reused.status_code == 409 and realname.CODE_USED_MESSAGE in _text(reused)


def test_another_units_code_is_wrong_here(client: FlaskClient, data: DataBuilder) -> None:
    first, second, person = _seed_unit(client, data), _seed_unit(client, data), _seed_person(client, data)
    _bind(client, first, person)
    _bind(client, second, person)
    code_of_second = _application_for(client, person, second, status="approved")["codes"][second["cert_no"]]
    _act_for(client, person, first)
    answer = client.post("/platform/realname/authcode", data={"authcode": code_of_second})
    assert answer.status_code == 400 and realname.CODE_WRONG_MESSAGE in _text(answer)
    assert _bindings(client, first, person)["handlers"][0]["authcode_realname"] == 0


def test_guessing_codes_is_stopped(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    code = _application_for(client, person, unit, status="approved")["codes"][unit["cert_no"]]
    _act_for(client, person, unit)
    wrong = "00000000" if code != "00000000" else "11111111"
    for _ in range(realname.MAX_WRONG_CODES):
        assert client.post("/platform/realname/authcode", data={"authcode": wrong}).status_code == 400
    locked = client.post("/platform/realname/authcode", data={"authcode": code})
    assert locked.status_code == 429 and realname.CODE_LOCKED_MESSAGE in _text(locked)


# --- The whole of part 二 -------------------------------------------------------------------------


def test_part_two_end_to_end(client: FlaskClient, data: DataBuilder) -> None:
    """单位注册 → 子账号绑定 → 申请单位授权码 → 审核 → 授权码实名 → 稳岗返还, through the pages only
    (the handler's own account comes from 个人注册 and 人脸识别 as well)."""
    # 个人注册 and 人脸识别: the handler's 二级实名 account.
    form = _registration_form(data)
    client.post("/isso/person/register/sms", data={"phone": form["phone"]})
    client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": _last_sms(client, form["phone"])["code"]})
    handler = {"login_name": form["login_name"], "password": form["password"]}
    _log_in_person(client, handler)
    ticket = _text(client.post("/isso/person/account/realname/face")).split('data-ticket="')[1].split('"')[0]
    client.post(f"/__mock__/accounts/realname/{ticket}", data={"result": "pass"})
    client.post(f"/isso/person/account/realname/face/{ticket}")
    client.post("/isso/logout")
    # 单位注册 (B1.1, B1.2).
    unit = data.unit()
    unit_password = data.strong_password()
    client.get("/isso/register/unit")
    assert (
        client.post(
            "/isso/register/unit/person",
            data={"person_login": form["login_name"], "person_id_number": form["id_number"]},
        ).status_code
        == 302
    )
    client.post("/isso/register/unit/sms", data={"phone": unit.phone})
    unit_form = {
        "cert_type": "uscc",
        "cert_no": unit.uscc,
        "unit_name": unit.name,
        "location": f"{unit.province}{unit.city}{unit.district}",
        "address_detail": unit.address_detail,
        "legal_rep_name": unit.legal_rep_name,
        "legal_rep_id_type": "resident_id",
        "legal_rep_id": unit.legal_rep_id,
        "legal_rep_phone": unit.phone,
        "username": data.hrss_username(),
        "password": unit_password,
        "password_confirm": unit_password,
        "sms_code": _last_sms(client, unit.phone)["code"],
    }
    assert client.post("/isso/register/unit/info", data=unit_form).status_code == 302
    # 发起绑定 (B1.3) and 确认绑定 (B1.4).
    _log_in_unit(client, {"username": unit_form["username"], "password": unit_password})
    client.post(
        "/platform/account/sub-accounts",
        data={"person_login": form["login_name"], "person_id_number": form["id_number"]},
    )
    _log_in_person(client, handler)
    [binding_request] = client.get(f"/__mock__/binding/bindings?cert_no={unit.uscc}").get_json()["requests"]
    client.post(f"/isso/person/account/parents/{binding_request['id']}/accept")
    # 个人登录 → 选择单位 (B2.1, B2.2), 申请单位授权码 (B1.5).
    [unit_row] = client.get(f"/__mock__/units?cert_no={unit.uscc}").get_json()
    assert client.post("/isso/login/person/units", data={"unit_id": unit_row["id"]}).status_code == 302
    client.post(
        "/platform/realname/apply",
        data={"unit_id": str(unit_row["id"]), "materials": (io.BytesIO(PDF), "单位委托书.pdf")},
        content_type="multipart/form-data",
    )
    # 审核 (B1.6) and 授权码实名 (B1.7).
    [application] = _applications(client, handler)
    client.post(f"/isso/backoffice/applications/{application['id']}/approve")
    code = _last_sms(client, form["phone"])["code"]
    client.post("/platform/realname/authcode", data={"authcode": code})
    assert client.get("/platform/rebate").status_code == 200


def test_a_handler_without_a_chosen_unit_is_sent_to_the_dialog(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    _log_in_person(client, person)
    answer = client.get("/platform/realname")
    assert answer.status_code == 302 and answer.location.endswith("/isso/login/person/units")


# --- JSON posts of the spa rendition ----------------------------------------------------------------
# The layui pages post with fetch and read JSON; the same views keep validating everything.

JSON_ANSWER = {"Accept": "application/json"}


def test_json_registration_names_each_broken_field_and_creates_nothing(client: FlaskClient, data: DataBuilder) -> None:
    form = {**_registration_form(data), "login_name": "1abcdef", "password_confirm": "Other#Passw0rd"}
    answer = client.post("/isso/twoWaysToRegister.html", json=form)
    body = answer.get_json()
    assert answer.status_code == 400 and body["ok"] is False
    assert set(body["errors"]) == {"login_name", "password_confirm", "sms_code"}
    assert body["message"] in body["errors"].values()
    assert client.get(f"/__mock__/accounts/persons?id_number={form['id_number']}").get_json() == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b"null"], ids=["malformed", "a-list", "null"])
def test_a_json_post_that_is_not_an_object_gets_the_rules_messages(client: FlaskClient, body: bytes) -> None:
    answer = client.post("/isso/twoWaysToRegister.html", data=body, content_type="application/json")
    assert answer.status_code == 400 and answer.get_json()["errors"]["login_name"] == "请输入登录账号"


def test_json_registration_then_the_done_page(client: FlaskClient, data: DataBuilder) -> None:
    form = _registration_form(data)
    assert client.post("/isso/person/register/sms", json={"phone": form["phone"]}).get_json()["ok"] is True
    answer = client.post(
        "/isso/twoWaysToRegister.html", json={**form, "sms_code": _last_sms(client, form["phone"])["code"]}
    )
    assert answer.status_code == 200 and answer.get_json() == {"ok": True, "redirect": "/isso/person/register/done"}
    assert "一级实名" in _text(client.get("/isso/person/register/done"))


def test_json_find_login_id(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data)
    pair = {"id_number": person["id_number"], "phone": person["phone"]}
    client.post("/isso/person/find/sms", json=pair)
    wrong = client.post(
        "/isso/findLoginId.html",
        json={**pair, "sms_code": "000000" if _last_sms(client, person["phone"])["code"] != "000000" else "111111"},
    )
    assert wrong.status_code == 400 and wrong.get_json()["errors"] == {"sms_code": accounts.SMS_CODE_MESSAGE}
    client.post("/isso/person/find/sms", json=pair)
    found = client.post("/isso/findLoginId.html", json={**pair, "sms_code": _last_sms(client, person["phone"])["code"]})
    assert found.get_json() == {"ok": True, "login_name": person["login_name"]}


def test_json_face_recognition(client: FlaskClient, data: DataBuilder) -> None:
    person = _seed_person(client, data, level=1)
    _log_in_person(client, person)
    started = client.post("/isso/person/account/realname/face", json={}).get_json()
    too_early = client.post(started["finish_url"], json={})
    assert too_early.status_code == 400 and too_early.get_json() == {
        "ok": False,
        "message": accounts.FACE_PENDING_MESSAGE,
        "pending": True,
    }
    client.post(f"/__mock__/accounts/realname/{started['ticket']}", json={"result": "pass"})
    done = client.post(started["finish_url"], json={}).get_json()
    assert done == {"ok": True, "message": accounts.FACE_DONE_MESSAGE, "level_name": "二级实名"}


def test_json_posts_without_a_login_get_401(client: FlaskClient) -> None:
    for path in (
        "/isso/person/account/realname/face",
        "/platform/account/sub-accounts",
        "/platform/realname/authcode",
        "/isso/person/account/parents/1/accept",
    ):
        answer = client.post(path, json={})
        assert answer.status_code == 401 and answer.get_json()["message"] == accounts.LOGIN_NEEDED_MESSAGE, path


def test_json_binding_request_refusal_then_request_then_accept(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _log_in_unit(client, unit)
    refused = client.post(
        "/platform/account/sub-accounts", json={"person_login": person["login_name"], "person_id_number": ""}
    )
    assert refused.status_code == 400 and refused.get_json()["errors"] == {
        "person_id_number": binding.ID_NUMBER_EMPTY_MESSAGE
    }
    assert _bindings(client, unit, person)["requests"] == []
    sent = client.post(
        "/platform/account/sub-accounts",
        json={"person_login": person["login_name"], "person_id_number": person["id_number"]},
    )
    assert sent.get_json() == {
        "ok": True,
        "message": binding.REQUEST_SENT_MESSAGE,
        "reload": "/platform/account/sub-accounts",
    }
    _log_in_person(client, person)
    [request_] = _bindings(client, unit, person)["requests"]
    accepted = client.post(f"/isso/person/account/parents/{request_['id']}/accept", json={})
    assert accepted.get_json()["ok"] is True and _bindings(client, unit, person)["handlers"][0]["bound"] == 1
    again = client.post(f"/isso/person/account/parents/{request_['id']}/accept", json={})
    assert again.status_code == 409 and again.get_json()["message"] == binding.REQUEST_GONE_MESSAGE


def test_json_answers_to_an_upload_and_nothing_stored_when_refused(
    client: FlaskClient, data: DataBuilder, app: Flask
) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    refused = client.post("/platform/realname/apply", data={}, content_type="multipart/form-data", headers=JSON_ANSWER)
    assert refused.status_code == 400
    assert refused.get_json()["errors"] == {
        "units": realname.NO_UNIT_TICKED_MESSAGE,
        "materials": realname.NO_MATERIALS_MESSAGE,
    }
    assert refused.get_json()["message"] == realname.NO_UNIT_TICKED_MESSAGE
    assert _applications(client, person) == []
    sent = client.post(
        "/platform/realname/apply",
        data={"unit_id": str(unit["id"]), "materials": (io.BytesIO(PDF), "单位委托书.pdf")},
        content_type="multipart/form-data",
        headers=JSON_ANSWER,
    )
    assert sent.get_json() == {"ok": True, "message": realname.SUBMITTED_MESSAGE, "redirect": "/platform/realname"}


def test_json_back_office_and_authcode(client: FlaskClient, data: DataBuilder) -> None:
    unit, person = _seed_unit(client, data), _seed_person(client, data)
    _bind(client, unit, person)
    _act_for(client, person, unit)
    client.post(
        "/platform/realname/apply",
        data={"unit_id": str(unit["id"]), "materials": (io.BytesIO(PDF), "a.pdf")},
        content_type="multipart/form-data",
    )
    [application] = _applications(client, person)
    no_reason = client.post(f"/isso/backoffice/applications/{application['id']}/reject", json={"reason": "  "})
    assert no_reason.status_code == 400 and no_reason.get_json()["errors"] == {"reason": realname.REASON_EMPTY_MESSAGE}
    assert client.post(f"/isso/backoffice/applications/{application['id']}/approve", json={}).get_json()["ok"] is True
    twice = client.post(f"/isso/backoffice/applications/{application['id']}/approve", json={})
    assert twice.status_code == 409 and twice.get_json()["message"] == realname.ALREADY_DECIDED_MESSAGE
    empty = client.post("/platform/realname/authcode", json={"authcode": ""})
    assert empty.status_code == 400 and empty.get_json()["errors"] == {"authcode": realname.CODE_EMPTY_MESSAGE}
    done = client.post("/platform/realname/authcode", json={"authcode": _last_sms(client, person["phone"])["code"]})
    assert done.get_json() == {
        "ok": True,
        "message": realname.CODE_DONE_MESSAGE.format(unit=unit["unit_name"]),
        "state": "已完成",
    }


@pytest.mark.parametrize(
    ("path", "guide_text"),
    [
        ("/isso/twoWaysToRegister.html?showIndex=1", "个人注册"),
        ("/isso/findLoginId.html?showIndex=1", "找回登录账号"),
        ("/isso/static/person.html", "四、个人账号实名认证"),
        ("/isso/backoffice/applications", "单位授权码申请"),
    ],
)
def test_spa_pages_are_layui_pages_with_the_guide_texts(tmp_path: Path, path: str, guide_text: str) -> None:
    """Each page with its own guide text (another page's text would not do)."""
    app = hrss.create_app({"DATABASE": str(tmp_path / "hrss.sqlite3"), "UI": "spa"})
    page = _text(app.test_client().get(path))
    assert "/vendor/layui/layui.js" in page and 'name="csrf-token"' in page
    assert "role=" not in page and "aria-" not in page
    assert guide_text in page
