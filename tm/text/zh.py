"""Chinese language data in one place: punctuation classes, width forms, numerals.

Used by the segmenter (sentence-final punctuation, brackets), the number
extractor and the aligner. Pure data and small pure functions; no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# --- punctuation -------------------------------------------------------------

#: Full-width sentence-final marks (。 and the ideographic half-width ｡ too).
FULL_STOPS = "。！？｡"
#: Half-width marks that end a Chinese sentence when they follow Chinese text.
HALF_STOPS = "!?"
#: Ellipsis characters; a run of them (…… or ⋯⋯) may end a sentence.
ELLIPSES = "…⋯"
#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "”’）》」』】〕〗〉］｝)]}\"'"
#: Opening quotes and brackets.
OPENERS = "“‘（《「『【〔〖〈［｛([{"
#: Matching pairs, opener -> closer.
PAIRS = dict(zip("“‘（《「『【〔〖〈［｛([{", "”’）》」』】〕〗〉］｝)]}"))
#: Punctuation after which a sentence does not end even if a stop-like mark precedes.
CLAUSE_MARKS = "，,、；;：:"
#: Corner quotes (Taiwan, Hong Kong: 「」, and 『』 inside them) as the curly quotes of
#: mainland usage (“”, ‘’), one character for one.
_CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")


def curly_quotes(text: str) -> str:
    """``text`` with corner quotes written as curly ones (「數據」 -> “數據”), the same length,
    so rules that read quoted names read both usages alike."""
    return text.translate(_CORNER_QUOTES) if "「" in text or "『" in text else text

# --- width forms -------------------------------------------------------------

_FULL_TO_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20  # ideographic space
_HALF_TO_FULL = {v: k for k, v in _FULL_TO_HALF.items()}


_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")

#: Subscript and superscript digits as digits, one character for one, so spans stay (CO₂ is
#: CO2, m² is m2): for ``str.translate``.
SCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹", "01234567890123456789")


def to_halfwidth(text: str) -> str:
    """Map full-width ASCII forms (０-９ Ａ-Ｚ ａ-ｚ ，．：；（） and U+3000) to ASCII.

    The mapping is one character to one character, so offsets are preserved. Each
    full-width form the text holds is replaced everywhere at once (``str.replace``):
    Chinese text holds few distinct ones (，：；（）), and ``str.translate`` looks up
    every character of the text (ten times slower on the candidates a match scores).
    """
    found = _FULLWIDTH.search(text)
    while found:
        ch = found.group()
        text = text.replace(ch, chr(_FULL_TO_HALF[ord(ch)]))
        found = _FULLWIDTH.search(text, found.start())
    return text


def to_fullwidth(text: str) -> str:
    """The inverse of :func:`to_halfwidth` for printable ASCII and space."""
    return text.translate(_HALF_TO_FULL)


# --- characters --------------------------------------------------------------

_CJK_RANGES = (
    (0x3007, 0x3007),    # 〇 ideographic number zero
    (0x3400, 0x4DBF),    # Extension A
    (0x4E00, 0x9FFF),    # Unified Ideographs
    (0xF900, 0xFAFF),    # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2EBEF),  # Extensions C, D, E, F
    (0x2EBF0, 0x2EE5F),  # Extension I
    (0x2F800, 0x2FA1F),  # Compatibility Supplement
    (0x30000, 0x323AF),  # Extensions G, H
)


#: The ideographs of :data:`_CJK_RANGES` as the inside of a regular-expression character
#: class, for patterns that need them: ``re.compile(f"[{HAN}]+")``.
HAN = "".join(chr(lo) if lo == hi else f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES)
_han_re: re.Pattern | None = None   # compiled at first use: 2-3 ms a one-shot command may not need
# A character from the first ideograph to the last (one range: a few ns a character, where the
# ranges of HAN cost 30-50): no such character, no ideograph; the ideograph search starts at
# the first one. English with typographic quotes, dashes or inline-code placeholders (plane 16)
# has none: it is answered without the slower class (3-5 us -> under 1 us a sentence).
_span_re: re.Pattern | None = None


def has_han(text: str) -> bool:
    """True if ``text`` contains a CJK ideograph (see :func:`is_cjk`)."""
    global _han_re, _span_re
    if text.isascii():   # O(1)
        return False
    if _han_re is None:
        _han_re = re.compile(f"[{HAN}]")
        _span_re = re.compile(f"[{chr(_CJK_RANGES[0][0])}-{chr(_CJK_RANGES[-1][1])}]")
    first = _span_re.search(text)
    return first is not None and _han_re.search(text, first.start()) is not None


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (BMP or astral extension planes) or 〇."""
    cp = ord(ch)
    if cp < 0x3007:
        return False
    for lo, hi in _CJK_RANGES:
        if lo <= cp <= hi:
            return True
    return False


