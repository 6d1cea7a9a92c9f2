"""The guide as documents (make guide-doc): the DOCX re-read against the catalogue (headings in
the guide's order, one picture and caption per shot, a note per missing one, the front page),
and the printed PDF (pages, text in order)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.text.paragraph import Paragraph
from PIL import Image
from playwright.sync_api import Browser
from pypdf import PdfReader

from harness.guide import document as guide_doc
from harness.guide.catalog import load_catalog, parse_catalog
from harness.guide.document import (
    TIMEZONE,
    FrontPage,
    build_docx,
    build_html,
    figures,
    front_page,
    picture_size,
    print_pdf,
)
from tests.lookups import search

CATALOG: dict[str, Any] = {
    "guide": {"title": "测试指引", "intro": "本指引的开篇语。"},
    "part": [
        {
            "key": "A",
            "heading": "一、省统一身份认证登录",
            "intro": "第一部分的说明。",
            "links": [{"text": "登录地址", "url": "https://example.gov.cn/login"}],
            "section": [
                {
                    "key": "A1",
                    "heading": "（一）法人账号注册",
                    "step": [
                        {
                            "id": "A1.1",
                            "title": "登录方式",
                            "heading": "1. 法人登录方式",
                            "caption": "在法人登录页面，有多种登录方式。",
                        },
                        {
                            "id": "A1.2",
                            "title": "账号密码",
                            "heading": "2. 账号密码登录",
                            "caption": "点击账号密码后点击立即注册。",
                        },
                        {
                            "id": "A1.3",
                            "title": "说明",
                            "heading": "3. 注意事项",
                            "caption": "本步骤不显示页面。",
                            "page": False,
                        },
                    ],
                }
            ],
        },
        {
            "key": "B",
            "heading": "二、人社统一认证账号登录",
            "section": [
                {
                    "key": "B1",
                    "heading": "（一）单位账号注册",
                    "step": [
                        {
                            "id": "B1.1",
                            "title": "实名人员",
                            "heading": "1. 单位所属实名人员信息",
                            "caption": "填写实名人员信息。",
                        }
                    ],
                }
            ],
        },
    ],
}

FRONT = FrontPage(
    environment="内置模拟门户（界面 classic）",
    browser="Chromium 156",
    settings="视口 1280x800",
    shots_taken="2024-06-01 10:00",
    generated="2024-06-01 10:05",
    commit="abc123def456",
)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """A `make guide` result: shots of A1.1 (tall) and B1.1 (wide), A1.2 missing with a reason."""
    folder = tmp_path / "guide"
    folder.mkdir()
    Image.new("RGB", (1280, 3200), "white").save(folder / "A1.1.png")
    Image.new("RGB", (2560, 1600), "#c0392b").save(folder / "B1.1.png")
    manifest = {
        "viewport": "1280x800",
        "device_scale_factor": 2,
        "faker_seed": 20240601,
        "environment": "内置模拟门户（界面 classic）",
        "browser": {"version": "156.0", "path": "/usr/bin/chromium", "chinese_ui": True, "fixed_fonts": True},
        "shots": {
            "A1.1": {"status": "taken", "file": "A1.1.png"},
            "A1.2": {"status": "missing", "reason": "场景在步骤「我点击账号密码」失败"},
            "B1.1": {"status": "taken", "file": "B1.1.png"},
        },
    }
    (folder / "shots.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


def style_name(paragraph: Paragraph) -> str:
    """A paragraph's style name (python-docx gives every paragraph a style)."""
    assert paragraph.style is not None
    return paragraph.style.name


def test_docx_follows_the_catalogue(shots: Path) -> None:
    catalog = parse_catalog(CATALOG)
    manifest = json.loads((shots / "shots.json").read_text(encoding="utf-8"))
    path = build_docx(catalog, manifest, shots, shots / "操作指引.docx", FRONT)
    document = Document(str(path))
    paragraphs = [(style_name(paragraph), paragraph.text) for paragraph in document.paragraphs]
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "一、省统一身份认证登录"),
        ("Heading 2", "（一）法人账号注册"),
        ("Heading 3", "1. 法人登录方式"),
        ("Heading 3", "2. 账号密码登录"),
        ("Heading 3", "3. 注意事项"),
        ("Heading 1", "二、人社统一认证账号登录"),
        ("Heading 2", "（一）单位账号注册"),
        ("Heading 3", "1. 单位所属实名人员信息"),
    ]
    captions = [text for style, text in paragraphs if style == "Caption"]
    assert captions == ["图 1  A1.1 登录方式", "图 2  B1.1 实名人员"]
    assert len(document.inline_shapes) == 2
    texts = [text for _, text in paragraphs]
    # Each caption follows its step's own words and its picture, under the step's heading.
    assert (
        texts.index("在法人登录页面，有多种登录方式。")
        < texts.index("图 1  A1.1 登录方式")
        < texts.index("2. 账号密码登录")
    )
    assert "【缺少截图：场景在步骤「我点击账号密码」失败】" in texts
    assert not any("A1.3" in text for text in captions) and "本步骤不显示页面。" in texts
    assert texts[0] == "测试指引" and "本指引的开篇语。" in texts and "登录地址：https://example.gov.cn/login" in texts
    front = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert (
        front["截图环境"] == "内置模拟门户（界面 classic）"
        and front["代码版本（提交）"] == "abc123def456"
        and front["文档生成时间"] == "2024-06-01 10:05"
    )


