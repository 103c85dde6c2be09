"""Documents for tm align and glossary qa --zh/--en: Word, Excel bilingual tables, HTML,
Markdown as paragraphs (one a line), other binary kinds refused naming what is read.
The fixtures are made here (python-docx and openpyxl write them)."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from tm.cli import cli
from tm.errors import InputError
from tm.formats.textio import read_document

ZH = ["天津市人工智能行动方案", "推动人工智能产业发展。", "建设算力平台。", "支持大模型研发。"]
EN = ["Tianjin AI Action Plan", "Promote the development of the AI industry.",
      "Build computing platforms.", "Support research on large models."]


def _docx(path, lines, *, table_rows=()):
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    first = document.add_paragraph(lines[1][:4])
    first.add_run().add_break()                       # a line break inside a paragraph
    first.add_run(lines[1][4:])
    table = document.add_table(rows=0, cols=2)
    for a, b in table_rows:
        row = table.add_row().cells
        row[0].text, row[1].text = a, b
    for line in lines[2:]:
        document.add_paragraph(line)
    document.save(path)
    return path


def test_docx_paragraphs_headings_and_tables_in_order(tmp_path):
    path = _docx(tmp_path / "plan.zh.docx", ZH, table_rows=[("算力", "每秒运算")])
    text, kind = read_document(path)
    assert kind == "docx"
    assert text.split("\n") == [ZH[0], ZH[1], "算力", "每秒运算", ZH[2], ZH[3]]   # 推动人工 + 智能…: no space


def test_docx_english_line_break_joins_with_a_space(tmp_path):
    path = _docx(tmp_path / "plan.en.docx", EN)
    assert read_document(path)[0].split("\n")[1] == "Prom ote the development of the AI industry."


def test_xlsx_bilingual_table_gives_the_column_of_each_side(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["#", "English", "中文"])
    for i, (en, zh) in enumerate(zip(EN, ZH), 1):
        sheet.append([i, en, zh])
    path = tmp_path / "table.xlsx"
    book.save(path)
    assert read_document(path, side="zh") == ("\n".join(ZH), "xlsx")
    assert read_document(path, side="en")[0] == "\n".join(EN)
    with pytest.raises(InputError, match="read for one language"):
        read_document(path)


def test_xlsx_without_the_side_asked_for_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Open file", "Ouvrir le fichier"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    with pytest.raises(InputError) as err:
        read_document(path, side="zh")
    assert str(err.value) == (f"{path}: no Chinese column in this table (Sheet!A reads as English; "
                              "Sheet!B reads as English)")


def test_html_and_markdown_paragraphs(tmp_path):
    html = tmp_path / "a.html"
    html.write_text("<!DOCTYPE html><html><head><title>方案</title><style>p{}</style></head><body>"
                    "<h1>天津市<b>人工智能</b>行动方案</h1><div>导言<p>推动人工智能\n产业发展。</p></div>"
                    "<ul><li>建设算力平台。</li><li>支持大模型研发。</li></ul>"
                    "<script>var x = '不要';</script></body></html>", encoding="utf-8")
    assert read_document(html)[0].split("\n") == [
        "方案", ZH[0], "导言", "推动人工智能产业发展。", ZH[2], ZH[3]]
    md = tmp_path / "a.md"
    md.write_text("# Tianjin AI Action Plan\n\nPromote the **development** of the\nAI industry.\n\n"
                  "- Build computing platforms.\n- Support research on [large models](http://x).\n\n"
                  "```\ncode stays out\n```\n", encoding="utf-8")
    assert read_document(md)[0].split("\n") == EN


def test_an_html_title_that_repeats_a_heading_is_read_once(tmp_path):
    """A page titled as its <h1> gave the same text twice (two units of one sentence in
    the memory, and a sentence the other document lacks to align)."""
    html = tmp_path / "a.html"
    html.write_text("<html><head><title>技术服务合同</title></head><body><h1>技术服务合同</h1>"
                    "<p>甲方：天津某科技有限公司</p></body></html>", encoding="utf-8")
    assert read_document(html)[0].split("\n") == ["技术服务合同", "甲方：天津某科技有限公司"]


def test_text_beside_blocks_keeps_its_inline_parts(tmp_path):
    """Text directly in a container beside its blocks was read as the container's own text
    and the tails of its blocks only: an inline child's text and what follows it were lost
    ("Intro <b>bold</b> text" read "Intro"; 前言<b>重要</b>内容 read 前言)."""
    html = tmp_path / "a.html"
    html.write_text("<div>Intro <b>bold</b> text<p>Body.</p>after <i>it</i>.</div>"
                    "<div>前言<b>重要</b>内容<br>第二行<p>段落</p></div>", encoding="utf-8")
    assert read_document(html)[0].split("\n") == [
        "Intro bold text after it.", "Body.", "前言重要内容第二行", "段落"]


def test_html_line_breaks_join_as_in_word(tmp_path):
    """A <br> inside a block is a line break inside a paragraph: its parts are joined as
    a Word paragraph's are (a space between English words, nothing between Chinese
    characters), never glued ("2025.2.2 Party B" read as one number)."""
    html = tmp_path / "a.html"
    html.write_text("<p>from January 1, 2025 to December 31, 2025.<br>2.2 Party B shall report."
                    "</p><p>天津市<br/>人民政府<br>\n办公厅</p>", encoding="utf-8")
    assert read_document(html)[0].split("\n") == [
        "from January 1, 2025 to December 31, 2025. 2.2 Party B shall report.",
        "天津市人民政府办公厅"]


@pytest.mark.parametrize("name,data,what", [
    ("a.pdf", b"%PDF-1.7\n...", "a PDF file"),
    ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
     "a legacy Office file (.doc/.xls: save it as .docx/.xlsx)"),
    ("a.odt", None, "a zip file that is neither .docx nor .xlsx"),
    ("a.rtf", b"{\\rtf1\\ansi hello}", "an RTF file"),
    ("a.docx", "天津\n".encode(), "not a real docx file"),
])
def test_other_kinds_are_refused_naming_the_supported_types(tmp_path, name, data, what):
    path = tmp_path / name
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("content.xml", "<office:document/>")
        data = buf.getvalue()
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert str(err.value) == (f"{path}: {what}: not a document this tool reads (supported: plain "
                              "text (UTF-8/UTF-16/GB18030/Big5…), .docx, .xlsx, .html/.htm, .md)")


def test_a_docx_that_unpacks_beyond_the_document_limit_is_refused_before_unpacking(tmp_path, monkeypatch):
    """A .docx of 0.9 MB whose document.xml unpacks to 275 MB (8,000,000 small paragraphs)
    held 4.3 GB for over 300 s (tm align); the zip's own table of sizes refuses it first.
    (The limit is lowered here: the test's zip unpacks to a few MB.)"""
    from tm.formats import textio
    path = _docx(tmp_path / "big.docx", ZH + ["人" * 400_000])     # 1.2 MB of text, zipped small
    monkeypatch.setattr(textio, "MAX_DOCUMENT", 2**20)
    with zipfile.ZipFile(path) as z:
        unpacked = sum(part.file_size for part in z.infolist())
    assert unpacked > 2**20
    with pytest.raises(InputError) as err:
        read_document(path)
    assert str(err.value) == (f"{path}: its parts unpack to {unpacked / 2**20:,.0f} MB: larger than "
                              f"1 MB, not a document this tool reads whole")
    monkeypatch.setattr(textio, "MAX_DOCUMENT", unpacked)
    assert read_document(path)[1] == "docx"


def test_tm_align_reads_word_and_one_bilingual_table(tmp_path, monkeypatch):
    monkeypatch.setenv("TM_DB", str(tmp_path / "m.db"))
    zh = _docx(tmp_path / "plan.zh.docx", ZH)
    en = _docx(tmp_path / "plan.en.docx", EN)
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(tmp_path / "m.db"), "align", str(zh), str(en),
                                 "--no-store", "--beads", "-", "--model", "none"])
    assert result.exit_code == 0, result.output
    assert "[0]:[0]" in result.output and "read" in result.output   # the note: read as Word (.docx)
    book = openpyxl.Workbook()
    for en_line, zh_line in zip(EN, ZH):
        book.active.append([zh_line, en_line])
    table = tmp_path / "table.xlsx"
    book.save(table)
    result = runner.invoke(cli, ["--db", str(tmp_path / "m.db"), "align", str(table), str(table),
                                 "--no-store", "--beads", "-", "--model", "none"])
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("[")] == [
        f"[{i}]:[{i}]" for i in range(len(ZH))]
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4")
    result = runner.invoke(cli, ["--db", str(tmp_path / "m.db"), "align", str(bad), str(en), "--no-store", "--model", "none"])
    assert result.exit_code != 0
    assert result.output.startswith(f"Error: {bad}: a PDF file: not a document this tool reads")
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("root, message", [
    ('<tmx version="1.4"><header srclang="en"/><body/></tmx>', "a TMX translation memory, not a document (tm import reads it)"),
    ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"><file id="f"/></xliff>',
     "an XLIFF file, not a document (tm import or glossary qa reads it)"),
    ('<!-- exported --><martif type="TBX"><text><body/></text></martif>', "a TBX glossary, not a document (glossary import reads it)"),
    ('<tbx type="TBX-Basic" style="dca"><text><body/></text></tbx>', "a TBX glossary, not a document (glossary import reads it)"),
])
def test_an_exchange_file_given_as_a_document_is_refused(tmp_path, root, message):
    """tm align, glossary qa --zh/--en, glossary check read documents: a TMX given as the
    English one was aligned as 1,400 lines of English text (minutes, then nonsense)."""
    path = tmp_path / "memory.txt"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + root + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_document(path, side="en")
    assert str(caught.value) == f"{path}: {message}"


