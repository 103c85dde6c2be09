"""QA checks against a table of real zh/en pairs (tests/qa_cases/checks.tsv).

Each row names a check, whether the pair must pass it or fail it, and for
failures the text the finding must point at (on the side the finding names)
and its default severity. Sentences come from the Tianjin plan and its English
translation, and variants of them made for the failing cases; the table also
holds the correct conversions that naive QA tools flag (1000亿元 / 100 billion
yuan, 3至4 / 3 to 4, GPU / GPUs, low-altitude / low altitude…).
"""

import random
import re
from pathlib import Path

import pytest

from conftest import ROOT
from tm.text.codes import from_name

from glossary.qa.checks import SEGMENT_CHECKS, Pair, check_inconsistency
from glossary.models import Entry
from glossary.qa.run import CHECKS, DEFAULT_SEVERITY, make_config, run_qa
from glossary.termbase.store import load_glossary_file
from glossary.qa.termmatch import TermIndex, rendering_pattern

CASES = ROOT / "tests" / "qa_cases"


def _rows():
    lines = (CASES / "checks.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]
    for row in rows:        # the inline-code rows write their codes as the terminal shows them
        if row["check"] == "codes":
            for col in ("zh", "en", "span"):
                row[col] = re.sub(r"\{(/?\d+/?)\}", lambda m: from_name(m.group(1)), row[col])
    return rows


ROWS = _rows()
INDEX = TermIndex(load_glossary_file(CASES / "terms.tsv"))


def _spans(finding):
    text = finding.zh if finding.side == "zh" else finding.en
    return text[finding.span[0]:finding.span[1]]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['check']}-{r['expect']}-{i}" for i, r in enumerate(ROWS)])
def test_check_table(row):
    pair = Pair("1", row["zh"], row["en"])
    findings = SEGMENT_CHECKS[row["check"]](pair, INDEX.find(pair.zh))
    assert all(f.check == row["check"] for f in findings)
    if row["expect"] == "pass":
        assert findings == [], row["why"]
    else:
        assert findings, row["why"]
        assert [_spans(f) for f in findings] == row["span"].split("|"), row["why"]
        assert findings[0].severity == row["severity"]


def test_table_covers_every_segment_check_both_ways():
    seen = {(r["check"], r["expect"]) for r in ROWS}
    for check in SEGMENT_CHECKS:
        assert (check, "pass") in seen and (check, "fail") in seen, check


def test_longest_term_wins_and_matches_are_leftmost():
    hits = INDEX.find("支持智能网联汽车和智能网联技术")
    assert [(h.term.zh, h.start, h.end) for h in hits] == [("智能网联汽车", 2, 8), ("智能网联", 9, 13)]


def test_index_equals_brute_force_reference():
    """The prefix index finds exactly what a scan over every term (leftmost-longest) finds."""
    rng = random.Random(7)
    text = ROOT.joinpath(
        "seeds", "tianjin-ai-action-plan-2025-2027.zh.txt").read_text(encoding="utf-8")
    terms = sorted({text[i:i + rng.randint(1, 6)].strip() for i in rng.sample(range(len(text) - 6), 400)})
    terms = [t for t in terms if t]
    index = TermIndex([Entry(zh=t, approved=["x"]) for t in terms])

    def reference(s):
        out, i = [], 0
        while i < len(s):
            best = max((t for t in terms if s.startswith(t, i)), key=len, default=None)
            if best:
                out.append((best, i))
                i += len(best)
            else:
                i += 1
        return out

    for line in text.splitlines():
        assert [(h.term.zh, h.start) for h in index.find(line)] == reference(line)


@pytest.mark.parametrize("rendering, text, found", [
    ("factory", "three smart factories", True),
    ("model", "large models", True),
    ("low-altitude economy", "the low altitude economy", True),
    ("low altitude economy", "the low-altitude economy", True),
    ("health care", "healthcare services", True),
    ("GPU", "GPUs", True),
    ("Artificial Intelligence+", '"Artificial Intelligence+Research" Action', True),
    ("model", "modern", False),
    ("factory", "factor", False),
    ("AI", "said", False),
])
def test_rendering_pattern(rendering, text, found):
    assert bool(rendering_pattern(rendering).search(text)) is found


