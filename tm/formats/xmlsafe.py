"""Safe, streaming XML reading for the file formats (TMX, XLIFF).

Two layers, each with one job:

1. **A guard** (:func:`tm.formats.xmlguard.guard_prolog`: the standard library's
   expat, with our own handlers) reads the prolog, up to the root element's start
   tag, and refuses any DOCTYPE with an internal subset: no entity can ever be
   declared, so there is nothing to expand (billion laughs, quadratic blow-up) and
   no external entity to read (XXE to local files or URLs). A DOCTYPE that only
   names an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``) is accepted; the
   DTD is never read. (The Word and Excel readers put each XML part of a document
   through the same guard.)
2. **The parser**: ``lxml.etree.iterparse`` (libxml2, C speed: the import
   target is 20,000 units/s) with ``resolve_entities=False``,
   ``no_network=True``, ``load_dtd=False``, ``huge_tree=False`` (libxml2's
   own limits: nesting depth 256, 10 MB per text node). A reference to an
   undeclared entity is an error.

:func:`iterparse` yields a small element tree per *record* element (``tu``,
``trans-unit``, ``unit``…) and clears it afterwards, so memory is bounded by
the largest record, never by the file. Every error is an
:class:`~tm.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from tm.errors import InputError
from tm.formats.textio import open_binary
from tm.formats.xmlguard import CHUNK, guard_prolog

MAX_DEPTH = 256          # libxml2's limit without XML_PARSE_HUGE


@dataclass
class Event:
    """``kind`` is ``"root"`` (the root element; attributes only are final),
    ``"container"`` (a watched container element, complete) or ``"record"`` (a
    complete record subtree). ``line`` is where the element starts (1-based)."""

    kind: str
    element: object          # an lxml element
    line: int


def local(tag) -> str:
    """``{ns}name`` → ``name``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Prefixed:
    """A binary reader giving ``prefix`` first, then the rest of ``source``."""

    def __init__(self, prefix: bytes, source: BinaryIO):
        self.prefix, self.source = prefix, source

    def read(self, size: int = -1) -> bytes:
        if self.prefix:
            if size is None or size < 0:
                data, self.prefix = self.prefix + self.source.read(), b""
                return data
            data, self.prefix = self.prefix[:size], self.prefix[size:]
            return data
        return self.source.read(size)


# ``&`` that starts no predefined entity or character reference: where the file may hold a
# reference to an entity (undefined: no DOCTYPE here declares any)
_OTHER_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_LONGEST_REFERENCE = 12     # bytes of the longest reference the pattern passes, and more


class _EntityScan:
    """A binary reader that notes whether the bytes it gave so far hold an ``&`` starting
    anything but a predefined entity or a character reference (``suspect``), so that only
    then are the records looked through for entity references: a walk of every record's
    tree cost about 2 us a unit, for files that almost never hold one. The parser reads
    the bytes of an element before it reports the element, so the flag is up before a
    record holding a reference is seen. A reference cut by the end of a read is looked at
    again with the next one; any doubt (other encodings, CDATA, comments) only raises the
    flag, which then stays up."""

    def __init__(self, source):
        self.source = source
        self.suspect = False
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        if not self.suspect:
            text = self._tail + data if self._tail else data
            m = _OTHER_REFERENCE.search(text)
            self._tail = b""
            if m is not None:
                if data and m.start() > len(text) - _LONGEST_REFERENCE:
                    self._tail = text[m.start():]       # maybe a reference cut short: decided next time
                else:
                    self.suspect = True
        return data


# Encodings expat reads itself; any other one declared in the XML declaration is
# decoded here and handed to both parsers as UTF-8 (the guard stays in front).
_EXPAT_NATIVE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "iso8859-1", "ascii"}
# Labels as the WHATWG Encoding Standard reads them: the supersets real files are in.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs",
              "cp950": "big5hkscs", "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
              "euc-kr": "cp949"}
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t\r\n]*<\?xml\b[^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*"
                          rb"([\"'])([^\"'>]{1,40})\1")
PEEK = 1024


