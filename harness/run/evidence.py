"""Which evidence a scenario records, so that a run pays only for what it keeps (the option is
registered by harness/run/plugin.py)."""

# Step screenshots go into the Allure results, which the report, the traceability table and the
# sign-off file read: they are taken only when the run writes Allure results (`--alluredir`).
# The guide's screenshots are taken by their own plugin (`harness.guide.plugin`).
#
# A Playwright trace with DOM snapshots costs every action some time: `make bench ARGS=--floor`
# prices it on the same scenario as the screenshots (docs/速度.md: about as much as the step
# pictures, +0.3× of a short scenario). A run that keeps evidence still records one per scenario
# by default and keeps it when a step fails, so that the first failure already has it.
# `--evidence-trace` sets when a scenario records one, in a run that keeps evidence:
# - `always` (default): every scenario; the first failure already carries its trace;
# - `rerun`: only when a failed scenario runs again (`--reruns N` of pytest-rerunfailures),
#   Playwright's "on first retry": the first failure keeps its screenshot, page HTML and console
#   errors, the run again the trace as well;
# - `off`: never.
# pytest-playwright's `--tracing on|retain-on-failure` records its own trace files instead.

from __future__ import annotations

import pytest

TRACE_POLICIES = ("always", "rerun", "off")
DEFAULT_TRACE_POLICY = "always"


def keeps_evidence(config: pytest.Config) -> bool:
    """Whether this run writes Allure results, where step screenshots and traces are kept."""
    return bool(config.getoption("--alluredir", default=None))


def records_trace(config: pytest.Config, item: pytest.Item) -> bool:
    """Whether this scenario records its own trace (see the module docstring)."""
    if config.getoption("--tracing", default="off") != "off" or not keeps_evidence(config):
        return False
    policy = config.getoption("--evidence-trace")
    if policy == "always":
        return True
    # pytest-rerunfailures counts the runs of a test on the item.
    return policy == "rerun" and getattr(item, "execution_count", 1) > 1
