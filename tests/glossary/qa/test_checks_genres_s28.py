"""Session 28: QA on documents of six more genres (a bilingual services contract, a
patent's claims, software release notes, an annual report, an appliance's manual, an
English press release translated into Chinese).  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_acronym, check_negation, check_number


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


@pytest.mark.parametrize("zh, en", [
    ("额定容量：60L。", "Rated capacity: 50 L."),
    ("净重：22kg。", "Net weight: 22 lb."),
])
def test_a_quantity_whose_number_or_unit_differs_is_no_missing_acronym(zh, en):
    """A manual's 60L "50 L": the number check says the number differs; "60L is missing
    from the target" as an acronym only repeats it under another name."""
    assert messages(check_acronym, zh, en) == []
    assert len(messages(check_number, zh, en)) == 1


def test_a_quantity_the_target_gives_no_quantity_of_its_dimension_is_still_missing():
    assert messages(check_acronym, "净重：22kg。", "Net weight: 22 L.") == ["22kg is missing from the target"]
    assert messages(check_acronym, "支持5G网络。", "It supports 4G networks.") == ["5G is missing from the target"]


@pytest.mark.parametrize("zh, en, said, condition", [
    ("未经甲方书面同意，乙方不得将本合同项下的服务转包给第三方。",
     "Without the written consent of Party A, Party B may subcontract the services under this Contract to a third party.",
     "不得", "Without"),
    ("本产品不适合儿童使用，除非有人对其进行监督。",
     "This product is suitable for use by children unless they are supervised.", "不", "unless"),
])
def test_a_negation_dropped_beside_a_condition_the_target_keeps_is_found(zh, en, said, condition):
    """A contract's 未经…同意，不得… "Without … consent, … may …": the target's "without"
    renders 未经, and the 不得 of the predicate is gone; a manual's 不适合…除非 likewise."""
    assert messages(check_negation, zh, en) == [
        f'the source says no (“{said}”) and the target negates only a condition ("{condition}")']


@pytest.mark.parametrize("zh, en", [
    ("未经甲方书面同意，乙方不得将服务转包给第三方。",
     "Party B shall not subcontract the services to a third party without the written consent of Party A."),
    ("未经许可，不得转载。", "Reproduction without permission is prohibited."),
    ("无需登录即可使用。", "It can be used without logging in."),
    ("严禁在未接地的情况下使用。", "It must never be used without earthing."),
])
def test_a_condition_beside_a_negation_kept_or_a_without_that_renders_the_negation_is_no_finding(zh, en):
    """The predicate's negation kept (shall not, prohibited, never), or a "without" with no
    未经 or 除非 for it to render (无需 "without needing"): no finding."""
    assert messages(check_negation, zh, en) == []
