"""The term base's history: what a person changed in an entry, and undo.

Every write a person makes — ``glossary add``, ``approve``, ``reject``, ``edit``, an
import, a reviewed sheet, a decision in the workbench, a deletion — is recorded in
``glossary_history`` with who, when, the operation and the entry's decisions before and
after (:func:`decisions`: status, approved and forbidden renderings, kind, note,
definition, source, pinyin, parts, the Chinese tag; NULL before an entry was added or
after it was deleted). A write that changes none of them (a file importing what the term
base already holds) records nothing. Extraction's candidates and counts are not a
person's work and are not recorded.

:func:`glossary.termbase.store.undo` puts an entry's decisions back as a change found them. It is refused when
the entry changed since (its decisions are no longer what the change left: undo the later
change first), and when a deleted entry's term exists again. An undone change is marked
(when, by whom), not removed, as ``tm undo`` does for the memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from glossary.models import Entry
from glossary.termbase.keys import zh_key

#: the fields of an entry a person decides; what a change records and undo puts back
FIELDS = ("status", "approved", "forbidden", "kind", "note", "definition", "source", "pinyin",
          "parts", "zh_lang")


def decisions(entry: Entry | None) -> dict | None:
    """An entry's decided fields as a change records them (None for no entry)."""
    if entry is None:
        return None
    return {name: list(getattr(entry, name)) if name in ("approved", "forbidden", "parts")
            else getattr(entry, name) for name in FIELDS}


@dataclass
class TermChange:
    """One recorded change of an entry."""

    id: int
    at: str
    who: str | None
    op: str
    zh: str
    before: dict | None
    after: dict | None
    undone: str | None = None
    undone_by: str | None = None
    batch: str | None = None      # the write it was made in (None: recorded before session 26)

    def summary(self) -> str:
        """What changed, in a line: ``status candidate → approved; approved + "x"``."""
        if self.before is None:
            return "new entry: " + _added(self.after)
        if self.after is None:
            return "entry deleted (it was " + _added(self.before) + ")"
        return changes_between(self.before, self.after)


#: the characters of a field's value a change's line shows (the JSON holds it whole)
SHOWN = 60


def _shown(value) -> str:
    """A field's value in a change's line: quoted, a list's items joined with ``|``, a long
    text cut (a note of pages would fill the screen twice)."""
    if value in (None, "", []):
        return "none"
    if isinstance(value, list):
        return " | ".join(_shown(v) for v in value)
    if isinstance(value, str):
        return (f"\u201c{value}\u201d" if len(value) <= SHOWN
                else f"\u201c{value[:SHOWN]}\u2026\u201d ({len(value)} characters)")
    return str(value)


def _added(d: dict) -> str:
    parts = [d["status"]]
    for name in ("approved", "forbidden"):
        if d[name]:
            parts.append(f"{name} " + " | ".join(f"\u201c{v}\u201d" for v in d[name]))
    return ", ".join(parts)


def changes_between(before: dict, after: dict) -> str:
    """The differences of two :func:`decisions`, in a line."""
    out = []
    if before["status"] != after["status"]:
        out.append(f"status {before['status']} \u2192 {after['status']}")
    for name in ("approved", "forbidden"):
        gone = [v for v in before[name] if v not in after[name]]
        new = [v for v in after[name] if v not in before[name]]
        if gone or new:
            out.append(f"{name} " + " ".join([f"+ \u201c{v}\u201d" for v in new] + [f"\u2212 \u201c{v}\u201d" for v in gone]))
        elif before[name] != after[name]:
            out.append(f"{name} reordered")
    for name in ("kind", "note", "definition", "source", "pinyin", "parts", "zh_lang"):
        if before.get(name) != after.get(name):
            out.append(f"{name} {_shown(before.get(name))} \u2192 {_shown(after.get(name))}")
    return "; ".join(out) or "no change"


def _json(decided: dict | None) -> str | None:
    return None if decided is None else json.dumps(decided, ensure_ascii=False)


def new_batch() -> str:
    """A token naming one write of the term base (an import, a review sheet, a deletion of
    several terms): the changes it records share it, and ``glossary undo --whole`` undoes
    them together."""
    return secrets.token_hex(8)


