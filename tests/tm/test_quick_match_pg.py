"""A one-shot ``tm match`` / ``tm search`` against a server reads through libpq by ctypes
(tm.memory.libpq), never importing psycopg, and says exactly what it said through psycopg and
what it says on SQLite: the same output in every format, messages and exit codes.

Each case runs ``tm`` as the console script does, in a fresh interpreter, three ways: against
the server (libpq), against the server with libpq made unloadable (psycopg, the fallback), and
against an SQLite file holding the same memory.
"""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from _pgwire import message, query, read, ready, startup
from conftest import need
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

from memory.test_match import edit_en, edit_zh, plan_sentences

ROOT = Path(__file__).resolve().parents[2]

# argv[1]: where to report the modules loaded; argv[2]: "libpq", "libpq-old" (libpq 17's
# non-blocking cancel functions not used: PQcancel, as an older libpq has only that) or
# "psycopg" (libpq made unloadable first: the fallback); the rest: tm's arguments.
_RUN = """
import atexit, json, sys
report, how = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
def _report():
    with open(report, "w") as fh:
        json.dump(sorted(sys.modules), fh)
atexit.register(_report)
if how == "psycopg":
    import tm.memory.libpq
    tm.memory.libpq._lib = False
if how == "libpq-old":
    import tm.memory.libpq
    tm.memory.libpq.load().cancel_conn = False
from tm.cli import cli
cli(prog_name="tm")
"""


def _command(how: str, args, tmp_path, env=None) -> dict:
    """subprocess's arguments for running ``tm args`` as :data:`_RUN` does."""
    return dict(args=[sys.executable, "-c", _RUN, str(tmp_path / f"modules-{how}.json"), how, *args],
                env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **(env or {})},
                cwd=tmp_path)


def run(how: str, args, tmp_path, env=None):
    report = tmp_path / f"modules-{how}.json"
    report.unlink(missing_ok=True)
    done = subprocess.run(**_command(how, args, tmp_path, env), capture_output=True, timeout=120)
    modules = json.loads(report.read_text()) if report.exists() else []
    return done.returncode, done.stdout.decode(), done.stderr.decode(), modules


@pytest.fixture(scope="module")
def memories(pg_server, tmp_path_factory):
    """The same memory (the plan's sentences and edited variants of them, 600 units) in a
    schema of its own on the server and in an SQLite file."""
    import uuid

    import psycopg
    url, why = pg_server
    need(url is not None, why or "PostgreSQL")
    from tm.memory import libpq
    need(libpq.load() is not None, "a libpq that ctypes can load")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    server = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"
    rng = random.Random(5)
    zh, en = plan_sentences()
    units = [TranslationUnit(zh=edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3, 8])),
                             en=edit_en(rng, rng.choice(en), rng.choice([0, 1, 2, 4]))) for _ in range(600)]
    lite = tmp_path_factory.mktemp("pgquick") / "m.db"
    import_units(open_store(server), units)
    import_units(open_store(lite), units)
    yield server, lite, zh, en
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def cases(zh, en):
    rng = random.Random(8)
    qz, qe = edit_zh(rng, zh[20], 2), edit_en(rng, en[30], 1)
    out = []
    for fmt in ("table", "json", "jsonl", "tsv", "csv"):
        out += [["match", qz, "--format", fmt], ["match", qe, "--from", "en", "--min", "50", "--format", fmt],
                ["search", "人工智能", "--limit", "4", "--format", fmt],
                ["search", "computing power", "--format", fmt]]
    return out + [
        ["match", qz, "--min", "90", "--limit", "2"],
        ["match", edit_zh(rng, zh[7], 4), "--min", "40", "--limit", "3"],     # <= 50: a full scan
        ["match", "完全不同的一句话"],                                          # no match: exit 1
        ["match", "完全不同的一句话", "--format", "json"],
        ["match", qz, "--color"],
        ["match", "   "],                                                     # Error: nothing to match
        ["search", "comput*", "--format", "jsonl"],
        ["search", "局", "--limit", "3"],
        ["search", "没有这个词"],                                              # no hit: exit 1
        ["search", "intelligence", "--color", "--limit", "2"],
    ]


def test_one_shot_commands_say_the_same_through_libpq_psycopg_and_sqlite(memories, tmp_path):
    server, lite, zh, en = memories
    exits = set()
    for args in cases(zh, en):
        ours = run("libpq", ["--db", server, *args], tmp_path)
        fallback = run("psycopg", ["--db", server, *args], tmp_path)
        sqlite = run("libpq", ["--db", str(lite), *args], tmp_path)
        assert ours[:3] == fallback[:3] == sqlite[:3], args
        assert "Traceback" not in ours[2]
        assert "psycopg" not in ours[3], args            # the server read without psycopg
        if args[1].strip():
            assert "psycopg" in fallback[3], args        # ... and the fallback with it
        exits.add(ours[0])
    assert exits == {0, 1, 2}


