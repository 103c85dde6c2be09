"""Files other tools write: either direction, namespaces, variants' tags and metadata,
foreign XLIFF as memory, files with no Chinese or no English refused.

Small hand-made fixtures in the shapes OmegaT, Trados, Catalyst, Angular and Weblate
write; the real files of ../shared/bench/realfiles are tried in test_real_files.py."""

from __future__ import annotations

import io
import re

import pytest
from lxml import etree

from _io_helpers import tmx_dtd
from tm.errors import InputError
from tm.exchange import export_units, import_file
from tm.formats.common import read_units
from tm.formats.tmx import read_tmx, write_tmx
from tm.formats.xliff import NS12, read_xliff, write_xliff
from tm.memory import store
from tm.models import Skipped, TranslationUnit
from tm.text import codes
from tm.text.lang import classify, is_traditional, normalise_tag, side

OMEGAT_EN_ZH_TW = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="sentence" srclang="en"/>
  <body>
    <tu>
      <tuv lang="en">
        <seg>&amp;Add</seg>
      </tuv>
      <tuv lang="zh-TW" changeid="brlin" changedate="20260819T144218Z" creationid="brlin" creationdate="20260819T144211Z">
        <seg>新增(&amp;A)</seg>
      </tuv>
    </tu>
    <tu>
      <prop type="file">ui/Bundle.properties</prop>
      <prop type="prev">Open</prop>
      <tuv lang="en">
        <seg>Close</seg>
      </tuv>
      <tuv lang="zh-TW" changeid="brlin" changedate="20260819T144300Z">
        <seg>關閉</seg>
      </tuv>
    </tu>
    <tu>
      <prop type="file">ui/Menu.properties</prop>
      <prop type="prev">Quit</prop>
      <tuv lang="en">
        <seg>Close</seg>
      </tuv>
      <tuv lang="zh-TW">
        <seg>關閉</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="en">
        <seg>Not translated yet</seg>
      </tuv>
      <tuv lang="zh-TW">
        <seg> </seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


def _db(tmp_path):
    return store.open_store(tmp_path / "m.db")


def _export(db) -> str:
    out = io.StringIO()
    export_units(db, out, fmt="tmx", clock=lambda: __import__("datetime").datetime(2026, 1, 1))
    return out.getvalue()


def test_tags_are_normalised_to_bcp47_and_sided():
    assert [normalise_tag(t) for t in ("zh_CN", "ZH-CN", "zh-hant-tw", "en_us", "*all*", "", "_")] \
        == ["zh-CN", "zh-CN", "zh-Hant-TW", "en-US", None, None, None]
    assert [side(t) for t in ("zh_Hans", "cmn", "EN-GB", "ja", None)] == ["zh", "zh", "en", None, None]
    # ISO 639-2's three letters, as some tools write them
    assert [side(t) for t in ("ZHO", "chi-CN", "zho-Hant", "eng", "ENG-US")] == ["zh", "zh", "zh", "en", "en"]
    assert is_traditional("zho-Hant")
    assert [is_traditional(t) for t in ("zh-TW", "zh-HK", "zh_Hant", "zh-Hans-TW", "zh-CN")] == [
        True, True, True, False, False]


@pytest.mark.parametrize("text,kind", [
    ("支持算力", "zh"), ("Open file", "en"), ("点击 Open 按钮", "mixed"), ("Привет мир", "other"),
    ("ファイルを開く", "other"), ("12:30", None), ("{0}", None), ("¡Hola Mundo!", "en"),
    # a katakana middle dot or prolonged sound mark in Chinese (typed with a Japanese input
    # method) and an unassigned point of the kana blocks are no Japanese
    ("列奥纳多・达・芬奇", "zh"), ("中\u3040", "zh"), ("コンピューター", "other"), ("・", None),
])
def test_classify(text, kind):
    assert classify(text) == kind


