"""Reading a plain-text document whatever its encoding, or saying clearly why not.

``read_text(path)`` accepts UTF-8 (with or without BOM), UTF-16 (with a BOM, or
without one when the NUL-byte pattern makes it plain) and GB18030 (which covers
GBK and GB2312; accepted only when the text decodes to Chinese). Line ends become
``\\n``. Errors are :class:`InputError` naming the file (and line, for bytes that
are not text).
"""

from __future__ import annotations

import codecs
import re
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tm.errors import InputError
from tm.text.zh import HAN

_HAN = re.compile(f"[{HAN}]")


def _utf16_without_bom(data: bytes) -> str | None:
    even, odd = data[0::2], data[1::2]
    if len(data) < 4 or len(data) % 2:
        return None
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, *, name: str) -> str:
    """Decode the bytes of a text file called ``name`` (used in error messages)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = [e for e in (_utf16_without_bom(data),) if e] + ["utf-8"]
    for enc in encodings:
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError as exc:
            bad = exc
    else:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if not _HAN.search(text):
            line = data[:bad.start].count(b"\n") + 1
            raise InputError("not UTF-8 text (nor UTF-16 or GB18030); convert it to UTF-8",
                             path=name, line=line) from None
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise InputError("contains NUL bytes: not a text file", path=name, line=line)
    check_line_length(text, name=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_LINE = 1_000_000     # characters, as for TSV lines and XML records


def check_line_length(text: str, *, name: str, limit: int = MAX_LINE) -> None:
    """:class:`InputError` naming the line if ``text`` has a line longer than ``limit``
    (a 100 MB one-line file is not a document; the aligner's memory grows with a sentence)."""
    long = re.search(f"[^\n\r]{{{limit + 1}}}", text) if len(text) > limit else None
    if long:
        line = text.count("\n", 0, long.start()) + 1
        raise InputError(f"line longer than {limit} characters", path=name, line=line)


def read_text(path: str | Path) -> str:
    """The text of the file at ``path``; :class:`InputError` if missing, unreadable, not text or empty."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from None
    text = decode(data, name=name)
    if not text.strip():
        raise InputError("empty file", path=name)
    return text


@contextmanager
def open_binary(source: str | Path | BinaryIO, *, name: str | None = None):
    """Yield ``(binary file, display name)`` for a path or an already open binary file.

    A path is opened (and closed afterwards); an unopenable one is an
    :class:`InputError` naming it. A file object is used as it is, named by
    ``name``, else its own ``name``, else ``<input>``.
    """
    if isinstance(source, (str, Path)):
        name = name or str(source)
        try:
            fh = open(source, "rb")
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror or exc}", path=name) from None
        with fh:
            yield fh, name
    else:
        yield source, name or getattr(source, "name", None) or "<input>"
