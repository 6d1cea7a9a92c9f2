"""Fixtures shared by the unit tests of the mock portals."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.browser_client import BrowserClient


@pytest.fixture(autouse=True)
def clients_post_like_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `app.test_client()` sends the CSRF token as the portals' pages do."""
    monkeypatch.setattr(Flask, "test_client_class", BrowserClient)
