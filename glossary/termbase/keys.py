"""Folding keys of the term base: pinyin without tones, initials, English renderings
folded for comparison (case, articles, number, hyphenation) and collision keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tm import fold


#: English prepositions the stop words (``tm.STOP_WORDS``) do not list: a closed word class
#: that governs the noun after it, so no noun phrase rendering a term starts or ends in one
#: ("writing within" of "in writing within seven days", "duties within").
PREPOSITIONS = frozenset(
    "within across among amongst between beyond through throughout during per via upon against "
    "toward towards along around behind beside despite except until till unlike".split()
)
#: English subordinating conjunctions the stop words do not list: a closed word class that
#: opens a clause, so no noun phrase rendering a term starts or ends in one ("because
#: internal" of "use the internal endpoint, because internal traffic is free").
CONJUNCTIONS = frozenset("because although though unless whereas whether while whilst".split())


_TONE_DIGITS = re.compile(r"[1-5]")


def strip_tones(text: str) -> str:
    """``kāng yǎng`` -> ``kang yang``; ``ü`` becomes ``v`` (as typed on keyboards), and so
    does CC-CEDICT's ``u:`` (``lu:4 se4`` for 绿色)."""
    decomposed = unicodedata.normalize("NFD", text).replace("u\u0308", "v").replace("U\u0308", "V")
    decomposed = decomposed.replace("u:", "v").replace("U:", "V")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def pinyin_key(pinyin: str) -> str:
    """The toneless, spaceless, lower-case key: ``kāng yǎng`` -> ``kangyang``."""
    plain = _TONE_DIGITS.sub("", strip_tones(pinyin).lower())
    return re.sub(r"[^a-z]", "", plain)


def pinyin_initials(pinyin: str) -> str:
    """First letter of each syllable: ``kāng yǎng`` -> ``ky`` (zh/ch/sh count as one letter)."""
    words = re.split(r"[\s'\-]+", strip_tones(pinyin).lower())
    return "".join(w[0] for w in words if w and w[0].isalpha())


def zh_key(zh: str) -> str:
    """The identity of a Chinese term: :func:`tm.fold` of it (NFKC, no invisible format
    characters or stray combining marks), so that ``软\u200b件`` or ``⼈工智能`` (a Kangxi
    radical) are the same entry as ``软件`` and ``人工智能`` and never a second entry that
    looks identical. The term is stored as first written."""
    return fold(" ".join(zh.split()))


def en_key(en: str) -> str:
    """Lookup key of an English rendering: folded (:func:`tm.fold`: a soft hyphen, a
    zero-width space or a Cyrillic look-alike letter inside a word is not a different
    rendering), lower-case, whitespace collapsed."""
    return " ".join(fold(en).casefold().split())


_ARTICLES = {"the", "a", "an"}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"(?<=[^\W_])['’]s$", re.IGNORECASE)


# English function words (closed classes: prepositions, conjunctions, auxiliaries, pronouns)
# that an article follows: "If A …", "In A …" start with the article, not a letter.
_BEFORE_ARTICLE = frozenset(
    "if in on at of for to by with from as and or but nor is are was were be been being has have had "
    "do does did will would shall should can could may might must into onto over under about than "
    "that this these those when while where whether after before since until unless because although "
    "though once per via like within without between through during against among it there what "
    "which who whom how why not only even also then so such".split())


def letter_label(before: str | None, word: str, after: str | None) -> bool:
    """Is ``word``, a capital "A" between the words ``before`` and ``after`` (None: none), a
    letter naming one of a series ("Party A", "party A", "Type A", "Form A/B") rather than
    the article?  It is after a word that is no function word ("If A …" is the article) and
    before no capitalised word of two letters or more (a title-case heading, "Building A
    Better Future", keeps its article)."""
    return (word == "A" and before is not None and before[:1].isalpha()
            and before.casefold() not in _BEFORE_ARTICLE
            and not (after and len(after) > 1 and after[:1].isupper()))


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def fold_rendering(en: str) -> str:
    """Fold the trivial differences of a rendering: case, articles, singular/plural, the
    possessive, punctuation. ``The Large Models`` and ``large model`` fold to ``large
    model``; ``large-scale model`` folds to ``large scale model``; ``the cluster's`` to
    ``cluster``."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(fold(en))]
    words = [w[:-1] if re.fullmatch(r"[A-Z]{2,}s", w) else w for w in words]
    words = [_singular(w.casefold()) for i, w in enumerate(words)
             if w.casefold() not in _ARTICLES
             or letter_label(words[i - 1] if i else None, w, words[i + 1] if i + 1 < len(words) else None)]
    return " ".join(words)


def collision_key(en: str) -> str:
    """:func:`fold_rendering` without spaces or hyphens: ``Health Care`` and
    ``healthcare`` share the key ``healthcare``."""
    return fold_rendering(en).replace(" ", "")