def declared_encoding(head: bytes, *, name: str) -> str | None:
    """The Python codec for the encoding declared in ``head``'s XML declaration when
    expat cannot read it itself (GBK, GB2312, Big5, Shift_JIS…), else None.
    :class:`InputError` for an unknown or non-text encoding."""
    m = _DECLARATION.match(head)
    if not m:
        return None
    label = m.group(2).decode("ascii", "replace").strip()
    try:
        info = codecs.lookup(label)
    except LookupError:
        raise InputError(f"unknown encoding {label!r} in the XML declaration", path=name,
                         line=1) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("utf-7",):
        raise InputError(f"{label!r} in the XML declaration is not a text encoding", path=name,
                         line=1)
    if info.name in _EXPAT_NATIVE:
        return None
    return _SUPERSETS.get(label.lower(), _SUPERSETS.get(info.name.replace("_", "-"), info.name))


class _Transcoded:
    """A binary reader giving ``source`` (in ``encoding``) as UTF-8, its XML
    declaration saying so; a byte that is not in ``encoding`` is an :class:`InputError`
    naming the line."""

    def __init__(self, head: bytes, source: BinaryIO, encoding: str, *, name: str,
                 label: str | None = None):
        self.source, self.encoding, self.name = source, encoding, name
        self.label = label or encoding
        self.decoder = codecs.getincrementaldecoder(encoding)("strict")
        self.pending = b""
        self.line = 1
        self.first = True
        self.head = head
        self.eof = False

    def _decode(self, data: bytes, final: bool) -> str:
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            buffered = self.decoder.getstate()[0] if hasattr(self.decoder, "getstate") else b""
            line = self.line + (buffered + data)[:max(exc.start, 0)].count(b"\n")
            raise InputError(f"bytes that are not {self.label} (the declared encoding)",
                             path=self.name, line=line) from None
        self.line += text.count("\n")
        return text

    def read(self, size: int = -1) -> bytes:
        while not self.eof and (size is None or size < 0 or len(self.pending) < size):
            if self.head is not None:
                raw, self.head = self.head, None
            else:
                try:
                    raw = self.source.read(CHUNK if size is None or size < 0 else max(size, CHUNK))
                except OSError as exc:
                    raise InputError(f"cannot read: {exc.strerror or exc}", path=self.name) from None
            text = self._decode(raw, not raw)
            if self.first and text:
                self.first = False
                text = re.sub(r"""(<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"'>]*\2""",
                              r"\1\2UTF-8\2", text, count=1)
            self.pending += text.encode("utf-8")
            self.eof = not raw
        if size is None or size < 0:
            data, self.pending = self.pending, b""
        else:
            data, self.pending = self.pending[:size], self.pending[size:]
        return data


def as_utf8_if_declared(source: BinaryIO, *, name: str) -> BinaryIO:
    """``source`` as it is, or read as UTF-8 if its XML declaration names an encoding
    the parsers' guard cannot read (see :func:`declared_encoding`). Reads ahead; the
    returned reader gives the whole file."""
    try:
        head = source.read(PEEK)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    encoding = declared_encoding(head, name=name)
    if encoding is None:
        return _Prefixed(head, source)
    return _Transcoded(head, source, encoding, name=name)


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    msg = " ".join((exc.msg or "").split())
    cut = msg.rfind(", line ")
    if cut > 0:
        msg = msg[:cut]
    if msg.startswith("Excessive depth in document"):
        return f"elements nested deeper than {MAX_DEPTH} levels"
    for start, plain in _LIBXML_PLAIN:
        if msg.startswith(start):
            return f"not well-formed XML: {plain}"
    return f"not well-formed XML: {msg}"


_LIBXML_PLAIN = (
    ("Premature end of data", "the file ends inside an element (truncated?)"),
    ("Invalid bytes in character encoding", "bytes that are not valid UTF-8 "
                                            "(or not in the declared encoding)"),
    ("Input is not proper UTF-8", "bytes that are not valid UTF-8 "
                                  "(or not in the declared encoding)"),
    ("Incomplete UTF-8 sequence", "the file ends inside a character (truncated?)"),
    ("Invalid character: Char 0x", "a NUL or control character XML cannot carry"),
    ("PCDATA invalid Char value", "a NUL or control character XML cannot carry"),
)


