"""How a GD-IdP view reads a submission and answers it, for both renditions."""

# A classic page posts a form and gets a page (or a redirect) back; the spa rendition posts JSON
# with `fetch` and gets JSON back: `{"ok": true, ...}` when done, a 4xx with `{"ok": false,
# "error": ..., "errors": {...}}` when refused, so the page can show the message where it
# belongs without leaving. The server checks the same things either way.

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort, jsonify, make_response, request
from werkzeug.wrappers import Response

from mock_sites.web import wants_json  # noqa: F401 - the views ask `answers.wants_json()`

BAD_JSON = "请求内容不是有效的 JSON 对象"


def submitted() -> Mapping[str, Any]:
    """The submitted fields: the JSON object of a fetch, or the classic form. Malformed JSON
    is refused with a 400 and a message."""
    if not request.is_json:
        return request.form
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(make_response(jsonify(ok=False, error=BAD_JSON), 400))
    return {
        key: value if isinstance(value, (str, bool)) else ("" if value is None else str(value))
        for key, value in body.items()
    }


def text(values: Mapping[str, Any], name: str) -> str:
    """A submitted field as text (a ticked JSON checkbox arrives as true)."""
    value = values.get(name, "")
    if value is True:
        return "on"
    if value is False:
        return ""
    return str(value)


def refused(
    status: int = 422, *, error: str | None = None, errors: Mapping[str, str] | None = None, **state: Any
) -> Response:
    """A refusal as JSON: the message (or the message of each field) and the page's new state."""
    return make_response(jsonify(ok=False, error=error, errors=dict(errors or {}), **state), status)


def done(**state: Any) -> Response:
    """Success as JSON, with what the page shows next (or `redirect`, where the flow leaves it)."""
    return make_response(jsonify(ok=True, **state), 200)
