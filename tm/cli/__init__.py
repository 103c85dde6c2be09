"""The ``tm`` command line.

``tm.cli.cli`` is the command (the console script calls it). A plain ``tm match`` or
``tm search`` — the lookups a translator runs over and over, where start-up is most of the
time — is answered by :mod:`tm.cli.quick` without importing click (~20 ms of a ~120 ms
command); anything else,
including every help, usage error and completion request, goes to the click group in
:mod:`tm.cli.commands`. Every other name of ``tm.cli`` is one of :mod:`tm.cli.common` (no
click), :mod:`tm.cli.base` (the click pieces ``glossary.cli`` shares: ``ToolGroup``,
``format_option``…) or :mod:`tm.cli.commands`, loaded on first use.
"""

from __future__ import annotations

import sys


class _Command:
    """``tm``: called without arguments (as the console script does), a plain ``tm match``
    or ``tm search`` runs in :mod:`tm.cli.quick`; otherwise, and for every attribute (``main``,
    ``commands``, ``name``… as click's test runner and the docs tests use them), the click
    group :data:`tm.cli.commands.cli`."""

    def __call__(self, *args, **kwargs):
        if not args and set(kwargs) <= {"prog_name"}:
            from tm.cli.quick import run
            code = run(sys.argv[1:])
            if code is not None:
                _leave(code)
        from tm.cli.commands import cli
        return cli(*args, **kwargs)

    def __getattr__(self, name):
        from tm.cli.commands import cli
        return getattr(cli, name)

    def __repr__(self) -> str:
        return "<tm command (tm.cli.commands.cli)>"


cli = _Command()


def _leave(code: int):
    """End the process after the quick path with exit status ``code``, without the
    interpreter's finalization: it freed every object of every module one by one (~7M
    instructions, 2 ms, of a one-shot match) and closed nothing the command needs closed —
    the memory's connection is closed in :func:`tm.cli.common.match_rows` (and
    ``search_hits``), the command writes no file. What the finalization does first is done
    here: the ``atexit`` callbacks (a site hook's, a caller's) run, then standard output and
    error are flushed, then ``os._exit``. Where that cannot stand for it — a thread of the
    process still running, which the interpreter would wait for, a stream that fails to
    flush (a closed pipe: the interpreter's message and status), no ``atexit._run_exitfuncs``
    — the usual exit, its objects frozen first: the quick path ran without the cyclic
    collector (:func:`tm.cli.quick.run`), and the exit would still walk them all three times."""
    import gc
    gc.freeze()
    import atexit
    threading = sys.modules.get("threading")
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None or (threading is not None and any(
            not t.daemon for t in threading.enumerate() if t is not threading.main_thread())):
        sys.exit(code)
    run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        sys.exit(code)
    import os
    os._exit(code)


def __getattr__(name: str):
    if name.startswith("__") or name in ("base", "commands", "common", "quick"):
        # dunders, and the submodules themselves (``from tm.cli import quick`` asks first)
        raise AttributeError(f"module 'tm.cli' has no attribute {name!r}")
    from importlib import import_module
    # the lightest module that has it: glossary.cli's names are all in common and base
    for module in ("tm.cli.common", "tm.cli.base", "tm.cli.commands"):
        found = getattr(import_module(module), name, _MISSING)
        if found is not _MISSING:
            return found
    raise AttributeError(f"module 'tm.cli' has no attribute {name!r}")


_MISSING = object()
