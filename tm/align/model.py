"""The aligner's scoring model: per-sentence evidence, bead scores, confidence.

:class:`Evidence` turns the sentences' keys (``tm.align.features``) into IDF-weighted
units and prefix sums; :class:`Scorer` scores a bead (lexical log-likelihood
ratio + Gale & Church length log-probability + paragraph penalties);
:func:`confidence` turns a path's bead into a number in [0, 1]. The search
that uses them is in ``tm.align.search``.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tm.align.features import EnSentence, ZhSentence
from tm.text.zh import is_cjk

#: Default shape probabilities (zh-en: Chinese sentences are often split).
DEFAULT_PRIOR = {
    (1, 1): 0.60, (1, 2): 0.16, (2, 1): 0.06, (1, 3): 0.05, (3, 1): 0.01,
    (2, 2): 0.03, (2, 3): 0.01, (3, 2): 0.005, (1, 4): 0.02, (4, 1): 0.002,
    (1, 0): 0.01, (0, 1): 0.01,
}

NEG = -1e18

#: Model fields for beads of sentences, learned on mac-dev as a whole (bench/align_learn.py,
#: docs/align.md); the dataclass defaults below are the hand-set model, kept for paragraphs
#: (the units of the first pass, which the learning never saw) and coarse blocks.
SENTENCE_MODEL: dict = {
    "hit_weight": 0.49, "miss_weight": 0.35, "length_weight": 0.85, "number_penalty": 1.0,
    "skip_continue": 0.1, "quote_penalty": 3.0,
    "prior": {(1, 1): 0.98923, (1, 2): 0.16, (2, 1): 0.09892, (1, 3): 0.05, (3, 1): 0.01, (2, 2): 0.03,
              (2, 3): 0.01, (3, 2): 0.005, (1, 4): 0.02, (4, 1): 0.002, (1, 0): 0.001, (0, 1): 0.001},
}


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
    length_weight: float = 1.0        # weight of the length log-probability against the lexical LLR
    quote_penalty: float = 0.0        # one side of a bead ends a quotation, the other does not
    # sentence embeddings (tm.align.semantic), when a model runs: a bead gains
    # sem_weight · ((a + b) / 2)^sem_size · (z − sem_threshold), z the bead's cosine
    # standardised by the cosine of random pairs of the same documents
    sem_weight: float = 0.0
    sem_threshold: float = 2.0
    sem_size: float = 0.5
    sem_shape: dict[tuple[int, int], float] = field(default_factory=dict)  # per-shape factor (default 1)

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


class Evidence:
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
                if len(uid) == 1 and is_cjk(uid):
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
        # 1 where a sentence ends a quotation (a turn of dialogue), see features.*_closes_quote
        self.zq = np.fromiter((s.closes_quote for s in zh), dtype=bool, count=self.n)
        self.eq = np.fromiter((s.closes_quote for s in en), dtype=bool, count=self.m)
        self.lz = array("d", (s.length for s in zh))
        self.lt = array("d", (s.latin for s in zh))
        self.le = array("d", (s.length for s in en))
        # prefix sums: totals of any run of sentences in O(1)
        self.cwz, self.cwe = _prefix(self.wz), _prefix(self.we)
        self.clz, self.cle, self.clt = _prefix(self.lz), _prefix(self.le), _prefix(self.lt)
        self.cnz = _prefix(array("d", (bool(x) for x in self.zh_numbers)))
        self.cne = _prefix(array("d", (bool(x) for x in self.en_numbers)))
        # the English keys as integer ids, all sentences end to end (for Scorer.row)
        self.key_id = {k: n for n, k in enumerate(en_df)}
        counts = [len(keys) for keys in self.en_keys]
        self.en_ptr = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        key_id = self.key_id
        self.en_ids = np.fromiter((key_id[k] for keys in self.en_keys for k, _ in keys), dtype=np.int32,
                                  count=int(self.en_ptr[-1]))
        self.en_w = np.fromiter((w for keys in self.en_keys for _, w in keys), dtype=np.float64,
                                count=int(self.en_ptr[-1]))
        self.en_owner = np.repeat(np.arange(self.m, dtype=np.int32), counts)
        self.key_position = np.full(len(key_id), -1, dtype=np.int32)  # scratch for Scorer.row
        self._key_arrays: dict[int, tuple] = {}

    def key_arrays(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Chinese sentence i's keys that some English sentence has, as sorted ids;
        for each of them (CSR: ``key_ptr``) the units holding it; the units' weights."""
        out = self._key_arrays.get(i)
        if out is None:
            get = self.key_id.get
            ids: list[int] = []
            owners: list[int] = []
            for u, (_, keys) in enumerate(self.zh_units[i]):
                found = [k for k in map(get, keys) if k is not None]
                ids += found
                owners += [u] * len(found)
            order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")  # units ascending per key
            ids_sorted = np.array(ids, dtype=np.int64)[order]
            keys, first = np.unique(ids_sorted, return_index=True)
            key_ptr = np.append(first, len(ids)).astype(np.int64)
            key_units = np.array(owners, dtype=np.int64)[order]
            unit_weight = np.array([w for w, _ in self.zh_units[i]], dtype=np.float64)
            out = (keys, key_ptr, key_units, unit_weight)
            self._key_arrays[i] = out
        return out

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


def cover(ev: Evidence, i: int, j: int) -> float:
    mz, me = ev.pair(i, j)
    total = ev.wz[i] + ev.we[j]
    return (mz + me) / total if total else 0.0


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


