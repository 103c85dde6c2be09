"""`tm pairs`, `tm show`, `tm edit`, `tm merge`, `tm split`, `tm unalign`, `tm delete`,
`tm mark`, `tm undo`, `tm history` as a user runs them, with exact output."""

import json

import pytest

from conftest import PLAN_EN, PLAN_ZH
from tm.cli import cli
from tm.memory.store import get_unit, iter_units, open_store

PAIR = "tianjin-ai-action-plan-2025-2027"


@pytest.fixture
def plan(db_path, runner, monkeypatch):
    monkeypatch.setenv("TM_USER", "Li Wei")
    assert runner.invoke(cli, ["align", str(PLAN_ZH), str(PLAN_EN)]).exit_code == 0
    return open_store(db_path)


def run(runner, *args, code=0):
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def line(u, flags):
    return f"  {u.key}  [{flags}]  {u.zh or '(no Chinese)'}  |  {u.en or '(no English)'}"


def test_the_lines_after_an_edit_escape_control_characters(plan, runner):
    """A text holding an OSC sequence (`\x1b]0;…\x07`, a terminal's window title) was printed
    raw after tm edit, as tm show never did."""
    unit = next(u for u in iter_units(plan) if u.shape == "1-1")
    out = run(runner, "edit", unit.key, "--en", "Evil \x1b]0;pwned\x07 text")
    assert "\x1b" not in out and "\x07" not in out and "Evil \\x1b]0;pwned\\x07 text" in out


def test_edit_then_undo(plan, runner):
    unit = next(u for u in iter_units(plan) if u.shape == "1-1")
    out = run(runner, "edit", unit.key, "--en", "Better.")
    assert out == f"#1 edit by Li Wei: {unit.key}\n" + line(get_unit(plan, unit.key), "reviewed, edited") + "\n"
    out = run(runner, "undo")
    assert out == f"Undid #1 edit: {unit.key}\n" + line(unit, unit.status) + "\n"
    assert get_unit(plan, unit.key) == unit
    assert run(runner, "undo", code=2) == "Error: nothing to undo\n"


def test_undo_takes_ones_own_latest_change_on_a_shared_memory(plan, runner):
    """Two translators on one memory: `tm undo` without a number undid the latest change
    of anyone, a colleague's edit made a minute later included. It now takes one's own."""
    first, second = [u for u in iter_units(plan) if u.shape == "1-1"][:2]
    run(runner, "edit", first.key, "--en", "Mine.")                       # Li Wei (TM_USER)
    run(runner, "edit", second.key, "--en", "Hers.", "--by", "Wang Fang")
    out = run(runner, "undo")
    assert out.startswith(f"Undid #1 edit: {first.key}\n")
    assert get_unit(plan, second.key).en == "Hers."
    assert run(runner, "undo", code=2) == ("Error: nothing of Li Wei's to undo (tm history lists every change; "
                                           "tm undo CHANGE undoes one by its number)\n")
    assert run(runner, "undo", "2").startswith(f"Undid #2 edit: {second.key}")


def test_short_keys_merge_split_and_history(plan, runner):
    units = sorted(iter_units(plan), key=lambda u: u.position)
    a, b = next((x, y) for x, y in zip(units, units[1:]) if y.position == x.position + 1)
    short = f"{PAIR}:{a.position}"
    out = run(runner, "merge", short, b.key, "--by", "Wang")
    merged = get_unit(plan, a.key)
    assert out == (f"#1 merge by Wang: {a.key}, {b.key}\n" + line(merged, "reviewed, edited") + "\n"
                   f"  removed: {b.key}\n")
    n = len(json.loads(plan.conn.execute("SELECT zh_segments FROM units WHERE key = ?", [a.key]).fetchone()[0]))
    out = run(runner, "split", a.key, "--zh-at", n, "--en-at", 1)
    assert out.startswith(f"#2 split by Li Wei: {a.key}, {PAIR}:")
    hist = run(runner, "history", "--format", "tsv")
    assert hist.splitlines()[0] == "change\tat\top\twho\tundone\tunits\tnote"
    assert [r.split("\t")[2:4] for r in hist.splitlines()[1:]] == [["split", "Li Wei"], ["merge", "Wang"]]


def test_mark_delete_pairs_and_show(plan, runner):
    units = [u for u in iter_units(plan) if u.shape == "1-1"]
    assert run(runner, "mark", units[0].key, units[1].key).startswith(
        f"#1 mark reviewed by Li Wei: {units[0].key}, {units[1].key}\n")
    assert run(runner, "mark", units[0].key) == f"Nothing changed: {units[0].key} already so.\n"
    run(runner, "delete", units[2].key)
    out = run(runner, "pairs", "--format", "json")
    [p] = json.loads(out)
    assert (p["pair"], p["reviewed"], p["edited"], p["orphans"]) == (PAIR, 2, 0, 0)
    out = run(runner, "show", units[0].key)
    assert out.splitlines()[0] == (f"{units[0].key}  ({PAIR}, position {units[0].position}, 1-1, "
                                   f"confidence {units[0].confidence:.2f}, aligned, reviewed)")
    assert f"  1: {units[0].zh}" in out.splitlines()
    assert out.splitlines()[-1].endswith(" mark by Li Wei")


def test_errors_name_the_unit(plan, runner):
    units = [u for u in iter_units(plan) if u.shape == "1-1"]
    assert run(runner, "edit", "nope:1", "--en", "x", code=2) == \
        "Error: no unit nope:1 (units are named PAIR:NNNN, see tm pairs and tm review)\n"
    assert run(runner, "edit", units[0].key, code=2) == "Error: give --zh TEXT, --en TEXT or both\n"
    assert run(runner, "merge", units[0].key, units[9].key, code=2).startswith(
        f"Error: {units[0].key} and {units[9].key} are not adjacent (")
    assert run(runner, "split", units[0].key, "--zh-at", 5, "--en-at", 0, code=2) == \
        f"Error: {units[0].key}: --zh-at 5 is out of range: the unit has 1 Chinese sentence\n"
    assert run(runner, "history") == "No changes.\n"      # nothing was changed


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_history_of_a_pair_is_of_that_pair_alone_whatever_the_case_of_its_name(backend, db_path, runner,
                                                                              monkeypatch, request):
    """Pairs `plan` and `PLAN` are two pairs: `tm history --pair plan` shows plan's changes,
    not PLAN's (SQLite's LIKE ignored the case of ASCII letters; PostgreSQL's does not)."""
    if backend == "postgresql":
        monkeypatch.setenv("TM_DB", request.getfixturevalue("pg_url"))
    for name in ("plan", "PLAN"):
        run(runner, "align", str(PLAN_ZH), str(PLAN_EN), "--name", name, "--model", "none")
    run(runner, "edit", "PLAN:0022", "--en", "Upper.")
    run(runner, "edit", "plan:0023", "--en", "Lower.")
    rows = json.loads(run(runner, "history", "--pair", "plan", "--format", "json"))
    assert [r["keys"] for r in rows] == [["plan:0023"]]
    rows = json.loads(run(runner, "history", "--pair", "PLAN", "--format", "json"))
    assert [r["keys"] for r in rows] == [["PLAN:0022"]]
