"""Chinese language data: numerals, width forms, character classes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tm.text.zh import is_cjk, parse_zh_numeral, to_fullwidth, to_halfwidth

NUMERALS = [
    ("二〇二七", 2027),
    ("二零二五", 2025),
    ("十五", 15),
    ("十", 10),
    ("两", 2),
    ("零", 0),
    ("一百", 100),
    ("一百一十", 110),
    ("三百五十万", 3_500_000),
    ("一千零二", 1002),
    ("两千零二十五", 2025),
    ("三百五", 350),
    ("一万二", 12_000),
    ("十万", 100_000),
    ("一万亿", 10**12),
    ("三亿五千万", 350_000_000),
    ("壹佰贰拾叁", 123),
    ("1000亿", 10**11),
    ("１０００亿", 10**11),
    ("1,000亿", 10**11),
    ("2.5万", 25_000),
    ("1.2亿", 120_000_000),
    ("5千万", 50_000_000),
    ("三点五", 3.5),
    ("百分之三十", 30),
    ("百分之2.5", 2.5),
]


@pytest.mark.parametrize("text,value", NUMERALS)
def test_parse_zh_numeral(text, value):
    assert parse_zh_numeral(text) == value


@pytest.mark.parametrize("text", ["", "第", "百分之", "一点", "三三百", "十百", "十一五", "abc", "二十三十"])
def test_parse_zh_numeral_rejects(text):
    with pytest.raises(ValueError):
        parse_zh_numeral(text)


DIGITS = "零一二三四五六七八九"


def write_zh(n: int) -> str:
    """A reference writer for integers below 10**12 (written independently of the parser)."""
    if n == 0:
        return "零"

    def below_10000(k: int, zero_first: bool) -> str:
        out, pending = "", zero_first
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // value % 10
            if d == 0:
                pending = pending or bool(out)
                continue
            if pending:
                out += "零"
            pending = False
            out += DIGITS[d] + unit
        return out

    parts, started, gap = [], False, False
    for value, unit in ((10**8, "亿"), (10**4, "万"), (1, "")):
        group = n // value % 10**4
        if not group:
            gap = gap or started
            continue
        parts.append(below_10000(group, started and (gap or group < 1000)) + unit)
        started, gap = True, False
    return "".join(parts)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_parse_inverts_a_reference_writer(n):
    assert parse_zh_numeral(write_zh(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_digit_by_digit_reading(n):
    text = "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    assert parse_zh_numeral(text) == n


@pytest.mark.parametrize("ch,expected", [
    ("中", True), ("〇", True), ("𠀀", True), ("𰀀", True), ("㐀", True), ("豈", True),
    ("a", False), ("。", False), ("１", False), ("ア", False), ("한", False), (" ", False),
])
def test_is_cjk(ch, expected):
    assert is_cjk(ch) is expected


def test_width_forms():
    assert to_halfwidth("１．支持Ａｉ（ＧＰＵ）：１００％，ｏｋ；\u3000") == "1.支持Ai(GPU):100%,ok; "
    assert to_fullwidth("1.(A)") == "１．（Ａ）"


@given(st.text())
def test_width_mapping_preserves_length_and_round_trips_ascii(text):
    half = to_halfwidth(text)
    assert len(half) == len(text)
    printable = "".join(ch for ch in half if "!" <= ch <= "~")
    assert to_halfwidth(to_fullwidth(printable)) == printable


@given(st.text(alphabet=st.sampled_from("，．：；（）ＡＢａ０９\u3000\uff5e\uff01\uff5f\u3001。人a ,")))
def test_width_forms_replaced_everywhere_as_one_table_would(text):
    """to_halfwidth replaces each full-width form it finds with str.replace: the result is that
    of looking up every character."""
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
    assert to_halfwidth(text) == text.translate(table)
