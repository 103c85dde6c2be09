"""Session 28: term candidates on documents of six more genres (a services contract, a
patent's claims, software release notes, an annual report, an appliance's manual, an
English press release translated into Chinese).  Sentences written for the tests."""

from glossary.extract.zh import Segmenter, occurrences


def test_a_first_person_pronoun_of_a_country_or_a_region_is_no_part_of_the_name_after_it():
    """An annual report's 我国新能源汽车 "China's new energy vehicles": 我国 "our country"
    (as 我省, 我市, 我方) is the speaker's pronoun, no front of the name; 我国新能源汽车 was a
    candidate rendered "new energy vehicles reached"."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("2025年，我国新能源汽车产销量分别完成1,288.8万辆。", seg)}
    assert "新能源汽车" in terms and not any(t.startswith("我") for t in terms), terms
    terms = {o.term for o in occurrences("我省数字经济规模位居全国前列。", seg)}
    assert "数字经济" in terms and not any(t.startswith("我") for t in terms), terms


def spans(term, context, en):
    from glossary.extract.pairing import EnglishUnit, pair
    return [s.text for s in pair(term, EnglishUnit(en), context=context)]


def test_a_rendering_in_british_spelling_is_read_with_the_american_gloss():
    """A patent's 氧化铝 "aluminium oxide": CC-CEDICT glosses "aluminum oxide", and the
    rendering was "oxide" alone; 硫酸 "sulphuric acid" was "acid"."""
    assert spans("氧化铝", "所述包覆层为氧化铝。", "The coating layer is aluminium oxide.") == ["aluminium oxide"]
    assert spans("硫酸", "加入稀硫酸。", "Add dilute sulphuric acid.") == ["sulphuric acid"]
