"""Inline codes (formatting tags of TMX/XLIFF) as placeholder characters in a unit's text.

A unit's text keeps one placeholder character where the file had an inline code
(TMX ``<bpt> <ept> <ph> <it> <ut> <hi>``, XLIFF 1.2 ``<g> <x/> <bx/> <ex/> <ph> <bpt>
<ept> <it> <mrk>``, XLIFF 2 ``<pc> <ph/> <sc/> <ec/> <mrk>``); the code's original markup
is stored beside the unit (``TranslationUnit.codes``, see :mod:`tm.formats.inline`).

The placeholder is a character of Unicode's Supplementary Private Use Area-B (plane 16)
that names the code's *label* (a number shared by the two sides of a unit: ``{1}`` in the
Chinese is ``{1}`` in the English) and its *kind*:

* ``OPEN`` ``{1}`` and ``CLOSE`` ``{/1}``: the two ends of a paired code (bold on, bold off);
* ``SELF`` ``{2/}``: a standalone code (a line break, an image, a variable, or one end of a
  pair whose other end is in another segment).

``char(label, kind) = chr(0x100000 + 4 * label + kind)``, labels 0-9999. Readers turn any
such character found as real text in a file into a code of its own (its markup is the
character), so a placeholder in stored text never collides with text. Being neither
letters, digits, Han nor punctuation, placeholders are separators to the English word
pattern, the segmenter and term extraction; the fuzzy matcher removes them
(:func:`strip`) and scores codes apart (:func:`penalty`).
"""

from __future__ import annotations

import re
from collections import Counter

BASE = 0x100000
MAX_LABEL = 9999
OPEN, CLOSE, SELF = 0, 1, 2
CODE = re.compile("[\U00100000-\U0010fffd]")
#: Fuzzy-match penalty in points (percent) per code one side has and the other has not,
#: and its cap: codes cost a little, text decides.
PENALTY_PER_CODE = 1.0
PENALTY_MAX = 5.0


def char(label: int, kind: int) -> str:
    """The placeholder of code ``label`` (0-9999) of ``kind`` (OPEN, CLOSE, SELF)."""
    if not 0 <= label <= MAX_LABEL or kind not in (OPEN, CLOSE, SELF):
        raise ValueError(f"no placeholder for code {label} of kind {kind}")
    return chr(BASE + 4 * label + kind)


def parse(ch: str) -> tuple[int, int] | None:
    """``(label, kind)`` of a placeholder character, or None for any other character."""
    n = ord(ch) - BASE
    if n < 0 or n > 4 * MAX_LABEL + SELF or n & 3 == 3:
        return None
    return n >> 2, n & 3


def is_code(ch: str) -> bool:
    return parse(ch) is not None


def has_codes(text: str) -> bool:
    return CODE.search(text) is not None


def name(ch: str) -> str:
    """The label as stored and shown without braces: ``1``, ``/1``, ``1/``."""
    label, kind = parse(ch)
    return f"/{label}" if kind == CLOSE else f"{label}/" if kind == SELF else str(label)


def from_name(text: str) -> str | None:
    """The placeholder of a name ``1``, ``/1`` or ``1/`` (None if it is not one)."""
    m = _NAME.fullmatch(text)
    if not m:
        return None
    kind = CLOSE if m.group(1) else SELF if m.group(3) else OPEN
    label = int(m.group(2))
    return char(label, kind) if label <= MAX_LABEL else None


_NAME = re.compile(r"(/)?(\d{1,4})(/)?")


def _shown(m: re.Match) -> str:
    return "{" + name(m.group()) + "}" if is_code(m.group()) else "{?}"


def display(text: str) -> str:
    """``text`` with each placeholder written compactly: ``{1}bold{/1}``, ``{2/}``
    (characters outside the placeholder range, which no reader stores, as ``{?}``)."""
    if not has_codes(text):
        return text
    return CODE.sub(_shown, text)


def display_offset(text: str, offset: int) -> int:
    """The offset in :func:`display` of ``text`` of the character at ``offset`` of ``text``
    (a span ``(a, b)`` of ``text`` is ``(display_offset(text, a), display_offset(text, b))``
    of the text shown)."""
    if not has_codes(text):
        return offset
    return offset + sum(len(_shown(m)) - 1 for m in CODE.finditer(text, 0, max(offset, 0)))


def undisplay(text: str, known) -> str:
    """``text`` as a person typed it from :func:`display`: each ``{1}``, ``{/1}``, ``{2/}``
    that names a code in ``known`` (names as stored: ``1``, ``/1``, ``2/``) becomes its
    placeholder again; any other brace stays text."""
    if "{" not in text or not known:
        return text
    return _DISPLAYED.sub(lambda m: from_name(m.group(1)) if m.group(1) in known else m.group(), text)


_DISPLAYED = re.compile(r"\{(/?\d{1,4}/?)\}")


def strip(text: str) -> str:
    """``text`` without its placeholders."""
    return CODE.sub("", text) if has_codes(text) else text


def as_spaces(text: str) -> str:
    """``text`` with each placeholder a space: the words of the English full-text index (a
    code touching a word, ``{1}Test{/1} Anything``, leaves the word a word of its own)."""
    return text if text.isascii() or not has_codes(text) else CODE.sub(" ", text)


