"""Dataclasses passed between the core modules and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

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
    position: int | float | None = None     # order within the document pair (0-based; a split's part: 7.5)
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
    srclang: str | None = None      # the source language of the unit as the file gave it (BCP 47),
                                    # e.g. "en-US" for a unit translated from English; None: unknown
    zh_lang: str | None = None      # the Chinese side's tag as it came (zh-TW, zh-Hant…); None: zh-CN
    en_lang: str | None = None      # the English side's tag as it came (en-US…); None: en
    meta: dict = field(default_factory=dict)   # exchange metadata kept for the round trip
                                    # (TMX tu/tuv attributes, tuv props and notes, XLIFF context)
    codes: dict = field(default_factory=dict)  # original markup of the inline codes whose placeholders
                                    # (tm.text.codes) are in zh/en: {"fmt": "tmx", "zh": {"1": "<bpt…>"}, "en": …}


#: The fields of :class:`TranslationUnit` in order: a unit's *record* is the tuple of its
#: values in this order (``TranslationUnit(*record)`` makes the unit again). Readers on the
#: import's fast path (TMX) yield records, which :func:`tm.memory.store.prepare_records`
#: takes as they are: no object made per unit only to be taken apart again.
UNIT_FIELDS = tuple(f.name for f in fields(TranslationUnit))

#: The record of a unit (see :data:`UNIT_FIELDS`).
unit_record = attrgetter(*UNIT_FIELDS)


@dataclass(frozen=True)
class Match:
    """A fuzzy match from the memory: the unit and its score in percent (0-100)."""

    unit: TranslationUnit
    score: float


@dataclass
class Skipped:
    """Units a reader left out of an import, by reason, with their line numbers.

    A reader given a ``Skipped`` records a unit it cannot store (an empty side, no
    Chinese or English variant, the source copied as the target) and goes on;
    without one, or with one made ``strict``, it raises :class:`~tm.errors.InputError`
    at the first such unit (``--strict``).

    ``told``: what a reader inferred or chose where the file did not say it outright (a
    variant without a language read as English because the unit's other variant is Chinese;
    the one English variant stored of a TMX unit's two), by reason: ``[count, first
    lines…]``, for a note to the person (:meth:`notes`)."""

    reasons: dict[str, list[int]] = field(default_factory=dict)
    told: dict[str, list[int]] = field(default_factory=dict)
    strict: bool = False
    remarks: list[str] = field(default_factory=list)   # about the file, not a unit (a sheet left out)

    SHOWN = 8                   # lines shown (and kept, for told) per reason

    def add(self, reason: str, line: int | None) -> None:
        self.reasons.setdefault(reason, []).append(line or 0)

    def tell(self, reason: str, line: int | None) -> None:
        """An inference of the reader's, at ``line``."""
        got = self.told.get(reason)
        if got is None:
            got = self.told[reason] = [0]
        got[0] += 1
        if len(got) <= self.SHOWN:
            got.append(line or 0)

    def remark(self, text: str) -> None:
        """Something the reader left out or chose about the file as a whole (a workbook's
        sheet without a table), for a note to the person (:meth:`notes`)."""
        if text not in self.remarks:
            self.remarks.append(text)

    def within(self, label: str) -> "Skipped":
        """A view of this record whose reasons start with ``label`` (``sheet 'Terms'``): the
        units of a part of a file whose line numbers count afresh (a workbook's sheets)."""
        return _Within(self, label)

    def merge(self, other: "Skipped") -> None:
        for text in other.remarks:
            self.remark(text)
        for reason, lines in other.reasons.items():
            self.reasons.setdefault(reason, []).extend(lines)
        for reason, (count, *lines) in other.told.items():
            got = self.told.setdefault(reason, [0])
            got[0] += count
            got.extend(lines[:self.SHOWN + 1 - len(got)])

    def notes(self) -> list[str]:
        """One line per remark, then per inference: ``REASON (3 units: lines 4, 8, 12)``."""
        out = list(self.remarks)
        for reason, (count, *where) in self.told.items():
            shown = ", ".join(str(n) for n in where if n)
            more = ", …" if count > len(where) else ""
            label = "line" if count == 1 else "lines"
            out.append(f"{reason} ({count} unit{'s' * (count > 1)}"
                       + (f": {label} {shown}{more})" if shown else ")"))
        return out

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.reasons.values())

    def summary(self, *, lines: int = 8) -> list[str]:
        """One line per reason, most frequent first:
        ``216 skipped: untranslated (lines 329, 331, …)``."""
        out = []
        for reason, where in sorted(self.reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = ", ".join(str(n) for n in where[:lines] if n)
            more = ", …" if len(where) > lines else ""
            label = "line" if len(where) == 1 else "lines"
            out.append(f"{len(where)} skipped: {reason}" + (f" ({label} {shown}{more})" if shown else ""))
        return out


class _Within:
    """:meth:`Skipped.within`: reasons and inferences recorded with a label first."""

    def __init__(self, outer: Skipped, label: str):
        self.outer, self.label = outer, label

    @property
    def strict(self) -> bool:
        return self.outer.strict

    def add(self, reason: str, line: int | None) -> None:
        self.outer.add(f"{self.label}: {reason}", line)

    def tell(self, reason: str, line: int | None) -> None:
        self.outer.tell(f"{self.label}: {reason}", line)

    def remark(self, text: str) -> None:
        self.outer.remark(f"{self.label}: {text}")
