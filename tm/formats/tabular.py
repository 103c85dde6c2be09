"""TSV and CSV reading and writing (streaming).

Header rule (both formats): the first row names the columns. A column whose
name is a language tag with primary subtag ``zh`` (``zh``, ``zh-CN``,
``zh_CN``, ``zh-Hans``…) holds the Chinese side (the tag is kept, BCP 47),
one tagged ``en`` (``en``, ``en-US``…) the English side. Columns named
``source`` and ``target`` (Weblate, spreadsheets) hold the two sides in either
direction: which is Chinese is told from their text (the first 200 rows), and
the unit's source language is recorded. Exactly one of each is required. Optional columns, by name: ``key`` (or
``id``), ``pair``, ``position``, ``shape``, ``confidence``, ``origin``,
``status``, ``created``, ``changed``, ``changed_by``, ``note``; any other
column is kept as a unit property under its header name.

Inline codes and language tags (written by :func:`tm.exchange.export_units` when the
memory holds them): the header's Chinese and English columns are named with the stored
tags (``zh-TW<TAB>en-US``); when the units exported carry more than one, columns
``tag-zh``/``tag-en`` give each unit's own; when any carries its source language (a unit
translated from English, say), a ``srclang`` column gives it (a language tag, Chinese or
English; empty: not recorded, taken as Chinese). A unit with inline codes shows them in its text
in the compact form the terminal uses (``{1}bold{/1} text{2/}``) and keeps their original
markup, as stored, in an ``inline-codes`` column (JSON); in such a unit's text a literal
``{`` is written ``{{``, so the text reads back exactly. A row whose ``inline-codes`` cell
is empty is plain text (its braces are as they are).

TSV: one unit per line, cells separated by tabs, no quoting; inside a cell
``\\`` is written ``\\\\``, tab ``\\t``, LF ``\\n``, CR ``\\r`` and NUL ``\\0``, and
reading undoes exactly these (any other backslash is kept as it is).

CSV: RFC 4180 (comma, double quotes, CRLF rows); newlines and quotes inside
cells are quoted and round-trip. NUL cannot be written to CSV.

Formulas (the one rule of both tools, TSV and CSV alike, :func:`neutralise`): to keep
spreadsheets from running formulas, a cell starting with ``=``, ``+``, ``-``, ``@``, tab
or CR is written with a leading apostrophe (``'=SUM(A1)``), as is a cell starting with an
apostrophe followed by one of those characters or another apostrophe; on reading, one
leading apostrophe before such a character is removed, so the round trip is exact and
other apostrophes are left alone.

Encodings read: UTF-8 (with or without BOM), UTF-16 (with BOM, or without
BOM when the NUL pattern is unambiguous), GB18030 (when the start of the
file is not UTF-8 but decodes as GB18030 with Chinese text), or the
``encoding`` given. Written: UTF-8 without BOM (the caller opens the stream).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TextIO

from tm.errors import InputError, ToolError
from tm.formats.common import (
    FileCheck, check_pair, fmt_float, has_han, known_dates, lang_side, parse_float, parse_position,
    parse_status,
    to_iso,
)
from tm.models import EN, ZH, Skipped, TranslationUnit
from tm.formats import textio
from tm.formats.textio import open_binary
from tm.text import codes as C
from tm.text.lang import ORIENT_ROWS

FIELDS = ("key", "pair", "position", "shape", "confidence", "origin", "status",
          "created", "changed", "changed_by", "note")
_ALIASES = {"id": "key", "changed-by": "changed_by", "changedby": "changed_by"}
# columns of the unit's codes and per-unit language tags (see module doc) -> TranslationUnit field
CODES_COLUMN, TAG_COLUMNS, SRCLANG_COLUMN = "inline-codes", ("tag-zh", "tag-en"), "srclang"
_SPECIAL = {CODES_COLUMN: "codes", TAG_COLUMNS[0]: "zh_lang", TAG_COLUMNS[1]: "en_lang",
            SRCLANG_COLUMN: "srclang"}
MAX_LINE = 1_000_000            # characters in one TSV line
SAMPLE = 1 << 16
_FORMULA = frozenset("=+-@\t\r")


# --- encodings -----------------------------------------------------------

def detect_encoding(head: bytes, *, name: str) -> str:
    """The encoding of a text file from its first bytes (see :func:`tm.textio.detect_encoding`)."""
    return textio.detect_encoding(head, name=name, complete=len(head) < SAMPLE)


def _text_lines(source: BinaryIO, *, name: str, encoding: str | None,
                encodings: list | None = None) -> Iterator[str]:
    """The lines of a TSV/CSV file: ``encoding`` given, or detected from its first
    64 KiB (read once: pipes work); the codec used is appended to ``encodings``."""
    head, source = textio.peek(source, SAMPLE)
    if not head.strip():
        raise InputError("empty file", path=name)
    encoding = textio.text_codec(encoding) if encoding else detect_encoding(head, name=name)
    if encodings is not None:
        encodings.append(encoding)
    return textio.text_lines(source, name=name, encoding=encoding, limit=MAX_LINE)


# --- header --------------------------------------------------------------

def _columns(header: Sequence[str], *, name: str, line: int = 1) -> list[str]:
    """Map header cells to ``zh``, ``en``, field names or property names (the names of
    :func:`tm.text.lang.column_language`: ``zh-CN``, ``Chinese``, ``中文``, ``source``,
    ``原文``…); ``line``: the header's, for errors."""
    from tm.text.lang import column_language

    cols: list[str] = []
    for cell in header:
        raw = cell.strip().lstrip("\ufeff")
        norm = raw.lower().replace("_", "-")
        side = {"source": "src", "target": "trg"}.get(column_language(raw), column_language(raw))
        if side:
            if side in cols:
                other = "Chinese" if side == "zh" else "English"
                raise InputError(f"header names two {other} columns "
                                 f"(the same language on both sides?)", path=name, line=line)
            cols.append(side)
            continue
        if norm in _SPECIAL:
            cols.append(_SPECIAL[norm])
            continue
        field = _ALIASES.get(norm, norm.replace("-", "_"))
        field = field if field in FIELDS else raw
        if field and field in cols:     # one of the two cells would be lost (a row is a dict)
            raise InputError(f"header names the column {field!r} twice"
                             + (f" ({raw!r} too)" if raw != field else ""), path=name, line=line)
        cols.append(field)
    sides = [c for c in cols if c in ("zh", "en", "src", "trg")]
    if len(sides) == 2 and sorted(sides) in (["en", "src"], ["en", "trg"], ["src", "zh"], ["trg", "zh"]):
        # one column names its language, the other a side (中文 / 译文): the other language
        other = "en" if "zh" in sides else "zh"
        cols = [other if c in ("src", "trg") else c for c in cols]
    if ("zh" not in cols or "en" not in cols) and ("src" not in cols or "trg" not in cols):
        raise InputError("header must name a Chinese and an English column, e.g. "
                         "'zh-CN<TAB>en' (or 'source'/'target')", path=name, line=line)
    return cols


