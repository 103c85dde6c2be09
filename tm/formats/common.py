"""One interface over the translation-memory file formats.

``detect_format(head)`` tells TMX, XLIFF, TSV and CSV apart from the first
bytes of a file (root element; header line with tabs or commas), not from the
file name. ``read_units(source, fmt=...)`` and ``write_units(units, out,
fmt=...)`` dispatch to the format modules (:mod:`tm.formats.tmx`, :mod:`tm.formats.tabular`,
:mod:`tm.formats.xliff`), which each expose ``read_X(source, *, name=...)`` and
``write_X(units, out, ...)`` and stream.

Also here: the small helpers every format shares (language tags, dates,
numbers, the sanity check of a zh/en pair).
"""

from __future__ import annotations

import codecs
import math
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from collections.abc import Iterable, Iterator
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from tm.errors import InputError, ToolError
from tm.models import EN, ZH, TranslationUnit, unit_record
from tm.formats.documents import xml_root
from tm.formats.textio import open_binary, peek
from tm.clock import now_iso
from tm.text.zh import has_han

FORMATS = ("tmx", "tsv", "csv", "xliff")     # written
READ_FORMATS = (*FORMATS, "xlsx")
SNIFF_BYTES = 4096

# format -> (module, reader, writer)
_REGISTRY = {
    "tmx": ("tm.formats.tmx", "read_tmx", "write_tmx"),
    "tsv": ("tm.formats.tabular", "read_tsv", "write_tsv"),
    "csv": ("tm.formats.tabular", "read_csv", "write_csv"),
    "xliff": ("tm.formats.xliff", "read_xliff", "write_xliff"),
    "xlsx": ("tm.formats.tabular", "read_xlsx", None),      # read only
}

STATUSES = ("translated", "needs-review", "reviewed")
MAX_SIDE = 1_000_000            # characters on one side of a unit


def reader(fmt: str):
    mod, read, _ = _REGISTRY[fmt]
    return getattr(import_module(mod), read)


def record_reader(fmt: str):
    """The reader of ``fmt`` that yields units as records (see :data:`tm.models.UNIT_FIELDS`):
    the format's own where it has one (TMX, the import's fast path), else its reader's
    units taken apart."""
    mod, read, _ = _REGISTRY[fmt]
    module = import_module(mod)
    native = getattr(module, f"{read}_records", None)
    if native is not None:
        return native
    units = getattr(module, read)
    return lambda *args, **options: map(unit_record, units(*args, **options))


def writer(fmt: str):
    mod, _, write = _REGISTRY[fmt]
    if write is None:
        raise ToolError(f"{fmt} is read, not written (write one of {', '.join(FORMATS)})")
    return getattr(import_module(mod), write)


def read_units(source: str | Path | BinaryIO, *, fmt: str = "auto",
               name: str | None = None, **options) -> Iterator[TranslationUnit]:
    """Stream the units of ``source`` (path or binary file object; gzip-compressed too,
    as ``tm import`` reads it)."""
    with open_binary(source, name=name, decompress=True) as (source, name):
        if fmt == "auto":
            fmt, source = sniff_stream(source, name=name)
        yield from reader(fmt)(source, name=name, **options)


def write_units(units: Iterable[TranslationUnit], out, *, fmt: str, **options) -> int:
    """Write ``units`` in ``fmt`` to ``out`` (a text stream). Returns the count."""
    if fmt not in FORMATS:
        raise ToolError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return writer(fmt)(units, out, **options)


def sniff(fh: BinaryIO, *, name: str) -> str:
    """Peek at a seekable binary file and detect its format; rewinds it."""
    pos = fh.tell()
    head = fh.read(SNIFF_BYTES)
    fh.seek(pos)
    return detect_format(head, name=name)


