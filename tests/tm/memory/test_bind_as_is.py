"""tm.memory.db.bind_as_is: None and bytes parameters bound through an adapter that returns
them as they are (Python's sqlite3 otherwise looks each up as a possible adapter at some
cost, see the function), so SQLite receives NULL and blobs exactly as before; an adapter the
caller registered for either is kept."""

import sqlite3

import pytest

from tm.memory import db as tmdb
from tm.memory.store import open_store


@pytest.fixture
def registry(monkeypatch):
    """sqlite3's adapter registry as it was before the test, restored after."""
    saved = dict(sqlite3.adapters)
    for kind in (type(None), bytes):
        sqlite3.adapters.pop((kind, sqlite3.PrepareProtocol), None)
    yield sqlite3.adapters
    sqlite3.adapters.clear()
    sqlite3.adapters.update(saved)


def test_null_and_blob_parameters_are_stored_as_they_were(tmp_path, registry):
    db = open_store(tmp_path / "m.db")
    assert registry[(type(None), sqlite3.PrepareProtocol)] is tmdb._as_is
    assert registry[(bytes, sqlite3.PrepareProtocol)] is tmdb._as_is
    conn = db.conn
    conn.execute("CREATE TABLE t (a, b, c, d)")
    blob = bytes(range(256)) * 3
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [(None, blob, b"", 1), (b"\x00", None, None, 2)])
    rows = conn.execute("SELECT typeof(a), typeof(b), typeof(c), a, b, c FROM t ORDER BY d").fetchall()
    assert rows == [("null", "blob", "blob", None, blob, b""), ("blob", "null", "null", b"\x00", None, None)]


def test_an_adapter_registered_by_the_caller_is_kept(tmp_path, registry):
    def mine(value):
        return value.hex()

    sqlite3.register_adapter(bytes, mine)
    db = open_store(tmp_path / "m.db")
    assert registry[(bytes, sqlite3.PrepareProtocol)] is mine
    assert db.conn.execute("SELECT ?", [b"\x01\x02"]).fetchone() == ("0102",)
    assert db.conn.execute("SELECT typeof(?)", [None]).fetchone() == ("null",)
