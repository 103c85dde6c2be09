"""The term base: glossary entries in the same SQLite database as the memory.

Tables (schema owned by :data:`MIGRATIONS`, pinned by ``tests/test_termbase.py``):

``glossary_entry``
    one row per Chinese term (``zh`` is unique: duplicates are merged, never stored
    twice), with pinyin (tone marks), the lookup keys ``pinyin_key`` (toneless, no
    spaces: ``kangyang``) and ``initials`` (``ky``), kind, note, definition, source,
    status (candidate / approved / rejected), parts (JSON list), the extraction
    ``count`` and ``score``, and timestamps.
``glossary_rendering``
    approved and forbidden English renderings of an entry, with ``en_key``
    (lower-cased, spaces collapsed) for lookup and ``fold_key`` (:func:`collision_key`)
    for finding renderings shared across terms; ``glossary_rendering_fts`` (FTS5,
    trigram, kept by triggers) indexes ``en_key`` for fuzzy lookup.
``glossary_usage``
    the renderings the memory actually used, as stored by ``glossary extract``:
    rendering, count and the unit ids (JSON list); ``glossary_usage_fts`` as above.
``glossary_char``
    (character, entry id) pairs: which terms contain a character, for partial and
    fuzzy Chinese lookup without scanning every term.
``glossary_history``
    every change a person made to an entry: when, who, the operation, the term and its
    decisions before and after as JSON (:mod:`glossary.termbase.history`), and when and by
    whom it was undone.

Every public write function runs in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path


from tm import has_traditional, migrate, open_database, open_reader, simplified_key, utc_now
from tm import STORE_MIGRATIONS as TM_MIGRATIONS
from tm import transaction as store_transaction

from glossary.termbase.history import (Recorder, TermChange, batch_changes, decisions, get_change, latest_change,
                                       later_changes, mark_undone, record)
from glossary.termbase.keys import collision_key, en_key, pinyin_initials, pinyin_key, zh_key
from glossary.errors import GlossaryError, InputError, ToolError
from glossary.models import KINDS, STATUSES, Candidate, Entry, Rendering

Clock = Callable[[], str]


# --------------------------------------------------------------------------- schema

def _m001_tables(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE glossary_entry (
            id INTEGER PRIMARY KEY,
            zh TEXT NOT NULL UNIQUE,
            pinyin TEXT NOT NULL DEFAULT '',
            pinyin_key TEXT NOT NULL DEFAULT '',
            initials TEXT NOT NULL DEFAULT '',
            kind TEXT,
            note TEXT,
            definition TEXT,
            source TEXT,
            status TEXT NOT NULL DEFAULT 'candidate'
                CHECK (status IN ('candidate', 'approved', 'rejected')),
            parts TEXT NOT NULL DEFAULT '[]',
            count INTEGER NOT NULL DEFAULT 0,
            score REAL,
            created TEXT NOT NULL,
            changed TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE glossary_rendering (
            entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
            type TEXT NOT NULL CHECK (type IN ('approved', 'forbidden')),
            position INTEGER NOT NULL,
            en TEXT NOT NULL,
            en_key TEXT NOT NULL,
            PRIMARY KEY (entry_id, type, en)
        )""")
    db.execute("""
        CREATE TABLE glossary_usage (
            entry_id INTEGER NOT NULL REFERENCES glossary_entry(id) ON DELETE CASCADE,
            en TEXT NOT NULL,
            en_key TEXT NOT NULL,
            count INTEGER NOT NULL,
            units TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (entry_id, en)
        )""")
    db.execute("CREATE INDEX glossary_entry_pinyin_key ON glossary_entry (pinyin_key)")
    db.execute("CREATE INDEX glossary_entry_initials ON glossary_entry (initials)")
    db.execute("CREATE INDEX glossary_entry_status ON glossary_entry (status)")
    db.execute("CREATE INDEX glossary_rendering_en_key ON glossary_rendering (en_key)")
    db.execute("CREATE INDEX glossary_usage_en_key ON glossary_usage (en_key)")


