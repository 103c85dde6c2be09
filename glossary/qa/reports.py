"""Reports of a QA run: human (grouped by segment), JSON lines, JUnit XML, CSV.

Each function takes a :class:`~glossary.qa.run.QAResult` and returns text. The
human report highlights problem spans through a ``style(text, severity)``
callable supplied by the caller (the CLI passes one built on ``click.style``);
without one, spans are marked ``[[like this]]`` so a plain log still shows them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring as _quoted     # json.dumps's, ensure_ascii=False

from tm import both, display_code_offset, display_codes, display_width, json_safe, printable, two_cores

from glossary.models import Finding
from glossary.qa.run import CHECKS, SEVERITIES, QAResult
from glossary.formats.tabular import neutralise
from glossary.termbase.ignore import finding_id

Style = Callable[[str, str], str]       # (text, severity) -> styled text

#: The keys of one ``--format jsonl`` line, in order. Other scripts rely on them.
JSONL_KEYS = ("id", "check", "severity", "message", "zh", "en", "span", "finding")
CSV_COLUMNS = ("id", "check", "severity", "message", "zh", "en", "span_start", "span_end", "finding")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def _side(f: Finding) -> str:
    return getattr(f, "side", "en")


# --- human -------------------------------------------------------------------

def _plain_mark(text: str, severity: str) -> str:
    return f"[[{text}]]"


def highlight(text: str, marks: Sequence[tuple[int, int, str]], style: Style) -> str:
    """``text`` with each ``(start, end, severity)`` span styled; overlaps are merged
    and take the most severe level."""
    spans = sorted((max(0, s), min(len(text), e), sev) for s, e, sev in marks if e > s)
    merged: list[list] = []
    for s, e, sev in spans:
        if merged and s < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], e)
            last[2] = min(last[2], sev, key=_RANK.get)
        elif s < len(text):
            merged.append([s, e, sev])
    out, pos = [], 0
    for s, e, sev in merged:
        out.append(printable(text[pos:s]))
        out.append(style(printable(text[s:e]), sev))
        pos = e
    out.append(printable(text[pos:]))
    return "".join(out)


def _table(rows: list[list[str]]) -> str:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0] + " " * (widths[0] - display_width(row[0]))]
        cells += [" " * (w - display_width(c)) + c for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def summary_rows(result: QAResult) -> list[list[str]]:
    """Count of findings per check and severity, for every check that ran."""
    rows = [["check", *SEVERITIES]]
    for check in CHECKS:
        if check in result.checks:
            counts = [sum(1 for f in result.findings if f.check == check and f.severity == s)
                      for s in SEVERITIES]
            rows.append([check, *map(str, counts)])
    rows.append(["total", *(str(result.count(s)) for s in SEVERITIES)])
    return rows


def human_report(result: QAResult, *, style: Style | None = None) -> str:
    """Findings grouped by segment (source, target with spans marked, one line per
    finding), then a summary table and a one-line verdict."""
    style = style or _plain_mark
    out = []
    by_pair: dict[tuple[str, str, str], list[Finding]] = {}
    for f in result.findings:
        by_pair.setdefault((f.id, f.zh, f.en), []).append(f)
    sev_width = max(map(len, SEVERITIES))
    check_width = max(map(len, CHECKS))
    for (seg_id, zh, en), found in by_pair.items():
        marks = {"zh": [], "en": []}
        for f in found:
            if f.span:
                marks[_side(f)].append((f.span[0], f.span[1], f.severity))
        out.append(f"segment {printable(str(seg_id))}")
        if zh or marks["zh"]:
            out.append("  zh  " + highlight(zh, marks["zh"], style))
        out.append("  en  " + highlight(en, marks["en"], style))
        for f in found:
            label = style(f.severity.ljust(sev_width), f.severity) if style is not _plain_mark \
                else f.severity.ljust(sev_width)
            out.append(f"      {label}  {f.check.ljust(check_width)}  {printable(f.message)}")
        out.append("")
    out.append(_table(summary_rows(result)).rstrip("\n"))
    flagged = len(by_pair)
    out.append("")
    out.append(f"{len(result.pairs)} segment(s) checked, {flagged} with findings: "
               f"{result.count('error')} error(s), {result.count('warning')} warning(s), "
               f"{result.count('info')} info.")
    return "\n".join(out) + "\n"


# --- jsonl / csv -------------------------------------------------------------

def finding_record(f: Finding) -> dict:
    """The public record of one finding: exactly :data:`JSONL_KEYS`. Inline codes are
    written as the human report shows them (``{1}…{/1}``), the span counted in that text."""
    text = f.zh if _side(f) == "zh" else f.en
    span = [display_code_offset(text, f.span[0]), display_code_offset(text, f.span[1])] \
        if f.span else None
    return {"id": f.id, "check": f.check, "severity": f.severity,
            "message": display_codes(f.message), "zh": display_codes(f.zh),
            "en": display_codes(f.en), "span": span, "finding": finding_id(f)}


#: Findings from which ``jsonl_report(..., jobs=2)`` writes the second half in a forked child
#: (below it the fork costs more than the half saves: ~12 us a finding).
_PARALLEL_FINDINGS = 20_000


def jsonl_report(result: QAResult, *, jobs: int = 1) -> str:
    """One JSON object per finding and line (UTF-8, not ASCII-escaped): what ``json.dumps``
    writes of :func:`finding_record` (tests/glossary/qa/test_qa_reports_jsonl.py compares
    them). ``jobs`` > 1: a large report's second half is written in a forked child while this
    process writes the first (``glossary qa --jobs``), the same text."""
    findings = result.findings
    if jobs > 1 and len(findings) >= _PARALLEL_FINDINGS and two_cores():
        half = len(findings) // 2
        second, first = both(_jsonl_lines, (findings[half:],), _jsonl_lines, (findings[:half],))
        return first + second
    return _jsonl_lines(findings)


def _jsonl_lines(findings: Sequence[Finding]) -> str:
    """The lines of :func:`jsonl_report`: :func:`finding_record` written field by field, with
    what a segment's findings share made once — its texts shown and encoded, and whether they
    hold inline codes at all (most do not, and their spans then need no moving). The encoding
    of the texts was 2.2 s of a 50,000-segment run's 11 when each finding did it again."""
    texts: dict[str, tuple[str, bool]] = {}      # the last segments' texts: (encoded, has codes)

    def text(v: str) -> tuple[str, bool]:
        done = texts.get(v)
        if done is None:
            if len(texts) >= 64:    # findings come segment by segment
                texts.clear()
            shown = display_codes(v)
            done = texts[v] = (json_safe(_quoted(shown)), shown != v)
        return done
    lines = []
    for f in findings:
        zh, zh_codes = text(f.zh)
        en, en_codes = text(f.en)
        if f.span is None:
            span = "null"
        else:
            start, end = f.span
            if zh_codes or en_codes:
                seen = f.zh if _side(f) == "zh" else f.en
                start, end = display_code_offset(seen, start), display_code_offset(seen, end)
            span = f"[{int(start)}, {int(end)}]"
        lines.append(json_safe(f'{{"id": {_quoted(f.id)}, "check": {_quoted(f.check)}, '
                               f'"severity": {_quoted(f.severity)}, "message": {_quoted(display_codes(f.message))}, ')
                     + f'"zh": {zh}, "en": {en}, "span": {span}, '
                     + json_safe(f'"finding": {_quoted(finding_id(f))}}}\n'))
    return "".join(lines)


