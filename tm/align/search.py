"""The aligner's search: banded dynamic programming, repair, coarse-to-fine, two processes.

See the module docstring of ``tm.align.aligner`` for the strategy; the scores come
from ``tm.align.model`` and the bands from ``tm.align.band``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tm.align.band import anchor_chain, band, project
from tm.align.model import NEG, Evidence, Scorer, cover, initial_model
from tm.align.features import EnSentence, ZhSentence
from tm.parallel import both, can_fork

BLOCK = 8  # sentences per block of the coarse alignment
FULL_BELOW = 150  # no band at all up to this many sentences (or blocks) a side
COARSE_BLOCKS_ABOVE = 300  # blocks are themselves aligned coarse-to-fine above this
PARALLEL_ABOVE = 4000  # long documents: the two halves of the path in two processes


@dataclass(frozen=True)
class SearchParams:
    """How :func:`search` looks for the best path.

    ``max_bead``: sentences a side in one bead; ``slack``: the first band's half-width
    (doubled while the path touches the band's edge); ``coarse_above``: above this many
    sentences a side the band follows a coarse alignment of blocks; ``workers``: 2 aligns
    the two halves of a long document in two processes.
    """

    max_bead: int = 3
    slack: int = 12
    coarse_above: int = 1000
    workers: int = 1

CHUNK = 128  # band rows whose bead scores are computed together


def dp(scorer: Scorer, lo: list[int], hi: list[int], shapes, start: int = 0):
    """Best bead path from cell (start, lo[0]) to (start + len(lo) - 1, hi[-1]).

    Row ``r`` of the band holds the cells (start + r, j) for lo[r] <= j <= hi[r]
    (absolute j). Returns (i0, i1, j0, j1) per bead, skips one sentence each.
    The linked beads' scores do not depend on the path, so they are computed
    for ``CHUNK`` rows at a time with numpy (:func:`_linked_block`), in the same
    arithmetic as :meth:`Scorer.parts`; only the last ``max_a`` score rows, the
    pair rows of the current chunk and one byte of back-pointer per cell are kept.
    """
    rows = len(lo) - 1
    max_a = max(a for a, _, _ in shapes)
    structured = scorer.structured
    linked = [(s, a, b, logp) for s, (a, b, logp) in enumerate(shapes) if a]
    en_skips = [(s, b, logp) for s, (a, b, logp) in enumerate(shapes) if not a]
    pair_rows: dict[int, tuple] = {}
    score: dict[int, np.ndarray] = {}
    back: list[bytes] = []
    for c0 in range(0, rows + 1, CHUNK):
        c1 = min(rows + 1, c0 + CHUNK)
        for r in range(max(1, c0), c1):  # the pair row of sentence i-1 (beads ending up to max_a rows later)
            i = start + r
            scorer.row(i - 1, lo[max(0, r - max_a)], hi[min(rows, r - 1 + max_a)])
            pair_rows[i - 1] = scorer.rows.pop(i - 1)
        for ii in [k for k in pair_rows if k < start + c0 - max_a]:
            del pair_rows[ii]
        flat = _flat_rows(pair_rows, start + max(0, c0 - max_a), start + c1 - 1)
        scores = {s: _linked_block(scorer, flat, lo, hi, start, c0, c1, a, b)
                  for s, a, b, _ in linked if b}
        for r in range(c0, c1):
            i = start + r
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
                    values, offsets = scores[s]
                    at = offsets[r - c0]
                    total = total + values[at:at + n]
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


def _flat_rows(pair_rows, first: int, end: int):
    """The pair rows of sentences first .. end-1 end to end: (first, base, pz, pe, pd, ps)
    with sentence ii's value at English position j at ``base[ii - first] + j``."""
    parts = [pair_rows[ii] for ii in range(first, end)]
    if not parts:
        return first, np.zeros(0, dtype=np.int64), *(np.zeros(0) for _ in range(4))
    lengths = np.array([len(p[1]) for p in parts])
    base = np.cumsum(lengths) - lengths - np.array([p[0] for p in parts])
    return (first, base, *(np.concatenate([p[k] for p in parts]) for k in (1, 2, 3, 4)))


def _linked_block(scorer, flat, lo, hi, start, c0, c1, a, b):
    """lex + length of the beads zh[i-a:i] / en[j-b:j] of band rows c0 <= r < c1
    (i = start + r, j in the row's cells reachable from row r - a), as
    :meth:`Scorer.parts` computes them one at a time (same operations, same
    order). Returns the values of all rows end to end and, per row, where its
    cells start (``-1``: none)."""
    ev, model = scorer.ev, scorer.model
    offsets = [-1] * (c1 - c0)
    rs, jls, ns = [], [], []
    total = 0
    for r in range(max(c0, a), c1):
        jl, jh = max(lo[r], lo[r - a] + b), min(hi[r], hi[r - a] + b)
        if jl <= jh:
            offsets[r - c0] = total
            rs.append(r)
            jls.append(jl)
            ns.append(jh - jl + 1)
            total += jh - jl + 1
    if not total:
        return np.zeros(0), offsets
    counts = np.array(ns)
    firsts = np.cumsum(counts) - counts
    i1 = np.array(rs) + start
    i0 = i1 - a
    j = np.repeat(np.array(jls) - firsts, counts) + np.arange(total)  # each cell's end j
    cell_i1 = np.repeat(i1, counts)
    first_ii, base, fz, fe, fd, fs = flat  # the pair rows of the chunk, end to end
    mz = me = None
    for t in range(a):
        at_b = base[cell_i1 - a + t - first_ii] + j
        at_a = at_b - b
        dz = fz[at_b] - fz[at_a]
        de = fe[at_b] - fe[at_a]
        mz = dz if mz is None else mz + dz
        me = de if me is None else me + de
        if b > 1:
            mz = mz - (fd[at_b] - fd[at_a + 1])
        if t + 1 < a:
            me = me - (fs[at_b] - fs[at_a])
    cwz, cwe = np.frombuffer(ev.cwz), np.frombuffer(ev.cwe)
    wz = np.repeat(cwz[i1] - cwz[i0], counts)
    we = cwe[j] - cwe[j - b]
    mz = np.minimum(mz, wz)
    me = np.minimum(me, we)
    zh_hit, zh_miss, en_hit, en_miss = scorer.ratios[a][b]
    lex = mz * zh_hit + (wz - mz) * zh_miss + me * en_hit + (we - me) * en_miss
    cnz, cne = np.frombuffer(ev.cnz), np.frombuffer(ev.cne)
    en_numbered = cne[j] != cne[j - b]
    zh_numbered = cnz[i1] != cnz[i0]
    numbered_rows = np.flatnonzero(zh_numbered | np.logical_or.reduceat(en_numbered, firsts)).tolist()
    if numbered_rows:  # numbers on one side only cost extra
        penalty = model.number_penalty
        cost = np.zeros(total)
        for k in numbered_rows:
            zn = frozenset().union(*ev.zh_numbers[int(i0[k]):int(i1[k])])
            lo_k, hi_k = int(firsts[k]), int(firsts[k] + counts[k])
            cost[lo_k:hi_k] = penalty * len(zn)  # the beads whose English has no number
            for c in (np.flatnonzero(en_numbered[lo_k:hi_k]) + lo_k).tolist():
                j1 = int(j[c])
                cost[c] = penalty * len(zn ^ frozenset().union(*ev.en_numbers[j1 - b:j1]))
        lex = lex - cost
    if scorer.semantic is not None:
        scale = scorer.sem_scale[a][b]
        for k, r in enumerate(rs):
            lo_k, hi_k = int(firsts[k]), int(firsts[k] + counts[k])
            z = scorer.semantic.z_row(int(i0[k]), int(i1[k]), b, jls[k], jls[k] + ns[k] - 1)
            lex[lo_k:hi_k] = lex[lo_k:hi_k] + scale * (z - model.sem_threshold)
    if model.quote_penalty:  # one side ends a quotation, the other does not
        mismatch = np.repeat(ev.zq[i1 - 1], counts) != ev.eq[j - 1]
        lex = lex - model.quote_penalty * mismatch
    clz, clt, cle = np.frombuffer(ev.clz), np.frombuffer(ev.clt), np.frombuffer(ev.cle)
    lz = np.repeat(clz[i1] - clz[i0], counts)
    lt = np.repeat(clt[i1] - clt[i0], counts)
    le = cle[j] - cle[j - b]
    ratio = model.ratio
    mean = np.maximum((lz + (le - lt) / ratio) / 2, 1.0)
    delta = (le - lt - ratio * lz) / np.sqrt(model.var * mean)
    erfc, log = math.erfc, math.log
    length = np.array([log(t) if (t := erfc(x)) > 1e-300 else -690.0
                       for x in (np.abs(delta) / math.sqrt(2.0)).tolist()])
    if model.length_weight != 1.0:
        length = model.length_weight * length
    return lex + length, offsets


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
            sub = dp(scorer, sub_lo, sub_hi, shapes, start=i_s)
            if sub:
                path = path[:ks] + sub + path[ke + 1:]
    return path


def search(ev, model, params: SearchParams, *, zh_feats, en_feats, zh_par=None, en_par=None,
           coarse=None, semantic=None):
    """The best path, in a band that is widened while the path touches its edge.

    Short documents: a band around the anchor chain. Long ones (more than
    ``coarse_above`` sentences a side): a band around the path of a coarse
    alignment of blocks of sentences (recursively), as vecalign does; ``coarse``
    is that path when the caller has computed it already.
    """
    max_bead, slack, workers = params.max_bead, params.slack, params.workers
    shapes = model.shapes(max_bead)
    chain = None
    if max(ev.n, ev.m) > params.coarse_above:
        if coarse is None:
            coarse = coarse_path(zh_feats, en_feats, max_bead, workers)
        slack = max(4, slack // 3)
    elif max(ev.n, ev.m) > FULL_BELOW:
        chain = anchor_chain(ev)
    while True:
        if coarse is not None:
            lo, hi = project(coarse, ev.n, ev.m, slack)
        elif chain is not None:
            lo, hi = band(ev.n, ev.m, chain, slack)
        else:
            lo, hi = [0] * (ev.n + 1), [ev.m] * (ev.n + 1)
        scorer = Scorer(ev, model, zh_par, en_par, semantic)
        if coarse is not None and workers > 1 and ev.n > PARALLEL_ABOVE:
            path = _two_halves(scorer, lo, hi, shapes)
            if path:
                return path, scorer
        path = dp(scorer, lo, hi, shapes)
        if path and coarse is not None:
            return _repair(scorer, path, lo, hi, shapes, ev.m), scorer
        full = all(lo[i] == 0 and hi[i] == ev.m for i in range(ev.n + 1))
        if full or slack > max(ev.n, ev.m) or (path and not _touches_edge(path, lo, hi, ev.n, ev.m)):
            return path, scorer
        slack *= 2




def _split_point(ev: Evidence, lo, hi, *, window: int = 200) -> tuple[int, int] | None:
    """A clear 1-1 pair near the middle of the band: within ``window`` rows of
    the middle, the sentence pair whose coverage most exceeds that of every
    other English sentence in the band row (at least 0.3, and 1.5 times it)."""
    best = None
    mid = ev.n // 2
    for i in range(max(1, mid - window), min(ev.n - 1, mid + window)):
        scored = sorted(((cover(ev, i, j), j) for j in range(lo[i] + 2, min(ev.m, hi[i] - 1))),
                        reverse=True)
        if len(scored) < 2:
            continue
        (top, j), (second, _) = scored[0], scored[1]
        if top >= 0.3 and top >= 1.5 * second and (best is None or top - second > best[0]):
            best = (top - second, i, j)
    return None if best is None else (best[1], best[2])


def _half(scorer, lo, hi, shapes, start):
    path = dp(scorer, lo, hi, shapes, start=start)
    if path:
        path = _repair(scorer, path, lo if start == 0 else [0] * start + lo,
                       hi if start == 0 else [0] * start + hi, shapes, scorer.ev.m)
    return path


def _two_halves(scorer, lo, hi, shapes):
    """Align the two halves of a long document in two processes (fork), split at
    a high-confidence anchor pair that the path is forced through. ``[]`` if
    there is no usable anchor or no fork."""
    if not can_fork():
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
    first, second = both(_half, (scorer, lo_a, hi_a, shapes, 0), _half, (scorer, lo_b, hi_b, shapes, ia))
    if not first or not second:
        return []
    return first + second




def coarse_path(zh_feats, en_feats, max_bead, workers=1):
    """Align blocks of BLOCK Chinese sentences (and as many English ones as the
    document's sentence ratio gives); returns the block path with block sizes."""
    n, m = len(zh_feats), len(en_feats)
    kz = BLOCK
    ke = max(1, round(BLOCK * m / n))
    zb, eb = block_features(zh_feats, en_feats, kz, ke)
    ev = Evidence(zb, eb)
    model = initial_model(ev, near_diagonal=True)
    params = SearchParams(max_bead=max_bead, slack=12, coarse_above=COARSE_BLOCKS_ABOVE, workers=workers)
    path, _ = search(ev, model, params, zh_feats=zb, en_feats=eb)
    return path, kz, ke


def block_features(zh_feats, en_feats, kz: int, ke: int) -> tuple[list[ZhSentence], list[EnSentence]]:
    """The features of blocks of ``kz`` Chinese and ``ke`` English sentences: a block's
    words, each once; single characters (many loose senses) left out."""
    zb = [ZhSentence(list({u[0]: u for f in zh_feats[a:a + kz] for u in f.units if len(u[0]) > 1}.values()),
                     sum(f.length for f in zh_feats[a:a + kz]),
                     sum(f.latin for f in zh_feats[a:a + kz])) for a in range(0, len(zh_feats), kz)]
    eb = [EnSentence(list(dict.fromkeys(k for f in en_feats[a:a + ke] for k in f.keys)),
                     sum(f.length for f in en_feats[a:a + ke])) for a in range(0, len(en_feats), ke)]
    return zb, eb
