"""The guide tools: the catalogue file, the shot plugin's matching rules, pixel comparison,
the guide's index and approval, and the sign-off file."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from playwright.sync_api import Page

from harness.guide import build as guide
from harness.guide.catalog import (
    Catalog,
    CatalogError,
    ShotSettings,
    ShotSpec,
    Target,
    allure_links,
    load_catalog,
    parse_catalog,
)
from harness.guide.image_diff import compare_images
from harness.guide.shots import MANIFEST, OUTLINE_ATTRIBUTE, scenario_matches, shots_of_test, step_matches, take_shot
from harness.reporting import signoff
from harness.reporting.rendering import report_links
from harness.reporting.traceability import collect
from tests.guide_samples import FEATURE_A11, SMALL_CATALOG, write_feature, write_result

# ---------------------------------------------------------------- catalogue


def test_the_repository_catalogue_lists_the_guide_in_order() -> None:
    catalog = load_catalog()
    assert catalog.ids[:3] == ["A1.1", "A1.2", "A1.3"]
    assert catalog.ids[-2:] == ["C1", "C2"]
    assert len(catalog.ids) == len(set(catalog.ids)) == 33
    assert [part.heading for part in catalog.parts] == [
        "一、广东省统一身份认证登录",
        "二、广东人社统一认证账号登录",
        "三、稳岗返还信息确认",
    ]
    a11 = catalog.step("A1.1")
    assert a11.section_key == "A1" and a11.shot is not None and a11.shot.step == "last"
    assert a11.shot.outline[0].describe() == "tab「法人登录」"
    assert catalog.shots.device_scale_factor == 2 and (catalog.shots.width, catalog.shots.height) == (1280, 800)
    assert all(step.caption and step.heading for step in catalog.steps)


def with_step(**changes: object) -> dict:
    data = copy.deepcopy(SMALL_CATALOG)
    data["part"][0]["section"][0]["step"][0].update(changes)
    return data


def test_a_shot_quotes_its_step_with_or_without_keyword() -> None:
    catalog = parse_catalog(
        with_step(
            shot={
                "scenario": "默认扫码",
                "before": "当 我选择账号密码",
                "mask": [{"label": "证件号码"}, {"pattern": r"\d{4}"}],
            }
        )
    )
    shot = catalog.step("A1.1").shot
    assert shot is not None
    assert (shot.moment, shot.step) == ("before", "我选择账号密码")
    assert [target.kind for target in shot.mask] == ["label", "pattern"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"shot": {"scenaro": "x"}}, "未知的键 scenaro"),
        ({"shot": {"scenario": "x", "after": "a", "before": "b"}}, "after 与 before 只能给一个"),
        ({"shot": {"scenario": "x", "outline": {"role": "link", "text": "立即注册"}}}, "恰有一个"),
        ({"shot": {"scenario": "x", "outline": {"text": "立即注册", "name": "x"}}}, "name 只用于 role"),
        ({"shot": {"scenario": "x", "mask": [{"pattern": "("}]}}, "正则表达式无效"),
        ({"page": False, "shot": {"scenario": "x"}}, "page = false"),
        ({"id": "A1.2"}, "编号重复"),
        ({"id": "A-1"}, "编号格式"),
        ({"id": "B1.1"}, "不属于部分 A"),
        ({"caption": ""}, "缺少 caption"),
        ({"shot": {"scenario": "x", "example": 0}}, "example 是例子表的行号"),
        ({"shot": {"scenario": "x", "example": "2"}}, "example 是例子表的行号"),
    ],
)
def test_a_malformed_catalogue_names_its_problem(changes: dict, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(with_step(**changes))


def test_a_catalogue_file_that_is_not_toml_is_a_catalogue_error(tmp_path: Path) -> None:
    path = tmp_path / "steps.toml"
    path.write_text("[[part]\n", encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog(path)


def test_order_puts_ids_in_guide_order() -> None:
    assert load_catalog().order(["C1", "A3.1", "X9", "A1.2", "A3.1"]) == ["A1.2", "A3.1", "C1", "X9"]


# ---------------------------------------------------------------- shot plugin rules


def test_shot_is_taken_from_the_named_scenario_and_step() -> None:
    catalog = parse_catalog(with_step(shot={"scenario": "默认扫码", "feature": "A1.1_", "after": "那么 我看到扫码"}))
    spec = catalog.step("A1.1").shot
    assert spec is not None
    assert scenario_matches(spec, "默认扫码", "A_广东省统一身份认证登录/A1.1_登录方式.feature")
    assert not scenario_matches(spec, "默认扫码", "A_广东省统一身份认证登录/A1.2_账号密码.feature")
    assert step_matches(spec, "after", ["我看到扫码"], is_last=False)
    assert not step_matches(spec, "before", ["我看到扫码"], is_last=False)
    assert not step_matches(spec, "after", ["我打开登录页"], is_last=True)


def test_last_step_and_outline_template_text_match() -> None:
    last = parse_catalog(with_step(shot={"scenario": "s"})).step("A1.1").shot
    assert last is not None
    assert step_matches(last, "after", ["whatever"], is_last=True)
    assert not step_matches(last, "after", ["whatever"], is_last=False)
    templated = parse_catalog(with_step(shot={"scenario": "s", "after": "我填写账号「<账号>」"})).step("A1.1").shot
    assert templated is not None
    assert step_matches(templated, "after", ["我填写账号「ab」", "我填写账号「<账号>」"], is_last=False)


def test_of_an_outline_only_the_named_example_row_takes_the_shot(monkeypatch: pytest.MonkeyPatch) -> None:
    # Parallel workers each run some rows of an outline; if every row could shoot, the picture
    # would depend on which worker reported last.
    import harness.guide.shots as guide_shots  # the registry is pytest-bdd's, shared

    def scenario_test() -> None: ...

    feature = SimpleNamespace(rel_filename="B_广东人社统一认证账号登录/B1.5_申请单位授权码.feature")
    monkeypatch.setitem(
        guide_shots.scenario_wrapper_template_registry,
        scenario_test,
        SimpleNamespace(name="按号码查询", feature=feature),
    )

    def row(index: int) -> SimpleNamespace:
        return SimpleNamespace(function=scenario_test, callspec=SimpleNamespace(indices={"_pytest_bdd_example": index}))

    first = parse_catalog(with_step(shot={"scenario": "按号码查询"})).steps
    second = parse_catalog(with_step(shot={"scenario": "按号码查询", "example": 2})).steps
    assert [bool(shots_of_test(row(index), first)) for index in range(3)] == [True, False, False]
    assert [bool(shots_of_test(row(index), second)) for index in range(3)] == [False, True, False]
    shot = second[0].shot
    assert shot is not None and "例子第 2 行" in shot.describe()


TALL_PAGE = """
<body style="margin:0;font-family:sans-serif">
  <p style="position:absolute;top:100px;left:20px;margin:0;width:300px;height:30px">二维码编号：A1B2C3</p>
  <button style="position:absolute;top:2000px;left:20px;width:120px;height:40px">下一步</button>
  <div style="height:2400px"></div>
