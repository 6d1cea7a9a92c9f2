"""The harness itself under bad input and faults: each case ends with one message that names what
to fix and a non-zero exit, never a traceback; no guard is bypassed, no secret left in a report
file, no lease lost."""

from __future__ import annotations

import base64
import html
import http.server
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import quote, quote_plus

import pytest

from harness.preconditions import ACCOUNTS, READ_BACK, SMS, LegalAccount, MyUnit
from harness.preconditions.pool import AccountPool, PoolError
from harness.preconditions.scenario_needs import capabilities_needed
from harness.preconditions.staging import WRONG_PASSWORD_CAP, StagingPreconditions
from harness.staging.guard import destructive_refusal, retries_for, retries_option
from harness.staging.masking import MASK, SecretRegistry, find_secrets, mask_tree
from harness.staging.preflight import preflight
from harness.target.config import (
    ConfigError,
    Target,
    canonical_host,
    load_profiles,
    resolve_target,
)
from harness.target.portals import PortalUrls
from pages.logins import PageLogins

REPO = Path(__file__).resolve().parents[2]
PRODUCTION = {"STAGING_HRSS_URL": "https://ggfw.hrss.gd.gov.cn"}


def _pytest(args: list[str], environ: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL", "HARNESS_ACCOUNT_POOL", "BROWSER_SERVER")
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=REPO,
        env={**env, **environ},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- Hosts as a browser reads them ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://tyrz。gdzwfw。gov。cn",
        "https://tyrz．gdzwfw．gov．cn",
        "https://tyrz｡gdzwfw｡gov｡cn",
        "https://tyrz.ｇｄｚｗｆｗ.gov.cn",
        "https://ＴＹＲＺ.GDZWFW.gov.cn.",
        "https://tyrz%2Egdzwfw.gov.cn",
        "https://tyrz.%67dzwfw.gov.cn/",
    ],
    ids=[
        "ideographic-stop",
        "fullwidth-stop",
        "halfwidth-stop",
        "fullwidth-letters",
        "case-trailing-dot",
        "escaped-dot",
        "escaped-letter",
    ],
)
def test_production_spelt_otherwise_is_still_production(url: str) -> None:
    target = resolve_target(
        "staging", None, None, {"STAGING_GDZWFW_URL": url, "STAGING_HRSS_URL": "https://hrss.staging.test"}
    )
    assert target.gdzwfw_url == "https://tyrz.gdzwfw.gov.cn"
    refusal = destructive_refusal(target)
    assert refusal and "tyrz.gdzwfw.gov.cn 是敏感主机" in refusal


@pytest.mark.parametrize(
    "url",
    [
        "https://exa mple.test",
        "https://a..b.test",
        "https://%ff.test",
        "https://idp.test／x",
        "https://user:pw@idp.test",
    ],
    ids=["space", "empty-label", "escape-not-utf8", "fullwidth-solidus", "credentials"],
)
def test_hosts_that_do_not_normalise_are_refused_with_one_message(url: str) -> None:
    with pytest.raises(ConfigError, match="环境变量 STAGING_GDZWFW_URL"):
        resolve_target(
            "staging", None, None, {"STAGING_GDZWFW_URL": url, "STAGING_HRSS_URL": "https://hrss.staging.test"}
        )


