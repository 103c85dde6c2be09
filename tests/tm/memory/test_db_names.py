"""A library caller's database name is a file name, whatever it looks like.

SQLite (built with URIs on) reads a name beginning with ``file:`` as a URI even when the
caller does not ask for URIs: ``open_store("file:y.db?mode=rwc")`` created the literal
file ``file:y.db?mode=rwc`` (``O_EXCL``), then connected to ``y.db`` and failed with
"removed while being opened, three times", leaving ``y.db`` behind. The command line
refuses such names (``tm.cli.common.resolve_db_path``); the library opens the file named.
"""

import os

import pytest

from tm import open_store
from tm.memory.reader import open_current


@pytest.mark.parametrize("name", ["file:y.db?mode=rwc", "file:y.db", "file:y.db?mode=ro&immutable=1"])
def test_a_name_beginning_with_file_colon_is_that_file(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    db = open_store(name)
    db.conn.execute("CREATE TABLE t (x)")
    db.conn.execute("INSERT INTO t VALUES (1)")
    db.conn.close()
    assert {n for n in os.listdir(tmp_path) if not n.endswith(("-wal", "-shm"))} == {name}
    again = open_store(name)
    assert again.conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    again.conn.close()
    reader = open_current(name)               # tm match's reader (sqlite3 alone)
    assert reader is not None and reader.conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    reader.conn.close()
    assert {n for n in os.listdir(tmp_path) if not n.endswith(("-wal", "-shm"))} == {name}
