"""tm.memory.libpq: the one-shot read path's connection to a server, libpq by ctypes. It must
read and bind values as psycopg does (the same statements run through either), open a memory
with one statement, and give way to psycopg where libpq cannot be loaded."""

import signal
import time

import pytest

from tm.cli.common import match_rows, open_for_reading, search_hits
from tm.memory import libpq, pg
from tm.memory.reader import open_current
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

from _pgwire import message, query, read, ready, startup
from _procs import modules_loaded


def psycopg_raw(url):
    """A psycopg connection as tm.memory.pg.Database makes it (numeric read by _loaders)."""
    return pg.Database(url).conn.raw


def need_libpq():
    if libpq.load() is None:
        pytest.skip("no libpq can be loaded here")


# Statements whose results cover the types the read path meets, text and binary.
RESULTS = [
    ("SELECT 1::int2, -2::int4, 9223372036854775807::int8, 4294967295::oid, 1.5::float4, -2.25::float8, "
     "true, false, NULL, ''::text, 'a\tb\\c \"中文\" 𠀀'::text, 'x'::varchar, 'y'::char(2), 'n'::name", False),
    ("SELECT 10::numeric, 1.25::numeric, -0.0001::numeric, 12345678901234567890123::numeric, "
     "1e-20::numeric, 100000000::numeric, 'NaN'::numeric, 0::numeric", False),
    ("SELECT '\\x00ff61'::bytea, ''::bytea, NULL::bytea, sum(x) FROM (VALUES (1::int8), (2)) v(x)", False),
    ("SELECT 1::int2, -2::int4, (-9223372036854775808)::int8, 7::oid, 1.5::float4, -2.25::float8, true, NULL::int8, "
     "'\\x00ff61'::bytea, ''::bytea, 'ab 中'::text", True),
    ("SELECT 10::numeric, 1.25::numeric, -0.0001::numeric, 12345678901234567890123::numeric, 1e-20::numeric, "
     "100000000::numeric, 0::numeric, -20000::numeric, sum(x) FROM (VALUES (1::int8), (2)) v(x)", True),
    ("SELECT g, g::text FROM generate_series(1, 4500) g", False),
    ("SELECT 1 WHERE false", False),
]


@pytest.mark.parametrize("sql,binary", RESULTS)
def test_results_read_as_psycopg_reads_them(pg_url, sql, binary):
    need_libpq()
    ours = libpq.connect(pg_url)
    theirs = psycopg_raw(pg_url)
    a = ours.execute(sql, binary=binary).fetchall()
    b = theirs.execute(sql, binary=binary).fetchall()
    assert repr(a) == repr(b)           # nan == nan is false: compare as written
    assert [type(v) for v in a[0]] == [type(v) for v in b[0]] if a else b == []
    cur = ours.execute(sql, binary=binary)
    assert [c[0] for c in cur.description] == [c.name for c in theirs.execute(sql, binary=binary).description]


TRICKY = ["", "it's", 'a"b', "back\\slash", "%s", "%%", "100%", "中文 𠀀", "{x,y}", "NULL", " lead", "tab\tnew\nline"]

PARAMETERS = [
    ("SELECT %s::text, %s::bigint, %s::float8, %s, %s, %s", ["x", 7, 2.5, None, True, -3]),
    ("SELECT 100 %% 7, %s || 'a', strpos(%s, %s)", ["q", "abc", "c"]),
    ("SELECT x FROM unnest(%s::text[]) x", [TRICKY + [None]]),
    ("SELECT x FROM unnest(%s::bigint[]) x", [[1, -2, 9223372036854775807, None]]),
    ("SELECT x FROM unnest(%s::bigint[]) x", ["{3,1,4}"]),
    ("SELECT 5 = ANY(%s), 'b' = ANY(%s::text[]), %s::bigint > 10", [[1, 5], ["a", "b"], 12]),
    ("SELECT %s::bytea, length(%s::bytea)", [b"\x00\xffab", bytes(range(256))]),
    ("SELECT %s", ["%s literal"]),
    ("SELECT id FROM generate_series(1, 100) id WHERE id > %s ORDER BY id LIMIT %s", [90, 5]),
] + [("SELECT %s, length(%s)", [t, t]) for t in TRICKY]


