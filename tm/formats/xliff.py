"""XLIFF 1.2 and 2.1 bilingual files for reviewing the memory in a CAT tool.

Written (see docs/formats.md): one ``<file>`` per document pair
(``original`` = the pair name), units in the order given (document order),
``id`` = the unit key, source ``zh-CN``, target ``en``, plain text (characters
XML cannot carry become placeholder codes: 1.2 ``<ph id=".." ctype="x-char">U+000C</ph>``,
2.1 ``<ph id=".." type="other" subType="zhen:char" disp="U+000C"/>``).

- 1.2: ``<trans-unit xml:space="preserve">`` with ``<target state=...>``:
  ``signed-off`` (+ ``approved="yes"``) for reviewed units,
  ``needs-review-translation`` for units flagged for review (status
  needs-review, or confidence below ``review_below``), else ``translated``;
  the unit's metadata in ``<context-group name="zhen-tm" purpose="information">``
  (``<context context-type="x-confidence">0.42</context>``…), and a
  ``<note from="zhen-tm">`` on flagged units. Valid against the strict and
  transitional XSDs.
- 2.1: ``<unit xml:space="preserve">`` with the metadata in
  ``<mda:metadata><mda:metaGroup category="zhen-tm">``, one ``<segment>``:
  ``state="reviewed"`` for reviewed units, ``state="translated"`` otherwise,
  flagged ones with ``subState="zhen:needs-review"`` and a
  ``<note category="zhen-tm">``. Valid against the 2.1 core XSD plus the
  metadata module.

Read: both versions (``trans-unit``/``unit``; 2.x units with several segments
have their sources and targets joined, an ``<ignorable>`` without a target the same on
both sides; a unit whose segments are not all translated has no target: see
:func:`_segment_left_out`). For the review round trip the reader
also reports the state the file gives each unit, and who/when: 1.2 from the
``<phase>`` named by the target's or unit's ``phase-name`` (``contact-name``,
``date``), else the ``from`` of a note not written by us; 2.1 from the latest
``ctr:revision`` (change-tracking module) that applies to the target.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from tm import __version__
from tm.errors import InputError, ToolError
from tm.formats.common import (
    SDL_CONFIRMATION, FileCheck, check_pair, fmt_float, known_dates, lang_side, now_iso, parse_float,
    parse_position, parse_status, to_iso, untold,
)
from tm.models import EN, ZH, Skipped, TranslationUnit
from tm.text.lang import ORIENT_ROWS, Evidence, normalise_tag
from tm.text.lang import source_side as side_from_text
from tm.formats import inline
from tm.text.codes import CODE as _CODE
from tm.formats.xmlsafe import (
    codepoint_label, escape_attr, escape_text, has_illegal, iterparse, local,
    parse_codepoint_label, split_illegal,
)

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
NS_CTR = "urn:oasis:names:tc:xliff:changetracking:2.0"
TOOL = "zhen-tm"
CHAR_TYPE = "x-char"
CHAR_SUBTYPE = "zhen:char"
REVIEW_SUBSTATE = "zhen:needs-review"
REVIEW_BELOW = 0.5
VERSIONS = ("1.2", "2.1")
# metadata carried per unit (beyond id/source/target)
_META = ("pair", "position", "shape", "confidence", "origin", "status", "created", "changed",
         "changed_by", "note", "edited", "srclang", "zh_lang", "en_lang")
_CODES = frozenset({"bpt", "ept", "it", "ph", "x", "bx", "ex", "sc", "ec", "originalData"})


def flagged(unit: TranslationUnit, review_below: float) -> bool:
    """Should a reviewer look at ``unit`` first?"""
    if unit.status == "reviewed":
        return False
    return unit.status == "needs-review" or (
        unit.confidence is not None and unit.confidence < review_below)


def state_12(unit: TranslationUnit, review_below: float) -> str:
    if unit.status == "reviewed":
        return "signed-off"
    return "needs-review-translation" if flagged(unit, review_below) else "translated"


def state_21(unit: TranslationUnit, review_below: float) -> str:
    return "reviewed" if unit.status == "reviewed" else "translated"


def _meta_values(unit: TranslationUnit) -> list[tuple[str, str]]:
    out = []
    dates = dict(zip(("created", "changed"), known_dates(unit)))
    for field in _META:
        value = dates[field] if field in dates else getattr(unit, field)
        if value is None:
            continue
        text = fmt_float(value) if field == "confidence" else str(value)
        if has_illegal(text):
            raise ToolError(f"unit {unit.key}: {field} has characters XML cannot carry")
        out.append((field, text))
    return out


def _review_note(unit: TranslationUnit) -> str:
    conf = "unknown" if unit.confidence is None else f"{unit.confidence:.2f}"
    shape = f", bead {unit.shape}" if unit.shape else ""
    return f"Check this pair: alignment confidence {conf}{shape}."


def _inline(text: str, version: str, counter: list | None = None) -> str:
    if not has_illegal(text):
        return escape_text(text)
    parts = []
    counter = counter if counter is not None else [0]
    for part in split_illegal(text):
        if len(part) == 1 and has_illegal(part):
            counter[0] += 1
            n = counter[0]
            label = codepoint_label(part)
            if version == "1.2":
                parts.append(f'<ph id="c{n}" ctype="{CHAR_TYPE}">{label}</ph>')
            else:
                parts.append(f'<ph id="c{n}" type="other" subType="{CHAR_SUBTYPE}" '
                             f'disp="{label}"/>')
        else:
            parts.append(escape_text(part))
    return "".join(parts)


_NMTOKEN = re.compile(r"[\w.:\-\u00b7\u0300-\u036f\u203f-\u2040]+")


def _id(unit: TranslationUnit, count: int, version: str) -> tuple[str, list[tuple[str, str]]]:
    """The unit's id in the file, and a ``key`` metadata entry when the id is not the key
    (no key: ``u<n>`` and an empty key; a key that is not an XLIFF 2 NMTOKEN: ``u<n>``)."""
    key = unit.key
    if key is not None and has_illegal(key):
        raise ToolError(f"unit key {key!r} has characters XML cannot carry")
    if key is None:
        return f"u{count}", [("key", "")]
    if version != "1.2" and not _NMTOKEN.fullmatch(key):
        return f"u{count}", [("key", key)]
    return key, []


def _segments(unit: TranslationUnit, version: str) -> tuple[str, str, inline.Writer | None]:
    """The source and target content of ``unit`` (inline codes written back, see
    :mod:`tm.formats.inline`), and the writer (XLIFF 2: its ``<originalData>``)."""
    counter = [0]
    plain = lambda t: _inline(t, version, counter)   # noqa: E731 (one numbering of x-char codes)
    if not (unit.codes or _CODE.search(unit.zh) or _CODE.search(unit.en)):
        return plain(unit.zh), plain(unit.en), None
    writer = inline.Writer(unit.codes, inline.XLIFF12 if version == "1.2" else inline.XLIFF2)
    return writer.segment(unit.zh, "zh", plain), writer.segment(unit.en, "en", plain), writer


def _codes_meta(unit: TranslationUnit) -> list[tuple[str, str]]:
    """The codes' original markup, in our metadata: a re-import restores it exactly."""
    return [("codes", inline.dumps(unit.codes))] if unit.codes else []


