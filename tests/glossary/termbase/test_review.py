"""Candidate exports and the spreadsheet round trip (export -> decision column -> import)."""

import csv
import io

import pytest
from click.testing import CliRunner
from _terms import cand
from conftest import ROOT
from lxml import etree

from glossary.cli import cli
from glossary.termbase.review import REVIEW_COLUMNS
from glossary.termbase.store import get_entry, open_termbase, store_candidates

TBX_DIR = ROOT / "tests" / "schemas" / "tbx"


@pytest.fixture
def db(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("康养", ("health and wellness", 2, [2, 3]), ("Health Care", 1, [1])),
        cand("医疗", ("Healthcare", 2, [4, 5])),
        cand("算力", ("computing power", 3, [6, 7]), ("computing", 1, [8])),
    ])
    return db


def invoke(*args, ok=True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def sheet(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def write_sheet(path, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return str(path)


def test_candidate_sheet_has_the_most_used_rendering_and_the_others(db):
    rows = sheet(invoke("export", "--format", "csv", "--status", "candidate").stdout)
    assert [r["zh"] for r in rows] == ["医疗", "康养", "算力"]
    kang = rows[1]
    assert (kang["en"], kang["others"], kang["count"], kang["decision"]) == \
        ("health and wellness", "Health Care ×1", "3", "")
    assert list(rows[0]) == list(REVIEW_COLUMNS)


def test_reviewed_sheet_is_applied(db, tmp_path):
    rows = sheet(invoke("export", "--format", "csv", "--status", "candidate").stdout)
    rows[0]["decision"] = "reject"                                      # 医疗
    rows[1]["decision"] = "approve"                                     # 康养 as proposed
    rows[2]["decision"], rows[2]["en"] = "edit", "computing capacity"   # 算力, rewritten
    path = write_sheet(tmp_path / "reviewed.csv", rows)
    out = invoke("import", path).output
    assert out == f"{path}: 1 approved, 1 edited, 1 rejected, 0 without a decision.\n"
    assert get_entry(db, "医疗").status == "rejected"
    assert (get_entry(db, "康养").status, get_entry(db, "康养").approved) == ("approved", ["health and wellness"])
    assert get_entry(db, "算力").approved == ["computing capacity"]
    left = sheet(invoke("export", "--format", "csv", "--status", "candidate").stdout)
    assert left == []


def test_a_bad_sheet_applies_nothing_and_names_every_problem(db, tmp_path):
    rows = [
        {"zh": "康养", "en": "health and wellness", "decision": "approve"},
        {"zh": "医疗", "en": "Healthcare", "decision": "yes"},
        {"zh": "康养", "en": "health", "decision": "edit"},
        {"zh": "智算", "en": "intelligent computing", "decision": "approve"},
        {"zh": "算力", "en": "", "decision": "edit"},
        {"zh": "算力", "en": "computing power", "decision": ""},
    ]
    path = write_sheet(tmp_path / "bad.csv", rows)
    result = invoke("import", path, ok=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {path}:3: 医疗: unknown decision 'yes' (expected approve, edit, reject or empty)",
        f"Error: {path}:4: 康养: listed twice (first on line 2)",
        f"Error: {path}:5: 智算: no longer in the term base",
        f"Error: {path}:6: 算力: edit needs a rendering in en",
        f"Error: {path}:7: 算力: listed twice (first on line 6)",
        f"{path}: nothing applied (5 rows with problems; fix them or use --partial).",
    ]
    assert get_entry(db, "康养").status == "candidate"
    result = invoke("import", path, "--partial", ok=False)
    assert result.exit_code == 2
    assert result.stdout == (f"{path}: 1 approved, 0 edited, 0 rejected, 0 without a decision; "
                             "5 rows with problems not applied.\n")
    assert get_entry(db, "康养").status == "approved"


def test_a_row_whose_entry_changed_since_the_export_is_not_applied(db, tmp_path):
    """An old sheet never overrides what a person decided after it was exported: a term
    approved or rejected in the tool since, or a candidate whose renderings were edited, is
    reported with its line and left as it is (all or nothing, or --partial)."""
    rows = sheet(invoke("export", "--format", "csv", "--status", "candidate").stdout)
    invoke("approve", "康养", "--en", "health and wellness")     # decided in the tool meanwhile
    invoke("edit", "算力", "--forbidden", "computing")          # still a candidate, renderings changed
    rows[0]["decision"] = "reject"                                      # 医疗: unchanged since
    rows[1]["decision"] = "reject"                                      # 康养
    rows[2]["decision"], rows[2]["en"] = "edit", "computing"            # 算力
    path = write_sheet(tmp_path / "reviewed.csv", rows)
    result = invoke("import", path, ok=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {path}:3: 康养: approved in the term base since the export (health and wellness); "
        "not applied",
        f"Error: {path}:4: 算力: changed in the term base since the export (the sheet saw no "
        "renderings of its own, now forbidden: computing); not applied",
        f"{path}: nothing applied (2 rows with problems; fix them or use --partial).",
    ]
    assert get_entry(db, "医疗").status == "candidate"
    result = invoke("import", path, "--partial", ok=False)
    assert result.stdout == (f"{path}: 0 approved, 0 edited, 1 rejected, 0 without a decision; "
                             "2 rows with problems not applied.\n")
    kang, suan = get_entry(db, "康养"), get_entry(db, "算力")
    assert (kang.status, kang.approved) == ("approved", ["health and wellness"])
    assert (suan.status, suan.approved, suan.forbidden) == ("candidate", [], ["computing"])
    assert get_entry(db, "医疗").status == "rejected"
    # the sheet again, its applied row as the term base now holds it: no problem of its own
    result = invoke("import", path, "--partial", ok=False)
    assert result.stdout == (f"{path}: 0 approved, 0 edited, 0 rejected, 0 without a decision, "
                             "1 already as decided; 2 rows with problems not applied.\n")


def test_the_sheet_shows_what_the_term_base_holds_and_a_sheet_without_it_counts_as_older(db, tmp_path):
    invoke("edit", "算力", "--forbidden", "computing")
    rows = sheet(invoke("export", "--format", "csv", "--status", "candidate").stdout)
    assert [r["stored"] for r in rows] == ["", "", "forbidden: computing"]
    rows[2]["decision"] = "approve"                             # seen as it is: applied
    path = write_sheet(tmp_path / "reviewed.csv", rows)
    assert invoke("import", path).stdout.startswith(f"{path}: 1 approved")
    old = tmp_path / "old.csv"                                  # written before the column existed
    old.write_text("zh,en,decision\n算力,compute,approve\n医疗,Healthcare,approve\n",
                   encoding="utf-8")
    assert invoke("import", str(old), ok=False).stderr.splitlines()[0] == (
        f"Error: {old}:2: 算力: approved in the term base since the export (computing power); not applied")
    invoke("edit", "医疗", "--en", "medical")                   # a candidate given a rendering
    assert invoke("import", str(old), ok=False).stderr.splitlines()[1] == (
        f"Error: {old}:3: 医疗: changed in the term base since the export (the sheet saw no "
        "renderings of its own, now approved: medical); not applied")


def test_tbx_exports_of_candidates_are_valid_and_admitted(db, tmp_path):
    data = invoke("export", "--format", "tbx", "--status", "candidate").stdout_bytes
    doc = etree.fromstring(data)
    dtd = etree.DTD(str(TBX_DIR / "TBXcoreStructV02.dtd"))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    entry = next(te for te in doc.iter("termEntry") if te.find(".//term").text == "康养")
    en = [(t.findtext("term"), t.findtext("termNote")) for t in entry.iter("tig")][1:]
    assert en == [("health and wellness", "admittedTerm-admn-sts"), ("Health Care", "admittedTerm-admn-sts")]
    data3 = invoke("export", "--format", "tbx3", "--status", "candidate").stdout_bytes
    rng = etree.RelaxNG(etree.parse(str(TBX_DIR / "TBXcoreStructV03.rng")))
    assert rng.validate(etree.fromstring(data3)), rng.error_log.filter_from_errors()
    omegat = invoke("export", "--format", "omegat", "--status", "candidate").stdout
    assert "康养\thealth and wellness" in omegat


def test_an_empty_export_says_so(db_path, tmp_path):
    open_termbase(db_path)
    target = tmp_path / "g.tbx"
    result = invoke("export", "--format", "tbx", "--status", "candidate", "-o", str(target), ok=False)
    assert result.exit_code == 1 and not target.exists()
    assert result.stderr == "nothing to export: no candidate entries\n"
    target = tmp_path / "g.csv"
    result = invoke("export", "--format", "csv", "--status", "candidate", "-o", str(target))
    assert result.stderr == "nothing to export: no candidate entries\n"
    assert target.read_text(encoding="utf-8") == ",".join(REVIEW_COLUMNS) + "\n"
