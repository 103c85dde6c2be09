"""Fuzzy matching against the memory, CAT-tool style.

The score is :func:`tm.memory.fuzzy.score`: ``100 * (1 - lev / max(len_query, len_unit))``
over characters (Chinese) or words (English) after normalisation.

The fast path is exact: it returns what :func:`match_brute` (a full scan with the
same scorer) returns. It relies on two necessary conditions for a unit of ``m``
tokens to reach the threshold ``s = min_score / 100`` against a query of ``n``:

* length: ``lev >= |n - m|``, so ``s * n <= m <= n / s``;
* shared tokens: ``lev >= max(n, m) - overlap`` (``overlap`` = size of the
  multiset intersection), so ``overlap >= s * max(n, m)``.

The index holds *index tokens* (:func:`tm.memory.fuzzy.grams`): English words, and
Chinese character bigrams, whose count bound follows from the q-gram lemma (an
edit destroys at most two bigrams); see :func:`_need`. Query index tokens are
probed rarest first (document frequency from the index). A unit that contains
none of the tokens probed so far can share only the ``R`` query tokens not yet
probed, so a probe only reads postings of units whose length ``m`` still allows
qualifying with ``R`` shared tokens, and probing stops once no length does. A
count filter follows: a found unit shares at most the probed tokens it holds plus
the tokens never probed (a few more cheap tokens are probed just to count). Every
remaining candidate is scored with the real scorer. When the bound gives
nothing (a one-character query, or ``min_score <= 50`` on Chinese, where the
bigram bound is void) the search falls back to the full scan.
"""

from __future__ import annotations

import json
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter

import sqlite_utils

from tm.memory import fuzzy
from tm.models import Match, TranslationUnit
from tm.memory.index import BUCKETS, UID_BITS
from tm.memory.store import units_by_id

_EPS = 1e-9
_UID = (1 << UID_BITS) - 1


def _qualifies(q, c, s: float, min_score: float) -> float | None:
    """The score of ``c`` against ``q`` if it reaches ``min_score``, else ``None``.

    The one scoring path of both :func:`match` and :func:`match_brute`."""
    if not c:
        return None
    sim = fuzzy.Levenshtein.normalized_similarity(q, c, score_cutoff=max(s - _EPS, 0.0))
    sc = 100.0 * sim
    return sc if sc + _EPS >= min_score and sim > 0 else None


def _top(scored: list[tuple[float, int]], db, limit: int) -> list[Match]:
    scored.sort(key=lambda p: (-p[0], p[1]))
    best = scored[:limit]
    units = units_by_id(db, [uid for _, uid in best])
    return [Match(unit=units[uid], score=sc) for sc, uid in best if uid in units]


def _check(text: str, source: str | None, min_score: float, limit: int):
    source = source or fuzzy.detect_lang(text)
    if source not in ("zh", "en"):
        raise ValueError("source must be 'zh' or 'en'")
    if not 0 <= min_score <= 100 or limit < 0:
        raise ValueError("min_score must be in [0, 100] and limit >= 0")
    return source


def _need(source: str, s: float):
    """Minimum number of shared index tokens for a unit to reach ``s`` when the longer
    of query and unit has ``L`` tokens.

    en (words): ``lev >= L - overlap``, so ``overlap >= ceil(s * L)``.
    zh (character bigrams): at most ``k = floor((1 - s) * L)`` edits are allowed and
    each edit destroys at most 2 bigrams (the q-gram lemma), so at least
    ``L - 1 - 2 * k`` bigrams are shared.
    """
    if source == "zh":
        return lambda L: L - 1 - 2 * math.floor((1 - s) * L + _EPS)
    return lambda L: math.ceil(s * L - _EPS)


