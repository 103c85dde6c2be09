"""Normalisation, tokens and the fuzzy-match score, shared by the store's index and the matcher.

The score is a CAT-tool-style percentage over *tokens*:

* Chinese (``zh``): a token is one character of the normalised text;
* English (``en``): a token is one word of the normalised text.

Normalisation is Unicode NFKC (full-width letters, digits and punctuation become
their half-width forms), case folding, Traditional characters read as Simplified
(:func:`tm.text.variants.simplified_key`: 軟件 matches 软件), and removal of all whitespace (Chinese) or
splitting on it (English). English words are runs of letters/digits, with inner
apostrophes, hyphens and decimal points (``don't``, ``state-of-the-art``, ``1.5``);
other punctuation is not a token. Chinese punctuation is kept (it is part of the
character sequence a translator edits).

``score(a, b) = 100 * (1 - lev(a, b) / max(len(a), len(b)))`` where ``lev`` is the
Levenshtein distance (insert, delete, substitute each cost 1) over the two token
sequences. Identical token sequences score 100; an empty side scores 0.

Inline codes (placeholder characters, :mod:`tm.text.codes`) are not tokens: the text is
scored without them. The matcher then subtracts :func:`code_penalty`: 1 point per code
one text has and the other has not (by number and kind), at most 5 (as CAT tools take a
point or two off a match whose formatting differs).

The fuzzy-match index (see :mod:`tm.memory.match`) stores, per unit and side, the
distinct :func:`grams` and the token count.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from tm.text.variants import simplified_key
from tm.text import codes as _codes
from tm.text.zh import is_cjk, to_halfwidth

ZH_BIT = 1 << 62
_WS = re.compile(r"\s+")
CODES = _codes.CODE     # inline-code placeholders (tm.text.codes)
# whitespace and inline-code placeholders, a character at a time: a pattern that opens with a
# character class is searched by a scan for the class (a run, ``[...]+``, is tried at every position)
_ZH_DROP = re.compile("[\\s\U00100000-\U0010fffd]")
WORD = re.compile(r"\w+(?:['’\-.]\w+)*")
# WORD for ASCII text (where \w is [A-Za-z0-9_]), possessive: a third faster on English
_WORD_ASCII = re.compile(r"[A-Za-z0-9_]++(?:['\-.][A-Za-z0-9_]++)*+")
# the same over the bytes of ASCII text (ascii_words)
_WORD_ASCII_BYTES = re.compile(_WORD_ASCII.pattern.encode("ascii"))


def normalize(text: str) -> str:
    """NFKC plus case folding: full-width forms become half-width, ``ＡＢＣ`` becomes ``abc``.

    Full-width ASCII forms (ubiquitous in Chinese: ，；（）) are mapped first, which
    is what NFKC does to them, so most text then skips the slow full NFKC pass.
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = to_halfwidth(text)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return text.casefold()


def tokens(text: str, lang: str) -> Sequence[str]:
    """The scored token sequence of ``text``: characters (``zh``) or words (``en``).

    For ``zh`` the result is a ``str`` (a sequence of characters), for ``en`` a list of words.
    """
    norm = normalize(text)
    if lang == "zh":      # Traditional and Simplified compare as one script (tm.text.variants)
        return simplified_key(_ZH_DROP.sub("", norm))    # inline-code placeholders dropped
    if lang == "en":
        return (_WORD_ASCII if norm.isascii() else WORD).findall(norm)   # placeholders are not word characters
    raise ValueError(f"unknown language {lang!r}")


def ascii_words(text: str) -> list[bytes]:
    """``tokens(text, "en")`` of an ASCII ``text``, each word as its bytes (what its id, a
    CRC-32, is computed from: an import's tokenizer then encodes no word of its own)."""
    return _WORD_ASCII_BYTES.findall(normalize(text).encode("ascii"))


_SEP = "\ue000"   # joins texts for tokens_many: a stable code point (no normalisation crosses it)


