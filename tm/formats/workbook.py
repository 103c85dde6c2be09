"""Excel workbooks (.xlsx): the one reader of their cells, its rule for finding a table
in them, and a writer.

Reading (:func:`read_workbook`; openpyxl in read-only mode, so a sheet is parsed as its rows
are asked for): every sheet, each row at its Excel number (``rows[0]`` is row 1), each cell
as text:

* text as it is; a number as its value, not its display format (``3``, not ``3.0``;
  ``0.5`` where the sheet shows ``50%``); a date in ISO 8601; ``TRUE``/``FALSE``;
* a formula: the result the program that saved the workbook computed and saved with it
  (Excel, LibreOffice and WPS always do). A formula saved without a result (a workbook a
  script wrote and nobody opened) is listed in :attr:`Sheet.unsaved`: its text cannot be
  known, and a reader of that sheet refuses it (:meth:`Sheet.check_saved`); a formula
  error (``#N/A``, ``#REF!``) reads as empty and is listed in :attr:`Sheet.errors`;
* a merged cell: its value in its top-left cell, the others empty; with ``fill_down`` a
  range spanning several rows gives its value to each of them in its first column (a term
  written once beside its several renderings, one a row);
* hidden rows and columns are read, as Excel's own "Save as CSV" writes them; a hidden
  sheet is read and marked :attr:`Sheet.hidden`.

openpyxl's read-only mode does not report merged ranges nor which cells hold formulas: one
more streaming pass over each sheet's XML (lxml, entities off) collects them. Before either
parses anything every XML part's prolog goes through :func:`tm.formats.xmlguard.guard_zip_parts`
(a DOCTYPE declaring entities is refused), and everything openpyxl raises while it reads,
a sheet parsed lazily included, becomes one :class:`InputError` naming the file and sheet.

Tables (:func:`find_tables`, the rule of ``tm import`` and ``glossary import``): a sheet is
a table when one of its first :data:`HEADER_ROWS` non-empty rows is a header the caller
accepts; rows above it (a title, a date, a client's name) are left out. Hidden sheets
are left out (lists behind a drop-down, a previous version), and so are sheets without
such a header (instructions, a change log), each named in a remark. Errors in a table are
named by file, sheet and row (:func:`in_sheet`).

Writing (:func:`write_workbook`): one sheet per table, every cell a string (never a
formula, whatever its first character), the header row bold and frozen; byte-stable
(fixed document dates and zip times).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tm.errors import InputError

HEADER_ROWS = 10        # non-empty rows of a sheet in which its header is looked for
MAX_UNPACKED = 256 * 2**20     # bytes a workbook's parts may unpack to (as tm.formats.textio.MAX_DOCUMENT)


@dataclass
class Sheet:
    """One sheet: ``rows[i]`` is row ``i + 1``, its cells from column A, as text (trailing
    empty cells left off)."""

    title: str
    rows: list[list[str]] = field(default_factory=list)
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # min_row, min_col, max_row, max_col
    unsaved: list[tuple[int, str]] = field(default_factory=list)     # (row, cell) of formulas without a result
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, cell, "#N/A")

    def label(self) -> str:
        return f"sheet {self.title!r}"

    def errors_remark(self) -> str:
        """The cells holding a formula's error, for a remark to the person."""
        shown = ", ".join(f"{cell} ({value})" for _, cell, value in self.errors[:8])
        return f"cells holding a formula's error read as empty: {shown}" + (
            ", …" if len(self.errors) > 8 else "")

    def check_saved(self, name: str, rows: range | None = None) -> None:
        """:class:`InputError` for a formula without a saved result (in ``rows``, 1-based
        row numbers, when given)."""
        for row, cell in self.unsaved:
            if rows is None or row in rows:
                raise InputError(f"cell {cell} is a formula saved without its result (a workbook "
                                 "written by a program that does not calculate): open it in Excel "
                                 "or LibreOffice and save it again", path=sheet_place(name, self, row))


def sheet_place(name: str, sheet: Sheet, row: int | None = None) -> str:
    """``terms.xlsx, sheet 'Terms', row 5``: a place in a workbook, for a message."""
    return f"{name}, {sheet.label()}" + (f", row {row}" if row else "")


