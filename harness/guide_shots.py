"""pytest plugin behind `make guide`: one screenshot per guide step, taken while the guide's
happy-path scenarios run.

Enabled with `-p harness.guide_shots --guide-shots DIR`. The catalogue
(`harness/guide_steps.toml`) says, for each guide ID, which scenario and which of its steps shows
the step's page; the plugin keeps only those scenarios, opens the browser at a fixed viewport
and device scale factor, and after (or before) the named step writes `DIR/<ID>.png`: animations
and the caret off, the element the step acts on boxed in red, volatile or personal content
masked. At the end it writes `DIR/shots.json`, the manifest that `python -m harness.guide build`
turns into the guide's index; a shot the run could not take is recorded there with the reason
(「缺少截图」), never as a crash.

With pytest-xdist workers (`make guide WORKERS=2`) each worker takes the shots of the
scenarios it runs and sends what it took and why others are missing to the controller, which
writes the one manifest; the shots are the same as a serial run's, since each comes from one
scenario with the same data seed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness import parallel
from harness.browser import BrowserChoice, fixed_fonts_installed, localized_browser
from harness.guide_catalog import (
    CATALOG_FILE,
    LAST_STEP,
    STEP_KEYWORDS,
    Catalog,
    CatalogError,
    GuideStep,
    ShotSettings,
    ShotSpec,
    load_catalog,
)

MANIFEST = "shots.json"
OUTLINE_ATTRIBUTE = "data-guide-outline"
# Captures of one shot at most, until two in a row are identical.
STABLE_CAPTURES = 4


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-guide", "操作指引截图（make guide）")
    group.addoption(
        "--guide-shots",
        metavar="DIR",
        default=None,
        help="为操作指引的每个步骤截图，写入 DIR/<编号>.png；只运行目录中指定了截图的场景",
    )
    group.addoption("--guide-catalog", metavar="TOML", default=None, help=f"指引步骤目录（默认 {CATALOG_FILE.name}）")


def pytest_configure(config: pytest.Config) -> None:
    folder = config.getoption("--guide-shots")
    if not folder:
        return
    path = config.getoption("--guide-catalog")
    try:
        catalog = load_catalog(Path(path) if path else CATALOG_FILE)
    except CatalogError as error:
        raise pytest.UsageError(f"指引步骤目录有误：{error}") from None
    # Registered here rather than at import: its browser_context_args fixture must come after
    # pytest-playwright's in the override chain, and plugins given with -p load before it.
    config.pluginmanager.register(GuideShots(config, catalog, Path(folder)), "harness-guide-shots")


def scenario_matches(spec: ShotSpec, scenario_name: str, feature_path: str) -> bool:
    """Whether a scenario (its name as written in the .feature file, and the file's path) is
    the one a shot is taken from."""
    return spec.scenario == scenario_name and (not spec.feature or spec.feature in feature_path)


def step_matches(spec: ShotSpec, moment: str, step_names: Iterable[str], is_last: bool) -> bool:
    """Whether the shot is due at this moment ("before"/"after") of a step, given the step's
    text (rendered and as written) and whether it is the scenario's last step."""
    if spec.moment != moment:
        return False
    if spec.step == LAST_STEP:
        return is_last
    return spec.step in {STEP_KEYWORDS.sub("", name.strip()) for name in step_names}


def example_row(item: pytest.Item | Any) -> int:
    """The example row (from 1) of a scenario outline's test; 1 for a plain scenario."""
    callspec = getattr(item, "callspec", None)
    return (callspec.indices.get("_pytest_bdd_example", 0) if callspec else 0) + 1


def shots_of_test(node: pytest.Item | Any, wanted: Iterable[GuideStep]) -> list[GuideStep]:
    """The guide steps among `wanted` whose shot comes from this test: its scenario and, of an
    outline, the example row the shot names."""
    function = getattr(node, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    if template is None:
        return []
    row = example_row(node)
    return [
        step
        for step in wanted
        if step.shot
        and scenario_matches(step.shot, template.name, template.feature.rel_filename)
        and step.shot.example == row
    ]


def file_order(item: pytest.Item | Any) -> tuple[str, int, int]:
    """Where a test's scenario is written: feature file, line, and example row of an outline."""
    function = getattr(item, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    row = example_row(item)
    return (template.feature.rel_filename, template.line_number, row) if template else ("", 0, row)


def due_shots(
    request: pytest.FixtureRequest, scenario: Any, step: Any, moment: str, candidates: Iterable[GuideStep]
) -> list[GuideStep]:
    """The guide steps among `candidates` (of this test's scenario) whose shot is due at this
    moment ("before"/"after") of `step`."""
    candidates = list(candidates)
    if not candidates:
        return []
    index = next((position for position, candidate in enumerate(scenario.steps) if candidate is step), None)
    if index is None:
        return []
    template = scenario_wrapper_template_registry[request.node.function]
    names = [step.name, template.steps[index].name]
    is_last = index == len(scenario.steps) - 1
    # Candidates come from shots_of_test, all with a shot; the test only narrows the type.
    return [
        guide_step
        for guide_step in candidates
        if guide_step.shot is not None and step_matches(guide_step.shot, moment, names, is_last)
    ]


def take_shot(page: Page, spec: ShotSpec, settings: ShotSettings, path: Path) -> list[str]:
    """Writes the page's screenshot to `path`, with the spec's outline and masks; returns notes
    for the reader (e.g. an outline target that is not on the page)."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    full_page = settings.full_page if spec.full_page is None else spec.full_page
    if full_page:
        # Where a step left the page scrolled depends on what it clicked; from the top, masks
        # land on their elements and the capture does not depend on it.
        page.evaluate("() => window.scrollTo(0, 0)")
    notes = []
    for target in spec.outline:
        marked = target.locate(page).evaluate_all(
            f"elements => {{ elements.forEach(e => e.setAttribute('{OUTLINE_ATTRIBUTE}', '')); "
            "return elements.length; }"
        )
        if not marked:
            notes.append(f"页面上没有要标出的元素：{target.describe()}")
    try:
        mask = [target.locate(page) for target in (*settings.mask, *spec.mask)]
        # The red box and the layout fixes exist only for the capture; the page is left as it was.
        style = f"[{OUTLINE_ATTRIBUTE}] {{ {settings.outline_style} }}\n{settings.style}"

        def capture() -> bytes:
            return page.screenshot(
                full_page=full_page,
                animations="disabled",
                caret="hide",
                scale="device",
                mask=mask,
                mask_color=settings.mask_color,
                style=style,
            )

        # A page still settling (a navigation a step started, a script's update) gives two
        # different captures in a row; the shot is the first one that repeats.
        previous = None
        for _ in range(STABLE_CAPTURES):
            image = capture()
            if image == previous:
                break
            previous = image
        else:
            notes.append("页面在截图期间一直在变化，这张截图可能每次不同")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image)
    finally:
        page.evaluate(
            f"() => document.querySelectorAll('[{OUTLINE_ATTRIBUTE}]')"
            f".forEach(e => e.removeAttribute('{OUTLINE_ATTRIBUTE}'))"
        )
    return notes


class GuideShots:
    """The guide-shot mode of one pytest session."""

    def __init__(self, config: pytest.Config, catalog: Catalog, folder: Path) -> None:
        self.config = config
        self.catalog = catalog
        self.folder = folder
        self.wanted = [step for step in catalog.steps if step.shot]
        self.shots: dict[str, dict[str, Any]] = {}
        self.collected: set[str] = set()
        self.ids_by_test: dict[str, list[str]] = {}
        self.started: set[str] = set()
        self.failures: dict[str, str] = {}
        self.browser: dict[str, Any] = {}
        self.environment = ""
        if not parallel.is_worker(config):
            self._clear_previous_run()  # once, before any worker starts

    def _clear_previous_run(self) -> None:
        # Only the files this plugin writes: a shot left from an earlier run would pass for new.
        for step in self.catalog.steps:
            (self.folder / f"{step.id}.png").unlink(missing_ok=True)
        (self.folder / MANIFEST).unlink(missing_ok=True)

    @pytest.fixture(scope="session")
    def launch_browser(
        self, launch_browser: Callable[..., Browser], browser_choice: BrowserChoice
    ) -> Callable[..., Browser]:
        """pytest-playwright's launcher, with a full Chromium in place of a browser that cannot
        draw native controls in Chinese (the headless shell's file input says 「Choose Files」)."""
        choice = localized_browser(browser_choice)
        self.browser = {
            "path": choice.executable_path or "Playwright 自带",
            "chinese_ui": choice.speaks_chinese,
            "fixed_fonts": fixed_fonts_installed(),
        }
        if choice == browser_choice:
            return launch_browser
        overrides: dict[str, Any] = (
            {"executable_path": choice.executable_path} if choice.executable_path else {"channel": choice.channel}
        )
        return lambda **kwargs: launch_browser(**{**overrides, **kwargs})

    @pytest.fixture(scope="session")
    def browser_context_args(self, browser_context_args: dict) -> dict:
        """pytest-playwright's context options with the guide's fixed viewport and scale factor."""
        settings = self.catalog.shots
        return {
            **browser_context_args,
            "viewport": {"width": settings.width, "height": settings.height},
            "device_scale_factor": settings.device_scale_factor,
            "reduced_motion": "reduce",
            "color_scheme": "light",
        }

    def _steps_for(self, node: pytest.Item | Any) -> list[GuideStep]:
        """The catalogue steps whose shot comes from this test's scenario."""
        return shots_of_test(node, self.wanted)

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        kept = []
        for item in items:
            steps = self._steps_for(item)
            self.collected.update(step.id for step in steps)
            self.ids_by_test[item.nodeid] = [step.id for step in steps]
            if steps:
                kept.append(item)
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        # The scenarios run in the feature files' order, whatever shuffled them (pytest-randomly
        # reorders before every other plugin), so a step's shot is taken at the same point of the
        # run each time; of an outline only the row the catalogue names is kept.
        kept.sort(key=file_order)
        items[:] = kept

    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
        self.started.update(step.id for step in self._steps_for(request.node))

    def pytest_bdd_before_step(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any
    ) -> None:
        self._shoot_if_due(request, scenario, step, "before")

    def pytest_bdd_after_step(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
        step_func_args: dict,
    ) -> None:
        self._shoot_if_due(request, scenario, step, "after")

    def pytest_bdd_step_error(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
        step_func_args: dict,
        exception: Exception,
    ) -> None:
        self._record_failure(request, f"场景在步骤「{step.name}」失败，未到达截图的时刻")

    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
    ) -> None:
        self._record_failure(request, f"步骤「{step.name}」还没有实现")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # Catches what the step hooks do not see: a failure in set-up or in another plugin's hook.
        if not report.failed:
            return
        crash = getattr(getattr(report.longrepr, "reprcrash", None), "message", "") or str(report.longrepr)
        for guide_id in self.ids_by_test.get(report.nodeid, []):
            if guide_id not in self.shots:
                self.failures.setdefault(
                    guide_id, f"场景失败（{report.when}）：{crash.splitlines()[0] if crash else '—'}"
                )

    def _record_failure(self, request: pytest.FixtureRequest, reason: str) -> None:
        for guide_step in self._steps_for(request.node):
            if guide_step.id not in self.shots:
                self.failures.setdefault(guide_step.id, reason)

    def _shoot_if_due(self, request: pytest.FixtureRequest, scenario: Any, step: Any, moment: str) -> None:
        due = [guide_step for guide_step in self._steps_for(request.node) if guide_step.id not in self.shots]
        for guide_step in due_shots(request, scenario, step, moment, due):
            self._shoot(request, scenario, step, guide_step)

    def _shoot(self, request: pytest.FixtureRequest, scenario: Any, step: Any, guide_step: GuideStep) -> None:
        page: Page = request.getfixturevalue("page")
        file_name = f"{guide_step.id}.png"
        shot = guide_step.shot
        assert shot is not None, "only steps with a shot are due"
        try:
            notes = take_shot(page, shot, self.catalog.shots, self.folder / file_name)
        except PlaywrightError as error:
            # A failed capture is the guide's problem, not the scenario's: it is reported in the index.
            self.failures[guide_step.id] = f"截图失败：{error.message.splitlines()[0]}"
            return
        template = scenario_wrapper_template_registry[request.node.function]
        self.browser.setdefault("version", page.context.browser.version if page.context.browser else "")
        if not self.environment:
            target = request.getfixturevalue("target")
            self.environment = (
                f"内置模拟门户（界面 {request.config.getoption('--mock-ui')}）"
                if target.starts_mock
                else f"{target.env_name}（{target.gdzwfw_url} ，{target.hrss_url}）"
            )
        self.shots[guide_step.id] = {
            "file": file_name,
            "scenario": scenario.name,
            "feature": template.feature.rel_filename,
            "step": f"{step.keyword} {step.name}".strip(),
            "moment": shot.moment,
            "notes": notes,
        }

    def _reason(self, step: GuideStep) -> str:
        if step.shot is None:
            return "目录尚未为此步骤指定截图场景（harness/guide_steps.toml）"
        if step.id in self.failures:
            return self.failures[step.id]
        if step.id not in self.collected:
            where = f"（文件路径含「{step.shot.feature}」）" if step.shot.feature else ""
            return f"还没有名为「{step.shot.scenario}」的场景{where}"
        if step.id not in self.started:
            return f"场景「{step.shot.scenario}」未运行（被跳过或未选中）"
        return f"场景「{step.shot.scenario}」中没有步骤「{step.shot.step}」"

    def _state(self) -> dict[str, Any]:
        return {
            "shots": self.shots,
            "failures": self.failures,
            "collected": sorted(self.collected),
            "started": sorted(self.started),
            "browser": self.browser,
            "environment": self.environment,
        }

    def _merge(self, state: dict[str, Any]) -> None:
        self.shots.update(state["shots"])
        for guide_id, reason in state["failures"].items():
            self.failures.setdefault(guide_id, reason)
        self.collected.update(state["collected"])
        self.started.update(state["started"])
        self.browser = self.browser or state["browser"]
        self.environment = self.environment or state["environment"]

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if parallel.is_worker(self.config):
            parallel.send_to_controller(self.config, "guide_shots", self._state())
            return
        for state in parallel.from_workers(self.config, "guide_shots"):
            self._merge(state)
        settings = self.catalog.shots
        shots = {}
        for step in self.catalog.steps:
            if step.id in self.shots:
                shots[step.id] = {"status": "taken", **self.shots[step.id]}
            elif step.page:
                shots[step.id] = {"status": "missing", "reason": self._reason(step)}
        manifest = {
            "faker_seed": self.config.getoption("--faker-seed", default=None),
            "viewport": f"{settings.width}x{settings.height}",
            "device_scale_factor": settings.device_scale_factor,
            "environment": self.environment,
            "browser": self.browser,
            "shots": shots,
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