def test_a_one_shot_match_on_a_server_imports_no_sqlite3(memories, tmp_path):
    """A server's one-shot ``tm match`` reads through libpq alone: neither :mod:`sqlite3` nor
    :mod:`tm.memory.db` (with :mod:`datetime`, ~9.7M instructions, ~1 ms of every command)."""
    server, lite, zh, en = memories
    query = edit_zh(random.Random(8), zh[20], 2)
    code, out, err, modules = run("libpq", ["--db", server, "match", query], tmp_path)
    assert (code, err) == (0, "") and out
    assert not {"sqlite3", "tm.memory.db", "datetime"} & set(modules)
    assert run("libpq", ["--db", str(lite), "match", query], tmp_path)[:3] == (code, out, err)


def test_the_memory_named_by_tm_db(memories, tmp_path):
    server, lite, zh, _ = memories
    ours = run("libpq", ["match", zh[3]], tmp_path, {"TM_DB": server})
    assert ours[:3] == run("libpq", ["match", zh[3]], tmp_path, {"TM_DB": str(lite)})[:3]
    assert ours[0] == 0 and zh[3] in ours[1] and "psycopg" not in ours[3]


def _password_server(sock: socket.socket, stop: threading.Event) -> None:
    """A server that asks every client for a password and refuses it, as PostgreSQL does
    (no encryption offered; the errors message of PostgreSQL's own)."""
    while not stop.is_set():
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        with conn:
            try:
                if startup(conn) is None:       # a cancel request
                    continue
                conn.sendall(message(b"R", (3).to_bytes(4, "big")))        # cleartext password, please
                kind = read(conn, 1)
                read(conn, int.from_bytes(read(conn, 4), "big") - 4)
                if kind == b"p":
                    conn.sendall(message(b"E", b"SFATAL\0VFATAL\0C28P01\0"
                                         b"Mpassword authentication failed for user \"tm\"\0\0"))
            except (ConnectionError, OSError):
                pass


@pytest.fixture
def refusing_server():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(30)
    stop = threading.Event()
    thread = threading.Thread(target=_password_server, args=(sock, stop), daemon=True)
    thread.start()
    yield sock.getsockname()[1]
    stop.set()
    sock.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("problem", ["password", "no password", "unreachable", "no database"])
def test_a_server_that_cannot_be_used_is_one_error_line(memories, refusing_server, tmp_path, problem):
    server, *_ = memories
    target = {"password": f"postgresql://tm:secret@127.0.0.1:{refusing_server}/zt",
              "no password": f"postgresql://tm@127.0.0.1:{refusing_server}/zt?sslmode=disable",
              "unreachable": f"postgresql://tm:secret@127.0.0.1:{_free_port()}/zt",
              "no database": server.replace("?", "_missing_db_xyz?", 1)}[problem]
    for command in (["match", "支持算力技术攻关"], ["search", "人工智能"]):
        ours = run("libpq", ["--db", target, *command], tmp_path, {"PGPASSFILE": str(tmp_path / "none")})
        fallback = run("psycopg", ["--db", target, *command], tmp_path, {"PGPASSFILE": str(tmp_path / "none")})
        assert ours[:3] == fallback[:3]
        code, out, err, modules = ours
        assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
        assert err.startswith("Error: postgresql://") and ": cannot connect: connection failed: " in err
        assert "secret" not in err
        assert "psycopg" not in modules
        expected = {"password": 'password authentication failed for user "tm"',
                    "no password": "no password supplied", "unreachable": "Connection refused",
                    "no database": "_missing_db_xyz\" does not exist"}[problem]
        assert expected in err


# As _RUN ("libpq" or "psycopg"), and once the memory is open the server process of its
# connection is ended (pg_terminate_backend: what a restart or an administrator does), so the
# command's first statement meets a lost connection.
_LOST = """
import sys, time
how = sys.argv.pop(1)
import psycopg
from tm.memory import libpq, pg

def lose(raw, url):
    pid = raw.info.backend_pid
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            time.sleep(0.01)

if how == "psycopg":
    libpq._lib = False
    made = pg.Database.__init__
    def __init__(self, url):
        made(self, url)
        lose(self.conn.raw, url)
    pg.Database.__init__ = __init__
else:
    opened = pg.open_reader
    def open_reader(url, usable, *started):
        db = opened(url, usable, *started)
        lose(db.conn.raw, url)
        return db
    pg.open_reader = open_reader
from tm.cli import cli
cli(prog_name="tm")
"""


