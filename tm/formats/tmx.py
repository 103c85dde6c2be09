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
Inline codes (``bpt ept it ph ut hi``) become placeholders in the text with their
markup kept in ``TranslationUnit.codes`` (:mod:`tm.formats.inline`) and are written back
as they came.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from tm import __version__
from tm.errors import InputError, ToolError
from tm.formats.common import (
    SDL_CONFIRMATION, FileCheck, check_pair, fmt_float, iso_to_basic, known_dates, now_iso, parse_float,
    parse_position, parse_status, to_iso, untold, zh_preference,
)
from tm.models import EN, ZH, Skipped, TranslationUnit
from tm.text.lang import ORIENT_ROWS, Evidence, normalise_tag, side
from tm.text.lang import source_side as side_from_text
from tm.formats import inline
from tm.text.codes import CODE as _CODE
from tm.formats.xmlsafe import (
    codepoint_label, escape_attr, escape_text, has_illegal, iterparse, local,
    parse_codepoint_label, split_illegal,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHAR_PH = "x-char"
_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
# attributes kept for the round trip (tuid, dates and changeid are unit fields)
_TU_ATTRS = frozenset({"creationid", "creationtool", "creationtoolversion", "usagecount",
                       "lastusagedate", "o-encoding", "o-tmf", "datatype"})
_TUV_ATTRS = frozenset({"creationid", "creationdate", "changeid", "changedate", "creationtool",
                        "creationtoolversion", "usagecount", "lastusagedate", "o-encoding",
                        "o-tmf", "datatype"})
# TranslationUnit field <-> x- prop
TRADOS_CONFIRMATION = "x-ConfirmationLevel"     # Trados Studio's prop: the unit's status
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


def _tuv(lang: str, text: str, meta: dict | None, codes: inline.Writer | None = None,
         side: str = "zh") -> str:
    attrs, inner = [], []
    if meta:
        for k in sorted(meta):
            if k.startswith("prop:"):
                inner.append(f'<prop type="{escape_attr(k[5:])}">{escape_text(str(meta[k]))}</prop>')
            elif k == "note":
                inner.append(f"<note>{escape_text(str(meta[k]))}</note>")
            elif k in _TUV_ATTRS:
                attrs.append(_attr(k, str(meta[k])))
    if any(has_illegal(part) for part in inner):
        raise ToolError(f"a variant's note or prop has control characters that TMX cannot carry")
    return (f'\n      <tuv xml:lang="{escape_attr(lang)}"{"".join(attrs)}>{"".join(inner)}'
            f'<seg>{codes.segment(text, side, _seg) if codes else _seg(text)}</seg></tuv>')


def tu_xml(unit: TranslationUnit) -> str:
    """One ``<tu>`` element (with a trailing newline)."""
    meta = unit.meta or {}
    created, changed = known_dates(unit)
    parts = ["    <tu", _attr("tuid", unit.key),
             _attr("creationdate", iso_to_basic(created)),
             _attr("changedate", iso_to_basic(changed)),
             _attr("changeid", unit.changed_by)]
    for k in sorted(meta.get("tu") or ()):
        if k in _TU_ATTRS:
            parts.append(_attr(k, str(meta["tu"][k])))
    if unit.srclang:
        parts.append(_attr("srclang", unit.srclang))
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
        parts.append(_prop(kind, unit.props[kind]))
    if unit.note:
        if has_illegal(unit.note):
            raise ToolError(f"unit {unit.key}: control characters in the note cannot be "
                            f"written to TMX")
        parts.append(f"\n      <note>{escape_text(unit.note)}</note>")
    codes = inline.Writer(unit.codes, inline.TMX) if unit.codes or _CODE.search(unit.zh) \
        or _CODE.search(unit.en) else None
    parts.append(_tuv(unit.zh_lang or ZH, unit.zh, meta.get("zh"), codes, "zh"))
    parts.append(_tuv(unit.en_lang or EN, unit.en, meta.get("en"), codes, "en"))
    parts.append("\n    </tu>\n")
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

def _char_ph(child) -> str | None:
    """Our ``x-char`` placeholder: the character it stands for (None: another element)."""
    if child.get("type") == CHAR_PH and local(child.tag) == "ph":
        ch = parse_codepoint_label((child.text or "").strip())
        return ch if ch is not None else ""
    return None


_PH = frozenset({"ph"})      # the only element _char_ph looks at


def _side(el, labels: inline.Labels):
    """A ``<seg>`` read (not yet numbered): its text if it has no element, else its reader."""
    if el is None:
        return ""
    if not len(el):
        return el.text or ""
    return inline.SideReader(inline.TMX, labels, _char_ph, _PH).read(el)


def _sides(zh_seg, en_seg, source: str | None, labels: inline.Labels):
    """Both sides' text and codes, numbered the source side first (its codes' numbers lead),
    and, when a side has codes, whether a text holds placeholder characters of its own (see
    ``Labels.scan``)."""
    zh, en = _side(zh_seg, labels), _side(en_seg, labels)
    zh_plain, en_plain = zh.__class__ is str, en.__class__ is str
    if zh_plain and en_plain:       # no element on either side (the common case): no code, so
        return zh, {}, en, {}, False    # placeholder characters of the text's own need no care
    if source == "en":
        en_text = en if en_plain else en.resolve()
        zh_text = zh if zh_plain else zh.resolve()
    else:
        zh_text = zh if zh_plain else zh.resolve()
        en_text = en if en_plain else en.resolve()
    literal = (bool(_CODE.search(zh)) if zh_plain else zh.literal) or \
        (bool(_CODE.search(en)) if en_plain else en.literal)
    return (zh_text, {} if zh_plain else zh.markup, en_text, {} if en_plain else en.markup, literal)


# --- the layout of a unit's codes, read once --------------------------------
#
# Files repeat the same few codes in the same order (a bold pair and a line break around
# different words): once the segments of a unit with a given *shape* (each code element's
# tag, text and attributes, both sides, the source side) have been read, the next unit of
# that shape takes its placeholders and markup from a :class:`_Layout` and only the text
# between the codes is read. A layout is kept only when it gives exactly what the full
# reading gave for the unit it was made from, and only from the second unit of a shape on
# (a file whose codes never repeat pays for one dictionary look-up per unit).

_LAYOUTS: dict = {}          # shape -> _Layout, or _NONE: the shape is always read in full
_SEEN: dict = {}             # shapes seen once (not yet worth a layout)
_LAYOUTS_MAX = 4096
_NONE = object()
_MARK = "\ue000"             # a text run while a layout is made (private use; not a code)


def _by_layout(zh_seg, en_seg, source: str | None) -> tuple:
    """``((zh_text, en_text, codes) or None, shape or None)``: the unit read
    by the layout of its shape, else None and the shape to :func:`_learn` (None when its
    layout is never kept: an element with elements inside…)."""
    shape = [source == "en"]
    runs = []
    for seg in (zh_seg, en_seg):
        if seg is None:
            shape.append(None)
            runs.append(None)
            continue
        side = [seg.text or ""]
        for child in seg:
            if len(child):
                return None, None
            shape.append((child.tag, child.text, *child.items()))
            side.append(child.tail or "")
        shape.append(None)          # the end of a side
        runs.append(side)
    key = tuple(shape)
    layout = _LAYOUTS.get(key)
    if layout is None:
        return None, key
    if layout is _NONE:
        return None, None
    return layout.apply(runs[0], runs[1]), None


class _Layout:
    """What each element of a unit's segments stands for (placeholders, or replacement
    text), and the unit's ``codes`` (the codes' markup), of one shape."""

    __slots__ = ("zh", "en", "codes")

    def __init__(self, zh: tuple, en: tuple, zh_markup: dict, en_markup: dict):
        # each side as the list to fill: its pieces at the odd places, the text runs go
        # between them (see _fill)
        self.zh, self.en = _template(zh), _template(en)
        self.codes = inline.unit_codes(inline.TMX, zh_markup, en_markup)

    def apply(self, zh_runs: list | None, en_runs: list | None):
        """``(zh_text, en_text, codes)`` from each side's text runs (the text before the
        first element and each element's tail, None read as ""), or None when a run holds
        a placeholder character of its own (the full reading numbers the codes around it).
        ``codes`` is the layout's own dict, the same for each of its units: the records
        share it (an import makes its JSON once, see tm.memory.store.prepare_records);
        read_tmx gives each unit a copy."""
        zh = _fill(zh_runs, self.zh)
        en = _fill(en_runs, self.en)
        if zh is None or en is None:
            return None
        return zh, en, self.codes


def _template(pieces: tuple) -> list | None:
    if not pieces:
        return None
    parts = [""] * (2 * len(pieces) + 1)
    parts[1::2] = pieces
    return parts


def _fill(runs: list | None, template: list | None) -> str | None:
    if runs is None:
        return ""
    text = "".join(runs)
    if not text.isascii() and _CODE.search(text):
        return None
    if template is None:
        return text
    parts = template.copy()
    parts[::2] = runs
    return "".join(parts)


def _learn(shape: tuple, zh_seg, en_seg, source: str | None, got: tuple) -> None:
    """Keep the layout of ``shape`` from a unit read in full (``got``: its texts and
    ``codes``, as :meth:`_Layout.apply` gives them),
    on the shape's second sighting."""
    if shape not in _SEEN:
        if len(_SEEN) >= _LAYOUTS_MAX:
            _SEEN.clear()
        _SEEN[shape] = True
        return
    if len(_LAYOUTS) >= _LAYOUTS_MAX:
        _LAYOUTS.clear()
    _LAYOUTS[shape] = _NONE         # unless made below
    if any(k[0] == "{" for part in shape[1:] if part for k, _ in part[2:]):
        return                      # a namespaced attribute: its markup depends on more
    segs = [seg for seg in (zh_seg, en_seg) if seg is not None]
    saved = [(seg.text, [child.tail for child in seg]) for seg in segs]
    try:                            # read again with every text run a mark, split at the marks
        for seg in segs:
            seg.text = _MARK
            for child in seg:
                child.tail = _MARK
        marked = _sides(zh_seg, en_seg, source, inline.Labels())
    except InputError:
        return
    finally:
        for seg, (text, tails) in zip(segs, saved):
            seg.text = text
            for child, tail in zip(seg, tails):
                child.tail = tail
    pieces, runs = [], []
    for seg, text in ((zh_seg, marked[0]), (en_seg, marked[2])):
        if seg is None:
            pieces.append(())
            runs.append(None)
            continue
        split = text.split(_MARK)
        if len(split) != len(seg) + 2 or split[0] or split[-1]:
            return                  # a mark inside an element's own text
        pieces.append(tuple(split[1:-1]))
        runs.append([seg.text or "", *(child.tail or "" for child in seg)])
    layout = _Layout(pieces[0], pieces[1], marked[1], marked[3])
    if not marked[4] and layout.apply(*runs) == got:
        _LAYOUTS[shape] = layout


def seg_text(el) -> str:
    """Text of a note (or of a ``<seg>`` without its codes): inline codes dropped, our
    ``x-char`` placeholders restored."""
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
             check: bool = True, skipped: Skipped | None = None) -> Iterator[TranslationUnit]:
    """Stream the zh/en units of a TMX file (path or binary file object).

    A ``<tu>`` that cannot be stored (no Chinese or no English variant, an empty
    side…, see :class:`~tm.formats.common.FileCheck`) is counted in ``skipped`` and left
    out; without ``skipped`` it is an error (all or nothing). A file with no
    Chinese or no English at all, or whose text contradicts its language tags, is
    refused after the last unit (the caller's transaction rolls back).
    ``check=False`` keeps every pair and reads a ``<tu>`` without English as an
    empty target (for QA, which reports both)."""
    for record in read_tmx_records(source, name=name, check=check, skipped=skipped):
        unit = TranslationUnit(*record)
        if unit.codes:          # maybe a layout's, shared by records: the unit's own
            unit.codes = {k: dict(v) if v.__class__ is dict else v for k, v in unit.codes.items()}
        yield unit


