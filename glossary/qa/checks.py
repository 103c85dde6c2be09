"""The QA checks: one pure function per check, each returning ``list[Finding]``.

Segment checks take ``(pair, hits)``: the zh/en pair and the term-base terms
found in its source (most checks ignore the terms). The file-level
``inconsistency`` check takes every pair at once. Each finding carries the
check's name and a default severity; :mod:`glossary.qa.run` applies the user's
severity overrides. Checks never raise on odd text: a finding is data.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from tm import (HAN, SCRIPT_DIGITS, bounds, changes, code_name, comparisons, conditions, english_vocabulary, extract_numbers, fold, inline_codes,
                is_acronym, load_lexicon, places, trie_pattern, may_hold_words, may_oblige, may_permit, mixed_script_words,
                negation_rendered, negations, obligations, permissions,
                normalise_value, says_no, says_no_beyond_conditions, simplified_key, text_placeholders,
                to_halfwidth, unbalanced_codes, unit_after, unit_names, parse_zh_numeral, senses_beginning)

from glossary.models import Finding
from glossary.qa.termmatch import TermHit, english, rendering_pattern


@dataclass(frozen=True)
class Pair:
    """One source/target pair to check; ``id`` is the segment id findings carry."""

    id: str
    zh: str
    en: str
    confidence: float | None = None     # alignment confidence, for pairs from --zh/--en
    source: str = "zh"                  # the side translated from: "zh", or "en" (en -> zh)


@dataclass
class QAFinding(Finding):
    """A :class:`Finding` that also says which side ``span`` points into."""

    side: str = "en"            # "en" or "zh"
    term: str | None = None     # the term-base term a terminology finding is about


def _finding(pair: Pair, check: str, severity: str, message: str,
             span: tuple[int, int] | None = None, side: str = "en",
             term: str | None = None) -> QAFinding:
    return QAFinding(id=pair.id, check=check, severity=severity, message=message,
                     zh=pair.zh, en=pair.en, span=list(span) if span else None, side=side,
                     term=term)


def _q(text: str) -> str:
    return "“" + text + "”" if not text.isascii() else '"' + text + '"'


# --- empty / untranslated ----------------------------------------------------

def check_empty(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """The target is missing or blank while the source has text."""
    if pair.source == "en":
        if pair.en.strip() and not pair.zh.strip():
            return [_finding(pair, "empty", "error", "no translation", (0, len(pair.en)), "en")]
        return []
    if pair.zh.strip() and not pair.en.strip():
        return [_finding(pair, "empty", "error", "no translation", (0, len(pair.zh)), "zh")]
    return []


_CJK_RUN = re.compile(f"[{HAN}]+")


#: Characters around a word that leave it a word: quotes, brackets, sentence punctuation,
#: a menu's accelerator mark (``&Save``).
_AROUND = "\"'“”‘’«»()[]{}<>.,;:!?…*&"
#: An English word as prose writes it: letters, lower case or with a capital first, an
#: apostrophe or hyphen inside (word, Word, don't, well-known). Not a word: digits, ``_``,
#: ``.``, ``/``, ``$``, ``@``, ``=``, inner capitals (PHPUnit, getMock), capitals only.
_PROSE_WORD = re.compile(r"[A-Za-z][a-z]*(?:['’-][A-Za-z][a-z]*)*")
_LETTER = re.compile("[A-Za-z]")
#: The end of a sentence (or of a label introducing something): a command line has none.
_SENTENCE_END = re.compile(r"[.!?:;…]['\"’”)\]]*\s*$")


def prose_kind(text: str) -> str | None:
    """What English ``text`` holds to translate, from its whitespace-separated tokens
    (inline codes and the punctuation around a token aside): None when fewer than two are
    words or words are fewer than two thirds of them: code, a command, a file name, a URL,
    a version, an identifier or a list of them (``"phpunit/dbunit": ">=1.2"``,
    ``E_USER_ERROR``, ``phpunit --filter testFoo``), which a translator rightly copies;
    None too for a command line, words in lower case with an argument of code and no
    sentence's end (``git commit --amend``, ``pip install "tool>=2.0"``, ``@requires
    extension curl``), whose words outnumber its arguments; ``"name"`` when every word is
    capitalised (a name, or a title: ``Sebastian Bergmann``, ``Edit Filter Patterns``);
    ``"listing"`` for prose laid out in lines (code with its comments, a terminal
    transcript); else ``"prose"``."""
    for code in inline_codes(text):
        text = text.replace(code, " ")
    words, tokens, lower, upper, code = 0, 0, False, False, False
    for token in text.split():
        token = token.strip(_AROUND)
        if token:
            tokens += 1
            if _PROSE_WORD.fullmatch(token):
                words += 1
                if token.islower():
                    lower = True
                else:
                    upper = True
            elif _LETTER.search(token):
                code = True         # an identifier, option, path, URL: not a number, not a sign
    if words < 2 or 3 * words < 2 * tokens:
        return None
    if not lower:
        return "name"
    if code and not upper and not _SENTENCE_END.search(text):
        return None                 # a command line
    return "listing" if "\n" in text.strip() else "prose"


_COPIED = {"prose": ("error", "target is the untranslated source"),
           "name": ("warning", "target is the source: a name, or an untranslated title?"),
           "listing": ("warning", "target is the source: a listing (code, output), or untranslated?")}


def check_untranslated(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """The target equals the source, or still contains Chinese characters (zh -> en);
    en -> zh: the Chinese target is the English source as it was, when that has prose to
    translate (:func:`prose_kind`: code, commands and the like are copied rightly; a copy
    of capitalised words only may be a name, one laid out in lines a listing: warnings)."""
    if pair.source == "en":
        zh = pair.zh.strip()
        kind = prose_kind(zh) if zh and zh == pair.en.strip() else None
        if kind is not None:
            start = pair.zh.index(zh)
            severity, message = _COPIED[kind]
            return [_finding(pair, "untranslated", severity, message, (start, start + len(zh)), "zh")]
        return []
    en = pair.en.strip()
    if not en:
        return []
    if en == pair.zh.strip() and _CJK_RUN.search(en):
        return [_finding(pair, "untranslated", "error", "target is the untranslated source",
                         (pair.en.index(en), pair.en.index(en) + len(en)))]
    runs = list(_CJK_RUN.finditer(pair.en))
    if runs:
        shown = ", ".join(dict.fromkeys(m.group() for m in runs))
        return [_finding(pair, "untranslated", "error",
                         f"Chinese left in the target: {shown}", runs[0].span())]
    return []


# --- punctuation -------------------------------------------------------------

#: Chinese punctuation that has no place in English text (curly quotes are separate:
#: English typography uses them too).
CHINESE_PUNCT = "，。：；！？（）、《》【】「」『』〔〕〈〉～﹏·　．"
_CHINESE_PUNCT_RUN = re.compile("[" + re.escape(CHINESE_PUNCT) + "\uff01-\uff5e]+")   # and full-width forms
_CURLY = re.compile("[“”]")
_UNIT_MARK = re.compile("[0-9\u00b2\u00b3\u00b9\u2070-\u209f\u00b5\u03bc\u03a9\u2126]")


def _product_of_units(en: str, at: int) -> bool:
    """The middle dot at ``at`` multiplies units (μmol·m⁻²·s⁻¹, N·m, kW·h, J·mol): the word
    around it holds no space, and an exponent, a digit or μ, or only parts of at most three
    letters. The Chinese one (间隔号) separates a transliterated name's parts (Li·Ming)."""
    start, end = at, at + 1
    while start and not en[start - 1].isspace():
        start -= 1
    while end < len(en) and not en[end].isspace():
        end += 1
    word = en[start:end].strip(".,;:!?()[]")
    parts = word.split("·")
    if not all(parts) or not all(p.isascii() or _UNIT_MARK.search(p) for p in parts):
        return False
    return bool(_UNIT_MARK.search(word)) or all(len(p) <= 3 and p.isalpha() for p in parts)
_ANY_PUNCT_PROBLEM = re.compile("[" + re.escape(CHINESE_PUNCT) + "\uff01-\uff5e“”]|  |[,;:!?.]\\s*[,;:!?.]")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SOURCE_GAP = re.compile(r"(?<=\S)(?: {2,}|[\t\u3000]+)(?=\S)")
_DOUBLE_PUNCT = re.compile(r"([,;:!?])\s*\1|(?<!\.)\.\.(?!\.)|[,;:]\s*\.(?!\.)")


#: Spaces before an English mark that ends a word's clause or sentence ("Linux ." "data ,"),
#: not before an ellipsis, spaced or not, a decimal or a name (" ...", " . . .", " .5", " .NET"),
#: nor before an emoticon (" :)", " ;-)", " :(").
_EMOTICON_EYES = r"[;:](?=[-^]?[()](?![A-Za-z0-9_(]))"        # :) ;-) :( (not :D: 答案:D is an answer)
_SPACE_BEFORE = re.compile(r" +(?=[,!?]|(?!" + _EMOTICON_EYES + r")[;:]|\.(?![.\w]| \.))")     # (after a word: see its use)
_WORD_END = re.compile(r"[A-Za-z0-9)\]]")
#: What may close a sentence after its mark: quotes and brackets.
_CLOSERS = "\"'”’）)」』】]》>"


def _end_mark(text: str) -> str:
    """The last character of ``text`` before its closing quotes, brackets and spaces."""
    return text.rstrip().rstrip(_CLOSERS + " \u3000").rstrip()[-1:]


def _end_findings(pair: Pair) -> list[Finding]:
    """A question turned into a statement (？ and no ? in the target: a translator may well
    make a question of a statement the source words as one, 你怎么敢走了。 "How dare you?"),
    and a sentence the source ends (。！) whose translation ends with no mark at all."""
    zh_end, en_end = _end_mark(pair.zh), _end_mark(pair.en)
    if not zh_end or not en_end or pair.zh.strip() == pair.en.strip():
        return []                   # (an English-only document has no source to compare)
    at = (len(pair.en.rstrip()) - 1, len(pair.en.rstrip()))
    if zh_end in "？?" and "?" not in pair.en:
        return [_finding(pair, "punctuation", "info",     # (a rhetorical question may be made a statement)
                         "the source asks a question (？), the target asks none (no ?)", at)]
    if zh_end in "。！!" and en_end.isalnum():
        return [_finding(pair, "punctuation", "info",
                         f"the source ends its sentence ({zh_end}), the target has no final mark", at)]
    return []


#: Chinese typography of a Chinese target (en → zh): a half-width mark right after a Chinese
#: character (容器,它 | 完成.), a doubled mark; not an emoticon's eyes (谢谢:) ). (Not a space
#: between two Chinese characters: software translations set a menu's name off so, 参见 帮助 >
#: 用户手册, and a chapter's title.)
_ZH_HALF_MARK = re.compile(f"(?<=[{HAN}])(?:[,!?]|(?!{_EMOTICON_EYES})[;:]|\\.(?=\\s|$|[{HAN}]))")
_ZH_FULL_OF = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", ".": "。"}
_ZH_DOUBLED = re.compile("([，。；：、])\\1+")
_CODE_SPAN = re.compile(r"`[^`]*`")


def _zh_typography(pair: Pair) -> list[Finding]:
    """A Chinese target's punctuation (en → zh): warnings, outside `code`."""
    zh = _CODE_SPAN.sub(lambda m: " " * len(m.group()), pair.zh)
    out = [_finding(pair, "punctuation", "warning",
                    f"half-width {m.group()!r} after Chinese text: {_ZH_FULL_OF[m.group()]}", m.span(), "zh")
           for m in _ZH_HALF_MARK.finditer(zh)]
    out += [_finding(pair, "punctuation", "warning", f"doubled punctuation {m.group()!r}", m.span(), "zh")
            for m in _ZH_DOUBLED.finditer(zh)]
    return sorted(out, key=lambda f: f.span[0])


def check_punctuation(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """Full-width punctuation in the English target; doubled spaces or punctuation; a space
    before a mark; a question or a sentence's end the target does not keep. A Chinese target
    (en → zh): a half-width mark after Chinese text, a doubled mark (:func:`_zh_typography`)."""
    if pair.source == "en":
        return _zh_typography(pair)
    en = pair.en
    out = _end_findings(pair)
    # not inside `code`, nor a space the source has before the same mark (i = 0 ; i < n: code
    # or a command copied from the source, as the source writes it)
    plain = _CODE_SPAN.sub(lambda m: "`" * len(m.group()), en) if "`" in en else en
    out += [_finding(pair, "punctuation", "warning", f"space before {en[m.end()]!r}", m.span())
            for m in _SPACE_BEFORE.finditer(plain) if m.start() and _WORD_END.match(plain, m.start() - 1)
            and " " + en[m.end():m.end() + 2] not in pair.zh]
    if not _ANY_PUNCT_PROBLEM.search(en):
        return sorted(out, key=lambda f: f.span[0])
    for m in _CHINESE_PUNCT_RUN.finditer(en):
        if m.group() == "·" and _product_of_units(en, m.start()):
            continue        # μmol·m⁻²·s⁻¹, N·m, kW·h: the dot of a product of units
        what = "punctuation" if any(ch in CHINESE_PUNCT for ch in m.group()) else "full-width characters"
        out.append(_finding(pair, "punctuation", "error",
                            f"Chinese {what} {m.group()} in the English target", m.span()))
    curly = list(_CURLY.finditer(en)) if "“" in en or "”" in en else []
    if curly:
        mixed = '"' in en
        out.append(_finding(
            pair, "punctuation", "warning" if mixed else "info",
            "curly quotes “” mixed with straight quotes" if mixed
            else "curly quotes “” (as in the Chinese source); fine only if the house style uses them",
            curly[0].span()))
    doubled = list(_DOUBLE_SPACE.finditer(en))
    # a gap the source has too (联系人：李明  电话：…) is the layout copied, not a typing slip
    if len(doubled) > len(_SOURCE_GAP.findall(pair.zh)):
        out += [_finding(pair, "punctuation", "warning", "doubled space", m.span()) for m in doubled]
    for m in _DOUBLE_PUNCT.finditer(en):
        out.append(_finding(pair, "punctuation", "warning",
                            f"doubled punctuation {m.group()!r}", m.span()))
    return sorted(out, key=lambda f: f.span[0])


# --- brackets ----------------------------------------------------------------

_OPEN_EN, _CLOSE_EN = "([{", ")]}"
_BRACKET_RES: dict[str, re.Pattern] = {}
_EN_LIST_MARKER = re.compile(r"\s*[0-9A-Za-z]{1,4}\)\s")
_ZH_PAREN = re.compile(r"[（(【\[]([^（）()【】\[\]]*)[）)】\]]")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")


_AND_OR = frozenset({"或", "和", "及", "与", "或者"})


def _unbalanced(text: str, opens: str, closes: str) -> int | None:
    """Offset of the first unbalanced bracket in ``text``, else None."""
    stack: list[tuple[str, int]] = []
    marks = _BRACKET_RES.get(opens + closes)
    if marks is None:
        marks = _BRACKET_RES[opens + closes] = re.compile("[" + re.escape(opens + closes) + "]")
    for m in marks.finditer(text):
        i, ch = m.start(), m.group()
        if ch in opens:
            stack.append((ch, i))
        elif ch in closes:
            want = opens[closes.index(ch)]
            if not stack or stack[-1][0] != want:
                return i
            stack.pop()
    return stack[0][1] if stack else None


_ZH_LIST_MARKER = re.compile(r"\s*[0-9A-Za-z一二三四五六七八九十]{1,3}[)）]")


def _zh_brackets(pair: Pair) -> list[Finding]:
    """en → zh: unbalanced brackets or quotes in the Chinese target (errors), unless the
    English source is unbalanced too; a list's 1） is no bracket."""
    zh, en, out = pair.zh, pair.en, []
    marker = _ZH_LIST_MARKER.match(zh)
    skip = marker.end() if marker else 0
    en_quotes = en.count('"') % 2 == 0 and en.count("“") == en.count("”")
    at = _unbalanced(to_halfwidth(zh[skip:]), "([{【〔《「『", ")]}】〕》」』")
    if at is not None:
        at += skip
        # 「」『』《》 stand for the source's quotes (a segment cut inside a quotation: both open)
        if (_unbalanced(en, _OPEN_EN, _CLOSE_EN) is None) and (en_quotes or zh[at] not in "「」『』《》"):
            out.append(_finding(pair, "brackets", "error", f"unbalanced bracket {zh[at]!r}", (at, at + 1), "zh"))
    if zh.count("“") != zh.count("”") and en_quotes:
        at = _unbalanced(zh, "“", "”")
        at = at if at is not None else zh.find("“")
        out.append(_finding(pair, "brackets", "error", "unbalanced quote “”", (at, at + 1), "zh"))
    return out


_PLUS_MINUS_QUANTITY = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*[±∓]\s*[0-9]+(?:\.[0-9]+)?")


def check_brackets(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """Unbalanced brackets or quotes in the target; a source bracket pair the target lost.

    Unbalanced target brackets are errors unless the source is unbalanced too (a
    segment cut inside a parenthesis). A lost pair is a warning: a parenthetical
    may fairly become commas or a relative clause, a reviewer judges.
    """
    if pair.source == "en":
        return _zh_brackets(pair)
    zh, en, out = to_halfwidth(pair.zh), pair.en, []
    zh_balanced = _unbalanced(zh, "([{【〔", ")]}】〕") is None
    marker = _EN_LIST_MARKER.match(en)          # "1) …" for （1）: a list style, not a bracket
    skip = marker.end() if marker else 0
    at = _unbalanced(en[skip:], _OPEN_EN, _CLOSE_EN)
    at = None if at is None else at + skip
    if at is not None and zh_balanced:
        out.append(_finding(pair, "brackets", "error", f"unbalanced bracket {en[at]!r}", (at, at + 1)))
    zh_quotes_ok = zh.count("“") == zh.count("”") and zh.count('"') % 2 == 0
    if zh_quotes_ok:
        if en.count('"') % 2:
            at = en.rfind('"')
            out.append(_finding(pair, "brackets", "error", "unbalanced quote '\"'", (at, at + 1)))
        if en.count("“") != en.count("”"):
            at = _unbalanced(en, "“", "”")
            at = at if at is not None else en.find("“")
            out.append(_finding(pair, "brackets", "error", "unbalanced quote “”", (at, at + 1)))
    # a pair the source has and the target lost
    en_pairs = sum(en.count(ch) for ch in "([") + (1 if marker else 0)
    # 和（或） "and/or", 及（或）: a conjunction in brackets is how Chinese writes "and/or"
    # an English name the source glosses in brackets (应用程序编程接口（Application Programming
    # Interface）) is what the target writes for the Chinese before it: nothing left to bracket
    # a mean and its deviation bracketed before their unit (（56.3±8.2）岁 "56.3 ± 8.2 years") is
    # how Chinese writes what English writes bare
    # a date's weekday in brackets (12月8日（星期二）) is "Tuesday, December 8" in English
    # a bound's inclusion in brackets (1.2米（含）以下 "1.2 m or under", 3万元（不含）以上) is
    # "or under", "inclusive", "and over" in English
    src = [m for m in _ZH_PAREN.finditer(zh) if m.group(1).strip() not in _AND_OR
           and not _ZH_INCLUSIVE.fullmatch(m.group(1).strip())
           and not _acronym_as_the_term(zh, m, en)
           and not _written_out(m.group(1), en) and not _PLUS_MINUS_QUANTITY.fullmatch(m.group(1).strip())
           and not (_ZH_WEEKDAY.fullmatch(m.group(1).strip()) and _weekdays(m.group(1), "zh") <= _weekdays(en, "en"))]
    if len(src) > en_pairs:
        lost = None
        for m in src:
            tokens = _LATIN_OR_NUMBER.findall(m.group(1))
            if tokens and not any(_in_open_bracket(en, hit.start())
                                  for t in tokens for hit in re.finditer(re.escape(t), en, re.IGNORECASE)):
                lost = m
                break
        lost = lost or src[-1]
        out.append(_finding(pair, "brackets", "warning",
                            f"the source has {len(src)} bracketed part(s), the target {en_pairs}: "
                            f"{pair.zh[lost.start():lost.end()]} may have lost its brackets",
                            lost.span(), "zh"))
    return out


#: A bound's inclusion or exclusion written in brackets after it: （含）, （不含）, （含本数）.
_ZH_INCLUSIVE = re.compile("不?(?:含|包含|包括)(?:本数|本數)?")


_ENGLISH_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ -]+[A-Za-z0-9]+)+")


