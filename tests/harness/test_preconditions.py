"""The precondition interface, the account pool and its leases, and the staging provider's
sources — every kind of bad pool file and every unmet capability included."""

from __future__ import annotations

import http.server
import inspect
import json
import multiprocessing
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import preconditions as interface
from harness.preconditions import CAPABILITIES, SKIP_PREFIX, MyUnit, Preconditions, declared_capabilities, needs
from harness.preconditions.pool import AccountPool, PersonEntry, PoolError, UnitEntry
from harness.preconditions.staging import StagingPreconditions, capabilities_of
from harness.staging.masking import SecretRegistry
from harness.target.portals import PortalUrls

EXAMPLE = Path(__file__).resolve().parents[2] / "harness" / "preconditions" / "account-pool.example.toml"
URLS = PortalUrls(gdzwfw="http://idp.test", hrss="http://hrss.test")


@pytest.fixture
def pool_file(tmp_path: Path) -> Path:
    """A private copy of the example pool (its lease files go next to it)."""
    path = tmp_path / "pool.toml"
    shutil.copy(EXAMPLE, path)
    return path


def staging(pool: AccountPool | None, **sources: str) -> StagingPreconditions:
    return StagingPreconditions(pool, sources, URLS, None, {}, holder="test")


# --- The interface --------------------------------------------------------------------------------


def test_every_interface_method_declares_known_capabilities() -> None:
    public = {
        name for name, member in vars(Preconditions).items() if inspect.isfunction(member) and not name.startswith("_")
    }
    declared = declared_capabilities()
    assert public - set(declared) == {"has", "require", "release"}
    assert all(capabilities and set(capabilities) <= set(CAPABILITIES) for capabilities in declared.values())


def test_needs_refuses_an_unknown_capability() -> None:
    with pytest.raises(ValueError, match="未知的能力"):
        needs("读心术")


def test_a_provider_override_keeps_the_interface_check() -> None:
    class Partial(Preconditions):
        def captcha_answer(self, captcha_id: str) -> str:
            return "42"

    assert Partial(frozenset({interface.CAPTCHA})).captcha_answer("x") == "42"
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.CAPTCHA}$"):
        Partial(frozenset()).captcha_answer("x")


# --- The pool file --------------------------------------------------------------------------------


def test_example_pool_parses_with_its_relations(pool_file: Path) -> None:
    pool = AccountPool.load(pool_file)
    assert [entry.key for entry in pool.units] == ["unit-a", "unit-b-new"]
    unit_a, handler, unit_b = pool.entry("unit-a"), pool.entry("handler-1"), pool.entry("unit-b-new")
    assert isinstance(unit_a, UnitEntry) and unit_a.legal and unit_a.hrss
    assert unit_a.legal.level == 4 and unit_a.hrss.linked and unit_a.rebates[0]["period"] == "2025年度"
    assert isinstance(handler, PersonEntry) and handler.bindings == {"unit-a": "authorised"}
    assert isinstance(unit_b, UnitEntry) and unit_b.consumable and unit_b.hrss is None


def test_pool_secrets_are_passwords_and_id_numbers(pool_file: Path) -> None:
    secrets = AccountPool.load(pool_file).secrets()
    assert {
        "Example-Passw0rd-A",
        "Example-Passw0rd-HA",
        "Example-Passw0rd-P1",
        "440106199202020000",
        "440106199001010000",
    } <= secrets
    assert "example_legal_a" not in secrets


GOOD_UNIT = '[[unit]]\nkey = "u"\nname = "单位"\nuscc = "91440106EXAMPLE0A1"\n'
GOOD_PERSON = (
    '[[person]]\nkey = "p"\nlogin_name = "l"\npassword = "Secret-123"\nname = "n"\nid_number = '
    '"440106199202020000"\nphone = "1"\nlevel = 2\n'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "没有任何"),
        ("[[unit]\n", "不是有效的 TOML"),
        ('[[unit]]\nkey = "u"\nname = "单位"\n', "单位 u：缺少 uscc"),
        (GOOD_UNIT + '[unit.legal]\nlogin_name = "a"\npassword = "Secret-123"\nlevel = 6\n', "level 应为 3–5"),
        (
            GOOD_UNIT + '[unit.legal]\nlogin_name = "a"\npassword = "Secret-123"\nlevel = 4\nmethods = ["face"]\n',
            "未知的核验方式",
        ),
        (GOOD_UNIT + '[unit.hrss]\nusername = "a"\n', "单位 u.hrss：缺少 password"),
        (GOOD_PERSON.replace("level = 2", "level = 0"), "level 应为 1–3"),
        (GOOD_PERSON + 'bindings = { nowhere = "bound" }\n', "单位 nowhere 不在账号池中"),
        (GOOD_UNIT + GOOD_PERSON + 'bindings = { u = "friends" }\n', "绑定状态应为"),
        (GOOD_UNIT + GOOD_UNIT, "key 重复：u"),
    ],
    ids=[
        "empty",
        "bad-toml",
        "missing-field",
        "legal-level",
        "method",
        "hrss-password",
        "person-level",
        "unknown-unit",
        "relation",
        "duplicate",
    ],
)
def test_bad_pool_files_are_refused_without_quoting_secrets(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pool.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PoolError, match=message) as raised:
        AccountPool.load(path)
    assert "Secret-123" not in str(raised.value)