def codes(text: str) -> list[str]:
    """The placeholders of ``text``, in order."""
    return [c for c in CODE.findall(text) if is_code(c)]


def difference(a: str, b: str) -> int:
    """How many codes one text has and the other has not (by label and kind, as multisets)."""
    if not (has_codes(a) or has_codes(b)):
        return 0
    ca, cb = Counter(codes(a)), Counter(codes(b))
    return sum(((ca - cb) + (cb - ca)).values())


def penalty(a: str, b: str) -> float:
    """The fuzzy-match penalty (points) for the codes of ``a`` and ``b`` differing:
    :data:`PENALTY_PER_CODE` per code in one and not the other, at most :data:`PENALTY_MAX`."""
    d = difference(a, b)
    return min(PENALTY_MAX, PENALTY_PER_CODE * d) if d else 0.0


def unbalanced(text: str) -> list[tuple[str, str]]:
    """The paired codes of ``text`` that are not balanced: ``(name, problem)`` for a closing
    code before (or without) its opening one, and an opening code never closed."""
    open_: dict[int, int] = {}
    out = []
    for c in codes(text):
        label, kind = parse(c)
        if kind == OPEN:
            open_[label] = open_.get(label, 0) + 1
        elif kind == CLOSE:
            if open_.get(label):
                open_[label] -= 1
            else:
                out.append((name(c), "closed before it is opened" if char(label, OPEN) in text
                            else "closed but never opened"))
    for label, n in sorted(open_.items()):
        if n:
            out.append((str(label), "opened but never closed"))
    return out


#: OmegaT's own tags (its ``PatternConsts.OMEGAT_TAG``) as OmegaT writes them into the text of
#: its project memory: ``project_save.tmx`` is a TMX of level 1, where ``<g0>…</g0>`` and
#: ``<x1/>`` are characters of a segment, not elements.
LITERAL_TAG = re.compile(r"<(/?)[a-zA-Z]+([0-9]+)(/?)>")


def literal(text: str) -> str:
    """``text`` with each OmegaT tag written as text (``<g1>``, ``</g1>``, ``<x2/>``) as the
    placeholder of code 1 opening, closing, or 2 standalone: what OmegaT reads them as.  For
    a reader of such text that must not take the tags for words (term extraction: ``g1``
    is no name); a file's text is stored as the file has it."""
    if "<" not in text:
        return text
    return LITERAL_TAG.sub(lambda m: char(min(int(m.group(2)), MAX_LABEL),
                                          CLOSE if m.group(1) else SELF if m.group(3) else OPEN), text)


# the names tm's public API gives these (tm/__init__.py)
inline_codes, unbalanced_codes, code_name, display_codes = codes, unbalanced, name, display
display_code_offset, literal_codes = display_offset, literal

__all__ = ["inline_codes", "unbalanced_codes", "code_name", "display_codes", "display_code_offset", "literal_codes",
           "BASE", "OPEN", "CLOSE", "SELF", "CODE", "PENALTY_PER_CODE", "PENALTY_MAX", "char", "parse",
           "is_code", "has_codes", "name", "from_name", "display", "display_offset", "strip", "codes", "difference",
           "penalty", "unbalanced", "LITERAL_TAG", "literal"]


#: What a software string's plain text holds in place of a value or around a word, which a
#: translation must keep as written: printf conversions (``%s``, ``%d``, ``%1$s``, ``%.2f``,
#: ``%@``; not after a digit: ``12.5%d…`` is no conversion), numbered or named braces
#: (``{0}``, ``{1:N2}``, ``{name}``, ``{{count}}``, ``${path}``) and markup tags (``<b>``,
#: ``</b>``, ``<br/>``, ``<a href="…">``).
TEXT_PLACEHOLDER = re.compile(
    r"(?<![0-9０-９%])%(?:[1-9][0-9]?\$)?[-+#0]*(?:[0-9]+|\*)?(?:\.(?:[0-9]+|\*))?"
    r"(?:hh|h|ll|l|L|z|j|t|q)?[diouxXeEfFgGcsp@](?![A-Za-z])"
    r"|\$?\{\{?\s*(?:[0-9]+|[A-Za-z_][\w.]*)\s*(?:[:,][^{}]*)?\}\}?"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")


#: HTML's elements that have no end tag (<br>, <img src=…>).
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def text_placeholders(text: str) -> list[re.Match]:
    """The placeholders and markup tags of a plain-text string (:data:`TEXT_PLACEHOLDER`).
    A tag is markup when it closes (``</b>``, ``<br/>``), is an element with no end tag
    (``<br>``), or its end tag is in the text too: ``<options>`` and ``<auto>`` of a usage
    line or a menu are words in angle brackets, which a translation translates."""
    if "%" not in text and "{" not in text and "<" not in text:
        return []
    found = list(TEXT_PLACEHOLDER.finditer(text))
    if "<" not in text:
        return found
    closed = {m.group(1).lower() for m in re.finditer(r"</([A-Za-z][A-Za-z0-9-]*)\s*>", text)}

    def markup(m: re.Match) -> bool:
        tag = m.group()
        if not tag.startswith("<") or tag.startswith("</") or tag.endswith("/>"):
            return True
        name = _TAG_NAME.match(tag).group(1).lower()
        return name in VOID_ELEMENTS or name in closed

    return [m for m in found if markup(m)]
