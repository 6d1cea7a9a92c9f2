"""Look-ups for tests that fail with what is missing instead of an AttributeError on None."""

from __future__ import annotations

import re

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer


def search(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """The first match of `pattern` in `text`; fails the test when there is none."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match


def cookie_value(client: FlaskClient, name: str) -> str:
    """The value of the cookie `name` the test client holds; fails the test without one."""
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no cookie {name}"
    return cookie.value


def session_serializer(app: Flask) -> URLSafeTimedSerializer:
    """The serializer that signs the app's session cookie (Flask's default cookie sessions)."""
    interface = app.session_interface
    assert isinstance(interface, SecureCookieSessionInterface), "the mock keeps sessions in cookies"
    serializer = interface.get_signing_serializer(app)
    assert serializer is not None, "the app has a secret key"
    return serializer