def direction(unit: TranslationUnit) -> tuple[bool, str, str]:
    """How ``unit`` is exported: ``(flipped, source tag, target tag)``. A unit whose
    recorded source language is English is written en → zh (``flipped``: the English
    side is the ``<source>``), tagged with that source language and its Chinese tag;
    any other unit zh → en with its Chinese and English tags (default zh-CN → en)."""
    zh_tag, en_tag = unit.zh_lang or ZH, unit.en_lang or EN
    if lang_side(unit.srclang) == "en":
        return True, unit.srclang, zh_tag
    return False, zh_tag, en_tag


def unit_12(unit: TranslationUnit, count: int, review_below: float,
            way: tuple[bool, str, str] | None = None) -> str:
    state = state_12(unit, review_below)
    uid, key_meta = _id(unit, count, "1.2")
    approved = ' approved="yes"' if unit.status == "reviewed" else ""
    flipped, src_tag, trg_tag = way or direction(unit)
    src, trg, _ = _segments(unit, "1.2")
    if flipped:
        src, trg = trg, src
    parts = [f'      <trans-unit id="{escape_attr(uid)}"{approved} '
             f'xml:space="preserve">\n'
             f'        <source xml:lang="{escape_attr(src_tag)}">{src}</source>\n'
             f'        <target xml:lang="{escape_attr(trg_tag)}" state="{state}">{trg}</target>\n']
    meta = key_meta + _meta_values(unit) + [("state", state)] + _codes_meta(unit)
    if meta:
        parts.append(f'        <context-group name="{TOOL}-{count}" purpose="information">\n')
        for field, text in meta:
            parts.append(f'          <context context-type="x-{field.replace("_", "-")}">'
                         f'{escape_text(text)}</context>\n')
        parts.append("        </context-group>\n")
    if flagged(unit, review_below):
        parts.append(f'        <note from="{TOOL}">{escape_text(_review_note(unit))}</note>\n')
    parts.append("      </trans-unit>\n")
    return "".join(parts)


