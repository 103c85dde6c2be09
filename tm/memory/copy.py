"""``tm copy SRC DST``: a whole database, memory and term base, from one backend to the other.

Every table the tool owns is copied row for row with its ids (units, documents,
segments, pairs, term entries, renderings, usage, history, the fuzzy-match index
runs), into a destination that is new or empty, in one transaction: an error
leaves the destination as it was. Full-text indexes are rebuilt by the
destination (they are backend-specific). Both databases get the memory's and the
term base's migrations first, so the copy is of the same schema.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from tm.errors import ToolError
from tm.memory.db import explain, migrate, table_columns, transaction
from tm.memory.pg import SQLITE, dialect, file_of
from tm.memory.store import MIGRATIONS

ORDER = ("documents", "pairs", "segments", "units", "match_runs", "match_postings", "match_rare",
         "glossary_entry", "glossary_rendering", "glossary_usage", "glossary_char")
"""Tables referenced by others come first; tables not listed follow in name order."""

CHUNK = 5000


@dataclass
class CopyReport:
    tables: dict[str, int] = field(default_factory=dict)      # rows copied per table


def _owned_tables(db) -> list[str]:
    names = [t for t in db.table_names() if t != "_migrations" and not t.startswith("sqlite_")
             and "_fts" not in t]
    return [t for t in ORDER if t in names] + sorted(t for t in names if t not in ORDER)


def schemas() -> dict[str, list]:
    """Every package's migrations: the memory's, and those other packages declare
    under the entry point group ``zhen_tm.migrations`` (the term base's)."""
    from importlib.metadata import entry_points

    found = {"tm": MIGRATIONS}
    for ep in sorted(entry_points(group="zhen_tm.migrations"), key=lambda e: e.name):
        found[ep.name] = ep.load()
    return found


def _migrated(db):
    for package, migrations in schemas().items():
        migrate(db, package, migrations)
    return db


def copy_database(src, dst) -> CopyReport:
    """Copy every row of ``src`` into ``dst`` (open databases of either backend).

    Raises :class:`ToolError` if ``dst`` is ``src`` (one SQLite file, however it was
    spelled), already holds units or term entries, or if the two do not have the same tables."""
    if _same_file(src, dst):
        raise ToolError("SRC and DST are the same database; copy into a new database")
    with _reading(src):
        src = _migrated(src)
        tables = _owned_tables(src)
    dst = _migrated(dst)
    missing = [t for t in tables if t not in set(dst.table_names())]
    if missing:
        raise ToolError(f"the destination has no table {', '.join(missing)} (made by another version?)")
    for t in tables:
        if dst.conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone():
            raise ToolError(f"the destination is not empty (table {t} has rows); copy into a new database")
    report = CopyReport()
    with transaction(dst):
        for t in tables:
            columns = [c for c in table_columns(src, t) if c in set(table_columns(dst, t))]
            report.tables[t] = _copy_table(src, dst, t, columns)
        dialect(dst).after_copy(dst, tables)
    return report


@contextmanager
def _reading(src):
    """An SQLite error while reading ``src`` names ``src`` (inside the destination's
    transaction it was taken for the destination's: a damaged SRC was reported as
    `DST: the database file is damaged`)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        name = _sqlite_file(src)
        raise (explain(exc, name) if name else None) or exc from None


def _sqlite_file(db) -> str | None:
    if dialect(db) is not SQLITE:
        return None
    return file_of(db.conn)


def _same_file(src, dst) -> bool:
    """Whether two open SQLite databases are one file (a second spelling, a link)."""
    a, b = _sqlite_file(src), _sqlite_file(dst)
    if not a or not b:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _copy_table(src, dst, table: str, columns: list[str]) -> int:
    cols = ", ".join(columns)
    insert = f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(columns))})"
    check = None if dialect(dst).stores_nul else partial(_refuse_nul, table, columns)
    n = 0
    if "id" in columns:                     # in id order, a chunk at a time (constant memory)
        last = None
        while True:
            sql = f"SELECT {cols} FROM {table}" + (" WHERE id > ?" if last is not None else "") + \
                  f" ORDER BY id LIMIT {CHUNK}"
            with _reading(src):
                rows = src.conn.execute(sql, [last] if last is not None else []).fetchall()
            if not rows:
                return n
            if check:
                check(rows)
            dst.conn.executemany(insert, rows)
            n += len(rows)
            last = rows[-1][columns.index("id")]
    with _reading(src):
        rows = src.conn.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}").fetchall()
    if rows:
        if check:
            check(rows)
        dst.conn.executemany(insert, rows)
    return len(rows)


def _refuse_nul(table: str, columns: list[str], rows: list) -> None:
    """A :class:`ToolError` naming the first value of ``rows`` holding a NUL character, which
    the destination cannot store (PostgreSQL; an SQLite memory may hold one from a TSV's
    ``\\0``): the copy stops and its transaction rolls back."""
    for row in rows:
        for column, value in zip(columns, row):
            if type(value) is str and "\x00" in value:
                which = f"id {row[columns.index('id')]}" if "id" in columns else "a row"
                raise ToolError(f"{table} {which}: a NUL character in {column}, which a PostgreSQL database "
                                f"cannot store; nothing copied (remove it in the source first: tm edit)")
