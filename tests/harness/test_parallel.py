"""Workers, shards and merged results: the options' parsing, the shards' partition of the
collection, and a real run on two pytest-xdist workers."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.reporting import merge as merge_results
from harness.run import parallel
from harness.run.feature_selection import FEATURES_DIR, NoFeatureFiles, feature_paths, select

REPO = Path(__file__).resolve().parents[2]


def pytest_run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """The acceptance suite in a process of its own, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


def collect(*args: str) -> list[str]:
    """Node ids pytest collects (and keeps) for the acceptance suite with `args`."""
    result = pytest_run("features", "--collect-only", "-q", "-n", "0", *args)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return [line for line in result.stdout.splitlines() if "::" in line]


# A collection is a process start of a few seconds: each selection is collected once per run.
collected = functools.cache(collect)


@pytest.mark.parametrize(("text", "expected"), [("1/2", (1, 2)), ("2/2", (2, 2)), (" 3 / 4 ", (3, 4))])
def test_shard_is_parsed(text: str, expected: tuple[int, int]) -> None:
    assert parallel.parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"])
def test_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(pytest.UsageError, match="--shard"):
        parallel.parse_shard(text)


def test_facts_that_differ_are_listed_once_each() -> None:
    merged = parallel.merge_facts(
        [{"环境": "mock", "端口": "1"}, {"环境": "mock", "端口": "2"}, {"端口": "1", "浏览器": "chromium"}]
    )
    assert merged == {"环境": "mock", "端口": "1 ; 2", "浏览器": "chromium"}


@pytest.mark.parametrize("count", [2, 3])
def test_shards_partition_the_collection(count: int) -> None:
    whole = collected()
    shards = [collected(f"--shard={index}/{count}") for index in range(1, count + 1)]
    every = [nodeid for shard in shards for nodeid in shard]
    assert sorted(every) == sorted(whole), "each scenario in exactly one shard"
    assert all(shards), "no empty shard"
    # Deterministic: the same split on a second collection (in another random order: the
    # shard a scenario belongs to does not depend on the order the scenarios run in).
    assert sorted(collect(f"--shard=1/{count}")) == sorted(shards[0])


def test_shards_are_balanced_by_recorded_durations() -> None:
    durations = json.loads(parallel.DURATIONS_FILE.read_text(encoding="utf-8"))
    whole = collected()
    assert set(whole) <= set(durations), "the durations file covers the suite (re-record it when scenarios are added)"
    totals = [sum(durations[nodeid] for nodeid in collected(f"--shard={index}/2")) for index in (1, 2)]
    assert abs(totals[0] - totals[1]) <= 0.05 * sum(totals)


def test_bad_shard_stops_the_run() -> None:
    result = pytest_run("features", "--collect-only", "-q", "--shard=3/2")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "--shard" in result.stderr


def test_feature_path_binds_only_the_selected_files() -> None:
    try:
        select(["A1.4_", "B1.1_"])
        paths = feature_paths()
    finally:
        select([])
    assert [Path(path).name for path in paths] == [
        "A1.4_账号信息规则.feature",
        "B1.1_单位注册-实名人员信息.feature",
        "B1.1_单位注册-实名人员信息（经办人个人实名账号）.feature",
    ]
    assert feature_paths() == [str(FEATURES_DIR)]


def test_feature_path_that_selects_nothing_is_refused() -> None:
    with pytest.raises(NoFeatureFiles, match="没有路径含此文字"):
        select(["A9.9_"])


def write_results(folder: Path, facts: dict[str, str], names: list[str]) -> None:
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text("{}", encoding="utf-8")
    (folder / "environment.properties").write_text(
        "".join(f"{key}={value}\n" for key, value in facts.items()), encoding="utf-8"
    )


def test_merged_results_hold_every_shard_and_one_environment(tmp_path: Path) -> None:
    write_results(
        tmp_path / "s1",
        {"环境": "mock", "广东人社统一认证": "http://127.0.0.1:1"},
        ["a-result.json", "a-attachment.jpg", "executor.json"],
    )
    write_results(
        tmp_path / "s2",
        {"环境": "mock", "广东人社统一认证": "http://127.0.0.1:2"},
        ["b-result.json", "c-result.json", "executor.json"],
    )
    out = tmp_path / "merged"
    (out / "stale-result.json").parent.mkdir()
    (out / "stale-result.json").write_text("{}", encoding="utf-8")
    assert merge_results.merge([tmp_path / "s1", tmp_path / "s2"], out) == 3
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "a-attachment.jpg",
        "a-result.json",
        "b-result.json",
        "c-result.json",
        "environment.properties",
        "executor.json",
    ]
    facts = merge_results.read_environment(out / "environment.properties")
    assert facts == {
        "环境": "mock",
        "广东人社统一认证": "http://127.0.0.1:1 ; http://127.0.0.1:2",
        "合并的结果目录数": "2",
    }


def test_merge_refuses_a_missing_folder_and_the_output_as_input(tmp_path: Path) -> None:
    write_results(tmp_path / "s1", {}, ["a-result.json"])
    with pytest.raises(merge_results.MergeError, match="不存在"):
        merge_results.merge([tmp_path / "s1", tmp_path / "nope"], tmp_path / "out")
    with pytest.raises(merge_results.MergeError, match="输出目录"):
        merge_results.merge([tmp_path / "s1"], tmp_path / "s1")


def test_two_workers_give_the_results_one_environment_block_and_one_seed(tmp_path: Path) -> None:
    results = tmp_path / "results"
    timings = tmp_path / "timings.json"
    selection = ["--feature-path", "A1.1_", "--feature-path", "A1.2_"]
    run = pytest_run("features", "-n", "2", *selection, f"--alluredir={results}", f"--timings-json={timings}")
    assert run.returncode == 0, run.stdout[-3000:]
    expected = collected(*selection)
    assert re.search(rf"\b{len(expected)} passed\b", run.stdout)
    names = [json.loads(path.read_text(encoding="utf-8"))["name"] for path in results.glob("*-result.json")]
    assert len(names) == len(expected)
    facts = merge_results.read_environment(results / "environment.properties")
    assert facts["并行进程数"] == "2"
    assert re.fullmatch(r"--faker-seed \d+", facts["测试数据种子"]), "one seed for every worker"
    assert len(facts["广东人社统一认证"].split(" ; ")) == 2, "each worker's own mock portals"
    data = json.loads(timings.read_text(encoding="utf-8"))
    assert data["workers"] == 2 and len(data["runs"]) == len(expected) and data["first_step"]
    # The start's split (make bench): collection done, then the browser launched, then the first step.
    assert data["first_setup"] <= data["browser_launched"] <= data["first_step"]
