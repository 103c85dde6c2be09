"""A plain ``tm match`` or ``tm search`` starts without click (tm.cli.quick), and says exactly
what the click command says: the same output, messages and exit code for every call,
whichever path ran.

Each case runs ``tm`` twice in a fresh interpreter: as the console script calls it
(``tm.cli.cli()``, where a plain call takes the quick path) and through the click group
(``tm.cli.cli.main()``, the path every call took before). Both runs must write the same
bytes to stdout and stderr and exit with the same code; the first must have loaded click
only where the call is not plain (help, a usage error, an ASCII terminal…).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

ROOT = Path(__file__).resolve().parents[2]

UNITS = ([TranslationUnit(zh=f"支持算力技术攻关和平台建设第{i}项", en=f"Support computing power research item {i}")
          for i in range(30)]
         + [TranslationUnit(zh="加快推进人工智能与实体经济深度融合。",
                            en="Accelerate the deep integration of AI and the real economy.")])

# argv[1]: where to report the modules loaded; argv[2]: "quick" (the console script's call)
# or "click" (the click group's main, as before tm.cli.quick existed); the rest: tm's arguments.
_RUN = """
import atexit, json, sys
report, how = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
def _report():
    with open(report, "w") as fh:
        json.dump(sorted(sys.modules), fh)
atexit.register(_report)
from tm.cli import cli
if how == "quick":
    cli(prog_name="tm")
else:
    cli.main(prog_name="tm")
