"""Sentence alignment of a Chinese document and its English translation.

Every candidate bead (0-3 sentences a side) gets a score that is a sum of
log-probability-like terms; dynamic programming finds the best monotone
sequence of beads inside a band (never a full N x M table for long texts):

1. **Evidence** (``tm.anchors``): each sentence becomes a bag of keys in one
   space: English content words (stemmed) against CC-CEDICT glosses of the
   Chinese words, numbers (万/亿 resolved), Latin acronyms, pinyin of names,
   list/heading numbers. Keys are IDF-weighted within each document.
2. **Lexical score**: the matched weight M of the bead's Chinese words and
   English keys out of their total W gives the log-likelihood ratio
   ``M·log(p1/p0) + (W-M)·log((1-p1)/(1-p0))`` of a "translation" model
   against a "random pair" model; the match rates come from the document
   pair and account for chance matches in larger beads, so shapes compete
   fairly. A number on one side only costs extra.
3. **Length score** (Gale & Church) with the document's own character ratio.
4. **Shape prior**; runs of unaligned sentences are cheaper than isolated
   ones, so material without a counterpart stays unaligned instead of being
   glued to a neighbour. With paragraph information, paragraphs are aligned
   first and sentences inside aligned paragraphs (``_paragraph_blocks``).
5. **Search** (``_search``): up to 150 sentences a side, the full table; up
   to 1,000, a band around a chain of anchor pairs (``_anchor_chain``); above,
   a band around a coarse alignment of blocks of 8 sentences, recursively
   (``_coarse_path``). Where the path touches the band, that stretch is
   re-aligned in a wider band. Long documents are split at a clear pair near
   the middle and the halves aligned in two processes (``_two_halves``).

Confidence: see :func:`_confidence`. The model's parameters: :class:`Model`.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .anchors import EnSentence, ZhSentence, en_sentence, name_keys, zh_sentence
from .errors import InputError
from .lexicon import Lexicon, load_lexicon
from .models import Bead, Segment
from .segment import segment_en, segment_zh, split_lines
from .zh import is_cjk

#: Default shape probabilities (zh-en: Chinese sentences are often split).
DEFAULT_PRIOR = {
    (1, 1): 0.60, (1, 2): 0.16, (2, 1): 0.06, (1, 3): 0.05, (3, 1): 0.01,
    (2, 2): 0.03, (2, 3): 0.01, (3, 2): 0.005, (1, 0): 0.01, (0, 1): 0.01,
}

NEG = -1e18


@dataclass
class Model:
    """The parameters of the scoring model (rates and ratio estimated from the documents)."""

    ratio: float                      # English chars per Chinese char
    var: float                        # variance per Chinese char
    c1: tuple[float, float]           # match rate (zh units, en keys) of translations
    c0: tuple[float, float]           # match rate (zh units, en keys) of random pairs
    prior: dict[tuple[int, int], float] = field(default_factory=lambda: dict(DEFAULT_PRIOR))
    hit_weight: float = 0.7           # damping of the lexical LLR (units are not independent)
    miss_weight: float = 0.5
    skip_continue: float = 0.3        # a run of k unaligned sentences costs p(1-0)·0.3^(k-1)
    max_skip: int = 3
    crossing_penalty: float = 4.0     # per paragraph boundary inside a bead
    boundary_penalty: float = 2.0     # a bead starts/ends a paragraph on one side only
    number_penalty: float = 1.0       # per number on one side of a bead only

    def shapes(self, max_bead: int) -> list[tuple[int, int, float]]:
        out = []
        for (a, b), p in self.prior.items():
            if a <= max_bead and b <= max_bead and p > 0 and a and b:
                out.append((a, b, math.log(p)))
        for k in range(1, self.max_skip + 1):
            cont = (k - 1) * math.log(self.skip_continue)
            out.append((k, 0, math.log(self.prior[1, 0]) + cont))
            out.append((0, k, math.log(self.prior[0, 1]) + cont))
        return out


class _Evidence:
    """Per-sentence features, IDF weights and lazily computed pair matches."""

    def __init__(self, zh: list[ZhSentence], en: list[EnSentence]):
        self.n, self.m = len(zh), len(en)
        zh_df = Counter(uid for s in zh for uid in {u for u, _ in s.units})
        en_df = Counter(k for s in en for k in s.keys)
        zw = {u: math.log((self.n + 1) / df) for u, df in zh_df.items()}
        ew = {k: math.log((self.m + 1) / df) for k, df in en_df.items()}
        zmean = (sum(zw[u] for s in zh for u, _ in s.units) /
                 max(1, sum(len(s.units) for s in zh))) or 1.0
        emean = (sum(ew[k] for s in en for k in s.keys) /
                 max(1, sum(len(s.keys) for s in en))) or 1.0
        self.zh_units: list[list[tuple[float, frozenset[str]]]] = []
        self.zh_index: list[frozenset[str]] = []   # all keys of a Chinese sentence
        self.wz = array("d")
        for s in zh:
            units, total = [], 0.0
            for uid, keys in s.units:
                weight = zw[uid] / zmean
                if len(uid) == 1 and "\u3400" <= uid <= "\u9fff":
                    weight *= 0.5  # single characters have many loose senses
                units.append((weight, keys))
                total += weight
            self.zh_units.append(units)
            self.zh_index.append(frozenset().union(*(keys for _, keys in units)))
            self.wz.append(total)
        self.en_keys = [[(k, ew[k] / emean) for k in s.keys] for s in en]
        self.en_sets = [frozenset(s.keys) for s in en]
        self.we = array("d", (sum(w for _, w in keys) for keys in self.en_keys))
        self.en_df = en_df
        self.en_by_key: dict[str, list[int]] = {}
        for j, s in enumerate(en):
            for k in s.keys:
                self.en_by_key.setdefault(k, []).append(j)
        self.zh_numbers = [frozenset(uid for uid, _ in s.units if uid[0] == "#") for s in zh]
        self.en_numbers = [frozenset(k for k in s.keys if k[0] == "#") for s in en]
        self.lz = array("d", (s.length for s in zh))
        self.lt = array("d", (s.latin for s in zh))
        self.le = array("d", (s.length for s in en))
        # prefix sums: totals of any run of sentences in O(1)
        self.cwz, self.cwe = _prefix(self.wz), _prefix(self.we)
        self.clz, self.cle, self.clt = _prefix(self.lz), _prefix(self.le), _prefix(self.lt)
        self.cnz = _prefix(array("d", (bool(x) for x in self.zh_numbers)))
        self.cne = _prefix(array("d", (bool(x) for x in self.en_numbers)))

    def pair(self, i: int, j: int) -> tuple[float, float]:
        """Matched weight (zh side, en side) of zh sentence i against en sentence j."""
        mz, me, _ = self.pair_units(i, j)
        return mz, me

    def pair_units(self, i: int, j: int) -> tuple[float, float, set[int]]:
        """As :meth:`pair`, plus the set of matched unit numbers of sentence i."""
        index = self.zh_index[i]
        en_set = self.en_sets[j]
        if index.isdisjoint(en_set):
            return 0.0, 0.0, set()
        me = 0.0
        for key, weight in self.en_keys[j]:
            if key in index:
                me += weight
        mz = 0.0
        hit = set()
        for u, (weight, keys) in enumerate(self.zh_units[i]):
            if not keys.isdisjoint(en_set):
                mz += weight
                hit.add(u)
        return mz, me, hit

    def shared(self, i: int, j: int) -> float:
        """Weight of the keys of en sentence j matched by both zh sentences i and i+1."""
        if i + 1 >= self.n:
            return 0.0
        a, b = self.zh_index[i], self.zh_index[i + 1]
        return sum(w for k, w in self.en_keys[j] if k in a and k in b)


def _prefix(values) -> array:
    out = array("d", [0.0])
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def _cover(ev: _Evidence, i: int, j: int) -> float:
    mz, me = ev.pair(i, j)
    total = ev.wz[i] + ev.we[j]
    return (mz + me) / total if total else 0.0


# --- anchors and band ----------------------------------------------------------


def _anchor_chain(ev: _Evidence, *, rare: int = 2, min_cover: float = 0.2,
                  reach: int = 60) -> list[tuple[int, int]]:
    """High-confidence 1-1 pairs found through rare keys, as a monotone chain.

    The Chinese sentences are read in order while tracking where their
    counterparts should be: the last accepted anchor plus the document's
    sentence ratio. A key votes for English sentences when it occurs in at
    most ``rare`` of them near that position (+- ``reach`` sentences, more
    after a long stretch without anchors) or in at most ``rare`` of the
    whole document. Long documents, whose words all recur somewhere, thus
    still get anchors, and a wrong position is recovered from.
    """
    ratio = ev.m / ev.n
    last_i, last_j = -1, -1
    candidates: list[tuple[int, int, float]] = []
    by_key = ev.en_by_key
    for i in range(ev.n):
        gap = i - last_i
        pred = last_j + gap * ratio
        width = reach + 2 * gap
        lo, hi = int(pred - width), int(pred + width) + 1
        votes: Counter = Counter()
        for key in ev.zh_index[i]:
            js = by_key.get(key)
            if js is None:
                continue
            if len(js) > rare:
                a, b = bisect_left(js, lo), bisect_left(js, hi)
                if not 0 < b - a <= rare:
                    continue
                js = js[a:b]
            for j in js:
                votes[j] += 1
        if not votes:
            continue
        scored = sorted(((_cover(ev, i, j), j) for j, _ in votes.most_common(6)), reverse=True)
        best, j = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best >= min_cover and best >= 1.3 * second:
            candidates.append((i, j, best))
            if j > last_j:
                last_i, last_j = i, j
    # heaviest chain increasing in both i and j: Fenwick tree over j of best chain weight
    size = ev.m + 1
    tree = [(0.0, -1)] * (size + 1)
    back = [-1] * len(candidates)
    best_end, best_score = -1, 0.0
    k = 0
    while k < len(candidates):
        # candidates of the same i must not chain to each other
        group_end = k
        while group_end < len(candidates) and candidates[group_end][0] == candidates[k][0]:
            group_end += 1
        results = []
        for c in range(k, group_end):
            _, j, w = candidates[c]
            q, pos = (0.0, -1), j  # max over j' < j, i.e. tree prefix [1..j]
            while pos > 0:
                if tree[pos][0] > q[0]:
                    q = tree[pos]
                pos -= pos & -pos
            results.append((c, q[0] + w, q[1]))
        for c, score, prev in results:
            back[c] = prev
            if score > best_score:
                best_score, best_end = score, c
            pos = candidates[c][1] + 1
            while pos <= size:
                if score > tree[pos][0]:
                    tree[pos] = (score, c)
                pos += pos & -pos
        k = group_end
    chain = []
    while best_end >= 0:
        chain.append(candidates[best_end][:2])
        best_end = back[best_end]
    chain.reverse()
    return chain


def _band(n: int, m: int, chain: list[tuple[int, int]], slack: int) -> tuple[list[int], list[int]]:
    """For each row i (zh sentences consumed), the allowed j range [lo, hi]."""
    points = [(0, 0)] + [(i, j) for i, j in chain] + [(n, m)]
    # anchors are 1-1 pairs: the path passes through (i, j) and (i+1, j+1)
    knots = [(0, 0)]
    for i, j in points[1:-1]:
        if i >= knots[-1][0] and j >= knots[-1][1]:
            knots.append((i, j))
            knots.append((i + 1, j + 1))
    knots.append((n, m))
    xs = [p[0] for p in knots]
    lo, hi = [0] * (n + 1), [0] * (n + 1)
    for i in range(n + 1):
        k = min(max(bisect_left(xs, i), 1), len(knots) - 1)
        (i1, j1), (i2, j2) = knots[k - 1], knots[k]
        if i2 == i1:
            center = j2
        else:
            center = j1 + (j2 - j1) * (i - i1) / (i2 - i1)
        spread = slack + 0.5 * max(i2 - i1, j2 - j1) ** 0.5 * 2
        lo[i] = max(0, min(j1, int(center - spread)) - slack // 2, int(center - spread - slack))
        lo[i] = max(0, min(lo[i], int(center) - slack))
        hi[i] = min(m, max(j2, int(center + spread) + 1) + slack // 2, int(center + spread + slack) + 1)
        hi[i] = min(m, max(hi[i], int(center) + slack))
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n + 1):
        lo[i] = min(lo[i], hi[i])
    for i in range(n):  # every row reachable from the previous one (a 1-3 bead moves 3)
        lo[i + 1] = min(lo[i + 1], hi[i] + 3)
    return lo, hi


# --- scoring -----------------------------------------------------------------


def _length_logp(lz: float, lt: float, le: float, model: Model) -> float:
    """Gale & Church: English letters and digits ~ Normal(c·zh + lt, s²·zh), with zh the
    Chinese characters and lt the letters and digits already in the Chinese text."""
    mean = (lz + (le - lt) / model.ratio) / 2
    if mean < 1.0:
        mean = 1.0
    delta = (le - lt - model.ratio * lz) / math.sqrt(model.var * mean)
    tail = math.erfc(abs(delta) / math.sqrt(2.0))
    return math.log(tail) if tail > 1e-300 else -690.0


class _Scorer:
    def __init__(self, ev: _Evidence, model: Model, zh_par, en_par):
        self.ev, self.model = ev, model
        self.zh_starts, self.en_starts = _starts(zh_par), _starts(en_par)
        structured = self.zh_starts is not None or self.en_starts is not None
        self.structured = structured and (model.crossing_penalty or model.boundary_penalty)
        size = 8  # beads up to 3 a side in the DP; larger ones when judging confidence
        self.ratios = [[(0.0, 0.0, 0.0, 0.0)] * size for _ in range(size)]
        (c1z, c1e), (c0z, c0e) = model.c1, model.c0
        hw, mw = model.hit_weight, model.miss_weight
        for a in range(size):
            for b in range(size):
                if a and b:
                    # a zh unit of a bead with b English sentences: in a translation it is
                    # matched with rate c1 by its own counterpart, plus chance matches in
                    # the other b-1 sentences; in a random pairing, chance in all b
                    p1 = 1 - (1 - c1z) * (1 - c0z) ** (b - 1)
                    p0 = 1 - (1 - c0z) ** b
                    q1 = 1 - (1 - c1e) * (1 - c0e) ** (a - 1)
                    q0 = 1 - (1 - c0e) ** a
                    self.ratios[a][b] = (hw * math.log(p1 / p0), mw * math.log((1 - p1) / (1 - p0)),
                                         hw * math.log(q1 / q0), mw * math.log((1 - q1) / (1 - q0)))
        self.rows: dict[int, tuple[int, array, array]] = {}

    def row(self, i: int, lo: int, hi: int) -> None:
        """Prefix sums over j in [lo, hi) of zh sentence i's matches, and of the
        double counts a multi-sentence bead must subtract: zh units of i matched
        in both j-1 and j, en keys of j matched by both i and i+1."""
        ev = self.ev
        pz, pe, pd, ps = (array("d", [0.0]) for _ in range(4))
        sz = se = sd = ss = 0.0
        units = ev.zh_units[i]
        index = ev.zh_index[i]
        following = ev.zh_index[i + 1] if i + 1 < ev.n else None
        key_units: dict[str, list[int]] = {}  # as pair_units, through the shared keys only
        for u, (_, keys) in enumerate(units):
            for key in keys:
                key_units.setdefault(key, []).append(u)
        en_sets, en_keys = ev.en_sets, ev.en_keys
        prev: set[int] = set()
        for j in range(lo, hi):
            en_set = en_sets[j]
            if index.isdisjoint(en_set):
                hit = set()
            else:
                me = 0.0
                for key, weight in en_keys[j]:
                    if key in index:
                        me += weight
                found: set[int] = set()
                for key in index & en_set:
                    found.update(key_units[key])
                order = sorted(found)
                mz = 0.0
                for u in order:
                    mz += units[u][0]
                hit = set(order)
                sz += mz
                se += me
                if me and following is not None:
                    ss += sum(w for k, w in en_keys[j] if k in index and k in following)
            if prev and hit:
                sd += sum(units[u][0] for u in hit & prev)
            prev = hit
            pz.append(sz)
            pe.append(se)
            pd.append(sd)
            ps.append(ss)
        self.rows[i] = (lo, pz, pe, pd, ps)

    def parts(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(lexical LLR, length log-probability) of the bead zh[i0:i1] / en[j0:j1]."""
        ev = self.ev
        mz = me = 0.0
        for i in range(i0, i1):
            start, pz, pe, pd, ps = self.rows[i]
            a, b = j0 - start, j1 - start
            mz += pz[b] - pz[a]
            me += pe[b] - pe[a]
            if b - a > 1:  # units matched in two adjacent English sentences count once
                mz -= pd[b] - pd[a + 1]
            if i + 1 < i1:  # keys matched by two adjacent Chinese sentences count once
                me -= ps[b] - ps[a]
        wz = ev.cwz[i1] - ev.cwz[i0]
        we = ev.cwe[j1] - ev.cwe[j0]
        if mz > wz:
            mz = wz
        if me > we:
            me = we
        zh_hit, zh_miss, en_hit, en_miss = self.ratios[i1 - i0][j1 - j0]
        lex = mz * zh_hit + (wz - mz) * zh_miss + me * en_hit + (we - me) * en_miss
        if ev.cnz[i1] != ev.cnz[i0] or ev.cne[j1] != ev.cne[j0]:
            zn = frozenset().union(*ev.zh_numbers[i0:i1])
            en = frozenset().union(*ev.en_numbers[j0:j1])
            lex -= self.model.number_penalty * len(zn ^ en)
        lz = ev.clz[i1] - ev.clz[i0]
        le = ev.cle[j1] - ev.cle[j0]
        return lex, _length_logp(lz, ev.clt[i1] - ev.clt[i0], le, self.model)

    def structure(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Paragraph penalty of a linked bead (0 without paragraph information)."""
        penalty = 0.0
        zs, es = self.zh_starts, self.en_starts
        if zs is not None:
            penalty += self.model.crossing_penalty * sum(zs[i0 + 1:i1])
        if es is not None:
            penalty += self.model.crossing_penalty * sum(es[j0 + 1:j1])
        if zs is not None and es is not None:
            mismatch = (zs[i0] != es[j0]) + (zs[i1] != es[j1])
            penalty += self.model.boundary_penalty * mismatch
        return penalty


def _starts(paragraphs: Sequence[int] | None) -> bytearray | None:
    """1 where a sentence starts a paragraph, plus a final 1 (the end of the document)."""
    if paragraphs is None:
        return None
    out = bytearray(len(paragraphs) + 1)
    for k, p in enumerate(paragraphs):
        out[k] = k == 0 or p != paragraphs[k - 1]
    out[len(paragraphs)] = 1
    return out


def _dp(scorer: _Scorer, lo: list[int], hi: list[int], shapes, start: int = 0):
    """Best bead path from cell (start, lo[0]) to (start + len(lo) - 1, hi[-1]).

    Row ``r`` of the band holds the cells (start + r, j) for lo[r] <= j <= hi[r]
    (absolute j). Returns (i0, i1, j0, j1) per bead, skips one sentence each.
    A row's cells are scored per bead shape with numpy, in the same arithmetic
    as :meth:`_Scorer.parts`; only the last ``max_a`` score rows, the pair rows
    they need and one byte of back-pointer per cell are kept.
    """
    rows = len(lo) - 1
    max_a = max(a for a, _, _ in shapes)
    ev, model = scorer.ev, scorer.model
    cwe, cle, cne = (np.frombuffer(x) for x in (ev.cwe, ev.cle, ev.cne))
    cwz, clz, clt, cnz = ev.cwz, ev.clz, ev.clt, ev.cnz
    ratio, var, sqrt2 = model.ratio, model.var, math.sqrt(2.0)
    structured = scorer.structured
    linked = [(s, a, b, logp) for s, (a, b, logp) in enumerate(shapes) if a]
    en_skips = [(s, b, logp) for s, (a, b, logp) in enumerate(shapes) if not a]
    pair_rows: dict[int, tuple] = {}
    score: dict[int, np.ndarray] = {}
    back: list[bytes] = []
    for r in range(rows + 1):
        i = start + r
        if r:  # the pair row of sentence i-1 (beads ending up to max_a rows later)
            scorer.row(i - 1, lo[max(0, r - max_a)], hi[min(rows, r - 1 + max_a)])
            start_, pz, pe, pd, ps = scorer.rows.pop(i - 1)
            pair_rows[i - 1] = (start_, np.frombuffer(pz), np.frombuffer(pe),
                                np.frombuffer(pd), np.frombuffer(ps))
            pair_rows.pop(i - 1 - max_a, None)
            score.pop(r - 1 - max_a, None)
        row_lo, row_hi = lo[r], hi[r]
        width = row_hi - row_lo + 1
        best = np.full(width, NEG)
        arg = np.zeros(width, dtype=np.uint8)
        for s, a, b, logp in linked:
            pr = r - a
            if pr < 0:
                continue
            jl, jh = max(row_lo, lo[pr] + b), min(row_hi, hi[pr] + b)
            if jl > jh:
                continue
            n = jh - jl + 1
            prev_row = score[pr]
            prev = prev_row[jl - b - lo[pr]:jl - b - lo[pr] + n]
            total = prev + logp
            if b:
                total = total + _linked_scores(scorer, pair_rows, i - a, i, jl, jh, b,
                                               cwe, cle, cne, cwz, clz, clt, cnz, ratio, var, sqrt2)
                if structured:
                    for k in range(n):
                        total[k] -= scorer.structure(i - a, i, jl - b + k, jl + k)
            total[prev <= NEG] = -math.inf
            off = jl - row_lo
            view = best[off:off + n]
            better = total > view
            view[better] = total[better]
            arg[off:off + n][better] = s
        if r == 0:
            best[0] = 0.0
        if en_skips:  # runs of unaligned English sentences: depend on this row itself
            vals, args = best.tolist(), arg.tolist()
            for jj in range(1 if r == 0 else 0, width):
                v, t = vals[jj], args[jj]
                for s, b, logp in en_skips:
                    if jj - b < 0:
                        continue
                    prev = vals[jj - b]
                    if prev <= NEG:
                        continue
                    total = prev + logp
                    if total > v or (total == v and s < t):
                        v, t = total, s
                vals[jj], args[jj] = v, t
            best = np.array(vals)
            arg = np.array(args, dtype=np.uint8)
        score[r] = best
        back.append(arg.tobytes())
    path = []
    r, j = rows, hi[rows]
    if score[r][j - lo[r]] <= NEG:
        return path  # the band does not connect start and end
    while r > 0 or j > lo[0]:
        a, b, _ = shapes[back[r][j - lo[r]]]
        i = start + r
        if a and b:
            path.append((i - a, i, j - b, j))
        else:  # a run of unaligned sentences: one bead each
            path.extend((k, k + 1, j, j) for k in range(i - 1, i - a - 1, -1))
            path.extend((i, i, k, k + 1) for k in range(j - 1, j - b - 1, -1))
        r, j = r - a, j - b
    path.reverse()
    return path


def _linked_scores(scorer, pair_rows, i0, i1, jl, jh, b, cwe, cle, cne, cwz, clz, clt, cnz,
                   ratio, var, sqrt2):
    """lex + length of the beads zh[i0:i1] / en[j-b:j] for j in [jl, jh], as
    :meth:`_Scorer.parts` computes them one at a time (same operations, same order)."""
    n = jh - jl + 1
    mz = me = None
    for ii in range(i0, i1):
        start, pz, pe, pd, ps = pair_rows[ii]
        A, B = jl - b - start, jl - start
        dz = pz[B:B + n] - pz[A:A + n]
        de = pe[B:B + n] - pe[A:A + n]
        mz = dz if mz is None else mz + dz
        me = de if me is None else me + de
        if b > 1:
            mz = mz - (pd[B:B + n] - pd[A + 1:A + 1 + n])
        if ii + 1 < i1:
            me = me - (ps[B:B + n] - ps[A:A + n])
    wz = cwz[i1] - cwz[i0]
    we = cwe[jl:jh + 1] - cwe[jl - b:jh + 1 - b]
    mz = np.minimum(mz, wz)
    me = np.minimum(me, we)
    zh_hit, zh_miss, en_hit, en_miss = scorer.ratios[i1 - i0][b]
    lex = mz * zh_hit + (wz - mz) * zh_miss + me * en_hit + (we - me) * en_miss
    ev = scorer.ev
    zh_numbers = cnz[i1] != cnz[i0]
    numbered = range(n) if zh_numbers else np.flatnonzero(cne[jl:jh + 1] != cne[jl - b:jh + 1 - b])
    if len(numbered):
        zn = frozenset().union(*ev.zh_numbers[i0:i1])
        penalty = scorer.model.number_penalty
        for k in numbered:
            j1 = jl + int(k)
            lex[k] -= penalty * len(zn ^ frozenset().union(*ev.en_numbers[j1 - b:j1]))
    lz, lt = clz[i1] - clz[i0], clt[i1] - clt[i0]
    le = cle[jl:jh + 1] - cle[jl - b:jh + 1 - b]
    mean = np.maximum((lz + (le - lt) / ratio) / 2, 1.0)
    delta = (le - lt - ratio * lz) / np.sqrt(var * mean)
    erfc, log = math.erfc, math.log
    length = np.array([log(t) if (t := erfc(x)) > 1e-300 else -690.0
                       for x in (np.abs(delta) / sqrt2).tolist()])
    return lex + length


def _touches_edge(path, lo, hi, n, m) -> bool:
    return bool(_touched_rows(path, lo, hi, m))


def _touched_rows(path, lo, hi, m) -> list[int]:
    rows = []
    for i0, i1, j0, j1 in path:
        for i, j in ((i0, j0), (i1, j1)):
            if (j <= lo[i] + 1 and lo[i] > 0) or (j >= hi[i] - 1 and hi[i] < m):
                rows.append(i)
    return rows


def _repair(scorer, path, lo, hi, shapes, m, *, margin: int = 32, rounds: int = 4):
    """Re-align, in a wider band, only the stretches where the path touched the
    band's edge, between fixed path corners ``margin`` rows before and after."""
    for _ in range(rounds):
        touched = sorted(set(_touched_rows(path, lo, hi, m)))
        if not touched:
            break
        spans = []
        for i in touched:
            if spans and i - spans[-1][1] <= 2 * margin:
                spans[-1][1] = i
            else:
                spans.append([i, i])
        for a, b in reversed(spans):
            ks = max([k for k, bead in enumerate(path) if bead[0] <= a - margin] or [0])
            ke = min([k for k, bead in enumerate(path) if bead[1] >= b + margin] or [len(path) - 1])
            i_s, j_s = path[ks][0], path[ks][2]
            i_e, j_e = path[ke][1], path[ke][3]
            for i in range(i_s, i_e + 1):  # double the band's width here
                width = hi[i] - lo[i] + 1
                lo[i], hi[i] = max(0, lo[i] - width), min(m, hi[i] + width)
            sub_lo = [min(max(lo[i], j_s), j_e) for i in range(i_s, i_e + 1)]
            sub_hi = [max(min(hi[i], j_e), j_s) for i in range(i_s, i_e + 1)]
            sub_lo[0], sub_hi[-1] = j_s, j_e
            for r in range(1, len(sub_lo)):
                sub_lo[r] = max(sub_lo[r], sub_lo[r - 1])
            for r in range(len(sub_hi) - 2, -1, -1):
                sub_hi[r] = min(sub_hi[r], sub_hi[r + 1])
            sub = _dp(scorer, sub_lo, sub_hi, shapes, start=i_s)
            if sub:
                path = path[:ks] + sub + path[ke + 1:]
    return path


def _initial_model(ev: _Evidence, *, near_diagonal: bool = False) -> Model:
    """Length ratio and match rates of the document pair.

    ``c0`` (random pairs) is measured on pairs half a document apart. ``c1``
    (translations) is 4·c0 within [0.3, 0.9] for sentences; for blocks of a
    coarse pass (``near_diagonal``), whose drift from the diagonal is small
    in block units, it is measured on the best-matching block near the
    diagonal, since block pairs share many words by chance.
    """
    total_z, total_e = sum(ev.lz), sum(ev.le) - sum(ev.lt)
    ratio = (total_e / total_z) if total_z > 0 and total_e > 0 else 1.0
    step = max(1, ev.n // 300)
    pairs = [(i, (i * ev.m // ev.n + ev.m // 2) % ev.m) for i in range(0, ev.n, step)]
    c0 = tuple(min(0.5, max(0.005, r)) for r in _rates(ev, pairs))
    c1 = tuple(min(0.9, max(0.3, 4 * r)) for r in c0)
    if near_diagonal:
        best = []
        for i in range(0, ev.n, step):
            d = i * ev.m // ev.n
            best.append(max((_cover(ev, i, j), j) for j in range(max(0, d - 3), min(ev.m, d + 4)))[1])
        c1 = tuple(min(0.95, max(1.5 * a, r))
                   for a, r in zip(c0, _rates(ev, list(zip(range(0, ev.n, step), best)))))
    return Model(ratio=ratio, var=6.8 * ratio, c1=c1, c0=c0)


def _rates(ev: _Evidence, pairs) -> tuple[float, float]:
    """Matched share of zh unit weight and of en key weight over sentence pairs."""
    mz = me = wz = we = 0.0
    for i, j in pairs:
        a, b = ev.pair(i, j)
        mz, me, wz, we = mz + a, me + b, wz + ev.wz[i], we + ev.we[j]
    return (mz / wz if wz else 0.0), (me / we if we else 0.0)


def _search(ev, model, zh_par, en_par, max_bead, slack, zh_feats, en_feats, coarse_above,
            workers=1, coarse=None):
    """The best path, in a band that is widened while the path touches its edge.

    Short documents: a band around the anchor chain. Long ones (more than
    ``coarse_above`` sentences a side): a band around the path of a coarse
    alignment of blocks of sentences (recursively), as vecalign does; ``coarse``
    is that path when the caller has computed it already.
    """
    shapes = model.shapes(max_bead)
    chain = None
    if max(ev.n, ev.m) > coarse_above:
        if coarse is None:
            coarse = _coarse_path(zh_feats, en_feats, max_bead, workers)
        slack = max(4, slack // 3)
    elif max(ev.n, ev.m) > FULL_BELOW:
        chain = _anchor_chain(ev)
    while True:
        if coarse is not None:
            lo, hi = _project(coarse, ev.n, ev.m, slack)
        elif chain is not None:
            lo, hi = _band(ev.n, ev.m, chain, slack)
        else:
            lo, hi = [0] * (ev.n + 1), [ev.m] * (ev.n + 1)
        scorer = _Scorer(ev, model, zh_par, en_par)
        if coarse is not None and workers > 1 and ev.n > PARALLEL_ABOVE:
            path = _two_halves(scorer, lo, hi, shapes)
            if path:
                return path, scorer
        path = _dp(scorer, lo, hi, shapes)
        if path and coarse is not None:
            return _repair(scorer, path, lo, hi, shapes, ev.m), scorer
        full = all(lo[i] == 0 and hi[i] == ev.m for i in range(ev.n + 1))
        if full or slack > max(ev.n, ev.m) or (path and not _touches_edge(path, lo, hi, ev.n, ev.m)):
            return path, scorer
        slack *= 2


PARALLEL_ABOVE = 4000  # long documents: the two halves of the path in two processes


def _split_point(ev: _Evidence, lo, hi, *, window: int = 200) -> tuple[int, int] | None:
    """A clear 1-1 pair near the middle of the band: within ``window`` rows of
    the middle, the sentence pair whose coverage most exceeds that of every
    other English sentence in the band row (at least 0.3, and 1.5 times it)."""
    best = None
    mid = ev.n // 2
    for i in range(max(1, mid - window), min(ev.n - 1, mid + window)):
        scored = sorted(((_cover(ev, i, j), j) for j in range(lo[i] + 2, min(ev.m, hi[i] - 1))),
                        reverse=True)
        if len(scored) < 2:
            continue
        (top, j), (second, _) = scored[0], scored[1]
        if top >= 0.3 and top >= 1.5 * second and (best is None or top - second > best[0]):
            best = (top - second, i, j)
    return None if best is None else (best[1], best[2])


def _half(scorer, lo, hi, shapes, start, conn=None):
    path = _dp(scorer, lo, hi, shapes, start=start)
    if path:
        path = _repair(scorer, path, lo if start == 0 else [0] * start + lo,
                       hi if start == 0 else [0] * start + hi, shapes, scorer.ev.m)
    if conn is None:
        return path
    conn.send(path)
    conn.close()
    return None


def _two_halves(scorer, lo, hi, shapes):
    """Align the two halves of a long document in two processes (fork), split at
    a high-confidence anchor pair that the path is forced through. ``[]`` if
    there is no usable anchor or no fork."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return []
    split = _split_point(scorer.ev, lo, hi)
    if split is None:
        return []
    ia, ja = split
    lo_a = [min(x, ja) for x in lo[:ia + 1]]
    hi_a = [min(x, ja) for x in hi[:ia + 1]]
    lo_a[-1], hi_a[-1] = ja, ja
    lo_b = [max(x, ja) for x in lo[ia:]]
    hi_b = [max(x, ja) for x in hi[ia:]]
    lo_b[0] = ja
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_half, args=(scorer, lo_a, hi_a, shapes, 0, send))
    child.start()
    send.close()
    second = _half(scorer, lo_b, hi_b, shapes, ia)
    first = receive.recv()
    child.join()
    if not first or not second:
        return []
    return first + second


BLOCK = 8  # sentences per block of the coarse alignment
FULL_BELOW = 150  # no band at all up to this many sentences (or blocks) a side
COARSE_BLOCKS_ABOVE = 300  # blocks are themselves aligned coarse-to-fine above this


def _coarse_path(zh_feats, en_feats, max_bead, workers=1):
    """Align blocks of BLOCK Chinese sentences (and as many English ones as the
    document's sentence ratio gives); returns the block path with block sizes."""
    n, m = len(zh_feats), len(en_feats)
    kz = BLOCK
    ke = max(1, round(BLOCK * m / n))
    # a block's words, each once; single characters (many loose senses) left out
    zb = [ZhSentence(list({u[0]: u for f in zh_feats[a:a + kz] for u in f.units if len(u[0]) > 1}.values()),
                     sum(f.length for f in zh_feats[a:a + kz]),
                     sum(f.latin for f in zh_feats[a:a + kz])) for a in range(0, n, kz)]
    eb = [EnSentence(list(dict.fromkeys(k for f in en_feats[a:a + ke] for k in f.keys)),
                     sum(f.length for f in en_feats[a:a + ke])) for a in range(0, m, ke)]
    ev = _Evidence(zb, eb)
    model = _initial_model(ev, near_diagonal=True)
    path, _ = _search(ev, model, None, None, max_bead, 12, zb, eb, COARSE_BLOCKS_ABOVE, workers)
    return path, kz, ke


def _project(coarse, n: int, m: int, slack: int) -> tuple[list[int], list[int]]:
    """Sentence-level band: the coarse path, drawn as straight lines through each
    coarse bead, widened by half an English block plus ``slack`` on each side."""
    path, kz, ke = coarse
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    width = ke // 2 + slack
    for bi0, bi1, bj0, bj1 in path:
        i0, i1 = min(n, bi0 * kz), min(n, bi1 * kz)
        j0, j1 = min(m, bj0 * ke), min(m, bj1 * ke)
        for i in range(i0, i1 + 1):
            if i1 > i0:
                c0 = c1 = j0 + (j1 - j0) * (i - i0) / (i1 - i0)
            else:
                c0, c1 = j0, j1
            a, b = max(0, int(c0) - width), min(m, int(c1) + 1 + width)
            if a < lo[i]:
                lo[i] = a
            if b > hi[i]:
                hi[i] = b
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n + 1):
        lo[i] = min(lo[i], hi[i])
    for i in range(n):
        lo[i + 1] = min(lo[i + 1], hi[i] + 3)
    return lo, hi


def _groups(paragraphs: Sequence[int]) -> list[tuple[int, int]]:
    """Sentence ranges [start, end) of consecutive sentences sharing a paragraph number."""
    out: list[tuple[int, int]] = []
    for k, p in enumerate(paragraphs):
        if k and p == paragraphs[k - 1]:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def _paragraph_blocks(zh, en, zh_par, en_par, lexicon, max_bead):
    """Align paragraphs first (same model, paragraphs as units). Returns the
    sentence blocks (i0, i1, j0, j1) of the paragraph beads, or ``None`` when
    either side has fewer than two paragraphs."""
    zg, eg = _groups(zh_par), _groups(en_par)
    if len(zg) < 2 or len(eg) < 2:
        return None
    para_beads = align(["".join(zh[a:b]) for a, b in zg], [" ".join(en[a:b]) for a, b in eg],
                       lexicon=lexicon, max_bead=max_bead)
    blocks = []
    zi = ej = 0
    for bead in para_beads:
        zi1 = zg[bead.zh[-1]][1] if bead.zh else zi
        ej1 = eg[bead.en[-1]][1] if bead.en else ej
        blocks.append((zi, zi1, ej, ej1))
        zi, ej = zi1, ej1
    return blocks


def _within_blocks(scorer: _Scorer, blocks, shapes):
    """Sentence path inside each paragraph block; unaligned paragraphs stay unaligned."""
    path = []
    for i0, i1, j0, j1 in blocks:
        if i0 == i1 or j0 == j1:
            path.extend((i, i + 1, j0, j0) for i in range(i0, i1))
            path.extend((i1, i1, j, j + 1) for j in range(j0, j1))
            continue
        rows = i1 - i0
        path.extend(_dp(scorer, [j0] * rows + [j0], [j1] * (rows + 1), shapes, start=i0))
    return path


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _evidence_score(scorer: _Scorer, i0: int, i1: int, j0: int, j1: int) -> float:
    """Lexical LLR + length log-probability of a linked bead, computed exactly
    (set unions, not the DP's pairwise sums) and without the shape prior."""
    ev = scorer.ev
    en_set = frozenset().union(*ev.en_sets[j0:j1])
    zh_set = frozenset().union(*ev.zh_index[i0:i1])
    mz = sum(w for i in range(i0, i1) for w, keys in ev.zh_units[i] if not keys.isdisjoint(en_set))
    me = sum(w for j in range(j0, j1) for k, w in ev.en_keys[j] if k in zh_set)
    wz, we = ev.cwz[i1] - ev.cwz[i0], ev.cwe[j1] - ev.cwe[j0]
    zh_hit, zh_miss, en_hit, en_miss = scorer.ratios[i1 - i0][j1 - j0]
    lex = mz * zh_hit + (wz - mz) * zh_miss + me * en_hit + (we - me) * en_miss
    numbers = frozenset().union(*ev.zh_numbers[i0:i1]) ^ frozenset().union(*ev.en_numbers[j0:j1])
    lex -= scorer.model.number_penalty * len(numbers)
    length = _length_logp(ev.clz[i1] - ev.clz[i0], ev.clt[i1] - ev.clt[i0],
                          ev.cle[j1] - ev.cle[j0], scorer.model)
    return lex + length


TYPICAL_LENGTH_LOGP = -0.7  # a true pair with |δ| about 0.67 (the median of a normal)


def _confidence(scorer: _Scorer, path, k: int) -> float:
    """How sure the aligner is of bead ``path[k]``, in [0, 1].

    Linked bead: ``sigmoid(lexical LLR + length log-probability + 0.7)``: the
    evidence that the two sides translate each other rather than being a
    random pair, with a length fit as good as a typical true pair's counting
    as neutral. Unaligned sentence: the complement of the same quantity for
    its best alternative: a 1-1 link with a sentence facing its gap, or
    joining the linked bead just before or after it (the gain in evidence).
    """
    i0, i1, j0, j1 = path[k]
    if i1 > i0 and j1 > j0:
        return round(_sigmoid(_evidence_score(scorer, i0, i1, j0, j1) - TYPICAL_LENGTH_LOGP), 4)
    ev = scorer.ev
    if i1 > i0:
        options = [(i0, i1, j, j + 1) for j in (j0 - 1, j0) if 0 <= j < ev.m]
    else:
        options = [(i, i + 1, j0, j1) for i in (i0 - 1, i0) if 0 <= i < ev.n]
    best = max((_evidence_score(scorer, *o) - TYPICAL_LENGTH_LOGP for o in options), default=-50.0)
    for near in (k - 1, k + 1):
        if 0 <= near < len(path):
            a0, a1, b0, b1 = path[near]
            if a1 > a0 and b1 > b0 and max(a1, i1) - min(a0, i0) < 8 and max(b1, j1) - min(b0, j0) < 8:
                joined = (min(a0, i0), max(a1, i1), min(b0, j0), max(b1, j1))
                gain = _evidence_score(scorer, *joined) - _evidence_score(scorer, a0, a1, b0, b1)
                best = max(best, gain)
    return round(1.0 - _sigmoid(best), 4)


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    zh_paragraphs: Sequence[int] | None = None,
    en_paragraphs: Sequence[int] | None = None,
    lexicon: Lexicon | None = None,
    max_bead: int = 3,
    slack: int = 12,
    coarse_above: int = 1000,
    workers: int = 2,
) -> list[Bead]:
    """Align two lists of sentences; return beads covering each sentence once, in order.

    ``zh_paragraphs``/``en_paragraphs`` give each sentence's paragraph number:
    with both, paragraphs are aligned first and sentences are aligned within
    the aligned paragraphs; beads crossing or straddling a paragraph
    boundary are penalised. ``lexicon`` defaults
    to :func:`tm.lexicon.load_lexicon`. ``max_bead`` bounds the sentences on
    one side of a bead (1-3). ``slack`` is the initial half-width of the
    search band around the anchor path (widened automatically). Above
    ``coarse_above`` sentences, the band comes from a coarse alignment of
    blocks of sentences instead of anchors. ``workers``: with 2 or more and
    more than 4,000 sentences, the two halves of the path are computed in two
    processes (fork; serial where fork is unavailable).
    """
    if not 1 <= max_bead <= 3:
        raise ValueError("max_bead must be 1, 2 or 3")
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if lexicon is None:
        lexicon = load_lexicon()
    names: dict[str, str] = {}
    for s in en:
        names.update(name_keys(s))
    zh_feats = [zh_sentence(s, lexicon, names) for s in zh]
    found = frozenset(uid[3:] for f in zh_feats for uid, _ in f.units if uid.startswith("py:"))
    en_feats = [en_sentence(s, found) for s in en]
    coarse = None
    if max(n, m) > coarse_above and (zh_paragraphs is None or en_paragraphs is None):
        # before the sentence evidence exists: the peak memory holds one of the two
        coarse = _coarse_path(zh_feats, en_feats, max_bead, workers)
    ev = _Evidence(zh_feats, en_feats)
    model = _initial_model(ev)
    blocks = None
    if zh_paragraphs is not None and en_paragraphs is not None:
        blocks = _paragraph_blocks(zh, en, zh_paragraphs, en_paragraphs, lexicon, max_bead)
    if blocks is not None:
        scorer = _Scorer(ev, model, zh_paragraphs, en_paragraphs)
        path = _within_blocks(scorer, blocks, model.shapes(max_bead))
    else:
        path, scorer = _search(ev, model, zh_paragraphs, en_paragraphs, max_bead, slack,
                               zh_feats, en_feats, coarse_above, workers, coarse)
    beads = []
    for k, (i0, i1, j0, j1) in enumerate(path):
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), _confidence(scorer, path, k)))
    return beads


# --- documents -----------------------------------------------------------------


@dataclass
class Alignment:
    """Two segmented documents and the beads that align them."""

    zh: list[Segment]
    en: list[Segment]
    beads: list[Bead]


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters (ideographs and Latin letters) of ``text``."""
    cjk = latin = 0
    for ch in text:
        if is_cjk(ch):
            cjk += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    return cjk / (cjk + latin) if cjk + latin else 0.0


def check_languages(zh_text: str, en_text: str, *, zh_name: str | None = None,
                    en_name: str | None = None) -> None:
    """Raise :class:`InputError` for an empty document, the same language on both
    sides, or swapped languages. A side is Chinese when at least 30% of its
    letters are ideographs (English with a few Chinese names stays English).
    """
    zh_name = zh_name or "Chinese document"
    en_name = en_name or "English document"
    for text, name in ((zh_text, zh_name), (en_text, en_name)):
        if not text.strip():
            raise InputError("empty document", path=name)
    zh_is_zh = cjk_ratio(zh_text) >= 0.3
    en_is_zh = cjk_ratio(en_text) >= 0.3
    if not zh_is_zh and en_is_zh:
        raise InputError(f"languages are swapped: this is English and {en_name} is Chinese",
                         path=zh_name)
    if zh_is_zh and en_is_zh:
        raise InputError("expected English, found Chinese (same language on both sides)",
                         path=en_name)
    if not zh_is_zh:
        raise InputError("expected Chinese, found English (same language on both sides)",
                         path=zh_name)


def align_texts(
    zh_text: str,
    en_text: str,
    *,
    presegmented: bool = False,
    lexicon: Lexicon | None = None,
    glossary: Mapping[str, Sequence[str]] | None = None,
    zh_name: str | None = None,
    en_name: str | None = None,
    max_bead: int = 3,
) -> Alignment:
    """Check, segment and align two documents.

    ``presegmented``: one sentence per line, no re-splitting (and no paragraph
    information). ``glossary`` maps Chinese terms to English renderings and is
    used as extra lexicon entries. ``zh_name``/``en_name`` name the inputs in
    error messages.
    """
    check_languages(zh_text, en_text, zh_name=zh_name, en_name=en_name)
    if presegmented:
        zh_segs, en_segs = split_lines(zh_text), split_lines(en_text)
        zh_par = en_par = None
    else:
        zh_segs, en_segs = segment_zh(zh_text), segment_en(en_text)
        zh_par = [s.paragraph for s in zh_segs]
        en_par = [s.paragraph for s in en_segs]
    if glossary:
        lexicon = (lexicon or load_lexicon()).copy()
        for term, renderings in glossary.items():
            lexicon.add(term, renderings)
    beads = align([s.text for s in zh_segs], [s.text for s in en_segs],
                  zh_paragraphs=zh_par, en_paragraphs=en_par, lexicon=lexicon, max_bead=max_bead)
    return Alignment(zh_segs, en_segs, beads)
