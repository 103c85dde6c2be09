"""The count phase of the Python matcher (:func:`tm.memory.match.probe`, no numpy): units kept
in sets by slack, units found once left unlisted until the first token counted, postings
scanned or units looked up by binary search, the threshold raised as units fall out. Every way
must give what the full scan gives."""

import random
from array import array

import pytest

from test_match import edit_en, edit_zh, families, plan_sentences
from tm.memory import match as matching
from tm.memory.index import UID_BITS
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, open_store, update_unit
from tm.models import TranslationUnit


def keyed(matches):
    return [(m.unit.id, m.score) for m in matches]


WAYS = {
    "as shipped": {},
    "always look up": {"LOOKUP_COST": 0},
    "always scan": {"LOOKUP_COST": 10**9},
    "count nothing": {"COUNT_BUDGET": 0, "COUNT_PER_UNIT": 0},   # units found once listed without a token read
    "count everything": {"COUNT_BUDGET": 10**12},
    "never raise": {"RAISE_N": 0},
}


@pytest.fixture(params=list(WAYS))
def way(request, monkeypatch):
    for knob in ("NUMPY_FROM", "BITMAPS_FROM", "BITMAPS_FROM_SERVER"):
        monkeypatch.setattr(matching, knob, 10**12)
    for knob, value in WAYS[request.param].items():
        monkeypatch.setattr(matching, knob, value)
    return request.param


@pytest.fixture(scope="module")
def repetitive(tmp_path_factory):
    rng = random.Random(21)
    db = open_store(tmp_path_factory.mktemp("count") / "r.db")
    import_units(db, families(rng, 10, 120))
    return db


@pytest.fixture(scope="module")
def indexed_twice(tmp_path_factory):
    """Half the units edited on the English side: their Chinese postings are written twice."""
    rng = random.Random(22)
    db = open_store(tmp_path_factory.mktemp("twice") / "t.db")
    units = families(rng, 6, 80)
    for i, u in enumerate(units):
        u.key = f"u{i}"
    import_units(db, units)
    for u in units[::2]:
        update_unit(db, u.key, en=u.en + " (revised)")
    return db


def queries(db, rng, n):
    units = list(db.conn.execute("SELECT zh, en FROM units ORDER BY id"))
    zh, en = plan_sentences()
    for i in range(n):
        a, b = rng.choice(units)
        yield "zh", edit_zh(rng, a, rng.choice([0, 2, 5, 9]))
        yield "en", edit_en(rng, b, rng.choice([0, 1, 3, 6]))
        if i % 3 == 0:   # a fresh sentence behind a family's opening: few matches, frequent tokens
            yield "zh", "根据有关规定，" + rng.choice(zh)
            yield "en", "In accordance with the relevant provisions, " + rng.choice(en)


@pytest.mark.parametrize("min_score", [55, 70, 85])
def test_every_way_of_counting_equals_the_full_scan(repetitive, way, min_score):
    rng = random.Random(min_score)
    for i, (lang, q) in enumerate(queries(repetitive, rng, 10)):
        limit = (1, 5, 30)[i % 3]
        assert keyed(match(repetitive, q, source=lang, min_score=min_score, limit=limit)) == \
            keyed(match_brute(repetitive, q, source=lang, min_score=min_score, limit=limit)), (way, lang, q)


@pytest.mark.parametrize("min_score", [60, 80])
def test_units_indexed_twice_every_way(indexed_twice, way, min_score):
    """A unit's code found twice in a token's postings (stale postings of the same length) is
    one unit holding the token: counted once by the sets, its bound stays an upper bound."""
    rng = random.Random(min_score + 3)
    for i, (lang, q) in enumerate(queries(indexed_twice, rng, 8)):
        limit = (1, 5)[i % 2]
        assert keyed(match(indexed_twice, q, source=lang, min_score=min_score, limit=limit)) == \
            keyed(match_brute(indexed_twice, q, source=lang, min_score=min_score, limit=limit)), (way, lang, q)


def test_the_ways_are_taken(repetitive, monkeypatch):
    """Guard against a vacuous comparison: on this memory the count phase as shipped does look
    units up by binary search, and the probe counts with Python objects (numpy kept out)."""
    for knob in ("NUMPY_FROM", "BITMAPS_FROM", "BITMAPS_FROM_SERVER"):
        monkeypatch.setattr(matching, knob, 10**12)
    seen = {"lookup": 0, "arrays": 0}
    lookup = matching._lookup

    def spy_lookup(units, slices):
        seen["lookup"] += 1
        return lookup(units, slices)

    def spy_arrays(*args, **kwargs):
        seen["arrays"] += 1
        raise AssertionError("numpy path taken")

    monkeypatch.setattr(matching, "_lookup", spy_lookup)
    monkeypatch.setattr(matching, "_probe_arrays", spy_arrays)
    for lang, q in queries(repetitive, random.Random(5), 10):
        match(repetitive, q, source=lang, min_score=70, limit=5)
    assert seen == {"lookup": seen["lookup"], "arrays": 0} and seen["lookup"] > 0


def test_lookup_finds_what_an_intersection_finds():
    rng = random.Random(3)
    for _ in range(200):
        universe = sorted(rng.sample(range(1 << 20), 400))
        slices = []
        for _ in range(rng.randint(1, 3)):
            part = sorted(rng.sample(universe, rng.randint(1, 60)))
            slices.append(memoryview(array("Q", part)) if rng.random() < 0.5 else part)
        units = sorted(rng.sample(universe, rng.randint(0, 80)))
        want = {u for u in units if any(u in list(s) for s in slices)}
        assert matching._lookup(units, slices) == want


def test_shift_moves_each_unit_by_its_length():
    rng = random.Random(4)
    for uniform in (True, False):
        for _ in range(100):
            lengths = list(range(3, 9))
            by = {m: (-1 if uniform else rng.randint(-3, 1)) for m in lengths}
            codes = {(rng.choice(lengths) << UID_BITS) | i for i in range(50)}
            levels: dict[int, set[int]] = {}
            for c in codes:
                levels.setdefault(rng.randint(0, 4), set()).add(c)
            want: dict[int, set[int]] = {}
            for s, lv in levels.items():
                for c in lv:
                    t = s + by[c >> UID_BITS]
                    if t >= 0:
                        want.setdefault(t, set()).add(c)
            got = {s: lv for s, lv in matching._shift({s: set(lv) for s, lv in levels.items()}, by).items() if lv}
            assert got == want


@pytest.mark.parametrize("ways", [["as shipped", "always look up", "always scan", "count nothing"]])
def test_every_way_of_counting_on_postgresql(pg_url, monkeypatch, ways):
    """The count phase is shared by both backends: on PostgreSQL too, every way gives what the
    full scan gives (the Python path forced: a one-shot command's, where numpy is not loaded)."""
    db = open_store(pg_url)
    import_units(db, families(random.Random(23), 6, 90))
    for knob in ("NUMPY_FROM", "BITMAPS_FROM", "BITMAPS_FROM_SERVER"):
        monkeypatch.setattr(matching, knob, 10**12)
    qs = list(queries(db, random.Random(24), 6))
    found = 0
    for name in ways:
        with monkeypatch.context() as m:
            for knob, value in WAYS[name].items():
                m.setattr(matching, knob, value)
            for i, (lang, q) in enumerate(qs):
                limit = (1, 5, 30)[i % 3]
                got = keyed(match(db, q, source=lang, min_score=70, limit=limit))
                assert got == keyed(match_brute(db, q, source=lang, min_score=70, limit=limit)), (name, lang, q)
                found += len(got)
    assert found > 20
