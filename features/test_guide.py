"""Binds every feature file under features/ to pytest. The only module that calls `scenarios`."""

from pytest_bdd import scenarios

scenarios(".")
