"""Sentence alignment of a Chinese document and its English translation.

The aligner scores every candidate bead (0-3 sentences a side) with a sum of
log-probability-like terms and finds the best monotone sequence of beads by
dynamic programming, restricted to a band around an anchor path:

1. **Evidence** (``tm.anchors``): each sentence becomes a bag of keys in one
   space: English content words (stemmed) against CC-CEDICT glosses of the
   Chinese words, numbers (万/亿 resolved), Latin acronyms, pinyin of names,
   list/heading numbers. Keys are IDF-weighted within each document.
2. **Lexical score**: for a bead, the weighted share of Chinese units with a
   translation on the English side and of English keys with a source on the
   Chinese side gives matched weight ``M`` out of total ``W``; the score is
   the log-likelihood ratio ``M·log(c1/c0) + (W-M)·log((1-c1)/(1-c0))`` of a
   Bernoulli "translation" model (match rate ``c1``) against a "random pair"
   model (``c0``). Both rates are estimated from the document pair. The
   score grows with bead size, so beads of different shapes compete fairly.
3. **Length score** (Gale & Church): English characters ~ Normal(c·zh, s²·zh),
   with ``c`` the document's own character ratio and ``s²`` re-estimated
   from the first pass.
4. **Shape prior** (log-probability of 1-1, 1-2, ...; re-estimated from the
   first pass) and a penalty for a bead that crosses a paragraph boundary.
   1-0 and 0-1 beads only pay their prior, so material without a
   counterpart is left unaligned rather than glued to a neighbour.
5. **Search**: rare shared keys propose anchor pairs; the heaviest monotone
   chain of them (a weighted longest increasing subsequence) defines a band;
   the DP runs in the band only, and the band is widened and the DP rerun if
   the best path touches its edge. Cost is O((N+M)·band·shapes).

Confidence of a bead is ``sigmoid(lexical LLR + length evidence)``; see
:func:`_confidence`.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .anchors import EnSentence, ZhSentence, en_sentence, name_keys, zh_sentence
from .errors import InputError
from .lexicon import Lexicon, load_lexicon
from .models import Bead, Segment

#: Default shape probabilities (zh-en: Chinese sentences are often split).
DEFAULT_PRIOR = {
    (1, 1): 0.60, (1, 2): 0.16, (2, 1): 0.06, (1, 3): 0.05, (3, 1): 0.01,
    (2, 2): 0.03, (2, 3): 0.01, (3, 2): 0.005, (1, 0): 0.01, (0, 1): 0.01,
}

NEG = -1e18


@dataclass
class Model:
    """The parameters of one alignment pass (estimated from the documents)."""

    ratio: float                      # English chars per Chinese char
    var: float                        # variance per Chinese char
    c1: tuple[float, float]           # match rate (zh units, en keys) of translations
    c0: tuple[float, float]           # match rate (zh units, en keys) of random pairs
    prior: dict[tuple[int, int], float] = field(default_factory=lambda: dict(DEFAULT_PRIOR))
    lex_weight: float = 0.5
    paragraph_penalty: float = 4.0

    def shapes(self, max_bead: int) -> list[tuple[int, int, float]]:
        out = []
        for (a, b), p in self.prior.items():
            if a <= max_bead and b <= max_bead and p > 0:
                out.append((a, b, math.log(p)))
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
        self.zh_index: list[dict[str, list[int]]] = []
        self.wz = array("d")
        for s in zh:
            units, index, total = [], {}, 0.0
            for uid, keys in s.units:
                weight = zw[uid] / zmean
                if len(uid) == 1 and "\u3400" <= uid <= "\u9fff":
                    weight *= 0.5  # single characters have many loose senses
                for key in keys:
                    index.setdefault(key, []).append(len(units))
                units.append((weight, keys))
                total += weight
            self.zh_units.append(units)
            self.zh_index.append(index)
            self.wz.append(total)
        self.en_keys = [[(k, ew[k] / emean) for k in s.keys] for s in en]
        self.we = array("d", (sum(w for _, w in keys) for keys in self.en_keys))
        self.en_df = en_df
        self.en_by_key: dict[str, list[int]] = {}
        for j, s in enumerate(en):
            for k in s.keys:
                self.en_by_key.setdefault(k, []).append(j)
        self.lz = array("d", (s.length for s in zh))
        self.le = array("d", (s.length for s in en))

    def pair(self, i: int, j: int) -> tuple[float, float]:
        """Matched weight (zh side, en side) of zh sentence i against en sentence j."""
        index = self.zh_index[i]
        if not index:
            return 0.0, 0.0
        units = self.zh_units[i]
        me = 0.0
        hit: set[int] = set()
        for key, weight in self.en_keys[j]:
            found = index.get(key)
            if found is not None:
                me += weight
                hit.update(found)
        mz = sum(units[u][0] for u in hit)
        return mz, me


def _cover(ev: _Evidence, i: int, j: int) -> float:
    mz, me = ev.pair(i, j)
    total = ev.wz[i] + ev.we[j]
    return (mz + me) / total if total else 0.0


# --- anchors and band ----------------------------------------------------------


def _anchor_chain(ev: _Evidence, *, rare: int = 3, min_cover: float = 0.2) -> list[tuple[int, int]]:
    """High-confidence 1-1 pairs found through rare keys, as a monotone chain."""
    candidates: list[tuple[int, int, float]] = []
    for i in range(ev.n):
        votes: Counter = Counter()
        for key in ev.zh_index[i]:
            js = ev.en_by_key.get(key)
            if js is not None and len(js) <= rare:
                for j in js:
                    votes[j] += 1
        if not votes:
            continue
        scored = sorted(((_cover(ev, i, j), j) for j, _ in votes.most_common(6)), reverse=True)
        best, j = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best >= min_cover and best >= 1.3 * second:
            candidates.append((i, j, best))
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
    return lo, hi


# --- scoring -----------------------------------------------------------------


def _length_logp(lz: float, le: float, model: Model) -> float:
    mean = (lz + le / model.ratio) / 2 or 1.0
    delta = (le - model.ratio * lz) / math.sqrt(model.var * mean)
    tail = math.erfc(abs(delta) / math.sqrt(2.0))
    return math.log(tail) if tail > 1e-300 else -690.0


class _Scorer:
    def __init__(self, ev: _Evidence, model: Model, zh_par, en_par):
        self.ev, self.model = ev, model
        self.zh_par, self.en_par = zh_par, en_par
        self.ratios = {}
        (c1z, c1e), (c0z, c0e) = model.c1, model.c0
        lam = model.lex_weight
        for a in range(4):
            for b in range(4):
                if a and b:
                    # a zh unit of a bead with b English sentences: in a translation it is
                    # matched with rate c1 by its own counterpart, plus chance matches in
                    # the other b-1 sentences; in a random pairing, chance in all b
                    p1 = 1 - (1 - c1z) * (1 - c0z) ** (b - 1)
                    p0 = 1 - (1 - c0z) ** b
                    q1 = 1 - (1 - c1e) * (1 - c0e) ** (a - 1)
                    q0 = 1 - (1 - c0e) ** a
                    self.ratios[a, b] = (lam * math.log(p1 / p0), lam * math.log((1 - p1) / (1 - p0)),
                                         lam * math.log(q1 / q0), lam * math.log((1 - q1) / (1 - q0)))
        self.rows: dict[int, tuple[int, array, array]] = {}

    def row(self, i: int, lo: int, hi: int) -> tuple[int, array, array]:
        """Prefix sums over j in [lo, hi) of pair matches of zh sentence i."""
        pz, pe = array("d", [0.0]), array("d", [0.0])
        sz = se = 0.0
        for j in range(lo, hi):
            mz, me = self.ev.pair(i, j)
            sz += mz
            se += me
            pz.append(sz)
            pe.append(se)
        out = (lo, pz, pe)
        self.rows[i] = out
        return out

    def parts(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(lexical LLR, length log-probability) of the bead zh[i0:i1] / en[j0:j1]."""
        ev = self.ev
        mz = me = 0.0
        for i in range(i0, i1):
            start, pz, pe = self.rows[i]
            a, b = j0 - start, j1 - start
            mz += pz[b] - pz[a]
            me += pe[b] - pe[a]
        wz = sum(ev.wz[i0:i1])
        we = sum(ev.we[j0:j1])
        mz, me = min(mz, wz), min(me, we)
        zh_hit, zh_miss, en_hit, en_miss = self.ratios[i1 - i0, j1 - j0]
        lex = mz * zh_hit + (wz - mz) * zh_miss + me * en_hit + (we - me) * en_miss
        lz = sum(ev.lz[i0:i1])
        le = sum(ev.le[j0:j1])
        return lex, _length_logp(lz, le, self.model)

    def crossings(self, i0: int, i1: int, j0: int, j1: int) -> int:
        n = 0
        if self.zh_par is not None and i1 - i0 > 1:
            n += self.zh_par[i1 - 1] != self.zh_par[i0]
        if self.en_par is not None and j1 - j0 > 1:
            n += self.en_par[j1 - 1] != self.en_par[j0]
        return n


