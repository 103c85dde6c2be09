"""Fuzzy match and inline codes: the text is scored without its codes, less a small penalty
per code that differs; the fast path still equals the full scan, penalty included."""

import random

import pytest

from tm.memory import fuzzy
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit
from tm.text import codes as C

B, EB, BR = C.char(1, C.OPEN), C.char(1, C.CLOSE), C.char(2, C.SELF)


def keyed(matches):
    return [(m.unit.key, round(m.score, 9)) for m in matches]


def test_codes_are_not_tokens_and_differences_cost_a_little():
    assert fuzzy.tokens(f"支持{B}算力{EB}", "zh") == "支持算力"
    assert fuzzy.tokens(f"Support{B}computing{EB} power", "en") == ["support", "computing", "power"]
    assert C.penalty("a", "a") == 0
    assert C.penalty(f"{B}a{EB}", f"{B}a{EB}") == 0
    assert C.penalty(f"{B}a{EB}", "a") == 2 * C.PENALTY_PER_CODE
    assert C.penalty(f"{B}a{EB}{BR}", f"a{BR}") == 2 * C.PENALTY_PER_CODE
    many = "".join(C.char(i, C.SELF) for i in range(20))
    assert C.penalty(many, "x") == C.PENALTY_MAX


def test_score_is_text_score_less_penalty(tmp_path):
    db = open_store(tmp_path / "m.db")
    import_units(db, [TranslationUnit(zh=f"支持{B}算力技术{EB}攻关", en="Support computing research", key="coded"),
                      TranslationUnit(zh="支持算力技术攻关", en="Support computing research", key="plain")])
    got = {m.unit.key: m.score for m in match(db, "支持算力技术攻关", source="zh", min_score=50)}
    assert got == {"plain": 100.0, "coded": 100.0 - 2 * C.PENALTY_PER_CODE}
    got = {m.unit.key: m.score for m in match(db, f"支持{B}算力技术{EB}攻关", source="zh", min_score=50)}
    assert got == {"coded": 100.0, "plain": 100.0 - 2 * C.PENALTY_PER_CODE}
    # a unit just above --min on its text, below it once penalised, is not returned
    assert [m.unit.key for m in match(db, "支持算力技术攻关", source="zh", min_score=99)] == ["plain"]


@pytest.fixture(scope="module")
def coded_memory(tmp_path_factory):
    """Units sharing text with and without codes, and with different codes: ties and cuts
    that only the penalty decides."""
    rng = random.Random(7)
    zh_words = ["支持", "算力", "技术", "攻关", "人工", "智能", "产业", "发展", "平台", "数据"]
    en_words = ["support", "computing", "research", "AI", "industry", "growth", "platform", "data", "new", "the"]
    units = []
    for i in range(1500):
        zh = [rng.choice(zh_words) for _ in range(rng.randint(2, 6))]
        en = [rng.choice(en_words) for _ in range(rng.randint(2, 6))]
        for side in (zh, en):
            for _ in range(rng.choice([0, 0, 1, 2])):
                label = rng.randint(1, 3)
                at = rng.randrange(len(side) + 1)
                if rng.random() < 0.5:
                    side.insert(at, C.char(label, C.SELF))
                else:
                    side.insert(min(at + 1, len(side)), C.char(label, C.CLOSE))
                    side.insert(at, C.char(label, C.OPEN))
        units.append(TranslationUnit(zh="".join(zh), en=" ".join(en), key=f"k{i:04d}"))
    db = open_store(tmp_path_factory.mktemp("codes") / "m.db")
    import_units(db, units)
    return db, units


@pytest.mark.parametrize("min_score", [40, 70, 90, 97, 99])
def test_fast_path_equals_full_scan_with_codes(coded_memory, min_score):
    db, units = coded_memory
    rng = random.Random(min_score)
    for u in rng.sample(units, 10):
        for lang, q in (("zh", u.zh), ("en", u.en), ("zh", C.strip(u.zh)), ("en", C.strip(u.en))):
            for limit in (1, 3, 50):
                fast = match(db, q, source=lang, min_score=min_score, limit=limit)
                assert keyed(fast) == keyed(match_brute(db, q, source=lang, min_score=min_score, limit=limit)), (lang, q)


