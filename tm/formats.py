"""One interface over the translation-memory file formats.

``detect_format(head)`` tells TMX, XLIFF, TSV and CSV apart from the first
bytes of a file (root element; header line with tabs or commas), not from the
file name. ``read_units(source, fmt=...)`` and ``write_units(units, out,
fmt=...)`` dispatch to the format modules (:mod:`tm.tmx`, :mod:`tm.tabular`,
:mod:`tm.xliff`), which each expose ``read_X(source, *, name=...)`` and
``write_X(units, out, ...)`` and stream.

Also here: the small helpers every format shares (language tags, dates,
numbers, the sanity check of a zh/en pair).
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, ToolError
from .models import EN, ZH, TranslationUnit
from .textio import open_binary

FORMATS = ("tmx", "tsv", "csv", "xliff")
SNIFF_BYTES = 4096

# format -> (module, reader, writer)
_REGISTRY = {
    "tmx": ("tm.tmx", "read_tmx", "write_tmx"),
    "tsv": ("tm.tabular", "read_tsv", "write_tsv"),
    "csv": ("tm.tabular", "read_csv", "write_csv"),
    "xliff": ("tm.xliff", "read_xliff", "write_xliff"),
}

STATUSES = ("translated", "needs-review", "reviewed")
MAX_SIDE = 1_000_000            # characters on one side of a unit


def reader(fmt: str):
    mod, read, _ = _REGISTRY[fmt]
    return getattr(import_module(mod), read)


def writer(fmt: str):
    mod, _, write = _REGISTRY[fmt]
    return getattr(import_module(mod), write)


def read_units(source: str | Path | BinaryIO, *, fmt: str = "auto",
               name: str | None = None, **options) -> Iterator[TranslationUnit]:
    """Stream the units of ``source`` (path or binary file object)."""
    if isinstance(source, (str, Path)):
        with open_binary(source, name=name) as (fh, name):
            yield from read_units(fh, fmt=fmt, name=name, **options)
        return
    name = name or getattr(source, "name", None) or "<input>"
    if fmt == "auto":
        fmt = sniff(source, name=name)
    yield from reader(fmt)(source, name=name, **options)


def write_units(units: Iterable[TranslationUnit], out, *, fmt: str, **options) -> int:
    """Write ``units`` in ``fmt`` to ``out`` (a text stream). Returns the count."""
    if fmt not in _REGISTRY:
        raise ToolError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return writer(fmt)(units, out, **options)


def sniff(fh: BinaryIO, *, name: str) -> str:
    """Peek at a seekable binary file and detect its format; rewinds it."""
    pos = fh.tell()
    head = fh.read(SNIFF_BYTES)
    fh.seek(pos)
    return detect_format(head, name=name)


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")


def _peek_text(head: bytes) -> str:
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore")
    if len(head) >= 4 and head[0] == 0 and head[1] != 0:
        return head.decode("utf-16-be", errors="ignore")
    if len(head) >= 4 and head[1] == 0 and head[0] != 0:
        return head.decode("utf-16-le", errors="ignore")
    try:
        return head.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:      # a character cut at the sniff boundary
            return head[:exc.start].decode("utf-8")
        return head.decode("gb18030", errors="ignore")


def detect_format(head: bytes, *, name: str = "<input>") -> str:
    """The format of a file from its first bytes: ``tmx``, ``xliff``, ``tsv`` or ``csv``.

    XML (first non-blank character ``<``) is told apart by its root element
    (after the XML declaration, comments and DOCTYPE); text by its first line:
    a tab means TSV, else a comma means CSV.
    """
    text = _peek_text(head).lstrip("\ufeff \t\r\n")
    if not text:
        raise InputError("empty file", path=name)
    if text.startswith("<"):
        body = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", text, flags=re.S)
        m = _ROOT.search(body)
        root = m.group(1).rsplit(":", 1)[-1].lower() if m else ""
        if root == "tmx":
            return "tmx"
        if root == "xliff":
            return "xliff"
        raise InputError(f"XML with root element <{root or '?'}> is neither TMX nor XLIFF",
                         path=name, line=1)
    first = text.split("\n", 1)[0]
    if "\t" in first:
        return "tsv"
    if "," in first:
        return "csv"
    raise InputError("cannot tell the format: not XML, and the first line has neither tabs "
                     "nor commas (TSV/CSV need a header such as 'zh-CN<TAB>en')",
                     path=name, line=1)


# --- language tags -------------------------------------------------------

@lru_cache(maxsize=256)
def lang_side(tag: str | None) -> str | None:
    """``"zh"`` for Chinese tags (zh, zh-CN, zh_CN, zh-Hans…), ``"en"`` for English
    ones (en, en-US, EN_gb…), else None."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    if primary in ("zh", "cmn"):
        return "zh"
    if primary == "en":
        return "en"
    return None


@lru_cache(maxsize=256)
def zh_preference(tag: str) -> int:
    """Lower is better when a unit carries several Chinese variants: simplified first."""
    t = tag.replace("_", "-").lower()
    if t == ZH.lower():
        return 0
    if t in ("zh", "zh-hans", "zh-hans-cn", "zh-sg", "zh-hans-sg", "cmn-hans", "cmn"):
        return 1
    return 2


# --- sanity of a pair ----------------------------------------------------

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile("[A-Za-z]")


def has_han(text: str) -> bool:
    """Does ``text`` contain a Han character (CJK unified ideographs, extensions, compatibility)?"""
    return _HAN.search(text) is not None


def has_latin(text: str) -> bool:
    return _LATIN.search(text) is not None


