"""Hooks and fixtures of a run: the data seed, feature selection, workers and shards, evidence,
timings (make bench), reliability options, the page probe and the bench's repeats."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness.plugin import FACTS_KEY, SEED_KEY
from harness.run.evidence import DEFAULT_TRACE_POLICY, TRACE_POLICIES
from harness.run.feature_selection import NoFeatureFiles
from harness.run.feature_selection import select as select_features
from harness.run.parallel import (
    DURATIONS_FILE,
    OUTPUTS_KEY,
    SPLITTING_ALGORITHM,
    WORKER_SEED,
    distributes,
    is_worker,
    parse_shard,
)
from harness.run.probe import recorder
from harness.run.reliability import (
    ACTION_TIMEOUT_MS,
    EXPECT_TIMEOUT_MS,
    NAVIGATION_TIMEOUT_MS,
    SEED_KEY_PREFIX,
    _latency,
    _run_facts,
    _scale,
    _share,
)
from harness.run.timing import Timings


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_parallel(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness")
    group.addoption(
        "--shard",
        default=None,
        metavar="i/n",
        help=f"只运行 n 组中的第 i 组场景（按 {DURATIONS_FILE.name} 中记录的耗时均分，用于 CI 矩阵），如 --shard 1/2",
    )


@pytest.hookimpl(specname="pytest_configure", tryfirst=True)
def pytest_configure_parallel(config: pytest.Config) -> None:
    # tryfirst: pytest-split reads its options in its own pytest_configure, and the session's
    # seed is read in conftest's.
    shard = config.getoption("--shard")
    if shard:
        index, count = parse_shard(shard)
        config.option.splits, config.option.group = count, index
        config.option.splitting_algorithm = SPLITTING_ALGORITHM
        config.option.durations_path = str(DURATIONS_FILE)
    if is_worker(config):
        # The controller receives every worker's reports and records the durations once.
        config.option.store_durations = False
        seed = config.workerinput.get(WORKER_SEED)  # type: ignore[attr-defined]
        if seed is not None:
            config.option.faker_seed = seed
    elif distributes(config) and config.getoption("--faker-seed") is None:
        config.option.faker_seed = random.SystemRandom().randrange(10**6)
    config.stash[OUTPUTS_KEY] = []


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """xdist: the number of workers `-n auto` starts (see the module docstring)."""
    return os.cpu_count() or 1


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist (controller): every worker gets the controller's data seed."""
    node.workerinput[WORKER_SEED] = node.config.getoption("--faker-seed")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist (controller): keeps what the worker sent at the end of its session."""
    output = getattr(node, "workeroutput", None)
    if output:
        node.config.stash[OUTPUTS_KEY].append(output)


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_evidence(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness")
    group.addoption(
        "--evidence-trace",
        choices=TRACE_POLICIES,
        default=DEFAULT_TRACE_POLICY,
        help="何时录制 Playwright trace（仅在写 Allure 结果的运行中）："
        "always（默认，每个场景）、rerun（失败场景重跑时）、off",
    )


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_timing(parser: pytest.Parser) -> None:
    parser.addoption(
        "--timings-json", default=None, help="write start-up and per-scenario timings to this JSON file (make bench)"
    )


@pytest.hookimpl(specname="pytest_configure")
def pytest_configure_timing(config: pytest.Config) -> None:
    path = config.getoption("--timings-json")
    if path:
        config.pluginmanager.register(Timings(config, Path(path)), "harness-timings")


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_reliability(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-reliability", "稳定性：网络延迟、故障注入、超时倍数")
    group.addoption(
        "--mock-latency",
        type=_latency,
        default=None,
        metavar="LOW-HIGH",
        help="内置模拟门户每个应答随机延迟的毫秒范围，如 300-1500",
    )
    group.addoption(
        "--mock-static-faults",
        type=_share,
        default=0.0,
        metavar="SHARE",
        help="内置模拟门户静态文件首次请求返回 503 的比例，如 0.2",
    )
    group.addoption(
        "--mock-mutant",
        default=None,
        metavar="NAME",
        help="内置模拟门户故意破坏指南的一条规则（变异体，make mutants 用）",
    )
    group.addoption(
        "--timeout-scale",
        type=_scale,
        default=1.0,
        metavar="FACTOR",
        help="Playwright 默认超时与 expect 超时的倍数，如 3",
    )


@pytest.hookimpl(specname="pytest_configure")
def pytest_configure_reliability(config: pytest.Config) -> None:
    expect.set_options(timeout=EXPECT_TIMEOUT_MS * config.getoption("--timeout-scale"))


@pytest.fixture(autouse=True)
def scaled_playwright_timeouts(request: pytest.FixtureRequest) -> None:
    """Playwright's default timeouts times `--timeout-scale`, for every test with a browser."""
    scale = request.config.getoption("--timeout-scale")
    if scale == 1 or "context" not in request.fixturenames:
        return
    context = request.getfixturevalue("context")
    context.set_default_timeout(ACTION_TIMEOUT_MS * scale)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS * scale)


