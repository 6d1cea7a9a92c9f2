"""Running the suite against environments other than the bundled mock: the `preconditions`
fixture, the destructive guard, the preflight, retries, secret masking and the count of
scenarios skipped for a missing capability.

Order of a session against a real target:
1. configure: the target's retries (pytest-rerunfailures; none on the mock);
2. collection: `@destructive` scenarios on a sensitive host are skipped with the reason —
   before any network access;
3. preflight, when anything is left to run: both portals answer and show their entry text,
   the account pool parses; on the first scenario that needs the pool, one of its accounts
   logs in. Otherwise one message and exit code 4, not a failure per scenario;
4. each scenario gets `preconditions` (mock or staging provider); a missing capability
   skips it with 「需要：<能力>」;
5. the end: skips by capability go into the Allure environment, `capability-skips.json`
   and the terminal summary; retried scenarios are marked flaky; secrets are masked in every
   report file (traces included).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.client
import json
import os
import re
import signal
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Generator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from allure_commons import hookimpl as allure_hookimpl
from playwright.sync_api import Browser

from harness.config import ConfigError, Target, canonical_host, environments_file, is_loopback, resolve_target
from harness.data import DataBuilder
from harness.masking import SecretRegistry, mark_state, mask_file, mask_tree
from harness.portals import PortalUrls
from harness.preconditions import SKIP_PREFIX, Preconditions, skip_reason
from harness.preconditions.pool import AccountPool, PoolError, pool_path

# Hosts where `@destructive` scenarios never run unless a profile allows them: the production
# portals (广东政务服务网 / 省统一身份认证 and 广东人社网上服务平台) and their parent domains.
SENSITIVE_DOMAINS = ("gd.gov.cn", "gdzwfw.gov.cn", "gdbs.gov.cn")
SENSITIVE_HOSTS = ("www.gdzwfw.gov.cn", "tyrz.gdzwfw.gov.cn", "tyrz.gdbs.gov.cn", "ggfw.hrss.gd.gov.cn")
DEFAULT_RETRIES = 1
PREFLIGHT_TIMEOUT = 3.0
SKIPS_FILE = "capability-skips.json"
CONTROL_API = "模拟控制接口"
GUARD_PREFIX = "@destructive："

TARGET = pytest.StashKey[Target]()
SECRETS = pytest.StashKey[SecretRegistry]()
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


def retries_option(text: str) -> int:
    """`--retries`: a whole number from 0; anything else is a usage error naming the option."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为不小于 0 的整数，而不是「{text}」") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"应为不小于 0 的整数，而不是 {value}")
    return value


def is_sensitive(host: str, profile_sensitive: bool = False) -> bool:
    """True for the production portals, anything under their domains, any host of a profile
    marked `sensitive`, and any host that does not normalise as a browser's would (compared
    after that normalisation: 「tyrz。gdzwfw。gov。cn」 is the production host to a browser)."""
    try:
        host = canonical_host(host)
    except ValueError:
        return True
    return (
        profile_sensitive
        or host in SENSITIVE_HOSTS
        or any(host == domain or host.endswith("." + domain) for domain in SENSITIVE_DOMAINS)
    )


def destructive_refusal(target: Target) -> str | None:
    """Why `@destructive` scenarios may not run on `target`, or None when they may."""
    if target.starts_mock:
        return None
    hosts = [urlsplit(url).hostname or "" for url in (target.gdzwfw_url, target.hrss_url) if url]
    if target.allow_destructive and (not target.destructive_loopback_only or all(_loopback(host) for host in hosts)):
        return None
    sensitive = [host for host in hosts if is_sensitive(host, target.sensitive)]
    if not sensitive:
        return None
    allowed = "只在本机地址上允许" if target.allow_destructive else "未允许"
    return (
        f"{GUARD_PREFIX}{'、'.join(sensitive)} 是敏感主机（生产门户或被标为 sensitive），环境 {target.env_name} "
        f"{allowed}会改变数据的场景（allow_destructive）"
    )


def _loopback(host: str) -> bool:
    try:
        return is_loopback(canonical_host(host))
    except ValueError:
        return False


def retries_for(target: Target, option: int | None) -> int:
    """How often a failed scenario runs again: never on the mock (a flake there is a defect)."""
    if target.control_api:
        return 0
    if option is not None:
        return option
    return DEFAULT_RETRIES if target.retries is None else target.retries


