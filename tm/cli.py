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


# --- import / export (tm.formats, tm.review) ----------------------------------

@cli.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "tmx", "tsv", "csv", "xliff"]),
              default="auto", show_default=True,
              help="File format; auto tells TMX, XLIFF, TSV and CSV apart by content.")
@click.option("--pair", metavar="NAME", help="File the units under this document pair (TMX/TSV/CSV).")
@click.option("--encoding", metavar="NAME",
              help="Encoding of a TSV/CSV file (default: detect UTF-8, UTF-16, GB18030).")
@click.option("--on-duplicate", type=click.Choice(["skip", "replace", "error"]), default="skip",
              show_default=True, help="A unit with a stored key or the same zh+en text.")
@click.option("--reviewer", metavar="NAME",
              help="Who reviewed an XLIFF file, where the file does not say.")
@click.pass_context
def import_cmd(ctx, path, fmt, pair, encoding, on_duplicate, reviewer):
    """Import a TMX, TSV or CSV file, or apply a reviewed XLIFF file.

    Everything is stored in one transaction: a bad line anywhere leaves the
    memory unchanged. An XLIFF file exported with `tm export --format xliff`
    and edited in a CAT tool updates the units it corrected or signed off,
    marks them reviewed, and lists units whose source text no longer matches.

    \b
    Example:
        tm import plan.tmx
        tm import glossary-pairs.csv --pair glossary
        tm import reviewed.xlf --reviewer "Li Wei"
    """
    from .formats import import_file
    from .store import open_store

    db = open_store(ctx.obj["db_path"])
    result = import_file(db, path, fmt=fmt, pair=pair, encoding=encoding,
                         on_duplicate=on_duplicate, reviewer=reviewer)
    name = click.format_filename(path)
    if result.review is None:
        s = result.stats
        click.echo(f"Imported {s.read} units from {name} ({result.fmt}): {s.added} added, "
                   f"{s.duplicates} duplicates {'replaced' if on_duplicate == 'replace' else 'skipped'}.")
        return
    r = result.review
    click.echo(f"Applied review {name}: {r.read} units, {len(r.reviewed)} reviewed "
               f"({len(r.corrected)} corrected), {len(r.still_needs_review)} still need review, "
               f"{r.unchanged} unchanged.")
    for label, keys in (("Source text changed, not applied", r.source_changed),
                        ("Unknown ids, not applied", r.unknown)):
        if keys:
            click.echo(f"{label} ({len(keys)}): {', '.join(keys)}")


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx", "tsv", "csv", "xliff"]),
              default="tmx", show_default=True, help="File format.")
@click.option("-o", "--output", metavar="PATH|-", default="-", show_default=True,
              help="Output file; for xliff an existing directory gets one file per pair.")
@click.option("--pair", metavar="NAME", help="Only this document pair.")
@click.option("--version", "xliff_version", type=click.Choice(["1.2", "2.1"]), default="2.1",
              show_default=True, help="XLIFF version.")
@click.option("--review-below", type=float, default=0.5, show_default=True,
              help="XLIFF: flag units with a lower alignment confidence for review.")
@click.option("--fields", metavar="LIST", default="",
              help="TSV/CSV: extra columns after zh-CN and en, comma-separated "
                   "(key,pair,position,shape,confidence,origin,status,created,changed,changed_by,note).")
@click.pass_context
def export_cmd(ctx, fmt, output, pair, xliff_version, review_below, fields):
    """Export the memory as TMX 1.4b, TSV, CSV or XLIFF 1.2/2.1, in document order.

    TSV/CSV start with a header naming the languages (zh-CN, en). XLIFF is for
    review in a CAT tool: one file per document pair, ids stable across
    exports, low-confidence units flagged; import the reviewed file back with
    `tm import`. A file is written whole or not at all.

    \b
    Example:
        tm export --format tmx -o plan.tmx
        tm export --format tsv -o plan.tsv
        tm export --format xliff --version 1.2 --pair tianjin-plan -o review.xlf
        tm export --format xliff -o review/
    """
    from .errors import ToolError
    from .formats import atomic_text, export_units, export_xliff_dir
    from .store import open_store
    from .tabular import FIELDS

    options: dict = {}
    if fmt in ("tsv", "csv"):
        chosen = tuple(f.strip() for f in fields.split(",") if f.strip())
        unknown = [f for f in chosen if f not in FIELDS]
        if unknown:
            raise ToolError(f"--fields: unknown field {unknown[0]!r} (choose from {', '.join(FIELDS)})")
        options["fields"] = chosen
    elif fields:
        raise ToolError("--fields applies to tsv and csv only")
    if fmt == "xliff":
        options.update(version=xliff_version, review_below=review_below)
    db = open_store(ctx.obj["db_path"], create=False)
    if fmt == "xliff" and output != "-" and (Path(output).is_dir() or output.endswith(("/", os.sep))):
        Path(output).mkdir(parents=True, exist_ok=True)
        for name, path, count in export_xliff_dir(db, output, pair=pair, **options):
            click.echo(f"{path}: {count} units ({name or 'no pair'})", err=True)
        return
    single = fmt == "xliff"
    if output == "-":
        out = click.get_text_stream("stdout")
        count = export_units(db, out, fmt=fmt, pair=pair, single_pair=single, **options)
        out.flush()
        return
    with atomic_text(output) as out:
        count = export_units(db, out, fmt=fmt, pair=pair, single_pair=single, **options)
    click.echo(f"Exported {count} units to {click.format_filename(output)} ({fmt}).", err=True)