def sniff_stream(fh: BinaryIO, *, name: str) -> tuple[str, BinaryIO]:
    """The format of ``fh`` and a reader giving all of it: ``fh`` itself, rewound, when
    it can seek; else a reader that replays the bytes peeked at (pipes, FIFOs, stdin)."""
    if fh.seekable():
        return sniff(fh, name=name), fh
    head, fh = peek(fh, SNIFF_BYTES)
    return detect_format(head, name=name), fh


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def peek_text(head: bytes) -> str:
    """The text of a file's first bytes, its encoding told from a BOM, the zero bytes of
    UTF-16, else UTF-8 or GB18030 (to sniff a format, not to read the file)."""
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
    """The format of a file from its first bytes: ``tmx``, ``xliff``, ``tsv``, ``csv`` or
    ``xlsx``.

    A zip file is an Excel workbook (its reader refuses a zip of another kind); XML (first
    non-blank character ``<``) is told apart by its root element (after the XML
    declaration, comments and DOCTYPE); text by its first line: a tab means TSV, else a
    comma means CSV.
    """
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("a legacy Office file (.xls: save it as .xlsx)", path=name)
    text = peek_text(head).lstrip("\ufeff \t\r\n")
    if not text:
        raise InputError("empty file", path=name)
    if text.startswith("<"):
        root = xml_root(text)
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

_LATIN = re.compile("[A-Za-z]")


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


def skip_reason(zh: str, en: str, source: str | None = None) -> str | None:
    """Why a zh/en pair read from a file cannot be stored, or None; ``source`` is the
    side the unit was translated from (``"zh"``, ``"en"``; None: unknown, taken as zh).

    The reasons, as :class:`~tm.models.Skipped` counts them: a side longer than
    ``MAX_SIDE``; both sides empty; the target side empty (``untranslated``); the
    source side empty; Chinese on the English side while the Chinese side has none
    (swapped); Chinese on both sides with no Latin letter on the English one.
    """
    if len(zh) > MAX_SIDE or len(en) > MAX_SIDE:
        return f"a side longer than {MAX_SIDE} characters"
    # blank: nothing left by strip() (the same test, without copying the text)
    zh_blank, en_blank = not zh or zh.isspace(), not en or en.isspace()
    if zh_blank and en_blank:
        return "both sides are empty"
    if zh_blank or en_blank:
        empty = "zh" if zh_blank else "en"
        label = "the Chinese side is empty" if empty == "zh" else "the English side is empty"
        if empty == (source or "zh"):
            return f"{label} (the source)"
        return f"untranslated: {label}"
    if has_han(en):
        if not has_han(zh):
            return "the Chinese and English sides look swapped"
        if not has_latin(en):
            return "both sides look Chinese"
    return None


def untold(reason: str, texts, *, name: str, line: int | None,
           labels: tuple[str, str] = ("first", "second")) -> InputError:
    """The refusal of a file whose units name no language and whose text does not tell
    which side is Chinese (:func:`tm.text.lang.source_side` None), each such unit skipped
    for ``reason`` and none left: one rule for TMX variants and XLIFF files without
    languages. ``texts``: the :class:`~tm.text.lang.Evidence` of the two sides (``labels``);
    ``line``: the first such unit's."""
    from tm.text.lang import language_name
    first, second = (t.majority() for t in texts)
    if first == second:
        reads = "both have no letters" if first is None else f"both read as {language_name(first)}"
    else:
        reads = (f"the {labels[0]} reads as {language_name(first)}, "
                 f"the {labels[1]} as {language_name(second)}")
    return InputError(f"{reason} ({reads})", path=name, line=line)


