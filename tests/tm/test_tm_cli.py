"""`tm align`, `tm match`, `tm search`, `tm review`, `tm stats` as a user runs them on the plan."""

import csv
import io
import json
import re
import sqlite3

import pytest

from _units import CODED_TMX
from conftest import PLAN_EN, PLAN_ZH
from tm.align.semantic import default_model
from tm.cli import cli
from tm.memory.store import get_unit, iter_units, open_store

PAIR = "tianjin-ai-action-plan-2025-2027"


@pytest.fixture
def plan_db(db_path, runner, tmp_path):
    beads = tmp_path / "plan.beads"
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN), "--beads", str(beads)])
    assert result.exit_code == 0, result.output
    return db_path, result.output, beads


def test_align_stores_the_plan_and_writes_beads(plan_db):
    db_path, output, beads = plan_db
    lines = beads.read_text(encoding="utf-8").splitlines()
    assert all(re.fullmatch(r"\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]", line) for line in lines)
    db = open_store(db_path)
    stored = list(iter_units(db, include_unaligned=True))
    two_sided = [u for u in stored if u.zh and u.en]
    shapes = {}
    for u in stored:
        shapes[u.shape] = shapes.get(u.shape, 0) + 1
    zh_n = db.conn.execute("SELECT n_segments FROM documents WHERE lang = 'zh'").fetchone()[0]
    en_n = db.conn.execute("SELECT n_segments FROM documents WHERE lang = 'en'").fetchone()[0]
    shape_text = ", ".join(f"{k}: {v}" for k, v in sorted(shapes.items(), key=lambda kv: (-kv[1], kv[0])))
    unaligned_zh = sum(len(json.loads(r[0])) for r in db.conn.execute(
        "SELECT zh_segments FROM units WHERE en = ''"))
    unaligned_en = sum(len(json.loads(r[0])) for r in db.conn.execute(
        "SELECT en_segments FROM units WHERE zh = ''"))
    low = sum(1 for u in two_sided if u.confidence < 0.5)
    assert output == (
        f"Aligned {PAIR}: {zh_n} zh and {en_n} en sentences, {len(lines)} beads ({shape_text}); "
        f"model: {default_model() or 'none'}.\n"
        f"Stored {len(two_sided)} units; unaligned: {unaligned_zh} zh, {unaligned_en} en sentences; "
        f"{low} below 0.5 confidence (see tm review).\n")
    assert len(stored) == len(lines)
    # the plan opens with a notice header in Chinese and a news summary in English: left unaligned
    assert stored[0].en == "" and stored[0].status == "needs-review"
    assert unaligned_en > 0


def test_align_again_replaces_the_pair(plan_db, runner):
    db_path, _, _ = plan_db
    before = [(u.key, u.zh, u.en) for u in iter_units(open_store(db_path))]
    assert runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN)]).exit_code == 0
    assert [(u.key, u.zh, u.en) for u in iter_units(open_store(db_path))] == before


def test_align_beads_to_stdout_and_no_store(db_path, runner):
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN), "--no-store", "--beads", "-"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "[0]:[]"
    assert "Would store" in result.stderr
    assert not db_path.exists()


