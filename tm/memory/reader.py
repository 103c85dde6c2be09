"""The memory as a one-shot lookup reads it: opened for reading when its schema is up to
date (:func:`open_current`), and the columns of units by id (:func:`unit_rows`).

Apart from :mod:`tm.memory.store` so that ``tm match`` imports neither the store's writing
code nor :mod:`tm.models`: the dataclasses there import ``dataclasses`` and ``inspect``
and build their methods at import time, a fifth of what a one-shot match spent beyond the
interpreter's own start. The store builds on both (:func:`tm.memory.store.open_store_reader`,
:func:`tm.memory.store.units_by_id`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tm.memory.shared import id_array, up_to_date

if TYPE_CHECKING:
    from tm.memory.db import Reader

#: The names of the store's migrations, in order (their functions are in
#: :data:`tm.memory.store.MIGRATIONS`): a memory that has them all is read as it is.
MIGRATION_NAMES = ("0001_initial", "0002_edits", "0003_exchange_metadata", "0004_variant_keys",
                   "0005_inline_codes", "0006_align_embeddings", "0007_edit_positions",
                   "0008_rare_buckets", "0009_occurrence_tokens", "0010_finer_buckets",
                   "0011_posting_ranges", "0012_compressed_postings", "0013_unit_texts",
                   "0014_numbered_keys", "0015_words_split_at_codes")


def open_current(path: str | Path, started=None) -> Reader | None:
    """The memory at ``path`` as a :class:`~tm.memory.db.Reader` (sqlite3 alone, no
    sqlite-utils and so no numpy imported) when it exists with its schema up to date, else
    ``None``: :func:`tm.memory.store.open_store_reader` then opens it with the store (which
    creates or migrates it, or says what is wrong). A ``postgresql://`` URL: the server's
    memory through libpq, without psycopg (:func:`tm.memory.pg.open_reader`), over the
    connection :func:`start_current` began if given."""
    if isinstance(path, str):
        from tm.memory import pg
        if pg.is_url(path):
            return pg.open_reader(path, lambda conn: up_to_date(conn, {"tm": MIGRATION_NAMES}), started)
    from tm.memory.db import open_reader     # (here: a server's read imports no sqlite3)
    return open_reader(path, {"tm": MIGRATION_NAMES})


def start_current(path: str | Path):
    """For a ``postgresql://`` URL, its connection begun (:func:`tm.memory.pg.start_reader`),
    for :func:`open_current`: what a one-shot command does before it imports its matching
    code, so the server starts the session's backend meanwhile (a connection is ~2-4 ms of
    the server's). None for anything else."""
    if isinstance(path, str):
        from tm.memory import pg
        if pg.is_url(path):
            return pg.start_reader(path)
    return None


def unit_rows(db, ids: Iterable[int], columns: str) -> dict[int, tuple]:
    """The rows ``SELECT columns`` (SQL over ``u``, the units, and ``p``, their pair; the
    first column ``u.id``) of the units with these ids, by id; missing ids are left out."""
    sql = (f"SELECT {columns} FROM json_each(?) j JOIN units u ON u.id = j.value "
           "LEFT JOIN pairs p ON p.id = u.pair")
    return {r[0]: r for r in db.conn.execute(sql, [id_array(ids)])}


__all__ = ["MIGRATION_NAMES", "open_current", "start_current", "unit_rows"]
