"""Index.finish(beside=...): the last postings sorted in a thread while the caller's work
(an import's deferred CREATE INDEX statements) runs on the connection; the same index.
The two sides of a large buffer sorted in two threads, and the final merge of the spills
(ranges merged by two threads, the last buffer read from memory): the same index as one
thread and one buffer."""

import sqlite3
import threading

import pytest

from tm.memory.index import Index
from tm.memory.store import import_units, open_store, transaction
from tm.models import TranslationUnit


def units(n):
    return [TranslationUnit(zh=f"第{i}条规定适用于人工智能产业和算力平台", en=f"Rule {i} applies to the AI industry")
            for i in range(n)]


def index_rows(path):
    conn = sqlite3.connect(path)
    try:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("match_runs", "match_postings", "match_rare")] + [
            conn.execute("SELECT rowid, en FROM units_en_fts ORDER BY rowid").fetchall()]
    finally:
        conn.close()


def posting_counts(path):
    """The (token, code) postings of the index, each with its count."""
    import numpy as np

    from collections import Counter
    conn = sqlite3.connect(path)
    try:
        out = Counter()
        for token, blob in conn.execute("SELECT token, codes FROM match_postings"):
            out.update((token, c) for c in np.frombuffer(blob, dtype=np.uint64).tolist())
        for tokens, codes in conn.execute("SELECT tokens, codes FROM match_rare"):
            out.update(zip(np.frombuffer(tokens, dtype=np.uint64).tolist(), np.frombuffer(codes, dtype=np.uint64).tolist()))
        return out
    finally:
        conn.close()


def build(path, n, *, flush, beside, flush_at_end=False):
    db = open_store(path)
    calls = []
    with transaction(db):
        index = Index(db)
        index.FLUSH_POSTINGS = flush
        for uid, u in enumerate(units(n), start=1):
            index.add(uid, u.zh, u.en)
        if flush_at_end:                # nothing left in the buffer: the merge has no last piece
            index.flush()
        if beside:
            index.finish(beside=lambda: calls.append(1))
        else:
            index.finish()
    db.conn.close()
    return calls


@pytest.mark.parametrize("flush", [10**9, 5_000])      # one buffer; spills merged
def test_the_same_index_with_and_without_work_beside(tmp_path, flush):
    build(tmp_path / "a.db", 1500, flush=flush, beside=False)
    calls = build(tmp_path / "b.db", 1500, flush=flush, beside=True)
    assert calls == [1]
    assert index_rows(tmp_path / "a.db") == index_rows(tmp_path / "b.db")
    assert index_rows(tmp_path / "a.db")[1]   # there is an index to compare


def test_beside_runs_also_with_no_postings_left(tmp_path):
    db = open_store(tmp_path / "m.db")
    calls = []
    with transaction(db):
        Index(db).finish(beside=lambda: calls.append(1))
    assert calls == [1]


def test_an_error_beside_or_in_the_sort_is_raised_after_both_ended(tmp_path, monkeypatch):
    db = open_store(tmp_path / "m.db")
    with pytest.raises(sqlite3.OperationalError):
        with transaction(db):
            index = Index(db)
            index.add(1, "人工智能产业", "the AI industry")
            index.finish(beside=lambda: db.conn.execute("CREATE INDEX broken ON no_such_table (x)"))
    assert threading.active_count() == 1

    def failing(self):
        raise MemoryError("no room to sort")

    monkeypatch.setattr(Index, "_postings", failing)
    ran = []
    with pytest.raises(MemoryError):
        with transaction(db):
            index = Index(db)
            index.add(1, "人工智能产业", "the AI industry")
            index.finish(beside=lambda: ran.append(1))
    assert ran == [1] and threading.active_count() == 1
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 0


