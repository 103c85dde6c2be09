"""An import into a memory without units writes its pages once, into the file (SQLite's
rollback journal, see tm.memory.db.direct_writes), and leaves the database as it was when
it fails or is killed; the database is in WAL mode again after it; other processes read
the memory as it was meanwhile; with another connection open, the import goes through the
WAL as before. The units and the index are the same either way."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tm.memory.db import direct_writes, transaction
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def units(n, start=0):
    return [TranslationUnit(zh=f"第{i}条规定适用于人工智能产业", en=f"Rule {i} applies to the AI industry",
                            props={"file": f"f{i % 3}.xml"}) for i in range(start, start + n)]


def dump(path):
    """Every row of the units and of the match index (ids included), the FTS rows' text."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("units", "match_runs", "match_postings", "match_rare")} | {
            "fts": conn.execute("SELECT rowid, en FROM units_en_fts ORDER BY rowid").fetchall(),
            "indexes": conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                    "ORDER BY name").fetchall()}
    finally:
        conn.close()


def mode(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def test_an_import_into_a_new_memory_uses_the_rollback_journal_and_returns_to_wal(tmp_path):
    db = open_store(tmp_path / "m.db")
    seen = []

    def watched(items):
        for k, u in enumerate(items):
            if k == 10:
                seen.append(db.conn.execute("PRAGMA journal_mode").fetchone()[0])
            yield u

    import_units(db, watched(units(50)), now=lambda: "2026-01-01T00:00:00Z")
    assert seen == ["delete"]
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 1        # NORMAL again
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 50
    assert not (tmp_path / "m.db-journal").exists()
    db.conn.close()
    assert mode(tmp_path / "m.db") == "wal"


def test_same_units_and_index_in_place_and_through_the_wal(tmp_path):
    """The same import with another connection open (the switch needs the database alone:
    WAL throughout, as before) and alone (in place): identical tables."""
    items = units(25_000)       # past DEFER_INDEXES: the units' indexes built after the rows
    stamp = lambda: "2026-01-01T00:00:00Z"

    alone = open_store(tmp_path / "a.db")
    import_units(alone, iter(items), now=stamp)
    alone.conn.close()

    shared = open_store(tmp_path / "b.db")
    other = open_store(tmp_path / "b.db")       # e.g. a workbench's connection
    modes = []

    def watched(items):
        for k, u in enumerate(items):
            if k == 10:
                modes.append(shared.conn.execute("PRAGMA journal_mode").fetchone()[0])
            yield u

    import_units(shared, watched(items), now=stamp)
    assert modes == ["wal"]
    assert other.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 25_000
    shared.conn.close()
    other.conn.close()
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_a_memory_with_units_is_imported_into_through_the_wal(tmp_path):
    db = open_store(tmp_path / "m.db")
    import_units(db, iter(units(5)))
    modes = []

    def watched(items):
        for u in items:
            modes.append(db.conn.execute("PRAGMA journal_mode").fetchone()[0])
            yield u

    import_units(db, watched(units(3, start=5)))
    assert set(modes) == {"wal"}
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 8


def test_a_failed_import_leaves_the_new_memory_as_it_was_and_in_wal_mode(tmp_path):
    path = tmp_path / "m.db"
    open_store(path).conn.close()           # the schema checkpointed into the file
    size = path.stat().st_size
    db = open_store(path)

    def broken():
        yield from units(30_000)
        raise ValueError("the file ends here")

    with pytest.raises(ValueError):
        import_units(db, broken())
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 0
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {n for (n,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} >= {
        "units_digest", "units_key_length", "units_pair_position"}        # the dropped indexes are back
    assert not (tmp_path / "m.db-journal").exists()
    db.conn.close()
    assert path.stat().st_size == size
    db = open_store(path)
    import_units(db, iter(units(10)))       # and it takes an import as before
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 10


KILLED = textwrap.dedent("""
    import os, signal, sys
    from tm.memory.store import import_units, open_store
    from tm.models import TranslationUnit

    db = open_store(sys.argv[1])

    def items():
        for i in range(40_000):
            if i == 2_000:      # a small cache from here: pages go to the file before the commit
                db.conn.execute("PRAGMA cache_size = -64")
            if i == 30_000:
                print(os.path.getsize(sys.argv[1]), flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            yield TranslationUnit(zh=f"第{i}条规定适用于人工智能产业", en=f"Rule {i} applies to the AI industry")

    import_units(db, items())
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_import_killed_midway_leaves_the_new_memory_as_it_was(tmp_path):
    path = tmp_path / "m.db"
    open_store(path).conn.close()
    size = path.stat().st_size
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", KILLED, str(path)], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == -signal.SIGKILL, out.stderr
    assert int(out.stdout) > size           # the import had written pages into the file itself
    assert (tmp_path / "m.db-journal").exists()
    db = open_store(path)                   # rolls the hot journal back, then WAL again
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    import_units(db, iter(units(10)))
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 10
    db.conn.close()
    assert path.stat().st_size < int(out.stdout)


READER = ("import sys; from tm.memory.store import open_store; db = open_store(sys.argv[1], create=False); "
          "print(db.conn.execute('SELECT count(*) FROM units').fetchone()[0])")


def test_another_process_opens_and_reads_the_memory_during_the_import(tmp_path):
    """The file is in rollback-journal mode meanwhile: another process's open (which would
    switch it back to WAL and cannot) reads the memory as it was."""
    path = tmp_path / "m.db"
    db = open_store(path)
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    seen = []

    def watched(items):
        for k, u in enumerate(items):
            if k == 3_000:
                seen.append(subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True,
                                           text=True, env=env, timeout=120))
            yield u

    import_units(db, watched(units(5_000)))
    assert seen[0].returncode == 0, seen[0].stderr
    assert seen[0].stdout.strip() == "0"
    out = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.stdout.strip() == "5000"
    db.conn.close()
    assert mode(path) == "wal"


def test_in_a_callers_transaction_nothing_is_switched(tmp_path):
    db = open_store(tmp_path / "m.db")
    with transaction(db):
        with direct_writes(db):
            assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        import_units(db, iter(units(3)))
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 3
