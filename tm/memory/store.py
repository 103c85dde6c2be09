"""The translation memory in SQLite: documents, segments, units, and their indexes.

Functions take an open ``sqlite_utils.Database`` (from :func:`open_store`).
Every write runs in one ``BEGIN IMMEDIATE`` transaction (or joins the caller's
:func:`transaction`); when another process holds the write lock beyond the busy
timeout, :class:`DatabaseError` ``database is busy, retry`` is raised and nothing
is written.

Unaligned material (1-0 and 0-1 beads) is stored as units with an empty side and
status ``needs-review``: visible to :func:`review_queue` and to
``iter_units(include_unaligned=True)``, but never indexed for fuzzy match or
concordance and never returned by :func:`iter_units` by default.

Indexes kept in the same transaction as every unit write:

* ``units_en_fts``: FTS5 (unicode61 words) over ``en`` for the English concordance
  (external content, written next to each unit write: 3x faster bulk import than triggers);
* ``match_runs``/``match_postings``/``match_rare``: an inverted index of the fuzzy
  matcher's index tokens (distinct character bigrams of zh, distinct words of en, see
  :func:`tm.memory.fuzzy.grams`) with the token count of each unit (see :mod:`tm.memory.index`).
  The Chinese concordance uses its bigram postings too (FTS5's trigram tokenizer cannot
  serve the many 2-character Chinese terms, and made bulk import 4x slower).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import sqlite_utils

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path


from tm.clock import utc_now
from tm.memory.db import Reader, direct_writes, kept_memory, migrate, no_gc, open_database, transaction
from tm.memory.reader import MIGRATION_NAMES, open_current, unit_rows
from tm.memory.index import Index, Tokenizer, merge_runs, rebucket_rare
from tm.memory.seen import Seen
from tm.text.variants import written_in_traditional
from tm.errors import InputError, ToolError
from tm.models import TranslationUnit, unit_record

STATUSES = ("translated", "needs-review", "reviewed")
# SQL: a unit a person edited, reviewed, or marked as needing review (tm mark --needs-review:
# the aligner's own needs-review units have no changed_by; re-aligning reset a person's mark)
PERSON = "(edited IS NOT NULL OR status = 'reviewed' OR (status = 'needs-review' AND changed_by IS NOT NULL))"
ORIGINS = ("aligned", "imported")
BATCH = 2000

_SCHEMA = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    lang TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    n_segments INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE pairs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    zh_doc INTEGER REFERENCES documents(id),
    en_doc INTEGER REFERENCES documents(id),
    created TEXT NOT NULL,
    changed TEXT NOT NULL
);
CREATE TABLE segments (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (doc, position)
) WITHOUT ROWID;
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    pair INTEGER REFERENCES pairs(id),
    position INTEGER,
    zh TEXT NOT NULL,
    en TEXT NOT NULL,
    zh_segments TEXT,
    en_segments TEXT,
    shape TEXT,
    confidence REAL,
    origin TEXT NOT NULL CHECK (origin IN ('aligned', 'imported')),
    status TEXT NOT NULL CHECK (status IN ('translated', 'needs-review', 'reviewed')),
    created TEXT NOT NULL,
    changed TEXT NOT NULL,
    changed_by TEXT,
    note TEXT,
    props TEXT,
    digest INTEGER NOT NULL
);
CREATE INDEX units_pair_position ON units (pair, position);
CREATE INDEX units_digest ON units (digest);
CREATE VIRTUAL TABLE units_en_fts USING fts5 (en, content='units', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0');
CREATE TABLE match_runs (
    id INTEGER PRIMARY KEY,
    postings INTEGER NOT NULL
);
CREATE TABLE match_postings (
    id INTEGER PRIMARY KEY,
    token INTEGER NOT NULL,
    run INTEGER NOT NULL,
    n INTEGER NOT NULL,
    codes BLOB NOT NULL
);
CREATE INDEX match_postings_token ON match_postings (token, n);
CREATE TABLE match_rare (
    id INTEGER PRIMARY KEY,
    bucket INTEGER NOT NULL,
    run INTEGER NOT NULL,
    tokens BLOB NOT NULL,
    codes BLOB NOT NULL
);
CREATE INDEX match_rare_bucket ON match_rare (bucket);
"""


