"""PostgreSQL's wire protocol, as much of it as the tests' stand-in servers speak
(tests/tm/memory/test_libpq.py, tests/tm/test_quick_match_pg.py): a message, exact reads,
and the start of a connection up to its startup packet."""

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
