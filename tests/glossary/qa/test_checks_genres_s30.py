"""Session 30: QA on documents of six more genres (a chemical safety data sheet translated
from English, a court judgment, an insurance policy's clauses, a customs tariff
announcement, a typhoon warning, audited financial statement notes).  Sentences written
for the tests."""

import pytest

from glossary.qa.checks import Pair, check_acronym, check_negation, check_number


def messages(check, zh, en, source="zh"):
    return [f.message for f in check(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("逾期利息按每日万分之三计收。", "Late interest is charged at 0.03% per day."),
    ("损耗率不得超过千分之五。", "The loss rate shall not exceed 0.5%."),
    ("会议于14时开始。", "The meeting starts at 14:00."),
    ("营业时间为零时至二十四时。", "Open from 00:00 to 24:00."),
    ("对该类产品实行零关税。", "Such products are exempt from import duties."),
    ("本期冲回减值准备人民币(540)万元。", "An impairment provision of RMB (5.40) million was reversed in the period."),
])
def test_a_fraction_a_clock_time_a_zero_prefix_and_a_bracketed_amount_are_read_as_written(zh, en):
    """万分之三 is 0.03 % (it was 3 against 0.03), 20:00's minutes are no number (an extra 0
    beside 20时), 零关税 "exempt from duties" loses no number (零 as a prefix is a word as 两 is),
    and an accounting negative's scale after its bracket is the amount's, (540)万元 "(5.40)
    million" (it was 540 and 万 against 5.40 and million)."""
    assert messages(check_number, zh, en) == []


@pytest.mark.parametrize("zh, en, message", [
    ("违约金按每日万分之五计算。", "Liquidated damages accrue at 0.5% per day.",
     "number differs: 万分之五 (0.05) in the source, 0.5% (0.5) in the target"),
    ("中心气压980百帕。", "The central pressure is 980 kPa.", "unit differs: 980 hPa in the source, 980 kPa in the target"),
    ("税则号列8517.62.00项下的商品", "goods under tariff line 8517.62.90",
     "number differs: 8517.62.00 in the source, 8517.62.90 in the target"),
])
def test_a_changed_fraction_pressure_unit_or_dotted_code_is_found(zh, en, message):
    """A weather report's 百帕 is hPa (its 百 read as a hundred, 980百帕 "980 hPa" was 98,000
    against 980, and "kPa" no other unit); a tariff line's dotted digits were read as 8517.62
    and its last group dropped, so a changed line passed."""
    assert messages(check_number, zh, en) == [message]


@pytest.mark.parametrize("zh, en, source", [
    ("依据欧盟第1907/2006号法规注册。", "Registered under Regulation (EC) No 1907/2006.", "en"),
    ("UN编号：1230。", "UN No.: 1230.", "en"),
    ("援助面向最不发达国家。", "The aid is for the least developed countries.", "zh"),
    ("以上价格不含税。", "The prices above are excluding tax.", "zh"),
])
def test_a_number_sign_and_a_least_are_no_negation(zh, en, source):
    """EU law's "No 1907/2006" and a data sheet's "No.:" are "number", not "no"; "least" says
    最不's 不 as "less" says it."""
    assert messages(check_negation, zh, en, source=source) == []


@pytest.mark.parametrize("zh, en, message", [
    ("本产品不设保修期。", "This product has a warranty period.", "the source says no (“不”) and the target has no negation"),
    ("装入5升及以下容器的产品", "products in containers of 5 litres or more",
     'the source sets an upper bound (“以下”) and the target a lower one ("or more")'),
    ("工龄10年及以上的职工", "employees with less than 10 years of service",
     'the source sets a lower bound (“以上”) and the target an upper one ("less than")'),
])
def test_a_negated_one_character_verb_and_a_bound_after_a_measure_are_read(zh, en, message):
    """不 before a one-character verb (不|设 "sets no") was read by no rule (a dictionary word
    of two characters or more was looked for after it); 以上 and 以下 only right after a
    number or a few measure words, not after a unit with 及 "and" (2升及以下)."""
    assert messages(check_negation, zh, en) == [message]


def test_a_negated_one_character_verb_is_read_and_words_of_their_own_are_not():
    """不断 "unceasing" and 不计 "to disregard" are dictionary words (read as before: no
    negation of a verb); 县级以上 "at and above county level" has no number, so no bound."""
    assert messages(check_negation, "本店不收现金。", "This shop takes cash.") \
        == ["the source says no (“不”) and the target has no negation"]
    for zh in ("不断完善制度。", "利息不计复利。", "县级以上人民政府负责。"):
        assert messages(check_negation, zh, "The government is responsible for more than 3 things.") == []


def test_a_code_of_the_english_source_is_kept_in_the_chinese_target():
    """en -> zh: the acronym check was not run (an acronym may be translated, AI 人工智能), so
    a hazard statement's changed code, H370 → H371, passed; a code of capitals and digits is
    written as it is."""
    pair = ("H371：对器官造成损害。", "H370: Causes damage to organs.")
    assert messages(check_acronym, *pair, source="en") == ["H370 is missing from the target"]
    assert messages(check_acronym, "H370：对器官造成损害。人工智能", "H370: Causes damage to organs. AI", source="en") == []