def unit_21(unit: TranslationUnit, count: int, review_below: float, flipped: bool = False) -> str:
    uid, key_meta = _id(unit, count, "2.1")
    parts = [f'    <unit id="{escape_attr(uid)}" xml:space="preserve">\n']
    meta = key_meta + _meta_values(unit) + [("state", state_21(unit, review_below))] + _codes_meta(unit)
    if meta:
        parts.append(f'      <mda:metadata>\n        <mda:metaGroup category="{TOOL}">\n')
        for field, text in meta:
            parts.append(f'          <mda:meta type="{field}">{escape_text(text)}</mda:meta>\n')
        parts.append("        </mda:metaGroup>\n      </mda:metadata>\n")
    flag = flagged(unit, review_below)
    if flag:
        parts.append(f'      <notes>\n        <note category="{TOOL}">'
                     f'{escape_text(_review_note(unit))}</note>\n      </notes>\n')
    sub = f' subState="{REVIEW_SUBSTATE}"' if flag else ""
    src, trg, writer = _segments(unit, "2.1")
    if flipped:
        src, trg = trg, src
    if writer is not None:
        parts.append(writer.original_data("      "))
    parts.append(f'      <segment state="{state_21(unit, review_below)}"{sub}>\n'
                 f'        <source>{src}</source>\n'
                 f'        <target>{trg}</target>\n'
                 f'      </segment>\n    </unit>\n')
    return "".join(parts)


def write_xliff(units: Iterable[TranslationUnit], out: TextIO, *, version: str = "2.1",
                clock=None, review_below: float = REVIEW_BELOW,
                tool_version: str = __version__) -> int:
    """Write ``units`` as one XLIFF document, a ``<file>`` per document pair
    (a new one each time the pair changes). Returns the count.

    Each unit is written in the direction it was translated (:func:`direction`): 1.2
    opens a new ``<file>`` whenever the languages change (``source-language`` /
    ``target-language`` are per file); 2.x has one ``srcLang``/``trgLang`` per document,
    taken from the first unit, and writes a unit translated the other way in the
    document's direction (its own source language stays in its metadata).

    ``review_below``: units with a lower alignment confidence are flagged for
    review. ``clock`` fixes the 1.2 file date for byte-stable output.
    """
    if version not in VERSIONS:
        raise ToolError(f"XLIFF version must be one of {', '.join(VERSIONS)}, not {version!r}")
    date = now_iso(clock)

    def head(src_tag: str, trg_tag: str) -> str:
        if version == "1.2":
            return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
                    f'<xliff version="1.2" xmlns="{NS12}">\n')
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<xliff xmlns="{NS20}" xmlns:mda="{NS_MDA}" version="2.1" '
                f'srcLang="{escape_attr(src_tag)}" trgLang="{escape_attr(trg_tag)}">\n')
    count = 0
    files = 0
    current: object = object()
    batch: list[str] = []
    document = None                  # 2.x: the direction of the whole document
    for unit in units:
        way = direction(unit)
        if document is None:
            document = way
            batch.append(head(*way[1:]))
        opens = (unit.pair, way) if version == "1.2" else unit.pair
        if opens != current:
            if files:
                batch.append(_close(version))
            files += 1
            current = opens
            batch.append(_open_file(version, unit.pair, files, date, tool_version, way))
        count += 1
        batch.append(unit_12(unit, count, review_below, way) if version == "1.2"
                     else unit_21(unit, count, review_below, flipped=document[0]))
        if len(batch) >= 256:
            out.write("".join(batch))
            batch.clear()
    if not files:
        if version != "1.2":      # nothing written yet
            raise ToolError("no units to export (an XLIFF 2 file needs at least one unit)")
        batch.append(head(ZH, EN))
        batch.append(_open_file(version, None, 1, date, tool_version))   # an empty 1.2 body
    batch.append(_close(version))
    out.write("".join(batch))
    out.write("</xliff>\n")
    return count


def _open_file(version: str, pair: str | None, n: int, date: str, tool_version: str,
               way: tuple[bool, str, str] = (False, ZH, EN)) -> str:
    original = escape_attr(pair if pair is not None else "memory")
    if version == "1.2":
        src, trg = escape_attr(way[1]), escape_attr(way[2])
        return (f'  <file original="{original}" source-language="{src}" target-language="{trg}" '
                f'datatype="plaintext" date="{date}">\n'
                f'    <header>\n      <tool tool-id="{TOOL}" tool-name="{TOOL}" '
                f'tool-version="{escape_attr(tool_version)}"/>\n    </header>\n    <body>\n')
    return f'  <file id="f{n}" original="{original}">\n'


def _close(version: str) -> str:
    return "    </body>\n  </file>\n" if version == "1.2" else "  </file>\n"


# --- reading -------------------------------------------------------------

@dataclass
class Reviewed:
    """What a file says about one unit, for the review round trip."""

    unit: TranslationUnit
    line: int
    state: str | None          # the XLIFF state as written in the file
    approved: bool             # signed off (1.2 final/signed-off/approved=yes, 2.x reviewed/final)
    needs_review: bool         # explicitly still to be reviewed (needs-*, new, initial)
    has_target: bool
    who: str | None
    when: str | None           # ISO 8601 UTC
    ours: bool = False         # carries this tool's metadata (a unit we exported)
    source_side: str = "zh"    # the side the file's <source> holds (en: we wrote it en → zh)
    partly: bool = False       # some segments translated, not all (has_target is then False)


