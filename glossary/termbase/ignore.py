"""Findings a reviewer marked as not a problem: stable ids and their suppression.

Every finding of ``glossary check`` (:class:`~glossary.models.ConsistencyFinding`)
and of ``glossary qa`` (:class:`~glossary.models.Finding`) has an id computed
from what it is about, not from when or where it was printed, so the same
problem gets the same id on every run:

* ``ren-…`` one term rendered several ways: the term and its folded renderings
  (a new rendering is a new finding);
* ``col-…`` several terms sharing a rendering: the terms and the shared folded rendering;
* ``doc-…`` a monolingual document naming a term differently: file name, term, name used;
* ``qa-…``  a QA finding: check, segment id, Chinese and English text, message.

:func:`ignore_finding` records a decision (with its reason, which is required);
:func:`ignored_ids` is what the reports filter on; :func:`ignored_findings` lists
the decisions and :func:`unignore_finding` takes one back.  The decisions live in
the ``glossary_ignored`` table of the database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

import sqlite_utils

from glossary.errors import GlossaryError
from glossary.models import ConsistencyFinding, Finding
from glossary.termbase.keys import fold_rendering
from glossary.termbase.store import Clock, transaction, utc_now

ID_PATTERN = re.compile(r"(ren|col|doc|qa)-[0-9a-f]{10}")


@dataclass
class IgnoredFinding:
    """A reviewer's decision that a finding is not a problem."""

    id: str
    reason: str
    summary: str
    created: str


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def finding_id(f: ConsistencyFinding | Finding) -> str:
    """The stable id of a check or QA finding (see the module docstring)."""
    if isinstance(f, Finding):
        base = "qa-" + _digest(f.check, str(f.id), f.zh, f.en, f.message)
        nth = _later_occurrence(f)
        return base if not nth else "qa-" + _digest(base, str(nth))
    zh = sorted(f.zh)
    en = sorted({" ".join(fold_rendering(e).split()) for e in f.en})
    if f.kind == "renderings":
        return "ren-" + _digest(*zh, "", *en)
    if f.kind == "collision":
        return "col-" + _digest(*zh, "", *en)
    return "doc-" + _digest(f.kind, *zh, "", *en, PurePath(f.message.split(":", 1)[0]).name)


def _later_occurrence(f: Finding) -> int:
    """0 for the first finding of its kind in a segment; n when the same message is about
    the n-th later occurrence of the same text (a forbidden rendering written twice in one
    sentence: two findings, two ids; the first keeps the id it always had)."""
    if not f.span:
        return 0
    text = f.zh if getattr(f, "side", "en") == "zh" else f.en
    start, end = f.span
    piece = text[start:end]
    return text.count(piece, 0, start + len(piece) - 1) if piece else 0


def _check_id(finding: str) -> str:
    finding = finding.strip()
    if not ID_PATTERN.fullmatch(finding):
        raise GlossaryError(f"not a finding id: {finding!r} (expected e.g. ren-0123456789, "
                            "as printed by `glossary check` or `glossary qa`)")
    return finding


def ignore_finding(db: sqlite_utils.Database, finding: str, *, reason: str, summary: str = "",
                   clock: Clock = utc_now) -> IgnoredFinding:
    """Mark ``finding`` (an id) as not a problem, with the reviewer's ``reason``.

    Ignoring it again replaces the reason.  Raises GlossaryError for a malformed id
    or an empty reason."""
    finding = _check_id(finding)
    if not reason or not reason.strip():
        raise GlossaryError(f"{finding}: a reason is required (--reason)")
    item = IgnoredFinding(finding, reason.strip(), summary, clock())
    with transaction(db) as conn:
        conn.execute("INSERT INTO glossary_ignored (id, reason, summary, created) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(id) DO UPDATE SET reason = excluded.reason, "
                     "summary = CASE WHEN excluded.summary != '' THEN excluded.summary "
                     "ELSE glossary_ignored.summary END",     # (bare: ambiguous to PostgreSQL)
                     (item.id, item.reason, item.summary, item.created))
    return item


def unignore_finding(db: sqlite_utils.Database, finding: str) -> bool:
    """Take a decision back; False when ``finding`` was not ignored."""
    finding = _check_id(finding)
    with transaction(db) as conn:
        return conn.execute("DELETE FROM glossary_ignored WHERE id = ?", (finding,)).rowcount > 0


def ignored_findings(db: sqlite_utils.Database) -> list[IgnoredFinding]:
    """Every decision, oldest first."""
    if "glossary_ignored" not in db.table_names():
        return []
    return [IgnoredFinding(*row) for row in db.execute(
        "SELECT id, reason, summary, created FROM glossary_ignored ORDER BY created, id").fetchall()]


def ignored_ids(db: sqlite_utils.Database) -> set[str]:
    """The ids the reports leave out."""
    return {i.id for i in ignored_findings(db)}


def drop_ignored(db: sqlite_utils.Database | None, findings: list) -> tuple[list, int]:
    """``findings`` without the ignored ones (check or QA findings), and how many were dropped."""
    if db is None:
        return findings, 0
    ignored = ignored_ids(db)
    if not ignored:                 # each id is a digest of the finding: none to make
        return findings, 0
    kept = [f for f in findings if finding_id(f) not in ignored]
    return kept, len(findings) - len(kept)


__all__ = ["IgnoredFinding", "finding_id", "ignore_finding", "unignore_finding", "ignored_findings",
           "ignored_ids", "drop_ignored", "ID_PATTERN"]
