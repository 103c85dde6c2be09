"""CSV / TSV glossaries and OmegaT's tab-separated glossary format.

Reading (``read_tabular``):

* Decoded as ``tm import`` decodes TSV/CSV (:func:`tm.decode_text`): UTF-8 or UTF-16
  with or without BOM, GB18030, Big5, … (one detector for both tools).
* CSV (``.csv``, comma) or TSV (``.tsv``, tab; other extensions: sniffed from the
  first line) with a header row. The Chinese column is named ``zh`` / ``chinese`` or
  a language tag starting with ``zh`` (``zh-CN``, ``zh_Hans``); the English column
  ``en`` / ``english`` or a tag starting with ``en`` (``en-US``); a name with its variety
  names the language too (``Chinese (Simplified)``, memoQ's ``Chinese_PRC`` and
  ``English_United_States``), while a tag or name with a field after it (memoQ's
  ``Chinese_PRC_Def``, Phrase's ``zh_cn_Note``) is that language's field, kept in the note;
  a side's or a language's name with a tag in brackets names the tag's language
  (``Source (en-US)``, ``Target (zh-CN)``, ``Term (zh-Hans)``). Optional columns:
  ``forbidden``, ``note``, ``kind``, ``source``, ``status``, ``pinyin``,
  ``definition``, ``parts``. Any other column (``pos``, ``description``…) is kept in
  the note as ``name: value``.
* A header ``source,target`` (Weblate) or no header at all (OmegaT, and OmegaT-style
  CSV; DeepL's ``term,term,EN,ZH``, whose language codes repeat on every line and are not
  kept): which column is Chinese is told from the text; the declared zh/en columns
  are checked against their text too. A file with no Chinese or no English column is
  refused. A CSV/TSV's first row with no Chinese in its Chinese column, where every other
  row has some, and not a term kept as it is (``API,API``), is a header of names this
  reader does not know: refused (OmegaT text files have no header: their first line is an
  entry).
* Several approved renderings: several rows with the same ``zh`` (merged), or
  ``|``-separated in one cell (also for ``forbidden`` and ``parts``). In OmegaT files a
  cell is one term, commas and ``|`` included, as OmegaT itself reads it
  (``GlossaryReaderTSV``: "Beijing, Tianjin and Hebei" is one target, which its glossary
  pane shows in quotes, since it lists a term's several targets with commas): several
  renderings are several lines, as ``write_omegat`` writes them.
* An OmegaT glossary (``.txt`` / ``.utf8`` / ``.tab``): ``source<TAB>target<TAB>comment``
  split on tabs only (no quoting: a term may start with ``"``), ``#`` lines are
  comments, in either direction.
* Rows with an empty Chinese or English term are skipped and counted (``skipped``),
  or an error without it (``glossary import --strict``).
* Errors name the file and line: malformed quoting, a row with more cells than the
  header, bad status or kind.
* A cell that the writer neutralised for spreadsheets (``'=…``) is read back as ``=…``.

Writing: ``write_csv`` / ``write_tsv`` / ``write_xlsx`` (header ``zh, pinyin, en, forbidden, kind,
status, note, source``; lists ``|``-separated; cells starting with ``= + - @`` (or a
tab/CR) prefixed with ``'`` so spreadsheets do not run them as formulas) and
``write_omegat`` (no header, one line per approved rendering, comment = pinyin, kind,
note, forbidden renderings). Rows are sorted by ``zh``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from tm import (ZH, Evidence, column_language, column_tag, decode_text, has_han, language_name, normalise_tag, side,
                unneutralise, zh_variety_tag)
from tm import neutralise as tm_neutralise

from glossary.errors import InputError
from glossary.models import KINDS, STATUSES, Entry

_OPTIONAL = ("forbidden", "note", "kind", "source", "status", "pinyin", "definition", "parts")
#: Other names people give the optional columns. (Not ``状态``, ``类别`` or ``词性``: their
#: values are a client's own words, not this tool's statuses and kinds; such a column is
#: kept in the note, as ``part of speech: n.``.)
_OPTIONAL_NAMES = {"notes": "note", "comment": "note", "comments": "note", "remarks": "note",
                   "备注": "note", "注释": "note", "说明": "note",
                   "拼音": "pinyin", "定义": "definition", "释义": "definition",
                   "deprecated": "forbidden", "禁用": "forbidden", "禁用译法": "forbidden",
                   "禁用译名": "forbidden", "禁用译文": "forbidden", "来源": "source", "出处": "source"}
COLUMNS = ("zh", "pinyin", "en", "forbidden", "kind", "status", "note", "source")
_FREE_TEXT = ("note", "source")     # written as they are: line breaks are quoted, not lost
_OMEGAT_EXT = (".txt", ".utf8", ".tab")
MIN_CHINESE = 0.1       # a column where fewer rows than this have a Chinese character is not Chinese


def _column_role(name: str) -> str | None:
    """``zh``/``en`` for a column naming its language (:func:`tm.column_language`: ``zh-CN``,
    ``Chinese``, ``中文``, ``English``, ``英文``…), the optional field a column names, else None."""
    language = column_language(name)
    if language in ("zh", "en"):
        return language
    key = " ".join(name.strip().lstrip("\ufeff").lower().split())
    if key.replace(" ", "_") in _OPTIONAL:
        return key.replace(" ", "_")
    return _OPTIONAL_NAMES.get(key)


def _header_roles(header: list[str]) -> list | None:
    """The roles of a header row's cells, or None when the row does not name a Chinese and an
    English column: each by its language (``zh``/``en``, optional columns by name), or the
    two sides of a translation (``source``/``target``, ``原文``/``译文``: ``term``, the languages
    told from the text), or one language and one side (``中文``/``译文``: the side is the
    other language). ``source`` beside named languages is where a term comes from."""
    roles = [_column_role(h) for h in header]
    if roles.count("zh") == 1 and roles.count("en") == 1:
        return roles
    if roles.count("zh") == 1 and roles.count("en") > 1:
        # one column a variety of English (en-US, en-GB; plain en once at most): each its own role
        tags = [_en_tag(h) for h, r in zip(header, roles) if r == "en"]
        if len(set(tags)) == len(tags):
            return [f"en@{_en_tag(h)}" if r == "en" and _en_tag(h) else r for h, r in zip(header, roles)]
    sides = [column_language(h) for h in header]
    sources = [i for i, s in enumerate(sides) if s == "source"]
    targets = [i for i, s in enumerate(sides) if s == "target"]
    if "zh" not in roles and "en" not in roles and len(sources) == 1 and len(targets) == 1:
        return ["term" if i in (sources[0], targets[0]) else r for i, r in enumerate(roles)]
    if roles.count("zh") + roles.count("en") == 1:
        named = [i for i in sources + targets if header[i].strip().lower() != "source"]
        if len(named) == 1:
            other = "en" if "zh" in roles else "zh"
            return [other if i == named[0] else r for i, r in enumerate(roles)]
    return None


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _decode(p: Path) -> str:
    """The text of the file at ``p``, decoded as ``tm import`` decodes TSV/CSV
    (:func:`tm.decode_text`: UTF-8/16 with or without BOM, GB18030, Big5…)."""
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    if not data.strip():
        raise InputError("empty file", path=str(p))
    return decode_text(data, name=str(p), newlines=False)[0]


_LF = re.compile(r"[^\n]*\n|[^\n]+$")                       # a line, as str.split("\n") has it
_ANY_END = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")    # as a file opened with newline=""


def _lines(text: str, pattern: re.Pattern) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time (io.StringIO would copy the
    text, four bytes a character)."""
    return (m.group() for m in pattern.finditer(text))


