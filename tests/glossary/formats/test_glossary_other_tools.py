"""Glossaries from other CAT tools: their headers and fields read as they mean them."""

import pytest

from glossary.errors import InputError
from glossary.formats.tabular import read_tabular


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("header, row, tag", [
    ("Source (en-US),Target (zh-CN)", "computing power,算力", None),
    ("Source (zh-Hans),Target (en)", "算力,computing power", "zh-Hans"),
    ("Term (en),Term (zh-TW)", "software,軟體", "zh-TW"),
    ("Term (zh),Term (en),Notes", "算力,computing power,", None),
    ("English [en-GB],Chinese [zh-Hant]", "software,軟體", "zh-Hant"),
])
def test_side_or_language_names_with_a_bracketed_tag_are_the_glossarys_columns(tmp_path, header, row, tag):
    """`Source (en-US)` / `Target (zh-CN)` were refused: 'the first row ... reads as a
    header of unknown column names'."""
    [entry] = read_tabular(write(tmp_path, "g.csv", f"{header}\n{row}\n"))
    zh = "算力" if "算力" in row else "軟體"
    assert (entry.zh, entry.approved, entry.zh_lang) == (zh, ["computing power" if zh == "算力" else "software"],
                                                         tag)


def test_a_bracketed_tag_of_another_language_is_still_refused(tmp_path):
    with pytest.raises(InputError, match=r"g\.csv:1: the header must name exactly one en column"):
        read_tabular(write(tmp_path, "g.csv", "Source (de-DE),Target (zh-CN)\nRechenleistung,算力\n"))


# --------------------------------------------------------------------------- TBX metadata kept

TBX_WITH_HISTORY = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>client term base</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="ENT-42">
  <transacGrp><transac type="transactionType">origination</transac>
    <transacNote type="responsibility">Li Wei</transacNote><date>2019-05-06</date></transacGrp>
  <transacGrp><transac type="transactionType">modification</transac>
    <transacNote type="responsibility">Anna</transacNote><date>2021-02-03T04:05:06Z</date></transacGrp>
  <langSet xml:lang="zh-CN"><tig><term>算力</term></tig></langSet>
  <langSet xml:lang="en-US">
    <tig><term>computing power</term><note>preferred in US documents</note>
      <transacGrp><transac type="transactionType">origination</transac>
        <transacNote type="responsibility">Anna</transacNote><date>2020-01-01</date></transacGrp></tig>
    <tig><term>compute</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
      <note>jargon: not in customer-facing text</note></tig>
  </langSet>
