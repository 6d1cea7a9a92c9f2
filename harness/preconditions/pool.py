"""The account pool of a real environment: pre-provisioned units and personal accounts, leased
one scenario at a time.

The pool is a TOML file outside the repository (its path in `HARNESS_ACCOUNT_POOL`; the format
is `harness/account-pool.example.toml`). Leases live in a state file next to it
(`<pool>.leases.json`), changed only under an exclusive lock on `<pool>.lock`, so parallel
workers on one machine never get the same entry. A lease held by a process that has died is
taken back. A consumable entry given to a scenario that changes state is marked consumed and
never leased again; delete the state file after re-provisioning the pool.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from harness.data import Unit
from harness.preconditions import LegalAccount, PersonAccount, UnitAccount

ENV_VAR_POOL = "HARNESS_ACCOUNT_POOL"
RELATIONS = ("pending", "declined", "bound", "authorised")
LEGAL_METHODS = ("registry", "bank_cert", "elicence", "ca_cert", "hall")


class PoolError(ValueError):
    """The pool file cannot be used; the message names the entry and the field, never a secret."""


@dataclass(frozen=True)
class UnitEntry:
    """A unit of the pool with its accounts (none, GD-IdP, HRSS or both)."""

    key: str
    unit: Unit
    legal: LegalAccount | None
    hrss: UnitAccount | None
    rebates: tuple[Mapping[str, str], ...] = ()
    consumable: bool = False


@dataclass(frozen=True)
class PersonEntry:
    """A personal account of the pool and its binding state with pool units."""

    account: PersonAccount
    bindings: Mapping[str, str] = field(default_factory=dict)
    consumable: bool = False

    @property
    def key(self) -> str:
        """The entry's key in the pool."""
        return self.account.key


Entry = UnitEntry | PersonEntry


def _text(table: Mapping[str, Any], name: str, where: str, required: bool = True) -> str:
    value = table.get(name)
    if value is None or value == "":
        if required:
            raise PoolError(f"账号池 {where}：缺少 {name}")
        return ""
    if not isinstance(value, (str, int)):
        raise PoolError(f"账号池 {where}：{name} 应为文字")
    return str(value)


def _level(table: Mapping[str, Any], where: str, allowed: range) -> int:
    value = table.get("level")
    if not isinstance(value, int) or value not in allowed:
        raise PoolError(f"账号池 {where}：level 应为 {allowed.start}–{allowed.stop - 1} 的整数")
    return value


def _unit_entry(table: Mapping[str, Any]) -> UnitEntry:
    key = _text(table, "key", "[[unit]]")
    where = f"单位 {key}"
    unit = Unit(
        name=_text(table, "name", where),
        uscc=_text(table, "uscc", where),
        province=_text(table, "province", where, required=False) or "广东省",
        city=_text(table, "city", where, required=False),
        district=_text(table, "district", where, required=False),
        address_detail=_text(table, "address_detail", where, required=False),
        legal_rep_name=_text(table, "legal_rep_name", where, required=False),
        legal_rep_id=_text(table, "legal_rep_id", where, required=False),
        phone=_text(table, "phone", where, required=False),
    )
    legal = None
    if "legal" in table:
        raw = table["legal"]
        methods = tuple(raw.get("methods", ("registry",)))
        unknown = [method for method in methods if method not in LEGAL_METHODS]
        if unknown:
            raise PoolError(f"账号池 {where}.legal：未知的核验方式 {unknown}（可用 {'、'.join(LEGAL_METHODS)}）")
        legal = LegalAccount(
            login_name=_text(raw, "login_name", f"{where}.legal"),
            password=_text(raw, "password", f"{where}.legal"),
            level=_level(raw, f"{where}.legal", range(3, 6)),
            methods=methods,
        )
    hrss = None
    if "hrss" in table:
        raw = table["hrss"]
        hrss = UnitAccount(
            username=_text(raw, "username", f"{where}.hrss"),
            password=_text(raw, "password", f"{where}.hrss"),
            linked=bool(raw.get("linked", False)),
            manager_code=_text(raw, "manager_code", f"{where}.hrss", required=False) or None,
        )
    rebates = tuple(
        {name: _text(rebate, name, f"{where}.rebate") for name in ("period", "amount", "bank", "account")} for rebate in table.get("rebate", [])
    )
    return UnitEntry(key=key, unit=unit, legal=legal, hrss=hrss, rebates=rebates, consumable=bool(table.get("consumable", False)))


