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
