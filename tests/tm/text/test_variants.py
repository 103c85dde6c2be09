"""Traditional and Simplified Chinese compared as one script: the comparison key
(tm.text.variants) and fuzzy matching across the two (a zh-TW query finds its zh-CN unit
and the reverse, through the index, stored text unchanged)."""

import re

import opencc
from hypothesis import given, settings, strategies as st

from conftest import PLAN_ZH
from tm.memory import fuzzy
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, iter_units, open_store
from tm.models import TranslationUnit
from tm.text.variants import GB2312_CHANGED, _table, has_traditional, simplified_key


def test_traditional_characters_read_as_simplified_one_for_one():
    assert simplified_key("軟件與資料庫位於臺北") == "软件与资料库位于台北"
    assert simplified_key("软件和数据库") == "软件和数据库"      # Simplified: unchanged
    assert simplified_key("Open file") == "Open file"
    assert has_traditional("軟體") and not has_traditional("软体") and not has_traditional("")


def test_plan_in_traditional_characters_gets_the_plan_s_keys():
    """OpenCC's s2t (Simplified to Traditional, another table than the t2s one keys are
    made from) writes the plan in Traditional characters; every sentence gets back the key
    of its Simplified original."""
    s2t = opencc.OpenCC("s2t").convert
    sentences = [s for s in PLAN_ZH.read_text(encoding="utf-8").split("\n") if s.strip()]
    traditional = [s2t(s) for s in sentences]
    assert sum(t != s for t, s in zip(traditional, sentences)) > len(sentences) * 0.9
    assert [simplified_key(t) for t in traditional] == [simplified_key(s) for s in sentences]


CJK = st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF)


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(CJK, st.characters(max_codepoint=0x3000)), max_size=40))
def test_key_keeps_length_is_idempotent_and_equals_the_plain_table(text):
    """The fast paths (GB2312 text, disjoint sets) give what translating every character
    gives; offsets in a key are offsets in the text."""
    key = simplified_key(text)
    assert len(key) == len(text)
    assert simplified_key(key) == key
    assert key == text.translate(_table()[0])


def test_zh_tw_query_matches_its_zh_cn_unit_and_the_reverse(tmp_path):
    db = open_store(tmp_path / "m.db")
    import_units(db, [
        TranslationUnit(zh="推动人工智能软件与数据库产业发展", en="Promote the AI software and database industry."),
        TranslationUnit(zh="開發軟體時請先備份資料庫", en="Back up the database before developing software.",
                        zh_lang="zh-TW"),
        TranslationUnit(zh="建设算力平台", en="Build computing platforms."),
    ])
    for query, want in [("推動人工智慧軟件與資料庫產業發展", "Promote the AI software and database industry."),
                        ("推動人工智能軟件與數據庫產業發展", "Promote the AI software and database industry."),
                        ("开发软体时请先备份资料库", "Back up the database before developing software.")]:
        found = match(db, query, source="zh", min_score=70)
        assert found and found[0].unit.en == want, query
        assert [(m.unit.key, m.score) for m in found] == \
            [(m.unit.key, m.score) for m in match_brute(db, query, source="zh", min_score=70)]
    exact = match(db, "推動人工智能軟件與數據庫產業發展", source="zh")
    assert exact[0].score == 100.0
    assert {u.zh for u in iter_units(db)} >= {"開發軟體時請先備份資料庫"}    # stored as it came


def test_memory_indexed_before_is_indexed_again_on_opening(tmp_path, monkeypatch):
    """A memory whose Traditional units were indexed character for character (before this
    version) is indexed again by migration 0004 when opened: the index finds them."""
    path = tmp_path / "old.db"
    db = open_store(path)
    monkeypatch.setattr(fuzzy, "simplified_key", lambda text: text)      # the old tokens
    import_units(db, [TranslationUnit(zh="開發軟體時請先備份資料庫", en="Back up the database first."),
                      TranslationUnit(zh="开发软体时请先备份资料", en="Back up the data first.")])
    monkeypatch.undo()
    query = "开发软体时请先备份资料库"
    assert [m.unit.en for m in match(db, query, source="zh", min_score=80)] == ["Back up the data first."]
    db.conn.execute("DELETE FROM _migrations WHERE name = '0004_variant_keys'")
    db.conn.commit()
    db = open_store(path)
    assert [m.unit.en for m in match(db, query, source="zh", min_score=80)] == [
        "Back up the database first.", "Back up the data first."]


