"""Postings reads a token's rows for the lengths asked for (and the tokens it reads ahead
for the same lengths); a later request for more lengths gets every posting of them."""

import random

import numpy as np
import pytest

from test_match import edit_en, edit_zh, plan_sentences
from tm.memory import fuzzy
from tm.memory.index import UID_BITS
from tm.memory.match import Postings, _lengths, read_index
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
