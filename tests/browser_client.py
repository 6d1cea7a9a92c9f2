"""A Flask test client that posts like the portals' own pages: with the session's CSRF token.

The portals refuse a state-changing request without the token its page carries (hidden field
`csrf_token`, header `X-CSRF-Token`). Tests about other rules use this client so that they need
not fetch a page first; tests of the CSRF check itself use a plain `FlaskClient`.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from werkzeug.datastructures import Headers

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class BrowserClient(FlaskClient):
    """Adds `X-CSRF-Token` (the session's token, made as a page render would) to every
    state-changing request outside the control API."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        method = str(kwargs.get("method", "GET")).upper()
        path = args[0] if args and isinstance(args[0], str) else str(kwargs.get("path", "/"))
        if method not in SAFE_METHODS and not urlsplit(path).path.startswith("/__mock__/"):
            headers = Headers(kwargs.pop("headers", None) or {})
            if "X-CSRF-Token" not in headers:
                headers["X-CSRF-Token"] = self.csrf_token()
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        """The token the session holds, stored first if this browser has none yet."""
        with self.session_transaction() as session:
            return session.setdefault("csrf", secrets.token_urlsafe(24))
