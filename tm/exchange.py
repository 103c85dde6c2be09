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
- otherwise (untouched): nothing changes;
- a unit a person edited in the memory after the file was exported (its ``edited``
  time differs from the one the file carries): reported (``conflicts``), never
  overwritten.

The units changed are recorded as one change in the history (``tm undo`` takes the
whole review back); corrected units become ``edited``, so aligning their pair again
keeps them.

Everything is applied in one transaction: a malformed file changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import sqlite_utils

from tm.clock import utc_now
from tm.errors import InputError, ToolError
from tm.formats.common import now_iso, reader, record_reader, safe_filename, sniff_stream, write_units
from tm.formats.output import open_output
from tm.formats.textio import gunzip_if_compressed, open_binary, peek
from tm.formats.xliff import is_own, read_reviewed
from tm.memory import store
from tm.models import UNIT_FIELDS, Skipped, unit_record
from tm.parallel import two_cores


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
    conflicts: list[str] = field(default_factory=list)      # edited in the memory since the export
    change: int | None = None                               # the history entry (tm undo)

    @property
    def applied(self) -> int:
        return len(self.reviewed) + len(self.still_needs_review)


def apply_review(db: sqlite_utils.Database, source: str | Path | BinaryIO, *,
                 name: str | None = None, reviewer: str | None = None,
                 clock: Callable | None = None) -> ReviewReport:
    """Apply the reviewed XLIFF ``source`` to the memory ``db`` (see module doc)."""
    from tm.memory import edit

    report = ReviewReport()
    stamp = now_iso(clock)
    items = list(read_reviewed(source, name=name))   # parse fully before writing anything
    shown = name or getattr(source, "name", None) or str(source)
    _refuse_duplicate_ids(items, name=shown)
    keys = [item.unit.key for item in items if item.unit.key]
    if items and not any(store.get_unit(db, key) for key in keys):
        raise InputError(f"none of its {len(items)} units is in this memory: the file was exported from "
                         f"another database (a reviewed file goes back to the memory it came from); "
                         f"nothing was applied", path=shown)
    with edit.recorded(db, "review", who=reviewer, note=name, now=lambda: stamp) as recorder:
        for item in items:
            report.read += 1
            key = item.unit.key
            stored = store.get_unit(db, key) if key else None
            if stored is None:
                report.unknown.append(key or f"(line {item.line})")
                continue
            flipped = item.source_side == "en"       # exported en → zh: the target is Chinese
            source, target = ("en", "zh") if flipped else ("zh", "en")
            if getattr(stored, source) != getattr(item.unit, source):
                report.source_changed.append(key)
                continue
            text = getattr(item.unit, target)
            edited = item.has_target and text != "" and text != getattr(stored, target)
            if not (item.approved or edited):
                report.unchanged += 1
                continue
            status = "needs-review" if item.needs_review else "reviewed"
            if not edited and stored.status == status:
                report.unchanged += 1
                continue
            if stored.edited and stored.edited != item.unit.edited:
                report.conflicts.append(key)  # a person edited it since the export: never overwritten
                continue
            recorder.touch(key)
            when = item.when or stamp
            store.update_unit(db, key, status=status, **{target: text if edited else None},
                              changed_by=item.who or reviewer, changed=when, edited=when if edited else None)
            (report.reviewed if status == "reviewed" else report.still_needs_review).append(key)
            if edited:
                report.corrected.append(key)
    report.change = recorder.change.id if recorder.change else None
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
    stats: object = None        # tm.memory.store.ImportStats (tmx/tsv/csv, XLIFF from other tools)
    review: object = None       # ReviewReport (an XLIFF file this tool wrote)
    encoding: str | None = None  # TSV/CSV: the codec read (given or detected)
    skipped: Skipped = field(default_factory=Skipped)   # units left out, by reason


