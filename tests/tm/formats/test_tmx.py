"""TMX 1.4b: the plan's export validates against the DTD, loads in translate-toolkit,
round-trips through the memory; hostile and broken files get one clear error."""

from __future__ import annotations

import io
import re
import time

import pytest

from _io_helpers import PAIR, TRICKY, align_plan, clock, parse_xml, tmx_dtd
from conftest import ROOT
from tm.memory import store
from tm.errors import InputError
from tm.exchange import export_units, import_file
from tm.formats.tmx import read_tmx, write_tmx
from tm.text.codes import display

GOLDEN = ROOT / "tests" / "golden" / "formats"


@pytest.fixture
def plan_db(tmp_path):
    return align_plan(tmp_path / "plan.db")


def export_tmx(db) -> bytes:
    out = io.StringIO()
    export_units(db, out, fmt="tmx", clock=clock)
    return out.getvalue().encode("utf-8")


def test_plan_export_validates_against_the_tmx14_dtd(plan_db):
    doc = parse_xml(export_tmx(plan_db))
    dtd = tmx_dtd()
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()


def test_plan_export_avoids_the_known_pitfalls(plan_db):
    data = export_tmx(plan_db)
    doc = parse_xml(data)
    header = doc.find("header")
    assert header.get("srclang") == "zh-CN"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    units = {u.key: u for u in store.iter_units(plan_db, pair=PAIR)}
    tus = doc.findall("body/tu")
    assert len(tus) == len(units) > 100
    for tu in tus:
        unit = units[tu.get("tuid")]
        langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")]
        assert langs == ["zh-CN", "en"]
        assert (tu.get("segtype") == "sentence") == (unit.shape == "1-1")
        assert all(p.get("type").startswith("x-") for p in tu.findall("prop"))
        for attr in ("creationdate", "changedate"):
            assert re.fullmatch(r"\d{8}T\d{6}Z", tu.get(attr))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_plan_export_loads_in_translate_toolkit(plan_db):
    from translate.storage import tmx as ttk_tmx
    store_ = ttk_tmx.tmxfile.parsestring(export_tmx(plan_db))
    got = [(u.source, u.target) for u in store_.units]
    assert got == [(u.zh, u.en) for u in store.iter_units(plan_db)]


def test_plan_round_trips_through_import_without_loss(plan_db, tmp_path):
    data = export_tmx(plan_db)
    fresh = store.open_store(tmp_path / "fresh.db")
    result = import_file(fresh, io.BytesIO(data), name="plan.tmx")
    assert result.fmt == "tmx"
    before = list(store.iter_units(plan_db))
    after = list(store.iter_units(fresh))
    # the store keeps one unit per distinct zh+en text
    assert result.stats.read == len(before)
    assert result.stats.added + result.stats.duplicates == len(before)
    assert {(u.zh, u.en) for u in after} == {(u.zh, u.en) for u in before}
    by_key = {u.key: u for u in before}
    for u in after:
        old = by_key[u.key]
        assert (u.zh, u.en, u.pair, u.position, u.shape, u.confidence, u.status) == \
               (old.zh, old.en, old.pair, old.position, old.shape, old.confidence, old.status)
    # and a second export of the re-imported memory reads back the same units
    again = list(read_tmx(io.BytesIO(export_tmx(fresh)), name="again.tmx"))
    assert [(u.key, u.zh, u.en) for u in again] == [(u.key, u.zh, u.en) for u in after]


def test_golden_file_is_byte_stable():
    out = io.StringIO()
    write_tmx(TRICKY, out, clock=clock, tool_version="0.1.0")
    assert out.getvalue() == (GOLDEN / "tricky.tmx").read_text(encoding="utf-8")


