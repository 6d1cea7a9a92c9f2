"""Hooks and fixtures of runs against environments other than the bundled mock: the account
pool, the destructive guard, the preflight, retries, secret masking and the count of scenarios
skipped for a missing capability (the `preconditions` fixture: harness/preconditions/plugin.py)."""

# Order of a session against a real target:
# 1. configure: the target's retries (pytest-rerunfailures; none on the mock);
# 2. collection: `@destructive` scenarios on a sensitive host are skipped with the reason —
#    before any network access;
# 3. preflight, when anything is left to run: both portals answer and show their entry text,
#    the account pool parses; on the first scenario that needs the pool, one of its accounts
#    logs in. Otherwise one message and exit code 4, not a failure per scenario;
# 4. each scenario gets `preconditions` (mock or staging provider); a missing capability
#    skips it with 「需要：<能力>」;
# 5. the end: skips by capability go into the Allure environment, `capability-skips.json`
#    and the terminal summary; retried scenarios are marked flaky; secrets are masked in every
#    report file (traces included).

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import Counter
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from allure_commons import hookimpl as allure_hookimpl
from playwright.sync_api import Browser

from harness.plugin import PORTAL_LOGINS_KEY, SECRETS_KEY, TARGET_KEY
from harness.preconditions import SKIP_PREFIX, skip_reason
from harness.preconditions.logins import PortalLogins
from harness.preconditions.pool import AccountPool, PoolError, pool_path
from harness.staging.guard import (
    GUARD_PREFIX,
    destructive_refusal,
    retries_for,
    retries_option,
)
from harness.staging.masking import SecretRegistry, mark_state, mask_file, mask_tree
from harness.staging.preflight import pool_login_problem, preflight
from harness.staging.results import capability_of, mark_flaky, record_skips
from harness.target.config import Target
from harness.target.portals import PortalUrls

RECORD = pytest.StashKey["RunRecord"]()
STARTED = pytest.StashKey[float]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness", "稳岗返还验收测试")
    group.addoption(
        "--retries",
        type=retries_option,
        default=None,
        metavar="N",
        help="非模拟门户上失败场景的重试次数（默认取环境配置，未配置为 1；模拟门户上不重试）",
    )


# ---------------------------------------------------------------- pure pieces (unit-tested)


# ---------------------------------------------------------------- session wiring


def _target(config: pytest.Config) -> Target | None:
    return config.stash.get(TARGET_KEY, None)


def pytest_configure(config: pytest.Config) -> None:
    target = config.stash[TARGET_KEY]  # resolved by harness.target.plugin (tryfirst)
    record = config.stash[RECORD] = RunRecord()
    config.pluginmanager.register(record, "harness-staging-record")
    config.stash[STARTED] = time.time()
    registry = SecretRegistry(str(target.sources.get(key, "")) for key in ("sms_code", "captcha_answer"))
    path = pool_path(os.environ)
    if path is not None and not target.control_api:
        try:
            for value in AccountPool.load(path).secrets():
                registry.add(value)
        except PoolError:
            pass  # the preflight reports it
    config.stash[SECRETS_KEY] = registry
    if not target.control_api:
        _mask_as_written(config, registry, _run_label(config, target))
    if hasattr(config.option, "reruns"):
        # None, not 0: pytest-rerunfailures then leaves the test protocol alone entirely.
        config.option.reruns = retries_for(target, config.getoption("--retries")) or None


def portal_logins(config: pytest.Config) -> PortalLogins:
    """The page objects' logins, handed over by the acceptance conftest."""
    if PORTAL_LOGINS_KEY not in config.stash:
        raise pytest.UsageError(
            "预发布运行需要登录页面的实现：conftest.py 应在 pytest_configure 中提供 PORTAL_LOGINS_KEY"
        )
    return config.stash[PORTAL_LOGINS_KEY]


def _report_folders(config: pytest.Config) -> list[Path]:
    return [
        Path(folder)
        for folder in (config.getoption("--alluredir", default=None), config.getoption("--output", default=None))
        if folder
    ]


