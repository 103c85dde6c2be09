"""Numbers in Chinese and English text, normalised to values that compare across languages.

``extract_numbers(text, lang)`` returns the numbers of a sentence as
:class:`Number` objects: ``1000亿`` and ``100 billion`` both give 1e11,
``百分之三十``, ``30％`` and ``30 per cent`` give 30 of kind ``"percent"``.
The aligner uses them as lexical anchors and the QA checks compare the
multisets of ``normalise_value(n.value)`` on both sides.

What counts as a number (the policy, the same for every document):

* Arabic numerals, with ``,`` thousands separators and decimals, full-width
  digits too. Digits glued to a preceding Latin letter, directly or by a
  hyphen (``CO2``, ``m2``, ``GPT4``, ``v2.0``, ``COVID-19``, ``GPT-4o``), are
  part of a name, not numbers.
* Multipliers: 万/亿 (and 千万, 百万, 万亿) after Arabic or Chinese numerals (not the 千
  "kilo-" of a unit: 5千米 is 5, 千克 no number);
  hundred/thousand/million/billion/trillion after digits or number words;
  bn/mn after digits (``3.5bn``, ``12 mn``); k/M/B only after a currency sign or code
  (``$94M``, ``RMB12m``). Digits right after a currency code are an amount (``RMB3.5``).
* Chinese numerals: ``十五``, ``三百五十万``, ``二〇二七``, ``两``. The word
  一 on its own is *not* a number (一批, 一体, 统一, 一流, 之一, 进一步, 一个
  all mean "a"/"one of"/"unified" far more often than the count 1) and, to
  match, neither is English "one" or "a" on its own; both count inside larger
  numerals (一百, 十一, one hundred, twenty-one). 第一 and "first" are
  ordinals 1. A lone 十 counts only before a measure word; lone 百/千/万/亿
  and unit-only words (千万 "by all means") only before a measure word, and
  not after 几/数/上/成 (几十个 "dozens", 数百家 "hundreds").
  Fixed expressions such as 万一, 一一, 千方百计, 三心二意, 十六进制 are skipped. A capital
  numeral of amounts alone (參閱 "see", 队伍 "team", 大陆 "mainland") is a word unless an
  amount's unit follows (伍元); 幾/數 before 十/百 are approximate as 几/数 are.
* English: "several hundred", "a few thousand" are approximate (几百, 数千), no number; an
  ordinal ends its phrase ("the third one" is 3, "the first two" 1 and 2).
* 十X五 (十四五, 十五五) is the abbreviation of the (10+X)th Five-Year Plan and
  gives the ordinal 10+X and the number 5, as "15th Five-Year Plan" does.
* Two adjacent Chinese digits like 三四 (个) read "three or four" and give
  both numbers; longer digit strings read digit by digit (二〇二七 = 2027).
* English number words: zero..ninety-nine, hundred, thousand, million,
  billion, trillion, "and" after a scale word ("two thousand and five"),
  "a hundred", "a dozen" (12); ordinals first..ninety-ninth, 1st/2nd/3rd/4th.
* Kinds: ``"ordinal"`` (第三, third, 3rd), ``"percent"`` (``%``, ``％``,
  per cent, percent, 百分之), ``"points"`` (个百分点, percentage point(s): a difference
  of percentages), ``"fraction"`` (三分之一, 四分之三, "two thirds", "a quarter of", 2/3:
  one number, its value), ``"year"`` (a numeral followed by 年 with a value 1000-2999, or
  a plain integer 1900-2100), else ``"number"``.
* Scientific notation (1×10⁻⁶, 1.5×10^5, 10⁵, 3.2E-4) is one number, its value; 翻一番 /
  翻两番 are 2 and 4 (the factor, "double", "quadruple").
* Circled and bracketed numbers (①, ⑵, ⒊, ❶; not at a line's start, where they number a
  list) are their numbers.
* Roman numerals: the numeral characters Ⅰ–Ⅻ (Ⅲ期) on both sides, and in English an
  upper-case Roman numeral after a word that numbers a part or a class (Chapter III,
  Section IV, Part II, Class II, Type 2 / Type II, Phase III), in Chinese one in Latin
  capitals before 级, 期, 型, 类 … or after 第 (心功能III级, II期, 第II卷): ordinals, as 第三章
  is. A lone I elsewhere is the pronoun, not read.
* Digits grouped by a space in threes (``1 200``, ``12 500 000``, SI and GB/T 8170
  style; a thin or no-break space too) are one number. The digits after a decimal
  point never start a number of their own (the 248 of S791.248, the 3 of 1.2.3).
* Ranges (3至4, 3到4, 3-4, 3 to 4, 2025—2027) give both ends as separate
  numbers; a multiplier or percent sign on the second end applies to a bare
  first end (3至5万 = 30000 and 50000; 30-40% = 30% and 40%).
* With ``skip_list_markers=True`` (the default), list numbering at the start
  of a line (一、 （一） 1． 1. (1) 1) 1、) is structure, not content, and is
  skipped.

Dates are read for their numbers: 5月16日 gives 5 and 16, "May 16th" gives 16, and a dotted
date (2025.5.16, 16.5.2025; a year 1000-2999, a month and a day that can be) its year, month
and day, as 2025-05-16 does; a dotted code that can be no date (8703.80.00, 3.1.2) is one number.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tm.text import english, zh
from tm.text.lazy import Pattern

KINDS = ("number", "percent", "points", "fraction", "ordinal", "year")


class Number:
    """A number found in text. ``text == source[start:end]``; ``kind`` is one of :data:`KINDS`.

    A frozen value, as ``@dataclass(frozen=True)`` would make it, written out: a one-shot ``tm
    match`` reads the numbers of a match that differs from the query in digits alone, and the
    import of :mod:`dataclasses` (with inspect, ast, dis and tokenize) was 6 ms of that command."""

    __slots__ = ("value", "start", "end", "text", "kind")

    def __init__(self, value: float, start: int, end: int, text: str, kind: str = "number"):
        for name, v in zip(self.__slots__, (value, start, end, text, kind)):
            object.__setattr__(self, name, v)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")

    def _fields(self) -> tuple:
        return (self.value, self.start, self.end, self.text, self.kind)

    def __eq__(self, other):
        return self._fields() == other._fields() if type(other) is Number else NotImplemented

    def __hash__(self):
        return hash(self._fields())

    def __repr__(self):
        return (f"Number(value={self.value!r}, start={self.start!r}, end={self.end!r}, "
                f"text={self.text!r}, kind={self.kind!r})")


def normalise_value(value: float) -> float:
    """Round to 10 significant digits so that 1000*1e8 and 100*1e9 compare equal."""
    return float(f"{value:.10g}")


# --- shared pieces -------------------------------------------------------------

_DIGITS = (  # a code of dotted groups (a tariff line 8703.80.00, a clause 3.2.1): one number, not 8703.8
           r"[0-9０-９]+(?:[.．][0-9０-９]+){2,}"
           r"|[0-9０-９]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?"
           # 1 200, 12 500 000: groups of three after a space (thin, no-break or plain)
           r"|[0-9０-９]{1,3}(?:[ \u00a0\u2009\u202f][0-9０-９]{3})+(?![0-9０-９]|[.,．][0-9０-９])"
           r"|[0-9０-９]+(?:[.．][0-9０-９]+)?")
#: The Unicode Roman numeral characters (Ⅲ期, ⅱ) and their values.
_ROMAN_CHARS = {chr(c): int(unicodedata.numeric(chr(c))) for c in range(0x2160, 0x2180)
                if unicodedata.numeric(chr(c), 0) and unicodedata.numeric(chr(c)) < 1000}
#: Circled, bracketed and dotted numbers (①, ⑵, ⒊, ❶, ㉑): an item's number, as (1) is.
_ENCLOSED = {chr(c): int(unicodedata.numeric(chr(c)))
             for lo, hi in ((0x2460, 0x249B), (0x24EA, 0x24FF), (0x2776, 0x2793), (0x3251, 0x325F),
                            (0x32B1, 0x32BF))
             for c in range(lo, hi + 1) if unicodedata.numeric(chr(c), -1) >= 0}
_CURRENCY = "$¥€£￥"
#: ISO 4217 codes a financial text writes before an amount, with or without a space
#: (RMB 3.5bn, USD100, HK$ is a sign): the amount's, not a name's digits (GPT4, CO2).
CURRENCY_CODES = frozenset("RMB CNY USD EUR GBP JPY HKD TWD MOP SGD AUD CAD CHF KRW INR RUB".split())
_AFTER_CURRENCY = Pattern(r"(?:[$¥€£￥]|(?<![A-Za-z])(?:" + "|".join(sorted(CURRENCY_CODES))
                             + r")\s?)\Z")
_ABBR_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
_ORD_SUFFIX = ("st", "nd", "rd", "th")
_CONNECTOR = Pattern(r"\s*(?:至|到|—|–|-|~|～|－|to)\s*\Z")


def _arabic(text: str) -> float:
    text = re.sub(r"[,\s]", "", zh.to_halfwidth(text))
    if text.count(".") > 1:     # a dotted code (8703.80.00): its digits, so that codes compare as written
        return float(text.replace(".", ""))
    return float(text)


def _clock_minutes(text: str, start: int, digits: str) -> bool:
    """The ``00`` minutes of a clock time (20:00, 00:00): Chinese writes the hour alone (20时,
    零时), so they are no number either side reads."""
    return digits == "00" and start >= 2 and text[start - 1] == ":" and text[start - 2].isdigit()


#: An amount a financial statement writes in brackets as a negative, its scale after the
#: bracket: (312)万元 "RMB (3.12) million" (the scale is the amount's, not a number of its own).
_ZH_BRACKET_SCALE = Pattern("[)）]((?:千|百万|百萬)?[万亿萬億]*)(?<![)）])(?![米克瓦伏帕焦卡赫])")
_EN_BRACKET_SCALE = Pattern(r"\)\s*((?:thousand|million|billion|trillion)\b(?:\s+(?:thousand|million|billion)\b)?)",
                               re.IGNORECASE)


def _bracket_scale(text: str, start: int, end: int, pattern: re.Pattern) -> re.Match | None:
    """The scale written after the closing bracket of an amount that fills a bracket (see
    :data:`_ZH_BRACKET_SCALE`)."""
    return pattern.match(text, end) if start and text[start - 1] in "(（" else None


def _after_decimal_point(text: str, start: int) -> bool:
    """Digits right after ``<digit>.``: the decimals of a code or version (S791.248, 1.2.3)."""
    return start >= 2 and text[start - 1] in ".．" and text[start - 2] in "0123456789０１２３４５６７８９"


def _roman_chars(text: str, skip_list_markers: bool) -> list[list]:
    """Ⅲ, Ⅻ, ⅳ: one number each (a run of them, ⅠⅡ, reads one by one); ①, ⑵, ⒊ too, but
    at a line's start such a number is the list's (as 1. and (1) are)."""
    out = [[float(_ROMAN_CHARS[ch]), i, i + 1, "ordinal", 1]
           for i, ch in enumerate(text) if ch in _ROMAN_CHARS]
    out += [[float(_ENCLOSED[ch]), i, i + 1, "number", 1] for i, ch in enumerate(text)
            if ch in _ENCLOSED and not (skip_list_markers and _at_line_start(text, i)[0])]
    return out


def _at_line_start(text: str, start: int) -> tuple[bool, str]:
    """Whether only whitespace and at most one opening bracket precede ``start`` on its line
    (and that bracket, if any). Reads back only as far as that can hold: a number far into a
    long line costs no walk to the line's start."""
    bracket = ""
    i = start
    while i > 0:
        ch = text[i - 1]
        if ch in "\n\r\u2028\u2029":
            break
        if ch in "(（" and not bracket:
            bracket = ch
        elif not ch.isspace():
            return False, ""
        i -= 1
    return True, bracket


