"""Session 36: three readings of meaning the QA check had not made, found by errors planted in
session 35's documents of new genres — which of two limits holds (以先到者为准 "whichever comes
first"), a period of half a unit (每半小时 "every half hour"), a comparison by a figure
(比山下低8～10℃ "8–10 °C colder than at the foot"), and half said as full (半价 "full price")."""

import pytest

from glossary.qa.inputs import Pair
from glossary.qa.run import run_qa


def messages(zh, en, source="zh"):
    result = run_qa([Pair("1", zh, en, source=source)])
    return [f.message for f in result.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("zh, en", [
    ("首次保养在行驶5,000公里或6个月时进行，以先到者为准。",
     "The first service is due at 5,000 km or 6 months, whichever comes last."),
    ("赔偿金额以两者中较高者为准。", "Compensation shall be whichever amount is lower."),
    ("保险期间至保险金额用完或期满时终止，以较早发生者为准。",
     "Cover ends when the sum insured is used up or the term expires, whichever is later."),
])
def test_the_other_of_two_limits_is_a_finding(zh, en):
    assert any(m.startswith("which limit holds differs") for m in messages(zh, en))


@pytest.mark.parametrize("zh, en", [
    ("首次保养在行驶5,000公里或6个月时进行，以先到者为准。",
     "The first service is due at 5,000 km or 6 months, whichever comes first."),
    ("保修期为三年或10万公里，以先到者为准。", "The warranty runs for three years or 100,000 km, whichever occurs earlier."),
    ("赔偿金额以两者中较高者为准。", "Compensation shall be whichever of the two amounts is greater."),
    # 以后者为准 is "the latter prevails", not the later of two
    ("两个版本如有不一致，以后者为准。", "Where the two versions differ, the latter prevails, whichever is read first."),
])
def test_the_same_limit_is_no_finding(zh, en):
    assert not any(m.startswith("which limit holds differs") for m in messages(zh, en))


def test_the_limit_is_read_both_ways():
    found = messages("以先到者为准", "whichever comes last", source="en")
    assert found == ['which limit holds differs: "whichever comes last" in the source, “先到者为准” in the target']


@pytest.mark.parametrize("zh, en", [
    ("节假日期间每半小时加开一班旅游专线车。", "On public holidays an extra tourist bus runs every hour."),
    ("滤网每半年更换一次。", "Replace the filter every year."),
    ("每半个月检查一次。", "Check it every month."),
])
def test_half_a_period_said_as_a_whole_one_is_a_finding(zh, en):
    assert any(m.startswith("period differs: 每半") for m in messages(zh, en))


@pytest.mark.parametrize("zh, en", [
    ("节假日期间每半小时加开一班旅游专线车。", "On public holidays an extra tourist bus runs every half hour."),
    ("节假日期间每半小时加开一班旅游专线车。", "On public holidays an extra bus runs every half-hour."),
    ("节假日期间每半小时加开一班旅游专线车。", "On public holidays an extra bus runs half-hourly."),
    ("节假日期间每半小时加开一班旅游专线车。", "On public holidays an extra bus runs twice an hour."),
    ("节假日期间每半小时加开一班旅游专线车。", "On public holidays an extra bus runs every 30 minutes."),
    ("滤网每半年更换一次。", "Replace the filter every six months."),
    ("滤网每半年更换一次。", "Replace the filter twice a year."),
    ("滤网每半年更换一次。", "Replace the filter semi-annually."),
    ("每半个月检查一次。", "Check it every two weeks."),
    ("每半个月检查一次。", "Check it fortnightly."),
])
def test_half_a_period_said_otherwise_is_no_finding(zh, en):
    assert not any(m.startswith("period differs") for m in messages(zh, en))


@pytest.mark.parametrize("zh, en", [
    ("山顶气温比山下低8～10℃，请备好保暖衣物。",
     "It is 8–10°C warmer at the summit than at the foot of the mountain, so bring warm clothing."),
    ("今年招生人数比去年多300人。", "This year's intake is 300 fewer than last year's."),
    ("新工艺比原工艺缩短2天。", "The new process takes two days longer than the old one."),
])
def test_a_comparison_turned_round_is_a_finding(zh, en):
    assert any(m.startswith("the source compares") for m in messages(zh, en))


@pytest.mark.parametrize("zh, en", [
    ("山顶气温比山下低8～10℃，请备好保暖衣物。",
     "It is 8–10°C colder at the summit than at the foot of the mountain, so bring warm clothing."),
    ("城镇化率为85.49%，比上年末提高0.38个百分点。",
     "The urbanisation rate was 85.49%, 0.38 percentage points higher than at the end of last year."),
    # 比例 is "ratio", no comparison; a target that compares nothing by a figure is left alone
    ("女性比例低于30%。", "Women are fewer than 30 per cent."),
    ("山顶气温比山下低8～10℃。", "The summit is 8–10°C below the foot of the mountain."),
])
def test_a_comparison_kept_is_no_finding(zh, en):
    assert not any(m.startswith("the source compares") for m in messages(zh, en))


def test_half_said_as_full_is_a_finding():
    zh = "门票价格：成人票120元/人，学生凭有效证件享受半价优惠。"
    assert any(m.startswith("the target says the opposite: 半价 (half)")
               for m in messages(zh, "Admission: RMB 120 per adult; students with valid ID pay full price."))
    assert messages(zh, "Admission: RMB 120 per adult; students with valid ID pay half price.") == []
