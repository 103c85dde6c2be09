"""Applying a reviewed XLIFF file (1.2 or 2.x) to the memory.

The file is one we exported (``tm export --format xliff``) and a reviewer
worked on in a CAT tool. For each unit, matched to the memory by its id (the
unit key):

- unknown id: reported (``unknown``), nothing changes;
- source text differs from the memory's Chinese side: reported
  (``source_changed``), nothing changes;
- signed off (1.2 ``state="final"``/``"signed-off"`` or ``approved="yes"``;
  2.x ``state="reviewed"``/``"final"``) or target edited: the target becomes
  the unit's English side and the unit is marked ``reviewed``, unless the
  reviewer explicitly set a state that asks for more work (1.2 ``needs-*`` or
  ``new``, 2.x ``initial``), which is kept as ``needs-review``; who and when
  come from the file where it says so (see :mod:`tm.xliff`), else
  ``reviewer`` and the clock;
- otherwise (untouched): nothing changes.

Everything is applied in one transaction: a malformed file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import sqlite_utils

from . import store
from .formats import now_iso
from .xliff import read_reviewed


@dataclass
class ReviewReport:
    """What :func:`apply_review` did; lists hold unit keys in file order."""

    read: int = 0
    reviewed: list[str] = field(default_factory=list)       # now status reviewed
    corrected: list[str] = field(default_factory=list)      # English side changed
    still_needs_review: list[str] = field(default_factory=list)
    unchanged: int = 0
    source_changed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return len(self.reviewed) + len(self.still_needs_review)


def apply_review(db: sqlite_utils.Database, source: str | Path | BinaryIO, *,
                 name: str | None = None, reviewer: str | None = None,
                 clock: Callable | None = None) -> ReviewReport:
    """Apply the reviewed XLIFF ``source`` to the memory ``db`` (see module doc)."""
    report = ReviewReport()
    stamp = now_iso(clock)
    items = list(read_reviewed(source, name=name))   # parse fully before writing anything
    with store.transaction(db):
        for item in items:
            report.read += 1
            key = item.unit.key
            stored = store.get_unit(db, key) if key else None
            if stored is None:
                report.unknown.append(key or f"(line {item.line})")
                continue
            if stored.zh != item.unit.zh:
                report.source_changed.append(key)
                continue
            edited = item.has_target and item.unit.en != "" and item.unit.en != stored.en
            if not (item.approved or edited):
                report.unchanged += 1
                continue
            status = "needs-review" if item.needs_review else "reviewed"
            if not edited and stored.status == status:
                report.unchanged += 1
                continue
            store.update_unit(db, key, en=item.unit.en if edited else None, status=status,
                              changed_by=item.who or reviewer, changed=item.when or stamp)
            (report.reviewed if status == "reviewed" else report.still_needs_review).append(key)
            if edited:
                report.corrected.append(key)
    return report
