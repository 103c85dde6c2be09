"""English words: stop words, a light de-inflecting stemmer, content-word keys.

One stemmer for dictionary keys: the aligner, the CC-CEDICT lexicon, term pairing and
the consistency report all fold English words with :func:`stem`. QA's term check reads a
rendering as a reviewer does and folds word families instead of irregular forms (best is
not good there, innovative is innovation): its stemmer differs on purpose (docs/qa.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Function words and gloss boilerplate; they carry no evidence of translation.
STOP_WORDS = frozenset("""
a an the and or but nor so yet if then than that this these those there here
of in on at to for from by with without about into onto over under up down out off
as is am are was were be been being do does did done have has had having
i me my mine we us our you your he him his she her it its they them their
who whom whose which what when where why how not no yes all any some such
one ones oneself one's sb sth someone something somebody anything etc
will would shall should can could may might must also very just only even
too more most much many few less least own same other another each every both
let get got make made put take took
variant see cl abbr used lit fig pr old archaic colloquial dialect literary
kind sort type person people thing things way th st nd rd
""".split())

_WORD = re.compile(r"(?<![0-9])[A-Za-z][A-Za-z'\-]*[A-Za-z]|(?<![0-9A-Za-z])[A-Za-z]")

_IRREGULAR = {
    "went": "go", "gone": "go", "said": "say", "saw": "see", "seen": "see",
    "came": "come", "thought": "think", "told": "tell", "gave": "give",
    "given": "give", "knew": "know", "known": "know", "left": "leave",
    "felt": "feel", "ran": "run", "took": "take", "taken": "take",
    "brought": "bring", "bought": "buy", "caught": "catch", "taught": "teach",
    "fought": "fight", "sought": "seek", "found": "find", "held": "hold",
    "kept": "keep", "slept": "sleep", "spoke": "speak", "spoken": "speak",
    "stood": "stand", "sat": "sit", "wrote": "write", "written": "write",
    "ate": "eat", "eaten": "eat", "drank": "drink", "began": "begin",
    "begun": "begin", "became": "become", "fell": "fall", "fallen": "fall",
    "lay": "lie", "lain": "lie", "met": "meet", "paid": "pay", "sent": "send",
    "spent": "spend", "built": "build", "won": "win", "lost": "lose",
    "heard": "hear", "understood": "understand", "chose": "choose",
    "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "better": "good", "best": "good",
    "worse": "bad", "worst": "bad", "struck": "strike", "hit": "hit",
    "drove": "drive", "driven": "drive", "rode": "ride", "flew": "fly",
    "grew": "grow", "grown": "grow", "threw": "throw", "thrown": "throw",
    "wore": "wear", "worn": "wear", "broke": "break", "broken": "break",
    "hung": "hang", "led": "lead", "laid": "lay", "stole": "steal",
    "shot": "shoot", "hid": "hide", "hidden": "hide", "rose": "rise",
    "risen": "rise", "woke": "wake", "forgot": "forget", "forgotten": "forget",
}


#: British spellings written the American way, which CC-CEDICT's glosses use (aluminum
#: oxide, to optimize, center, liter, color, catalog): -ise and -isation, -yse, -our, -tre
#: and -bre, -ogue, -amme; and the words whose British spelling no such ending tells
#: (Oxford's and Merriam-Webster's pairs).  (British labelled, modelling are left: the
#: doubled l cannot be told from that of misspelled, foretelling, whose base ends in -ll.)
_BRITISH = [(re.compile(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|er|ers|ation|ations|able)$)"), "iz"),
            (re.compile(r"(?<=[a-z]{2})ys(?=(?:e|es|ed|ing|er|ers)$)"), "yz"),
            (re.compile(r"(?<=[a-z]{3})our(?=(?:s|ed|ing|ite|ites|able|ful)?$)"), "or"),
            (re.compile(r"(?<=[a-z]{2})([tb])re(?=s?$)"), r"\1er"),
            (re.compile(r"(?<=[a-z]{2})([tb])red$"), r"\1ered"),
            (re.compile(r"(?<=[a-z]{3})ogue(?=s?$)"), "og"),
            (re.compile(r"(?<=[a-z]{3})amme(?=s?$)"), "am"),
            (re.compile(r"^sulph"), "sulf")]
_BRITISH_WORDS = {"aluminium": "aluminum", "licence": "license", "defence": "defense",
                  "offence": "offense", "grey": "gray", "cheque": "check", "mould": "mold",
                  "plough": "plow", "tyre": "tire", "kerb": "curb"}


def _american(w: str) -> str:
    """``w`` (lower case) spelt the American way when it is a British spelling."""
    whole = _BRITISH_WORDS.get(w) or w.endswith("s") and _BRITISH_WORDS.get(w[:-1])
    if whole:
        return whole if w in _BRITISH_WORDS else whole + "s"
    if len(w) >= 5:
        for pattern, repl in _BRITISH:
            w = pattern.sub(repl, w)
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English de-inflector: plurals, -ed, -ing, -ly, a final -e; a British
    spelling read as the American one (optimisation, centre, colour, aluminium).

    Not a linguistic stemmer; it only has to map the inflected forms of a
    text and the base forms of a gloss onto the same key. A doubled consonant left by
    -ing or -ed is undoubled (running -> run) unless three letters remain: a word of three
    letters is kept whole (added, adding -> add, as add is).
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    w = _american(_IRREGULAR.get(w, w))
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "is")) and not (w.endswith("us") and len(w) > 4):
        w = w[:-1]
    if w.endswith("ation") and len(w) > 7:
        w = w[:-3]
    elif w.endswith(("ment", "ness")) and len(w) > 7:
        w = w[:-4]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


def english_keys(text: str) -> list[str]:
    """The content-word keys of an English text (stop words removed, stemmed).

    Numbers are not words here (the aligner reads them with ``tm.text.numbers``),
    nor are letters glued to digits (17th, 5G).
    """
    keys = []
    for word in _WORD.findall(text):
        low = word.lower()
        if low in STOP_WORDS:
            continue
        key = stem(low)
        if key and key not in STOP_WORDS:
            keys.append(key)
    return keys


def is_acronym(word: str) -> bool:
    """GPU, GPUs, RISC-V, eVTOL, AI: two or more capitals, few lower-case letters (the one
    acronym test: term extraction, QA and the aligner's keys agree on what an acronym is)."""
    core = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    caps = sum(c.isupper() for c in core)
    return len(core) >= 2 and caps >= 2 and caps >= len(core.replace("-", "")) - 2


#: Besides ASCII letters, the characters a case-blind pattern reads as ASCII letters (İ ı ſ K;
#: tests/tm/text/test_english.py finds them again).
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_FOLDS_RE = re.compile("[" + "".join(sorted(_FOLDS_TO_ASCII)) + "]")     # (a scan in C, not a set per character)
_ASCII_WORD = re.compile(r"[a-z]+")


def may_hold_words(text: str, words: frozenset[str]) -> bool:
    """Whether a pattern that matches only whole ``words`` (lower-case ASCII), in any case,
    may match in ``text``: False when no run of ASCII letters of ``text`` is one of them. One
    scan for runs of letters and a set lookup, where a pattern that begins with a word boundary
    or a look-behind is tried at every position of the text (an English sentence's numbers:
    a third of their time went to patterns that found nothing)."""
    return _FOLDS_RE.search(text) is not None or not words.isdisjoint(_ASCII_WORD.findall(text.lower()))