def test_align_says_when_few_sentences_found_a_counterpart(db_path, runner, tmp_path):
    """8 Chinese sentences against 1 English one (a 4-1 bead could pair half of them)
    stored a unit and said nothing of why; the plan itself (most sentences paired) gets
    no warning (see the first test)."""
    zh, en = tmp_path / "long.zh.txt", tmp_path / "short.en.txt"
    sentences = [s for s in PLAN_ZH.read_text(encoding="utf-8").replace("\n", "").split("。") if s]
    zh.write_text("。".join(sentences[20:27]) + "。", encoding="utf-8")
    en.write_text("Support research on computing power.", encoding="utf-8")
    result = runner.invoke(cli, ["align", str(zh), str(en), "--model", "none"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    zh_n = int(re.search(r"(\d+) zh and", result.stdout).group(1))
    paired = [int(n) for n in re.findall(r"only (\d+) of \d+ zh and (\d+) of 1 en", result.stderr)[0]]
    assert lines == [f"warning: only {paired[0]} of {zh_n} zh and {paired[1]} of 1 en sentences have a "
                     f"counterpart: are the documents translations of each other (the same version, "
                     f"nothing missing)?"]
    assert zh_n == 8 and paired[0] < zh_n / 2


def test_align_refuses_lengths_no_alignment_can_pair(db_path, runner, tmp_path):
    """400 Chinese sentences against 2 English ones were aligned (and embedded) only to
    get the warning above: more than 2 x 4 x 2 sentences against 2 is refused in one line
    naming both files and their sentence counts, before any work, and nothing is stored."""
    zh, en = tmp_path / "long.zh.txt", tmp_path / "short.en.txt"
    sentences = [s for s in PLAN_ZH.read_text(encoding="utf-8").replace("\n", "").split("。") if s]
    zh.write_text("。".join((sentences * 20)[:400]) + "。", encoding="utf-8")
    en.write_text("Support research on computing power. Build smart factories.", encoding="utf-8")
    result = runner.invoke(cli, ["align", str(zh), str(en)])
    assert result.exit_code == 2
    assert re.fullmatch(rf"Error: {re.escape(str(zh))}: (\d+) sentences against 2 in {re.escape(str(en))}: "
                        r"a bead pairs a sentence with at most 4 of the other side, so at most 8 of the "
                        r"\1 could have a counterpart; are the documents translations of each other\?\n",
                        result.output), result.output
    assert int(re.search(r"(\d+) sentences", result.output).group(1)) >= 300
    assert not db_path.exists()


def test_align_model_none_and_an_unknown_model(db_path, runner):
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN), "--no-store", "--model", "none"])
    assert result.exit_code == 0 and result.output.splitlines()[0].endswith("; model: none.")
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN), "--model", "bogus"])
    assert result.exit_code == 2
    assert result.output == "Error: unknown model 'bogus' (known: use, e5, or none)\n"
    assert not db_path.exists()


def test_align_help_says_which_model_runs_by_default(runner):
    text = runner.invoke(cli, ["align", "-h"]).output
    found = default_model()
    assert "--model NAME|none" in text
    assert (f"Default here: {found} (installed)" if found else "Default here: none") in " ".join(text.split())


def test_align_without_the_extra(db_path, runner, monkeypatch):
    """No model installed: the lexical aligner by default, and asking for one says how
    to install it, in one line, before any work."""
    import tm.align.semantic

    monkeypatch.setattr(tm.align.semantic, "_installed", lambda module: False)
    text = " ".join(runner.invoke(cli, ["align", "-h"]).output.split())
    assert "Default here: none (pip install 'zhen-tm[embed]' for use)." in text
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN), "--model", "use"])
    assert (result.exit_code, result.output) == (
        2, "Error: model 'use' is not installed: pip install 'zhen-tm[embed]'\n")
    assert not db_path.exists()
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN), "--no-store"])
    assert result.exit_code == 0 and result.output.splitlines()[0].endswith("; model: none.")


def test_match_the_plan(plan_db, runner):
    db_path, _, _ = plan_db
    result = runner.invoke(cli, ["match", "支持算力技术攻关和平台建设"])
    unit = get_unit(open_store(db_path), f"{PAIR}:0022")
    assert unit.zh == "1．支持算力技术攻关和平台建设。"
    # "1." + 13 characters + "。" against the 13 of the query: 3 insertions over 16 characters
    score = 100 * (1 - 3 / 16)
    lines = result.output.splitlines()
    assert lines[0].split() == ["score", "key", "zh", "en"]
    assert lines[2].split()[:2] == [f"{score:.0f}%", unit.key]
    assert lines[2].endswith(unit.en)
    data = json.loads(runner.invoke(cli, ["match", "支持算力技术攻关和平台建设", "--format", "json"]).output)
    assert (data[0]["score"], data[0]["key"], data[0]["en"]) == (round(score, 1), unit.key, unit.en)
    assert data[0]["diff"] == [["1．", True], ["支持算力技术攻关和平台建设", False], ["。", True]]


