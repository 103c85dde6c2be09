"""Every reader on damaged input: a valid file re-encoded in a random codec, truncated at a
random byte, or with random bytes spliced in, either reads or raises the tool's own
``ToolError`` (one line for the user), never anything else."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tm.errors import ToolError

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" '
       'segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body>\n'
       '<tu tuid="a"><tuv xml:lang="zh-CN"><seg>支持算力技术攻关。</seg></tuv><tuv xml:lang="en"><seg>Support '
       'computing power.</seg></tuv></tu>\n<tu tuid="b"><tuv xml:lang="zh-CN"><seg>推动人工智能发展。</seg></tuv>'
       '<tuv xml:lang="en"><seg>Promote AI.</seg></tuv></tu>\n</body></tmx>\n')
XLIFF = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
         'version="2.0" srcLang="zh-CN" trgLang="en"><file id="f"><unit id="a"><segment state="final">'
         '<source>支持算力技术攻关。</source><target>Support computing power.</target></segment></unit>'
         '</file></xliff>\n')
TSV = "zh-CN\ten\tkey\n支持算力技术攻关。\tSupport computing power.\ta\n推动人工智能发展。\tPromote AI.\tb\n"
CSV = "zh-CN,en\n支持算力技术攻关。,\"Support, computing power.\"\n推动人工智能发展。,Promote AI.\n"
TBX = ('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="zh-CN"><text><body>\n'
       '<termEntry><langSet xml:lang="zh-CN"><tig><term>算力</term></tig></langSet><langSet xml:lang="en">'
       '<tig><term>computing power</term></tig></langSet></termEntry>\n</body></text></martif>\n')
GLOSSARY_TSV = "zh\ten\tnote\n算力\tcomputing power\t常用\n康养\thealth and wellness\t\n"

SOURCES = {"tmx": TMX, "xliff": XLIFF, "tsv": TSV, "csv": CSV}
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5hkscs", "cp932",
          "cp1252", "latin-1", "utf-32"]


@st.composite
def damaged(draw, text: str) -> bytes:
    codec = draw(st.sampled_from(CODECS))
    data = text.encode(codec, errors=draw(st.sampled_from(["replace", "ignore", "xmlcharrefreplace"])))
    how = draw(st.sampled_from(["as is", "truncate", "splice", "both"]))
    if how in ("truncate", "both"):
        data = data[:draw(st.integers(0, len(data)))]
    if how in ("splice", "both"):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=12)) + data[at:]
    return data


def _readers_agree(data: bytes, fmt: str):
    from tm.formats.common import read_units
    try:
        units = list(read_units(io.BytesIO(data), fmt=fmt, name="fuzz." + fmt))
    except ToolError as exc:
        assert "\n" not in str(exc)
        return None
    for u in units:
        assert isinstance(u.zh, str) and isinstance(u.en, str)
    return units


@FAST
@given(st.sampled_from(list(SOURCES)).flatmap(lambda fmt: st.tuples(st.just(fmt), damaged(SOURCES[fmt]))))
def test_memory_readers_read_or_refuse(case):
    fmt, data = case
    _readers_agree(data, fmt)
    _readers_agree(data, "auto") if data.strip() else None


@FAST
@given(st.sampled_from([("t.tbx", TBX), ("g.tsv", GLOSSARY_TSV), ("g.csv", GLOSSARY_TSV.replace("\t", ","))])
       .flatmap(lambda c: st.tuples(st.just(c[0]), damaged(c[1]))))
def test_glossary_readers_read_or_refuse(tmp_path_factory, case):
    from glossary.termbase.store import load_glossary_file
    name, data = case
    path = tmp_path_factory.mktemp("g") / name
    path.write_bytes(data)
    try:
        entries = load_glossary_file(path)
    except ToolError as exc:
        assert "\n" not in str(exc)
        return
    assert all(isinstance(e.zh, str) for e in entries)


@FAST
@given(damaged("支持算力技术攻关和平台建设。推动人工智能与实体经济深度融合。\nSupport computing power.\n"))
def test_documents_read_or_refuse(data):
    from tm.formats.textio import read_document
    try:
        text, codec = read_document(io.BytesIO(data), name="doc.txt")
    except ToolError as exc:
        assert "\n" not in str(exc)
        return
    assert text.strip() and codec


@pytest.mark.parametrize("kind", ["tmx", "xliff", "tbx"])
def test_an_undefined_entity_names_its_line_and_itself(tmp_path, kind):
    """libxml2 logs an undefined entity (``&foo;``), recovers, and ends the parse with an
    exception of its own that has no line: every XML reader said `:0: not well-formed
    XML: no element found`."""
    from glossary.termbase.store import load_glossary_file
    from tm.errors import InputError
    from tm.formats.common import read_units
    body = {"tmx": '<tmx version="1.4"><header srclang="zh-CN"/><body>\n<tu>\n'
                   '<tuv xml:lang="zh-CN"><seg>算&foo;力</seg></tuv><tuv xml:lang="en"><seg>power</seg></tuv>'
                   '</tu></body></tmx>',
            "xliff": '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
                     'source-language="en" target-language="zh-CN" datatype="plaintext"><body>\n\n'
                     '<trans-unit id="1"><source>power</source><target>算&foo;力</target></trans-unit>'
                     '</body></file></xliff>',
            "tbx": '<martif type="TBX" xml:lang="en"><text><body>\n\n<termEntry id="1"><langSet xml:lang="zh">'
                   '<tig><term>算&foo;力</term></tig></langSet><langSet xml:lang="en"><tig><term>power</term>'
                   '</tig></langSet></termEntry></body></text></martif>'}[kind]
    path = tmp_path / f"x.{kind}"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        if kind == "tbx":
            load_glossary_file(path)
        else:
            list(read_units(path))
    assert str(caught.value) == f"{path}:4: not well-formed XML: Entity 'foo' not defined"


def test_gzip_compressed_files_are_read_by_every_reader_of_them(tmp_path):
    """tm import reads OmegaT's .tmx.gz; glossary qa (read_units) and glossary import said
    'not UTF-8 text, and not UTF-16, GB18030, …' of the same file."""
    import gzip

    from glossary.qa.inputs import read_pairs
    from glossary.termbase.store import load_glossary_file
    tmx = tmp_path / "m.tmx.gz"
    tmx.write_bytes(gzip.compress(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg>算力</seg></tuv><tuv xml:lang="en"><seg>computing power</seg>'
        '</tuv></tu></body></tmx>\n'.encode()))
    assert [(p.zh, p.en) for p in read_pairs(tmx)] == [("算力", "computing power")]
    tsv = tmp_path / "terms.tsv.gz"
    tsv.write_bytes(gzip.compress("zh\ten\n算力\tcomputing power\n".encode()))
    assert [(e.zh, e.approved) for e in load_glossary_file(tsv)] == [("算力", ["computing power"])]
    cut = tmp_path / "cut.tmx.gz"
    cut.write_bytes(tmx.read_bytes()[:-12])
    with pytest.raises(ToolError, match="cut.tmx.gz:1: the compressed .gzip. file ends early"):
        read_pairs(cut)