def char_width(ch: str) -> int:
    """Terminal columns of one character: East Asian wide and full-width characters take two."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    """Terminal columns of ``text`` (:func:`char_width` summed)."""
    return sum(map(char_width, text))


def is_fullwidth_punct(ch: str) -> bool:
    """CJK punctuation (U+3000-303F) and full-width forms (U+FF00-FFEF), not ideographs."""
    cp = ord(ch)
    return (0x3000 <= cp <= 0x303F and cp != 0x3007) or 0xFF00 <= cp <= 0xFFEF \
        or ch in "“”‘’…⋯—"


# --- numerals ----------------------------------------------------------------

#: Chinese digits, including financial forms and 两 / 〇.
DIGITS = {
    "〇": 0, "零": 0, "洞": None,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
    "柒": 7, "捌": 8, "玖": 9,
}
del DIGITS["洞"]
#: Small units (within a 万 group).
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Large units; 萬/億 are the traditional forms.
LARGE_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
#: Every character that can be part of a Chinese numeral (not 点 or 百分之).
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)

_ARABIC = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_PERCENT_PREFIX = "百分之"


def _tidy(value: float) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _small(tokens: list) -> float:
    """Value of a group below 万: digits, Arabic numbers and 十/百/千 with 零."""
    if not tokens:
        raise ValueError("empty numeral")
    units = [t for t in tokens if isinstance(t, str) and t in SMALL_UNITS]
    if not units:
        if len(tokens) == 1:
            t = tokens[0]
            return DIGITS[t] if isinstance(t, str) else t
        if any(not isinstance(t, str) or t not in DIGITS for t in tokens):
            raise ValueError("not a numeral")
        # digit-by-digit reading: 二〇二七 -> 2027
        return float("".join(str(DIGITS[t]) for t in tokens))
    total = 0.0
    num = None
    last_unit = None
    zero_seen = False
    for t in tokens:
        if isinstance(t, str) and t in SMALL_UNITS:
            unit = SMALL_UNITS[t]
            if last_unit is not None and unit >= last_unit:
                raise ValueError("units out of order")
            total += (1 if num is None else num) * unit
            num = None
            last_unit = unit
            zero_seen = False
        elif isinstance(t, str) and DIGITS.get(t) == 0:
            if num is not None:
                raise ValueError("zero after digit")
            zero_seen = True
        else:
            if num is not None:
                raise ValueError("two digits in a row")
            num = t if not isinstance(t, str) else DIGITS[t]
    if num is not None:
        # 三百五 = 350 (colloquial), but 三百零五 = 305
        if last_unit is not None and not zero_seen and last_unit >= 100 and num < 10:
            num *= last_unit // 10
        total += num
    return total


def _tokens(text: str) -> list:
    """Split a numeral into Arabic numbers (floats) and single Chinese characters."""
    out: list = []
    i = 0
    while i < len(text):
        m = _ARABIC.match(text, i)
        if m:
            out.append(float(to_halfwidth(m.group()).replace(",", "")))
            i = m.end()
            continue
        ch = text[i]
        if ch not in DIGITS and ch not in SMALL_UNITS and ch not in LARGE_UNITS:
            raise ValueError(f"not a numeral character: {ch!r}")
        out.append(ch)
        i += 1
    return out


#: 万 and 亿 in one numeral, at most: 一万亿亿 (10^20) is written, a run of them is no
#: numeral (and each is a level of :func:`_value`'s recursion).
_MAX_LARGE_UNITS = 8


def _numeral_tokens(text: str) -> list:
    tokens = _tokens(text)
    if sum(1 for t in tokens if isinstance(t, str) and t in LARGE_UNITS) > _MAX_LARGE_UNITS:
        raise ValueError(f"not a numeral: {text[:20]!r}…")
    return tokens


def _value(tokens: list) -> float:
    for unit_chars, unit in (("亿億", 10**8), ("万萬", 10**4)):
        idx = [i for i, t in enumerate(tokens) if isinstance(t, str) and t in unit_chars]
        if idx:
            k = idx[-1]
            left, right = tokens[:k], tokens[k + 1:]
            high = _value(left) if left else 1.0
            if not right:
                return high * unit
            if len(right) == 1 and isinstance(right[0], str) and right[0] in DIGITS \
                    and DIGITS[right[0]] != 0:
                # 一万二 = 12000, 三亿五 = 350000000 (colloquial)
                return high * unit + DIGITS[right[0]] * unit // 10
            return high * unit + _value(right)
    return _small(tokens)


def parse_zh_numeral(text: str) -> int | float:
    """Value of a Chinese (or mixed Arabic/Chinese) numeral.

    ``二〇二七`` -> 2027, ``十五`` -> 15, ``两`` -> 2, ``三百五十万`` -> 3500000,
    ``一千零二`` -> 1002, ``1000亿`` -> 100000000000, ``2.5万`` -> 25000,
    ``三点五`` -> 3.5, ``百分之三十`` -> 30 (the percentage, without the sign).
    Full-width digits and thousands separators (``1,000亿``) are accepted.
    Raises ``ValueError`` for anything else.
    """
    s = text.strip().replace(",", "").replace("，", "")
    if s.startswith(_PERCENT_PREFIX):
        s = s[len(_PERCENT_PREFIX):]
    if not s:
        raise ValueError("empty numeral")
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not frac or any(ch not in DIGITS for ch in frac):
            raise ValueError(f"bad decimal numeral: {text!r}")
        value = _value(_numeral_tokens(whole)) if whole else 0.0
        value += float("0." + "".join(str(DIGITS[ch]) for ch in frac))
        return _tidy(value)
    return _tidy(_value(_numeral_tokens(s)))
