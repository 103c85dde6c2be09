"""Inline codes of TMX and XLIFF: read into placeholders plus their markup, written back.

A segment's text keeps a placeholder character per code (:mod:`tm.text.codes`); the
code's original markup is kept in ``TranslationUnit.codes``::

    {"fmt": "tmx",                          # the format the markup is in
     "zh": {"1": '<bpt i="1" x="1">&lt;b&gt;</bpt>', "/1": '<ept i="1">&lt;/b&gt;</ept>'},
     "en": {...},
     "data": {"d1": "&lt;b&gt;"}}           # XLIFF 2 only: the unit's <originalData>

Keys are the placeholders' names (``1`` opens pair 1, ``/1`` closes it, ``2/`` is a
standalone code). A paired element that encloses text (TMX ``<hi>``, XLIFF ``<g>``,
``<pc>``, ``<mrk>``) is an opening code holding its start tag and a closing one holding
its end tag (``</g>``). The markup is the element as it was (local names, attributes in
file order, content escaped as XML), so writing a unit back into its own format gives the
same XML (:func:`write`).

Labels: the same code on both sides of a unit gets the same label (TMX: same ``x``, or
the same ``i`` for a ``<bpt>``/``<ept>`` pair; XLIFF: same ``id``; else same markup),
taken from that attribute when it is a number 0-9999 and free, else the next free one.
Written into another format a code is mapped (see docs/formats.md, "Inline codes").
"""

from __future__ import annotations

import json
import re

from lxml import etree

from tm.errors import InputError
from tm.formats.xmlsafe import escape_attr, escape_text, local
from tm.text import codes as C

TMX, XLIFF12, XLIFF2 = "tmx", "xliff-1.2", "xliff-2"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# elements whose content is native code (kept whole), and paired containers of text
_NATIVE = {TMX: {"bpt", "ept", "it", "ph", "ut"}, XLIFF12: {"bpt", "ept", "it", "ph"}, XLIFF2: set()}
_EMPTY = {TMX: set(), XLIFF12: {"x", "bx", "ex"}, XLIFF2: {"ph", "sc", "ec", "sm", "em"}}
_CONTAINER = {TMX: {"hi"}, XLIFF12: {"g", "mrk"}, XLIFF2: {"pc", "mrk"}}


# XLIFF 1.2 <mrk>s that mark no code of the original document but the segment's bounds
# (mtype="seg", the spec's segmentation) or an editor's annotations of the text, as Trados
# Studio writes them in SDLXLIFF (a comment, a tracked insertion or deletion, a review
# (TQA) feedback): their content is read as text, except a tracked deletion's, which is
# no longer text of the segment. A <mrk> of another type (protected, term…) stays a code.
_MRK_TEXT = frozenset({"seg", "x-sdl-comment", "x-sdl-added", "x-sdl-location",
                       "x-sdl-feedback-comment", "x-sdl-feedback-added"})
_MRK_DELETED = frozenset({"x-sdl-deleted", "x-sdl-feedback-deleted"})


_TAGS = {fmt: tuple(f"{{*}}{n}" for n in sorted(_NATIVE[fmt] | _EMPTY[fmt] | _CONTAINER[fmt]))
         for fmt in (TMX, XLIFF12, XLIFF2)}


_CODE_ELEMENTS = {fmt: frozenset(_NATIVE[fmt] | _EMPTY[fmt] | _CONTAINER[fmt]) for fmt in _NATIVE}


def is_code_element(name: str, fmt: str) -> bool:
    return name in _CODE_ELEMENTS[fmt]


# --- markup of an element --------------------------------------------------

def _attrs(el) -> str:
    out, decl = [], {}
    for k, v in el.attrib.items():
        if k[0] == "{":
            ns, _, name = k[1:].partition("}")
            if ns == XML_NS:
                k = f"xml:{name}"
            else:
                prefix = next((p for p, u in (el.nsmap or {}).items() if u == ns and p), None) \
                    or f"ns{len(decl)}"
                decl[prefix] = ns
                k = f"{prefix}:{name}"
        out.append(f' {k}="{escape_attr(v)}"')
    return "".join(f' xmlns:{p}="{escape_attr(u)}"' for p, u in decl.items()) + "".join(out)


def start_tag(el) -> str:
    return f"<{local(el.tag)}{_attrs(el)}>"


