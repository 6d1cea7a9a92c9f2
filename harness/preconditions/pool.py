"""The account pool of a real environment: pre-provisioned units and personal accounts, leased
one scenario at a time."""

# The pool is a TOML file outside the repository (its path in `HARNESS_ACCOUNT_POOL`; the format
# is `harness/preconditions/account-pool.example.toml`). Leases live in a state file next to it
# (`<pool>.leases.json`), changed only under an exclusive lock on `<pool>.lock`, so parallel
# workers on one machine never get the same entry; the state file is replaced whole (temporary
# file + rename), never rewritten in place. A lease held by a process that has ended (killed, or
# a zombie its parent has not reaped) is taken back: each holder keeps a lock of its own under
# `<pool>.holders/` for its lifetime, and the kernel drops it when the process ends. A consumable
# entry given to a scenario that changes state is marked consumed and never leased again; delete
# the state file after re-provisioning the pool.

from __future__ import annotations

import fcntl
import json
import os
import socket
import tempfile
import tomllib
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

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
    #: Its legal account is the one wrong-password checks may type at (a portal may lock it):
    #: never leased to any other scenario.
    lockable: bool = False


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
# One kind of entry: a lease among units gives a unit, among persons a person.
EntryT = TypeVar("EntryT", UnitEntry, PersonEntry)


def _text(table: Mapping[str, Any], name: str, where: str, required: bool = True) -> str:
    value = table.get(name)
    if value is None or value == "":
        if required:
            raise PoolError(f"账号池 {where}：缺少 {name}")
        return ""
    if not isinstance(value, (str, int)):
        raise PoolError(f"账号池 {where}：{name} 应为文字")
    return str(value)


def _table(table: Mapping[str, Any], name: str, where: str, header: str) -> Mapping[str, Any] | None:
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise PoolError(f"账号池 {where}：{name} 应为表（写成 {header} 一节），而不是 {type(value).__name__}")
    return value


def _tables(table: Mapping[str, Any], name: str, where: str) -> list[Mapping[str, Any]]:
    value = table.get(name, [])
    if isinstance(value, Mapping):
        raise PoolError(f"账号池 {where}：{name} 应写成 [[{name}]]（每条一节，两层方括号），而不是 [{name}]")
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise PoolError(f"账号池 {where}：{name} 应写成 [[{name}]] 的若干节")
    return value


def _flag(table: Mapping[str, Any], name: str, where: str) -> bool:
    value = table.get(name, False)
    if not isinstance(value, bool):
        raise PoolError(f"账号池 {where}：{name} 应为 true 或 false")
    return value


def _level(table: Mapping[str, Any], where: str, allowed: range) -> int:
    value = table.get("level")
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
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
    raw = _table(table, "legal", where, "[unit.legal]")
    if raw is not None:
        methods = raw.get("methods", ["registry"])
        if not isinstance(methods, list) or not all(isinstance(method, str) for method in methods):
            raise PoolError(f'账号池 {where}.legal：methods 应为核验方式的列表，如 ["registry"]')
        methods = tuple(methods)
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
    raw = _table(table, "hrss", where, "[unit.hrss]")
    if raw is not None:
        hrss = UnitAccount(
            username=_text(raw, "username", f"{where}.hrss"),
            password=_text(raw, "password", f"{where}.hrss"),
            linked=_flag(raw, "linked", f"{where}.hrss"),
            manager_code=_text(raw, "manager_code", f"{where}.hrss", required=False) or None,
        )
    rebates = tuple(
        {name: _text(rebate, name, f"{where}.rebate") for name in ("period", "amount", "bank", "account")}
        for rebate in _tables(table, "rebate", where)
    )
    return UnitEntry(
        key=key,
        unit=unit,
        legal=legal,
        hrss=hrss,
        rebates=rebates,
        consumable=_flag(table, "consumable", where),
        lockable=_flag(table, "lockable", where),
    )


def _person_entry(table: Mapping[str, Any], unit_keys: set[str]) -> PersonEntry:
    key = _text(table, "key", "[[person]]")
    where = f"个人账号 {key}"
    bindings = dict(_table(table, "bindings", where, '{ <单位 key> = "bound" … }') or {})
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
    return PersonEntry(account=account, bindings=bindings, consumable=_flag(table, "consumable", where))


