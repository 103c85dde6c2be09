"""Traditional and Simplified Chinese compared as one script.

Matching, glossary lookup and QA compare Chinese through :func:`simplified_key`: every
Traditional character mapped to its Simplified form, one character for one (so offsets
in the key are offsets in the text), from OpenCC's ``t2s`` tables (the ``opencc``
package: the maintained C++ library with its dictionaries in the wheel; nothing is
downloaded). 軟件, 軟體 and 资料庫 become 软件, 软体 and 资料库; Simplified text comes back
unchanged. The stored text is never converted: only comparison keys are.

The character table is learnt as texts are keyed: each character the first time it
is seen, with OpenCC (converting every CJK ideograph up front took 0.05-0.08 s, most of
the start-up of a one-shot ``tm match``); :func:`_table` builds the whole of it, as the
reference the tests compare with. Characters OpenCC maps to more than one character, and phrase-level
choices (乾隆 keeps 乾, 乾燥 becomes 干燥), are left to the character table: a key is
the same for a text whichever script it is written in, which is what comparison needs.
Vocabulary that differs between regions (軟體 in Taiwan for 软件) is not folded.
"""

from __future__ import annotations

import re
from functools import lru_cache

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B-F
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2EBF0))


def _ideograph(ch: str) -> bool:
    """Is ``ch`` in :data:`_RANGES`? (Not a regular expression: compiling a class of these
    ranges costs milliseconds at every start.)"""
    o = ord(ch)
    return 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0 or 0xF900 <= o < 0xFB00 or 0x20000 <= o < 0x2EBF0


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], frozenset[str], re.Pattern]:
    """The ``str.translate`` table, its characters, and a pattern of those of them that
    GB2312 (the Simplified character set) also holds: 16 characters, 於 乾 後 徵…"""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    chars = [chr(i) for lo, hi in _RANGES for i in range(lo, hi)]
    out = convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):          # pragma: no cover - OpenCC keeps line breaks
        out = [convert(ch) for ch in chars]
    table = {ord(a): b for a, b in zip(chars, out) if a != b and len(b) == 1}
    for code, b in table.items():        # 薴 → 苧 → 苎: the key of a key is the same key
        seen = {code}
        while ord(b) in table and ord(b) not in seen:
            seen.add(ord(b))
            b = table[ord(b)]
        table[code] = b
    keys = frozenset(map(chr, table))
    in_gb2312 = "".join(ch for ch in sorted(keys) if _gb2312(ch))
    return table, keys, re.compile(f"[{in_gb2312}]" if in_gb2312 else "(?!)")


def _gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s").convert


_seen: set[str] = set()          # every character looked at so far
_keys: dict[int, str] = {}       # the table for the characters seen that change: code point -> key
_changed: set[str] = set()       # those characters
_raw: dict[str, str] = {}        # OpenCC's conversion of each character of _RANGES seen that changes


def _learn(text) -> None:
    """Add the characters of ``text`` (a string or a set of characters) not seen yet to the table (what :func:`_table` holds
    for them). They are marked seen only once their keys are in place, so another thread
    never keys a text with the table half learnt."""
    new = set(text).difference(_seen)
    todo = [ch for ch in new if _ideograph(ch)]
    learnt = []
    while todo:   # and what they convert to, for chains (薴 → 苧 → 苎)
        convert = _converter()
        out = convert("\n".join(todo)).split("\n")
        if len(out) != len(todo):        # pragma: no cover - OpenCC keeps line breaks
            out = [convert(ch) for ch in todo]
        more = []
        for a, b in zip(todo, out):
            if a != b and len(b) == 1:
                _raw[a] = b
                learnt.append(a)
                if b not in _seen and b not in new:
                    new.add(b)
                    if _ideograph(b):
                        more.append(b)
        todo = more
    for a in learnt:   # a character seen before has its conversion in _raw already, if it has one
        b, seen = _raw[a], {a}
        while b in _raw and b not in seen:
            seen.add(b)
            b = _raw[b]
        _keys[ord(a)] = b
        _changed.add(a)
    _seen.update(new)


#: The characters of GB2312 (the Simplified character set: nearly every Simplified sentence is
#: written in it) that OpenCC's ``t2s`` changes, as :func:`_gb2312_changed` computes them from
#: OpenCC (a test checks that they are the same). Held here because computing them means
#: loading OpenCC and converting 7,000 characters: 15-25 ms at every start of a one-shot
#: command such as ``tm match``, for a text that is almost always plain Simplified.
GB2312_CHANGED = "乾吒夥後徵拚捱摺於榘菸薹袷醣麴麽"


def _gb2312_changed() -> str:
    """The characters of GB2312 that change, computed: the table learns all of GB2312
    (7,000 characters) and keeps those it maps to another. The reference of
    :data:`GB2312_CHANGED`."""
    chars = set()
    for a in range(0xA1, 0xFF):
        row = bytes(x for b in range(0xA1, 0xFF) for x in (a, b))
        try:
            chars.update(row.decode("gb2312"))
            continue
        except UnicodeDecodeError:   # a row with unassigned codes: one at a time
            pass
        for b in range(0xA1, 0xFF):
            try:
                chars.add(bytes((a, b)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    _learn(chars)
    return "".join(sorted(ch for ch in _changed if _gb2312(ch)))


@lru_cache(maxsize=1)
def _gb2312_changes() -> re.Pattern:
    """:data:`GB2312_CHANGED` as a pattern."""
    return re.compile(f"[{GB2312_CHANGED}]")


def _gb2312_key(text: str) -> str:
    """:func:`simplified_key` of a text GB2312 encodes: only the characters of
    :data:`GB2312_CHANGED` change (their keys learnt the first time one is met)."""
    if not _gb2312_changes().search(text):
        return text
    if not _seen.issuperset(GB2312_CHANGED):
        _learn(GB2312_CHANGED)
    return text.translate(_keys)


@lru_cache(maxsize=1)
def _changing() -> frozenset[str]:
    """Every character the table changes (:data:`tm.text.t2s_changed.CHANGED`)."""
    from tm.text.t2s_changed import CHANGED
    return frozenset(CHANGED)


def simplified_key(text: str) -> str:
    """``text`` with Traditional characters replaced by Simplified ones, one for one
    (same length); ``text`` itself when it has none.

    Fast on Simplified text: a text GB2312 can encode needs only a search for the few
    characters of GB2312 that change (於 乾 後 徵…); any other text a set test against the
    characters that change (without OpenCC), and only a text holding some of them its
    characters not seen before learnt, then ``str.translate``."""
    if _gb2312(text):
        return _gb2312_key(text)
    if _changing().isdisjoint(text):
        return text
    chars = set(text)
    if not _seen.issuperset(chars):
        _learn(chars)
    return text if _changed.isdisjoint(chars) else text.translate(_keys)


def has_traditional(text: str) -> bool:
    """Does ``text`` hold a character that is written differently in Simplified Chinese?"""
    if _gb2312(text):
        return _gb2312_changes().search(text) is not None
    if _changing().isdisjoint(text):
        return False
    chars = set(text)
    if not _seen.issuperset(chars):
        _learn(chars)
    return not _changed.isdisjoint(chars)


__all__ = ["simplified_key", "has_traditional"]
