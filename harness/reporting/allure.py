"""Report helpers: Allure labels from guide tags, step screenshots, failure evidence,
and the environment block of the report."""

from __future__ import annotations

import asyncio
import base64
import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

import allure
import allure_commons
import pytest
from allure_commons.types import LabelType
from playwright.sync_api import BrowserContext, CDPSession, Page
from playwright.sync_api import Error as PlaywrightError

from harness.guide.catalog import load_catalog

GUIDE_TAG = re.compile(r"^guide-([A-C][0-9.]*)$")

PORTALS = {"gdzwfw": "广东政务服务网（省统一身份认证）", "hrss": "广东人社统一认证"}

# The parameter every scenario result carries: which rendition of the pages it ran on
# (conftest.py). The environment block and the sign-off list the renditions of a results folder
# from it, since several pytest sessions (one per rendition) write into one folder.
RENDITION_PARAMETER = "界面"
RENDITION_ORDER = ("classic", "spa", "lookalike")


def guide_ids(marker_names: Iterable[str]) -> list[str]:
    """Guide IDs named by a scenario's `@guide-<ID>` tags, in tag order."""
    return [match.group(1) for name in marker_names if (match := GUIDE_TAG.match(name))]


def _label(label_type: str, value: str) -> pytest.MarkDecorator:
    # The marker allure-pytest-bdd reads labels from; built directly because allure's own
    # decorators are no-ops when the run has no --alluredir.
    return pytest.mark.allure_label(value, label_type=label_type)


@functools.cache
def _guide_headings() -> dict[str, tuple[str, str]]:
    """Guide ID → (part heading, section label), from the catalogue in the repository."""
    headings = {}
    for part in load_catalog().parts:
        for section in part.sections:
            for step in section.steps:
                # Part 三 has no numbered sections: its steps stand for themselves.
                label = f"{section.key} {section.heading}" if section.heading else f"{step.id} {step.title}"
                # The report sorts its tree by name: the part's letter first keeps 一、二、三 in the
                # guide's order (by code point 三 comes before 二).
                headings[step.id] = (f"{part.key} {part.heading}", label)
    return headings


def allure_labels(marker_names: Iterable[str]) -> list[pytest.MarkDecorator]:
    """Allure epic (part of the guide), feature (its section) and story (guide ID) markers
    for the guide IDs among `marker_names`, and the portals the scenario runs on as tags."""
    names = list(marker_names)
    labels = []
    for guide_id in guide_ids(names):
        if guide_id not in _guide_headings():
            continue  # an unknown ID fails the traceability test; no label to give it here
        part, section = _guide_headings()[guide_id]
        labels += [_label(LabelType.EPIC, part), _label(LabelType.FEATURE, section), _label(LabelType.STORY, guide_id)]
    labels += [_label(LabelType.TAG, PORTALS[name]) for name in names if name in PORTALS]
    return labels


# Counts every change a person could see on a server-rendered page: DOM mutations, typing,
# scrolling and focus. Installed in each page of a scenario's context (StepShots.install).
CHANGE_COUNTER = """
(() => {
  let version = 0;
  const bump = () => { version += 1; };
  Object.defineProperty(window, "__stepShotVersion", { get: () => version });
  new MutationObserver(bump).observe(
    document, { subtree: true, childList: true, attributes: true, characterData: true }
  );
  for (const type of ["input", "change", "scroll", "focusin", "focusout"]) {
    window.addEventListener(type, bump, { capture: true, passive: true });
  }
})();
"""

# The most one step's picture may take (ms); a picture is evidence, so past this the step gets a
# note instead and the scenario goes on.
CAPTURE_TIMEOUT_MS = 15_000
PAGE_STATE = "() => [location.href, performance.timeOrigin, window.__stepShotVersion ?? -1]"
CAPTURE = {"format": "jpeg", "quality": 70, "optimizeForSpeed": True}


class Pictures(Protocol):
    """Where step pictures go: a place in the current step reserved now, filled when the
    picture comes (after the step has ended), or a picture at hand attached at once."""

    def reserve(self, name: str) -> object: ...

    def fill(self, place: object, image: bytes) -> None: ...

    def attach(self, name: str, image: bytes) -> None: ...

    def note(self, name: str, text: str) -> None: ...


class _Pending(bytes):
    """The empty body of an attachment whose picture is still on its way."""


class _AttachedNames:
    """Learns the file name Allure gives an attachment (allure_commons' own hook, called by
    whichever Allure plugin writes the results), so that its picture can be written later."""

    def __init__(self) -> None:
        self.last: str | None = None

    @allure_commons.hookimpl
    def report_attached_data(self, body: bytes, file_name: str) -> None:
        if isinstance(body, _Pending):
            self.last = file_name


_ATTACHED_NAMES = _AttachedNames()


