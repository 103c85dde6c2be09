"""Pairing a Chinese term with the English words that render it inside one aligned unit.

:func:`pair` scores every English span of the unit against the term: the
share of the term's characters whose CC-CEDICT glosses (``glossary.extract.lexicon``),
pinyin (for names) or acronym appear in the span, against the share of the
span's content words so explained (an F-measure).  A gloss explains at most one
English word per character, a name or acronym one word.  Characters no gloss
explains may take an unexplained neighbouring word (具身智能 "embodied
intelligence") unless another word of the unit's Chinese explains it.  The k-th
item of a Chinese enumeration prefers the k-th item of an English enumeration
of the same length; a quoted term prefers a quoted span; an acronym's term
prefers the expansion before "(ACRONYM)"; an operand of “A+B” tries the English
side of the "+"; a whole capitalised name beats part of one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from tm import HAN, STOP_WORDS, inline_codes, stem

from glossary.extract.en import BREAKS, CONJUNCTIONS, FUNCTION, LATIN, PREPOSITIONS, WORD, enumeration_items, tokenize
from glossary.extract.lexicon import finite_verb, glossary_lexicon, related
from glossary.extract.zh import bound_noun_character
from glossary.pinyin import plain, term_pinyin
from glossary.termbase.keys import fold_rendering, letter_label

DEFAULT_MIN_PAIR = 0.4
DEFAULT_MIN_COVER = 0.6   # least share of the term a span must render (else it is a fragment)
CREDIT = 0.6   # how much an unexplained English word counts for unexplained characters
HARD_BREAKS = frozenset(".;:!?()[]\"“”")
SPAN_BREAKS = frozenset({"such", "including", "etc", "e.g", "i.e"})   # words a rendering never spans
#: Modal verbs, written in lower case: a clause's verb follows, a term's rendering never
#: spans one ("Data users shall use", "Data users may obtain … public data").  (will and can
#: are nouns too: a testator's will, a can.)
MODALS = frozenset({"shall", "must", "should", "would", "could", "might", "may", "cannot"})
#: Words that make a clause of the words around them, written in lower case: the finite forms
#: of the auxiliaries be, have and do, the relative pronouns but "that" and the subject pronouns
#: (closed classes of English grammar).  A noun phrase holds none of them ("concealed works are
#: covered", "EIS was measured", "parts that are uploaded", "Contract terminates and we will
#: refund"), so no rendering of a term spans one unless the term itself opens with a
#: preposition (按职责分工负责 "are responsible for their respective duties": a predicate).
#: (is and are are in ``FUNCTION``: a name may hold them, "Kubernetes is", none renders a term.)
#: "that" is a demonstrative and a complementiser too, and a span cut at it keeps the words on
#: the wrong side as often as the right ones: the seeds' 多学科教学 of "teachers and students that
#: meet multidisciplinary teaching needs" read "teachers and students" with it.
CLAUSE_WORDS = frozenset({"is", "are", "was", "were", "am", "has", "have", "had", "does", "did",
                          "which", "who", "whom", "whose", "we", "they", "he", "she"})
#: The first word of a preposition of two words (according to, pursuant to, due to, instead
#: of): "the composite separator according to claim 1" — no rendering spans one, unless its
#: term begins with a Chinese preposition (_ZH_PREPOSITIONS).
PREPOSITION_HEADS = frozenset({"according", "pursuant", "due", "prior", "owing", "instead", "because",
                               "regardless", "irrespective", "subject", "thanks", "contrary"})
QUOTES = frozenset("\"“”‘’'")
_WEAK_CHARS = frozenset("的和与及等在对为是了之其")
_HAN = re.compile(f"[{HAN}]")


def _letter_label(tokens, t: int) -> bool:
    """:func:`glossary.termbase.keys.letter_label` of token ``t`` between its word neighbours."""
    before = tokens[t - 1] if t and tokens[t - 1].is_word else None
    after = tokens[t + 1] if t + 1 < len(tokens) and tokens[t + 1].is_word else None
    return letter_label(before and before.text, tokens[t].text, after and after.text)


@dataclass
class _Span:
    start: int            # token indices, inclusive
    end: int
    score: float
    text: str
    cover: float = 1.0    # share of the term's characters the span renders (credit included)
    placed: bool = False  # fixed by structure: the matching enumeration item, quote or side of "+"
    bonus: float = 0.0    # for choosing only: the span reads a rendering the term has elsewhere


#: The abbreviated forms of a company (Co., Ltd., Inc., Corp.) and what may follow one.
_COMPANY_ABBREVIATIONS = frozenset({"Co", "Ltd", "Inc", "Corp", "Pty", "Bhd"})
_COMPANY_FORM = re.compile(r"\.(?:,?\s*(?:Ltd|Limited|Inc|LLC)\b\.?)?")
_ZH_PREPOSITIONS = ("按", "依", "根据", "由于", "遵照", "因")
_ZH_COORDINATORS = "和与及或、"
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_NUMBER = re.compile(r"[0-9][0-9.,]*(?:[-–][0-9][0-9.,]*)?")
_AMPERSAND = re.compile(r"[a-z](?:&[a-z])+")      # an abbreviation of initials joined by "&" (lower case)
_NUMERAL_IN_TERM = re.compile("[0-9０-９零〇一二两三四五六七八九十百千万亿]")


class EnglishUnit:
    """The English side of a unit, tokenised once, with a key index for gloss look-ups."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.keys: list[str | None] = []
        self.by_prefix: dict[str, set[str]] = defaultdict(set)
        self.by_suffix: dict[str, set[str]] = defaultdict(set)    # closed compounds (workload)
        self._parts: dict[str, list[int]] = defaultdict(list)   # parts of hyphenated words
        self.word_keys: list[frozenset[str]] = []    # a token's key and its parts' ("no-matches")
        for t, tok in enumerate(self.tokens):
            if not tok.is_word or (tok.text.lower() in FUNCTION or tok.text.lower() in STOP_WORDS
                                   or tok.text.lower() in PREPOSITIONS
                                   or tok.text.lower() in CONJUNCTIONS) \
                    and not _letter_label(self.tokens, t):
                self.keys.append(None)
                self.word_keys.append(frozenset())
                continue
            key = stem(tok.text)
            self.keys.append(key)
            self.word_keys.append(frozenset({key}))
            self.by_prefix[key[:4]].add(key)
            if len(key) >= 8:
                self.by_suffix[key[-4:]].add(key)
            if "-" in tok.text:
                for part in tok.text.split("-"):
                    if len(part) > 1 and part.lower() not in FUNCTION:
                        self._parts[stem(part)].append(t)
                        self.word_keys[t] |= {stem(part)}
                        self.by_prefix[stem(part)[:4]].add(stem(part))
        self.lower = [t.text.lower() for t in self.tokens]
        self.ampersands = [t for t, low in enumerate(self.lower) if _AMPERSAND.fullmatch(low)]   # R&D, M&A
        self.numbers = {t for t, tok in enumerate(self.tokens) if _NUMBER.fullmatch(tok.text)}
        self.capital = [t.is_word and t.text[0].isupper() for t in self.tokens]
        self.code = [not t.is_word and bool(inline_codes(t.text)) for t in self.tokens]   # inline codes
        self.prepositions = {i for i, low in enumerate(self.lower)
                             if low in PREPOSITION_HEADS and self.lower[i + 1:i + 2] in (["to"], ["of"])}
        self.breaks = [(not t.is_word and t.text in BREAKS) or code or low in SPAN_BREAKS or t.text in MODALS
                       or (low == "the" and i > 0 and (self.lower[i - 1] in ("and", "or")
                                                      or self.keys[i - 1] is not None and self.tokens[i - 1].is_word))
                       for i, (t, low, code) in enumerate(zip(self.tokens, self.lower, self.code))]
        self.breaks_before = [0]        # breaks among the tokens before each index
        for b in self.breaks:
            self.breaks_before.append(self.breaks_before[-1] + b)
        # where a whole capitalised name may start and end (see _is_name)
        outside = [not c or k is None for c, k in zip(self.capital, self.keys)] + [True]
        self.name_start = [c and outside[t - 1] for t, c in enumerate(self.capital)]
        self.name_end = [c and outside[t + 1] for t, c in enumerate(self.capital)]
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_lower: dict[str, list[int]] = defaultdict(list)
        for t, (key, low) in enumerate(zip(self.keys, self.lower)):
            if key is not None:
                self.by_key[key].append(t)
            self.by_lower[low].append(t)
            if low != low.translate(_SUBSCRIPTS):
                self.by_lower[low.translate(_SUBSCRIPTS)].append(t)    # CO₂ as the Chinese's CO2
            if "-" in low:
                self.by_lower[low.replace("-", "")].append(t)
        for key, ts in self._parts.items():
            self.by_key[key].extend(t for t in ts if t not in self.by_key[key])
        self._enums: list[list[tuple[int, int]]] | None = None
        self._claims: dict[int, set[str]] | None = None
        self._matching: dict[frozenset, set[str]] = {}
        self._halves: dict[frozenset, set[str]] = {}

    def names_outside(self, zh: str, term: str) -> set[str]:
        """Toneless pinyin of the two- and three-character runs of the unit's Chinese that do
        not overlap an occurrence of ``term`` ("heping" for 和平 beside 天开园)."""
        inside = [False] * len(zh)
        for m in re.finditer(re.escape(term), zh):
            inside[m.start():m.end()] = [True] * (m.end() - m.start())
        out = set()
        for run in re.finditer(f"[{HAN}]+", zh):
            text, at = run.group(), run.start()
            syl = [_syllable(c) for c in text]
            for i in range(len(text)):
                for j in range(i + 2, min(len(text), i + 3) + 1):
                    if not any(inside[at + i:at + j]):
                        out.add("".join(syl[i:j]))
        return out

    def quoted(self) -> list[tuple[int, int]]:
        """Token ranges inside quotation marks ("delegate, regulate and serve")."""
        out, open_at = [], None
        for t, tok in enumerate(self.tokens):
            if tok.text in "“”\"":
                if open_at is None and tok.text != "”":
                    open_at = t
                elif open_at is not None:
                    lo, hi = open_at + 1, t - 1
                    while lo <= hi and self.code[lo]:       # “{1}Import Files{/1}”: the words
                        lo += 1
                    while hi >= lo and self.code[hi]:
                        hi -= 1
                    if lo <= hi:
                        out.append((lo, hi))
                    open_at = None
        return out

    def claims(self, zh: str, lexicon) -> dict[int, set[str]]:
        """Token index -> the words of the unit's Chinese side whose glosses it matches."""
        if self._claims is None:
            self._claims = defaultdict(set)
            for run in re.findall(f"[{HAN}]+", zh):
                for word in lexicon.segment(run):
                    keys = lexicon.keys(word)
                    if not keys or len(word) < 2 and len(run) > 1 and word in _WEAK_CHARS:
                        continue
                    found = self.matching(keys)
                    for t, key in enumerate(self.keys):
                        if key in found:
                            self._claims[t].add(word)
        return self._claims

    def matching(self, gloss_keys: Iterable[str]) -> set[str]:
        """The unit's keys related to a gloss key (a set the caller does not change: the
        answer for a frozenset of keys is kept, as every term sharing a word asks again)."""
        cached = self._matching.get(gloss_keys) if isinstance(gloss_keys, frozenset) else None
        if cached is not None:
            return cached
        out = set()
        for g in _split_hyphens(gloss_keys):
            for k in self.by_prefix.get(g[:4], ()):
                if related(g, k):
                    out.add(k)
            if len(g) < 4:
                out.update(k for k in self.by_prefix.get(g, ()) if k == g)
        if isinstance(gloss_keys, frozenset):
            self._matching[gloss_keys] = out
        return out

    def second_halves(self, gloss_keys: Iterable[str]) -> set[str]:
        """Closed compounds ending in a gloss whose first half is an English word itself:
        "load" in "workload", "space" in "namespace". (Kept for a frozenset, as :meth:`matching`.)"""
        out = set()
        if not self.by_suffix:
            return out
        cached = self._halves.get(gloss_keys) if isinstance(gloss_keys, frozenset) else None
        if cached is not None:
            return cached
        for g in _split_hyphens(gloss_keys):
            if len(g) >= 4:
                out.update(k for k in self.by_suffix.get(g[-4:], ())
                           if k.endswith(g) and len(k) - len(g) >= 3 and k[:-len(g)] in _vocabulary())
        if isinstance(gloss_keys, frozenset):
            self._halves[gloss_keys] = out
        return out

    def enumerations(self) -> list[list[tuple[int, int]]]:
        """Token ranges of the items of each English enumeration in the unit."""
        if self._enums is None:
            self._enums = []
            for clause in re.finditer(r"[^.;:()]+", self.text):
                items = enumeration_items(clause.group())
                if len(items) < 2:
                    continue
                ranges, pos = [], clause.start()
                for item in items:
                    at = self.text.find(item, pos)
                    if at < 0:
                        break
                    toks = [i for i, t in enumerate(self.tokens) if at <= t.start and t.end <= at + len(item)]
                    if toks:
                        ranges.append((toks[0], toks[-1]))
                    pos = at + len(item)
                if len(ranges) == len(items):
                    self._enums.append(ranges)
        return self._enums


