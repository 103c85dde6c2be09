"""A regular expression compiled when first used.

A module whose patterns are many and each used by few of its callers compiles them here on
first use rather than at import: ``tm.text.numbers``' 27 patterns (~9 ms to compile, which a
one-shot ``tm match`` paid whenever a match differed from the query in digits alone, and then
read 8 of them), ``tm.memory.pg``'s statement patterns (a one-shot match needs three).
"""

from __future__ import annotations

import re


class Pattern:
    """``re.compile(*args)``, made on the first attribute asked of it (``search``,
    ``finditer``, ``pattern`` …) and kept."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args):
        self._args = args
        self._compiled = None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)
