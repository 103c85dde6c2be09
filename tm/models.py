"""Dataclasses passed between the core modules and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

ZH = "zh-CN"
EN = "en"


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading, or list item) of a document.

    ``start``/``end`` are character offsets into the original text, so
    ``text == original[start:end].strip()`` holds up to surrounding whitespace.
    ``paragraph`` counts the line-break-delimited blocks of the document (0-based).
    """

    text: str
    index: int
    start: int = 0
    end: int = 0
    paragraph: int = 0


@dataclass(frozen=True)
class Bead:
    """An alignment bead: 0-3 sentence indices on each side, and a confidence in [0, 1].

    ``zh == ()`` or ``en == ()`` marks material with no counterpart.
    """

    zh: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float = 1.0

    @property
    def shape(self) -> str:
        return f"{len(self.zh)}-{len(self.en)}"

    def vecalign(self) -> str:
        """The bead in vecalign's ``[0]:[0, 1]`` notation."""
        return f"[{', '.join(map(str, self.zh))}]:[{', '.join(map(str, self.en))}]"


@dataclass
class TranslationUnit:
    """A zh/en pair as stored in the memory or read from a file."""

    zh: str
    en: str
    id: int | None = None
    key: str | None = None          # stable id across exports (e.g. "tianjin-plan:0042")
    pair: str | None = None         # document pair name
    position: int | None = None     # 0-based order within the document pair
    shape: str | None = None        # bead shape, e.g. "1-2"
    confidence: float | None = None
    origin: str = "imported"        # "aligned" | "imported"
    status: str = "translated"      # "translated" | "needs-review" | "reviewed"
    created: str | None = None      # ISO 8601 UTC, "2026-11-21T05:48:15Z"
    changed: str | None = None
    changed_by: str | None = None
    note: str | None = None
    props: dict[str, str] = field(default_factory=dict)
    edited: str | None = None       # when a person last changed its text or alignment (tm.memory.edit)
    orphaned: str | None = None     # when a re-alignment found its sentences gone from the documents


@dataclass(frozen=True)
class Match:
    """A fuzzy match from the memory: the unit and its score in percent (0-100)."""

    unit: TranslationUnit
    score: float