def test_a_whole_run_on_an_ideographic_production_host_refuses_destructive_scenarios_without_a_traceback() -> None:
    run = _pytest(
        ["features", "--env", "staging", "-m", "destructive", "-q", "-rs", "-p", "no:cacheprovider"],
        {"STAGING_GDZWFW_URL": "https://tyrz。gdzwfw。gov。cn", **PRODUCTION},
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in output and "UnicodeError" not in output, output[-2000:]
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all("tyrz.gdzwfw.gov.cn、ggfw.hrss.gd.gov.cn 是敏感主机" in line for line in skipped), skipped


def test_canonical_hosts_keep_addresses_and_xn_labels() -> None:
    assert canonical_host("127.0.0.1") == "127.0.0.1" and canonical_host("[::1]") == "::1"
    assert canonical_host("人社.例子.test") == "xn--gmq794h.xn--fsqu00a.test"


# --- staging-sim's allow_destructive and --retries ----------------------------------------------


def _staging_sim(gdzwfw: str, hrss: str) -> Target:
    return resolve_target(
        "staging-sim", None, None, {"STAGING_SIM_GDZWFW_URL": gdzwfw, "STAGING_SIM_HRSS_URL": hrss}, load_profiles()
    )


def test_staging_sim_allows_destructive_scenarios_only_on_loopback() -> None:
    assert destructive_refusal(_staging_sim("http://127.0.0.1:8001", "http://localhost:8002")) is None
    refusal = destructive_refusal(_staging_sim("https://tyrz.gdzwfw.gov.cn", PRODUCTION["STAGING_HRSS_URL"]))
    assert (
        refusal
        and "tyrz.gdzwfw.gov.cn、ggfw.hrss.gd.gov.cn 是敏感主机" in refusal
        and "只在本机地址上允许会改变数据的场景" in refusal
    )


def test_allow_destructive_of_another_kind_is_refused() -> None:
    profiles = {"x": {"gdzwfw_url": "http://127.0.0.1:1", "hrss_url": "http://127.0.0.1:2", "allow_destructive": "yes"}}
    with pytest.raises(ConfigError, match=r"\[x\] allow_destructive"):
        resolve_target("x", None, None, {}, profiles)


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", ""])
def test_bad_retries_are_refused(value: str) -> None:
    with pytest.raises(Exception, match="不小于 0 的整数"):
        retries_option(value)


def test_bad_retries_end_the_run_with_one_usage_message() -> None:
    run = _pytest(["features", "--co", "-q", "--retries", "-1"], {})
    assert (
        run.returncode == 4
        and "--retries" in run.stderr
        and "不小于 0 的整数" in run.stderr
        and "Traceback" not in run.stderr
    ), run.stderr[-2000:]
    assert retries_for(Target("t", "t", "https://a.test", "https://b.test", False), 0) == 0


# --- One deadline for the preflight --------------------------------------------------------------


class _Drip(http.server.BaseHTTPRequestHandler):
    """Headers at once, then the page one byte at a time (a hostile or broken proxy)."""

    stop = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "40")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"x")
            self.wfile.flush()
            # The drip's own pace (and how the test ends it): a hostile server, not a wait for a condition.
            if self.stop.wait(0.2):
                return

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """A server on 127.0.0.1 that sends its headers and then one byte every 0.2 s (8 s in all)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    _Drip.stop.clear()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Drip.stop.set()
    server.shutdown()
    server.server_close()


def test_a_dripping_server_cannot_keep_the_preflight_past_its_deadline(dripping_server: str) -> None:
    target = Target("t", "t", dripping_server, dripping_server, False)
    started = time.monotonic()
    problems = preflight(target, {}, PageLogins(), timeout=1.0)
    elapsed = time.monotonic() - started
    assert elapsed < 1.8, f"{elapsed:.2f} s"
    assert len(problems) == 2 and all("1 秒内没有答完" in problem for problem in problems), problems


# --- Pool files ----------------------------------------------------------------------------------

UNIT = '[[unit]]\nkey = "u"\nname = "单位"\nuscc = "91440106EXAMPLE0A1"\n'
PERSON = (
    '[[person]]\nkey = "p"\nlogin_name = "l"\npassword = "Secret-123"\nname = "n"\nid_number = '
    '"440106199202020000"\nphone = "1"\nlevel = 2\n'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[unit]\nkey = "u"\nname = "单位"\nuscc = "9144"\n', r"unit 应写成 \[\[unit\]\]"),
        ('[person]\nkey = "p"\n', r"person 应写成 \[\[person\]\]"),
        (UNIT + PERSON + 'bindings = "u"\n', "个人账号 p：bindings 应为表"),
        (UNIT + 'legal = "example_legal_a"\n', "单位 u：legal 应为表"),
        (UNIT + 'hrss = ["x"]\n', "单位 u：hrss 应为表"),
        (
            UNIT + '[unit.legal]\nlogin_name = "a"\npassword = "Secret-123"\nlevel = 4\nmethods = "registry"\n',
            "methods 应为核验方式的列表",
        ),
        (UNIT + 'rebate = { period = "2025" }\n', r"rebate 应写成 \[\[rebate\]\]"),
        (UNIT + 'consumable = "yes"\n', "consumable 应为 true 或 false"),
    ],
    ids=[
        "unit-table",
        "person-table",
        "bindings-text",
        "legal-text",
        "hrss-list",
        "methods-text",
        "rebate-table",
        "consumable-text",
    ],
)
def test_pool_files_of_the_wrong_shape_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pool.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PoolError, match=message) as raised:
        AccountPool.load(path)
    assert str(path) in str(raised.value) and "Secret-123" not in str(raised.value)


def test_a_pool_file_saved_in_gbk_is_named_with_how_to_fix_it(tmp_path: Path) -> None:
    path = tmp_path / "pool.toml"
    path.write_bytes((UNIT + PERSON).encode("gbk"))
    with pytest.raises(PoolError, match="不是 UTF-8 编码.*iconv") as raised:
        AccountPool.load(path)
    assert str(path) in str(raised.value)


def test_a_bad_pool_file_ends_the_run_with_one_message_and_no_traceback(tmp_path: Path) -> None:
    pool = tmp_path / "pool.toml"
    pool.write_text(UNIT + PERSON + 'bindings = "u"\n', encoding="utf-8")
    run = _pytest(
        ["features", "--env", "staging", "-q", "--feature-path", "A1.2_"],
        {
            "STAGING_GDZWFW_URL": "http://127.0.0.1:1",
            "STAGING_HRSS_URL": "http://127.0.0.1:2",
            "HARNESS_ACCOUNT_POOL": str(pool),
        },
    )
    output = run.stdout + run.stderr
    assert run.returncode == 4 and "Traceback" not in output and output.count("预检未通过") == 1, output[-3000:]
    assert f"账号池 {pool} 个人账号 p：bindings 应为表" in output


# --- The lease record ----------------------------------------------------------------------------


@pytest.fixture
def pool(tmp_path: Path) -> AccountPool:
    """A pool of one unit and one person in a fresh folder."""
    path = tmp_path / "pool.toml"
    path.write_text(UNIT + PERSON, encoding="utf-8")
    return AccountPool.load(path)


@pytest.mark.parametrize(
    "content",
    ["garbage{", "", "[]", '{"leased": []}', '{"consumed": {"u": 1}}'],
    ids=["garbage", "empty", "list", "leased-list", "consumed-object"],
)
def test_a_corrupt_lease_file_is_named_with_the_command_that_resets_it(pool: AccountPool, content: str) -> None:
    state = pool.path.with_name("pool.toml.leases.json")
    state.write_text(content, encoding="utf-8")
    with pytest.raises(PoolError, match="租用记录 .*leases.json 已损坏") as raised:
        pool.lease(pool.persons, lambda entry: True, False, "a")
    assert f"rm '{state}'" in str(raised.value)
    problems = preflight(
        Target("t", "t", "http://127.0.0.1:1", "http://127.0.0.1:2", False),
        {"HARNESS_ACCOUNT_POOL": str(pool.path)},
        PageLogins(),
        timeout=1.0,
    )
    assert any(f"rm '{state}'" in problem for problem in problems), problems


def test_the_lease_file_is_replaced_whole_so_a_failed_write_leaves_the_old_state(
    pool: AccountPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = pool.lease(pool.persons, lambda entry: True, False, "a")
    assert taken is not None
    state = pool.path.with_name("pool.toml.leases.json")
    before = state.read_bytes()
    # A write that fails half-way (as a killed worker's would): text the encoder refuses.
    monkeypatch.setattr(json, "dumps", lambda *args, **kwargs: '{"leased": {"\udc80": 1}}')
    with pytest.raises(UnicodeEncodeError):
        pool.give_back([taken.key])
    monkeypatch.undo()
    assert state.read_bytes() == before and json.loads(before)["leased"]
    assert [path.name for path in state.parent.iterdir() if path.name.endswith(".tmp")] == []


LEASE_AND_WAIT = """
import sys
from pathlib import Path
from harness.preconditions.pool import AccountPool
pool = AccountPool.load(Path(sys.argv[1]))
entry = pool.lease(pool.persons, lambda entry: True, False, "worker")
print(entry.key, flush=True)
sys.stdin.read()
"""


def test_a_killed_holder_left_a_zombie_loses_its_lease(pool: AccountPool) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", LEASE_AND_WAIT, str(pool.path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "p"
        assert pool.lease(pool.persons, lambda entry: True, False, "me") is None  # held while it lives
        os.kill(child.pid, signal.SIGKILL)
        # Not reaped: the child is a zombie, and os.kill(pid, 0) still finds it.
        waited = os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
        assert waited is not None and waited.si_pid == child.pid
        os.kill(child.pid, 0)
        assert pool.lease(pool.persons, lambda entry: True, False, "me") is not None
    finally:
        child.kill()
        child.wait()


# --- A browser server that is not there ----------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refusing_browser_server_is_one_message_for_the_run() -> None:
    port = _closed_port()
    run = _pytest(
        ["features", "-q", "--feature-path", "A1.2_", "-p", "no:randomly", f"--browser-server=ws://127.0.0.1:{port}/"],
        {},
    )
    output = run.stdout + run.stderr
    assert run.returncode == 4 and output.count(f"--browser-server ws://127.0.0.1:{port}/ 无法连接") == 1, output[
        -3000:
    ]
    assert "Traceback" not in output and " errors" not in output and "ERROR " not in output


class _Forbidden(http.server.BaseHTTPRequestHandler):
    """Accepts connections and refuses every WebSocket upgrade (a farm that wants a token)."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_error(403)

    def log_message(self, *args: object) -> None:
        pass


