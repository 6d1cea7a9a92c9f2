"""Traceability: every guide ID → the scenarios tagged with it → their result in the last run."""

#     python -m harness.cli.traceability [--features features] [--results reports/allure-results] [--out reports]
#
# Scenarios are read from the feature files with pytest-bdd's own parser (so tags mean what they
# mean to the suite); results from the last run's Allure results (`*-result.json`, matched by
# their fullName `<part folder>/<file>.feature:<scenario>`). Writes `traceability.html` and
# `traceability.md`, with a column of the accessibility audit of each step's page per rendition
# (`reports/a11y/<rendition>.json`, see harness/a11y/audit.py) and one of the rule mutants the suite
# kills (`reports/mutants.json`, see harness/run/mutants.py). IDs without a scenario are gaps;
# `tests/harness/test_traceability.py` fails on them,
# which makes `make test` fail.

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pytest_bdd.parser import FeatureParser, ScenarioTemplate

from harness.a11y.audit import PageAudit, read_results
from harness.guide.catalog import CATALOG_FILE, Catalog, GuideStep, load_catalog
from harness.reporting.rendering import render, report_links, write
from harness.run.mutants import Tally, read_tallies

REPO = Path(__file__).resolve().parents[2]
FEATURES_DIR = REPO / "features"
RESULTS_DIR = REPO / "reports" / "allure-results"
REPORTS_DIR = REPO / "reports"

GUIDE_TAG = re.compile(r"^guide-(.+)$")
# Worst first: the status a guide step shows when its scenarios differ.
STATUS_ORDER = ("failed", "broken", "not_run", "unknown", "passed", "skipped")


@dataclass(frozen=True)
class ScenarioRecord:
    """A scenario as written in a feature file."""

    feature_path: str
    feature_name: str
    name: str
    keyword: str
    line: int
    tags: frozenset[str]
    full_names: tuple[str, ...]
    steps: tuple[str, ...]

    @property
    def guide_ids(self) -> list[str]:
        """The IDs of its `@guide-<ID>` tags (as written; they may not be in the catalogue)."""
        return sorted(match.group(1) for tag in self.tags if (match := GUIDE_TAG.match(tag)))

    @property
    def location(self) -> str:
        """file:line, for the reports."""
        return f"{self.feature_path}:{self.line}"


@dataclass(frozen=True)
class Evidence:
    """An image attached to a result: the screenshot of its last step that has one."""

    path: Path
    mime: str
    step: str


@dataclass(frozen=True)
class ScenarioResult:
    """One test result (one example row of an outline is one result)."""

    full_name: str
    history_id: str
    name: str
    status: str
    start: int | None
    stop: int | None
    message: str
    evidence: Evidence | None


@dataclass
class Row:
    """A guide step with its scenarios and their results."""

    step: GuideStep
    scenarios: list[ScenarioRecord]
    results: dict[str, list[ScenarioResult]]

    def results_of(self, scenario: ScenarioRecord) -> list[ScenarioResult]:
        """The results of one of the row's scenarios (several for an outline)."""
        return self.results.get(scenario.location, [])

    def status_of(self, scenario: ScenarioRecord) -> str:
        """passed/failed/broken/skipped/unknown, or not_run when the last run had no result."""
        return combined_status([result.status for result in self.results_of(scenario)])

    @property
    def status(self) -> str:
        """The row's status: gap without scenarios, else the worst of its scenarios."""
        if not self.scenarios:
            return "gap"
        return combined_status([self.status_of(scenario) for scenario in self.scenarios])


