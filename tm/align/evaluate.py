"""Strict and lax precision/recall/F1 of sentence alignments.

The definition is the one of vecalign's ``score.py`` and Bertalign (after
Véronis & Langlais, "Evaluation of parallel text alignment systems"):

* a test bead is a *strict* hit when the identical bead is in the gold;
* it is a *lax* hit when it shares at least one source sentence with a gold
  bead that shares at least one target sentence with it;
* precision is computed over all test beads (insertions and deletions
  included); recall swaps the roles of gold and test and leaves out beads
  with an empty side (1-0 / 0-1) on both sides;
* counts are summed over all documents before the ratios are taken.

Beads are ``(zh_indices, en_indices)`` pairs of integer sequences, or
:class:`tm.models.Bead` objects.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tm.errors import InputError

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class AlignmentScore:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def _pairs(beads: Iterable) -> list[Pair]:
    out = []
    for bead in beads:
        zh, en = (bead.zh, bead.en) if hasattr(bead, "zh") else bead
        out.append((tuple(zh), tuple(en)))
    return out


def parse_beads(text: str, *, path: str | None = None) -> list[Pair]:
    """Parse vecalign-style lines ``[0, 1]:[2]`` (``[]`` for an empty side)."""
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            left, right = line.split(":")
            zh, en = ast.literal_eval(left.strip()), ast.literal_eval(right.strip())
            if not (isinstance(zh, list) and isinstance(en, list)
                    and all(type(i) is int and i >= 0 for i in zh + en)):     # not True, not -1
                raise ValueError
        except (ValueError, SyntaxError):
            raise InputError(f"not a bead like [0, 1]:[2]: {line!r}", path=path, line=number) from None
        beads.append((tuple(zh), tuple(en)))
    return beads


def _counts(gold: Sequence[Pair], test: Sequence[Pair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    gold_set = {b for b in gold if b[0] or b[1]}
    test_set = {b for b in test if b[0] or b[1]}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for zh, en in gold_set:
        for i in zh:
            gold_targets[i].update(en)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for bead in test_set:
        if bead in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        reachable = set()
        for i in bead[0]:
            reachable |= gold_targets.get(i, set())
        if reachable.intersection(bead[1]):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignments(gold_docs: Sequence[Iterable], test_docs: Sequence[Iterable]) -> AlignmentScore:
    """Score several documents at once (counts are pooled, as vecalign does)."""
    if len(gold_docs) != len(test_docs):
        raise ValueError("need as many test alignments as gold alignments")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold_doc, test_doc in zip(gold_docs, test_docs):
        gold, test = _pairs(gold_doc), _pairs(test_doc)
        for k, v in enumerate(_counts(gold, test)):
            p[k] += v
        gold_linked = [b for b in gold if b[0] and b[1]]
        test_linked = [b for b in test if b[0] and b[1]]
        for k, v in enumerate(_counts(test_linked, gold_linked)):
            r[k] += v
    ps, pl = _ratio(p[0], p[0] + p[1]), _ratio(p[2], p[2] + p[3])
    rs, rl = _ratio(r[0], r[0] + r[1]), _ratio(r[2], r[2] + r[3])
    return AlignmentScore(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def score_alignment(gold: Iterable, test: Iterable) -> AlignmentScore:
    """Score one document's test beads against its gold beads."""
    return score_alignments([gold], [test])