def test_a_browser_server_that_refuses_the_handshake_is_one_message_for_the_run() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Forbidden)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"ws://127.0.0.1:{server.server_address[1]}/"
        run = _pytest(
            ["features", "-q", "--feature-path", "A1.2_", "-p", "no:randomly", f"--browser-server={address}"], {}
        )
    finally:
        server.shutdown()
        server.server_close()
    output = run.stdout + run.stderr
    assert run.returncode == 4 and output.count(f"--browser-server {address} 无法使用") == 1, output[-3000:]
    assert "Traceback" not in output and " errors" not in output and "ERROR " not in output, output[-3000:]


# --- Secrets in every form, in every file, at every end of the run -------------------------------

# Punctuation that URL, JSON and HTML each escape, and a non-ASCII part for GBK / GB18030 text.
PASSWORD = "Pw#1 &<'\"/~!密钥"
ID_NUMBER = "440106199001010000"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _forms() -> dict[str, bytes]:
    form_body = "username=example&password=" + quote_plus(PASSWORD)
    return {
        "url-form-body": form_body.encode(),
        "url-component": quote(PASSWORD, safe="!'()*~").encode(),
        "url-lowercase-hex": re.sub(
            "%[0-9A-F]{2}", lambda escape: escape.group(0).lower(), quote(PASSWORD, safe="")
        ).encode(),
        "json": json.dumps({"value": PASSWORD}).encode(),
        "json-unicode": json.dumps({"value": PASSWORD}, ensure_ascii=False).encode(),
        "html": f'<input value="{html.escape(PASSWORD)}">'.encode(),
        "base64-form-body": json.dumps(
            {"postData": {"base64": base64.b64encode(form_body.encode()).decode()}}
        ).encode(),
        "gbk": f"密码：{PASSWORD}".encode("gbk"),
        "gb18030": f"密码：{PASSWORD}".encode("gb18030"),
    }


