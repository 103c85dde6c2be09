"""A Chinese concordance query finds its Latin letters and digits in either width: a Chinese
text writes AI and 5G full-width as often as not (ＡＩ芯片, ５Ｇ网络), and the fuzzy match already
reads them as one; the concordance found only the width it was given."""

from tm.memory.search import search
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

UNITS = [("发展AI芯片产业。", "Develop the AI chip industry.", "w:1"),
         ("发展ＡＩ芯片和５Ｇ网络。", "Develop AI chips and 5G networks.", "w:2"),
         ("建设5G基站。", "Build 5G base stations.", "w:3")]


def test_latin_letters_and_digits_are_found_in_either_width(tmp_path):
    db = open_store(tmp_path / "s.db")
    import_units(db, [TranslationUnit(zh=zh, en=en, key=k) for zh, en, k in UNITS])
    for query in ("AI芯片", "ＡＩ芯片", "ai芯片"):
        assert [(h.unit.key, h.spans) for h in search(db, query)] == [("w:1", ((2, 6),)), ("w:2", ((2, 6),))]
    assert [h.unit.key for h in search(db, "５Ｇ网络")] == ["w:2"]
    assert [(h.unit.key, h.spans) for h in search(db, "5G基站")] == [("w:3", ((2, 6),))]
    assert [(h.unit.key, h.spans) for h in search(db, "５Ｇ", lang="zh")] == [("w:2", ((7, 9),)), ("w:3", ((2, 4),))]
