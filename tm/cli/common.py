"""The command line's conventions that need no click: the database argument, exit codes,
output formats and tables, colour. ``tm.cli.commands`` (the click commands of ``tm``),
``glossary.cli`` (through ``tm.cli``) and ``tm.cli.quick`` (``tm match`` without click)
share them, so a one-shot ``tm match`` can answer without importing click.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from tm.text.codes import display, display_offset
from tm.text.safe import json_safe, printable
from tm.text.zh import char_width, display_width

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


DEFAULT_DB = "tm.db"


def resolve_db_path(value: str | None, what: str = "--db") -> Path | str:
    """``--db PATH|URL``, else ``$TM_DB``, else ``./tm.db``; a ``postgresql://`` URL stays a string.
    An empty ``--db`` (an unset variable in ``--db "$DB"``) is an error, not the default.

    A name beginning with ``file:`` is refused: it reads as an SQLite URI
    (``file:x.db?mode=ro`` was ``x.db`` for ``tm import`` and a missing file for ``tm
    stats``), which the library never opens (:func:`tm.memory.db.open_database` takes it
    for a file name). ``./file:…`` names such a file."""
    from tm.errors import ToolError
    if value == "":
        raise ToolError(f"{what}: an empty database name (an unset variable?): give a file or a "
                        "postgresql:// URL")
    if value is None and os.environ.get("TM_DB"):
        what, value = "$TM_DB", os.environ["TM_DB"]
    target = value or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        return target
    if target.startswith("file:"):
        raise ToolError(f"{what}: {target!r} would be read by SQLite as a URI; give a plain file "
                        f"name (./{target} for a file whose name begins with file:)")
    return Path(target)


#: Exit codes of both tools, documented once (README "Exit codes").
EXIT_OK, EXIT_FOUND_NOTHING_OR_PROBLEMS, EXIT_ERROR = 0, 1, 2


def has_surrogates(text: str) -> bool:
    """Lone surrogates: bytes that were not UTF-8, kept by Python's surrogateescape."""
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


@contextmanager
def one_blas_thread():
    """Within: numpy, if first imported here, starts OpenBLAS with one thread. OpenBLAS
    otherwise starts a thread per further core when it loads, which spins about 0.1 s
    waiting for work: a one-shot ``tm match`` that imports numpy only to merge integer
    arrays (no linear algebra) paid ~70 ms CPU for it, and on two cores as much wall time
    under load. ``OPENBLAS_NUM_THREADS`` set by the user, or numpy already loaded (tests,
    ``tm serve``), is left alone; the variable is removed again afterwards."""
    if "numpy" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        yield
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OPENBLAS_NUM_THREADS", None)


class PrintableWriter:
    """A text stream that writes through :func:`printable`: data shown on a terminal."""

    def __init__(self, out):
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(printable(text))

    def flush(self) -> None:
        self.out.flush()


def _silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final flush
    does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _db_first(args: list[str]) -> list[str]:
    """Move ``--db PATH`` / ``--db=PATH`` given after the command name to the front, where
    the group reads it; everything after ``--`` is left alone."""
    head, tail, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            tail.extend(args[i:])
            break
        if arg == "--db" and i + 1 < len(args):
            head.extend(args[i:i + 2])
            i += 2
            continue
        if arg.startswith("--db="):
            head.append(arg)
        else:
            tail.append(arg)
        i += 1
    return head + tail


#: The output formats of every listing command, the same names in both tools.
FORMATS = ("table", "json", "jsonl", "tsv", "csv")


def use_color(flag: bool | None, stream=None) -> bool:
    """Colour only on a terminal (or with ``--color``), never with ``$NO_COLOR`` set."""
    if flag is False or os.environ.get("NO_COLOR"):
        return False
    if flag:
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def _plain(value):
    if hasattr(type(value), "__dataclass_fields__"):   # dataclasses.is_dataclass, for an instance
        from dataclasses import asdict   # here: a plain tm match lists dicts, and needs no dataclasses
        return asdict(value)
    return value


def emit(rows: Iterable[dict], fmt: str, columns: Sequence[str], *, out=None) -> int:
    """Write ``rows`` as table, json, jsonl, tsv or csv. Returns the number of rows."""
    if out is None:
        import click
        out = click.get_text_stream("stdout")
    rows = [_plain(r) for r in rows]
    if fmt in ("json", "jsonl"):
        import json
    if fmt == "json":
        out.write(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json_safe(json.dumps(r, ensure_ascii=False)) + "\n")
    elif fmt in ("tsv", "csv"):
        import csv
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        out.write(buf.getvalue())
    else:
        out.write(table(rows, columns))
    return len(rows)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return printable("|".join(map(str, value)))
    return printable(str(value).replace("\t", " ").replace("\n", " "))


