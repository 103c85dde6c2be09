"""Session 29: QA on documents of six more genres (a municipal regulation, a drug leaflet, a
medical abstract, a bond's coupon-rate notice, a concrete construction code, a hotel's guest
information translated from English).  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_negation, check_number


def messages(check, zh, en, source="zh"):
    return [f.message for f in check(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en, source, message", [
    ("亚组分析显示，该关联在年龄≥65岁的患者中更为显著。",
     "Subgroup analysis showed that the association was more pronounced in patients aged <65 years.",
     "zh", 'the source sets a lower bound (“≥”) and the target an upper one ("<")'),
    ("混凝土试件应在相对湿度95%以上的条件下养护。",
     "Concrete specimens shall be cured at a relative humidity below 95%.",
     "zh", 'the source sets a lower bound (“以上”) and the target an upper one ("below")'),
    ("12岁以上儿童使用现有床铺可免费入住。",
     "Children under 12 years of age stay free of charge when using existing bedding.",
     "en", 'the source sets an upper bound ("under") and the target a lower one (“以上”)'),
    ("申请人年龄应在18周岁以下。", "Applicants shall be aged 18 or over.",
     "zh", 'the source sets an upper bound (“以下”) and the target a lower one ("or over")'),
])
def test_a_bound_written_after_its_number_or_as_a_sign_is_compared(zh, en, source, message):
    """An abstract's 年龄≥65岁 "aged <65", a standard's 相对湿度95%以上 "below 95%", a hotel's
    "under 12" 12岁以上: a bound that follows its number (以上, 以下, "or over") was read only
    when another number followed it in the clause, a sign (≥ <) and "below"/"under"/"above"/
    "over" before a number not at all, so the reversed bound passed."""
    assert messages(check_negation, zh, en, source=source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("用于解热连续使用不得超过3天，用于止痛不得超过5天。",
     "It should not be used for more than 3 consecutive days for fever or more than 5 days for pain."),
    ("用于解热连续使用不得超过3天，用于止痛不得超过5天。",
     "Do not use it for more than 3 days for fever, or more than 5 days for pain."),
    ("12岁以下儿童禁用。", "Do not use in children under 12 years."),
    ("6个月以下婴儿不推荐使用。", "Not recommended for infants under 6 months."),
    ("当室外日平均气温连续5日低于5℃时，应采取冬期施工措施。",
     "Winter measures shall be taken when the average daily temperature is below 5°C for 5 consecutive days."),
    ("每日步数≥8 000步的患者风险较低（P<0.05）。", "Patients taking ≥8,000 steps a day had a lower risk (P < 0.05)."),
    ("根据合同，5日内付款。", "Under the contract, payment is due within 5 days."),
])
def test_a_bound_under_a_negation_or_kept_is_no_finding(zh, en):
    """A leaflet's 不得超过3天 "should not be used for more than 3 days" is an upper bound said
    with a negated verb; "more than" alone (and "or more", read before its "than") is a lower
    one, which made the right translation a reversed bound.  A comparative under a negator of
    its clause is now no bound the check compares ("do not use in children under 12" names
    an upper bound of the children, not of the use)."""
    assert messages(check_negation, zh, en) == []


@pytest.mark.parametrize("zh, en, said", [
    ("活动性消化道溃疡患者禁用。", "Patients with active peptic ulcer should use it with caution.", "禁用"),
    ("孕妇忌用。", "Pregnant women should use it with caution.", "忌用"),
])
def test_a_contraindication_made_a_caution_is_found(zh, en, said):
    """A leaflet's 禁用 "contraindicated" (must not be used) rendered as 慎用's "use with
    caution": 禁 was read as a negation only in 禁止 and 严禁, so the contraindication passed."""
    assert messages(check_negation, zh, en) == [f"the source says no (“{said}”) and the target has no negation"]


@pytest.mark.parametrize("zh, en, source", [
    ("活动性消化道溃疡患者禁用。", "Contraindicated in patients with active peptic ulcer.", "zh"),
    ("禁用此功能。", "Disable this feature.", "zh"),
    ("已禁用", "Disabled", "zh"),
    ("除导盲犬外，谢绝携带宠物入住。", "Pets are not allowed, with the exception of guide dogs.", "en"),
    ("施工现场杜绝明火作业。", "No open flames are permitted on the construction site.", "en"),
])
def test_a_prohibition_said_with_another_word_is_no_finding(zh, en, source):
    """"Contraindicated" and "disable" say 禁用's no; a hotel's 谢绝 "decline" and a site's 杜绝
    "put an end to" say the English "not"/"no" (谢绝携带宠物 was a dropped negation)."""
    assert messages(check_negation, zh, en, source=source) == []


