"""What the one-shot reads of both backends share with the store: the ids a statement binds
(:func:`id_array`), the schema check (:func:`up_to_date`) and the collector off while
postings are counted (:func:`no_gc`).

Apart from :mod:`tm.memory.db` so that a one-shot ``tm match`` on a server imports no
:mod:`sqlite3` (with :mod:`datetime`, ~9.7M instructions, ~1 ms of every command); the store
and :mod:`tm.memory.db` use them from here.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from contextlib import contextmanager


def id_array(values) -> str:
    """Integers as the JSON array a ``json_each(?)`` parameter reads (``[3,1,4]``), without
    the :mod:`json` module (its import, mostly its patterns compiled, is ~5M instructions of a
    one-shot ``tm match``, which binds only ids and token numbers)."""
    return "[" + ",".join(map(str, values)) + "]"


def up_to_date(conn, migrations: dict[str, Sequence[str]]) -> bool:
    """Whether every migration named in ``migrations`` (package -> names) is applied to the
    database of ``conn`` (an SQLite or a :class:`tm.memory.pg.Connection`)."""
    done = set(map(tuple, conn.execute("SELECT package, name FROM _migrations")))
    return all((pkg, name) in done for pkg, names in migrations.items() for name in names)


@contextmanager
def no_gc():
    """The cyclic garbage collector off (as it was after): an import allocates millions of
    short-lived objects (records, rows, dicts of metadata) that hold no cycles, and each
    pass of the collector walks them all the same (bench/import_codes.py's 100,000 units:
    0.24 s CPU of the writer, 0.51 s of the reader, measured with ``gc.callbacks``); a fuzzy
    match's probe fills sets and counters with the postings of its tokens (a query on
    bench/match_stress.py's 1,000,000-unit stress memory: 17M of 577M instructions of a
    ``tm match`` command were the collector's)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
