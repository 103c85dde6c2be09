"""One command-line convention for both tools: formats, table width, colour, --db placement,
exit codes (README "Command reference" and "Exit codes")."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from _io_helpers import align_plan
from glossary.cli import cli as glossary_cli
from tm.cli import FORMATS, display_width, kwic, table, truncate
from tm.cli import cli as tm_cli


@pytest.fixture
def plan(db_path):
    align_plan(db_path)
    return db_path


def test_every_listing_format_option_offers_the_same_names():
    for group in (tm_cli, glossary_cli):
        for name, command in group.commands.items():
            for param in command.params:
                if param.name == "fmt" and name not in ("import", "export"):
                    choices = set(param.type.choices)
                    assert not choices & {"text", "human"}, name
                    assert {"table", "json"} <= choices | {"json"} and choices <= set(FORMATS) | {"junit", "html"}, name


def test_db_may_come_after_the_command(plan, monkeypatch):
    monkeypatch.delenv("TM_DB")
    runner = CliRunner()
    after = runner.invoke(tm_cli, ["search", "康养", "--db", str(plan), "--format", "json"])
    before = runner.invoke(tm_cli, ["--db", str(plan), "search", "康养", "--format", "json"])
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout and json.loads(after.stdout)
    equals = runner.invoke(tm_cli, ["stats", f"--db={plan}", "--format", "json"])
    assert equals.exit_code == 0 and json.loads(equals.stdout)


def test_no_hit_is_exit_1_with_valid_json_on_stdout(plan):
    runner = CliRunner()
    for args in (["search", "量子纠缠", "--format", "json"], ["match", "量子计算机的低温制冷系统", "--format", "json"]):
        result = runner.invoke(tm_cli, args)
        assert result.exit_code == 1
        assert json.loads(result.stdout) == []
    result = runner.invoke(glossary_cli, ["lookup", "量子纠缠", "--format", "json"])
    assert result.exit_code == 1


@pytest.mark.parametrize("args, header", [
    (["review"], "key,confidence,shape,zh,en,status"),
    (["history"], "change,at,op,who,undone,units,note"),
    (["pairs"], "pair,units,unaligned,needs_review,reviewed,edited,orphans,zh,en,changed"),
])
def test_an_empty_listing_is_still_json_and_csv(tmp_path, args, header):
    """A memory with nothing to list: JSON is `[]`, CSV its header, as `tm search` and `tm
    match` write when nothing is found; the note for a person goes to stderr."""
    db = tmp_path / "m.db"
    (tmp_path / "m.tsv").write_text("zh-CN\ten\n支持算力技术攻关。\tSupport computing research.\n",
                                    encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(tm_cli, ["--db", str(db), "import", str(tmp_path / "m.tsv")]).exit_code == 0
    result = runner.invoke(tm_cli, ["--db", str(db), *args, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == [] and result.stderr
    result = runner.invoke(tm_cli, ["--db", str(db), *args, "--format", "csv"])
    assert result.exit_code == 0 and result.stdout == header + "\n"


def test_errors_are_exit_2_in_both_tools(tmp_path):
    runner = CliRunner()
    missing = tmp_path / "missing.tsv"
    for group, args in ((tm_cli, ["import", str(missing)]), (glossary_cli, ["import", str(missing)])):
        result = runner.invoke(group, ["--db", str(tmp_path / "m.db"), *args])
        assert result.exit_code == 2
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1


@pytest.mark.parametrize("group, args", [
    (tm_cli, ["match", "支持算力技术攻关", "--limit", "0"]),
    (tm_cli, ["search", "康养", "--limit", "0"]),
    (tm_cli, ["review", "--limit", "0"]),
    (tm_cli, ["history", "--limit", "0"]),
    (glossary_cli, ["lookup", "康养", "--limit", "0"]),
    (glossary_cli, ["lookup", "康养", "--limit", "-1"]),
    (glossary_cli, ["lookup", "康养", "--lines", "-1"]),
])
def test_a_limit_that_shows_nothing_is_a_usage_error(plan, group, args):
    """`--limit 0` showed nothing and said so as if nothing were found ("No unit contains
    '康养'.", exit 1), which is not true; a negative count was taken as no limit."""
    result = CliRunner().invoke(group, args)
    assert result.exit_code == 2, result.output
    assert "Error: Invalid value for '--" in result.stderr and "x>=" in result.stderr


@pytest.mark.parametrize("group, args", [
    (tm_cli, ["--db", "", "import", "x.tsv"]),
    (tm_cli, ["stats", "--db="]),
    (glossary_cli, ["--db", "", "add", "算力", "--en", "computing power"]),
])
def test_an_empty_db_is_an_error_not_the_default(tmp_path, monkeypatch, group, args):
    """`tm --db "$DB" import x` with DB unset wrote to $TM_DB, or created ./tm.db."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TM_DB", str(tmp_path / "team.db"))
    (tmp_path / "x.tsv").write_text("zh-CN\ten\n算力\tcomputing power\n", encoding="utf-8")
    result = CliRunner().invoke(group, args)
    assert (result.exit_code, result.output) == \
        (2, "Error: --db: an empty database name (an unset variable?): give a file or a "
            "postgresql:// URL\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.tsv"]


@pytest.mark.parametrize("group, args", [
    (tm_cli, ["--db", "file:x.db?mode=ro", "import", "x.tsv"]),
    (tm_cli, ["--db", "file:x.db?mode=ro", "stats"]),
    (glossary_cli, ["--db", "file:x.db", "add", "算力", "--en", "computing power"]),
])
def test_an_sqlite_uri_as_db_is_refused_by_every_command(tmp_path, monkeypatch, group, args):
    """SQLite reads a name beginning with `file:` as a URI: `tm import` wrote to x.db while
    `tm stats` looked for a file named `file:x.db?mode=ro` (no such database)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.tsv").write_text("zh-CN\ten\n算力\tcomputing power\n", encoding="utf-8")
    result = CliRunner().invoke(group, args)
    name = args[1]
    assert (result.exit_code, result.output) == \
        (2, f"Error: --db: {name!r} would be read by SQLite as a URI; give a plain file name "
            f"(./{name} for a file whose name begins with file:)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.tsv"]


def test_a_file_whose_name_begins_with_file_colon_is_one_file_for_every_command(tmp_path,
                                                                                monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.tsv").write_text("zh-CN\ten\n算力\tcomputing power\n", encoding="utf-8")
    result = CliRunner().invoke(tm_cli, ["--db", "./file:x.db?mode=ro", "import", "x.tsv"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file:x.db?mode=ro", "x.tsv"]
    result = CliRunner().invoke(tm_cli, ["--db", "./file:x.db?mode=ro", "stats"])
    assert result.exit_code == 0 and "1" in result.output, result.output


def test_colour_never_with_no_color(plan, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(tm_cli, ["search", "康养", "--color"])
    assert result.exit_code == 0 and "\x1b[" not in result.output
    monkeypatch.delenv("NO_COLOR")
    result = CliRunner().invoke(tm_cli, ["search", "康养", "--color"], color=True)
    assert "\x1b[" in result.output



@pytest.mark.parametrize("args", [["lookup", "康养"], ["check"], ["pipeline", "{docs}", "-o", "{out}"]],
                         ids=["lookup", "check", "pipeline"])
def test_glossary_colour_takes_the_same_options_and_never_with_no_color(plan, monkeypatch, tmp_path, args):
    """`glossary lookup`, `check` and `pipeline` (its report: it had no `--color`) colour a
    terminal's output as `tm search` does: `--color/--no-color` force it either way, and
    `$NO_COLOR` turns it off even on a terminal."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.zh.txt").write_text("支持算力技术攻关和平台建设。\n", encoding="utf-8")
    (docs / "a.en.txt").write_text("Support research on computing power technology and platform building.\n",
                                   encoding="utf-8")
    args = [a.format(docs=docs, out=tmp_path / "out") for a in args]
    runner = CliRunner()
    assert runner.invoke(glossary_cli, ["add", "康养", "--en", "health and wellness"]).exit_code == 0
    forced = runner.invoke(glossary_cli, [*args, "--color"])
    assert forced.exit_code in (0, 1) and "\x1b[" in forced.output, forced.output
    plain = runner.invoke(glossary_cli, [*args, "--no-color"], color=True)
    assert plain.exit_code == forced.exit_code and "\x1b[" not in plain.output, plain.output
    monkeypatch.setenv("NO_COLOR", "1")
    for extra in ([], ["--color"]):
        never = runner.invoke(glossary_cli, [*args, *extra], color=True)
        assert never.exit_code == forced.exit_code and "\x1b[" not in never.output, never.output

def test_tables_fit_columns_and_cut_on_character_boundaries(plan, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    result = CliRunner().invoke(tm_cli, ["review", "--below", "1.1", "--limit", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and all(display_width(line) <= 60 for line in lines)
    assert any(line.rstrip().endswith("…") or "… " in line for line in lines[2:])
    monkeypatch.delenv("COLUMNS")
    whole = CliRunner().invoke(tm_cli, ["review", "--below", "1.1", "--limit", "5"])
    assert "…" not in whole.output          # not a terminal, no $COLUMNS: whole cells


def test_truncate_and_kwic_count_wide_characters():
    assert truncate("人工智能创新发展", 9) == "人工智能…"
    assert display_width(truncate("人工智能创新发展", 9)) <= 9
    assert truncate("short", 10) == "short"
    text = "天津市" * 20 + "康养" + "产业" * 20
    line = kwic(text, 60, 62, 30)
    assert "康养" in line and display_width(line) <= 30
    assert line.startswith("…") and line.endswith("…")
    left, right = line.split("康养")
    assert abs(display_width(left) - display_width(right)) <= 3     # the hit is centred
    rows = [{"a": "x" * 50, "b": "天" * 40}]
    assert all(display_width(l) <= 40 for l in table(rows, ["a", "b"], width=40).splitlines())


def test_excel_csv_starts_with_a_bom_and_reads_back(plan, tmp_path):
    runner = CliRunner()
    out = tmp_path / "plan.csv"
    result = runner.invoke(tm_cli, ["export", "--format", "csv", "--excel", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data[3:].startswith(b"\xef\xbb\xbf")
    again = tmp_path / "again.db"
    result = runner.invoke(tm_cli, ["--db", str(again), "import", str(out)])
    assert result.exit_code == 0, result.output
    plain = runner.invoke(tm_cli, ["export", "--format", "csv"]).stdout
    back = runner.invoke(tm_cli, ["--db", str(again), "export", "--format", "csv"]).stdout
    # the first header cell is read as zh-CN, not "\ufeffzh-CN"; every unit comes back
    # (the import keeps one of two units with the same text)
    assert back.splitlines()[0] == plain.splitlines()[0]
    assert set(back.splitlines()[1:]) == set(plain.splitlines()[1:])
    assert runner.invoke(tm_cli, ["export", "--format", "tmx", "--excel"]).exit_code == 2
    terms = tmp_path / "terms.csv"
    assert runner.invoke(glossary_cli, ["add", "康养", "--en", "health and wellness"]).exit_code == 0
    assert runner.invoke(glossary_cli, ["export", "--format", "csv", "--excel", "-o", str(terms)]).exit_code == 0
    assert terms.read_bytes().startswith(b"\xef\xbb\xbf")
    result = runner.invoke(glossary_cli, ["--db", str(tmp_path / "t.db"), "import", str(terms)])
    assert result.exit_code == 0, result.output