def _orient(cols: list[str], rows: list[tuple[int, list[str]]], *, name: str,
            header_line: int = 1) -> tuple[list[str], str | None]:
    """``cols`` with ``src``/``trg`` replaced by ``zh``/``en`` from the text of ``rows``
    (and the source side); unchanged when the header names languages."""
    if "src" not in cols:
        return cols, None
    from tm.text.lang import Evidence, language_name, source_side
    i, j = cols.index("src"), cols.index("trg")
    src, trg = Evidence(), Evidence()
    for line, cells in rows:
        if len(cells) == len(cols):
            src.add(cells[i], line)
            trg.add(cells[j], line)
    source = source_side(src, trg)
    if source is None:
        a, b = src.majority(), trg.majority()
        raise InputError(f"cannot tell the languages of the source and target columns: the "
                         f"source reads as {language_name(a)}, the target as {language_name(b)} "
                         f"(a Chinese-English file needs one of each)", path=name, line=header_line)
    out = list(cols)
    out[i], out[j] = (source, "en" if source == "zh" else "zh")
    return out, source


def _unit(cols: list[str], cells: Sequence[str], *, name: str, line: int,
          check: bool = True, fc: FileCheck | None = None, source: str | None = None,
          tags: tuple = (None, None)) -> TranslationUnit | None:
    if len(cells) != len(cols):
        raise InputError(f"{len(cells)} cells, but the header has {len(cols)} columns",
                         path=name, line=line)
    row = dict(zip(cols, cells))
    zh, en = row.pop("zh"), row.pop("en")
    codes = _codes_cell(row.pop("codes", ""), name=name, line=line)
    if codes is not None:
        zh, en = from_cell(zh), from_cell(en)
    zh_lang, en_lang = tags
    for field, want in (("zh_lang", "zh"), ("en_lang", "en")):
        tag = row.pop(field, "").strip()
        if tag:
            from tm.text.lang import normalise_tag
            if lang_side(tag) != want:
                raise InputError(f"tag-{want}: {tag!r} is not a {'Chinese' if want == 'zh' else 'English'} "
                                 f"language tag", path=name, line=line)
            tag = normalise_tag(tag)
            tag = None if tag == (ZH if want == "zh" else EN) else tag
            zh_lang, en_lang = (tag, en_lang) if want == "zh" else (zh_lang, tag)
    srclang = (en_lang or EN) if source == "en" else zh_lang if source == "zh" else None
    tag = row.pop("srclang", "").strip()
    if tag:                                 # the unit's own, as exported (see module doc)
        from tm.text.lang import normalise_tag
        side = lang_side(tag)
        if side is None:
            raise InputError(f"{SRCLANG_COLUMN}: {tag!r} is not a Chinese or English language tag",
                             path=name, line=line)
        source, srclang = side, normalise_tag(tag)
        if srclang == ZH:                   # the memory's default source, as TMX reads it
            srclang = None
    if fc is not None:
        if not fc.keep(zh, en, source, line):
            return None
    elif check:
        problem = check_pair(zh, en)
        if problem:
            raise InputError(problem, path=name, line=line)
    props = {k: v for k, v in row.items() if k not in FIELDS}

    def get(field):
        value = row.get(field)
        return value if value not in (None, "") else None

    return TranslationUnit(
        zh=zh, en=en, key=get("key"), pair=get("pair"),
        position=parse_position(get("position"), path=name, line=line, what="position"),
        shape=get("shape"),
        confidence=parse_float(get("confidence"), path=name, line=line, what="confidence"),
        origin=get("origin") or "imported",
        status=parse_status(get("status"), path=name, line=line),
        created=to_iso(get("created")), changed=to_iso(get("changed")),
        changed_by=get("changed_by"), note=get("note"), props=props,
        srclang=srclang, zh_lang=zh_lang, en_lang=en_lang, codes=codes or {})


