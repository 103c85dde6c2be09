"""`glossary check --format html` and `glossary qa --format html`: one self-contained file."""

import json
import re

import lxml.html
import pytest

from glossary.cli import cli
from glossary.formats.evidence import Evidence, find_spans
from glossary.formats.html import ReportFinding, marked, render
from conftest import copy_db


def self_contained(page: str):
    """The page parsed, after checking it loads nothing and runs nothing."""
    doc = lxml.html.fromstring(page)
    assert page.startswith("<!doctype html>")
    assert doc.xpath("//script | //link | //img | //iframe | //object | //embed | //@src | //@href") == []
    assert "url(" not in page and "@import" not in page
    [csp] = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp.startswith("default-src 'none'")
    return doc


def test_check_report_of_the_plan(plan_memory, tmp_path, runner):
    db = copy_db(plan_memory, tmp_path / "p.db")
    result = runner.invoke(cli, ["--db", str(db), "check", "--format", "html"])
    assert result.exit_code == 1                      # findings: the same exit status as the table
    doc = self_contained(result.stdout)
    rows = [json.loads(line) for line in runner.invoke(cli, ["--db", str(db), "check", "--format", "jsonl"]
                                                       ).output.splitlines()]
    findings = doc.xpath('//div[@class="finding"]')
    assert len(findings) == len(rows)
    counts = {s: sum(r["severity"] == s for r in rows) for s in ("error", "warning", "info")}
    summary = doc.xpath('//p[@id="summary"]')[0].text_content()
    assert summary == (f"{len(rows)} findings: {counts['error']} error {counts['warning']} warning "
                       f"{counts['info']} info")
    # grouped by severity, errors first; each group's findings in the report's order
    sections = [s.get("class") for s in doc.xpath("//section")]
    assert sections == sorted(sections, key=["error", "warning", "info"].index)
    messages = [f.xpath("./p")[0].text_content() for f in findings]
    assert sorted(messages) == sorted(r["message"] for r in rows)
    # evidence: unit references, both sides, the term and its renderings highlighted
    first = next(r for r in rows if r["units"])
    div = next(f for f in findings if f.xpath("./p")[0].text_content() == first["message"])
    keys = div.xpath('.//td[@class="key"]/text()')
    assert keys and all(re.fullmatch(r"tianjin-ai-action-plan-2025-2027:\d{4}", k) for k in keys)
    assert len(keys) == min(20, len(first["units"]))
    assert set(div.xpath('.//td[@class="zh"]/mark/text()')) <= set(first["zh"])
    assert div.xpath('.//td[@class="zh"]/mark') and div.xpath('.//td[@class="en"]/mark')


def test_qa_report_via_the_command(tmp_path, runner):
    tsv = tmp_path / "new.tsv"
    tsv.write_text("id\tzh\ten\n"
                   "a\t投资3亿元建设算力平台。\tInvest 30 million yuan in a computing platform.\n"
                   "b\t支持<b>康养</b>产业。\tSupport the <script>alert(1)</script> industry (\n", encoding="utf-8")
    html = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "qa", str(tsv), "--format", "html"])
    jsonl = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "qa", str(tsv), "--format", "jsonl"])
    assert html.exit_code == jsonl.exit_code == 1
    doc = self_contained(html.stdout)
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(doc.xpath('//div[@class="finding"]')) == len(rows) >= 2
    number = next(r for r in rows if r["check"] == "number")
    marks = doc.xpath('//section[@class="error"]//td[@class="en"]/mark/text()')
    assert number["en"][number["span"][0]:number["span"][1]] in marks
    assert "<script>alert(1)</script>" in doc.text_content()          # shown as text ...
    assert "<script>" not in html.stdout                               # ... never as markup


def test_render_escapes_everything_and_groups():
    hostile = '<script>alert("x")</script> & <b>'
    page = render([ReportFinding(kind="k<i>", severity="warning", message=hostile,
                                 evidence=[Evidence(key='"><x', zh="测试<b>", en=hostile, zh_spans=[(0, 2)],
                                                    en_spans=[(0, 8), (3, 20), (50, 999)])], more=3),
                   ReportFinding(kind="a", severity="error", message="first")],
                  title="t<t>", subtitle="s&s")
    doc = self_contained(page)
    assert doc.xpath("//b | //i | //x") == []
    assert doc.xpath("//title/text()") == ["t<t>"]
    assert [s.get("class") for s in doc.xpath("//section")] == ["error", "warning"]
    assert doc.xpath('//section[@class="warning"]//p/text()')[0] == hostile
    assert doc.xpath('//td[@class="en"]/mark/text()') == ['<script>']    # overlapping span skipped
    assert doc.xpath('//td[@class="zh"]/mark/text()') == ["测试"]
    assert "and 3 more units" in doc.text_content()
    assert "No findings." in render([], title="empty")


def test_marked_and_find_spans():
    assert marked("a<b>c", [(1, 4)]) == "a<mark>&lt;b&gt;</mark>c"
    assert marked("abc", [(2, 1), (-5, 1), (2, 99)]) == "<mark>a</mark>b<mark>c</mark>"
    text = "Large models and a large-scale model; remodel"
    assert find_spans(text, ["large model", "Large models", "model"], fold_case=True) == [(0, 12), (31, 36)]
    assert find_spans("大模型和大模型", ["大模型"], fold_case=False) == [(0, 3), (4, 7)]
