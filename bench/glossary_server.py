"""`glossary import`, `export`, `undo --whole` and `extract` on SQLite and on PostgreSQL.

    python bench/glossary_server.py                      # a throw-away cluster (tests/_pgcluster.py)
    python bench/glossary_server.py --url postgresql://tm@host/db
    python bench/glossary_server.py FILE …               # other files
    python bench/glossary_server.py --shared DIR         # ../shared/bench elsewhere (an older checkout)

Each file (default: the msterm CSV and the zh_Hant git glossary of ../shared/bench/realfiles)
is imported by the command itself (a child process, `glossary --db TARGET import FILE`) into
a fresh SQLite file and into a fresh PostgreSQL schema, then exported (`--format tbx`, the
approved entries, and `--format csv --status all`), then the import is undone whole
(`glossary undo --whole`); then imported again with `--status candidate` into fresh
databases and exported as the review sheet (`--format csv --status candidate`), where each
candidate carries the memory's renderings. Last, the 10,000-unit memory of
bench/terms_speed.py is imported (`tm import`, not timed) into a fresh database of each
backend and `glossary extract` run on it: its time and, within it, the time of storing the
candidates (``store_candidates``). For each command: the wall time of the child and the
statements the term base sent (calls of the connection's ``execute`` and ``executemany``: on
a server each is a round trip; opening and migrating a fresh database is about 140 of
them). The exports must be the same bytes on both backends, and so must the entries,
usage and character index an extraction stores.

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
SHARED = ROOT.parent / "shared" / "bench"
FILES = [Path("realfiles", "glossary", "msterm_Termbase_en_zh_CN.csv"), Path("realfiles", "tbx", "git-glossary_zh_Hant.tbx")]

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
import time
from glossary.termbase import store
stored = [0.0]
def timed(f):
    def storing(*a, **k):
        start = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            stored[0] += time.perf_counter() - start
    return storing
store.store_candidates = timed(store.store_candidates)
atexit.register(lambda: os.write(int(os.environ["GLOSSARY_BENCH_FD"]), f"{counted[0]} {stored[0]}".encode()))
from glossary.cli import cli
cli(sys.argv[1:], prog_name="glossary")
"""


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"


def run(args: list[str]) -> tuple[float, int]:
    """Run `glossary ARGS`; (wall seconds, statements sent). ``run.stored``: the seconds
    it spent storing extraction's candidates."""
    read, write = os.pipe()
    env = dict(os.environ, PYTHONPATH=str(ROOT), GLOSSARY_BENCH_FD=str(write))
    start = time.perf_counter()
    # (in ROOT: `python -c` puts the working directory first on sys.path, and the code of
    # another checkout run from there would be measured in its place)
    done = subprocess.run([sys.executable, "-c", CHILD, *args], pass_fds=(write,), env=env, cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    os.close(write)
    counted = os.read(read, 100).split()
    os.close(read)
    if done.returncode:
        sys.exit(f"glossary {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    run.stored = float(counted[1]) if counted else 0.0
    return wall, int(counted[0]) if counted else 0


def extraction(shared: Path, url: str, tmp: str, units: int) -> None:
    """`glossary extract` on the memory of bench/terms_speed.py, on both backends: the
    command's time, the time storing its candidates, its statements; the entries, usage and
    character index it stores must be the same on both."""
    sys.path.insert(0, str(ROOT / "bench"))
    from terms_speed import build_memory, write_memory
    memory, real = build_memory(shared, units)
    if not memory:
        print(f"  extract: no real units under {shared}")
        return
    tsv = write_memory(memory, Path(tmp, "memory.tsv"))
    print(f"  memory: {len(memory):,} units ({len(real):,} distinct real units, the rest repeated; "
          f"bench/terms_speed.py)")
    rows = {}
    for backend in ("sqlite", "postgresql"):
        target = str(Path(tmp, f"{uuid.uuid4().hex}.db")) if backend == "sqlite" else fresh_schema(url)
        done = subprocess.run([sys.executable, "-c", "from tm.cli import cli; cli()", "--db", target, "import",
                               str(tsv), "--on-duplicate", "error"], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
        if done.returncode:
            sys.exit(f"tm import {tsv} failed ({done.returncode}):\n{done.stderr}")
        wall, n = run(["--db", target, "extract", "--format", "jsonl", "--quiet"])
        print(f"  extract {backend:10} {wall:6.2f} s, storing the candidates {run.stored:6.2f} s  {n:7,} statements")
        rows[backend] = stored_rows(target)
    counts = {name: len(r) for name, r in rows["sqlite"].items()}
    print(f"  extract stored {counts['entry']:,} entries, {counts['usage']:,} usage rows, {counts['char']:,} "
          f"characters: {'the same on both' if rows['sqlite'] == rows['postgresql'] else 'DIFFERENT on the two backends'}")


def stored_rows(target: str) -> dict[str, list]:
    """The entries, usage and character index of the term base at ``target``."""
    sys.path.insert(0, str(ROOT))
    from glossary.termbase.store import open_termbase
    db = open_termbase(target)
    out = {name: [tuple(r) for r in db.execute(sql).fetchall()] for name, sql in {
        "entry": "SELECT id, zh, pinyin, kind, status, parts, count, score FROM glossary_entry ORDER BY id",
        "usage": "SELECT entry_id, en, en_key, fold_key, count, units FROM glossary_usage ORDER BY entry_id, en",
        "char": "SELECT ch, entry_id FROM glossary_char ORDER BY ch, entry_id"}.items()}
    db.conn.close()
    return out


def fresh_schema(url: str) -> str:
    import psycopg
    schema = f"g_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--url", help="A PostgreSQL database (default: a throw-away cluster).")
    ap.add_argument("--shared", type=Path, default=SHARED, help="The shared bench folder (default: %(default)s).")
    ap.add_argument("--units", type=int, default=10_000, help="The memory extract reads (default: %(default)s units).")
    args = ap.parse_args()
    args.files = [f.resolve() for f in args.files or [args.shared / f for f in FILES]]
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
                        if status == "approved":
                            wall, n = run(["--db", target, "undo", "--whole"])
                            print(f"  {path.name} undo --whole {backend:33} {wall:6.2f} s  {n:7,} statements")
                    for name, by in got.items():
                        same = by["sqlite"] == by["postgresql"]
                        print(f"  {path.name} export {name}: {len(by['sqlite']):,} bytes, "
                              f"{'the same on both' if same else 'DIFFERENT on the two backends'}")
            extraction(args.shared, url, tmp, args.units)
        print(f"done; {machine()}")
    finally:
        if cluster is not None:
            _pgcluster.stop(cluster.directory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
