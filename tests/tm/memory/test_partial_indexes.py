"""Migration tm/0014_numbered_keys: the units' ``(length(key), key)`` index holds only the
keys ``NUMBERED_KEYS`` (ending in ``:`` and digits), on both backends. The query that reads
it still does (its plan names the index) and finds what a scan of every key finds, on a new
memory and on one migrated from 0013. The ``(pair, position)`` index stays whole: the
queries of a pair and the workbench's of the units without one read it."""

from __future__ import annotations

import json
import random
import re

import pytest

from tm.memory import edit
from tm.memory.db import migrate, open_database
from tm.memory.store import MIGRATIONS, NUMBERED_KEYS, content_key, import_units, open_store
from tm.models import TranslationUnit


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "m.db")
    return request.getfixturevalue("pg_url")


def _is_pg(db) -> bool:
    return getattr(db, "backend", "sqlite") == "postgresql"


class Recording:
    """A connection that notes the statements run through it (to explain them after)."""

    def __init__(self, conn):
        self.conn, self.run = conn, []

    def execute(self, sql, params=()):
        self.run.append((sql, list(params)))
        return self.conn.execute(sql, params)


def plan(db, sql: str, params) -> str:
    """The plan of ``sql`` as one text. PostgreSQL: with sequential scans off and the
    generic plan (as a prepared statement gets after five runs), so the index is in the
    plan whenever the query can use it at all, whatever the table's size."""
    if not _is_pg(db):
        return " ".join(r[3] for r in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    db.conn.execute("BEGIN")
    try:
        db.conn.execute("SET LOCAL enable_seqscan = off")
        db.conn.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        return " ".join(r[0] for r in db.conn.execute(f"EXPLAIN {sql}", params))
    finally:
        db.conn.execute("ROLLBACK")


def _units(rng: random.Random) -> list[TranslationUnit]:
    """Units of pair ``plan`` with numbered and other keys, of a pair named ``h`` (whose
    keys look like content keys, one with 16 digits), of a pair ``h:ab`` (a ``:`` in its
    name), units with user keys of the content keys' form, and units with no key or pair."""
    out = []

    def add(key, pair=None, position=None):
        i = len(out)
        out.append(TranslationUnit(zh=f"第{i}句。", en=f"Sentence {i}.", key=key, pair=pair, position=position))

    for i, n in enumerate(rng.sample(range(1, 3000), 40)):
        add(f"plan:{n:04d}", "plan", rng.choice([i, i + 0.5, None]))
    for key in ["plan:12", "plan:0999x", "plan:abc", "planx:99999", "plan:00000777", "plan:99998x", "plan:-5"]:
        add(key, "plan", len(out))
    for key in ["h:0001", "h:0042", "h:1000000000000007", "h:99999999999999x"]:
        add(key, "h", len(out))
    for key in ["h:ab:0005", "h:ab:0017"]:
        add(key, "h:ab", len(out))
    for key in ["h:00000000000000ab", "h:1234567890123456", "h:ffff", "h:ab", "H:0123456789abcdef", "h:"]:
        add(key)
    for _ in range(300):
        add(None)
    rng.shuffle(out)
    return out


def _scan_next(db, pair: str) -> int:
    numbers = [int(k[len(pair) + 1:]) for (k,) in db.conn.execute("SELECT key FROM units")
               if re.fullmatch(rf"{re.escape(pair)}:[0-9]{{1,{edit.MAX_DIGITS}}}", k)]
    return max(numbers) + 1 if numbers else 0


def _pair_id(db, name: str) -> int:
    return db.conn.execute("SELECT id FROM pairs WHERE name = ?", [name]).fetchone()[0]


def _index_rows(db, name: str) -> int:
    """The entries the index holds (SQLite: ANALYZE's count; PostgreSQL: the build's)."""
    if _is_pg(db):
        db.conn.execute("ANALYZE units")
        return int(db.conn.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)", [name]).fetchone()[0])
    db.conn.execute("ANALYZE units")
    return int(db.conn.execute("SELECT stat FROM sqlite_stat1 WHERE idx = ?", [name]).fetchone()[0].split()[0])


def check(db) -> None:
    """The keys and positions found through the indexes are a scan's; the plans use them."""
    for pair in ("plan", "h", "h:ab"):
        rec = Recording(db.conn)
        assert edit._next_number(rec, _pair_id(db, pair), pair) == _scan_next(db, pair), pair
        assert rec.run
        for sql, params in rec.run:
            assert "units_key_length" in plan(db, sql, params), sql
    # keys are unique across the memory: an all-digit key of the content keys' form counts for pair h
    assert edit._next_number(db.conn, _pair_id(db, "h"), "h") == 1234567890123457
    assert edit._next_number(db.conn, _pair_id(db, "h:ab"), "h:ab") == 18
    units = db.conn.execute("SELECT id, key, pair, position FROM units").fetchall()
    pid = _pair_id(db, "plan")
    mine = sorted(((p is not None, p or 0, i), k) for i, k, pr, p in units if pr == pid)
    assert [u.key for u in edit.pair_units(db, "plan")] == [k for _, k in mine]
    placed = sorted((p, i, k) for i, k, pr, p in units if pr == pid and p is not None)
    for p, _, key in placed[:-1]:
        higher = min(q for q, _, _ in placed if q > p)
        rec = Recording(db.conn)
        row = db.conn.execute("SELECT pair, position FROM units WHERE key = ?", [key]).fetchone()
        assert edit._place(rec, {"pair": row[0], "position": row[1]}, 1)[0][0] < higher
        for sql, params in rec.run:
            assert "units_pair_position" in plan(db, sql, params), sql
    for sql, params in (("SELECT * FROM units WHERE pair = ? ORDER BY position, id LIMIT 5", [pid]),
                        ("SELECT key FROM units WHERE pair = ? AND position < CAST(? AS NUMERIC) "
                         "ORDER BY position DESC, id DESC LIMIT 1", [pid, 5]),
                        # the workbench's page of the units without a pair (tm.serve.queries.bead_page):
                        # a partial index WHERE pair IS NOT NULL made it a sort of them all
                        ("SELECT u.position, u.id FROM units u WHERE u.pair IS NULL ORDER BY u.position, u.id "
                         "LIMIT 1 OFFSET ?", [100])):
        assert "units_pair_position" in plan(db, sql, params), sql


def test_a_new_memory_reads_its_partial_index(target):
    db = open_store(target)
    import_units(db, _units(random.Random(1)))
    check(db)
    # content keys stay out of the index
    keys = [k for (k,) in db.conn.execute("SELECT key FROM units")]
    numbered = [k for k in keys if re.fullmatch(r".*:[0-9]*", k)]
    assert _index_rows(db, "units_key_length") == len(numbered) < len(keys) - 250


def test_a_memory_of_0013_is_migrated(target):
    db = open_database(target)
    assert migrate(db, "tm", MIGRATIONS[:13])[-1] == "0013_unit_texts"
    import_units(db, _units(random.Random(2)))
    before = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
    assert _index_rows(db, "units_key_length") == before       # every key, before
    db.conn.close()
    db = open_store(target)
    assert [n for (n,) in db.conn.execute("SELECT name FROM _migrations WHERE package = 'tm' ORDER BY name")
            ][-2:] == ["0014_numbered_keys", "0015_words_split_at_codes"]
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == before
    assert _index_rows(db, "units_key_length") == len(
        [k for (k,) in db.conn.execute("SELECT key FROM units") if re.fullmatch(r".*:[0-9]*", k)]) < before - 250
    check(db)


def test_the_index_holds_the_keys_ending_in_digits(target):
    """``NUMBERED_KEYS`` is true exactly for the keys ``<anything>:<digits>``: every key
    ``_next_number`` can read, whatever the names of pairs. Content keys made by the store
    are not among them but for the all-digit ones (about one in 1,800)."""
    db = open_store(target)
    rng = random.Random(3)
    keys = [content_key(f"句{i}", f"s{i}") for i in range(3000)]
    keys += ["h:" + "".join(rng.choice("0123456789") for _ in range(16)) for _ in range(20)]
    keys += ["h:0001", "h:12ab", "h:ab:0001", "h:", "h:ABC", "hh:abc", "plan:0001", "plan:0017-2", "plan:12:",
             "a:b:7", "1234", "plan:1²", ":", "::5", "plan:0001\n"]
    got = {k for (k,) in db.conn.execute(
        f"SELECT key FROM (SELECT value AS key FROM json_each(?)) AS t WHERE {NUMBERED_KEYS}", [json.dumps(keys)])}
    assert got == {k for k in keys if re.fullmatch(r".*:[0-9]*", k, re.S)}
    assert 20 <= len([k for k in got if k.startswith("h:") and len(k) == 18]) < 40


def test_an_import_that_builds_the_indexes_after_its_rows_keeps_the_condition(target, monkeypatch):
    """An import into an empty memory drops the units' indexes and builds them again from
    their definitions (SQLite's ``sqlite_master``, PostgreSQL's ``pg_get_indexdef``): the
    partial index comes back partial, and its query still reads it."""
    from tm.memory import pg, store

    monkeypatch.setattr(store, "DEFER_INDEXES", 100)
    deferred = []
    real_sqlite, real_pg = pg.Dialect.defer_import_indexes, pg.Connection.defer_indexes
    monkeypatch.setattr(pg.Dialect, "defer_import_indexes",
                        lambda self, db: deferred.append("units") or real_sqlite(self, db))
    monkeypatch.setattr(pg.Connection, "defer_indexes",
                        lambda self, tables: deferred.append("units") or real_pg(self, tables))
    db = open_store(target)
    import_units(db, _units(random.Random(4)))
    assert deferred == ["units"]
    check(db)
    keys = [k for (k,) in db.conn.execute("SELECT key FROM units")]
    assert _index_rows(db, "units_key_length") == len([k for k in keys if re.fullmatch(r".*:[0-9]*", k)])