def test_reads_other_tools_tmx():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="7" creationdate="20240102T030405Z" changeid="bob">
  <prop type="x-origin">aligned</prop>
  <tuv xml:lang="zh-TW"><seg>繁體</seg></tuv>
  <tuv xml:lang="zh-CN"><seg>支持<bpt i="1">&lt;b&gt;</bpt>算力<ept i="1">&lt;/b&gt;</ept></seg></tuv>
  <tuv lang="EN-US"><seg>Support <hi>computing</hi> power<ph>{0}</ph></seg></tuv>
  <tuv xml:lang="fr"><seg>Soutenir</seg></tuv>
</tu>
</body></tmx>""".encode()
    [unit] = read_tmx(io.BytesIO(data), name="other.tmx")
    # inline codes are placeholders in the text, their markup kept beside it
    assert (unit.key, display(unit.zh), display(unit.en)) == \
        ("7", "支持{1}算力{/1}", "Support {2}computing{/2} power{3/}")
    assert unit.codes["en"] == {"2": "<hi>", "/2": "</hi>", "3/": "<ph>{0}</ph>"}
    assert (unit.created, unit.changed_by, unit.origin) == ("2024-01-02T03:04:05Z", "bob", "aligned")


# --- hostile and broken input ------------------------------------------------

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = '<tmx version="1.4"><header srclang="zh-CN"/><body>\n'
LAUGHS = (HEAD + '<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
          + ']>\n' + BODY + '<tu><tuv xml:lang="zh-CN"><seg>&j;</seg></tuv>'
          '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>')
QUADRATIC = (HEAD + f'<!DOCTYPE tmx [<!ENTITY big "{"x" * 100_000}">]>\n' + BODY
             + '<tu><tuv xml:lang="zh-CN"><seg>' + "&big;" * 20_000 + '</seg></tuv></tu></body></tmx>')
XXE = (HEAD + '<!DOCTYPE tmx [<!ENTITY pw SYSTEM "file:///etc/passwd">]>\n' + BODY
       + '<tu><tuv xml:lang="zh-CN"><seg>中&pw;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv>'
       '</tu></body></tmx>')
PARAM = (HEAD + '<!DOCTYPE tmx [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>\n' + BODY
         + '</body></tmx>')
DEEP = (HEAD + BODY + '<tu><tuv xml:lang="zh-CN"><seg>' + "<hi>" * 10_000 + "深" + "</hi>" * 10_000
        + '</seg></tuv></tu></body></tmx>')
GOOD_TU = '<tu><tuv xml:lang="zh-CN"><seg>中文</seg></tuv><tuv xml:lang="en"><seg>Chinese</seg></tuv></tu>\n'


@pytest.mark.parametrize("data,message", [
    (LAUGHS, "bad.tmx:2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    (QUADRATIC, "bad.tmx:2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    (XXE, "bad.tmx:2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    (PARAM, "bad.tmx:2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    (DEEP, "bad.tmx:3: elements nested deeper than 256 levels"),
    (HEAD + BODY + GOOD_TU + '<tu><tuv xml:lang="zh-CN"><seg>截',
     "bad.tmx:4: not well-formed XML: the file ends inside an element (truncated?)"),
    ((HEAD + BODY + GOOD_TU).encode() + b'<tu><tuv xml:lang="zh-CN"><seg>\xff\xfe</seg>',
     "bad.tmx:4: not well-formed XML: bytes that are not valid UTF-8 (or not in the declared "
     "encoding)"),
    ((HEAD + BODY + GOOD_TU).encode() + b'<tu><tuv xml:lang="zh-CN"><seg>\x00</seg>',
     "bad.tmx:4: not well-formed XML: a NUL or control character XML cannot carry"),
    ((HEAD + BODY).encode() + b'<tu><tuv xml:lang="zh-CN"><seg>\xe4\xb8',
     "bad.tmx:3: not well-formed XML: the file ends inside a character (truncated?)"),
    (HEAD + BODY + GOOD_TU + '<tu><tuv xml:lang="zh-CN"><seg>中文</seg></tuv></tu></body></tmx>',
     "bad.tmx:4: <tu> has no English (en) variant"),
    (HEAD + BODY + '<tu><tuv xml:lang="en"><seg>English</seg></tuv></tu></body></tmx>',
     "bad.tmx:3: <tu> has no Chinese (zh) variant"),
    (HEAD + BODY + '<tu><tuv xml:lang="zh-CN"><seg>Chinese</seg></tuv>'
     '<tuv xml:lang="en"><seg>中文</seg></tuv></tu></body></tmx>',
     "bad.tmx:3: the Chinese and English sides look swapped"),
    (HEAD + BODY + '<tu><tuv xml:lang="zh-CN"><seg>中文</seg></tuv>'
     '<tuv xml:lang="en"><seg>中文</seg></tuv></tu></body></tmx>',
     "bad.tmx:3: both sides look Chinese"),
    (HEAD + BODY + '<tu><prop type="x-confidence">high</prop><tuv xml:lang="zh-CN"><seg>中文</seg>'
     '</tuv><tuv xml:lang="en"><seg>Chinese</seg></tuv></tu></body></tmx>',
     "bad.tmx:3: x-confidence is not a number: 'high'"),
    (HEAD + '<xliff version="1.2"/>', "bad.tmx:2: not TMX: the root element is <xliff>"),
    ("", "bad.tmx: empty file"),
    (HEAD + BODY + '<tu><tuv xml:lang="zh-CN"><seg>' + "长" * 1_000_001 + '</seg></tuv>'
     '<tuv xml:lang="en"><seg>x</seg></tuv></tu>',
     "bad.tmx:3: a side longer than 1000000 characters"),
], ids=["billion-laughs", "quadratic-blowup", "xxe-file", "parameter-entity", "deep-nesting",
        "truncated", "invalid-utf8", "nul-byte", "truncated-mid-character", "no-english",
        "no-chinese", "swapped", "both-chinese", "bad-confidence", "wrong-root", "empty",
        "huge-segment"])
def test_hostile_input_gives_one_clear_error(data, message):
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        list(read_tmx(io.BytesIO(raw), name="bad.tmx"))
    assert str(err.value) == message
    assert time.monotonic() - started < 10     # refused, not expanded


def test_huge_prolog_is_refused():
    data = HEAD.encode() + b"<!--" + b"x" * (11 * 2**20) + b"-->\n<tmx/>"
    with pytest.raises(InputError) as err:
        list(read_tmx(io.BytesIO(data), name="bad.tmx"))
    assert str(err.value) == "bad.tmx:2: no root element in the first 10 MB"


def test_external_dtd_is_never_read(tmp_path):
    evil = tmp_path / "evil.dtd"
    evil.write_text('<!ENTITY secret "EXPANDED">', encoding="utf-8")
    data = (HEAD + f'<!DOCTYPE tmx SYSTEM "{evil.as_uri()}">\n' + BODY
            + '<tu><tuv xml:lang="zh-CN"><seg>中&secret;</seg></tuv>'
            '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>')
    with pytest.raises(InputError) as err:
        list(read_tmx(io.BytesIO(data.encode()), name="bad.tmx"))
    assert str(err.value) == "bad.tmx:4: undefined entity &secret;"


def test_doctype_naming_the_dtd_is_accepted():
    data = (HEAD + '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + BODY + GOOD_TU + "</body></tmx>")
    [unit] = read_tmx(io.BytesIO(data.encode()), name="ok.tmx")
    assert (unit.zh, unit.en) == ("中文", "Chinese")


def test_utf16_tmx_is_read():
    data = (HEAD.replace("UTF-8", "UTF-16") + BODY + GOOD_TU + "</body></tmx>").encode("utf-16")
    [unit] = read_tmx(io.BytesIO(data), name="u16.tmx")
    assert (unit.zh, unit.en) == ("中文", "Chinese")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_tmx_without_bom_is_read(encoding):
    data = (HEAD.replace("UTF-8", "UTF-16") + BODY + GOOD_TU + "</body></tmx>").encode(encoding)
    [unit] = read_tmx(io.BytesIO(data), name="u16.tmx")
    assert (unit.zh, unit.en) == ("中文", "Chinese")


def test_bad_tmx_imports_nothing(tmp_path):
    db = store.open_store(tmp_path / "m.db")
    data = (HEAD + BODY + GOOD_TU * 5000 + '<tu><tuv xml:lang="zh-CN"><seg>坏</seg></tuv></tu>'
            + "</body></tmx>").encode()
    with pytest.raises(InputError, match=r"^bad.tmx:5003: <tu> has no English"):
        import_file(db, io.BytesIO(data), name="bad.tmx", strict=True)
    assert list(store.iter_units(db)) == []
    result = import_file(db, io.BytesIO(data), name="bad.tmx")
    assert result.skipped.summary() == ["1 skipped: <tu> has no English (en) variant (line 5003)"]
    assert result.stats.added == len(list(store.iter_units(db))) > 0


def test_a_tuid_used_twice_with_other_text_is_reported_not_resolved(tmp_path):
    def tu(tuid, zh, en):
        return (f'<tu tuid="{tuid}"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n')
    data = (HEAD + BODY + tu("a", "中文", "Chinese") + tu("b", "英文", "English")
            + tu("a", "中文", "Chinese") + tu("a", "日文", "Japanese") + "</body></tmx>").encode()
    db = store.open_store(tmp_path / "m.db")
    with pytest.raises(InputError, match=r"^dup.tmx:6: tuid 'a' already used at line 3 by a unit "
                                         r"with other text"):
        import_file(db, io.BytesIO(data), name="dup.tmx", strict=True)
    assert list(store.iter_units(db)) == []
    result = import_file(db, io.BytesIO(data), name="dup.tmx")
    assert result.skipped.summary() == [
        "1 skipped: tuid 'a' already used at line 3 by a unit with other text (line 6)"]
    assert result.stats.duplicates == 1             # the same tuid with the same text
    assert sorted((u.key, u.en) for u in store.iter_units(db)) == [("a", "Chinese"), ("b", "English")]


def test_records_are_laid_out_as_the_unit_fields():
    """The TMX reader builds each unit's record positionally (faster): in the order of
    TranslationUnit's fields (fails when the class gains, loses or reorders a field)."""
    from tm.formats import tmx as T
    from tm.models import UNIT_FIELDS, TranslationUnit, unit_record
    assert T._UNIT_FIELDS == UNIT_FIELDS
    values = tuple(f"v{i}" for i in range(len(UNIT_FIELDS)))
    assert [getattr(TranslationUnit(*values), name) for name in T._UNIT_FIELDS] == list(values)
    assert unit_record(TranslationUnit(*values)) == values


