"""Fixtures shared by the unit tests of the mock portals."""

from __future__ import annotations

import zlib

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harness.data import DataBuilder
from tests.browser_client import BrowserClient


@pytest.fixture(autouse=True)
def clients_post_like_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `app.test_client()` sends the CSRF token as the portals' pages do."""
    monkeypatch.setattr(Flask, "test_client_class", BrowserClient)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser on the test module's `app`."""
    return app.test_client()


@pytest.fixture
def data(request: pytest.FixtureRequest) -> DataBuilder:
    """Test data, different for each test (a module may seed its own)."""
    return DataBuilder(seed=zlib.crc32(request.node.nodeid.encode()))
