"""Renderings of extracted terms: the causes of pairing slips, each on a small made-up unit.

Each case failed before its fix (the rendering shown in the comment is what was recorded)."""

from glossary.extract.lexicon import glossary_lexicon
from glossary.extract.pairing import EnglishUnit, pair


def _pair(term: str, zh: str, en: str, **kw) -> list[str]:
    return [s.text for s in pair(term, EnglishUnit(en), context=zh, **kw)]


def test_classifier_and_surname_senses_give_no_keys():
    """What a classifier counts and a surname's romanisation are no translation of the character."""
    lexicon = glossary_lexicon()
    assert "technologi" not in lexicon.keys("门") and "door" in lexicon.keys("门")   # "branches of technology"
    assert not {"film", "machin", "work"} & lexicon.keys("部") and "depart" in lexicon.keys("部")
    assert "gam" not in lexicon.keys("局") and "offic" in lexicon.keys("局")
    assert "dai" not in lexicon.keys("戴") and "wear" in lexicon.keys("戴")
    assert lexicon.keys("部门") == lexicon._base.keys("部门")        # no such sense: unchanged
    assert "部门" in lexicon and lexicon.segment("有关部门") == lexicon._base.segment("有关部门")


def test_a_word_the_english_leaves_out_takes_no_neighbour():
    """部门 is not rendered in this English; 门's classifier sense ("branches of technology")
    paired it with "Technology Bureau" of the bureau named before it."""
    assert _pair("部门", "由市科技局等部门负责。", "The Municipal Science and Technology Bureau is responsible.") == []
    assert _pair("部门", "各部门负责。", "Each department is responsible.") == ["department"]
