"""The term base's views in the workbench (`tm serve`): terms, findings, term look-up.

``tm`` cannot import ``glossary`` (the layers point down), so the workbench finds
:data:`panel` through the entry point ``tm.serve.panels`` that ``pyproject.toml``
declares (see :mod:`tm.serve.panels`). Nothing here knows the web framework:
each method takes the open database and plain values and returns dataclasses
the workbench's templates show, or a one-line message after a change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from tm import ToolError, iter_units, units_by_id

from glossary.formats.evidence import Evidence, consistency_evidence, qa_evidence
from glossary.models import KINDS, STATUSES, Entry, Rendering
from glossary.termbase.ignore import drop_ignored, finding_id, ignore_finding
from glossary.termbase.keys import en_key
from glossary.termbase.store import (edit_entry, entries, get_entry, open_termbase, rendering_to_approve,
                                     set_status, transaction, usage)

SORTS = (("score", "termhood score"), ("count", "frequency"), ("zh", "term"), ("kind", "kind"),
         ("status", "status"))
_ORDER = {"score": "coalesce(e.score, -1e9) DESC, e.count DESC, e.zh",
          "count": "e.count DESC, coalesce(e.score, -1e9) DESC, e.zh",
          "zh": "e.zh", "kind": "coalesce(e.kind, 'zzz'), coalesce(e.score, -1e9) DESC, e.zh",
          "status": "CASE e.status WHEN 'candidate' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END, "
                    "coalesce(e.score, -1e9) DESC, e.zh"}
EVIDENCE_UNITS = 8     # evidence units shown per finding


@dataclass
class TermHead:
    """What the list and a term's page both show of it (their first fields, in this order)."""
    zh: str
    pinyin: str
    kind: str | None
    status: str
    count: int
    score: float | None


@dataclass
class TermRow(TermHead):
    used: list[Rendering]
    approved: list[str]
    forbidden: list[str]


@dataclass
class TermPage:
    rows: list[TermRow]
    offset: int
    limit: int
    total: int
    statuses: tuple[str, ...] = STATUSES
    kinds: tuple[str, ...] = KINDS
    sorts: tuple[tuple[str, str], ...] = SORTS


@dataclass
class TermDetail(TermHead):
    parts: list[str]
    approved: list[str]
    forbidden: list[str]
    choices: list[Rendering]          # renderings to approve: those used (with counts), then approved ones
    lines: list[Evidence]             # concordance lines
    flags: list[str] = field(default_factory=list)


@dataclass
class FindingView:
    id: str
    kind: str
    severity: str
    message: str
    evidence: list[Evidence]
    more: int = 0


@dataclass
class Report:
    findings: list[FindingView]
    counts: dict[str, int]
    can_ignore: bool = False
    note: str = ""
    ignored: int = 0


@dataclass
class LookupView:
    zh: str
    pinyin: str
    status: str
    how: str
    approved: list[str]
    forbidden: list[str]
    used: list[Rendering]
    flags: list[str]


@dataclass
class QAView:
    findings: list[dict]      # the records of `glossary qa --format jsonl`
    ignored: int = 0          # findings marked "not a problem", left out
    note: str = ""


