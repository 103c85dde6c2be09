"""The ``glossary`` command line: thin commands over the ``glossary`` library."""

from __future__ import annotations

import functools
import sys
from pathlib import Path


import click

from tm.cli import (CONTEXT_SETTINGS, EXIT_ERROR, EXIT_FOUND_NOTHING_OR_PROBLEMS, FORMATS, ProgressBar,
                    ToolGroup, by_option, color_option, emit, file_name, format_option, one_line, person,
                    quiet_option, resolve_db_path, source_option, use_color)
from tm import ToolError, printable

from glossary import __version__
from glossary.models import KINDS, STATUSES


@click.group(cls=ToolGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="glossary")
@click.option("--db", "db_path", metavar="PATH|URL",
              help="The database shared with tm: an SQLite file or postgresql://user@host/dbname "
                   "(default: $TM_DB, else ./tm.db).")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None):
    """Chinese-English term base: extract, look up, check, QA, export.

    \b
    Example:
        glossary --db plan.db extract
        glossary --db plan.db lookup 康养
    """
    ctx.obj = {"db_path": resolve_db_path(db_path)}


# --------------------------------------------------------------------------- term base
# (extract / add / approve / reject / edit / import / export / lookup / check / pipeline)

def _termbase(ctx: click.Context, *, create: bool = False):
    """The term base; only commands that add terms (``create``) make a new database."""
    from glossary.termbase.store import open_termbase
    return open_termbase(ctx.obj["db_path"], create=create)


def _split_values(values) -> list[str]:
    return [v.strip() for value in values for v in value.split("|") if v.strip()]


def _entry_line(entry) -> str:
    en = " | ".join(entry.approved) or "-"
    extra = f"; forbidden: {' | '.join(entry.forbidden)}" if entry.forbidden else ""
    return _line(f"{entry.zh} ({entry.pinyin}) [{entry.status}]: {en}{extra}")


def _line(text: str) -> str:
    """Term-base text as one printed line: :func:`printable` (which keeps line feeds, for
    texts shown whole) and line breaks as ``\\n``, so that a note or a ``--by`` name holding
    one never spreads a change of ``glossary history`` over lines that read as others."""
    return one_line(printable(text))


@cli.command("extract", context_settings=CONTEXT_SETTINGS)
@click.option("--min-score", type=float, default=None,
              help="Lowest termhood score kept (default: the extractor's default).")
@click.option("--pair", metavar="NAME", help="Only the units of this document pair.")
@format_option()
@quiet_option()
@click.pass_context
def extract_command(ctx, min_score, pair, fmt, quiet):
    """Extract candidate terms from the memory's units and store them.

    New terms are stored as candidates; entries already in the term base keep their
    status. The renderings the memory used (with counts and unit ids) are stored for
    `lookup` and `check`, replacing those of the previous run. `--format jsonl` prints one
    candidate a line:
    {"zh", "pinyin", "en", "renderings": [{"en", "count"}], "count", "score"}.

    \b
    Example:
        glossary extract
        glossary extract --format jsonl | head -3
    """
    from tm import require_pair

    from glossary.extract.extractor import candidate_to_json
    from glossary.pipeline import refresh_candidates
    db = _termbase(ctx)
    require_pair(db, pair)
    with ProgressBar("Extracting terms", quiet=quiet) as bar:
        candidates, units = refresh_candidates(db, pair=pair, min_score=min_score, progress=bar)
    if fmt in ("jsonl", "json"):
        emit([candidate_to_json(c) for c in candidates], fmt, [])
        return
    rows = [{"zh": c.zh, "pinyin": c.pinyin, "en": c.en or "", "renderings": len(c.renderings),
             "count": c.count, "score": c.score} for c in candidates]
    emit(rows, fmt, ["zh", "pinyin", "en", "renderings", "count", "score"])
    click.echo(f"{len(candidates)} candidates from {units} units stored.", err=True)


_KIND = click.Choice(list(KINDS))
_STATUS = click.Choice(list(STATUSES))


def _entry_options(*, editing: bool):
    """The options of `glossary add` and `glossary edit`: the fields of an entry. Editing
    replaces what is stored; adding merges, and new entries are approved by default."""
    many = " (replace the stored ones)" if editing else " (repeat, or separate with |)"

    def decorate(command):
        for option in reversed([
            click.option("--en", "en", multiple=True, help="Approved rendering" + many + "."),
            click.option("--forbidden", multiple=True, help="Forbidden rendering" + many + "."),
            click.option("--kind", type=click.Choice([*KINDS, ""]) if editing else _KIND,
                         help="Kind of term" + (" ('' clears it)." if editing else ".")),
            click.option("--note", help="Definition or usage note."),
            click.option("--definition", help="Definition."),
            click.option("--source", help="Where the rendering comes from (URL or publication)."),
            click.option("--pinyin", help="Pinyin with tone marks (default: computed)."),
            click.option("--part", "parts", multiple=True,
                         help="Part of a coordinated form (repeat" + ("; replaces" if editing else "") + ")."),
            click.option("--status", type=_STATUS, default=None,
                         help="Entry status." if editing else
                         "Entry status [default: approved; an entry rejected before stays rejected]."),
        ]):
            command = option(command)
        return command
    return decorate


