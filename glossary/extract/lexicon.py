"""The gloss lexicon used to pair Chinese terms with their English renderings.

It is the aligner's CC-CEDICT lexicon (``tm.text.cedict``), a general source, and
nothing else: no word list in code (an earlier table of "policy vocabulary" came from
one document's own terms and was removed).  Where the glosses say nothing, the
renderings are learnt from the memory itself (:mod:`glossary.extract.cooccur`).
English words meet gloss keys through ``tm.text.english.stem`` and :func:`related`,
which also lets derived forms meet (intelligent / intelligence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tm import english_keys, load_lexicon, stem, Lexicon


@lru_cache(maxsize=1)
def glossary_lexicon() -> Lexicon:
    """CC-CEDICT, built once per process (treat as read-only)."""
    return load_lexicon()


_LEAD_LABELS = re.compile(r"^(?:\([^()]*\)\s*)+")
_NOT_A_SENSE = ("CL:", "see ", "variant of", "old variant", "see also", "used in", "abbr. for",
                "surname", "erhua variant")


@lru_cache(maxsize=20_000)
def nominal_word(word: str) -> bool:
    """CC-CEDICT gives the word a sense that is not a verb's ("load" for 负载; 共享 has only
    "to share"): it can name a thing.  Unknown words count as nominal."""
    gloss = glossary_lexicon().gloss(word)
    if not gloss:
        return True
    for sense in gloss.split("/"):
        sense = _LEAD_LABELS.sub("", sense.strip())
        if sense and not sense.startswith(_NOT_A_SENSE) and not sense.startswith("to "):
            return True
    return False


@lru_cache(maxsize=200_000)
def related(a: str, b: str) -> bool:
    """Two stemmed keys are the same word or derived forms of one (graph/graphic)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, shorter - 1)


__all__ = ["glossary_lexicon", "nominal_word", "related", "stem", "english_keys", "Lexicon"]
