"""Binds the feature files under features/ to pytest (only those `--feature-path` selects).
The only module that calls `scenarios`."""

from pytest_bdd import scenarios

from harness.run.feature_selection import feature_paths

scenarios(*feature_paths())
