"""Security tests of the 「省统一身份认证」 SSO between the mock GD-IdP and the mock HRSS.

What a real identity provider and its client must enforce: the exact registered redirect_uri
(an error page, never a redirect), single-use and short-lived codes bound to client and
redirect_uri, the client secret checked and never logged or shown, `state` checked by HRSS, a new
session at login and HttpOnly session cookies.

Most tests run against both portals started by `start_portals()` (two real origins; HRSS calls
GD-IdP's token endpoint over HTTP) with a tiny cookie-keeping HTTP client that does not follow
redirects. Logging in at GD-IdP is not under test here, so the client is handed a GD-IdP session
cookie signed with the app's key, as a completed GD-IdP login would leave it. Token-endpoint
details are checked with Flask's test client of the GD-IdP app.

These tests may import mock_sites; only the harness runtime code must not.
"""

from __future__ import annotations

import http.cookiejar
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from harness.target.mock_control import MockControl
from mock_sites import db, gdzwfw
from mock_sites.gdzwfw import oauth
from mock_sites.hrss import sso
from mock_sites.serving import RunningPortals, start_portals
from tests.lookups import session_serializer

OAUTH = "/pscp/sso/connect/page/oauth2"


# --- A browser without a browser ----------------------------------------------------------------


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Answer:
    """One HTTP response."""

    status: int
    headers: Any
    body: str

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")

    @property
    def redirect_to(self) -> str:
        """The Location of a redirect; fails the test when the answer is not one."""
        assert self.location is not None, f"not a redirect: {self.status}"
        return self.location


@dataclass
class Agent:
    """Cookies and every page seen, like one browser profile; redirects are not followed."""

    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    seen: list[Answer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _KeepRedirects())

    def get(self, url: str) -> Answer:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict[str, str]) -> Answer:
        return self._open(urllib.request.Request(url, data=urlencode(data).encode(), method="POST"))

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=10) as response:
                answer = Answer(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, error.headers, error.read().decode())
        self.seen.append(answer)
        return answer

    def cookie(self, name: str) -> str | None:
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)

    def set_cookie(self, name: str, value: str, host: str) -> None:
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {"HttpOnly": None},  # type: ignore[dict-item]  # as http.cookiejar itself records it
            )
        )


# --- Fixtures -----------------------------------------------------------------------------------


@dataclass
class Portals:
    """The running portals with their apps and control clients."""

    running: RunningPortals
    gdzwfw_app: Flask
    hrss_app: Flask
    gdzwfw: MockControl
    hrss: MockControl

    @property
    def secret(self) -> str:
        return self.gdzwfw_app.config["SSO_CLIENT_SECRET"]


@pytest.fixture(scope="module")
def portals() -> Iterator[Portals]:
    """Both mock portals on loopback ports, with request logging on (so logs can be searched)."""
    running = start_portals(log_requests=True)
    gdzwfw_app, hrss_app = running.apps
    try:
        yield Portals(running, gdzwfw_app, hrss_app, MockControl(running.gdzwfw_url), MockControl(running.hrss_url))
    finally:
        running.stop()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)


def _session_cookie(app: Flask, values: dict[str, Any]) -> str:
    return session_serializer(app).dumps(values)


def _session_of(app: Flask, cookie: str | None) -> dict[str, Any]:
    return dict(session_serializer(app).loads(cookie)) if cookie else {}


def _legal_account(portals: Portals, data: DataBuilder, trust_level: int = 4) -> tuple[int, str]:
    uscc = data.uscc()
    answer = portals.gdzwfw.post(
        "legal-accounts",
        {
            "login_name": data.gdzwfw_account(),
            "password": data.strong_password(),
            "unit_name": f"单位{uscc[-6:]}",
            "uscc": uscc,
            "trust_level": trust_level,
        },
    )
    return answer["id"], uscc


def _logged_in_at_gdidp(portals: Portals, agent: Agent, account_id: int) -> None:
    host = urlsplit(portals.running.gdzwfw_url).hostname
    assert host is not None
    [account] = portals.gdzwfw.get("legal-accounts", id=account_id)
    cookie = portals.gdzwfw.post("sessions", {"uscc": account["uscc"]})
    agent.set_cookie(cookie["name"], cookie["value"], host)


