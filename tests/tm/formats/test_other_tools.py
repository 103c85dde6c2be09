"""Files from other CAT tools: what they say is read as they mean it, and what the memory
writes back carries only what is known."""

from __future__ import annotations

import io

import pytest

from tm.formats.common import read_units


# --------------------------------------------------------------------------- headers with a tag

@pytest.mark.parametrize("cell, language, tag, said", [
    ("Source (en-US)", "en", "en-US", "source"),
    ("Target (zh-CN)", "zh", "zh-CN", "target"),
    ("Source (zh-Hans)", "zh", "zh-Hans", "source"),
    ("Term (en)", "en", "en", None),                # a glossary's term column: no direction
    ("Term [zh_TW]", "zh", "zh-TW", None),
    ("Chinese (zh-Hant)", "zh", "zh-Hant", None),
    ("译文（zh-CN）", "zh", "zh-CN", "target"),
    ("Translation (en-GB)", "en", "en-GB", "target"),
    ("English (zh-CN)", None, None, None),          # a name its tag contradicts
    ("Source (de-DE)", None, None, None),           # neither Chinese nor English
    ("Notes (en)", None, None, None),               # a field of the language, not its terms
])
def test_a_side_or_language_name_with_a_bracketed_tag_names_the_columns_language(cell, language, tag, said):
    """`Source (en-US)` / `Target (zh-CN)` (Smartcat, Phrase, Excel exports of Trados and
    memoQ term lists) were no column names the readers knew: the files were refused."""
    from tm.text.lang import column_language, column_side, column_tag
    assert (column_language(cell), column_tag(cell), column_side(cell)) == (language, tag, said)


@pytest.mark.parametrize("header, row, srclang, zh_lang, en_lang", [
    ("Source (en-US)\tTarget (zh-CN)", "Open file\t打开文件", "en-US", None, "en-US"),
    ("Source (zh-Hans)\tTarget (en)", "打开文件\tOpen file", "zh-Hans", "zh-Hans", None),
    ("Target (zh-TW)\tSource (en)", "打開檔案\tOpen file", "en", "zh-TW", None),
    ("Term (en)\tTerm (zh-CN)", "Open file\t打开文件", None, None, None),
])
def test_memory_tsv_with_tagged_side_headers_is_read_with_its_direction_and_tags(header, row, srclang,
                                                                                  zh_lang, en_lang):
    [unit] = read_units(io.BytesIO(f"{header}\n{row}\n".encode()), name="m.tsv")
    assert (unit.zh, unit.en) == ("打开文件" if "打开" in row else "打開檔案", "Open file")
    assert (unit.srclang, unit.zh_lang, unit.en_lang) == (srclang, zh_lang, en_lang)


def test_memory_csv_with_tagged_side_headers_is_read():
    [unit] = read_units(io.BytesIO("Source (en-US),Target (zh-CN),Notes\nSave,保存,menu\n".encode()),
                        name="m.csv")
    assert (unit.zh, unit.en, unit.srclang, unit.props) == ("保存", "Save", "en-US", {"Notes": "menu"})


# --------------------------------------------------------------------------- nothing invented

UNDATED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" datatype="plaintext"
 segtype="sentence" adminlang="en" srclang="en" o-tmf="x"/>
