"""The click pieces both tools' command lines are built on: ``ToolGroup`` (errors as one
``Error: …`` line, ``--db`` after the command name), ``ToolCommand`` (text arguments must be
text), the shared options and the progress bar. ``glossary.cli`` takes them (through
``tm.cli``) without loading ``tm``'s own commands (:mod:`tm.cli.commands`).
"""

from __future__ import annotations

import math
import os
import sys

import click

from tm.cli.common import (EXIT_ERROR, FORMATS, _db_first, _silence_stdout, failure_message,
                           file_name, has_surrogates, one_line, stopped_message)


class ToolFailure(click.ClickException):
    """A :class:`ToolError` as the command line reports it: ``Error: …``, exit 2. One line
    whatever it quotes: control characters (a file name with a line break or an escape
    sequence in it) are written as escapes (``\\n``, ``\\x1b``)."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str):
        super().__init__(one_line(message))


class ToolCommand(click.Command):
    """A command whose text arguments must be text: an argument that is not valid UTF-8
    (it reaches Python as lone surrogates), a number that is ``nan``/``inf`` or an integer
    beyond 64 bits is a usage error naming the option, before the command runs. File names
    (``click.Path``) may be any bytes."""

    def invoke(self, ctx: click.Context):
        for param in self.params:
            values = ctx.params.get(param.name)
            for value in values if isinstance(values, (tuple, list)) else (values,):
                if isinstance(value, str) and not _names_a_file(param) and has_surrogates(value):
                    raise click.BadParameter(f"not valid UTF-8: {_shown_bytes(os.fsencode(value))}",
                                             ctx=ctx, param=param)
                if isinstance(value, float) and not math.isfinite(value):
                    raise click.BadParameter(f"{value} is not a number this option takes",
                                             ctx=ctx, param=param)
                if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1 << 63:
                    # beyond a 64-bit integer, which the databases store (an OverflowError)
                    raise click.BadParameter(f"{value} is too large", ctx=ctx, param=param)
        return super().invoke(ctx)


def _shown_bytes(raw: bytes, width: int = 24) -> str:
    """``raw`` as the message shows it: whole when short, else the bytes around the first
    one that is not UTF-8 (a page pasted as an argument and cut in a character was its
    whole repr, thousands of escapes on one line)."""
    if len(raw) <= 3 * width:
        return repr(raw)
    try:
        raw.decode("utf-8")
        at = 0
    except UnicodeDecodeError as exc:
        at = exc.start
    lo, hi = max(0, at - width), min(len(raw), at + width)
    return f"{'…' if lo else ''}{raw[lo:hi]!r}{'…' if hi < len(raw) else ''} (at byte {at} of {len(raw)})"


def _names_a_file(param: click.Parameter) -> bool:
    """A parameter holding a file name (``click.Path``, or a metavar such as ``PATH|-``,
    ``FILE``, ``OUTDIR``): any bytes are a valid file name."""
    metavar = (getattr(param, "metavar", None) or "").upper()
    return isinstance(param.type, click.Path) or any(w in metavar for w in ("PATH", "FILE", "DIR"))


class ToolGroup(click.Group):
    """A group that turns :class:`ToolError` (and the errors of the machine: disk full,
    read-only or damaged database, out of memory) into one ``Error: …`` line and exit 2, a
    signal (SIGTERM, SIGHUP, Ctrl-C) into one such line and exit 128 + its number, accepts the group's ``--db`` after the command name too (``tm stats --db
    x.db``), and whose commands are :class:`ToolCommand`."""

    command_class = ToolCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _db_first(args))

    def main(self, *args, **kwargs):
        from tm.formats.output import install_signal_handlers
        install_signal_handlers()
        if sys.stderr is not None:
            sys.stderr.reconfigure(errors="backslashreplace")
        if sys.stdout is None:
            sys.stderr and sys.stderr.write("Error: standard output is closed\n")
            sys.exit(EXIT_ERROR)
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        from tm.formats.output import Terminated
        db = sys.modules.get("tm.memory.db")
        commits = db.committed() if db is not None else 0    # (an output failing later says if it grew)
        try:
            return self._invoke_removing_new_databases(ctx)
        except BrokenPipeError:
            # `tm export | head`: stop quietly
            _silence_stdout()
            ctx.exit(0)
        except Terminated as exc:
            click.echo(stopped_message(exc.signum), err=True)
            ctx.exit(128 + exc.signum)
        except KeyboardInterrupt:
            import signal
            click.echo(("\n" if sys.stderr.isatty() else "") + stopped_message(signal.SIGINT), err=True)
            ctx.exit(128 + signal.SIGINT)
        except Exception as exc:        # what failure_message knows (else a bug: its traceback)
            message = failure_message(exc, (ctx.obj or {}).get("db_path"), commits)
            if message is None:
                raise
            raise ToolFailure(message) from None


    def _invoke_removing_new_databases(self, ctx: click.Context):
        """Run the command; if it fails (an error, a usage error, a signal, a bug), remove
        the database file it created, when that still holds nothing
        (:func:`tm.memory.db.new_databases`): a failed first command leaves no database
        the user did not have. Exit 1 (ran, found problems or nothing) is no failure."""
        from tm.memory.db import new_databases
        with new_databases() as made:
            try:
                return super().invoke(ctx)
            except (click.exceptions.Exit, SystemExit) as exc:
                code = exc.exit_code if isinstance(exc, click.exceptions.Exit) else exc.code
                if code not in (None, 0, 1):
                    made.discard()
                raise
            except BaseException:
                made.discard()
                raise


def quiet_option():
    """The shared ``--quiet`` option of long commands: no progress bar."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress bar (there is none when stderr is not a terminal).")


