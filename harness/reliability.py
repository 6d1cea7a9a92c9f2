"""Robustness options of the acceptance suite: a slow, flaky network on the bundled mock, one
scale factor for every Playwright timeout, and the test-order seed in the report.

- `--mock-latency 300-1500`: every answer of the mock portals waits a random 300–1500 ms.
- `--mock-static-faults 0.2`: a fifth of their static files fail (503) the first time they are
  asked for; the pages ask once more.
- `--timeout-scale 3`: Playwright's default action and navigation timeouts and the `expect`
  timeout, all multiplied by 3 (the one knob to turn for a slow target; steps set no timeouts).

The order of the tests is random (pytest-randomly); its seed (`--randomly-seed`) is printed in
the header and written into the Allure report's environment block, so a failure that depends on
the order can be replayed.
"""

from __future__ import annotations

import argparse
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# Playwright's own defaults, in milliseconds.
ACTION_TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 30_000
EXPECT_TIMEOUT_MS = 5_000
SEED_KEY_PREFIX = "测试顺序种子"


def _latency(text: str) -> tuple[int, int]:
    from mock_sites.web import parse_latency  # only the bundled mock uses it

    try:
        return parse_latency(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"应为毫秒范围，如 300-1500：{error}") from None


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"应为 0 到 1 之间的比例，如 0.2，而不是 {text}")
    return value


def _scale(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"应为正数，如 3，而不是 {text}")
    return value


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-reliability", "稳定性：网络延迟、故障注入、超时倍数")
    group.addoption(
        "--mock-latency",
        type=_latency,
        default=None,
        metavar="LOW-HIGH",
        help="内置模拟门户每个应答随机延迟的毫秒范围，如 300-1500",
    )
    group.addoption(
        "--mock-static-faults",
        type=_share,
        default=0.0,
        metavar="SHARE",
        help="内置模拟门户静态文件首次请求返回 503 的比例，如 0.2",
    )
    group.addoption(
        "--mock-mutant",
        default=None,
        metavar="NAME",
        help="内置模拟门户故意破坏指南的一条规则（变异体，make mutants 用）",
    )
    group.addoption(
        "--timeout-scale",
        type=_scale,
        default=1.0,
        metavar="FACTOR",
        help="Playwright 默认超时与 expect 超时的倍数，如 3",
    )


def pytest_configure(config: pytest.Config) -> None:
    expect.set_options(timeout=EXPECT_TIMEOUT_MS * config.getoption("--timeout-scale"))


def mock_settings(config: pytest.Config) -> dict[str, Any]:
    """The mock portals' fault-injection settings this run asks for (none by default)."""
    settings: dict[str, Any] = {}
    if config.getoption("--mock-latency"):
        settings["LATENCY_MS"] = config.getoption("--mock-latency")
    if config.getoption("--mock-static-faults"):
        settings["STATIC_FAULT_RATE"] = config.getoption("--mock-static-faults")
    if config.getoption("--mock-mutant"):
        settings["MUTANT"] = config.getoption("--mock-mutant")
    return settings


@pytest.fixture(autouse=True)
def scaled_playwright_timeouts(request: pytest.FixtureRequest) -> None:
    """Playwright's default timeouts times `--timeout-scale`, for every test with a browser."""
    scale = request.config.getoption("--timeout-scale")
    if scale == 1 or "context" not in request.fixturenames:
        return
    context = request.getfixturevalue("context")
    context.set_default_timeout(ACTION_TIMEOUT_MS * scale)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS * scale)


def _run_facts(config: pytest.Config) -> dict[str, str]:
    where = config.getoption("--mock-ui") if config.getoption("--gdzwfw-url") is None else "目标环境"
    facts: dict[str, str] = {}
    if config.pluginmanager.hasplugin("randomly"):
        facts[f"{SEED_KEY_PREFIX}（{where}）"] = f"--randomly-seed={config.getoption('randomly_seed')}"
    if config.getoption("--mock-latency"):
        low, high = config.getoption("--mock-latency")
        facts["模拟网络延迟(毫秒)"] = f"{low}-{high}"
    if config.getoption("--mock-static-faults"):
        facts["静态文件首次失败比例"] = str(config.getoption("--mock-static-faults"))
    if config.getoption("--mock-mutant"):
        facts["变异体"] = config.getoption("--mock-mutant")
    if config.getoption("--timeout-scale") != 1:
        facts["超时倍数"] = str(config.getoption("--timeout-scale"))
    return facts


@pytest.hookimpl(hookwrapper=True)
def pytest_sessionfinish(session: pytest.Session) -> Generator[None, None, None]:
    # The environment block is rewritten by every session of a run (one per rendition): the
    # order seeds of earlier sessions are kept, this session's facts are added.
    alluredir = session.config.getoption("--alluredir", default=None)
    environment = Path(alluredir) / "environment.properties" if alluredir else None
    earlier = []
    if environment is not None and environment.is_file():
        earlier = [
            line for line in environment.read_text(encoding="utf-8").splitlines() if line.startswith(SEED_KEY_PREFIX)
        ]
    yield
    if environment is None or not environment.is_file():
        return
    lines = environment.read_text(encoding="utf-8").splitlines()
    facts = _run_facts(session.config)
    kept = [line for line in earlier if line.split("=", 1)[0] not in facts]
    environment.write_text(
        "\n".join([*lines, *kept, *(f"{key}={value}" for key, value in facts.items())]) + "\n", encoding="utf-8"
    )
