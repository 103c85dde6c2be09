"""A read-only PostgreSQL connection through libpq itself, by :mod:`ctypes`: what a one-shot
``tm match`` or ``tm search`` against a server uses instead of psycopg, whose import alone
(~100 ms, 20 MB: its adapters, error classes, asyncio) was more than such a command's whole
budget (docs/postgres.md, session 20).

It loads the libpq that psycopg drives (:func:`load`: the one psycopg-binary ships, else the
system's), so connection strings and URLs, ``.pgpass``, the ``PG*`` variables, SSL and
authentication behave as with psycopg. :func:`connect` gives the part of a psycopg connection
(autocommit) that :class:`tm.memory.pg.Connection` and the read path use: ``execute`` and
``cursor().execute`` with ``%s`` parameters, results read as psycopg reads them (integers,
floats, text, ``numeric`` as :func:`tm.memory.pg._loaders` reads it, ``bytea``; all in text
but for ``binary=True``, as psycopg asks), ``fetchone``/``fetchmany``/``fetchall``/iteration,
``close``. Nothing else: writes, ``COPY``, transactions and everything a server process needs
stay with psycopg. Waits for the server are ``select`` calls of this interpreter, so Ctrl-C and
the signals a command handles stop it (a query then cancelled), as with psycopg.
"""

from __future__ import annotations

import ctypes
import os
import re
import select
import struct
import sys
import time
from ctypes import POINTER, Structure, byref, c_char_p, c_int, c_uint, c_void_p

# libpq's enumerations (libpq-fe.h)
_CONNECTION_OK, _CONNECTION_BAD = 0, 1
_POLLING_FAILED, _POLLING_READING, _POLLING_WRITING, _POLLING_OK = 0, 1, 2, 3
_COMMAND_OK, _TUPLES_OK = 1, 2
_TRANS_IDLE, _TRANS_ACTIVE, _TRANS_UNKNOWN = 0, 1, 4
_DIAG_SQLSTATE = ord("C")

#: psycopg's connection timeout when none is given (psycopg.conninfo._DEFAULT_CONNECT_TIMEOUT)
DEFAULT_CONNECT_TIMEOUT = 130

#: The longest wait for an interrupted query's cancel request, a connection of its own (psycopg
#: waits as long on Ctrl-C: Connection.wait's ``_try_cancel(timeout=5.0)``); a shorter
#: ``connect_timeout`` bounds it too (libpq's blocking ``PQcancelBlocking`` honours it).
CANCEL_TIMEOUT = 5.0

#: The longest single wait for the server's socket before the signal handlers get to run
#: (psycopg's ``_WAIT_INTERVAL``; :func:`_wait` says why).
WAIT_INTERVAL = 0.1


class Error(Exception):
    """An error of the server or of libpq; ``sqlstate`` as the server gave it (None: none)."""

    def __init__(self, message: str, sqlstate: str | None = None):
        super().__init__(message)
        self.sqlstate = sqlstate


class OperationalError(Error):
    """The connection failed or was lost (psycopg's ``OperationalError``)."""


class Unsupported(Error):
    """A connection this layer does not make as psycopg would (several hosts): the caller
    uses psycopg."""


class _Option(Structure):
    _fields_ = [("keyword", c_char_p), ("envvar", c_char_p), ("compiled", c_char_p), ("val", c_char_p),
                ("label", c_char_p), ("dispchar", c_char_p), ("dispsize", c_int)]


_FUNCTIONS = {  # name: (restype, argtypes)
    "PQconnectStartParams": (c_void_p, [POINTER(c_char_p), POINTER(c_char_p), c_int]),
    "PQconnectPoll": (c_int, [c_void_p]),
    "PQconninfoParse": (POINTER(_Option), [c_char_p, c_void_p]),
    "PQconndefaults": (POINTER(_Option), []),
    "PQconninfoFree": (None, [POINTER(_Option)]),
    "PQfreemem": (None, [c_void_p]),
    "PQstatus": (c_int, [c_void_p]),
    "PQsocket": (c_int, [c_void_p]),
    "PQerrorMessage": (c_char_p, [c_void_p]),
    "PQfinish": (None, [c_void_p]),
    "PQdb": (c_char_p, [c_void_p]),
    "PQbackendPID": (c_int, [c_void_p]),
    "PQtransactionStatus": (c_int, [c_void_p]),
    "PQsendQueryParams": (c_int, [c_void_p, c_char_p, c_int, POINTER(c_uint), POINTER(c_char_p),
                                  POINTER(c_int), POINTER(c_int), c_int]),
    "PQconsumeInput": (c_int, [c_void_p]),
    "PQisBusy": (c_int, [c_void_p]),
    "PQgetResult": (c_void_p, [c_void_p]),
    "PQgetCancel": (c_void_p, [c_void_p]),
    "PQcancel": (c_int, [c_void_p, c_char_p, c_int]),
    "PQfreeCancel": (None, [c_void_p]),
    "PQresultStatus": (c_int, [c_void_p]),
    "PQresultErrorMessage": (c_char_p, [c_void_p]),
    "PQresultErrorField": (c_char_p, [c_void_p, c_int]),
    "PQntuples": (c_int, [c_void_p]),
    "PQnfields": (c_int, [c_void_p]),
    "PQfname": (c_char_p, [c_void_p, c_int]),
    "PQftype": (c_uint, [c_void_p, c_int]),
    "PQgetvalue": (c_char_p, [c_void_p, c_int, c_int]),
    "PQgetlength": (c_int, [c_void_p, c_int, c_int]),
    "PQgetisnull": (c_int, [c_void_p, c_int, c_int]),
    "PQcmdTuples": (c_char_p, [c_void_p]),
    "PQclear": (None, [c_void_p]),
}