def _written_out(inner: str, en: str) -> bool:
    """Whether a bracketed part of the source is an English name of two words or more
    (Extract-Transform-Load) that the target writes as its text, out of brackets; an
    acronym (GPU) or a single word in brackets still wants them."""
    inner = inner.strip()
    if not _ENGLISH_NAME.fullmatch(inner):
        return False
    return any(not _in_open_bracket(en, m.start()) for m in re.finditer(re.escape(inner), en, re.IGNORECASE))


def _acronym_as_the_term(zh: str, m: re.Match, en: str) -> bool:
    """Whether a bracketed acronym of the source (半数致死量（LD50）, 图形处理器（GPU）) is the
    target's name for the term before it: the target writes the acronym out of brackets and
    nothing of the CC-CEDICT gloss of the dictionary word the term ends with (致死量 "lethal
    dose"); "artificial intelligence AI" for 人工智能（AI） still lost its brackets."""
    inner = m.group(1).strip()
    if not is_acronym(inner) or not any(not _in_open_bracket(en, hit.start())
                                        for hit in re.finditer(rf"(?<![\w-]){re.escape(inner)}s?(?![\w-])", en)):
        return False
    lexicon, low = load_lexicon(), en.lower()
    words = [zh[k:m.start()] for k in range(max(0, m.start() - lexicon.max_word), m.start() - 1)
             if zh[k:m.start()] in lexicon]
    if not words:
        return False        # nothing known of the term: no telling whether the target renders it
    glossed = {w for word in words for w in _GLOSS_WORDS.findall(_GLOSS_NOTES.sub(" ", lexicon.gloss(word).lower()))}
    return not any(re.search(rf"\b{re.escape(w)}", low) for w in glossed)


#: A gloss's words of four letters or more, and its notes in brackets ("(computing)", "(GPU)").
_GLOSS_WORDS = re.compile(r"[a-z]{4,}")
_GLOSS_NOTES = re.compile(r"\([^()]*\)")


def _in_open_bracket(text: str, at: int) -> bool:
    """Whether ``at`` is inside a bracket opened before it and not closed: the last "(" or
    "[" before it has no ")" or "]" after it (read back from ``at``, not the text's start)."""
    opened = max(text.rfind("(", 0, at), text.rfind("[", 0, at))
    return opened >= 0 and max(text.rfind(")", opened, at), text.rfind("]", opened, at)) < 0


# --- acronyms ----------------------------------------------------------------

_LATIN_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9](?:[A-Za-z0-9&.\-]*[A-Za-z0-9])?")
_acronym_cache: dict[str, re.Pattern] = {}


def check_acronym(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """A Latin acronym or name in the source (GPU, RISC-V, eVTOL) missing from the target.
    A formula's subscript digits are its digits (CO₂ = CO2, H₂O = H2O)."""
    zh, en = to_halfwidth(pair.zh).translate(SCRIPT_DIGITS), pair.en.translate(SCRIPT_DIGITS)
    if pair.source == "en":
        found, within = _shortcuts(pair, zh, en)
        return (_codes_kept(en, zh, pair, within) + found + _names_changed(en, zh, pair) + _parties(pair)
                + _place_changed(pair))
    out, within = _shortcuts(pair, zh, en)
    out += _parties(pair) + _place_changed(pair)
    seen = set()
    for m in _LATIN_TOKEN.finditer(zh):
        token = m.group()
        if len(token) < 2 or not any(ch.isalpha() for ch in token) or token.lower() in seen \
                or any(a <= m.start() < b for a, b in within):
            continue    # (a key of a shortcut found written otherwise: that finding says it)
        seen.add(token.lower())
        pattern = _acronym_cache.get(token)
        if pattern is None:
            pattern = _acronym_cache[token] = rendering_pattern(token)
        if pattern.search(en) or _quantity_compared(token, en) or _unit_compared(zh, m.start(), en):
            continue
        if zh[m.start() - 1:m.start()] in ("/", "每") and m.start() > 0 and unit_after(zh, m.start(), "en"):
            continue    # the denominator of a compound unit, mg/kg: the number check compares it
        spelt = _spelt_out(token, en)
        in_brackets = zh[m.start() - 1:m.start()] in "([" and zh[m.end():m.end() + 1] in ")]" \
            and m.start() > 0
        if spelt and not in_brackets:
            # AI written out as "artificial intelligence": the reader loses nothing
            out.append(_finding(pair, "acronym", "warning",
                                f"{token} is spelt out in the target ({_q(spelt)})", m.span(), "zh"))
        else:
            out.append(_finding(pair, "acronym", "error", f"{token} is missing from the target",
                                m.span(), "zh"))
    return out


#: A keyboard shortcut: modifier keys and a key, joined by + or - (Ctrl+Shift+P, Alt-F4, ⌘S).
_MODIFIER = r"(?:Ctrl|Control|Alt|Shift|Cmd|Command|Option|Opt|Fn|Win|Windows|Meta|Super)"
_SHORTCUT = re.compile(rf"(?<![A-Za-z0-9])(?:{_MODIFIER}\s*[+\-]\s*)+"
                       r"(?:F[0-9]{1,2}|Enter|Return|Esc|Escape|Tab|Space|Delete|Del|Backspace|Home|End|"
                       r"PgUp|PgDn|PageUp|PageDown|Insert|Ins|Up|Down|Left|Right|[A-Za-z0-9]|[^\sA-Za-z0-9\u4e00-\u9fff])"
                       r"(?![A-Za-z0-9])"
                       r"|[⌘⌥⇧⌃]+(?:[A-Za-z0-9]|F[0-9]{1,2})(?![A-Za-z0-9])", re.IGNORECASE)
_KEY_NAMES = {"control": "ctrl", "command": "cmd", "option": "opt", "windows": "win", "escape": "esc",
              "return": "enter", "del": "delete", "ins": "insert", "pageup": "pgup", "pagedown": "pgdn",
              "⌘": "cmd", "⌥": "opt", "⇧": "shift", "⌃": "ctrl"}


def _shortcut_key(text: str) -> str:
    keys = re.split(r"\s*[+\-]\s*", text.casefold()) if text[0] not in "⌘⌥⇧⌃" else list(text.casefold())
    return "+".join(_KEY_NAMES.get(k, k) for k in keys)


def _shortcuts(pair: Pair, zh: str, en: str) -> tuple[list[Finding], list[tuple[int, int]]]:
    """A keyboard shortcut the target writes with another key (Ctrl+Shift+P "Ctrl+Shift+O"):
    its one-letter key is no acronym the check above reads.  Only where both sides write
    shortcuts (one written out in words, 按下Ctrl和S键, is no finding). The findings, and the
    spans in the source of the shortcuts they name."""
    # (a shortcut holds + or - or a Mac key's sign: the Chinese side, which seldom holds one, first)
    if not ("+" in zh or "-" in zh or any(c in zh for c in "⌘⌥⇧⌃")) or not _SHORTCUT.search(zh):
        return [], []
    found = {side: [(m, _shortcut_key(m.group())) for m in _SHORTCUT.finditer(text)]
             for side, text in (("zh", zh), ("en", en))}
    if not found["zh"] or not found["en"]:
        return [], []
    src, tgt = ("zh", "en") if pair.source != "en" else ("en", "zh")
    only_src = Counter(k for _, k in found[src]) - Counter(k for _, k in found[tgt])
    only_tgt = Counter(k for _, k in found[tgt]) - Counter(k for _, k in found[src])
    if not only_src or not only_tgt:
        return [], []

    def left_over(side: str, only: Counter) -> list[re.Match]:
        out = []
        for m, k in found[side]:
            if only[k] > 0:
                only[k] -= 1
                out.append(m)
        return out
    pairs = list(zip(left_over(src, only_src), left_over(tgt, only_tgt)))
    return ([_finding(pair, "acronym", "error", f"shortcut differs: {a.group()} in the source, {b.group()} in the target",
                      b.span(), tgt) for a, b in pairs],
            [a.span() for a, _ in pairs])


#: A code of capitals and digits (H370, P280, EN166, R404A): a Chinese translation writes it as
#: the English does, where it may translate an acronym of letters (AI 人工智能).
_LATIN_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]+[0-9][A-Z0-9]*(?![A-Za-z0-9])")


def _codes_kept(en: str, zh: str, pair: Pair, within: Sequence[tuple[int, int]] = ()) -> list[Finding]:
    """en -> zh: each code of the English source (:data:`_LATIN_CODE`) in the Chinese target
    (but in the spans ``within``: shortcuts found written otherwise)."""
    out, seen = [], set()
    for m in _LATIN_CODE.finditer(en):
        if m.group() not in seen and not rendering_pattern(m.group()).search(zh) \
                and not any(a <= m.start() < b for a, b in within):
            out.append(_finding(pair, "acronym", "error", f"{m.group()} is missing from the target", m.span(), "en"))
        seen.add(m.group())
    return out


#: A contract's parties: 甲方 … 丁方, 甲乙双方 (both), "Party A" … "Party D", "Parties A and B".
_ZH_PARTY = re.compile("([甲乙丙丁])方|([甲乙丙丁])[、和与及]?([甲乙丙丁])[、和与及]?([甲乙丙丁])?[双三四]?方")
_EN_PARTY = re.compile(r"\bParty\s+([A-D])\b|\bParties\s+([A-D])(?:\s*,\s*([A-D]))*\s+and\s+([A-D])\b")
_PARTY_LETTER = dict(zip("甲乙丙丁", "ABCD"))

#: The two sides of a contract, a lawsuit or a transfer, each with its counterpart: the party
#: names of the PRC Civil Code's contract chapters, the Civil Procedure Law and the Insurance
#: Law, and the English the common law uses for them (glosses as CC-CEDICT gives them where it
#: has the word: 借款人 "the borrower", 保险人 "insurer", 被告 "the defendant"). Each line is
#: one role, "|", its counterpart; Chinese names before the ";", English names after it.
_ROLE_PAIRS = """
出租人 出租方 房东; lessor landlord | 承租人 承租方 租客 租户; lessee tenant
出卖人 卖方 卖家 销售方; seller vendor | 买受人 买方 买家 购买方; buyer purchaser
贷款人 出借人; lender | 借款人; borrower
债权人; creditor obligee | 债务人; debtor obligor
委托人 委托方; principal | 受托人 受托方; trustee agent
发包人 发包方; employer | 承包人 承包方; contractor
原告; plaintiff | 被告; defendant
上诉人; appellant | 被上诉人; appellee
许可方 许可人; licensor | 被许可方 被许可人; licensee
转让方 转让人; transferor assignor | 受让方 受让人; transferee assignee
保险人; insurer | 被保险人; insured
雇主 用人单位; employer | 雇员 劳动者; employee
出质人; pledgor | 质权人; pledgee
抵押人; mortgagor | 抵押权人; mortgagee
发货人 托运人; consignor shipper | 收货人; consignee
"""


@lru_cache(maxsize=1)
def _roles() -> tuple[re.Pattern, re.Pattern, dict[str, tuple[int, str]], dict[str, frozenset[int]]]:
    """The roles of :data:`_ROLE_PAIRS` read: a pattern of their Chinese names (the longest
    first: 被保险人 before 保险人), one of their English names (a plural and a possessive
    allowed), and each name's role numbers (a role and its counterpart are 2k and 2k + 1; an
    English name may name two roles, "employer") with, for a Chinese name, the name the role is
    shown by."""
    zh: dict[str, tuple[int, str]] = {}
    en: defaultdict[str, set[int]] = defaultdict(set)
    for k, line in enumerate(_ROLE_PAIRS.strip().splitlines()):
        for side, role in enumerate(line.split("|")):
            names, _, english_names = role.partition(";")
            first = names.split()[0]
            for name in names.split():
                zh[name] = (2 * k + side, first)
            for name in english_names.split():
                en[name].add(2 * k + side)
    zh_pattern = re.compile(trie_pattern(list(zh)))
    en_pattern = re.compile(r"(?<![A-Za-z])(" + trie_pattern(list(en)) + r")s?(?![A-Za-z])", re.I)
    return zh_pattern, en_pattern, zh, {name: frozenset(roles) for name, roles in en.items()}


def _roles_named(text: str, side: str) -> dict[int, str]:
    """The roles ``text`` (of language ``side``) names, role number -> the name shown for it."""
    zh_pattern, en_pattern, zh_names, en_names = _roles()
    if side == "zh":
        return {zh_names[m.group()][0]: zh_names[m.group()][1] for m in zh_pattern.finditer(text)}
    return {role: m.group() for m in en_pattern.finditer(text) for role in en_names[m.group(1).lower()]}


def _parties(pair: Pair) -> list[Finding]:
    """A party the target names where the source names another: a contract's parties
    (甲方应向甲方支付 "Party A shall pay Party B"), where both sides name some, must be the
    same (a party said once more or by a pronoun is no finding); and a role the target names by
    its counterpart (借款人应按月还款 "The Lender shall repay monthly", 原告 "the defendant"):
    the source names a role and not its counterpart, the target that counterpart and not the
    role."""
    out = []
    s_side, t_side = ("zh", "en") if pair.source != "en" else ("en", "zh")
    if "方" in pair.zh and "Part" in pair.en:
        zh = {_PARTY_LETTER[c] for m in _ZH_PARTY.finditer(pair.zh) for c in m.groups() if c}
        en = {c for m in _EN_PARTY.finditer(pair.en) for c in m.groups() if c}
        if zh and en and zh != en:
            src, tgt = (zh, en) if pair.source != "en" else (en, zh)
            name = lambda side, letters: ", ".join(  # noqa: E731
                f"Party {c}" if side == "en" else "甲乙丙丁"["ABCD".index(c)] + "方" for c in sorted(letters))
            out.append(_finding(pair, "acronym", "warning",
                                f"the parties differ: {name(s_side, src)} in the source, {name(t_side, tgt)} in the target",
                                None, t_side))
    src = _roles_named(pair.zh if s_side == "zh" else pair.en, s_side)
    tgt = _roles_named(pair.en if t_side == "en" else pair.zh, t_side) if src else {}
    for role, shown in sorted(src.items()):
        other = role ^ 1
        if other not in src and role not in tgt and other in tgt:
            out.append(_finding(pair, "acronym", "warning",
                                f"{shown} of the source is named as its counterpart, {tgt[other]}, in the target",
                                None, t_side))
    return out


def _place_changed(pair: Pair) -> list[Finding]:
    """A place the target names as another (天津 "Beijing", 南山区 "Futian District"): a place of
    the source (`tm.places`: CC-CEDICT's names of China's provinces, cities, counties and
    districts, and of cities abroad) named in no form in the target, while the target names a
    place the source names in none (a place the translator adds, 浦东新区 "Pudong New Area,
    Shanghai", or one an abbreviation stands for, 京津冀 "Beijing, Tianjin and Hebei", is no
    finding: the source's places are all there). A place is a word of the source's segmentation
    (`tm.Lexicon.segment`), its name one of two syllables or more."""
    if not _CAPITAL.search(pair.en):
        return []
    gazetteer = places()
    en_places = gazetteer.in_english(pair.en)
    if not en_places:
        return []
    # a place of the target the source writes (天津 for Tianjin) settles it before the source is read
    en_only = [(a, b, name) for a, b, name in en_places if not any(head in pair.zh for head in gazetteer.headwords[name])]
    if not en_only:
        return []
    zh_places = gazetteer.in_chinese(pair.zh)
    en_names = {name for _, _, name in en_places}
    zh_only = [p for p in zh_places if not any(name.lower() in en_names for name in gazetteer.names[p[2]])]
    if not zh_only:
        return []
    zh_names = {name.lower() for _, _, head in zh_places for name in gazetteer.names[head]}
    en_only = [(a, b) for a, b, name in en_only if name not in zh_names]
    if not en_only:
        return []
    # a place is a word of the sentence: 大英 in 大英雄, 个旧 in 一个旧式 are none
    bounds, at = {0}, 0
    for word in load_lexicon().segment(pair.zh):
        at += len(word)
        bounds.add(at)
    zh_only = [pair.zh[a:b] for a, b, _ in zh_only if a in bounds and b in bounds]
    if not zh_only:
        return []
    a, b = en_only[0]
    src, tgt = (zh_only[0], pair.en[a:b]) if pair.source != "en" else (pair.en[a:b], zh_only[0])
    return [_finding(pair, "acronym", "warning", f"place differs: {src} in the source, {tgt} in the target",
                     (a, b) if pair.source != "en" else None, "en")]


_CAPITAL = re.compile(r"(?<![A-Za-z])[A-Z][a-z]")


_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9+#&]*(?:[.\-][A-Za-z0-9]+)*(?![A-Za-z0-9])")


def _names_changed(en: str, zh: str, pair: Pair) -> list[Finding]:
    """en -> zh: a Latin name of the source the target writes misspelt (Macintosh "Micintosh",
    SVN "SVG"): a name the target writes that the source does not, one or two letters from a
    name of the source (a capitalised word, an acronym) that is in no form in the target. An
    accelerator's & and a plural's s aside; a name replaced by another (Microsoft "Google")
    is not told from a name the translator added."""
    added = [m for m in _LATIN_NAME.finditer(zh) if sum(c.isalpha() for c in m.group()) >= 3
             and not re.search(rf"(?<![A-Za-z0-9]){re.escape(m.group())}(?![A-Za-z0-9])", en, re.I)]
    if added and "+" in zh:     # a shortcut's keys are the shortcut check's
        keys = [m.span() for m in _SHORTCUT.finditer(zh)]
        added = [m for m in added if not any(a <= m.start() < b for a, b in keys)]
    if not added:
        return []
    low = zh.lower()
    lost = [m.group() for m in _LATIN_NAME.finditer(en) if m.group()[0].isupper()
            and sum(c.isalpha() for c in m.group()) >= 3 and m.group().lower() not in low
            and m.group().replace("&", "").lower() not in low and m.group().rstrip("s").lower() not in low]
    out = []
    for m in added:
        name = m.group()
        near = [w for w in lost if 0 < Levenshtein.distance(w.lower(), name.lower()) <= (1 if len(name) <= 5 else 2)
                and w.lower().rstrip("s") != name.lower().rstrip("s")]
        if near:
            out.append(_finding(pair, "acronym", "warning",
                                f"{near[0]} of the source is written {name} in the target", m.span(), "zh"))
    return out


