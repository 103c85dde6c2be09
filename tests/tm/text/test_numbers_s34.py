"""Session 34: tenths written as 成 after a word of change (增长三成 "up 30%") are a percentage, as
after a word of quantity (近三成) they were; a 成 of another word is none."""

import pytest

from tm import extract_numbers


@pytest.mark.parametrize("text, found", [
    ("销量增长三成。", [("三成", 30, "percent")]),
    ("成本降低两成", [("两成", 20, "percent")]),
    ("价格上涨一成", [("一成", 10, "percent")]),
    ("约七成企业已上云。", [("七成", 70, "percent")]),
    ("高三成绩优异", [("三", 3, "number")]),       # 高三 "senior year three", 成绩 "results"
])
def test_tenths_after_a_word_of_change(text, found):
    assert [(n.text, n.value, n.kind) for n in extract_numbers(text, "zh")] == found