def _codes_cell(cell: str, *, name: str, line: int) -> dict | None:
    """The codes of an ``inline-codes`` cell (None: empty, the row's text is plain)."""
    if not cell.strip():
        return None
    try:
        codes = json.loads(cell)
    except ValueError:
        codes = None
    if not isinstance(codes, dict) or not all(isinstance(codes.get(side, {}), dict) for side in ("zh", "en")):
        raise InputError(f"{CODES_COLUMN}: not the JSON of a unit's inline codes "
                         f"(as tm export writes it): {cell[:60]!r}", path=name, line=line)
    return codes


_CELL_CODE = re.compile(r"\{\{|\{(/?\d{1,4}/?)\}")


def to_cell(text: str) -> str:
    """The text of a unit with codes as its cell: ``{`` doubled, each placeholder as
    ``{1}``, ``{/1}``, ``{2/}`` (:func:`tm.text.codes.display`); :func:`from_cell` undoes it."""
    if "{" in text:
        text = text.replace("{", "{{")
    if not C.has_codes(text):
        return text
    return C.CODE.sub(lambda m: "{" + C.name(m.group()) + "}" if C.is_code(m.group()) else m.group(), text)


def from_cell(cell: str) -> str:
    """Inverse of :func:`to_cell`; a ``{`` that is neither doubled nor a code (text a
    person typed) stays as it is."""
    if "{" not in cell:
        return cell
    return _CELL_CODE.sub(lambda m: "{" if m.group(1) is None else C.from_name(m.group(1)) or m.group(), cell)