@lru_cache(maxsize=8192)
def _syllable(char: str) -> str:
    return plain(term_pinyin(char)).replace(" ", "")


NAME_JOINS = frozenset({"and", "of", "for", "&"})   # lower-case words inside an English name


def _name_ends(en: "EnglishUnit", hi: int, taken: set[int], names: set[str], max_hi: int) -> list[int]:
    """Where the capitalised name holding token ``hi`` may end after it: each further
    capitalised word, also across "and" / "of" between capitalised words ("Human Resources
    and Social Security Bureau"), up to punctuation, a word another Chinese word of the unit
    renders (``taken``) or romanises (``names``: "Heping" for 和平), or ``max_hi``."""
    out = []
    t = hi + 1
    while t <= max_hi and t < len(en.tokens):
        low = en.lower[t]
        if low in NAME_JOINS and t + 1 <= max_hi and t + 1 < len(en.tokens):
            t += 1
            continue
        if en.breaks[t] or not en.capital[t] or en.keys[t] is None or t in taken or low in names:
            break
        out.append(t)
        t += 1
    return out


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    from tm import english_vocabulary
    return english_vocabulary()


def _split_hyphens(keys: Iterable[str]) -> set[str]:
    """Gloss keys plus the parts of hyphenated ones ("brain-computer" -> brain, computer)."""
    out = set()
    for k in keys:
        out.add(k)
        if "-" in k:
            out.update(stem(p) for p in k.split("-") if len(p) > 1)
    return out


