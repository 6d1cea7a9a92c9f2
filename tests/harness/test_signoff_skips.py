"""The sign-off file says how many scenarios each run skipped for which missing capability."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from harness.guide.catalog import load_catalog
from harness.reporting import signoff
from harness.reporting.traceability import FEATURES_DIR, collect
from harness.staging.results import record_skips


def _signoff(results: Path) -> str:
    catalog = load_catalog()
    trace = collect(catalog, FEATURES_DIR, results)
    when = datetime(2025, 1, 2, tzinfo=UTC)
    return signoff.build_signoff(
        catalog, trace, {}, "abc1234", when, results / "guide", results / "approved", signoff.read_skips(results)
    )


def test_skips_by_capability_are_listed_per_run(tmp_path: Path) -> None:
    record_skips(tmp_path, "mock（界面 classic）", {})
    record_skips(tmp_path, "staging-sim", {"短信验证码来源": 12, "模拟控制接口": 3})
    html = _signoff(tmp_path)
    table = html.split('aria-label="因缺少能力而跳过的场景"')[1].split("</table>")[0]
    assert "<td>staging-sim</td><td>短信验证码来源</td>" in table and "<td>12</td>" in table
    assert "读取刚发到某手机号的短信验证码" in table and "模拟门户的控制接口" in table and "<td>3</td>" in table
    assert "mock（界面 classic）" not in table  # a run without skips has no row


def test_no_skips_no_table(tmp_path: Path) -> None:
    assert "因缺少能力而跳过的场景" not in _signoff(tmp_path)
