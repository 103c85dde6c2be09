"""Editing the memory by hand, with a history that can be undone.

A person fixes what the aligner or an import got wrong: :func:`edit_unit` (text),
:func:`merge_units`, :func:`split_unit`, :func:`unalign_unit` (alignment),
:func:`delete_units`, :func:`mark_units` (status). Each operation

* runs in one transaction (or joins the caller's), keeps the fuzzy-match and
  concordance indexes current, and
* is recorded in ``edit_history``: who, when, the operation, and the full rows of
  the units before and after, so :func:`undo` can put them back exactly.

Units are named by their key (``PAIR:NNNN``; :func:`resolve` also accepts ``PAIR:N``).
The number is the unit's position when its pair was first aligned, and never changes:
a split gives the new part the next free number of the pair, a merge keeps the first key.

A unit's ``position`` orders it in its pair; only the order means something. A split
or an unalign puts the new units between the unit and the next one, at the shortest
decimal numbers that fit (between 7 and 8: 7.5; then 7.2…), so no other unit moves and
a change costs the same in a pair of 100 units or of 100,000. Only when six decimals
leave no room (about twenty splits at the same place) are the later units of the pair
moved one place down, as one recorded shift that the undo moves back.

The units a person changed keep ``edited`` (when their text or alignment was last
changed by hand). A unit is *a person's work* when it is ``edited`` or ``reviewed``:
re-aligning its pair keeps it (see :func:`tm.exchange.align_pair`), an import with
``on_duplicate="replace"`` and a review import never overwrite it silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlite_utils

from tm.errors import ToolError
from tm.memory.db import id_array, table_columns, transaction
from tm.memory.index import Index
from tm.memory.store import NUMBERED_KEYS
from tm.clock import utc_now
from tm.memory.store import PERSON, STATUSES, changed_by_hand, digest  # noqa: F401  (PERSON: re-exported)
from tm.models import TranslationUnit
from tm.text.codes import undisplay
from tm.text.segment import segment_en, segment_zh



class EditError(ToolError):
    """An edit that cannot be made (unknown key, units not adjacent, nothing to undo…)."""


@dataclass
class Change:
    """One entry of the history: an operation and the units before and after it.

    ``before``/``after`` are the units as they were and became (``after`` empty for a
    delete; ``before`` empty for units a change created from nothing). ``id`` is None
    for an operation that changed nothing (it is not recorded)."""

    id: int | None
    op: str
    at: str
    who: str | None
    before: list[TranslationUnit] = field(default_factory=list)
    after: list[TranslationUnit] = field(default_factory=list)
    undoable: bool = True
    undone: str | None = None            # when it was undone
    undone_by: str | None = None
    note: str | None = None              # what a non-unit change did (re-alignment)
    keys: list[str] = field(default_factory=list)   # the units it touched, each once

    def __post_init__(self):
        if not self.keys:
            self.keys = list(dict.fromkeys(u.key for u in (*self.before, *self.after) if u.key))

    @property
    def summary(self) -> str:
        """One line saying what the change did, e.g. ``#12 merge plan:0034, plan:0035 (undone)``."""
        keys = ", ".join(self.keys[:4]) + (f" and {len(self.keys) - 4} more" if len(self.keys) > 4 else "")
        text = f"#{self.id} {self.op} {keys}".rstrip() if self.id is not None else f"no {self.op}: nothing changed"
        if self.note:
            text += f": {self.note}"
        return text + (" (undone)" if self.undone else "")

    @property
    def removed(self) -> list[str]:
        """Keys that no longer exist after the change."""
        after = {u.key for u in self.after}
        return [u.key for u in self.before if u.key not in after]


@dataclass
class PairInfo:
    """A document pair and the state of its units, for ``tm pairs``."""

    name: str
    zh_path: str | None
    en_path: str | None
    units: int                 # two-sided units
    unaligned: int             # one-sided units (sentences without a counterpart)
    needs_review: int
    reviewed: int
    edited: int
    orphans: int               # kept units whose sentences are gone from the documents
    changed: str


# --- rows -------------------------------------------------------------------------