</termEntry>
<termEntry id="e1">
  <langSet xml:lang="zh-CN"><tig><term>智算</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>intelligent computing</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def _through_the_term_base(tmp_path, fmt: str) -> bytes:
    from glossary.termbase.store import entries, export_entries, load_glossary_file, merge_entries, open_termbase
    path = tmp_path / "in.tbx"
    path.write_text(TBX_WITH_HISTORY, encoding="utf-8")
    db = open_termbase(tmp_path / "t.db")
    merge_entries(db, load_glossary_file(path))
    db.close()
    db = open_termbase(tmp_path / "t.db")         # what was stored, not what was held
    return export_entries(list(entries(db)), fmt)


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_tbx_notes_on_english_terms_and_who_when_survive_import_and_export(tmp_path, fmt):
    """A note on an English term (a usage note, why a rendering is deprecated) and the
    entry's and terms' transacGrp (who made or changed it, when) were dropped on import: the
    term base's export had lost the terminologist's record. The entry's id in its file is
    written back too (where no other entry has it), not a number made up by the export."""
    from lxml import etree
    from test_tbx import TBX_DIR
    from test_tbx import _schematron_failures as schematron_failures
    data = _through_the_term_base(tmp_path, fmt)
    doc = etree.fromstring(data)
    if fmt == "tbx":
        dtd = etree.DTD(str(TBX_DIR / "TBXcoreStructV02.dtd"))
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    else:
        rng = etree.RelaxNG(etree.parse(str(TBX_DIR / "TBXcoreStructV03.rng")))
        assert rng.validate(doc), rng.error_log.filter_from_errors()
        assert schematron_failures(data) == []
    entry = next(e for e in doc.iter("{*}termEntry", "{*}conceptEntry") if "算力" in "".join(e.itertext()))
    assert entry.get("id") == "ENT-42"
    groups = [[(c.tag.rsplit("}", 1)[-1], c.text) for c in g] for g in entry.iter("{*}transacGrp")]
    assert groups == [
        [("transac", "origination"), ("transacNote", "Li Wei"), ("date", "2019-05-06")],
        [("transac", "modification"), ("transacNote", "Anna"), ("date", "2021-02-03T04:05:06Z")],
        [("transac", "origination"), ("transacNote", "Anna"), ("date", "2020-01-01")]]
    terms = {t.findtext("{*}term"): [n.text for n in t.findall("{*}note") if not n.text.startswith("pinyin:")]
             for t in entry.iter("{*}tig", "{*}termSec")}
    assert terms == {"算力": [], "computing power": ["preferred in US documents"],
                     "compute": ["jargon: not in customer-facing text"]}
    ids = [e.get("id") for e in doc.iter("{*}termEntry", "{*}conceptEntry")]
    assert len(set(ids)) == len(ids) == 2


def test_tbx_metadata_read_back_from_the_export_is_the_same(tmp_path):
    from glossary.formats.tbx import read_tbx
    first = read_tbx(_write(tmp_path, "a.tbx", TBX_WITH_HISTORY))
    again = read_tbx(_write(tmp_path, "b.tbx", _through_the_term_base(tmp_path, "tbx").decode()))
    assert {e.zh: e.meta for e in again} == {e.zh: e.meta for e in first}


TBX_TWO_ENGLISHES = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>client term base</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="c7">
  <langSet xml:lang="zh-CN"><tig><term>颜色空间</term></tig></langSet>
  <langSet xml:lang="en-GB"><tig><term>colour space</term></tig></langSet>
  <langSet xml:lang="en-US"><tig><term>color space</term></tig>
    <tig><term>colour gamut</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</termEntry>
</body></text></martif>
"""


@pytest.mark.parametrize("fmt", ["tbx", "tbx3"])
def test_english_variants_of_a_tbx_entry_are_exported_as_the_file_tagged_them(tmp_path, fmt):
    """An English langSet tagged en-US or en-GB was exported as plain `en`: a client's
    term base that keeps British and American spellings apart came back with them merged."""
    from lxml import etree

    from glossary.termbase.store import entries, export_entries, load_glossary_file, merge_entries, open_termbase
    db = open_termbase(tmp_path / "t.db")
    merge_entries(db, load_glossary_file(_write(tmp_path, "in.tbx", TBX_TWO_ENGLISHES)))
    doc = etree.fromstring(export_entries(list(entries(db)), fmt))
    sides = {s.get("{http://www.w3.org/XML/1998/namespace}lang"): [t.text for t in s.iter("{*}term")]
             for s in doc.iter("{*}langSet", "{*}langSec")}
    assert sides == {"zh-CN": ["颜色空间"], "en-GB": ["colour space"], "en-US": ["color space", "colour gamut"]}


def test_a_columns_english_variety_is_kept_and_files_adding_renderings_keep_each_others(tmp_path):
    """A column headed en-US or en-GB gave its terms no variety (the TBX exports wrote them
    as en); and a second file merged into an entry replaced what the first said of its
    English terms instead of adding to it."""
    from lxml import etree

    from glossary.termbase.store import entries, export_entries, load_glossary_file, merge_entries, open_termbase
    db = open_termbase(tmp_path / "t.db")
    merge_entries(db, load_glossary_file(_write(tmp_path, "us.tsv", "zh\ten-US\n颜色\tcolor\n")))
    merge_entries(db, load_glossary_file(_write(tmp_path, "gb.tsv", "zh\tTarget (en-GB)\n颜色\tcolour\n")))
    doc = etree.fromstring(export_entries(list(entries(db)), "tbx"))
    sides = {s.get("{http://www.w3.org/XML/1998/namespace}lang"): [t.text for t in s.iter("term")]
             for s in doc.iter("langSet")}
    assert sides == {"zh-CN": ["颜色"], "en-US": ["color"], "en-GB": ["colour"]}


def test_a_deleted_entry_put_back_by_undo_keeps_what_its_file_gave_it(tmp_path):
    """`glossary delete` then `glossary undo` brought the entry back without its TBX id, its
    who-and-when and the notes on its English terms: the export after the undo had lost the
    terminologist's record the export before it held."""
    from click.testing import CliRunner

    from glossary.cli import cli
    tbx, db = _write(tmp_path, "in.tbx", TBX_WITH_HISTORY), str(tmp_path / "t.db")
    runner = CliRunner()

    def run(*args):
        done = runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        return done.output

    run("import", str(tbx))
    before = run("export", "--format", "tbx", "-o", "-")
    run("delete", "算力")
    assert "算力" not in run("export", "--format", "tbx", "-o", "-")
    run("undo")
    assert run("export", "--format", "tbx", "-o", "-") == before


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- DeepL

