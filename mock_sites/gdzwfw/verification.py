"""Trust levels and the verifications (核验) that reach them (guide A2).

A legal account's `trust_level` is the highest level of its completed verifications: 法人基础库
at registration gives 三级 (原L1); 网银证书 or 电子营业执照 gives 四级 (原L2); CA证书 or the
service-hall check gives 五级 (原L3). A verification never lowers the level.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mock_sites import db
from mock_sites.gdzwfw.auth import LEVEL_NAMES
from mock_sites.web import now_text

DONE = "已核验"


@dataclass(frozen=True)
class Method:
    """One way of verifying: its key, the name 「当前账号核验方式为」 shows, its level and the
    title of its entry on the 实名核验 page."""

    key: str
    name: str
    level: int
    title: str


METHODS: dict[str, Method] = {
    method.key: method
    for method in (
        Method("registry", "法人基础库", 3, "证件真实性核验"),
        Method("bank_cert", "网银证书", 4, "企业/单位网银证书核验"),
        Method("elicence", "电子营业执照", 4, "电子营业执照核验"),
        Method("ca_cert", "CA证书", 5, "企业/单位CA证书核验"),
        Method("hall", "办事大厅现场核验", 5, "办事大厅现场核验"),
    )
}

# The method a seeded account is given when the caller names none, per level.
DEFAULT_METHODS_FOR_LEVEL: dict[int, tuple[str, ...]] = {
    3: ("registry",),
    4: ("registry", "elicence"),
    5: ("registry", "elicence", "ca_cert"),
}


def record(account_id: int, method_key: str) -> None:
    """Stores a completed verification and raises the account to its level (never lowers it).
    Call inside the caller's transaction when other writes belong with it."""
    method = METHODS[method_key]
    db.execute(
        "INSERT INTO verification (account_id, method, level, status, verified_at) VALUES (?, ?, ?, ?, ?)",
        (account_id, method.key, method.level, DONE, now_text()),
    )
    db.execute("UPDATE legal_account SET trust_level = MAX(trust_level, ?) WHERE id = ?", (method.level, account_id))


def verifications(account_id: int) -> list[sqlite3.Row]:
    """Completed verifications of an account, oldest first."""
    return db.query_all("SELECT * FROM verification WHERE account_id = ? ORDER BY id", (account_id,))


def done_methods(account_id: int) -> set[str]:
    """Keys of the methods the account has completed."""
    return {row["method"] for row in verifications(account_id)}


def current_method(account: sqlite3.Row) -> Method | None:
    """The method behind the account's current level: the latest verification at that level."""
    rows = [row for row in verifications(account["id"]) if row["level"] == account["trust_level"]]
    return METHODS[rows[-1]["method"]] if rows else None


def as_json(account: sqlite3.Row) -> dict:
    """An account's state for the control API: level, details and verifications, no password."""
    # keys() is needed: iterating a sqlite3.Row gives its values, not its column names.
    state = {key: account[key] for key in account.keys() if key != "password_hash"}  # noqa: SIM118
    state["has_password"] = bool(account["password_hash"])
    state["level_name"] = LEVEL_NAMES[account["trust_level"]]
    state["verifications"] = [
        {
            "method": row["method"],
            "method_name": METHODS[row["method"]].name,
            "level": row["level"],
            "status": row["status"],
            "verified_at": row["verified_at"],
        }
        for row in verifications(account["id"])
    ]
    return state
