"""The ``tm`` command line: thin commands over the ``tm`` library.

The click pieces both tools share (``ToolGroup``, ``format_option``…) are in
:mod:`tm.cli.base`, what needs no click in :mod:`tm.cli.common`; ``glossary.cli`` imports
them through ``tm.cli`` without loading this module, and :mod:`tm.cli.quick` answers a
plain ``tm match`` without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tm import __version__
# names of tm.cli.base and tm.cli.common used here (the tests also reach some as tm.cli's)
from tm.cli.base import (by_option, person, source_option, ProgressBar, ToolCommand, ToolFailure, ToolGroup, color_option,  # noqa: F401
                         format_option, quiet_option)
from tm.cli.common import (CONTEXT_SETTINGS, DEFAULT_DB, database_name, file_name, EXIT_ERROR, EXIT_FOUND_NOTHING_OR_PROBLEMS,  # noqa: F401
                           EXIT_OK, FORMATS, HIGHLIGHT, PrintableWriter, display_width, emit, kwic,
                           match_rows, one_blas_thread, resolve_db_path, search_hits, styled, table,
                           terminal_width, truncate, use_color, write_matches, write_search)
from tm.errors import ToolError
from tm.text.safe import printable


@click.group(cls=ToolGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="tm")
@click.option("--db", "db_path", metavar="PATH|URL", envvar=None,
              help="SQLite database file or postgresql://user@host/dbname (default: $TM_DB, else ./tm.db).")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None):
    """Chinese-English translation memory: align, store, search, export.

    \b
    Example:
        tm --db plan.db align seeds/plan.zh.txt seeds/plan.en.txt
        tm --db plan.db match "支持算力技术攻关"
    """
    ctx.obj = {"db_path": resolve_db_path(db_path)}


# --- import / export (tm.formats.common, tm.exchange) ----------------------------------

@cli.command("import")
@click.argument("path", type=click.Path(allow_dash=True, readable=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "tmx", "tsv", "csv", "xliff", "xlsx"]),
              default="auto", show_default=True,
              help="File format; auto tells TMX, XLIFF, TSV, CSV and Excel (.xlsx) apart by content.")
@click.option("--pair", metavar="NAME", help="File the units under this document pair (TMX/TSV/CSV).")
@click.option("--encoding", metavar="NAME",
              help="Encoding of a TSV/CSV file (default: detect UTF-8, UTF-16, GB18030, Big5, "
                   "Shift_JIS, Windows-1252).")
@click.option("--on-duplicate", type=click.Choice(["skip", "replace", "error"]), default="skip",
              show_default=True, help="A unit with a stored key or the same zh+en text.")
@click.option("--reviewer", metavar="NAME",
              help="Who reviewed an XLIFF file, where the file does not say.")
@click.option("--strict", is_flag=True,
              help="All or nothing: a unit that cannot be stored (e.g. untranslated) is an error.")
@quiet_option()
@click.pass_context
def import_cmd(ctx, path, fmt, pair, encoding, on_duplicate, reviewer, strict, quiet):
    """Import a TMX, TSV, CSV, Excel (.xlsx) or XLIFF file (zh->en or en->zh), or apply a reviewed XLIFF file.

    Everything is stored in one transaction. Units that cannot be stored (an
    empty side, no Chinese or English variant, an XLIFF target missing or copied
    from the source) are skipped and counted, with their lines; --strict makes
    the first one an error. A damaged file (malformed XML, truncated), one with no
    Chinese or no English side, or one whose text contradicts its language tags
    leaves the memory unchanged. An XLIFF file exported with `tm export --format
    xliff` and edited in a CAT tool is applied as a review: it updates the units it
    corrected or signed off, marks them reviewed, and lists units whose source text
    no longer matches; XLIFF from other tools is imported as memory. An Excel workbook
    is read as TSV/CSV are, sheet by sheet: each visible sheet whose header (in its
    first 10 rows, titles above it left out) names a Chinese and an English column
    (zh-CN/en-US, Chinese/English, 中文/英文, or source/target, 原文/译文).

    \b
    Example:
        tm import plan.tmx
        tm import glossary-pairs.csv --pair glossary
        tm import client-memory.xlsx
        tm import reviewed.xlf --reviewer "Li Wei"
    """
    from tm.exchange import import_file
    from tm.formats.textio import label, open_binary, text_codec
    from tm.memory.store import open_store

    name = file_name(path) if path != "-" else "<stdin>"
    if encoding:
        text_codec(encoding)            # an unknown or non-text codec: before anything is read
    with open_binary(path, name=name) as (fh, name):   # before the database: a missing file creates nothing
        with ProgressBar(f"Importing {name}", quiet=quiet, unit="units") as bar:
            # the memory opened once the file's reader has started (see import_file)
            result = import_file(lambda: open_store(ctx.obj["db_path"]), fh, name=name, fmt=fmt, pair=pair,
                                 encoding=encoding,
                                 on_duplicate=on_duplicate, reviewer=reviewer, progress=bar,
                                 strict=strict)
    for note in result.skipped.notes():
        click.echo(f"note: {name}: {note}", err=True)
    if result.review is None:
        s = result.stats
        read_as = f", {label(result.encoding)}" if result.encoding not in (None, "utf-8") else ""
        if on_duplicate == "replace":
            dup = f"{s.duplicates - len(s.kept)} duplicates replaced" + (f", {len(s.kept)} kept" if s.kept else "")
        else:
            dup = f"{s.duplicates} duplicates skipped"
        click.echo(f"Imported {s.read} units from {name} ({result.fmt}{read_as}): {s.added} added, {dup}.")
        if s.kept:
            click.echo(f"Kept as they are, a person's work (edited, reviewed or marked) ({len(s.kept)}): "
                       f"{', '.join(s.kept)}")
        for line in result.skipped.summary():
            click.echo(line)
        return
    r = result.review
    click.echo(f"Applied review {name}: {r.read} units, {len(r.reviewed)} reviewed "
               f"({len(r.corrected)} corrected), {len(r.still_needs_review)} still need review, "
               f"{r.unchanged} unchanged.")
    for label, keys in (("Source text changed, not applied", r.source_changed),
                        ("Unknown ids, not applied", r.unknown),
                        ("Edited in the memory since the export, not applied", r.conflicts)):
        if keys:
            click.echo(f"{label} ({len(keys)}): {', '.join(keys)}")


#: ``tm export -o NAME`` without ``--format``: the format the extension names.
_EXPORT_EXTENSIONS = {".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv", ".xlf": "xliff",
                      ".xliff": "xliff", ".xlf2": "xliff"}


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx", "tsv", "csv", "xliff"]),
              help="File format [default: from the -o name's extension (.tmx .tsv .csv .xlf "
                   ".xliff; a directory: xliff), else tmx].")
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
@click.option("--excel", is_flag=True,
              help="TSV/CSV: start with a UTF-8 byte-order mark, so that Excel shows the Chinese "
                   "(tm import and glossary import read it back).")
@quiet_option()
@click.pass_context
def export_cmd(ctx, fmt, output, pair, xliff_version, review_below, fields, excel, quiet):
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
    from tm.errors import ToolError
    from tm.exchange import export_units, export_xliff_dir
    from tm.formats.output import check_output_path, open_output
    from tm.formats.tabular import FIELDS
    from tm.memory.store import open_store, require_pair

    if fmt is None:            # -o plan.tsv writes TSV, not TMX under a .tsv name
        if output == "-":
            fmt = "tmx"
        elif Path(output).is_dir() or output.endswith(("/", os.sep)):
            fmt = "xliff"       # a directory: one XLIFF file per document pair
        else:
            fmt = _EXPORT_EXTENSIONS.get(Path(output).suffix.lower(), "tmx")
    options: dict = {}
    given = {name for name in ("xliff_version", "review_below", "fields")
             if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT}
    if fmt in ("tsv", "csv"):
        chosen = tuple(f.strip() for f in fields.split(",") if f.strip())
        if "fields" in given and not chosen:
            raise ToolError(f"--fields: no field named (an unset variable?): give some of {', '.join(FIELDS)}")
        unknown = [f for f in chosen if f not in FIELDS]
        if unknown:
            raise ToolError(f"--fields: unknown field {unknown[0]!r} (choose from {', '.join(FIELDS)})")
        options["fields"] = chosen
    elif "fields" in given:
        raise ToolError("--fields applies to tsv and csv only")
    if excel and fmt not in ("tsv", "csv"):
        raise ToolError("--excel applies to tsv and csv only")
    for name, option in (("xliff_version", "--version"), ("review_below", "--review-below")):
        if name in given and fmt != "xliff":     # it would be ignored: say so
            raise ToolError(f"{option} applies to xliff only (this export is {fmt})")
    if fmt == "xliff":
        options.update(version=xliff_version, review_below=review_below)
    db = open_store(ctx.obj["db_path"], create=False)
    require_pair(db, pair)
    if fmt == "xliff" and output != "-" and (Path(output).is_dir() or output.endswith(("/", os.sep))):
        try:
            Path(output).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ToolError(f"{file_name(output)}: cannot create: {exc.strerror}") from None
        for name, path, count in export_xliff_dir(db, output, pair=pair, **options):
            click.echo(f"{file_name(path)}: {count} units ({name or 'no pair'})", err=True)
        return
    check_output_path(output, database=ctx.obj["db_path"])
    to_terminal = output == "-" and sys.stdout.isatty()
    with open_output(output) as out, ProgressBar("Exporting" if output == "-" else f"Exporting {output}",
                                                 quiet=quiet or to_terminal) as bar:
        if to_terminal:
            out = PrintableWriter(out)     # a person reads it: no escape sequences reach the terminal
        if excel:
            out.write("\ufeff")
        count = export_units(db, out, fmt=fmt, pair=pair, single_pair=fmt == "xliff", progress=bar, **options)
    if output != "-":
        click.echo(f"Exported {count} units to {file_name(output)} ({fmt}).", err=True)


# --- align, match, search, review, stats (tm.align.aligner, tm.memory.store, tm.memory.match, tm.memory.search) ---


class _ModelOption(click.Option):
    """``--model``: its help says which model runs by default here, looked up when the
    help is shown (not when the CLI is imported)."""

    def get_help_record(self, ctx):
        from tm.align.semantic import MODELS, default_model

        found = default_model()
        self.help = ("Sentence-embedding model joining the lexical evidence: "
                     + ", ".join(f"{k} ({v[2]})" for k, v in MODELS.items())
                     + "; none: lexical only. Default here: "
                     + (f"{found} (installed)." if found else f"none ({MODELS['use'][1]} for use)."))
        return super().get_help_record(ctx)


@cli.command("align")
@click.argument("zh_file", type=click.Path(allow_dash=True, readable=False))
@click.argument("en_file", type=click.Path(allow_dash=True, readable=False))
@click.option("--presegmented", is_flag=True, help="One sentence per line: do not re-split.")
@click.option("--no-store", is_flag=True, help="Align only; do not write to the database.")
@click.option("--beads", metavar="PATH|-", help='Write the beads, one a line, vecalign style ("[0]:[0, 1]").')
@click.option("--name", metavar="NAME",
              help="Document pair name (default: ZH_FILE's name without its extension and "
                   "language tag: report.2024.zh.txt -> report.2024).")
@click.option("--encoding", metavar="NAME",
              help="Encoding of both documents (default: detect UTF-8, UTF-16, GB18030, Big5, "
                   "Shift_JIS, Windows-1252).")
@click.option("--replace", is_flag=True,
              help="Replace a stored pair of that name even if it holds other documents or imported units.")
@click.option("--review-below", type=float, default=0.5, show_default=True,
              help="Units with a lower confidence are marked needs-review.")
@click.option("--model", cls=_ModelOption, metavar="NAME|none", default=None)
@source_option("The original's language: en for an English original translated into Chinese "
               "(the units record it; TMX and XLIFF exports make English the source side).")
@quiet_option()
@click.pass_context
def align_cmd(ctx, zh_file, en_file, presegmented, no_store, beads, name, encoding, replace,
              review_below, model, source, quiet):
    """Align a Chinese document with its English translation and store the pairs.

    Files may be UTF-8, UTF-16, GB18030, Big5 or Shift_JIS (detected; a note says which),
    or Word (.docx), Excel (.xlsx bilingual table: the Chinese column for ZH_FILE, the
    English one for EN_FILE; the same file may be both), HTML or Markdown.
    Aligning the same documents again replaces the pair's units, except the units a
    person edited or reviewed (tm edit, tm mark, a reviewed XLIFF file): those whose
    sentences are still in the files are kept as they are and the rest is aligned
    around them; those whose sentences are gone are kept as orphans and listed (tm
    pairs, tm delete). A pair of that name holding other documents (or units imported
    into it) is kept unless --replace is given. Sentences without a counterpart are kept
    as unaligned units for `tm review`, never glued to a neighbour.

    \b
    Example:
        tm align seeds/tianjin-ai-action-plan-2025-2027.zh.txt \\
                 seeds/tianjin-ai-action-plan-2025-2027.en.txt --beads plan.beads
    """
    from contextlib import nullcontext

    from tm.align.aligner import align_texts
    from tm.align.semantic import embedder_for
    from tm.exchange import prepare_pair, store_pair
    from tm.formats.output import check_output_path, open_output
    from tm.formats.textio import label, read_document
    from tm.memory.store import alignment_stats, default_pair_name, open_store

    if beads:
        check_output_path(beads, database=None if no_store else ctx.obj["db_path"])   # before any work
    embedder = embedder_for(model)      # None: lexical; an unknown or missing model stops here
    (zh_text, zh_enc), (en_text, en_enc) = (
        read_document(zh_file, encoding=encoding, side="zh", unwrap=not presegmented),
        read_document(en_file, encoding=encoding, side="en", unwrap=not presegmented))
    for path, enc in ((zh_file, zh_enc), (en_file, en_enc)):
        if enc not in ("utf-8", "utf-8-sig") and not encoding:
            click.echo(f"note: read {file_name(path)} as {label(enc)}", err=True)
    name = name or default_pair_name(zh_file)
    prepared = db = None
    if no_store:
        alignment = align_texts(zh_text, en_text, presegmented=presegmented, zh_name=zh_file, en_name=en_file,
                                embedder=embedder)
    else:
        db = open_store(ctx.obj["db_path"])
        with ProgressBar(f"Aligning {name}", quiet=quiet) as bar:
            bar(0, 2)
            prepared = prepare_pair(db, zh_text, en_text, name=name, zh_path=zh_file, en_path=en_file,
                                    presegmented=presegmented, embedder=embedder, progress=bar)
        alignment = prepared.alignment
    lines = "".join(b.vecalign() + "\n" for b in alignment.beads)
    # the beads file is written whole or not at all, and only if the units are stored
    with open_output(beads) if beads else nullcontext() as out:
        if no_store:
            stats = alignment_stats(alignment, pair=name, review_below=review_below)
        else:
            stats = store_pair(db, prepared, review_below=review_below, replace=replace, who=person(None),
                               srclang=None if source == "zh" else "en").stats
        if out is not None:
            out.write(lines)
    shapes = ", ".join(f"{k}: {v}" for k, v in sorted(stats.shapes.items(), key=lambda kv: (-kv[1], kv[0])))
    err = beads == "-"
    click.echo(f"Aligned {name}: {len(alignment.zh)} zh and {len(alignment.en)} en sentences, "
               f"{len(alignment.beads)} beads ({shapes}); model: {alignment.model or 'none'}.", err=err)
    stored = "Would store" if no_store else "Stored"
    click.echo(f"{stored} {stats.units} units; unaligned: {stats.unaligned_zh} zh, {stats.unaligned_en} en "
               f"sentences; {stats.low_confidence} below {review_below:g} confidence (see tm review).", err=err)
    if alignment.mismatch():
        click.echo(f"warning: {alignment.mismatch()}", err=True)
    if prepared is not None and stats.kept:
        click.echo(f"Kept {len(stats.kept)} units a person edited or reviewed.", err=err)
    if prepared is not None and prepared.orphans:
        click.echo(f"Orphans ({len(prepared.orphans)}), kept until deleted (tm delete KEY):", err=err)
        for key, why in prepared.orphans.items():
            click.echo(f"  {key}: {why}", err=err)


@cli.command("match")
@click.argument("text")
@click.option("--from", "source", type=click.Choice(["zh", "en"]), help="Language of TEXT (default: detect).")
@click.option("--min", "min_score", type=click.FloatRange(0, 100), default=70, show_default=True,
              help="Lowest score shown, in percent.")
@click.option("--limit", type=click.IntRange(1), default=5, show_default=True, help="Most matches shown.")
@format_option()
@color_option()
@click.pass_context
def match_cmd(ctx, text, source, min_score, limit, fmt, color):
    """Fuzzy matches for TEXT from the memory, best first, with the differences highlighted.

    The score is 100 * (1 - edit distance / length of the longer text), over
    characters for Chinese and words for English (case and full/half width ignored).

    \b
    Example:
        tm match "支持算力技术攻关和平台建设"
        tm match "Support research on computing power" --min 60 --format json
    """
    # tm.cli.quick runs the same two steps when a plain `tm match` starts without click
    source, target, rows = match_rows(ctx.obj["db_path"], text, source, min_score, limit)
    code = write_matches(source, target, rows, min_score, fmt, color, echo=click.echo)
    if code:
        ctx.exit(code)


@cli.command("search")
@click.argument("query")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Side to search (default: detect from QUERY).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Most hits shown.")
@format_option()
@color_option()
@click.pass_context
def search_cmd(ctx, query, lang, limit, fmt, color):
    """Concordance: units containing QUERY, with the counterpart and the hit highlighted.

    Chinese: any substring (康养 works). English: words in sequence, case-insensitive;
    a trailing * makes the last word a prefix.

    \b
    Example:
        tm search 康养
        tm search "computing power" --format json
    """
    # tm.cli.quick runs the same two steps when a plain `tm search` starts without click
    hits = search_hits(ctx.obj["db_path"], query, lang, limit)
    code = write_search(query, hits, fmt, color, echo=click.echo)
    if code:
        ctx.exit(code)


@cli.command("review")
@click.option("--below", type=float, default=0.5, show_default=True,
              help="List units with an alignment confidence below this (and unaligned sentences).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Most units shown.")
@click.option("--pair", metavar="NAME", help="Only this document pair.")
@format_option()
@click.pass_context
def review_cmd(ctx, below, limit, pair, fmt):
    """Units to check first: lowest alignment confidence first, unaligned sentences included.

    Reviewed units (e.g. from a reviewed XLIFF file) are not listed.

    \b
    Example:
        tm review --below 0.6 --limit 10
        tm review --format json
    """
    from tm.memory.store import open_store, require_pair, review_queue

    db = open_store(ctx.obj["db_path"], create=False)
    require_pair(db, pair)
    units = review_queue(db, below=below, limit=limit, pair=pair)
    if not units:
        click.echo("Nothing to review.", err=True)
        if fmt == "table":
            return
    rows = [{"key": u.key, "confidence": u.confidence, "shape": u.shape, "status": u.status,
             "zh": u.zh, "en": u.en} for u in units]
    emit(rows, fmt, ["key", "confidence", "shape", "zh", "en"] + (["status"] if fmt != "table" else []))


@cli.command("stats")
@format_option()
@click.pass_context
def stats_cmd(ctx, fmt):
    """Counts of the memory: pairs, documents, units by origin and status.

    \b
    Example:
        tm --db plan.db stats
    """
    from tm.memory.store import memory_stats, open_store

    counts = memory_stats(open_store(ctx.obj["db_path"], create=False))
    emit([{"what": k, "count": v} for k, v in counts.items()], fmt, ["what", "count"])


@cli.command("optimize")
@click.pass_context
def optimize_cmd(ctx):
    """Merge the fuzzy-match index into one run, so a match reads fewer pages.

    Every import or edit adds a run of index postings; a match reads each token's rows in
    every run. After large imports into a big memory (a team server), merging them makes
    matches whose pages are not cached read fewer of them. An index of one run is rewritten
    where its rows are in the other backend's form (a memory brought over by `tm copy`: a
    server packs its posting rows, SQLite reads them in place). Results do not change. One
    transaction: readers go on meanwhile (the index of 10,000,000 units is rewritten whole).

    \b
    Example:
        tm --db postgresql://tm@dbhost/team optimize
    """
    from tm.memory.store import merge_index, open_store

    runs, rewritten = merge_index(open_store(ctx.obj["db_path"], create=False))
    click.echo(f"Index: {runs:,} run{'s' if runs != 1 else ''}"
               + (" merged into one" if runs > 1 else
                  ", its rows rewritten in this database's form" if rewritten else ", nothing to merge"))


@cli.command("warm")
@click.pass_context
def warm_cmd(ctx):
    """Read the whole database into the page cache, so the first matches after a restart are fast.

    A server (or a machine) just restarted reads every page a match needs from disk, one
    random read at a time; this reads the database once, sequentially. Run it after the
    database server starts (on a server: needs the pg_prewarm extension). Changes nothing.

    \b
    Example:
        tm --db postgresql://tm@dbhost/team warm
    """
    from tm.memory.store import open_store, warm

    done = warm(open_store(ctx.obj["db_path"], create=False))
    text = _warmed(ctx.obj["db_path"], done)
    click.echo(text[0].upper() + text[1:])


# --- editing by hand (tm.memory.edit) -------------------------------------------------

def _edit_db(ctx):
    from tm.memory.store import open_store

    return open_store(ctx.obj["db_path"], create=False)


def _unit_line(u) -> str:
    flags = [u.status] + (["edited"] if u.edited else []) + (["orphan"] if u.orphaned else [])
    # printable: a unit's text may hold control characters (an OSC sequence the terminal
    # would obey); tm show escaped them, the lines after an edit did not
    return printable(f"  {u.key}  [{', '.join(flags)}]  {u.zh or '(no Chinese)'}  |  {u.en or '(no English)'}")


def _report(change, what: str) -> None:
    if change.id is None:
        click.echo(f"Nothing changed: {', '.join(change.keys) or 'no unit'} already so.")
        return
    who = f" by {change.who}" if change.who else ""
    click.echo(printable(f"#{change.id} {what}{who}: {', '.join(change.keys)}"))
    for u in change.after:
        click.echo(_unit_line(u))
    if change.removed:
        click.echo(f"  removed: {', '.join(change.removed)}")


@cli.command("pairs")
@format_option()
@click.pass_context
def pairs_cmd(ctx, fmt):
    """Document pairs in the memory, with their units by state.

    `orphans` are units a person edited or reviewed whose sentences are gone from the
    re-aligned documents: kept until deleted (tm delete KEY).

    \b
    Example:
        tm pairs
        tm pairs --format json
    """
    from tm.memory.edit import list_pairs

    rows = list_pairs(_edit_db(ctx))
    if not rows:
        click.echo("No document pairs (tm align ZH_FILE EN_FILE).", err=True)
        if fmt == "table":
            return
    emit([{"pair": p.name, "units": p.units, "unaligned": p.unaligned, "needs_review": p.needs_review,
           "reviewed": p.reviewed, "edited": p.edited, "orphans": p.orphans, "zh": p.zh_path, "en": p.en_path,
           "changed": p.changed} for p in rows], fmt,
         ["pair", "units", "unaligned", "needs_review", "reviewed", "edited", "orphans"]
         + ([] if fmt == "table" else ["zh", "en", "changed"]))


@cli.command("show")
@click.argument("key")
@format_option("table", "json")
@click.pass_context
def show_cmd(ctx, key, fmt):
    """Show a unit: its text by sentence, state, neighbours and history.

    KEY is PAIR:NNNN as every command prints it (PAIR:N works too).

    \b
    Example:
        tm show tianjin-ai-action-plan-2025-2027:0042
    """
    from dataclasses import asdict

    from tm.memory.edit import unit_detail

    d = unit_detail(_edit_db(ctx), key)
    if fmt == "json":
        emit([asdict(d)], "json", [])
        return
    u = d.unit
    conf = "" if u.confidence is None else f", confidence {u.confidence:.2f}"
    where = f"{u.pair}, position {u.position}" if u.pair else "no pair"
    click.echo(f"{u.key}  ({where}, {u.shape or 'no shape'}{conf}, {u.origin}, {u.status})")
    if u.edited:
        click.echo(f"edited {u.edited}" + (f" by {u.changed_by}" if u.changed_by else ""))
    if u.orphaned:
        click.echo(f"orphan since {u.orphaned}: its sentences are gone from the documents")
    for label, sentences in (("zh", d.zh_sentences), ("en", d.en_sentences)):
        click.echo(f"{label}:" + ("" if sentences else " (none)"))
        for k, s in enumerate(sentences, 1):
            # "1:", not "1.": a sentence that opens with its own list number (3. Keep the
            # meter …, a claim's 1. A composite …) read "1. 3. Keep …"
            click.echo(f"  {k}: {printable(s)}")
    click.echo(f"previous: {d.previous or '-'}  next: {d.next or '-'}")
    for c in d.history:
        state = f" (undone {c.undone})" if c.undone else ""
        click.echo(f"#{c.id} {c.at} {c.op}" + (f" by {c.who}" if c.who else "") + state)


@cli.command("edit")
@click.argument("key")
@click.option("--zh", metavar="TEXT", help="The new Chinese text.")
@click.option("--en", metavar="TEXT", help="The new English text.")
@click.option("--status", type=click.Choice(["reviewed", "needs-review", "translated", "keep"]),
              default="reviewed", show_default=True, help="The unit's status afterwards.")
@by_option()
@click.pass_context
def edit_cmd(ctx, key, zh, en, status, who):
    """Correct a unit's text. Recorded (tm history) and undoable (tm undo).

    \b
    Example:
        tm edit tianjin-ai-action-plan-2025-2027:0042 --en "Support computing power research."
    """
    from tm.memory.edit import edit_unit

    if zh is None and en is None:
        raise ToolError("give --zh TEXT, --en TEXT or both")
    _report(edit_unit(_edit_db(ctx), key, zh=zh, en=en, status=None if status == "keep" else status,
                      who=person(who)), "edit")


@cli.command("merge")
@click.argument("keys", nargs=-1, required=True)
@by_option()
@click.pass_context
def merge_cmd(ctx, keys, who):
    """Merge neighbouring units of a pair into the first (Chinese joined, English with a space).

    \b
    Example:
        tm merge plan:0041 plan:0042
    """
    from tm.memory.edit import merge_units

    _report(merge_units(_edit_db(ctx), keys, who=person(who)), "merge")


@cli.command("split")
@click.argument("key")
@click.option("--zh-at", type=click.IntRange(0), required=True, metavar="N",
              help="Chinese sentences that stay in the first part.")
@click.option("--en-at", type=click.IntRange(0), required=True, metavar="M",
              help="English sentences that stay in the first part.")
@by_option()
@click.pass_context
def split_cmd(ctx, key, zh_at, en_at, who):
    """Split a unit in two after N Chinese and M English sentences (see tm show KEY).

    The first part keeps KEY; the second gets the pair's next free number.

    \b
    Example:
        tm split plan:0042 --zh-at 1 --en-at 2
    """
    from tm.memory.edit import split_unit

    _report(split_unit(_edit_db(ctx), key, zh_at=zh_at, en_at=en_at, who=person(who)), "split")


@cli.command("unalign")
@click.argument("key")
@by_option()
@click.pass_context
def unalign_cmd(ctx, key, who):
    """Undo an alignment: each sentence of the unit becomes an unaligned unit.

    \b
    Example:
        tm unalign plan:0042
    """
    from tm.memory.edit import unalign_unit

    _report(unalign_unit(_edit_db(ctx), key, who=person(who)), "unalign")


@cli.command("delete")
@click.argument("keys", nargs=-1, required=True)
@by_option()
@click.pass_context
def delete_cmd(ctx, keys, who):
    """Remove units from the memory (e.g. orphans). Undoable.

    \b
    Example:
        tm delete plan:0140 plan:0141
    """
    from tm.memory.edit import delete_units

    _report(delete_units(_edit_db(ctx), keys, who=person(who)), "delete")


@cli.command("mark")
@click.argument("keys", nargs=-1, required=True)
@click.option("--reviewed", "status", flag_value="reviewed", default=True, help="Mark reviewed (default).")
@click.option("--needs-review", "status", flag_value="needs-review", help="Mark as still to review.")
@click.option("--translated", "status", flag_value="translated", help="Mark as plain translated.")
@by_option()
@click.pass_context
def mark_cmd(ctx, keys, status, who):
    """Set the status of units. Reviewed units are kept when their pair is aligned again.

    \b
    Example:
        tm mark plan:0042 plan:0043 --reviewed
    """
    from tm.memory.edit import mark_units

    _report(mark_units(_edit_db(ctx), keys, status=status, who=person(who)), f"mark {status}")


@cli.command("undo")
@click.argument("change", type=int, required=False)
@by_option()
@click.pass_context
def undo_cmd(ctx, change, who):
    """Undo your latest change (or change number CHANGE, see tm history).

    Without CHANGE: the latest change not undone made by you (--by, else $TM_USER, else the
    login name), so that on a shared memory a colleague's later change is not the one undone.

    \b
    Example:
        tm undo
        tm undo 12
    """
    from tm.memory.edit import undo

    c = undo(_edit_db(ctx), change, who=person(who), mine=person(who))
    click.echo(f"Undid #{c.id} {c.op}: {', '.join(c.keys)}")
    for u in c.before:
        click.echo(_unit_line(u))


@cli.command("history")
@click.option("--key", metavar="KEY", help="Only changes of this unit.")
@click.option("--pair", metavar="NAME", help="Only changes of this pair's units.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Most changes shown.")
@format_option()
@click.pass_context
def history_cmd(ctx, key, pair, limit, fmt):
    """Changes made by hand (and re-alignments), newest first.

    \b
    Example:
        tm history
        tm history --key plan:0042 --format json
    """
    from dataclasses import asdict

    from tm.memory.edit import history, resolve
    from tm.memory.store import require_pair

    db = _edit_db(ctx)
    require_pair(db, pair)
    changes = history(db, key=resolve(db, key, gone_too=True) if key else None, pair=pair, limit=limit)
    if not changes:
        click.echo("No changes.", err=True)
        if fmt == "table":
            return
    if fmt in ("json", "jsonl"):
        emit([asdict(c) for c in changes], fmt, [])
        return
    emit([{"change": c.id, "at": c.at, "op": c.op, "who": c.who or "",
           "undone": c.undone or "" if c.undoable else "(cannot undo)", "units": " ".join(c.keys),
           "note": c.note or ""} for c in changes], fmt, ["change", "at", "op", "who", "undone", "units", "note"])


# --- serve (tm.serve) -----------------------------------------------------------------

@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address needs an access token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port (0: any free one).")
@click.option("--token", metavar="TOKEN",
              help="Access token every client must present (generated when --host is not a loopback address).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another name the server is reached by (checked against the Host header). Repeatable.")
@click.option("--user", metavar="NAME",
              help="Who the changes are recorded as (default: $TM_USER, else the login name).")
@click.option("--open", "open_browser", is_flag=True, help="Open the workbench in the default browser.")
@click.option("--warm", is_flag=True,
              help="Meanwhile read the database into the page cache (as tm warm), so the first matches after "
                   "a restart are fast; one line on stderr when done.")
@click.pass_context
def serve_cmd(ctx, host, port, token, allow_hosts, user, open_browser, warm):
    """Review in the browser: alignment, terms, findings and search over the database.

    A local web app: fix alignments (merge, split, move a sentence, unalign, edit,
    mark reviewed; every change saved at once and undoable), approve or reject
    terms, look through the consistency report and a QA run. It listens on
    127.0.0.1 only, answers only to that address, and needs the page's token for
    every change. Scripts and CAT-tool plugins use its JSON API (POST /api/match,
    GET /api/search, GET /api/lookup, POST /api/qa; docs/workbench.md), with
    Authorization: Bearer TOKEN when it has a token. Ctrl+C stops it.

    \b
    Example:
        tm --db plan.db serve --open
        tm --db plan.db serve --host 0.0.0.0 --port 8800   # prints a URL with a token
        tm --db postgresql://tm@dbhost/team serve --host 0.0.0.0 --warm
    """
    import threading
    import webbrowser

    from tm.serve import create_app, make_server, stop, url_of
    from tm.serve.security import is_loopback, new_token

    if token is not None and not token.strip():
        raise ToolError("--token: an empty token protects nothing")
    if token is None and not is_loopback(host):
        token = new_token()
    app = create_app(ctx.obj["db_path"], host=host, port=port, token=token, allow_hosts=allow_hosts,
                     user=person(user) or "workbench")
    try:
        server = make_server(app, host=host, port=port)
    except OSError as exc:
        raise ToolError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    url = url_of(server, host, token)
    click.echo(f"Workbench of {database_name(ctx.obj['db_path'])}: {url}  (Ctrl+C stops it)", err=True)
    if open_browser:
        webbrowser.open(url)
    if warm:
        threading.Thread(target=_warm_beside, args=(ctx.obj["db_path"],), daemon=True, name="warm").start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)


def _warm_beside(target) -> None:
    """``tm serve --warm``: warm the database on a connection of its own while the server
    answers; what it read, or why it could not, as one line on stderr."""
    from tm.memory.store import open_store, warm

    try:
        click.echo(f"Warm: {_warmed(target, warm(open_store(target, create=False)))}", err=True)
    except ToolError as exc:
        click.echo(f"Warning: not warmed: {exc}", err=True)


def _warmed(target, done) -> str:
    from tm.memory.pg import is_url

    what = "relation" if is_url(target) else "file"
    return (f"read {done.parts:,} {what}{'s' if done.parts != 1 else ''} ({done.bytes / 2**20:,.1f} MB) "
            f"into the page cache in {done.seconds:.1f} s")


@cli.command("copy")
@click.argument("source", metavar="SRC", type=click.Path(readable=False))   # any bytes; checked by open_database
@click.argument("destination", metavar="DST", type=click.Path(readable=False))
def copy_cmd(source, destination):
    """Copy a whole database (memory, term base, history) from SRC to DST, losslessly.

    SRC and DST are SQLite files or postgresql:// URLs; DST must be new or empty.
    One transaction: on error DST is left as it was.

    \b
    Examples:
        tm copy tm.db postgresql://tm@dbhost/team
        tm copy postgresql://tm@dbhost/team backup.db
    """
    import sqlite3

    from tm.memory.copy import copy_database
    from tm.memory.db import explain, open_database

    source, destination = resolve_db_path(source, "SRC"), resolve_db_path(destination, "DST")
    src = open_database(source, create=False)
    try:
        report = copy_database(src, open_database(destination))
    except sqlite3.DatabaseError as exc:     # SRC's are named where it is read: this is DST's
        raise (explain(exc, destination) or exc) from None
    total = sum(report.tables.values())
    click.echo(f"Copied {total:,} rows: " + ", ".join(f"{t} {n:,}" for t, n in report.tables.items() if n))
