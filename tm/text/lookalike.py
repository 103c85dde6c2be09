"""The look-alike letters and invisible characters that make two strings look alike:
:func:`fold` gives the key two strings are compared by (NFKC, invisible format characters
dropped, Cyrillic and Greek look-alikes inside a Latin word read as Latin), and
:func:`mixed_script_words` finds the words that mix the alphabets. The stored text is
never changed. Kept apart from :mod:`tm.text.safe`, which every command that prints
imports, so that a one-shot ``tm match`` does not import ``dataclasses`` for
:class:`MixedWord`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import partial

#: Letters of Cyrillic and Greek that are drawn like a Latin letter (after Unicode's
#: confusables.txt, the single-letter Latin look-alikes of the two scripts). Only used
#: inside a word that already mixes them with Latin letters: a whole Russian or Greek
#: word is left alone.
_LOOKALIKE = str.maketrans({
    # Cyrillic lower and upper case
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ү": "y", "ԍ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
    "Ү": "Y", "Ӏ": "I",
    # Greek lower and upper case
    "α": "a", "ο": "o", "ν": "v", "ρ": "p", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: Every character Unicode names GREEK… or CYRILLIC… (the letters :func:`_script` tells from
#: Latin): text without one has no mixed word, and is not looked at letter by letter.
_CYRILLIC_OR_GREEK = re.compile(
    "[\u0370-\u052f\u1c80-\u1c8f\u1d26-\u1d2b\u1d5d-\u1d6a\u1f00-\u1fff\u2de0-\u2dff"
    "\ua640-\ua69f\uab65\U00010140-\U000101a0\U0001d200-\U0001d245\U0001e030-\U0001e08f]")


def _script(ch: str) -> str | None:
    """"latin", "cyrillic" or "greek" for a letter of those scripts, else None."""
    if ch.isascii():
        return "latin" if ch.isalpha() else None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return None


#: A unit of measurement written with a Greek letter: micro (μm, μL, μmol, μA) and ohm
#: after a Latin prefix (kΩ, MΩ). Its letters are meant, not look-alikes.
_UNIT = re.compile("[\u03bc\u00b5][A-Za-z]{1,4}|[pnmkMGT]?[\u03a9\u2126]")
#: A symbol of science written with one small Greek letter beside capitals: an X-ray line or
#: a spectral line (Kα, Hα), a molecule's or a receptor's name (Aβ, PPARγ, TGFβ, NF-κB). A
#: look-alike sits among small letters of a word (pаyment) or among capitals (ΑPI), not so.
_SYMBOL = re.compile("[A-Z]{1,6}[\u03b1-\u03c9]|[\u03b1-\u03c9][A-Z]{1,3}")
#: Chinese characters, which a letter run holds beside a symbol (Kα辐射 "Kα radiation").
_HAN = re.compile("[\u3400-\u9fff]+")


@dataclass(frozen=True)
class MixedWord:
    """A word whose letters come from more than one of Latin, Cyrillic and Greek
    (``pаyment`` with a Cyrillic ``а``): ``text[start:end]``."""

    start: int
    end: int
    scripts: tuple[str, ...]


def mixed_script_words(text: str) -> list[MixedWord]:
    """The words of ``text`` that mix Latin, Cyrillic and Greek letters (look-alike
    spoofing or a keyboard-layout slip); Chinese beside Latin is not mixed, nor is a unit
    written with μ or Ω (μmol, kΩ), nor a symbol of science (Kα, NF-κB)."""
    if text.isascii() or not _CYRILLIC_OR_GREEK.search(text):
        return []       # no letter of a second alphabet: nothing can be mixed (Chinese text)
    out = []
    for m in _LETTER_RUN.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1 and not _UNIT.fullmatch(word) and not _SYMBOL.fullmatch(_HAN.sub("", word)):
            out.append(MixedWord(m.start(), m.end(), tuple(sorted(scripts))))
    return out


def _invisible(ch: str) -> bool:
    """Format characters (zero-width space and joiners, soft hyphen, bidi controls,
    byte-order mark, word joiner) and variation selectors: they change the code points
    of a word but not how it looks."""
    cat = unicodedata.category(ch)
    return cat == "Cf" or "\ufe00" <= ch <= "\ufe0f"


class _Learnt(dict):
    """A function of a character, learnt a character at a time: a text's characters are then
    looked up in C (a ``unicodedata`` call a character in Python took three quarters of a
    Chinese sentence's QA fold, its full-width marks making every sentence take that path)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, ch: str):
        value = self[ch] = self.fn(ch)
        return value


#: Whether folding drops or composes a character (:func:`_invisible`, or a combining mark).
_CHANGED = _Learnt(lambda ch: _invisible(ch) or unicodedata.combining(ch) != 0)
#: A character's NFKC form (full-width ，, ligatures, compatibility ideographs).
_NFKC = _Learnt(partial(unicodedata.normalize, "NFKC"))
#: The same by code point, for ``str.translate``.
_NFKC_OF = _Learnt(lambda cp: unicodedata.normalize("NFKC", chr(cp)))


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """``text`` as it is compared: NFKC (compatibility ideographs, Kangxi radicals,
    full-width forms and ligatures become the ordinary character), invisible format
    characters dropped, combining marks composed with the letter before them or dropped
    when none composes (a stray accent on a Chinese character), and the Cyrillic/Greek
    look-alikes inside a word that mixes them with Latin letters read as Latin.

    Returns the folded text and, when its characters do not stand at their offsets in
    ``text`` (one dropped, composed or expanded), the offset in ``text`` of each folded
    character plus ``len(text)`` at the end (so that a span found in the folded text maps
    back: ``offsets[i]``, ``offsets[j]``); ``None`` when they do (one character for one).
    The stored text is never changed: this is for keys and matching only.
    """
    if text.isascii():
        return text, None
    if not any(map(_CHANGED.__getitem__, text)):
        # nothing dropped or composed (nearly every text): NFKC a character at a time, in C
        folded = text if unicodedata.is_normalized("NFKC", text) else text.translate(_NFKC_OF)
        if len(folded) == len(text):        # one character for one: the offsets are the text's
            for word in mixed_script_words(folded):
                folded = (folded[:word.start] + folded[word.start:word.end].translate(_LOOKALIKE)
                          + folded[word.end:])
            return folded, None
    out: list[str] = []
    offsets: list[int] = []
    changed, nfkc = _CHANGED, _NFKC
    for i, ch in enumerate(text):
        if changed[ch]:
            if _invisible(ch):
                continue
            if out:     # a combining mark
                composed = unicodedata.normalize("NFC", out[-1] + ch)
                if len(composed) == 1:
                    out[-1] = composed
            continue
        piece = nfkc[ch]
        if len(piece) == 1:     # (nearly always: a loop over one character cost a fifth of the fold)
            out.append(piece)
            offsets.append(i)
        else:
            for p in piece:
                out.append(p)
                offsets.append(i)
    folded = "".join(out)
    for word in mixed_script_words(folded):
        folded = (folded[:word.start] + folded[word.start:word.end].translate(_LOOKALIKE)
                  + folded[word.end:])
    offsets.append(len(text))
    return folded, offsets


def fold(text: str) -> str:
    """:func:`fold_with_offsets` without the offsets: the comparison key of ``text``."""
    return fold_with_offsets(text)[0]
