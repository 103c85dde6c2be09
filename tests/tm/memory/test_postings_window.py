"""Postings reads a token's rows for the lengths asked for (and the tokens it reads ahead
for the same lengths); a later request for more lengths gets every posting of them."""

import random

import numpy as np
import pytest

from test_match import edit_en, edit_zh, plan_sentences
from tm.memory import fuzzy
from tm.memory.index import UID_BITS
from tm.memory.match import Postings, _lengths, match_brute, read_index
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit


def _all(postings, token, spans):
    return sorted(c for part in postings(token, spans) for c in list(part))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_wider_request_after_a_narrow_read_ahead_gets_every_posting(tmp_path, monkeypatch, lang):
    import tm.memory.index as index
    monkeypatch.setattr(index, "CHUNK", 16)
    rng = random.Random(4)
    zh, en = plan_sentences()
    db = open_store(tmp_path / "w.db")
    import_units(db, [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 2, 6, 12])),
                                      en=edit_en(rng, rng.choice(en), rng.choice([0, 2, 5]))) for _ in range(800)])
    text = rng.choice(zh) if lang == "zh" else rng.choice(en)
    qt = fuzzy.tokens(text, lang)
    ids = set(fuzzy.occurrence_ids(qt, lang))
    df, rare = read_index(db, ids)
    frequent = sorted(df, key=lambda t: (df[t], t))
    assert len(frequent) >= 3
    lengths = _lengths(len(qt), 0.5)
    mid = len(qt)
    narrow, wide = [(mid, mid)], [(lengths.start, lengths.stop - 1)]
    checked = 0
    for first in frequent[:-1]:
        p = Postings(db, ids, df, lengths, rare)
        _all(p, first, narrow)                      # reads the next tokens ahead, for one length
        later = [t for t in frequent if t in p.span and t != first]
        for t in later:
            got = _all(p, t, wide)
            expected = _all(Postings(db, ids, df, lengths, rare), t, wide)
            assert got == expected
            assert all(lengths.start <= c >> UID_BITS < lengths.stop for c in got)
            checked += len(got) > len(_all(Postings(db, ids, df, lengths, rare), t, narrow))
    assert checked                                  # some wider request did add postings


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return open_store(tmp_path / "h.db")
    return open_store(request.getfixturevalue("pg_url"))


def _memory(db, monkeypatch, n=800):
    import tm.memory.index as index
    monkeypatch.setattr(index, "CHUNK", 16)
    rng = random.Random(4)
    zh, en = plan_sentences()
    import_units(db, [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 2, 6, 12])),
                                      en=edit_en(rng, rng.choice(en), rng.choice([0, 2, 5]))) for _ in range(n)])
    return db, rng, zh, en


@pytest.mark.parametrize("as_array", [True, False])
def test_rows_holding_some_codes_give_every_posting_of_those_codes(store, monkeypatch, as_array):
    db, rng, zh, _ = _memory(store, monkeypatch)
    text = rng.choice(zh)
    qt = fuzzy.tokens(text, "zh")
    ids = set(fuzzy.occurrence_ids(qt, "zh"))
    df, rare = read_index(db, ids)
    lengths = _lengths(len(qt), 0.5)
    spans = [(lengths.start, lengths.stop - 1)]
    fewer = 0
    for t in sorted(df, key=lambda t: (-df[t], t))[:5]:
        whole = _all(Postings(db, ids, df, lengths, rare), t, spans)
        # a few of the token's codes and as many codes it does not hold
        wanted = sorted(set(rng.sample(whole, min(3, len(whole)))) | {c + 1 for c in rng.sample(whole, 3)})
        codes = np.array(wanted, dtype=np.uint64) if as_array else wanted
        got = sorted(c for part in Postings(db, ids, df, lengths, rare)(t, spans, holding=codes) for c in list(part))
        assert set(got) <= set(whole)
        assert set(got) & set(wanted) == set(whole) & set(wanted)
        fewer += len(got) < len(whole)
    assert fewer                                    # rows holding none of them were left out


def test_match_with_the_count_reading_rows_of_its_units_equals_the_full_scan(store, monkeypatch):
    import tm.memory.match as match_module
    db, rng, zh, en = _memory(store, monkeypatch, 1500)
    monkeypatch.setattr(match_module, "CHUNK", 16)
    monkeypatch.setattr(match_module, "NUMPY_FROM", 0)    # the count of _probe_arrays
    used = []
    real = match_module._holding_rows

    def spy(rows, codes):
        picked = real(rows, codes)
        used.append((len(rows), len(picked)))
        return picked
    monkeypatch.setattr(match_module, "_holding_rows", spy)
    for i in range(24):
        lang = "zh" if i % 2 == 0 else "en"
        text = rng.choice(zh) if lang == "zh" else rng.choice(en)
        q = edit_zh(rng, text, rng.choice([1, 3, 8])) if lang == "zh" else edit_en(rng, text, rng.choice([1, 3]))
        for min_score, limit in ((70, 5), (60, 20)):
            fast = [(m.score, m.unit.id) for m in match_module.match(db, q, source=lang, min_score=min_score,
                                                                       limit=limit)]
            slow = [(m.score, m.unit.id) for m in match_brute(db, q, source=lang, min_score=min_score, limit=limit)]
            assert fast == slow, (q, min_score, limit)
    assert any(picked < rows for rows, picked in used)   # the count did leave rows out


def test_the_units_a_raise_scores_are_those_a_stable_sort_gives():
    from tm.memory.match import _most
    rng = np.random.default_rng(3)
    for n, top, k in ((1, 3, 5), (50, 3, 5), (1000, 40, 16), (5000, 2, 5), (7, 9, 7)):
        hits = rng.integers(0, top, n).astype(np.int64)
        assert sorted(_most(np, hits, k).tolist()) == sorted(np.argsort(-hits, kind="stable")[:k].tolist())