def record(conn, changes: Iterable[tuple[str, str, dict | None, dict | None]], *, who: str | None,
           at: str, batch: str | None = None) -> int:
    """Record changes ``(op, zh, before, after)`` — the :func:`decisions` of the entry of term
    ``zh`` before and after — inside the caller's transaction, in one statement however many;
    a change whose decisions did not change is left out. The changes are one write (``batch``,
    :func:`new_batch`; default: a new one). Returns how many were recorded."""
    batch = batch or new_batch()
    rows = [(at, who, op, zh, zh_key(zh), _json(before), _json(after), batch)
            for op, zh, before, after in changes if before != after]
    if rows:
        conn.executemany("INSERT INTO glossary_history (at, who, op, zh, zh_key, before, after, batch) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


class Recorder:
    """The history of one write of many entries (an import): one change an entry, however
    many of the write's entries are its term (a file's row per rendering), written a batch
    at a time (:meth:`write`, in the write's transaction). The change of an entry met again
    leaves its decisions as the later entry left them, and is removed when they are back to
    what they were before the write (and made again, as a new change, if a later entry
    changes them once more): what recording each entry's change as it was written did,
    with a statement or three a batch instead of a statement or two an entry."""

    def __init__(self, op: str, *, who: str | None, at: str):
        self.op, self.who, self.at = op, who, at
        self.batch = new_batch()                    # the write's token, on each of its changes
        self._first: dict[str, dict | None] = {}    # an entry's (stored zh) decisions before the write
        self._id: dict[str, int] = {}               # the id of its change written by an earlier batch
        self._new: dict[str, None] = {}             # this batch's new changes, in the order made
        self._after: dict[str, dict | None] = {}    # this batch's changes: the decisions they leave
        self._gone: list[int] = []                  # the changes of earlier batches to remove

    def met(self, zh: str, before: Entry | None, after: Entry) -> None:
        """Entry ``zh`` (as stored) went from ``before`` to ``after``."""
        first = self._first.setdefault(zh, decisions(before))
        now = decisions(after)
        if zh in self._new or zh in self._id:
            if now != first:
                self._after[zh] = now
                return
            self._after.pop(zh, None)
            if zh in self._new:
                del self._new[zh]
            else:
                self._gone.append(self._id.pop(zh))
        elif now != first:
            self._new[zh] = None
            self._after[zh] = now

    def write(self, conn, *, final: bool = False) -> None:
        """Write the changes of the entries met since the last call: the new ones in the
        order they were made, in one statement; amend or remove the earlier batches' that
        the entries met again changed. Unless ``final`` (no entry will be met again), the
        new changes' ids are read back, in one query (the write holds the write lock)."""
        made = list(self._new)
        record(conn, [(self.op, zh, self._first[zh], self._after[zh]) for zh in made], who=self.who, at=self.at,
               batch=self.batch)
        amended = [(_json(after), self._id[zh]) for zh, after in self._after.items() if zh in self._id]
        if amended:
            conn.executemany("UPDATE glossary_history SET after = ? WHERE id = ?", amended)
        if self._gone:
            conn.executemany("DELETE FROM glossary_history WHERE id = ?", [(n,) for n in self._gone])
        if made and not final:
            # the changes just made are this write's latest (its batch names them, whatever
            # another writer may have recorded meanwhile)
            for id_, zh in conn.execute("SELECT id, zh FROM glossary_history WHERE batch = ? ORDER BY id DESC LIMIT ?",
                                        [self.batch, len(made)]).fetchall():
                if zh in self._new:
                    self._id[zh] = id_
        self._new.clear()
        self._after.clear()
        self._gone.clear()


_COLUMNS = "id, at, who, op, zh, before, after, undone, undone_by, batch"


def _change(row) -> TermChange:
    id_, at, who, op, zh, before, after, undone, undone_by, batch = row
    return TermChange(id=id_, at=at, who=who, op=op, zh=zh,
                      before=None if before is None else json.loads(before),
                      after=None if after is None else json.loads(after),
                      undone=undone, undone_by=undone_by, batch=batch)


def history(db: sqlite_utils.Database, zh: str | None = None, *, limit: int | None = None) -> list[TermChange]:
    """Recorded changes, newest first: of every entry, or of term ``zh`` (any of its
    writings that are one entry: full- or half-width, with or without invisible characters;
    not its other script: 數據 and 数据 are two entries, each with its own history)."""
    where, params = ("WHERE zh_key = ?", [zh_key(zh)]) if zh is not None else ("", [])
    sql = f"SELECT {_COLUMNS} FROM glossary_history {where} ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_change(r) for r in db.execute(sql, params)]


def latest_change(conn, mine: str | None = None) -> TermChange | None:
    """The latest change not undone (None when there is none); ``mine``: of that person
    (or of no one named)."""
    whose, params = ("", []) if mine is None else (" AND (who IS NULL OR who = ?)", [mine])
    row = conn.execute(f"SELECT {_COLUMNS} FROM glossary_history WHERE undone IS NULL{whose} "
                       "ORDER BY id DESC LIMIT 1", params).fetchone()
    return _change(row) if row else None


def get_change(conn, change_id: int) -> TermChange | None:
    """Change ``change_id`` (None when there is none)."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM glossary_history WHERE id = ?", [change_id]).fetchone()
    return _change(row) if row else None


def later_changes(conn, changes: list[TermChange]) -> dict[int, list[int]]:
    """The changes of each change's term after it, not undone, in id order, by the change's
    id: in one query however many changes (``glossary undo --whole`` of an import asks it of
    every entry the import touched; a query a change was a round trip each on a server)."""
    keys = {c.id: zh_key(c.zh) for c in changes}
    if not keys:
        return {}
    found: dict[str, list[int]] = {}
    for id_, key in conn.execute("SELECT id, zh_key FROM glossary_history WHERE zh_key IN "
                                 "(SELECT value FROM json_each(?)) AND id > ? AND undone IS NULL ORDER BY id",
                                 [json.dumps(sorted(set(keys.values())), ensure_ascii=False), min(keys)]):
        found.setdefault(key, []).append(id_)
    return {c.id: [n for n in found.get(keys[c.id], []) if n > c.id] for c in changes}


def batch_changes(conn, change: TermChange) -> list[TermChange]:
    """The changes of the write ``change`` was made in, not undone, newest first (``change``
    alone when it names no write)."""
    if change.batch is None:
        return [change] if not change.undone else []
    return [_change(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM glossary_history WHERE batch = ? "
                                             "AND undone IS NULL ORDER BY id DESC", [change.batch])]


def mark_undone(conn, changes: list[TermChange], *, who: str | None, at: str) -> list[TermChange]:
    """Mark ``changes`` undone (when, by whom), in one statement; returns them as marked, in
    the order given."""
    ids = json.dumps([c.id for c in changes])
    conn.execute("UPDATE glossary_history SET undone = ?, undone_by = ? WHERE id IN (SELECT value FROM json_each(?))",
                 [at, who, ids])
    marked = {row[0]: _change(row) for row in conn.execute(
        f"SELECT {_COLUMNS} FROM glossary_history WHERE id IN (SELECT value FROM json_each(?))", [ids])}
    return [marked[c.id] for c in changes]