def _pairs(*rows):
    return [Pair(str(i), zh, en) for i, (zh, en) in enumerate(rows, 1)]


def test_inconsistency_same_source_two_translations():
    pairs = _pairs(("推动多元化算力平台建设。", "Promote the construction of diversified computing power platforms."),
                   ("推动多元化算力平台建设。", "Promote the construction of diversified computing power platforms."),
                   ("推动多元化算力平台建设。", "Build diverse computing platforms."))
    found = check_inconsistency(pairs, [[] for _ in pairs])
    assert [(f.id, f.check, f.severity) for f in found] == [("3", "inconsistency", "warning")]
    assert "segment 1, 2" in found[0].message


def test_inconsistency_against_memory():
    pairs = _pairs(("推动多元化算力平台建设。", "Build diverse computing platforms."))
    memory = {"推动多元化算力平台建设。": ["Promote the construction of diversified computing power platforms."]}
    found = check_inconsistency(pairs, [[]], lambda zh: memory.get(zh, []))
    assert [f.id for f in found] == ["1"]
    assert "Promote the construction" in found[0].message
    assert check_inconsistency(_pairs(("推动多元化算力平台建设。", memory["推动多元化算力平台建设。"][0])),
                               [[]], lambda zh: memory.get(zh, [])) == []


def test_inconsistency_term_rendered_two_ways():
    pairs = _pairs(("鼓励高校与大模型企业合作。", "Encourage universities to cooperate with large model enterprises."),
                   ("支持大模型研发。", "Support the development of large models."),
                   ("加快大模型部署应用。", "Accelerate the deployment of large-scale models."))
    found = check_inconsistency(pairs, [INDEX.find(p.zh) for p in pairs])
    assert [(f.id, f.en[f.span[0]:f.span[1]], f.severity) for f in found] == [
        ("3", "large-scale models", "info")]


def test_run_qa_orders_findings_and_applies_severity():
    pairs = _pairs(("到2027年，攻克100项关键核心技术。", "By 2027, overcome 10 key core technologies。"),
                   ("推动多元化算力平台建设。", ""))
    result = run_qa(pairs, index=INDEX)
    assert [(f.id, f.check, f.severity) for f in result.findings] == [
        ("1", "number", "error"), ("1", "punctuation", "error"), ("2", "empty", "error")]
    assert result.failed
    relaxed = run_qa(pairs, index=INDEX, config=make_config(skip=["empty"], severity=["number=warning",
                                                                                      "punctuation=info"]))
    assert [(f.id, f.check, f.severity) for f in relaxed.findings] == [
        ("1", "number", "warning"), ("1", "punctuation", "info")]
    assert not relaxed.failed


def test_empty_target_stops_other_checks():
    result = run_qa(_pairs(("在图形处理器（GPU）领域攻克100项技术", "")), index=INDEX)
    assert [f.check for f in result.findings] == ["empty"]


def test_config_names_are_checked():
    assert make_config(only=["number,acronym"]).checks == ("number", "acronym")
    assert set(DEFAULT_SEVERITY) == set(CHECKS)
    with pytest.raises(Exception, match="unknown check 'numbers'"):
        make_config(skip=["numbers"])
    with pytest.raises(Exception, match="bad severity"):
        make_config(severity=["number=fatal"])



@pytest.mark.parametrize("rendering, text, found", [
    ("factory", "three smart factories", "factories"),
    ("smart factories", "a smart factory", "smart factory"),
    ("model", "large models", "models"),
    ("low-altitude economy", "the Low Altitude Economy", "Low Altitude Economy"),
    ("low altitude economy", "the low-altitude economy", "low-altitude economy"),
    ("health care", "healthcare services", "healthcare"),
    ("modelling", "data modeling", "modeling"),
    ("GPU", "graphics processing units (GPUs)", "GPUs"),
    ("intelligent connected vehicle", "Intelligent Connected Vehicles", "Intelligent Connected Vehicles"),
    ("innovation", "promote innovative development", "innovative"),
    ("intelligent", "artificial intelligence", "intelligence"),
    ("vertical take-off", "vertical takeoff and landing", "vertical takeoff"),
    ("model", "modern", None),
    ("factory", "factor analysis", None),
    ("AI", "said", None),
    ("computing power", "computing and power", None),
    ("good practice", "best practice", None),       # tm.stem's dictionary key makes best "good"
    ("leave request", "left request", None),        # and left "leave": no reviewer's equivalent
])
def test_rendering_match_like_a_reviewer(rendering, text, found):
    term = TermIndex([Entry(zh="词", approved=[rendering])]).terms["词"]
    hit = term.find_approved(text)
    assert (text[hit[1]:hit[2]] if hit else None) == found


