"""The mock portals' latency and static-file fault settings, and the pages' one reload of a
static file that failed."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from mock_sites import gdzwfw, hrss
from mock_sites.serving import RunningPortals, start_portals
from mock_sites.web import STATIC_FAULT_MESSAGE, parse_latency


@pytest.mark.parametrize(("text", "bounds"), [("300-1500", (300, 1500)), ("500", (500, 500)), (" 0-10 ", (0, 10))])
def test_parse_latency(text: str, bounds: tuple[int, int]) -> None:
    """「LOW-HIGH」 or one fixed number of milliseconds."""
    assert parse_latency(text) == bounds


@pytest.mark.parametrize("text", ["1500-300", "-5", "fast", ""])
def test_parse_latency_refuses_nonsense(text: str) -> None:
    """A reversed, negative or non-numeric range is refused."""
    with pytest.raises(ValueError):
        parse_latency(text)


def test_bad_settings_stop_the_app_at_start() -> None:
    """A setting out of range is a start-up error, not a surprise in the middle of a run."""
    with pytest.raises(ValueError):
        gdzwfw.create_app({"LATENCY_MS": (10, 5)})
    with pytest.raises(ValueError):
        hrss.create_app({"STATIC_FAULT_RATE": 1.5})


def test_every_portal_answer_waits_but_the_control_api_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page and static file waits a random time in the range; `/__mock__/` answers at once."""
    waits: list[float] = []
    monkeypatch.setattr("mock_sites.web.time.sleep", waits.append)
    client = gdzwfw.create_app({"LATENCY_MS": (300, 1500), "FAULT_SEED": 7}).test_client()
    for path in ("/pscp/sso/login", "/static/gdzwfw.css", "/pscp/sso/register?type=legal"):
        assert client.get(path).status_code == 200
    assert len(waits) == 3 and all(0.3 <= wait <= 1.5 for wait in waits) and len(set(waits)) == 3
    assert client.get("/__mock__/health").status_code == 200
    assert len(waits) == 3


def test_without_settings_nothing_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off by default: the suite's normal runs are not slowed."""
    waits: list[float] = []
    monkeypatch.setattr("mock_sites.web.time.sleep", waits.append)
    assert hrss.create_app().test_client().get("/isso/login.html").status_code == 200
    assert waits == []


def test_a_faulty_static_file_fails_once_with_a_message() -> None:
    """With the share at 1, every static file fails the first time (503) and works after."""
    client = hrss.create_app({"STATIC_FAULT_RATE": 1.0}).test_client()
    first = client.get("/static/hrss.css")
    assert first.status_code == 503 and STATIC_FAULT_MESSAGE in first.get_data(as_text=True)
    assert client.get("/static/hrss.css").status_code == 200
    assert client.get("/isso/login.html").status_code == 200  # pages are not static files


def test_the_share_of_failing_files_follows_the_setting() -> None:
    """A share of 0 fails nothing; a share of 0.25 fails about a quarter of the files, each on
    its first request only. The seed fixes the draw: 400 files, 100 expected, ±3 sd is ±26."""
    calm = gdzwfw.create_app({"STATIC_FAULT_RATE": 0.0}).test_client()
    assert calm.get("/static/gdzwfw.js").status_code == 200
    client = gdzwfw.create_app({"STATIC_FAULT_RATE": 0.25, "FAULT_SEED": 7}).test_client()
    paths = [f"/static/file-{number}.js" for number in range(400)]
    failed = [path for path in paths if client.get(path).status_code == 503]
    assert 74 <= len(failed) <= 126, len(failed)
    assert all(client.get(path).status_code != 503 for path in failed)  # a second try is never failed


@pytest.fixture(scope="module")
def faulty_portals() -> Iterator[RunningPortals]:
    """Both portals with every static file failing on its first request."""
    faults = {"STATIC_FAULT_RATE": 1.0}
    portals = start_portals(gdzwfw_config=faults, hrss_config=faults)
    try:
        yield portals
    finally:
        portals.stop()


def test_pages_reload_a_failed_script_and_stylesheet_once(page: Page, faulty_portals: RunningPortals) -> None:
    """The first request of gdzwfw.js and gdzwfw.css fails; the page asks once more and works."""
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status == 503 else None)
    page.goto(f"{faulty_portals.gdzwfw_url}/pscp/sso/register?type=legal")
    page.wait_for_function("() => typeof csrfHeaders === 'function'")
    page.wait_for_function(
        "() => [...document.styleSheets].some((sheet) => sheet.href && sheet.href.includes('gdzwfw.css') && "
        "sheet.cssRules.length > 0)"
    )
    assert any(url.endswith("/static/gdzwfw.js") for url in failed) and any(
        url.endswith("/static/gdzwfw.css") for url in failed
    )
    page.goto(f"{faulty_portals.hrss_url}/isso/login.html")
    page.wait_for_function(
        "() => [...document.styleSheets].some((sheet) => sheet.href && sheet.href.includes('hrss.css') && "
        "sheet.cssRules.length > 0)"
    )


@pytest.fixture(scope="module")
def faulty_spa_portals() -> Iterator[RunningPortals]:
    """The spa rendition of both portals with every static file failing on its first request."""
    faults = {"STATIC_FAULT_RATE": 1.0}
    portals = start_portals(gdzwfw_config=faults, hrss_config=faults, ui="spa")
    try:
        yield portals
    finally:
        portals.stop()


def test_spa_pages_boot_after_their_failed_scripts_came_on_the_second_try(
    page: Page, faulty_spa_portals: RunningPortals
) -> None:
    """Vue, Element-UI and layui each fail once; the reloaded copy runs before the page's own
    code (which needs them), so the page works as without the fault."""
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status == 503 else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{faulty_spa_portals.gdzwfw_url}/pscp/sso/register?type=legal")
    expect(page.get_by_role("button", name="下一步")).to_be_visible()
    page.wait_for_function("() => !document.querySelector('[v-cloak]') && window.Vue && window.ELEMENT !== undefined")
    assert {"vue.min.js", "index.js", "gdzwfw-spa.js"} <= {url.rsplit("/", 1)[-1] for url in failed}
    page.goto(f"{faulty_spa_portals.hrss_url}/isso/login.html")
    page.get_by_text("个人登录", exact=True).click()
    expect(page.get_by_text("个人登录", exact=True)).to_have_class(re.compile("layui-this"))
    assert any(url.endswith("/layui.js") for url in failed)
    assert errors == [], errors