@cli.command("add", context_settings=CONTEXT_SETTINGS)
@click.argument("zh")
@_entry_options(editing=False)
@by_option()
@click.pass_context
def add_command(ctx, zh, en, forbidden, kind, note, definition, source, pinyin, parts, status, who):
    """Add a term, or merge into the existing entry for ZH (renderings are added).

    An entry is never approved without a rendering: give --en, or --forbidden alone for a
    rendering never to use (a --status candidate may wait for one).

    \b
    Example:
        glossary add 康养 --en "health and wellness" --forbidden "Health Care" --kind "policy term"
    """
    from glossary.models import Entry
    from glossary.termbase.store import add_entry, get_entry
    for option, values in (("--en", en), ("--forbidden", forbidden)):
        if any(not _split_values([value]) for value in values):     # an unset variable?
            raise click.BadParameter("an empty rendering", param_hint=f"'{option}'")
    db = _termbase(ctx, create=True)
    if status is None:      # a rejection stands unless asked (add --forbidden X approved a rejected term)
        old = get_entry(db, zh)
        status = "rejected" if old is not None and old.status == "rejected" else "approved"
    entry = add_entry(db, Entry(
        zh=zh, pinyin=pinyin or "", approved=_split_values(en), forbidden=_split_values(forbidden),
        kind=kind, note=note, definition=definition, source=source, status=status,
        parts=list(parts)), who=person(who))
    click.echo(_entry_line(entry))


@cli.command("approve", context_settings=CONTEXT_SETTINGS)
@click.argument("zh")
@click.option("--en", "en", multiple=True,
              help="Approved rendering to add (default: the memory's most used one).")
@by_option()
@click.pass_context
def approve_command(ctx, zh, en, who):
    """Approve the entry for ZH.

    \b
    Example:
        glossary approve 算力 --en "computing power"
    """
    from glossary.termbase.store import set_status
    click.echo(_entry_line(set_status(_termbase(ctx), zh, "approved", en=_split_values(en), who=person(who))))


@cli.command("reject", context_settings=CONTEXT_SETTINGS)
@click.argument("zh")
@by_option()
@click.pass_context
def reject_command(ctx, zh, who):
    """Reject the candidate ZH (kept, so extraction does not propose it again as new).

    \b
    Example:
        glossary reject 推动
    """
    from glossary.termbase.store import set_status
    click.echo(_entry_line(set_status(_termbase(ctx), zh, "rejected", who=person(who))))


@cli.command("edit", context_settings=CONTEXT_SETTINGS)
@click.argument("zh")
@_entry_options(editing=True)
@by_option()
@click.pass_context
def edit_command(ctx, zh, en, forbidden, kind, note, definition, source, pinyin, parts, status, who):
    """Change the entry for ZH; options not given are left as they are.

    \b
    Example:
        glossary edit 两重 --pinyin "liǎng zhòng" --note "major strategies and security in key areas"
    """
    from glossary.termbase.store import edit_entry
    entry = edit_entry(
        _termbase(ctx), zh, en=_split_values(en) if en else None,
        forbidden=_split_values(forbidden) if forbidden else None, kind=kind, note=note,
        definition=definition, source=source, pinyin=pinyin,
        parts=[p for p in parts if p.strip()] if parts else None, status=status, who=person(who))
    click.echo(_entry_line(entry))


@cli.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("path", type=click.Path(allow_dash=True, readable=False))
@click.option("--status", type=_STATUS, default="approved", show_default=True,
              help="Status of entries whose file gives none.")
@click.option("--partial", is_flag=True,
              help="Review sheet: apply the good rows even when others have problems.")
@click.option("--strict", is_flag=True,
              help="All or nothing: an entry with an empty side is an error.")
@click.option("--overwrite", is_flag=True,
              help="Let the file's decisions win over the term base's (a forbidden rendering it "
                   "approves, an approved term it rejects…); without it such rows are refused.")
