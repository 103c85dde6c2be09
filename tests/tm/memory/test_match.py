"""Fuzzy match: the score, the highlighting, and the indexed fast path against a full scan."""

import random
import re
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from conftest import PLAN_EN, PLAN_ZH
from tm.memory import fuzzy
from tm.memory.index import codes_of
from tm.memory.match import highlight, match, match_brute
from tm.models import TranslationUnit
from tm.memory.store import import_units, open_store, update_unit


def plan_sentences():
    zh = [s for s in re.split(r"(?<=[。；！？])|\n", PLAN_ZH.read_text(encoding="utf-8")) if len(s.strip()) > 3]
    en = [s for s in re.split(r"(?<=[.;!?])\s+|\n", PLAN_EN.read_text(encoding="utf-8")) if len(s.split()) > 2]
    return [s.strip() for s in zh], [s.strip() for s in en]


def edited(rng, items: list, pool, k: int) -> list:
    """``items`` after ``k`` random edits: one replaced, inserted (from ``pool``) or deleted."""
    for _ in range(k):
        i = rng.randrange(len(items))
        op = rng.random()
        if op < 0.4:
            items[i] = rng.choice(pool)
        elif op < 0.7:
            items.insert(i, rng.choice(pool))
        elif len(items) > 1:
            del items[i]
    return items


def edit_zh(rng, text, k):
    return "".join(edited(rng, list(text), "的是在了发展人工智能推动建设产业技术创新数据平台，。、", k))


def edit_en(rng, text, k):
    pool = ["the", "of", "AI", "development", "industry", "computing", "and", "new", "platform", "Tianjin"]
    return " ".join(edited(rng, text.split(), pool, k))


@pytest.fixture(scope="module")
def memory(tmp_path_factory):
    """~3,000 units: the plan's sentences and edited variants of them (a memory full of revisions)."""
    rng = random.Random(1)
    zh, en = plan_sentences()
    units = []
    for i in range(3000):
        a, b = rng.choice(zh), rng.choice(en)
        k = rng.choice([0, 0, 1, 2, 3, 5, 8, 15])
        units.append(TranslationUnit(zh=edit_zh(rng, a, k), en=edit_en(rng, b, k // 2)))
    db = open_store(tmp_path_factory.mktemp("match") / "m.db")
    import_units(db, units)
    return db, zh, en


def keyed(matches):
    return [(m.unit.id, m.score) for m in matches]


@pytest.mark.parametrize("min_score", [40, 55, 70, 85, 100])
def test_fast_path_equals_full_scan_chinese(memory, min_score):
    db, zh, _ = memory
    rng = random.Random(min_score)
    for _ in range(25):
        q = edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3, 6, 12]))
        fast = match(db, q, source="zh", min_score=min_score, limit=10_000)
        assert keyed(fast) == keyed(match_brute(db, q, source="zh", min_score=min_score, limit=10_000)), q


@pytest.mark.parametrize("min_score", [40, 55, 70, 85, 100])
def test_fast_path_equals_full_scan_english(memory, min_score):
    db, _, en = memory
    rng = random.Random(min_score + 1)
    for _ in range(25):
        q = edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 4, 8]))
        fast = match(db, q, source="en", min_score=min_score, limit=10_000)
        assert keyed(fast) == keyed(match_brute(db, q, source="en", min_score=min_score, limit=10_000)), q


def test_the_differential_test_sees_matches(memory):
    """Guard against a vacuous comparison: the queries above do find fuzzy (not only exact) matches."""
    db, zh, en = memory
    rng = random.Random(5)
    q = edit_zh(rng, zh[10], 2)
    scores = [m.score for m in match(db, q, source="zh", min_score=50, limit=100)]
    assert scores and any(50 <= s < 100 for s in scores)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="人工智能发展产业算力平台的，。 ABCabc", min_size=1, max_size=30),
       st.sampled_from([30, 60, 75, 95]))
