"""The mock provider against both mock portals: what it seeds is what the read-backs find, and
the mock's SMS inbox and fixed captcha answer have the shapes the staging provider reads."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator

import pytest

from harness.data import DataBuilder
from harness.preconditions import CA_HELPER, SCAN, PreconditionFailed
from harness.preconditions.mock import MockPreconditions
from harness.preconditions.pool import AccountPool
from harness.preconditions.staging import StagingPreconditions
from harness.staging.sim import PoolBuilder, gdzwfw_units, helper_sources
from harness.target.config import resolve_target
from harness.target.mock_control import ControlError, MockControl, wait_until_ready
from harness.target.portals import PortalUrls
from mock_sites import gdzwfw, sms
from mock_sites.gdzwfw import captcha, tickets
from mock_sites.gdzwfw.auth import browser_key
from mock_sites.serving import RunningPortals, start_portals


@pytest.fixture(scope="module")
def portals() -> Iterator[RunningPortals]:
    """Both mock portals; GD-IdP with a fixed captcha answer as staging-sim starts it."""
    running = start_portals(gdzwfw_config={"CAPTCHA_TEST_ANSWER": "20240601"})
    for url in (running.gdzwfw_url, running.hrss_url):
        wait_until_ready(f"{url}/__mock__/health")
    yield running
    running.stop()


@pytest.fixture
def provider(portals: RunningPortals, request: pytest.FixtureRequest) -> MockPreconditions:
    """A mock provider with data of its own."""
    return MockPreconditions(
        MockControl(portals.gdzwfw_url),
        MockControl(portals.hrss_url),
        DataBuilder(seed=zlib.crc32(request.node.name.encode())),
    )


def test_my_unit_seeds_the_legal_and_hrss_accounts_asked_for(provider: MockPreconditions) -> None:
    unit = provider.my_unit(legal_level=4, verified_by=["registry", "elicence"], on_hrss="linked")
    [legal] = provider.legal_accounts(uscc=unit.unit.uscc)
    assert (legal["login_name"], legal["level_name"][:2]) == (unit.legal_login.login_name, "四级")
    assert [item["method"] for item in legal["verifications"]] == ["registry", "elicence"]
    [hrss] = provider.hrss_units(unit.unit.uscc)
    assert unit.hrss is not None
    assert (hrss["username"], hrss["gdidp_linked"], hrss["manager_code"]) == (
        unit.hrss.username,
        1,
        unit.hrss.manager_code,
    )


def test_a_unit_absent_from_hrss_is_not_there(provider: MockPreconditions) -> None:
    unit = provider.my_unit(legal_level=4, on_hrss="absent")
    assert unit.hrss is None and provider.hrss_units(unit.unit.uscc) == []


def test_handler_relations_are_seeded(provider: MockPreconditions) -> None:
    unit = provider.my_unit(legal_level=4, on_hrss="linked")
    authorised = provider.handler(level=2, of=unit, relation="authorised")
    assert [
        (row["bound"], row["authcode_realname"])
        for row in provider.unit_handlers(unit.unit.uscc, authorised.login_name)
    ] == [(1, 1)]
    pending = provider.handler(level=2, of=unit, relation="pending")
    assert provider.unit_handlers(unit.unit.uscc, pending.login_name) == []
    assert [row["person_id"] for row in provider.binding_requests(unit.unit.uscc) if row["decided_at"] is None] == [
        person_id(provider, pending.login_name)
    ]
    [person] = provider.hrss_persons(login_name=pending.login_name)
    assert (person["realname_level"], person["id_number"]) == (2, pending.id_number)


def person_id(provider: MockPreconditions, login_name: str) -> int:
    [person] = provider.hrss_persons(login_name=login_name)
    return person["id"]


def test_read_backs_take_exactly_one_filter(provider: MockPreconditions) -> None:
    with pytest.raises(ValueError, match="只能按一个条件"):
        provider.legal_accounts()


def test_sms_code_without_a_message_is_a_clear_failure(provider: MockPreconditions) -> None:
    with pytest.raises(PreconditionFailed, match="没有向该手机号发送验证码"):
        provider.sms_code("13000000000", "hrss")


def test_starting_logged_in_needs_the_account_it_names(provider: MockPreconditions) -> None:
    unit = provider.my_unit()
    with pytest.raises(PreconditionFailed, match="没有法人账号"):
        provider.start_logged_in_gdzwfw(None, unit)  # type: ignore[arg-type]
    with pytest.raises(PreconditionFailed, match="没有人社单位账号"):
        provider.start_in_hrss_as_unit(None, unit)  # type: ignore[arg-type]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("portal", ["gdzwfw_url", "hrss_url"])
def test_the_sms_inbox_answers_the_latest_message_or_404(portals: RunningPortals, portal: str) -> None:
    base = getattr(portals, portal)
    assert _get(f"{base}/__mock__/sms/latest?phone=13999999999") == (404, {"error": "该手机号还没有短信"})
    assert _get(f"{base}/__mock__/sms/latest")[0] == 400


def test_the_inbox_returns_the_newest_code_of_a_phone(portals: RunningPortals, provider: MockPreconditions) -> None:
    phone = "13712345678"
    with portals.apps[1].app_context():
        sms.send_code(phone, "first")
        newest = sms.send_code(phone, "second")
    status, message = _get(f"{portals.hrss_url}/__mock__/sms/latest?phone={phone}")
    assert (status, message["code"]) == (200, newest) and newest in message["text"]
    assert provider.sms_code(phone, "hrss") == newest


def test_the_fixed_captcha_answer_is_accepted_only_where_configured(portals: RunningPortals, tmp_path) -> None:
    # A captcha counts only for the browser session it was shown to: one request context is
    # that browser here.
    with portals.apps[0].test_request_context():
        first, _ = captcha.new_captcha(browser_key())
        second, _ = captcha.new_captcha(browser_key())
        assert captcha.solve(first, "20240601")
        assert not captcha.solve(first, "20240601")  # spent
        assert not captcha.solve(second, "20240602")
    plain = gdzwfw.create_app({"DATABASE": str(tmp_path / "plain.sqlite3")})
    with plain.test_request_context():
        captcha_id, _ = captcha.new_captcha(browser_key())
        assert not captcha.solve(captcha_id, "20240601")


def _staging_sim_provider(portals: RunningPortals) -> StagingPreconditions:
    """The staging provider with the sources `[staging-sim]` declares for these portals."""
    environ = {
        "STAGING_SIM_GDZWFW_URL": portals.gdzwfw_url,
        "STAGING_SIM_HRSS_URL": portals.hrss_url,
        **helper_sources(portals.gdzwfw_url, portals.hrss_url),
    }
    target = resolve_target("staging-sim", None, None, environ)
    return StagingPreconditions(
        None, target.sources, PortalUrls(gdzwfw=portals.gdzwfw_url, hrss=portals.hrss_url), None, {}, holder="test"
    )


def _ticket(portals: RunningPortals, ticket_id: str) -> dict:
    return MockControl(portals.gdzwfw_url).get(f"tickets/{ticket_id}")


def test_staging_sim_plays_the_phone_through_the_mock_scan_endpoint(portals: RunningPortals) -> None:
    provider = _staging_sim_provider(portals)
    assert provider.has(SCAN, CA_HELPER)
    with portals.apps[0].app_context():
        face, licence = tickets.new_ticket("face", "browser-a"), tickets.new_ticket("elicence", "browser-a")
    data = DataBuilder(seed=11)
    person, unit = data.person(), data.unit()
    assert provider.scan_face(face, person, passed=False) == tickets.FACE_NOT_PASSED
    assert provider.scan_face(face, person) == "人脸识别通过，已添加实名信息"
    assert _ticket(portals, face)["payload"]["resident_id"] == person.resident_id
    assert provider.scan_elicence(licence, unit, "电子政务-市场监管-登记注册") == tickets.ELICENCE_SCOPE_MISSING
    with pytest.raises(PreconditionFailed, match="/__mock__/scan/NOSUCH 回答 404"):
        provider.scan_face("NOSUCH", person)


def test_staging_sim_plays_the_ca_helper_through_the_mock_certificate_endpoints(portals: RunningPortals) -> None:
    provider = _staging_sim_provider(portals)
    with portals.apps[0].app_context():
        bank, ca = tickets.new_ticket("bank_cert", "browser-a"), tickets.new_ticket("ca_cert", "browser-a")
    provider.insert_certificate("bank", bank, "91440106MA59XXXX0X", "123456")
    provider.insert_certificate("ca", ca, "91440106MA59XXXX0X", "246810")
    assert _ticket(portals, bank)["payload"] == {
        "helper_installed": True,
        "certificate_inserted": True,
        "pin": "123456",
        "uscc": "91440106MA59XXXX0X",
    }
    assert _ticket(portals, ca)["payload"]["pin"] == "246810"
    provider.helper_without_certificate(bank)
    assert _ticket(portals, bank)["payload"]["certificate_inserted"] is False
    # A session of the other kind is refused, not silently taken for this one.
    with pytest.raises(PreconditionFailed, match="/__mock__/ca-cert 回答 400"):
        provider.insert_certificate("ca", bank, "91440106MA59XXXX0X", "123456")


def test_staging_sim_pool_has_the_gdzwfw_accounts_of_part_one(portals: RunningPortals, tmp_path) -> None:
    builder = PoolBuilder(MockControl(portals.gdzwfw_url), MockControl(portals.hrss_url), DataBuilder(seed=12))
    gdzwfw_units(builder, copies=2)
    path = tmp_path / "pool.toml"
    path.write_text(builder.text(), encoding="utf-8")
    pool = AccountPool.load(path)
    by_elicence = [e for e in pool.units if e.legal and e.legal.level == 4 and "elicence" in e.legal.methods]
    to_raise = [e for e in pool.units if e.legal and e.legal.level == 3 and e.consumable]
    unregistered = [e for e in pool.units if e.legal is None and e.hrss is None and e.consumable]
    assert (len(by_elicence), len(to_raise), len(unregistered)) == (2, 4, 10)
    # What the pool file says is what GD-IdP holds.
    legal = by_elicence[0].legal
    assert legal is not None
    (account,) = MockPreconditions(
        MockControl(portals.gdzwfw_url), MockControl(portals.hrss_url), DataBuilder(seed=13)
    ).legal_accounts(uscc=by_elicence[0].unit.uscc)
    assert (account["login_name"], account["level_name"], [v["method"] for v in account["verifications"]]) == (
        legal.login_name,
        "四级 (原L2)",
        ["registry", "elicence"],
    )
    assert all(MockControl(portals.gdzwfw_url).get("legal-accounts", uscc=e.unit.uscc) == [] for e in unregistered)


def test_a_unit_with_a_rebate_has_that_record_seeded(provider: MockPreconditions) -> None:
    unit = provider.my_unit_with_rebate(
        "2025年度", "8000.00", "招商银行广州分行", "6225880000005678", on_hrss="unlinked"
    )
    assert unit.hrss is not None and not unit.hrss.linked
    # HRSS keeps one record per unit and year: the second one is refused because the first is there.
    with pytest.raises(ControlError, match="409"):
        provider.rebate(unit, "2025年度", "1.00", "某银行", "1")


def test_sms_text_is_the_newest_message_of_the_phone(provider: MockPreconditions) -> None:
    unit = provider.my_unit(on_hrss="unlinked")
    handler = provider.handler(level=2, of=unit, relation="bound")
    with pytest.raises(PreconditionFailed, match="没有向该手机号发送短信"):
        provider.sms_text(handler.phone, "hrss")
    provider.reviewer_approves(handler, unit)
    text = provider.sms_text(handler.phone, "hrss")
    assert unit.unit.name in text and provider.authcode_from_sms(handler, unit) in text


def test_another_unit_asking_has_sent_the_handler_a_request(provider: MockPreconditions) -> None:
    handler = provider.handler(level=2)
    other = provider.another_unit_asking(handler)
    [request] = provider.binding_requests(other.unit.uscc)
    assert (request["person_id"], request["decided_at"]) == (person_id(provider, handler.login_name), None)


def test_hrss_face_recognition_answers_the_ticket_the_page_shows(
    portals: RunningPortals, provider: MockPreconditions
) -> None:
    # An unknown ticket is refused: the provider reaches the face check, not a stand-in.
    with pytest.raises(ControlError, match="404"):
        provider.hrss_face_recognition("no-such-ticket", True)
