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


@pytest.mark.parametrize("zh, en, source, message", [
    ("干燥温度为120℃，干燥时间不少于6小时。", "The drying temperature is 120°C and the drying time is less than 6 hours.",
     "zh", 'the source sets a lower bound (“不少于”) and the target an upper one ("less than")'),
    ("违约金总额不超过合同总价款的20%。", "The total liquidated damages shall be at least 20% of the total contract price.",
     "zh", 'the source sets an upper bound (“不超过”) and the target a lower one ("at least")'),
    ("每台机器人最大载重低于1500公斤。", "Each robot can carry loads of more than 1,500 kg.",
     "zh", 'the source sets an upper bound (“低于”) and the target a lower one ("more than")'),
    ("安装位置距地面高度不超过1.6米。", "It shall be installed no less than 1.6 m above the floor.",
     "zh", 'the source sets an upper bound (“不超过”) and the target a lower one ("no less than")'),
    ("该项目将资助不少于20名博士生。", "The programme will fund up to 20 PhD students.",
     "en", 'the source sets an upper bound ("up to") and the target a lower one (“不少于”)'),
])
def test_a_bound_the_target_turns_round_is_found(zh, en, source, message):
    """A claim's 干燥时间不少于6小时 "less than 6 hours": the 不 of the bound dropped, the
    limit reversed; s27 made a bound no negation, so nothing saw it."""
    assert messages(check_negation, zh, en, source=source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("干燥时间不少于6小时。", "The drying time is at least 6 hours."),
    ("违约金总额不超过合同总价款的20%。", "The total liquidated damages shall not exceed 20% of the total contract price."),
    ("墙体必须能承受热水器注满水后重量的两倍以上。", "The wall must bear more than twice the weight of the filled heater."),
    ("当进水压力超过0.6MPa时，应加装减压阀。", "If the inlet pressure exceeds 0.6 MPa, fit a pressure reducing valve."),
    ("温度应不低于5℃且不高于40℃。", "The temperature shall be between 5°C and 40°C."),
    ("以上内容仅供参考，请以实物为准，价格不超过100元。", "The above is for reference; the price is less than 100 yuan."),
    ("请在30日内完成，时间不少于2小时。", "Finish it within 30 days; it takes no less than 2 hours."),
    ("请保持软件为最新版本。", "Keep the software up to date."),
])
def test_a_bound_kept_reworded_or_not_stated_is_no_finding(zh, en):
    assert messages(check_negation, zh, en) == []


@pytest.mark.parametrize("zh, en, source, message", [
    ("与三家物流客户的试点部署定于2027年上半年进行。", "Pilot deployments with three logistics customers are scheduled for the second half of 2027.",
     "en", "half of the year differs: second half in the source, 上半年 (first half) in the target"),
    ("2026年下半年储能业务收入增长63.2%。", "Revenue from energy storage grew 63.2% in the first half of 2026.",
     "zh", "half of the year differs: 下半年 (second half) in the source, first half in the target"),
])
def test_the_wrong_half_of_a_year_is_found(zh, en, source, message):
    """A press release's "second half of 2027" 2027年上半年: "second" is a number in words
    that the comparison leaves unreported (a small number in words is as often no
    quantity), and 上半年 holds no numeral; a half named on both sides must be the same."""
    assert messages(check_number, zh, en, source=source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("2026年上半年营业收入增长。", "Revenue grew in the first half of 2026."),
    ("2026年上半年营业收入增长。", "Revenue grew in H1 2026."),
    ("上半年增长5%，下半年增长8%。", "Growth was 5% in the first half and 8% in the second half."),
    ("上半年增长5%。", "Growth was 5% in the first six months."),
])
def test_the_same_half_or_none_named_in_english_is_no_finding(zh, en):
    assert messages(check_number, zh, en) == []


def test_a_comparison_of_two_things_turned_round_is_no_reversed_bound():
    """成本低于同类产品 "similar products cost more than ours": no quantity is bounded, and
    a translation may put either thing first."""
    assert messages(check_negation, "本产品的能耗低于同类产品。", "Similar products consume more than this one.") == []


@pytest.mark.parametrize("zh, en", [
    # the half named again for the year before (同比), and the half a comparison is with (环比)
    ("上半年营收同比增长5%。", "Revenue in the first half rose 5% from the first half of last year."),
    ("上半年营收环比增长5%。", "Revenue in the first half rose 5% from the second half of last year."),
])
def test_a_half_the_target_names_again_or_compares_with_is_no_finding(zh, en):
    assert messages(check_number, zh, en) == []


@pytest.mark.parametrize("zh, en, source", [
    ("少于3人时，活动取消。", "The event is cancelled unless at least 3 people sign up.", "zh"),
    ("订单金额低于100元时收取运费。", "Shipping is charged unless the order is at least 100 yuan.", "zh"),
    ("除非库存不少于10件，否则不发货。", "Orders ship only when at least 10 items are in stock.", "zh"),
])
def test_a_bound_an_unless_turns_round_is_no_reversed_bound(zh, en, source):
    """少于3人时取消 "cancelled unless at least 3": "unless" turns the condition, and with it
    the bound; the reversed-bound warning read "at least" alone."""
    assert [m for m in messages(check_negation, zh, en, source=source) if "bound" in m] == []


def test_a_bound_reversed_after_an_unless_of_another_clause_is_still_found():
    assert messages(check_negation, "干燥时间不少于6小时。", "Unless stated, use the defaults; drying takes less than 6 hours.") == [
        'the source sets a lower bound (“不少于”) and the target an upper one ("less than")']


def test_an_html_heading_is_no_half_and_a_hyphenated_half_is_one():
    """<h2> in a target is a heading's tag, not H2 "the second half"; "second-half results"
    names the half as "second half" does."""
    assert messages(check_number, "上半年总结", "<h2>Summary</h2>") == []
    assert messages(check_number, "上半年业绩", "Second-half results") == [
        "half of the year differs: 上半年 (first half) in the source, Second-half in the target"]