def truncate(text: str, width: int) -> str:
    """``text`` cut on a character boundary to at most ``width`` columns, ``…`` marking a cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def terminal_width() -> int | None:
    """Columns to fit: ``$COLUMNS``, else the terminal's; None (no limit) when stdout is not
    a terminal and ``$COLUMNS`` is unset, so files and pipes get whole cells."""
    if not os.environ.get("COLUMNS") and not sys.stdout.isatty():
        return None
    import shutil       # (here: a one-shot `tm match` into a pipe never asks, and shutil costs it 2 ms)

    return shutil.get_terminal_size((100, 24)).columns


def table(rows: Sequence[dict], columns: Sequence[str], *, width: int | None = None) -> str:
    """A plain-text table that lines up CJK text (wide characters count double) and fits
    ``width`` columns (default: the terminal's): the widest columns are cut with ``…``."""
    if not rows:
        return ""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(display_width(c), *(display_width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    width = width or terminal_width()
    room = (width or sum(widths)) - 2 * (len(columns) - 1)
    while width and sum(widths) > room and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] = max(8, widths[widest] - (sum(widths) - room))
    cells = [[truncate(v, w) for v, w in zip(row, widths)] for row in cells]
    head = [truncate(c, w) for c, w in zip(columns, widths)]

    def line(vals):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(vals, widths)).rstrip()
    parts = [line(head), line(["-" * w for w in widths])]
    parts += [line(row) for row in cells]
    return "\n".join(parts) + "\n"


def kwic(text: str, start: int, end: int, width: int) -> str:
    """A keyword-in-context line: ``text`` around ``[start, end)`` cut to ``width`` columns,
    the hit centred, ``…`` where text was cut."""
    if display_width(text) <= width:
        return text
    hit = text[start:end]
    side = max(0, (width - display_width(hit)) // 2)
    left = text[:start]
    kept = []
    for ch in reversed(left):
        if display_width("".join(kept)) + display_width(ch) > side - 1:
            break
        kept.append(ch)
    left_part = ("…" if len(kept) < len(left) else "") + "".join(reversed(kept))
    right = truncate(text[end:], max(1, width - display_width(left_part) - display_width(hit)))
    return left_part + hit + right


#: A highlighted piece: what ``click.style(text, fg="red", bold=True)`` writes (red, bold,
#: then reset all), spelled out so that ``tm match`` needs no click to colour its output.
HIGHLIGHT = "\x1b[31m\x1b[1m{}\x1b[0m"


def styled(pieces, color: bool) -> str:
    """Text pieces ``(text, highlighted)`` joined (control characters escaped), highlighted
    ones in bold red when ``color``."""
    return "".join(HIGHLIGHT.format(printable(t)) if hi and color else printable(t) for t, hi in pieces)


# Errors of the machine rather than of the program: one line, exit 2.
_ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM,
                       errno.EIO, errno.EFBIG, errno.EMFILE, errno.ENFILE, errno.ENOMEM}


def stopped_message(signum: int) -> str:
    """The line both tools print when a signal stops a command (SIGTERM, SIGHUP, and Ctrl-C's
    SIGINT): the open transaction rolled back and partial files removed; exit ``128 +
    signum``, never one of the README's codes (1 is "ran and found problems")."""
    return f"Error: stopped by signal {signum}; nothing was left half-written"


# control characters (but tab) as escapes; the lone surrogates that stand for the bytes of a
# name that is not UTF-8 (Python's surrogateescape) as the byte: \xff
_ESCAPES = {**{c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7f) if c != 0x09},
            **{c: f"\\x{c - 0xdc00:02x}" for c in range(0xdc80, 0xdd00)}}


def one_line(message: str) -> str:
    """``message`` with its control characters (but tab) written as escapes, and the bytes
    of a file name that is not UTF-8 as ``\\xff``: what an ``Error:`` line quotes (a file name
    with a line break) keeps it one line, and such a name is shown one way everywhere."""
    return message.translate(_ESCAPES)


def file_name(path) -> str:
    """A file name as both tools' messages show it (:func:`one_line`: ``g\\xff.tsv``, where
    ``click.format_filename`` wrote U+FFFD and stderr's backslashreplace ``\\udcff``)."""
    return one_line(os.fsdecode(path))