def _tags(header: Sequence[str], cols: list[str]) -> tuple[str | None, str | None]:
    """The Chinese and English columns' tags as the header gives them (None: zh-CN, en); a
    Chinese column named by a Traditional variety (``繁體中文``, ``Chinese (Taiwan)``) gives its
    tag (:func:`tm.text.lang.zh_variety_tag`)."""
    from tm.text.lang import column_tag, zh_variety_tag
    out = []
    for want, default in (("zh", ZH), ("en", EN)):
        raw = header[cols.index(want)].strip().lstrip("\ufeff") if want in cols else ""
        tag = column_tag(raw) if raw else None
        tag = tag if lang_side(tag) == want else \
            zh_variety_tag(raw) if want == "zh" and raw else None
        out.append(None if tag in (None, default) else tag)
    return out[0], out[1]


def _header_source(header: Sequence[str], cols: list[str]) -> str | None:
    """``zh`` or ``en``: the language of the column the header names the source with its
    language (``Source (en-US)``, or the other side's when it names the target so:
    ``Target (zh-CN)``); None when it names no side."""
    from tm.text.lang import column_side
    for cell, col in zip(header, cols):
        said = column_side(cell) if col in ("zh", "en") else None
        if said:
            return col if said == "source" else "en" if col == "zh" else "zh"
    return None


def _rows(cols, header, numbered, *, name, check, skipped, line=1):
    """Units of the numbered rows ``(line, cells)``, oriented and checked (see module doc);
    ``line``: the header's."""
    fc = FileCheck(name, skipped, check=check)
    head: list = []
    rest = iter(numbered)
    if "src" in cols:
        for item in rest:
            head.append(item)
            if len(head) >= ORIENT_ROWS:
                break
    cols, source = _orient(cols, head, name=name, header_line=line)
    if source is None:              # Source (en-US) / Target (zh-CN): the header says the direction
        source = _header_source(header, cols)
    tags = _tags(header, cols)
    fc.saw(tags[0] or ZH)
    fc.saw(tags[1] or EN)
    for line, cells in chain(head, rest):
        unit = _unit(cols, cells, name=name, line=line, check=check, fc=fc, source=source, tags=tags)
        if unit is not None:
            yield unit
    fc.finish(tags[0], tags[1])


def _open(source, name, encoding, fn):
    with open_binary(source, name=name) as (fh, name):
        yield from fn(fh, name=name, encoding=encoding)


# --- TSV -----------------------------------------------------------------

_TSV_ESC = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}
_TSV_UNESC = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "0": "\x00"}


def tsv_escape(text: str) -> str:
    if any(ch in text for ch in _TSV_ESC):
        return "".join(_TSV_ESC.get(ch, ch) for ch in text)
    return text