@pytest.mark.parametrize("zh, en, source, message", [
    ("混凝土坍落度的允许偏差为±20 mm。", "The permissible deviation of the slump is 20 mm.",
     "zh", "± missing: ±20 in the source, no ± in the target"),
    ("误差不超过正负0.5秒。", "The error is within 0.5 s.", "zh", "± missing: 正负0.5 in the source, no ± in the target"),
    ("温度为20℃，偏差2℃。", "The temperature is 20 °C ± 2 °C.", "zh", "extra ± in the target: ± 2"),
    ("公差为0.1 mm。", "The tolerance is ±0.1 mm.", "en", "± missing: ±0.1 in the source, no ± in the target"),
])
def test_a_tolerance_sign_dropped_or_added_is_found(zh, en, source, message):
    """A construction code's 允许偏差为±20 mm "is 20 mm": the number is right, so the
    comparison of values said nothing, and a deviation either way became a value."""
    assert messages(check_number, zh, en, source=source) == [message]


@pytest.mark.parametrize("zh, en", [
    ("允许偏差为±20 mm。", "The permissible deviation is plus or minus 20 mm."),
    ("允许偏差为±20 mm。", "The permissible deviation is +/- 20 mm."),
    ("标准养护条件（温度20℃±2℃）", "standard curing conditions (temperature 20 °C ± 2 °C)"),
    ("电压波动范围为正负10%。", "The voltage may vary by ±10%."),
])
def test_a_tolerance_kept_in_any_spelling_is_no_finding(zh, en):
    assert messages(check_number, zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("中位随访4.6年（四分位距3.8～5.3年）。", "During a median follow-up of 4.6 years (interquartile range 3.8–5.3 years)."),
    ("按家庭收入四分位数分组。", "Patients were grouped by quartiles of household income."),
    ("最高五分位组的风险最低。", "The risk was lowest in the highest quintile."),
])
def test_a_quantile_states_its_numeral(zh, en):
    """An abstract's 四分位距 "interquartile range": the 四 is the "quart" of the quantile's
    name, as the 三 of 三元 is the "tern" of "ternary"; it was a missing number."""
    assert messages(check_number, zh, en) == []


def test_a_quantile_of_another_number_is_still_found():
    assert messages(check_number, "按收入五分位数分组。", "Grouped by income quartiles.") == ["number missing: 五 (5)"]


@pytest.mark.parametrize("zh, en, source, message", [
    ("公共管理和服务机构应当在每年3月31日前报送本年度公共数据开放清单。",
     "Public administration and service agencies may submit their lists for the year before March 31 each year.",
     "zh", 'the source obliges (“应当”) and the target only permits ("may")'),
    ("模板及支架应具有足够的承载力、刚度和稳定性。",
     "Formwork and its supports may have sufficient load-bearing capacity, stiffness and stability.",
     "zh", 'the source obliges (“应”) and the target only permits ("may")'),
    ("不能按期答复的，经本机构负责人批准，可以延长5个工作日。",
     "Where no reply is made in time, the period shall be extended by 5 working days with the approval of the head.",
     "zh", 'the source permits (“可以”) and the target obliges ("shall")'),
    ("租户可以提前30天通知。", "Tenants must give 30 days' notice.",
     "en", 'the source obliges ("must") and the target only permits (“可以”)'),
])
def test_a_duty_made_a_permission_or_a_permission_a_duty_is_found(zh, en, source, message):
    """A regulation's 应当报送 "may submit": the rule is turned round with no word or number
    wrong, and nothing compared the modal verbs of legal and standard texts (应当/应 shall,
    可以/可 may, fixed for standards by GB/T 1.1)."""
    assert messages(check_negation, zh, en, source=source) == [message]