_ESCAPED = re.compile('[&<>"\r\n\t]')    # what escape_attr changes


def element_xml(el) -> str:
    """The element as XML (local names, no tail)."""
    tag = el.tag
    if tag[0] != "{" and not el.nsmap:         # no namespace to drop: as libxml2 writes it
        if not len(el):                         # the common code element, built here (faster)
            a = "".join([f' {k}="{escape_attr(v) if _ESCAPED.search(v) else v}"' for k, v in el.items()])
            if "{" not in a or not any(k[0] == "{" for k in el.keys()):
                text = el.text
                return f"<{tag}{a}/>" if text is None else f"<{tag}{a}>{escape_text(text)}</{tag}>"
        return etree.tostring(el, encoding="unicode", with_tail=False)
    if el.text is None and not len(el):
        return f"<{local(el.tag)}{_attrs(el)}/>"
    return start_tag(el) + inner_xml(el) + f"</{local(el.tag)}>"


_MARKUP: dict[tuple, str] = {}     # element_xml of childless code elements, by (tag, text, names, values)
_MARKUP_MAX = 4096


def code_markup(el) -> str:
    """:func:`element_xml` of a code element, from a cache for childless ones: files repeat
    the same few codes (``<bpt i="1" x="1">&lt;b&gt;</bpt>``) thousands of times. The markup
    of a childless element without namespaced attributes depends only on its tag, text and
    attributes (names and values in file order), which make the key."""
    if len(el):
        return element_xml(el)
    key = (el.tag, el.text, *el.keys(), *el.values())
    markup = _MARKUP.get(key)
    if markup is None:
        markup = element_xml(el)
        if not any("{" in name for name in key[2:2 + (len(key) - 2) // 2]):
            if len(_MARKUP) >= _MARKUP_MAX:
                _MARKUP.clear()
            _MARKUP[key] = markup
    return markup


def inner_xml(el) -> str:
    parts = [escape_text(el.text or "")]
    for child in el:
        parts.append(element_xml(child))
        parts.append(escape_text(child.tail or ""))
    return "".join(parts)


# --- reading ---------------------------------------------------------------

def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 4 else None


class Labels:
    """The labels of one unit's codes, shared by its two sides."""

    def __init__(self):
        self.by_ident: dict = {}
        self.taken: set[int] = set()
        self.reserved: set[int] = set()     # numbers codes of the segments read will ask for
        self._next = 1

    def scan(self, el) -> None:
        """Take the numbers of placeholder characters that are real text anywhere in
        segment ``el`` (kept as they are), so that no code is given one of them."""
        if el is None:
            return
        text = "".join(el.itertext())       # with the codes' content: more than needed, in C
        if C.has_codes(text):
            self.taken.update(C.parse(c)[0] for c in C.codes(text))

    def get(self, ident, preferred: str | None) -> int:
        label = self.by_ident.get(ident)
        if label is not None:
            return label
        n = _number(preferred)
        if n is None or n in self.taken:
            while self._next in self.taken or self._next in self.reserved:
                self._next += 1
            n = self._next
            if n > C.MAX_LABEL:
                raise InputError(f"more than {C.MAX_LABEL} inline codes in one unit")
        self.by_ident[ident] = n
        self.taken.add(n)
        return n


class SideReader:
    """Reads the text of one segment element (TMX ``<seg>``, XLIFF ``<source>``/``<target>``)
    into placeholders; ``markup`` gets each code's name -> markup. ``special(child)`` may
    return replacement text for an element (our own placeholders of XML-illegal characters).

    :meth:`read` walks the element once and notes each code (its identity, the number
    the file gives it, its kind, its markup); :meth:`resolve` numbers them (``labels``,
    shared by the unit's sides, which may read both sides before resolving either) and
    gives the text. A ``<bpt>``/``<bx>``/``<sc>`` whose closing end is not in the segment
    is a standalone code; so is a closing end without its opening one."""

    def __init__(self, fmt: str, labels: Labels, special=None, special_names=None):
        self.fmt, self.labels, self.special = fmt, labels, special
        self.special_names = special_names      # the elements ``special`` looks at (None: all)
        self.markup: dict[str, str] = {}
        self.seen: dict = {}          # identity -> occurrences on this side
        self.literal = False          # the text holds placeholder characters of its own
        self._parts: list = []        # text runs (str) and codes (int: index in _codes)
        self._codes: list[list] = []  # [kind, identity, number asked for, markup, label or opening index]

    def text(self, el) -> str:
        return self.read(el).resolve()

    def read(self, el) -> "SideReader":
        return self.read_all((el,))

    def read_all(self, elements) -> "SideReader":
        """:meth:`read` of several elements as one text: the segments of an XLIFF 2 unit,
        whose ``<sc>`` may open a pair in one segment and its ``<ec>`` close it in another
        (one pair, as the unit's text joins the segments)."""
        self._parts, self._codes = [], []
        self._waiting: dict = {}
        for el in elements:
            self._walk(el, self._parts)
        for opened in self._waiting.values():     # opened, never closed here: standalone
            for i in opened:
                self._codes[i][0] = C.SELF
        reserved = self.labels.reserved
        for code in self._codes:
            pref = code[2]
            if pref and pref.isdigit() and len(pref) <= 4:
                reserved.add(int(pref))
        return self

    def resolve(self) -> str:
        codes, labels, markup, seen = self._codes, self.labels, self.markup, self.seen
        for code in codes:
            kind = code[0]
            if kind == C.CLOSE:
                label = codes[code[4]][4]
                code[4] = label
                markup[f"/{label}"] = code[3]
                continue
            ident = code[1]
            n = seen.get(ident, 0)
            seen[ident] = n + 1
            label = code[4] = labels.get((ident, n), code[2])
            markup[f"{label}/" if kind == C.SELF else str(label)] = code[3]
        base = C.BASE
        return "".join([p if p.__class__ is str else chr(base + 4 * codes[p][4] + codes[p][0])
                        for p in self._parts])

    def _lit(self, text: str, parts: list) -> None:
        if text:        # a placeholder character as real text stays as it is (see Labels.scan)
            parts.append(text)
            if not self.literal and not text.isascii() and C.has_codes(text):
                self.literal = True

    def _add(self, parts: list, kind: int, ident, pref, markup: str, link=None) -> int:
        codes = self._codes
        codes.append([kind, ident, pref, markup, link])
        parts.append(len(codes) - 1)
        return len(codes) - 1

    def _walk(self, el, parts: list) -> None:
        self._lit(el.text, parts)
        special, only, codes = self.special, self.special_names, _CODE_ELEMENTS[self.fmt]
        for child in el:
            tag = child.tag
            if tag.__class__ is not str:      # comments, processing instructions
                self._lit(child.tail, parts)
                continue
            name = tag if tag[0] != "{" else tag[tag.rfind("}") + 1:]
            replacement = special(child) if special is not None and (only is None or name in only) \
                else None
            if replacement is not None:
                parts.append(replacement)
            elif name in codes:
                self._element(child, name, parts)
            else:                                   # unknown markup (TMX <sub> out of place…): its text
                self._walk(child, parts)
            tail = child.tail
            if tail:
                self._lit(tail, parts)

    def _element(self, el, name: str, parts: list) -> None:
        fmt = self.fmt
        get = el.get
        if fmt == TMX and name != "hi":     # a TMX native code: _code_of's TMX case, inlined (faster)
            markup = code_markup(el)
            x = get("x")
            codes = self._codes
            key = get("i") if name == "bpt" or name == "ept" else None
            if key is not None:
                if name == "bpt":
                    codes.append([C.OPEN, ("x", x) if x else ("i", key), x or key, markup, None])
                    parts.append(len(codes) - 1)
                    self._waiting.setdefault(key, []).append(len(codes) - 1)
                    return
                waiting = self._waiting.get(key)
                if waiting:
                    codes.append([C.CLOSE, None, None, markup, waiting.pop(0)])
                    parts.append(len(codes) - 1)
                    return
            codes.append([C.SELF, ("x", x) if x else (name, markup), x or key, markup, None])
            parts.append(len(codes) - 1)
            return
        if name in _CONTAINER[fmt]:
            if fmt == XLIFF12 and name == "mrk" and get("mtype") in _MRK_TEXT:
                self._walk(el, parts)       # a segment's bounds, a comment, an insertion:
                return                      # no code of the text, its content read as text
            if fmt == XLIFF12 and name == "mrk" and get("mtype") in _MRK_DELETED:
                return                      # a deletion tracked: its text is not in the segment
            num = get("x") or get("id") or get("mid")
            i = self._add(parts, C.OPEN, ("c", name, num or start_tag(el)), num, start_tag(el))
            self._walk(el, parts)
            self._add(parts, C.CLOSE, None, None, f"</{name}>", i)
            return
        self._code_of(name, el.get, code_markup(el), parts)

    def _code_of(self, name: str, get, markup: str, parts: list) -> None:
        """A code element that is not a container: ``get`` reads its attributes."""
        fmt = self.fmt
        key = None
        if fmt == TMX:
            if name == "bpt" or name == "ept":
                key = get("i")
        elif fmt == XLIFF12:
            if name in ("bpt", "ept", "bx", "ex"):
                key = (name in ("bx", "ex"), get("rid") or get("id"))
        elif name in ("sc", "ec", "sm", "em") and get("isolated") != "yes":
            key = (name in ("sm", "em"), get("id") if name in ("sc", "sm") else get("startRef"))
        if key is not None:
            if name in ("bpt", "bx", "sc", "sm"):
                if fmt == TMX:
                    num = get("x") or get("i")
                    ident = ("x", get("x")) if get("x") else ("i", get("i"))
                else:
                    num = get("id")
                    ident = ("id", num)
                i = self._add(parts, C.OPEN, ident, num, markup)
                self._waiting.setdefault(key, []).append(i)
                return
            waiting = self._waiting.get(key)
            if waiting:
                self._add(parts, C.CLOSE, None, None, markup, waiting.pop(0))
                return
        # standalone (or one end of a pair whose other end is elsewhere)
        if fmt == TMX:
            x = get("x")
            ident = ("x", x) if x else (name, markup)
            num = x or (get("i") if key is not None else None)
        else:
            num = get("id") or get("startRef")
            ident = ("id", num or markup)
        self._add(parts, C.SELF, ident, num, markup)


def unit_codes(fmt: str, zh: dict, en: dict, data: dict | None = None) -> dict:
    """The ``codes`` of a unit read from a file ({} when it has none)."""
    if not zh and not en:
        return {}
    out: dict = {"fmt": fmt}
    if zh:
        out["zh"] = zh
    if en:
        out["en"] = en
    if data:
        out["data"] = data
    return out


# --- writing ---------------------------------------------------------------

_TMX_TO_CTYPE = {"bold": "bold", "italic": "italic", "ulined": "underlined", "link": "link",
                 "image": "image", "pb": "pb", "lb": "lb"}
_CTYPE_TO_TMX = {v: k for k, v in _TMX_TO_CTYPE.items()}

# TMX 1.4's and XLIFF 1.2's inline elements: a paired code's start and end (bpt, ept), one
# whose partner is outside the segment (it, with the words for its side), a standalone one (ph)
_TMX_ELEMENTS = ('<bpt i="{label}" x="{label}"{t}>{native}</bpt>', '<ept i="{label}">{native}</ept>',
                 '<it pos="{pos}" x="{label}"{t}>{native}</it>', '<ph x="{label}"{t}>{native}</ph>',
                 ("begin", "end"))
_XLIFF12_ELEMENTS = ('<bpt id="{label}"{t}>{native}</bpt>', '<ept id="{label}">{native}</ept>',
                     '<it id="{label}" pos="{pos}"{t}>{native}</it>', '<ph id="{label}"{t}>{native}</ph>',
                     ("open", "close"))


def _element(elements: tuple, kind: int, label: int, paired: bool, code, t: str) -> str:
    """The element of ``elements`` (:data:`_TMX_ELEMENTS`, :data:`_XLIFF12_ELEMENTS`) for a code
    of ``kind``: a paired start or end; else an open or close tag, or a standalone code with a
    side (``code.pos``), as an isolated tag; else a placeholder. ``t``: its type attribute."""
    bpt, ept, it, ph, sides = elements
    if kind == C.OPEN and paired:
        return bpt.format(label=label, t=t, native=code.native)
    if kind == C.CLOSE and paired:
        return ept.format(label=label, native=code.native)
    if kind != C.SELF or code.pos:
        pos = sides[0] if (kind == C.OPEN or code.pos == "open") else sides[1]
        return it.format(label=label, pos=pos, t=t, native=code.native)
    return ph.format(label=label, t=t, native=code.native)


def _parse(markup: str):
    """The element of a stored markup (a start tag is closed first); None for an end tag
    or a literal character."""
    if markup.startswith("</") or not markup.startswith("<"):
        return None
    if _is_start(markup):
        markup = markup + f"</{_tag_name(markup)}>"
    try:
        return etree.fromstring(markup)
    except etree.XMLSyntaxError:
        return None


def _tag_name(markup: str) -> str:
    return re.match(r"</?([\w.:-]+)", markup).group(1)


def _is_start(markup: str) -> bool:
    """A start tag alone (the opening code of a container)."""
    if markup.endswith("/>"):
        return False
    name = re.match(r"<([\w.:-]+)", markup)
    return bool(name) and not markup.endswith(f"</{name.group(1)}>")


class _Code:
    """What a code means, whatever its format: its native data and type."""

    def __init__(self, markup: str | None, fmt: str | None, data: dict):
        self.native = ""
        self.type = None
        self.pos = None
        if not markup:
            return
        el = _parse(markup)
        if el is None:
            self.native = escape_text(markup)
            return
        name = local(el.tag)
        if fmt in (TMX, XLIFF12) and name in _NATIVE[fmt]:
            self.native = inner_xml(el)
            if any(True for _ in el.iter("{*}sub", "sub")):       # <sub> differs between formats
                self.native = escape_text("".join(el.itertext()))
        elif fmt == XLIFF2 and (el.get("dataRef") or el.get("dataRefStart")):
            self.native = data.get(el.get("dataRef") or el.get("dataRefStart") or "", "")
        elif el.get("equiv-text") is not None:
            self.native = escape_text(el.get("equiv-text"))
        else:
            self.native = escape_text(markup)      # no native data: the original element, as text
        if fmt == TMX:
            self.type = el.get("type")
            self.pos = {"begin": "open", "end": "close"}.get(el.get("pos") or "")
        elif fmt == XLIFF12:
            self.type = el.get("ctype")
            self.pos = el.get("pos")
        else:
            self.type = el.get("type")


class Writer:
    """Writes one unit's segments (text with placeholders) in ``fmt``: the stored markup
    where the unit's codes are in that format and still well nested, else each code mapped."""

    def __init__(self, codes: dict | None, fmt: str):
        self.codes = codes or {}
        self.fmt = fmt
        self.same = self.codes.get("fmt") == fmt
        self.data: dict[str, str] = {}          # XLIFF 2: the <originalData> to write
        if self.same and fmt == XLIFF2:
            self.data.update(self.codes.get("data") or {})

    def _markup(self, side: str, name: str) -> str | None:
        got = (self.codes.get(side) or {}).get(name)
        if got is None:             # a code the other side has (copied by a translator)
            other = "en" if side == "zh" else "zh"
            got = (self.codes.get(other) or {}).get(name)
        return got

    def segment(self, text: str, side: str, plain) -> str:
        """``text`` as the content of a segment element; ``plain(str)`` writes text runs."""
        if not C.has_codes(text):
            return plain(text)
        pieces = re.split("([\U00100000-\U0010fffd])", text)
        stored = self.same and _nests(pieces, lambda n: self._markup(side, n))
        paired = _paired(pieces)
        out = []
        for piece in pieces:
            if not piece:
                continue
            if not C.CODE.fullmatch(piece) or not C.is_code(piece):
                out.append(plain(piece))
                continue
            name = C.name(piece)
            markup = self._markup(side, name)
            if markup is None:          # no code: a character the text holds as it is
                out.append(plain(piece))
            elif stored:
                out.append(markup)
            else:
                out.append(self._mapped(piece, side, markup, paired))
        return "".join(out)

    def _mapped(self, ch: str, side: str, markup: str | None, paired: set[int]) -> str:
        label, kind = C.parse(ch)
        src = self.codes.get("fmt")
        if kind == C.CLOSE and markup and markup.startswith("</"):
            markup = self._markup(side, str(label))   # a container's end: the start tells the type
            data = self.codes.get("data") or {}
            code = _Code(markup, src, data)
            start = _parse(markup) if markup and src == XLIFF2 else None
            if start is not None and start.get("dataRefEnd") in data:
                code.native = data[start.get("dataRefEnd")]     # <pc>'s end has data of its own
            else:
                code.native = escape_text(f"</{_tag_name(markup)}>") if markup else ""
        else:
            code = _Code(markup, src, self.codes.get("data") or {})
        ctype = code.type
        if self.fmt == TMX:
            if src == XLIFF12 and ctype:
                ctype = _CTYPE_TO_TMX.get(ctype, ctype)
            t = f' type="{escape_attr(ctype)}"' if ctype and kind != C.CLOSE else ""
            return _element(_TMX_ELEMENTS, kind, label, label in paired, code, t)
        if self.fmt == XLIFF12:
            if src == TMX and ctype:
                ctype = _TMX_TO_CTYPE.get(ctype, ctype)
            valid = ("image", "pb", "lb") if kind == C.SELF and not code.pos else \
                ("bold", "italic", "underlined", "link")
            if ctype and ctype not in valid and not ctype.startswith("x-"):
                ctype = f"x-{ctype}"
            t = f' ctype="{escape_attr(ctype)}"' if ctype and kind != C.CLOSE else ""
            return _element(_XLIFF12_ELEMENTS, kind, label, label in paired, code, t)
        # XLIFF 2: sc/ec/ph with the native data in <originalData>
        suffix = {C.OPEN: "", C.CLOSE: "e", C.SELF: ""}[kind]
        ref = f"d{label}{suffix}"
        if code.native:
            if self.data.get(ref, code.native) != code.native:
                ref = f"{ref}{side}"
            self.data[ref] = code.native
        dr = f' dataRef="{ref}"' if code.native else ""
        if kind == C.OPEN:
            iso = "" if label in paired else ' isolated="yes"'
            return f'<sc id="{label}"{iso}{dr}/>'
        if kind == C.CLOSE:
            if label in paired:
                return f'<ec startRef="{label}"{dr}/>'
            return f'<ec id="{label}" isolated="yes"{dr}/>'
        return f'<ph id="{label}"{dr}/>'

    def original_data(self, indent: str) -> str:
        """XLIFF 2: the unit's ``<originalData>`` (empty when no code has data)."""
        if not self.data:
            return ""
        rows = "".join(f'{indent}  <data id="{escape_attr(k)}">{v}</data>\n' for k, v in sorted(self.data.items()))
        return f"{indent}<originalData>\n{rows}{indent}</originalData>\n"


def _paired(pieces: list[str]) -> set[int]:
    """Labels whose opening code comes before its closing code in this segment."""
    opened, out = set(), set()
    for p in pieces:
        if len(p) == 1 and C.is_code(p):
            label, kind = C.parse(p)
            if kind == C.OPEN:
                opened.add(label)
            elif kind == C.CLOSE and label in opened:
                out.add(label)
    return out


def _nests(pieces: list[str], markup) -> bool:
    """Do the containers (stored start/end tags) nest properly, each closed in order?"""
    stack: list[int] = []
    for p in pieces:
        if len(p) != 1 or not C.is_code(p):
            continue
        label, kind = C.parse(p)
        m = markup(C.name(p))
        if m is None:
            continue
        if kind == C.OPEN and _is_start(m):
            stack.append(label)
        elif kind == C.CLOSE and m.startswith("</"):
            if not stack or stack.pop() != label:
                return False
    return not stack


def dumps(codes: dict) -> str:
    return json.dumps(codes, ensure_ascii=False, sort_keys=True)


__all__ = ["TMX", "XLIFF12", "XLIFF2", "Labels", "SideReader", "Writer", "unit_codes", "dumps",
           "element_xml", "start_tag", "inner_xml", "is_code_element"]


def merge(stored: dict, read: dict, texts: dict[str, str]) -> dict:
    """``stored`` codes (the original markup our metadata carried back) completed by those
    ``read`` from the file for placeholders ``texts`` hold that ``stored`` lacks (a code a
    reviewer added), mapped into ``stored``'s format."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in stored.items()}
    fmt = out.get("fmt")
    for side in ("zh", "en"):
        have = out.get(side) or {}
        pieces = re.split("([\U00100000-\U0010fffd])", texts.get(side) or "")
        for ch in pieces:
            if len(ch) != 1 or not C.is_code(ch) or C.name(ch) in have:
                continue
            markup = (read.get(side) or {}).get(C.name(ch))
            if markup is None:
                continue
            have[C.name(ch)] = markup if read.get("fmt") == fmt or fmt is None else \
                Writer(read, fmt)._mapped(ch, side, markup, _paired(pieces))
        if have:
            out[side] = have
    if fmt is None and read.get("fmt"):
        out["fmt"] = read["fmt"]
    return out