@pytest.mark.parametrize("sql,params", PARAMETERS)
def test_parameters_bound_as_psycopg_binds_them(pg_url, sql, params):
    need_libpq()
    assert libpq.connect(pg_url).execute(sql, params).fetchall() == psycopg_raw(pg_url).execute(sql, params).fetchall()


def test_a_statement_without_parameters_is_sent_as_it_is(pg_url):
    """psycopg rewrites ``%%`` only when parameters are given; so does this layer."""
    need_libpq()
    sql = "SELECT '100%%', '5%'"
    assert libpq.connect(pg_url).execute(sql).fetchall() == psycopg_raw(pg_url).execute(sql).fetchall() == \
        [("100%%", "5%")]


UNITS = [TranslationUnit(zh=f"支持算力技术攻关和平台建设第{i}项", en=f"Support computing power research item {i}")
         for i in range(40)]


@pytest.fixture
def memory(pg_url, tmp_path):
    """The same small memory on the server and in an SQLite file."""
    lite = tmp_path / "m.db"
    import_units(open_store(pg_url), UNITS)
    import_units(open_store(lite), UNITS)
    return pg_url, lite


def test_a_memory_is_opened_with_one_statement_and_read_without_psycopg(memory, monkeypatch):
    need_libpq()
    url, lite = memory
    sent = []
    run = libpq.PGConnection._run
    monkeypatch.setattr(libpq.PGConnection, "_run", lambda self, q, *a: sent.append(q) or run(self, q, *a))
    db = open_for_reading(url)
    assert isinstance(db.conn.raw, libpq.PGConnection)
    assert sent == [b"SELECT package, name FROM _migrations"]
    monkeypatch.setattr(pg.Database, "__init__", lambda *a: pytest.fail("psycopg's Database was made"))
    query = "支持算力技术攻关和平台建设第7项"
    assert match_rows(url, query, None, 70.0, 5) == match_rows(lite, query, None, 70.0, 5)
    assert len(match_rows(url, query, None, 70.0, 5)[2]) == 5
    assert [h.unit.key for h in search_hits(url, "item 3", None, 20)] == \
        [h.unit.key for h in search_hits(lite, "item 3", None, 20)] != []


def test_a_one_shot_match_on_a_server_loads_no_module_it_does_not_use(memory):
    """``tm match`` against a server, as a process: no psycopg, no numpy, and neither json (its
    integer arrays are bound without it) nor the idna codec (an ASCII host name goes to the
    resolver as bytes): ~2 ms of a one-shot command's start-up."""
    need_libpq()
    url, _ = memory
    out, loaded = modules_loaded("tm", ("psycopg", "numpy", "json", "encodings.idna"),
                                 "--db", url, "match", "支持算力技术攻关和平台建设第7项", "--format", "tsv")
    assert out.count("\n") == 6 and loaded == "[]"


def test_without_libpq_the_memory_is_read_through_psycopg(memory, monkeypatch):
    """No libpq where it is looked for: psycopg reads the memory (and says what is missing
    when it cannot either); the answers are the same."""
    url, lite = memory
    monkeypatch.setattr(libpq, "_lib", None)
    monkeypatch.setattr(libpq, "candidates", lambda: ["/nonexistent/libpq.so.5"])
    monkeypatch.setattr("ctypes.util.find_library", lambda name: None)
    assert libpq.load() is None
    db = open_for_reading(url)
    assert type(db.conn.raw).__module__.startswith("psycopg")
    query = "Support computing power research item 12"
    assert match_rows(url, query, None, 70.0, 5) == match_rows(lite, query, None, 70.0, 5)


def test_a_memory_that_needs_migrating_is_left_to_psycopg(pg_url):
    """A memory of an older version (its last migration missing): no reader here; the store
    migrates it. (An empty database is refused: see test_postgres.py.)"""
    from tm.memory.db import migrate, open_database
    from tm.memory.store import MIGRATIONS
    need_libpq()
    db = open_database(pg_url)
    migrate(db, "tm", MIGRATIONS[:-1])
    db.conn.close()
    assert open_current(pg_url) is None
    assert match_rows(pg_url, "支持算力", None, 70.0, 5)[2] == []
    assert open_current(pg_url) is not None          # migrated by psycopg's store