def _text(el, version: str) -> str:
    parts = [el.text or ""]
    for child in el:
        name = local(child.tag)
        if name == "ph" and (child.get("ctype") == CHAR_TYPE or
                             child.get("subType") == CHAR_SUBTYPE):
            label = child.get("disp") if version != "1.2" else (child.text or "").strip()
            parts.append(parse_codepoint_label(label or "") or "")
        elif name not in _CODES:
            parts.append(_text(child, version))
        parts.append(child.tail or "")
    return "".join(parts)


def _special(version: str):
    """Our placeholders of characters XML cannot carry (and XLIFF 2 ``<cp>``): the character."""
    def special(child):
        name = local(child.tag)
        if name == "ph" and (child.get("ctype") == CHAR_TYPE or child.get("subType") == CHAR_SUBTYPE):
            label = child.get("disp") if version != "1.2" else (child.text or "").strip()
            return parse_codepoint_label(label or "") or ""
        if name == "cp" and version != "1.2":
            try:
                return chr(int(child.get("hex") or "", 16))
            except (ValueError, OverflowError):
                return ""
        return None
    return special


class _Sides:
    """The two sides of one unit read with their inline codes (shared labels)."""

    def __init__(self, version: str):
        self.fmt = inline.XLIFF12 if version == "1.2" else inline.XLIFF2
        labels = inline.Labels()
        special = _special(version)
        self.src = inline.SideReader(self.fmt, labels, special)
        self.trg = inline.SideReader(self.fmt, labels, special)
        self.data: dict[str, str] = {}

    def codes(self, stored: str | None, zh: str, en: str, flip: bool = False) -> dict:
        """The unit's codes: those read, or (our own file) the original markup our metadata
        carries, completed by what was read (``flip``: the source is the English side)."""
        src, trg = (self.trg, self.src) if flip else (self.src, self.trg)
        read = inline.unit_codes(self.fmt, src.markup, trg.markup, self.data)
        if not stored:
            return read
        try:
            codes = json.loads(stored)
        except ValueError:
            return read
        return inline.merge(codes, read, {"zh": zh, "en": en}) if isinstance(codes, dict) else read


def _blank(el) -> bool:
    """A segment's source or target with nothing in it: white space, no inline element."""
    return not "".join(el.itertext()).strip() and not any(isinstance(c.tag, str) for c in el.iter()
                                                           if c is not el)


def _child(el, name: str):
    return next((c for c in el if local(c.tag) == name), None)


def read_xliff(source: str | Path | BinaryIO, *, name: str | None = None,
               check: bool = True, skipped: Skipped | None = None) -> Iterator[TranslationUnit]:
    """Stream the units of an XLIFF 1.2 or 2.x file as memory units, in either
    direction: the file's declared languages (``source-language``/``target-language``,
    ``srcLang``/``trgLang``) say which side is Chinese, and the text must agree
    (:class:`~tm.formats.common.FileCheck`); a file without a Chinese or an English side
    is refused. Each unit keeps its source language, its tags, its id (key), notes,
    ``resname`` and context (as props), its ``<file original>`` and state (in ``meta``;
    ``final``/``signed-off``/``approved``: reviewed; ``needs-*``: needs-review).
    Units without a target, with a segment left untranslated, or whose target copies the
    source, are counted in ``skipped`` (an error without it). ``check=False`` (QA) keeps
    every unit."""
    for item in read_reviewed(source, name=name, check=check, skipped=skipped, memory=True):
        yield item.unit


def is_own(head: bytes) -> bool:
    """Did this tool write the XLIFF file that starts with ``head`` (its first 64 KB)?
    Ours name the tool in the 1.2 ``<header>`` and in the 2.1 units' metadata."""
    return (f'tool-id="{TOOL}"'.encode() in head or f'category="{TOOL}"'.encode() in head)


def _languages(el, root, version: str) -> tuple[str | None, str | None]:
    if version == "1.2":
        parent = el.getparent()
        while parent is not None and local(parent.tag) != "file":
            parent = parent.getparent()
        holder = parent if parent is not None else root
        return holder.get("source-language"), holder.get("target-language")
    return root.get("srcLang"), root.get("trgLang")


def _source_side(src: str | None, trg: str | None, *, name: str, line: int) -> str | None:
    """Which side (zh/en) the file's source is, from its declared languages."""
    s, t = lang_side(src), lang_side(trg)
    declared = [x for x in (src, trg) if x]
    if (src and trg and {s, t} != {"zh", "en"}) or (declared and s is None and t is None):
        langs = " -> ".join(x or "?" for x in (src, trg))
        missing = "Chinese" if "zh" not in (s, t) else "English"
        raise InputError(f"no {missing} in this file (it translates {langs}); a "
                         f"Chinese-English memory needs a Chinese and an English side",
                         path=name, line=line)
    if s == "en" or t == "zh":
        return "en"
    if s == "zh" or t == "en":
        return "zh"
    return None