def _m002_fold_keys(db: sqlite_utils.Database) -> None:
    for table in ("glossary_rendering", "glossary_usage"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN fold_key TEXT NOT NULL DEFAULT ''")
        rows = list(db.execute(f"SELECT rowid, en FROM {table}"))
        db.conn.executemany(f"UPDATE {table} SET fold_key = ? WHERE rowid = ?",
                            [(collision_key(en), rowid) for rowid, en in rows])
        db.execute(f"CREATE INDEX {table}_fold_key ON {table} (fold_key)")


def _m003_trigram_index(db: sqlite_utils.Database) -> None:
    """FTS5 trigram indexes over the English keys, kept by triggers, for fuzzy lookup."""
    for table in ("glossary_rendering", "glossary_usage"):
        db.execute(f"CREATE VIRTUAL TABLE {table}_fts USING fts5 (en_key, tokenize = 'trigram')")
        db.execute(f"INSERT INTO {table}_fts (rowid, en_key) SELECT rowid, en_key FROM {table}")
        db.execute(f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {table}_fts (rowid, en_key) VALUES (new.rowid, new.en_key); END")
        db.execute(f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM {table}_fts WHERE rowid = old.rowid; END")
        db.execute(f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF en_key ON {table} BEGIN "
                   f"UPDATE {table}_fts SET en_key = new.en_key WHERE rowid = old.rowid; END")


def _chars(zh: str) -> set[str]:
    """The term's characters, and those of its folded Simplified key (軟件 is found by 软)."""
    return set(zh) | set(simplified_key(zh_key(zh)))


def _index_chars(conn, entry_id: int, zh: str) -> None:
    conn.executemany("INSERT OR IGNORE INTO glossary_char (ch, entry_id) VALUES (?, ?)",
                     [(ch, entry_id) for ch in _chars(zh)])


def _m004_char_index(db: sqlite_utils.Database) -> None:
    """Which entries contain a character: for the partial and fuzzy Chinese lookups."""
    db.execute("CREATE TABLE glossary_char (ch TEXT NOT NULL, entry_id INTEGER NOT NULL "
               "REFERENCES glossary_entry(id) ON DELETE CASCADE, PRIMARY KEY (ch, entry_id)) "
               "WITHOUT ROWID")
    db.execute("CREATE INDEX glossary_char_entry ON glossary_char (entry_id)")
    for entry_id, zh in list(db.execute("SELECT id, zh FROM glossary_entry")):
        _index_chars(db.conn, entry_id, zh)


def _m005_ignored_findings(db: sqlite_utils.Database) -> None:
    """Findings a reviewer marked as not a problem (glossary.termbase.ignore)."""
    db.execute("CREATE TABLE glossary_ignored (id TEXT PRIMARY KEY, reason TEXT NOT NULL, "
               "summary TEXT NOT NULL DEFAULT '', created TEXT NOT NULL)")


def _m006_variant_chars(db: sqlite_utils.Database) -> None:
    """Index the Simplified key characters of the Traditional terms of older term bases."""
    for entry_id, zh in list(db.execute("SELECT id, zh FROM glossary_entry")):
        if has_traditional(zh):
            _index_chars(db.conn, entry_id, zh)


def _m007_folded_keys(db: sqlite_utils.Database) -> None:
    """Terms get a folded identity (``zh_key``) and the English keys are recomputed
    folded (:func:`tm.fold`). Entries that now share a key are kept as they are (nothing
    is merged behind the user's back); new input merges into the oldest of them."""
    db.execute("ALTER TABLE glossary_entry ADD COLUMN zh_key TEXT NOT NULL DEFAULT ''")
    rows = list(db.execute("SELECT id, zh FROM glossary_entry"))
    db.conn.executemany("UPDATE glossary_entry SET zh_key = ? WHERE id = ?",
                        [(zh_key(zh), id_) for id_, zh in rows])
    # not glossary_entry_zh_key: PostgreSQL gives that name to the index of UNIQUE (zh)
    db.execute("CREATE INDEX glossary_entry_folded ON glossary_entry (zh_key)")
    for id_, zh in rows:
        _index_chars(db.conn, id_, zh)
    for table in ("glossary_rendering", "glossary_usage"):
        rows = list(db.execute(f"SELECT rowid, en FROM {table}"))
        db.conn.executemany(f"UPDATE {table} SET en_key = ?, fold_key = ? WHERE rowid = ?",
                            [(en_key(en), collision_key(en), rowid) for rowid, en in rows])


def _m008_zh_lang(db: sqlite_utils.Database) -> None:
    """The tag of an entry's Chinese term as its file gave it (zh-TW, zh-Hant…; NULL: zh-CN),
    so that exports write it back."""
    db.execute("ALTER TABLE glossary_entry ADD COLUMN zh_lang TEXT")


def _m009_history(db: sqlite_utils.Database) -> None:
    """The history of a person's changes to entries (glossary.termbase.history)."""
    db.execute("CREATE TABLE glossary_history (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT, "
               "op TEXT NOT NULL, zh TEXT NOT NULL, zh_key TEXT NOT NULL, before TEXT, after TEXT, "
               "undone TEXT, undone_by TEXT)")
    db.execute("CREATE INDEX glossary_history_term ON glossary_history (zh_key)")


def _m010_letter_labels(db: sqlite_utils.Database) -> None:
    """A letter naming one of a series ("Party A") is no article: the collision keys of the
    renderings that hold one are recomputed (:func:`glossary.termbase.keys.letter_label`)."""
    for table in ("glossary_rendering", "glossary_usage"):
        rows = list(db.execute(f"SELECT rowid, en, fold_key FROM {table}"))
        db.conn.executemany(f"UPDATE {table} SET fold_key = ? WHERE rowid = ?",
                            [(key, rowid) for rowid, en, old in rows if (key := collision_key(en)) != old])


def _m011_history_batches(db: sqlite_utils.Database) -> None:
    """The write each change was made in (glossary.termbase.history.new_batch), so that a
    whole import can be undone at once; NULL for the changes recorded before."""
    db.execute("ALTER TABLE glossary_history ADD COLUMN batch TEXT")
    db.execute("CREATE INDEX glossary_history_batch ON glossary_history (batch)")


def _m012_entry_meta(db: sqlite_utils.Database) -> None:
    """What a file said of an entry that has no column of its own (JSON, :attr:`Entry.meta`:
    its id there, notes on its English terms, who made or changed it and when), kept so that
    an export writes it back."""
    db.execute("ALTER TABLE glossary_entry ADD COLUMN meta TEXT")


def _m013_state(db: sqlite_utils.Database) -> None:
    """What the term base's derived data was made from (``extracted``: the memory and the
    term base an extraction read, and its options), so ``glossary check`` can tell that its
    renderings are stale (:func:`extraction_state`)."""
    db.execute("CREATE TABLE glossary_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


MIGRATIONS = [("001_entries_renderings_usage", _m001_tables),
              ("002_fold_keys", _m002_fold_keys),
              ("003_trigram_index", _m003_trigram_index),
              ("004_char_index", _m004_char_index),
              ("005_ignored_findings", _m005_ignored_findings),
              ("006_variant_chars", _m006_variant_chars),
              ("007_folded_keys", _m007_folded_keys),
              ("008_zh_lang", _m008_zh_lang),
              ("009_history", _m009_history),
              ("010_letter_labels", _m010_letter_labels),
              ("011_history_batches", _m011_history_batches),
              ("012_entry_meta", _m012_entry_meta),
              ("013_state", _m013_state)]


def open_termbase(path_or_db: str | Path | sqlite_utils.Database, *,
                  create: bool = True) -> sqlite_utils.Database:
    """Open the database at a path (or take an open one) and apply the memory's and the
    glossary's migrations (the term base lives next to the memory it describes).
    ``create=False``: a missing database is an error, not a new empty one."""
    db = path_or_db if hasattr(path_or_db, "conn") \
        else open_database(path_or_db, create=create)
    migrate(db, "tm", TM_MIGRATIONS)
    migrate(db, "glossary", MIGRATIONS)
    return db


def open_termbase_reader(path: str | Path, *, create: bool = True):
    """:func:`open_termbase` for reading only (``glossary lookup``): a ``tm`` Reader (sqlite3
    alone: sqlite-utils, which imports numpy, is not imported) when both schemas are up to
    date, else :func:`open_termbase` (which creates or migrates)."""
    return open_reader(path, {"tm": [n for n, _ in TM_MIGRATIONS], "glossary": [n for n, _ in MIGRATIONS]}) \
        or open_termbase(path, create=create)


@contextmanager
def transaction(db: sqlite_utils.Database):
    """The memory's write transaction (``BEGIN IMMEDIATE``, "database is busy, retry"),
    yielding the connection."""
    with store_transaction(db):
        yield db.conn


# --------------------------------------------------------------------------- keys

def term_pinyin(zh: str) -> str:
    """Pinyin with tone marks for a term (glossary.pinyin when present, else pypinyin)."""
    try:
        from glossary.pinyin import term_pinyin as contextual
    except ImportError:
        contextual = None
    if contextual is not None:
        return contextual(zh)
    from pypinyin import Style, pinyin
    syllables = [s[0] for s in pinyin(zh, style=Style.TONE, errors=lambda chars: [c for c in chars])]
    return _join_syllables(syllables)


def _join_syllables(syllables: list[str]) -> str:
    out = ""
    for s in syllables:
        if out and (s[:1].isalnum() and out[-1:].isalnum()):
            out += " "
        out += s
    return out


# --------------------------------------------------------------------------- reading

_ENTRY_COLUMNS = ("id", "zh", "pinyin", "kind", "note", "definition", "source", "status", "parts",
                  "created", "changed", "zh_lang", "meta")
_READ = (f"SELECT {', '.join('e.' + c for c in _ENTRY_COLUMNS)}, e.zh_key, r.type, r.en FROM glossary_entry e "
         "LEFT JOIN glossary_rendering r ON r.entry_id = e.id")


def _read(db: sqlite_utils.Database, where: str, params, order: str = "e.id") -> Iterator[tuple[str, Entry]]:
    """``(zh_key, entry)`` of the entries ``where`` (over ``e``, glossary_entry) selects, in
    ``order``, their renderings read in the same query: one statement however many entries (a
    query an entry for its renderings was a round trip an entry on a server)."""
    last = None
    for *row, key, type_, en in db.execute(f"{_READ} {where} ORDER BY {order}, e.id, r.type, r.position", params):
        if last is None or row[0] != last.id:
            if last is not None:
                yield last_key, last
            (id_, zh, py, kind, note, definition, source, status, parts, created, changed, zh_lang, meta) = row
            last_key, last = key, Entry(zh=zh, pinyin=py, kind=kind, note=note, definition=definition,
                                        source=source, status=status, parts=json.loads(parts), id=id_,
                                        created=created, changed=changed, zh_lang=zh_lang,
                                        meta=json.loads(meta) if meta else {})
        if type_ is not None:
            (last.approved if type_ == "approved" else last.forbidden).append(en)
    if last is not None:
        yield last_key, last


def _pick(same: list[Entry], zh: str) -> Entry | None:
    """The entry of term ``zh`` among the entries of its folded key: the one written as ``zh``,
    else the oldest (entries that came to share a key when keys were folded stay apart, and
    new input merges into the oldest: migration 007)."""
    return next((e for e in same if e.zh == zh), None) or min(
        same, key=lambda e: (e.id is None, e.id or 0), default=None)


def _by_key(db: sqlite_utils.Database, keys: Iterable[str]) -> dict[str, list[Entry]]:
    """The stored entries of the folded keys ``keys``, by key, in one query."""
    out: dict[str, list[Entry]] = {}
    for key, entry in _read(db, "WHERE e.zh_key IN (SELECT value FROM json_each(?))",
                            [json.dumps(sorted(set(keys)), ensure_ascii=False)]):
        out.setdefault(key, []).append(entry)
    return out


def entries(db: sqlite_utils.Database, *, status: str | None = None) -> Iterator[Entry]:
    """Every entry (or those with ``status``), in ``zh`` order."""
    where, params = ("WHERE e.status = ?", [status]) if status else ("", [])
    return (entry for _, entry in list(_read(db, where, params, order="e.zh")))


def terms(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """``(zh, status)`` of every entry, in ``zh`` order (no renderings read)."""
    return [(zh, status) for zh, status in db.execute("SELECT zh, status FROM glossary_entry ORDER BY zh")]


def terms_state(db: sqlite_utils.Database) -> str:
    """A digest of :func:`terms`: what extraction reads of the term base (the approved terms
    it keeps whole, the others' writing), which a person's add, approve, reject, delete or
    import changes."""
    import hashlib
    h = hashlib.sha1()
    for zh, status in terms(db):
        h.update(f"{zh}\t{status}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def record_extraction(db: sqlite_utils.Database, state: dict) -> None:
    """Note what an extraction read (:func:`extraction_state` gives it back)."""
    with transaction(db) as conn:
        conn.execute("INSERT INTO glossary_state (key, value) VALUES ('extracted', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [json.dumps(state, ensure_ascii=False)])


def extraction_state(db: sqlite_utils.Database) -> dict | None:
    """What the last extraction read, as :func:`record_extraction` noted it (None: none noted:
    no extraction, or one made before session 30)."""
    row = db.execute("SELECT value FROM glossary_state WHERE key = 'extracted'").fetchone()
    return json.loads(row[0]) if row else None


def get_entry(db: sqlite_utils.Database, zh: str) -> Entry | None:
    """The entry for ``zh``, or None."""
    return _pick([entry for _, entry in _read(db, "WHERE e.zh_key = ?", [zh_key(zh)])], zh)


def get_entries(db: sqlite_utils.Database, terms: Iterable[str]) -> dict[str, Entry | None]:
    """:func:`get_entry` of each term of ``terms``, by term, in a query a :data:`BATCH` of them."""
    out: dict[str, Entry | None] = {}
    for batch in _batches(terms, BATCH):
        met = _by_key(db, map(zh_key, batch))
        out.update((zh, _pick(met.get(zh_key(zh), []), zh)) for zh in batch)
    return out


def entries_by_id(db: sqlite_utils.Database, ids: Iterable[int]) -> list[Entry]:
    """Entries for the given ids, in the order given (missing ids skipped)."""
    ids = list(ids)
    found = {entry.id: entry for _, entry in _read(db, "WHERE e.id IN (SELECT value FROM json_each(?))",
                                                   [json.dumps(ids)])}
    return [found[id_] for id_ in ids if id_ in found]


def usage(db: sqlite_utils.Database, zh: str) -> list[Rendering]:
    """The renderings the memory used for ``zh`` (most used first), as stored by extract."""
    entry = get_entry(db, zh)
    return [] if entry is None else usages(db, [entry.id]).get(entry.id, [])


def usages(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, list[Rendering]]:
    """:func:`usage` of the entries of ``ids``, by id, in one query (an export's candidates)."""
    out: dict[int, list[Rendering]] = {}
    for entry_id, en, count, units in db.execute(
            "SELECT entry_id, en, count, units FROM glossary_usage WHERE entry_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY entry_id, count DESC, en", [json.dumps(list(ids))]):
        out.setdefault(entry_id, []).append(Rendering(en=en, count=count, units=json.loads(units)))
    return out


def all_usage(db: sqlite_utils.Database) -> dict[str, list[Rendering]]:
    """``{zh: [Rendering, …]}`` for every entry with stored usage."""
    out: dict[str, list[Rendering]] = {}
    for zh, en, count, units in db.execute(
            "SELECT e.zh, u.en, u.count, u.units FROM glossary_usage u JOIN glossary_entry e "
            "ON e.id = u.entry_id ORDER BY e.zh, u.count DESC, u.en"):
        out.setdefault(zh, []).append(Rendering(en=en, count=count, units=json.loads(units)))
    return out


def count_entries(db: sqlite_utils.Database, *, status: str | None = None) -> int:
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    return db.execute(f"SELECT count(*) FROM glossary_entry {where}", params).fetchone()[0]


# --------------------------------------------------------------------------- writing

@dataclass
class WriteResult:
    """What a bulk write did."""

    added: int = 0
    merged: int = 0
    entries: list[Entry] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)   # field -> entries whose stored value stood


def _check_entry(entry: Entry) -> Entry:
    zh = entry.zh.strip() if entry.zh else ""
    if not zh:
        raise GlossaryError("empty Chinese term")
    if entry.status not in STATUSES:
        raise GlossaryError(f"{zh}: unknown status {entry.status!r} "
                            f"(expected one of: {', '.join(STATUSES)})")
    if entry.kind is not None and entry.kind not in KINDS:
        raise GlossaryError(f"{zh}: unknown kind {entry.kind!r} "
                            f"(expected one of: {', '.join(KINDS)})")
    approved = _dedupe(entry.approved)
    forbidden = [f for f in _dedupe(entry.forbidden) if en_key(f) not in {en_key(a) for a in approved}]
    return replace(entry, zh=zh, approved=approved, forbidden=forbidden)


def _dedupe(values: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for v in values:
        v = " ".join(v.split())
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


_KEPT_FIELDS = ("kind", "note", "definition", "source")

#: the entries a bulk write reads (in one query) and writes (a statement a kind of write) at a time
BATCH = 1000


def _merged(old: Entry | None, entry: Entry, now: str, *, replace_renderings: bool,
            kept: dict[str, int] | None = None, as_given: bool = False) -> Entry:
    """The checked ``entry`` merged into ``old`` (the stored entry of its term; None: none),
    as it is to be stored (a new entry has no id yet).
    ``kept``: a decided entry's (approved, rejected: a person's) stored kind, note,
    definition or source that the entry would replace with another stays, and is counted
    there by field (an import, which must not lose a person's edit unseen; a candidate's are
    the extraction's guesses); without it the entry's value wins where it has one.
    ``as_given``: the entry's kind, note, definition, source and parts replace the stored
    ones, empty ones too (an edit that clears a note)."""
    py = entry.pinyin or (old.pinyin if old else "") or term_pinyin(entry.zh)
    if old is None:
        return Entry(zh=entry.zh, pinyin=py, approved=list(entry.approved), forbidden=list(entry.forbidden),
                     kind=entry.kind, note=entry.note, definition=entry.definition, source=entry.source,
                     status=entry.status, parts=list(entry.parts), created=now, changed=now,
                     zh_lang=entry.zh_lang, meta=dict(entry.meta))
    # an incoming "candidate" (the default) never demotes a decided entry
    status = old.status if entry.status == "candidate" and not replace_renderings else entry.status
    if replace_renderings:
        approved, forbidden = entry.approved, entry.forbidden
    else:
        approved = _dedupe(old.approved + entry.approved)
        forbidden = _dedupe(old.forbidden + entry.forbidden)
    approved_keys = {en_key(a) for a in entry.approved}
    forbidden = [f for f in forbidden if en_key(f) not in approved_keys]
    approved = [a for a in approved if en_key(a) not in {en_key(f) for f in entry.forbidden}]
    values = {}
    for name in _KEPT_FIELDS:
        mine, theirs = getattr(entry, name), getattr(old, name)
        if kept is not None and old.status != "candidate" and mine and theirs and mine != theirs:
            kept[name] = kept.get(name, 0) + 1
            mine = None
        values[name] = (mine or None) if as_given else (mine or theirs)
    return Entry(zh=old.zh, pinyin=py, approved=approved, forbidden=forbidden, status=status,
                 parts=list(entry.parts if as_given else entry.parts or old.parts), id=old.id,
                 created=old.created, changed=now, zh_lang=entry.zh_lang or old.zh_lang,
                 meta=_merged_meta(old.meta, entry.meta), **values)


def _merged_meta(old: dict, new: dict) -> dict:
    """What the files said of an entry, the later file's word winning; a map by English term
    (``en_notes``, ``en_langs``) merged term by term, so a file adding a rendering does not
    drop what an earlier one said of the others."""
    merged = {**old, **new}
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            merged[key] = {**old[key], **value}
    return merged


def _meta_json(meta: dict) -> str | None:
    return json.dumps(meta, ensure_ascii=False, sort_keys=True) if meta else None


def _store(conn, stored: list[Entry]) -> None:
    """Write entries as :func:`_merged` made them, a statement a kind of write however many
    there are (``executemany``: on a server one ``COPY`` or one pipeline, not a round trip a
    row): those without an id are inserted (and get their ids, read back in one query), the
    others updated; the renderings of all are replaced."""
    new, old = [e for e in stored if e.id is None], [e for e in stored if e.id is not None]
    if new:
        conn.executemany(
            "INSERT INTO glossary_entry (zh, zh_key, pinyin, pinyin_key, initials, kind, note, definition, "
            "source, status, parts, created, changed, zh_lang, meta) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(e.zh, zh_key(e.zh), e.pinyin, pinyin_key(e.pinyin), pinyin_initials(e.pinyin), e.kind, e.note,
              e.definition, e.source, e.status, json.dumps(e.parts, ensure_ascii=False), e.created, e.changed,
              e.zh_lang, _meta_json(e.meta)) for e in new])
        ids = dict(conn.execute("SELECT zh, id FROM glossary_entry WHERE zh IN (SELECT value FROM json_each(?))",
                                [json.dumps([e.zh for e in new], ensure_ascii=False)]))
        for e in new:
            e.id = ids[e.zh]
        # (rows of a former entry of the id, left where foreign keys were off, go first: the
        # rows are then written without a look-up each, by one COPY on a server)
        conn.execute("DELETE FROM glossary_char WHERE entry_id IN (SELECT value FROM json_each(?))",
                     [json.dumps([e.id for e in new])])
        conn.executemany("INSERT INTO glossary_char (ch, entry_id) VALUES (?, ?)",
                         [(ch, e.id) for e in new for ch in sorted(_chars(e.zh))])
    if old:
        conn.executemany(
            "UPDATE glossary_entry SET pinyin = ?, pinyin_key = ?, initials = ?, kind = ?, note = ?, "
            "definition = ?, source = ?, status = ?, parts = ?, changed = ?, zh_lang = ?, meta = ? WHERE id = ?",
            [(e.pinyin, pinyin_key(e.pinyin), pinyin_initials(e.pinyin), e.kind, e.note, e.definition, e.source,
              e.status, json.dumps(e.parts, ensure_ascii=False), e.changed, e.zh_lang, _meta_json(e.meta), e.id)
             for e in old])
        conn.execute("DELETE FROM glossary_rendering WHERE entry_id IN (SELECT value FROM json_each(?))",
                     [json.dumps([e.id for e in old])])
    rows = [(e.id, type_, i, en, en_key(en), collision_key(en))
            for e in stored for type_, values in (("approved", e.approved), ("forbidden", e.forbidden))
            for i, en in enumerate(values)]
    if rows:
        conn.executemany("INSERT INTO glossary_rendering (entry_id, type, position, en, en_key, fold_key) "
                         "VALUES (?, ?, ?, ?, ?, ?)", rows)


def _merge_batch(db, conn, batch: list[Entry], now: str, recorder: Recorder, *, replace_renderings: bool,
                 kept: dict[str, int] | None = None, as_given: bool = False,
                 met: dict[str, list[Entry]] | None = None, final: bool = False) -> list[tuple[Entry, bool]]:
    """Merge the checked entries of ``batch`` into the term base, in order (an entry of a
    term met earlier in the batch merges into what the earlier one left), as :func:`_merged`
    does, and write them (:func:`_store`) and their changes (``recorder``). The stored
    entries are read in one query (``met``: read already, by folded key), inside the caller's
    write transaction. Returns each entry as stored after it, and whether it was new."""
    met = _by_key(db, (zh_key(e.zh) for e in batch)) if met is None else met
    out, last = [], {}
    for entry in batch:
        same = met.setdefault(zh_key(entry.zh), [])
        old = _pick(same, entry.zh)
        stored = _merged(old, entry, now, replace_renderings=replace_renderings, kept=kept, as_given=as_given)
        if old is None:
            same.append(stored)
        else:
            same[next(i for i, e in enumerate(same) if e is old)] = stored
        last[stored.zh] = stored
        recorder.met(stored.zh, old, stored)
        out.append((stored, old is None))
    _store(conn, list(last.values()))
    recorder.write(conn, final=final)
    for stored, _ in out:               # an earlier state of an entry added by the batch
        stored.id = last[stored.zh].id
    return out


def _merge_all(db, conn, new: Iterable[Entry], now: str, *, replace_renderings: bool, op: str,
               who: str | None = None, as_given: bool = False) -> list[Entry]:
    """Write the entries of ``new`` (:func:`_merged`), :data:`BATCH` at a time, and record
    each entry's change as ``op`` by ``who`` (:mod:`glossary.termbase.history`); returns them
    as stored."""
    recorder, out = Recorder(op, who=who, at=now), []
    for batch in _batches(new, BATCH):
        out += [stored for stored, _ in _merge_batch(db, conn, [_check_entry(e) for e in batch], now, recorder,
                                                     replace_renderings=replace_renderings, as_given=as_given,
                                                     final=len(batch) < BATCH)]
    return out


def restore_entries(conn, restores: Iterable[tuple[str, dict | None, Entry | None]], now: str) -> None:
    """Make each term ``zh``'s entry hold exactly the decisions ``decided``
    (:func:`glossary.termbase.history.decisions`; None: no entry), ``current`` being the
    entry as stored (None: none), for ``(zh, decided, current)`` of ``restores`` (a term once).
    For undo: no merging, every field as given. The entries to remove go in one statement,
    the others are written by :func:`_store`: a statement a kind of write however many
    entries (a statement or three an entry were as many round trips on a server). The
    removals go first; one that comes after an entry put back waits for the next statement:
    SQLite gives a new entry the highest id plus one, and an id a removal freed would go to
    an entry put back before it. The ids are those of the writes done one by one, in order."""
    gone: list[int] = []
    kept: list[Entry] = []
    any_new = False         # an entry of kept is put back (has no id yet)

    def flush():
        if gone:
            conn.execute("DELETE FROM glossary_entry WHERE id IN (SELECT value FROM json_each(?))",
                         [json.dumps(gone)])
        if kept:
            _store(conn, kept)
        gone.clear()
        kept.clear()

    for zh, decided, current in restores:
        if decided is None:
            if current is not None:
                if any_new:
                    flush()
                    any_new = False
                gone.append(current.id)
            continue
        any_new = any_new or current is None
        kept.append(Entry(zh=zh if current is None else current.zh, pinyin=decided["pinyin"] or term_pinyin(zh),
                          approved=decided["approved"], forbidden=decided["forbidden"], kind=decided["kind"],
                          note=decided["note"], definition=decided["definition"], source=decided["source"],
                          status=decided["status"], parts=decided["parts"], id=current and current.id,
                          created=now if current is None else current.created, changed=now,
                          zh_lang=decided["zh_lang"],
                          meta={**(current.meta if current is not None else {}), **decided.get("meta", {})}))
    flush()


def merge_entries(db: sqlite_utils.Database, new: Iterable[Entry], *,
                  clock: Clock = utc_now, keep: bool = True, overwrite: bool = False,
                  who: str | None = None, op: str = "import") -> WriteResult:
    """Add entries, merging any whose ``zh`` already exists (one transaction, rolled
    back if ``new`` raises). ``keep=False``: the result counts them without holding them
    (``result.entries`` empty), for a file of any size: the entries are read, merged and
    written :data:`BATCH` at a time, each batch's stored entries read in one query, inside
    the transaction.

    Merging keeps the union of approved and forbidden renderings, takes the incoming status
    unless it is ``candidate`` (which never demotes an approved or rejected entry), and
    fills kind/note/definition/source/parts where the stored entry has none; a decided
    entry's stored kind, note, definition or source that differs from the incoming one
    stays, counted in ``result.kept`` by field (``overwrite``: the incoming one replaces it).

    It never overturns a decision the term base held before the call: an incoming entry
    that approves a rendering the stored entry forbids, forbids a rendering of an approved
    entry, rejects an approved entry or approves a rejected one is refused. Every such
    entry is found, then :class:`InputError` names the first (its file and line, as the
    reader found it: :attr:`Entry.origin`) and the others' lines, and nothing is written.
    Within the incoming entries the later one wins, as before (a file that approves a
    rendering in one row and forbids it in another overturns no decision of the term base).
    ``overwrite=True`` lets the incoming entries win over the stored decisions too: a
    rendering newly marked forbidden stops being approved and vice versa (``glossary add``,
    a person's own command). Each entry changed is recorded in the history as ``op`` by
    ``who``: one change an entry, however many rows of ``new`` are its term."""
    result = WriteResult()
    now = clock()
    decided: dict[str, tuple] = {}      # the stored entries met (by zh), as they were before the call
    added: set[str] = set()             # entries this call created: nothing to overturn
    refused: list[tuple] = []           # (origin, zh, what it would overturn)
    recorder = Recorder(op, who=who, at=now)
    with transaction(db) as conn:
        for batch in _batches(new, BATCH):
            checked = [(entry.origin, _check_entry(entry)) for entry in batch]
            met = _by_key(db, (zh_key(e.zh) for _, e in checked))
            merging = []
            for origin, entry in checked:
                # what the entry would overturn depends on the term base before the call alone
                old = _pick(met.get(zh_key(entry.zh), []), entry.zh)
                if old is not None and not overwrite and old.zh not in added:
                    clash = _overturned(decided.setdefault(old.zh, _decisions(old)), entry)
                    if clash:
                        refused.append((origin, entry.zh, clash))
                if not refused:         # from the first on, the rest is only checked: all of it is rolled back
                    merging.append(entry)
            if not merging:
                continue
            for stored, was_added in _merge_batch(db, conn, merging, now, recorder, replace_renderings=False,
                                                  kept=None if overwrite else result.kept, met=met):
                if was_added:
                    added.add(stored.zh)
                result.added += was_added
                result.merged += not was_added
                if keep:
                    result.entries.append(stored)
        if refused:
            raise _overturn_error(refused)
    return result


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _decisions(entry: Entry) -> tuple[str, set[str], set[str]]:
    """What a person decided about a stored entry: its status, the renderings approved (of an
    approved entry; a candidate's are proposals) and forbidden, as keys."""
    approved = {en_key(a) for a in entry.approved} if entry.status == "approved" else set()
    return entry.status, approved, {en_key(f) for f in entry.forbidden}


def _overturned(decided: tuple[str, set[str], set[str]], entry: Entry) -> str:
    """What merging ``entry`` would overturn of the stored ``decided`` ('' when nothing)."""
    status, approved, forbidden = decided
    clash = []
    if status in ("approved", "rejected") and entry.status not in ("candidate", status):
        clash.append(f"the file {'rejects' if entry.status == 'rejected' else 'approves'} the term, "
                     f"which the term base {'approves' if status == 'approved' else 'rejects'}")
    clash += [f'the file approves "{a}", which the term base forbids'
              for a in entry.approved if en_key(a) in forbidden]
    clash += [f'the file forbids "{f}", which the term base approves'
              for f in entry.forbidden if en_key(f) in approved]
    return "; ".join(clash)


def _overturn_error(refused: list[tuple]) -> ToolError:
    """One line for the entries :func:`merge_entries` refused: the first, then the others'
    lines (their terms, for entries read from no file)."""
    (origin, zh, clash), rest = refused[0], refused[1:]
    more = ""
    if rest:
        lines = [o[1] for o, _, _ in rest if o and o[1] is not None]
        named = [str(n) for n in lines] if len(lines) == len(rest) else [z for _, z, _ in rest]
        shown = ", ".join(named[:10]) + (", …" if len(named) > 10 else "")
        noun = ("row" if origin else "entry") if len(rest) == 1 else ("rows" if origin else "entries")
        more = (f" ({len(rest)} more {noun} at odds with a decision of "
                f"the term base: {('line ' if len(rest) == 1 else 'lines ') if len(lines) == len(rest) else ''}"
                f"{shown})")
    fix = "change those rows, or the entries" if rest else "change the row, or the entry"
    message = (f"{zh}: {clash}{more}; nothing imported: {fix} first with glossary edit, approve or "
               f"reject, or let the file win with --overwrite")
    if origin:
        return InputError(message, path=origin[0], line=origin[1])
    return GlossaryError(message)


def add_entry(db: sqlite_utils.Database, entry: Entry, *, clock: Clock = utc_now,
              who: str | None = None) -> Entry:
    """Add (or merge into) one entry; returns it as stored.

    An entry this would leave approved with no rendering at all, approved or forbidden, is
    refused: a new term given none (a file's row with neither is skipped by ``glossary
    import``), or an existing one approved with none (as :func:`set_status` refuses). A term
    with forbidden renderings only is an entry (a rendering never to use); a candidate may
    wait for its rendering, as extraction's do."""
    entry = _check_entry(entry)
    with transaction(db):
        old = get_entry(db, entry.zh) if not entry.approved and not entry.forbidden else None
        if not entry.approved and not entry.forbidden and (old is None or (
                not old.approved and not old.forbidden)):
            status = old.status if old is not None and entry.status == "candidate" else entry.status
            if status == "approved":
                raise GlossaryError(
                    f"{entry.zh}: a new term needs a rendering; give one with --en (or a rendering "
                    f"never to use with --forbidden)" if old is None else
                    f"{entry.zh}: no rendering to approve; give one with --en")
        return merge_entries(db, [entry], clock=clock, overwrite=True, who=who, op="add").entries[0]


def _require(db, zh: str) -> Entry:
    entry = get_entry(db, zh)
    if entry is None:
        raise GlossaryError(f"{zh}: no such term in the term base")
    return entry


def set_status(db: sqlite_utils.Database, zh: str, status: str, *, en: Iterable[str] = (),
               clock: Clock = utc_now, who: str | None = None) -> Entry:
    """Approve or reject ``zh``; ``en`` adds approved renderings.

    Approving an entry that has no approved rendering takes the rendering the memory
    used most that is not forbidden; with none, it is an error (an approved term needs an
    English side). The entry is read inside the write transaction, so that what another
    writer changed just before is kept, not replaced by an older reading.
    """
    with transaction(db) as conn:
        old = _require(db, zh)
        new = replace(old, status=status, approved=list(old.approved) + list(en))
        if status == "approved" and not new.approved:
            taken = rendering_to_approve(db, old)
            if taken is None:
                raise GlossaryError(f"{zh}: no rendering to approve{' but forbidden ones' if old.forbidden else ''}; "
                                    f"give one with --en")
            new.approved = [taken]
        stored, = _merge_all(db, conn, [new], clock(), replace_renderings=True,
                             op="approve" if status == "approved" else "reject", who=who)
    return stored


def rendering_to_approve(db: sqlite_utils.Database, entry: Entry) -> str | None:
    """The rendering approving ``entry`` takes when it has no approved one: the memory's
    most used that is not forbidden (never one a person forbade); None when there is none."""
    forbidden = {en_key(f) for f in entry.forbidden}
    return next((u.en for u in usage(db, entry.zh) if en_key(u.en) not in forbidden), None)


def edit_entry(db: sqlite_utils.Database, zh: str, *, en: list[str] | None = None,
               forbidden: list[str] | None = None, kind: str | None = None,
               note: str | None = None, definition: str | None = None,
               source: str | None = None, pinyin: str | None = None,
               parts: list[str] | None = None, status: str | None = None,
               clock: Clock = utc_now, who: str | None = None, op: str = "edit") -> Entry:
    """Change fields of an existing entry. List options replace the stored list (an empty
    one clears it); an empty kind, note, definition or source clears it.

    An edit that would leave the entry approved with no rendering at all, approved or
    forbidden (``en=[]`` on an approved entry with none forbidden, or ``status="approved"``
    on a candidate with none), is refused, as :func:`add_entry` refuses one: a candidate may
    wait for its rendering, an approved term may not. ``op``: the change as the history
    records it (``approve``: the workbench's approval with a chosen rendering)."""
    with transaction(db) as conn:     # read inside: another writer's change just before is kept
        old = _require(db, zh)
        new = replace(
            old,
            approved=list(en) if en is not None else old.approved,
            forbidden=list(forbidden) if forbidden is not None else old.forbidden,
            kind=(kind or None) if kind is not None else old.kind,
            note=note if note is not None else old.note,
            definition=definition if definition is not None else old.definition,
            source=source if source is not None else old.source,
            pinyin=pinyin if pinyin is not None else old.pinyin,
            parts=list(parts) if parts is not None else old.parts,
            status=status if status is not None else old.status,
        )
        checked = _check_entry(new)
        if checked.status == "approved" and not checked.approved and not checked.forbidden:
            raise GlossaryError(f"{old.zh}: an approved entry needs a rendering; give one with --en (or "
                                f"a rendering never to use with --forbidden), or make it a candidate "
                                f"with --status candidate")
        stored, = _merge_all(db, conn, [new], clock(), replace_renderings=True, op=op, who=who,
                             as_given=True)
    return stored


def store_candidates(db: sqlite_utils.Database, candidates: Iterable[Candidate], *,
                     clock: Clock = utc_now) -> WriteResult:
    """Store extraction results (one transaction).

    New terms become ``candidate`` entries; existing entries keep their status and
    renderings. The memory's renderings (usage) of every stored term are replaced by
    this run's, so re-running extract is idempotent. Extraction is not a person's change:
    nothing is recorded in the history.

    The candidates are stored :data:`BATCH` at a time, with a statement a kind of write
    (:func:`_store_candidates`): a statement or four a candidate were as many round trips
    on a server.
    """
    result = WriteResult()
    now = clock()
    with transaction(db) as conn:
        conn.execute("DELETE FROM glossary_usage")
        conn.execute("UPDATE glossary_entry SET count = 0, score = NULL")
        for batch in _batches(candidates, BATCH):
            _store_candidates(db, conn, batch, now, result)
    return result


def _store_candidates(db, conn, batch: list[Candidate], now: str, result: WriteResult) -> None:
    """Store a batch of candidates, in order, as storing them one by one did: a term's entry
    (:func:`_pick`; one an earlier candidate of the call added, too) takes its count and
    score, a term without one becomes a new candidate entry (:func:`_store`: inserted in
    one statement, its ids read back in one query, its characters indexed in one), and its
    usage is the candidate's renderings. The stored entries are read in one query."""
    batch = [(zh, cand) for cand in batch if (zh := cand.zh.strip())]
    if not batch:
        return
    met = _by_key(db, (zh_key(zh) for zh, _ in batch))
    new, stored = [], []
    for zh, cand in batch:
        same = met.setdefault(zh_key(zh), [])
        entry = _pick(same, zh)
        if entry is None:
            entry = Entry(zh=zh, pinyin=cand.pinyin or term_pinyin(zh), kind=cand.kind, status="candidate",
                          parts=list(cand.parts), created=now, changed=now)
            same.append(entry)
            new.append(entry)
            result.added += 1
        else:
            result.merged += 1
        stored.append((entry, cand))
    _store(conn, new)
    conn.executemany("UPDATE glossary_entry SET count = ?, score = ? WHERE id = ?",
                     [(cand.count, cand.score, entry.id) for entry, cand in stored])
    used = [(entry.id, r.en, en_key(r.en), collision_key(r.en), r.count, json.dumps(r.units))
            for entry, cand in stored for r in _used(cand)]
    if used:
        conn.executemany("INSERT INTO glossary_usage (entry_id, en, en_key, fold_key, count, units) "
                         "VALUES (?, ?, ?, ?, ?, ?)", used)


def _used(cand: Candidate) -> list[Rendering]:
    """A candidate's renderings as its usage stores them: spaces collapsed, empty ones left
    out, the counts and unit ids of one written twice summed and joined."""
    merged: dict[str, Rendering] = {}
    for r in cand.renderings:
        en = " ".join(r.en.split())
        if not en:
            continue
        got = merged.setdefault(en, Rendering(en=en))
        got.count += r.count
        got.units = sorted(set(got.units) | set(r.units))
    return list(merged.values())


def delete_entry(db: sqlite_utils.Database, zh: str, *, clock: Clock = utc_now,
                 who: str | None = None) -> None:
    """Remove an entry and its renderings (recorded: undo puts its decisions back)."""
    delete_entries(db, [zh], clock=clock, who=who)


def delete_entries(db: sqlite_utils.Database, terms: list[str], *, clock: Clock = utc_now,
                   who: str | None = None) -> list[Entry]:
    """Remove the entries of ``terms`` in one transaction, each recorded as a change
    (undo puts its decisions back); a term not in the term base is an error and nothing is
    removed. Returns the entries as they were.

    The entries are read inside the write transaction: what the history records (and undo
    puts back) is each entry as it was deleted, not as it was before another writer's
    change that came in between."""
    now = clock()
    with transaction(db) as conn:
        gone = {e.id: e for e in (_require(db, zh) for zh in terms)}
        conn.execute("DELETE FROM glossary_entry WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(list(gone))])
        record(conn, [("delete", e.zh, _with_meta(decisions(e), e), None) for e in gone.values()], who=who, at=now)
    return list(gone.values())


def _with_meta(decided: dict, entry: Entry) -> dict:
    """A deleted entry's decisions with what else a file gave it (``meta``: a TBX entry's id,
    its who-and-when, notes on its English terms), which undo puts back with them: none of it
    is a decision a later change could have made, but a deletion undone must not lose it."""
    return {**decided, "meta": entry.meta} if entry.meta else decided


def undo(db: sqlite_utils.Database, change_id: int | None = None, *, who: str | None = None,
         clock: Clock = utc_now, mine: str | None = None) -> TermChange:
    """Undo a change of the term base (default: the latest not yet undone, of ``mine`` (or
    of no one named) when given; see :mod:`glossary.termbase.history`): the entry's
    decisions as the change found them, the entry removed again if the change added it,
    put back (the memory's renderings read again at the next ``glossary extract``) if it
    deleted it. Refused when the entry's
    decisions are no longer what the change left, or a deleted entry's term exists again
    by a person's change; a candidate extraction proposed again since the deletion (no
    person's change of it recorded) takes the deleted entry's decisions back, keeping the
    memory's renderings extraction found. One transaction; the change is marked undone
    (when, ``who``)."""
    return undo_changes(db, change_id, who=who, clock=clock, mine=mine)[0]


def undo_changes(db: sqlite_utils.Database, change_id: int | None = None, *, who: str | None = None,
                 clock: Clock = utc_now, mine: str | None = None, whole: bool = False) -> list[TermChange]:
    """:func:`undo`; with ``whole``, every change not undone of the write the change was made
    in (a whole import, a review sheet, a deletion of several terms), newest first, all or
    none: refused, naming the entries, when any of them changed since.  The changes undone."""
    with transaction(db) as conn:
        change = latest_change(conn, mine) if change_id is None else get_change(conn, change_id)
        if change is None:
            if change_id is not None:
                raise GlossaryError(f"no change #{change_id} (see glossary history)")
            raise GlossaryError(f"nothing of {mine}'s to undo (glossary history lists every change; glossary undo "
                                f"CHANGE undoes one by its number)" if mine and latest_change(conn)
                                else "nothing to undo")
        if change.undone:
            raise GlossaryError(f"change #{change.id} was already undone ({change.undone})")
        changes = batch_changes(conn, change) if whole else [change]
        current = get_entries(db, [c.zh for c in changes])
        after = later_changes(conn, changes)
        ids = {c.id for c in changes}
        refused = []
        for c in changes:
            later = [n for n in after[c.id] if n not in ids]
            # extraction (not a person) proposed the deleted term again: the deletion is undone over it
            proposed_again = c.after is None and current[c.zh] is not None \
                and current[c.zh].status == "candidate" and not later
            if decisions(current[c.zh]) != c.after and not proposed_again:
                refused.append((c, later))
        if refused:
            c, later = refused[0]
            why = "the term exists again" if c.after is None else "it changed since"
            hint = (f" (undo the later change{'s' if len(later) > 1 else ''} "
                    f"{', '.join('#' + str(n) for n in later)} first)" if later else
                    " (by another tool or by hand in the database: no change of the history did it)")
            more = (f"; {len(refused) - 1} more of its write's {len(changes)} changes too, nothing undone"
                    if len(refused) > 1 else f"; nothing of its write's {len(changes)} changes undone"
                    if whole and len(changes) > 1 else "")
            raise GlossaryError(f"cannot undo change #{c.id} ({c.op} of {c.zh}): {why}{hint}{more}")
        now = clock()
        restore_entries(conn, [(c.zh, c.before, current[c.zh]) for c in changes], now)   # (a write changes an entry once)
        return mark_undone(conn, changes, who=who, at=now)


# --------------------------------------------------------------------------- files

def load_glossary_file(path: str | Path, *, default_status: str = "approved",
                       skipped=None) -> list[Entry]:
    """Read a glossary file as ``glossary import`` does: TBX (2008 or v3), MultiTerm XML,
    an Excel workbook (.xlsx), CSV, TSV or an OmegaT glossary (``.txt``/``.utf8``, or a CSV
    without a header). Entries the
    file gives no status get ``default_status``. Entries with an empty side are
    counted in ``skipped`` (a :class:`tm.Skipped`; without it they are an error).
    Raises InputError on bad input."""
    return list(iter_glossary_file(path, default_status=default_status, skipped=skipped))


def iter_glossary_file(path: str | Path, *, default_status: str = "approved",
                       skipped=None) -> Iterator[Entry]:
    """:func:`load_glossary_file`, one entry at a time: what ``glossary import`` writes
    as it reads (in one transaction, rolled back on an error anywhere in the file), so
    that its memory is the file's text and not a list of its entries."""
    from glossary.formats.multiterm import iter_multiterm
    from glossary.formats.tabular import iter_tabular, iter_workbook
    from glossary.formats.tbx import iter_tbx

    import io

    from tm import decode_text, open_binary, peek_text, read_bounded, xml_root

    p = Path(path)
    with open_binary(path, decompress=True) as (fh, name):      # read once (pipes, FIFOs, stdin), bounded
        data = read_bounded(fh, name=name)
    if data.startswith(b"PK\x03\x04") or p.suffix.lower() == ".xlsx":    # an Excel workbook
        yield from iter_workbook(data, name=name, default_status=default_status, skipped=skipped)
        return
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("a legacy Office file (.xls: save it as .xlsx)", path=name)
    head = peek_text(data[:2048]).lstrip("\ufeff \t\r\n")    # UTF-16 XML too
    if p.suffix.lower() in (".tbx", ".xml", ".mtf") or head.startswith("<"):
        # MultiTerm XML (<mtf>) or TBX, told by the root element after any prolog
        read = iter_multiterm if xml_root(head) == "mtf" else iter_tbx
        yield from read(io.BytesIO(data), name=name, default_status=default_status, skipped=skipped)
        return
    if not data.strip():
        raise InputError("empty file", path=name)
    text, _ = decode_text(data, name=name, newlines=False)
    del data                    # the text alone from here
    yield from iter_tabular(p, text=text, default_status=default_status, skipped=skipped)


def import_file(db: sqlite_utils.Database, path: str | Path, *,
                clock: Clock = utc_now) -> WriteResult:
    """Read a glossary file and merge its entries into the term base (one transaction).

    The file is read in full first, so a malformed file writes nothing; nor does one with an
    entry that would overturn a decision of the term base (:func:`merge_entries`).
    """
    return merge_entries(db, load_glossary_file(path), clock=clock)


EXPORT_FORMATS = ("tbx", "tbx3", "csv", "tsv", "omegat", "xlsx")
EXPORT_STATUSES = ("approved", "candidate", "all")


def export_view(db: sqlite_utils.Database, status: str = "approved") -> list[Entry]:
    """The entries an export of ``status`` (approved / candidate / all) carries.

    A candidate with no approved rendering carries the renderings the memory used,
    most used first, so a CAT tool or a reviewer sees them (TBX marks a candidate's
    terms admitted, not preferred)."""
    if status not in EXPORT_STATUSES:
        raise GlossaryError(f"unknown export status {status!r} (expected one of: "
                            f"{', '.join(EXPORT_STATUSES)})")
    chosen = list(entries(db, status=None if status == "all" else status))
    bare = {e.id for e in chosen if e.status == "candidate" and not e.approved}
    used = usages(db, bare) if bare else {}       # one query, not one a candidate
    return [replace(e, approved=[r.en for r in used.get(e.id, [])]) if e.id in bare else e for e in chosen]


def export_entries(new: Iterable[Entry], fmt: str, *, forbidden: bool = True) -> bytes:
    """The entries in one of :data:`EXPORT_FORMATS`, as UTF-8 bytes (an .xlsx file's bytes
    for ``xlsx``; sorted by ``zh``).

    ``forbidden=False`` leaves the forbidden renderings out (for tools, such as OmegaT,
    that would offer a deprecated TBX term as a translation)."""
    from glossary.formats.tabular import write_csv, write_omegat, write_tsv, write_xlsx
    from glossary.formats.tbx import write_tbx3, write_tbx2008

    writers = {"tbx": write_tbx2008, "tbx3": write_tbx3, "csv": write_csv, "tsv": write_tsv,
               "omegat": write_omegat, "xlsx": write_xlsx}
    if fmt not in writers:
        raise GlossaryError(f"unknown export format {fmt!r} (expected one of: "
                            f"{', '.join(EXPORT_FORMATS)})")
    chosen = list(new) if forbidden else [replace(e, forbidden=[]) for e in new]
    data = writers[fmt](chosen)
    return data if isinstance(data, bytes) else data.encode("utf-8")
