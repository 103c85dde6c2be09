"""Session 29: term candidates on documents of six more genres (a municipal regulation, a
drug leaflet, a medical abstract, a bond's coupon-rate notice, a concrete construction
code, a hotel's guest information).  Sentences written for the tests."""

from glossary.extract.zh import Segmenter, occurrences


def test_a_number_before_xing_type_is_part_of_the_name():
    """An abstract's 2型糖尿病 "type 2 diabetes": the number was a boundary of the phrase, and
    the candidate was 型糖尿病患者, a name without its type; the number belongs to 型 as
    H7N9型's letters do."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("关键词：2型糖尿病；步数；全因死亡；队列研究", seg)}
    assert "2型糖尿病" in terms and not any(t.startswith("型") for t in terms), terms
    terms = {o.term for o in occurrences("本研究纳入2型糖尿病患者1 268例。", seg)}
    assert "2型糖尿病患者" in terms and not any(t.startswith("型") for t in terms), terms


def test_a_number_before_another_word_is_still_a_boundary():
    seg = Segmenter()
    terms = {o.term for o in occurrences("本研究纳入2015年至2019年就诊的患者。", seg)}
    assert not any(t[0].isdigit() for t in terms), terms
    terms = {o.term for o in occurrences("共3级医院参与。", seg)}
    assert not any(t[0].isdigit() for t in terms), terms
