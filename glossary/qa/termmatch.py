"""Fast term matching for QA: a prefix index over the Chinese terms and
precompiled, inflection-tolerant forms of their English renderings.

Finding the terms of a segment never loops over the term base: the index maps
the first two characters of every term to the lengths of the terms that start
with them, so a segment of ``n`` characters costs about ``n`` dictionary look-ups
whatever the size of the term base. Matching is leftmost-longest and
non-overlapping, so 智能网联汽车 wins over 智能网联 when both are terms. Terms and
segments are compared through their Simplified keys (:func:`tm.simplified_key`, one
character for one), so 軟件 in a Traditional segment is the term 软件 and the reverse.

English renderings are matched the way a reviewer reads them: case-insensitive,
with singular/plural and simple inflection on every word (factory/factories,
model/models, build/building) and hyphen/space variants (low-altitude / low
altitude; a two-word rendering also matches the closed compound, health care /
healthcare). Both sides are reduced to word stems by one crude suffix stripper
(:func:`stem`): a rendering becomes a tuple of stems once per term, a segment
a list of stems with their offsets once per segment, and a match is a run of
equal stems found through a stem -> positions map, with no regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from tm import fold_with_offsets, simplified_key

from glossary.models import Entry

_WORD = re.compile(r"[A-Za-z]+|[0-9]+|[^\sA-Za-z0-9\-‐‑–]+")
_SEP = r"\s*[-‐‑–]?\s*"      # hyphen, dash, spaces or nothing: low-altitude, health care/healthcare
_VOWELS = set("aeiou")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_stems: dict[str, str] = {}
#: Derivational endings folded after the inflectional ones, so that a reviewer's
#: equivalents meet: innovation / innovative, intelligence / intelligent.
_DERIVATIONS = (("ation", "at"), ("ativ", "at"), ("ition", "it"), ("tion", "t"), ("sion", "s"),
                ("iv", ""), ("enc", "ent"), ("anc", "ant"))


def stem(word: str) -> str:
    """A crude, consistent stem: lower case, plural and -ed/-ing/-e/-y endings folded,
    a final doubled consonant single (factories -> factori, modelling -> model).

    Not ``tm.stem`` on purpose: the two fold different things. This one reads a rendering
    as a reviewer does, so the word families a reviewer accepts meet (innovation /
    innovative, intelligent / intelligence, modelling / modeling); ``tm.stem`` makes
    dictionary keys for CC-CEDICT's glosses, so it maps irregular forms onto their base
    (went -> go, children -> child, best -> good) and drops -ment and -ness, which a term
    check must not do (an approved "good practice" is not in "best practice"). On the
    words of the 7,499 real units (6,898 alphabetic), 245 pairs meet only here and 184
    only in ``tm.stem``; with ``tm.stem`` here three of the reviewer cases of
    ``tests/glossary/qa`` fail (session 20, docs/qa.md)."""
    cached = _stems.get(word)
    if cached is not None:
        return cached
    w = word.lower()
    if len(w) > 2 and word[-1] == "s" and word[:-1].isupper():
        w = w[:-1]                      # GPUs -> gpu
    elif len(w) > 3 and w.isalpha():
        if w.endswith(("ies", "ied")):
            w = w[:-3] + "i"
        elif w.endswith("ying") and len(w) > 5:
            w = w[:-4] + "i"
        elif w.endswith(("sses", "ches", "shes", "xes", "zes")):
            w = w[:-2]
        elif w.endswith("ing") and len(w) > 5:
            w = w[:-3]
        elif w.endswith("ed") and len(w) > 4:
            w = w[:-2]
        elif w.endswith("es") and len(w) > 4:
            w = w[:-1]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        if w.endswith("ly") and len(w) > 6:
            w = w[:-2]                  # intelligently -> intelligent
        if w.endswith("y") and len(w) > 3:
            w = w[:-1] + "i"
        elif w.endswith("e") and len(w) > 3:
            w = w[:-1]
        for end, repl in _DERIVATIONS:  # innovation/innovative/innovate -> innovat
            if w.endswith(end) and len(w) - len(end) >= 4:
                w = w[:-len(end)] + repl
                break
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
            w = w[:-1]
    if len(_stems) < 200_000:
        _stems[word] = w
    return w


class English:
    """A target segment as a tuple of stems; token offsets are computed only when
    something matches."""

    __slots__ = ("text", "folded", "offsets", "stems", "present", "_spans", "_first", "_approved")

    def __init__(self, text: str):
        self.text = text
        # matched as compared (tm.fold: no soft hyphen or zero-width space inside a word,
        # no Cyrillic look-alike letter in a Latin word), spans given in ``text``
        self.folded, self.offsets = fold_with_offsets(text)
        get = _stems.get
        self.stems = tuple([get(w) or stem(w) for w in _TOKEN.findall(self.folded)])
        self.present = frozenset(self.stems)
        self._spans: list[tuple[int, int]] | None = None
        self._first: dict[tuple[str, ...], int | None] = {}
        self._approved: dict[tuple[str, ...], tuple[str, int, int] | None] = {}

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens ``i`` to ``j`` (inclusive), in the text as given."""
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN.finditer(self.folded)]
        start, end = self._spans[i][0], self._spans[j][1]
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1

    def _starts(self, form: tuple[str, ...]) -> Iterator[int]:
        """Token indices where ``form`` (a stem tuple) occurs, in order."""
        first, k, stems = form[0], len(form), self.stems
        if first not in self.present:
            return
        i = -1
        while True:
            try:
                i = stems.index(first, i + 1)
            except ValueError:
                return
            if k == 1 or stems[i:i + k] == form:
                yield i

    def _first_start(self, form: tuple[str, ...]) -> int | None:
        """The first of :meth:`_starts` (no generator: a term check asks this of every
        rendering of every term a segment holds; remembered per form, as a long segment
        holds the same term hundreds of times and each asked again)."""
        first = form[0]
        if first not in self.present:
            return None
        if len(form) == 1:
            return self.stems.index(first)
        found = self._first.get(form, -1)
        if found == -1:
            found = self._first[form] = next(self._starts(form), None)
        return found

    def first(self, forms: tuple[tuple[str, ...], ...]) -> tuple[int, int] | None:
        """Token range (i, j) of the earliest occurrence of any of ``forms``, or None."""
        best = None
        for form in forms:
            i = self._first_start(form)
            if i is not None and (best is None or i < best[0]):
                best = (i, i + len(form) - 1)
        return best

    def find(self, forms: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
        """Character spans of every occurrence of any of ``forms`` (stem tuples)."""
        return [self.span(i, i + len(form) - 1) for form in forms for i in self._starts(form)]


@lru_cache(maxsize=256)
def english(text: str) -> English:
    """Tokenise a target segment once (cached: several checks look at the same text)."""
    return English(text)


def rendering_forms(rendering: str) -> tuple[tuple[str, ...], ...]:
    """The stem tuples that count as ``rendering``: its words (a hyphenated word
    also closed up: take-off / takeoff), and for two or three words the closed
    compound (health care / healthcare)."""
    variants: list[list[str]] = [[]]
    for chunk in rendering.split():
        parts = _TOKEN.findall(chunk)
        if not parts:
            continue
        joined = ["".join(parts)] if len(parts) > 1 and all(p.isalpha() for p in parts) else []
        variants = [v + parts for v in variants] + ([v + joined for v in variants] if joined else [])
        variants = variants[:8]
    words = variants[0]
    if not words:
        return ()
    forms = [tuple(stem(w) for w in v) for v in variants]
    if 2 <= len(words) <= 3 and all(w.isalpha() for w in words):
        forms.append((stem("".join(words)),))
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class TermHit:
    """A term-base term found in a Chinese segment: ``zh[start:end] == term.zh``."""

    term: "Term"
    start: int
    end: int


@dataclass
class Term:
    """One Chinese term with everything the checks need, merged over all sources."""

    zh: str
    approved: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    _approved: list[tuple] | None = field(default=None, repr=False)
    _forbidden: list[tuple] | None = field(default=None, repr=False)

    def approved_forms(self) -> list[tuple]:
        if self._approved is None:
            self._approved = [rendering_forms(r) for r in self.approved]
        return self._approved

    def forbidden_forms(self) -> list[tuple]:
        if self._forbidden is None:
            self._forbidden = [rendering_forms(r) for r in self.forbidden]
        return self._forbidden

    def find_approved(self, en: str | English) -> tuple[str, int, int] | None:
        """The first approved rendering found in ``en``: (rendering, start, end). Remembered
        by the segment for these renderings: the term check and the file's inconsistency
        check both ask it."""
        text = en if isinstance(en, English) else english(en)
        key = (self.zh, *self.approved)
        found = text._approved.get(key, False)
        if found is False:
            found = text._approved[key] = self._find_approved(text)
        return found

    def _find_approved(self, text: English) -> tuple[str, int, int] | None:
        best = None
        for rendering, forms in zip(self.approved, self.approved_forms()):
            found = text.first(forms)
            if found is not None and (best is None or found < best[1]):
                best = (rendering, found)
        if best is None:
            return None
        start, end = text.span(*best[1])
        return best[0], start, end

    def find_forbidden(self, en: str | English) -> list[tuple[str, int, int]]:
        """Every forbidden rendering in ``en`` that is not part of an approved one."""
        text = en if isinstance(en, English) else english(en)
        allowed = [span for forms in self.approved_forms() for span in text.find(forms)]
        found = []
        for rendering, forms in zip(self.forbidden, self.forbidden_forms()):
            for start, end in text.find(forms):
                if not any(a <= start and end <= b for a, b in allowed):
                    found.append((rendering, start, end))
        # a forbidden rendering inside a longer one is the same mistake
        found = [f for f in found if not any(g is not f and g[1] <= f[1] and f[2] <= g[2]
                                             and g[2] - g[1] > f[2] - f[1] for g in found)]
        by_span = {}
        for f in found:                 # two forbidden forms on one span: one finding
            by_span.setdefault((f[1], f[2]), f)
        return sorted(by_span.values(), key=lambda f: (f[1], f[2]))


def _word_pattern(word: str) -> str:
    """A regex for one English word and its simple inflections."""
    w = word.lower()
    if not w.isalpha() or len(w) < 3 or word.isupper():
        # numbers, symbols, short words and acronyms: exact, acronyms may take a plural s
        tail = "(?:'?s)?" if word.isalpha() and word.isupper() else ""
        return re.escape(word) + tail
    if w.endswith("ies"):
        return re.escape(w[:-3]) + "(?:y|ies|ied|ying)"
    if w.endswith("y") and w[-2] not in _VOWELS:
        return re.escape(w[:-1]) + "(?:y|ies|ied|ying)"
    if w.endswith(("ss", "us", "is")):
        return re.escape(w) + "(?:es)?"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return re.escape(w[:-2]) + "(?:es|ing|ed)?"
    if w.endswith("s"):
        return re.escape(w[:-1]) + "(?:s|es|ed|ing)?"
    if w.endswith("e"):
        return re.escape(w[:-1]) + "(?:e|es|ed|ing)"
    if w.endswith(("ch", "sh", "x", "z")):
        return re.escape(w) + "(?:es|ed|ing)?"
    return re.escape(w) + "(?:s|es|ed|ing|d)?"


def rendering_pattern(rendering: str) -> re.Pattern:
    """Compile an English word or name into an inflection- and hyphen-tolerant regex.

    Used where a handful of names is looked for in one segment (the acronyms of a
    source: GPU -> GPUs, RISC-V, 100km -> 100 km); terms use :func:`rendering_forms`."""
    parts, end = [], None
    for m in _WORD.finditer(rendering):
        if end is not None:
            gap = rendering[end:m.start()]
            both_alnum = m.group()[0].isalnum() and rendering[end - 1].isalnum()
            parts.append(_SEP if gap or both_alnum else r"\s*")   # 100km / 100 km, GPT4 / GPT-4
        parts.append(_word_pattern(m.group()))
        end = m.end()
    if not parts:
        return re.compile(r"(?!x)x")          # matches nothing
    body = "".join(parts)
    text = rendering.strip()
    head = r"(?<![A-Za-z0-9])" if text[0].isalnum() else ""
    tail = r"(?![A-Za-z0-9])" if text[-1].isalnum() else ""
    return re.compile(head + body + tail, re.IGNORECASE)


class TermIndex:
    """Leftmost-longest lookup of term-base terms in Chinese text.

    Entries with the same Chinese form (from the database and a glossary file,
    say), or forms differing only in script (軟件, 软件), are merged: their approved
    and forbidden renderings are pooled. ``terms`` is keyed by the Simplified key.
    """

    def __init__(self, entries: Iterable[Entry]):
        self.terms: dict[str, Term] = {}
        for entry in entries:
            zh = (entry.zh or "").strip()
            key = fold_with_offsets(zh)[0]      # the term as compared: see tm.fold
            if not key:
                continue
            term = self.terms.setdefault(simplified_key(key), Term(zh))
            for r in entry.approved:
                if r and r not in term.approved:
                    term.approved.append(r)
            for r in entry.forbidden:
                if r and r not in term.forbidden:
                    term.forbidden.append(r)
        prefix: dict[str, set[int]] = {}
        self._singles: set[str] = set()
        for zh in self.terms:
            if len(zh) == 1:
                self._singles.add(zh)
            else:
                prefix.setdefault(zh[:2], set()).add(len(zh))
        self._prefix = {k: sorted(v, reverse=True) for k, v in prefix.items()}
        self._by_stem: dict | None = None       # first stem of an approved form -> forms (find_english)

    def __len__(self) -> int:
        return len(self.terms)

    def find_english(self, text: str) -> list[TermHit]:
        """The terms whose approved rendering is in English ``text`` (the source of an
        en -> zh pair), leftmost-longest, non-overlapping; spans in ``text``."""
        if self._by_stem is None:
            by: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
            for term in self.terms.values():
                for forms in term.approved_forms():
                    for form in forms:
                        if form:
                            by.setdefault(form[0], []).append((form, term))
            self._by_stem = by
        eng = english(text)
        found = []
        for i, first in enumerate(eng.stems):
            for form, term in self._by_stem.get(first, ()):
                if eng.stems[i:i + len(form)] == form:
                    found.append((i, i + len(form) - 1, term))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        hits, last = [], -1
        for i, j, term in found:
            if i > last:
                start, end = eng.span(i, j)
                hits.append(TermHit(term, start, end))
                last = j
        return hits

    def term(self, zh: str) -> Term:
        """The term whose Chinese form (in either script, folded) is ``zh``."""
        return self.terms[simplified_key(fold_with_offsets(zh)[0])]

    def find(self, text: str) -> list[TermHit]:
        """All terms in ``text``, leftmost-longest, non-overlapping, in order; compared
        folded (:func:`tm.fold`: a zero-width space or a compatibility ideograph does not
        hide a term) and in one script (:func:`tm.simplified_key`); the spans are in
        ``text`` as given."""
        folded, offsets = fold_with_offsets(text)
        hits = self._find(simplified_key(folded))     # one for one: the folded offsets hold
        if offsets is None:
            return hits
        return [TermHit(h.term, offsets[h.start], offsets[h.end - 1] + 1) for h in hits]

    def _find(self, text: str) -> list[TermHit]:
        hits = []
        terms, get, singles = self.terms, self._prefix.get, self._singles
        i, n = 0, len(text)
        while i < n:
            length = 0
            lengths = get(text[i:i + 2])
            if lengths:
                for L in lengths:
                    if i + L <= n and text[i:i + L] in terms:     # a slice past the end is shorter
                        length = L
                        break
            if not length and text[i] in singles:
                length = 1
            if length:
                hits.append(TermHit(terms[text[i:i + length]], i, i + length))
                i += length
            else:
                i += 1
        return hits
