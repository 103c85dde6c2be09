"""This user's cache directory for what the tool derives from the dictionaries it reads.

``$XDG_CACHE_HOME/zhen-tm/NAME`` (default ``~/.cache/zhen-tm/NAME``), used only when it is a
directory of this user that nobody else can write: a cache another user could plant (as in a
shared ``$TMPDIR``) could crash or mislead the tool.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

T = TypeVar("T")


def private_cache_dir(name: str) -> str | None:
    """The private cache directory ``NAME`` (made if missing), or None when there is none this
    user alone can write (no home, a read-only disk, a directory others can write)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "zhen-tm", name)
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022:
        return path
    return None


def kept(name: str, key: tuple, build: Callable[[], T]) -> T:
    """``build()``, kept between processes in the private cache directory ``derived`` as
    ``NAME.marshal`` for as long as ``key`` is unchanged (say the source file's size and time
    and the deriving code's digest; the Python version is added). ``build()`` must return
    what :mod:`marshal` writes (dicts, lists, tuples, sets, strings, numbers). A file that
    cannot be read, or one of another key, is built again and replaced whole (written aside,
    then renamed); one that cannot be written is passed by: the caller gets ``build()``."""
    directory = private_cache_dir("derived")
    stamp = (sys.version_info[:2], key)
    path = os.path.join(directory, name + ".marshal") if directory else None
    if path is not None:
        try:
            with open(path, "rb") as fh:
                found, value = marshal.loads(fh.read())     # (load(fh) reads object by object: 10x slower)
            if found == stamp:
                return value
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = build()
    if path is not None:
        aside = None
        try:
            fd, aside = tempfile.mkstemp(dir=directory, prefix=name + ".")
            with os.fdopen(fd, "wb") as fh:
                marshal.dump((stamp, value), fh)
            os.replace(aside, path)
        except (OSError, ValueError):
            if aside is not None:
                with suppress(OSError):
                    os.unlink(aside)
    return value


__all__ = ["private_cache_dir", "kept"]