def _mask_as_written(config: pytest.Config, registry: SecretRegistry, run: str) -> None:
    """On a real target: what a killed run left is masked now, every Allure file as it is
    written, and SIGTERM (a CI timeout, a cancelled job) ends the session as Ctrl-C does, so
    that the masking at its end still runs."""
    import allure_commons

    masker = AllureMasker(Path(config.getoption("--alluredir", default=None) or "."), registry)
    allure_commons.plugin_manager.register(masker, name="harness-masking")
    config.add_cleanup(lambda: allure_commons.plugin_manager.unregister(name="harness-masking"))
    if _is_worker(config):
        return
    for folder in _report_folders(config):
        mask_tree(folder, registry)  # a killed run's leftovers (the pool's secrets: those of this run too)
    alluredir = config.getoption("--alluredir", default=None)
    if alluredir:
        mark_state(Path(alluredir), run, masked=False)
    with contextlib.suppress(ValueError):  # not the main thread: whoever runs pytest there owns the signals
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


class AllureMasker:
    """Masks each file allure-pytest-bdd writes right after it is written (trylast: after its
    file logger), and the original of a file it copies (a trace under --output)."""

    def __init__(self, alluredir: Path, registry: SecretRegistry) -> None:
        self.alluredir, self.registry = alluredir, registry

    def _mask(self, *paths: Path) -> None:
        if self.registry:
            for path in paths:
                if path.is_file():
                    mask_file(path, self.registry)

    @allure_hookimpl(trylast=True)
    def report_result(self, result: Any) -> None:
        """A test result written."""
        self._mask(self.alluredir / f"{result.uuid}-result.json")

    @allure_hookimpl(trylast=True)
    def report_container(self, container: Any) -> None:
        """A fixture container written."""
        self._mask(self.alluredir / f"{container.uuid}-container.json")

    @allure_hookimpl(trylast=True)
    def report_attached_file(self, source: Any, file_name: str) -> None:
        """A file attached (copied into the results)."""
        self._mask(self.alluredir / file_name, Path(source))

    @allure_hookimpl(trylast=True)
    def report_attached_data(self, body: Any, file_name: str) -> None:
        """Data attached."""
        self._mask(self.alluredir / file_name)


def pytest_report_header(config: pytest.Config) -> list[str]:
    target = _target(config)
    if target is None:
        return []
    provider = "模拟门户控制接口（mock）" if target.control_api else "账号池与环境声明的来源（staging）"
    guard = destructive_refusal(target)
    lines = [f"前置条件: {provider}；失败重试: {getattr(config.option, 'reruns', 0) or 0} 次"]
    if guard:
        lines.append(f"破坏性场景: 不运行（{guard}）")
    return lines


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    target = _target(config)
    if target is None:
        return
    refusal = destructive_refusal(target)
    if refusal:
        marker = pytest.mark.skip(reason=refusal)
        for item in items:
            if item.get_closest_marker("destructive"):
                # First in line, so that the report gives this reason rather than another skip's.
                item.add_marker(marker, append=False)
    runnable = [item for item in items if not item.get_closest_marker("skip")]
    if target.starts_mock or not runnable or config.getoption("collectonly"):
        return
    started = time.monotonic()
    problems = preflight(target, os.environ, portal_logins(config), rendition=config.getoption("--mock-ui"))
    if problems:
        details = "\n".join(f"  - {problem}" for problem in problems)
        message = (
            f"预检未通过（环境 {target.env_name}，{time.monotonic() - started:.1f} 秒），没有运行任何场景：\n{details}"
        )
        if _is_worker(config):
            # A pytest-xdist worker may not exit on its own (the controller would take it for
            # a crash): it skips what it was given and asks the controller to stop the run.
            for item in items:
                item.add_marker(pytest.mark.skip(reason=message.splitlines()[0]), append=False)
            items[0].session.shouldstop = message
            return
        pytest.exit(message, returncode=pytest.ExitCode.USAGE_ERROR)


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


