"""Session 29: QA findings a reviewer would call false alarms.  Sentences written for the tests."""

import pytest

from glossary.qa.checks import Pair, check_negation


def messages(check, zh, en, source="zh"):
    return [f.message for f in check(Pair("1", zh, en, source=source))]


@pytest.mark.parametrize("zh, en", [
    ("该产品尚未上市。", "The product is yet to be launched."),
    ("该药品尚未获批。", "The drug has yet to be approved."),
    ("问题仍未解决。", "The problem remains to be solved."),
])
def test_not_yet_written_as_yet_to_or_remains_to_be_is_a_negation(zh, en):
    """尚未/仍未 "not yet": English says it as "is yet to", "has yet to", "remains to be"."""
    assert messages(check_negation, zh, en) == []


def test_a_dropped_not_yet_is_still_found():
    assert messages(check_negation, "该产品尚未上市。", "The product has been launched.") == [
        'the source says no (“尚未”) and the target has no negation']


def test_h2_beside_hydrogen_is_no_half_of_the_year():
    from glossary.qa.checks import check_number
    assert messages(check_number, "上半年，公司氢气产量增长20%。",
                    "In the first six months, the company's H2 output grew by 20%.") == []
    assert messages(check_number, "上半年，公司营收增长20%。", "In H2, the company's revenue grew by 20%.") == [
        "half of the year differs: 上半年 (first half) in the source, H2 in the target"]
