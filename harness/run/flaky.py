"""`make flaky RUNS=N`: the acceptance suite N times, each in its own random order, then a table
of the scenarios that failed in any run."""

# Each run is one pytest session per rendition (`--mock-ui`), ordered by pytest-randomly with a
# fresh seed (`--randomly-seed`; the same number seeds the test data, `--faker-seed`), writing
# JUnit XML into `reports/flaky/`. The table is read back
# from those files: per scenario and rendition, how many runs failed it and with which seeds, and
# the command that replays such a run in the same order. Exit status 1 when any scenario failed.
#
#     .venv/bin/python -m harness.cli.flaky --runs 5 --uis "classic spa" -- -m "gdzwfw"

from __future__ import annotations

import argparse
import json
import random
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUT = Path("reports/flaky")
MANIFEST = "runs.json"
FAILED = ("failure", "error")


@dataclass(frozen=True)
class Run:
    """One pytest session of the hunt."""

    number: int
    ui: str
    seed: int
    junit: str
    exit_code: int


@dataclass(frozen=True)
class Row:
    """A scenario that failed at least once on one rendition."""

    scenario: str
    ui: str
    failed: int
    ran: int
    seeds: tuple[int, ...]


def outcomes(junit: Path) -> dict[str, bool]:
    """Scenario id → True when it failed (or errored) in this JUnit file; skipped ones are left out."""
    result: dict[str, bool] = {}
    for case in ElementTree.parse(junit).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            continue
        name = f"{case.get('classname', '')}::{case.get('name', '')}".removeprefix("features.test_guide::")
        result[name] = any(case.find(kind) is not None for kind in FAILED)
    return result


def failure_table(runs: list[Run], out: Path) -> tuple[list[Row], int]:
    """The rows of the table, most failures first, and how many scenario/rendition pairs ran."""
    ran: dict[tuple[str, str], int] = defaultdict(int)
    failed: dict[tuple[str, str], list[int]] = defaultdict(list)
    for run in runs:
        junit = out / run.junit
        if not junit.is_file():
            continue
        for scenario, did_fail in outcomes(junit).items():
            ran[(scenario, run.ui)] += 1
            if did_fail:
                failed[(scenario, run.ui)].append(run.seed)
    rows = [
        Row(scenario, ui, len(seeds), ran[(scenario, ui)], tuple(seeds)) for (scenario, ui), seeds in failed.items()
    ]
    rows.sort(key=lambda row: (-row.failed / row.ran, row.ui, row.scenario))
    return rows, len(ran)


def replay_command(ui: str, seed: int, extra: list[str]) -> str:
    """The command that runs the suite again in the order and with the data of that run."""
    return shlex.join(
        [
            ".venv/bin/python",
            "-m",
            "pytest",
            "features",
            f"--mock-ui={ui}",
            f"--randomly-seed={seed}",
            f"--faker-seed={seed}",
            *extra,
        ]
    )


def render(rows: list[Row], pairs: int, runs: list[Run], extra: list[str]) -> str:
    """The report printed at the end: broken runs, then the table, then how to replay."""
    lines = []
    broken = [run for run in runs if run.exit_code not in (0, 1)]
    for run in broken:
        lines.append(f"第 {run.number} 轮（界面 {run.ui}，种子 {run.seed}）没有正常结束：pytest 退出码 {run.exit_code}")
    rounds = max((run.number for run in runs), default=0)
    if not rows:
        lines.append(f"{rounds} 轮随机顺序运行，{pairs} 个场景（按界面计）全部通过，没有发现不稳定的场景。")
        return "\n".join(lines)
    width = max(len(row.scenario) for row in rows)
    lines.append(f"{rounds} 轮随机顺序运行，{pairs} 个场景（按界面计）中 {len(rows)} 个失败过：")
    lines.append(f"{'失败/运行':<8}  {'界面':<8}  {'场景':<{width}}  失败轮的种子")
    for row in rows:
        seeds = ", ".join(str(seed) for seed in row.seeds)
        lines.append(f"{f'{row.failed}/{row.ran}':<10}  {row.ui:<10}  {row.scenario:<{width}}  {seeds}")
    first = rows[0]
    lines.append("")
    lines.append("按同样的顺序和测试数据重放一轮（例如第一行的第一次失败）：")
    lines.append("  " + replay_command(first.ui, first.seeds[0], extra))
    lines.append("只跑这一个场景：在命令后加 -k '<场景名的一部分>'（顺序因此不同）。")
    return "\n".join(lines)


def hunt(runs: int, uis: list[str], extra: list[str], out: Path) -> list[Run]:
    """Runs the suite `runs` times on each rendition, each round with a fresh order seed."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.xml"):
        old.unlink()
    done: list[Run] = []
    seeds = [random.SystemRandom().randrange(2**32) for _ in range(runs)]
    for number, seed in enumerate(seeds, start=1):
        for ui in uis:
            junit = f"run-{number:02d}-{ui}.xml"
            command = [
                sys.executable,
                "-m",
                "pytest",
                "features",
                "-q",
                f"--mock-ui={ui}",
                f"--randomly-seed={seed}",
                f"--faker-seed={seed}",
                f"--junitxml={out / junit}",
                *extra,
            ]
            print(f"== 第 {number}/{runs} 轮  界面 {ui}  顺序种子 {seed}", flush=True)
            exit_code = subprocess.run(command, check=False).returncode
            done.append(Run(number, ui, seed, junit, exit_code))
            (out / MANIFEST).write_text(
                json.dumps([run.__dict__ for run in done], ensure_ascii=False, indent=1), encoding="utf-8"
            )
    return done


def main(argv: list[str] | None = None) -> int:
    """Parses the options, hunts, prints the table; 1 when anything failed."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.flaky", description="多轮随机顺序运行验收套件，按场景统计失败次数"
    )
    parser.add_argument("--runs", type=int, default=3, help="轮数（默认 3）")
    parser.add_argument("--uis", default="classic", help='每轮运行的界面，空格分隔，如 "classic spa"')
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JUnit 结果目录（默认 reports/flaky）")
    parser.add_argument("--report-only", action="store_true", help="不运行，只根据上次的结果打印表格")
    parser.add_argument("pytest_args", nargs="*", help="传给 pytest 的其他参数（写在 -- 之后）")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs 至少为 1")
    if args.report_only:
        runs = [Run(**item) for item in json.loads((args.out / MANIFEST).read_text(encoding="utf-8"))]
    else:
        runs = hunt(args.runs, args.uis.split(), args.pytest_args, args.out)
    rows, pairs = failure_table(runs, args.out)
    print()
    print(render(rows, pairs, runs, args.pytest_args))
    broken = any(run.exit_code not in (0, 1) for run in runs)
    return 1 if rows or broken or pairs == 0 else 0