@by_option()
@click.pass_context
def import_command(ctx, path, status, partial, strict, overwrite, who):
    """Import a glossary file: TBX (2008 or v3), MultiTerm XML, Excel .xlsx, CSV/TSV, OmegaT .txt.

    Either direction: without zh/en column names (OmegaT, or source/target headers),
    the Chinese and English columns are told from their text; a file with no Chinese or
    no English column is refused. UTF-8 or UTF-16 (with or without BOM), GB18030 or Big5.
    Columns other than the known ones are kept in the note. Entries with an empty side
    are skipped and counted (--strict: an error).

    CSV/TSV headers name the zh and en columns (or language tags such as zh-CN, en-US,
    Chinese/English, 中文/英文, or source/target, 原文/译文); optional columns: forbidden,
    note (备注), kind, source, status, pinyin (拼音), definition, parts. An Excel workbook:
    each visible sheet whose header (in its first 10 rows, titles above it left out)
    names them, read as a CSV; other sheets are named in a note.
    Several renderings: several rows, or separated by | in one cell. Entries already
    in the term base are merged (renderings added, candidates decided); a row that would
    overturn a decision of the term base (approve a forbidden rendering, forbid an approved
    one, reject an approved term, approve a rejected one) is refused with its file and
    line, and nothing is imported, unless --overwrite. A bad file writes nothing.

    A CSV/TSV/.xlsx with a `decision` column is a review sheet (from `glossary export
    --format csv|xlsx --status candidate`): approve (the rendering in en), edit (en as
    rewritten replaces the renderings), reject, or empty (no decision). Unknown
    decisions, terms listed twice and terms no longer in the term base are reported
    one a line with file and line, and nothing is applied unless every row can be
    (or --partial).

    \b
    Example:
        glossary import glossary/data/tianjin-ai-plan.glossary.tsv
        glossary import reviewed.csv --partial
        glossary import client-terms.xlsx
        glossary import termbase-export.xml       # MultiTerm XML from Trados
    """
    import os
    import stat
    import tempfile

    from tm import open_binary, read_bounded

    shown = file_name(path)
    try:
        special = path == "-" or not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False         # missing or unreadable: the readers below say so in one line
    if special:
        # a pipe, FIFO, device or stdin can be read only once: read it (bounded) to a private
        # temporary file, which both readers below may open
        with open_binary(path) as (fh, name):
            data = read_bounded(fh, name=name)
        spool = tempfile.NamedTemporaryFile(prefix="glossary-import-", suffix=Path(path).suffix or ".tsv",
                                            delete=False)
        with spool:
            spool.write(data)
        ctx.call_on_close(lambda: os.unlink(spool.name))
        path, shown = spool.name, file_name(name)
        try:                    # errors name the stream the user gave, not the private copy
            return _import_file(ctx, path, shown, status, partial, strict, overwrite, person(who))
        except ToolError as err:
            raise ToolError(str(err).replace(path, shown)) from None
    return _import_file(ctx, path, shown, status, partial, strict, overwrite, person(who))


def _import_file(ctx, path: str, shown: str, status: str, partial: bool, strict: bool,
                 overwrite: bool, who: str | None) -> None:
    """``glossary import`` of a regular file ``path``; ``shown``: its name for messages."""
    from glossary.termbase.review import apply_review, is_review_file
    if is_review_file(path):
        result = apply_review(_termbase(ctx), path, partial=partial, who=who)
        for problem in result.problems:
            click.echo(one_line(f"Error: {problem}".replace(path, shown)), err=True)
        if result.applied:
            click.echo(f"{shown}: {len(result.approved)} approved, {len(result.edited)} edited, "
                       f"{len(result.rejected)} rejected, {result.undecided} without a decision"
                       + (f", {result.already} already as decided" if result.already else "")
                       + (f"; {len(result.problems)} rows with problems not applied" if result.problems else "")
                       + ".")
        else:
            click.echo(f"{shown}: nothing applied ({len(result.problems)} rows with problems; "
                       "fix them or use --partial).", err=True)
        if result.problems:
            ctx.exit(EXIT_ERROR)
        return
    from glossary.termbase.store import iter_glossary_file, merge_entries
    from tm import Skipped
    skipped = Skipped()
    from itertools import chain
    loaded = iter_glossary_file(path, default_status=status, skipped=None if strict else skipped)
    first = next(loaded, None)      # what the reader refuses before its first entry: before the term base opens
    result = merge_entries(_termbase(ctx, create=True), chain([first] if first else [], loaded), keep=False,
                           overwrite=overwrite, who=who)
    click.echo(f"{shown}: {result.added} added, {result.merged} merged "
               f"({result.added + result.merged} rows read).")
    if result.kept:
        click.echo("Kept as the term base has them, where the file has another: "
                   + ", ".join(f"{n} {field}{'s' * (n > 1)}" for field, n in result.kept.items())
                   + " (--overwrite takes the file's).")
    for line in skipped.summary():
        click.echo(line)
    for note in skipped.notes():
        click.echo(one_line(f"note: {shown}: {note}"), err=True)


@cli.command("delete", context_settings=CONTEXT_SETTINGS)
@click.argument("zh", nargs=-1, required=True)
@by_option()
@click.pass_context
def delete_command(ctx, zh, who):
    """Remove entries from the term base (recorded: `glossary undo` brings one back).

    To keep extraction from proposing a term again, reject it instead (glossary reject).

    \b
    Example:
        glossary delete 推动 加快
    """
    from glossary.termbase.store import delete_entries
    for entry in delete_entries(_termbase(ctx), list(dict.fromkeys(zh)), who=person(who)):
        click.echo(f"deleted {_entry_line(entry)}")


@cli.command("history", context_settings=CONTEXT_SETTINGS)
@click.argument("zh", required=False)
@click.option("--limit", type=click.IntRange(1, 2**63 - 1), default=None, metavar="N",
              help="The N latest changes.")