def test_fast_path_equals_full_scan_on_any_query(memory, text, min_score):
    db = memory[0]
    for lang in ("zh", "en"):
        assert keyed(match(db, text, source=lang, min_score=min_score, limit=500)) == \
            keyed(match_brute(db, text, source=lang, min_score=min_score, limit=500))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_query_of_a_whole_page_is_scored_by_a_scan_with_the_same_results(tmp_path, monkeypatch, lang):
    """A query of thousands of tokens (a page pasted whole) made the index probe's work grow
    with its square: 4,200 characters took 2.4 s on 140 units, 41,000 more than a minute.
    Where a scan of every unit is cheaper it is chosen; the result is the full scan's, here
    with a unit of the same page among the units, found through its edits."""
    import tm.memory.match as M
    rng = random.Random(7)
    page = (PLAN_ZH if lang == "zh" else PLAN_EN).read_text(encoding="utf-8").replace("\n", " ")
    page = page[:6000] if lang == "zh" else " ".join(page.split()[:2500])
    zh, en = plan_sentences()
    long_unit = edit_zh(rng, page, 40) if lang == "zh" else edit_en(rng, page, 40)
    units = [TranslationUnit(zh=a, en=b) for a, b in zip(zh, en)]
    units.append(TranslationUnit(zh=long_unit if lang == "zh" else "一页。", en=long_unit if lang == "en" else "A page."))
    db = open_store(tmp_path / "m.db")
    import_units(db, units)

    def no_probe(*args, **kwargs):
        raise AssertionError("the index was probed")
    monkeypatch.setattr(M, "probe", no_probe)
    found = match(db, page, source=lang, min_score=70)
    assert keyed(found) == keyed(match_brute(db, page, source=lang, min_score=70))
    assert found and found[0].score > 95 and found[0].unit.id == len(units)


def test_stale_postings_after_edits_still_exact(tmp_path):
    db = open_store(tmp_path / "e.db")
    import_units(db, [TranslationUnit(zh="支持算力技术攻关和平台建设。", en="Support computing power research.", key="a"),
                      TranslationUnit(zh="推动人工智能产业集聚发展。", en="Promote AI industry clusters.", key="b")])
    update_unit(db, "a", en="Support research on computing power and platforms.")
    q = "Support research on computing power and platforms."
    assert keyed(match(db, q, source="en", min_score=60)) == keyed(match_brute(db, q, source="en", min_score=60))
    assert [m.unit.key for m in match(db, q, source="en")] == ["a"]
    assert match(db, "Support computing power research.", source="en", min_score=90) == []


def test_score_formula():
    # 2 edits (one substitution, one deletion) over max(10, 9) characters
    assert fuzzy.score(fuzzy.tokens("支持算力技术攻关和平台", "zh"), fuzzy.tokens("支持算力技木攻关和平", "zh")) \
        == pytest.approx(100 * (1 - 2 / 11))
    # 朮 is the Traditional form of 术: the same character to the matcher (tm.text.variants)
    assert fuzzy.score(fuzzy.tokens("支持算力技术攻关和平台", "zh"), fuzzy.tokens("支持算力技朮攻关和平", "zh")) \
        == pytest.approx(100 * (1 - 1 / 11))
    # words, case-insensitive, punctuation is not a word
    assert fuzzy.score(fuzzy.tokens("Build the AI platform.", "en"), fuzzy.tokens("build an AI platform", "en")) \
        == pytest.approx(75.0)
    # full-width and half-width forms are the same characters
    assert fuzzy.tokens("ＧＰＵ（图形处理器）", "zh") == fuzzy.tokens("GPU(图形处理器)", "zh")


def test_ranking_best_first_ties_by_id(tmp_path):
    db = open_store(tmp_path / "r.db")
    import_units(db, [TranslationUnit(zh="培育人工智能应用标杆场景", en="x one"),
                      TranslationUnit(zh="培育人工智能应用场景", en="x two"),
                      TranslationUnit(zh="培育人工智能应用标杆场所", en="x three"),
                      TranslationUnit(zh="培育人工智能应用标杆场景", en="x four")])
    got = [(m.unit.en, round(m.score, 1)) for m in match(db, "培育人工智能应用标杆场景", min_score=70)]
    assert got == [("x one", 100.0), ("x four", 100.0), ("x three", 91.7), ("x two", 83.3)]


def test_autodetect_and_limits(tmp_path):
    db = open_store(tmp_path / "a.db")
    import_units(db, [TranslationUnit(zh="建设算力平台", en="build a computing platform")])
    assert [m.unit.en for m in match(db, "建设算力平台")] == ["build a computing platform"]
    assert [m.unit.zh for m in match(db, "build a computing platform")] == ["建设算力平台"]
    assert match(db, "build a computing platform", limit=0) == []
    assert match(db, "   ") == []


