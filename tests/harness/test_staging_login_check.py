"""The staging provider tells a refused GD-IdP login from a login by what the page shows, not by
its address: the real login page's address carries `?client_id=…` (shared/evidence)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from harness.data import DataBuilder
from harness.preconditions import MyUnit
from harness.preconditions.mock import MockPreconditions
from harness.preconditions.pool import AccountPool
from harness.preconditions.staging import StagingPreconditions
from harness.staging.preflight import pool_login_problem
from harness.target.config import Target
from harness.target.mock_control import MockControl, wait_until_ready
from harness.target.portals import PortalUrls, page_paths
from mock_sites.gdzwfw.login import CREDENTIALS_WRONG
from mock_sites.serving import RunningPortals, start_portals
from pages.logins import PageLogins

CAPTCHA_ANSWER = "20240601"
# The login entries as a real staging names them: with the OAuth client's query.
QUERY_PATHS = {
    "gdzwfw.login": "/pscp/sso/login?client_id=harness-test",
    "gdzwfw.legal_login": "/pscp/sso/login?type=legal&client_id=harness-test",
}


@pytest.fixture(scope="module", params=["classic", "spa"])
def portals(request: pytest.FixtureRequest) -> Iterator[RunningPortals]:
    """Both mock portals in one rendition, GD-IdP with staging's fixed captcha answer."""
    running = start_portals(ui=request.param, gdzwfw_config={"CAPTCHA_TEST_ANSWER": CAPTCHA_ANSWER})
    for url in (running.gdzwfw_url, running.hrss_url):
        wait_until_ready(f"{url}/__mock__/health")
    yield running
    running.stop()


@pytest.fixture
def unit(portals: RunningPortals, request: pytest.FixtureRequest) -> MyUnit:
    """A unit with a 四级 legal-person account on the mock GD-IdP."""
    seeding = MockPreconditions(
        MockControl(portals.gdzwfw_url),
        MockControl(portals.hrss_url),
        DataBuilder(seed=zlib.crc32(request.node.name.encode())),
    )
    return seeding.my_unit(legal_level=4)


def _pool(tmp_path: Path, unit: MyUnit, password: str) -> AccountPool:
    # A unit with only a GD-IdP account: the preflight logs it in through GD-IdP's login page.
    assert unit.legal is not None
    path = tmp_path / "pool.toml"
    path.write_text(
        f"""[[unit]]
key = "unit-a"
name = "{unit.unit.name}"
uscc = "{unit.unit.uscc}"
[unit.legal]
login_name = "{unit.legal.login_name}"
password = "{password}"
level = 4
""",
        encoding="utf-8",
    )
    return AccountPool.load(path)


def _preflight_login(portals: RunningPortals, browser: Browser, pool: AccountPool, ui: str) -> str | None:
    """What the preflight's pool login says, on login addresses that carry a query."""
    target = Target(
        "staging-test",
        "",
        portals.gdzwfw_url,
        portals.hrss_url,
        control_api=False,
        sources={"captcha_answer": CAPTCHA_ANSWER},
    )
    urls = PortalUrls(
        gdzwfw=portals.gdzwfw_url, hrss=portals.hrss_url, paths={**page_paths("mock", rendition=ui), **QUERY_PATHS}
    )
    return pool_login_problem(pool, target, urls, browser, {"locale": "zh-CN"}, PageLogins())


def test_a_wrong_password_at_a_login_address_with_a_query_fails_the_preflight(
    portals: RunningPortals, browser: Browser, unit: MyUnit, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    problem = _preflight_login(
        portals, browser, _pool(tmp_path, unit, "Wrong-Passw0rd-1"), request.node.callspec.params["portals"]
    )
    assert problem == f"账号池单位 unit-a 的法人账号登录失败：{CREDENTIALS_WRONG}"


def test_the_right_password_at_a_login_address_with_a_query_passes_the_preflight(
    portals: RunningPortals, browser: Browser, unit: MyUnit, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    assert unit.legal is not None
    pool = _pool(tmp_path, unit, unit.legal.password)
    assert _preflight_login(portals, browser, pool, request.node.callspec.params["portals"]) is None


def test_a_pool_login_hands_the_scenario_a_logged_in_session(
    portals: RunningPortals, browser: Browser, unit: MyUnit, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    assert unit.legal is not None
    ui = request.node.callspec.params["portals"]
    urls = PortalUrls(
        gdzwfw=portals.gdzwfw_url, hrss=portals.hrss_url, paths={**page_paths("mock", rendition=ui), **QUERY_PATHS}
    )
    provider = StagingPreconditions(
        _pool(tmp_path, unit, unit.legal.password),
        {"captcha_answer": CAPTCHA_ANSWER},
        urls,
        browser,
        {"locale": "zh-CN"},
        holder="test",
        logins=PageLogins(),
    )
    context = browser.new_context()
    try:
        provider.start_logged_in_gdzwfw(context, MyUnit(key="unit-a", unit=unit.unit, legal=unit.legal))
        page = context.new_page()
        page.goto(f"{portals.gdzwfw_url}{urls.paths['gdzwfw.account']}")
        # Logged in: the account page, not the login form.
        expect(page.get_by_text("退出登录").first).to_be_visible()
        expect(page.get_by_placeholder("请输入图中算式的计算结果")).to_have_count(0)
    finally:
        provider.release()
        context.close()