@pytest.mark.parametrize("form", list(_forms()))
def test_secrets_are_masked_in_every_form_a_file_may_hold(tmp_path: Path, form: str) -> None:
    data = _forms()[form]
    (tmp_path / "file.txt").write_bytes(data)
    (tmp_path / "trace.zip").write_bytes(_zip({"trace.network": data, "inner.zip": _zip({"member.txt": data})}))
    assert len(find_secrets(tmp_path, [PASSWORD])) == 3
    assert mask_tree(tmp_path, SecretRegistry([PASSWORD, ID_NUMBER])) == 2
    assert find_secrets(tmp_path, [PASSWORD]) == []
    masked = (tmp_path / "file.txt").read_bytes()
    if form.startswith("base64"):
        masked = base64.b64decode(json.loads(masked)["postData"]["base64"])
    assert (
        MASK.encode() in masked
        and b"Pw" not in masked
        and "密钥".encode("gbk") not in masked
        and "密钥".encode() not in masked
    )


def _portal_server() -> http.server.ThreadingHTTPServer:
    class Portal(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = "<title>广东省统一身份认证 广东人社统一认证</title>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# A plugin for a staging run that leaks the pool's password into its results, then ends the run
# the way CI or a person does; `what` chooses the leak, `how` the end.
LEAKY_PLUGIN = """
import os, signal
from pathlib import Path
import allure_commons

def pytest_runtest_setup(item):
    folder = Path(item.config.getoption("--alluredir"))
    if {what!r} == "attachment":
        # What allure.attach does once a scenario is open: every allure logger writes the file.
        allure_commons.plugin_manager.hook.report_attached_data(
            body="typed " + {secret!r}, file_name="form-attachment.txt"
        )
    else:
        (folder / "leak.txt").write_text("typed " + {secret!r}, encoding="utf-8")
    os.kill(os.getpid(), signal.{how})
"""


def _leaky_run(tmp_path: Path, what: str, how: str) -> tuple[subprocess.CompletedProcess, Path]:
    pool = tmp_path / "pool.toml"
    pool.write_text(UNIT + PERSON.replace("Secret-123", PASSWORD.replace('"', '\\"')), encoding="utf-8")
    (tmp_path / "leaky.py").write_text(LEAKY_PLUGIN.format(what=what, secret=PASSWORD, how=how), encoding="utf-8")
    results = tmp_path / "allure-results"
    server = _portal_server()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        run = _pytest(
            [
                "features",
                "--env",
                "staging",
                "-q",
                "-p",
                "leaky",
                "-p",
                "no:randomly",
                "--feature-path",
                "A1.2_",
                f"--alluredir={results}",
                f"--output={tmp_path / 'out'}",
            ],
            {
                "STAGING_GDZWFW_URL": base,
                "STAGING_HRSS_URL": base,
                "HARNESS_ACCOUNT_POOL": str(pool),
                "PYTHONPATH": str(tmp_path),
            },
        )
    finally:
        server.shutdown()
        server.server_close()
    return run, results


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_run_stopped_by_a_signal_leaves_no_secret_and_says_it_was_masked(tmp_path: Path, how: str) -> None:
    run, results = _leaky_run(tmp_path, "file", how)
    assert run.returncode == 2 and "Traceback" not in run.stderr, (run.stdout + run.stderr)[-3000:]
    assert (results / "leak.txt").read_text(encoding="utf-8") == f"typed {MASK}"
    assert json.loads((results / "masking-state.json").read_text(encoding="utf-8")) == {"staging": "masked"}


def test_each_allure_file_is_masked_as_it_is_written_even_if_the_run_is_killed(tmp_path: Path) -> None:
    run, results = _leaky_run(tmp_path, "attachment", "SIGKILL")
    assert run.returncode == -signal.SIGKILL
    attachments = list(results.glob("*-attachment.txt"))
    assert attachments and all(path.read_text(encoding="utf-8") == f"typed {MASK}" for path in attachments)
    # The killed run never finished masking: make report refuses to publish its results.
    assert json.loads((results / "masking-state.json").read_text(encoding="utf-8")) == {"staging": "running"}
    check = subprocess.run(
        [sys.executable, "-m", "harness.cli.masking", "check", str(results)], cwd=REPO, capture_output=True, text=True
    )
    assert check.returncode == 1 and "拒绝生成报告" in check.stderr and "harness.cli.masking mask" in check.stderr, (
        check.stderr
    )


def test_a_killed_runs_leftovers_are_masked_when_the_next_run_starts(tmp_path: Path) -> None:
    results = tmp_path / "allure-results"
    results.mkdir()
    (results / "left-by-a-killed-worker-attachment.txt").write_text(f"typed {PASSWORD}", encoding="utf-8")
    _leaky_run(tmp_path, "file", "SIGKILL")  # the next run is killed too, at its first scenario
    assert (results / "left-by-a-killed-worker-attachment.txt").read_text(encoding="utf-8") == f"typed {MASK}"


def test_make_report_checks_the_results_before_it_publishes_them(tmp_path: Path) -> None:
    plan = subprocess.run(["make", "--no-print-directory", "-n", "report"], cwd=REPO, capture_output=True, text=True)
    lines = [line for line in plan.stdout.splitlines() if line.strip()]
    assert "-m harness.cli.masking check" in lines[0] and any("allure generate" in line for line in lines[1:]), lines
    results = tmp_path / "results"
    results.mkdir()
    (results / "x-result.json").write_text(json.dumps({"message": quote_plus(PASSWORD)}), encoding="utf-8")
    pool = tmp_path / "pool.toml"
    pool.write_text(UNIT + PERSON.replace("Secret-123", PASSWORD.replace('"', '\\"')), encoding="utf-8")
    environ = {**os.environ, "HARNESS_ACCOUNT_POOL": str(pool)}
    check = subprocess.run(
        [sys.executable, "-m", "harness.cli.masking", "check", str(results)],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "1 个文件仍含账号池中的机密" in check.stderr and PASSWORD not in check.stderr, (
        check.stderr
    )
    subprocess.run(
        [sys.executable, "-m", "harness.cli.masking", "mask", str(results)],
        cwd=REPO,
        env=environ,
        check=True,
        capture_output=True,
    )
    check = subprocess.run(
        [sys.executable, "-m", "harness.cli.masking", "check", str(results)],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


# --- Wrong passwords never at a shared account ---------------------------------------------------

LOCKABLE_UNIT = (
    UNIT.replace('"u"', '"locked"')
    + 'lockable = true\n[unit.legal]\nlogin_name = "set_aside"\npassword = "Secret-456"\nlevel = 3\n'
)
SHARED_UNIT = UNIT + '[unit.legal]\nlogin_name = "shared"\npassword = "Secret-789"\nlevel = 3\n'


def _provider(pool: AccountPool, holder: str) -> StagingPreconditions:
    return StagingPreconditions(
        pool, {"captcha_answer": "8"}, PortalUrls("http://127.0.0.1:1", "http://127.0.0.1:2"), None, {}, holder=holder
    )


def test_wrong_passwords_go_to_the_account_set_aside_a_few_times_per_run_then_to_none(tmp_path: Path) -> None:
    path = tmp_path / "pool.toml"
    path.write_text(SHARED_UNIT + LOCKABLE_UNIT, encoding="utf-8")
    pool = AccountPool.load(path)
    names = []
    for attempt in range(WRONG_PASSWORD_CAP + 2):
        provider = _provider(pool, f"scenario-{attempt}")
        shared = provider.my_unit(legal_level=3)
        assert shared.key == "u"  # the set-aside account is never anybody's unit
        names.append(provider.login_name_for_wrong_password(shared))
        provider.release()
    assert names[:WRONG_PASSWORD_CAP] == ["set_aside"] * WRONG_PASSWORD_CAP
    assert all(name not in ("shared", "set_aside") for name in names[WRONG_PASSWORD_CAP:]), names


def test_without_an_account_set_aside_a_wrong_password_goes_to_an_account_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "pool.toml"
    path.write_text(SHARED_UNIT, encoding="utf-8")
    provider = _provider(AccountPool.load(path), "scenario")
    shared = provider.my_unit(legal_level=3)
    assert provider.login_name_for_wrong_password(shared) not in ("shared", "")


def test_the_wrong_password_step_asks_the_provider_whose_password_to_get_wrong() -> None:
    from steps.a1_login import log_in_with_mistake

    typed: list[tuple[str, ...]] = []

    class Login:
        captcha_image = None

        def use_password_form(self) -> None:
            pass  # the form is there: this test is about what is typed into it

        def log_in_with_password(self, *values: str) -> None:
            typed.append(values)

    class Provider:
        def captcha_answer(self, captcha_id: str) -> str:
            return "8"

        def login_name_for_wrong_password(self, unit: object) -> str:
            return "set_aside"

    unit = MyUnit(key="u", unit=None, legal=LegalAccount("shared", "Secret-789", 3, ("registry",)), hrss=None)  # type: ignore[arg-type]
    with mock.patch("steps.a1_login.captcha_answer", lambda login, provider: provider.captcha_answer("x")):
        log_in_with_mistake(Login(), Provider(), unit, "密码填错")  # type: ignore[arg-type]
        log_in_with_mistake(Login(), Provider(), unit, "验证码填错")  # type: ignore[arg-type]
    assert typed == [("set_aside", "Secret-789x", "8"), ("shared", "Secret-789", "9")]


# --- Missing capabilities known before anything is leased ----------------------------------------


def test_a_scenario_that_needs_read_back_skips_before_it_leases_anything(tmp_path: Path) -> None:
    pool = tmp_path / "pool.toml"
    environ = {key: value for key, value in os.environ.items() if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "harness.cli.staging_sim",
            "--ui",
            "classic",
            "--pool",
            str(pool),
            "--",
            "features",
            "--feature-path",
            "A1.7_",
            "-k",
            "注册被拒绝",
            "-q",
            "-rs",
            "-p",
            "no:randomly",
        ],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = run.stdout + run.stderr
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert run.returncode == 0 and "5 skipped" in output, output[-3000:]
    assert skipped and all("需要：数据回查（场景开始前已知，没有租用账号）" in line for line in skipped), skipped
    state = json.loads(pool.with_name(pool.name + ".leases.json").read_text(encoding="utf-8"))
    assert state["consumed"] == [] and state["leased"] == {}


def test_scenario_needs_follow_helpers_and_fixtures_and_leave_optional_calls_out() -> None:
    import steps.a1_register as register

    def other_account(preconditions: object) -> object:
        return preconditions.another_unit(legal_level=3)  # type: ignore[attr-defined]

    other_account.__module__ = "steps.gdzwfw"  # where such a fixture lives: only our modules are read

    def fixture(name: str) -> Callable[..., Any] | None:
        return {"other_account": other_account}.get(name)

    assert capabilities_needed([register.nothing_created], fixture) == {READ_BACK, ACCOUNTS}
    # Read back only `if preconditions.has(READ_BACK)`: optional, so not a need.
    assert capabilities_needed([register.sms_code_received], fixture) == {SMS}