@format_option("table", "json", "jsonl", "csv")
@click.pass_context
def history_command(ctx, zh, limit, fmt):
    """The changes people made to the term base, newest first (of ZH alone if given).

    Each change: its number, when, what (add, approve, reject, edit, import, review,
    delete), who, the term and what changed; `glossary undo N` puts it back, `glossary
    undo --whole N` every entry of the write it was part of (a whole import).

    \b
    Example:
        glossary history
        glossary history 康养 --format json
    """
    from glossary.termbase.history import history
    changes = history(_termbase(ctx), zh, limit=limit)
    if not changes:
        click.echo("No changes recorded" + (f" for {_line(zh)}." if zh else "."), err=True)
        if fmt == "table":
            return
    if fmt == "table":
        for c in changes:
            state = f" (undone {c.undone}" + (f" by {c.undone_by}" if c.undone_by else "") + ")" if c.undone else ""
            click.echo(_line(f"#{c.id} {c.at} {c.op}" + (f" by {c.who}" if c.who else "")
                                 + f": {c.zh}: {c.summary()}{state}"))
        return
    emit([{"id": c.id, "at": c.at, "who": c.who, "op": c.op, "zh": c.zh, "before": c.before, "after": c.after,
           "undone": c.undone, "undone_by": c.undone_by, "summary": c.summary(), "batch": c.batch}
          for c in changes], fmt,
         ["id", "at", "who", "op", "zh", "summary", "undone", "undone_by", "batch"] if fmt == "csv" else [])


@cli.command("undo", context_settings=CONTEXT_SETTINGS)
@click.argument("change", type=click.IntRange(1, 2**63 - 1), required=False)
@click.option("--whole", is_flag=True,
              help="Undo every change of the write CHANGE was made in (a whole import, a review sheet, "
                   "a deletion of several terms): all or none.")
@by_option()
@click.pass_context
def undo_command(ctx, change, whole, who):
    """Undo a change of the term base (default: your latest not undone; see glossary history).

    Without CHANGE: the latest change not undone made by you (--by, else $TM_USER, else the
    login name), so that on a shared term base a colleague's later change is not the one
    undone.

    The entry's decisions go back to what the change found: an entry it added is removed,
    one it deleted comes back. Refused when the entry changed since (undo the later
    change first). With --whole, every entry the same write changed goes back, in one
    transaction, or none does.

    \b
    Example:
        glossary undo
        glossary undo 12
        glossary undo --whole        # the whole of your latest import
    """
    from glossary.termbase.store import get_entry, undo_changes
    db = _termbase(ctx)
    done = undo_changes(db, change, who=person(who), mine=person(who), whole=whole)
    if len(done) > 1:
        ops = sorted({c.op for c in done})
        click.echo(_line(f"Undid {len(done)} changes of one write ({', '.join(ops)}; "
                         f"#{done[-1].id}–#{done[0].id}): {', '.join(c.zh for c in done[:5])}"
                         f"{' …' if len(done) > 5 else ''}"))
        return
    done = done[0]
    click.echo(_line(f"Undid #{done.id} {done.op} of {done.zh}: {done.summary()}"))
    entry = get_entry(db, done.zh)
    click.echo(_entry_line(entry) if entry else _line(f"{done.zh}: no longer in the term base"))



@cli.command("export", context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx3", "csv", "tsv", "omegat", "xlsx"]),
              help="tbx: TBX 2008 <martif>; tbx3: TBX v3 TBX-Basic; omegat: OmegaT glossary; "
                   "xlsx: Excel workbook, the CSV's columns "
                   "[default: from the -o name's extension (.tbx .csv .tsv .xlsx; .txt/.utf8: omegat), "
                   "else tbx].")
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH|-",
              help="Output file (OmegaT wants .txt or .utf8); - for stdout.")
@click.option("--status", type=click.Choice(["approved", "candidate", "all"]), default="approved",
              show_default=True,
              help="Which entries to export (all: also candidates, rejected). Candidates carry "
                   "the renderings the memory used, most used first; as csv/tsv/xlsx they form a "
                   "review sheet with a decision column for `glossary import`.")
@click.option("--forbidden/--no-forbidden", default=True, show_default=True,
              help="Include forbidden renderings (TBX: as deprecated terms, which OmegaT "
                   "would still offer as translations).")
@click.option("--excel", is_flag=True,
              help="CSV/TSV: start with a UTF-8 byte-order mark, so that Excel shows the Chinese "
                   "(glossary import reads it back).")
@click.pass_context
def export_command(ctx, fmt, output, status, forbidden, excel):
    """Export the term base for CAT tools and spreadsheets.

    \b
    Example:
        glossary export --format tbx -o plan.tbx
        glossary export --format omegat -o glossary/plan.txt
        glossary export --status candidate -o review.xlsx
    """
    from tm import check_output_path

    from glossary.termbase.review import review_usage, write_review, write_review_xlsx
    from glossary.termbase.store import export_entries, export_view
    if fmt is None:            # -o terms.csv writes CSV, not TBX under a .csv name
        fmt = {".tbx": "tbx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "omegat",
               ".utf8": "omegat", ".xlsx": "xlsx"}.get(Path(output).suffix.lower(), "tbx") if output != "-" else "tbx"
    if excel and fmt not in ("csv", "tsv"):
        raise ToolError("--excel applies to csv and tsv only" + (" (an .xlsx file is Excel's own)" if fmt == "xlsx" else ""))
    if fmt == "xlsx" and output == "-" and sys.stdout.isatty():
        raise ToolError("an .xlsx workbook is binary: give -o FILE.xlsx (or redirect the output)")
    bom = b"\xef\xbb\xbf" if excel else b""
    check_output_path(output, database=ctx.obj["db_path"])
    db = _termbase(ctx)
    chosen = export_view(db, status)
    if not chosen:
        click.echo(f"nothing to export: no {'' if status == 'all' else status + ' '}entries", err=True)
        if fmt in ("tbx", "tbx3"):        # a TBX body needs an entry: write no file
            ctx.exit(EXIT_FOUND_NOTHING_OR_PROBLEMS)
    if status == "candidate" and fmt == "xlsx":
        _write_output(output, write_review_xlsx(chosen, review_usage(db, chosen)))
        return
    if status == "candidate" and fmt in ("csv", "tsv"):
        data = write_review(chosen, review_usage(db, chosen), delimiter="," if fmt == "csv" else "\t")
        _write_output(output, bom + data.encode("utf-8"))
        return
    _write_output(output, bom + export_entries(chosen, fmt, forbidden=forbidden))