def _through_gdidp(portals: Portals, agent: Agent) -> Answer:
    """「省统一身份认证」 on HRSS, then authorize at GD-IdP; returns GD-IdP's redirect to HRSS."""
    start = agent.get(f"{portals.running.hrss_url}/isso/sso/gdidp")
    assert start.status == 302 and start.redirect_to.startswith(f"{portals.running.gdzwfw_url}{OAUTH}/authorize?")
    back = agent.get(start.redirect_to)
    assert back.status == 302 and back.redirect_to.startswith(f"{portals.running.hrss_url}{sso.CALLBACK_PATH}?")
    return back


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# --- authorize: the redirect_uri ------------------------------------------------------------------


def _authorize_url(portals: Portals, redirect_uri: str | None, **extra: str) -> str:
    query = {
        "client_id": portals.gdzwfw_app.config["SSO_CLIENT_ID"],
        "service": "initService",
        "scope": "all",
        "response_type": "code",
        "state": "s1",
        **extra,
    }
    if redirect_uri is not None:
        query["redirect_uri"] = redirect_uri
    return f"{portals.running.gdzwfw_url}{OAUTH}/authorize?{urlencode(query)}"


def test_hrss_and_gdidp_agree_on_the_callback_path() -> None:
    assert sso.CALLBACK_PATH == oauth.REDIRECT_PATH


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda hrss: hrss.replace("127.0.0.1", "evil.example") + sso.CALLBACK_PATH, id="other-host"),
        pytest.param(lambda hrss: "http://127.0.0.1:1" + sso.CALLBACK_PATH, id="other-port"),
        pytest.param(lambda hrss: hrss.replace("http://", "https://") + sso.CALLBACK_PATH, id="other-scheme"),
        pytest.param(lambda hrss: hrss + "/isso/sso/callback2", id="other-path"),
        pytest.param(lambda hrss: hrss + "/isso/sso/", id="parent-path"),
        pytest.param(lambda hrss: hrss + sso.CALLBACK_PATH + "/", id="trailing-slash"),
        pytest.param(lambda hrss: hrss + sso.CALLBACK_PATH + "?next=http://evil.example/", id="extra-query"),
        pytest.param(lambda hrss: hrss + sso.CALLBACK_PATH + "#x", id="fragment"),
        pytest.param(lambda hrss: hrss + "/isso/sso/%63allback", id="percent-encoded"),
        pytest.param(lambda hrss: hrss + "@evil.example" + sso.CALLBACK_PATH, id="userinfo-trick"),
        pytest.param(lambda hrss: "", id="empty"),
    ],
)
def test_tampered_redirect_uri_gets_an_error_page_not_a_redirect(
    portals: Portals, data: DataBuilder, tamper: Any
) -> None:
    agent = Agent()
    account_id, _ = _legal_account(portals, data)
    _logged_in_at_gdidp(portals, agent, account_id)
    answer = agent.get(_authorize_url(portals, tamper(portals.running.hrss_url)))
    assert answer.status == 400
    assert answer.location is None
    assert "回调地址（redirect_uri）与该应用注册的地址不一致" in answer.body


def test_missing_redirect_uri_and_unknown_client_are_refused(portals: Portals) -> None:
    agent = Agent()
    missing = agent.get(_authorize_url(portals, None))
    unknown = agent.get(_authorize_url(portals, portals.running.hrss_url + sso.CALLBACK_PATH, client_id="someone-else"))
    wrong_type = agent.get(_authorize_url(portals, portals.running.hrss_url + sso.CALLBACK_PATH, response_type="token"))
    for answer in (missing, unknown, wrong_type):
        assert answer.status == 400 and answer.location is None


def test_authorize_without_login_goes_to_the_legal_login_page(portals: Portals) -> None:
    url = _authorize_url(portals, portals.running.hrss_url + sso.CALLBACK_PATH)
    answer = Agent().get(url)
    assert answer.status == 302
    target = urlsplit(answer.location)
    assert target.path == "/pscp/sso/login" and _query(answer.redirect_to)["type"] == "legal"
    assert _query(answer.redirect_to)["next"] == url.removeprefix(portals.running.gdzwfw_url)


def test_authorize_sends_code_and_state_back(portals: Portals, data: DataBuilder) -> None:
    agent = Agent()
    account_id, _ = _legal_account(portals, data)
    _logged_in_at_gdidp(portals, agent, account_id)
    answer = agent.get(_authorize_url(portals, portals.running.hrss_url + sso.CALLBACK_PATH, state="round-trip"))
    query = _query(answer.redirect_to)
    assert query["state"] == "round-trip" and len(query["code"]) >= 20


