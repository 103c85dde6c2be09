"""The store: schema, streaming all-or-nothing import, duplicates, re-alignment, review, concordance."""

import os
import random
import re
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from conftest import PLAN_EN, PLAN_ZH, ROOT
from tm.errors import DatabaseError, InputError, ToolError
from tm.align.aligner import Alignment
from tm.memory.match import match
from tm.models import Bead, Segment, TranslationUnit
from tm.memory.search import search
from tm.memory.store import (
    content_key, get_unit, import_units, iter_units, load_embeddings, open_store, rebuild_index, review_queue,
    store_alignment, update_unit,
)

GOLDEN = ROOT / "tests" / "golden" / "schema.sql"


def schema_sql(db) -> str:
    rows = db.conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                           "AND name != '_migrations' ORDER BY type, name").fetchall()
    return "".join(f"-- {t} {n}\n{sql};\n\n" for t, n, sql in rows)


def test_schema_is_pinned(tmp_path):
    """A schema change must come with a new migration and an updated golden file."""
    db = open_store(tmp_path / "s.db")
    assert schema_sql(db) == GOLDEN.read_text(encoding="utf-8")
    assert [r[0] for r in db.conn.execute("SELECT name FROM _migrations WHERE package = 'tm'")] == [
        "0001_initial", "0002_edits", "0003_exchange_metadata", "0004_variant_keys", "0005_inline_codes",
        "0006_align_embeddings", "0007_edit_positions", "0008_rare_buckets", "0009_occurrence_tokens",
        "0010_finer_buckets", "0011_posting_ranges", "0012_compressed_postings",
        "0013_unit_texts", "0014_numbered_keys", "0015_words_split_at_codes"]


def test_reopening_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "r.db"
    import_units(open_store(path), [TranslationUnit(zh="数据", en="data")])
    db = open_store(path)
    assert [u.en for u in iter_units(db)] == ["data"]
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def units(n, start=0):
    for i in range(start, start + n):
        yield TranslationUnit(zh=f"第{i}条人工智能句子。", en=f"Sentence number {i} about AI.")


def test_import_streams_and_dedupes(tmp_path):
    db = open_store(tmp_path / "i.db")
    consumed = []

    def source():
        for u in units(5000):
            consumed.append(1)
            yield u
        yield TranslationUnit(zh="第7条人工智能句子。", en="Sentence number 7 about AI.")  # duplicate

    stats = import_units(db, source())
    assert (stats.read, stats.added, stats.duplicates) == (5001, 5000, 0 + 1)
    assert len(consumed) == 5000
    again = import_units(db, units(10, start=4995))
    assert (again.added, again.duplicates) == (5, 5)
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 5005
    first = next(iter_units(db, order="id"))
    assert first.key == content_key(first.zh, first.en) and first.origin == "imported"


def test_import_is_all_or_nothing(tmp_path):
    db = open_store(tmp_path / "a.db")
    import_units(db, units(3))

    def broken():
        yield from units(3000, start=100)
        raise InputError("truncated TMX", path="big.tmx", line=9001)

    with pytest.raises(InputError, match="big.tmx:9001: truncated TMX"):
        import_units(db, broken())
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 3
    assert match(db, "第150条人工智能句子。", min_score=90) == []
    assert search(db, "第150条") == []


def test_duplicate_policies(tmp_path):
    db = open_store(tmp_path / "d.db")
    import_units(db, [TranslationUnit(zh="算力", en="computing power", key="k1")])
    with pytest.raises(ToolError, match="duplicate unit k1"):
        import_units(db, [TranslationUnit(zh="新的", en="new"), TranslationUnit(zh="算力", en="compute", key="k1")],
                     on_duplicate="error")
    assert [u.zh for u in iter_units(db)] == ["算力"]
    stats = import_units(db, [TranslationUnit(zh="算力", en="compute", key="k1", note="fixed")],
                         on_duplicate="replace")
    assert stats.replaced == 1
    unit = get_unit(db, "k1")
    assert (unit.en, unit.note) == ("compute", "fixed")
    assert [m.unit.key for m in match(db, "compute", source="en")] == ["k1"]
    assert match(db, "computing power", source="en", min_score=90) == []
    assert [h.unit.key for h in search(db, "compute")] == ["k1"]
    assert search(db, "computing power") == []


def test_busy_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "b.db"
    db = open_store(path)
    db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseError, match="^database is busy, retry$"):
            import_units(db, units(10))
    finally:
        other.execute("ROLLBACK")
    assert import_units(db, units(10)).added == 10