_LEADING_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _quantity_compared(token: str, en: str) -> bool:
    """Whether ``token`` is a quantity (60L, 22kg: a number and its unit of measure) that
    the number check compares: the target writes a quantity of the same dimension (50 L,
    22 lb), and a wrong number or unit is that check's one finding, not also a missing name."""
    m = _LEADING_NUMBER.match(token)
    if not m or m.end() >= len(token):
        return False
    unit = unit_after(token, m.end(), "zh")
    if not unit:
        # a unit no table holds (0.15wt% "0.15 wt%", 3000rpm "3,000 rpm"): the target writes it
        # after a number too (a letter alone is as often a name's, 5G "4G")
        letters = token[m.end():]
        return len(letters) >= 2 and letters.isalpha() and re.search(rf"[0-9][ \u00a0]?{re.escape(letters)}(?![A-Za-z])", en, re.I) is not None
    return _writes_dimension(en, unit[0])


_NUMBER_BEFORE = re.compile(r"[0-9][ \u00a0\u2009\u202f]?\Z")


def _unit_compared(zh: str, start: int, en: str) -> bool:
    """Whether the Latin token at ``start`` is the unit of measure of a number written before
    it (4 mg, 64 GB) that the number check compares: the target writes a quantity of the same
    dimension (4 g), and a changed unit is that check's one finding, not also a missing name."""
    if not _NUMBER_BEFORE.search(zh, max(0, start - 2), start):
        return False
    number_end = start if zh[start - 1].isdigit() else start - 1     # (4mg, 4 mg)
    unit = unit_after(zh, number_end, "zh")
    return bool(unit) and _writes_dimension(en, unit[0])


def _writes_dimension(en: str, dimension: str) -> bool:
    """Whether ``en`` writes a number with a unit of ``dimension`` (length, mass …)."""
    return any((unit_after(en, n.end, "en") or ("",))[0] == dimension for n in extract_numbers(en, "en"))


_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_MINOR = {"and", "of", "the", "for", "on", "in", "to", "a", "an"}


def _spelt_out(acronym: str, en: str) -> str | None:
    """Words of ``en`` whose initials spell an all-capitals ``acronym`` (GPU: graphics
    processing units), small words skipped; None when there are none."""
    if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
        return None
    words = list(_EN_WORD.finditer(en))
    for i, first in enumerate(words):
        if first.group()[0].upper() != acronym[0] or len(first.group()) < 3 \
                or first.group().lower() in _MINOR:
            continue
        k, j = 1, i + 1
        while k < len(acronym) and j < len(words):
            word = words[j].group()
            if word[0].upper() == acronym[k] and len(word) >= 3 and word.lower() not in _MINOR:
                k += 1
            elif word.lower() not in _MINOR:
                break
            j += 1
        if k == len(acronym):
            return en[first.start():words[j - 1].end()]
    return None


# --- terminology and forbidden terms -----------------------------------------