def test_a_missing_pool_file_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(PoolError, match="HARNESS_ACCOUNT_POOL"):
        AccountPool.load(tmp_path / "absent.toml")


# --- Leases ---------------------------------------------------------------------------------------


def _lease_one(path: str, queue: multiprocessing.Queue, start: threading.Event, done: threading.Event) -> None:
    pool = AccountPool.load(Path(path))
    start.wait()
    entry = pool.lease(pool.persons, lambda e: True, False, "worker")
    queue.put(entry.key if entry else None)
    # Holds its lease (its process alive) until the parent has every answer, as a running
    # scenario would; a dead holder's lease would be taken back.
    done.wait(timeout=30)


def test_parallel_workers_never_get_the_same_account(tmp_path: Path) -> None:
    path = tmp_path / "pool.toml"
    path.write_text(
        "\n".join(GOOD_PERSON.replace('"p"', f'"p{index}"').replace('"l"', f'"l{index}"') for index in range(4)),
        encoding="utf-8",
    )
    context = multiprocessing.get_context("fork")
    queue, start, done = context.Queue(), context.Event(), context.Event()
    workers = [context.Process(target=_lease_one, args=(str(path), queue, start, done)) for _ in range(5)]
    for worker in workers:
        worker.start()
    start.set()
    keys = [queue.get(timeout=30) for _ in workers]
    done.set()
    for worker in workers:
        worker.join(timeout=30)
    # Four accounts, five workers: four distinct leases and one worker left without.
    assert sorted(key for key in keys if key) == ["p0", "p1", "p2", "p3"] and keys.count(None) == 1


def test_a_lease_is_free_again_after_give_back_or_when_its_process_died(pool_file: Path) -> None:
    pool = AccountPool.load(pool_file)
    first = pool.lease(pool.persons, lambda e: e.key == "handler-1", False, "a")
    assert first is not None and pool.lease(pool.persons, lambda e: e.key == "handler-1", False, "b") is None
    pool.give_back([first.key])
    assert pool.lease(pool.persons, lambda e: e.key == "handler-1", False, "c") is not None
    state = json.loads(pool_file.with_name("pool.toml.leases.json").read_text())
    # A lease written before liveness locks (no "lock"): its pid is checked, and there is no
    # such process. A real killed holder is tried in tests/harness/test_harness_faults.py.
    del state["leased"]["handler-1"]["lock"]
    state["leased"]["handler-1"]["pid"] = 2**22 + 12345
    pool_file.with_name("pool.toml.leases.json").write_text(json.dumps(state))
    assert pool.lease(pool.persons, lambda e: e.key == "handler-1", False, "d") is not None


def test_state_changing_scenarios_get_only_consumable_entries_once(pool_file: Path) -> None:
    pool = AccountPool.load(pool_file)
    taken = pool.lease(pool.units, lambda e: True, True, "a")
    assert taken is not None and taken.key == "unit-b-new"
    pool.give_back([taken.key])
    # Consumed: never leased again, not even to a read-only scenario.
    assert pool.lease(pool.units, lambda e: e.key == "unit-b-new", False, "b") is None
    assert pool.lease(pool.units, lambda e: True, True, "c") is None


def test_read_only_scenarios_prefer_entries_that_are_not_consumable(pool_file: Path) -> None:
    pool = AccountPool.load(pool_file)
    leased = pool.lease(pool.units, lambda e: e.legal is not None, False, "a")
    assert leased is not None and leased.key == "unit-a"


# --- The staging provider -------------------------------------------------------------------------


