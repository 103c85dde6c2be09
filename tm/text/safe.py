"""Text that is safe to show on a terminal.

:func:`printable` is applied to every piece of memory or term-base text a command prints
for a person (tables, concordance lines, QA reports, look-ups): control characters (C0
other than tab and line feed, DEL, C1 — ``ESC`` starts the sequences that retitle a
terminal or clear it) and the bidirectional controls (which reorder what is shown: the
"Trojan Source" trick) are written as escapes (``\\x1b``, ``\\u202e``), and inline codes
(placeholder characters, :mod:`tm.text.codes`) compactly as ``{1}``, ``{/1}``, ``{2/}``. The text stored is
never changed; JSON output escapes the same characters the JSON way (``\\u001b``), which
parses back to the same text. The look-alike letters and invisible characters that make two
strings look alike are :mod:`tm.text.lookalike`'s.
"""

from __future__ import annotations

import re

from tm.text.codes import CODE, display

#: C0 controls but tab and line feed, DEL and C1; the bidirectional formatting characters.
UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_JSON_UNSAFE = "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# Compiled at first use: each class spans code points past U+00FF in several runs, which
# re compiles into a 64K-entry map (~2.5M instructions each, about 1 ms, at every start of
# a command; a table of printable text never needs them).
_compiled: dict[str, re.Pattern] = {}


def _pattern(cls: str) -> re.Pattern:
    found = _compiled.get(cls)
    if found is None:
        found = _compiled[cls] = re.compile(cls)
    return found


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control and bidirectional characters written as visible escapes, and
    inline codes as ``{1}``/``{/1}``/``{2/}``."""
    if text.isprintable():
        # no character of Unicode's Other or Separator classes but the space: none of UNSAFE
        # (Cc, Cf) and no inline code (Co) is among them (tests/tm/text/test_safe.py)
        return text
    if CODE.search(text):
        text = display(text)
    unsafe = _pattern(UNSAFE)
    return unsafe.sub(_escape, text) if unsafe.search(text) else text


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes C0 already)
    with DEL, C1 and bidirectional controls escaped as ``\\uXXXX``: the same data, but
    harmless when the JSON is shown on a terminal."""
    return _pattern(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