@pytest.mark.parametrize("name, text", [
    ("deepl.csv", "computing power,算力,EN,ZH\nlarge model,大模型,EN,ZH\n"),
    ("deepl.csv", "算力,computing power,zh,en\n大模型,large model,zh,en\n"),
    ("deepl.tsv", "computing power\t算力\ten\tzh\nlarge model\t大模型\ten\tzh\n"),
])
def test_a_deepl_glossary_with_language_codes_on_every_line_is_read(tmp_path, name, text):
    """DeepL writes its glossaries without a header, each line `source,target,EN,ZH`: the
    first line was taken for a header naming an English and a Chinese column (the codes),
    and the file refused ('the Chinese column (ZH) reads as English')."""
    entries = read_tabular(write(tmp_path, name, text))
    assert [(e.zh, e.approved, e.note) for e in entries] == [("算力", ["computing power"], None),
                                                               ("大模型", ["large model"], None)]


@pytest.mark.parametrize("text", ["computing power,算力,EN,ZH\n", "算力,computing power,zh,en\n"])
def test_a_deepl_glossary_of_one_entry_is_read(tmp_path, text):
    """A DeepL glossary of one term is one line of DeepL's shape: it was taken for a header
    with nothing below ('no entries found')."""
    [entry] = read_tabular(write(tmp_path, "deepl.csv", text))
    assert (entry.zh, entry.approved) == ("算力", ["computing power"])


def test_a_header_alone_of_deepls_shape_is_still_refused(tmp_path):
    with pytest.raises(InputError):
        list(read_tabular(write(tmp_path, "g.csv", "source,target,zh,en\n")))


def test_a_header_whose_language_cells_are_not_repeated_is_still_a_header(tmp_path):
    [entry] = read_tabular(write(tmp_path, "g.csv", "id,pos,en,zh\n7,n.,computing power,算力\n"))
    assert (entry.zh, entry.approved, entry.note) == ("算力", ["computing power"], "id: 7; pos: n.")


@pytest.mark.parametrize("name", ["g.tsv", "g.csv", "g.txt"])
def test_a_one_cell_file_is_refused_not_a_traceback(tmp_path, name):
    """A first row shorter than the columns read from the file (one cell, a NUL and a stray
    byte: the property test's example) made the English column's header be looked for past
    its end (IndexError) once the column's variety was read from it."""
    path = tmp_path / name
    path.write_bytes(b"\x00\x80")
    with pytest.raises(InputError):
        list(read_tabular(path))
