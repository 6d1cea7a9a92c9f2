"""What a staging run leaves in its results: scenarios skipped per missing capability
(`capability-skips.json`), retried scenarios marked flaky."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from harness.preconditions import SKIP_PREFIX

SKIPS_FILE = "capability-skips.json"


CONTROL_API = "模拟控制接口"


def capability_of(reason: str) -> list[str]:
    """The capabilities a skip reason names: 「需要：A、B（…）」 → [A, B]; the control API's
    own refusals (@mock_only, the control fixtures) count as 「模拟控制接口」."""
    reason = reason.removeprefix("Skipped: ").strip()
    if reason.startswith(SKIP_PREFIX):
        names = re.split(r"[（(：]", reason[len(SKIP_PREFIX) :], maxsplit=1)[0]
        return [name for name in names.split("、") if name]
    if reason.startswith("需要模拟控制接口") or reason.startswith("@mock_only"):
        return [CONTROL_API]
    return []


def record_skips(results: Path, run: str, skips: Mapping[str, int]) -> None:
    """Adds this run's skips by capability to `capability-skips.json` (one entry per run, so
    the two renditions of `make test` stay apart) and to the Allure environment block."""
    results.mkdir(parents=True, exist_ok=True)
    path = results / SKIPS_FILE
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    recorded[run] = dict(skips)
    path.write_text(json.dumps(recorded, ensure_ascii=False, indent=1), encoding="utf-8")
    environment = results / "environment.properties"
    lines = [f"跳过·{SKIP_PREFIX}{capability}（{run}）={count}" for capability, count in sorted(skips.items())]
    if lines:
        with environment.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


def read_skips(results: Path) -> dict[str, dict[str, int]]:
    """Run → capability → number of scenarios skipped for lack of it."""
    path = results / SKIPS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def mark_flaky(results: Path, since: float) -> int:
    """Marks as flaky the final result of every scenario this session ran more than once with
    different outcomes (the earlier attempts stay in the report as its retries, with their
    evidence); returns how many."""
    attempts: dict[str, list[tuple[int, Path, dict]]] = {}
    for path in results.glob("*-result.json"):
        if path.stat().st_mtime < since:
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        attempts.setdefault(result.get("historyId", path.name), []).append((result.get("stop", 0), path, result))
    marked = 0
    for runs in attempts.values():
        # Failed, then passed (or the other way round): flaky. Failed every time: a failure.
        if len({result.get("status") for _, _, result in runs}) < 2:
            continue
        _, path, result = max(runs, key=lambda run: run[0])
        result.setdefault("statusDetails", {})["flaky"] = True
        path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        marked += 1
    return marked
