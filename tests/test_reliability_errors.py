"""One line instead of a traceback, and the access cases: the machine's errors (disk full,
read-only or damaged database, another program's or a newer version's database), bad
arguments (not UTF-8, nan), closed stdout, endless or huge input, read-only media, pipes,
FIFOs and standard input, a non-UTF-8 stdout encoding, jieba's cache.

Everything runs the real commands in real processes (``_procs.command``) and asserts the
exit code, exactly one ``Error: …`` line on stderr, no ``Traceback``, and what is on disk.
Disk-full and read-only-media cases mount a small tmpfs (root; CI runs as root).
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sqlite3
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from _procs import command, env, write_tmx
from conftest import IN_CI, PLAN_EN, PLAN_ZH, need

TIMEOUT = 300


def run(tool: str, *args, cwd: Path | None = None, stdin=None, extra_env: dict | None = None,
        timeout: float = TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
    argv = command(tool) + [a if isinstance(a, bytes) else str(a) for a in args]   # bytes stay bytes
    result = subprocess.run(argv, cwd=cwd, env={**env(), **(extra_env or {})},
                            input=stdin, capture_output=True, timeout=timeout, **kwargs)
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    return result


def one_error(result: subprocess.CompletedProcess, expected: str | None = None, *, code: int = 2,
              usage: bool = False) -> str:
    """The one ``Error: …`` line of a failed command (``usage``: after click's usage lines,
    as for any bad option)."""
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, (result.returncode, err)
    lines = err.splitlines()
    if usage:
        assert lines[0].startswith("Usage: ") and len(lines) == 4, err
        lines = lines[3:]
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    if expected is not None:
        assert lines[0] == f"Error: {expected}", lines[0]
    return lines[0]


def integrity(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        conn.execute("SELECT 1 FROM sqlite_master").fetchall()
    except sqlite3.OperationalError:        # read-only media: no WAL index can be made
        conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM units").fetchone()[0])
    finally:
        conn.close()


@contextlib.contextmanager
def tmpfs(size: str):
    """A fresh tmpfs of ``size`` (root only; skipped elsewhere, required in CI)."""
    path = Path(f"/tmp/zhen-tm-test-{uuid.uuid4().hex[:8]}")
    path.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True).returncode == 0
    if not mounted:
        path.rmdir()
        need(False, "mounting a tmpfs (root) for disk-full and read-only media tests")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
        path.rmdir()


def fill(directory: Path) -> None:
    """Use up every free byte of the file system of ``directory``."""
    # Unbuffered: a buffered file keeps the part of the last write that did not fit and
    # raises ENOSPC again when it is closed.
    with open(directory / "filler", "wb", buffering=0) as fh:
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * (1 << 16))


def no_partials(directory: Path) -> None:
    assert [p.name for p in directory.iterdir() if "zhen-tm-partial" in p.name] == []


# --- disk full ---------------------------------------------------------------------------

def test_disk_full_is_one_line_and_the_database_stays_whole(tmp_path):
    small = tmp_path / "small.tmx"
    write_tmx(small, 50, tag="s")
    big = tmp_path / "big.tmx"
    write_tmx(big, 20_000, tag="b")
    elsewhere = tmp_path / "elsewhere.db"
    assert run("tm", "--db", elsewhere, "import", small).returncode == 0
    with tmpfs("3m") as disk:
        db = disk / "tm.db"
        assert run("tm", "--db", db, "import", small).returncode == 0
        assert run("glossary", "--db", db, "add", "算力", "--en", "computing power").returncode == 0
        fill(disk)
        line = one_error(run("tm", "--db", db, "import", big))
        assert line in (f"Error: {db}: disk full: nothing was written",
                        f"Error: {db}: disk I/O error: nothing was written"), line
        one_error(run("tm", "--db", db, "align", PLAN_ZH, PLAN_EN))
        one_error(run("glossary", "--db", db, "extract"))
        out = disk / "out.tmx"
        one_error(run("tm", "--db", elsewhere, "export", "-o", out),
                  f"{out}: cannot write: No space left on device")
        assert not out.exists()
        no_partials(disk)
        # space again: the database is whole, holds what it held, and works
        (disk / "filler").unlink()
        assert integrity(db) == ("ok", 50)
        assert run("tm", "--db", db, "import", small).returncode == 0
        assert integrity(db) == ("ok", 50)


# --- read-only database, read-only media -------------------------------------------------

def test_read_only_media_can_be_queried_and_writes_are_one_line(tmp_path):
    src = tmp_path / "in.tmx"
    write_tmx(src, 30, tag="r")
    with tmpfs("20m") as disk:
        db = disk / "tm.db"
        assert run("tm", "--db", db, "import", src).returncode == 0
        assert run("glossary", "--db", db, "add", "算力", "--en", "computing power").returncode == 0
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        stats = run("tm", "--db", db, "stats", "--format", "json")
        assert stats.returncode == 0 and b'"units"' in stats.stdout
        assert run("tm", "--db", db, "search", "算力").returncode == 0
        assert run("tm", "--db", db, "match", "支持算力技术攻关和平台建设第1项，推动人工智能与实体经济深度融合。").returncode == 0
        assert run("glossary", "--db", db, "lookup", "算力").returncode == 0
        assert run("tm", "--db", db, "export", "--format", "tsv").stdout.count(b"\n") == 31
        write_tmx(tmp_path / "new.tmx", 3, tag="new")
        one_error(run("tm", "--db", db, "import", tmp_path / "new.tmx"),
                  f"{db}: the database is read-only (a read-only file or medium): nothing was written")
        one_error(run("glossary", "--db", db, "add", "康养", "--en", "health and wellness"))
        assert integrity(db) == ("ok", 30)


# --- databases that are not ours, newer or damaged ---------------------------------------

def test_another_programs_database_with_a_migrations_table_is_refused_untouched(tmp_path, tmp_path_factory):
    # a file tm import reads without complaint, so that the database is what it refuses
    # (it starts reading before it opens the database)
    units = tmp_path_factory.mktemp("input") / "units.tmx"
    write_tmx(units, 50, tag="other")
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT, run_at TEXT)")
    conn.execute("INSERT INTO _migrations (name, run_at) VALUES ('0001_users', 'yesterday')")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for tool, args in (("tm", ["stats"]), ("tm", ["import", units]), ("glossary", ["add", "算力", "--en", "x"])):
        one_error(run(tool, "--db", db, *args),
                  f"{db}: an SQLite database that was not made by this tool (tables: _migrations, users)")
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_an_application_id_of_another_program_is_refused(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    one_error(run("tm", "--db", db, "stats"),
              f"{db}: an SQLite database of another application (application_id 0x4d2), not made by this tool")


def test_ours_is_marked_and_a_newer_version_is_refused_with_the_versions(tmp_path):
    from tm import __version__
    from tm.memory.db import APPLICATION_ID, LAYOUT_VERSION
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="v")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LAYOUT_VERSION
    conn.execute("INSERT INTO _migrations VALUES ('tm', '9999_from_the_future', 'x')")
    conn.commit()
    conn.close()
    one_error(run("tm", "--db", db, "stats"),
              f"{db}: written by a newer version of zhen-tm (migration tm/9999_from_the_future is "
              f"unknown to zhen-tm {__version__}): upgrade zhen-tm")
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM _migrations WHERE name = '9999_from_the_future'")
    conn.execute(f"PRAGMA user_version = {LAYOUT_VERSION + 1}")
    conn.commit()
    conn.close()
    one_error(run("tm", "--db", db, "search", "算力"),
              f"{db}: written by a newer version of zhen-tm (database layout {LAYOUT_VERSION + 1}; "
              f"this is zhen-tm {__version__}, which reads layout {LAYOUT_VERSION}): upgrade zhen-tm")


def test_a_database_of_an_earlier_version_without_the_mark_is_accepted_and_marked(tmp_path):
    from tm.memory.db import APPLICATION_ID
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="v")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    assert run("tm", "--db", db, "stats").returncode == 0
    assert run("glossary", "--db", db, "add", "算力", "--en", "computing power").returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_damaged_database_is_one_line(tmp_path):
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 300, tag="c")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page, count = conn.execute("PRAGMA page_size").fetchone()[0], conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:
        for n in range(2, count):
            fh.seek(n * page + 8)
            fh.write(b"\xff" * 64)
    for tool, args in (("tm", ["stats"]), ("tm", ["search", "算力"]), ("tm", ["import", tmp_path / "in.tmx"]),
                       ("glossary", ["lookup", "算力"])):
        line = one_error(run(tool, "--db", db, *args))
        assert line.startswith(f"Error: {db}: ") and "damaged" in line, line


# --- arguments ---------------------------------------------------------------------------

@pytest.mark.parametrize("tool,args,option", [
    ("tm", ["align", PLAN_ZH, PLAN_EN, "--name", b"\xff\xfe"], "'--name'"),
    ("glossary", ["add", b"\xff", "--en", "x"], "'ZH'"),
    ("glossary", ["lookup", b"\xff"], "'QUERY'"),
    ("tm", ["review", "--pair", b"\xff"], "'--pair'"),
    ("tm", ["search", b"\xe7\xae"], "'QUERY'"),
])
def test_arguments_that_are_not_utf8_are_a_usage_error(tmp_path, tool, args, option):
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="a")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    line = one_error(run(tool, "--db", db, *args), usage=True)
    assert line.startswith(f"Error: Invalid value for {option}: not valid UTF-8: b'"), line
    assert integrity(db) == ("ok", 3)


def test_a_long_argument_that_is_not_utf8_is_shown_around_its_first_bad_byte(tmp_path):
    """A page pasted as TEXT and cut inside a character: the line held the repr of all of it."""
    page = Path(PLAN_ZH).read_bytes()[:1500]          # 1,500 bytes end inside a character
    line = one_error(run("tm", "--db", tmp_path / "tm.db", "match", page), usage=True)
    assert line.startswith("Error: Invalid value for 'TEXT': not valid UTF-8: …b'") and len(line) < 200, line
    assert line.endswith(f"(at byte 1499 of 1500)"), line


def test_file_names_that_are_not_utf8_work(tmp_path):
    db = tmp_path / "tm.db"
    zh, en = tmp_path / os.fsdecode(b"plan\xff.zh.txt"), tmp_path / os.fsdecode(b"plan\xff.en.txt")
    zh.write_text(PLAN_ZH.read_text(encoding="utf-8")[:1500], encoding="utf-8")
    en.write_text(PLAN_EN.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    result = run("tm", "--db", db, "align", zh, en)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name FROM pairs").fetchall() == [("plan\ufffd",)]
    conn.close()
    tmx = tmp_path / os.fsdecode(b"mem\xfe.tmx")
    write_tmx(tmx, 2, tag="n")
    assert run("tm", "--db", db, "import", tmx).returncode == 0
    out = tmp_path / os.fsdecode(b"out\xfe.tsv")
    assert run("tm", "--db", db, "export", "--format", "tsv", "-o", out).returncode == 0
    assert out.exists()


def test_database_names_that_are_not_utf8_work(tmp_path):
    """A --db (or tm copy SRC/DST) name that is not UTF-8: tm stats, glossary lookup and the
    reading of any existing database raised UnicodeEncodeError (the name quoted into an
    SQLite URI), tm copy refused SRC as 'not valid UTF-8' and then raised 'Could not decode
    to UTF-8 column file' (SQLite's own list of its files)."""
    db = tmp_path / os.fsdecode(b"mem\xff.db")
    write_tmx(tmp_path / "in.tmx", 3, tag="u")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    for tool, args in (("tm", ["stats"]), ("glossary", ["lookup", "算力"]), ("tm", ["warm"]),
                       ("tm", ["import", tmp_path / "in.tmx"])):
        result = run(tool, "--db", db, *args)
        assert result.returncode in (0, 1), result.stderr
    copy = tmp_path / os.fsdecode(b"copy\xfe.db")
    assert run("tm", "copy", db, copy).returncode == 0
    assert integrity(copy) == ("ok", 3)
    one_error(run("tm", "copy", db, db), "SRC and DST are the same database; copy into a new database")


def test_a_file_name_that_is_not_utf8_is_shown_one_way_everywhere(tmp_path):
    """Its bytes were shown two ways, by the message's path: U+FFFD (click.format_filename:
    tm import, tm align's notes, tm export) or \\udcff (stderr's backslashreplace: errors the
    readers raise, glossary import), or the raw byte on stdout (glossary import's summary).
    Now the byte as an escape, \\xff, in every line (tm.cli.common.file_name, one_line)."""
    good, bad = os.fsdecode(b"g\xff.tsv"), os.fsdecode(b"bad\xfe.tsv")
    (tmp_path / good).write_text("zh\ten\n算力\tcomputing power\n", encoding="utf-8")
    (tmp_path / bad).write_text("zh\ten\n人工智能\n", encoding="utf-8")
    db = tmp_path / "tm.db"
    lines = [run("tm", "--db", db, "import", good, cwd=tmp_path).stdout,
             run("glossary", "--db", db, "import", good, cwd=tmp_path).stdout]
    assert [line.decode().splitlines()[0] for line in lines] == [
        "Imported 1 units from g\\xff.tsv (tsv): 1 added, 0 duplicates skipped.",
        "g\\xff.tsv: 1 added, 0 merged (1 rows read)."]
    for tool, args in (("tm", ["import"]), ("glossary", ["qa"])):
        one_error(run(tool, "--db", db, *args, bad, cwd=tmp_path),
                  "bad\\xfe.tsv:2: 1 cells, but the header has 2 columns")
    one_error(run("glossary", "--db", db, "import", bad, cwd=tmp_path),
              "bad\\xfe.tsv:2: expected 2 cells, found 1")
    one_error(run("tm", "--db", db, "import", os.fsdecode(b"gone\xfd.tmx"), cwd=tmp_path),
              "gone\\xfd.tmx: cannot open: No such file or directory")
    zh = os.fsdecode(b"plan\xfa.zh.txt")
    (tmp_path / zh).write_bytes(PLAN_ZH.read_text(encoding="utf-8")[:1500].encode("gb18030"))
    (tmp_path / "plan.en.txt").write_text(PLAN_EN.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    result = run("tm", "--db", db, "align", "--no-store", "--model", "none", zh, "plan.en.txt",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "note: read plan\\xfa.zh.txt as GB18030\n" in result.stderr.decode(), result.stderr


def test_a_file_name_with_a_line_break_is_one_error_line(tmp_path):
    """The error line quoted the name as it is: a name with a line break (or an escape
    sequence) made two lines (or coloured the terminal)."""
    bad = tmp_path / "two\nlines\x1b[31m.tsv"
    bad.write_text("zh\ten\n人工智能\n", encoding="utf-8")
    shown = str(bad).replace("\n", "\\n").replace("\x1b", "\\x1b")
    one_error(run("tm", "--db", tmp_path / "tm.db", "import", bad),
              f"{shown}:2: 1 cells, but the header has 2 columns")
    one_error(run("glossary", "--db", tmp_path / "tm.db", "qa", bad),
              f"{shown}:2: 1 cells, but the header has 2 columns")
    one_error(run("glossary", "--db", tmp_path / "tm.db", "import", bad), f"{shown}:2: expected 2 cells, found 1")
    assert not (tmp_path / "tm.db").exists()


def test_a_fifo_or_device_named_as_the_database_is_refused_not_waited_on(tmp_path):
    """SQLite opened a FIFO nobody writes into and waited forever (tm stats, tm import,
    glossary lookup, tm copy SRC); /dev/null was taken for an empty database."""
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    write_tmx(tmp_path / "in.tmx", 2, tag="p")
    for name in (fifo, Path("/dev/null")):
        why = f"{name}: not a regular file (a FIFO, device or socket), not a database file"
        for tool, args in (("tm", ["stats"]), ("tm", ["import", tmp_path / "in.tmx"]),
                           ("glossary", ["lookup", "算力"])):
            one_error(run(tool, "--db", name, *args, timeout=60), why)
        one_error(run("tm", "copy", name, tmp_path / "copy.db", timeout=60), why)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo.db", "in.tmx"]


def test_a_damaged_source_of_tm_copy_is_named_not_the_destination(tmp_path):
    """The source's damaged pages were read inside the destination's transaction, whose
    error handling named the destination: `DST: the database file is damaged`."""
    src = tmp_path / "src.db"
    write_tmx(tmp_path / "in.tmx", 300, tag="s")
    assert run("tm", "--db", src, "import", tmp_path / "in.tmx").returncode == 0
    conn = sqlite3.connect(src)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    # a page of the units' table, not of the schema (the opening reads that)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'units'").fetchone()[0]
    conn.close()
    with open(src, "r+b") as fh:
        fh.seek((root - 1) * page)
        fh.write(bytes(range(256)) * (page // 256))
    line = one_error(run("tm", "copy", src, tmp_path / "dst.db"))
    assert line.startswith(f"Error: {src}: ") and "damaged" in line, line
    assert not (tmp_path / "dst.db").exists()


@pytest.mark.parametrize("args", [["match", "算力", "--min", "nan"], ["review", "--below", "nan"],
                                  ["align", PLAN_ZH, PLAN_EN, "--review-below", "inf"]])
def test_nan_and_inf_are_usage_errors(tmp_path, args):
    line = one_error(run("tm", "--db", tmp_path / "tm.db", *args), usage=True)
    assert "is not a number this option takes" in line, line


@pytest.mark.parametrize("tool, args", [("tm", ["undo", "99999999999999999999999"]),
                                        ("tm", ["history", "--limit", "99999999999999999999999"]),
                                        ("tm", ["review", "--limit", "99999999999999999999999"])])
def test_an_integer_beyond_64_bits_is_a_usage_error(tmp_path, tool, args):
    """It reached the database: OverflowError, a traceback."""
    write_tmx(tmp_path / "in.tmx", 3, tag="i")
    assert run("tm", "--db", tmp_path / "tm.db", "import", tmp_path / "in.tmx").returncode == 0
    line = one_error(run(tool, "--db", tmp_path / "tm.db", *args), usage=True)
    assert line.endswith("9999999 is too large"), line


def test_beads_naming_a_directory_fails_before_anything_is_stored(tmp_path):
    db = tmp_path / "tm.db"
    (tmp_path / "beads").mkdir()
    one_error(run("tm", "--db", db, "align", PLAN_ZH, PLAN_EN, "--beads", tmp_path / "beads"),
              f"{tmp_path / 'beads'}: is a directory (give a file name)")
    assert not db.exists()


@pytest.mark.parametrize("args", [
    ["tm", "import", "{bad}"], ["tm", "align", "{bad}", PLAN_EN], ["tm", "align", PLAN_ZH, "{bad}"],
    ["glossary", "import", "{bad}"], ["glossary", "check", "{bad}"],
    ["glossary", "pipeline", "{pair}", "-o", "{out}", "--glossary", "{bad}"],
])
@pytest.mark.parametrize("bad, why", [("folder.tmx", "cannot open: is a directory, not a file"),
                                      ("missing.tsv", None)])
def test_a_file_argument_that_is_a_directory_or_missing_is_one_line_naming_it(tmp_path, args, bad, why):
    """A directory, a missing or an unreadable file where a file is read: the reader's one
    line, as every other reading command (glossary qa, tm import of a pipe). click's own
    checks of these arguments gave three lines of usage and `Invalid value for 'PATH': File
    '…' is a directory` (or `is not readable`, `does not exist`)."""
    (tmp_path / "folder.tmx").mkdir()
    (tmp_path / "pair").mkdir()
    for side, src in (("zh", PLAN_ZH), ("en", PLAN_EN)):
        (tmp_path / "pair" / f"p.{side}.txt").write_bytes(Path(src).read_bytes())
    db, bad_path = tmp_path / "tm.db", tmp_path / bad
    kept = ["folder.tmx", "pair"]
    if args[1] == "check":          # reads its files against a term base
        assert run("glossary", "--db", db, "add", "算力", "--en", "computing power").returncode == 0
        kept = sorted(p.name for p in tmp_path.iterdir())
    argv = [str(a).format(bad=bad_path, pair=tmp_path / "pair", out=tmp_path / "out") for a in args]
    line = one_error(run(argv[0], "--db", db, *argv[1:]))
    assert line.startswith(f"Error: {bad_path}: ") and (why is None or line.endswith(why)), line
    assert sorted(p.name for p in tmp_path.iterdir()) == kept


def test_check_reads_its_files_before_it_extracts(tmp_path):
    """`glossary check FILE` on a memory not extracted yet stored the extraction's
    candidates and then failed on FILE: an error that had written to the database."""
    db = tmp_path / "tm.db"
    assert run("tm", "--db", db, "align", PLAN_ZH, PLAN_EN, "--model", "none").returncode == 0
    one_error(run("glossary", "--db", db, "check", tmp_path / "missing.en.txt"))
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ("glossary_entry", "glossary_usage"):
            assert table not in tables or not conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("name, why", [("missing", "no such directory"), ("a.txt", "not a directory")])
def test_a_pipeline_directory_that_is_none_is_one_line_naming_it(tmp_path, name, why):
    """click's check of DIRECTORY printed its usage and `Invalid value for 'DIRECTORY'`."""
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    one_error(run("glossary", "--db", tmp_path / "tm.db", "pipeline", tmp_path / name, "-o", tmp_path / "out"),
              f"{tmp_path / name}: {why}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_closed_stdout_is_one_line(tmp_path):
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="o")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    for tool, args in (("tm", ["stats"]), ("tm", ["export"]), ("glossary", ["export"])):
        argv = shlex.join(command(tool, "--db", db, *args))
        result = subprocess.run(["bash", "-c", f"{argv} >&-"], env=env(), capture_output=True, timeout=TIMEOUT)
        assert result.returncode == 2, result.stderr
        assert result.stderr.decode() == "Error: standard output is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_output_that_fails_to_write_is_named(tmp_path):
    """/dev/full as -o (a device: written in place) and as standard output: each write
    fails with ENOSPC, which has no file name of its own. The line said only `No space
    left on device`; it names the output now."""
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="f")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    assert run("glossary", "--db", db, "add", "算力", "--en", "computing power").returncode == 0
    for tool, args in (("tm", ["export", "-o", "/dev/full"]),
                       ("glossary", ["export", "--format", "csv", "-o", "/dev/full"]),
                       ("tm", ["align", PLAN_ZH, PLAN_EN, "--no-store", "--beads", "/dev/full"])):
        one_error(run(tool, "--db", db, *args), "/dev/full: cannot write: No space left on device")
    for tool, args in (("tm", ["stats"]), ("tm", ["export"]), ("glossary", ["export", "--format", "csv"]),
                       ("glossary", ["lookup", "算力"])):
        argv = shlex.join(command(tool, "--db", db, *args))
        result = subprocess.run(["bash", "-c", f"{argv} > /dev/full"], env=env(), capture_output=True,
                                timeout=TIMEOUT)
        assert result.returncode == 2, result.stderr
        assert result.stderr.decode() == "Error: standard output: cannot write: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_output_that_fails_after_the_change_was_committed_says_the_change_stays(tmp_path):
    """`tm import > /dev/full` stored the units, then could not print its summary, and said
    `Error: …` as if nothing had been done; so did `tm align --beads` on a full disk, which
    stores the pair first. The line now says the change was committed."""
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="c")
    stays = f" (its write to {db} was committed before the output failed, and stays)"
    argv = shlex.join(command("tm", "--db", db, "import", tmp_path / "in.tmx"))
    result = subprocess.run(["bash", "-c", f"{argv} > /dev/full"], env=env(), capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 2
    assert result.stderr.decode() == f"Error: standard output: cannot write: No space left on device{stays}\n"
    counts = {r["what"]: r["count"] for r in json.loads(run("tm", "--db", db, "stats", "--format", "json").stdout)}
    assert counts["units"] == 3
    one_error(run("tm", "--db", db, "align", PLAN_ZH, PLAN_EN, "--model", "none", "--beads", "/dev/full"),
              f"/dev/full: cannot write: No space left on device{stays}")
    assert b"tianjin" in run("tm", "--db", db, "pairs").stdout


def test_an_output_that_is_the_database_itself_is_refused_before_any_work(tmp_path):
    """`tm export -o tm.db` renamed a TMX over the memory it exported (the units, the term
    base and the history gone); likewise `glossary export` and `tm align --beads`. The output
    is refused before anything is written, through a symbolic link and the journal too."""
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="d")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    (tmp_path / "link.tmx").symlink_to(db)
    for tool, args, out in (("tm", ["export", "-o", db], db),
                            ("tm", ["export", "-o", tmp_path / "link.tmx"], tmp_path / "link.tmx"),
                            ("tm", ["export", "-o", f"{db}-wal"], f"{db}-wal"),
                            ("glossary", ["export", "--format", "csv", "-o", db], db),
                            ("tm", ["align", PLAN_ZH, PLAN_EN, "--beads", db], db)):
        one_error(run(tool, "--db", db, *args),
                  f"{out}: is the database this command reads ({db}); give the output another name")
        assert integrity(db) == ("ok", 3)