def test_forbidden_word_that_is_another_terms_rendering_is_not_flagged():
    index = TermIndex([Entry(zh="信创", approved=["IT application innovation"], forbidden=["innovation"]),
                       Entry(zh="创新", approved=["innovation"])])
    ok = Pair("1", "推动信创产业创新发展", "promote the innovation of the IT application innovation industry")
    bad = Pair("2", "推动信创产业发展", "promote the innovation industry")
    assert SEGMENT_CHECKS["forbidden-term"](ok, index.find(ok.zh)) == []
    assert [f.en[f.span[0]:f.span[1]] for f in SEGMENT_CHECKS["forbidden-term"](bad, index.find(bad.zh))] \
        == ["innovation"]


def test_forbidden_inside_a_longer_forbidden_rendering_is_one_finding():
    index = TermIndex([Entry(zh="信创", approved=["Xinchuang"],
                             forbidden=["innovation", "information and innovation"])])
    pair = Pair("1", "完备的信创链条", "a complete information and innovation chain")
    found = run_qa([pair], index=index).findings
    assert [(f.check, f.en[f.span[0]:f.span[1]]) for f in found] == [
        ("forbidden-term", "information and innovation")]


from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("推动智能网联汽车康养算力一二三十百千万亿两第年月（）()“”\"'[]，。、：；！？,.;:!? "
                                 "0123456789GPUAIeVTOLRISC-Vfactorymodelhealthcare\t\n%％—–-"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.text(_ALPHABET, max_size=60))
def test_checks_never_crash_and_spans_point_into_the_text(zh, en):
    result = run_qa([Pair("1", zh, en)], index=INDEX)
    for f in result.findings:
        assert f.check in CHECKS and f.severity in ("error", "warning", "info")
        if f.span is not None:
            text = f.zh if f.side == "zh" else f.en
            assert 0 <= f.span[0] < f.span[1] <= len(text)


def test_two_forbidden_forms_on_one_span_are_one_finding():
    index = TermIndex([Entry(zh="康养", approved=["health and wellness"], forbidden=["healthcare", "health care"])])
    pair = Pair("1", "智慧化康养机构", "intelligent healthcare institutions")
    assert [f.en[f.span[0]:f.span[1]] for f in SEGMENT_CHECKS["forbidden-term"](pair, index.find(pair.zh))] \
        == ["healthcare"]


def test_parallel_run_equals_serial_run():
    plan = [r for r in ROWS if r["check"] != "empty"]
    pairs = [Pair(str(i), r["zh"], r["en"]) for i, r in enumerate(plan * 3, 1)]
    serial = run_qa(pairs, index=INDEX)
    parallel = run_qa(pairs, index=INDEX, workers=2)
    assert [vars(f) for f in parallel.findings] == [vars(f) for f in serial.findings]
    assert len(serial.findings) > 50


def test_term_at_the_end_of_the_text_keeps_its_own_length():
    index = TermIndex([Entry(zh="智能", approved=["intelligent"]),
                       Entry(zh="智能网联汽车", approved=["intelligent connected vehicle"])])
    assert [(h.term.zh, h.start, h.end) for h in index.find("支持智能")] == [("智能", 2, 4)]


