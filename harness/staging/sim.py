"""`make staging-sim`: the acceptance suite as it runs on staging, rehearsed on the bundled mock."""

#     python -m harness.cli.staging_sim [--ui spa] [--seed N] [--pool PATH] -- <pytest arguments>
#
# Starts both mock portals with a fixed captcha answer (as staging environments have), creates
# the account pool through the control API before the session and writes it as a pool file,
# then runs pytest with `--env staging-sim`: the suite sees two portal addresses, the pool, an SMS
# inbox and the captcha answer — the staging provider only; its control-API fixtures refuse.

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from harness.data import DataBuilder, Unit
from harness.preconditions.pool import ENV_VAR_POOL
from harness.target.config import load_profiles
from harness.target.mock_control import MockControl, wait_until_ready

PROFILE = "staging-sim"
DEFAULT_POOL = Path("reports/staging-sim/account-pool.toml")
# The rebate records the C1/C2/B2.2 scenarios describe, so that pool units can carry them.
REBATES = (
    {"period": "2025年度", "amount": "12345.67", "bank": "中国工商银行广州天河支行", "account": "6222020200001234"},
    {"period": "2025年度", "amount": "8000.00", "bank": "招商银行广州分行", "account": "6225880000005678"},
)


def _toml(value: object) -> str:
    # JSON strings, numbers, booleans and arrays are valid TOML values.
    return json.dumps(value, ensure_ascii=False)


def _table(header: str, values: dict) -> str:
    return "\n".join([header, *(f"{key} = {_toml(value)}" for key, value in values.items())])


class PoolBuilder:
    """Creates pool accounts on the mock portals and collects them as pool-file text."""

    def __init__(self, gdzwfw: MockControl, hrss: MockControl, data: DataBuilder) -> None:
        self.gdzwfw, self.hrss, self.data = gdzwfw, hrss, data
        self.blocks: list[str] = []
        self.count = 0
        self.uscc: dict[str, str] = {}

    def unit(
        self,
        *,
        legal_level: int | None = None,
        methods: tuple[str, ...] = ("registry",),
        on_hrss: str | None = None,
        rebate: dict | None = None,
        consumable: bool = False,
    ) -> str:
        """One pool unit, created on the portals as described; returns its key."""
        self.count += 1
        key = f"unit-{self.count}"
        unit: Unit = self.data.unit()
        fields = {
            "key": key,
            "name": unit.name,
            "uscc": unit.uscc,
            "legal_rep_name": unit.legal_rep_name,
            "legal_rep_id": unit.legal_rep_id,
            "phone": unit.phone,
            "province": unit.province,
            "city": unit.city,
            "district": unit.district,
            "address_detail": unit.address_detail,
            "consumable": consumable,
        }
        parts = [_table("[[unit]]", fields)]
        if legal_level:
            login_name, password = self.data.gdzwfw_account(), self.data.strong_password()
            self.gdzwfw.post(
                "legal-accounts",
                {
                    "login_name": login_name,
                    "password": password,
                    "unit_name": unit.name,
                    "uscc": unit.uscc,
                    "trust_level": legal_level,
                    "methods": list(methods),
                    "phone": unit.phone,
                    "province": unit.province,
                    "city": unit.city,
                    "district": unit.district,
                    "address_detail": unit.address_detail,
                    "legal_rep_name": unit.legal_rep_name,
                    "legal_rep_id": unit.legal_rep_id,
                },
            )
            parts.append(
                _table(
                    "[unit.legal]",
                    {"login_name": login_name, "password": password, "level": legal_level, "methods": list(methods)},
                )
            )
        if on_hrss in ("linked", "unlinked"):
            username, password = self.data.hrss_username(), self.data.strong_password()
            answer = self.hrss.post(
                "units",
                {
                    "cert_no": unit.uscc,
                    "unit_name": unit.name,
                    "gdidp_linked": on_hrss == "linked",
                    "username": username,
                    "password": password,
                    "location": f"{unit.province}{unit.city}{unit.district}",
                    "address_detail": unit.address_detail,
                    "legal_rep_name": unit.legal_rep_name,
                    "legal_rep_id": unit.legal_rep_id,
                    "legal_rep_phone": unit.phone,
                },
            )
            parts.append(
                _table(
                    "[unit.hrss]",
                    {
                        "username": username,
                        "password": password,
                        "linked": on_hrss == "linked",
                        "manager_code": answer["manager_code"],
                    },
                )
            )
        if rebate:
            self.hrss.post(
                "rebates",
                {
                    "cert_no": unit.uscc,
                    "period": rebate["period"],
                    "amount": rebate["amount"],
                    "bank_name": rebate["bank"],
                    "bank_account": rebate["account"],
                },
            )
            parts.append(_table("[[unit.rebate]]", rebate))
        self.blocks.append("\n\n".join(parts))
        self.uscc[key] = unit.uscc
        return key

    def person(self, *, level: int = 2, bindings: dict[str, str] | None = None, consumable: bool = False) -> str:
        """One pool personal account, bound to pool units as given; returns its key."""
        self.count += 1
        key = f"person-{self.count}"
        person = self.data.person()
        login_name, password = self.data.hrss_username(), self.data.strong_password()
        self.hrss.post(
            "persons",
            {
                "login_name": login_name,
                "password": password,
                "name": person.name,
                "id_number": person.resident_id,
                "phone": person.phone,
                "realname_level": level,
            },
        )
        for unit_key, state in (bindings or {}).items():
            self.hrss.post(
                "binding/bindings", {"cert_no": self.uscc[unit_key], "person_login_name": login_name, "state": state}
            )
        fields = {
            "key": key,
            "login_name": login_name,
            "password": password,
            "name": person.name,
            "id_number": person.resident_id,
            "phone": person.phone,
            "level": level,
            "consumable": consumable,
        }
        block = _table("[[person]]", fields)
        if bindings:
            block += "\nbindings = { " + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in bindings.items()) + " }"
        self.blocks.append(block)
        return key

    def text(self) -> str:
        """The pool file."""
        return "# 账号池（make staging-sim 生成，数据虚构，随每次运行重建）\n\n" + "\n\n".join(self.blocks) + "\n"

    def unit_keys(self, *, on_hrss: str, consumable: bool) -> list[str]:
        """The keys of the pool units built so far with this HRSS state, read from the pool text."""
        wanted = on_hrss == "linked"
        return [
            unit["key"]
            for unit in tomllib.loads(self.text()).get("unit", [])
            if "hrss" in unit and unit["hrss"]["linked"] == wanted and unit["consumable"] == consumable
        ]

    def handler_team(self, unit_key: str, relations: tuple[str, ...], consumable: bool) -> None:
        """A second-level handler of `unit_key` in each binding state of `relations`; the bound
        one has also a pending request from a unit of its own (linked to GD-IdP, so that no
        scenario asking for a unit not linked takes it)."""
        for relation in relations:
            bindings = {unit_key: relation}
            if relation == "bound" and not consumable:
                bindings[self.unit(on_hrss="linked")] = "pending"
            self.person(level=2, bindings=bindings, consumable=consumable)