def tsv_unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _TSV_UNESC:
            out.append(_TSV_UNESC[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read_tsv(source: str | Path | BinaryIO, *, name: str | None = None,
             encoding: str | None = None, check: bool = True,
             skipped: Skipped | None = None) -> Iterator[TranslationUnit]:
    """Stream the units of a TSV file (path or binary file object).

    ``check=False`` keeps pairs :func:`~tm.formats.common.check_pair` would refuse (QA
    reports an untranslated target as a finding instead)."""
    yield from _open(source, name, encoding, partial(_read_tsv, check=check, skipped=skipped))


def _read_tsv(fh, *, name, encoding, check=True, skipped=None):
    lines = enumerate(_text_lines(fh, name=name, encoding=encoding), 1)
    for _, first in lines:
        header = first.rstrip("\r\n").split("\t")
        break
    else:
        raise InputError("empty file", path=name)
    cols = _columns(header, name=name)
    numbered = ((number, [tsv_unescape(unneutralise(c)) for c in line.rstrip("\r\n").split("\t")])
                for number, line in lines if line.strip())
    yield from _rows(cols, header, numbered, name=name, check=check, skipped=skipped)


def _cells(unit: TranslationUnit, fields: Sequence[str], extra: tuple = ()) -> list[str]:
    """The row of ``unit``: zh, en, ``fields``, then the ``extra`` columns (see module doc)."""
    zh, en, codes = unit.zh, unit.en, None
    if CODES_COLUMN not in extra:
        if unit.codes:
            raise ToolError(f"unit {unit.key}: its inline codes need the {CODES_COLUMN} column")
    elif unit.codes or C.has_codes(zh) or C.has_codes(en):   # without the column: characters as they are
        zh, en = to_cell(zh), to_cell(en)
        codes = json.dumps(unit.codes or {}, ensure_ascii=False, sort_keys=True)   # as stored
    cells = [zh, en]
    dates = dict(zip(("created", "changed"), known_dates(unit))) if unit.meta else None
    for f in fields:
        if f in FIELDS:
            value = dates[f] if dates and f in dates else getattr(unit, f)
            value = fmt_float(value) if f == "confidence" and value is not None else value
        else:
            value = unit.props.get(f)
        cells.append("" if value is None else str(value))
    for column in extra:
        if column == CODES_COLUMN:
            cells.append(codes or "")
        elif column == SRCLANG_COLUMN:
            cells.append(unit.srclang or "")
        else:
            tag = unit.zh_lang if column == TAG_COLUMNS[0] else unit.en_lang
            cells.append(tag or (ZH if column == TAG_COLUMNS[0] else EN))
    return cells


def _extra(codes: bool, tags: bool, srclang: bool = False) -> tuple:
    return ((CODES_COLUMN,) if codes else ()) + (TAG_COLUMNS if tags else ()) + \
        ((SRCLANG_COLUMN,) if srclang else ())


def _header(fields: Sequence[str], zh_tag: str, en_tag: str, extra: tuple) -> list[str]:
    return [zh_tag, en_tag, *fields, *extra]


def write_tsv(units: Iterable[TranslationUnit], out: TextIO, *,
              fields: Sequence[str] = (), zh_tag: str = ZH, en_tag: str = EN,
              codes: bool = False, tags: bool = False, srclang: bool = False) -> int:
    """Header ``zh-CN<TAB>en`` (the tags ``zh_tag``/``en_tag``; plus ``fields``, and
    the ``inline-codes`` column with ``codes``, ``tag-zh``/``tag-en`` with ``tags``,
    ``srclang`` with ``srclang``: see the module doc), then one unit a line. A unit with inline codes needs ``codes``
    (:class:`ToolError` without)."""
    extra = _extra(codes, tags, srclang)
    out.write("\t".join(_header(fields, zh_tag, en_tag, extra)) + "\n")
    count = 0
    batch: list[str] = []
    for unit in units:
        batch.append("\t".join(neutralise(tsv_escape(c)) for c in _cells(unit, fields, extra)) + "\n")
        count += 1
        if len(batch) >= 1024:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))
    return count


# --- CSV -----------------------------------------------------------------