def test_omegat_en_to_traditional_chinese_round_trip(tmp_path):
    db = _db(tmp_path)
    result = import_file(db, io.BytesIO(OMEGAT_EN_ZH_TW.encode()), name="project_save.tmx")
    assert (result.stats.added, result.skipped.summary()) == (
        3, ["1 skipped: untranslated: the Chinese side is empty (line 34)"])
    units = list(store.iter_units(db, order="id"))
    # same text in two contexts: two alternatives, each with its own context
    assert [(u.zh, u.en, u.props.get("file")) for u in units] == [
        ("新增(&A)", "&Add", None), ("關閉", "Close", "ui/Bundle.properties"),
        ("關閉", "Close", "ui/Menu.properties")]
    assert {(u.srclang, u.zh_lang, u.en_lang) for u in units} == {("en", "zh-TW", None)}
    # (and the dates the store filled in, the <tu>s giving none: never exported)
    assert units[0].meta == {"zh": {"changedate": "20260819T144218Z", "changeid": "brlin",
                                    "creationdate": "20260819T144211Z", "creationid": "brlin"},
                             "filled": {"created": units[0].created, "changed": units[0].created}}
    exported = _export(db)
    assert exported.count(' srclang="en">') == 3 and '<tuv xml:lang="zh-TW" changedate=' in exported
    assert '<prop type="file">ui/Menu.properties</prop>' in exported
    tmx_dtd().assertValid(etree.fromstring(exported.encode()))
    again = store.open_store(tmp_path / "again.db")
    import_file(again, io.BytesIO(exported.encode()), name="again.tmx")
    def told(meta):
        return {k: v for k, v in meta.items() if k != "filled"}
    strip = [(u.zh, u.en, u.srclang, u.zh_lang, u.en_lang, u.props, told(u.meta)) for u in units]
    assert [(u.zh, u.en, u.srclang, u.zh_lang, u.en_lang, u.props, told(u.meta))
            for u in store.iter_units(again, order="id")] == strip
    assert "creationdate" not in exported.split("<tu ", 1)[1].split(">", 1)[0]   # none made up



def _units(db):
    """The stored units, without the dates the store filled in (the import's time)."""
    return [(u.key, u.zh, u.en, u.srclang, u.zh_lang, u.en_lang, u.props,
             {k: v for k, v in u.meta.items() if k != "filled"}, u.codes)
            for u in store.iter_units(db, order="id")]


class _Pipe(io.RawIOBase):
    """A stream that cannot seek (standard input, a pipe)."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        return self._data.readinto(buffer)


@pytest.mark.parametrize("workers", [1, 2])
def test_gzipped_omegat_tmx_imports_as_the_plain_file_does(tmp_path, workers):
    """OmegaT keeps its backups as project_save.tmx.gz: told by the content, not the name."""
    import gzip

    plain = _db(tmp_path)
    import_file(plain, io.BytesIO(OMEGAT_EN_ZH_TW.encode()), name="project_save.tmx")
    path = tmp_path / "project_save.tmx.gz"
    path.write_bytes(gzip.compress(OMEGAT_EN_ZH_TW.encode()))
    for n, source in enumerate([path, io.BufferedReader(_Pipe(path.read_bytes()))]):
        db = store.open_store(tmp_path / f"gz{n}.db")
        result = import_file(db, source, name=str(path), workers=workers)
        assert (result.fmt, result.stats.added, result.skipped.summary()) == (
            "tmx", 3, ["1 skipped: untranslated: the Chinese side is empty (line 34)"])
        assert _units(db) == _units(plain)


@pytest.mark.parametrize("workers", [1, 2])
def test_truncated_or_damaged_gzip_is_refused_and_nothing_stored(tmp_path, workers):
    import gzip

    data = OMEGAT_EN_ZH_TW.replace("  </body>", "".join(
        f"    <tu><tuv lang=\"en\"><seg>Item {i}</seg></tuv><tuv lang=\"zh-TW\"><seg>項目 {i}</seg></tuv></tu>\n"
        for i in range(3000)) + "  </body>").encode()
    packed = gzip.compress(data)
    crc = bytearray(packed)
    crc[-8] ^= 0xFF                         # the CRC-32 of the content, in the trailer
    for damaged, message in ((packed[:len(packed) // 2], "ends early (truncated?)"),
                             (bytes(crc), "CRC check failed")):
        path = tmp_path / "project_save.tmx.gz"
        path.write_bytes(damaged)
        db = _db(tmp_path)
        with pytest.raises(InputError, match=re.escape(message)) as err:
            import_file(db, path, workers=workers)
        assert err.value.path == str(path) and err.value.line > 1
        assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0

NAMESPACED = """<?xml version="1.0" encoding="utf-8" ?>
<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">
  <header creationtool="hands" segtype="sentence" o-tmf="x" adminlang="en" srclang="*all*" datatype="unknown" />
  <body>
    <tu>
      <tuv xml:lang="en"><seg>Hello World!</seg></tuv>
      <tuv xml:lang="zh"><seg>你好世界！</seg></tuv>
      <tuv xml:lang="ru"><seg>Привет мир!</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_namespaced_multilingual_tmx():
    [unit] = read_tmx(io.BytesIO(NAMESPACED.encode()), name="ns.tmx", skipped=Skipped())
    assert (unit.zh, unit.en, unit.zh_lang, unit.srclang) == ("你好世界！", "Hello World!", "zh", None)


def test_tmx_without_chinese_is_refused_and_nothing_stored(tmp_path):
    data = NAMESPACED.replace('xml:lang="zh"', 'xml:lang="de"').replace("你好世界！", "Hallo Welt!")
    db = _db(tmp_path)
    with pytest.raises(InputError) as err:
        import_file(db, io.BytesIO(data.encode()), name="ru.tmx")
    assert str(err.value) == ("ru.tmx: no Chinese in this file (languages: de, en, ru); a "
                              "Chinese-English memory needs a Chinese and an English side")
    assert list(store.iter_units(db)) == []