def import_file(db, source: str | Path | BinaryIO, *, fmt: str = "auto", name: str | None = None,
                pair: str | None = None, encoding: str | None = None,
                on_duplicate: str = "skip", reviewer: str | None = None,
                clock=None, workers: int | None = None, progress: Progress | None = None,
                strict: bool = False) -> ImportResult:
    """Import a TMX/TSV/CSV/XLIFF file into the memory, or apply a reviewed XLIFF file.

    One transaction. Units that cannot be stored (an empty side, no Chinese or no
    English variant, an XLIFF target missing or copying the source…) are left out
    and counted in ``result.skipped``; with ``strict`` the first one is an error and
    nothing is imported. Damage to the file itself (malformed XML, a truncated file,
    a bad value), a file with no Chinese or no English side, and one whose text
    contradicts its language tags always leave the memory as it was. An XLIFF file
    this tool wrote (see :func:`tm.formats.xliff.is_own`) is applied as a review;
    another tool's is imported as memory.
    ``pair`` files the units under that document pair (TMX/TSV/CSV);
    ``encoding`` overrides detection for TSV/CSV; ``reviewer`` and ``clock``
    fill in who/when for XLIFF reviews that do not say. ``workers``: 2 reads
    and prepares the units in a second process while this one writes (see
    :mod:`tm.memory.importpipe`), 1 does everything in this process; default (None):
    2 where ``os.fork`` exists and the machine has more than one core.
    ``progress(done, total)``: bytes of the file read so far and its size (units read
    and None when the size is unknown), called after each batch of units.
    ``db`` may be a function that opens the database: it is called once the file's
    reader runs in its own process (``workers`` 2), which parses the file meanwhile
    (opening a new memory, sqlite-utils and numpy imported and the schema made, took
    ~0.2 s before the reader started), else before anything is read.
    A gzip-compressed file (OmegaT's ``.tmx.gz``) is read decompressed (see
    :func:`tm.formats.textio.gunzip_if_compressed`).
    """
    if isinstance(source, (str, Path)):
        with open_binary(source, name=name) as (fh, name):
            return import_file(db, fh, fmt=fmt, name=name, pair=pair, encoding=encoding,
                               on_duplicate=on_duplicate, reviewer=reviewer, clock=clock,
                               workers=workers, progress=progress, strict=strict)
    name = name or getattr(source, "name", None) or "<input>"
    source = gunzip_if_compressed(source, name=name)
    if fmt == "auto":
        fmt, source = sniff_stream(source, name=name)
    if fmt == "xliff":
        head, source = peek(source, 1 << 16)
        if is_own(head):
            return ImportResult(fmt, review=apply_review(_opened(db), source, name=name,
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
    skipped = Skipped(strict=strict)
    read = dict(name=name, skipped=skipped, **options)
    if fmt == "xliff":
        records = map(unit_record, _file_keys(reader(fmt)(source, **read)))
    else:                       # the units as records (TMX: no object a unit)
        records = record_reader(fmt)(source, **read)
    if pair is not None:
        records = _with_pair(records, pair)
    if workers is None:
        workers = 2 if two_cores() else 1
    report = _file_position(source, progress)
    try:
        if workers < 2:
            stats = store.import_records(_opened(db), records, on_duplicate=on_duplicate, progress=report)
            return ImportResult(fmt, stats=stats, encoding=options.get("encoding"), skipped=skipped)
        from tm.memory.importpipe import prepared_batches
        with prepared_batches(records, skipped=skipped, records=True) as batches:
            stats = store.import_prepared(_opened(db), batches, on_duplicate=on_duplicate, progress=report)
    except InputError as exc:
        if exc.path is not None:
            raise
        raise InputError(exc.message, path=name) from None     # a unit the store refused: the file's
    return ImportResult(fmt, stats=stats, encoding=options.get("encoding"), skipped=skipped)


def _opened(db):
    """The database ``db``, or the one the function ``db`` opens."""
    return db() if callable(db) and not hasattr(db, "conn") else db


def _file_keys(units):
    """Another tool's XLIFF ids are unique in their ``<file>`` only: key ``<original>#<id>``."""
    for unit in units:
        original = (unit.meta.get("xliff") or {}).get("file")
        if unit.key and original:
            unit.key = f"{original}#{unit.key}"
        yield unit


_PAIR = UNIT_FIELDS.index("pair")


def _with_pair(records, pair):
    for record in records:
        yield (*record[:_PAIR], pair, *record[_PAIR + 1:])


def export_units(db, out, *, fmt: str, pair: str | None = None, single_pair: bool = False,
                 progress: Progress | None = None, **options) -> int:
    """Write the memory's units (of ``pair``, or all) in document order to ``out``.

    ``single_pair``: refuse (:class:`ToolError`) if the units span more than one
    document pair (XLIFF: one file per pair). ``progress(done, total)`` is called as
    units are written. Returns the count.
    """
    if fmt in ("tsv", "csv"):
        options = {**tabular_options(db, pair), **options}
    units = store.iter_units(db, pair=pair)
    if single_pair:
        units = _one_pair(units)
    if progress is not None:
        units = _counted(units, progress, _count(db, pair))
    return write_units(units, out, fmt=fmt, **options)


def tabular_options(db, pair: str | None = None) -> dict:
    """What a TSV/CSV export of the memory's units (of ``pair``, or all) needs to read back
    equal (see :mod:`tm.formats.tabular`): the stored language tags for the header (the
    most frequent; ``tags`` when the units carry more than one), ``codes`` when any
    unit has inline codes and ``srclang`` when any records its source language."""
    from tm.models import EN, ZH
    where = " WHERE u.zh != '' AND u.en != ''" + (" AND p.name = ?" if pair is not None else "")
    args = [pair] if pair is not None else []
    base = "FROM units u LEFT JOIN pairs p ON p.id = u.pair" + where
    out: dict = {}
    for column, default in (("zh_lang", ZH), ("en_lang", EN)):
        rows = db.conn.execute(f"SELECT coalesce(u.{column}, ''), count(*) {base} GROUP BY 1 "
                               f"ORDER BY 2 DESC, 1", args).fetchall()
        out[column[:2] + "_tag"] = (rows[0][0] or default) if rows else default
        if len(rows) > 1:
            out["tags"] = True
    out["codes"] = db.conn.execute(f"SELECT 1 {base} AND u.codes IS NOT NULL LIMIT 1", args).fetchone() is not None
    out["srclang"] = db.conn.execute(f"SELECT 1 {base} AND u.srclang IS NOT NULL LIMIT 1",
                                     args).fetchone() is not None
    return out


Progress = Callable[[int, "int | None"], None]   # progress(done, total or None)
EVERY = 1000                                     # units between two progress calls


def _count(db, pair: str | None) -> int:
    sql = "SELECT count(*) FROM units u LEFT JOIN pairs p ON p.id = u.pair WHERE u.zh != '' AND u.en != ''"
    return db.conn.execute(sql + (" AND p.name = ?" if pair is not None else ""),
                           [pair] if pair is not None else []).fetchone()[0]


def _counted(units, progress: Progress, total: int | None):
    n = 0
    for n, unit in enumerate(units, 1):
        if n % EVERY == 0:
            progress(n, total)
        yield unit
    progress(n, total)


def _file_position(source, progress: Progress | None) -> Callable[[int], None] | None:
    """For ``import_units``: report how far into the file the reader is (bytes; the
    reader may be a forked child, which shares the file offset), else units read."""
    if progress is None:
        return None
    try:
        fd = source.fileno()
        size = os.fstat(fd).st_size
        os.lseek(fd, 0, os.SEEK_CUR)
    except (AttributeError, OSError, ValueError):
        size = 0
    if not size:
        return lambda done: progress(done, None)
    return lambda done: progress(min(os.lseek(fd, 0, os.SEEK_CUR), size), size)


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


# --- aligning a document pair into the memory, keeping a person's work ------------------

@dataclass
class PairAlignment:
    """A document pair aligned for the memory (:func:`prepare_pair`) and, once stored
    (:func:`store_pair`), the counts and the units of a person left as orphans (key -> why)."""

    name: str
    zh_path: str | Path
    en_path: str | Path
    zh_text: str
    en_text: str
    alignment: object                      # tm.align.aligner.Alignment, kept units as beads
    keep: dict[str, int] = field(default_factory=dict)       # kept unit key -> bead index
    why: dict[str, str] = field(default_factory=dict)        # unit that cannot be kept -> why
    stats: store.AlignStats | None = None
    orphans: dict[str, str] = field(default_factory=dict)


def prepare_pair(db: sqlite_utils.Database, zh_text: str, en_text: str, *, name: str, zh_path: str | Path,
                 en_path: str | Path, presegmented: bool = False, embedder=None,
                 progress: Progress | None = None) -> PairAlignment:
    """Align two documents for the pair ``name``, around the units of a person.

    ``embedder`` (:class:`tm.align.semantic.Embedder`, optional): a sentence-embedding
    model whose evidence joins the lexical one; only the sentences (and runs of
    sentences) not in the pair's embedding cache are embedded, and :func:`store_pair`
    replaces the cache with this alignment's vectors.

    When the pair exists, every unit a person edited or reviewed whose sentences are
    still in the documents becomes a fixed bead, and the beads around it are aligned
    again (see :mod:`tm.align.fixed`); the others are listed in ``why``.
    ``progress(step, 2)`` is called when the free alignment (step 1) and the
    re-alignment around kept units (step 2) are done.
    """
    from tm.align.aligner import align_texts
    from tm.align.fixed import Kept, keep_units
    from tm.memory import edit

    cache = store.load_embeddings(db, name, embedder.name) if embedder is not None else None
    alignment = align_texts(zh_text, en_text, presegmented=presegmented, zh_name=str(zh_path),
                            en_name=str(en_path), embedder=embedder, embedding_cache=cache)
    if progress:
        progress(1, 2)
    result = PairAlignment(name, zh_path, en_path, zh_text, en_text, alignment)
    work = edit.person_work(db, name)
    if work is not None and work.units:
        result.alignment, placement, result.keep = keep_units(alignment, [Kept(*u) for u in work.units],
                                                              work.zh_sentences, work.en_sentences)
        result.why.update(placement.lost)
    if work is not None:
        result.why.update(work.unplaced)
    if progress:
        progress(2, 2)
    return result


def store_pair(db: sqlite_utils.Database, prepared: PairAlignment, *, review_below: float = 0.5,
               replace: bool = False, who: str | None = None, now: Callable[[], str] = utc_now,
               srclang: str | None = None) -> PairAlignment:
    """Store a :func:`prepare_pair` result in one transaction: kept units in place, a
    person's units that could not be kept as orphans (never removed), the rest replaced;
    a re-alignment that kept or orphaned units is recorded in the history. A pair of
    that name holding other documents is refused unless ``replace`` (see
    :func:`tm.memory.store.store_alignment`). ``srclang``: the original's language when
    it is not Chinese (``en``)."""
    from tm.memory import edit

    p = prepared
    with store.transaction(db):
        p.stats = store.store_alignment(db, pair_name=p.name, zh_path=p.zh_path, en_path=p.en_path,
                                        alignment=p.alignment, zh_text=p.zh_text, en_text=p.en_text,
                                        review_below=review_below, keep=p.keep, now=now, replace=replace,
                                        srclang=srclang)
        p.orphans = {key: p.why.get(key, "it changed while the documents were aligned")
                     for key in p.stats.orphans}
        if p.stats.replaced or p.stats.kept or p.orphans:
            # every re-alignment is recorded, so undo knows the changes before it cannot be undone
            edit.record_event(db, "realign", who=who, now=now, keys=[*p.stats.kept, *p.orphans],
                              note=f"re-aligned {p.name}: kept {len(p.stats.kept)} units a person edited or "
                                   f"reviewed, {len(p.orphans)} orphans")
    return p


def align_pair(db: sqlite_utils.Database, zh_text: str, en_text: str, *, name: str, zh_path: str | Path,
               en_path: str | Path, presegmented: bool = False, replace: bool = False,
               review_below: float = 0.5, who: str | None = None, embedder=None,
               now: Callable[[], str] = utc_now, srclang: str | None = None) -> PairAlignment:
    """:func:`prepare_pair` then :func:`store_pair`."""
    prepared = prepare_pair(db, zh_text, en_text, name=name, zh_path=zh_path, en_path=en_path,
                            presegmented=presegmented, embedder=embedder)
    return store_pair(db, prepared, review_below=review_below, replace=replace, who=who, now=now,
                      srclang=srclang)
