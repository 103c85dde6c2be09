"""TBX reading (2008 ``<martif>`` and v3 ``<tbx>``) and writing (TBX 2008 and TBX-Basic v3).

Conformance (what is written):

* ``write_tbx2008``: ``<martif type="TBX" xml:lang="zh-CN">`` with a ``martifHeader``
  and one ``termEntry`` per entry (sorted by ``zh``). Entry level: ``note`` (note,
  ``kind: …``, ``parts: …``, ``status: …``), ``descrip type="definition"``,
  ``admin type="source"``. One Chinese ``langSet`` tagged as the term came
  (``zh-CN`` unless its file said ``zh-TW``, ``zh-HK``, ``zh-Hant``…) with the term (and
  ``note`` holding the pinyin) and one ``langSet xml:lang="en"`` with a ``tig`` per
  rendering; ``termNote type="administrativeStatus"`` is ``preferredTerm-admn-sts``
  for approved renderings and ``deprecatedTerm-admn-sts`` for forbidden ones. Terms are
  always in ``<tig>`` (OmegaT and translate-toolkit read only that form). Valid
  against TBXcoreStructV02.dtd.
* ``write_tbx3``: TBX-Basic, DCA style (``<tbx type="TBX-Basic" style="dca">`` in
  ``urn:iso:std:iso:30042:ed-2``) with ``conceptEntry``/``langSec``/``termSec``, using
  only TBX-Basic data categories (definition, source, administrativeStatus); kind,
  status, parts and pinyin go in ``note``. Valid against TBXcoreStructV03.rng and
  TBX-Basic_DCA.sch.

Reading accepts both forms (``tig``, ``ntig``/``termGrp``, ``termSec``), with or
without namespace, and maps English terms marked deprecated/superseded to forbidden
renderings (a Chinese one: a rejected entry). The notes on an English term, the
``transacGrp``s (who made or changed the entry, a side or a term, and when) and the entry's
id are kept in :attr:`Entry.meta` and written back where they were (TBX-Basic: origination
and modification with an XML Schema date only); an entry without an id of its own (or
whose id another entry has) is numbered ``eN``/``cN``. Definitions are read on the concept, the
language or the term (:func:`_definition`), other descriptions kept as note lines. Parsing goes through :mod:`tm.formats.xmlsafe`: entity declarations (XML bombs)
and external entities are refused, errors name the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from tm import EN, ZH, has_illegal, iterparse, normalise_tag, side

from glossary.errors import GlossaryError, InputError
from glossary.models import KINDS, STATUSES, Entry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_FORBIDDEN_STATUSES = {"deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "deprecatedTerm",
                       "supersededTerm"}
_STATUS_OF_ZH = {PREFERRED: "approved", ADMITTED: "candidate", DEPRECATED: "rejected"}
_ZH_STATUS = {v: k for k, v in _STATUS_OF_ZH.items()}


# --------------------------------------------------------------------------- reading

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(elem: ET.Element) -> str:
    return " ".join("".join(elem.itertext()).split())


def _children(elem: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) in names]


def _lang(elem: ET.Element) -> str:
    return (elem.get(XML_LANG) or elem.get("lang") or "").lower()


def _terms(langset: ET.Element) -> list[tuple[str, str | None, list[str], list[dict]]]:
    """(term, administrativeStatus, notes, who/when records) for each term of a
    langSet/langSec."""
    out = []
    for holder in _children(langset, "tig", "ntig", "termSec"):
        group = _children(holder, "termGrp")
        inner = group[0] if group else holder
        term = _children(inner, "term")
        if not term:
            continue
        status = None
        for note in _children(inner, "termNote") + _children(holder, "termNote"):
            if note.get("type") == "administrativeStatus":
                status = _text(note)
        notes = [_text(n) for n in _children(holder, "note") if _text(n)]
        out.append((_text(term[0]), status, notes, _transacs(holder)))
    return out


def _transacs(elem: ET.Element) -> list[dict]:
    """The who/when records (``transacGrp``) directly in ``elem``: ``{"type": "origination",
    "who": …, "date": …}`` (the transaction's type, its ``responsibility`` note, its date;
    those the group gives)."""
    out = []
    for grp in _children(elem, "transacGrp"):
        record: dict = {}
        for child in grp:
            name, text = _local(child.tag), _text(child)
            if not text:
                continue
            if name == "transac":
                record["type"] = text
            elif name == "transacNote" and child.get("type") in (None, "responsibility"):
                record["who"] = text
            elif name == "date":
                record["date"] = text
        if record.get("type"):
            out.append(record)
    return out


def _descrips(elem: ET.Element) -> Iterator[tuple[str, str | None, str]]:
    """``(element name, type, text)`` of the descriptive fields directly in ``elem``
    (``descrip``/``admin``, also inside a ``descripGrp``/``adminGrp``), in file order."""
    for child in elem:
        name = _local(child.tag)
        if name in ("descrip", "admin"):
            yield name, child.get("type"), _text(child)
        elif name in ("descripGrp", "adminGrp"):
            for d in child:
                if _local(d.tag) in ("descrip", "admin"):
                    yield _local(d.tag), d.get("type"), _text(d)


def _entry_fields(concept: ET.Element) -> dict:
    fields: dict = {"notes": [], "definition": None, "source": None, "definitions": []}
    for child in concept:
        if _local(child.tag) == "note":
            fields["notes"].append(_text(child))
    _take_descrips(fields, concept, None)
    return fields


def _take_descrips(fields: dict, elem: ET.Element, lang: str | None) -> None:
    """The definitions, source and other descriptions of ``elem`` (a concept, ``lang``
    None; or a Chinese or English langSet or term, where TBX-Basic puts the definition,
    ``lang`` zh/en) into ``fields``: definitions listed (the concept's first), a source
    kept, the others as note lines (``subjectField: AI``; an untyped one, as Weblate
    writes its explanation, as its text)."""
    for name, kind, text in _descrips(elem):
        if not text:
            continue
        if kind == "definition":
            fields["definitions"].append((lang, text))
        elif kind == "source" and fields["source"] in (None, text):
            fields["source"] = text
        elif kind in (None, ""):
            fields["notes"].append(text)
        else:
            fields["notes"].append(f"{kind}: {text}" if lang is None else f"{kind} ({lang}): {text}")


def _definition(fields: dict) -> None:
    """The entry's definition: the concept's, else the Chinese side's, else the English
    side's; the others, where they differ, as note lines ``definition (en): …``."""
    ranked = sorted(fields["definitions"], key=lambda d: {None: 0, "zh": 1, "en": 2}[d[0]])
    if not ranked:
        return
    fields["definition"] = ranked[0][1]
    seen = {ranked[0][1]}
    for lang, text in ranked[1:]:
        if text not in seen:
            seen.add(text)
            fields["notes"].append(f"definition ({lang or 'entry'}): {text}")


def _apply_notes(entry: Entry, notes: list[str]) -> None:
    free = []
    for note in notes:
        key, _, value = note.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "kind" and value in KINDS:
            entry.kind = value
        elif key == "status" and value in STATUSES:
            entry.status = value
        elif key == "parts" and value:
            entry.parts = [p.strip() for p in value.split("|") if p.strip()]
        elif key == "pinyin" and value:
            entry.pinyin = value
        elif note:
            free.append(note)
    entry.note = "; ".join(free) or None


def read_tbx(path, *, default_status: str = "approved", name: str | None = None,
             skipped=None) -> list[Entry]:
    """Entries of a TBX 2008 or TBX v3 file (see :func:`iter_tbx`)."""
    return list(iter_tbx(path, default_status=default_status, name=name, skipped=skipped))


def iter_tbx(path, *, default_status: str = "approved", name: str | None = None,
             skipped=None) -> Iterator[Entry]:
    """Entries of a TBX 2008 or TBX v3 file. Raises InputError naming file and line.

    An entry whose Chinese (or an English) term is empty, e.g. not translated yet, is
    counted in ``skipped`` (a :class:`tm.Skipped`) and left out; without it, it is an
    error. A file with no Chinese or no English language section is refused.

    Parsed by :func:`tm.formats.xmlsafe.iterparse` (streaming, one ``termEntry`` /
    ``conceptEntry`` at a time): DOCTYPE internal subsets and entity declarations
    (XML bombs) are refused; an external DTD named by the DOCTYPE is never read. The
    entries come one at a time, as they are read; the file's languages are checked at its
    end (a consumer writing them rolls back on the error).
    """
    p = Path(name or path)          # a path, or a binary file named ``name``
    found = False
    first_error: InputError | None = None   # without ``skipped``: raised once the file's
    # languages are checked (a file with no Chinese side is that, not its first entry)
    langs: dict[str, int] = {}
    source = path if not isinstance(path, (str, Path)) else p
    for event in iterparse(source, name=str(p), records=("termEntry", "conceptEntry")):
        if event.kind == "root":
            if _local(event.element.tag) not in ("martif", "tbx"):
                raise InputError(f"not a TBX file (root element <{_local(event.element.tag)}>)",
                                 path=str(p), line=event.line)
            continue
        if event.kind == "record":
            for langset in _children(event.element, "langSet", "langSec"):
                tag = normalise_tag(_lang(langset)) or "?"
                langs[tag] = langs.get(tag, 0) + 1
            try:
                entries = _concept_entries(event.element, p, event.line, default_status)
            except InputError as exc:
                if not getattr(exc, "skippable", False):
                    raise
                if skipped is not None:
                    skipped.add(exc.reason, event.line)
                elif first_error is None:
                    first_error = exc
                continue
            if first_error is None and entries:
                found = True
                yield from entries
    sides = {side(tag) for tag in langs}
    for want, label in (("zh", "Chinese"), ("en", "English")):
        if langs and want not in sides:
            raise InputError(f"no {label} in this file (languages: {', '.join(sorted(langs))}); "
                             f"a Chinese-English glossary needs a Chinese and an English side",
                             path=str(p))
    if first_error is not None:
        raise first_error
    if not found:
        raise InputError("no term entries found", path=str(p))


def _concept_entries(concept: ET.Element, p: Path, line: int, default_status: str) -> list[Entry]:
    fields = _entry_fields(concept)
    zh_terms, approved, forbidden, zh_notes = [], [], [], []
    # what the entry's fields do not hold, kept for the export (Entry.meta): who made or changed
    # the entry, a side or a term, and when; the notes on the English terms
    transac = [{"on": "entry", **t} for t in _transacs(concept)]
    en_notes: dict[str, list[str]] = {}
    en_langs: dict[str, str] = {}       # an English term's variant (en-US, en-GB), where the file names one
    for langset in _children(concept, "langSet", "langSec"):
        lang = _lang(langset)
        which = side(lang)
        if which in ("zh", "en"):
            _take_descrips(fields, langset, which)
            transac += [{"on": which, **t} for t in _transacs(langset)]
            for holder in _children(langset, "tig", "ntig", "termSec"):
                _take_descrips(fields, holder, which)
                for group in _children(holder, "termGrp"):
                    _take_descrips(fields, group, which)
        for term, status, notes, made in _terms(langset):
            if which == "zh":
                tag = normalise_tag(lang)
                zh_terms.append((term, status, None if tag == ZH else tag, made))
                zh_notes += notes
            elif which == "en":
                (forbidden if status in _FORBIDDEN_STATUSES else approved).append(term)
                if normalise_tag(lang) != EN:
                    en_langs.setdefault(term, normalise_tag(lang))
                if notes:
                    en_notes.setdefault(term, []).extend(notes)
                transac += [{"on": f"en:{term}", **t} for t in made]
    meta: dict = {}
    if concept.get("id") and len(zh_terms) == 1:    # (entries of one concept's synonyms: not theirs)
        meta["id"] = concept.get("id")
    if en_notes:
        meta["en_notes"] = en_notes
    if en_langs:
        meta["en_langs"] = en_langs
    _definition(fields)
    if not zh_terms or not all(t for t, _, _, _ in zh_terms):
        raise _skippable("entry without a Chinese term", "untranslated: no Chinese term", p, line)
    if any(not t for t in approved + forbidden):
        raise _skippable(f"entry {zh_terms[0][0]}: empty English term", "empty English term",
                         p, line)
    out = []
    for term, status, tag, made in zh_terms:
        made = transac + [{"on": "zh", **t} for t in made]
        entry = Entry(zh=term, approved=list(approved), forbidden=list(forbidden),
                      definition=fields["definition"], source=fields["source"],
                      status="rejected" if status in _FORBIDDEN_STATUSES else
                      _STATUS_OF_ZH.get(status, default_status), zh_lang=tag,
                      meta=dict(meta, transac=made) if made else dict(meta))
        _apply_notes(entry, fields["notes"] + zh_notes)
        entry.origin = (str(p), line)
        out.append(entry)
    return out


def _skippable(message: str, reason: str, p: Path, line: int) -> InputError:
    err = InputError(message, path=str(p), line=line)
    err.skippable, err.reason = True, reason
    return err


# --------------------------------------------------------------------------- writing

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    if text is not None and has_illegal(text):
        raise GlossaryError(f"{text!r}: a control character that XML cannot carry")
    elem = ET.SubElement(parent, tag, {k.replace("_", ":") if k == "xml_lang" else k: v
                                       for k, v in attrs.items()})
    if text is not None:
        elem.text = text
    return elem


def _entry_notes(entry: Entry) -> list[str]:
    notes = []
    if entry.note:
        notes.append(entry.note)
    if entry.kind:
        notes.append(f"kind: {entry.kind}")
    if entry.parts:
        notes.append(f"parts: {' | '.join(entry.parts)}")
    return notes


_NCNAME = re.compile(r"[^\W\d][\w.\-]*")
_XSD_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?")


def _ids(entries: list[Entry], prefix: str) -> list[str]:
    """Each entry's id in the file written: the one its own file gave it (``meta["id"]``)
    where it is an XML ID not taken by another, else ``<prefix><n>``."""
    taken: set[str] = set()
    kept = []
    for entry in entries:
        own = (entry.meta or {}).get("id")
        ok = isinstance(own, str) and _NCNAME.fullmatch(own) is not None and own not in taken
        kept.append(own if ok else None)
        if ok:
            taken.add(own)
    out, n = [], 0
    for own in kept:
        if own is None:
            n += 1
            while f"{prefix}{n}" in taken:
                n += 1
            own = f"{prefix}{n}"
        out.append(own)
    return out


def _transacs_of(parent: ET.Element, ns: str, entry: Entry, on: str, *, basic: bool) -> None:
    """The entry's who/when records of ``on`` (``entry``, ``zh``, ``en``, ``en:<term>``) as
    ``transacGrp``s in ``parent``; ``basic``: only what TBX-Basic allows (origination and
    modification, an XML Schema date)."""
    for record in (entry.meta or {}).get("transac") or ():
        kind = record.get("type")
        if record.get("on") != on or not kind or (basic and kind not in ("origination", "modification")):
            continue
        group = _sub(parent, ns + "transacGrp")
        _sub(group, ns + "transac", kind, type="transactionType")
        if record.get("who"):
            _sub(group, ns + "transacNote", record["who"], type="responsibility")
        date = record.get("date")
        if date and (not basic or _XSD_DATE.fullmatch(date)):
            _sub(group, ns + "date", date)


def _en_notes(entry: Entry, en: str) -> list[str]:
    return list(((entry.meta or {}).get("en_notes") or {}).get(en) or ())


def _en_sides(entry: Entry) -> list[tuple[str, list[tuple[str, str]]]]:
    """The entry's English terms with their statuses, grouped by the language tag the file
    they came from gave them (``en-US``, ``en-GB``; ``en`` when it named none), each tag once
    in the order its first term comes: a langSet each, as the file had them."""
    langs = (entry.meta or {}).get("en_langs") or {}
    sides: dict[str, list[tuple[str, str]]] = {}
    for en, status in [(a, _en_status(entry)) for a in entry.approved] + [(f, DEPRECATED) for f in entry.forbidden]:
        sides.setdefault(langs.get(en, EN), []).append((en, status))
    return list(sides.items())


def _en_status(entry: Entry) -> str:
    """An approved entry's renderings are preferred; a candidate's (the renderings the
    memory used, most used first) are admitted: proposed, not yet decided."""
    return PREFERRED if entry.status == "approved" else ADMITTED


def _serialise(root: ET.Element, header: str = "") -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + header + body + "\n").encode("utf-8")


