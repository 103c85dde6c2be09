"""What an import has written so far, found again without the database's indexes.

An import into an empty memory (SQLite or PostgreSQL) builds the units' indexes after the rows
(see :meth:`tm.memory.pg.Connection.defer_indexes`); meanwhile its duplicate look-ups
cannot ask the database by key or digest. :class:`Seen` remembers, for every unit
written, 64-bit hashes of its key and of its content with its id, in sorted numpy arrays
(16 bytes a hash, 32 MB for a million units, where Python dicts took ten times that); a
look-up returns the ids whose hash is among those asked for (a superset: the caller reads
those units and compares the real key and text).
"""

from __future__ import annotations

from tm.memory.index import distinct_sorted


class Seen:
    """A multimap of 64-bit hashes to ids, built in order, looked up a batch at a time.

    Kept as a few sorted runs of sizes growing by halves at least (as a log-structured
    merge tree): adding is amortised O(log n) per id, a look-up is two binary searches
    per run, and there are at most about log2(n / batch) runs."""

    def __init__(self):
        self._runs: list[tuple] = []        # (hashes sorted, ids in the same order)

    def add(self, hashes, ids) -> None:
        import numpy as np

        if not len(hashes):
            return
        keys = np.asarray(hashes, dtype=np.int64)
        values = np.asarray(ids, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        run = (keys[order], values[order])
        while self._runs and len(self._runs[-1][0]) <= 2 * len(run[0]):
            keys, values = self._runs.pop()
            keys, values = np.concatenate([keys, run[0]]), np.concatenate([values, run[1]])
            order = np.argsort(keys, kind="stable")        # two sorted runs: merged in linear time
            run = (keys[order], values[order])
        self._runs.append(run)

    def find(self, hashes) -> list[int]:
        """The ids added under any of ``hashes``."""
        import numpy as np

        if not len(hashes) or not self._runs:
            return []
        # sorted: 10 times faster to search (np.unique hashes first, far slower: see distinct_sorted)
        wanted = distinct_sorted(np.asarray(hashes, dtype=np.int64))
        found: list[int] = []
        for keys, values in self._runs:
            lo = np.searchsorted(keys, wanted, "left")
            hi = np.searchsorted(keys, wanted, "right")
            hit = hi > lo
            for a, b in zip(lo[hit].tolist(), hi[hit].tolist()):
                found.extend(values[a:b].tolist())
        return found

    def __len__(self) -> int:
        return sum(len(k) for k, _ in self._runs)
