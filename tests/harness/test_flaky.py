"""`make flaky`: the per-scenario failure table read from the runs' JUnit files, and the order
seed that replays a run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness.run import flaky

CASE = '<testcase classname="features.test_guide" name="{name}" time="1"{body}'


def _junit(path: Path, cases: dict[str, str]) -> None:
    bodies = {
        "passed": " />",
        "failed": '><failure message="x">AssertionError</failure></testcase>',
        "error": '><error message="x">boom</error></testcase>',
        "skipped": '><skipped message="staging" /></testcase>',
    }
    items = "".join(CASE.format(name=name, body=bodies[status]) for name, status in cases.items())
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">{items}</testsuite></testsuites>',
        encoding="utf-8",
    )


def _runs(out: Path) -> list[flaky.Run]:
    _junit(out / "run-01-classic.xml", {"test_登录": "passed", "test_注册": "failed", "test_核验": "skipped"})
    _junit(out / "run-02-classic.xml", {"test_登录": "passed", "test_注册": "passed", "test_核验": "skipped"})
    _junit(out / "run-03-classic.xml", {"test_登录": "error", "test_注册": "failed", "test_核验": "skipped"})
    _junit(out / "run-01-spa.xml", {"test_登录": "passed", "test_注册": "passed"})
    return [
        flaky.Run(1, "classic", 11, "run-01-classic.xml", 1),
        flaky.Run(1, "spa", 11, "run-01-spa.xml", 0),
        flaky.Run(2, "classic", 22, "run-02-classic.xml", 0),
        flaky.Run(3, "classic", 33, "run-03-classic.xml", 1),
    ]


def test_the_table_counts_failures_per_scenario_and_rendition(tmp_path: Path) -> None:
    """Failures and errors count, skips do not; the most often failing scenario comes first."""
    rows, pairs = flaky.failure_table(_runs(tmp_path), tmp_path)
    assert rows == [flaky.Row("test_注册", "classic", 2, 3, (11, 33)), flaky.Row("test_登录", "classic", 1, 3, (33,))]
    assert pairs == 4  # 登录 and 注册 on classic and on spa; 核验 was always skipped


def test_the_report_names_the_seeds_and_the_replay_command(tmp_path: Path) -> None:
    """Each failing scenario with the seeds of its failing runs, and a replay in the same order."""
    runs = _runs(tmp_path)
    rows, pairs = flaky.failure_table(runs, tmp_path)
    text = flaky.render(rows, pairs, runs, ["-m", "gdzwfw"])
    assert "2/3" in text and "test_注册" in text and "11, 33" in text
    assert ".venv/bin/python -m pytest features --mock-ui=classic --randomly-seed=11 --faker-seed=11 -m gdzwfw" in text


def test_a_clean_hunt_says_so_and_a_broken_run_is_reported(tmp_path: Path) -> None:
    """No failures: one line saying so. A run that did not finish (exit code 2+) is named."""
    _junit(tmp_path / "run-01-classic.xml", {"test_登录": "passed"})
    clean = [flaky.Run(1, "classic", 5, "run-01-classic.xml", 0)]
    assert "全部通过" in flaky.render(*flaky.failure_table(clean, tmp_path), clean, [])
    broken = [*clean, flaky.Run(2, "classic", 6, "run-02-classic.xml", 2)]
    assert "第 2 轮（界面 classic，种子 6）没有正常结束：pytest 退出码 2" in flaky.render(
        *flaky.failure_table(broken, tmp_path), broken, []
    )


def test_report_only_reads_the_last_hunt(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`--report-only` prints the table of the runs in the manifest; exit 1 when any failed."""
    runs = _runs(tmp_path)
    (tmp_path / flaky.MANIFEST).write_text(json.dumps([run.__dict__ for run in runs]), encoding="utf-8")
    assert flaky.main(["--report-only", "--out", str(tmp_path)]) == 1
    assert "test_注册" in capsys.readouterr().out


def _collected_order(seed: int) -> list[str]:
    command = [sys.executable, "-m", "pytest", "features", "--collect-only", "-q", f"--randomly-seed={seed}"]
    listing = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [line for line in listing.splitlines() if "::" in line]


def test_the_order_seed_replays_the_order() -> None:
    """The same seed gives the same order of scenarios; another seed another order."""
    first = _collected_order(1234)
    assert len(first) > 100
    assert _collected_order(1234) == first
    assert _collected_order(4321) != first
