"""Import rate of tm.memory.store.import_units, with all its indexes, on synthetic units.

Prints: units, import seconds (generation time subtracted), units/s, database
size, peak RSS, and the machine. Usage:

    python bench/store_import.py                 # 1,000,000 units into /tmp/tm-bench-1000000.db
    python bench/store_import.py --units 100000 --db /tmp/b.db
    python bench/store_import.py --workers 2     # units generated and prepared (digests, index
                                                 # tokens) in a child process, as `tm import FILE` does

The database is left in place for bench/match_bench.py.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import Generator  # noqa: E402

from tm.models import TranslationUnit  # noqa: E402
from tm.memory.store import import_units, open_store  # noqa: E402


def machine() -> str:
    return f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}"


def build(db_path: Path, n: int, seed: int = 7, workers: int = 1) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in Generator(seed).pairs(n if workers == 1 else 0):   # two processes: not subtracted
        pass
    gen, gen_cpu = time.perf_counter() - t0, time.process_time() - c0
    db = open_store(db_path)
    t0, c0 = time.perf_counter(), time.process_time()
    source = (TranslationUnit(zh=zh, en=en) for zh, en in Generator(seed).pairs(n))
    if workers > 1:
        from tm.memory.importpipe import prepared_batches
        from tm.memory.store import import_prepared

        with prepared_batches(source) as batches:
            stats = import_prepared(db, batches)
    else:
        stats = import_units(db, source)
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return {"units": stats.added, "generation_s": gen, "total_s": total, "import_s": total - gen,
            "import_cpu_s": total_cpu - gen_cpu,
            "size_mb": db_path.stat().st_size / 1e6,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--workers", type=int, default=1, choices=(1, 2))
    args = ap.parse_args()
    db_path = args.db or Path(f"/tmp/tm-bench-{args.units}.db")
    print(f"machine: {machine()}")
    r = build(db_path, args.units, workers=args.workers)
    print(f"units imported: {r['units']:,} into {db_path}")
    print(f"generation alone: {r['generation_s']:.1f} s; generation + import: {r['total_s']:.1f} s")
    print(f"import: {r['import_s']:.1f} s = {r['units'] / r['import_s']:,.0f} units/s "
          f"(all indexes: unique key, duplicates, FTS5, fuzzy-match postings)")
    who = "the process" if args.workers == 1 else "the writing process (the child's not counted)"
    if args.workers > 1:
        print("two processes: the child generates and prepares units while this one writes; "
              "generation alone = building the generator's vocabularies, which the child also does")
    print(f"import CPU time of {who}: {r['import_cpu_s']:.1f} s = "
          f"{r['units'] / r['import_cpu_s']:,.0f} units per CPU-second (what other load on the machine "
          f"does not inflate)")
    print(f"database size: {r['size_mb']:,.0f} MB; peak RSS: {r['peak_rss_mb']:,.0f} MB")
    print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
