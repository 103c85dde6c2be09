"""`tm import` and `tm export` as a user and a script see them: exact output, exact errors,
nothing half-written."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

import pytest

from _io_helpers import PAIR, align_plan
from tm.memory import store
from tm.cli import cli

TSV = "zh-CN\ten\n支持算力技术攻关。\tSupport research on computing power.\n推动产业发展。\tPromote industrial development.\n"


@pytest.fixture
def here(runner, tmp_path, db_path):
    """Run in a temporary directory so file names in messages are short."""
    with runner.isolated_filesystem(temp_dir=tmp_path) as path:
        yield Path(path)


def units(db_path):
    return list(store.iter_units(store.open_store(db_path)))


def test_export_tsv_contract(db_path, runner, here):
    align_plan(db_path)
    result = runner.invoke(cli, ["--db", str(db_path), "export", "--format", "tsv", "-o", "plan.tsv"])
    assert result.exit_code == 0
    stored = units(db_path)
    assert result.output == f"Exported {len(stored)} units to plan.tsv (tsv).\n"
    lines = Path("plan.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "zh-CN\ten"
    assert lines[1:] == [f"{u.zh}\t{u.en}" for u in stored] + [""]


@pytest.mark.parametrize("name,fmt,head", [
    ("plan.tsv", "tsv", "zh-CN\ten"), ("plan.CSV", "csv", "zh-CN,en"), ("plan.tmx", "tmx", "<?xml"),
    ("plan.xlf", "xliff", "<?xml"), ("plan.txt", "tmx", "<?xml"), ("review/", "xliff", None)])
def test_export_format_follows_the_output_name(runner, here, db_path, name, fmt, head):
    Path("pairs.tsv").write_text(TSV, encoding="utf-8")
    runner.invoke(cli, ["import", "pairs.tsv", "--pair", "sample"])
    if name.endswith("/"):
        Path(name).mkdir()
    result = runner.invoke(cli, ["export", "-o", name])
    assert result.exit_code == 0, result.output
    if head is not None:
        assert f"({fmt})" in result.output
        assert Path(name).read_text(encoding="utf-8").startswith(head)
    else:
        assert [p.suffix for p in Path(name).iterdir()] == [".xlf"]


def test_import_tsv_then_export_tmx_to_stdout(runner, here, db_path):
    Path("pairs.tsv").write_text(TSV, encoding="utf-8")
    result = runner.invoke(cli, ["import", "pairs.tsv", "--pair", "sample"])
    assert (result.exit_code, result.output) == (
        0, "Imported 2 units from pairs.tsv (tsv): 2 added, 0 duplicates skipped.\n")
    result = runner.invoke(cli, ["import", "pairs.tsv"])
    assert result.output == "Imported 2 units from pairs.tsv (tsv): 0 added, 2 duplicates skipped.\n"
    assert [(u.zh, u.pair, u.origin) for u in units(db_path)] == [
        ("支持算力技术攻关。", "sample", "imported"), ("推动产业发展。", "sample", "imported")]
    result = runner.invoke(cli, ["export"])
    assert result.exit_code == 0
    assert result.output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx')
    assert result.output.count("<tu ") == 2


@pytest.mark.parametrize("name,data", [
    ("gb.tsv", TSV.encode("gb18030")),
    ("bom.tsv", TSV.encode("utf-8-sig")),
    ("u16.tsv", TSV.encode("utf-16")),
    ("u16le-nobom.tsv", TSV.encode("utf-16-le")),
    ("crlf.csv", TSV.replace("\t", ",").replace("\n", "\r\n").encode("utf-8")),
    ("u16.csv", TSV.replace("\t", ",").encode("utf-16")),
    ("renamed.txt", TSV.encode("utf-8")),
    ("underscore.tsv", TSV.replace("zh-CN\ten", "zh_CN\tEN").encode("utf-8")),
    ("source-target.csv", TSV.replace("zh-CN\ten", "target\tsource").replace("\t", ",")
     .replace("target,source", "source,target").encode("utf-8")),
])
def test_import_detects_format_and_encoding(runner, here, db_path, name, data):
    Path(name).write_bytes(data)
    result = runner.invoke(cli, ["import", name])
    assert result.exit_code == 0, result.output
    assert [(u.zh, u.en) for u in units(db_path)] == [
        ("支持算力技术攻关。", "Support research on computing power."),
        ("推动产业发展。", "Promote industrial development.")]


def test_columns_in_any_order(runner, here, db_path):
    Path("swapped-columns.tsv").write_text("en\tnote\tzh-CN\nChinese\tfrom a glossary\t中文\n",
                                           encoding="utf-8")
    assert runner.invoke(cli, ["import", "swapped-columns.tsv"]).exit_code == 0
    [unit] = units(db_path)
    assert (unit.zh, unit.en, unit.note) == ("中文", "Chinese", "from a glossary")


BAD_INPUT = [
    ("empty.tsv", b"", "empty.tsv: empty file"),
    ("blank.tmx", b"\n\n", "blank.tmx: empty file"),
    ("notext.csv", "zh-CN,en\n中文,caf".encode() + b"\x81\xff\n",
     "notext.csv:2: not UTF-8 text, and not UTF-16, GB18030, Big5, Shift_JIS or Windows-1252 "
     "either; convert it to UTF-8 or give --encoding"),
    ("same.tsv", "zh\tzh-CN\n中文\t中文\n".encode(), "same.tsv:1: header names two Chinese columns "
     "(the same language on both sides?)"),
    # a column named twice: one of its two cells was lost (the row read as a dict), silently
    ("twice.csv", "zh,en,note,note\n算力,computing power,a,b\n".encode(),
     "twice.csv:1: header names the column 'note' twice"),
    ("alias.tsv", "zh\ten\tkey\tid\n算力\tcomputing power\tk1\tk2\n".encode(),
     "alias.tsv:1: header names the column 'key' twice ('id' too)"),
    ("nolang.tsv", "中文\tChinese\n".encode(), "nolang.tsv:1: header names two Chinese columns "
     "(the same language on both sides?)"),          # 中文 and Chinese both name Chinese
    ("noheader.tsv", "Spalte 1\tSpalte 2\n".encode(), "noheader.tsv:1: header must name a Chinese and an "
     "English column, e.g. 'zh-CN<TAB>en' (or 'source'/'target')"),
    ("cells.tsv", (TSV + "只有一列\n").encode(), "cells.tsv:4: 1 cells, but the header has 2 columns"),
    ("english.tsv", "zh-CN\ten\nOpen file\tOpen file\nSave\tSave as\n".encode(),
     "english.tsv:2: declared zh-CN, but the text reads as English (100% of the units; here: "
     "'Open file')"),
    # a Japanese column without a Chinese character declared Chinese (one with kanji is
    # taken as declared: the tag, not a guess from letters, says which language it is)
    ("kana.tsv", "zh-CN\ten\nダウンロード\tDownload\n".encode(),
     "kana.tsv:2: declared zh-CN, but the text reads as neither Chinese nor English (100% of the "
     "units; here: 'ダウンロード')"),
    ("russian.tsv", "zh-CN\ten\n中文\tПривет мир\n".encode(),
     "russian.tsv:2: declared en, but the text reads as neither Chinese nor English "
     "(100% of the units; here: 'Привет мир')"),
    ("neither.csv", "source,target\nHello,Bonjour\n".encode(),
     "neither.csv:1: cannot tell the languages of the source and target columns: the source "
     "reads as English, the target as English (a Chinese-English file needs one of each)"),
    ("russian.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en-GB"/>\n<body>\n'
     b'<tu><tuv xml:lang="en-GB"><seg>Hello</seg></tuv><tuv xml:lang="ru-RU"><seg>x</seg></tuv></tu>'
     b'</body></tmx>', "russian.tmx: no Chinese in this file (languages: en-GB, ru-RU); a "
     "Chinese-English memory needs a Chinese and an English side"),
    ("nul.tsv", (TSV + "空\x00字节\tNUL\n").encode(),
     "nul.tsv:4: NUL byte in text (is this a binary or UTF-16 file?)"),
    ("quote.csv", 'zh-CN,en\n中文,"unclosed\n'.encode(),
     "quote.csv:2: malformed CSV: unexpected end of data"),
    ("truncated.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh-CN"/>\n<body>\n'
     b'<tu><tuv xml:lang="zh-CN"><seg>\xe4\xb8\xad</seg></tuv><tuv xml:lang="en"><seg>Chin',
     "truncated.tmx:4: not well-formed XML: the file ends inside an element (truncated?)"),
    ("bomb.tmx", b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
     b'<tmx><body/></tmx>',
     "bomb.tmx:2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    ("page.xml", b"<html><body/></html>", "page.xml:1: XML with root element <html> is neither TMX nor XLIFF"),
    ("notes.txt", "just some words\n".encode(), "notes.txt:1: cannot tell the format: not XML, and "
     "the first line has neither tabs nor commas (TSV/CSV need a header such as 'zh-CN<TAB>en')"),
]


@pytest.mark.parametrize("name,data,message", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_one_clear_error_and_nothing_stored(runner, here, db_path, name, data, message):
    Path("good.tsv").write_text(TSV, encoding="utf-8")
    assert runner.invoke(cli, ["import", "good.tsv"]).exit_code == 0
    before = units(db_path)
    Path(name).write_bytes(data)
    result = runner.invoke(cli, ["import", name])
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")
    assert units(db_path) == before


UNIT_PROBLEMS = [
    ("swapped.tsv", (TSV + "Chinese\t中文\n").encode(), 4,
     "the Chinese and English sides look swapped"),
    ("both-zh.csv", "zh-CN,en\n中文,中文\n算力,computing power\n".encode(), 2,
     "both sides look Chinese"),
    ("untranslated.csv", "zh-CN,en\n中文,Chinese\n未翻译,\n".encode(), 3,
     "untranslated: the English side is empty"),
    ("untranslated-en.tsv", "source\ttarget\nChinese\t中文\nUntranslated\t\n".encode(), 3,
     "untranslated: the Chinese side is empty"),
]


@pytest.mark.parametrize("name,data,line,reason", UNIT_PROBLEMS, ids=[u[0] for u in UNIT_PROBLEMS])
def test_a_unit_that_cannot_be_stored_is_skipped_and_counted(runner, here, db_path, name, data,
                                                             line, reason):
    Path(name).write_bytes(data)
    result = runner.invoke(cli, ["import", name])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == f"1 skipped: {reason} (line {line})"
    stored = units(db_path)
    assert len(stored) == data.decode().count("\n") - 2


@pytest.mark.parametrize("name,data,line,reason", UNIT_PROBLEMS, ids=[u[0] for u in UNIT_PROBLEMS])
def test_strict_makes_it_an_error_and_stores_nothing(runner, here, db_path, name, data, line,
                                                     reason):
    Path(name).write_bytes(data)
    result = runner.invoke(cli, ["import", name, "--strict"])
    assert (result.exit_code, result.output) == (2, f"Error: {name}:{line}: {reason}\n")
    assert not units(db_path)


def test_skipped_lines_are_listed_up_to_eight(runner, here, db_path):
    rows = "".join(f"第{i}句。\tSentence {i}.\n" if i % 3 else f"第{i}句。\t\n" for i in range(40))
    Path("many.tsv").write_text("zh-CN\ten\n" + rows, encoding="utf-8")
    result = runner.invoke(cli, ["import", "many.tsv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Imported 26 units from many.tsv (tsv): 26 added, 0 duplicates skipped.",
        "14 skipped: untranslated: the English side is empty (lines 2, 5, 8, 11, 14, 17, 20, 23, …)"]


def test_encoding_option(runner, here, db_path):
    Path("latin1.tsv").write_bytes("zh-CN\ten\n咖啡\tcaf\u00e9\n".encode("gb18030"))
    result = runner.invoke(cli, ["import", "latin1.tsv", "--encoding", "gb18030"])
    assert result.exit_code == 0, result.output
    assert [(u.zh, u.en) for u in units(db_path)] == [("咖啡", "caf\u00e9")]
    result = runner.invoke(cli, ["import", "latin1.tsv", "--encoding", "klingon"])
    assert (result.exit_code, result.output) == (2, "Error: unknown encoding 'klingon'\n")


def test_a_wrong_encoding_given_that_makes_mojibake_is_refused(runner, here, db_path):
    """UTF-8 Chinese read as Latin-1 is Latin-1 letters and C1 controls, no Han and no ASCII
    letter: it was stored as the Chinese side (exit 0)."""
    Path("utf8.tsv").write_text("zh-CN\ten\n支持算力技术攻关。\tSupport computing research.\n"
                                "建设平台。\tBuild platforms.\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "utf8.tsv", "--encoding", "latin-1"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: utf8.tsv:2: declared zh-CN, but the text reads as neither "
                                    "Chinese nor English")
    assert not db_path.exists() or units(db_path) == []


def test_utf16_named_for_a_file_without_a_bom_is_one_line(runner, here, db_path):
    """Python's UTF-16 decoder raises a plain UnicodeError, not a UnicodeDecodeError, for
    a stream without a BOM: that was a traceback."""
    Path("plain.tsv").write_text("zh-CN\ten\n咖啡\tcoffee\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "plain.tsv", "--encoding", "utf-16"])
    assert (result.exit_code, result.output) == \
        (2, "Error: plain.tsv:1: cannot decode as UTF-16 (BOM) (UTF-16 stream does not start with BOM)\n")
    assert not db_path.exists() or units(db_path) == []


def test_missing_file(runner, here, db_path):
    result = runner.invoke(cli, ["import", "nope.tmx"])
    assert (result.exit_code, result.output) == (2, "Error: nope.tmx: cannot open: No such file or directory\n")
    assert not db_path.exists()


def test_database_that_is_not_ours(runner, here, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    Path("pairs.tsv").write_text(TSV, encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(other), "import", "pairs.tsv"])
    assert (result.exit_code, result.output) == (
        2, f"Error: {other}: an SQLite database that was not made by this tool (tables: invoices)\n")
    Path("text.db").write_text("not a database", encoding="utf-8")
    result = runner.invoke(cli, ["--db", "text.db", "export"])
    assert (result.exit_code, result.output) == (
        2, "Error: text.db: not an SQLite database (is it the right file?)\n")


def test_export_of_a_missing_database(runner, here):
    result = runner.invoke(cli, ["--db", "missing.db", "export"])
    assert (result.exit_code, result.output) == \
        (2, "Error: missing.db: no such database \u2014 create one with tm align or tm import\n")
    assert not Path("missing.db").exists()


@pytest.mark.parametrize("sep,name", [("\t", "huge.tsv"), (",", "huge.csv")])
def test_100mb_single_line_is_refused(runner, here, db_path, sep, name):
    with open(name, "wb") as fh:
        fh.write(f"zh-CN{sep}en\n".encode())
        block = ("长" * 1000 + sep).encode() * 1000
        for _ in range(35):                         # ~105 MB, no newline
            fh.write(block)
    result = runner.invoke(cli, ["import", name])
    assert (result.exit_code, result.output) == (
        2, f"Error: {name}:2: line longer than 1000000 characters\n")
    assert units(db_path) == []


def test_csv_round_trip_with_formulas_newlines_and_quotes(runner, here, db_path):
    rows = [("公式", "=HYPERLINK(\"http://x\",\"click\")"), ("减号", "-2 million"),
            ("多行\n文本", 'line one\n"quoted" line two'), ("撇号", "'=not a formula")]
    with open("in.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["zh-CN", "en"])
        writer.writerows([(zh, "'" + en if en[0] in "=-'" else en) for zh, en in rows])
    assert runner.invoke(cli, ["import", "in.csv"]).exit_code == 0
    assert [(u.zh, u.en) for u in units(db_path)] == rows
    result = runner.invoke(cli, ["export", "--format", "csv", "-o", "out.csv"])
    assert result.exit_code == 0
    with open("out.csv", encoding="utf-8", newline="") as fh:
        cells = list(csv.reader(fh))
    assert cells == [["zh-CN", "en"], ["公式", "'=HYPERLINK(\"http://x\",\"click\")"],
                     ["减号", "'-2 million"], ["多行\n文本", 'line one\n"quoted" line two'],
                     ["撇号", "''=not a formula"]]
    assert not any(c[:1] in ("=", "+", "-", "@") for row in cells for c in row)


def test_failed_export_leaves_no_file(runner, here, db_path):
    db = store.open_store(db_path)
    from tm.models import TranslationUnit
    store.import_units(db, [TranslationUnit(zh="空字符", en="NUL \x00 inside")])
    result = runner.invoke(cli, ["export", "--format", "csv", "-o", "out.csv"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: unit h:")
    assert result.output.endswith(": NUL characters cannot be written to CSV\n")
    assert sorted(os.listdir(".")) == []


def test_xliff_one_file_per_pair(runner, here, db_path):
    align_plan(db_path)
    Path("pairs.tsv").write_text(TSV, encoding="utf-8")
    runner.invoke(cli, ["import", "pairs.tsv", "--pair", "sample"])
    result = runner.invoke(cli, ["export", "--format", "xliff", "-o", "review.xlf"])
    assert (result.exit_code, result.output) == (
        2, "Error: the memory holds more than one document pair; choose one with --pair NAME, "
           "or give a directory to -o for one file per pair\n")
    assert not Path("review.xlf").exists()
    Path("review").mkdir()
    result = runner.invoke(cli, ["export", "--format", "xliff", "-o", "review"])
    assert result.exit_code == 0
    n = len([u for u in units(db_path) if u.pair == PAIR])
    assert result.output == (f"review/{PAIR}.xlf: {n} units ({PAIR})\n"
                             f"review/sample.xlf: 2 units (sample)\n")
    result = runner.invoke(cli, ["export", "--format", "xliff", "-o", "new-dir/"])
    assert result.exit_code == 0
    assert sorted(p.name for p in Path("new-dir").iterdir()) == sorted([f"{PAIR}.xlf", "sample.xlf"])
    result = runner.invoke(cli, ["export", "--format", "xliff", "--pair", "sample", "--version", "1.2"])
    assert result.exit_code == 0
    assert result.output.count("<trans-unit ") == 2


def test_export_options_are_checked(runner, here, db_path):
    Path("pairs.tsv").write_text(TSV, encoding="utf-8")
    runner.invoke(cli, ["import", "pairs.tsv"])
    result = runner.invoke(cli, ["export", "--format", "tsv", "--fields", "key,colour"])
    assert (result.exit_code, result.output) == (
        2, "Error: --fields: unknown field 'colour' (choose from key, pair, position, shape, "
           "confidence, origin, status, created, changed, changed_by, note)\n")
    result = runner.invoke(cli, ["export", "--format", "tmx", "--fields", "key"])
    assert (result.exit_code, result.output) == (2, "Error: --fields applies to tsv and csv only\n")
    result = runner.invoke(cli, ["export", "--format", "tsv", "--fields", "key,status"])
    assert result.output.split("\n")[0] == "zh-CN\ten\tkey\tstatus"


@pytest.mark.parametrize("args, message", [
    (["--format", "tsv", "--version", "2.1"], "--version applies to xliff only (this export is tsv)"),
    (["-o", "out.tmx", "--version", "1.2"], "--version applies to xliff only (this export is tmx)"),
    (["--format", "csv", "--review-below", "0.8"], "--review-below applies to xliff only (this export is csv)"),
    (["--format", "tsv", "--fields", ""], "--fields: no field named (an unset variable?): give some of key, "
                                          "pair, position, shape, confidence, origin, status, created, changed, "
                                          "changed_by, note"),
    (["--format", "tsv", "--fields", " , "], "--fields: no field named (an unset variable?): give some of key, "
                                             "pair, position, shape, confidence, origin, status, created, "
                                             "changed, changed_by, note"),
    (["--format", "tmx", "--fields", ""], "--fields applies to tsv and csv only"),
])
def test_export_options_that_would_be_ignored_are_errors(runner, here, db_path, args, message):
    """`tm export --format tsv --version 2.1` and `--fields ""` (an unset variable) were
    accepted and ignored: the user believed the option had done something."""
    Path("pairs.tsv").write_text(TSV, encoding="utf-8")
    assert runner.invoke(cli, ["import", "pairs.tsv"]).exit_code == 0
    result = runner.invoke(cli, ["export", *args])
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")
    assert not Path("out.tmx").exists()
    result = runner.invoke(cli, ["export", "--format", "xliff", "--version", "1.2", "--review-below", "0.8"])
    assert result.exit_code == 0 and "<trans-unit " in result.output


@pytest.mark.parametrize("command", ["import", "export"])
def test_help_has_an_example(runner, command):
    result = runner.invoke(cli, [command, "-h"])
    assert result.exit_code == 0
    assert "Example:\n" in result.output and f"tm {command}" in result.output


def test_a_chinese_side_with_a_kana_or_hangul_letter_imports_as_declared(runner, here, db_path):
    """A Chinese character beside a stray kana or hangul letter read as "neither Chinese nor
    English": the memory's own TSV export of such a unit (which the library stores) was
    refused on import again."""
    Path("stray.tsv").write_text("zh-CN\ten\n中ᄀ\tA\n点击の按钮\tClick the button\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "stray.tsv"])
    assert result.exit_code == 0, result.output
    assert [(u.zh, u.en) for u in units(db_path)] == [("中ᄀ", "A"), ("点击の按钮", "Click the button")]
