"""The glossary command line, as the README shows it."""

import json
import re
import shutil
from pathlib import Path

import pytest

from glossary.cli import cli
from glossary.formats.tabular import read_tabular

from conftest import ROOT, SEEDS

CURATED = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"
MINE = ["extract", "add", "approve", "reject", "edit", "import", "export", "lookup", "check",
        "pipeline", "history", "undo", "delete"]


def run(runner, *args, ok=True):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("command", MINE)
def test_every_command_has_help_with_an_example(runner, command):
    out = run(runner, command, "-h").output
    assert "Example:" in out and f"glossary" in out.split("Example:")[1]


def test_add_approve_reject_edit(runner, db_path):
    assert run(runner, "add", "康养", "--en", "health and wellness", "--forbidden", "Health Care",
               "--kind", "policy term").output == \
        "康养 (kāng yǎng) [approved]: health and wellness; forbidden: Health Care\n"
    assert run(runner, "add", "康养", "--en", "elderly care and wellness|health and wellness").output == \
        "康养 (kāng yǎng) [approved]: health and wellness | elderly care and wellness; " \
        "forbidden: Health Care\n"
    assert run(runner, "add", "推动", "--en", "promote", "--status", "candidate").output == \
        "推动 (tuī dòng) [candidate]: promote\n"
    assert run(runner, "reject", "推动").output == "推动 (tuī dòng) [rejected]: promote\n"
    assert run(runner, "edit", "两重", ok=False).output == \
        "Error: 两重: no such term in the term base\n"
    run(runner, "add", "两重", "--en", "dual", "--status", "candidate")
    assert run(runner, "edit", "两重", "--en", "two major", "--forbidden", "dual",
               "--pinyin", "liǎng zhòng").output == \
        "两重 (liǎng zhòng) [candidate]: two major; forbidden: dual\n"
    assert run(runner, "approve", "两重").output == \
        "两重 (liǎng zhòng) [approved]: two major; forbidden: dual\n"


def test_add_to_a_rejected_term_keeps_it_rejected_unless_asked(runner, db_path):
    """`glossary add 康养 --forbidden "Health Care"` on a rejected term approved it: --status
    defaulted to approved. A rejection stands unless --status says otherwise."""
    run(runner, "add", "康养", "--en", "elderly care")
    run(runner, "reject", "康养")
    assert run(runner, "add", "康养", "--forbidden", "Health Care").output == \
        "康养 (kāng yǎng) [rejected]: elderly care; forbidden: Health Care\n"
    assert "[approved]" in run(runner, "add", "康养", "--en", "health and wellness", "--status", "approved").output


def test_add_rejects_an_unknown_kind(runner, db_path):
    result = run(runner, "add", "康养", "--en", "x", "--kind", "animal", ok=False)
    assert result.exit_code == 2 and "Invalid value for '--kind'" in result.output


@pytest.mark.parametrize("option, value", [("--en", ""), ("--en", " | "), ("--forbidden", " ")])
def test_add_refuses_an_empty_rendering(runner, db_path, option, value):
    """`glossary add 测试 --en ""` (an unset variable) stored an approved entry with no
    rendering ("[approved]: -")."""
    result = run(runner, "add", "测试", option, value, ok=False)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '{option}': an empty rendering" in result.output
    assert not db_path.exists() or "测试" not in run(runner, "export", "--format", "tsv").output


def test_add_refuses_a_term_with_no_rendering(runner, db_path):
    """`glossary add 测试` with no --en stored an approved entry with no rendering, where
    `glossary import` skips such a row and `glossary approve` refuses one."""
    result = run(runner, "add", "测试", ok=False)
    assert (result.exit_code, result.output) == (
        2, "Error: 测试: a new term needs a rendering; give one with --en (or a rendering never "
           "to use with --forbidden)\n")
    assert not db_path.exists()          # nothing else was stored: the new database is gone too
    run(runner, "add", "推动", "--en", "promote", "--status", "candidate")
    run(runner, "edit", "推动", "--en", "")
    result = run(runner, "add", "推动", "--kind", "other", ok=False)      # would approve it with none
    assert result.output == "Error: 推动: no rendering to approve; give one with --en\n"
    assert "推动 (tuī dòng) [candidate]: -" in run(runner, "add", "推动", "--status", "candidate",
                                                   "--note", "a verb").output
    assert run(runner, "add", "调度", "--status", "candidate").output == "调度 (diào dù) [candidate]: -\n"
    # forbidden renderings alone make an entry (a rendering never to use), as in a file
    assert run(runner, "add", "康养", "--forbidden", "Health Care").output == \
        "康养 (kāng yǎng) [approved]: -; forbidden: Health Care\n"
    assert run(runner, "add", "康养", "--note", "wellness").output.startswith("康养 (kāng yǎng) [approved]")


