"""Hooks of the guide's screenshots (`--guide-shots DIR`, make guide): options, and the
per-session plugin that takes each catalogued step's picture."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness.guide.catalog import (
    CATALOG_FILE,
    Catalog,
    CatalogError,
    GuideStep,
    load_catalog,
)
from harness.guide.shots import (
    MANIFEST,
    due_shots,
    file_order,
    shots_of_test,
    take_shot,
)
from harness.run import parallel
from harness.target.browser import (
    BrowserChoice,
    fixed_fonts_installed,
    localized_browser,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-guide", "操作指引截图（make guide）")
    group.addoption(
        "--guide-shots",
        metavar="DIR",
        default=None,
        help="为操作指引的每个步骤截图，写入 DIR/<编号>.png；只运行目录中指定了截图的场景",
    )
    group.addoption("--guide-catalog", metavar="TOML", default=None, help=f"指引步骤目录（默认 {CATALOG_FILE.name}）")


@pytest.hookimpl(specname="pytest_configure", tryfirst=True)
def pytest_configure_markers(config: pytest.Config) -> None:
    # Every guide ID of the catalogue is the marker guide-<ID> of its scenarios' @guide- tags:
    # listed once, in the catalogue, and known to --strict-markers from there.
    for step in load_catalog(CATALOG_FILE).steps:
        config.addinivalue_line("markers", f"{step.marker}: {step.title}")


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
            return "目录尚未为此步骤指定截图场景（harness/guide/catalog.toml）"
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