# --- endless and huge input --------------------------------------------------------------

@pytest.mark.parametrize("tool,args", [
    ("tm", ["import", "--format", "tsv", "/dev/zero"]),
    ("tm", ["import", "--format", "tmx", "/dev/zero"]),
    ("tm", ["align", "/dev/zero", PLAN_EN]),
    ("glossary", ["import", "/dev/zero"]),
    ("glossary", ["qa", "--zh", "/dev/zero", "--en", PLAN_EN]),
])
def test_dev_zero_is_refused_quickly(tmp_path, tool, args):
    result = run(tool, "--db", tmp_path / "tm.db", *args)
    line = one_error(result)
    assert "/dev/zero" in line and ("NUL" in line or "longer than" in line or "control character" in line), line
    if (tmp_path / "tm.db").exists():
        assert integrity(tmp_path / "tm.db") == ("ok", 0)


def test_an_endless_single_line_is_refused_in_bounded_time(tmp_path):
    producer = subprocess.Popen(["yes", "算力"], stdout=subprocess.PIPE)
    try:
        tr = subprocess.Popen(["tr", "-d", "\\n"], stdin=producer.stdout, stdout=subprocess.PIPE)
        result = subprocess.run(command("tm", "--db", tmp_path / "tm.db", "align", "-", PLAN_EN),
                                stdin=tr.stdout, env=env(), capture_output=True, timeout=120)
    finally:
        producer.kill()
    line = one_error(result)
    assert line == "Error: <stdin>:1: line longer than 1000000 characters", line