def test_tmx_whose_text_contradicts_its_tags_is_refused():
    data = OMEGAT_EN_ZH_TW.replace('lang="en"', 'lang="xx"').replace('lang="zh-TW"', 'lang="en"') \
        .replace('lang="xx"', 'lang="zh-CN"')
    with pytest.raises(InputError) as err:
        list(read_tmx(io.BytesIO(data.encode()), name="swapped.tmx", skipped=Skipped()))
    assert str(err.value) == ("swapped.tmx:6: declared zh-CN, but the text reads as English "
                              "(100% of the units; here: '&Add')")


ANGULAR = """<?xml version="1.0" encoding="UTF-8" ?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" datatype="plaintext" original="ng2.template">
    <body>
      <trans-unit id="7666030396044504097" datatype="html">
        <source>Controller not found</source>
        <target>控制器未找到</target>
        <context-group purpose="location">
          <context context-type="sourcefile">src/central.html</context>
          <context context-type="linenumber">19</context>
        </context-group>
        <note priority="1" from="description">Shown when no pad is connected</note>
      </trans-unit>
      <trans-unit id="2" datatype="html">
        <source>Untranslated</source>
      </trans-unit>
      <trans-unit id="3" datatype="html">
        <source>OK</source>
        <target>OK</target>
      </trans-unit>
      <trans-unit id="4" resname="time_tracking">
        <source>Time Tracking</source>
        <target state="signed-off">时间追踪</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_foreign_xliff_en_to_zh_is_imported_as_memory(tmp_path):
    db = _db(tmp_path)
    result = import_file(db, io.BytesIO(ANGULAR.encode()), name="messages.zh-CN.xlf")
    assert result.review is None and result.stats.added == 2
    assert result.skipped.summary() == ["1 skipped: the target copies the source (line 17)",
                                        "1 skipped: untranslated: no target (line 14)"]
    first, second = store.iter_units(db, order="id")
    assert (first.zh, first.en, first.key, first.srclang, first.note) == (
        "控制器未找到", "Controller not found", "ng2.template#7666030396044504097", "en-US",
        "Shown when no pad is connected")
    assert first.props == {"context:linenumber": "19", "context:sourcefile": "src/central.html"}
    assert (second.key, second.status, second.props) == (
        "ng2.template#4", "reviewed", {"resname": "time_tracking"})


def test_foreign_xliff_strict_refuses_the_untranslated_unit(tmp_path):
    with pytest.raises(InputError, match=r"^messages.xlf:14: untranslated: no target$"):
        import_file(_db(tmp_path), io.BytesIO(ANGULAR.encode()), name="messages.xlf", strict=True)


def test_foreign_xliff_id_used_twice_in_one_file_with_other_text_is_reported(tmp_path):
    # ids are unique per <file>: the same id in two files is two units, in one file it is
    # a conflict reported with both lines (as a TMX tuid is), never counted as a duplicate
    def unit(i, en, zh):
        return f'<trans-unit id="{i}"><source>{en}</source><target>{zh}</target></trans-unit>\n'

    def file(name, body):
        return (f'<file original="{name}" source-language="en" target-language="zh-Hans" '
                f'datatype="plaintext"><body>\n{body}</body></file>\n')
    data = (f'<xliff version="1.2" xmlns="{NS12}">\n'
            + file("a.strings", unit(1, "Hi", "你好") + unit(2, "Open", "打开") + unit(1, "Hi", "你好")
                   + unit(1, "Bye", "再见"))
            + file("b.strings", unit(1, "Close", "关闭")) + "</xliff>\n").encode()
    db = _db(tmp_path)
    with pytest.raises(InputError, match=r"^dup.xlf:6: id 'a.strings#1' already used at line 3 by a "
                                         r"unit with other text$"):
        import_file(db, io.BytesIO(data), name="dup.xlf", strict=True)
    assert list(store.iter_units(db)) == []
    result = import_file(db, io.BytesIO(data), name="dup.xlf")
    assert result.skipped.summary() == [
        "1 skipped: id 'a.strings#1' already used at line 3 by a unit with other text (line 6)"]
    assert result.stats.duplicates == 1             # the same id with the same text
    assert sorted((u.key, u.en) for u in store.iter_units(db)) == [
        ("a.strings#1", "Hi"), ("a.strings#2", "Open"), ("b.strings#1", "Close")]


@pytest.mark.parametrize("langs,message", [
    ('source-language="en-US" target-language="es-ES"',
     "x.xlf:5: no Chinese in this file (it translates en-US -> es-ES); a Chinese-English memory "
     "needs a Chinese and an English side"),
    ('source-language="ja" target-language="zh-CN"',
     "x.xlf:5: no English in this file (it translates ja -> zh-CN); a Chinese-English memory "
     "needs a Chinese and an English side"),
])
def test_xliff_without_chinese_or_english_is_refused(tmp_path, langs, message):
    data = ANGULAR.replace('source-language="en-US"', langs)
    db = _db(tmp_path)
    with pytest.raises(InputError) as err:
        import_file(db, io.BytesIO(data.encode()), name="x.xlf")
    assert str(err.value) == message
    assert list(store.iter_units(db)) == []


XLIFF2_EN_ZH_HANS = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-Hans">
<file id="f1">
<unit id="1">
<notes><note category="description">/properties/title</note></notes>
<segment state="translated"><source>Test for cloning.</source><target>克隆测试。</target></segment>
</unit>
<unit id="2"><segment><source>test</source></segment></unit>
</file>
</xliff>
"""


