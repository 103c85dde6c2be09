"""The guard in front of every XML parser: :func:`guard_prolog` reads a file's prolog, up
to the root element's start tag, with the standard library's expat and our own handlers,
and refuses a DOCTYPE with an internal subset or any entity declaration before anything is
expanded or fetched (:mod:`tm.formats.xmlsafe` puts it in front of libxml2 for TMX, XLIFF
and TBX; :func:`guard_zip_parts` in front of python-docx and openpyxl for each XML part of
a .docx/.xlsx). It imports nothing but the standard library and :mod:`tm.errors`, so every
reader can use it.
"""

from __future__ import annotations

import io
import xml.parsers.expat as expat
import zipfile
import zlib
from typing import BinaryIO

from tm.errors import InputError

CHUNK = 1 << 16
MAX_PROLOG = 10 * 2**20    # bytes before the root element (comments, PIs, DOCTYPE)


_REASONS = {
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]:
        "invalid token (bytes that are not UTF-8, a NUL or control character, or a stray < or &)",
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "no element found (truncated file?)",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "unclosed token (truncated file?)",
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: "partial character (truncated file?)",
}


class _Refused(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


class _RootSeen(Exception):
    pass


def guard_prolog(source: BinaryIO, *, name: str) -> tuple[bytes, bool]:
    """Read ``source`` up to the root element's start tag with a strict expat
    parser; return the bytes read (to be parsed again) and whether there is a
    DOCTYPE. Raises InputError for a DOCTYPE internal subset, a malformed
    prolog, an encoding expat cannot read (a UTF-16 file whose declaration names GBK or
    an unknown codec; :func:`tm.formats.xmlsafe.as_utf8_if_declared` has read a legacy
    encoding declared in ASCII-compatible bytes before), or an empty file."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(doctype_name, system_id, public_id, has_internal_subset):
        seen_doctype.append(True)
        if has_internal_subset:
            raise _Refused("DOCTYPE with an internal subset (entity declarations) is not accepted",
                           parser.CurrentLineNumber)

    def root(tag, attrs):
        raise _RootSeen()

    def refuse(*args):
        raise _Refused("entity declarations are not accepted", parser.CurrentLineNumber)

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    seen: list[bytes] = []
    seen_doctype: list[bool] = []
    while True:
        try:
            chunk = source.read(CHUNK)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
        seen.append(chunk)
        try:
            parser.Parse(chunk, not chunk)
        except _RootSeen:
            return b"".join(seen), bool(seen_doctype)
        except _Refused as exc:
            raise InputError(str(exc), path=name, line=exc.line) from None
        except (LookupError, ValueError) as exc:   # expat asks Python for the declared codec
            raise InputError(f"cannot read the encoding named in the XML declaration ({exc})",
                             path=name, line=parser.CurrentLineNumber) from None
        except expat.ExpatError as exc:
            if not b"".join(seen).strip():
                raise InputError("empty file", path=name) from None
            reason = _REASONS.get(exc.code) or expat.ErrorString(exc.code)
            raise InputError(f"not well-formed XML: {reason}", path=name,
                             line=exc.lineno) from None
        if not chunk:
            raise InputError("empty file (no XML element)", path=name)
        if len(seen) * CHUNK > MAX_PROLOG:
            raise InputError(f"no root element in the first {MAX_PROLOG // 2**20} MB", path=name,
                             line=parser.CurrentLineNumber)


_XML_PARTS = (".xml", ".rels", ".vml")


def guard_zip_parts(data: bytes, *, name: str, label: str) -> None:
    """Refuse a .docx/.xlsx whose XML parts declare entities (billion laughs, external
    entities), before python-docx or openpyxl parses any part: no Office program writes a
    DOCTYPE, and python-docx would read an undeclared entity as nothing (its text lost).
    ``label`` names the kind of file in the message (``workbook``, ``Word document``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for part in z.infolist():
                if not part.filename.lower().endswith(_XML_PARTS) or part.file_size == 0:
                    continue                       # an image, a binary part
                with z.open(part) as fh:
                    try:
                        guard_prolog(fh, name=part.filename)
                    except InputError as exc:
                        raise InputError(f"{label} part {exc}", path=name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"a damaged zip file ({' '.join(str(exc).split())})", path=name) from None
