"""The regenerated operating guide: index pages from the shots of `make guide`, comparison with
the approved screenshots, and their approval."""

#     python -m harness.cli.guide build   [--shots reports/guide] [--approved guide/approved] [--fail-on-change]
#     python -m harness.cli.guide approve [--shots reports/guide] [--approved guide/approved]
#
# `build` reads the manifest the guide-shot plugin wrote (`shots.json`), compares every shot with
# `guide/approved/<ID>.png`, writes `diff/<ID>.png` for the changed ones and assembles `index.html`
# and `index.md` in the guide's order and headings, each picture captioned with the guide's words,
# with a section of the accessibility audit of each step's page (`<shots>/a11y/`, harness/a11y/audit.py).
# A change is reported; it fails the command only with `--fail-on-change`. `approve` copies the
# new shots over the approved ones.

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from harness.a11y.audit import load_rules, read_results
from harness.guide.catalog import CATALOG_FILE, Catalog, GuideStep, load_catalog
from harness.guide.image_diff import Comparison, compare_images
from harness.guide.shots import MANIFEST
from harness.reporting.rendering import render, report_links, write

REPO = Path(__file__).resolve().parents[2]
SHOTS_DIR = REPO / "reports" / "guide"
APPROVED_DIR = REPO / "guide" / "approved"

# State of one guide step in the regenerated guide.
STATES = {
    "same": "与批准版本一致",
    "changed": "有变化",
    "new": "新截图（尚未批准）",
    "missing": "缺少截图",
    "no_page": "本步骤不显示页面",
}


@dataclass
class GuideEntry:
    """One guide step as the index shows it."""

    step: GuideStep
    state: str
    image: str | None = None
    approved: str | None = None
    diff: str | None = None
    reason: str = ""
    source: str = ""
    notes: list[str] = field(default_factory=list)
    comparison: Comparison | None = None

    @property
    def state_name(self) -> str:
        """The state in Chinese."""
        return STATES[self.state]


@dataclass
class GuideBuild:
    """Result of `build`: the entries in guide order and where the index was written."""

    entries: list[GuideEntry]
    index_html: Path
    index_md: Path

    def ids(self, state: str) -> list[str]:
        """IDs of the entries in `state`."""
        return [entry.step.id for entry in self.entries if entry.state == state]


