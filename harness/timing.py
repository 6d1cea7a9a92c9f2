"""A pytest plugin that records how long start-up and each scenario take, for `make bench`.

Enabled with `--timings-json PATH`. Start-up is the time from the first test's set-up to
the moment both mock portals answer and the browser is launched; a scenario's time is its
set-up, call and teardown less that start-up.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

MARKS_KEY = pytest.StashKey[dict]()


def mark(config: pytest.Config, name: str) -> None:
    """Records the monotonic time of a start-up milestone (e.g. 'browser_launched')."""
    if MARKS_KEY in config.stash:
        config.stash[MARKS_KEY].setdefault(name, time.perf_counter())


class Timings:
    """Collects phase durations per test and writes them as JSON at the end."""

    def __init__(self, config: pytest.Config, path: Path) -> None:
        self.config = config
        self.path = path
        self.tests: dict[str, dict[str, float]] = {}
        config.stash[MARKS_KEY] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        mark(self.config, "first_setup")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        phases = self.tests.setdefault(report.nodeid, {})
        phases[report.when] = report.duration
        phases.setdefault("outcome_ok", 1.0)
        if report.failed:
            phases["outcome_ok"] = 0.0

    def pytest_sessionfinish(self) -> None:
        marks = self.config.stash[MARKS_KEY]
        ready = [marks[name] for name in ("portals_ready", "browser_launched") if name in marks]
        startup = max(ready) - marks["first_setup"] if ready and "first_setup" in marks else 0.0
        scenarios = {}
        for index, (nodeid, phases) in enumerate(self.tests.items()):
            total = sum(phases.get(when, 0.0) for when in ("setup", "call", "teardown"))
            scenarios[nodeid] = max(total - (startup if index == 0 else 0.0), 0.0)
        self.path.write_text(json.dumps({"startup": startup, "scenarios": scenarios}, ensure_ascii=False, indent=1), encoding="utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--timings-json", default=None, help="write start-up and per-scenario timings to this JSON file (make bench)")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("--timings-json")
    if path:
        config.pluginmanager.register(Timings(config, Path(path)), "harness-timings")
