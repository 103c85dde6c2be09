"""Scans of the number check written for speed: each must find what the plain pattern finds.
(The number check reads every English sentence with three patterns that begin with a word
boundary or a look-behind, tried at every position: a third of its time on plain English.)"""

import random
import re

import pytest

from glossary.qa.checks import _GLUED_DIGITS, _MONTH_OR_TIMES, _MONTH_RE, _TIMES_RE
from tm import may_hold_words

# pieces of English that the patterns match, nearly match, or read in another case
PIECES = ["January", "january", "JANUARY", "May", "may", "Mayor", "Sept.", "Sep", "Sept 2026", "6 Dec",
          "Dec6", "Decimal", "once", "Once", "ONCE", "twice", "sıngle", "ſingle", "SİNGLE", "both",
          "bothering", "\u212aey", "dual-use", "double", "tripled", "CO2", "Q3 2025", "FY2025", "A1.5",
          "x12,5", "b7", "7b", "mp3", "3.5", "H2O", "the", "plan", "中文", "é", "—", "’s", " ", ", ", "-"]


def texts(n=4000, seed=7):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(PIECES) + rng.choice(["", " ", " ", "-", ".", "é"]) for _ in range(rng.randint(1, 8)))


def test_a_sentence_passed_over_holds_no_month_and_no_times_word():
    seen = 0
    for text in texts():
        if _MONTH_RE.search(text) or _TIMES_RE.search(text):
            seen += 1
            assert may_hold_words(text, _MONTH_OR_TIMES), text
    assert seen > 1000          # the texts do hold such words
    assert not may_hold_words("The plan supports research and development in 2025.", _MONTH_OR_TIMES)


def test_digits_glued_to_a_letter_are_found_as_the_look_behind_finds_them():
    plain = re.compile(r"(?<=[A-Za-z])[0-9]+(?![0-9]|[.,][0-9])")
    seen = 0
    for text in texts():
        expected = [m.span() for m in plain.finditer(text)]
        seen += bool(expected)
        assert [m.span() for m in _GLUED_DIGITS.finditer(text)] == expected, text
    assert seen > 1000


def test_an_identifier_is_found_as_the_plain_pattern_finds_it_and_in_linear_time():
    """The identifier pattern (login.2fa_intro, MAX_RETRY_3) as first written let its
    leading run split at each letter: a long token (a data: URI, a hash) in a sentence with
    an underscore took quadratic time (80,000 letters: seconds)."""
    import time
    from glossary.qa.checks import _IDENTIFIER
    plain = re.compile(r"(?<![\w.])[A-Za-z0-9.]*(?:[A-Za-z][A-Za-z0-9.]*_|_[A-Za-z0-9.]*[A-Za-z])[\w.]*")
    rng = random.Random(3)
    seen = 0
    for _ in range(20000):
        text = "".join(rng.choice("ab1._ 数-Z9") for _ in range(rng.randint(0, 14)))
        expected = [m.span() for m in plain.finditer(text)]
        seen += bool(expected)
        assert [m.span() for m in _IDENTIFIER.finditer(text)] == expected, text
    assert seen > 1000
    text = "data:image/png;base64," + "iVBORw0KGgo" * 8000 + " step_2 3"
    start = time.perf_counter()
    assert [m.group() for m in _IDENTIFIER.finditer(text)] == ["step_2"]
    assert time.perf_counter() - start < 0.5


