"""Stable finding ids and `glossary ignore`: what a reviewer marked stays silent."""

import json
import re

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.errors import GlossaryError
from glossary.models import Finding
from glossary.termbase.consistency import check, finding_to_json
from glossary.termbase.ignore import (
    finding_id, ignore_finding, ignored_findings, ignored_ids, unignore_finding,
)
from glossary.termbase.store import open_termbase, store_candidates

from _terms import cand


CANDIDATES = [
    cand("康养", ("Health Care", 1, [1]), ("health and wellness", 2, [2, 3])),
    cand("医疗", ("Healthcare", 2, [4, 5])),
    cand("算力", ("computing power", 3, [6, 7]), ("computing", 1, [8])),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, db_path, monkeypatch):
    """The candidates' term base, on an SQLite file or on PostgreSQL ($TM_DB points at it)."""
    target = db_path
    if request.param == "postgresql":
        target = request.getfixturevalue("pg_url")
        monkeypatch.setenv("TM_DB", target)
    db = open_termbase(target)
    store_candidates(db, CANDIDATES)
    return db


def test_ids_are_stable_and_distinct(db, tmp_path):
    first = [finding_to_json(f) for f in check(db)]
    again = [finding_to_json(f) for f in check(db)]
    assert [f["id"] for f in first] == [f["id"] for f in again]
    assert len({f["id"] for f in first}) == len(first) >= 3
    assert all(re.fullmatch(r"(ren|col)-[0-9a-f]{10}", f["id"]) for f in first)
    other = open_termbase(tmp_path / "other.db")          # a fresh database, the candidates in another order
    store_candidates(other, list(reversed(CANDIDATES)))
    assert {f["id"] for f in first} == {finding_to_json(f)["id"] for f in check(other)}
    assert list(first[0]) == ["id", "kind", "zh", "en", "units", "severity", "message"]


def test_a_new_rendering_is_a_new_finding(db):
    before = {f.zh[0]: finding_id(f) for f in check(db) if f.kind == "renderings"}
    store_candidates(db, CANDIDATES[:2] + [cand("算力", ("computing power", 3, [6, 7]), ("computing", 1, [8]),
                                                ("arithmetic capacity", 1, [9]))])
    after = {f.zh[0]: finding_id(f) for f in check(db) if f.kind == "renderings"}
    assert after["康养"] == before["康养"] and after["算力"] != before["算力"]


def test_ignored_findings_stay_silent_until_undone(db):
    target = next(f for f in check(db) if f.kind == "renderings" and f.zh == ["康养"])
    fid = finding_id(target)
    ignore_finding(db, fid, reason="health and wellness is right here", summary=target.message,
                   clock=lambda: "2026-12-03T05:00:00Z")
    assert fid in ignored_ids(db)
    assert fid not in {finding_id(f) for f in check(db)}
    assert fid in {finding_id(f) for f in check(db, include_ignored=True)}
    [item] = ignored_findings(db)
    assert (item.id, item.reason, item.created) == (fid, "health and wellness is right here",
                                                    "2026-12-03T05:00:00Z")
    assert unignore_finding(db, fid) and not unignore_finding(db, fid)
    assert fid in {finding_id(f) for f in check(db)}


def test_bad_ids_and_missing_reasons_are_errors(db):
    with pytest.raises(GlossaryError, match="not a finding id"):
        ignore_finding(db, "R-12", reason="x")
    with pytest.raises(GlossaryError, match="a reason is required"):
        ignore_finding(db, "ren-0123456789", reason="  ")


def test_qa_findings_have_ids_too():
    a = Finding(id="p1", check="number", severity="error", message="number differs", zh="一", en="two")
    b = Finding(id="p2", check="number", severity="error", message="number differs", zh="一", en="two")
    assert finding_id(a) == finding_id(Finding(**vars(a))) != finding_id(b)
    assert finding_id(a).startswith("qa-")


def test_the_same_mistake_twice_in_a_segment_is_two_findings_with_two_ids():
    en = "the big model and the big model"
    first, second = (Finding(id="p1", check="forbidden-term", severity="error", message="forbidden",
                             zh="大模型", en=en, span=[s, s + 9]) for s in (4, 22))
    assert finding_id(first) != finding_id(second)
    # the first keeps the id a finding without a second occurrence always had
    assert finding_id(first) == finding_id(Finding(id="p1", check="forbidden-term", severity="error",
                                                   message="forbidden", zh="大模型", en=en))


