"""`tm import` of an Excel workbook, as clients send a memory: a bilingual table read by the
TSV/CSV rules, sheet by sheet, errors naming the file, sheet and row. The workbooks are made
here with openpyxl (a formula's saved result and a crafted DOCTYPE patched into the XML, as
Excel and an attacker would write them)."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from tm.cli import cli
from conftest import workbook


book = workbook


def patched(path, part, old, new):
    """``path`` with ``old`` replaced by ``new`` in its zip part ``part``."""
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    assert old.encode() in parts[part]
    parts[part] = parts[part].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


MEMORY = [["天津市人工智能行动方案（2025—2027年）"], [],           # a title, a blank row
          ["中文", "English", "note"],
          ["支持算力技术攻关。", "Support research on computing power.", "ch. 1"],
          ["建设算力平台。", ""],                                   # untranslated
          ["推动人工智能产业发展。", "Promote the development of the AI industry."]]


def test_a_workbook_is_imported_as_a_tsv_would_be(runner, db_path, tmp_path):
    path = book(tmp_path / "memory.xlsx", ("TM", MEMORY), ("说明", [["本表为翻译记忆。"]]),
                ("lists", [["approved"], ["rejected"]]), hidden={"lists"})
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Imported 2 units from {path} (xlsx): 2 added, 0 duplicates skipped.\n"
                             "1 skipped: untranslated: the English side is empty (line 5)\n")
    assert result.stderr == (f"note: {path}: sheet '说明' left out: no header naming a Chinese and an "
                             "English column in its first 10 rows\n"
                             f"note: {path}: sheet 'lists' left out: a hidden sheet\n")
    out = runner.invoke(cli, ["export", "--format", "tsv", "--fields", "note"])
    assert out.stdout == ("zh-CN\ten\tnote\n"
                          "支持算力技术攻关。\tSupport research on computing power.\tch. 1\n"
                          "推动人工智能产业发展。\tPromote the development of the AI industry.\t\n")


def test_source_and_target_columns_take_the_direction_from_the_text(runner, db_path, tmp_path):
    path = book(tmp_path / "en-zh.xlsx", ("Sheet1", [["Source", "Target"],
                                                     ["Open the file.", "打开文件。"],
                                                     ["Save the file.", "保存文件。"]]))
    assert runner.invoke(cli, ["import", str(path)]).exit_code == 0
    out = runner.invoke(cli, ["export", "--format", "tsv"])
    assert out.stdout == "zh-CN\ten\tsrclang\n打开文件。\tOpen the file.\ten\n保存文件。\tSave the file.\ten\n"


def test_sheets_of_one_workbook_count_their_rows_apart(runner, db_path, tmp_path):
    path = book(tmp_path / "two.xlsx",
                ("A", [["zh-CN", "en-US"], ["支持算力技术攻关。", ""]]),
                ("B", [["zh-CN", "en-US"], ["建设算力平台。", "Build computing platforms."],
                       ["推动产业发展。", ""]]))
    result = runner.invoke(cli, ["import", str(path)])
    assert result.stdout.splitlines()[1:] == [
        "1 skipped: sheet 'A': untranslated: the English side is empty (line 2)",
        "1 skipped: sheet 'B': untranslated: the English side is empty (line 3)"]


@pytest.mark.parametrize("make, message", [
    (lambda p: book(p, ("TM", [["Title"], ["zh", "en"], ["推动发展。", "Promote growth.", "", "extra"]])),
     "{p}, sheet 'TM', row 3: 3 cells, but the header has 2 columns"),
    (lambda p: book(p, ("TM", [["zh", "en"], ["Promote growth.", "推动发展。"]])),
     "{p}, sheet 'TM', row 2: declared zh, but the text reads as English (100% of the units; "
     "here: 'Promote growth.')"),
    (lambda p: book(p, ("TM", [["Spalte 1", "Spalte 2"], ["推动发展。", "Promote growth."]])),
     "{p}: no sheet has a header naming a Chinese and an English column in its first 10 rows "
     "(sheet 'TM' starts 'Spalte 1', 'Spalte 2'); the columns this reader knows: language tags "
     "(zh-CN, en-US), Chinese/English, 中文/英文, or source/target, 原文/译文 (languages told from "
     "the text)"),
    (lambda p: book(p, ("TM", [["zh", "en"], ["推动发展。", '=UPPER("promote")']])),
     "{p}, sheet 'TM', row 2: cell B2 is a formula saved without its result (a workbook written by "
     "a program that does not calculate): open it in Excel or LibreOffice and save it again"),
    (lambda p: patched(book(p, ("TM", [["zh", "en"], ["推动发展。", "Promote growth."]])),
                       "xl/worksheets/sheet1.xml", "<worksheet",
                       '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">]><worksheet'),
     "{p}: workbook part xl/worksheets/sheet1.xml:1: DOCTYPE with an internal subset (entity "
     "declarations) is not accepted"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) and p,
     "{p}: a legacy Office file (.xls: save it as .xlsx)"),
], ids=["cells-beyond-the-header", "swapped", "no-header", "formula-without-result", "entity", "xls"])
def test_a_bad_workbook_is_one_error_line_and_nothing_imported(runner, db_path, tmp_path, make, message):
    """Before: 'not UTF-8 text, and not UTF-16, GB18030…' or 'cannot tell the format' for
    every workbook."""
    path = make(tmp_path / "memory.xlsx")
    result = runner.invoke(cli, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (2, f"Error: {message.format(p=path)}\n")
    assert not db_path.exists()          # the memory the command would have created: none


def test_a_word_document_given_as_a_workbook_is_refused(runner, db_path, tmp_path):
    import docx
    path = tmp_path / "memory.xlsx"
    docx.Document().save(path)
    result = runner.invoke(cli, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}: not an Excel workbook (.xlsx): a Word document\n")


def test_what_openpyxl_drops_is_no_warning_for_the_user(tmp_path):
    """A workbook with a data validation list, as Excel saves one: openpyxl warned on stderr
    ("UserWarning: Data Validation extension is not supported and will be removed") about a
    part this tool never reads; the units are read without a word."""
    import warnings

    from tm.formats.workbook import read_workbook

    path = book(tmp_path / "tm.xlsx", ("memory", [("zh", "en"), ("推动发展。", "Promote development.")]))
    patched(path, "xl/worksheets/sheet1.xml", "</worksheet>",
            '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
            'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
            '<x14:dataValidations count="0"/></ext></extLst></worksheet>')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sheets = read_workbook(path.read_bytes(), name=str(path))
    assert [str(w.message) for w in caught] == []
    assert len(sheets) == 1
