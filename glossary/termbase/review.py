"""The spreadsheet round trip for candidates: export, a reviewer's decisions, import.

``glossary export --format csv --status candidate`` (or ``tsv``, or ``xlsx``: the same rows
in a workbook's sheet ``Review``) writes one row per candidate
with the rendering the memory used most (``en``), the others (``others``, with
counts), how often the term occurs, and an empty ``decision`` column.  A reviewer
fills ``decision`` with:

``approve``
    approve the entry with the rendering(s) in ``en`` (``|``-separated);
``edit``
    the reviewer rewrote ``en``: the entry is approved with exactly that rendering
    (the approved renderings are replaced);
``reject``
    the term is not a term (status ``rejected``; it stays out of later exports);
(empty)
    no decision yet: the row is left as it is.

The ``stored`` column holds the entry's own renderings when the sheet was written
(``approved: …; forbidden: …``, empty for most candidates). A row whose entry changed in
the term base since then (approved or rejected there, or its own renderings no longer the
ones the sheet saw) is not applied: the sheet's decision was made without knowing it, and a
person's later decision is never overridden by an older sheet (a sheet without the column
counts as having seen no renderings).

:func:`read_review` reads such a file (a workbook's first sheet whose header, in its first
rows, has ``decision``; problems then name the sheet and row) and :func:`apply_review` applies it in one
transaction.  Every problem (an unknown decision, a term listed twice, a term the
term base no longer has, an approval without a rendering, an entry changed since the
export) is reported with its file and line, and nothing is applied unless all rows can
be, or ``partial=True`` applies the good rows and reports the rest.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from tm import unneutralise

from glossary.errors import InputError
from glossary.formats.tabular import _decode, neutralise
from glossary.models import Entry
from glossary.termbase.store import Clock, _merge_all, entries_by_id, get_entries, transaction, usages, utc_now

DECISIONS = ("approve", "edit", "reject")
REVIEW_COLUMNS = ("zh", "pinyin", "en", "others", "count", "kind", "note", "stored", "decision")


@dataclass
class ReviewRow:
    line: int
    zh: str
    decision: str
    en: list[str]
    stored: str = ""            # the entry's own renderings as the sheet saw them
    sheet: str | None = None    # a workbook's sheet (``line`` is then its row)


@dataclass
class SheetData:
    """What the sheet shows of one candidate besides the entry: the memory's renderings,
    most used first, and the entry as the term base holds it (its own renderings)."""

    used: list = field(default_factory=list)
    stored: Entry | None = None


def stored_renderings(entry: Entry | None) -> str:
    """An entry's own renderings as the ``stored`` column writes them: ``approved: a | b;
    forbidden: c``, or empty."""
    if entry is None:
        return ""
    parts = [f"{label}: {' | '.join(values)}" for label, values in
             (("approved", entry.approved), ("forbidden", entry.forbidden)) if values]
    return " ".join("; ".join(parts).split())


@dataclass
class ReviewProblem:
    path: str
    line: int
    message: str
    sheet: str | None = None        # a workbook's sheet (``line`` is then its row)

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.path}, sheet {self.sheet!r}, row {self.line}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ReviewResult:
    approved: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    undecided: int = 0
    already: int = 0            # rows the term base already holds as decided (a sheet applied again)
    problems: list[ReviewProblem] = field(default_factory=list)
    applied: bool = False


def is_review_file(path: str | Path) -> bool:
    """A CSV/TSV whose header has a ``decision`` column, or a workbook with a sheet whose
    header (in its first rows) has one."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:       # the head only: /dev/zero or a huge file is not read whole
            head = fh.read(4096)
    except OSError:
        return False
    if head.startswith(b"PK\x03\x04"):
        try:
            return _review_table(p, header_only=True) is not None
        except InputError:
            return False                 # not a workbook this reader takes: glossary import says why
    lines = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    if not lines:
        return False
    delimiter = "\t" if "\t" in lines[0] else ","
    return "decision" in [c.strip().lower() for c in next(csv.reader(lines, delimiter=delimiter))]