def test_other_xml_is_still_read_as_text(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text('<?xml version="1.0"?>\n<notes>Build computing power.</notes>\n', encoding="utf-8")
    assert "Build computing power." in read_document(path, side="en")[0]


# A sheet as openpyxl writes it (its size first, inline strings), the Chinese in column A,
# the English in B.
SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         f'<dimension ref="A1:B{len(ZH)}"/><sheetData>'
         + "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{zh}</t></is></c>'
                   f'<c r="B{i}" t="inlineStr"><is><t>{en}</t></is></c></row>'
                   for i, (zh, en) in enumerate(zip(ZH, EN), 1))
         + "</sheetData></worksheet>")
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "ha">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + "]>\n")


def _with_part(path, part, text):
    """A copy of the zip document ``path`` with ``part`` replaced by ``text``: a file damaged
    or crafted by hand, the rest as the library wrote it."""
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    parts[part] = text.encode("utf-8")
    out = path.with_name("bad-" + path.name)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, data in parts.items():
            z.writestr(filename, data)
    return out


def _table(tmp_path, sheet_xml):
    book = openpyxl.Workbook()
    book.active.append(["x", "y"])
    book.save(tmp_path / "table.xlsx")
    return _with_part(tmp_path / "table.xlsx", "xl/worksheets/sheet1.xml", sheet_xml)


