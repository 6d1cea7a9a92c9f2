"""A few scenarios under `staging-sim` (staging provider only: account pool, SMS inbox, fixed
captcha answer): they pass, a scenario that failed once is retried with both attempts' evidence
and shown as flaky, and no pool secret or SMS code is anywhere in the report folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from harness.config import load_profiles
from harness.masking import find_secrets
from harness.preconditions.pool import AccountPool

REPO = Path(__file__).resolve().parent.parent


def _attachments(node: dict) -> list[dict]:
    found = list(node.get("attachments", []))
    for step in node.get("steps", []):
        found += _attachments(step)
    return found


def test_staging_sim_scenarios_leave_no_secret_in_the_reports(tmp_path: Path) -> None:
    reports, pool, sms_log = tmp_path / "reports", tmp_path / "secrets" / "pool.toml", tmp_path / "secrets" / "sms.txt"
    environ = {key: value for key, value in os.environ.items() if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL")}
    run = subprocess.run(
        [
            sys.executable, "-m", "harness.staging_sim", "--ui", "classic", "--pool", str(pool), "--sms-log", str(sms_log), "--",
            "tests/test_interface_scenarios.py", "-p", "no:cacheprovider", "-rA", "--retries", "1",
            f"--alluredir={reports / 'allure-results'}", f"--output={reports / 'test-results'}",
        ],
        cwd=REPO, env={**environ, "HARNESS_FLAKY_PROBE": "1"}, capture_output=True, text=True, timeout=300,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert "9 passed, 1 rerun" in output, output[-3000:]

    secrets = AccountPool.load(pool).secrets() | set(sms_log.read_text().split()) | {str(load_profiles()["staging-sim"]["sources"]["captcha_answer"])}
    assert len(secrets) > 40 and sms_log.read_text().split(), "the run typed pool passwords and SMS codes"
    assert find_secrets(reports, secrets) == []
    assert [secret for secret in secrets if secret in output] == []

    results = [json.loads(path.read_text(encoding="utf-8")) for path in (reports / "allure-results").glob("*-result.json")]
    probe = sorted((r for r in results if r["name"].startswith("第一次尝试失败")), key=lambda r: r["stop"])
    assert [r["status"] for r in probe] == ["failed", "passed"] and len({r["historyId"] for r in probe}) == 1
    assert probe[1]["statusDetails"]["flaky"] is True
    # Each attempt keeps its own evidence: step screenshots, and the failed one its trace.
    first, second = (_attachments(r) for r in probe)
    assert first and second and any(a["type"] == "application/vnd.allure.playwright-trace" for a in first), first
    assert "******" in probe[0]["statusDetails"]["message"]
