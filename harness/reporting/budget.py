"""The report's size budget: identical attachments stored once, and the report's layout chosen
by size — one self-contained file while it stays small enough for a browser to open at once,
Allure 3's multi-file report (served by any static web server) above that."""

#     python -m harness.cli.report_budget prepare reports/allure-results   # prints single or multi
#     python -m harness.cli.report_budget measure [--copies 10]            # MB per 100 scenarios, open times

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS_DIR = Path("reports/allure-results")
# Above this many MB of results the single file stops being practical: measured, a 169 MB file
# took headless Chromium 6 s before it showed the tree (docs/速度.md).
ENV_VAR_BUDGET = "REPORT_SINGLE_FILE_MB"
DEFAULT_BUDGET_MB = 60.0


def _attachment_lists(node: Any) -> Iterator[list[dict[str, Any]]]:
    # Attachments hang on a test result, its steps at any depth, and fixtures' befores/afters.
    if isinstance(node, dict):
        if isinstance(node.get("attachments"), list):
            yield node["attachments"]
        for value in node.values():
            yield from _attachment_lists(value)
    elif isinstance(node, list):
        for value in node:
            yield from _attachment_lists(value)


@dataclass(frozen=True)
class Deduplication:
    """What storing identical attachments once did to a results folder."""

    files_before: int
    files_after: int
    bytes_before: int
    bytes_after: int

    def describe(self) -> str:
        """One line for the log."""
        saved = (self.bytes_before - self.bytes_after) / 1e6
        return f"附件 {self.files_before} 个 → {self.files_after} 个（相同内容只存一份，省 {saved:.1f} MB）"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deduplicate(results: Path) -> Deduplication:
    """Points every reference to an attachment whose bytes another one already has at that one,
    and deletes the copies. A step that changed nothing carries the previous step's picture, and
    many scenarios open on the same page: most step pictures are copies."""
    documents = sorted(results.glob("*-result.json")) + sorted(results.glob("*-container.json"))
    first_of: dict[str, str] = {}  # content digest → the source kept
    kept_for: dict[str, str] = {}  # source → the source kept for its content
    sizes: dict[str, int] = {}
    for document in documents:
        data = json.loads(document.read_text(encoding="utf-8"))
        changed = False
        for attachments in _attachment_lists(data):
            for attachment in attachments:
                source = attachment.get("source")
                if not isinstance(source, str) or "/" in source or not (results / source).is_file():
                    continue
                if source not in kept_for:
                    sizes[source] = (results / source).stat().st_size
                    kept_for[source] = first_of.setdefault(_digest(results / source), source)
                if kept_for[source] != source:
                    attachment["source"] = kept_for[source]
                    changed = True
        if changed:
            _write_atomically(document, json.dumps(data, ensure_ascii=False))
    copies = [source for source, kept in kept_for.items() if kept != source]
    for source in copies:
        (results / source).unlink()
    before = sum(sizes.values())
    return Deduplication(
        len(kept_for), len(kept_for) - len(copies), before, before - sum(sizes[source] for source in copies)
    )


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def folder_bytes(folder: Path) -> int:
    """The size of the files in a folder, subfolders included."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def layout(results: Path, budget_mb: float) -> str:
    """`single` while the results fit the budget, else `multi`."""
    return "single" if folder_bytes(results) <= budget_mb * 1e6 else "multi"


def budget_from(environ: Mapping[str, str]) -> float:
    """The single-file budget in MB (REPORT_SINGLE_FILE_MB), refused when it is no number."""
    raw = environ.get(ENV_VAR_BUDGET, "")
    if not raw:
        return DEFAULT_BUDGET_MB
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"环境变量 {ENV_VAR_BUDGET}=「{raw}」不是数字（单文件报告的上限，单位 MB）") from None
    if value <= 0:
        raise SystemExit(f"环境变量 {ENV_VAR_BUDGET} 必须大于 0，而不是 {raw}")
    return value


def replicate(results: Path, into: Path, copies: int) -> int:
    """`copies` copies of a results folder under new ids (a suite `copies` times the size, for
    measuring the report at scale); returns the number of test results written."""
    into.mkdir(parents=True, exist_ok=True)
    documents = [path for path in results.iterdir() if path.name.endswith(("-result.json", "-container.json"))]
    attachments = [path for path in results.iterdir() if "-attachment" in path.name]
    for path in results.iterdir():
        if path.is_file() and path not in documents and path not in attachments:
            shutil.copyfile(path, into / path.name)  # environment.properties and the like
    written = 0
    for copy in range(copies):
        # Every id a document or a file name carries gets a new one: results, containers (which
        # name their children) and attachments.
        new_ids = {path.name[:36]: str(uuid.uuid4()) for path in documents + attachments}
        for path in attachments:
            # A copy's bytes differ from the original's (image decoders ignore what follows the
            # picture), so that storing identical attachments once cannot fold the copies into
            # one: a suite ten times the size has ten times the pictures.
            (into / f"{new_ids[path.name[:36]]}{path.name[36:]}").write_bytes(path.read_bytes() + f"\n{copy}".encode())
        for path in documents:
            text = path.read_text(encoding="utf-8")
            for old, new in new_ids.items():
                text = text.replace(old, new)
            data = json.loads(text)
            if copy and "historyId" in data:
                data["historyId"] = data["testCaseId"] = f"{data['historyId']}-{copy}"
                data["name"] = f"{data.get('name', '')}（副本 {copy + 1}）"
            written += path.name.endswith("-result.json")
            (into / f"{new_ids[path.name[:36]]}{path.name[36:]}").write_text(
                json.dumps(data, ensure_ascii=False), encoding="utf-8"
            )
    return written


def count_scenarios(results: Path) -> int:
    """Test results in a results folder (one per scenario run)."""
    return sum(1 for _ in results.glob("*-result.json"))