def _write_output(output: str, data: bytes) -> None:
    """``data`` to ``-`` or a file, whole or not at all (:func:`tm.formats.output.open_output`)."""
    from tm import write_output
    if output == "-" and sys.stdout.isatty() and not data.startswith(b"PK"):   # a person reads it: no escape sequences
        data = printable(data.decode("utf-8")).encode("utf-8")
    write_output(output, data)


# --- glossary qa ---------------------------------------------------------------

def _qa_style(text: str, severity: str) -> str:
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}[severity]
    return click.style(text, fg=colour, bold=True, underline=True)


@cli.command("qa", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--zh", "zh_path", metavar="FILE",
              help="Chinese document (with --en): text, .docx, .xlsx, HTML or Markdown.")
@click.option("--en", "en_path", metavar="FILE",
              help="Its English translation; the two are aligned first. Alone: English-only checks.")
@source_option("With --zh/--en: the original's language (en: the English is the source and the "
               "Chinese the translation to check).")
@click.option("--glossary", "glossary_paths", multiple=True, metavar="PATH",
              help="Term list (TBX, CSV/TSV) used with the approved terms of --db. Repeatable.")
@click.option("--checks", "only", multiple=True, metavar="A,B",
              help="Run only these checks (default: all).")
@click.option("--skip", multiple=True, metavar="CHECK", help="Leave a check out. Repeatable.")
@click.option("--severity", multiple=True, metavar="CHECK=LEVEL",
              help="Set a check's severity: error, warning or info. Repeatable.")
@format_option("table", "jsonl", "junit", "csv", "html")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
              show_default=True, help="Exit 1 when a finding is at this severity or above.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Processes for the segment checks (worth trying on large files and idle cores).")
@color_option()
@quiet_option()
@click.pass_context
def qa_command(ctx: click.Context, paths, zh_path, en_path, source, glossary_paths, only, skip, severity,
               fmt, fail_on, jobs, color, quiet):
    """QA a new Chinese→English translation: terms, numbers, acronyms, punctuation…

    Reads TSV/CSV (zh/en columns, optional id; an English original: source/target
    columns or a srclang column), TMX or XLIFF files, or two plain-text documents
    (--zh/--en, aligned first); --en alone checks an English-only document
    (untranslated, punctuation, brackets). Checks: empty, untranslated, terminology,
    forbidden-term, number, acronym, punctuation, brackets, mixed-script, codes,
    negation, inconsistency. Default severity: error, except inconsistency, a negation
    the target lacks or adds, doubled spaces/punctuation, a space before a mark, a lost source
    bracket pair and a spelt-out acronym (warning), curly quotes, a question or a
    sentence's end the target does not keep and a term rendered two approved ways
    (info). Exit status: 0 no finding at --fail-on severity (default error) or
    above, 1 some, 2 bad usage or unreadable input (as every command).

    \b
    Example:
        glossary --db plan.db qa new.tsv
        glossary qa --zh plan.zh.txt --en plan.en.txt --glossary terms.tbx
        glossary qa new.xliff --skip acronym --severity number=warning --format jsonl
        glossary qa --en seeds/news-world-intelligence-expo-2024.en.txt
        glossary qa new.tsv --format html > qa.html   # one self-contained file for CI
    """
    from glossary.qa.run import make_config, memory_lookup, run_qa
    from glossary.qa.inputs import load_pairs, load_terms
    from glossary.qa.reports import csv_report, human_report, jsonl_report, junit_report
    from glossary.termbase.ignore import drop_ignored

    if zh_path and not en_path:
        raise click.UsageError("--zh needs --en")
    if en_path and not zh_path and paths:
        raise click.UsageError("--en alone (an English-only document) takes no other files")
    if not paths and not en_path:
        raise click.UsageError("give files to check, or --zh FILE --en FILE")
    if source == "en" and not zh_path:
        raise click.UsageError("--source en goes with --zh FILE --en FILE (a file's direction is its own)")
    try:
        config = make_config(only=only, skip=skip, severity=severity,
                             english_only=bool(en_path and not zh_path))
        terms, db = load_terms(ctx.obj["db_path"], glossary_paths)
        notes: list[str] = []
        pairs = load_pairs(paths, zh_path=zh_path, en_path=en_path,
                           glossary={t.zh: t.approved for t in terms if t.approved}, notes=notes,
                           source=source)
        for note in notes:
            click.echo(one_line(f"note: {note}"), err=True)
        memory = memory_lookup(db, (p.zh.strip() for p in pairs)) if db is not None else None
        with ProgressBar("Checking", quiet=quiet) as bar:
            result = run_qa(pairs, entries=terms, memory=memory, config=config, workers=jobs, progress=bar)
        result.findings, hidden = drop_ignored(db, result.findings)
    except ToolError as exc:
        click.echo(one_line(f"Error: {exc}"), err=True)
        ctx.exit(EXIT_ERROR)
    if hidden:
        click.echo(f"note: {hidden} ignored finding{'s' * (hidden > 1)} not shown "
                   "(glossary ignore --list)", err=True)
    if not terms and {"terminology", "forbidden-term"} & set(config.checks):
        click.echo("note: no term base (no --glossary, no approved terms in the database): "
                   "terminology checks had nothing to check", err=True)
    if fmt == "jsonl":
        text = jsonl_report(result, jobs=jobs)
    elif fmt == "html":
        from glossary.formats.html import qa_report
        text = qa_report(result, title="QA report: " + " ".join(map(str, paths or [zh_path or en_path])))
    elif fmt == "csv":
        text = csv_report(result)
    elif fmt == "junit":
        text = junit_report(result, name="glossary qa " + " ".join(map(str, paths or [zh_path or en_path])),
                            fail_on=fail_on)
    else:
        color = use_color(color)
        text = human_report(result, style=_qa_style if color else None)
    click.echo(text, nl=False, color=bool(color))
    ctx.exit(EXIT_FOUND_NOTHING_OR_PROBLEMS if result.fails(fail_on) else 0)