def test_edit_never_leaves_an_approved_entry_without_a_rendering(runner, db_path):
    """`glossary edit 人工智能 --en ''` wiped every approved rendering of an approved entry
    ("[approved]: -", exit 0), where `glossary add --en ''` refuses."""
    run(runner, "add", "人工智能", "--en", "artificial intelligence|AI")
    for args in (["--en", ""], ["--en", " | "], ["--en", "", "--forbidden", ""]):
        result = run(runner, "edit", "人工智能", *args, ok=False)
        assert (result.exit_code, result.output) == (
            2, "Error: 人工智能: an approved entry needs a rendering; give one with --en (or a "
               "rendering never to use with --forbidden), or make it a candidate with --status "
               "candidate\n")
    assert run(runner, "edit", "人工智能", "--note", "AI").output == \
        "人工智能 (rén gōng zhì néng) [approved]: artificial intelligence | AI\n"
    run(runner, "add", "调度", "--status", "candidate")
    assert run(runner, "edit", "调度", "--status", "approved", ok=False).exit_code == 2
    # as with add: a candidate may wait for a rendering; forbidden ones alone are an entry
    assert run(runner, "edit", "人工智能", "--en", "", "--status", "candidate").output == \
        "人工智能 (rén gōng zhì néng) [candidate]: -\n"
    assert run(runner, "edit", "人工智能", "--forbidden", "A.I.", "--status", "approved").output == \
        "人工智能 (rén gōng zhì néng) [approved]: -; forbidden: A.I.\n"


def test_lookup_text(runner, db_path):
    run(runner, "add", "康养", "--en", "health and wellness", "--forbidden", "Health Care",
        "--kind", "policy term", "--note", "care and wellness for older people")
    assert run(runner, "lookup", "kangyang").output == (
        "康养  kāng yǎng  [approved]  policy term  (matched by pinyin)\n"
        "  approved:  health and wellness\n"
        "  forbidden: Health Care\n"
        "  note:      care and wellness for older people\n")
    result = run(runner, "lookup", "量子纠缠", ok=False)
    assert (result.exit_code, result.output) == (1, "No term matches '量子纠缠'.\n")
    result = run(runner, "lookup", "  ", ok=False)
    assert (result.exit_code, result.output) == (2, "Error: nothing to look up: QUERY is empty\n")


def test_import_and_export(runner, db_path, tmp_path):
    n = len(read_tabular(CURATED))
    assert run(runner, "import", str(CURATED)).output == \
        f"{CURATED}: {n} added, 0 merged ({n} rows read).\n"
    assert run(runner, "import", str(CURATED)).output == \
        f"{CURATED}: 0 added, {n} merged ({n} rows read).\n"
    out = tmp_path / "plan.txt"
    run(runner, "export", "--format", "omegat", "-o", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(e.approved) for e in read_tabular(CURATED))
    assert any(line.startswith("康养\thealth and wellness\tkāng yǎng · policy term · ") for line in lines)
    csv_text = run(runner, "export", "--format", "csv").output
    assert csv_text.splitlines()[0] == "zh,pinyin,en,forbidden,kind,status,note,source"
    assert len(csv_text.splitlines()) == n + 1
    tbx = run(runner, "export", "--format", "tbx").output
    assert tbx.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif')
    assert run(runner, "export", "--format", "tbx", "--status", "all").output == tbx
    # without --format, the output name's extension says which
    for name, start in (("t.csv", "zh,pinyin,en"), ("t.tsv", "zh\tpinyin\ten"), ("t.tbx", "<?xml"),
                        ("t.utf8", lines[0])):
        run(runner, "export", "-o", str(tmp_path / name))
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name


