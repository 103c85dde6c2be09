"""`glossary import` / `glossary export` of Excel workbooks: a client's term list as it comes
(a title row, Chinese headers, a term merged over the rows of its renderings, numbers,
formulas, a hidden sheet), read by the CSV's column logic; the review sheet round trip
through .xlsx. The workbooks are made here with openpyxl; a formula's saved result is
patched into the XML as Excel writes it."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from glossary.cli import cli
from glossary.formats.tabular import read_tabular
from conftest import workbook


book = workbook


def saved_result(path, cell, formula, value):
    """``path`` with the formula of ``cell`` given the text result Excel saves with it."""
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    old = f'<c r="{cell}"><f>{formula}</f><v></v></c>'.encode()
    assert old in parts[part]
    parts[part] = parts[part].replace(old, f'<c r="{cell}" t="str"><f>{formula}</f><v>{value}</v></c>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def run(runner, *args, code=0):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result


def client_list(path):
    """A client's term list: a title, Chinese headers, 算力 merged over its two renderings,
    a number, a formula, a second sheet of terms, instructions, a hidden list."""
    book(path,
         ("术语表", [["天津市人工智能术语表（2025年版）"],
                     ["术语", "译文", "备注", "词性"],
                     ["人工智能", "artificial intelligence", "", "n."],
                     ["算力", "computing power", "preferred"],
                     [None, "compute"],
                     [110, 110, "the emergency number"],
                     ["大模型", '=LOWER("LARGE MODEL")'],
                     [],
                     ["康养", ""]]),
         ("机构", [["中文", "英文"], ["市数据局", "Municipal Data Administration"]]),
         ("说明", [["请勿修改表头。"]]),
         ("lists", [["approved"]]), hidden={"lists"}, merge=[("术语表", "A4:A5")])
    return saved_result(path, "B7", 'LOWER("LARGE MODEL")', "large model")


def test_a_clients_workbook_is_read_as_its_csv_would_be(runner, db_path, tmp_path):
    path = client_list(tmp_path / "terms.xlsx")
    result = run(runner, "import", str(path))
    # 算力's two rows: one added, one merged into it (as two CSV rows of one term are)
    assert result.stdout == (f"{path}: 5 added, 1 merged (6 rows read).\n"
                             "1 skipped: sheet '术语表': empty English term (line 9)\n")
    assert result.stderr == (f"note: {path}: sheet '说明' left out: no header naming a Chinese and an "
                             "English column in its first 10 rows\n"
                             f"note: {path}: sheet 'lists' left out: a hidden sheet\n")
    out = run(runner, "export", "--format", "csv").stdout
    assert out.splitlines() == [
        "zh,pinyin,en,forbidden,kind,status,note,source",
        "110,110,110,,,approved,the emergency number,",
        "人工智能,rén gōng zhì néng,artificial intelligence,,,approved,词性: n.,",
        "大模型,dà mó xíng,large model,,,approved,,",
        "市数据局,shì shù jù jú,Municipal Data Administration,,,approved,,",
        "算力,suàn lì,computing power | compute,,,approved,preferred,"]


def test_the_same_headers_are_read_in_a_csv(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("术语,译文,备注\n算力,computing power,preferred\n", encoding="utf-8")
    [entry] = read_tabular(path)
    assert (entry.zh, entry.approved, entry.note) == ("算力", ["computing power"], "preferred")


def test_export_xlsx_reads_back_to_the_same_term_base(runner, db_path, tmp_path):
    run(runner, "add", "算力", "--en", "computing power", "--forbidden", "calculation power",
        "--note", "line one", "--kind", "technology")
    run(runner, "add", "减号", "--en", "-minus", "--en", "=SUM(A1)")   # formula-like renderings stay text
    before = run(runner, "export", "--format", "csv").stdout
    run(runner, "export", "-o", str(tmp_path / "terms.xlsx"))          # the format from the name
    sheet = openpyxl.load_workbook(tmp_path / "terms.xlsx").active
    assert sheet.title == "Terms" and sheet["A1"].value == "zh"
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s"}
    again = tmp_path / "again.db"
    run(runner, "--db", str(again), "import", str(tmp_path / "terms.xlsx"))
    assert run(runner, "--db", str(again), "export", "--format", "csv").stdout == before
    first = (tmp_path / "terms.xlsx").read_bytes()
    run(runner, "export", "-o", str(tmp_path / "terms.xlsx"))
    assert (tmp_path / "terms.xlsx").read_bytes() == first           # byte-stable


def test_the_review_sheet_round_trip_works_through_xlsx(runner, db_path, tmp_path):
    for term in ("智算", "算力", "康养"):
        run(runner, "add", term, "--status", "candidate")
    sheet_path = tmp_path / "review.xlsx"
    run(runner, "export", "--status", "candidate", "-o", str(sheet_path))
    wb = openpyxl.load_workbook(sheet_path)
    ws = wb.active
    assert [c.value for c in ws[1]] == ["zh", "pinyin", "en", "others", "count", "kind", "note",
                                        "stored", "decision"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["智算"], 3, "intelligent computing")
    ws.cell(rows["智算"], 9, "approve")
    ws.cell(rows["算力"], 9, "maybe")                       # not a decision
    ws.cell(rows["康养"], 9, "reject")
    wb.save(sheet_path)
    result = run(runner, "import", str(sheet_path), code=2)
    assert result.stderr == (f"Error: {sheet_path}, sheet 'Review', row {rows['算力']}: 算力: unknown "
                             "decision 'maybe' (expected approve, edit, reject or empty)\n"
                             f"{sheet_path}: nothing applied (1 rows with problems; fix them or use --partial).\n")
    assert "[candidate]" in run(runner, "lookup", "智算").stdout      # nothing applied
    result = run(runner, "import", str(sheet_path), "--partial", code=2)
    assert result.stdout == (f"{sheet_path}: 1 approved, 0 edited, 1 rejected, 0 without a decision; "
                             "1 rows with problems not applied.\n")
    assert "intelligent computing" in run(runner, "lookup", "智算").stdout


@pytest.mark.parametrize("rows, merge, message", [
    ([["Terms 2025"], ["zh", "en", "status"], ["算力", "computing power", "done"]], (),
     "sheet 'Sheet1', row 3: unknown status 'done' (expected one of: candidate, approved, rejected)"),
    ([["zh", "en"], ["算力", '=UPPER("x")']], (),
     "sheet 'Sheet1', row 2: cell B2 is a formula saved without its result (a workbook written by a "
     "program that does not calculate): open it in Excel or LibreOffice and save it again"),
    ([["zh", "en", "en"], ["算力", "computing power", "compute"]], (),
     "sheet 'Sheet1', row 1: the header must name exactly one en column (found 2)"),
    ([["zh", "en"], ["Promote", "推动"], ["Build", "建设"]], (),
     "sheet 'Sheet1', row 2: the Chinese column (zh) reads as English (line 2: 'Promote'); "
     "a Chinese-English glossary needs a Chinese column"),
], ids=["bad-status-below-a-title", "formula-without-result", "two-en-columns", "swapped"])
def test_bad_workbook_is_one_line_naming_file_sheet_and_row_and_writes_nothing(
        runner, db_path, tmp_path, rows, merge, message):
    """Before: 'not UTF-8 text, and not UTF-16, GB18030, Big5…' for every workbook."""
    run(runner, "add", "康养", "--en", "health and wellness")
    before = run(runner, "export", "--format", "csv").stdout
    path = book(tmp_path / "terms.xlsx", ("Sheet1", rows))
    result = run(runner, "import", str(path), code=2)
    assert result.stderr == f"Error: {path}, {message}\n"
    assert run(runner, "export", "--format", "csv").stdout == before


def test_a_workbook_without_a_header_is_read_as_a_csv_without_one(runner, db_path, tmp_path):
    path = book(tmp_path / "bare.xlsx", ("Sheet1", [["computing power", "算力"], ["large model", "大模型"]]))
    assert run(runner, "import", str(path)).stdout == f"{path}: 2 added, 0 merged (2 rows read).\n"
    assert "算力,suàn lì,computing power" in run(runner, "export", "--format", "csv").stdout


def test_the_excel_flag_does_not_apply_to_xlsx(runner, db_path):
    run(runner, "add", "算力", "--en", "computing power")
    result = run(runner, "export", "--format", "xlsx", "--excel", code=2)
    assert result.stderr == "Error: --excel applies to csv and tsv only (an .xlsx file is Excel's own)\n"