_NOLANG_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{version}"><header{src}/><body>\n'
_NOLANG_TU = '<tu><tuv{a}><seg>{first}</seg></tuv><tuv{b}><seg>{second}</seg></tuv></tu>\n'
_ZH_EN = [("打开文件", "Open file"), ("保存文档", "Save the document"), ("单击 OK", "Click OK")]


def _nolang_tmx(pairs, *, version="1.4", src="", attr="", tagged=()) -> bytes:
    """A TMX whose <tuv>s name no language (``attr``: what they carry instead, 1.1's empty
    ``lang``…); the units at the indices ``tagged`` are written zh-CN then en, tagged."""
    body = []
    for k, (first, second) in enumerate(pairs):
        if k in tagged:
            body.append(_NOLANG_TU.format(a=' xml:lang="zh-CN"', b=' xml:lang="en"',
                                          first=first, second=second))
        else:
            body.append(_NOLANG_TU.format(a=attr, b=attr, first=first, second=second))
    return (_NOLANG_HEAD.format(version=version, src=src) + "".join(body)
            + "</body></tmx>\n").encode()


@pytest.mark.parametrize("pairs, src, version, attr, srclang", [
    (_ZH_EN, ' srclang="zh-CN"', "1.4", "", None),
    ([(e, z) for z, e in _ZH_EN], "", "1.4", "", None),            # English first, no srclang
    ([(e, z) for z, e in _ZH_EN], ' srclang="en-US"', "1.4", "", "en-US"),
    ([(e, z) for z, e in _ZH_EN], ' srclang="*all*"', "1.4", "", None),
    (_ZH_EN, "", "1.1", ' lang=""', None),                          # 1.1, its lang attribute empty
], ids=["zh-en", "en-zh", "en-zh-srclang", "en-zh-all", "tmx11"])
def test_a_tmx_whose_variants_name_no_language_is_read_in_the_direction_its_text_shows(
        pairs, src, version, attr, srclang):
    """<tuv>s without xml:lang were refused ("4 variants name no language, and no unit has a
    Chinese and an English side"); the text tells which of the two is Chinese, by the rule of
    XLIFF without languages and TSV/CSV source/target columns (tm.text.lang.source_side).
    The unit's source language is the declared srclang, as for tagged variants."""
    units = list(read_tmx(io.BytesIO(_nolang_tmx(pairs, version=version, src=src, attr=attr)),
                          name="nolang.tmx"))
    assert [(u.zh, u.en) for u in units] == _ZH_EN
    assert {(u.srclang, u.zh_lang, u.en_lang) for u in units} == {(srclang, None, None)}