def test_readers_see_the_last_committed_state_during_an_import(tmp_path):
    path = tmp_path / "c.db"
    import_units(open_store(path), [TranslationUnit(zh="支持算力技术攻关和平台建设。", en="Support computing power.")])
    reader = open_store(path)
    seen = []

    def source():
        yield from units(2000)
        # mid-import, from another connection: the committed unit only, nothing of this import
        seen.append([m.unit.en for m in match(reader, "支持算力技术攻关和平台建设", min_score=50)])
        seen.append(len(search(reader, "人工智能句子")))
        yield from units(10, start=5000)

    t = threading.Thread(target=lambda: import_units(open_store(path), source()))
    t.start()
    t.join()
    assert seen == [["Support computing power."], 0]
    assert len(search(reader, "人工智能句子", limit=5000)) == 2010


def plan_alignment():
    """A small hand-made alignment: 3 zh, 4 en sentences, one 1-2 bead and one unaligned each side."""
    zh = ["一、工作目标", "到2027年，攻克100项关键核心技术。", "（此件主动公开）"]
    en = ["Full text attached.", "I. Work Objectives", "By 2027, we will tackle 100 key technologies.",
          "This is a second sentence."]
    seg = lambda texts: [Segment(t, i) for i, t in enumerate(texts)]
    beads = [Bead((), (0,), 0.5), Bead((0,), (1,), 0.9), Bead((1,), (2, 3), 0.42), Bead((2,), (), 0.5)]
    return Alignment(seg(zh), seg(en), beads)


def test_store_alignment_replaces_and_keeps_unaligned_out_of_the_way(tmp_path):
    db = open_store(tmp_path / "p.db")
    a = plan_alignment()
    for _ in range(2):
        stats = store_alignment(db, pair_name="plan", zh_path="p.zh.txt", en_path="p.en.txt", alignment=a,
                                now=lambda: "2026-11-21T06:00:00Z")
    assert (stats.units, stats.unaligned_zh, stats.unaligned_en, stats.low_confidence, stats.replaced) == \
        (2, 1, 1, 1, 4)
    assert stats.shapes == {"0-1": 1, "1-1": 1, "1-2": 1, "1-0": 1}
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 4
    assert db.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    pairs = [(u.key, u.zh, u.en, u.shape, u.status) for u in iter_units(db)]
    assert pairs == [
        ("plan:0001", "一、工作目标", "I. Work Objectives", "1-1", "translated"),
        ("plan:0002", "到2027年，攻克100项关键核心技术。",
         "By 2027, we will tackle 100 key technologies. This is a second sentence.", "1-2", "needs-review"),
    ]
    assert [u.key for u in iter_units(db, include_unaligned=True)] == ["plan:0000", "plan:0001", "plan:0002",
                                                                       "plan:0003"]
    # unaligned material: reviewable, never a match or a concordance hit
    assert [u.key for u in review_queue(db)] == ["plan:0002", "plan:0000", "plan:0003"]
    assert match(db, "（此件主动公开）", min_score=10) == []
    assert search(db, "此件") == []
    assert search(db, "Full text") == []


def test_store_alignment_keeps_the_pairs_embedding_cache(tmp_path):
    """The vectors of the pair's current texts replace its cached ones, per model, in the
    same transaction as the units; another pair's and another model's are untouched."""
    db = open_store(tmp_path / "e.db")
    a = plan_alignment()
    a.model, a.vectors = "use", {"k1": b"\x01\x02", "k2": b"\x03\x04"}
    store_alignment(db, pair_name="plan", zh_path="z", en_path="e", alignment=a)
    store_alignment(db, pair_name="other", zh_path="z", en_path="e", alignment=a)
    assert load_embeddings(db, "plan", "use") == {"k1": b"\x01\x02", "k2": b"\x03\x04"}
    a.vectors = {"k2": b"\x03\x04", "k3": b"\x05\x06"}   # a revised document: k1 gone, k3 new
    store_alignment(db, pair_name="plan", zh_path="z", en_path="e", alignment=a)
    assert load_embeddings(db, "plan", "use") == {"k2": b"\x03\x04", "k3": b"\x05\x06"}
    assert load_embeddings(db, "other", "use") == {"k1": b"\x01\x02", "k2": b"\x03\x04"}
    assert load_embeddings(db, "plan", "e5") == {}
    a.model, a.vectors = None, None   # a lexical alignment leaves the cache alone
    store_alignment(db, pair_name="plan", zh_path="z", en_path="e", alignment=a)
    assert len(load_embeddings(db, "plan", "use")) == 2


