"""QA of new Chinese→English translations: run the checks, apply severities.

``run_qa(pairs, entries=..., memory=..., config=...)`` is the one entry point:
it finds the term-base terms of every source once (:class:`TermIndex`), runs
the enabled segment checks, then the file-level ``inconsistency`` check, and
returns a :class:`QAResult` with every finding in segment order. It reads no
files and prints nothing; :mod:`glossary.qa.inputs` reads, :mod:`glossary.qa.reports`
formats.

Severity: each check gives its findings a default severity (the table below:
the usual one, with a milder one where a reviewer must judge, e.g. a source
parenthetical the target turned into commas is a warning, an unbalanced bracket
an error). ``--severity CHECK=LEVEL`` sets every finding of that check.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import sqlite_utils

from tm import has_memory, translations_of

from glossary.qa.checks import ENGLISH_TARGET_CHECKS, SEGMENT_CHECKS, Pair, approved_uses, check_inconsistency
from glossary.errors import GlossaryError
from glossary.models import Entry, Finding
from glossary.qa.termmatch import TermIndex

#: Every check, in report order.
CHECKS = ("empty", "untranslated", "terminology", "forbidden-term", "number", "acronym",
          "punctuation", "brackets", "mixed-script", "codes", "negation", "inconsistency")
SEVERITIES = ("error", "warning", "info")
#: Default severity of each check's main finding (milder findings noted).
DEFAULT_SEVERITY = {
    "empty": "error",
    "untranslated": "error",
    "terminology": "error",
    "forbidden-term": "error",
    "number": "error",
    "acronym": "error",
    "punctuation": "error",     # Chinese punctuation; doubled space/punctuation, a space before
                                # a mark: warning; curly quotes: info (warning when mixed with
                                # straight ones); a question or a sentence's end not kept: info
    "brackets": "error",        # unbalanced; a lost source pair: warning
    "mixed-script": "warning",
    "codes": "error",           # a code of the source missing, unbalanced; a code added: warning
    "negation": "warning",      # a reviewer reads the pair: the negation may be reworded
    "inconsistency": "warning",  # a term rendered two approved ways: info
}
#: The checks that read the English alone (an English-only document: ``--en`` without ``--zh``).
ENGLISH_CHECKS = ("untranslated", "punctuation", "brackets", "mixed-script")
#: Checks after which the other segment checks would only repeat the problem.
_STOPPERS = ("empty",)


@dataclass(frozen=True)
class QAConfig:
    """Which checks run and the severity overrides (check -> level)."""

    checks: tuple[str, ...] = CHECKS
    severity: dict[str, str] = field(default_factory=dict)


def make_config(*, only: Iterable[str] | None = None, skip: Iterable[str] = (),
                severity: Iterable[str] = (), english_only: bool = False) -> QAConfig:
    """Build a config from CLI-style values.

    ``only``: check names (commas allowed inside a value) to run, default all;
    ``skip``: names to leave out; ``severity``: ``CHECK=LEVEL`` strings;
    ``english_only``: an English document alone, which only :data:`ENGLISH_CHECKS` read.
    Unknown names raise :class:`GlossaryError`, and so does a choice that leaves no check
    to run (a run that checks nothing would pass anything).
    """
    def names(values: Iterable[str]) -> list[str]:
        out = [n.strip() for v in values for n in v.split(",") if n.strip()]
        for n in out:
            if n not in CHECKS:
                raise GlossaryError(f"unknown check {n!r} (choose from {', '.join(CHECKS)})")
        return out

    chosen = names(only) if only else list(CHECKS)
    skipped = set(names(skip))
    overrides = {}
    for value in severity:
        check, sep, level = value.partition("=")
        check, level = check.strip(), level.strip().lower()
        if not sep or check not in CHECKS or level not in SEVERITIES:
            raise GlossaryError(f"bad severity {value!r}: use CHECK=LEVEL with CHECK one of "
                                f"{', '.join(CHECKS)} and LEVEL one of {', '.join(SEVERITIES)}")
        overrides[check] = level
    checks = tuple(c for c in CHECKS if c in chosen and c not in skipped)
    if not checks:
        raise GlossaryError(f"no check left to run (choose from {', '.join(CHECKS)})")
    if english_only:
        checks = tuple(c for c in checks if c in ENGLISH_CHECKS)
        if not checks:
            raise GlossaryError(f"no check left to run: an English-only document takes "
                                f"{', '.join(ENGLISH_CHECKS)}")
    return QAConfig(checks, overrides)


@dataclass
class QAResult:
    """Everything a report needs: the pairs checked, the findings, the checks run."""

    pairs: list[Pair]
    findings: list[Finding]
    checks: tuple[str, ...]
    terms: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def failed(self) -> bool:
        """True when some finding is an error (the CLI exits 1)."""
        return self.fails("error")

    def fails(self, level: str) -> bool:
        """True when some finding is at ``level`` or more severe."""
        worst = SEVERITIES.index(level)
        return any(SEVERITIES.index(f.severity) <= worst for f in self.findings)


def run_qa(pairs: Sequence[Pair], *, entries: Iterable[Entry] = (),
           memory: Callable[[str], list[str]] | None = None,
           config: QAConfig = QAConfig(), index: TermIndex | None = None,
           min_confidence: float = 0.2, workers: int = 1,
           progress: Callable[[int, int], None] | None = None) -> QAResult:
    """Check ``pairs`` against the term base ``entries`` (or a prebuilt ``index``).

    ``memory(zh)`` returns the translations the memory holds for an exact source
    (see :func:`memory_lookup`); None leaves the memory out of ``inconsistency``.
    Pairs made by the aligner with a confidence below ``min_confidence`` may not
    be translations of each other: their findings are at most warnings and say so.
    ``workers`` > 1 runs the segment checks in that many processes (worth it from a
    few thousand pairs); the result is the same. ``progress(done, total)`` is called as
    pairs are checked.
    """
    collecting = gc.isenabled()
    gc.disable()            # findings are many small objects and no cycles: skip GC passes
    try:
        return _run(pairs, entries, memory, config, index, min_confidence, workers, progress)
    finally:
        if collecting:
            gc.enable()


def _check_segments(pairs: Sequence[Pair], index: TermIndex, checks: Sequence[str], progress=None):
    """Segment checks of ``pairs``: (findings per pair, :func:`approved_uses` per pair, read
    for the file-level ``inconsistency`` check of zh -> en pairs)."""
    enabled = [(name, SEGMENT_CHECKS[name]) for name in checks if name in SEGMENT_CHECKS]
    needs_terms = any(c in checks for c in ("terminology", "forbidden-term", "inconsistency"))
    find = index.find if needs_terms and len(index) else (lambda text: [])
    find_en = index.find_english if needs_terms and len(index) else (lambda text: [])
    file_level = "inconsistency" in checks
    all_uses = []
    per_segment: list[list[Finding]] = []
    for k, pair in enumerate(pairs):
        if progress is not None and k % 500 == 0:
            progress(k, len(pairs))
        backwards = pair.source == "en"     # en -> zh: the terms are looked for in the English
        hits = find_en(pair.en) if backwards else find(pair.zh)
        all_uses.append(approved_uses(pair, hits) if file_level and not backwards and hits else [])
        found: list[Finding] = []
        blank = not (pair.zh if backwards else pair.en).strip()
        for name, check in enabled:
            if (blank and name != "empty") or (backwards and name in ENGLISH_TARGET_CHECKS):
                continue
            new = check(pair, hits)
            found.extend(new)
            if new and (name in _STOPPERS or (name == "untranslated" and pair.en.strip() == pair.zh.strip())):
                break
        # a forbidden rendering already says which rendering to use
        forbidden = {getattr(f, "term", None) for f in found if f.check == "forbidden-term"}
        if forbidden:
            found = [f for f in found if not (f.check == "terminology"
                                              and getattr(f, "term", None) in forbidden)]
        per_segment.append(found)
    return per_segment, all_uses


_WORKER: tuple = ()


def _init_worker(pairs: Sequence[Pair], index: TermIndex, checks: Sequence[str]) -> None:
    global _WORKER
    _WORKER = (pairs, index, checks)       # inherited on fork, not sent per chunk
    gc.disable()


def _worker_chunk(bounds: tuple[int, int]):
    pairs, index, checks = _WORKER
    return _check_segments(pairs[bounds[0]:bounds[1]], index, checks)


def _check_parallel(pairs: Sequence[Pair], index: TermIndex, checks: Sequence[str], workers: int,
                    progress=None):
    """:func:`_check_segments` in ``workers`` processes: this one checks the first share while
    ``workers - 1`` forked ones check the others (a share's findings come back pickled, and
    reading them back is this process's work: 127,091 findings cost a second)."""
    size = -(-len(pairs) // workers)
    shares = [(i, min(i + size, len(pairs))) for i in range(0, len(pairs), size)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else None)
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context, initializer=_init_worker,
                             initargs=(pairs, index, tuple(checks))) as pool:
        others = [pool.submit(_worker_chunk, share) for share in shares[1:]]
        # the others check as fast: their progress is this process's, as many times over
        mine = None if progress is None else (lambda k, _: progress(min(k * len(shares), len(pairs)), len(pairs)))
        per_segment, all_uses = _check_segments(pairs[:shares[0][1]], index, checks, mine)
        for other in others:
            found, uses = other.result()
            per_segment.extend(found)
            all_uses.extend(uses)
    return per_segment, all_uses


def _run(pairs, entries, memory, config, index, min_confidence, workers, progress=None) -> QAResult:
    index = index if index is not None else TermIndex(entries)
    pairs = list(pairs)
    if workers > 1 and len(pairs) > workers:
        per_segment, all_uses = _check_parallel(pairs, index, config.checks, workers, progress)
    else:
        per_segment, all_uses = _check_segments(pairs, index, config.checks, progress)
    if progress is not None:
        progress(len(pairs), len(pairs))
    if "inconsistency" in config.checks:
        where: dict[tuple[str, str, str], int] = {}
        for i, p in enumerate(pairs):
            where.setdefault((p.id, p.zh, p.en), i)
        # zh -> en pairs only: the same Chinese source, its English translations
        forward = [(p, u) for p, u in zip(pairs, all_uses) if p.source != "en"]
        for f in check_inconsistency([p for p, _ in forward], memory=memory, uses=[u for _, u in forward]):
            per_segment[where[(f.id, f.zh, f.en)]].append(f)
    order = {name: i for i, name in enumerate(CHECKS)}
    findings = []
    for found in per_segment:
        if len(found) > 1:
            found.sort(key=lambda f: (order[f.check], (f.span or [0])[0]))
        findings.extend(found)
    for f in findings:
        f.severity = config.severity.get(f.check, f.severity)
    for pair, found in zip(pairs, per_segment):
        if pair.confidence is not None and pair.confidence < min_confidence:
            for f in found:
                if f.severity == "error":
                    f.severity = "warning"
                f.message += f" (alignment confidence {pair.confidence:.2f}: check the pairing)"
    return QAResult(pairs, findings, config.checks, len(index))


def memory_lookup(db: sqlite_utils.Database, sources: Iterable[str]) -> Callable[[str], list[str]] | None:
    """The translations the tm store holds for each exact source, as a look-up function
    (:func:`tm.translations_of`: one pass in SQL). Returns None when the database has no
    translation memory."""
    if not has_memory(db):
        return None
    known = translations_of(db, sources)
    return lambda zh: known.get(zh, [])