def test_highlight_marks_what_differs():
    pieces = highlight("支持算力技术攻关", "支持算力技术的攻关", "zh")
    assert "".join(p for p, _ in pieces) == "支持算力技术的攻关"
    assert [p for p, changed in pieces if changed] == ["的"]
    pieces = highlight("Support computing research.", "Support quantum computing research!", "en")
    assert "".join(p for p, _ in pieces) == "Support quantum computing research!"
    assert [p for p, changed in pieces if changed] == ["quantum"]


def test_a_score_exactly_at_min_is_kept(tmp_path):
    """--min keeps scores >= the value. RapidFuzz's own score_cutoff drops a text scoring exactly
    the cutoff (2 edits in 10 words = 80.0 with cutoff 0.8 - 1e-9 gives 0.0), so neither the fast
    path nor the reference may rely on it."""
    db = open_store(tmp_path / "m.db")
    import_units(db, [TranslationUnit(zh="一二三四五六七八甲乙", en="a b c d e f g h x y", key="exact"),
                      TranslationUnit(zh="一二三四五六七甲乙丙", en="a b c d e f g x y z", key="below")])
    for q, lang in (("a b c d e f g h i j", "en"), ("一二三四五六七八九十", "zh")):
        for fn in (match, match_brute):
            got = [(m.unit.key, m.score) for m in fn(db, q, source=lang, min_score=80)]
            assert got == [("exact", pytest.approx(80.0))], (fn.__name__, lang)
        assert keyed(match(db, q, source=lang, min_score=70)) == keyed(match_brute(db, q, source=lang, min_score=70))


def families(rng, n_families, per_family):
    """A repetitive memory: each family one sentence of the plan with numbers changed, a boilerplate
    opening or not, and a few revisions: thousands of near-ties at the limit-th place."""
    zh, en = plan_sentences()
    openings = [("根据有关规定，", "In accordance with the relevant provisions, "), ("", "")]
    units = []
    for f in range(n_families):
        a, b = rng.choice(zh), rng.choice(en)
        for _ in range(per_family):
            k = rng.randint(1, 500)
            oz, oe = rng.choice(openings)
            z = oz + edit_zh(rng, a, rng.choice([0, 0, 1, 2])) + f"第{k}条"
            e = oe + edit_en(rng, b, rng.choice([0, 0, 1])) + f" Article {k}"
            units.append(TranslationUnit(zh=z, en=e))
    rng.shuffle(units)
    return units


@pytest.fixture(scope="module")
def repetitive(tmp_path_factory):
    rng = random.Random(12)
    db = open_store(tmp_path_factory.mktemp("rep") / "r.db")
    import_units(db, families(rng, 12, 150))
    return db, rng


@pytest.mark.parametrize("min_score", [60, 75, 90])
def test_fast_path_equals_full_scan_on_a_repetitive_memory(repetitive, min_score):
    """Top-k with bounds stops early; the k-th place is contested by many equal scores (ties by id)."""
    db, _ = repetitive
    rng = random.Random(min_score)
    units = list(db.conn.execute("SELECT zh, en FROM units ORDER BY id"))
    ties = 0
    for i in range(36):
        limit = (1, 5, 40)[i % 3]
        zh, en = rng.choice(units)
        for lang, q in (("zh", edit_zh(rng, zh, rng.choice([0, 1, 3]))), ("en", edit_en(rng, en, rng.choice([0, 1, 2])))):
            fast = keyed(match(db, q, source=lang, min_score=min_score, limit=limit))
            assert fast == keyed(match_brute(db, q, source=lang, min_score=min_score, limit=limit)), (lang, q)
            wider = keyed(match_brute(db, q, source=lang, min_score=min_score, limit=limit + 1))
            ties += len(wider) > limit and wider[limit - 1][1] == wider[limit][1]
    assert ties > 0  # the comparison did face ties at the cut


