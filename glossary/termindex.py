"""Fast term matching for QA: a prefix index over the Chinese terms and
precompiled, inflection-tolerant patterns for their English renderings.

Finding the terms of a segment never loops over the term base: the index maps
the first two characters of every term to the lengths of the terms that start
with them, so a segment of ``n`` characters costs about ``n`` dictionary look-ups
whatever the size of the term base. Matching is leftmost-longest and
non-overlapping, so 智能网联汽车 wins over 智能网联 when both are terms.

English renderings are matched the way a reviewer reads them: case-insensitive,
with singular/plural and simple inflection on every word (factory/factories,
model/models, build/building) and hyphen/space variants (low-altitude / low
altitude). Each term's patterns are compiled once, the first time the term is
seen, and kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Entry

_WORD = re.compile(r"[A-Za-z]+|[0-9]+|[^\sA-Za-z0-9\-‐‑–]+")
_SEP = r"\s*[-‐‑–]?\s*"      # hyphen, dash, spaces or nothing: low-altitude, health care/healthcare
_VOWELS = set("aeiou")


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
    _approved_re: list[re.Pattern] | None = field(default=None, repr=False)
    _forbidden_re: list[re.Pattern] | None = field(default=None, repr=False)

    def approved_patterns(self) -> list[re.Pattern]:
        if self._approved_re is None:
            self._approved_re = [rendering_pattern(r) for r in self.approved]
        return self._approved_re

    def forbidden_patterns(self) -> list[re.Pattern]:
        if self._forbidden_re is None:
            self._forbidden_re = [rendering_pattern(r) for r in self.forbidden]
        return self._forbidden_re

    def find_approved(self, en: str) -> tuple[str, int, int] | None:
        """The first approved rendering found in ``en``: (rendering, start, end)."""
        best = None
        for rendering, pattern in zip(self.approved, self.approved_patterns()):
            m = pattern.search(en)
            if m and (best is None or m.start() < best[1]):
                best = (rendering, m.start(), m.end())
        return best

    def approved_spans(self, en: str) -> list[tuple[int, int]]:
        return [m.span() for p in self.approved_patterns() for m in p.finditer(en)]

    def find_forbidden(self, en: str) -> list[tuple[str, int, int]]:
        """Every forbidden rendering in ``en`` that is not part of an approved one."""
        allowed = self.approved_spans(en)
        found = []
        for rendering, pattern in zip(self.forbidden, self.forbidden_patterns()):
            for m in pattern.finditer(en):
                if not any(a <= m.start() and m.end() <= b for a, b in allowed):
                    found.append((rendering, m.start(), m.end()))
        return sorted(found, key=lambda f: f[1])


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
    """Compile an English rendering into an inflection- and hyphen-tolerant regex."""
    parts, end = [], None
    for m in _WORD.finditer(rendering):
        if end is not None:
            gap = rendering[end:m.start()]
            both_alnum = m.group()[0].isalnum() and rendering[end - 1].isalnum()
            parts.append(_SEP if gap else ("" if both_alnum else r"\s*"))
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
    say) are merged: their approved and forbidden renderings are pooled.
    """

    def __init__(self, entries: Iterable[Entry]):
        self.terms: dict[str, Term] = {}
        for entry in entries:
            zh = (entry.zh or "").strip()
            if not zh:
                continue
            term = self.terms.setdefault(zh, Term(zh))
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

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str) -> list[TermHit]:
        """All terms in ``text``, leftmost-longest, non-overlapping, in order."""
        hits = []
        terms, get, singles = self.terms, self._prefix.get, self._singles
        i, n = 0, len(text)
        while i < n:
            length = 0
            lengths = get(text[i:i + 2])
            if lengths:
                for L in lengths:
                    if text[i:i + L] in terms:
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