def test_terms_are_found_in_traditional_segments_and_the_reverse():
    """A Simplified term base checks a Traditional target (en→zh-TW) and a Traditional
    term base a Simplified one: the term is found at its place in the text as written."""
    index = TermIndex([Entry(zh="软件", approved=["software"], forbidden=["soft ware"]),
                       Entry(zh="資料庫", approved=["database"])])
    pair = Pair("1", "請先安裝這個軟件，再備份数据库和资料库。", "Install this program first, then back up the database.")
    hits = index.find(pair.zh)
    assert [(h.term.zh, pair.zh[h.start:h.end]) for h in hits] == [("软件", "軟件"), ("資料庫", "资料库")]
    findings = SEGMENT_CHECKS["terminology"](pair, hits)
    assert [(f.check, f.zh[f.span[0]:f.span[1]], f.term) for f in findings] == [
        ("terminology", "軟件", "软件")]
    forbidden = Pair("2", "安裝軟件", "Install the soft ware.")
    assert [f.en[f.span[0]:f.span[1]] for f in
            SEGMENT_CHECKS["forbidden-term"](forbidden, index.find(forbidden.zh))] == ["soft ware"]


def test_traditional_plan_gets_the_findings_of_the_simplified_plan():
    """The QA table's pairs with their Chinese written in Traditional characters (OpenCC
    s2t) get the same findings, on the same spans, as the Simplified originals."""
    import opencc
    s2t = opencc.OpenCC("s2t").convert
    plan = [r for r in ROWS if r["check"] in ("terminology", "forbidden-term", "inconsistency")]
    assert plan
    simplified = run_qa([Pair(str(i), r["zh"], r["en"]) for i, r in enumerate(plan, 1)], index=INDEX)
    traditional = run_qa([Pair(str(i), s2t(r["zh"]), r["en"]) for i, r in enumerate(plan, 1)],
                         index=INDEX)
    assert sum(s2t(r["zh"]) != r["zh"] for r in plan) > len(plan) / 2
    key = lambda f: (f.id, f.check, f.side, tuple(f.span or ()), getattr(f, "term", None))
    assert [key(f) for f in traditional.findings] == [key(f) for f in simplified.findings]
    assert any(f.check == "terminology" for f in simplified.findings)


# --- en -> zh pairs: the checks that depend on the direction read it the other way -------

def _backwards(en, zh):
    pair = Pair("b1", zh, en, source="en")
    return pair, {f.check: f for f in run_qa([pair], entries=load_glossary_file(CASES / "terms.tsv")).findings}


def test_en_to_zh_terminology_looks_for_the_term_in_the_chinese_target():
    pair, found = _backwards("Support intelligent connected vehicles in taxi scenarios.",
                             "支持智能汽车在出租车场景应用。")
    f = found["terminology"]
    assert (f.message, f.side) == ("\"intelligent connected vehicles\" should be translated 智能网联汽车", "en")
    assert pair.en[f.span[0]:f.span[1]] == "intelligent connected vehicles"
    _, found = _backwards("Support intelligent connected vehicles in taxi scenarios.",
                          "支持智能网联汽车在出租车场景应用。")
    assert "terminology" not in found


def test_en_to_zh_empty_untranslated_and_numbers_read_the_chinese_as_the_target():
    _, found = _backwards("Build 10 smart factories.", "")
    assert list(found) == ["empty"] and found["empty"].side == "en"
    _, found = _backwards("Save all", "Save all")
    assert found["untranslated"].message == "target is the untranslated source"
    _, found = _backwards("Build 10 smart factories by 2027.", "到2027年建设12个智能工厂。")
    assert found["number"].message.startswith("number differs: 12 (12) in the target, 10 (10) in the source")
    _, found = _backwards("Build smart factories.", "建设12个智能工厂。")
    assert found["number"].message == "extra number in the target: 12 (12)"
    _, found = _backwards("Build 12 smart factories.", "建设智能工厂。")
    assert found["number"].message == "number missing: 12 (12)"


@pytest.mark.parametrize("source", [
    '"acme/widgets": ">=2.0"', "MAX_BUFFER_SIZE", "https://example.org/docs/start",
    "config.yaml", "$HOME/.cache/tool", "v1.2.3", "getElementById(id)", "Widget", "ls -la /var/log",
    "{1}settings.xml{/1} {2}--quiet{/2}",
    # command lines whose words outnumber their arguments: lower case, code, no sentence end
    "git commit --amend", 'npm install --save-dev "left-pad@1.3.0"', "docker run -it ubuntu bash",
    "@deprecated since release",
])
def test_en_to_zh_a_copied_source_with_nothing_to_translate_is_no_finding(source):
    """Code, commands, file names, URLs, versions, identifiers and single words are copied
    rightly: the en -> zh memories of software projects hold hundreds of such copies, each
    of which was an untranslated error."""
    from tm.text.codes import CLOSE, OPEN, char
    for n in (1, 2):
        source = source.replace(f"{{{n}}}", char(n, OPEN)).replace(f"{{/{n}}}", char(n, CLOSE))
    text = source
    _, found = _backwards(text, text)
    assert "untranslated" not in found, source