def count_with(monkeypatch, way: str) -> None:
    """Make :func:`tm.memory.match.probe` count postings ``way``: ``python``, one Python object
    per posting (few postings); ``numpy``, numpy arrays (many, numpy loaded); ``bitmaps`` (many,
    numpy not loaded: a one-shot command); ``…-count-all``, numpy or bitmaps reading every token
    left to count (as a server's larger ``COUNT_FACTOR_SERVER`` does more often)."""
    import tm.memory.match as matching
    for knob in ("NUMPY_FROM", "BITMAPS_FROM", "BITMAPS_FROM_SERVER"):
        monkeypatch.setattr(matching, knob, 10**12 if way == "python" else -1)
    if way.startswith("bitmaps"):   # as where numpy is not loaded (this process has it)
        bitmaps = matching._probe_bitmaps
        monkeypatch.setattr(matching, "_counter", lambda *args: bitmaps)
    if way.endswith("count-all"):
        monkeypatch.setattr(matching, "COUNT_FACTOR", 10**9)


@pytest.fixture(params=["python", "numpy", "numpy-count-all", "bitmaps", "bitmaps-count-all"])
def counting(request, monkeypatch):
    """Each way :func:`tm.memory.match.probe` counts postings (:func:`count_with`)."""
    count_with(monkeypatch, request.param)
    return request.param


@pytest.fixture(scope="module")
def indexed_twice(tmp_path_factory):
    """Every unit's English side edited: its Chinese postings are written again (the old ones
    stay until a rebuild), so each Chinese bigram of a unit is found twice."""
    rng = random.Random(4)
    zh, en = plan_sentences()
    units = [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 2, 4])), en=rng.choice(en), key=f"u{i}")
             for i in range(400)]
    db = open_store(tmp_path_factory.mktemp("twice") / "t.db")
    import_units(db, units)
    for u in units:
        update_unit(db, u.key, en=u.en + " (revised)")
    return db, zh


@pytest.mark.parametrize("min_score", [60, 75, 90])
def test_units_indexed_twice_still_exact(indexed_twice, counting, min_score):
    """A unit found twice shares 'more' bigrams than the query has: its bound is that of all of
    them (it was looked up under another length's bound, and a 76% match was lost)."""
    db, zh = indexed_twice
    rng = random.Random(min_score)
    ens = [en for (en,) in db.conn.execute("SELECT en FROM units")]
    for _ in range(30):
        # Chinese: the same length twice; English ("(revised)" added): two lengths
        for lang, q in (("zh", edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3, 6]))),
                        ("en", edit_en(rng, rng.choice(ens).replace(" (revised)", ""), rng.choice([0, 1, 2])))):
            for limit in (1, 5):
                assert keyed(match(db, q, source=lang, min_score=min_score, limit=limit)) == \
                    keyed(match_brute(db, q, source=lang, min_score=min_score, limit=limit)), q


@pytest.mark.parametrize("min_score", [60, 75, 90])
def test_both_ways_of_counting_equal_the_full_scan(repetitive, counting, min_score):
    db, _ = repetitive
    rng = random.Random(min_score + 7)
    units = list(db.conn.execute("SELECT zh, en FROM units ORDER BY id"))
    for i in range(12):
        limit = (1, 5, 40)[i % 3]
        zh, en = rng.choice(units)
        for lang, q in (("zh", edit_zh(rng, zh, rng.choice([0, 2, 5]))), ("en", edit_en(rng, en, rng.choice([0, 1, 3])))):
            assert keyed(match(db, q, source=lang, min_score=min_score, limit=limit)) == \
                keyed(match_brute(db, q, source=lang, min_score=min_score, limit=limit)), (lang, q)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="人工軟體ＡＢＣabc１２，。 \u0301e\u00e9ﬁ①ｶﾞİß\ue000\U00100001", max_size=8),
                min_size=0, max_size=5))
def test_tokens_of_many_texts_at_once_are_those_of_each(texts):
    for lang in ("zh", "en"):
        assert fuzzy.tokens_many(texts, lang) == [fuzzy.tokens(t, lang) for t in texts]


def test_detect_lang_is_has_han_character_by_character():
    """detect_lang tests characters one by one (no pattern to compile at start-up): the same
    answer as has_han's pattern on every code point around and inside the ideograph ranges,
    alone and after other text."""
    from tm.text.zh import _CJK_RANGES, has_han
    points = {0x41, 0xE9, 0x3000, 0x3006, 0x3008, 0xFF21, 0x10FFFD}
    for lo, hi in _CJK_RANGES:
        points.update(range(lo - 2, lo + 3))
        points.update(range(hi - 2, hi + 3))
        points.update(random.Random(lo).sample(range(lo, hi + 1), min(50, hi - lo + 1)))
    for cp in sorted(points):
        for text in (chr(cp), f"café “{chr(cp)}”", f"x{chr(cp)}"):
            assert fuzzy.detect_lang(text) == ("zh" if has_han(text) else "en"), hex(cp)