def read_tmx_records(source: str | Path | BinaryIO, *, name: str | None = None,
                     check: bool = True, skipped: Skipped | None = None) -> Iterator[tuple]:
    """:func:`read_tmx`, each unit as its record (the tuple of its fields, see
    :data:`tm.models.UNIT_FIELDS`): what an import takes, without an object a unit.
    Records of units whose codes have the same layout share their ``codes`` dict: not to
    be changed."""
    name = name or (str(source) if isinstance(source, (str, Path)) else
                    getattr(source, "name", None) or "<input>")
    fc = FileCheck(name, skipped, check=check)
    header_src: str | None = None
    zh_tags: dict[str, int] = {}
    told = _UNTOLD                  # the side the first of two untagged <tuv>s holds
    texts = (Evidence(), Evidence())  # the text of the first and of the second of them
    pending: list = []              # units held (copies, in order) until the text tells
    held = 0                        # of them, units of two untagged variants
    first_held = None               # the line of the first
    saw, hold_unit = fc.saw, _HOLD

    def kept(records):
        for record in records:
            if record is not None:
                zh_lang = record[_R_ZH_LANG]
                if zh_lang:
                    zh_tags[zh_lang] = zh_tags.get(zh_lang, 0) + 1
                yield record

    def hold(el, tally: bool) -> None:
        from copy import deepcopy       # (imported only for a file that needs it)
        pending.append((deepcopy(el), event.line, tally))

    def release():
        """Tell the untagged units' side from the text held, then read the held units."""
        nonlocal told
        told = side_from_text(*texts)
        batch = pending.copy()
        pending.clear()
        return kept(_unit(tu, name, line, check, fc, header_src, told, fc.saw if tally else None)
                    for tu, line, tally in batch)

    for event in iterparse(source, name=name, records=("tu",), containers=("header",)):
        el = event.element
        if event.kind == "root":
            if local(el.tag) != "tmx":
                raise InputError(f"not TMX: the root element is <{local(el.tag)}>",
                                 path=name, line=event.line)
            continue
        if event.kind == "container":
            header_src = el.get("srclang")
            if skipped is not None and any(isinstance(c.tag, str) and _name(c.tag) in ("prop", "note")
                                           for c in el):
                skipped.remark(HEADER_LEFT)
            continue
        if pending:                 # a unit after a held one waits too (the file's order)
            pair = _untagged_pair(el)
            hold(el, True)
            if pair is None:
                continue
        else:
            record = _unit(el, name, event.line, check, fc, header_src, told, saw)
            if record is not hold_unit:
                if record is not None:
                    zh_lang = record[_R_ZH_LANG]
                    if zh_lang:
                        zh_tags[zh_lang] = zh_tags.get(zh_lang, 0) + 1
                    yield record
                continue
            pair = _untagged_pair(el)
            hold(el, False)
        first, second = pair        # read as the source and the target
        texts[0].add(seg_text(_seg_of(first, name, event.line)), event.line)
        texts[1].add(seg_text(_seg_of(second, name, event.line)), event.line)
        held += 1
        if first_held is None:
            first_held = event.line
        if held >= ORIENT_ROWS:
            yield from release()
    if pending:                     # fewer than ORIENT_ROWS such units: the file's end
        yield from release()
    if told is None and not fc.kept:
        raise untold(_UNTOLD_REASON, texts, name=name, line=first_held)
    fc.finish(max(zh_tags, key=zh_tags.get) if zh_tags else None)


