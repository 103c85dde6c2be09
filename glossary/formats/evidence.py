"""The evidence of a finding: the units it is about, with the spans to highlight.

Shared by the HTML reports (:mod:`glossary.formats.html`) and the workbench's
findings view (:mod:`glossary.workbench`), so both show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlite_utils

from tm import units_by_id

from glossary.models import ConsistencyFinding, Finding


@dataclass
class Evidence:
    """One unit shown as evidence: its reference (``PAIR:NNNN``) and both sides, with
    ``[start, end)`` spans to highlight on each side."""

    key: str
    zh: str
    en: str
    zh_spans: list[tuple[int, int]] = field(default_factory=list)
    en_spans: list[tuple[int, int]] = field(default_factory=list)


def find_spans(text: str, needles, *, fold_case: bool) -> list[tuple[int, int]]:
    """Non-overlapping spans of the needles in ``text``, longest needle first; English
    needles match whole words only (``model`` not inside ``models``' neighbour ``remodel``)."""
    spans: list[tuple[int, int]] = []
    for needle in sorted({n for n in needles if n and n.strip()}, key=len, reverse=True):
        if fold_case:
            pattern = re.compile(r"(?<![^\W_])" + r"\s+".join(map(re.escape, needle.split())) + r"(?![^\W_])",
                                 re.IGNORECASE)
        else:
            pattern = re.compile(re.escape(needle))
        for m in pattern.finditer(text):
            a, b = m.span()
            if not any(a < y and x < b for x, y in spans):
                spans.append((a, b))
    return sorted(spans)


def consistency_evidence(db: sqlite_utils.Database, finding: ConsistencyFinding, *,
                         limit: int | None = None) -> list[Evidence]:
    """The units of a consistency finding, the terms and renderings it names highlighted."""
    ids = list(finding.units)[:limit] if limit is not None else list(finding.units)
    units = units_by_id(db, ids)
    out = []
    for uid in ids:
        u = units.get(uid)
        if u is None:
            continue
        out.append(Evidence(key=u.key or str(uid), zh=u.zh, en=u.en,
                            zh_spans=find_spans(u.zh, finding.zh, fold_case=False),
                            en_spans=find_spans(u.en, finding.en, fold_case=True)))
    return out


def qa_evidence(finding: Finding) -> Evidence:
    """A QA finding's segment, its span highlighted on the side it points into."""
    span = [tuple(finding.span)] if finding.span else []
    zh_side = getattr(finding, "side", "en") == "zh"
    return Evidence(key=finding.id, zh=finding.zh, en=finding.en,
                    zh_spans=span if zh_side else [], en_spans=[] if zh_side else span)
