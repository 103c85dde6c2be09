"""`glossary import` and `glossary export` of real glossary files on SQLite and on PostgreSQL.

    python bench/glossary_server.py                      # a throw-away cluster (tests/_pgcluster.py)
    python bench/glossary_server.py --url postgresql://tm@host/db
    python bench/glossary_server.py FILE …               # other files

Each file (default: the msterm CSV and the zh_Hant git glossary of ../shared/bench/realfiles)
is imported by the command itself (a child process, `glossary --db TARGET import FILE`) into
a fresh SQLite file and into a fresh PostgreSQL schema, then exported (`--format tbx`, the
approved entries, and `--format csv --status all`); then imported again with `--status
candidate` into fresh databases and exported as the review sheet (`--format csv --status
candidate`), where each candidate carries the memory's renderings. For each command: the wall
time of the child and the statements the term base sent (calls of the connection's
``execute`` and ``executemany``: on a server each is a round trip; opening and migrating a
fresh database is about 140 of them). The exports must be the same bytes on both backends.

Every figure is printed with the machine, the date and the load average.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "bench" / "realfiles"
FILES = [REAL / "glossary" / "msterm_Termbase_en_zh_CN.csv", REAL / "tbx" / "git-glossary_zh_Hant.tbx"]

# the child: the `glossary` command, its connection's statements counted (written to the pipe)
CHILD = r"""
import atexit, os, sqlite3, sys
counted = [0]
class Counting(sqlite3.Connection):
    def execute(self, *a):
        counted[0] += 1
        return super().execute(*a)
    def executemany(self, *a):
        counted[0] += 1
        return super().executemany(*a)
plain = sqlite3.connect
sqlite3.connect = lambda *a, **k: plain(*a, factory=Counting, **k)
try:
    from tm.memory import pg
    for name in ("execute", "executemany"):
        def wrap(f):
            def counting(self, *a):
                counted[0] += 1
                return f(self, *a)
            return counting
        setattr(pg.Connection, name, wrap(getattr(pg.Connection, name)))
except ImportError:
    pass
atexit.register(lambda: os.write(int(os.environ["GLOSSARY_BENCH_FD"]), str(counted[0]).encode()))
from glossary.cli import cli
cli(sys.argv[1:], prog_name="glossary")
"""


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"


def run(args: list[str]) -> tuple[float, int]:
    """Run `glossary ARGS`; (wall seconds, statements sent)."""
    read, write = os.pipe()
    env = dict(os.environ, PYTHONPATH=str(ROOT), GLOSSARY_BENCH_FD=str(write))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, *args], pass_fds=(write,), env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    os.close(write)
    counted = os.read(read, 100)
    os.close(read)
    if done.returncode:
        sys.exit(f"glossary {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return wall, int(counted or 0)


def fresh_schema(url: str) -> str:
    import psycopg
    schema = f"g_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, default=FILES)
    ap.add_argument("--url", help="A PostgreSQL database (default: a throw-away cluster).")
    args = ap.parse_args()
    missing = [f for f in args.files if not f.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))} (../shared/bench/realfiles)")
        return 0
    cluster = None
    url = args.url
    if url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        import _pgcluster
        try:
            cluster = _pgcluster.start()
        except _pgcluster.Unavailable as exc:
            print(f"PostgreSQL unavailable: {exc}")
            return 0
        url = cluster.url
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "glossary"), str(ROOT / "tm")], check=True)
    print(f"glossary on SQLite and PostgreSQL; {machine()}; code {ROOT}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for path in args.files:
                for status in ("approved", "candidate"):
                    exports = [("tbx", "approved"), ("csv", "all")] if status == "approved" else [("csv", "candidate")]
                    got: dict[str, dict] = {}
                    for backend in ("sqlite", "postgresql"):
                        target = str(Path(tmp, f"{uuid.uuid4().hex}.db")) if backend == "sqlite" else fresh_schema(url)
                        wall, n = run(["--db", target, "import", str(path), "--status", status])
                        print(f"  {path.name} import --status {status:9} {backend:10} {wall:6.2f} s  {n:7,} statements")
                        for fmt, which in exports:
                            out = Path(tmp, f"{backend}.{which}.{fmt}")
                            wall, n = run(["--db", target, "export", "--format", fmt, "--status", which, "-o", str(out)])
                            got.setdefault(f"{fmt} --status {which}", {})[backend] = out.read_bytes()
                            print(f"  {path.name} export --format {fmt} --status {which:9} {backend:10} {wall:6.2f} s  "
                                  f"{n:7,} statements")
                    for name, by in got.items():
                        same = by["sqlite"] == by["postgresql"]
                        print(f"  {path.name} export {name}: {len(by['sqlite']):,} bytes, "
                              f"{'the same on both' if same else 'DIFFERENT on the two backends'}")
        print(f"done; {machine()}")
    finally:
        if cluster is not None:
            _pgcluster.stop(cluster.directory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