def _is_list_marker(text: str, start: int, end: int) -> bool:
    ok, prefix = _at_line_start(text, start)
    if not ok or end - start > 3:
        return False  # not at a line start, or too long for a list number (2025. is a year)
    nxt = text[end] if end < len(text) else ""
    if not nxt:
        return False
    if prefix:      # (006)/(012): crystal planes, not a list's (1) before its text
        return nxt in ")）" and text[end + 1:end + 2] not in ("/", "／")
    if nxt not in "、.．)）":
        return False
    after = text[end + 1] if end + 1 < len(text) else ""
    return nxt in "、．）" or after == "" or after.isspace() or ord(after) > 0x2E7F


def _kind_for_plain(value: float, text: str) -> str:
    if value.is_integer() and 1900 <= value <= 2100 and len(text) == 4:
        return "year"
    return "number"


def _propagate_ranges(text: str, found: list[list]) -> None:
    """3至5万 / 3 to 5 billion / 30-40%: the second end's scale and kind apply to a bare first end.

    ``found`` items are ``[value, start, end, kind, scale]``, modified in place.
    """
    for a, b in zip(found, found[1:]):
        if not _CONNECTOR.match(text[a[2]:b[1]]):
            continue
        if a[4] == 1 and b[4] != 1 and a[3] == "number":
            a[0] *= b[4]
            a[4] = b[4]
        if a[3] == "number" and b[3] in ("percent", "year", "points"):
            a[3] = b[3]