@pytest.mark.parametrize("source, severity, message", [
    ("Save all", "error", "target is the untranslated source"),
    ("Click Save to keep your changes.", "error", "target is the untranslated source"),
    ("Use the --force option only when the file is yours.", "error", "target is the untranslated source"),
    ("run the tool with --check to see the problems.", "error", "target is the untranslated source"),
    ("see the settings of the tool", "error", "target is the untranslated source"),
    ("git commit --amend: Change the Last Commit", "error", "target is the untranslated source"),
    ("Ada Lovelace", "warning", "target is the source: a name, or an untranslated title?"),
    ("Edit Filter Patterns", "warning", "target is the source: a name, or an untranslated title?"),
    ("$ tool --check\nAll files were checked and no problem was found.", "warning",
     "target is the source: a listing (code, output), or untranslated?"),
])
def test_en_to_zh_a_copied_source_with_prose_is_untranslated(source, severity, message):
    _, found = _backwards(source, source)
    assert (found["untranslated"].severity, found["untranslated"].message) == (severity, message)


def test_en_to_zh_leaves_out_the_checks_of_an_english_target():
    # Chinese punctuation, a lost English bracket, a forbidden English rendering in the
    # source: none of them is the translator's doing in en -> zh
    _, found = _backwards('The "Artificial Intelligence+Health Care" action (GPU).',
                          "“人工智能+康养”行动。")
    assert not {"punctuation", "brackets", "forbidden-term", "acronym"} & set(found)


def test_en_to_zh_pairs_read_from_a_file_know_their_direction(tmp_path):
    from glossary.qa.inputs import read_pairs
    xlf = tmp_path / "en-zh.xlf"
    xlf.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                   '<file original="ui" source-language="en" target-language="zh-CN" datatype="plaintext">'
                   '<body><trans-unit id="1"><source>Build 10 smart factories.</source>'
                   '<target>建设10个智能工厂。</target></trans-unit></body></file></xliff>\n', encoding="utf-8")
    [pair] = read_pairs(xlf)
    assert (pair.zh, pair.en, pair.source) == ("建设10个智能工厂。", "Build 10 smart factories.", "en")


def test_the_mixed_script_shortcut_misses_no_greek_or_cyrillic_letter():
    """mixed_script_words skips text without a Greek or Cyrillic character (all Chinese
    text): every character Unicode names GREEK… or CYRILLIC… must be in that test."""
    import sys
    import unicodedata
    from tm.text.lookalike import _CYRILLIC_OR_GREEK
    missed = [hex(c) for c in range(sys.maxunicode + 1)
              if unicodedata.name(chr(c), "").startswith(("GREEK", "CYRILLIC"))
              and not _CYRILLIC_OR_GREEK.match(chr(c))]
    assert missed == []


def test_the_digits_of_an_identifier_are_no_number():
    """A message key given as the source (Symfony's and Laravel's XLIFF: login.2fa_intro) or
    a name from code (MAX_RETRY_3) counts nothing; a number beside it still does."""
    check = SEGMENT_CHECKS["number"]
    assert check(Pair("1", "请输入确认码以完成登录过程。", "login.2fa_intro", source="en")) == []
    assert check(Pair("2", "最多重试次数由 MAX_RETRY_3 设定。", "MAX_RETRY_3 sets the most retries.")) == []
    found = check(Pair("3", "最多重试5次（MAX_RETRY_3）。", "Retry at most 3 times (MAX_RETRY_3)."))
    assert [f.message for f in found] == ["number differs: 5 (5) in the source, 3 (3) in the target"]
    # a key's digits may still be the target's number: no "extra number" in 24-小时
    assert check(Pair("4", "24-小时", "hour_24", source="en")) == []