#: What the memory does not keep of a TMX header (see docs/formats.md): its props are the settings
#: of the tool that wrote the file (Trados' x-Recognizers, x-TMName…), its notes about the file.
HEADER_LEFT = ("the header's <prop>s and <note>s are not kept: they are about the file and the tool "
               "that wrote it, not its units (each <tu>'s own are)")

_UNTOLD = object()                  # the untagged variants' side: not yet told
_HOLD = object()                    # _unit's answer for a unit to hold until it is
_UNTOLD_REASON = ("the variants name no language (xml:lang), and their text does not tell "
                  "which is Chinese")


def _untagged_pair(tu) -> list | None:
    """The two ``<tuv>``s of ``tu`` that name no language, when it has two and none named
    Chinese or English (their sides are then told by the file's text), else None."""
    untagged = []
    for tuv in tu:
        if _name(tuv.tag) == "tuv":
            tag = tuv.get(XML_LANG) or tuv.get("lang")
            if not tag:
                untagged.append(tuv)
            elif _tag(tag)[1] is not None:
                return None
    return untagged if len(untagged) == 2 else None


def _eliminated(tu, untagged, zh, en, header_src, name: str, line: int, fc):
    """``(zh, en)`` of a unit with one variant tagged Chinese (or English) and one that
    names no language: the untagged one is the other side, by elimination, when the unit
    has no other ``<tuv>`` and its declared source language (the unit's ``srclang``, else
    the header's) is Chinese, English or none (``*all*``): a source in a third language
    would make it a guess, and the unit stays without the side (skipped). The person is
    told (``fc.tell``), once per file and side. The file's check of each side's text
    (:class:`FileCheck`) holds for the variants read so as for tagged ones."""
    if sum(_name(child.tag) == "tuv" for child in tu) != 2:
        return zh, en
    declared = tu.get("srclang") or header_src
    info = _tag(declared)
    if declared and declared != "*all*" and info[1] is None:
        return zh, en               # a source language neither Chinese nor English
    items = untagged.items()
    seg = _seg_of(untagged, name, line)
    # the declared source, when it names the missing side, names its language too
    tag = info[0] if info[1] == ("en" if zh is not None else "zh") else None
    reason = ("a variant without a language (xml:lang) read as {}: the unit's other variant "
              "is {}" + (f", and the file's source language is {declared}" if tag else ""))
    if zh is None:
        if fc is not None:
            fc.tell(reason.format("Chinese", "English"), line)
        return (0, seg, tag, untagged, items), en
    if fc is not None:
        fc.tell(reason.format("English", "Chinese"), line)
    return zh, (seg, tag, untagged, items)