def test_match_english_and_nothing_found(plan_db, runner):
    unit = get_unit(open_store(plan_db[0]), f"{PAIR}:0022")
    result = runner.invoke(cli, ["match", unit.en.replace("Support", "Supporting"), "--format", "tsv"])
    rows = list(csv.reader(io.StringIO(result.output), delimiter="\t"))
    assert rows[0] == ["score", "key", "en", "zh"]
    assert rows[1][1:] == [unit.key, unit.en, unit.zh]
    result = runner.invoke(cli, ["match", "量子计算机的低温制冷系统", "--min", "90"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "No match of 90% or more.\n"


@pytest.mark.parametrize("command", ["match", "search"])
def test_an_empty_query_is_an_error_not_an_empty_result(plan_db, runner, command):
    result = runner.invoke(cli, [command, " "])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: nothing to ") and result.stderr.count("\n") == 1


def test_search_short_chinese_term(plan_db, runner):
    db = open_store(plan_db[0])
    expected = [u for u in iter_units(db, order="id") if "康养" in u.zh]
    assert expected
    result = runner.invoke(cli, ["search", "康养", "--format", "json"])
    hits = json.loads(result.output)
    assert [h["key"] for h in hits] == [u.key for u in expected]
    for h in hits:
        assert all(h["zh"][a:b] == "康养" for a, b in h["spans"])
    result = runner.invoke(cli, ["search", "康养", "--format", "tsv", "--limit", "1"])
    assert list(csv.reader(io.StringIO(result.output), delimiter="\t")) == \
        [["key", "zh", "en"], [expected[0].key, expected[0].zh, expected[0].en]]


def test_search_english_case_insensitive(plan_db, runner):
    hits = json.loads(runner.invoke(cli, ["search", "COMPUTING POWER", "--format", "json"]).output)
    assert hits and all(h["lang"] == "en" for h in hits)
    assert all(h["en"][a:b].lower() == "computing power" for h in hits for a, b in h["spans"])




@pytest.mark.parametrize("query", ["算力", "computing"])
def test_search_machine_output_shows_codes_as_the_table_does(runner, tmp_path, query):
    """JSON/JSONL/TSV carried the private-use characters that stand for inline codes
    (\\U00100004…) where the table shows {1}…{/1}; the spans count in the shown text."""
    db = str(tmp_path / "c.db")
    (tmp_path / "c.tmx").write_text(CODED_TMX, encoding="utf-8")
    assert runner.invoke(cli, ["--db", db, "import", str(tmp_path / "c.tmx")]).exit_code == 0
    [hit] = json.loads(runner.invoke(cli, ["--db", db, "search", query, "--format", "json"]).output)
    assert (hit["zh"], hit["en"]) == ("{1}注意{/1}：算力平台", "{1}Note{/1}: computing power platform")
    assert [hit[hit["lang"]][a:b].lower() for a, b in hit["spans"]] == [query]
    for fmt in ("jsonl", "tsv", "csv"):
        out = runner.invoke(cli, ["--db", db, "search", query, "--format", fmt]).output
        assert "{1}注意{/1}" in out and not re.search("[\U00100000-\U0010fffd]", out), fmt


def test_match_machine_output_shows_codes_as_the_table_does(runner, tmp_path):
    db = str(tmp_path / "c.db")
    (tmp_path / "c.tmx").write_text(CODED_TMX, encoding="utf-8")
    assert runner.invoke(cli, ["--db", db, "import", str(tmp_path / "c.tmx")]).exit_code == 0
    args = ["--db", db, "match", "注意：算力平台", "--min", "50"]
    [row] = json.loads(runner.invoke(cli, [*args, "--format", "json"]).output)
    assert (row["zh"], row["en"]) == ("{1}注意{/1}：算力平台", "{1}Note{/1}: computing power platform")
    for fmt in ("json", "jsonl", "tsv", "csv"):
        out = runner.invoke(cli, [*args, "--format", fmt]).output
        assert "{1}Note{/1}" in out and not re.search("[\U00100000-\U0010fffd]", out), fmt


def test_review_lists_lowest_confidence_first(plan_db, runner):
    db = open_store(plan_db[0])
    result = runner.invoke(cli, ["review", "--limit", "5", "--format", "json"])
    rows = json.loads(result.output)
    assert len(rows) == 5
    confidences = [r["confidence"] for r in rows]
    assert confidences == sorted(confidences)
    lowest = db.conn.execute("SELECT min(confidence) FROM units").fetchone()[0]
    assert confidences[0] == lowest
    shapes = {r["shape"] for r in json.loads(runner.invoke(cli, ["review", "--limit", "100",
                                                                   "--format", "json"]).output)}
    assert {"1-0", "0-1"} <= shapes


def test_stats(plan_db, runner):
    db = open_store(plan_db[0])
    n = db.conn.execute("SELECT count(*) FROM units WHERE zh != '' AND en != ''").fetchone()[0]
    rows = dict(line.split("\t") for line in runner.invoke(cli, ["stats", "--format", "tsv"]).output.splitlines()[1:])
    assert rows["pairs"] == "1" and rows["units"] == str(n)


def test_commands_have_help_with_an_example(runner):
    for name in ("align", "match", "search", "review", "stats"):
        result = runner.invoke(cli, [name, "-h"])
        assert result.exit_code == 0 and "Example:" in result.output


# --- bad input --------------------------------------------------------------

def test_missing_file(db_path, runner, tmp_path):
    missing = tmp_path / "nope.zh.txt"
    result = runner.invoke(cli, ["align", str(missing), str(PLAN_EN)])
    assert (result.exit_code, result.output) == (2, f"Error: {missing}: no such file\n")


def test_empty_file(db_path, runner, tmp_path):
    empty = tmp_path / "empty.en.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(empty)])
    assert (result.exit_code, result.output) == (2, f"Error: {empty}: empty file\n")
    assert not db_path.exists()


def test_not_text_in_any_encoding(db_path, runner, tmp_path):
    bad = tmp_path / "bad.en.txt"
    bad.write_bytes(b"Line one.\nCaf\x81\xff cr\x8d.\n")   # 0x81 is in no candidate encoding there
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(bad)])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {bad}:2: not UTF-8 text, and not UTF-16, GB18030, Big5, Shift_JIS or "
            f"Windows-1252 either; convert it to UTF-8 or give --encoding\n")
    assert not db_path.exists()


