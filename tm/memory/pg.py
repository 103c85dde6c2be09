"""The PostgreSQL backend: the same store, schema and queries as SQLite, through psycopg 3.

The store's SQL is written once, in the SQLite dialect (the zero-set-up default).
This module is the one place that knows how PostgreSQL differs; :func:`translate`
rewrites a statement, once per distinct text (cached), and :class:`Connection`
runs it, so the callers (``tm.store``, ``tm.match``, ``glossary.termbase``, …) run
unchanged on both backends. What it rewrites:

* placeholders ``?`` → ``%s`` (a literal ``%`` is doubled);
* schema: ``INTEGER PRIMARY KEY`` → an identity ``BIGINT``, ``INTEGER`` → ``BIGINT``,
  ``REAL`` → ``DOUBLE PRECISION``, ``BLOB`` → ``BYTEA``, ``TEXT`` → ``TEXT COLLATE "C"``
  (SQLite compares text by code point, so must PostgreSQL), ``WITHOUT ROWID`` dropped;
* an FTS5 table with the ``trigram`` tokenizer becomes a ``pg_trgm`` GIN index on the
  column it indexes (the table named by ``content=``, else the name without ``_fts``);
  its triggers and writes go (PostgreSQL keeps an index itself); a word-tokenized one
  (the units' English) becomes a table of word postings of the same name, written in
  bulk from the rows the store sends it (see :func:`write_words`), as a GIN index over
  an expression cost the server ten times more per unit than the rest of an import;
  queries of either are :class:`Dialect` methods;
* a ``BYTEA`` column is stored uncompressed (``STORAGE EXTERNAL``: pglz gave up on the
  index's posting blobs, and trying cost every import); the match index's blobs are then
  compressed with LZ4 (migration ``tm/0012_compressed_postings``, :meth:`Dialect.compress`);
* ``INSERT OR IGNORE`` → ``ON CONFLICT DO NOTHING``; ``instr(a, b)`` → ``strpos(a, b)``;
  ``x NOT GLOB '*[^0-9]*'`` (only digits) → ``x !~ '[^0-9]'``; ``json_each(table.column)``
  → ``LATERAL (SELECT value … FROM jsonb_array_elements_text(table.column::jsonb))``;
  ``rowid`` → ``ctid`` (tables without an ``id``);
* ``json_each(?)`` (a JSON array of ids or keys bound as one parameter) → ``unnest``
  of a PostgreSQL array, the parameter converted; strings there, and the values of
  ``json_each(table.column)``, in collation ``"C"`` as the columns are;
* ``ORDER BY x`` → ``ORDER BY x NULLS FIRST`` (``DESC``: ``NULLS LAST``): SQLite sorts
  NULL lowest (not for an ``id``, a primary key: see :data:`_KEY_ORDER`);
* ``BEGIN IMMEDIATE`` (SQLite's one writer at a time) → ``BEGIN`` and a transaction
  advisory lock, so writers queue instead of failing; readers are never blocked
  (MVCC: a reader sees an import whole or not at all);
* ``PRAGMA`` → nothing (a read gives ``0``).

``executemany`` of a plain ``INSERT … VALUES`` is sent as one ``COPY … FROM STDIN``.
An ``INSERT`` into a table with an ``id`` gets ``RETURNING id`` so ``lastrowid`` works.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections import deque
from functools import lru_cache
from pathlib import Path

from tm.errors import DatabaseError
from tm.memory.columns import Columns
from tm.text.lazy import Pattern

SCHEMES = ("postgresql://", "postgres://")
WRITE_LOCK = 0x7A74_0001          # pg_advisory_xact_lock key of "BEGIN IMMEDIATE"
THEN = ";\n"                      # between the statements of one translation (run one by one)


def is_url(target) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def file_of(conn) -> str | None:
    """The file of an SQLite connection's main database (None: in memory). A name that
    is not UTF-8 is read as bytes: SQLite holds the name as given, and as text it cannot be
    read ("Could not decode to UTF-8 column 'file'")."""
    import os
    import sqlite3
    try:                            # (the pragma reads no page: no WAL file is made)
        row = conn.execute("PRAGMA database_list").fetchone()
        return row[2] if row and len(row) > 2 and row[2] else None
    except sqlite3.OperationalError:     # not UTF-8
        row = conn.execute("SELECT CAST(file AS BLOB) FROM pragma_database_list "
                           "WHERE name = 'main'").fetchone()
        return os.fsdecode(row[0]) if row and row[0] else None


# --------------------------------------------------------------------------- translation

# (The patterns are compiled when first used, tm.text.lazy: a one-shot ``tm match``
# translates four statements, which need three of them.)
_FTS = Pattern(r"^\s*CREATE VIRTUAL TABLE (\w+) USING fts5\s*\((.*)\)\s*;?\s*$", re.S | re.I)
_FTS_TABLE = Pattern(r"\b(?:INTO|FROM|UPDATE|TABLE)\s+(\w+_fts)\b", re.I)
_ALIAS = r"(?:\s+(?:AS\s+)?(?!(?:JOIN|WHERE|ORDER|GROUP|LIMIT|LEFT|INNER|CROSS|ON|UNION)\b)(\w+))?"
_JSON_EACH = Pattern(r"json_each\(\?\)" + _ALIAS, re.I)
_JSON_COLUMN = Pattern(r"\bjson_each\((\w+\.\w+)\)" + _ALIAS, re.I)
_INTEGERS = Pattern(r"\[\s*(?:-?[0-9]{1,19}\s*(?:,\s*-?[0-9]{1,19}\s*)*)?\]")   # a JSON array of integers
_ORDER_BY = Pattern(r"\bORDER BY\b", re.I)
_ORDER_END = Pattern(r"\b(LIMIT|OFFSET|UNION|FOR)\b", re.I)
_FTS_ROWS = Pattern(r"\s*INSERT INTO (\w+_fts) \(rowid, \w+\) VALUES \(\?, \?\)\s*$", re.I)
_FTS_WRITE = Pattern(r"\s*INSERT INTO (\w+_fts) \(\1(?:, rowid, \w+)?\) VALUES \('(delete|delete-all)'", re.I)


def _holds(s: str, words: str) -> bool:
    """Whether ``s`` may hold ``words`` (upper case) in any case: a pattern for them is tried
    (and compiled) only then. A statement that is not ASCII may: ``re.IGNORECASE`` also
    matches İ (U+0130) to i, which ``str.upper`` leaves as it is."""
    return not s.isascii() or words in s.upper()


@lru_cache(maxsize=4096)
def translate(sql: str) -> tuple[str | None, tuple[int, ...], str | None]:
    """``(postgres_sql, json_params, insert_table)``: the statement for PostgreSQL
    (``None``: nothing to run), the positions of the parameters bound as JSON arrays
    (to become PostgreSQL arrays), and the table of a single-row ``INSERT`` (for ``RETURNING id``)."""
    s = sql.strip()
    head = s[:40].upper()
    if head.startswith("PRAGMA"):
        return (None if "=" in s else "SELECT 0"), (), None
    if head.startswith("BEGIN"):
        return f"BEGIN{THEN}SELECT pg_advisory_xact_lock({WRITE_LOCK})" if "IMMEDIATE" in head else "BEGIN", (), None
    # (each pattern below is tried only where the statement may hold its words: _holds)
    m = _FTS.match(s) if _holds(s, "CREATE VIRTUAL TABLE") else None
    if m:
        return _fts_index(m.group(1), m.group(2)), (), None
    if head.startswith("CREATE TRIGGER") and "_FTS" in s.upper():
        return None, (), None
    t = _FTS_TABLE.search(s) if _holds(s, "_FTS") else None
    if t and not head.startswith(("CREATE", "SELECT")):
        return None, (), None          # writes to an FTS5 table: PostgreSQL's index keeps itself
    if head.startswith(("CREATE TABLE", "ALTER TABLE")):
        s = _ddl(s)
    s = s.replace("%", "%%")
    if _holds(s, "INSERT OR IGNORE INTO"):
        s = re.sub(r"\bINSERT OR IGNORE INTO\b(.*)$", r"INSERT INTO\1 ON CONFLICT DO NOTHING", s, flags=re.S | re.I)
    if _holds(s, "REPLACE") and re.search(r"\bINSERT OR REPLACE\b|\bREPLACE INTO\b", s, re.I):
        raise NotImplementedError("INSERT OR REPLACE has no PostgreSQL translation: write "
                                  "INSERT … ON CONFLICT (key) DO UPDATE SET …, which both backends run")
    if _holds(s, "INSTR("):
        s = re.sub(r"\binstr\(", "strpos(", s, flags=re.I)
    if _holds(s, "ROWID"):
        s = re.sub(r"\browid\b", "ctid", s, flags=re.I)
    # GLOB with a character class (the one form the store uses: "only digits") as a regex
    if "NOT GLOB '*[^0-9]*'" in s:
        s = re.sub(r"\bNOT GLOB '\*\[\^0-9\]\*'", "!~ '[^0-9]'", s)
    # json_each over a JSON column (a change's keys) rather than a bound array, its values
    # compared and sorted by code point as SQLite's are (the function's own are the database's
    # collation: with ICU or a glibc locale 'plan::' < 'plan:0')
    if _holds(s.replace("json_each(?)", ""), "JSON_EACH("):   # (not a bound array's: below)
        s = _JSON_COLUMN.sub(lambda m: f'LATERAL (SELECT _je.value COLLATE "C" AS value FROM '
                                       f'jsonb_array_elements_text({m.group(1)}::jsonb) AS _je(value)) '
                                       f'AS {m.group(2) or "json_each"}', s)
    json_params = []
    if "json_each" in s:
        out, pos = [], 0
        for m in _JSON_EACH.finditer(s):
            json_params.append(s[:m.start()].count("?"))
            alias = m.group(1) or "json_each"
            out.append(s[pos:m.start()] + f"unnest(%s::{{T{len(json_params) - 1}}}) AS {alias}(value)")
            pos = m.end()
        s = "".join(out) + s[pos:]
    if _holds(s, "ORDER BY"):
        s = _nulls_first(s)
    s = s.replace("?", "%s")
    insert = re.match(r"INSERT INTO (\w+)", s, re.I) if _holds(s, "INSERT INTO") else None
    return s, tuple(json_params), (insert.group(1) if insert and " RETURNING " not in s.upper() else None)


def _ddl(s: str) -> str:
    s = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", s)
    s = re.sub(r"\bINTEGER\b", "BIGINT", s)
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    s = re.sub(r"\bBLOB\b", "BYTEA", s)
    s = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', s)
    s = re.sub(r"\)\s*WITHOUT ROWID", ")", s, flags=re.I)
    table = re.match(r"(?:CREATE|ALTER) TABLE (?:IF NOT EXISTS )?(\w+)\b", s, re.I)
    for column in re.findall(r"(?:\(|,|ADD COLUMN)\s*(\w+) BYTEA\b", s, re.I) if table else ():
        s += f"{THEN}ALTER TABLE {table.group(1)} ALTER COLUMN {column} SET STORAGE EXTERNAL"
    return s


def _fts_index(name: str, args: str) -> str:
    """An FTS5 table as what stands for it: ``trigram`` as a ``pg_trgm`` GIN index on
    the column it indexes, a word tokenizer (``unicode61``) as a table of word postings
    (see :func:`word_table`)."""
    parts = [a.strip() for a in args.split(",")]
    column = parts[0]
    content = next((p.split("=", 1)[1].strip(" '\"") for p in parts if p.startswith("content=")), None)
    table = content or re.sub(r"_fts$", "", name)
    if "trigram" in args:
        return f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)"
    return word_table(name)


def word_table(name: str) -> str:
    """The word postings that stand for a word-tokenized FTS5 table: per word (its
    :func:`word_key`), rows of the ids of the units holding it (``array('Q')`` bytes,
    ascending), one row per word per write (see :func:`write_words`)."""
    return (f"CREATE TABLE {name} (word BIGINT NOT NULL, ids BYTEA NOT NULL){THEN}"
            f"ALTER TABLE {name} ALTER COLUMN ids SET STORAGE EXTERNAL{THEN}"
            f"CREATE INDEX {name}_word ON {name} (word)")


_SEPARATE = bytes(c if c == 0 or 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))
_BASE = 0x100000001B3
_MASK = (1 << 64) - 1


def words(text: str) -> set[str]:
    """The words a unit is filed under in the word postings: the runs of ASCII letters
    and digits of its lower-cased text. A query's ASCII words, lower-cased, are looked up;
    every unit holding a query word as a whole word (any case) is filed under it, so the
    units found are a superset of the hits (the caller checks each)."""
    raw = text.replace("\x00", " ").lower().encode("utf-8", "surrogatepass")
    return {w.decode() for w in raw.translate(_SEPARATE).split()}


def word_key(word: str) -> int:
    """A word's key in the word postings: the polynomial hash ``sum(byte[i] * B**i)``
    modulo 2**64 (``B`` = 0x100000001B3) of its UTF-8 bytes, as a signed 64-bit integer.
    Words that share a key share postings: the units found stay a superset."""
    h, power = 0, 1
    for b in word.encode("utf-8"):
        h = (h + b * power) & _MASK
        power = (power * _BASE) & _MASK
    return h - (1 << 64) if h >= 1 << 63 else h


_INVERSE = pow(_BASE, -1, 1 << 64)      # _BASE is odd: it has an inverse modulo 2**64
_POWERS: list = []                      # [B**i, B**-i for i < n] (numpy uint64), grown as needed


def _power_tables(n: int) -> tuple:
    """``(B**i, B**-i)`` modulo 2**64 for ``i`` below ``n`` at least (numpy ``uint64``
    arrays, kept), each doubling computed from the half before."""
    import numpy as np

    if not _POWERS:
        _POWERS[:] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]
    power, inverse = _POWERS
    while len(power) < n:
        k = len(power)
        power = np.concatenate([power, power * np.uint64(pow(_BASE, k, 1 << 64))])
        inverse = np.concatenate([inverse, inverse * np.uint64(pow(_INVERSE, k, 1 << 64))])
    _POWERS[:] = [power, inverse]
    return power, inverse


def _word_keys(rows: list) -> tuple:
    """``(keys, ids)``: the :func:`word_key` of every word of the texts of ``rows`` (``(id,
    text)``) and the id of its unit, as numpy arrays, computed over all the texts at once:
    with the bytes of all words end to end, byte ``i`` weighted by ``B**i``, a word's key is
    the sum of its bytes' weights (a difference of prefix sums) times ``B**-start``, all
    modulo 2**64 (numpy's ``uint64`` arithmetic wraps). A byte's offset in its word (a
    gather of ``B**offset`` per byte, and ``add.reduceat``) cost a fifth more."""
    import numpy as np

    uids = np.fromiter((r[0] for r in rows), dtype=np.uint64, count=len(rows))
    # the texts end to end, a NUL after each (PostgreSQL text holds none); every byte
    # that is not an ASCII letter or digit (of the lower-cased text) becomes a space
    text = ("\x00".join(r[1].replace("\x00", " ") for r in rows) + "\x00").lower()
    buf = np.frombuffer(text.encode("utf-8", "surrogatepass").translate(_SEPARATE), dtype=np.uint8)
    ends = buf == 0
    at = np.flatnonzero((buf != 32) & ~ends)                   # the bytes of words
    if not len(at):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    first = np.ones(len(at), dtype=bool)
    first[1:] = at[1:] != at[:-1] + 1                         # a word starts after a gap
    starts = np.flatnonzero(first)
    power, inverse = _power_tables(len(at))
    sums = np.cumsum(buf[at] * power[:len(at)])               # wraps modulo 2**64
    keys = sums[np.append(starts[1:], len(at)) - 1]
    keys[1:] -= sums[starts[1:] - 1]
    keys = (keys * inverse[starts]).view(np.int64)            # as word_key, signed
    # a word's unit: the NULs before its first byte
    return keys, uids[np.searchsorted(np.flatnonzero(ends), at[starts])]


_KEY_ORDER = Pattern(r"(?:\w+\.)?id(?:\s+(?:ASC|DESC))?$", re.I)
"""An ``ORDER BY`` item on an ``id``: every ``id`` of the schema is an ``INTEGER PRIMARY
KEY``, never NULL, so it needs no ``NULLS FIRST`` — and with one, PostgreSQL cannot read
the primary key's B-tree in order (its order is NULLS LAST): ``ORDER BY id LIMIT n``
became a sort of the whole table."""


def _nulls_first(s: str) -> str:
    """Add ``NULLS FIRST``/``NULLS LAST`` to each ``ORDER BY`` item (SQLite: NULL is lowest)."""
    pieces = _ORDER_BY.split(s)
    if len(pieces) == 1:
        return s
    out = [pieces[0]]
    for piece in pieces[1:]:
        depth, end = 0, len(piece)
        for i, ch in enumerate(piece):       # the clause ends at a closing bracket of an outer level
            depth += ch == "("
            depth -= ch == ")"
            if depth < 0:
                end = i
                break
        clause, rest = piece[:end], piece[end:]
        stop = _ORDER_END.search(clause)
        if stop:
            clause, rest = clause[:stop.start()], clause[stop.start():] + rest
        items, depth, cur = [], 0, ""
        for ch in clause:
            depth += ch == "("
            depth -= ch == ")"
            if ch == "," and depth == 0:
                items.append(cur)
                cur = ""
            else:
                cur += ch
        items.append(cur)
        fixed = []
        for item in items:
            body = item.strip()
            if re.search(r"\bNULLS\b", body, re.I) or _KEY_ORDER.match(body):
                fixed.append(body)
            elif re.search(r"\bDESC$", body, re.I):
                fixed.append(body + " NULLS LAST")
            else:
                fixed.append(body + " NULLS FIRST")
        out.append(" " + ", ".join(fixed) + (" " if rest and not rest.startswith((" ", ")")) else "") + rest)
    return "ORDER BY".join(out)


def write_words(raw, table: str, rows) -> None:
    """File the units ``rows`` (``(id, text)``) under their :func:`words` in the word
    postings ``table``: one row per word (the ids ascending), by one binary ``COPY`` (the
    rows of :func:`word_columns`)."""
    cols = word_columns(rows)
    if cols is not None:
        with raw.cursor() as cur, cur.copy(f"COPY {table} (word, ids) FROM STDIN (FORMAT BINARY)") as copy:
            for block in pack_columns(cols):
                copy.write(block)


def word_columns(rows) -> Columns | None:
    """The word postings rows ``(word, ids)`` of the units ``rows`` (``(id, text)``), as
    :class:`~tm.memory.columns.Columns` (None: no words): a row per word, its ids ascending.
    The words and their keys are found with numpy, 10,000 texts at a time (a Python loop
    per word cost more than the server's whole share of an import); the rows are laid
    out for a binary ``COPY`` with numpy too (:func:`pack_columns`)."""
    import numpy as np

    rows = list(rows)
    parts = [_word_keys(rows[k:k + 10_000]) for k in range(0, len(rows), 10_000)]
    if not parts:
        return None
    keys = np.concatenate([k for k, _ in parts])
    ids = np.concatenate([i for _, i in parts])
    order = np.lexsort((ids, keys))
    keys, ids = keys[order], ids[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (ids[1:] != ids[:-1])   # a word twice in a unit: once
    keys, ids = keys[fresh], ids[fresh]
    if not len(keys):
        return None
    heads = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return Columns(len(heads), [("int", keys[heads]), ("blob", ids, heads, np.append(heads[1:], len(ids)))])


_SIGNATURE = b"PGCOPY\n\xff\r\n\0" + bytes(8)     # binary COPY: signature, flags, no extension
_TRAILER = b"\xff\xff"
_BLOCK = 1 << 20                                    # bytes handed to psycopg at a time


def _blocks(n: int, segments: list):
    """The binary ``COPY`` data of ``n`` rows, in blocks of about :data:`_BLOCK` bytes (the
    signature first, the trailer last). A row is the pieces of each segment in turn; a
    segment is ``(heads, offsets, body, width, starts, ends)``: row ``i``'s head is
    ``heads[offsets[i]:offsets[i + 1]]``, followed, unless ``body`` is None, by
    ``body[starts[i] * width:ends[i] * width]``."""
    pieces, held = [_SIGNATURE], 0
    for i in range(n):
        for heads, offsets, body, width, starts, ends in segments:
            pieces.append(heads[offsets[i]:offsets[i + 1]])
            if body is not None:
                a, b = starts[i] * width, ends[i] * width
                pieces.append(body[a:b])
                held += b - a
        if held >= _BLOCK:
            yield b"".join(pieces)
            pieces, held = [], 0
    pieces.append(_TRAILER)
    yield b"".join(pieces)


def build_words(raw, table: str = "units_en_fts") -> None:
    """File every two-sided unit in the (empty) word postings ``table``, in chunks."""
    with raw.cursor(name="zt_words") as cur:    # a server-side cursor: the units stream
        cur.execute("SELECT id, en FROM units WHERE zh != '' AND en != '' ORDER BY id")
        while rows := cur.fetchmany(100_000):
            write_words(raw, table, rows)


_OLD_WORDS = ("SELECT c.relkind, a.atttypid::regtype::text FROM pg_class c LEFT JOIN pg_attribute a "
              "ON a.attrelid = c.oid AND a.attname = 'word' WHERE c.oid = to_regclass('units_en_fts')")


def _word_tables(raw) -> None:
    """A memory made when the English word index was a GIN index over an expression (or
    a table of words as text): it becomes the word postings table (once, under the
    writers' lock)."""
    def old():
        found = raw.execute(_OLD_WORDS).fetchone()
        return found is not None and found != ("r", "bigint")
    if not old():
        return
    with raw.transaction():
        raw.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        if not old():
            return                              # converted by another connection meanwhile
        kind = raw.execute(_OLD_WORDS).fetchone()[0]
        raw.execute(f"DROP {'INDEX' if kind == 'i' else 'TABLE'} units_en_fts")
        for part in word_table("units_en_fts").split(THEN):
            raw.execute(part)
        build_words(raw)


# --------------------------------------------------------------------------- connection

def _loaders(conn) -> None:
    """``sum()`` of integers is ``numeric`` in PostgreSQL: read it as int (float if
    fractional), in text and in binary results (see :data:`_BINARY`)."""
    from psycopg.adapt import Loader
    from psycopg.types.numeric import NumericBinaryLoader

    from tm.memory.libpq import numeric

    class NumericLoader(Loader):
        def load(self, data):
            return numeric(bytes(data))

    class NumberBinaryLoader(NumericBinaryLoader):
        def load(self, data):
            value = super().load(data)
            return int(value) if value == value.to_integral_value() else float(value)

    conn.adapters.register_loader("numeric", NumericLoader)
    conn.adapters.register_loader("numeric", NumberBinaryLoader)


QUEUED = 3
"""``COPY`` s queued for the background thread at most (besides the one it runs): a
range of the final merge is about 2,000,000 postings, 16 MB of codes."""


LOOKED_UP = {"units": "digest, key"}
"""The tables an import reads while it writes them (its duplicate look-ups, see
:func:`tm.memory.store.import_prepared`), and the columns it reads."""

WRITE_ONLY = frozenset({"match_postings", "match_rare"})
"""Tables an import only writes (the match index's postings, all in its final merge):
:meth:`Connection.defer_indexes` drops their primary keys too, built again by one sort
before the commit, where each row was inserted into a B-tree (session 19: 400,000 B-tree
inserts, each a WAL record, at 300,000 units). ``units`` keeps its own: the import reads
candidate duplicates by id."""


_BINARY = re.compile(r"\bFROM (?:match_postings|match_rare)\b")
"""Statements whose results come in binary: the posting blobs (half the bytes of hex text,
and no decoding)."""


_FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION ifnull(anyelement, anyelement) RETURNS anyelement "
    "LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)'",
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT strpos($1, $2)'",
    "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = _group_concat_step, STYPE = text)",
)


def _functions(raw) -> None:
    """SQLite's ``ifnull``, ``instr`` and ``group_concat(x, sep)`` as PostgreSQL functions
    in the database's schema (made once; then one cheap check per connection)."""
    if raw.execute("SELECT to_regproc('ifnull')").fetchone()[0] is not None:
        return
    import psycopg
    try:
        with raw.transaction():
            raw.execute("CREATE OR REPLACE FUNCTION _group_concat_step(text, text, text) RETURNS text "
                        "LANGUAGE sql IMMUTABLE AS "
                        "'SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || $3 || $2 END'")
            for sql in _FUNCTIONS:
                raw.execute(sql)
    except psycopg.errors.UniqueViolation:
        pass                                    # another connection made them at the same moment


def _write_binary(copy, rows, types: list[str]) -> int:
    """Write ``rows`` of ``int8`` and ``bytea`` values (see :meth:`Connection._binary_types`)
    to a binary ``COPY``, packed here with ``struct`` (psycopg's ``write_row`` called a
    Python dumper for every ``bytes`` value: 6 µs a row of index postings). Returns the
    number of rows."""
    import struct

    # a row: its field count, then each field's length and bytes; the integers before
    # each blob (and the blob's length) are packed by one struct
    plan, fmt, at = [], ">h", []
    for k, kind in enumerate(types):
        if kind == "int8":
            fmt += "iq"
            at.append(k)
        else:
            plan.append((struct.Struct(fmt + "i").pack, tuple(at), k))
            fmt, at = ">", []
    tail = struct.Struct(fmt).pack if at or fmt != ">" else None
    count, null = len(types), b"\xff\xff\xff\xff"
    pieces, held, n = [_SIGNATURE], 0, 0
    for row in rows:
        n += 1
        if None in row:                          # NULLs: field by field
            pieces.append(count.to_bytes(2, "big"))
            for v, kind in zip(row, types):
                data = null if v is None else (struct.pack(">iq", 8, v) if kind == "int8" else
                                               len(v).to_bytes(4, "big") + bytes(v))
                pieces.append(data)
            continue
        first = True
        for pack, ints, k in plan:
            args = [count] if first else []
            for i in ints:
                args += (8, row[i])
            blob = row[k]
            pieces.append(pack(*args, len(blob)))
            pieces.append(blob)
            held += len(blob)
            first = False
        if tail is not None:
            args = [count] if first else []
            for i in at:
                args += (8, row[i])
            pieces.append(tail(*args))
        if held >= _BLOCK:
            copy.write(b"".join(pieces))
            pieces, held = [], 0
    pieces.append(_TRAILER)
    copy.write(b"".join(pieces))
    return n


def pack_columns(cols):
    """The binary ``COPY`` data of :class:`tm.memory.columns.Columns` (only ``int`` and
    ``blob`` fields), as an iterator of buffers to write in turn, laid out with numpy: the
    fields between two blobs (with the field count and the next blob's length) are one
    head per row, built for all rows at once; a Python loop only puts each row's heads
    and blob slices in order (``struct`` and a tuple per row cost the import of 200,000
    units about 2 s of CPU)."""
    import numpy as np

    n = cols.n
    segments: list[tuple] = []          # (heads bytes, per-row offsets, blob view, item size, starts, ends)
    mats: list = [np.frombuffer((len(cols.fields)).to_bytes(2, "big"), dtype=np.uint8)[None, :].repeat(n, 0)]
    keeps: list = [None]

    def int_field(values, present=None):
        m = np.empty((n, 12), dtype=np.uint8)
        m[:, :4] = np.frombuffer(b"\0\0\0\x08", dtype=np.uint8)
        m[:, 4:] = np.asarray(values, dtype=">i8").reshape(n, 1).view(np.uint8) if not isinstance(values, int) \
            else np.frombuffer(values.to_bytes(8, "big", signed=True), dtype=np.uint8)
        mats.append(m)
        if present is None:
            keeps.append(None)
            return
        m[~present, :4] = 0xFF                  # NULL: length -1 and no value
        keep = np.ones((n, 12), dtype=bool)
        keep[~present, 4:] = False
        keeps.append(keep)

    def close(blob=None):
        widths = [m.shape[1] for m in mats]
        heads = np.hstack(mats) if len(mats) > 1 else mats[0]
        if any(k is not None for k in keeps):
            keep = np.hstack([np.ones((n, w), dtype=bool) if k is None else k for k, w in zip(keeps, widths)])
            flat = heads[keep]
            offsets = np.concatenate([[0], np.cumsum(keep.sum(1))]).tolist()
        else:
            flat = heads.ravel()
            offsets = list(range(0, n * sum(widths) + 1, sum(widths)))
        if blob is None:
            segments.append((memoryview(flat.tobytes()), offsets, None, 0, None, None))
        else:
            data, starts, ends = blob
            raw = np.ascontiguousarray(data)
            segments.append((memoryview(flat.tobytes()), offsets, memoryview(raw.view(np.uint8)), raw.itemsize,
                             np.asarray(starts).tolist(), np.asarray(ends).tolist()))
        mats.clear()
        keeps.clear()

    for field in cols.fields:
        if field[0] == "int":
            int_field(field[1])
        elif field[0] == "int?":
            int_field(field[1], np.asarray(field[2], dtype=bool))
        else:
            data, starts, ends = field[1], np.asarray(field[2], dtype=np.int64), np.asarray(field[3], dtype=np.int64)
            mats.append(((ends - starts) * data.itemsize).astype(">i4").reshape(n, 1).view(np.uint8))
            keeps.append(None)
            close((data, starts, ends))
    if mats:
        close()
    # the blocks as the COPY takes them, not all made first: the server reads one while
    # the next is laid out (a range of the final merge is about 30 MB of COPY data)
    return _blocks(n, segments)


class LaidOut:
    """Rows of an ``executemany`` laid out ahead (see :meth:`Connection.lay_out`): ``columns``
    (None: no row to write) stand for ``n`` rows given."""

    def __init__(self, columns: Columns | None, n: int):
        self.columns = columns
        self.n = n


class Cursor:
    """The part of ``sqlite3.Cursor`` the store uses: iteration, ``fetchone``,
    ``fetchall``, ``description``, ``lastrowid``, ``rowcount``. The result arrives whole (libpq keeps it
    compact); rows become Python objects only as they are read, so streaming a big
    table costs the raw result, not a list of tuples."""

    def __init__(self, cur=None, lastrowid=None, rowcount=-1):
        self._cur = cur
        self._description = None
        self.lastrowid = lastrowid
        self.rowcount = rowcount

    def __iter__(self):
        while self._cur is not None:
            rows = self._cur.fetchmany(2000)
            if not rows:
                self._close()
                return
            yield from rows

    @property
    def description(self):
        """The DB-API column descriptions (``d[0]`` is the name), None without a result."""
        if self._description is None and self._cur is not None:
            self._description = [tuple(c) for c in self._cur.description or ()] or None
        return self._description

    def fetchone(self):
        row = self._cur.fetchone() if self._cur is not None else None
        if row is None:
            self._close()
        return row

    def fetchmany(self, size: int | None = None):
        rows = self._cur.fetchmany(size or 2000) if self._cur is not None else []
        if not rows:
            self._close()
        return rows

    def fetchall(self):
        rows = self._cur.fetchall() if self._cur is not None else []
        self._close()
        return rows

    def _close(self):
        if self._cur is not None:
            self._cur.close()
            self._cur = None


class Connection:
    """A psycopg connection (autocommit; explicit ``BEGIN``/``COMMIT`` as the store
    issues them) that takes SQLite-dialect statements (see :func:`translate`). A one-shot
    read gives it :mod:`tm.memory.libpq`'s connection instead (:func:`open_reader`), which
    runs the read path's statements as psycopg does."""

    # The match index's frequent posting rows are written packed (tm.memory.index.pack_codes:
    # the differences of the codes, 1-2 bytes a code where LZ4 left about 5), so a match reads
    # fewer TOAST pages and receives fewer bytes; SQLite reads its blobs in place, unpacked.
    pack_postings = True

    def __init__(self, raw, url: str = ""):
        self._raw = raw
        self.url = url
        self._has_id: dict[str, bool] = {}
        self._words: dict[str, bool] = {}
        self._copied: dict[str, int] = {}      # rows copied per table since its last ANALYZE (see _grown)
        self._stale: set[str] = set()          # tables to ANALYZE before the commit (see _grown)
        self._deferred: list[str] = []         # indexes to build before the commit (see defer_indexes)
        self._bare: set[str] = set()           # the tables of those indexes
        self._jobs: deque = deque()            # COPYs for the background thread, in order (see _submit)
        self._worker = None                    # that thread, while it has jobs
        self._turn = threading.Condition()     # guards both
        self._types: dict[tuple[str, str], list[str] | None] = {}
        self._failed: BaseException | None = None

    @property
    def raw(self):
        """The psycopg connection, once a ``COPY`` running in the background has ended
        (its error, if it failed, is raised here, once)."""
        self._wait()
        return self._raw

    def _wait(self, *, keep_error: bool = False) -> None:
        if self._worker is not None:
            with self._turn:
                while self._worker is not None:
                    self._turn.wait()
        if self._failed is not None and not keep_error:
            exc, self._failed = self._failed, None
            raise exc

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus
        self._wait(keep_error=True)
        return self._raw.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def _prepare(self, sql: str, params):
        pg, json_params, _ = translate(sql)
        if pg is None:
            return None, None
        params = list(params or ())
        if json_params:
            types = {}
            for k, i in enumerate(json_params):
                if isinstance(params[i], str) and _INTEGERS.fullmatch(params[i]):
                    # a JSON array of integers is a PostgreSQL array literal in other brackets:
                    # the server reads it (a list of 2,000 digests, decoded and then dumped
                    # by psycopg element by element, cost an import 3-4 µs a unit)
                    params[i] = "{" + params[i][1:-1] + "}"
                    types[f"T{k}"] = "bigint[]"
                    continue
                if isinstance(params[i], str):
                    import json     # here only: a one-shot read binds integer arrays alone (~5M instructions)
                    values = json.loads(params[i])
                else:
                    values = list(params[i])
                params[i] = values
                # strings compared and sorted by code point, as SQLite's and the columns' are
                types[f"T{k}"] = 'text[] COLLATE "C"' if any(isinstance(v, str) for v in values) else "bigint[]"
            pg = pg.format(**types) if "{T" in pg else pg
        return pg, params

    def execute(self, sql: str, params=()) -> Cursor:
        if sql == "ROLLBACK":
            self._wait(keep_error=True)
            self._failed = None                 # the transaction it failed in ends here
            self._stale.clear()
            self._copied.clear()
            self._deferred.clear()              # the DROP INDEX statements are rolled back too
            self._bare.clear()
        elif sql == "COMMIT":
            if self._stale or self._deferred:
                self._wait()
                self._build_deferred()
                self._analyze_stale()
            self._bare.clear()
        pg, params = self._prepare(sql, params)
        if pg is None:
            words_op = _FTS_WRITE.match(sql)
            return self._word_op(words_op) if words_op else Cursor()
        table = translate(sql)[2]
        returning = table is not None and self._table_has_id(table) and "VALUES" in pg.upper()
        if returning:
            pg += " RETURNING id"
        cur = self.raw.cursor()
        try:
            if THEN in pg:                      # BEGIN; SELECT pg_advisory_xact_lock(…), DDL
                for part in pg.split(THEN):
                    cur.execute(part)
            else:
                cur.execute(pg, params, prepare=False, binary=bool(_BINARY.search(pg)))
        except BaseException as exc:
            cur.close()
            if "gin_trgm_ops" in pg and type(exc).__name__ == "UndefinedObject":
                # the term base's trigram index (migration glossary/003) on a database where
                # pg_trgm is not installed, or not in the search path
                raise needs_extension(self.url, self._raw.info.dbname, "pg_trgm", "the term base",
                                      where=" (on the search path)") from None
            raise
        count = cur.rowcount                    # (read before close, which resets it to -1)
        if returning:
            row = cur.fetchone()
            cur.close()
            return Cursor(lastrowid=row[0] if row else None, rowcount=count)
        if cur.description is None:
            cur.close()
            return Cursor(rowcount=count)
        return Cursor(cur, rowcount=count)

    def executemany(self, sql: str, seq) -> Cursor:
        m = _FTS_ROWS.match(sql)
        if m and self._is_word_table(m.group(1)):
            if isinstance(seq, LaidOut):
                cols, n = seq.columns, seq.n
            else:
                rows = list(seq)
                cols, n = word_columns(rows), len(rows)
            if cols is None:
                pass
            elif self._worker is not None or self.in_transaction:
                # queued like the units' COPYs (below): the writer of an import goes on while
                # the server files the words (it waited for the queue and for this COPY)
                self._submit((m.group(1), "word, ids", cols))
            else:
                self._copy_rows(m.group(1), "word, ids", cols, background=False)
            return Cursor(rowcount=n)
        pg, _ = self._prepare(sql, ())
        if pg is None:
            return Cursor()
        m = re.match(r"INSERT INTO (\w+)\s*\(([^)]*)\)\s*VALUES\s*\(([%s,\s]*)\)\s*$", pg, re.I)
        if m and (self._worker is not None or self.in_transaction):
            # in a transaction (COPYs are queued in one only): the COPY runs in a thread while
            # the caller goes on (an import checks its next batch, the final merge sorts its
            # next range meanwhile); whatever uses the connection next waits for them all (see
            # raw), and an error of a COPY is raised there, before the transaction can commit
            rows = seq if isinstance(seq, Columns) else list(seq)
            self._submit((m.group(1), m.group(2), rows))
            return Cursor(rowcount=len(rows))
        if m:
            return Cursor(rowcount=self._copy_rows(m.group(1), m.group(2), seq, background=False))
        with self.raw.cursor() as cur:
            rows = [self._prepare(sql, p)[1] for p in seq]
            if rows:
                cur.executemany(pg if "{T" not in pg else self._prepare(sql, rows[0])[0], rows)
            return Cursor(rowcount=len(rows))

    @staticmethod
    def lay_out(sql: str, rows: list) -> LaidOut | None:
        """The rows of an ``executemany(sql, rows)`` laid out for its ``COPY`` ahead, by numpy
        and without the connection, so another thread may do it: what :meth:`executemany`
        then takes in their place (None: nothing to lay out). The rows of a word-tokenized
        full-text table (``INSERT INTO …_fts (rowid, text)``): their word postings (see
        :func:`word_columns`), about a sixth of an import's writer
        (:meth:`tm.memory.index.Index.flush`)."""
        if not _FTS_ROWS.match(sql):
            return None
        return LaidOut(word_columns(rows), len(rows))

    def _submit(self, job: tuple) -> None:
        """Queue a ``COPY`` (``(table, columns, rows)``) for the background thread, started
        if none runs; waits while :data:`QUEUED` are queued already (their rows are held in
        memory). With one ``COPY`` at a time, the final merge of a large import waited for
        each range's ``COPY`` before the next could start, and the server for the merge
        between them."""
        if self._failed is not None:
            self._wait()                        # raises it: the transaction cannot go on
        with self._turn:
            while len(self._jobs) >= QUEUED:
                self._turn.wait()
            self._jobs.append(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="tm-pg-copy", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        """The background thread: run the queued ``COPY`` s in order, then end. After one
        fails, the rest are dropped (the transaction is lost; :meth:`_wait` raises the error)."""
        while True:
            with self._turn:
                if not self._jobs:
                    self._worker = None
                    self._turn.notify_all()
                    return
                table, columns, rows = self._jobs[0]
            if self._failed is None:
                self._copy_rows(table, columns, rows)
            with self._turn:
                self._jobs.popleft()
                self._turn.notify_all()

    def _copy_rows(self, table: str, columns: str, rows, *, background: bool = True) -> int:
        """``COPY`` the ``rows`` into ``table`` (in the background: an error is kept for
        :meth:`_wait`). Returns the number of rows."""
        n = 0
        try:
            types = self._binary_types(table, columns)
            with self._raw.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN"
                                                     + (" (FORMAT BINARY)" if types else "")) as copy:
                if types and isinstance(rows, Columns):
                    for block in pack_columns(rows):
                        copy.write(block)
                    n = rows.n
                elif types:
                    n = _write_binary(copy, rows, types)
                else:
                    for row in rows:
                        copy.write_row(row)
                        n += 1
            if not self._words.get(table):     # a word table is read by its index alone
                self._grown(table, n)
        except BaseException as exc:
            if not background:
                raise
            self._failed = exc
        return n

    def _binary_types(self, table: str, columns: str) -> list[str] | None:
        """The types of ``columns`` of ``table`` if all are ``bigint`` or ``bytea`` (the
        index postings): such rows are copied in binary (no hex text for the blobs, half the
        bytes, and nothing for the server to parse), else None."""
        key = (table, columns)
        if key not in self._types:
            names = [c.strip() for c in columns.split(",")]
            found = dict(self._raw.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = %s", [table]).fetchall())
            kinds = [{"bigint": "int8", "bytea": "bytea"}.get(found.get(n, "")) for n in names]
            self._types[key] = None if None in kinds else kinds
        return self._types[key]

    def _grown(self, table: str, n: int) -> None:
        """After ``n`` rows were copied into ``table``: keep its statistics up with it.
        Without this a large import into a young table (no statistics yet, or from when it
        was a tenth of the size) is planned as if the table were tiny: the duplicate
        look-up of each batch (``digest IN (…)``) became a hash join over a full scan of
        ``units``, so an import's cost grew with the square of its size.

        A table the import reads (:data:`LOOKED_UP`) is analysed, for the columns it reads,
        as soon as the rows copied since the last time outnumber those its statistics know
        of; any table so grown is analysed whole once, just before the commit (for the
        readers after it). Analysing every table whole each time cost the server 12% of an
        import. ``ANALYZE`` counts the rows of the running transaction and takes no lock
        that readers or row writers wait for."""
        copied = self._copied.get(table, 0) + n
        self._copied[table] = copied
        if copied < 10_000 or (table in self._bare and table in self._stale):
            return
        known = self._raw.execute("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = to_regclass(%s)",
                                  [table]).fetchone()
        if known is None or copied <= known[0]:
            return
        self._stale.add(table)
        if table in LOOKED_UP and table not in self._bare:
            # (a table whose indexes wait for the commit is looked up by its primary key
            # alone: statistics of the other columns would serve no query before the commit)
            self._raw.execute(f"ANALYZE {table} ({LOOKED_UP[table]})")
            self._copied[table] = 0

    def defer_indexes(self, tables) -> None:
        """Drop the indexes of ``tables`` but their primary keys (unique constraints
        included; the primary keys too of those in :data:`WRITE_ONLY`) until the end of the
        transaction: they are built again, from all the
        rows at once, just before it commits (see :meth:`execute`), so the transaction
        never commits without them. An import into an empty memory does this (see
        :func:`tm.memory.store.import_prepared`): a million units' random keys and digests
        were inserted into B-trees one by one, a third of the server's CPU, where a build
        sorts them once. ``DROP INDEX`` locks the table until the commit: readers of it
        wait for the import and then see it whole (of a memory that was empty). An index
        that a foreign key of another table needs is kept."""
        raw = self.raw
        for table in tables:
            self._bare.add(table)
            found = raw.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname, "
                "pg_get_constraintdef(c.oid) FROM pg_index i LEFT JOIN pg_constraint c "
                "ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid "
                "WHERE i.indrelid = to_regclass(%s) AND (NOT i.indisprimary OR %s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint f WHERE f.conindid = i.indexrelid AND f.contype = 'f') "
                "ORDER BY i.indexrelid", [table, table in WRITE_ONLY]).fetchall()
            for index, definition, constraint, clause in found:
                if constraint:
                    raw.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"')
                    self._deferred.append(f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {clause}')
                else:
                    raw.execute(f"DROP INDEX {index}")
                    self._deferred.append(definition)

    def _build_deferred(self) -> None:
        """Before a commit: build the indexes :meth:`defer_indexes` dropped (sorting in
        memory up to 256 MB: the default 64 MB spilled a million keys to disk)."""
        if self._deferred:
            self._raw.execute("SET LOCAL maintenance_work_mem = '256MB'")
        while self._deferred:
            self._raw.execute(self._deferred.pop(0))

    def _analyze_stale(self) -> None:
        """Before a commit: ``ANALYZE`` the tables the transaction grew past their statistics."""
        for table in sorted(self._stale):
            self._raw.execute(f"ANALYZE {table}")
            self._copied[table] = 0
        self._stale.clear()

    def _word_op(self, m) -> Cursor:
        """A write of the FTS5 commands to a word postings table: ``delete`` of one row
        leaves its postings (the caller checks every unit found against its current
        text); ``delete-all`` empties the table."""
        if m.group(2) == "delete-all" and self._is_word_table(m.group(1)):
            self.raw.execute(f"DELETE FROM {m.group(1)}")
        return Cursor(rowcount=0)

    def _is_word_table(self, table: str) -> bool:
        if table not in self._words:
            found = self.raw.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)",
                                     [table]).fetchone()
            if not (found and found[0] == "r"):
                return False            # not cached: the table may be made (or converted) later
            self._words[table] = True
        return self._words[table]

    def _table_has_id(self, table: str) -> bool:
        if table not in self._has_id:
            with self.raw.cursor() as cur:
                cur.execute("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                            "AND table_name = %s AND column_name = 'id'", [table])
                found = cur.fetchone() is not None
            if not found:
                return False            # not cached: the table may be created later
            self._has_id[table] = True
        return self._has_id[table]

    def commit(self) -> None:
        if self.in_transaction:
            self.execute("COMMIT")

    def close(self) -> None:
        self._wait(keep_error=True)
        self._raw.close()


def _quiet(psycopg) -> None:
    """Give psycopg's logger the handler a library gives its own (logging.NullHandler):
    psycopg's warnings are log records ("query cancellation failed: cancellation timeout
    expired" on a Ctrl-C the server did not answer), which Python writes to stderr where
    nobody configured logging, beside a command's one ``Error:`` line. A program that
    configures logging still gets them (they reach its handlers as before)."""
    import logging

    logger = logging.getLogger(psycopg.__name__)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


#: The options psycopg reads itself for its connection attempts (psycopg._conninfo_attempts)
_ATTEMPT_OPTIONS = ("host", "hostaddr", "port", "connect_timeout", "target_session_attrs", "load_balance_hosts")


def _service_options(psycopg, url: str) -> dict[str, str]:
    """The options psycopg's connection attempts read (:data:`_ATTEMPT_OPTIONS`) that ``url``
    does not give, as libpq reads them where ``url`` or ``PGSERVICE`` names a ``service``: the service file's
    values come before the ``PG*`` variables, and psycopg reads the string, then the variables,
    never the service (its issue #698: ``service=zt`` with ``PGHOST`` set went to PGHOST's
    address, where libpq, psql and :func:`tm.memory.libpq.connect` go to the service's host).
    Given to psycopg, they are what libpq would use anyway. libpq's own view, without a
    connection: a start with an invalid ``sslmode`` fills the options and stops before it
    connects. ``{}`` where neither ``url`` nor ``PGSERVICE`` names a service."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    given = conninfo_to_dict(url)
    if "service" not in given and not os.environ.get("PGSERVICE"):
        return {}
    pgconn = psycopg.pq.PGconn.connect_start(make_conninfo(url, sslmode="-").encode())
    try:
        return {option.keyword.decode(): option.val.decode("utf-8", "replace") for option in pgconn.info
                if option.keyword.decode() in _ATTEMPT_OPTIONS and option.keyword.decode() not in given
                and option.val is not None}
    finally:
        pgconn.finish()


class Database:
    """What the store uses of ``sqlite_utils.Database``, on PostgreSQL."""

    backend = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise DatabaseError("PostgreSQL needs psycopg: pip install 'zhen-tm[postgres]'") from None
        _quiet(psycopg)
        try:
            # UTF-8 whatever PGCLIENTENCODING or the URL say (the memory's Chinese in LATIN1
            # was a UnicodeEncodeError), as tm.memory.libpq.connect asks it
            raw = psycopg.connect(url, autocommit=True, client_encoding="UTF8", **_service_options(psycopg, url))
        except psycopg.Error as exc:
            raise cannot_connect(url, exc) from None
        except UnicodeError as exc:     # a host name that Python's resolver (idna) refuses, as libpq.connect says it
            host = psycopg.conninfo.conninfo_to_dict(url).get("host")
            raise cannot_connect(url, f"failed to resolve host {host!r}: {exc}") from None
        _loaders(raw)
        _functions(raw)
        _word_tables(raw)
        self._over(url, raw)

    def _over(self, url: str, raw) -> None:
        self.url = url
        self.conn = Connection(raw, url)
        self.dialect = POSTGRES

    @classmethod
    def reading(cls, url: str, raw) -> Database:
        """The database over ``raw``, a connection made elsewhere (:func:`open_reader`'s,
        through libpq), without what ``__init__`` makes sure of first: SQLite's functions
        (the read path calls none) and the form of the word postings (converted before any
        migration since 0014 could be applied: see :func:`open_reader`)."""
        db = cls.__new__(cls)
        db._over(url, raw)
        return db

    def execute(self, sql: str, params=()) -> Cursor:
        return self.conn.execute(sql, params)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.raw.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "ORDER BY table_name")]

    def close(self) -> None:
        self.conn.close()

    def __repr__(self) -> str:
        return f"<tm.pg.Database {safe_url(self.url)}>"


def start_reader(url: str):
    """:func:`open_reader`'s connection begun (:func:`tm.memory.libpq.start`), for
    ``open_reader(url, usable, started)`` to end: a one-shot command starts it before it
    imports its matching code, so the server starts the session's backend meanwhile. None
    where libpq cannot be loaded."""
    from tm.memory import libpq

    return libpq.start(url) if libpq.load() is not None else None


def open_reader(url: str, usable, started=None) -> Database | None:
    """The memory at ``url`` for a one-shot read (``tm match``, ``tm search``) through libpq
    itself (:mod:`tm.memory.libpq`), without psycopg, whose import cost such a command more
    than all the rest of its start (docs/postgres.md, session 20): one connection, and the
    statements of ``usable(connection)`` (:func:`tm.memory.reader.open_current`'s: are the
    migrations applied?) before the command's own. None when libpq cannot be loaded, or
    ``usable`` says no or fails (no ``_migrations``: an empty database):
    :func:`tm.memory.store.open_store` then opens it with psycopg, which migrates it or says
    what is wrong; so does a URL of several hosts (psycopg gives each its own timeout). A
    connection that fails is the same one line as with psycopg
    (:func:`cannot_connect`).

    The word postings' form (:func:`_word_tables`) needs no check: every memory that has
    migration ``tm/0014_numbered_keys`` was migrated by a version that converts it first.
    ``started``: :func:`start_reader`'s connection to ``url``, begun earlier."""
    from tm.memory import libpq

    if libpq.load() is None:
        return None
    try:
        raw = (started or libpq.start(url)).finish()
    except libpq.Unsupported:
        return None
    except libpq.OperationalError as exc:
        raise cannot_connect(url, exc) from None
    db = Database.reading(url, raw)
    try:
        if usable(db.conn):
            return db
    except libpq.Error:
        pass
    db.close()
    return None


def cannot_connect(url: str, exc: Exception) -> DatabaseError:
    """The one line for a connection that failed (the first line of psycopg's or libpq's
    message; libpq repeats a URL it cannot parse, password and all: masked)."""
    return DatabaseError(f"{safe_url(url)}: cannot connect: {_masked(str(exc).strip().splitlines()[0], url)}")


def explain(exc: BaseException, url) -> DatabaseError | None:
    """The one line for an error of the server or of the connection met while a command runs
    (psycopg's or :mod:`tm.memory.libpq`'s ``OperationalError``: the connection lost when the
    server was restarted, shut down or its process ended; a statement cancelled; the server
    out of disk), naming the database ``url`` (its password masked); None for any other error:
    a statement the server refused is a bug of ours, shown with its traceback. Neither driver
    is imported here: an error of one that was never loaded is none of its."""
    drivers = tuple(m.OperationalError for m in (sys.modules.get("psycopg"), sys.modules.get("tm.memory.libpq"))
                    if m is not None)
    if not drivers or not isinstance(exc, drivers):
        return None
    where = safe_url(url) if is_url(url) else "PostgreSQL"
    lines = str(exc).strip().splitlines()
    message = _masked(lines[0], url) if lines and is_url(url) else lines[0] if lines else type(exc).__name__
    state = getattr(exc, "sqlstate", None)
    if state is None or state.startswith("08") or state in ("57P01", "57P02", "57P03"):
        # no answer of the server (the connection broke), a connection exception, or the
        # server ending the session: admin shutdown, crash shutdown, cannot connect now
        return DatabaseError(f"{where}: the connection to the server was lost: {message}")
    return DatabaseError(f"{where}: {message}")


def safe_url(url: str) -> str:
    """The URL as messages show it: its password, written before the host
    (``postgresql://tm:***@host/db``) or as a parameter (``?password=***``), masked."""
    url = re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", url, flags=re.IGNORECASE)


def _masked(message: str, url: str) -> str:
    """``message`` with ``url`` in it shown as :func:`safe_url` shows it (libpq quotes a URL
    it cannot parse whole, password and all)."""
    return message.replace(url, safe_url(url)) if url else message


def needs_extension(url: str, dbname: str, name: str, what: str, *, where: str = "") -> DatabaseError:
    """The one line for a contrib extension the database lacks, with the command that installs it."""
    return DatabaseError(f"{safe_url(url)}: {what} needs PostgreSQL's {name} extension{where}; a "
                         f"superuser installs it once: psql -d {dbname} -c 'CREATE EXTENSION {name}'")


# --------------------------------------------------------------------------- dialects

class Dialect:
    """What the backends do differently, asked through :func:`dialect` (never by looking
    for a connection's attributes): the queries that are not a mechanical translation
    (full-text candidates), and how a bulk import treats indexes."""

    name = "sqlite"
    #: An import writes the units' English full-text rows a batch at a time, as the units
    #: come (SQLite's FTS5 table; see :class:`tm.memory.index.Index`); a server files its
    #: word rows at each flush of the postings (:func:`write_words`): fewer, larger writes.
    fts_with_batches = True
    #: A text may hold a NUL character (U+0000; a TSV's ``\0``): SQLite stores it, a
    #: PostgreSQL text value cannot hold one.
    stores_nul = True

    def defer_import_indexes(self, db) -> list[str]:
        """An import into an empty memory that has grown large: drop the indexes its rows
        would be inserted into one by one, and return the statements that build them again,
        to run before the transaction commits (the build sorts once where the rows inserted
        random keys and digests into B-trees row by row).

        SQLite: the units' indexes made by ``CREATE INDEX`` (``UNIQUE (key)``, a constraint's,
        stays); bench/import_codes.py's 100,000 units: the rows' INSERTs 2.65 -> 1.85 s CPU,
        the builds 0.27 s. A rollback restores the indexes with the rest; readers see the
        memory as it was until the commit."""
        conn = db.conn
        found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' "
                             "AND sql IS NOT NULL ORDER BY name").fetchall()
        for name, _ in found:
            conn.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]

    def lay_out(self, sql: str, rows: list) -> LaidOut | None:
        """The rows of an ``executemany(sql, rows)`` laid out ahead, in another thread, for
        the connection to take in their place (see :meth:`Connection.lay_out`); None: nothing
        to lay out (SQLite writes its full-text rows as they come)."""
        return None

    def columns(self, db, table: str) -> list[str]:
        return [r[1] for r in db.conn.execute(f"PRAGMA table_info({table})")]

    def after_copy(self, db, tables: list[str]) -> None:
        """After rows were copied in with their ids: rebuild what the destination keeps itself
        (the English full-text rows: each text with its codes as spaces, as an import files it)."""
        if "units" in tables:
            from tm.text.codes import as_spaces
            rows = db.conn.execute("SELECT id, en FROM units WHERE zh != '' AND en != '' ORDER BY id")
            while batch := rows.fetchmany(5000):
                db.conn.executemany("INSERT INTO units_en_fts (rowid, en) VALUES (?, ?)",
                                    [(uid, as_spaces(en)) for uid, en in batch])

    def words_split_at_codes(self, db) -> None:
        """File the English full-text index anew, each text with its codes as spaces
        (:func:`tm.text.codes.as_spaces`): before, SQLite's tokenizer took a code's
        placeholder, a private-use character, for part of the word it touched."""
        db.conn.execute("INSERT INTO units_en_fts (units_en_fts) VALUES ('delete-all')")
        self.after_copy(db, ["units"])

    def reclaim(self, db, tables: list[str]) -> None:
        """After many rows of ``tables`` were deleted (outside a transaction): make their space
        reusable and refresh the planner's statistics. SQLite reuses freed pages itself."""

    def compress(self, db, columns: dict[str, list[str]]) -> None:
        """Store these blob columns (table -> columns) compressed where the backend can do it
        cheaply and reading them is what costs (a server reading pages from disk). SQLite:
        nothing (its pages are read through the OS cache, memory-mapped, and a match's reads
        are not what limits it)."""

    def unit_functions(self, db) -> None:
        """Create the functions a server's ``unit_texts`` calls (SQLite: none)."""

    def warm(self, db) -> tuple[int, int]:
        """Read the whole database into the OS page cache (a server just restarted reads each
        page a match needs from disk, one random read at a time; sequential reading is many
        times faster). Returns (files or relations read, bytes). SQLite: the database file
        and its write-ahead log, read through once."""
        files = [Path(name) for name in (file_of(db.conn),) if name]
        files += [f.with_name(f.name + "-wal") for f in files]
        read, buf = 0, bytearray(1 << 20)
        done = []
        for f in files:
            try:
                with open(f, "rb", buffering=0) as fh:
                    while n := fh.readinto(buf):
                        read += n
            except FileNotFoundError:
                continue
            done.append(f)
        return len(done), read

    def phrase_rows(self, db, words: list[str], prefix: bool):
        """``(id, en)`` of two-sided units that may contain the words in sequence
        (a superset: the caller confirms), in id order."""
        fts = '"' + " ".join(words) + '"' + (" *" if prefix else "")
        return db.conn.execute(
            "SELECT u.id, u.en FROM units_en_fts f JOIN units u ON u.id = f.rowid "
            "WHERE units_en_fts MATCH ? AND u.zh != '' AND u.en != '' ORDER BY f.rowid", [fts])

    def substring_rows(self, db, table: str, needle: str, limit: int) -> list[tuple[int, str]]:
        """``(entry_id, en_key)`` of rows of ``table`` whose ``en_key`` contains ``needle``
        (any case; ``needle`` of three characters or more), the first ``limit`` by
        ``(entry_id, en_key)`` (on both backends: which rows a limit keeps is what a lookup
        shows)."""
        match = '"' + needle.replace('"', '""').replace("\x00", "") + '"'
        return list(db.execute(
            f"SELECT t.entry_id, t.en_key FROM {table} t WHERE t.rowid IN (SELECT rowid FROM {table}_fts "
            f"WHERE {table}_fts MATCH ?) ORDER BY t.entry_id, t.en_key LIMIT ?", [match, limit]))

    def word_rows(self, db, table: str, word: str, limit: int) -> list[tuple[int, str]]:
        """``(entry_id, en_key)`` of the first ``limit`` rows of ``table`` whose ``en_key``
        (lower case) holds ``word``, of two characters (AI, 5G: shorter than a trigram), as a
        word. SQLite: the trigrams of the word with a character beside it that no word holds
        (a space, a mark: :data:`_WORD_EDGES`), one look-up of the index, which also finds the
        word's letters ending or beginning a longer word (IT in "credit limit", IP in
        "relationship"): those are dropped before the limit is counted, or a term base with
        many of them would keep none of the word's rows (PostgreSQL's pattern holds the word
        alone)."""
        word = word.replace("\x00", "")
        match = " OR ".join('"' + p.replace('"', '""') + '"'
                            for edge in _WORD_EDGES for p in (word + edge, edge + word))
        alone = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")
        out = []
        for row in db.execute(
                f"SELECT t.entry_id, t.en_key FROM {table} t WHERE t.rowid IN (SELECT rowid FROM {table}_fts "
                f"WHERE {table}_fts MATCH ?) ORDER BY t.entry_id, t.en_key", [match]):
            if alone.search(row[1]):
                out.append(tuple(row))
                if len(out) >= limit:
                    break
        return out

