"""Browser resolution: explicit path, Playwright's managed Chromium, system browsers, none."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from harness.target.browser import (
    FONTS_CONF,
    QUIET_NETWORK_ARGS,
    BrowserChoice,
    BrowserNotFound,
    browser_environment,
    find_browser,
    has_chinese_ui,
    localized_browser,
)


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
    launch = choice.launch_args(environ={"HOME": "/root"})
    assert launch["executable_path"] == "/opt/google/chrome/chrome"
    assert launch["args"] == [*QUIET_NETWORK_ARGS, "--lang=zh-CN"]
    assert launch["env"]["LANGUAGE"] == "zh_CN" and launch["env"]["HOME"] == "/root"


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
    assert "apt-get install chromium chromium-l10n chromium-headless-shell fonts-noto-cjk fonts-dejavu-core" in message
    assert "playwright install chromium" in message
    assert "--browser-path" in message


def chromium_build(root: Path, name: str, locales: tuple[str, ...]) -> str:
    """A fake Chromium install: an executable `name` with the given locale files beside it."""
    (root / "locales").mkdir(parents=True)
    for locale in locales:
        (root / "locales" / f"{locale}.pak").write_bytes(b"")
    binary = root / name
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    return str(binary)


def test_only_a_build_with_chinese_strings_speaks_chinese(tmp_path: Path) -> None:
    assert has_chinese_ui(chromium_build(tmp_path / "full", "chrome", ("en-US", "zh-CN")))
    assert not has_chinese_ui(chromium_build(tmp_path / "english", "chrome", ("en-US",)))
    # The headless shell never has them, even beside a full build's locales.
    assert not has_chinese_ui(chromium_build(tmp_path / "shell", "chromium-headless-shell", ("zh-CN",)))


def test_guide_browser_replaces_the_headless_shell_with_a_chinese_chromium(tmp_path: Path) -> None:
    shell = chromium_build(tmp_path / "shell", "chromium-headless-shell", ())
    full = chromium_build(tmp_path / "full", "chromium", ("zh-CN",))
    choice = localized_browser(BrowserChoice(shell, "system"), which={"chromium": full}.get)
    assert choice.executable_path == full and choice.speaks_chinese


def test_guide_browser_keeps_the_shell_when_nothing_better_is_installed(tmp_path: Path) -> None:
    shell = chromium_build(tmp_path / "shell", "chromium-headless-shell", ())
    english = chromium_build(tmp_path / "english", "chromium", ("en-US",))
    choice = localized_browser(BrowserChoice(shell, "system"), which={"chromium": english}.get)
    assert choice.executable_path == shell and not choice.speaks_chinese


def test_guide_browser_runs_the_managed_chromium_in_its_full_headless_mode(fake_binary: str) -> None:
    explicit = BrowserChoice(fake_binary, "option")
    assert localized_browser(explicit) is explicit
    managed = localized_browser(BrowserChoice(None, "managed"))
    assert managed.launch_args(environ={})["channel"] == "chromium" and managed.speaks_chinese


def test_fixed_fonts_are_used_only_where_installed() -> None:
    assert browser_environment({}, fonts_installed=True)["FONTCONFIG_FILE"] == str(FONTS_CONF)
    assert "FONTCONFIG_FILE" not in browser_environment({}, fonts_installed=False)
    assert FONTS_CONF.is_file()
