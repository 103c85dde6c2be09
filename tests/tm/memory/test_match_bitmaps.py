"""Counting in bitmaps (:func:`tm.memory.match._probe_bitmaps`, a one-shot command's count where
numpy is not loaded) against numpy's count (:func:`tm.memory.match._probe_arrays`, a process
that has numpy) and the full scan; and its parts against plain Python."""

import random
from array import array
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st
from pyroaring import BitMap

from test_match import edit_en, edit_zh, families
from tm.memory import match as matching
from tm.memory.index import UID_BITS, UID_MASK
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, open_store


def keyed(matches):
    return [(m.unit.id, m.score) for m in matches]


ids_st = st.lists(st.integers(0, (1 << 32) - 1), max_size=40).map(lambda ids: sorted(set(ids)))


def as_dict(levels):
    return {h: sorted(lv) for h, lv in levels.items()}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ids_st, st.integers(1, 3)), min_size=1, max_size=8),
       st.lists(st.tuples(ids_st, st.integers(1, 3)), max_size=4))
def test_levels_hold_each_unit_at_its_hits(found, counted):
    """Tokens read to find (units new to the levels come in) then only to count (only the units
    already in move): each unit at the weight of the tokens holding it, as a Counter counts."""
    levels, hits, seen = {}, Counter(), BitMap()
    for ids, w in found:
        matching._add_hits(levels, BitMap(ids), w, seen)
        for u in ids:
            hits[u] += w
    for ids, w in counted:
        matching._add_hits(levels, BitMap(ids), w)
        for u in ids:
            if u in hits:
                hits[u] += w
    want: dict[int, list[int]] = {}
    for u, h in sorted(hits.items()):
        want.setdefault(h, []).append(u)
    assert as_dict(levels) == want
    assert all(levels.values())                       # no empty level kept
    assert sorted(seen) == sorted(hits)               # the units found


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(1, 9), ids_st.filter(bool), max_size=5), st.integers(0, 30))
def test_the_units_raised_are_the_most_hits_ties_the_lowest_ids(by_hits, k):
    seen: set[int] = set()
    levels = {}
    for h, ids in by_hits.items():   # a unit in one level only
        ids = [u for u in ids if u not in seen]
        seen.update(ids)
        if ids:
            levels[h] = BitMap(ids)
    ranked = sorted(((-h, u) for h, lv in levels.items() for u in lv))
    assert sorted(matching._most_bits(levels, k)) == sorted(u for _, u in ranked[:k])


def blob_slice(codes):
    """``codes`` as a slice of a stored blob (a memoryview of ``Q`` inside a longer one)."""
    return memoryview(array("Q", [0] + codes + [0]).tobytes()).cast("Q")[1:-1]


def test_the_ids_of_posting_slices_by_length():
    rng = random.Random(2)
    for _ in range(200):
        slices, every = [], []
        for _ in range(rng.randint(0, 4)):
            part = sorted(rng.sample([(m << UID_BITS) | u for m in range(3, 7) for u in range(0, 1 << 32, 1 << 26)],
                                     rng.randint(0, 60)))
            every += part
            slices.append(blob_slice(part) if rng.random() < 0.5 else part)
        pieces: dict = {}
        got, read = matching._ids(BitMap, slices, pieces)
        assert sorted(got) == sorted({c & UID_MASK for c in every}) and read == len(every)
        assert {m: sorted(BitMap.union(*ps)) for m, ps in pieces.items()} == \
            {m: sorted({c & UID_MASK for c in every if c >> UID_BITS == m}) for m in {c >> UID_BITS for c in every}}


def test_an_id_past_the_bitmaps_is_refused():
    for last in ((1 << 32) - 1, 1 << 32, (1 << 40) - 1):
        codes = [(5 << UID_BITS) | 7, (5 << UID_BITS) | last, (6 << UID_BITS) | 3]
        if last < 1 << 32:
            assert sorted(matching._ids(BitMap, [blob_slice(codes)])[0]) == sorted({7, last, 3})
        else:
            with pytest.raises(matching._Wide):
                matching._ids(BitMap, [blob_slice(codes)])


@pytest.fixture(scope="module")
def repetitive(tmp_path_factory):
    rng = random.Random(31)
    db = open_store(tmp_path_factory.mktemp("bitmaps") / "r.db")
    import_units(db, families(rng, 10, 160))
    return db


def queries(db, rng, n):
    units = list(db.conn.execute("SELECT zh, en FROM units ORDER BY id"))
    for _ in range(n):
        zh, en = rng.choice(units)
        yield "zh", edit_zh(rng, zh, rng.choice([0, 2, 5, 9]))
        yield "en", edit_en(rng, en, rng.choice([0, 1, 3, 6]))


def spied(taken, name, real):
    def counted(*args, **kwargs):
        taken[name] += 1
        return real(*args, **kwargs)
    return counted


