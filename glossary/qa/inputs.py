"""Reading what `glossary qa` checks: zh/en pairs from TSV/CSV, TMX, XLIFF, or
two plain-text documents aligned with the tm aligner.

The file formats are read by the tm format readers (:mod:`tm.formats.common`), so
the same files import and check alike and every parse error names the file
and line. A pair's id is the unit id of the file (TMX ``tuid``, XLIFF
``id``, a TSV/CSV ``id`` column), else its 1-based position (the data row
number of a TSV/CSV file).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import sqlite_utils

from tm import Skipped, align_texts, open_existing, read_units, segment_en, side
from tm import read_text as _read_text

from glossary.errors import InputError
from glossary.qa.checks import Pair
from glossary.models import Entry
from glossary.termbase.store import entries, load_glossary_file, open_termbase

__all__ = ["Pair", "read_pairs", "read_text", "align_pairs", "prefix_ids", "load_pairs", "load_terms",
           "english_pairs"]


def read_pairs(source: str | Path | BinaryIO, *, name: str | None = None,
               told: Skipped | None = None) -> list[Pair]:
    """Every zh/en pair of a TSV/CSV, TMX or XLIFF file (format told from content).

    Pairs the memory import refuses (a target that is the Chinese source, a TMX
    unit with no English) are kept: they are what the QA checks report. ``told``: a
    :class:`tm.Skipped` given what the reader inferred (its ``told``)."""
    pairs = []
    for n, unit in enumerate(read_units(source, name=name, check=False, skipped=told), 1):
        key = unit.key if unit.key not in (None, "") else str(n)
        source = "en" if side(unit.srclang) == "en" else "zh"    # the direction it was translated
        pairs.append(Pair(str(key), unit.zh or "", unit.en or "", source=source))
    return pairs


def read_text(path: str | Path, *, side: str | None = None) -> str:
    """A document, read as `tm align` reads it (:func:`tm.read_text`: plain text in
    UTF-8, UTF-16, GB18030, Big5…; .docx, .xlsx (the ``side`` column), HTML, Markdown;
    NUL bytes and over-long lines refused with the line)."""
    return _read_text(path, side=side)


def align_pairs(zh_text: str, en_text: str, *, zh_name: str | None = None,
                en_name: str | None = None,
                glossary: Mapping[str, Sequence[str]] | None = None, source: str = "zh") -> list[Pair]:
    """Align two documents with the tm aligner; one pair per bead, ids 1, 2, 3…

    The aligner refuses mismatched languages (both Chinese, swapped) with an
    :class:`InputError` naming the file. ``glossary`` (term -> renderings) helps
    the aligner. ``source``: the original's language (``en``: an English original and
    its Chinese translation). A source sentence with no counterpart is a pair with an
    empty target (the ``empty`` check reports it); a target sentence with no source
    counterpart is not checked.
    """
    alignment = align_texts(zh_text, en_text, zh_name=zh_name, en_name=en_name,
                            glossary=glossary)
    pairs = []
    for bead in alignment.beads:
        if not (bead.en if source == "en" else bead.zh):
            continue
        zh, en = alignment.texts(bead)
        pairs.append(Pair(str(len(pairs) + 1), zh, en, bead.confidence, source=source))
    return pairs


def english_pairs(en_text: str) -> list[Pair]:
    """An English-only document as pairs with an empty source, one per sentence
    (ids 1, 2, 3…): for the checks that read the English alone."""
    return [Pair(str(n), "", seg.text) for n, seg in enumerate(segment_en(en_text), 1)]


def prefix_ids(groups: Iterable[tuple[str, list[Pair]]]) -> list[Pair]:
    """Several files checked at once: ids become ``file:id`` so they stay unique."""
    return [replace(p, id=f"{name}:{p.id}") for name, pairs in groups for p in pairs]


def load_pairs(paths: Sequence[str | Path] = (), *, zh_path: str | Path | None = None,
               en_path: str | Path | None = None,
               glossary: Mapping[str, Sequence[str]] | None = None,
               notes: list[str] | None = None, source: str = "zh") -> list[Pair]:
    """The pairs of the files ``paths`` (ids prefixed by file name when there are
    several), followed by the aligned pairs of ``zh_path``/``en_path`` if given,
    or the sentences of ``en_path`` alone (English-only checks). ``notes``: a list given
    what the readers inferred, ``NAME: what`` (:meth:`tm.Skipped.notes`). ``source``: the
    original's language of the two documents (:func:`align_pairs`); a file's pairs carry
    the direction the file declares."""
    groups = []
    for p in paths:
        told = Skipped()
        found = read_pairs(p, told=told)
        if not found:          # a header alone, a TMX of no unit: a QA of nothing passed, exit 0
            raise InputError("no segment to check in it", path=str(p))
        groups.append((Path(p).name, found))
        if notes is not None:
            notes.extend(f"{p}: {note}" for note in told.notes())
    if zh_path is not None and en_path is not None:
        aligned = align_pairs(read_text(zh_path, side="zh"), read_text(en_path, side="en"),
                              zh_name=str(zh_path),
                              en_name=str(en_path), glossary=glossary, source=source)
        groups.append((Path(zh_path).name, aligned))
    elif en_path is not None:
        groups.append((Path(en_path).name, english_pairs(read_text(en_path, side="en"))))
    if len(groups) == 1:
        return groups[0][1]
    return prefix_ids(groups)


def load_terms(db_path: str | Path | None, glossary_paths: Sequence[str | Path] = ()
               ) -> tuple[list[Entry], sqlite_utils.Database | None]:
    """Term-base entries from the approved terms of the database at ``db_path`` (when there
    is one, :func:`tm.open_existing`: an SQLite file, or a PostgreSQL database with this
    tool's tables) and from every glossary file; also the open database, for the memory
    look-up. Rejected entries of a glossary file are left out."""
    found: list[Entry] = []
    db = open_existing(db_path) if db_path is not None else None
    if db is not None:
        db = open_termbase(db)
        found.extend(entries(db, status="approved"))
    for path in glossary_paths:
        found.extend(e for e in load_glossary_file(path) if e.status != "rejected")
    return found, db