def test_xliff2_en_to_zh_hans():
    skipped = Skipped()
    [unit] = read_xliff(io.BytesIO(XLIFF2_EN_ZH_HANS.encode()), name="c.xlf", skipped=skipped)
    assert (unit.zh, unit.en, unit.zh_lang, unit.srclang, unit.key, unit.note, unit.meta) == (
        "克隆测试。", "Test for cloning.", "zh-Hans", "en", "1", "/properties/title",
        {"xliff": {"state": "translated"}})
    assert skipped.summary() == ["1 skipped: untranslated: no target (line 8)"]


XLIFF2_SEGMENTS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh-CN" trgLang="en">
<file id="f1">
<unit id="1"><segment><source>支持算力建设。</source><target>Support computing power.</target></segment>\
<ignorable><source> </source></ignorable><segment><source>推动产业发展。</source></segment></unit>
<unit id="2"><segment><source>建设平台。</source><target>Build platforms.</target></segment>\
<ignorable><source> </source></ignorable><segment><source>培育人才。</source><target>Train talent.</target></segment></unit>
<unit id="3"><segment><source>发展经济。</source><target>Grow the economy.</target></segment>\
<segment><source>保护环境。</source><target> </target></segment></unit>
</file>
</xliff>
"""
XLIFF12_SEGMENTS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.txt" source-language="en-US" target-language="zh-CN" datatype="plaintext"><body>
<trans-unit id="1"><source>Support computing power. Promote industry.</source><seg-source>\
<mrk mtype="seg" mid="1">Support computing power.</mrk> <mrk mtype="seg" mid="2">Promote industry.</mrk></seg-source>\
<target><mrk mtype="seg" mid="1">支持算力建设。</mrk></target></trans-unit>
<trans-unit id="2"><source>Build platforms. Train talent.</source><seg-source>\
<mrk mtype="seg" mid="3">Build platforms.</mrk> <mrk mtype="seg" mid="4">Train talent.</mrk></seg-source>\
<target><mrk mtype="seg" mid="3">建设平台。</mrk><mrk mtype="seg" mid="4">培育人才。</mrk></target></trans-unit>
<trans-unit id="3"><source>Grow the economy. Protect nature.</source><seg-source>\
<mrk mtype="seg" mid="5">Grow the economy.</mrk> <mrk mtype="seg" mid="6">Protect nature.</mrk></seg-source>\
<target><mrk mtype="seg" mid="5">发展经济。</mrk> <mrk mtype="seg" mid="6"/></target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize("data, stored", [
    (XLIFF2_SEGMENTS, ("建设平台。 培育人才。", "Build platforms. Train talent.")),
    (XLIFF12_SEGMENTS, ("建设平台。培育人才。", "Build platforms. Train talent.")),
], ids=["xliff-2", "xliff-1.2"])
def test_a_unit_translated_in_part_is_skipped_as_untranslated(runner, tmp_path, data, stored):
    """A unit of two segments with one translated was stored whole: the two Chinese
    sentences against the first English one, a 100% match for the English of half of it.
    Now it is skipped and counted as a unit without a target is; a unit whose segments
    all have a target is stored, an <ignorable> between them on both sides."""
    from tm.cli import cli
    path = tmp_path / "segments.xlf"
    path.write_text(data, encoding="utf-8")
    db = str(tmp_path / "m.db")
    result = runner.invoke(cli, ["--db", db, "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported 1 units from {path} (xliff): 1 added, 0 duplicates skipped.",
        "2 skipped: untranslated: a segment has no target (lines 4, 6)"]
    [unit] = store.iter_units(store.open_store(tmp_path / "m.db"))
    assert (codes.display(unit.zh), codes.display(unit.en)) == stored
    assert runner.invoke(cli, ["--db", db, "match", "支持算力建设。推动产业发展。"]).exit_code == 1
    result = runner.invoke(cli, ["--db", db, "import", "--strict", str(path)])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {path}:4: untranslated: a segment has no target\n")


# Trados Studio's SDLXLIFF (memoQ and Okapi segment 1.2 files the same way): the
# <seg-source> and the target mark each segment with <mrk mtype="seg" mid=…>; the
# sdl: elements are Studio's own (segment states, tag definitions).
SDLXLIFF_EN_ZH = """<?xml version="1.0" encoding="utf-8"?><xliff \
xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0" \
xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="C:\\guide.docx" \
source-language="en-US" datatype="x-sdlfilterframework2" target-language="zh-CN"><header>\
<tag-defs xmlns="http://sdl.com/FileTypes/SdlXliff/1.0"><tag id="pt1"><bpt name="cf">\
&lt;cf bold="True"&gt;</bpt><ept name="cf">&lt;/cf&gt;</ept></tag></tag-defs></header><body>
<group><trans-unit id="a1"><source>Click <g id="pt1">Save</g> to continue. Then close it.</source>\
<seg-source><mrk mtype="seg" mid="1">Click <g id="pt1">Save</g> to continue.</mrk> \
<mrk mtype="seg" mid="2">Then close it.</mrk></seg-source><target><mrk mtype="seg" mid="1">\
单击<g id="pt1">保存</g>以继续。</mrk><mrk mtype="seg" mid="2">然后将其关闭。</mrk></target>\
<sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation" origin="tm" percent="100"/>\
<sdl:seg id="2" conf="Draft" origin="mt"/></sdl:seg-defs></trans-unit></group>
<group><trans-unit id="a2"><source>Not yet translated.</source><seg-source>\
<mrk mtype="seg" mid="3">Not yet translated.</mrk></seg-source><target><mrk mtype="seg" mid="3" />\
</target><sdl:seg-defs><sdl:seg id="3" origin="not-translated"/></sdl:seg-defs></trans-unit></group>
</body></file></xliff>
"""


def test_sdlxliff_segment_marks_are_no_inline_codes(tmp_path):
    """<mrk mtype="seg"> bounds a segment (XLIFF 1.2, <seg-source>): it was read as an
    inline code of the target alone, so every segment of a Trados file stored codes in
    its Chinese that its English lacked ({3}单击…{/3}), which QA reported and fuzzy
    matching scored down, and a target of one empty <mrk> read as a target of two codes,
    not as untranslated. The marks are now read as the text they enclose; real codes
    (<g>) inside them stay codes."""
    db = _db(tmp_path)
    result = import_file(db, io.BytesIO(SDLXLIFF_EN_ZH.encode()), name="guide.docx.sdlxliff")
    assert result.skipped.summary() == ["1 skipped: untranslated: a segment has no target (line 3)"]
    [unit] = store.iter_units(db)
    assert (codes.display(unit.zh), codes.display(unit.en)) == (
        "单击{1}保存{/1}以继续。然后将其关闭。", "Click {1}Save{/1} to continue. Then close it.")
    assert set(unit.codes["zh"]) == set(unit.codes["en"]) == {"1", "/1"}


MQXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
<file original="a.docx" source-language="en-us" target-language="zh-cn" datatype="x-docx"><body>
<trans-unit id="1" mq:status="ManuallyConfirmed"><source>Open the menu.</source><target>打开菜单。</target></trans-unit>
<trans-unit id="2" mq:status="Reviewer1Confirmed"><source>Close it.</source><target>关闭它。</target></trans-unit>
<trans-unit id="3" mq:status="MachineTranslated"><source>Save it.</source><target>保存它。</target></trans-unit>
<trans-unit id="4" mq:status="Rejected"><source>Print it.</source><target>打印它。</target></trans-unit>
</body></file></xliff>
"""


