"""Sentence segmentation for Chinese and English text.

Both segmenters work line by line: a line break always ends a segment, and
each non-blank line is a new ``paragraph``. Within a line they cut after
sentence-final punctuation, keep closing quotes and brackets with the sentence
they close, keep list markers (``一、`` ``（一）`` ``1．`` ``1.`` ``(1)``) with
their text, and make a parenthetical that follows a finished sentence, such as
``（市科技局按职责分工负责）``, a segment of its own. An entry of a reference list
(``[1] 作者. 题名[J]. 刊名…``) is one segment.

Segments never lose or invent a character: every non-whitespace character of
the input is in exactly one segment, and ``seg.text == text[seg.start:seg.end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from tm.text import zh
from tm.errors import ToolError
from tm.models import Segment

# str.splitlines() boundaries
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")

_ZH_NUM = "0-9０-９一二三四五六七八九十百〇零两"
_ZH_MARKER = re.compile(
    rf"\s*(?:[（(][{_ZH_NUM}]{{1,4}}[）)]|[0-9０-９]{{1,3}}[.．、)）]"
    rf"|[一二三四五六七八九十百]{{1,4}}[、.．]"
    rf"|第[{_ZH_NUM}]{{1,4}}[章节条款部分篇])"
)
_EN_MARKER = re.compile(
    r"\s*(?:\(?[0-9]{1,3}[.)、]|\([0-9]{1,3}\)|[（(][0-9一二三四五六七八九十]{1,4}[）)]"
    r"|\(?[A-Za-z][.)]|\(?[ivxlcIVXLC]{1,6}[.)]|[0-9]{1,3}(?:\.[0-9]{1,3})+\.?)(?=\s|$)"
)
# Inner text of a bracket that is a list number, not a parenthetical sentence.
_MARKER_INNER = re.compile(rf"[{_ZH_NUM}a-zA-Z]{{1,4}}")

_NONSPACE = re.compile(r"\S")
_SPACED_CLOSER = re.compile(r" +[”’）》」』】〕]")
_ZH_RUN = re.compile(r"[。！？｡!?…⋯.．]+|—+(?=[”’」』])")  # and "——”": speech broken off
_EN_RUN = re.compile(r"\.(?: \.){2,}|[.!?…。！？]+|[—–](?=['\"”’])")  # ". . ." and "—'" too

#: English abbreviations after which a period never ends a sentence (lower case, no final dot).
EN_NEVER_END = frozenset(
    "mr mrs ms dr prof st nos vol vols fig figs art arts sec ch chap pp p para "
    "gen gov sen rep rev hon mt ave dept e.g i.e cf vs viz al approx incl esp ca "
    "op ed eds est min max ext tel".split()
)
#: Abbreviations that end a sentence only when a typical sentence opener follows.
EN_MAYBE_END = frozenset(
    "no etc inc ltd co corp jr sr bros plc llc u.s u.k u.n e.u a.m p.m "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words that typically open an English sentence (used after ambiguous abbreviations).
EN_OPENERS = frozenset(
    "the this that these those it its in on at he she they we i you but and however "
    "a an as for if when while there our his her their after before according "
    "meanwhile also so then by from with to under since during".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# The number of an inline list item (after a colon or semicolon): 1. a. iv.
_EN_ITEM = re.compile(r"\(?(?:[0-9]{1,3}|[A-Za-z]|[ivxlc]{1,6})")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_EN_QUOTE_OPENERS = "\"'“‘([{（《「"


def _lines(text: str):
    for m in _LINE.finditer(text):
        if not m.group().isspace():
            yield m.start(), m.group()


@lru_cache(maxsize=8)
def _quote_positions(line: str) -> list[int]:
    return [m.start() for m in re.finditer('"', line)]


def _skip_closers(line: str, e: int) -> int:
    """Move ``e`` past closing quotes and brackets that belong to the sentence."""
    n = len(line)
    while e < n:
        ch = line[e]
        if ch == " " and _SPACED_CLOSER.match(line, e):
            e += 1  # "。 ”": a stray space before a full-width closer
            continue
        if ch not in zh.CLOSERS:
            break
        if ch == '"' and bisect_left(_quote_positions(line), e) % 2 == 0:
            break  # an even count before it: this quote opens
        if ch == "'" and e + 1 < n and not (line[e + 1].isspace() or line[e + 1] in zh.CLOSERS):
            break
        e += 1
    return e


def _marker_end(line: str, pattern: re.Pattern) -> int:
    m = pattern.match(line)
    return m.end() if m else 0


# --- Chinese -------------------------------------------------------------------

#: An ellipsis as a user interface writes a command that opens a dialog ("Save As..."):
#: three dots or one ellipsis character; Chinese prose doubles it (……).
_LABEL_ELLIPSES = frozenset({"...", "…", "．．．"})


def _zh_is_stop(line: str, s: int, e: int, depth: int) -> bool:
    run = line[s:e]
    prev = line[s - 1] if s else ""
    after = _skip_closers(line, e)
    nxt = line[after] if after < len(line) else ""
    if any(ch in zh.FULL_STOPS for ch in run):
        return True
    if "!" in run or "?" in run:
        return bool(prev and (zh.is_cjk(prev) or zh.is_fullwidth_punct(prev))) \
            or not nxt or nxt.isspace() or zh.is_cjk(nxt)
    if run[0] == "—":
        return after > e and nxt not in zh.CLAUSE_MARKS
    if all(ch in zh.ELLIPSES for ch in run) or run.count(".") + run.count("．") >= 3:
        if depth and after > e and nxt and not nxt.isspace() and run in _LABEL_ELLIPSES:
            # a quoted menu item or button (“添加文件夹...”并选择): one ellipsis as software
            # writes it, not the doubled one of Chinese prose (“不过……”她说, which ends speech)
            return False
        # inside brackets or quotes only when the closer follows: “不过……”他说
        return (depth == 0 or after > e) and nxt not in zh.CLAUSE_MARKS or not nxt
    # one or two dots: a stop after Chinese text, never in 1.5 or 1．; after a
    # Latin word only when Chinese text follows (采用GPT.然后), not in example.com
    if prev and prev.isascii() and prev.isalpha() and s >= 2 and line[s - 2].isalpha():
        return zh.is_cjk(nxt) if nxt else False
    if not prev or not (zh.is_cjk(prev) or prev in zh.CLOSERS and prev not in ")]}\"'"):
        return False
    return not (nxt.isascii() and nxt.isalnum())


def _zh_cuts(line: str) -> list[int]:
    cuts = []
    start = _marker_end(line, _ZH_MARKER)
    depth, pos = 0, 0
    for m in _ZH_RUN.finditer(line, start):
        s, e = m.span()
        opened = sum(line.count(ch, pos, s) for ch in "（(“「『")
        closed = sum(line.count(ch, pos, s) for ch in "）)”」』")
        depth = max(0, depth + opened - closed)
        pos = s
        if _zh_is_stop(line, s, e, depth):
            cut = _skip_closers(line, e)
            if _NONSPACE.search(line, cut):
                cuts.append(cut)
    return cuts


# --- English -------------------------------------------------------------------

def _word_before(line: str, s: int) -> str:
    i = s
    while i > 0 and not line[i - 1].isspace() and line[i - 1] not in _EN_QUOTE_OPENERS:
        i -= 1
    return line[i:s]


def _en_is_stop(line: str, s: int, e: int, after: int, rest: str) -> bool:
    run = line[s:e]
    first = rest[0]
    if any(ch in "。！？" for ch in run):
        return True
    if first.islower():
        return False  # "e.g. the", "Yahoo! is", "etc., and"
    if "!" in run or "?" in run or len(run) > 1 or run == "…" or after > e:
        return True  # "?" "!" "..." and `go." Then`
    word = _word_before(line, s)
    low = word.lower()
    if low in EN_NEVER_END:
        return False
    if _EN_ITEM.fullmatch(word) and line[:s - len(word)].rstrip()[-1:] in ":;：；":
        return False  # "Annexes: 1. Application Form": an inline list item's number
    opens_with_capital = first == "(" and rest[1:2].isupper()
    if low == "etc":
        return first.isupper() or opens_with_capital or first in "\"“"
    ambiguous = low in EN_MAYBE_END or _ACRONYM.fullmatch(word) \
        or (len(word) == 1 and word.isalpha() and word.isupper())
    if ambiguous:
        m = _WORD.match(rest)
        return opens_with_capital or bool(m and m.group().lower() in EN_OPENERS)
    return True


def _en_cuts(line: str) -> list[int]:
    cuts = []
    start = _marker_end(line, _EN_MARKER)
    n = len(line)
    for m in _EN_RUN.finditer(line, start):
        s, e = m.span()
        after = _skip_closers(line, e)
        if after < n and not line[after].isspace() \
                and not any(ch in "。！？" for ch in line[s:e]):
            continue  # 1.5, U.S.A, example.com
        nonspace = _NONSPACE.search(line, after)
        if nonspace is None:
            continue
        rest = line[nonspace.start():nonspace.start() + 40]
        if _en_is_stop(line, s, e, after, rest):
            cuts.append(after)
    return cuts


# --- shared --------------------------------------------------------------------

def _close_of(piece: str, i: int) -> int:
    """Index just past the bracket that matches the opener at ``piece[i]``, or -1."""
    opener = piece[i]
    closer = zh.PAIRS[opener]
    depth = 0
    for j in range(i, len(piece)):
        ch = piece[j]
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


def _parenthetical_cuts(line: str, cuts: list[int], english: bool) -> list[int]:
    """Cut after a parenthetical that starts a (non-first) segment and is followed by text."""
    out = []
    bounds = cuts + [len(line)]
    for k, cut in enumerate(cuts):
        out.append(cut)
        piece = line[cut:bounds[k + 1]]
        lead = len(piece) - len(piece.lstrip())
        if lead >= len(piece) or piece[lead] not in "（(":
            continue
        close = _close_of(piece, lead)
        if close < 0 or _MARKER_INNER.fullmatch(piece[lead + 1:close - 1]):
            continue
        close = _skip_closers(line, cut + close) - cut
        rest = piece[close:].lstrip()
        if not rest or rest[0] in zh.FULL_STOPS + zh.CLAUSE_MARKS + ".!?":
            continue
        if english and not (rest[0].isupper() or rest[0] in _EN_QUOTE_OPENERS):
            continue
        out.append(cut + close)
    return out


#: An entry of a reference list as GB/T 7714 writes one (numbered, with a document type:
#: "[1] 陈伟，刘芳. 题名[J]. 林业科学，2021，57（3）：45-53."): one segment, its ". " no
#: sentence end (the authors were cut from the title, in both languages).
_REFERENCE = re.compile(r"\s*[\[［]\d{1,4}[\]］].*\[(?:[JMCDRSPNGZAK]|EB|DB|CP)(?:/OL)?\]")


def _segments(text: str, cutter: Callable[[str], list[int]] | None, english: bool) -> list[Segment]:
    segments: list[Segment] = []
    for paragraph, (offset, line) in enumerate(_lines(text)):
        whole = cutter is None or _REFERENCE.match(line) is not None
        cuts = [] if whole else _parenthetical_cuts(line, cutter(line), english)
        prev = 0
        for cut in cuts + [len(line)]:
            piece = line[prev:cut]
            body = piece.strip()
            if body:
                start = offset + prev + len(piece) - len(piece.lstrip())
                segments.append(Segment(body, len(segments), start, start + len(body), paragraph))
            prev = cut
    return segments


def segment_zh(text: str) -> list[Segment]:
    """Split Chinese text into sentences (see the module docstring for the rules)."""
    return _segments(text, _zh_cuts, english=False)


def segment_en(text: str) -> list[Segment]:
    """Split English text into sentences (see the module docstring for the rules)."""
    return _segments(text, _en_cuts, english=True)


def split_lines(text: str) -> list[Segment]:
    """Presegmented text: one segment per non-blank line, never re-split."""
    return _segments(text, None, english=False)


def segment(text: str, lang: str) -> list[Segment]:
    """Segment ``text`` in language ``lang`` (a BCP-47 tag starting ``zh`` or ``en``)."""
    tag = lang.lower()
    if tag == "zh" or tag.startswith(("zh-", "zh_")):
        return segment_zh(text)
    if tag == "en" or tag.startswith(("en-", "en_")):
        return segment_en(text)
    raise ToolError(f"unsupported language {lang!r}: expected zh-… or en-…")
