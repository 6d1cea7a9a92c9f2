"""The staging plugin: sensitive hosts and the destructive guard, retries, skip reasons, the
preflight, flaky marking — and two whole runs: a production-looking host refusing every
destructive scenario without touching the network, and an unreachable staging address ending
the run within seconds with one message."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.staging.guard import destructive_refusal, is_sensitive, retries_for
from harness.staging.preflight import preflight, probe_portal
from harness.staging.results import (
    CONTROL_API,
    capability_of,
    mark_flaky,
    read_skips,
    record_skips,
)
from harness.target.config import Target
from pages.logins import PageLogins

REPO = Path(__file__).resolve().parents[2]


def target(
    gdzwfw: str | None = "https://idp.staging.test", hrss: str | None = "https://hrss.staging.test", **settings: Any
) -> Target:
    return Target(
        env_name="t",
        description="t",
        gdzwfw_url=gdzwfw,
        hrss_url=hrss,
        control_api=bool(settings.pop("control_api", False)),
        **settings,
    )


@pytest.mark.parametrize(
    ("host", "sensitive"),
    [
        ("ggfw.hrss.gd.gov.cn", True),
        ("tyrz.gdzwfw.gov.cn", True),
        ("www.gdzwfw.gov.cn", True),
        ("gdbs.gov.cn", True),
        ("test.ggfw.hrss.gd.gov.cn", True),
        ("TYRZ.GDZWFW.GOV.CN.", True),
        ("staging.example.test", False),
        ("notgd.gov.cn", False),
        ("gd.gov.cn.attacker.test", False),
        ("127.0.0.1", False),
    ],
)
def test_sensitive_hosts(host: str, sensitive: bool) -> None:
    assert is_sensitive(host) is sensitive


def test_a_profile_can_mark_its_hosts_sensitive() -> None:
    assert is_sensitive("staging.example.test", profile_sensitive=True)


def test_destructive_refusal() -> None:
    assert destructive_refusal(target(None, None)) is None  # the bundled mock
    assert destructive_refusal(target()) is None
    refusal = destructive_refusal(target("https://tyrz.gdzwfw.gov.cn", "https://hrss.staging.test"))
    assert refusal is not None and refusal.startswith("@destructive：tyrz.gdzwfw.gov.cn 是敏感主机")
    assert destructive_refusal(target(sensitive=True)) is not None
    assert (
        destructive_refusal(target("https://tyrz.gdzwfw.gov.cn", "https://ggfw.hrss.gd.gov.cn", allow_destructive=True))
        is None
    )


def test_retries_only_where_the_network_is_real() -> None:
    assert retries_for(target(None, None, control_api=True), 3) == 0
    assert retries_for(target("http://127.0.0.1:1", "http://127.0.0.1:2", control_api=True), None) == 0
    assert retries_for(target(), None) == 1
    assert retries_for(target(retries=0), None) == 0
    assert retries_for(target(retries=2), 5) == 5


@pytest.mark.parametrize(
    ("reason", "capabilities"),
    [
        ("需要：短信验证码来源", ["短信验证码来源"]),
        ("Skipped: 需要：短信验证码来源、扫码模拟", ["短信验证码来源", "扫码模拟"]),
        ("需要：预置账号（账号池中没有空闲的单位（5级法人账号））", ["预置账号"]),
        ("需要模拟控制接口（预置数据、短信发件箱等）：环境 staging 没有", [CONTROL_API]),
        ("@mock_only：环境 staging 没有模拟控制接口", [CONTROL_API]),
        ("@destructive：tyrz.gdzwfw.gov.cn 是敏感主机", []),
        ("故意失败一次的探针", []),
    ],
)
def test_skip_reasons_name_their_capabilities(reason: str, capabilities: list[str]) -> None:
    assert capability_of(reason) == capabilities


class _Portal(http.server.BaseHTTPRequestHandler):
    body = "<title>广东人社统一认证</title>"
    status = 200

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def portal() -> Iterator[str]:
    """A local page standing in for a portal's entry page."""
    _Portal.body, _Portal.status = "<title>广东人社统一认证</title>", 200
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/isso/login.html"
    server.shutdown()
    server.server_close()


def test_probe_accepts_the_expected_entry_page(portal: str) -> None:
    assert probe_portal("人社", portal, "广东人社统一认证") is None


def test_probe_reports_another_system(portal: str) -> None:
    _Portal.body = "<title>Welcome to nginx!</title>"
    assert "页面中没有「广东人社统一认证」" in (probe_portal("人社", portal, "广东人社统一认证") or "")


def test_probe_reports_an_error_status(portal: str) -> None:
    _Portal.status = 502
    assert probe_portal("人社", portal, "广东人社统一认证") == f"人社 {portal} 回答 HTTP 502"


def test_probe_reports_an_unreachable_portal() -> None:
    assert "无法访问" in (probe_portal("人社", "http://127.0.0.1:1/isso/login.html", "x") or "")


def _result(folder: Path, name: str, history: str, status: str, stop: int) -> Path:
    path = folder / f"{name}-result.json"
    path.write_text(json.dumps({"historyId": history, "status": status, "stop": stop}), encoding="utf-8")
    return path


def test_a_retried_scenario_with_different_outcomes_is_marked_flaky(tmp_path: Path) -> None:
    since = time.time() - 1
    _result(tmp_path, "a1", "A", "failed", 1)
    final = _result(tmp_path, "a2", "A", "passed", 2)
    failing = [_result(tmp_path, "b1", "B", "failed", 1), _result(tmp_path, "b2", "B", "failed", 2)]
    single = _result(tmp_path, "c1", "C", "passed", 1)
    assert mark_flaky(tmp_path, since) == 1
    assert json.loads(final.read_text())["statusDetails"]["flaky"] is True
    assert all(
        "statusDetails" not in json.loads(path.read_text()) for path in [*failing, single, tmp_path / "a1-result.json"]
    )