def provision_hrss_part_two(builder: PoolBuilder, consumables: int = 16) -> None:
    """What B1/B2 ask of the pool. A scenario leases its unit before its handler, so every
    unit an HRSS scenario may get (registered, not linked) comes with a handler in each binding
    state; the new read-only ones carry the rebate record B2.2 describes (HRSS keeps one per
    unit and year; the older ones carry C2's). Consumable units and handlers are for the
    scenarios that bind, apply or redeem a 授权码; unbound handlers come first, so that a
    scenario asking for one does not take a unit's handler."""
    for _ in range(3):
        builder.person(level=2)
    for _ in range(2):
        builder.unit(on_hrss="unlinked", rebate=REBATES[0])
    for key in builder.unit_keys(on_hrss="unlinked", consumable=False):
        builder.handler_team(key, ("bound", "pending", "authorised"), consumable=False)
    for level in (1, 1, 2, 2, 2, 2, 2, 2, 2, 2):
        builder.person(level=level, consumable=True)
    for _ in range(consumables):
        key = builder.unit(on_hrss="unlinked", consumable=True)
        builder.handler_team(key, ("bound", "pending"), consumable=True)
    for _ in range(20):
        builder.unit(consumable=True)


def provision(gdzwfw: MockControl, hrss: MockControl, data: DataBuilder, copies: int = 3, consumables: int = 40) -> str:
    """The pool of the rehearsal: every kind of account the scenarios ask for, `copies` of each
    (enough for parallel workers), plus consumable ones for scenarios that change state (one
    each: registering a unit, confirming its rebate). A unit whose HRSS account is linked to
    GD-IdP carries the first rebate record the scenarios describe, an unlinked one the second."""
    builder = PoolBuilder(gdzwfw, hrss, data)
    linked_rebate, unlinked_rebate = REBATES
    for _ in range(copies):
        builder.unit(legal_level=3)
        builder.unit(legal_level=5, methods=("registry", "ca_cert"))
        builder.unit(legal_level=3, on_hrss="linked", rebate=linked_rebate)
        builder.unit(legal_level=5, methods=("registry", "ca_cert"), on_hrss="linked", rebate=linked_rebate)
        builder.unit(legal_level=4, methods=("registry", "bank_cert"), on_hrss="unlinked", rebate=unlinked_rebate)
        linked = builder.unit(legal_level=4, methods=("registry", "bank_cert"), on_hrss="linked", rebate=linked_rebate)
        builder.person(level=2, bindings={linked: "authorised"})
        pending = builder.unit(legal_level=4, on_hrss="linked")
        builder.person(level=2, bindings={pending: "pending"})
        builder.person(level=1)
        builder.person(level=3)
        builder.unit(legal_level=4, on_hrss="linked", rebate=linked_rebate, consumable=True)
        builder.unit(legal_level=3, on_hrss="absent", consumable=True)
        builder.person(level=2, consumable=True)
    for _ in range(consumables):
        builder.unit(legal_level=4, on_hrss="absent", consumable=True)
        builder.unit(consumable=True)
    gdzwfw_units(builder, copies)
    provision_hrss_part_two(builder)
    return builder.text()