def test_a_negation_rendered_by_sub_is_rendered():
    """不合格 and 未达标 are "substandard": the negation is in the prefix, as in "incorrect"."""
    check = SEGMENT_CHECKS["negation"]
    assert check(Pair("1", "产品质量不合格。", "The product is substandard.")) == []
    assert check(Pair("2", "产品未达标。", "The product is substandard.")) == []
    assert len(check(Pair("3", "产品质量不合格。", "The product is up to standard."))) == 1


def test_a_missing_number_differs_from_the_extra_one_most_like_it():
    """A missing number and an extra one are reported as one different number: the pair most
    alike (digits with digits, the nearer in size), not each with the first extra number (张三's
    三 took the 1234567 the phone number 12345678 differs from; the year took the count)."""
    check = SEGMENT_CHECKS["number"]
    found = check(Pair("1", "请联系张三（电话：022-12345678）。", "Please contact Zhang San (tel: 022-1234567)."))
    assert "telephone number differs: 022-12345678 in the source, 022-1234567 in the target" in \
        [f.message for f in found]      # (compared whole since session 31)
    found = check(Pair("2", "2025年完成10项。", "Complete 100 items in 2026."))
    assert sorted(f.message for f in found) == [
        "number differs: 10 (10) in the source, 100 (100) in the target",
        "number differs: 2025 (2,025) in the source, 2026 (2,026) in the target"]


def test_a_space_before_a_mark_and_an_end_the_target_does_not_keep():
    """What every QA tool of a translation agency reports: a space before a mark ("Linux ."),
    a question made a statement, a sentence the translation leaves without its final mark.
    Not: an ellipsis, spaced or not, a decimal, .NET; a question the translator makes of a
    statement; an English-only document."""
    check = SEGMENT_CHECKS["punctuation"]
    said = lambda zh, en: [(f.severity, f.message) for f in check(Pair("1", zh, en))]    # noqa: E731
    assert said("该系统支持Windows和Linux。", "The system supports Windows and Linux .") == [
        ("warning", "space before '.'")]
    assert said("数据、算法和算力", "data , algorithms and computing power") == [("warning", "space before ','")]
    assert said("您确定要删除吗？", "Are you sure you want to delete.") == [
        ("info", "the source asks a question (？), the target asks none (no ?)")]
    assert said("加强组织领导。", "Strengthen organisational leadership") == [
        ("info", "the source ends its sentence (。), the target has no final mark")]
    for zh, en in (("他说：“我……我不知道。”", "'I . . . I don't know,' he said."),
                   ("他说：“我……我不知道。”", "'I ... I don't know.'"),
                   ("增长0.5%。", "It grew by .5 per cent."), ("支持.NET开发。", "Support .NET development."),
                   ("你怎么敢走了。", "How dare you walk away?"), ("第三章 总则", "Chapter III General Provisions"),
                   ("“是那位？”", "'Who is it?' she asked.")):
        assert said(zh, en) == [], en
    assert check(Pair("1", "", "Strengthen leadership")) == []


def test_a_space_before_a_mark_in_code_an_emoticon_or_copied_from_the_source_is_no_finding():
    """Code a sentence quotes (`a ; b`, a C loop the source writes the same), an emoticon
    (" :)", " ;-)"): the space is theirs, not a typing slip; a space before a mark in the
    translation's own words still is one."""
    check = SEGMENT_CHECKS["punctuation"]
    said = lambda zh, en: [(f.severity, f.message) for f in check(Pair("1", zh, en))]    # noqa: E731
    for zh, en in (("使用 for (i = 0 ; i < n ; i++) 循环。", "Use the for (i = 0 ; i < n ; i++) loop."),
                   ("运行 `a ; b` 命令。", "Run the `a ; b` command."),
                   ("谢谢 :)", "Thanks :)"), ("完成了。", "Done :)"), ("好的。", "OK ;-)")):
        assert said(zh, en) == [], en
    assert said("运行 `ls` 命令，然后退出。", "Run the `ls` command , then quit.") == [
        ("warning", "space before ','")]
    assert said("真的吗？", "Really ?)") == [("warning", "space before '?'")]
    # en -> zh: an emoticon after Chinese text is none, a half-width colon before an answer is
    zh = lambda en, zh: [f.message for f in check(Pair("1", zh, en, source="en"))]     # noqa: E731
    assert zh("Thanks :)", "谢谢:)") == [] and zh("Use the ;-) emoticon.", "使用;-)表情。") == []
    assert zh("Answer: D.", "答案:D。") == ["half-width ':' after Chinese text: ："]


