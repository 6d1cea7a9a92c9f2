"""A pool whose accounts do not log in stops the run at the first scenario that needs the pool,
with one message naming the entry and never its password."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.target.config import load_profiles
from harness.target.mock_control import wait_until_ready
from mock_sites.serving import RunningPortals, start_portals

REPO = Path(__file__).resolve().parents[2]
POOL = """
[[person]]
key = "handler-wrong"
login_name = "nobody_here"
password = "Wrong-Passw0rd-77"
name = "李示例"
id_number = "440106199202020000"
phone = "13800000002"
level = 2
"""


@pytest.fixture(scope="module")
def portals() -> Iterator[RunningPortals]:
    """Both mock portals as staging-sim starts them."""
    captcha = str(load_profiles()["staging-sim"]["sources"]["captcha_answer"])
    running = start_portals(gdzwfw_config={"CAPTCHA_TEST_ANSWER": captcha})
    for url in (running.gdzwfw_url, running.hrss_url):
        wait_until_ready(f"{url}/__mock__/health")
    yield running
    running.stop()


def test_a_pool_account_that_cannot_log_in_stops_the_run(tmp_path: Path, portals: RunningPortals) -> None:
    pool = tmp_path / "pool.toml"
    pool.write_text(POOL, encoding="utf-8")
    environ = {key: value for key, value in os.environ.items() if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL")}
    environ.update(
        {
            "STAGING_SIM_GDZWFW_URL": portals.gdzwfw_url,
            "STAGING_SIM_HRSS_URL": portals.hrss_url,
            "HARNESS_ACCOUNT_POOL": str(pool),
        }
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/harness/test_interface_scenarios.py",
            "--env",
            "staging-sim",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--output={tmp_path / 'out'}",
        ],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 4, output[-3000:]
    assert output.count("预检未通过") == 1 and "账号池个人账号 handler-wrong 登录失败" in output, output[-3000:]
    assert "Wrong-Passw0rd-77" not in output and " passed" not in output


def test_control_api_fixtures_refuse_under_staging_sim(tmp_path: Path, portals: RunningPortals) -> None:
    # The portals are the mock, control API and all; the profile says the suite may not use it.
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL", "HARNESS_ACCOUNT_POOL")
    }
    environ.update({"STAGING_SIM_GDZWFW_URL": portals.gdzwfw_url, "STAGING_SIM_HRSS_URL": portals.hrss_url})
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/harness/interface/control_api_probe.py",
            "--env",
            "staging-sim",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            f"--output={tmp_path / 'out'}",
        ],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    refused = [line for line in output.splitlines() if line.startswith("SKIPPED")]
    assert refused and all("需要模拟控制接口" in line for line in refused), refused
    assert "需要：模拟控制接口: 2" in output and "2 skipped" in output, output[-3000:]
