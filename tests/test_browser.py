"""Browser resolution: explicit path, Playwright's managed Chromium, system browsers, none."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from harness.browser import QUIET_NETWORK_ARGS, BrowserNotFound, find_browser


@pytest.fixture
def fake_binary(tmp_path: Path) -> str:
    """An executable file standing in for a browser."""
    path = tmp_path / "chrome"
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def no_system(_name: str) -> None:
    return None


def test_explicit_path_wins(fake_binary: str) -> None:
    choice = find_browser(fake_binary, managed_path=fake_binary, which=lambda name: "/usr/bin/chromium")
    assert (choice.source, choice.executable_path) == ("option", fake_binary)


def test_explicit_path_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BrowserNotFound, match="不存在或不可执行"):
        find_browser(str(tmp_path / "missing"), managed_path=None, which=no_system)


def test_explicit_path_that_is_not_executable_is_an_error(tmp_path: Path) -> None:
    plain = tmp_path / "chrome"
    plain.write_text("")
    with pytest.raises(BrowserNotFound):
        find_browser(str(plain), managed_path=None, which=no_system)


def test_managed_chromium_comes_before_the_system_one(fake_binary: str) -> None:
    choice = find_browser(None, managed_path=fake_binary, which=lambda name: "/usr/bin/chromium")
    assert (choice.source, choice.executable_path) == ("managed", None)
    assert "executable_path" not in choice.launch_args()


def test_missing_managed_chromium_falls_back_to_the_system(tmp_path: Path) -> None:
    found = {"google-chrome": "/opt/google/chrome/chrome"}
    choice = find_browser(None, managed_path=str(tmp_path / "not-installed"), which=found.get)
    assert (choice.source, choice.executable_path) == ("system", "/opt/google/chrome/chrome")
    assert choice.launch_args() == {"args": list(QUIET_NETWORK_ARGS), "executable_path": "/opt/google/chrome/chrome"}


def test_chromium_is_preferred_among_system_browsers() -> None:
    found = {"chromium": "/usr/bin/chromium", "google-chrome": "/usr/bin/google-chrome"}
    assert find_browser(None, None, which=found.get).executable_path == "/usr/bin/chromium"
    assert find_browser(None, None, which=found.get, headless=False).executable_path == "/usr/bin/chromium"


def test_headless_run_prefers_the_headless_shell() -> None:
    found = {"chromium-headless-shell": "/usr/bin/chromium-headless-shell", "chromium": "/usr/bin/chromium"}
    assert find_browser(None, None, which=found.get).executable_path == "/usr/bin/chromium-headless-shell"


def test_headed_run_skips_the_headless_shell() -> None:
    found = {"chromium-headless-shell": "/usr/bin/chromium-headless-shell", "chromium": "/usr/bin/chromium"}
    assert find_browser(None, None, which=found.get, headless=False).executable_path == "/usr/bin/chromium"


def test_headless_shell_alone_does_not_serve_a_headed_run() -> None:
    found = {"chromium-headless-shell": "/usr/bin/chromium-headless-shell"}
    with pytest.raises(BrowserNotFound):
        find_browser(None, None, which=found.get, headless=False)


def test_no_browser_names_both_ways_to_get_one() -> None:
    with pytest.raises(BrowserNotFound) as error:
        find_browser(None, managed_path=None, which=no_system)
    message = str(error.value)
    assert "apt-get install chromium chromium-headless-shell fonts-noto-cjk" in message
    assert "playwright install chromium" in message
    assert "--browser-path" in message