@pytest.mark.parametrize("name, text, message", [
    ("bad.csv", "zh,en\n康养,health\n算力,\n", "bad.csv:3: empty English term for 算力"),
    ("bad.csv", "en,fr,colour\nhealth,santé,red\n", "bad.csv:1: the header must name exactly one "
     "zh column (found 0)"),
    ("bad.tbx", '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaa">]>\n<martif/>\n',
     "bad.tbx:2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    ("bad.tbx", '<martif type="TBX">\n<text>\n</martif>\n', "bad.tbx:3: not well-formed XML: Opening and ending tag mismatch"),
    # a header of names the reader does not know: `foo` was stored as a Chinese term
    ("bad.csv", "foo,bar\n人工智能,artificial intelligence\n", "bad.csv:1: the first row ('foo', 'bar') "
     "reads as a header of unknown column names (no Chinese in its Chinese column, where every other row has some); the columns this "
     "reader knows: zh and en"),
])
def test_bad_import_is_one_line_and_writes_nothing(runner, db_path, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run(runner, "import", str(path), "--strict", ok=False)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path / message}")
    assert result.output.count("\n") == 1
    assert not db_path.exists()         # the file is read before a database is made


def test_import_skips_and_counts_entries_with_an_empty_side(runner, db_path, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("zh,en\n康养,health\n算力,\n", encoding="utf-8")
    assert run(runner, "import", str(path)).output == (
        f"{path}: 1 added, 0 merged (1 rows read).\n1 skipped: empty English term (line 3)\n")


def test_an_import_keeps_a_persons_note_and_says_so(runner, db_path, tmp_path):
    """A plain import replaced the note (kind, definition, source) of an approved entry with
    the file's, a person's edit lost unseen. It stays, and the summary says so; --overwrite
    takes the file's. A candidate's (the extraction's guesses) the file replaces."""
    run(runner, "add", "算力", "--en", "computing power", "--note", "checked with the client")
    run(runner, "add", "智算", "--en", "intelligent computing", "--status", "candidate", "--note", "guess")
    path = tmp_path / "f.tsv"
    path.write_text("zh\ten\tnote\n算力\tcomputing power\tfrom the master list\n"
                    "智算\tintelligent computing\tfrom the master list\n", encoding="utf-8")
    assert run(runner, "import", str(path)).output == (
        f"{path}: 0 added, 2 merged (2 rows read).\n"
        "Kept as the term base has them, where the file has another: 1 note (--overwrite takes the file's).\n")
    assert "checked with the client" in run(runner, "lookup", "算力", "--lines", "0").output
    assert "from the master list" in run(runner, "lookup", "智算", "--lines", "0").output
    run(runner, "import", str(path), "--overwrite")
    assert "from the master list" in run(runner, "lookup", "算力", "--lines", "0").output


def test_an_import_never_overturns_a_decision_made_in_the_term_base(runner, db_path, tmp_path):
    """A plain import approved 大模型's forbidden "big model" and demoted an approved entry
    with a `rejected` row, saying only "1 merged". A file's row at odds with a decision of
    the term base (a forbidden rendering approved, an approved one forbidden, an approved
    or rejected term given the other status) is refused with its line, and nothing is
    imported; rows that only add to an entry are merged as before."""
    run(runner, "add", "大模型", "--en", "large model", "--forbidden", "big model")
    run(runner, "add", "人工智能", "--en", "AI")
    run(runner, "add", "推动", "--en", "promote", "--status", "candidate")
    run(runner, "reject", "推动")
    path = tmp_path / "f.tsv"
    path.write_text("zh\ten\tforbidden\tstatus\n"
                    "算力\tcomputing power\t\t\n"
                    "大模型\tbig model\t\t\n"
                    "人工智能\tAI\t\trejected\n"
                    "推动\tpromote\t\t\n"
                    "人工智能\tartificial intelligence\tAI\t\n"
                    "大模型\tlarge AI model\t\t\n", encoding="utf-8")
    result = run(runner, "import", str(path), ok=False)
    assert (result.exit_code, result.output) == (2, (
        f'Error: {path}:3: 大模型: the file approves "big model", which the term base forbids '
        "(3 more rows at odds with a decision of the term base: lines 4, 5, 6); nothing imported: "
        "change those rows, or the entries first with glossary edit, approve or reject, or let the file "
        "win with --overwrite\n"))
    lookup = run(runner, "export", "--format", "tsv", "--status", "all").output
    assert "算力" not in lookup and "大模型\tdà mó xíng\tlarge model\tbig model\t" in lookup
    # each names what it would overturn
    for row, message in (("人工智能\tAI\t\trejected", "the file rejects the term, which the term base approves"),
                         ("推动\tpromote\t\t", "the file approves the term, which the term base rejects"),
                         ("人工智能\tartificial intelligence\tAI\t",
                          'the file forbids "AI", which the term base approves')):
        path.write_text("zh\ten\tforbidden\tstatus\n" + row + "\n", encoding="utf-8")
        assert run(runner, "import", str(path), ok=False).output == (
            f"Error: {path}:2: {row.split()[0]}: {message}; nothing imported: change the row, or "
            "the entry first with glossary edit, approve or reject, or let the file win with --overwrite\n")
    # --overwrite: the file wins (the person asked for it)
    path.write_text("zh\ten\n大模型\tbig model\n", encoding="utf-8")
    assert run(runner, "import", str(path), "--overwrite").output == f"{path}: 0 added, 1 merged (1 rows read).\n"
    assert "approved:  large model | big model" in run(runner, "lookup", "大模型", "--lines", "0").output
    # what only adds to an entry, or decides a candidate, is merged as before
    run(runner, "add", "调度", "--en", "scheduling", "--status", "candidate")
    path.write_text("zh\ten\tforbidden\n大模型\tlarge AI model\tlarge-scale model\n"
                    "调度\tscheduler\tdispatch\n", encoding="utf-8")
    assert run(runner, "import", str(path)).output == f"{path}: 0 added, 2 merged (2 rows read).\n"
    assert run(runner, "lookup", "调度", "--lines", "0").output.splitlines()[:3] == [
        "调度  diào dù  [approved]  (matched by zh)",
        "  approved:  scheduling | scheduler", "  forbidden: dispatch"]


def test_check_exit_codes(runner, db_path, tmp_path):
    run(runner, "add", "世界智能产业博览会", "--en", "World Intelligence Expo",
        "--forbidden", "World Intelligent Industry Expo", "--kind", "event")
    clean = tmp_path / "clean.en.txt"
    clean.write_text("The World Intelligence Expo opened in Tianjin.\n", encoding="utf-8")
    assert run(runner, "check", str(clean)).output == "0 findings: 0 errors, 0 warnings, 0 info.\n"
    bad = tmp_path / "bad.en.txt"
    bad.write_text("Intro.\nOn the World Intelligent Industry Expo sidelines.\n", encoding="utf-8")
    result = run(runner, "check", str(bad), "--format", "jsonl", ok=False)
    assert result.exit_code == 1
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert re.fullmatch(r"doc-[0-9a-f]{10}", row.pop("id"))
    assert row == {"kind": "document", "zh": ["世界智能产业博览会"],
                   "en": ["World Intelligent Industry Expo", "World Intelligence Expo"], "units": [],
                   "severity": "error",
                   "message": f'{bad}:2: 世界智能产业博览会 rendered with forbidden '
                              f'"World Intelligent Industry Expo" (1×); approved: "World Intelligence Expo"'}



def test_check_names_the_line_of_a_hard_wrapped_document(runner, db_path, tmp_path):
    """A document hard-wrapped at 60 columns: its findings name the file's own lines and
    count them. Read unwrapped (as tm align reads it), the finding named line 3 of the
    joined paragraphs, a line of the file without the rendering, and counted 1 line of 6;
    read line by line, it missed the renderings wrapped over two lines (4 of 6)."""
    import textwrap
    run(runner, "add", "世界智能产业博览会", "--en", "World Intelligence Expo",
        "--forbidden", "World Intelligent Industry Expo")
    text = textwrap.fill("The exhibition was opened with many speakers from the city and abroad "
                         "and the World Intelligent Industry Expo drew many visitors. " * 6, 60)
    doc = tmp_path / "wrapped.en.txt"
    doc.write_text("Headline\n\n" + text + "\n", encoding="utf-8")
    written = doc.read_text(encoding="utf-8")
    lines = [written[:m.start()].count("\n") + 1 for m in re.finditer(r"World\s+Intelligent\s+Industry\s+Expo", written)]
    assert len(lines) == 6 and sum("World Intelligent Industry Expo" in line for line in written.splitlines()) < 6
    result = run(runner, "check", str(doc), "--format", "jsonl", ok=False)
    [row] = [r for r in map(json.loads, result.output.splitlines()) if r["severity"] == "error"]
    assert row["message"].startswith(f'{doc}:{lines[0]}: 世界智能产业博览会 rendered with forbidden '
                                     f'"World Intelligent Industry Expo" ({len(lines)}×)')


# --------------------------------------------------------------------------- the whole pipeline

@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    from click.testing import CliRunner
    base = tmp_path_factory.mktemp("pipeline")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = base / "demo.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "pipeline", str(seeds), "-o", str(base / "out"),
                                      "--glossary", str(CURATED)], catch_exceptions=False)
    return base, db, result


