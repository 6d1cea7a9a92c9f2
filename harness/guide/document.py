"""The regenerated guide as documents for its writers: `操作指引.docx` to edit and publish, and
`操作指引.pdf` printed from the same content to check the layout."""

#     python -m harness.cli.guide_doc [--shots reports/guide] [--out reports/guide] [--no-pdf]
#
# Both follow the catalogue (`harness/guide/catalog.toml`): a front page with the title, the
# environment the screenshots were taken on, the date and the commit; then the guide's parts,
# sections and steps as headings in its order, each step's text in the guide's own words, its new
# screenshot from the last `make guide` (`<shots>/<ID>.png`, described by `shots.json`) at the
# width of an A4 page, and a numbered caption. A step without a shot says why, in its place.
# The PDF is the print of `操作指引.html` by the browser the harness uses.

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image
from playwright.sync_api import Browser, sync_playwright

from harness.guide.build import SHOTS_DIR, read_manifest
from harness.guide.catalog import CATALOG_FILE, Catalog, GuideStep, load_catalog
from harness.reporting.rendering import render, write
from harness.target.browser import ENV_VAR_BROWSER_PATH, find_browser

REPO = Path(__file__).resolve().parents[2]
DOCX_NAME = "操作指引.docx"
PDF_NAME = "操作指引.pdf"
HTML_NAME = "操作指引.html"

# A4 with 2 cm margins: 17 cm of text width; a picture keeps a little air on either side and
# never runs past the page's height (a long full-page shot is scaled down to fit).
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2)
PICTURE_WIDTH_CM, PICTURE_MAX_HEIGHT_CM = 16.0, 21.0
CAPTION_STYLE = "Caption"
# The East Asian font the document asks for; Word and WPS substitute their own where missing.
EAST_ASIAN_FONT = "Microsoft YaHei"
TIMEZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Figure:
    """A step's picture in the document: its number, file and caption."""

    number: int
    step: GuideStep
    image: Path

    @property
    def caption(self) -> str:
        """「图 3  A1.3 法人注册页」: the caption under the picture."""
        return f"图 {self.number}  {self.step.id} {self.step.title}"


@dataclass(frozen=True)
class FrontPage:
    """What the front page says about where and when the pictures were made."""

    environment: str
    browser: str
    settings: str
    shots_taken: str
    generated: str
    commit: str

    def rows(self) -> list[tuple[str, str]]:
        """The front page's table, in order."""
        return [
            ("截图环境", self.environment),
            ("浏览器", self.browser),
            ("截图设置", self.settings),
            ("截图时间", self.shots_taken),
            ("文档生成时间", self.generated),
            ("代码版本（提交）", self.commit),
        ]


def figures(catalog: Catalog, manifest: dict, shots_dir: Path) -> dict[str, Figure]:
    """The pictures of the last `make guide`, numbered in the guide's order, by guide ID."""
    found: dict[str, Figure] = {}
    for step in catalog.steps:
        image = shots_dir / f"{step.id}.png"
        if manifest["shots"].get(step.id, {}).get("status") == "taken" and image.is_file():
            found[step.id] = Figure(number=len(found) + 1, step=step, image=image)
    return found


def missing_reason(step: GuideStep, manifest: dict) -> str:
    """Why a step that shows a page has no picture in this build."""
    return manifest["shots"].get(step.id, {}).get("reason") or "本次没有生成截图（先运行 make guide）"


def git_commit(repo: Path = REPO) -> str:
    """The commit the documents were built from, marked when the work tree has changes."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "未知（不在 git 仓库中）"
    return f"{commit}（工作区有未提交的改动）" if dirty else commit


def front_page(manifest: dict, shots_dir: Path, now: datetime | None = None, commit: str | None = None) -> FrontPage:
    """The front page's facts, from the manifest of `make guide` and the repository."""
    browser = manifest.get("browser", {})
    browser_text = (
        " ".join(
            part for part in (browser.get("version") and f"Chromium {browser['version']}", browser.get("path")) if part
        )
        or "—"
    )
    if browser and not browser.get("chinese_ui", True):
        browser_text += "（注意：浏览器没有中文界面资源，原生控件显示为英文）"
    if browser and not browser.get("fixed_fonts", True):
        browser_text += "（注意：未安装固定字体，字形可能与批准版本不同）"
    manifest_file = shots_dir / "shots.json"
    taken = (
        datetime.fromtimestamp(manifest_file.stat().st_mtime, TIMEZONE).strftime("%Y-%m-%d %H:%M")
        if manifest_file.exists()
        else "—"
    )
    return FrontPage(
        environment=manifest.get("environment") or "—",
        browser=browser_text,
        settings=(
            f"视口 {manifest.get('viewport', '—')}，设备像素比 {manifest.get('device_scale_factor', '—')}，"
            f"测试数据种子 {manifest.get('faker_seed', '—')}"
        ),
        shots_taken=taken,
        generated=(now or datetime.now(TIMEZONE)).strftime("%Y-%m-%d %H:%M"),
        commit=commit if commit is not None else git_commit(),
    )


def picture_size(image: Path) -> tuple[Cm, Cm]:
    """Width and height of a picture on the page: the printable width, or less for a tall one."""
    with Image.open(image) as opened:
        width, height = opened.size
    width_cm = PICTURE_WIDTH_CM
    height_cm = width_cm * height / width
    if height_cm > PICTURE_MAX_HEIGHT_CM:
        width_cm, height_cm = width_cm * PICTURE_MAX_HEIGHT_CM / height_cm, PICTURE_MAX_HEIGHT_CM
    return Cm(width_cm), Cm(height_cm)


