"""Hostile content stored in the memory or the term base: nothing reaches a terminal as a
control sequence, and spreadsheet formulas are neutralised by one rule in both tools."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from glossary.cli import cli as glossary_cli
from tm.cli import cli as tm_cli

ESC_ZH = "支持\x1b]0;pwned\x07算力\x1b[2J技术\x9b31m攻关"
ESC_EN = "Support \u202ecomputing\u202c power\x1b[8m hidden"
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    path = tmp_path / "evil.tsv"
    # TSV escapes: none needed for these characters
    path.write_text(f"zh-CN\ten\n{ESC_ZH}\t{ESC_EN}\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(tm_cli, ["import", str(path)]).exit_code == 0
    result = runner.invoke(glossary_cli, ["add", "算力\x1b[2J", "--en", "computing\x1b]0;x\x07 power",
                                          "--note", "\u202eevil"])
    assert result.exit_code == 0, result.output
    return runner


@pytest.mark.parametrize("tool,args", [
    ("tm", ["search", "算力"]), ("tm", ["search", "算力", "--format", "tsv"]),
    ("tm", ["search", "computing"]), ("tm", ["match", ESC_ZH, "--min", "10"]),
    ("tm", ["match", ESC_ZH, "--min", "10", "--color"]), ("tm", ["search", "算力", "--color"]),
    ("glossary", ["lookup", "算力"]),
    ("glossary", ["lookup", "算力", "--format", "table"]),
])
def test_terminal_output_escapes_control_characters(hostile, tool, args):
    cli = tm_cli if tool == "tm" else glossary_cli
    result = hostile.invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    shown = result.output.replace("\x1b[0m", "").replace("\x1b[1m", "").replace("\x1b[31m", "")  # our colours
    assert not any(ch in shown for ch in UNSAFE), repr(result.output)
    assert "\\x1b" in shown or "\\u202e" in shown


def test_json_escapes_them_and_parses_back_to_the_same_text(hostile):
    result = hostile.invoke(tm_cli, ["search", "算力", "--format", "json"])
    assert not any(ch in result.output for ch in UNSAFE)
    assert json.loads(result.output)[0]["zh"] == ESC_ZH
    result = hostile.invoke(tm_cli, ["export", "--format", "tsv"])     # a file format, not a terminal
    assert ESC_ZH in result.output


DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1", "-1", "\tx", "'=x", "''", "'plain", "plain"]


def test_one_formula_rule_for_both_tools(tmp_path, monkeypatch):
    from glossary.formats.tabular import neutralise as glossary_neutralise
    from tm.formats.tabular import neutralise, unneutralise
    for cell in DANGEROUS:
        assert glossary_neutralise(cell) == neutralise(cell)
        assert unneutralise(neutralise(cell)) == cell
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    rows = "".join(f"中文{i}\t{cell.replace(chr(9), chr(92) + 't')}\n" for i, cell in enumerate(DANGEROUS))
    (tmp_path / "in.tsv").write_text("zh-CN\ten\n" + rows, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(tm_cli, ["import", str(tmp_path / "in.tsv")]).exit_code == 0
    for fmt in ("tsv", "csv"):
        out = tmp_path / f"out.{fmt}"
        assert runner.invoke(tm_cli, ["export", "--format", fmt, "-o", str(out)]).exit_code == 0
        text = out.read_text(encoding="utf-8")
        cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t" if fmt == "tsv" else ",")
                 for c in row]
        assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells), cells
        monkeypatch.setenv("TM_DB", str(tmp_path / f"back-{fmt}.db"))
        assert runner.invoke(tm_cli, ["import", str(out)]).exit_code == 0
        back = runner.invoke(tm_cli, ["export", "--format", "json" if False else "tsv"]).output
        monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
        assert back == runner.invoke(tm_cli, ["export", "--format", "tsv"]).output


def test_duplicate_ids_in_a_reviewed_xliff_are_reported_and_nothing_applied(tmp_path, monkeypatch):
    import re

    from _procs import write_tmx
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    write_tmx(tmp_path / "in.tmx", 3, tag="x")
    runner = CliRunner()
    assert runner.invoke(tm_cli, ["import", str(tmp_path / "in.tmx")]).exit_code == 0
    assert runner.invoke(tm_cli, ["export", "--format", "xliff", "-o", str(tmp_path / "r.xlf")]).exit_code == 0
    before = runner.invoke(tm_cli, ["export", "--format", "tsv", "--fields", "status"]).output
    text = (tmp_path / "r.xlf").read_text(encoding="utf-8")
    unit = re.findall(r"<unit .*?</unit>", text, re.S)[0]
    twice = text.replace(unit, unit + "\n" + unit.replace("Support", "Supported"))
    (tmp_path / "twice.xlf").write_text(twice, encoding="utf-8")
    line = twice[:twice.index(unit) + len(unit) + 1].count("\n") + 1
    result = runner.invoke(tm_cli, ["import", str(tmp_path / "twice.xlf")])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {tmp_path / 'twice.xlf'}:{line}: unit id 'x:0000000' appears twice (lines "
            f"{twice.index(unit) and text[:text.index(unit)].count(chr(10)) + 1} and {line}); keep one and "
            f"import again: nothing was applied\n")
    assert runner.invoke(tm_cli, ["export", "--format", "tsv", "--fields", "status"]).output == before
