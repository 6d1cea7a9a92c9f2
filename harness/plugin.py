"""The harness as one pytest plugin (`-p harness.plugin` in pytest.ini): it loads each concern's
`plugin` module, and holds the stash keys the concerns and the acceptance conftest share."""

from __future__ import annotations

import pytest

from harness.preconditions.logins import PortalLogins
from harness.reporting.allure import StepShots
from harness.staging.masking import SecretRegistry
from harness.target.config import Target

# Registration order is the order of the options in `--help` and of historic hooks; the run's
# plugin comes first as it did when it was named first in pytest.ini.
pytest_plugins = [
    "harness.run.plugin",
    "harness.target.plugin",
    "harness.preconditions.plugin",
    "harness.reporting.plugin",
    "harness.guide.plugin",
    "harness.a11y.plugin",
    "harness.staging.plugin",
]

TARGET_KEY = pytest.StashKey[Target]()
SEED_KEY = pytest.StashKey[int]()
FACTS_KEY = pytest.StashKey[dict[str, str]]()
CONSOLE_KEY = pytest.StashKey[list]()
TRACING_KEY = pytest.StashKey[bool]()
SHOTS_KEY = pytest.StashKey[StepShots]()
REPORTS_URL_KEY = pytest.StashKey["str | None"]()
SECRETS_KEY = pytest.StashKey[SecretRegistry]()
# How the staging provider logs in through the portals' pages: handed over by the acceptance
# conftest (the harness never imports page objects).
PORTAL_LOGINS_KEY = pytest.StashKey[PortalLogins]()