def _dp(scorer: _Scorer, lo: list[int], hi: list[int], shapes) -> list[tuple[int, int, int, int]]:
    n = len(lo) - 1
    ev = scorer.ev
    max_a = max(a for a, _, _ in shapes)
    max_b = max(b for _, b, _ in shapes)
    # pair rows cover every j a bead ending in the band can reach
    for k in range(n):
        scorer.row(k, lo[max(0, k - max_a + 1)], hi[min(n, k + max_a)])
    score: list[array] = []
    back: list[bytearray] = []
    penalty = scorer.model.paragraph_penalty
    for i in range(n + 1):
        width = hi[i] - lo[i] + 1
        row = array("d", [NEG]) * width
        ptr = bytearray(width)
        for jj in range(width):
            j = lo[i] + jj
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, arg = NEG, 0
            for s, (a, b, logp) in enumerate(shapes):
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = row[jj - b] if a == 0 else score[pi][pj - lo[pi]]
                if prev <= NEG:
                    continue
                total = prev + logp
                if a and b:
                    lex, length = scorer.parts(pi, i, pj, j)
                    total += lex + length
                    if penalty:
                        total -= penalty * scorer.crossings(pi, i, pj, j)
                if total > best:
                    best, arg = total, s
            row[jj] = best
            ptr[jj] = arg
        score.append(row)
        back.append(ptr)
    path = []
    i, j = n, hi[n]
    while i > 0 or j > 0:
        a, b, _ = shapes[back[i][j - lo[i]]]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