# --- pipes, FIFOs, standard input --------------------------------------------------------

def test_pipes_fifos_and_stdin_are_read_once(tmp_path):
    db = tmp_path / "tm.db"
    tmx = tmp_path / "in.tmx"
    write_tmx(tmx, 4, tag="p")
    tsv = tmp_path / "terms.tsv"
    tsv.write_text("zh\ten\n算力\tcomputing power\n康养\thealth and wellness\n", encoding="utf-8")
    # process substitution: a pipe named /dev/fd/N
    result = subprocess.run(["bash", "-c", shlex.join(command("tm", "--db", db, "import"))
                             + f" <(cat {shlex.quote(str(tmx))})"], env=env(), capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    result = subprocess.run(["bash", "-c", shlex.join(command("glossary", "--db", db, "import"))
                             + f" <(cat {shlex.quote(str(tsv))})"], env=env(), capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert b"2 added" in result.stdout
    # a FIFO with a writer
    fifo = tmp_path / "fifo.tsv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text("zh-CN\ten\n人工智能\tartificial intelligence\n",
                                                             encoding="utf-8"))
    writer.start()
    assert run("tm", "--db", db, "import", fifo).returncode == 0
    writer.join(10)
    # standard input
    write_tmx(tmp_path / "stdin.tmx", 4, tag="q")
    assert run("tm", "--db", db, "import", "-", stdin=(tmp_path / "stdin.tmx").read_bytes()).returncode == 0
    assert integrity(db) == ("ok", 9)
    result = run("tm", "--db", db, "align", "-", PLAN_EN, "--no-store", stdin=PLAN_ZH.read_bytes())
    assert result.returncode == 0, result.stderr


