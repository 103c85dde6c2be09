"""Session 26: an English concordance query that opens or ends with a mark (a software
string's placeholder, markup, a product's name) finds that mark, not every word alike."""

from tm.memory.search import search
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

UNITS = [("%d 个文件上传失败。", "%d files could not be uploaded.", "r:1"),
         ("已将 {0} 条笔记保存到 {1}。", "Saved {0} notes to {1}.", "r:2"),
         ("搜索结果以<b>粗体</b>显示。", "Results are shown in <b>bold</b>.", "r:3"),
         ("按 Ctrl+S 保存。", "Press Ctrl+S to save.", "r:4"),
         ("研发投入为15.80亿元。", "R&D investment was RMB 1.58 billion.", "r:5"),
         ("样品量为0.6 μL。", "Sample volume: 0.6 μL.", "r:6"),
         ("Farquhar G D。", "Farquhar G D.", "r:7"),
         ("开放平台。", "the open platform.", "r:8")]


def keys(db, query):
    return [h.unit.key for h in search(db, query, lang="en")]


def test_marks_before_the_first_word_or_after_the_last_are_sought(tmp_path):
    db = open_store(tmp_path / "s.db")
    import_units(db, [TranslationUnit(zh=zh, en=en, key=k) for zh, en, k in UNITS])
    assert keys(db, "%d") == ["r:1"]              # not the D of R&D or of "G D"
    assert keys(db, "{0}") == ["r:2"]             # not the 0 of 0.6
    assert keys(db, "<b>") == ["r:3"]
    assert keys(db, "</b>") == ["r:3"]
    assert [h.spans for h in search(db, "{0}", lang="en")] == [((6, 9),)]


def test_marks_between_words_and_quotes_around_the_query_are_still_ignored(tmp_path):
    db = open_store(tmp_path / "s.db")
    import_units(db, [TranslationUnit(zh=zh, en=en, key=k) for zh, en, k in UNITS])
    assert keys(db, "Ctrl+S") == ["r:4"]
    assert keys(db, "Ctrl S") == ["r:4"]
    assert keys(db, "d") == ["r:1", "r:5", "r:7"]
    assert keys(db, '"open platform"') == ["r:8"]