def _rare_rows(db):
    import numpy as np
    return [(b, run, np.frombuffer(t, dtype=np.uint64), np.frombuffer(c, dtype=np.uint64))
            for b, run, t, c in db.conn.execute("SELECT bucket, run, tokens, codes FROM match_rare ORDER BY id")]


def test_memory_indexed_with_the_old_buckets_is_regrouped_on_opening(tmp_path):
    """Rare postings were grouped by ``token % 4096`` (crowded buckets: a Chinese bigram's low
    bits are its second character's); opening such a memory regroups them by
    :func:`tm.memory.index.bucket`, codes unchanged, and matching stays exact."""
    import numpy as np
    from tm.memory.index import bucket
    rng = random.Random(8)
    zh, en = plan_sentences()
    path = tmp_path / "old.db"
    db = open_store(path)
    for part in range(3):   # three runs
        import_units(db, [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 2, 6])),
                                          en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 3])))
                          for _ in range(150)])
    new = _rare_rows(db)
    postings = sorted((run, int(t), int(c)) for _, run, ts, cs in new for t, c in zip(ts, cs))
    # the layout of earlier versions: rows by token % 4096, sorted by token then code
    with db.conn:
        db.conn.execute("DELETE FROM match_rare")
        old: dict = {}
        for run, t, c in postings:
            old.setdefault((run, t % 4096), []).append((t, c))
        for (run, b), pc in sorted(old.items()):
            db.conn.execute("INSERT INTO match_rare (bucket, run, tokens, codes) VALUES (?, ?, ?, ?)",
                            [b, run, np.array([t for t, _ in pc], dtype=np.uint64).tobytes(),
                             np.array([c for _, c in pc], dtype=np.uint64).tobytes()])
        db.conn.execute("DELETE FROM _migrations WHERE name = '0008_rare_buckets'")
    db.conn.close()
    db = open_store(path)
    rows = _rare_rows(db)
    assert sorted((run, int(t), int(c)) for _, run, ts, cs in rows for t, c in zip(ts, cs)) == postings
    for b, run, ts, cs in rows:
        assert {bucket(int(t)) for t in ts} == {b}
        pairs = list(zip(ts.tolist(), cs.tolist()))
        assert pairs == sorted(pairs)
    # the rows a fresh index writes: one per bucket and run, the same postings in each
    assert sorted((b, run, ts.tolist(), cs.tolist()) for b, run, ts, cs in rows) == \
        sorted((b, run, ts.tolist(), cs.tolist()) for b, run, ts, cs in new)
    for _ in range(20):
        for lang, q in (("zh", edit_zh(rng, rng.choice(zh), 2)), ("en", edit_en(rng, rng.choice(en), 1))):
            assert keyed(match(db, q, source=lang, min_score=60, limit=5)) == \
                keyed(match_brute(db, q, source=lang, min_score=60, limit=5))


def test_rare_buckets_are_even_on_chinese():
    """The bucket hash spreads Chinese bigrams that share a second character (all in one
    bucket with ``token % 4096``) over as many buckets as there are bigrams, but for chance
    collisions."""
    from tm.memory.index import bucket
    zh, _ = plan_sentences()
    grams = {g for s in zh for g in fuzzy.gram_ids(fuzzy.tokens(s, "zh"), "zh")}
    by_char: dict = {}
    for g in grams:
        by_char.setdefault(g % 4096, set()).add(g)
    crowded = max(by_char.values(), key=len)
    assert len(crowded) >= 50
    assert len({bucket(g) for g in crowded}) >= 0.9 * len(crowded)


def _postings(db):
    """Every (token, code) of the index, and the number of times it is stored."""
    import numpy as np
    out = Counter()
    for token, blob in db.conn.execute("SELECT token, codes FROM match_postings"):
        out.update((token, int(c)) for c in codes_of(blob))
    for t, c in db.conn.execute("SELECT tokens, codes FROM match_rare"):
        out.update(zip(np.frombuffer(t, dtype=np.uint64).tolist(), np.frombuffer(c, dtype=np.uint64).tolist()))
    return out


