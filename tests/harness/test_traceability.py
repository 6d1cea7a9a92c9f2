"""Traceability of the guide: every guide ID has a scenario, every guide tag names an ID of the
catalogue, every ID is a registered marker. The first tests read the repository's features/ and
pytest.ini, so a gap fails `make test`; the others check the detection on tiny feature folders."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

from harness.guide.catalog import Catalog, load_catalog, parse_catalog
from harness.reporting.traceability import (
    build_traceability,
    collect,
    combined_status,
    load_results,
    scan_features,
    write_reports,
)
from tests.guide_samples import FEATURE_A11, SMALL_CATALOG, write_feature, write_result

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The repository's guide-step catalogue."""
    return load_catalog()


@pytest.fixture(scope="module")
def repo_scenarios() -> tuple[list, list[str]]:
    """The scenarios of the repository's features/ and the files that do not parse."""
    return scan_features(REPO / "features")


def test_every_guide_id_has_a_scenario(catalog: Catalog, repo_scenarios: tuple[list, list[str]]) -> None:
    scenarios, _ = repo_scenarios
    trace = build_traceability(catalog, scenarios, {})
    gaps = [f"{step.id} {step.title}" for step in trace.gaps]
    assert not gaps, f"{len(gaps)} 个指引步骤没有标注 @guide-<编号> 的场景：" + "、".join(gaps)


def test_every_guide_tag_names_a_catalogue_id(catalog: Catalog, repo_scenarios: tuple[list, list[str]]) -> None:
    scenarios, _ = repo_scenarios
    unknown = [
        f"@{tag}（{scenario.location}）" for scenario, tag in build_traceability(catalog, scenarios, {}).unknown_tags
    ]
    assert not unknown, "标签指向 harness/guide/catalog.toml 中没有的编号：" + "、".join(unknown)


def test_every_feature_file_parses(repo_scenarios: tuple[list, list[str]]) -> None:
    _, errors = repo_scenarios
    assert not errors


def _ini_guide_markers() -> set[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "pytest.ini", encoding="utf-8")
    lines = parser["pytest"]["markers"].splitlines()
    return {line.split(":", 1)[0].strip() for line in lines if line.strip().startswith("guide-")}


def test_every_catalogue_id_is_a_registered_marker(catalog: Catalog, pytestconfig: pytest.Config) -> None:
    registered = {line.split(":", 1)[0].strip() for line in pytestconfig.getini("markers")}
    missing = sorted({step.marker for step in catalog.steps} - registered)
    assert not missing, f"未注册的标记：{missing}"


def test_guide_markers_are_listed_only_in_the_catalogue() -> None:
    listed = sorted(_ini_guide_markers())
    assert not listed, f"pytest.ini 不应再列出指引编号的标记（由 harness/guide/catalog.toml 注册）：{listed}"