class GlossaryPanel:
    """The ``glossary`` panel of the workbench."""

    name = "glossary"

    def prepare(self, db: sqlite_utils.Database) -> None:
        open_termbase(db)

    # ------------------------------------------------------------------ terms

    def terms(self, db: sqlite_utils.Database, *, status: str | None = None, kind: str | None = None,
              query: str = "", sort: str = "score", offset: int = 0, limit: int = 50) -> TermPage:
        """A page of entries, filtered by status, kind and a text (Chinese, pinyin or English part)."""
        where, params = [], []
        if status and status != "all":
            where.append("e.status = ?")
            params.append(status)
        if kind:
            where.append("e.kind = ?")
            params.append(kind)
        q = " ".join(query.split())
        if q:
            # ASCII letters in either case, as SQLite's LIKE reads them and PostgreSQL's does not:
            # both backends' lower() fold ASCII alone here (the column's collation is "C")
            folded = "".join(c.lower() if c.isascii() else c for c in q)
            like = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            key = "%" + en_key(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            flat = "".join(q.lower().split())
            where.append("(lower(e.zh) LIKE ? ESCAPE '\\' OR e.pinyin_key LIKE ? ESCAPE '\\' OR e.initials = ? "
                         "OR EXISTS (SELECT 1 FROM glossary_rendering r WHERE r.entry_id = e.id "
                         "AND r.en_key LIKE ? ESCAPE '\\') "
                         "OR EXISTS (SELECT 1 FROM glossary_usage g WHERE g.entry_id = e.id "
                         "AND g.en_key LIKE ? ESCAPE '\\'))")
            params += [like, "%" + flat + "%", flat, key, key]
        clause = " WHERE " + " AND ".join(where) if where else ""
        total = db.execute(f"SELECT count(*) FROM glossary_entry e{clause}", params).fetchone()[0]
        rows = db.execute(f"SELECT e.id, e.zh, e.pinyin, e.kind, e.status, e.count, e.score FROM glossary_entry e"
                          f"{clause} ORDER BY {_ORDER.get(sort, _ORDER['score'])} LIMIT ? OFFSET ?",
                          [*params, limit, max(0, offset)]).fetchall()
        ids = [r[0] for r in rows]
        used: dict[int, list[Rendering]] = {}
        rend: dict[int, tuple[list[str], list[str]]] = {i: ([], []) for i in ids}
        if ids:
            marks = ",".join("?" * len(ids))
            for eid, en, count in db.execute(f"SELECT entry_id, en, count FROM glossary_usage WHERE entry_id IN "
                                             f"({marks}) ORDER BY count DESC, en", ids):
                used.setdefault(eid, []).append(Rendering(en=en, count=count))
            for eid, type_, en in db.execute(f"SELECT entry_id, type, en FROM glossary_rendering WHERE entry_id IN "
                                             f"({marks}) ORDER BY type, position", ids):
                rend[eid][0 if type_ == "approved" else 1].append(en)
        return TermPage(rows=[TermRow(zh=zh, pinyin=py, kind=k, status=st, count=n, score=sc,
                                      used=used.get(eid, []), approved=rend[eid][0], forbidden=rend[eid][1])
                              for eid, zh, py, k, st, n, sc in rows],
                        offset=max(0, offset), limit=limit, total=total)

    def term(self, db: sqlite_utils.Database, zh: str, *, lines: int = 20) -> TermDetail | None:
        """One entry with the renderings to choose from and concordance lines."""
        from glossary.termbase.lookup import concordance, flags_for

        entry = get_entry(db, zh)
        if entry is None:
            return None
        used = usage(db, zh)
        count, score = db.execute("SELECT count, score FROM glossary_entry WHERE id = ?", [entry.id]).fetchone()
        choices = list(used) + [Rendering(en=a) for a in entry.approved
                                if en_key(a) not in {en_key(r.en) for r in used}]
        flags, others = flags_for(db, entry, used)
        flags = [f"collides with {', '.join(others)}" if f == "collides" else f for f in flags]
        conc = concordance(db, entry, used, limit=lines)
        keys = _keys(db, [c.unit for c in conc if c.unit is not None])
        return TermDetail(zh=entry.zh, pinyin=entry.pinyin, kind=entry.kind, status=entry.status, count=count,
                          score=score, parts=entry.parts, approved=entry.approved, forbidden=entry.forbidden,
                          choices=choices, flags=flags,
                          lines=[Evidence(key=keys.get(c.unit, str(c.unit)), zh=c.zh, en=c.en,
                                          zh_spans=list(c.zh_spans), en_spans=list(c.en_spans)) for c in conc])

    def approve(self, db: sqlite_utils.Database, zh: str, renderings: list[str], *, who: str | None = None) -> str:
        """Approve ``zh``; the chosen (or edited) rendering becomes its first approved one.
        Without one, the rendering the memory used most (as ``glossary approve``)."""
        entry = _entry(db, zh)
        chosen = [" ".join(r.split()) for r in renderings if r.strip()]
        if not chosen:
            stored = set_status(db, zh, "approved", who=who)
        else:
            keys = {en_key(c) for c in chosen}
            stored = edit_entry(db, zh, status="approved",
                                en=chosen + [a for a in entry.approved if en_key(a) not in keys],
                                forbidden=[f for f in entry.forbidden if en_key(f) not in keys], who=who,
                                op="approve")
        return f"{zh} approved: {' | '.join(stored.approved)}"

    def reject(self, db: sqlite_utils.Database, zh: str, *, who: str | None = None) -> str:
        _entry(db, zh)
        set_status(db, zh, "rejected", who=who)
        return f"{zh} rejected"

    def forbid(self, db: sqlite_utils.Database, zh: str, rendering: str, *, who: str | None = None) -> str:
        """Add a forbidden rendering (it stops being approved if it was)."""
        entry = _entry(db, zh)
        rendering = " ".join(rendering.split())
        if not rendering:
            raise ToolError("a forbidden rendering needs a text")
        key = en_key(rendering)
        edit_entry(db, zh, en=[a for a in entry.approved if en_key(a) != key],
                   forbidden=entry.forbidden + [rendering], who=who)
        return f"{zh}: \u201c{rendering}\u201d is now forbidden"

    def approve_many(self, db: sqlite_utils.Database, zhs: list[str], *, who: str | None = None) -> str:
        """Approve every candidate of ``zhs`` with its most used rendering, in one
        transaction. A term already decided (approved or rejected: by a person, perhaps
        since the list was loaded) is left as it is, and so is a term without any
        rendering; the message names both."""
        done, skipped, decided = [], [], []
        with transaction(db):
            for zh in dict.fromkeys(zhs):
                entry = _entry(db, zh)
                if entry.status != "candidate":
                    decided.append(f"{zh} ({entry.status})")
                    continue
                if not entry.approved and rendering_to_approve(db, entry) is None:
                    skipped.append(zh)
                    continue
                set_status(db, zh, "approved", who=who)
                done.append(zh)
        message = f"approved {len(done)} term{'s' if len(done) != 1 else ''}"
        if decided:
            message += f"; left {len(decided)} already decided: {', '.join(decided)}"
        if skipped:
            message += f"; not approved (no rendering to approve): {', '.join(skipped)}"
        return message

    # ------------------------------------------------------------------ findings

    def findings(self, db: sqlite_utils.Database, *, source: str = "check", pair: str | None = None) -> Report:
        """The consistency report over the memory (``source="check"``), or a QA run over
        the units of document pair ``pair`` (``"qa"``), each finding with its evidence; the
        findings marked "not a problem" are left out and counted."""
        found, note = self._found(db, source, pair)
        kept, ignored = drop_ignored(db, found)
        views = []
        for f in kept:
            if source == "qa":
                evidence, more = [qa_evidence(f)], 0
            else:
                evidence = consistency_evidence(db, f, limit=EVIDENCE_UNITS)
                more = max(0, len(f.units) - len(evidence))
            views.append(FindingView(id=finding_id(f), kind=f.check if source == "qa" else f.kind,
                                     severity=f.severity, message=f.message, evidence=evidence, more=more))
        return Report(findings=views, counts=Counter(f.severity for f in kept), can_ignore=True, note=note,
                      ignored=ignored)

    def _found(self, db, source: str, pair: str | None) -> tuple[list, str]:
        """Every finding of the report, the ignored ones included, and a note for the page."""
        if source != "qa":
            from glossary.termbase.consistency import check

            return check(db, include_ignored=True), ""
        from glossary.qa.checks import Pair
        from glossary.qa.run import run_qa

        if not pair:
            return [], "No document pair to check."
        units = list(iter_units(db, pair=pair))
        if not units:
            return [], f"No aligned units in {pair}."
        approved = list(entries(db, status="approved"))
        result = run_qa([Pair(u.key, u.zh, u.en, u.confidence) for u in units], entries=approved)
        note = "" if approved else ("The term base has no approved term: the terminology checks had nothing "
                                    "to check.")
        return result.findings, note

    def ignore(self, db: sqlite_utils.Database, finding: str, reason: str, *, source: str = "check",
               pair: str | None = None) -> str:
        """Mark a finding of the current report "not a problem" (``glossary ignore``): it
        stays silent in later reports, here and on the command line."""
        if not reason.strip():
            raise ToolError("say why it is not a problem: a reason is required")
        found, _ = self._found(db, source, pair)
        match = [f for f in found if finding_id(f) == finding]
        if not match:
            raise ToolError(f"no finding {finding} in the current report (fixed meanwhile?)")
        ignore_finding(db, finding, reason=reason.strip(), summary=match[0].message)
        return f"{finding} marked not a problem"

    # ------------------------------------------------------------------ search box

    def lookup(self, db: sqlite_utils.Database, query: str, *, limit: int = 5) -> list[LookupView]:
        from glossary.termbase.lookup import lookup

        out = []
        for hit in lookup(db, query, limit=limit, lines=0):
            e: Entry = hit.entry
            flags = [f"collides with {', '.join(hit.collides)}" if f == "collides" else f for f in hit.flags]
            out.append(LookupView(zh=e.zh, pinyin=e.pinyin, status=e.status, how=hit.how, approved=e.approved,
                                  forbidden=e.forbidden, used=hit.used, flags=flags))
        return out


    # ------------------------------------------------------------------ JSON API

    def qa(self, db: sqlite_utils.Database, segments: list[tuple[str, str, str]], *,
           checks: list[str] | None = None, skip: list[str] | tuple = ()) -> QAView:
        """``glossary qa`` of posted ``(id, zh, en)`` segments against the approved terms
        and the memory of ``db``, as the command checks a file: the same checks, the same
        records, the findings marked "not a problem" left out."""
        from glossary.qa.checks import Pair
        from glossary.qa.reports import finding_record
        from glossary.qa.run import make_config, memory_lookup, run_qa

        config = make_config(only=checks, skip=skip)
        approved = list(entries(db, status="approved"))
        pairs = [Pair(sid, zh, en) for sid, zh, en in segments]
        memory = memory_lookup(db, (p.zh.strip() for p in pairs))
        result = run_qa(pairs, entries=approved, memory=memory, config=config)
        kept, ignored = drop_ignored(db, result.findings)
        note = "" if approved or not {"terminology", "forbidden-term"} & set(config.checks) else \
            "The term base has no approved term: the terminology checks had nothing to check."
        return QAView(findings=[finding_record(f) for f in kept], ignored=ignored, note=note)


def _entry(db, zh: str) -> Entry:
    entry = get_entry(db, zh)
    if entry is None:
        raise ToolError(f"{zh}: no such term in the term base")
    return entry


def _keys(db, ids: list[int]) -> dict[int, str]:
    return {i: u.key for i, u in units_by_id(db, ids).items()}


panel = GlossaryPanel()