def _records(p: Path, text: str, delimiter: str, omegat: bool) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with their line numbers, one at a time (a reader makes several passes
    rather than hold every row); OmegaT text files are split on tabs only (no quoting: a
    term may start with a double quote) and skip ``#`` lines."""
    if omegat:
        for n, line in enumerate(_lines(text, _LF), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield n, line.rstrip("\n").rstrip("\r").split("\t")
        return
    reader = csv.reader(_lines(text, _ANY_END), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed {p.suffix.lower().lstrip('.') or 'CSV'} row: {exc}",
                             path=str(p), line=start) from None
        if row and any(c.strip() for c in row):
            yield start, row


def read_tabular(path: str | Path, *, default_status: str = "approved",
                 text: str | None = None, skipped=None) -> list[Entry]:
    """Entries of a CSV, TSV or OmegaT glossary file (see the module doc); ``text``: its
    content already read and decoded (the path then only names it).

    Rows with an empty Chinese or English term are counted in ``skipped`` (a
    :class:`tm.Skipped`) and left out; without it they are an error. The rows are read in
    passes over the text (the columns' languages, then the entries), never held: a file
    refused for its languages costs its text, not a list of its rows."""
    return list(iter_tabular(path, default_status=default_status, text=text, skipped=skipped))


def iter_tabular(path: str | Path, *, default_status: str = "approved",
                 text: str | None = None, skipped=None) -> Iterator[Entry]:
    """:func:`read_tabular`, one entry at a time (an error at any row, or a file without
    entries, raises when it is reached: a consumer writing them rolls back)."""
    p = Path(path)
    text = _decode(p) if text is None else text
    ext = p.suffix.lower()
    first = next((line for line in _lines(text, _LF) if line.strip()
                  and not line.lstrip().startswith("#")), "")
    delimiter = "," if ext == ".csv" else "\t" if ext in (".tsv", *_OMEGAT_EXT) \
        else ("\t" if "\t" in first else ",")
    split_tabs = ext in _OMEGAT_EXT
    yield from _table_entries(p, lambda: _records(p, text, delimiter, split_tabs),
                              omegat_file=split_tabs, default_status=default_status,
                              skipped=skipped)


def _table_entries(p: Path, records, *, omegat_file: bool, default_status: str,
                   skipped) -> Iterator[Entry]:
    """The entries of a table's rows: ``records()`` gives its non-empty rows ``(line,
    cells)`` afresh, header first (if it has one). The one column logic of CSV, TSV, OmegaT
    files and workbooks."""
    top = next(records(), None)
    if top is None:
        raise InputError("no entries found", path=str(p))
    header = top[1]
    roles = _header_roles(header)
    omegat = False
    codes = _language_code_columns(header, roles, records) if roles is not None else []
    if codes:                   # DeepL: no header, a language code beside each term
        roles = None
    if roles is None and not codes:
        named = [_column_role(h) for h in header]
        if "zh" in named or "en" in named:
            wrong = "zh" if named.count("zh") != 1 else "en"
            raise InputError(f"the header must name exactly one {wrong} column "
                             f"(found {named.count(wrong)})", path=str(p), line=top[0])
        omegat = True           # no header (OmegaT): term, term, comment

    def body() -> Iterator[tuple[int, list[str]]]:
        """The rows after the header (all of them without one), afresh."""
        rows = records()
        if not omegat:
            next(rows)
        return rows

    if roles is None and codes:
        omegat = True
    if omegat:
        width = max(len(r) for _, r in body())
        roles = ["term", "term"] + ["comment"] * (width - 2)
        roles = ["code" if i in codes else role for i, role in enumerate(roles)]
        header = [f"column {i + 1}" for i in range(width)]
    if len(set(r for r in roles if r not in (None, "term", "comment", "code"))) != \
            len([r for r in roles if r not in (None, "term", "comment", "code")]):
        raise InputError("duplicate column in header", path=str(p), line=top[0])
    roles = _orient(roles, header, body(), p)
    if omegat and not omegat_file:
        _unknown_header(body(), roles, p)
    zh_tag = _zh_tag(header[roles.index("zh")]) if "zh" in roles[:len(header)] else None
    en_tag = _en_tag(header[roles.index("en")]) if "en" in roles[:len(header)] else None
    if any(str(r).startswith("en@") for r in roles):
        if "en" not in roles:       # every English column names its variety: the first is "en"
            first = next(i for i, r in enumerate(roles) if str(r).startswith("en@"))
            en_tag = roles[first][3:]
            roles = ["en" if i == first else r for i, r in enumerate(roles)]
    found = False
    for line, row in body():
        if omegat or len(roles) > len(row) >= 2:   # trailing empty cells left out
            row = row + [""] * (len(roles) - len(row))
        elif len(row) != len(roles):
            raise InputError(f"expected {len(roles)} cells, found {len(row)}", path=str(p),
                             line=line)
        cells: dict[str, str] = {}
        extra = []
        for role, name, cell in zip(roles, header, row):
            cell = unneutralise(cell.strip())
            if role == "code":          # the term's language code (DeepL): the columns say it
                continue
            if role is None or role == "comment":
                if cell:
                    extra.append(cell if role == "comment" else f"{name.strip()}: {cell}")
            else:
                cells[role] = cell
        if extra:
            cells["note"] = "; ".join(([cells["note"]] if cells.get("note") else []) + extra)
        for entry in _entries(cells, p, line, default_status, skipped, omegat=omegat, zh_lang=zh_tag,
                              en_lang=en_tag):
            found = True
            yield entry
    if not found:
        raise InputError("no entries found", path=str(p))


def iter_workbook(data: bytes, *, name: str, default_status: str = "approved",
                  skipped=None) -> Iterator[Entry]:
    """The entries of an Excel workbook (.xlsx): each visible sheet whose header, in its first
    10 rows, names a Chinese and an English column as a CSV header does (titles above it left
    out; :func:`tm.find_tables`), read by the CSV rules (:func:`_table_entries`); a
    workbook with no such sheet and one visible sheet is read as a CSV without a header
    (the languages told from the text). Hidden sheets and sheets without a header are left
    out, named in remarks on ``skipped``. A term written once in a cell merged over several
    rows is the term of each row (its several renderings). Errors name the file, sheet and
    row; the skipped rows of a workbook with several tables are counted per sheet."""
    from tm import find_tables, in_sheet, no_table, read_workbook

    p = Path(name)
    sheets = read_workbook(data, name=str(p), fill_down=True)
    tables = [(t.sheet, t.header) for t in find_tables(
        sheets, name=str(p), skipped=skipped, is_header=lambda row: _header_roles(row) is not None)]
    if not tables:
        visible = [s for s in sheets if not s.hidden and any(any(c.strip() for c in r) for r in s.rows)]
        if len(visible) != 1:
            raise no_table(sheets, name=str(p), what="a Chinese and an English column",
                           accepted=_ACCEPTED)
        first = next(i for i, r in enumerate(visible[0].rows) if any(c.strip() for c in r))
        tables = [(visible[0], first)]       # no header: term, term, comment (as a CSV without one)
    for sheet, at in tables:
        sheet.check_saved(str(p), range(at + 1, len(sheet.rows) + 1))
        kept = skipped if skipped is None or len(tables) == 1 else skipped.within(sheet.label())
        if sheet.errors and skipped is not None:
            kept.remark(sheet.errors_remark())
        width = len(sheet.rows[at])

        def records(sheet=sheet, at=at, width=width):
            for i in range(at, len(sheet.rows)):
                cells = sheet.rows[i]
                if any(c.strip() for c in cells):
                    yield i + 1, (cells[:width] + [""] * (width - len(cells))
                                  + [c for c in cells[width:] if c.strip()])

        yield from in_sheet(_table_entries(p, records, omegat_file=False, default_status=default_status,
                                           skipped=kept), name=str(p), sheet=sheet)


def _language_code_columns(header: list[str], roles: list, records) -> list[int]:
    """The columns of a first row read as a header whose language cells are language codes
    that every row below repeats (DeepL's glossary CSV: no header, ``term,term,EN,ZH`` on
    every line): that row is an entry, and those columns say each term's language. Empty
    when the row is a header (a row below has another value there). A file of that one row
    is DeepL's glossary of one entry when the row has DeepL's shape, two terms and the two
    codes (a header-only file of that shape names its two columns, ``source,target,zh,en``,
    and is refused as before: neither is Chinese)."""
    named = [i for i, r in enumerate(roles) if r in ("zh", "en")]
    if len(named) != 2 or named[0] < 2 or any(column_tag(header[i]) is None for i in named):
        return []
    rows = records()
    next(rows)
    seen = False
    for _, row in rows:
        if any(i >= len(row) or row[i].strip().casefold() != header[i].strip().casefold() for i in named):
            return []
        seen = True
    return named if seen or (named == [2, 3] and len(header) == 4 and header[0].strip() and header[1].strip()) \
        else []


def _orient(roles: list, header: list[str], body, p: Path) -> list:
    """Roles with the two ``term`` columns named ``zh``/``en`` from their text, and the
    declared zh/en columns checked against theirs (a contradiction is an error)."""
    cols = [i for i, r in enumerate(roles) if r in ("term", "zh", "en")][:2]
    evidence = {i: Evidence() for i in cols}
    for line, row in body:
        for i in cols:
            if i < len(row):
                evidence[i].add(row[i], line)

    def chinese(i):
        ev = evidence[i]
        return ev.total and ev.share("zh") + ev.share("mixed") >= MIN_CHINESE

    def english(i):
        ev = evidence[i]
        return ev.total and ev.share("zh") <= 0.5 and ev.share("other") <= 0.5

    out = list(roles)
    if "term" in roles:
        a, b = cols
        zh = a if chinese(a) and (not chinese(b) or evidence[a].share("zh") >= evidence[b].share("zh")) \
            else b if chinese(b) else None
        if zh is None:
            seen = "; ".join(f"{header[i].strip()} reads as "
                             f"{language_name(evidence[i].majority())} ({evidence[i].describe(evidence[i].majority())})"
                             for i in cols if evidence[i].majority())
            raise InputError(f"no Chinese column ({seen}); a Chinese-English glossary needs "
                             f"one", path=str(p))
        en = b if zh == a else a
        out[zh], out[en] = "zh", "en"
    for i in cols:
        ok = chinese(i) if out[i] == "zh" else english(i)
        if not ok and evidence[i].majority():
            found = evidence[i].majority()
            line, _ = evidence[i].first[found]
            want = "Chinese" if out[i] == "zh" else "English"
            article = "a" if out[i] == "zh" else "an"
            raise InputError(f"the {want} column ({header[i].strip()}) reads as "
                             f"{language_name(found)} ({evidence[i].describe(found)}); a "
                             f"Chinese-English glossary needs {article} {want} column",
                             path=str(p), line=line)
    return out


def _same_term(a: str, b: str) -> bool:
    """The same letters and digits, case aside (``Ctrl + D`` / ``Ctrl+D``, ``Rootkit`` /
    ``rootkit``)."""
    return _NOT_WORD.sub("", a).casefold() == _NOT_WORD.sub("", b).casefold()


_NOT_WORD = re.compile(r"[\W_]+")
_ACCEPTED = ("zh and en (or chinese and english, 中文 and 英文, language tags such as zh-CN and "
             "en-US, or source and target, 原文 and 译文); optional: " + ", ".join(_OPTIONAL))


def _unknown_header(body: Iterator[tuple[int, list[str]]], roles: list, p: Path) -> None:
    """A CSV/TSV without a header the reader knows: its first row is an entry when its
    Chinese cell has a Chinese character, is the English cell's term kept as it is
    (``API,API``), or when other rows too hold no Chinese in that column (a glossary
    that lists Latin terms: ``GB,gigabyte``); else it is the only row of its kind, a
    header of names this reader does not know (``foo,bar``), which would be stored as a
    term: refused, naming the columns it accepts."""
    zh_i, en_i = roles.index("zh"), roles.index("en")

    def cell(row, i):
        return row[i] if i < len(row) else ""

    line, row = next(body)
    zh, en = cell(row, zh_i), cell(row, en_i)
    if has_han(zh) or (zh.strip() and _same_term(zh, en)):
        return
    if any(cell(r, zh_i).strip() and not has_han(cell(r, zh_i)) for _, r in body):
        return
    cells = ", ".join(repr(c.strip()) for c in row)
    raise InputError(f"the first row ({cells}) reads as a header of unknown column names (no "
                     f"Chinese in its Chinese column, where every other row has some); the "
                     f"columns this reader knows: {_ACCEPTED}", path=str(p), line=line)


def _zh_tag(cell: str) -> str | None:
    """The Chinese tag a column's header gives: a tag (``zh-TW``), or the variety a name
    says (``繁體中文`` zh-Hant, ``Chinese (Taiwan)`` and memoQ's ``Chinese_Taiwan`` zh-TW,
    as MultiTerm's index names are read); None: zh-CN, or the header does not say."""
    tag = column_tag(cell) or normalise_tag(cell.strip().lstrip("\ufeff").replace("_", "-"))
    if side(tag) != "zh":
        tag = zh_variety_tag(cell)
    return tag if tag not in (None, "zh", ZH) else None


def _en_tag(cell: str) -> str | None:
    """The English variety a column's header names as a tag (``en-US``, ``Target (en-GB)``),
    kept for each term of the column (``Entry.meta["en_langs"]``, as a TBX langSet's) so the
    TBX exports write it back; None for plain ``en`` or a header that names none."""
    tag = column_tag(cell)
    return tag if tag is not None and side(tag) == "en" and tag != "en" else None


def _entries(cells: dict[str, str], p: Path, line: int, default_status: str, skipped,
             *, omegat: bool, zh_lang: str | None = None, en_lang: str | None = None) -> list[Entry]:
    zh = cells.get("zh", "")
    zh_terms = [zh] if zh else []
    # an OmegaT cell is one term, commas and all, as OmegaT reads it (several renderings
    # are several lines); elsewhere several renderings may share a cell, split on "|"
    en = cells.get("en", "")
    approved = ([en] if en else []) if omegat else _split(en)
    forbidden = _split(cells.get("forbidden", ""))
    langs = dict.fromkeys(approved + forbidden, en_lang)
    for role, cell in cells.items():
        if role.startswith("en@"):      # another variety's column (en-GB beside en-US)
            for term in _split(cell):
                if term not in langs:
                    approved.append(term)
                    langs[term] = role[3:]
                elif langs[term] != role[3:]:
                    langs[term] = None      # spelt alike in both varieties: plain English
    problem = ("empty Chinese term" if not zh_terms else
               "empty English term" if not approved and not forbidden else None)
    if problem:
        if skipped is None:
            raise InputError(problem + (f" for {zh}" if zh_terms else ""), path=str(p), line=line)
        skipped.add(problem if zh_terms else "untranslated: " + problem, line)
        return []
    status = cells.get("status") or default_status
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r} (expected one of: {', '.join(STATUSES)})",
                         path=str(p), line=line)
    kind = cells.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})",
                         path=str(p), line=line)
    out = [Entry(zh=term, pinyin=cells.get("pinyin", ""), approved=list(approved),
                 forbidden=list(forbidden), kind=kind, note=cells.get("note") or None,
                 definition=cells.get("definition") or None,
                 source=cells.get("source") or None, status=status,
                 parts=_split(cells.get("parts", "")), zh_lang=zh_lang,
                 meta={"en_langs": {t: g for t, g in langs.items() if g}} if any(langs.values()) else {})
           for term in zh_terms]
    for entry in out:
        entry.origin = (str(p), line)
    return out


