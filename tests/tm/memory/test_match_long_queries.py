"""A long query (a paragraph a CAT tool sends as one segment): ~1,200 distinct tokens for
2,000 characters. Each token's read-ahead set was a walk down the rest of the probe's order,
and each its allowed lengths a Python loop over thousands of them: quadratic in the query
(2,000 characters on a 1,000,000-unit memory: 2.3 s). The answers stay the full scan's."""

import random
from collections import Counter

import pytest

from test_match import edit_zh, plan_sentences
from tm.memory import match as matching
from tm.memory.match import _Ahead, match, match_brute
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit


def walk(order, i, counts, remaining, least):
    """The read-ahead set as the probe computed it before: the tokens after ``order[i]`` read
    while the weight not read reaches ``least``."""
    out, left = set(), remaining - counts[order[i]]
    for t in order[i + 1:]:
        if left < least:
            break
        out.add(t)
        left -= counts[t]
    return out


def test_the_read_ahead_range_is_the_walks_set():
    rng = random.Random(5)
    for _ in range(300):
        order = rng.sample(range(1000), rng.randint(1, 60))
        counts = Counter({t: rng.randint(1, 4) for t in order})
        ahead = _Ahead(order, counts)
        for _ in range(20):
            i = rng.randrange(len(order))
            remaining = sum(counts[t] for t in order[i:]) + rng.choice([0, 0, 1, -1])
            least = rng.randint(0, remaining + 2)
            expected = walk(order, i, counts, remaining, least)
            got = ahead(i, remaining, least)
            assert {t for t in order if t in got} == expected
            assert all(t not in got for t in range(1000, 1010))


@pytest.fixture(scope="module")
def paragraphs(tmp_path_factory):
    rng = random.Random(9)
    zh, en = plan_sentences()
    units = []
    for p in range(60):
        start = rng.randrange(len(zh) - 12)
        base = "".join(zh[start:start + 12])
        for _ in range(4):
            units.append(TranslationUnit(zh=edit_zh(rng, base, rng.choice([0, 3, 20])), en=f"paragraph {p}"))
    db = open_store(tmp_path_factory.mktemp("long") / "p.db")
    import_units(db, units)
    return db, units, rng


@pytest.mark.parametrize("way", ["python", "numpy", "bitmaps"])
def test_long_queries_find_what_the_full_scan_finds(paragraphs, way, monkeypatch):
    db, units, rng = paragraphs
    for knob in ("NUMPY_FROM", "BITMAPS_FROM", "BITMAPS_FROM_SERVER"):
        monkeypatch.setattr(matching, knob, 10**12)
    if way == "numpy":
        monkeypatch.setattr(matching, "NUMPY_FROM", 0)
    elif way == "bitmaps":
        monkeypatch.setattr(matching, "BITMAPS_FROM", 0)
    queries = [edit_zh(rng, rng.choice(units).zh, rng.choice([1, 10, 40])) for _ in range(8)]
    assert min(len(q) for q in queries) > 300
    for q in queries:
        for min_score in (50, 75):
            got = [(m.unit.id, m.score) for m in match(db, q, min_score=min_score, limit=5)]
            assert got == [(m.unit.id, m.score) for m in match_brute(db, q, min_score=min_score, limit=5)]
            assert got