class FileCheck:
    """What every reader checks over one file.

    Per unit (:meth:`keep`): a pair :func:`skip_reason` refuses is recorded in
    ``skipped`` (a :class:`~tm.models.Skipped`) and left out, or, without one
    (``--strict``), raises :class:`InputError` naming the line. Per file
    (:meth:`finish`): a file with no Chinese or no English side is refused, and
    so is one whose text contradicts its declared languages (the Chinese side
    reading as English, say): the error names the file, the line and what was
    seen there. ``check=False`` (QA reads) keeps every pair, but still refuses a file
    whose tags contradict its text, judged by the side each unit was translated from
    (an untranslated target is what QA reports; a swapped file would pass it unseen).
    """

    SAMPLE_ALL = 2000       # units whose text is classified one by one; then every 8th

    def __init__(self, name: str, skipped=None, *, check: bool = True):
        from tm.text.lang import Evidence
        self.name, self.skipped, self.check = name, skipped, check
        self.zh, self.en = Evidence(), Evidence()
        self.units = 0          # units kept
        self.seen = 0           # units with both variants
        self._raw: dict[str | None, int] = {}     # declared tags seen, as written -> count
        self._ids: dict[str, tuple[int, int]] = {}  # unit id -> (line, hash of its text)
        self._missing: tuple[str, int | None] | None = None  # a QA read's first unit without a side
        self._first_missing: int | None = None      # the line of the first unit without a side

    def unique(self, key: str | None, zh: str, en: str, line: int, *, what: str = "id") -> bool:
        """False (and the unit skipped, or an error with ``--strict``) when an earlier unit
        of the file has the same id with other text: which one the file means cannot be
        told, so the first is kept and the second reported, never silently dropped. The
        same id with the same text is an ordinary duplicate (the store counts it)."""
        if not key or not self.check:
            return True
        digest = hash((zh, en))
        first = self._ids.setdefault(key, (line, digest))
        if first[0] == line or first[1] == digest:
            return True
        self.skip(f"{what} {key!r} already used at line {first[0]} by a unit with other text",
                  line)
        return False

    def keep(self, zh: str, en: str, source: str | None, line: int) -> bool:
        self.seen += 1
        sample = self.seen <= self.SAMPLE_ALL or not self.seen & 7
        if not self.check:
            if sample:
                if source == "en":
                    self.en.add(en, line)
                else:
                    self.zh.add(zh, line)
            return True
        if sample:
            self.zh.add(zh, line)       # skipped units count too: a whole file swapped is
            self.en.add(en, line)       # one error about the file, not a skip per unit
        problem = skip_reason(zh, en, source)
        if problem:
            self.skip(problem, line)
            return False
        self.units += 1
        return True

    def skip(self, reason: str, line: int | None) -> None:
        if not self.check:
            return
        if self.skipped is None or self.skipped.strict:
            raise InputError(reason, path=self.name, line=line)
        self.skipped.add(reason, line)

    def tell(self, reason: str, line: int | None) -> None:
        """An inference the person is told of (:meth:`tm.models.Skipped.notes`)."""
        if self.skipped is not None:
            self.skipped.tell(reason, line)

    def missing_side(self, reason: str, line: int | None) -> None:
        """A unit without the side ``reason`` names: skipped (:meth:`skip`); a QA read
        (``check=False``) refuses the file, in :meth:`finish`: as a file with no such side at
        all when none has it, else naming the first such unit."""
        if self._first_missing is None:
            self._first_missing = line
        if self.check:
            self.skip(reason, line)
        elif self._missing is None:
            self._missing = (reason, line)

    @property
    def kept(self) -> int:
        """Units kept so far (a QA read, ``check=False``: units with both sides)."""
        return self.units if self.check else self.seen

    def saw(self, tag: str | None) -> None:
        """A variant / column / file declared in language ``tag``."""
        self._raw[tag] = self._raw.get(tag, 0) + 1

    @property
    def langs(self) -> dict[str, int]:
        """The declared tags seen (normalised, BCP 47) and how often."""
        from tm.text.lang import normalise_tag
        out: dict[str, int] = {}
        for tag, n in self._raw.items():
            norm = normalise_tag(tag)
            if norm:
                out[norm] = out.get(norm, 0) + n
        return out

    def finish(self, zh_tag: str | None = None, en_tag: str | None = None) -> None:
        """Refuse the file as a whole (see class doc); ``zh_tag``/``en_tag``: the
        declared languages, for the message."""
        from tm.text.lang import language_name, side
        langs = self.langs
        sides = {side(tag) for tag in langs}
        for want, label in (("zh", "Chinese"), ("en", "English")):
            if langs and want not in sides and not self.kept:
                seen = ", ".join(sorted(langs))
                raise InputError(f"no {label} in this file (languages: {seen}); a Chinese-English "
                                 f"memory needs a Chinese and an English side", path=self.name)
        untagged = self._raw.get(None, 0) + self._raw.get("", 0)
        if untagged and not self.kept:
            # every unit skipped for a side it lacks, and variants that name no language
            # (a TMX without xml:lang): nothing to import is no success ("Imported 0 units")
            raise InputError(f"{untagged} variant{'s' * (untagged > 1)} name no language, and no "
                             f"unit has a Chinese and an English side", path=self.name,
                             line=self._first_missing)
        if self._missing is not None:
            raise InputError(self._missing[0], path=self.name, line=self._missing[1])
        for evidence, tag, found in ((self.zh, zh_tag or ZH, self._not_chinese()),
                                     (self.en, en_tag or EN, self._not_english())):
            if found is None:
                continue
            line, _ = evidence.first[found]
            raise InputError(f"declared {tag}, but the text reads as {language_name(found)} "
                             f"({evidence.share(found):.0%} of the units; here: "
                             f"{evidence.describe(found).split(': ', 1)[-1]})",
                             path=self.name, line=line)

    # A Chinese side may hold many segments copied from the source (code, names,
    # numbers): it contradicts its tag only when almost none has a Chinese character
    # (one beside a kana or hangul letter counts: the tag says which language it is,
    # and the memory's own export of such a unit must import again).
    # An English side contradicts its tag when most of it is Chinese or another script.
    MIN_CHINESE = 0.1

    def _not_chinese(self) -> str | None:
        ev = self.zh
        if not ev.total or ev.han / ev.total >= self.MIN_CHINESE:
            return None
        return max(("en", "other"), key=lambda k: ev.counts.get(k, 0))

    def _not_english(self) -> str | None:
        ev = self.en
        for kind in ("zh", "other"):
            if ev.share(kind) > 0.5:
                return kind
        return None