# --- The token endpoint (GD-IdP test client) ------------------------------------------------------

CLIENT_ID = "ggfw-hrss-isso"
SECRET = "the-client-secret-0123456789"
HRSS_URL = "http://hrss.test"
REDIRECT_URI = HRSS_URL + oauth.REDIRECT_PATH


def _gd_app(**config: Any) -> Flask:
    return gdzwfw.create_app(
        {"TESTING": True, "SSO_CLIENT_ID": CLIENT_ID, "SSO_CLIENT_SECRET": SECRET, "HRSS_URL": HRSS_URL, **config}
    )


def _code_for(client: FlaskClient, trust_level: int = 4, uscc: str = "91440101MA59TEST0X") -> str:
    account = client.post(
        "/__mock__/legal-accounts",
        json={
            "login_name": "gdtest01",
            "password": "Aa1!Aa1!Aa",
            "unit_name": "测试单位",
            "uscc": uscc,
            "trust_level": trust_level,
        },
    ).get_json()
    with client.session_transaction() as session:
        session["account_id"] = account["id"]
    answer = client.get(
        f"{OAUTH}/authorize",
        query_string={
            "client_id": CLIENT_ID,
            "service": "initService",
            "scope": "all",
            "response_type": "code",
            "redirect_uri": REDIRECT_URI,
            "state": "s",
        },
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return _query(answer.headers["Location"])["code"]


def _exchange(client: FlaskClient, issued_code: str, **overrides: str) -> Any:
    params = {
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "code": issued_code,
        "scope": "all",
        "redirect_uri": REDIRECT_URI,
        "grant_type": "authorization_code",
        **overrides,
    }
    return client.post(f"{OAUTH}/access_token", data=params)


@pytest.fixture
def gd_client() -> FlaskClient:
    """A GD-IdP test client with the HRSS client registered."""
    return _gd_app().test_client()


def test_token_and_tokeninfo_follow_the_real_protocol(gd_client: FlaskClient) -> None:
    code = _code_for(gd_client, trust_level=5)
    token = _exchange(gd_client, code)
    assert token.status_code == 200
    body = token.get_json()
    assert set(body) >= {"access_token", "token_type", "expires_in"}
    info = gd_client.get(f"{OAUTH}/tokeninfo", query_string={"access_token": body["access_token"]}).get_json()
    assert info["errcode"] == 0
    assert (
        info["userobj"]["creditcode"] == "91440101MA59TEST0X"
        and info["userobj"]["trustlevel"] == 5
        and info["userobj"]["cn"] == "测试单位"
    )


def test_the_documented_get_form_of_access_token_works(gd_client: FlaskClient) -> None:
    code = _code_for(gd_client)
    query = {
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "code": code,
        "scope": "all",
        "redirect_uri": REDIRECT_URI,
        "grant_type": "authorization_code",
    }
    assert gd_client.get(f"{OAUTH}/access_token", query_string=query).status_code == 200


def test_a_code_works_once_and_a_replay_revokes_its_token(gd_client: FlaskClient) -> None:
    code = _code_for(gd_client)
    first = _exchange(gd_client, code).get_json()
    replay = _exchange(gd_client, code)
    assert replay.status_code == 400 and replay.get_json()["errcode"] == oauth.ERR_CODE_USED
    info = gd_client.get(f"{OAUTH}/tokeninfo", query_string={"access_token": first["access_token"]}).get_json()
    assert info["errcode"] != 0 and "userobj" not in info


@pytest.mark.parametrize(
    ("overrides", "errcode"),
    [
        pytest.param({"client_secret": "wrong"}, oauth.ERR_CLIENT, id="wrong-secret"),
        pytest.param({"client_secret": ""}, oauth.ERR_CLIENT, id="no-secret"),
        pytest.param({"client_id": "someone-else"}, oauth.ERR_CLIENT, id="other-client"),
        pytest.param({"redirect_uri": HRSS_URL + "/elsewhere"}, oauth.ERR_REDIRECT_URI, id="other-redirect-uri"),
        pytest.param({"grant_type": "password"}, oauth.ERR_GRANT_TYPE, id="other-grant-type"),
        pytest.param({"code": "made-up"}, oauth.ERR_CODE_INVALID, id="unknown-code"),
    ],
)
def test_token_request_refusals_are_json_errors_and_keep_the_code(
    gd_client: FlaskClient, overrides: dict, errcode: int
) -> None:
    code = _code_for(gd_client)
    refused = _exchange(gd_client, code, **overrides)
    assert refused.status_code in (400, 401)
    body = refused.get_json()
    assert body["errcode"] == errcode and body["errmsg"] and "access_token" not in body
    assert SECRET not in refused.get_data(as_text=True)
    # A refused attempt (e.g. by someone without the secret) must not burn the user's code.
    assert _exchange(gd_client, code).status_code == 200


def test_expired_code_is_refused() -> None:
    client = _gd_app(SSO_CODE_LIFETIME_SECONDS=0).test_client()
    refused = _exchange(client, _code_for(client))
    assert refused.status_code == 400 and refused.get_json()["errcode"] == oauth.ERR_CODE_EXPIRED


def test_code_lifetime_defaults_to_sixty_seconds(gd_client: FlaskClient) -> None:
    before = time.time()
    _code_for(gd_client)
    with gd_client.application.app_context():
        code = db.query_one("SELECT expires_at FROM sso_code")
        assert code is not None
        expires_at = code["expires_at"]
    assert before + 59 <= expires_at <= time.time() + 61


def test_expired_token_and_unknown_token_are_refused() -> None:
    client = _gd_app(SSO_TOKEN_LIFETIME_SECONDS=0).test_client()
    token = _exchange(client, _code_for(client)).get_json()["access_token"]
    for value in (token, "made-up"):
        answer = client.get(f"{OAUTH}/tokeninfo", query_string={"access_token": value})
        assert answer.status_code == 401 and answer.get_json()["errcode"] != 0


def test_codes_and_tokens_are_not_stored_in_the_clear(gd_client: FlaskClient) -> None:
    code = _code_for(gd_client)
    token = _exchange(gd_client, code).get_json()["access_token"]
    with gd_client.application.app_context():
        stored = [tuple(row) for row in db.query_all("SELECT * FROM sso_code")] + [
            tuple(row) for row in db.query_all("SELECT * FROM sso_token")
        ]
    assert not any(code in str(value) or token in str(value) for row in stored for value in row)


# --- HRSS: state, the whole flow, sessions -----------------------------------------------------------


def test_full_flow_logs_in_to_the_platform_with_a_fresh_session(portals: Portals, data: DataBuilder) -> None:
    agent = Agent()
    account_id, uscc = _legal_account(portals, data, trust_level=4)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "已注册单位", "gdidp_linked": True})
    _logged_in_at_gdidp(portals, agent, account_id)
    # A session id fixed before login (e.g. planted by someone else) must be worth nothing after it.
    host = urlsplit(portals.running.hrss_url).hostname
    assert host is not None
    agent.set_cookie("hrss_session", _session_cookie(portals.hrss_app, {"sid": "planted-sid"}), host)
    back = _through_gdidp(portals, agent)
    landed = agent.get(back.redirect_to)
    assert landed.status == 302 and landed.redirect_to.endswith("/platform/home")
    session = _session_of(portals.hrss_app, agent.cookie("hrss_session"))
    assert session["sid"] != "planted-sid" and session["via"] == "gdidp" and session["gdidp_level"] == 4
    assert "sso_state" not in session
    set_cookie = landed.headers.get_all("Set-Cookie")
    assert set_cookie and all("HttpOnly" in value for value in set_cookie)
    assert portals.gdzwfw_app.config["SESSION_COOKIE_HTTPONLY"] and portals.hrss_app.config["SESSION_COOKIE_HTTPONLY"]
    assert "已注册单位" in agent.get(f"{portals.running.hrss_url}/platform/home").body


