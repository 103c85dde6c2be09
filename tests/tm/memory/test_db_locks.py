"""Opening the database again in the same process keeps the other connections' locks.

Closing any descriptor of a file drops every POSIX lock the process holds on it. When
``open_database`` read the file's header through a Python file object, a second
connection in one process (a workbench thread) dropped the first one's shared lock; a
third process closing its connection then took itself for the last one, checkpointed
and deleted the WAL under the open connection, and that connection's later commits were
lost (found by bench/serve_bench.py: the workbench's edits vanished).
"""

import subprocess
import sys

from tm import open_store


def count_elsewhere(path) -> int:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('SELECT count(*) FROM t').fetchone()[0]); c.close()")
    return int(subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              check=True, timeout=60).stdout)


def test_a_second_connection_does_not_lose_the_first_ones_commits(tmp_path):
    path = tmp_path / "m.db"
    first = open_store(path)
    first.conn.execute("CREATE TABLE t (x)")
    first.conn.execute("INSERT INTO t VALUES (1)")
    second = open_store(path)                 # another thread's connection, say
    assert count_elsewhere(path) == 1          # another process opens and closes the database
    first.conn.execute("INSERT INTO t VALUES (2)")
    assert count_elsewhere(path) == 2
    assert (tmp_path / "m.db-wal").exists()   # still in WAL mode with live connections
    second.conn.execute("INSERT INTO t VALUES (3)")
    first.conn.close()
    second.conn.close()
    assert count_elsewhere(path) == 3
