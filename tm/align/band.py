"""Search bands of the aligner: anchor chains and projected coarse paths.

A band gives, for each row i (Chinese sentences consumed), the range of
English positions [lo[i], hi[i]] the dynamic programming may visit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from tm.align.model import Evidence, cover

# --- anchors and band ----------------------------------------------------------


def anchor_chain(ev: Evidence, *, rare: int = 2, min_cover: float = 0.2,
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
        scored = sorted(((cover(ev, i, j), j) for j, _ in votes.most_common(6)), reverse=True)
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


def band(n: int, m: int, chain: list[tuple[int, int]], slack: int) -> tuple[list[int], list[int]]:
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
    return close_band(lo, hi, n, m)


def project(coarse, n: int, m: int, slack: int) -> tuple[list[int], list[int]]:
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
    return close_band(lo, hi, n, m)


def close_band(lo: list[int], hi: list[int], n: int, m: int) -> tuple[list[int], list[int]]:
    """Make a band searchable: it starts at (0, 0) and ends at (n, m), its edges never
    go back, and every row is reachable from the previous one (a 1-4 bead moves 4)."""
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):
        lo[i] = max(lo[i], lo[i - 1])
    for i in range(n - 1, -1, -1):
        hi[i] = min(hi[i], hi[i + 1])
    for i in range(n + 1):
        lo[i] = min(lo[i], hi[i])
    for i in range(n):
        lo[i + 1] = min(lo[i + 1], hi[i] + 4)
    return lo, hi
