"""Pairing inside a dense unit: which of several English places renders an occurrence.

Made-up units; each case failed before its fix (the rendering in the comment is what was read)."""

from glossary.extract.pairing import EnglishUnit, pair


def _pair(term: str, zh: str, en: str, **kw) -> list[str]:
    return sorted(s.text for s in pair(term, EnglishUnit(en), context=zh, **kw))


def test_an_operand_takes_the_operand_of_its_rank():
    """超算 is the first of three operands: the second English operand ("intelligent
    computing", 算 "computing" plus a free word) is not its rendering (it was read so
    beside "supercomputing")."""
    zh = "支持超算中心和“超算+智算+存储”平台。"
    en = 'Support supercomputing centres and the "supercomputing+intelligent computing+storage" platform.'
    assert _pair("超算", zh, en, operand=True, limit=2) == ["supercomputing", "supercomputing"]
    # a chain of another length than the Chinese one: either side, as before
    en2 = 'Support supercomputing centres and the "supercomputing+storage" platform.'
    assert "supercomputing" in _pair("超算", zh, en2, operand=True, limit=2)


def test_equal_spans_the_ones_nearest_the_terms_places():
    """A term twice in a unit; three spans score alike (算 "computing" plus a free word): the
    ones at the term's places are its renderings, not the first two ("integrated computing"
    was read, 融合's words, where the translation wrote "intelligent computing" twice)."""
    zh = "推动智算中心和融合算力平台建设，支持智算平台建设。"
    en = "Promote intelligent computing centres and integrated computing platforms, and support intelligent computing platforms."
    assert _pair("智算", zh, en, limit=2) == ["intelligent computing", "intelligent computing"]
