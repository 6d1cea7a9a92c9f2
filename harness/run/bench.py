"""`make bench`: runs the acceptance suite several times against the bundled mock and
prints wall time, start-up time and scenario median/slowest as a table."""

# Figures for docs/速度.md, not assertions: budgets on a 2-core machine are start-up ≤ 1 s
# (process start → first scenario running, browser launched) and scenario median ≤ 0.8 s; the
# table marks a figure over its budget. `--workers 1,2,4` runs the suite with each number of
# pytest-xdist workers and prints the speed-up over one.
#
# `--floor` measures instead what the smallest possible scenario costs on this machine (a fresh
# context and page, one page opened, one click that loads the next page, one step screenshot,
# context closed), with the browser the suite would use, against the bundled mock: the lower
# bound of any suite of N browser scenarios. It then prices the harness on the same work: one
# real scenario (`REPLAY_SCENARIO`) replayed with raw Playwright, and the same scenario run by
# the harness repeatedly without evidence, as a report run (step screenshots) and with full
# evidence (screenshots and a trace every scenario), and prints the ratios to the replay. All
# figures of one call come from the same minutes of the same machine, so their ratios hold on
# a shared, noisy machine where the absolute times do not.

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

STARTUP_BUDGET = 1.0
MEDIAN_BUDGET = 0.8
# A rendition of the mock may cost this much more wall time than the first one measured (classic).
RENDITION_BUDGET = 1.3
PLAIN_RATIO_BUDGET = 1.05
REPORT_RATIO_BUDGET = 1.25
EVIDENCE_RATIO_BUDGET = 1.3

# The real scenario the floor replays with raw Playwright (features/A_…/A1.1_…feature).
REPLAY_FEATURE = "A1.1_"
REPLAY_SCENARIO = "features/test_guide.py::test_法人登录默认使用微信扫描电子营业执照"


def run_pytest(args: list[str], folder: Path) -> dict:
    """One acceptance-suite process with the timing plugin; its timings, wall time and start-up
    (process start → first scenario running)."""
    timings = folder / "timings.json"
    launched = time.time()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"--timings-json={timings}", *args],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if result.returncode not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or not timings.exists():
        sys.stdout.write(result.stdout[-3000:])
        raise SystemExit(f"acceptance suite did not run (exit {result.returncode}); no figures")
    failed = re.search(r"(\d+) failed", result.stdout)
    data = json.loads(timings.read_text(encoding="utf-8"))
    data["failed"] = int(failed.group(1)) if failed else 0
    data["wall"] = wall
    data["start"] = data["first_step"] - launched if data.get("first_step") else float("nan")
    data["before_tests"] = data["first_setup"] - launched if data.get("first_setup") else float("nan")
    data["browser_ready"] = data["browser_launched"] - launched if data.get("browser_launched") else float("nan")
    return data


def workers_args(workers: int) -> list[str]:
    """pytest-xdist's option for `workers` processes (1: serial, no worker process)."""
    return ["-n", str(workers if workers > 1 else 0)]


def run_once(extra: list[str], workers: int = 1, ui: str = "classic") -> dict:
    """One run of the acceptance suite on the mock's rendition `ui`; its timings and wall time."""
    with tempfile.TemporaryDirectory() as folder:
        data = run_pytest(["features", f"--mock-ui={ui}", *workers_args(workers), *extra], Path(folder))
    durations = data["scenarios"]
    slowest = max(durations, key=durations.get)
    return {
        "ui": ui,
        "workers": workers,
        "failed": data["failed"],
        "wall": data["wall"],
        "start": data["start"],
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

    from harness.reporting.allure import NO_PICTURES, StepShots
    from harness.target.browser import ENV_VAR_BROWSER_PATH, find_browser
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
                    times.append(now - mark)  # noqa: B023 - called only within this round
                    mark = now

                context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
                page = context.new_page()
                lap()
                page.goto(f"{portals.hrss_url}/isso/login.html")
                lap()
                with page.expect_navigation():
                    page.get_by_role("tab", name="单位登录").click()
                lap()
                StepShots(page, NO_PICTURES).capture()
                lap()
                context.close()
                lap()
                if round_number >= 2:
                    for name, seconds in zip(FLOOR_OPERATIONS, times, strict=True):
                        samples[name].append(seconds)
            browser.close()
    finally:
        portals.stop()
    return {name: statistics.median(values) for name, values in samples.items()}


def replay(page: Page, gdzwfw_url: str) -> None:
    """REPLAY_SCENARIO's interactions and checks, as a raw Playwright script would write them."""
    from playwright.sync_api import expect

    page.goto(f"{gdzwfw_url}/pscp/sso/login")
    personal = page.get_by_role("tab", name="个人登录")
    legal = page.get_by_role("tab", name="法人登录")
    expect(personal.or_(legal)).to_have_count(2)
    legal.click()
    page.wait_for_load_state()
    expect(legal).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("法人包括企业、个体工商户、政府机关、社会团体等")).to_be_visible()
    expect(page.get_by_text(re.compile(r"请您使用\s*【微信】\s*扫码登录"))).to_be_visible()
    expect(page.get_by_role("navigation", name="其他登录方式").get_by_role("link")).to_have_text(
        ["账号密码", "网银证书", "CA证书"]
    )