#: A date written in dotted groups, year first (2025.5.16, 2024.10.08) or last (16.5.2025):
#: read as its year, month and day, as 2025-05-16 and 2025年5月16日 are, not as a code.
_DOTTED_DATE = Pattern(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})|([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def _dotted_dates(text: str, found: list[list]) -> list[list]:
    """``found`` with each dotted code that is a plausible date (a year 1000-2999, a month
    1-12, a day 1-31; day and month either way round) split into its three numbers: a
    Chinese notice dates an act 2025.5.16 where its translation writes "May 16, 2025"."""
    if "." not in text and "．" not in text:
        return found
    out = []
    for item in found:
        value, start, end, kind, scale = item
        m = _DOTTED_DATE.fullmatch(zh.to_halfwidth(text[start:end])) \
            if kind == "number" and scale == 1 and text.count(".", start, end) + text.count("．", start, end) == 2 \
            else None
        if m is None:
            out.append(item)
            continue
        at = (1, 2, 3) if m.group(1) else (4, 5, 6)     # the groups read, in order
        parts = [int(m.group(g)) for g in at]
        y = 0 if m.group(1) else 2                        # which of them is the year
        a, b = (p for i, p in enumerate(parts) if i != y)
        if not (1000 <= parts[y] <= 2999 and 1 <= min(a, b) <= 12 and max(a, b) <= 31):
            out.append(item)
            continue
        for i, g in enumerate(at):
            out.append([float(parts[i]), start + m.start(g), start + m.end(g), "year" if i == y else "number", 1])
    return out


def _replaced(found: list[list], spans: list[tuple[int, int, float]], kind: str) -> list[list]:
    """``found`` (``[value, start, end, kind, scale]`` items) with the numbers each span of
    ``spans`` (``(start, end, value)``) overlaps replaced by one number of ``kind``, in order."""
    out = [item for item in found if not any(item[1] < b and item[2] > a for a, b, _ in spans)]
    return sorted(out + [[float(v), a, b, kind, 1] for a, b, v in spans], key=lambda item: item[1])


#: A fraction in words: 三分之一, 四分之三 (百分之, 千分之, 万分之 are percentages), "one third",
#: "three quarters", "a fifth": one number, its value (1/3), not its numerals (3 and 1, "one
#: tenth" read as 11).
_ZH_FRACTION = Pattern("(?<![百千万萬])([二两三四五六七八九十]|[2-9]|10)分之([一二三四五六七八九]|[1-9])")
_EN_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                    "tenth": 10, "tenths": 10}
_EN_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                  "seven": 7, "eight": 8, "nine": 9}
def _may_hold_half_or_quarter(text: str) -> bool:
    """A cheap test before :data:`_EN_FRACTION`'s scan, for the denominators no ordinal reads
    (half, quarter, and the plurals: thirds, fifths … tenths)."""
    low = text.lower()
    return "half" in low or "halv" in low or "quarter" in low or "thirds" in low or "ths" in low
_FRACTION_AFTER = Pattern(r"\s*(?:\Z|[^\sA-Za-z]|(?:of|more|less|fewer|lower|higher)\b)", re.IGNORECASE)
_EN_FRACTION = Pattern(r"\b(" + "|".join(_EN_NUMERATORS) + r")[ -]+(" + "|".join(_EN_DENOMINATORS) + r")\b",
                          re.IGNORECASE)


_DIGIT_FRACTION = Pattern(r"(?<![0-9/.])([1-9])/([2-9]|10)(?![0-9/.])")


def _fractions(text: str, lang: str, found: list[list]) -> list[list]:
    """``found`` with the numbers of each fraction in words replaced by the fraction's value."""
    spans = []
    if lang == "zh":
        for m in _ZH_FRACTION.finditer(text) if "分之" in text else ():
            den, num = (int(g) if g.isdigit() else zh.parse_zh_numeral(g) for g in m.groups())
            spans.append((m.start(), m.end(), num, den))
    else:
        spans = [(m.start(), m.end(), _EN_NUMERATORS[m.group(1).lower()], _EN_DENOMINATORS[m.group(2).lower()])
                 for m in _EN_FRACTION.finditer(text)]
        # "one half-day" and a singular one before a noun ("a third language", "a quarter century":
        # an ordinal's or a word's) are read as before; "a third of", "by a third." are fractions
        spans = [s for s in spans if not text[s[1]:s[1] + 1] == "-"
                 and (text[s[0]:s[1]].lower().endswith(("s", "halves")) or _FRACTION_AFTER.match(text, s[1]))]
    # and in digits, a numerator and a denominator of ten at most (2/3, not 1/1000, not 1/3/2025)
    spans += [(m.start(), m.end(), int(m.group(1)), int(m.group(2))) for m in _DIGIT_FRACTION.finditer(text)] \
        if "/" in text else []
    spans = [s for s in spans if 0 < s[2] < s[3]]
    if not spans:
        return found
    return _replaced(found, [(a, b, num / den) for a, b, num, den in spans], "fraction")


#: 翻一番 "double", 翻两番 "quadruple": a number of doublings, its value the factor (2, 4, 8).
_ZH_DOUBLINGS = Pattern("翻了?([一两二三四])番")


def _doublings(text: str, found: list[list]) -> list[list]:
    """``found`` with the numeral of each 翻N番 replaced by its factor, 2 to the N."""
    spans = [(m.start(), m.end(), 2 ** zh.parse_zh_numeral(m.group(1))) for m in _ZH_DOUBLINGS.finditer(text)]
    if not spans:
        return found
    return _replaced(found, spans, "number")


#: A number in scientific notation: 1×10⁻⁶, 1.5 × 10^5, 10⁵, 3.2E-4 (with its exponent's sign: 1e5 is
#: a name as often as a number; the exponent was no number
#: read, so 10⁻⁶ written 10⁻⁵ kept every number).
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SCIENTIFIC = Pattern(r"(?<![0-9.])(?:([0-9]+(?:\.[0-9]+)?)\s*[×xX*·]\s*)?10"
                         r"(?:\^\(?([-−+]?[0-9]{1,3})\)?|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
                         r"|(?<![0-9.A-Za-z])([0-9]+(?:\.[0-9]+)?)[eE]([-+][0-9]{1,3})(?![0-9A-Za-z])")


_POWER_SIGNS = frozenset("^⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹")
_E_NOTATION = Pattern(r"[0-9][eE][-+][0-9]")


def _scientific(text: str, found: list[list]) -> list[list]:
    """``found`` with each number in scientific notation one number, its value."""
    spans = []
    for m in _SCIENTIFIC.finditer(text):
        if m.group(4):
            mantissa, exponent = m.group(4), m.group(5)
        else:
            mantissa, exponent = m.group(1) or "1", (m.group(2) or m.group(3)).translate(_SUPERSCRIPT)
        try:
            spans.append((m.start(), m.end(), float(mantissa) * 10 ** int(exponent.replace("−", "-"))))
        except (ValueError, OverflowError):
            continue
    if not spans:
        return found
    return _replaced(found, spans, "number")


#: Tenths as 成: 近三成 "nearly 30 percent", 超过两成, 增长三成 "up 30%", 偏多一成 "10% above
#: normal", 三成以上 — after a word of quantity, of change (增长, 下降, 提高, 减少, 上涨…) or of
#: comparison (多, 少, 高, 低), or before a bound (八成是 "probably", 一成不变, 成为, 成功 are none).
_ZH_TENTHS = Pattern("(?:(?<=[近约超逾达占有过了仅足到余长降高低多少加升跌涨增减])([一二两三四五六七八九]|十)成(?![为功立员本果就熟长交效绩品都型形分份])"
                        "|([一二两三四五六七八九]|十)成(?=以上|以下|左右|多))")