def _touches_edge(path, lo, hi, n, m) -> bool:
    for i0, i1, j0, j1 in path:
        for i, j in ((i0, j0), (i1, j1)):
            if (j <= lo[i] + 1 and lo[i] > 0) or (j >= hi[i] - 1 and hi[i] < m):
                return True
    return False


def _estimate(ev: _Evidence, path, model: Model, max_bead: int) -> Model:
    """Re-estimate variance, match rate and shape prior from a first-pass path."""
    ones = [(i0, j0) for i0, i1, j0, j1 in path if i1 - i0 == 1 and j1 - j0 == 1]
    var = model.var
    devs = sorted((ev.le[j] - model.ratio * ev.lz[i]) ** 2 / max(1.0, (ev.lz[i] + ev.le[j] / model.ratio) / 2)
                  for i, j in ones)
    if len(devs) >= 20:
        # a robust variance: the median of squared deviations / 0.455 (chi-square, 1 dof)
        var = max(1.0, devs[len(devs) // 2] / 0.455)
    c1 = model.c1
    if len(ones) >= 20:
        c1 = tuple(min(0.9, max(2 * c0, r)) for c0, r in zip(model.c0, _rates(ev, ones)))
    counts = Counter((i1 - i0, j1 - j0) for i0, i1, j0, j1 in path)
    total = sum(counts.values())
    prior = {}
    for shape, p in model.prior.items():
        # shrink towards the default prior: 20 pseudo-beads
        prior[shape] = (counts.get(shape, 0) + 20 * p) / (total + 20)
    return Model(model.ratio, var, c1, model.c0, prior, model.lex_weight, model.paragraph_penalty)


def _initial_model(ev: _Evidence) -> Model:
    total_z, total_e = sum(ev.lz), sum(ev.le)
    ratio = (total_e / total_z) if total_z and total_e else 1.0
    # random-pair match rates from pairs far apart in the documents
    step = max(1, ev.n // 300)
    pairs = [(i, (i * ev.m // ev.n + ev.m // 2) % ev.m) for i in range(0, ev.n, step)]
    c0 = tuple(min(0.5, max(0.005, r)) for r in _rates(ev, pairs))
    c1 = tuple(min(0.9, max(0.3, 4 * r)) for r in c0)
    return Model(ratio=ratio, var=6.8 * ratio, c1=c1, c0=c0)


def _rates(ev: _Evidence, pairs) -> tuple[float, float]:
    """Matched share of zh unit weight and of en key weight over sentence pairs."""
    mz = me = wz = we = 0.0
    for i, j in pairs:
        a, b = ev.pair(i, j)
        mz, me, wz, we = mz + a, me + b, wz + ev.wz[i], we + ev.we[j]
    return (mz / wz if wz else 0.0), (me / we if we else 0.0)


def _search(ev, model, zh_par, en_par, chain, max_bead, slack):
    shapes = model.shapes(max_bead)
    while True:
        lo, hi = _band(ev.n, ev.m, chain, slack)
        scorer = _Scorer(ev, model, zh_par, en_par)
        path = _dp(scorer, lo, hi, shapes)
        full = all(lo[i] == 0 and hi[i] == ev.m for i in range(ev.n + 1))
        if full or not _touches_edge(path, lo, hi, ev.n, ev.m) or slack > max(ev.n, ev.m):
            return path, scorer
        slack *= 2


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _confidence(scorer: _Scorer, i0, i1, j0, j1) -> float:
    """sigmoid(lexical LLR + length log-probability relative to a typical pair).

    A typical true 1-1 pair has a length log-probability of about -0.7 (|δ|
    around 0.67); better than that counts for the bead, worse against it.
    1-0 and 0-1 beads get the complement of the best link their sentence has
    with the sentences facing it.
    """
    if i1 > i0 and j1 > j0:
        lex, length = scorer.parts(i0, i1, j0, j1)
        return round(_sigmoid(lex + length + 0.7), 4)
    return 0.5


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    zh_paragraphs: Sequence[int] | None = None,
    en_paragraphs: Sequence[int] | None = None,
    lexicon: Lexicon | None = None,
    max_bead: int = 3,
    slack: int = 12,
    passes: int = 1,
) -> list[Bead]:
    """Align two lists of sentences; return beads covering each sentence once, in order.

    ``zh_paragraphs``/``en_paragraphs`` give each sentence's paragraph number
    (beads crossing a paragraph boundary are penalised). ``lexicon`` defaults
    to :func:`tm.lexicon.load_lexicon`. ``max_bead`` bounds the sentences on
    one side of a bead (1-3). ``slack`` is the initial half-width of the
    search band around the anchor path (widened automatically). ``passes``:
    the first pass uses default parameters, later passes re-estimate them.
    """
    if not 1 <= max_bead <= 3:
        raise ValueError("max_bead must be 1, 2 or 3")
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if lexicon is None:
        lexicon = load_lexicon()
    en_feats = [en_sentence(s) for s in en]
    names = frozenset().union(*(name_keys(s) for s in en))
    zh_feats = [zh_sentence(s, lexicon, names) for s in zh]
    ev = _Evidence(zh_feats, en_feats)
    chain = _anchor_chain(ev)
    model = _initial_model(ev)
    path, scorer = _search(ev, model, zh_paragraphs, en_paragraphs, chain, max_bead, slack)
    for _ in range(passes - 1):
        model = _estimate(ev, path, model, max_bead)
        path, scorer = _search(ev, model, zh_paragraphs, en_paragraphs, chain, max_bead, slack)
    beads = []
    for i0, i1, j0, j1 in path:
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)),
                          _confidence(scorer, i0, i1, j0, j1)))
    return beads