def csv_report(result: QAResult) -> str:
    """Findings as CSV, safe to open in a spreadsheet: cells that would start a formula
    (``= + - @``, tab, CR) get a leading apostrophe; line breaks become spaces."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in result.findings:
        rec = finding_record(f)
        start, end = (rec["span"] or ["", ""])[:2]
        cells = [rec["id"], rec["check"], rec["severity"], rec["message"], rec["zh"], rec["en"]]
        row = [neutralise(" ".join(str(c).split())) if isinstance(c, str) else str(c) for c in cells]
        writer.writerow([*row, start, end, rec["finding"]])
    return buf.getvalue()


# --- JUnit XML ---------------------------------------------------------------

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", display_codes(text))


def junit_report(result: QAResult, *, name: str = "glossary qa", fail_on: str = "error") -> str:
    """JUnit XML: one ``testsuite``, one ``testcase`` per segment; a segment with
    findings at ``fail_on`` severity or above has a ``failure`` (type = first failing
    check), the other findings go to the test case's ``system-out``."""
    worst = SEVERITIES.index(fail_on)
    by_id: dict[tuple[str, str, str], list[Finding]] = {}
    for f in result.findings:
        by_id.setdefault((f.id, f.zh, f.en), []).append(f)
    failures = 0
    suite = ET.Element("testsuite", name=_x(name))
    for pair in result.pairs:
        found = by_id.get((pair.id, pair.zh, pair.en), [])
        case = ET.SubElement(suite, "testcase", classname=_x(name), name=_x(f"segment {pair.id}"),
                             time="0")
        errors = [f for f in found if SEVERITIES.index(f.severity) <= worst]
        if errors:
            failures += 1
            failure = ET.SubElement(case, "failure", type=errors[0].check,
                                    message=_x(f"{errors[0].check}: {errors[0].message}"))
            failure.text = _x("\n".join(f"{f.check}: {f.message}" for f in errors)
                              + f"\nzh: {pair.zh}\nen: {pair.en}\n")
        others = [f for f in found if f not in errors]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = _x("\n".join(f"{f.severity} {f.check}: {f.message}" for f in others) + "\n")
    counts = {"tests": str(len(result.pairs)), "failures": str(failures), "errors": "0",
              "skipped": "0", "time": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name=_x(name), **counts)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