def test_memoq_and_trados_confirmation_is_the_units_status():
    """memoQ (mq:status), Phrase (m:confirmed) and Trados (sdl:seg conf) give no XLIFF
    state but their own:
    every unit was imported `translated`, machine translations, drafts and rejected
    segments alike, so the memory took unconfirmed text as done. Not confirmed is now
    needs-review, confirmed translated, reviewer-approved reviewed (the least confirmed
    segment of a unit decides), and the tool's words are kept as a prop."""
    units = list(read_xliff(io.BytesIO(MQXLIFF.encode()), name="a.mqxliff", skipped=Skipped()))
    assert [(u.status, u.props["mq:status"]) for u in units] == [
        ("translated", "ManuallyConfirmed"), ("reviewed", "Reviewer1Confirmed"),
        ("needs-review", "MachineTranslated"), ("needs-review", "Rejected")]
    [unit] = read_xliff(io.BytesIO(SDLXLIFF_EN_ZH.encode()), name="g.sdlxliff", skipped=Skipped())
    assert (unit.status, unit.props["sdl:conf"]) == ("needs-review", "ApprovedTranslation Draft")
    approved = SDLXLIFF_EN_ZH.replace('conf="Draft"', 'conf="ApprovedSignOff"')
    [unit] = read_xliff(io.BytesIO(approved.encode()), name="g.sdlxliff", skipped=Skipped())
    assert unit.status == "reviewed"
    phrase = MQXLIFF.replace('xmlns:mq="MQXliff"', 'xmlns:m="http://www.memsource.com/mxlf/2.0"')
    for mq, m in (("ManuallyConfirmed", "1"), ("Reviewer1Confirmed", "2"), ("MachineTranslated", "0"),
                  ("Rejected", "0")):
        phrase = phrase.replace(f'mq:status="{mq}"', f'm:confirmed="{m}"')
    units = list(read_xliff(io.BytesIO(phrase.encode()), name="a.mxliff", skipped=Skipped()))
    assert [(u.status, u.props["m:confirmed"]) for u in units] == [
        ("translated", "1"), ("reviewed", "2"), ("needs-review", "0"), ("needs-review", "0")]