@pytest.mark.parametrize("flush, sample", [(700, 16), (5000, 1024)])
def test_the_spills_of_a_large_transaction_are_merged_into_one_run(tmp_path, monkeypatch, counting, flush, sample):
    """An import larger than the index's buffer sets sorted spills aside and writes one run
    at the end: the same postings, each once, as the same units indexed in one buffer; a token
    commoner than a merge range (fine samples: short ranges) is cut into several rows, each
    sorted, other tokens are not; a rare bucket is one row; matching stays exact."""
    from tm.memory.index import Index, Spill, bucket
    rng = random.Random(flush)
    zh, en = plan_sentences()
    units = [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3])),
                             en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 2]))) for _ in range(600)]
    whole = open_store(tmp_path / "whole.db")
    import_units(whole, units)
    monkeypatch.setattr(Index, "FLUSH_POSTINGS", flush)
    monkeypatch.setattr(Spill, "SAMPLE", sample)
    spilled = open_store(tmp_path / "spilled.db")
    import_units(spilled, units)
    assert spilled.conn.execute("SELECT count(*) FROM match_runs").fetchone() == (1,)
    expected = _postings(whole)
    assert set(expected.values()) == {1}
    assert _postings(spilled) == expected
    assert spilled.conn.execute("SELECT postings FROM match_runs").fetchone()[0] == len(expected)
    import numpy as np
    rows = spilled.conn.execute("SELECT token, n, codes FROM match_postings").fetchall()
    for _, n, blob in rows:
        codes = np.frombuffer(codes_of(blob), dtype=np.uint64)
        assert len(codes) == n and (np.diff(codes.astype(np.int64)) > 0).all()
    per_token = Counter(t for t, _, _ in rows)
    assert max(per_token.values()) > 1 if sample == 16 else max(per_token.values()) == 1
    for b, t in spilled.conn.execute("SELECT bucket, tokens FROM match_rare"):
        assert {bucket(x) for x in np.frombuffer(t, dtype=np.uint64).tolist()} == {b}
    # a bucket's rare postings in one row, as with one buffer, however many batches they came in
    rare = spilled.conn.execute("SELECT count(*), count(DISTINCT bucket), sum(length(tokens)) FROM match_rare").fetchone()
    assert rare[0] == rare[1] == whole.conn.execute("SELECT count(*) FROM match_rare").fetchone()[0]
    if flush == 700:                     # the rare postings came in several batches (of the merge's size)
        assert rare[2] > 8 * flush
    for _ in range(15):
        for lang, q in (("zh", edit_zh(rng, rng.choice(zh), 2)), ("en", edit_en(rng, rng.choice(en), 1))):
            for min_score in (60, 80):
                assert keyed(match(spilled, q, source=lang, min_score=min_score, limit=5)) == \
                    keyed(match_brute(spilled, q, source=lang, min_score=min_score, limit=5)), q



def test_full_text_rows_are_written_as_the_units_come_not_after_the_last(tmp_path, monkeypatch):
    """SQLite: the ``units_en_fts`` rows of an import go in a batch at a time, so that
    little is left for the end of a large import (when the reading process is done and one
    core idles); the rows are all there, once each, whatever the batches."""
    from tm.memory.index import Index, Tokenizer
    from tm.memory.store import transaction
    monkeypatch.setattr(Index, "FTS_ROWS", 60)
    zh, en = plan_sentences()
    db = open_store(tmp_path / "m.db")
    tok = Tokenizer()
    pairs = [(zh[i % len(zh)], f"{en[i % len(en)]} zqx{i}") for i in range(130)]
    indexed = "SELECT rowid FROM units_en_fts WHERE units_en_fts MATCH 'zqx*' ORDER BY rowid"
    with transaction(db):
        index = Index(db)
        for start in range(0, len(pairs), 40):          # batches of 40: 80 rows written, then 50 left
            part = pairs[start:start + 40]
            ids = list(range(start + 1, start + 1 + len(part)))
            toks = [tok(z, e) for z, e in part]
            index.add_many(ids, [e for _, e in part], [t[0] for t in toks], [t[1] for t in toks])
        assert [r[0] for r in db.conn.execute(indexed)] == list(range(1, 81))
        index.finish()
    assert [r[0] for r in db.conn.execute(indexed)] == list(range(1, 131))
    assert db.conn.execute("SELECT rowid FROM units_en_fts WHERE units_en_fts MATCH 'zqx129'").fetchall() == [(130,)]

