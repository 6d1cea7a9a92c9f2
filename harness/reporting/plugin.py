"""Hooks of the Allure report: the environment block (facts), labels and links from the guide
tags, and per scenario the console errors, step screenshots and trace kept as evidence."""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Any

import allure
import pytest
from playwright.sync_api import Page

from harness.guide.catalog import allure_links
from harness.plugin import (
    CONSOLE_KEY,
    FACTS_KEY,
    REPORTS_URL_KEY,
    SEED_KEY,
    SHOTS_KEY,
    TRACING_KEY,
)
from harness.reporting import allure as report
from harness.run import evidence, parallel
from harness.target.config import ConfigError, normalise_url
from harness.target.plugin import rendition
from harness.target.portals import PortalUrls

ENV_VAR_REPORTS_URL = "REPORTS_URL"


@pytest.hookimpl(specname="pytest_configure")
def pytest_configure_reporting(config: pytest.Config) -> None:
    reports_url = os.environ.get(ENV_VAR_REPORTS_URL)
    try:
        config.stash[REPORTS_URL_KEY] = (
            normalise_url(reports_url, f"环境变量 {ENV_VAR_REPORTS_URL}") if reports_url else None
        )
    except ConfigError as error:
        raise pytest.UsageError(str(error)) from None


@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_reporting(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Where reports/ is published over http(s), each scenario links to its guide step's
    # picture, traceability row and sign-off entry (Allure links nothing else).
    reports_url = config.stash[REPORTS_URL_KEY]
    for item in items:
        names = [marker.name for marker in item.iter_markers()]
        for label in report.allure_labels(names):
            item.add_marker(label)
        for link in allure_links(report.guide_ids(names), reports_url):
            item.add_marker(link)


@pytest.hookimpl(specname="pytest_sessionfinish")
def pytest_sessionfinish_reporting(session: pytest.Session) -> None:
    config = session.config
    if parallel.is_worker(config):
        parallel.send_to_controller(config, "facts", config.stash[FACTS_KEY])  # written once, by the controller
        return
    own = config.stash[FACTS_KEY]
    facts = parallel.merge_facts([own, *parallel.from_workers(config, "facts")])
    alluredir = config.getoption("--alluredir", default=None)
    if not alluredir or not facts:
        return
    if parallel.distributes(config):
        facts["并行进程数"] = str(parallel.worker_count(config))
    report.write_environment(Path(alluredir), facts)


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    # trylast: allure-pytest-bdd opens the scenario's test result in its own hook first.
    page: Page = request.getfixturevalue("page")
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(f"[console.{message.type}] {message.text}") if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(f"[pageerror] {error}"))
    request.node.stash[CONSOLE_KEY] = errors
    if evidence.keeps_evidence(request.config):  # no step screenshots where nothing keeps them
        pictures = report.AllurePictures(Path(request.config.getoption("--alluredir")))
        shots = request.node.stash[SHOTS_KEY] = report.StepShots(page, pictures)
        shots.install()
    request.config.stash[FACTS_KEY]["测试数据种子"] = f"--faker-seed {request.config.stash[SEED_KEY]}"
    # The same scenario runs on both renditions of the mock: the rendition is a parameter, so
    # the report keeps the two results apart instead of taking one for a retry of the other.
    allure.dynamic.parameter("界面", rendition(request.config))
    if evidence.records_trace(request.config, request.node):
        # DOM snapshots make the trace useful; screencast frames would cost every action time.
        page.context.tracing.start(snapshots=True, screenshots=False, title=scenario.name)
        request.node.stash[TRACING_KEY] = True


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any) -> None:
    # A step that may act waits for the last step's picture first: it shows that step's page.
    shots = request.node.stash.get(SHOTS_KEY, None)
    if shots is not None and step.type != "then":
        shots.before_acting()


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    # The last pictures are written before the scenario's context closes.
    shots = request.node.stash.get(SHOTS_KEY, None)
    if shots is not None:
        shots.before_acting()


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_after_step(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any, step_func_args: dict
) -> None:
    # tryfirst: allure-pytest-bdd closes the step in its own after_step hook; the
    # screenshot must be attached while the step is still open.
    shots = request.node.stash.get(SHOTS_KEY, None)
    page: Page = request.getfixturevalue("page")
    if shots is None or page.url == "about:blank":
        return  # nothing keeps screenshots, or a precondition seeded through the control API: no page yet
    urls: PortalUrls = request.getfixturevalue("portal_urls")
    shots.attach(f"{urls.portal_name(page.url)}：{page.url}", checks_only=step.type == "then")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: dict,
    exception: Exception,
) -> None:
    page: Page = request.getfixturevalue("page")
    report.attach_failure_evidence(page, request.node.stash.get(CONSOLE_KEY, []))
    if request.node.stash.get(TRACING_KEY, False):
        output = (
            Path(request.config.getoption("--output")) / f"trace-{zlib.crc32(request.node.nodeid.encode()):08x}.zip"
        )
        report.attach_trace(page.context, output)