def test_western_legacy_text_is_read_and_said(db_path, runner, tmp_path):
    latin = tmp_path / "latin1.en.txt"
    latin.write_bytes(PLAN_EN.read_text(encoding="utf-8").replace("\u2014", "-")
                      .replace("The", "Caf\u00e9 cr\u00e8me. The", 1).encode("cp1252", errors="replace"))
    result = runner.invoke(cli, ["align", str(PLAN_ZH), str(latin), "--no-store"])
    assert result.exit_code == 0, result.output
    assert f"note: read {latin} as Windows-1252\n" in result.output


def test_gb18030_and_utf16_are_converted(db_path, runner, tmp_path):
    zh = tmp_path / "plan.zh.txt"
    en = tmp_path / "plan.en.txt"
    zh.write_bytes(PLAN_ZH.read_text(encoding="utf-8").encode("gb18030"))
    en.write_bytes(PLAN_EN.read_text(encoding="utf-8").encode("utf-16"))
    result = runner.invoke(cli, ["align", str(zh), str(en), "--name", "converted"])
    assert result.exit_code == 0, result.output
    db = open_store(db_path)
    assert "康养" in "".join(u.zh for u in iter_units(db, pair="converted"))


def _foreign_db(tmp_path):
    """An SQLite database this tool did not make (one table, customers)."""
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    return path


def test_database_not_ours(runner, tmp_path):
    foreign = _foreign_db(tmp_path)
    result = runner.invoke(cli, ["--db", str(foreign), "match", "算力"])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {foreign}: an SQLite database that was not made by this tool (tables: customers)\n")
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(text), "search", "算力"])
    assert (result.exit_code, result.output) == (2, f"Error: {text}: not an SQLite database (is it the right file?)\n")