@lru_cache(maxsize=65536)
def _subwords(term: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, gloss keys) for every substring of ``term`` the lexicon knows."""
    lexicon = glossary_lexicon()
    out = []
    n = len(term)
    for i in range(n):
        if not _HAN.match(term[i]):
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = term[i:j]
            if not _HAN.search(piece[-1]):
                break
            keys = lexicon.keys(piece)
            for k in range(j, i + 1, -1) if keys else ():
                # a place name (西青, 西青区): its gloss also names the region and the
                # kind of place ("Xiqing district of Tianjin"), which are not renderings of it
                name = plain(term_pinyin(term[i:k])).replace(" ", "")
                if name in keys or stem(name) in keys:
                    keys = frozenset({stem(name)})
                    break
            if keys:
                out.append((i, j, keys))
    return out


@lru_cache(maxsize=4096)
def _english_suffixes(char: str, lexicon) -> tuple[str, ...]:
    """The English suffixes CC-CEDICT glosses a Chinese character with (化 "-ization; to ...
    -ize": ization, ize), the character written after a word to derive another."""
    if not _HAN.fullmatch(char):
        return ()
    return tuple(dict.fromkeys(re.findall(r"(?<![A-Za-z])-([a-z]{2,})\b", lexicon.gloss(char))))


def _headless(term: str, en: EnglishUnit, explains: dict, taken: set[int]) -> set[int]:
    """Tokens that explain the term's last lexicon word (the head: a Chinese compound ends
    in it) only by a modifier of its glosses (:meth:`SenseLexicon.modifiers`) and are
    followed by a content word nothing of the unit renders."""
    if not explains:
        return set()
    lexicon = glossary_lexicon()
    last = [(i, keys) for i, j, keys in _subwords(term) if j == len(term)]
    out = set()
    for t in explains:
        n = t + 1
        if n >= len(en.tokens) or en.keys[n] is None or n in explains or n in taken or en.breaks[n] \
                or n in en.numbers or not en.tokens[n].is_word:
            continue
        mine = en.word_keys[t]
        glossing = [(i, {g for g in _split_hyphens(keys) if any(related(g, k) for k in mine)})
                    for i, keys in last]
        glossing = [(i, gs) for i, gs in glossing if gs]
        if glossing and all(gs <= lexicon.modifiers(term[i:]) for i, gs in glossing):
            out.add(t)
    return out


@lru_cache(maxsize=65536)
def _pinyin_keys(term: str) -> list[tuple[int, int, str]]:
    """Toneless joined pinyin of 2-3 character substrings: 河西 -> hexi (for names)."""
    out = []
    for i in range(len(term)):
        for j in range(i + 2, min(len(term), i + 3) + 1):
            piece = term[i:j]
            if all(_HAN.match(c) for c in piece):
                out.append((i, j, plain(term_pinyin(piece)).replace(" ", "")))
    return out


def pair(term: str, en: EnglishUnit, *, acronyms: Iterable[str] = (), enum: tuple[int, int] | None = None,
         known: Iterable[str] = (), quoted: bool = False, operand: bool = False, context: str = "",
         lexicon=None,
         limit: int = 1, min_pair: float = DEFAULT_MIN_PAIR,
         min_cover: float = DEFAULT_MIN_COVER) -> list[_Span]:
    """The best-scoring English spans of ``en`` rendering ``term`` (at most ``limit``, not overlapping).

    ``enum`` is (item index, item count) when the term is an item of a Chinese
    enumeration; ``quoted`` when it is quoted (a quoted English span is preferred);
    ``operand`` when it is one side of a quoted “A+B” (the English side of the ``+`` is tried).
    ``known`` are renderings the term has elsewhere: a span reading one of them (folded by
    :func:`fold_rendering`) gains ``KNOWN_BONUS``.
    A span rendering less than ``min_cover`` (default ``DEFAULT_MIN_COVER``) of the
    term's characters is a fragment ("District" for 西青区, "intelligence" for 人工智能)
    and is not chosen unless structure places it (the matching enumeration item, the
    quoted span of a quoted term, the English side of a “A+B” operand: a translator's
    loose rendering is still the rendering used).
    :func:`scored_spans` and :func:`choose` are the two halves, for a caller that chooses
    again with other ``known`` renderings.
    """
    spans = scored_spans(term, en, acronyms=acronyms, enum=enum, quoted=quoted, operand=operand,
                         context=context, lexicon=lexicon)
    return choose(spans, term, en, context=context, known=known, limit=limit, min_pair=min_pair,
                  min_cover=min_cover)


KNOWN_BONUS = 0.1     # for a span reading a rendering the term has elsewhere
#: A term the Chinese writes twice in a unit is often written once in the English, the other
#: mention a pronoun or left out ("create a sub-account and grant it access"): a span for a
#: later mention scoring this much less than the first's is the words of a neighbour
#: ("root account" of 主账号 beside 子账号), not a second rendering, unless it renders
#: every character of the term (an acronym: "artificial intelligence" … "AI").
REPEAT_MARGIN = 0.15


def scored_spans(term: str, en: EnglishUnit, *, acronyms: Iterable[str] = (),
                 enum: tuple[int, int] | None = None, quoted: bool = False, operand: bool = False,
                 context: str = "", lexicon=None) -> list[_Span]:
    """Every English span of ``en`` that :func:`pair` weighs for ``term``, scored (no
    ``known`` bonus: :func:`choose` adds it)."""
    if lexicon is None:
        lexicon = glossary_lexicon()
    units = [(m.start(), m.end()) for m in re.finditer(f"[{HAN}]|{LATIN.pattern}", term)]
    if not units:
        return []
    # Which pieces of the term each English token explains.  A piece is a
    # lexicon word (one English word explains up to two of its characters),
    # a name's pinyin or a latin word (explained whole by one token).
    index_of = {start: k for k, (start, _) in enumerate(units)}
    pieces: list[tuple[list[int], float]] = []      # (term units covered, units per token)
    explains: dict[int, list[int]] = defaultdict(list)

    def mark(tok_i: int, i: int, j: int, rate: float) -> None:
        covered = [index_of[p] for p in range(i, j) if p in index_of]
        if covered:
            pieces.append((covered, rate))
            explains[tok_i].append(len(pieces) - 1)

    piece_ids: dict[tuple[int, int, float], int] = {}

    def mark_once(tok_i: int, i: int, j: int, rate: float) -> None:
        key = (i, j, rate)
        if key not in piece_ids:
            covered = [index_of[p] for p in range(i, j) if p in index_of]
            if not covered:
                return
            pieces.append((covered, rate))
            piece_ids[key] = len(pieces) - 1
        explains[tok_i].append(piece_ids[key])

    halves = []
    subwords = _subwords(term)
    for i, j, keys in subwords:
        for key in en.matching(keys):
            for t in en.by_key[key]:
                mark_once(t, i, j, 2.0)
        for key in en.second_halves(keys):
            halves += [(t, i, j) for t in en.by_key[key]]
            # a first half too short to match as a word's beginning (子 "sub" in "subdomain"
            # for 子域): the gloss of another part of the term, exactly
            for i2, j2, keys2 in subwords:
                # (the stem of a first half may have lost its final e: "name" is the key nam,
                # so "namespace" is nam + e + space, 名字 + 空间; "filesystem", 文件 + 系统)
                if (j2 <= i or i2 >= j) and any(key.startswith(k2) and len(key) > len(k2) and
                                                (key[len(k2):] in keys or key[len(k2)] == "e"
                                                 and key[len(k2) + 1:] in keys) for k2 in keys2):
                    for t in en.by_key[key]:
                        mark_once(t, i2, j2, 2.0)
    for i, j, keys in subwords:
        # a derived English noun renders a bound noun character after the part its stem
        # glosses: "scheduler" = "schedul" + "er" for 调度 + 器, "aligner" for 对齐器 (the
        # agent suffix -er / -or is the character's meaning there, "device that does it"),
        # the term's last character (标记 | 格式 is no "marker" and 格), after a stem of two
        # characters or more: after one (容 | 量) the second character is a word's other
        # half, not a suffix, and "container" is no rendering of 容量 "capacity"
        if j == len(term) - 1 and j - i >= 2 and bound_noun_character(term[j]):
            for key in en.matching(keys):
                if any(key in (g + "er", g + "or", g + "r") for g in keys):
                    for t in en.by_key[key]:
                        mark_once(t, i, j + 1, float(j + 1 - i))
    suffixes = _english_suffixes(term[-1], lexicon) if len(term) >= 3 else ()
    for i, j, keys in subwords if suffixes else ():
        # a derived English word renders a suffix character after the part its stem glosses:
        # "capitalised" / "capitalisation" for 资本 + 化 (化 "-ization; to ... -ize"), as
        # "scheduler" renders 调度器 above; the character is the English suffix there
        if j == len(term) - 1 and j - i >= 2:
            derived = {stem(g + x) for g in keys for x in suffixes}
            for key in derived & en.by_key.keys():
                for t in en.by_key[key]:
                    mark_once(t, i, j + 1, float(j + 1 - i))
    for t, i, j in halves:
        # a closed compound renders two parts of the term only when the term explains its
        # first half too (工作负载 "workload": 工作 "work", 负载 "load"; not 算力 in
        # "supercomputing", whose "super" the term does not have)
        if any(not (pieces[p][0][0] >= index_of.get(i, -1) and pieces[p][0][-1] < index_of.get(j, len(units)))
               for p in explains.get(t, ())):
            mark_once(t, i, j, 2.0)
    for i, j, py in _pinyin_keys(term):
        for t in en.by_lower.get(py, ()):
            mark_once(t, i, j, float(j - i))
    for i, j, _ in subwords if en.ampersands else ():
        # letters joined by "&" are the initials of a gloss of as many words (研发 "research
        # and development": "R&D"; 并购 "merger; acquisition": "M&A"; 损益 "profit and loss":
        # "P&L"): the abbreviation renders the word whole, as a name's pinyin does
        if j - i >= 2:
            for t in en.ampersands:
                letters = sorted(en.lower[t].split("&"))
                if any(len(sense) == len(letters) and sorted(k[0] for k in sense) == letters
                       for sense in lexicon.senses(term[i:j])):
                    mark_once(t, i, j, float(j - i))
    for m in LATIN.finditer(term):
        word = m.group().lower()
        for t in (*en.by_lower.get(word, ()), *en.by_lower.get(word + "s", ())):
            mark_once(t, m.start(), m.end(), 1.0)
    acronyms = list(acronyms)
    for acro in acronyms:
        word = acro[1:].islower() and stem(acro)     # a word gloss (Capability): any inflection
        for t, tok in enumerate(en.tokens):          # and hyphenation (colocated: co-located)
            if tok.text in (acro, acro + "s") or (word and stem(tok.text.replace("-", "")) == word):
                mark_once(t, 0, len(term), float(len(term)))
    if not explains:
        return []
    acronyms = frozenset(acronyms)
    total = len(units)
    claims = en.claims(context, lexicon) if context else {}
    lost: dict[int, str] = {}
    taken = _taken(en, claims, term, context, lost) | _latin_outside(en, term, context)
    glossed: dict[int, set] = defaultdict(set)     # term unit -> unclaimed words glossing a word of it
    for t, ps in explains.items():
        if t not in taken:
            for p in ps:
                if pieces[p][1] == 2.0 and 2 <= len(pieces[p][0]) < total:
                    for u in pieces[p][0]:
                        glossed[u].add(en.keys[t] or en.lower[t])
    for t in [t for t in explains if t in taken]:
        # A word another word of the unit's Chinese renders ("enterprises" for 企业, "building"
        # for 建设, before 工业互联网平台) renders nothing of the term when it explains it only
        # by dictionary glosses of characters that another word, one no other word claims,
        # renders as part of a word of the term (业 "enterprise" of 工业: "industrial"; 平台
        # "flat-roofed building": "platforms"): no span reaches back to it through them.  Not
        # when the word glosses a word of the term (科技 "technology") and what claims it shares
        # a character with the term (科技型 of a unit holding 科技领军企业: the claims are shared
        # out by place and may have taken the term's own word); not the same word written
        # again ("District" of 武清区 among the districts of a list, whatever its place); not a
        # word beside another glossing the same characters ("open" of "open source" for 开源,
        # however 开放 elsewhere claims "open").
        key = en.keys[t] or en.lower[t]
        outside = {w for w in claims.get(t, ()) if w not in term}
        shares = any(c in term for w in outside for c in w)
        mine = {u for p in explains[t] for u in pieces[p][0]}
        # Nor a word that is the unit's one word of its key and that a nearer word of the
        # unit's Chinese holding the very characters it explains of the term took by place
        # (被保险人 "the Insured" beside 身故保险金 "Death Benefit": "Insured" explains 保险 of
        # both, and "Insured dies" is no rendering of 身故保险金): the term reads it only
        # through characters that word holds whole (see :func:`_taken`).
        if t in lost and all(_piece_text(term, units, pieces[p][0]) in lost[t] for p in explains[t]) \
                or all(pieces[p][1] == 2.0 and (len(pieces[p][0]) == 1 or not shares)
                       and all(glossed[u] - {key} for u in pieces[p][0]) for p in explains[t]) \
                and not any(mine & {u for p in explains.get(n, ()) for u in pieces[p][0]} for n in (t - 1, t + 1)):
            del explains[t]
    if not explains:
        return []
    hits = sorted(explains)
    spans: list[_Span] = []
    enum_ranges = []
    if enum is not None:
        for ranges in en.enumerations():
            if len(ranges) == enum[1]:
                enum_ranges.append(ranges[enum[0]])
    max_len = 2 * total + 4
    distinct = {t: frozenset(ps) for t, ps in explains.items()}
    caps = [len(covered) if rate == 2.0 else None for covered, rate in pieces]
    inside = _rendered_already(term, en, distinct, pieces, piece_ids, lexicon)
    breaks_before = en.breaks_before
    # a number is no word a span takes in (Article 11 | Data users, 10-20 | parts of …) unless
    # the term holds one
    numbers = set() if _NUMERAL_IN_TERM.search(term) else en.numbers
    # nor a preposition of two words (the separator | according to claim 1), unless the term
    # holds a preposition itself (按职责分工负责 "… according to their respective duties")
    prepositions = en.prepositions if en.prepositions and not term.startswith(_ZH_PREPOSITIONS) else ()
    for a_i, a in enumerate(hits):
        for b in hits[a_i:]:
            if b - a > max_len:
                break
            if breaks_before[b + 1] != breaks_before[a]:     # a break inside a..b
                break
            if prepositions and any(a <= t <= b for t in prepositions):
                break
            if numbers and any(a < t < b for t in numbers):
                break     # nor between two words it explains ("Party B 30% of the … price")
            for lo in range(a, max(a - 3, -1), -1):
                if lo < a and (en.keys[lo] is None or lo in explains or lo in taken or lo in numbers
                               or en.breaks[lo] or lo in prepositions):
                    break         # extend only over words nothing else explains
                for hi in range(b, min(b + 3, len(en.tokens))):
                    if hi > b and (en.keys[hi] is None or hi in explains or hi in taken or hi in numbers
                                   or en.breaks[hi] or hi in prepositions):
                        break
                    spans.append(_score(en, lo, hi, explains, pieces, total, enum_ranges, quoted,
                                        acronyms, taken, distinct, caps, inside))
    # A span that starts a capitalised name and stops inside it, for a term some of whose
    # characters no gloss renders (市人社局 "Municipal Human Resources" of "... and Social
    # Security Bureau"): the rest of the name is theirs.  Each end is scored.
    # A span cut so is not a whole name, whatever the words after it ("and").
    names = None
    cut = set()
    for lo, hi in {(s.start, s.end) for s in spans if s.cover < 1 and _capital(en, s.start)}:
        if hi + 1 < len(en.tokens) and (en.capital[hi + 1] or en.lower[hi + 1] in NAME_JOINS):
            if names is None:
                names = en.names_outside(context, term) if context else set()
            ends = _name_ends(en, hi, taken, names, lo + max_len)
            if ends and _is_name(en, lo, hi):
                cut.add((lo, hi))
            for end in ends:
                spans.append(_score(en, lo, end, explains, pieces, total, enum_ranges, quoted,
                                    acronyms, taken, distinct, caps, inside))
    for s in spans:
        if (s.start, s.end) in cut:
            s.score -= 0.1     # the whole-name bonus it was given
    for t, tok in enumerate(en.tokens if acronyms else ()):
        # "carbon capture, utilization and storage (CCUS)": the expansion may hold commas
        if t >= 2 and tok.text.removesuffix("s") in acronyms and en.tokens[t - 1].text == "(":
            hi = t - 2
            for lo in hits:
                if lo <= hi and hi - lo <= max_len and \
                        not any(en.tokens[k].text in HARD_BREAKS for k in range(lo, hi + 1)):
                    spans.append(_score(en, lo, hi, explains, pieces, total, enum_ranges, quoted,
                                        acronyms, taken, distinct, caps, inside))
    # Both sides write the acronym in brackets after the term (剩余电流保护器（RCD）, "residual
    # current device (RCD)"): the words before the English one are the expansion, whatever
    # share of the term the glosses read in them (no gloss of 保护器 is "device"), as an
    # enumeration's item is placed by structure
    declared = {m.group(1) for m in re.finditer(
        rf"{re.escape(term)}\s*[（(]\s*({LATIN.pattern})\s*[）)]", context)} if acronyms and context else set()
    ends = {t - 2 for t, tok in enumerate(en.tokens) if t >= 2 and tok.text.removesuffix("s") in declared
            and en.tokens[t - 1].text == "("} if declared else set()
    for s in spans:
        if s.end in ends and breaks_before[s.end + 1] == breaks_before[s.start]:
            s.score += 0.15
            s.placed = True
    if operand:
        # “人工智能（AI）+信创” ~ "artificial intelligence (AI)+information and innovation".
        # The k-th operand of an n-operand Chinese chain (“超算+智算+存储”) takes the k-th
        # side of an n-operand English chain; without such a pair of chains, either side.
        places = _operand_places(term, context)
        stops = HARD_BREAKS | {"+", ","}
        plus = [t for t, tok in enumerate(en.tokens) if tok.text == "+"]
        chain_of, index_of_plus, chain_len = {}, {}, defaultdict(int)
        for n, t in enumerate(plus):      # '+' tokens with only operand words between: one chain
            prev = plus[n - 1] if n else None
            joined = prev is not None and not any(en.tokens[k].text in stops for k in range(prev + 1, t))
            chain_of[t] = chain_of[prev] if joined else t
            index_of_plus[t] = index_of_plus[prev] + 1 if joined else 0
            chain_len[chain_of[t]] += 1
        for t in plus:
            hi = t + 1
            while hi + 1 < len(en.tokens) and en.tokens[hi + 1].text not in stops:
                hi += 1
            lo = t - 1
            while lo - 1 >= 0 and en.tokens[lo - 1].text not in stops:
                lo -= 1
            ix, n = index_of_plus[t], chain_len[chain_of[t]] + 1
            fits = {pos for pos in ((ix + 1, n), (ix, n)) if pos in places}
            for (a, b), pos in (((t + 1, hi), (ix + 1, n)), ((lo, t - 1), (ix, n))):
                if fits and pos not in fits or places and not fits and \
                        any(n2 == n for _, n2 in places):
                    continue      # the other operand of a chain as long as the term's
                while a <= b and not en.tokens[a].is_word:
                    a += 1
                while b >= a and not en.tokens[b].is_word:
                    b -= 1
                if any(en.tokens[k].text in HARD_BREAKS for k in range(a, b + 1)):
                    continue
                if 0 <= a <= b and b - a <= max_len and any(k in explains for k in range(a, b + 1)):
                    span = _score(en, a, b, explains, pieces, total, enum_ranges, quoted, acronyms, taken,
                                  distinct, caps, inside)
                    span.score += 0.2
                    span.placed = True
                    spans.append(span)
    if quoted:
        for lo, hi in en.quoted():
            if any(t in explains for t in range(lo, hi + 1)) and hi - lo <= max_len:
                spans.append(_score(en, lo, hi, explains, pieces, total, enum_ranges, quoted,
                                    acronyms, taken, distinct, caps, inside))
    heads = _headless(term, en, explains, taken)
    for s in spans:
        # a span ending in a word that gives only the modifier of the term's head word's
        # gloss ("inner" of 内胆 "inner container", "natural" of 自然人 "natural person"):
        # an English noun phrase ends in its head, so the word after it that nothing else
        # renders is the translator's head noun ("inner tank", "natural persons")
        if s.end in heads:
            s.end += 1
            s.text = en.text[en.tokens[s.start].start:en.tokens[s.end].end]
    for s in spans:
        # "Co., Ltd.", "Inc.": a company's name ends with its form, full stops and all
        m = _COMPANY_FORM.match(en.text, en.tokens[s.end].end) \
            if en.tokens[s.end].text in _COMPANY_ABBREVIATIONS else None
        if m and m.end() > m.start():
            s.end = max(t for t, tok in enumerate(en.tokens) if tok.end <= m.end())
            s.text = en.text[en.tokens[s.start].start:m.end()]
    if term.endswith("+"):
        for s in spans:
            if s.end + 1 < len(en.tokens) and en.tokens[s.end + 1].text == "+":
                s.end += 1
                s.text = en.text[en.tokens[s.start].start:en.tokens[s.end].end]
    # nor one that runs across an "and" or "or" joining two coordinates of one build, whose
    # first words repeat ("rated voltage and rated", "voltage and rated" of "at rated voltage
    # and rated current"; "insulin or insulin" of "with insulin or insulin secretagogues"), or
    # whose head words do ("control and biological" of "physical control and biological
    # control" for 生物防治, "funds and money market funds" for 货币市场基金: a term names one
    # of the things listed, the span that ends in the shared head after the "and" is its own),
    # unless the term joins two words itself (和, 与, 及, 或)
    if not any(c in term for c in _ZH_COORDINATORS):
        spans = [s for s in spans if s.placed or not _across_coordinates(en, s.start, s.end)]
    if not term.startswith(_ZH_PREPOSITIONS):
        spans = [s for s in spans if s.placed or not _into_clause(en, s.start, s.end, explains)]
    copies = _latin_copies(en, term, context)
    if copies:
        spans = [s for s in spans
                 if not any(a <= s.start and s.end <= b or b > a and s.start <= b and a <= s.end
                            for a, b in copies)]
    return spans


_OWN_ACRONYM = re.compile(rf"\s*[（(]\s*{LATIN.pattern}\s*[）)]")


def _across_coordinates(en: EnglishUnit, lo: int, hi: int) -> bool:
    """``lo..hi`` holds an "and" or "or" whose next word is one of the three words before it
    (the coordinates begin alike: "rated voltage and rated current"), or whose word before
    comes again in the four words after it (they end alike, in one head noun: "physical
    control and biological control", "funds and money market funds", "coupler and a female
    coupler")."""
    return any(en.lower[c] in ("and", "or") and (
        en.keys[c + 1] is not None and en.keys[c + 1] in en.keys[max(c - 3, 0):c]
        or en.keys[c - 1] is not None and en.keys[c - 1] in en.keys[c + 1:c + 5]) for c in range(lo + 1, hi))


def _into_clause(en: EnglishUnit, lo: int, hi: int, explains: Mapping[int, list]) -> bool:
    """``lo..hi`` holds a word that makes a clause (``CLAUSE_WORDS``), written in lower case,
    or after its first word a finite verb no gloss of the term reads (``explains``).

    A finite verb is the third person singular of a verb CC-CEDICT uses only as a verb
    (:func:`glossary.extract.lexicon.finite_verb`: "expires", "consists", "withdraws"); after
    a noun it is the clause's predicate ("storage period expires", "solid waste consists",
    "tenderer withdraws its bid"), which no rendering of a term runs into unless the term says
    it (解释 "explains").  A plural noun in -s ("industry clusters", "scenic spots") is none."""
    return any(en.tokens[t].text in CLAUSE_WORDS for t in range(lo, hi + 1)) \
        or any(t not in explains and finite_verb(en.tokens[t].text) for t in range(lo + 1, hi + 1))


def _latin_copies(en: EnglishUnit, term: str, context: str) -> list[tuple[int, int]]:
    """Token ranges of the English that copy a Latin name the unit's Chinese writes outside
    ``term`` ("AccessKey Secret" of 由 AccessKey ID 和 AccessKey Secret 组成): the copy renders
    that name, so no span of the term lies inside one, nor shares a word with one of two words
    or more ("AccessKey Secret" is no rendering of 访问密钥, whatever 密 "secret" glosses)."""
    if not context or not LATIN.search(context):
        return []
    # (an acronym in brackets right after the term is the term's own: 估算肾小球滤过率（eGFR）)
    inside = [(m.start(), m.end() + (own.end() if (own := _OWN_ACRONYM.match(context[m.end():])) else 0))
              for m in re.finditer(re.escape(term), context)] if term else []
    names = {m.group() for m in re.finditer(rf"{LATIN.pattern}(?: {LATIN.pattern})*", context)
             if not any(a <= m.start() < b for a, b in inside)}
    out = []
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", en.text):
            toks = [t for t, tok in enumerate(en.tokens) if m.start() <= tok.start and tok.end <= m.end()]
            if toks:
                out.append((toks[0], toks[-1]))
    return out


def choose(spans: list[_Span], term: str, en: EnglishUnit, *, context: str = "", known: Iterable[str] = (),
           limit: int = 1, min_pair: float = DEFAULT_MIN_PAIR,
           min_cover: float = DEFAULT_MIN_COVER) -> list[_Span]:
    """The best of :func:`scored_spans`' spans (see :func:`pair`), not overlapping; the
    spans given are not changed (a span gaining the ``known`` bonus is a copy)."""
    known = {fold_rendering(k) for k in known}
    if known:
        spans = [replace(s, bonus=KNOWN_BONUS)
                 if s.score + KNOWN_BONUS >= min_pair and fold_rendering(s.text) in known else s for s in spans]
    # no other span is ever chosen
    spans = [s for s in spans if s.score + s.bonus >= min_pair and (s.cover >= min_cover or s.placed)]
    n_en, n_zh = max(len(en.tokens), 1), max(len(context), 1)
    at = [(i + len(term) / 2) / n_zh for i in _places(term, context)] if context and limit > 1 else []

    def off_diagonal(s: _Span) -> float:
        mid = (s.start + s.end + 1) / 2 / n_en
        return round(min(abs(mid - a) for a in at), 6)

    # equal scores: the longer span, then one placed by structure (a quote, an enumeration
    # item), then the one nearest the place of an occurrence of the term in the unit's
    # Chinese (a diagonal, as word aligners assume), then the first
    spans.sort(key=lambda s: (-round(s.score + s.bonus, 6), -(s.end - s.start), not s.placed,
                              off_diagonal(s) if at else 0.0, s.start))
    chosen: list[_Span] = []
    for s in spans:
        if len(chosen) >= limit:
            break
        if chosen and s.score + s.bonus < chosen[0].score + chosen[0].bonus - REPEAT_MARGIN and s.cover < 1.0 \
                and fold_rendering(s.text) not in {fold_rendering(c.text) for c in chosen}:
            continue    # a later mention: as good a rendering as the first, or a whole one (see REPEAT_MARGIN)
        if all(s.end < c.start or s.start > c.end for c in chosen):
            chosen.append(s)
    return chosen


def _rendered_already(term: str, en: EnglishUnit, distinct: dict, pieces: list, piece_ids: dict,
                      lexicon) -> dict[int, list[list[tuple[int, frozenset[int]]]]]:
    """What a word of the unit renders that other words render already: token -> for each
    piece it explains, per lexicon word of the term of two characters or more holding that
    piece's characters (or being it), (the words that render it in full, one English word
    per two characters; the other tokens that explain it by another gloss of it than the
    token's and explain nothing else of the term).  Tokens some of whose pieces have no such
    tokens are left out.  "open" explains 开 and 开发 of 二次开发 (开发 "to exploit; to open
    up; to develop"), "development" 开发 by another gloss; "computing" and "power" explain
    算力 by one gloss, "computing power"; "responsible", which also explains 负责 of
    按职责分工负责, is not taken to render its 职责 "duty; responsibility" beside "duties"."""
    words = {pid: term[i:j] for (i, j, rate), pid in piece_ids.items() if rate == 2.0 and len(pieces[pid][0]) >= 2}
    by_piece: dict[int, list[int]] = defaultdict(list)
    for t, ps in distinct.items():
        for p in ps:
            if p in words:
                by_piece[p].append(t)
    if not any(len(ts) > 1 for ts in by_piece.values()):
        return {}
    senses: dict[int, list[set[str]]] = {}

    def one_sense(p: int, t: int, u: int) -> bool:
        if p not in senses:
            senses[p] = [en.matching(keys) for keys in lexicon.senses(words[p])]
        kt, ku = en.word_keys[t], en.word_keys[u]
        return bool(kt & ku) or any(kt & m and ku & m for m in senses[p])

    out = {}
    for t, ps in distinct.items():
        per_piece = []
        for q in ps:
            units = set(pieces[q][0])
            holders = [(math.ceil(len(pieces[p][0]) / 2), frozenset(others))
                       for p, ts in by_piece.items() if units <= set(pieces[p][0])
                       if (others := [u for u in ts if u != t and not one_sense(p, t, u)
                                      and all(set(pieces[x][0]) <= set(pieces[p][0]) for x in distinct[u])])]
            if not holders:
                break
            per_piece.append(holders)
        else:
            out[t] = per_piece
    return out


def _score(en: EnglishUnit, lo: int, hi: int, explains, pieces, total: int, enum_ranges,
           quoted: bool, acronyms: frozenset[str], taken: set[int], distinct: dict, caps: list,
           inside: dict) -> _Span:
    # Each piece explains at most one English word per character (lexicon words)
    # or one word (names, acronyms); a word beyond that (a repeated "Provincial")
    # counts as unexplained.
    # A run of adjacent words glossing one piece ("Municipal Party Committee" for 市委)
    # is that piece's rendering word for word, however many characters it has.
    # ``distinct`` (token -> the distinct pieces it explains) and ``caps`` (per piece: its
    # number of term units for a lexicon word, else None) are what :func:`pair` works out
    # once for all the spans it scores; plain dicts, not Counters (this runs for every span).
    # A word rendering only characters that earlier words of the span render in full, by
    # another gloss of a lexicon word holding them, renders nothing more ("open" for 开 after
    # "development" for 开发: "secondary development of open" is no better rendering of
    # 二次开发 than "secondary development"; "driving" after "unmanned" for 无人驾驶 is, as
    # one word renders two characters of a word); it counts as a word no gloss explains
    # (which may take the credit of characters no gloss renders).  ``inside`` (see
    # :func:`_rendered_already`) is worked out once per term.
    redundant: set[int] = set()
    if inside:
        for t in range(lo, hi + 1):
            others = inside.get(t)
            if others is not None and all(any(sum(lo <= u < t and u not in redundant for u in us) >= need
                                              for need, us in holders) for holders in others):
                redundant.add(t)
    per_piece: dict = {}
    assigned: dict = {}
    hit = content = free = 0
    keys = en.keys
    for t in range(lo, hi + 1):
        ps = explains.get(t)
        if ps is None or t in redundant:
            if keys[t] is not None:
                content += 1
                if t not in taken:
                    free += 1
            continue
        content += 1
        best = None
        least = 0
        for p in ps:      # the first piece with room that has the fewest words assigned
            a = assigned.get(p, 0)
            cap = caps[p]
            if cap is None:
                room = a < 1
            else:         # a lexicon word: its characters, or the longest run of words it glosses
                room = a < cap or a < _longest_run(distinct, p, lo, hi)
            if room and (best is None or a < least):
                best, least = p, a
        if best is not None:
            hit += 1
            assigned[best] = least + 1
            for p in distinct[t]:
                per_piece[p] = per_piece.get(p, 0) + 1
    cover = [0.0] * total
    for p, k in per_piece.items():
        units, rate = pieces[p]
        share = min(1.0, k * rate / len(units))
        for u in units:
            if share > cover[u]:
                cover[u] = share
    covered = sum(cover)
    missing = total - covered
    credit = min(free, math.ceil(missing / 2 - 0.01))
    name = _is_name(en, lo, hi)
    if name:
        credit = free     # words of a whole name are part of it ("Party" of 市委's Committee)
    zc = (covered + CREDIT * min(missing, 2 * credit)) / total
    ec = (hit + CREDIT * credit) / max(content, 1)
    score = 2 * zc * ec / (zc + ec) if zc + ec else 0.0
    text = en.text[en.tokens[lo].start:en.tokens[hi].end]
    placed = (lo, hi) in enum_ranges
    if placed or any(lo >= r[0] and hi == r[1] for r in enum_ranges):
        score += 0.15
    if name:
        score += 0.1          # a whole capitalised name, not part of one
    before, after = lo - 1, hi + 1
    while before >= 0 and en.code[before]:       # (inline codes inside the quotes)
        before -= 1
    while after < len(en.tokens) and en.code[after]:
        after += 1
    if quoted and before >= 0 and after < len(en.tokens) and en.tokens[before].text in QUOTES \
            and en.tokens[after].text in QUOTES:
        score += 0.3
        placed = True
    if acronyms and all(en.tokens[t].text.removesuffix("s") in acronyms for t in range(lo, hi + 1)):
        score = 0.7 * min(score, 1.0)   # the acronym alone: prefer the spelled-out form
    return _Span(lo, hi, score, text, zc, placed)


def _longest_run(distinct: dict, p: int, lo: int, hi: int) -> int:
    """The most adjacent tokens of ``lo..hi`` that all explain piece ``p``."""
    best = run = 0
    for t in range(lo, hi + 1):
        if p in distinct.get(t, ()):
            run += 1
            if run > best:
                best = run
        else:
            run = 0
    return best


def _places(word: str, text: str) -> list[int]:
    """Where ``word`` starts in ``text``, left to right, matches not overlapping (what
    ``re.finditer(re.escape(word), text)`` gives, without compiling a pattern per word:
    the pairing asks this for every claimed word of every unit)."""
    if not word:
        return list(range(len(text) + 1))
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + len(word))
    return out