def test_feature_files_are_named_and_titled_as_the_catalogue(catalog: Catalog) -> None:
    # <ID>_<title>.feature with 功能: <title>, the title the catalogue gives the ID; a second file
    # of one ID adds its own part in （…）.
    titles = {step.id: step.title for step in catalog.steps}
    wrong = []
    for path in sorted((REPO / "features").rglob("*.feature")):
        guide_id, _, name = path.stem.partition("_")
        heading = re.search(r"^功能:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.M)
        title = titles.get(guide_id)
        fits = title is not None and (name == title or name.startswith(f"{title}（") and name.endswith("）"))
        if not fits or heading is None or heading.group(1) != name:
            wrong.append(f"{path.relative_to(REPO)}（功能: {heading.group(1) if heading else '—'}；目录: {title}）")
    assert not wrong, "特性文件的名称或「功能」与指引目录的标题不一致：" + "、".join(wrong)


# ---------------------------------------------------------------- detection on fixture folders


@pytest.fixture
def small_catalog() -> Catalog:
    """A three-step catalogue."""
    return parse_catalog(SMALL_CATALOG)


def test_a_step_without_scenario_is_a_gap(tmp_path: Path, small_catalog: Catalog) -> None:
    write_feature(tmp_path, "A1.1_登录方式.feature", FEATURE_A11)
    trace = collect(small_catalog, tmp_path, tmp_path / "no-results")
    assert [step.id for step in trace.gaps] == ["A1.3"]
    assert [len(row.scenarios) for row in trace.rows] == [2, 1, 0]
    assert [row.status for row in trace.rows] == ["not_run", "not_run", "gap"]


def test_a_tag_naming_an_unknown_id_is_reported(tmp_path: Path, small_catalog: Catalog) -> None:
    write_feature(tmp_path, "A1.1_登录方式.feature", FEATURE_A11.replace("@guide-A1.2", "@guide-A1.20"))
    trace = collect(small_catalog, tmp_path, tmp_path)
    assert [(scenario.name, tag) for scenario, tag in trace.unknown_tags] == [("切换账号密码", "guide-A1.20")]
    assert "A1.2" in [step.id for step in trace.gaps]


def test_feature_and_examples_tags_count_and_untagged_scenarios_are_listed(
    tmp_path: Path, small_catalog: Catalog
) -> None:
    write_feature(
        tmp_path,
        "A1.3_注册.feature",
        """@guide-A1.3
功能: 注册
  场景大纲: 账号规则 <账号>
    假如 我填写账号「<账号>」
    那么 我看到「<提示>」

    @guide-A1.2
    例子:
      | 账号 | 提示 |
      | ab   | 太短 |
      | abc1 | 通过 |
""",
    )
    write_feature(tmp_path, "A1.9_其他.feature", "功能: 其他\n  场景: 没有编号\n    假如 我打开登录页\n")
    trace = collect(small_catalog, tmp_path, tmp_path)
    outline = trace.rows[2].scenarios[0]
    assert outline.guide_ids == ["A1.2", "A1.3"]
    assert outline.full_names == (
        "A_广东省统一身份认证登录/A1.3_注册.feature:账号规则 <账号>",
        "A_广东省统一身份认证登录/A1.3_注册.feature:账号规则 ab",
        "A_广东省统一身份认证登录/A1.3_注册.feature:账号规则 abc1",
    )
    assert [scenario.name for scenario in trace.untagged] == ["没有编号"]


def test_a_feature_file_that_does_not_parse_is_reported_not_fatal(tmp_path: Path, small_catalog: Catalog) -> None:
    write_feature(tmp_path, "A1.1_登录方式.feature", FEATURE_A11)
    write_feature(
        tmp_path,
        "A1.2_坏的.feature",
        "功能: 坏\n  场景大纲: 表格不齐\n    假如 我填写「<a>」\n    例子:\n      | a | b |\n      | 1 |\n",
    )
    trace = collect(small_catalog, tmp_path, tmp_path)
    assert len(trace.errors) == 1 and "A1.2_坏的.feature" in trace.errors[0], trace.errors
    assert trace.rows[0].scenarios


def test_results_are_matched_by_full_name_and_the_latest_run_wins(tmp_path: Path, small_catalog: Catalog) -> None:
    write_feature(tmp_path / "features", "A1.1_登录方式.feature", FEATURE_A11)
    results = tmp_path / "allure-results"
    scan = "A_广东省统一身份认证登录/A1.1_登录方式.feature:默认扫码"
    switch = "A_广东省统一身份认证登录/A1.1_登录方式.feature:切换账号密码"
    write_result(results, "old", scan, "failed", 100, history="h-scan")
    write_result(results, "new", scan, "passed", 200, history="h-scan", image=b"png")
    write_result(results, "switch", switch, "broken", 150)
    trace = collect(small_catalog, tmp_path / "features", results)
    row = trace.rows[0]
    assert [row.status_of(scenario) for scenario in row.scenarios] == ["passed", "broken"]
    assert row.status == "broken"
    assert trace.rows[1].status == "broken"
    evidence = row.results_of(row.scenarios[0])[0].evidence
    assert evidence is not None and evidence.step == "假如 我打开登录页"
    assert len(load_results(results)[scan]) == 1


def test_combined_status_is_the_worst() -> None:
    assert combined_status([]) == "not_run"
    assert combined_status(["passed", "skipped"]) == "passed"
    assert combined_status(["skipped", "skipped"]) == "skipped"
    assert combined_status(["passed", "failed", "broken"]) == "failed"
    assert combined_status(["passed", "not_run"]) == "not_run"


def test_reports_list_every_id_and_the_gaps(tmp_path: Path, small_catalog: Catalog) -> None:
    write_feature(tmp_path / "features", "A1.1_登录方式.feature", FEATURE_A11)
    trace = collect(small_catalog, tmp_path / "features", tmp_path / "none")
    html, markdown = write_reports(trace, small_catalog, tmp_path / "reports")
    page = html.read_text(encoding="utf-8")
    for guide_id in small_catalog.ids:
        assert f'id="{guide_id}"' in page
    assert "缺口" in page and 'href="guide/index.html#A1.1"' in page
    table = markdown.read_text(encoding="utf-8")
    assert "| A1.3 | 注册 | — | — | **无场景** |" in table