def test_update_unit_records_the_review(tmp_path):
    db = open_store(tmp_path / "u.db")
    store_alignment(db, pair_name="plan", zh_path="z", en_path="e", alignment=plan_alignment())
    unit = update_unit(db, "plan:0002", en="By 2027, 100 key core technologies will be mastered.",
                       status="reviewed", changed_by="Li Wei", changed="2026-11-21T07:00:00Z")
    assert (unit.en, unit.status, unit.changed_by, unit.changed) == \
        ("By 2027, 100 key core technologies will be mastered.", "reviewed", "Li Wei", "2026-11-21T07:00:00Z")
    assert update_unit(db, "plan:9999", status="reviewed") is None
    assert [h.unit.key for h in search(db, "core technologies")] == ["plan:0002"]
    assert search(db, "second sentence") == []
    assert "plan:0002" not in [u.key for u in review_queue(db)]
    rebuild_index(db)
    assert [h.unit.key for h in search(db, "core technologies")] == ["plan:0002"]


def test_concordance_short_chinese_terms_and_english_words(tmp_path):
    db = open_store(tmp_path / "k.db")
    import_units(db, [
        TranslationUnit(zh="“人工智能+康养”行动。", en='"AI + Health Care" Action.'),
        TranslationUnit(zh="建设智慧化康养机构、社区。", en="Build smart health-care institutions."),
        TranslationUnit(zh="发展人工智能产业。", en="Develop the AI industry."),
    ])
    hits = search(db, "康养")
    assert [(h.unit.en, h.spans) for h in hits] == [('"AI + Health Care" Action.', ((6, 8),)),
                                                    ("Build smart health-care institutions.", ((5, 7),))]
    assert [h.unit.zh for h in search(db, "局")] == []
    assert [h.spans for h in search(db, "康")] == [((6, 7),), ((5, 6),)]
    assert [h.spans for h in search(db, "health care")] == [((6, 17),), ((12, 23),)]
    assert [h.unit.zh for h in search(db, "ai")] == ["“人工智能+康养”行动。", "发展人工智能产业。"]
    assert [h.spans for h in search(db, "institu*")] == [((24, 36),)]
    assert [h.unit.en for h in search(db, "人工智能", limit=1)] == ['"AI + Health Care" Action.']


def test_concordance_equals_a_substring_scan(tmp_path):
    """Differential: Chinese concordance (index path and scan path) against a plain substring
    scan of the Simplified keys, over the plan's sentences and a third of them in Traditional
    characters, with queries in either script."""
    import opencc
    from tm.text.variants import simplified_key

    to_traditional = opencc.OpenCC("s2t").convert
    text = PLAN_ZH.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[。；])|\n", text) if s.strip()]
    en = [s for s in PLAN_EN.read_text(encoding="utf-8").split(". ") if s.strip()]
    rng = random.Random(3)
    sentences += [to_traditional(s) for s in sentences[::3]]
    db = open_store(tmp_path / "x.db")
    import_units(db, (TranslationUnit(zh=s, en=rng.choice(en)) for s in sentences))
    stored = [(u.id, u.zh) for u in iter_units(db, order="id")]
    traditional_hits = 0
    for _ in range(200):
        s = rng.choice(sentences)
        i = rng.randrange(len(s))
        q = s[i:i + rng.choice([1, 2, 2, 3, 4, 6])].strip()
        if not q:
            continue
        q = to_traditional(q) if rng.random() < 0.3 else q
        key = simplified_key(q).lower()
        expected = [uid for uid, zh in stored if key in simplified_key(zh).lower()]
        hits = search(db, q, lang="zh", limit=10_000)
        assert [h.unit.id for h in hits] == expected, q
        assert all(simplified_key(h.unit.zh[a:b]).lower() == key for h in hits for a, b in h.spans), q
        traditional_hits += sum(q not in h.unit.zh for h in hits)
    assert traditional_hits > 20        # hits in the other script than the query's were checked


# --- real processes: a writer killed mid-import, readers during an import ---

WRITER = r"""
import sys, time
from tm.models import TranslationUnit
from tm.memory.store import import_units, open_store

def units():
    for i in range(20000):
        if i == 15000:
            print("mid-import", flush=True)
            time.sleep(120)
        yield TranslationUnit(zh=f"第{i}号进程写入的人工智能句子。", en=f"Sentence {i} written by the process.")

import_units(open_store(sys.argv[1]), units())
"""


def start_writer(path):
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "mid-import\n"
    return proc