def read_manifest(shots_dir: Path) -> dict:
    """The guide-shot plugin's manifest; an empty one when `make guide` has not run."""
    path = shots_dir / MANIFEST
    if not path.exists():
        return {"shots": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def build_entries(catalog: Catalog, manifest: dict, shots_dir: Path, approved_dir: Path) -> list[GuideEntry]:
    """Compares each shot with its approved version (writing diff images) and returns one
    entry per guide step, in the guide's order."""
    diff_dir = shots_dir / "diff"
    for old in diff_dir.glob("*.png"):
        old.unlink()
    entries = []
    for step in catalog.steps:
        record = manifest["shots"].get(step.id)
        approved = approved_dir / f"{step.id}.png"
        approved_link = _relative(approved, shots_dir) if approved.exists() else None
        if not step.page:
            entries.append(GuideEntry(step, "no_page"))
            continue
        shot = shots_dir / f"{step.id}.png"
        if not record or record.get("status") != "taken" or not shot.exists():
            reason = (record or {}).get("reason") or "本次没有生成截图（先运行 make guide）"
            entries.append(GuideEntry(step, "missing", approved=approved_link, reason=reason))
            continue
        source = (
            f"{record['feature']}：场景「{record['scenario']}」，"
            f"{'步骤之前' if record.get('moment') == 'before' else '步骤之后'}「{record['step']}」"
        )
        entry = GuideEntry(
            step, "new", image=shot.name, approved=approved_link, source=source, notes=list(record.get("notes", []))
        )
        if approved.exists():
            diff = diff_dir / f"{step.id}.png"
            entry.comparison = compare_images(shot, approved, diff)
            entry.state = "changed" if entry.comparison.changed else "same"
            entry.diff = _relative(diff, shots_dir) if entry.comparison.changed else None
        entries.append(entry)
    return entries


def build_guide(catalog: Catalog, shots_dir: Path = SHOTS_DIR, approved_dir: Path = APPROVED_DIR) -> GuideBuild:
    """Writes `index.html`, `index.md` and the diff images into `shots_dir`."""
    manifest = read_manifest(shots_dir)
    entries = build_entries(catalog, manifest, shots_dir, approved_dir)
    by_id = {entry.step.id: entry for entry in entries}
    context = {
        "catalog": catalog,
        "entries": by_id,
        "states": STATES,
        "counts": {state: sum(1 for entry in entries if entry.state == state) for state in STATES},
        "changed": [entry for entry in entries if entry.state in ("changed", "new")],
        "missing": [entry for entry in entries if entry.state == "missing"],
        "manifest": manifest,
        "links": report_links("guide/index.html"),
        "a11y": read_results([shots_dir / "a11y"]),
        "a11y_rules": load_rules(),
        "warnings": reproducibility_warnings(manifest),
    }
    index_html = write(shots_dir / "index.html", render("guide_index.html", **context))
    index_md = write(shots_dir / "index.md", render("guide_index.md", **context))
    return GuideBuild(entries=entries, index_html=index_html, index_md=index_md)


def approve(catalog: Catalog, shots_dir: Path = SHOTS_DIR, approved_dir: Path = APPROVED_DIR) -> list[str]:
    """Copies every shot of the last `make guide` over the approved set; removes approved shots
    of IDs the catalogue no longer has. A step without a new shot keeps its approved one.
    Returns the IDs copied."""
    approved_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(shots_dir)
    copied = []
    for step in catalog.steps:
        shot = shots_dir / f"{step.id}.png"
        if manifest["shots"].get(step.id, {}).get("status") == "taken" and shot.exists():
            shutil.copyfile(shot, approved_dir / shot.name)
            copied.append(step.id)
    known = {f"{guide_id}.png" for guide_id in catalog.ids}
    for stale in approved_dir.glob("*.png"):
        if stale.name not in known:
            stale.unlink()
    return copied


def reproducibility_warnings(manifest: dict) -> list[str]:
    """What makes these shots differ from the approved ones on another machine, from the manifest."""
    browser = manifest.get("browser", {})
    warnings = []
    if browser and not browser.get("chinese_ui", True):
        warnings.append("浏览器没有中文界面资源，原生控件（如文件选择框）显示为英文：安装 chromium 与 chromium-l10n")
    if browser and not browser.get("fixed_fonts", True):
        warnings.append("未安装固定字体（fonts-noto-cjk、fonts-dejavu-core），字形可能与批准版本不同")
    return warnings


def _print_summary(build: GuideBuild, manifest: dict) -> None:
    print(f"操作指引：file://{build.index_html.resolve()}")
    for warning in reproducibility_warnings(manifest):
        print(f"  注意：{warning}")
    for state in ("changed", "new", "missing"):
        ids = build.ids(state)
        if ids:
            print(f"  {STATES[state]}（{len(ids)}）：{', '.join(ids)}")
    # Where each change is, so a log without the report (CI) still says what moved.
    for entry in build.entries:
        if entry.state == "changed" and entry.comparison is not None:
            box = entry.comparison.box
            where = f"，区域 ({box[0]},{box[1]})–({box[2]},{box[3]})" if box else ""
            print(f"    {entry.step.id}：{entry.comparison.describe()}{where}；差异图 {entry.diff}")
    same = build.ids("same")
    print(f"  {STATES['same']}：{len(same)} 张")


def main(argv: list[str] | None = None) -> int:
    """Command line: `build` or `approve`; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.guide", description="操作指引截图：生成索引、与批准版本比较、批准"
    )
    parser.add_argument("command", choices=("build", "approve"))
    parser.add_argument("--shots", type=Path, default=SHOTS_DIR, help="make guide 的截图目录")
    parser.add_argument("--approved", type=Path, default=APPROVED_DIR, help="已批准截图的目录（在仓库中）")
    parser.add_argument("--catalog", type=Path, default=CATALOG_FILE)
    parser.add_argument("--fail-on-change", action="store_true", help="有截图变化或新截图未批准时以 1 退出")
    args = parser.parse_args(argv)
    catalog = load_catalog(args.catalog)
    if args.command == "approve":
        copied = approve(catalog, args.shots, args.approved)
        if not copied:
            print(f"{args.shots} 中没有截图：先运行 make guide", file=sys.stderr)
            return 1
        print(f"已批准 {len(copied)} 张截图 → {args.approved}：{', '.join(copied)}")
        return 0
    build = build_guide(catalog, args.shots, args.approved)
    _print_summary(build, read_manifest(args.shots))
    if args.fail_on_change and (build.ids("changed") or build.ids("new")):
        print("截图与批准版本不一致（--fail-on-change）：检查后用 make guide-approve 批准", file=sys.stderr)
        return 1
    return 0