def test_capabilities_follow_the_pool_and_the_declared_sources(pool_file: Path) -> None:
    pool = AccountPool.load(pool_file)
    assert capabilities_of(None, {}) == frozenset()
    assert capabilities_of(pool, {"sms_code": "123456", "captcha_answer": "8"}) == {
        interface.ACCOUNTS,
        interface.CONSUMABLE,
        interface.BUSINESS_DATA,
        interface.SMS,
        interface.CAPTCHA,
    }
    assert capabilities_of(None, {"scan_url": "x", "certificate_url": "y", "review_url": "z"}) == {
        interface.SCAN,
        interface.CA_HELPER,
        interface.REVIEW,
    }


@pytest.mark.parametrize(
    ("call", "missing"),
    [
        (lambda p: p.my_unit(legal_level=4), interface.ACCOUNTS),
        (lambda p: p.sms_code("13800000000", "hrss"), interface.SMS),
        (lambda p: p.captcha_answer("x"), interface.CAPTCHA),
        (lambda p: p.scan_elicence("t", None), interface.SCAN),
        (lambda p: p.insert_certificate("bank", "s", "u", "1"), interface.CA_HELPER),
        (lambda p: p.reviewer_approves(None, None), interface.REVIEW),
        (lambda p: p.hrss_units("x"), interface.READ_BACK),
        (lambda p: p.legal_accounts(uscc="x"), interface.READ_BACK),
    ],
    ids=["accounts", "sms", "captcha", "scan", "ca-helper", "review", "read-back-hrss", "read-back-gdidp"],
)
def test_an_unmet_need_skips_naming_the_capability(call, missing: str) -> None:
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{missing}"):
        call(staging(None))


def test_units_and_handlers_are_leased_by_what_the_scenario_asks(pool_file: Path) -> None:
    provider = staging(AccountPool.load(pool_file))
    unit = provider.my_unit(legal_level=4, verified_by=["bank_cert"], on_hrss="linked")
    assert unit.key == "unit-a" and unit.hrss is not None and unit.hrss.username == "example_unit_a"
    handler = provider.handler(level=2, of=unit, relation="authorised")
    assert handler.key == "handler-1" and handler.phone == "13800000002"
    provider.rebate(unit, "2025年度", "12345.67", "中国工商银行广州天河支行", "6222020200001234")
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.BUSINESS_DATA}"):
        provider.rebate(unit, "2024年度", "1.00", "某银行", "1")
    with pytest.raises(
        pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.ACCOUNTS}（账号池中没有空闲的单位（5级法人账号））"
    ):
        provider.my_unit(legal_level=5)
    provider.release()
    assert AccountPool.load(pool_file).leased() == {}


def test_a_second_scenario_waits_for_nothing_and_skips_when_the_account_is_taken(pool_file: Path) -> None:
    first, second = staging(AccountPool.load(pool_file)), staging(AccountPool.load(pool_file))
    first.my_unit(on_hrss="linked")
    with pytest.raises(pytest.skip.Exception, match="没有空闲"):
        second.my_unit(on_hrss="linked")
    first.release()
    assert second.my_unit(on_hrss="linked").key == "unit-a"


def test_a_state_changing_scenario_needs_a_consumable_entry(pool_file: Path) -> None:
    provider = staging(AccountPool.load(pool_file))
    assert provider.my_unit(legal_level=4, on_hrss="absent", changes_state=True).unit.name == "深圳示例贸易有限公司"
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.CONSUMABLE}"):
        provider.my_unit(legal_level=4, on_hrss="absent", changes_state=True)


class _Inbox(http.server.BaseHTTPRequestHandler):
    """A test SMS inbox: the latest message per phone; 404 until `after` requests were made."""

    messages: dict[str, dict] = {}
    requests: list[str] = []
    after = 0

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        type(self).requests.append(self.path)
        phone = self.path.rsplit("phone=", 1)[-1]
        message = self.messages.get(phone)
        if message is None or len(self.requests) <= self.after:
            self.send_response(404)
            self.end_headers()
            return
        body = json.dumps(message, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def inbox() -> Iterator[str]:
    """A local SMS inbox service; yields its URL template."""
    _Inbox.messages, _Inbox.requests, _Inbox.after = {}, [], 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Inbox)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/latest?portal={{portal_url}}&phone={{phone}}"
    server.shutdown()
    server.server_close()


def test_sms_code_comes_from_the_inbox_once_delivered_and_is_remembered_as_a_secret(inbox: str) -> None:
    registry = SecretRegistry()
    provider = StagingPreconditions(
        None, {"sms_inbox_url": inbox}, URLS, None, {}, "test", remember_secret=registry.add
    )
    _Inbox.messages["13800000009"] = {"code": "246813", "text": "您的验证码为246813"}
    _Inbox.after = 2  # the gateway delivers late: two 404s first
    assert provider.sms_code("13800000009", "hrss") == "246813"
    assert registry.values == ["246813"]
    assert _Inbox.requests[-1] == "/latest?portal=http://hrss.test&phone=13800000009"