def _foreign(el, version: str) -> tuple[list[str], dict[str, str], str | None]:
    """Notes, props (resname, context) and the target state of another tool's unit."""
    notes, props, state = [], {}, None
    if el.get("resname"):
        props["resname"] = el.get("resname")
    for child in el.iter():
        kind = local(child.tag)
        if kind == "note" and child.get("from") != TOOL and child.get("category") != TOOL:
            text = _text(child, version).strip()
            if text:
                notes.append(text)
        elif kind == "context" and child.getparent() is not None and \
                not (child.getparent().get("name") or "").startswith(TOOL):
            ctype = child.get("context-type") or "context"
            value = (child.text or "").strip()
            if value:
                key = f"context:{ctype}"
                props[key] = f"{props[key]} | {value}" if key in props else value
        elif kind == "target" and child.get("state"):
            state = child.get("state")
        elif kind == "segment" and child.get("state"):
            state = child.get("state")
    if version == "1.2" and state is None:
        told = _tool_status(el)
        if told:
            props["mq:status" if el.get(f"{{{MQ_NS}}}status") else
                  "m:confirmed" if el.get(f"{{{PHRASE_NS}}}confirmed") is not None else
                  "sdl:conf"] = told[1]
    return notes, props, state


def _swap(unit: TranslationUnit) -> None:
    """Read a unit of a file written en → zh: its source is the English side."""
    unit.zh, unit.en = unit.en, unit.zh
    if unit.codes:
        c = unit.codes
        unit.codes = {k: v for k, v in (("fmt", c.get("fmt")), ("zh", c.get("en")), ("en", c.get("zh")),
                                        ("data", c.get("data"))) if v}


def _memory_unit(item: Reviewed, foreign, fc: FileCheck, source_side: str | None,
                 tags: tuple[str | None, str | None], original: str | None) -> TranslationUnit | None:
    """The memory unit of another tool's unit, or None when the file check skips it;
    ``foreign()`` gives its :func:`_foreign` (read only for a unit that is kept)."""
    unit = item.unit
    src, trg = unit.zh, unit.en
    if fc.check:
        if not item.has_target or not trg.strip():
            fc.skip("both sides are empty" if not src.strip() else
                    "untranslated: a segment has no target" if item.partly else
                    "untranslated: no target", item.line)
            return None
        if trg.strip() == src.strip():
            fc.skip("the target copies the source", item.line)
            return None
    if source_side is None:         # no language declared, and the text does not tell
        fc.missing_side(_UNTOLD_REASON, item.line)
        return None
    if source_side == "en":
        _swap(unit)
    if not fc.keep(unit.zh, unit.en, source_side, item.line):
        return None
    if unit.key and not fc.unique(f"{original}#{unit.key}" if original else unit.key,
                                  unit.zh, unit.en, item.line):
        return None             # ids are unique per <file>: the key tm.exchange gives them
    notes, props, state = foreign()
    unit.pair = None
    unit.note = unit.note or ("\n".join(notes) if notes else None)
    unit.props = props
    xliff = {k: v for k, v in (("file", original), ("state", state)) if v}
    if xliff:
        unit.meta = {"xliff": xliff}
    src_tag, trg_tag = tags
    srclang = (normalise_tag(src_tag) or (EN if source_side == "en" else None)) if source_side else None
    unit.srclang = None if srclang == ZH else srclang
    zh_tag, en_tag = (trg_tag, src_tag) if source_side == "en" else (src_tag, trg_tag)
    zh_tag, en_tag = normalise_tag(zh_tag), normalise_tag(en_tag)
    unit.zh_lang = None if zh_tag in (None, ZH) else zh_tag
    unit.en_lang = None if en_tag in (None, EN) else en_tag
    return unit