def test_a_row_of_thousands_of_numbers_is_checked_in_linear_work(monkeypatch):
    """A table's row or a list of figures with a thousand numbers a side: every Chinese number
    was looked for among all English ones, every missing number weighed against every extra
    one (and each choice checked against all made): 1,000 a side took seconds, 5,000 minutes.
    The differing numbers are still each reported once, against the extra number in its place."""
    from glossary.qa import checks
    from glossary.qa.checks import Pair, check_number
    from tm.text import numbers

    weighed = []
    real = checks._unlikeness
    monkeypatch.setattr(checks, "_unlikeness", lambda n, e: weighed.append(1) or real(n, e))
    walked = []
    real_start = numbers._at_line_start
    monkeypatch.setattr(numbers, "_at_line_start", lambda text, start: walked.append(1) or real_start(text, start))
    n = 3000
    zh = "，".join(str(1000 + i) for i in range(n)) + "。"
    en = ", ".join(str(1000 + i if i % 10 else 9_000_000 + i) for i in range(n)) + "."
    findings = check_number(Pair("1", zh, en))
    assert [f.message for f in findings][:2] == [
        "number differs: 1000 (1,000) in the source, 9000000 (9,000,000) in the target",
        "number differs: 1010 (1,010) in the source, 9000010 (9,000,010) in the target"]
    assert len(findings) == 300
    assert len(weighed) <= checks._MAX_PAIRINGS


def test_a_number_far_into_a_long_line_is_no_list_marker_and_its_line_is_not_copied():
    from tm.text.numbers import _at_line_start
    line = "数" * 100_000 + "1、"
    assert _at_line_start(line, 100_000) == (False, "")
    assert _at_line_start("\n  （1）", 4) == (True, "（")
    assert _at_line_start("ab\n 1.", 4) == (True, "")


def test_a_long_segment_looks_for_each_approved_rendering_once_however_often_its_term_occurs(monkeypatch):
    """The forbidden-term check looked for the approved renderings of every hit, so a segment
    holding a term a thousand times searched its English a thousand times per rendering (a
    190,000-character segment: 6 minutes)."""
    from glossary.models import Entry
    from glossary.qa import termmatch
    from glossary.qa.checks import SEGMENT_CHECKS, Pair
    from glossary.qa.termmatch import TermIndex
    index = TermIndex([Entry(zh="信创", approved=["IT application innovation"], forbidden=["innovation"]),
                       Entry(zh="创新", approved=["innovation"])])
    searches = []
    real = termmatch.English.find
    monkeypatch.setattr(termmatch.English, "find", lambda self, forms: searches.append(forms) or real(self, forms))
    n = 500
    pair = Pair("1", "推动信创产业创新发展。" * n,
                "promote the innovation of the IT application innovation industry. " * (n - 1)
                + "promote the innovation industry.")
    findings = SEGMENT_CHECKS["forbidden-term"](pair, index.find(pair.zh))
    # the last sentence's "innovation" is 创新's rendering, which 信创 in the same segment does
    # not forbid: the check reads the segment as one, as it did before
    assert findings == []
    assert len(searches) <= 4


def test_a_run_of_numeral_characters_is_no_numeral_and_no_crash():
    """A run of thousands of numeral characters (a table of 一二三…, garbage) recursed once per
    万/亿 and raised RecursionError: a traceback from `glossary qa`."""
    from glossary.qa.checks import Pair
    from glossary.qa.run import run_qa
    from tm.text.zh import parse_zh_numeral
    assert parse_zh_numeral("一万亿亿") == 10**20
    with pytest.raises(ValueError):
        parse_zh_numeral("一二三四五六七八九十百千万亿" * 3000)
    result = run_qa([Pair("1", "一二三四五六七八九十百千万亿" * 3000, "one two " * 3000)])
    assert all(f.check != "number" or "1" not in f.message[:20] for f in result.findings)


def test_approximate_words_and_open_brackets_read_back_as_the_patterns_do():
    from glossary.qa.checks import _in_open_bracket
    from tm.text.numbers import _APPROXIMATE, _approximate_before
    rng = random.Random(3)
    pieces = ["several", "a few", "few", "many", "some", "hundreds of", "thousands of", "x", " ", "  ",
              "\n", "Several", "fewer", "afew", " of", "(", ")", "[", "]"]
    hits = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        at = rng.randint(0, len(text))
        expected = _APPROXIMATE.search(text, 0, at) is not None
        hits += expected
        assert _approximate_before(text, at) == expected, (text, at)
        assert _in_open_bracket(text, at) == (re.search(r"[(\[][^)\]]*\Z", text[:at]) is not None), (text, at)
    assert hits > 100           # the texts do hold such words before a number's place