class AccountPool:
    """The parsed pool and its leases."""

    def __init__(self, path: Path, units: list[UnitEntry], persons: list[PersonEntry]) -> None:
        self.path = path
        self.units = units
        self.persons = persons
        self._state = path.with_name(path.name + ".leases.json")
        self._lock = path.with_name(path.name + ".lock")
        self._holders = path.with_name(path.name + ".holders")

    @classmethod
    def load(cls, path: Path) -> AccountPool:
        """Reads and checks the pool file; a `PoolError` names what is wrong."""
        if not path.is_file():
            raise PoolError(f"找不到账号池文件 {path}（环境变量 {ENV_VAR_POOL}）")
        try:
            with path.open("rb") as handle:
                raw = tomllib.load(handle)
        except UnicodeDecodeError as error:
            raise PoolError(
                f"账号池 {path} 不是 UTF-8 编码（第 {error.start} 字节起）：请以 UTF-8 另存（如 iconv -f GBK -t UTF-8）"
            ) from None
        except tomllib.TOMLDecodeError as error:
            # The decoder's message quotes no values, only the position.
            raise PoolError(f"账号池 {path} 不是有效的 TOML：{error}") from None
        except OSError as error:
            raise PoolError(f"账号池 {path} 无法读取：{error.strerror}") from None
        try:
            units = [_unit_entry(table) for table in _tables(raw, "unit", "文件")]
            keys = [entry.key for entry in units]
            persons = [_person_entry(table, set(keys)) for table in _tables(raw, "person", "文件")]
        except PoolError as error:
            # Every message names the file, so that the one line of the run says where to look.
            raise PoolError(str(error).replace("账号池 ", f"账号池 {path} ", 1)) from None
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
        entries: list[Entry] = [*self.units, *self.persons]
        for entry in entries:
            if entry.key == key:
                return entry
        raise KeyError(key)

    # Leases ------------------------------------------------------------------------------------

    @contextmanager
    def _locked_state(self) -> Iterator[dict]:
        with self._lock.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                state = self._read_state()
                # A lease whose process has ended (a killed worker, a zombie) is free again.
                state["leased"] = {key: holder for key, holder in state["leased"].items() if self._alive(holder)}
                yield state
                self._write_state(state)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read_state(self) -> dict:
        if not self._state.is_file():
            return {"leased": {}, "consumed": []}
        try:
            state = json.loads(self._state.read_bytes())
        except ValueError as error:
            raise self._corrupt(f"不是 JSON：{error}") from None
        if not isinstance(state, dict):
            raise self._corrupt("应为 JSON 对象")
        state.setdefault("leased", {})
        state.setdefault("consumed", [])
        if not isinstance(state["leased"], dict) or not all(
            isinstance(holder, dict) for holder in state["leased"].values()
        ):
            raise self._corrupt("leased 应为对象（key → 租用者）")
        if not isinstance(state["consumed"], list) or not all(isinstance(key, str) for key in state["consumed"]):
            raise self._corrupt("consumed 应为 key 的列表")
        return state

    def _corrupt(self, why: str) -> PoolError:
        return PoolError(
            f"账号池的租用记录 {self._state} 已损坏（{why}）。确认没有测试正在使用该账号池后删除它：rm '{self._state}'"
            "（删除后已作废的 consumable 账号会被重新使用：只在重新准备账号池之后，或确认它们未被用过时这样做）"
        )

    def _write_state(self, state: dict) -> None:
        """Replaces the state file in one step (a temporary file renamed over it), so that a
        process killed while writing leaves the old state or the new one, never half of one."""
        data = json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8")
        handle, temporary = tempfile.mkstemp(dir=self._state.parent, prefix=self._state.name + ".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self._state)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _holder_lock(self) -> str:
        """The name of this process's liveness lock: a file under `<pool>.holders/` that the
        process keeps exclusively locked (flock) for as long as it lives. The kernel drops the
        lock when the process ends — before it is a zombie — so a held lock means a live holder."""
        mine = _HOLDER_LOCKS.get(self._holders)
        if mine is None or mine[0] != os.getpid():
            self._holders.mkdir(exist_ok=True)
            self._sweep_holders()
            name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}.lock"
            # Locked before it appears under its name, so that no one finds it unlocked.
            handle = (self._holders / (name + ".new")).open("a")
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(self._holders / (name + ".new"), self._holders / name)
            mine = _HOLDER_LOCKS[self._holders] = (os.getpid(), name, handle)
        return mine[1]

    def _sweep_holders(self) -> None:
        """Removes the locks of processes that have ended (they gave their leases back)."""
        for path in self._holders.glob("*.lock"):
            if not self._alive({"host": socket.gethostname(), "lock": path.name}):
                path.unlink(missing_ok=True)

    def _alive(self, holder: Mapping[str, Any]) -> bool:
        if holder.get("host") != socket.gethostname():
            return True  # another machine's lease: nothing to check it against
        name = holder.get("lock")
        if not isinstance(name, str) or "/" in name:
            return _pid_alive(holder)  # a lease written before liveness locks
        path = self._holders / name
        try:
            with path.open("r") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False  # no lock file: its holder ended and its lock was swept
        path.unlink(missing_ok=True)  # its holder has ended: the lock is free and no longer needed
        return False

    def lease(
        self,
        candidates: Sequence[EntryT],
        matches: Callable[[Any], bool],
        changes_state: bool,
        holder: str,
        *,
        lockable: bool = False,
    ) -> EntryT | None:
        """The first free entry among `candidates` that `matches`, now leased to `holder`; a
        scenario that changes state gets only consumable entries (then consumed), others prefer
        entries that are not consumable. `lockable` entries (set aside for wrong-password
        checks) go only to a caller that asks for them. None when every match is taken."""
        with self._locked_state() as state:
            free = [
                e
                for e in candidates
                if e.key not in state["leased"]
                and e.key not in state["consumed"]
                and getattr(e, "lockable", False) == lockable
                and matches(e)
            ]
            if changes_state:
                free = [e for e in free if e.consumable]
            else:
                free.sort(key=lambda e: e.consumable)
            if not free:
                return None
            chosen = free[0]
            state["leased"][chosen.key] = {
                "holder": holder,
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "lock": self._holder_lock(),
            }
            if changes_state:
                state["consumed"].append(chosen.key)
            return chosen

    def count_wrong_password(self, key: str, run: str, cap: int) -> bool:
        """Counts one wrong-password attempt at `key` in `run`; False (and not counted) once
        `run` has made `cap` of them, so that no run can lock the account."""
        with self._locked_state() as state:
            attempts = state.get("wrong_passwords")
            if (
                not isinstance(attempts, dict)
                or attempts.get("run") != run
                or not isinstance(attempts.get("counts"), dict)
            ):
                attempts = state["wrong_passwords"] = {"run": run, "counts": {}}
            made = int(attempts["counts"].get(key, 0))
            if made >= cap:
                return False
            attempts["counts"][key] = made + 1
            return True

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


# Per process: the liveness lock it holds for each holders folder (pid, file name, open file).
_HOLDER_LOCKS: dict[Path, tuple[int, str, Any]] = {}


def _pid_alive(holder: Mapping[str, Any]) -> bool:
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