def candidates(db: sqlite_utils.Database, qt, source: str, s: float) -> set[int] | None:
    """Ids of every unit that may score at least ``s`` (a fraction) against tokens ``qt``,
    or ``None`` if the index cannot narrow the search (a full scan is needed)."""
    n = len(qt)
    need = _need(source, s)
    lo = max(1, math.ceil(s * n - _EPS))
    hi = math.floor(n / s + _EPS)
    needs = {m: need(max(n, m)) for m in range(lo, hi + 1)}
    if min(needs.values()) <= 0:
        return None
    counts = Counter(fuzzy.gram_ids(qt, source))
    df = posting_counts(db, counts)
    order = sorted(counts, key=lambda t: (df.get(t, 0), t))
    postings = Postings(db)
    found: set[int] = set()  # codes (length << UID_BITS | unit) of the units that may qualify
    seen: list[tuple[int, array]] = []  # (query multiplicity, codes in the length range) of each probe
    remaining = sum(counts.values())  # shared tokens still possible for a unit containing no probed one
    budget = None
    for tok in order:
        allowed = _intervals(m for m, k in needs.items() if k <= remaining)
        if budget is None and not allowed:
            # every unit that can qualify is found; probe further (cheap) tokens only to count
            budget = 20 * len(found) + 20000
        if budget is not None:
            budget -= df.get(tok, 0)
            if budget < 0:
                break
        w = counts[tok]
        for codes in postings(tok, frequent=tok in df):
            i, j = bisect_left(codes, lo << UID_BITS), bisect_left(codes, (hi + 1) << UID_BITS)
            if i == j:
                continue
            in_range = codes[i:j]
            seen.append((w, in_range))
            for a, b in allowed:
                a, b = bisect_left(in_range, a << UID_BITS), bisect_left(in_range, (b + 1) << UID_BITS)
                if a < b:
                    found.update(in_range[a:b])
        remaining -= w
    if not found:
        return set()
    # count filter: a unit shares at most the probed tokens it holds plus the tokens never probed
    first, last = min(found), max(found)
    hits: Counter[int] = Counter()
    for w, codes in seen:
        common = found.intersection(codes[bisect_left(codes, first):bisect_right(codes, last)])
        if w == 1:
            hits.update(common)
        else:
            for c in common:
                hits[c] += w
    return {c & _UID for c in found if hits[c] + remaining >= needs[c >> UID_BITS]}


def _intervals(lengths) -> list[tuple[int, int]]:
    """Sorted lengths as maximal ``(first, last)`` runs of consecutive values."""
    out: list[list[int]] = []
    for m in sorted(lengths):
        if out and out[-1][1] == m - 1:
            out[-1][1] = m
        else:
            out.append([m, m])
    return [(a, b) for a, b in out]


def posting_counts(db: sqlite_utils.Database, tokens) -> dict[int, int]:
    """Postings of each index token id in the frequent tier (tokens only ever rare are left out)."""
    sql = ("SELECT token, sum(n) FROM match_postings "
           "WHERE token IN (SELECT value FROM json_each(?)) GROUP BY token")
    return dict(db.conn.execute(sql, [json.dumps(list(tokens))]))


class Postings:
    """Reads the posting codes (``length << 40 | unit_id``, ascending) of index tokens; caches rare buckets."""

    def __init__(self, db: sqlite_utils.Database):
        self.conn = db.conn
        self.buckets: dict[int, list[tuple[array, array]]] = {}

    def __call__(self, token: int, *, frequent: bool = True):
        if frequent:
            for (blob,) in self.conn.execute("SELECT codes FROM match_postings WHERE token = ?", [token]):
                codes = array("Q")
                codes.frombytes(blob)
                yield codes
        bucket = token % BUCKETS
        runs = self.buckets.get(bucket)
        if runs is None:
            runs = self.buckets[bucket] = []
            for tblob, cblob in self.conn.execute("SELECT tokens, codes FROM match_rare WHERE bucket = ?", [bucket]):
                toks, codes = array("Q"), array("Q")
                toks.frombytes(tblob)
                codes.frombytes(cblob)
                runs.append((toks, codes))
        for toks, codes in runs:
            i = bisect_left(toks, token)
            if i < len(toks) and toks[i] == token:
                yield array("Q", sorted(codes[i:bisect_right(toks, token, i)]))