def test_concordance_finds_either_script(tmp_path):
    """tm search compares the keys, as matching and lookup do: a Simplified query finds the
    Traditional unit and the reverse (it found the script as written only), through the
    index (whose bigrams are the keys') and through the scan (one character: 發 is written
    发 or 髮 too), the spans on the text as written. An existing memory needs no re-index."""
    from tm.memory.search import search
    db = open_store(tmp_path / "m.db")
    import_units(db, [TranslationUnit(zh="開發軟體時請先備份資料庫", en="Back up the database first."),
                      TranslationUnit(zh="开发软体时请先备份资料库", en="Back up the data first."),
                      TranslationUnit(zh="理发店", en="A barber's shop.")])
    both = ["Back up the database first.", "Back up the data first."]
    for query in ("備份資料庫", "备份资料库", "備份资料庫", "開發", "开发"):
        hits = search(db, query)
        assert [h.unit.en for h in hits] == both, query
        assert [h.unit.zh[a:b] for h in hits for a, b in h.spans] == ["備份資料庫", "备份资料库"] \
            if len(query) == 5 else ["開發", "开发"], query
    assert [h.unit.en for h in search(db, "發")] == [*both, "A barber's shop."]
    assert [h.unit.en for h in search(db, "份")] == both           # a character with one form
    assert search(db, "髮廊") == []


def test_keys_are_those_of_the_whole_table():
    """simplified_key (the table held as data) gives, over every ideograph, in runs where
    chains (薴 → 苧 → 苎) meet either end, what OpenCC's whole table gives."""
    from tm.text.variants import _RANGES
    table = _table()[0]
    chars = [chr(i) for lo, hi in _RANGES for i in range(lo, hi)]
    for chunk in (chars[::-1][i:i + 997] for i in range(0, len(chars), 997)):
        text = "".join(chunk)
        assert simplified_key(text) == text.translate(table)
    assert has_traditional("軟") and not has_traditional("软")


def test_the_gb2312_characters_that_change_are_those_opencc_changes():
    """GB2312_CHANGED (the characters of GB2312 text a key searches for) is what OpenCC's
    table gives. If this fails after an OpenCC upgrade, set GB2312_CHANGED to the computed
    value."""
    from tm.text import variants
    assert variants.GB2312_CHANGED == variants._gb2312_changed()


def test_keying_any_text_loads_no_opencc():
    """Simplified text, GB2312 or not, and Traditional text (a zh-TW query, a memory's
    Traditional units) are keyed from the table held as data: a fresh process keys them
    without loading OpenCC (10-25 ms of a one-shot ``tm match``), to the keys of the whole table."""
    import subprocess
    import sys
    code = ("import sys\n"
            "from tm.text import variants as v\n"
            "texts = ['软件支持多种文件格式', '鸮镕堃喆€', '於是他後來乾了', '軟件與資料庫位於臺北', '智能老字号后庭鈆']"
            " + [f'第{c}条，共{c}{c}项' for c in v.GB2312_CHANGED]\n"
            "keys = [v.simplified_key(t) for t in texts]\n"
            "loaded = 'opencc' in sys.modules\n"
            "table = v._table()[0]\n"
            "print(sum(k == t.translate(table) for k, t in zip(keys, texts)), len(texts), "
            "sum(k != t for k, t in zip(keys, texts)), loaded)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    n = len(GB2312_CHANGED) + 5
    # all equal the table; all but the first two change; no text loaded OpenCC
    assert out == [str(n), str(n), str(n - 2), "False"]


def test_the_characters_that_change_are_those_of_the_table():
    """tm.text.t2s_changed (data, so that keying text never loads OpenCC) holds exactly the
    characters OpenCC's table changes, and the key of each."""
    from tm.text.t2s_changed import CHANGED, KEYS
    table, keys, _ = _table()
    computed = "".join(sorted(keys))
    assert CHANGED == computed, f"OpenCC's table changed: set tm/text/t2s_changed.py's CHANGED to {computed!r}"
    computed = "".join(table[ord(c)] for c in CHANGED)
    assert KEYS == computed, f"OpenCC's table changed: set tm/text/t2s_changed.py's KEYS to {computed!r}"
