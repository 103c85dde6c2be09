"""The final merge of an import's spills (tm.memory.index.Spill) reads each range's
pieces straight into two arrays: the same postings as reading each piece and joining
them, with os.preadv and without it. No server needed."""

import random

import numpy as np
import pytest

from tm.memory import index as ix
from tm.memory.index import Spill


@pytest.mark.parametrize("preadv", [True, False])
def test_a_range_read_into_arrays_is_the_pieces_joined(monkeypatch, preadv):
    if preadv and not hasattr(__import__("os"), "preadv"):
        pytest.skip("no os.preadv here")
    monkeypatch.setattr(ix, "_PREADV", preadv)
    rng = random.Random(7)
    spill = Spill()
    for _ in range(5):
        n = rng.randint(1, 5000)
        spill.add(np.sort(np.array([rng.getrandbits(63) for _ in range(n)], dtype=np.uint64)),
                  np.array([rng.getrandbits(64) for _ in range(n)], dtype=np.uint64))
    try:
        for _ in range(40):
            spans = []
            for k, (offset, n) in enumerate(spill.parts):
                if rng.random() < 0.7:
                    a = rng.randint(0, n)
                    spans.append((k, a, rng.randint(a, n)))
            tids, codes = spill._read_spans(spans)
            want_t = [spill._read(spill.parts[k][0], a, b) for k, a, b in spans]
            want_c = [spill._read(spill.parts[k][0] + 8 * spill.parts[k][1], a, b) for k, a, b in spans]
            assert np.array_equal(tids, np.concatenate(want_t) if want_t else np.zeros(0, dtype=np.uint64))
            assert np.array_equal(codes, np.concatenate(want_c) if want_c else np.zeros(0, dtype=np.uint64))
    finally:
        spill.close()
