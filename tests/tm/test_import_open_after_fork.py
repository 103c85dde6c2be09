"""tm import starts the file's reader process before it opens the memory (imports of
sqlite-utils and numpy, the schema of a new memory): the reader parses meanwhile.
``import_file`` takes the database or a function that opens it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tm.exchange import import_file
from tm.memory.store import iter_units, open_store
from tm.parallel import can_fork

ROOT = Path(__file__).resolve().parents[2]
TRICKY = ROOT / "tests" / "golden" / "formats" / "tricky.tmx"

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")


def texts(db):
    return [(u.key, u.zh, u.en, u.props, u.codes) for u in iter_units(db)]


def reaped(pid: int) -> bool:
    """The child ``pid`` has ended and been waited for (not running, not a zombie). Only
    this child: the test process may have others (a PostgreSQL server of another test)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_memory_is_opened_after_the_reader_started(tmp_path, monkeypatch):
    events = []
    real_fork = os.fork

    def fork():
        events.append("fork")
        return real_fork()

    def opener():
        events.append("open")
        return open_store(tmp_path / "a.db")

    monkeypatch.setattr(os, "fork", fork)
    result = import_file(opener, TRICKY, workers=2)
    assert events == ["fork", "open"]
    assert result.stats.added > 0
    given = open_store(tmp_path / "b.db")
    again = import_file(given, TRICKY, workers=2)
    assert (again.stats.added, again.skipped.count) == (result.stats.added, result.skipped.count)
    assert texts(open_store(tmp_path / "a.db")) == texts(given)


def test_one_process_opens_it_before_reading(tmp_path):
    result = import_file(lambda: open_store(tmp_path / "a.db"), TRICKY, workers=1)
    assert len(texts(open_store(tmp_path / "a.db"))) == result.stats.added > 0


def test_a_memory_that_cannot_be_opened_stops_the_reader(tmp_path, monkeypatch):
    from tm.errors import DatabaseError

    children = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    bad = tmp_path / "not.db"
    bad.write_text("not a database, a text file\n" * 100)
    with pytest.raises(DatabaseError, match="not an SQLite database"):
        import_file(lambda: open_store(bad), TRICKY, workers=2)
    assert len(children) == 1 and reaped(children[0])
    assert bad.read_text() == "not a database, a text file\n" * 100


def run_tm(*args, cwd):
    return subprocess.run([sys.executable, "-c", "from tm.cli import cli; cli()", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_the_command_says_the_same_as_before(tmp_path):
    out = run_tm("--db", str(tmp_path / "m.db"), "import", str(TRICKY), "--quiet", cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"Imported ")
    bad = tmp_path / "not.db"
    bad.write_text("not a database\n")
    out = run_tm("--db", str(bad), "import", str(TRICKY), "--quiet", cwd=ROOT)
    assert out.returncode != 0
    assert out.stderr.strip().splitlines() == [f"Error: {bad}: not an SQLite database (is it the right file?)"]
    out = run_tm("--db", str(tmp_path / "n.db"), "import", str(tmp_path / "missing.tmx"), "--quiet", cwd=ROOT)
    assert out.returncode != 0 and not (tmp_path / "n.db").exists()     # a missing file creates nothing
