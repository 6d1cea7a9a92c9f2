"""The one place the mock portals touch SQLite.

Each app keeps its own database file (the two portals are separate systems) and its
schema next to its code. A connection lives for one request.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g

SHARED_SCHEMA_DIR = Path(__file__).resolve().parent


def init_app(app: Flask, package_dir: Path) -> None:
    """Creates the schema from every `schema*.sql` shared by both portals (beside this module)
    and in the portal's folder (one file per area, core first), and closes connections after
    each request."""
    with _connect(app.config["DATABASE"]) as connection:
        for schema in [*sorted(SHARED_SCHEMA_DIR.glob("schema*.sql")), *sorted(package_dir.glob("schema*.sql"))]:
            connection.executescript(schema.read_text(encoding="utf-8"))
    app.teardown_appcontext(_close)


def _connect(path: str) -> sqlite3.Connection:
    # The server is threaded; one connection per request, so no sharing across threads.
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def get_db() -> sqlite3.Connection:
    """The request's connection, in autocommit mode; use `transaction()` for several writes."""
    if "db" not in g:
        g.db = _connect(current_app.config["DATABASE"])
    return g.db


def _close(_error: BaseException | None = None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


class transaction:
    """`with transaction() as db:` — all writes in the block land together or not at all,
    so a refused registration never leaves half a record behind."""

    def __enter__(self) -> sqlite3.Connection:
        self.db = get_db()
        self.db.execute("BEGIN IMMEDIATE")
        g.kept_writes = []
        return self.db

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        kept = g.pop("kept_writes", [])
        if not exc_type:
            self.db.execute("COMMIT")
            return
        self.db.execute("ROLLBACK")
        for sql, params in kept:
            self.db.execute(sql, params)


def execute_kept(sql: str, params: Iterable[Any] = ()) -> None:
    """A write that stands even when the transaction around it is rolled back: a wrong SMS code
    counts as a try although the refused form writes nothing else."""
    params = tuple(params)
    get_db().execute(sql, params)
    if get_db().in_transaction and "kept_writes" in g:
        g.kept_writes.append((sql, params))


def query_one(sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
    """First row of a query, or None."""
    return get_db().execute(sql, tuple(params)).fetchone()


def query_all(sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
    """All rows of a query."""
    return get_db().execute(sql, tuple(params)).fetchall()


def execute(sql: str, params: Iterable[Any] = ()) -> int:
    """Runs one write; returns the new row id."""
    return get_db().execute(sql, tuple(params)).lastrowid or 0