TRADOS_TMX = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4"><header creationtool="SDL Language Platform" creationtoolversion="8.1"
 o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US"/>
<body>
<tu><prop type="x-ConfirmationLevel">ApprovedSignOff</prop><tuv xml:lang="en-US"><seg>Open it.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>打开它。</seg></tuv></tu>
<tu><prop type="x-ConfirmationLevel">Translated</prop><tuv xml:lang="en-US"><seg>Close it.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>关闭它。</seg></tuv></tu>
<tu><prop type="x-ConfirmationLevel">Draft</prop><tuv xml:lang="en-US"><seg>Save it.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>保存它。</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Print it.</seg></tuv><tuv xml:lang="zh-CN"><seg>打印它。</seg></tuv></tu>
</body></tmx>
"""


def test_trados_tmx_confirmation_level_is_the_units_status():
    """Trados' TMX export gives each unit's confirmation as the prop x-ConfirmationLevel;
    a Draft was imported `translated` like a signed-off one. The level now sets the status
    as the SDLXLIFF's does (the prop is kept); a unit without it stays translated."""
    units = list(read_tmx(io.BytesIO(TRADOS_TMX.encode()), name="t.tmx", skipped=Skipped()))
    assert [u.status for u in units] == ["reviewed", "translated", "needs-review", "translated"]
    assert units[2].props == {"x-ConfirmationLevel": "Draft"}


def test_sdlxliff_tracked_changes_and_comments_are_read_as_the_text_they_leave():
    """A Trados target edited with track changes holds the deleted text in
    <mrk mtype="x-sdl-deleted"> and the inserted in <mrk mtype="x-sdl-added">; a comment
    marks its text with <mrk mtype="x-sdl-comment">. All were read as codes with their
    text: the memory stored 单击存储保存以继续 (the deleted word kept beside its
    replacement) and QA reported codes the English lacked. The segment is the text
    the changes leave; the marks are no codes; a <mrk> of another type still is one."""
    data = SDLXLIFF_EN_ZH.replace(
        '单击<g id="pt1">保存</g>以继续。',
        '单击<g id="pt1"><mrk mtype="x-sdl-deleted" sdl:revid="r1">存储</mrk><mrk mtype="x-sdl-added" '
        'sdl:revid="r2">保存</mrk></g>以<mrk mtype="x-sdl-comment" sdl:cid="c1">继续</mrk>。').replace(
        "然后将其关闭。", '然后将其<mrk mtype="protected" mid="p1">关闭</mrk>。')
    [unit] = read_xliff(io.BytesIO(data.encode()), name="g.sdlxliff", skipped=Skipped())
    assert codes.display(unit.zh) == "单击{1}保存{/1}以继续。然后将其{2}关闭{/2}。"
    assert set(unit.codes["zh"]) == {"1", "/1", "2", "/2"}


@pytest.mark.parametrize("marked", [
    '<trans-unit id="n1" translate="no"><source><x id="0"/></source></trans-unit>',
    '<group translate="no"><trans-unit id="n1"><source>ACME-4711</source></trans-unit></group>',
], ids=["unit", "group"])
def test_xliff_unit_not_for_translation_is_left_out_with_a_note(tmp_path, marked):
    """A unit marked translate="no" (on itself or inherited from its <group>; Trados puts
    the markup between paragraphs in such units) was counted as `untranslated: no target`,
    so a finished SDLXLIFF reported dozens of untranslated units (and `glossary qa` an
    `empty` error for each). It holds no translation: left out, and said so in a note."""
    data = SDLXLIFF_EN_ZH.replace("<group><trans-unit id=\"a2\">", marked + "\n<group><trans-unit id=\"a2\">")
    skipped = Skipped()
    units = list(read_xliff(io.BytesIO(data.encode()), name="g.sdlxliff", skipped=skipped))
    assert [u.key for u in units] == ["a1"]
    assert skipped.summary() == ["1 skipped: untranslated: a segment has no target (line 4)"]
    assert skipped.notes() == ['a unit marked translate="no" (not for translation): left out '
                               '(1 unit: line 3)']