def test_kill_9_mid_import_leaves_all_or_nothing(tmp_path):
    import signal

    path = tmp_path / "k.db"
    import_units(open_store(path), [TranslationUnit(zh="已提交的句子。", en="A committed sentence.")])
    proc = start_writer(path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    db = open_store(path)
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [u.en for u in iter_units(db)] == ["A committed sentence."]
    assert search(db, "进程写入") == [] and match(db, "第5号进程写入的人工智能句子。") == []
    assert import_units(db, units(3)).added == 3


def test_cli_readers_and_a_second_writer_while_an_import_runs(tmp_path):
    import subprocess

    path = tmp_path / "w.db"
    import_units(open_store(path), [TranslationUnit(zh="支持算力技术攻关和平台建设。", en="Support computing power.")])
    proc = start_writer(path)
    try:
        env = dict(os.environ, TM_DB=str(path))
        tm = ["tm"]
        out = subprocess.run(tm + ["match", "支持算力技术攻关和平台", "--format", "tsv"], env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and "Support computing power." in out.stdout
        out = subprocess.run(tm + ["search", "进程写入"], env=env, capture_output=True, text=True, timeout=60)
        assert (out.returncode, out.stdout) == (1, "")     # no hit: exit 1
        second = open_store(path)
        second.conn.execute("PRAGMA busy_timeout = 200")
        with pytest.raises(DatabaseError, match="^database is busy, retry$"):
            import_units(second, units(5))
    finally:
        proc.kill()
        proc.wait()


def test_replacing_import_keeps_the_index_exact_and_compact(tmp_path):
    db = open_store(tmp_path / "rep.db")
    import_units(db, units(3000))
    runs = db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0]
    changed = (TranslationUnit(zh=u.zh, en=u.en.replace("about AI", "on artificial intelligence"),
                               key=content_key(u.zh, u.en)) for u in units(3000))
    stats = import_units(db, changed, on_duplicate="replace")
    assert (stats.replaced, stats.added) == (3000, 0)
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == runs + 1
    assert search(db, "about AI") == []
    assert len(search(db, "on artificial intelligence", limit=5000)) == 3000
    from tm.memory.match import match_brute

    q = "Sentence number 1234 on artificial intelligence."
    assert [(m.unit.id, m.score) for m in match(db, q, source="en", min_score=60, limit=50)] == \
        [(m.unit.id, m.score) for m in match_brute(db, q, source="en", min_score=60, limit=50)]


def test_import_memory_does_not_grow_with_the_input(tmp_path, monkeypatch):
    """Streaming: Python memory at 50,000 units is that of 10,000 (runs flushed every 50,000
    postings; every unit here has a word of its own, its number), but for the duplicate
    look-up's hashes (:class:`tm.memory.seen.Seen`: two 64-bit hashes and their ids a unit,
    32 bytes, and the copies of a merge of its runs). Holding the units' rows would cost
    several hundred bytes a unit. The peak at 10,000 units varies by a fifth with the
    timing of the index's sorting thread (7.3-8.9 MB on a loaded machine), hence the slack."""
    import tracemalloc

    from tm.memory.index import Index

    monkeypatch.setattr(Index, "FLUSH_POSTINGS", 50_000)
    peaks = []
    for n in (10_000, 50_000):
        db = open_store(tmp_path / f"m{n}.db")
        tracemalloc.start()
        import_units(db, units(n))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == n
    assert peaks[1] - peaks[0] < 96 * (50_000 - 10_000) + 0.3 * peaks[0], peaks


from hypothesis import given as _given, settings as _settings, strategies as _st

_JSONABLE = _st.recursive(_st.none() | _st.booleans() | _st.integers() | _st.floats() | _st.text(),
                          lambda inner: _st.lists(inner, max_size=3) | _st.dictionaries(_st.text(), inner, max_size=4),
                          max_leaves=12)


@_settings(max_examples=300, deadline=None)
@_given(_st.dictionaries(_st.text(), _JSONABLE, max_size=5))
def test_record_json_is_json_dumps(obj):
    """The store's JSON of props/meta/codes (one C encoder made once) is byte for byte
    json.dumps(..., ensure_ascii=False, sort_keys=True): stored props take part in finding
    duplicates, so their text must not change."""
    import json
    from tm.memory.store import _JSON
    assert _JSON(obj) == json.dumps(obj, ensure_ascii=False, sort_keys=True)


_SIDE = _st.text(_st.sampled_from("中文 ab\x00\u2028\U00100004"), max_size=8)


@_settings(max_examples=300, deadline=None)
@_given(_st.lists(_st.tuples(_SIDE, _SIDE, _st.dictionaries(_st.sampled_from(["file", "prev", "x"]), _SIDE, max_size=2),
                             _st.none() | _st.just("k1")), max_size=6))
def test_prepared_digest_and_content_key_are_the_plain_functions(rows):
    """prepare_units hashes zh and en once for both the digest and the content key; they
    equal digest() and _content_key() (keys already given to units must not change)."""
    from tm.memory import store
    units = [TranslationUnit(zh=zh, en=en, props=props, key=key) for zh, en, props, key in rows]
    for u, rec in zip(units, store.prepare_units(units, tokens=False)):
        assert rec[store.R_DIGEST] == store.digest(u.zh, u.en)
        want = None if u.key else store._content_key(u.zh, u.en, rec[store.R_PROPS], store.digest(u.zh, u.en))
        assert rec[store.R_CONTENT_KEY] == want
