"""`make mutants`: proves that the scenarios notice when the portal breaks the rule they cover."""

#     python -m harness.cli.mutants [--workers auto] [--only NAME …] [--out reports/mutants.json]
#         [-- <pytest arguments>]
#
# Starts the bundled mock once (rendition classic) and, for each rule mutant the mock offers
# (`GET /__mock__/mutants`, registry in mock_sites/mutants.py), switches it on through the control
# API, runs the scenarios tagged with its guide ID (`-m guide-<ID>`, pytest-xdist workers, stopping
# at the first failure) against that mock, and switches it off again. A mutant is *killed* when
# some scenario failed, *survived* when all passed — a missing or weak check to fix — and an
# *error* when pytest could not run (no scenario, a usage error). The results file holds each
# mutant's outcome, the scenarios that failed and the times; the traceability table and the
# sign-off read it. Exit status 1 unless every mutant was killed.

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness.target.mock_control import MockControl, wait_until_ready

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "reports" / "mutants.json"
UI = "classic"
OUTCOME_NAMES = {"killed": "已发现", "survived": "未发现", "error": "无法运行"}
# pytest's exit codes: 0 all passed, 1 some failed.
EXIT_PASSED, EXIT_FAILED = 0, 1


@dataclass
class MutantRun:
    """One mutant's run: which rule it broke and what the scenarios made of it."""

    name: str
    guide_id: str
    breaks: str
    outcome: str
    exit_code: int
    seconds: float
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Tally:
    """Per guide ID: how many of its mutants the suite kills, and the names of the others."""

    killed: int
    total: int
    survivors: tuple[str, ...]

    def summary(self) -> str:
        """「2/2 已发现」, or with the survivors named."""
        text = f"{self.killed}/{self.total} 已发现"
        return f"{text}（未发现：{'、'.join(self.survivors)}）" if self.survivors else text


def outcome_of(exit_code: int, failed: list[str]) -> str:
    """killed / survived / error from pytest's exit code and the scenarios that failed (a stop at
    the first failure under xdist exits as interrupted, 2, with that failure reported)."""
    if failed or exit_code == EXIT_FAILED:
        return "killed"
    return "survived" if exit_code == EXIT_PASSED else "error"


def failed_scenarios(junit: Path) -> list[str]:
    """The names of the tests a JUnit XML file reports as failed or broken."""
    if not junit.is_file():
        return []
    root = ElementTree.parse(junit).getroot()
    return [
        case.get("name", "")
        for case in root.iter("testcase")
        if case.find("failure") is not None or case.find("error") is not None
    ]


def pytest_command(
    mutant: Mapping[str, str], gdzwfw_url: str, hrss_url: str, workers: str, junit: Path, extra: Iterable[str]
) -> list[str]:
    """The pytest session of one mutant: its guide ID's scenarios on the running mock, workers
    as asked, stopping at the first failure (one is enough to kill it)."""
    return [
        sys.executable,
        "-m",
        "pytest",
        "features",
        "--env",
        "mock",
        "--gdzwfw-url",
        gdzwfw_url,
        "--hrss-url",
        hrss_url,
        "--mock-ui",
        UI,
        "-m",
        f"guide-{mutant['guide_id']}",
        "-n",
        workers,
        "-x",
        "-q",
        "--tb=no",
        "-p",
        "no:randomly",
        f"--junitxml={junit}",
        *extra,
    ]


def run_mutant(
    mutant: Mapping[str, str],
    controls: list[MockControl],
    urls: tuple[str, str],
    workers: str,
    extra: list[str],
    scratch: Path,
) -> MutantRun:
    """Switches the mutant on in both portals, runs its scenarios, switches it off."""
    junit = scratch / f"{mutant['name']}.xml"
    started = time.perf_counter()
    for control in controls:
        control.post("mutant", {"name": mutant["name"]})
    try:
        # The accessibility audit proves nothing about rules: off, to keep the runs short.
        code = subprocess.call(
            pytest_command(mutant, *urls, workers, junit, extra), cwd=REPO, env={**os.environ, "A11Y": "off"}
        )
    finally:
        for control in controls:
            control.post("mutant", {"name": None})
    failed = failed_scenarios(junit)
    return MutantRun(
        name=mutant["name"],
        guide_id=mutant["guide_id"],
        breaks=mutant["breaks"],
        outcome=outcome_of(code, failed),
        exit_code=code,
        seconds=round(time.perf_counter() - started, 1),
        failed=failed,
    )