@pytest.mark.parametrize("state", [None, "", "forged-state"], ids=["missing", "empty", "wrong"])
def test_callback_without_the_right_state_is_refused(portals: Portals, data: DataBuilder, state: str | None) -> None:
    agent = Agent()
    account_id, uscc = _legal_account(portals, data)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "已注册单位"})
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    query = {"code": _query(back.redirect_to)["code"]}
    if state is not None:
        query["state"] = state
    refused = agent.get(f"{portals.running.hrss_url}{sso.CALLBACK_PATH}?{urlencode(query)}")
    assert refused.status == 400 and refused.location is None
    assert sso.STATE_MESSAGE in refused.body
    assert agent.get(f"{portals.running.hrss_url}/platform/home").status == 302  # not logged in


def test_a_callback_carried_to_another_browser_is_refused(portals: Portals, data: DataBuilder) -> None:
    """Login CSRF: the victim's browser did not start this login, so its session has no state."""
    attacker, victim = Agent(), Agent()
    account_id, uscc = _legal_account(portals, data)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "攻击者单位"})
    _logged_in_at_gdidp(portals, attacker, account_id)
    back = _through_gdidp(portals, attacker)
    victim.get(f"{portals.running.hrss_url}/isso/sso/gdidp")  # the victim has a state of its own
    refused = victim.get(back.redirect_to)
    assert refused.status == 400 and "/platform/home" not in (refused.location or "")