#: libpq 17's cancel request that does not wait in C (psycopg's ``cancel_safe``); an older
#: libpq has only ``PQcancel``, which connects and waits for the server with no timeout.
_CANCEL_CONN = {
    "PQcancelCreate": (c_void_p, [c_void_p]),
    "PQcancelStart": (c_int, [c_void_p]),
    "PQcancelPoll": (c_int, [c_void_p]),
    "PQcancelSocket": (c_int, [c_void_p]),
    "PQcancelFinish": (None, [c_void_p]),
}

_lib = None


class _Lib:
    """libpq's functions as this module calls them (``value`` is ``PQgetvalue`` giving the
    address, for binary values: ``PQgetvalue`` itself gives a text value's bytes;
    ``cancel_conn``: libpq 17's non-blocking cancel functions are there)."""

    def __init__(self, cdll):
        self.cancel_conn = all(hasattr(cdll, name) for name in _CANCEL_CONN)
        for name, (restype, argtypes) in (_FUNCTIONS | (_CANCEL_CONN if self.cancel_conn else {})).items():
            fn = getattr(cdll, name)
            fn.restype, fn.argtypes = restype, argtypes
            setattr(self, name, fn)
        self.value = ctypes.CFUNCTYPE(c_void_p, c_void_p, c_int, c_int)(("PQgetvalue", cdll))