class PostgresDialect(Dialect):
    name = "postgresql"
    fts_with_batches = False
    stores_nul = False

    def defer_import_indexes(self, db):
        """The units', their words' and the match index's indexes, built again by the
        connection just before the commit (:meth:`Connection.defer_indexes`): none to run."""
        db.conn.defer_indexes(("units", "units_en_fts", "match_postings", "match_rare"))
        return []

    def lay_out(self, sql, rows):
        return Connection.lay_out(sql, rows)

    def columns(self, db, table):
        return [r[0] for r in db.conn.raw.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position", [table])]

    def after_copy(self, db, tables):
        if "units" in tables:
            build_words(db.conn.raw)
        for t in tables:                        # identity ids: the sequence moves past the copied ids
            if "id" in self.columns(db, t) and db.conn.raw.execute(
                    "SELECT pg_get_serial_sequence(%s, 'id')", [t]).fetchone()[0]:
                db.conn.raw.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                    f"coalesce((SELECT max(id) FROM {t}), 0) + 1, false)")

    def warm(self, db):
        # pg_prewarm (PostgreSQL's contrib) reads each relation in order: its 'read' mode into
        # the OS page cache, which holds what shared_buffers (128 MB by default) cannot. Every
        # table, index and TOAST table of the schema the memory is in.
        raw = db.conn.raw
        found = raw.execute("SELECT nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                            "WHERE e.extname = 'pg_prewarm'").fetchone()
        if not found:
            name = raw.execute("SELECT current_database()").fetchone()[0]
            raise needs_extension(db.url, name, "pg_prewarm", "warming")
        rels = [r[0] for r in raw.execute(
            "WITH own AS (SELECT c.oid, c.reltoastrelid FROM pg_class c "
            "  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm') "
            "  AND c.relpersistence = 'p') "
            "SELECT oid FROM own UNION ALL "
            "SELECT i.indexrelid FROM pg_index i JOIN own ON i.indrelid = own.oid UNION ALL "
            "SELECT reltoastrelid FROM own WHERE reltoastrelid != 0 UNION ALL "
            "SELECT i.indexrelid FROM pg_index i JOIN own ON i.indrelid = own.reltoastrelid").fetchall()]
        schema = found[0]
        size = int(raw.execute("SELECT current_setting('block_size')").fetchone()[0])
        blocks = sum(raw.execute(f'SELECT "{schema}".pg_prewarm(%s::oid, \'read\')', [r]).fetchone()[0]
                     for r in rels)
        return len(rels), blocks * size

    def words_split_at_codes(self, db):
        """Nothing: the word postings split at any character but an ASCII letter or digit."""

    def reclaim(self, db, tables):
        # the dead rows' index entries would otherwise send a match to their heap pages until
        # autovacuum came by
        for t in tables:
            db.conn.raw.execute(f"VACUUM (ANALYZE) {t}")

    def compress(self, db, columns):
        # LZ4 (PostgreSQL 14+, when built with it): in the posting codes (length << 40 | id,
        # ascending) the length and the id's high bytes repeat from one code to the next, and
        # a rare bucket's tokens repeat: 300 rows of 4,096 codes at 10,000,000 units took
        # 9.83 MB raw, 6.06 MB with LZ4 (1.6 times fewer TOAST pages for a match to read).
        # pglz gave up on every one and cost an import ~10 us a unit in trying; LZ4 costs little:
        # 2,000 rows of 4,096 codes (65 MB) inserted in 109-123 ms uncompressed, 114-145 ms
        # with LZ4 (load 4-5), a fraction of a microsecond for a unit's ~530 bytes of
        # postings. Without LZ4 the columns stay uncompressed.
        lz4 = db.conn.raw.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                                  "WHERE name = 'default_toast_compression'").fetchone()
        if not (lz4 and lz4[0]):
            return
        for table, cols in columns.items():
            db.conn.raw.execute(f"ALTER TABLE {table} " + ", ".join(
                f"ALTER COLUMN {c} SET STORAGE EXTENDED, ALTER COLUMN {c} SET COMPRESSION lz4" for c in cols))

    def unit_functions(self, db):
        # The texts a match scores are units of random ids, most of them on pages no query
        # read before: a nested loop of index scans reads them one page at a time. A bitmap
        # heap scan reads them in the table's order and asks the kernel for the next pages
        # while it reads one (effective_io_concurrency); the planner does not choose it for a
        # few hundred ids, so the function says so (a function's own settings hold only while
        # it runs). At 10,000,000 units, random ids not read before (load 4.3): 64 ids
        # 12-20 -> 5-6 ms, 300 ids 46-58 -> 25-38 ms, 2,000 ids 359-505 -> 190-345 ms.
        io = " SET effective_io_concurrency = 32"
        import psycopg
        try:
            with db.conn.raw.transaction():
                db.conn.raw.execute("SET LOCAL effective_io_concurrency = 32")
        except psycopg.errors.InvalidParameterValue:      # a platform without posix_fadvise
            io = ""
        for side in ("zh", "en"):
            db.conn.raw.execute(
                f"CREATE OR REPLACE FUNCTION tm_unit_texts_{side}(BIGINT[]) RETURNS TABLE (id BIGINT, text TEXT) "
                f"LANGUAGE sql STABLE SET enable_indexscan = off{io} AS "
                f"$$SELECT u.id, u.{side} FROM units u WHERE u.id = ANY($1) AND u.zh <> '' AND u.en <> ''$$")

    def unit_texts(self, db, source):
        """A function of unit ids giving ``(id, text)`` of the ``source`` side of those of them
        that are two-sided (in any order): the texts a match scores. On SQLite
        :func:`tm.memory.match._texts` reads them itself (its match path loads no dialect)."""
        if source not in ("zh", "en"):
            raise ValueError("source must be 'zh' or 'en'")
        raw = db.conn.raw
        sql = f"SELECT id, text FROM tm_unit_texts_{source}(%s::bigint[])"
        return lambda ids: raw.execute(sql, [ids]).fetchall()

    def phrase_rows(self, db, words, prefix):
        # Every ASCII word of the query (but a prefix) is a whole word of a hit: the word
        # postings (see words()) give the units holding the rarest of them, intersected with
        # those holding the others while these are not many more. Other words are left to
        # the caller's check, so the rows stay a superset.
        whole = sorted({word_key(w.lower()) for w in (words[:-1] if prefix else words) if w.isascii()})
        if not whole:
            return _all_rows(db, "en")
        raw = db.conn.raw
        sizes = dict(raw.execute("SELECT word, sum(length(ids)) FROM units_en_fts WHERE word = ANY(%s) "
                                 "GROUP BY word", [whole]).fetchall())
        if len(sizes) < len(whole):
            return iter(())                     # a word no unit holds
        if len(words) == 1 and not prefix:
            # one word held by more than one unit in 16: the hits are dense, and reading
            # the units in order finds the caller's few in the first pages (the word's
            # postings alone are megabytes at 1,000,000 units: 'for' took 2.9 s)
            units = raw.execute("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = to_regclass('units')"
                                ).fetchone()[0]
            if sizes[whole[0]] // 8 > units / 16:
                return _all_rows(db, "en", page=256)
        ids: set[int] | None = None
        for w in sorted(whole, key=lambda w: (sizes[w], w)):
            if ids is not None and sizes[w] // 8 > 8 * len(ids) + 10_000:
                break                           # the rest would cost more to read than to check
            found: set[int] = set()
            for (blob,) in raw.execute("SELECT ids FROM units_en_fts WHERE word = %s", [w], binary=True):
                found.update(memoryview(blob).cast("Q"))
            ids = found if ids is None else ids & found
        return _rows_by_id(db, sorted(ids), "en")
    def substring_rows(self, db, table, needle, limit):
        return list(db.execute(f"SELECT entry_id, en_key FROM {table} WHERE en_key ILIKE ? "
                               "ORDER BY entry_id, en_key LIMIT ?",
                               ["%" + _like_escape(needle.replace("\x00", "")) + "%", limit]))

    def word_rows(self, db, table, word, limit):
        # a regular expression with the word between two characters no word holds (or an end)
        edge = "[^[:alnum:]_]"
        body = "".join(ch if ch.isalnum() else "\\" + ch for ch in word.replace("\x00", ""))
        return list(db.execute(f"SELECT entry_id, en_key FROM {table} WHERE en_key ~ ? "
                               "ORDER BY entry_id, en_key LIMIT ?", [f"(^|{edge}){body}({edge}|$)", limit]))


