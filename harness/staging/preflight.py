"""The preflight of a real target: both portals answer and show their entry text, the account
pool parses, and one pool account logs in."""

from __future__ import annotations

import functools
import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping

from playwright.sync_api import Browser

from harness.preconditions.logins import PortalLogins
from harness.preconditions.pool import AccountPool, PoolError, pool_path
from harness.target.config import Target
from harness.target.portals import PortalUrls

PREFLIGHT_TIMEOUT = 3.0


def probe_portal(name: str, url: str, expected: str, timeout: float = PREFLIGHT_TIMEOUT) -> str | None:
    """None when `url` answers 200 with `expected` in its page, else what is wrong. `timeout`
    bounds each network wait; `preflight` bounds the whole check."""
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers={"Accept-Language": "zh-CN"}), timeout=timeout
        ) as response:
            body = response.read(2_000_000).decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return f"{name} {url} 回答 HTTP {error.code}"
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        return f"{name} {url} 无法访问（{reason}）"
    if expected not in body:
        return f"{name} {url} 的页面中没有「{expected}」——地址是否指向了别的系统？"
    return None


def within_deadline(checks: list[Callable[[], str | None]], seconds: float) -> list[str | None | type[TimeoutError]]:
    """Runs every check at the same time and waits for all of them at most `seconds` in all:
    a check still running then (a server that sends its page a byte at a time) gives
    `TimeoutError`. The checks run in daemon threads, so one left behind cannot hold up the
    end of the process."""
    results: list[str | None | type[TimeoutError]] = [TimeoutError] * len(checks)

    def run(index: int, check: Callable[[], str | None]) -> None:
        results[index] = check()

    threads = [threading.Thread(target=run, args=(index, check), daemon=True) for index, check in enumerate(checks)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + seconds
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return results


def preflight(
    target: Target,
    environ: Mapping[str, str],
    logins: PortalLogins,
    timeout: float = PREFLIGHT_TIMEOUT,
    rendition: str | None = None,
) -> list[str]:
    """Problems that make the run pointless: portals down or not what they should be, a pool
    file or its lease record that is configured but unusable. Both portals are probed at the
    same time, and `timeout` is the deadline of the whole probe, not of each read."""
    gdzwfw_login, hrss_login = logins.entry_paths(target, rendition)
    checks = [
        (
            "广东政务服务网（省统一身份认证）",
            f"{target.gdzwfw_url}{gdzwfw_login}",
            target.entry_texts.get("gdzwfw", ""),
        ),
        ("广东人社统一认证", f"{target.hrss_url}{hrss_login}", target.entry_texts.get("hrss", "")),
    ]
    results = within_deadline([functools.partial(probe_portal, *check, timeout=timeout) for check in checks], timeout)
    problems = []
    for (name, url, _), result in zip(checks, results, strict=True):
        if result is TimeoutError:
            problems.append(f"{name} {url} 在 {timeout:g} 秒内没有答完（连接或应答太慢）")
        elif result:
            problems.append(str(result))
    path = pool_path(environ)
    if path is not None:
        try:
            AccountPool.load(path).leased()
        except PoolError as error:
            problems.append(str(error))
    return problems


def pool_login_problem(
    pool: AccountPool, target: Target, urls: PortalUrls, browser: Browser, context_args: dict, logins: PortalLogins
) -> str | None:
    """What went wrong logging one pool account in, or None."""
    from harness.preconditions import PreconditionFailed
    from harness.preconditions.staging import StagingPreconditions

    provider = StagingPreconditions(
        pool, target.sources, urls, browser, context_args, holder="preflight", logins=logins
    )
    context = browser.new_context(**context_args)
    try:
        provider.check_login(context)
        return None
    except PreconditionFailed as error:
        return str(error)
    except PoolError:
        raise  # the pool file or its lease record, not its accounts: the caller says which
    except Exception as error:  # noqa: BLE001 - whatever went wrong is the one message of the run
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    finally:
        provider.release()
        context.close()
