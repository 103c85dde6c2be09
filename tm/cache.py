"""This user's cache directory for what the tool derives from the dictionaries it reads.

``$XDG_CACHE_HOME/zhen-tm/NAME`` (default ``~/.cache/zhen-tm/NAME``), used only when it is a
directory of this user that nobody else can write: a cache another user could plant (as in a
shared ``$TMPDIR``) could crash or mislead the tool.
"""

from __future__ import annotations

import os
import stat


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


__all__ = ["private_cache_dir"]
