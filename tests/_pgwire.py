"""PostgreSQL's wire protocol, as much of it as the tests' stand-in servers speak
(tests/tm/memory/test_libpq.py, tests/tm/test_quick_match_pg.py): a message, exact reads,
the start of a connection up to its startup packet, a trusting server's answer to it, and a
query read up to its end."""

from __future__ import annotations

_CANCEL = (80877102).to_bytes(4, "big")
_ENCRYPTION = ((80877103).to_bytes(4, "big"), (80877104).to_bytes(4, "big"))   # SSLRequest, GSSENCRequest


def message(kind: bytes, body: bytes) -> bytes:
    """One backend message: its kind, its length, its body."""
    return kind + (len(body) + 4).to_bytes(4, "big") + body


def read(conn, n: int) -> bytes:
    """Exactly ``n`` bytes from ``conn`` (ConnectionError when the client goes)."""
    data = b""
    while len(data) < n:
        part = conn.recv(n - len(data))
        if not part:
            raise ConnectionError
        data += part
    return data


def startup(conn) -> bytes | None:
    """The client's startup packet, after refusing its requests for encryption ("N"); None
    for a cancel request."""
    while True:
        size = int.from_bytes(read(conn, 4), "big")
        body = read(conn, size - 4)
        if body[:4] == _CANCEL:
            return None
        if body[:4] in _ENCRYPTION:
            conn.sendall(b"N")
            continue
        return body


def ready(conn, pid: int = 4242, **parameters: str) -> None:
    """Answer a startup as a server that trusts the client does: authentication done, the
    parameters libpq and psycopg read (and ``parameters``, e.g. ``in_hot_standby="on"``), a
    backend key, ReadyForQuery."""
    conn.sendall(message(b"R", (0).to_bytes(4, "big"))
                 + b"".join(message(b"S", k + b"\0" + v + b"\0") for k, v in
                            [(b"server_version", b"15.0"), (b"client_encoding", b"UTF8"),
                             (b"standard_conforming_strings", b"on"), (b"integer_datetimes", b"on")]
                            + [(k.encode(), v.encode()) for k, v in parameters.items()])
                 + message(b"K", pid.to_bytes(4, "big") + (1).to_bytes(4, "big"))
                 + message(b"Z", b"I"))


def query(conn) -> None:
    """Read the client's messages up to the end of one query: a Sync (Parse, Bind, Describe,
    Execute, Sync) or a simple Query."""
    while True:
        kind = read(conn, 1)
        read(conn, int.from_bytes(read(conn, 4), "big") - 4)
        if kind in (b"S", b"Q"):
            return
