"""tm.memory.index._number_repeats: the j-th repeat of a posting in a unit gets j (at most
fuzzy.OCCURRENCES) in its token's bits above the gram's, numbered from the repeats'
positions alone. Checked against a plain loop. No server needed."""

import random

import numpy as np
import pytest

from tm.memory import fuzzy
from tm.memory import index as ix


def _plain(tids, codes, bits, highest):
    kept, numbered, before, j = [], set(), None, 0
    for t, c in zip(tids.tolist(), codes.tolist()):
        if (t, c) == before:
            j += 1
            numbered.add((t | min(j, highest) << bits, c))
        else:
            before, j = (t, c), 0
            kept.append((t, c))
    return kept + sorted(numbered)


@pytest.mark.parametrize("seed", range(6))
def test_repeats_numbered_as_a_plain_loop_numbers_them(monkeypatch, seed):
    rng = random.Random(seed)
    highest = rng.choice([2, 3, fuzzy.OCCURRENCES])
    monkeypatch.setattr(fuzzy, "OCCURRENCES", highest)
    pairs = []
    for _ in range(rng.randint(0, 400)):
        pair = (rng.randrange(50), rng.randrange(30))
        pairs += [pair] * rng.choice([1, 1, 1, 2, 3, 5])       # runs of repeats, next to each other
    pairs.sort()
    tids = np.array([t for t, _ in pairs], dtype=np.uint64)
    codes = np.array([c for _, c in pairs], dtype=np.uint64)
    same = np.zeros(len(tids), dtype=bool)
    same[1:] = (tids[1:] == tids[:-1]) & (codes[1:] == codes[:-1])
    got_t, got_c = ix._number_repeats(tids, codes, same, 32)
    assert list(zip(got_t.tolist(), got_c.tolist())) == _plain(tids, codes, 32, highest)