def test_pictures_fit_the_printable_page(shots: Path) -> None:
    wide_width, wide_height = picture_size(shots / "B1.1.png")
    assert round(wide_width.cm, 1) == 16.0 and round(wide_height.cm, 1) == 10.0
    tall_width, tall_height = picture_size(shots / "A1.1.png")
    assert round(tall_height.cm, 1) == 21.0 and tall_width.cm < 16


def test_front_page_reads_the_manifest_and_warns_of_an_english_browser(shots: Path) -> None:
    manifest = json.loads((shots / "shots.json").read_text(encoding="utf-8"))
    page = front_page(manifest, shots, now=datetime(2024, 6, 1, 9, 30, tzinfo=TIMEZONE), commit="abc")
    assert page.generated == "2024-06-01 09:30" and page.environment == "内置模拟门户（界面 classic）"
    assert page.browser == "Chromium 156.0 /usr/bin/chromium" and "测试数据种子 20240601" in page.settings
    manifest["browser"]["chinese_ui"] = False
    assert "原生控件显示为英文" in front_page(manifest, shots, commit="abc").browser
    assert guide_doc.git_commit(shots).startswith("未知")


def contains(text: str, expected: str) -> bool:
    """Whether `expected` is in text extracted from the PDF. The CJK fonts share glyphs between
    ideographs and radicals (户 and ⼾), so extraction may give either: any character of the
    radical blocks stands for any ideograph."""
    pattern = "".join(
        f"(?:{re.escape(char)}|[\u2e80-\u2fdf])" if "\u4e00" <= char <= "\u9fff" else re.escape(char)
        for char in expected
    )
    return re.search(pattern, text) is not None


def test_pdf_is_printed_with_every_heading_in_order(shots: Path, browser: Browser) -> None:
    catalog = parse_catalog(CATALOG)
    manifest = json.loads((shots / "shots.json").read_text(encoding="utf-8"))
    html = build_html(catalog, manifest, shots, shots / "操作指引.html", FRONT)
    pdf = print_pdf(html, shots / "操作指引.pdf", browser)
    pages = [page.extract_text().replace("\n", "") for page in PdfReader(str(pdf)).pages]
    # Front page, part 一 (with its tall picture on a page of its own), part 二.
    assert 3 <= len(pages) <= 5
    assert (
        contains(pages[0], "测试指引")
        and contains(pages[0], "abc123def456")
        and not contains(pages[0], "一、省统一身份认证登录")
    )
    assert contains(pages[-1], "二、人社统一认证账号登录") and contains(pages[-1], "图 2 B1.1 实名人员")
    text = "".join(pages)
    positions = [
        search(re.escape(step.id), text) for step in catalog.steps if step.id in figures(catalog, manifest, shots)
    ]
    assert all(positions) and [match.start() for match in positions] == sorted(match.start() for match in positions)
    assert all(contains(text, step.heading) for step in catalog.steps)
    assert contains(text, "缺少截图")


def test_command_refuses_without_shots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert guide_doc.main(["--shots", str(tmp_path), "--no-pdf"]) == 1
    assert "先运行 make guide" in capsys.readouterr().err


def test_command_writes_the_docx_from_the_repository_catalogue(shots: Path) -> None:
    assert guide_doc.main(["--shots", str(shots), "--no-pdf"]) == 0
    document = Document(str(shots / "操作指引.docx"))
    headings = [paragraph.text for paragraph in document.paragraphs if style_name(paragraph).startswith("Heading")]
    catalog = load_catalog()
    assert [heading for heading in headings if heading in {step.heading for step in catalog.steps}] == [
        step.heading for step in catalog.steps
    ]
    assert headings[0] == catalog.parts[0].heading


def test_guide_index_warns_of_shots_another_machine_would_not_reproduce() -> None:
    from harness.guide.build import reproducibility_warnings

    assert reproducibility_warnings({"browser": {"chinese_ui": True, "fixed_fonts": True}}) == []
    warnings = reproducibility_warnings({"browser": {"chinese_ui": False, "fixed_fonts": False}})
    assert len(warnings) == 2 and "chromium-l10n" in warnings[0] and "fonts-noto-cjk" in warnings[1]


def test_catalogue_refuses_a_malformed_guide_table_or_link() -> None:
    from harness.guide.catalog import CatalogError

    with pytest.raises(CatalogError, match=r"\[guide\]: 未知的键 subtitle"):
        parse_catalog({**CATALOG, "guide": {"title": "指引", "subtitle": "副标题"}})
    part = {**CATALOG["part"][0], "links": [{"text": "登录地址"}]}
    with pytest.raises(CatalogError, match=r"links\[0\]: 缺少 url"):
        parse_catalog({**CATALOG, "part": [part]})
    assert parse_catalog({"part": CATALOG["part"]}).title == "失业保险稳岗返还注册登录 操作指引（省网厅渠道）"
