"""The suite on several pytest-xdist workers (`-n N`) and in CI shards (`--shard i/n`); the hooks
are in harness/run/plugin.py."""

# Workers. Each worker is a pytest session of its own with its own mock portals and browser
# (session fixtures); the controller only hands out scenarios and gathers reports. What a
# session writes once at its end (the report's environment block, the guide's manifest, the
# timings of `make bench`) is therefore sent by each worker to the controller
# (`send_to_controller`, xdist's `workeroutput`), which writes it once (`from_workers`). The
# controller also draws the data seed and hands it to every worker, so that one seed in the
# report replays the whole run.
#
# How many. `-n auto` (the default of `make e2e` and `make test`) starts one worker per core: on
# a 2-core machine of its own, two workers ran the suite 1.4× faster than one. The number does
# not follow the machine's load: a run's speed-up then depends on what else ran in the minute
# before (the unit tests, in `make test`), and a busy machine is a measurement to repeat, not a
# reason to change the default (docs/速度.md).
#
# Shards. `--shard i/n` runs the i-th of n groups of scenarios of equal expected duration,
# split by pytest-split from the durations recorded in `.test_durations` (a scenario it has no
# time for counts as the average). The split depends only on the collected scenarios and that
# file, so every machine of a CI matrix computes the same groups and each scenario runs in
# exactly one shard. `python -m pytest features --store-durations --clean-durations`
# records the file anew (with or without workers).

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

DURATIONS_FILE = Path(__file__).resolve().parents[2] / ".test_durations"
# pytest-split's algorithm that balances the groups best: the longest scenario goes to the
# least loaded group first. Ties are broken by the test's name, so it is deterministic.
SPLITTING_ALGORITHM = "least_duration"
SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
WORKER_SEED = "harness_faker_seed"
OUTPUTS_KEY = pytest.StashKey[list[dict]]()


def is_worker(config: pytest.Config) -> bool:
    """Whether this session is a pytest-xdist worker (it runs scenarios the controller sends)."""
    return hasattr(config, "workerinput")


# pytest-xdist sets these two on a worker's config at run time; pytest's Config does not declare them.
def _worker_input(config: pytest.Config) -> dict[str, Any]:
    return config.workerinput  # type: ignore[attr-defined]


def _worker_output(config: pytest.Config) -> dict[str, Any]:
    return config.workeroutput  # type: ignore[attr-defined]


def distributes(config: pytest.Config) -> bool:
    """Whether this session is a pytest-xdist controller that hands scenarios to workers."""
    return not is_worker(config) and getattr(config.option, "dist", "no") != "no"


def worker_count(config: pytest.Config) -> int:
    """How many processes run scenarios in this run (1 when serial)."""
    if is_worker(config):
        return int(_worker_input(config)["workercount"])
    return int(getattr(config.option, "numprocesses", 0) or 1) if distributes(config) else 1


def send_to_controller(config: pytest.Config, key: str, value: Any) -> None:
    """On a worker: hands `value` (built of dicts, lists, strings and numbers) to the controller
    at the end of the worker's session; `from_workers(config, key)` reads it there."""
    _worker_output(config)[key] = value


def from_workers(config: pytest.Config, key: str) -> list[Any]:
    """On the controller: what each worker sent under `key`, in the order the workers finished."""
    return [output[key] for output in config.stash.get(OUTPUTS_KEY, []) if key in output]


def merge_facts(facts: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """One environment block from those of several sessions: a fact with the same value
    everywhere once, one that differs (each worker's mock portals have their own ports) with
    its distinct values in order."""
    values: dict[str, list[str]] = {}
    for block in facts:
        for key, value in block.items():
            seen = values.setdefault(key, [])
            if value not in seen:
                seen.append(value)
    return {key: " ; ".join(seen) for key, seen in values.items()}


def parse_shard(text: str) -> tuple[int, int]:
    """`"i/n"` → (i, n), with 1 ≤ i ≤ n; a usage error otherwise."""
    match = SHARD.match(text)
    if not match:
        raise pytest.UsageError(f"--shard 应写作 i/n（如 --shard 1/2），而不是「{text}」")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise pytest.UsageError(f"--shard {text}：i 须在 1 到 n 之间")
    return index, count
