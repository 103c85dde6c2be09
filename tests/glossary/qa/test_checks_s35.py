"""Session 35: a rate written with the year's or the day's symbol as its denominator (吨/年
"t/a", 立方米/天 "m³/d") is the source's rate, not a unit lost; a rate whose "per" the target
really drops or changes is still a finding.  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_number


def messages(zh, en, source="zh"):
    return [f.message for f in check_number(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("扩建后年处理污泥1200吨/年。", "After the expansion it will treat 1,200 t/a of sludge."),
    ("二氧化硫排放量削减35吨/年和12吨/年。", "SO2 emissions fall by 35 t/a and 12 t/a."),
    ("设计规模为5000立方米/天。", "The design capacity is 5,000 m³/d."),
    ("年产能为30万吨/年。", "Capacity is 300,000 t per annum."),
])
def test_a_rate_per_year_or_day_by_its_symbol_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("设计规模为5000立方米/天。", "The design capacity is 5,000 m³/h."),      # per hour: another rate
    ("排放量削减35吨/年。", "Emissions fall by 35 t."),                          # the "per" dropped
])
def test_a_rate_changed_or_dropped_is_still_found(zh, en):
    assert any("unit differs" in m for m in messages(zh, en))


def test_tenths_more_than_normal_are_a_percentage():
    assert messages("年降水量为598毫米，较常年偏多一成。", "Precipitation was 598 mm, 10% above normal.") == []
    assert any("differ" in m or "missing" in m or "extra" in m
               for m in messages("年降水量较常年偏多一成。", "Precipitation was 20% above normal."))


def test_a_yes_no_question_rendered_without_a_negation_is_no_finding():
    from glossary.qa.checks import check_negation
    assert check_negation(Pair("1", "他问道：“你能不能明天来？”", "He asked: 'Can you come tomorrow?'")) == []
    assert check_negation(Pair("1", "您有没有考虑过捐赠？", "Have you considered donating?")) == []
    assert check_negation(Pair("1", "本品不能冷冻。", "This product can be frozen."))       # still found


@pytest.mark.parametrize("zh, en", [
    ("1.2米（含）以下儿童免票。", "Children 1.2 m tall or under are admitted free."),
    ("合同金额3万元（不含）以上的，须招标。", "Contracts worth more than RMB 30,000 must be tendered."),
    ("连续工作满10年（含本数）的员工。", "Employees with 10 or more years of continuous service."),
])
def test_a_bounds_inclusion_in_brackets_is_no_lost_bracket(zh, en):
    from glossary.qa.checks import check_brackets
    assert check_brackets(Pair("1", zh, en)) == []


def test_a_bracketed_tax_note_is_still_a_lost_bracket():
    from glossary.qa.checks import check_brackets
    assert check_brackets(Pair("1", "合同金额（含税）为3万元。", "The contract is worth RMB 30,000."))


@pytest.mark.parametrize("zh, en", [
    # a negation rendered by a contrast, an absence, or a prefix on a word later in its phrase
    ("建议创建子账号，不要使用主账号的访问密钥调用API。",
     "Create a sub-account rather than calling the API with the access key of your root account."),
    ("内网流量不收取费用。", "Internal traffic is free of charge."),
    ("可将非主体结构的部分工程分包。", "Parts of the works other than the main structure may be subcontracted."),
    ("锂离子电池具有无记忆效应等特点。", "Lithium-ion batteries feature the absence of memory effect."),
    ("由于铝不具有电化学活性，放电比容量略有降低。", "Because Al is electrochemically inactive, the capacity falls slightly."),
])
def test_a_negation_said_another_way_is_no_finding(zh, en):
    from glossary.qa.checks import check_negation
    assert check_negation(Pair("1", zh, en)) == []


def test_a_negation_dropped_beside_them_is_still_found():
    from glossary.qa.checks import check_negation
    assert check_negation(Pair("1", "由于铝具有电化学活性，放电比容量不会降低。",
                               "Because Al is electrochemically active, the capacity falls."))


def test_a_range_of_degrees_and_a_symbols_coefficient_are_no_number_findings():
    zh = "扫描范围为10°～80°，并利用Rietveld精修计算晶格参数。"
    en = "Scans covered a 2θ range of 10°–80°, and the lattice parameters were refined by the Rietveld method."
    assert messages(zh, en) == []
    # a real minus after a Chinese word is still read: 为-5℃ "5°C"
    assert any("sign" in m for m in messages("最低气温为-5℃。", "The lowest temperature was 5°C."))


@pytest.mark.parametrize("zh, en", [
    ("诊断：慢性心力衰竭，NYHA心功能III级；高血压病3级。", "Diagnoses: chronic heart failure, NYHA class III; grade 3 hypertension."),
    ("心功能III级。", "NYHA III heart failure."),          # copied after no word the English reader knows
    ("I类医疗器械", "Class I medical devices"),
])
def test_a_roman_numeral_of_a_class_matches(zh, en):
    assert messages(zh, en) == []


def test_a_roman_numeral_of_a_class_that_differs_is_found():
    assert messages("II期临床试验显示", "A phase III trial showed")


@pytest.mark.parametrize("zh, en", [
    ("异丙醇经口半数致死量（LD50）为5045 mg/kg。", "Isopropanol: oral LD50 5045 mg/kg."),
    ("采用图形处理器（GPU）加速。", "Acceleration uses GPUs."),
    ("发展人工智能（AI）产业。", "Develop the AI industry."),
])
def test_an_acronym_the_target_uses_as_the_term_is_no_lost_bracket(zh, en):
    from glossary.qa.checks import check_brackets
    assert check_brackets(Pair("1", zh, en)) == []


@pytest.mark.parametrize("en", ["Develop the artificial intelligence AI industry.",
                                "Develop the artificial intelligence industry."])
def test_an_acronym_beside_the_term_rendered_still_lost_its_brackets(en):
    from glossary.qa.checks import check_brackets
    assert check_brackets(Pair("1", "发展人工智能（AI）产业。", en))


def test_a_speed_in_miles_an_hour_for_kilometres_is_a_unit_changed():
    assert any("unit differs" in m for m in messages("拖车时，车速不得超过30 km/h。", "When towing, do not exceed 30 mph."))
    assert messages("拖车时，车速不得超过30 km/h。", "When towing, do not exceed 30 km/h.") == []


@pytest.mark.parametrize("zh, en", [
    ("满载时，前后轮胎压均应增加20 kPa。", "When fully loaded, lower both tyre pressures by 20 kPa."),
    ("价格降低5%。", "Prices were raised by 5%."),
])
def test_raise_and_lower_turned_round_are_found(zh, en):
    from glossary.qa.checks import check_negation
    assert check_negation(Pair("1", zh, en))


def test_raise_and_lower_kept_are_no_finding():
    from glossary.qa.checks import check_negation
    assert check_negation(Pair("1", "满载时，前后轮胎压均应增加20 kPa。", "When fully loaded, raise both tyre pressures by 20 kPa.")) == []
    assert check_negation(Pair("1", "成本降低了12%。", "Costs were cut by 12%.")) == []


@pytest.mark.parametrize("zh, en", [
    ("雨刮器刮片建议每年更换一次。", "Replace the wiper blades every two years."),
    ("每天服用一片。", "Take one tablet every other day."),
    ("每月检查一次。", "Check it every three months."),
])
def test_a_period_of_several_units_for_one_is_found(zh, en):
    assert any("period differs" in m for m in messages(zh, en))


@pytest.mark.parametrize("zh, en", [
    ("雨刮器刮片建议每年更换一次。", "Replace the wiper blades once a year."),
    ("每年检查两次。", "Check it every six months."),       # another unit: may say the same
    ("每2年检查一次。", "Check it every 2 years."),
])
def test_a_period_said_alike_is_no_finding(zh, en):
    assert messages(zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("全年居民消费价格比上年上涨1.8%，其中食品价格上涨2.1%。", "Consumer prices fell 1.8%; food prices rose 2.1%."),
    ("营业收入同比增长12.36%；净利润同比下降3.05%。", "Revenue was up 12.36% and net profit up 3.05%."),
])
def test_a_change_turned_round_beside_others_is_found_by_its_figure(zh, en):
    from glossary.qa.checks import check_negation
    assert any("reports a" in f.message for f in check_negation(Pair("1", zh, en)))


@pytest.mark.parametrize("zh, en", [
    ("营业收入同比增长12.36%；净利润同比下降3.05%。", "Net profit fell 3.05% while revenue rose 12.36%."),
    ("出口增长6.5%，进口下降5.2%。", "Imports fell 5.2% and exports rose 6.5%."),
])
def test_changes_both_ways_reordered_are_no_finding(zh, en):
    from glossary.qa.checks import check_negation
    assert check_negation(Pair("1", zh, en)) == []


def test_a_bound_turned_round_beside_another_is_found_by_its_figure():
    from glossary.qa.checks import check_negation
    zh = "嘱低盐饮食，每日钠摄入不超过2 g，每日液体入量控制在1.5 L以内。"
    assert check_negation(Pair("1", zh, "A low-salt diet: at least 2 g of sodium and under 1.5 L of fluid a day."))
    assert check_negation(Pair("1", zh, "A low-salt diet: no more than 2 g of sodium and under 1.5 L of fluid a day.")) == []


@pytest.mark.parametrize("zh, en, found", [
    ("改为口服呋塞米20 mg，每日1次。", "Switched to oral furosemide 20 mg twice daily.", True),
    ("每日2次。", "Three times a day.", True),
    ("每日1次。", "Once daily.", False),
    ("每日3次。", "Three times a day.", False),
])
def test_a_frequency_that_differs_is_found(zh, en, found):
    assert bool(messages(zh, en)) == found


@pytest.mark.parametrize("zh, en, found", [
    ("请提前一天通过官方平台预约。", "Please book two days in advance.", True),
    ("保修一年。", "A two-year warranty.", True),
    ("请提前一天通过官方平台预约。", "Please book a day in advance.", False),
    ("保修一年，另送两年延保。", "A one-year warranty plus two years of extended cover.", False),
    ("静置半小时。", "Let it stand for 30 minutes.", False),
])
def test_one_unit_of_time_said_as_several(zh, en, found):
    assert any("differs" in m for m in messages(zh, en)) == found


def test_a_period_in_digits_is_the_number_checks_and_a_dose_in_micrograms_is_a_number():
    assert not any("period" in m for m in messages("每天服用。", "Take it every 2 days."))
    assert any("50" in m for m in messages("剂量为50微克。", "The dose is 5μg."))
