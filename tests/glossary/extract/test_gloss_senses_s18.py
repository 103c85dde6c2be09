"""Session 18: a word glossing characters another word of the span already renders by another
sense of a lexicon word (pairing); made-up sentences."""

from glossary.extract.lexicon import glossary_lexicon
from glossary.extract.pairing import EnglishUnit, pair


def rendering(term, zh, en):
    return [s.text for s in pair(term, EnglishUnit(en), context=zh)]


def test_a_word_rendering_what_another_sense_already_renders_adds_nothing():
    """开发 is "to open up; to develop": "development" renders it in full, so "open" after it
    (of "open platforms") renders nothing more of 应用开发, and the span stops before it."""
    senses = glossary_lexicon().senses("开发")
    assert not any({"develop", "open"} <= s for s in senses) and any("open" in s for s in senses)
    assert rendering("应用开发", "支持开源平台的应用开发。",
                     "Support the application development of open platforms.") == ["application development"]


def test_words_of_one_gloss_and_the_rest_of_a_long_word_still_count():
    """"computing power" is one gloss of 算力: both words render it.  One English word renders
    two characters of a word, so "driving" after "unmanned" still renders half of 无人驾驶."""
    assert rendering("算力", "提升算力。", "Raise computing power.") == ["computing power"]
    assert rendering("无人驾驶", "发展无人驾驶。", "Develop unmanned driving.") == ["unmanned driving"]



def test_a_hyphenated_word_renders_by_its_part_as_the_word_itself():
    """"no-matches" glosses 匹配 by its part "matches", the gloss "matches" has: it renders
    nothing another gloss of 匹配 renders, so it is no unexplained word either, which would
    let "matches and no-matches" take the credit of 完全 beside "exact matches"."""
    assert rendering("完全匹配", "统计重复、完全匹配、模糊匹配和不匹配的数量。",
                     "Count the repetitions, exact matches, fuzzy matches and no-matches.") == ["exact matches"]