def _all_rows(db, side: str, page: int = 5000):
    """``(id, side)`` of every two-sided unit in id order, a page at a time (a result
    arrives whole: a caller that stops early must not receive the whole memory)."""
    after = 0
    while True:
        rows = db.conn.raw.execute(f"SELECT id, {side} FROM units WHERE zh != '' AND en != '' AND id > %s "
                                   f"ORDER BY id LIMIT %s", [after, page]).fetchall()
        yield from rows
        if len(rows) < page:
            return
        after, page = rows[-1][0], min(4 * page, 100_000)


def _rows_by_id(db, ids: list[int], side: str, chunk: int = 2000):
    """``(id, side)`` of the two-sided units among ``ids`` (ascending), in id order."""
    for k in range(0, len(ids), chunk):
        yield from db.conn.raw.execute(
            f"SELECT id, {side} FROM units WHERE id = ANY(%s) AND zh != '' AND en != '' ORDER BY id",
            [ids[k:k + chunk]])


#: What stands beside a word in an English key: a space or a mark (never a letter, a digit
#: or _, which \\w holds); the marks a key keeps (its fold makes full-width ，：（） ASCII, ™ TM),
#: as PostgreSQL's pattern takes any: guillemets, low quotes, Chinese brackets and stops.
_WORD_EDGES = (" -–—()[]{}<>,.;:!?/\\'\"’‘“”&+*=|~@#$%^…（），、·•"
               "«»‹›„‚′″°×§¶±。《》【】「」『』〈〉〔〕・")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


SQLITE = Dialect()
POSTGRES = PostgresDialect()


def dialect(db) -> Dialect:
    """The dialect of an open database (SQLite unless it says otherwise)."""
    return getattr(db, "dialect", SQLITE)