def table(runs: list[MutantRun]) -> str:
    """The results as a plain-text table, one mutant a line."""
    lines = [f"{'编号':<6}{'变异体':<38}{'结果':<8}{'秒':>6}  被破坏的规则"]
    for run in runs:
        lines.append(f"{run.guide_id:<6}{run.name:<38}{OUTCOME_NAMES[run.outcome]:<8}{run.seconds:>6.1f}  {run.breaks}")
    return "\n".join(lines)


def write_results(path: Path, runs: list[MutantRun], workers: str, wall_seconds: float) -> None:
    """reports/mutants.json: the rendition, the workers, the wall time and each mutant's run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "ui": UI,
        "workers": workers,
        "wall_seconds": round(wall_seconds, 1),
        "mutants": [asdict(run) for run in runs],
    }
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_tallies(path: Path = DEFAULT_OUT) -> dict[str, Tally]:
    """Guide ID → its mutants killed and in all, from the last `make mutants` (empty without one)."""
    try:
        runs = json.loads(path.read_text(encoding="utf-8"))["mutants"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    by_id: dict[str, list[dict]] = {}
    for run in runs:
        by_id.setdefault(run["guide_id"], []).append(run)
    return {
        guide_id: Tally(
            killed=sum(run["outcome"] == "killed" for run in items),
            total=len(items),
            survivors=tuple(run["name"] for run in items if run["outcome"] != "killed"),
        )
        for guide_id, items in by_id.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: start the mock, run every mutant (or those named), write and print the results."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.mutants", description="规则变异体：逐条故意破坏指南的规则，看验收场景能否发现"
    )
    parser.add_argument("--workers", default="auto", help="每个变异体的 pytest-xdist 进程数（默认 auto）")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="只运行这些变异体（可多次给出）")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="结果文件（默认 reports/mutants.json）")
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER, help="-- 之后的参数交给每次 pytest")
    args = parser.parse_args(argv)
    extra = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args

    from mock_sites.serving import start_portals  # the runner starts the mock once; every session reuses it

    started = time.perf_counter()
    portals = start_portals(ui=UI)
    try:
        for url in (portals.gdzwfw_url, portals.hrss_url):
            wait_until_ready(f"{url}/__mock__/health")
        controls = [MockControl(portals.gdzwfw_url), MockControl(portals.hrss_url)]
        mutants = [
            mutant for mutant in controls[0].get("mutants")["mutants"] if not args.only or mutant["name"] in args.only
        ]
        unknown = sorted(set(args.only) - {mutant["name"] for mutant in mutants})
        if unknown:
            parser.error(f"未知的变异体：{', '.join(unknown)}")
        runs: list[MutantRun] = []
        with tempfile.TemporaryDirectory(prefix="mutants-") as scratch:
            for number, mutant in enumerate(mutants, 1):
                print(
                    f"== 变异体 {number}/{len(mutants)}：{mutant['name']}（{mutant['guide_id']}）{mutant['breaks']}",
                    flush=True,
                )
                runs.append(
                    run_mutant(
                        mutant, controls, (portals.gdzwfw_url, portals.hrss_url), args.workers, extra, Path(scratch)
                    )
                )
    finally:
        portals.stop()
    wall = time.perf_counter() - started
    write_results(args.out, runs, args.workers, wall)
    print()
    print(table(runs))
    killed = sum(run.outcome == "killed" for run in runs)
    print(f"\n{killed}/{len(runs)} 个变异体被发现；用时 {wall:.0f} 秒（{args.workers} 个进程）；结果：{args.out}")
    return 0 if killed == len(runs) else 1