@pytest.mark.slow
def test_pipeline_on_the_seeds(pipeline_run):
    base, db, result = pipeline_run
    assert result.exit_code == 0, result.output          # a demo: problems do not fail it
    out = result.output
    assert out.startswith("aligned tianjin-ai-action-plan-2025-2027: ")
    # the sentences left without a counterpart are said, as tm align says them (the notice
    # header and the news summary); "(2 to review)" counted only low-confidence pairs
    assert "126 units (2 below confidence 0.5; unaligned: 8 zh, 6 en sentences; see tm review)\n" in out
    assert f"imported {CURATED}: {len(read_tabular(CURATED))} added, 0 merged" in out
    assert "checked against the term base: news-tianjin-ai-benchmark-scenarios.en.txt, " in out
    assert 'rendered with forbidden "World Intelligent Industry Expo"' in out
    assert "Tianjin-Nankai Higher Education Science and Innovation Park" in out
    names = sorted(p.name for p in (base / "out").iterdir())
    assert {"memory.tmx", "glossary.tbx", "glossary.tbx3.tbx", "glossary.omegat.txt",
            "glossary.csv"} <= set(names)
    # the printed report names units as every command does, PAIR:NNNN, never by row id;
    # the pair is named once before its numbers
    refs = re.findall(r"\(units ([^)]*)\)", out)
    assert refs and all(re.fullmatch(r"tianjin-ai-action-plan-2025-2027:\d{4}(, \d{4})*", r.rstrip("…"))
                        for r in refs)


