"""Traditional and Simplified Chinese compared as one script.

Matching, glossary lookup and QA compare Chinese through :func:`simplified_key`: every
Traditional character mapped to its Simplified form, one character for one (so offsets
in the key are offsets in the text), from OpenCC's ``t2s`` tables (the ``opencc``
package: the maintained C++ library with its dictionaries in the wheel; nothing is
downloaded). 軟件, 軟體 and 资料庫 become 软件, 软体 and 资料库; Simplified text comes back
unchanged. The stored text is never converted: only comparison keys are.

The character table is data (:mod:`tm.text.t2s_changed`: the 4,576 characters that change
and their keys), so keying text never loads OpenCC (converting every CJK ideograph at
start-up took 0.05-0.08 s, most of a one-shot ``tm match``; loading OpenCC to learn the
characters of the texts met, 10-25 ms); :func:`_table` builds it from OpenCC, as the
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
def _keys() -> dict[int, str]:
    """The ``str.translate`` table of :func:`_table`, from the data of :mod:`tm.text.t2s_changed`
    (no OpenCC)."""
    from tm.text.t2s_changed import CHANGED, KEYS
    return str.maketrans(CHANGED, KEYS)


#: The characters of GB2312 (the Simplified character set: nearly every Simplified sentence is
#: written in it) that OpenCC's ``t2s`` changes (a test checks that they are those of
#: :func:`_table`): a text GB2312 encodes needs only a search for these 16.
GB2312_CHANGED = "乾吒夥後徵拚捱摺於榘菸薹袷醣麴麽"


def _gb2312_changed() -> str:
    """The characters of GB2312 that change, computed from :func:`_table`: the reference of
    :data:`GB2312_CHANGED`."""
    return "".join(sorted(ch for ch in _table()[1] if _gb2312(ch)))


@lru_cache(maxsize=1)
def _gb2312_changes() -> re.Pattern:
    """:data:`GB2312_CHANGED` as a pattern."""
    return re.compile(f"[{GB2312_CHANGED}]")


@lru_cache(maxsize=1)
def _changing() -> frozenset[str]:
    """Every character the table changes (:data:`tm.text.t2s_changed.CHANGED`)."""
    from tm.text.t2s_changed import CHANGED
    return frozenset(CHANGED)


def simplified_key(text: str) -> str:
    """``text`` with Traditional characters replaced by Simplified ones, one for one
    (same length); ``text`` itself when it has none.

    Fast on Simplified text: a text GB2312 can encode needs only a search for the few
    characters of GB2312 that change (於 乾 後 徵…), any other text a set test against the
    characters that change; only a text holding some of them is translated (with the table
    of :mod:`tm.text.t2s_changed`)."""
    if _gb2312(text):
        return text.translate(_keys()) if _gb2312_changes().search(text) else text
    if _changing().isdisjoint(text):
        return text
    return text.translate(_keys())


def has_traditional(text: str) -> bool:
    """Does ``text`` hold a character that is written differently in Simplified Chinese?"""
    if _gb2312(text):
        return _gb2312_changes().search(text) is not None
    return not _changing().isdisjoint(text)


@lru_cache(maxsize=1)
def _simplified_only() -> frozenset[str]:
    """Characters that are the Simplified form of another and do not change themselves
    (软 of 軟, 发 of 發): written so, a text is Simplified."""
    from tm.text.t2s_changed import KEYS
    return frozenset(KEYS) - _changing()


def written_in_traditional(text: str) -> bool:
    """Is ``text`` written in Traditional characters: more of its characters change in
    Simplified writing (資, 訊, 臺) than are Simplified forms of others (资, 讯)? A
    document's script, for its language tag (zh-Hant); a stray Traditional character in
    a Simplified text does not make it Traditional."""
    changing, simplified = _changing(), _simplified_only()
    traditional = sum(1 for ch in text if ch in changing)
    return traditional > sum(1 for ch in text if ch in simplified)


@lru_cache(maxsize=1)
def _written() -> dict[str, str]:
    """Each character that has another form -> every character of its key (itself first):
    软 -> 软軟, 发 -> 发發髮 (from :mod:`tm.text.t2s_changed`, no OpenCC)."""
    from tm.text.t2s_changed import CHANGED, KEYS
    out: dict[str, str] = {}
    for changed, key in zip(CHANGED, KEYS):
        out[key] = out.get(key, key) + changed
    return out


def has_variants(text: str) -> bool:
    """Can ``text`` be written otherwise in the other script (does a character of it have
    a Traditional or Simplified form of its own)? A text without such characters is found
    as it is, in texts of either script."""
    written = _written()
    return any(ch in written for ch in simplified_key(text))


def spellings(text: str, *, most: int = 16) -> list[str] | None:
    """Every way of writing ``text`` with the same :func:`simplified_key`, character by
    character (软件 -> 软件, 軟件); None when there are more than ``most``."""
    written = _written()
    out = [""]
    for ch in simplified_key(text):
        forms = written.get(ch, ch)
        if len(out) * len(forms) > most:
            return None
        out = [o + f for o in out for f in forms]
    return out


__all__ = ["simplified_key", "has_traditional", "has_variants", "spellings", "written_in_traditional"]
