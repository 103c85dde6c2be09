"""Property tests for the parsers and round trips that other suites do not already cover.

Already covered elsewhere (not repeated here): the file-format round trips and
byte-level robustness of TMX/TSV/CSV/XLIFF (tests/test_formats.py), the glossary
CSV/TSV/TBX/TBX3 round trip (tests/test_glossary_tabular.py), the segmenters
(tests/test_segment.py), the sentence aligner's bead coverage (tests/test_align.py),
number extraction (tests/test_numbers.py, tests/test_zh.py).

Here: every other reader of user input — glossary files of any bytes, plain-text
decoding, encoding and format sniffing, bead files, document pairs for the
aligner, search/match/lookup queries, QA over arbitrary text — returns a result
or raises the tool's own error (``ToolError``), never anything else; and the
memory itself (real SQLite files) round-trips every character through import,
TSV and TMX export and re-import.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tm.errors import InputError, ToolError
from tm.models import TranslationUnit

SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FAST = settings(max_examples=150, deadline=None)

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# text weighted towards what breaks parsers: CJK (BMP and astral), combining marks,
# controls, quotes, brackets, markup and query syntax
nasty = st.lists(st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(list("中文算力𠀀𪚥\u0301\u0300\x00\x01\x0c\x1f\r\n\t \"'“”（）()[]{}<>&;*:^-+=@|\\%_.。，、")),
    st.sampled_from(["AND", "OR", "NOT", "NEAR", "\"\"", "*", "'", "--", "/*", "%", "_", "人工智能", "康养"]),
), max_size=25).map("".join)


def oneline(s: str) -> str:
    return s.replace("\n", " ").replace("\r", " ")


# --- glossary files: any bytes --------------------------------------------------

@pytest.mark.parametrize("ext", [".tbx", ".csv", ".tsv", ".txt", ".utf8"])
@FAST
@given(data=st.binary(max_size=400))
@example(data=b"<martif><text><body><termEntry>")
@example(data=b"zh,en\n\x00,x\n")
@example(data="zh\ten\n算力\t\n".encode())
def test_glossary_file_reader_returns_entries_or_tool_error(tmp_path_factory, ext, data):
    from glossary.termbase.store import load_glossary_file
    path = tmp_path_factory.mktemp("g") / f"junk{ext}"
    path.write_bytes(data)
    try:
        entries = load_glossary_file(path)
    except ToolError as exc:
        assert str(exc).startswith(str(path)), exc
        return
    assert entries and all(e.zh.strip() for e in entries)


# --- plain-text documents: decoding and sniffing ----------------------------------

@FAST
@given(data=st.binary(max_size=400))
def test_text_decoding_returns_text_or_input_error(data):
    from tm.formats.textio import decode
    try:
        text = decode(data, name="doc.txt")
    except InputError as exc:
        assert str(exc).startswith("doc.txt"), exc
        return
    assert "\x00" not in text and "\r" not in text


text_doc = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                   min_size=1, max_size=80)


@FAST
@given(text=text_doc, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_text_decoding_keeps_every_character(text, encoding):
    from tm.formats.textio import decode
    assert decode(text.encode(encoding), name="doc.txt") == text.replace("\r\n", "\n").replace("\r", "\n")


# Legacy encodings are told apart statistically (tm.textio.detect_encoding), so the
# documents are made of what documents are made of: everyday Chinese, ASCII, punctuation.
_EVERYDAY = ("天津市人工智能行动计划支持算力技术攻关和平台建设推动多元化产业发展创新数据安全的"
             "是在有了一个不这为们中国年月日与及等对于")
chinese_doc = st.text(st.sampled_from(_EVERYDAY + "，。、；：？！“”（）0123456789 abcXYZ\n\t"),
                      min_size=1, max_size=80)


@FAST
@given(text=chinese_doc.map(lambda t: "中文" + t))
def test_gb18030_documents_are_decoded_exactly_when_not_utf8(text):
    from tm.formats.textio import decode
    data = text.encode("gb18030")
    try:
        data.decode("utf-8")
        assume(False)           # bytes that are valid UTF-8 are read as UTF-8, by design
    except UnicodeDecodeError:
        pass
    assert decode(data, name="doc.txt") == text.replace("\r\n", "\n").replace("\r", "\n")


@FAST
@given(head=st.binary(max_size=300))
def test_encoding_and_format_sniffing_answer_or_refuse(head):
    from tm.formats.common import READ_FORMATS, detect_format
    from tm.formats.tabular import detect_encoding
    try:
        codecs.lookup(detect_encoding(head, name="x"))
    except InputError:
        pass
    try:
        assert detect_format(head, name="x") in READ_FORMATS
    except InputError:
        pass


@FAST
@given(text=st.one_of(nasty, st.lists(st.sampled_from(["[", "]", "0", "1", ",", ":", " ", "\n", "-", "1e9",
                                                        "True", "'a'", "()", "{}"]), max_size=30).map("".join)))
@example(text="[" * 500 + "]" * 500 + ":[]")
@example(text="[True]:[1.5]")
@example(text="[True]:[]")
@example(text="[-1]:[0]")
def test_bead_files_parse_or_raise_input_error(text):
    from tm.align.evaluate import parse_beads
    try:
        beads = parse_beads(text, path="gold.align")
    except InputError as exc:
        assert str(exc).startswith("gold.align:"), exc
        return
    for zh, en in beads:
        assert all(type(i) is int and i >= 0 for i in zh + en)


# --- the aligner on any pair of documents ---------------------------------------------

@SLOW
@given(zh=nasty, en=nasty)
@example(zh="", en="")
@example(zh="。。。", en="...")
@example(zh="中文", en="中文")
def test_aligning_any_documents_gives_beads_or_tool_error(zh, en):
    from tm.align.aligner import align_texts
    try:
        result = align_texts(zh, en, zh_name="a.zh", en_name="a.en")
    except ToolError:
        return
    zh_seen = [i for b in result.beads for i in b.zh]
    en_seen = [i for b in result.beads for i in b.en]
    assert zh_seen == list(range(len(result.zh))) and en_seen == list(range(len(result.en)))


# --- queries: match, search, lookup --------------------------------------------------

@pytest.fixture(scope="module")
def query_db(tmp_path_factory):
    from glossary.termbase.store import import_file as import_terms, open_termbase
    from tm.memory.store import import_units

    from conftest import ROOT
    db = open_termbase(tmp_path_factory.mktemp("q") / "q.db")
    import_units(db, [
        TranslationUnit(zh="支持算力技术攻关和平台建设。", en="Support research on computing power and platforms."),
        TranslationUnit(zh="推动人工智能与实体经济深度融合。", en="Integrate artificial intelligence with the real economy."),
        TranslationUnit(zh="𠀀字和组合字符é。", en="The character 𠀀 and e\u0301 \"quoted\" (AND) OR *."),
        TranslationUnit(zh="康养产业", en="Health Care industry"),
    ])
    import_terms(db, ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv")
    return db


@SLOW
@given(query=nasty)
@example(query='"')
@example(query="AND")
@example(query="comput*")
@example(query="*")
@example(query="NEAR(a b)")
@example(query="算")
@example(query="𠀀")
def test_search_and_match_answer_any_query(query_db, query):
    from tm.memory.match import match
    from tm.memory.search import search
    for lang in (None, "zh", "en"):
        try:
            hits = search(query_db, query, lang=lang, limit=10)
        except ToolError:
            continue
        for hit in hits:
            text = getattr(hit.unit, hit.lang)
            assert hit.spans and all(0 <= a < b <= len(text) for a, b in hit.spans)
    for source in (None, "zh", "en"):
        try:
            found = match(query_db, query, source=source, min_score=0, limit=5)
        except ToolError:
            continue
        assert all(0 <= m.score <= 100 for m in found)
        assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


@SLOW
@given(query=nasty)
@example(query="kx")
@example(query="'")
@example(query="%")
@example(query="Health Care")
@example(query="00\x00")          # NUL inside an FTS5 phrase
def test_glossary_lookup_answers_any_query(query_db, query):
    from glossary.termbase.lookup import lookup
    try:
        hits = lookup(query_db, query)
    except ToolError:
        return
    for hit in hits:
        for line in hit.concordance:
            assert all(0 <= a < b <= len(line.zh) for a, b in line.zh_spans)
            assert all(0 <= a < b <= len(line.en) for a, b in line.en_spans)


# --- QA over arbitrary text --------------------------------------------------------------

CHECKS = {"terminology", "forbidden-term", "number", "acronym", "untranslated", "empty",
          "punctuation", "brackets", "mixed-script", "codes", "negation", "inconsistency"}


@pytest.fixture(scope="module")
def curated():
    from glossary.termbase.store import load_glossary_file

    from conftest import ROOT
    return load_glossary_file(ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv")


@SLOW
@given(pairs=st.lists(st.tuples(nasty, nasty), min_size=1, max_size=4))
@example(pairs=[("1000亿元", "100 billion yuan"), ("二〇二七年", "2027"), ("（GPU", "GPU)")])
@example(pairs=[("人工智能", "0")])     # a term at the end of the text that starts a longer term
@example(pairs=[("支\U00100004持\U00100005\U0010000a", "\U00100005x\U00100004\U0010000e")])   # inline codes
def test_qa_checks_any_text_and_spans_point_into_it(curated, pairs):
    from glossary.qa.checks import Pair
    from glossary.qa.run import run_qa
    result = run_qa([Pair(str(i), zh, en) for i, (zh, en) in enumerate(pairs, 1)], entries=curated)
    for f in result.findings:
        assert f.check in CHECKS and f.severity in ("error", "warning", "info")
        if f.span is not None:
            a, b = f.span
            assert 0 <= a <= b <= max(len(f.zh), len(f.en)), f


# --- the memory: every character survives import, TSV, TMX and re-import ---------------

unit_text = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                              st.sampled_from(list("𠀀𪚥\u0301\u0300\x00\x01\x0c\x1f\r\n\t \\"))), max_size=30)


@st.composite
def memory_units(draw):
    n = draw(st.integers(1, 4))
    texts = draw(st.lists(st.tuples(unit_text, unit_text), min_size=n, max_size=n,
                          unique_by=lambda t: t))
    return [TranslationUnit(zh="中" + zh, en="A" + en, key=f"p:{i:04d}") for i, (zh, en) in enumerate(texts)]


def _export(db, fmt: str) -> bytes:
    from tm.exchange import export_units
    out = io.StringIO(newline="")
    export_units(db, out, fmt=fmt, **({"fields": ("key",)} if fmt == "tsv" else {}))
    return out.getvalue().encode("utf-8")


@SLOW
@given(units=memory_units())
@example(units=[TranslationUnit(zh="中\x00\x0c𠀀é", en="A\r\n\\t \x1f", key="p:0000")])
@example(units=[TranslationUnit(zh="中\u3040", en="A", key="p:0000")])    # a kana block's unassigned point
@example(units=[TranslationUnit(zh="中ᄀ", en="A", key="p:0000")])    # Han beside a hangul letter
def test_memory_round_trip_through_tsv_and_tmx_keeps_every_character(tmp_path_factory, units):
    from tm.exchange import import_file
    from tm.memory.store import import_units, iter_units, open_store
    directory = tmp_path_factory.mktemp("mem")
    first = open_store(directory / "a.db")
    import_units(first, units)
    want = [(u.key, u.zh, u.en) for u in units]
    assert [(u.key, u.zh, u.en) for u in iter_units(first)] == want
    tsv = _export(first, "tsv")
    second = open_store(directory / "b.db")
    import_file(second, io.BytesIO(tsv), name="a.tsv")
    assert [(u.key, u.zh, u.en) for u in iter_units(second)] == want
    tmx = _export(second, "tmx")
    third = open_store(directory / "c.db")
    import_file(third, io.BytesIO(tmx), name="b.tmx")
    assert [(u.key, u.zh, u.en) for u in iter_units(third)] == want
    assert _export(third, "tsv") == tsv
    for db in (first, second, third):
        db.conn.close()