def _seg_of(tuv, name: str, line: int):
    """The first ``<seg>`` of ``tuv``."""
    for seg in tuv:
        if _name(seg.tag) == "seg":
            return seg
    raise InputError("<tuv> without <seg>", path=name, line=line)


def _name(tag) -> str:
    return tag if tag[0] != "{" else tag[tag.rfind("}") + 1:]


def _variant_meta(tuv, items: list | None = None) -> dict:
    """A ``<tuv>``'s attributes (but its language), props and notes, for the round trip;
    ``items``: its attributes, when read already."""
    meta = {k: v for k, v in (tuv.items() if items is None else items) if k in _TUV_ATTRS}
    if len(tuv) < 2:                # its <seg> alone
        return meta
    for child in tuv:
        kind = _name(child.tag)
        if kind == "prop":
            meta[f"prop:{child.get('type') or ''}"] = child.text or ""
        elif kind == "note":
            meta["note"] = seg_text(child)
    return meta


_TAGS: dict = {}            # a language tag as written -> what _tag() says of it
_TAGS_MAX = 4096


def _tag(tag: str | None) -> tuple:
    """What a reader asks of a language tag as written (``xml:lang``, ``srclang``), each
    file repeating the same few: ``(normalise_tag(tag), side(tag), side of the normalised
    tag, zh_preference(tag) or None)``."""
    info = _TAGS.get(tag)
    if info is None:
        if len(_TAGS) >= _TAGS_MAX:
            _TAGS.clear()
        norm, which = normalise_tag(tag), side(tag)
        info = _TAGS[tag] = (norm, which, side(norm), zh_preference(tag) if which == "zh" else None)
    return info