def _m0001_initial(db: sqlite_utils.Database) -> None:
    for statement in _split_sql(_SCHEMA):
        db.conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split the schema into statements (triggers contain ``;`` inside BEGIN ... END)."""
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        text = "\n".join(buf)
        if text.rstrip().endswith(";") and sqlite3.complete_statement(text):
            out.append(text.strip())
            buf = []
    return out


_EDITS_SCHEMA = """
ALTER TABLE units ADD COLUMN edited TEXT;
ALTER TABLE units ADD COLUMN orphaned TEXT;
CREATE TABLE edit_history (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT,
    op TEXT NOT NULL,
    keys TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    shift TEXT,
    undoable INTEGER NOT NULL,
    undone TEXT,
    undone_by TEXT,
    note TEXT
);
"""


def _m0002_edits(db: sqlite_utils.Database) -> None:
    """A person's work (see :mod:`tm.memory.edit`): ``units.edited`` (when a person last
    changed the unit's text or alignment), ``units.orphaned`` (when a re-alignment found
    its sentences gone) and the history of changes."""
    for statement in _split_sql(_EDITS_SCHEMA):
        db.conn.execute(statement)


def _m0003_exchange_metadata(db: sqlite_utils.Database) -> None:
    """Per unit: its source language, the tags of its sides as they came, and the
    exchange metadata kept for the round trip (see TranslationUnit)."""
    for column in ("srclang", "zh_lang", "en_lang", "meta"):
        db.conn.execute(f"ALTER TABLE units ADD COLUMN {column} TEXT")


def _m0004_variant_keys(db: sqlite_utils.Database) -> None:
    """The match index reads Traditional characters as Simplified
    (:mod:`tm.text.variants`): index again the units whose Chinese side has any
    (memories made before; their old postings stay, harmless, until a rebuild)."""
    from tm.text.variants import has_traditional
    rows = [row for row in db.conn.execute("SELECT id, zh, en FROM units WHERE zh != '' AND en != ''")
            if has_traditional(row[1])]
    if rows:
        index = Index(db)
        for uid, zh, en in rows:
            index.remove(uid, zh, en)
            index.add(uid, zh, en)
        index.finish()


def _m0005_inline_codes(db: sqlite_utils.Database) -> None:
    """Per unit: the original markup of its inline codes (JSON, see tm.formats.inline); its
    text holds a placeholder character for each (tm.text.codes)."""
    db.conn.execute("ALTER TABLE units ADD COLUMN codes TEXT")


def _m0006_align_embeddings(db: sqlite_utils.Database) -> None:
    """Sentence-embedding cache of the aligner, per document pair and model: the
    vector (float16 bytes) of each sentence and run of sentences, keyed by a hash
    of its text (``tm.align.semantic.text_key``), so re-aligning a revised
    document embeds only what changed."""
    db.conn.execute("CREATE TABLE align_embeddings ("
                    " pair TEXT NOT NULL, model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,"
                    " PRIMARY KEY (pair, model, key)) WITHOUT ROWID")


def _m0007_edit_positions(db: sqlite_utils.Database) -> None:
    """Hand edits in constant time in a pair of any size (:mod:`tm.memory.edit`): the
    ``(length(key), key)`` index finds a pair's highest key number in a few probes, and a
    position may have decimals (a split puts the new unit at 7.5, between 7 and 8, instead
    of moving every later unit): SQLite stores them as they come, PostgreSQL's column
    becomes ``NUMERIC`` (exact decimals; whole numbers read back as ``int``)."""
    db.conn.execute("CREATE INDEX units_key_length ON units (length(key), key)")
    if getattr(db, "backend", "sqlite") == "postgresql":
        db.conn.execute("ALTER TABLE units ALTER COLUMN position TYPE NUMERIC")


def _m0008_rare_buckets(db: sqlite_utils.Database) -> None:
    """The match index's rare postings grouped by a hash of the token rather than its low
    bits (:func:`tm.memory.index.bucket`: even buckets, a seventh of the bytes a Chinese query
    reads): memories indexed before are regrouped, their codes unchanged."""
    rebucket_rare(db.conn)


def _m0009_occurrence_tokens(db: sqlite_utils.Database) -> None:
    """The match index numbers a token's repeats within a unit
    (:func:`tm.memory.fuzzy.occurrence_ids`), so a match bounds the tokens a unit shares
    with the query counted with multiplicity: a memory indexed before is indexed again
    (its repeats were not stored, and a bound without them could be too low)."""
    if db.conn.execute("SELECT 1 FROM match_runs LIMIT 1").fetchone():
        rebuild_index(db)


def _m0010_finer_buckets(db: sqlite_utils.Database) -> None:
    """The match index's rare postings in 65,536 buckets rather than 4,096
    (:func:`tm.memory.index.bucket`): memories indexed before are regrouped, their codes unchanged."""
    rebucket_rare(db.conn)


def _m0011_posting_ranges(db: sqlite_utils.Database) -> None:
    """A frequent token's postings in rows of at most :data:`tm.memory.index.CHUNK`, each
    with the first and last code it holds (``lo``, ``hi``), so a match reads the rows of the
    unit lengths it can match. Rows written before have none (``NULL``: read whole)."""
    for column in ("lo", "hi"):
        db.conn.execute(f"ALTER TABLE match_postings ADD COLUMN {column} INTEGER")


def _m0012_compressed_postings(db: sqlite_utils.Database) -> None:
    """On a server, the match index's blobs are stored compressed (LZ4: see
    :meth:`tm.memory.pg.Dialect.compress`), so a match reads fewer pages; SQLite: nothing.
    Rows written before stay as they are (the same bytes, read the same way) until the
    index is rewritten (``tm optimize`` merging runs, or a rebuild)."""
    from tm.memory.pg import dialect

    dialect(db).compress(db, {"match_postings": ["codes"], "match_rare": ["tokens", "codes"]})


def _m0013_unit_texts(db: sqlite_utils.Database) -> None:
    """On a server, the texts a match scores are read by a function that reads their pages
    in the table's order, asking for the next ones ahead (:meth:`tm.memory.pg.Dialect.unit_functions`);
    SQLite: nothing."""
    from tm.memory.pg import dialect

    dialect(db).unit_functions(db)


NUMBERED_KEYS = "rtrim(key, '0123456789') LIKE '%:'"
"""SQL, true for the keys the ``(length(key), key)`` index holds (migration ``0014``): those
that end in ``:`` and digits, the only ones :func:`tm.memory.edit._next_number` can read as
``<pair>:<number>``, whatever a user names a pair or a key. Content keys (``h:`` and 16 hex
digits) are not among them but for the all-digit ones (about one in 1,800). A query carries
it (the same text) so both backends' planners use the index. (``LIKE`` ignores case only in
letters; building the index of a million content keys took a server 0.6 s of CPU with it, 0.8-1.0 s
with ``rtrim(…) != rtrim(…)``.)"""


def _m0014_numbered_keys(db: sqlite_utils.Database) -> None:
    """The ``(length(key), key)`` index holds only the keys :data:`NUMBERED_KEYS`, those its
    one query reads: an import of units without keys (a TMX file) builds it in a moment
    instead of sorting a million content keys of one length by their text (2.0-2.3 s of a
    server's CPU at a million, 0.6 s now). The ``(pair, position)`` index stays whole: the
    workbench pages through the units without a pair by it (``pair IS NULL``)."""
    db.conn.execute("DROP INDEX IF EXISTS units_key_length")
    db.conn.execute(f"CREATE INDEX units_key_length ON units (length(key), key) WHERE {NUMBERED_KEYS}")


def _m0015_words_split_at_codes(db: sqlite_utils.Database) -> None:
    """The English concordance finds a word beside an inline code (``{1}Test{/1} Anything``):
    SQLite's full-text index is filed anew, each text with its codes as spaces (its tokenizer
    took a code's placeholder, a private-use character, for part of the word beside it); a
    server's word postings already split there (:meth:`tm.memory.pg.Dialect.words_split_at_codes`)."""
    from tm.memory.pg import dialect

    dialect(db).words_split_at_codes(db)


MIGRATIONS = list(zip(MIGRATION_NAMES, (
    _m0001_initial, _m0002_edits, _m0003_exchange_metadata, _m0004_variant_keys, _m0005_inline_codes,
    _m0006_align_embeddings, _m0007_edit_positions, _m0008_rare_buckets, _m0009_occurrence_tokens,
    _m0010_finer_buckets, _m0011_posting_ranges, _m0012_compressed_postings, _m0013_unit_texts,
    _m0014_numbered_keys, _m0015_words_split_at_codes), strict=True))   # tests/tm/memory/test_reader.py holds each name to its function
STORE_MIGRATIONS = MIGRATIONS   # the public name (tm.STORE_MIGRATIONS)

_UNIT_COLUMNS = ("u.id, u.key, p.name, u.position, u.zh, u.en, u.zh_segments, u.en_segments, u.shape, "
                 "u.confidence, u.origin, u.status, u.created, u.changed, u.changed_by, u.note, u.props, "
                 "u.edited, u.orphaned, u.srclang, u.zh_lang, u.en_lang, u.meta, u.codes")
_UNIT_FROM = "units u LEFT JOIN pairs p ON p.id = u.pair"


@dataclass
class ImportStats:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    replaced: int = 0
    kept: list[str] = field(default_factory=list)   # duplicates a person edited or reviewed: not replaced


@dataclass
class AlignStats:
    pair: str
    units: int = 0                 # units with both sides
    unaligned_zh: int = 0          # zh sentences in 1-0 beads
    unaligned_en: int = 0          # en sentences in 0-1 beads
    low_confidence: int = 0        # two-sided units below ``review_below``
    replaced: int = 0              # units of an earlier alignment of the same pair, removed
    shapes: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)      # a person's units kept in place (keys)
    orphans: list[str] = field(default_factory=list)   # a person's units whose sentences are gone


def open_store(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) the memory at ``path`` and bring its schema up to date."""
    db = open_database(path, create=create)
    migrate(db, "tm", MIGRATIONS)
    db.conn.execute("PRAGMA mmap_size = 4294967296")  # read pages through the OS cache, no copies
    return db


def open_store_reader(path: str | Path, *, create: bool = True) -> Reader | sqlite_utils.Database:
    """:func:`open_store` for the read-only commands (match, search): a :class:`Reader`
    (:func:`tm.memory.reader.open_current`: sqlite3 alone, no sqlite-utils and so no numpy
    imported) when the memory exists with its schema up to date, else :func:`open_store`
    (which creates or migrates it). No memory map: a command's resident memory stays that
    of SQLite's small page cache, whatever the size of the memory."""
    return open_current(path) or open_store(path, create=create)