def replay_seconds(runs: int) -> list[float]:
    """Seconds of each of `runs` raw replays (fresh context and page, the scenario, context
    closed, as the harness does per scenario), after two warm-up rounds."""
    from playwright.sync_api import sync_playwright

    from harness.target.browser import ENV_VAR_BROWSER_PATH, find_browser
    from mock_sites.serving import start_portals

    portals = start_portals()
    samples = []
    try:
        with sync_playwright() as playwright:
            choice = find_browser(os.environ.get(ENV_VAR_BROWSER_PATH), playwright.chromium.executable_path)
            browser = playwright.chromium.launch(**choice.launch_args())
            for round_number in range(runs + 2):
                started = time.perf_counter()
                context = browser.new_context(
                    viewport={"width": 1280, "height": 800}, locale="zh-CN", timezone_id="Asia/Shanghai"
                )
                replay(context.new_page(), portals.gdzwfw_url)
                context.close()
                if round_number >= 2:
                    samples.append(time.perf_counter() - started)
            browser.close()
    finally:
        portals.stop()
    return samples


# How the harness runs REPLAY_SCENARIO for the comparison: name → extra pytest options.
HARNESS_MODES = {
    "plain": [],
    "report": ["--alluredir={results}", "--evidence-trace=off"],  # a picture per step, no trace
    "full evidence": ["--alluredir={results}", "--evidence-trace=always"],
}


def harness_seconds(runs: int, options: list[str]) -> tuple[list[float], tuple[float, float, float]]:
    """Seconds of each of `runs` runs of REPLAY_SCENARIO by the harness in one session, and the
    session's start-up. Two more runs are made and left out: the first carries the start-up,
    the last the session's teardown (browser closed, portals stopped)."""
    with tempfile.TemporaryDirectory() as folder:
        args = [opt.format(results=Path(folder) / "results") for opt in options]
        data = run_pytest(
            [f"--bench-repeat={runs + 2}", "--feature-path", REPLAY_FEATURE, "-n", "0", *args, REPLAY_SCENARIO],
            Path(folder),
        )
    return [seconds for _, seconds in data["runs"][1:-1]], (data["start"], data["before_tests"], data["browser_ready"])


def same_work(runs: int, rounds: int = 2) -> dict[str, tuple[float, tuple[float, float, float]]]:
    """Median seconds per scenario of the raw replay and of each harness mode, measured in
    `rounds` interleaved rounds; with the harness's median start split, for each mode: process
    start → first step, → first test's set-up (imports and collection), → browser launched."""
    samples: dict[str, list[float]] = {"raw Playwright": [], **{mode: [] for mode in HARNESS_MODES}}
    starts: dict[str, list[tuple[float, float, float]]] = {mode: [] for mode in samples}
    for _ in range(rounds):
        samples["raw Playwright"] += replay_seconds(runs)
        for mode, options in HARNESS_MODES.items():
            seconds, start = harness_seconds(runs, options)
            samples[mode] += seconds
            starts[mode].append(start)
    return {mode: (statistics.median(values), _median_split(starts[mode])) for mode, values in samples.items()}