class AllurePictures:
    """Step pictures in an Allure results folder: a reserved picture is an attachment of the
    step whose file (empty at first) is written when the picture comes, as Allure writes it."""

    def __init__(self, results_dir: Path) -> None:
        self.results_dir = results_dir
        if not allure_commons.plugin_manager.is_registered(_ATTACHED_NAMES):
            allure_commons.plugin_manager.register(_ATTACHED_NAMES)

    def reserve(self, name: str) -> object:
        _ATTACHED_NAMES.last = None
        allure.attach(_Pending(), name=name, attachment_type=allure.attachment_type.JPG)
        return _ATTACHED_NAMES.last  # None when nothing writes results: nothing to fill

    def fill(self, place: object, image: bytes) -> None:
        if not isinstance(place, str):
            return
        final = self.results_dir / place
        partial = final.with_name(final.name + ".tmp")
        partial.write_bytes(image)
        os.replace(partial, final)  # a reader of the folder never sees half a picture

    def attach(self, name: str, image: bytes) -> None:
        allure.attach(image, name=name, attachment_type=allure.attachment_type.JPG)

    def note(self, name: str, text: str) -> None:
        allure.attach(text, name=name, attachment_type=allure.attachment_type.TEXT)


class _NoPictures:
    """Keeps no picture (a measurement that only prices the capture)."""

    def reserve(self, name: str) -> object:
        return None

    def fill(self, place: object, image: bytes) -> None:
        pass

    def attach(self, name: str, image: bytes) -> None:
        pass

    def note(self, name: str, text: str) -> None:
        pass


NO_PICTURES: Pictures = _NoPictures()


def _send_now_answer_later(session: CDPSession, method: str, params: dict) -> Callable[[], dict]:
    """Sends a DevTools command at once and returns what waits for its answer.

    Playwright's sync API has no call that returns before its answer; its implementation object
    has (`send` of the CDP session's `_impl_obj`, scheduled on the sync API's own loop; pinned
    Playwright 1.65, covered by tests/harness/test_report_labels.py). One turn of that loop
    puts the command on its way before the step's caller goes on."""
    task = session._loop.create_task(session._impl_obj.send(method, params, CAPTURE_TIMEOUT_MS))
    session._sync(asyncio.sleep(0))
    return lambda: session._sync(task)


class StepShots:
    """The screenshot attached to every step of one scenario, taken off the critical path.

    At a step's end the page's state is read (address, document, change counter
    `CHANGE_COUNTER`: one call into the page); if it changed, a capture is sent to the browser
    and the step's attachment is reserved, and the scenario goes on while the browser draws and
    encodes the picture. The answer is collected, and the reserved attachments written, before
    the next step that may act (`before_acting`: a 假如 / 当 / 并且-after-当 step) and at the
    scenario's end: so step N's picture shows the page after step N and never anything step N+1
    did, while 那么 steps, which only read the page, run during the capture. A step that changed
    nothing gets the previous picture again. On Chromium the capture goes through the DevTools
    protocol with `optimizeForSpeed`, the cheapest way to a JPEG; elsewhere it is Playwright's
    own screenshot, taken at once."""

    def __init__(self, page: Page, pictures: Pictures) -> None:
        self.page = page
        self.pictures = pictures
        self._state: list | None = None  # [address, document, change counter] of the last picture
        self._image: bytes | None = None
        self._cdp: CDPSession | None = None
        self._answer: Callable[[], dict] | None = None  # the capture on its way
        self._waiting: list[tuple[object, str]] = []  # its reserved places and their steps' names

    def install(self) -> None:
        """Adds the change counter to every document the scenario's context loads from now on,
        and on Chromium opens the DevTools session that reads it and captures the pictures
        (a few milliseconds a call where `page.evaluate` and `page.screenshot` take more)."""
        self.page.context.add_init_script(script=CHANGE_COUNTER)
        browser = self.page.context.browser
        if browser is not None and browser.browser_type.name == "chromium":
            self._cdp = self.page.context.new_cdp_session(self.page)

    def _page_state(self) -> list | None:
        try:
            if self._cdp is not None:
                answer = self._cdp.send(
                    "Runtime.evaluate",
                    {"expression": f"({PAGE_STATE})()", "returnByValue": True},
                    timeout=CAPTURE_TIMEOUT_MS,
                )
                return answer.get("result", {}).get("value")  # None when the page threw: a new picture
            return self.page.evaluate(PAGE_STATE)
        except PlaywrightError:
            return None  # a navigation replaced the document mid-call: take a new picture

    def capture(self) -> bytes:
        """A JPEG of the visible page, now.

        A DevTools call has no time limit of its own: a capture the browser never answers (seen
        once in CI under full load, the scenario then hung until pytest-timeout) would stop the
        run, so each call is bounded and Playwright's own screenshot takes over."""
        if self._cdp is not None:
            try:
                shot = self._cdp.send("Page.captureScreenshot", CAPTURE, timeout=CAPTURE_TIMEOUT_MS)
                return base64.b64decode(shot["data"])
            except PlaywrightError:
                self._cdp = None  # the session is gone or stuck: Playwright's own calls from now on
        return self.page.screenshot(type="jpeg", quality=70, timeout=CAPTURE_TIMEOUT_MS)

    def _send_capture(self) -> None:
        if self._cdp is not None:
            try:
                self._answer = _send_now_answer_later(self._cdp, "Page.captureScreenshot", CAPTURE)
                return
            except PlaywrightError:
                self._cdp = None
        self._image = self.capture()  # no DevTools: the picture at once

    def before_acting(self) -> None:
        """Collects the capture on its way and writes the steps' pictures: before anything
        else is done to the page, and at the scenario's end."""
        if self._answer is None:
            return
        answer, self._answer = self._answer, None
        waiting, self._waiting = self._waiting, []
        try:
            self._image = base64.b64decode(answer()["data"])
        except PlaywrightError:
            # The answer did not come (bounded by CAPTURE_TIMEOUT_MS); nothing acted on the page
            # since, so Playwright's own screenshot still shows what the step left.
            self._cdp = None
            try:
                self._image = self.page.screenshot(type="jpeg", quality=70, timeout=CAPTURE_TIMEOUT_MS)
            except PlaywrightError as error:
                self._state = self._image = None
                names = "、".join(f"「{name}」" for _, name in waiting)
                self.pictures.note("截图失败", f"步骤 {names} 的截图失败：{error.message}")
                return
        for place, _ in waiting:
            self.pictures.fill(place, self._image)

    def attach(self, name: str, checks_only: bool = False) -> None:
        """Gives the current step its picture of the page as it is now; `checks_only` for a
        step that only reads the page (a 那么 step), which started no navigation.

        The screenshot is evidence, not a verdict: when the browser cannot capture (a page
        still being replaced under heavy load), the step gets a note saying so and the
        scenario goes on."""
        if not (checks_only and self._state and self._state[0] == self.page.url):
            # A click may have started a navigation: shoot the page that arrives, not the one leaving.
            self.page.wait_for_load_state()
        state = self._page_state()
        if state is None or state != self._state or (self._image is None and self._answer is None):
            self.before_acting()  # one capture on its way at a time, its pictures in order
            try:
                self._send_capture()
            except PlaywrightError as error:
                self._state = self._image = None
                self.pictures.note(f"{name}（无截图）", f"截图失败：{error.message}")
                return
            # The state from before the capture: a change during it makes the next step differ.
            self._state = state
        if self._answer is not None:
            self._waiting.append((self.pictures.reserve(name), name))
        elif self._image is not None:
            self.pictures.attach(name, self._image)