def read_reviewed(source: str | Path | BinaryIO, *, name: str | None = None,
                  check: bool = True, skipped: Skipped | None = None,
                  memory: bool = False) -> Iterator[Reviewed]:
    """Stream each unit of an XLIFF file with its state and reviewer (``memory``:
    as :func:`read_xliff` reads them)."""
    name = name or (str(source) if isinstance(source, (str, Path)) else
                    getattr(source, "name", None) or "<input>")
    fc = FileCheck(name, skipped, check=check)
    root = None
    oriented: dict = {}
    undeclared: set = set()          # language pairs (tags) that declare no language
    told = _UNTOLD                   # their source side, once the text has told it
    texts = (Evidence(), Evidence())  # their sources' and targets' text
    pending: list = []               # units held until then
    held = 0                         # of them, units without declared languages
    first_held = None                # the line of the first
    zh_decl = en_decl = None
    version = None
    phases: dict[str, tuple[str | None, str | None]] = {}
    files: dict = {}                 # the enclosing <file> element -> its pair name

    def told_file_notes(file_el) -> None:
        if memory and skipped is not None and _file_notes(file_el):
            skipped.remark(FILE_NOTES_LEFT)
    for event in iterparse(source, name=name, records=("trans-unit", "unit"),
                           containers=("phase",)):
        el = event.element
        if event.kind == "root":
            if local(el.tag) != "xliff":
                raise InputError(f"not XLIFF: the root element is <{local(el.tag)}>",
                                 path=name, line=event.line)
            ns = el.tag[1:].split("}")[0] if el.tag.startswith("{") else ""
            version = "1.2" if ns == NS12 or el.get("version", "").startswith("1.") else "2"
            root = el
            continue
        kind = local(el.tag)
        if event.kind == "container":
            if kind == "phase":
                phases[el.get("phase-name") or ""] = (el.get("contact-name"), to_iso(el.get("date")))
            continue
        pair = _pair_of(el, files, told_file_notes)
        flip = lang_side(_languages(el, root, version)[0]) == "en"   # the source is English
        try:
            if version == "1.2" and kind == "trans-unit":
                item = _read_12(el, name, event.line, pair, phases, check and not memory, flip)
            elif version == "2" and kind == "unit":
                item = _read_2(el, name, event.line, pair, check and not memory, flip)
            else:
                continue
        except InputError as exc:
            if exc.path is None:        # (too many inline codes) the file and line of the unit
                raise InputError(str(exc), path=name, line=event.line) from None
            raise
        if not memory or item.ours:
            if memory and check and item.unit.en:
                problem = check_pair(item.unit.zh, item.unit.en)
                if problem:
                    raise InputError(problem, path=name, line=event.line)
            yield item
            continue
        tags = _languages(el, root, version)
        if tags not in oriented:
            oriented[tags] = _source_side(*tags, name=name, line=event.line)
            for tag in tags:
                fc.saw(tag)
            if oriented[tags] is None:      # no language declared: the text tells (below)
                if told is _UNTOLD:
                    undeclared.add(tags)
                else:
                    oriented[tags] = told
        if _not_for_translation(el):        # (after the file's languages are checked)
            fc.tell(_NOT_FOR_TRANSLATION, event.line)
            continue
        if undeclared and told is _UNTOLD:
            # held, in order, until the text of the first ORIENT_ROWS units without declared
            # languages says which side is Chinese (their element is cleared by then)
            found = _foreign(el, version)
            pending.append((item, tags, pair, lambda found=found: found))
            if tags in undeclared:
                texts[0].add(item.unit.zh, item.line)      # the source
                texts[1].add(item.unit.en, item.line)      # the target
                held += 1
                if first_held is None:
                    first_held = item.line
                if held < ORIENT_ROWS:
                    continue
            else:
                continue
            told = _tell(texts, undeclared, oriented)
            batch, pending = pending, []
        else:
            batch = [(item, tags, pair, lambda el=el: _foreign(el, version))]
        for item, declared in _kept(batch, fc, oriented):
            zh_decl, en_decl = declared
            yield item
    if pending:                             # fewer than ORIENT_ROWS units: the file's end
        told = _tell(texts, undeclared, oriented)
        for item, declared in _kept(pending, fc, oriented):
            zh_decl, en_decl = declared
            yield item
    if memory and held and told is None and not fc.kept:
        raise untold(_UNTOLD_REASON, texts, name=name, line=first_held, labels=("source", "target"))
    if memory:
        fc.finish(zh_decl, en_decl)


def _kept(batch, fc: FileCheck, oriented: dict):
    """``(item, (zh tag, en tag))`` of the units of ``batch`` the file check keeps."""
    for item, tags, pair, foreign in batch:
        side = oriented[tags]
        if _memory_unit(item, foreign, fc, side, tags, pair) is not None:
            yield item, ((tags[1], tags[0]) if side == "en" else tags)


_NOT_FOR_TRANSLATION = 'a unit marked translate="no" (not for translation): left out'


def _not_for_translation(el) -> bool:
    """Is unit ``el`` marked not to be translated (``translate="no"`` on it, else on the
    nearest ``<group>``/``<file>`` that says, as XLIFF 1.2 and 2.x inherit it)? Such a unit
    (Trados' SDLXLIFF has one for each run of markup between paragraphs) holds no
    translation: neither a memory unit nor a pair QA should call untranslated."""
    node = el
    while node is not None:
        value = node.get("translate")
        if value is not None:
            return value == "no"
        if local(node.tag) == "file":
            return False
        node = node.getparent()
    return False


_UNTOLD = object()
_UNTOLD_REASON = ("the file names no language (source-language, srcLang), and its text does not "
                  "tell which side is Chinese")


def _tell(texts, undeclared: set, oriented: dict) -> str | None:
    """The side the units without declared languages translate from, told from their
    text (:func:`tm.text.lang.source_side`; None: it does not say, and their units are
    skipped, as TMX variants without a language are: see :func:`_memory_unit`), set for
    each of their language pairs."""
    side = side_from_text(*texts)
    for tags in undeclared:
        oriented[tags] = side
    return side


