"""Concurrency with real processes: readers during a large import, and two writers at once.

WAL mode lets `tm match`, `tm search` and `glossary lookup` read the last
committed state while `tm import` holds the write lock; a second writer waits
for the lock (busy timeout) and then either runs after the first or fails with
``Error: database is busy, retry`` — never a partial or corrupt database.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from _procs import command, env, write_lock_held, write_tmx
from conftest import ROOT

BIG = 40_000
BUSY = re.compile(r"Error: database is busy, retry\n")


def start(tool: str, *args, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(command(tool, *args), cwd=cwd, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def unit_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM units").fetchone()[0]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def memory(tmp_path):
    """A memory of 40 units about computing power (none mentions 人工智能), and the
    curated term base, which has 人工智能 and 算力."""
    from glossary.termbase.store import import_file as import_terms, open_termbase
    from tm.exchange import import_file

    rows = "".join(f"第{i}条：发展算力基础设施，建设数据中心。\tItem {i}: develop computing "
                   f"infrastructure and build data centres.\n" for i in range(40))
    (tmp_path / "base.tsv").write_text("zh-CN\ten\n" + rows, encoding="utf-8")
    db = open_termbase(tmp_path / "m.db")
    import_file(db, tmp_path / "base.tsv")
    import_terms(db, ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv")
    db.conn.close()
    return tmp_path


READERS = [
    ("tm", "match", "支持算力技术攻关和平台建设第7项，推动人工智能与实体经济深度融合。", "--min", "30",
     "--format", "json"),
    ("tm", "search", "算力", "--limit", "1000", "--format", "json"),
    ("tm", "search", "artificial intelligence", "--limit", "1000", "--format", "json"),
    ("glossary", "lookup", "人工智能", "--format", "json"),
]


def read_all(cwd: Path) -> list[tuple[int, str, str]]:
    """Every reader at once, each in its own process."""
    procs = [start(tool, "--db", "m.db", *args, cwd=cwd) for tool, *args in READERS]
    return [finish(p, timeout=60) for p in procs]


def test_readers_see_the_last_committed_state_during_a_large_import(memory):
    db = memory / "m.db"
    write_tmx(memory / "big.tmx", BIG, tag="big")
    before_count = unit_count(db)
    baseline = read_all(memory)
    assert [code for code, _, _ in baseline] == [1, 0, 1, 0]      # no hit yet: exit 1

    counts: list[int] = []
    stop = threading.Event()

    def poll():                  # a plain SQLite reader, as often as it can
        while not stop.is_set():
            counts.append(unit_count(db))
            time.sleep(0.02)

    importer = start("tm", "--db", "m.db", "import", "big.tmx", cwd=memory)
    deadline = time.monotonic() + 120
    while not write_lock_held(db):
        assert importer.poll() is None, finish(importer)
        assert time.monotonic() < deadline
        time.sleep(0.005)
    poller = threading.Thread(target=poll)
    poller.start()
    rounds_inside = 0
    raced: list = []
    try:
        while importer.poll() is None:
            began_inside = write_lock_held(db)
            answers = read_all(memory)
            if began_inside and write_lock_held(db) and importer.poll() is None:
                rounds_inside += 1          # this round ran entirely inside the import's transaction
                assert answers == baseline
            else:                           # raced with the commit: checked below
                raced.append(answers)
    finally:
        stop.set()
        poller.join()
    code, out, err = finish(importer)
    assert code == 0, err
    assert rounds_inside >= 1, "the import ended before the readers could run inside it"
    print(f"{rounds_inside} reader rounds inside the import, {len(raced)} overlapping its commit, "
          f"{len(counts)} counts polled")

    after_count = unit_count(db)
    assert after_count == before_count + BIG
    assert set(counts) <= {before_count, after_count}                   # never a partial count
    assert counts[:len(counts) // 2] and counts[0] == before_count
    assert integrity(db) == "ok"
    after = read_all(memory)
    # the import does change every answer: seeing the baseline above was not a given
    assert [a[1] != b[1] for a, b in zip(after, baseline)] == [True, True, True, True]
    for answers in raced:                   # a round that overlapped the commit: each answer
        for got, old, new in zip(answers, baseline, after):     # is one state, never a mix
            assert got in (old, new)


def test_two_imports_at_once_serialise_or_one_says_busy(memory):
    db = memory / "m.db"
    write_tmx(memory / "a.tmx", 60_000, tag="a")
    write_tmx(memory / "b.tmx", 2_000, tag="b")
    before = unit_count(db)
    first = start("tm", "--db", "m.db", "import", "a.tmx", cwd=memory)
    while not write_lock_held(db):
        assert first.poll() is None, finish(first)
        time.sleep(0.005)
    second = start("tm", "--db", "m.db", "import", "b.tmx", cwd=memory)
    code_b, out_b, err_b = finish(second)
    code_a, out_a, err_a = finish(first)
    assert code_a == 0, err_a
    assert (code_b, err_b) == (0, "") or (code_b == 2 and BUSY.fullmatch(err_b)), err_b
    assert unit_count(db) == before + 60_000 + (2_000 if code_b == 0 else 0)
    assert integrity(db) == "ok"


WRITERS = [
    ("tm", "import", "more.tsv"),
    ("tm", "align", ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.zh.txt",
     ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.en.txt"),
    ("glossary", "import", "terms.tsv"),
    ("glossary", "add", "具身智能", "--en", "embodied AI"),
    ("glossary", "approve", "人工智能"),
]


def test_a_writer_blocked_past_the_busy_timeout_fails_cleanly_and_writes_nothing(memory):
    db = memory / "m.db"
    (memory / "more.tsv").write_text("zh-CN\ten\n新的\tnew\n", encoding="utf-8")
    (memory / "terms.tsv").write_text("zh\ten\n新质生产力\tnew quality productive forces\n", encoding="utf-8")
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM glossary_entry), "
                              "(SELECT count(*) FROM documents)").fetchone()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")           # another process's long write transaction
    try:
        procs = [start(tool, "--db", "m.db", *args, cwd=memory) for tool, *args in WRITERS]
        results = [finish(p, timeout=120) for p in procs]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [code for code, _, _ in results] == [2] * len(WRITERS)
    assert all(BUSY.fullmatch(err) for _, _, err in results), [err for _, _, err in results]
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM glossary_entry), "
                             "(SELECT count(*) FROM documents)").fetchone()
    assert after == before
    assert integrity(db) == "ok"


def test_a_writer_waits_for_a_short_transaction_then_runs(memory):
    db = memory / "m.db"
    (memory / "more.tsv").write_text("zh-CN\ten\n新的\tnew\n", encoding="utf-8")
    before = unit_count(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    proc = start("tm", "--db", "m.db", "import", "more.tsv", cwd=memory)
    time.sleep(1.0)
    assert proc.poll() is None               # waiting for the lock, not failing
    holder.execute("ROLLBACK")
    holder.close()
    code, out, err = finish(proc)
    assert (code, err) == (0, "")
    assert out == "Imported 1 units from more.tsv (tsv): 1 added, 0 duplicates skipped.\n"
    assert unit_count(db) == before + 1
