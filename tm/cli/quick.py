"""``tm match`` and ``tm search`` without click: the same commands, for the plain calls a
translator repeats.

:func:`run` takes the command line's arguments and answers only when they are a plain
``[--db PATH] match TEXT [--from zh|en] [--min N] [--limit N] [--format F]
[--color|--no-color]`` or ``[--db PATH] search QUERY [--lang zh|en] [--limit N] [--format F]
[--color|--no-color]`` with values click would accept as they are, standard streams click
would use as they are (an encoding, not ASCII), and no shell-completion request. Then it
runs the command's two steps (:func:`tm.cli.common.match_rows` and ``write_matches``, or
``search_hits`` and ``write_search``) and turns errors into the same lines and exit codes
as ``ToolGroup``. Anything else — help, ``--version``, an unknown or repeated-looking option, a
value starting with ``-``, ``--``, a number click would parse more leniently, text that is
not valid UTF-8 — returns None and the click command runs instead, so every message click
writes is still click's. ``tests/tm/test_quick_match.py`` runs each case both ways.
"""

from __future__ import annotations

import os
import sys

from tm.cli.common import (EXIT_ERROR, FORMATS, _db_first, _silence_stdout, failure_message,
                           has_surrogates, match_rows, resolve_db_path, search_hits, stopped_message,
                           write_matches, write_search)



def _digits(text: str, most: int) -> bool:
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def _count(text: str) -> bool:
    """``5``: a count click's ``IntRange(1)`` reads as it is (0 is click's usage error)."""
    return _digits(text, 9) and int(text) > 0


def _percent(text: str) -> bool:
    """``70``, ``92.5``: a number click's ``FloatRange(0, 100)`` reads as Python does."""
    whole, dot, part = text.partition(".")
    return _digits(whole, 3) and (not dot or _digits(part, 12)) and float(text) <= 100


#: The commands answered here: their options (name -> key, check) and defaults, as in
#: tm.cli.commands (tests/tm/test_quick_match.py runs both).
_COMMANDS = {
    "match": ({"--from": ("source", lambda v: v in ("zh", "en")),
               "--min": ("min_score", _percent),
               "--limit": ("limit", _count)},
              {"source": None, "min_score": 70.0, "limit": 5}),
    "search": ({"--lang": ("lang", lambda v: v in ("zh", "en")),
                "--limit": ("limit", _count)},
               {"lang": None, "limit": 20}),
}
_CONVERT = {"min_score": float, "limit": int}


def parse(argv: list[str]) -> dict | None:
    """The command and options of a plain ``tm match`` / ``tm search`` call, or None for
    anything click should see."""
    args = _db_first(list(argv))
    db, i = None, 0
    while i < len(args) and args[i] not in _COMMANDS:
        if args[i] == "--db" and i + 1 < len(args) and not args[i + 1].startswith("-"):
            db, i = args[i + 1], i + 2
        elif args[i].startswith("--db="):
            db, i = args[i][len("--db="):], i + 1
        else:
            return None
        if db == "":
            return None         # click's command says it is an error
    if i == len(args):
        return None
    options, defaults = _COMMANDS[args[i]]
    opts = {"command": args[i], "db": db, "text": None, "fmt": "table", "color": None, **defaults}
    rest = args[i + 1:]
    if "--" in rest:
        return None
    j = 0
    while j < len(rest):
        arg = rest[j]
        if not arg.startswith("-"):
            if opts["text"] is not None:
                return None
            opts["text"], j = arg, j + 1
            continue
        if arg in ("--color", "--no-color"):
            opts["color"], j = arg == "--color", j + 1
            continue
        name, eq, value = arg.partition("=")
        if not eq:
            if j + 1 >= len(rest):
                return None
            value, j = rest[j + 1], j + 1
        j += 1
        if name == "--format" and value in FORMATS:
            opts["fmt"] = value
        elif name in options and options[name][1](value):
            key = options[name][0]
            opts[key] = _CONVERT.get(key, str)(value)
        else:
            return None
    if opts["text"] is None or has_surrogates(opts["text"]):
        return None
    return opts


def _plain_streams() -> bool:
    """Standard output and error as click would use them unchanged: text streams with an
    encoding that is not ASCII (click re-wraps an ASCII one)."""
    import codecs
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if encoding is None or getattr(stream, "errors", None) is None:
            return False
        try:
            if codecs.lookup(encoding).name == "ascii":
                return False
        except LookupError:
            pass
    return True


def _echo(message: str = "", err: bool = False, color: bool | None = None) -> None:
    """``click.echo`` for the lines ``tm match`` writes (no escape sequences unless
    ``color``, which click then leaves in): the line, a newline, a flush."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n")
    stream.flush()


def run(argv: list[str]) -> int | None:
    """Run a plain ``tm match`` or ``tm search``; its exit code, or None if click must
    handle ``argv``."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    opts = parse(argv)
    if opts is None or sys.stdout is None or sys.stderr is None or not _plain_streams():
        return None
    # One lookup and the process ends: the cyclic collector would only walk the modules being
    # imported and the match's postings, which hold no cycles (tm.memory.db.no_gc).
    import gc
    gc.disable()
    from tm.formats.output import Terminated, install_signal_handlers
    install_signal_handlers()
    sys.stderr.reconfigure(errors="backslashreplace")
    db_path = opts["db"]
    try:
        try:
            db_path = resolve_db_path(db_path)
            if opts["command"] == "search":
                hits = search_hits(db_path, opts["text"], opts["lang"], opts["limit"])
                return write_search(opts["text"], hits, opts["fmt"], opts["color"], echo=_echo,
                                    out=sys.stdout)
            source, target, rows = match_rows(db_path, opts["text"], opts["source"],
                                              opts["min_score"], opts["limit"])
            return write_matches(source, target, rows, opts["min_score"], opts["fmt"],
                                 opts["color"], echo=_echo, out=sys.stdout)
        except BrokenPipeError:
            _silence_stdout()
            return 0
        except Terminated as exc:
            _echo(stopped_message(exc.signum), err=True)
            return 128 + exc.signum
        except Exception as exc:
            message = failure_message(exc, db_path)
            if message is None:
                raise
            from tm.cli.base import ToolFailure
            ToolFailure(message).show()
            return EXIT_ERROR
    except KeyboardInterrupt:
        # as ToolGroup.invoke
        import signal
        _echo(("\n" if sys.stderr.isatty() else "") + stopped_message(signal.SIGINT), err=True)
        return 128 + signal.SIGINT
