"""Session 12: a generic activity (zh.GENERIC: 研发, 开发, 应用 …) at the end of a phrase makes
it work on a thing, not a thing, also when both parts are accepted terms; and a phrase of
words both general dictionaries know is no coinage, however often it recurs."""

from glossary.extract.extractor import _composition, _novel
from glossary.extract.zh import GENERIC, Segmenter


def test_a_composition_ending_in_a_generic_activity_is_no_term():
    seg = Segmenter()
    assert "开发" in GENERIC and "研发" in GENERIC
    assert [w.text for w in seg.words("数据库开发")] == ["数据库", "开发"]
    assert not _composition("数据库开发", {"数据库", "开发"}, seg)      # "database development"
    assert not _composition("传感器研发", {"传感器", "研发"}, seg)
    # the same accepted terms the other way round, and a composition of two things, stay
    assert _composition("开发数据库", {"数据库", "开发"}, seg)
    assert _composition("容器探针", {"容器", "探针"}, seg)
    # without a segmenter (no parts of speech) the rule cannot be applied
    assert _composition("数据库开发", {"数据库", "开发"})


def test_a_phrase_of_dictionary_words_is_no_coinage():
    seg = Segmenter()
    assert _novel("信创", seg) and _novel("智算", seg)                  # abbreviations no dictionary lists
    assert _novel("垂类模型", seg)                                      # 垂类 is no dictionary word
    assert not _novel("芯片研发", seg)                                  # 芯片 | 研发, both known words
    assert not _novel("数据资源", seg)
    assert not _novel("容器", seg)                                      # a dictionary word
