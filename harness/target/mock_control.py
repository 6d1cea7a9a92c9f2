"""The one small client through which the harness talks to a mock portal's control API.

The control API lives under `/__mock__/` on each mock portal (seed accounts, read the SMS
outbox, simulate a scan). Real portals have none, so scenarios that need it are tagged
`@mock_only` and skipped elsewhere.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import BrowserContext

PREFIX = "/__mock__"


class ControlError(RuntimeError):
    """The control API refused a call; the message carries its answer."""


class MockControl:
    """JSON calls to one portal's control API."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def get(self, path: str, **params: Any) -> Any:
        """GET `/__mock__/<path>` with query parameters; returns the decoded JSON."""
        query = f"?{urlencode(params)}" if params else ""
        return self._call(urllib.request.Request(f"{self.base_url}{PREFIX}/{path}{query}"))

    def post(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        """POST JSON to `/__mock__/<path>`; returns the decoded JSON."""
        request = urllib.request.Request(
            f"{self.base_url}{PREFIX}/{path}",
            data=json.dumps(payload or {}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        return self._call(request)

    def start_session(self, context: BrowserContext, **body: Any) -> None:
        """Gives the browser context the session the portal would hold after a login (or a
        wizard step) described by `body` (see the portal's `POST /__mock__/sessions`), so that
        a scenario starts past a precondition it is not about, without clicking through it."""
        cookie = self.post("sessions", body)
        context.add_cookies(
            [
                {
                    "name": cookie["name"],
                    "value": cookie["value"],
                    "url": self.base_url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )

    def _call(self, request: urllib.request.Request) -> Any:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise ControlError(
                f"{request.get_method()} {request.full_url} → {error.code}: {error.read().decode(errors='replace')}"
            ) from error


def wait_until_ready(url: str, timeout: float = 10.0) -> None:
    """Polls `url` until it answers 200; raises TimeoutError naming the URL otherwise."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last_error = error
        # A probe, not a fixed wait: the loop ends as soon as the server answers.
        time.sleep(0.02)
    raise TimeoutError(f"模拟门户 {url} 在 {timeout} 秒内没有响应：{last_error}")
