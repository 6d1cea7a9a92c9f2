"""Starts both mock portals on loopback ports, wired to each other.

Used by `python -m mock_sites` (fixed ports, for a person) and by the acceptance suite
(port 0: the system picks free ports). The SSO client secret is made per start, so no
secret is ever written down.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from mock_sites import gdzwfw, hrss

SSO_CLIENT_ID = "ggfw-hrss-isso"


@dataclass
class RunningPortals:
    """The two servers, their URLs and the apps (for tests that inspect config)."""

    gdzwfw_url: str
    hrss_url: str
    servers: list[BaseWSGIServer] = field(repr=False)
    threads: list[threading.Thread] = field(repr=False)

    @property
    def apps(self) -> list[Flask]:
        """The two portals' apps, GD-IdP's first; start_portals serves Flask apps only."""
        return [cast(Flask, server.app) for server in self.servers]

    def stop(self) -> None:
        """Stops both servers and waits for their threads."""
        for server in self.servers:
            server.shutdown()
            server.server_close()
        for thread in self.threads:
            thread.join(timeout=10)


def start_portals(
    host: str = "127.0.0.1",
    gdzwfw_port: int = 0,
    hrss_port: int = 0,
    gdzwfw_config: Mapping[str, Any] | None = None,
    hrss_config: Mapping[str, Any] | None = None,
    log_requests: bool = False,
    ui: str = "classic",
    public_url: str | None = None,
) -> RunningPortals:
    """Binds both servers first (so each knows the other's URL), then serves them in threads.

    `public_url` (`scheme://host`) is the address a browser on another machine reaches the
    portals under when `host` is not one it can open; each portal keeps its bound port."""
    logging.getLogger("werkzeug").setLevel(logging.INFO if log_requests else logging.WARNING)
    sso = {"SSO_CLIENT_ID": SSO_CLIENT_ID, "SSO_CLIENT_SECRET": secrets.token_urlsafe(24), "UI": ui}
    gdzwfw_app = gdzwfw.create_app({**sso, **(gdzwfw_config or {})})
    hrss_app = hrss.create_app({**sso, **(hrss_config or {})})
    gdzwfw_server = make_server(host, gdzwfw_port, gdzwfw_app, threaded=True)
    hrss_server = make_server(host, hrss_port, hrss_app, threaded=True)
    base = public_url.rstrip("/") if public_url else f"http://{host}"
    gdzwfw_url = f"{base}:{gdzwfw_server.server_port}"
    hrss_url = f"{base}:{hrss_server.server_port}"
    # Each portal needs the other's address: GD-IdP registers HRSS's redirect_uri,
    # HRSS sends browsers to GD-IdP and calls its token endpoint.
    gdzwfw_app.config["HRSS_URL"] = hrss_url
    hrss_app.config["GDZWFW_URL"] = gdzwfw_url
    servers = [gdzwfw_server, hrss_server]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    return RunningPortals(gdzwfw_url, hrss_url, servers, threads)
