"""Target resolution: profiles, options, environment variables, and every kind of bad input."""

from __future__ import annotations

import pytest

from harness.target.config import ConfigError, load_profiles, normalise_url, resolve_target

PROFILES = {
    "mock": {"description": "mock", "control_api": True},
    "staging": {"gdzwfw_url_env": "STAGING_GDZWFW_URL", "hrss_url_env": "STAGING_HRSS_URL", "control_api": False},
    "fixed": {"gdzwfw_url": "https://idp.example.test/", "hrss_url": "https://hrss.example.test", "control_api": False},
}


def test_default_is_the_bundled_mock() -> None:
    target = resolve_target(None, None, None, {}, PROFILES)
    assert (target.env_name, target.starts_mock, target.control_api) == ("mock", True, True)


def test_repository_profiles_have_mock_and_staging() -> None:
    profiles = load_profiles()
    assert {"mock", "staging"} <= set(profiles)
    assert profiles["mock"]["control_api"] is True and profiles["staging"]["control_api"] is False


def test_env_variable_chooses_the_profile() -> None:
    target = resolve_target(None, None, None, {"HARNESS_ENV": "fixed"}, PROFILES)
    assert target.gdzwfw_url == "https://idp.example.test" and not target.starts_mock


def test_staging_reads_its_urls_from_the_named_variables() -> None:
    environ = {"STAGING_GDZWFW_URL": "https://idp.staging.test", "STAGING_HRSS_URL": "https://hrss.staging.test/"}
    target = resolve_target("staging", None, None, environ, PROFILES)
    assert (target.gdzwfw_url, target.hrss_url, target.control_api) == (
        "https://idp.staging.test",
        "https://hrss.staging.test",
        False,
    )


def test_staging_without_its_variables_names_them() -> None:
    with pytest.raises(ConfigError, match="STAGING_GDZWFW_URL"):
        resolve_target("staging", None, None, {}, PROFILES)


def test_options_win_over_environment_and_profile() -> None:
    environ = {"GDZWFW_URL": "http://env-idp.test", "HRSS_URL": "http://env-hrss.test"}
    target = resolve_target("fixed", "http://127.0.0.1:8001", "http://127.0.0.1:8002", environ, PROFILES)
    assert (target.gdzwfw_url, target.hrss_url) == ("http://127.0.0.1:8001", "http://127.0.0.1:8002")


def test_mock_with_urls_talks_to_a_running_mock() -> None:
    target = resolve_target("mock", "http://127.0.0.1:8001", "http://127.0.0.1:8002", {}, PROFILES)
    assert not target.starts_mock and target.control_api


def test_unknown_environment_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="未知的环境「prod」.*mock"):
        resolve_target("prod", None, None, {}, PROFILES)


def test_only_one_url_is_refused() -> None:
    with pytest.raises(ConfigError, match="必须同时指定"):
        resolve_target("mock", "http://127.0.0.1:8001", None, {}, PROFILES)


@pytest.mark.parametrize(
    ("gdzwfw", "hrss", "environ"),
    [
        ("https://idp.test", "https://hrss.test", {}),
        ("https://idp.test", None, {}),
        (None, None, {"GDZWFW_URL": "https://idp.test", "HRSS_URL": "https://hrss.test"}),
    ],
    ids=["both-options", "one-option", "environment-variables"],
)
def test_bare_urls_without_a_profile_are_refused_naming_the_profiles(
    gdzwfw: str | None, hrss: str | None, environ: dict
) -> None:
    # Addresses alone do not tell whether the mock's control API is there.
    with pytest.raises(ConfigError, match=r"--env staging.*--env mock"):
        resolve_target(None, gdzwfw, hrss, environ, PROFILES)


def test_urls_with_the_profile_from_the_environment_variable_are_accepted() -> None:
    target = resolve_target(None, "https://idp.test", "https://hrss.test", {"HARNESS_ENV": "staging"}, PROFILES)
    assert (target.env_name, target.control_api) == ("staging", False)


def test_profile_settings_for_real_targets() -> None:
    profiles = {
        "real": {
            "gdzwfw_url": "https://idp.test",
            "hrss_url": "https://hrss.test",
            "retries": 2,
            "sensitive": True,
            "sources": {"captcha_answer": "1234", "sms_code_env": "REAL_SMS", "sms_inbox_url_env": "UNSET_INBOX"},
        }
    }
    target = resolve_target("real", None, None, {"REAL_SMS": "246810"}, profiles)
    assert (target.retries, target.sensitive, target.allow_destructive) == (2, True, False)
    # `<key>_env` reads the value from the environment; an unset variable leaves the source out.
    assert dict(target.sources) == {"captcha_answer": "1234", "sms_code": "246810"}
    assert target.entry_texts == {"gdzwfw": "广东省统一身份认证", "hrss": "广东人社统一认证"}


@pytest.mark.parametrize("retries", [-1, "1", True, 1.5])
def test_bad_retries_are_refused(retries: object) -> None:
    profiles = {"real": {"gdzwfw_url": "https://idp.test", "hrss_url": "https://hrss.test", "retries": retries}}
    with pytest.raises(ConfigError, match="retries"):
        resolve_target("real", None, None, {}, profiles)


def test_repository_staging_sim_profile_has_no_control_api_and_declares_its_sources() -> None:
    profile = load_profiles()["staging-sim"]
    assert profile["control_api"] is False and profile["retries"] == 0
    assert "{phone}" in profile["sources"]["sms_inbox_url"] and profile["sources"]["captcha_answer"]


@pytest.mark.parametrize(
    "value",
    [
        "ftp://idp.test",
        "idp.test",
        "http://",
        "https://idp.test/?x=1",
        "https://idp.test/#a",
        "http://idp.test:99999",
        "javascript:alert(1)",
    ],
    ids=["ftp", "no-scheme", "no-host", "query", "fragment", "bad-port", "javascript"],
)
def test_malformed_urls_are_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="--gdzwfw-url"):
        normalise_url(value, "--gdzwfw-url")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://127.0.0.1:8001/", "http://127.0.0.1:8001"),
        ("https://idp.test/base", "https://idp.test/base"),
        (" https://idp.test ", "https://idp.test"),
    ],
)
def test_good_urls_are_normalised(value: str, expected: str) -> None:
    assert normalise_url(value, "x") == expected


def test_bad_url_from_environment_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="环境变量 GDZWFW_URL"):
        resolve_target("fixed", None, None, {"GDZWFW_URL": "nope", "HRSS_URL": "http://h.test"}, PROFILES)
