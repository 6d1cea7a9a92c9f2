"""When a scenario records step screenshots and a trace: only in runs that keep them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from harness.run import evidence


class Options:
    """The few pytest options the policy reads."""

    def __init__(self, **values: object) -> None:
        self.values = {
            "--alluredir": None,
            "--tracing": "off",
            "--evidence-trace": evidence.DEFAULT_TRACE_POLICY,
            **values,
        }

    def getoption(self, name: str, default: object = None) -> object:
        return self.values.get(name, default)


def run(count: int = 1) -> SimpleNamespace:
    return SimpleNamespace(execution_count=count) if count > 1 else SimpleNamespace()


def test_a_plain_run_keeps_no_evidence() -> None:
    config = Options()
    assert not evidence.keeps_evidence(config)  # type: ignore[arg-type]
    assert not evidence.records_trace(config, run())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("policy", "count", "expected"),
    [
        ("always", 1, True),
        ("always", 2, True),
        ("rerun", 1, False),
        ("rerun", 2, True),
        ("off", 1, False),
        ("off", 2, False),
    ],
)
def test_trace_policy_in_a_report_run(policy: str, count: int, expected: bool) -> None:
    config = Options(**{"--alluredir": "reports/allure-results", "--evidence-trace": policy})
    assert evidence.keeps_evidence(config)  # type: ignore[arg-type]
    assert evidence.records_trace(config, run(count)) is expected  # type: ignore[arg-type]


def test_pytest_playwright_tracing_replaces_ours() -> None:
    config = Options(
        **{"--alluredir": "reports/allure-results", "--tracing": "retain-on-failure", "--evidence-trace": "always"}
    )
    assert not evidence.records_trace(config, run())  # type: ignore[arg-type]