def write_tbx2008(entries: Iterable[Entry], *, title: str = "Chinese-English term base") -> bytes:
    """TBX 2008 (``<martif>``, terms in ``<tig>``) as UTF-8 bytes, sorted by ``zh``."""
    root = ET.Element("martif", {"type": "TBX", XML_LANG: ZH})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Exported by zhen-tm glossary")
    body = _sub(_sub(root, "text"), "body")
    entries = sorted(entries, key=lambda e: e.zh)
    for entry, ident in zip(entries, _ids(entries, "e")):
        te = _sub(body, "termEntry", id=ident)
        for note in _entry_notes(entry) + [f"status: {entry.status}"]:
            _sub(te, "note", note)
        if entry.definition:
            _sub(te, "descrip", entry.definition, type="definition")
        if entry.source:
            _sub(te, "admin", entry.source, type="source")
        _transacs_of(te, "", entry, "entry", basic=False)
        zh_set = _sub(te, "langSet", **{XML_LANG: entry.zh_lang or ZH})
        _transacs_of(zh_set, "", entry, "zh", basic=False)
        tig = _sub(zh_set, "tig")
        _sub(tig, "term", entry.zh)
        _sub(tig, "termNote", _ZH_STATUS[entry.status], type="administrativeStatus")
        if entry.pinyin:
            _sub(tig, "note", f"pinyin: {entry.pinyin}")
        for n, (tag, terms) in enumerate(_en_sides(entry)):
            en_set = _sub(te, "langSet", **{XML_LANG: tag})
            if n == 0:
                _transacs_of(en_set, "", entry, "en", basic=False)
            for en, status in terms:
                tig = _sub(en_set, "tig")
                _sub(tig, "term", en)
                _sub(tig, "termNote", status, type="administrativeStatus")
                for note in _en_notes(entry, en):
                    _sub(tig, "note", note)
                _transacs_of(tig, "", entry, f"en:{en}", basic=False)
    return _serialise(root, '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n')


