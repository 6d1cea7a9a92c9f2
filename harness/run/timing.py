"""How long start-up and each scenario take, for `make bench` (the `Timings` plugin object,
registered by harness/run/plugin.py)."""

# Enabled with `--timings-json PATH`. Start-up is the time from the first test's set-up to
# the moment both mock portals answer and the browser is launched; a scenario's time is its
# set-up, call and teardown less that start-up. `first_setup`, `browser_launched` and
# `first_step` are the wall-clock times (epoch seconds) at which the first test's set-up began
# (imports and collection done), the browser was launched (Playwright's driver and browser
# started) and its first step started (context and page open): `make bench` takes them from the
# time it started the process to split the whole start.
#
# With pytest-xdist workers each worker times its own scenarios and start-up and sends them to
# the controller, which writes the one file: start-up is then the slowest worker's, `first_step`
# the earliest.

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from harness.run import parallel

MARKS_KEY = pytest.StashKey[dict]()


def mark(config: pytest.Config, name: str) -> None:
    """Records the monotonic time of a start-up milestone (e.g. 'browser_launched')."""
    if MARKS_KEY in config.stash:
        config.stash[MARKS_KEY].setdefault(name, time.perf_counter())
        config.stash[MARKS_KEY].setdefault(f"{name}_epoch", time.time())


class Timings:
    """Collects phase durations per test and writes them as JSON at the end."""

    def __init__(self, config: pytest.Config, path: Path) -> None:
        self.config = config
        self.path = path
        self.tests: list[tuple[str, dict[str, float]]] = []  # in run order; a test run twice is there twice
        config.stash[MARKS_KEY] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        mark(self.config, "first_setup")
        self.config.stash[MARKS_KEY].setdefault("first_setup_epoch", time.time())

    def pytest_bdd_before_step(self) -> None:
        # The first step of the first scenario: browser launched, context and page open.
        self.config.stash[MARKS_KEY].setdefault("first_step", time.time())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if parallel.distributes(self.config):
            return  # the workers time their own scenarios
        if report.when == "setup" or not self.tests or self.tests[-1][0] != report.nodeid:
            self.tests.append((report.nodeid, {}))
        phases = self.tests[-1][1]
        phases[report.when] = report.duration
        phases.setdefault("outcome_ok", 1.0)
        if report.failed:
            phases["outcome_ok"] = 0.0

    def own_timings(self) -> dict:
        """Start-up, first scenario's start and scenario times of this session's own scenarios."""
        marks = self.config.stash[MARKS_KEY]
        ready = [marks[name] for name in ("portals_ready", "browser_launched") if name in marks]
        startup = max(ready) - marks["first_setup"] if ready and "first_setup" in marks else 0.0
        runs = []
        for index, (nodeid, phases) in enumerate(self.tests):
            total = sum(phases.get(when, 0.0) for when in ("setup", "call", "teardown"))
            runs.append([nodeid, max(total - (startup if index == 0 else 0.0), 0.0)])
        return {
            "startup": startup,
            "first_setup": marks.get("first_setup_epoch"),
            "first_step": marks.get("first_step"),
            "browser_launched": marks.get("browser_launched_epoch"),
            "scenarios": {nodeid: seconds for nodeid, seconds in runs},
            "runs": runs,
        }

    def pytest_sessionfinish(self) -> None:
        if parallel.is_worker(self.config):
            parallel.send_to_controller(self.config, "timings", self.own_timings())
            return
        parts = (
            parallel.from_workers(self.config, "timings") if parallel.distributes(self.config) else [self.own_timings()]
        )
        steps = [part["first_step"] for part in parts if part["first_step"]]
        setups = [part["first_setup"] for part in parts if part["first_setup"]]
        launches = [part["browser_launched"] for part in parts if part.get("browser_launched")]
        merged = {
            "startup": max((part["startup"] for part in parts), default=0.0),
            "first_setup": min(setups, default=None),
            "first_step": min(steps, default=None),
            "browser_launched": min(launches, default=None),
            "workers": len(parts),
            "scenarios": {nodeid: seconds for part in parts for nodeid, seconds in part["scenarios"].items()},
            "runs": [run for part in parts for run in part["runs"]],
        }
        self.path.write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