_EMPTY_LAST = 1_000                  # added to a blank Chinese variant's preference

# A <tu> may hold several variants of one language (TMX 1.4b); the unit stores one a side
_MORE_EN = "a <tu> with more than one English variant: the first with text kept, the others left out"
_MORE_ZH = ("a <tu> with more than one Chinese variant: one kept (one with text; zh-CN before zh, "
            "zh-Hans, zh-SG, and these before the first other), the others left out")


def _blank(seg) -> bool:
    """A ``<seg>`` with no text: nothing but white space, and no inline element."""
    return len(seg) == 0 and not (seg.text or "").strip()


def _unit(tu, name: str, line: int, check: bool = True, fc: FileCheck | None = None,
          header_src: str | None = None, told=None, saw=None):
    """The record of one ``<tu>`` (None: skipped). Two ``<tuv>``s without a language (and
    none named Chinese or English) are the sides ``told`` says (the side the first holds,
    from the file's text; :data:`_UNTOLD`: not known yet, and the unit is :data:`_HOLD`;
    None: the text did not tell, and the unit is skipped). Of several variants of one side,
    the unit keeps the first English and the preferred Chinese (:func:`zh_preference`), and
    ``fc`` is told of the others (:data:`_MORE_EN`, :data:`_MORE_ZH`). ``saw``: ``fc.saw``,
    to count the variants' declared languages (None: not again, for a unit held)."""
    zh: tuple | None = None         # (preference, seg, tag normalised, tuv, attributes): the best Chinese
    en: tuple | None = None
    untagged = None                 # a <tuv> without a language (the last)
    more_zh = more_en = False       # a second variant of the side: left out (told, below)
    fields: dict = {}
    props: dict[str, str] = {}
    notes: list[str] = []
    for child in tu:
        kind = child.tag
        if kind[0] == "{":
            kind = kind[kind.rfind("}") + 1:]
        if kind == "tuv":
            items = child.items()   # read once: the language here, the metadata below
            if items and items[0][0] == XML_LANG and items[0][1]:
                tag = items[0][1]   # as written by most tools: xml:lang first
            else:                   # tag = get(XML_LANG) or get("lang"), faster
                tag = lang = None
                for k, v in items:
                    if k == XML_LANG:
                        tag = v
                    elif k == "lang":
                        lang = v
                tag = tag or lang
            if saw is not None:
                saw(tag)
            info = _tag(tag)
            which = info[1]
            if which is None:
                if not tag:
                    untagged = child
                continue
            for seg in child:       # the first <seg> child (faster than find("seg"))
                if seg.tag == "seg" or _name(seg.tag) == "seg":
                    break
            else:
                seg = None
            if seg is None:
                raise InputError("<tuv> without <seg>", path=name, line=line)
            if which == "zh":
                # one with text first (an empty zh-CN beside a filled zh-TW), then the
                # first of the most preferred
                pref = info[3] + (_EMPTY_LAST if _blank(seg) else 0)
                more_zh = zh is not None
                if zh is None or pref < zh[0]:
                    zh = (pref, seg, info[0], child, items)
            elif en is None or (_blank(en[0]) and not _blank(seg)):
                more_en = en is not None
                en = (seg, info[0], child, items)
            else:
                more_en = True
        elif kind == "prop":
            ptype = child.get("type") or ""
            value = child.text or ""
            if ptype in _PROPS:
                fields[_PROPS[ptype]] = value
            elif ptype:
                props[ptype] = value
        elif kind == "note":
            notes.append(seg_text(child))
    if untagged is not None and (zh is None) != (en is None):
        zh, en = _eliminated(tu, untagged, zh, en, header_src, name, line, fc)
    if untagged is not None and zh is None and en is None and (pair := _untagged_pair(tu)) is not None:
        if told is _UNTOLD:
            return _HOLD
        if told is not None:
            zh_tuv, en_tuv = pair if told == "zh" else pair[::-1]
            zh = (0, _seg_of(zh_tuv, name, line), None, zh_tuv, zh_tuv.items())
            en = (_seg_of(en_tuv, name, line), None, en_tuv, en_tuv.items())
        elif fc is not None:
            fc.missing_side(_UNTOLD_REASON, line)
            return None
        else:
            raise InputError(_UNTOLD_REASON, path=name, line=line)
    if zh is None:
        if fc is not None:
            fc.missing_side("<tu> has no Chinese (zh) variant", line)
            return None
        raise InputError("<tu> has no Chinese (zh) variant", path=name, line=line)
    if en is None:
        if check:
            if fc is not None:
                fc.skip("<tu> has no English (en) variant", line)
                return None
            raise InputError("<tu> has no English (en) variant", path=name, line=line)
        en = (None, None, None, None)
    _, zh_seg, zh_lang, zh_tuv, zh_items = zh      # the tags normalised (BCP 47)
    en_seg, en_lang, en_tuv, en_items = en
    tu_items = tu.items()
    if tu_items:
        attrs = dict(tu_items)
        info = _tag(attrs.get("srclang") or header_src)
    else:
        attrs = None
        info = _tag(header_src)
    srclang, source = info[0], info[2]
    if not len(zh_seg) and (en_seg is None or not len(en_seg)):     # no inline code: plain text
        zh_text = zh_seg.text or ""
        en_text = "" if en_seg is None else en_seg.text or ""
        codes = {}
    else:
        got, form = _by_layout(zh_seg, en_seg, source)
        if got is not None:
            zh_text, en_text, codes = got
        else:
            try:
                zh_text, zh_codes, en_text, en_codes, literal = _sides(zh_seg, en_seg, source, inline.Labels())
            except InputError as exc:
                if exc.path is None:
                    raise InputError(str(exc), path=name, line=line) from None
                raise
            if literal and (zh_codes or en_codes):      # read again, codes kept off those characters' numbers
                labels = inline.Labels()
                labels.scan(zh_seg)
                labels.scan(en_seg)
                zh_text, zh_codes, en_text, en_codes, _ = _sides(zh_seg, en_seg, source, labels)
            codes = inline.unit_codes(inline.TMX, zh_codes, en_codes) if zh_codes or en_codes else {}
            if form is not None and codes and not literal:
                _learn(form, zh_seg, en_seg, source, (zh_text, en_text, codes))
    if source is None or srclang == ZH:      # None: the memory's default source, zh-CN
        srclang = None
    key = attrs.get("tuid") if attrs else None
    if fc is not None:
        if not fc.keep(zh_text, en_text, source, line):
            return None
        if key and not fc.unique(key, zh_text, en_text, line, what="tuid"):
            return None
        if more_en:
            fc.tell(_MORE_EN, line)
        if more_zh:
            fc.tell(_MORE_ZH, line)
    elif check:
        problem = check_pair(zh_text, en_text)
        if problem:
            raise InputError(problem, path=name, line=line)
    meta: dict = {}
    if attrs:
        tu_meta = {k: v for k, v in tu_items if k in _TU_ATTRS}
        if tu_meta:
            meta["tu"] = tu_meta
    if len(zh_items) > 1 or len(zh_tuv) > 1:
        vm = _variant_meta(zh_tuv, zh_items)
        if vm:
            meta["zh"] = vm
    if en_tuv is not None and (len(en_items) > 1 or len(en_tuv) > 1):
        vm = _variant_meta(en_tuv, en_items)
        if vm:
            meta["en"] = vm
    if fields:
        pair, shape, origin = fields.get("pair"), fields.get("shape"), fields.get("origin") or "imported"
        position = parse_position(fields.get("position"), path=name, line=line, what="x-position")
        confidence = parse_float(fields.get("confidence"), path=name, line=line, what="x-confidence")
        status = parse_status(fields.get("status"), path=name, line=line)
        edited = to_iso(fields.get("edited")) if fields.get("edited") else None
    else:
        pair = shape = position = confidence = edited = None
        origin, status = "imported", "translated"
        level = props.get(TRADOS_CONFIRMATION) if props else None
        if level is not None:       # Trados' export: a draft or a rejected segment is not done
            status = SDL_CONFIRMATION.get(level.strip(), "needs-review")
    return (                    # the unit's record: its fields in the order of UNIT_FIELDS
        zh_text, en_text, None, key, pair, position, shape, confidence, origin, status,
        to_iso(attrs.get("creationdate")) if attrs else None,
        to_iso(attrs.get("changedate")) if attrs else None,
        attrs.get("changeid") if attrs else None,
        "\n".join(notes) if notes else None,
        props, edited, None, srclang,
        None if zh_lang == ZH else zh_lang,
        None if en_lang == EN else en_lang,
        meta, codes,
    )


# The fields of a record as _unit lays them out, written here as _unit's own statement of its
# layout (tests/tm/formats/test_tmx.py::test_records_are_laid_out_as_the_unit_fields checks
# they are tm.models.UNIT_FIELDS, TranslationUnit's in its order)
_UNIT_FIELDS = ("zh", "en", "id", "key", "pair", "position", "shape", "confidence", "origin", "status",
                "created", "changed", "changed_by", "note", "props", "edited", "orphaned", "srclang",
                "zh_lang", "en_lang", "meta", "codes")
_R_ZH_LANG = _UNIT_FIELDS.index("zh_lang")
