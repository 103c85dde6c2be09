"""Session 28: QA on documents of six more genres (a bilingual services contract, a
patent's claims, software release notes, an annual report, an appliance's manual, an
English press release translated into Chinese).  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_number


def messages(check, zh, en, source="zh"):
    return [f.message for f in check(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("所述正极材料包括镍钴锰三元前驱体。", "The cathode material comprises a nickel-cobalt-manganese ternary precursor."),
    ("高镍三元材料的能量密度较高。", "High-nickel ternary materials have a high energy density."),
    ("设备采用三相电源供电。", "The unit is powered by a triphase supply."),
])
def test_a_numeral_the_english_writes_as_a_numeral_prefix_is_rendered(zh, en):
    """A patent's 三元 "ternary" (three-component) and 三相 "triphase": the English states
    the three with a Latin or Greek numeral (ternary, tri-), as 二氧化碳 "carbon dioxide"."""
    assert messages(check_number, zh, en) == []


def test_a_numeral_prefix_of_another_value_or_a_wrong_number_beside_it_is_still_found():
    assert messages(check_number, "三元锂电池", "binary lithium battery") == ["number missing: 三 (3)"]
    # the 三 of 三元 took the wrong ratio 1.5 as its "different number": now 1.05 is compared with it
    assert messages(check_number, "将三元前驱体与氢氧化锂按摩尔比1:1.05混合。",
                    "Mix the ternary precursor with lithium hydroxide at a molar ratio of 1:1.5.") == \
        ["number differs: 1.05 (1.05) in the source, 1.5 (1.5) in the target"]
