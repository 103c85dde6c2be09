"""Language-independent evidence that two sentences translate each other.

Each sentence becomes a bag of *keys* in one shared space:

* English content words, de-inflected (``tm.text.english.stem``); on the Chinese
  side, the keys of each dictionary word (CC-CEDICT glosses, plus any
  glossary entries);
* numbers, as ``#<value>`` with 万/亿 and million/billion resolved
  (1000亿 and "100 billion" both become ``#100000000000``);
* Latin words inside Chinese text (GPU, RISC-V, eVTOL), lower-cased and
  stemmed like English words;
* pinyin of Chinese names: a run of 2-4 characters whose toneless pinyin,
  joined, equals a capitalised English word or two adjacent capitalised
  words of the other document (天津 ~ Tianjin, 陈清扬 ~ Chen Qingyang);
* list and heading numbers at the start of a sentence (一、 （一） 1． 1. (1)
  1、) as ``§<n>`` or ``§(<n>)``.

Nothing here knows any particular document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from tm.text import zh as zhdata
from tm.text.english import STOP_WORDS, english_keys, stem
from tm.text.cedict import Lexicon
from tm.text.numbers import extract_numbers, normalise_value

_CJK_RUN = re.compile(f"[{zhdata.HAN}]+")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’]s)?\b")

_ZH_LIST = re.compile(r"^\s*(?:[（(]\s*([一二三四五六七八九十]+|\d+)\s*[）)]"
                      r"|([一二三四五六七八九十]+)\s*[、．.]"
                      r"|(\d+)\s*[、．.](?!\d))")
_EN_LIST = re.compile(r"^\s*(?:\(\s*(\d+|[ivxlc]+)\s*\)|(\d+)\s*[、.．](?!\d)|([IVXLC]+)\.\s)")

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _zh_small_numeral(text: str) -> int | None:
    """一 .. 九十九, enough for list numbering."""
    digits = zhdata.DIGITS
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = digits.get(tens, None) if tens else 1
        o = digits.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(text) == 1:
        return digits.get(text)
    return None


def _roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def list_key(text: str, lang: str) -> str | None:
    """``§3`` for "3." / "三、" / "3、", ``§(3)`` for "(3)" / "（三）" at the start."""
    if lang == "zh":
        m = _ZH_LIST.match(text)
        if not m:
            return None
        if m.group(1):
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else _zh_small_numeral(raw)
            return None if n is None else f"§({n})"
        raw = m.group(2) or m.group(3)
        n = int(raw) if raw.isdigit() else _zh_small_numeral(raw)
        return None if n is None else f"§{n}"
    m = _EN_LIST.match(text)
    if not m:
        return None
    if m.group(1):
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else _roman(raw)
        return None if n is None else f"§({n})"
    n = int(m.group(2)) if m.group(2) else _roman(m.group(3))
    return None if n is None else f"§{n}"


def _num_key(value: float) -> str:
    if float(value).is_integer():
        return f"#{int(value)}"
    return f"#{value:g}"


_MAYBE_ZH_NUMBER = re.compile(r"[0-9０-９" + zhdata.NUMERAL_CHARS + "]")
_MAYBE_EN_NUMBER = re.compile(
    r"[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"billion|trillion|dozen|first|second|third|fifth|eighth|ninth|twelfth|[a-z]+teen(?:th)?|"
    r"[a-z]+ieth|[a-z]+th)\b", re.I)


def _numbers(text: str, lang: str) -> list[str]:
    # a cheap test first: most sentences have no number at all
    maybe = _MAYBE_ZH_NUMBER if lang == "zh" else _MAYBE_EN_NUMBER
    if not maybe.search(text):
        return []
    return [_num_key(normalise_value(n.value)) for n in extract_numbers(text, lang)]


@lru_cache(maxsize=50_000)
def _char_pinyin(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin
    out = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return out[0] if out else ""


def name_keys(text: str) -> dict[str, str]:
    """Capitalised English words and pairs of them joined (Chen Qingyang -> chenqingyang),
    lower-cased, mapped to their keys (stemmed)."""
    words = [w.lower().replace("’", "'").removesuffix("'s") for w in _CAPITALISED.findall(text)]
    out = {w: stem(w) for w in words if w not in STOP_WORDS}
    out.update((w, stem(w)) for w in _joined(text))
    return out


def _joined(text: str) -> list[str]:
    return [(m.group(1) + m.group(2)).lower()
            for m in re.finditer(r"\b([A-Z][a-z]+)[ -]([A-Z][a-z]+)\b", text)]


@dataclass
class ZhSentence:
    """A Chinese sentence as evidence: units (one per word) with their key sets."""

    units: list[tuple[str, frozenset[str]]]   # (unit id for IDF, keys)
    length: int                               # characters, whitespace and latin excluded
    latin: int = 0                            # ASCII letters and digits (carried over as is)
    closes_quote: bool = False                # ends with a closing quotation mark (a turn of dialogue)


@dataclass
class EnSentence:
    keys: list[str]                           # distinct keys
    length: int
    closes_quote: bool = False                # ends with a closing quotation mark (a turn of dialogue)


_ZH_CLOSING = frozenset("”」』’\"")
_EN_CLOSING = frozenset("'\"’”")
_EN_BEFORE_CLOSING = frozenset(".,!?;:—-…'\"’”")


def zh_closes_quote(text: str) -> bool:
    """A Chinese sentence that ends a quotation: its last character is a closing quote
    (”, 」, 』, ’ or a straight double quote)."""
    text = text.rstrip()
    return bool(text) and text[-1] in _ZH_CLOSING


def en_closes_quote(text: str) -> bool:
    """An English sentence that ends a quotation: a quote mark after punctuation as its
    last character ('Had enough?' , "Never!"), not a possessive apostrophe (the boys')."""
    text = text.rstrip()
    return len(text) >= 2 and text[-1] in _EN_CLOSING and text[-2] in _EN_BEFORE_CLOSING


def en_sentence(text: str, names: frozenset[str] | set[str] = frozenset()) -> EnSentence:
    """``names``: joined name keys (chenqingyang) that the Chinese side has as pinyin;
    other joined pairs of capitalised words (On May, Action Plan) are left out."""
    keys = english_keys(text)
    keys.extend(stem(w) for w in _joined(text) if stem(w) in names)
    keys.extend(_numbers(text, "en"))
    marker = list_key(text, "en")
    if marker:
        keys.append(marker)
    return EnSentence(list(dict.fromkeys(keys)), len("".join(text.split())), en_closes_quote(text))


def zh_sentence(text: str, lexicon: Lexicon, names: Mapping[str, str]) -> ZhSentence:
    """``names`` maps the lower-cased capitalised words of the English document
    (and joined pairs of them) to their keys, see :func:`name_keys`; the pinyin
    units found are the ``py:``-prefixed unit ids."""
    units: list[tuple[str, frozenset[str]]] = []
    seen: set[str] = set()
    for run in _CJK_RUN.finditer(text):
        chars = run.group()
        for word in lexicon.segment(chars):
            keys = lexicon.keys(word)
            if keys:
                units.append((word, keys))
                seen |= keys
        if names:
            syll = [_char_pinyin(c) for c in chars]
            for size in (2, 3, 4):
                for k in range(len(chars) - size + 1):
                    key = names.get("".join(syll[k:k + size]))
                    if key is not None and key not in seen:
                        units.append(("py:" + key, frozenset((key,))))
                        seen.add(key)
    for m in _LATIN_IN_ZH.finditer(text):
        key = stem(m.group().lower())
        if key not in seen and key not in STOP_WORDS:
            units.append((key, frozenset((key,))))
            seen.add(key)
    for key in _numbers(text, "zh"):
        units.append((key, frozenset((key,))))
    marker = list_key(text, "zh")
    if marker:
        units.append((marker, frozenset((marker,))))
    latin = sum(1 for c in zhdata.to_halfwidth(text) if c.isascii() and c.isalnum())
    return ZhSentence(units, sum(1 for c in text if not c.isspace()) - latin, latin, zh_closes_quote(text))
