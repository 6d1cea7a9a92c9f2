"""Renders the harness's own HTML and Markdown reports (guide, traceability, sign-off) from the
Jinja2 templates in `harness/reporting/templates/`, and the small helpers those reports share."""

from __future__ import annotations

import base64
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from harness.guide.catalog import REPORT_FILES

TEMPLATES = Path(__file__).with_name("templates")

# Chinese names of Allure's result statuses, and of the states the reports add to them.
STATUS_NAMES = {
    "passed": "通过",
    "failed": "失败",
    "broken": "出错",
    "skipped": "跳过",
    "unknown": "未知",
    "not_run": "未运行",
    "gap": "无场景",
}

_environment = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    # Markdown templates are not HTML: escaping would put &lt; into the .md files.
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_environment.globals["status_name"] = lambda status: STATUS_NAMES.get(status, status)


def render(template: str, **context: Any) -> str:
    """The named template rendered with `context`."""
    return _environment.get_template(template).render(**context)


def write(path: Path, text: str) -> Path:
    """Writes UTF-8 text, creating the folder; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def data_uri(data: bytes, mime: str) -> str:
    """`data:` URL of some bytes, so that an HTML file carries its images with it."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def report_links(here: str) -> dict[str, str]:
    """Relative links from the report at `here` (a path inside reports/, e.g. "guide/index.html")
    to each of the reports, keyed as in REPORT_FILES."""
    folder = posixpath.dirname(here) or "."
    return {key: posixpath.relpath(path, folder) for key, path in REPORT_FILES.items()}