def _rows(conn, where: str, params: Sequence) -> list[dict]:
    cur = conn.execute(f"SELECT * FROM units WHERE {where}", list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _pair_names(conn, rows: Iterable[dict]) -> dict[int, str]:
    ids = sorted({r["pair"] for r in rows if r.get("pair") is not None})
    if not ids:
        return {}
    return dict(conn.execute("SELECT id, name FROM pairs WHERE id IN (SELECT value FROM json_each(?))",
                             [id_array(ids)]))


def _unit(row: dict, names: dict[int, str]) -> TranslationUnit:
    props = row.get("props")
    unit = TranslationUnit(
        zh=row["zh"], en=row["en"], id=row["id"], key=row["key"], pair=names.get(row["pair"]),
        position=row["position"], shape=row["shape"], confidence=row["confidence"], origin=row["origin"],
        status=row["status"], created=row["created"], changed=row["changed"], changed_by=row["changed_by"],
        note=row["note"], props=json.loads(props) if props else {})
    unit.edited, unit.orphaned = row.get("edited"), row.get("orphaned")
    return unit


def _units(conn, rows: list[dict]) -> list[TranslationUnit]:
    names = _pair_names(conn, rows)
    return [_unit(r, names) for r in rows]


def resolve(db: sqlite_utils.Database, ref: str, *, gone_too: bool = False) -> str:
    """The key of the unit ``ref`` names: its key, or ``PAIR:N`` without the leading zeros.
    ``gone_too``: also a key only the history names (a unit deleted or merged away: ``tm
    history --key`` of it said "no unit", and its history is what undoing its removal needs)."""
    conn = db.conn
    m = re.fullmatch(r"(.+):(\d+)", ref.strip())
    spellings = [ref] + ([f"{m.group(1)}:{int(m.group(2)):04d}"] if m else [])
    for key in spellings:
        if conn.execute("SELECT 1 FROM units WHERE key = ?", [key]).fetchone():
            return key
    for key in spellings if gone_too else ():
        if conn.execute("SELECT 1 FROM edit_history, json_each(edit_history.keys) WHERE value = ? LIMIT 1",
                        [key]).fetchone():
            return key
    raise EditError(f"no unit {ref} (units are named PAIR:NNNN, see tm pairs and tm review)")


def _code_names(row: dict) -> set[str]:
    """The names of the unit's inline codes (``1``, ``/1``, ``2/``): text typed with them as
    shown (``{1}``) gets the codes back (tm.text.codes.undisplay)."""
    codes = json.loads(row["codes"]) if row.get("codes") else {}
    return {name for side in ("zh", "en") for name in (codes.get(side) or {})}


def _one(conn, db, ref: str) -> dict:
    return _rows(conn, "key = ?", [resolve(db, ref)])[0]


def _each(conn, db, refs: Sequence[str]) -> list[dict]:
    """The units ``refs`` name, each once however it is spelt (``plan:0022`` and ``plan:22``
    are one unit: merged with itself it doubled its text, deleted twice its undo failed)."""
    rows: dict[int, dict] = {}
    for ref in refs:
        row = _one(conn, db, ref)
        rows.setdefault(row["id"], row)
    return list(rows.values())


def _segments(value) -> list[int] | None:
    return None if value is None else json.loads(value)


MAX_DIGITS = 18
"""Key numbers up to this many digits are read by :func:`_next_number` (any longer one
is not a number the tool gave)."""

FRACTION_DIGITS = 6
"""Decimals a position may have (:func:`_between`); PostgreSQL keeps positions as
``NUMERIC`` (migration ``0007``), exact to this many at any size of pair."""


_DIGITS = re.compile(r"[0-9]+")


def _next_number(conn, pair_id: int, pair_name: str) -> int:
    """The number after the highest of the keys ``<pair>:<digits>`` (of any unit: keys are
    unique across the memory; :func:`_after_history` adds those of units gone since). Read
    through the ``(length(key), key)`` index: among keys of
    one length the highest number is the highest text, so one index probe per length (all
    in one statement), and a few more only where the highest is another pair's
    (``plan:1:0005``). The index holds the keys :data:`tm.memory.store.NUMBERED_KEYS` (ending
    in digits), which every probe names (a planner uses a partial index only for a query
    that implies its condition)."""
    prefix = f"{pair_name}:"
    probe = f"(SELECT max(key) FROM units WHERE length(key) = ? AND key >= ? AND key < ? AND {NUMBERED_KEYS})"
    params = []
    for digits in range(1, MAX_DIGITS + 1):
        params += [len(prefix) + digits, prefix + "0", prefix + ":"]
    found = []
    for key in conn.execute(f"SELECT {', '.join([probe] * MAX_DIGITS)}", params).fetchone():
        while key is not None and not _DIGITS.fullmatch(key, len(prefix)):     # below it, same length
            key = conn.execute(f"SELECT {probe}", [len(key), prefix + "0", key]).fetchone()[0]
        if key is not None:
            found.append(int(key[len(prefix):]))
    return max(found) + 1 if found else 0


def _after_history(conn, pair_name: str) -> int:
    """The number after the highest ``<pair>:<digits>`` the history names: a unit gone since
    had it (deleted, merged away, a split undone), and `tm history --key`, `tm undo` of its
    removal, would take a new unit given it for that one. A scan of the history's keys (a
    change names a few: 20,000 changes of two keys each, ~10 ms in SQLite), so it is asked only
    where a new number is given (a split, an unalign), not by :func:`_next_number`'s index reads."""
    prefix = f"{pair_name}:"
    numbers = [int(k[len(prefix):]) for k in _history_keys(conn, prefix + "0", prefix + ":")
               if _DIGITS.fullmatch(k, len(prefix)) and len(k) - len(prefix) <= MAX_DIGITS]
    return max(numbers) + 1 if numbers else 0


def _history_keys(conn, low: str, high: str) -> set[str]:
    """The unit keys the history names from ``low`` (inclusive) to ``high`` (exclusive)."""
    return {k for (k,) in conn.execute(
        "SELECT DISTINCT value FROM edit_history, json_each(edit_history.keys) WHERE value >= ? AND value < ?",
        [low, high])}


def _between(low, high, k: int) -> list | None:
    """``k`` increasing positions strictly between ``low`` and ``high`` (``None``: no
    unit after ``low``), spread evenly, with the fewest decimals that fit; ``None`` when
    :data:`FRACTION_DIGITS` decimals leave no room."""
    if high is None:
        return [int(low) + i for i in range(1, k + 1)]       # int(low) + 1 > low, whatever its sign
    for digits in range(FRACTION_DIGITS + 1):
        spots = [low + (high - low) * i / (k + 1) for i in range(1, k + 1)]
        spots = [int(round(x)) for x in spots] if digits == 0 else [round(x, digits) for x in spots]
        if all(a < b for a, b in zip([low, *spots], [*spots, high])):
            return spots
    return None


def _place(conn, row: dict, k: int) -> tuple[list, list | None]:
    """Positions for ``k`` units right after ``row`` in its pair, and the shift that makes
    room for them (``[pair, from, delta]``; None unless the room between ``row`` and the
    next unit is used up): see the module's docstring."""
    p = row["position"]
    nxt = conn.execute("SELECT min(position) FROM units WHERE pair = ? AND position > CAST(? AS NUMERIC)",
                       [row["pair"], p]).fetchone()[0]
    spots = _between(p, nxt, k)
    if spots is not None:
        return spots, None
    return _between(p, nxt + 1, k), [row["pair"], nxt, 1]


def _new_key(conn, row: dict, taken: set[str]) -> str:
    """A fresh key for a unit split off ``row``: the pair's next number, or for a unit
    without a pair, its key with ``-2``, ``-3``… appended; never a key the history names
    (:func:`_after_history`)."""
    if row["pair"] is not None:
        name = conn.execute("SELECT name FROM pairs WHERE id = ?", [row["pair"]]).fetchone()[0]
        n = max(_next_number(conn, row["pair"], name), _after_history(conn, name))
        while f"{name}:{n:04d}" in taken:
            n += 1
        return f"{name}:{n:04d}"
    prefix = f"{row['key']}-"      # not one a gone unit had: its history would become this one's
    named = _history_keys(conn, prefix, prefix[:-1] + ".")
    k = 2
    while True:
        key = f"{prefix}{k}"
        if key not in taken and key not in named \
                and not conn.execute("SELECT 1 FROM units WHERE key = ?", [key]).fetchone():
            return key
        k += 1


def _new_id(conn, taken: set[int]) -> int:
    n = (conn.execute("SELECT max(id) FROM units").fetchone()[0] or 0) + 1
    while n in taken:
        n += 1
    return n


# --- applying and recording a change ------------------------------------------------

def _write(conn, index: Index, old: list[dict], new: list[dict], shift: list | None) -> None:
    """Replace the rows ``old`` by ``new`` (rows keep their id where both have it),
    moving positions by ``shift`` = ``[pair, from, delta]`` first."""
    new_ids = {r["id"] for r in new}
    for r in old:
        index.remove(r["id"], r["zh"], r["en"])
    gone = [r["id"] for r in old if r["id"] not in new_ids]
    if gone:
        conn.executemany("DELETE FROM units WHERE id = ?", [(i,) for i in gone])
    if shift:
        pair, start, delta = shift
        # rounded, so that a shift and its undo give back a decimal position exactly
        conn.execute(f"UPDATE units SET position = round(position + ?, {FRACTION_DIGITS}) WHERE pair = ? "
                     "AND position >= CAST(? AS NUMERIC) "
                     "AND id NOT IN (SELECT value FROM json_each(?))",
                     [delta, pair, start, id_array(r["id"] for r in old)])
    old_ids = {r["id"] for r in old}
    for r in new:
        cols = list(r)
        if r["id"] in old_ids:
            conn.execute(f"UPDATE units SET {', '.join(f'{c} = ?' for c in cols if c != 'id')} WHERE id = ?",
                         [r[c] for c in cols if c != "id"] + [r["id"]])
        else:
            conn.execute(f"INSERT INTO units ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         [r[c] for c in cols])
        index.add(r["id"], r["zh"], r["en"])


def _record(db, op: str, who: str | None, at: str, old: list[dict], new: list[dict],
            shift: list | None = None, undoable: bool = True, note: str | None = None) -> Change:
    conn = db.conn
    keys: dict[str, None] = {}
    for r in (*old, *new):
        keys.setdefault(r["key"], None)
    cur = conn.execute(
        "INSERT INTO edit_history (at, who, op, keys, before, after, shift, undoable, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, who, op, json.dumps(list(keys), ensure_ascii=False), json.dumps(old, ensure_ascii=False),
         json.dumps(new, ensure_ascii=False), json.dumps(shift) if shift else None, int(undoable), note])
    return Change(cur.lastrowid, op, at, who, _units(conn, old), _units(conn, new), undoable, note=note)


def _change(db, op: str, who, now,
            build: Callable[[object, str], tuple[list[dict], list[dict], list | None]]) -> Change:
    """Run ``build(conn, at)`` -> (old rows, new rows, shift) in one transaction; write and record it."""
    with transaction(db):
        conn = db.conn
        at = now()
        old, new, shift = build(conn, at)
        if [dict(r) for r in old] == new and not shift:
            return Change(None, op, at, who, _units(conn, old), _units(conn, new))
        index = Index(db)
        _write(conn, index, old, new, shift)
        index.finish()
        return _record(db, op, who, at, old, new, shift)


def _touched(row: dict, at: str, who: str | None, status: str | None, *, edited: bool) -> dict:
    r = dict(row)
    r["changed"] = at
    r["changed_by"] = who
    if "meta" in r:
        r["meta"] = changed_by_hand(r["meta"])
    if status is not None:
        r["status"] = status
    if edited:
        r["edited"] = at
    return r


def _check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")


def _shape(zh_segs, en_segs, zh: str, en: str) -> str | None:
    if zh_segs is None or en_segs is None:
        return None
    return f"{len(zh_segs)}-{len(en_segs)}"


# --- the operations -------------------------------------------------------------------

def edit_unit(db: sqlite_utils.Database, key: str, *, zh: str | None = None, en: str | None = None,
              status: str | None = "reviewed", who: str | None = None,
              now: Callable[[], str] = utc_now) -> Change:
    """Change a unit's Chinese and/or English text. The unit becomes ``status``
    (default ``reviewed``: a person corrected it; ``None`` keeps its status) and
    ``edited``. Nothing changes (and nothing is recorded) when the text and status
    are already so."""
    _check_status(status)
    for text in (zh, en):
        if text is not None and "\x00" in text:
            raise EditError("text with a NUL character")

    def build(conn, at):
        row = _one(conn, db, key)
        known = _code_names(row)
        new_zh = row["zh"] if zh is None else undisplay(zh.strip(), known)
        new_en = row["en"] if en is None else undisplay(en.strip(), known)
        if not new_zh and not new_en:
            raise EditError(f"{row['key']}: both sides would be empty (use tm delete)")
        if new_zh == row["zh"] and new_en == row["en"] and (status is None or status == row["status"]):
            return [row], [dict(row)], None
        r = _touched(row, at, who, status, edited=(new_zh, new_en) != (row["zh"], row["en"]))
        r["zh"], r["en"], r["digest"] = new_zh, new_en, digest(new_zh, new_en)
        # a side emptied by hand lets go of its sentences: kept, they stayed this unit's at
        # every re-alignment, and the sentence was in no unit's text ever after
        for side, text in (("zh", new_zh), ("en", new_en)):
            if not text and r[f"{side}_segments"] not in (None, "[]"):
                r[f"{side}_segments"] = "[]"
        if r["shape"] is not None and (r["zh_segments"], r["en_segments"]) != (row["zh_segments"], row["en_segments"]):
            r["shape"] = _shape(_segments(r["zh_segments"]), _segments(r["en_segments"]), new_zh, new_en)
        return [row], [r], None

    return _change(db, "edit", who, now, build)


def mark_units(db: sqlite_utils.Database, keys: str | Sequence[str], *, status: str = "reviewed",
               who: str | None = None, now: Callable[[], str] = utc_now) -> Change:
    """Set the status of one or more units (``reviewed``, ``needs-review``, ``translated``)."""
    _check_status(status)
    keys = [keys] if isinstance(keys, str) else list(keys)
    if not keys:
        raise EditError("no unit given")

    asked: list[str] = []

    def build(conn, at):
        rows = _each(conn, db, keys)
        asked.extend(r["key"] for r in rows)
        changing = [r for r in rows if r["status"] != status]
        return changing, [_touched(r, at, who, status, edited=False) for r in changing], None

    change = _change(db, "mark", who, now, build)
    if change.id is None:
        change.keys = asked
    return change


def mark_unit(db: sqlite_utils.Database, key: str, *, status: str = "reviewed", who: str | None = None,
              now: Callable[[], str] = utc_now) -> Change:
    """:func:`mark_units` for one unit."""
    return mark_units(db, [key], status=status, who=who, now=now)


def merge_units(db: sqlite_utils.Database, keys: Sequence[str], *, status: str = "reviewed",
                who: str | None = None, now: Callable[[], str] = utc_now) -> Change:
    """Merge adjacent units of one document pair into the first of them (its key and id
    stay; the others are removed). Chinese is joined without a space, English with one."""
    _check_status(status)
    if len(set(keys)) < 2:
        raise EditError("merge needs two or more units")

    def build(conn, at):
        rows = _each(conn, db, keys)
        if len(rows) < 2:
            raise EditError(f"{', '.join(keys)} name one unit: merge needs two or more units")
        orphans = [r["key"] for r in rows if r["orphaned"]]
        if orphans:
            raise EditError(f"{orphans[0]} is an orphan (its sentences are gone from the documents): "
                            f"edit or delete it, it cannot be merged")
        pairs = {r["pair"] for r in rows}
        if len(pairs) != 1 or None in pairs:
            raise EditError(f"{', '.join(r['key'] for r in rows)}: only units of one document pair "
                            f"can be merged")
        rows.sort(key=lambda r: (r["position"], r["id"]))
        pair = rows[0]["pair"]
        between = conn.execute(
            "SELECT key FROM units WHERE pair = ? AND position > CAST(? AS NUMERIC) "
            "AND position < CAST(? AS NUMERIC) AND orphaned IS NULL "
            "AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT 1",
            [pair, rows[0]["position"], rows[-1]["position"], id_array(r["id"] for r in rows)]).fetchone()
        if between:
            raise EditError(f"{rows[0]['key']} and {rows[-1]['key']} are not adjacent ({between[0]} is "
                            f"between them)")
        first = _touched(rows[0], at, who, status, edited=True)
        first["zh"] = "".join(r["zh"] for r in rows)
        first["en"] = " ".join(r["en"] for r in rows if r["en"])
        zs = [_segments(r["zh_segments"]) for r in rows]
        es = [_segments(r["en_segments"]) for r in rows]
        if all(s is not None for s in zs + es):
            first["zh_segments"] = json.dumps(sorted(i for s in zs for i in s))
            first["en_segments"] = json.dumps(sorted(j for s in es for j in s))
            first["shape"] = _shape(json.loads(first["zh_segments"]), json.loads(first["en_segments"]),
                                    first["zh"], first["en"])
        else:
            first["zh_segments"] = first["en_segments"] = first["shape"] = None
        first["confidence"] = None
        first["digest"] = digest(first["zh"], first["en"])
        return rows, [first], None

    return _change(db, "merge", who, now, build)


def _sentences(conn, row: dict, side: str) -> tuple[list[str], list[int] | None]:
    """A unit's sentences on one side and their positions in the pair's document (None
    if unknown): the document's sentences while the text is theirs, joined; else the
    sentences of the current text (keeping the positions when their number agrees)."""
    text = row[side]
    stored = _segments(row[f"{side}_segments"])
    if not text:
        return [], (stored if stored is not None else [])
    if stored and row["pair"] is not None:
        doc = conn.execute(f"SELECT {side}_doc FROM pairs WHERE id = ?", [row["pair"]]).fetchone()
        found = dict(conn.execute("SELECT position, text FROM segments WHERE doc = ? AND position IN "
                                  "(SELECT value FROM json_each(?))", [doc[0], id_array(stored)])) if doc else {}
        if len(found) == len(stored):
            sentences = [found[i] for i in stored]
            if ("" if side == "zh" else " ").join(sentences) == text:
                return sentences, stored
    segs = [s.text for s in (segment_zh(text) if side == "zh" else segment_en(text))]
    return segs, (stored if stored is not None and len(stored) == len(segs) else None)


def _part(row: dict, at, who, status, zh: list[str], en: list[str], zpos, epos) -> dict:
    r = _touched(row, at, who, status, edited=True)
    r["zh"], r["en"] = "".join(zh), " ".join(en)
    r["zh_segments"] = json.dumps(zpos) if zpos is not None else None
    r["en_segments"] = json.dumps(epos) if epos is not None else None
    r["shape"] = f"{len(zpos)}-{len(epos)}" if zpos is not None and epos is not None else None
    r["confidence"] = None
    r["digest"] = digest(r["zh"], r["en"])
    return r


def split_unit(db: sqlite_utils.Database, key: str, *, zh_at: int, en_at: int, status: str = "reviewed",
               who: str | None = None, now: Callable[[], str] = utc_now) -> Change:
    """Split a unit in two after its first ``zh_at`` Chinese and ``en_at`` English
    sentences. The first part keeps the key; the second gets the pair's next number and
    the position after it. Each part must keep some text."""
    _check_status(status)

    def build(conn, at):
        row = _one(conn, db, key)
        zh, zpos = _sentences(conn, row, "zh")
        en, epos = _sentences(conn, row, "en")
        for name, at_, n in (("--zh-at", zh_at, len(zh)), ("--en-at", en_at, len(en))):
            if not 0 <= at_ <= n:
                raise EditError(f"{row['key']}: {name} {at_} is out of range: the unit has {n} "
                                f"{'Chinese' if name == '--zh-at' else 'English'} sentence{'s' * (n != 1)}")
        if (zh_at == 0 and en_at == 0) or (zh_at == len(zh) and en_at == len(en)):
            raise EditError(f"{row['key']}: splitting there leaves one part empty")
        first = _part(row, at, who, status, zh[:zh_at], en[:en_at],
                      zpos[:zh_at] if zpos is not None else None, epos[:en_at] if epos is not None else None)
        second = _part(row, at, who, status, zh[zh_at:], en[en_at:],
                       zpos[zh_at:] if zpos is not None else None, epos[en_at:] if epos is not None else None)
        second["id"] = _new_id(conn, set())
        second["key"] = _new_key(conn, row, {row["key"]})
        second["created"] = at
        shift = None
        if row["position"] is not None and row["pair"] is not None:
            [second["position"]], shift = _place(conn, row, 1)
        return [row], [first, second], shift

    return _change(db, "split", who, now, build)


def unalign_unit(db: sqlite_utils.Database, key: str, *, status: str = "reviewed", who: str | None = None,
                 now: Callable[[], str] = utc_now) -> Change:
    """Undo an alignment: the unit becomes one unaligned unit per sentence (Chinese
    ones first, then English), in its place. The first keeps the key."""
    _check_status(status)

    def build(conn, at):
        row = _one(conn, db, key)
        zh, zpos = _sentences(conn, row, "zh")
        en, epos = _sentences(conn, row, "en")
        if len(zh) + len(en) < 2:
            raise EditError(f"{row['key']}: already unaligned")
        parts = []
        for k, s in enumerate(zh):
            parts.append(_part(row, at, who, status, [s], [], [zpos[k]] if zpos is not None else None,
                               [] if zpos is not None else None))
        for k, s in enumerate(en):
            parts.append(_part(row, at, who, status, [], [s], [] if epos is not None else None,
                               [epos[k]] if epos is not None else None))
        taken_ids, taken_keys = set(), {row["key"]}
        for k, p in enumerate(parts[1:], 1):
            p["id"] = _new_id(conn, taken_ids)
            taken_ids.add(p["id"])
            p["key"] = _new_key(conn, row, taken_keys)
            taken_keys.add(p["key"])
            p["created"] = at
        spots, shift = [], None
        if row["position"] is not None and row["pair"] is not None:
            spots, shift = _place(conn, row, len(parts) - 1)
        elif row["position"] is not None:
            spots = [row["position"] + i for i in range(1, len(parts))]
        for p, spot in zip(parts[1:], spots):
            p["position"] = spot
        return [row], parts, shift

    return _change(db, "unalign", who, now, build)


def move_sentence(db: sqlite_utils.Database, key: str, *, side: str, direction: str, status: str = "reviewed",
                  who: str | None = None, now: Callable[[], str] = utc_now) -> Change:
    """Move one sentence across a bead boundary, as one change: with ``direction="next"``
    the last ``side`` (``zh``/``en``) sentence of the unit becomes the first of that side of
    the next unit of the pair; with ``"prev"`` its first one becomes the last of the
    previous unit's. A unit left without text is removed."""
    _check_status(status)
    if side not in ("zh", "en") or direction not in ("next", "prev"):
        raise ValueError("side must be zh or en, direction next or prev")
    forward = direction == "next"
    label = "Chinese" if side == "zh" else "English"

    def build(conn, at):
        row = _one(conn, db, key)
        if row["pair"] is None or row["position"] is None or row["orphaned"]:
            raise EditError(f"{row['key']}: only a unit in its pair's documents has neighbours")
        found = conn.execute(
            f"SELECT key FROM units WHERE pair = ? AND orphaned IS NULL AND position {'>' if forward else '<'} "
            "CAST(? AS NUMERIC) "
            f"ORDER BY position {'' if forward else 'DESC'}, id {'' if forward else 'DESC'} LIMIT 1",
            [row["pair"], row["position"]]).fetchone()
        if found is None:
            raise EditError(f"{row['key']} is the {'last' if forward else 'first'} unit of its pair")
        other = _rows(conn, "key = ?", [found[0]])[0]
        mine, mine_pos = _sentences(conn, row, side)
        theirs, their_pos = _sentences(conn, other, side)
        if not mine:
            raise EditError(f"{row['key']} has no {label} sentence to move")
        k = -1 if forward else 0
        moved = mine.pop(k)
        moved_pos = mine_pos.pop(k) if mine_pos is not None else None
        theirs = [moved] + theirs if forward else theirs + [moved]
        if mine_pos is None or their_pos is None:
            mine_pos = their_pos = None
        else:
            their_pos = [moved_pos] + their_pos if forward else their_pos + [moved_pos]
        new = []
        for r, sentences, positions in ((row, mine, mine_pos), (other, theirs, their_pos)):
            n = _touched(r, at, who, status, edited=True)
            n[side] = ("" if side == "zh" else " ").join(sentences)
            n[f"{side}_segments"] = json.dumps(positions) if positions is not None else None
            zs, es = _segments(n["zh_segments"]), _segments(n["en_segments"])
            n["shape"] = f"{len(zs)}-{len(es)}" if zs is not None and es is not None else None
            n["confidence"] = None
            n["digest"] = digest(n["zh"], n["en"])
            if n["zh"] or n["en"]:
                new.append(n)
        return [row, other], new, None

    return _change(db, "move", who, now, build)


def delete_units(db: sqlite_utils.Database, keys: str | Sequence[str], *, who: str | None = None,
                 now: Callable[[], str] = utc_now) -> Change:
    """Remove units from the memory (undoable)."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    if not keys:
        raise EditError("no unit given")

    def build(conn, at):
        return _each(conn, db, keys), [], None

    return _change(db, "delete", who, now, build)


# --- history and undo ---------------------------------------------------------------

_HISTORY_COLUMNS = "id, op, at, who, before, after, undoable, undone, undone_by, note, shift, keys"


def _entry(conn, row) -> Change:
    hid, op, at, who, before, after, undoable, undone, undone_by, note, _shift, keys = row
    b, a = json.loads(before), json.loads(after)
    return Change(hid, op, at, who, _units(conn, b), _units(conn, a), bool(undoable), undone, undone_by, note,
                  json.loads(keys))


def history(db: sqlite_utils.Database, *, key: str | None = None, pair: str | None = None,
            limit: int | None = 20, include_undone: bool = True) -> list[Change]:
    """Recorded changes, newest first; only those touching ``key`` or units of ``pair``."""
    sql = f"SELECT {_HISTORY_COLUMNS} FROM edit_history"
    where, params = [], []
    if key is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(edit_history.keys) WHERE value = ?)")
        params.append(key)
    if pair is not None:
        # the prefix compared as it is (SQLite's LIKE ignored the case of ASCII letters: the
        # changes of pair PLAN were shown as plan's, and only there, not on PostgreSQL)
        where.append("EXISTS (SELECT 1 FROM json_each(edit_history.keys) WHERE substr(value, 1, length(?)) = ?)")
        params += [f"{pair}:", f"{pair}:"]
    if not include_undone:
        where.append("undone IS NULL")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    conn = db.conn
    return [_entry(conn, r) for r in conn.execute(sql, params).fetchall()]


def undo(db: sqlite_utils.Database, change_id: int | None = None, *, who: str | None = None,
         now: Callable[[], str] = utc_now, mine: str | None = None) -> Change:
    """Undo a change (default: the latest one not yet undone; re-alignments, which
    cannot be undone, are passed over) by putting back the rows it replaced. Refused
    when one of its units changed since (undo the later change first). ``mine``: by
    default the latest change of that person (or of no one named), so that on a shared
    memory a colleague's later change is not the one undone."""
    with transaction(db):
        conn = db.conn
        if change_id is None:
            # the latest change not undone that a later re-alignment of its pair has not
            # overtaken (``tm undo`` stayed stuck on one it could never undo)
            row = next((r for r in conn.execute(f"SELECT {_HISTORY_COLUMNS} FROM edit_history WHERE undone IS NULL "
                                                "AND undoable != 0 ORDER BY id DESC")
                        if (mine is None or r[3] in (None, mine))
                        and not _realigned_since(conn, r[0], json.loads(r[4]) + json.loads(r[5]))), None)
            if row is None:
                raise EditError(f"nothing of {mine}'s to undo (tm history lists every change; tm undo CHANGE "
                                f"undoes one by its number)" if mine and _any_undoable(conn) else "nothing to undo")
        else:
            row = conn.execute(f"SELECT {_HISTORY_COLUMNS} FROM edit_history WHERE id = ?",
                               [change_id]).fetchone()
            if row is None:
                raise EditError(f"no change #{change_id} (see tm history)")
        hid, op, _at, _who, before, after, undoable, undone, _ub, note, shift, _keys = row
        if undone:
            raise EditError(f"change #{hid} was already undone ({undone})")
        if not undoable:
            raise EditError(f"change #{hid} ({op}{': ' + note if note else ''}) cannot be undone")
        old, new = json.loads(before), json.loads(after)
        again = _realigned_since(conn, hid, old + new)
        if again:
            name, realign = again
            raise EditError(f"cannot undo change #{hid} ({op}): {name} was aligned again since (change "
                            f"#{realign}); the units it put back would name sentences of the earlier alignment")
        current = {r["id"]: r for r in _rows(conn, "id IN (SELECT value FROM json_each(?))",
                                              [id_array(r["id"] for r in (*old, *new))])}
        # a change that only rewrote units in place may be undone after later splits
        # moved them: they keep their current position
        in_place = not shift and [r["id"] for r in old] == [r["id"] for r in new]
        if in_place:
            moved = {r["id"]: current[r["id"]]["position"] for r in new if r["id"] in current}
            old = [{**r, "position": moved.get(r["id"], r["position"])} for r in old]
        for r in new:
            now_row = current.get(r["id"])
            if now_row is None or any(now_row.get(c) != v for c, v in r.items()
                                      if not (in_place and c == "position")):
                raise EditError(f"cannot undo change #{hid} ({op}): {r['key']} changed since "
                                f"(undo the later change first, see tm history)")
        new_ids = {r["id"] for r in new}
        fresh = set()
        for k, r in enumerate(old):      # a removed unit's id since given to another: a new id
            if r["id"] not in new_ids and r["id"] in current:
                old[k] = {**r, "id": _new_id(conn, fresh)}
                fresh.add(old[k]["id"])
        keys_now = {r["key"] for r in new}
        for r in old:
            if r["key"] not in keys_now and conn.execute("SELECT 1 FROM units WHERE key = ?",
                                                         [r["key"]]).fetchone():
                raise EditError(f"cannot undo change #{hid} ({op}): {r['key']} exists again")
        back = None
        if shift:
            pair, start, delta = json.loads(shift)
            back = [pair, start + delta, -delta]
        index = Index(db)
        columns = set(table_columns(db, "units"))
        _write(conn, index, new, [{c: v for c, v in r.items() if c in columns} for r in old], back)
        index.finish()
        stamp = now()
        conn.execute("UPDATE edit_history SET undone = ?, undone_by = ? WHERE id = ?", [stamp, who, hid])
        return _entry(conn, conn.execute(f"SELECT {_HISTORY_COLUMNS} FROM edit_history WHERE id = ?",
                                         [hid]).fetchone())


def _any_undoable(conn) -> bool:
    return conn.execute("SELECT 1 FROM edit_history WHERE undone IS NULL AND undoable != 0 LIMIT 1").fetchone() \
        is not None


def _realigned_since(conn, hid: int, rows: list[dict]) -> tuple[str, int] | None:
    """``(name, change)`` of a pair of ``rows`` (a change's units before and after) aligned
    again after change ``hid``, and of that re-alignment (None when none was). A
    re-alignment renumbers the pair's sentences and replaces its units, so a unit put back
    as it was before would name sentences of the earlier alignment: another sentence, or one
    a new unit holds too (a deleted unit undone after a re-alignment duplicated one sentence
    and lost another). Re-alignments are recorded by :func:`tm.exchange.store_pair` with
    the note ``re-aligned NAME: …``."""
    for name in _pair_names(conn, rows).values():
        prefix = f"re-aligned {name}:"
        found = conn.execute("SELECT id FROM edit_history WHERE id > ? AND op = 'realign' "
                             "AND substr(note, 1, ?) = ? ORDER BY id LIMIT 1",
                             [hid, len(prefix), prefix]).fetchone()
        if found:
            return name, found[0]
    return None


# --- listing -------------------------------------------------------------------------

def list_pairs(db: sqlite_utils.Database) -> list[PairInfo]:
    """The document pairs, by name, with counts of their units."""
    sql = """
    SELECT p.name, zd.path, ed.path,
           sum(CASE WHEN u.zh != '' AND u.en != '' THEN 1 ELSE 0 END),
           sum(CASE WHEN u.zh = '' OR u.en = '' THEN 1 ELSE 0 END),
           sum(CASE WHEN u.status = 'needs-review' THEN 1 ELSE 0 END),
           sum(CASE WHEN u.status = 'reviewed' THEN 1 ELSE 0 END),
           count(u.edited), count(u.orphaned), p.changed
    FROM pairs p
    LEFT JOIN documents zd ON zd.id = p.zh_doc
    LEFT JOIN documents ed ON ed.id = p.en_doc
    LEFT JOIN units u ON u.pair = p.id
    GROUP BY p.id, p.name, zd.path, ed.path, p.changed ORDER BY p.name
    """
    return [PairInfo(name, zp, ep, *(int(v or 0) for v in counts), changed)
            for name, zp, ep, *counts, changed in db.conn.execute(sql)]


def pair_units(db: sqlite_utils.Database, pair: str, *, offset: int = 0, limit: int | None = None,
               orphans: bool = True) -> list[TranslationUnit]:
    """A page of the units of ``pair`` in document order (unaligned sentences in place,
    orphans last: a re-alignment puts them after the beads), for a view that must not
    load a large pair whole. Read through the (pair, position) index."""
    conn = db.conn
    found = conn.execute("SELECT id FROM pairs WHERE name = ?", [pair]).fetchone()
    if found is None:
        return []
    sql = ("SELECT * FROM units WHERE pair = ?" + ("" if orphans else " AND orphaned IS NULL")
           + " ORDER BY position, id LIMIT ? OFFSET ?")
    cur = conn.execute(sql, [found[0], 2 ** 62 if limit is None else limit, offset])
    names = [d[0] for d in cur.description]
    return _units(conn, [dict(zip(names, r)) for r in cur.fetchall()])


@dataclass
class UnitDetail:
    """A unit with its sentences, its neighbours and its history, for ``tm show``."""

    unit: TranslationUnit
    zh_sentences: list[str]
    en_sentences: list[str]
    previous: str | None          # key of the unit before it in its pair
    next: str | None
    history: list[Change]


def unit_detail(db: sqlite_utils.Database, ref: str, *, history_limit: int | None = 10) -> UnitDetail:
    """The unit ``ref`` names (see :func:`resolve`), its sentences, neighbours and history."""
    conn = db.conn
    row = _one(conn, db, ref)
    unit = _units(conn, [row])[0]
    zh, _ = _sentences(conn, row, "zh")
    en, _ = _sentences(conn, row, "en")
    prev = nxt = None
    if row["pair"] is not None and row["position"] is not None:
        prev = conn.execute("SELECT key FROM units WHERE pair = ? AND position < CAST(? AS NUMERIC) "
                            "AND orphaned IS NULL "
                            "ORDER BY position DESC, id DESC LIMIT 1", [row["pair"], row["position"]]).fetchone()
        nxt = conn.execute("SELECT key FROM units WHERE pair = ? AND position > CAST(? AS NUMERIC) "
                           "AND orphaned IS NULL "
                           "ORDER BY position, id LIMIT 1", [row["pair"], row["position"]]).fetchone()
    return UnitDetail(unit, zh, en, prev[0] if prev else None, nxt[0] if nxt else None,
                      history(db, key=row["key"], limit=history_limit))


class Recorder:
    """Collects the units a bulk operation changes (see :func:`recorded`)."""

    def __init__(self, conn):
        self.conn = conn
        self.before: dict[int, dict] = {}
        self.change: Change | None = None

    def touch(self, key: str) -> None:
        """Call before changing the unit ``key``."""
        rows = _rows(self.conn, "key = ?", [key])
        if rows and rows[0]["id"] not in self.before:
            self.before[rows[0]["id"]] = rows[0]


@contextmanager
def recorded(db: sqlite_utils.Database, op: str, *, who: str | None = None, note: str | None = None,
             now: Callable[[], str] = utc_now):
    """Record the changes made inside the block to the units passed to
    ``recorder.touch(key)`` as one undoable change (``recorder.change`` afterwards;
    None when nothing changed). The block runs in one transaction."""
    with transaction(db):
        rec = Recorder(db.conn)
        yield rec
        old = list(rec.before.values())
        after = {r["id"]: r for r in _rows(db.conn, "id IN (SELECT value FROM json_each(?))",
                                          [id_array(rec.before)])}
        changed = [(o, after.get(o["id"])) for o in old if after.get(o["id"]) != o]
        if changed:
            rec.change = _record(db, op, who, now(), [o for o, _ in changed],
                                 [n for _, n in changed if n is not None], note=note)


def record_event(db: sqlite_utils.Database, op: str, *, note: str, keys: Sequence[str] = (),
                 who: str | None = None, now: Callable[[], str] = utc_now) -> Change:
    """Record a change that cannot be undone (e.g. a re-alignment): what it did, and
    the keys of the units it concerned."""
    with transaction(db):
        at = now()
        cur = db.conn.execute(
            "INSERT INTO edit_history (at, who, op, keys, before, after, shift, undoable, note) "
            "VALUES (?, ?, ?, ?, '[]', '[]', NULL, 0, ?)",
            [at, who, op, json.dumps(list(keys), ensure_ascii=False), note])
        return Change(cur.lastrowid, op, at, who, undoable=False, note=note, keys=list(keys))


# --- a person's work, for re-alignment -------------------------------------------------

@dataclass
class PersonWork:
    """The units of a pair that a person edited or reviewed, and where their sentences are
    in the pair's stored documents (for :func:`tm.align.fixed.keep_units`)."""

    pair: str
    zh_path: str | None
    en_path: str | None
    zh_sentences: list[str]
    en_sentences: list[str]
    # (key, zh sentence indices, en sentence indices, zh start, en start), in document order;
    # the start of an empty side is the boundary the unit sits at
    units: list[tuple[str, tuple[int, ...], tuple[int, ...], int, int]] = field(default_factory=list)
    unplaced: dict[str, str] = field(default_factory=dict)   # orphans, units without sentence positions: why


def pair_documents(db: sqlite_utils.Database, pair: str) -> tuple[str | None, str | None] | None:
    """The paths of the Chinese and English documents a pair was aligned from (None: no such pair)."""
    row = db.conn.execute("SELECT zd.path, ed.path FROM pairs p LEFT JOIN documents zd ON zd.id = p.zh_doc "
                          "LEFT JOIN documents ed ON ed.id = p.en_doc WHERE p.name = ?", [pair]).fetchone()
    return None if row is None else (row[0], row[1])


def person_work(db: sqlite_utils.Database, pair: str) -> PersonWork | None:
    """A person's units of ``pair`` (None when the pair does not exist)."""
    conn = db.conn
    row = conn.execute("SELECT id, zh_doc, en_doc FROM pairs WHERE name = ?", [pair]).fetchone()
    if row is None:
        return None
    pair_id, zh_doc, en_doc = row
    docs = pair_documents(db, pair)
    texts = []
    for doc in (zh_doc, en_doc):
        texts.append([t for (t,) in conn.execute("SELECT text FROM segments WHERE doc = ? ORDER BY position",
                                                 [doc])] if doc is not None else [])
    work = PersonWork(pair, docs[0], docs[1], texts[0], texts[1])
    zi = ej = 0
    for key, zs, es, mine, orphaned in conn.execute(
            f"SELECT key, zh_segments, en_segments, {PERSON}, orphaned FROM units WHERE pair = ? "
            "ORDER BY orphaned IS NOT NULL, position, id", [pair_id]):
        if orphaned or zs is None or es is None:
            if mine or orphaned:
                work.unplaced[key] = ("an orphan since an earlier alignment" if orphaned
                                      else "it has no sentence positions in the documents")
            continue
        z, e = tuple(json.loads(zs)), tuple(json.loads(es))
        if mine:
            work.units.append((key, z, e, z[0] if z else zi, e[0] if e else ej))
        zi = max(zi, z[-1] + 1) if z else zi
        ej = max(ej, e[-1] + 1) if e else ej
    return work
