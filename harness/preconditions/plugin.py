"""Fixtures of the precondition interface: `preconditions` (the mock's control API or the
staging provider, by target) and `data` (the scenario's test data, from the session seed)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Generator

import pytest

from harness.data import DataBuilder
from harness.plugin import PORTAL_LOGINS_KEY, SECRETS_KEY, SEED_KEY
from harness.preconditions import Preconditions
from harness.target.config import Target
from harness.target.portals import PortalUrls


@pytest.fixture
def data(request: pytest.FixtureRequest) -> DataBuilder:
    """Test data for this scenario: the session seed mixed with the test id, so each
    scenario has its own units and the same seed replays the same data."""
    seed = request.config.stash[SEED_KEY] ^ zlib.crc32(_escaped_nodeid(request.node.nodeid).encode())
    return DataBuilder(seed=seed)


def _escaped_nodeid(nodeid: str) -> str:
    # Test ids show Chinese example values as written (pytest.ini); the data keeps the id with
    # those values escaped, as pytest wrote it before, so a seed replays the same data as ever.
    head, bracket, params = nodeid.partition("[")
    return head + bracket + params.encode("unicode_escape").decode("ascii") if bracket else nodeid


@pytest.fixture
def preconditions(
    request: pytest.FixtureRequest, target: Target, portal_urls: PortalUrls, data: DataBuilder
) -> Generator[Preconditions, None, None]:
    """The scenario's precondition provider: the mock's control API where the target has it,
    else the account pool and the environment's declared sources."""
    if target.control_api:
        from harness.preconditions.mock import MockPreconditions

        provider: Preconditions = MockPreconditions(
            request.getfixturevalue("gdzwfw_control"), request.getfixturevalue("hrss_control"), data
        )
    else:
        from harness.preconditions.staging import StagingPreconditions

        registry = request.config.stash[SECRETS_KEY]
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        provider = StagingPreconditions(
            request.getfixturevalue("account_pool"),
            target.sources,
            portal_urls,
            request.getfixturevalue("browser"),
            request.getfixturevalue("browser_context_args"),
            holder=f"{worker}:{request.node.nodeid}",
            remember_secret=registry.add,
            logins=request.config.stash.get(PORTAL_LOGINS_KEY, None),
        )
    yield provider
    provider.release()