@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from([3, 2**31, 2**62 | 77, 2**62 | 2**41]), st.integers(1, 4),
                                   st.sampled_from([0, 1, 7, 2**30, 2**39 + 5])), max_size=12), min_size=2, max_size=4))
def test_merging_sorted_pieces_equals_sorting_them(pieces):
    """The merge of a range's pieces (one 64-bit key where it fits, two keys where it does not):
    sorted by token then code, each posting once."""
    import numpy as np
    from tm.memory.index import _merge_sorted
    arrays = [sorted({(t, m << 40 | u) for t, m, u in p}) for p in pieces]
    tids = np.array([t for a in arrays for t, _ in a], dtype=np.uint64)
    codes = np.array([c for a in arrays for _, c in a], dtype=np.uint64)
    if not len(tids):
        return
    got = _merge_sorted(tids, codes)
    assert list(zip(got[0].tolist(), got[1].tolist())) == sorted(set(zip(tids.tolist(), codes.tolist())))


def test_repeats_within_a_unit_are_numbered_and_an_old_index_is_rebuilt(tmp_path):
    """A token said twice in a unit is stored twice (the repeat numbered), so a unit that says
    人工智能 once shares one 人工 with a query that says it twice; a memory indexed before
    (repeats not stored) is indexed again on opening, and matching stays exact."""
    from tm.memory.fuzzy import OCCURRENCE_SHIFT, ZH_BIT, occurrence_ids
    rng = random.Random(9)
    zh, en = plan_sentences()
    path = tmp_path / "old.db"
    db = open_store(path)
    units = [TranslationUnit(zh="人工智能人工智能产业", en="the AI of the AI industry")]
    units += [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 2, 6])),
                              en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 3]))) for _ in range(400)]
    import_units(db, units)
    ids = occurrence_ids(fuzzy.tokens("人工智能人工智能产业", "zh"), "zh")
    assert ids[4] == ids[0] | 1 << OCCURRENCE_SHIFT["zh"] and ids[0] & ZH_BIT
    assert occurrence_ids(["the", "ai", "the", "the"], "en")[3] == occurrence_ids(["the"], "en")[0] | 2 << 32
    stored = _postings(db)
    for t in set(ids) | set(occurrence_ids(fuzzy.tokens("the AI of the AI industry", "en"), "en")):
        assert any(token == t and code & 0xFFFFFFFFFF == 1 for token, code in stored), t
    # the index of earlier versions: no numbered repeats
    def numbered(t):
        return t & ~ZH_BIT >= 1 << OCCURRENCE_SHIFT["zh" if t & ZH_BIT else "en"]
    assert any(numbered(t) for t, _ in stored)
    import numpy as np
    from tm.memory.index import write_run
    old = sorted((t, c) for t, c in stored if not numbered(t))
    with db.conn:
        for table in ("match_postings", "match_rare", "match_runs"):
            db.conn.execute(f"DELETE FROM {table}")
        write_run(db.conn, np.array([t for t, _ in old], dtype=np.uint64), np.array([c for _, c in old], dtype=np.uint64))
        db.conn.execute("DELETE FROM _migrations WHERE name = '0009_occurrence_tokens'")
    db.conn.close()
    db = open_store(path)
    assert _postings(db) == stored
    for _ in range(20):
        for lang, q in (("zh", edit_zh(rng, rng.choice(zh), 2) + "人工智能人工智能"),
                        ("en", edit_en(rng, rng.choice(en), 1) + " the the AI")):
            assert keyed(match(db, q, source=lang, min_score=60, limit=5)) == \
                keyed(match_brute(db, q, source=lang, min_score=60, limit=5))


