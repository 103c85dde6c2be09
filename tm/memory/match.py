"""Fuzzy matching against the memory, CAT-tool style.

The score is :func:`tm.memory.fuzzy.score`: ``100 * (1 - lev / max(len_query, len_unit))``
over characters (Chinese) or words (English) after normalisation, inline codes left out,
less :func:`tm.memory.fuzzy.code_penalty` when the codes of the query and the unit differ.

The fast path is exact: it returns what :func:`match_brute` (a full scan with the
same scorer) returns, ties by unit id included. Two parts:

* :func:`probe` (this module: it reads the SQLite index) finds every unit that may
  reach the current threshold and gives each an upper bound of its score
  (:func:`tm.memory.topk.bound`: length, and shared index tokens: English words,
  Chinese character bigrams by the q-gram lemma). Query index tokens are probed
  rarest first; a probe reads only the unit lengths that can still qualify without the
  tokens already probed (a slice of each stored posting blob), and probing stops once
  none can. A few more cheap tokens are then read only to count, which tightens the
  bounds of the units found.
* :class:`tm.memory.topk.TopK` (no SQL) scores candidates in order of their bound,
  in C, and stops when the ``limit``-th best score beats the next bound; the
  threshold it reaches (the ``limit``-th best score) also cuts the probing short.

Where a query's tokens have many postings (repetitive memories: a Chinese query can
read millions), :func:`_probe_arrays` does the same counting with numpy in a process that
has loaded it, and :func:`_probe_bitmaps` with compressed bitmaps in one that has not (a
one-shot ``tm match``: numpy's import would cost it ~50 ms).

When the bound gives nothing (a one-character query, or ``min_score <= 50`` on
Chinese, where the bigram bound is void) every unit is scored (in C, in chunks).
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate, compress, islice, repeat, takewhile
from operator import lt

from typing import TYPE_CHECKING

from tm.memory import fuzzy, topk
from tm.memory.shared import id_array, no_gc
from tm.memory.index import CHUNK, UID_BITS, bitmaps_of, bucket, codes_of, codes_of_bitmap_rows, codes_of_bitmaps, form

if TYPE_CHECKING:
    from tm.models import Match

_EPS = 1e-9
_UID = (1 << UID_BITS) - 1


def _qualifies(q, c, min_score: float, penalty: float = 0.0) -> float | None:
    """The score of ``c`` against ``q`` less ``penalty`` (inline codes) if it reaches ``min_score``,
    else ``None`` (the reference: no score cutoff passed to RapidFuzz, whose cutoff drops scores
    exactly at it)."""
    sc = fuzzy.score(q, c)
    if sc > 0 and penalty:
        sc -= penalty
    return sc if sc > 0 and sc + _EPS >= min_score else None


def _top(scored: list[tuple[float, int]], db, limit: int) -> list[Match]:
    scored.sort(key=lambda p: (-p[0], p[1]))
    return _matches(db, scored[:limit])


def _matches(db, best: list[tuple[float, int]]) -> list[Match]:
    """``(score, unit id)`` pairs as :class:`~tm.models.Match` es (units deleted since: left out)."""
    if not best:
        return []
    from tm.memory.store import units_by_id   # here: match_ids needs neither the store nor tm.models
    from tm.models import Match
    units = units_by_id(db, [uid for _, uid in best])
    return [Match(unit=units[uid], score=sc) for sc, uid in best if uid in units]


def _check(text: str, source: str | None, min_score: float, limit: int):
    source = source or fuzzy.detect_lang(text)
    if source not in ("zh", "en"):
        raise ValueError("source must be 'zh' or 'en'")
    if not 0 <= min_score <= 100 or limit < 0:
        raise ValueError("min_score must be in [0, 100] and limit >= 0")
    return source


def _lengths(n: int, s: float) -> range:
    """Unit lengths that can reach ``s`` against ``n`` query tokens: ``s * n <= m <= n / s``."""
    return range(max(1, math.ceil(s * n - _EPS)), math.floor(n / s + _EPS) + 1)


def _bounds(n: int, lengths: range, total: int, source: str):
    """``bound(m, x)``: :func:`topk.bound` of a query of ``n`` tokens (weighing ``total``) against
    a unit of length ``m`` sharing ``x`` tokens, each computed once; ``needs(thr)``: per length,
    the fewest shared tokens whose bound reaches ``thr`` (``total + 1``: none)."""
    memo: dict[int, float] = {}

    def bound(m: int, x: int) -> float:
        x = min(x, total)   # stale postings (a unit indexed again) count twice: more than the query has
        key = m * (total + 1) + x
        b = memo.get(key)
        if b is None:
            b = memo[key] = topk.bound(n, m, x, source)
        return b

    def needs(thr: float) -> dict[int, int]:
        out = {}
        for m in lengths:
            lo, hi = 0, total + 1
            while lo < hi:   # the bound grows with x
                mid = (lo + hi) // 2
                if bound(m, mid) + topk.EPS >= thr:
                    hi = mid
                else:
                    lo = mid + 1
            out[m] = lo
        return out

    return bound, needs


def probe(postings, df: dict[int, int], qt, source: str, top: topk.TopK, *,
          count_factor: int | None = None, raise_n: int | None = None,
          bitmaps_from: int | None = None) -> bool:
    """Offer ``top`` every unit that may score at least its threshold against tokens ``qt``,
    each with an upper bound of its score; ``False`` if the index cannot narrow the search
    (a full scan is needed).

    Index tokens are probed rarest first (``df``: postings per token). For each unit
    length ``m``, ``unknown[m]`` is the weight (query multiplicity) of the tokens whose
    postings were not read for that length: a unit of length ``m`` holding ``h`` of the
    tokens read shares at most ``h + unknown[m]`` tokens, so :func:`topk.bound` of that is
    an upper bound of its score. *Find*: before a probe, a unit not found yet shares at
    most the ``R`` tokens not probed yet, so the probe reads only the lengths whose bound
    with ``R`` still reaches ``top.threshold``; probing stops once none does: every unit
    that can qualify has then been found. The threshold rises as candidates are scored
    (the ``limit``-th best score found; the units with most hits are scored before an
    expensive probe), so a query with good matches stops early. *Count*: a few more cheap
    tokens are read for the lengths of the units still viable, only to tighten their
    bounds (reading a posting costs far less than scoring a unit). The units are kept in
    sets by slack (how many more tokens each may lack), moved between them with set
    operations; a token's postings are scanned, or the units looked up in them by binary
    search where they are far fewer (:data:`LOOKUP_COST`); the best placed are scored
    whenever many have fallen out, to raise the threshold.

    ``raise_n``: how many units (those with most hits) are scored before an expensive probe
    (default :data:`RAISE_N`; 0: none, the threshold rises only as the candidates are scored).

    ``postings(token, spans, ahead, holding)`` yields the codes (``length << 40 | id``) of a token's
    units whose length is in one of ``spans`` (``(lo, hi)`` runs), ascending, as sequences of
    ints; ``ahead`` is the tokens the probe may ask for next (:class:`_Ahead`: a reader reads
    ahead no others; default: any); ``holding``, when given, the codes the probe looks up in
    them (a count): codes of other units may be left out; ``runs=True``: a part may come
    as ``(length, BitMap of unit ids)`` instead (a row in the bitmaps form,
    :func:`tm.memory.index.bitmaps_of`), for :func:`_ids`.
    """
    n = len(qt)
    lengths = _lengths(n, top.min_score / 100.0)
    counts = Counter(fuzzy.occurrence_ids(qt, source))
    total = sum(counts.values())
    # the index narrows nothing where a unit sharing no index token can still qualify
    if any(topk.bound(n, m, 0, source) + topk.EPS >= top.min_score for m in lengths):
        return False
    counter = _counter(df, counts, n, source, top.min_score, BITMAPS_FROM if bitmaps_from is None else bitmaps_from)
    if counter is not None:
        counter(postings, df, counts, n, lengths, source, top,
                COUNT_FACTOR if count_factor is None else count_factor, raise_n)
        return True
    bound, needs = _bounds(n, lengths, total, source)

    order = sorted(counts, key=lambda t: (df.get(t, 0), t))
    ahead = _Ahead(order, counts)
    remaining = total                          # weight of the tokens not probed yet
    unknown = dict.fromkeys(lengths, total)    # per length: weight of the tokens not read for it
    hits: Counter[int] = Counter()
    raised = 0
    rn = RAISE_N if raise_n is None else raise_n
    k = 0
    thr = top.threshold
    need = needs(thr)
    # 1. find: every unit that may reach the threshold
    for k, tok in enumerate(order):
        if top.threshold != thr:
            thr = top.threshold
            need = needs(thr)
        allowed = [m for m in lengths if need[m] <= remaining]
        if allowed and hits and rn and df.get(tok, 0) > RAISE_DF and len(hits) >= 2 * raised:
            # before an expensive probe: score the units with most hits so far, to raise the threshold
            raised = len(hits)
            top.offer([(100.0, c & _UID) for c, _ in hits.most_common(rn)])
            if top.threshold != thr:
                thr = top.threshold
                need = needs(thr)
                allowed = [m for m in allowed if need[m] <= remaining]
        if not allowed:
            break
        w = counts[tok]
        for codes in postings(tok, _intervals(allowed), ahead(k, remaining, min(need.values()))):
            for _ in range(w):
                hits.update(codes)
        remaining -= w
        for m in allowed:
            unknown[m] -= w
    else:
        k = len(order)

    # 2. count: read a few more (cheap) tokens for the lengths of the units still viable
    if top.threshold != thr:
        thr = top.threshold
        need = needs(thr)
    # A unit's slack: its hits + unknown tokens - the need of its length; below 0 it cannot
    # qualify. Reading a token for a unit's length leaves the slack of a unit holding it as it
    # is (a hit more, an unknown token less) and takes the token's weight off the others', so
    # units are kept in sets by slack and moved between them with set operations (in C).
    levels: dict[int, set[int]] = {}
    multi = set()
    for c, h in compress(hits.items(), map(lt, repeat(1), hits.values())):   # found more than once
        multi.add(c)
        s = h + unknown[c >> UID_BITS] - need[c >> UID_BITS]
        if s >= 0:
            lv = levels.get(s)
            if lv is None:
                levels[s] = {c}
            else:
                lv.add(c)
    viable = set().union(*levels.values())
    # A unit found once (most of them) has slack 0 where its length's unknown tokens are one
    # short of its need, else less (a length is no longer read once its need exceeds the tokens
    # left): it stays only if it holds the next token read, so these are not listed one by
    # one. ``once``: the lengths where they have slack 0; None once they are listed.
    active = [m for m in lengths if unknown[m] < total]   # the lengths of the units found
    once = [m for m in active if unknown[m] - need[m] == -1] or None
    found_once = len(hits) - len(multi)

    def listed(zero: set[int]) -> None:
        """Put the units found once among ``zero`` at slack 0 (those of the lengths in ``once``)."""
        nonlocal once
        if len(once) < len(active):
            keep = set(once)
            zero = {c for c in zero if c >> UID_BITS in keep}
        if zero:
            levels[0] = levels.get(0, set()) | zero
            viable.update(zero)
        once = None

    if k < len(order) and (viable or once):
        spent = 0
        size_v = len(viable) + (found_once if once else 0)
        listed_v = size_v
        raised = 0
        for tok in order[k:]:
            if rn and size_v > rn and levels and (not raised or size_v * 4 < raised):
                raised = size_v
                # score the best placed units not scored yet, to raise the threshold
                best = []
                done = top.scored
                for s in sorted(levels, reverse=True):
                    best.extend(uid for uid in (c & _UID for c in levels[s]) if uid not in done)
                    if len(best) >= rn:
                        break
                top.offer([(100.0, uid) for uid in best[:rn]])
                if top.threshold != thr:
                    thr = top.threshold
                    old, need = need, needs(thr)
                    levels = _shift(levels, {m: old[m] - need[m] for m in active})
                    viable = set().union(*levels.values())
                    if once:
                        once = [m for m in once if unknown[m] - need[m] == -1] or None
                    size_v = len(viable) + (found_once if once else 0)
                    if not size_v:
                        break
            if not once and size_v * 2 <= listed_v:
                listed_v = size_v
                active = sorted({c >> UID_BITS for c in viable})
            w = counts[tok]
            slices = [codes for codes in postings(tok, _intervals(active)) if len(codes)]
            size = sum(map(len, slices))
            cost = min(size, LOOKUP_COST * size_v)
            spent += cost + FETCH_COST * size
            if spent > COUNT_BUDGET + COUNT_PER_UNIT * size_v:
                break
            if cost < size and not once:   # look the units up in the token's postings (binary search)
                common = _lookup(sorted(viable), slices)
            else:
                common = set()
                within = hits.keys() if once else viable
                for codes in slices:
                    common |= within & codes if once else within.intersection(codes)
            moved: dict[int, set[int]] = {}
            for s, lv in levels.items():
                keep = lv & common
                lv -= keep              # the units of this slack that lack the token
                for t, part in ((s, keep), (s - w, lv)):
                    if not part:
                        continue
                    if t < 0:
                        viable -= part
                    elif t in moved:
                        moved[t] |= part
                    else:
                        moved[t] = part
            levels = moved
            if once:   # the units found once that hold the token keep their slack 0
                listed(common - multi)
            size_v = len(viable)
            if not viable:
                break
    if once:
        listed({c for c, h in hits.items() if h == 1})
    top.offer([(bound(c >> UID_BITS, s + need[c >> UID_BITS]), c & _UID) for s, lv in levels.items() for c in lv])
    return True


# A query whose index tokens have more postings than this is counted with numpy where numpy
# is loaded (a server, a library user). Where it is not (a one-shot command), a query whose
# find phase alone may read more than BITMAPS_FROM postings is counted with bitmaps
# (_probe_bitmaps); importing numpy would cost 60-90 ms CPU (~250M instructions), pyroaring
# ~2 ms. Until session 16 that query was counted with numpy from a find cost of 300,000 (and
# with Python sets below). Session 17, whole `tm match` processes (callgrind) on the
# 1,000,000-unit stress memory, seed 11's 20 queries with a find cost of 146,000-296,000, sets
# against bitmaps: from 230,000 up 8 of 12 cost fewer instructions with bitmaps (-5M to -245M;
# the dearest, 0.93G and 0.90G with sets, 0.73G and 0.66G), 4 more (+7M to +121M), -62M a
# query on average; from 146,000 to 217,000 two fewer and two more (+100M, +149M), so the cut
# is not lower. Seed 12, 230,000-296,000: 7 of 8 fewer, one more (+63M), -155M on average. With numpy loaded its count costs fewer instructions than the bitmaps' (they
# spend most of theirs building a bitmap of each posting slice), so a server keeps numpy.
NUMPY_FROM = 20_000
BITMAPS_FROM = 230_000
# ... on a server that has not loaded numpy, where the Python path's count (COUNT_PER_UNIT) scores
# more units than the arrays' or bitmaps' (COUNT_FACTOR_SERVER then; the bitmaps' count has
# COUNT_FACTOR_SERVER_BITMAPS since session 33), each a row read over the connection: left where
# numpy's was (not measured at 10,000,000 units).
BITMAPS_FROM_SERVER = 150_000


def _counter(df: dict[int, int], counts: Counter, n: int, source: str, min_score: float, bitmaps_from: int):
    """How a query whose tokens have many postings is counted (``None``: few, with Python sets
    in :func:`probe`): with numpy in a process that has loaded it (a server, a library user)
    past :data:`NUMPY_FROM` postings; else (a one-shot command) with bitmaps, whose import costs
    next to nothing, past a find cost of ``bitmaps_from``."""
    if "numpy" in sys.modules:
        return _probe_arrays if sum(df.get(t, 0) for t in counts) > NUMPY_FROM else None
    return _probe_bitmaps if _find_cost(df, counts, n, source, min_score) > bitmaps_from else None


def _find_cost(df: dict[int, int], counts: Counter, n: int, source: str, min_score: float) -> int:
    """About the postings the find phase reads at most: those of the rarest tokens, until the
    tokens left weigh less than the fewest shared tokens a unit needs at ``min_score`` (a unit
    of the query's own length needs the fewest). Only a cost estimate: results do not depend on it."""
    total = sum(counts.values())
    fewest = next((x for x in range(total + 1) if topk.bound(n, n, x, source) + topk.EPS >= min_score), total + 1)
    cost, remaining = 0, total
    for tok in sorted(counts, key=lambda t: (df.get(t, 0), t)):
        if remaining < fewest:
            break
        cost += df.get(tok, 0)
        remaining -= counts[tok]
    return cost


def _probe_arrays(postings, df: dict[int, int], counts: Counter, n: int, lengths: range, source: str,
                  top: topk.TopK, count_factor: int = 50, raise_n: int | None = None) -> None:
    """:func:`probe` for queries whose tokens have many postings: the same find and count
    phases, counted with numpy (sorted merges and binary searches over the posting arrays
    rather than one Python object per posting), and the candidates handed to ``top`` in
    order of their bound (:meth:`tm.memory.topk.TopK.offer_sorted`).

    *Find*: tokens rarest first, each read for the lengths that can still reach the
    threshold without the tokens already read, until none can. *Count*: the units found,
    with their hits, are kept only while ``hits + unknown`` can still reach the threshold;
    further tokens are read for their lengths only and looked up in them, as long as the
    postings read stay within a few times the units left (a unit scored costs more than
    reading a few hundred postings), the threshold raised by scoring the best-placed units
    as it goes.
    """
    _count(_Arrays(n, lengths, sum(counts.values()), source), postings, df, counts, top, count_factor, raise_n)


class _Wide(Exception):
    """A unit id past what the bitmaps hold (:data:`BITMAP_IDS`)."""


BITMAP_IDS = 1 << 32   # the bitmaps hold unit ids below this (32-bit); a memory with larger ones is counted with numpy


def _probe_bitmaps(postings, df: dict[int, int], counts: Counter, n: int, lengths: range, source: str,
                   top: topk.TopK, count_factor: int = 50, raise_n: int | None = None) -> None:
    """:func:`_probe_arrays` counted in compressed bitmaps of unit ids (pyroaring, CRoaring's
    32-bit bitmaps: their import costs a process ~2 ms where numpy's costs ~50 ms). The same
    find and count phases, raise and stop rules (a raise's ties: the lowest ids); the units found are kept in one bitmap per
    number of hits (most units of a memory that repeats itself are found: the bitmaps are
    dense, a bit per unit), and a token read moves the units holding it up by its weight (an
    intersection and two set operations per level, in C). Each length's units are a bitmap
    too (``of_length``), for the lengths' needs and bounds.

    Keyed by unit id, a unit whose postings are stale under another length (edited, not yet
    re-indexed) is one unit holding the tokens of both; it stays while either length can
    still reach the threshold and is offered under each: still an upper bound of its score.
    A unit id of :data:`BITMAP_IDS` or more: counted with :func:`_probe_arrays` instead."""
    try:
        _count(_Bitmaps(n, lengths, sum(counts.values()), source), postings, df, counts, top, count_factor,
               raise_n)
    except _Wide:
        _probe_arrays(postings, df, counts, n, lengths, source, top, count_factor, raise_n)


def _count(c, postings, df: dict[int, int], counts: Counter, top: topk.TopK, count_factor: int,
           raise_n: int | None) -> None:
    """The find and count phases of :func:`_probe_arrays` and :func:`_probe_bitmaps`, one loop
    over the counter ``c`` (:class:`_Arrays`, :class:`_Bitmaps`) that keeps the units found
    with their hits, and per length ``unknown`` (the weight of the tokens not read for it) and
    ``need`` (the fewest shared tokens whose bound reaches the threshold)."""
    raise_n = RAISE_N if raise_n is None else raise_n
    order = sorted(counts, key=lambda t: (df.get(t, 0), t))
    ahead = _Ahead(order, counts)
    remaining = c.total
    size = raised = 0        # postings read in the find phase; their number at the last raise
    k = len(order)
    for i, tok in enumerate(order):
        allowed = c.allowed(top, remaining)
        if allowed is not None and size and raise_n and df.get(tok, 0) > RAISE_DF and size >= 2 * raised:
            # before an expensive probe: score the units with most hits so far, to raise the threshold
            raised = size
            top.offer([(100.0, uid) for uid in c.most(raise_n)])
            allowed = c.allowed(top, remaining, allowed)
        if allowed is None:
            k = i
            break
        w = counts[tok]
        size += c.found(postings, tok, allowed, w, ahead(i, remaining, c.least()))
        remaining -= w
    if not c.counting():
        return
    size = raised = c.viable(top)
    for j in range(k, len(order)):
        tok = order[j]
        most = count_factor * size + COUNT_BUDGET
        if not size or df.get(tok, 0) > most:
            break
        # a token read only to look the units up in: read ahead only the tokens this loop
        # would read next with as many units left (by the next token fewer may be left: the
        # loop may stop before them), and where the units are fewer than its rows, only the
        # rows that may hold one of them (nothing ahead)
        ahead = set(takewhile(lambda t: df.get(t, 0) <= most, islice(order, j + 1, None)))
        c.counted(postings, tok, counts[tok], size * CHUNK < df.get(tok, 0), ahead)
        size = c.viable(top)
        if raise_n and size > raise_n and size * 4 < raised:
            raised = size   # many units fell out: score the best placed now, to raise the threshold
            top.offer([(100.0, uid) for uid in c.most(raise_n)])
            size = c.viable(top)
    c.offer(top)


class _Arrays:
    """The count of :func:`_probe_arrays`: lengths as positions in a mask, the needs from a
    table of bounds; the find phase's postings kept as ``(codes, weight)`` parts, merged into
    ``codes`` (ascending) and their ``hits`` for the count."""

    __slots__ = ("np", "total", "lo", "table", "reach", "unknown", "parts", "thr", "need", "codes", "hits", "mi")

    def __init__(self, n: int, lengths: range, total: int, source: str):
        import numpy as np

        self.np = np
        self.total = total
        self.lo = lengths.start
        self.table = topk.bound_table(n, lengths, total, source)
        self.reach = self.table + topk.EPS
        self.unknown = np.full(len(lengths), total, dtype=np.int64)
        self.parts: list | None = []   # (codes, weight) read in the find phase
        self.thr = None

    def _need_at(self, thr: float) -> None:
        """Per length, the fewest shared tokens whose bound reaches ``thr`` (``total + 1``: none)."""
        self.thr = thr
        ok = self.reach >= thr
        self.need = self.np.where(ok.any(axis=1), ok.argmax(axis=1), self.total + 1)

    def allowed(self, top: topk.TopK, remaining: int, within=None):
        """The lengths (a mask) that can reach the threshold with ``remaining``, of ``within``
        when given; ``None`` if none."""
        thr = top.threshold
        if thr != self.thr:
            self._need_at(thr)
        elif within is not None:
            return within
        allowed = self.need <= remaining
        if within is not None:
            allowed &= within
        return allowed if allowed.any() else None

    def spans(self, mask) -> list[tuple[int, int]]:
        """The allowed lengths as ``(first, last)`` runs, found by numpy (a long query allows
        thousands of lengths, asked again for each of its tokens)."""
        np = self.np
        at = np.flatnonzero(mask)
        if not len(at):
            return []
        breaks = np.flatnonzero(np.diff(at) != 1)
        firsts = np.concatenate((at[:1], at[breaks + 1])) + self.lo
        lasts = np.concatenate((at[breaks], at[-1:])) + self.lo
        return list(zip(firsts.tolist(), lasts.tolist()))

    def least(self) -> int:
        """The fewest shared tokens any length needs now."""
        return int(self.need.min())

    def found(self, postings, tok: int, allowed, w: int, ahead: _Range) -> int:
        """Read ``tok`` (weight ``w``) for the ``allowed`` lengths, with ``ahead`` the tokens
        that may be read with it: its units found and counted; how many postings it had."""
        np, size, parts = self.np, 0, self.parts
        for got in postings(tok, self.spans(allowed), ahead):
            arr = np.asarray(got, dtype=np.uint64)
            if len(arr):
                parts.append((arr, w))
                size += len(arr)
        self.unknown[allowed] -= w
        return size

    def most(self, k: int) -> list[int]:
        if self.parts is not None:
            self.codes, self.hits = _merge(self.np, self.parts)
            self.parts = [(self.codes, self.hits)]   # merged once: the next merge starts from it
        best = _most(self.np, self.hits, k)
        return [int(c) & _UID for c in self.codes[best]]

    def counting(self) -> bool:
        if not self.parts:
            return False
        np = self.np
        self.codes, self.hits = _merge(np, self.parts)
        self.parts = None
        self.mi = (self.codes >> np.uint64(UID_BITS)).astype(np.int64) - self.lo
        return True

    def viable(self, top: topk.TopK) -> int:
        """Keep the units whose hits and unknown tokens reach the need of their length; how many are left."""
        thr = top.threshold
        if thr != self.thr:
            self._need_at(thr)
        keep = self.hits >= (self.need - self.unknown)[self.mi]
        if not keep.all():
            self.codes, self.hits, self.mi = self.codes[keep], self.hits[keep], self.mi[keep]
        return len(self.codes)

    def counted(self, postings, tok: int, w: int, lookup: bool, ahead: set[int]) -> None:
        np, codes, hits = self.np, self.codes, self.hits
        active = np.zeros(len(self.unknown), dtype=bool)
        active[self.mi] = True
        for got in postings(tok, self.spans(active), ahead, codes.tolist() if lookup else None):
            arr = np.asarray(got, dtype=np.uint64)
            if not len(arr):
                continue
            # the units within the slice's range (a row holds a small part of the codes' range)
            a, b = int(codes.searchsorted(arr[0])), int(codes.searchsorted(arr[-1], "right"))
            if a == b:
                continue
            window = codes[a:b]
            if len(arr) < len(window):   # look the fewer up in the more (both ascending, distinct)
                pos = np.searchsorted(window, arr)
                ok = pos < len(window)
                pos = pos[ok]
                hits[a + pos[window[pos] == arr[ok]]] += w
            else:   # every code of the window is at most arr[-1]: each finds a position in arr
                hits[a:b][arr[np.searchsorted(arr, window)] == window] += w
        self.unknown[active] -= w

    def offer(self, top: topk.TopK) -> None:
        """The units left, best bound first (ties by unit id)."""
        np, codes = self.np, self.codes
        if not len(codes):
            return
        x = np.minimum(self.hits + self.unknown[self.mi], self.total)
        bounds = self.table[self.mi, x]
        ok = bounds + topk.EPS >= top.threshold
        bounds, ids = bounds[ok], (codes[ok] & np.uint64(_UID)).astype(np.int64)
        o = np.lexsort((ids, -bounds))
        top.offer_sorted(bounds[o], ids[o])


class _Bitmaps:
    """The count of :func:`_probe_bitmaps`: lengths as lists, the needs from :func:`_bounds`;
    ``levels`` (hits -> the ids of the units found with that many), ``seen`` (the units found)
    and, per length, the ids found with a posting of it (``pieces`` in the find phase,
    ``of_length`` for the count)."""

    __slots__ = ("BitMap", "total", "lengths", "bound", "needs", "unknown", "levels", "seen", "pieces", "thr", "need",
                 "of_length", "active")

    def __init__(self, n: int, lengths: range, total: int, source: str):
        from pyroaring import BitMap

        self.BitMap = BitMap
        self.total = total
        self.lengths = lengths
        self.bound, self.needs = _bounds(n, lengths, total, source)
        self.unknown = dict.fromkeys(lengths, total)
        self.levels: dict[int, BitMap] = {}
        self.seen = BitMap()
        self.pieces: dict[int, list] = {}
        self.thr = None

    def _need_at(self, thr: float) -> None:
        self.thr = thr
        self.need = self.needs(thr)

    def allowed(self, top: topk.TopK, remaining: int, within=None):
        """The lengths that can reach the threshold with ``remaining``, of ``within`` when
        given; ``None`` if none."""
        thr = top.threshold
        if thr != self.thr:
            self._need_at(thr)
        elif within is not None:
            return within
        need = self.need
        allowed = [m for m in (self.lengths if within is None else within) if need[m] <= remaining]
        return allowed or None

    def least(self) -> int:
        """The fewest shared tokens any length needs now."""
        return min(self.need.values())

    def found(self, postings, tok: int, allowed: list[int], w: int, ahead: _Range) -> int:
        """Read ``tok`` (weight ``w``) for the ``allowed`` lengths, with ``ahead`` the tokens
        that may be read with it: its units found and counted; how many postings it had."""
        got, read = _ids(self.BitMap, postings(tok, _intervals(allowed), ahead, runs=True),
                         self.pieces)
        _add_hits(self.levels, got, w, self.seen)
        unknown = self.unknown
        for m in allowed:
            unknown[m] -= w
        return read

    def most(self, k: int) -> list[int]:
        return _most_bits(self.levels, k)

    def counting(self) -> bool:
        if not self.levels:
            return False
        BitMap = self.BitMap
        self.of_length = {m: BitMap.union(*ps) if len(ps) > 1 else ps[0] for m, ps in sorted(self.pieces.items())}
        self.pieces = None
        # the lengths that may still hold a unit of levels (every length of each, a unit with
        # stale postings having two): units only leave levels, so a length once found without
        # one is not looked at again (counted)
        self.active = list(self.of_length)
        return True

    def viable(self, top: topk.TopK) -> int:
        """Keep the units some length of which lets their hits and unknown tokens reach its need;
        how many are left."""
        thr = top.threshold
        if thr != self.thr:
            self._need_at(thr)
        levels = self.levels
        of_length = self.of_length
        need = self.need
        unknown = self.unknown
        # per length, the fewest hits that let a unit of it stay, in order: each level keeps
        # the units of the lengths up to its hits (added to keep as the levels rise)
        short = sorted((need[m] - unknown[m], m) for m in self.active)
        most = short[-1][0] if short else 0
        keep, j = None, 0
        for h in sorted(levels):
            if most <= h:
                break   # every length lets this level and those above stay
            more = []
            while short[j][0] <= h:
                more.append(of_length[short[j][1]])
                j += 1
            if more:
                keep = self.BitMap.union(keep, *more) if keep is not None else self.BitMap.union(*more)
            if keep is None:
                del levels[h]
            else:
                lv = levels[h]
                lv &= keep
                if not lv:
                    del levels[h]
        return sum(map(len, levels.values()))

    def counted(self, postings, tok: int, w: int, lookup: bool, ahead: set[int]) -> None:
        levels, of_length = self.levels, self.of_length
        units = self.BitMap.union(*levels.values()) if len(levels) > 1 else next(iter(levels.values()))
        active = self.active = [m for m in self.active if of_length[m].intersect(units)]
        holding = [(m << UID_BITS) | uid for m in active for uid in of_length[m] & units] if lookup else None
        got, _ = _ids(self.BitMap, postings(tok, _intervals(active), ahead, holding, runs=True))
        got &= units
        _add_hits(levels, got, w)
        unknown = self.unknown
        for m in active:
            unknown[m] -= w

    def offer(self, top: topk.TopK) -> None:
        """The units left, best bound first (ties by unit id); a unit under two lengths at its higher bound."""
        thr, bound, unknown, of_length = top.threshold, self.bound, self.unknown, self.of_length
        groups: dict[float, list] = {}
        for h, lv in self.levels.items():
            for m in self.active:
                bd = bound(m, h + unknown[m])
                if bd + topk.EPS >= thr:
                    part = lv & of_length[m]
                    if part:
                        groups.setdefault(bd, []).append(part)
        # one sequence, as _Arrays.offer gives: scored in chunks that grow across the bounds, so
        # a tail of many small groups costs a few reads of texts, not one each (on a server,
        # each a round trip: the stress memory's heavy queries read them in 50–60)
        bounds, ids = array("d"), array("I")
        for bd in sorted(groups, reverse=True):
            part = groups[bd][0] if len(groups[bd]) == 1 else self.BitMap.union(*groups[bd])
            bounds.extend(array("d", [bd]) * len(part))
            ids.extend(part.to_array())
        top.offer_sorted(bounds, ids)


def _ids(cls, slices, pieces: dict | None = None) -> tuple:
    """The unit ids of the codes of ``slices`` (ascending runs: memoryviews of ``Q`` or lists, or
    ``(length, bitmap of ids)`` as a row in the bitmaps form holds them, taken as they are) as
    one bitmap of ``cls``, and how many codes they held; with ``pieces``, each length's ids
    appended to ``pieces[length]`` too (never changed after: a row's bitmaps are the reader's
    own). :class:`_Wide` if an id is not below :data:`BITMAP_IDS`."""
    parts, read = [], 0
    for codes in slices:
        if type(codes) is tuple:
            m, part = codes
            read += len(part)
            parts.append(part)
            if pieces is not None:
                pieces.setdefault(m, []).append(part)
            continue
        n = len(codes)
        if not n:
            continue
        read += n
        if not isinstance(codes, memoryview):
            codes = memoryview(array("Q", codes))
        # a code's low and high 32 bits, the low first (little-endian): its unit id, its length
        words = codes.cast("B").cast("I") if sys.byteorder == "little" else None
        a, last = 0, codes[n - 1] >> UID_BITS
        while a < n:
            m = codes[a] >> UID_BITS
            b = n if m == last else bisect_left(codes, (m + 1) << UID_BITS, a)
            if codes[b - 1] & _UID >= BITMAP_IDS:   # ids ascend within a length
                raise _Wide
            ids = array("I")
            if words is not None:
                ids.frombytes(words[2 * a:2 * b:2].tobytes())
            else:
                ids.extend(c & _UID for c in codes[a:b])
            part = cls(ids, optimize=False)
            parts.append(part)
            if pieces is not None:
                pieces.setdefault(m, []).append(part)
            a = b
    if not parts:
        return cls(), 0
    return (cls.union(*parts) if len(parts) > 1 else parts[0].copy()), read


def _add_hits(levels: dict, got, w: int, seen=None) -> None:
    """Move the units of ``levels`` (hits -> bitmap of units) held in ``got`` up by ``w`` hits;
    given ``seen`` (every unit of ``levels``), put the units of ``got`` not seen at ``w``
    and add them to ``seen``."""
    fresh = got - seen if seen is not None else None
    for h in sorted(levels, reverse=True):   # a level moved up into is not met again
        lv = levels[h]
        both = lv & got
        if not both:
            continue
        lv -= both
        if not lv:
            del levels[h]
        up = levels.get(h + w)
        if up is None:
            levels[h + w] = both
        else:
            up |= both
    if fresh:
        seen |= fresh
        if w in levels:
            levels[w] |= fresh
        else:
            levels[w] = fresh


def _most_bits(levels: dict, k: int) -> list[int]:
    """The ``k`` units of ``levels`` with most hits, ties the lowest ids."""
    out: list[int] = []
    for h in sorted(levels, reverse=True):
        if len(out) >= k:
            break
        lv = levels[h]
        out.extend(lv if len(out) + len(lv) <= k else islice(lv, k - len(out)))
    return out


def _holding_rows(rows: list[tuple[int, int | None, int | None]], codes) -> list[int]:
    """The ids of ``rows`` (``(id, lo, hi)``) whose range takes in one of ``codes`` (ascending
    ints), and of those without one."""
    n = len(codes)
    ranged = []
    for rid, lo, hi in rows:
        if lo is not None:
            i = bisect_left(codes, lo)
            if i < n and codes[i] <= hi:
                ranged.append(rid)
    return [r[0] for r in rows if r[1] is None] + ranged


class _Ahead:
    """The tokens after ``order[i]`` that a find phase may still read: while the weight of the
    tokens not read reaches ``least`` (the fewest shared tokens any length needs; needs only
    grow as the threshold rises). Built once a probe, asked for each token in O(log n): a walk
    down the order for each token was quadratic in a query's tokens (a 2,000-character query,
    ~1,200 tokens: seconds)."""

    def __init__(self, order: list[int], counts: Counter):
        self.pos = {t: k for k, t in enumerate(order)}
        self.before = list(accumulate((counts[t] for t in order), initial=0))   # weight of order[:k]

    def __call__(self, i: int, remaining: int, least: int) -> "_Range":
        # order[k] (k > i) is read ahead while the weight left before it reaches least:
        # remaining - weight(order[i:k]) >= least
        limit = remaining - least + self.before[i]
        last = min(bisect_right(self.before, limit) - 1, len(self.before) - 2)
        return _Range(self.pos, i + 1, last)


class _Range:
    """Tokens whose place in a probe's order is in ``[first, last]``: ``t in ahead``."""

    __slots__ = ("pos", "first", "last")

    def __init__(self, pos: dict[int, int], first: int, last: int):
        self.pos, self.first, self.last = pos, first, last

    def __contains__(self, t: int) -> bool:
        return self.first <= self.pos.get(t, -1) <= self.last


def _most(np, hits, k: int):
    """The positions of the ``k`` largest ``hits``, ties the first (the set the first ``k`` of a
    stable ``argsort`` of ``-hits`` give, in O(n): the units a raise scores)."""
    if len(hits) <= k:
        return np.arange(len(hits))
    at_least = np.cumsum(np.bincount(hits)[::-1])[::-1]   # per value: how many hits reach it (hits: small ints)
    v = int(np.flatnonzero(at_least >= k)[-1])            # the k-th largest
    above = np.flatnonzero(hits > v)
    return np.concatenate((above, np.flatnonzero(hits == v)[:k - len(above)]))


def _merge(np, parts):
    """The distinct codes of ``parts`` (``(sorted codes, weight)``, a weight an int or an
    array, one per code), ascending, and the weight each got in all."""
    if len(parts) == 1 and not isinstance(parts[0][1], int):
        return parts[0]
    cat = np.concatenate([a for a, _ in parts])
    if all(isinstance(w, int) and w == 1 for _, w in parts):
        cat.sort(kind="stable")   # runs of sorted codes: merged, not sorted from scratch
        start = np.flatnonzero(np.concatenate(([True], cat[1:] != cat[:-1])))
        return cat[start], np.diff(np.append(start, len(cat))).astype(np.int64)
    weights = np.concatenate([np.full(len(a), w, dtype=np.int64) if isinstance(w, int) else w for a, w in parts])
    o = np.argsort(cat, kind="stable")
    cat, weights = cat[o], weights[o]
    start = np.flatnonzero(np.concatenate(([True], cat[1:] != cat[:-1])))
    return cat[start], np.add.reduceat(weights, start)


def _shift(levels: dict[int, set[int]], by: dict[int, int]) -> dict[int, set[int]]:
    """``levels`` (slack -> codes) with the slack of each code moved by ``by[length]``;
    codes whose slack falls below 0 left out."""
    if len(set(by.values())) == 1:
        d = next(iter(by.values()))
        return {s + d: lv for s, lv in levels.items() if s + d >= 0}
    out: dict[int, set[int]] = {}
    for s, lv in levels.items():
        for c in lv:
            t = s + by[c >> UID_BITS]
            if t >= 0:
                if t in out:
                    out[t].add(c)
                else:
                    out[t] = {c}
    return out


def _lookup(units: list[int], slices) -> set[int]:
    """The codes of ``units`` (ascending) found in ``slices`` (ascending sequences of codes),
    by binary search: for few units in long posting lists."""
    found = set()
    for codes in slices:
        n = len(codes)
        i = 0
        for c in units[bisect_left(units, codes[0]):bisect_right(units, codes[-1])]:
            i = bisect_left(codes, c, i)
            if i == n:
                break
            if codes[i] == c:
                found.add(c)
    return found


def _intervals(lengths) -> list[tuple[int, int]]:
    """Sorted lengths as maximal ``(first, last)`` runs of consecutive values."""
    out: list[list[int]] = []
    for m in sorted(lengths):
        if out and out[-1][1] == m - 1:
            out[-1][1] = m
        else:
            out.append([m, m])
    return [(a, b) for a, b in out]


def posting_counts(db, tokens) -> dict[int, int]:
    """Postings of each index token id in the frequent tier (tokens only ever rare are left out)."""
    sql = ("SELECT token, sum(n) FROM match_postings "
           "WHERE token IN (SELECT value FROM json_each(?)) GROUP BY token")
    return dict(db.conn.execute(sql, [id_array(tokens)]))


def read_index(db, tokens) -> tuple[dict[int, int], dict[int, list]]:
    """:func:`posting_counts` of ``tokens`` and the ``match_rare`` rows of their buckets
    (bucket -> ``[(tokens, codes)]``, as :class:`Postings` holds them), in one statement:
    a match needs both before it reads anything else (on a server, one round trip less)."""
    tokens = list(tokens)
    wanted = sorted({bucket(t) for t in tokens})
    df: dict[int, int] = {}
    rare: dict[int, list] = {b: [] for b in wanted}
    sql = ("SELECT token, sum(n), NULL, NULL FROM match_postings "
           "WHERE token IN (SELECT value FROM json_each(?)) GROUP BY token "
           "UNION ALL SELECT bucket, NULL, tokens, codes FROM match_rare "
           "WHERE bucket IN (SELECT value FROM json_each(?))")
    for key, n, tblob, cblob in db.conn.execute(sql, [id_array(tokens), id_array(wanted)]):
        if tblob is None:
            df[key] = n
        else:
            rare[key].append((memoryview(tblob).cast("Q"), memoryview(cblob).cast("Q")))
    return df, rare


class Postings:
    """Reads the posting codes (``length << 40 | unit_id``, ascending) of an index token for
    units whose length is in one of ``spans`` (``(lo, hi)`` inclusive, ascending, disjoint),
    without copying them (slices of the stored blob); caches what it read.

    Given the query's ``tokens`` and ``df`` (postings per frequent token), it reads ahead,
    so a query costs a few statements rather than one or two per token (on a server, each
    a round trip): the rare buckets of all the tokens at the first bucket asked for, and
    with a frequent token the next ones in probe order (rarest first) while their postings
    stay within a read-ahead that starts at ``READ_AHEAD`` and doubles with every read, so
    the statements of a query grow with the logarithm of the postings it reads rather than
    with their number (a fixed 50,000 made a query's statements grow with the memory: a
    token's postings do). Given ``lengths`` (every length it will be asked for), it
    reads only the rows of a long posting list that hold codes of those lengths (see
    :data:`tm.memory.index.CHUNK`), and of those only the rows of the lengths the token
    is asked for (the tokens read ahead: the lengths of the token that was asked for, as a
    probe asks later tokens for the same lengths or fewer); a later request for more lengths
    reads the rows it adds. A request may name the tokens the probe can still ask for
    (``ahead``): then no other is read ahead (a probe that stops before them read them for
    nothing: at 10,000,000 units a sixth of the posting blocks the bench's Chinese queries read)."""

    READ_AHEAD = 50_000

    def __init__(self, db, tokens=(), df: dict[int, int] | None = None, lengths: range | None = None,
                 rare: dict[int, list] | None = None):
        self.conn = db.conn
        self.window = ([lengths.start << UID_BITS, lengths.stop << UID_BITS] if lengths is not None
                       else [0, (1 << 63) - 1])
        self.buckets: dict[int, list[tuple[memoryview, memoryview]]] = dict(rare or {})
        self.blobs: dict[int, list] = {}   # token -> its rows read: blobs, decoded when asked for
        self.span: dict[int, tuple[int, int]] = {}
        self.df = df or {}
        self.ahead = self.READ_AHEAD
        self.plan = sorted(self.df, key=lambda t: (self.df[t], t))
        self.place: dict[int, int] | None = None        # each token's place in the plan
        self.wanted = sorted({bucket(t) for t in tokens})

    def _frequent(self, token: int, a: int | None = None, b: int | None = None, ahead=None) -> list:
        """The rows of ``token`` holding its codes in ``[a, b)`` (default: the whole window), read
        with those of the next tokens in probe order (see the class): each token's rows are read
        for the codes asked for now, as later probes ask for the same lengths or fewer, and read
        again only for what a later request adds (:attr:`span`: the codes a token's rows cover)."""
        lo, hi = self.window
        a = lo if a is None else max(a, lo)
        b = hi if b is None else min(b, hi)
        have = self.span.get(token)
        if have is not None and (have[0] <= a and b <= have[1] or a >= b):
            return self._rows(token)
        group = [token] + [t for t in self._next(token, ahead)
                           if (got := self.span.get(t)) is None or not (got[0] <= a and b <= got[1])]
        fresh = [t for t in group if t not in self.span]
        again: dict[tuple[int, int], list[int]] = {}
        for t in group:
            if t in self.span:
                again.setdefault(self.span[t], []).append(t)
        if fresh:
            for t in fresh:
                self.blobs[t] = []
                self.span[t] = (a, b)
            self._read(fresh, "(lo IS NULL OR (hi >= ? AND lo < ?))", [a, b])
        for (fa, fb), ts in again.items():
            # the rows of the wider span not read yet: a row read before overlaps (fa, fb)
            wa, wb = min(a, fa), max(b, fb)
            for t in ts:
                self.span[t] = (wa, wb)
            self._read(ts, "lo IS NOT NULL AND hi >= ? AND lo < ? AND NOT (hi >= ? AND lo < ?)", [wa, wb, fa, fb])
        return self._rows(token)

    def _rows(self, token: int) -> list:
        """The rows of ``token`` read so far as codes, each decoded (:func:`codes_of`) when its
        token is first asked for: the rows of a token read ahead that the probe never asks for
        are never decoded (without numpy a packed row costs hundreds of instructions a code)."""
        rows = self.blobs[token]
        fresh = [i for i, row in enumerate(rows)
                 if type(row) is not _Runs and (type(row) is not memoryview or row.format != "Q")]   # blobs as read
        if fresh:
            _decode(rows, fresh)
        return rows

    def _next(self, token: int, ahead) -> list[int]:
        """The tokens after ``token`` in probe order (only those in ``ahead`` if given) whose
        postings, with theirs, stay within the read-ahead, which then doubles."""
        group, total = [], 0
        if token in self.df:
            if self.place is None:
                self.place = {t: k for k, t in enumerate(self.plan)}
            for t in islice(self.plan, self.place[token] + 1, None):
                if ahead is not None and t not in ahead:
                    break
                total += self.df[t]
                if total > self.ahead:
                    break
                group.append(t)
        self.ahead *= 2
        return group

    def _holding(self, token: int, a: int, b: int, codes) -> list:
        """The rows of ``token`` holding its codes in ``[a, b)`` that may hold one of ``codes``
        (ascending): those whose range (``lo``, ``hi``) takes one in, and rows without a range.
        Two statements (the ranges, then the rows picked), nothing read ahead or kept."""
        lo, hi = self.window
        a, b = max(a, lo), min(b, hi)
        have = self.span.get(token)
        if have is not None and have[0] <= a and b <= have[1]:
            return self._rows(token)
        if a >= b:
            return []
        rows = self.conn.execute("SELECT id, lo, hi FROM match_postings WHERE token = ? "
                                 "AND (lo IS NULL OR (hi >= ? AND lo < ?))", [token, a, b]).fetchall()
        ids = _holding_rows(rows, codes)
        if not ids:
            return []
        rows = [blob for (blob,) in self.conn.execute(
            "SELECT codes FROM match_postings WHERE id IN (SELECT value FROM json_each(?))", [id_array(ids)])]
        _decode(rows, range(len(rows)))
        return rows

    def _read(self, tokens: list[int], where: str, params: list) -> None:
        for t, blob in self.conn.execute("SELECT token, codes FROM match_postings WHERE token IN "
                                         f"(SELECT value FROM json_each(?)) AND {where}",
                                         [id_array(tokens), *params]):
            self.blobs[t].append(blob)   # decoded when asked for (_rows)

    def _bucket(self, bucket: int) -> list[tuple[memoryview, memoryview]]:
        if bucket not in self.buckets:
            group = sorted({bucket, *(b for b in self.wanted if b not in self.buckets)})
            for b in group:
                self.buckets[b] = []
            for b, tblob, cblob in self.conn.execute("SELECT bucket, tokens, codes FROM match_rare WHERE bucket IN "
                                                     "(SELECT value FROM json_each(?))", [id_array(group)]):
                self.buckets[b].append((memoryview(tblob).cast("Q"), memoryview(cblob).cast("Q")))
        return self.buckets[bucket]

    def __call__(self, token: int, spans: list[tuple[int, int]] | None = None, *, frequent: bool = True,
                 ahead=None, holding=None, runs: bool = False):
        """``spans=None``: all lengths; ``ahead``: the tokens that may be read with it (default:
        any); ``holding``: the codes (ascending) the caller looks up in the token's postings:
        then only the rows of a frequent token that may hold one of them are read
        (:meth:`_holding`); ``runs``: a row in the bitmaps form gives its ``(length, bitmap)``
        runs (see :func:`probe`), else codes made from them."""
        bounds = [(lo << UID_BITS, (hi + 1) << UID_BITS) for lo, hi in spans] if spans else [(0, 1 << 64)]
        if frequent:
            rows = (self._frequent(token, bounds[0][0], bounds[-1][1], ahead) if holding is None
                    else self._holding(token, bounds[0][0], bounds[-1][1], holding))
            for codes in rows:
                if type(codes) is _Runs:
                    if runs:
                        for a, b in bounds:
                            a, b = a >> UID_BITS, b >> UID_BITS
                            yield from (run for run in codes.runs if a <= run[0] < b)
                        continue
                    codes = codes.codes
                for a, b in bounds:
                    i, j = bisect_left(codes, a), bisect_left(codes, b)
                    if i < j:
                        yield codes[i:j]
        for toks, codes in self._bucket(bucket(token)):
            i = bisect_left(toks, token)
            if i < len(toks) and toks[i] == token:
                mine = sorted(codes[i:bisect_right(toks, token, i)])
                for a, b in bounds:
                    i, j = bisect_left(mine, a), bisect_left(mine, b)
                    if i < j:
                        yield mine[i:j]


class _Runs:
    """A posting row in the bitmaps form (:func:`tm.memory.index.bitmaps_of`): its ``(length,
    BitMap)`` runs, and its codes, made from them when first asked for."""

    __slots__ = ("runs", "_codes")

    def __init__(self, runs: list):
        self.runs = runs
        self._codes = None

    @property
    def codes(self) -> memoryview:
        if self._codes is None:
            self._codes = codes_of_bitmaps(self.runs)
        return self._codes


def _decode(rows: list, which) -> None:
    """Replace the blobs ``rows[i]`` (``i`` in ``which``) by what :class:`Postings` keeps of them:
    a row in the bitmaps form as :class:`_Runs` where numpy is not loaded (its bitmaps taken as
    they come by a count in bitmaps), else as codes, those of the call decoded together
    (:func:`tm.memory.index.codes_of_bitmap_rows`, :data:`DECODE_ROWS` at a time); the other forms as codes
    (:func:`tm.memory.index.codes_of`)."""
    numpy = "numpy" in sys.modules
    bitmaps = []
    for i in which:
        blob = rows[i]
        if form(blob) != "bitmaps":
            rows[i] = codes_of(blob)
        elif numpy:
            bitmaps.append(i)
        else:
            rows[i] = _Runs(bitmaps_of(blob))
    for a in range(0, len(bitmaps), DECODE_ROWS):
        part = bitmaps[a:a + DECODE_ROWS]
        for i, codes in zip(part, codes_of_bitmap_rows([rows[i] for i in part])):
            rows[i] = codes


DECODE_ROWS = 32
"""Rows in the bitmaps form decoded together at most (:func:`_decode`): their arrays stay near a
megabyte, which the allocator reuses; a token's 244 rows at once (8 MB arrays, fresh pages
each time) cost the heaviest stress query 4,000 more page faults in a process with numpy."""


RAISE_DF = 2000   # a probe reading more postings than this first scores the best units found so far
RAISE_N = 16      # how many
# ... on a server, the query's limit: the fewest units whose scores can raise the threshold (the
# limit-th best score), as a unit scored there is a row read from a random page. At 10,000,000
# units (server restarted before each set; blocks read a query mean / p50 / p95, units scored a
# query): seed 2113 16: 461 / 233 / 1,276, 133; limit (5): 430 / 195 / 1,236, 110; no raising at
# all: 422 / 185 / 1,226, 103. Seed 2114 in the order 5, 16, none: 563 / 178 / 983, 190;
# 585 / 217 / 1,103, 210; 554 / 165 / 971, 182. The postings read stayed the same.
COUNT_BUDGET = 20_000   # postings read only to count (tighten bounds): this many,
COUNT_PER_UNIT = 50     # plus this many per unit still to score
LOOKUP_COST = 12        # a binary search of a unit in a token's postings costs about as much as this many postings read,
FETCH_COST = 1          # and fetching a posting from the database (cold pages: a one-shot command) about as much as one
COUNT_FACTOR = 50       # numpy: a token is read to count while its postings are at most this many per unit left
# ... on a server, where a unit scored is a row read over the connection, most of them from
# random pages: at 3,000,000 units on PostgreSQL, 100 queries scored 67,231 units with 50
# and 8,514 with 400 (client + server CPU p95 75-80 -> 57-64 ms, wall p95 577-593 -> 368-390
# ms at load 11, A B A B). At 10,000,000 units with the index merged into one run (a token's
# postings read in sequence; a unit's text from a random page), on a server started cold:
# units scored per query p95 690 -> 233 and 355 -> 171, blocks read per query p95 2,000 ->
# 1,467 and 1,412 -> 1,159 with 1,600 rather than 400 (6,400: 1,186; two query sets). With the
# postings stored compressed (LZ4: 1.6 times fewer pages a posting), counting more pays: four
# sets of 200 fresh queries (seeds 2113-2116, server restarted before each), blocks read a query
# mean / p50 / p95 with 1,600 -> 6,400: 430 / 195 / 1,236 -> 421 / 179 / 936; 563 / 178 / 983 ->
# 569 / 179 / 979; 310 / 194 / 860 -> 304 / 193 / 687; 711 / 184 / 1,030 -> 723 / 174 / 903;
# units scored a query p95 356 -> 148, 216 -> 51, 344 -> 121, 330 -> 146; client CPU p95 the same.
COUNT_FACTOR_SERVER = 6400
# ... on a server in a process without numpy (a one-shot command), which counts in bitmaps: as
# on SQLite. 6,400 made the heavy stress queries read every frequent token to count (q210 of
# the 1,000,000-unit memory: 6.4 of its 7.3 MB of posting rows), which bitmaps count dearer
# than numpy and a one-shot command reads over a new connection. Session 33, the bench's 300
# stress queries as one-shot commands, factors alternated query by query (load 3.6-4.5):
# client CPU p95 157.5 ms with 6,400, 148.7 with 400, 145.1 with 200, 143.0 with 100, 140.5
# with 50; the 30 heaviest, per query against 6,400 (median): -4.6, -12.7, -15.9, -18.7 ms;
# the same results. At 10,000,000 units (session 23: no numpy, in process, two passes) p95
# 101.9 / 100.1 ms with 6,400, 99.4 / 96.9 with 400, 119.0 / 123.4 with 50: a unit scored
# costs more where the memory's pages are not all cached. A server (tm serve) has numpy.
COUNT_FACTOR_SERVER_BITMAPS = 50
# ... and raises its threshold with no unit scored before an expensive probe: each raise is a read
# of a few units' texts, a statement of its own, which a one-shot command waits for on its new
# connection, and the threshold rises as the candidates are scored anyway. Session 35, the
# bench's 300 stress queries at 1,000,000 units: 3,202 -> 2,388 statements (text reads 1,477 ->
# 665; a heavy query 13-19 -> 10-13), 157,178 -> 151,910 texts read, posting bytes +7 % (the find
# phase reads more lengths where no raise lifted the threshold first); whole commands, client
# instructions, the heaviest 689.3M -> 658.1M, 597.2M -> 557.0M, a median one 249.5M -> 245.1M;
# in process, a connection a query, both ways alternated query by query (load 3.5-6), wall -3.0
# ms a query on average, the server's share -3.4 ms. The same results. (At 10,000,000 units with
# numpy, above, no raising read the fewest blocks too; tm serve keeps the limit.)
RAISE_N_SERVER_ONE_SHOT = 0


def _texts(db, source: str):
    if getattr(db, "backend", "sqlite") != "sqlite":   # a server reads them its own way (tm.memory.pg)
        from tm.memory.pg import dialect
        return dialect(db).unit_texts(db, source)
    sql = (f"SELECT u.id, u.{source} FROM json_each(?) j JOIN units u ON u.id = j.value "
           "WHERE u.zh != '' AND u.en != ''")

    def texts(ids: list[int]):
        return db.conn.execute(sql, [id_array(ids)])
    return texts


def match(db, text: str, *, source: str | None = None, min_score: float = 70.0,
          limit: int = 5) -> list[Match]:
    """Units whose ``source`` side (``zh``/``en``; detected from ``text`` when ``None``)
    scores at least ``min_score`` against ``text``; best first, ties by unit id."""
    return _matches(db, match_ids(db, text, source=source, min_score=min_score, limit=limit))


def match_ids(db, text: str, *, source: str | None = None, min_score: float = 70.0,
              limit: int = 5) -> list[tuple[float, int]]:
    """:func:`match` as ``(score, unit id)`` pairs, no unit read: what ``tm match`` lists
    needs a few columns of a few units (:func:`tm.memory.reader.unit_rows`), and neither the
    store's code nor the dataclasses of :mod:`tm.models` (their import is a fifth of a
    one-shot match beyond the interpreter's start). A unit deleted meanwhile may be among them."""
    source = _check(text, source, min_score, limit)
    qt = fuzzy.tokens(text, source)
    if not qt or limit == 0:
        return []
    if min_score <= 0:
        return [(m.score, m.unit.id) for m in match_brute(db, text, source=source, min_score=min_score,
                                                          limit=limit)]
    top = topk.TopK(topk.Query(qt, source, text), _texts(db, source), min_score=min_score, limit=limit)
    if _scan_is_cheaper(db, len(qt), min_score):
        _scan(db, source, top)
        return list(top.best)
    ids = set(fuzzy.occurrence_ids(qt, source))
    server = getattr(db, "backend", "sqlite") != "sqlite"
    with no_gc():   # sets and counters of postings and candidates, and no cycle among them
        df, rare = read_index(db, ids)
        postings = Postings(db, ids, df, _lengths(len(qt), min_score / 100.0), rare)
        if not probe(lambda t, spans, ahead=None, holding=None, runs=False: postings(
                         t, spans, frequent=t in df, ahead=ahead, holding=holding, runs=runs),
                     df, qt, source, top,
                     count_factor=_count_factor(server),
                     raise_n=_raise_n(server, limit),
                     bitmaps_from=BITMAPS_FROM_SERVER if server else BITMAPS_FROM):
            _scan(db, source, top)
    return list(top.best)


def _count_factor(server: bool) -> int:
    """How many postings per unit left a token may have to be read only to count
    (:func:`_count`): :data:`COUNT_FACTOR` on SQLite; on a server
    :data:`COUNT_FACTOR_SERVER` where numpy is loaded (a server process: counted with numpy),
    else :data:`COUNT_FACTOR_SERVER_BITMAPS` (a one-shot command: counted with bitmaps)."""
    if not server:
        return COUNT_FACTOR
    return COUNT_FACTOR_SERVER if "numpy" in sys.modules else COUNT_FACTOR_SERVER_BITMAPS


def _raise_n(server: bool, limit: int) -> int:
    """How many units a probe scores before an expensive probe, to raise its threshold
    (:func:`probe`'s ``raise_n``): :data:`RAISE_N` on SQLite; on a server the query's limit
    where numpy is loaded (a server process), else none (:data:`RAISE_N_SERVER_ONE_SHOT`)."""
    if not server:
        return RAISE_N
    return limit if "numpy" in sys.modules else RAISE_N_SERVER_ONE_SHOT


# A probe keeps, for each query token it reads, the tokens left for each unit length the
# query allows (0.7 to 1.43 times its tokens at 70 %): its work grows with the square of the
# query's length. A query of a page pasted whole (4,200 characters) took 2.4 s on the plan's
# 140 units, 41,000 characters more than a minute; a scan of every unit takes about as long as
# SCAN_PER_UNIT of the probe's (token, length) steps (measured: 0.2 us a step, 4.3 us a unit
# scanned on the 1,000,000-unit realistic memory, 2026-12-06), so past LONG_QUERY steps the
# cheaper of the two is chosen. Both give the same units and scores.
LONG_QUERY = 1_000_000
SCAN_PER_UNIT = 20


def _scan_is_cheaper(db, n: int, min_score: float) -> bool:
    """Is scoring every unit cheaper than probing the index for a query of ``n`` tokens?
    (Asked of the database only for a query long enough to make it a question.)"""
    steps = n * len(_lengths(n, min_score / 100.0))
    if steps <= LONG_QUERY:
        return False
    units = db.conn.execute("SELECT max(id) FROM units").fetchone()[0] or 0
    return steps > SCAN_PER_UNIT * units


def _scan(db, source: str, top: topk.TopK) -> None:
    """Score every two-sided unit (when the index cannot narrow the search), in C, in chunks."""
    cur = db.conn.execute(f"SELECT id, {source} FROM units WHERE zh != '' AND en != ''")
    while True:
        rows = cur.fetchmany(20000)
        if not rows:
            return
        top.score_texts([r[0] for r in rows], [r[1] for r in rows])


def match_brute(db, text: str, *, source: str | None = None, min_score: float = 70.0,
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
            sc = fuzzy.score(qt, ct)
            scored.append((max(0.0, sc - fuzzy.code_penalty(text, t)) if sc > 0 else sc, uid))
            continue
        sc = _qualifies(qt, ct, min_score, fuzzy.code_penalty(text, t))
        if sc is not None:
            scored.append((sc, uid))
    return _top(scored, db, limit)


#: A run of Arabic digits, with the decimal point and thousands separators inside it.
_DIGIT_RUN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def numbers_adjusted(query: str, source_text: str, target_text: str, lang: str) -> str | None:
    """The match's translation ``target_text`` with its numbers adjusted to ``query``
    (:func:`tm.text.numbers.adjust_numbers`: 2025 → 2026, 10 → 12), when ``query`` and the
    match's ``source_text`` (language ``lang``) differ in their digits only; else None. (The
    number reader is loaded only for such a match: a one-shot ``tm match`` pays nothing
    for the others.)"""
    if query == source_text:
        return None
    if _DIGIT_RUN.sub("0", query) != _DIGIT_RUN.sub("0", source_text):
        return None
    from tm.text.numbers import adjust_numbers
    return adjust_numbers(source_text, target_text, query, lang, "en" if lang == "zh" else "zh")


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


__all__ = ["match", "match_ids", "match_brute", "probe", "highlight"]
