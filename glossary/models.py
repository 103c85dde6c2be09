"""Dataclasses of the glossary package."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

KINDS = ("organisation", "place", "programme", "technology", "policy term", "event", "other")
STATUSES = ("candidate", "approved", "rejected")


@dataclass
class Rendering:
    """One English rendering of a Chinese term as the translation used it."""

    en: str
    count: int = 0
    units: list[int] = field(default_factory=list)   # translation-unit ids


def ranked(renderings: Iterable[Rendering]) -> list[Rendering]:
    """Renderings most used first; of those used as often, the one of fewest words first, then
    the first seen: one used as often but longer holds the pairing's overshoot or the
    translator's paraphrase ("rated supply voltage" of 供电电源额定电压 beside "rated voltage",
    "parts that are uploaded" beside "multipart upload")."""
    return sorted(renderings, key=lambda r: (-r.count, len(r.en.split())))


@dataclass
class Candidate:
    """A term found by extraction, with every rendering the memory used."""

    zh: str
    pinyin: str
    renderings: list[Rendering]
    count: int                  # occurrences in the Chinese side
    score: float                # termhood, higher is more term-like
    kind: str | None = None
    parts: list[str] = field(default_factory=list)   # for coordinated forms: 两重两新 -> [两重, 两新]
    units: list[int] = field(default_factory=list)

    @property
    def en(self) -> str | None:
        """The most used rendering (ties: see :func:`ranked`)."""
        if not self.renderings:
            return None
        return ranked(self.renderings)[0].en


@dataclass
class Entry:
    """A term-base entry."""

    zh: str
    pinyin: str = ""
    approved: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    kind: str | None = None
    note: str | None = None
    definition: str | None = None
    source: str | None = None
    status: str = "candidate"
    parts: list[str] = field(default_factory=list)
    id: int | None = None
    created: str | None = None
    changed: str | None = None
    zh_lang: str | None = None      # the Chinese term's tag as it came (BCP 47), None: zh-CN
    #: what a file said of the entry that has no field of its own, kept so that an export
    #: writes it back (TBX): ``id`` (the entry's id in the file), ``en_notes`` (``{English
    #: term: [notes]}``, the notes on a rendering), ``transac`` (the file's who/when records,
    #: ``[{"on": "entry"|"zh"|"en:<term>", "type": "origination", "date": …, "who": …}]``)
    meta: dict = field(default_factory=dict)
    #: where a file's reader found the entry, ``(file, line)``, so that what the term base
    #: makes of it can name the line; set on the instance by the readers, not a field (not
    #: stored, compared, exported, nor kept by ``dataclasses.replace``)
    origin: ClassVar[tuple[str, int | None] | None] = None


@dataclass
class ConsistencyFinding:
    """A `glossary check` finding over the memory (or monolingual English files)."""

    kind: str                   # "renderings" | "collision" | "document"
    zh: list[str]
    en: list[str]
    units: list[int]
    severity: str               # "error" | "warning" | "info"
    message: str
    rank: float = 0.0


@dataclass
class Finding:
    """A QA finding on one segment of a new translation (`glossary qa`)."""

    id: str                     # segment id
    check: str                  # terminology, forbidden-term, number, acronym, untranslated,
                                # empty, punctuation, brackets, inconsistency
    severity: str               # "error" | "warning" | "info"
    message: str
    zh: str = ""
    en: str = ""
    span: list[int] | None = None   # [start, end) in en (or zh where the problem is there)