def _pair_of(el, files: dict, new_file=None) -> str | None:
    """The ``original`` of the ``<file>`` enclosing ``el`` (``memory``: no pair);
    ``new_file(file)`` is called the first time a ``<file>`` is met."""
    parent = el.getparent()
    while parent is not None and local(parent.tag) != "file":
        parent = parent.getparent()
    if parent is None:
        return None
    if parent not in files:
        files.clear()
        original = parent.get("original")
        files[parent] = None if original == "memory" else original
        if new_file is not None:
            new_file(parent)
    return files[parent]


#: What the memory does not keep of a file's own notes (see docs/formats.md).
FILE_NOTES_LEFT = ("the file's own notes (<file> <notes>, or a 1.2 <header> <note>) are not kept: they "
                   "are about the document, not its units")


def _file_notes(file_el) -> int:
    """The notes a ``<file>`` holds about itself, not about a unit: XLIFF 2 ``<file><notes>``,
    XLIFF 1.2 ``<file><header><note>``."""
    return sum(1 for holder in file_el if local(holder.tag) in ("notes", "header")
               for note in holder if local(note.tag) == "note" and "".join(note.itertext()).strip())


def _meta_unit(zh: str, en: str, key: str | None, meta: dict[str, str], pair: str | None,
               name: str, line: int, check: bool = True) -> TranslationUnit:
    problem = check_pair(zh, en) if en and check else None
    if problem:
        raise InputError(problem, path=name, line=line)
    return TranslationUnit(
        zh=zh, en=en, key=meta["key"] or None if "key" in meta else key,
        pair=meta.get("pair", pair),
        position=parse_position(meta.get("position"), path=name, line=line, what="position"),
        shape=meta.get("shape"),
        confidence=parse_float(meta.get("confidence"), path=name, line=line, what="confidence"),
        origin=meta.get("origin") or "imported",
        status=parse_status(meta.get("status"), path=name, line=line),
        created=meta.get("created"), changed=meta.get("changed"),
        changed_by=meta.get("changed_by"), note=meta.get("note"), edited=meta.get("edited") or None,
        srclang=meta.get("srclang") or None, zh_lang=meta.get("zh_lang") or None,
        en_lang=meta.get("en_lang") or None)


def _read_12(el, name, line, pair, phases, check=True, flip=False) -> Reviewed:
    source = _child(el, "source")
    if source is None:
        raise InputError("<trans-unit> without <source>", path=name, line=line)
    target = _child(el, "target")
    meta: dict[str, str] = {}
    who = None
    for child in el:
        kind = local(child.tag)
        if kind == "context-group" and (child.get("name") or "").startswith(TOOL):
            for ctx in child:
                ctype = ctx.get("context-type") or ""
                if ctype.startswith("x-"):
                    meta[ctype[2:].replace("-", "_")] = ctx.text or ""
        elif kind == "note" and child.get("from") not in (None, TOOL) and who is None:
            who = child.get("from")
    sides = _Sides("1.2")
    sides.src.labels.scan(source)
    sides.src.labels.scan(target)
    zh = sides.src.text(source)
    en = sides.trg.text(target) if target is not None else ""
    flip = flip and bool(meta)          # ours, written en -> zh: the target is the Chinese side
    if flip:
        zh, en = en, zh
    unit = _meta_unit(zh, en, el.get("id"), meta, pair, name, line, check)
    unit.codes = sides.codes(meta.get("codes"), zh, en, flip)
    state = target.get("state") if target is not None else None
    phase = (target.get("phase-name") if target is not None else None) or el.get("phase-name")
    when = None
    if phase and phase in phases:
        who, when = phases[phase][0] or who, phases[phase][1]
    approved = state in ("final", "signed-off") or el.get("approved") == "yes"
    exported = meta.get("state")
    needs = (bool(state) and (state.startswith("needs-") or state == "new") and not approved
             and state != exported)
    # a state still as we wrote it keeps the stored status; a changed one decides
    if state != exported:
        unit.status = "reviewed" if approved else "needs-review" if needs else "translated"
    elif state is None and not meta and target is not None:
        told = _tool_status(el)     # memoQ's, Trados' own confirmation of the segments
        if told:
            unit.status = told[0]
    partly = target is not None and _segment_left_out(el, target)
    return Reviewed(unit, line, state, approved, needs, target is not None and not partly, who,
                    when, bool(meta), "en" if flip else "zh", partly=partly)


MQ_NS = "MQXliff"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
PHRASE_NS = "http://www.memsource.com/mxlf/2.0"
_ORDER = ("needs-review", "translated", "reviewed")
# memoQ's segment status (mq:status on the trans-unit): confirmed by the translator, by a
# reviewer, or not confirmed (pre-translated from a TM or MT, edited but not confirmed,
# rejected by a reviewer)
_MQ_STATUS = {"ManuallyConfirmed": "translated", "TranslationApproved": "translated",
              "Confirmed": "translated", "Reviewer1Confirmed": "reviewed",
              "Reviewer2Confirmed": "reviewed", "Proofread": "reviewed"}


