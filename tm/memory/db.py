"""Opening the shared SQLite database and applying named migrations.

Each package owns its schema as an ordered list of named migrations
(``tm.memory.store.MIGRATIONS``, ``glossary.termbase.store.MIGRATIONS``) and applies them
with :func:`migrate` when it opens the database. Applied migrations are
recorded in ``_migrations`` so a test can pin the schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from tm.errors import DatabaseError

Migration = tuple[str, Callable[[sqlite_utils.Database], None]]

BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) the database at ``path`` in WAL mode.

    Raises :class:`DatabaseError` if the file exists but is not an SQLite
    database, or is an SQLite database that some other program owns.
    """
    p = Path(path)
    if p.exists():
        if p.is_dir():
            raise DatabaseError(f"{p}: is a directory, not a database file")
        with p.open("rb") as fh:
            head = fh.read(16)
        if head and head != _SQLITE_MAGIC:
            raise DatabaseError(f"{p}: not an SQLite database (is it the right file?)")
    elif not create:
        raise DatabaseError(f"{p}: no such database")
    elif not p.parent.is_dir():
        raise DatabaseError(f"{p}: cannot create the database: no directory {p.parent}")
    try:
        conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        db = sqlite_utils.Database(conn)
        tables = set(db.table_names())
        if tables and "_migrations" not in tables:
            raise DatabaseError(f"{p}: an SQLite database that was not made by this tool "
                                f"(tables: {', '.join(sorted(tables)[:5])})")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{p}: cannot open database: {exc}") from None
    return db


def migrate(db: sqlite_utils.Database, package: str, migrations: Sequence[Migration]) -> list[str]:
    """Apply ``migrations`` of ``package`` not yet applied, each in its own transaction.

    Returns the names applied now.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        "package TEXT NOT NULL, name TEXT NOT NULL, applied TEXT NOT NULL, "
        "PRIMARY KEY (package, name))"
    )
    done = {r[0] for r in conn.execute("SELECT name FROM _migrations WHERE package = ?", [package])}
    applied = []
    for name, fn in migrations:
        if name in done:
            continue
        with transaction(db):
            fn(db)
            conn.execute(
                "INSERT INTO _migrations (package, name, applied) "
                "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                [package, name],
            )
        applied.append(name)
    return applied


@contextmanager
def transaction(db: sqlite_utils.Database):
    """One write transaction; joins the caller's if one is already open."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseError("database is busy, retry") from None
        raise
    try:
        yield db
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseError("database is busy, retry") from None
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