def test_an_inbox_without_the_message_is_a_clear_failure(inbox: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("harness.preconditions.staging.SMS_WAIT", 0.3)
    provider = staging(None, sms_inbox_url=inbox)
    with pytest.raises(interface.PreconditionFailed, match="没有收到该手机号的短信") as raised:
        provider.sms_code("13800000009", "gdzwfw")
    assert "13800000009" not in str(raised.value)


def test_a_fixed_sms_code_and_captcha_answer_are_used_as_declared() -> None:
    provider = staging(None, sms_code="135790", captcha_answer="8888")
    assert provider.sms_code("1", "hrss") == "135790" and provider.captcha_answer("any") == "8888"


def test_authcode_is_read_from_the_inbox_text(inbox: str, pool_file: Path) -> None:
    provider = staging(AccountPool.load(pool_file), sms_inbox_url=inbox)
    unit = provider.my_unit(on_hrss="linked")
    handler = provider.handler(of=unit, relation="authorised")
    _Inbox.messages[handler.phone] = {
        "code": None,
        "text": f"您为「{unit.unit.name}」申请的单位授权码已通过审核，授权码：12345678",
    }
    assert provider.authcode_from_sms(handler, unit) == "12345678"
    _Inbox.messages[handler.phone] = {
        "code": None,
        "text": "您为「别的单位」申请的单位授权码已通过审核，授权码：87654321",
    }
    with pytest.raises(interface.PreconditionFailed, match="不是该单位的授权码短信"):
        provider.authcode_from_sms(handler, unit)
    provider.release()


def test_staging_session_without_a_browser_is_a_clear_failure(pool_file: Path) -> None:
    provider = staging(AccountPool.load(pool_file), captcha_answer="8888")
    unit = provider.my_unit(legal_level=4)
    with pytest.raises(interface.PreconditionFailed, match="没有浏览器"):
        provider.start_logged_in_gdzwfw(None, unit)  # type: ignore[arg-type]
    provider.release()


def test_my_unit_carries_the_pool_unit_for_the_steps(pool_file: Path) -> None:
    unit = staging(AccountPool.load(pool_file)).my_unit(legal_level=4)
    assert isinstance(unit, MyUnit) and unit.unit.uscc == "91440106EXAMPLE0A1" and unit.unit.province == "广东省"


def test_an_unregistered_unit_is_one_neither_portal_knows(pool_file: Path) -> None:
    # The example's consumable unit has a legal account: 法人注册 would refuse it.
    with pytest.raises(
        pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.CONSUMABLE}（账号池中没有空闲的未注册的单位"
    ):
        staging(AccountPool.load(pool_file)).unregistered_unit()
    pool_file.write_text(
        pool_file.read_text(encoding="utf-8")
        + (
            '\n[[unit]]\nkey = "unit-c-new"\nname = "佛山示例制造有限公司"\nuscc = "91440604EXAMPLE0C3"\nconsumable = '
            "true\n"
        ),
        encoding="utf-8",
    )
    provider = staging(AccountPool.load(pool_file))
    assert provider.unregistered_unit().uscc == "91440604EXAMPLE0C3"
    provider.release()
    # Consumed: a registration has given it an account.
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.CONSUMABLE}"):
        staging(AccountPool.load(pool_file)).unregistered_unit()


def test_hrss_face_check_is_a_source_of_its_own() -> None:
    assert capabilities_of(None, {"hrss_face_url": "x"}) == {interface.HRSS_FACE}
    assert interface.HRSS_FACE not in capabilities_of(None, {"scan_url": "x"})
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.HRSS_FACE}"):
        staging(None, scan_url="x").hrss_face_recognition("t", True)


@pytest.mark.parametrize(
    ("call", "missing"),
    [
        (lambda p: p.my_unit_with_rebate("2025年度", "1", "b", "a"), interface.ACCOUNTS),
        (lambda p: p.sms_text("13800000000", "hrss"), interface.SMS),
    ],
    ids=["unit-with-rebate", "sms-text"],
)
def test_an_unmet_need_of_part_two_skips_naming_the_capability(call, missing: str) -> None:
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{missing}"):
        call(staging(None))