def test_results_of_earlier_sessions_are_left_alone(tmp_path: Path) -> None:
    _result(tmp_path, "a1", "A", "failed", 1)
    _result(tmp_path, "a2", "A", "passed", 2)
    assert mark_flaky(tmp_path, time.time() + 60) == 0


def test_skips_are_recorded_per_run_and_in_the_environment(tmp_path: Path) -> None:
    (tmp_path / "environment.properties").write_text("环境=staging\n", encoding="utf-8")
    record_skips(tmp_path, "mock（界面 classic）", {})
    record_skips(tmp_path, "staging-sim", {"短信验证码来源": 3, "扫码模拟": 5})
    assert read_skips(tmp_path) == {"mock（界面 classic）": {}, "staging-sim": {"短信验证码来源": 3, "扫码模拟": 5}}
    lines = (tmp_path / "environment.properties").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "环境=staging",
        "跳过·需要：扫码模拟（staging-sim）=5",
        "跳过·需要：短信验证码来源（staging-sim）=3",
    ]


NO_NETWORK_PLUGIN = """
import socket
from pathlib import Path

def _refuse(*args, **kwargs):
    Path({log!r}).open("a").write(repr(args[:2]) + "\\n")
    raise OSError("network access during a guarded run")

def pytest_configure(config):
    socket.socket.connect = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
"""


def _pytest(
    args: list[str], environ: dict[str, str], cwd: Path = REPO, timeout: float = 120
) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL", "HARNESS_ACCOUNT_POOL")
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=cwd,
        env={**env, **environ},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_production_hosts_refuse_every_destructive_scenario_without_network(tmp_path: Path) -> None:
    log = tmp_path / "connections.log"
    (tmp_path / "no_network.py").write_text(NO_NETWORK_PLUGIN.format(log=str(log)), encoding="utf-8")
    run = _pytest(
        [
            "features",
            "--env",
            "staging",
            "-m",
            "destructive",
            "-p",
            "no_network",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
        ],
        {
            "STAGING_GDZWFW_URL": "https://tyrz.gdzwfw.gov.cn",
            "STAGING_HRSS_URL": "https://ggfw.hrss.gd.gov.cn",
            "PYTHONPATH": str(tmp_path),
        },
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert not log.exists(), log.read_text()
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all(
        "@destructive：tyrz.gdzwfw.gov.cn、ggfw.hrss.gd.gov.cn 是敏感主机" in line for line in skipped
    ), skipped
    assert " passed" not in run.stdout and "破坏性场景保护（敏感主机）" in run.stdout


def test_an_unreachable_staging_ends_the_run_with_one_message() -> None:
    run = _pytest(
        ["features", "--env", "staging", "-q"],
        {"STAGING_GDZWFW_URL": "http://127.0.0.1:1", "STAGING_HRSS_URL": "http://127.0.0.1:2"},
    )
    assert run.returncode == 4, run.stdout[-2000:]
    output = run.stdout + run.stderr
    assert (
        output.count("预检未通过") == 1
        and "127.0.0.1:1/pscp/sso/login 无法访问" in output
        and "127.0.0.1:2/isso/login.html 无法访问" in output
    )
    assert "passed" not in output and "failed" not in output and "skipped" not in output


def test_under_xdist_the_preflight_stops_the_run_without_a_crash() -> None:
    run = _pytest(
        ["features", "--env", "staging", "-q", "-n", "2"],
        {"STAGING_GDZWFW_URL": "http://127.0.0.1:1", "STAGING_HRSS_URL": "http://127.0.0.1:2"},
        timeout=300,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 2 and "INTERNALERROR" not in output, output[-3000:]
    assert "Interrupted: 预检未通过" in output and " passed" not in output


def test_silent_portals_cost_one_timeout_not_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """A portal that accepts connections and never answers (a dead proxy, a hung server): both
    probes wait at the same time, and each gives up after the timeout."""
    silent = [socket.create_server(("127.0.0.1", 0)) for _ in range(2)]
    try:
        gdzwfw, hrss = (f"http://127.0.0.1:{server.getsockname()[1]}" for server in silent)
        started = time.monotonic()
        problems = preflight(target(gdzwfw, hrss), {}, PageLogins(), timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        for server in silent:
            server.close()
    assert len(problems) == 2 and all("无法访问" in problem or "没有答完" in problem for problem in problems), problems
    # Two probes one after the other would take at least 2 s.
    assert elapsed < 1.9, f"{elapsed:.2f} s"


def test_a_broken_pool_file_stops_the_run_before_any_scenario(tmp_path: Path, portal: str) -> None:
    pool = tmp_path / "pool.toml"
    pool.write_text("[[unit]\n", encoding="utf-8")
    base = portal.removesuffix("/isso/login.html")
    _Portal.body = "<title>广东省统一身份认证平台 广东人社统一认证</title>"
    run = _pytest(
        ["features", "--env", "staging", "-q"],
        {"STAGING_GDZWFW_URL": base, "STAGING_HRSS_URL": base, "HARNESS_ACCOUNT_POOL": str(pool)},
    )
    assert run.returncode == 4 and "不是有效的 TOML" in run.stdout + run.stderr, run.stdout[-2000:]