@pytest.fixture(scope="session")
def account_pool(
    request: pytest.FixtureRequest,
    pytestconfig: pytest.Config,
    portal_urls: PortalUrls,
    browser: Browser,
    browser_context_args: dict,
) -> AccountPool | None:
    """The account pool of a real environment, checked once by one real login; None when no
    pool is configured (scenarios that need one are then skipped)."""
    path = pool_path(os.environ)
    target = pytestconfig.stash[TARGET_KEY]
    if path is None or target.control_api:
        return None
    try:
        pool = AccountPool.load(path)
        problem = pool_login_problem(
            pool, target, portal_urls, browser, browser_context_args, portal_logins(pytestconfig)
        )
        message = f"预检未通过：账号池 {path} 的账号无法登录（{problem}），没有继续运行" if problem else ""
    except PoolError as error:
        # The pool file or its lease record (changed since the preflight): it says which and what to do.
        message = f"预检未通过：{error}"
    if message:
        if _is_worker(pytestconfig):
            request.session.shouldstop = message
            pytest.skip(message)
        pytest.exit(message, returncode=pytest.ExitCode.USAGE_ERROR)
    return pool


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    # Before the first step, so before any lease: a scenario whose steps need a capability the
    # provider lacks is skipped now, not at the step that needs it after using up an account.
    # (No tryfirst: allure-pytest-bdd, registered later, has opened the scenario's result first.)
    target = _target(request.config)
    if target is None or target.control_api:
        return
    missing = sorted(scenario_missing(request, scenario, request.getfixturevalue("preconditions").capabilities))
    if missing:
        pytest.skip(skip_reason(missing) + "（场景开始前已知，没有租用账号）")


def scenario_missing(request: pytest.FixtureRequest, scenario: Any, capabilities: frozenset[str]) -> set[str]:
    """The capabilities the scenario's steps will ask for that the provider lacks."""
    from pytest_bdd.scenario import get_step_function

    from harness.preconditions.scenario_needs import capabilities_needed

    def fixture(name: str) -> Any:
        definitions = request._fixturemanager.getfixturedefs(name, request.node)
        return definitions[-1].func if definitions else None

    steps = [get_step_function(request, step) for step in scenario.steps]
    return capabilities_needed([context.step_func for context in steps if context is not None], fixture) - capabilities


# ---------------------------------------------------------------- reports: skips, retries, secrets


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Generator[None, Any, None]:
    outcome = yield
    target = _target(item.config)
    if target is None or target.control_api:
        return
    registry = item.config.stash[SECRETS_KEY]
    report = outcome.get_result()
    if registry and report.longrepr is not None:
        # What the terminal (and so the CI log) prints for a failure.
        if isinstance(report.longrepr, tuple):
            path, line, reason = report.longrepr
            report.longrepr = (path, line, registry.mask(reason))
        else:
            report.longrepr = registry.mask(str(report.longrepr))
    if registry:
        report.sections = [(title, registry.mask(content)) for title, content in report.sections]


class RunRecord:
    """What the reports need from this session: skips by capability and by the guard."""

    def __init__(self) -> None:
        self.skips: Counter = Counter()
        self.guarded = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Counts a skip under the capabilities its reason names."""
        if not report.skipped or report.when == "teardown":
            return
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if reason.removeprefix("Skipped: ").startswith(GUARD_PREFIX):
            self.guarded += 1
        for capability in capability_of(reason):
            self.skips[capability] += 1


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    record = config.stash.get(RECORD, None)
    if record is None or not (record.skips or record.guarded):
        return
    terminalreporter.write_sep("-", "跳过的场景：缺少的能力 / 破坏性场景保护")
    for capability, count in record.skips.most_common():
        terminalreporter.write_line(f"{SKIP_PREFIX}{capability}: {count}")
    if record.guarded:
        terminalreporter.write_line(f"破坏性场景保护（敏感主机）: {record.guarded}")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    target = _target(config)
    if target is None:
        return
    alluredir = config.getoption("--alluredir", default=None)
    if alluredir and not _is_worker(config):
        results = Path(alluredir)
        record_skips(results, _run_label(config, target), config.stash[RECORD].skips)
        mark_flaky(results, config.stash[STARTED])
    if not target.control_api:
        # Every file of the run, whatever wrote it: each worker with the SMS codes it read, the
        # controller once more with the pool's secrets after the workers have stopped.
        registry = config.stash[SECRETS_KEY]
        for folder in _report_folders(config):
            mask_tree(folder, registry)
        if alluredir and not _is_worker(config):
            mark_state(Path(alluredir), _run_label(config, target), masked=True)


def _run_label(config: pytest.Config, target: Target) -> str:
    return f"{target.env_name}（界面 {config.getoption('--mock-ui')}）" if target.starts_mock else target.env_name


@pytest.fixture(scope="session")
def secret_registry(pytestconfig: pytest.Config) -> SecretRegistry:
    """The run's secrets, masked in every report on a real target."""
    return pytestconfig.stash[SECRETS_KEY]
