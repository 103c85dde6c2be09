"""Safe, streaming XML reading for the file formats (TMX, XLIFF).

Built directly on the standard library's expat binding (no lxml at run time),
so that every guard is ours and every error carries a line number:

- no entity declarations at all: a DOCTYPE with an internal subset is
  refused before anything in it is processed (billion laughs, quadratic
  blow-up, external entities pointing at local files or URLs); a DOCTYPE
  that only names an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``)
  is accepted and the DTD is never read;
- references to undeclared entities are errors (expat would otherwise skip
  them silently when a DOCTYPE names an external DTD);
- nesting deeper than ``max_depth`` and records with more than ``max_chars``
  characters of text are errors, so memory is bounded by the largest
  *record*, never by the file;
- malformed, truncated, non-UTF-8 (without a declaration saying otherwise)
  input: :class:`~tm.errors.InputError` with the file name and line.

:func:`iterparse` reads the file in chunks and builds a small
``xml.etree.ElementTree.Element`` tree for each *record* element (``tu``,
``trans-unit``, ``unit``…) only; everything outside records is reduced to a
stack of open tags, so memory does not grow with the file.
"""

from __future__ import annotations

import xml.parsers.expat as expat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element

from .errors import InputError

MAX_DEPTH = 64
MAX_CHARS = 1_000_000
CHUNK = 1 << 16


_REASONS = {
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]:
        "invalid token (bytes that are not UTF-8, a NUL or control character, or a stray < or &)",
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "no element found (truncated file?)",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "unclosed token (truncated file?)",
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: "partial character (truncated file?)",
}


@dataclass
class Event:
    """``kind`` is ``"root"`` (the root element, attributes only), ``"start"``
    (a watched container, attributes only) or ``"record"`` (a complete
    record subtree). ``line`` is where the element starts (1-based)."""

    kind: str
    element: Element
    line: int


class _Stop(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def local(tag: str) -> str:
    """``{ns}name`` → ``name``."""
    return tag.rsplit("}", 1)[-1]


def iterparse(source: str | Path | BinaryIO, *, name: str | None = None,
              records: Iterable[str], starts: Iterable[str] = (),
              max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS) -> Iterator[Event]:
    """Stream ``source`` (a path or a binary file object) as :class:`Event` objects.

    ``records`` and ``starts`` are local names (namespace ignored). Tags in the
    yielded elements are ``{namespace}local`` as in ElementTree.
    """
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            yield from iterparse(fh, name=name or str(source), records=records, starts=starts,
                                 max_depth=max_depth, max_chars=max_chars)
        return
    name = name or getattr(source, "name", None) or "<input>"
    records = frozenset(records)
    starts = frozenset(starts)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.ordered_attributes = False
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    events: list[Event] = []
    stack: list[str] = []            # open tags outside and inside records
    tree: list[Element] = []         # open elements of the current record
    record_line = [0]
    chars = [0]
    seen_root = [False]
    seen_bytes = [False]

    def line() -> int:
        return parser.CurrentLineNumber

    def qname(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(raw, attrs):
        if len(stack) >= max_depth:
            raise _Stop(f"elements nested deeper than {max_depth} levels", line())
        tag = qname(raw)
        if attrs and any("}" in k for k in attrs):
            attrs = {qname(k): v for k, v in attrs.items()}
        stack.append(tag)
        if tree:
            el = Element(tag, attrs)
            tree[-1].append(el)
            tree.append(el)
            return
        loc = local(tag)
        if not seen_root[0]:
            seen_root[0] = True
            events.append(Event("root", Element(tag, attrs), line()))
            return
        if loc in records:
            record_line[0] = line()
            chars[0] = 0
            tree.append(Element(tag, attrs))
        elif loc in starts:
            events.append(Event("start", Element(tag, attrs), line()))

    def end(raw):
        stack.pop()
        if tree:
            el = tree.pop()
            if not tree:
                events.append(Event("record", el, record_line[0]))

    def data(text):
        if not tree:
            return
        chars[0] += len(text)
        if chars[0] > max_chars:
            raise _Stop(f"element with more than {max_chars} characters of text", line())
        cur = tree[-1]
        if len(cur):
            last = cur[-1]
            last.tail = (last.tail or "") + text
        else:
            cur.text = (cur.text or "") + text

    def doctype(doctype_name, system_id, public_id, has_internal_subset):
        if has_internal_subset:
            raise _Stop("DOCTYPE with an internal subset (entity declarations) is not accepted",
                        line())

    def entity_decl(*args):
        raise _Stop("entity declarations are not accepted", line())

    def external_ref(*args):
        raise _Stop("external entities are not accepted", line())

    def skipped(entity_name, is_parameter):
        raise _Stop(f"undefined entity &{entity_name};", line())

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity_decl
    parser.UnparsedEntityDeclHandler = entity_decl
    parser.ExternalEntityRefHandler = external_ref
    parser.SkippedEntityHandler = skipped

    def feed(chunk: bytes, final: bool):
        try:
            parser.Parse(chunk, final)
        except _Stop as exc:
            raise InputError(str(exc), path=name, line=exc.line) from None
        except expat.ExpatError as exc:
            if exc.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS] and not seen_bytes[0]:
                raise InputError("empty file", path=name) from None
            reason = _REASONS.get(exc.code) or expat.ErrorString(exc.code)
            raise InputError(f"not well-formed XML: {reason}", path=name,
                             line=exc.lineno) from None

    while True:
        try:
            chunk = source.read(CHUNK)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
        if chunk.strip():
            seen_bytes[0] = True
        feed(chunk, not chunk)
        if events:
            yield from events
            events.clear()
        if not chunk:
            break
    if not seen_root[0]:
        raise InputError("empty file (no XML element)", path=name)


def text_of(el: Element, *, skip: frozenset[str] = frozenset()) -> str:
    """All text inside ``el`` in document order; the *content* of children whose
    local name is in ``skip`` is left out (their tails are kept)."""
    parts = [el.text or ""]
    for child in el:
        if local(child.tag) not in skip:
            parts.append(text_of(child, skip=skip))
        parts.append(child.tail or "")
    return "".join(parts)


# --- writing -------------------------------------------------------------

def _illegal(cp: int) -> bool:
    return (cp < 0x20 and cp not in (0x9, 0xA, 0xD)) or cp in (0xFFFE, 0xFFFF) \
        or 0xD800 <= cp <= 0xDFFF


ILLEGAL = frozenset(chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)) | {
    "\ufffe", "\uffff"}


def has_illegal(text: str) -> bool:
    """True if ``text`` holds a character XML 1.0 cannot carry at all."""
    return any(_illegal(ord(ch)) for ch in text if ord(ch) < 0x20 or ord(ch) >= 0xD800)


def split_illegal(text: str) -> list[str]:
    """Split ``text`` into runs: legal text, and single illegal characters."""
    out: list[str] = []
    buf: list[str] = []
    for ch in text:
        if _illegal(ord(ch)):
            if buf:
                out.append("".join(buf))
                buf = []
            out.append(ch)
        else:
            buf.append(ch)
    if buf:
        out.append("".join(buf))
    return out


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
