"""glossary qa's JSON lines are written field by field (a segment's texts encoded once for all
its findings): each line must be exactly what json.dumps writes of the finding's record."""

import json

from glossary.models import Entry
from glossary.qa.inputs import Pair
from glossary.qa.reports import finding_record, jsonl_report
from glossary.qa.run import run_qa
from tm import json_safe

PAIRS = [
    Pair("1", "支持人工智能发展，投入5亿元。", "Support AI development with 500 million yuan. " * 3),
    Pair("2", "支持人工智能发展，投入5亿元。", "Support AI development with 500 million yuan. " * 3 + " "),
    Pair("x\u202e\u0085\x7f\"\\", "人工智能（AI）“大模型”\t", "artificial wisdom \u202e\x7f\u0085 \"big\" models\\ {1}"),
    Pair("4", "第\ue0011\ue002条，共3项", "Article \ue0011\ue002 has 4 items, not three, in Chapter IV"),
    Pair("5", "人工智能", ""),
    Pair("6", "完全一样的句子", "完全一样的句子"),
]


def test_each_line_is_what_json_dumps_writes_of_the_record():
    result = run_qa(PAIRS * 30, entries=[Entry(zh="人工智能", approved=["artificial intelligence"],
                                              forbidden=["artificial wisdom"], status="approved")])
    assert len(result.findings) > 100
    expected = "".join(json_safe(json.dumps(finding_record(f), ensure_ascii=False)) + "\n"
                       for f in result.findings)
    assert jsonl_report(result) == expected
    assert {json.loads(line)["id"] for line in expected.splitlines()} >= {"1", "x\u202e\u0085\x7f\"\\", "4"}


def test_a_large_report_written_in_two_processes_is_the_same_text(monkeypatch):
    """glossary qa --jobs 2: the second half of a large report is written in a forked child."""
    from glossary.qa import reports
    from tm import can_fork
    result = run_qa(PAIRS * 30, entries=[Entry(zh="人工智能", approved=["artificial intelligence"],
                                              forbidden=["artificial wisdom"], status="approved")])
    calls = []
    real = reports.both
    monkeypatch.setattr(reports, "_PARALLEL_FINDINGS", 10)
    monkeypatch.setattr(reports, "two_cores", lambda: True)
    monkeypatch.setattr(reports, "both", lambda *args: calls.append(args) or real(*args))
    assert jsonl_report(result, jobs=2) == jsonl_report(result)
    assert len(calls) == 1 or not can_fork()