<body>
<tu tuid="open"><tuv xml:lang="en"><seg>Open file</seg></tuv><tuv xml:lang="zh-CN"><seg>打开文件</seg></tuv></tu>
<tu tuid="save" creationdate="20200102T030405Z"><tuv xml:lang="en"><seg>Save</seg></tuv>
<tuv xml:lang="zh-CN"><seg>保存</seg></tuv></tu>
<tu tuid="close" creationdate="20200102T030405Z" changedate="20210102T030405Z"><tuv xml:lang="en">
<seg>Close</seg></tuv><tuv xml:lang="zh-CN"><seg>关闭</seg></tuv></tu>
</body></tmx>"""


def _imported(tmp_path, text=UNDATED, name="a.tmx"):
    from tm.exchange import import_file
    from tm.memory import store
    db = store.open_store(tmp_path / "m.db")
    import_file(db, io.BytesIO(text.encode()), name=name)
    return db


def _exported(db, fmt, **options) -> str:
    from tm.exchange import export_units
    out = io.StringIO()
    export_units(db, out, fmt=fmt, **options)
    return out.getvalue()


def _dates(tmx: str) -> dict:
    from lxml import etree
    root = etree.fromstring(tmx.encode())
    return {tu.get("tuid"): (tu.get("creationdate"), tu.get("changedate")) for tu in root.iter("tu")}


def test_an_export_writes_no_date_the_file_did_not_give(tmp_path):
    """A <tu> without creationdate was exported with the import's time as its creation and
    change date, and one with only a creation date with that date as its change date: the
    export said things of the translation that nobody knew."""
    from _io_helpers import parse_xml, tmx_dtd, xliff21_schema
    db = _imported(tmp_path)
    tmx = _exported(db, "tmx")
    assert _dates(tmx) == {"open": (None, None), "save": ("20200102T030405Z", None),
                           "close": ("20200102T030405Z", "20210102T030405Z")}
    assert tmx_dtd().validate(parse_xml(tmx.encode()))
    xliff = _exported(db, "xliff")
    assert xliff.count('<mda:meta type="created">') == 2 and xliff.count('<mda:meta type="changed">') == 1
    schema = xliff21_schema()
    assert schema.validate(parse_xml(xliff.encode())), schema.error_log.filter_from_errors()
    rows = _exported(db, "tsv", fields=("key", "created", "changed")).splitlines()[1:]
    assert sorted(r.split("\t")[2:5] for r in rows) == [
        ["close", "2020-01-02T03:04:05Z", "2021-01-02T03:04:05Z"], ["open", "", ""],
        ["save", "2020-01-02T03:04:05Z", ""]]


def test_a_date_a_person_gave_since_is_exported(tmp_path):
    """An edit sets the change date: a fact, written; the creation date stays unknown."""
    from tm.memory.edit import edit_unit
    db = _imported(tmp_path)
    edit_unit(db, "open", en="Open a file", now=lambda: "2026-03-04T05:06:07Z")
    edit_unit(db, "save", en="Save it", now=lambda: "2026-03-04T05:06:07Z")
    dates = _dates(_exported(db, "tmx"))
    assert (dates["open"], dates["save"]) == ((None, "20260304T050607Z"),
                                              ("20200102T030405Z", "20260304T050607Z"))


def test_a_change_made_in_the_second_of_the_import_is_still_exported(tmp_path):
    """An edit, a status mark or a review applied in the second the import filled the dates
    in set the change date to the date filled in, and the export left it out as unknown: a
    script that imports and then fixes a unit lost the fix's date (4 runs in 6 here)."""
    from tm.formats.common import iso_to_basic
    from tm.memory import store
    from tm.memory.edit import edit_unit, mark_unit

    def filled(db, key):        # the change date the store filled in: the edit comes in that second
        return store.get_unit(db, key).changed

    db = _imported(tmp_path)
    at_open, at_save = filled(db, "open"), filled(db, "save")
    edit_unit(db, "open", en="Open a file", now=lambda: at_open)
    mark_unit(db, "save", status="reviewed", now=lambda: at_save)
    dates = _dates(_exported(db, "tmx"))
    assert (dates["open"], dates["save"]) == ((None, iso_to_basic(at_open)),
                                              ("20200102T030405Z", iso_to_basic(at_save)))
    (tmp_path / "again").mkdir()
    db = _imported(tmp_path / "again")
    at_open = filled(db, "open")
    store.update_unit(db, "open", en="Open a file", changed=at_open)
    assert _dates(_exported(db, "tmx"))["open"] == (None, iso_to_basic(at_open))


def test_a_file_imported_again_over_its_units_invents_no_date_either(tmp_path):
    from tm.exchange import import_file
    db = _imported(tmp_path)
    import_file(db, io.BytesIO(UNDATED.replace("Open file", "Open the file").encode()), name="a.tmx",
                on_duplicate="replace")
    assert _dates(_exported(db, "tmx"))["open"] == (None, None)


def test_the_memorys_own_export_read_back_keeps_its_dates_unknown(tmp_path):
    exported = _exported(_imported(tmp_path), "tmx")
    (tmp_path / "again").mkdir()
    again = _imported(tmp_path / "again", exported, name="b.tmx")
    assert _dates(_exported(again, "tmx"))["open"] == (None, None)


# --------------------------------------------------------------------------- codes across segments

SPANNING = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-CN">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>
   <segment state="translated"><source>Click <sc id="1" dataRef="d1"/>Save now.</source>
    <target>点击<sc id="1" dataRef="d1"/>立即保存。</target></segment>
   <ignorable><source> </source></ignorable>
   <segment state="translated"><source>Then close<ec startRef="1" dataRef="d2"/> it.</source>
    <target>然后关闭<ec startRef="1" dataRef="d2"/>。</target></segment>
  </unit>
 </file>
