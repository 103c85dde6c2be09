"""The whole pipeline on a directory of documents, as a thin orchestration of library calls.

``NAME.zh.txt`` + ``NAME.en.txt`` pairs (or ``.docx``, ``.html``, ``.md``) are segmented,
aligned and stored in the memory (pair ``NAME``); the memory's terms are extracted and stored
as candidates; a curated glossary is imported if given; the consistency report runs over the
memory and over the English documents that have no Chinese partner; and the exports (TMX,
TBX 2008, TBX v3, OmegaT glossary, CSV) are returned as bytes for the caller to write.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from glossary.termbase.consistency import check
from glossary.errors import InputError
from glossary.models import Candidate, ConsistencyFinding
from glossary.termbase.store import (
    WriteResult, entries, export_entries, extraction_state, load_glossary_file, merge_entries, open_termbase,
    record_extraction, store_candidates, terms, terms_state, transaction,
)


@dataclass
class PairResult:
    name: str
    zh_segments: int
    en_segments: int
    units: int
    low_confidence: int
    mismatch: str | None = None     # why the documents may not be translations of each other
    unaligned_zh: int = 0           # sentences without a counterpart (units for tm review)
    unaligned_en: int = 0


@dataclass
class PipelineResult:
    pairs: list[PairResult] = field(default_factory=list)
    monolingual: list[str] = field(default_factory=list)
    candidates: int = 0
    imported: WriteResult | None = None
    findings: list[ConsistencyFinding] = field(default_factory=list)
    exports: dict[str, bytes] = field(default_factory=dict)     # file name -> content


# NAME.zh.EXT / NAME.en.EXT (a region or script after the language: zh-CN, zh_Hant, en-GB),
# EXT a document tm align reads: plain text, Word, HTML, Markdown
_DOCUMENT = re.compile(r"(?P<name>.+)\.(?P<lang>zh|en)(?:[-_][A-Za-z]{2,4})?"
                       r"\.(?:txt|docx|html?|xhtml|md|markdown)", re.IGNORECASE)
DOCUMENT_NAMES = "NAME.zh.EXT / NAME.en.EXT (EXT: txt, docx, html, md)"


def find_documents(directory: str | Path) -> tuple[list[tuple[str, Path, Path]], list[Path]]:
    """``([(name, zh_path, en_path)], [monolingual en paths])`` in ``directory``, sorted: the
    files named as :data:`DOCUMENT_NAMES` says, hidden files and Word's lock files (~$…) left
    out. Two files of one name and language (plan.zh.txt
    and plan.zh.docx) are an error: which one is the document is not for the tool to guess."""
    d = Path(directory)
    if not d.is_dir():
        raise InputError("not a directory" if d.exists() else "no such directory", path=str(d))
    found: dict[str, dict[str, Path]] = {"zh": {}, "en": {}}
    for p in sorted(d.iterdir()):
        m = _DOCUMENT.fullmatch(p.name)
        # a hidden file (macOS's ._plan.en.docx beside plan.en.docx) and Word's lock file of an
        # open document (~$plan.en.docx) are no documents, and reading one stopped the run
        if m is None or p.name.startswith((".", "~$")) or not p.is_file():
            continue
        side, name = found[m["lang"].lower()], m["name"]
        if name in side:
            raise InputError(f"two {m['lang'].lower()} documents named {name}: {side[name].name} and {p.name} "
                             f"(move one out of the directory)", path=str(d))
        side[name] = p
    zh, en = found["zh"], found["en"]
    pairs = [(name, zh[name], en[name]) for name in sorted(zh) if name in en]
    alone = [en[name] for name in sorted(en) if name not in zh]
    return pairs, alone


def read_document(path: Path, side: str | None = None, *, unwrap: bool = True) -> str:
    """A document read as `tm align` reads it (:func:`tm.read_text`: plain text, .docx,
    .xlsx (the ``side`` column), HTML, Markdown; NUL bytes and lines over 1,000,000
    characters refused with the line; ``unwrap=False``: hard-wrapped plain text kept line
    for line)."""
    from tm import read_text
    return read_text(path, side=side, unwrap=unwrap)


def read_english(path: Path) -> str:
    """An English document to check against the term base (:func:`read_document`); one
    that is Chinese (30% of its letters ideographs or more, as `tm align` tells the two
    sides apart) is an error: checked as English it gave no finding and no word of why.
    Hard-wrapped plain text is not unwrapped: a finding names the file's own line."""
    from tm import cjk_ratio
    text = read_document(path, "en", unwrap=False)
    if cjk_ratio(text) >= 0.3:
        raise InputError("expected English, found Chinese (the English documents are checked "
                         "against the term base; a pair goes into the memory with tm align)", path=str(path))
    return text


def prepare_pair(db: sqlite_utils.Database, name: str, zh_path: Path, en_path: Path):
    """Read, segment and align one document pair for pair ``name`` (around the units a
    person edited or reviewed, :func:`tm.prepare_pair`); nothing is stored yet."""
    from tm import prepare_pair as prepare

    zh_text, en_text = read_document(zh_path, "zh"), read_document(en_path, "en")
    return prepare(db, zh_text, en_text, name=name, zh_path=zh_path, en_path=en_path)


