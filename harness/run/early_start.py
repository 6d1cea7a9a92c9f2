"""Starts the bundled mock portals in a background thread as soon as collection is done, so
that they come up while Playwright starts its driver and launches the browser."""

# Those two wait on other processes, which leaves the interpreter free for the mock's imports
# and the servers' start; one after the other they are a third of the time from process start
# to the first scenario running. The session fixture that needs the portals takes them from
# here (`take`); portals nobody took (a run whose scenarios were all skipped) are stopped when
# the session ends.

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mock_sites.serving import RunningPortals

FUTURE_KEY = pytest.StashKey["Future[RunningPortals]"]()
START_TIMEOUT_SECONDS = 60


def begin(config: pytest.Config, start: Callable[[], RunningPortals]) -> None:
    """Runs `start` in a background thread; its portals (or its error) wait for `take`."""
    future: Future[RunningPortals] = Future()

    def run() -> None:
        try:
            future.set_result(start())
        except BaseException as error:  # handed to the fixture that takes the portals
            future.set_exception(error)

    threading.Thread(target=run, name="mock-portals-start", daemon=True).start()
    config.stash[FUTURE_KEY] = future
    config.add_cleanup(lambda: _stop_unclaimed(config))


def take(config: pytest.Config) -> RunningPortals | None:
    """The portals started by `begin` (None if it was not called); the caller stops them."""
    future = config.stash.get(FUTURE_KEY, None)
    if future is None:
        return None
    del config.stash[FUTURE_KEY]
    return future.result(timeout=START_TIMEOUT_SECONDS)


def _stop_unclaimed(config: pytest.Config) -> None:
    future = config.stash.get(FUTURE_KEY, None)
    if future is not None and future.exception(timeout=START_TIMEOUT_SECONDS) is None:
        future.result().stop()