def _highlight(text: str, spans) -> str:
    out, last = [], 0
    for a, b in spans:
        out += [printable(text[last:a]), "[", click.style(printable(text[a:b]), bold=True), "]"]
        last = b
    return "".join(out) + printable(text[last:])


def _hit_lines(hit) -> list[str]:
    e = hit.entry
    head = printable(f"{e.zh}  {e.pinyin}  [{e.status}]" + (f"  {e.kind}" if e.kind else ""))
    lines = [click.style(head, bold=True) + f"  (matched by {hit.how})"]
    if e.approved:
        lines.append(printable(f"  approved:  {' | '.join(e.approved)}"))
    if e.forbidden:
        lines.append(printable(f"  forbidden: {' | '.join(e.forbidden)}"))
    if hit.used:
        lines.append(printable("  memory:    " + ", ".join(f'"{r.en}" ×{r.count}' for r in hit.used)))
    if hit.flags:
        flags = [f"collides with {', '.join(hit.collides)}" if f == "collides" else f
                 for f in hit.flags]
        lines.append(click.style(printable(f"  flags:     {'; '.join(flags)}"), fg="red"))
    for label, value in (("parts", " + ".join(e.parts)), ("definition", e.definition),
                         ("note", e.note), ("source", e.source)):
        if value:
            lines.append(f"  {label + ':':<11}{printable(value)}")
    for c in hit.concordance:
        ref = c.key or f"#{c.unit}"
        lines.append(f"  {ref}  {_highlight(c.zh, c.zh_spans)}")
        lines.append(f"  {' ' * len(ref)}  {_highlight(c.en, c.en_spans)}")
    return lines


def _hits_json(db, rows: list[dict]) -> list[dict]:
    """Lookup hits as JSON, units named by their reference (``PAIR:NNNN``), never by row id."""
    from tm import units_by_id

    ids = {i for r in rows for u in r["used"] for i in u.get("units") or ()}
    ids.update(c["unit"] for r in rows for c in r["concordance"] if c.get("unit") is not None)
    keys = {i: unit.key for i, unit in units_by_id(db, ids).items()}
    for r in rows:
        for u in r["used"]:
            u["units"] = [keys.get(i, f"#{i}") for i in u.get("units") or ()]
        for c in r["concordance"]:
            unit = c.pop("unit", None)
            c["key"] = c.get("key") or keys.get(unit, f"#{unit}")
    return rows


@cli.command("lookup", context_settings=CONTEXT_SETTINGS)
@click.argument("query")
@click.option("--limit", type=click.IntRange(1), default=5, show_default=True, help="Most entries shown.")
@click.option("--lines", type=click.IntRange(0), default=3, show_default=True,
              help="Concordance lines from the memory per entry.")