def invoke(*args, ok=True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_cli_ignore_list_and_undo(db, db_path):
    rows = [json.loads(x) for x in invoke("check", "--format", "jsonl", ok=False).output.splitlines()]
    fid = next(r["id"] for r in rows if r["zh"] == ["康养"])
    assert invoke("ignore", fid, "--reason", "both fine").output == f"{fid}: ignored (both fine).\n"
    rows2 = [json.loads(x) for x in invoke("check", "--format", "jsonl", ok=False).output.splitlines()]
    assert [r for r in rows if r["id"] != fid] == rows2
    listed = [json.loads(x) for x in invoke("ignore", "--list", "--format", "jsonl").output.splitlines()]
    assert [(r["id"], r["reason"]) for r in listed] == [(fid, "both fine")]
    # the list says what was ignored: the finding's message at the time
    assert listed[0]["summary"] == next(r["message"] for r in rows if r["id"] == fid)
    assert invoke("ignore", fid, "--undo").output == f"{fid}: reported again.\n"
    assert len(invoke("check", "--format", "jsonl", ok=False).output.splitlines()) == len(rows)


def test_cli_ignore_errors(db, db_path):
    result = invoke("ignore", "nonsense", "--reason", "x", ok=False)
    assert result.exit_code != 0 and "Error: not a finding id: 'nonsense'" in result.output
    result = invoke("ignore", "ren-0123456789", ok=False)
    assert result.exit_code != 0 and "a reason is required" in result.output
    # a well-formed id the current report does not have (a typo) would silence nothing
    result = invoke("ignore", "ren-0123456789", "--reason", "x", ok=False)
    assert result.exit_code == 2 and result.output == (
        "Error: ren-0123456789: no such finding in the current report (`glossary check --format "
        "jsonl` lists the ids; fixed meanwhile?)\n")
    result = invoke("ignore", "ren-0123456789", "--undo", ok=False)
    assert result.exit_code != 0 and "Error: ren-0123456789: not ignored" in result.output
    assert invoke("ignore", "--list").output.count("ren-") == 0


def test_cli_qa_leaves_ignored_findings_out(db, db_path, tmp_path):
    path = tmp_path / "new.tsv"
    path.write_text("id\tzh\ten\np1\t攻克100项技术。\tOvercome 10 technologies.\n", encoding="utf-8")
    rows = [json.loads(x) for x in invoke("qa", str(path), "--format", "jsonl", ok=False).stdout.splitlines()]
    assert rows and all(r["finding"].startswith("qa-") for r in rows)
    for r in rows:
        invoke("ignore", r["finding"], "--reason", "a rounded figure")
    result = invoke("qa", str(path), "--format", "jsonl", ok=False)
    assert result.stdout == "" and result.exit_code == 0
    assert f"note: {len(rows)} ignored finding" in result.stderr


def test_spreadsheet_reports_carry_the_ids_ignore_takes(db, db_path, tmp_path):
    """A reviewer working from a CSV/TSV report can still name a finding: `check --format
    csv|tsv` has the `id` column and `qa --format csv` the `finding` column of JSON lines."""
    import csv
    import io

    ids = [json.loads(x)["id"] for x in invoke("check", "--format", "jsonl", ok=False).output.splitlines()]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = list(csv.DictReader(io.StringIO(invoke("check", "--format", fmt, ok=False).stdout),
                                   delimiter=delimiter))
        assert [r["id"] for r in rows] == ids, fmt
    path = tmp_path / "new.tsv"
    path.write_text("id\tzh\ten\np1\t攻克100项技术。\tOvercome 10 technologies.\n", encoding="utf-8")
    findings = [json.loads(x)["finding"] for x in
                invoke("qa", str(path), "--format", "jsonl", ok=False).stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(invoke("qa", str(path), "--format", "csv", ok=False).stdout)))
    assert findings and [r["finding"] for r in rows] == findings
    assert invoke("ignore", rows[0]["finding"], "--reason", "rounded").exit_code == 0
