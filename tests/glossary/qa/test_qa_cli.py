"""`glossary qa` from the command line: inputs, reports, exit codes, bad input."""

import csv
import io
import json
import re

import pytest
from conftest import PLAN_EN, PLAN_ZH
from junitparser import Failure, JUnitXml
from lxml import etree

from glossary.cli import cli
from glossary.models import Entry

HEADER = "id\tzh-CN\ten\n"
GOOD = "p1\t推动多元化算力平台建设。\tPromote the construction of diversified computing power platforms.\n"
BAD_NUMBER = "p2\t到2027年，攻克100项关键核心技术。\tBy 2027, overcome 10 key core technologies.\n"
FULL_STOP = "p3\t3．构建开放共享数据资源。\t3. Build open and shared data resources。\n"
GLOSSARY = "zh\ten\tforbidden\n康养\thealth and wellness\tHealth Care\n算力\tcomputing power\t\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_clean_file_exits_0(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER + GOOD)
    result = run(runner, "qa", path, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_jsonl_shape_and_exit_1(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER + GOOD + BAD_NUMBER + FULL_STOP)
    result = run(runner, "qa", path, "--format", "jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(r) for r in records] == [["id", "check", "severity", "message", "zh", "en", "span", "finding"]] * 2
    assert all(re.fullmatch(r"qa-[0-9a-f]{10}", r.pop("finding")) for r in records)
    assert records == [
        {"id": "p2", "check": "number", "severity": "error",
         "message": "number differs: 100 (100) in the source, 10 (10) in the target",
         "zh": "到2027年，攻克100项关键核心技术。", "en": "By 2027, overcome 10 key core technologies.",
         "span": [18, 20]},
        {"id": "p3", "check": "punctuation", "severity": "error",
         "message": "Chinese punctuation 。 in the English target",
         "zh": "3．构建开放共享数据资源。", "en": "3. Build open and shared data resources。",
         "span": [39, 40]},
    ]


def test_row_numbers_are_ids_without_an_id_column(runner, db_path, tmp_path):
    text = "zh\ten\n" + GOOD.split("\t", 1)[1] + BAD_NUMBER.split("\t", 1)[1]
    result = run(runner, "qa", write(tmp_path, "new.tsv", text), "--format", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["2"]


def test_human_report(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER + GOOD + BAD_NUMBER + FULL_STOP)
    result = run(runner, "qa", path, "--checks", "number,punctuation")
    assert result.exit_code == 1
    assert result.stdout == (
        "segment p2\n"
        "  zh  到2027年，攻克100项关键核心技术。\n"
        "  en  By 2027, overcome [[10]] key core technologies.\n"
        "      error    number          number differs: 100 (100) in the source, 10 (10) in the target\n"
        "\n"
        "segment p3\n"
        "  zh  3．构建开放共享数据资源。\n"
        "  en  3. Build open and shared data resources[[。]]\n"
        "      error    punctuation     Chinese punctuation 。 in the English target\n"
        "\n"
        "check        error  warning  info\n"
        "-----------  -----  -------  ----\n"
        "number           1        0     0\n"
        "punctuation      1        0     0\n"
        "total            2        0     0\n"
        "\n"
        "3 segment(s) checked, 2 with findings: 2 error(s), 0 warning(s), 0 info.\n"
    )


def test_color_highlights_spans(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER + FULL_STOP)
    colored = run(runner, "qa", path, "--color")
    assert "\x1b[" in colored.stdout and "[[" not in colored.stdout
    plain = run(runner, "qa", path, "--no-color")
    assert "\x1b[" not in plain.stdout and "[[。]]" in plain.stdout


def test_severity_skip_and_checks_decide_the_exit_code(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER + BAD_NUMBER + FULL_STOP)
    assert run(runner, "qa", path).exit_code == 1
    assert run(runner, "qa", path, "--severity", "number=warning", "--skip", "punctuation").exit_code == 0
    assert run(runner, "qa", path, "--checks", "acronym,brackets").exit_code == 0
    result = run(runner, "qa", path, "--severity", "number=info", "--severity", "punctuation=warning",
                 "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["severity"] for line in result.stdout.splitlines()] == ["info", "warning"]
    assert run(runner, "qa", path, "--severity", "number=info", "--severity", "punctuation=warning",
               "--fail-on", "warning").exit_code == 1
    assert run(runner, "qa", path, "--severity", "number=info", "--skip", "punctuation",
               "--fail-on", "warning").exit_code == 0
    assert run(runner, "qa", path, "--severity", "number=info", "--skip", "punctuation",
               "--fail-on", "info").exit_code == 1


def test_glossary_file_terminology_and_forbidden(runner, db_path, tmp_path):
    terms = write(tmp_path, "terms.tsv", GLOSSARY)
    path = write(tmp_path, "new.tsv", HEADER
                 + "a\t4．“人工智能+康养”行动。\t4. \"Artificial Intelligence+Health Care\" Action.\n"
                 + "b\t1．支持算力技术攻关和平台建设。\t1. Support computing technology research.\n")
    result = run(runner, "qa", path, "--glossary", terms, "--format", "jsonl")
    assert result.exit_code == 1
    got = [(r["id"], r["check"], r["en"][r["span"][0]:r["span"][1]] if r["check"] == "forbidden-term"
            else r["zh"][r["span"][0]:r["span"][1]]) for r in map(json.loads, result.stdout.splitlines())]
    # 康养 is reported once: the forbidden rendering, which names the approved one
    assert got == [("a", "forbidden-term", "Health Care"), ("b", "terminology", "算力")]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, db_path, monkeypatch):
    """$TM_DB: a fresh SQLite file or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(db_path)
    url = request.getfixturevalue("pg_url")
    monkeypatch.setenv("TM_DB", url)
    return url


def test_term_base_and_memory_from_db(runner, any_db, tmp_path):
    from glossary.termbase.store import add_entry, open_termbase
    from tm.models import TranslationUnit
    from tm.memory.store import import_units
    db = open_termbase(any_db)
    add_entry(db, Entry(zh="算力", approved=["computing power"], status="approved"))
    add_entry(db, Entry(zh="康养", approved=["health and wellness"], status="candidate"))
    import_units(db, [TranslationUnit(zh="推动多元化算力平台建设。",
                                      en="Promote diversified computing power platforms.")])
    db.close()
    path = write(tmp_path, "new.tsv", HEADER + GOOD + "q\t4．“人工智能+康养”行动。\t4. \"AI+Elderly Care\" Action.\n")
    result = run(runner, "qa", path, "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # the candidate term 康养 is not used; the memory disagrees with p1
    assert [(r["id"], r["check"], r["severity"]) for r in records] == [("p1", "inconsistency", "warning")]
    assert "Promote diversified computing power platforms." in records[0]["message"]
    assert result.exit_code == 0


def test_junit_parses_as_ci_reads_it(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER + GOOD + BAD_NUMBER + FULL_STOP
                 + "p4\t推动多元化算力平台建设。\tPromote the  construction of diversified computing power platforms.\n")
    result = run(runner, "qa", path, "--format", "junit")
    assert result.exit_code == 1
    report = tmp_path / "qa.xml"
    report.write_bytes(result.stdout_bytes)
    xml = JUnitXml.fromfile(str(report))
    suites = list(xml)
    assert len(suites) == 1 and suites[0].tests == 4 and suites[0].failures == 2
    cases = {case.name: case for case in suites[0]}
    assert sorted(cases) == ["segment p1", "segment p2", "segment p3", "segment p4"]
    assert cases["segment p1"].is_passed and cases["segment p4"].is_passed
    failure = cases["segment p2"].result[0]
    assert isinstance(failure, Failure) and failure.type == "number"
    assert "doubled space" in cases["segment p4"].system_out
    assert etree.fromstring(result.stdout_bytes).tag == "testsuites"
    strict = run(runner, "qa", path, "--format", "junit", "--fail-on", "warning")
    report.write_bytes(strict.stdout_bytes)
    assert list(JUnitXml.fromfile(str(report)))[0].failures == 3


def test_csv_is_spreadsheet_safe(runner, db_path, tmp_path):
    path = write(tmp_path, "new.tsv", HEADER
                 + "=cmd\t推动多元化算力平台建设。\t=HYPERLINK(\"http://x\",\"y\")。\n"
                 + "p2\t到2027年，攻克100项关键核心技术。\t-10 key technologies by 2027.\n")
    result = run(runner, "qa", path, "--format", "csv", "--checks", "punctuation,number")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["id", "check", "severity", "message", "zh", "en", "span_start", "span_end", "finding"]
    assert [r["id"] for r in rows] == ["'=cmd", "p2"]
    assert rows[0]["en"].startswith("'=HYPERLINK")
    assert rows[1]["en"].startswith("'-10")
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu tuid="t1"><tuv xml:lang="zh-CN"><seg>支持中央处理器（CPU）、GPU等核心芯片研发。</seg></tuv>
<tuv xml:lang="en"><seg>Support the development of core chips such as central processing units and GPUs.</seg></tuv></tu>
</body></tmx>
"""

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="plan" source-language="zh-CN" target-language="en" datatype="plaintext"><body>
<trans-unit id="u7"><source>形成3至4个特色产业聚集区。</source><target>Form 3 to 5 industry clusters.</target></trans-unit>
<trans-unit id="u8"><source>推动多元化算力平台建设。</source></trans-unit>
</body></file></xliff>
"""

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh-CN" trgLang="en">
<file id="f1"><unit id="x9"><segment><source>发展VR/AR沉浸式导览。</source>
<target>Develop immersive virtual reality guides.</target></segment></unit></file></xliff>
"""


@pytest.mark.parametrize("name, text, expected", [
    ("new.tmx", TMX, [("t1", "acronym"), ("t1", "brackets")]),
    ("new.xlf", XLIFF12, [("u7", "number"), ("u8", "empty")]),
    ("new2.xlf", XLIFF2, [("x9", "acronym"), ("x9", "acronym")]),
])
def test_xml_inputs_use_unit_ids(runner, db_path, tmp_path, name, text, expected):
    result = run(runner, "qa", write(tmp_path, name, text), "--format", "jsonl")
    assert result.exit_code == 1, result.output
    assert [(r["id"], r["check"]) for r in map(json.loads, result.stdout.splitlines())] == expected


SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0"
 xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="guide.docx" source-language="en-US"
 datatype="x-sdlfilterframework2" target-language="zh-CN"><body>
<trans-unit id="a1"><source>Click <g id="pt1">Save</g> to continue. Then close it.</source><seg-source>\
<mrk mtype="seg" mid="1">Click <g id="pt1">Save</g> to continue.</mrk> <mrk mtype="seg" mid="2">Then \
close it.</mrk></seg-source><target><mrk mtype="seg" mid="1">单击<g id="pt1">保存</g>以继续。</mrk>\
<mrk mtype="seg" mid="2">然后将其关闭。</mrk></target><sdl:seg-defs><sdl:seg id="1" conf="Translated"/>\
<sdl:seg id="2" conf="Translated"/></sdl:seg-defs></trans-unit>
<trans-unit id="a2"><source>Not yet translated.</source><seg-source><mrk mtype="seg" mid="3">Not yet \
translated.</mrk></seg-source><target><mrk mtype="seg" mid="3"/></target></trans-unit>
</body></file></xliff>
"""


def test_trados_segmented_xliff_has_no_code_findings_for_its_segment_marks(runner, db_path,
                                                                           tmp_path):
    """The <mrk mtype="seg"> of a segmented XLIFF 1.2 target (Trados, memoQ, Okapi) were
    read as codes the source lacked: two `codes` warnings a segment, and a segment left
    empty (<mrk mtype="seg" mid="2"/>) read as two codes, not as `empty`."""
    result = run(runner, "qa", write(tmp_path, "guide.sdlxliff", SDLXLIFF), "--format", "jsonl")
    assert [(r["id"], r["check"]) for r in map(json.loads, result.stdout.splitlines())] == [
        ("a2", "empty")]


def test_xliff_unit_not_for_translation_is_no_empty_finding(runner, db_path, tmp_path):
    """A translate="no" unit (Trados: the markup between paragraphs) was an `empty`
    error, "no translation", in every SDLXLIFF; it is left out, with a note."""
    data = SDLXLIFF.replace('<trans-unit id="a2">', '<trans-unit id="n1" translate="no"><source>'
                            '<x id="0"/></source></trans-unit>\n<trans-unit id="a2">')
    path = write(tmp_path, "guide.sdlxliff", data)
    result = run(runner, "qa", path, "--format", "jsonl")
    assert [(r["id"], r["check"]) for r in map(json.loads, result.stdout.splitlines())] == [
        ("a2", "empty")]
    assert (f'note: {path}: a unit marked translate="no" (not for translation): left out '
            f'(1 unit: line 6)') in result.stderr.splitlines()


def test_several_files_prefix_ids(runner, db_path, tmp_path):
    a = write(tmp_path, "a.tsv", HEADER + BAD_NUMBER)
    b = write(tmp_path, "b.tsv", HEADER + BAD_NUMBER)
    result = run(runner, "qa", a, b, "--format", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a.tsv:p2", "b.tsv:p2"]


def test_plan_documents_are_aligned_then_checked(runner, db_path):
    result = run(runner, "qa", "--zh", str(PLAN_ZH), "--en", str(PLAN_EN), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    # the translation keeps Chinese enumeration commas: 1、 Work objectives
    assert any(r["check"] == "punctuation" and r["en"].startswith("1、") for r in records)
    # a correct conversion is never a number finding: 1000亿元 = 100 billion yuan
    assert not any(r["check"] == "number" and "100 billion" in r["en"] and "1000亿" in r["zh"]
                   and r["severity"] == "error" for r in records)


def test_plan_as_word_documents_gets_the_findings_of_the_plain_text(runner, db_path, tmp_path):
    """--zh/--en read .docx (python-docx writes the plan's paragraphs here): the same
    findings as the plain-text plan."""
    import docx
    paths = []
    for source, name in ((PLAN_ZH, "plan.zh.docx"), (PLAN_EN, "plan.en.docx")):
        document = docx.Document()
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                document.add_paragraph(line.strip())
        document.save(tmp_path / name)
        paths.append(str(tmp_path / name))
    text = run(runner, "qa", "--zh", str(PLAN_ZH), "--en", str(PLAN_EN), "--format", "jsonl")
    word = run(runner, "qa", "--zh", paths[0], "--en", paths[1], "--format", "jsonl")
    strip = lambda out: sorted((r["check"], r["zh"], r["en"]) for r in map(json.loads, out.splitlines()))
    assert word.exit_code == text.exit_code == 1
    assert strip(word.stdout) == strip(text.stdout)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("name, text, message", [
    ("cols.tsv", "Spalte1\tSpalte2\n推动\tPromote\n", "cols.tsv:1: header must name"),
    ("broken.tmx", TMX.replace("</tu>", ""), "broken.tmx:"),
    ("bomb.tmx", BOMB, "bomb.tmx:2: "),
    ("cells.tsv", HEADER + "p1\t推动\n", "cells.tsv:2: "),
    ("broken.xlf", XLIFF12.replace("</trans-unit>", "", 1), "broken.xlf:"),
    ("quote.csv", 'zh,en\n"推动,Promote\n', "quote.csv:2: malformed CSV"),
    # a header and no row: "0 segment(s) checked", exit 0, a QA of nothing passed in CI
    ("header.tsv", HEADER, "header.tsv: no segment to check in it"),
])
def test_bad_input_exits_2_with_one_line(runner, db_path, tmp_path, name, text, message):
    result = runner.invoke(cli, ["qa", write(tmp_path, name, text)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_missing_file_exits_2(runner, db_path, tmp_path):
    result = runner.invoke(cli, ["qa", str(tmp_path / "nope.tsv")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.tsv'}: cannot open")


def test_mismatched_languages_exit_2(runner, db_path, tmp_path):
    result = runner.invoke(cli, ["qa", "--zh", str(PLAN_ZH), "--en", str(PLAN_ZH)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {PLAN_ZH}: expected English, found Chinese (same language on both sides)\n"


SWAPPED_TMX = TMX.replace('xml:lang="zh-CN"', 'xml:lang="XX"').replace(
    'xml:lang="en"', 'xml:lang="zh-CN"').replace('xml:lang="XX"', 'xml:lang="en"')


@pytest.mark.parametrize("name, text, message", [
    ("swapped.tsv", HEADER + "p1\tPromote diversified computing power platforms.\t推动多元化算力平台建设。\n",
     "swapped.tsv:2: declared zh-CN, but the text reads as English"),
    ("swapped.tmx", SWAPPED_TMX, "swapped.tmx:5: declared zh-CN, but the text reads as English"),
    ("swapped.xlf", XLIFF2.replace('srcLang="zh-CN" trgLang="en"', 'srcLang="en" trgLang="zh-CN"')
     .replace("发展VR/AR沉浸式导览。", "发展沉浸式导览。"),
     "swapped.xlf:3: declared en, but the text reads as Chinese"),
])
def test_a_file_whose_language_tags_contradict_its_text_exits_2(runner, db_path, tmp_path, name,
                                                                 text, message):
    """As `tm import` refuses it: checked as it is, a file with its languages swapped would
    pass with no finding (the checks would read its English as the source)."""
    result = runner.invoke(cli, ["qa", write(tmp_path, name, text)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: {tmp_path / message}"), result.stderr
    assert result.stderr.count("\n") == 1


RUSSIAN_TMX = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en-GB"/>\n<body>\n'
               '<tu><tuv xml:lang="en-GB"><seg>Hello</seg></tuv><tuv xml:lang="ru-RU"><seg>Привет</seg>'
               '</tuv></tu>\n<tu><tuv xml:lang="en-GB"><seg>Bye</seg></tuv></tu>\n</body></tmx>\n')


def test_a_tmx_with_no_chinese_is_refused_once_as_tm_import_refuses_it(runner, db_path, tmp_path):
    """It named the first unit (`:4: <tu> has no Chinese (zh) variant`), where `tm import`
    says the file has no Chinese at all; both now read it through one check."""
    from tm.cli import cli as tm_cli
    path = write(tmp_path, "russian.tmx", RUSSIAN_TMX)
    message = (f"Error: {path}: no Chinese in this file (languages: en-GB, ru-RU); a "
               "Chinese-English memory needs a Chinese and an English side\n")
    result = runner.invoke(cli, ["qa", path])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    result = runner.invoke(tm_cli, ["--db", str(tmp_path / "x.db"), "import", path])
    assert (result.exit_code, result.output) == (2, message)


def test_a_tmx_unit_with_no_chinese_among_others_is_still_named(runner, db_path, tmp_path):
    path = write(tmp_path, "mixed.tmx", TMX.replace("</body>", '<tu><tuv xml:lang="en"><seg>Bye</seg>'
                                                                 '</tuv></tu>\n</body>'))
    result = runner.invoke(cli, ["qa", path])
    assert result.exit_code == 2
    assert re.fullmatch(rf"Error: {re.escape(path)}:\d+: <tu> has no Chinese \(zh\) variant\n",
                        result.stderr), result.stderr


CODED_TMX = TMX.replace(
    "<seg>支持中央处理器（CPU）、GPU等核心芯片研发。</seg>",
    '<seg><bpt i="1">&lt;b&gt;</bpt>注意<ept i="1">&lt;/b&gt;</ept>：形成3至4个特色产业聚集区。</seg>').replace(
    "<seg>Support the development of core chips such as central processing units and GPUs.</seg>",
    '<seg><bpt i="1">&lt;b&gt;</bpt>Note<ept i="1">&lt;/b&gt;</ept>: form 3 to 5 industry clusters.</seg>')


def test_machine_reports_show_codes_as_the_human_report_does(runner, db_path, tmp_path):
    """JSONL/CSV carried the private-use characters that stand for inline codes where the
    human report shows {1}…{/1}; the span counts in the text written beside it."""
    path = write(tmp_path, "coded.tmx", CODED_TMX)
    human = run(runner, "qa", path, "--checks", "number").stdout
    assert "{1}Note{/1}: form 3 to" in human
    records = [json.loads(line) for line in
               run(runner, "qa", path, "--checks", "number", "--format", "jsonl").stdout.splitlines()]
    assert records and all(r["en"] == "{1}Note{/1}: form 3 to 5 industry clusters." for r in records)
    assert "5" in [r["en"][r["span"][0]:r["span"][1]] for r in records if r["span"]]
    rows = list(csv.DictReader(io.StringIO(run(runner, "qa", path, "--checks", "number",
                                                "--format", "csv").stdout)))
    assert [(r["en"], r["span_start"], r["span_end"]) for r in rows] == \
        [(r["en"], str(r["span"][0]), str(r["span"][1])) for r in records]
    junit = run(runner, "qa", path, "--checks", "number", "--format", "junit").stdout
    assert "{1}Note{/1}: form 3 to 5" in junit
    for text in (human, junit, *[json.dumps(r, ensure_ascii=False) for r in records]):
        assert not re.search("[\U00100000-\U0010fffd]", text)


def test_untranslated_targets_are_findings_even_when_most_are(runner, db_path, tmp_path):
    """Only the side translated from can contradict its tag: a file whose targets are
    mostly copies of the source is QA's to report, either direction."""
    zh_en = write(tmp_path, "zh-en.tsv", HEADER + "a\t推动多元化算力平台建设。\t推动多元化算力平台建设。\n"
                  "b\t形成特色产业聚集区。\t形成特色产业聚集区。\n")
    en_zh = write(tmp_path, "en-zh.xlf", XLIFF2.replace('srcLang="zh-CN" trgLang="en"',
                                                        'srcLang="en" trgLang="zh-CN"').replace(
        "<source>发展VR/AR沉浸式导览。</source>", "<source>Develop immersive guides.</source>").replace(
        "Develop immersive virtual reality guides.", "Develop immersive guides."))
    for path, expected in ((zh_en, [("a", "untranslated"), ("b", "untranslated")]),
                           (en_zh, [("x9", "untranslated")])):
        result = run(runner, "qa", path, "--format", "jsonl")
        assert result.exit_code == 1, result.output
        assert [(r["id"], r["check"]) for r in map(json.loads, result.stdout.splitlines())] == expected


@pytest.mark.parametrize("args, message", [
    ([], "give files to check"),
    (["--zh", "a.txt"], "--zh needs --en"),
    (["x.tsv", "--en", "a.txt"], "--en alone (an English-only document) takes no other files"),
    (["x.tsv", "--format", "xml"], "Invalid value for '--format'"),
    # --source en was ignored: a file's direction is its own, an English-only document has none
    (["x.tsv", "--source", "en"], "--source en goes with --zh FILE --en FILE (a file's direction is its own)"),
    (["--en", "a.txt", "--source", "en"], "--source en goes with --zh FILE --en FILE"),
])
def test_usage_errors_exit_2(runner, db_path, args, message):
    result = runner.invoke(cli, ["qa", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_unknown_check_exits_2(runner, db_path, tmp_path):
    result = runner.invoke(cli, ["qa", write(tmp_path, "new.tsv", HEADER + GOOD), "--skip", "numbers"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown check 'numbers' (choose from empty, untranslated,")


@pytest.mark.parametrize("args", [
    ["--checks", ""],                                   # an unset variable: --checks "$CHECKS"
    ["--checks", ","],
    ["--skip", "empty,untranslated,terminology,forbidden-term,number,acronym,punctuation,brackets,"
               "mixed-script,codes,negation,inconsistency"],
    ["--checks", "number", "--skip", "number"],
])
def test_a_run_with_no_check_left_exits_2(runner, db_path, tmp_path, args):
    """It checked nothing and passed (exit 0): a CI job whose check list came out empty
    would never fail."""
    result = runner.invoke(cli, ["qa", write(tmp_path, "new.tsv", HEADER + BAD_NUMBER), *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: no check left to run (choose from empty, untranslated,")


def test_an_english_only_run_with_no_english_check_exits_2(runner, db_path, tmp_path):
    en = write(tmp_path, "news.en.txt", "Tianjin builds 3 computing platforms.\n")
    result = runner.invoke(cli, ["qa", "--en", en, "--checks", "terminology,number"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: no check left to run: an English-only document takes "
                                    "untranslated, punctuation,")


def test_help_has_an_example(runner):
    result = runner.invoke(cli, ["qa", "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "glossary qa" in result.output


def test_untranslated_and_missing_targets_are_findings_not_read_errors(runner, db_path, tmp_path):
    """The memory import refuses these pairs; QA reads them and reports them."""
    tsv = write(tmp_path, "u.tsv", HEADER + "a\t推动多元化算力平台建设。\t推动多元化算力平台建设。\n")
    tmx = write(tmp_path, "u.tmx", TMX.replace(
        '<tuv xml:lang="en"><seg>Support the development of core chips such as central processing units '
        'and GPUs.</seg></tuv>', ""))
    for path, expected in ((tsv, [("a", "untranslated")]), (tmx, [("t1", "empty")])):
        result = run(runner, "qa", path, "--format", "jsonl")
        assert result.exit_code == 1, result.output
        assert [(r["id"], r["check"]) for r in map(json.loads, result.stdout.splitlines())] == expected


def test_csv_input_with_language_tags(runner, db_path, tmp_path):
    text = ('zh-CN,en-US,note\n'
            '"形成3至4个特色产业聚集区。","Form 3 to 4 characteristic industry clusters.",ok\n'
            '"建设三个人工智能训练场。","Build two artificial intelligence training grounds.",wrong\n')
    result = run(runner, "qa", write(tmp_path, "new.csv", text), "--format", "jsonl")
    assert result.exit_code == 1
    assert [(r["id"], r["check"], r["en"][r["span"][0]:r["span"][1]])
            for r in map(json.loads, result.stdout.splitlines())] == [("2", "number", "two")]


def test_xliff_target_equal_to_source_is_untranslated(runner, db_path, tmp_path):
    text = XLIFF12.replace("<target>Form 3 to 5 industry clusters.</target>",
                           "<target>形成3至4个特色产业聚集区。</target>")
    result = run(runner, "qa", write(tmp_path, "u.xlf", text), "--format", "jsonl")
    assert [(r["id"], r["check"]) for r in map(json.loads, result.stdout.splitlines())] == [
        ("u7", "untranslated"), ("u8", "empty")]


def test_english_only_document(runner, db_path):
    from tm.text.segment import segment_en
    news = PLAN_EN.parent / "news-world-intelligence-expo-2024.en.txt"
    result = run(runner, "qa", "--en", str(news))
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "check         error  warning  info\n"
        "------------  -----  -------  ----\n"
        "untranslated      0        0     0\n"
        "punctuation       0        0     2\n"
        "brackets          0        0     0\n"
        "mixed-script      0        0     0\n"
        "total             0        0     2\n"
        "\n"
        f"{len(segment_en(news.read_text(encoding='utf-8')))} segment(s) checked, 2 with findings: "
        "0 error(s), 0 warning(s), 2 info.\n")
    assert "  en  On this fertile soil, we can expect more fruits that spell [[“]]intelligent.”\n" in result.stdout
    assert "  zh  " not in result.stdout


def test_database_that_is_not_sqlite_exits_2(runner, tmp_path):
    bad = write(tmp_path, "notes.db", "not a database\n")
    result = runner.invoke(cli, ["--db", bad, "qa", write(tmp_path, "new.tsv", HEADER + GOOD)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}: not an SQLite database (is it the right file?)\n"


@pytest.mark.parametrize("name", ["slides.pptx", "text.odt"])
def test_qa_refuses_other_documents_naming_the_supported_types(runner, db_path, tmp_path, name):
    """A PowerPoint or OpenDocument file (zip formats this tool does not read) gets one
    error line naming the supported types, exit 2, no report."""
    import zipfile
    doc = tmp_path / name
    with zipfile.ZipFile(doc, "w") as z:
        z.writestr("ppt/presentation.xml" if name.endswith(".pptx") else "content.xml", "<x/>")
    result = runner.invoke(cli, ["qa", "--zh", str(doc), "--en", str(PLAN_EN)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"Error: {doc}: a zip file that is neither .docx nor .xlsx: not a document this "
                             "tool reads (supported: plain text (UTF-8/UTF-16/GB18030/Big5…), .docx, .xlsx, "
                             ".html/.htm, .md)\n")


EN_ORIGINAL = ("Pods are the smallest deployable units of computing in Kubernetes.\n\n"
               "A Pod is a group of one or more containers with shared storage and network resources.\n\n"
               "If you want to learn more about how the kubelet restarts containers after a failure, read the "
               "section about container restart policies and the related troubleshooting guides in the "
               "reference documentation.\n\n"
               "Each Pod is meant to run a single instance of a given application.\n")
ZH_MISSING_ONE = ("Pod 是 Kubernetes 中最小的可部署计算单元。\n\n"
                  "Pod 是一组（一个或多个）容器，这些容器共享存储和网络资源。\n\n"
                  "每个 Pod 都旨在运行给定应用程序的单个实例。\n")
XLIFF_EN_ZH = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="pods" source-language="en" target-language="zh-CN" datatype="plaintext"><body>
<trans-unit id="u1"><source>Run 12 Pods.</source><target>运行 12 个 Pod。</target></trans-unit>
</body></file></xliff>
"""


def test_documents_of_an_english_original_are_checked_from_the_english(runner, db_path, tmp_path):
    """--zh/--en aligned the two as a Chinese original: an English sentence the Chinese
    translation left out was "English with no Chinese counterpart", not checked. With
    --source en the English is the source, and a sentence left untranslated is found."""
    zh, en = write(tmp_path, "pods.zh.txt", ZH_MISSING_ONE), write(tmp_path, "pods.en.txt", EN_ORIGINAL)
    as_zh = run(runner, "qa", "--zh", zh, "--en", en, "--format", "jsonl", "--checks", "empty")
    assert as_zh.exit_code == 0 and as_zh.stdout == ""
    as_en = run(runner, "qa", "--zh", zh, "--en", en, "--source", "en", "--format", "jsonl", "--checks", "empty")
    assert as_en.exit_code == 1
    (finding,) = [json.loads(line) for line in as_en.stdout.splitlines()]
    assert finding["check"] == "empty" and finding["en"].startswith("If you want to learn more")


def test_several_files_keep_each_files_direction(tmp_path):
    """Checked with other files, an en -> zh file's pairs lost their direction (their ids
    were rewritten with the file name, and the direction with them) and were checked as
    Chinese originals."""
    from glossary.qa.inputs import load_pairs
    xlf = write(tmp_path, "pods.xlf", XLIFF_EN_ZH)
    tsv = write(tmp_path, "new.tsv", HEADER + GOOD)
    assert [p.source for p in load_pairs([xlf])] == ["en"]
    assert [(p.id, p.source) for p in load_pairs([xlf, tsv])] == [("pods.xlf:u1", "en"), ("new.tsv:p1", "zh")]


@pytest.mark.parametrize("text", [
    "source\ttarget\nThe plan covers 12 districts.\t本方案覆盖10个区。\n",
    "zh\ten\tsrclang\n本方案覆盖10个区。\tThe plan covers 12 districts.\ten\n",
], ids=["source-target", "srclang"])
def test_a_tsv_gives_an_english_original_by_its_columns_not_their_order(runner, db_path, tmp_path, text):
    """A TSV's zh/en columns say nothing of the direction (an en-first header is read as
    zh → en, as tm import reads it); source/target columns or a srclang column do."""
    result = run(runner, "qa", write(tmp_path, "new.tsv", text), "--format", "jsonl", "--checks", "number")
    (finding,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert finding["message"] == "number differs: 10 (10) in the target, 12 (12) in the source"
    en_first = run(runner, "qa", write(tmp_path, "en-first.tsv", "en\tzh\nThe plan covers 12 districts.\t本方案覆盖10个区。\n"),
                   "--format", "jsonl", "--checks", "number")
    (finding,) = [json.loads(line) for line in en_first.stdout.splitlines()]
    assert finding["message"] == "number differs: 10 (10) in the source, 12 (12) in the target"