</xliff>"""


def test_an_xliff2_code_pair_spanning_segments_is_one_pair(tmp_path):
    """The <sc> of one segment and the <ec> of the next were read as two unrelated standalone
    codes ({1/} … {2/}), and written to TMX as two isolated codes: the bold of the unit was lost."""
    from _io_helpers import parse_xml, tmx_dtd, xliff21_schema
    from tm.formats.tmx import read_tmx, write_tmx
    from tm.formats.xliff import read_xliff, write_xliff
    from tm.text import codes as C
    [unit] = read_xliff(io.BytesIO(SPANNING.encode()), name="s.xlf")
    assert (C.display(unit.en), C.display(unit.zh)) == ("Click {1}Save now. Then close{/1} it.",
                                                        "点击{1}立即保存。 然后关闭{/1}。")
    assert unit.codes["en"] == {"1": '<sc id="1" dataRef="d1"/>', "/1": '<ec startRef="1" dataRef="d2"/>'}
    out = io.StringIO()
    write_tmx([unit], out)
    assert tmx_dtd().validate(parse_xml(out.getvalue().encode()))
    assert '<bpt i="1" x="1">&lt;b&gt;</bpt>立即保存。 然后关闭<ept i="1">&lt;/b&gt;</ept>' in out.getvalue()
    [back] = read_tmx(io.BytesIO(out.getvalue().encode()), name="s.tmx")
    assert (back.zh, back.en) == (unit.zh, unit.en)
    out = io.StringIO()
    write_xliff([unit], out, version="2.1")
    schema = xliff21_schema()
    assert schema.validate(parse_xml(out.getvalue().encode())), schema.error_log.filter_from_errors()
    [again] = read_xliff(io.BytesIO(out.getvalue().encode()), name="s2.xlf")
    assert (again.zh, again.en, again.codes) == (unit.zh, unit.en, unit.codes)


def test_an_xliff2_code_closed_in_no_segment_stays_standalone():
    from tm.formats.xliff import read_xliff
    from tm.text import codes as C
    text = SPANNING.replace('<ec startRef="1" dataRef="d2"/>', "")
    [unit] = read_xliff(io.BytesIO(text.encode()), name="s.xlf")
    assert C.display(unit.en) == "Click {1/}Save now. Then close it."


# --------------------------------------------------------------------------- what is not kept, told

TRADOS_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="SDL Language Platform" creationtoolversion="8.0" datatype="xml"
 segtype="sentence" adminlang="en-US" srclang="en-US" o-tmf="SDL TM8 Format">
<!-- a comment --><prop type="x-Recognizers">RecognizeAll</prop><prop type="x-TMName">Client TM</prop>
<note>for Client X</note></header>
<body><tu><prop type="x-Client">ACME</prop><note>menu item</note><tuv xml:lang="en-US"><seg>Open file</seg></tuv>
<tuv xml:lang="zh-CN"><seg>打开文件</seg></tuv></tu></body></tmx>"""

XLIFF2_FILE_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-CN">
 <file id="f1"><notes><note>Formal register; keep under 30 characters.</note></notes>
  <unit id="u1"><notes><note>a menu item</note></notes>
   <segment state="translated"><source>Open file</source><target>打开文件</target></segment></unit>
 </file>
</xliff>"""


@pytest.mark.parametrize("text, name, note", [
    (TRADOS_HEADER, "t.tmx", "the header's <prop>s and <note>s are not kept: they are about the file and "
                             "the tool that wrote it, not its units (each <tu>'s own are)"),
    (XLIFF2_FILE_NOTES, "f.xlf", "the file's own notes (<file> <notes>, or a 1.2 <header> <note>) are not "
                                 "kept: they are about the document, not its units"),
])
def test_what_a_file_says_of_itself_is_not_kept_and_the_import_says_so(tmp_path, text, name, note):
    """A TMX header's props are the settings of the tool that wrote it (Trados' recognizers,
    its TM's name), its notes and an XLIFF file's notes are about that file: a memory export,
    a new file of units from any number of imports, cannot say them of itself. They were
    dropped without a word; the import now says so. A unit's own props and notes are kept."""
    from tm.models import Skipped
    skipped = Skipped()
    [unit] = read_units(io.BytesIO(text.encode()), name=name, skipped=skipped)
    assert skipped.notes() == [note]
    assert unit.note in ("menu item", "a menu item")
    if name.endswith(".tmx"):
        assert unit.props == {"x-Client": "ACME"}
        db = _imported(tmp_path, text, name)
        tmx = _exported(db, "tmx")
        assert '<prop type="x-Client">ACME</prop>' in tmx and "<note>menu item</note>" in tmx
        assert "RecognizeAll" not in tmx and "for Client X" not in tmx
