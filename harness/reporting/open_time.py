"""How the report scales: MB per 100 scenarios, and the time headless Chromium takes from opening
the report to showing the first group of its tree — for a results folder as it is and for a
synthetic one `copies` times its size (`python -m harness.cli.report_budget measure`)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

from harness.reporting.budget import budget_from, count_scenarios, deduplicate, folder_bytes, layout, replicate
from harness.target.browser import find_browser

# Allure 3's report marks each group of its tree with this test id (its own markup, not ours).
TREE_GROUP = '[data-testid="tree-section-title"]'


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A static web server for `folder` on a free loopback port, as a multi-file report needs."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/index.html"
    finally:
        server.shutdown()
        thread.join()


def generate(results: Path, output: Path, single_file: bool, scratch: Path) -> None:
    """The report of `results` in `output`, with a history file of its own (not the suite's)."""
    environ = {
        **os.environ,
        "ALLURE_SINGLE_FILE": "1" if single_file else "0",
        "ALLURE_HISTORY_PATH": str(scratch / "history.jsonl"),
    }
    subprocess.run(
        ["npx", "--no-install", "allure", "generate", str(results), "-o", str(output)],
        check=True,
        env=environ,
        stdout=subprocess.DEVNULL,
    )


def seconds_to_tree(report: Path, single_file: bool) -> float:
    """From opening the report to its first tree group on screen, in headless Chromium."""
    choice = find_browser(None, None)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=choice.executable_path)
        try:
            page = browser.new_page()
            if single_file:
                started = time.perf_counter()
                page.goto((report / "index.html").as_uri(), wait_until="commit")
                page.locator(TREE_GROUP).first.wait_for(timeout=120_000)
                return time.perf_counter() - started
            with served(report) as url:
                started = time.perf_counter()
                page.goto(url, wait_until="commit")
                page.locator(TREE_GROUP).first.wait_for(timeout=120_000)
                return time.perf_counter() - started
        finally:
            browser.close()


def _measure_one(label: str, results: Path, scratch: Path, budget_mb: float) -> None:
    deduplicate(results)
    single = layout(results, budget_mb) == "single"
    report = scratch / f"report-{label}"
    generate(results, report, single, scratch)
    scenarios = count_scenarios(results)
    per_hundred = folder_bytes(results) / 1e6 / max(scenarios, 1) * 100
    seconds = seconds_to_tree(report, single)
    kind = "单文件" if single else "多文件"
    print(
        f"{label}: {scenarios} 个场景，结果 {folder_bytes(results) / 1e6:.1f} MB（每 100 个场景 {per_hundred:.1f} MB）"
        f"，{kind}报告 {folder_bytes(report) / 1e6:.1f} MB，打开到显示目录树 {seconds:.2f} 秒",
        flush=True,
    )


def measure_report(results: Path, scratch: Path, copies: int) -> int:
    """Prints the figures for `results` as they are and for `copies` times as many."""
    budget_mb = budget_from(os.environ)
    today = scratch / "today"
    shutil.copytree(results, today)
    _measure_one("本次结果", today, scratch, budget_mb)
    larger = scratch / f"x{copies}"
    replicate(today, larger, copies)
    _measure_one(f"{copies} 倍合成结果", larger, scratch, budget_mb)
    return 0