def test_a_replayed_callback_is_refused(portals: Portals, data: DataBuilder) -> None:
    agent = Agent()
    account_id, uscc = _legal_account(portals, data)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "已注册单位"})
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    assert agent.get(back.redirect_to).status == 302
    assert agent.get(back.redirect_to).status == 400


def test_an_expired_code_is_refused_by_hrss(portals: Portals, data: DataBuilder) -> None:
    agent = Agent()
    account_id, uscc = _legal_account(portals, data)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "已注册单位"})
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    portals.gdzwfw.post("oauth/expire-codes")
    refused = agent.get(back.redirect_to)
    assert refused.status == 400 and "code 已过期" in refused.body


def test_level_three_is_refused_before_any_initialisation(portals: Portals, data: DataBuilder) -> None:
    agent = Agent()
    account_id, uscc = _legal_account(portals, data, trust_level=3)
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    refused = agent.get(back.redirect_to)
    assert refused.status == 403 and sso.trust_level_refusal(3) in refused.body
    assert "gdidp_identity" not in _session_of(portals.hrss_app, agent.cookie("hrss_session"))
    assert portals.hrss.get("units", cert_no=uscc) == []


def test_unknown_unit_starts_the_initialisation_in_a_fresh_session(portals: Portals, data: DataBuilder) -> None:
    agent = Agent()
    account_id, uscc = _legal_account(portals, data, trust_level=4)
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    before = _session_of(portals.hrss_app, agent.cookie("hrss_session"))
    landed = agent.get(back.redirect_to)
    assert landed.status == 302 and landed.redirect_to.endswith("/isso/register/unit/gdidp")
    after = _session_of(portals.hrss_app, agent.cookie("hrss_session"))
    assert after["gdidp_identity"]["uscc"] == uscc and after["sid"] != before.get("sid")
    assert "实名信息注册" in agent.get(f"{portals.running.hrss_url}/isso/register/unit/gdidp").body


def test_the_client_secret_is_never_logged_nor_shown(
    portals: Portals, data: DataBuilder, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    agent = Agent()
    account_id, uscc = _legal_account(portals, data)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "已注册单位"})
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    agent.get(back.redirect_to)
    agent.get(back.redirect_to)  # a replay: HRSS shows GD-IdP's refusal
    agent.get(f"{portals.running.hrss_url}/platform/home")
    # Someone using the documented GET form puts the secret in the request line itself.
    query = urlencode(
        {
            "client_id": "ggfw-hrss-isso",
            "client_secret": portals.secret,
            "code": "x",
            "scope": "all",
            "redirect_uri": "x",
            "grant_type": "authorization_code",
        }
    )
    agent.get(f"{portals.running.gdzwfw_url}{OAUTH}/access_token?{query}")
    captured = capfd.readouterr()
    assert "access_token" in caplog.text  # the request lines were logged …
    assert portals.secret not in caplog.text  # … without the secret
    assert portals.secret not in captured.out + captured.err
    assert all(portals.secret not in answer.body for answer in agent.seen)


def test_the_access_token_and_the_code_are_not_logged(
    portals: Portals, data: DataBuilder, caplog: pytest.LogCaptureFixture
) -> None:
    """HRSS reads tokeninfo with the access token in the query string, and receives the code in
    its callback's; the request log shows neither (it used to show the token in full)."""
    caplog.set_level(logging.INFO, logger="werkzeug")
    agent = Agent()
    account_id, uscc = _legal_account(portals, data)
    portals.hrss.post("units", {"cert_no": uscc, "unit_name": "已注册单位"})
    _logged_in_at_gdidp(portals, agent, account_id)
    back = _through_gdidp(portals, agent)
    code = _query(back.redirect_to)["code"]
    assert agent.get(back.redirect_to).status == 302
    assert "tokeninfo?access_token=***" in caplog.text and "callback?code=***" in caplog.text
    assert re.search(r"access_token=(?!\*\*\*)", caplog.text) is None
    assert code not in caplog.text