def _bundled() -> list[str]:
    """The libpq that psycopg-binary ships beside its package (``psycopg_binary.libs`` on
    Linux, ``.dylibs`` inside it on macOS), found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec("psycopg_binary")
    except (ImportError, ValueError):
        return []
    found = []
    for where in (spec.submodule_search_locations or []) if spec else []:
        for folder in (where + ".libs", os.path.join(where, ".dylibs")):
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                continue
            found += [os.path.join(folder, n) for n in names
                      if n.startswith("libpq") and (".so" in n or n.endswith((".dylib", ".dll")))]
    return found


def candidates() -> list[str]:
    """The libpq libraries to try, in psycopg's order (``PSYCOPG_IMPL`` as psycopg reads it):
    psycopg-binary's own (its ``binary`` implementation), else the system's (the ``c`` and
    ``python`` implementations link or load that one)."""
    from importlib.util import find_spec

    impl = os.environ.get("PSYCOPG_IMPL", "").lower()
    first = _bundled() if impl in ("", "binary") and not (impl == "" and find_spec("psycopg_c")) else []
    system = {"darwin": ["libpq.5.dylib", "libpq.dylib"], "win32": ["libpq.dll"]}.get(sys.platform, ["libpq.so.5"])
    return first + system


def load():
    """libpq's functions (:class:`_Lib`), or None where no libpq can be loaded (the caller then
    uses psycopg, which says what is missing). Tried once."""
    global _lib
    if _lib is None:
        _lib = False
        for name in candidates() + ["find_library"]:
            if name == "find_library":      # elsewhere: where psycopg's python implementation finds it
                from ctypes.util import find_library
                name = find_library("pq")
                if name is None:
                    break
            try:
                _lib = _Lib(_open(name))
                break
            except (OSError, AttributeError):   # not there, or a libpq without these functions
                continue
    return _lib or None


def _open(name: str) -> ctypes.CDLL:
    """``ctypes.CDLL(name)``, on Linux with lazy binding: ctypes' own ``dlopen`` adds
    ``RTLD_NOW``, which resolves every function of libpq and of the libraries it brings
    (psycopg-binary's: its own OpenSSL, Kerberos, LDAP) before the first call, ~0.6 ms of a
    one-shot command's 1.9 that a command calling some forty of them does not need. Where
    the C library's ``dlopen`` cannot be reached, or fails, ctypes loads it as before (and
    says why it cannot)."""
    if sys.platform.startswith("linux"):
        try:
            dl = ctypes.CDLL(None).dlopen
            dl.restype, dl.argtypes = c_void_p, [c_char_p, c_int]
            handle = dl(os.fsencode(name), os.RTLD_LAZY | os.RTLD_LOCAL)
        except (OSError, AttributeError):
            handle = None
        if handle:
            return ctypes.CDLL(name, handle=handle)
    return ctypes.CDLL(name)


_SEVERITY = re.compile(r"^(?:DEBUG|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC):\s+")


def _message(raw: bytes | None) -> str:
    """An error message of libpq as psycopg words it: decoded, its severity and spaces stripped."""
    text = (raw or b"").decode("utf-8", "replace")
    return _SEVERITY.sub("", text).strip() or "no error details available"


def _wait(fd: int, write: bool, deadline: float | None = None) -> bool:
    """Wait until ``fd`` can be read (written); False when ``deadline`` passed first. The
    signal handlers run meanwhile (Ctrl-C raises here): the wait is cut into slices of
    :data:`WAIT_INTERVAL`, as psycopg waits, because a signal that comes after the interpreter
    last looked for one but before it enters ``poll`` (or one the kernel gives another thread)
    interrupts nothing, and its handler would run only once the server answered — never, for
    a server that stopped answering. ``poll`` where there is one (``select`` takes no
    descriptor above 1,023)."""
    if hasattr(select, "poll"):
        waiter = select.poll()
        waiter.register(fd, select.POLLOUT if write else select.POLLIN)

        def ready(timeout: float) -> bool:
            return bool(waiter.poll(1000 * timeout))
    else:
        def ready(timeout: float) -> bool:
            r, w, _ = select.select([] if write else [fd], [fd] if write else [], [], timeout)
            return bool(r or w)
    while True:     # each turn of the loop runs the handlers of signals that came meanwhile
        left = WAIT_INTERVAL if deadline is None else min(WAIT_INTERVAL, deadline - time.monotonic())
        if ready(max(0.0, left)):
            return True
        if deadline is not None and time.monotonic() >= deadline:
            return False


def _values(lib, options, names: tuple[bytes, ...]) -> dict[bytes, bytes]:
    """The values set of the options ``names`` in ``options`` (a ``PQconninfoOption`` array,
    freed here; NULL: none)."""
    found = {}
    if options:
        try:
            i = 0
            while options[i].keyword is not None:
                if options[i].keyword in names and options[i].val is not None:
                    found[options[i].keyword] = options[i].val
                i += 1
        finally:
            lib.PQconninfoFree(options)
    return found


def _timeout(value: bytes | None) -> float:
    """``connect_timeout`` as psycopg reads it: none or 0 is :data:`DEFAULT_CONNECT_TIMEOUT`,
    at least 2 s."""
    try:
        seconds = int(float(value)) if value else 0
    except ValueError:
        seconds = 0
    return DEFAULT_CONNECT_TIMEOUT if seconds <= 0 else max(seconds, 2)


_WHERE = (b"host", b"hostaddr", b"port", b"connect_timeout", b"load_balance_hosts", b"target_session_attrs",
          b"service")


def _attempts(lib, conninfo: bytes) -> tuple[float, list[tuple[bytes, bytes | None] | None]]:
    """``connect_timeout``, and the connections to try in turn, as psycopg makes them
    (psycopg._conninfo_attempts): a host name's addresses one by one, each given as
    ``hostaddr`` (with ``target_session_attrs``, for ``prefer-standby`` made two passes:
    ``standby`` then ``any``), so that each address has its own ``connect_timeout``, as
    libpq's documentation says ("applies separately to each host name or IP address"):
    ``PQconnectPoll`` moves to a name's next address when one fails, never when one is
    silent. ``[None]``: one connection as the string says (a socket directory, a
    ``hostaddr`` given, no host, a string that names a
    ``service``: libpq reads the service's values before the ``PG*`` variables, which
    ``PQconninfoParse`` does not, and psycopg does not either, psycopg issue #698). The
    options are read as psycopg reads them: the string's value, else libpq's default (its
    ``PG*`` variable, or ``PGSERVICE``'s service).
    Raises :class:`Unsupported` for several hosts (psycopg's message lists each host's
    error, libpq's own list has one deadline) or ports (for one host an error, psycopg's
    words; resolved with the list as its port it was Python's 'Servname not supported'),
    :class:`OperationalError` for a string libpq cannot parse (its reason, as psycopg
    gives it) and for a name that does not resolve (psycopg's message)."""
    error = c_void_p()
    options = lib.PQconninfoParse(conninfo, byref(error))
    if not options and error.value:     # psycopg parses the string first and says why alone
        message = _message(ctypes.string_at(error.value))
        lib.PQfreemem(error)
        raise OperationalError(message)
    given = _values(lib, options, _WHERE)
    params = _values(lib, lib.PQconndefaults(), _WHERE) | given
    if any(b"," in params.get(k, b"") for k in (b"host", b"hostaddr", b"port")):
        raise Unsupported("several hosts")      # or ports: for one host, psycopg's message
    timeout = _timeout(params.get(b"connect_timeout"))
    host = params.get(b"host", b"")
    if not options or not host or host.startswith((b"/", b"@")) or host[1:2] == b":" or b"hostaddr" in params \
            or b"service" in given:     # a service's values, which libpq reads before the PG* variables
        return timeout, [None]
    try:    # the C module: socket.py's enum classes cost a one-shot command ~2 ms of CPU
        import _socket as socket
    except ImportError:
        import socket

    name = host.decode("utf-8", "replace")
    labels = host.split(b".")
    # an ASCII name the idna codec would give back unchanged goes as bytes: a str is encoded
    # with it, whose import (encodings.idna, stringprep) costs a one-shot command ~0.7 ms
    plain = name.isascii() and all(0 < len(x) < 64 for x in labels[:-1]) and len(labels[-1]) < 64
    try:
        found = socket.getaddrinfo(host if plain else name, params.get(b"port", b"5432").decode("utf-8", "replace"),
                                   proto=socket.IPPROTO_TCP, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:     # UnicodeError: a name the idna codec refuses
        raise OperationalError(f"failed to resolve host {name!r}: {exc}") from None
    addresses = [item[4][0].encode() for item in found]
    if params.get(b"load_balance_hosts") == b"random":
        import random
        random.shuffle(addresses)
    if params.get(b"target_session_attrs") == b"prefer-standby":
        return timeout, [(a, b"standby") for a in addresses] + [(a, b"any") for a in addresses]
    return timeout, [(a, None) for a in addresses]


def connect(conninfo: str) -> PGConnection:
    """A connection (autocommit) to the server of ``conninfo`` (a URL or ``key=value``
    string, completed from the ``PG*`` variables and ``.pgpass`` by libpq), each address
    tried in turn for ``connect_timeout`` (:func:`_attempts`). Raises
    :class:`OperationalError` (``connection failed: …`` as psycopg says it; where several
    addresses failed, the last one's error, then each one's, as psycopg lists them)."""
    return start(conninfo).finish()


def start(conninfo: str) -> Pending:
    """:func:`connect` begun: the first address's connection started, and taken as far as it
    goes without waiting (its startup packet sent, where the socket takes it at once), so
    the server starts the session's backend while the caller does other work (a one-shot
    command imports its matching code); :meth:`Pending.finish` ends it, as :func:`connect`
    would have (the same errors, raised there)."""
    return Pending(conninfo)


class Pending:
    """A connection :func:`start` began. Nothing is raised before :meth:`finish`; a pending
    connection never finished is closed when collected."""

    def __init__(self, conninfo: str):
        self._begun = None      # the first attempt: (PGconn, deadline, status), or the error that ended it
        self._error = None
        try:
            lib = load()
            if lib is None:
                raise OperationalError("libpq cannot be loaded")
            self._lib = lib
            self._encoded = conninfo.encode("utf-8")
            self._timeout, self._attempts = _attempts(lib, self._encoded)
        except Error as exc:
            self._error = exc
            return
        try:
            self._begun = _advance(lib, *_begin(lib, self._encoded, self._attempts[0], self._timeout))
        except OperationalError as exc:
            self._begun = exc

    def advance(self) -> None:
        """Take the first attempt on as far as it goes without waiting (where the server has
        answered since: its answer to a request for encryption, or to the startup packet)."""
        begun, self._begun = self._begun, None     # (closed by _advance if it is interrupted)
        self._begun = _advance(self._lib, *begun) if isinstance(begun, tuple) else begun

    def finish(self) -> PGConnection:
        if self._error is not None:
            raise self._error
        lib, encoded, timeout = self._lib, self._encoded, self._timeout
        begun, self._begun = self._begun, None
        failures = []
        for attempt in self._attempts:
            try:
                if begun is None:
                    return _connect(lib, *_begin(lib, encoded, attempt, timeout), timeout)
                if isinstance(begun, OperationalError):
                    raise begun
                return _connect(lib, *begun, timeout)
            except OperationalError as exc:
                failures.append((attempt, exc))
            finally:
                begun = None
        if len(failures) == 1:
            raise failures[0][1]
        given = _values(lib, lib.PQconninfoParse(encoded, None), (b"host", b"port"))

        def shown(key):
            return repr(given[key].decode("utf-8", "replace")) if key in given else "None"
        raise OperationalError("\n".join(
            [str(failures[-1][1]), "Multiple connection attempts failed. All failures were:"]
            + [f"- host: {shown(b'host')}, port: {shown(b'port')}, hostaddr: {a[0].decode()!r}: {exc}"
               for a, exc in failures]))

    def close(self) -> None:
        begun, self._begun = self._begun, None
        if isinstance(begun, tuple):
            self._lib.PQfinish(begun[0])

    def __del__(self):
        self.close()


def _begin(lib, conninfo: bytes, attempt: tuple[bytes, bytes | None] | None, timeout: float):
    """A connection of :func:`connect` started: to ``attempt``'s address (its ``hostaddr`` and
    ``target_session_attrs``; None: as the string says), within ``timeout`` seconds from now;
    ``(PGconn, deadline, status)`` for :func:`_connect`."""
    keys, values = [b"dbname", b"client_encoding"], [conninfo, b"UTF8"]   # later keys override the string's
    if attempt is not None:
        address, session = attempt
        keys += [b"hostaddr"] + ([b"target_session_attrs"] if session else [])
        values += [address] + ([session] if session else [])
    conn = lib.PQconnectStartParams((c_char_p * (len(keys) + 1))(*keys, None),
                                    (c_char_p * (len(keys) + 1))(*values, None), 1)
    if not conn:
        raise MemoryError("libpq could not allocate a connection")
    if lib.PQstatus(conn) == _CONNECTION_BAD:
        message = _message(lib.PQerrorMessage(conn))
        lib.PQfinish(conn)
        raise OperationalError(f"connection is bad: {message}")
    # libpq-fe: before the first PQconnectPoll, act as if it returned POLLING_WRITING
    # (polled while connect() is still in progress, libpq takes the connection as made)
    return conn, time.monotonic() + timeout, _POLLING_WRITING


def _advance(lib, conn, deadline: float, status: int):
    """:func:`_begin`'s connection taken on while its socket is ready at once (no wait)."""
    try:
        while status in (_POLLING_READING, _POLLING_WRITING) and _wait(lib.PQsocket(conn), status == _POLLING_WRITING,
                                                                         time.monotonic()):
            status = lib.PQconnectPoll(conn)
    except BaseException:
        lib.PQfinish(conn)
        raise
    return conn, deadline, status


def _connect(lib, conn, deadline: float, status: int, timeout: float) -> PGConnection:
    """A connection of :func:`connect`, :func:`_begin`'s, made (or closed and the error raised)."""
    try:
        while status != _POLLING_OK:
            if status == _POLLING_FAILED:
                raise OperationalError(f"connection failed: {_message(lib.PQerrorMessage(conn))}")
            if not _wait(lib.PQsocket(conn), status == _POLLING_WRITING, deadline):
                raise OperationalError("connection timeout expired")
            status = lib.PQconnectPoll(conn)
    except BaseException:
        lib.PQfinish(conn)
        raise
    return PGConnection(lib, conn, cancel_timeout=min(CANCEL_TIMEOUT, timeout))


class _Info:
    """``connection.info`` as the read path asks it."""

    def __init__(self, pg: PGConnection):
        self._pg = pg

    @property
    def dbname(self) -> str:
        return (self._pg._lib.PQdb(self._pg._conn) or b"").decode("utf-8", "replace")

    @property
    def backend_pid(self) -> int:
        return self._pg._lib.PQbackendPID(self._pg._conn)

    @property
    def transaction_status(self) -> int:
        """0 idle, 1 active, 2 in a transaction, 3 in a failed one, 4 unknown (as psycopg's
        ``TransactionStatus``)."""
        return self._pg._lib.PQtransactionStatus(self._pg._conn) if self._pg._conn else _TRANS_UNKNOWN


class PGConnection:
    """A libpq connection, as much of a psycopg ``Connection`` (autocommit) as the read path uses."""

    def __init__(self, lib, conn, *, cancel_timeout: float = CANCEL_TIMEOUT):
        self._lib = lib
        self._conn = conn
        self._cancel_timeout = cancel_timeout

    @property
    def info(self) -> _Info:
        # made when asked: held as an attribute it made a cycle, which kept the connection
        # open until the cyclic collector ran (a one-shot command runs without it: at its exit)
        return _Info(self)

    def cursor(self) -> PGCursor:
        return PGCursor(self)

    def execute(self, query: str, params=None, *, prepare: bool | None = None, binary: bool = False) -> PGCursor:
        return PGCursor(self).execute(query, params, prepare=prepare, binary=binary)

    @property
    def closed(self) -> bool:
        return not self._conn

    def close(self) -> None:
        if self._conn:
            self._lib.PQfinish(self._conn)
            self._conn = None

    def __del__(self):
        self.close()

    def _run(self, query: bytes, params: list, binary: bool) -> int:
        """Send ``query`` (``$n`` placeholders) with ``params`` and wait for its one result
        (a ``PGresult`` pointer; raises :class:`Error` for an error of it)."""
        lib, conn = self._lib, self._conn
        if not conn:
            raise OperationalError("the connection is closed")
        n = len(params)
        types, values, lengths, formats = (c_uint * n)(), (c_char_p * n)(), (c_int * n)(), (c_int * n)()
        for i, value in enumerate(params):
            types[i], data, formats[i] = _dump(value)
            values[i] = data
            lengths[i] = len(data) if data is not None else 0
        result = None
        try:    # from the send on: a signal right after it still cancels the query it sent
            if not lib.PQsendQueryParams(conn, query, n, types, values, lengths, formats, int(binary)):
                raise self._lost()
            while True:     # one statement, one result: then NULL, after the server's ReadyForQuery
                while lib.PQisBusy(conn):   # else PQgetResult waits in C, where no signal stops it
                    _wait(lib.PQsocket(conn), False)
                    if not lib.PQconsumeInput(conn):
                        raise self._lost()
                res = lib.PQgetResult(conn)
                if not res:
                    break
                if result is not None:
                    lib.PQclear(result)
                result = res
        except BaseException as exc:
            if result is not None:
                lib.PQclear(result)
            if not isinstance(exc, (Error, MemoryError)) and lib.PQtransactionStatus(conn) == _TRANS_ACTIVE:
                self._cancel()
            raise
        if result is None:
            raise self._lost()
        if lib.PQresultStatus(result) not in (_COMMAND_OK, _TUPLES_OK):
            message = _message(lib.PQresultErrorMessage(result))
            state = lib.PQresultErrorField(result, _DIAG_SQLSTATE)
            lib.PQclear(result)
            state = state.decode("ascii", "replace") if state else None
            lost = lib.PQstatus(conn) == _CONNECTION_BAD or (state or "").startswith(("08", "57"))
            raise (OperationalError if lost else Error)(message, state)
        return result

    def _lost(self) -> OperationalError:
        return OperationalError(_message(self._lib.PQerrorMessage(self._conn)))

    def _cancel(self) -> None:
        """Ask the server to stop the running query (interrupted: its result is not wanted),
        waiting for the request's own connection at most ``cancel_timeout`` seconds: a server
        that stopped answering must not hold the command where the user stopped it. With
        libpq 17's ``PQcancelStart``/``PQcancelPoll`` the waits are this interpreter's (a
        second Ctrl-C stops them too); an older libpq's ``PQcancel`` waits in C with no
        timeout, so it runs in a thread of its own that the command does not wait for past
        the deadline (the process ends with it still waiting)."""
        lib = self._lib
        deadline = time.monotonic() + self._cancel_timeout
        if lib.cancel_conn:
            cancel = lib.PQcancelCreate(self._conn)
            if not cancel:
                return
            try:
                if lib.PQcancelStart(cancel):
                    status = _POLLING_WRITING       # before the first poll, as for PQconnectPoll
                    while status in (_POLLING_READING, _POLLING_WRITING) and \
                            _wait(lib.PQcancelSocket(cancel), status == _POLLING_WRITING, deadline):
                        status = lib.PQcancelPoll(cancel)
            finally:
                lib.PQcancelFinish(cancel)
            return
        cancel = lib.PQgetCancel(self._conn)
        if cancel:
            import threading

            thread = threading.Thread(target=_cancel_blocking, args=(lib, cancel), daemon=True)
            thread.start()
            thread.join(max(0.0, deadline - time.monotonic()))


def _cancel_blocking(lib, cancel) -> None:
    """``PQcancel``: connects, sends the request, waits for the server to close (the thread
    owns ``cancel``: freed here, never while the call may still use it)."""
    buf = ctypes.create_string_buffer(256)
    lib.PQcancel(cancel, buf, 256)
    lib.PQfreeCancel(cancel)


def _array(values) -> tuple[int, bytes]:
    """A list as a PostgreSQL array literal: of integers ``bigint[]``, of strings ``text[]``
    (elements quoted), with ``NULL`` for None."""
    if all(type(v) is int or v is None for v in values):
        wide = any(v is not None and not -(1 << 63) <= v < 1 << 63 for v in values)
        return (0 if not values else 1231 if wide else 1016), \
            ("{" + ",".join("NULL" if v is None else str(v) for v in values) + "}").encode()
    if all(type(v) is str or v is None for v in values):
        _no_nul(values)
        return 1009, ("{" + ",".join("NULL" if v is None else
                                     '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
                      + "}").encode("utf-8")
    raise TypeError(f"cannot send a list of {sorted({type(v).__name__ for v in values})} to PostgreSQL")


def _no_nul(texts) -> None:
    """libpq sends a text parameter up to its first NUL (``"a\\0b"`` would be ``"a"``): refused,
    as psycopg refuses it (PostgreSQL's text holds no NUL)."""
    if any(t is not None and "\0" in t for t in texts):
        raise ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes")


def _dump(value) -> tuple[int, bytes | None, int]:
    """A parameter as libpq sends it: ``(type oid, bytes, format)``; as psycopg types them:
    a string is of unknown type (the server infers it), an integer ``bigint`` (``numeric``
    beyond), bytes ``bytea`` in binary."""
    kind = type(value)
    if value is None:
        return 0, None, 0
    if kind is str:
        _no_nul([value])
        return 0, value.encode("utf-8"), 0
    if kind is bool:
        return 16, b"t" if value else b"f", 0
    if kind is int:
        return (20 if -(1 << 63) <= value < 1 << 63 else 1700), str(value).encode(), 0
    if kind is float:
        return 701, (repr(value) if value == value and abs(value) != float("inf")
                     else {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]).encode(), 0
    if kind in (bytes, bytearray, memoryview):
        return 17, bytes(value), 1
    if kind in (list, tuple):
        oid, data = _array(list(value))
        return oid, data, 0
    raise TypeError(f"cannot send a {kind.__name__} to PostgreSQL")


def numeric(text: bytes):
    """``numeric`` in text: an int, a float where it has a fraction (psycopg's connection reads
    it so too: tm.memory.pg._loaders)."""
    s = text.decode()
    return float(s) if ("." in s or "e" in s.lower() or s == "NaN") else int(s)


def _numeric_binary(data: bytes):
    """``numeric`` in binary (digits of base 10,000 and a weight): as :func:`numeric`."""
    n, weight, sign, _ = int.from_bytes(data[0:2], "big"), int.from_bytes(data[2:4], "big", signed=True), \
        int.from_bytes(data[4:6], "big"), int.from_bytes(data[6:8], "big")
    if sign == 0xC000:
        return float("nan")
    if sign in (0xD000, 0xF000):
        return float("inf") if sign == 0xD000 else float("-inf")
    digits = 0
    for i in range(n):
        digits = digits * 10000 + int.from_bytes(data[8 + 2 * i:10 + 2 * i], "big")
    exp = 4 * (weight - n + 1)
    if exp >= 0:
        value = digits * 10 ** exp
    elif digits % 10 ** -exp == 0:
        value = digits // 10 ** -exp
    else:
        value = float(f"{digits}e{exp}")
    return -value if sign == 0x4000 else value


def _text(b: bytes) -> str:
    return b.decode("utf-8")


def _bytea_text(b: bytes) -> bytes:
    return bytes.fromhex(b[2:].decode("ascii")) if b.startswith(b"\\x") else _unescape(b)


def _unescape(b: bytes) -> bytes:
    """``bytea`` in the old escape format (``bytea_output = escape``)."""
    out, i = bytearray(), 0
    while i < len(b):
        if b[i] == 92 and b[i + 1:i + 2] == b"\\":
            out.append(92)
            i += 2
        elif b[i] == 92:
            out.append(int(b[i + 1:i + 4], 8))
            i += 4
        else:
            out.append(b[i])
            i += 1
    return bytes(out)


def _bool(b: bytes) -> bool:
    return b == b"t"


#: Readers of text values by type oid: bool, bytea, int8, int2, int4, oid, float4, float8,
#: numeric; as str "char", name, text, unknown (a literal), bpchar, varchar. Any other type is
#: an error: psycopg reads an array, json, a date as a list, a dict, a date, whose text would
#: be a wrong value here.
_TEXT = {16: _bool, 17: _bytea_text, 20: int, 21: int, 23: int, 26: int, 700: float, 701: float,
         1700: numeric, 18: _text, 19: _text, 25: _text, 705: _text, 1042: _text, 1043: _text}


def _signed(b: bytes) -> int:
    return int.from_bytes(b, "big", signed=True)


_FLOAT4, _FLOAT8 = struct.Struct(">f"), struct.Struct(">d")

#: Readers of binary values by type oid (a statement asked for in binary reads only these).
_BINARY = {16: lambda b: b == b"\x01", 17: bytes, 20: _signed, 21: _signed, 23: _signed, 26: lambda b: int.from_bytes(b, "big"),
           700: lambda b: _FLOAT4.unpack(b)[0], 701: lambda b: _FLOAT8.unpack(b)[0], 1700: _numeric_binary,
           25: _text, 1043: _text, 19: _text}


_PLACEHOLDER = re.compile(r"%%|%s")


def _numbered(query: str) -> str:
    """psycopg's ``%s`` placeholders as ``$1``, ``$2``, … (``%%`` is ``%``)."""
    k = 0

    def number(m):
        nonlocal k
        if m.group() == "%%":
            return "%"
        k += 1
        return f"${k}"
    return _PLACEHOLDER.sub(number, query)


class PGCursor:
    """A result, as much of a psycopg cursor as the read path uses. The result arrives whole
    (as psycopg's); its rows are made as they are fetched."""

    def __init__(self, pg: PGConnection):
        self._pg = pg
        self._res = None
        self._row = self._rows = 0
        self.description = None
        self.rowcount = -1

    def execute(self, query: str, params=None, *, prepare: bool | None = None, binary: bool = False) -> PGCursor:
        self.close()
        if params is not None:
            query = _numbered(query)
        pg = self._pg
        res = pg._run(query.encode("utf-8"), list(params or ()), binary)
        lib = pg._lib
        count = lib.PQcmdTuples(res)
        self.rowcount = int(count) if count else -1
        if lib.PQresultStatus(res) != _TUPLES_OK:
            lib.PQclear(res)
            return self
        self._res, self._row, self._rows = res, 0, lib.PQntuples(res)
        fields = range(lib.PQnfields(res))
        types = [lib.PQftype(res, c) for c in fields]
        self.description = [((lib.PQfname(res, c) or b"").decode("utf-8"), t, None, None, None, None, None)
                            for c, t in zip(fields, types)]
        readers = _BINARY if binary else _TEXT
        unknown = [t for t in types if t not in readers]
        if unknown:
            self.close()
            raise NotImplementedError(f"no {'binary' if binary else 'text'} reader for PostgreSQL type oid {unknown[0]}")
        self._loaders = [readers[t] for t in types]
        self._binary = binary
        return self

    def _fetch(self, n: int) -> list[tuple]:
        res = self._res
        if res is None:
            return []
        lib = self._pg._lib
        stop = min(self._rows, self._row + n)
        loaders = list(enumerate(self._loaders))
        isnull = lib.PQgetisnull
        rows = []
        if self._binary:
            # column by column too: a value's bytes at its address and length; a length of 0
            # is a NULL or an empty value, told apart by PQgetisnull
            at, length, string_at = lib.value, lib.PQgetlength, ctypes.string_at
            span, columns = range(self._row, stop), []
            for c, load in loaders:
                sizes = [length(res, r, c) for r in span]
                got = [string_at(at(res, r, c), n) for r, n in zip(span, sizes)]
                if 0 in sizes:
                    columns.append([None if not n and isnull(res, r, c) else load(v)
                                    for r, n, v in zip(span, sizes, got)])
                else:
                    columns.append(got if load is bytes else list(map(load, got)))
            rows = list(zip(*columns)) if columns else [() for _ in span]
        else:
            # column by column (a generator a row cost the heaviest stress match ~1 ms in
            # 2,000 cells): a text value has no NUL, its bytes as C gives them; b"" is a
            # NULL or an empty value, told apart by PQgetisnull
            value, span, columns = lib.PQgetvalue, range(self._row, stop), []
            for c, load in loaders:
                got = [value(res, r, c) for r in span]
                columns.append([None if v == b"" and isnull(res, r, c) else load(v) for r, v in zip(span, got)]
                               if b"" in got else list(map(load, got)))
            rows = list(zip(*columns)) if columns else [() for _ in span]
        self._row = stop
        return rows

    def fetchone(self):
        rows = self._fetch(1)
        return rows[0] if rows else None

    def fetchmany(self, size: int = 1):
        return self._fetch(size)

    def fetchall(self):
        return self._fetch(self._rows - self._row)

    def __iter__(self):
        while rows := self._fetch(2000):
            yield from rows

    def close(self) -> None:
        if self._res is not None:
            self._pg._lib.PQclear(self._res)
            self._res = None
        self._row = self._rows = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()
