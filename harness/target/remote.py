"""A browser that runs elsewhere, and mock portals it can reach (options, checks and
`connect_options` in harness/target/plugin.py)."""

# `--browser-server ws://…` (or `BROWSER_SERVER`) connects to a Playwright browser server
# (`playwright run-server`, and the browser farms that speak its protocol) through
# pytest-playwright's `connect_options` instead of launching a local browser. The server launches
# the browser with the options the client sends in the `x-playwright-launch-options` header
# (camelCase, as Playwright's own clients write them). It keeps the choice of executable to
# itself unless it was started with `--unsafe`: then `--browser-path` names a browser on the
# server's machine.
#
# `--mock-host` makes the bundled mock portals listen on another address than loopback, and
# `--mock-public-url` gives the scheme and host under which that browser reaches them: the pages,
# the redirects between the two portals and the control client all use it (each portal keeps its
# own port).

from __future__ import annotations

import ipaddress
import json
import re
import socket
from typing import Any
from urllib.parse import urlsplit

import pytest

ENV_VAR_BROWSER_SERVER = "BROWSER_SERVER"
DEFAULT_MOCK_HOST = "127.0.0.1"
SERVER_PROBE_TIMEOUT = 3.0


def browser_server(config: pytest.Config) -> str | None:
    """The browser server's ws:// address, or None for a browser launched here."""
    return config.getoption("--browser-server") or None


def mock_host(config: pytest.Config) -> str:
    """The address the bundled mock portals listen on."""
    return config.getoption("--mock-host")


def mock_public_url(config: pytest.Config) -> str | None:
    """scheme://host under which the browser reaches the mock portals (None: the listening address)."""
    return config.getoption("--mock-public-url") or None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def launch_options_header(launch_args: dict[str, Any]) -> str:
    """pytest-playwright's launch options (Python names) as the JSON a browser server reads."""
    return json.dumps({_camel(key): value for key, value in launch_args.items() if value is not None})


def check_ws_url(url: str) -> str:
    """The address if it is a ws:// or wss:// URL with a host; a usage error otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise pytest.UsageError(f"--browser-server / {ENV_VAR_BROWSER_SERVER}：「{url}」不是 ws:// 或 wss:// 地址")
    return url


def unreachable_server(url: str, timeout: float = SERVER_PROBE_TIMEOUT) -> str | None:
    """Why the browser server at `url` cannot be reached (refused, no such host, silent), or
    None when it accepts a connection: checked once before the run, so that a wrong address is
    one message rather than one browser error per scenario."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except OSError as error:
        return (
            f"--browser-server {describe_server(url)} 无法连接（{error.strerror or error}）：浏览器服务是否已启动、"
            "地址和端口是否正确？"
        )


def check_public_url(url: str) -> str:
    """`scheme://host` (http or https, no port, no path); a usage error otherwise."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.port
        or parts.path.strip("/")
        or parts.query
    ):
        raise pytest.UsageError(
            f"--mock-public-url：「{url}」应只有协议和主机，如 http://ci-runner.example（端口由模拟门户自己选择）"
        )
    return f"{parts.scheme}://{parts.hostname}"


def is_wildcard(host: str) -> bool:
    """Whether `host` means every interface (0.0.0.0, ::): not an address a browser can open."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def describe_server(url: str) -> str:
    """The server's address for the report, without credentials a farm may put in the URL."""
    parts = urlsplit(url)
    host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
    return re.sub(r"[?#].*$", "", f"{parts.scheme}://{host}{parts.path}")