def tokens_many(texts: Sequence[str], lang: str) -> list[Sequence[str]]:
    """``[tokens(t, lang) for t in texts]``, normalised in one pass over the texts joined.

    Normalisation, case folding and the Traditional-to-Simplified key act character by
    character or within runs that a private-use character (a stable code point of NFKC)
    ends, so the joined text splits back into the tokens of each; where a text holds
    the separator itself, each text is tokenized on its own.
    """
    if len(texts) < 2:
        return [tokens(t, lang) for t in texts]
    joined = _SEP.join(texts)
    if joined.count(_SEP) != len(texts) - 1:
        return [tokens(t, lang) for t in texts]
    if lang == "zh":   # the key text by text: most have no Traditional character to look up
        return [simplified_key(piece) for piece in _ZH_DROP.sub("", normalize(joined)).split(_SEP)]
    if lang == "en":
        return [WORD.findall(piece) for piece in normalize(joined).split(_SEP)]
    raise ValueError(f"unknown language {lang!r}")


def grams(toks: Sequence[str], lang: str) -> list[str]:
    """The index tokens of a token sequence: character bigrams (``zh``) or the words (``en``).

    Chinese characters are too common to filter well (the same few thousand
    characters make up every sentence), their bigrams are not.
    """
    if lang == "zh":
        return [toks[i:i + 2] for i in range(len(toks) - 1)]
    return list(toks)


def gram_ids(toks: Sequence[str], lang: str) -> list[int]:
    """Integer ids of :func:`grams`, as stored in the index.

    A Chinese bigram ``ab`` is ``2**62 | ord(a) << 21 | ord(b)`` (exact); an English
    word is its CRC-32 (below ``2**32``, so the two never meet).
    """
    if lang == "zh":
        o = list(map(ord, toks))
        return [ZH_BIT | (o[i] << 21) | o[i + 1] for i in range(len(o) - 1)]
    return [zlib.crc32(w.encode("utf-8")) for w in toks]


OCCURRENCE_SHIFT = {"zh": 42, "en": 32}   # the bits of an id above those of the gram
OCCURRENCES = (1 << 20) - 1               # the highest occurrence number an id holds


def occurrence_ids(toks: Sequence[str], lang: str) -> list[int]:
    """The index tokens of a token sequence, as the fuzzy-match index stores them: the
    :func:`gram_ids`, the ``j``-th repeat of an id (``j >= 1``, at most :data:`OCCURRENCES`)
    with ``j`` in the bits above the gram's (:data:`OCCURRENCE_SHIFT`). Two sequences share
    as many of these as they share grams counted with multiplicity (``sum(min(count_a,
    count_b))``), which a set of distinct grams cannot tell: a query that says 人工智能 three
    times no longer looks like a good match for every unit that says it once."""
    shift = OCCURRENCE_SHIFT[lang]
    seen: dict[int, int] = {}
    out = []
    for g in gram_ids(toks, lang):
        j = seen.get(g, 0)
        seen[g] = j + 1
        out.append(g | (min(j, OCCURRENCES) << shift) if j else g)
    return out


def gram_id(gram: str, lang: str) -> int:
    """The id of one index token (see :func:`gram_ids`)."""
    if lang == "zh":
        return ZH_BIT | (ord(gram[0]) << 21) | ord(gram[1])
    return zlib.crc32(gram.encode("utf-8"))


def score(a: Sequence[str], b: Sequence[str]) -> float:
    """The match score in percent of two token sequences (see the module docstring)."""
    if not a or not b:
        return 0.0
    return 100.0 * Levenshtein.normalized_similarity(a, b)


def code_penalty(a: str, b: str) -> float:
    """Points taken off the score of texts ``a`` and ``b`` whose inline codes differ
    (:func:`tm.text.codes.penalty`; 0 when neither has codes)."""
    return _codes.penalty(a, b)


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Edit operations turning token sequence ``a`` into ``b``.

    Each is ``(tag, a_start, a_end, b_start, b_end)`` with ``tag`` one of
    ``equal``, ``replace``, ``delete``, ``insert`` (difflib's convention).
    """
    return [tuple(op) for op in Levenshtein.opcodes(a, b)]


def detect_lang(text: str) -> str:
    """``zh`` if ``text`` contains any CJK ideograph (:func:`tm.text.zh.has_han`), else ``en``.

    Character by character (a query is short, and a Chinese one has an ideograph near its
    start) rather than with ``has_han``'s pattern, whose compiling costs a one-shot command
    5-8 ms."""
    return "zh" if not text.isascii() and any(map(is_cjk, text)) else "en"
