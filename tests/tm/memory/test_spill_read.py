"""The final merge of an import's spills (tm.memory.index.Spill) reads each range's
pieces straight into two arrays: the postings that were set aside, sliced and joined,
with os.preadv and without it; a single piece read alone (Spill._read, used by the
merge's binary search) likewise; pieces held in memory (the last buffer of an import, not
written to the file) read beside the spills. No server needed."""

import random

import numpy as np
import pytest

from tm.memory import index as ix
from tm.memory.index import Spill


def _piece(rng, n):
    """``n`` sorted random keys and ``n`` random values, as a spilled buffer holds them."""
    return (np.sort(np.array([rng.getrandbits(63) for _ in range(n)], dtype=np.uint64)),
            np.array([rng.getrandbits(64) for _ in range(n)], dtype=np.uint64))


@pytest.mark.parametrize("preadv", [True, False])
def test_a_range_read_into_arrays_is_the_pieces_joined(monkeypatch, preadv):
    if preadv and not hasattr(__import__("os"), "preadv"):
        pytest.skip("no os.preadv here")
    monkeypatch.setattr(ix, "_PREADV", preadv)
    rng = random.Random(7)
    spill = Spill()
    added = []
    for _ in range(5):
        n = rng.randint(1, 5000)
        added.append(_piece(rng, n))
        spill.add(*added[-1])
    try:
        for _ in range(40):
            spans = []
            for k, (offset, n) in enumerate(spill.parts):
                if rng.random() < 0.7:
                    a = rng.randint(0, n)
                    spans.append((k, a, rng.randint(a, n)))
            tids, codes = spill._read_spans(spans)
            want_t = [added[k][0][a:b] for k, a, b in spans]
            want_c = [added[k][1][a:b] for k, a, b in spans]
            for k, a, b in spans:
                offset, n = spill.parts[k]
                assert np.array_equal(spill._read(offset, a, b), added[k][0][a:b])
                assert np.array_equal(spill._read(offset + 8 * n, a, b), added[k][1][a:b])
            assert np.array_equal(tids, np.concatenate(want_t) if want_t else np.zeros(0, dtype=np.uint64))
            assert np.array_equal(codes, np.concatenate(want_c) if want_c else np.zeros(0, dtype=np.uint64))
    finally:
        spill.close()


@pytest.mark.parametrize("preadv", [True, False])
def test_a_read_that_the_system_returns_in_short_pieces_is_read_whole(monkeypatch, preadv):
    """The kernel may return fewer bytes than asked: the reader goes on where it stopped."""
    import os

    if preadv and not hasattr(os, "preadv"):
        pytest.skip("no os.preadv here")
    monkeypatch.setattr(ix, "_PREADV", preadv)
    real_preadv, real_pread = getattr(os, "preadv", None), os.pread

    def short_preadv(fd, buffers, offset):
        return real_preadv(fd, [memoryview(buffers[0])[:100]], offset)

    def short_pread(fd, n, offset):
        return real_pread(fd, min(n, 100), offset)

    if preadv:
        monkeypatch.setattr(os, "preadv", short_preadv)
    monkeypatch.setattr(os, "pread", short_pread)
    tids = np.arange(1000, dtype=np.uint64) * 3
    codes = np.arange(1000, dtype=np.uint64)[::-1].copy()
    spill = Spill()
    try:
        spill.add(tids, codes)
        offset, n = spill.parts[0]
        assert np.array_equal(spill._read(offset, 10, 990), tids[10:990])
        got_t, got_c = spill._read_spans([(0, 5, 995)])
        assert np.array_equal(got_t, tids[5:995]) and np.array_equal(got_c, codes[5:995])
    finally:
        spill.close()


def test_pieces_in_memory_are_read_beside_the_spills():
    """The final merge reads the last buffer's postings from memory and the spills from the
    file: a range of both is the pieces' slices joined, in the order of the spans."""
    rng = random.Random(11)
    spill = Spill()
    added = []
    for _ in range(3):
        n = rng.randint(1, 3000)
        added.append(_piece(rng, n))
        spill.add(*added[-1])
    in_memory = [_piece(rng, n) for n in (1, 2500)]
    pieces = list(spill.parts) + in_memory
    arrays = added + in_memory
    try:
        for _ in range(40):
            spans = []
            for k in rng.sample(range(len(pieces)), rng.randint(1, len(pieces))):
                n = len(arrays[k][0])
                a = rng.randint(0, n)
                spans.append((k, a, rng.randint(a, n)))
            tids, codes = spill._read_spans(spans, pieces)
            assert np.array_equal(tids, np.concatenate([arrays[k][0][a:b] for k, a, b in spans]))
            assert np.array_equal(codes, np.concatenate([arrays[k][1][a:b] for k, a, b in spans]))
    finally:
        spill.close()
