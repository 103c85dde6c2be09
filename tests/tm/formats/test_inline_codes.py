"""Inline codes: placeholders in the text with their markup kept, exported back exactly,
mapped between TMX and XLIFF; the exports validate and load in translate-toolkit."""

from __future__ import annotations

import io
import re

import pytest
from lxml import etree

from _io_helpers import parse_xml, tmx_dtd, xliff12_schema, xliff21_schema
from tm.formats.tmx import read_tmx, write_tmx
from tm.formats.xliff import read_xliff, write_xliff
from tm.memory import store
from tm.errors import InputError
from tm.exchange import export_units, import_file
from tm.text import codes as C
from tm.text.codes import display

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="{src}" '
        'datatype="xml"/><body>\n')

# OmegaT-style paired codes, a standalone, an isolated one with literal text inside (the
# '<' OmegaT level-2 files keep in <it>), <hi> around text, <sub> inside a code, an
# unpaired <ept>, a placeholder character as real text.
TMX_SEGS = [
    ('要输出 <bpt i="0" x="0">&lt;l0&gt;</bpt>count()<ept i="0">&lt;/l0&gt;</ept> 的结果（见<ph x="1">&lt;x1/&gt;</ph>）。'
     '若得到 <it pos="begin" x="2">&lt;&lt;l2&gt;</it>0<ept i="2">&lt;/l2&gt;</ept>',
     'Output <bpt i="0" x="0">&lt;l0&gt;</bpt>count()<ept i="0">&lt;/l0&gt;</ept> before (see <ph x="1">&lt;x1/&gt;</ph>). '
     'If we get <it pos="begin" x="2">&lt;&lt;l2&gt;</it>0<ept i="2">&lt;/l2&gt;</ept>'),
    ('点击<hi type="x-strong">保存<ph type="lb">&lt;br/&gt;</ph></hi>按钮\U00100004',
     'Click <hi type="x-strong">Save<ph type="lb">&lt;br/&gt;</ph></hi> \U00100004'),
    ('图<ph x="5" type="image">&lt;img alt="<sub>标题</sub>"/&gt;</ph>。',
     'Figure <ph x="5" type="image">&lt;img alt="<sub>title</sub>"/&gt;</ph>.'),
]


def tmx(src="en-US", segs=TMX_SEGS) -> bytes:
    body = "".join(f'<tu tuid="u{i}"><tuv xml:lang="en-US"><seg>{en}</seg></tuv>'
                   f'<tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv></tu>\n' for i, (zh, en) in enumerate(segs))
    return (HEAD.format(src=src) + body + "</body></tmx>\n").encode("utf-8")


def segs_of(data: bytes, tag: str = "seg") -> list[str]:
    return re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", data.decode("utf-8"), flags=re.S)


def write(units, fmt, version="1.2") -> bytes:
    out = io.StringIO()
    if fmt == "tmx":
        write_tmx(units, out)
    else:
        write_xliff(units, out, version=version)
    return out.getvalue().encode("utf-8")


def test_tmx_codes_become_placeholders_with_their_markup():
    units = list(read_tmx(io.BytesIO(tmx()), name="c.tmx"))
    assert [display(u.zh) for u in units] == [
        "要输出 {0}count(){/0} 的结果（见{1/}）。若得到 {2/}0{3/}",
        "点击{2}保存{3/}{/2}按钮{1}",     # the last is U+100004, real text: kept, number 1 not used
        "图{5/}。",
    ]
    assert display(units[0].en) == "Output {0}count(){/0} before (see {1/}). If we get {2/}0{3/}"
    u = units[0]
    assert u.codes["fmt"] == "tmx"
    assert u.codes["zh"]["0"] == '<bpt i="0" x="0">&lt;l0&gt;</bpt>'
    assert u.codes["zh"]["2/"] == '<it pos="begin" x="2">&lt;&lt;l2&gt;</it>'   # the literal '<' kept
    assert u.codes["zh"]["3/"] == '<ept i="2">&lt;/l2&gt;</ept>'                 # unpaired: standalone
    assert units[1].codes["en"]["2"] == '<hi type="x-strong">' and units[1].codes["en"]["/2"] == "</hi>"
    assert units[1].zh.endswith("\U00100004") and "1" not in units[1].codes["zh"]
    assert "<sub>title</sub>" in units[2].codes["en"]["5/"]
    # the text without codes is what matching and term extraction see
    assert C.strip(units[0].en) == "Output count() before (see ). If we get 0"


