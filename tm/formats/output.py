"""Writing an output file without ever damaging what is at its path.

:func:`open_output` is the one way the tools write a file the user named:

* ``-`` is standard output, written as UTF-8 bytes whatever ``PYTHONIOENCODING`` says
  (XML, JSON and TSV declare or assume UTF-8); standard output is flushed, never closed;
* a symbolic link is followed: the file it points to is written, the link stays;
* a character device, FIFO or socket (``/dev/null``, ``/dev/stdout``, ``<(…)``, a named
  pipe) is written as a stream, never replaced by a regular file;
* a directory is an error;
* a regular file (or a new one) is written to a temporary file beside it, flushed to disk
  and renamed over the target only when everything was written: the target is the old
  file or the whole new one, never half of each. A new file gets the permissions the umask
  gives (not ``0600``); an existing one keeps its mode (and, for root, its owner).

The temporary file is named ``.NAME.PID.zhen-tm-partial``; if the tool is killed with
``SIGKILL`` it stays behind, and the next write of the same target removes the ones
whose process is gone. ``SIGTERM``/``SIGHUP`` are turned into an exception by the
command line (:func:`install_signal_handlers`), so the usual cleanup runs.
"""

from __future__ import annotations

import io
import os
import signal
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

from tm.errors import ToolError

PARTIAL_SUFFIX = ".zhen-tm-partial"


class OutputError(ToolError):
    """The output path cannot be written."""


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def _fail(path, exc: OSError, verb: str = "cannot write") -> OutputError:
    return OutputError(f"{path}: {verb}: {exc.strerror or exc}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def partial_name(target: Path, pid: int | None = None) -> Path:
    return target.with_name(f".{target.name}.{pid or os.getpid()}{PARTIAL_SUFFIX}")


def remove_stale_partials(target: Path) -> list[Path]:
    """Remove ``.NAME.PID.zhen-tm-partial`` files of ``target`` left by killed processes."""
    removed = []
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(PARTIAL_SUFFIX)):
            continue
        pid = name[len(prefix):-len(PARTIAL_SUFFIX)]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            try:
                os.unlink(target.parent / name)
                removed.append(target.parent / name)
            except OSError:
                pass
    return removed


def check_output_path(output: str | os.PathLike, *, database=None) -> None:
    """:class:`OutputError` now (before any work) if ``output`` can never be written:
    a directory, or a path in a missing directory; or must not be: the SQLite ``database``
    the command reads (or its journal), which the output would replace
    (``tm export -o tm.db`` left a TMX where the memory was)."""
    if str(output) == "-":
        return
    path = Path(output)
    if path.is_dir():
        raise OutputError(f"{path}: is a directory (give a file name)")
    real = Path(os.path.realpath(path))
    if not real.parent.is_dir():
        raise OutputError(f"{path}: cannot write: No such file or directory")
    if database is not None and not str(database).startswith(("postgresql://", "postgres://")):
        db = os.path.realpath(database)
        if str(real) in (db, db + "-wal", db + "-shm", db + "-journal") or _same_file(real, db):
            raise OutputError(f"{path}: is the database this command reads ({database}); "
                              f"give the output another name")


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextmanager
def open_output(output: str | os.PathLike, *, binary: bool = False, stdout=None):
    """A file object writing to ``output`` (a path or ``-``); see the module docstring.

    Text mode writes UTF-8 with ``\\n`` line ends as given. On an exception inside the
    block a regular target is left untouched and the temporary file removed.
    """
    if str(output) == "-":
        raw = stdout if stdout is not None else sys.stdout
        if raw is None:
            raise OutputError("standard output is closed")
        buffer = getattr(raw, "buffer", raw)
        try:
            raw.flush() if raw is not buffer else None
            if binary:
                yield buffer
                buffer.flush()
            else:
                text = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
                try:
                    yield text
                    text.flush()
                finally:
                    text.detach()
        except BrokenPipeError:     # `tm export | head`: the command line stops quietly
            raise
        except OSError as exc:      # `tm export > /dev/full`, a full disk
            if exc.filename:        # (a file the command reads)
                raise
            raise OutputError(f"standard output: cannot write: {exc.strerror or exc}") from None
        return
    path = Path(output)
    real = Path(os.path.realpath(path))          # a symlink: write its target
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _fail(path, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a directory (give a file name)")
    if st is not None and not stat.S_ISREG(st.st_mode):
        # a device, FIFO or socket: a stream, written in place
        try:
            fh = open(real, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""}))
        except OSError as exc:
            raise _fail(path, exc) from None
        try:
            with fh:
                yield fh
        except BrokenPipeError:
            raise
        except OSError as exc:      # /dev/full: the write fails, its path is named
            raise _fail(path, exc) from None
        return
    if not real.parent.is_dir():
        raise OutputError(f"{path}: cannot write: No such file or directory")
    remove_stale_partials(real)
    tmp = partial_name(real)
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise _fail(path, exc) from None
    done = False
    try:
        with os.fdopen(fd, "wb" if binary else "w",
                       **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if st is not None and os.geteuid() == 0 and (st.st_uid, st.st_gid) != (0, 0):
            os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, real)
        done = True
        _fsync_dir(real.parent)
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_output(output: str | os.PathLike, data: bytes | str) -> None:
    """Write all of ``data`` to ``output`` (see :func:`open_output`)."""
    with open_output(output, binary=isinstance(data, bytes)) as fh:
        fh.write(data)


def write_outputs(files: dict) -> None:
    """Write every ``{path: data}`` whole, as a set: each to its temporary file first, and
    the files renamed into place only when all were written (a full disk at the third
    leaves none of them replaced: :func:`open_output` for each, nested)."""
    from contextlib import ExitStack
    with ExitStack() as stack:
        for path, data in files.items():
            fh = stack.enter_context(open_output(path, binary=isinstance(data, bytes)))
            fh.write(data)
            fh.flush()          # a write that fails, fails here, before any file is renamed


class Terminated(BaseException):
    """Raised in the main thread by SIGTERM/SIGHUP so cleanup code runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP raise :class:`Terminated` (cleanup runs: the open transaction
    rolls back, partial files are removed), instead of killing the process outright."""
    def handler(signum, frame):
        raise Terminated(signum)
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, handler)
