"""What the workbench reads from the memory, a page at a time (no web framework here).

Every function takes an open database and returns dataclasses; none loads a
whole memory: the alignment view reads one page of beads (``LIMIT``/``OFFSET``
on the ``(pair, position)`` index) and the sentences of just those beads.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import sqlite_utils

from tm.text.segment import segment_en, segment_zh

PAGE = 100          # beads per page of the alignment view
NO_PAIR = "-"       # the name the workbench gives units imported without a document pair


@dataclass(frozen=True)
class PairSummary:
    """One document pair (or the units without one) and what is left to review."""

    name: str
    units: int              # two-sided units
    unaligned: int          # units with an empty side
    low: int                # two-sided units below the confidence threshold, not reviewed
    reviewed: int
    changed: str | None = None


@dataclass
class BeadRow:
    """One bead of the alignment view: its sentences on each side and its state."""

    key: str
    position: int | None
    zh: str
    en: str
    zh_sentences: list[str]
    en_sentences: list[str]
    confidence: float | None
    status: str
    shape: str | None
    origin: str
    changed: str | None = None
    changed_by: str | None = None
    note: str | None = None
    version: str = ""           # what the page sends back with an action (see :func:`version`)

    @property
    def unaligned(self) -> bool:
        return not self.zh or not self.en

    @property
    def band(self) -> str:
        """The colour band of the confidence: ``none`` (unaligned), ``low``, ``mid``, ``ok``, ``high``."""
        if self.unaligned:
            return "none"
        c = 1.0 if self.confidence is None else self.confidence
        if c < 0.3:
            return "low"
        if c < 0.5:
            return "mid"
        if c < 0.75:
            return "ok"
        return "high"


@dataclass
class BeadPage:
    pair: str
    rows: list[BeadRow]
    offset: int
    limit: int
    total: int              # beads in the view (all, or those the filter keeps)
    low_only: bool = False
    below: float = 0.5
    pairs: list[str] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


def pair_summaries(db: sqlite_utils.Database, *, below: float = 0.5) -> list[PairSummary]:
    """Every document pair with its counts (one grouped query over the units)."""
    rows = db.conn.execute(
        # (counts as CASE, not sum() of a comparison: PostgreSQL's comparisons are booleans)
        "SELECT p.name, "
        " sum(CASE WHEN u.zh != '' AND u.en != '' THEN 1 ELSE 0 END), "
        " sum(CASE WHEN u.zh = '' OR u.en = '' THEN 1 ELSE 0 END), "
        " sum(CASE WHEN u.zh != '' AND u.en != '' AND u.status != 'reviewed' AND coalesce(u.confidence, 1) < ? "
        "     THEN 1 ELSE 0 END), "
        " sum(CASE WHEN u.status = 'reviewed' THEN 1 ELSE 0 END), max(u.changed) "
        "FROM units u LEFT JOIN pairs p ON p.id = u.pair GROUP BY u.pair, p.name ORDER BY p.name", [below])
    out = [PairSummary(name if name is not None else NO_PAIR, units or 0, unaligned or 0, low or 0,
                       reviewed or 0, changed)
           for name, units, unaligned, low, reviewed, changed in rows]
    known = {s.name for s in out}
    for (name,) in db.conn.execute("SELECT name FROM pairs ORDER BY name"):
        if name not in known:               # a pair whose units were all deleted
            out.append(PairSummary(name, 0, 0, 0, 0))
    return out


def pair_names(db: sqlite_utils.Database) -> list[str]:
    """The pairs' names (and :data:`NO_PAIR` when some unit has none), without counting units."""
    names = [n for (n,) in db.conn.execute("SELECT name FROM pairs ORDER BY name")]
    if db.conn.execute("SELECT 1 FROM units WHERE pair IS NULL LIMIT 1").fetchone():
        names.insert(0, NO_PAIR)
    return names


def _pair_filter(db, pair: str) -> tuple[str, list, tuple[int | None, int | None]]:
    """The ``WHERE`` clause selecting the pair's units, and its two document ids."""
    if pair == NO_PAIR:
        return "u.pair IS NULL", [], (None, None)
    row = db.conn.execute("SELECT id, zh_doc, en_doc FROM pairs WHERE name = ?", [pair]).fetchone()
    if row is None:
        raise KeyError(pair)
    return "u.pair = ?", [row[0]], (row[1], row[2])


def _low_clause(low_only: bool) -> str:
    return (" AND (u.zh = '' OR u.en = '' OR (u.status != 'reviewed' AND coalesce(u.confidence, 1) < ?))"
            if low_only else "")


def _order(low_only: bool) -> str:
    # "low-confidence first": unaligned sentences (no confidence) and the least sure beads on top
    return (" ORDER BY (CASE WHEN u.zh = '' OR u.en = '' THEN -1 ELSE coalesce(u.confidence, 1) END), "
            "u.position, u.id" if low_only else " ORDER BY u.position, u.id")


