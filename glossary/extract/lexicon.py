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

from tm import derived, english_keys, load_lexicon, stem, Lexicon

from glossary.extract.en import FUNCTION


@lru_cache(maxsize=1)
def glossary_lexicon() -> "SenseLexicon":
    """CC-CEDICT, built once per process (treat as read-only), its keys without the
    senses that name no rendering (:class:`SenseLexicon`)."""
    return SenseLexicon(load_lexicon())


# A capital "A" that is a letter naming one of a series, not the article the keys' filter
# drops: quoted (letter "A") or closing a sense after a word ("party A (in a contract)").
# See pairing._letter_label for the English side.
_LABEL_A = re.compile(r'"A"|\b[a-z]{2,} A(?=\s*(?:\(|/|$))')
_COUNTED = re.compile(r"^(?:\([^()]*\)\s*)*(?:classifier|measure word)\b|^surname\b", re.I)


def _sense_keys(sense: str) -> list[str]:
    keys = english_keys(re.sub(r"\[[^\]]*\]|\([^()]*\)", " ", sense).replace("|", " "))
    return keys + ["a"] if _LABEL_A.search(sense) and "a" not in keys else keys


class SenseLexicon:
    """A CC-CEDICT :class:`tm.Lexicon` whose ``keys(word)`` leave out the English of senses
    that are no translation of the word: what a classifier counts ("classifier for lessons,
    subjects, branches of technology" is not 门 "technology"; "classifier for works of
    literature, films, machines" is not 部 "work" or "machine") and a surname's romanisation
    (门 "Men").  A key another sense of the word also gives stays.  Everything else is the
    underlying lexicon's."""

    def __init__(self, base: Lexicon):
        self._base = base
        self._keys: dict[str, frozenset[str]] = {}
        self._modifiers: dict[str, frozenset[str]] = {}

    def keys(self, word: str) -> frozenset[str]:
        found = self._keys.get(word)
        if found is None:
            found = self._base.keys(word)
            gloss = self._base.gloss(word)
            if found and gloss:
                senses = [s.strip() for s in gloss.split("/") if s.strip()]
                counted = [s for s in senses if _COUNTED.match(s)]
                if counted:
                    kept = set()
                    for s in senses:
                        if not _COUNTED.match(s):
                            kept.update(_sense_keys(s))
                    drop = {k for s in counted for k in _sense_keys(s)} - kept
                    found = frozenset(found - drop)
                if _LABEL_A.search(gloss):       # party A (in a contract): the letter, no article
                    found = found | {"a"}
            self._keys[word] = found
        return found

    def modifiers(self, word: str) -> frozenset[str]:
        """The keys of ``word`` that CC-CEDICT writes only before the head noun of a sense
        ("inner" of 内胆 "inner container", "natural" of 自然人 "natural person"): an English
        noun phrase ends in its head, and a word that gives only the modifier renders the
        word without its head (the head may be a noun the keys drop: "person").  A sense
        counts when it is two words or more with no function word and no "to" of a verb;
        a key any other sense gives as its head or in another shape (内 "inner") is no
        modifier, nor is a capitalised name."""
        found = self._modifiers.get(word)
        if found is None:
            mods: set[str] = set()
            full: set[str] = set()
            for sense in re.split(r"[/;]", self._base.gloss(word) or ""):
                words = re.findall(r"[A-Za-z][A-Za-z'\-]*", re.sub(r"\[[^\]]*\]|\([^()]*\)", " ", sense))
                if len(words) >= 2 and not any(w.lower() in FUNCTION for w in words):
                    # (a capitalised word names a place or a thing, and a name renders its
                    # term alone: "Tianjin" of 天津市 "Tianjin municipality")
                    mods.update(k for w in words[:-1] if w.islower() for k in english_keys(w))
                    full.update(english_keys(words[-1]))
                else:
                    full.update(_sense_keys(sense))
            found = self._modifiers[word] = frozenset(mods - full)
        return found

    def senses(self, word: str) -> list[frozenset[str]]:
        """The English keys of each gloss of ``word``: CC-CEDICT's ``/``-separated senses and
        the ``;``-separated glosses inside one ("to exploit (a resource); to open up (for
        development); to develop" for 开发); an entry with no definition (one the memory
        added) is one gloss of all its keys."""
        gloss = self._base.gloss(word)
        if not gloss:
            keys = self.keys(word)
            return [keys] if keys else []
        return [frozenset(k) for s in re.split(r"[/;]", gloss) if (k := _sense_keys(s.strip()))]

    def __contains__(self, word: str) -> bool:
        return word in self._base

    def __getattr__(self, name: str):
        return getattr(self._base, name)


_LEAD_LABELS = re.compile(r"^(?:\([^()]*\)\s*)+")
_NOT_A_SENSE = ("CL:", "see ", "variant of", "old variant", "see also", "used in", "abbr. for",
                "surname", "erhua variant")


@lru_cache(maxsize=20_000)
def _nominal_senses(word: str) -> list[str]:
    """The senses CC-CEDICT gives ``word`` that are not a verb's (no "to …"), labels dropped."""
    out = []
    for sense in (glossary_lexicon().gloss(word) or "").split("/"):
        sense = _LEAD_LABELS.sub("", sense.strip())
        if sense and not sense.startswith(_NOT_A_SENSE) and not sense.startswith("to "):
            out.append(sense)
    return out


