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


def test_a_copula_or_a_modal_of_one_character_before_a_phrase_is_no_part_of_it():
    """是 | 国家级自然保护区, 可 | 门诊治疗: jieba cuts the copula and the modal alone, and
    they are the clause's before a phrase as after one (调度器 | 会); 可门诊治疗 "can be
    treated as outpatients" was a candidate, from a run and from an enumeration's item."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("该湿地面积很大，是国家级自然保护区。", seg)}
    assert "国家级自然保护区" in terms and not any(t.startswith("是") for t in terms), terms
    terms = {o.term for o in occurrences("对于症状较轻、可门诊治疗的患者，不必住院。", seg)}
    assert "门诊治疗" in terms and not any(t.startswith("可") for t in terms), terms


def test_an_organisations_verb_is_no_part_of_its_name():
    """本计划由数字发展部主办，…、经济部协办 "hosted by …, assisted by the Ministry of Economic
    Affairs": 协办 ends in 办 as an office's name does (网信办), yet it is the ministry's verb;
    经济部协办 and 数字发展部主办 were candidates (a Taiwanese press release)."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("本计划由数字发展部主办，国家科学及技术委员会、经济部协办。", seg)}
    assert "经济部" in terms and not any(t.endswith(("协办", "主办")) for t in terms), terms
    terms = {o.term for o in occurrences("市科技局、市网信办按职责分工负责。", seg)}
    assert "市网信办" in terms, terms


def test_a_pronoun_after_a_phrase_is_no_part_of_it():
    """西湖十景 | 之一 "one of the Ten Scenes of West Lake": jieba tags 之一 a pronoun."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("断桥是西湖十景之一，冬季景色最佳。", seg)}
    assert "西湖十景" in terms and not any(t.endswith("之一") for t in terms), terms


def test_a_council_joined_by_ji_is_one_organisation():
    """國家科學及技術委員會 "the National Science and Technology Council": 及 joins the two
    halves of a name as 和 does, and 委员会 "council, committee" heads it; 國家科學 "National
    Science" was the candidate."""
    units = pairs(("本計畫由國家科學及技術委員會協辦。", "The program is assisted by the National Science and Technology Council."),
                  ("國家科學及技術委員會、教育部將共同推動。", "The National Science and Technology Council and the Ministry of Education will jointly promote it."))
    found = names(units)
    assert "國家科學及技術委員會" in found and "國家科學" not in found, found


def test_a_negation_starts_the_predicate_no_term_holds():
    """降钙素原 | 不能 | 可靠 | 地区 | 分 "procalcitonin cannot reliably distinguish" (jieba
    cuts 可靠地区分 as 可靠 | 地区 | 分): 不能可靠地区 was a candidate of a guideline, headed
    by 区 "district"."""
    seg = Segmenter()
    terms = {o.term for o in occurrences("降钙素原不能可靠地区分细菌感染与病毒感染。", seg)}
    assert "降钙素原" in terms and not any("不能" in t for t in terms), terms