def _piece_text(term: str, units: list[tuple[int, int]], covered: list[int]) -> str:
    """The characters (or Latin words) of ``term`` that a piece covers."""
    return "".join(term[units[u][0]:units[u][1]] for u in covered)


def _taken(en: EnglishUnit, claims: dict[int, set[str]], term: str, context: str,
           lost: dict[int, str] | None = None) -> set[int]:
    """English tokens another word of the unit's Chinese renders: its glosses match them.
    Each occurrence of that word holds one token of the key, the one nearest its relative
    place in the unit (a diagonal, as word aligners assume): with fewer occurrences than
    tokens the rest are free ("Technology" twice in a unit whose Chinese has 科技 once,
    before 信息化: the later one can render 信息化 of 市工业和信息化局).
    ``lost`` (filled when given): token -> the word that took it from the term's own
    mentions by place, where the unit's English has that one token of its key (with
    several, as in a list of districts, their places are too loose to take one from the
    term)."""
    out = set()
    groups: dict[tuple[frozenset[str], str, bool], list[int]] = defaultdict(list)
    for t, words in claims.items():
        outside = frozenset(w for w in words if w not in term)
        if outside:
            # a word of the term's own glosses it too (错误 of 错误码 and 误 of 有误: "error"):
            # the term's mentions compete for it, by place as the other words' do
            own = len(outside) < len(words) and any(len(w) >= 2 for w in words - outside)
            groups[(outside, en.keys[t], own)].append(t)
    n_en, n_zh = max(len(en.tokens), 1), max(len(context), 1)
    for (outside, _, own), toks in groups.items():
        at = [(i / n_zh, w) for w in outside for i in _places(w, context)]
        if own:
            at += [((i + len(term) / 2) / n_zh, None) for i in _places(term, context)]
        elif len(at) >= len(toks):
            out.update(toks)
            continue
        pairs = sorted((abs(t / n_en - a), t, k) for t in toks for k, (a, _) in enumerate(at))
        used_t, used_a = set(), set()
        for _, t, k in pairs:
            if t not in used_t and k not in used_a:
                used_t.add(t)
                used_a.add(k)
                if at[k][1] is not None:
                    out.add(t)
                    if own and lost is not None and len(toks) == 1:
                        lost[t] = at[k][1]
    return out


