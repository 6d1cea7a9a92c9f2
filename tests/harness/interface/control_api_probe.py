"""Checks that ask for the mock's control-API fixtures directly, as no step does any more.

Not collected by `pytest tests` (the name has no `test_` prefix): `tests/harness/test_pool_preflight.py`
runs this file under `--env staging-sim`, where both fixtures must refuse (skip the check with
「需要模拟控制接口」) although the portals behind the profile are the mock, control API and all.
"""

from __future__ import annotations

from harness.target.mock_control import MockControl


def test_gdzwfw_control_is_refused(gdzwfw_control: MockControl) -> None:
    raise AssertionError(f"staging-sim 下不应拿到模拟控制接口：{gdzwfw_control.base_url}")


def test_hrss_control_is_refused(hrss_control: MockControl) -> None:
    raise AssertionError(f"staging-sim 下不应拿到模拟控制接口：{hrss_control.base_url}")
