"""Report helpers: Allure labels from guide tags, step screenshots, failure evidence,
and the environment block of the report."""

from __future__ import annotations

import base64
import functools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import allure
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


class StepShots:
    """The screenshot attached to every step of one scenario.

    A step that changed nothing on screen (an assertion, a precondition seeded through the
    control API) gets the previous step's picture again instead of a new capture: the page's
    address, document and change counter (`CHANGE_COUNTER`) are compared, which costs one call
    into the page where a capture costs several. A 那么 (then) step only checks, so unless the
    address changed there is no navigation to wait for first. On Chromium the capture goes
    through the DevTools protocol with `optimizeForSpeed`, the cheapest way to a JPEG."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._state: list | None = None  # [address, document, change counter] of the last picture
        self._image: bytes | None = None
        self._cdp: CDPSession | None = None

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
        """A JPEG of the visible page.

        A DevTools call has no time limit of its own: a capture the browser never answers (seen
        once in CI under full load, the scenario then hung until pytest-timeout) would stop the
        run, so each call is bounded and Playwright's own screenshot takes over."""
        if self._cdp is not None:
            try:
                shot = self._cdp.send(
                    "Page.captureScreenshot",
                    {"format": "jpeg", "quality": 70, "optimizeForSpeed": True},
                    timeout=CAPTURE_TIMEOUT_MS,
                )
                return base64.b64decode(shot["data"])
            except PlaywrightError:
                self._cdp = None  # the session is gone or stuck: Playwright's own calls from now on
        return self.page.screenshot(type="jpeg", quality=70, timeout=CAPTURE_TIMEOUT_MS)

    def attach(self, name: str, checks_only: bool = False) -> None:
        """Attaches the page as it is now to the current Allure step; `checks_only` for a step
        that only reads the page (a 那么 step), which started no navigation.

        The screenshot is evidence, not a verdict: when the browser cannot capture (a page
        still being replaced under heavy load), the step gets a note saying so and the
        scenario goes on."""
        if not (checks_only and self._state and self._state[0] == self.page.url):
            # A click may have started a navigation: shoot the page that arrives, not the one leaving.
            self.page.wait_for_load_state()
        state = self._page_state()
        if state is None or state != self._state or self._image is None:
            try:
                self._image = self.capture()
            except PlaywrightError as error:
                self._state = self._image = None
                allure.attach(
                    f"截图失败：{error.message}", name=f"{name}（无截图）", attachment_type=allure.attachment_type.TEXT
                )
                return
            # The state from before the capture: a change during it makes the next step differ.
            self._state = state
        allure.attach(self._image, name=name, attachment_type=allure.attachment_type.JPG)


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