def test_a_connection_that_fails_is_the_line_psycopg_gives():
    need_libpq()
    url = "postgresql://tm:secret@127.0.0.1:1/nothing"
    ours = pytest.raises(Exception, pg.open_reader, url, lambda conn: True).value
    theirs = pytest.raises(Exception, pg.Database, url).value
    assert str(ours) == str(theirs)
    assert str(ours).startswith("postgresql://tm:***@127.0.0.1:1/nothing: cannot connect: connection failed: ")
    assert "secret" not in str(ours)


def _interrupted(conn, sql: str, after: float = 0.3) -> float:
    """Run ``sql`` on ``conn`` with Ctrl-C (a ``KeyboardInterrupt`` from SIGALRM) ``after``
    seconds in; the seconds until it stopped."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    old = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, after)
    t0 = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            conn.execute(sql)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return time.monotonic() - t0


@pytest.mark.parametrize("api", ["PQcancelStart", "PQcancel"])
def test_an_interrupted_query_stops_at_once_and_is_cancelled(pg_url, api, monkeypatch):
    """A wait for the server is this interpreter's: a signal's handler runs (Ctrl-C raises
    KeyboardInterrupt), and the server is asked to stop the query: through libpq 17's
    non-blocking cancel where the library has it, else through PQcancel (in a thread)."""
    need_libpq()
    if api == "PQcancel":
        monkeypatch.setattr(libpq.load(), "cancel_conn", False)
    elif not libpq.load().cancel_conn:
        pytest.skip("this libpq has no PQcancelStart (libpq 17)")
    conn = libpq.connect(pg_url)
    pid = conn.info.backend_pid

    assert _interrupted(conn, "SELECT pg_sleep(20)") < 5
    watcher = libpq.connect(pg_url)
    for _ in range(50):
        state = watcher.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
        if state and state[0] != "active":
            break
        time.sleep(0.1)
    assert state[0] != "active"


@pytest.mark.parametrize("sql", ["SELECT ARRAY[1, 2]", "SELECT '{\"a\": 1}'::jsonb", "SELECT '2020-01-01'::date",
                                 "SELECT 1, now()"])
def test_a_type_it_has_no_reader_for_is_an_error_not_its_text(pg_url, sql):
    """psycopg reads these as a list, a dict, a date: their text would be a wrong value."""
    need_libpq()
    assert not isinstance(psycopg_raw(pg_url).execute(sql).fetchone()[-1], str)
    with pytest.raises(NotImplementedError, match="type oid"):
        libpq.connect(pg_url).execute(sql)


def test_a_text_parameter_with_a_nul_is_refused_not_cut(pg_url):
    """libpq sends a text parameter up to its first NUL: 'a\\0b' would be matched as 'a'."""
    need_libpq()
    import psycopg
    with pytest.raises(psycopg.DataError):
        psycopg_raw(pg_url).execute("SELECT %s", ["a\x00b"])
    for params in (["a\x00b"], [["x", "a\x00b"]]):
        with pytest.raises(ValueError, match="NUL"):
            libpq.connect(pg_url).execute("SELECT %s", params)


def test_a_list_of_integers_beyond_bigint_is_numeric(pg_url):
    need_libpq()
    sql, params = "SELECT x FROM unnest(%s) x", [[1, 1 << 70, None]]
    assert libpq.connect(pg_url).execute(sql, params).fetchall() == psycopg_raw(pg_url).execute(sql, params).fetchall()


def test_the_connection_waits_for_its_socket_before_polling(pg_url, monkeypatch):
    """libpq-fe: just after PQconnectStartParams, behave as if PQconnectPoll had returned
    PGRES_POLLING_WRITING. Polled before the connect() in progress completes, libpq takes
    it as made (SO_ERROR is still 0), and a refusal that comes later is 'could not send
    startup packet', without trying the host's next address."""
    need_libpq()
    calls = []
    real_wait = libpq._wait
    monkeypatch.setattr(libpq, "_wait", lambda fd, write, deadline=None: calls.append(("wait", write))
                        or real_wait(fd, write, deadline))

    class Spy:
        def __init__(self, lib):
            self._lib = lib

        def __getattr__(self, name):
            fn = getattr(self._lib, name)
            if name == "PQconnectPoll":
                return lambda conn: calls.append(("poll",)) or fn(conn)
            return fn
    monkeypatch.setattr(libpq, "_lib", Spy(libpq.load()))
    libpq.connect(pg_url).close()
    assert calls[0] == ("wait", True) and ("poll",) in calls


def test_several_hosts_are_left_to_psycopg_which_gives_each_its_own_timeout(pg_url):
    """A first host that takes the connection and never answers: psycopg tries the next
    after connect_timeout; libpq's own list shares one wait (this layer's deadline)."""
    import socket
    need_libpq()
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        head, rest = pg_url.split("://", 1)
        user, rest = rest.split("@", 1)
        hostport, tail = rest.split("/", 1)
        url = f"{head}://{user}@127.0.0.1:{silent.getsockname()[1]},{hostport}/{tail}&connect_timeout=2"
        assert pg.open_reader(url, lambda conn: True) is None       # psycopg's, then
        db = pg.Database(url)
        assert db.conn.raw.execute("SELECT 1").fetchone() == (1,)
    finally:
        silent.close()


def _slow_ready_server(sock, stop):
    """A stand-in server that answers a query's result at once and its ReadyForQuery only
    3 s later (a server or network stalling between the two). Cancel requests are taken."""
    import threading

    def serve(conn):
        with conn:
            try:
                if startup(conn) is None:       # a cancel request: taken
                    return
                ready(conn)
                query(conn)
                field = b"x\0" + (0).to_bytes(4, "big") + (0).to_bytes(2, "big") + (23).to_bytes(4, "big") \
                    + (4).to_bytes(2, "big") + (-1).to_bytes(4, "big", signed=True) + (0).to_bytes(2, "big")
                conn.sendall(message(b"1", b"") + message(b"2", b"") + message(b"T", (1).to_bytes(2, "big") + field)
                             + message(b"D", (1).to_bytes(2, "big") + (1).to_bytes(4, "big") + b"7")
                             + message(b"C", b"SELECT 1\0"))
                stop.wait(3)
                conn.sendall(message(b"Z", b"I"))
                stop.wait(30)
            except (ConnectionError, OSError):
                pass

    while not stop.is_set():
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def test_every_wait_for_the_server_can_be_interrupted(tmp_path):
    """The result of a query comes before the server's ReadyForQuery: waiting for that
    within PQgetResult was a wait in C, where Ctrl-C waits until the server answers."""
    import socket
    import threading
    need_libpq()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(30)
    stop = threading.Event()
    threading.Thread(target=_slow_ready_server, args=(sock, stop), daemon=True).start()
    try:
        conn = libpq.connect(f"postgresql://tm@127.0.0.1:{sock.getsockname()[1]}/zt?sslmode=disable"
                             "&gssencmode=disable")
        assert _interrupted(conn, "SELECT 7") < 2
    finally:
        stop.set()
        sock.close()


def test_a_signal_that_does_not_interrupt_the_wait_still_stops_it():
    """A signal that comes just before the interpreter enters poll() (or that the kernel gives
    another thread) interrupts no system call: its handler runs when the wait returns, and a
    server that stopped answering never made it return (Ctrl-C or SIGTERM hung 1 run in ~40).
    Here the signal is given to another thread, which is that case made certain."""
    import socket
    import threading
    quiet, other = socket.socketpair()
    written, over = threading.Event(), threading.Event()

    class Stopped(Exception):
        pass

    def handler(signum, frame):
        raise Stopped

    def signal_from_another_thread():
        time.sleep(0.2)
        signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
        if not over.wait(10):   # the socket is made readable only if the signal stopped nothing
            written.set()
            other.send(b"x")

    old = signal.signal(signal.SIGUSR1, handler)
    try:
        threading.Thread(target=signal_from_another_thread, daemon=True).start()
        with pytest.raises(Stopped):
            libpq._wait(quiet.fileno(), False)
        assert not written.is_set()
    finally:
        over.set()
        signal.signal(signal.SIGUSR1, old)
        quiet.close()
        other.close()


# A host name with two addresses, 127.0.0.2 then 127.0.0.1 (one port): a name of the reserved
# .test domain that Python's resolver, which both drivers ask (psycopg resolves a name itself,
# tm.memory.libpq as psycopg does), gives them for; no hosts file can be changed here.
TWO = "twoaddr.test"
NOWHERE = "nowhere.test"


@pytest.fixture
def two_addresses(monkeypatch):
    """A port free on both addresses; ``serve(address, pid, **parameters)`` starts a stand-in
    server there (pid None: one that takes connections and never answers)."""
    import _socket
    import socket
    import threading
    real = _socket.getaddrinfo      # what socket.getaddrinfo (psycopg) and the layer call

    def getaddrinfo(host, port, *args, **kwargs):
        host = host.decode("ascii") if isinstance(host, bytes) else host    # (the layer's ASCII names)
        if host == NOWHERE:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if host == TWO:
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, int(port)))
                    for a in ("127.0.0.2", "127.0.0.1")]
        return real(host, port, *args, **kwargs)
    monkeypatch.setattr(_socket, "getaddrinfo", getaddrinfo)
    held = []
    while True:             # a port free on both addresses
        first = socket.socket()
        first.bind(("127.0.0.1", 0))
        second = socket.socket()
        try:
            second.bind(("127.0.0.2", first.getsockname()[1]))
            break
        except OSError:
            first.close()
            second.close()
    bound = {"127.0.0.1": first, "127.0.0.2": second}

    def accept(sock, pid, parameters):
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            held.append(conn)       # open while the test runs
            if pid is not None:
                try:
                    if startup(conn) is not None:
                        ready(conn, pid, **parameters)
                except (ConnectionError, OSError):
                    pass

    def serve(address, pid=None, **parameters):
        sock = bound[address]
        sock.listen(8)
        threading.Thread(target=accept, args=(sock, pid, parameters), daemon=True).start()

    yield first.getsockname()[1], serve
    for sock in (first, second, *held):
        sock.close()


def _url(host, port, query=""):
    return f"postgresql://tm@{host}:{port}/zt?sslmode=disable&gssencmode=disable{query}"


def test_each_address_of_a_host_name_has_its_own_connect_timeout(two_addresses):
    """libpq's documentation: connect_timeout "applies separately to each host name or IP
    address". The name's first address takes the connection and never answers; both drivers
    connect to the second after connect_timeout (libpq's PQconnectPoll would never leave a
    silent address: the layer's one deadline for the whole connection failed it)."""
    import psycopg
    need_libpq()
    port, serve = two_addresses
    serve("127.0.0.2")
    serve("127.0.0.1", 4242)
    url = _url(TWO, port, "&connect_timeout=2")
    t0 = time.monotonic()
    assert libpq.connect(url).info.backend_pid == 4242
    assert time.monotonic() - t0 >= 1.5         # the first address had its wait
    assert psycopg.connect(url).info.backend_pid == 4242


@pytest.mark.parametrize("host", [TWO, NOWHERE])
def test_a_host_name_that_fails_is_the_message_psycopg_gives(two_addresses, host):
    """Both addresses refuse (psycopg's message: the last one's error, then each one's), or
    the name does not resolve."""
    import psycopg
    need_libpq()
    port, _ = two_addresses      # nothing listens there
    url = _url(host, port)
    ours = pytest.raises(libpq.OperationalError, libpq.connect, url).value
    theirs = pytest.raises(psycopg.OperationalError, psycopg.connect, url).value
    assert str(ours) == str(theirs)
    assert str(ours).startswith("connection failed: connection to server at \"127.0.0.1\"" if host == TWO
                                else "failed to resolve host 'nowhere.test': ")


@pytest.mark.parametrize("attrs,pid", [("prefer-standby", 2), ("any", 1), ("standby", 2)])
def test_the_addresses_of_a_host_name_are_chosen_as_libpq_chooses_them(two_addresses, attrs, pid):
    """Tried one by one, the addresses keep target_session_attrs: prefer-standby goes to the
    standby at the second address (tried alone, the first would be taken in libpq's second
    pass), as psycopg's two passes do."""
    import psycopg
    need_libpq()
    port, serve = two_addresses
    serve("127.0.0.2", 1, in_hot_standby="off")
    serve("127.0.0.1", 2, in_hot_standby="on")
    url = _url(TWO, port, f"&target_session_attrs={attrs}")
    assert libpq.connect(url).info.backend_pid == psycopg.connect(url).info.backend_pid == pid


def test_a_service_is_read_by_libpq_before_the_variables(pg_url, tmp_path, monkeypatch):
    """A service's values come before the PG* variables (libpq's order): the string names
    the service of the test server and PGHOST an address where nothing listens. Reading
    ``host`` from the string or the variable (psycopg's attempts, psycopg issue #698) sent
    the connection to PGHOST's address instead."""
    import psycopg
    need_libpq()
    parsed = psycopg.conninfo.conninfo_to_dict(pg_url)
    service = tmp_path / "services.conf"
    service.write_text("[zt]\n" + "".join(f"{k}={parsed[k]}\n" for k in ("host", "port", "user", "dbname")))
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    monkeypatch.setenv("PGHOST", "127.0.0.3")
    conn = libpq.connect("service=zt connect_timeout=2")
    try:
        assert conn.execute("SELECT current_database()").fetchone() == (parsed["dbname"],)
    finally:
        conn.close()


def test_an_ascii_host_name_is_resolved_without_the_idna_codec(pg_url):
    """The idna codec gives an ASCII name back unchanged: the name goes to the resolver as
    bytes, and a one-shot command does not import the codec (encodings.idna and stringprep,
    ~0.7 ms)."""
    import subprocess
    import sys

    need_libpq()
    code = ("import sys; from tm.memory import libpq; c = libpq.connect(sys.argv[1]); "
            "print(c.execute('SELECT 1').fetchone()[0], 'encodings.idna' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, pg_url], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "False"]


@pytest.mark.parametrize("host", ["foo..bar", "a" * 64 + ".test"])
def test_a_host_name_python_cannot_encode_is_a_connection_error(host):
    """Python's resolver encodes a name with the idna codec, which refuses an empty label or
    one over 63 characters (UnicodeError, not OSError: a traceback where libpq, resolving the
    name itself, said it could not translate it); psycopg resolves names the same way."""
    need_libpq()
    url = f"postgresql://tm@{host}/zt?connect_timeout=2"
    ours = pytest.raises(pg.DatabaseError, pg.open_reader, url, lambda conn: True).value
    theirs = pytest.raises(pg.DatabaseError, pg.Database, url).value
    assert str(ours) == str(theirs)
    assert str(ours).startswith(f"postgresql://tm@{host}/zt?connect_timeout=2: cannot connect: failed to resolve host")


def test_a_list_of_ports_for_one_host_is_the_line_psycopg_gives(pg_url):
    """One host and two ports is an error of the string (libpq's and psycopg's 'could not
    match 2 port numbers to 1 hosts'); resolving the name with the list as its port said
    'failed to resolve host …: Servname not supported' on the one-shot path alone."""
    import psycopg
    need_libpq()
    parsed = psycopg.conninfo.conninfo_to_dict(pg_url)
    url = f"postgresql://{parsed['user']}@localhost/{parsed['dbname']}?port={parsed['port']},{parsed['port']}"
    ours = pytest.raises(pg.DatabaseError, open_for_reading, url).value
    theirs = pytest.raises(pg.DatabaseError, pg.Database, url).value
    assert str(ours) == str(theirs)
    assert str(ours).endswith("cannot connect: could not match 2 port numbers to 1 hosts")


@pytest.mark.parametrize("query", ["foo=bar", "port=x%zz"])
def test_a_url_libpq_cannot_parse_is_the_line_psycopg_gives(query):
    """psycopg parses the string first and says libpq's reason alone; libpq's connection made
    of it said the same after 'connection is bad: '."""
    need_libpq()
    url = f"postgresql://tm@127.0.0.1:1/zt?{query}"
    ours = pytest.raises(pg.DatabaseError, pg.open_reader, url, lambda conn: True).value
    theirs = pytest.raises(pg.DatabaseError, pg.Database, url).value
    assert str(ours) == str(theirs)
    assert "connection is bad" not in str(ours)


@pytest.mark.parametrize("named", ["url", "PGSERVICE"])
def test_a_service_is_the_same_server_through_psycopg(pg_url, tmp_path, monkeypatch, named):
    """The same service and PGHOST as above through psycopg (every command but the one-shot
    reads): its own attempts read PGHOST, never the service (psycopg issue #698), and went to
    127.0.0.3 where the one-shot read went to the service's server."""
    import psycopg
    need_libpq()
    parsed = psycopg.conninfo.conninfo_to_dict(pg_url)
    service = tmp_path / "services.conf"
    service.write_text("[zt]\n" + "".join(f"{k}={parsed[k]}\n" for k in ("host", "port", "user", "dbname"))
                       + f"options={parsed['options']}\nconnect_timeout=2\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    monkeypatch.setenv("PGHOST", "127.0.0.3")
    url = "postgresql:///?service=zt" if named == "url" else "postgresql:///"
    if named == "PGSERVICE":
        monkeypatch.setenv("PGSERVICE", "zt")
    ours = pg.open_reader(url, lambda conn: True)
    theirs = pg.Database(url)
    sql = "SELECT current_database(), current_schema()"
    try:
        assert ours.conn.raw.execute(sql).fetchone() == theirs.conn.raw.execute(sql).fetchone() \
            == (parsed["dbname"], parsed["options"].split("=")[1].split(",")[0])
    finally:
        ours.close()
        theirs.close()


def _startup_server(answer_encryption: bool, hold=None):
    """A stand-in server on a free port: ``(port, events, close)``; ``events`` are set when
    it has answered a request for encryption ("N", if ``answer_encryption``; only once the
    event ``hold`` is set, when one is given), when the client's startup packet has come (it
    then answers as a trusting server), and when the client closed the connection."""
    import socket
    import threading
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    events = {name: threading.Event() for name in ("refused", "startup", "closed")}
    held = []

    def serve():
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        held.append(conn)
        try:
            while True:
                size = int.from_bytes(read(conn, 4), "big")
                body = read(conn, size - 4)
                if body[:4] in ((80877103).to_bytes(4, "big"), (80877104).to_bytes(4, "big")):
                    if hold is not None:
                        hold.wait(5)
                    conn.sendall(b"N")
                    events["refused"].set()
                    continue
                break
            events["startup"].set()
            ready(conn)
            while conn.recv(1 << 16):
                pass
        except (ConnectionError, OSError):
            pass
        events["closed"].set()

    threading.Thread(target=serve, daemon=True).start()

    def close():
        sock.close()
        for conn in held:
            conn.close()
    return sock.getsockname()[1], events, close


def test_a_connection_started_is_on_its_way_before_it_is_finished():
    """libpq.start sends the startup packet (where no encryption is asked for) and returns:
    the server starts the session's backend while the command imports its matching code;
    finish() ends the connection as connect() would."""
    need_libpq()
    port, events, close = _startup_server(False)
    try:
        pending = libpq.start(f"postgresql://tm@127.0.0.1:{port}/zt?sslmode=disable&gssencmode=disable")
        assert events["startup"].wait(5)            # before finish() was called
        assert pending.finish().info.backend_pid == 4242
    finally:
        close()


def test_a_started_connection_goes_on_where_the_server_answered_meanwhile():
    """With TLS asked for if the server has it (sslmode=prefer, libpq's default) the first
    step only asks; advance() sends the startup packet once the server said no, without
    waiting for it."""
    import threading
    need_libpq()
    hold = threading.Event()    # the server answers only once start() has returned: on a fast
    port, events, close = _startup_server(True, hold)   # machine an "N" at once was read by start()
    try:
        pending = libpq.start(f"postgresql://tm@127.0.0.1:{port}/zt?sslmode=prefer&gssencmode=disable")
        hold.set()
        assert events["refused"].wait(5)
        time.sleep(0.2)                             # the "N" on its way to the client
        assert not events["startup"].is_set()
        pending.advance()
        assert events["startup"].wait(5)
        assert pending.finish().info.backend_pid == 4242
    finally:
        close()


def test_a_started_connection_never_finished_is_closed():
    need_libpq()
    port, events, close = _startup_server(False)
    try:
        pending = libpq.start(f"postgresql://tm@127.0.0.1:{port}/zt?sslmode=disable&gssencmode=disable")
        assert events["startup"].wait(5)
        del pending
        assert events["closed"].wait(5)
    finally:
        close()


@pytest.mark.parametrize("url", ["postgresql://tm:secret@127.0.0.1:1/nothing",
                                 "postgresql://tm@nowhere.invalid/zt",
                                 "postgresql://tm@127.0.0.1:1,127.0.0.1:2/zt",
                                 "postgresql://tm@127.0.0.1/zt?sslmode=nonsense"])
def test_a_started_connection_raises_nothing_until_it_is_finished(url):
    """The errors of connect() (a refused connection, a name that does not resolve, a string
    libpq cannot read, several hosts left to psycopg), each raised by finish(), as they were."""
    need_libpq()
    pending = libpq.start(url)
    pending.advance()
    with pytest.raises(libpq.Error) as started:
        pending.finish()
    with pytest.raises(libpq.Error) as connected:
        libpq.connect(url)
    assert type(started.value) is type(connected.value) and str(started.value) == str(connected.value)


def test_a_one_shot_match_starts_its_connection_before_it_imports_the_matching_code(memory):
    """tm.cli.common.match_rows begins the server's connection before it imports the fuzzy
    matcher and the probe (~10 ms of a one-shot command, which the server's start of the
    session's backend now overlaps) and ends it after."""
    import json
    import subprocess
    import sys
    need_libpq()
    url, _ = memory
    probe = ("import json, sys\nfrom tm.memory import libpq\nseen = []\nstart = libpq.start\n"
             "def spy(url):\n    seen.append(sorted(m for m in ('rapidfuzz', 'tm.memory.match') if m in sys.modules))\n"
             "    return start(url)\nlibpq.start = spy\nfrom tm.cli.common import match_rows\n"
             "rows = match_rows(sys.argv[1], '支持算力技术攻关和平台建设第7项', None, 70.0, 5)[2]\n"
             "print(json.dumps([seen, len(rows)]))\n")
    done = subprocess.run([sys.executable, "-c", probe, url], capture_output=True, text=True, timeout=120)
    assert json.loads(done.stdout) == [[[]], 5], done.stderr


def test_a_connection_is_closed_when_its_last_reference_goes(pg_url):
    """No cycle holds a connection: a one-shot command runs without the cyclic collector,
    and a connection in a cycle stayed open until the interpreter's exit."""
    import gc
    import weakref
    need_libpq()
    conn = libpq.connect(pg_url)
    pid = conn.info.backend_pid
    gone = weakref.ref(conn)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del conn
        assert gone() is None
    finally:
        if enabled:
            gc.enable()
    watcher = psycopg_raw(pg_url)
    for _ in range(100):
        if not watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchall():
            break
        time.sleep(0.05)
    else:
        pytest.fail("the server still has the connection's session")


def test_libpq_is_loaded_with_lazy_binding(monkeypatch):
    """On Linux libpq is opened by the C library's dlopen with RTLD_LAZY (ctypes' own adds
    RTLD_NOW: every function of libpq and of the libraries it brings resolved before the
    first call, ~0.6 ms of a one-shot command), and works; a library that cannot be opened
    is ctypes' error as before."""
    import ctypes
    import sys
    need_libpq()
    if not sys.platform.startswith("linux"):
        pytest.skip("lazy binding is asked for on Linux only")
    made = []
    real = ctypes.CDLL

    class Spy(real):
        def __init__(self, name, *args, **kwargs):
            made.append((name, kwargs.get("handle") is not None))
            super().__init__(name, *args, **kwargs)
    monkeypatch.setattr(ctypes, "CDLL", Spy)
    name = libpq.candidates()[0]
    lib = libpq._Lib(libpq._open(name))
    assert made == [(None, False), (name, True)]
    assert lib.PQstatus(None) == 1      # CONNECTION_BAD: a function called through the lazy binding
    with pytest.raises(OSError, match="nonexistent"):
        libpq._open("/nonexistent/libpq.so.5")
