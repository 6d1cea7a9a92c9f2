"""Accessibility audit of every page the guide shows, by guide ID."""

# At each moment the catalogue takes a guide screenshot from (`harness/guide/catalog.toml`, the
# step's `shot`), the page is checked with axe-core (bundled by axe-playwright-python, so it works
# offline) against the rules of WCAG 2.0/2.1 levels A and AA. Each finding is mapped to its WCAG
# criteria and to the GB/T 37668-2019 requirement they correspond to (`harness/a11y/rules.toml`).
# The findings go into the Allure report (an attachment and a label per scenario), into
# `<dir>/<rendition>.json`, which the traceability table and the guide's index read, and, with
# `--a11y strict` (or `A11Y=strict`), are compared with the committed baseline
# (`guide/a11y-baseline.json`): a violation the baseline does not have fails the run.
#
#     python -m harness.cli.a11y baseline [--from reports/a11y reports/guide/a11y]  # the last results: baseline
#     python -m harness.cli.a11y check    [--from …]  # new violations against it; exit 1 on any
#
# The hooks are in harness/a11y/plugin.py; `--a11y off` (or `A11Y=off`) turns the audit off.

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
RULES_FILE = Path(__file__).with_name("rules.toml")
BASELINE_FILE = REPO / "guide" / "a11y-baseline.json"
RESULTS_DIR = REPO / "reports" / "a11y"
GUIDE_RESULTS_DIR = REPO / "reports" / "guide" / "a11y"

ENV_VAR = "A11Y"
MODES = ("off", "advisory", "strict")
# WCAG 2.1 level AA, as axe tags its rules: the level the standard asks of public services.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
IMPACTS = {"critical": "严重", "serious": "较重", "moderate": "中等", "minor": "轻微"}
# Elements named per finding in the reports; the count is always complete.
TARGETS_SHOWN = 5


@dataclass(frozen=True)
class Criterion:
    """A WCAG 2.1 success criterion with its GB/T 37668-2019 counterpart."""

    number: str
    name: str
    level: str
    gbt: str


@dataclass(frozen=True)
class RuleMap:
    """The mapping table: criteria by number, Chinese rule titles by axe rule id."""

    criteria: dict[str, Criterion]
    titles: dict[str, str]

    def criteria_of(self, tags: Iterable[str]) -> list[str]:
        """The criterion numbers an axe rule names in its tags (wcag1412 → 1.4.12)."""
        return [f"{match.group(1)}.{match.group(2)}.{match.group(3)}" for tag in tags if (match := WCAG_TAG.match(tag))]

    def describe(self, number: str) -> str:
        """「1.4.3 对比度（最低限度）（AA）」, or the bare number for one the table lacks."""
        criterion = self.criteria.get(number)
        return f"{number} {criterion.name}（{criterion.level}）" if criterion else number

    def gbt(self, number: str) -> str:
        """The GB/T 37668-2019 requirement of a criterion."""
        criterion = self.criteria.get(number)
        return criterion.gbt if criterion else "（映射表中没有此准则）"