def test_the_penalty_shows_in_the_differential_test(coded_memory):
    """Not vacuous: some results score below 100 only because of their codes."""
    db, units = coded_memory
    seen = 0
    for u in units[:200]:
        for m in match(db, C.strip(u.zh), source="zh", min_score=90, limit=20):
            if C.strip(m.unit.zh) and fuzzy.score(fuzzy.tokens(u.zh, "zh"), fuzzy.tokens(m.unit.zh, "zh")) == 100.0 \
                    and m.score < 100.0:
                seen += 1
    assert seen > 20


def test_codes_on_postgresql(pg_url, tmp_path):
    """The codes column (migration 0004) and the penalty on PostgreSQL: stored and read back
    as on SQLite, the same matches on both."""
    import io
    from tm.exchange import export_units, import_file
    from tm.formats.tmx import read_tmx
    tmx = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN" segtype="sentence" o-tmf="t" '
           'adminlang="en" datatype="xml" creationtool="t" creationtoolversion="1"/><body>'
           '<tu tuid="c1"><tuv xml:lang="zh-CN"><seg>支持<bpt i="1" x="1">&lt;b&gt;</bpt>算力<ept i="1">&lt;/b&gt;'
           '</ept>攻关</seg></tuv><tuv xml:lang="en"><seg>Support <bpt i="1" x="1">&lt;b&gt;</bpt>computing'
           '<ept i="1">&lt;/b&gt;</ept> research</seg></tuv></tu>'
           '<tu tuid="c2"><tuv xml:lang="zh-CN"><seg>支持算力攻关</seg></tuv><tuv xml:lang="en"><seg>Support '
           'computing research</seg></tuv></tu></body></tmx>')
    path = tmp_path / "c.tmx"
    path.write_text(tmx, encoding="utf-8")
    lite, pg = open_store(tmp_path / "m.db"), open_store(pg_url)
    for db in (lite, pg):
        import_file(db, path)
    read = {u.key: u for u in read_tmx(path)}
    for db in (lite, pg):
        out = io.StringIO()
        export_units(db, out, fmt="tmx")
        assert {u.key: (u.zh, u.en, u.codes) for u in read_tmx(io.BytesIO(out.getvalue().encode()), name="x")} \
            == {k: (u.zh, u.en, u.codes) for k, u in read.items()}
    assert keyed(match(pg, "支持算力攻关", source="zh", min_score=50)) == \
        keyed(match(lite, "支持算力攻关", source="zh", min_score=50)) == [("c2", 100.0), ("c1", 98.0)]


def test_a_person_edits_text_with_codes_as_shown(tmp_path):
    """The terminal and the workbench show codes as {1}…{/1}; an edit typed with them keeps
    the codes (a brace that names no code of the unit stays text), and the export writes
    the markup back."""
    import io
    from tm.exchange import export_units, import_file
    from tm.memory.edit import edit_unit
    from tm.memory.store import get_unit
    from tm.text.safe import printable
    path = tmp_path / "c.tmx"
    path.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN" segtype="sentence" '
                    'o-tmf="t" adminlang="en" datatype="xml" creationtool="t" creationtoolversion="1"/><body>'
                    '<tu tuid="c1"><tuv xml:lang="zh-CN"><seg>点击<bpt i="1" x="1">&lt;b&gt;</bpt>保存<ept i="1">'
                    '&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>'
                    'Save<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu></body></tmx>', encoding="utf-8")
    db = open_store(tmp_path / "m.db")
    import_file(db, path)
    shown = printable(get_unit(db, "c1").en)
    assert shown == "Click {1}Save{/1}"
    edit_unit(db, "c1", en="Press {1}Save{/1} {2}now")
    unit = get_unit(db, "c1")
    assert printable(unit.en) == "Press {1}Save{/1} {2}now" and C.codes(unit.en) == [B, EB]
    out = io.StringIO()
    export_units(db, out, fmt="tmx")
    assert 'Press <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> {2}now' in out.getvalue()
