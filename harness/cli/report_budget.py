"""`python -m harness.cli.report_budget`: 报告体积 — `prepare` before the report is generated
(harness.reporting.budget), `measure` for the figures (harness.reporting.open_time)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from harness.reporting.budget import RESULTS_DIR, budget_from, deduplicate, layout


def main(argv: list[str] | None = None) -> int:
    """Command line: `prepare` before the report is generated, `measure` for the figures."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.report_budget",
        description="报告体积：相同附件只存一份，按大小选择单文件或多文件报告",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare", help="去重附件，并打印报告形式（single / multi）")
    prepare.add_argument("results", type=Path, nargs="?", default=RESULTS_DIR)
    measure = commands.add_parser("measure", help="每 100 个场景的体积、报告打开时间（含十倍规模的合成结果）")
    measure.add_argument("results", type=Path, nargs="?", default=RESULTS_DIR)
    measure.add_argument("--copies", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.results.is_dir():
        print(f"没有结果目录 {args.results}：先运行 make e2e", file=sys.stderr)
        return 1
    if args.command == "prepare":
        budget = budget_from(os.environ)
        print(deduplicate(args.results).describe(), file=sys.stderr)
        print(layout(args.results, budget))
        return 0
    from harness.reporting.open_time import measure_report  # browser and report generator: only here

    with tempfile.TemporaryDirectory(prefix="report-measure-") as scratch:
        return measure_report(args.results, Path(scratch), args.copies)


if __name__ == "__main__":
    sys.exit(main())