def load_rules(path: Path = RULES_FILE) -> RuleMap:
    """Reads the mapping table."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    criteria = {number: Criterion(number=number, **entry) for number, entry in data["criteria"].items()}
    return RuleMap(criteria=criteria, titles=dict(data["rules"]))


@dataclass(frozen=True)
class Finding:
    """One axe rule violated on a page: how many elements, which, and what it means."""

    rule: str
    title: str
    impact: str
    nodes: int
    targets: tuple[str, ...]
    criteria: tuple[str, ...]
    help_url: str = ""

    @property
    def impact_name(self) -> str:
        """The impact in Chinese."""
        return IMPACTS.get(self.impact, self.impact or "—")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """A finding as written into a results file."""
        return cls(**{**data, "targets": tuple(data.get("targets", ())), "criteria": tuple(data.get("criteria", ()))})


@dataclass
class PageAudit:
    """The audit of the page one guide step shows."""

    guide_id: str
    url: str
    scenario: str
    findings: list[Finding] = field(default_factory=list)
    error: str = ""

    @property
    def nodes(self) -> int:
        """Elements with a violation, over all rules."""
        return sum(finding.nodes for finding in self.findings)

    def summary(self) -> str:
        """「无问题」 or 「2 条规则，5 处」, for labels and table cells."""
        if self.error:
            return "未能检查"
        if not self.findings:
            return "无问题"
        return f"{len(self.findings)} 条规则，{self.nodes} 处"

    @classmethod
    def from_dict(cls, guide_id: str, data: dict[str, Any]) -> PageAudit:
        """An audit as written into a results file."""
        return cls(
            guide_id=guide_id,
            url=data.get("url", ""),
            scenario=data.get("scenario", ""),
            findings=[Finding.from_dict(item) for item in data.get("findings", [])],
            error=data.get("error", ""),
        )


def audit_page(page: Page, rules: RuleMap) -> list[Finding]:
    """Runs axe on the page as it is now; the findings, worst first."""
    # axe stays in the page once injected: a second audit of the same document reuses it.
    if page.evaluate("() => typeof window.axe === 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    findings = []
    for violation in response["violations"]:
        targets = tuple(" ".join(str(part) for part in node.get("target", [])) for node in violation["nodes"])
        findings.append(
            Finding(
                rule=violation["id"],
                title=rules.titles.get(violation["id"], violation.get("help", violation["id"])),
                impact=violation.get("impact") or "",
                nodes=len(violation["nodes"]),
                targets=targets[:TARGETS_SHOWN],
                criteria=tuple(rules.criteria_of(violation.get("tags", []))),
                help_url=violation.get("helpUrl", ""),
            )
        )
    order = list(IMPACTS)
    return sorted(
        findings,
        key=lambda finding: (order.index(finding.impact) if finding.impact in order else len(order), finding.rule),
    )


def render_text(audit: PageAudit, rules: RuleMap) -> str:
    """The audit as the plain text attached in the Allure report."""
    lines = [
        f"无障碍检查（axe-core，WCAG 2.1 AA / GB/T 37668-2019）— 指引 {audit.guide_id}",
        f"页面：{audit.url}",
        f"结论：{audit.summary()}",
    ]
    if audit.error:
        lines.append(f"检查失败：{audit.error}")
    for number, finding in enumerate(audit.findings, start=1):
        lines += [
            "",
            f"{number}. [{finding.impact_name}] {finding.title}（axe 规则 {finding.rule}，{finding.nodes} 处）",
            f"   WCAG 2.1：{'；'.join(rules.describe(criterion) for criterion in finding.criteria) or '—'}",
            "   GB/T 37668-2019："
            f"{'；'.join(dict.fromkeys(rules.gbt(criterion) for criterion in finding.criteria)) or '—'}",
        ]
        lines += [f"   - {target}" for target in finding.targets]
        if finding.nodes > len(finding.targets):
            lines.append(f"   - …另有 {finding.nodes - len(finding.targets)} 处")
        if finding.help_url:
            lines.append(f"   说明：{finding.help_url}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- results and baseline


def write_results(path: Path, rendition: str, audits: dict[str, PageAudit], axe_version: str) -> Path:
    """Writes one session's audits (one rendition) as JSON."""
    data = {
        "rendition": rendition,
        "axe": axe_version,
        "tags": list(AXE_TAGS),
        "pages": {
            guide_id: {key: value for key, value in asdict(audit).items() if key != "guide_id"}
            for guide_id, audit in audits.items()
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read_results(folders: Iterable[Path]) -> dict[str, dict[str, PageAudit]]:
    """rendition → guide ID → audit, from the results files in `folders`; where two folders
    have the same rendition the newer file wins."""
    files = sorted(
        (path for folder in folders if folder.is_dir() for path in folder.glob("*.json")),
        key=lambda path: path.stat().st_mtime,
    )
    results: dict[str, dict[str, PageAudit]] = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        results[data.get("rendition", path.stem)] = {
            guide_id: PageAudit.from_dict(guide_id, page) for guide_id, page in data.get("pages", {}).items()
        }
    return results


def baseline_of(audits: dict[str, PageAudit]) -> dict[str, dict[str, int]]:
    """guide ID → axe rule → elements: what a baseline keeps of one rendition's audits."""
    return {
        guide_id: {finding.rule: finding.nodes for finding in audit.findings}
        for guide_id, audit in sorted(audits.items())
        if not audit.error
    }


def read_baseline(path: Path = BASELINE_FILE) -> dict[str, dict[str, dict[str, int]]]:
    """The committed baseline: rendition → guide ID → rule → elements ({} when there is none)."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("renditions", {})


def write_baseline(results: dict[str, dict[str, PageAudit]], path: Path = BASELINE_FILE) -> Path:
    """Makes these results the baseline of their renditions; other renditions keep theirs."""
    renditions = read_baseline(path)
    for rendition, audits in results.items():
        renditions[rendition] = baseline_of(audits)
    data = {
        "about": (
            "无障碍检查基线（make a11y-baseline 生成）：界面 → 指引编号 → axe 规则 → 违规元素数。A11Y=strict 时，"
            "超出基线的违规使运行失败。"
        ),
        "renditions": dict(sorted(renditions.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class NewViolation:
    """A violation beyond the baseline: a rule the baseline does not have on that page, or
    more elements than it allows."""

    rendition: str
    guide_id: str
    finding: Finding
    allowed: int

    def describe(self) -> str:
        """One line for the console."""
        more = (
            f"（基线 {self.allowed} 处，现 {self.finding.nodes} 处）"
            if self.allowed
            else f"（{self.finding.nodes} 处）"
        )
        return f"[{self.rendition}] {self.guide_id}: {self.finding.title}（{self.finding.rule}）{more}"


def new_violations(
    rendition: str, audits: dict[str, PageAudit], baseline: dict[str, dict[str, dict[str, int]]]
) -> list[NewViolation]:
    """The violations of `audits` that the baseline of `rendition` does not allow."""
    allowed_by_page = baseline.get(rendition, {})
    found = []
    for guide_id, audit in audits.items():
        allowed = allowed_by_page.get(guide_id, {})
        found += [
            NewViolation(rendition, guide_id, finding, allowed.get(finding.rule, 0))
            for finding in audit.findings
            if finding.nodes > allowed.get(finding.rule, 0)
        ]
    return found


# ---------------------------------------------------------------- pytest plugin


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """Command line: `baseline` writes the baseline from the last results, `check` compares."""
    parser = argparse.ArgumentParser(prog="python -m harness.cli.a11y", description="无障碍检查：更新基线或与基线比较")
    parser.add_argument("command", choices=("baseline", "check"))
    parser.add_argument(
        "--from",
        dest="folders",
        type=Path,
        nargs="+",
        default=[RESULTS_DIR, GUIDE_RESULTS_DIR],
        help="结果目录（默认 reports/a11y 与 reports/guide/a11y）",
    )
    parser.add_argument("--baseline", type=Path, default=BASELINE_FILE)
    args = parser.parse_args(argv)
    results = read_results(args.folders)
    if not results:
        print(
            f"{' / '.join(str(folder) for folder in args.folders)} 中没有检查结果：先运行 make guide 或 make e2e",
            file=sys.stderr,
        )
        return 1
    if args.command == "baseline":
        path = write_baseline(results, args.baseline)
        for rendition, audits in sorted(results.items()):
            print(
                f"基线 [{rendition}]：{len(audits)} 个页面，{sum(len(audit.findings) for audit in audits.values())} "
                f"项问题 → {path}"
            )
        return 0
    baseline = read_baseline(args.baseline)
    found = [
        item for rendition, audits in sorted(results.items()) for item in new_violations(rendition, audits, baseline)
    ]
    for item in found:
        print(item.describe())
    print(f"超出基线的无障碍问题：{len(found)} 项")
    return 1 if found else 0
