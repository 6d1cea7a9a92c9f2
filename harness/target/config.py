"""Resolves which portals the suite talks to: the bundled mock or a configured server."""

# Precedence, highest first: command-line option, environment variable, profile in
# `environments.toml`. Every problem is reported as one `ConfigError` before any test runs.
# Portal addresses alone do not say whether the mock's control API is there, so they need a
# profile (`--env staging`, `--env mock` …) to go with them.
#
# Profiles outside the repository: a user file (`--environments FILE` or `HARNESS_ENVIRONMENTS`)
# in the same format adds profiles or extends the repository's (same name: its keys win, tables
# such as `[NAME.paths]` key by key), so a new staging is described without editing the
# repository. Both files are checked key by key when read: a syntax error, a wrong type or an
# unknown key stops the run with one message naming the file and the key.

from __future__ import annotations

import ipaddress
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ENVIRONMENTS_FILE = Path(__file__).with_name("environments.toml")

ENV_VAR_ENV = "HARNESS_ENV"
ENV_VAR_GDZWFW_URL = "GDZWFW_URL"
ENV_VAR_HRSS_URL = "HRSS_URL"
ENV_VAR_ENVIRONMENTS = "HARNESS_ENVIRONMENTS"


class ConfigError(ValueError):
    """The requested target environment cannot be used; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where the two portals are, and whether the mock's control API is there."""

    env_name: str
    description: str
    gdzwfw_url: str | None
    hrss_url: str | None
    control_api: bool
    #: Failed scenarios are run again this many times (None: the harness's default).
    retries: int | None = None
    #: The profile's hosts count as sensitive for `@destructive` scenarios.
    sensitive: bool = False
    #: `@destructive` scenarios may run even on a sensitive host.
    allow_destructive: bool = False
    #: ... but only where both portals are on this machine (`allow_destructive = "loopback"`).
    destructive_loopback_only: bool = False
    #: Out-of-band sources of the staging provider (see harness.preconditions.staging).
    sources: Mapping[str, Any] = field(default_factory=dict)
    #: Text each portal's entry page must show for the preflight (portal → text).
    entry_texts: Mapping[str, str] = field(default_factory=dict)
    #: Locator overrides by page-object member (``"GdzwfwLoginPage.account"`` → a Playwright
    #: selector): the last resort for what no locator helper can see on this environment.
    locators: Mapping[str, str] = field(default_factory=dict)
    #: Every profile the target was resolved from (the page paths of `harness.target.portals` read them).
    profiles: Mapping[str, Mapping] = field(default_factory=dict, repr=False)

    @property
    def starts_mock(self) -> bool:
        """No URLs given: the session starts the bundled mock portals itself."""
        return self.gdzwfw_url is None and self.hrss_url is None


def load_profiles(path: Path = ENVIRONMENTS_FILE, user_file: Path | None = None) -> dict[str, dict]:
    """Reads the environment profiles from the repository's TOML file, then lays the user
    file's over them (see the module docstring)."""
    profiles = _read_profiles(path)
    if user_file is not None:
        for name, profile in _read_profiles(user_file).items():
            profiles[name] = _overlay(profiles.get(name, {}), profile)
    return profiles


def environments_file(option: str | None, environ: Mapping[str, str]) -> Path | None:
    """The user's profile file: `--environments`, else `HARNESS_ENVIRONMENTS`, else none."""
    value = option or environ.get(ENV_VAR_ENVIRONMENTS)
    return Path(value).expanduser() if value else None


# The keys a profile may have and their TOML types (environments.toml's header explains them).
PROFILE_KEYS: dict[str, type] = {
    "description": str,
    "control_api": bool,
    "gdzwfw_url": str,
    "hrss_url": str,
    "gdzwfw_url_env": str,
    "hrss_url_env": str,
    "retries": int,
    "sensitive": bool,
    # true, false or "loopback": checked with its meaning where the target is resolved.
    "allow_destructive": object,
    "mock_rendition": bool,
    "gdzwfw_entry_text": str,
    "hrss_entry_text": str,
    "sources": dict,
    "paths": dict,
    "locators": dict,
    "renditions": dict,
}
TYPE_NAMES = {str: "字符串", bool: "true 或 false", int: "整数", dict: "表"}
# A locator override's key: the page object's class and its member.
MEMBER_KEY = re.compile(r"^[A-Za-z_]\w*\.[A-Za-z_]\w*$")


def _read_profiles(path: Path) -> dict[str, dict]:
    if not path.is_file():
        raise ConfigError(f"环境配置文件 {path} 不存在（--environments 或环境变量 {ENV_VAR_ENVIRONMENTS}）")
    try:
        with path.open("rb") as handle:
            profiles = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"环境配置文件 {path} 不是有效的 TOML：{error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"环境配置文件 {path} 无法读取：{error}") from None
    for name, profile in profiles.items():
        _check_profile(path, name, profile)
    return profiles


