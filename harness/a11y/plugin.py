"""Hooks of the accessibility audit (axe-core) of the pages the guide shows: options, and the
per-session audit that attaches findings and writes reports/a11y/<rendition>.json."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import allure
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from harness.a11y.audit import (
    BASELINE_FILE,
    ENV_VAR,
    MODES,
    RESULTS_DIR,
    PageAudit,
    audit_page,
    load_rules,
    new_violations,
    read_baseline,
    render_text,
    write_results,
)
from harness.guide.catalog import (
    CATALOG_FILE,
    Catalog,
    CatalogError,
    GuideStep,
    load_catalog,
)
from harness.guide.shots import due_shots, shots_of_test
from harness.run import parallel


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-a11y", "无障碍检查（axe-core）")
    group.addoption(
        "--a11y",
        choices=MODES,
        default=os.environ.get(ENV_VAR) or "advisory",
        help="对操作指引截图所在的每个页面做无障碍检查：advisory（默认，只报告）、strict（超出基线即失败）、off；"
        f"也可用环境变量 {ENV_VAR}",
    )
    group.addoption(
        "--a11y-dir",
        metavar="DIR",
        default=str(RESULTS_DIR),
        help="检查结果目录，每个界面一个 <界面>.json（默认 reports/a11y）",
    )
    group.addoption(
        "--a11y-baseline",
        metavar="JSON",
        default=str(BASELINE_FILE),
        help="strict 模式比较的基线（默认 guide/a11y-baseline.json）",
    )


def pytest_configure(config: pytest.Config) -> None:
    mode = config.getoption("--a11y")
    if mode not in MODES:
        raise pytest.UsageError(f"{ENV_VAR}={mode}：应为 {'、'.join(MODES)} 之一")
    if mode == "off":
        return
    path = config.getoption("--guide-catalog", default=None)
    try:
        catalog = load_catalog(Path(path) if path else CATALOG_FILE)
    except CatalogError as error:
        raise pytest.UsageError(f"指引步骤目录有误：{error}") from None
    config.pluginmanager.register(A11yAudit(config, catalog, mode), "harness-a11y")


class A11yAudit:
    """The audit of one pytest session (one rendition or one staging environment)."""

    def __init__(self, config: pytest.Config, catalog: Catalog, mode: str) -> None:
        self.config = config
        self.mode = mode
        self.rules = load_rules()
        self.wanted: list[GuideStep] = [step for step in catalog.steps if step.shot]
        self.audits: dict[str, PageAudit] = {}
        self.by_test: dict[str, list[PageAudit]] = {}
        self.rendition = ""
        self.axe_version = ""
        self.strict_lines: list[str] = []
        self.seconds = 0.0

    def pytest_bdd_before_step(
        self, request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any
    ) -> None:
        self._audit_if_due(request, scenario, step, "before")

    @pytest.hookimpl(trylast=True)
    def pytest_bdd_after_step(
        self,
        request: pytest.FixtureRequest,
        feature: Any,
        scenario: Any,
        step: Any,
        step_func: Any,
        step_func_args: dict,
    ) -> None:
        # trylast: the guide's screenshot of the same moment is taken first, axe leaves it be.
        self._audit_if_due(request, scenario, step, "after")

    def _audit_if_due(self, request: pytest.FixtureRequest, scenario: Any, step: Any, moment: str) -> None:
        candidates = [
            guide_step for guide_step in shots_of_test(request.node, self.wanted) if guide_step.id not in self.audits
        ]
        for guide_step in due_shots(request, scenario, step, moment, candidates):
            self._audit(request, scenario, guide_step)

    def _audit(self, request: pytest.FixtureRequest, scenario: Any, guide_step: GuideStep) -> None:
        page: Page = request.getfixturevalue("page")
        if not self.rendition:
            target = request.getfixturevalue("target")
            self.rendition = request.config.getoption("--mock-ui") if target.starts_mock else target.env_name
        # The path only: the mock's port changes per run, and a query may carry a unit's codes.
        audit = PageAudit(guide_id=guide_step.id, url=urlsplit(page.url).path, scenario=scenario.name)
        started = time.perf_counter()
        try:
            page.wait_for_load_state("load")
            audit.findings = audit_page(page, self.rules)
            if not self.axe_version:
                self.axe_version = page.evaluate("() => window.axe.version")
        except PlaywrightError as error:
            # An audit that cannot run is reported as such; it never fails the scenario.
            audit.error = error.message.splitlines()[0]
        finally:
            self.seconds += time.perf_counter() - started
        self.audits[guide_step.id] = audit
        self.by_test.setdefault(request.node.nodeid, []).append(audit)

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_after_scenario(self, request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
        # tryfirst: the Allure test result is still open for an attachment and labels.
        for audit in self.by_test.get(request.node.nodeid, []):
            allure.attach(
                render_text(audit, self.rules),
                name=f"无障碍检查 {audit.guide_id}：{audit.summary()}",
                attachment_type=allure.attachment_type.TEXT,
            )
            allure.dynamic.label("a11y", f"{audit.guide_id} {audit.summary()}")
            allure.dynamic.tag(f"无障碍：{audit.summary()}")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.audits:
            return
        flagged = [audit for audit in self.audits.values() if audit.findings or audit.error]
        terminalreporter.write_sep(
            "-",
            f"无障碍检查（{self.rendition}）：{len(self.audits)} 个页面，"
            f"{len(flagged)} 个有问题，用时 {self.seconds:.1f} 秒",
        )
        for audit in sorted(flagged, key=lambda audit: audit.guide_id):
            rules = "、".join(f"{finding.rule}×{finding.nodes}" for finding in audit.findings) or audit.error
            terminalreporter.write_line(f"  {audit.guide_id}: {rules}")
        for line in self.strict_lines:
            terminalreporter.write_line(line, red=True)

    def worker_report(self) -> dict[str, Any]:
        """What a pytest-xdist worker hands the controller: its pages and the time it spent."""
        return {
            "rendition": self.rendition,
            "axe": self.axe_version,
            "seconds": self.seconds,
            "pages": {
                guide_id: {key: value for key, value in asdict(audit).items() if key != "guide_id"}
                for guide_id, audit in self.audits.items()
            },
        }

    def add_worker_report(self, sent: Mapping[str, Any]) -> None:
        """Takes a worker's pages into the session's audit; the audit time is the sum of the
        workers' (the controller audits nothing itself)."""
        self.rendition = self.rendition or sent["rendition"]
        self.axe_version = self.axe_version or sent["axe"]
        self.seconds += float(sent.get("seconds", 0.0))
        for guide_id, page in sent["pages"].items():
            self.audits.setdefault(guide_id, PageAudit.from_dict(guide_id, page))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        # Under pytest-xdist each worker audits the pages of its own scenarios: the controller
        # gathers them and writes the rendition's one results file and the strict verdict.
        if parallel.is_worker(self.config):
            if self.audits:
                parallel.send_to_controller(self.config, "a11y", self.worker_report())
            return
        for sent in parallel.from_workers(self.config, "a11y"):
            self.add_worker_report(sent)
        if not self.audits:
            return
        folder = Path(self.config.getoption("--a11y-dir"))
        write_results(folder / f"{self.rendition}.json", self.rendition, self.audits, self.axe_version)
        if self.mode != "strict":
            return
        baseline = read_baseline(Path(self.config.getoption("--a11y-baseline")))
        found = new_violations(self.rendition, self.audits, baseline)
        if found:
            self.strict_lines = [
                f"A11Y=strict：{len(found)} 项超出基线的无障碍问题（检查后用 make a11y-baseline 更新基线）："
            ] + [f"  {item.describe()}" for item in found]
            if session.exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