def check_pair(zh: str, en: str) -> str | None:
    """A reason to refuse a zh/en pair read from a file, or None.

    Refused: a side longer than ``MAX_SIDE`` characters; an empty (or blank)
    side; Chinese text on the English side while the Chinese side has none
    (swapped columns or languages); an English side that is Chinese text with
    no Latin letter at all while the Chinese side is Chinese too (the same
    language on both sides).
    """
    if len(zh) > MAX_SIDE or len(en) > MAX_SIDE:
        return f"a side longer than {MAX_SIDE} characters"
    if not zh.strip() and not en.strip():
        return "both sides are empty"
    if not zh.strip():
        return "the Chinese side is empty"
    if not en.strip():
        return "the English side is empty (untranslated?)"
    if has_han(en):
        if not has_han(zh) and zh.strip():
            return "the Chinese and English sides look swapped"
        if not has_latin(en) and has_han(zh):
            return "both sides look Chinese"
    return None


# --- dates and numbers ---------------------------------------------------

def now_iso(clock=None) -> str:
    """``clock()`` (a datetime) or the current UTC time as ``2026-11-21T05:48:15Z``."""
    moment = clock() if clock else datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]00:?00)?$")


def iso_to_basic(value: str | None) -> str | None:
    """``2026-11-21T05:48:15Z`` → ``20261121T054815Z`` (TMX's basic form)."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    return "{}{}{}T{}{}{}Z".format(*m.groups()[:6])


def to_iso(value: str | None) -> str | None:
    """Basic or extended ISO 8601 UTC → ``2026-11-21T05:48:15Z``; None if unreadable."""
    if not value:
        return None
    if len(value) == 16 and value[8] == "T" and value[15] == "Z" and value[:8].isdigit() \
            and value[9:15].isdigit():      # the TMX basic form, the common case
        return (f"{value[0:4]}-{value[4:6]}-{value[6:8]}T"
                f"{value[9:11]}:{value[11:13]}:{value[13:15]}Z")
    m = _ISO.match(value.strip())
    if not m:
        return None
    return "{}-{}-{}T{}:{}:{}Z".format(*m.groups()[:6])


def fmt_float(value: float | None) -> str | None:
    """Shortest text that reads back as the same float."""
    return None if value is None else repr(float(value))


def parse_float(value: str | None, *, path: str, line: int | None, what: str) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise InputError(f"{what} is not a number: {value!r}", path=path, line=line) from None


def parse_int(value: str | None, *, path: str, line: int | None, what: str) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{what} is not an integer: {value!r}", path=path, line=line) from None


def parse_status(value: str | None, *, path: str, line: int | None) -> str:
    if value is None or value.strip() == "":
        return "translated"
    if value not in STATUSES:
        raise InputError(f"status must be one of {', '.join(STATUSES)}, not {value!r}",
                         path=path, line=line)
    return value


# --- the memory <-> files ---------------------------------------------------

@dataclass
class ImportResult:
    """What :func:`import_file` did: ``fmt`` read, and the store's or the review's report."""

    fmt: str
    stats: object = None        # tm.store.ImportStats (tmx/tsv/csv)
    review: object = None       # tm.review.ReviewReport (xliff)


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
    :mod:`tm.importpipe`), 1 does everything in this process; default (None):
    2 where ``os.fork`` exists and the machine has more than one core.
    """
    from . import review, store
    if isinstance(source, (str, Path)):
        with open_binary(source, name=name) as (fh, name):
            return import_file(db, fh, fmt=fmt, name=name, pair=pair, encoding=encoding,
                               on_duplicate=on_duplicate, reviewer=reviewer, clock=clock,
                               workers=workers)
    name = name or getattr(source, "name", None) or "<input>"
    if fmt == "auto":
        fmt = sniff(source, name=name)
    if fmt == "xliff":
        return ImportResult(fmt, review=review.apply_review(db, source, name=name,
                                                            reviewer=reviewer, clock=clock))
    options = {"encoding": encoding} if fmt in ("tsv", "csv") else {}
    units = reader(fmt)(source, name=name, **options)
    if pair is not None:
        units = _with_pair(units, pair)
    if workers is None:
        workers = 2 if hasattr(os, "fork") and (os.cpu_count() or 1) > 1 else 1
    if workers < 2:
        return ImportResult(fmt, stats=store.import_units(db, units, on_duplicate=on_duplicate))
    from .importpipe import prepared_batches
    with prepared_batches(units) as batches:
        return ImportResult(fmt, stats=store.import_prepared(db, batches, on_duplicate=on_duplicate))


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
    from . import store
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
    """One XLIFF file per document pair in ``directory`` (``<pair>.xlf``; units
    without a pair go to ``memory.xlf``). Returns (pair, path, count) per file."""
    from itertools import groupby

    from . import store
    directory = Path(directory)
    done = []
    for name, group in groupby(store.iter_units(db, pair=pair), key=lambda u: u.pair):
        path = directory / f"{safe_filename(name or 'memory')}.xlf"
        with atomic_text(path) as out:
            count = write_units(group, out, fmt="xliff", **options)
        done.append((name, path, count))
    return done


def safe_filename(name: str) -> str:
    """A file name for a pair name: path separators and control characters replaced."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(". ")
    return cleaned or "pair"


@contextmanager
def atomic_text(path: str | Path):
    """Write a UTF-8 text file all or nothing: a temporary file renamed into place."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as exc:
        raise ToolError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = ["FORMATS", "EN", "ZH", "read_units", "write_units", "detect_format", "sniff",
           "lang_side", "check_pair", "now_iso", "iso_to_basic", "to_iso"]