def test_a_tsv_chinese_column_named_by_its_variety_gives_the_units_tag():
    """`繁體中文` or `Chinese (Taiwan)` over the Chinese column: the units were zh-CN."""
    for header, tag in (("English\t繁體中文", "zh-Hant"), ("English\tChinese (Taiwan)", "zh-TW")):
        [unit] = read_units(io.BytesIO(f"{header}\nSoftware update\t軟體更新\n".encode()), name="t.tsv")
        assert (unit.zh, unit.zh_lang) == ("軟體更新", tag)


def test_tmx_export_keeps_the_source_language_and_variant_tags(tmp_path):
    db = _db(tmp_path)
    import_file(db, io.BytesIO(ANGULAR.encode()), name="m.xlf")
    out = io.StringIO()
    write_tmx(store.iter_units(db, order="id"), out)
    assert out.getvalue().count('srclang="en-US"') == 2
    [again, _] = read_tmx(io.BytesIO(out.getvalue().encode()), name="m.tmx")
    assert (again.srclang, again.zh, again.props["resname"] if "resname" in again.props else None) \
        == ("en-US", "控制器未找到", None)


@pytest.mark.parametrize("tag, stored", [("zh-TW", "zh-TW"), ("zh-HK", "zh-HK"), ("zh-Hant", "zh-Hant"),
                                         ("zh_Hant_TW", "zh-Hant-TW"), ("ZH-hk", "zh-HK"),
                                         ("zh-CN", None)])
def test_traditional_tags_survive_tmx_export_and_reimport(tmp_path, tag, stored):
    """The Chinese variant's tag is stored as it came (BCP 47 spelling) and written back on
    the Chinese <tuv>; the export is valid and re-imports with the same tag."""
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
            'adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="x" creationtool="x" '
            'creationtoolversion="1"/><body>\n<tu><tuv xml:lang="en"><seg>Open the software</seg></tuv>'
            f'<tuv xml:lang="{tag}"><seg>打開軟件</seg></tuv></tu>\n</body></tmx>\n')
    db = _db(tmp_path)
    import_file(db, io.BytesIO(data.encode()), name="hk.tmx")
    [unit] = store.iter_units(db)
    assert (unit.zh, unit.zh_lang, unit.srclang) == ("打開軟件", stored, "en")
    exported = _export(db)
    tmx_dtd().assertValid(etree.fromstring(exported.encode()))
    assert f'<tuv xml:lang="{stored or "zh-CN"}"' in exported
    again = store.open_store(tmp_path / "again.db")
    import_file(again, io.BytesIO(exported.encode()), name="again.tmx")
    assert [(u.zh, u.zh_lang, u.srclang) for u in store.iter_units(again)] == [("打開軟件", stored, "en")]


# --------------------------------------------------------------------------- each unit's direction out

def _mixed_memory(tmp_path):
    """Units translated from English (Angular en-US → zh-CN; OmegaT en → zh-TW) and one
    aligned zh → en unit, in that order."""
    db = _db(tmp_path)
    import_file(db, io.BytesIO(ANGULAR.encode()), name="m.xlf")
    import_file(db, io.BytesIO(OMEGAT_EN_ZH_TW.encode()), name="project_save.tmx")
    store.import_units(db, [TranslationUnit(zh="推动人工智能产业发展。", en="Promote the AI industry.",
                                            key="plan:0001", pair="plan", position=1)])
    return db


def _tags(units):
    return [(u.zh, u.en, u.srclang, u.zh_lang, u.en_lang) for u in units]


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_xliff_export_writes_each_units_source_language_and_reads_back(tmp_path, version):
    """Units translated from English are written en → zh (their source language as
    recorded: source-language / srcLang); the export is valid and reads back with the
    same sides, source language and tags."""
    from _io_helpers import xliff12_schema, xliff21_schema
    db = _mixed_memory(tmp_path)
    stored = list(store.iter_units(db, order="id"))
    assert [u.srclang for u in stored] == ["en-US", "en-US", "en", "en", "en", None]
    out = io.StringIO()
    write_xliff(stored, out, version=version, clock=lambda: __import__("datetime").datetime(2026, 1, 1))
    data = out.getvalue()
    doc = etree.fromstring(data.encode())
    if version == "1.2":
        assert xliff12_schema("strict").validate(doc)
        files = [(f.get("source-language"), f.get("target-language"), f.get("original"))
                 for f in doc.iter(f"{{{NS12}}}file")]
        assert files == [("en-US", "zh-CN", "memory"), ("en", "zh-TW", "memory"),
                         ("zh-CN", "en", "plan")]
        assert '<source xml:lang="en-US">Controller not found</source>' in data
        assert '<target xml:lang="zh-TW" state="translated">關閉</target>' in data
    else:
        assert xliff21_schema().validate(doc)
        assert (doc.get("srcLang"), doc.get("trgLang")) == ("en-US", "zh-CN")
        assert "<source>Controller not found</source>" in data
        assert "<source>Promote the AI industry.</source>" in data     # in the document's direction
    assert _tags(read_xliff(io.BytesIO(data.encode()), name="x.xlf")) == _tags(stored)