def test_a_tmx_without_languages_decides_from_its_first_units_and_keeps_their_order():
    """More than ORIENT_ROWS untagged units among tagged ones: every unit comes out in the
    file's order; an untagged unit whose text alone would mislead (both sides Latin) follows
    the file's direction and is then skipped as swapped, with its line."""
    from tm.models import Skipped
    from tm.text.lang import ORIENT_ROWS
    pairs = [(f"Item {k}", f"项目{k}") for k in range(ORIENT_ROWS + 50)]
    tagged = {0, 5, ORIENT_ROWS + 10}
    for k in tagged:
        pairs[k] = pairs[k][::-1]
    pairs[3] = ("版本 2", "Version 2")      # written the other way round
    skipped = Skipped()
    units = list(read_tmx(io.BytesIO(_nolang_tmx(pairs, tagged=tagged)), name="many.tmx",
                          skipped=skipped))
    want = [(f"项目{k}", f"Item {k}") for k in range(ORIENT_ROWS + 50) if k != 3]
    assert [(u.zh, u.en) for u in units] == want
    assert skipped.count == 1 and skipped.reasons == {"the Chinese and English sides look swapped": [6]}


@pytest.mark.parametrize("pairs, reads", [
    ([("Open", "Ouvrir"), ("Save", "Enregistrer")], "both read as English"),
    ([("打开", "打开文件"), ("保存", "保存文档")], "both read as Chinese"),
    ([("1.0", "2.0"), ("3", "4")], "both have no letters"),
])
def test_a_tmx_without_languages_whose_text_does_not_tell_is_refused_naming_its_first_unit(
        tmp_path, pairs, reads):
    """When the text does not tell which variant is Chinese, the file is refused (a
    professional tool does not guess a side): one line naming the file and the first such
    unit, nothing stored. Among tagged units such a unit is skipped with its line."""
    from tm.exchange import import_file
    from tm.memory.store import open_store
    path = tmp_path / "nolang.tmx"
    path.write_bytes(_nolang_tmx(pairs, src=' srclang="zh-CN"'))
    db = open_store(tmp_path / "m.db")
    with pytest.raises(InputError) as caught:
        import_file(db, path)
    assert str(caught.value) == (f"{path}:3: the variants name no language (xml:lang), and "
                                 f"their text does not tell which is Chinese ({reads})")
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    mixed = tmp_path / "mixed.tmx"
    mixed.write_bytes(_nolang_tmx([*pairs, ("算力", "computing power")], tagged={len(pairs)}))
    result = import_file(db, mixed)
    assert result.stats.added == 1 and result.skipped.count == len(pairs)
    assert list(result.skipped.reasons) == ["the variants name no language (xml:lang), and "
                                              "their text does not tell which is Chinese"]