@pytest.hookimpl(specname="pytest_sessionfinish", hookwrapper=True)
def pytest_sessionfinish_reliability(session: pytest.Session) -> Generator[None, None, None]:
    # The environment block is rewritten by every session of a run (one per rendition): the
    # order seeds of earlier sessions are kept, this session's facts are added.
    alluredir = session.config.getoption("--alluredir", default=None)
    environment = Path(alluredir) / "environment.properties" if alluredir else None
    earlier = []
    if environment is not None and environment.is_file():
        earlier = [
            line for line in environment.read_text(encoding="utf-8").splitlines() if line.startswith(SEED_KEY_PREFIX)
        ]
    yield
    if environment is None or not environment.is_file():
        return
    lines = environment.read_text(encoding="utf-8").splitlines()
    facts = _run_facts(session.config)
    kept = [line for line in earlier if line.split("=", 1)[0] not in facts]
    environment.write_text(
        "\n".join([*lines, *kept, *(f"{key}={value}" for key, value in facts.items())]) + "\n", encoding="utf-8"
    )


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_probe(parser: pytest.Parser) -> None:
    parser.getgroup("gd-harness").addoption(
        "--probe-record",
        metavar="DIR",
        default=None,
        help="页面探测：记录页面对象成员的目录（python -m harness.cli.probe 使用）",
    )


@pytest.hookimpl(trylast=True)
def pytest_bdd_before_step_call(request: pytest.FixtureRequest) -> None:
    record = recorder(request.config)
    if record is not None:
        # The step's page objects are built, its action not taken yet: a step that opens a
        # form, fills and sends it shows the form only now.
        record.look()


@pytest.hookimpl(specname="pytest_bdd_after_step", trylast=True)
def pytest_bdd_after_step_probe(request: pytest.FixtureRequest) -> None:
    record = recorder(request.config)
    if record is not None:
        record.look()


@pytest.hookimpl(specname="pytest_bdd_step_error", trylast=True)
def pytest_bdd_step_error_probe(request: pytest.FixtureRequest) -> None:
    record = recorder(request.config)
    if record is not None:
        record.look()  # the page the step failed on: its candidates are the most telling


def pytest_bdd_after_scenario(request: pytest.FixtureRequest) -> None:
    record = recorder(request.config)
    if record is not None:
        record.forget_pages()


@pytest.hookimpl(specname="pytest_sessionfinish")
def pytest_sessionfinish_probe(session: pytest.Session) -> None:
    record = recorder(session.config)
    if record is None:
        return
    folder = Path(session.config.getoption("--probe-record"))
    folder.mkdir(parents=True, exist_ok=True)
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    (folder / f"probe-{worker}.json").write_text(
        json.dumps(record.as_json(), ensure_ascii=False, indent=1), encoding="utf-8"
    )


# make bench: `--bench-repeat N` runs the same scenario N times in one session, each run a test of
# its own with its own context and page.
@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_bench(parser: pytest.Parser) -> None:
    parser.addoption("--bench-repeat", type=int, default=1, help="run every selected test N times (make bench)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    count = metafunc.config.getoption("--bench-repeat")
    if count > 1:
        metafunc.fixturenames.append("bench_repeat")
        metafunc.parametrize("bench_repeat", range(count), indirect=True, ids=lambda number: f"run{number + 1}")


@pytest.fixture
def bench_repeat(request: pytest.FixtureRequest) -> int:
    """The number of this run of a repeated test."""
    return request.param


@pytest.hookimpl(specname="pytest_addoption")
def pytest_addoption_run(parser: pytest.Parser) -> None:
    group = parser.getgroup("gd-harness")
    group.addoption("--faker-seed", type=int, default=None, help="测试数据种子；报告中给出，用同一种子可重放同样的数据")
    group.addoption(
        "--feature-path",
        action="append",
        default=[],
        help="只运行路径中含此文字的 .feature 文件（可多次给出），如 --feature-path A1.4",
    )


@pytest.hookimpl(specname="pytest_configure")
def pytest_configure_run(config: pytest.Config) -> None:
    seed = config.getoption("--faker-seed")
    config.stash[SEED_KEY] = seed if seed is not None else random.SystemRandom().randrange(10**6)
    config.stash[FACTS_KEY] = {}
    try:
        select_features(config.getoption("--feature-path"))  # test_guide.py binds only those files
    except NoFeatureFiles as error:
        raise pytest.UsageError(str(error)) from None


@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_run(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = config.getoption("--feature-path")
    if wanted:
        # Feature files are bound through one test module, so a file path on the command
        # line cannot select them; this option can.
        kept = [item for item in items if any(part in _feature_path(item) for part in wanted)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def _feature_path(item: pytest.Item) -> str:
    # pytest-bdd keeps the scenario of each generated test function in this registry.
    function = getattr(item, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    return template.feature.rel_filename if template else ""
