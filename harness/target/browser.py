"""Finds a Chromium for Playwright to launch."""

# Order: an explicit path (`--browser-path` / `BROWSER_PATH`), Playwright's own managed
# Chromium, then a system browser. With none, `BrowserNotFound` says how to get one.
#
# Among system browsers a headless run prefers `chromium-headless-shell` (Debian's package of
# the "old" headless shell, the build Playwright itself runs headless): on a 2-core machine it
# opens a page and navigates in about half the time of the full browser in its new headless
# mode (`make bench`). A headed run (`--headed`) needs a browser with windows, so it skips it.
#
# Every browser runs in Chinese (`--lang=zh-CN`, and `LANGUAGE=zh_CN`, which is what Chromium
# reads on Linux) and, where the fixed font set is installed, sees only those fonts
# (`FONTCONFIG_FILE` = `harness/target/fonts/fonts.conf`). The headless shell carries only American
# English strings, so its native controls (the file input's 「Choose Files」) stay English whatever
# the language: the guide's screenshots use `localized_browser()`, a full Chromium with its
# Chinese resources (Debian `chromium-l10n`).

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

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

# Chinese UI: Chromium on Linux takes its UI language from LANGUAGE/LANG, --lang elsewhere.
UI_LANGUAGE_ARGS = ("--lang=zh-CN",)
UI_LANGUAGE_ENV = {"LANGUAGE": "zh_CN"}

FONTS_CONF = Path(__file__).with_name("fonts") / "fonts.conf"
# The fixed font set (Debian fonts-noto-cjk, fonts-dejavu-core) that fonts.conf points at.
FIXED_FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
# Where Chromium builds keep their UI strings, relative to the real executable; Debian's
# /usr/bin/chromium is a wrapper script around /usr/lib/chromium/chromium.
LOCALE_DIRS = ("locales", "../lib/chromium/locales", "../lib/chromium-browser/locales")

HOW_TO_GET_ONE = (
    "找不到可用的 Chromium 浏览器。任选其一：\n"
    "  1) 安装系统浏览器：apt-get install chromium chromium-l10n chromium-headless-shell fonts-noto-cjk "
    "fonts-dejavu-core（make e2e 以 root 运行时会自动安装）；\n"
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
    # Playwright's managed Chromium runs its headless shell unless the channel says "chromium".
    channel: str | None = None

    def launch_args(self, environ: Mapping[str, str] | None = None) -> dict:
        """Launch options for `browser_type.launch`, merged into pytest-playwright's."""
        args: dict = {
            "args": [*QUIET_NETWORK_ARGS, *UI_LANGUAGE_ARGS],
            "env": browser_environment(os.environ if environ is None else environ),
        }
        if self.executable_path:
            args["executable_path"] = self.executable_path
        if self.channel:
            args["channel"] = self.channel
        return args

    @property
    def speaks_chinese(self) -> bool:
        """Whether this browser has the Chinese strings of its native controls."""
        if self.executable_path is None:
            return self.channel == "chromium"
        return has_chinese_ui(self.executable_path)


def fixed_fonts_installed(fonts: tuple[Path, ...] = FIXED_FONTS) -> bool:
    """Whether the fixed font set that fonts.conf names is on this machine."""
    return all(font.is_file() for font in fonts)


def browser_environment(environ: Mapping[str, str], fonts_installed: bool | None = None) -> dict[str, str]:
    """The browser process's environment: the caller's, in Chinese, with only the fixed fonts
    where they are installed (elsewhere fontconfig's own choice, which may differ by machine)."""
    env = {**environ, **UI_LANGUAGE_ENV}
    if fixed_fonts_installed() if fonts_installed is None else fonts_installed:
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def has_chinese_ui(executable: str) -> bool:
    """Whether the Chromium at `executable` ships its zh-CN UI strings (not a headless shell)."""
    real = Path(os.path.realpath(executable))
    if real.name in HEADLESS_SHELLS or real.name == "headless_shell":
        return False
    return any((real.parent / folder / "zh-CN.pak").is_file() for folder in LOCALE_DIRS)


def localized_browser(choice: BrowserChoice, which: Callable[[str], str | None] = shutil.which) -> BrowserChoice:
    """A browser whose native controls speak Chinese, in place of `choice` when that one cannot:
    Playwright's managed Chromium in its full headless mode, or a full system Chromium instead of
    the headless shell. An explicit path is kept as given."""
    if choice.source == "option":
        return choice
    if choice.source == "managed":
        return replace(choice, channel="chromium")
    if choice.executable_path and has_chinese_ui(choice.executable_path):
        return choice
    for name in SYSTEM_BROWSERS:
        found = which(name)
        if found and has_chinese_ui(found):
            return BrowserChoice(found, "system")
    return choice


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