_HALF_TAGGED = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header{src}/><body>\n'
                '<tu><tuv xml:lang="zh-CN"><seg>打开文件</seg></tuv><tuv><seg>Open file</seg></tuv></tu>\n'
                '<tu><tuv><seg>保存文档</seg></tuv><tuv xml:lang="en-GB"><seg>Save the document</seg></tuv></tu>\n'
                '<tu><tuv xml:lang="zh-CN"><seg>单击确定</seg></tuv><tuv><seg>Click OK</seg></tuv>'
                '<tuv><seg>OK をクリック</seg></tuv></tu>\n'
                '</body></tmx>\n')


@pytest.mark.parametrize("src, langs", [
    ("", {("打开文件", None, None, None), ("保存文档", None, None, "en-GB")}),
    (' srclang="en-US"', {("打开文件", "en-US", None, "en-US"), ("保存文档", "en-US", None, "en-GB")}),
    (' srclang="*all*"', {("打开文件", None, None, None), ("保存文档", None, None, "en-GB")}),
], ids=["no-srclang", "srclang-en", "srclang-all"])
def test_a_variant_without_a_language_beside_a_tagged_one_is_the_other_side_and_the_person_is_told(
        runner, tmp_path, db_path, src, langs):
    """A <tu> of a Chinese (or English) variant and one without xml:lang was skipped ("<tu>
    has no English (en) variant"): the untagged one is the other side, by elimination, and
    `tm import` says so on stderr, once per side, with the lines. A unit of three variants
    (the third side unknown) is still skipped: there it would be a guess."""
    from tm.cli import cli
    path = tmp_path / "half.tmx"
    path.write_text(_HALF_TAGGED.format(src=src), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported 2 units from {path} (tmx): 2 added, 0 duplicates skipped.",
        "1 skipped: <tu> has no English (en) variant (line 5)"]
    source = f", and the file's source language is en-US" if "en-US" in src else ""
    assert result.stderr.splitlines() == [
        f"note: {path}: a variant without a language (xml:lang) read as English: the unit's "
        f"other variant is Chinese{source} (1 unit: line 3)",
        f"note: {path}: a variant without a language (xml:lang) read as Chinese: the unit's "
        f"other variant is English (1 unit: line 4)"]
    got = {(u.zh, u.srclang, u.zh_lang, u.en_lang) for u in store.iter_units(store.open_store(db_path))}
    assert got == langs
    assert {u.en for u in store.iter_units(store.open_store(db_path))} == {"Open file", "Save the document"}