def digest(zh: str, en: str) -> int:
    """A signed 64-bit content hash of the pair, used to find duplicates."""
    import hashlib   # here, not at the top: loading OpenSSL costs milliseconds a matcher never needs

    h = hashlib.blake2b(f"{zh}\x00{en}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(h, "big", signed=True)


def content_key(zh: str, en: str, *, dig: int | None = None) -> str:
    """The stable key of an imported unit that carries none: a hash of its content."""
    return f"h:{(digest(zh, en) if dig is None else dig) & 0xFFFFFFFFFFFFFFFF:016x}"


def rebuild_index(db: sqlite_utils.Database) -> None:
    """Rebuild the fuzzy-match index from the units (drops stale postings)."""
    conn = db.conn
    with transaction(db), _big_cache(conn):
        conn.execute("DELETE FROM match_postings")
        conn.execute("DELETE FROM match_rare")
        conn.execute("DELETE FROM match_runs")
        conn.execute("INSERT INTO units_en_fts (units_en_fts) VALUES ('delete-all')")
        index = Index(db)
        for uid, zh, en in conn.execute("SELECT id, zh, en FROM units WHERE zh != '' AND en != '' ORDER BY id"):
            index.add(uid, zh, en)
        index.finish()


def merge_index(db: sqlite_utils.Database) -> tuple[int, bool]:
    """Merge the runs of the fuzzy-match index into one (:func:`tm.memory.index.merge_runs`:
    a match then reads fewer and adjacent rows; an index of one run is rewritten where its rows
    are in the other backend's form); returns how many runs there were and whether the index
    was rewritten. One write transaction; on a server the space of the old rows is then
    reclaimed (``VACUUM``)."""
    from tm.memory.pg import dialect

    with transaction(db):
        runs, rewritten = merge_runs(db.conn)
    if rewritten:
        dialect(db).reclaim(db, ["match_postings", "match_rare", "match_runs"])
    return runs, rewritten


@dataclass
class Warmed:
    """What :func:`warm` read: files (SQLite) or relations (a server), bytes, seconds."""

    parts: int
    bytes: int
    seconds: float


def warm(db: sqlite_utils.Database) -> Warmed:
    """Read the whole database into the operating system's page cache, sequentially, so that
    the first matches after a restart do not wait on one random disk read per page (on a
    10,000,000-unit server memory, cold: p95 240-426 ms; warm: 41-76 ms; docs/postgres.md).
    SQLite: the file and its write-ahead log; a server: every table, index and TOAST table
    of the memory's schema through ``pg_prewarm`` (a contrib extension a superuser installs
    once; without it a :class:`DatabaseError` says so). Nothing is changed."""
    import time

    from tm.memory.pg import dialect

    t0 = time.perf_counter()
    parts, size = dialect(db).warm(db)
    return Warmed(parts, size, time.perf_counter() - t0)


def _pair_id(conn, name: str | None, now: str) -> int | None:
    if not name:
        return None
    row = conn.execute("SELECT id FROM pairs WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    cur = conn.execute("INSERT INTO pairs (name, created, changed) VALUES (?, ?, ?)", [name, now, now])
    return cur.lastrowid


def _next_unit_id(conn) -> int:
    return (conn.execute("SELECT max(id) FROM units").fetchone()[0] or 0) + 1


_INSERT_UNIT = ("INSERT INTO units (id, key, pair, position, zh, en, zh_segments, en_segments, shape, confidence, "
                "origin, status, created, changed, changed_by, note, props, digest, srclang, zh_lang, en_lang, "
                "meta, codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _delete_units(conn, index: Index, where: str, params: list) -> int:
    rows = conn.execute(f"SELECT id, zh, en FROM units WHERE {where}", params).fetchall()
    for uid, zh, en in rows:
        index.remove(uid, zh, en)
    conn.executemany("DELETE FROM units WHERE id = ?", [(r[0],) for r in rows])
    return len(rows)


# A prepared unit: the fields the store writes, its digest and its index tokens, as a
# plain tuple (cheap to build, to pickle between processes and to read back).
(R_KEY, R_PAIR, R_POSITION, R_ZH, R_EN, R_SHAPE, R_CONFIDENCE, R_STATUS, R_CREATED, R_CHANGED,
 R_CHANGED_BY, R_NOTE, R_PROPS, R_DIGEST, R_ZT, R_EN_IDS, R_SRCLANG, R_ZH_LANG, R_EN_LANG,
 R_META, R_CODES, R_CONTENT_KEY) = range(22)
#: ``R_ZT`` of a record whose index tokens the writer computes (see :func:`prepare_units`).
TOKENS_LATER = 0


def _json_encoder():
    """``json.dumps(obj, ensure_ascii=False, sort_keys=True)`` for the props, metadata and
    codes of a unit (dicts of strings and numbers, never circular), with the C encoder made
    once: ``JSONEncoder.encode`` makes one per call, which was about half of its time. The
    text is the same (stored props take part in finding duplicates, so it must not change)."""
    from json import encoder
    make = encoder.c_make_encoder
    if make is None:                                    # no C accelerator: the plain encoder
        return json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    # markers None: no circular check; the rest as JSONEncoder(ensure_ascii=False, sort_keys=True)
    plain = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
    chunks = make(None, plain.default, encoder.encode_basestring, None, ": ", ", ", True, False, True)
    join = "".join
    return lambda obj: join(chunks(obj, 0))


_JSON = _json_encoder()


def prepare_units(units: Iterable[TranslationUnit], tokenizer: Tokenizer | None = None, *,
                  tokens: bool = True) -> list[tuple]:
    """The prepared records of ``units`` for :func:`import_prepared`: what can be
    computed without the database (digest, content key, props as JSON, index tokens).
    ``tokens=False`` leaves the index tokens to :func:`import_prepared` (``R_ZT`` is
    :data:`TOKENS_LATER`): the same tokens, computed by the process that writes."""
    return prepare_records(map(unit_record, units), tokenizer, tokens=tokens)


def prepare_records(records: Iterable[tuple], tokenizer: Tokenizer | None = None, *,
                    tokens: bool = True) -> list[tuple]:
    """:func:`prepare_units` of units given as records (the tuples of their fields, see
    :data:`tm.models.UNIT_FIELDS`), as the TMX reader yields them for an import. Records
    may share a ``codes`` dict (the TMX reader's for units whose codes have the same
    layout): its JSON is made once."""
    import hashlib

    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    tok = (tokenizer or Tokenizer()) if tokens else None
    dumps = _JSON
    made: dict = {}         # id(codes) -> (codes, its JSON); holding codes keeps its id its own
    out = []
    for (zh, en, _, key, pair, position, shape, confidence, _, status, created, changed, changed_by, note,
         props, _, _, srclang, zh_lang, en_lang, meta, codes) in records:
        if not (zh and en):
            zt = en_ids = None
        elif tok is None:
            zt, en_ids = TOKENS_LATER, None
        else:
            zt, en_ids = tok(zh, en)
        h = blake2b(f"{zh}\x00{en}".encode("utf-8"), digest_size=8)       # digest(zh, en)
        dig = from_bytes(h.digest(), "big", signed=True)
        props = dumps(props) if props else None
        if key:
            ckey = None
        elif props:         # _content_key: the hash of zh, en and props, zh and en hashed once
            h.update(f"\x00{props}".encode("utf-8"))
            ckey = f"h:{h.hexdigest()}"
        else:
            ckey = f"h:{dig & 0xFFFFFFFFFFFFFFFF:016x}"
        out.append((key, pair, position, zh, en, shape, confidence, status, created, changed,
                    changed_by, note, props, dig, zt, en_ids, srclang, zh_lang, en_lang,
                    dumps(meta) if meta else None, _codes_json(codes, made) if codes else None, ckey))
    return out


def _codes_json(codes: dict, made: dict) -> str:
    """The JSON of ``codes``, made once for a dict that comes again (see prepare_records)."""
    got = made.get(id(codes))
    if got is None:
        got = made[id(codes)] = (codes, _JSON(codes))
    return got[1]


def _find_duplicate(conn, rec: tuple, pending: dict, stored: dict | None) -> int | None:
    """The id of a stored (or pending) unit with the same key, or, for a unit without a
    key, one with the same zh+en and the same props (its context: units with the same
    text in different contexts are kept as alternatives, as OmegaT does).

    ``stored`` holds the chunk's candidates read in one query (see :func:`_stored`);
    without it, each unit is looked up on its own."""
    key, zh, en, dig = rec[R_KEY], rec[R_ZH], rec[R_EN], rec[R_DIGEST]
    if key:
        if key in pending:
            return pending[key]
        if stored is not None:
            return stored.get(key)
        row = conn.execute("SELECT id FROM units WHERE key = ?", [key]).fetchone()
        return row[0] if row else None
    ident = (dig, zh, en, rec[R_PROPS])
    hit = pending.get(ident)
    if hit is not None:
        return hit
    if stored is not None:
        return stored.get(ident)
    for uid, szh, sen, sprops in conn.execute("SELECT id, zh, en, props FROM units WHERE digest = ?", [dig]):
        if szh == zh and sen == en and sprops == rec[R_PROPS]:
            return uid
    return None


def import_units(db: sqlite_utils.Database, units: Iterable[TranslationUnit], *, origin: str = "imported",
                 on_duplicate: str = "skip", now: Callable[[], str] = utc_now,
                 progress: Callable[[int], None] | None = None) -> ImportStats:
    """Add ``units`` to the memory in one transaction, streaming.

    A unit is a duplicate of a stored one if it has the same ``key``, or the same
    zh and en text. ``on_duplicate`` is ``skip`` (default: keep the stored one),
    ``replace`` (overwrite the stored unit's text and metadata, keeping its key)
    or ``error`` (raise :class:`ToolError`, nothing is imported). Units without a
    key get :func:`content_key`. If the iterable raises, nothing of it remains.
    """
    return import_records(db, map(unit_record, units), origin=origin, on_duplicate=on_duplicate, now=now,
                          progress=progress)


def import_records(db: sqlite_utils.Database, records: Iterable[tuple], *, origin: str = "imported",
                   on_duplicate: str = "skip", now: Callable[[], str] = utc_now,
                   progress: Callable[[int], None] | None = None) -> ImportStats:
    """:func:`import_units` of units given as records (see :func:`prepare_records`)."""
    tok = Tokenizer()
    source = iter(records)
    batches = (prepare_records(chunk, tok) for chunk in iter(lambda: list(islice(source, BATCH)), []))
    return import_prepared(db, batches, origin=origin, on_duplicate=on_duplicate, now=now, progress=progress)


def _holds_nul(rec: tuple) -> bool:
    """Whether a text of the unit record ``rec`` (its texts, key, pair, note, props) holds
    a NUL character."""
    return any("\x00" in v for v in (rec[R_ZH], rec[R_EN], rec[R_KEY], rec[R_PAIR], rec[R_NOTE],
                                      rec[R_CHANGED_BY], rec[R_PROPS]) if isinstance(v, str))


def _refuse_nul(rec: tuple, read: int) -> NoReturn:
    """The error of a unit record ``rec``, the input's ``read``-th, that holds a NUL character."""
    raise InputError(f"unit {read} of the input ({rec[R_KEY] or content_key(rec[R_ZH], rec[R_EN])}) holds a NUL "
                     f"character (a TSV's \\0), which a PostgreSQL database cannot store; nothing imported")


def import_prepared(db: sqlite_utils.Database, batches: Iterable[list[tuple]], *, origin: str = "imported",
                    on_duplicate: str = "skip", now: Callable[[], str] = utc_now,
                    progress: Callable[[int], None] | None = None) -> ImportStats:
    """:func:`import_units` of units already prepared by :func:`prepare_units`, in
    batches (lists); e.g. prepared by another process while this one writes.
    ``progress(units read)`` is called after each batch."""
    if origin not in ORIGINS:
        raise ValueError(f"origin must be one of {ORIGINS}")
    if on_duplicate not in ("skip", "replace", "error"):
        raise ValueError("on_duplicate must be skip, replace or error")
    from tm.memory.pg import dialect

    stats = ImportStats()
    stamp = now()
    conn = db.conn
    with direct_writes(db), transaction(db), _big_cache(conn), no_gc(), kept_memory():
        index = Index(db)
        tok = Tokenizer()
        next_id = _next_unit_id(conn)
        pair_ids: dict[str | None, int | None] = {None: None}
        batch: list[tuple] = []
        # the units of this chunk and of the one before: the stored units of a chunk are
        # looked up before the chunk before it is written (see below)
        pending: dict = {}
        carry: dict = {}
        indexed: tuple[list, list, list, list] = ([], [], [], [])    # for Index.add_many

        # an import into an empty memory finds its duplicates in what it wrote (Seen) and,
        # once it is large, builds the indexes of the units and of the match index after the rows
        seen = Seen() if on_duplicate != "replace" and _empty(conn) else None
        lookup = _stored if seen is None else partial(_stored_seen, seen)
        deferred: list[str] = []        # the indexes to build again (Dialect.defer_import_indexes)
        nul_refused = not dialect(db).stores_nul

        def flush() -> None:
            if seen is not None and batch:
                seen_before = len(seen)
                _remember(seen, batch)
                if seen_before < DEFER_INDEXES <= len(seen):
                    deferred.extend(dialect(db).defer_import_indexes(db))
            _flush_units(conn, batch)
            if indexed[0]:
                index.add_many(*indexed)
                for column in indexed:
                    column.clear()

        chunks = iter(batches)
        chunk = next(chunks, None)
        stored = None if chunk is None or on_duplicate == "replace" else lookup(conn, chunk)
        while chunk is not None:
            pending, carry = carry, {}
            for rec in chunk:
                stats.read += 1
                dup = _find_duplicate(conn, rec, pending, stored)
                if dup is not None:
                    if on_duplicate == "error":
                        raise ToolError(f"duplicate unit {rec[R_KEY] or content_key(rec[R_ZH], rec[R_EN])} "
                                        f"(unit {stats.read} of the input)")
                    stats.duplicates += 1
                    if on_duplicate == "replace":
                        flush()
                        pending.clear()     # written: the look-ups below see them
                        carry.clear()
                        mine = conn.execute(f"SELECT key FROM units WHERE id = ? AND {PERSON}", [dup]).fetchone()
                        if mine:    # a person's work is never replaced by a file
                            stats.kept.append(mine[0])
                            continue
                        if nul_refused and _holds_nul(rec):     # (a replacing unit's note too)
                            _refuse_nul(rec, stats.read)
                        _replace(conn, index, dup, rec, stamp, tok)
                        stats.replaced += 1
                    continue
                if nul_refused and _holds_nul(rec):
                    _refuse_nul(rec, stats.read)
                pair = rec[R_PAIR]
                if pair not in pair_ids:
                    pair_ids[pair] = _pair_id(conn, pair, stamp)
                dig = rec[R_DIGEST]
                key = rec[R_KEY] or rec[R_CONTENT_KEY]
                batch.append(_unit_row(next_id, key, pair_ids[pair], rec, origin, stamp))
                pending[key] = carry[key] = next_id
                if not rec[R_KEY]:
                    ident = (dig, rec[R_ZH], rec[R_EN], rec[R_PROPS])
                    pending[ident] = carry[ident] = next_id
                zt = rec[R_ZT]
                if zt is not None:
                    if zt.__class__ is int:     # TOKENS_LATER: tokenised here
                        zt, en_ids = tok(rec[R_ZH], rec[R_EN])
                    else:
                        en_ids = rec[R_EN_IDS]
                    indexed[0].append(next_id)
                    indexed[1].append(rec[R_EN])
                    indexed[2].append(zt)
                    indexed[3].append(en_ids)
                next_id += 1
                stats.added += 1
            # the next chunk's stored units are looked up before this chunk is written, its
            # units being in ``carry``: PostgreSQL stores this chunk in the background (see
            # tm.memory.pg) while this process checks the next one
            chunk = next(chunks, None)
            stored = None if chunk is None or on_duplicate == "replace" else lookup(conn, chunk)
            flush()
            if progress is not None:
                progress(stats.read)
        # the units' indexes built while the match index sorts its last postings (a thread)
        index.finish(beside=(lambda: [conn.execute(statement) for statement in deferred]) if deferred else None)
    return stats


def _stored(conn, chunk: list[tuple]) -> dict:
    """Stored units that the chunk may duplicate: ``key -> id`` and ``(digest, zh, en) -> id``."""
    found: dict = {}
    for uid, dig, zh, en, props in conn.execute("SELECT id, digest, zh, en, props FROM units WHERE digest IN "
                                                "(SELECT value FROM json_each(?))",
                                                [json.dumps([r[R_DIGEST] for r in chunk if not r[R_KEY]])]):
        found[(dig, zh, en, props)] = uid
    keys = [r[R_KEY] for r in chunk if r[R_KEY]]
    if keys:
        found.update(conn.execute("SELECT key, id FROM units WHERE key IN (SELECT value FROM json_each(?))",
                                  [json.dumps(keys)]))
    return found


DEFER_INDEXES = 20_000
"""An import into an empty memory drops the units' indexes once it has remembered this
many keys and digests (:class:`Seen`: two a unit), to build them after its last row (see
:meth:`tm.memory.pg.Dialect.defer_import_indexes`): a smaller import
keeps them (and on PostgreSQL, readers never wait for it)."""


def _empty(conn) -> bool:
    """Is this a memory without units (its units' indexes may be built after an import)?"""
    return conn.execute("SELECT 1 FROM units LIMIT 1").fetchone() is None


def _remember(seen: Seen, rows: list) -> None:
    """Note the unit rows (see :func:`_unit_row`) about to be written: under the hash of
    their key and under their digest."""
    ids = [r[0] for r in rows]
    seen.add([hash(r[1]) for r in rows], ids)
    seen.add([r[17] for r in rows], ids)


def _stored_seen(seen: Seen, conn, chunk: list[tuple]) -> dict:
    """:func:`_stored` of an import into an empty memory: the candidates found in what it
    wrote (``seen``), then read by id, so no look-up needs the units' other indexes."""
    digests = {r[R_DIGEST] for r in chunk if not r[R_KEY]}
    keys = {r[R_KEY] for r in chunk if r[R_KEY]}
    ids = seen.find(list(digests) + [hash(k) for k in keys])
    found: dict = {}
    if ids:
        for uid, key, dig, zh, en, props in conn.execute(
                "SELECT id, key, digest, zh, en, props FROM units WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(set(ids)))]):
            if dig in digests:
                found[(dig, zh, en, props)] = uid
            if key in keys:
                found[key] = uid
    return found


@contextmanager
def _big_cache(conn):
    old = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while bulk writing
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(old)}")


def _content_key(zh: str, en: str, props: str | None, dig: int) -> str:
    """The content key of a unit without one (its props, i.e. its context, included)."""
    if not props:
        return content_key(zh, en, dig=dig)
    import hashlib

    h = hashlib.blake2b(f"{zh}\x00{en}\x00{props}".encode("utf-8"), digest_size=8)
    return f"h:{h.hexdigest()}"


#: The key of a unit's metadata that names the dates the store gave it because its file gave
#: none (``{"created": "2026-…Z", "changed": "2026-…Z"}``): the columns must hold a date, but
#: an export writes only the dates a file or a person gave (:func:`tm.formats.common.known_dates`).
FILLED = "filled"


def _with_filled(meta: str | None, created: str | None, changed: str | None) -> str | None:
    """``meta`` (a unit's metadata, as JSON) noting the dates the store filled in (None: a
    date the file gave). Spliced into the JSON text, not parsed: every unit of a file
    without dates comes here."""
    if created is None and changed is None:
        return meta
    filled = {"changed": changed} if created is None else \
        {"created": created} if changed is None else {"changed": changed, "created": created}
    head = '{"' + FILLED + '": ' + _JSON(filled)
    return head + "}" if not meta else head + ", " + meta[1:]


def changed_by_hand(meta: str | None) -> str | None:
    """``meta`` (a unit's metadata, as JSON) once a person changed the unit: its change date is
    the person's, no longer one the store filled in, and an export writes it even when the
    change came in the second the store filled in (an edit right after an import: the two
    dates are equal, and the date was left out as filled in)."""
    if not meta or FILLED not in meta:
        return meta
    data = json.loads(meta)
    filled = data.get(FILLED) or {}
    if "changed" not in filled:
        return meta
    del filled["changed"]
    if not filled:
        del data[FILLED]
    return _JSON(data) if data else None


def _unit_row(uid, key, pair_id, rec: tuple, origin, stamp) -> tuple:
    status = rec[R_STATUS]
    created, changed, meta = rec[R_CREATED], rec[R_CHANGED], rec[R_META]
    if created is None or changed is None:      # the file did not date it: the import's time
        meta = _with_filled(meta, None if created else stamp, None if changed else created or stamp)
        created = created or stamp
        changed = changed or created
    return (uid, key, pair_id, rec[R_POSITION], rec[R_ZH], rec[R_EN], None, None, rec[R_SHAPE], rec[R_CONFIDENCE],
            origin, status if status in STATUSES else "translated",
            created, changed, rec[R_CHANGED_BY], rec[R_NOTE], rec[R_PROPS], rec[R_DIGEST],
            rec[R_SRCLANG], rec[R_ZH_LANG], rec[R_EN_LANG], meta, rec[R_CODES])


def _flush_units(conn, batch: list) -> None:
    if batch:
        conn.executemany(_INSERT_UNIT, batch)
        batch.clear()


def _replace(conn, index: Index, uid: int, rec: tuple, stamp: str, tok: Tokenizer) -> None:
    zh, en, created, old_meta = conn.execute("SELECT zh, en, created, meta FROM units WHERE id = ?",
                                             [uid]).fetchone()
    index.remove(uid, zh, en)
    status = rec[R_STATUS]
    # the stored creation date stays: still one the store filled in, if it was
    was_filled = bool(old_meta) and (json.loads(old_meta).get(FILLED) or {}).get("created") == created
    meta = _with_filled(rec[R_META], created if was_filled else None,
                        None if rec[R_CHANGED] else stamp)
    conn.execute(
        "UPDATE units SET zh = ?, en = ?, shape = coalesce(?, shape), confidence = coalesce(?, confidence), "
        "status = ?, changed = ?, changed_by = ?, note = ?, props = ?, digest = ?, srclang = ?, zh_lang = ?, "
        "en_lang = ?, meta = ?, codes = ? WHERE id = ?",
        [rec[R_ZH], rec[R_EN], rec[R_SHAPE], rec[R_CONFIDENCE],
         status if status in STATUSES else "translated", rec[R_CHANGED] or stamp, rec[R_CHANGED_BY],
         rec[R_NOTE], rec[R_PROPS], rec[R_DIGEST], rec[R_SRCLANG], rec[R_ZH_LANG], rec[R_EN_LANG], meta,
         rec[R_CODES], uid])
    zt = rec[R_ZT]
    if zt is not None:
        index.add_tokens(uid, rec[R_EN], *(tok(rec[R_ZH], rec[R_EN]) if zt.__class__ is int else
                                           (zt, rec[R_EN_IDS])))


def load_embeddings(db: sqlite_utils.Database, pair_name: str, model: str) -> dict[str, bytes]:
    """The aligner's cached vectors of ``pair_name`` for ``model`` (text key -> bytes)."""
    return {key: bytes(vector) for key, vector in db.conn.execute(   # PostgreSQL may give memoryviews
        "SELECT key, vector FROM align_embeddings WHERE pair = ? AND model = ?", [pair_name, model])}


def _save_embeddings(conn, pair_name: str, model: str, vectors) -> None:
    """Replace the cached vectors of ``pair_name`` for ``model`` by ``vectors``
    (inside the caller's transaction): only those of the current texts are kept."""
    have = {k for (k,) in conn.execute("SELECT key FROM align_embeddings WHERE pair = ? AND model = ?",
                                       [pair_name, model])}
    stale = have - vectors.keys()
    conn.executemany("DELETE FROM align_embeddings WHERE pair = ? AND model = ? AND key = ?",
                     [(pair_name, model, k) for k in stale])
    conn.executemany("INSERT INTO align_embeddings (pair, model, key, vector) VALUES (?, ?, ?, ?)",
                     [(pair_name, model, k, v) for k, v in vectors.items() if k not in have])


def store_alignment(db: sqlite_utils.Database, *, pair_name: str, zh_path: str | Path, en_path: str | Path,
                    alignment, zh_text: str | None = None, en_text: str | None = None,
                    review_below: float = 0.5, keep: Mapping[str, int] | None = None,
                    now: Callable[[], str] = utc_now, replace: bool = False,
                    srclang: str | None = None) -> AlignStats:
    """Store an alignment (``.zh``, ``.en`` segment lists and ``.beads``) as the units of ``pair_name``.
    ``srclang``: the language of the original when it is not Chinese (``en``: an English
    original translated into Chinese), recorded on every unit of the pair (exports make it
    the source side).

    One transaction. An earlier alignment of the same pair is replaced (its units,
    documents and segments are removed), except a person's work: a unit edited or
    reviewed (see :mod:`tm.memory.edit`) named in ``keep`` (key -> index of the bead
    that holds exactly its sentences) takes that bead's place with its text and status;
    the others, and earlier orphans, stay as orphans (``orphaned`` set, after the beads,
    listed in ``stats.orphans``). A new unit with the text of a replaced one takes its
    key; others get ``<pair>:<position>`` (position = bead index, 0-based, 4 digits at
    least), or the pair's next free number where that key named other text, so a key
    never changes meaning. Units get status ``needs-review``
    when their confidence is below ``review_below`` or a side is empty.
    ``zh_text``/``en_text`` (the documents as read) are only used for their sha256.
    An existing pair of *other* documents (other file names and other contents) is
    replaced only with ``replace=True``; otherwise :class:`ToolError` and nothing changes.
    The alignment's sentence vectors (``alignment.vectors``, when a model ran) replace
    the pair's cached vectors for that model in the same transaction.
    """
    import hashlib

    stamp = now()
    stats = alignment_stats(alignment, pair=pair_name, review_below=review_below)
    conn = db.conn
    with transaction(db):
        index = Index(db)
        old = conn.execute("SELECT id, zh_doc, en_doc FROM pairs WHERE name = ?", [pair_name]).fetchone()
        if old and not replace:
            _refuse_other_documents(conn, pair_name, old[1:], [(zh_path, zh_text), (en_path, en_text)])
            _refuse_imported_units(conn, pair_name, old[0])
        person: list[tuple[int, str]] = []
        earlier: dict[tuple[str, str], list[str]] = {}    # keys of the replaced units, by text
        if old:
            pair_id = old[0]
            person = conn.execute(f"SELECT id, key FROM units WHERE pair = ? AND ({PERSON} OR orphaned IS NOT NULL) "
                                  "ORDER BY position, id", [pair_id]).fetchall()
            for key, zh, en in conn.execute(f"SELECT key, zh, en FROM units WHERE pair = ? AND NOT {PERSON} "
                                            "AND orphaned IS NULL ORDER BY position DESC", [pair_id]):
                earlier.setdefault((zh, en), []).append(key)
            stats.replaced = _delete_units(conn, index, f"pair = ? AND NOT {PERSON} AND orphaned IS NULL", [pair_id])
        else:
            pair_id = _pair_id(conn, pair_name, stamp)
        keep = dict(keep or {})
        at_bead = {keep[key]: uid for uid, key in person if key in keep}
        taken = {key for _, key in person} | {k for keys in earlier.values() for k in keys}
        number = _free_number(taken, pair_name, len(alignment.beads))
        docs = []
        for lang, path, segs, text in (("zh", zh_path, alignment.zh, zh_text), ("en", en_path, alignment.en, en_text)):
            body = text if text is not None else "\n".join(s.text for s in segs)
            sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
            cur = conn.execute("INSERT INTO documents (path, lang, sha256, n_segments, created) VALUES (?, ?, ?, ?, ?)",
                               [path_text(path), lang, sha, len(segs), stamp])
            docs.append(cur.lastrowid)
            conn.executemany("INSERT INTO segments (doc, position, text, paragraph) VALUES (?, ?, ?, ?)",
                             [(cur.lastrowid, i, s.text, s.paragraph) for i, s in enumerate(segs)])
        conn.execute("UPDATE pairs SET zh_doc = ?, en_doc = ?, changed = ? WHERE id = ?", [*docs, stamp, pair_id])
        if old:
            conn.executemany("DELETE FROM documents WHERE id = ?", [(d,) for d in old[1:] if d is not None])
        next_id = _next_unit_id(conn)
        rows = []
        # a document in Traditional characters is tagged so (its region is not told: zh-Hant)
        zh_lang = "zh-Hant" if written_in_traditional("".join(s.text for s in alignment.zh)) else None
        for pos, bead in enumerate(alignment.beads):
            if pos in at_bead:
                conn.execute("UPDATE units SET position = ?, zh_segments = ?, en_segments = ?, shape = ?, "
                             "orphaned = NULL WHERE id = ?", [pos, json.dumps(list(bead.zh)), json.dumps(list(bead.en)),
                                                              f"{len(bead.zh)}-{len(bead.en)}", at_bead[pos]])
                continue
            zh, en = alignment.texts(bead)
            two_sided = bool(bead.zh) and bool(bead.en)
            status = "needs-review" if (bead.confidence < review_below or not two_sided) else "translated"
            # a unit keeps its key when the same text comes back; a key never names other text
            same = earlier.get((zh, en))
            if same:
                key = same.pop()
            else:
                key = f"{pair_name}:{pos:04d}"
                if key in taken:
                    key = next(number)
            rows.append((next_id, key, pair_id, pos, zh, en, json.dumps(list(bead.zh)),
                         json.dumps(list(bead.en)), f"{len(bead.zh)}-{len(bead.en)}",
                         round(float(bead.confidence), 4), "aligned", status,
                         stamp, stamp, None, None, None, digest(zh, en), srclang, zh_lang, None, None, None))
            index.add(next_id, zh, en)
            next_id += 1
        conn.executemany(_INSERT_UNIT, rows)
        placed = set(at_bead.values())
        # the original's language is the documents', so the units a person kept take it too
        conn.executemany("UPDATE units SET srclang = ? WHERE id = ?", [(srclang, uid) for uid, _ in person])
        stats.kept = [key for uid, key in person if uid in placed]
        stats.orphans = [key for uid, key in person if uid not in placed]
        conn.executemany("UPDATE units SET position = ?, zh_segments = NULL, en_segments = NULL, "
                         "orphaned = coalesce(orphaned, ?) WHERE id = ?",
                         [(len(alignment.beads) + k, stamp, uid)
                          for k, (uid, _) in enumerate((uid, key) for uid, key in person if uid not in placed)])
        index.finish()
        if getattr(alignment, "model", None) and alignment.vectors is not None:
            _save_embeddings(conn, pair_name, alignment.model, alignment.vectors)
    return stats


_LANGUAGE_TAG = re.compile(r"[._-](?:zh|zho|chi|cn|chs|cht)(?:[-_][A-Za-z0-9]{2,8})*$", re.I)


def default_pair_name(zh_path: str | Path) -> str:
    """The pair name for a Chinese document: its whole file name less the extension and
    a language tag (``report.2024.zh.txt``, ``report.2024_zh-CN.txt``, ``report.2024.txt``
    → ``report.2024``), so documents that differ only after the first dot stay apart."""
    name = Path(path_text(zh_path)).name
    stem, dot, ext = name.rpartition(".")
    if dot and stem and not _LANGUAGE_TAG.search("." + ext):
        name = stem
    return _LANGUAGE_TAG.sub("", name) or name


def path_text(path: str | Path) -> str:
    """A file name as stored text: bytes that are not UTF-8 shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _refuse_other_documents(conn, pair_name: str, doc_ids, new) -> None:
    """:class:`ToolError` if the stored pair ``pair_name`` was aligned from other
    documents: neither the same file names nor the same contents as ``new``."""
    import hashlib

    stored = [conn.execute("SELECT path, sha256 FROM documents WHERE id = ?", [d]).fetchone()
              if d is not None else None for d in doc_ids]
    if any(row is None for row in stored):
        raise ToolError(f"a pair named {pair_name!r} already holds imported units; choose "
                        f"another name with --name, or replace them with --replace")
    same_names = all(Path(row[0]).name == Path(path_text(path)).name
                     for row, (path, _) in zip(stored, new))
    same_texts = all(text is not None and
                     row[1] == hashlib.sha256(text.encode("utf-8")).hexdigest()
                     for row, (_, text) in zip(stored, new))
    if not (same_names or same_texts):
        raise ToolError(f"a pair named {pair_name!r} already holds other documents "
                        f"({Path(stored[0][0]).name}, {Path(stored[1][0]).name}); choose "
                        f"another name with --name, or replace it with --replace")


def _refuse_imported_units(conn, pair_name: str, pair_id: int) -> None:
    """:class:`ToolError` if units were imported into the aligned pair (``tm import --pair``):
    re-aligning replaces the pair's units that no person edited or reviewed, and those
    would go with them."""
    imported = conn.execute(f"SELECT count(*) FROM units WHERE pair = ? AND origin = 'imported' "
                            f"AND NOT {PERSON} AND orphaned IS NULL", [pair_id]).fetchone()[0]
    if imported:
        raise ToolError(f"the pair {pair_name!r} also holds {imported} imported units (tm import "
                        f"--pair), which re-aligning would remove; replace them with --replace")


def pair_names(db: sqlite_utils.Database, *, with_units: bool = False) -> list[str]:
    """The document pairs' names, sorted (``with_units``: only pairs that hold units)."""
    sql = "SELECT name FROM pairs"
    if with_units:
        sql += " WHERE id IN (SELECT DISTINCT pair FROM units WHERE pair IS NOT NULL)"
    return [r[0] for r in db.conn.execute(sql + " ORDER BY name")]


def require_pair(db: sqlite_utils.Database, name: str | None) -> None:
    """:class:`ToolError` if ``name`` (a ``--pair`` given) is not a stored document pair."""
    if name is None:
        return
    if db.conn.execute("SELECT 1 FROM pairs WHERE name = ?", [name]).fetchone():
        return
    names = [r[0] for r in db.conn.execute("SELECT name FROM pairs ORDER BY name LIMIT 6")]
    listed = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    raise ToolError(f"no document pair named {name!r}" +
                    (f" (pairs: {listed})" if names else " (the memory has no pairs)"))


def _free_number(taken: set[str], pair_name: str, start: int) -> Iterator[str]:
    """Keys ``<pair>:<n>`` for new units where a kept unit holds the bead's own key:
    numbers above every key of the pair."""
    numbers = [int(k.rsplit(":", 1)[1]) for k in taken if k.startswith(f"{pair_name}:")
               and k.rsplit(":", 1)[1].isdigit()]
    n = max([start - 1, *numbers]) + 1
    while True:
        key = f"{pair_name}:{n:04d}"
        if key not in taken:
            yield key
        n += 1


def alignment_stats(alignment, *, pair: str = "", review_below: float = 0.5) -> AlignStats:
    """Counts of an alignment: two-sided units, unaligned sentences, shapes, low confidence."""
    stats = AlignStats(pair=pair)
    for bead in alignment.beads:
        shape = f"{len(bead.zh)}-{len(bead.en)}"
        stats.shapes[shape] = stats.shapes.get(shape, 0) + 1
        if bead.zh and bead.en:
            stats.units += 1
            stats.low_confidence += bead.confidence < review_below
        stats.unaligned_zh += 0 if bead.en else len(bead.zh)
        stats.unaligned_en += 0 if bead.zh else len(bead.en)
    return stats


def _unit(row) -> TranslationUnit:
    (uid, key, pair, position, zh, en, _zs, _es, shape, confidence, origin, status, created, changed,
     changed_by, note, props, edited, orphaned, srclang, zh_lang, en_lang, meta, codes) = row
    return TranslationUnit(zh=zh, en=en, id=uid, key=key, pair=pair, position=position, shape=shape,
                           confidence=confidence, origin=origin, status=status, created=created, changed=changed,
                           changed_by=changed_by, note=note, props=json.loads(props) if props else {},
                           edited=edited, orphaned=orphaned, srclang=srclang, zh_lang=zh_lang, en_lang=en_lang,
                           meta=json.loads(meta) if meta else {}, codes=json.loads(codes) if codes else {})


def units_by_id(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, TranslationUnit]:
    """The units with these ids (missing ids are left out)."""
    return {uid: _unit(r) for uid, r in unit_rows(db, ids, _UNIT_COLUMNS).items()}


def has_memory(db: sqlite_utils.Database) -> bool:
    """Whether the database holds a translation memory (this package's tables)."""
    return "units" in db.table_names()


def memory_state(db: sqlite_utils.Database) -> str:
    """A token that changes when the memory's units do: how many there are, the highest id,
    the latest change date and the latest change by hand (``edit_history``) — an import adds
    units or, replacing duplicates, dates them; an edit, a merge or an undo is recorded. For
    a reader to tell whether what it derived from the units (``glossary extract``'s
    renderings) is still theirs; one pass over the units. Empty for a database without a
    memory."""
    if not has_memory(db):
        return ""
    count, top, latest = db.execute("SELECT count(*), max(id), max(changed) FROM units").fetchone()
    edits, undone = db.execute("SELECT max(id), count(undone) FROM edit_history").fetchone()
    return f"{count}:{top}:{latest}:{edits}:{undone}"


def translations_of(db: sqlite_utils.Database, sources: Iterable[str]) -> dict[str, list[str]]:
    """The English of every two-sided unit whose Chinese is exactly one of ``sources``
    (in unit id order, repeats kept), by source; one pass over the units in SQL (there
    is no index on the Chinese), without building a unit per row."""
    wanted = sorted({s for s in sources if s})
    found: dict[str, list[str]] = {}
    if not wanted or not has_memory(db):
        return found
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        sql = (f"SELECT zh, en, id FROM units WHERE zh IN ({', '.join('?' * len(chunk))}) "
               "AND zh != '' AND en != ''")
        rows = db.conn.execute(sql, chunk).fetchall()
        for zh, en, _ in sorted(rows, key=lambda r: r[2]):
            found.setdefault(zh, []).append(en)
    return found


def units_containing(db: sqlite_utils.Database, text: str, *, side: str = "zh",
                     limit: int = 1000) -> list[TranslationUnit]:
    """Units whose ``side`` (``zh`` or ``en``) contains ``text`` literally, in memory order
    (pair, position), at most ``limit``; a plain scan, for callers that need every
    literal occurrence rather than a ranked concordance."""
    if side not in ("zh", "en"):
        raise ValueError(f"side must be zh or en, not {side!r}")
    if not has_memory(db):
        return []
    sql = (f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM} WHERE instr(u.{side}, ?) > 0 "
           "ORDER BY u.pair, u.position, u.id LIMIT ?")
    return [_unit(row) for row in db.conn.execute(sql, [text, limit])]


def iter_units(db: sqlite_utils.Database, *, pair: str | None = None, include_unaligned: bool = False,
               order: str = "position") -> Iterator[TranslationUnit]:
    """Stream units (constant memory). ``order`` is ``position`` (pair, then position
    in the pair; imported units without a pair first, in import order) or ``id``."""
    where, params = [], []
    if pair is not None:
        where.append("p.name = ?")
        params.append(pair)
    if not include_unaligned:
        where.append("u.zh != '' AND u.en != ''")
    sql = f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY u.pair, u.position, u.id" if order == "position" else " ORDER BY u.id"
    for row in db.conn.execute(sql, params):
        yield _unit(row)


def get_unit(db: sqlite_utils.Database, key: str) -> TranslationUnit | None:
    row = db.conn.execute(f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM} WHERE u.key = ?", [key]).fetchone()
    return _unit(row) if row else None


def update_unit(db: sqlite_utils.Database, key: str, *, en: str | None = None, status: str | None = None,
                changed_by: str | None = None, changed: str | None = None, note: str | None = None,
                edited: str | None = None, now: Callable[[], str] = utc_now,
                zh: str | None = None) -> TranslationUnit | None:
    """Change a unit's target text (``en``, or ``zh`` for a unit translated from English),
    status, note; records who and when. ``None`` if no such key.

    Joins the caller's :func:`transaction` (so a whole review file is applied at once).
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    with transaction(db, exclusive=False):
        conn = db.conn
        row = conn.execute("SELECT id, zh, en, meta FROM units WHERE key = ?", [key]).fetchone()
        if row is None:
            return None
        uid, old_zh, old_en, meta = row
        sets, params = ["changed = ?"], [changed or now()]
        if (by_hand := changed_by_hand(meta)) != meta:
            sets.append("meta = ?")
            params.append(by_hand)
        new_zh = old_zh if zh is None else zh
        new_en = old_en if en is None else en
        if (new_zh, new_en) != (old_zh, old_en):
            index = Index(db)
            index.remove(uid, old_zh, old_en)
            index.add(uid, new_zh, new_en)
            index.finish()
            sets += ["zh = ?", "en = ?", "digest = ?"]
            params += [new_zh, new_en, digest(new_zh, new_en)]
        for col, val in (("status", status), ("changed_by", changed_by), ("note", note), ("edited", edited)):
            if val is not None:
                sets.append(f"{col} = ?")
                params.append(val)
        conn.execute(f"UPDATE units SET {', '.join(sets)} WHERE id = ?", [*params, uid])
    return get_unit(db, key)


def review_queue(db: sqlite_utils.Database, *, below: float = 0.5, limit: int | None = 20,
                 pair: str | None = None) -> list[TranslationUnit]:
    """Units a person should check first: not yet reviewed, and with confidence below
    ``below``, status ``needs-review`` or an empty side. Lowest confidence first,
    then document order."""
    sql = (f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM} WHERE u.status != 'reviewed' "
           "AND (u.confidence < ? OR u.status = 'needs-review' OR u.zh = '' OR u.en = '')")
    params: list = [below]
    if pair is not None:
        sql += " AND p.name = ?"
        params.append(pair)
    sql += " ORDER BY coalesce(u.confidence, 0), u.pair, u.position, u.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_unit(r) for r in db.conn.execute(sql, params)]


def memory_stats(db: sqlite_utils.Database) -> dict:
    """Counts for ``tm stats``: units by origin and status, pairs, documents."""
    conn = db.conn
    out = {"pairs": conn.execute("SELECT count(*) FROM pairs").fetchone()[0],
           "documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
           "units": conn.execute("SELECT count(*) FROM units WHERE zh != '' AND en != ''").fetchone()[0],
           "unaligned": conn.execute("SELECT count(*) FROM units WHERE zh = '' OR en = ''").fetchone()[0]}
    for col in ("origin", "status"):
        for val, n in conn.execute(f"SELECT {col}, count(*) FROM units GROUP BY {col} ORDER BY {col}"):
            out[f"{col}:{val}"] = n
    return out