def write_tbx3(entries: Iterable[Entry], *, title: str = "Chinese-English term base") -> bytes:
    """TBX v3 TBX-Basic (DCA style) as UTF-8 bytes, sorted by ``zh``."""
    ns = "{%s}" % TBX3_NS
    ET.register_namespace("", TBX3_NS)
    root = ET.Element(ns + "tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: EN})
    source_desc = _sub(_sub(_sub(root, ns + "tbxHeader"), ns + "fileDesc"), ns + "sourceDesc")
    _sub(source_desc, ns + "p", f"{title}, exported by zhen-tm glossary")
    body = _sub(_sub(root, ns + "text"), ns + "body")
    entries = sorted(entries, key=lambda e: e.zh)
    for entry, ident in zip(entries, _ids(entries, "c")):
        ce = _sub(body, ns + "conceptEntry", id=ident)
        if entry.definition:
            _sub(ce, ns + "descrip", entry.definition, type="definition")
        if entry.source:
            _sub(ce, ns + "admin", entry.source, type="source")
        for note in _entry_notes(entry) + [f"status: {entry.status}"]:
            _sub(ce, ns + "note", note)
        _transacs_of(ce, ns, entry, "entry", basic=True)
        zh_sec = _sub(ce, ns + "langSec", **{XML_LANG: entry.zh_lang or ZH})
        _transacs_of(zh_sec, ns, entry, "zh", basic=True)
        ts = _sub(zh_sec, ns + "termSec")
        _sub(ts, ns + "term", entry.zh)
        _sub(ts, ns + "termNote", _ZH_STATUS[entry.status], type="administrativeStatus")
        if entry.pinyin:
            _sub(ts, ns + "note", f"pinyin: {entry.pinyin}")
        for n, (tag, terms) in enumerate(_en_sides(entry)):
            en_sec = _sub(ce, ns + "langSec", **{XML_LANG: tag})
            if n == 0:
                _transacs_of(en_sec, ns, entry, "en", basic=True)
            for en, status in terms:
                ts = _sub(en_sec, ns + "termSec")
                _sub(ts, ns + "term", en)
                _sub(ts, ns + "termNote", status, type="administrativeStatus")
                for note in _en_notes(entry, en):
                    _sub(ts, ns + "note", note)
                _transacs_of(ts, ns, entry, f"en:{en}", basic=True)
    models = (
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/'
        'TBXcoreStructV03.rng" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/'
        'master/DCA/TBX-Basic_DCA.sch" type="application/xml" '
        'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')
    return _serialise(root, models)
