"""PostgreSQL's binary ``COPY`` data of numpy columns (tm.memory.pg.pack_columns) comes
a block at a time, as the ``COPY`` takes it (the server reads a block while the next is
laid out), and is byte for byte what the row-by-row packer (_write_binary) makes of the
same rows. No server needed."""

import random
from collections.abc import Iterator

import numpy as np

from tm.memory import pg
from tm.memory.columns import Columns


class _Sink:
    def __init__(self):
        self.data = []

    def write(self, block):
        self.data.append(bytes(block))


def _columns(rng: random.Random, n: int) -> Columns:
    """Rows as the match index writes them: integers, integers or NULL, a blob of codes."""
    codes = np.array([rng.getrandbits(63) for _ in range(n * 40)], dtype=np.uint64)
    starts = np.sort(np.array(rng.sample(range(len(codes)), n), dtype=np.int64))
    ends = np.minimum(starts + np.array([rng.randint(0, 200) for _ in range(n)]), len(codes))
    present = np.array([rng.random() < 0.3 for _ in range(n)])
    tokens = np.array([rng.getrandbits(62) for _ in range(n)], dtype=np.int64)
    return Columns(n, [("int", tokens), ("int", 7), ("int", ends - starts), ("blob", codes, starts, ends),
                       ("int?", codes[starts], present), ("int?", codes[np.maximum(ends - 1, 0)], present)])


def test_columns_are_packed_a_block_at_a_time_with_the_bytes_of_the_row_packer():
    rng = random.Random(4)
    cols = _columns(rng, 6000)                  # about 5 MB of blobs: a few blocks
    blocks = pg.pack_columns(cols)
    assert isinstance(blocks, Iterator)         # not all laid out before the first is sent
    first = next(blocks)
    rest = list(blocks)
    assert len(rest) >= 3 and len(first) < sum(map(len, rest)) / 3
    sink = _Sink()
    assert pg._write_binary(sink, iter(cols), ["int8", "int8", "int8", "bytea", "int8", "int8"]) == 6000
    assert b"".join([first, *rest]) == b"".join(sink.data)


def test_no_rows_is_an_empty_copy():
    assert b"".join(pg.pack_columns(Columns(0, [("int", np.zeros(0, dtype=np.int64))]))) == \
        pg._SIGNATURE + pg._TRAILER
