"""Session 35: a compound unit's denominator written as the year's symbol "a" or the day's
"d" (520 t/a, 500 m³/d), as engineering and environmental reports write rates, is read; the
same letters alone after a number are no unit (2 a.m.)."""

import pytest

from tm import extract_numbers, unit_after


@pytest.mark.parametrize("text, unit", [
    ("cut by 520 t/a", ("time", "year")),
    ("cut by 520 t/a.", ("time", "year")),          # the sentence's full stop after it
    ("3 t per annum", ("time", "year")),
    ("treats 500 m³/d of sewage", ("time", "day")),
    ("5 mg/kg", ("mass", "kg")),                     # a unit of the table, as before
    ("4 t/ab", None),                                # no symbol: a word goes on
    ("4 t/a.m.", None),
])
def test_time_symbols_as_a_denominator(text, unit):
    end = next(i for i, ch in enumerate(text) if ch.isdigit())
    while end < len(text) and text[end].isdigit():
        end += 1
    assert unit_after(text, end, "en", denominator=True) == unit


def test_the_symbols_alone_are_no_unit():
    assert unit_after("at 2 a.m.", 4, "en") is None
    assert unit_after("within 5 d", 8, "en") is None


@pytest.mark.parametrize("text, found", [
    ("降水量较常年偏多一成。", [("一成", 10, "percent")]),     # a comparison's "more by": tenths
    ("比上年多三成", [("三成", 30, "percent")]),
    ("许多成果", []),
])
def test_tenths_after_more(text, found):
    assert [(n.text, n.value, n.kind) for n in extract_numbers(text, "zh")] == found


def test_bracketed_numbers_joined_by_a_slash_are_no_list_marker():
    found = extract_numbers("(006)/(012)和(018)/(110)两对衍射峰分裂明显", "zh")
    assert [n.text for n in found] == ["006", "012", "018", "110", "两"]
    assert extract_numbers("(1)本条自公布之日起施行。", "zh") == []       # a list's (1) still is one


@pytest.mark.parametrize("text, found", [
    ("NYHA心功能III级；高血压病3级", [("III", 3, "ordinal"), ("3", 3, "number")]),
    ("II期临床试验", [("II", 2, "ordinal")]),
    ("第IV卷", [("IV", 4, "ordinal")]),
    ("CVI期", []),                   # inside a Latin word
    ("MIX级", []),
])
def test_a_roman_numeral_in_latin_capitals_numbering_a_class_in_chinese(text, found):
    assert [(n.text, n.value, n.kind) for n in extract_numbers(text, "zh")] == found
