"""MultiTerm XML (``<mtf>``), the export format of SDL/RWS MultiTerm, the term base of
Trados: read.

A file holds one ``<conceptGrp>`` per concept: its number (``<concept>``), fields of the
concept (``<descripGrp><descrip type="…">``), and a ``<languageGrp>`` per language, each
naming its language (``<language type="English" lang="EN-US"/>``: ``type`` is the name the
term base gives its index, ``lang`` a locale code, which may be missing) and holding one
``<termGrp>`` per term (``<term>`` and its own fields). Fields nest (a ``<descripGrp>`` in
a ``<descripGrp>``) and may hold cross-references (``<xref>``); ``<transacGrp>`` records who
made and changed an entry, and when.

What is read:

* The Chinese and English language groups: by ``lang`` (``ZH``, ``ZH-CN``, ``zh-TW``,
  ``EN``, ``EN-GB``…, as :func:`tm.side` reads a tag), else by ``type`` (``Chinese``,
  ``Chinese (Taiwan)``, ``English (United States)``, ``中文``, ``英文``). A Chinese tag other
  than zh/zh-CN is kept on the entry (``zh-TW``; from a type alone: Taiwan, Hong Kong,
  Traditional).
* Each Chinese term is an entry (a concept with two Chinese terms gives two, as TBX's
  synonyms do); its English terms are its renderings, the first the main one and the
  others further ones, in the file's order. An English term whose term-level field named
  like ``Status`` or ``Usage`` says ``forbidden``, ``deprecated``, ``do not use``, ``not
  allowed``, ``obsolete`` or ``禁用`` is a forbidden rendering.
* The concept's ``Definition`` field is the definition, its ``Source`` field the source;
  every other field of the concept, of the Chinese language group and its terms, becomes a
  line of the note (``Subject: IT``), and an English term's own fields name the term
  (``Usage (AI): informal``).
* A concept without a Chinese or without an English term is skipped and counted; a file
  with no Chinese or no English language group at all is refused with one line.

Not read: ``<transacGrp>`` (who and when), ``<system>`` fields, the concept number, the
targets of cross-references (their text is read), images and multimedia; other
languages' groups are left out. Parsing goes through :func:`tm.iterparse`: a DOCTYPE
declaring entities is refused before anything is expanded; errors name the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from tm import ZH, column_language, iterparse, normalise_tag, side, zh_variety_tag

from glossary.errors import InputError
from glossary.models import Entry

_FORBIDDEN = re.compile(r"^\s*(forbidden|deprecated|do not use|don't use|not allowed|obsolete|"
                        r"superseded|禁用|不可用|不推荐)\b", re.I)
_STATUS_FIELDS = re.compile(r"status|usage", re.I)
def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(elem, name: str) -> list:
    return [c for c in elem if _local(c.tag) == name]


def _text(elem) -> str:
    return " ".join("".join(elem.itertext()).split())


def _fields(holder) -> list[tuple[str, str]]:
    """``(type, text)`` of each ``descrip`` in the ``descripGrp``s of ``holder``, nested
    groups included, in order."""
    out = []
    for group in _children(holder, "descripGrp"):
        for descrip in _children(group, "descrip"):
            text = _text(descrip)
            if text:
                out.append(((descrip.get("type") or "note").strip(), text))
        out += _fields(group)
    return out


def _language(group) -> tuple[str | None, str | None, str]:
    """``(side, Chinese tag or None, the language as the file names it)`` of a
    ``languageGrp``."""
    lang = _children(group, "language")
    if not lang:
        return None, None, "?"
    code, kind = (lang[0].get("lang") or "").strip(), (lang[0].get("type") or "").strip()
    if code:
        found = side(code.replace("_", "-"))
        tag = normalise_tag(code.replace("_", "-")) if found == "zh" else None
    else:
        lowered = kind.lower()
        found = "zh" if "chinese" in lowered else "en" if "english" in lowered else None
        if found is None:
            named = column_language(kind) or column_language(kind.split("(")[0])
            found = named if named in ("zh", "en") else None
        tag = zh_variety_tag(kind) if found == "zh" else None
    if tag in ("zh", ZH):
        tag = None
    return found, tag, (normalise_tag(code.replace("_", "-")) if code else kind) or "?"


def iter_multiterm(source, *, name: str, default_status: str = "approved",
                   skipped=None) -> Iterator[Entry]:
    """The entries of a MultiTerm XML file (a path or a binary file; see the module doc).

    A concept without a Chinese or an English term is counted in ``skipped`` (a
    :class:`tm.Skipped`) and left out; without it, it is an error. The file's languages
    are checked at its end (a consumer writing the entries rolls back on the error)."""
    p = Path(name)
    langs: dict[str, str | None] = {}      # each language as the file names it -> zh, en or None
    found = False
    for event in iterparse(source, name=str(p), records=("conceptGrp",)):
        if event.kind == "root":
            if _local(event.element.tag) != "mtf":
                raise InputError(f"not a MultiTerm XML file (root element <{_local(event.element.tag)}>)",
                                 path=str(p), line=event.line)
            continue
        if event.kind != "record":
            continue
        entries = _concept(event.element, p, event.line, default_status, langs, skipped)
        found = found or bool(entries)
        yield from entries
    sides = set(langs.values())
    for want, label in (("zh", "Chinese"), ("en", "English")):
        if langs and want not in sides:
            raise InputError(f"no {label} in this file (languages: {', '.join(sorted(langs))}); "
                             f"a Chinese-English glossary needs a Chinese and an English side",
                             path=str(p))
    if not found:
        raise InputError("no concepts with a Chinese and an English term found", path=str(p))


def _concept(concept, p: Path, line: int, default_status: str, langs: dict,
             skipped) -> list[Entry]:
    notes, definition, source = [], None, None
    for kind, text in _fields(concept):
        if kind.lower() == "definition" and definition is None:
            definition = text
        elif kind.lower() == "source" and source is None:
            source = text
        else:
            notes.append(f"{kind}: {text}")
    zh_terms: list[tuple[str, str | None]] = []
    approved, forbidden = [], []
    for group in _children(concept, "languageGrp"):
        found, tag, label = _language(group)
        langs[label] = found
        if found == "zh":
            notes += [f"{kind}: {text}" for kind, text in _fields(group)]
        for term_group in _children(group, "termGrp"):
            terms = _children(term_group, "term")
            term = _text(terms[0]) if terms else ""
            if not term:
                continue
            fields = _fields(term_group)
            if found == "zh":
                zh_terms.append((term, tag))
                notes += [f"{kind}: {text}" for kind, text in fields]
            elif found == "en":
                bad = any(_STATUS_FIELDS.search(kind) and _FORBIDDEN.match(text) for kind, text in fields)
                (forbidden if bad else approved).append(term)
                notes += [f"{kind} ({term}): {text}" for kind, text in fields
                          if not (_STATUS_FIELDS.search(kind) and _FORBIDDEN.match(text))]
    problem = ("untranslated: no Chinese term" if not zh_terms else
               "no English term" if not approved and not forbidden else None)
    if problem:
        if skipped is None:
            what = f"concept {zh_terms[0][0]}: " if zh_terms else "concept: "
            raise InputError(what + problem.split(": ")[-1], path=str(p), line=line)
        skipped.add(problem, line)
        return []
    out = []
    for term, tag in dict.fromkeys(zh_terms):
        entry = Entry(zh=term, approved=list(dict.fromkeys(approved)),
                      forbidden=list(dict.fromkeys(forbidden)), note="; ".join(notes) or None,
                      definition=definition, source=source, status=default_status, zh_lang=tag)
        entry.origin = (str(p), line)
        out.append(entry)
    return out