def test_an_import_past_the_deferral_builds_its_indexes_beside_the_sort(tmp_path, monkeypatch):
    """The deferred CREATE INDEX statements run in the caller's thread while the sort runs in
    another; the indexes are there after."""
    where = {}
    real = Index._postings

    def watched(self):
        where["sort"] = threading.current_thread() is threading.main_thread()
        return real(self)

    monkeypatch.setattr(Index, "_postings", watched)
    db = open_store(tmp_path / "m.db")
    import_units(db, units(12_000))
    assert where == {"sort": False}
    names = {n for (n,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"units_digest", "units_key_length", "units_pair_position"} <= names
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("parallel_from", [0, 10**9])
def test_the_two_sides_sorted_in_two_threads_give_the_same_index(tmp_path, monkeypatch, parallel_from):
    from tm.memory import index as ix
    build(tmp_path / "a.db", 1500, flush=10**9, beside=False)
    monkeypatch.setattr(ix, "PARALLEL_FROM", parallel_from)
    build(tmp_path / "b.db", 1500, flush=10**9, beside=False)
    assert index_rows(tmp_path / "a.db") == index_rows(tmp_path / "b.db")


@pytest.mark.parametrize("flush_at_end", [False, True])
@pytest.mark.parametrize("sample", [8, 1024])           # many short merge ranges; one range
def test_spills_merged_in_ranges_by_threads_give_the_index_of_one_buffer(tmp_path, monkeypatch, sample,
                                                                         flush_at_end):
    """Spills of 3,000 postings, merged in ranges (two threads read and merge ahead of the rows
    written), with the last buffer in memory or, flushed at the end, without one: the rows
    of one buffer sorted at once, but for long lists cut at the ranges (``lo``/``hi``)."""
    from tm.memory.index import Spill
    build(tmp_path / "whole.db", 1500, flush=10**9, beside=False)
    monkeypatch.setattr(Spill, "SAMPLE", sample)
    build(tmp_path / "spilled.db", 1500, flush=3_000, beside=True, flush_at_end=flush_at_end)

    def postings(path):
        conn = sqlite3.connect(path)
        try:
            got = {}
            for table, cols in (("match_postings", "token, codes"), ("match_rare", "tokens, codes")):
                for t, c in conn.execute(f"SELECT {cols} FROM {table}"):
                    ts = [t] if table == "match_postings" else \
                        [int.from_bytes(t[i:i + 8], "little") for i in range(0, len(t), 8)]
                    cs = [int.from_bytes(c[i:i + 8], "little") for i in range(0, len(c), 8)]
                    for k, code in enumerate(cs):
                        got.setdefault(ts[k if len(ts) > 1 else 0], []).append(code)
            return {t: sorted(v) for t, v in got.items()}, conn.execute("SELECT count(*) FROM match_runs").fetchone()
        finally:
            conn.close()

    whole, runs = postings(tmp_path / "whole.db")
    spilled, spilled_runs = postings(tmp_path / "spilled.db")
    assert runs == spilled_runs == (1,)
    assert spilled == whole and len(whole) > 100
    assert index_rows(tmp_path / "whole.db")[3] == index_rows(tmp_path / "spilled.db")[3]


def test_full_buffers_are_sorted_in_a_thread_and_an_error_there_loses_the_import(tmp_path, monkeypatch):
    """Index.flush sorts a full buffer in a thread while the caller fills the next; the index
    is the one sorted in the caller's thread (finish, one buffer). An error of that sort is
    raised in the caller (at the next flush or at finish) and the import leaves nothing."""
    import tm.memory.index as index_module

    where = []
    real = index_module._postings

    def watched(buffers, parallel=True):
        where.append(threading.current_thread() is threading.main_thread())
        return real(buffers, parallel)

    monkeypatch.setattr(index_module, "_postings", watched)
    build(tmp_path / "threads.db", 400, flush=500, beside=False)
    assert where.count(False) >= 10         # the full buffers, in a thread
    build(tmp_path / "one.db", 400, flush=10**9, beside=False)
    assert where[-1] is True                # one buffer: sorted at finish, in the caller's
    assert posting_counts(tmp_path / "threads.db") == posting_counts(tmp_path / "one.db")
    assert index_rows(tmp_path / "threads.db")[3] == index_rows(tmp_path / "one.db")[3]   # full-text rows

    def broken(buffers, parallel=True):
        if threading.current_thread() is not threading.main_thread():
            raise MemoryError("no room to sort")
        return real(buffers, parallel)

    monkeypatch.setattr(index_module, "_postings", broken)
    monkeypatch.setattr(Index, "FLUSH_POSTINGS", 500)
    db = open_store(tmp_path / "failed.db")
    with pytest.raises(MemoryError, match="no room to sort"):
        import_units(db, units(400))
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 0