@pytest.mark.parametrize("how", ["libpq", "psycopg"])
def test_a_connection_lost_while_a_command_runs_is_one_error_line(memories, tmp_path, how):
    server, *_ = memories
    target = server.replace("://tm@", "://tm:secret@", 1)      # trust: any password is taken
    assert target != server
    commands = [["match", "支持算力技术攻关"], ["search", "人工智能"]]
    if how == "psycopg":
        commands += [["stats"], ["export", "-o", str(tmp_path / "out.tmx")]]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    for command in commands:
        done = subprocess.run([sys.executable, "-c", _LOST, how, "--db", target, *command],
                              capture_output=True, env=env, timeout=120, cwd=tmp_path)
        err = done.stderr.decode()
        assert done.returncode == 2 and done.stdout == b"", (command, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith("Error: postgresql://tm:***@127.0.0.1:"), err
        assert ": the connection to the server was lost: " in err and "secret" not in err, err
    assert not (tmp_path / "out.tmx").exists()


def test_a_client_encoding_of_the_environment_or_url_is_not_the_commands(memories, tmp_path):
    """Both drivers talk UTF-8 whatever PGCLIENTENCODING or the URL's client_encoding say:
    psycopg encoded the Chinese query in LATIN1 (a UnicodeEncodeError traceback)."""
    server, lite, zh, _ = memories
    args = ["match", zh[3], "--format", "json"]
    expected = run("libpq", ["--db", str(lite), *args], tmp_path)[:3]
    assert expected[0] == 0
    for how in ("libpq", "psycopg"):
        assert run(how, ["--db", server, *args], tmp_path, {"PGCLIENTENCODING": "LATIN1"})[:3] == expected, how
        assert run(how, ["--db", f"{server}&client_encoding=latin1", *args], tmp_path)[:3] == expected, how


def _mute_server(sock: socket.socket, queried: threading.Event, cancels: list) -> None:
    """A server that stops answering once a query is sent (a host gone, a network dead): it
    takes the connection and the query, then says nothing more; a cancel request's connection
    is taken and never answered either (``cancels``: when each came)."""
    held = []

    def serve(conn):
        try:
            if startup(conn) is None:
                cancels.append(time.monotonic())
                return
            ready(conn)
            query(conn)
            queried.set()
        except (ConnectionError, OSError):
            pass

    while True:
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        held.append(conn)       # never closed while the test runs: no answer, no end
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


@pytest.mark.parametrize("how,signum", [
    (how, signum) if (how, signum) != ("psycopg", signal.SIGINT) else     # psycopg's 5 s + 5 s
    pytest.param(how, signum, marks=pytest.mark.slow)
    for how in ("libpq", "libpq-old", "psycopg") for signum in (signal.SIGINT, signal.SIGTERM)])
def test_a_command_stopped_while_the_server_does_not_answer_ends(tmp_path, how, signum):
    """Ctrl-C or SIGTERM while the server says nothing: the query's cancel request is a new
    connection that the server does not answer either. libpq's PQcancel waited for it in C
    with no timeout, and the command hung where the user stopped it; now the request is given
    connect_timeout (here 2 s; at most 5 s, as psycopg gives it) and the command ends with the
    usual line and code. psycopg, on Ctrl-C, waits 5 s for its own request and 5 s more for
    the query (its warnings that both failed were two more lines); on SIGTERM it sends none."""
    from tm.memory import libpq
    need(libpq.load() is not None, "a libpq that ctypes can load")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    queried, cancels = threading.Event(), []
    threading.Thread(target=_mute_server, args=(sock, queried, cancels), daemon=True).start()
    url = f"postgresql://tm@127.0.0.1:{sock.getsockname()[1]}/zt?sslmode=disable&gssencmode=disable&connect_timeout=2"
    # Ctrl-C reaches a command started from a terminal with SIGINT at its default; a test run
    # started in the background (nohup, `&` in a script) passes SIGINT on ignored, and the
    # interpreter then never sees it
    proc = subprocess.Popen(**_command(how, ["--db", url, "match", "支持算力技术攻关"], tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert queried.wait(60), "the command sent no query"
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=40)     # before: for ever (PQcancel)
    finally:
        proc.kill()
        sock.close()
    assert (proc.returncode, out, err.decode()) == \
        (128 + signum, b"", f"Error: stopped by signal {int(signum)}; nothing was left half-written\n")
    if how != "psycopg":
        for _ in range(100):        # the request was sent (its thread may not have run yet)
            if cancels:
                break
            time.sleep(0.05)
        assert cancels
