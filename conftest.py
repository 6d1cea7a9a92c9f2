"""Session wiring of the acceptance harness: options, target portals, browser, data, reports.

Step definitions live in `steps/` and are loaded here as plugins; the one module that binds
the feature files is `features/test_guide.py`.
"""

from __future__ import annotations

import os
import random
import time
import zlib
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import allure
import pytest
from playwright.sync_api import Browser, Page, Playwright
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness import early_start, evidence, parallel, probe, remote, report, timing
from harness.browser import ENV_VAR_BROWSER_PATH, BrowserChoice, BrowserNotFound, find_browser
from harness.config import ENV_VAR_ENVIRONMENTS, ConfigError, Target, environments_file, normalise_url, resolve_target
from harness.data import DataBuilder
from harness.feature_selection import NoFeatureFiles
from harness.feature_selection import select as select_features
from harness.guide_catalog import allure_links
from harness.mock_control import MockControl, wait_until_ready
from harness.portals import PortalUrls, page_table
from pages.base import check_locator_overrides, members_of, page_classes, register_selector_engine

if TYPE_CHECKING:
    from mock_sites.serving import RunningPortals

pytest_plugins = [
    "steps.common",
    "steps.gdidp",
    "steps.a1_login",
    "steps.a1_register",
    "steps.a2_verify",
    "steps.hrss_common",
    "steps.a3_sso",
    "steps.a3_wizard",
    "steps.b1_accounts",
    "steps.b1_binding",
    "steps.b1_authcode",
    "steps.b2_person_login",
    "steps.c_rebate",
    "harness.a11y",
    "harness.reliability",
    "harness.staging",
]

TARGET_KEY = pytest.StashKey[Target]()
SEED_KEY = pytest.StashKey[int]()
FACTS_KEY = pytest.StashKey[dict[str, str]]()
CONSOLE_KEY = pytest.StashKey[list]()
TRACING_KEY = pytest.StashKey[bool]()
SHOTS_KEY = pytest.StashKey[report.StepShots]()
REPORTS_URL_KEY = pytest.StashKey[str | None]()
ENV_VAR_REPORTS_URL = "REPORTS_URL"
ENV_VAR_MOCK_UI = "MOCK_UI"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness", "稳岗返还验收测试")
    group.addoption(
        "--env",
        default=None,
        help="目标环境：mock（默认，启动内置模拟门户）或 harness/environments.toml（及 --environments 文件）中的配置名",
    )
    group.addoption(
        "--environments",
        default=None,
        metavar="FILE",
        help=(
            "自己的环境配置文件（TOML，格式同 harness/environments.toml；同名配置的键覆盖仓库中的）；也可用环境变量 "
            f"{ENV_VAR_ENVIRONMENTS}"
        ),
    )
    group.addoption(
        "--gdzwfw-url",
        default=None,
        help="广东政务服务网（省统一身份认证）地址；与 --hrss-url 同时给出时不启动模拟门户",
    )
    group.addoption("--hrss-url", default=None, help="广东人社统一认证地址")
    group.addoption(
        "--mock-ui",
        default=os.environ.get(ENV_VAR_MOCK_UI, "classic"),
        choices=("classic", "spa", "lookalike"),
        help=(
            "内置模拟门户的界面：classic（默认）、spa（Element-UI / layui 风格）或 lookalike（按公开资料仿真实门户）"
            f"；也可用环境变量 {ENV_VAR_MOCK_UI}"
        ),
    )
    group.addoption("--browser-path", default=None, help=f"浏览器可执行文件（也可用环境变量 {ENV_VAR_BROWSER_PATH}）")
    group.addoption("--faker-seed", type=int, default=None, help="测试数据种子；报告中给出，用同一种子可重放同样的数据")
    group.addoption(
        "--feature-path",
        action="append",
        default=[],
        help="只运行路径中含此文字的 .feature 文件（可多次给出），如 --feature-path A1.4",
    )


def pytest_configure(config: pytest.Config) -> None:
    try:
        user_file = environments_file(config.getoption("--environments"), os.environ)
        target = config.stash[TARGET_KEY] = resolve_target(
            config.getoption("--env"),
            config.getoption("--gdzwfw-url"),
            config.getoption("--hrss-url"),
            os.environ,
            user_file=user_file,
        )
        locator_problem = check_locator_overrides(target.locators)
        if locator_problem:
            raise ConfigError(f"环境 {target.env_name} 的 [{target.env_name}.locators]：{locator_problem}")
        if probe.recorder(config) is not None:  # the page probe reports every member, shown or not
            probe.declare(config, {name: members_of(cls, inherited=False) for name, cls in page_classes().items()})
        reports_url = os.environ.get(ENV_VAR_REPORTS_URL)
        config.stash[REPORTS_URL_KEY] = (
            normalise_url(reports_url, f"环境变量 {ENV_VAR_REPORTS_URL}") if reports_url else None
        )
    except ConfigError as error:
        raise pytest.UsageError(str(error)) from None
    seed = config.getoption("--faker-seed")
    config.stash[SEED_KEY] = seed if seed is not None else random.SystemRandom().randrange(10**6)
    config.stash[FACTS_KEY] = {}
    try:
        select_features(config.getoption("--feature-path"))  # test_guide.py binds only those files
    except NoFeatureFiles as error:
        raise pytest.UsageError(str(error)) from None