def _latin_outside(en: EnglishUnit, term: str, context: str) -> set[int]:
    """English tokens that render a Latin word the unit's Chinese writes outside ``term``:
    the word itself ("SidecarContainers" of SidecarContainers 特性门控 is no rendering of
    特性门控), in any case and with a plural s, as the pairing matches a Latin word of a term."""
    if not context or not LATIN.search(context):
        return set()
    inside = [(m.start(), m.end()) for m in re.finditer(re.escape(term), context)]
    out: set[int] = set()
    for m in LATIN.finditer(context):
        if any(a <= m.start() < b for a, b in inside):
            continue
        word = m.group().lower()
        out.update(en.by_lower.get(word, ()))
        out.update(en.by_lower.get(word + "s", ()))
    return out


_OPERAND_ACRONYM = re.compile(r"[（(][A-Za-z][A-Za-z0-9+\-./]{0,11}[）)]")


def _operand_places(term: str, context: str) -> set[tuple[int, int]]:
    """(k, n) for each quoted chain “A+B+C” of ``context`` whose k-th of n operands is
    ``term`` (bracketed acronyms left out on both sides; 人工智能+ is the first of two)."""
    base = _OPERAND_ACRONYM.sub("", term).removesuffix("+").strip()
    out = set()
    if not base:
        return out
    for m in re.finditer(r"“([^“”]+)”", context):
        inner = _OPERAND_ACRONYM.sub("", m.group(1))
        if "+" not in inner and "＋" not in inner:
            continue
        parts = [p.strip() for p in re.split(r"[+＋]", inner)]
        out.update((k, len(parts)) for k, p in enumerate(parts) if p == base)
    return out


