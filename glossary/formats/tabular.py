"""CSV / TSV glossaries and OmegaT's tab-separated glossary format.

Reading (``read_tabular``):

* CSV (``.csv``, comma) or TSV (``.tsv``, tab; other extensions: sniffed from the
  first line) with a header row. The Chinese column is named ``zh`` / ``chinese`` or
  a language tag starting with ``zh`` (``zh-CN``, ``zh-Hans``); the English column
  ``en`` / ``english`` or a tag starting with ``en`` (``en-US``). Optional columns:
  ``forbidden``, ``note``, ``kind``, ``source``, ``status``, ``pinyin``,
  ``definition``, ``parts``. Any other column is an error.
* Several approved renderings: several rows with the same ``zh`` (merged), or
  ``|``-separated in one cell (also for ``forbidden`` and ``parts``).
* An OmegaT glossary (``.txt`` / ``.utf8`` without a recognised header):
  ``source<TAB>target<TAB>comment``, ``#`` lines are comments.
* Errors name the file and line: malformed quoting, a row with more or fewer cells
  than the header, an empty term, unknown column, bad status or kind.
* A cell that the writer neutralised for spreadsheets (``'=…``) is read back as ``=…``.

Writing: ``write_csv`` / ``write_tsv`` (header ``zh, pinyin, en, forbidden, kind,
status, note, source``; lists ``|``-separated; cells starting with ``= + - @`` (or a
tab/CR) prefixed with ``'`` so spreadsheets do not run them as formulas) and
``write_omegat`` (no header, one line per approved rendering, comment = pinyin, kind,
note, forbidden renderings). Rows are sorted by ``zh``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from tm import neutralise as tm_neutralise, unneutralise

from glossary.errors import InputError
from glossary.models import KINDS, STATUSES, Entry

_ZH_NAMES = {"zh", "chinese", "中文", "term_zh", "zh_term"}
_EN_NAMES = {"en", "english", "英文", "term_en", "en_term"}
_OPTIONAL = ("forbidden", "note", "kind", "source", "status", "pinyin", "definition", "parts")
COLUMNS = ("zh", "pinyin", "en", "forbidden", "kind", "status", "note", "source")
_FREE_TEXT = ("note", "source")     # written as they are: line breaks are quoted, not lost


def _column_role(name: str) -> str | None:
    key = name.strip().lower().replace(" ", "_")
    if key in _ZH_NAMES or key.startswith("zh-") or key.startswith("zh_"):
        return "zh"
    if key in _EN_NAMES or key.startswith("en-") or key.startswith("en_"):
        return "en"
    if key in _OPTIONAL:
        return key
    return None


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _unneutralise(cell: str) -> str:
    return unneutralise(cell)


def _decode(p: Path) -> str:
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=str(p), line=line) from None
    if "\x00" in text:     # no term holds a NUL; XML exports could not carry it
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("NUL byte in text (is this a binary or UTF-16 file?)", path=str(p), line=line)
    return text


def read_tabular(path: str | Path, *, default_status: str = "approved",
                 text: str | None = None) -> list[Entry]:
    """Entries of a CSV, TSV or OmegaT glossary file (see the module doc); ``text``: its
    content already read and decoded (the path then only names it)."""
    p = Path(path)
    text = _decode(p) if text is None else text
    ext = p.suffix.lower()
    first = text.split("\n", 1)[0]
    delimiter = "," if ext == ".csv" else "\t" if ext in (".tsv", ".txt", ".utf8", ".tab") \
        else ("\t" if "\t" in first else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"malformed header: {exc}", path=str(p), line=1) from None
    if header is None:
        raise InputError("empty file", path=str(p))
    roles = [_column_role(h) for h in header]
    omegat = ext in (".txt", ".utf8") and "zh" not in roles
    if omegat:
        return _read_omegat(p, text, default_status)
    unknown = [h for h, r in zip(header, roles) if r is None]
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r} (expected zh, en, "
                         f"{', '.join(_OPTIONAL)})", path=str(p), line=1)
    for needed in ("zh", "en"):
        if roles.count(needed) != 1:
            raise InputError(f"the header must name exactly one {needed} column "
                             f"(found {roles.count(needed)})", path=str(p), line=1)
    if len(set(roles)) != len(roles):
        raise InputError("duplicate column in header", path=str(p), line=1)
    out = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"malformed {ext.lstrip('.') or 'CSV'} row: {exc}", path=str(p),
                             line=reader.line_num) from None
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} cells, found {len(row)}", path=str(p),
                             line=line)
        cells = {r: _unneutralise(c.strip()) for r, c in zip(roles, row)}
        out.append(_entry(cells, p, line, default_status))
    if not out:
        raise InputError("no entries found", path=str(p))
    return out


def _entry(cells: dict[str, str], p: Path, line: int, default_status: str) -> Entry:
    zh = cells.get("zh", "")
    if not zh:
        raise InputError("empty Chinese term", path=str(p), line=line)
    approved, forbidden = _split(cells.get("en", "")), _split(cells.get("forbidden", ""))
    if not approved and not forbidden:
        raise InputError(f"empty English term for {zh}", path=str(p), line=line)
    status = cells.get("status") or default_status
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})",
                         path=str(p), line=line)
    kind = cells.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})",
                         path=str(p), line=line)
    return Entry(zh=zh, pinyin=cells.get("pinyin", ""), approved=approved, forbidden=forbidden,
                 kind=kind, note=cells.get("note") or None,
                 definition=cells.get("definition") or None, source=cells.get("source") or None,
                 status=status, parts=_split(cells.get("parts", "")))


def _read_omegat(p: Path, text: str, default_status: str) -> list[Entry]:
    out = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise InputError("expected source<TAB>target[<TAB>comment]", path=str(p),
                             line=line_no)
        zh, en = cells[0].strip(), cells[1].strip()
        if not zh:
            raise InputError("empty Chinese term", path=str(p), line=line_no)
        if not en:
            raise InputError(f"empty English term for {zh}", path=str(p), line=line_no)
        comment = "\t".join(cells[2:]).strip() or None
        out.append(Entry(zh=zh, approved=[en], note=comment, status=default_status))
    if not out:
        raise InputError("no entries found", path=str(p))
    return out


# --------------------------------------------------------------------------- writing

def neutralise(cell: str) -> str:
    """The formula rule of both tools (:func:`tm.formats.tabular.neutralise`)."""
    return tm_neutralise(cell)


def _rows(entries: Iterable[Entry]) -> list[list[str]]:
    rows = []
    for e in sorted(entries, key=lambda e: e.zh):
        values = {"zh": e.zh, "pinyin": e.pinyin, "en": " | ".join(e.approved),
                  "forbidden": " | ".join(e.forbidden), "kind": e.kind or "",
                  "status": e.status, "note": e.note or "", "source": e.source or ""}
        rows.append([neutralise(values[c] if c in _FREE_TEXT else " ".join(values[c].split()))
                     for c in COLUMNS])
    return rows


def _write(entries: Iterable[Entry], delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(entries))
    return buf.getvalue()


def write_csv(entries: Iterable[Entry]) -> str:
    """The term base as CSV text (header row, sorted, formula-safe)."""
    return _write(entries, ",")


def write_tsv(entries: Iterable[Entry]) -> str:
    """The term base as TSV text (header row, sorted, formula-safe)."""
    return _write(entries, "\t")


def omegat_comment(entry: Entry) -> str:
    parts = [entry.pinyin] if entry.pinyin else []
    if entry.kind:
        parts.append(entry.kind)
    if entry.note:
        parts.append(entry.note)
    if entry.forbidden:
        parts.append("not: " + ", ".join(entry.forbidden))
    return " · ".join(" ".join(p.split()) for p in parts)


def write_omegat(entries: Iterable[Entry]) -> str:
    """OmegaT glossary text: ``source<TAB>target<TAB>comment``, no header, one line per
    approved rendering (entries without one are skipped). Save as ``.txt`` or ``.utf8``."""
    lines = []
    for e in sorted(entries, key=lambda e: e.zh):
        for en in e.approved:
            lines.append(f"{e.zh}\t{' '.join(en.split())}\t{omegat_comment(e)}".rstrip("\t"))
    return "".join(line + "\n" for line in lines)
