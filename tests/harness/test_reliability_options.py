"""The suite's robustness options: what they hand to the mock portals and what they write into
the report's environment block."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from harness.run import plugin as run_plugin
from harness.run import reliability


class _Options:
    """The few options these helpers read, as pytest's config would hold them."""

    def __init__(self, **values: Any) -> None:
        self.values = {
            "--mock-latency": None,
            "--mock-static-faults": 0.0,
            "--timeout-scale": 1.0,
            "--mock-ui": "classic",
            "--gdzwfw-url": None,
            "randomly_seed": 99,
            **values,
        }
        self.pluginmanager = self

    def getoption(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def hasplugin(self, name: str) -> bool:
        return name == "randomly"


def test_no_options_ask_nothing_of_the_mock() -> None:
    """By default the mock runs at full speed and without faults."""
    assert reliability.mock_settings(_Options()) == {}  # type: ignore[arg-type]


def test_latency_and_faults_become_mock_settings() -> None:
    """The options map onto the mock's LATENCY_MS and STATIC_FAULT_RATE."""
    options = _Options(**{"--mock-latency": (300, 1500), "--mock-static-faults": 0.2})
    assert reliability.mock_settings(options) == {"LATENCY_MS": (300, 1500), "STATIC_FAULT_RATE": 0.2}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (reliability._latency, "1500-300"),
        (reliability._latency, "slow"),
        (reliability._share, "1.5"),
        (reliability._scale, "0"),
    ],
)
def test_bad_option_values_are_usage_errors(parse: Any, text: str) -> None:
    """A reversed range, a share above 1 or a non-positive scale stops the run with a message."""
    with pytest.raises(argparse.ArgumentTypeError):
        parse(text)


def test_the_environment_block_keeps_the_seed_of_each_rendition(tmp_path: Path) -> None:
    """Each session rewrites environment.properties; the order seeds of earlier sessions stay."""
    environment = tmp_path / "environment.properties"
    environment.write_text("浏览器=chromium\n测试顺序种子（spa）=--randomly-seed=7\n", encoding="utf-8")
    options = _Options(**{"--alluredir": str(tmp_path), "--mock-latency": (300, 1500), "--timeout-scale": 3.0})

    class _Session:
        config = options

    hook = run_plugin.pytest_sessionfinish_reliability(_Session())  # type: ignore[arg-type]
    next(hook)
    environment.write_text("浏览器=chromium\n", encoding="utf-8")  # what this session's own writer leaves
    with pytest.raises(StopIteration):
        next(hook)
    lines = environment.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "浏览器=chromium",
        "测试顺序种子（spa）=--randomly-seed=7",
        "测试顺序种子（classic）=--randomly-seed=99",
        "模拟网络延迟(毫秒)=300-1500",
        "超时倍数=3.0",
    ]
