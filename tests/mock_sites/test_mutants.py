"""Rule mutants: the registry, how a mutant is switched on (and that nothing else does it), and
the runner's reading of a run (mock_sites/mutants.py, harness/run/mutants.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from harness.guide.catalog import load_catalog
from harness.reporting import signoff
from harness.reporting.traceability import FEATURES_DIR, collect, write_reports
from harness.run.mutants import Tally, failed_scenarios, outcome_of, pytest_command, read_tallies
from mock_sites import gdzwfw, hrss, mutants
from mock_sites.__main__ import main as mock_main

MOCK_SITES = Path(mutants.__file__).parent
# Guide IDs that state no rule a portal could break: pages and texts only.
DESCRIPTIVE_IDS = {"A1.1", "A1.3", "A1.9", "A2.4", "A2.5", "A3.1", "A3.2", "A3.3"}


def test_every_mutant_names_a_guide_id_and_what_it_breaks() -> None:
    ids = set(load_catalog().ids)
    for mutant in mutants.REGISTRY:
        assert mutant.guide_id in ids, mutant
        assert re.fullmatch(r"[a-z_]+", mutant.name) and mutant.breaks, mutant
    assert len(mutants.MUTANTS) == len(mutants.REGISTRY)  # names are unique


def test_every_guide_id_that_states_a_rule_has_a_mutant() -> None:
    covered = {mutant.guide_id for mutant in mutants.REGISTRY}
    assert set(load_catalog().ids) - DESCRIPTIVE_IDS <= covered


def test_every_mutant_is_asked_for_at_exactly_one_place_of_the_mock() -> None:
    """Its rule's single place: a mutant no code asks for would survive by construction."""
    sources = {path: path.read_text(encoding="utf-8") for path in MOCK_SITES.rglob("*.py") if path.name != "mutants.py"}
    for name in mutants.MUTANTS:
        places = sum(len(re.findall(rf"is_on\(['\"]{name}['\"]\)", text)) for text in sources.values())
        assert places == 1, (name, places)


@pytest.mark.parametrize("create_app", [gdzwfw.create_app, hrss.create_app], ids=["gdzwfw", "hrss"])
def test_no_mutant_is_on_unless_asked_for(create_app: Callable[[dict[str, Any]], Flask], tmp_path: Path) -> None:
    app = create_app({"DATABASE": str(tmp_path / "db.sqlite3")})
    with app.app_context():
        assert not any(mutants.is_on(name) for name in mutants.MUTANTS)
    assert not mutants.is_on("wrong_pin_verifies")  # outside a request: the pure rules


def test_a_mutant_named_at_start_is_on_and_an_unknown_one_stops_the_start(tmp_path: Path) -> None:
    app = gdzwfw.create_app({"DATABASE": str(tmp_path / "db.sqlite3"), "MUTANT": "wrong_pin_verifies"})
    with app.app_context():
        assert mutants.is_on("wrong_pin_verifies") and not mutants.is_on("wrong_password_logs_in")
    with pytest.raises(ValueError, match="未知的变异体"):
        hrss.create_app({"DATABASE": str(tmp_path / "other.sqlite3"), "MUTANT": "no_such_rule"})
    with pytest.raises(KeyError):
        mutants.is_on("no_such_rule")


def test_the_control_api_switches_one_mutant_on_and_off(tmp_path: Path) -> None:
    client = hrss.create_app({"DATABASE": str(tmp_path / "db.sqlite3")}).test_client()
    listed = client.get("/__mock__/mutants").get_json()
    assert listed["active"] is None and {item["name"] for item in listed["mutants"]} == set(mutants.MUTANTS)
    assert client.post("/__mock__/mutant", json={"name": "authcode_works_twice"}).get_json() == {
        "active": "authcode_works_twice"
    }
    assert client.get("/__mock__/mutants").get_json()["active"] == "authcode_works_twice"
    assert client.post("/__mock__/mutant", json={"name": None}).get_json() == {"active": None}