def neutralise(cell: str) -> str:
    """Prefix an apostrophe so a spreadsheet shows ``cell`` as text (see module doc)."""
    if cell and (cell[0] in _FORMULA or
                 (cell[0] == "'" and len(cell) > 1 and (cell[1] in _FORMULA or cell[1] == "'"))):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise` exactly."""
    if len(cell) > 1 and cell[0] == "'" and (cell[1] in _FORMULA or cell[1] == "'"):
        return cell[1:]
    return cell


def read_csv(source: str | Path | BinaryIO, *, name: str | None = None,
             encoding: str | None = None, check: bool = True,
             skipped: Skipped | None = None) -> Iterator[TranslationUnit]:
    """Stream the units of a CSV file (path or binary file object); ``check`` and
    ``skipped`` as for TSV."""
    yield from _open(source, name, encoding, partial(_read_csv, check=check, skipped=skipped))


def _csv_records(reader, *, name):
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", path=name, line=start) from None
        yield start, row


def _read_csv(fh, *, name, encoding, check=True, skipped=None):
    records = _csv_records(csv.reader(_text_lines(fh, name=name, encoding=encoding), strict=True),
                           name=name)
    for _, header in records:
        break
    else:
        raise InputError("empty file", path=name)
    cols = _columns(header, name=name)
    numbered = ((start, [unneutralise(c) for c in row]) for start, row in records
                if row and not (len(row) == 1 and not row[0].strip()))
    yield from _rows(cols, header, numbered, name=name, check=check, skipped=skipped)


# --- Excel ---------------------------------------------------------------

def read_xlsx(source: str | Path | BinaryIO, *, name: str | None = None,
              encoding: str | None = None, check: bool = True,
              skipped: Skipped | None = None) -> Iterator[TranslationUnit]:
    """Stream the units of an Excel workbook (.xlsx): each of its tables
    (:func:`tm.formats.workbook.find_tables`: a visible sheet with a header as TSV/CSV have
    one, title rows above it left out) read by the TSV/CSV rules, row by row; errors name
    the file, sheet and row. ``encoding`` is not used (a workbook's text is Unicode)."""
    yield from _open(source, name, None, partial(_read_xlsx, check=check, skipped=skipped))


def _is_header(cells: list[str]) -> bool:
    try:
        _columns(cells, name="")
    except InputError:
        return False
    return True


def _read_xlsx(fh, *, name, encoding=None, check=True, skipped=None):
    from tm.formats.textio import read_bounded
    from tm.formats.workbook import find_tables, in_sheet, no_table, read_workbook

    sheets = read_workbook(read_bounded(fh, name=name), name=name, fill_down=True)
    tables = find_tables(sheets, name=name, is_header=_is_header, skipped=skipped)
    if not tables:
        raise no_table(sheets, name=name, what="a Chinese and an English column",
                       accepted="language tags (zh-CN, en-US), Chinese/English, 中文/英文, "
                                "or source/target, 原文/译文 (languages told from the text)")
    for table in tables:
        sheet, at = table.sheet, table.header
        sheet.check_saved(name, range(at + 2, len(sheet.rows) + 1))
        header = list(sheet.rows[at])
        kept = skipped if skipped is None or len(tables) == 1 else skipped.within(sheet.label())
        if sheet.errors and skipped is not None:
            kept.remark(sheet.errors_remark())
        cols = _columns(header, name=name, line=at + 1)
        numbered = ((line, [unneutralise(c) for c in cells[:len(cols)]] + _beyond(cells, len(cols)))
                    for line, cells in table.body(len(cols)))
        yield from in_sheet(_rows(cols, header, numbered, name=name, check=check, skipped=kept,
                                  line=at + 1), name=name, sheet=sheet)


def _beyond(cells: list[str], width: int) -> list[str]:
    """The cells of a row right of the header's last column that hold text: a row with more
    cells than its header, refused as in a TSV file (empty ones are formatting)."""
    return [c for c in cells[width:] if c.strip()]


def write_csv(units: Iterable[TranslationUnit], out: TextIO, *,
              fields: Sequence[str] = (), zh_tag: str = ZH, en_tag: str = EN,
              codes: bool = False, tags: bool = False, srclang: bool = False) -> int:
    """RFC 4180 CSV: header ``zh-CN,en`` (tags, ``fields`` and extra columns as for
    :func:`write_tsv`), then one record per unit."""
    extra = _extra(codes, tags, srclang)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(_header(fields, zh_tag, en_tag, extra))
    count = 0
    for unit in units:
        cells = _cells(unit, fields, extra)
        if any("\x00" in c for c in cells):
            raise ToolError(f"unit {unit.key or count + 1}: NUL characters cannot be "
                            f"written to CSV")
        writer.writerow([neutralise(c) for c in cells])
        count += 1
    return count
