"""Finds a Chromium for Playwright to launch.

Order: an explicit path (`--browser-path` / `BROWSER_PATH`), Playwright's own managed
Chromium, then a system browser. With none, `BrowserNotFound` says how to get one.

Among system browsers a headless run prefers `chromium-headless-shell` (Debian's package of
the "old" headless shell, the build Playwright itself runs headless): on a 2-core machine it
opens a page and navigates in about half the time of the full browser in its new headless
mode (`make bench`). A headed run (`--headed`) needs a browser with windows, so it skips it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Callable, Literal

ENV_VAR_BROWSER_PATH = "BROWSER_PATH"

HEADLESS_SHELLS = ("chromium-headless-shell",)
SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Without these, Chromium on a closed network keeps trying to reach update and sync
# services, which slows start-up and fills the console with refused connections.
QUIET_NETWORK_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
)

HOW_TO_GET_ONE = (
    "找不到可用的 Chromium 浏览器。任选其一：\n"
    "  1) 安装系统浏览器：apt-get install chromium chromium-headless-shell fonts-noto-cjk（make e2e 以 root 运行时会自动安装）；\n"
    "  2) 安装 Playwright 自带浏览器：.venv/bin/playwright install chromium；\n"
    "或用 --browser-path /path/to/chrome（或环境变量 BROWSER_PATH）指定。"
)


class BrowserNotFound(RuntimeError):
    """No usable browser; the message names the ways to get one."""


@dataclass(frozen=True)
class BrowserChoice:
    """The executable to launch (None: Playwright's managed one) and where it came from."""

    executable_path: str | None
    source: Literal["option", "managed", "system"]

    def launch_args(self) -> dict:
        """Launch options for `browser_type.launch`, merged into pytest-playwright's."""
        args: dict = {"args": list(QUIET_NETWORK_ARGS)}
        if self.executable_path:
            args["executable_path"] = self.executable_path
        return args


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser(
    explicit: str | None,
    managed_path: str | None,
    which: Callable[[str], str | None] = shutil.which,
    headless: bool = True,
) -> BrowserChoice:
    """Picks the browser by the order in the module docstring."""
    if explicit:
        if not _is_executable(explicit):
            raise BrowserNotFound(f"--browser-path / {ENV_VAR_BROWSER_PATH} 指定的「{explicit}」不存在或不可执行。")
        return BrowserChoice(explicit, "option")
    if managed_path and _is_executable(managed_path):
        return BrowserChoice(None, "managed")
    for name in (*HEADLESS_SHELLS, *SYSTEM_BROWSERS) if headless else SYSTEM_BROWSERS:
        found = which(name)
        if found:
            return BrowserChoice(found, "system")
    raise BrowserNotFound(HOW_TO_GET_ONE)
