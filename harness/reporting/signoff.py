"""验收报告: the sign-off file for business reviewers (`make signoff`)."""

#     python -m harness.cli.signoff [--out reports/signoff.html]
#
# One Chinese HTML file that stands alone (images embedded as data: URLs) and prints cleanly on
# A4: for each guide step its scenarios and their results in the last run, one screenshot as
# evidence, and boxes for the reviewer's decision and remarks; at the top the environment the run
# used (portals, browser, data seed, commit, time), at the end the signature lines.

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import Image

from harness.guide.catalog import CATALOG_FILE, Catalog, load_catalog
from harness.preconditions import CAPABILITIES
from harness.reporting.allure import RENDITION_PARAMETER, renditions_of
from harness.reporting.rendering import STATUS_NAMES, data_uri, render, report_links, write
from harness.reporting.traceability import FEATURES_DIR, RESULTS_DIR, Row, Traceability, collect
from harness.staging.results import read_skips

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "reports" / "signoff.html"
GUIDE_SHOTS = REPO / "reports" / "guide"
APPROVED_SHOTS = REPO / "guide" / "approved"

# Evidence images are shrunk to this width: enough to read a page on A4, small enough that
# thirty of them keep the file easy to mail.
EVIDENCE_WIDTH = 1280
EVIDENCE_MAX_BYTES = 250_000
DECISIONS = ("通过", "不通过", "有条件通过")
ENVIRONMENT_KEYS = ("环境", "界面", "广东政务服务网", "广东人社统一认证", "浏览器", "测试数据种子")


@dataclass(frozen=True)
class EvidenceImage:
    """The picture shown for a guide step, ready to embed."""

    src: str
    caption: str


def read_properties(path: Path) -> dict[str, str]:
    """`key=value` lines (the environment block conftest writes for Allure); {} when absent."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "!")):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def run_environment(results_dir: Path) -> dict[str, str]:
    """The environment block of the results, its 界面 line naming every rendition the results
    ran on: `make e2e` runs one session per rendition into one folder, and an environment
    block written by an older harness names only the last."""
    environment = read_properties(results_dir / "environment.properties")
    renditions = renditions_of(results_dir) if results_dir.is_dir() else []
    if renditions:
        environment[RENDITION_PARAMETER] = "、".join(renditions)
    return environment


def current_commit(repo: Path = REPO) -> str:
    """Short commit of the working tree, or a note when there is no git."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "未知（没有 git）"
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "未知（不是 git 仓库）"


def _zone() -> ZoneInfo | None:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        return None


def format_time(moment: datetime | None) -> str:
    """Beijing time as the reviewers read it."""
    if moment is None:
        return "—"
    zone = _zone()
    return (moment.astimezone(zone) if zone else moment).strftime("%Y-%m-%d %H:%M:%S")


def run_period(trace: Traceability) -> str:
    """First start to last stop of the results in the table, or — without results."""
    results = [result for row in trace.rows for results in row.results.values() for result in results]
    starts = [result.start for result in results if result.start]
    stops = [result.stop for result in results if result.stop]
    if not starts:
        return "—（尚无运行结果）"
    first = datetime.fromtimestamp(min(starts) / 1000).astimezone()
    last = datetime.fromtimestamp(max(stops or starts) / 1000).astimezone()
    return f"{format_time(first)} 至 {format_time(last)}"


def embeddable(data: bytes, mime: str) -> str:
    """A data: URL of the image, shrunk and re-encoded when it is large."""
    if len(data) <= EVIDENCE_MAX_BYTES:
        return data_uri(data, mime)
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGB")
    if picture.width > EVIDENCE_WIDTH:
        picture = picture.resize(
            (EVIDENCE_WIDTH, round(picture.height * EVIDENCE_WIDTH / picture.width)), Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return data_uri(buffer.getvalue(), "image/jpeg")


def pick_evidence(
    row: Row, guide_shots: Path = GUIDE_SHOTS, approved_shots: Path = APPROVED_SHOTS
) -> EvidenceImage | None:
    """The step's evidence: the last screenshot of its scenario run (the guide's own scenario
    first, passed runs before others), else its guide screenshot, else the approved one."""
    preferred = row.step.shot.scenario if row.step.shot else None
    scenarios = sorted(row.scenarios, key=lambda scenario: scenario.name != preferred)
    candidates = [
        (scenario, result) for scenario in scenarios for result in row.results_of(scenario) if result.evidence
    ]
    candidates.sort(key=lambda pair: pair[1].status != "passed")
    if candidates:
        _, result = candidates[0]
        evidence = result.evidence
        assert evidence is not None  # candidates have evidence
        caption = (
            f"场景「{result.name}」（{STATUS_NAMES.get(result.status, result.status)}）最后一张截图，步骤："
            f"{evidence.step or '—'}"
        )
        return EvidenceImage(src=embeddable(evidence.path.read_bytes(), evidence.mime), caption=caption)
    for folder, what in (
        (guide_shots, "操作指引截图（make guide）"),
        (approved_shots, "已批准的操作指引截图（guide/approved）"),
    ):
        path = folder / f"{row.step.id}.png"
        if path.is_file():
            return EvidenceImage(src=embeddable(path.read_bytes(), "image/png"), caption=what)
    return None


def build_signoff(
    catalog: Catalog,
    trace: Traceability,
    environment: dict[str, str],
    commit: str,
    generated: datetime,
    guide_shots: Path = GUIDE_SHOTS,
    approved_shots: Path = APPROVED_SHOTS,
    skips: dict[str, dict[str, int]] | None = None,
) -> str:
    """The sign-off HTML; `skips` (run → missing capability → scenarios) says what a run
    could not try, so that reviewers do not take a skip for a pass."""
    rows = {row.step.id: row for row in trace.rows}
    statuses = [row.status for row in trace.rows]
    context = {
        "catalog": catalog,
        "trace": trace,
        "rows": rows,
        "evidence": {guide_id: pick_evidence(row, guide_shots, approved_shots) for guide_id, row in rows.items()},
        "environment": [(key, environment.get(key, "—")) for key in ENVIRONMENT_KEYS],
        "commit": commit,
        "run_period": run_period(trace),
        "generated": format_time(generated),
        "decisions": DECISIONS,
        "totals": {status: statuses.count(status) for status in dict.fromkeys(statuses)},
        "links": report_links("signoff.html"),
        "skips": {run: counts for run, counts in (skips or {}).items() if counts},
        "capabilities": CAPABILITIES,
    }
    return render("signoff.html", **context)


def main(argv: list[str] | None = None) -> int:
    """Command line: writes the sign-off file."""
    parser = argparse.ArgumentParser(prog="python -m harness.cli.signoff", description="生成验收报告（业务签字用）")
    parser.add_argument("--features", type=Path, default=FEATURES_DIR)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR)
    parser.add_argument("--guide", type=Path, default=GUIDE_SHOTS, help="make guide 的截图目录")
    parser.add_argument("--approved", type=Path, default=APPROVED_SHOTS)
    parser.add_argument("--catalog", type=Path, default=CATALOG_FILE)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    catalog = load_catalog(args.catalog)
    trace = collect(catalog, args.features, args.results)
    environment = run_environment(args.results)
    html = build_signoff(
        catalog,
        trace,
        environment,
        current_commit(),
        datetime.now().astimezone(),
        args.guide,
        args.approved,
        read_skips(args.results),
    )
    path = write(args.out, html)
    print(f"验收报告：file://{path.resolve()}")
    if not trace.results_found:
        print("  注意：没有找到运行结果（先运行 make e2e 或 make test）", file=sys.stderr)
    return 0
