"""Allure labels derived from a scenario's tags: epic = part, feature = section, story = ID."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.reporting import allure as report
from harness.reporting.allure import allure_labels, guide_ids


def labels_of(names: list[str]) -> list[tuple[str, str]]:
    return [(mark.kwargs["label_type"], mark.args[0]) for mark in allure_labels(names)]


def test_guide_ids_are_read_from_tags_only() -> None:
    assert guide_ids(["guide-A1.4", "gdzwfw", "mock_only", "guide-C2", "guidebook"]) == ["A1.4", "C2"]


def test_a_guide_tag_gives_part_section_and_id() -> None:
    assert labels_of(["guide-A2.6"]) == [
        ("epic", "A 一、广东省统一身份认证登录"),
        ("feature", "A2 （二）实名核验"),
        ("story", "A2.6"),
    ]


def test_parts_sort_in_the_guide_order_by_name() -> None:
    # The report's tree sorts groups by name; by the headings alone 三 would come before 二.
    epics = [dict(labels_of([f"guide-{guide_id}"]))["epic"] for guide_id in ("A1.1", "B1.1", "C1")]
    assert sorted(epics) == epics
    assert [epic.split(" ", 1)[1] for epic in epics] == [
        "一、广东省统一身份认证登录",
        "二、广东人社统一认证账号登录",
        "三、稳岗返还信息确认",
    ]


def test_part_c_ids_have_no_subsection() -> None:
    assert ("feature", "C1 稳岗返还信息确认") in labels_of(["guide-C1"])


def test_portal_tags_become_readable_tags() -> None:
    assert ("tag", "广东人社统一认证") in labels_of(["hrss", "guide-A3.1"])


def test_no_guide_tag_no_labels() -> None:
    assert labels_of(["mock_only"]) == []


# ---------------------------------------------------------------- step screenshots

FORM_PAGE = "<form><label>账号 <input name='account'></label></form><p id='note'>请填写账号</p>"


def test_a_step_that_changed_nothing_reuses_the_last_picture(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    attached: list[tuple[bytes, str]] = []
    monkeypatch.setattr(report.allure, "attach", lambda body, name, attachment_type: attached.append((body, name)))
    shots = report.StepShots(page)
    shots.install()
    page.goto("data:text/html;charset=utf-8," + FORM_PAGE)
    captures: list[bytes] = []
    capture = shots.capture

    def capture_and_keep() -> bytes:
        captures.append(capture())
        return captures[-1]

    monkeypatch.setattr(shots, "capture", capture_and_keep)

    shots.attach("打开页面")
    shots.attach("只做了断言")  # nothing changed on screen
    page.get_by_label("账号").fill("abc123")
    shots.attach("填写账号")  # typing changes the picture
    page.evaluate("document.getElementById('note').textContent = '账号格式正确'")
    shots.attach("提示变化")  # so does a DOM change
    page.goto("data:text/html;charset=utf-8," + FORM_PAGE)
    shots.attach("同样的页面重新打开")  # a new document, even with the same content

    assert len(captures) == 4
    assert [name for _, name in attached] == ["打开页面", "只做了断言", "填写账号", "提示变化", "同样的页面重新打开"]
    assert attached[1][0] is attached[0][0]
    assert len({attached[0][0], attached[2][0], attached[3][0]}) == 3
    assert all(body.startswith(b"\xff\xd8") for body, _ in attached)  # JPEG


def test_a_capture_the_browser_never_answers_falls_back_to_playwright(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A DevTools call waits forever by default; once in CI a capture never came back and the
    # scenario hung until pytest-timeout. Every call now has a bound, and past it Playwright's
    # own screenshot gives the picture.
    attached: list[tuple[bytes, str]] = []
    monkeypatch.setattr(report.allure, "attach", lambda body, name, attachment_type: attached.append((body, name)))
    shots = report.StepShots(page)
    shots.install()
    page.goto("data:text/html;charset=utf-8," + FORM_PAGE)
    asked: list[tuple[str, float | None]] = []

    class StuckSession:
        def send(self, method: str, params: dict | None = None, *, timeout: float | None = None) -> dict:
            asked.append((method, timeout))
            raise report.PlaywrightError(f"Timeout {timeout}ms exceeded.")

    monkeypatch.setattr(shots, "_cdp", StuckSession())
    shots.attach("打开页面")

    assert asked and all(timeout is not None and 0 < timeout <= 30_000 for _, timeout in asked)
    assert "Page.captureScreenshot" in [method for method, _ in asked]
    assert [name for _, name in attached] == ["打开页面"]
    assert attached[0][0].startswith(b"\xff\xd8")  # a JPEG all the same
