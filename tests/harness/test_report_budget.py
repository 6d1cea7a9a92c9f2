"""The report's size budget: identical attachments stored once, the layout switch by size, and
the synthetic larger suite the open time is measured on."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from harness.reporting.budget import budget_from, count_scenarios, deduplicate, folder_bytes, layout, replicate

PICTURE = b"\xff\xd8 a step picture \xff\xd9"
OTHER_PICTURE = b"\xff\xd8 another picture \xff\xd9"


def _attachment(results: Path, data: bytes, suffix: str = "jpg") -> str:
    name = f"{uuid.uuid4()}-attachment.{suffix}"
    (results / name).write_bytes(data)
    return name


def _result(results: Path, steps: list[dict], **extra: object) -> Path:
    test_id = str(uuid.uuid4())
    path = results / f"{test_id}-result.json"
    path.write_text(
        json.dumps(
            {"uuid": test_id, "historyId": f"h-{test_id}", "name": "场景", "steps": steps, **extra}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    return path


def _step(*sources: str, steps: list[dict] | None = None) -> dict:
    return {
        "name": "步骤",
        "attachments": [{"name": "图", "source": source, "type": "image/jpg"} for source in sources],
        "steps": steps or [],
    }


def _sources(path: Path) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend(attachment["source"] for attachment in node.get("attachments", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def test_identical_attachments_are_stored_once_and_every_reference_follows(tmp_path: Path) -> None:
    first, copy, nested_copy, other = (
        _attachment(tmp_path, data) for data in (PICTURE, PICTURE, PICTURE, OTHER_PICTURE)
    )
    one = _result(tmp_path, [_step(first), _step(copy, steps=[_step(nested_copy)])])
    two = _result(tmp_path, [_step(other)])

    outcome = deduplicate(tmp_path)

    assert (outcome.files_before, outcome.files_after) == (4, 2)
    assert outcome.bytes_before - outcome.bytes_after == 2 * len(PICTURE)
    assert _sources(one) == [first, first, first]
    assert _sources(two) == [other]
    assert sorted(path.name for path in tmp_path.glob("*-attachment.*")) == sorted([first, other])


def test_a_reference_to_a_missing_or_foreign_file_is_left_alone(tmp_path: Path) -> None:
    kept = _attachment(tmp_path, PICTURE)
    result = _result(tmp_path, [_step(kept, "gone-attachment.jpg", "../outside.jpg")])
    deduplicate(tmp_path)
    assert _sources(result) == [kept, "gone-attachment.jpg", "../outside.jpg"]


def test_the_report_is_one_file_within_the_budget_and_multi_file_above_it(tmp_path: Path) -> None:
    _attachment(tmp_path, b"x" * 2_000_000)
    assert layout(tmp_path, budget_mb=3) == "single"
    assert layout(tmp_path, budget_mb=1) == "multi"


@pytest.mark.parametrize(("raw", "expected"), [("", 60.0), ("25", 25.0), ("0.5", 0.5)])
def test_the_budget_comes_from_the_environment(raw: str, expected: float) -> None:
    assert budget_from({"REPORT_SINGLE_FILE_MB": raw}) == expected


@pytest.mark.parametrize("raw", ["sixty", "-1", "0"])
def test_a_budget_that_is_no_positive_number_is_refused_with_its_name(raw: str) -> None:
    with pytest.raises(SystemExit, match="REPORT_SINGLE_FILE_MB"):
        budget_from({"REPORT_SINGLE_FILE_MB": raw})


def test_a_synthetic_suite_has_new_ids_and_pictures_that_do_not_fold_into_one(tmp_path: Path) -> None:
    results, larger = tmp_path / "results", tmp_path / "larger"
    results.mkdir()
    picture = _attachment(results, PICTURE)
    test = _result(results, [_step(picture)])
    container_id = str(uuid.uuid4())
    test_id = json.loads(test.read_text(encoding="utf-8"))["uuid"]
    (results / f"{container_id}-container.json").write_text(
        json.dumps({"uuid": container_id, "children": [test_id]}), encoding="utf-8"
    )
    (results / "environment.properties").write_text("环境=mock\n", encoding="utf-8")

    assert replicate(results, larger, copies=3) == 3

    assert count_scenarios(larger) == 3
    assert (larger / "environment.properties").is_file()
    ids = {json.loads(path.read_text(encoding="utf-8"))["uuid"] for path in larger.glob("*-result.json")}
    assert len(ids) == 3 and test_id not in ids
    children = {
        child
        for path in larger.glob("*-container.json")
        for child in json.loads(path.read_text(encoding="utf-8"))["children"]
    }
    assert children == ids
    history = {json.loads(path.read_text(encoding="utf-8"))["historyId"] for path in larger.glob("*-result.json")}
    assert len(history) == 3
    before = folder_bytes(larger)
    assert deduplicate(larger).files_after == 3
    assert folder_bytes(larger) == before
