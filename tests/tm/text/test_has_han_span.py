"""has_han looks for an ideograph only from the first character inside the span of the
ideograph ranges (a faster one-range search first): the same answer as is_cjk over every
code point, and over mixed text (placeholders of inline codes, typographic punctuation)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tm.text.zh import _CJK_RANGES, has_han, is_cjk


def test_every_code_point_alone_and_after_others():
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        assert has_han(ch) == is_cjk(ch), hex(cp)
    # a character inside the span but not an ideograph, then an ideograph further on
    for lo, hi in _CJK_RANGES:
        for gap in (lo - 1, hi + 1):
            text = f"x{chr(gap)}\U00100001 y"
            assert has_han(text) == is_cjk(chr(gap))
            assert has_han(text + chr(lo)) and has_han(text + chr(hi))


PIECES = st.sampled_from(["a", " ", "’", "—", "\U00100003", "\U0010fffd", "（", "、", "〆", "〇", "中",
                          "\u33ff", "\u3400", "\u4dc0", "\ufb00", "\U0002a6e0", "\U000323b0", "\U00030000",
                          "é", "ア", "한"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_mixed_text_as_any_character(text):
    assert has_han(text) == any(is_cjk(ch) for ch in text)
