"""Traditional and Simplified Chinese compared as one script.

Matching, glossary lookup and QA compare Chinese through :func:`simplified_key`: every
Traditional character mapped to its Simplified form, one character for one (so offsets
in the key are offsets in the text), from OpenCC's ``t2s`` tables (the ``opencc``
package: the maintained C++ library with its dictionaries in the wheel; nothing is
downloaded). 軟件, 軟體 and 资料庫 become 软件, 软体 and 资料库; Simplified text comes back
unchanged. The stored text is never converted: only comparison keys are.

The character table is built on first use by converting every CJK ideograph once
(about 0.05 s); characters OpenCC maps to more than one character, and phrase-level
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


def simplified_key(text: str) -> str:
    """``text`` with Traditional characters replaced by Simplified ones, one for one
    (same length); ``text`` itself when it has none.

    Fast on Simplified text: a text GB2312 can encode (nearly every Simplified sentence)
    needs only a search for the 16 characters of the table in GB2312; any other text a
    set test, then ``str.translate``."""
    table, keys, in_gb2312 = _table()
    if _gb2312(text):
        return text.translate(table) if in_gb2312.search(text) else text
    return text if keys.isdisjoint(text) else text.translate(table)


def has_traditional(text: str) -> bool:
    """Does ``text`` hold a character that is written differently in Simplified Chinese?"""
    return not _table()[1].isdisjoint(text)


__all__ = ["simplified_key", "has_traditional"]