def iterparse(source: str | Path | BinaryIO, *, name: str | None = None,
              records: Iterable[str], containers: Iterable[str] = ()) -> Iterator[Event]:
    """Stream ``source`` (a path or a binary file object) as :class:`Event` objects.

    ``records`` and ``containers`` are local names (any namespace). A container
    (e.g. a TMX ``header``, an XLIFF ``phase``) is reported when it ends;
    an enclosing container of a record (an XLIFF ``file``) is reachable from
    the record through ``getparent()``. Tags are ``{namespace}local``. The
    element of a ``record`` event is cleared once the consumer asks for the
    next event.
    """
    if isinstance(source, (str, Path)):
        with open_binary(source, name=name) as (fh, name):
            yield from iterparse(fh, name=name, records=records, containers=containers)
        return
    name = name or getattr(source, "name", None) or "<input>"
    source = as_utf8_if_declared(source, name=name)
    records = frozenset(records)
    containers = frozenset(containers)
    prefix, has_doctype = guard_prolog(source, name=name)
    tags = [f"{{*}}{t}" for t in (*records, *containers)] + list(records | containers)
    scanned = _EntityScan(_Prefixed(prefix, source))
    context = etree.iterparse(
        scanned, events=("end",), tag=tags,
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True)
    root_done = False
    try:
        for _, el in context:
            if not root_done:
                root_done = True
                root = el.getroottree().getroot()
                yield Event("root", root, root.sourceline or 1)
            tag = el.tag
            loc = tag[tag.rfind("}") + 1:]
            if loc not in records:
                yield Event("container", el, el.sourceline or 0)
                continue
            if has_doctype and scanned.suspect:
                for ent in el.iter(etree.Entity):
                    raise InputError(f"undefined entity {ent.text}", path=name,
                                     line=ent.sourceline)
            yield Event("record", el, el.sourceline or 0)
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
        if not root_done:
            root = context.root
            if root is not None:
                yield Event("root", root, root.sourceline or 1)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from None


def _syntax_error(exc: etree.XMLSyntaxError, name: str) -> InputError:
    """The one line for libxml2's error. An error libxml2 reports to its log and recovers
    from (an undefined entity ``&foo;``) ends the parse later with an exception of no line
    of its own ("no element found", line 0): the log's last fatal error is the cause."""
    if not exc.lineno:
        fatal = [e for e in exc.error_log if e.level == etree.ErrorLevels.FATAL and e.line]
        if fatal:       # the log is the thread's: the last one is this parse's
            cause = etree.XMLSyntaxError(fatal[-1].message, fatal[-1].type, fatal[-1].line, fatal[-1].column)
            return InputError(_syntax_message(cause), path=name, line=fatal[-1].line)
    return InputError(_syntax_message(exc), path=name, line=exc.lineno)


# --- writing -------------------------------------------------------------

_ILLEGAL = re.compile("([\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff])")


def has_illegal(text: str) -> bool:
    """True if ``text`` holds a character XML 1.0 cannot carry at all (C0 controls
    other than tab/LF/CR, U+FFFE, U+FFFF, lone surrogates)."""
    return _ILLEGAL.search(text) is not None


def split_illegal(text: str) -> list[str]:
    """Split ``text`` into runs: legal text, and single illegal characters."""
    return [part for part in _ILLEGAL.split(text) if part]


def escape_text(text: str) -> str:
    """Escape character data; ``\\r`` becomes ``&#13;`` so parsers keep it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attr(text: str) -> str:
    """Escape an attribute value (double-quoted); whitespace kept exactly."""
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#9;")
    return text


def codepoint_label(ch: str) -> str:
    """``"\\x0c"`` → ``"U+000C"``."""
    return f"U+{ord(ch):04X}"


def parse_codepoint_label(label: str) -> str | None:
    """Inverse of :func:`codepoint_label`; None if ``label`` is not one."""
    if len(label) in (6, 7, 8) and label.startswith("U+"):
        try:
            return chr(int(label[2:], 16))
        except ValueError:
            return None
    return None
