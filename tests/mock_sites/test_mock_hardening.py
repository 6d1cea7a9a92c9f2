"""The mock portals under attack and bad input: clear 4xx answers instead of 500s, sessions the
server can end, CSRF tokens and the Origin check, the captcha bound to its browser session, SMS
codes that cannot be guessed, the 授权码 lockout under concurrent tries, and 个人注册 that does
not tell who is registered.

Each test names the defect it guards against; on the code before these fixes each of them
failed (an exception in the view, a 2xx/3xx where a refusal belongs, or a count above the limit).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from mock_sites import db, gdzwfw, hrss, sms
from mock_sites.gdzwfw import login as gd_login
from mock_sites.hrss import accounts, realname
from mock_sites.web import (
    CSRF_MISSING_MESSAGE,
    CSRF_WRONG_MESSAGE,
    FOREIGN_ORIGIN_MESSAGE,
    MAX_ID,
    parse_id,
)
from tests.lookups import cookie_value, search, session_serializer

# More digits than any SQLite integer holds: binding it as a parameter raised OverflowError.
HUGE_ID = "9" * 25
CHINESE = re.compile(r"[\u4e00-\u9fff]")
TEMPLATE_DIRS = [Path(gdzwfw.__file__).parent / "templates", Path(hrss.__file__).parent / "templates"]


@pytest.fixture
def gd_app(tmp_path: Path) -> Flask:
    """A GD-IdP app on its own database file."""
    return gdzwfw.create_app({"TESTING": True, "DATABASE": str(tmp_path / "gdzwfw.sqlite3")})


@pytest.fixture
def hrss_app(tmp_path: Path) -> Flask:
    """An HRSS app on its own database file and upload folder."""
    return hrss.create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "hrss.sqlite3"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "SSO_CLIENT_ID": "client",
            "SSO_CLIENT_SECRET": "secret",
            "GDZWFW_URL": "http://gdzwfw.invalid",
        }
    )


@pytest.fixture
def data(request: pytest.FixtureRequest) -> DataBuilder:
    """Test data seeded by the test's name."""
    return DataBuilder(seed=sum(request.node.name.encode()))


def plain_client(app: Flask) -> FlaskClient:
    """A client that sends only what a test gives it: no CSRF token unless asked."""
    return FlaskClient(app, app.response_class, use_cookies=True)