# --------------------------------------------------------------------------- writing

def neutralise(cell: str) -> str:
    """The formula rule of both tools (:func:`tm.formats.tabular.neutralise`)."""
    return tm_neutralise(cell)


def _columns(entries: list[Entry]) -> tuple[str, ...]:
    """:data:`COLUMNS`, with a column after ``en`` for each variety of English the approved
    terms are tagged with (en-GB, en-US: as a TBX langSet's, ``Entry.meta["en_langs"]``), so a
    term base keeping British and American spellings apart keeps them apart in a table too."""
    tags = sorted({tag for e in entries for term, tag in ((e.meta or {}).get("en_langs") or {}).items()
                   if tag and term in e.approved})
    at = COLUMNS.index("en") + 1
    return COLUMNS[:at] + tuple(tags) + COLUMNS[at:]


def _table(entries: Iterable[Entry]) -> tuple[tuple[str, ...], list[list[str]]]:
    """The header (:func:`_columns`) and the rows of the table exports, sorted by zh."""
    entries = list(entries)
    columns = _columns(entries)
    varieties = columns[COLUMNS.index("en") + 1:columns.index("forbidden")]
    rows = []
    for e in sorted(entries, key=lambda e: e.zh):
        langs = (e.meta or {}).get("en_langs") or {}
        values = {"zh": e.zh, "pinyin": e.pinyin, "forbidden": " | ".join(e.forbidden), "kind": e.kind or "",
                  "status": e.status, "note": e.note or "", "source": e.source or ""}
        values["en"] = " | ".join(t for t in e.approved if langs.get(t) not in varieties)
        for tag in varieties:
            values[tag] = " | ".join(t for t in e.approved if langs.get(t) == tag)
        rows.append([neutralise(values[c] if c in _FREE_TEXT else " ".join(values[c].split()))
                     for c in columns])
    return columns, rows


def _write(entries: Iterable[Entry], delimiter: str) -> str:
    columns, rows = _table(entries)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def write_csv(entries: Iterable[Entry]) -> str:
    """The term base as CSV text (header row, sorted, formula-safe)."""
    return _write(entries, ",")


def write_tsv(entries: Iterable[Entry]) -> str:
    """The term base as TSV text (header row, sorted, formula-safe)."""
    return _write(entries, "\t")


def write_xlsx(entries: Iterable[Entry]) -> bytes:
    """The term base as an Excel workbook: one sheet, ``Terms``, with the CSV's header and
    cells (every cell text, never a formula; :func:`tm.write_workbook`)."""
    from tm import write_workbook
    return write_workbook([("Terms", *_table(entries))])


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