def _review_table(p: Path, *, header_only: bool = False):
    """The sheet of a workbook whose header names a ``decision`` column and that header's
    index (:func:`tm.find_tables`), or None."""
    from tm import find_tables, open_binary, read_bounded, read_workbook

    with open_binary(p) as (fh, name):
        data = read_bounded(fh, name=name)
    sheets = read_workbook(data, name=str(p), max_rows=20 if header_only else None)
    tables = find_tables(sheets, name=str(p), what="a decision",
                         is_header=lambda row: "decision" in [c.strip().lower() for c in row])
    return (tables[0].sheet, tables[0].header) if tables else None


def review_rows(entries: list[Entry], data: dict[str, SheetData]) -> list[list[str]]:
    """The rows of a review sheet under :data:`REVIEW_COLUMNS` (sorted by ``zh``,
    formula-safe cells); ``data`` maps a term to its :class:`SheetData`
    (:func:`review_usage`)."""
    rows = []
    for e in sorted(entries, key=lambda e: e.zh):
        shown = data.get(e.zh, SheetData())
        renderings = shown.used
        if e.status == "candidate" and renderings:
            en = renderings[0].en            # the proposal: the rendering used most
        else:
            en = " | ".join(e.approved)
        others = " | ".join(f"{r.en} ×{r.count}" for r in renderings if r.en != en)
        count = str(sum(r.count for r in renderings))
        cells = [e.zh, e.pinyin, en, others, count, e.kind or "", e.note or "",
                 stored_renderings(shown.stored), ""]
        rows.append([neutralise(" ".join(c.split())) for c in cells])
    return rows


