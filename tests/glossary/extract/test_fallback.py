"""The memory-wide fallback of the pairing (glossary.extract.extractor._residue / _from_memory)."""

from glossary.extract.extractor import _claimed_outside
from glossary.extract.lexicon import glossary_lexicon
from glossary.extract.pairing import EnglishUnit


def test_a_phrase_another_occurrence_of_a_word_renders_is_no_evidence_for_the_term():
    """The memory-wide fallback takes a phrase as a term's rendering only where the unit's
    other Chinese words do not already translate it. A word the term shares counts as
    'other' when the unit writes it more often than the term's occurrences hold it: 创新 three
    times beside 创新平台 once, so "technology innovation" is 技术创新's, not 创新平台's (the
    translation below left 等创新平台 out)."""

    zh = "推动建设一批市级重点实验室、技术创新中心等创新平台，争建国家技术创新中心。"
    en = EnglishUnit("Promote the construction of municipal key laboratories and technology innovation "
                     "centers, and strive to establish a national technology innovation center.")
    start = en.text.index("technology innovation")
    end = start + len("technology innovation")
    assert _claimed_outside("创新平台", en, zh, glossary_lexicon(), start, end)
    # the same phrase where 创新 is written only inside the term is evidence for it
    alone = "推动建设一批创新平台。"
    en2 = EnglishUnit("Promote the construction of technology innovation platforms.")
    s2 = en2.text.index("technology innovation")
    assert not _claimed_outside("创新平台", en2, alone, glossary_lexicon(), s2, s2 + len("technology innovation"))