def bead_page(db: sqlite_utils.Database, pair: str, *, offset: int = 0, limit: int = PAGE,
              low_only: bool = False, below: float = 0.5) -> BeadPage:
    """One page of the pair's beads in document order (or, with ``low_only``, the
    unaligned and low-confidence ones, least confident first). ``KeyError`` if no such pair."""
    where, params, docs = _pair_filter(db, pair)
    where += _low_clause(low_only)
    if low_only:
        params = [*params, below]
    total = db.conn.execute(f"SELECT count(*) FROM units u WHERE {where}", params).fetchone()[0]
    offset = max(0, min(offset, max(0, (total - 1) // limit * limit)))
    rows = None
    if not low_only:
        # the page's first unit through the (pair, position) index alone (the rowid is in
        # it), then the page from there: an OFFSET over the rows themselves steps through
        # every unit before the page (11-15 ms at 40,000 units instead of 1.5)
        start = db.conn.execute(f"SELECT u.position, u.id FROM units u WHERE {where} ORDER BY u.position, u.id "
                                "LIMIT 1 OFFSET ?", [*params, offset]).fetchone()
        if start is not None and start[0] is not None:
            rows = db.conn.execute(
                f"SELECT {_BEAD_COLUMNS} FROM units u WHERE {where} AND u.position >= CAST(? AS NUMERIC) "
                "AND NOT (u.position = CAST(? AS NUMERIC) AND u.id < ?) ORDER BY u.position, u.id LIMIT ?",
                [*params, start[0], start[0], start[1], limit]).fetchall()
    if rows is None:                    # low confidence first, or units without positions
        rows = db.conn.execute(f"SELECT {_BEAD_COLUMNS} FROM units u WHERE {where}{_order(low_only)} "
                               "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return BeadPage(pair=pair, rows=_beads(db, docs, rows), offset=offset, limit=limit, total=total,
                    low_only=low_only, below=below)


_BEAD_COLUMNS = ("u.key, u.position, u.zh, u.en, u.zh_segments, u.en_segments, u.confidence, u.status, "
                 "u.shape, u.origin, u.changed, u.changed_by, u.note")


def version(zh: str, en: str, zh_segments, en_segments, status: str, changed, changed_by) -> str:
    """A unit's version as a page shows it: a digest of its texts, its sentences, its
    status and its change stamp (who and when). Any change of the unit gives another
    version, even two within one second (the stamp has seconds); a change of position
    alone (a split elsewhere in the pair moving it) does not. An undo puts the row back,
    and with it the version the page showed before."""
    raw = json.dumps([zh, en, zh_segments, en_segments, status, changed, changed_by], ensure_ascii=False)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class UnitState:
    """A unit as it is now, for a page whose view of it is stale."""
    key: str
    zh: str
    en: str
    version: str
    changed_by: str | None


def unit_states(db: sqlite_utils.Database, keys) -> dict[str, UnitState]:
    """The current state of the units ``keys`` that exist (one query)."""
    rows = db.conn.execute(
        "SELECT u.key, u.zh, u.en, u.zh_segments, u.en_segments, u.status, u.changed, u.changed_by "
        "FROM json_each(?) j JOIN units u ON u.key = j.value", [json.dumps(list(keys), ensure_ascii=False)])
    return {key: UnitState(key, zh, en, version(zh, en, zs, es, status, changed, by), by)
            for key, zh, en, zs, es, status, changed, by in rows}


def _beads(db, docs, rows) -> list[BeadRow]:
    zh_text = _sentences(db, docs[0], [r[4] for r in rows])
    en_text = _sentences(db, docs[1], [r[5] for r in rows])
    beads = []
    for (key, pos, zh, en, zs, es, conf, status, shape, origin, changed, by, note) in rows:
        beads.append(BeadRow(key=key, position=pos, zh=zh, en=en,
                             zh_sentences=_split(zh, zs, zh_text, ""),
                             en_sentences=_split(en, es, en_text, " "),
                             confidence=conf, status=status, shape=shape, origin=origin,
                             changed=changed, changed_by=by, note=note,
                             version=version(zh, en, zs, es, status, changed, by)))
    return beads


def bead(db: sqlite_utils.Database, pair: str, key: str) -> BeadRow | None:
    """One bead of the pair (after an edit that changed only that unit); ``None`` if it is not there."""
    where, params, docs = _pair_filter(db, pair)
    rows = db.conn.execute(f"SELECT {_BEAD_COLUMNS} FROM units u WHERE {where} AND u.key = ?",
                           [*params, key]).fetchall()
    return _beads(db, docs, rows)[0] if rows else None


def _sentences(db, doc: int | None, lists: list[str | None]) -> dict[int, str]:
    """The texts of the document's sentences that these beads name (one range query)."""
    if doc is None:
        return {}
    wanted = sorted({i for raw in lists if raw for i in json.loads(raw)})
    if not wanted:
        return {}
    return dict(db.conn.execute("SELECT position, text FROM segments WHERE doc = ? AND position BETWEEN ? AND ?",
                                [doc, wanted[0], wanted[-1]]))


def _split(text: str, raw: str | None, sentences: dict[int, str], sep: str) -> list[str]:
    """The bead's sentences: the document's while they still make up its text, else the
    sentences of its text (a unit whose text a person edited, or an imported one) — the
    same sentences :func:`tm.memory.edit.split_unit` and ``move_sentence`` count, so the
    split dialog's cut points are the library's."""
    if not text:
        return []
    if raw:
        parts = [sentences.get(i) for i in json.loads(raw)]
        if parts and None not in parts and sep.join(parts) == text:
            return parts
    return [s.text for s in (segment_zh(text) if sep == "" else segment_en(text))] or [text]


def locate(db: sqlite_utils.Database, pair: str, key: str, *, limit: int = PAGE, low_only: bool = False,
           below: float = 0.5) -> int | None:
    """The offset of the page of the view that shows unit ``key`` (``None`` if the view has no such unit)."""
    where, params, _ = _pair_filter(db, pair)
    row = db.conn.execute(f"SELECT u.id, u.position, u.zh, u.en, u.confidence FROM units u WHERE {where} "
                          "AND u.key = ?", [*params, key]).fetchone()
    if row is None:
        return None
    if not low_only:
        # two counts, each a range of the (pair, position) index (an OR of the two reads
        # every unit of the pair: 13-25 ms at 50,000 units instead of 3)
        before = db.conn.execute(
            f"SELECT (SELECT count(*) FROM units u WHERE {where} AND u.position < CAST(? AS NUMERIC)) + "
            f"(SELECT count(*) FROM units u WHERE {where} AND u.position = CAST(? AS NUMERIC) AND u.id < ?)",
            [*params, row[1], *params, row[1], row[0]]).fetchone()[0]
        return before // limit * limit
    ordered = db.conn.execute(f"SELECT u.key FROM units u WHERE {where}{_low_clause(True)}{_order(True)}",
                              [*params, below])
    for n, (k,) in enumerate(ordered):
        if k == key:
            return n // limit * limit
    return None


def pair_of(db: sqlite_utils.Database, key: str) -> str | None:
    """The pair (or :data:`NO_PAIR`) of unit ``key``; ``None`` if there is no such unit."""
    row = db.conn.execute("SELECT u.id, p.name FROM units u LEFT JOIN pairs p ON p.id = u.pair WHERE u.key = ?",
                          [key]).fetchone()
    if row is None:
        return None
    return row[1] if row[1] is not None else NO_PAIR


def keys_of(db: sqlite_utils.Database, ids: list[int]) -> dict[int, str]:
    """Unit ids to unit keys (``PAIR:NNNN``), for evidence that carries ids."""
    return dict(db.conn.execute("SELECT u.id, u.key FROM json_each(?) j JOIN units u ON u.id = j.value",
                                [json.dumps(list(ids))]))


def latest_change(db: sqlite_utils.Database, pair: str | None, *, ids: list[int] | None = None,
                  who: str | None = None) -> int | None:
    """The id of the latest change to undo among the units of ``pair`` (those it changed,
    before or after; :data:`NO_PAIR`: units without a pair; ``None``: any unit): not
    undone yet, undoable, and one of ``ids`` when given, recorded as ``who`` when given.
    By the units' pair, not by their keys: an imported unit of a pair keeps its own key.
    ``KeyError`` if there is no such pair."""
    where, params = ["h.undone IS NULL", "h.undoable != 0"], []
    if ids is not None:
        where.append("h.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(ids)))
    if who is not None:
        where.append("h.who = ?")
        params.append(who)
    sql = f"SELECT h.id, h.before, h.after FROM edit_history h WHERE {' AND '.join(where)} ORDER BY h.id DESC"
    if pair is None:
        found = db.conn.execute(sql + " LIMIT 1", params).fetchone()
        return found[0] if found else None
    pair_id = None
    if pair != NO_PAIR:
        row = db.conn.execute("SELECT id FROM pairs WHERE name = ?", [pair]).fetchone()
        if row is None:
            raise KeyError(pair)
        pair_id = row[0]
    # the units' pairs read here, newest change first, not in SQL: a JSON path is another
    # function, of another type, on each backend
    for change_id, before, after in db.conn.execute(sql, params):
        if any(u.get("pair") == pair_id for u in json.loads(before) + json.loads(after)):
            return change_id
    return None


def later_change(db: sqlite_utils.Database, change_id: int) -> tuple | None:
    """The first change after ``change_id``, not undone, that touched one of its units:
    ``(op, keys, later id, later op, later who, the unit both touched)``; ``None`` if none."""
    op, keys = db.conn.execute("SELECT op, keys FROM edit_history WHERE id = ?", [change_id]).fetchone()
    row = db.conn.execute(
        "SELECT h.id, h.op, h.who, a.value FROM edit_history h, json_each(h.keys) a "
        "WHERE h.id > ? AND h.undone IS NULL AND a.value IN (SELECT value FROM json_each(?)) "
        "ORDER BY h.id LIMIT 1", [change_id, keys]).fetchone()
    return None if row is None else (op, json.loads(keys), *row)