SCAN_PATH = "/__mock__/scan/{ticket}"
CERTIFICATE_PATH = "/__mock__/{kind}-cert"
REVIEW_PATH = "/__mock__/authcode/applications"
HRSS_FACE_PATH = "/__mock__/accounts/realname/{ticket}"


def gdzwfw_units(builder: PoolBuilder, copies: int) -> None:
    """The GD-IdP accounts of part 一 (一)(二), `copies` of each: a 四级 account verified by
    e-licence (A2.2); 三级 accounts to use up by raising or editing them (A2.3, A2.5–A2.7, and
    A1.8's e-licence login of a registered unit); units without any account for 法人注册 and the
    e-licence login that creates one (A1.3, A1.6–A1.8)."""
    for _ in range(copies):
        builder.unit(legal_level=4, methods=("registry", "elicence"))
        for _ in range(2):
            builder.unit(legal_level=3, consumable=True)
        for _ in range(5):
            builder.unit(consumable=True)


def helper_sources(gdzwfw_url: str, hrss_url: str) -> dict[str, str]:
    """The variables that give `[staging-sim.sources]` its test helpers — the phone (GD-IdP
    scans), the CA helper, the agency's reviewer and the phone of HRSS's face check: the mock's
    control endpoints, which take the JSON the staging provider posts (`{ticket}`, `{kind}`)."""
    return {
        "STAGING_SIM_SCAN_URL": gdzwfw_url + SCAN_PATH,
        "STAGING_SIM_CERTIFICATE_URL": gdzwfw_url + CERTIFICATE_PATH,
        "STAGING_SIM_REVIEW_URL": hrss_url + REVIEW_PATH,
        "STAGING_SIM_HRSS_FACE_URL": hrss_url + HRSS_FACE_PATH,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: start, provision, run, stop; the exit code is pytest's."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.staging_sim", description="在内置模拟门户上演练预发布环境的运行方式"
    )
    parser.add_argument("--ui", default=os.environ.get("MOCK_UI", "spa"), choices=("classic", "spa", "lookalike"))
    parser.add_argument("--seed", type=int, default=20240601, help="账号池数据的种子")
    parser.add_argument("--pool", type=Path, default=DEFAULT_POOL, help="写出账号池文件的位置")
    parser.add_argument(
        "--sms-log",
        type=Path,
        default=None,
        help="运行后把模拟门户发出的全部短信验证码写入此文件（供检查报告中没有验证码）",
    )
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER, help="-- 之后的参数交给 pytest")
    args = parser.parse_args(argv)
    pytest_args = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args

    from mock_sites.serving import start_portals  # the rehearsal runs the mock; the suite does not see it

    sources = load_profiles()[PROFILE]["sources"]
    portals = start_portals(ui=args.ui, gdzwfw_config={"CAPTCHA_TEST_ANSWER": str(sources["captcha_answer"])})
    try:
        for url in (portals.gdzwfw_url, portals.hrss_url):
            wait_until_ready(f"{url}/__mock__/health")
        pool_text = provision(
            MockControl(portals.gdzwfw_url), MockControl(portals.hrss_url), DataBuilder(seed=args.seed)
        )
        args.pool.parent.mkdir(parents=True, exist_ok=True)
        args.pool.write_text(pool_text, encoding="utf-8")
        args.pool.with_name(args.pool.name + ".leases.json").unlink(missing_ok=True)
        environ = {
            **os.environ,
            "STAGING_SIM_GDZWFW_URL": portals.gdzwfw_url,
            "STAGING_SIM_HRSS_URL": portals.hrss_url,
            ENV_VAR_POOL: str(args.pool.resolve()),
            "MOCK_UI": args.ui,
            **helper_sources(portals.gdzwfw_url, portals.hrss_url),
        }
        print(f"预发布演练：界面 {args.ui}，{portals.gdzwfw_url} , {portals.hrss_url}，账号池 {args.pool}", flush=True)
        status = subprocess.call([sys.executable, "-m", "pytest", "--env", PROFILE, *pytest_args], env=environ)
        if args.sms_log:
            codes = [
                m["code"]
                for url in (portals.gdzwfw_url, portals.hrss_url)
                for m in MockControl(url).get("sms")
                if m.get("code")
            ]
            args.sms_log.write_text("\n".join(codes) + "\n", encoding="utf-8")
        return status
    finally:
        portals.stop()