@pytest.mark.slow
def test_extract_jsonl_contract_and_check_after_the_pipeline(pipeline_run, runner):
    base, db, _ = pipeline_run
    out = run(runner, "--db", str(db), "extract", "--format", "jsonl").output
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(list(r) == ["zh", "pinyin", "en", "renderings", "count", "score"] for r in rows)
    assert all(set(x) == {"en", "count"} for r in rows for x in r["renderings"])
    result = run(runner, "--db", str(db), "check", "--format", "jsonl", ok=False)
    assert result.exit_code == 1
    kinds = {json.loads(line)["kind"] for line in result.output.splitlines()}
    assert kinds == {"renderings", "collision"}
    # units are named as every tm command names them, PAIR:NNNN, never by row id
    refs = {u for line in result.output.splitlines() for u in json.loads(line)["units"]}
    assert refs and all(isinstance(u, str) and re.fullmatch(r"[\w.-]+:\d{4,}", u) for u in refs)
    from tm import get_unit, open_store
    memory = open_store(db)
    assert all(get_unit(memory, u) is not None for u in refs)
    table = run(runner, "--db", str(db), "check", ok=False).output
    assert re.search(r"\(units [\w.-]+:\d{4}", table) and not re.search(r"\(units \d", table)
    look = run(runner, "--db", str(db), "lookup", "康养", "--limit", "1").output
    assert "flags:     inconsistent; forbidden used" in look
    assert "[康养]" in look
    assert re.search(r"^  [\w.-]+:\d{4}  .*\[康养\]", look, re.M)
    # lookup's JSON too: the units a rendering was used in and the concordance lines
    [hit] = json.loads(run(runner, "--db", str(db), "lookup", "康养", "--limit", "1", "--format", "json").output)
    used = [u for r in hit["used"] for u in r["units"]]
    lines = [c["key"] for c in hit["concordance"]]
    assert used and lines and all("unit" not in c for c in hit["concordance"])
    assert all(get_unit(memory, u) is not None for u in used + lines)
    zh_of = {u: get_unit(memory, u).zh for u in used}
    assert all("康养" in zh for zh in zh_of.values())
    # and glossary qa of the memory's TMX export: each finding names its unit
    qa = run(runner, "--db", str(db), "qa", str(base / "out" / "memory.tmx"), "--format", "jsonl", ok=False).output
    ids = {json.loads(line)["id"] for line in qa.splitlines()}
    assert ids and all(get_unit(memory, i) is not None for i in ids)


ZH_DOC = "支持算力技术攻关和平台建设。\n推动多元化算力平台建设。\n"
EN_DOC = "Support research on computing power technology and platform building.\n" \
         "Promote the construction of diversified computing power platforms.\n"


