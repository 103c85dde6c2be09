"""Exact top-k fuzzy scoring, independent of where the memory is stored.

Candidates in, exact scored results out: :func:`top_k` takes the query's tokens, the
candidates with an *upper bound* of their score (from the index: length and shared
index tokens, see :func:`bound`), and a function that returns candidate texts by id
(the backend's). It scores candidates in order of their bound, best first, in batches
scored in C (RapidFuzz ``process.extract`` with ``score_cutoff``), and stops as soon as
the ``limit``-th best score found is higher than the next candidate's bound: no
candidate left can then enter the result. The result is exactly what scoring every
candidate would give (best score first, ties by unit id).

English tokens are words: a query's distinct words are mapped to one character each
and every other word to one character the query does not use, so the Levenshtein
distance over the two strings is the distance over the word sequences (only equality
with a query word matters to it), and RapidFuzz scores strings at C speed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tm.memory import fuzzy
from tm.text import codes as _codes

EPS = 1e-9
# RapidFuzz turns a normalized ``score_cutoff`` into a distance limit with float rounding and
# then drops a text scoring *exactly* the cutoff (28/30 with cutoff 28/30 - 1e-9 scores 0.0).
# So its cutoff is only a pre-filter, this much lower, and the exact test is done here.
_SLACK = 1e-6
_OTHER = "\U0010fffd"  # the one character of every word the query does not contain


def bound(n: int, m: int, shared: int, lang: str) -> float:
    """An upper bound (percent) of the score of a unit of ``m`` tokens against a query of
    ``n`` tokens when they share at most ``shared`` index tokens (words for ``en``,
    character bigrams for ``zh``, counted with the query's multiplicity).

    * length: ``lev >= |n - m|``;
    * en: ``lev >= max(n, m) - overlap`` with ``overlap <= min(shared, n, m)``;
    * zh: ``k`` edits destroy at most ``2k`` of the ``L - 1`` bigrams of the longer side
      (the q-gram lemma), so ``k >= ceil((L - 1 - shared) / 2)``.
    """
    L = max(n, m)
    if L == 0:
        return 0.0
    lev = abs(n - m)
    if lang == "en":
        lev = max(lev, L - min(shared, n, m))
    else:
        lev = max(lev, math.ceil((L - 1 - shared) / 2))
    return 100.0 * (1.0 - lev / L)


def bound_table(n: int, lengths: range, most: int, lang: str):
    """``bound(n, m, x, lang)`` for every ``m`` in ``lengths`` (rows) and ``x`` in ``0..most``
    (columns), as a numpy array: the same numbers, computed at once."""
    import numpy as np

    m = np.arange(lengths.start, lengths.stop, dtype=np.int64)[:, None]
    x = np.arange(most + 1, dtype=np.int64)[None, :]
    L = np.maximum(m, n)
    lev = np.abs(m - n)
    if lang == "en":
        lev = np.maximum(lev, L - np.minimum(np.minimum(x, n), m))
    else:
        lev = np.maximum(lev, -((x - (L - 1)) // 2))   # ceil((L - 1 - x) / 2)
    return np.where(L == 0, 0.0, 100.0 * (1.0 - lev / np.maximum(L, 1)))


class Query:
    """A query's tokens as a string RapidFuzz compares at C speed, and the same for candidates."""

    def __init__(self, tokens: Sequence[str], lang: str, text: str = ""):
        self.lang = lang
        self.raw = text       # the query as given: its inline codes decide the code penalty
        self.codes = _codes.has_codes(text)
        if lang == "zh":
            self.text = tokens if isinstance(tokens, str) else "".join(tokens)
            self.chars = None
        else:
            self.chars: dict[str, str] = {}
            for w in tokens:
                if w not in self.chars:
                    self.chars[w] = chr(0xF0000 + len(self.chars))  # plane 15: private use
            self.text = "".join(self.chars[w] for w in tokens)

    def encode(self, text: str) -> str:
        """A stored side's text as the string compared with :attr:`text`."""
        toks = fuzzy.tokens(text, self.lang)
        if self.chars is None:
            return toks
        get = self.chars.get
        return "".join([get(w, _OTHER) for w in toks])

    def encode_many(self, texts: Sequence[str]) -> list[str]:
        """:meth:`encode` of each text (:func:`tm.memory.fuzzy.tokens_many`: one pass over them all)."""
        many = fuzzy.tokens_many(texts, self.lang)
        if self.chars is None:
            return many
        get = self.chars.get
        return ["".join([get(w, _OTHER) for w in toks]) for toks in many]


def score_texts(query: Query, texts: Sequence[str], min_score: float) -> list[tuple[int, float]]:
    """``(index, score)`` of the texts scoring at least ``min_score`` (percent, > 0), in C;
    the score less :func:`tm.memory.fuzzy.code_penalty` where the inline codes differ (the
    cut on the text score alone keeps every text the penalised score can keep)."""
    choices = query.encode_many(texts)
    s = min_score / 100.0
    out = []
    has = _codes.CODE.search
    for _choice, sim, i in process.extract(query.text, choices, scorer=Levenshtein.normalized_similarity,
                                           processor=None, limit=None, score_cutoff=max(s - _SLACK, 0.0)):
        sc = 100.0 * sim
        if sim > 0 and (query.codes or has(texts[i])):
            sc -= fuzzy.code_penalty(query.raw, texts[i])
        if sc > 0 and sc + EPS >= min_score:
            out.append((i, sc))
    return out


class TopK:
    """The best ``limit`` scores (``None``: all) of the candidates offered so far, exactly.

    ``texts(ids)`` gives ``(id, text)`` of the compared side for those ids (ids it leaves
    out are skipped: units removed since they were indexed). Candidates are offered as
    ``(bound, id)`` pairs, ``bound`` an upper bound of the candidate's score in percent
    (``100`` when nothing is known). :meth:`offer` scores them in order of their bound,
    best first, and stops when the ``limit``-th best score found is higher than the next
    bound; :attr:`threshold` is the score a candidate not offered yet must reach (its bound
    too) to change the result: ``min_score`` until ``limit`` are found, then the
    ``limit``-th best score (ties by id: a candidate *equal* to it may still enter).
    """

    def __init__(self, query: Query, texts: Callable[[list[int]], Iterable[tuple[int, str]]], *,
                 min_score: float, limit: int | None):
        self.query = query
        self.texts = texts
        self.min_score = min_score
        self.limit = limit
        self.best: list[tuple[float, int]] = []   # (score, id), best first, ties by id
        self.scored: set[int] = set()
        self.n_scored = 0

    @property
    def full(self) -> bool:
        return self.limit is not None and len(self.best) >= self.limit

    @property
    def threshold(self) -> float:
        return max(self.min_score, self.best[-1][0]) if self.full else self.min_score

    def offer(self, candidates: Iterable[tuple[float, int]], *, most: int | None = None) -> None:
        """Score ``candidates`` (best bound first, ties by id) until none left can enter the
        result, or ``most`` of them have been scored."""
        thr = self.threshold - EPS
        order = sorted(((b, uid) for b, uid in candidates if b >= thr), key=lambda c: (-c[0], c[1]))
        self.offer_sorted([b for b, _ in order], [uid for _, uid in order], most=most)

    def offer_sorted(self, bounds: Sequence[float], ids: Sequence[int], *, most: int | None = None) -> None:
        """:meth:`offer` of candidates already in order (``bounds`` descending, ties by id
        ascending; parallel sequences, e.g. numpy arrays: they are read a chunk at a time, only
        as far as needed). An id offered again (stale index entries) counts at its first,
        higher bound; ids already scored are skipped."""
        scored, pos, size, done = self.scored, 0, 32, 0
        while pos < len(ids) and (most is None or done < most):
            bs = bounds[pos:pos + size]
            us = ids[pos:pos + size]
            if not isinstance(bs, list):
                bs, us = bs.tolist(), us.tolist()
            pos += size
            size = min(size * 4, 4096)
            chunk = []
            thr = self.threshold   # changes only when the chunk is scored
            for b, uid in zip(bs, us):
                if b + EPS < thr:
                    pos = len(ids)   # no candidate left can reach the limit-th best score
                    break
                if uid not in scored:
                    scored.add(uid)
                    chunk.append(uid)
                    if most is not None and done + len(chunk) >= most:
                        pos = len(ids)
                        break
            if chunk:
                done += len(chunk)
                self.score(chunk)

    def score(self, ids: list[int]) -> None:
        """Score these candidates (all of them) and keep the best. Their texts are read in id
        order (the order of the units' pages: SQLite reads each page once, in sequence)."""
        got, strs = [], []
        for uid, t in self.texts(sorted(ids)):
            got.append(uid)
            strs.append(t)
        self.scored.update(ids)
        self.score_texts(got, strs)

    def score_texts(self, ids: list[int], texts: list[str]) -> None:
        """Score candidates whose texts are known (parallel lists) and keep the best."""
        self.n_scored += len(ids)
        found = [(sc, ids[i]) for i, sc in score_texts(self.query, texts, self.threshold)]
        if found:
            self.best.extend(found)
            self.best.sort(key=lambda p: (-p[0], p[1]))
            if self.limit is not None:
                del self.best[self.limit:]