def test_beads_file_only_when_stored(runner, tmp_path):
    foreign = _foreign_db(tmp_path)
    beads = tmp_path / "plan.beads"
    result = runner.invoke(cli, ["--db", str(foreign), "align", str(PLAN_ZH), str(PLAN_EN), "--beads", str(beads)])
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == [foreign]
    missing_dir = tmp_path / "no" / "such" / "dir.beads"
    result = runner.invoke(cli, ["--db", str(tmp_path / "t.db"), "align", str(PLAN_ZH), str(PLAN_EN),
                                 "--beads", str(missing_dir)])
    assert (result.exit_code, result.output) == (2, f"Error: {missing_dir}: cannot write: No such file or directory\n")
    assert not (tmp_path / "t.db").exists()


def test_database_in_a_missing_directory_is_one_clear_error(runner, tmp_path):
    from tm.cli import cli

    path = tmp_path / "nowhere" / "tm.db"
    tsv = tmp_path / "one.tsv"
    tsv.write_text("zh-CN\ten\n支持算力技术攻关。\tSupport computing power research.\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(path), "import", str(tsv)])
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: cannot create the database: no directory {path.parent}\n"


def test_import_of_a_gzipped_tmx_and_of_a_truncated_one(runner, tmp_path):
    """OmegaT's project_save.tmx.gz imports as the TMX it holds; cut short, it is one clear
    error naming the file and the line reached, exit 2, and nothing is stored."""
    import gzip

    from tm.cli import cli

    tus = "".join(f'<tu><tuv xml:lang="en"><seg>Item {i}</seg></tuv>'
                  f'<tuv xml:lang="zh-CN"><seg>第{i}项</seg></tuv></tu>\n' for i in range(2000))
    data = gzip.compress(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/>'
                         f'<body>\n{tus}</body></tmx>\n'.encode())
    whole, cut = tmp_path / "project_save.tmx.gz", tmp_path / "cut.tmx.gz"
    whole.write_bytes(data)
    cut.write_bytes(data[:len(data) // 2])
    db = tmp_path / "t.db"
    result = runner.invoke(cli, ["--db", str(db), "import", str(cut)])
    assert result.exit_code == 2
    assert re.fullmatch(rf"Error: {re.escape(str(cut))}:\d+: the compressed \(gzip\) file ends early "
                        rf"\(truncated\?\)\n", result.output), result.output
    assert not db.exists() or sqlite3.connect(db).execute("SELECT count(*) FROM units").fetchone() == (0,)
    result = runner.invoke(cli, ["--db", str(db), "import", str(whole)])
    assert result.exit_code == 0, result.output
    assert "2000 added" in result.output


def test_a_traditional_chinese_document_is_tagged_zh_hant(db_path, runner, tmp_path):
    """A pair whose Chinese is written in Traditional characters (a Taipei or Hong Kong
    press release) is exported as zh-Hant, not as zh-CN: a CAT tool's zh-TW project must
    not take it for Simplified text. A Simplified document keeps zh-CN."""
    (tmp_path / "t.zh.txt").write_text("臺北市政府資訊局今日宣布，數據平臺正式上線。\n報名期間至5月31日止。\n",
                                       encoding="utf-8")
    (tmp_path / "t.en.txt").write_text("The Taipei City Government announced that the data platform "
                                       "went live.\nRegistration is open until May 31.\n", encoding="utf-8")
    (tmp_path / "s.zh.txt").write_text("市政府宣布，数据平台正式上线。\n", encoding="utf-8")
    (tmp_path / "s.en.txt").write_text("The city government announced that the data platform went live.\n",
                                       encoding="utf-8")
    for name in ("t", "s"):
        result = runner.invoke(cli, ["align", str(tmp_path / f"{name}.zh.txt"), str(tmp_path / f"{name}.en.txt"),
                                     "--model", "none", "--name", name])
        assert result.exit_code == 0, result.output
    tmx = runner.invoke(cli, ["export", "--format", "tmx", "-o", "-", "--pair", "t"]).output
    assert tmx.count('<tuv xml:lang="zh-Hant">') == 2 and 'xml:lang="zh-CN"' not in tmx.split("<body>")[1]
    tmx = runner.invoke(cli, ["export", "--format", "tmx", "-o", "-", "--pair", "s"]).output
    assert tmx.count('<tuv xml:lang="zh-CN">') == 1