def _check_profile(path: Path, name: str, profile: Any) -> None:
    where = f"环境配置文件 {path}：[{name}]"
    if not isinstance(profile, dict):
        raise ConfigError(f"{where} 应为表（[{name}] 下写键值），而不是 {profile!r}")
    for key, value in profile.items():
        expected = PROFILE_KEYS.get(key)
        if expected is None:
            raise ConfigError(f"{where} 未知的键「{key}」（可用：{'、'.join(PROFILE_KEYS)}）")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{where} {key} 应为{TYPE_NAMES[expected]}，而不是 {value!r}")
    for page, value in profile.get("paths", {}).items():
        if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
            raise ConfigError(f"{where} paths 的「{page}」应为以 / 开头的相对路径（不带主机），而不是 {value!r}")
    for member, value in profile.get("locators", {}).items():
        if not MEMBER_KEY.match(member):
            raise ConfigError(
                f'{where} locators 的键「{member}」应写作 "页面对象类.成员"，如 "GdzwfwLoginPage.account"'
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f'{where} locators 的「{member}」应为 Playwright 选择器字符串（如 "css=input.user"），而不是 {value!r}'
            )


def _overlay(base: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """`own` laid over `base`: its keys win, tables merge key by key."""
    merged = dict(base)
    for key, value in own.items():
        merged[key] = (
            _overlay(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged


# The full stops a browser's host parser takes for "." (UTS #46 maps them): the ideographic one
# a Chinese input method types, its full-width and half-width forms.
FULL_STOPS = re.compile("[\u3002\uff0e\uff61]")
HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
LOOPBACK_NAMES = ("localhost",)


def canonical_host(host: str) -> str:
    """The host a browser would connect to for `host`: percent-escapes decoded, the ideographic
    and full-width full stops, full-width letters and case mapped (IDNA: the standard library's
    codec, IDNA 2003 with nameprep, whose NFKC mapping covers what UTS #46 maps here), a
    trailing dot dropped, non-ASCII labels in their xn-- form. `ValueError` for anything that
    does not normalise to an ordinary host name or IP address."""
    text = unquote(host, errors="strict").strip()
    try:
        return ipaddress.ip_address(text.strip("[]")).compressed
    except ValueError:
        pass
    text = FULL_STOPS.sub(".", unicodedata.normalize("NFKC", text)).lower()
    text = text[:-1] if text.endswith(".") else text
    try:
        ascii_host = text.encode("idna").decode("ascii").lower()
    except UnicodeError as error:
        raise ValueError(f"主机名「{host}」无法按浏览器的规则规范化（{error}）") from None
    labels = ascii_host.split(".")
    if not ascii_host or not all(HOST_LABEL.match(label) for label in labels):
        raise ValueError(f"主机名「{host}」含有主机名中不能有的字符")
    try:
        # Dotted-decimal IPv4; other spellings a browser also reads as addresses (0x7f.1) stay
        # names here, which can only make the loopback rule stricter, never looser.
        return ipaddress.ip_address(ascii_host).compressed
    except ValueError:
        return ascii_host


def is_loopback(host: str) -> bool:
    """Whether `host` (canonical) is this machine: 127.0.0.0/8, ::1 or localhost."""
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_url(value: str, source: str) -> str:
    """Checks that `value` is an http(s) origin with an optional path and gives it back with its
    host as a browser reads it (`canonical_host`) and no trailing slash."""
    try:
        parts = urlsplit(value.strip())
        hostname, port = parts.hostname, parts.port
    except ValueError as error:
        # urlsplit refuses hosts that NFKC turns into / ? # @ :, and malformed ports.
        raise ConfigError(f"{source}: 「{value}」不是有效的网址（{error}）") from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise ConfigError(f"{source}: 「{value}」不是有效的网址（需要 http:// 或 https:// 开头并带主机名）")
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"{source}: 网址中不能带用户名或密码，只填门户的根地址")
    if parts.query or parts.fragment:
        raise ConfigError(f"{source}: 「{value}」不能带查询参数或锚点，只填门户的根地址")
    try:
        host = canonical_host(hostname)
    except ValueError as error:
        raise ConfigError(f"{source}: {error}，请改用普通的主机名（ASCII 或标准的中文域名）") from None
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port is not None else ""
    return f"{parts.scheme}://{netloc}{parts.path}".rstrip("/")


def resolve_target(
    env_name: str | None,
    gdzwfw_url: str | None,
    hrss_url: str | None,
    environ: Mapping[str, str],
    profiles: Mapping[str, Mapping] | None = None,
    user_file: Path | None = None,
) -> Target:
    """Combines options, environment variables and the profile into one `Target`; without
    `profiles`, from the repository's file and the user's (`user_file`, else
    `HARNESS_ENVIRONMENTS`)."""
    if profiles is None:
        profiles = load_profiles(user_file=user_file or environments_file(None, environ))
    name = env_name or environ.get(ENV_VAR_ENV)
    if not name and (gdzwfw_url or hrss_url or environ.get(ENV_VAR_GDZWFW_URL) or environ.get(ENV_VAR_HRSS_URL)):
        raise ConfigError(
            "给出了门户地址，但没有指定环境："
            "真实的预发布环境请加 --env staging（没有模拟控制接口，前置条件来自账号池），"
            "手工启动的内置模拟门户请加 --env mock（使用它的控制接口）"
        )
    name = name or "mock"
    if name not in profiles:
        known = "、".join(sorted(profiles))
        raise ConfigError(
            f"未知的环境「{name}」，可选：{known}"
            "（见 harness/target/environments.toml，或用 --environments 给出自己的配置文件）"
        )
    profile = profiles[name]

    gdzwfw = _pick_url("--gdzwfw-url", gdzwfw_url, ENV_VAR_GDZWFW_URL, profile, "gdzwfw", environ)
    hrss = _pick_url("--hrss-url", hrss_url, ENV_VAR_HRSS_URL, profile, "hrss", environ)
    if (gdzwfw is None) != (hrss is None):
        # The two portals trust each other (SSO client registration); mixing a
        # started mock with a foreign server cannot log anybody in.
        raise ConfigError("--gdzwfw-url 与 --hrss-url 必须同时指定（或都不指定，使用内置模拟门户）")
    return Target(
        env_name=name,
        description=str(profile.get("description", name)),
        gdzwfw_url=gdzwfw,
        hrss_url=hrss,
        control_api=bool(profile.get("control_api", False)),
        retries=_retries(profile, name),
        sensitive=bool(profile.get("sensitive", False)),
        allow_destructive=bool(profile.get("allow_destructive", False)),
        destructive_loopback_only=_allow_destructive(profile, name) == "loopback",
        sources=_sources(profile.get("sources", {}), environ, name),
        entry_texts={
            portal: str(profile.get(f"{portal}_entry_text", default)) for portal, default in DEFAULT_ENTRY_TEXTS.items()
        },
        locators=dict(profile.get("locators", {})),
        profiles=profiles,
    )


DEFAULT_ENTRY_TEXTS = {"gdzwfw": "广东省统一身份认证", "hrss": "广东人社统一认证"}


def _retries(profile: Mapping, name: str) -> int | None:
    value = profile.get("retries")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(f"environments.toml [{name}] retries 应为不小于 0 的整数")
    return value


def _allow_destructive(profile: Mapping, name: str) -> bool | str:
    value = profile.get("allow_destructive", False)
    if not isinstance(value, bool) and value != "loopback":
        raise ConfigError(
            f'environments.toml [{name}] allow_destructive 应为 true、false 或 "loopback"（只允许本机地址）'
        )
    return value


def _sources(raw: Mapping, environ: Mapping[str, str], name: str) -> dict[str, Any]:
    """The profile's sources; `<key>_env = "VAR"` takes `<key>` from an environment variable,
    so a fixed test code need not be committed."""
    if not isinstance(raw, Mapping):
        raise ConfigError(f"environments.toml [{name}.sources] 应为表")
    sources: dict[str, Any] = {}
    for key, value in raw.items():
        if key.endswith("_env"):
            if environ.get(str(value)):
                sources[key.removesuffix("_env")] = environ[str(value)]
        else:
            sources[key] = value
    return sources


def _pick_url(
    option: str,
    cli_value: str | None,
    env_var: str,
    profile: Mapping,
    portal: str,
    environ: Mapping[str, str],
) -> str | None:
    if cli_value:
        return normalise_url(cli_value, option)
    if environ.get(env_var):
        return normalise_url(environ[env_var], f"环境变量 {env_var}")
    if f"{portal}_url" in profile:
        return normalise_url(str(profile[f"{portal}_url"]), f"environments.toml {portal}_url")
    profile_var = profile.get(f"{portal}_url_env")
    if profile_var:
        if not environ.get(profile_var):
            raise ConfigError(f"该环境需要环境变量 {profile_var}（{portal} 门户地址），或使用 {option}")
        return normalise_url(environ[profile_var], f"环境变量 {profile_var}")
    return None