@dataclass
class Traceability:
    """The whole table plus what does not fit into it."""

    rows: list[Row]
    unknown_tags: list[tuple[ScenarioRecord, str]] = field(default_factory=list)
    untagged: list[ScenarioRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    results_found: bool = False
    # guide ID → rendition → the audit of the page its screenshot is taken from
    a11y: dict[str, dict[str, PageAudit]] = field(default_factory=dict)
    # guide ID → how many of its rule mutants the last `make mutants` saw killed
    mutants: dict[str, Tally] = field(default_factory=dict)

    @property
    def gaps(self) -> list[GuideStep]:
        """Guide steps no scenario is tagged with."""
        return [row.step for row in self.rows if not row.scenarios]


def combined_status(statuses: list[str]) -> str:
    """One status for several results: the worst of them, `not_run` for none."""
    if not statuses:
        return "not_run"
    return min(
        statuses,
        key=lambda status: STATUS_ORDER.index(status) if status in STATUS_ORDER else STATUS_ORDER.index("unknown"),
    )


def _record(template: ScenarioTemplate, feature_path: str) -> ScenarioRecord:
    tags = set(template.tags) | set(template.feature.tags)
    if template.rule is not None:
        tags |= template.rule.tags
    names = {template.name}
    for examples in template.examples:
        tags |= examples.tags
        # Allure names an outline's results by the name rendered with each row's values.
        names |= {template.render(context).name for context in examples.as_contexts()}
    return ScenarioRecord(
        feature_path=feature_path,
        feature_name=template.feature.name,
        name=template.name,
        keyword=template.keyword,
        line=template.line_number,
        tags=frozenset(tags),
        full_names=tuple(sorted(f"{feature_path}:{name}" for name in names)),
        steps=tuple(f"{step.keyword.strip()} {step.name}" for step in template.steps),
    )


def scan_features(features_dir: Path = FEATURES_DIR) -> tuple[list[ScenarioRecord], list[str]]:
    """Every scenario under `features_dir` (in path and file order), and the files that do not parse."""
    scenarios: list[ScenarioRecord] = []
    errors: list[str] = []
    for path in sorted(features_dir.rglob("*.feature")):
        # pytest-bdd names a feature "<its folder>/<file>"; Allure's fullName uses the same.
        feature_path = f"{path.parent.name}/{path.name}"
        try:
            feature = FeatureParser(str(path.parent), path.name).parse()
        except Exception as error:  # noqa: BLE001 - a file being written must not hide the others
            errors.append(f"{path.relative_to(features_dir).as_posix()}: {error}")
            continue
        scenarios.extend(_record(template, feature_path) for template in feature.scenarios.values())
    return scenarios, errors


def _evidence(result: dict, results_dir: Path) -> Evidence | None:
    """The last image attached anywhere in the result (step by step, depth first)."""
    found: Evidence | None = None

    def walk(node: dict, step_name: str) -> None:
        nonlocal found
        for attachment in node.get("attachments", []):
            path = results_dir / attachment.get("source", "")
            if attachment.get("type", "").startswith("image/") and path.is_file():
                found = Evidence(path=path, mime=attachment["type"], step=step_name)
        for step in node.get("steps", []):
            walk(step, step.get("name", ""))

    walk(result, "")
    return found


def load_results(results_dir: Path = RESULTS_DIR) -> dict[str, list[ScenarioResult]]:
    """The latest Allure result of each test (an outline's rows are separate tests), by fullName.
    A results folder that several runs wrote into holds older results too; they are dropped."""
    latest: dict[str, ScenarioResult] = {}
    if not results_dir.is_dir():
        return {}
    for path in sorted(results_dir.glob("*-result.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        result = ScenarioResult(
            full_name=data.get("fullName", ""),
            history_id=data.get("historyId") or path.name,
            name=data.get("name", ""),
            status=data.get("status", "unknown"),
            start=data.get("start"),
            stop=data.get("stop"),
            message=(data.get("statusDetails") or {}).get("message", "").strip(),
            evidence=_evidence(data, results_dir),
        )
        known = latest.get(result.history_id)
        if known is None or (result.start or 0) >= (known.start or 0):
            latest[result.history_id] = result
    results: dict[str, list[ScenarioResult]] = {}
    for result in sorted(latest.values(), key=lambda result: result.start or 0):
        results.setdefault(result.full_name, []).append(result)
    return results


def build_traceability(
    catalog: Catalog,
    scenarios: list[ScenarioRecord],
    results: dict[str, list[ScenarioResult]],
    errors: list[str] | None = None,
) -> Traceability:
    """Joins the catalogue, the scenarios and the results."""
    known = set(catalog.ids)
    by_location = {
        scenario.location: [result for name in scenario.full_names for result in results.get(name, [])]
        for scenario in scenarios
    }
    trace = Traceability(rows=[], errors=list(errors or []), results_found=bool(results))
    for step in catalog.steps:
        tagged = [scenario for scenario in scenarios if step.id in scenario.guide_ids]
        trace.rows.append(
            Row(
                step=step,
                scenarios=tagged,
                results={scenario.location: by_location[scenario.location] for scenario in tagged},
            )
        )
    for scenario in scenarios:
        ids = scenario.guide_ids
        if not ids:
            trace.untagged.append(scenario)
        trace.unknown_tags.extend((scenario, f"guide-{guide_id}") for guide_id in ids if guide_id not in known)
    return trace


def collect(
    catalog: Catalog, features_dir: Path = FEATURES_DIR, results_dir: Path = RESULTS_DIR, a11y_dir: Path | None = None
) -> Traceability:
    """Reads the feature files, the last results, the last accessibility audits (by default
    `a11y/` beside the results folder) and the last rule-mutant run (`mutants.json` beside it)
    and builds the table."""
    scenarios, errors = scan_features(features_dir)
    trace = build_traceability(catalog, scenarios, load_results(results_dir), errors)
    trace.mutants = read_tallies(results_dir.parent / "mutants.json")
    for rendition, audits in sorted(read_results([a11y_dir or results_dir.parent / "a11y"]).items()):
        for guide_id, audit in audits.items():
            trace.a11y.setdefault(guide_id, {})[rendition] = audit
    return trace


def write_reports(trace: Traceability, catalog: Catalog, out_dir: Path = REPORTS_DIR) -> tuple[Path, Path]:
    """Writes traceability.html and traceability.md into `out_dir`."""
    context = {"trace": trace, "catalog": catalog, "links": report_links("traceability.html")}
    html = write(out_dir / "traceability.html", render("traceability.html", **context))
    markdown = write(out_dir / "traceability.md", render("traceability.md", **context))
    return html, markdown


def main(argv: list[str] | None = None) -> int:
    """Command line: writes the reports and prints the gaps; `--fail-on-gaps` makes them fatal."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.traceability", description="追溯表：指引编号 → 场景 → 最近一次结果"
    )
    parser.add_argument("--features", type=Path, default=FEATURES_DIR)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR)
    parser.add_argument("--out", type=Path, default=REPORTS_DIR)
    parser.add_argument("--catalog", type=Path, default=CATALOG_FILE)
    parser.add_argument("--fail-on-gaps", action="store_true", help="有指引编号没有场景、或标签指向未知编号时以 1 退出")
    args = parser.parse_args(argv)
    catalog = load_catalog(args.catalog)
    trace = collect(catalog, args.features, args.results)
    html, _ = write_reports(trace, catalog, args.out)
    print(f"追溯表：file://{html.resolve()}")
    covered = len(trace.rows) - len(trace.gaps)
    print(f"  {covered}/{len(trace.rows)} 个指引编号有场景")
    if trace.gaps:
        print(f"  没有场景：{', '.join(step.id for step in trace.gaps)}")
    for scenario, tag in trace.unknown_tags:
        print(f"  未知编号的标签 @{tag}：{scenario.location} {scenario.name}")
    for error in trace.errors:
        print(f"  无法解析：{error}")
    failing = trace.gaps or trace.unknown_tags or trace.errors
    return 1 if args.fail_on_gaps and failing else 0
