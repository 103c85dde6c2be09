"""Session 27: a concordance query of Chinese punctuation alone (an interview's …… and
——) is sought on the Chinese side; it was read as English and found nothing."""

from tm.memory.search import search
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

UNITS = [("嘉宾：这个嘛……说来话长。", "Guest: Well... it's a long story.", "i:1"),
         ("主持人：那么——您怎么看？", "Host: So — what do you think?", "i:2"),
         ("见《数据安全法》第三条。", "See Article 3 of the Data Security Law.", "i:3")]


def test_a_query_of_chinese_punctuation_alone_is_sought_in_the_chinese(tmp_path):
    db = open_store(tmp_path / "s.db")
    import_units(db, [TranslationUnit(zh=zh, en=en, key=k) for zh, en, k in UNITS])
    assert [h.unit.key for h in search(db, "……")] == ["i:1"]
    assert [h.unit.key for h in search(db, "——")] == ["i:2"]
    assert [h.unit.key for h in search(db, "《")] == ["i:3"]


def test_english_punctuation_or_words_stay_english(tmp_path):
    db = open_store(tmp_path / "s.db")
    import_units(db, [TranslationUnit(zh=zh, en=en, key=k) for zh, en, k in UNITS])
    assert [(h.unit.key, h.lang) for h in search(db, "...")] == [("i:1", "en")]
    assert [(h.unit.key, h.lang) for h in search(db, "—")] == [("i:2", "en")]   # one dash: English's too
