"""A rendering the term has in other units wins a near tie, whatever the order of the units.

Made-up units; each case failed before its fix (the rendering in the comment is what was read)."""

from tm.models import TranslationUnit

from glossary.extract.extractor import extract
from glossary.extract.pairing import EnglishUnit, choose, fold_rendering, scored_spans


def _renderings(units, term):
    cands = extract([TranslationUnit(zh=z, en=e, id=k) for k, (z, e) in enumerate(units, 1)], user_terms=(term,))
    c = next(c for c in cands if c.zh == term)
    return {r.en: sorted(r.units) for r in c.renderings}


def test_a_fragment_read_first_does_not_win_later_units():
    """The first unit's translation leaves 人 out ("digital"); the later ones write "digital
    human(s)" (人 has no gloss: "human" is a free word), which pairs better there than
    "digital". The fragment, read first, took the later units through the known-rendering
    bonus ("digital" x3)."""
    units = [("我们推广数字人助手系统。", "We promote digital assistant systems."),
             ("我们研究数字人技术。", "We study digital human technology."),
             ("我们制作数字人视频。", "We make videos of digital humans.")]
    got = _renderings(units, "数字人")
    assert got.get("digital human") == [2] and got.get("digital humans") == [3]
    # the same units in the other order: the same renderings (this order gave them before)
    got = _renderings(units[::-1], "数字人")
    assert got.get("digital human") == [2] and got.get("digital humans") == [1]


def test_known_renderings_fold_case_number_and_possessive():
    assert fold_rendering("Digital Humans") == fold_rendering("digital human")
    assert fold_rendering("Tianjin's") == "tianjin"
    assert fold_rendering("access") == "access"
    en = EnglishUnit("We study digital human technology.")
    spans = scored_spans("数字人", en, context="我们研究数字人技术。")
    assert [s.text for s in choose(spans, "数字人", en, context="我们研究数字人技术。",
                                   known={"digital"})] == ["digital"]
    assert [s.text for s in choose(spans, "数字人", en, context="我们研究数字人技术。",
                                   known={"Digital", "digital humans"})] == ["digital human"]
