"""Between files and the memory: import a file into the memory, export the memory
to a file or a folder of XLIFF files, and apply a reviewed XLIFF file.

Applying a reviewed XLIFF file (1.2 or 2.x) to the memory:

Applying a reviewed XLIFF file (1.2 or 2.x) to the memory.

The file is one we exported (``tm export --format xliff``) and a reviewer
worked on in a CAT tool. For each unit, matched to the memory by its id (the
unit key):

- unknown id: reported (``unknown``), nothing changes;
- source text differs from the memory's Chinese side: reported
  (``source_changed``), nothing changes;
- signed off (1.2 ``state="final"``/``"signed-off"`` or ``approved="yes"``;
  2.x ``state="reviewed"``/``"final"``) or target edited: the target becomes
  the unit's English side and the unit is marked ``reviewed``, unless the
  reviewer explicitly set a state that asks for more work (1.2 ``needs-*`` or
  ``new``, 2.x ``initial``), which is kept as ``needs-review``; who and when
  come from the file where it says so (see :mod:`tm.formats.xliff`), else
  ``reviewer`` and the clock;
- otherwise (untouched): nothing changes.

Everything is applied in one transaction: a malformed file changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import sqlite_utils

from tm.errors import InputError, ToolError
from tm.formats.common import now_iso, reader, safe_filename, sniff_stream, write_units
from tm.formats.output import open_output
from tm.formats.textio import open_binary, peek
from tm.formats.xliff import read_reviewed
from tm.memory import store


@dataclass
class ReviewReport:
    """What :func:`apply_review` did; lists hold unit keys in file order."""

    read: int = 0
    reviewed: list[str] = field(default_factory=list)       # now status reviewed
    corrected: list[str] = field(default_factory=list)      # English side changed
    still_needs_review: list[str] = field(default_factory=list)
    unchanged: int = 0
    source_changed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return len(self.reviewed) + len(self.still_needs_review)


def apply_review(db: sqlite_utils.Database, source: str | Path | BinaryIO, *,
                 name: str | None = None, reviewer: str | None = None,
                 clock: Callable | None = None) -> ReviewReport:
    """Apply the reviewed XLIFF ``source`` to the memory ``db`` (see module doc)."""
    report = ReviewReport()
    stamp = now_iso(clock)
    items = list(read_reviewed(source, name=name))   # parse fully before writing anything
    _refuse_duplicate_ids(items, name=name or getattr(source, "name", None) or str(source))
    with store.transaction(db):
        for item in items:
            report.read += 1
            key = item.unit.key
            stored = store.get_unit(db, key) if key else None
            if stored is None:
                report.unknown.append(key or f"(line {item.line})")
                continue
            if stored.zh != item.unit.zh:
                report.source_changed.append(key)
                continue
            edited = item.has_target and item.unit.en != "" and item.unit.en != stored.en
            if not (item.approved or edited):
                report.unchanged += 1
                continue
            status = "needs-review" if item.needs_review else "reviewed"
            if not edited and stored.status == status:
                report.unchanged += 1
                continue
            store.update_unit(db, key, en=item.unit.en if edited else None, status=status,
                              changed_by=item.who or reviewer, changed=item.when or stamp)
            (report.reviewed if status == "reviewed" else report.still_needs_review).append(key)
            if edited:
                report.corrected.append(key)
    return report


def _refuse_duplicate_ids(items, *, name: str) -> None:
    """Two units of a reviewed file with the same id: which one the reviewer meant cannot be
    told, so nothing is applied (:class:`InputError` naming both lines)."""
    first: dict[str, int] = {}
    for item in items:
        key = item.unit.key
        if key and key in first:
            raise InputError(f"unit id {key!r} appears twice (lines {first[key]} and {item.line}); "
                             f"keep one and import again: nothing was applied", path=name, line=item.line)
        if key:
            first[key] = item.line


# --- the memory <-> files ---------------------------------------------------

@dataclass
class ImportResult:
    """What :func:`import_file` did: ``fmt`` read, and the store's or the review's report."""

    fmt: str
    stats: object = None        # tm.memory.store.ImportStats (tmx/tsv/csv)
    review: object = None       # ReviewReport (xliff)
    encoding: str | None = None  # TSV/CSV: the codec read (given or detected)


def import_file(db, source: str | Path | BinaryIO, *, fmt: str = "auto", name: str | None = None,
                pair: str | None = None, encoding: str | None = None,
                on_duplicate: str = "skip", reviewer: str | None = None,
                clock=None, workers: int | None = None) -> ImportResult:
    """Import a TMX/TSV/CSV file into the memory, or apply a reviewed XLIFF file.

    One transaction: a bad line anywhere leaves the memory as it was.
    ``pair`` files the units under that document pair (TMX/TSV/CSV);
    ``encoding`` overrides detection for TSV/CSV; ``reviewer`` and ``clock``
    fill in who/when for XLIFF reviews that do not say. ``workers``: 2 reads
    and prepares the units in a second process while this one writes (see
    :mod:`tm.memory.importpipe`), 1 does everything in this process; default (None):
    2 where ``os.fork`` exists and the machine has more than one core.
    """
    if isinstance(source, (str, Path)):
        with open_binary(source, name=name) as (fh, name):
            return import_file(db, fh, fmt=fmt, name=name, pair=pair, encoding=encoding,
                               on_duplicate=on_duplicate, reviewer=reviewer, clock=clock,
                               workers=workers)
    name = name or getattr(source, "name", None) or "<input>"
    if fmt == "auto":
        fmt, source = sniff_stream(source, name=name)
    if fmt == "xliff":
        return ImportResult(fmt, review=apply_review(db, source, name=name,
                                                            reviewer=reviewer, clock=clock))
    options = {}
    if fmt in ("tsv", "csv"):
        from tm.formats.tabular import SAMPLE, detect_encoding
        from tm.formats.textio import text_codec
        if encoding:
            encoding = text_codec(encoding)
        else:
            head, source = peek(source, SAMPLE)
            encoding = detect_encoding(head, name=name) if head.strip() else None
        options = {"encoding": encoding}
    units = reader(fmt)(source, name=name, **options)
    if pair is not None:
        units = _with_pair(units, pair)
    if workers is None:
        workers = 2 if hasattr(os, "fork") and (os.cpu_count() or 1) > 1 else 1
    if workers < 2:
        return ImportResult(fmt, stats=store.import_units(db, units, on_duplicate=on_duplicate),
                            encoding=options.get("encoding"))
    from tm.memory.importpipe import prepared_batches
    with prepared_batches(units) as batches:
        return ImportResult(fmt, stats=store.import_prepared(db, batches, on_duplicate=on_duplicate),
                            encoding=options.get("encoding"))


def _with_pair(units, pair):
    for unit in units:
        unit.pair = pair
        yield unit


def export_units(db, out, *, fmt: str, pair: str | None = None, single_pair: bool = False,
                 **options) -> int:
    """Write the memory's units (of ``pair``, or all) in document order to ``out``.

    ``single_pair``: refuse (:class:`ToolError`) if the units span more than one
    document pair (XLIFF: one file per pair). Returns the count.
    """
    units = store.iter_units(db, pair=pair)
    if single_pair:
        units = _one_pair(units)
    return write_units(units, out, fmt=fmt, **options)


def _one_pair(units):
    first: object = _one_pair
    for unit in units:
        if first is _one_pair:
            first = unit.pair
        elif unit.pair != first:
            raise ToolError("the memory holds more than one document pair; choose one with "
                            "--pair NAME, or give a directory to -o for one file per pair")
        yield unit


def export_xliff_dir(db, directory: str | Path, *, pair: str | None = None,
                     **options) -> list[tuple[str | None, Path, int]]:
    """One XLIFF file per document pair in ``directory``: ``<pair>.xlf``, units without a
    pair in ``memory.xlf`` (see :func:`xliff_file_names`). Each file is written whole
    (:func:`tm.formats.output.open_output`). Returns (pair, path, count) per file."""
    from itertools import groupby

    directory = Path(directory)
    names = xliff_file_names(store.pair_names(db, with_units=True) if pair is None else [pair])
    done = []
    for name, group in groupby(store.iter_units(db, pair=pair), key=lambda u: u.pair):
        path = directory / names[name]
        with open_output(path) as out:
            count = write_units(group, out, fmt="xliff", **options)
        done.append((name, path, count))
    return done


def xliff_file_names(pairs) -> dict[str | None, str]:
    """A distinct file name for each pair (None: units without a pair, ``memory.xlf``).

    Pair names become file names with :func:`safe_filename`; names that would collide
    (``team/a`` and ``team_a``; a pair called ``memory``; names equal but for case, on
    file systems that ignore it) all get a short hash of the pair name, so no export
    overwrites another."""
    import hashlib
    base = {p: safe_filename(p) if p is not None else "memory" for p in [None, *pairs]}
    seen: dict[str, int] = {}
    for b in base.values():
        seen[b.casefold()] = seen.get(b.casefold(), 0) + 1
    out = {}
    for p, b in base.items():
        if seen[b.casefold()] > 1:
            key = "\x00" if p is None else p
            b = f"{b}-{hashlib.sha256(key.encode('utf-8', 'replace')).hexdigest()[:8]}"
        out[p] = f"{b}.xlf"
    return out
