"""Rows of an ``executemany`` given as numpy columns.

The match index writes hundreds of thousands of rows of integers and blobs per import
(:mod:`tm.memory.index`). :class:`Columns` holds them as arrays: iterated, it yields the
rows as tuples (what SQLite's ``executemany`` takes); a backend that can take the columns
whole reads :attr:`Columns.fields` instead (PostgreSQL lays out a binary ``COPY`` from
them with numpy, see :func:`tm.memory.pg.pack_columns`: packing row by row in Python was
a quarter of the CPU an import spent on its index).
"""

from __future__ import annotations


class Columns:
    """``n`` rows, one field per column of the statement, in its order; a field is

    * ``("int", values)``: a numpy integer array (below ``2**63``) or one ``int`` for every row;
    * ``("int?", values, present)``: the same, ``NULL`` where the boolean array ``present`` is false;
    * ``("blob", data, starts, ends)``: the bytes of ``data[starts[i]:ends[i]]`` (``data`` a
      numpy array, ``starts``/``ends`` integer arrays).
    """

    def __init__(self, n: int, fields: list[tuple]):
        self.n = n
        self.fields = fields

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        """The rows as tuples of ``int``, ``None`` and ``bytes``, made a few thousand at a
        time as they are read (memory bounded whatever the number of rows)."""
        for k in range(0, self.n, self.STEP):
            yield from zip(*(_part(field, k, min(k + self.STEP, self.n)) for field in self.fields))

    STEP = 4096


def _part(field: tuple, a: int, b: int):
    """The values of rows ``a`` to ``b`` of one field."""
    kind = field[0]
    if kind == "int":
        values = field[1]
        return [values] * (b - a) if isinstance(values, int) else values[a:b].tolist()
    if kind == "int?":
        return [v if p else None for v, p in zip(field[1][a:b].tolist(), field[2][a:b].tolist())]
    data = field[1]
    return [data[x:y].tobytes() for x, y in zip(field[2][a:b].tolist(), field[3][a:b].tolist())]