@format_option("table", "json")
@color_option()
@click.pass_context
def lookup_command(ctx, query, limit, lines, fmt, color):
    """Look a term up by Chinese, English or pinyin (tones optional, or initials).

    Shows the entry, the renderings the memory used with counts, flags (inconsistent,
    forbidden used, collides with another term) and concordance lines with the term
    in [brackets]. Fuzzy when nothing matches exactly. Exit 1 when nothing is found.

    \b
    Example:
        glossary lookup 康养
        glossary lookup kangyang
        glossary lookup "Health Care"
    """
    from dataclasses import asdict

    from glossary.termbase.lookup import lookup
    from glossary.termbase.store import open_termbase_reader
    if not query.strip():
        raise ToolError("nothing to look up: QUERY is empty")
    db = open_termbase_reader(ctx.obj["db_path"], create=False)
    hits = lookup(db, query, limit=limit, lines=lines)
    if fmt == "json":
        emit(_hits_json(db, [asdict(h) for h in hits]), "json", [])
    else:
        click.echo("\n\n".join("\n".join(_hit_lines(h)) for h in hits) if hits else
                   f"No term matches {query!r}.", color=use_color(color))
    if not hits:
        ctx.exit(EXIT_FOUND_NOTHING_OR_PROBLEMS)


@cli.command("check", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, type=click.Path(readable=False))
@click.option("--min-score", type=float, default=60.0, show_default=True,
              help="Similarity (0-100) above which a name in FILES counts as a variant.")
@format_option(*FORMATS, "html")
@color_option()
@click.pass_context
def check_command(ctx, files, min_score, fmt, color):
    """Report inconsistent renderings and colliding terms; exit 1 when any is found.

    Over the memory: `renderings` (one term rendered several ways) and `collision`
    (several terms sharing a rendering, up to spacing/case/hyphenation/number). FILES
    are monolingual English documents checked against the term base (`document`
    findings). Runs `extract` first if nothing was extracted yet, or if the memory or the
    term base changed since the last extraction (said on stderr). Warnings and errors
    make the exit code 1; info findings alone do not.

    \b
    Example:
        glossary check
        glossary check seeds/news-*.en.txt --format jsonl
        glossary check --format html > consistency.html   # one self-contained file
    """
    from pathlib import Path

    from glossary.termbase.consistency import check
    from glossary.pipeline import read_english
    en_files = [(f, read_english(Path(f))) for f in files]     # a bad file: nothing written
    db = _termbase(ctx)
    _extract_if_needed(db)
    findings = check(db, en_files=en_files, min_score=min_score)
    if fmt == "html":
        from glossary.formats.evidence import consistency_evidence
        from glossary.formats.html import check_report
        click.echo(check_report(findings, lambda f: consistency_evidence(db, f, limit=20),
                                subtitle=f"{ctx.obj['db_path']}" + (f"; {', '.join(files)}" if files else "")),
                   nl=False)
    else:
        _print_findings(findings, fmt, db, color)
    if any(f.severity in ("error", "warning") for f in findings):
        ctx.exit(EXIT_FOUND_NOTHING_OR_PROBLEMS)


@cli.command("ignore", context_settings=CONTEXT_SETTINGS)
@click.argument("finding", required=False)
@click.option("--reason", metavar="TEXT", help="Why it is not a problem (required with FINDING).")
@click.option("--list", "list_", is_flag=True, help="List the ignored findings and their reasons.")
@click.option("--undo", is_flag=True, help="Report FINDING again.")
@format_option("table", "jsonl", "json")
@click.pass_context
def ignore_command(ctx, finding, reason, list_, undo, fmt):
    """Mark a finding of `check` or `qa` as not a problem, so later runs leave it out.

    FINDING is the id `glossary check --format jsonl` prints ("id") or the "finding"
    of `glossary qa --format jsonl` (ren-…, col-…, doc-…, qa-…). Ids are computed from
    what a finding is about, so they stay the same from run to run.

    \b
    Example:
        glossary ignore ren-3f2a9c01b7 --reason "both renderings are correct here"
        glossary ignore --list
        glossary ignore ren-3f2a9c01b7 --undo
    """
    from glossary.termbase.consistency import ignore_reported
    from glossary.termbase.ignore import ignored_findings, unignore_finding
    db = _termbase(ctx)
    if list_:
        rows = [{"id": i.id, "reason": i.reason, "summary": i.summary, "created": i.created}
                for i in ignored_findings(db)]
        emit(rows, fmt, ["id", "reason", "summary", "created"])
        return
    if not finding:
        raise click.UsageError("give a FINDING id, or --list")
    if undo:
        if not unignore_finding(db, finding):
            raise ToolError(f"{finding}: not ignored")
        click.echo(f"{finding}: reported again.")
        return
    item = ignore_reported(db, finding, reason=reason or "")
    click.echo(f"{item.id}: ignored ({item.reason}).")


def _extract_if_needed(db) -> None:
    """Extract before a report when nothing was extracted yet, or when the memory or the
    term base changed since the last extraction read them (a term imported or approved since
    has no renderings from it; an edited unit's are old): then again, with its options, and
    said on stderr."""
    from tm import has_memory

    from glossary.pipeline import refresh_candidates, stale_extraction
    if not has_memory(db):
        return
    if not db.execute("SELECT count(*) FROM glossary_usage").fetchone()[0]:
        refresh_candidates(db)
        return
    options = stale_extraction(db)
    if options is not None:
        click.echo("note: the memory or the term base changed since the last extraction: extracting again"
                   + (f" (--pair {options['pair']})" if options["pair"] else ""), err=True)
        refresh_candidates(db, **options)