#: A price's discount in tenths of the price paid: 8折 / 八折 "20% off", 8.5折 / 八五折 "15% off"
#: (折叠, 折旧, 折合, 折算 are no discount).
_ZH_DISCOUNT = Pattern("(?<![0-9.])([1-9](?:\\.[0-9])?)折(?![叠旧合算射腾磨服返线价])"
                          "|(?<![一二三四五六七八九十])([一二三四五六七八九])([一二三四五六七八九])?折(?![叠旧合算射腾磨服返线价])")


def _discounts(text: str, found: list[list]) -> list[list]:
    """``found`` with each 8折 the percentage taken off, 20 (its numeral was a bare 8)."""
    spans = []
    for m in _ZH_DISCOUNT.finditer(text):
        if m.group(1):
            paid = float(m.group(1))
        else:
            paid = zh.parse_zh_numeral(m.group(2)) + (zh.parse_zh_numeral(m.group(3)) / 10 if m.group(3) else 0)
        spans.append((m.start(), m.end(), round(100 - 10 * paid, 6)))
    return _replaced(found, spans, "percent") if spans else found


def _tenths(text: str, found: list[list]) -> list[list]:
    """``found`` with each 三成 a percentage, 30 (its numeral was a bare 3)."""
    spans = [(m.start(), m.end(), 10 * zh.parse_zh_numeral(m.group(1) or m.group(2))) for m in _ZH_TENTHS.finditer(text)]
    if not spans:
        return found
    return _replaced(found, spans, "percent")


_RESTATED = Pattern(r"\s*[（(]\s*\Z")


def _restated(text: str, found: list[list]) -> list[list]:
    """``found`` with a number restated in digits in brackets right after its words, as
    contracts write it ("thirty (30) days", "five percent (5%)", 三十（30）日), one number whose
    text runs to the closing bracket (so the unit after it is the number's)."""
    out: list[list] = []
    for item in found:
        if out and item[0] == out[-1][0] and _RESTATED.match(text, out[-1][2], item[1]) \
                and text[item[2]:item[2] + 1] in ")）":
            first = out[-1]
            out[-1] = [first[0], first[1], item[2] + 1, first[3] if first[3] != "number" else item[3], first[4]]
            continue
        out.append(item)
    return out


def _build(text: str, found: list[list], lang: str = "zh") -> list[Number]:
    if ("(" in text or "（" in text) and len(found) > 1:
        found = _restated(text, found)
    if lang == "zh" and "成" in text:
        found = _tenths(text, found)
    if lang == "zh" and "折" in text:
        found = _discounts(text, found)
    if "." in text or "．" in text:
        found = _dotted_dates(text, found)
    # (a fraction's singular denominator is read as an ordinal first: "third", "tenth"; half,
    # quarter and the plurals are not)
    if "/" in text or ("分之" in text if lang == "zh" else any(item[3] == "ordinal" for item in found)
                       or _may_hold_half_or_quarter(text)):
        found = _fractions(text, lang, found)
    if ("10" in text and not _POWER_SIGNS.isdisjoint(text)) \
            or (("e-" in text or "E-" in text or "e+" in text or "E+" in text) and _E_NOTATION.search(text)):
        found = _scientific(text, found)      # (cheap tests first: the pattern is slow to scan)
    if lang == "zh" and "番" in text:
        found = _doublings(text, found)
    _propagate_ranges(text, found)
    return [Number(float(v), s, e, text[s:e], k) for v, s, e, k, _ in found]


# --- Chinese -------------------------------------------------------------------

_HAN = "零〇一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"
# 千 "kilo-" of a unit of measure (5千米 "5 km", 3千克 "3 kg", 千瓦 kW, 千帕 kPa, 千卡 kcal) is
# no thousand
_QIAN = "千(?![米克瓦伏帕焦卡赫])"
# 百 "hecto-" of 百帕 "hPa" (a weather report's pressure, 950百帕 "950 hPa") is no hundred; 百米 is
# "100 m", not a unit of its own
_BAI = "百(?!帕)"
_ZH_RE = Pattern(
    rf"(?P<pre>第|百分之|千分之|万分之|萬分之)?(?:"
    rf"(?P<arabic>{_DIGITS})(?P<suffix>[多余]?(?:[十万亿萬億]|{_BAI}|{_QIAN})*)"
    rf"|(?P<han>(?:[{_HAN.replace('千', '').replace('百', '')}]|{_BAI}|{_QIAN})+(?:点[零〇一二三四五六七八九]+)?))"
    rf"(?P<pct>[%％])?"
)
#: Measure words and nouns after which a lone 十 / 百 / 千万 is a count.
MEASURE_WORDS = frozenset("个项家名次年月日天倍种类条座所台套部位人元米吨岁周层场届期轮级份篇张辆架艘块片根支款亩斤克里秒时度大余多万亿")
#: Fixed expressions whose numerals are not quantities.
ZH_IDIOMS = (
    "万一", "一一", "千方百计", "千家万户", "千行百业", "千差万别", "千变万化", "千千万万",
    "万万", "三心二意", "四面八方", "五花八门", "七上八下", "乱七八糟", "一五一十",
    "独一无二", "数一数二", "举一反三", "三番五次", "九牛一毛", "十全十美", "万众一心",
    "一心一意", "十字", "十分", "十足", "百花齐放", "百家争鸣", "百折不挠", "万无一失",
    # number bases: 十六进制 "hexadecimal", 二进制 "binary" (進 in Traditional)
    "二进制", "八进制", "十进制", "十六进制", "二進制", "八進制", "十進制", "十六進制",
    "五内", "五內",     # 铭感五内 "deeply grateful"
)
_WEEKDAY_PREFIXES = ("周", "星期", "礼拜", "初")
_UNIT_CHARS = set("十百千万亿萬億拾佰仟")
_FIVE_YEAR_PLAN = Pattern("十[一二三四五六七八九]五")
_ZH_POINTS = Pattern(r"\s?个?百分点")
_CONSECUTIVE = ("一二", "一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九")


def _in_idiom(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 3):end + 3]
    return any(idiom in window and _overlaps(text, idiom, start, end) for idiom in ZH_IDIOMS)


def _overlaps(text: str, idiom: str, start: int, end: int) -> bool:
    i = text.find(idiom, max(0, start - len(idiom) + 1))
    while i != -1 and i < end:
        if i + len(idiom) > start:
            return True
        i = text.find(idiom, i + 1)
    return False


def _han_counts(text: str, run: str, start: int, end: int) -> bool:
    """The policy for a Chinese numeral that has no 第 / 百分之 / % around it."""
    nxt = text[end] if end < len(text) else ""
    if _in_idiom(text, start, end):
        return False
    if text[max(0, start - 2):start].endswith(_WEEKDAY_PREFIXES):
        return False
    if run in ("一", "壹"):
        return False
    if len(run) == 1 and run in _CAPITALS and nxt not in _AMOUNT_UNITS:
        return False    # 參閱 "see", 队伍 "team", 大陆 "mainland": words; 伍元, 陆万 amounts
    if all(ch in _UNIT_CHARS for ch in run):
        # 十大, 千万元 count; 几十个, 数百家, 上千 are approximate ("dozens", "hundreds"), but
        # not after 以上 (五万元以上十万元以下: "from 50,000 to 100,000")
        return nxt in MEASURE_WORDS and not (start and text[start - 1] in "几数上成幾數"
                                             and not text.startswith("以上", start - 2))
    return True