def write_review(entries: list[Entry], data: dict[str, SheetData], *, delimiter: str = ",") -> str:
    """Candidates as a review sheet in CSV (``delimiter`` ``,``) or TSV (:func:`review_rows`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    writer.writerows(review_rows(entries, data))
    return buf.getvalue()


def write_review_xlsx(entries: list[Entry], data: dict[str, SheetData]) -> bytes:
    """Candidates as a review sheet in an Excel workbook (one sheet, ``Review``)."""
    from tm import write_workbook
    return write_workbook([("Review", REVIEW_COLUMNS, review_rows(entries, data))])


def read_review(path: str | Path) -> tuple[list[ReviewRow], list[ReviewProblem], int]:
    """The decided rows of a review sheet (CSV, TSV or a workbook's sheet), the problems of
    its rows (file:line, or file, sheet and row), and how many rows have no decision."""
    p = Path(path)
    with open(p, "rb") as fh:
        zipped = fh.read(4) == b"PK\x03\x04"
    if zipped:
        found = _review_table(p)
        if found is None:
            raise InputError("no sheet has a header with zh, en and decision", path=str(p))
        sheet, at = found
        header = [c.strip().lower() for c in sheet.rows[at]]
        records = ((i + 1, row) for i, row in enumerate(sheet.rows) if i > at)
        return _review_rows(p, header, records, line=at + 1, sheet=sheet.title)
    text = _decode(p)
    lines = text.splitlines()
    if not lines:
        raise InputError("empty file: expected a header with zh, en and decision", path=str(p))
    delimiter = "\t" if "\t" in lines[0] else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [c.strip().lower() for c in next(reader)]
    return _review_rows(p, header, ((reader.line_num, record) for record in reader))


def _review_rows(p: Path, header: list[str], records, *, line: int = 1,
                 sheet: str | None = None) -> tuple[list[ReviewRow], list[ReviewProblem], int]:
    """:func:`read_review` of the rows ``(line, cells)`` after a header (at ``line``)."""
    for needed in ("zh", "en", "decision"):
        if needed not in header:
            message = f"no {needed!r} column (a review sheet needs zh, en and decision)"
            if sheet is not None:
                raise InputError(message, path=f"{p}, sheet {sheet!r}, row {line}")
            raise InputError(message, path=str(p), line=line)
    col = {name: header.index(name) for name in ("zh", "en", "decision", "stored") if name in header}
    rows: list[ReviewRow] = []
    problems: list[ReviewProblem] = []
    seen: dict[str, int] = {}
    undecided = 0

    def problem(line: int, message: str) -> None:
        problems.append(ReviewProblem(str(p), line, message, sheet))

    for line, record in records:
        if not any(c.strip() for c in record):
            continue
        cells = {k: unneutralise(record[i].strip()) if i < len(record) else "" for k, i in col.items()}
        cells.setdefault("stored", "")      # a sheet written before the column: it saw none
        zh, decision = cells["zh"], cells["decision"].lower()
        en = [x.strip() for x in cells["en"].split("|") if x.strip()]
        if not zh:
            problem(line, "empty zh")
            continue
        if zh in seen:
            problem(line, f"{zh}: listed twice (first on {'row' if sheet is not None else 'line'} {seen[zh]})")
            continue
        seen[zh] = line
        if not decision:
            undecided += 1
            continue
        if decision not in DECISIONS:
            problem(line, f"{zh}: unknown decision {cells['decision']!r} (expected {', '.join(DECISIONS)} or empty)")
            continue
        if decision in ("approve", "edit") and not en:
            problem(line, f"{zh}: {decision} needs a rendering in en")
            continue
        rows.append(ReviewRow(line, zh, decision, en, " ".join(cells["stored"].split()), sheet))
    return rows, problems, undecided


def apply_review(db: sqlite_utils.Database, path: str | Path, *, partial: bool = False,
                 clock: Clock = utc_now, who: str | None = None) -> ReviewResult:
    """Apply a reviewed sheet: all rows or none (``partial=True``: the good rows)."""
    rows, problems, undecided = read_review(path)
    result = ReviewResult(problems=problems, undecided=undecided)
    changes: list[tuple[ReviewRow, Entry]] = []
    with transaction(db) as conn:       # read inside: another writer's change just before is seen, not overwritten
        stored = get_entries(db, [row.zh for row in rows])
        for row in rows:
            entry = stored[row.zh]
            if entry is None:
                problems.append(ReviewProblem(str(path), row.line, f"{row.zh}: no longer in the term base",
                                              row.sheet))
                continue
            if _already(entry, row):
                result.already += 1
                continue
            changed = _changed_since_export(entry, row)
            if changed:
                problems.append(ReviewProblem(str(path), row.line, f"{row.zh}: {changed}; not applied",
                                              row.sheet))
                continue
            if row.decision == "reject":
                new = replace(entry, status="rejected")
            elif row.decision == "edit":
                new = replace(entry, status="approved", approved=list(row.en),
                              forbidden=[f for f in entry.forbidden if f not in row.en])
            else:
                approved = list(entry.approved) + [e for e in row.en if e not in entry.approved]
                new = replace(entry, status="approved", approved=approved)
            changes.append((row, new))
        problems.sort(key=lambda x: x.line)
        if problems and not partial:
            return result
        _merge_all(db, conn, [new for _, new in changes], clock(), replace_renderings=True, op="review", who=who)
    for row, _ in changes:
        {"approve": result.approved, "edit": result.edited, "reject": result.rejected}[row.decision].append(row.zh)
    result.applied = True
    return result


def _already(entry: Entry, row: ReviewRow) -> bool:
    """The term base holds the entry as the row decides it (the sheet applied before, with
    ``--partial`` perhaps, and imported again once its other rows were mended)."""
    if row.decision == "reject":
        return entry.status == "rejected"
    if entry.status != "approved":
        return False
    if row.decision == "edit":
        return list(entry.approved) == list(row.en)
    return all(e in entry.approved for e in row.en)


def _changed_since_export(entry: Entry, row: ReviewRow) -> str:
    """How the entry differs from what the sheet's row saw ('' when it does not): a sheet
    lists candidates only, each with its own renderings in ``stored``."""
    if entry.status == "approved":
        return f"approved in the term base since the export ({' | '.join(entry.approved) or '-'})"
    if entry.status == "rejected":
        return "rejected in the term base since the export"
    now = stored_renderings(entry)
    if now != row.stored:
        return (f"changed in the term base since the export (the sheet saw "
                f"{row.stored or 'no renderings of its own'}, now {now or 'none'})")
    return ""


def review_usage(db: sqlite_utils.Database, entries: list[Entry]) -> dict[str, SheetData]:
    """What the sheet shows of each entry besides its fields (for :func:`write_review`): the
    memory's renderings, most used first, and the entry as stored (an export's view of a
    candidate carries the memory's renderings in place of its own)."""
    used = usages(db, [e.id for e in entries])
    stored = {e.id: e for e in entries_by_id(db, [e.id for e in entries])}
    return {e.zh: SheetData(used=used.get(e.id, []), stored=stored.get(e.id)) for e in entries}