class Scorer:
    def __init__(self, ev: Evidence, model: Model, zh_par, en_par, semantic=None):
        self.ev, self.model = ev, model
        self.semantic = semantic if model.sem_weight else None
        self.sem_scale = [[model.sem_weight * model.sem_shape.get((a, b), 1.0) * ((a + b) / 2) ** model.sem_size
                           for b in range(9)] for a in range(9)]
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
        self.rows: dict[int, tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def row(self, i: int, lo: int, hi: int) -> None:
        """Prefix sums over j in [lo, hi) of zh sentence i's matches, and of the
        double counts a multi-sentence bead must subtract: zh units of i matched
        in both j-1 and j, en keys of j matched by both i and i+1.

        All of the row at once with numpy over integer key ids
        (:meth:`Evidence.key_arrays`); tests/tm/align/test_align_search.py holds it
        to the same computation one English sentence at a time, with Python sets."""
        ev = self.ev
        width = max(0, hi - lo)
        keys, key_ptr, key_units, unit_weight = ev.key_arrays(i)
        zeros = np.zeros(width)
        s, e = ev.en_ptr[lo], ev.en_ptr[max(lo, hi)]
        if len(keys) and e > s:
            pos = ev.key_position
            pos[keys] = np.arange(len(keys), dtype=np.int32)
            p = pos[ev.en_ids[s:e]]
            pos[keys] = -1
            hit = np.flatnonzero(p >= 0)
        else:
            hit = np.zeros(0, dtype=np.intp)
        if len(hit) == 0:
            mz = me = sd = ss = zeros
        else:
            hp = p[hit]
            hj = ev.en_owner[s:e][hit] - lo
            hw = ev.en_w[s:e][hit]
            me = np.bincount(hj, weights=hw, minlength=width)
            ss = zeros
            if i + 1 < ev.n:  # keys of i and i+1
                both = np.isin(keys, ev.key_arrays(i + 1)[0], assume_unique=True)[hp]
                if both.any():
                    ss = np.bincount(hj[both], weights=hw[both], minlength=width)
            # the zh units each matched key belongs to, once per English sentence
            starts, counts = key_ptr[hp], key_ptr[hp + 1] - key_ptr[hp]
            total = int(counts.sum())
            first = np.cumsum(counts) - counts
            units = key_units[np.repeat(starts - first, counts) + np.arange(total)]
            matched = np.zeros((width, len(unit_weight)), dtype=bool)
            matched[np.repeat(hj, counts), units] = True
            rows, cols = np.nonzero(matched)
            mz = np.bincount(rows, weights=unit_weight[cols], minlength=width)
            rows, cols = np.nonzero(matched[1:] & matched[:-1])
            sd = np.zeros(width)
            if len(rows):
                sd[1:] = np.bincount(rows, weights=unit_weight[cols], minlength=width - 1)
        self.rows[i] = (lo,) + tuple(np.concatenate(([0.0], np.cumsum(x))) for x in (mz, me, sd, ss))

    def parts(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(evidence, weighted length log-probability) of the bead zh[i0:i1] / en[j0:j1]:
        the evidence is the lexical LLR, less the number and quotation penalties, plus
        the semantic term.

        The definition, one bead at a time, that ``tm.align.search`` computes a
        band row at a time (tests/test_alignsearch.py holds the two together)."""
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
        if self.semantic is not None:
            lex += self.semantic_score(i0, i1, j0, j1)
        if self.model.quote_penalty and ev.zq[i1 - 1] != ev.eq[j1 - 1]:
            lex -= self.model.quote_penalty
        lz = ev.clz[i1] - ev.clz[i0]
        le = ev.cle[j1] - ev.cle[j0]
        return lex, self.model.length_weight * _length_logp(lz, ev.clt[i1] - ev.clt[i0], le, self.model)

    def semantic_score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The embedding term of a linked bead (0 without a model)."""
        if self.semantic is None:
            return 0.0
        z = self.semantic.z_row(i0, i1, j1 - j0, j1, j1)[0]
        return float(self.sem_scale[i1 - i0][j1 - j0] * (z - self.model.sem_threshold))

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


def initial_model(ev: Evidence, *, near_diagonal: bool = False) -> Model:
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
            best.append(max((cover(ev, i, j), j) for j in range(max(0, d - 3), min(ev.m, d + 4)))[1])
        c1 = tuple(min(0.95, max(1.5 * a, r))
                   for a, r in zip(c0, _rates(ev, list(zip(range(0, ev.n, step), best)))))
    return Model(ratio=ratio, var=6.8 * ratio, c1=c1, c0=c0)


def _rates(ev: Evidence, pairs) -> tuple[float, float]:
    """Matched share of zh unit weight and of en key weight over sentence pairs."""
    mz = me = wz = we = 0.0
    for i, j in pairs:
        a, b = ev.pair(i, j)
        mz, me, wz, we = mz + a, me + b, wz + ev.wz[i], we + ev.we[j]
    return (mz / wz if wz else 0.0), (me / we if we else 0.0)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _evidence_score(scorer: Scorer, i0: int, i1: int, j0: int, j1: int) -> float:
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
    lex += scorer.semantic_score(i0, i1, j0, j1)
    length = _length_logp(ev.clz[i1] - ev.clz[i0], ev.clt[i1] - ev.clt[i0],
                          ev.cle[j1] - ev.cle[j0], scorer.model)
    return lex + length


TYPICAL_LENGTH_LOGP = -0.7  # a true pair with |δ| about 0.67 (the median of a normal)


def confidence(scorer: Scorer, path, k: int) -> float:
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
