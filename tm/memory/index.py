"""The fuzzy-match index: postings of index tokens, written in runs during a write transaction.

See :class:`Index`. Read by :mod:`tm.memory.match` and :mod:`tm.memory.search`.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

import zlib
from array import array


from tm.memory import fuzzy
from tm.text.codes import as_spaces
from tm.memory.columns import Columns
from tm.text.zh import to_halfwidth

UID_BITS = 40  # a posting code is length << UID_BITS | unit id
UID_MASK = (1 << UID_BITS) - 1
BUCKET_BITS = 16
BUCKETS = 1 << BUCKET_BITS
_MIX = 0x9E3779B97F4A7C15   # 2**64 / golden ratio: multiplicative (Fibonacci) hashing


def bucket(token: int) -> int:
    """The ``match_rare`` bucket of an index token: the top :data:`BUCKET_BITS` bits of
    ``token * _MIX`` (mod 2**64), which depend on every bit of the token. (A Chinese bigram's
    low bits are those of its second character, whose frequencies are Zipfian: with
    ``token % BUCKETS`` a query read rows of a few crowded buckets, 7 times more than even
    ones, 10 MB a Chinese query at 1,000,000 units.) 65,536 buckets (4,096 until migration
    ``tm/0010_finer_buckets``): a query reads a bucket's row to find one token in it, and at
    1,000,000 units a row of 4,096 buckets held about 700 postings (a Chinese query read
    350 KB of them, 40% of what it read)."""
    return ((token * _MIX) & 0xFFFFFFFFFFFFFFFF) >> (64 - BUCKET_BITS)


def buckets(tokens):
    """:func:`bucket` of each of ``tokens`` (a numpy ``uint64`` array)."""
    import numpy as np

    return (tokens * np.uint64(_MIX)) >> np.uint64(64 - BUCKET_BITS)


_FTS_INSERT = "INSERT INTO units_en_fts (rowid, en) VALUES (?, ?)"


class Index:
    """Maintains the fuzzy-match index and ``units_en_fts`` within a write transaction.

    Postings are buffered and written in *runs*, one ``match_runs`` row per write
    transaction: a buffer of about four million postings is sorted and set aside in a
    temporary file when full (:class:`Spill`), and the spills are merged into one run at
    :meth:`finish` (so a query reads one row per token and run, and the runs of a memory are
    its imports and edits rather than one per 65,000 units). A posting is a code ``length << 40 | unit_id`` (length =
    the unit's token count on that side, capped at 65535); tokens are
    :func:`tm.memory.fuzzy.gram_ids` (exact for Chinese bigrams, a CRC-32 for English words:
    a collision only adds candidates, never loses one). Within a run, a token with at
    least ``FREQUENT`` postings gets its own ``match_postings`` row (``array('Q')`` of
    codes, ascending, so a length range is a slice; on a server packed, :func:`pack_codes`,
    and read through :func:`codes_of`); rarer tokens, most of the
    vocabulary, are packed into one ``match_rare`` row per bucket (:func:`bucket`):
    parallel ``array('Q')`` of tokens and codes, sorted. This keeps the number of rows
    near a tenth of the number of tokens. Rows are appended (rowid order) and found
    through small indexes on ``token``/``bucket``, so an import never rewrites the
    pages of earlier runs. The grouping of a run is done with numpy
    (sorting two million postings in Python would cost more than the rest of an import).

    Removing a unit leaves its postings in place until :func:`rebuild_index`; the
    matcher re-scores every candidate from its current text, so results stay exact.
    """

    FLUSH_POSTINGS = 4_000_000
    FTS_ROWS = 2000     # SQLite: units_en_fts rows written as they come, a batch at a time
    FREQUENT = 4
    BUCKETS = BUCKETS

    def __init__(self, db: sqlite_utils.Database):
        from tm.memory.pg import dialect     # here: a one-shot tm match never builds an Index
        self.conn = db.conn
        self.fts: list[tuple[int, str]] = []
        # SQLite's FTS rows go in as the units come (a batch at a time), not all at a flush
        # of the postings: the rows of the last buffer (about 40% of a 100,000-unit import)
        # were written after the last unit, when nothing else runs. PostgreSQL files them in
        # a word table, a row per word and write (see tm.memory.pg.write_words): fewer,
        # larger writes there.
        self._dialect = dialect(db)
        self._fts_rows = self.FTS_ROWS if self._dialect.fts_with_batches else None
        self._spill = Spill()
        self._sorting = None                  # the thread sorting the last full buffer (see flush)
        self._reset()

    def _reset(self) -> None:
        self.zh_text: list[str] = []          # normalised zh token strings, one per unit
        self.zh_codes = array("Q")            # one code per unit
        self.en_ids = array("Q")              # word ids, all units end to end
        self.en_codes = array("Q")
        self.en_counts = array("Q")           # words per unit
        self.tokenizer = Tokenizer()
        self.pending = 0

    def add(self, unit_id: int, zh: str, en: str) -> None:
        if not zh or not en:
            return
        self.add_tokens(unit_id, en, *self.tokenizer(zh, en))

    def add_tokens(self, unit_id: int, en: str, zt: str, en_ids: bytes) -> None:
        """Add a unit whose tokens were computed by a :class:`Tokenizer` (possibly in
        another process): ``zt`` the normalised Chinese characters, ``en_ids`` the word
        ids (``array('Q')`` bytes)."""
        self.fts.append((unit_id, as_spaces(en)))
        self.zh_text.append(zt)
        self.zh_codes.append((min(len(zt), 65535) << UID_BITS) | unit_id)
        self.en_ids.frombytes(en_ids)
        n = len(en_ids) >> 3
        self.en_codes.append((min(n, 65535) << UID_BITS) | unit_id)
        self.en_counts.append(n)
        self.pending += len(zt) + n
        if self.pending >= self.FLUSH_POSTINGS:
            self.flush()

    def add_many(self, unit_ids: list[int], ens: list[str], zts: list[str], en_ids: list[bytes]) -> None:
        """:meth:`add_tokens` for many units at once (parallel lists)."""
        self.fts.extend(zip(unit_ids, map(as_spaces, ens)))
        self.zh_text.extend(zts)
        counts = [len(b) >> 3 for b in en_ids]
        self.zh_codes.extend([(len(z) if len(z) < 65535 else 65535) << UID_BITS | u
                              for z, u in zip(zts, unit_ids)])
        self.en_ids.frombytes(b"".join(en_ids))
        self.en_codes.extend([(n if n < 65535 else 65535) << UID_BITS | u for n, u in zip(counts, unit_ids)])
        self.en_counts.extend(counts)
        self.pending += sum(map(len, zts)) + sum(counts)
        if self.pending >= self.FLUSH_POSTINGS:
            self.flush()
        elif self._fts_rows is not None and len(self.fts) >= self._fts_rows:
            self._flush_fts()

    def remove(self, unit_id: int, zh: str, en: str) -> None:
        """Call before the unit row is deleted or its text changed (postings stay: see above)."""
        if not zh or not en:
            return
        self._flush_fts()  # the unit's own FTS row may still be buffered
        self.conn.execute("INSERT INTO units_en_fts (units_en_fts, rowid, en) VALUES ('delete', ?, ?)",
                          [unit_id, as_spaces(en)])

    def _flush_fts(self) -> None:
        if self.fts:
            self.conn.executemany(_FTS_INSERT, self.fts)
            self.fts = []

    def _postings(self):
        """(token ids, codes) of the buffered units, sorted by token then code, without repeats."""
        return _postings([self.zh_text, self.zh_codes, self.en_ids, self.en_codes, self.en_counts])

    def _sorted_postings(self):
        with small_pages():
            return self._postings()

    def flush(self) -> None:
        """Sort the buffered postings and set them aside as a spill (a sorted run in a temporary
        file): :meth:`finish` merges the spills of the transaction into one run. The sort
        runs in a thread while the caller goes on filling the next buffer (numpy sorts
        without the interpreter lock): an import's writer spent a third of its time here,
        and the process reading its file waited meanwhile. One sort at a time."""
        if self._fts_rows is not None or not self.pending:
            self._flush_fts()
        if not self.pending:
            return
        self._sorted()
        buffers = [self.zh_text, self.zh_codes, self.en_ids, self.en_codes, self.en_counts]
        fts, self.fts = self.fts, []
        self._reset()
        spill = self._spill

        def work():
            # a connection that can lay its full-text rows out ahead (PostgreSQL's word
            # postings: numpy, as the sort) has that done here too; they are written by
            # the caller's thread, at the next flush or at finish
            laid = self._dialect.lay_out(_FTS_INSERT, fts) if fts else None
            with small_pages():
                # one thread: this sort runs beside the import (and its reading child), where
                # a second one only took turns with them (bench/pg_bench.py's import, the main
                # phase 31.8-33.6 s with two, 29.8-31.2 s with one)
                tids, codes = _postings(buffers, parallel=False)
            if len(tids):
                spill.add(tids, codes)
            return laid
        self._sorting = _Thread(work)

    def _sorted(self) -> None:
        """Wait for the work :meth:`flush` started, if any (its error is raised here), and
        write the full-text rows it laid out."""
        if self._sorting is not None:
            sorting, self._sorting = self._sorting, None
            laid = sorting.result()
            if laid is not None:
                self.conn.executemany(_FTS_INSERT, laid)

    def finish(self, beside: Callable[[], object] | None = None) -> None:
        """Write the postings of the transaction as one run (merging its spills).

        ``beside()``, if given, runs here while the last buffer's postings are sorted in a
        thread: work on the connection that must precede the commit, such as an import's
        deferred ``CREATE INDEX`` statements. SQLite and numpy's sorts release the GIL, so
        the two go on on two cores, where they took turns on one (the reader of an import
        has ended by then; bench/import_codes.py's last buffer, ~43,000 units: a sort of
        ~0.3 s beside index builds of ~0.2 s)."""
        self._flush_fts()
        self._sorted()
        if self.pending:
            tids, codes = _beside(self._sorted_postings, beside)
            self._reset()
            if not len(self._spill):                # one buffer: written as it is, no spill
                if len(tids):
                    write_run(self.conn, tids, codes, frequent=self.FREQUENT)
                return
            last = (tids, codes)
        else:
            last = None
            if beside is not None:
                beside()
        if len(self._spill):
            with small_pages():
                self._spill.merge_into(self.conn, self.FREQUENT, self.FLUSH_POSTINGS, last=last)
            self._spill = Spill()


def _postings(buffers: list, parallel: bool = True):
    """(token ids, codes) of the units buffered as :class:`Index` buffers them (``[zh_text,
    zh_codes, en_ids, en_codes, en_counts]``), sorted by token then code, without repeats.
    ``buffers`` is emptied: the Chinese texts are let go once they are an array (a sort in a
    thread overlaps the next buffer's filling; the two buffers' texts did not both need to be held).
    ``parallel``: the two sides may be sorted in two threads (see :data:`PARALLEL_FROM`)."""
    import numpy as np

    zh_text, zh_codes, en_ids, en_codes, en_counts = buffers
    buffers.clear()
    lens = np.fromiter(map(len, zh_text), dtype=np.int64, count=len(zh_text))
    chars = np.frombuffer("".join(zh_text).encode("utf-32-le", "surrogatepass"),
                          dtype=np.uint32).astype(np.uint64)
    del zh_text
    if len(chars) > 1:
        zh_ids = (chars[:-1] << np.uint64(21)) | chars[1:]   # the bigram, without ZH_BIT
        last = np.cumsum(lens)[lens > 0] - 1  # a unit's last character starts no bigram
        keep = np.ones(len(chars), dtype=bool)
        keep[last] = False
        zh_ids = zh_ids[keep[:-1]]
    else:
        zh_ids = np.zeros(0, dtype=np.uint64)
    del chars
    en_ids = np.frombuffer(en_ids, dtype=np.uint64)

    def sort_zh():
        return _sort_postings(zh_ids, np.frombuffer(zh_codes, dtype=np.uint64), np.maximum(lens - 1, 0),
                              fuzzy.OCCURRENCE_SHIFT["zh"])

    def sort_en():
        return _sort_postings(en_ids, np.frombuffer(en_codes, dtype=np.uint64),
                              np.frombuffer(en_counts, dtype=np.uint64).astype(np.int64),
                              fuzzy.OCCURRENCE_SHIFT["en"])

    # the two sides are sorted apart: the English side in a thread when it is large enough
    # to be worth one (numpy's sorts release the GIL), e.g. at the end of an import
    if parallel and len(en_ids) >= PARALLEL_FROM:
        en, zh = _both(sort_en, sort_zh)
    else:
        zh, en = sort_zh(), sort_en()
    # every English token id (a CRC-32) is below every Chinese one (ZH_BIT set)
    return (np.concatenate([en[0], zh[0] | np.uint64(fuzzy.ZH_BIT)]), np.concatenate([en[1], zh[1]]))


class _Thread:
    """``work()`` run in a thread; :meth:`result` waits for it and gives its value (or raises
    its exception)."""

    def __init__(self, work: Callable):
        import threading

        self._out: list = []
        self._thread = threading.Thread(target=self._run, args=(work,), name="tm-index-sort", daemon=True)
        self._thread.start()

    def _run(self, work: Callable) -> None:
        try:
            self._out.append((True, work()))
        except BaseException as exc:        # raised again in the caller
            self._out.append((False, exc))

    def join(self) -> None:
        self._thread.join()

    def result(self):
        self._thread.join()
        ok, value = self._out[0]
        if not ok:
            raise value
        return value


def _beside(work: Callable, beside: Callable[[], object] | None):
    """``work()``, computed in a thread while this one runs ``beside()`` (if given); an
    exception of either is raised here, after both have ended."""
    if beside is None:
        return work()
    return _both(work, beside)[0]


def _both(work: Callable, beside: Callable):
    """``(work(), beside())``, ``work`` computed in a thread while this one runs ``beside``;
    an exception of either is raised here, after both have ended."""
    thread = _Thread(work)
    try:
        mine = beside()
    finally:
        thread.join()
    return thread.result(), mine


def _before(ts, cs, token: int, code: int) -> int:
    """How many of the pairs ``(ts[i], cs[i])`` (sorted) sort before ``(token, code)``."""
    import numpy as np

    t, c = np.uint64(token), np.uint64(code)
    lo, hi = int(np.searchsorted(ts, t, side="left")), int(np.searchsorted(ts, t, side="right"))
    return lo + int(np.searchsorted(cs[lo:hi], c, side="left"))


def distinct_sorted(values):
    """The distinct values of a numpy array, ascending: ``np.unique`` by a sort. numpy 2.3+
    finds them with a hash table first, 30-60 times slower on 64-bit integers (1,000,000
    random tokens: 1.2 s against 20 ms, numpy 2.4); an import's runs of postings spent
    more time there than in sorting them."""
    import numpy as np

    s = np.sort(values)
    if len(s) < 2:
        return s
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _merge_sorted(tids, codes):
    """Sorted by token then code, without repeats: the concatenated pieces ``(tids, codes)``,
    each sorted so. As one 64-bit key where it fits (the token's rank among the pieces'
    tokens, the length, the unit id less the smallest), sorted stably: a merge of the
    pieces (sorted runs), a third of the time of sorting the two keys. The key is built,
    and taken apart, in place where numpy allows (fewer arrays of the range's size made
    and filled: 82 -> 67 ms for 3,000,000 postings of 13 pieces)."""
    import numpy as np

    n = len(tids)
    heads = np.empty(n, dtype=bool)
    heads[0] = True
    np.not_equal(tids[1:], tids[:-1], out=heads[1:])
    at = np.flatnonzero(heads)
    first = tids[at]
    distinct = distinct_sorted(first)
    low = codes & np.uint64(UID_MASK)           # the unit ids, then the key's parts
    base = int(low.min())
    room = (int(low.max()) - base).bit_length()
    rank_bits = max(1, (len(distinct) - 1).bit_length())
    if rank_bits + 16 + room <= 64 and int(codes.max() >> np.uint64(UID_BITS)) < 1 << 16:
        # each token's rank, found once per run of it (the pieces' own runs)
        key = np.repeat(np.searchsorted(distinct, first).astype(np.uint64), np.diff(np.append(at, n)))
        key <<= np.uint64(16 + room)
        low -= np.uint64(base)
        key |= low
        np.right_shift(codes, np.uint64(UID_BITS), out=low)
        low <<= np.uint64(room)
        key |= low
        del low
        key.sort(kind="stable")
        fresh = heads
        np.not_equal(key[1:], key[:-1], out=fresh[1:])
        key = key[fresh]
        out_tids = distinct[(key >> np.uint64(16 + room)).view(np.int64)]
        out_codes = key >> np.uint64(room)
        out_codes &= np.uint64(0xFFFF)
        out_codes <<= np.uint64(UID_BITS)
        key &= np.uint64((1 << room) - 1)
        key += np.uint64(base)
        out_codes |= key
        return out_tids, out_codes
    order = np.lexsort((codes, tids))
    tids, codes = tids[order], codes[order]
    fresh = np.ones(len(tids), dtype=bool)
    fresh[1:] = (tids[1:] != tids[:-1]) | (codes[1:] != codes[:-1])
    return tids[fresh], codes[fresh]


def write_run(conn, tids, codes, *, frequent: int = 4) -> None:
    """Write the postings ``(tids, codes)`` (sorted by token then code, no repeats) as one
    new run: a ``match_postings`` row per token with at least ``frequent`` postings, the
    rest in ``match_rare`` rows by :func:`bucket`."""
    run = conn.execute("INSERT INTO match_runs (postings) VALUES (?)", [len(tids)]).lastrowid
    rare = _write_frequent(conn, run, tids, codes, frequent)
    write_rare(conn, run, tids[rare], codes[rare], ordered=True)


PARALLEL_FROM = 200_000
"""English postings of a buffer from which its two sides are sorted in two threads (a
thread costs ~0.1 ms; a buffer at the end of an import holds millions)."""

CHUNK = 4096
"""Postings per ``match_postings`` row at most: a token's longer list is cut into rows that
carry the first and last code they hold (``lo``, ``hi``; ``NULL`` on a row that is not cut),
so a query reads only the rows of the unit lengths it can match (at 1,000,000 units a query
needed under half of the frequent postings it read whole)."""


_PACKED = struct.Struct("<QBII")   # first code, delta width (1 to 4 bytes), deltas, exceptions
_SWAP = sys.byteorder == "big"     # the blobs are little-endian


def pack_codes(codes) -> bytes:
    """A ``match_postings`` blob in the packed form (read by :func:`codes_of`): ascending
    ``codes`` (a numpy ``uint64`` array) as their first code and the differences from one to
    the next in 1 to 4 bytes each (the width with the fewest bytes in all), a difference too
    wide for it (where the unit length changes, or a sparse stretch) given apart: its position
    (2 bytes, 4 in a row of over 65,536 codes) and its 8 bytes. The blob's size is never a
    multiple of 8 (a pad byte where it would be), so :func:`codes_of` tells it from the plain
    form, ``array('Q')`` of the codes, which is given instead where it is no larger, and the
    bitmaps form (:class:`_BitmapRows`) where its unit ids fit in 32 bits and it takes at most
    :data:`BITMAPS_EXTRA` bytes a code more (:func:`form` tells the three apart). One row of
    :func:`pack_rows`."""
    import numpy as np

    data, _, _ = pack_rows(codes, np.zeros(1, dtype=np.int64), np.full(1, len(codes), dtype=np.int64))
    return data.tobytes()


def pack_rows(codes, a, e):
    """The blobs of rows holding ``codes[a[i]:e[i]]`` (each ascending, at least one code), as
    :func:`pack_codes` makes each, laid end to end: ``(bytes as uint8, starts, ends)``. With
    numpy over all the rows at once (a Python call a row cost an import's writer ~40 us a row):
    each row's size in the three forms, then each form's rows laid out."""
    import numpy as np

    codes = np.asarray(codes, dtype=np.uint64)
    a, e = np.asarray(a, dtype=np.int64), np.asarray(e, dtype=np.int64)
    n = e - a
    m = n - 1
    s = np.cumsum(n) - n                                    # where each row starts in c
    row = np.repeat(np.arange(len(n)), n)                   # the row of each code
    c = codes[np.arange(len(row)) - s[row] + a[row]]        # the rows' codes, one after the other
    d = np.zeros(len(c), dtype=np.uint64)
    np.subtract(c[1:], c[:-1], out=d[1:])
    d[s] = 0                                                # a row's first code is no difference
    need = np.zeros(len(c), dtype=np.int8)                  # per difference: bytes it needs, less 1
    for b in (1, 2, 3, 4):
        need += d >= np.uint64(1 << (8 * b))
    at = np.where(m < 1 << 16, 2, 4)                        # bytes of an exception's position
    size = np.full(len(n), np.iinfo(np.int64).max)
    w = np.zeros(len(n), dtype=np.int64)
    k = np.zeros(len(n), dtype=np.int64)
    for width in (1, 2, 3, 4):
        kw = np.add.reduceat(need >= width, s).astype(np.int64) if len(c) else k
        sw = (at + 8) * kw + width * m
        better = sw < size
        size[better], w[better], k[better] = sw[better], width, kw[better]
    size += _PACKED.size
    size += size % 8 == 0                                   # the pad byte
    plain = size >= 8 * n
    size[plain] = 8 * n[plain]
    # the bitmaps form where its ids fit in 32 bits, it takes at most BITMAPS_EXTRA bytes a code
    # more and its length runs hold BITMAPS_RUN codes or more on average
    layout = _BitmapRows(c, row, s, n)
    bits = layout.fits & (layout.size <= size + BITMAPS_EXTRA * n) & (n >= BITMAPS_RUN * layout.runs)
    size[bits] = layout.size[bits]
    w[plain | bits] = k[plain | bits] = 0
    ends = np.cumsum(size)
    starts = ends - size
    out = np.zeros(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    # plain rows: their codes as they are
    out[_spans(len(out), starts[plain], 8 * n[plain])] = c[plain[row]].astype("<u8").view(np.uint8)
    layout.put(out, bits, starts)
    # packed rows: the head, the exceptions' positions and values, then the differences
    p = np.flatnonzero(~plain & ~bits)
    head = np.zeros(len(p), dtype=np.dtype([("first", "<u8"), ("w", "u1"), ("m", "<u4"), ("k", "<u4")]))
    head["first"], head["w"], head["m"], head["k"] = c[s[p]], w[p], m[p], k[p]
    out[starts[p][:, None] + np.arange(_PACKED.size)] = head.view(np.uint8).reshape(-1, _PACKED.size)
    width = w.astype(np.int8)[row]                          # per code: its row's width (0: plain)
    width[s] = 0                                            # (a first code: no difference)
    x = np.flatnonzero((need >= width) & (width > 0))       # the exceptions
    xr = row[x]
    i = x - s[xr] - 1                                       # an exception's position in its row
    j = np.arange(len(x)) - (np.cumsum(k) - k)[xr]          # its rank among its row's
    base = starts[xr] + _PACKED.size
    for b in range(4):
        big = at[xr] > b
        out[(base + at[xr] * j + b)[big]] = (i[big] >> (8 * b)) & 0xFF
    out[(base + at[xr] * k[xr] + 8 * j)[:, None] + np.arange(8)] = d[x].astype("<u8").view(np.uint8).reshape(-1, 8)
    d[x] = 0
    # the differences' low bytes, the codes in order: (code, byte) in row-major order where byte < width
    low = d.astype("<u4").view(np.uint8).reshape(-1, 4)[np.arange(4) < width[:, None]]
    out[_spans(len(out), starts[p] + _PACKED.size + (at[p] + 8) * k[p], w[p] * m[p])] = low
    return out, starts, ends


def _spans(size: int, starts, lens):
    """A mask of ``size`` positions, true in ``[starts[i], starts[i] + lens[i])`` (disjoint, in
    ascending order): falses and trues repeated by the gaps and the lengths in turn (a running
    sum of edges took six times as long, and a row writer makes several such masks)."""
    import numpy as np

    starts = np.asarray(starts, dtype=np.int64)
    lens = np.broadcast_to(np.asarray(lens, dtype=np.int64), starts.shape)
    if not len(starts):
        return np.zeros(size, dtype=bool)
    counts = np.empty(2 * len(starts) + 1, dtype=np.int64)
    counts[0] = starts[0]
    counts[1:-1:2] = lens
    counts[2:-1:2] = starts[1:] - (starts[:-1] + lens[:-1])
    counts[-1] = size - starts[-1] - lens[-1]
    inside = np.zeros(len(counts), dtype=bool)
    inside[1::2] = True
    return np.repeat(inside, counts)


BITMAPS_EXTRA = 2
"""Bytes a code a ``match_postings`` row may take in the bitmaps form beyond the packed form
(:func:`pack_rows`): a packed code costs a one-shot command without numpy ~40 ns to decode
(:func:`_unpack`), a code of the bitmaps form next to nothing (docs/postgres.md, session 21)."""

BITMAPS_RUN = 128
"""Codes a length run of a row in the bitmaps form holds at least on average: each run is a
bitmap of its own, ~3 us in Python to read and turn into codes (~1.5 us to read alone), the
cost of decoding some 75 packed codes without numpy; a process with numpy decodes a packed
code in ~3 ns (session 21: a 1,000,000-unit realistic memory whose rows of many short runs
were written in the bitmaps form matched 30 % slower in a process with numpy)."""

_BITMAPS = struct.Struct("<H5xB")   # length runs, the tag in byte 7 (a code's top byte: 0 in the other forms)
_BITMAPS_TAG = 0xFF
_RUN = struct.Struct("<HI")         # a run's length and the bytes of its bitmap
_COOKIE = 12346                     # CRoaring's portable format, array containers only


class _BitmapRows:
    """The bitmaps form of rows (see :func:`pack_rows`): the head (the number of length runs
    and the tag), a table of the runs (each length and the size of its bitmap), then per run
    the unit ids of that length as a 32-bit Roaring bitmap in CRoaring's portable
    serialization, which pyroaring reads in C (:func:`bitmaps_of`). A row holds at most
    :data:`CHUNK` codes, so every container is an array container (at most 4,096 values): a
    bitmap is its cookie and container count, a key and a cardinality less one per container,
    each container's offset, then the ids' low 16 bits. Laid out with numpy for all the rows
    at once. Made from the rows' codes ``c`` (``row``: each code's row, ``s``/``n``: each
    row's first code and count)."""

    def __init__(self, c, row, s, n):
        import numpy as np

        self.np = np
        self.c, self.row = c, row
        run = np.ones(len(c), dtype=bool)        # a code that starts a length run, and one that starts a container
        cont = np.ones(len(c), dtype=bool)
        if len(c):
            np.not_equal(c[1:] >> np.uint64(UID_BITS), c[:-1] >> np.uint64(UID_BITS), out=run[1:])
            np.not_equal(c[1:] >> np.uint64(16), c[:-1] >> np.uint64(16), out=cont[1:])
            run[s] = cont[s] = True
            runs = np.add.reduceat(run, s, dtype=np.int64)
            conts = np.add.reduceat(cont, s, dtype=np.int64)
            wide = (c >> np.uint64(32)) & np.uint64(0xFF) != 0   # an id of 2**32 or more
            self.fits = n <= 4096 if not wide.any() else (n <= 4096) & (np.add.reduceat(wide, s) == 0)
        else:
            runs = conts = n
            self.fits = n > 0
        self.run, self.cont, self.runs = run, cont, runs
        self.size = _BITMAPS.size + runs * (_RUN.size + 8) + 8 * conts + 2 * n

    def put(self, out, rows, starts) -> None:
        """Write the rows picked by the mask ``rows`` at ``starts`` in ``out`` (uint8)."""
        np = self.np
        pick = rows[self.row]
        if not pick.any():
            return
        c = self.c[pick]
        run, cont = self.run[pick], self.cont[pick]
        r0 = np.flatnonzero(run)                                 # each run's first code
        rrow = self.row[pick][r0]
        rn = np.diff(np.append(r0, len(c)))
        c0 = np.flatnonzero(cont)                                # each container's first code
        crun = np.cumsum(run, dtype=np.int64)[c0] - 1
        rc = np.bincount(crun, minlength=len(r0))                # containers of each run
        rsize = 8 + 8 * rc + 2 * rn
        lead = np.ones(len(r0), dtype=bool)                      # a row's first run
        lead[1:] = rrow[1:] != rrow[:-1]
        first = np.maximum.accumulate(np.where(lead, np.arange(len(r0)), 0))   # the first run of each run's row
        heads = np.flatnonzero(rows)
        nruns = np.diff(np.append(np.flatnonzero(lead), len(r0)))   # runs of each row picked (in order)
        before = np.cumsum(rsize) - rsize
        at = starts[rrow] + _BITMAPS.size + _RUN.size * nruns[np.cumsum(lead, dtype=np.int64) - 1] + before - before[first]
        _put(out, starts[heads], nruns, 2)
        out[starts[heads] + 7] = _BITMAPS_TAG
        table = starts[rrow] + _BITMAPS.size + _RUN.size * (np.arange(len(r0)) - first)
        _put(out, table, c[r0] >> np.uint64(UID_BITS), 2)
        _put(out, table + 2, rsize, 4)
        _put(out, at, np.full(len(r0), _COOKIE), 4)
        _put(out, at + 4, rc, 4)
        cat = at[crun] + 4 * (np.arange(len(c0)) - np.searchsorted(crun, crun))   # (less 8) a container's key
        _put(out, cat + 8, (c[c0] >> np.uint64(16)) & np.uint64(0xFFFF), 2)
        _put(out, cat + 10, np.diff(np.append(c0, len(c))) - 1, 2)
        _put(out, cat + 8 + 4 * rc[crun], 8 + 8 * rc[crun] + 2 * (c0 - r0[crun]), 4)
        # the ids' low 16 bits, the bulk, in one masked assignment (they lie in the order of the codes)
        out[_spans(len(out), at + 8 + 8 * rc, 2 * rn)] = (c & np.uint64(0xFFFF)).astype("<u2").view(np.uint8)


def _put(out, at, values, width: int) -> None:
    """Write ``values`` little-endian, ``width`` bytes each, at the positions ``at`` of ``out``."""
    import numpy as np

    out[np.asarray(at)[:, None] + np.arange(width)] = (
        np.asarray(values).astype(f"<u{width}").view(np.uint8).reshape(-1, width))


def form(blob) -> str:
    """The form of a ``match_postings`` blob: ``plain`` (``array('Q')`` of the codes), ``packed``
    (:func:`pack_codes`'s differences) or ``bitmaps`` (:class:`_BitmapRows`)."""
    if len(blob) >= 8 and blob[7] == _BITMAPS_TAG:
        return "bitmaps"
    return "plain" if len(blob) % 8 == 0 else "packed"


def bitmaps_of(blob) -> list | None:
    """The ``(length, BitMap of unit ids)`` runs of a ``match_postings`` blob in the bitmaps form
    (:class:`_BitmapRows`), ascending by length; ``None`` for the other forms."""
    if form(blob) != "bitmaps":
        return None
    from pyroaring import BitMap

    k = _BITMAPS.unpack_from(blob)[0]
    table = struct.unpack_from("<" + "HI" * k, blob, _BITMAPS.size)
    view = memoryview(blob)
    o = _BITMAPS.size + _RUN.size * k
    read = _portable_ids if _SWAP else BitMap.deserialize
    runs = []
    for j in range(0, 2 * k, 2):
        size = table[j + 1]
        runs.append((table[j], read(view[o:o + size])))
        o += size
    return runs


def _portable_ids(view):
    """A bitmap of :class:`_BitmapRows` (CRoaring's portable format, array containers only) read
    in Python: :func:`bitmaps_of` on a big-endian machine, where CRoaring read its
    little-endian format right only from its pull request #817 (2026), which no pyroaring
    version this project asks for is sure to hold (a wrong id would be a wrong match, not an
    error). The container keys and cardinalities, then the ids' low 16 bits in order."""
    from pyroaring import BitMap

    conts = struct.unpack_from("<I", view, 4)[0]
    head = struct.unpack_from("<" + "HH" * conts, view, 8)
    low = array("H")
    low.frombytes(view[8 + 8 * conts:])
    if sys.byteorder == "big":   # (not _SWAP, which a test sets to take this path here)
        low.byteswap()
    ids, a = array("I"), 0
    for key, card in zip(head[0::2], head[1::2]):
        ids.extend((key << 16) | x for x in low[a:a + card + 1])
        a += card + 1
    return BitMap(ids)


def codes_of_bitmap_rows(blobs: list) -> list[memoryview]:
    """The codes of ``blobs`` in the bitmaps form (:class:`_BitmapRows`), each a ``memoryview``
    of ``Q``, read with numpy for all of them at once, without pyroaring: the run tables, the
    containers' keys and cardinalities and the ids' low bits gathered from the bytes (a process
    with numpy decoding row by row through pyroaring took three times as long as the packed
    form's decoder; a token's rows are decoded together)."""
    import numpy as np

    raw = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    lens = np.array([len(b) for b in blobs], dtype=np.int64)
    base = np.cumsum(lens) - lens

    def word(at, width):   # little-endian integers of ``width`` bytes at the positions ``at``
        out = raw[at].astype(np.int64)
        for b in range(1, width):
            out |= raw[at + b].astype(np.int64) << (8 * b)
        return out

    k = word(base, 2)                                   # runs of each blob
    blob = np.repeat(np.arange(len(blobs)), k)
    firsts = np.cumsum(k) - k
    tpos = base[blob] + _BITMAPS.size + _RUN.size * (np.arange(len(blob)) - firsts[blob])
    m, size = word(tpos, 2), word(tpos + 2, 4)
    before = np.cumsum(size) - size
    at = base[blob] + _BITMAPS.size + _RUN.size * k[blob] + before - before[firsts[blob]]   # each bitmap
    c = word(at + 4, 4)                                 # containers of each run
    run = np.repeat(np.arange(len(at)), c)
    cfirst = np.cumsum(c) - c
    dpos = at[run] + 8 + 4 * (np.arange(len(run)) - cfirst[run])
    key, card = word(dpos, 2), word(dpos + 2, 2) + 1
    n = np.add.reduceat(card, cfirst) if len(card) else card   # ids of each run
    codes = np.repeat(((m[run] << UID_BITS) | (key << 16)).astype(np.uint64), card)   # each container's high bits
    codes |= raw[_spans(len(raw), at + 8 + 8 * c, 2 * n)].view("<u2")
    ends = np.cumsum(np.add.reduceat(n, firsts)) if len(n) else np.zeros(len(blobs), dtype=np.int64)
    view = memoryview(codes).cast("B").cast("Q")
    return [view[a:b] for a, b in zip([0, *ends[:-1].tolist()], ends.tolist())]


def codes_of_bitmaps(runs) -> memoryview:
    """The codes (a ``memoryview`` of ``Q``, ascending) of the runs of :func:`bitmaps_of`, without
    numpy: the ids put in the low 32-bit halves and each run's length in the high ones by
    strided copies of an ``array('I')`` (~10 ns a code; a ``memoryview``'s took 17)."""
    if _SWAP:
        return memoryview(array("Q", [m << UID_BITS | i for m, ids in runs for i in ids]))
    words = array("I", bytes(8 * sum(len(ids) for _, ids in runs)))
    a = 0
    for m, ids in runs:
        b = a + 2 * len(ids)
        words[a:b:2] = ids.to_array()
        words[a + 1:b:2] = array("I", [m << (UID_BITS - 32)]) * len(ids)
        a = b
    return memoryview(words).cast("B").cast("Q")


def _head(blob) -> tuple[int, int, int, int, int, int]:
    """A packed blob's first code, delta width, deltas, exceptions, the bytes of an exception's
    position (2, or 4 in a row of over 65,536 codes) and where the deltas start (see :func:`pack_codes`)."""
    first, w, m, k = _PACKED.unpack_from(blob)
    at = 2 if m < 1 << 16 else 4
    return first, w, m, k, at, _PACKED.size + (at + 8) * k


def codes_of(blob) -> memoryview:
    """The codes of a ``match_postings`` blob as a ``memoryview`` of ``Q`` (ascending): the
    plain form (its size a multiple of 8) as it is, without a copy; the packed form
    (:func:`pack_codes`, written by a connection whose ``pack_postings`` is true) decoded,
    with numpy in a process that has loaded it (:func:`_unpack_numpy`), else without
    (:func:`_unpack`: a one-shot command would pay numpy's import, ~50 ms, for it). The same
    codes either way."""
    kind = form(blob)
    if kind == "plain":
        return memoryview(blob).cast("Q")
    if kind == "bitmaps":
        return codes_of_bitmaps(bitmaps_of(blob))
    if "numpy" in sys.modules:
        return _unpack_numpy(blob)
    return _unpack(blob)


def _unpack_numpy(blob) -> memoryview:
    """:func:`codes_of` of a packed blob, with numpy: one ``frombuffer`` and one ``cumsum``."""
    import numpy as np

    first, w, m, k, at, o = _head(blob)
    out = np.zeros(m + 1, dtype="<u8")
    out[0] = first
    if w == 3:
        out[1:].view(np.uint8).reshape(m, 8)[:, :3] = np.frombuffer(blob, np.uint8, 3 * m, o).reshape(m, 3)
    else:
        out[1:] = np.frombuffer(blob, f"<u{w}", m, o)
    if k:
        out[1 + np.frombuffer(blob, f"<u{at}", k, _PACKED.size)] = np.frombuffer(blob, "<u8", k, _PACKED.size + at * k)
    np.cumsum(out, out=out)
    return memoryview(out).cast("B").cast("Q")


def _unpack(blob) -> memoryview:
    """:func:`codes_of` of a packed blob without numpy, the running sums of the differences
    taken as the quotient of one integer division: with the differences (the first code
    first) as the base-``2**64`` digits of an integer ``X``, most significant first, and a zero
    digit last, each digit of ``X // (2**64 - 1)`` is the sum of the digits above it, that is
    each code in turn from the lowest digit up (no digit overflows: the codes stay below
    ``2**63``). The divisor is split into three factors below ``2**30``: CPython divides by a
    one-digit number in one pass of a machine division per 30 bits, and a one-shot command
    decodes hundreds of thousands of codes (Python's own ``accumulate`` over an ``array``
    took 1.6 times as long and 2.6 times the instructions; see docs/postgres.md, session 18).
    The integer is built from and written back to bytes (the differences put in big-endian
    lanes by strided copies, the codes read back byte-swapped)."""
    first, w, m, k, at, o = _head(blob)
    n = m + 1
    lanes = bytearray(8 * (n + 1))
    lanes[0:8] = first.to_bytes(8, "big")
    for b in range(w):   # the differences' byte b (little-endian) is byte 7 - b of their lane
        lanes[15 - b:8 * n:8] = blob[o + b:o + w * m:w]
    if k:
        pos = array("H" if at == 2 else "I")
        pos.frombytes(blob[_PACKED.size:_PACKED.size + at * k])
        if _SWAP:
            pos.byteswap()
        big = _PACKED.size + at * k
        for j, p in enumerate(pos):
            lanes[8 + 8 * p:16 + 8 * p] = blob[big + 8 * j:big + 8 * j + 8][::-1]
    out = array("Q")
    out.frombytes((int.from_bytes(lanes, "big") // _F1 // _F2 // _F3).to_bytes(8 * n, "big"))
    if not _SWAP:
        out.byteswap()
    return memoryview(out)


# 2**64 - 1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417, in three factors below 2**30
_F1, _F2, _F3 = 6700417 * 17 * 5, 641 * 65537 * 3, 257


def _blobs(conn, codes, a, e) -> tuple:
    """The ``blob`` field (:class:`tm.memory.columns.Columns`) of rows holding ``codes[a[i]:e[i]]``:
    slices of the codes themselves, or, where the connection packs its postings
    (``pack_postings``, PostgreSQL), the rows packed (:func:`pack_rows`)."""
    if not getattr(conn, "pack_postings", False):
        return ("blob", codes, a, e)
    return ("blob", *pack_rows(codes, a, e))


def _write_frequent(conn, run: int, tids, codes, frequent: int):
    """Write the ``match_postings`` rows of the tokens of ``tids`` with at least ``frequent``
    postings (sorted by token then code; see :data:`CHUNK`); returns the mask of the other
    (rare) postings. The rows go as numpy columns (:class:`tm.memory.columns.Columns`)."""
    import numpy as np

    starts = np.flatnonzero(np.concatenate([[True], tids[1:] != tids[:-1]]))
    counts = np.diff(np.append(starts, len(tids)))
    often = counts >= frequent
    first, many = starts[often], counts[often]
    # a token's list in rows of at most CHUNK postings: row j of a token starts at CHUNK * j
    pieces = (many + (CHUNK - 1)) // CHUNK
    token_of_row = np.repeat(np.arange(len(first)), pieces)
    within = np.arange(len(token_of_row)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    a = first[token_of_row] + CHUNK * within
    e = np.minimum(a + CHUNK, (first + many)[token_of_row])
    cut = pieces[token_of_row] > 1              # lo and hi only on the rows of a cut list
    conn.executemany("INSERT INTO match_postings (token, run, n, codes, lo, hi) VALUES (?, ?, ?, ?, ?, ?)",
                     Columns(len(a), [("int", tids[a]), ("int", run), ("int", e - a), _blobs(conn, codes, a, e),
                                      ("int?", codes[a], cut), ("int?", codes[np.maximum(e - 1, 0)], cut)]))
    return np.repeat(~often, counts)


_PREADV = hasattr(os, "preadv")


def _read_into(fd: int, out, where: int) -> None:
    """Fill the array ``out`` with the bytes of file ``fd`` from offset ``where`` on, read
    straight into it (``os.preadv``; a plain read where the system lacks it), however few
    bytes each call returns."""
    view = memoryview(out).cast("B")
    while view:
        if _PREADV:
            done = os.preadv(fd, [view], where)
        else:                           # pragma: no cover - a system without preadv
            data = os.pread(fd, len(view), where)
            view[:len(data)] = data
            done = len(data)
        if not done:
            raise OSError(f"the index's temporary file ends before {where}")
        view, where = view[done:], where + done


class _Part:
    """Where a spill's postings are in the file (see :meth:`Spill.add`): ``n`` postings;
    ``tokens``, the offset of its distinct tokens (``uint64``, ascending), ``ranks`` that of
    each posting's token as its rank among them (``uint32``), or, ``ranks`` None, ``tokens``
    that of each posting's token (``uint64``); ``codes``, the offset of the codes, as
    ``length << 24 | (unit id - base)`` in 32 bits, or, ``base`` None, as they are."""

    __slots__ = ("n", "tokens", "ranks", "codes", "base")

    def __init__(self, n: int, tokens: int, ranks: int | None, codes: int, base: int | None):
        self.n, self.tokens, self.ranks, self.codes, self.base = n, tokens, ranks, codes, base


_NARROW = 24                # bits of a unit id, less a spill's smallest, in a 32-bit code


class Spill:
    """Sorted runs of postings set aside in one anonymous temporary file (gone when closed,
    or when the process ends however it ends) during a large write transaction, merged into
    one run at its end (:meth:`merge_into`): a memory imported in one transaction is one run,
    so a query reads one row per token (and per rare bucket) rather than one per four
    million postings imported (about 65,000 units).

    The merge goes through the token space in ranges of about ``size`` postings (bounds
    from a sample of every :data:`SAMPLE`-th token of each spill kept in memory), so its
    memory is that of one range, whatever the size of the transaction.

    A spill is written narrow where it can be (:meth:`add`): about 9 bytes a posting instead
    of 16, so fewer new pages of the kernel's page cache (on a virtual machine whose host
    takes free memory back, each a fault in the host: docs/postgres.md, session 16)."""

    SAMPLE = 1024

    def __init__(self):
        self.file = None
        self.parts: list[_Part] = []               # where each spill is in the file
        self.samples: list = []                    # every SAMPLE-th token of each spill
        self.end = 0

    def __len__(self) -> int:
        return len(self.parts)

    def add(self, tids, codes, *, ordered: bool = True) -> None:
        """Set aside the postings ``(tids, codes)`` (``uint64`` arrays), sorted by token
        (``ordered``) or not. Sorted, a token is written once and each posting gives its
        rank among the spill's tokens (4 bytes: a buffer of four million postings holds
        about 480,000 tokens); a code whose length is below 256 and unit id within 2**24 of
        the spill's smallest (every code of a buffer of some 65,000 units) in 4 bytes too."""
        import numpy as np

        n = len(tids)
        self.samples.append((tids[::self.SAMPLE].copy(), codes[::self.SAMPLE].copy()))
        ranks = None
        if ordered and 0 < n < 1 << 32:
            heads = np.empty(n, dtype=bool)
            heads[0] = True
            np.not_equal(tids[1:], tids[:-1], out=heads[1:])
            at_tokens = self.put(tids[heads])
            rank = np.cumsum(heads, dtype=np.uint32)
            del heads
            rank -= np.uint32(1)
            ranks = self.put(rank)
            del rank
        else:
            at_tokens = self.put(tids)
        base = None
        if n:
            ids = codes & np.uint64(UID_MASK)
            low = int(ids.min())
            if int(ids.max()) - low < 1 << _NARROW and int(codes.max() >> np.uint64(UID_BITS)) < 1 << (32 - _NARROW):
                base = low
                ids -= np.uint64(low)
                ids |= (codes >> np.uint64(UID_BITS)) << np.uint64(_NARROW)
                at_codes = self.put(ids.astype(np.uint32))
            del ids
        if base is None:
            at_codes = self.put(codes)
        self.parts.append(_Part(n, at_tokens, ranks, at_codes, base))

    def put(self, arr) -> int:
        """Append the array ``arr`` to the file (:meth:`add` writes a spill's with it);
        :meth:`_read` reads a ``uint64`` one back from the offset returned."""
        import tempfile

        import numpy as np

        if self.file is None:
            self.file = tempfile.TemporaryFile(prefix="tm-index-", buffering=0)
        at = self.end
        view = memoryview(np.ascontiguousarray(arr)).cast("B")
        while view:
            done = os.pwrite(self.file.fileno(), view, self.end)
            self.end += done
            view = view[done:]
        return at

    def _read(self, offset: int, start: int, stop: int, dtype="uint64"):
        import numpy as np

        out = np.empty(max(stop - start, 0), dtype=dtype)
        _read_into(self.file.fileno(), out, offset + out.itemsize * start)
        return out

    def _read_part(self, part: _Part, start: int, stop: int, tids, codes) -> None:
        """The postings ``start:stop`` of the spill ``part``, read into the arrays ``tids``
        and ``codes`` (of that size)."""
        import numpy as np

        if stop <= start:
            return
        if part.ranks is None:
            _read_into(self.file.fileno(), tids, part.tokens + 8 * start)
        else:
            rank = self._read(part.ranks, start, stop, np.uint32)
            first = int(rank[0])                # the ranks ascend: the tokens of a span are a slice
            tokens = self._read(part.tokens, first, int(rank[-1]) + 1)
            rank -= np.uint32(first)
            np.take(tokens, rank, out=tids)
        if part.base is None:
            _read_into(self.file.fileno(), codes, part.codes + 8 * start)
        else:
            narrow = self._read(part.codes, start, stop, np.uint32)
            np.right_shift(narrow, np.uint32(_NARROW), out=codes, casting="unsafe")
            codes <<= np.uint64(UID_BITS)
            narrow &= np.uint32((1 << _NARROW) - 1)
            codes |= narrow.astype(np.uint64) + np.uint64(part.base)

    def _read_spans(self, spans: list, pieces: list | None = None):
        """``(tids, codes)``: the postings ``start:stop`` of each spill ``k`` of ``spans``
        (``(k, start, stop)``), end to end, read straight into two arrays (read as bytes
        and then concatenated, the final merge of a 1,000,000-unit import took twice the
        CPU: 0.53 against 0.26 s). ``pieces``: what ``k`` refers to instead of the spills,
        each a spill's :class:`_Part` or a pair of sorted arrays in memory."""
        import numpy as np

        pieces = self.parts if pieces is None else pieces
        size = sum(stop - start for _, start, stop in spans)
        tids, codes = np.empty(size, dtype=np.uint64), np.empty(size, dtype=np.uint64)
        at = 0
        for k, start, stop in spans:
            piece = pieces[k]
            if piece.__class__ is _Part:
                self._read_part(piece, start, stop, tids[at:at + stop - start], codes[at:at + stop - start])
            else:
                tids[at:at + stop - start] = piece[0][start:stop]
                codes[at:at + stop - start] = piece[1][start:stop]
            at += stop - start
        return tids, codes

    def _position(self, k: int, token: int, code: int) -> int:
        """The number of postings of spill ``k`` that sort before ``(token, code)``."""
        ts, cs = self.samples[k]
        i = _before(ts, cs, token, code)          # sample i - 1 sorts before, sample i not
        lo, hi = max(0, (i - 1) * self.SAMPLE + 1), min(self.parts[k].n, i * self.SAMPLE)
        return lo + _before(*self._read_spans([(k, lo, hi)]), token, code)

    def merge_into(self, conn, frequent: int, size: int, *, last=None) -> None:
        """Write the spills, and ``last`` (the postings of the last buffer, sorted, kept in
        memory: not written to the file to be read back), as one run (see the class), then
        close the file. The ranges are read and merged by two threads (the file's reads and
        numpy's sorts release the GIL) while this one writes the rows of the range before:
        at the end of an import nothing else runs and the second core idled."""
        import numpy as np
        from concurrent.futures import ThreadPoolExecutor

        pieces = list(self.parts)           # a spill's _Part, or the last buffer's arrays
        samples = list(self.samples)
        if last is not None and len(last[0]):
            pieces.append(last)
            samples.append((last[0][::self.SAMPLE], last[1][::self.SAMPLE]))
        sizes = [p.n if p.__class__ is _Part else len(p[0]) for p in pieces]
        try:
            total = sum(sizes)
            run = conn.execute("INSERT INTO match_runs (postings) VALUES (?)", [total]).lastrowid
            ts = np.concatenate([t for t, _ in samples])
            cs = np.concatenate([c for _, c in samples])
            order = np.lexsort((cs, ts))
            step = max(1, size // self.SAMPLE // 2)   # ranges of about size / 2 postings
            bounds: list[tuple[int, int]] = []
            for t, c in zip(ts[order][step::step].tolist(), cs[order][step::step].tolist()):
                # a range starts at a token's first posting, but within a token commoner than a range
                bounds.append((t, c) if bounds and bounds[-1][0] == t else (t, 0))
            at = [0] * len(pieces)
            ranges: list[list] = []
            for bound in [*bounds, None]:
                spans: list = []
                for k, piece in enumerate(pieces):
                    if bound is None:
                        stop = sizes[k]
                    elif piece.__class__ is _Part:
                        stop = self._position(k, *bound)
                    else:
                        stop = _before(piece[0], piece[1], *bound)
                    if stop > at[k]:
                        spans.append((k, at[k], stop))
                        at[k] = stop
                if spans:
                    ranges.append(spans)

            def merged(spans):              # (in a thread; numpy's setting is the caller's small_pages)
                tids, codes = self._read_spans(spans, pieces)
                return _merge_sorted(tids, codes) if len(spans) > 1 else (tids, codes)

            rare = RareSpill(size)
            written = 0
            with ThreadPoolExecutor(max_workers=2, thread_name_prefix="tm-index-merge") as pool:
                # at most two ranges read or merged ahead of the one being written: memory stays
                # that of a few ranges
                ahead = [pool.submit(merged, spans) for spans in ranges[:2]]
                for i in range(len(ranges)):
                    tids, codes = ahead.pop(0).result()
                    if i + 2 < len(ranges):
                        ahead.append(pool.submit(merged, ranges[i + 2]))
                    written += len(tids)
                    few = _write_frequent(conn, run, tids, codes, frequent)
                    # the ranges go up the token space, each sorted: the rare postings stay sorted
                    rare.add(tids[few], codes[few])
                    del tids, codes
            rare.write(conn, run)
            if written != total:
                conn.execute("UPDATE match_runs SET postings = ? WHERE id = ?", [written, run])
        finally:
            self.close()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


class RareSpill:
    """The rare postings of a merge (ranges going up the token space, each sorted by token
    then code), written as one ``match_rare`` row per bucket at the end (:meth:`write`).

    A range's rare postings fall in every bucket (:func:`bucket` hashes the token), so rows
    written as they came, a batch of ``size`` postings at a time, left a bucket in as many
    rows as batches, each in another part of the table: at 10,000,000 units imported in one
    transaction, three rows a bucket, and a match reads the buckets of all its tokens (see
    docs/postgres.md, session 14). Batches of ``size`` are set aside in a temporary file
    (:class:`Spill`'s) grouped by bucket, with each bucket's offset in the batch (in the
    file too: memory does not grow with the batches), and written at the end in ranges of
    buckets of about ``size`` postings, a range's pieces of each batch read in the order of
    the batches: as the batches go up the token space, a bucket's postings then come sorted
    by token then code, and memory stays that of a batch or a range."""

    def __init__(self, size: int):
        self.size = size
        self.spill = Spill()
        self.edges: list[int] = []          # per batch set aside: where the offset of each bucket in it is
        self.per_bucket = None              # postings set aside per bucket
        self.held: list = []                # ``(tids, codes)`` not set aside yet
        self.n = 0

    def add(self, tids, codes) -> None:
        if len(tids):
            self.held.append((tids, codes))
            self.n += len(tids)
            if self.n >= self.size:
                self._set_aside()

    def _grouped(self):
        """The held postings grouped by bucket (stably: by token then code within a bucket),
        and each bucket's offset among them."""
        import numpy as np

        tids = np.concatenate([t for t, _ in self.held])
        codes = np.concatenate([c for _, c in self.held])
        self.held, self.n = [], 0
        keys = buckets(tids)
        order = np.argsort(keys.astype(np.uint16) if BUCKET_BITS <= 16 else keys, kind="stable")
        keys = keys[order]
        edges = np.searchsorted(keys, np.arange(BUCKETS + 1, dtype=np.uint64))
        return tids[order], codes[order], edges

    def _set_aside(self) -> None:
        import numpy as np

        tids, codes, edges = self._grouped()
        self.spill.add(tids, codes, ordered=False)     # by bucket: a token's rank would not ascend
        self.edges.append(self.spill.put(edges.astype(np.uint64)))
        counts = np.diff(edges)
        self.per_bucket = counts if self.per_bucket is None else self.per_bucket + counts

    def write(self, conn, run: int) -> None:
        """Write the postings added as ``match_rare`` rows of ``run``, one a bucket; close the file."""
        import numpy as np

        try:
            if not self.edges:                  # one batch: written as it is (sorted by token then code)
                if self.held:
                    write_rare(conn, run, np.concatenate([t for t, _ in self.held]),
                               np.concatenate([c for _, c in self.held]), ordered=True)
                    self.held = []
                return
            pieces = list(self.spill.parts)
            per_bucket = self.per_bucket
            last = None
            if self.held:
                tids, codes, last = self._grouped()
                pieces.append((tids, codes))
                per_bucket = per_bucket + np.diff(last)
            ends = np.cumsum(per_bucket)
            # ranges of whole buckets, of about size postings each
            cuts = np.searchsorted(ends, np.arange(self.size, int(ends[-1]), self.size), side="left") + 1
            bounds = [0, *sorted(set(cuts.tolist()) - {0, BUCKETS}), BUCKETS]
            for b0, b1 in zip(bounds[:-1], bounds[1:]):
                spans = []
                for k in range(len(pieces)):
                    e = last[b0:b1 + 1] if k == len(self.edges) else self.spill._read(self.edges[k], b0, b1 + 1)
                    if e[-1] > e[0]:
                        spans.append((k, int(e[0]), int(e[-1])))
                if spans:
                    tids, codes = self.spill._read_spans(spans, pieces)
                    write_rare(conn, run, tids, codes, ordered=True)
        finally:
            self.spill.close()


def write_rare(conn, run: int, tokens, codes, *, ordered: bool = False) -> None:
    """Write the rare postings ``(tokens, codes)`` (parallel numpy ``uint64`` arrays) of
    ``run`` as one ``match_rare`` row per :func:`bucket`, each sorted by token then code
    (``ordered``: the arrays already are)."""
    import numpy as np

    if not len(tokens):
        return
    keys = buckets(tokens)
    if not ordered:
        order = np.lexsort((codes, tokens))
        tokens, codes, keys = tokens[order], codes[order], keys[order]
    # a bucket fits in 16 bits: numpy sorts those stably by radix, 26 times faster than
    # lexsort of (codes, tokens, keys) on 2,000,000 postings
    order = np.argsort(keys.astype(np.uint16) if BUCKET_BITS <= 16 else keys, kind="stable")
    tokens, codes, keys = tokens[order], codes[order], keys[order]
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    ends = np.append(starts[1:], len(keys))
    conn.executemany("INSERT INTO match_rare (bucket, run, tokens, codes) VALUES (?, ?, ?, ?)",
                     Columns(len(starts), [("int", keys[starts]), ("int", run), ("blob", tokens, starts, ends),
                                           ("blob", codes, starts, ends)]))


def merge_runs(conn, *, size: int = 8_000_000, frequent: int = 4) -> tuple[int, bool]:
    """Merge the runs of the index into one run; returns how many runs there were and whether
    the index was rewritten. An index of one run is rewritten too where its posting rows are
    not in the form this connection writes (:func:`foreign_rows`: a memory copied from the
    other backend, or written before the rows were packed), else left alone.

    Every import or edit transaction adds a run, so a token's postings lie in one
    ``match_postings`` row (or more, :data:`CHUNK`) per run, and a rare bucket in a
    ``match_rare`` row per run, each in another part of the table. A match reads the rows
    of the lengths it can match: with many runs it reads two partly used rows per run at
    the ends of its lengths, where one merged list has two in all, and a bucket's rows from
    as many places as there are runs. The merged run is written as one run of an import is
    (:func:`write_run`): a token's rows, and their out-of-line parts on a server, come one
    after the other. Same postings (repeats dropped), so the same results.

    One write transaction; a reader sees the old runs or the new one. The merge goes
    through the buckets in ranges of about ``size`` postings, so its memory is that of
    one range (the frequent tokens are listed first: a few MB)."""
    import json

    import numpy as np

    runs = [r for (r,) in conn.execute("SELECT id FROM match_runs ORDER BY id")]
    if not runs or len(runs) == 1 and not foreign_rows(conn, runs[0]):
        return len(runs), False
    sel = json.dumps(runs)
    only = "run IN (SELECT value FROM json_each(?))"
    total = sum(n for (n,) in conn.execute(f"SELECT postings FROM match_runs WHERE id IN (SELECT value FROM json_each(?))",
                                           [sel]))
    # the frequent tokens, a row each (DISTINCT in SQL: 5 minutes of hash aggregation on a
    # server at 10,000,000 units, its memory spilled to disk)
    cur = conn.execute(f"SELECT token FROM match_postings WHERE {only}", [sel])
    toks = np.zeros(0, dtype=np.uint64)
    while rows := cur.fetchmany(1_000_000):
        toks = distinct_sorted(np.concatenate([toks, np.array(rows, dtype=np.uint64).ravel()]))
    keys = buckets(toks) if len(toks) else toks
    run = conn.execute("INSERT INTO match_runs (postings) VALUES (?)", [0]).lastrowid
    edges = np.linspace(0, BUCKETS, max(1, min(BUCKETS, -(-total // size))) + 1).astype(np.int64)
    written = 0
    for b0, b1 in zip(edges[:-1].tolist(), edges[1:].tolist()):
        tblobs: list = []
        cblobs: list = []
        for tblob, cblob in conn.execute(f"SELECT tokens, codes FROM match_rare WHERE bucket >= ? AND bucket < ? "
                                         f"AND {only}", [b0, b1, sel]):
            tblobs.append(tblob)
            cblobs.append(cblob)
        heads: list[int] = []
        sizes: list[int] = []
        mine = toks[(keys >= b0) & (keys < b1)].tolist()
        for k in range(0, len(mine), 10_000):
            for t, blob in conn.execute("SELECT token, codes FROM match_postings WHERE token IN "
                                        f"(SELECT value FROM json_each(?)) AND {only}",
                                        [json.dumps(mine[k:k + 10_000]), sel]):
                heads.append(t)
                cblobs.append(codes_of(blob))
                sizes.append(len(cblobs[-1]))
        if not cblobs:
            continue
        # the blobs joined once, not an array each (millions of rows at 10,000,000 units)
        tids = np.concatenate([np.frombuffer(b"".join(tblobs), dtype=np.uint64),
                               np.repeat(np.array(heads, dtype=np.uint64), sizes)])
        codes = np.frombuffer(b"".join(cblobs), dtype=np.uint64)
        del tblobs, cblobs
        tids, codes = _merge_sorted(tids, codes)
        written += len(tids)
        rare = _write_frequent(conn, run, tids, codes, frequent)
        write_rare(conn, run, tids[rare], codes[rare], ordered=True)
    for table in ("match_postings", "match_rare"):
        conn.execute(f"DELETE FROM {table} WHERE {only}", [sel])
    conn.execute("DELETE FROM match_runs WHERE id IN (SELECT value FROM json_each(?))", [sel])
    conn.execute("UPDATE match_runs SET postings = ? WHERE id = ?", [written, run])
    return len(runs), True


def foreign_rows(conn, run: int, sample: int = 64) -> bool:
    """Whether the frequent posting rows of ``run`` are not as this connection writes them
    (:func:`_blobs`): plain where it packs them (a server: a memory copied from SQLite by
    ``tm copy``, or imported before the rows were packed), packed where it would write the
    bitmaps form (a server's memory imported before session 21), or packed or bitmaps where it
    writes neither (SQLite: a memory copied from a server, each row then decoded at every
    read). Judged on ``sample`` rows of 16 codes or more (the first by id): a run's rows are
    written by one writer, all in its form, and a row that short may be plain in either.
    Only where the rows lie and how long they take to decode depend on it, never what a
    match finds."""
    import numpy as np

    packs = getattr(conn, "pack_postings", False)
    for (blob,) in conn.execute("SELECT codes FROM match_postings WHERE run = ? AND n >= 16 ORDER BY id LIMIT ?",
                                [run, sample]):
        if not packs:
            if form(blob) != "plain":
                return True
        elif bytes(blob) != pack_codes(np.asarray(codes_of(blob), dtype=np.uint64)):
            return True
    return False


def rebucket_rare(conn) -> None:
    """Regroup the ``match_rare`` rows of an index written with the buckets of earlier
    versions (``token % 4096``, then 4,096 hashed buckets) by :func:`bucket`, run by run (the
    codes are unchanged)."""
    import numpy as np

    spans = conn.execute("SELECT run, min(id), max(id) FROM match_rare GROUP BY run ORDER BY run").fetchall()
    for run, lo, hi in spans:
        rows = conn.execute("SELECT tokens, codes FROM match_rare WHERE run = ? AND id BETWEEN ? AND ?",
                            [run, lo, hi]).fetchall()
        conn.execute("DELETE FROM match_rare WHERE run = ? AND id BETWEEN ? AND ?", [run, lo, hi])
        write_rare(conn, run, np.concatenate([np.frombuffer(t, dtype=np.uint64) for t, _ in rows]),
                   np.concatenate([np.frombuffer(c, dtype=np.uint64) for _, c in rows]))


@contextmanager
def small_pages():
    """numpy's arrays without ``madvise(MADV_HUGEPAGE)`` while a run is sorted. The run's
    arrays (tens of MB each, new for every run) were mostly kernel time with huge pages
    asked for: where transparent huge pages are ``madvise`` with defrag ``madvise`` (this
    machine, a common default), each fault may compact memory first. Measured on the
    postings of 50,000 units (load 12-19): 0.46-0.73 s system time with, 0.09-0.12 without;
    user time the same. The setting is numpy's, global, and restored after."""
    try:
        from numpy._core import multiarray
    except ImportError:                     # pragma: no cover - numpy 1.x
        from numpy.core import multiarray
    setter = getattr(multiarray, "_set_madvise_hugepage", None)
    if setter is None:                      # pragma: no cover - a numpy without the switch
        yield
        return
    before = setter(False)
    try:
        yield
    finally:
        setter(before)


def _sort_postings(tids, unit_codes, counts, bits: int):
    """``(tids, codes)`` sorted by token then code, each pair once, of the postings ``tids``
    (below ``2**bits``) whose codes are ``unit_codes`` repeated ``counts`` times; a token's
    repeats within a unit are numbered (:func:`tm.memory.fuzzy.occurrence_ids`: the ``j``-th
    repeat has ``j`` in the bits from ``bits`` up). Token and code sort as one 64-bit key
    where they fit: the token's bits above the code's rank among ``unit_codes`` (sorting
    two 64-bit keys took three times longer)."""
    import numpy as np

    if not len(tids):
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64)
    distinct = distinct_sorted(unit_codes)
    room = 64 - bits
    if len(distinct) < 1 << room:
        rank = np.repeat(np.searchsorted(distinct, unit_codes).astype(np.uint64), counts)
        keys = (tids << np.uint64(room)) | rank
        del rank
        keys.sort()
        same = np.zeros(len(keys), dtype=bool)
        same[1:] = keys[1:] == keys[:-1]
        return _number_repeats(keys >> np.uint64(room), distinct[keys & np.uint64((1 << room) - 1)], same, bits)
    codes = np.repeat(unit_codes, counts)
    order = np.lexsort((codes, tids))
    tids, codes = tids[order], codes[order]
    same = np.zeros(len(tids), dtype=bool)
    same[1:] = (tids[1:] == tids[:-1]) & (codes[1:] == codes[:-1])
    return _number_repeats(tids, codes, same, bits)


def _number_repeats(tids, codes, same, bits: int):
    """Postings sorted by token then code (``same``: equal to the one before) with each
    repeat numbered: the ``j``-th repeat of a (token, code) gets ``j`` (at most
    :data:`tm.memory.fuzzy.OCCURRENCES`) in the token's bits from ``bits`` up. Those tokens are
    above every plain one (below ``2**bits``), so the numbered postings, sorted, go last."""
    import numpy as np

    at = np.flatnonzero(same)
    if not len(at):
        return tids, codes
    # a repeat's number from the repeats' positions alone (a tenth of the postings): the
    # repeats of one posting are next to each other, those of two apart (the second's first
    # stands between); passes over the whole buffer cost an import's sort thread 1.2 us a unit
    first = np.empty(len(at), dtype=bool)
    first[0] = True
    np.not_equal(at[1:], at[:-1] + 1, out=first[1:])
    k = np.arange(len(at))
    j = (k - np.maximum.accumulate(np.where(first, k, 0)) + 1).astype(np.uint64)
    rt = tids[at] | (np.minimum(j, np.uint64(fuzzy.OCCURRENCES)) << np.uint64(bits))
    rc = codes[at]
    order = np.lexsort((rc, rt))
    rt, rc = rt[order], rc[order]
    fresh = np.ones(len(rt), dtype=bool)
    fresh[1:] = (rt[1:] != rt[:-1]) | (rc[1:] != rc[:-1])   # repeats beyond the highest number
    rt, rc = rt[fresh], rc[fresh]
    keep, n = ~same, len(tids) - len(at)
    out_tids, out_codes = np.empty(n + len(rt), dtype=tids.dtype), np.empty(n + len(rt), dtype=codes.dtype)
    np.compress(keep, tids, out=out_tids[:n])
    np.compress(keep, codes, out=out_codes[:n])
    out_tids[n:], out_codes[n:] = rt, rc
    return out_tids, out_codes


class Tokenizer:
    """The index tokens of a unit, independent of the database (so they can be
    computed in another process than the one writing): ``tokenizer(zh, en)`` is
    ``(zt, en_ids)``, the normalised Chinese characters (a ``str``, see
    :func:`tm.memory.fuzzy.tokens`) and the ids of the English words in order, as
    ``array('Q')`` bytes. A word's id is its CRC-32, computed for every word: a cache of
    ids by word (session 4: 100,000 words) cost more than the CRC it saved (most units
    of a large file have a word not seen before, and those went through a second loop;
    session 8, the same tokens: 17.9-19.6 -> 14.6-16.8 us a unit on 100,000 units of
    bench/pg_bench.py's TMX, 16.1-23.6 -> 14.3-15.9 on the three largest real TMX files).

    Full-width ASCII forms are mapped to half-width with one ``str.translate``
    first: :func:`tm.memory.fuzzy.normalize` maps exactly these (as NFKC does) before
    anything else, so the tokens are the same, computed faster."""

    def __call__(self, zh: str, en: str) -> tuple[str, bytes]:
        zt = fuzzy.tokens(to_halfwidth(zh), "zh")
        if en.isascii():        # (most English) the words as bytes, found in the text's bytes
            words = fuzzy.ascii_words(en)
        else:
            if fuzzy.CODES.search(en):          # inline codes separate words: a space
                en = fuzzy.CODES.sub(" ", en)
            words = [w.encode("utf-8") for w in fuzzy.tokens(to_halfwidth(en), "en")]
        return zt, array("Q", map(zlib.crc32, words)).tobytes()    # fuzzy.gram_ids(…, "en")