# --- dates and numbers ---------------------------------------------------

_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]00:?00)?$")


def known_dates(unit) -> tuple[str | None, str | None]:
    """The unit's creation and change dates as an export may write them: None for a date the
    store filled in because the unit's file gave none (the import's time, or the creation
    date standing for a change date: ``meta["filled"]``, :data:`tm.memory.store.FILLED`),
    which is no fact about the translation. A date a person's edit set since is written."""
    filled = unit.meta.get("filled") if unit.meta else None
    if not filled:
        return unit.created, unit.changed
    created = None if unit.created == filled.get("created") else unit.created
    changed = None if unit.changed == filled.get("changed") else unit.changed
    return created, changed


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


def parse_position(value: str | None, *, path: str, line: int | None, what: str) -> int | float | None:
    """A unit's place in its pair: a whole number, or one with decimals (a part a split
    put between two units, see tm.memory.edit)."""
    if value is None or value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InputError(f"{what} is not a number: {value!r}", path=path, line=line)
    return number


#: Trados Studio's confirmation level of a segment (SDLXLIFF ``<sdl:seg conf>``, the TMX
#: export's ``x-ConfirmationLevel`` prop) -> the unit's status; another level (Draft,
#: RejectedTranslation, RejectedSignOff, Unspecified) or none on a segment: needs-review.
SDL_CONFIRMATION = {"Translated": "translated", "ApprovedTranslation": "reviewed",
                    "ApprovedSignOff": "reviewed"}


def parse_status(value: str | None, *, path: str, line: int | None) -> str:
    if value is None or value.strip() == "":
        return "translated"
    if value not in STATUSES:
        raise InputError(f"status must be one of {', '.join(STATUSES)}, not {value!r}",
                         path=path, line=line)
    return value


def safe_filename(name: str) -> str:
    """A file name for a pair name: path separators and control characters replaced."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(". ")
    return cleaned or "pair"



__all__ = ["FORMATS", "EN", "ZH", "read_units", "write_units", "detect_format", "sniff",
           "lang_side", "check_pair", "now_iso", "iso_to_basic", "to_iso"]
