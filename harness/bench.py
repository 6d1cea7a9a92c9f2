"""`make bench`: runs the acceptance suite several times against the bundled mock and
prints wall time, start-up time and scenario median/slowest as a table.

Figures for the README, not assertions: budgets on a 2-core machine are start-up ≤ 2 s
and scenario median ≤ 0.8 s; the table marks a figure over its budget.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTUP_BUDGET = 2.0
MEDIAN_BUDGET = 0.8


def run_once(extra: list[str]) -> dict:
    """One serial run of the acceptance suite; returns its timings and wall time."""
    with tempfile.TemporaryDirectory() as folder:
        timings = Path(folder) / "timings.json"
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "features", "-q", "-p", "harness.timing", f"--timings-json={timings}", *extra],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        if result.returncode != 0:
            sys.stdout.write(result.stdout[-3000:])
            raise SystemExit(f"acceptance suite failed (exit {result.returncode}); no figures")
        data = json.loads(timings.read_text(encoding="utf-8"))
    durations = data["scenarios"]
    slowest = max(durations, key=durations.get)
    return {
        "wall": wall,
        "startup": data["startup"],
        "count": len(durations),
        "median": statistics.median(durations.values()),
        "slowest": durations[slowest],
        "slowest_name": slowest.split("::")[-1],
    }


def flag(value: float, budget: float) -> str:
    return f"{value:.3f}" + (" ⚠" if value > budget else "")


def main(argv: list[str] | None = None) -> None:
    """Runs the suite `--runs` times and prints the table."""
    parser = argparse.ArgumentParser(prog="python -m harness.bench")
    parser.add_argument("--runs", type=int, default=3)
    args, extra = parser.parse_known_args(argv)
    rows = [run_once(extra) for _ in range(args.runs)]
    print(f"| run | wall s | start-up s (≤{STARTUP_BUDGET}) | scenarios | median s (≤{MEDIAN_BUDGET}) | slowest s | slowest scenario |")
    print("|---|---|---|---|---|---|---|")
    for number, row in enumerate(rows, 1):
        print(
            f"| {number} | {row['wall']:.2f} | {flag(row['startup'], STARTUP_BUDGET)} | {row['count']} | "
            f"{flag(row['median'], MEDIAN_BUDGET)} | {row['slowest']:.3f} | {row['slowest_name']} |"
        )
    print(
        f"\nmedian of runs: wall {statistics.median(r['wall'] for r in rows):.2f} s, "
        f"start-up {statistics.median(r['startup'] for r in rows):.3f} s, "
        f"scenario median {statistics.median(r['median'] for r in rows):.3f} s"
    )


if __name__ == "__main__":
    main()