def _capital(en: EnglishUnit, t: int) -> bool:
    return 0 <= t < len(en.tokens) and en.capital[t]


def _is_name(en: EnglishUnit, lo: int, hi: int) -> bool:
    """``lo..hi`` is a whole capitalised name (a capitalised "The" before it is not part of
    it): read off the unit's ``name_start`` and ``name_end``, worked out once."""
    return en.name_start[lo] and en.name_end[hi]



ALIGNED_SCORE = 0.5      # pairing score an aligned phrase stands for when the glosses found nothing
EXTEND_WORDS = 2         # content words an aligned phrase may add to a gloss span


def with_alignment(spans: list[_Span], phrases: list, en: EnglishUnit, *, policy: str = "extend") -> list[_Span]:
    """The gloss pairing's spans of one unit corrected by the phrases the learnt word
    alignment gives the term's occurrences there (:mod:`glossary.extract.wordalign`).

    ``policy`` names what the phrases may do (docs/wordalign.md has the measurements):

    * ``"extend"`` (default): a gloss span inside an aligned phrase that holds at most
      ``EXTEND_WORDS`` more content words becomes the phrase ("digital humans" rather than
      "digital" for 数字人), when the outermost word added on each side is linked to the term
      by both directions of the alignment (a link only one direction makes, or that only
      grew from a neighbour, is how an alignment learnt from few units bleeds into the next
      word: "research and development of" before "field-programmable gate arrays");
    * ``"add"``: where the glosses found nothing, the aligned phrases are the renderings;
    * ``"shrink"``: an aligned phrase inside a gloss span replaces it when every content
      word it leaves out is linked by both directions to a Chinese word outside the term;
    * several joined by ``+`` (``"extend+shrink"``), or ``"all"``: the three.

    No phrase (an omission, or no phrase consistent with the alignment) changes nothing.
    Whatever the policy, a gloss span (not placed by structure) of a term occurring once in
    the unit is dropped when both directions of the alignment link the term to English
    words and none of them (nor the same word elsewhere: an aligner may pick the wrong one of
    two "intelligence") is inside the span: the glosses matched a neighbour's words.
    """
    phrases = [p for p in phrases if p is not None]
    if not phrases:
        return spans
    allowed = {"extend", "add", "shrink"} if policy == "all" else set(policy.split("+"))
    if not spans:
        if "add" not in allowed:
            return spans
        out, seen = [], set()
        for p in phrases:
            if p.text not in seen and _content_words(p.text):
                seen.add(p.text)
                out.append(_Span(-1, -1, ALIGNED_SCORE, p.text, p.linked))
        return out
    out = []
    sure = {en.keys[t] or en.lower[t] for p in phrases for x, y in p.sure
            for t, tok in enumerate(en.tokens) if x <= tok.start and tok.end <= y}
    for s in spans:
        if s.start < 0 or s.placed:
            out.append(s)
            continue
        a, b = en.tokens[s.start].start, en.tokens[s.end].end
        if sure and len(phrases) == 1 and \
                not any((en.keys[t] or en.lower[t]) in sure for t in range(s.start, s.end + 1)):
            # both directions link the term to words the span does not hold: the glosses
            # matched a neighbour's words ("Support ... supply" for 康养 beside 支持, 供给)
            continue
        best = s
        for p in phrases:
            if (p.start, p.end) == (a, b):
                continue
            if p.start <= a and b <= p.end and "extend" in allowed:
                extra = len(_content_words(en.text[p.start:a])) + len(_content_words(en.text[b:p.end]))
                added = [t for t, tok in enumerate(en.tokens)
                         if p.start <= tok.start and tok.end <= p.end and (tok.end <= a or tok.start >= b)]
                # the outermost word of each side added is one both directions link to the term
                content = [t for t in added if en.keys[t] is not None]
                ends = {t for t in (min((t for t in content if en.tokens[t].end <= a), default=None),
                                    max((t for t in content if en.tokens[t].start >= b), default=None))
                        if t is not None}
                unsure = [t for t in ends
                          if not any(x <= en.tokens[t].start and en.tokens[t].end <= y for x, y in p.sure)]
                # nor a word the span holds already: written again, it is another mention
                # ("pressure relief outlet of the pressure relief valve": 泄压口 is not
                # "pressure relief outlet of the pressure")
                inner = {en.keys[t] for t in range(s.start, s.end + 1)} - {None}
                # nor a number the glosses left out ("Article 15 | Policy Loan" of 第十五条　保单贷款):
                # a clause number or a count beside the term, which the span would hold were
                # it the term's (a term with a numeral reads numbers: scored_spans)
                # nor a word that makes a clause ("EIS was measured" for the gloss span "EIS":
                # CLAUSE_WORDS, as scored_spans keeps none)
                if extra <= EXTEND_WORDS and not unsure and not any(en.keys[t] in inner for t in content) \
                        and not any(t in en.numbers or en.tokens[t].text in CLAUSE_WORDS for t in added):
                    best = replace(s, text=p.text)
                    break
            if a <= p.start and p.end <= b and "shrink" in allowed and _content_words(p.text) \
                    and all(any(x <= en.tokens[t].start and en.tokens[t].end <= y for x, y in p.elsewhere)
                            for t in range(s.start, s.end + 1) if en.keys[t] is not None
                            and (en.tokens[t].end <= p.start or en.tokens[t].start >= p.end)):
                best = replace(s, text=p.text)
                break
        out.append(best)
    return out


def _content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text)
            if w.lower() not in FUNCTION and w.lower() not in STOP_WORDS]
