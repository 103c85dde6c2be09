"""Crash safety: `kill -9` in the middle of `tm import` and `tm align`.

The real CLI runs in a real process; the test watches it until it is inside
its write transaction (another connection cannot take the write lock) and
has read part of its input (the file position in /proc/PID/fdinfo, where
Linux offers it), sends SIGKILL, and then checks the database as the next
user would find it: it opens, ``PRAGMA integrity_check`` says ok, and it
holds either everything from the interrupted run or nothing of it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from _procs import command, env, write_lock_held, write_tmx
from conftest import PLAN_EN, PLAN_ZH

def tm(*args) -> list[str]:
    return command("tm", *args)


def run_tm(*args, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(tm(*args), cwd=cwd, env=env(), capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --- watching the writer --------------------------------------------------------------

def read_position(pid: int, path: Path) -> int | None:
    """How far process ``pid`` has read ``path`` (Linux /proc); None where unknown."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                    with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                        return int(info.readline().split()[1])
            except OSError:
                continue
    except OSError:
        return None
    return None


def kill_when(proc: subprocess.Popen, ready, *, timeout: float = 240) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` is true; fail if it exits first."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "never reached the point to kill it"
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def check_database(db: Path) -> None:
    """What the next user finds: the file opens, passes integrity_check, and `tm` works."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def unit_rows(db: Path, where: str = "1", params=()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT key, zh, en FROM units WHERE {where} ORDER BY key", params).fetchall()


# --- tm import ------------------------------------------------------------------------

@pytest.fixture
def memory(tmp_path):
    """A memory holding one committed import of 1,000 units."""
    write_tmx(tmp_path / "first.tmx", 1000, tag="first")
    assert run_tm("--db", "m.db", "import", "first.tmx", cwd=tmp_path).returncode == 0
    return tmp_path


@pytest.mark.parametrize("point", [0.02, 0.5])
def test_kill_during_import_keeps_nothing_of_it(memory, point):
    """Killed while still reading its input, the import cannot have committed: nothing of it."""
    db, big = memory / "m.db", memory / "big.tmx"
    write_tmx(big, 100_000, tag="big")
    size = big.stat().st_size
    before = unit_rows(db)
    proc = subprocess.Popen(tm("--db", db, "import", big), cwd=memory, env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def ready():
        pos = read_position(proc.pid, big)
        if pos is None and not Path(f"/proc/{proc.pid}").exists():
            return write_lock_held(db)          # no /proc: kill once the transaction is open
        return pos is not None and pos >= size * point and write_lock_held(db)

    kill_when(proc, ready)
    check_database(db)
    assert unit_rows(db) == before
    # the memory is usable afterwards: the next import runs and adds every unit
    write_tmx(memory / "next.tmx", 1000, tag="next")
    result = run_tm("--db", db, "import", "next.tmx", cwd=memory)
    assert (result.returncode, result.stdout) == (
        0, "Imported 1000 units from next.tmx (tmx): 1000 added, 0 duplicates skipped.\n")
    check_database(db)
    assert len(unit_rows(db)) == len(before) + 1000


def test_kill_at_commit_keeps_all_or_nothing(memory):
    """Killed after the whole file is read (index flush and COMMIT under way): all or nothing."""
    db, big = memory / "m.db", memory / "big.tmx"
    write_tmx(big, 30_000, tag="big")
    size = big.stat().st_size
    before = unit_rows(db)
    proc = subprocess.Popen(tm("--db", db, "import", big), cwd=memory, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if not Path(f"/proc/{proc.pid}/fdinfo").exists():
        proc.kill()
        pytest.skip("needs /proc/PID/fdinfo to see when the input has been read")
    seen = {"pos": 0}

    def ready():
        pos = read_position(proc.pid, big)
        seen["pos"] = max(seen["pos"], pos or 0)
        # the file is closed once read: from then on only the index flush and COMMIT remain
        return seen["pos"] >= size - 65536 and pos is None

    try:
        kill_when(proc, ready)
    except AssertionError:
        if proc.returncode == 0:
            pytest.skip("the import finished between two polls; nothing to kill")
        raise
    check_database(db)
    after = unit_rows(db)
    assert len(after) in (len(before), len(before) + 30_000)
    assert set(before) <= set(after)
    if len(after) > len(before):                  # committed just in time: then completely
        assert {k for k, _, _ in after} - {k for k, _, _ in before} == {f"big:{i:07d}" for i in range(30_000)}


# --- tm align -------------------------------------------------------------------------

def big_documents(directory: Path, copies: int) -> tuple[Path, Path]:
    """The plan repeated ``copies`` times (each copy numbered), as one long document pair."""
    zh, en = PLAN_ZH.read_text(encoding="utf-8"), PLAN_EN.read_text(encoding="utf-8")
    zh_path, en_path = directory / "big.zh.txt", directory / "big.en.txt"
    zh_path.write_text("\n\n".join(f"第{i + 1}部分\n\n{zh}" for i in range(copies)), encoding="utf-8")
    en_path.write_text("\n\n".join(f"Part {i + 1}\n\n{en}" for i in range(copies)), encoding="utf-8")
    return zh_path, en_path


def test_kill_during_align_keeps_the_old_alignment_or_the_whole_new_one(tmp_path):
    db = tmp_path / "m.db"
    result = run_tm("--db", db, "align", PLAN_ZH, PLAN_EN, "--name", "doc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    write_tmx(tmp_path / "other.tmx", 500, tag="other")
    assert run_tm("--db", db, "import", "other.tmx", cwd=tmp_path).returncode == 0
    old = unit_rows(db, "key LIKE 'doc:%'")
    other = unit_rows(db, "key NOT LIKE 'doc:%'")
    assert old and len(other) == 500

    zh_path, en_path = big_documents(tmp_path, 6)
    proc = subprocess.Popen(tm("--db", db, "align", zh_path, en_path, "--name", "doc", "--replace"), cwd=tmp_path,
                            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    kill_when(proc, lambda: write_lock_held(db))       # store_alignment's transaction is open
    check_database(db)
    after = unit_rows(db, "key LIKE 'doc:%'")
    assert unit_rows(db, "key NOT LIKE 'doc:%'") == other

    # run it to the end: the reference for "everything", and proof the memory is usable
    result = run_tm("--db", db, "align", zh_path, en_path, "--name", "doc", "--replace", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    check_database(db)
    complete = unit_rows(db, "key LIKE 'doc:%'")
    assert len(complete) > len(old)
    assert after in (old, complete)
    with sqlite3.connect(db) as conn:     # the old documents were replaced, not duplicated
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
