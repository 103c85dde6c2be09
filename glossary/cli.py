"""The ``glossary`` command line: thin commands over the ``glossary`` library."""

from __future__ import annotations

import click

from tm.cli import CONTEXT_SETTINGS, ToolGroup, resolve_db_path

from . import __version__


@click.group(cls=ToolGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="glossary")
@click.option("--db", "db_path", metavar="PATH",
              help="SQLite database shared with tm (default: $TM_DB, else ./tm.db).")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None):
    """Chinese-English term base: extract, look up, check, QA, export.

    \b
    Example:
        glossary --db plan.db extract
        glossary --db plan.db lookup 康养
    """
    ctx.obj = {"db_path": resolve_db_path(db_path)}