def test_a_variant_without_a_language_is_not_guessed_where_the_source_is_a_third_language(
        runner, tmp_path, db_path):
    """srclang names a language neither Chinese nor English: the untagged variant may be
    that one, so nothing is inferred and nothing is told: every unit lacks a side, and the
    file, left with nothing, is refused as before."""
    from tm.cli import cli
    path = tmp_path / "ja.tmx"
    path.write_text(_HALF_TAGGED.format(src=' srclang="ja"'), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {path}:4: 4 variants name no language, and no unit has a "
                             f"Chinese and an English side\n")
    assert not db_path.exists()


def test_glossary_qa_tells_what_the_tmx_reader_inferred(runner, tmp_path):
    from glossary.cli import cli as glossary_cli
    path = tmp_path / "half.tmx"
    path.write_text(_HALF_TAGGED.format(src=""), encoding="utf-8")
    result = runner.invoke(glossary_cli, ["--db", str(tmp_path / "g.db"), "qa", str(path)])
    assert result.exit_code == 1, result.output     # the unit of three variants: no English
    assert result.stderr.splitlines()[:2] == [
        f"note: {path}: a variant without a language (xml:lang) read as English: the unit's "
        f"other variant is Chinese (1 unit: line 3)",
        f"note: {path}: a variant without a language (xml:lang) read as Chinese: the unit's "
        f"other variant is English (1 unit: line 4)"]