def check_terminology(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """A source term whose approved renderings are all absent from the target; en -> zh
    (``hits`` are then spans of the English source holding an approved rendering): the
    Chinese target lacks the term (compared folded, in either script)."""
    if pair.source == "en":
        out, done = [], set()
        target = simplified_key(fold(pair.zh)) if hits else ""
        for hit in hits:
            term = hit.term
            if term.zh in done:
                continue
            done.add(term.zh)
            if simplified_key(fold(term.zh)) not in target:
                out.append(_finding(pair, "terminology", "error",
                                    f"{_q(pair.en[hit.start:hit.end])} should be translated {term.zh}",
                                    (hit.start, hit.end), "en", term.zh))
        return out
    out, done = [], set()
    text = english(pair.en) if hits else None
    for hit in hits:
        term = hit.term
        if not term.approved or term.zh in done or not any(term.approved_forms()):
            continue                    # no rendering with a word in it: nothing to look for
        done.add(term.zh)
        if term.find_approved(text) is None:
            wanted = " / ".join(_q(r) for r in term.approved)
            out.append(_finding(pair, "terminology", "error",
                                f"{term.zh} should be rendered {wanted}", (hit.start, hit.end), "zh",
                                term.zh))
    return out


def check_forbidden(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """The target uses a rendering the term base forbids for a term of the source.

    Words that are the approved rendering of another term of the same source are
    not counted (信创 forbids "innovation", which is right for a 创新 beside it). Not for
    en -> zh: the English is then the source, written by its author.
    """
    if pair.source == "en":
        return []
    out, done = [], set()
    others = None
    for hit in hits:
        term = hit.term
        if not term.forbidden or term.zh in done:
            continue
        done.add(term.zh)
        found = term.find_forbidden(pair.en)
        if found and others is None:
            others = _ApprovedSpans(pair.en, hits)
        for rendering, start, end in found:
            if others.covered(start, end, term.zh):
                continue
            hint = f"; use {' / '.join(_q(r) for r in term.approved)}" if term.approved else ""
            out.append(_finding(pair, "forbidden-term", "error",
                                f"{_q(pair.en[start:end])} is a forbidden rendering of {term.zh}{hint}",
                                (start, end), "en", term.zh))
    return out


class _ApprovedSpans:
    """Where the target holds an approved rendering of a term of the source, each term's
    renderings looked for once however often the term occurs (a long segment's thousands of
    hits made it quadratic), and a span asked about compared only with those that can hold
    it (those starting at most the longest one's length before it)."""

    def __init__(self, en: str, hits: Sequence[TermHit]):
        spans, seen = [], set()
        for h in hits:
            if h.term.approved and id(h.term) not in seen:
                seen.add(id(h.term))
                spans += [(a, b, h.term.zh) for forms in h.term.approved_forms()
                          for a, b in english(en).find(forms)]
        spans.sort()
        self.spans = spans
        self.starts = [a for a, _, _ in spans]
        self.longest = max((b - a for a, b, _ in spans), default=0)

    def covered(self, start: int, end: int, zh: str) -> bool:
        """Whether an approved rendering of a term other than ``zh`` holds ``start:end``."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, start)
        return any(other != zh and end <= b for _, b, other in self.spans[lo:hi])


def check_mixed_script(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """A word that mixes Latin with Cyrillic or Greek letters (``pаyment`` with a
    Cyrillic ``а``): it looks right but no search, spell checker or term check sees
    the word. Matching reads the look-alikes as Latin (``tm.fold``); this says so."""
    out = []
    for side, text in (("en", pair.en), ("zh", pair.zh)):
        for word in mixed_script_words(text):
            shown = text[word.start:word.end]
            out.append(_finding(pair, "mixed-script", "warning",
                                f"{_q(shown)} mixes {' and '.join(word.scripts)} letters",
                                (word.start, word.end), side))
    return out


# --- negation ----------------------------------------------------------------

def check_negation(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """The source says "no" and the target nowhere does: a dropped negation reverses the
    meaning (不适用 "is applicable", "is not required" 需要). The source is read strictly, the
    target generously (``tm.negations``, ``tm.says_no``), so a rewording that keeps the
    negation in an affix (无并发症 "uncomplicated") or another word is no finding. A bound
    the target turns round (不少于 "less than") is one too, and so is a plain negation the
    target adds (zh -> en: 请加倍服用 "do not take a double dose")."""
    return _reversed_bound(pair) + _dropped_negation(pair) + _added_negation(pair) + _turned_modality(pair) \
        + _turned_change(pair) + _turned_time(pair) + _turned_direction(pair) + _opposite_word(pair) \
        + _turned_whichever(pair) + _turned_comparison(pair)


def _added_negation(pair: Pair) -> list[Finding]:
    """zh -> en: the target says no where the source could not (请加倍服用 "do not take a
    double dose", 差异有统计学意义 "no significant difference"): :func:`_dropped_negation` the
    other way round, the English read strictly and the Chinese generously."""
    if pair.source == "en" or _ZH_NO_IN_ENGLISH.search(pair.zh):
        return []
    low = pair.en.lower()     # (a cheap test for the plain negators first: "no" is in innovation)
    if not (" no " in low or " not " in low or "never" in low or "cannot" in low or low.startswith(("no ", "not "))) \
            or says_no(pair.zh, "zh"):
        return []
    spans = [(a, b) for a, b in negations(pair.en, "en") if _plain_negation(pair.en, a, b)]
    if not spans:
        return []
    said = ", ".join(dict.fromkeys(_q(pair.en[a:b]) for a, b in spans))
    return [_finding(pair, "negation", "warning", f"the target says no ({said}) and the source has no negation",
                     spans[0], "en")]


#: Chinese words English often renders with a negation: "only" (仅适用于成人 "not for children"),
#: stopping, refusing, failing, lacking, exempting, forgetting, preventing, hard to, a bound
#: or a time's limit (以下 "not more than", 才 "not until").
_ZH_NO_IN_ENGLISH = re.compile("仅|只|唯|惟|除|停|拒|失败|缺|免|忘|难|防|避|禁|戒|杜绝|少于|低于|不足|以下|以内|之前|才|否|非|勿|莫|休")
#: English turns that say no where the Chinese says it positively (全是荒草 "nothing but weeds",
#: 才明白 "not until later", 谁也休想 "no one could", 只好 "had no choice but"): not the
#: negation of a statement, so no sign that the translation added one.
_IDIOMATIC_NO = re.compile(r"\b(?:not\b[^.;:!?]{0,30}?\buntil|no\s+(?:one|sooner|doubt|matter|longer\s+than)|why\s+not"
                           r"|(?:no|nothing|none)\b[^.;:!?]{0,40}?\bbut|not\s+only|no\s+less|not\s+least)\b", re.I)


def _plain_negation(en: str, a: int, b: int) -> bool:
    """Whether the negator at ``a:b`` of ``en`` negates a statement plainly (not, no, cannot,
    never; not a pronoun such as nothing or nobody, a contraction of speech, or an idiom)."""
    word = en[a:b].lower()
    if word not in ("not", "no", "cannot", "never") and not word.startswith(("do not", "does not", "did not")):
        return False
    return not any(m.start() <= a < m.end() for m in _IDIOMATIC_NO.finditer(en))


def _turned_change(pair: Pair) -> list[Finding]:
    """A figure's change the target turns round (较上年末增加18.4% "a decrease of 18.4%"): the
    source's changes all one way, the target's all the other (a target that names no change,
    or both ways, is left alone, as is a source of both)."""
    s_side, t_side = ("en", "zh") if pair.source == "en" else ("zh", "en")
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    said = changes(source, s_side)
    ways = {w for _, w in said}
    if len(ways) > 1 and (other := changes(target, t_side)):
        return _turned_change_of(pair, said, other, s_side, t_side)
    if len(ways) != 1:
        return []
    other = changes(target, t_side)
    if not other or {w for _, w in other} & ways:
        if other and len({w for _, w in other}) > 1:
            return _turned_change_of(pair, said, other, s_side, t_side)
        return []
    way = "rise" if ways == {"up"} else "fall"
    opposite = "fall" if way == "rise" else "rise"
    return [_finding(pair, "negation", "warning",
                     f"the source reports a {way} ({_q(source[said[0][0][0]:said[0][0][1]])}) and the target "
                     f"a {opposite} ({_q(target[other[0][0][0]:other[0][0][1]])})", said[0][0], s_side)]


def _turned_comparison(pair: Pair) -> list[Finding]:
    """A comparison by a figure the target turns round (比山下低8～10℃ "8–10 °C warmer than at the
    foot"): the source's comparisons all one way, the target's all the other (a target that
    compares nothing, or both ways, is left alone)."""
    if "比" not in pair.zh or "than" not in pair.en.lower():
        return []
    s_side, t_side = ("en", "zh") if pair.source == "en" else ("zh", "en")
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    said, other = comparisons(source, s_side), comparisons(target, t_side)
    ways, other_ways = {w for _, w in said}, {w for _, w in other}
    if len(ways) != 1 or len(other_ways) != 1 or ways == other_ways:
        return []
    s_span, t_span = said[0][0], other[0][0]
    way = "higher" if ways == {"up"} else "lower"
    opposite = "lower" if way == "higher" else "higher"
    return [_finding(pair, "negation", "warning",
                     f"the source compares {way} ({_q(source[s_span[0]:s_span[1]])}) and the target "
                     f"{opposite} ({_q(target[t_span[0]:t_span[1]])})", s_span, s_side)]


def _turned_change_of(pair: Pair, said: list, other: list, s_side: str, t_side: str) -> list[Finding]:
    """Changes both ways on a side (上涨1.8%，其中食品价格上涨2.1% "prices fell 1.8%; food prices
    rose 2.1%"): each change by the figure its clause reports, a figure one side reports
    rising and the other falling."""
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    by_value = [_changes_by_value(text, side, found)
                for text, side, found in ((source, s_side, said), (target, t_side, other))]
    for value, (span, way) in by_value[0].items():
        if value in by_value[1] and by_value[1][value][1] not in (way, None) and way is not None:
            t_span = by_value[1][value][0]
            return [_finding(pair, "negation", "warning",
                             f"the source reports a {'rise' if way == 'up' else 'fall'} ({_q(source[span[0]:span[1]])}) "
                             f"and the target a {'fall' if way == 'up' else 'rise'} ({_q(target[t_span[0]:t_span[1]])})",
                             span, s_side)]
    return []


#: Where a clause ends, for the figure a change reports (a decimal point is none).
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?]|\.(?!\d)")


def _changes_by_value(text: str, lang: str, found: list) -> dict:
    """Each figure the changes of ``text`` report, the first number after the word of change in
    its clause: value -> (the change's span, "up" or "down"; None when two changes report it
    differently)."""
    numbers = extract_numbers(text, lang)
    out: dict = {}
    for span, way in found:
        n = next((n for n in numbers if n.start >= span[1]), None)
        if n is None or _CLAUSE_BREAK.search(text, span[1], n.start):
            continue
        out[n.value] = (span, way) if out.get(n.value, (span, way))[1] == way else (span, None)
    return out


#: A span of time (15分钟, 3个工作日, 两周) and 前/后 beside it: 开始前15分钟, 3天后, 收到后3日内.
_ZH_TIME_SPAN = r"[0-9０-９零〇一二两三四五六七八九十百半]+\s?(?:个)?(?:秒钟?|分钟|小时|钟头|天|日|周|星期|个?月|年|工作日|自然日)"
_ZH_BEFORE_AFTER = re.compile(r"(?P<w1>之?前|以前|提前|之?后|以后)(?:的)?" + _ZH_TIME_SPAN +
                              r"|" + _ZH_TIME_SPAN + r"(?:之|以)?(?P<w2>前|后)(?![天日年])"
                              # a meal or sleep: 饭前 "before meals", 早餐后, 睡前 (a leaflet's, an itinerary's)
                              r"|(?:饭|餐|早餐|午餐|晚餐|用餐|进餐|进食|睡|睡觉|就寝|入睡)(?:之)?(?P<w3>前|后)")
_EN_BEFORE = re.compile(r"\b(?:before|ago|prior\s+to|earlier|in\s+advance|ahead\s+of|beforehand|preceding)\b", re.I)
_EN_AFTER = re.compile(r"\b(?:after|later|following|afterwards|from\s+now|subsequent)\b", re.I)


def _named_otherwise(pair: Pair, zh: list, en: list, check: str, severity: str, what: str,
                     said=lambda m: m.group(), quote: bool = False) -> list[Finding]:
    """One finding where each side names a thing the other does not: ``zh`` and ``en`` are
    (match, key) in text order; the first match of each side whose key the other lacks is shown
    (``said`` gives the Chinese one's words), "``what`` differs: … in the source, … in the target"."""
    zh_only = {k for _, k in zh} - {k for _, k in en}
    en_only = {k for _, k in en} - {k for _, k in zh}
    if not zh_only or not en_only:
        return []
    z = said(next(m for m, k in zh if k in zh_only))
    e = next(m for m, k in en if k in en_only)
    src, tgt = (z, e.group()) if pair.source != "en" else (e.group(), z)
    if quote:
        src, tgt = _q(src), _q(tgt)
    return [_finding(pair, check, severity, f"{what} differs: {src} in the source, {tgt} in the target", e.span())]


def _turned_time(pair: Pair) -> list[Finding]:
    """zh -> en: a span of time before something the target puts after it, or after it before
    (开始前15分钟 "15 minutes after it starts", 3天后 "3 days earlier"), or before an event it puts
    after it (付款前 "after payment", 结束后 "before it ends"): the source's 前/后 beside a span or
    an event all one way, the target's words all the other (a target with neither, "within 3 days
    of receipt", is left alone)."""
    if pair.source == "en" or not ("前" in pair.zh or "后" in pair.zh):
        return []
    ways = set()
    first = None
    taken = []
    for m in _ZH_BEFORE_AFTER.finditer(pair.zh):
        word = m.group("w1") or m.group("w2") or m.group("w3")
        ways.add("before" if "前" in word else "after")
        first = first or (m.start(), m.group())
        taken.append(m.span())
    for way, start, said in _events_before_after(pair.zh, taken):
        ways.add(way)
        first = min(first, (start, said)) if first else (start, said)
    if len(ways) != 1:
        return []
    before, after = _EN_BEFORE.search(pair.en), _EN_AFTER.search(pair.en)
    said = after if ways == {"before"} and not before else before if ways == {"after"} and not after else None
    if said is None:
        return []
    way = next(iter(ways))
    if way == "after" and _ZH_THEN.search(pair.zh, first[0]):
        return []       # 出炉后冷却一刻钟再脱模 "let it cool for 15 minutes before turning it out"
    return [_finding(pair, "negation", "warning",
                     f"the source says {way} ({_q(first[1])}) and the target "
                     f"{'after' if way == 'before' else 'before'} ({_q(said.group())})", said.span())]


#: What comes next, after a step done (A后B再C "after A, B before C"): the target's "before"
#: may be the next step's.
_ZH_THEN = re.compile("再|然后|才|方可|方能")
#: 前 or 后 after an event: 之前, 以后 after anything; bare after a word CC-CEDICT gives a verb
#: sense ("to …": 付款前 "before payment", 结束后 "after it ends", 使用前), where no longer word
#: holds it (前往, 后面, 然后, 落后) — after a noun it is as often a place (门前, 车后).
_ZH_EVENT_BEFORE_AFTER = re.compile("(?:之|以)?[前后]")


def _events_before_after(zh: str, taken: list) -> list[tuple[str, int, str]]:
    """(``"before"`` or ``"after"``, start, the event's word with it) for each 前/后 of ``zh``
    after an event, outside the spans ``taken`` (the spans of time :func:`_turned_time` reads
    first)."""
    out = []
    lexicon = None
    for m in _ZH_EVENT_BEFORE_AFTER.finditer(zh):
        if any(a <= m.start() < b for a, b in taken):
            continue
        at = m.end() - 1
        if len(m.group()) == 1:
            lexicon = lexicon or load_lexicon()
            if m.start() < 2 or any(True for _ in lexicon.covering(zh, at, at + 1)) or \
                    not any(sense.startswith("to ") for sense in lexicon.gloss(zh[at - 2:at]).split("/")):
                continue
        start = m.start() if len(m.group()) == 2 else at - 2
        out.append(("before" if zh[at] == "前" else "after", start, zh[start:m.end()]))
    return out


#: Compass points: the four diagonals anywhere, a cardinal point before a word of place or wind
#: (北风, 东侧, 南门) or after 朝/向/往 (朝南 "south-facing").
_ZH_DIRECTION = re.compile(r"东北|西北|东南|西南|[东西南北](?=[风向侧面方部边门郊岸坡])|(?<=[朝向往])[东西南北]")
_EN_DIRECTION = re.compile(r"\b(north|south)[- ]?(east|west)|\b(north|south|east|west)(?:ern|erly|wards?)?\b", re.I)
_DIRECTION_CHARS = re.compile("[东西南北]")
_ZH_POINTS = {"东": "E", "西": "W", "南": "S", "北": "N", "东北": "NE", "西北": "NW", "东南": "SE", "西南": "SW"}


def _turned_direction(pair: Pair) -> list[Finding]:
    """A compass point the target names as another (东北风 "northwest wind", 朝南 "north-facing"):
    where each side names one the other does not."""
    if not _DIRECTION_CHARS.search(pair.zh) or not _ZH_DIRECTION.search(pair.zh) or not _EN_DIRECTION.search(pair.en):
        return []
    zh = [(m, _ZH_POINTS[m.group()]) for m in _ZH_DIRECTION.finditer(pair.zh)]
    en = []
    for m in _EN_DIRECTION.finditer(pair.en):
        point = (m.group(1)[0] + m.group(2)[0]) if m.group(1) else m.group(3)[0]
        en.append((m, point.upper()))
    return _named_otherwise(pair, zh, en, "negation", "warning", "compass point", quote=True)


#: Which of two limits holds, in the words of contracts, warranties and policies: 以先到者为准
#: "whichever comes first", 以两者中较高者为准 "whichever is higher".  The Chinese names the
#: earlier or later, the higher or lower one before 者为准 (and a verb of arriving), the English
#: within a few words after "whichever" ("whichever of the two amounts is higher").
_ZH_WHICHEVER = re.compile("(较早|较先|最先|先|早|较晚|较迟|最后|后|晚|迟|较高|最高|高|较大|最大|大|较多|多"
                           "|较低|最低|低|较小|最小|小|较少|少)(到|达到|发生|出现|届满|到期|满足)?者为准")
_EN_WHICHEVER = re.compile(r"\bwhichever(?:\s+[\w-]+){0,4}?\s+(first|earlier|earliest|sooner|soonest|last|later"
                           r"|latest|higher|highest|greater|greatest|larger|largest|more|lower|lowest|less|least"
                           r"|smaller|smallest|fewer|fewest)\b", re.I)
_WHICHEVER_WAYS = {"first": "earlier", "sooner": "earlier", "soonest": "earlier", "earliest": "earlier",
                   "last": "later", "latest": "later", "highest": "higher", "greater": "higher",
                   "greatest": "higher", "larger": "higher", "largest": "higher", "more": "higher",
                   "lowest": "lower", "less": "lower", "least": "lower", "smaller": "lower", "smallest": "lower",
                   "fewer": "lower", "fewest": "lower"}


def _zh_whichever_way(word: str) -> str:
    """What 以…者为准's word picks: the earlier, later, higher or lower of two."""
    last = word[-1]
    return "earlier" if last in "先早" else "later" if last in "后晚迟" else \
        "higher" if last in "高大多" else "lower"


def _turned_whichever(pair: Pair) -> list[Finding]:
    """Which of two limits holds, turned round (以先到者为准 "whichever comes last", 以较高者为准
    "whichever is lower"): each side names one the other does not."""
    if "者为准" not in pair.zh or "whichever" not in pair.en.lower():
        return []
    # 以后者为准 is "the latter prevails", no later of two
    zh = [(m, _zh_whichever_way(m.group(1))) for m in _ZH_WHICHEVER.finditer(pair.zh)
          if m.group(1) != "后" or m.group(2)]
    en = [(m, _WHICHEVER_WAYS.get(m.group(1).lower(), m.group(1).lower())) for m in _EN_WHICHEVER.finditer(pair.en)]
    return _named_otherwise(pair, zh, en, "negation", "warning", "which limit holds", quote=True)


#: Pairs of English words of opposite sense, general vocabulary: what a word of the source
#: names (CC-CEDICT) the target says as its opposite.  Words whose other senses or idioms are
#: too common to read so (right, back, light, even, cool; long and short, "before long"; first
#: and last, "at last") are left out, and so are increase/decrease, before/after, the compass
#: and the parts of the day, which other readings compare.
_OPPOSITES = """
good:bad good:poor high:low maximum:minimum upper:lower import:export input:output inbound:outbound
inside:outside internal:external interior:exterior inner:outer enable:disable activate:deactivate
win:lose victory:defeat pass:fail success:failure succeed:fail accept:reject approve:reject
allow:deny include:exclude public:private male:female positive:negative front:rear forward:backward
full:empty hot:cold wet:dry strong:weak fast:slow wide:narrow thick:thin deep:shallow
early:late buy:sell purchase:sale borrow:lend safe:dangerous safety:danger home:away
domestic:foreign domestic:overseas urban:rural arrival:departure arrive:depart entrance:exit
upload:download send:receive ascend:descend ascending:descending horizontal:vertical major:minor
majority:minority superior:inferior senior:junior lock:unlock show:hide visible:invisible
online:offline connect:disconnect mount:unmount encrypt:decrypt compress:decompress agree:disagree
written:oral written:verbal easy:difficult cheap:expensive profit:loss gain:loss surplus:deficit
asset:liability income:expense advantage:disadvantage strength:weakness
optimistic:pessimistic appreciate:depreciate inflation:deflation acidic:alkaline
anode:cathode cation:anion supply:demand install:uninstall maximal:minimal half:full
"""


#: Irregular forms of the words of :data:`_OPPOSITES`.
_IRREGULAR = {"won": "win", "lost": "lose", "bought": "buy", "sold": "sell", "lent": "lend", "sent": "send",
              "shown": "show", "hid": "hide", "hidden": "hide", "better": "good", "best": "good", "worse": "bad",
              "worst": "bad", "shallower": "shallow"}


@lru_cache(maxsize=1)
def _opposites() -> tuple[dict[str, frozenset[str]], dict[str, str], re.Pattern]:
    """Each word -> its opposites (both ways); each written form -> its word (arriving, hotter,
    won); a pattern of the forms as runs of letters, as :func:`_opposite_word` reads the target
    (poor_quality, poor2: "poor")."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for pair in _OPPOSITES.split():
        a, b = pair.split(":")
        found[a].add(b)
        found[b].add(a)
    forms = {form: word for form, word in _IRREGULAR.items() if word in found}
    for word in found:
        e = word.endswith("e")
        stem = word + word[-1] if re.search("[^aeiou][aeiou][bdgmnpt]$", word) else word   # winning, hotter
        plural = word + ("es" if re.search("(?:[sxz]|[cs]h)$", word) else "s")
        for form in (plural, word + "d" if e else stem + "ed", word[:-1] + "ing" if e else stem + "ing",
                     word + "r" if e else stem + "er", word + "st" if e else stem + "est", word + "ly"):
            forms.setdefault(form, word)
        forms[word] = word          # a word of the table first (lower is no form of low)
    return ({w: frozenset(o) for w, o in found.items()}, forms,
            re.compile(r"(?<![A-Za-z])(" + trie_pattern(list(forms)) + r")(?![A-Za-z])", re.I))


@lru_cache(maxsize=None)
def _naming(word: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Patterns of the Chinese words that name ``word`` (``tm.senses_beginning``: CC-CEDICT's
    headwords a sense of which begins with it): one that a finding reads — a word of two
    characters or more not after a negator (不好, 无效), a single character only as
    :func:`_predicate_character` allows — and one of them all, anywhere, which rules one out."""
    words = senses_beginning(frozenset(_opposites()[0])).get(word, ())
    if not words:
        return None, None
    longer = sorted(w for w in words if len(w) > 1)
    single = "".join(re.escape(w) for w in sorted(words) if len(w) == 1 and w not in _ZH_LOCALISERS)
    parts = ([f"(?<![{_ZH_NEGATORS}])(?:{trie_pattern(longer)})"] if longer else []) + \
        ([f"(?<![{_ZH_NEGATORS}])[{single}](?=[，。；！？、,.;!?]|$)"] if single else [])
    return (re.compile("|".join(parts)) if parts else None), re.compile(trie_pattern(sorted(words)))


def _predicate_character(lexicon, zh: str, at: int) -> bool:
    """Whether the single character at ``at`` (before a clause's end, not a localiser: 阳光里)
    is a word of its own, a predicate (空气质量良。), not a part of a longer word (利落, 烦躁)."""
    return not any(True for _ in lexicon.covering(zh, at, at + 1))


_ZH_NEGATORS = "不没无非未"
_LOWER_WORD = re.compile("[a-z]+")
#: The localisers (方位词) a noun takes after it: 门口的阳光里 is "in the sunshine", no "inside".
_ZH_LOCALISERS = "上下里外内中前后左右旁间"
_MINUS_NUMBER = re.compile(r"(?<![0-9A-Za-z])[-−－][0-9]")


def _opposite_word(pair: Pair) -> list[Finding]:
    """zh -> en: a word the target says as its opposite (空气质量良 "air quality is poor", 在主场
    "away", 书面通知 "oral notice", 上限 "lower limit", 进口额 "exports"): a word of the target
    (:data:`_OPPOSITES`) whose opposite the target does not say, while the source holds a word
    that names that opposite (CC-CEDICT) and none that names the target's word (高低 names both).
    A word negated in the source (不好, 无效) is rendered by its opposite rightly, and so is a
    negative amount (每股收益为-0.15元 "Loss per share")."""
    if pair.source == "en":
        return []
    opposites, forms, pattern = _opposites()
    said = {forms[w] for w in _LOWER_WORD.findall(pair.en.lower()) if w in forms}
    wanted = sorted((word, other) for word in said for other in opposites[word] if other not in said)
    if not wanted or _MINUS_NUMBER.search(pair.zh):
        return []
    lexicon, zh = None, pair.zh
    for word, other in wanted:
        naming, _ = _naming(other)
        _, own = _naming(word)
        if naming is None or (own and own.search(zh)):
            continue        # the source names the target's word too (高低), or not its opposite
        for found in naming.finditer(zh):
            lexicon = lexicon or load_lexicon()
            if len(found.group()) > 1 or _predicate_character(lexicon, zh, found.start()):
                break
        else:
            continue
        m = next(m for m in pattern.finditer(pair.en) if forms[m.group(1).lower()] == word)
        return [_finding(pair, "negation", "warning",
                         f"the target says the opposite: {found.group()} ({other}) in the source, "
                         f"{m.group()} in the target", m.span())]
    return []


def _turned_modality(pair: Pair) -> list[Finding]:
    """A duty the target makes a permission (应当报送 "may submit") or a permission it makes a
    duty (可以延长 "shall be extended"): the source states one force and nothing of the other
    (``tm.obligations``, ``tm.permissions``, read strictly; ``tm.may_permit``,
    ``tm.may_oblige``, generously), the target only the other."""
    s_side, t_side = ("en", "zh") if pair.source == "en" else ("zh", "en")
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    if target.strip() == source.strip():
        return []
    duty = obligations(source, s_side)
    if duty and not may_permit(source, s_side):
        turned = permissions(target, t_side)
        if turned and not may_oblige(target, t_side):
            return [_finding(pair, "negation", "warning",
                             f"the source obliges ({_q(source[duty[0][0]:duty[0][1]])}) and the target only "
                             f"permits ({_q(target[turned[0][0]:turned[0][1]])})", duty[0], s_side)]
        return []
    leave = permissions(source, s_side) if not duty else []
    if leave and not may_oblige(source, s_side):
        turned = obligations(target, t_side)
        if turned and not may_permit(target, t_side):
            return [_finding(pair, "negation", "warning",
                             f"the source permits ({_q(source[leave[0][0]:leave[0][1]])}) and the target "
                             f"obliges ({_q(target[turned[0][0]:turned[0][1]])})", leave[0], s_side)]
    return []


def _reversed_bound(pair: Pair) -> list[Finding]:
    """The source bounds a quantity one way and the target only the other (干燥时间不少于6小时
    "the drying time is less than 6 hours": 不 dropped from a bound). A target that states
    no bound (between 5 and 40 °C) is left alone, as a bound is often reworded."""
    s_side, t_side = ("en", "zh") if pair.source == "en" else ("zh", "en")
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    said = bounds(source, s_side)
    other = bounds(target, t_side) if said else []      # (most sentences state no bound)
    if not said or not other:
        return []
    if {d for _, d in said} & {d for _, d in other}:
        # bounds both ways (1年以内…3年以上 "within 1 year … less than 3 years"): each compared
        # with the target's bounds of its own number
        said, other = _turned_on_one_number(said, source, s_side, other, target, t_side)
        if not said:
            return []
    direction = said[0][1]
    opposite = "upper" if direction == "lower" else "lower"
    quoted = ", ".join(dict.fromkeys(_q(source[a:b]) for (a, b), _ in said))
    theirs = ", ".join(dict.fromkeys(_q(target[a:b]) for (a, b), _ in other))
    return [_finding(pair, "negation", "warning",
                     f"the source sets a {direction} bound ({quoted}) and the target an {opposite} one ({theirs})"
                     if opposite == "upper" else
                     f"the source sets an {direction} bound ({quoted}) and the target a {opposite} one ({theirs})",
                     said[0][0], s_side)]


def _bounded_numbers(found: list, text: str, lang: str) -> list[tuple[tuple[int, int], str, float | None]]:
    """Each bound of ``found`` (:func:`tm.bounds`) with the value of its number: the first
    after it, or for a bound written after its number (以上, "or more") the last before it;
    None where its clause has none."""
    numbers = extract_numbers(text, lang)
    out = []
    for (a, b), way in found:
        postposed = text[a] == "以" or text[a:b].lower().startswith(("or", "and"))
        near = [n for n in numbers if n.end <= a] if postposed else [n for n in numbers if n.start >= b]
        n = (near[-1] if postposed else near[0]) if near else None
        between = text[n.end:a] if n and postposed else text[b:n.start] if n else ""
        out.append(((a, b), way, normalise_value(n.value) if n and not re.search("[，。；,.;]", between) else None))
    return out


def _turned_on_one_number(said: list, source: str, s_side: str, other: list, target: str,
                          t_side: str) -> tuple[list, list]:
    """The source's bounds whose number the target bounds only the other way, and those target
    bounds (3年以上 "less than 3 years" beside a right 1年以内 "within 1 year")."""
    theirs = _bounded_numbers(other, target, t_side)
    turned, against = [], []
    for span, way, value in _bounded_numbers(said, source, s_side):
        same = [(s, w) for s, w, v in theirs if v is not None and v == value]
        if value is not None and same and all(w != way for _, w in same) \
                and (not turned or turned[0][1] == way):      # (one finding: the first way turned)
            turned.append((span, way))
            against += same
    return turned, sorted(set(against))


def _dropped_negation(pair: Pair) -> list[Finding]:
    """The source's negation, not the target's: said nowhere in the target (below)."""
    s_side, t_side = ("en", "zh") if pair.source == "en" else ("zh", "en")
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    spans = negations(source, s_side, against=target if s_side == "zh" else None)
    if not spans or not target.strip() or target.strip() == source.strip():
        return []
    only = None
    if says_no(target, t_side):
        # "Without the consent of Party A, Party B may subcontract" for 未经甲方同意，乙方不得转包:
        # the target's without/unless, as many as the source's 未经/除非, render those conditions
        # and leave the predicate's negation unsaid
        said_in = conditions(target, t_side)
        if not said_in or says_no_beyond_conditions(target, t_side) \
                or len(said_in) > len(source_conditions := conditions(source, s_side)):
            return []
        spans = [(a, b) for a, b in spans if not any(c <= a < d for c, d in source_conditions)]
        only = ", ".join(dict.fromkeys(_q(target[a:b]) for a, b in said_in))
    if s_side == "zh":      # 不动产 "real estate", 不|正确 "incorrect": said in a word
        spans = [span for span in spans if not negation_rendered(source, span, target)]
    if not spans:
        return []
    said = ", ".join(dict.fromkeys(_q(source[a:b]) for a, b in spans))
    message = f"the source says no ({said}) and the target has no negation" if only is None else \
        f"the source says no ({said}) and the target negates only a condition ({only})"
    return [_finding(pair, "negation", "warning", message, spans[0], s_side)]


# --- numbers -----------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_RE = re.compile(r"\b(" + "|".join(m.title() for m in _MONTHS) + r")\b"
                       # Dec 6, 2026 / 6 Sep 2026 / Sept. 2026: abbreviated beside a day or a year
                       r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?=\s*[0-9])"
                       r"|(?<=[0-9] )(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_MONTH_ABBREVIATIONS = {m[:3]: i for m, i in _MONTHS.items()}


def _month_of(word: str) -> int | None:
    """The month an English month's name or abbreviation names (May, Dec, Sept), else None."""
    word = word.lower().rstrip(".")
    return _MONTHS.get(word) or (_MONTH_ABBREVIATIONS.get(word[:3]) if len(word) <= 4 else None)
#: English words for small counts that tm.text.numbers leaves to the text (2次 = twice).
_TIMES = {"once": 1, "twice": 2, "thrice": 3, "double": 2, "doubled": 2, "doubling": 2,
          "triple": 3, "tripled": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4, "quadrupling": 4,
          "dual": 2, "both": 2, "single": 1,
          # 增长3倍 "grew threefold" (3-fold is read as 3 with the digits)
          **{w + "fold": v for w, v in (("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6),
                                        ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10),
                                        ("hundred", 100), ("thousand", 1000))}}
#: "times" after a number: "three times a day".
_TIMES_AFTER = re.compile(r"\s+times\b", re.I)
_TIMES_RE = re.compile(r"\b(" + "|".join(_TIMES) + r")\b", re.IGNORECASE)
#: The words :data:`_MONTH_RE` and :data:`_TIMES_RE` match, lower-cased.
_MONTH_OR_TIMES = frozenset(_MONTHS) | frozenset(_MONTH_ABBREVIATIONS) | {"sept"} | frozenset(_TIMES)
#: Chinese numerals that are usually words, not quantities (一体, 统一, 进一步, 两新), and a lone
#: 零 "zero" as a prefix, 零关税 "duty-free", 零容忍 "no tolerance", 零排放 "emission-free".
_SOFT_VALUES = {0, 1, 2}


def check_number(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """Numbers must agree after normalisation (numerals, 万/亿, words, ranges, %).

    Values are compared as a multiset. A source number with no equal target number
    is missing, a target number with no equal source number is extra; one of each
    is reported as one different number. Month names count as numbers on the
    English side (2025年5月 = May 2025; 12月6日 = Dec 6). Small numerals written as
    words (一, two, one) are compared but, left over, are not reported: in both
    languages they are as often words (一体推进, "one of") as quantities.
    """
    if pair.zh.strip() == pair.en.strip():
        return []   # a copy (code, a command's output): the same numbers, whatever each reads
    # en -> zh: the same comparison, the words "source" and "target" the other way round
    src, tgt = ("source", "target") if pair.source != "en" else ("target", "source")
    # the digits of a placeholder ({0}, %1$s) are no number: the codes check compares them
    zh_nums = _outside_placeholders(extract_numbers(pair.zh, "zh"), pair.zh)
    if "零下" in pair.zh:       # 零下20℃ "-20 °C", "minus 20 degrees": the 零 is the number's sign
        zh_nums = [n for n in zh_nums if not _below_zero(pair.zh, n, zh_nums)]
    en_nums = _outside_placeholders(extract_numbers(pair.en, "en"), pair.en)
    phone_findings, zh_nums, en_nums = _phone_numbers(pair, zh_nums, en_nums)
    # what the source writes that session 32's readings look for, in one scan of it
    cues = {m.lastgroup for m in _ZH_CUES.finditer(pair.zh)}
    if "time" in cues or "part" in cues:
        time_findings, zh_nums, en_nums = _times_of_day(pair, zh_nums, en_nums)
    else:
        time_findings = []
    en_vals = [(normalise_value(n.value), n.start, n.end, n.text, _is_word(n), n.kind) for n in en_nums]
    # zh -> en, a hyphenated code's digits too (TJZB-2025-0618): the acronym check names the
    # code whole when the target writes it otherwise, one finding, not also its number
    codes = pair.source != "en"
    zh_coded, en_coded = _in_identifier(pair.zh, codes), _in_identifier(pair.en, codes)
    if may_hold_words(pair.en, _MONTH_OR_TIMES):    # (else the two patterns find nothing)
        en_vals += [(float(_month_of(m.group())),
                     m.start(), m.end(), m.group(), True, "month")
                    for m in _MONTH_RE.finditer(pair.en)]
        en_vals += [(float(_TIMES[m.group().lower()]), m.start(), m.end(), m.group(), True, "times")
                    for m in _TIMES_RE.finditer(pair.en)]
    # the English numbers not yet matched, by value, each value's in their order in the text
    # (a look-up, not a scan of all of them for every Chinese number: a table's row of a
    # thousand numbers a side was quadratic)
    unmatched: dict[float, list[int]] = {}
    for i, row in enumerate(en_vals):
        unmatched.setdefault(row[0], []).append(i)
    missing, soft_missing, lost_percent, wrong_unit, points, wrong_currency, turned_sign = [], [], [], [], [], [], []
    # digits the English glues to a Latin word are no number there (CO2, Zhenguo2, Q3, FY2025),
    # yet the Chinese reads them after a Chinese word (张振国2, an author's affiliation mark) or
    # writes them as a numeral (第三季度 "Q3")
    glued = Counter(float(m.group()) for m in _GLUED_DIGITS.finditer(pair.en))
    # a numeral written in characters may be a Latin or Greek numeral in an English word
    prefixed = _numeral_prefixed(pair.en) if any(_is_word(n) for n in zh_nums) else Counter()
    # a percentage first looks for a percentage of the same value; an identifier's digits last
    weekday = _WEEKDAY.search(pair.en) is not None if "day" in pair.en else False
    # a currency or a sign written on either side (else neither is looked for number by number)
    money_cue = "money" in cues
    sign_cue = "sign" in cues or _SIGN_CUE_EN.search(pair.en) is not None
    # (a numeral written in characters after one written in digits: 张三有3个孩子 "three children"
    # is the 3's "three", and 张三's 三, a name's, is left over as a word)
    for n in sorted(zh_nums, key=lambda n: (zh_coded(n.start), n.kind != "percent", _is_word(n))):
        value = normalise_value(n.value)
        candidates = list(unmatched.get(value, ()))
        if not candidates and _roc_year(pair.zh, n):
            candidates = list(unmatched.get(value + _ROC_EPOCH, ()))
        if not candidates and n.kind in ("fraction", "percent"):    # 四分之一 "25%", 25% "a quarter"
            other = normalise_value(value * 100 if n.kind == "fraction" else value / 100)
            candidates = [i for i in unmatched.get(other, ()) if en_vals[i][5] in ("fraction", "percent")
                          and en_vals[i][5] != n.kind]
        if n.kind in ("percent", "points"):
            candidates.sort(key=lambda i: en_vals[i][5] != n.kind)
        elif len(candidates) > 1 and pair.zh.startswith("月", n.end):     # 3月13日 "March 3": 3月 is March
            candidates.sort(key=lambda i: en_vals[i][5] != "month")
        unit = unit_after(pair.zh, n.end, "zh")
        if unit and len(candidates) > 1:
            # 5天 … 5 mg: each number with its own unit first, then one with no unit, one of
            # another dimension last (第2～5天 … 5 mg/kg "5 mg/kg … on days 2 to 5")
            def fit(i):
                other = unit_after(pair.en, en_vals[i][2], "en")
                return 0 if other == unit else 1 if other is None else 2 if other[0] == unit[0] else 3
            candidates.sort(key=fit)
        if len(candidates) > 1:     # an identifier's digits with an identifier's first
            candidates.sort(key=lambda i: en_coded(en_vals[i][1]) != zh_coded(n.start))
        if candidates:
            i = candidates[0]
            unmatched[en_vals[i][0]].remove(i)
            other = unit_after(pair.en, en_vals[i][2], "en") if unit else None
            if other and other != unit:
                wrong_unit.append((n, unit[1], en_vals[i], other[1]))
            elif unit and other and (per := _per_lost(pair, n, en_vals[i][2])):
                wrong_unit.append((n, *per[:1], en_vals[i], *per[1:]))
            if not unit and money_cue and (money := _currency(pair.zh, n.start, n.end, "zh")) and \
                    (other_money := _currency(pair.en, en_vals[i][1], en_vals[i][2], "en")) and \
                    not _same_currency(money[0], other_money[0]):
                wrong_currency.append((money[1], other_money[1], en_vals[i]))
            if value and sign_cue and \
                    (minus := _negative(pair.zh, n.start, n.end, "zh")) != \
                    _negative(pair.en, en_vals[i][1], en_vals[i][2], "en") and \
                    not (minus and _SAID_NEGATIVE.search(pair.en)):
                turned_sign.append((n, en_vals[i]))      # -10℃ "10°C": the sign lost (not "a loss of 3.12")
            if {n.kind, en_vals[i][5]} == {"percent", "points"}:
                points.append((n, en_vals[i]))      # 下降0.4个百分点 "down 0.4%": a rate's change is no rate
            elif n.kind == "percent" and en_vals[i][5] not in ("percent", "fraction"):
                lost_percent.append((n, en_vals[i]))
        elif zh_coded(n.start):
            pass        # an identifier's digits (a key as the text: login.2fa_intro) may match, need not
        elif value == 1 or (_is_word(n) and (value in _SOFT_VALUES or _inside_a_word(pair.zh, n))):
            soft_missing.append(n)      # 1个 = "a"/"one", 两新 = "dual", 五花肉 "pork belly"
        elif glued[value] > 0:
            glued[value] -= 1     # 张振国2 "ZHANG Zhenguo2", 第三季度 "Q3", 2025财年 "FY2025"
        elif _is_word(n) and prefixed[value] > 0:
            prefixed[value] -= 1  # 三元 "ternary", 三相 "triphase", 二氧化碳 "carbon dioxide"
        elif _inclusive_restated(pair, n, zh_nums):
            pass        # 不超过15亿元（含15亿元） "up to RMB1.5 billion (inclusive)"
        elif n.text.isascii() and n.text.isalpha() and re.search(rf"(?<![\w-]){n.text}(?![\w-])", pair.en):
            pass        # 心功能III级 "NYHA III": a Roman numeral the English copies, after no word it reads
        elif weekday and 1 <= value <= 31 and pair.zh.startswith(("日", "号"), n.end):
            soft_missing.append(n)      # 16日开幕 "opened on Thursday": a news report's day as its weekday
        else:
            missing.append(n)
    # digits before a Greek letter are a symbol's (2θ "two-theta", an angle the Chinese calls 扫描范围)
    extra = [en_vals[i] for i in sorted((i for left in unmatched.values() for i in left),
                                        key=lambda i: en_vals[i][1])
             if not en_coded(en_vals[i][1]) and not _GREEK_LETTER.match(pair.en, en_vals[i][2])]
    if (extra or missing) and _ZH_DURATION.search(pair.zh):
        extra, missing, soft_missing = _durations_restated(pair, extra, missing, soft_missing)
    if extra and "(" in pair.en:
        extra = [e for e in extra if not _conversion(pair.en, e, en_vals)]
    # a lone 一 is not read as a number (一体, 统一), yet may be one (附件一 "Annex 1")
    lone_one = "一" in pair.zh and any(ch == "一" and not any(n.start <= k < n.end for n in zh_nums)
                                      for k, ch in enumerate(pair.zh))
    # a small number in words is as often no quantity, but an ordinal against an ordinal the
    # source leaves over is a number that differs (第二季度 "Third-Quarter")
    ordinal_left = any(n.kind == "ordinal" for n in soft_missing)
    hard_extra = [e for e in extra if not (e[4] and e[0] <= 10 and not (ordinal_left and e[5] == "ordinal"))
                  and not (lone_one and e[0] == 1)]
    out = []
    for n, (value, start, end, text, *_) in lost_percent:
        out.append(_finding(pair, "number", "warning",
                            f"{n.text} is a percentage in the {src}, {text} is not one in the {tgt}",
                            (start, end)))
    for n, (value, start, end, text, *_) in points:
        said = {"zh": n.text, "en": text}
        out.append(_finding(pair, "number", "warning",
                            f"percent and percentage points differ: {said['zh' if src == 'source' else 'en']} in the "
                            f"source, {said['en' if src == 'source' else 'zh']} in the target", (start, end)))
    for n, unit, (value, start, end, text, *_), other in wrong_unit:
        # 2.8公里 "2.8 miles", 4 mg "4 g": the number is right, its unit of measure is not
        out.append(_finding(pair, "number", "error",
                            f"unit differs: {n.text} {unit} in the {src}, {text} {other} in the {tgt}",
                            (start, end)))
    for n, (value, start, end, text, *_) in turned_sign:
        minus = {"zh": _negative(pair.zh, n.start, n.end, "zh"), "en": _negative(pair.en, start, end, "en")}
        said = {"zh": ("-" if minus["zh"] else "") + n.text, "en": ("-" if minus["en"] else "") + text}
        s_said, t_said = (said["zh"], said["en"]) if src == "source" else (said["en"], said["zh"])
        out.append(_finding(pair, "number", "error",
                            f"sign differs: {s_said} in the source, {t_said} in the target", (start, end)))
    for said_zh, said_en, (value, start, end, text, *_) in wrong_currency:
        # 12,000美元 "RMB 12,000": the amount is right, its currency is not
        said = (said_zh, said_en) if src == "source" else (said_en, said_zh)
        out.append(_finding(pair, "number", "error",
                            f"currency differs: {said[0]} in the source, {said[1]} in the target", (start, end)))
    # a missing number and an extra one are one different number: the pairs most alike first
    # (digits with digits, then the nearer in size; else in order), not each with the first
    # extra one (张三's 三 took the 1234567 that the phone number 12345678 differs from)
    left = sorted(missing, key=lambda n: n.start) + sorted(soft_missing, key=lambda n: n.start)
    paired = _pair_numbers(left, len(missing), extra, {id(e) for e in hard_extra})
    # a small number in words on both sides, each left over, with the same word after it: a count
    # that differs (两组 "three groups", 两晚 "three nights"), though either alone is no finding
    for k in range(len(missing), len(left)):
        n = left[k]
        if k in paired or n.value < 2 or not _is_word(n) or _inside_a_word(pair.zh, n):
            continue
        used = set(paired.values())
        j = next((j for j, e in enumerate(extra) if j not in used and e[4] and e[0] >= 2 and e[5] == "number"
                  and _counts_alike(pair, n, e)), None)
        if j is not None:
            paired[k] = j
    # a count of times left over on both sides (每日1次 "twice daily", 每日一次 "three times a
    # day"): a frequency that differs, though 1 and "twice" alone are small words
    for k in range(len(missing), len(left)):
        n = left[k]
        if k in paired or not pair.zh.startswith(("次", "回", "遍"), n.end):
            continue
        used = set(paired.values())
        j = next((j for j, e in enumerate(extra) if j not in used and e[0] != n.value
                  and (e[5] == "times" or _TIMES_AFTER.match(pair.en, e[2]))), None)
        if j is not None:
            paired[k] = j
    taken = {id(extra[j]) for j in paired.values()}
    hard_extra = [e for e in hard_extra if id(e) not in taken]
    for k, n in enumerate(left):
        if k in paired:
            value, start, end, text, *_ = extra[paired[k]]
            out.append(_finding(pair, "number", "error",
                                f"number differs: {_shown(n.text, n.value)} in the {src}, "
                                f"{_shown(text, value)} in the {tgt}", (start, end)))
        elif k < len(missing):
            said = "number missing" if pair.source != "en" else "extra number in the target"
            out.append(_finding(pair, "number", "error",
                                f"{said}: {_shown(n.text, n.value)}", (n.start, n.end), "zh"))
    for value, start, end, text, *_ in hard_extra:
        said = "extra number in the target" if pair.source != "en" else "number missing"
        out.append(_finding(pair, "number", "error", f"{said}: {_shown(text, value)}", (start, end)))
    later = _halves(pair) + _plus_minus(pair) + _months(pair) + _swapped_dates(pair) + _from_to(pair, zh_nums, en_nums)
    if "week" in cues:
        later += _weekday_changed(pair)
    if "one" in cues:
        later += _one_span_changed(pair)
    if "part" in cues:
        later += _part_of_day_changed(pair)
    if "per" in cues:
        later += _period_changed(pair)
    return phone_findings + time_findings + out + later


#: Currencies by their Chinese names and English codes, signs and names (code: names); "$"
#: and "dollars" alone name any dollar, "¥" the yuan or the yen. A pound alone may be a weight.
_CURRENCIES = {
    "USD": ("美元 美金", "USD US$ U.S.$ US_dollar US_dollars U.S._dollar U.S._dollars"),
    "HKD": ("港元 港币 港幣", "HKD HK$ Hong_Kong_dollar Hong_Kong_dollars HK_dollars"),
    "TWD": ("新台币 新台幣 台币", "TWD NT$ New_Taiwan_dollars"),
    "AUD": ("澳元", "AUD A$ Australian_dollars"), "CAD": ("加元", "CAD C$ Canadian_dollars"),
    "SGD": ("新加坡元 新元", "SGD S$ Singapore_dollars"),
    "EUR": ("欧元 歐元", "EUR € euro euros"), "GBP": ("英镑 英鎊", "GBP £ sterling pounds_sterling"),
    "JPY": ("日元 日圆 日圓", "JPY yen"), "KRW": ("韩元 韓元", "KRW ₩"),
    "CHF": ("瑞士法郎", "CHF Swiss_francs"), "INR": ("卢比", "INR ₹ rupees"), "RUB": ("卢布", "RUB ₽ roubles rubles"),
    "CNY": ("人民币 人民幣", "CNY RMB yuan renminbi"),
    # 元 alone is the place's own: the renminbi, and in Taiwan or Hong Kong the NT or HK dollar
    "元": ("元 圆 圓 块", ""),
    "$": ("", "$ dollar dollars"), "¥": ("", "¥ ￥"),
}
_DOLLARS = frozenset({"USD", "HKD", "TWD", "AUD", "CAD", "SGD"})


@lru_cache(maxsize=1)
def _currency_patterns():
    """The patterns of :data:`_CURRENCIES`: (names by side, Chinese after a number, Chinese
    before one, English after one, English before one)."""
    names = [{}, {}]
    for code, sides in _CURRENCIES.items():
        for side in (0, 1):
            for name in sides[side].split():
                names[side][name.replace("_", " ").lower()] = code
    def alternatives(side, codes_only=False):      # codes_only: signs and three-letter codes
        return "|".join(map(re.escape, sorted((k for k in names[side] if not codes_only or not k.isalpha()
                                               or len(k) == 3), key=len, reverse=True)))
    zh_after = re.compile(r"\s?(?:" + alternatives(0) + ")")
    zh_before = re.compile(r"(?:人民币|人民幣|[$¥￥€£]|US\$|HK\$|USD|RMB|CNY|EUR|GBP|JPY|HKD)\s?\Z", re.I)
    en_after = re.compile(r"\s?(?:(?:million|billion|thousand|trillion|m|bn)\s)?(" + alternatives(1) + r")\b", re.I)
    en_before = re.compile(r"(?<![A-Za-z])(" + alternatives(1, True) + r")\s?\Z", re.I)
    return names, zh_after, zh_before, en_after, en_before


def _currency(text: str, start: int, end: int, lang: str) -> tuple[str, str] | None:
    """The currency written with the number at ``start:end`` of ``text``, as (code, as written):
    12,000美元 and "USD 12,000" give USD, 人民币4,500元 and "4,500 yuan" CNY; None when none is."""
    names, zh_after, zh_before, en_after, en_before = _currency_patterns()
    after = (zh_after if lang == "zh" else en_after).match(text, end)
    if after:
        word = after.group(after.lastindex or 0).strip()
        code = names[0 if lang == "zh" else 1].get(word.lower())
        return (code, word) if code else None
    before = (zh_before if lang == "zh" else en_before).search(text, max(0, start - 8), start)
    if before:
        word = before.group().strip()
        code = names[1].get(word.lower()) or (names[0].get(word) if lang == "zh" else None)
        return (code, word) if code else None
    return None


def _same_currency(a: str, b: str) -> bool:
    if a == b:
        return True
    if "元" in (a, b):
        return ({a, b} - {"元"}) <= {"CNY", "¥", "TWD", "HKD"}
    if "$" in (a, b):
        return ({a, b} - {"$"}) <= _DOLLARS
    if "¥" in (a, b):
        return ({a, b} - {"¥"}) <= {"CNY", "JPY"}
    return False


_BRACKET_BETWEEN = re.compile(r"[^()0-9]{0,24}\(\s*(?:about|approx\.?|approximately|around|roughly|some|~|≈)?\s*\Z",
                              re.IGNORECASE)


def _conversion(en: str, e: tuple, en_vals: list) -> bool:
    """Whether the target's number ``e`` (a row of ``en_vals``) is another number's quantity
    converted, in brackets right after it: 180°C (356°F), 5 km (about 3 miles), 2 kg (4.4 lb) —
    a unit of the same dimension, another unit. The translator's addition, not an extra number."""
    unit = unit_after(en, e[2], "en")
    if unit is None:
        return False
    for value, start, end, *_ in en_vals:
        if end <= e[1] and e[1] - end <= 40 and _BRACKET_BETWEEN.fullmatch(en, end, e[1]):
            other = unit_after(en, end, "en")
            if other and other[0] == unit[0] and other != unit:
                return True
    return False


_EN_COUNTED = re.compile(r"\s+(?:more\s+|other\s+|further\s+|separate\s+|different\s+)?([a-z]+)", re.I)


def _counts_alike(pair: Pair, n, e: tuple) -> bool:
    """Whether the Chinese numeral ``n`` and the English number word ``e`` count the same
    thing: the English noun after ``e`` renders (CC-CEDICT) the measure word or noun after ``n``
    (两组 "three groups", 两晚 "three nights")."""
    m = _EN_COUNTED.match(pair.en, e[2])
    if m is None:
        return False
    noun = m.group(1).lower()
    stem = noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun
    lexicon = load_lexicon()
    after = pair.zh[n.end:n.end + 3].lstrip("个")
    for size in (2, 1):
        word = after[:size]
        if len(word) == size and lexicon.gloss(word) and re.search(r"\b" + re.escape(stem) + r"(?:s|es)?\b",
                                                                   lexicon.gloss(word), re.I):
            return True
    return False


def _per_lost(pair: Pair, n, en_end: int) -> tuple[str, str] | None:
    """A compound unit's "per" the target drops or changes (5～10 mg/kg "5–10 mg per dose": the
    dose for each kilogram of body weight made a fixed one), as the two sides' units written
    (mg/kg, mg); None when the source's denominator is named anywhere in the target (每千克5 mg:
    the Chinese may put it first)."""
    zh_per = unit_after(pair.zh, n.end, "zh", denominator=True)
    en_per = unit_after(pair.en, en_end, "en", denominator=True)
    source_per, target = (zh_per, pair.en) if pair.source != "en" else (en_per, pair.zh)
    if source_per is None or source_per == (en_per if pair.source != "en" else zh_per):
        return None
    folded = target.lower()
    if any(re.search(rf"(?<![a-z]){re.escape(name.lower())}(?![a-z])", folded) for name in unit_names(source_per)):
        return None
    zh_unit, en_unit = unit_after(pair.zh, n.end, "zh"), unit_after(pair.en, en_end, "en")
    return (zh_unit[1] + (f"/{zh_per[1]}" if zh_per else ""), en_unit[1] + (f"/{en_per[1]}" if en_per else ""))


#: A tolerance's sign: ± (and ∓) before a number, 正负 in Chinese, "+/-", "plus or minus" in
#: English.  The number after it is the same with it or without (±20 mm, "20 mm"), so the
#: comparison of values above cannot see it dropped; a deviation of ±20 mm is not one of 20.
_PLUS_MINUS = {"zh": re.compile("[±∓]|正负(?=[0-9０-９一二两三四五六七八九十])"),
               "en": re.compile(r"[±∓]|\+\s?/\s?[-−]|\bplus(?:\s+or\s+|\s?/\s?|-)minus\b", re.I)}


def _plus_minus(pair: Pair) -> list[Finding]:
    """A ± of the source the target does not write, or one the target adds."""
    if not any(c in text for text in (pair.zh, pair.en) for c in "±∓+正") \
            or pair.zh.strip() == pair.en.strip():
        return []
    s_side, t_side = ("en", "zh") if pair.source == "en" else ("zh", "en")
    said = list(_PLUS_MINUS[s_side].finditer(getattr(pair, s_side)))
    written = list(_PLUS_MINUS[t_side].finditer(getattr(pair, t_side)))
    if len(said) == len(written):
        return []
    side, m = (s_side, said[len(written)]) if len(said) > len(written) else (t_side, written[len(said)])
    text = getattr(pair, side)
    shown = text[m.start():_SIGNED_NUMBER.match(text, m.end()).end()]
    message = (f"± missing: {shown} in the source, no ± in the target" if side == s_side
               else f"extra ± in the target: {shown}")
    return [_finding(pair, "number", "error", message, m.span(), side)]


_SIGNED_NUMBER = re.compile(r"\s?[0-9０-９]*(?:[.,][0-9]+)*")


_INCLUSIVE = re.compile(r"\binclusive(?:ly)?\b|\bincluding\b", re.I)


def _inclusive_restated(pair: Pair, n, numbers: list) -> bool:
    """Whether ``n`` restates the bound before it in a bracket of 含 "including" (不超过15亿元
    （含15亿元）, 3年以上（含3年）: legal and financial Chinese says the bound is inclusive so),
    which the English says with "inclusive" and no second number."""
    return pair.source != "en" and pair.zh[max(0, n.start - 2):n.start] in ("（含", "(含") \
        and any(m.start < n.start and m.value == n.value for m in numbers) \
        and _INCLUSIVE.search(pair.en) is not None


#: Pairs of a missing and an extra number weighed against each other, at most: beyond, a
#: segment (a table's row, a list of figures) pairs them in their order in the text, in
#: time linear in their number rather than quadratic.
_MAX_PAIRINGS = 10_000


def _pair_numbers(left: list, hard: int, extra: list, hard_extra: set[int]) -> dict[int, int]:
    """Which extra number (index into ``extra``) each left-over source number (index into
    ``left``) is reported against: the pairs most alike first (:func:`_unlikeness`). The
    first ``hard`` of ``left`` are missing numbers, which any extra number may pair with; the
    rest are soft (left over, not reported), which pair only with an extra number that would
    be reported (``hard_extra``: the ids of those rows)."""
    allowed = lambda k, e: k < hard or id(e) in hard_extra       # noqa: E731
    paired: dict[int, int] = {}
    if len(left) * len(extra) > _MAX_PAIRINGS:
        free = iter(range(len(extra)))
        paired = dict(zip(range(hard), free))
        later = (j for j in free if id(extra[j]) in hard_extra)
        paired.update(zip(range(hard, len(left)), later))
        return paired
    options = sorted((_unlikeness(n, e), k, j) for k, n in enumerate(left) for j, e in enumerate(extra)
                     if allowed(k, e))
    used: set[int] = set()
    for _, k, j in options:
        if k not in paired and j not in used:
            paired[k] = j
            used.add(j)
    return paired


_MINUS = "-−－–"
_SIGN_CUE_EN = re.compile(r"[-−－–]|minus|negative|below", re.I)

#: The characters a Chinese number ends with (20万-30万 is a range, not minus 30万).
_ZH_NUMBER_CHARS = frozenset("〇零一二两三四五六七八九十百千万亿萬億")
#: A negative amount said in words: -312万元 "a net loss of RMB 3.12 million", -2.5% "a decline of 2.5%".
_SAID_NEGATIVE = re.compile(r"\b(?:loss|losses|deficit|declin|decreas|fall|fell|drop|down|negative|shr[iau]nk|contract|"
                            r"below|lower|less|reduc|cut|minus|deduct|outflow|owe|debt)", re.I)
_NEGATIVE_AFTER = re.compile(r"\s?(?:°\s?[CF]|℃|degrees?(?:\s(?:Celsius|centigrade|Fahrenheit))?)?"
                             r"\s+below\s+(?:zero|freezing)", re.I)


def _negative(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the number at ``start:end`` is written negative: a minus sign right before it
    that follows no digit, letter, closing bracket or degree sign (5-10, XR-2000 and 10°–80° are
    ranges and a code; a Chinese character before it is no letter of a code: 为-5℃),
    负 or 零下 (Chinese), "minus" or "… below zero" (English)."""
    before = text[max(0, start - 6):start]
    if before[-1:] and before[-1] in _MINUS:
        prev = before[:-1].rstrip(" ")
        if prev.endswith(("+/", "+")):
            return False                # +/-0.5, a tolerance: the ± check's
        if prev != before[:-1]:         # "RMB -3.12", "5 - 10": after a space, a sign unless after a number
            return not prev or not (prev[-1].isdigit() or prev[-1] in ")]）】%")
        return not prev or not (prev[-1].isdigit() or prev[-1].isalpha() and not "\u4e00" <= prev[-1] <= "\u9fff"
                                or prev[-1] in ")]）】%°℃℉′″" or prev[-1] in _ZH_NUMBER_CHARS)
    if lang == "zh":
        return before.endswith(("负", "零下")) and not before.endswith("正负")     # 正负0.5: ±, the ± check's
    words = text[max(0, start - 16):start].lower()
    if words.endswith(("plus or minus ", "plus-minus ", "plus/minus ")):
        return False
    return words.endswith(("minus ", "negative ")) or bool(_NEGATIVE_AFTER.match(text, end))


#: One unit of time, which neither side reads as a number (一 and "one" are as often words):
#: 一年 "one year", 一个月 "a month"; not 三月一日 (a date) nor 同一年 "the same year".
_ZH_ONE_SPAN = re.compile("(?<![一二三四五六七八九十百千万第同统唯月])[一半](?:个)?(年|个月|月|天|日|周|星期|小时|分钟|秒)(?![代度级])")
_EN_ONE_SPAN = re.compile(r"\b(?:one|a|an|half\s+an?)[\s-]+(?:full\s+|whole\s+|calendar\s+|single\s+)?"
                          r"(year|month|day|week|hour|minute|second)\b", re.I)
#: Chinese units of time by their English names (one unit of time here, a rate's period below).
_ZH_TIME_UNITS = {"年": "year", "个月": "month", "月": "month", "季度": "quarter", "周": "week", "星期": "week",
                  "天": "day", "日": "day", "小时": "hour", "分钟": "minute", "秒": "second"}


def _one_span_changed(pair: Pair) -> list[Finding]:
    """One unit of time, or half of one, the target names as one of another (保修期一年 "a warranty
    of one month", 静置半小时 "rest for half a day"): where each side names one the other does not."""
    zh = [(m, _ZH_TIME_UNITS[m.group(1)]) for m in _ZH_ONE_SPAN.finditer(pair.zh)
          if m.group(1) != "月" or m.group()[0] == "半" or "个" in m.group()]   # 一月 is January
    if not zh:
        return []
    en = [(m, m.group(1).lower()) for m in _EN_ONE_SPAN.finditer(pair.en)]
    found = _named_otherwise(pair, zh, en, "number", "error", "unit")
    if found or en:
        return found
    # 提前一天 "two days in advance", 不满一年 "less than two years": one of the unit said as several
    units = {k for m, k in zh if m.group()[0] != "半"}
    counts = {n.value for n in extract_numbers(pair.zh, "zh")}      # 两年 said too: "two years" is its
    several = [m for m in _EN_SEVERAL_SPANS.finditer(pair.en) if m.group(2).lower() in units
               and _SMALL_COUNTS[m.group(1).lower()] not in counts]
    if not several:
        return []
    z = next(m for m, k in zh if k == several[0].group(2).lower())
    src, tgt = (z.group(), several[0].group()) if pair.source != "en" else (several[0].group(), z.group())
    return [_finding(pair, "number", "error", f"number differs: {src} in the source, {tgt} in the target",
                     several[0].span())]


#: Several of one unit of time in English words: "two days", "a two-year warranty" (digits are
#: the number check's).
_SMALL_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_EN_SEVERAL_SPANS = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten)(?:\s+|-)"
                               r"(year|month|day|week|hour|minute|second)s?\b", re.I)


_ZH_PARTS = {"上午": "morning", "早上": "morning", "早晨": "morning", "清晨": "morning", "中午": "noon",
             "下午": "afternoon", "傍晚": "evening", "晚上": "evening", "晚间": "evening", "今晚": "evening",
             "夜间": "evening", "夜里": "evening", "深夜": "evening"}
_ZH_PART_RE = re.compile("|".join(_ZH_PARTS))
_EN_PART_RE = re.compile(r"\b(morning|afternoon|evening|night|tonight|overnight|noon|midday|lunchtime)s?\b", re.I)
_EN_PARTS = {"night": "evening", "tonight": "evening", "overnight": "evening", "midday": "noon", "lunchtime": "noon"}


def _part_of_day_changed(pair: Pair) -> list[Finding]:
    """A part of the day the target names as another (下午参观 "in the morning, visit"): where
    each side names one the other does not (a.m. and p.m. are the times' own check)."""
    if not _ZH_PART_RE.search(pair.zh):
        return []
    en = [(m, _EN_PARTS.get(m.group(1).lower(), m.group(1).lower())) for m in _EN_PART_RE.finditer(pair.en)]
    if not en:
        return []
    zh = [(m, _ZH_PARTS[m.group()]) for m in _ZH_PART_RE.finditer(pair.zh)]
    return _named_otherwise(pair, zh, en, "number", "error", "time of day")


#: A rate's or a payment's period: 每日 "daily", 年利率 "annual interest rate", 月租金 "monthly rent".
_ZH_PERIOD = re.compile("每(?:一)?(?:个)?(日|天|周|星期|月|季度|年|小时)|(年|月|日)(?=利率|化|薪|租金?|均|息|费|产量|销量)"
                        "|每半个?(日|天|月|年|小时)")
_EN_PERIOD = re.compile(r"\b(?:(daily|weekly|monthly|quarterly|yearly|annual|annually|hourly)"
                        r"|(?:per|each|every|a)\s+(day|week|month|quarter|year|hour)|per\s+(annum))\b", re.I)
#: Half of one (每半小时 "every half hour", 每半年 "semi-annually"): the half and what it is in
#: the smaller unit ("every six months"; "every 30 minutes" in digits is the number check's).
_EN_HALF_PERIOD = re.compile(r"\b(?:(?:every|each|per)\s+half(?:[\s-]+an?)?[\s-]+(day|month|year|hour)"
                             r"|half[\s-](yearly|hourly|monthly|daily)|(semi-?annual(?:ly)?|semi-?monthly|fortnightly))\b",
                             re.I)
_HALF_OF = {"year": "6 months", "month": "2 weeks", "day": "12 hours", "hour": "30 minutes"}
_EN_PERIODS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year",
               "annual": "year", "annually": "year", "hourly": "hour", "annum": "year"}
#: A period of several units in words: "every two years", "every other day" (digits, "every 3
#: months", are the number check's).
_EN_PERIOD_OF = re.compile(r"\bevery\s+(other|second|third|two|three|four|five|six|seven|eight|nine|ten|twelve)"
                           r"\s+(day|week|month|quarter|year|hour)s?\b", re.I)
_EN_PERIOD_COUNT = {"other": 2, "second": 2, "third": 3, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}


def _period_changed(pair: Pair) -> list[Finding]:
    """A rate's or a payment's period the target names as another (年利率 "monthly interest rate",
    每日 "each month", 每半小时 "every hour"): where each side names a period the other does not."""
    zh = [(m, _ZH_TIME_UNITS[m.group(1) or m.group(2)] if not m.group(3) else f"half {_ZH_TIME_UNITS[m.group(3)]}")
          for m in _ZH_PERIOD.finditer(pair.zh)]
    if not zh:
        return []
    keys = {k for _, k in zh}
    en = []
    for m in _EN_PERIOD.finditer(pair.en):
        word = (m.group(1) or m.group(2) or m.group(3)).lower()
        key = _EN_PERIODS.get(word, word)
        # 每半年 "twice a year", 每半小时 "twice hourly": the half said as two in the whole
        if f"half {key}" in keys and re.search(r"\b(?:twice|two\s+times)\s+$", pair.en[:m.start()], re.I):
            key = f"half {key}"
        en.append((m, key))
    for m in _EN_HALF_PERIOD.finditer(pair.en):
        word = (m.group(1) or m.group(2) or m.group(3)).lower().replace("-", "")
        unit = "year" if word.startswith("semiannual") else "month" if word in ("semimonthly", "fortnightly") else \
            _EN_PERIODS.get(word, word)
        en.append((m, f"half {unit}"))
    # 每年更换一次 "every two years": the same unit, several of it (a period of another unit,
    # 每年两次 "every six months", may say the same, and is left alone, but for a half of one:
    # 每半年 "every six months")
    halves = {_HALF_OF[k[5:]]: k for k in keys if k.startswith("half ")}
    for m in _EN_PERIOD_OF.finditer(pair.en):
        count, unit = _EN_PERIOD_COUNT[m.group(1).lower()], m.group(2).lower()
        if f"{count} {unit}s" in halves:
            en.append((m, halves[f"{count} {unit}s"]))
        elif unit in keys:
            en.append((m, f"{count} {unit}s"))
    en.sort(key=lambda row: row[0].start())
    # 年 of 年利率: "年利率"
    return _named_otherwise(pair, zh, en, "number", "error", "period",
                            said=lambda m: pair.zh[m.start():m.end() + (2 if m.group(2) else 0)])


#: A span of time the source says, which a translation may restate in another unit: 一年半
#: "18 months", 三年 "36 months", 半小时 "30 minutes", 一刻钟 "15 minutes", 两周 "14 days".  A
#: numeral (or 半 alone), 半 after a measure word, then a unit of time (tm's table; 刻, a
#: quarter of an hour, besides), 半 after it too.
_ZH_DURATION = re.compile("(?:([0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二两三四五六七八九十百千]+)(个?半)?|(半))"
                          "(?=个?(?:年|月|周|星期|天|工作日|自然日|小时|钟头|分钟?|秒|刻))")
#: Units of time by what they are in a smaller one; a month is no fixed number of days, so
#: years and months are compared in months, the rest in seconds.
_TIME_IN = {"year": (12, "month"), "month": (1, "month"), "week": (604800, "s"), "day": (86400, "s"),
            "h": (3600, "s"), "min": (60, "s"), "s": (1, "s"), "刻": (900, "s")}


#: The same in English, where the numbers of a span said with a half are not read as numbers
#: ("one and a half years", "a year and a half", "half an hour").
_EN_DURATION = re.compile(r"\b(?:(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                          r"|an?)\s+(and\s+a\s+half\s+)?|(half\s+an?\s+))(year|month|week|day|hour|minute|second)s?"
                          r"(\s+and\s+a\s+half)?\b", re.I)
_EN_SMALL = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_EN_TIME_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "h", "minute": "min",
                  "second": "s"}


def _durations_restated(pair: Pair, extra: list, missing: list, soft: list) -> tuple[list, list, list]:
    """``extra``, ``missing`` and ``soft`` without the numbers of a span of time one side
    restates in another unit (租期一年半 "a lease of 18 months", 三年 "36 months", 静置半小时
    "rest for 30 minutes", 一刻钟 "15 minutes", 18个月 "one and a half years"): one number of
    the other side for each span."""
    said = []       # the Chinese spans: (value in the smaller unit, that unit, start, end)
    for m in _ZH_DURATION.finditer(pair.zh):
        at = m.end() + (pair.zh[m.end()] == "个" and pair.zh[m.end() + 1:m.end() + 2] in ("半", "钟"))
        found = ("time", "刻") if pair.zh.startswith("刻", at) else unit_after(pair.zh, at, "zh")
        if not found or found[1] not in _TIME_IN:
            continue
        try:
            value = 0.5 if m.group(3) else parse_zh_numeral(m.group(1)) + (0.5 if m.group(2) else 0)
        except ValueError:
            continue
        end = at + (1 if found[1] == "刻" else max(len(w) for w in unit_names(found) if pair.zh.startswith(w, at)))
        if not m.group(2) and pair.zh.startswith("半", end):
            value, end = value + 0.5, end + 1        # 一年半, 两天半
        factor, base = _TIME_IN[found[1]]
        said.append((normalise_value(value * factor), base, m.start(), end))
    kept, spans = [], []
    for e in extra:
        unit = unit_after(pair.en, e[2], "en")
        factor, base = _TIME_IN.get(unit[1], (None, None)) if unit and unit[0] == "time" else (None, None)
        k = next((k for k, (v, b, *_) in enumerate(said) if factor and b == base
                  and v == normalise_value(e[0] * factor)), None)
        if k is None:
            kept.append(e)
        else:
            spans.append(said.pop(k)[2:])

    def outside(n):
        return not any(a <= n.start and n.end <= b for a, b in spans)
    missing, soft = [n for n in missing if outside(n)], [n for n in soft if outside(n)]
    # a Chinese number of time left over that the English says as a span with a half
    left = {id(n): n for n in missing + soft}
    if left and "half" in pair.en.lower():
        for m in _EN_DURATION.finditer(pair.en):
            number = (m.group(1) or "").lower()
            value = 0.5 if m.group(3) else (_EN_SMALL.get(number) or (1 if number in ("a", "an") else float(number))) \
                + (0.5 if m.group(2) or m.group(5) else 0)
            factor, base = _TIME_IN[_EN_TIME_UNITS[m.group(4).lower()]]
            for key, n in list(left.items()):
                unit = unit_after(pair.zh, n.end, "zh")
                if unit and unit[1] in _TIME_IN and _TIME_IN[unit[1]][1] == base and \
                        normalise_value(n.value * _TIME_IN[unit[1]][0]) == normalise_value(value * factor):
                    del left[key]
                    kept = [e for e in kept if not (m.start() <= e[1] and e[2] <= m.end())]
                    break
        missing, soft = [n for n in missing if id(n) in left], [n for n in soft if id(n) in left]
    return kept, missing, soft


def _below_zero(zh: str, n, numbers: list) -> bool:
    """Whether ``n`` is the 零 of 零下 before a number (零下20℃, 零下五度): "minus", "-", the
    number's sign, which a translation writes as no zero."""
    return n.text in ("零", "〇") and zh.startswith("下", n.end) and any(m.start == n.end + 1 for m in numbers)


#: The halves of a year: 上半年 "the first half (H1)", 下半年 "the second half (H2)".  As words
#: of one and two they are no numbers the comparison above reports (a small number in words
#: is as often no quantity); a target that names only the half the source does not is a finding.
_ZH_HALF = re.compile("([上下])半年")
#: (H1, H2 in capitals and not an HTML heading's tag, <h2>; first-half results as well)
_EN_HALF = re.compile(r"\b(?:(first|second)[\s-]+half|(?<!<)(?<!</)(?-i:H([12])))\b", re.I)


def _halves(pair: Pair) -> list[Finding]:
    zh = [(m, 1 if m.group(1) == "上" else 2) for m in _ZH_HALF.finditer(pair.zh)] if "半年" in pair.zh else []
    if not zh:
        return []
    # H2 is hydrogen's formula too (上半年氢气产量 "H2 output in the first six months"): no
    # half where the source names hydrogen (氢, 氫)
    hydrogen = "氢" in pair.zh or "氫" in pair.zh
    en = [(m, 1 if (m.group(1) or "").lower() == "first" or m.group(2) == "1" else 2)
          for m in _EN_HALF.finditer(pair.en) if not (hydrogen and m.group(2) == "2")]
    # only the other half named is a finding: a translation may name a half twice where the
    # source says it once (上半年…同比 "in the first half … from the first half of last year"),
    # or name the half a comparison is with (上半年…环比 "… than in the second half of last year")
    if not en or {h for _, h in zh} & {h for _, h in en}:
        return []
    name = {1: "first", 2: "second"}
    z, e = next(((z, e) for z, e in zip(zh, en) if z[1] != e[1]), (zh[0], en[0]))
    said_zh, said_en = f"{z[0].group()} ({name[z[1]]} half)", e[0].group()
    if pair.source != "en":
        message = f"half of the year differs: {said_zh} in the source, {said_en} in the target"
    else:
        message = f"half of the year differs: {said_en} in the source, {said_zh} in the target"
    return [_finding(pair, "number", "error", message, e[0].span())]


#: A Chinese date's month and day (5月3日, 十二月一日): the month of a date, which the English
#: names (3 May, May 3).
_ZH_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_ZH_DATE = re.compile("(?<![0-9０-９一二三四五六七八九十])([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月"
                      "(?:[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号號]")


def _months(pair: Pair) -> list[Finding]:
    """A date's month the target names as another month (5月3日 "5 March": day and month
    swapped, the same numbers, so the comparison of values could not see it).  Only where the
    English names months and the two sides' months differ both ways (a month the English adds,
    今年三月 "in March", is none)."""
    if "月" not in pair.zh or not may_hold_words(pair.en, _MONTH_OR_TIMES):
        return []
    zh = []
    for m in _ZH_DATE.finditer(pair.zh):
        month = m.group(1)
        value = int(to_halfwidth(month)) if month[0] not in _ZH_MONTHS[9] + "一二三四五六七八九" \
            else _ZH_MONTHS.index(month) + 1
        if 1 <= value <= 12:
            zh.append((m, value))
    if not zh:
        return []
    en = [(m, _month_of(m.group()))
          for m in _MONTH_RE.finditer(pair.en)]
    zh_only = Counter(v for _, v in zh) - Counter(v for _, v in en)
    en_only = Counter(v for _, v in en) - Counter(v for _, v in zh)
    if not en or not zh_only or not en_only:
        return []
    # the source's month among the target's numbers (its day: 5月3日 "5 March"); else the month's
    # number is missing and the comparison of values has said so (十二月一日 "1 November")
    days = {n.value for n in extract_numbers(pair.en, "en")}
    zh = [(m, v) for m, v in zh if v in zh_only and v in days]
    if not zh:
        return []
    z = next(m for m, v in zh if v in zh_only)
    e = next(m for m, v in en if v in en_only)
    src, tgt = (f"{z.group()} in the source", f"{e.group()} in the target") if pair.source != "en" else \
        (f"{e.group()} in the source", f"{z.group()} in the target")
    return [_finding(pair, "number", "error", f"month differs: {src}, {tgt}", e.span())]


#: A time of day. Chinese: a part of the day before an hour (下午3点, 晚上8:30, 中午12点), or an
#: hour written with a colon (15:30) or with 点 and its minutes (10点半, 9点15分, 8点钟); a bare
#: N点 is as often N points (三点意见) or a decimal (三点五). English: a.m./p.m., noon, midnight
#: and hh:mm.
_ZH_PART_OF_DAY = "上午|早上|早晨|清晨|凌晨|中午|午间|下午|傍晚|晚上|晚间|今晚|夜间|夜里|深夜|半夜|午夜"
_ZH_TIME = re.compile(r"(?P<part>" + _ZH_PART_OF_DAY + r")?\s*(?P<h>[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})"
                      r"(?:[:：](?P<m>[0-9]{2})(?![0-9])|[点時时](?:(?P<m2>[0-9]{1,2}|[零〇]?[一二三四五六七八九十]{1,3})分"
                      r"|(?P<half>半)|(?P<quarter>一刻|三刻)|(?P<oclock>钟|整))?(?![0-9一二三四五六七八九十]))")
_EN_TIME = re.compile(r"(?<![0-9.:])(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?\s*"
                      r"(?P<part>[ap]\.\s?m\.|[ap]m\b|[AP]\.\s?M\.|[AP]M\b)"
                      r"|(?<![0-9.:])(?P<h24>[0-9]{1,2}):(?P<m24>[0-9]{2})(?![0-9:])"
                      r"|\b(?P<word>noon|midday|midnight)\b", re.IGNORECASE)
_TIME_CUE = re.compile(r"[0-9]\s?[ap]\.?\s?m\b|noon|midday|midnight|[0-9]:[0-9]{2}", re.IGNORECASE)
#: What :func:`check_number` looks for in the source before session 32's readings, one scan:
#: a clock's hour, a part of the day, money, a sign, a weekday, one unit of time.
#: (Each alternative's first characters, in a look-ahead before them, let the scan skip the
#: rest of the text in C: 9.5 → 2.6 µs on the plan's sentences; a new alternative adds its own.)
_ZH_CUE_FIRST = ("0-9０-９零〇一二两三四五六七八九十" + "".join(sorted({w[0] for w in _ZH_PART_OF_DAY.split("|")}))
                 + "元币幣镑鎊圆圓块$¥￥€£₩₹₽美法卢URCHEGJ" + "\\-−－–负" + "周星礼禮週" + "半" + "每年月日")
_ZH_CUES = re.compile(rf"(?=[{_ZH_CUE_FIRST}])(?:"
                      r"(?P<time>[0-9０-９零〇一二两三四五六七八九十][点时時:：])|(?P<part>" + _ZH_PART_OF_DAY + ")"
                      r"|(?P<money>[元币幣镑鎊圆圓块$¥￥€£₩₹₽]|美金|法郎|卢[比布]|USD|RMB|CNY|HKD|EUR|GBP|JPY)"
                      r"|(?P<sign>[-−－–负]|零下)|(?P<week>(?:周|星期|礼拜|禮拜|週)[一二三四五六日天])"
                      r"|(?P<one>[一半]个?(?:年|月|天|日|周|星期|小时|分钟|秒))"
                      r"|(?P<per>每|[年月日](?=利率|化|薪|租|均|息|费|产量|销量)))")


def _zh_hour(text: str) -> int | None:
    """An hour or a minute written in digits or in characters (十 10, 十二 12, 二十三 23, 两 2,
    零五 5 of 八点零五分)."""
    try:
        value = parse_zh_numeral(text)
    except ValueError:
        return None
    return int(value) if value == int(value) else None


def _times(text: str, lang: str) -> list[tuple[frozenset[int], int, tuple[int, int]]]:
    """The times of day of ``text``: (the minutes after midnight it may be — two for a 12-hour
    clock's hour without a.m./p.m. or a part of the day —, its hour on a 12-hour clock × 60 +
    its minutes, span)."""
    out = []
    if lang == "zh":
        for m in _ZH_TIME.finditer(to_halfwidth(text)):
            part = m.group("part")
            if not (part or m.group("m") or m.group("m2") or m.group("half") or m.group("quarter") or m.group("oclock")):
                continue
            h = _zh_hour(m.group("h"))
            minute = m.group("m") or m.group("m2")
            minute = (30 if m.group("half") else 15 if m.group("quarter") == "一刻" else 45 if m.group("quarter")
                      else 0 if minute is None else _zh_hour(minute))
            if h is None or minute is None or h > 24 or minute > 59:
                continue
            if part is None:
                may = {h % 24} if h == 0 or h > 12 else {h % 12, h % 12 + 12}
            elif part in ("上午", "早上", "早晨", "清晨", "凌晨"):
                may = {h % 12}
            elif part in ("中午", "午间"):
                may = {h + 12} if h <= 3 else {h % 24}
            elif part in ("下午", "傍晚"):
                may = {h % 12 + 12} if h != 12 else {12}
            elif part in ("晚上", "晚间"):
                may = {0} if h in (0, 12, 24) else {h + 12} if h >= 6 else {h, h + 12}
            else:       # 夜间, 夜里, 深夜, 半夜, 午夜: 11 at night, 2 after midnight
                may = {0} if h in (0, 12, 24) else {h} if h <= 5 else {h % 12 + 12}
            out.append((frozenset(v * 60 + minute for v in may), (h % 12) * 60 + minute, m.span()))
        return out
    for m in _EN_TIME.finditer(text):
        if m.group("word"):
            v = 0 if m.group("word").lower() == "midnight" else 12 * 60
            out.append((frozenset({v}), 0, m.span()))
            continue
        if m.group("h24") is not None:
            h, minute = int(m.group("h24")), int(m.group("m24"))
            if h > 24 or minute > 59:
                continue
            may = {h % 24} if h == 0 or h > 12 or m.group("h24").startswith("0") else {h % 12, h % 12 + 12}
        else:
            h, minute = int(m.group("h")), int(m.group("m") or 0)
            if not 1 <= h <= 12 or minute > 59:
                continue
            may = {h % 12 + (12 if m.group("part")[0] in "pP" else 0)}
        out.append((frozenset(v * 60 + minute for v in may), (h % 12) * 60 + minute, m.span()))
    return out


def _times_of_day(pair: Pair, zh_nums: list, en_nums: list):
    """Times of day compared as times, not as their numbers: 15:30 is "3:30 p.m." and 中午12点
    "noon" (each gave a number error), 下午3点 is not "3 a.m." nor 上午9:30 "9:30 p.m." (the same
    numbers: no error). A time of the source and one of the target are the same when they may
    be the same minute of the day; left over, one at the same hour and minute of a 12-hour
    clock is a time that differs (one finding each). The numbers of the times so paired are
    left out of the comparison of values; a time with no counterpart keeps its numbers there.
    (``findings``, ``zh_nums``, ``en_nums``)."""
    if not _TIME_CUE.search(pair.en):
        return [], zh_nums, en_nums
    zh, en = _times(pair.zh, "zh"), _times(pair.en, "en")
    if not zh or not en:
        return [], zh_nums, en_nums
    paired_zh, paired_en, differ = [], [], []
    left = list(en)
    for t in zh:
        same = next((e for e in left if e[0] & t[0]), None)
        if same is not None:
            left.remove(same)
            paired_zh.append(t[2])
            paired_en.append(same[2])
    for t in zh:
        if t[2] in paired_zh:
            continue
        other = next((e for e in left if e[1] == t[1]), None)
        if other is not None:
            left.remove(other)
            paired_zh.append(t[2])
            paired_en.append(other[2])
            differ.append((t[2], other[2]))
    findings = []
    for a, b in differ:
        said_zh, said_en = pair.zh[a[0]:a[1]], pair.en[b[0]:b[1]]
        src, tgt = (said_zh, said_en) if pair.source != "en" else (said_en, said_zh)
        findings.append(_finding(pair, "number", "error",
                                 f"time of day differs: {src} in the source, {tgt} in the target", b))
    inside = lambda n, spans: any(a <= n.start < b for a, b in spans)   # noqa: E731
    return (findings, [n for n in zh_nums if not inside(n, paired_zh)],
            [n for n in en_nums if not inside(n, paired_en)])


_ANY_DIGIT = re.compile(r"\d")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
#: A weekday in Chinese: 周一, 星期二, 礼拜天 (not 每周一次 "once a week").
_ZH_WEEKDAY = re.compile("(?:周|星期|礼拜|禮拜|週)([一二三四五六日天])(?![次回遍趟])")
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_mentions(text: str, lang: str) -> list[tuple[re.Match, int]]:
    """The weekdays ``text`` names, each as (its match, 0 Monday … 6 Sunday), in text order."""
    if lang == "zh":
        return [(m, "一二三四五六日".index(m.group(1).replace("天", "日"))) for m in _ZH_WEEKDAY.finditer(text)]
    return [(m, _EN_WEEKDAYS.index(m.group().lower())) for m in _WEEKDAY.finditer(text)] if "day" in text else []


def _weekdays(text: str, lang: str) -> Counter:
    """The weekdays ``text`` names (0 Monday … 6 Sunday), counted."""
    return Counter(day for _, day in _weekday_mentions(text, lang))


def _weekday_changed(pair: Pair) -> list[Finding]:
    """A weekday the target names as another (周一至周五 "Monday to Thursday"): only where both
    sides name weekdays and each names one the other does not (周一至周五 "weekdays" is none)."""
    if not _ZH_WEEKDAY.search(pair.zh) or "day" not in pair.en:
        return []
    return _named_otherwise(pair, _weekday_mentions(pair.zh, "zh"), _weekday_mentions(pair.en, "en"),
                            "number", "error", "weekday")


#: A telephone number: after a label (电话, 传真, 手机, 热线, Tel, Phone, Fax, Mobile, Hotline,
#: call) or written with a country code (+86, 0086), in groups of digits parted by spaces,
#: hyphens, dots or an area code in brackets: 022-23456789 is "+86 22 2345 6789".
_PHONE_LABEL = re.compile(r"(?:电话|传真|手机|热线|联系方式|咨询|Tel|Phone|Telephone|Fax|Mobile|Hotline|call)"
                          r"[^0-9+\n]{0,12}\Z", re.I)
_PHONE = re.compile(r"(?<![\w.+])(?:(?:\+|00)[0-9]{1,3}[ \-.]?)?(?:\(0?[0-9]{1,4}\)[ \-.]?)?"
                    r"[0-9]{2,11}(?:[ \-.][0-9]{2,8}){0,4}(?![\w]|\.\w|-[0-9])")
_PHONE_CUE = re.compile(r"电话|传真|手机|热线|联系方式|咨询|Tel|Phone|Fax|Mobile|Hotline|call|\+\s?[0-9]|(?<![0-9])00[0-9]",
                        re.I)
_COUNTRY_CODES = ("86", "852", "853", "886", "1", "44", "81", "82", "65", "49", "33", "61")


def _phones(text: str, other: bool = False) -> list[tuple[tuple[int, int], str]]:
    """The telephone numbers of ``text``: (span, digits without country code or trunk 0).
    With ``other`` (the other side has some), also a number of groups with no label (咨询电话
    022-27403366 "Enquiries: 022-2740 3366": the English labels a telephone number in more
    ways than a list holds)."""
    text = to_halfwidth(text)
    out = []
    for m in _PHONE.finditer(text):
        number = m.group()
        digits = re.sub(r"[^0-9]", "", number)
        international = number.startswith(("+", "00"))
        if not 7 <= len(digits) <= 15 or not (international or _PHONE_LABEL.search(text, max(0, m.start() - 24), m.start())
                                              or (out and out[-1][0][1] >= m.start() - 3)
                                              or (other and len(digits) < len(number))):
            continue
        if international:
            digits = digits[2:] if number.startswith("00") else digits
            digits = next((digits[len(c):] for c in _COUNTRY_CODES if digits.startswith(c)), digits)
        out.append((m.span(), digits.lstrip("0")))
    return out


def _phone_numbers(pair: Pair, zh_nums: list, en_nums: list):
    """Telephone numbers compared whole, digits against digits (a country code and the area
    code's trunk 0 aside), not as the numbers their groups read as: a right 022-23456789
    "+86 22 2345 6789" gave three errors. One finding a number that differs; the numbers
    inside the telephone numbers of either side are left out of the comparison of values.
    (``findings``, ``zh_nums``, ``en_nums``)."""
    if not _PHONE_CUE.search(pair.zh) or not _ANY_DIGIT.search(pair.en):
        return [], zh_nums, en_nums     # (the Chinese side first: a label or a country code)
    zh = _phones(pair.zh)
    en = _phones(pair.en, bool(zh))
    if not zh or not en:
        return [], zh_nums, en_nums
    inside = lambda n, spans: any(a <= n.start < b for (a, b), _ in spans)   # noqa: E731
    zh_nums = [n for n in zh_nums if not inside(n, zh)]
    en_nums = [n for n in en_nums if not inside(n, en)]
    only_zh = Counter(d for _, d in zh) - Counter(d for _, d in en)
    only_en = Counter(d for _, d in en) - Counter(d for _, d in zh)
    findings = []
    if only_zh and only_en:
        a = next(span for span, d in zh if d in only_zh)
        b = next(span for span, d in en if d in only_en)
        said_zh, said_en = pair.zh[a[0]:a[1]], pair.en[b[0]:b[1]]
        src, tgt = (said_zh, said_en) if pair.source != "en" else (said_en, said_zh)
        findings.append(_finding(pair, "number", "error",
                                 f"telephone number differs: {src} in the source, {tgt} in the target", b))
    return findings, zh_nums, en_nums


#: A date written in digits, year first (2024.10.8, 2024-10-08, 2024/10/8) or, in Chinese, with
#: 年月日 (2024年10月8日); an English one also with the month's name (October 8, 2024 /
#: 8 October 2024 / Oct. 8, 2024).
_NUMERIC_DATE = re.compile(r"(?<![0-9.])([0-9]{4})([.\-/])([0-9]{1,2})\2([0-9]{1,2})(?![0-9]|\.[0-9])")
_ZH_NUMERIC_DATE = re.compile("(?<![0-9])([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]")
_EN_NAMED_DATE = re.compile(r"(?:(?P<m1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{4})"
                            r"|(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>[A-Z][a-z]{2,8})\.?,?\s+(?P<y2>[0-9]{4}))"
                            r"(?![0-9])")


_DATE_CUE = re.compile(r"[0-9]{4}[.\-/年．]")
_YEAR_CUE = re.compile(r"[0-9]{4}")


def _dates_of(text: str, lang: str) -> list[tuple[tuple[int, int, int], tuple[int, int], bool]]:
    """The full dates of ``text``: ``((year, month, day), span, in digits alone)``."""
    text = to_halfwidth(text)
    out = [((int(m.group(1)), int(m.group(3)), int(m.group(4))), m.span(), True)
           for m in _NUMERIC_DATE.finditer(text)]
    if lang == "zh":
        out += [((int(m.group(1)), int(m.group(2)), int(m.group(3))), m.span(), False)
                for m in _ZH_NUMERIC_DATE.finditer(text)]
    else:
        for m in _EN_NAMED_DATE.finditer(text):
            month = _month_of(m.group("m1") or m.group("m2"))
            if month:
                day, year = int(m.group("d1") or m.group("d2")), int(m.group("y1") or m.group("y2"))
                out.append(((year, month, day), m.span(), False))
    return [d for d in out if 1 <= d[0][1] <= 12 and 1 <= d[0][2] <= 31]


def _swapped_dates(pair: Pair) -> list[Finding]:
    """A full date whose month and day the other side has turned round (2024.10.8 "2024.8.10",
    2024.10.8 "August 10, 2024"): the same numbers, so the comparison of values cannot see it.
    A date in 年月日 against one with the month's name is :func:`_months`'s."""
    if not _DATE_CUE.search(pair.zh) or not _YEAR_CUE.search(pair.en):
        return []       # (a year with a separator or 年 in the Chinese, four digits in the English)
    zh, en = _dates_of(pair.zh, "zh"), _dates_of(pair.en, "en")
    if not zh or not en:
        return []
    zh_keys, en_keys = {d for d, _, _ in zh}, {d for d, _, _ in en}
    for (y, m, d), zspan, z_digits in zh:
        if m == d or (y, m, d) in en_keys:
            continue
        for (y2, m2, d2), espan, e_digits in en:
            if (y2, m2, d2) == (y, d, m) and (y2, m2, d2) not in zh_keys and (z_digits or e_digits):
                said_zh, said_en = pair.zh[zspan[0]:zspan[1]], pair.en[espan[0]:espan[1]]
                if pair.source != "en":
                    message = f"date differs: {said_zh} in the source, {said_en} in the target (month and day turned round)"
                else:
                    message = f"date differs: {said_en} in the source, {said_zh} in the target (month and day turned round)"
                return [_finding(pair, "number", "error", message, espan)]
    return []


#: A change from one value to another: 由15%降至10%, 从5人增加到8人 (由/从 before the first
#: number, 至/到/为 before the second, within its clause); "from 15% to 10%".
_ZH_FROM = re.compile("[由从從]\\s*$")
_ZH_TO = re.compile("^[^，。；,;]{0,8}?[至到为為]\\s*$")
_EN_FROM = re.compile(r"\bfrom\s+(?:(?:RMB|USD|US\$|\$|€|£|¥)\s?)?$", re.I)
_EN_TO = re.compile(r"^\s*(?:%|per\s?cent|[a-z]+)?\s*to\s+(?:(?:RMB|USD|US\$|\$|€|£|¥)\s?)?$", re.I)


def _changes(text: str, numbers: list, start: re.Pattern, to: re.Pattern) -> list[tuple]:
    """The changes ``text`` states: (from value, to value, span of both, how each is written)."""
    return [(normalise_value(a.value), normalise_value(b.value), (a.start, b.end), f"{a.text} … {b.text}")
            for a, b in zip(numbers, numbers[1:])
            if start.search(text, max(0, a.start - 10), a.start) and to.match(text[a.end:b.start])]


def _from_to(pair: Pair, zh_nums: list, en_nums: list) -> list[Finding]:
    """A change whose two values the target gives the other way round (由15%降至10% "reduced
    from 10% to 15%": the same numbers, so the comparison of values could not see it)."""
    if not any(c in pair.zh for c in "由从從") or "from" not in pair.en.lower():
        return []
    en = _changes(pair.en, en_nums, _EN_FROM, _EN_TO)
    for a, b, _, said in _changes(pair.zh, zh_nums, _ZH_FROM, _ZH_TO) if en else ():
        turned = [(span, written) for c, d, span, written in en if (c, d) == (b, a) and a != b]
        if turned and (a, b) not in {(c, d) for c, d, *_ in en}:
            (span, written), = turned[:1]
            zh_side, en_side = f"from {said} in the", f"from {written} in the"
            message = (f"the change is turned round: {zh_side} source, {en_side} target" if pair.source != "en"
                       else f"the change is turned round: {en_side} source, {zh_side} target")
            return [_finding(pair, "number", "error", message, span)]
    return []


def _unlikeness(n, e: tuple) -> tuple[bool, bool, float]:
    """How unlike a missing number ``n`` and an extra one ``e`` (an ``en_vals`` row) are: an
    ordinal or a percentage against a number of another kind (第七 with "8th", 四成 with "30
    percent": session 31), a numeral written in words against one in digits, then the orders
    of magnitude between."""
    size = lambda v: math.log10(max(abs(v), 1e-9))      # noqa: E731
    kinds = {n.kind, e[5]}
    return (len(kinds) > 1 and bool(kinds & {"ordinal", "percent"}), _is_word(n) != e[4],
            abs(size(n.value) - size(e[0])))


_PINYIN = re.compile(r"\[[^\[\]]*\]")


def _inside_a_word(zh: str, n) -> bool:
    """Whether the numeral ``n``, written in characters, is part of a CC-CEDICT word whose
    senses name no number: 五花肉 "pork belly", 四川 "Sichuan", 三明治 "sandwich", 五险一金
    "employment benefits package …, consisting of five insurances …" (not 四季 "four seasons",
    五月 "May; fifth month")."""
    lexicon = load_lexicon()
    return any(word != n.text and not extract_numbers(_senses_named(_PINYIN.sub("", lexicon.gloss(word))), "en")
               for word in lexicon.covering(zh, n.start, n.end))


_ASIDE = re.compile(r"\([^()]*\)")


def _senses_named(gloss: str) -> str:
    """What each sense of a CC-CEDICT gloss names, without what explains it: the words of each
    sense before its first comma (a semicolon parts synonyms: 两国 "both countries; the two
    countries"), asides in brackets left out.  张三 "Zhang San, name for an unspecified person,
    first of a series of three" is Zhang San, whose 三 counts nothing; 五险一金 an "employment
    benefits package", whose explanation counts its five insurances; 四季 "the four seasons" and
    五月 "May / fifth month (of the lunar year)" name a number."""
    return "/".join(_ASIDE.sub("", sense).split(",", 1)[0] for sense in gloss.split("/"))


#: Taiwan dates by the Republic of China's calendar: its year N is the year N + 1911 (民國115年,
#: 115年3月12日 = March 12, 2026).
_ROC_EPOCH = 1911


def _roc_year(zh: str, n) -> bool:
    """Whether ``n`` may be a year of the Republic of China's calendar: a whole number of
    digits up to 200 written before 年 (115年, 115年度). Read so only when the target has no
    number equal to it and has its Gregorian year (成立115年 "115 years" stays 115)."""
    return n.text.isdigit() and 1 <= n.value <= 200 and zh[n.end:n.end + 1] == "年"


#: An identifier: Latin letters, digits and dots joined by an underscore (login.2fa_intro,
#: step_2, MAX_RETRY_3): a message key or a name in code, whose digits count nothing.
#: (A letter before the underscore is the first letter, after it the first after it: with
#: any letter, a long run of letters was tried split at each of its letters, quadratic.)
_IDENTIFIER = re.compile(r"(?<![\w.])(?:[0-9.]*[A-Za-z][A-Za-z0-9.]*_|[A-Za-z0-9.]*_[0-9.]*[A-Za-z])[\w.]*")


def _outside_placeholders(numbers: list, text: str) -> list:
    spans = [m.span() for m in text_placeholders(text)]
    return [n for n in numbers if not any(a <= n.start < b for a, b in spans)] if spans else numbers


def _in_identifier(text: str, codes: bool = False) -> Callable[[int], bool]:
    """Whether an offset of ``text`` lies in an identifier (:data:`_IDENTIFIER`), or with
    ``codes`` in a hyphenated code of letters and digits (:data:`_HYPHEN_CODE`)."""
    spans = [m.span() for m in _IDENTIFIER.finditer(text)] if "_" in text else []
    if codes and "-" in text:
        spans += [m.span() for m in _HYPHEN_CODE.finditer(text)]
    return lambda at: any(a <= at < b for a, b in spans)


#: A code of two letters or more and hyphenated groups, one of them digits (TJZB-2025-0618,
#: SN-2024-001): a project's, a document's or a part's number, whose digits count nothing.
_HYPHEN_CODE = re.compile(r"(?<![\w.-])[A-Za-z]{2,}(?:-[A-Za-z0-9]+)*-[0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w-])")


#: A Greek letter (small or capital), as a symbol's after its coefficient: 2θ, 2π.
_GREEK_LETTER = re.compile("(?![\u03bc\u03a9])[\u03b1-\u03c9\u0391-\u03a9]")     # not μ, Ω: 5μg is a dose


#: Digits glued to a Latin letter: (?<=[A-Za-z])[0-9]+(?![0-9]|[.,][0-9]), written to begin with
#: the digit, so that the scan skips to digits instead of trying the look-behind everywhere.
_GLUED_DIGITS = re.compile(r"[0-9](?<=[A-Za-z][0-9])[0-9]*(?![0-9]|[.,][0-9])")


#: The Latin and Greek numeral prefixes of English words (unilateral, monoxide, bilateral,
#: dioxide, triphase, tetrahedron, quadrilateral, pentagon, hexagon …) by value, and the
#: Latin distributive numerals (binary, ternary …), which no prefix and word spell.
_NUMERAL_PREFIXES = {"uni": 1, "mono": 1, "bi": 2, "di": 2, "tri": 3, "tetra": 4, "quadri": 4,
                     "quadr": 4, "penta": 5, "hexa": 6, "hepta": 7, "octa": 8, "octo": 8, "deca": 10}
_DISTRIBUTIVES = {"unary": 1, "binary": 2, "ternary": 3, "quaternary": 4, "quinary": 5,
                  "senary": 6, "septenary": 7, "octonary": 8, "nonary": 9, "denary": 10}
#: The quantiles, named by the number of parts (四分位数 "quartile", 四分位距 "interquartile
#: range", 十分位 "decile", 百分位数 "percentile").
_QUANTILES = {"tertile": 3, "quartile": 4, "quintile": 5, "sextile": 6, "decile": 10, "percentile": 100}
_NUMERAL_WORD = re.compile(r"\b(?:" + "|".join(sorted(_NUMERAL_PREFIXES, key=len, reverse=True))
                           + r")-?[a-z]{3,}\b|\b(?:" + "|".join(_DISTRIBUTIVES) + r")\b"
                           + r"|\b(?:inter-?)?(?:" + "|".join(_QUANTILES) + r")s?\b", re.I)


def _numeral_prefixed(en: str) -> Counter:
    """The values the words of ``en`` state with a numeral prefix: a prefix before an
    English word (tri|phase, di|oxide, bi|lateral, tri|angle), a distributive numeral
    (ternary) or a quantile (quartile); 三元材料 "ternary materials" renders the 三."""
    out: Counter = Counter()
    words = None
    for m in _NUMERAL_WORD.finditer(en):
        word = m.group().lower()
        if word in _DISTRIBUTIVES:
            out[float(_DISTRIBUTIVES[word])] += 1
            continue
        quantile = word.removeprefix("inter").lstrip("-").removesuffix("s")
        if quantile in _QUANTILES:      # 四分位距 "interquartile range"
            out[float(_QUANTILES[quantile])] += 1
            continue
        words = words or english_vocabulary()
        for prefix, value in _NUMERAL_PREFIXES.items():
            rest = word[len(prefix):].lstrip("-")
            if word.startswith(prefix) and len(rest) >= 3 and rest in words:
                out[float(value)] += 1
                break
    return out


def _is_word(n) -> bool:
    """True when a number is spelt as a word (三, 两, two), not in digits."""
    return not any(ch.isdigit() for ch in n.text)


def _shown(text: str, value) -> str:
    """A number as a message names it: its text and value (8,650万 (86,500,000)); a dotted code
    (8703.80.00) as written alone."""
    return text if text.count(".") > 1 else f"{text} ({_fmt(value)})"


def _fmt(value) -> str:
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


# --- inconsistency (file level) ----------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split())


def approved_uses(pair: Pair, hits: Sequence[TermHit]) -> list[tuple[str, str, int, int]]:
    """The approved renderings ``pair``'s English uses of its terms that have more than one:
    (term, rendering, start, end) — what :func:`check_inconsistency` compares across a file,
    read where the segment is checked (in a worker process with ``--jobs``)."""
    found = []
    for hit in hits:
        if len(hit.term.approved) > 1:
            used = hit.term.find_approved(pair.en)
            if used:
                found.append((hit.term.zh, *used))
    return found


def check_inconsistency(pairs: Sequence[Pair], hits: Sequence[Sequence[TermHit]] = (),
                        memory: Callable[[str], list[str]] | None = None, *,
                        uses: Sequence[Sequence[tuple[str, str, int, int]]] | None = None) -> list[Finding]:
    """Same source translated two ways in the file or against the memory (warning);
    a term rendered two ways within the file (info: both renderings are approved,
    often for a reason, 医疗 "medical" before a noun and "healthcare" alone). The terms are
    each pair's ``hits``, or their :func:`approved_uses` already read (``uses``)."""
    out: list[Finding] = []
    by_zh: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        if pair.zh.strip() and pair.en.strip():
            by_zh[_norm(pair.zh)].append(pair)
    for zh, group in by_zh.items():
        versions = Counter(_norm(p.en) for p in group)
        if len(versions) > 1:
            usual = versions.most_common(1)[0][0]
            others = [q.id for q in group if _norm(q.en) == usual]
            where = ", ".join(map(str, others[:5])) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            for p in group:
                if _norm(p.en) != usual:
                    out.append(_finding(p, "inconsistency", "warning",
                                        f"same source translated differently in segment {where}: "
                                        f"{_q(usual)}"))
        if memory is not None:
            known = list(dict.fromkeys(_norm(e) for e in memory(group[0].zh.strip()) if e and e.strip()))
            if known:
                for p in group:
                    if _norm(p.en) not in known:
                        out.append(_finding(p, "inconsistency", "warning",
                                            f"the memory translates this source as {_q(known[0])}"
                                            + (f" (and {len(known) - 1} other)" if len(known) > 1 else "")))
    if uses is None:
        uses = [approved_uses(pair, seg_hits) for pair, seg_hits in zip(pairs, hits)]
    by_term: dict[str, dict[str, list[tuple[Pair, int, int]]]] = defaultdict(lambda: defaultdict(list))
    for pair, seg_uses in zip(pairs, uses):
        for zh, rendering, start, end in seg_uses:
            by_term[zh][rendering].append((pair, start, end))
    for zh, renderings in by_term.items():
        # an acronym beside its full form (AI / artificial intelligence) is not two renderings
        renderings = {r: v for r, v in renderings.items() if not is_acronym(r)}
        if len(renderings) > 1:
            usual = max(renderings, key=lambda r: len(renderings[r]))
            for rendering, places in renderings.items():
                if rendering == usual:
                    continue
                for pair, start, end in places:   # both renderings are approved: info
                    out.append(_finding(pair, "inconsistency", "info",
                                        f"{zh} rendered {_q(rendering)} here but {_q(usual)} in "
                                        f"{len(renderings[usual])} other segment(s)", (start, end)))
    return out



# --- inline codes ------------------------------------------------------------

def check_codes(pair: Pair, hits: Sequence[TermHit] = ()) -> list[Finding]:
    """Inline codes (formatting tags of TMX/XLIFF, shown ``{1}…{/1}``, ``{2/}``): a code of
    the source missing from the target (error), a code the source does not have (warning),
    a paired code of the target not balanced, closed before it opens or never closed
    (error, unless the source's is unbalanced the same way: a segment cut inside bold).

    The same for what a software string writes as plain text (``%s``, ``%d``, ``{0}``,
    ``{name}``, ``<b>``): a placeholder of the source missing from the target or changed
    (``%d`` → ``%s``) is an error, one the source does not have a warning, and unnumbered
    printf conversions in another order (``%s … %d`` → ``%d … %s``) an error: they take
    their values in order."""
    s_side, t_side = ("zh", "en") if pair.source != "en" else ("en", "zh")
    source, target = getattr(pair, s_side), getattr(pair, t_side)
    out: list[Finding] = _placeholders(pair, source, target, s_side, t_side)
    src_codes, tgt_codes = inline_codes(source), inline_codes(target)
    if not src_codes and not tgt_codes:
        return out
    left = Counter(tgt_codes)
    for i, ch in enumerate(source):
        if ch in src_codes:
            if left[ch]:
                left[ch] -= 1
            else:
                out.append(_finding(pair, "codes", "error", f"code {{{code_name(ch)}}} of the source "
                                    "is missing in the target", (i, i + 1), s_side))
    extra = +left
    for i, ch in enumerate(target):
        if extra.get(ch):
            extra[ch] -= 1
            out.append(_finding(pair, "codes", "warning", f"code {{{code_name(ch)}}} is not in the source",
                                (i, i + 1), t_side))
    source_bad = set(unbalanced_codes(source))
    for name, problem in unbalanced_codes(target):
        if (name, problem) in source_bad:
            continue
        i = next(j for j, c in enumerate(target) if c in tgt_codes and code_name(c) == name)
        out.append(_finding(pair, "codes", "error", f"code {{{name}}} {problem}", (i, i + 1), t_side))
    return out

def _placeholders(pair: Pair, source: str, target: str, s_side: str, t_side: str) -> list[Finding]:
    src, tgt = text_placeholders(source), text_placeholders(target)
    if not src and not tgt:
        return []
    out: list[Finding] = []
    left = Counter(_placeholder_key(m.group()) for m in tgt)
    missing = []
    for m in src:
        if left[_placeholder_key(m.group())]:
            left[_placeholder_key(m.group())] -= 1
        else:
            missing.append(m)
    extra = []
    for m in tgt:
        if left[_placeholder_key(m.group())] > 0:
            left[_placeholder_key(m.group())] -= 1
            extra.append(m)
    def what(m: re.Match) -> str:
        return ("tag " if m.group().startswith("<") else "placeholder ") + m.group()

    for m in missing:
        # one missing and one added of the same family: the placeholder was changed
        other = next((e for e in extra if e.group()[:1] == m.group()[:1]), None)
        if other is not None:
            extra.remove(other)
            out.append(_finding(pair, "codes", "error", f"{what(m)} of the source is "
                                f"{other.group()} in the target", other.span(), t_side))
        else:
            out.append(_finding(pair, "codes", "error", f"{what(m)} of the source is "
                                "missing in the target", m.span(), s_side))
    for m in extra:
        out.append(_finding(pair, "codes", "warning", f"{what(m)} is not in the source",
                            m.span(), t_side))
    if not out:
        order = [[m.group() for m in ms if _UNNUMBERED_PRINTF.fullmatch(m.group())] for ms in (src, tgt)]
        if order[0] != order[1]:
            at = next(m for m in tgt if _UNNUMBERED_PRINTF.fullmatch(m.group()))
            out.append(_finding(pair, "codes", "error",
                                f"printf placeholders in another order ({', '.join(order[0])} → "
                                f"{', '.join(order[1])}): they take their values in order; "
                                "number them (%1$s)", at.span(), t_side))
    return out


_UNNUMBERED_PRINTF = re.compile(r"%[^$]*")


def _placeholder_key(text: str) -> str:
    """A tag as compared: <br>, <br/> and <BR /> are one tag; anything else as written."""
    if not text.startswith("<"):
        return text
    return re.sub(r"\s*/?>$", ">", re.sub(r"\s+", " ", text)).lower() if text[1:2] != "/" \
        else text.lower().replace(" ", "")


#: The checks that read an English target and say nothing about a Chinese one: not run
#: on en -> zh pairs (``forbidden-term`` returns nothing there: its renderings are English).
ENGLISH_TARGET_CHECKS = ()

#: Segment checks in report order. ``inconsistency`` is file-level, see above.
SEGMENT_CHECKS: dict[str, Callable[[Pair, Sequence[TermHit]], list[Finding]]] = {
    "empty": check_empty,
    "untranslated": check_untranslated,
    "terminology": check_terminology,
    "forbidden-term": check_forbidden,
    "number": check_number,
    "acronym": check_acronym,
    "punctuation": check_punctuation,
    "brackets": check_brackets,
    "mixed-script": check_mixed_script,
    "codes": check_codes,
    "negation": check_negation,
}