@pytest.mark.parametrize("count_factor", [50, 10**9])
@pytest.mark.parametrize("min_score", [55, 70, 85])
def test_bitmaps_and_numpy_count_to_the_same_matches(repetitive, monkeypatch, min_score, count_factor):
    """Both counts of a large query (every query made one here), against each other and the full scan."""
    monkeypatch.setattr(matching, "COUNT_FACTOR", count_factor)
    taken = Counter()
    ways = {"arrays": spied(taken, "arrays", matching._probe_arrays),
            "bitmaps": spied(taken, "bitmaps", matching._probe_bitmaps)}
    rng = random.Random(min_score)
    for i, (lang, q) in enumerate(queries(repetitive, rng, 10)):
        limit = (1, 5, 30)[i % 3]
        got = {}
        for name, way in ways.items():
            monkeypatch.setattr(matching, "_counter", lambda *args: way)
            got[name] = keyed(match(repetitive, q, source=lang, min_score=min_score, limit=limit))
        assert got["arrays"] == got["bitmaps"] == \
            keyed(match_brute(repetitive, q, source=lang, min_score=min_score, limit=limit)), (lang, q)
    assert taken["arrays"] == taken["bitmaps"] > 10    # each way counted the same queries


def test_a_memory_with_ids_past_the_bitmaps_is_counted_with_numpy(repetitive, monkeypatch):
    """Ids past :data:`BITMAP_IDS` (lowered here: the memory has 1,600 units) send the count to numpy."""
    taken = Counter()
    monkeypatch.setattr(matching, "BITMAP_IDS", 800)
    monkeypatch.setattr(matching, "_counter", lambda *args: spied(taken, "bitmaps", matching._probe_bitmaps))
    monkeypatch.setattr(matching, "_probe_arrays", spied(taken, "arrays", matching._probe_arrays))
    rng = random.Random(9)
    for lang, q in queries(repetitive, rng, 8):
        assert keyed(match(repetitive, q, source=lang, min_score=70, limit=5)) == \
            keyed(match_brute(repetitive, q, source=lang, min_score=70, limit=5)), (lang, q)
    assert taken["arrays"] == taken["bitmaps"] > 10


def test_a_unit_with_exactly_the_shared_tokens_its_length_needs_is_kept(tmp_path, monkeypatch):
    """A unit three spaced substitutions from the query shares exactly the bigrams a 92.5 %
    match needs (the q-gram bound is its score): kept by the count to the end, and found at
    exactly that threshold, beside a unit of another length that needs more (two longer)."""
    from tm.models import TranslationUnit
    monkeypatch.setattr(matching, "RAISE_N", 0)    # found by the count, not by a raise
    chars = [chr(0x4E00 + 37 * i) for i in range(40)]
    query = "".join(chars)
    target = list(chars)
    for i in (5, 15, 25):
        target[i] = chr(0x9000 + i)
    rng = random.Random(5)
    units = [TranslationUnit(zh="".join(target), en="target"), TranslationUnit(zh=query + "丁丁", en="longer")]
    for j in range(300):   # other lengths, sharing runs of the query's bigrams
        m = rng.randint(32, 50)
        a = rng.randint(0, 39 - 12)
        filler = [chr(0x8000 + rng.randint(0, 2000)) for _ in range(m)]
        filler[3:15] = chars[a:a + 12]
        units.append(TranslationUnit(zh="".join(filler[:m]), en=f"filler {j}"))
    db = open_store(tmp_path / "edge.db")
    import_units(db, units)
    taken = Counter()
    monkeypatch.setattr(matching, "_counter", lambda *args: spied(taken, "bitmaps", matching._probe_bitmaps))
    got = keyed(match(db, query, source="zh", min_score=92.5, limit=10))
    assert got == keyed(match_brute(db, query, source="zh", min_score=92.5, limit=10))
    assert [m.unit.en for m in match(db, query, source="zh", min_score=92.5, limit=10)] == ["longer", "target"]
    assert taken["bitmaps"] == 2


def test_bitmaps_and_numpy_count_to_the_same_matches_on_postgresql(pg_url, monkeypatch):
    """The bitmaps read a server's posting rows as they read SQLite's: both counts give the full scan's."""
    db = open_store(pg_url)
    import_units(db, families(random.Random(33), 6, 90))
    taken = Counter()
    ways = {"arrays": spied(taken, "arrays", matching._probe_arrays),
            "bitmaps": spied(taken, "bitmaps", matching._probe_bitmaps)}
    for i, (lang, q) in enumerate(queries(db, random.Random(34), 6)):
        limit = (1, 5, 30)[i % 3]
        want = keyed(match_brute(db, q, source=lang, min_score=70, limit=limit))
        for name, way in ways.items():
            monkeypatch.setattr(matching, "_counter", lambda *args: way)
            assert keyed(match(db, q, source=lang, min_score=70, limit=limit)) == want, (name, lang, q)
    assert taken["arrays"] == taken["bitmaps"] > 5
