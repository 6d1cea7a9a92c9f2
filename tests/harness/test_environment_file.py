"""Profiles from the user's own file (`--environments` / HARNESS_ENVIRONMENTS): new profiles,
extended ones, their page paths and locator overrides, and every kind of bad file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.target.config import ENVIRONMENTS_FILE, ConfigError, environments_file, load_profiles, resolve_target
from harness.target.portals import page_table

REPO = Path(__file__).resolve().parents[2]

NEW_STAGING = """
[city-staging]
description = "某市预发布环境"
gdzwfw_url = "https://idp.city.test"
hrss_url = "https://hrss.city.test"
sensitive = true

[city-staging.paths]
"gdzwfw.login" = "/pscp/sso/static/?client_id=abc&response_type=code"

[city-staging.locators]
"GdzwfwLoginPage.account" = "css=input.user"

[staging]
description = "本地覆盖的预发布环境"

[staging.paths]
"hrss.rebate" = "/WGSQ#/confirm"

[staging.sources]
captcha_answer = "1234"
"""


def _user_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "envs.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_adds_a_profile_with_its_paths_and_overrides(tmp_path: Path) -> None:
    target = resolve_target("city-staging", None, None, {}, user_file=_user_file(tmp_path, NEW_STAGING))
    assert (target.gdzwfw_url, target.sensitive, target.control_api) == ("https://idp.city.test", True, False)
    table = page_table(target)
    assert table["gdzwfw.login"] == "/pscp/sso/static/?client_id=abc&response_type=code"
    assert table["hrss.realname"] == load_profiles()["mock"]["paths"]["hrss.realname"]  # the mock's path by default
    assert dict(table.locators) == {"GdzwfwLoginPage.account": "css=input.user"}


def test_a_user_file_extends_a_repository_profile_key_by_key(tmp_path: Path) -> None:
    environ = {
        "STAGING_GDZWFW_URL": "https://idp.s.test",
        "STAGING_HRSS_URL": "https://hrss.s.test",
        "STAGING_SMS_CODE": "135790",
    }
    target = resolve_target("staging", None, None, environ, user_file=_user_file(tmp_path, NEW_STAGING))
    assert target.description == "本地覆盖的预发布环境"
    assert target.retries == 1  # kept from the repository's profile
    assert target.sources["captcha_answer"] == "1234" and target.sources["sms_code"] == "135790"
    assert page_table(target)["hrss.rebate"] == "/WGSQ#/confirm"
    assert "staging-sim" in target.profiles and load_profiles()["staging"]["description"] != "本地覆盖的预发布环境"


def test_the_option_wins_over_the_variable(tmp_path: Path) -> None:
    assert environments_file(None, {"HARNESS_ENVIRONMENTS": "~/envs.toml"}) == Path.home() / "envs.toml"
    assert environments_file(str(tmp_path / "a.toml"), {"HARNESS_ENVIRONMENTS": "b.toml"}) == tmp_path / "a.toml"
    assert environments_file(None, {}) is None
    target = resolve_target(
        "city-staging", None, None, {"HARNESS_ENVIRONMENTS": str(_user_file(tmp_path, NEW_STAGING))}
    )
    assert target.env_name == "city-staging"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[mine\ndescription = 1", "不是有效的 TOML"),
        ('mine = "x"', "[mine] 应为表"),
        ('[mine]\nretries = "1"', "[mine] retries 应为整数"),
        ("[mine]\nretries = true", "[mine] retries 应为整数"),
        ('[mine]\ncontrol_api = "no"', "[mine] control_api 应为true 或 false"),
        ('[mine]\ngdzwfw_ulr = "https://x.test"', "[mine] 未知的键「gdzwfw_ulr」"),
        ('[mine]\npaths = "/x"', "[mine] paths 应为表"),
        ('[mine.paths]\n"gdzwfw.login" = "https://x.test/login"', "paths 的「gdzwfw.login」应为以 / 开头的相对路径"),
        ('[mine.paths]\n"gdzwfw.login" = 3', "paths 的「gdzwfw.login」应为以 / 开头的相对路径"),
        ('[mine.locators]\naccount = "css=input"', "locators 的键「account」应写作"),
        (
            '[mine.locators]\n"GdzwfwLoginPage.account" = ""',
            "locators 的「GdzwfwLoginPage.account」应为 Playwright 选择器字符串",
        ),
    ],
)
def test_a_bad_user_file_names_the_file_and_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = _user_file(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        resolve_target("mine", None, None, {}, user_file=path)
    assert str(path) in str(error.value) and expected in str(error.value)


def test_a_missing_user_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"环境配置文件 .*nowhere\.toml 不存在"):
        resolve_target(None, None, None, {"HARNESS_ENVIRONMENTS": str(tmp_path / "nowhere.toml")})


def test_the_repository_file_passes_its_own_checks() -> None:
    assert load_profiles(ENVIRONMENTS_FILE)["mock"]["control_api"] is True


def _pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL", "HARNESS_ENVIRONMENTS")
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "features",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",
        "-n",
        "0",
        "--feature-path",
        "A1.1_",
        *args,
    ]
    return subprocess.run(command, cwd=REPO, env=environ, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[mine\n", "不是有效的 TOML"),
        ('[mock.locators]\n"GdzwfwLoginPage.acount" = "css=input.user"', "GdzwfwLoginPage 没有成员 acount"),
        ('[mock.locators]\n"LoginPage.account" = "css=input.user"', "没有页面对象类 LoginPage"),
    ],
)
def test_a_bad_file_stops_the_run_before_any_test_with_one_message(tmp_path: Path, text: str, expected: str) -> None:
    run = _pytest(tmp_path, "--environments", str(_user_file(tmp_path, text)))
    output = run.stdout + run.stderr
    assert run.returncode == 4, output[-2000:]
    assert output.count(expected) == 1 and "Traceback" not in output and "passed" not in output, output[-2000:]