def _grouped_keys(keys: list[str]) -> str:
    """Unit keys for a person to read: the pair named once before its units' numbers
    (``plan:0034, 0058, 0075``); JSON keeps every key whole."""
    out: list[str] = []
    last = None
    for key in keys:
        pair, sep, number = key.rpartition(":")
        if sep and pair == last:
            out.append(number)
        else:
            out.append(key)
            last = pair if sep else None
    return ", ".join(out)


def _print_findings(findings, fmt, db, color: bool | None = None) -> None:
    from glossary.termbase.consistency import finding_to_json, unit_keys
    keys = unit_keys(db, findings)
    rows = [finding_to_json(f, keys) for f in findings]
    if fmt != "table":
        emit(rows, fmt, ["id", "severity", "kind", "zh", "en", "units", "message"])
        return
    color = use_color(color)
    for f in findings:
        colour = {"error": "red", "warning": "yellow"}.get(f.severity)
        named = _grouped_keys([keys.get(u, str(u)) for u in f.units[:8]])
        units = f"  (units {named}{'…' if len(f.units) > 8 else ''})" if f.units else ""
        click.echo(click.style(f"{f.severity:<7}", fg=colour) + printable(f" {f.kind:<10} {f.message}{units}"),
                   color=color)
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    click.echo(f"{len(findings)} findings: {counts['error']} errors, {counts['warning']} warnings, "
               f"{counts['info']} info.")


@cli.command("pipeline", context_settings=CONTEXT_SETTINGS)
@click.argument("directory", type=click.Path(readable=False))
@click.option("-o", "--output", "outdir", default="out", show_default=True, metavar="OUTDIR",
              help="Directory for the exports (created if missing).")
@click.option("--glossary", "glossary_path", type=click.Path(readable=False),
              help="Curated glossary to import (TBX, CSV, TSV).")
@source_option("The originals' language: en for English originals translated into Chinese "
               "(as tm align --source).")
@format_option()
@color_option()
@click.pass_context
def pipeline_command(ctx, directory, outdir, glossary_path, source, fmt, color):
    """Run everything on a directory: align each NAME.zh.txt/NAME.en.txt pair (or .docx,
    .html, .md; zh-CN, en-GB… too) into the memory, extract the glossary, import
    --glossary, print the consistency report (also over English documents without a
    Chinese partner) and write the exports
    (memory.tmx, glossary.tbx, glossary.tbx3.tbx, glossary.omegat.txt, glossary.csv).
    Exits 0 even when the report finds problems (use `glossary check` in scripts).

    \b
    Example:
        glossary --db demo.db pipeline seeds/ -o out/ \\
            --glossary glossary/data/tianjin-ai-plan.glossary.tsv
    """
    from pathlib import Path

    from tm import check_output_path, write_outputs

    from glossary.pipeline import export_names, run_pipeline
    from glossary.termbase.store import open_termbase
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise ToolError(f"{out}: not a directory (-o names the folder for the exports)")
    made = _new_folder(out)          # before any work: a folder that cannot be made stops it here
    try:
        for name in export_names():  # an export that would replace the database itself
            check_output_path(out / name, database=ctx.obj["db_path"])
        db = open_termbase(ctx.obj["db_path"])
        result = run_pipeline(db, directory, glossary=glossary_path, who=person(None), source=source)
    except BaseException:
        _remove_if_empty(made, out)
        raise
    # the summary: on stdout with the table, else on stderr (stdout is the findings alone, for
    # a script to read: JSON, JSON lines, TSV or CSV)
    log = functools.partial(click.echo, err=fmt != "table")
    for p in result.pairs:
        log(f"aligned {p.name}: {p.zh_segments} zh / {p.en_segments} en sentences -> "
            f"{p.units} units ({p.low_confidence} below confidence 0.5; unaligned: {p.unaligned_zh} zh, "
            f"{p.unaligned_en} en sentences; see tm review)")
        if p.mismatch:
            click.echo(f"warning: {p.name}: {p.mismatch}", err=True)
    if result.imported:
        log(f"imported {glossary_path}: {result.imported.added} added, "
            f"{result.imported.merged} merged")
    log(f"extracted {result.candidates} candidate terms")
    if result.monolingual:
        log(f"checked against the term base: {', '.join(result.monolingual)}")
    if fmt == "table":
        click.echo("")
    _print_findings(result.findings, fmt, db, color)
    write_outputs({out / name: data for name, data in sorted(result.exports.items())})   # all or none
    if fmt == "table":
        click.echo("")
    log(f"wrote {', '.join(str(out / n) for n in sorted(result.exports))}")


def _new_folder(out) -> "Path | None":
    """Make the folder ``out`` (and its missing parents); the first one made, or None when
    it was there."""
    from pathlib import Path
    missing = [p for p in [out, *out.parents] if not p.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolError(f"{out}: cannot create: {exc.strerror}") from None
    return Path(missing[-1]) if missing else None


def _remove_if_empty(made, out) -> None:
    """Remove the folders :func:`_new_folder` made for a run that failed, when still empty."""
    if made is None:
        return
    for p in [out, *out.parents]:
        try:
            p.rmdir()
        except OSError:
            return
        if p == made:
            return


if __name__ == "__main__":      # python -m glossary.cli (as python -m glossary)
    cli(prog_name="glossary")
