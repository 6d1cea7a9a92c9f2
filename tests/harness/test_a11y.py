"""The accessibility audit: the rule table against the bundled axe-core, findings on pages with
known faults and without, results files, the baseline and the strict comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from harness.a11y import audit as a11y
from harness.a11y.audit import (
    AXE_TAGS,
    Finding,
    PageAudit,
    audit_page,
    load_rules,
    new_violations,
    read_baseline,
    read_results,
    write_baseline,
    write_results,
)
from harness.a11y.plugin import A11yAudit
from harness.guide.catalog import load_catalog

FAULTY_PAGE = """<!doctype html><html lang="zh-CN"><head><title>测试页</title></head><body><main>
<h1>单位注册</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb;background:#fff">浅灰色的说明文字</p>
<input type="text" name="unit">
</main></body></html>"""

CLEAN_PAGE = """<!doctype html><html lang="zh-CN"><head><title>测试页</title></head><body><main>
<h1>单位注册</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="单位图标">
<label for="unit">单位名称</label><input id="unit" type="text" name="unit">
<button type="submit">提交</button>
</main></body></html>"""


@pytest.fixture
def axe_page(page: Page) -> Page:
    """pytest-playwright's page, for running axe on small documents."""
    return page


def test_every_wcag_rule_of_the_bundled_axe_is_mapped(axe_page: Page) -> None:
    rules = load_rules()
    axe_page.set_content("<p>x</p>")
    axe_page.evaluate(a11y.AXE_SCRIPT)
    axe_rules = axe_page.evaluate("tags => window.axe.getRules(tags)", list(AXE_TAGS))
    assert len(axe_rules) > 50
    untitled = [rule["ruleId"] for rule in axe_rules if rule["ruleId"] not in rules.titles]
    unmapped = {
        number for rule in axe_rules for number in rules.criteria_of(rule["tags"]) if number not in rules.criteria
    }
    assert untitled == [] and unmapped == set()


def test_criteria_are_read_from_axe_tags_and_mapped_to_the_standard() -> None:
    rules = load_rules()
    assert rules.criteria_of(["cat.color", "wcag2aa", "wcag143", "wcag1412", "EN-9.1.4.3"]) == ["1.4.3", "1.4.12"]
    assert rules.describe("1.4.3") == "1.4.3 对比度（最低限度）（AA）"
    assert rules.gbt("1.1.1").startswith("可感知性")
    assert "WCAG 2.1 新增" in rules.gbt("1.3.5")


def test_a_faulty_page_has_its_faults_found_and_mapped(axe_page: Page) -> None:
    axe_page.set_content(FAULTY_PAGE)
    findings = {finding.rule: finding for finding in audit_page(axe_page, load_rules())}
    assert {"image-alt", "color-contrast", "label"} <= set(findings)
    assert findings["image-alt"].criteria == ("1.1.1",) and findings["image-alt"].title == "图片须有替代文本"
    assert findings["color-contrast"].nodes == 1 and findings["color-contrast"].impact_name == "较重"
    assert findings["label"].targets == ("input",)


def test_a_clean_page_has_no_findings_and_axe_is_injected_once(axe_page: Page) -> None:
    axe_page.set_content(CLEAN_PAGE)
    assert audit_page(axe_page, load_rules()) == []
    axe_page.evaluate("() => { window.axe.__marker = 1; }")
    assert audit_page(axe_page, load_rules()) == []
    assert axe_page.evaluate("() => window.axe.__marker") == 1


def finding(rule: str, nodes: int) -> Finding:
    return Finding(rule=rule, title=rule, impact="serious", nodes=nodes, targets=(".x",), criteria=("1.4.3",))


def test_only_violations_beyond_the_baseline_are_new() -> None:
    audits = {
        "A1.1": PageAudit("A1.1", "/login", "s", [finding("color-contrast", 2)]),
        "A1.2": PageAudit("A1.2", "/register", "s", [finding("color-contrast", 3), finding("label", 1)]),
    }
    baseline = {"classic": {"A1.1": {"color-contrast": 2}, "A1.2": {"color-contrast": 2}}}
    found = {(item.guide_id, item.finding.rule, item.allowed) for item in new_violations("classic", audits, baseline)}
    assert found == {("A1.2", "color-contrast", 2), ("A1.2", "label", 0)}
    # Another rendition has no baseline of its own: everything is new there.
    assert len(new_violations("spa", audits, baseline)) == 3
    # Fewer violations than the baseline allows are fine.
    assert new_violations("classic", {"A1.1": PageAudit("A1.1", "/login", "s", [])}, baseline) == []


def test_results_round_trip_and_the_baseline_keeps_other_renditions(tmp_path: Path) -> None:
    audits = {
        "B1.5": PageAudit("B1.5", "/platform/realname/apply", "上传材料", [finding("color-contrast", 3)]),
        "C1": PageAudit("C1", "/x", "s", error="页面已关闭"),
    }
    write_results(tmp_path / "results" / "classic.json", "classic", audits, "4.12.1")
    results = read_results([tmp_path / "results", tmp_path / "missing"])
    assert results["classic"]["B1.5"].findings == audits["B1.5"].findings
    assert results["classic"]["C1"].summary() == "未能检查"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"renditions": {"spa": {"A1.1": {"label": 1}}}}), encoding="utf-8")
    write_baseline(results, baseline)
    # A page that could not be checked does not enter the baseline.
    assert read_baseline(baseline) == {"classic": {"B1.5": {"color-contrast": 3}}, "spa": {"A1.1": {"label": 1}}}


def test_check_command_fails_on_new_violations(tmp_path: Path) -> None:
    results = tmp_path / "results"
    write_results(
        results / "classic.json", "classic", {"A1.1": PageAudit("A1.1", "/login", "s", [finding("label", 1)])}, "4.12.1"
    )
    baseline = tmp_path / "baseline.json"
    assert a11y.main(["check", "--from", str(results), "--baseline", str(baseline)]) == 1
    assert a11y.main(["baseline", "--from", str(results), "--baseline", str(baseline)]) == 0
    assert a11y.main(["check", "--from", str(results), "--baseline", str(baseline)]) == 0
    assert a11y.main(["check", "--from", str(tmp_path / "none"), "--baseline", str(baseline)]) == 1


class _Lines:
    """A terminal reporter that keeps what the audit writes."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write_sep(self, sep: str, title: str) -> None:
        self.lines.append(title)

    def write_line(self, line: str, **markup: bool) -> None:
        self.lines.append(line)


def test_the_controller_reports_the_audit_time_summed_over_workers() -> None:
    # Under pytest-xdist the controller audits nothing itself: its time is the workers'.
    catalog = load_catalog()
    workers = [A11yAudit(config=None, catalog=catalog, mode="advisory") for _ in range(2)]  # type: ignore[arg-type]
    for worker, (guide_id, seconds) in zip(workers, [("A1.1", 1.25), ("B1.3", 2.5)], strict=True):
        worker.rendition, worker.seconds = "spa", seconds
        worker.audits[guide_id] = PageAudit(guide_id=guide_id, url="/x", scenario="s")
    controller = A11yAudit(config=None, catalog=catalog, mode="advisory")  # type: ignore[arg-type]
    for worker in workers:
        controller.add_worker_report(json.loads(json.dumps(worker.worker_report())))
    assert controller.seconds == 3.75
    assert sorted(controller.audits) == ["A1.1", "B1.3"]
    terminal = _Lines()
    controller.pytest_terminal_summary(terminal)
    assert terminal.lines[0] == "无障碍检查（spa）：2 个页面，0 个有问题，用时 3.8 秒"