def test_tmx_round_trip_is_exact_and_valid():
    data = tmx()
    units = list(read_tmx(io.BytesIO(data), name="c.tmx"))
    out = write(units, "tmx")
    assert tmx_dtd().validate(parse_xml(out)), tmx_dtd().error_log.filter_from_errors()
    # every <seg> written back is the one read, byte for byte
    assert sorted(segs_of(out)) == sorted(segs_of(data))
    again = list(read_tmx(io.BytesIO(out), name="out.tmx"))
    assert [(u.zh, u.en, u.codes) for u in again] == [(u.zh, u.en, u.codes) for u in units]


def test_codes_survive_the_memory(tmp_path):
    path = tmp_path / "c.tmx"
    path.write_bytes(tmx())
    db = store.open_store(tmp_path / "m.db")
    import_file(db, path)
    stored = sorted(store.iter_units(db), key=lambda u: u.key)
    first = sorted(read_tmx(io.BytesIO(tmx()), name="c.tmx"), key=lambda u: u.key)
    assert [(u.zh, u.en, u.codes) for u in stored] == [(u.zh, u.en, u.codes) for u in first]
    out = io.StringIO()
    export_units(db, out, fmt="tmx")
    assert sorted(segs_of(out.getvalue().encode())) == sorted(segs_of(tmx()))


XLF12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="app" source-language="en-US" target-language="zh-CN" datatype="html">
  <body>
   <trans-unit id="a1">
    <source>Open <g id="1" ctype="bold">the <x id="2" ctype="x-span" equiv-text="&lt;span&gt;"/>file</g><x id="LB" ctype="lb"/><x id="LB" ctype="lb"/></source>
    <target>\xe6\x89\x93\xe5\xbc\x80<g id="1" ctype="bold"><x id="2" ctype="x-span" equiv-text="&lt;span&gt;"/>\xe6\x96\x87\xe4\xbb\xb6</g><x id="LB" ctype="lb"/><x id="LB" ctype="lb"/></target>
   </trans-unit>
   <trans-unit id="a2">
    <source>See <bx id="7" rid="r1"/>page<ex id="8" rid="r1"/> <bpt id="3">{b}</bpt>now<ept id="3">{/b}</ept> <mrk mtype="protected">ACME</mrk> <ph id="4" ctype="image">&lt;img/&gt;</ph> <it id="5" pos="open">&lt;i&gt;</it></source>
    <target>\xe8\xa7\x81<bx id="7" rid="r1"/>\xe9\xa1\xb5<ex id="8" rid="r1"/><bpt id="3">{b}</bpt>\xe7\x8e\xb0\xe5\x9c\xa8<ept id="3">{/b}</ept><mrk mtype="protected">ACME</mrk><ph id="4" ctype="image">&lt;img/&gt;</ph><it id="5" pos="open">&lt;i&gt;</it></target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""

XLF2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-Hans">
 <file id="f1" original="cards">
  <unit id="u1">
   <originalData>
    <data id="d1">&lt;p&gt;</data>
    <data id="d2">&lt;/p&gt;</data>
    <data id="d3">&lt;br/&gt;</data>
   </originalData>
   <segment state="translated">
    <source><pc id="0" canCopy="no" dataRefEnd="d2" dataRefStart="d1" dispStart="&lt;p&gt;">First <mrk id="m1" translate="no">ACME</mrk> card</pc><ph id="1" dataRef="d3"/> <sc id="2"/>bold<ec startRef="2"/></source>
    <target><pc id="0" canCopy="no" dataRefEnd="d2" dataRefStart="d1" dispStart="&lt;p&gt;">\xe7\xac\xac\xe4\xb8\x80\xe5\xbc\xa0<mrk id="m1" translate="no">ACME</mrk>\xe5\x8d\xa1</pc><ph id="1" dataRef="d3"/><sc id="2"/>\xe7\xb2\x97<ec startRef="2"/></target>
   </segment>
  </unit>
 </file>
