"""Hooks and fixtures of the target: which portals a run talks to (--env, the mock or URLs),
the bundled mock's start, its control clients, and the browser (local or a remote server)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Playwright

from harness.plugin import FACTS_KEY, SEED_KEY, TARGET_KEY
from harness.run import early_start, parallel, probe, timing
from harness.target import remote
from harness.target.browser import (
    ENV_VAR_BROWSER_PATH,
    BrowserChoice,
    BrowserNotFound,
    find_browser,
)
from harness.target.config import (
    ENV_VAR_ENVIRONMENTS,
    ConfigError,
    Target,
    environments_file,
    resolve_target,
)
from harness.target.mock_control import MockControl, wait_until_ready
from harness.target.portals import PortalUrls, page_table
from harness.target.remote import (
    DEFAULT_MOCK_HOST,
    ENV_VAR_BROWSER_SERVER,
    browser_server,
    check_public_url,
    check_ws_url,
    is_wildcard,
    launch_options_header,
    mock_host,
    mock_public_url,
    unreachable_server,
)

if TYPE_CHECKING:
    from mock_sites.serving import RunningPortals

ENV_VAR_MOCK_UI = "MOCK_UI"


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_target(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness", "稳岗返还验收测试")
    group.addoption(
        "--env",
        default=None,
        help="目标环境：mock（默认，启动内置模拟门户）"
        "或 harness/target/environments.toml（及 --environments 文件）中的配置名",
    )
    group.addoption(
        "--environments",
        default=None,
        metavar="FILE",
        help="自己的环境配置文件（TOML，格式同 harness/target/environments.toml；同名配置的键覆盖仓库中的）；"
        f"也可用环境变量 {ENV_VAR_ENVIRONMENTS}",
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
        help="内置模拟门户的界面：classic（默认）、spa（Element-UI / layui 风格）或 lookalike（按公开资料仿真实门户）；"
        f"也可用环境变量 {ENV_VAR_MOCK_UI}",
    )
    group.addoption("--browser-path", default=None, help=f"浏览器可执行文件（也可用环境变量 {ENV_VAR_BROWSER_PATH}）")


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_remote(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness")
    group.addoption(
        "--browser-server",
        default=os.environ.get(ENV_VAR_BROWSER_SERVER),
        metavar="WS_URL",
        help="连接远程 Playwright 浏览器服务（playwright run-server 或兼容的浏览器集群），如 ws://host:3000/；"
        f"也可用环境变量 {ENV_VAR_BROWSER_SERVER}",
    )
    group.addoption(
        "--mock-host", default=DEFAULT_MOCK_HOST, help=f"内置模拟门户监听的地址（默认 {DEFAULT_MOCK_HOST}）"
    )
    group.addoption(
        "--mock-public-url",
        default=None,
        metavar="URL",
        help="远程浏览器访问模拟门户所用的协议和主机，如 http://ci-runner.example；页面、门户间跳转都用它",
    )


@pytest.hookimpl(specname="pytest_configure")
def pytest_configure_remote(config: pytest.Config) -> None:
    server = browser_server(config)
    if server:
        check_ws_url(server)
        if not hasattr(config, "workerinput"):  # the controller checks once, before any worker starts
            problem = unreachable_server(server)
            if problem:
                raise pytest.UsageError(problem)
    public = mock_public_url(config)
    if public:
        config.option.mock_public_url = check_public_url(public)
    elif is_wildcard(mock_host(config)):
        raise pytest.UsageError(
            f"--mock-host {mock_host(config)} 监听所有地址，浏览器无法用它打开页面：请同时给出 --mock-public-url"
        )


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config, browser_type_launch_args: dict) -> dict | None:
    """pytest-playwright's way to a remote browser: the server's address and the launch options
    it should use; None launches a local browser."""
    server = browser_server(pytestconfig)
    if not server:
        return None
    return {
        "endpoint": server,
        "headers": {"x-playwright-launch-options": launch_options_header(browser_type_launch_args)},
    }


@pytest.hookimpl(specname="pytest_configure", tryfirst=True)
def pytest_configure_target(config: pytest.Config) -> None:
    # tryfirst: every other part of the harness (staging, reports, the conftest) reads the target.
    try:
        user_file = environments_file(config.getoption("--environments"), os.environ)
        config.stash[TARGET_KEY] = resolve_target(
            config.getoption("--env"),
            config.getoption("--gdzwfw-url"),
            config.getoption("--hrss-url"),
            os.environ,
            user_file=user_file,
        )
    except ConfigError as error:
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


@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_target(config: pytest.Config, items: list[pytest.Item]) -> None:
    target = config.stash[TARGET_KEY]
    skip_mock_only = pytest.mark.skip(reason=f"@mock_only：环境 {target.env_name} 没有模拟控制接口")
    for item in items:
        if "mock_only" in [marker.name for marker in item.iter_markers()] and not target.control_api:
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


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    """The resolved target environment (see harness/target/config.py)."""
    return pytestconfig.stash[TARGET_KEY]


@pytest.fixture(scope="session")
def portal_urls(target: Target, pytestconfig: pytest.Config) -> Generator[PortalUrls, None, None]:
    """Base URLs of both portals; starts the bundled mock portals when no URL is configured."""
    facts = pytestconfig.stash[FACTS_KEY]
    if not target.starts_mock:
        assert target.gdzwfw_url is not None and target.hrss_url is not None  # a non-mock target has both
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
    # The page probe (harness/run/probe.py) is told of every page object the scenarios build.
    record = probe.recorder(config)
    return record.built if record is not None else None


def _start_mock(config: pytest.Config) -> RunningPortals:
    from harness.run.reliability import mock_settings
    from mock_sites.serving import (
        start_portals,  # only the mock target needs the mock's code
    )

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
    """Selector engines the page objects register (the acceptance conftest overrides this)."""


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