def rendition(config: pytest.Config) -> str:
    """Which rendition of the pages this run sees: classic, spa or lookalike on the bundled mock, else the
    environment's name (its pages are whatever that environment serves)."""
    target = config.stash[TARGET_KEY]
    return config.getoption("--mock-ui") if target.starts_mock else target.env_name


def pytest_report_header(config: pytest.Config) -> list[str]:
    target = config.stash[TARGET_KEY]
    where = (
        f"内置模拟门户（随会话启动，界面 {config.getoption('--mock-ui')}）"
        if target.starts_mock
        else f"{target.gdzwfw_url} , {target.hrss_url}"
    )
    return [f"目标环境: {target.env_name} — {where}", f"测试数据种子: --faker-seed {config.stash[SEED_KEY]}"]


def _feature_path(item: pytest.Item) -> str:
    # pytest-bdd keeps the scenario of each generated test function in this registry.
    function = getattr(item, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    return template.feature.rel_filename if template else ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = config.getoption("--feature-path")
    if wanted:
        # Feature files are bound through one test module, so a file path on the command
        # line cannot select them; this option can.
        kept = [item for item in items if any(part in _feature_path(item) for part in wanted)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    target = config.stash[TARGET_KEY]
    # Where reports/ is published over http(s), each scenario links to its guide step's
    # picture, traceability row and sign-off entry (Allure links nothing else).
    reports_url = config.stash[REPORTS_URL_KEY]
    skip_mock_only = pytest.mark.skip(reason=f"@mock_only：环境 {target.env_name} 没有模拟控制接口")
    for item in items:
        names = [marker.name for marker in item.iter_markers()]
        for label in report.allure_labels(names):
            item.add_marker(label)
        for link in allure_links(report.guide_ids(names), reports_url):
            item.add_marker(link)
        if "mock_only" in names and not target.control_api:
            item.add_marker(skip_mock_only)


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    if (
        session.items
        and config.stash[TARGET_KEY].starts_mock
        and not config.option.collectonly
        and not parallel.distributes(config)
    ):
        early_start.begin(config, lambda: _start_mock(config))  # up while the browser launches


def pytest_sessionfinish(session: pytest.Session) -> None:
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


# ---------------------------------------------------------------- target portals


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    """The resolved target environment (see harness/config.py)."""
    return pytestconfig.stash[TARGET_KEY]


@pytest.fixture(scope="session")
def portal_urls(target: Target, pytestconfig: pytest.Config) -> Generator[PortalUrls, None, None]:
    """Base URLs of both portals; starts the bundled mock portals when no URL is configured."""
    facts = pytestconfig.stash[FACTS_KEY]
    if not target.starts_mock:
        # The configuration gives both URLs or neither (harness/config.py).
        assert target.gdzwfw_url is not None and target.hrss_url is not None
        facts.update(
            {
                "环境": target.env_name,
                "界面": rendition(pytestconfig),
                "广东政务服务网": target.gdzwfw_url,
                "广东人社统一认证": target.hrss_url,
            }
        )
        yield PortalUrls(
            gdzwfw=target.gdzwfw_url,
            hrss=target.hrss_url,
            paths=page_table(target, pytestconfig.getoption("--mock-ui"), _probe_watch(pytestconfig)),
        )
        return
    started = time.perf_counter()
    ui = pytestconfig.getoption("--mock-ui")
    portals = early_start.take(pytestconfig) or _start_mock(pytestconfig)
    try:
        for url in (portals.gdzwfw_url, portals.hrss_url):
            wait_until_ready(f"{url}/__mock__/health")
        timing.mark(pytestconfig, "portals_ready")
        facts.update(
            {
                # One session per rendition may write into one results folder: the 界面 line
                # lists them all (report.write_environment), so 环境 names none.
                "环境": f"{target.env_name}（内置模拟门户）",
                "界面": ui,
                "广东政务服务网": portals.gdzwfw_url,
                "广东人社统一认证": portals.hrss_url,
                "模拟门户启动耗时(秒)": f"{time.perf_counter() - started:.3f}",
            }
        )
        yield PortalUrls(
            gdzwfw=portals.gdzwfw_url, hrss=portals.hrss_url, paths=page_table(target, ui, _probe_watch(pytestconfig))
        )
    finally:
        portals.stop()


def _probe_watch(config: pytest.Config) -> Callable[[object], None] | None:
    # The page probe (harness/probe.py) is told of every page object the scenarios build.
    record = probe.recorder(config)
    return record.built if record is not None else None


def _start_mock(config: pytest.Config) -> RunningPortals:
    from harness.reliability import mock_settings
    from mock_sites.serving import start_portals  # only the mock target needs the mock's code

    faults = mock_settings(config)  # --mock-latency, --mock-static-faults
    return start_portals(
        ui=config.getoption("--mock-ui"),
        host=remote.mock_host(config),
        public_url=remote.mock_public_url(config),
        gdzwfw_config=faults,
        hrss_config=faults,
    )


@pytest.fixture(scope="session")
def gdzwfw_control(portal_urls: PortalUrls, target: Target) -> MockControl:
    """Control client of the mock GD-IdP. Elsewhere a scenario that needs it (to seed its
    preconditions, read the SMS outbox …) is skipped, as `@mock_only` ones are."""
    _needs_control_api(target)
    return MockControl(portal_urls.gdzwfw)


@pytest.fixture(scope="session")
def hrss_control(portal_urls: PortalUrls, target: Target) -> MockControl:
    """Control client of the mock HRSS (see `gdzwfw_control`)."""
    _needs_control_api(target)
    return MockControl(portal_urls.hrss)


def _needs_control_api(target: Target) -> None:
    if not target.control_api:
        pytest.skip(f"需要模拟控制接口（预置数据、短信发件箱等）：环境 {target.env_name} 没有")


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser_choice(playwright: Playwright, pytestconfig: pytest.Config) -> BrowserChoice:
    """The Chromium to launch; stops the run with instructions when there is none."""
    explicit = pytestconfig.getoption("--browser-path") or os.environ.get(ENV_VAR_BROWSER_PATH)
    if remote.browser_server(pytestconfig):
        # The server launches the browser: a path names one on its machine, else it picks its own.
        return BrowserChoice(explicit, "option") if explicit else BrowserChoice(None, "managed")
    try:
        return find_browser(
            explicit, playwright.chromium.executable_path, headless=not pytestconfig.getoption("--headed")
        )
    except BrowserNotFound as error:
        pytest.exit(str(error), returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, browser_choice: BrowserChoice) -> dict:
    """pytest-playwright's launch options (--headed, --slowmo …) plus the resolved browser."""
    choice = browser_choice.launch_args()
    return {**browser_type_launch_args, **choice, "args": [*browser_type_launch_args.get("args", []), *choice["args"]]}


@pytest.fixture(scope="session")
def selector_engine(playwright: Playwright) -> None:
    """The `seen=` selectors of the page objects' locator helpers, known to every context."""
    register_selector_engine(playwright)


@pytest.fixture(scope="session")
def browser(
    launch_browser: Callable[[], Browser],
    browser_choice: BrowserChoice,
    pytestconfig: pytest.Config,
    selector_engine: None,
) -> Generator[Browser, None, None]:
    """One browser for the session, launched by pytest-playwright's `launch_browser`
    (so --headed, --slowmo … apply); its name and version go into the report."""
    server = remote.browser_server(pytestconfig)
    try:
        browser = launch_browser()
    except Exception as error:  # noqa: BLE001 - a browser server that refuses is one message for the run
        if not server:
            raise
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        pytest.exit(
            f"--browser-server {remote.describe_server(server)} 无法使用（{first}）",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )
    timing.mark(pytestconfig, "browser_launched")
    where = browser_choice.executable_path or "Playwright 自带"
    if server:
        where = f"{where}，浏览器服务 {remote.describe_server(server)}"
    pytestconfig.stash[FACTS_KEY]["浏览器"] = f"{browser.browser_type.name} {browser.version}（{where}）"
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A desktop viewport in Chinese locale and Beijing time, as the portals' users have."""
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 800},
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
    }


# ---------------------------------------------------------------- data


@pytest.fixture
def data(request: pytest.FixtureRequest) -> DataBuilder:
    """Test data for this scenario: the session seed mixed with the test id, so each
    scenario has its own units and the same seed replays the same data."""
    seed = request.config.stash[SEED_KEY] ^ zlib.crc32(_escaped_nodeid(request.node.nodeid).encode())
    return DataBuilder(seed=seed)


def _escaped_nodeid(nodeid: str) -> str:
    # Test ids show Chinese example values as written (pytest.ini); the data keeps the id with
    # those values escaped, as pytest wrote it before, so a seed replays the same data as ever.
    head, bracket, params = nodeid.partition("[")
    return head + bracket + params.encode("unicode_escape").decode("ascii") if bracket else nodeid


# ---------------------------------------------------------------- report hooks


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
        shots = request.node.stash[SHOTS_KEY] = report.StepShots(page)
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