_TWO_OF_A_LANGUAGE = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body>\n'
                      '<tu><tuv xml:lang="zh-CN"><seg>支持算力</seg></tuv><tuv xml:lang="en-US"><seg>Support '
                      'computing power</seg></tuv><tuv xml:lang="en-GB"><seg>Support computing capacity</seg></tuv></tu>\n'
                      '<tu><tuv xml:lang="zh-TW"><seg>建設平臺</seg></tuv><tuv xml:lang="zh-CN"><seg>建设平台</seg>'
                      '</tuv><tuv xml:lang="en"><seg>Build platforms</seg></tuv></tu>\n'
                      '<tu><tuv xml:lang="zh-CN"><seg>培育人才</seg></tuv><tuv xml:lang="fr"><seg>Former des '
                      'talents</seg></tuv><tuv xml:lang="en"><seg>Train talent</seg></tuv></tu>\n'
                      '<tu><tuv xml:lang="zh-CN"><seg>发展经济</seg></tuv><tuv xml:lang="en"><seg>Grow the '
                      'economy</seg></tuv><tuv xml:lang="en"><seg>Develop the economy</seg></tuv></tu>\n'
                      '</body></tmx>\n')


def test_a_tu_with_two_variants_of_one_language_stores_one_and_says_so(runner, tmp_path, db_path):
    """TMX lets a <tu> hold several variants of one language. The unit keeps one of each
    side, as before (the first English; zh-CN before other Chinese); the others were left out
    without a word. Now `tm import` says so on stderr, with the count and the lines, as it
    does for a variant read by elimination; a variant of a third language is no news."""
    from tm.cli import cli
    path = tmp_path / "variants.tmx"
    path.write_text(_TWO_OF_A_LANGUAGE, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported 4 units from {path} (tmx): 4 added, 0 duplicates skipped."]
    assert result.stderr.splitlines() == [
        f"note: {path}: a <tu> with more than one English variant: the first with text kept, the "
        f"others left out (2 units: lines 3, 6)",
        f"note: {path}: a <tu> with more than one Chinese variant: one kept (one with text; zh-CN "
        f"before zh, zh-Hans, zh-SG, and these before the first other), the others left out (1 unit: line 4)"]
    assert {(u.zh, u.en, u.en_lang) for u in store.iter_units(store.open_store(db_path))} == {
        ("支持算力", "Support computing power", "en-US"), ("建设平台", "Build platforms", None),
        ("培育人才", "Train talent", None), ("发展经济", "Grow the economy", None)}


def test_of_two_variants_of_one_language_the_one_with_text_is_kept(runner, tmp_path, db_path):
    """An empty first English variant (a tool's placeholder) beside a translated one: the
    unit kept the empty one and was skipped as untranslated; an empty zh-CN beside a filled
    zh-TW the same. The variant with text is kept."""
    from tm.cli import cli
    path = tmp_path / "empty-first.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
                    'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
                    'creationtoolversion="1"/><body>\n'
                    '<tu><tuv xml:lang="zh-CN"><seg>支持算力</seg></tuv><tuv xml:lang="en-GB"><seg> </seg></tuv>'
                    '<tuv xml:lang="en-US"><seg>Support computing power</seg></tuv></tu>\n'
                    '<tu><tuv xml:lang="zh-CN"><seg/></tuv><tuv xml:lang="zh-TW"><seg>建設平臺</seg></tuv>'
                    '<tuv xml:lang="en"><seg>Build platforms</seg></tuv></tu>\n'
                    '</body></tmx>\n', encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported 2 units from {path} (tmx): 2 added, 0 duplicates skipped."]
    assert {(u.zh, u.en, u.en_lang) for u in store.iter_units(store.open_store(db_path))} == {
        ("支持算力", "Support computing power", "en-US"), ("建設平臺", "Build platforms", None)}
