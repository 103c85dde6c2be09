"""Never lose, never damage: the "data loss and damage" items of the red-team pass.

Each test reproduces one way the tools used to destroy or corrupt something (an output
path that was not a plain file, a pair name that collided, a legacy encoding read as
another, a typo that wiped state, two processes opening a new database at once, XLIFF
files overwriting each other) and checks that it no longer happens, through the real
commands.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from _procs import command, env, write_tmx
from conftest import PLAN_EN, PLAN_ZH
from glossary.cli import cli as glossary_cli
from tm.cli import cli as tm_cli


def tm(runner, *args, ok=True):
    result = runner.invoke(tm_cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def units(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT key, zh, en FROM units ORDER BY id").fetchall()
    finally:
        conn.close()


def small_tmx(path: Path, n: int = 5, tag: str = "t") -> Path:
    write_tmx(path, n, tag=tag)
    return path


# --- 1. an output path is written through, never replaced -------------------------------

def test_export_through_a_symlink_writes_its_target(runner, db_path, tmp_path):
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"))
    target = tmp_path / "real.tmx"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.tmx"
    link.symlink_to(target.name)
    tm(runner, "export", "-o", link)
    assert link.is_symlink() and os.readlink(link) == "real.tmx"
    assert target.read_text(encoding="utf-8").count("<tu ") == 5


def test_export_to_a_fifo_streams_into_it(runner, db_path, tmp_path):
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    tm(runner, "export", "--format", "tsv", "-o", fifo)
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)          # still a FIFO, not a regular file
    assert got and got[0].decode("utf-8").count("\n") == 6


def test_export_to_a_device_writes_it_as_a_stream(runner, db_path, tmp_path):
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"))
    before = os.stat(os.devnull)
    tm(runner, "export", "-o", os.devnull)
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_output_permissions_follow_the_umask_or_the_existing_file(runner, db_path, tmp_path):
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"))
    old = os.umask(0o027)
    try:
        tm(runner, "export", "-o", tmp_path / "new.tmx")
        existing = tmp_path / "existing.tsv"
        existing.write_text("x", encoding="utf-8")
        existing.chmod(0o604)
        tm(runner, "export", "--format", "tsv", "-o", existing)
        result = runner.invoke(glossary_cli, ["add", "算力", "--en", "computing power"])
        assert result.exit_code == 0, result.output
        result = runner.invoke(glossary_cli, ["export", "-o", str(tmp_path / "terms.tbx")])
        assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.tmx").st_mode) == 0o640
    assert stat.S_IMODE(os.stat(tmp_path / "terms.tbx").st_mode) == 0o640
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o604
    assert existing.read_text(encoding="utf-8").startswith("zh-CN\ten")


@pytest.mark.parametrize("tool", ["tm", "glossary"])
def test_output_naming_a_directory_is_one_clear_error(runner, db_path, tmp_path, tool):
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"))
    runner.invoke(glossary_cli, ["add", "算力", "--en", "computing power"])
    cli = tm_cli if tool == "tm" else glossary_cli
    result = runner.invoke(cli, ["export", "--format", "tsv", "-o", str(tmp_path)])
    assert (result.exit_code, result.output) == (2, f"Error: {tmp_path}: is a directory (give a file name)\n")


def _big_memory(tmp_path: Path, n: int = 60_000) -> Path:
    db = tmp_path / "big.db"
    src = small_tmx(tmp_path / "big.tmx", n, tag="big")
    subprocess.run(command("tm", "--db", db, "import", src), env=env(), check=True,
                   capture_output=True, timeout=600)
    return db


def _partials(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".zhen-tm-partial"))


def _start_export_and_wait_for_partial(db: Path, out: Path) -> subprocess.Popen:
    proc = subprocess.Popen(command("tm", "--db", db, "export", "--format", "tsv", "-o", out),
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if any(p.stat().st_size > 0 for p in out.parent.glob(f".{out.name}.*.zhen-tm-partial")):
            return proc
        time.sleep(0.005)
    proc.kill()
    pytest.fail("the export never started writing")


@pytest.mark.slow
def test_sigterm_during_export_leaves_the_old_file_and_no_temporary(tmp_path):
    db = _big_memory(tmp_path)
    out = tmp_path / "out" / "memory.tsv"
    out.parent.mkdir()
    out.write_text("the previous export\n", encoding="utf-8")
    proc = _start_export_and_wait_for_partial(db, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert err.strip() == f"Error: stopped by signal {int(signal.SIGTERM)}; nothing was left half-written"
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert _partials(out.parent) == []


@pytest.mark.slow
def test_sigkill_leaves_a_clearly_named_temporary_that_the_next_export_removes(tmp_path):
    db = _big_memory(tmp_path)
    out = tmp_path / "out" / "memory.tsv"
    out.parent.mkdir()
    proc = _start_export_and_wait_for_partial(db, out)
    proc.kill()
    proc.communicate(timeout=60)
    left = _partials(out.parent)
    assert left == [f".memory.tsv.{proc.pid}.zhen-tm-partial"]
    assert not out.exists()
    done = subprocess.run(command("tm", "--db", db, "export", "--format", "tsv", "-o", out), env=env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _partials(out.parent) == []
    assert out.read_text(encoding="utf-8").count("\n") == 60_001


# --- 2. pair names: the whole stem, and no silent replacement ---------------------------

def _plan_copy(tmp_path: Path, stem: str, extra: str = "") -> tuple[Path, Path]:
    zh, en = tmp_path / f"{stem}.zh.txt", tmp_path / f"{stem}.en.txt"
    zh.write_text(PLAN_ZH.read_text(encoding="utf-8")[:3000] + extra, encoding="utf-8")
    en.write_text(PLAN_EN.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    return zh, en


def test_pairs_named_by_the_whole_stem_do_not_collide(runner, db_path, tmp_path):
    a = _plan_copy(tmp_path, "report.2024")
    b = _plan_copy(tmp_path, "report.2025", extra="\n二〇二五年版。\n")
    tm(runner, "align", *a)
    before = units(db_path)
    tm(runner, "align", *b)
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM pairs ORDER BY name")]
    conn.close()
    assert names == ["report.2024", "report.2025"]
    assert [u for u in units(db_path) if u[0].startswith("report.2024:")] == before


def test_a_pair_holding_other_documents_is_kept_without_replace(runner, db_path, tmp_path):
    a = _plan_copy(tmp_path, "report.2024")
    b = _plan_copy(tmp_path, "report.2025", extra="\n二〇二五年版。\n")
    tm(runner, "align", *a)
    before = units(db_path)
    result = tm(runner, "align", *b, "--name", "report.2024", ok=False)
    assert (result.exit_code, result.output) == (2, "Error: a pair named 'report.2024' already holds other "
                                                    "documents (report.2024.zh.txt, report.2024.en.txt); choose "
                                                    "another name with --name, or replace it with --replace\n")
    assert units(db_path) == before
    tm(runner, "align", *a)                     # the same documents again: replaced, as before
    assert [u[1:] for u in units(db_path)] == [u[1:] for u in before]
    tm(runner, "align", *b, "--name", "report.2024", "--replace")
    assert units(db_path) != before


def test_align_does_not_replace_imported_units_of_the_same_name(runner, db_path, tmp_path):
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"), "--pair", "report")
    result = tm(runner, "align", *_plan_copy(tmp_path, "report"), ok=False)
    assert result.exit_code == 2 and "already holds imported units" in result.output
    assert len(units(db_path)) == 5


def test_realigning_a_pair_that_units_were_imported_into_keeps_them_unless_replace(runner, db_path, tmp_path):
    """`tm import --pair NAME` into an aligned pair, then `tm align` of the same documents:
    the re-alignment replaced the pair's units, the imported ones with them, and said
    nothing of it."""
    docs = _plan_copy(tmp_path, "report")
    tm(runner, "align", *docs)
    aligned = units(db_path)
    tm(runner, "import", small_tmx(tmp_path / "in.tmx"), "--pair", "report")
    before = units(db_path)
    assert len(before) == len(aligned) + 5
    result = tm(runner, "align", *docs, ok=False)
    assert (result.exit_code, result.output) == (2, "Error: the pair 'report' also holds 5 imported units "
                                                    "(tm import --pair), which re-aligning would remove; "
                                                    "replace them with --replace\n")
    assert units(db_path) == before
    tm(runner, "align", *docs, "--replace")
    assert len(units(db_path)) == len(aligned)


@pytest.mark.parametrize("name,expected", [
    ("report.2024.zh.txt", "report.2024"), ("report.2024_zh-CN.txt", "report.2024"),
    ("report.2024.txt", "report.2024"), ("plan.zh", "plan"), ("plan-zh.txt", "plan"),
    ("v1.2.3.md", "v1.2.3"), ("notes", "notes"), ("zh.txt", "zh"),
])
def test_default_pair_names(name, expected):
    from tm.memory.store import default_pair_name
    assert default_pair_name(name) == expected


# --- 5. a typo is an error, never an emptied file or a new database ---------------------

def test_a_mistyped_pair_is_an_error_and_changes_nothing(runner, db_path, tmp_path):
    tm(runner, "align", *_plan_copy(tmp_path, "plan"))
    result = runner.invoke(glossary_cli, ["extract"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db_path)
    usage = conn.execute("SELECT count(*) FROM glossary_usage").fetchone()[0]
    conn.close()
    assert usage > 0
    result = runner.invoke(glossary_cli, ["extract", "--pair", "typo"])
    assert (result.exit_code, result.output) == (2, "Error: no document pair named 'typo' (pairs: plan)\n")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM glossary_usage").fetchone()[0] == usage
    conn.close()
    existing = tmp_path / "existing.tmx"
    tm(runner, "export", "-o", existing)
    kept = existing.read_bytes()
    for args in (["export", "--pair", "typo", "-o", existing], ["review", "--pair", "typo"],
                 ["history", "--pair", "typo"]):
        result = tm(runner, *args, ok=False)
        assert (result.exit_code, result.output) == (2, "Error: no document pair named 'typo' (pairs: plan)\n")
    assert existing.read_bytes() == kept


@pytest.mark.parametrize("tool,args", [
    ("tm", ["stats"]), ("tm", ["match", "算力"]), ("tm", ["search", "算力"]), ("tm", ["review"]),
    ("tm", ["export"]), ("glossary", ["lookup", "算力"]), ("glossary", ["extract"]),
    ("glossary", ["export"]), ("glossary", ["check"]), ("glossary", ["approve", "算力"]),
])
def test_read_commands_refuse_a_missing_database(runner, tmp_path, tool, args):
    typo = tmp_path / "tpyo.db"
    cli = tm_cli if tool == "tm" else glossary_cli
    result = runner.invoke(cli, ["--db", str(typo), *args])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {typo}: no such database \u2014 create one with tm align or tm import\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("tool,args", [
    ("tm", ["stats"]), ("tm", ["match", "算力"]), ("tm", ["search", "算力"]), ("tm", ["export"]),
    ("glossary", ["lookup", "算力"]), ("glossary", ["export"]), ("tm", ["copy", "{db}", "{new}"]),
])
def test_read_commands_leave_an_empty_file_named_as_the_database_empty(runner, tmp_path, tool, args):
    """An empty file is a database to SQLite: a command that only reads (or tm copy's SRC)
    wrote this tool's schema into a file the user named by mistake (a document not yet
    written, a file made by mktemp), 221,184 bytes where there were none."""
    empty = tmp_path / "notes.tmx"
    empty.write_bytes(b"")
    cli = tm_cli if tool == "tm" else glossary_cli
    args = [a.format(db=empty, new=tmp_path / "new.db") for a in args]
    result = runner.invoke(cli, args if args[0] == "copy" else ["--db", str(empty), *args])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {empty}: an empty file, no such database yet \u2014 create one with tm align or tm import\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.tmx"] and empty.read_bytes() == b""


def _broken_tmx(path: Path) -> Path:
    """A TMX whose fourth unit is cut off: refused at that line, after the memory opened."""
    write_tmx(path, 6, tag="broken")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    unit = next(i for i, line in enumerate(lines) if "broken:0000003" in line)
    lines[unit] = lines[unit].replace("</seg></tuv></tu>", "</tuv></tu>", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _failing_first_commands(tmp_path: Path):
    zh, en = _plan_copy(tmp_path, "plan")
    bad_csv = tmp_path / "terms.csv"
    bad_csv.write_text("zh,en,status\n算力,computing power,approved\n康养,health,maybe\n", encoding="utf-8")
    return [(tm_cli, ["import", _broken_tmx(tmp_path / "broken.tmx")]),
            (tm_cli, ["align", en, zh]),                  # swapped: refused once the store is open
            (glossary_cli, ["import", bad_csv])]          # an unknown status on line 3


def test_a_failed_first_command_leaves_no_database(runner, tmp_path):
    """`tm --db new.db import broken.tmx` refused the file and left an empty new.db (the
    schema, or zero bytes) that the user never had."""
    commands = _failing_first_commands(tmp_path)
    inputs = sorted(p.name for p in tmp_path.iterdir())
    for cli, args in commands:
        new = tmp_path / "new.db"
        result = runner.invoke(cli, ["--db", str(new), *map(str, args)])
        assert result.exit_code == 2 and result.output.startswith("Error: "), (args, result.output)
        assert sorted(p.name for p in tmp_path.iterdir()) == inputs, (args, result.output)


def test_a_failed_command_keeps_the_database_that_was_there(runner, tmp_path):
    """Only a file the failed command created is removed: an empty file, or a database
    holding only the schema, that was there before stays as it was."""
    from tm import open_store
    empty, schema_only = tmp_path / "empty.db", tmp_path / "schema.db"
    empty.touch()
    open_store(schema_only).conn.close()
    before = schema_only.read_bytes()
    for cli, args in _failing_first_commands(tmp_path):
        for db in (empty, schema_only):
            result = runner.invoke(cli, ["--db", str(db), *map(str, args)])
            assert result.exit_code == 2, (args, result.output)
            assert db.exists(), (db, args)
    assert schema_only.exists() and empty.exists()
    conn = sqlite3.connect(schema_only)
    assert conn.execute("SELECT count(*) FROM units").fetchone() == (0,)
    conn.close()
    assert len(before) > 0


def test_a_write_to_a_database_removed_meanwhile_says_so(tmp_path):
    """A connection opened just before a failed command removed the (empty) database it had
    created cannot write to the removed file (SQLite refuses it); the message says what
    happened, not that the database is read-only."""
    import sys
    from tm.memory.db import explain
    if sys.version_info < (3, 11):
        pytest.skip("sqlite3's errors carry SQLite's error code from Python 3.11")
    path = tmp_path / "gone.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    path.unlink()
    with pytest.raises(sqlite3.DatabaseError) as info:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert str(explain(info.value, path)) == (
        f"{path}: the database file was removed while this command had it open (a failed command "
        f"removes a database it created): nothing was written; run the command again")


def test_a_failed_first_command_never_removes_what_another_command_stored(tmp_path):
    """A failed first import and a `glossary add` on the same new database at once: the
    failed command removes the file only while no other connection has it open and no
    table holds a row, so the entry added is always kept."""
    broken = _broken_tmx(tmp_path / "broken.tmx")
    for round_ in range(6):
        db = tmp_path / f"new{round_}.db"
        procs = [subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for cmd in (command("tm", "--db", db, "import", broken),
                             command("glossary", "--db", db, "add", "算力", "--en", "computing power"))]
        (imp, _, imp_err), (add, add_out, add_err) = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        assert imp == 2 and imp_err.startswith("Error: ") and "Traceback" not in imp_err, (round_, imp_err)
        assert add == 0 and add_err == "", (round_, add_out, add_err)
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT count(*) FROM glossary_entry WHERE zh = '算力'").fetchone() == (1,)
        conn.close()


# --- 6. concurrent first use of a new database -------------------------------------------

def test_concurrent_first_use_of_a_new_database(tmp_path):
    src = small_tmx(tmp_path / "in.tmx", 20)
    for round_ in range(6):
        db = tmp_path / f"new{round_}.db"
        procs = [subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for cmd in (command("tm", "--db", db, "import", src),
                             command("glossary", "--db", db, "add", "算力", "--en", "computing power"),
                             command("glossary", "--db", db, "lookup", "算力"))]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        for code, out, err in results[:2]:
            assert code == 0 and err == "", (round_, code, out, err)
        code, out, err = results[2]     # the lookup ran before, during or after the add
        assert "Traceback" not in err and code in (0, 1, 2), (round_, err)
        assert code == 0 or err == "" and out.startswith("No term matches") \
            or "no such database" in err, (round_, out, err)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM units").fetchone() == (20,)
        assert conn.execute("SELECT count(*) FROM glossary_entry WHERE zh = '算力'").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == \
            len({r for r in conn.execute("SELECT package, name FROM _migrations")})
        conn.close()


# --- 7. XLIFF directory export: one file per pair, no overwriting ------------------------

def test_xliff_directory_export_never_overwrites_a_pair(runner, db_path, tmp_path):
    for pair in ("team/a", "team_a", "memory", "Team_A"):
        tm(runner, "import", small_tmx(tmp_path / "in.tmx", 3, tag=pair), "--pair", pair)
    tm(runner, "import", small_tmx(tmp_path / "free.tmx", 2, tag="free"))
    out = tmp_path / "review"
    tm(runner, "export", "--format", "xliff", "-o", f"{out}/")
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 5 and len({f.casefold() for f in files}) == 5, files
    total = 0
    for f in files:
        text = (out / f).read_text(encoding="utf-8")
        total += text.count("<unit ")
    assert total == 14


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_sigterm_during_import_rolls_back_and_says_so(tmp_path, sig):
    """Ctrl-C (SIGINT) as well: not click's "Aborted!" with exit 1, which the README's table
    gives to a command that ran and found problems (`glossary check`, `glossary qa`)."""
    db = tmp_path / "m.db"
    small_tmx(tmp_path / "first.tmx", 10, tag="first")
    subprocess.run(command("tm", "--db", db, "import", tmp_path / "first.tmx"), env=env(), check=True,
                   capture_output=True, timeout=300)
    big = small_tmx(tmp_path / "big.tmx", 60_000, tag="big")
    from _procs import write_lock_held
    # the signal's default disposition in the command, whatever the test runner inherited:
    # under `nohup` SIGHUP is ignored, and tm rightly keeps it ignored (the import then ends
    # normally, exit 0), which is not what this test is about
    proc = subprocess.Popen(command("tm", "--db", db, "import", big), env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(sig, signal.SIG_DFL))
    deadline = time.time() + 120
    while not write_lock_held(db):
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline
        time.sleep(0.005)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, err
    assert err == f"Error: stopped by signal {int(sig)}; nothing was left half-written\n"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM units").fetchone() == (10,)
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.tmx", "first.tmx", "m.db"]


@pytest.mark.slow
def test_sigterm_during_a_first_import_leaves_no_database(tmp_path):
    """Stopped in its write transaction, a first import rolls back and removes the database
    file it created: the user is left with no database, as before the command."""
    db = tmp_path / "new.db"
    big = small_tmx(tmp_path / "big.tmx", 60_000, tag="big")
    from _procs import write_lock_held
    proc = subprocess.Popen(command("tm", "--db", db, "import", big), env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
    deadline = time.time() + 120
    while not (db.exists() and db.stat().st_size and write_lock_held(db)):    # not made by the test
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (128 + signal.SIGTERM, f"Error: stopped by signal {int(signal.SIGTERM)}; "
                                                             "nothing was left half-written\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.tmx"]