@pytest.mark.parametrize("zh, en, message", [
    ("账龄1年以内的为200万元，3年以上的为50万元。", "RMB 2 million within 1 year and RMB 0.5 million less than 3 years.",
     'the source sets a lower bound (“以上”) and the target an upper one ("less than")'),
    ("年龄在18周岁以上、60周岁以下的居民", "residents aged under 18 and 60 or over",
     'the source sets a lower bound (“以上”) and the target an upper one ("under")'),
])
def test_bounds_both_ways_are_compared_number_by_number(zh, en, message):
    """A sentence with an upper and a lower bound (an ageing table's 1年以内 … 3年以上) was
    left alone whenever the target had a bound of either way; each bound is now compared with
    the target's bounds of its own number."""
    assert messages(check_negation, zh, en) == [message]
    right = en.replace("less than 3", "over 3").replace("under 18 and 60 or over", "18 or over and under 60")
    assert messages(check_negation, zh, right) == []


def test_a_document_naming_another_terms_law_is_no_variant(db_path):
    """`glossary check` of a judgment: "Civil Code of the People's Republic of China" (民法典's
    name in the memory) was reported as a variant of 民事诉讼法's "Civil Procedure Law of the
    People's Republic of China", and "Article 264 of the Civil Procedure Law of …" as one of
    民法典's: a name that is or holds another entry's name is that entry's."""
    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    from _terms import cand

    db = open_termbase(db_path)
    store_candidates(db, [
        cand("中华人民共和国民法典", ("Civil Code of the People's Republic of China", 2, [3, 8])),
        cand("中华人民共和国民事诉讼法", ("Civil Procedure Law of the People's Republic of China", 2, [5, 9])),
    ])
    text = ("Under Article 577 of the Civil Code of the People's Republic of China, the court rules.\n"
            "Interest is doubled under Article 264 of the Civil Procedure Law of the People's Republic of China.\n")
    assert [f.message for f in check(db, en_files=[("judgment.en.txt", text)]) if f.kind == "document"] == []


@pytest.mark.parametrize("zh, wrong, right, source, message", [
    ("违约金自2024年6月2日起计算。", "Liquidated damages accrue from 6 February 2024.",
     "Liquidated damages accrue from 2 June 2024.", "zh", "month differs: 6月2日 in the source, February in the target"),
    ("增值税率由13%降至9%。", "The VAT rate is cut from 9% to 13%.", "The VAT rate is cut from 13% to 9%.", "zh",
     "the change is turned round: from 13% … 9% in the source, from 9% … 13% in the target"),
    ("儿童每次5～10 mg/kg。", "Children: 5–10 mg per dose.", "Children: 5–10 mg per kilogram of body weight per dose.",
     "zh", "unit differs: 10 mg/kg in the source, 10 mg in the target"),
    ("儿童每次按体重5～10 mg。", "Children: 5–10 mg/kg per dose.", "Children: 5–10 mg per dose.", "en",
     "unit differs: 10 mg in the target, 10 mg/kg in the source"),
])
def test_a_swapped_date_a_turned_change_and_a_lost_per_unit_are_found(zh, wrong, right, source, message):
    """The same numbers in another relation: a date's day and month swapped (6月2日 "6
    February"), a change's two values given the other way round (由13%降至9% "from 9% to 13%"),
    a dose per kilogram made a fixed one (5～10 mg/kg "5–10 mg per dose", which the acronym
    check reported as "kg is missing": it leaves a unit's denominator to this check)."""
    assert messages(check_number, zh, wrong, source=source) == [message]
    assert messages(check_number, zh, right, source=source) == []
    assert messages(check_acronym, zh, wrong, source=source) == []


@pytest.mark.parametrize("zh, wrong, right", [
    ("营业收入较上年增加12.5%。", "Operating revenue fell 12.5% from the previous year.",
     "Operating revenue rose 12.5% from the previous year."),
    ("能耗同比下降3.2%。", "Energy consumption increased by 3.2% year on year.",
     "Energy consumption was down 3.2% year on year."),
])
def test_a_change_turned_round_is_found(zh, wrong, right):
    """A financial note's 较上年末增加18.4% rendered "a decrease of 18.4%": the number kept, the
    direction of the change turned, which no check read."""
    direction = ("rise", "fall") if "增加" in zh else ("fall", "rise")
    said = messages(check_negation, zh, wrong)
    assert len(said) == 1 and said[0].startswith(f"the source reports a {direction[0]}") \
        and f"and the target a {direction[1]}" in said[0]
    assert messages(check_negation, zh, right) == []


def test_a_negated_verb_of_the_dictionary_is_read_where_its_object_is_rendered():
    """Session 29's leftover: 不计复利 "is compounded" — 不计 is a CC-CEDICT word ("to disregard",
    "to take no account of"), so no rule read its 不.  A word of a negator and a verb whose
    gloss is a negated verb is read as 不|设 is, where the target names its object; 不愧 "to be
    worthy of" and 没收 "to confiscate" are no negation."""
    zh = "本期票据按单利计息，不计复利。"
    assert messages(check_negation, zh, "The notes bear simple interest, and interest is compounded.") \
        == ["the source says no (“不”) and the target has no negation"]
    assert messages(check_negation, zh, "The notes bear simple interest, not compounded.") == []
    assert messages(check_negation, "依法没收违法所得。", "The illegal gains are confiscated according to law.") == []
