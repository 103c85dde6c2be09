"""Merging the runs of the fuzzy-match index into one (tm.memory.store.merge_index): same
postings, same results (the full scan's), one row per rare bucket, a token's rows together."""

import random

import numpy as np
import pytest

from test_match import edit_en, edit_zh, plan_sentences
from tm.memory.index import bucket, codes_of
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, merge_index, open_store, update_unit
from tm.models import TranslationUnit


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return open_store(tmp_path / "m.db")
    return open_store(request.getfixturevalue("pg_url"))


def _postings(db) -> list[tuple[int, int]]:
    out = []
    for t, blob in db.conn.execute("SELECT token, codes FROM match_postings"):
        out += [(t, c) for c in codes_of(blob).tolist()]
    for tblob, cblob in db.conn.execute("SELECT tokens, codes FROM match_rare"):
        out += zip(np.frombuffer(tblob, dtype=np.uint64).tolist(), np.frombuffer(cblob, dtype=np.uint64).tolist())
    return sorted(out)


def _fill(db, rng, zh, en, imports: int) -> None:
    """Revisions of the plan's sentences, imported in several transactions (a run each), and
    some units edited afterwards (their old postings stay until the index is rebuilt)."""
    for i in range(imports):
        units = []
        for _ in range(300):
            k = rng.choice([0, 1, 2, 3, 5, 8])
            units.append(TranslationUnit(zh=edit_zh(rng, rng.choice(zh), k), en=edit_en(rng, rng.choice(en), k // 2)))
        import_units(db, units)
    keys = [k for (k,) in db.conn.execute("SELECT key FROM units ORDER BY id LIMIT 40")]
    for key in keys:
        update_unit(db, key, en=edit_en(rng, rng.choice(en), 1))


def _answers(db, rng, zh, en, min_score):
    out = []
    for i in range(24):
        lang = "zh" if i % 2 == 0 else "en"
        q = edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3, 6])) if lang == "zh" else \
            edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 4]))
        out.append((lang, q, [(m.unit.id, m.score) for m in match(db, q, source=lang, min_score=min_score, limit=20)]))
    return out


@pytest.mark.parametrize("chunk", [16, 4096])
def test_merged_runs_hold_the_same_postings_and_give_the_full_scans_results(db, monkeypatch, chunk):
    import tm.memory.index as index
    monkeypatch.setattr(index, "CHUNK", chunk)
    rng = random.Random(chunk)
    zh, en = plan_sentences()
    _fill(db, rng, zh, en, imports=4)
    runs = db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0]
    assert runs >= 5                    # four imports and the edits
    before = _postings(db)
    answers = {s: _answers(db, random.Random(s), zh, en, s) for s in (60, 80)}

    assert merge_index(db) == (runs, True)
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 1
    assert _postings(db) == sorted(set(before))
    assert db.conn.execute("SELECT count(DISTINCT run) FROM match_postings").fetchone()[0] == 1
    # one rare row per bucket, each under the bucket of its tokens
    rows = db.conn.execute("SELECT bucket, tokens FROM match_rare").fetchall()
    assert len(rows) == len({b for b, _ in rows})
    assert all(bucket(t) == b for b, blob in rows for t in np.frombuffer(blob, dtype=np.uint64).tolist())
    # a token's rows one after the other
    ids = {}
    for rid, t in db.conn.execute("SELECT id, token FROM match_postings ORDER BY id"):
        ids.setdefault(t, []).append(rid)
    assert all(r[-1] - r[0] == len(r) - 1 for r in ids.values())
    if chunk == 16:
        assert db.conn.execute("SELECT count(*) FROM match_postings WHERE lo IS NOT NULL").fetchone()[0] > 100
    found = 0
    for s, expected in answers.items():
        for lang, q, got in expected:
            now = [(m.unit.id, m.score) for m in match(db, q, source=lang, min_score=s, limit=20)]
            assert now == got, q
            assert now == [(m.unit.id, m.score) for m in match_brute(db, q, source=lang, min_score=s, limit=20)], q
            found += len(now)
    assert found > 40                   # the comparison is not of empty lists


def test_an_index_of_one_run_is_left_alone(tmp_path):
    db = open_store(tmp_path / "one.db")
    rng = random.Random(2)
    zh, en = plan_sentences()
    import_units(db, [TranslationUnit(zh=rng.choice(zh), en=rng.choice(en)) for _ in range(50)])
    before = db.conn.execute("SELECT id, token, run FROM match_postings ORDER BY id").fetchall()
    assert merge_index(db) == (1, False)
    assert db.conn.execute("SELECT id, token, run FROM match_postings ORDER BY id").fetchall() == before
    assert merge_index(open_store(tmp_path / "empty.db")) == (0, False)


def test_imports_after_a_merge_add_runs_and_stay_exact(tmp_path):
    db = open_store(tmp_path / "after.db")
    rng = random.Random(5)
    zh, en = plan_sentences()
    _fill(db, rng, zh, en, imports=2)
    merge_index(db)
    _fill(db, rng, zh, en, imports=1)
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] > 1
    for lang, q, got in _answers(db, random.Random(9), zh, en, 70):
        assert got == [(m.unit.id, m.score) for m in match_brute(db, q, source=lang, min_score=70, limit=20)], q


def test_optimize_command_merges_and_says_so(tmp_path):
    from click.testing import CliRunner
    from tm.cli import cli

    path = tmp_path / "cli.db"
    db = open_store(path)
    rng = random.Random(7)
    zh, en = plan_sentences()
    _fill(db, rng, zh, en, imports=2)
    runs = db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0]
    result = CliRunner().invoke(cli, ["--db", str(path), "optimize"])
    assert result.exit_code == 0, result.output
    assert result.output == f"Index: {runs} runs merged into one\n"
    result = CliRunner().invoke(cli, ["--db", str(path), "optimize"])
    assert result.output == "Index: 1 run, nothing to merge\n"