def test_a_multiple_written_as_a_fold_word_is_its_number():
    """增长3倍 "grew threefold", 10倍 "tenfold", 4倍 "quadrupled"; a wrong one is still wrong."""
    check = SEGMENT_CHECKS["number"]
    assert check(Pair("1", "产量增长3倍。", "Output grew threefold.")) == []
    assert check(Pair("2", "效率提高10倍。", "Efficiency rose tenfold.")) == []
    assert check(Pair("3", "产量增长4倍。", "Output quadrupled.")) == []
    assert [f.message for f in check(Pair("4", "效率提高10倍。", "Efficiency rose fourfold."))] == [
        "number differs: 10 (10) in the source, fourfold (4) in the target"]


def test_a_chinese_targets_half_width_marks_are_reported():
    """en → zh: a half-width mark right after Chinese text (GB/T 15834 wants the full-width
    one), and a doubled mark; not in `code`, a number (1,000, 3.5), a Latin word's mark or a
    space setting a menu's name off."""
    check = SEGMENT_CHECKS["punctuation"]
    said = lambda en, zh: [f.message for f in check(Pair("1", zh, en, source="en"))]    # noqa: E731
    assert said("Delete it! Or pick another.", "该项数据也将被删除! 或者选择另一项。") == [
        "half-width '!' after Chinese text: ！"]
    assert said("Mode: translate", "模式: 翻译") == ["half-width ':' after Chinese text: ："]
    assert said("Version 2. Done", "版本2. 完成。。") == ["doubled punctuation '。。'"]
    for en, zh in (("Run `kubectl get pods`, then wait.", "运行 `kubectl get pods`，然后等待。"),
                   ("1,000 pods, 3.5 GB.", "1,000 个 Pod，3.5 GB。"), ("See Help > Manual.", "参见 帮助 > 用户手册。"),
                   ("Set `a:b` in the 配置.", "在`配置:b`中设置。")):
        assert said(en, zh) == [], zh


def test_a_chinese_targets_unbalanced_brackets_and_quotes_are_reported():
    """en → zh: a bracket or quote the Chinese target opens and never closes; not a list's 1）,
    nor one the English source leaves open too (a segment cut inside a quotation)."""
    check = SEGMENT_CHECKS["brackets"]
    said = lambda en, zh: [f.message for f in check(Pair("1", zh, en, source="en"))]    # noqa: E731
    assert said("Use a Pod (the smallest unit).", "使用 Pod（最小的单元。") == ["unbalanced bracket '（'"]
    assert said('Click "Save".', "点击“保存。") == ["unbalanced quote “”"]
    assert said("See the manual.", "参阅《用户手册。") == ["unbalanced bracket '《'"]
    for en, zh in (("1) Reduce the files.", "1）减少文件数量。"), ('See "How To...', "參閱「如何…"),
                   ("Use a Pod (the smallest", "使用 Pod（最小的"), ("Use (a) Pod.", "使用（一个）Pod。")):
        assert said(en, zh) == [], zh


def test_the_zero_of_below_zero_is_the_sign_of_its_number():
    """零下20℃ "-20 °C", "minus 5 degrees": 零下 is the minus sign, and its 零 was reported
    "number missing: 零 (0)" (CC-CEDICT's gloss "below zero" names a number, so the 零 was
    no word to leave alone); a wrong number after it still is one, and a 零 alone still counts."""
    check = SEGMENT_CHECKS["number"]
    said = lambda zh, en: [f.message for f in check(Pair("1", zh, en))]     # noqa: E731
    assert said("工作温度：零下20℃至60℃。", "Operating temperature: -20 °C to 60 °C.") == []
    assert said("气温降至零下5度。", "The temperature fell to minus 5 degrees.") == []
    assert said("气温降至零下5度。", "The temperature fell to minus 8 degrees.") == [
        "number differs: 5 (5) in the source, 8 (8) in the target"]
    assert said("温度为零度。", "The temperature is 10 degrees.") == [
        "number differs: 零 (0) in the source, 10 (10) in the target"]
