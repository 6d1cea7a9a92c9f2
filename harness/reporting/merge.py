"""Merges the raw Allure results of several runs (the shards of a CI matrix) into one folder,
from which `make report` builds one Allure report, one traceability table and one sign-off."""

#     python -m harness.cli.merge_results --out reports/allure-results shard-1/allure-results shard-2/allure-results
#
# Result and attachment files have unique names (UUIDs) and are copied as they are. Each run
# wrote its own environment block; the merged one states each fact once where the runs agree
# and lists the values where they differ (each shard's mock portals have their own ports), plus
# how many result folders were merged.

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from harness.reporting.allure import write_environment
from harness.run.parallel import merge_facts

ENVIRONMENT = "environment.properties"


class MergeError(ValueError):
    """A folder that cannot be merged: missing, or the output folder itself."""


def read_environment(path: Path) -> dict[str, str]:
    """The key=value lines of an `environment.properties` (UTF-8), or {} when there is none."""
    if not path.is_file():
        return {}
    facts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, separator, value = line.partition("=")
        if separator:
            facts[key.strip()] = value.strip()
    return facts


def merge(sources: list[Path], out: Path) -> int:
    """Copies every result of `sources` into `out` (emptied first); returns the number of
    scenario results merged."""
    for source in sources:
        if not source.is_dir():
            raise MergeError(f"结果目录不存在：{source}")
        if source.resolve() == out.resolve():
            raise MergeError(f"输出目录不能同时是输入目录：{source}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    results = 0
    for source in sources:
        for path in sorted(source.iterdir()):
            if path.name == ENVIRONMENT or not path.is_file():
                continue
            target = out / path.name
            if target.exists():
                continue  # a file every run writes alike (categories.json, executor.json): kept once
            shutil.copy2(path, target)
            results += path.name.endswith("-result.json")
    facts = merge_facts(read_environment(source / ENVIRONMENT) for source in sources)
    if facts:
        facts["合并的结果目录数"] = str(len(sources))
        write_environment(out, facts)
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: merges the folders given into --out."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.merge_results", description="合并多个分片的 Allure 原始结果"
    )
    parser.add_argument("sources", nargs="+", type=Path, help="各分片的 allure-results 目录")
    parser.add_argument("--out", type=Path, required=True, help="合并后的结果目录（先清空）")
    args = parser.parse_args(argv)
    try:
        count = merge(args.sources, args.out)
    except MergeError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"已合并 {len(args.sources)} 个结果目录、{count} 个场景结果 → {args.out}")
    return 0
