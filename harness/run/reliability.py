"""Robustness options of the acceptance suite: a slow, flaky network on the bundled mock, one
scale factor for every Playwright timeout, and the test-order seed in the report."""

# - `--mock-latency 300-1500`: every answer of the mock portals waits a random 300–1500 ms.
# - `--mock-static-faults 0.2`: a fifth of their static files fail (503) the first time they are
#   asked for; the pages ask once more.
# - `--timeout-scale 3`: Playwright's default action and navigation timeouts and the `expect`
#   timeout, all multiplied by 3 (the one knob to turn for a slow target; steps set no timeouts).
#
# The order of the tests is random (pytest-randomly); its seed (`--randomly-seed`) is printed in
# the header and written into the Allure report's environment block, so a failure that depends on
# the order can be replayed.

from __future__ import annotations

import argparse
from typing import Any

import pytest

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
