"""The environment block and the sign-off name every rendition a results folder holds
(`make e2e` runs one pytest session per rendition into one folder)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

from harness.guide.catalog import load_catalog
from harness.reporting import signoff
from harness.reporting.allure import renditions_of, write_environment
from harness.reporting.traceability import FEATURES_DIR, collect


def _result(folder: Path, rendition: str, name: str = "账号密码登录成功") -> None:
    # What allure-pytest-bdd writes: parameter values as Python reprs ('spa').
    result = {"name": name, "status": "passed", "parameters": [{"name": "界面", "value": repr(rendition)}]}
    (folder / f"{uuid.uuid4()}-result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def _properties(folder: Path) -> dict[str, str]:
    lines = (folder / "environment.properties").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def test_renditions_are_read_from_the_results_in_their_usual_order(tmp_path: Path) -> None:
    for rendition in ("lookalike", "spa", "classic", "spa"):
        _result(tmp_path, rendition)
    (tmp_path / "broken-result.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "x-container.json").write_text("{}", encoding="utf-8")
    assert renditions_of(tmp_path) == ["classic", "spa", "lookalike"]


def test_no_results_no_renditions(tmp_path: Path) -> None:
    assert renditions_of(tmp_path) == []


def test_the_second_session_s_block_names_both_renditions(tmp_path: Path) -> None:
    _result(tmp_path, "classic")
    write_environment(tmp_path, {"环境": "mock（内置模拟门户）", "界面": "classic"})
    _result(tmp_path, "spa")
    write_environment(tmp_path, {"环境": "mock（内置模拟门户）", "界面": "spa"})  # overwrites the first session's block
    assert _properties(tmp_path) == {"环境": "mock（内置模拟门户）", "界面": "classic、spa"}


def test_a_session_without_results_yet_still_names_its_own_rendition(tmp_path: Path) -> None:
    write_environment(tmp_path, {"界面": "lookalike ; classic"})  # merged worker blocks
    assert _properties(tmp_path)["界面"] == "classic、lookalike"


def test_signoff_lists_every_rendition_even_from_an_old_block(tmp_path: Path) -> None:
    (tmp_path / "environment.properties").write_text(
        "环境=mock（内置模拟门户，界面 spa）\n界面=spa\n", encoding="utf-8"
    )
    for rendition in ("spa", "classic", "lookalike"):
        _result(tmp_path, rendition)
    environment = signoff.run_environment(tmp_path)
    assert environment["界面"] == "classic、spa、lookalike"
    catalog = load_catalog()
    html = signoff.build_signoff(
        catalog,
        collect(catalog, FEATURES_DIR, tmp_path),
        environment,
        "abc1234",
        datetime(2025, 1, 2, tzinfo=UTC),
        tmp_path,
        tmp_path,
    )
    block = html.split('aria-label="测试环境"')[1].split("</section>")[0]
    assert "<th>界面</th><td>classic、spa、lookalike</td>" in block


def test_signoff_without_results_keeps_the_block_as_written(tmp_path: Path) -> None:
    (tmp_path / "environment.properties").write_text("环境=staging\n", encoding="utf-8")
    assert signoff.run_environment(tmp_path) == {"环境": "staging"}
    assert signoff.run_environment(tmp_path / "missing") == {}
