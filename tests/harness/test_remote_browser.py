"""A browser that runs elsewhere: scenarios run through `playwright run-server` (started here
on loopback), with the mock portals on another loopback address under a public base URL."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Generator
from pathlib import Path

import pytest

from harness.target import remote
from harness.target.browser import BrowserChoice

REPO = Path(__file__).resolve().parents[2]
# Loopback only: 127.0.0.2 is not the address the browser server listens on, so pages must be
# reached through the public URL the suite is given, not through a default.
MOCK_HOST = "127.0.0.2"
SERVER_READY_SECONDS = 30


@pytest.fixture(scope="module")
def browser_server() -> Generator[tuple[str, list[str]], None, None]:
    """`playwright run-server` on a free loopback port; its ws:// address and its log lines.
    `--unsafe` lets the client name the executable (the system's headless shell here)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "playwright", "run-server", "--port", "0", "--host", "127.0.0.1", "--unsafe"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "DEBUG": "pw:server"},
        # Its own process group: `python -m playwright` runs the server in a child (Node) that
        # must stop with it.
        start_new_session=True,
    )
    lines: list[str] = []
    ready = threading.Event()
    address: list[str] = []

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line)
            match = re.search(r"Listening on (ws://\S+)", line)
            if match and not address:
                address.append(match.group(1))
                ready.set()
        ready.set()  # the server ended: let the waiter see it

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(SERVER_READY_SECONDS) or not address:
            pytest.fail("playwright run-server did not start:\n" + "".join(lines))
        yield address[0], lines
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        reader.join(timeout=10)


def test_scenarios_run_through_the_browser_server(
    browser_server: tuple[str, list[str]], browser_choice: BrowserChoice, tmp_path: Path
) -> None:
    address, server_log = browser_server
    # The browser the suite would launch here: the server runs on this machine.
    executable = browser_choice.executable_path
    if not executable:
        pytest.skip("Playwright's managed Chromium: the server picks it by itself")
    results = tmp_path / "results"
    run = subprocess.run(
        [
            sys.executable, "-m", "pytest", "features", "-n", "0",
            "--feature-path", "A1.1_", "--feature-path", "A1.2_",
            f"--browser-server={address}", f"--browser-path={executable}",
            f"--mock-host={MOCK_HOST}", f"--mock-public-url=http://{MOCK_HOST}",
            f"--alluredir={results}",
        ],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:]
    assert re.search(r"\b8 passed\b", run.stdout)
    assert any("serving connection" in line for line in server_log), "the browser came from the server"
    facts = dict(
        line.split("=", 1) for line in (results / "environment.properties").read_text(encoding="utf-8").splitlines()
    )
    assert f"浏览器服务 {address}" in facts["浏览器"]
    assert facts["广东政务服务网"].startswith(f"http://{MOCK_HOST}:") and facts["广东人社统一认证"].startswith(
        f"http://{MOCK_HOST}:"
    )


def test_launch_options_reach_the_server_in_its_own_names() -> None:
    header = json.loads(
        remote.launch_options_header(
            {"executable_path": "/usr/bin/chromium", "headless": True, "slow_mo": None, "args": ["--x"]}
        )
    )
    assert header == {"executablePath": "/usr/bin/chromium", "headless": True, "args": ["--x"]}


@pytest.mark.parametrize("url", ["http://127.0.0.1:3000", "ws//host", "ws://"])
def test_browser_server_must_be_a_ws_url(url: str) -> None:
    with pytest.raises(pytest.UsageError, match="ws://"):
        remote.check_ws_url(url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [("http://ci-runner.example", "http://ci-runner.example"), ("https://runner.example/", "https://runner.example")],
)
def test_public_url_is_scheme_and_host(url: str, expected: str) -> None:
    assert remote.check_public_url(url) == expected


@pytest.mark.parametrize("url", ["ftp://runner", "http://runner:8001", "http://runner/path", "runner"])
def test_public_url_with_a_port_or_path_is_refused(url: str) -> None:
    with pytest.raises(pytest.UsageError, match="--mock-public-url"):
        remote.check_public_url(url)


def test_listening_everywhere_needs_a_public_url() -> None:
    # Only collects: nothing binds, so no address beyond loopback is ever opened.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "--collect-only", "-q", "--mock-host=0.0.0.0"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert "--mock-public-url" in run.stderr
