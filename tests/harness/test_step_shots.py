"""Step screenshots (`harness.reporting.allure.StepShots`): a picture per step, taken off the
critical path, that shows the page after its step; the previous picture again where nothing
changed; a capture the browser never answers."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from harness.reporting import allure as report

FORM_PAGE = "<form><label>账号 <input name='account'></label></form><p id='note'>请填写账号</p>"


class KeptPictures:
    """The pictures a scenario's steps got, by step, in order (what Allure would show)."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, bytes | None]] = []
        self.notes: list[str] = []

    def reserve(self, name: str) -> object:
        self.steps.append((name, None))
        return len(self.steps) - 1

    def fill(self, place: object, image: bytes) -> None:
        assert isinstance(place, int) and self.steps[place][1] is None
        self.steps[place] = (self.steps[place][0], image)

    def attach(self, name: str, image: bytes) -> None:
        self.steps.append((name, image))

    def note(self, name: str, text: str) -> None:
        self.notes.append(text)

    def images(self) -> list[bytes]:
        images = [image for _, image in self.steps]
        assert all(image is not None for image in images), "a reserved picture was never filled"
        return [image for image in images if image is not None]


def test_a_step_that_changed_nothing_reuses_the_last_picture(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = KeptPictures()
    shots = report.StepShots(page, kept)
    shots.install()
    page.goto("data:text/html;charset=utf-8," + FORM_PAGE)
    sent: list[str] = []
    send = report._send_now_answer_later

    def send_and_count(session: report.CDPSession, method: str, params: dict) -> Callable[[], dict]:
        sent.append(method)
        return send(session, method, params)

    monkeypatch.setattr(report, "_send_now_answer_later", send_and_count)

    shots.attach("打开页面")
    shots.attach("只做了断言")  # nothing changed on screen
    shots.before_acting()
    page.get_by_label("账号").fill("abc123")
    shots.attach("填写账号")  # typing changes the picture
    shots.before_acting()
    page.evaluate("document.getElementById('note').textContent = '账号格式正确'")
    shots.attach("提示变化")  # so does a DOM change
    shots.before_acting()
    page.goto("data:text/html;charset=utf-8," + FORM_PAGE)
    shots.attach("同样的页面重新打开")  # a new document, even with the same content
    shots.before_acting()

    images = kept.images()
    assert sent == ["Page.captureScreenshot"] * 4
    assert [name for name, _ in kept.steps] == ["打开页面", "只做了断言", "填写账号", "提示变化", "同样的页面重新打开"]
    assert images[1] is images[0]
    assert len({images[0], images[2], images[3]}) == 3
    assert all(image.startswith(b"\xff\xd8") for image in images)  # JPEG


# Each step paints the page its own colour at once: a picture taken a moment too early or too
# late shows the colour of the step before or after.
COLOURS = {"第一步": (200, 30, 30), "第二步": (30, 160, 30), "第三步": (30, 30, 200)}


def _colour_of(image: bytes) -> tuple[int, int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        red, green, blue = picture.convert("RGB").resize((1, 1)).getpixel((0, 0))  # type: ignore[misc]
    return red, green, blue


def _near(found: tuple[int, int, int], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(found, wanted, strict=True))  # JPEG shifts colours a little


def test_the_picture_of_a_step_shows_the_page_after_it_not_before_or_after_the_next(page: Page) -> None:
    # The capture is on its way while the scenario goes on: the next step that acts must not
    # change the page before the picture is taken, and 那么 steps that only read run meanwhile.
    kept = KeptPictures()
    shots = report.StepShots(page, kept)
    shots.install()
    page.goto("data:text/html;charset=utf-8,<body style='margin:0;height:100vh'></body>")
    for step, (red, green, blue) in COLOURS.items():
        shots.before_acting()  # a 当 step: it may act
        page.evaluate(f"document.body.style.background = 'rgb({red},{green},{blue})'")
        shots.attach(step)
        page.evaluate("document.body.dataset.read = document.body.style.background")  # a 那么 step reads
        shots.attach(f"{step}之后的检查", checks_only=True)
    shots.before_acting()  # the scenario's end

    assert [name for name, _ in kept.steps] == [name for step in COLOURS for name in (step, f"{step}之后的检查")]
    for (name, _), image in zip(kept.steps, kept.images(), strict=True):
        wanted = COLOURS[name.removesuffix("之后的检查")]
        assert _near(_colour_of(image), wanted), f"{name} 的截图是 {_colour_of(image)}，应为 {wanted}"


def test_the_picture_of_a_step_would_show_the_next_step_if_it_were_not_awaited(page: Page) -> None:
    # The check above can fail: a step that acts without waiting for the capture on its way
    # (as if `before_acting` were not called) paints over the page before the browser draws it.
    kept = KeptPictures()
    shots = report.StepShots(page, kept)
    shots.install()
    page.goto("data:text/html;charset=utf-8,<body style='margin:0;height:100vh'></body>")
    seen_wrong = 0
    for _ in range(5):
        page.evaluate("document.body.style.background = 'rgb(200,30,30)'")
        shots.attach("第一步")
        page.evaluate("document.body.style.background = 'rgb(30,30,200)'")  # acts at once
        shots.before_acting()
        seen_wrong += not _near(_colour_of(kept.images()[-1]), COLOURS["第一步"])
    assert seen_wrong > 0


def test_a_capture_the_browser_never_answers_falls_back_to_playwright(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A DevTools call waits forever by default; once in CI a capture never came back and the
    # scenario hung until pytest-timeout. Every call now has a bound, and past it Playwright's
    # own screenshot gives the picture.
    kept = KeptPictures()
    shots = report.StepShots(page, kept)
    shots.install()
    page.goto("data:text/html;charset=utf-8," + FORM_PAGE)
    asked: list[tuple[str, float | None]] = []

    class StuckSession:
        def send(self, method: str, params: dict | None = None, *, timeout: float | None = None) -> dict:
            asked.append((method, timeout))
            raise report.PlaywrightError(f"Timeout {timeout}ms exceeded.")

    def stuck_later(session: object, method: str, params: dict) -> Callable[[], dict]:
        asked.append((method, report.CAPTURE_TIMEOUT_MS))

        def answer() -> dict:
            raise report.PlaywrightError(f"Timeout {report.CAPTURE_TIMEOUT_MS}ms exceeded.")

        return answer

    monkeypatch.setattr(shots, "_cdp", StuckSession())
    monkeypatch.setattr(report, "_send_now_answer_later", stuck_later)
    shots.attach("打开页面")
    shots.before_acting()

    assert asked and all(timeout is not None and 0 < timeout <= 30_000 for _, timeout in asked)
    assert "Page.captureScreenshot" in [method for method, _ in asked]
    assert [name for name, _ in kept.steps] == ["打开页面"]
    assert kept.images()[0].startswith(b"\xff\xd8")  # a JPEG all the same
    assert not kept.notes
