"""`make bench`: runs the acceptance suite several times against the bundled mock and
prints wall time, start-up time and scenario median/slowest as a table.

Figures for the README, not assertions: budgets on a 2-core machine are start-up ≤ 2 s
and scenario median ≤ 0.8 s; the table marks a figure over its budget.

`--floor` measures instead what the smallest possible scenario costs on this machine (a fresh
context and page, one page opened, one click that loads the next page, one step screenshot,
context closed), with the browser the suite would use, against the bundled mock: the lower
bound of any suite of N browser scenarios.
"""

from __future__ import annotations

import argparse
import json
import os
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


FLOOR_OPERATIONS = ("新上下文与页面", "打开页面", "点击并载入下一页", "步骤截图", "关闭上下文")


def floor(runs: int) -> dict[str, float]:
    """Median seconds of each operation of the smallest scenario, over `runs` repetitions
    (after two warm-up rounds), on the HRSS login page of the bundled mock."""
    from playwright.sync_api import sync_playwright

    from harness.browser import ENV_VAR_BROWSER_PATH, find_browser
    from harness.report import StepShots
    from mock_sites.serving import start_portals

    portals = start_portals()
    samples: dict[str, list[float]] = {name: [] for name in FLOOR_OPERATIONS}
    try:
        with sync_playwright() as playwright:
            choice = find_browser(os.environ.get(ENV_VAR_BROWSER_PATH), playwright.chromium.executable_path)
            browser = playwright.chromium.launch(**choice.launch_args())
            for round_number in range(runs + 2):
                times = []
                mark = time.perf_counter()

                def lap() -> None:
                    nonlocal mark
                    now = time.perf_counter()
                    times.append(now - mark)
                    mark = now

                context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
                page = context.new_page()
                lap()
                page.goto(f"{portals.hrss_url}/isso/login.html")
                lap()
                with page.expect_navigation():
                    page.get_by_role("tab", name="单位登录").click()
                lap()
                StepShots(page).capture()
                lap()
                context.close()
                lap()
                if round_number >= 2:
                    for name, seconds in zip(FLOOR_OPERATIONS, times):
                        samples[name].append(seconds)
            browser.close()
    finally:
        portals.stop()
    return {name: statistics.median(values) for name, values in samples.items()}


def count_scenarios() -> int:
    """How many scenarios the acceptance suite has (pytest's collection)."""
    result = subprocess.run([sys.executable, "-m", "pytest", "features", "--collect-only", "-q"], capture_output=True, text=True, check=True)
    return sum("::" in line for line in result.stdout.splitlines())


def print_floor(runs: int, scenarios: int) -> None:
    """Prints the floor table and what `scenarios` such scenarios cost at the least."""
    medians = floor(runs)
    print(f"| operation | median ms ({runs} runs) |\n|---|---|")
    for name, seconds in medians.items():
        print(f"| {name} | {seconds * 1000:.0f} |")
    least = sum(medians.values())
    print(f"\nsmallest scenario ≈ {least:.3f} s; {scenarios} scenarios ≥ {least * scenarios:.0f} s serial")


def flag(value: float, budget: float) -> str:
    return f"{value:.3f}" + (" ⚠" if value > budget else "")


def main(argv: list[str] | None = None) -> None:
    """Runs the suite `--runs` times and prints the table."""
    parser = argparse.ArgumentParser(prog="python -m harness.bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--floor", action="store_true", help="measure the smallest possible scenario instead of the suite")
    parser.add_argument("--scenarios", type=int, default=None, help="with --floor: how many scenarios to price (default: the suite's)")
    args, extra = parser.parse_known_args(argv)
    if args.floor:
        print_floor(max(args.runs, 10), args.scenarios or count_scenarios())
        return
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