def capability_of(reason: str) -> list[str]:
    """The capabilities a skip reason names: 「需要：A、B（…）」 → [A, B]; the control API's
    own refusals (@mock_only, the control fixtures) count as 「模拟控制接口」."""
    reason = reason.removeprefix("Skipped: ").strip()
    if reason.startswith(SKIP_PREFIX):
        names = re.split(r"[（(：]", reason[len(SKIP_PREFIX) :], maxsplit=1)[0]
        return [name for name in names.split("、") if name]
    if reason.startswith("需要模拟控制接口") or reason.startswith("@mock_only"):
        return [CONTROL_API]
    return []


def probe_portal(name: str, url: str, expected: str, timeout: float = PREFLIGHT_TIMEOUT) -> str | None:
    """None when `url` answers 200 with `expected` in its page, else what is wrong. `timeout`
    bounds each network wait; `preflight` bounds the whole check."""
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers={"Accept-Language": "zh-CN"}), timeout=timeout
        ) as response:
            body = response.read(2_000_000).decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return f"{name} {url} 回答 HTTP {error.code}"
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        return f"{name} {url} 无法访问（{reason}）"
    if expected not in body:
        return f"{name} {url} 的页面中没有「{expected}」——地址是否指向了别的系统？"
    return None


def within_deadline(checks: list[Callable[[], str | None]], seconds: float) -> list[str | None | type[TimeoutError]]:
    """Runs every check at the same time and waits for all of them at most `seconds` in all:
    a check still running then (a server that sends its page a byte at a time) gives
    `TimeoutError`. The checks run in daemon threads, so one left behind cannot hold up the
    end of the process."""
    results: list[str | None | type[TimeoutError]] = [TimeoutError] * len(checks)

    def run(index: int, check: Callable[[], str | None]) -> None:
        results[index] = check()

    threads = [threading.Thread(target=run, args=(index, check), daemon=True) for index, check in enumerate(checks)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + seconds
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return results


def preflight(
    target: Target, environ: Mapping[str, str], timeout: float = PREFLIGHT_TIMEOUT, rendition: str | None = None
) -> list[str]:
    """Problems that make the run pointless: portals down or not what they should be, a pool
    file or its lease record that is configured but unusable. Both portals are probed at the
    same time, and `timeout` is the deadline of the whole probe, not of each read."""
    from harness.portals import page_paths
    from pages.gdzwfw.login_page import GdzwfwLoginPage
    from pages.hrss.login_page import HrssLoginPage

    gdzwfw_login = (
        GdzwfwLoginPage.PATH
        if GdzwfwLoginPage.PATH_NAME is None
        else page_paths(target.env_name, target.profiles or None, rendition)[GdzwfwLoginPage.PATH_NAME]
    )
    checks = [
        (
            "广东政务服务网（省统一身份认证）",
            f"{target.gdzwfw_url}{gdzwfw_login}",
            target.entry_texts.get("gdzwfw", ""),
        ),
        ("广东人社统一认证", f"{target.hrss_url}{HrssLoginPage.PATH}", target.entry_texts.get("hrss", "")),
    ]
    results = within_deadline([functools.partial(probe_portal, *check, timeout=timeout) for check in checks], timeout)
    problems = []
    for (name, url, _), result in zip(checks, results, strict=True):
        if result is TimeoutError:
            problems.append(f"{name} {url} 在 {timeout:g} 秒内没有答完（连接或应答太慢）")
        elif result:
            problems.append(str(result))
    path = pool_path(environ)
    if path is not None:
        try:
            AccountPool.load(path).leased()
        except PoolError as error:
            problems.append(str(error))
    return problems


# ---------------------------------------------------------------- session wiring


def _target(config: pytest.Config) -> Target | None:
    return config.stash.get(TARGET, None)


def pytest_configure(config: pytest.Config) -> None:
    try:
        user_file = environments_file(config.getoption("--environments"), os.environ)
        target = resolve_target(
            config.getoption("--env"),
            config.getoption("--gdzwfw-url"),
            config.getoption("--hrss-url"),
            os.environ,
            user_file=user_file,
        )
    except ConfigError:
        return  # conftest reports it as a usage error
    config.stash[TARGET] = target
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
    config.stash[SECRETS] = registry
    if not target.control_api:
        _mask_as_written(config, registry, _run_label(config, target))
    if hasattr(config.option, "reruns"):
        # None, not 0: pytest-rerunfailures then leaves the test protocol alone entirely.
        config.option.reruns = retries_for(target, config.getoption("--retries")) or None


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
    problems = preflight(target, os.environ, rendition=config.getoption("--mock-ui"))
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
    target = pytestconfig.stash[TARGET]
    if path is None or target.control_api:
        return None
    try:
        pool = AccountPool.load(path)
        problem = _pool_login_problem(pool, target, portal_urls, browser, browser_context_args)
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


def _pool_login_problem(
    pool: AccountPool, target: Target, urls: PortalUrls, browser: Browser, context_args: dict
) -> str | None:
    """What went wrong logging one pool account in, or None."""
    from harness.preconditions import PreconditionFailed
    from harness.preconditions.staging import StagingPreconditions

    provider = StagingPreconditions(pool, target.sources, urls, browser, context_args, holder="preflight")
    context = browser.new_context(**context_args)
    try:
        provider.check_login(context)
        return None
    except PreconditionFailed as error:
        return str(error)
    except PoolError:
        raise  # the pool file or its lease record, not its accounts: the caller says which
    except Exception as error:  # noqa: BLE001 - whatever went wrong is the one message of the run
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    finally:
        provider.release()
        context.close()


@pytest.fixture
def preconditions(
    request: pytest.FixtureRequest, target: Target, portal_urls: PortalUrls, data: DataBuilder
) -> Generator[Preconditions, None, None]:
    """The scenario's precondition provider: the mock's control API where the target has it,
    else the account pool and the environment's declared sources."""
    if target.control_api:
        from harness.preconditions.mock import MockPreconditions

        provider: Preconditions = MockPreconditions(
            request.getfixturevalue("gdzwfw_control"), request.getfixturevalue("hrss_control"), data
        )
    else:
        from harness.preconditions.staging import StagingPreconditions

        registry = request.config.stash[SECRETS]
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        provider = StagingPreconditions(
            request.getfixturevalue("account_pool"),
            target.sources,
            portal_urls,
            request.getfixturevalue("browser"),
            request.getfixturevalue("browser_context_args"),
            holder=f"{worker}:{request.node.nodeid}",
            remember_secret=registry.add,
        )
    yield provider
    provider.release()


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

    from harness.scenario_needs import capabilities_needed

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
    registry = item.config.stash[SECRETS]
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
        registry = config.stash[SECRETS]
        for folder in _report_folders(config):
            mask_tree(folder, registry)
        if alluredir and not _is_worker(config):
            mark_state(Path(alluredir), _run_label(config, target), masked=True)


def _run_label(config: pytest.Config, target: Target) -> str:
    return f"{target.env_name}（界面 {config.getoption('--mock-ui')}）" if target.starts_mock else target.env_name


def record_skips(results: Path, run: str, skips: Mapping[str, int]) -> None:
    """Adds this run's skips by capability to `capability-skips.json` (one entry per run, so
    the two renditions of `make test` stay apart) and to the Allure environment block."""
    results.mkdir(parents=True, exist_ok=True)
    path = results / SKIPS_FILE
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    recorded[run] = dict(skips)
    path.write_text(json.dumps(recorded, ensure_ascii=False, indent=1), encoding="utf-8")
    environment = results / "environment.properties"
    lines = [f"跳过·{SKIP_PREFIX}{capability}（{run}）={count}" for capability, count in sorted(skips.items())]
    if lines:
        with environment.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


def read_skips(results: Path) -> dict[str, dict[str, int]]:
    """Run → capability → number of scenarios skipped for lack of it."""
    path = results / SKIPS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def mark_flaky(results: Path, since: float) -> int:
    """Marks as flaky the final result of every scenario this session ran more than once with
    different outcomes (the earlier attempts stay in the report as its retries, with their
    evidence); returns how many."""
    attempts: dict[str, list[tuple[int, Path, dict]]] = {}
    for path in results.glob("*-result.json"):
        if path.stat().st_mtime < since:
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        attempts.setdefault(result.get("historyId", path.name), []).append((result.get("stop", 0), path, result))
    marked = 0
    for runs in attempts.values():
        # Failed, then passed (or the other way round): flaky. Failed every time: a failure.
        if len({result.get("status") for _, _, result in runs}) < 2:
            continue
        _, path, result = max(runs, key=lambda run: run[0])
        result.setdefault("statusDetails", {})["flaky"] = True
        path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        marked += 1
    return marked


@pytest.fixture(scope="session")
def secret_registry(pytestconfig: pytest.Config) -> SecretRegistry:
    """The run's secrets, masked in every report on a real target."""
    return pytestconfig.stash[SECRETS]