</xliff>
"""


def test_xliff12_codes_and_exact_round_trip():
    units = list(read_xliff(io.BytesIO(XLF12), name="a.xlf"))
    assert [display(u.en) for u in units] == ["Open {1}the {2/}file{/1}{3/}{4/}",
                                              "See {7}page{/7} {3}now{/3} {1}ACME{/1} {4/} {5/}"]
    assert display(units[0].zh) == "打开{1}{2/}文件{/1}{3/}{4/}"      # en -> zh: the sides follow the languages
    assert units[0].codes["fmt"] == "xliff-1.2"
    assert units[0].codes["en"]["1"] == '<g id="1" ctype="bold">'
    out = write(units, "xliff", "1.2")
    for kind in ("strict", "transitional"):
        schema = xliff12_schema(kind)
        assert schema.validate(parse_xml(out)), schema.error_log.filter_from_errors()
    # the inline markup written is the markup read (en -> zh units are written en -> zh:
    # the sources are the file's sources), and reads back the same
    assert sorted(segs_of(out, "source")) == sorted(s for s in segs_of(XLF12, "source"))
    again = list(read_xliff(io.BytesIO(out), name="out.xlf"))
    assert [(u.zh, u.en, u.codes) for u in again] == [(u.zh, u.en, u.codes) for u in units]


def test_xliff2_codes_and_exact_round_trip():
    [unit] = read_xliff(io.BytesIO(XLF2), name="b.xlf")
    assert display(unit.en) == "{0}First {3}ACME{/3} card{/0}{1/} {2}bold{/2}"
    assert unit.codes["data"] == {"d1": "&lt;p&gt;", "d2": "&lt;/p&gt;", "d3": "&lt;br/&gt;"}
    out = write([unit], "xliff", "2.1")
    schema = xliff21_schema()
    assert schema.validate(parse_xml(out)), schema.error_log.filter_from_errors()
    assert '<data id="d3">&lt;br/&gt;</data>' in out.decode()
    assert segs_of(out, "source") == segs_of(XLF2, "source")      # written en -> zh, as read
    [again] = read_xliff(io.BytesIO(out), name="out.xlf")
    assert (again.zh, again.en, again.codes) == (unit.zh, unit.en, unit.codes)


def _drop_our_metadata(data: bytes) -> bytes:
    """What a CAT tool that drops our metadata gives back: the inline elements alone."""
    return re.sub(rb'<context context-type="x-codes">.*?</context>|<mda:meta type="codes">.*?</mda:meta>',
                  b"", data, flags=re.S)


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_tmx_codes_through_xliff_and_back(version):
    """TMX <bpt>/<ept> exported to XLIFF: valid XLIFF with the codes mapped (native data
    kept); read back, the original TMX markup is restored from our metadata, and without
    it the native data and the pairing survive."""
    units = list(read_tmx(io.BytesIO(tmx()), name="c.tmx"))
    out = write(units, "xliff", version)
    schema = xliff12_schema("strict") if version == "1.2" else xliff21_schema()
    assert schema.validate(parse_xml(out)), schema.error_log.filter_from_errors()
    if version == "1.2":
        assert '<bpt id="0">&lt;l0&gt;</bpt>count()<ept id="0">&lt;/l0&gt;</ept>' in out.decode()
    else:
        assert '<sc id="0" dataRef="d0"/>count()<ec startRef="0" dataRef="d0e"/>' in out.decode()
    back = list(read_xliff(io.BytesIO(out), name="r.xlf"))
    assert [(u.zh, u.en, u.codes) for u in back] == [(u.zh, u.en, u.codes) for u in units]
    assert sorted(segs_of(write(back, "tmx"))) == sorted(segs_of(tmx()))
    # a tool that dropped our metadata: same placeholders, the native code of each kept
    bare = list(read_xliff(io.BytesIO(_drop_our_metadata(out)), name="r.xlf"))
    assert [(u.zh, u.en) for u in bare] == [(u.zh, u.en) for u in units]
    tmx_again = write(bare, "tmx").decode()
    assert tmx_dtd().validate(parse_xml(tmx_again.encode()))
    assert '<bpt i="0" x="0">&lt;l0&gt;</bpt>count()<ept i="0">&lt;/l0&gt;</ept>' in tmx_again


def test_foreign_xliff_into_tmx_is_valid():
    units = list(read_xliff(io.BytesIO(XLF12), name="a.xlf")) + list(read_xliff(io.BytesIO(XLF2), name="b.xlf"))
    out = write(units, "tmx")
    assert tmx_dtd().validate(parse_xml(out)), tmx_dtd().error_log.filter_from_errors()
    back = list(read_tmx(io.BytesIO(out), name="t.tmx"))
    assert [(display(u.zh), display(u.en)) for u in back] == [(display(u.zh), display(u.en)) for u in units]
    for version in ("1.2", "2.1"):        # and on into the other XLIFF version
        x = write(units, "xliff", version)
        schema = xliff12_schema("strict") if version == "1.2" else xliff21_schema()
        assert schema.validate(parse_xml(x)), schema.error_log.filter_from_errors()


@pytest.mark.parametrize("fmt, version, end", [
    ("tmx", None, '<ept i="0">&lt;/p&gt;</ept>'),
    ("xliff", "1.2", '<ept id="0">&lt;/p&gt;</ept>'),
])
def test_xliff2_pc_end_is_mapped_to_its_own_data(fmt, version, end):
    """An XLIFF 2 <pc dataRefStart="d1" dataRefEnd="d2"> (HTML's <p>…</p>) mapped into
    TMX or XLIFF 1.2 had its end written as the element's name, <ept>&lt;/pc&gt;</ept>,
    a code of the XLIFF file for the original document's </p>: a CAT tool would put
    `</pc>` into the translated document. The end carries the data dataRefEnd names."""
    [unit] = read_xliff(io.BytesIO(XLF2), name="b.xlf")
    out = write([unit], fmt, version).decode()
    assert end in out and end.replace("/p&", "/pc&") not in out


def test_edited_text_with_broken_nesting_still_writes_valid_files():
    """A person moved a closing code before the opening one: <g>/<pc> cannot be written
    as they were, so the codes are mapped to paired-or-isolated codes that need no nesting."""
    units = list(read_xliff(io.BytesIO(XLF12), name="a.xlf"))
    u = units[0]
    close, open_ = C.char(1, C.CLOSE), C.char(1, C.OPEN)
    u.en = u.en.replace(close, "").replace(open_, close + open_ + "x")
    for version, schema in (("1.2", xliff12_schema("strict")), ("2.1", xliff21_schema())):
        out = write(units, "xliff", version)
        assert schema.validate(parse_xml(out)), schema.error_log.filter_from_errors()
    assert tmx_dtd().validate(parse_xml(write(units, "tmx")))


def test_exports_with_codes_load_in_translate_toolkit():
    from translate.storage import tmx as ttk_tmx, xliff as ttk_xliff, xliff2 as ttk_xliff2
    units = list(read_tmx(io.BytesIO(tmx()), name="c.tmx"))
    st = ttk_tmx.tmxfile.parsestring(write(units, "tmx"))
    assert len(st.units) == len(units)
    assert "count()" in st.units[0].source
    st12 = ttk_xliff.xlifffile.parsestring(write(units, "xliff", "1.2"))
    assert len(st12.units) == len(units) and "count()" in st12.units[0].source
    st2 = ttk_xliff2.Xliff2File.parsestring(write(units, "xliff", "2.1"))
    assert len(st2.units) == len(units)


def test_terminal_shows_codes_compactly_and_escaped():
    from tm.text.safe import printable
    text = "a" + C.char(1, C.OPEN) + "b\x1b" + C.char(1, C.CLOSE) + C.char(2, C.SELF)
    assert printable(text) == "a{1}b\\x1b{/1}{2/}"


def test_placeholder_characters_in_real_text_are_kept_as_text():
    """A file's own character of the placeholder block stays in the text as it is (written
    back as itself: it has no markup), and no code of the unit is given its number."""
    lit = C.char(1, C.OPEN)
    segs = [(f'中<bpt i="1" x="1">&lt;b&gt;</bpt>文<ept i="1">&lt;/b&gt;</ept>{lit}',
             f'<bpt i="1" x="1">&lt;b&gt;</bpt>text<ept i="1">&lt;/b&gt;</ept> {lit}')]
    [u] = read_tmx(io.BytesIO(tmx(segs=segs)), name="p.tmx")
    assert u.zh.endswith(lit) and u.en.endswith(lit)
    assert display(u.zh) == "中{2}文{/2}{1}" and "1" not in u.codes["zh"]
    out = write([u], "tmx")
    assert segs_of(out) == segs_of(tmx(segs=segs))[::-1]
    # text from anywhere (aligned documents, TSV) with such a character: written as it is
    from tm.models import TranslationUnit
    plain = TranslationUnit(zh="中文" + lit, en="text" + lit)
    for fmt, version in (("tmx", None), ("xliff", "1.2"), ("xliff", "2.1")):
        back = (read_tmx if fmt == "tmx" else read_xliff)(io.BytesIO(write([plain], fmt, version)), name="x")
        assert [(b.zh, b.en, b.codes) for b in back] == [(plain.zh, plain.en, {})]


def test_too_many_codes_in_one_unit_is_one_clear_error():
    from tm.errors import InputError
    many = "".join("<ph>x</ph>" for _ in range(C.MAX_LABEL + 1))
    with pytest.raises(InputError, match=r"^many\.tmx:3: more than 9999 inline codes in one unit$"):
        list(read_tmx(io.BytesIO(tmx(segs=[("中" + many, "en")])), name="many.tmx"))


from hypothesis import given, settings, strategies as st

_CHARS = st.sampled_from(["a", " ", "&", "<", ">", '"', "'", "\t", "\n", "\r", "\xa0", "中", "\U00100004",
                          "\x7f", "]]>", "&amp;", "\u2028", "\x85", "\ufeff", "{", "}"])
_VALUES = st.lists(_CHARS, max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(["bpt", "ept", "ph", "it", "ut", "x", "bx"]),
       attrs=st.dictionaries(st.sampled_from(["x", "i", "type", "pos", "id", "{urn:x}a", "equiv-text"]),
                             _VALUES, max_size=3),
       text=st.none() | _VALUES, prefix=st.booleans())
def test_code_markup_is_what_libxml2_writes(name, attrs, text, prefix):
    """The markup of a code element built by hand (the fast path) is exactly what
    ``etree.tostring`` writes for it, as parsed from a file (differential test)."""
    from tm.formats.inline import element_xml
    root = etree.Element("seg", nsmap={"p": "urn:x"} if prefix else None)
    el = etree.SubElement(root, name)
    for k, v in attrs.items():
        el.set(k, v)
    el.text = text
    parsed = etree.fromstring(etree.tostring(root))[0]       # as a reader sees it
    if not prefix and not any(k.startswith("{") for k in attrs):
        assert element_xml(parsed) == etree.tostring(parsed, encoding="unicode", with_tail=False)
    else:       # namespaces are dropped (local names), the same with or without the fast path
        again = etree.fromstring(f'<r xmlns:p="urn:x">{element_xml(parsed)}</r>'.encode())[0]
        assert etree.QName(again).localname == name and (again.text or "") == (parsed.text or "")


@settings(max_examples=300, deadline=None)
@given(elements=st.lists(st.tuples(
           st.sampled_from(["bpt", "ept", "ph", "it", "x"]),
           st.lists(st.tuples(st.sampled_from(["x", "i", "type", "{urn:x}a", "{http://www.w3.org/XML/1998/namespace}lang"]),
                              st.sampled_from(["1", "2", "&", "<b>", ""])), max_size=3),
           st.none() | st.sampled_from(["&lt;b&gt;", "<br/>", "1", ""])), min_size=1, max_size=12),
       prefix=st.booleans(), namespaced=st.booleans())
def test_cached_code_markup_equals_element_xml(elements, prefix, namespaced):
    """The markup cache gives what element_xml gives for every element, however the same
    tag, text and attributes recur (in another order, with other names, under a namespace)."""
    from tm.formats import inline
    inline._MARKUP.clear()
    ns = "{http://www.lisa.org/tmx14}" if namespaced else ""
    root = etree.Element(f"{ns}seg", nsmap={"p": "urn:x"} if prefix else None)
    for name, attrs, text in elements:
        el = etree.SubElement(root, f"{ns}{name}")
        for k, v in attrs:
            el.set(k, v)
        el.text = text
    parsed = etree.fromstring(etree.tostring(root))
    for _ in range(2):                          # the second time from the cache
        for el in parsed:
            assert inline.code_markup(el) == inline.element_xml(el)


TW_TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
          'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en-US" '
          'datatype="xml"/><body>\n'
          '<tu tuid="t1"><tuv xml:lang="en-US"><seg>Open <bpt i="1" x="1">&lt;b&gt;</bpt>{the} file'
          '<ept i="1">&lt;/b&gt;</ept>{1}<ph x="2">&lt;br/&gt;</ph></seg></tuv>'
          '<tuv xml:lang="zh-TW"><seg>開啟<bpt i="1" x="1">&lt;b&gt;</bpt>{{檔案}<ept i="1">&lt;/b&gt;</ept>'
          '{/1}<ph x="2">&lt;br/&gt;</ph></seg></tuv></tu>\n'
          '<tu tuid="t2"><tuv xml:lang="en-US"><seg>Plain {1} text, = sign</seg></tuv>'
          '<tuv xml:lang="zh-TW"><seg>純文字 {1}</seg></tuv></tu>\n'
          '<tu tuid="t3"><tuv xml:lang="en-GB"><seg>Software</seg></tuv>'
          '<tuv xml:lang="zh-HK"><seg>軟件</seg></tuv></tu>\n'
          '</body></tmx>\n').encode("utf-8")


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_tabular_export_shows_codes_and_tags_and_reads_back_equal(tmp_path, fmt):
    """TSV/CSV: codes in the compact form the terminal shows ({1}…{/1}, {2/}) with their
    markup in an inline-codes column, literal braces kept apart from codes, the stored
    language tags in the header (and per unit where they differ); importing the export
    gives the same units (text, codes, tags)."""
    src = tmp_path / "tw.tmx"
    src.write_bytes(TW_TMX)
    db = store.open_store(tmp_path / "a.db")
    import_file(db, src)
    out = io.StringIO()
    export_units(db, out, fmt=fmt, fields=("key",))
    text = out.getvalue()
    sep = "\t" if fmt == "tsv" else ","
    header = text.split("\r\n" if fmt == "csv" else "\n", 1)[0].split(sep)
    assert header == ["zh-TW", "en-US", "key", "inline-codes", "tag-zh", "tag-en", "srclang"]
    assert not C.has_codes(text)                       # no raw placeholder character
    assert "開啟{1}{{{{檔案}{/1}{{/1}{2/}" in text      # codes compact, literal braces doubled
    assert "純文字 {1}" in text                          # a unit without codes: its text as it is
    path = tmp_path / f"out.{fmt}"
    path.write_text(text, encoding="utf-8")
    again = store.open_store(tmp_path / "b.db")
    import_file(again, path)

    def rows(d):
        return sorted((u.key, u.zh, u.en, u.codes, u.zh_lang, u.en_lang, u.srclang) for u in store.iter_units(d))
    assert rows(again) == rows(db)
    assert [r[4] for r in rows(db)] == ["zh-TW", "zh-TW", "zh-HK"]


def test_tabular_export_of_one_tag_has_no_tag_columns(tmp_path):
    src = tmp_path / "c.tmx"
    src.write_bytes(tmx())
    db = store.open_store(tmp_path / "m.db")
    import_file(db, src)
    out = io.StringIO()
    export_units(db, out, fmt="tsv")
    assert out.getvalue().split("\n", 1)[0] == "zh-CN\ten-US\tinline-codes\tsrclang"     # translated from en-US


def test_tabular_inline_codes_cell_that_is_not_codes_is_an_error(tmp_path):
    from tm.errors import InputError
    from tm.formats.tabular import read_tsv
    data = "zh-CN\ten\tinline-codes\n你好\thello\tnot json\n".encode()
    with pytest.raises(InputError, match=r"^x\.tsv:2: inline-codes: not the JSON"):
        list(read_tsv(io.BytesIO(data), name="x.tsv"))


@pytest.mark.parametrize("text", ["", "{", "{{", "{1}", "a{{1}}b", "{/1}{1/}", "}{", "{x}", "{12345}"])
def test_tabular_cell_form_round_trips(text):
    from tm.formats.tabular import from_cell, to_cell
    coded = [text, text + C.char(1, C.OPEN) + "{" + C.char(1, C.CLOSE), C.char(9999, C.SELF) + text]
    for t in coded:
        assert from_cell(to_cell(t)) == t


_RUNS = st.lists(st.sampled_from(["a", " ", "&", "<", "中", "{1}", "\n"] * 3 + ["\U00100004", "\ue000"]),
                 max_size=3).map("".join)
_ELEMENT = st.tuples(
    st.sampled_from(["bpt", "ept", "ph", "it", "ut", "hi", "sub", "foo"]),
    st.lists(st.tuples(st.sampled_from(["i", "x", "type", "pos"] * 4 + ["{urn:x}a"]),
                       st.sampled_from(["1", "2", "3", "x-char", "begin", ""])), max_size=3),
    st.none() | st.sampled_from(["&lt;b&gt;", "U+000C", "\ue000", "\U00100009", "b"]),
    st.sampled_from([False] * 7 + [True]))          # an element inside it


def _segment(items, texts) -> bytes:
    seg = etree.Element("seg", nsmap={"p": "urn:x"})
    seg.text = texts[0]
    for (name, attrs, text, nested), tail in zip(items, texts[1:]):
        el = etree.SubElement(seg, name)
        for k, v in attrs:
            el.set(k, v)
        el.text = text
        if nested:
            etree.SubElement(el, "sub").text = "s"
        el.tail = tail
    xml = etree.tostring(seg, encoding="unicode")
    return "" if xml.endswith("/>") else xml[xml.index(">") + 1:-len("</seg>")]


@settings(max_examples=300, deadline=None)
@given(zh=st.lists(_ELEMENT, max_size=5), en=st.lists(_ELEMENT, max_size=5),
       runs=st.lists(st.lists(_RUNS, min_size=12, max_size=12), min_size=4, max_size=4),
       source=st.sampled_from(["en-US", "zh-CN"]))
def test_units_read_by_the_layout_of_their_codes_equal_units_read_in_full(zh, en, runs, source):
    """Units whose codes repeat an earlier unit's (same elements, other text) are read from
    that unit's layout (tm.formats.tmx._by_layout): the same text, placeholders and markup
    as reading each in full (differential test), whatever the text runs hold (placeholder
    characters, the layout's own mark) and whatever the elements are."""
    from tm.formats import tmx as T
    segs = [("中" + _segment(zh, r), "en " + _segment(en, r[6:])) for r in runs]
    data = tmx(src=source, segs=segs).replace(b"<tmx ", b'<tmx xmlns:p="urn:x" ', 1)

    def read():
        T._LAYOUTS.clear()
        T._SEEN.clear()
        try:
            return [(u.zh, u.en, u.codes) for u in read_tmx(io.BytesIO(data), name="c.tmx", check=False)]
        except InputError as exc:
            return str(exc)
    fast = read()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(T, "_by_layout", lambda *args: (None, None))
        assert fast == read()


def test_units_with_the_codes_of_an_earlier_unit_are_read_by_its_layout():
    from tm.formats import tmx as T
    T._LAYOUTS.clear()
    T._SEEN.clear()
    segs = [(f'中{i}<bpt i="1" x="1">&lt;b&gt;</bpt>文<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph>',
             f'<bpt i="1" x="1">&lt;b&gt;</bpt>text<ept i="1">&lt;/b&gt;</ept> {i}<ph x="2">&lt;br/&gt;</ph>')
            for i in range(4)]
    units = list(read_tmx(io.BytesIO(tmx(segs=segs)), name="l.tmx"))
    [layout] = T._LAYOUTS.values()
    assert isinstance(layout, T._Layout)
    assert [display(u.zh) for u in units] == [f"中{i}{{1}}文{{/1}}{{2/}}" for i in range(4)]
    assert units[3].codes == units[0].codes and units[3].codes["zh"] is not units[2].codes["zh"]


def test_display_offset_maps_a_span_of_the_text_to_the_text_shown():
    text = C.char(1, C.OPEN) + "bold" + C.char(1, C.CLOSE) + " and " + C.char(12, C.SELF) + "x"
    shown = display(text)
    assert shown == "{1}bold{/1} and {12/}x"
    for a, b in [(0, 0), (1, 5), (5, 6), (7, 10), (11, 12), (0, len(text))]:
        assert shown[C.display_offset(text, a):C.display_offset(text, b)] == display(text[a:b])
    assert C.display_offset("plain", 3) == 3