def _east_asian(style: object, font: str = EAST_ASIAN_FONT) -> None:
    # python-docx sets only the Latin font; Chinese text takes w:eastAsia.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), font)


def build_docx(catalog: Catalog, manifest: dict, shots_dir: Path, out: Path, page: FrontPage) -> Path:
    """Writes the DOCX; returns its path."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", CAPTION_STYLE):
        _east_asian(document.styles[name])
    document.styles["Normal"].font.size = Pt(11)
    properties = document.core_properties
    properties.title, properties.subject, properties.author = (
        catalog.title,
        "操作指引截图（make guide-doc）",
        "稳岗返还验收测试",
    )
    properties.comments = f"提交 {page.commit}"

    document.add_paragraph(catalog.title, style="Title")
    document.add_paragraph("由验收套件重新截图生成", style="Subtitle")
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in page.rows():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("截图中红框标出该步骤操作的元素；灰块遮盖每次运行都会变化的内容或个人信息。")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    if catalog.intro:
        document.add_paragraph(catalog.intro)
    pictures = figures(catalog, manifest, shots_dir)
    for part in catalog.parts:
        document.add_heading(part.heading, level=1)
        if part.intro:
            document.add_paragraph(part.intro)
        for link in part.links:
            document.add_paragraph(f"{link.text}：{link.url}")
        for guide_section in part.sections:
            if guide_section.heading:
                document.add_heading(guide_section.heading, level=2)
            for step in guide_section.steps:
                document.add_heading(step.heading, level=3)
                words = document.add_paragraph(step.caption)
                figure = pictures.get(step.id)
                # A step's words stay on the page of its picture.
                words.paragraph_format.keep_with_next = figure is not None
                if figure:
                    width, height = picture_size(figure.image)
                    holder = document.add_paragraph()
                    holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    holder.paragraph_format.keep_with_next = True
                    holder.add_run().add_picture(str(figure.image), width=width, height=height)
                    caption = document.add_paragraph(figure.caption, style=CAPTION_STYLE)
                    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif step.page:
                    document.add_paragraph(f"【缺少截图：{missing_reason(step, manifest)}】")
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def build_html(catalog: Catalog, manifest: dict, shots_dir: Path, out: Path, page: FrontPage) -> Path:
    """Writes the printable HTML beside the shots (pictures by relative path); returns its path."""
    pictures = figures(catalog, manifest, shots_dir)
    links = {
        guide_id: Path(os.path.relpath(figure.image, out.parent)).as_posix() for guide_id, figure in pictures.items()
    }
    reasons = {
        step.id: missing_reason(step, manifest) for step in catalog.steps if step.page and step.id not in pictures
    }
    return write(
        out, render("guide_print.html", catalog=catalog, front=page, figures=pictures, sources=links, reasons=reasons)
    )


def print_pdf(html: Path, out: Path, browser: Browser | None = None) -> Path:
    """Prints the HTML to an A4 PDF with `browser`, or with the harness's own choice of browser
    started for it; returns its path."""
    if browser is None:
        with sync_playwright() as playwright:
            choice = find_browser(os.environ.get(ENV_VAR_BROWSER_PATH), playwright.chromium.executable_path)
            started = playwright.chromium.launch(**choice.launch_args())
            try:
                return print_pdf(html, out, started)
            finally:
                started.close()
    page = browser.new_page()
    try:
        # "load" waits for every picture; the fonts are local and ready with it.
        page.goto(html.resolve().as_uri(), wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=(
                '<div style="width:100%;text-align:center;font-size:9px;color:#666">'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
            ),
            margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
        )
    finally:
        page.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: writes the DOCX and (unless --no-pdf) the HTML and the PDF."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.guide_doc", description="操作指引文档：DOCX（可编辑）与 PDF（检查版式）"
    )
    parser.add_argument("--shots", type=Path, default=SHOTS_DIR, help="make guide 的截图目录")
    parser.add_argument("--out", type=Path, default=None, help="输出目录（默认与截图目录相同）")
    parser.add_argument("--catalog", type=Path, default=CATALOG_FILE)
    parser.add_argument("--no-pdf", action="store_true", help="只生成 DOCX")
    args = parser.parse_args(argv)
    out_dir = args.out or args.shots
    catalog = load_catalog(args.catalog)
    manifest = read_manifest(args.shots)
    if not manifest["shots"]:
        print(f"{args.shots} 中没有 make guide 的结果（shots.json）：先运行 make guide", file=sys.stderr)
        return 1
    page = front_page(manifest, args.shots)
    docx = build_docx(catalog, manifest, args.shots, out_dir / DOCX_NAME, page)
    count = len(figures(catalog, manifest, args.shots))
    print(f"操作指引 DOCX：file://{docx.resolve()}（{count} 张截图）")
    missing = [step.id for step in catalog.steps if step.page and step.id not in figures(catalog, manifest, args.shots)]
    if missing:
        print(f"  缺少截图：{', '.join(missing)}")
    if not args.no_pdf:
        html = build_html(catalog, manifest, args.shots, out_dir / HTML_NAME, page)
        pdf = print_pdf(html, out_dir / PDF_NAME)
        print(f"操作指引 PDF：file://{pdf.resolve()}")
    return 0
