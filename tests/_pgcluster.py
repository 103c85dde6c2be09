"""A throw-away PostgreSQL cluster for the tests and benchmarks.

``python tests/_pgcluster.py start`` prints shell lines (``export TM_TEST_PG=…``,
``export TM_TEST_PG_DIR=…``) and leaves the server running; ``… stop DIR`` stops it
and removes the directory. :func:`start` / :func:`stop` do the same from Python
(the test session's fixture uses them when no server was given).

The cluster is made with Debian's ``initdb``/``pg_ctl`` in a fresh temporary
directory, listening on 127.0.0.1 and a free port only, with trust authentication
for its one user ``tm``. PostgreSQL refuses to run as root, so as root the
programs run as the ``postgres`` system user (made by Debian's package), else as
``nobody``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DBNAME = "zt"
USER = "tm"


class Unavailable(Exception):
    """No PostgreSQL server can be started here (the message says why)."""


@dataclass
class Cluster:
    url: str
    directory: str
    bindir: str
    user: str | None      # the system user running the server (None: ourselves)


def bindir() -> str:
    """The directory of ``initdb`` and ``pg_ctl``: the newest Debian one, else on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(os.path.realpath(initdb))
    raise Unavailable("initdb not found (install the Debian package postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], user: str | None, **kw) -> subprocess.CompletedProcess:
    if user is not None:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise Unavailable("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL")


def start(*, settings: dict[str, str] | None = None, base: str | None = None) -> Cluster:
    """Make and start a cluster; returns its URL. Raises :class:`Unavailable`."""
    bins = bindir()
    user = _server_user()
    directory = tempfile.mkdtemp(prefix="zt-pg-", dir=base)
    os.chmod(directory, 0o755)
    if user is not None:
        pw = pwd.getpwnam(user)
        os.chown(directory, pw.pw_uid, pw.pw_gid)
    data = os.path.join(directory, "data")
    done = _run([f"{bins}/initdb", "-D", data, "-U", USER, "-A", "trust", "-E", "UTF8",
                 "--locale", "C.UTF-8", "--no-sync"], user, timeout=120)
    if done.returncode:
        shutil.rmtree(directory, ignore_errors=True)
        raise Unavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
    port = _free_port()
    options = {"listen_addresses": "127.0.0.1", "port": str(port), "unix_socket_directories": directory,
               "max_connections": "100", "shared_buffers": "256MB", **(settings or {})}
    opts = " ".join(f"-c {k}={v}" for k, v in options.items())
    done = _run([f"{bins}/pg_ctl", "-D", data, "-l", os.path.join(directory, "log"), "-o", opts,
                 "-w", "-t", "60", "start"], user, timeout=90)
    if done.returncode:
        log = Path(directory, "log").read_text(errors="replace")[-2000:] if Path(directory, "log").exists() else ""
        shutil.rmtree(directory, ignore_errors=True)
        raise Unavailable(f"pg_ctl start failed: {done.stderr.strip()} {log}")
    cluster = Cluster(url=f"postgresql://{USER}@127.0.0.1:{port}/{DBNAME}", directory=directory,
                      bindir=bins, user=user)
    for sql, db in ((f"CREATE DATABASE {DBNAME} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", "postgres"),
                    ("CREATE EXTENSION IF NOT EXISTS pg_trgm", DBNAME)):
        done = _run([f"{bins}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", str(port),
                     "-U", USER, "-d", db, "-c", sql], user, timeout=60)
        if done.returncode:
            stop(directory)
            raise Unavailable(f"psql failed: {done.stderr.strip()}")
    return cluster


def stop(directory: str) -> None:
    """Stop the cluster in ``directory`` (fast shutdown) and remove the directory."""
    data = os.path.join(directory, "data")
    if os.path.isdir(data):
        user = _server_user()
        _run([f"{bindir()}/pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop"], user, timeout=90)
    shutil.rmtree(directory, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["start"]:
        try:
            cluster = start()
        except Unavailable as exc:
            print(f"echo 'PostgreSQL unavailable: {exc}' >&2", flush=True)
            return 1
        print(f"export TM_TEST_PG='{cluster.url}'\nexport TM_TEST_PG_DIR='{cluster.directory}'")
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        stop(argv[1])
        return 0
    print("usage: _pgcluster.py start | stop DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