@pytest.mark.parametrize("body", [{"name": "no_such_rule"}, {"name": 3}, ["authcode_works_twice"]])
def test_the_control_api_refuses_a_bad_switch_with_a_clear_400(tmp_path: Path, body: object) -> None:
    client = gdzwfw.create_app({"DATABASE": str(tmp_path / "db.sqlite3")}).test_client()
    answer = client.post("/__mock__/mutant", json=body)
    assert answer.status_code == 400 and answer.get_json()["error"]
    assert client.get("/__mock__/mutants").get_json()["active"] is None


def test_the_start_option_refuses_an_unknown_mutant(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        mock_main(["--mutant", "no_such_rule"])
    assert stop.value.code == 2 and "--mutant" in capsys.readouterr().err


def test_a_run_is_killed_by_a_failure_survived_when_all_pass_else_an_error() -> None:
    assert outcome_of(1, ["test_x"]) == "killed"
    assert outcome_of(2, ["test_x"]) == "killed"  # -x under xdist: interrupted after the failure
    assert outcome_of(0, []) == "survived"
    assert outcome_of(5, []) == "error" and outcome_of(4, []) == "error"


def test_failed_scenarios_are_read_from_junit(tmp_path: Path) -> None:
    junit = tmp_path / "run.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase name="ok"/><testcase name="bad"><failure message="x"/></testcase>'
        '<testcase name="broken"><error message="y"/></testcase></testsuite></testsuites>',
        encoding="utf-8",
    )
    assert failed_scenarios(junit) == ["bad", "broken"]
    assert failed_scenarios(tmp_path / "missing.xml") == []


def test_a_mutants_session_runs_its_ids_scenarios_on_the_running_mock(tmp_path: Path) -> None:
    command = pytest_command(
        {"name": "n", "guide_id": "C2", "breaks": "b"},
        "http://g",
        "http://h",
        "2",
        tmp_path / "j.xml",
        ["--timeout-scale", "2"],
    )
    assert (
        command[1:3] == ["-m", "pytest"]
        and command[command.index("-m", 3) + 1] == "guide-C2"
        and command[command.index("-n") + 1] == "2"
    )
    assert (
        command[command.index("--gdzwfw-url") + 1] == "http://g"
        and "-x" in command
        and command[-2:] == ["--timeout-scale", "2"]
    )


def test_tallies_per_guide_id(tmp_path: Path) -> None:
    results = tmp_path / "mutants.json"
    runs = [
        {"name": "a", "guide_id": "C2", "outcome": "killed"},
        {"name": "b", "guide_id": "C2", "outcome": "survived"},
        {"name": "c", "guide_id": "A1.4", "outcome": "killed"},
    ]
    results.write_text(json.dumps({"mutants": runs}), encoding="utf-8")
    tallies = read_tallies(results)
    assert tallies == {"C2": Tally(1, 2, ("b",)), "A1.4": Tally(1, 1, ())}
    assert tallies["C2"].summary() == "1/2 已发现（未发现：b）"
    assert read_tallies(tmp_path / "none.json") == {}


def test_traceability_and_signoff_show_per_guide_id_the_mutants_killed(tmp_path: Path) -> None:
    runs = [
        {"name": "rebate_refuses_every_unit", "guide_id": "C2", "outcome": "killed"},
        {"name": "unit_password_login_confirms", "guide_id": "C2", "outcome": "survived"},
    ]
    (tmp_path / "mutants.json").write_text(json.dumps({"mutants": runs}), encoding="utf-8")
    catalog = load_catalog()
    trace = collect(catalog, FEATURES_DIR, tmp_path / "allure-results")
    html, markdown = write_reports(trace, catalog, tmp_path / "out")
    assert "1/2 已发现" in html.read_text(
        encoding="utf-8"
    ) and "未发现：unit_password_login_confirms" in html.read_text(encoding="utf-8")
    c2_row = next(line for line in markdown.read_text(encoding="utf-8").splitlines() if line.startswith("| C2 |"))
    assert c2_row.endswith("| 1/2 已发现（未发现：unit_password_login_confirms） |")
    page = signoff.build_signoff(
        catalog, trace, {}, "abc1234", datetime(2025, 1, 2, tzinfo=UTC), tmp_path / "g", tmp_path / "a", {}
    )
    assert "<td>1/2 已发现（未发现：unit_password_login_confirms）</td>" in page