@pytest.mark.parametrize("bad, text, message", [
    ("b.zh.txt", "", "b.zh.txt: empty file"),                          # read after a.* was aligned
    ("b.zh.txt", EN_DOC, "b.zh.txt: expected Chinese, found English"),  # found when b is aligned
    ("news.en.txt", "bad\x00line\n", "news.en.txt:1: "),               # read after the extraction
])
def test_pipeline_with_one_bad_document_writes_nothing(runner, db_path, tmp_path, bad, text, message):
    """A directory whose second pair (or an English-only file) cannot be read or aligned: one
    line, exit 2, and the memory, term base and output folder as they were, not the first
    pair stored before the error."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, content in (("a.zh.txt", ZH_DOC), ("a.en.txt", EN_DOC), ("b.zh.txt", ZH_DOC),
                          ("b.en.txt", EN_DOC), ("news.en.txt", EN_DOC)):
        (docs / name).write_text(content, encoding="utf-8")
    (docs / bad).write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {docs}/{message}") and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()
    if db_path.exists():
        from glossary.termbase.store import open_termbase
        db = open_termbase(db_path)
        assert [db[t].count for t in ("units", "pairs", "glossary_entry")] == [0, 0, 0]


def test_check_refuses_a_chinese_document_given_as_english(runner, db_path, tmp_path):
    """It was checked as English: no finding, exit 1 from the memory's own findings, no word of why."""
    run(runner, "add", "算力", "--en", "computing power")
    doc = tmp_path / "a.zh.txt"
    doc.write_text(ZH_DOC, encoding="utf-8")
    result = runner.invoke(cli, ["check", str(doc)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {doc}: expected English, found Chinese"), result.stderr


def test_pipeline_warns_of_a_pair_that_found_few_counterparts(runner, db_path, tmp_path):
    """As tm align does: a Chinese document of 8 sentences against one English sentence
    is aligned and stored, with a warning naming the pair on stderr."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text(ZH_DOC * 4, encoding="utf-8")
    (docs / "a.en.txt").write_text(EN_DOC.splitlines()[0] + "\n", encoding="utf-8")
    (docs / "b.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "b.en.txt").write_text(EN_DOC, encoding="utf-8")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"warning: a: only \d+ of 8 zh and 1 of 1 en sentences have a counterpart: are "
                        r"the documents translations of each other \(the same version, nothing missing\)\?\n",
                        result.stderr), result.stderr


def test_pipeline_refuses_a_pair_no_alignment_can_pair_and_stores_nothing(runner, db_path, tmp_path):
    """40 Chinese sentences against one English one (more than 2 x 4 x 1): tm align's one
    line, naming the document, before anything of the directory is stored."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "a.en.txt").write_text(EN_DOC, encoding="utf-8")
    (docs / "b.zh.txt").write_text(ZH_DOC * 20, encoding="utf-8")
    (docs / "b.en.txt").write_text(EN_DOC.splitlines()[0] + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (f"Error: {docs / 'b.zh.txt'}: 40 sentences against 1 in {docs / 'b.en.txt'}: "
                             f"a bead pairs a sentence with at most 4 of the other side, so at most 4 of "
                             f"the 40 could have a counterpart; are the documents translations of each other?\n")
    assert not (tmp_path / "out").exists()
    if db_path.exists():
        from glossary.termbase.store import open_termbase
        db = open_termbase(db_path)
        assert [db[t].count for t in ("units", "pairs")] == [0, 0]


def test_pipeline_output_that_is_a_file_is_refused_before_anything_is_stored(runner, db_path, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "a.en.txt").write_text(EN_DOC, encoding="utf-8")
    (tmp_path / "out").write_text("a file\n")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {tmp_path / 'out'}: not a directory (-o names the folder for the exports)\n"
    assert not db_path.exists()


def test_pipeline_output_folder_that_cannot_be_made_is_refused_before_anything_is_stored(runner, db_path,
                                                                                       tmp_path):
    """-o under a file: the folder was made only after the memory and term base were stored."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "a.en.txt").write_text(EN_DOC, encoding="utf-8")
    (tmp_path / "afile").write_text("a file\n")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "afile" / "out")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {tmp_path / 'afile' / 'out'}: cannot create: Not a directory\n"
    assert not db_path.exists()


def test_pipeline_refuses_exports_that_would_replace_the_database(runner, tmp_path):
    """`glossary --db out/glossary.csv pipeline docs -o out` renamed the CSV export over the
    database it had just filled: the memory gone, exit 0."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "a.en.txt").write_text(EN_DOC, encoding="utf-8")
    (tmp_path / "out").mkdir()
    db = tmp_path / "out" / "glossary.csv"
    run(runner, "--db", str(db), "add", "算力", "--en", "computing power")
    result = runner.invoke(cli, ["--db", str(db), "pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {db}: is the database this command reads ({db}); "
                             f"give the output another name\n")
    assert "算力" in run(runner, "--db", str(db), "lookup", "算力").output
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.endswith(("-wal", "-shm"))] \
        == ["glossary.csv"]


def test_pipeline_exports_are_written_all_or_none(runner, db_path, tmp_path):
    """The five exports were written one by one: a disk filling up at the fourth left three
    new files beside old ones. Now each is written to a temporary file, and renamed into place
    only when all were written (here the fourth is a link to /dev/full: it cannot be)."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    out.mkdir()
    (docs / "a.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "a.en.txt").write_text(EN_DOC, encoding="utf-8")
    (out / "glossary.tbx3.tbx").symlink_to("/dev/full")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {out / 'glossary.tbx3.tbx'}: cannot write: No space left on device "
                             f"(its write to {db_path} was committed before the output failed, and stays)\n")
    assert sorted(p.name for p in out.iterdir()) == ["glossary.tbx3.tbx"]


def test_export_to_an_unwritable_place_is_one_line(runner, db_path, tmp_path):
    run(runner, "add", "算力", "--en", "computing power")
    result = run(runner, "export", "--format", "csv", "-o", str(tmp_path / "no" / "such" / "g.csv"),
                 ok=False)
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'no' / 'such' / 'g.csv'}: cannot write: " \
                            "No such file or directory\n"


def test_lookup_json(runner, db_path):
    run(runner, "add", "具身智能", "--en", "embodied AI", "--kind", "technology")
    [hit] = json.loads(run(runner, "lookup", "embodied ai", "--format", "json").output)
    assert (hit["entry"]["zh"], hit["how"], hit["score"], hit["flags"], hit["concordance"]) == \
        ("具身智能", "en", 96, [], [])


def test_export_without_forbidden_renderings(runner, db_path):
    run(runner, "add", "两重", "--en", "two major", "--forbidden", "dual", "--pinyin", "liǎng zhòng")
    assert "dual" in run(runner, "export", "--format", "tbx").output
    assert "dual" not in run(runner, "export", "--format", "tbx", "--no-forbidden").output
    assert run(runner, "export", "--format", "tsv", "--no-forbidden").output == (
        "zh\tpinyin\ten\tforbidden\tkind\tstatus\tnote\tsource\n"
        "两重\tliǎng zhòng\ttwo major\t\t\tapproved\t\t\n")


_EN_ONLY_TBX = ('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n'
                '<termEntry id="1"><langSet xml:lang="en"><tig><term>computing power</term></tig>'
                '</langSet></termEntry>\n'
                '<termEntry id="2"><langSet xml:lang="en"><tig><term>data centre</term></tig>'
                '</langSet></termEntry>\n</body></text></martif>\n')


@pytest.mark.parametrize("command", [["import"], ["import", "--strict"], ["qa", "--glossary"],
                                     ["pipeline", "--glossary"]])
def test_a_tbx_without_chinese_is_one_message_whoever_reads_it(runner, tmp_path, command):
    """glossary qa --glossary (which reads without skipping) said 'entry without a Chinese
    term' at the first entry, glossary import 'no Chinese in this file (languages: en)': the
    file's languages are checked first, whoever reads it, and the line is the same."""
    tbx = tmp_path / "en.tbx"
    tbx.write_text(_EN_ONLY_TBX, encoding="utf-8")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("zh\ten\n算力\tcomputing power\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "doc.zh.txt").write_text("支持算力技术攻关。\n", encoding="utf-8")
    (docs / "doc.en.txt").write_text("Support research on computing power.\n", encoding="utf-8")
    args = {"import": [*command, str(tbx)], "qa": [*command, str(tbx), str(pairs)],
            "pipeline": [*command, str(tbx), str(docs), "-o", str(tmp_path / "out")]}[command[0]]
    result = runner.invoke(cli, ["--db", str(tmp_path / "g.db"), *args])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"Error: {tbx}: no Chinese in this file (languages: en); a "
                             f"Chinese-English glossary needs a Chinese and an English side\n")


def test_glossary_import_writes_as_it_reads_and_holds_no_list_of_the_entries(runner, tmp_path, monkeypatch):
    """glossary import held every entry of the file twice (as read, and as stored) before
    the count was printed: a 1,000,000-row TSV held 1.7 GB. The entries are now written as
    they are read, a batch at a time (one transaction, rolled back on an error anywhere in
    the file): at any time only a batch's are alive, whatever the file's size."""
    import gc

    from glossary.models import Entry
    from glossary.termbase import store
    path = tmp_path / "many.tsv"
    path.write_text("zh\ten\n" + "".join(f"术语{k}\tterm {k}\n" for k in range(3000)), encoding="utf-8")
    alive, merge_batch = [], store._merge_batch

    def counting(db, conn, batch, *args, **kwargs):
        alive.append(sum(isinstance(o, Entry) for o in gc.get_objects()))
        return merge_batch(db, conn, batch, *args, **kwargs)

    monkeypatch.setattr(store, "BATCH", 100)
    monkeypatch.setattr(store, "_merge_batch", counting)
    result = runner.invoke(cli, ["--db", str(tmp_path / "g.db"), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: 3000 added, 0 merged (3000 rows read).\n"
    assert len(alive) == 30 and max(alive) < 3 * 100, alive
    bad = tmp_path / "bad.tsv"        # an error at the last row: nothing of the file is kept
    bad.write_text("zh\ten\tstatus\n新词\tnew word\tapproved\n坏\tbad\tbogus\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(tmp_path / "g.db"), "import", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {bad}:3: unknown status 'bogus' (expected one of: candidate, "
                             f"approved, rejected)\n")
    assert runner.invoke(cli, ["--db", str(tmp_path / "g.db"), "lookup", "新词"]).exit_code == 1


def test_pipeline_of_english_originals(runner, db_path, tmp_path):
    """--source en, as tm align --source en: the pairs' units record English as the
    original, and the memory exported by the pipeline says so (srclang="en")."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pods.en.txt").write_text("Pods are the smallest deployable units of computing in Kubernetes.\n\n"
                                      "A Pod is a group of one or more containers.\n", encoding="utf-8")
    (docs / "pods.zh.txt").write_text("Pod 是 Kubernetes 中最小的可部署计算单元。\n\nPod 是一组（一个或多个）容器。\n",
                                      encoding="utf-8")
    result = run(runner, "pipeline", str(docs), "-o", str(tmp_path / "out"), "--source", "en")
    tmx = (tmp_path / "out" / "memory.tmx").read_text(encoding="utf-8")
    assert tmx.count('srclang="en"') == 2, result.output


def test_edit_clears_a_kind_and_parts_as_it_clears_a_note(runner, db_path):
    """`edit --note ''` clears the note; `--kind ''` was refused ('' is not one of …) and
    `--part ''` stored one empty part."""
    from glossary.termbase.store import get_entry, open_termbase
    run(runner, "add", "科技创新", "--en", "sci-tech innovation", "--kind", "policy term",
        "--part", "科技", "--part", "创新")
    run(runner, "edit", "科技创新", "--kind", "", "--part", "")
    entry = get_entry(open_termbase(db_path), "科技创新")
    assert (entry.kind, entry.parts) == (None, [])


def test_pipeline_reads_word_html_and_markdown_documents_as_tm_align_does(runner, tmp_path):
    """A directory of plan.zh.docx + plan.en-GB.md and an English news page in HTML: the
    pipeline found no NAME.zh.txt / NAME.en.txt and stopped, though tm align reads all three.
    The pair gives the units of the plain-text plan, and the page is checked."""
    import docx

    plain, word = tmp_path / "plain", tmp_path / "word"
    plain.mkdir(), word.mkdir()
    zh = SEEDS / "tianjin-ai-action-plan-2025-2027.zh.txt"
    en = SEEDS / "tianjin-ai-action-plan-2025-2027.en.txt"
    shutil.copy(zh, plain / "plan.zh.txt")
    shutil.copy(en, plain / "plan.en.txt")
    document = docx.Document()
    for line in zh.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(word / "plan.zh.docx")
    (word / "plan.en-GB.md").write_text(
        "\n\n".join(line.replace("*", "\\*") for line in en.read_text(encoding="utf-8").splitlines() if line.strip()),
        encoding="utf-8")
    news = next(SEEDS.glob("news-*.en.txt")).read_text(encoding="utf-8")
    (word / "news.en.html").write_text("<html><body>" + "".join(f"<p>{p}</p>" for p in news.splitlines() if p.strip())
                                       + "</body></html>", encoding="utf-8")
    (word / "notes.txt").write_text("not a document of a pair\n", encoding="utf-8")
    runs = {}
    for d in (plain, word):
        result = runner.invoke(cli, ["--db", str(tmp_path / f"{d.name}.db"), "pipeline", str(d), "-o",
                                     str(tmp_path / f"{d.name}-out"), "--format", "json"])
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)       # the findings alone: the summary is on stderr
        runs[d.name] = result.stderr
    aligned = re.compile(r"aligned plan: \d+ zh / \d+ en sentences -> 126 units")
    assert aligned.search(runs["plain"]) and aligned.search(runs["word"]), runs
    assert "checked against the term base: news.en.html\n" in runs["word"]


def test_pipeline_refuses_two_documents_of_one_name_and_language(runner, db_path, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.zh.txt", "a.zh.docx", "a.en.txt"):
        (docs / name).write_text(ZH_DOC if ".zh." in name else EN_DOC, encoding="utf-8")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (f"Error: {docs}: two zh documents named a: a.zh.docx and a.zh.txt "
                             f"(move one out of the directory)\n")
    assert not (tmp_path / "out").exists()


def test_pipeline_leaves_out_hidden_files_and_word_lock_files(runner, db_path, tmp_path):
    """macOS writes ._plan.en.docx beside plan.en.docx on a shared drive or in a zip, and Word
    ~$an.en.docx while plan.en.docx is open: each was read as an English document, was no
    Word file, and stopped the pipeline with nothing done."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.zh.txt").write_text(ZH_DOC, encoding="utf-8")
    (docs / "plan.en.txt").write_text(EN_DOC, encoding="utf-8")
    (docs / "._plan.en.docx").write_bytes(b"Mac OS X        \x00\x05\x16\x07")
    (docs / "~$an.en.docx").write_bytes(b"\x05Owner  \x00\x00")
    result = runner.invoke(cli, ["pipeline", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "checked against the term base" not in result.output
