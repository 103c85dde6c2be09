"""PostgreSQL: the COPYs of a transaction queued for the background thread (tm.memory.pg.
Connection._submit) are written in order, all before anything else uses the connection,
and a COPY that fails loses the transaction with its own error.

Runs against the session's PostgreSQL server (``pg_url``, see tests/conftest.py);
skipped with the reason where there is none.
"""

import psycopg
import pytest

from tm.memory import pg
from tm.memory.store import open_store


def _table(db):
    db.conn.raw.execute("CREATE TABLE q (id BIGINT PRIMARY KEY, k BIGINT NOT NULL)")


def test_queued_copies_are_all_written_in_order_before_the_next_statement(pg_url, monkeypatch):
    db = open_store(pg_url)
    _table(db)
    monkeypatch.setattr(pg, "QUEUED", 2)
    seen = []
    real = pg.Connection._copy_rows

    def copy_rows(self, table, columns, rows, **kw):
        seen.append(rows[0][0])
        return real(self, table, columns, rows, **kw)

    monkeypatch.setattr(pg.Connection, "_copy_rows", copy_rows)
    db.conn.execute("BEGIN")
    for k in range(12):
        db.conn.executemany("INSERT INTO q (id, k) VALUES (?, ?)", [(k * 100 + i, k) for i in range(100)])
    # a statement waits for every queued COPY: it sees all the rows
    assert db.conn.execute("SELECT count(*), count(DISTINCT k) FROM q").fetchone() == (1200, 12)
    db.conn.execute("COMMIT")
    assert seen == [k * 100 for k in range(12)]


def test_a_failed_copy_loses_the_transaction_with_its_error(pg_url, monkeypatch):
    db = open_store(pg_url)
    _table(db)
    monkeypatch.setattr(pg, "QUEUED", 2)
    db.conn.execute("BEGIN")
    db.conn.executemany("INSERT INTO q (id, k) VALUES (?, ?)", [(i, 0) for i in range(100)])
    db.conn.executemany("INSERT INTO q (id, k) VALUES (?, ?)", [(i, 1) for i in range(50, 60)])   # ids again
    with pytest.raises(psycopg.errors.UniqueViolation):
        for k in range(2, 8):               # queued after the failure: dropped, or refused here
            db.conn.executemany("INSERT INTO q (id, k) VALUES (?, ?)", [(1000 * k + i, k) for i in range(10)])
        db.conn.execute("COMMIT")
    db.conn.execute("ROLLBACK")
    assert db.conn.execute("SELECT count(*) FROM q").fetchone()[0] == 0
    db.conn.execute("BEGIN")                # the connection goes on with the next transaction
    db.conn.executemany("INSERT INTO q (id, k) VALUES (?, ?)", [(1, 9)])
    db.conn.execute("COMMIT")
    assert db.conn.execute("SELECT id, k FROM q").fetchall() == [(1, 9)]