def _created(client: FlaskClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(f"/__mock__/{path}", json=body)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    return answer.get_json()


def _seed_gd_account(client: FlaskClient, data: DataBuilder) -> dict[str, Any]:
    unit = data.unit()
    body = {
        "login_name": data.gdzwfw_account(),
        "password": data.strong_password(),
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "trust_level": 3,
    }
    return {**body, **_created(client, "legal-accounts", body)}


def _handler(
    client: FlaskClient, data: DataBuilder, state: str = "authorised"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A personal account and a unit, bound (and 授权码实名 done, by default), seeded directly."""
    person = data.person()
    fields = {
        "login_name": data.hrss_username(),
        "password": data.strong_password(),
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
    }
    person_row = {**fields, **_created(client, "persons", fields)}
    unit = data.unit()
    unit_row = {"cert_no": unit.uscc, **_created(client, "units", {"cert_no": unit.uscc, "unit_name": unit.name})}
    _created(
        client,
        "binding/bindings",
        {"cert_no": unit.uscc, "person_login_name": person_row["login_name"], "state": state},
    )
    return person_row, unit_row


def _logged_in(app: Flask, body: dict[str, Any], client: FlaskClient | None = None) -> FlaskClient:
    """A browser holding the session the control API issues for `body`."""
    browser = client or app.test_client()
    cookie = _created(app.test_client(), "sessions", body)
    browser.set_cookie(cookie["name"], cookie["value"])
    return browser


def _is_clear_refusal(answer: Any) -> bool:
    text = json.dumps(answer.get_json(), ensure_ascii=False) if answer.is_json else answer.get_data(as_text=True)
    return 400 <= answer.status_code < 500 and CHINESE.search(text) is not None


def _captcha(client: FlaskClient) -> tuple[str, str]:
    page = client.get("/pscp/sso/login?type=legal&method=password").get_data(as_text=True)
    captcha_id = search(r'data-captcha-id="(\w+)"', page).group(1)
    return captcha_id, client.get(f"/__mock__/captcha/{captcha_id}").get_json()["answer"]


def _password_login(client: FlaskClient, account: dict[str, Any], captcha: tuple[str, str]) -> Any:
    captcha_id, answer = captcha
    form = {
        "type": "legal",
        "method": "password",
        "login_name": account["login_name"],
        "password": account["password"],
        "captcha_id": captcha_id,
        "captcha": answer,
    }
    return client.post("/pscp/sso/login", data=form)


# --- Over-long ids in URLs and forms: a clear 4xx, never a 500 ------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "form"),
    [
        pytest.param("get", f"/isso/backoffice/applications/{HUGE_ID}", None, id="backoffice-application"),
        pytest.param("post", f"/isso/backoffice/applications/{HUGE_ID}/approve", {}, id="backoffice-approve"),
        pytest.param(
            "post", f"/isso/backoffice/applications/{HUGE_ID}/reject", {"reason": "材料不全"}, id="backoffice-reject"
        ),
        pytest.param("get", f"/isso/backoffice/materials/{HUGE_ID}", None, id="backoffice-material"),
        pytest.param("post", f"/platform/rebate/{HUGE_ID}/confirm", {}, id="rebate-confirm"),
        pytest.param("post", f"/isso/person/account/parents/{HUGE_ID}/accept", {}, id="binding-accept"),
        pytest.param("post", f"/isso/person/account/parents/{HUGE_ID}/decline", {}, id="binding-decline"),
        pytest.param("post", "/isso/login/person/units", {"unit_id": HUGE_ID}, id="unit-choice"),
        pytest.param("post", "/platform/realname/apply", {"unit_id": HUGE_ID}, id="ticked-units"),
        pytest.param("post", f"/__mock__/authcode/applications/{HUGE_ID}/approve", {}, id="control-approve"),
    ],
)
def test_an_over_long_id_gets_a_clear_4xx(
    hrss_app: Flask, data: DataBuilder, method: str, path: str, form: dict | None
) -> None:
    """Defect: ids past SQLite's integer range raised OverflowError (HTTP 500)."""
    person, unit = _handler(hrss_app.test_client(), data)
    browser = _logged_in(hrss_app, {"person_login_name": person["login_name"], "unit_cert_no": unit["cert_no"]})
    answer = browser.get(path) if method == "get" else browser.post(path, data=form)
    assert _is_clear_refusal(answer), (answer.status_code, answer.get_data(as_text=True)[:300])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (42, 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        (HUGE_ID, None),
        ("", None),
        (None, None),
        ("-1", None),
        ("1.5", None),
        ("١٢", None),
        (True, None),
        ("9" * 5000, None),
    ],
)
def test_parse_id(value: Any, expected: int | None) -> None:
    """Form and JSON ids: whole, non-negative, within SQLite's integers; anything else is None."""
    assert parse_id(value) == expected


def test_an_over_long_id_in_a_url_is_a_chinese_not_found_page(hrss_app: Flask) -> None:
    """The bounded `<int:>` converter turns the id into an ordinary 404, in the portal's language."""
    answer = hrss_app.test_client().get(f"/isso/backoffice/applications/{HUGE_ID}")
    assert answer.status_code == 404 and "页面不存在" in answer.get_data(as_text=True)


# --- Malformed JSON to the control API: 400 with a message -----------------------------------------


MALFORMED_BODIES = [
    pytest.param("gd", "legal-accounts", [1, 2], "JSON 对象", id="gd-seed-list"),
    pytest.param("gd", "legal-accounts", {"login_name": "x"}, "缺少字段", id="gd-seed-missing-fields"),
    pytest.param(
        "gd",
        "legal-accounts",
        {"unit_name": "单位", "uscc": "x", "trust_level": "四级"},
        "trust_level",
        id="gd-seed-level-text",
    ),
    pytest.param(
        "gd",
        "legal-accounts",
        {"unit_name": "单位", "uscc": "x", "methods": [["registry"]]},
        "核验方式",
        id="gd-seed-methods-nested",
    ),
    pytest.param("gd", "sessions", ["login_name"], "JSON 对象", id="gd-session-list"),
    pytest.param("gd", "sessions", {"login_name": ["a"]}, "login_name", id="gd-session-list-name"),
    pytest.param("gd", "scan/none", "scan", "JSON 对象", id="gd-scan-string"),
    pytest.param("gd", "bank-cert", {"ticket": ["x"]}, "ticket", id="gd-cert-ticket-list"),
    pytest.param("gd", "ca-cert", {}, "缺少字段", id="gd-cert-missing-ticket"),
    pytest.param("hrss", "persons", [], "JSON 对象", id="hrss-person-list"),
    pytest.param("hrss", "persons", {"login_name": "abcde"}, "缺少字段", id="hrss-person-missing"),
    pytest.param(
        "hrss",
        "persons",
        {"login_name": "abcde", "password": "x", "name": "x", "id_number": "x", "phone": "x", "realname_level": "二级"},
        "realname_level",
        id="hrss-person-level-text",
    ),
    pytest.param("hrss", "sessions", [1], "JSON 对象", id="hrss-session-list"),
    pytest.param("hrss", "sessions", {"gdidp": "91440101"}, "gdidp", id="hrss-session-gdidp-text"),
    pytest.param("hrss", "units", {"cert_no": 91440101, "unit_name": "单位"}, "cert_no", id="hrss-unit-number"),
    pytest.param("hrss", "rebates", {"cert_no": "x"}, "缺少字段", id="hrss-rebate-missing"),
    pytest.param(
        "hrss",
        "rebates",
        {"cert_no": "x", "period": "2025年度", "amount": [1], "bank_name": "x", "bank_account": "1"},
        "amount",
        id="hrss-rebate-amount-list",
    ),
    pytest.param("hrss", "unit-handlers", "x", "JSON 对象", id="hrss-handler-text"),
    pytest.param(
        "hrss", "binding/bindings", {"cert_no": ["x"], "person_login_name": "x"}, "cert_no", id="hrss-binding-list"
    ),
    pytest.param(
        "hrss",
        "authcode/applications",
        {"person_login_name": "x", "cert_nos": "x"},
        "cert_nos",
        id="hrss-application-cert-nos-text",
    ),
    pytest.param("hrss", "accounts/realname/none", [], "JSON 对象", id="hrss-face-list"),
]


@pytest.mark.parametrize(("portal", "path", "body", "message"), MALFORMED_BODIES)
def test_a_malformed_control_body_gets_400_with_a_message(
    gd_app: Flask, hrss_app: Flask, portal: str, path: str, body: Any, message: str
) -> None:
    """Defect: 16 of 20 malformed bodies (a list, missing fields, wrong types) gave HTTP 500."""
    app = gd_app if portal == "gd" else hrss_app
    answer = app.test_client().post(f"/__mock__/{path}", json=body)
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert message in answer.get_json()["error"]


def test_a_body_that_is_not_json_at_all_gets_400(hrss_app: Flask) -> None:
    """Not JSON, not even with a JSON content type: the same clear 400."""
    answer = hrss_app.test_client().post("/__mock__/units", data="{cert_no:", content_type="application/json")
    assert answer.status_code == 400 and "JSON 对象" in answer.get_json()["error"]


# --- Sessions the server can end ----------------------------------------------------------------------


def test_gdidp_logout_ends_every_copy_of_the_session(gd_app: Flask, data: DataBuilder) -> None:
    """Defect: the old cookie still worked after 「退出登录」 (sessions lived only in the cookie).
    The control API's sessions are recorded like a login's, so they end the same way."""
    account = _seed_gd_account(gd_app.test_client(), data)
    cookie = _created(gd_app.test_client(), "sessions", {"login_name": account["login_name"]})
    browser = gd_app.test_client()
    browser.set_cookie(cookie["name"], cookie["value"])
    assert browser.get("/pscp/account/info").status_code == 200
    browser.get("/pscp/sso/logout")
    kept_copy = gd_app.test_client()
    kept_copy.set_cookie(cookie["name"], cookie["value"])
    answer = kept_copy.get("/pscp/account/info")
    assert answer.status_code == 302 and "/pscp/sso/login" in answer.location


def test_hrss_logout_ends_every_copy_of_the_session(hrss_app: Flask, data: DataBuilder) -> None:
    """Defect: the old cookie still worked after 「退出登录」 on HRSS too."""
    unit = data.unit()
    seeded = _created(hrss_app.test_client(), "units", {"cert_no": unit.uscc, "unit_name": unit.name})
    cookie = _created(hrss_app.test_client(), "sessions", {"unit_username": seeded["username"]})
    browser = hrss_app.test_client()
    browser.set_cookie(cookie["name"], cookie["value"])
    assert browser.get("/platform/home").status_code == 200
    assert browser.post("/isso/logout").status_code == 302
    kept_copy = hrss_app.test_client()
    kept_copy.set_cookie(cookie["name"], cookie["value"])
    answer = kept_copy.get("/platform/home")
    assert answer.status_code == 302 and answer.location.endswith("/isso/login.html")


def test_each_login_gets_a_new_session_and_ends_the_one_before(gd_app: Flask, data: DataBuilder) -> None:
    """A new session id at every login; the session the browser held before is ended with it."""
    account = _seed_gd_account(gd_app.test_client(), data)
    browser = gd_app.test_client()
    assert _password_login(browser, account, _captcha(browser)).status_code == 302
    first = cookie_value(browser, "gdzwfw_session")
    assert _password_login(browser, account, _captcha(browser)).status_code == 302
    second = cookie_value(browser, "gdzwfw_session")
    with gd_app.test_request_context():
        serializer = session_serializer(gd_app)
        assert serializer.loads(first)["sid"] != serializer.loads(second)["sid"]
    earlier = gd_app.test_client()
    earlier.set_cookie("gdzwfw_session", first)
    assert earlier.get("/pscp/account/info").status_code == 302
    assert browser.get("/pscp/account/info").status_code == 200


# --- Captcha bound to the session that was shown it ------------------------------------------------


def test_a_captcha_solved_for_one_browser_is_refused_from_another(gd_app: Flask, data: DataBuilder) -> None:
    """Defect: a captcha shown to (and solved in) one browser was accepted from another."""
    account = _seed_gd_account(gd_app.test_client(), data)
    shown_to = gd_app.test_client()
    captcha = _captcha(shown_to)
    other = gd_app.test_client()
    other.get("/pscp/sso/login?type=legal&method=password")
    refused = _password_login(other, account, captcha)
    assert refused.status_code == 200 and gd_login.CAPTCHA_WRONG in refused.get_data(as_text=True)
    assert other.get("/pscp/account/info").status_code == 302


# --- CSRF: token and Origin -------------------------------------------------------------------------


def _hidden_token(page: str) -> str:
    return search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_login_form_needs_its_token(gd_app: Flask, data: DataBuilder) -> None:
    """Defect (login CSRF): the login forms carried no token, so another site could log a
    victim's browser into the attacker's account."""
    account = _seed_gd_account(gd_app.test_client(), data)
    browser = plain_client(gd_app)
    captcha_id, answer = _captcha(browser)
    form = {
        "type": "legal",
        "method": "password",
        "login_name": account["login_name"],
        "password": account["password"],
        "captcha_id": captcha_id,
        "captcha": answer,
    }
    missing = browser.post("/pscp/sso/login", data=form)
    assert missing.status_code == 400 and CSRF_MISSING_MESSAGE in missing.get_data(as_text=True)
    wrong = browser.post("/pscp/sso/login", data={**form, "csrf_token": "forged"})
    assert wrong.status_code == 400 and CSRF_WRONG_MESSAGE in wrong.get_data(as_text=True)
    assert browser.get("/pscp/account/info").status_code == 302
    page = browser.get("/pscp/sso/login?type=legal&method=password").get_data(as_text=True)
    captcha_id = search(r'data-captcha-id="(\w+)"', page).group(1)
    answer = browser.get(f"/__mock__/captcha/{captcha_id}").get_json()["answer"]
    accepted = browser.post(
        "/pscp/sso/login", data={**form, "captcha_id": captcha_id, "captcha": answer, "csrf_token": _hidden_token(page)}
    )
    assert accepted.status_code == 302
    # The logged-in session has a new token; the login answer carries it for a page that stays.
    assert accepted.headers["X-CSRF-Token"] != _hidden_token(page)


def test_a_post_from_another_origin_is_refused_even_with_the_token(hrss_app: Flask) -> None:
    """The Origin check: the two portals share a host, so SameSite cookies do not separate them."""
    browser = plain_client(hrss_app)
    token = _hidden_token(browser.get("/isso/login.html").get_data(as_text=True))
    form = {"username": "someone", "password": "x", "csrf_token": token}
    foreign = browser.post("/isso/login/unit", data=form, headers={"Origin": "http://127.0.0.1:1"})
    assert foreign.status_code == 403 and FOREIGN_ORIGIN_MESSAGE in foreign.get_data(as_text=True)
    same = browser.post("/isso/login/unit", data=form, headers={"Origin": "http://localhost"})
    assert same.status_code == 401  # checked as a login: wrong credentials


def test_state_changing_posts_need_the_token(hrss_app: Flask, data: DataBuilder) -> None:
    """Defect: confirming the rebate or accepting a binding relied on SameSite=Lax alone."""
    person, unit = _handler(hrss_app.test_client(), data)
    rebate = _created(
        hrss_app.test_client(),
        "rebates",
        {
            "cert_no": unit["cert_no"],
            "period": "2025年度",
            "amount": "100.00",
            "bank_name": "银行",
            "bank_account": "6222000011112222",
        },
    )
    browser = _logged_in(
        hrss_app, {"person_login_name": person["login_name"], "unit_cert_no": unit["cert_no"]}, plain_client(hrss_app)
    )
    refused = browser.post(f"/platform/rebate/{rebate['id']}/confirm")
    assert refused.status_code == 400 and CSRF_MISSING_MESSAGE in refused.get_data(as_text=True)
    assert hrss_app.test_client().get(f"/__mock__/rebate-confirmations?cert_no={unit['cert_no']}").get_json() == []
    token = _hidden_token(browser.get("/platform/rebate").get_data(as_text=True))
    assert browser.post(f"/platform/rebate/{rebate['id']}/confirm", data={"csrf_token": token}).status_code == 302
    assert len(hrss_app.test_client().get(f"/__mock__/rebate-confirmations?cert_no={unit['cert_no']}").get_json()) == 1


def test_a_binding_cannot_be_accepted_without_the_token(hrss_app: Flask, data: DataBuilder) -> None:
    """Accepting a binding request changes who may act for a unit: it needs the page's token."""
    person, unit = _handler(hrss_app.test_client(), data, state="pending")
    request_id = (
        hrss_app.test_client()
        .get(f"/__mock__/binding/bindings?cert_no={unit['cert_no']}")
        .get_json()["requests"][0]["id"]
    )
    browser = _logged_in(hrss_app, {"person_login_name": person["login_name"]}, plain_client(hrss_app))
    assert browser.post(f"/isso/person/account/parents/{request_id}/accept").status_code == 400
    [pending] = (
        hrss_app.test_client().get(f"/__mock__/binding/bindings?cert_no={unit['cert_no']}").get_json()["requests"]
    )
    assert pending["status"] == "pending"


def test_every_state_changing_form_carries_the_token() -> None:
    """Each classic form that posts to the portal carries the hidden field; every base template
    has the meta tag that scripts read. The mock consoles post to the exempt control API."""
    missing = []
    for folder in TEMPLATE_DIRS:
        for template in folder.glob("*.html"):
            text = template.read_text(encoding="utf-8")
            for form in re.finditer(r'<form method="post"(?P<attrs>[^>]*)>(?P<body>.*?)</form>', text, re.S):
                if (
                    "control." in form["attrs"]
                    or "accounts_control." in form["attrs"]
                    or template.name == "mock_console.html"
                ):
                    continue
                if 'name="csrf_token" value="{{ csrf_token() }}"' not in form["body"]:
                    missing.append(f"{template.name}: {form['attrs'].strip()}")
    assert missing == []
    for folder in TEMPLATE_DIRS:
        assert '<meta name="csrf-token" content="{{ csrf_token() }}">' in (folder / "base.html").read_text(
            encoding="utf-8"
        )


# --- SMS codes cannot be guessed --------------------------------------------------------------------


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_five_wrong_codes_spend_the_code_even_inside_a_refused_transaction(hrss_app: Flask) -> None:
    """The registrations check the code inside a transaction that a refused form rolls back;
    the wrong tries must count all the same, or the limit would never be reached there."""
    with hrss_app.app_context():
        code = sms.send_code("13800138000", "test")
        for _ in range(sms.MAX_WRONG_TRIES):
            with pytest.raises(LookupError), db.transaction():
                assert not sms.use_code("13800138000", "test", _wrong(code))
                raise LookupError("refused form")
        assert not sms.use_code("13800138000", "test", code)


def test_person_registration_code_dies_after_five_wrong_tries(hrss_app: Flask, data: DataBuilder) -> None:
    """Defect: 40 wrong codes and then the right one still registered (个人注册)."""
    client = hrss_app.test_client()
    person = data.person()
    password = data.strong_password()
    form = {
        "login_name": data.hrss_username(),
        "name": person.name,
        "id_number": person.resident_id,
        "phone": person.phone,
        "password": password,
        "password_confirm": password,
    }
    client.post("/isso/person/register/sms", data={"phone": person.phone})
    code = client.get(f"/__mock__/sms?phone={person.phone}").get_json()[0]["code"]
    for _ in range(sms.MAX_WRONG_TRIES):
        assert client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": _wrong(code)}).status_code == 400
    late = client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": code})
    assert late.status_code == 400 and accounts.SMS_CODE_MESSAGE in late.get_data(as_text=True)
    assert client.get(f"/__mock__/accounts/persons?login_name={form['login_name']}").get_json() == []
    client.post("/isso/person/register/sms", data={"phone": person.phone})
    fresh = client.get(f"/__mock__/sms?phone={person.phone}").get_json()[0]["code"]
    assert client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": fresh}).status_code == 302


def test_find_login_id_code_dies_after_five_wrong_tries(hrss_app: Flask, data: DataBuilder) -> None:
    """Defect: 找回登录账号 showed the account after any number of wrong codes."""
    client = hrss_app.test_client()
    person, _unit = _handler(client, data)
    client.post("/isso/person/find/sms", data={"id_number": person["id_number"], "phone": person["phone"]})
    code = client.get(f"/__mock__/sms?phone={person['phone']}").get_json()[0]["code"]
    form = {"id_number": person["id_number"], "phone": person["phone"]}
    for _ in range(sms.MAX_WRONG_TRIES):
        assert client.post("/isso/findLoginId.html", data={**form, "sms_code": _wrong(code)}).status_code == 400
    late = client.post("/isso/findLoginId.html", data={**form, "sms_code": code})
    assert late.status_code == 400 and person["login_name"] not in late.get_data(as_text=True)


# --- 个人注册 does not tell whether an ID number is registered ----------------------------------------


def test_person_registration_checks_the_code_before_the_id_number(hrss_app: Flask, data: DataBuilder) -> None:
    """Defect: 「证件号已存在」 came before the SMS check, so anyone could test ID numbers."""
    client = hrss_app.test_client()
    existing, _unit = _handler(client, data)
    person = data.person()
    password = data.strong_password()
    form = {
        "login_name": data.hrss_username(),
        "name": person.name,
        "id_number": existing["id_number"],
        "phone": person.phone,
        "password": password,
        "password_confirm": password,
    }
    answer = client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": "123456"})
    page = answer.get_data(as_text=True)
    assert (
        answer.status_code == 400 and accounts.SMS_CODE_MESSAGE in page and accounts.ID_NUMBER_TAKEN_MESSAGE not in page
    )


def test_a_taken_id_number_keeps_the_right_code_usable(hrss_app: Flask, data: DataBuilder) -> None:
    """With the right code the form says 「证件号已存在」, and the code still works for the
    corrected form (the refused attempt rolled its spending back)."""
    client = hrss_app.test_client()
    existing, _unit = _handler(client, data)
    person = data.person()
    password = data.strong_password()
    form = {
        "login_name": data.hrss_username(),
        "name": person.name,
        "id_number": existing["id_number"],
        "phone": person.phone,
        "password": password,
        "password_confirm": password,
    }
    client.post("/isso/person/register/sms", data={"phone": person.phone})
    code = client.get(f"/__mock__/sms?phone={person.phone}").get_json()[0]["code"]
    taken = client.post("/isso/twoWaysToRegister.html", data={**form, "sms_code": code})
    assert taken.status_code == 400 and accounts.ID_NUMBER_TAKEN_MESSAGE in taken.get_data(as_text=True)
    assert (
        client.post(
            "/isso/twoWaysToRegister.html", data={**form, "id_number": person.resident_id, "sms_code": code}
        ).status_code
        == 302
    )


# --- The 授权码 lockout under concurrent tries --------------------------------------------------------


def test_eighty_simultaneous_wrong_codes_get_exactly_five_tries(hrss_app: Flask, data: DataBuilder) -> None:
    """Defect: failures were counted in separate steps, so 80 simultaneous wrong codes got 6–18
    tries instead of 5."""
    person, unit = _handler(hrss_app.test_client(), data, state="bound")
    _created(
        hrss_app.test_client(),
        "authcode/applications",
        {"person_login_name": person["login_name"], "cert_nos": [unit["cert_no"]], "status": "approved"},
    )
    template = _logged_in(hrss_app, {"person_login_name": person["login_name"], "unit_cert_no": unit["cert_no"]})
    token = template.csrf_token()  # type: ignore[attr-defined]
    cookie = cookie_value(template, "hrss_session")
    start = threading.Barrier(80)
    statuses: list[int] = []

    def guess() -> None:
        browser = hrss_app.test_client()
        browser.set_cookie("hrss_session", cookie)
        start.wait()
        statuses.append(
            browser.post("/platform/realname/authcode", data={"authcode": "00000000", "csrf_token": token}).status_code
        )

    threads = [threading.Thread(target=guess) for _ in range(80)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(statuses) == 80
    assert statuses.count(400) == realname.MAX_WRONG_CODES and statuses.count(429) == 80 - realname.MAX_WRONG_CODES
