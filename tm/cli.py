"""The ``tm`` command line: thin commands over the ``tm`` library.

The shared click helpers (``ToolGroup``, ``emit``, ``format_option``) live
here too, since only the ``cli`` modules import click; ``glossary.cli`` imports them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path

import click

from . import __version__
from .errors import ToolError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_DB = "tm.db"


def resolve_db_path(value: str | None) -> Path:
    """``--db PATH``, else ``$TM_DB``, else ``./tm.db``."""
    return Path(value or os.environ.get("TM_DB") or DEFAULT_DB)


class ToolGroup(click.Group):
    """A group that turns :class:`ToolError` into ``Error: …`` and exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ToolError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            # `tm export | head`: stop quietly
            sys.stderr.close()
            ctx.exit(0)


def format_option(*choices: str, default: str = "table"):
    """The shared ``--format`` option of listing commands."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
        help="Output format.",
    )


def _plain(value):
    if is_dataclass(value):
        return asdict(value)
    return value


def emit(rows: Iterable[dict], fmt: str, columns: Sequence[str], *, out=None) -> int:
    """Write ``rows`` as table, json, jsonl, tsv or csv. Returns the number of rows."""
    out = out or click.get_text_stream("stdout")
    rows = [_plain(r) for r in rows]
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt in ("tsv", "csv"):
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
        return "|".join(map(str, value))
    return str(value).replace("\t", " ").replace("\n", " ")


def display_width(text: str) -> int:
    """Terminal columns of ``text``: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """A plain-text table that lines up CJK text (wide characters count double)."""
    if not rows:
        return ""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(display_width(c), *(display_width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    def line(vals):
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(vals, widths)).rstrip()
    parts = [line(columns), line(["-" * w for w in widths])]
    parts += [line(row) for row in cells]
    return "\n".join(parts) + "\n"



@click.group(cls=ToolGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="tm")
@click.option("--db", "db_path", metavar="PATH", envvar=None,
              help="SQLite database (default: $TM_DB, else ./tm.db).")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None):
    """Chinese-English translation memory: align, store, search, export.

    \b
    Example:
        tm --db plan.db align seeds/plan.zh.txt seeds/plan.en.txt
        tm --db plan.db match "支持算力技术攻关"
    """
    ctx.obj = {"db_path": resolve_db_path(db_path)}