"""


@pytest.fixture(scope="module")
def memory(tmp_path_factory):
    path = tmp_path_factory.mktemp("quick") / "tm.db"
    import_units(open_store(path), UNITS)
    return path


def run(how: str, args, tmp_path, env=None, flags=()):
    report = tmp_path / f"modules-{how}.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **(env or {})}
    env = {k: v for k, v in env.items() if v is not None}
    done = subprocess.run([sys.executable, *flags, "-c", _RUN, str(report), how, *args], capture_output=True,
                          env=env, timeout=120, cwd=tmp_path)
    modules = json.loads(report.read_text()) if report.exists() else []
    return done.returncode, done.stdout, done.stderr, modules


ZH = "支持算力技术攻关和平台建设第7项"
EN = "Support computing power research item 7"

# (arguments with DB for the memory, extra environment, whether the call runs without
# loading click: the plain calls, except that an error's line is written by click's own
# ClickException.show, as the click command writes it)
CASES = [
    (["--db", "DB", "match", ZH], {}, True),
    (["match", ZH, "--db", "DB"], {}, True),
    ([f"--db=DB", "match", ZH, "--format", "json"], {}, True),
    (["--db", "DB", "match", ZH, "--format=jsonl", "--limit", "2"], {}, True),
    (["--db", "DB", "match", "--format", "tsv", ZH, "--min", "90.5"], {}, True),
    (["--db", "DB", "match", ZH, "--format", "csv", "--limit=1"], {}, True),
    (["--db", "DB", "match", ZH, "--format", "csv", "--limit=0"], {}, False),   # usage error
    (["--db", "DB", "match", EN, "--from", "en", "--min", "50"], {}, True),
    (["--db", "DB", "match", "加快推进人工智能深度融合", "--min", "40", "--color"], {}, True),
    (["--db", "DB", "match", "加快推进人工智能深度融合", "--min", "40", "--color"], {"NO_COLOR": "1"}, True),
    (["--db", "DB", "match", ZH, "--no-color", "--min", "100"], {}, True),
    (["match", ZH], {"TM_DB": "DB"}, True),
    (["--db", "DB", "match", "完全不同的一句话"], {}, True),                 # no match: exit 1
    (["--db", "DB", "match", "完全不同的一句话", "--format", "json"], {}, True),
    (["--db", "DB", "match", "   "], {}, False),                            # Error: nothing to match
    (["--db", "MISSING", "match", ZH], {}, False),                          # Error: no database
    (["--db", "GARBAGE", "match", ZH], {}, False),                          # Error: not a database
    (["--db", "DB", "match", ZH], {"PYTHONIOENCODING": "ascii"}, False),
    (["--db", "DB", "match", ZH, "--help"], {}, False),
    (["--db", "DB", "match"], {}, False),
    (["--db", "DB", "match", ZH, "other"], {}, False),
    (["--db", "DB", "match", ZH, "--min", "101"], {}, False),
    (["--db", "DB", "match", ZH, "--min", "1e1"], {}, False),
    (["--db", "DB", "match", ZH, "--limit", "-1"], {}, False),
    (["--db", "DB", "match", ZH, "--from", "fr"], {}, False),
    (["--db", "DB", "match", ZH, "--color=yes"], {}, False),
    (["--db", "DB", "match", ZH, "--colour"], {}, False),
    (["--db", "DB", "match", "--", "-5"], {}, False),
    (["--db", "DB", "match", os.fsdecode(b"\xff\xfe")], {}, False),        # not UTF-8
    (["--db", "DB", "--version"], {}, False),
    (["--db", "DB", "matches", ZH], {}, False),
    (["--db"], {}, False),
    (["--db", "", "match", ZH], {"TM_DB": "DB"}, False),                   # Error: an empty --db
    (["--db", "file:x.db?mode=ro", "match", ZH], {}, False),               # Error: an SQLite URI
    (["search", "算力"], {"TM_DB": "file:x.db"}, False),
    (["--db", "DB", "search", "算力"], {}, True),
    (["search", "技术攻关", "--db", "DB", "--format", "json", "--limit", "3"], {}, True),
    (["--db", "DB", "search", "computing power", "--lang", "en", "--format", "tsv"], {}, True),
    (["--db", "DB", "search", "comput*", "--format=jsonl"], {}, True),
    (["--db", "DB", "search", "人工智能", "--color"], {}, True),
    (["--db", "DB", "search", "没有这个词"], {}, True),                      # no hit: exit 1
    (["--db", "DB", "search", "没有这个词", "--format", "csv"], {}, True),
    (["--db", "DB", "search", " "], {}, False),                           # Error: nothing to search
    (["--db", "DB", "search", "算力", "--min", "50"], {}, False),         # match's option
    (["--db", "DB", "match", ZH, "--lang", "zh"], {}, False),            # search's option
    (["--db", "DB", "search", "算力", "--lang", "fr"], {}, False),
    (["--db", "DB", "search", "--help"], {}, False),
]


@pytest.mark.parametrize("args,env,no_click", CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_quick_path_says_what_click_says(memory, tmp_path, args, env, no_click):
    (tmp_path / "garbage.db").write_bytes(b"this is not an SQLite database\n" * 100)
    names = {"DB": str(memory), "MISSING": str(tmp_path / "missing.db"), "GARBAGE": str(tmp_path / "garbage.db")}
    args = [names.get(a, a).replace("--db=DB", f"--db={memory}") for a in args]
    env = {k: names.get(v, v) for k, v in env.items()}
    q_code, q_out, q_err, q_modules = run("quick", args, tmp_path, env)
    c_code, c_out, c_err, c_modules = run("click", args, tmp_path, env)
    assert (q_code, q_out.decode("utf-8", "replace"), q_err.decode("utf-8", "replace")) == \
           (c_code, c_out.decode("utf-8", "replace"), c_err.decode("utf-8", "replace"))
    assert b"Traceback" not in q_err
    assert "click" in c_modules
    assert ("click" not in q_modules) == no_click


def test_plain_match_imports_only_what_matching_needs(memory, tmp_path):
    """The modules a plain one-shot match loads: no click (nor the tm commands built on it),
    nothing of glossary, no numpy or sqlite-utils, no csv/json writer for a table."""
    code, out, err, modules = run("quick", ["--db", str(memory), "match", ZH], tmp_path)
    assert code == 0 and "支持算力技术攻关和平台建设第7项" in out.decode()
    unneeded = {"click", "tm.cli.commands", "glossary", "numpy", "sqlite_utils", "csv", "gettext", "uuid"}
    assert sorted(m for m in modules if m.split(".")[0] in unneeded or m in unneeded) == []


def test_plain_match_into_a_pipe_loads_no_terminal_size_code(memory, tmp_path):
    """shutil (2 ms of a one-shot match, for its terminal size) is loaded only when the output
    is a terminal or $COLUMNS asks for a width. Run without ``site`` (its .pth hooks, an
    editable install's finder among them, load shutil themselves), the installed packages
    on the path as they are."""
    import site
    path = os.pathsep.join([str(ROOT), *site.getsitepackages(), site.getusersitepackages()])
    code, out, err, modules = run("quick", ["--db", str(memory), "match", ZH], tmp_path,
                                  {"PYTHONPATH": path}, flags=("-S",))
    assert code == 0 and "支持算力技术攻关和平台建设第7项" in out.decode(), err
    assert "shutil" not in modules
    code, out, err, modules = run("quick", ["--db", str(memory), "match", ZH], tmp_path,
                                  {"PYTHONPATH": path, "COLUMNS": "80"}, flags=("-S",))
    assert code == 0 and "shutil" in modules


def test_highlight_is_what_click_style_writes():
    import click

    from tm.cli.common import HIGHLIGHT, styled
    assert HIGHLIGHT.format("差异") == click.style("差异", fg="red", bold=True)
    assert styled([("a", False), ("b", True)], True) == "a" + click.style("b", fg="red", bold=True)
    assert styled([("a", False), ("b", True)], False) == "ab"


def test_glossary_does_not_load_the_tm_commands(tmp_path):
    """glossary.cli takes the shared click pieces (ToolGroup, format_option…) through tm.cli
    without defining tm's own commands (~5 ms of every glossary command)."""
    probe = ("import sys\nfrom glossary.cli import cli\n"
             "print(sorted(n for n, m in list(sys.modules.items()) if 'match_cmd' in vars(m)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_plain_match_leaves_the_collector_nothing_to_walk_at_its_exit(memory, tmp_path):
    """The quick path runs without the cyclic collector; at the interpreter's exit it walked
    every object of every module all the same (three passes, ~16M instructions of a ~260M
    trivial one-shot match): they are frozen first. The click path is left as it was."""
    probe = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
             "from tm.cli import cli\ncli(prog_name='tm')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    for args, frozen in ((["--db", str(memory), "match", "支持算力技术攻关和平台建设第7项"], True),
                         (["--db", str(memory), "match", "--help"], False)):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, env=env, timeout=120,
                              cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        count = int(done.stderr.decode().split("frozen ")[-1])
        assert (count > 0) is frozen, count


# Runs `tm` as the console script does, os._exit reporting its call on stderr; argv[1]: "thread"
# to leave a thread running (it writes a line after 0.3 s), "atexit" to register a callback.
_EXIT = """
import atexit, os, sys, threading, time
real = os._exit
def spy(code):
    sys.stderr.write(f"os._exit({code})\\n")
    sys.stderr.flush()
    real(code)
os._exit = spy
how = sys.argv.pop(1)
if how == "thread":
    threading.Thread(target=lambda: (time.sleep(0.3), print("thread done", flush=True))).start()
if how == "atexit":
    atexit.register(lambda: print("atexit ran", flush=True))
from tm.cli import cli
cli(prog_name="tm")
"""


def _exit_run(how, args, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-c", _EXIT, how, *args], capture_output=True, env=env,
                          timeout=120, cwd=tmp_path)


def test_a_plain_match_ends_without_the_interpreters_finalization(memory, tmp_path):
    """The quick path ends with ``os._exit`` once its output is flushed (the finalization freed
    every module's objects one by one: ~7M instructions of a one-shot match); its output and
    exit status are whole, atexit callbacks still run, and a thread still running is waited
    for as the interpreter waits for it (then the usual exit). Click's path is left alone."""
    match = ["--db", str(memory), "match", "支持算力技术攻关和平台建设第7项", "--format", "json"]
    done = _exit_run("plain", match, tmp_path)
    assert done.returncode == 0 and done.stderr.decode() == "os._exit(0)\n"
    assert json.loads(done.stdout)[0]["zh"] == "支持算力技术攻关和平台建设第7项"
    done = _exit_run("plain", ["--db", str(memory), "match", "完全无关的句子"], tmp_path)
    assert done.returncode == 1 and done.stderr.decode() == "No match of 70% or more.\nos._exit(1)\n"
    done = _exit_run("plain", ["--db", str(memory), "search", "算力", "--format", "json"], tmp_path)
    assert done.returncode == 0 and done.stderr.decode() == "os._exit(0)\n" and len(json.loads(done.stdout)) == 20
    done = _exit_run("atexit", match, tmp_path)
    assert done.returncode == 0 and done.stdout.decode().endswith("]\natexit ran\n")
    assert done.stderr.decode() == "os._exit(0)\n"
    done = _exit_run("thread", match, tmp_path)
    assert done.returncode == 0 and done.stdout.decode().endswith("thread done\n") and not done.stderr
    done = _exit_run("plain", ["--db", str(memory), "match", "--help"], tmp_path)
    assert done.returncode == 0 and not done.stderr and b"Usage:" in done.stdout


def test_the_memory_is_closed_before_the_command_returns(memory, monkeypatch):
    """``match_rows`` and ``search_hits`` close the memory they opened (a one-shot command's
    exit no longer frees what is left open: tm.cli._leave)."""
    import sqlite3

    from tm.cli import common
    opened = []
    real = common.open_for_reading

    def spy(*args):
        opened.append(real(*args))
        return opened[-1]

    monkeypatch.setattr(common, "open_for_reading", spy)
    assert common.match_rows(str(memory), "支持算力技术攻关和平台建设第7项", None, 70.0, 5)[2]
    assert common.search_hits(str(memory), "算力", None, 5)
    assert len(opened) == 2
    for db in opened:
        with pytest.raises(sqlite3.ProgrammingError):
            db.conn.execute("SELECT 1")


def test_a_match_differing_in_digits_alone_adjusts_numbers_without_dataclasses(memory, tmp_path):
    """The number reader (a match that differs from the query in digits alone has its numbers
    adjusted) loads without :mod:`dataclasses` (inspect, ast, dis, tokenize: 6 ms of a
    one-shot match) and without the unit table's patterns, which QA alone reads."""
    import site
    path = os.pathsep.join([str(ROOT), *site.getsitepackages(), site.getusersitepackages()])
    code, out, err, modules = run("quick", ["--db", str(memory), "match", "支持算力技术攻关和平台建设第77项"], tmp_path,
                                  {"PYTHONPATH": path}, flags=("-S",))
    assert code == 0 and "tm.text.numbers" in modules, (out, err)
    assert "dataclasses" not in modules and "inspect" not in modules
    from tm.text import numbers
    numbers._unit_table.cache_clear()
    numbers.extract_numbers("第77项", "zh")
    assert numbers._unit_table.cache_info().currsize == 0      # no unit read, no unit table made
