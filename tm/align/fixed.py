"""Re-aligning documents around beads a person fixed.

When a document pair is aligned again, the units a person edited or reviewed must
survive. :func:`place` finds each such unit's sentences in the new documents (the
sentence lists are compared in order, so a sentence that is still there is found
even when others were added, removed or changed around it); :func:`align_around`
then keeps the placed units as fixed beads and aligns only the stretches between
them. A stretch whose ends are bead boundaries of the free alignment of the whole
documents takes that alignment's beads unchanged (so a re-alignment of unchanged
documents reproduces the earlier beads); other stretches are aligned on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tm.align.aligner import Alignment, align
from tm.models import Bead
from tm.text.cedict import Lexicon

GONE_ZH = "its Chinese sentences are no longer in the input"
GONE_EN = "its English sentences are no longer in the input"
MOVED = "its sentences moved relative to other kept units"
SPLIT = "its sentences are no longer next to each other"


@dataclass(frozen=True)
class Kept:
    """A unit to keep: its sentences (indices into the earlier documents) and where
    it started on each side (for a side without sentences, the boundary it sat at)."""

    key: str
    zh: tuple[int, ...]
    en: tuple[int, ...]
    zh_start: int
    en_start: int


@dataclass
class Placement:
    """Where the kept units are in the new documents."""

    spans: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)   # key -> i0, i1, j0, j1
    lost: dict[str, str] = field(default_factory=dict)                           # key -> why


def sentence_map(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old sentence index -> new index, for the sentences both lists share, in order."""
    if list(old) == list(new):
        return {i: i for i in range(len(old))}
    out: dict[int, int] = {}
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


def _side(indices: Sequence[int], start: int, mapping: dict[int, int], n_old: int, n_new: int):
    """The new range of one side of a kept unit, or None when it is gone or scattered."""
    if indices:
        new = [mapping.get(i) for i in indices]
        if any(x is None for x in new):
            return None, "gone"
        if new != list(range(new[0], new[0] + len(new))):
            return None, "split"
        return (new[0], new[-1] + 1), None
    for i in range(start, n_old):   # an empty side sits before the next sentence still there
        if i in mapping:
            return (mapping[i], mapping[i]), None
    return (n_new, n_new), None


def place(kept: Sequence[Kept], old_zh: Sequence[str], old_en: Sequence[str],
          new_zh: Sequence[str], new_en: Sequence[str]) -> Placement:
    """Find the kept units (in document order) in the new sentence lists."""
    zmap, emap = sentence_map(old_zh, new_zh), sentence_map(old_en, new_en)
    out = Placement()
    last_i = last_j = 0
    for k in sorted(kept, key=lambda k: (k.zh_start, k.en_start)):
        zr, zwhy = _side(k.zh, k.zh_start, zmap, len(old_zh), len(new_zh))
        er, ewhy = _side(k.en, k.en_start, emap, len(old_en), len(new_en))
        if zr is None or er is None:
            out.lost[k.key] = GONE_ZH if zwhy == "gone" else GONE_EN if ewhy == "gone" else SPLIT
            continue
        if zr[0] < last_i or er[0] < last_j:
            out.lost[k.key] = MOVED
            continue
        out.spans[k.key] = (zr[0], zr[1], er[0], er[1])
        last_i, last_j = zr[1], er[1]
    return out


def align_around(n_zh: int, n_en: int, spans: dict[str, tuple[int, int, int, int]], free: Sequence[Bead],
                 align_stretch: Callable[[int, int, int, int], list[Bead]]) -> tuple[list[Bead], dict[str, int]]:
    """Beads covering ``n_zh`` x ``n_en`` sentences with each span of ``spans`` (in
    document order, as :func:`place` gives them) as one bead. Between them: the beads of ``free`` (the free alignment) where a stretch
    starts and ends on its bead boundaries, else ``align_stretch(i0, i1, j0, j1)``
    (beads with document indices). Returns the beads and each key's bead index."""
    corners: dict[tuple[int, int], int] = {(0, 0): 0}
    i = j = 0
    for k, b in enumerate(free):
        i += len(b.zh)
        j += len(b.en)
        corners[(i, j)] = k + 1
    beads: list[Bead] = []
    where: dict[str, int] = {}

    def fill(i0, i1, j0, j1):
        if i0 == i1 and j0 == j1:
            return
        a, b = corners.get((i0, j0)), corners.get((i1, j1))
        if a is not None and b is not None and a <= b:
            beads.extend(free[a:b])
        elif i0 == i1 or j0 == j1:
            beads.extend(Bead((x,), (), 1.0) for x in range(i0, i1))
            beads.extend(Bead((), (y,), 1.0) for y in range(j0, j1))
        else:
            beads.extend(align_stretch(i0, i1, j0, j1))

    pi = pj = 0
    for key, (i0, i1, j0, j1) in spans.items():
        fill(pi, i0, pj, j0)
        where[key] = len(beads)
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), 1.0))
        pi, pj = i1, j1
    fill(pi, n_zh, pj, n_en)
    return beads, where


def keep_units(alignment: Alignment, kept: Sequence[Kept], old_zh: Sequence[str], old_en: Sequence[str], *,
               lexicon: Lexicon | None = None, max_bead: int = 3) -> tuple[Alignment, Placement, dict[str, int]]:
    """``alignment`` (the free alignment of the new documents) with the ``kept`` units
    (indices into the earlier documents ``old_zh``/``old_en``) as fixed beads where their
    sentences are still found. Returns the alignment, the placement (``lost``: the units
    not found, and why) and each placed key's bead index."""
    placement = place(kept, old_zh, old_en, [s.text for s in alignment.zh], [s.text for s in alignment.en])

    def stretch(i0: int, i1: int, j0: int, j1: int) -> list[Bead]:
        beads = align([s.text for s in alignment.zh[i0:i1]], [s.text for s in alignment.en[j0:j1]],
                      lexicon=lexicon, max_bead=max_bead)
        return [Bead(tuple(i + i0 for i in b.zh), tuple(j + j0 for j in b.en), b.confidence) for b in beads]

    beads, where = align_around(len(alignment.zh), len(alignment.en), placement.spans, alignment.beads, stretch)
    return Alignment(alignment.zh, alignment.en, beads, alignment.model, alignment.vectors), placement, where
