"""Hand edits in a large document pair, on both backends: split, unalign, merge and edit,
each undone, in the library (tm.memory.edit), timed one by one.

A synthetic pair of N 1-1 beads (bench/synth.py texts) is stored as the aligner stores it,
in SQLite and, with --pg (a throw-away cluster, tests/_pgcluster.py) or --url, copied into
PostgreSQL (tm copy's function, then ANALYZE as autovacuum would). On ``--ops`` units spread
over the pair: split (the first Chinese sentence from the English), undo; merge with the
next unit, undo; unalign, undo; edit the English, undo. Printed per operation: the median
and p95 wall time, this process's CPU time (mean), and on PostgreSQL the CPU time of the
connection's server process (mean; /proc, 10 ms ticks). At the end each table must be
exactly as before (every change undone). Machine, date and load average with the figures.

    python bench/edit_scale.py [--units 50000] [--ops 10] [--pg | --url postgresql://…]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import one_to_one_pair  # noqa: E402
from tm.memory import edit  # noqa: E402
from tm.memory.store import open_store, store_alignment  # noqa: E402


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load}")


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def server_cpu(db) -> float | None:
    """CPU seconds of a PostgreSQL connection's server process (a local server), else None."""
    raw = getattr(db.conn, "raw", None)
    if raw is None:
        return None
    pid = raw.execute("SELECT pg_backend_pid()").fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def digest(db) -> str:
    h = hashlib.sha256()
    for row in db.conn.execute("SELECT id, key, pair, position, zh, en, zh_segments, en_segments, status, "
                               "confidence, edited FROM units ORDER BY id"):
        h.update(repr(row).encode("utf-8"))
    return h.hexdigest()


def run(db, name: str, ops: int) -> None:
    keys = [k for (k,) in db.conn.execute("SELECT key FROM units ORDER BY position, id")]
    picked = [keys[(i * len(keys)) // ops + 3] for i in range(ops)]
    before = digest(db)
    out: dict[str, list[tuple[float, float, float | None]]] = {}

    def op(what, fn):
        w, c, s = time.perf_counter(), cpu(), server_cpu(db)
        fn()
        s2 = server_cpu(db)
        out.setdefault(what, []).append((time.perf_counter() - w, cpu() - c, None if s is None else s2 - s))

    for key in picked:
        op("split", lambda: edit.split_unit(db, key, zh_at=1, en_at=0))
        op("undo of split", lambda: edit.undo(db))
        nxt = edit.unit_detail(db, key).next
        op("merge", lambda: edit.merge_units(db, [key, nxt]))
        op("undo of merge", lambda: edit.undo(db))
        op("unalign", lambda: edit.unalign_unit(db, key))
        op("undo of unalign", lambda: edit.undo(db))
        op("edit", lambda: edit.edit_unit(db, key, en="Corrected by hand."))
        op("undo of edit", lambda: edit.undo(db))
    assert digest(db) == before, "the undos did not give back the table"
    print(f"{name}: {len(keys):,} units; every change undone, the table as before")
    for what, rows in out.items():
        wall = sorted(r[0] * 1000 for r in rows)
        p95 = wall[min(len(wall) - 1, round(0.95 * (len(wall) - 1)))]
        line = (f"  {what:<16} median {statistics.median(wall):8.1f} ms, p95 {p95:8.1f} ms; "
                f"CPU {statistics.mean(r[1] for r in rows) * 1000:6.1f} ms")
        if rows[0][2] is not None:
            line += f", server CPU {statistics.mean(r[2] for r in rows) * 1000:7.1f} ms"
        print(line + f" (mean, n={len(rows)})")
    print(f"  load average now {os.getloadavg()[0]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=50_000)
    ap.add_argument("--ops", type=int, default=10)
    ap.add_argument("--pg", action="store_true", help="Also on PostgreSQL, a throw-away cluster.")
    ap.add_argument("--url", help="Also on this PostgreSQL database (must be empty).")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    zh, en, alignment = one_to_one_pair(args.units)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edit.db"
        db = open_store(path)
        store_alignment(db, pair_name="big", zh_path="big.zh.txt", en_path="big.en.txt", alignment=alignment)
        run(db, "SQLite", args.ops)
        if not (args.pg or args.url):
            return
        cluster = None
        url = args.url
        if url is None:
            sys.path.insert(0, str(ROOT / "tests"))
            import _pgcluster
            cluster = _pgcluster.start()
            url = cluster.url
        try:
            import psycopg
            from tm.memory.copy import copy_database

            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            pg = open_store(url)
            copy_database(open_store(path), pg)
            pg.conn.raw.execute("ANALYZE")
            run(pg, "PostgreSQL", args.ops)
            pg.close()
        finally:
            if cluster is not None:
                _pgcluster.stop(cluster.directory)


if __name__ == "__main__":
    main()