def match(db: sqlite_utils.Database, text: str, *, source: str | None = None, min_score: float = 70.0,
          limit: int = 5) -> list[Match]:
    """Units whose ``source`` side (``zh``/``en``; detected from ``text`` when ``None``)
    scores at least ``min_score`` against ``text``; best first, ties by unit id."""
    source = _check(text, source, min_score, limit)
    qt = fuzzy.tokens(text, source)
    if not qt or limit == 0:
        return []
    s = min_score / 100.0
    if s <= 0:
        return match_brute(db, text, source=source, min_score=min_score, limit=limit)
    ids = candidates(db, qt, source, s)
    if ids is None:
        return match_brute(db, text, source=source, min_score=min_score, limit=limit)
    scored = []
    sql = f"SELECT u.id, u.{source} FROM json_each(?) j JOIN units u ON u.id = j.value WHERE u.zh != '' AND u.en != ''"
    ids_list = sorted(ids)
    for k in range(0, len(ids_list), 20000):
        for uid, t in db.conn.execute(sql, [json.dumps(ids_list[k:k + 20000])]):
            sc = _qualifies(qt, fuzzy.tokens(t, source), s, min_score)
            if sc is not None:
                scored.append((sc, uid))
    return _top(scored, db, limit)


def match_brute(db: sqlite_utils.Database, text: str, *, source: str | None = None, min_score: float = 70.0,
                limit: int = 5) -> list[Match]:
    """The reference: score every two-sided unit. Same results as :func:`match`, slowly."""
    source = _check(text, source, min_score, limit)
    qt = fuzzy.tokens(text, source)
    if not qt or limit == 0:
        return []
    s = min_score / 100.0
    scored = []
    for uid, t in db.conn.execute(f"SELECT id, {source} FROM units WHERE zh != '' AND en != ''"):
        ct = fuzzy.tokens(t, source)
        if s <= 0:
            scored.append((fuzzy.score(qt, ct), uid))
            continue
        sc = _qualifies(qt, ct, s, min_score)
        if sc is not None:
            scored.append((sc, uid))
    return _top(scored, db, limit)


def highlight(query: str, text: str, lang: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each flagged ``True`` where it differs from ``query``.

    Joining the pieces gives back ``text``. The comparison uses the match tokens
    (characters for ``zh``, words for ``en``), so what is flagged is what the score counts.
    """
    spans = _token_spans(text, lang)
    qt = list(fuzzy.tokens(query, lang))
    ct = [tok for tok, _, _ in spans]
    changed = [False] * len(spans)
    for tag, _a0, _a1, b0, b1 in fuzzy.opcodes(qt, ct):
        if tag != "equal":
            for i in range(b0, b1):
                changed[i] = True
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for (_, start, end), flag in zip(spans, changed):
        if start > pos:
            _add(pieces, text[pos:start], False)
        _add(pieces, text[start:end], flag)
        pos = end
    if pos < len(text):
        _add(pieces, text[pos:], False)
    return pieces


def _add(pieces: list, piece: str, flag: bool) -> None:
    if pieces and pieces[-1][1] == flag:
        pieces[-1] = (pieces[-1][0] + piece, flag)
    else:
        pieces.append((piece, flag))


def _token_spans(text: str, lang: str) -> list[tuple[str, int, int]]:
    if lang == "zh":
        out = []
        for i, ch in enumerate(text):
            for tok in fuzzy.tokens(ch, "zh"):
                out.append((tok, i, i + 1))
        return out
    return [(fuzzy.normalize(m.group()), m.start(), m.end()) for m in fuzzy.WORD.finditer(text)]


__all__ = ["match", "match_brute", "candidates", "highlight", "Match", "TranslationUnit"]
