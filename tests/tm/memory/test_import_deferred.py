"""An import into an empty SQLite memory builds the units' indexes after its rows
(tm.memory.pg.Dialect.defer_import_indexes), with the same outcome as one that kept them."""

from __future__ import annotations

import pytest
from _units import tricky_units

from tm.errors import InputError
from tm.memory import edit, store
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, iter_units, open_store
from tm.models import TranslationUnit


def _indexes(db) -> list[tuple]:
    return db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' "
                           "ORDER BY name").fetchall()


def _recording(monkeypatch) -> list:
    from tm.memory import pg

    dropped = []
    real = pg.Dialect.defer_import_indexes

    def defer(self, db):
        dropped.append("units")
        return real(self, db)

    monkeypatch.setattr(pg.Dialect, "defer_import_indexes", defer)
    return dropped


def test_an_import_into_an_empty_memory_builds_the_indexes_after_the_rows(tmp_path, monkeypatch):
    """Past DEFER_INDEXES, the units' indexes (not UNIQUE (key)) are dropped and built again
    before the commit: the same indexes, the same duplicates found (near and far, keyed or
    not) and the same units as an import into a memory that had a unit (indexes kept)."""
    fresh = open_store(tmp_path / "fresh.db")
    want = _indexes(fresh)
    assert [name for name, _ in want] == ["sqlite_autoindex_units_1", "units_digest", "units_key_length",
                                          "units_pair_position"]
    monkeypatch.setattr(store, "DEFER_INDEXES", 3000)
    dropped = _recording(monkeypatch)
    empty = open_store(tmp_path / "empty.db")
    kept = open_store(tmp_path / "kept.db")
    import_units(kept, [TranslationUnit(zh="先有的一句。", en="One unit first.", key="first")])
    a, b = import_units(empty, tricky_units(12_000)), import_units(kept, tricky_units(12_000))
    assert dropped == ["units"]                 # once, and only into the empty memory
    assert a == b and a.duplicates > 2000
    assert _indexes(empty) == want
    assert [(u.key, u.zh, u.en, u.props) for u in iter_units(empty, order="id")] == \
        [(u.key, u.zh, u.en, u.props) for u in iter_units(kept, order="id")][1:]
    assert empty.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = " ".join(r[3] for r in empty.conn.execute(
        "EXPLAIN QUERY PLAN SELECT max(key) FROM units WHERE length(key) = 6 AND key >= 'p:0' AND key < 'p::' "
        f"AND {store.NUMBERED_KEYS}"))
    assert "units_key_length" in plan           # a hand edit's next key number reads the index
    q = "Sentence 5432."
    assert [(m.unit.id, m.score) for m in match(empty, q, source="en", min_score=50, limit=20)] == \
        [(m.unit.id, m.score) for m in match_brute(empty, q, source="en", min_score=50, limit=20)]
    # the memory now has units: the next import keeps the indexes
    import_units(empty, tricky_units(6000))
    assert dropped == ["units"]


def test_next_key_number_after_an_import_that_built_the_indexes(tmp_path, monkeypatch):
    """Keys ``<pair>:<digits>`` imported past the deferral are found by the rebuilt
    ``(length(key), key)`` index."""
    monkeypatch.setattr(store, "DEFER_INDEXES", 200)
    db = open_store(tmp_path / "m.db")
    import_units(db, (TranslationUnit(zh=f"第{i}句。", en=f"Sentence {i}.", key=f"plan:{i:04d}")
                      for i in range(1500)))
    db.conn.execute("INSERT INTO pairs (name, created, changed) VALUES ('plan', 'x', 'x')")
    pair_id = db.conn.execute("SELECT id FROM pairs WHERE name = 'plan'").fetchone()[0]
    assert edit._next_number(db.conn, pair_id, "plan") == 1500


def test_a_failed_import_into_an_empty_memory_leaves_it_with_its_indexes(tmp_path, monkeypatch):
    db = open_store(tmp_path / "m.db")
    want = _indexes(db)
    monkeypatch.setattr(store, "DEFER_INDEXES", 2000)
    dropped = _recording(monkeypatch)

    def units():
        yield from tricky_units(8000)
        raise InputError("bad unit", path="x.tmx", line=99)

    with pytest.raises(InputError):
        import_units(db, units())
    assert dropped == ["units"]
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    assert _indexes(db) == want and not db.conn.in_transaction


def test_a_duplicate_key_is_refused_while_the_indexes_wait(tmp_path, monkeypatch):
    """``on_duplicate='error'`` past the deferral: the duplicate is found (Seen), nothing stored."""
    from tm.errors import ToolError

    monkeypatch.setattr(store, "DEFER_INDEXES", 2000)
    db = open_store(tmp_path / "m.db")
    want = _indexes(db)
    units = [TranslationUnit(zh=f"第{i}句。", en=f"Sentence {i}.") for i in range(5000)]
    units.append(TranslationUnit(zh="第10句。", en="Sentence 10."))
    with pytest.raises(ToolError, match="duplicate unit"):
        import_units(db, units, on_duplicate="error")
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    assert _indexes(db) == want


def test_the_garbage_collector_is_off_during_an_import_and_as_it_was_after(tmp_path):
    import gc

    db = open_store(tmp_path / "m.db")
    during = []

    def units():
        for i in range(3):
            during.append(gc.isenabled())
            yield TranslationUnit(zh=f"第{i}句。", en=f"Sentence {i}.")

    assert gc.isenabled()
    import_units(db, units())
    assert during == [False] * 3 and gc.isenabled()
    gc.disable()
    try:
        import_units(db, units())
        assert not gc.isenabled()       # left off, as the caller had it
    finally:
        gc.enable()
    with pytest.raises(InputError):
        import_units(db, (u for u in [*units(), None] if u or _raise()))
    assert gc.isenabled()


def _raise():
    raise InputError("bad unit", path="x.tmx", line=1)