def library_error(exc: Exception) -> str:
    """What a library raised, on one line (openpyxl's messages run over several)."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def read_workbook(data: bytes, *, name: str, fill_down: bool = False,
                  max_rows: int | None = None) -> list[Sheet]:
    """The sheets of the .xlsx file ``data`` (see the module doc); ``max_rows``: only that
    many rows of each (a look at the headers)."""
    import openpyxl

    from tm.formats.xmlguard import guard_zip_parts

    _check_zip(data, name=name)
    guard_zip_parts(data, name=name, label="workbook")
    # openpyxl warns of what it drops (data validation, drawings, print areas): parts of a
    # workbook this tool never reads, not news for its user (a Python warning on stderr)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:     # openpyxl raises many kinds for damaged files
            raise InputError(f"cannot read as .xlsx ({library_error(exc)})", path=name) from None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return [_read_sheet(sheet, z, name=name, fill_down=fill_down, max_rows=max_rows)
                        for sheet in book.worksheets]
        finally:
            book.close()


def _check_zip(data: bytes, *, name: str) -> None:
    """A zip holding a workbook, unpacking to no more than :data:`MAX_UNPACKED` bytes."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        what = "a legacy Excel file (.xls: save it as .xlsx)" if data.startswith(b"\xd0\xcf\x11\xe0") \
            else "a damaged zip file" if data.startswith(b"PK") else "not a zip file"
        raise InputError(f"not an Excel workbook (.xlsx): {what}", path=name) from None
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else "a zip file of another kind"
        raise InputError(f"not an Excel workbook (.xlsx): {what}", path=name)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:      # a few MB of zip can unpack to gigabytes
        raise InputError(f"its parts unpack to {unpacked / 2**20:,.0f} MB: larger than "
                         f"{MAX_UNPACKED // 2**20} MB, not a workbook this tool reads whole", path=name)


def _read_sheet(sheet, z: zipfile.ZipFile, *, name: str, fill_down: bool,
                max_rows: int | None) -> Sheet:
    out = Sheet(sheet.title, hidden=getattr(sheet, "sheet_state", "visible") != "visible")
    part = getattr(sheet, "_worksheet_path", "")
    try:
        sheet.reset_dimensions()        # a producer's <dimension> may be wrong: read every row and cell
        for number, cells in enumerate(sheet.iter_rows(min_row=1, min_col=1, max_row=max_rows), 1):
            row = []
            for cell in cells:
                if getattr(cell, "data_type", None) == "e":
                    out.errors.append((number, cell.coordinate, str(cell.value)))
                    row.append("")
                else:
                    row.append(cell_text(cell.value))
            while row and not row[-1]:
                row.pop()
            out.rows.append(row)
        formulas, merged = _scan(z, part) if part and max_rows is None else ({}, [])
    except InputError:
        raise
    except Exception as exc:     # ParseError, ValueError, KeyError… from openpyxl's reader
        what = (f"not well-formed XML: {' '.join(str(exc).split())}"
                if isinstance(exc, SyntaxError) else library_error(exc))
        raise InputError(f"damaged workbook: {out.label()}" + (f" ({part})" if part else "")
                         + f": {what}", path=name) from None
    out.merged = merged
    out.unsaved = sorted((row, cell) for cell, (row, saved) in formulas.items() if not saved)
    if fill_down:
        for min_row, min_col, max_row, max_col in merged:
            if max_row > min_row and min_row <= len(out.rows):
                top = out.rows[min_row - 1]
                value = top[min_col - 1] if min_col <= len(top) else ""
                for r in range(min_row, min(max_row, len(out.rows))):
                    row = out.rows[r]
                    row.extend([""] * (min_col - len(row)))
                    if not row[min_col - 1]:
                        row[min_col - 1] = value
    return out