def test_a_unit_with_a_rebate_is_leased_by_that_record(pool_file: Path) -> None:
    provider = staging(AccountPool.load(pool_file))
    with pytest.raises(
        pytest.skip.Exception,
        match=(
            f"^{SKIP_PREFIX}{interface.ACCOUNTS}（账号池中没有空闲的单位（已关联的人社单位账号），"
            "有该2024年度稳岗返还记录）"
        ),
    ):
        provider.my_unit_with_rebate(
            "2024年度", "12345.67", "中国工商银行广州天河支行", "6222020200001234", on_hrss="linked"
        )
    unit = provider.my_unit_with_rebate(
        "2025年度", "12345.67", "中国工商银行广州天河支行", "6222020200001234", legal_level=4, on_hrss="linked"
    )
    assert unit.key == "unit-a"
    provider.release()
    assert AccountPool.load(pool_file).leased() == {}


def test_another_unit_asking_is_one_the_pool_says_has_a_pending_request(pool_file: Path, tmp_path: Path) -> None:
    provider = staging(AccountPool.load(pool_file))
    unit = provider.my_unit(on_hrss="linked")
    handler = provider.handler(of=unit, relation="authorised")
    with pytest.raises(
        pytest.skip.Exception,
        match=f"^{SKIP_PREFIX}{interface.BUSINESS_DATA}（账号池中没有向该经办人发起待确认绑定申请的单位）",
    ):
        provider.another_unit_asking(handler)
    provider.release()
    asking_pool = tmp_path / "asking.toml"
    asking_pool.write_text(
        pool_file.read_text(encoding="utf-8").replace(
            'bindings = { unit-a = "authorised" }', 'bindings = { unit-a = "authorised", unit-b-new = "pending" }'
        ),
        encoding="utf-8",
    )
    provider = staging(AccountPool.load(asking_pool))
    handler = provider.handler(of=provider.my_unit(on_hrss="linked"), relation="authorised")
    assert provider.another_unit_asking(handler).key == "unit-b-new"
    provider.release()


def test_a_handler_asked_for_without_a_unit_is_bound_to_none(pool_file: Path) -> None:
    provider = staging(AccountPool.load(pool_file))
    # The example's only second-level handler is bound to unit-a.
    with pytest.raises(pytest.skip.Exception, match="没有空闲的2级实名个人账号"):
        provider.handler(level=2)
    assert provider.handler(level=1).key == "person-level-1"
    provider.release()


class _Helper(http.server.BaseHTTPRequestHandler):
    """A test helper of an environment (reviewer, phone): records what it was posted."""

    posted: list[tuple[str, dict]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).posted.append((self.path, body))
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def helper() -> Iterator[str]:
    """A local helper service; yields its base URL."""
    _Helper.posted = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Helper)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_face_check_and_the_review_go_to_their_declared_helpers(helper: str, pool_file: Path) -> None:
    provider = staging(
        AccountPool.load(pool_file),
        hrss_face_url=f"{helper}/face/{{ticket}}",
        review_url=f"{helper}/review",
        scan_url=f"{helper}/scan/{{ticket}}",
    )
    provider.hrss_face_recognition("T-1", False)
    unit = provider.my_unit(on_hrss="linked")
    handler = provider.handler(of=unit, relation="authorised")
    provider.reviewer_approves(handler, unit)
    assert _Helper.posted == [
        ("/face/T-1", {"result": "fail"}),
        (
            "/review",
            {"person_login_name": "example_handler_1", "cert_nos": ["91440106EXAMPLE0A1"], "status": "approved"},
        ),
    ]
    provider.release()


def test_sms_text_is_the_newest_message_from_the_inbox_and_needs_one(inbox: str) -> None:
    _Inbox.messages["13800000009"] = {"code": None, "text": "「某单位」请您在父账号信息中确认绑定"}
    assert staging(None, sms_inbox_url=inbox).sms_text("13800000009", "hrss") == "「某单位」请您在父账号信息中确认绑定"
    with pytest.raises(pytest.skip.Exception, match=f"^{SKIP_PREFIX}{interface.SMS}（读短信正文需要短信收件箱"):
        staging(None, sms_code="135790").sms_text("13800000009", "hrss")


def test_steps_and_pages_reach_the_portals_only_through_the_browser_and_the_interface() -> None:
    """A step that imported the control client or named a control-API path would pass on the
    mock and fail on staging; every precondition goes through the `preconditions` fixture."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}: {word}"
        for folder in ("steps", "pages")
        for path in sorted((root / folder).rglob("*.py"))
        for word in ("mock_control", "/__mock__", "mock_sites", "gdzwfw_control", "hrss_control")
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
