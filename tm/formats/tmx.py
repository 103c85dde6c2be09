"""TMX 1.4b reading and writing (streaming).

Written (see docs/formats.md): UTF-8, ``<!DOCTYPE tmx SYSTEM
"tmx14.dtd">``, a header with ``srclang="zh-CN"``, ``segtype="block"``,
``datatype="plaintext"``; one ``<tu>`` per unit with ``tuid`` = the unit key,
``segtype="sentence"`` only on 1-1 units, dates in basic form
(``20261121T054815Z``), metadata as ``x-`` props only, exactly two ``<tuv>``
(``zh-CN`` then ``en``) with plain-text ``<seg>``. Characters XML 1.0 cannot
carry (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) are written as
``<ph type="x-char">U+000C</ph>`` placeholders and read back as the character.

Read: any TMX 1.1-1.4 with ``xml:lang`` (or ``lang``) on ``<tuv>``; the
Chinese variant is the one whose tag has primary subtag ``zh`` (``zh-CN``
preferred over ``zh``/``zh-Hans`` over other regions), English ``en``.
Inline codes (``bpt ept it ph ut``) are dropped, ``hi``/``sub`` text kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from tm import __version__
from tm.errors import InputError, ToolError
from tm.formats.common import (
    check_pair, fmt_float, iso_to_basic, lang_side, now_iso, parse_float, parse_int, parse_status,
    to_iso, zh_preference,
)
from tm.models import EN, ZH, TranslationUnit
from tm.formats.xmlsafe import (
    codepoint_label, escape_attr, escape_text, has_illegal, iterparse, local,
    parse_codepoint_label, split_illegal,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHAR_PH = "x-char"
_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
# TranslationUnit field <-> x- prop
_PROPS = {"x-pair": "pair", "x-position": "position", "x-shape": "shape",
          "x-confidence": "confidence", "x-origin": "origin", "x-status": "status", "x-edited": "edited"}


# --- writing -------------------------------------------------------------

def _seg(text: str) -> str:
    if not has_illegal(text):
        return escape_text(text)
    return "".join(f'<ph type="{CHAR_PH}">{codepoint_label(part)}</ph>'
                   if len(part) == 1 and has_illegal(part) else escape_text(part)
                   for part in split_illegal(text))


def _attr(name: str, value: str | None) -> str:
    if value is None:
        return ""
    if has_illegal(value):
        raise ToolError(f"{name}={value!r}: control characters cannot be written to TMX")
    return f' {name}="{escape_attr(value)}"'


def _prop(kind: str, value) -> str:
    if value is None:
        return ""
    text = str(value)
    if has_illegal(text):
        raise ToolError(f"prop {kind}={text!r}: control characters cannot be written to TMX")
    return f'\n      <prop type="{escape_attr(kind)}">{escape_text(text)}</prop>'


def tu_xml(unit: TranslationUnit) -> str:
    """One ``<tu>`` element (with a trailing newline)."""
    parts = ["    <tu", _attr("tuid", unit.key),
             _attr("creationdate", iso_to_basic(unit.created)),
             _attr("changedate", iso_to_basic(unit.changed)),
             _attr("changeid", unit.changed_by)]
    if unit.shape == "1-1":
        parts.append(' segtype="sentence"')
    parts.append(">")
    parts.append(_prop("x-pair", unit.pair))
    parts.append(_prop("x-position", unit.position))
    parts.append(_prop("x-shape", unit.shape))
    parts.append(_prop("x-confidence", fmt_float(unit.confidence)))
    parts.append(_prop("x-origin", unit.origin))
    parts.append(_prop("x-status", unit.status))
    parts.append(_prop("x-edited", unit.edited))
    for kind in sorted(unit.props):
        name = kind if kind.startswith("x-") else f"x-{kind}"
        parts.append(_prop(name, unit.props[kind]))
    if unit.note:
        if has_illegal(unit.note):
            raise ToolError(f"unit {unit.key}: control characters in the note cannot be "
                            f"written to TMX")
        parts.append(f"\n      <note>{escape_text(unit.note)}</note>")
    parts.append(f'\n      <tuv xml:lang="{ZH}"><seg>{_seg(unit.zh)}</seg></tuv>'
                 f'\n      <tuv xml:lang="{EN}"><seg>{_seg(unit.en)}</seg></tuv>\n    </tu>\n')
    return "".join(parts)


def write_tmx(units: Iterable[TranslationUnit], out: TextIO, *, clock=None,
              tool: str = "zhen-tm", tool_version: str = __version__) -> int:
    """Write ``units`` as TMX 1.4b to the text stream ``out``; returns the count.

    ``clock`` (a callable returning a datetime) fixes the header's creation
    date, so output is byte-stable for golden files.
    """
    created = iso_to_basic(now_iso(clock))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
              '<tmx version="1.4">\n'
              f'  <header creationtool="{escape_attr(tool)}" '
              f'creationtoolversion="{escape_attr(tool_version)}" datatype="plaintext" '
              f'segtype="block" adminlang="en" srclang="{ZH}" o-tmf="{escape_attr(tool)}" '
              f'creationdate="{created}"/>\n'
              '  <body>\n')
    count = 0
    batch: list[str] = []
    for unit in units:
        batch.append(tu_xml(unit))
        count += 1
        if len(batch) >= 512:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))
    out.write("  </body>\n</tmx>\n")
    return count


# --- reading -------------------------------------------------------------

def seg_text(el) -> str:
    """Text of a ``<seg>``: inline codes dropped, our ``x-char`` placeholders restored."""
    if not len(el):
        return el.text or ""
    parts = [el.text or ""]
    for child in el:
        name = local(child.tag)
        if name == "ph" and child.get("type") == CHAR_PH:
            ch = parse_codepoint_label((child.text or "").strip())
            parts.append(ch if ch is not None else "")
        elif name not in _CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx(source: str | Path | BinaryIO, *, name: str | None = None,
             check: bool = True) -> Iterator[TranslationUnit]:
    """Stream the zh/en units of a TMX file (path or binary file object).

    ``check=False`` keeps pairs :func:`~tm.formats.common.check_pair` would refuse and reads
    a ``<tu>`` without English as an empty target (for QA, which reports both)."""
    name = name or (str(source) if isinstance(source, (str, Path)) else
                    getattr(source, "name", None) or "<input>")
    for event in iterparse(source, name=name, records=("tu",)):
        el = event.element
        if event.kind == "root":
            if local(el.tag) != "tmx":
                raise InputError(f"not TMX: the root element is <{local(el.tag)}>",
                                 path=name, line=event.line)
            continue
        yield _unit(el, name, event.line, check)


def _unit(tu, name: str, line: int, check: bool = True) -> TranslationUnit:
    zh_candidates: list[tuple[int, str]] = []
    en_text: str | None = None
    fields: dict = {}
    props: dict[str, str] = {}
    notes: list[str] = []
    for child in tu:
        kind = child.tag
        if kind == "tuv":
            tag = child.get(XML_LANG) or child.get("lang")
            side = lang_side(tag)
            for seg in child:       # the first <seg> child (faster than find("seg"))
                if seg.tag == "seg":
                    break
            else:
                seg = None
            if seg is None:
                raise InputError("<tuv> without <seg>", path=name, line=line)
            if side == "zh":
                zh_candidates.append((zh_preference(tag), seg_text(seg)))
            elif side == "en" and en_text is None:
                en_text = seg_text(seg)
        elif kind == "prop":
            ptype = child.get("type") or ""
            value = child.text or ""
            if ptype in _PROPS:
                fields[_PROPS[ptype]] = value
            elif ptype:
                props[ptype] = value
        elif kind == "note":
            notes.append(seg_text(child))
    if not zh_candidates:
        raise InputError("<tu> has no Chinese (zh) variant", path=name, line=line)
    if en_text is None:
        if check:
            raise InputError("<tu> has no English (en) variant", path=name, line=line)
        en_text = ""
    zh_text = zh_candidates[0][1] if len(zh_candidates) == 1 else \
        min(zh_candidates, key=lambda c: c[0])[1]
    problem = check_pair(zh_text, en_text) if check else None
    if problem:
        raise InputError(problem, path=name, line=line)
    return TranslationUnit(
        zh=zh_text, en=en_text, key=tu.get("tuid"),
        pair=fields.get("pair"),
        position=parse_int(fields.get("position"), path=name, line=line, what="x-position"),
        shape=fields.get("shape"),
        confidence=parse_float(fields.get("confidence"), path=name, line=line,
                               what="x-confidence"),
        origin=fields.get("origin") or "imported",
        status=parse_status(fields.get("status"), path=name, line=line),
        created=to_iso(tu.get("creationdate")),
        changed=to_iso(tu.get("changedate")),
        changed_by=tu.get("changeid"),
        edited=to_iso(fields.get("edited")) if fields.get("edited") else None,
        note="\n".join(notes) if notes else None,
        props=props,
    )
