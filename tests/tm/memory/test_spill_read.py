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
            for k, part in enumerate(spill.parts):
                n = part.n
                if rng.random() < 0.7:
                    a = rng.randint(0, n)
                    spans.append((k, a, rng.randint(a, n)))
            tids, codes = spill._read_spans(spans)
            want_t = [added[k][0][a:b] for k, a, b in spans]
            want_c = [added[k][1][a:b] for k, a, b in spans]
            for k, a, b in spans:
                alone_t, alone_c = spill._read_spans([(k, a, b)])
                assert np.array_equal(alone_t, added[k][0][a:b]) and np.array_equal(alone_c, added[k][1][a:b])
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
        wide = codes << np.uint64(30)
        spill.add(tids, codes)                      # tokens once, narrow codes
        spill.add(tids, wide, ordered=False)        # every token, whole codes
        assert spill.parts[0].ranks is not None and spill.parts[0].base == 0
        assert spill.parts[1].ranks is None and spill.parts[1].base is None
        for k, want in ((0, codes), (1, wide)):
            got_t, got_c = spill._read_spans([(k, 10, 990)])
            assert np.array_equal(got_t, tids[10:990]) and np.array_equal(got_c, want[10:990])
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


def _postings(rng, n, units, first_uid, tokens):
    """``n`` postings as an import's buffer holds them: sorted by token then code, tokens
    repeating, codes ``length << 40 | unit id`` of ``units`` units from ``first_uid``."""
    tids = np.array([rng.randrange(tokens) for _ in range(n)], dtype=np.uint64) | np.uint64(1 << 62)
    uids = np.array([first_uid + rng.randrange(units) for _ in range(n)], dtype=np.uint64)
    lens = np.array([rng.randrange(1, 200) for _ in range(n)], dtype=np.uint64)
    codes = (lens << np.uint64(ix.UID_BITS)) | uids
    order = np.lexsort((codes, tids))
    return tids[order], codes[order]


@pytest.mark.parametrize("wide", ["no", "length", "ids"])
def test_postings_set_aside_narrow_read_back_the_same(wide):
    """A sorted spill keeps each token once and a code in 32 bits where its length is below
    256 and its unit id within 2**24 of the smallest: about 9 bytes a posting rather than 16.
    Where one code is wider, the spill's codes are kept whole; read back, the same postings
    either way, by spans and by the merge's binary search."""
    rng = random.Random(3)
    spill = Spill()
    added = []
    try:
        for k in range(3):
            tids, codes = _postings(rng, rng.randint(2000, 6000), 3000, 1 + 3000 * k, 400)
            if wide == "length" and k == 1:
                codes[-1] |= np.uint64(300 << ix.UID_BITS)
            if wide == "ids" and k == 1:
                codes[-1] += np.uint64(1 << 24)
            added.append((tids, codes))
            spill.add(tids, codes)
        narrow = [p.base is not None for p in spill.parts]
        assert narrow == [True, wide == "no", True]
        if wide == "no":
            assert spill.end < 10 * sum(len(t) for t, _ in added)
        for _ in range(30):
            spans = []
            for k, (tids, _) in enumerate(added):
                a = rng.randint(0, len(tids))
                spans.append((k, a, rng.randint(a, len(tids))))
            got_t, got_c = spill._read_spans(spans)
            assert np.array_equal(got_t, np.concatenate([added[k][0][a:b] for k, a, b in spans]))
            assert np.array_equal(got_c, np.concatenate([added[k][1][a:b] for k, a, b in spans]))
        for k, (tids, codes) in enumerate(added):
            for i in rng.sample(range(len(tids)), 20):
                assert spill._position(k, int(tids[i]), int(codes[i])) == ix._before(tids, codes, int(tids[i]),
                                                                                      int(codes[i]))
    finally:
        spill.close()