def _person_entry(table: Mapping[str, Any], unit_keys: set[str]) -> PersonEntry:
    key = _text(table, "key", "[[person]]")
    where = f"个人账号 {key}"
    bindings = dict(table.get("bindings", {}))
    for unit_key, relation in bindings.items():
        if unit_key not in unit_keys:
            raise PoolError(f"账号池 {where}：bindings 中的单位 {unit_key} 不在账号池中")
        if relation not in RELATIONS:
            raise PoolError(f"账号池 {where}：与 {unit_key} 的绑定状态应为 {'、'.join(RELATIONS)} 之一")
    account = PersonAccount(
        key=key,
        login_name=_text(table, "login_name", where),
        password=_text(table, "password", where),
        name=_text(table, "name", where),
        id_number=_text(table, "id_number", where),
        phone=_text(table, "phone", where),
        level=_level(table, where, range(1, 4)),
    )
    return PersonEntry(account=account, bindings=bindings, consumable=bool(table.get("consumable", False)))


class AccountPool:
    """The parsed pool and its leases."""

    def __init__(self, path: Path, units: list[UnitEntry], persons: list[PersonEntry]) -> None:
        self.path = path
        self.units = units
        self.persons = persons
        self._state = path.with_name(path.name + ".leases.json")
        self._lock = path.with_name(path.name + ".lock")

    @classmethod
    def load(cls, path: Path) -> AccountPool:
        """Reads and checks the pool file; a `PoolError` names what is wrong."""
        if not path.is_file():
            raise PoolError(f"找不到账号池文件 {path}（环境变量 {ENV_VAR_POOL}）")
        try:
            with path.open("rb") as handle:
                raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            # The decoder's message quotes no values, only the position.
            raise PoolError(f"账号池 {path} 不是有效的 TOML：{error}") from None
        units = [_unit_entry(table) for table in raw.get("unit", [])]
        keys = [entry.key for entry in units]
        persons = [_person_entry(table, set(keys)) for table in raw.get("person", [])]
        keys += [entry.key for entry in persons]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise PoolError(f"账号池 {path}：key 重复：{'、'.join(duplicates)}")
        if not keys:
            raise PoolError(f"账号池 {path} 中没有任何 [[unit]] 或 [[person]]")
        return cls(path, units, persons)

    def secrets(self) -> set[str]:
        """Every value of the pool that must never appear in a report: passwords and ID numbers."""
        found: set[str] = set()
        for entry in self.units:
            found.add(entry.unit.legal_rep_id)
            if entry.legal:
                found.add(entry.legal.password)
            if entry.hrss:
                found.add(entry.hrss.password)
        for person in self.persons:
            found |= {person.account.password, person.account.id_number}
        return {value for value in found if value}

    def entry(self, key: str) -> Entry:
        """The unit or person with this key."""
        for entry in [*self.units, *self.persons]:
            if entry.key == key:
                return entry
        raise KeyError(key)

    # Leases ------------------------------------------------------------------------------------

    @contextmanager
    def _locked_state(self) -> Iterator[dict]:
        with self._lock.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                state = json.loads(self._state.read_text()) if self._state.is_file() else {}
                state.setdefault("leased", {})
                state.setdefault("consumed", [])
                # A lease whose process has died (a killed worker) is free again.
                state["leased"] = {key: holder for key, holder in state["leased"].items() if _alive(holder)}
                yield state
                self._state.write_text(json.dumps(state, ensure_ascii=False, indent=1))
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def lease(self, candidates: list[Entry], matches: Callable[[Any], bool], changes_state: bool, holder: str) -> Entry | None:
        """The first free entry among `candidates` that `matches`, now leased to `holder`; a
        scenario that changes state gets only consumable entries (then consumed), others prefer
        entries that are not consumable. None when every match is taken."""
        with self._locked_state() as state:
            free = [e for e in candidates if e.key not in state["leased"] and e.key not in state["consumed"] and matches(e)]
            if changes_state:
                free = [e for e in free if e.consumable]
            else:
                free.sort(key=lambda e: e.consumable)
            if not free:
                return None
            chosen = free[0]
            state["leased"][chosen.key] = {"holder": holder, "pid": os.getpid(), "host": socket.gethostname()}
            if changes_state:
                state["consumed"].append(chosen.key)
            return chosen

    def give_back(self, keys: list[str]) -> None:
        """Ends the leases of `keys`."""
        if not keys:
            return
        with self._locked_state() as state:
            for key in keys:
                state["leased"].pop(key, None)

    def leased(self) -> dict[str, dict]:
        """The current leases (key → holder), for diagnostics and tests."""
        with self._locked_state() as state:
            return dict(state["leased"])


def _alive(holder: Mapping[str, Any]) -> bool:
    if holder.get("host") != socket.gethostname():
        return True  # another machine's lease: nothing to check it against
    try:
        os.kill(int(holder.get("pid", 0)), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pool_path(environ: Mapping[str, str]) -> Path | None:
    """The configured pool file, if any."""
    value = environ.get(ENV_VAR_POOL)
    return Path(value).expanduser() if value else None