def _tool_status(el) -> tuple[str, str] | None:
    """``(status, the tool's words)`` of another tool's 1.2 unit that gives no XLIFF
    ``state`` but its own confirmation: memoQ's ``mq:status``, Phrase's ``m:confirmed``
    (the workflow step that confirmed it: 0 none, 1 translation, 2… review), Trados'
    ``conf`` of each ``<sdl:seg>`` (the least confirmed segment decides). Not confirmed (pre-translated,
    machine translated, draft, edited, rejected…): needs-review, never a translation the
    memory takes as done. None: the unit says nothing of it."""
    mq = el.get(f"{{{MQ_NS}}}status")
    if mq:
        return _MQ_STATUS.get(mq, "needs-review"), mq
    level = el.get(f"{{{PHRASE_NS}}}confirmed")   # Phrase: the workflow step that confirmed it
    if level is not None:
        step = int(level) if level.strip().isdigit() else 0
        return ("needs-review" if step == 0 else "translated" if step == 1 else "reviewed"), level
    confs = [seg.get("conf") or "" for defs in el if local(defs.tag) == "seg-defs"
             and defs.tag.startswith(f"{{{SDL_NS}}}") for seg in defs if local(seg.tag) == "seg"]
    if confs:
        status = min((SDL_CONFIRMATION.get(c, "needs-review") for c in confs), key=_ORDER.index)
        return status, " ".join(c or "(not confirmed)" for c in confs)
    return None


def _segment_left_out(el, target) -> bool:
    """Does the target of a 1.2 unit segmented in ``<seg-source>`` (``<mrk mtype="seg"
    mid=…>``) mark its segments but leave one out, or empty? (A target that marks none is
    one text, judged whole.)"""
    seg_source = _child(el, "seg-source")
    if seg_source is None:
        return False

    def segments(side):
        return {m.get("mid"): "".join(m.itertext()) for m in side.iter()
                if local(m.tag) == "mrk" and m.get("mtype") == "seg"}
    translated = segments(target)
    return bool(translated) and any(text.strip() and not translated.get(mid, "").strip()
                                    for mid, text in segments(seg_source).items())


def _read_2(el, name, line, pair, check=True, flip=False) -> Reviewed:
    meta: dict[str, str] = {}
    zh_parts, en_parts, states = [], [], []
    has_target = False
    untranslated = False        # a <segment> without a target (or with a blank one)
    sub_states = []
    revisions = []
    sides = _Sides("2")
    sides.src.labels.scan(el)
    for child in el:
        kind = local(child.tag)
        if kind == "metadata":
            for group in child:
                if group.get("category") == TOOL:
                    for m in group:
                        meta[m.get("type") or ""] = m.text or ""
        elif kind == "originalData":
            sides.data.update((d.get("id") or "", inline.inner_xml(d)) for d in child
                              if isinstance(d.tag, str) and local(d.tag) == "data")
        elif kind == "changeTrack":
            for revs in child:
                if revs.get("appliesTo") == "target":
                    revisions += [(to_iso(r.get("datetime")) or "", r.get("author"))
                                  for r in revs if local(r.tag) == "revision"]
        elif kind in ("segment", "ignorable"):
            src, trg = _child(child, "source"), _child(child, "target")
            if src is None:
                raise InputError(f"<{kind}> without <source>", path=name, line=line)
            zh_parts.append(src)
            if trg is not None:
                has_target = True
                en_parts.append(trg)
            elif kind == "ignorable":   # not translatable (white space, codes): the same in both
                en_parts.append(src)
            if kind == "segment" and (trg is None or (_blank(trg) and not _blank(src))):
                untranslated = True
            if kind == "segment":
                states.append(child.get("state", "initial"))
                sub_states.append(child.get("subState"))
    if not zh_parts:
        raise InputError("<unit> without <segment>", path=name, line=line)
    # the segments of each side read as one text: a pair of codes may span them (<sc> in one
    # segment, its <ec> in another), one pair as in the unit's joined text
    zh = sides.src.read_all(zh_parts).resolve()
    en = sides.trg.read_all(en_parts).resolve() if en_parts else ""
    flip = flip and bool(meta)          # ours, written en -> zh: the target is the Chinese side
    if flip:
        zh, en = en, zh
    unit = _meta_unit(zh, en, el.get("id"), meta, pair, name, line, check)
    unit.codes = sides.codes(meta.get("codes"), unit.zh, unit.en, flip)
    order = ("initial", "translated", "reviewed", "final")
    state = min(states, key=order.index) if states and all(s in order for s in states) else \
        (states[0] if states else None)
    approved = state in ("reviewed", "final")
    exported = meta.get("state")
    needs = state == "initial" and state != exported
    if state != exported:
        unit.status = "reviewed" if approved else "needs-review" if needs else "translated"
    who = when = None
    if revisions:
        when, who = max(revisions, key=lambda r: r[0])
        when = when or None
    return Reviewed(unit, line, state, approved, needs, has_target and not untranslated, who,
                    when, bool(meta), "en" if flip else "zh", partly=has_target and untranslated)
