"""Self-contained HTML reports of `glossary check` and `glossary qa` (``--format html``).

One file, nothing else: the style sheet is inside, there is no script and no
link to anything outside (a CI job can publish it as it is, and it opens with no
network; its Content-Security-Policy forbids loading anything). A summary table,
then the findings grouped by severity and kind, each with its evidence units side
by side (Chinese | English) and the spans highlighted. Every text is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from glossary.formats.evidence import Evidence, qa_evidence

SEVERITIES = ("error", "warning", "info")

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, "Noto Sans CJK SC",
  "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1.5rem auto; max-width: 1200px;
  padding: 0 1rem; color: #1d2329; line-height: 1.45; }
:lang(zh-CN) { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #dde2e6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.summary { width: auto; min-width: 24rem; }
.finding { border: 1px solid #dde2e6; border-left: 4px solid #9aa3ab; border-radius: 4px; margin: .6rem 0;
  padding: .4rem .7rem; }
.finding p { margin: .2rem 0 .4rem; }
section.error .finding { border-left-color: #d9443a; } section.warning .finding { border-left-color: #f0a030; }
section.info .finding { border-left-color: #1f5fa8; }
.sev { font-size: .8em; font-weight: 700; text-transform: uppercase; padding: 0 .4em; border-radius: 3px; }
.sev.error { background: #fbe3e1; color: #a82a22; } .sev.warning { background: #fff1d6; color: #8a5700; }
.sev.info { background: #e4eef9; color: #1f5fa8; }
td.zh, td.en { width: 45%; } td.key { white-space: nowrap; font-size: .85em; color: #5c6670; }
mark { background: #ffe27a; padding: 0 1px; border-radius: 2px; }
.muted { color: #5c6670; font-size: .9em; }
@media (max-width: 700px) { table.evidence tr { display: grid; } table.evidence td { width: auto; border: 0; } }
"""


@dataclass
class ReportFinding:
    """One finding as the report shows it."""

    kind: str
    severity: str
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    more: int = 0                   # evidence units left out
    id: str = ""


def marked(text: str, spans) -> str:
    """``text`` escaped, the ``[start, end)`` spans in ``<mark>`` (overlaps skipped, out of range clipped)."""
    out, pos = [], 0
    for a, b in sorted((max(0, int(a)), min(len(text), int(b))) for a, b in spans or () if b > a):
        if a < pos:
            continue
        out += [escape(text[pos:a]), "<mark>", escape(text[a:b]), "</mark>"]
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(findings: Sequence[ReportFinding], *, title: str, subtitle: str = "",
           kinds: Sequence[str] = ()) -> str:
    """The report as one HTML document. Groups come in severity order, then in the
    order of ``kinds`` (others after, alphabetically); findings keep their order."""
    order = {k: i for i, k in enumerate(kinds)}
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    grouped: dict[tuple[str, str], list[ReportFinding]] = {}
    for f in findings:
        grouped.setdefault((f.severity, f.kind), []).append(f)
    groups = sorted(grouped.items(), key=lambda kv: (rank.get(kv[0][0], 9), order.get(kv[0][1], len(order)),
                                                      kv[0][1]))
    by_kind: dict[str, Counter] = {}
    for f in findings:
        by_kind.setdefault(f.kind, Counter())[f.severity] += 1
    counts = Counter(f.severity for f in findings)
    e = escape
    out = ['<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
           f"<title>{e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{e(title)}</h1>\n"]
    if subtitle:
        out.append(f'<p class="muted">{e(subtitle)}</p>\n')
    out.append(f'<h2>Summary</h2>\n<p id="summary">{_plural(len(findings), "finding")}: '
               + " ".join(f'<span class="sev {s}">{counts.get(s, 0)} {s}</span>' for s in SEVERITIES) + "</p>\n")
    if by_kind:
        out.append('<table class="summary">\n<thead><tr><th>kind</th>'
                   + "".join(f'<th class="n">{s}</th>' for s in SEVERITIES) + "</tr></thead>\n<tbody>\n")
        for kind, row in sorted(by_kind.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
            out.append(f"<tr><td>{e(kind)}</td>" + "".join(f'<td class="n">{row.get(s, 0)}</td>' for s in SEVERITIES)
                       + "</tr>\n")
        out.append("</tbody>\n</table>\n")
    if not findings:
        out.append("<p>No findings.</p>\n")
    for (severity, kind), items in groups:
        out.append(f'<section class="{e(severity)}">\n<h2><span class="sev {e(severity)}">{e(severity)}</span> '
                   f'{e(kind)} <span class="muted">({len(items)})</span></h2>\n')
        for f in items:
            ident = f' id="{e(f.id)}"' if f.id else ""
            out.append(f'<div class="finding"{ident}>\n<p>{e(f.message)}</p>\n')
            if f.evidence:
                out.append('<table class="evidence">\n')
                for ev in f.evidence:
                    out.append(f'<tr><td class="key">{e(ev.key)}</td><td class="zh" lang="zh-CN">'
                               f'{marked(ev.zh, ev.zh_spans)}</td><td class="en" lang="en">'
                               f"{marked(ev.en, ev.en_spans)}</td></tr>\n")
                out.append("</table>\n")
            if f.more:
                out.append(f'<p class="muted">and {_plural(f.more, "more unit")}</p>\n')
            out.append("</div>\n")
        out.append("</section>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)


def check_report(findings, evidence: Callable[[object], list[Evidence]], *, title: str = "Consistency report",
                 subtitle: str = "", limit: int = 20) -> str:
    """The `glossary check` report; ``evidence(finding)`` gives each finding's units
    (:func:`glossary.formats.evidence.consistency_evidence`), at most ``limit`` shown."""
    items = []
    for f in findings:
        ev = evidence(f)[:limit]
        items.append(ReportFinding(kind=f.kind, severity=f.severity, message=f.message, evidence=ev,
                                   more=max(0, len(f.units) - len(ev)), id=str(getattr(f, "id", "") or "")))
    return render(items, title=title, subtitle=subtitle, kinds=("renderings", "collision", "document"))


def qa_report(result, *, checks: Sequence[str] = (), title: str = "QA report", subtitle: str = "") -> str:
    """The `glossary qa` report of a QA result (``.findings``, ``.pairs``, ``.checks``);
    ``checks`` orders the groups (the run's check order)."""
    items = [ReportFinding(kind=f.check, severity=f.severity, message=f.message, evidence=[qa_evidence(f)],
                           id=str(getattr(f, "fid", "") or ""))
             for f in result.findings]
    subtitle = subtitle or (f"{_plural(len(result.pairs), 'segment')} checked; checks: "
                            f"{', '.join(result.checks)}")
    return render(items, title=title, subtitle=subtitle, kinds=checks or tuple(result.checks))