def test_errors_about_a_stream_name_the_stream_not_a_private_copy(tmp_path):
    db = tmp_path / "tm.db"
    result = run("glossary", "--db", db, "import", "-", stdin="zh\ten\n软件\n".encode())
    assert one_error(result) == "Error: <stdin>:2: expected 2 cells, found 1"
    result = run("glossary", "--db", db, "import", "-", stdin="zh\ten\n软件\tsoftware\n".encode())
    assert result.returncode == 0 and result.stdout.startswith(b"<stdin>: 1 added"), result.stdout


def test_xml_to_stdout_is_utf8_whatever_pythonioencoding_says(tmp_path):
    db = tmp_path / "tm.db"
    write_tmx(tmp_path / "in.tmx", 3, tag="g")
    assert run("tm", "--db", db, "import", tmp_path / "in.tmx").returncode == 0
    assert run("glossary", "--db", db, "add", "算力", "--en", "computing power").returncode == 0
    for tool, args in (("tm", ["export"]), ("tm", ["export", "--format", "xliff"]),
                       ("glossary", ["export"]), ("tm", ["stats", "--format", "json"])):
        result = run(tool, "--db", db, *args, extra_env={"PYTHONIOENCODING": "gbk"})
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode("utf-8")        # UTF-8, not GBK
        assert "算力" in text or "units" in text


# --- jieba's cache -----------------------------------------------------------------------

def test_jieba_cache_is_private_not_the_shared_tmpdir(tmp_path, monkeypatch):
    import marshal

    from glossary.extract import zh
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    with open(shared / "jieba.cache", "wb") as fh:     # what another user could plant
        marshal.dump(({"算": 1, "算力": 1}, 2), fh)
    monkeypatch.setenv("TMPDIR", str(shared))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    zh.private_cache_dir.cache_clear()
    zh._jieba_tables.cache_clear()
    try:
        freq, total, _ = zh._jieba_tables()
        assert len(freq) > 100_000 and total > 2
        cache = tmp_path / "cache" / "zhen-tm" / "jieba"
        assert cache.is_dir() and (os.stat(cache).st_mode & 0o077) == 0
    finally:
        zh.private_cache_dir.cache_clear()
        zh._jieba_tables.cache_clear()