@pytest.mark.parametrize("zh, en, source", [
    ("应当在每年3月31日前报送清单。", "The lists shall be submitted before March 31 each year.", "zh"),
    ("应当在每年3月31日前报送清单。", "Agencies are required to submit the lists before March 31.", "zh"),
    ("钢筋调直宜采用机械方法，也可采用冷拉方法。",
     "Bars should preferably be straightened mechanically; cold drawing may also be used.", "zh"),
    ("经批准，可以延长5个工作日。", "With approval, the period may be extended by 5 working days.", "zh"),
    ("发行人有权决定是否调整票面利率。", "The issuer shall have the right to decide whether to adjust the coupon rate.", "zh"),
    ("相应的数据可以公开。", "The corresponding data may be disclosed.", "zh"),
    ("不应低于5℃。", "It may not be lower than 5 °C.", "zh"),
    ("The figure shows how the test can be expressed.", "该图展示了测试应该如何表达。", "en"),
])
def test_the_same_force_or_a_force_said_otherwise_is_no_finding(zh, en, source):
    """"Shall have the right to" keeps 有权's permission; "can" is as often ability as leave;
    相应 "corresponding" holds no 应; 不应 is a prohibition, the negation's."""
    if source == "en":
        zh, en = en, zh
    assert messages(check_negation, zh, en, source=source) == []


@pytest.mark.parametrize("zh, en, message", [
    ("经本机构负责人批准，可以延长5个工作日。", "With the approval of the head, the period may be extended by 5 days.",
     "unit differs: 5 working day in the source, 5 day in the target"),
    ("应当在10天内付款。", "Payment shall be made within 10 business days.",
     "unit differs: 10 day in the source, 10 working day in the target"),
])
def test_working_days_made_days_is_a_changed_unit(zh, en, message):
    """A regulation's 5个工作日 "5 days": a week of working days is not five days, and the
    table of units had no working day (the English names of two words could not be written)."""
    assert messages(check_number, zh, en) == [message]


@pytest.mark.parametrize("zh, en", [
    ("应当自收到申请之日起10个工作日内作出答复。", "A reply shall be made within 10 working days of receipt."),
    ("应当自收到申请之日起10个工作日内作出答复。", "A reply shall be made within 10 business days of receipt."),
    ("应当在10个自然日内付款。", "Payment shall be made within 10 calendar days."),
    ("应当在10个自然日内付款。", "Payment shall be made within 10 days."),
])
def test_working_or_calendar_days_kept_are_no_finding(zh, en):
    assert messages(check_number, zh, en) == []


@pytest.mark.parametrize("zh, en", [
    ("本期债券发行规模不超过人民币15亿元（含15亿元），期限为5年期。",
     "The issue size of the Bonds is not more than RMB1.5 billion (inclusive), with a term of 5 years."),
    ("申请人应具有3年以上（含3年）相关工作经验。", "Applicants shall have at least 3 years of relevant experience, inclusive."),
])
def test_a_bound_restated_in_a_bracket_of_han_is_said_by_inclusive(zh, en):
    """A bond notice's 不超过15亿元（含15亿元） "up to RMB1.5 billion (inclusive)": the bracket
    restates the bound to say it is included, which the English says in one word; the second
    15亿 was a missing number."""
    assert messages(check_number, zh, en) == []


def test_a_restated_bound_with_no_inclusive_or_a_wrong_number_is_still_found():
    assert messages(check_number, "不超过人民币15亿元（含15亿元）。", "not more than RMB1.5 billion.") == \
        ["number missing: 15亿 (1,500,000,000)"]
    assert messages(check_number, "不超过人民币15亿元（含15亿元）。", "not more than RMB15 billion (inclusive).") == \
        ["number differs: 15亿 (1,500,000,000) in the source, 15 billion (15,000,000,000) in the target"]


@pytest.mark.parametrize("zh, en", [
    ("抗压强度不低于30 MPa，按GB 50081试验。", "The compressive strength is 30 MPa, tested under GB 50081."),
    ("投资不少于5亿元，分三个项目实施。", "RMB500 million will be invested under the 3 programmes."),
])
def test_a_word_before_a_code_or_a_determiner_is_no_bound(zh, en):
    """"under GB 50107" names a standard, "over all 3 sites" a range: the letters before the
    number were read as a currency's code (up to RMB 300) in any case, GB and "all" too."""
    assert messages(check_negation, zh, en) == []
