"""The consistency report: inconsistent renderings and colliding terms.

Three kinds of :class:`ConsistencyFinding`, ranked serious first:

``renderings``
    one Chinese term rendered several ways in the memory. Trivial differences
    (case, articles, singular/plural, punctuation: :func:`fold_rendering`) are folded
    into one rendering first. ``error`` when a forbidden rendering was used (even if it
    is the only one); ``warning`` when rendered several ways and the term is approved,
    or rendered three or more ways, or occurs three or more times; ``info`` otherwise
    (including an approved term rendered one way other than approved).
``collision``
    several Chinese terms sharing one English rendering, or renderings that differ only
    in spacing, case, hyphenation or number (same :func:`collision_key`). ``error`` when
    two approved entries share the very same rendering (a term-base defect), ``warning``
    otherwise. Terms nested in one another (大模型 / 行业大模型) are left out of collisions.
``document``
    a monolingual English file names a term-base entry differently from its
    reference renderings (approved, else the memory's): a mention that shares the
    rendering's head word and at least one more content word (compared by stem)
    without being one of the entry's renderings or containing one (each name is
    attributed to the entry it is nearest to) (``warning`` against approved renderings
    or when the similarity is 75 or more, else ``info``); or a mention of a forbidden
    rendering (``error``).

Evidence: ``units`` are translation-unit ids for the first two kinds; document
findings name ``file:line`` in the message and leave ``units`` empty.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz

from .models import ConsistencyFinding, Entry, Rendering
from .termbase import all_usage, collision_key, entries, fold_rendering

SEVERITY_WEIGHT = {"error": 3, "warning": 2, "info": 1}
_STOP = {"of", "and", "for", "the", "a", "an", "in", "on", "to", "with", "by", "at", "&"}


def _q(values: Iterable[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


@dataclass
class _Group:
    """Renderings of one term that fold to the same form."""

    folded: str
    forms: dict[str, int]
    units: set[int]

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    @property
    def label(self) -> str:
        return max(self.forms.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _groups(used: list[Rendering]) -> list[_Group]:
    by_fold: dict[str, _Group] = {}
    for r in used:
        key = fold_rendering(r.en)
        if not key:
            continue
        g = by_fold.setdefault(key, _Group(key, {}, set()))
        g.forms[r.en] = g.forms.get(r.en, 0) + r.count
        g.units.update(r.units)
    return sorted(by_fold.values(), key=lambda g: (-g.count, g.folded))


def _renderings(entry: Entry, used: list[Rendering]) -> ConsistencyFinding | None:
    groups = _groups(used)
    if not groups:
        return None
    approved = {fold_rendering(a) for a in entry.approved}
    forbidden = {fold_rendering(f) for f in entry.forbidden}
    bad = [g for g in groups if g.folded in forbidden]
    off = [g for g in groups if approved and g.folded not in approved]
    if len(groups) < 2 and not bad and not (entry.status == "approved" and off):
        return None
    total = sum(g.count for g in groups)
    shown = ", ".join(f'"{g.label}" ×{g.count}' for g in groups)
    message = f"{entry.zh} rendered {len(groups)} way{'s' * (len(groups) > 1)}: {shown}"
    if bad:
        severity = "error"
        message += f"; forbidden: {_q(g.label for g in bad)}"
    elif len(groups) >= 2 and (len(groups) >= 3 or total >= 3 or entry.status == "approved"):
        severity = "warning"
    else:
        severity = "info"
    if entry.approved:
        message += f"; approved: {_q(entry.approved)}"
    units = sorted(set().union(*(g.units for g in groups)))
    rank = SEVERITY_WEIGHT[severity] * 1000 + len(groups) * 10 + min(total, 9)
    return ConsistencyFinding(kind="renderings", zh=[entry.zh], en=[g.label for g in groups],
                              units=units, severity=severity, message=message, rank=rank)


def _collisions(terms: list[Entry], usage: dict[str, list[Rendering]]) -> list[ConsistencyFinding]:
    # collision key -> zh -> {form: count}, units, approved flag
    shared: dict[str, dict[str, dict]] = defaultdict(dict)
    for entry in terms:
        for r in usage.get(entry.zh, []):
            slot = shared[collision_key(r.en)].setdefault(
                entry.zh, {"forms": defaultdict(int), "units": set(), "approved": False})
            slot["forms"][r.en] += r.count
            slot["units"].update(r.units)
        for a in entry.approved:
            slot = shared[collision_key(a)].setdefault(
                entry.zh, {"forms": defaultdict(int), "units": set(), "approved": False})
            slot["forms"].setdefault(a, 0)
            slot["approved"] = True
    out = []
    for key, by_zh in shared.items():
        # nested terms (大模型 / 行业大模型) sharing a rendering are one term's span read
        # twice, not two terms colliding
        by_zh = {z: v for z, v in by_zh.items()
                 if not any(z != o and (z in o or o in z) for o in by_zh)}
        if not key or len(by_zh) < 2:
            continue
        zh = sorted(by_zh)
        forms = sorted({f for s in by_zh.values() for f in s["forms"]})
        units = sorted(set().union(*(s["units"] for s in by_zh.values())))
        approved_by = sum(s["approved"] for s in by_zh.values())
        severity = "error" if approved_by >= 2 and len({fold_rendering(f) for f in forms}) == 1 \
            else "warning"
        detail = "; ".join(
            f"{z}: {_q(sorted(by_zh[z]['forms']))}" + (" (approved)" if by_zh[z]["approved"] else "")
            for z in zh)
        spelled = " (differing only in spacing, case, hyphenation or number)" \
            if len({fold_rendering(f) for f in forms}) > 1 else ""
        message = f"{len(zh)} terms share one rendering{spelled}: {detail}"
        total = sum(sum(s["forms"].values()) for s in by_zh.values())
        rank = SEVERITY_WEIGHT[severity] * 1000 + len(zh) * 10 + min(total, 9)
        out.append(ConsistencyFinding(kind="collision", zh=zh, en=forms, units=units,
                                      severity=severity, message=message, rank=rank))
    return out


# --------------------------------------------------------------------------- documents

_CAP_WORD = r"(?:[A-Z][\w'’-]*|[A-Z]{2,}s?|\d+[A-Za-z]*)"
_MENTION = re.compile(rf"{_CAP_WORD}(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)*{_CAP_WORD})+")


def _stem(word: str) -> str:
    return word.casefold()[:6]


def _content(phrase: str) -> list[str]:
    return [_stem(w) for w in fold_rendering(phrase).split() if w not in _STOP]


def mentions(text: str) -> list[tuple[str, int]]:
    """Capitalised multi-word names in ``text`` with their 1-based line numbers.

    Leading function words (``The``) and numbers (``2024 World …``) are dropped, and
    ``A and the B`` is split into two names."""
    out = []
    for line_no, line in enumerate(text.splitlines(), 1):
        for m in _MENTION.finditer(line):
            for part in re.split(r"\s+and\s+the\s+", m.group(0)):
                words = part.split()
                while words and (words[0].casefold() in _STOP | {"this", "our", "its"}
                                 or words[0][0].isdigit()):
                    words = words[1:]
                if len(words) >= 2:
                    out.append((" ".join(words), line_no))
    return out


def _near(mention: str, rendering: str) -> float:
    """How likely ``mention`` names the same thing as ``rendering`` (0 = not at all)."""
    m, r = _content(mention), _content(rendering)
    if len(r) < 2 or len(m) < 2:
        return 0.0
    if f" {fold_rendering(rendering)} " in f" {fold_rendering(mention)} ":
        return 0.0      # the rendering itself, inside a longer name: not a variant
    if m[-1] != r[-1]:
        return 0.0
    shared = set(m[:-1]) & set(r[:-1])
    if not shared:
        return 0.0
    return fuzz.token_set_ratio(" ".join(m), " ".join(r))


def _forbidden_lines(forbidden: str, text: str) -> list[int]:
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, forbidden.split())) + r"(?!\w)",
                         re.IGNORECASE)
    return [n for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]


def _document(terms: list[Entry], usage: dict[str, list[Rendering]], name: str, text: str,
              *, min_score: float) -> list[ConsistencyFinding]:
    found = mentions(text)
    all_renderings = {fold_rendering(x) for e in terms for x in e.approved}
    out = []
    # mention -> [(score, entry, reference)]: a name is attributed to the nearest entry only
    near: dict[str, list[tuple[float, Entry, list[str]]]] = defaultdict(list)
    lines_of: dict[str, list[int]] = defaultdict(list)
    for mention, line in found:
        lines_of[mention].append(line)
    for entry in terms:
        reference = list(entry.approved) or [g.label for g in _groups(usage.get(entry.zh, []))][:1]
        if not reference:
            continue
        own = {fold_rendering(x) for x in reference + entry.forbidden
               + [r.en for r in usage.get(entry.zh, [])]}
        for mention in lines_of:
            key = fold_rendering(mention)
            if key in own or key in all_renderings:
                continue
            score = max(_near(mention, ref) for ref in reference)
            if score >= min_score:
                near[mention].append((score, entry, reference))
        for f in entry.forbidden:
            if len(_content(f)) < 2:
                continue     # single words ("innovation") are too common to flag in prose
            lines = _forbidden_lines(f, text)
            if lines:
                out.append(ConsistencyFinding(
                    kind="document", zh=[entry.zh], en=[f] + reference, units=[], severity="error",
                    message=f'{name}:{lines[0]}: {entry.zh} rendered with forbidden "{f}" '
                            f"({len(lines)}×); approved: {_q(reference)}",
                    rank=3000 + len(lines)))
    for mention, matches in sorted(near.items(), key=lambda kv: (lines_of[kv[0]][0], kv[0])):
        top = max(score for score, _, _ in matches)
        lines = lines_of[mention]
        for score, entry, reference in matches:
            if score < top:
                continue
            severity = "warning" if entry.approved or score >= 75 else "info"
            out.append(ConsistencyFinding(
                kind="document", zh=[entry.zh], en=[mention] + reference, units=[],
                severity=severity,
                message=f'{name}:{lines[0]}: {entry.zh} named "{mention}" ({len(lines)}×); '
                        f"{'approved' if entry.approved else 'memory'}: {_q(reference)}",
                rank=SEVERITY_WEIGHT[severity] * 1000 + score / 10 + len(lines)))
    return out


# --------------------------------------------------------------------------- report

def check(db: sqlite_utils.Database, *, en_files: Sequence[tuple[str, str]] = (),
          min_score: float = 60.0, memory: bool = True) -> list[ConsistencyFinding]:
    """The consistency report over the memory's stored renderings and the term base.

    ``en_files`` are ``(name, text)`` pairs of monolingual English documents to check
    against the term base. ``memory=False`` skips the memory findings. Returns
    findings sorted serious first (then by Chinese term).
    """
    terms = [e for e in entries(db) if e.status != "rejected"]
    usage = all_usage(db)
    findings: list[ConsistencyFinding] = []
    if memory:
        for entry in terms:
            f = _renderings(entry, usage.get(entry.zh, []))
            if f:
                findings.append(f)
        findings += _collisions(terms, usage)
    for name, text in en_files:
        findings += _document(terms, usage, name, text, min_score=min_score)
    findings.sort(key=lambda f: (-f.rank, f.kind, f.zh, f.en))
    return findings


def finding_to_json(f: ConsistencyFinding) -> dict:
    """The jsonl contract of ``glossary check --format jsonl``."""
    return {"kind": f.kind, "zh": f.zh, "en": f.en, "units": f.units, "severity": f.severity,
            "message": f.message}