def attach_failure_evidence(page: Page, console_errors: list[str]) -> None:
    """Screenshot, page HTML and console errors of the page a step failed on."""
    allure.attach(
        page.screenshot(full_page=True), name=f"失败时页面：{page.url}", attachment_type=allure.attachment_type.PNG
    )
    allure.attach(page.content(), name="页面 HTML", attachment_type=allure.attachment_type.HTML)
    allure.attach(
        "\n".join(console_errors) or "（无）", name="浏览器控制台错误", attachment_type=allure.attachment_type.TEXT
    )


def attach_trace(context: BrowserContext, path: Path) -> None:
    """Saves the context's trace so far and attaches it (opens in trace.playwright.dev or `playwright show-trace`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    context.tracing.stop_chunk(path=str(path))
    allure.attach.file(
        str(path), name="Playwright trace", extension="zip", attachment_type="application/vnd.allure.playwright-trace"
    )


def renditions_of(results_dir: Path) -> list[str]:
    """The renditions the scenario results in `results_dir` ran on (their 界面 parameter): the
    mock's in their usual order, then any other (a staging's name) alphabetically."""
    found: set[str] = set()
    for path in results_dir.glob("*-result.json"):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a file being written or not Allure's: it names no rendition
        parameters = result.get("parameters") if isinstance(result, dict) else None
        for parameter in parameters if isinstance(parameters, list) else []:
            if isinstance(parameter, dict) and parameter.get("name") == RENDITION_PARAMETER and parameter.get("value"):
                found.add(str(parameter["value"]).strip("'\""))
    return in_rendition_order(found)


def in_rendition_order(names: Iterable[str]) -> list[str]:
    """Rendition names once each: the mock's in their usual order, then others alphabetically."""
    return sorted(
        set(names),
        key=lambda name: (RENDITION_ORDER.index(name) if name in RENDITION_ORDER else len(RENDITION_ORDER), name),
    )


def write_environment(results_dir: Path, values: Mapping[str, str]) -> None:
    """Writes `environment.properties` (UTF-8, which the Allure 3 reader expects): the
    report's environment block, whose 界面 line names every rendition the folder's results ran
    on (an earlier session's too) besides the one given in `values`."""
    results_dir.mkdir(parents=True, exist_ok=True)
    # Several sessions' blocks merged (workers, shards) join differing values with " ; ".
    given = [name.strip() for name in re.split("[;、]", values.get(RENDITION_PARAMETER, "")) if name.strip()]
    renditions = in_rendition_order([*renditions_of(results_dir), *given])
    if renditions:
        values = {**values, RENDITION_PARAMETER: "、".join(renditions)}
    lines = [f"{key}={value}" for key, value in values.items()]
    (results_dir / "environment.properties").write_text("\n".join(lines) + "\n", encoding="utf-8")
