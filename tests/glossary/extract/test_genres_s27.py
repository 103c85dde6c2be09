"""Session 27: term candidates on a new user's documents of other genres (a national
standard's terms and definitions, a government work report, a Taiwanese press release, a
clinical guideline, a tourism brochure, an interview transcript).  Sentences written for
the tests."""

from glossary.extract.extractor import extract
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def names(units):
    return {c.zh for c in extract(units, min_score=-99)}


def test_an_english_equivalent_in_lower_case_is_no_latin_name():
    """A standard's term entry writes the English equivalent after the Chinese term
    (3.1 服务等级 service level): ordinary English words in lower case, not a name the
    translator kept in Latin letters; it was a candidate "service level" beside 服务等级."""
    units = pairs(("服务等级 service level", "service level"),
                  ("服务等级协议 service level agreement", "service level agreement"),
                  ("服务提供方应定期评审服务等级。", "The service provider shall review the service level regularly."))
    found = names(units)
    assert not {n for n in found if n.isascii()}, found


def test_a_verb_before_a_place_name_parts_the_run():
    """西湖 | 位于 | 杭州市西湖区: the verb is the clause's predicate and the place its
    object; 西湖位于杭州市西湖区 "West Lake is located in Xihu District" was a candidate, and
    so was an enumeration's first item 游船码头位于湖滨."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("西湖位于杭州市西湖区，是著名的风景名胜区。", seg)}
    assert "杭州市西湖区" in terms and not any("位于" in t for t in terms), terms
    terms = {o.term for o in occurrences("游船码头位于湖滨、岳庙和花港观鱼。", seg)}
    assert {"湖滨", "岳庙"} <= terms and not any("位于" in t for t in terms), terms