@pytest.mark.parametrize("min_score", [60, 80, 95])
def test_long_posting_lists_in_ranged_rows_read_by_length_stay_exact(tmp_path, monkeypatch, counting, min_score):
    """A token's list longer than CHUNK is cut into rows that carry their first and last code;
    a match reads only the rows of the lengths it can match, and its results are the full scan's."""
    import numpy as np
    import tm.memory.index as index
    from tm.memory.match import Postings, _lengths
    monkeypatch.setattr(index, "CHUNK", 16)
    rng = random.Random(min_score)
    zh, en = plan_sentences()
    db = open_store(tmp_path / "ranged.db")
    import_units(db, [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3, 8])),
                                      en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 5]))) for _ in range(500)])
    cut = 0
    for n, blob, lo, hi in db.conn.execute("SELECT n, codes, lo, hi FROM match_postings"):
        codes = np.frombuffer(codes_of(blob), dtype=np.uint64)
        assert n == len(codes) <= 16
        if lo is not None:
            cut += 1
            assert (lo, hi) == (int(codes[0]), int(codes[-1]))
    assert cut > 100
    read = []
    for _ in range(12):
        for lang, q in (("zh", edit_zh(rng, rng.choice(zh), 2)), ("en", edit_en(rng, rng.choice(en), 1))):
            assert keyed(match(db, q, source=lang, min_score=min_score, limit=5)) == \
                keyed(match_brute(db, q, source=lang, min_score=min_score, limit=5)), q
            ids = set(fuzzy.occurrence_ids(fuzzy.tokens(q, lang), lang))
            df = {t: 1 for t in ids}
            ranged = Postings(db, ids, df, _lengths(len(fuzzy.tokens(q, lang)), min_score / 100))
            whole = Postings(db, ids, df)
            for t in ids:
                ranged._frequent(t), whole._frequent(t)
            read.append((sum(map(len, ranged.blobs.values())), sum(map(len, whole.blobs.values()))))
    assert all(a <= b for a, b in read) and sum(a for a, _ in read) < sum(b for _, b in read)


def test_candidates_are_read_in_few_statements_however_many_their_bounds(repetitive, monkeypatch):
    """The units left after counting are scored best bound first in chunks that grow (32, 128,
    512 …) across bounds: counted with bitmaps (a one-shot command) their texts take as few
    statements as counted with numpy, not one per (length, hits) group of a bound (on a
    server each a round trip: 50–60 a heavy query of the stress memory)."""
    import tm.memory.match as matching
    db, _ = repetitive
    units = list(db.conn.execute("SELECT zh, en FROM units ORDER BY id"))
    real, reads = matching._texts, []

    def counting(db, source):
        texts = real(db, source)
        return lambda ids: reads.append(len(ids)) or texts(ids)
    monkeypatch.setattr(matching, "_texts", counting)
    statements = {}
    for way in ("numpy", "bitmaps"):
        count_with(monkeypatch, way)
        rng, statements[way] = random.Random(3), []
        for _ in range(12):
            zh, en = rng.choice(units)
            for lang, q in (("zh", edit_zh(rng, zh, rng.choice([0, 2, 5]))), ("en", edit_en(rng, en, rng.choice([0, 1, 3])))):
                reads.clear()
                match(db, q, source=lang, min_score=60, limit=40)
                statements[way].append(len(reads))
    assert max(statements["numpy"]) <= 3
    assert all(b <= n + 1 for b, n in zip(statements["bitmaps"], statements["numpy"])), statements


@pytest.mark.parametrize("counting", ["numpy", "bitmaps"], indirect=True)
def test_the_tokens_a_count_reads_are_read_ahead_together(repetitive, monkeypatch, counting):
    """After the find phase, the tokens read only to count are read with those the count would
    read next with as many units left, in statements whose read-ahead doubles (one a token
    before: 3–29 statements a query here, each a round trip on a server); the results stay
    those of the full scan (the tests above)."""
    import tm.memory.match as matching
    db, _ = repetitive
    units = list(db.conn.execute("SELECT zh, en FROM units ORDER BY id"))
    real, reads = matching.Postings._read, []
    monkeypatch.setattr(matching.Postings, "_read", lambda self, *args: reads.append(args) or real(self, *args))
    rng, statements = random.Random(3), []
    for _ in range(12):
        zh, en = rng.choice(units)
        for lang, q in (("zh", edit_zh(rng, zh, rng.choice([0, 2, 5]))), ("en", edit_en(rng, en, rng.choice([0, 1, 3])))):
            reads.clear()
            assert keyed(match(db, q, source=lang, min_score=60, limit=5)) == \
                keyed(match_brute(db, q, source=lang, min_score=60, limit=5))
            statements.append(len(reads))
    assert max(statements) <= 3, statements
