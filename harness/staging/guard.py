"""The destructive guard (`@destructive` never runs on a sensitive host unless a profile allows
it) and the number of retries a target gets."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from harness.target.config import Target, canonical_host, is_loopback

# Hosts where `@destructive` scenarios never run unless a profile allows them: the production
# portals (广东政务服务网 / 省统一身份认证 and 广东人社网上服务平台) and their parent domains.
SENSITIVE_DOMAINS = ("gd.gov.cn", "gdzwfw.gov.cn", "gdbs.gov.cn")


SENSITIVE_HOSTS = ("www.gdzwfw.gov.cn", "tyrz.gdzwfw.gov.cn", "tyrz.gdbs.gov.cn", "ggfw.hrss.gd.gov.cn")


DEFAULT_RETRIES = 1


GUARD_PREFIX = "@destructive："


def retries_option(text: str) -> int:
    """`--retries`: a whole number from 0; anything else is a usage error naming the option."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为不小于 0 的整数，而不是「{text}」") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"应为不小于 0 的整数，而不是 {value}")
    return value


def is_sensitive(host: str, profile_sensitive: bool = False) -> bool:
    """True for the production portals, anything under their domains, any host of a profile
    marked `sensitive`, and any host that does not normalise as a browser's would (compared
    after that normalisation: 「tyrz。gdzwfw。gov。cn」 is the production host to a browser)."""
    try:
        host = canonical_host(host)
    except ValueError:
        return True
    return (
        profile_sensitive
        or host in SENSITIVE_HOSTS
        or any(host == domain or host.endswith("." + domain) for domain in SENSITIVE_DOMAINS)
    )


def destructive_refusal(target: Target) -> str | None:
    """Why `@destructive` scenarios may not run on `target`, or None when they may."""
    if target.starts_mock:
        return None
    hosts = [urlsplit(url).hostname or "" for url in (target.gdzwfw_url, target.hrss_url) if url]
    if target.allow_destructive and (not target.destructive_loopback_only or all(_loopback(host) for host in hosts)):
        return None
    sensitive = [host for host in hosts if is_sensitive(host, target.sensitive)]
    if not sensitive:
        return None
    allowed = "只在本机地址上允许" if target.allow_destructive else "未允许"
    return (
        f"{GUARD_PREFIX}{'、'.join(sensitive)} 是敏感主机（生产门户或被标为 sensitive），"
        f"环境 {target.env_name} {allowed}会改变数据的场景（allow_destructive）"
    )


def _loopback(host: str) -> bool:
    try:
        return is_loopback(canonical_host(host))
    except ValueError:
        return False


def retries_for(target: Target, option: int | None) -> int:
    """How often a failed scenario runs again: never on the mock (a flake there is a defect)."""
    if target.control_api:
        return 0
    if option is not None:
        return option
    return DEFAULT_RETRIES if target.retries is None else target.retries