B2 = SHEET.index('<c r="B2"')
CUT = B2 + len('<c r="B2" t="inl')                  # the sheet cut short inside a tag


@pytest.mark.parametrize("sheet_xml, message", [
    (SHEET[:CUT], "damaged workbook: sheet 'Sheet' (xl/worksheets/sheet1.xml): not well-formed XML: "
                  f"unclosed token: line 1, column {B2}"),
    (SHEET.replace('<c r="B2" t="inlineStr"><is><t>Promote the development of the AI industry.</t></is>',
                   '<c r="B2" t="n"><v>notanumber</v>'),
     "damaged workbook: sheet 'Sheet' (xl/worksheets/sheet1.xml): "
     "ValueError: could not convert string to float: 'notanumber'"),
    (LAUGHS + SHEET.replace("建设算力平台。", "&j;"),
     "workbook part xl/worksheets/sheet1.xml:1: DOCTYPE with an internal subset (entity declarations) "
     "is not accepted"),
    ('<!DOCTYPE worksheet [<!ENTITY leak SYSTEM "file:///etc/hostname">]>\n'
     + SHEET.replace("建设算力平台。", "&leak;"),
     "workbook part xl/worksheets/sheet1.xml:1: DOCTYPE with an internal subset (entity declarations) "
     "is not accepted"),
], ids=["cut-short", "text-in-a-number-cell", "billion-laughs", "external-entity"])
def test_a_damaged_or_crafted_xlsx_is_one_error_line(tmp_path, sheet_xml, message):
    """openpyxl reads a sheet only when its rows are asked for: a sheet cut short, a number
    cell holding text or a DOCTYPE declaring entities was a traceback from tm align."""
    assert read_document(_table(tmp_path, SHEET), side="zh")[0] == "\n".join(ZH)  # the sheet as written
    bad = _table(tmp_path, sheet_xml)
    en = _docx(tmp_path / "plan.en.docx", EN)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "align", str(bad), str(en),
                                      "--no-store", "--model", "none"])
    assert (result.exit_code, result.output) == (2, f"Error: {bad}: {message}\n")
    from glossary.cli import cli as glossary_cli
    result = CliRunner().invoke(glossary_cli, ["--db", str(tmp_path / "m.db"), "qa",
                                               "--zh", str(bad), "--en", str(en)])
    assert (result.exit_code, result.output) == (2, f"Error: {bad}: {message}\n")


@pytest.mark.parametrize("doctype, reference", [
    (LAUGHS.replace("worksheet", "w:document"), "&j;"),
    ('<!DOCTYPE w:document [<!ENTITY leak SYSTEM "file:///etc/hostname">]>\n', "&leak;"),
], ids=["billion-laughs", "external-entity"])
def test_a_docx_declaring_entities_is_refused(tmp_path, doctype, reference):
    """python-docx reads without resolving entities: the external one was read as nothing
    (the paragraph lost its text, silently)."""
    path = _docx(tmp_path / "plan.zh.docx", ZH)
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml").decode("utf-8")
    declaration, body = document.split("\n", 1)
    bad = _with_part(path, "word/document.xml",
                     declaration + "\n" + doctype + body.replace("建设算力平台。", reference))
    with pytest.raises(InputError) as err:
        read_document(bad)
    assert str(err.value) == (f"{bad}: Word document part word/document.xml:2: DOCTYPE with an "
                              "internal subset (entity declarations) is not accepted")


def test_the_page_title_is_not_replaced_by_an_icons_title(tmp_path):
    """An inline SVG's <title> (an icon's tooltip) was taken for the page's: the page's
    <title> was lost and the icon's text read first."""
    html = tmp_path / "a.html"
    html.write_text("<html><head><title>天津市人工智能行动方案</title></head><body><h1>总则</h1>"
                    "<p>第一段。</p><svg><title>关闭</title></svg><p>第二段。</p></body></html>", encoding="utf-8")
    lines = read_document(html)[0].split("\n")
    assert lines[0] == "天津市人工智能行动方案" and lines.count("关闭") <= 1
    assert lines[1:3] == ["总则", "第一段。"] and lines[-1] == "第二段。"