class ProgressBar:
    """A progress bar on stderr for long work, drawn only when stderr is a terminal and
    not ``quiet``; called as ``bar(done, total)`` (``total`` None: a count, no bar).
    Redrawn at most ten times a second; the line is cleared at the end."""

    WIDTH = 30

    def __init__(self, label: str, *, quiet: bool = False, unit: str = "", stream=None):
        self.stream = stream or click.get_text_stream("stderr")
        self.on = not quiet and self.stream.isatty()
        self.label, self.unit = label, unit
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.on:
            return
        import time

        now = time.monotonic()
        if now - self.last < 0.1 and not (total and done >= total):
            return
        self.last = now
        if total:
            filled = int(self.WIDTH * min(done, total) / total)
            text = f"{self.label} [{'#' * filled}{'-' * (self.WIDTH - filled)}] {100 * min(done, total) // total:3d}%"
        else:
            text = f"{self.label} {done:,}{' ' + self.unit if self.unit else ''}"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def by_option():
    """``--by NAME``: who makes a change, recorded with it (``tm edit``, ``glossary approve``…)."""
    return click.option("--by", "who", metavar="NAME",
                        help="Who makes the change (default: $TM_USER, else the login name).")


def source_option(help: str):
    """``--source zh|en``: the original's language of two documents (``tm align``, ``glossary
    pipeline``, ``glossary qa --zh/--en``); zh by default."""
    return click.option("--source", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help=help)


def person(value: str | None) -> str | None:
    """Who makes a change: ``value`` (``--by``), else ``$TM_USER``, else the login name
    (None when the system has none)."""
    if value:
        return value
    if os.environ.get("TM_USER"):
        return os.environ["TM_USER"]
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def format_option(*choices: str, default: str = "table"):
    """The shared ``--format`` option of listing commands (all of :data:`FORMATS` unless
    a command names its own, e.g. QA's extra ``junit``)."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices or FORMATS)), default=default,
        show_default=True, help="Output format.",
    )


def color_option():
    """The shared ``--color/--no-color`` option; see :func:`use_color`."""
    return click.option("--color/--no-color", "color", default=None,
                        help="Colour the output (default: only on a terminal, never with $NO_COLOR set).")
