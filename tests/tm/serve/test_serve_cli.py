"""`tm serve` as a user starts it: a real process, a real socket, real HTTP."""

import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from _procs import command, env
from tm.cli import EXIT_ERROR
from conftest import copy_db


def start(*args):
    proc = subprocess.Popen(command("tm", *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
                            text=True)
    line = proc.stderr.readline()
    if not line.startswith("Workbench of "):
        proc.kill()
        raise AssertionError(line + proc.stderr.read())
    return proc, re.search(r"(http://\S+)", line).group(1)


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def fetch(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=20) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_serve_on_loopback(plan_memory, tmp_path):
    db = copy_db(plan_memory, tmp_path / "p.db")
    proc, url = start("--db", db, "serve", "--port", "0")
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        status, page = fetch(url)
        assert status == 200 and "tianjin-ai-action-plan-2025-2027" in page
        status, page = fetch(url + "align")
        assert status == 200 and 'id="beads"' in page
        assert fetch(url + "static/workbench.js")[0] == 200
        port = url.rsplit(":", 1)[1].strip("/")
        assert fetch(url, {"Host": f"rebound.example:{port}"})[0] == 400
    finally:
        stop(proc)


def test_serve_elsewhere_needs_a_token_and_prints_it(plan_memory, tmp_path):
    db = copy_db(plan_memory, tmp_path / "p.db")
    proc, url = start("--db", db, "serve", "--host", "0.0.0.0", "--port", "0")
    try:
        m = re.fullmatch(r"(http://127\.0\.0\.1:\d+/)\?token=([\w-]{20,})", url)
        assert m, url
        base, token = m.groups()
        assert fetch(base)[0] == 401
        assert fetch(base + "?token=wrong")[0] == 401
        assert fetch(base, {"Authorization": f"Bearer {token}"})[0] == 200
        # the printed URL works in a browser: a redirect that sets the session cookie, then the page
        import http.cookiejar
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(url, timeout=20) as r:
            assert r.status == 200 and r.url == base and "Document pairs" in r.read().decode("utf-8")
        with opener.open(base + "align", timeout=20) as r:
            assert r.status == 200
    finally:
        stop(proc)


def test_serve_on_a_server_names_it_without_its_password(pg_url):
    from tm.memory.store import open_store
    open_store(pg_url).conn.close()
    proc = subprocess.Popen(command("tm", "--db", pg_url + "&password=secret", "serve", "--port", "0"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), text=True)
    try:
        line = proc.stderr.readline()
        assert line.startswith("Workbench of postgresql://") and "password=***" in line, line
        assert "secret" not in line
    finally:
        stop(proc)


def test_serve_refuses_a_missing_database_and_a_busy_port(tmp_path, plan_memory):
    r = subprocess.run(command("tm", "--db", tmp_path / "none.db", "serve", "--port", "0"), env=env(),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == EXIT_ERROR and r.stderr.startswith(f"Error: {tmp_path / 'none.db'}: no such database")
    assert not (tmp_path / "none.db").exists()
    db = copy_db(plan_memory, tmp_path / "p.db")
    proc, url = start("--db", db, "serve", "--port", "0")
    try:
        port = url.rsplit(":", 1)[1].strip("/")
        r = subprocess.run(command("tm", "--db", db, "serve", "--port", port), env=env(), capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == EXIT_ERROR and r.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    finally:
        stop(proc)


def test_serve_warm_reads_the_database_beside_the_server_and_says_so(plan_memory, tmp_path):
    import threading

    db = copy_db(plan_memory, tmp_path / "p.db")
    proc, url = start("--db", db, "serve", "--port", "0", "--warm")
    try:
        # the line read in a thread, not by select() on the pipe: when the warm line came with
        # the server's first (a loaded machine), start()'s readline had taken it into the
        # reader's buffer, and select() waited on an empty pipe
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(proc.stderr.readline()), daemon=True)
        reader.start()
        reader.join(30)
        assert got, "no line from --warm within 30 s"
        line = got[0]
        size = sum(p.stat().st_size for p in (db, tmp_path / "p.db-wal") if p.exists())
        assert re.fullmatch(r"Warm: read [12] files? \((\d+\.\d) MB\) into the page cache in \d+\.\d s\n", line), line
        assert float(re.search(r"\(([\d.]+) MB", line).group(1)) == round(size / 2**20, 1)
        assert fetch(url)[0] == 200
    finally:
        stop(proc)