def failure_message(exc: BaseException, db_path, commits: int | None = None) -> str | None:
    """The ``Error: …`` line (without ``Error: ``) both tools print for ``exc``: a
    :class:`ToolError`'s message, out of memory, a database SQLite or the machine refused
    (disk full, read-only, damaged: :func:`tm.memory.db.explain`), a PostgreSQL connection
    lost or a server's error of its own (:func:`tm.memory.pg.explain`), an error of the
    machine; None for anything else, a bug that shows its traceback. ``commits``: the count
    of :func:`tm.memory.db.committed` when the command started (an output that failed after
    the command committed more says so)."""
    from tm.errors import ToolError
    from tm.formats.output import OutputError
    if isinstance(exc, OutputError):
        return str(exc) + _change_stands(db_path, commits)
    if isinstance(exc, ToolError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory (is the input a document?)"
    import sqlite3
    if isinstance(exc, sqlite3.DatabaseError):
        from tm.memory.db import explain
        known = explain(exc, db_path)
        return None if known is None else str(known)
    if isinstance(exc, OSError) and exc.errno in _ENVIRONMENT_ERRNOS:
        if exc.filename:
            return f"{file_name(exc.filename)}: {exc.strerror or exc}"
        if _writing_stdout(exc):
            _silence_stdout()       # the interpreter's last flush would fail again
            return f"standard output: cannot write: {exc.strerror or exc}" + _change_stands(db_path, commits)
        return f"{exc.strerror or exc}"
    if "tm.memory.pg" in sys.modules:          # a server was used (nothing imported for SQLite)
        from tm.memory.pg import explain as explain_server
        known = explain_server(exc, db_path)
        if known is not None:
            return str(known)
    return None


def _change_stands(db_path, commits: int | None) -> str:
    """For an output that failed: the note that the command had already committed its
    change to the database (``tm import > /dev/full`` stored the units, then could not
    print its summary; ``tm align --beads`` on a full disk stored the pair), so the
    error is not read as "nothing was done"; empty when nothing was committed."""
    db = sys.modules.get("tm.memory.db")       # (not imported: nothing was committed)
    if commits is None or db is None or db.committed() <= commits:
        return ""
    return f" (its write to {database_name(db_path)} was committed before the output failed, and stays)"


def database_name(db_path) -> str:
    """A database as messages name it: a file by :func:`file_name`, a server's URL with its
    password masked (:func:`tm.memory.pg.safe_url`)."""
    if db_path is None:
        return "the database"
    if str(db_path).startswith(("postgresql://", "postgres://")):
        from tm.memory.pg import safe_url
        return safe_url(str(db_path))
    return file_name(db_path)


def _writing_stdout(exc: OSError) -> bool:
    """Did ``exc`` come from writing standard output (``tm stats > /dev/full``: the error
    has no file name)? True when the innermost frame of its traceback (``click.echo``…) holds
    a stream whose descriptor is standard output's."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    for value in tb.tb_frame.f_locals.values():
        fileno = getattr(value, "fileno", None)
        if fileno is None or not isinstance(value, io.IOBase) and not hasattr(value, "buffer"):
            continue
        try:
            if fileno() == 1:
                return True
        except (OSError, ValueError, TypeError):
            continue
    return False


def open_for_reading(db_path, started=None):
    """The memory at ``db_path`` for ``tm match`` and ``tm search``:
    :func:`tm.memory.store.open_store_reader`, whose module (the store's writing code, the
    dataclasses of :mod:`tm.models`) is imported only when the memory is not up to date.
    ``started``: the server's connection begun (:func:`tm.memory.reader.start_current`)."""
    from tm.memory.reader import open_current
    found = open_current(db_path, started)
    if found is not None:
        return found
    from tm.memory.store import open_store_reader
    return open_store_reader(db_path, create=False)


# --- tm match: shared by the click command (tm.cli.commands) and tm.cli.quick ----------

def match_rows(db_path, text: str, source: str | None, min_score: float, limit: int):
    """The matches of ``text`` in the memory at ``db_path``, as rows of the ``tm match``
    listing: ``(source, target, rows)``."""
    from tm.errors import ToolError

    if not text.strip():
        raise ToolError("nothing to match: TEXT is empty")
    # a server's connection begun first: the server starts the session's backend while the
    # matching code is imported (none of its errors is raised before open_for_reading's)
    from tm.memory.reader import start_current, unit_rows
    started = start_current(db_path)
    from tm.memory.fuzzy import detect_lang
    if started is not None:
        started.advance()   # the server may have answered meanwhile (its "no" to TLS): the startup packet now
    from tm.memory.match import highlight, match_ids, numbers_adjusted

    source = source or detect_lang(text)
    target = "en" if source == "zh" else "zh"
    db = open_for_reading(db_path, started)
    try:
        with one_blas_thread():
            found = match_ids(db, text, source=source, min_score=min_score, limit=limit)
        # tm.memory.match.match's units, as the columns listed (no TranslationUnit made)
        units = unit_rows(db, [uid for _, uid in found], "u.id, u.key, u.zh, u.en, u.status") if found else {}
    finally:
        db.conn.close()   # here, not at the process's exit, which a one-shot command skips (tm.cli._leave)
    rows = []
    for score, uid in found:
        if uid in units:
            _, key, zh, en, status = units[uid]
            side = {"zh": zh, "en": en}
            rows.append({"score": round(score, 1), "key": key, source: side[source], target: side[target],
                         "status": status, "diff": highlight(text, side[source], source)})
            adjusted = numbers_adjusted(text, side[source], side[target], source)
            if adjusted is not None:        # its source differs in numbers only: 2025 → 2026
                rows[-1]["adjusted"] = adjusted
    return source, target, rows


def write_matches(source: str, target: str, rows: list[dict], min_score: float, fmt: str,
                  color: bool | None, *, echo, out=None) -> int:
    """Write the rows of :func:`match_rows` in ``fmt``; the exit code. ``echo`` writes a
    line as ``click.echo`` does, ``out`` is standard output (None: click's)."""
    color = fmt == "table" and use_color(color)
    if not rows:
        echo(f"No match of {min_score:g}% or more.", err=True)
        if fmt != "table":
            emit([], fmt, ["score", "key", source, target], out=out)
        return EXIT_FOUND_NOTHING_OR_PROBLEMS
    if fmt == "table":
        for r in rows:
            r[source] = styled(r["diff"], color) if color else r[source]
            r["score"] = f"{r['score']:.0f}%"
        if color:
            for r in rows:
                echo(f"{r['score']:>5}  {r[source]}\n       {printable(r[target])}"
                     + (f"\n       numbers adjusted: {printable(r['adjusted'])}" if "adjusted" in r else ""),
                     color=True)
            return EXIT_OK
    if fmt != "table":      # codes as the table shows them, {1}…{/1}
        for r in rows:
            r[source], r[target] = display(r[source]), display(r[target])
            r["diff"] = [(display(piece), changed) for piece, changed in r["diff"]]
            if "adjusted" in r:
                r["adjusted"] = display(r["adjusted"])
    adjusted = ["adjusted"] if any("adjusted" in r for r in rows) else []
    emit(rows, fmt, ["score", "key", source, target] + adjusted + (["status", "diff"] if fmt == "json" else []),
         out=out)
    return EXIT_OK


# --- tm search: shared by the click command (tm.cli.commands) and tm.cli.quick ---------

def search_hits(db_path, query: str, lang: str | None, limit: int):
    """The concordance hits of ``query`` in the memory at ``db_path``."""
    from tm.errors import ToolError
    from tm.memory.search import search

    if not query.strip():
        raise ToolError("nothing to search for: QUERY is empty")
    db = open_for_reading(db_path)
    try:
        return search(db, query, lang=lang, limit=limit)
    finally:
        db.conn.close()   # as in match_rows


def write_search(query: str, hits, fmt: str, color: bool | None, *, echo, out=None) -> int:
    """Write the hits of :func:`search_hits` in ``fmt`` (a table is keyword in context);
    the exit code. ``echo`` and ``out`` as for :func:`write_matches`."""
    if not hits:
        echo(f"No unit contains {query!r}.", err=True)
        if fmt != "table":
            emit([], fmt, ["key", "zh", "en"], out=out)
        return EXIT_FOUND_NOTHING_OR_PROBLEMS
    color = fmt == "table" and use_color(color)
    rows = [{"key": h.unit.key, "zh": h.unit.zh, "en": h.unit.en, "status": h.unit.status,
             "lang": h.lang, "spans": [list(s) for s in h.spans]} for h in hits]
    if fmt == "table":
        # keyword in context: the hit's line centred on the first hit, the other side below
        width = (terminal_width() or 10**6) - 2
        for r, h in zip(rows, hits):
            text = r[h.lang]
            a, b = h.spans[0] if h.spans else (0, 0)
            line = kwic(text, a, b, width)
            offset = line.find(text[a:b]) if h.spans else -1
            if offset >= 0:
                hit = printable(text[a:b])
                line = printable(line[:offset]) + (HIGHLIGHT.format(hit) if color else hit) \
                    + printable(line[offset + b - a:])
            else:
                line = printable(line)
            other = "en" if h.lang == "zh" else "zh"
            # every piece went through printable(): no escape sequence but the highlight
            echo(f"{printable(r['key'])}\n  {line}\n  {printable(truncate(r[other], width))}",
                 color=color)
        return EXIT_OK
    for r in rows:      # codes as the table shows them, {1}…{/1}, the spans counted in that text
        text = r[r["lang"]]
        r["spans"] = [[display_offset(text, a), display_offset(text, b)] for a, b in r["spans"]]
        r["zh"], r["en"] = display(r["zh"]), display(r["en"])
    emit(rows, fmt, ["key", "zh", "en"] + (["status", "lang", "spans"] if fmt == "json" else []), out=out)
    return EXIT_OK