def test_review_of_a_unit_exported_en_to_zh_corrects_its_chinese_side(tmp_path):
    from tm.exchange import apply_review
    db = _mixed_memory(tmp_path)
    out = io.StringIO()
    write_xliff(store.iter_units(db, order="id"), out, version="1.2")
    doc = etree.fromstring(out.getvalue().encode())
    unit = next(u for u in doc.iter(f"{{{NS12}}}trans-unit") if u.get("id").endswith("#4"))
    target = unit.find(f"{{{NS12}}}target")
    target.text, target.attrib["state"] = "工时追踪", "signed-off"
    report = apply_review(db, io.BytesIO(etree.tostring(doc)), name="reviewed.xlf", reviewer="Li")
    assert (report.corrected, report.source_changed, report.unknown) == (["ng2.template#4"], [], [])
    fixed = store.get_unit(db, "ng2.template#4")
    assert (fixed.zh, fixed.en, fixed.status, fixed.srclang) == ("工时追踪", "Time Tracking", "reviewed", "en-US")
    assert [m.unit.key for m in __import__("tm.memory.match", fromlist=["match"]).match(
        db, "工时追踪", source="zh", min_score=100)] == ["ng2.template#4"]


def test_tmx_writes_srclang_per_unit_where_it_differs_from_the_header(tmp_path):
    db = _mixed_memory(tmp_path)
    exported = _export(db)
    tmx_dtd().assertValid(etree.fromstring(exported.encode()))
    header = etree.fromstring(exported.encode()).find("header")
    assert header.get("srclang") == "zh-CN"
    assert [tu.get("srclang") for tu in etree.fromstring(exported.encode()).iter("tu")] == [
        "en-US", "en-US", "en", "en", "en", None]
    again = store.open_store(tmp_path / "again.db")
    import_file(again, io.BytesIO(exported.encode()), name="again.tmx")
    assert _tags(store.iter_units(again, order="id")) == _tags(store.iter_units(db, order="id"))


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_tabular_export_keeps_each_units_source_language(tmp_path, fmt):
    """TSV/CSV: a srclang column gives each unit's source language (empty where none is
    recorded); the export imports back with the same sides, source languages and tags."""
    db = _mixed_memory(tmp_path)
    out = io.StringIO()
    export_units(db, out, fmt=fmt, fields=("key",))     # keys: two units share their text
    text = out.getvalue()
    lines = text.splitlines()
    sep = "\t" if fmt == "tsv" else ","
    assert lines[0].split(sep) == ["zh-CN", "en", "key", "tag-zh", "tag-en", "srclang"]
    assert [line.rsplit(sep, 1)[1] for line in lines[1:]].count("") == 1     # the aligned unit
    again = store.open_store(tmp_path / "again.db")
    import_file(again, io.BytesIO(text.encode()), name=f"again.{fmt}")
    assert _tags(store.iter_units(again, order="id")) == _tags(store.iter_units(db, order="id"))


def test_tabular_export_without_source_languages_has_no_srclang_column(tmp_path):
    db = _db(tmp_path)
    store.import_units(db, [TranslationUnit(zh="推动人工智能产业发展。", en="Promote the AI industry.")])
    out = io.StringIO()
    export_units(db, out, fmt="tsv")
    assert out.getvalue().split("\n", 1)[0] == "zh-CN\ten"


def test_tabular_srclang_cell_that_is_not_chinese_or_english_is_an_error():
    from tm.formats.tabular import read_tsv
    data = "zh-CN\ten\tsrclang\n你好\thello\ten-GB\n再见\tbye\tfr\n".encode()
    with pytest.raises(InputError, match=r"^x\.tsv:3: srclang: 'fr' is not a Chinese or English "
                                         r"language tag$"):
        list(read_tsv(io.BytesIO(data), name="x.tsv"))
    good = "zh-CN\ten\tsrclang\n你好\thello\ten_gb\n再见\tbye\tzh-CN\n谢谢\tthanks\t\n".encode()
    assert [(u.zh, u.srclang) for u in read_tsv(io.BytesIO(good), name="x.tsv")] == [
        ("你好", "en-GB"), ("再见", None), ("谢谢", None)]