</body>
"""


def test_a_shot_boxes_the_target_masks_codes_and_leaves_the_page_as_it_was(page: Page, tmp_path: Path) -> None:
    page.set_content(TALL_PAGE)
    page.get_by_role("button", name="下一步").scroll_into_view_if_needed()
    settings = ShotSettings(mask=(Target(kind="pattern", value="编号[:：]"),), mask_color="#00FF00")
    spec = ShotSpec(
        scenario="s",
        moment="after",
        step="last",
        outline=(Target(kind="role", value="button", name="下一步"), Target(kind="text", value="没有这个")),
    )
    notes = take_shot(page, spec, settings, tmp_path / "shot.png")
    assert notes == ["页面上没有要标出的元素：text「没有这个」"]
    assert page.locator(f"[{OUTLINE_ATTRIBUTE}]").count() == 0
    with Image.open(tmp_path / "shot.png") as shot:
        image = shot.convert("RGB")
    assert image.height >= 2400  # the whole page, whatever the scroll position was
    assert image.getpixel((150, 115)) == (0, 255, 0)  # the ticket number is masked where it is
    assert image.getpixel((80, 2000 - 3)) == (230, 0, 18)  # red box just above the button


# ---------------------------------------------------------------- image comparison


def png(
    path: Path,
    size: tuple[int, int] = (40, 30),
    colour: tuple[int, int, int] = (240, 240, 240),
    pixels: dict | None = None,
) -> Path:
    image = Image.new("RGB", size, colour)
    for point, value in (pixels or {}).items():
        image.putpixel(point, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def test_identical_images_are_unchanged_and_get_no_diff(tmp_path: Path) -> None:
    comparison = compare_images(png(tmp_path / "new.png"), png(tmp_path / "old.png"), tmp_path / "diff.png")
    assert not comparison.changed and comparison.changed_pixels == 0
    assert not (tmp_path / "diff.png").exists()


def test_a_one_step_change_in_one_channel_is_found_and_highlighted(tmp_path: Path) -> None:
    new = png(tmp_path / "new.png", pixels={(10, 5): (240, 240, 241)})
    comparison = compare_images(new, png(tmp_path / "old.png"), tmp_path / "diff.png")
    assert comparison.changed and comparison.changed_pixels == 1 and comparison.box == (10, 5, 11, 6)
    with Image.open(tmp_path / "diff.png") as diff:
        assert diff.convert("RGB").getpixel((10, 5)) == (230, 0, 18)
        assert diff.convert("RGB").getpixel((30, 25)) != (230, 0, 18)


def test_images_of_different_sizes_are_changed(tmp_path: Path) -> None:
    comparison = compare_images(
        png(tmp_path / "new.png", size=(40, 40)), png(tmp_path / "old.png"), tmp_path / "diff.png"
    )
    assert comparison.changed and comparison.changed_pixels == 40 * 10
    assert "40×30 → 40×40" in comparison.describe()
    with Image.open(tmp_path / "diff.png") as diff:
        assert diff.size == (40, 40)


# ---------------------------------------------------------------- guide index and approval


def guide_catalog() -> Catalog:
    data = copy.deepcopy(SMALL_CATALOG)
    steps = data["part"][0]["section"][0]["step"]
    steps[0]["shot"] = {"scenario": "默认扫码"}
    steps[1]["shot"] = {"scenario": "切换账号密码"}
    steps.append({"id": "A1.4", "title": "审核", "heading": "4. 审核", "caption": "经办机构审核。", "page": False})
    steps.append(
        {"id": "A1.5", "title": "新步骤", "heading": "5. 新步骤", "caption": "新截图。", "shot": {"scenario": "新场景"}}
    )
    return parse_catalog(data)


def make_guide_run(shots: Path, approved: Path) -> None:
    """A 'make guide' run: A1.1 unchanged, A1.2 changed, A1.3 missing, A1.5 new."""
    png(shots / "A1.1.png")
    png(approved / "A1.1.png")
    png(shots / "A1.2.png", pixels={(1, 1): (0, 0, 0)})
    png(approved / "A1.2.png")
    png(shots / "A1.5.png")
    png(approved / "Z9.png")
    taken = {
        "status": "taken",
        "feature": "A/A1.1_登录方式.feature",
        "scenario": "s",
        "step": "那么 x",
        "moment": "after",
        "notes": [],
    }
    manifest = {
        "faker_seed": 7,
        "viewport": "1280x800",
        "device_scale_factor": 2,
        "shots": {
            "A1.1": {**taken, "file": "A1.1.png"},
            "A1.2": {**taken, "file": "A1.2.png", "notes": ["页面上没有要标出的元素：link「立即注册」"]},
            "A1.3": {"status": "missing", "reason": "还没有名为「注册」的场景"},
            "A1.5": {**taken, "file": "A1.5.png"},
        },
    }
    (shots / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_build_compares_with_the_approved_set_and_assembles_the_index(tmp_path: Path) -> None:
    shots, approved = tmp_path / "reports" / "guide", tmp_path / "guide" / "approved"
    make_guide_run(shots, approved)
    build = guide.build_guide(guide_catalog(), shots, approved)
    assert [(entry.step.id, entry.state) for entry in build.entries] == [
        ("A1.1", "same"),
        ("A1.2", "changed"),
        ("A1.3", "missing"),
        ("A1.4", "no_page"),
        ("A1.5", "new"),
    ]
    assert (shots / "diff" / "A1.2.png").exists() and not (shots / "diff" / "A1.1.png").exists()
    page = build.index_html.read_text(encoding="utf-8")
    assert (
        page.index("一、广东省统一身份认证登录")
        < page.index("（一）法人账号注册")
        < page.index("1. 登录方式")
        < page.index("2. 账号密码")
    )
    assert '<img src="A1.1.png"' in page and "<figcaption>法人登录页。</figcaption>" in page
    assert "缺少截图" in page and "还没有名为「注册」的场景" in page
    assert 'src="diff/A1.2.png"' in page and "../../guide/approved/A1.2.png" in page
    assert "页面上没有要标出的元素" in page
    assert 'href="../allure-report/index.html"' in page and 'href="../signoff.html"' in page
    markdown = build.index_md.read_text(encoding="utf-8")
    assert "## 一、广东省统一身份认证登录" in markdown and "#### 1. 登录方式（A1.1）" in markdown
    assert "![A1.1 登录方式](A1.1.png)\n\n法人登录页。" in markdown
    assert "> **缺少截图**：还没有名为「注册」的场景" in markdown


def test_a_change_fails_the_build_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shots, approved = tmp_path / "shots", tmp_path / "approved"
    make_guide_run(shots, approved)
    monkeypatch.setattr(guide, "load_catalog", lambda path: guide_catalog())
    assert guide.main(["build", "--shots", str(shots), "--approved", str(approved)]) == 0
    assert guide.main(["build", "--shots", str(shots), "--approved", str(approved), "--fail-on-change"]) == 1
    # The log alone (CI) says how much changed and where.
    assert re.search(r"个像素不同.*区域 \(\d+,\d+\)–\(\d+,\d+\)；差异图 diff/", capsys.readouterr().out)


def test_without_a_guide_run_every_page_step_is_missing(tmp_path: Path) -> None:
    build = guide.build_guide(guide_catalog(), tmp_path / "shots", tmp_path / "approved")
    assert build.ids("missing") == ["A1.1", "A1.2", "A1.3", "A1.5"]


def test_approve_copies_the_new_shots_and_drops_unknown_ones(tmp_path: Path) -> None:
    shots, approved = tmp_path / "shots", tmp_path / "approved"
    make_guide_run(shots, approved)
    assert guide.approve(guide_catalog(), shots, approved) == ["A1.1", "A1.2", "A1.5"]
    assert sorted(path.name for path in approved.glob("*.png")) == ["A1.1.png", "A1.2.png", "A1.5.png"]
    assert not compare_images(shots / "A1.2.png", approved / "A1.2.png").changed
    assert guide.build_guide(guide_catalog(), shots, approved).ids("changed") == []


# ---------------------------------------------------------------- sign-off


def test_signoff_stands_alone_with_every_id_its_evidence_and_the_environment(tmp_path: Path) -> None:
    catalog = parse_catalog(SMALL_CATALOG)
    write_feature(tmp_path / "features", "A1.1_登录方式.feature", FEATURE_A11)
    results = tmp_path / "allure-results"
    with (tmp_path / "evidence.png").open("wb") as handle:
        Image.new("RGB", (8, 8), (1, 2, 3)).save(handle, format="PNG")
    write_result(
        results,
        "scan",
        "A_广东省统一身份认证登录/A1.1_登录方式.feature:默认扫码",
        "passed",
        1_700_000_000_000,
        image=(tmp_path / "evidence.png").read_bytes(),
    )
    (results / "environment.properties").write_text(
        "环境=mock（内置模拟门户）\n浏览器=chromium 1.0\n测试数据种子=--faker-seed 7\n", encoding="utf-8"
    )
    png(tmp_path / "guide" / "A1.3.png")
    trace = collect(catalog, tmp_path / "features", results)
    environment = signoff.read_properties(results / "environment.properties")
    html = signoff.build_signoff(
        catalog,
        trace,
        environment,
        "abc1234",
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        tmp_path / "guide",
        tmp_path / "approved",
    )
    for guide_id in catalog.ids:
        assert f'id="{guide_id}"' in html
    assert html.count('src="data:image/png;base64,') == 2  # A1.1 from its run, A1.3 from the guide
    assert "无截图证据" in html  # A1.2: its scenario has no result, and there is no guide shot
    assert "mock（内置模拟门户）" in html and "chromium 1.0" in html and "--faker-seed 7" in html and "abc1234" in html
    assert "2025-01-02 11:04:05" in html  # Beijing time
    assert html.count('type="checkbox"') == 3 * 4 and "有条件通过" in html
    assert "审核人" in html and "@page { size: A4" in html
    assert 'href="allure-report/index.html"' in html and 'href="guide/index.html"' in html
    assert "http://" not in html.split("<body>")[1].split("测试环境")[0]  # no external resource before the content


def test_large_evidence_is_shrunk_to_a_jpeg(tmp_path: Path) -> None:
    noisy = Image.effect_noise((2560, 1600), 80).convert("RGB")
    path = tmp_path / "big.png"
    noisy.save(path)
    uri = signoff.embeddable(path.read_bytes(), "image/png")
    assert uri.startswith("data:image/jpeg;base64,")


def test_commit_is_reported_without_git(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_git(*args: object, **kwargs: object) -> subprocess.CompletedProcess:
        raise FileNotFoundError("git")

    monkeypatch.setattr(signoff.subprocess, "run", no_git)
    assert signoff.current_commit() == "未知（没有 git）"


def test_properties_ignore_comments_and_keep_equals_in_values(tmp_path: Path) -> None:
    path = tmp_path / "environment.properties"
    path.write_text("# comment\n广东政务服务网=http://127.0.0.1:1/?a=b\n", encoding="utf-8")
    assert signoff.read_properties(path) == {"广东政务服务网": "http://127.0.0.1:1/?a=b"}
    assert signoff.read_properties(tmp_path / "absent") == {}


# ---------------------------------------------------------------- links between the reports


def test_reports_link_to_each_other_relatively() -> None:
    assert report_links("guide/index.html") == {
        "allure": "../allure-report/index.html",
        "guide": "index.html",
        "signoff": "../signoff.html",
        "traceability": "../traceability.html",
    }
    assert report_links("signoff.html")["allure"] == "allure-report/index.html"


def test_allure_links_point_to_the_published_guide_step() -> None:
    links = allure_links(["A1.4"], "https://ci.example/job/7/reports/")
    assert [(mark.args[0], mark.kwargs["name"]) for mark in links] == [
        ("https://ci.example/job/7/reports/guide/index.html#A1.4", "操作指引截图 A1.4"),
        ("https://ci.example/job/7/reports/traceability.html#A1.4", "追溯表 A1.4"),
        ("https://ci.example/job/7/reports/signoff.html#A1.4", "验收签字 A1.4"),
    ]
    assert all(mark.name == "allure_link" for mark in links)


def test_no_allure_links_without_a_web_address_of_the_reports() -> None:
    assert allure_links(["A1.4"], None) == []
    with pytest.raises(ValueError):
        allure_links(["A1.4"], "file:///work/reports")