#: The capital numerals of amounts (大写数字), each also a character of ordinary words.
_CAPITALS = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_AMOUNT_UNITS = frozenset("元圆圓万萬亿億角分整")


def _in_name(text: str, start: int) -> bool:
    """Digits that belong to a Latin name: CO2, GPT4, m2, COVID-19, GPT-4o (not an amount
    after a currency's code: RMB3.5亿, USD100)."""
    if not start:
        return False
    prev = text[start - 1]
    if prev.isascii() and prev.isalpha():
        return not _AFTER_CURRENCY.search(text[max(0, start - 4):start])
    return prev == "-" and start >= 2 and text[start - 2].isascii() and text[start - 2].isalpha()


def _zh_numbers(text: str, skip_list_markers: bool) -> list[list]:
    found: list[list] = []
    taken_to = 0
    for m in _ZH_RE.finditer(text):
        pre, arabic, han, pct = m.group("pre"), m.group("arabic"), m.group("han"), m.group("pct")
        start, end = m.span()
        if start < taken_to:
            continue    # the scale of a bracketed amount, (312)万, read with it
        nstart = m.start("arabic") if arabic else m.start("han")
        nend = m.end("pct") if pct else (m.end("suffix") if arabic else m.end("han"))
        scale = 1
        if arabic:
            if _in_name(text, nstart) or _after_decimal_point(text, nstart) \
                    or _clock_minutes(text, nstart, arabic):
                continue
            value = _arabic(arabic)
            suffix = m.group("suffix").lstrip("多余")
            if not suffix and not pct and (after := _bracket_scale(text, nstart, end, _ZH_BRACKET_SCALE)):
                suffix, taken_to = after.group(1), after.end()
            if suffix:
                try:
                    scale = zh.parse_zh_numeral("1" + suffix)
                except ValueError:
                    scale = 1
                value *= scale
        else:
            if not pre and not pct and not _han_counts(text, han, nstart, m.end("han")):
                continue
            if _FIVE_YEAR_PLAN.fullmatch(han):
                # 十四五 = the 14th Five-Year Plan: ordinal 14 and the 5 of "Five-Year"
                found.append([10 + zh.DIGITS[han[1]], nstart, nstart + 2, "ordinal", 1])
                found.append([5, nstart + 2, nstart + 3, "number", 1])
                continue
            if "点" not in han and len(han) == 2 and han in _CONSECUTIVE:
                for k, ch in enumerate(han):
                    found.append([zh.DIGITS[ch], nstart + k, nstart + k + 1, "number", 1])
                continue
            try:
                value = float(zh.parse_zh_numeral(han))
            except ValueError:
                continue
            for unit_ch in reversed(han):
                if unit_ch in "万亿萬億":
                    scale = zh.LARGE_UNITS[unit_ch]
                    break
                if unit_ch not in _UNIT_CHARS:
                    break
        if skip_list_markers and not pre and not pct and _is_list_marker(text, nstart, nend):
            continue
        if pre == "第":
            kind = "ordinal"
        elif pre in ("千分之", "万分之", "萬分之"):
            # 千分之五 is 0.5 % ("5 per mille"), 万分之五 0.05 % (a daily late fee, "0.05% per day")
            value /= 10 if pre == "千分之" else 100
            kind = "percent"
        elif pre or pct:
            kind = "percent"
        elif (points := _ZH_POINTS.match(text, end)) and scale == 1:
            kind, end = "points", points.end()     # 0.4个百分点: percentage points, a difference of rates
        elif end < len(text) and text[end] == "年" and value.is_integer() and 1000 <= value <= 2999:
            kind = "year"
        elif scale == 1:
            kind = _kind_for_plain(value, zh.to_halfwidth(arabic) if arabic else han)
        else:
            kind = "number"
        s = start if pre else nstart
        found.append([value, s, end, kind, scale])
    if "I" in text or "V" in text or "X" in text:
        roman = [[float(_roman_value(m.group())), m.start(), m.end(), "ordinal", 1]
                 for m in _ZH_ROMAN_RUN.finditer(text) if _numbers_a_class(text, m)]
        if roman:
            found = sorted(found + roman, key=lambda f: f[1])
    return _with_roman_chars(text, found, skip_list_markers)


#: A Roman numeral in Latin capitals that numbers a class, a stage or a grade in Chinese text
#: (心功能III级, II期临床试验, IV型, 第II卷): before 级, 期, 型, 类, 度, 档, 等, 卷, 章, 部分 or after
#: 第, as :data:`_EN_ROMAN_RE` reads it after "class", "phase", "type" …; not inside a Latin
#: word or a code (NYHA, CVI).
_ZH_ROMAN_RUN = Pattern("[IVX]+")      # (a run of the letters first: a scan for them is fast)
_ZH_ROMAN = Pattern("X{0,3}(?:IX|IV|V?I{0,3})")
_ZH_CLASS_AFTER = ("级", "期", "型", "类", "度", "档", "等", "卷", "章", "部分")


def _numbers_a_class(text: str, m) -> bool:
    """Whether the run of I, V, X at ``m`` is a Roman numeral numbering a class (the comment on
    :data:`_ZH_ROMAN_RUN`): no Latin letter or digit beside it, 级, 期, 型 … after it or 第 before."""
    a, b = m.span()
    if a and (text[a - 1].isascii() and text[a - 1].isalnum()) or b < len(text) and text[b].isascii() \
            and text[b].isalnum():
        return False
    return (text.startswith(_ZH_CLASS_AFTER, b) or text[a - 1:a] == "第") and _ZH_ROMAN.fullmatch(m.group()) is not None


def _with_roman_chars(text: str, found: list[list], skip_list_markers: bool = True) -> list[list]:
    if not _SYMBOL_NUMBERS.search(text):
        return found
    return sorted(found + _roman_chars(text, skip_list_markers), key=lambda f: f[1])


_SYMBOL_NUMBERS = Pattern("[\u2160-\u217f\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f"
                             "\u32b1-\u32bf]")


# --- English -------------------------------------------------------------------

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
           "trillion": 10**12}
_ORD_UNITS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
              "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
              "eighteenth nineteenth").split()
_ORD_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
_ORD_SCALES = {"hundredth": 100, "thousandth": 10**3, "millionth": 10**6, "billionth": 10**9}

WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORD_VALUES["dozen"] = 12
ORDINAL_VALUES: dict[str, int] = {w: i for i, w in enumerate(_ORD_UNITS)}
ORDINAL_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_ORD_TENS)})

_ALL_WORDS = sorted(
    list(WORD_VALUES) + list(_SCALES) + list(ORDINAL_VALUES) + list(_ORD_SCALES),
    key=len, reverse=True,
)