def cell_text(value) -> str:
    """A cell's value as text (see the module doc)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _scan(z: zipfile.ZipFile, part: str) -> tuple[dict[str, tuple[int, bool]], list[tuple]]:
    """The formula cells of a sheet's XML part (cell -> (row, has a saved result)) and its
    merged ranges, in one streaming pass (rows cleared as they end)."""
    from lxml import etree
    from openpyxl.utils.cell import coordinate_from_string, range_boundaries

    formulas: dict[str, tuple[int, bool]] = {}
    merged = []
    with z.open(part) as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=("{*}c", "{*}row", "{*}mergeCell"),
                                     resolve_entities=False, no_network=True, load_dtd=False,
                                     huge_tree=False):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "c":
                children = {c.tag.rsplit("}", 1)[-1]: c for c in el if isinstance(c.tag, str)}
                if "f" in children and el.get("r"):
                    # saved: a value, or an empty text result (t="str"); openpyxl writes <v></v>
                    value = children.get("v")
                    saved = value is not None and (bool(value.text) or el.get("t") == "str")
                    formulas[el.get("r")] = (coordinate_from_string(el.get("r"))[1], saved)
            elif tag == "row":
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            elif el.get("ref"):
                min_col, min_row, max_col, max_row = range_boundaries(el.get("ref"))
                merged.append((min_row, min_col, max_row, max_col))
    return formulas, merged


# --------------------------------------------------------------------------- tables

@dataclass
class Table:
    """A sheet read as a table: its header at ``rows[header]`` (0-based)."""

    sheet: Sheet
    header: int

    def body(self, width: int) -> Iterator[tuple[int, list[str]]]:
        """The non-empty rows after the header, ``(row number, cells)``, each padded with
        empty cells to ``width`` (a row's trailing empty cells are not stored)."""
        for i in range(self.header + 1, len(self.sheet.rows)):
            cells = self.sheet.rows[i]
            if any(c.strip() for c in cells):
                yield i + 1, cells + [""] * (width - len(cells))


def find_tables(sheets: Sequence[Sheet], *, name: str, is_header: Callable[[list[str]], bool],
                skipped=None, what: str = "a Chinese and an English column") -> list[Table]:
    """The tables of a workbook (see the module doc), remarks on the sheets left out given
    to ``skipped`` (a :class:`tm.models.Skipped`); ``[]`` when no sheet has a header
    ``is_header`` accepts (the caller decides: refuse, or read a sheet without one)."""
    tables, left = [], []
    for sheet in sheets:
        filled = [i for i, row in enumerate(sheet.rows) if any(c.strip() for c in row)]
        if not filled:
            continue                         # an empty sheet: nothing left out
        if sheet.hidden:
            left.append(f"{sheet.label()} left out: a hidden sheet")
            continue
        header = next((i for i in filled[:HEADER_ROWS] if is_header(sheet.rows[i])), None)
        if header is None:
            left.append(f"{sheet.label()} left out: no header naming {what} in its first "
                        f"{HEADER_ROWS} rows")
        else:
            tables.append(Table(sheet, header))
    if tables and skipped is not None:
        for remark in left:
            skipped.remark(remark)
    return tables


def no_table(sheets: Sequence[Sheet], *, name: str, what: str, accepted: str) -> InputError:
    """The refusal of a workbook none of whose visible sheets has a header naming ``what``."""
    shown = [s for s in sheets if not s.hidden and any(s.rows)]
    firsts = "; ".join(f"{s.label()} starts {', '.join(repr(c) for c in next(r for r in s.rows if any(r))[:4])}"
                       for s in shown[:3])
    return InputError(f"no sheet has a header naming {what} in its first {HEADER_ROWS} rows"
                      + (f" ({firsts})" if firsts else " (no visible sheet holds anything)")
                      + f"; the columns this reader knows: {accepted}", path=name)


def in_sheet(items: Iterable, *, name: str, sheet: Sheet) -> Iterator:
    """``items`` as they come; an :class:`InputError` about ``name`` raised while they are
    read is told again with the sheet and row (``terms.xlsx, sheet 'Terms', row 5: …``)."""
    try:
        yield from items
    except InputError as err:
        if err.path != name:
            raise
        raise InputError(err.message, path=sheet_place(name, sheet, err.line)) from None


# --------------------------------------------------------------------------- writing

_EPOCH = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_workbook(tables: Iterable[tuple[str, Sequence[str], Iterable[Sequence[str]]]]) -> bytes:
    """An .xlsx file of one sheet per ``(title, header, rows)``, every cell a string (see the
    module doc)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "zhen-tm"
    bold = Font(bold=True)
    for title, header, rows in tables:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"

        def cells(values, font=None):
            out = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"             # text, never a formula ("=…" included)
                if font is not None:
                    cell.font = font
                out.append(cell)
            return out

        sheet.append(cells(header, bold))
        for row in rows:
            sheet.append(cells(row))
    book.properties.created = book.properties.modified = _EPOCH
    buf = io.BytesIO()
    book.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The zip ``data`` again with every part dated 1980-01-01 and the document's dates
    fixed, so that the same table gives the same bytes."""
    import re

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