def _median_split(splits: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    if not splits:
        nan = float("nan")
        return nan, nan, nan
    start, before, browser = (statistics.median(split[part] for split in splits) for part in range(3))
    return start, before, browser


def print_same_work(runs: int) -> None:
    """Prints the replay and harness medians and their ratios against the budgets, and the
    start split: imports and collection, then Playwright's driver and the browser, then the
    mock portals' readiness, the first context and page."""
    figures = same_work(runs)
    floor_seconds = figures["raw Playwright"][0]
    budgets = {"plain": PLAIN_RATIO_BUDGET, "report": REPORT_RATIO_BUDGET, "full evidence": EVIDENCE_RATIO_BUDGET}
    print(f"\nsame work: {REPLAY_SCENARIO.split('::')[-1]} ({runs} runs per round, 2 rounds)\n")
    print(
        f"| run | median s per scenario | × raw | start s (≤{STARTUP_BUDGET}) "
        "| imports + collection s | + driver and browser s | + context, page, first step s |\n"
        "|---|---|---|---|---|---|---|"
    )
    for mode, (seconds, (start, before, browser)) in figures.items():
        ratio = seconds / floor_seconds
        budget = budgets.get(mode)
        ratio_text = f"{ratio:.2f}" + (f" (≤{budget})" if budget else "") + (" ⚠" if budget and ratio > budget else "")
        if start != start:  # NaN: the raw replay has no harness start
            print(f"| {mode} | {seconds:.3f} | {ratio_text} | — | — | — | — |")
            continue
        print(
            f"| {mode} | {seconds:.3f} | {ratio_text} | {flag(start, STARTUP_BUDGET)} | {before:.3f} "
            f"| {browser - before:.3f} | {start - browser:.3f} |"
        )


def count_scenarios() -> int:
    """How many scenarios the acceptance suite has (pytest's collection)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "--collect-only", "-q"], capture_output=True, text=True, check=True
    )
    return sum("::" in line for line in result.stdout.splitlines())


def print_floor(runs: int, scenarios: int) -> None:
    """Prints the floor table and what `scenarios` such scenarios cost at the least."""
    medians = floor(runs)
    print(f"| operation | median ms ({runs} runs) |\n|---|---|")
    for name, seconds in medians.items():
        print(f"| {name} | {seconds * 1000:.0f} |")
    least = sum(medians.values())
    print(f"\nsmallest scenario ≈ {least:.3f} s; {scenarios} scenarios ≥ {least * scenarios:.0f} s serial")
    print_same_work(runs)


def flag(value: float, budget: float) -> str:
    return f"{value:.3f}" + (" ⚠" if value > budget else "")


def print_rendition_ratios(rows: list[dict], uis: list[str], counts: list[int]) -> None:
    """Each rendition's median wall time beside the first one's, per number of workers (the
    budget: each within 1.3× of classic's)."""
    if len(uis) < 2:
        return
    print()
    for workers in counts:
        walls = {
            ui: statistics.median(r["wall"] for r in rows if r["ui"] == ui and r["workers"] == workers) for ui in uis
        }
        for ui, wall in walls.items():
            ratio = wall / walls[uis[0]]
            mark = " ⚠" if ratio > RENDITION_BUDGET else ""
            print(
                f"{ui}, {workers} worker(s): median wall {wall:.2f} s, "
                f"{ratio:.2f}× {uis[0]} (≤{RENDITION_BUDGET}){mark}"
            )


def main(argv: list[str] | None = None) -> None:
    """Runs the suite `--runs` times and prints the table."""
    parser = argparse.ArgumentParser(prog="python -m harness.cli.bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--floor", action="store_true", help="measure the smallest possible scenario instead of the suite"
    )
    parser.add_argument(
        "--scenarios", type=int, default=None, help="with --floor: how many scenarios to price (default: the suite's)"
    )
    parser.add_argument(
        "--workers",
        default="1",
        help="comma-separated numbers of pytest-xdist workers to run the suite with, e.g. 1,2,4",
    )
    parser.add_argument(
        "--uis",
        default="classic",
        help="comma-separated renditions of the mock, e.g. classic,spa,lookalike: "
        "each one's wall time and its ratio to the first",
    )
    args, extra = parser.parse_known_args(argv)
    if args.floor:
        print_floor(max(args.runs, 10), args.scenarios or count_scenarios())
        return
    counts = [int(text) for text in args.workers.split(",")]
    uis = args.uis.split(",")
    # Interleaved (1, 2, 4, 1, 2, 4 …; classic, spa, classic, spa …) so that a busy minute of the
    # machine does not land on one count or one rendition.
    rows = [run_once(extra, workers, ui) for _ in range(args.runs) for ui in uis for workers in counts]
    print(
        f"| run | rendition | workers | failed | wall s | start s (≤{STARTUP_BUDGET}) | portals + browser s | "
        "scenarios | "
        f"median s (≤{MEDIAN_BUDGET}) | slowest s | slowest scenario |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for number, row in enumerate(rows, 1):
        print(
            f"| {number} | {row['ui']} | {row['workers']} | {row['failed']} | {row['wall']:.2f} | "
            f"{flag(row['start'], STARTUP_BUDGET)} | {row['startup']:.3f} | {row['count']} | "
            f"{flag(row['median'], MEDIAN_BUDGET)} | {row['slowest']:.3f} | {row['slowest_name']} |"
        )
    print_rendition_ratios(rows, uis, counts)
    walls = {
        workers: statistics.median(r["wall"] for r in rows if r["workers"] == workers and r["ui"] == uis[0])
        for workers in counts
    }
    print()
    reference = 1 if 1 in walls else counts[0]
    for workers, wall in walls.items():
        speedup = f", {walls[reference] / wall:.2f}× as fast as {reference}" if workers != reference else ""
        print(f"{workers} worker(s): median wall {wall:.2f} s{speedup}")
    print(
        f"median of runs: start {statistics.median(r['start'] for r in rows):.3f} s, "
        f"scenario median {statistics.median(r['median'] for r in rows):.3f} s"
    )