def store_pair(db: sqlite_utils.Database, prepared, *, who: str | None = None,
               srclang: str | None = None) -> PairResult:
    """Store a :func:`prepare_pair` result as the units of its pair (:func:`tm.store_pair`;
    a re-alignment recorded as ``who``'s; ``srclang``: the original's language, when not
    Chinese)."""
    from tm import store_pair as store

    done = store(db, prepared, who=who, srclang=srclang)
    alignment, stats = done.alignment, done.stats
    return PairResult(name=done.name, zh_segments=len(alignment.zh), en_segments=len(alignment.en),
                      units=stats.units, low_confidence=stats.low_confidence, mismatch=alignment.mismatch(),
                      unaligned_zh=stats.unaligned_zh, unaligned_en=stats.unaligned_en)



def _tmx(db: sqlite_utils.Database) -> bytes:
    from tm import export_units

    buf = io.StringIO()
    export_units(db, buf, fmt="tmx")
    return buf.getvalue().encode("utf-8")


def refresh_candidates(db: sqlite_utils.Database, *, pair: str | None = None,
                       min_score: float | None = None, progress=None) -> tuple[list[Candidate], int]:
    """Extract candidate terms from the memory's units (of ``pair``, else all), the approved
    terms of the term base kept whole, and store them with the renderings used, replacing
    the previous run's. Returns the candidates and the number of units read.
    ``progress(done, total)``: see :func:`glossary.extract.extractor.extract`."""
    from tm import iter_units, memory_state

    from glossary.extract.extractor import extract

    memory = memory_state(db)       # before the units are read: a change meanwhile shows later
    units = list(iter_units(db, pair=pair))
    if pair is not None and not units:
        raise InputError(f"no document pair named {pair!r} with aligned units")
    held = terms(db)
    # the approved terms kept whole; every entry's writing (a rejected one too) kept for the
    # terms found in Traditional text (extract writes them back as the term base does)
    options = {"user_terms": tuple(zh for zh, status in held if status == "approved"),
               "known_terms": tuple(zh for zh, status in held if status != "approved")}
    if min_score is not None:
        options["min_score"] = min_score
    candidates = extract(units, progress=progress, **options)
    store_candidates(db, candidates)
    record_extraction(db, {"memory": memory, "terms": terms_state(db), "pair": pair, "min_score": min_score})
    return candidates, len(units)


def stale_extraction(db: sqlite_utils.Database) -> dict | None:
    """The options of the last extraction when the memory's units or the term base's terms
    changed since it read them (its renderings no longer theirs: a term imported or approved
    since, a unit edited), else None (none noted, or still current)."""
    from tm import ToolError, memory_state, require_pair

    state = extraction_state(db)
    if state is None or (state.get("memory") == memory_state(db) and state.get("terms") == terms_state(db)):
        return None
    pair = state.get("pair")
    try:
        require_pair(db, pair)
    except ToolError:
        pair = None         # the pair it read is gone: the whole memory
    return {"pair": pair, "min_score": state.get("min_score")}


_EXPORT_FORMATS = (("tbx", ".tbx"), ("tbx3", ".tbx3.tbx"), ("omegat", ".omegat.txt"), ("csv", ".csv"))


def export_names(stem: str = "glossary") -> list[str]:
    """The names of the files :func:`run_pipeline` exports (``memory.tmx`` only when the
    memory has units), so a caller can check where they go before any work."""
    return ["memory.tmx"] + [stem + suffix for _, suffix in _EXPORT_FORMATS]


def run_pipeline(db: sqlite_utils.Database, directory: str | Path, *,
                 glossary: str | Path | None = None, exports: bool = True,
                 stem: str = "glossary", who: str | None = None, source: str = "zh") -> PipelineResult:
    """Align every pair in ``directory``, extract, import ``glossary``, check, export.
    ``who``: the person the history records for the alignments and the import; ``source``:
    the originals' language (``en``: English originals translated into Chinese).

    Export names: ``memory.tmx``, ``<stem>.tbx`` (TBX 2008), ``<stem>.tbx3.tbx``,
    ``<stem>.omegat.txt`` and ``<stem>.csv`` (approved entries; candidates too when
    nothing is approved).
    """
    db = open_termbase(db)
    result = PipelineResult()
    pairs, alone = find_documents(directory)
    if not pairs and not alone:
        raise InputError(f"no {DOCUMENT_NAMES} documents found", path=str(directory))
    # every input read, and every pair aligned, before anything is written: a bad document
    # anywhere in the directory leaves the memory and the term base as they were
    curated = load_glossary_file(glossary) if glossary else []
    en_files = [(p.name, read_english(p)) for p in alone]
    prepared = [prepare_pair(db, name, zh_path, en_path) for name, zh_path, en_path in pairs]
    with transaction(db):
        for one in prepared:
            result.pairs.append(store_pair(db, one, who=who, srclang=None if source == "zh" else "en"))
        if curated:
            result.imported = merge_entries(db, curated, who=who)
    candidates, _ = refresh_candidates(db)
    result.candidates = len(candidates)
    result.monolingual = [p.name for p in alone]
    result.findings = check(db, en_files=en_files)
    if exports:
        chosen = list(entries(db, status="approved")) or \
            [e for e in entries(db) if e.status != "rejected"]
        tmx = _tmx(db)
        if tmx is not None:
            result.exports["memory.tmx"] = tmx
        for fmt, suffix in _EXPORT_FORMATS:
            result.exports[stem + suffix] = export_entries(chosen, fmt)
    return result
