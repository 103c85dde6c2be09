"""Before an expensive probe a match scores the units with most hits so far, to raise its
threshold: RAISE_N of them on SQLite, the query's limit on a server (the fewest whose scores
can raise it; a unit scored there is a row read from a random page), none in a one-shot
command's process on a server (each raise a statement of its own). Results stay the full
scan's every way."""

import random

import pytest

from test_match import edit_en, edit_zh, plan_sentences
from tm.memory import match as M
from tm.memory import topk
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return open_store(tmp_path / "m.db")
    return open_store(request.getfixturevalue("pg_url"))


@pytest.fixture
def raises(monkeypatch):
    """The sizes of the batches offered with the bound 100 (the raises: nothing known of them)."""
    sizes = []
    offer = topk.TopK.offer

    def spy(self, candidates, **kw):
        candidates = list(candidates)
        if candidates and all(b == 100.0 for b, _ in candidates):
            sizes.append(len(candidates))
        return offer(self, candidates, **kw)
    monkeypatch.setattr(topk.TopK, "offer", spy)
    return sizes


@pytest.mark.parametrize("numpy_path", [False, True])
def test_a_server_raises_with_as_many_units_as_the_limit(db, raises, monkeypatch, numpy_path):
    monkeypatch.setattr(M, "RAISE_DF", 50)      # a small memory: probes count as expensive sooner
    if numpy_path:
        monkeypatch.setattr(M, "NUMPY_FROM", 0)
        monkeypatch.setattr(M, "BITMAPS_FROM", 0)
        monkeypatch.setattr(M, "BITMAPS_FROM_SERVER", 0)
    else:
        monkeypatch.setattr(M, "NUMPY_FROM", 10**12)
        monkeypatch.setattr(M, "BITMAPS_FROM", 10**12)
        monkeypatch.setattr(M, "BITMAPS_FROM_SERVER", 10**12)
    rng = random.Random(11)
    zh, en = plan_sentences()
    import_units(db, [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 2, 4, 8])),
                                      en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 4])))
                      for _ in range(1500)])
    server = db.backend != "sqlite" if hasattr(db, "backend") else False
    for limit in (1, 3, 5, 10):
        for i in range(12):
            lang = "zh" if i % 2 == 0 else "en"
            q = edit_zh(rng, rng.choice(zh), rng.choice([1, 3, 6])) if lang == "zh" else \
                edit_en(rng, rng.choice(en), rng.choice([1, 2, 4]))
            fast = [(m.unit.id, m.score) for m in M.match(db, q, source=lang, min_score=60, limit=limit)]
            assert fast == [(m.unit.id, m.score) for m in M.match_brute(db, q, source=lang, min_score=60, limit=limit)]
        assert raises, "no query raised its threshold: the test does not test it"
        assert max(raises) == (limit if server else M.RAISE_N)
        raises.clear()


@pytest.mark.parametrize("count", ["bitmaps", "sets"])
def test_a_one_shot_read_of_a_server_raises_nothing(db, raises, monkeypatch, count):
    """A process without numpy (a one-shot ``tm match``) on a server scores no unit before an
    expensive probe: each raise would be a statement of its own on its new connection, and the
    threshold rises as the candidates are scored anyway. SQLite, and a server's process with
    numpy (``tm serve``), raise as before. The results are the full scan's every way."""
    import sys

    monkeypatch.setattr(M, "RAISE_DF", 50)
    monkeypatch.setattr(M, "NUMPY_FROM", 10**12)    # with numpy loaded again inside the probe: the sets
    if count == "bitmaps":
        monkeypatch.setattr(M, "BITMAPS_FROM", 0)
        monkeypatch.setattr(M, "BITMAPS_FROM_SERVER", 0)
    else:
        monkeypatch.setattr(M, "BITMAPS_FROM", 10**12)
        monkeypatch.setattr(M, "BITMAPS_FROM_SERVER", 10**12)
    numpy = sys.modules["numpy"]
    asked = []
    real = M.probe

    def spied(*args, **kwargs):
        asked.append(kwargs["raise_n"])
        if count == "sets":
            sys.modules["numpy"] = numpy       # (not what is tested: the count's own path)
        return real(*args, **kwargs)

    monkeypatch.setattr(M, "probe", spied)
    rng = random.Random(12)
    zh, en = plan_sentences()
    import_units(db, [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 2, 4, 8])),
                                      en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 4])))
                      for _ in range(1500)])
    server = getattr(db, "backend", "sqlite") != "sqlite"
    raised = []     # the raises where a raise is due
    for limit in (1, 5):
        for i in range(12):
            lang = "zh" if i % 2 == 0 else "en"
            q = edit_zh(rng, rng.choice(zh), rng.choice([1, 3, 6])) if lang == "zh" else \
                edit_en(rng, rng.choice(en), rng.choice([1, 2, 4]))
            want = [(m.unit.id, m.score) for m in M.match_brute(db, q, source=lang, min_score=60, limit=limit)]
            for loaded in (True, False):
                if not loaded:
                    monkeypatch.delitem(sys.modules, "numpy")
                asked.clear()
                raises.clear()
                fast = [(m.unit.id, m.score) for m in M.match(db, q, source=lang, min_score=60, limit=limit)]
                sys.modules["numpy"] = numpy
                assert fast == want
                assert asked == [(limit if server else M.RAISE_N) if loaded or not server else 0]
                if server and not loaded:
                    assert raises == []
                else:
                    assert all(n <= (limit if server else M.RAISE_N) for n in raises)
                    raised += raises
    assert raised, "no query raised its threshold where it is due: the test does not test it"
