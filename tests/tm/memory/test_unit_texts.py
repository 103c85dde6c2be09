"""The texts a match scores, read on a server by a function of its own (migration
tm/0013_unit_texts: a bitmap heap scan that reads ahead): exactly the two-sided units among the
ids asked for, on both backends, and matches stay the full scan's."""

import random

import pytest

from test_match import edit_en, edit_zh, plan_sentences
from tm.memory.match import _texts, match, match_brute
from tm.memory.pg import dialect
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return open_store(tmp_path / "m.db")
    return open_store(request.getfixturevalue("pg_url"))


def _fill(db, rng):
    zh, en = plan_sentences()
    units = [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3])),
                             en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 2]))) for _ in range(400)]
    units += [TranslationUnit(zh=z, en="") for z in zh[:20]] + [TranslationUnit(zh="", en=e) for e in en[:20]]
    import_units(db, units)
    return zh, en


def test_texts_are_those_of_the_two_sided_units_asked_for(db):
    rng = random.Random(1)
    _fill(db, rng)
    rows = db.conn.execute("SELECT id, zh, en FROM units").fetchall()
    assert any(not z for _, z, _ in rows) and any(not e for _, _, e in rows)
    ids = [r[0] for r in rows]
    ask = rng.sample(ids, 150) + [max(ids) + 5, max(ids) + 1000]       # and ids no unit has
    rng.shuffle(ask)
    for side, k in (("zh", 1), ("en", 2)):
        want = sorted((r[0], r[k]) for r in rows if r[0] in set(ask) and r[1] and r[2])
        assert sorted(tuple(r) for r in _texts(db, side)(ask)) == want
        assert list(_texts(db, side)([])) == []


def test_matches_are_the_full_scans(db):
    rng = random.Random(2)
    zh, en = _fill(db, rng)
    for i in range(20):
        lang = "zh" if i % 2 == 0 else "en"
        q = edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3, 5])) if lang == "zh" else \
            edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 4]))
        for min_score in (50, 70, 90):
            fast = [(m.unit.id, m.score) for m in match(db, q, source=lang, min_score=min_score, limit=10)]
            slow = [(m.unit.id, m.score) for m in match_brute(db, q, source=lang, min_score=min_score, limit=10)]
            assert fast == slow


def test_the_server_reads_them_with_a_bitmap_heap_scan_reading_ahead(pg_url):
    db = open_store(pg_url)
    config = dict(db.conn.raw.execute("SELECT proname, proconfig FROM pg_proc WHERE proname LIKE 'tm_unit_texts_%'"
                                      ).fetchall())
    assert set(config) == {"tm_unit_texts_zh", "tm_unit_texts_en"}
    for settings in config.values():
        assert "enable_indexscan=off" in settings
        assert "effective_io_concurrency=32" in settings
    filler = " and the data platform of the new computing industry" * 3
    import_units(db, [TranslationUnit(zh=f"第{i}条数据", en=f"item {i}{filler}") for i in range(20000)])
    db.conn.raw.execute("ANALYZE units")
    with db.conn.raw.transaction():
        for setting in config["tm_unit_texts_zh"]:
            name, value = setting.split("=")
            db.conn.raw.execute(f"SET LOCAL {name} = {value}")
        plan = "\n".join(r[0] for r in db.conn.raw.execute(
            "EXPLAIN SELECT u.id, u.zh FROM units u WHERE u.id = ANY(%s::bigint[]) AND u.zh <> '' AND u.en <> ''",
            [list(range(1, 20000, 397))]))
    assert "Bitmap Heap Scan on units" in plan


def test_a_memory_made_before_gets_the_functions(pg_url):
    db = open_store(pg_url)
    for side in ("zh", "en"):
        db.conn.raw.execute(f"DROP FUNCTION tm_unit_texts_{side}(BIGINT[])")
    db.conn.raw.execute("DELETE FROM _migrations WHERE package = 'tm' AND name = '0013_unit_texts'")
    db = open_store(pg_url)
    import_units(db, [TranslationUnit(zh="人工智能产业发展", en="AI industry development")])
    assert [m.unit.zh for m in match(db, "人工智能产业发展", source="zh")] == ["人工智能产业发展"]
    assert dialect(db).name == "postgresql"