def trie_pattern(words: list[str]) -> str:
    """One regex alternation shaped as a trie (much faster than a flat list of words)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_W = rf"(?:{trie_pattern(_ALL_WORDS)})\b"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)\b"
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
# (a currency code's look-behind only before a digit: tried at every position inside a word,
# it took two thirds of the time of an English sentence's numbers)
_EN_RE = Pattern(
    rf"(?:(?<![A-Za-z0-9])|(?=[0-9０-９])(?<={'|'.join(sorted(CURRENCY_CODES))}))(?:"
    rf"(?P<digits>{_DIGITS})"
    rf"(?:(?P<ordsuf>st|nd|rd|th)\b|\s?(?P<abbr>bn|mn)\b|(?P<abbr1>[kmb])\b"
    rf"|\s*(?P<scale>{_SCALE_WORD}(?:\s+(?:thousand|million|billion)\b)?))?"
    rf"|(?P<words>(?:a\s+(?={_SCALE_WORD}|dozen\b))?{_W}(?:(?:[ \t-]+|{_AND}){_W})*)"
    rf")"
    rf"(?P<pct>\s*(?:%|％|per\s?cent\b|percentage\s+points?\b))?",
    re.IGNORECASE,
)


_APPROXIMATE = Pattern(r"\b(?:several|a few|few|many|some|hundreds of|thousands of)\s+\Z", re.IGNORECASE)


def _approximate_before(text: str, start: int) -> bool:
    """Whether a word of :data:`_APPROXIMATE` ends right before ``start`` (whitespace
    between): searched in the few characters that can hold it, not from the text's start for
    every number (a long text's numbers made that quadratic)."""
    words_end = start
    while words_end > 0 and text[words_end - 1].isspace():
        words_end -= 1
    return _APPROXIMATE.search(text, max(0, words_end - 16), start) is not None


def _after_ordinal(words: str) -> int:
    """Where a number-word phrase ends after an ordinal that is not its last word ("third
    one" is the ordinal 3 and a pronoun, not 4); 0 when it does not."""
    for m in re.finditer(r"[A-Za-z]+", words):
        if m.group().lower() in ORDINAL_VALUES or m.group().lower() in _ORD_SCALES:
            return m.end() if words[m.end():].strip(" \t-") else 0
    return 0


def _words_value(words: str) -> tuple[float, bool, int] | None:
    """Value, is-ordinal and last scale of a number-word phrase; None for a lone "one"/"a"."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w and w != "and"]
    if parts[0] == "a":
        parts = parts[1:]
    if parts == ["one"]:
        return None
    total, current, ordinal, scale = 0, 0, False, 1
    for w in parts:
        if w in WORD_VALUES:
            current += WORD_VALUES[w]
        elif w in ORDINAL_VALUES:
            current += ORDINAL_VALUES[w]
            ordinal = True
        else:
            mult = _SCALES.get(w) or _ORD_SCALES[w]
            ordinal = w in _ORD_SCALES
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0
            scale = mult
    return float(total + current), ordinal, scale


def _en_numbers(text: str, skip_list_markers: bool) -> list[list]:
    found: list[list] = []
    taken_to = 0
    for m in _EN_RE.finditer(text):
        start, end = m.span()
        if start < taken_to:
            continue    # the scale of a bracketed amount, "(3.12) million", read with it
        digits, words, pct = m.group("digits"), m.group("words"), m.group("pct")
        scale = 1
        kind = "number"
        if digits:
            if _in_name(text, start) or _after_decimal_point(text, start) or _clock_minutes(text, start, digits):
                continue
            value = _arabic(digits)
            if digits in ("000", "000,000") and start and text[start - 1] in "'’":
                value = 1000.0 if digits == "000" else 1e6    # a table's unit, RMB'000: "in thousands" (千元)
            after = None if m.group("scale") or pct else _bracket_scale(text, start, m.end("digits"), _EN_BRACKET_SCALE)
            if after:
                for w in after.group(1).lower().split():
                    scale *= _SCALES[w]
                taken_to = after.end()
            if m.group("ordsuf"):
                kind = "ordinal"
            elif m.group("abbr") or m.group("abbr1"):
                # bn and mn are billions and millions; k, m, b only after a currency (4K, 5G)
                if not (m.group("abbr") or _AFTER_CURRENCY.search(text[max(0, start - 4):start])):
                    end = m.end("digits")  # 4K, 5G: the letter is a name, not a multiplier
                    pct = None
                else:
                    scale = _ABBR_SCALE[(m.group("abbr") or m.group("abbr1")).lower()]
            elif m.group("scale") and not after:
                for w in m.group("scale").lower().split():
                    scale *= _SCALES[w]
            value *= scale
            if skip_list_markers and not pct and kind == "number" \
                    and _is_list_marker(text, start, m.end("digits")):
                continue
            if kind == "number" and scale == 1 and not pct:
                kind = _kind_for_plain(value, zh.to_halfwidth(digits))
        else:
            if _approximate_before(text, start) and re.match(_SCALE_WORD, words, re.IGNORECASE):
                continue    # several hundred, a few thousand: "几百", "数千", no number
            cut = _after_ordinal(words)
            if cut:
                # "the third one": 3 and a lone "one"; "the first two": 1 and 2
                rest = words[cut:]
                skip = len(rest) - len(rest.lstrip(" \t-"))
                later = _words_value(rest[skip:]) if rest[skip:] else None
                if later is not None:
                    found.append([later[0], start + cut + skip, end,
                                  "ordinal" if later[1] else "number", later[2]])
                words, end = words[:cut], start + cut
                pct = None
            parsed = _words_value(words)
            if parsed is None:
                continue
            value, ordinal, scale = parsed
            kind = "ordinal" if ordinal else "number"
        if pct and kind == "number":
            kind = "points" if "point" in pct.lower() else "percent"
        elif pct:
            end = m.end("pct") - len(pct)
        found.append([value, start, end, kind, scale])
    for m in _EN_ROMAN_RE.finditer(text) if english.may_hold_words(text, _NUMBERED) else ():
        if m.group("roman"):
            found.append([float(_roman_value(m.group("roman"))), m.start("roman"), m.end("roman"),
                          "ordinal", 1])
    return _with_roman_chars(text, sorted(found, key=lambda f: f[1]), skip_list_markers)


#: Words after which an upper-case Roman numeral numbers a part or a class of things.
_NUMBERED_WORDS = ("chapter section part article volume book title annex appendix schedule "
                   "division subdivision phase stage class type grade level category tier "
                   "round batch lot").split()
_NUMBERED = frozenset(_NUMBERED_WORDS) | {w + "s" for w in _NUMBERED_WORDS}
_EN_ROMAN_RE = Pattern(
    r"\b(?:" + "|".join(_NUMBERED_WORDS) + r")s?\s+"
    r"(?-i:(?P<roman>(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})))(?![\w-])",
    re.IGNORECASE)


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        v = values[a]
        total += -v if b != " " and values[b] > v else v
    return total


# --- entry point ---------------------------------------------------------------

def extract_numbers(text: str, lang: str, *, skip_list_markers: bool = True) -> list[Number]:
    """The numbers of ``text`` (language ``zh…`` or ``en…``) in order of appearance.

    ``skip_list_markers`` (default True) leaves out list numbering at line starts.
    Raises ``ValueError`` for any other language.
    """
    tag = lang.lower()
    if tag.startswith("zh"):
        return _build(text, _zh_numbers(text, skip_list_markers), "zh")
    if tag.startswith("en"):
        return _build(text, _en_numbers(text, skip_list_markers), "en")
    raise ValueError(f"unsupported language {lang!r}: expected zh-… or en-…")


# --- a match's numbers adjusted ---------------------------------------------------

_GROUPED = Pattern(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
#: Digits and what may follow them in one number: a scale word (500 million, 5亿) or a
#: percentage's mark (5.2%, 5.2 percent).
_FOLLOWED = Pattern(r"([0-9]+(?:\.[0-9]+)?)(?:(\s*(thousand|million|billion|trillion|万|亿))"
                       r"|\s*(?:%|per\s?cent|percent|percentage points?))?", re.IGNORECASE)
_SCALE_OF = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "万": 1e4, "亿": 1e8}


def _plain(value: float) -> str | None:
    text = str(int(value)) if value == int(value) else f"{value:.10g}"
    return None if "e" in text else text


def _written_like(value: float, old: str) -> str | None:
    """``value`` written as the number ``old`` is (1,200 → 1,500; 500 million → 600 million;
    5.2% → 6.1%; 2025 → 2026); None for a number written otherwise (in words, full width)."""
    if _GROUPED.fullmatch(old):
        plain = _plain(value)
        return None if plain is None else f"{int(value):,}" + (plain[plain.index("."):] if "." in plain else "")
    m = _FOLLOWED.fullmatch(old)
    if not m:
        return None
    digits = _plain(value / (_SCALE_OF[m.group(3).lower()] if m.group(3) else 1.0))
    return None if digits is None else digits + old[m.end(1):]


_DIGITS = Pattern("[0-9０-９]+")


def _loose_digits(text: str, numbers: list[Number]) -> list[str]:
    """The runs of digits of ``text`` that no number of ``numbers`` holds: a code's or a
    name's (A100, v2.0, ISO 9001 as the reader leaves them)."""
    return [m.group() for m in _DIGITS.finditer(text)
            if not any(n.start <= m.start() and m.end() <= n.end for n in numbers)]


def adjust_numbers(old_source: str, old_target: str, new_source: str, source_lang: str = "zh",
                   target_lang: str = "en") -> str | None:
    """``old_target`` (the translation of ``old_source``) with the numbers that ``new_source``
    changes changed as well, written as the translation wrote them (2025 → 2026, 10 → 12,
    1,200 → 1,500, 5亿 "500 million" → 6亿 "600 million"): what a CAT tool offers for a match
    whose source differs in numbers only. None when a changed number cannot be placed
    for certain: the two sources do not hold as many numbers of the same kinds in the same
    order, or differ in digits that are no number (a code's, A100 → A200), the old value is
    not in the translation exactly once (or twice in the source), or the translation writes
    it in a way this does not write (in words)."""
    # a list's marker counted as a number (1. → 2. changes the item, which the translation
    # numbers too: the marker is read, else "2. 共12人" was offered "1. 12 people")
    old = extract_numbers(old_source, source_lang, skip_list_markers=False)
    new = extract_numbers(new_source, source_lang, skip_list_markers=False)
    if len(old) != len(new) or any(a.kind != b.kind for a, b in zip(old, new)):
        return None
    if _loose_digits(old_source, old) != _loose_digits(new_source, new):
        return None     # a code's digits changed (型号A100 → A200, v2.0 → v2.1): not a number to place
    changed = [(a, b) for a, b in zip(old, new) if normalise_value(a.value) != normalise_value(b.value)]
    if not changed:
        return None
    written = extract_numbers(old_target, target_lang, skip_list_markers=False)
    edits = {}
    for a, b in changed:
        value = normalise_value(a.value)
        if sum(normalise_value(n.value) == value for n in old) != 1:
            return None
        found = [n for n in written if normalise_value(n.value) == value]
        if len(found) != 1 or found[0].start in edits:
            return None
        # a translation that copied the source's number as written (1.50 → $1.50) takes the
        # new source's as written (2.00 → $2.00, not $2), when it groups the thousands as
        # the old one did (1,200 → 1500 is still written 1,500)
        copied = found[0].text == a.text and (_FOLLOWED.fullmatch(b.text) or _GROUPED.fullmatch(b.text)) \
            and bool(_GROUPED.fullmatch(a.text)) == bool(_GROUPED.fullmatch(b.text))
        text = b.text if copied else _written_like(b.value, found[0].text)
        if text is None:
            return None
        edits[found[0].start] = (found[0].end, text)
    out = old_target
    for start in sorted(edits, reverse=True):
        end, text = edits[start]
        out = out[:start] + text + out[end:]
    return out


# --- units of measure ------------------------------------------------------------

#: Units of measure after a number, by dimension: each unit's Chinese names, then its English
#: symbols and names (singular and plural, _ for a space; a symbol is also read in Chinese
#: text, 4 mg). Money
#: is left out: a currency's sign goes before its number in English (¥40, NT$12 billion).
_UNITS = {
    "length": {"km": "公里 千米 | km kilometre kilometres kilometer kilometers",
               "m": "米 | m metre metres meter meters",
               "cm": "厘米 | cm centimetre centimetres centimeter centimeters",
               "mm": "毫米 | mm millimetre millimetres millimeter millimeters",
               # mph: miles an hour, read as its miles (30 km/h "30 mph" is a unit changed)
               "mile": "英里 | mile miles mph",
               "ft": "英尺 | ft foot feet"},
    "mass": {"t": "吨 | t tonne tonnes ton tons",
             "kg": "公斤 千克 | kg kilogram kilograms kilo kilos",
             "g": "克 | g gram grams",
             "mg": "毫克 | mg milligram milligrams",
             "μg": "微克 | μg µg mcg microgram micrograms",
             "lb": "磅 | lb lbs",
             "jin": "斤 | jin catty catties"},
    "volume": {"L": "升 | L l litre litres liter liters",
               "mL": "毫升 | mL ml millilitre millilitres milliliter milliliters",
               "m³": "立方米 | m³ m3 cbm cubic_metre cubic_metres cubic_meter cubic_meters",
               "ft³": "立方英尺 | ft³ cu_ft cubic_foot cubic_feet"},
    "time": {"h": "小时 个小时 钟头 | h hr hrs hour hours",
             "min": "分钟 | min mins minute minutes",
             "s": "秒 秒钟 | s sec secs second seconds",
             "day": "天 自然日 个自然日 | day days calendar_day calendar_days",
             # 5个工作日 "5 working days" is a week of them, not "5 days" (session 29)
             "working day": "工作日 个工作日 | working_day working_days business_day business_days workday workdays",
             "week": "周 星期 个星期 | week weeks",
             "month": "个月 | month months",
             "year": "年 周岁 周歲 周年 週年 | year years"},
    "area": {"m²": "平方米 | m² m2 sqm sq_m square_metre square_metres square_meter square_meters",
             "km²": "平方公里 平方千米 | km² km2 sq_km square_kilometre square_kilometres square_kilometer "
                    "square_kilometers",
             "ft²": "平方英尺 | ft² sq_ft square_foot square_feet",
             "ha": "公顷 | ha hectare hectares",
             "mu": "亩 | mu"},
    "temperature": {"°C": "℃ 摄氏度 | °C ℃ celsius", "°F": "华氏度 | °F ℉ fahrenheit"},
    # a device's, a data sheet's and a release note's (decimal and binary multiples of the byte
    # apart: 64 MB is not 64 MiB; the ampere's lone "A" left out, a letter after a number as often)
    "data": {"B": "字节 | byte bytes",
             "KB": "千字节 | KB kB kilobyte kilobytes", "KiB": "| KiB kibibyte kibibytes",
             "MB": "兆字节 | MB megabyte megabytes", "MiB": "| MiB mebibyte mebibytes",
             "GB": "吉字节 | GB gigabyte gigabytes", "GiB": "| GiB gibibyte gibibytes",
             "TB": "太字节 | TB terabyte terabytes", "TiB": "| TiB tebibyte tebibytes",
             "PB": "拍字节 | PB petabyte petabytes"},
    "frequency": {"Hz": "赫兹 | Hz hertz", "kHz": "千赫 千赫兹 | kHz kilohertz",
                  "MHz": "兆赫 兆赫兹 | MHz megahertz", "GHz": "吉赫 吉赫兹 | GHz gigahertz"},
    "power": {"W": "瓦 瓦特 | W watt watts", "kW": "千瓦 | kW kilowatt kilowatts",
              "MW": "兆瓦 | MW megawatt megawatts", "GW": "吉瓦 | GW gigawatt gigawatts"},
    "energy": {"Wh": "瓦时 | Wh", "kWh": "千瓦时 | kWh", "MWh": "兆瓦时 | MWh",
               # a food label's (千卡 and 大卡 are the kilocalorie, the "Calorie")
               "kcal": "千卡 大卡 | kcal kilocalorie kilocalories", "kJ": "千焦 千焦耳 | kJ kilojoule kilojoules"},
    "charge": {"mAh": "毫安时 | mAh", "Ah": "安时 | Ah"},
    "voltage": {"V": "伏 伏特 | V volt volts", "kV": "千伏 | kV kilovolt kilovolts",
                "mV": "毫伏 | mV millivolt millivolts"},
    "current": {"mA": "毫安 | mA milliamp milliamps milliampere milliamperes",
                "amp": "安培 | amp amps ampere amperes"},
    # a weather report's and an engineer's pressure (SI: Pa and its multiples; 百帕 is hPa)
    "pressure": {"Pa": "帕 帕斯卡 | Pa pascal pascals",
                 "hPa": "百帕 | hPa hectopascal hectopascals mbar millibar millibars",
                 "kPa": "千帕 | kPa kilopascal kilopascals",
                 "MPa": "兆帕 | MPa megapascal megapascals"},
}


def _unit_names(side: int) -> list[tuple[str, tuple[str, str]]]:
    """Each name of one side of :data:`_UNITS` (0: Chinese, 1: English), as written, with
    its (dimension, unit)."""
    return [(name.replace("_", " "), (dimension, unit)) for dimension, units in _UNITS.items()
            for unit, names in units.items() for name in names.split("|")[side].split()]


@lru_cache(maxsize=1)
def _unit_table():
    """The names of :data:`_UNITS` by language and their patterns, made at the first unit read
    (QA's): a one-shot ``tm match`` that adjusts a match's numbers reads none (their patterns
    were 1.8 ms of its start)."""
    zh_unit, en_unit = ({name.lower(): unit for name, unit in _unit_names(side)} for side in (0, 1))
    # 年代 is a decade (90年代 "the 90s"), not a count of years
    zh_re = re.compile("(?:" + "|".join(sorted(zh_unit, key=len, reverse=True)) + ")(?!代)")
    # the symbols of one letter, as the table writes them: their case is their meaning (m and M, g and G)
    one_letter = frozenset(name for name, _ in _unit_names(1) if len(name) == 1)
    en_re = re.compile(r"\s?(" + "|".join(sorted(map(re.escape, en_unit), key=len, reverse=True))
                       + r")(?![A-Za-z0-9²])", re.IGNORECASE)
    return zh_unit, en_unit, zh_re, en_re, one_letter


#: The "per" of a compound unit after its numerator: mg/kg, "mg per kg", 毫克/千克, 毫克每千克.
_PER = {"zh": Pattern(r"\s?[/／每]\s?"), "en": Pattern(r"\s?/\s?|\s+per\s+", re.I)}

#: Units of time written only as a compound unit's denominator in English: the year's symbol
#: "a" (annus, ISO 80000-3) and the day's "d" (a unit accepted for use with the SI), as an
#: engineer's and an environmental report's rates write them (520 t/a "520吨/年", 500 m³/d
#: "500立方米/天"), and "per annum". Alone after a number they are no unit: "2 a.m.", "5 d".
_TIME_SYMBOLS = Pattern(r"(a|d|annum)(?![A-Za-z0-9]|\.[A-Za-z])")
_TIME_SYMBOL_UNITS = {"a": ("time", "year"), "annum": ("time", "year"), "d": ("time", "day")}


def unit_after(text: str, end: int, lang: str, *, denominator: bool = False) -> tuple[str, str] | None:
    """The unit of measure written right after a number ending at ``end``, as (dimension,
    unit): 2.8公里 and "2.8 km" give ("length", "km"), "2.8 miles" ("length", "mile"), 4 mg
    ("mass", "mg"); None when no unit of the table follows (a currency, a count's measure word).
    With ``denominator``, the unit the first one is divided by (5 mg/kg, "5 mg per kilogram":
    ("mass", "kg")), None when there is none or it is no unit of the table (mg per dose)."""
    found = _unit_match(text, end, lang)
    if found is None or not denominator:
        return found and found[0]
    per = _PER[lang].match(text, found[1])
    if per and lang == "en" and (symbol := _TIME_SYMBOLS.match(text, per.end())):
        return _TIME_SYMBOL_UNITS[symbol.group(1)]
    found = _unit_match(text, per.end(), lang) if per else None
    return found and found[0]


def _unit_match(text: str, end: int, lang: str) -> tuple[tuple[str, str], int] | None:
    """:func:`unit_after`'s unit and where its name ends."""
    zh_unit, en_unit, zh_re, en_re, one_letter = _unit_table()
    if lang == "zh":
        # a space between the number and its unit, as software's Chinese writes it (3 小时)
        m = zh_re.match(text, end + 1 if text[end:end + 1] in (" ", "\u00a0", "\u2009") else end)
        if m:
            return zh_unit[m.group()], m.end()
    m = en_re.match(text, end)
    if m is None or len(m.group(1)) == 1 and m.group(1) not in one_letter:
        return None     # 5M users, a 5G network: M and G are mega/million and a generation
    return en_unit[m.group(1).lower()], m.end()


def unit_names(unit: tuple[str, str]) -> list[str]:
    """Every name of ``unit`` (a value of :func:`unit_after`) in both languages: ("mass", "kg")
    gives 公斤, 千克, kg, kilogram…"""
    return [name for side in (0, 1) for name, u in _unit_names(side) if u == unit]
