"""Where the harness meets the page objects, for the acceptance suite (features/) and the
interface scenarios of tests/: the locator helpers' selector engine, an environment's locator
overrides, the page probe's catalogue, the logins the staging provider performs, and the
recorder of the messages pages show (every context runs it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Playwright

from harness.plugin import PORTAL_LOGINS_KEY, TARGET_KEY
from harness.run import probe
from pages.base import (
    MESSAGE_LOG_SCRIPT,
    check_locator_overrides,
    members_of,
    page_classes,
    register_selector_engine,
)
from pages.logins import PageLogins


def pytest_configure(config: pytest.Config) -> None:
    target = config.stash[TARGET_KEY]  # resolved by harness.target.plugin (tryfirst)
    locator_problem = check_locator_overrides(target.locators)
    if locator_problem:
        raise pytest.UsageError(f"环境 {target.env_name} 的 [{target.env_name}.locators]：{locator_problem}")
    if probe.recorder(config) is not None:  # the page probe reports every member, shown or not
        probe.declare(config, {name: members_of(cls, inherited=False) for name, cls in page_classes().items()})
    config.stash[PORTAL_LOGINS_KEY] = PageLogins()


@pytest.fixture(scope="session")
def selector_engine(playwright: Playwright) -> None:
    """The `seen=` selectors of the page objects' locator helpers, known to every context."""
    register_selector_engine(playwright)


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """pytest-playwright's contexts, each recording the messages its pages show (`told`)."""

    def recording(**kwargs: object) -> BrowserContext:
        context = new_context(**kwargs)
        context.add_init_script(script=MESSAGE_LOG_SCRIPT)
        return context

    return recording