def noun_sense(word: str) -> bool:
    """CC-CEDICT lists the word with a sense that is not a verb's (回路 "circuit", 开支
    "expenditure"); an unknown word has none."""
    return bool(_nominal_senses(word))


def nominal_word(word: str) -> bool:
    """CC-CEDICT gives the word a sense that is not a verb's ("load" for 负载; 共享 has only
    "to share"): it can name a thing.  Unknown words count as nominal."""
    return not glossary_lexicon().gloss(word) or noun_sense(word)


def rendered_as_noun(word: str, rendering: str) -> bool:
    """``rendering`` is, word for word (English keys compared), one of the senses CC-CEDICT
    gives ``word`` that is not a verb's: 签名 "signature" (not "to sign"), 补助 "subsidy",
    产能 "production capacity".  The translator read the word as the thing it names, whatever
    part of speech a general dictionary gives it out of context."""
    keys = set(english_keys(rendering))
    return bool(keys) and any(keys == set(_sense_keys(sense)) for sense in _nominal_senses(word))


def linking_word(word: str) -> bool:
    """A word that begins with the classical linking particle 之 (之前 "before", 之间
    "between", 之一 "one of", 之日起 "from the date", which jieba tags a place name): a
    localiser or a formula that parts two phrases as 的 does, naming nothing."""
    return len(word) >= 2 and word.startswith("之")


#: The English modal auxiliaries (a closed class of English grammar) as CC-CEDICT writes a
#: sense that is nothing else: "should", "ought to", "can", "might (happen)", "to need".
MODAL_SENSES = frozenset(("can", "could", "may", "might", "must", "shall", "should", "will", "would",
                          "ought to", "to need", "need to", "to have to", "have to", "to be able to"))


@lru_cache(maxsize=20_000)
def modal_word(word: str) -> bool:
    """CC-CEDICT gives the word a sense that is an English modal auxiliary and nothing more
    (应当 "should; ought to", 能够 "to be able to; can", 可能 "might (happen)", 需要 "to
    need", 会 "can"): a modal verb of Chinese, which says how a predicate holds and names
    nothing.  A sense marked as a prefix (可 "(prefix) can; may; able to; -able", as in 可重构
    "reconfigurable") is not one."""
    gloss = glossary_lexicon().gloss(word)
    for sense in gloss.split("/"):
        for part in sense.split(";"):
            part = part.strip()
            if part.startswith("(prefix)"):
                break
            part = re.sub(r"\s*\([^()]*\)", "", _LEAD_LABELS.sub("", part)).strip()
            if part in MODAL_SENSES:
                return True
    return False


@lru_cache(maxsize=4096)
def suffix_word(word: str) -> bool:
    """CC-CEDICT gives the word a sense of a suffix (会 "(suffix) union; group; association"):
    after a noun it may head a name (年会 "annual meeting", 展会, 投资促进会)."""
    return any(sense.strip().startswith("(suffix)") for sense in glossary_lexicon().gloss(word).split("/"))


@lru_cache(maxsize=1)
def _verbs_only() -> tuple[frozenset[str], frozenset[str]]:
    """The English words CC-CEDICT's senses use as verbs ("to expire", "to consist of") and
    never as a noun — no short sense (three words at most) ends with the word and no article,
    possessive or "of" comes before it ("an increase", "a cluster", "a spot" name things;
    "expire", "consist", "withdraw" never) — and the words they do use as nouns ("remains",
    "means").  Read from the dictionary's distinct senses (one to two seconds) once per user,
    kept with the dictionary's other derived tables (``tm.derived``)."""
    return derived("extract-verbs-only", _read_verbs_only, code=__file__)


def _read_verbs_only() -> tuple[frozenset[str], frozenset[str]]:
    verbs, nouns = set(), set()
    lexicon = glossary_lexicon()
    senses = {sense for word in lexicon.headwords() for sense in (lexicon.gloss(word) or "").lower().split("/")}
    for sense in senses:
        if "(" in sense or "[" in sense:
            sense = _BRACKETED.sub(" ", sense)
        words = _GLOSS_WORD.findall(sense)
        if not words:
            continue
        if words[0] == "to" and len(words) > 1:
            verbs.add(words[1])
        elif len(words) <= 3:       # a name for a thing, not a sentence about one
            nouns.add(words[-1])
        nouns.update(b for a, b in zip(words, words[1:]) if a in _DETERMINERS)
    return frozenset(verbs - nouns), frozenset(nouns)


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_GLOSS_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


_DETERMINERS = frozenset({"a", "an", "the", "of", "its", "his", "her", "their", "our", "my", "your"})


@lru_cache(maxsize=20_000)
def finite_verb(word: str) -> bool:
    """``word`` (lower case) is the third person singular of a verb CC-CEDICT uses only as a
    verb (:func:`_verbs_only`): "expires", "consists", "withdraws", "applies" — a finite verb,
    never a plural noun, as "clusters" or "increases" may be (nor a noun in -s, "remains")."""
    verbs, nouns = _verbs_only()
    if not re.fullmatch(r"[a-z]{3,}s", word) or word.endswith("ss") or word in nouns:
        return False
    bases = [word[:-1]]
    if word.endswith("es"):
        bases.append(word[:-2])
    if word.endswith("ies"):
        bases.append(word[:-3] + "y")
    return any(b in verbs for b in bases)


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


__all__ = ["glossary_lexicon", "SenseLexicon", "finite_verb", "linking_word", "nominal_word", "noun_sense", "modal_word", "suffix_word", "related", "stem", "english_keys", "Lexicon"]
