"""Fuzzy-match latency (tm.memory.match.match) on a large synthetic memory.

Queries: stored units edited by 1-5 characters/words (they have matches) and
fresh sentences (usually none), half Chinese, half English, --min 70, --limit 5.
Each query is timed end to end in a warm process (the database open, the page
cache as the queries leave it). Prints p50/p95/p99, build/import time and
database size, and checks some queries against the brute-force scan.

    python bench/match_bench.py                      # 1,000,000 units (builds /tmp/tm-bench-1000000.db)
    python bench/match_bench.py --units 100000 --queries 400 --verify 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store_import import build, machine  # noqa: E402
from synth import Generator  # noqa: E402

from tm.memory.match import match, match_brute  # noqa: E402
from tm.memory.store import open_store  # noqa: E402


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def queries(db, n: int, seed: int = 11):
    gen = Generator(seed)
    rng = random.Random(seed)
    max_id = db.conn.execute("SELECT max(id) FROM units").fetchone()[0]
    out = []
    for i in range(n):
        lang = "zh" if i % 2 == 0 else "en"
        if i % 4 < 2:
            zh, en = db.conn.execute("SELECT zh, en FROM units WHERE id >= ? ORDER BY id LIMIT 1",
                                     [rng.randint(1, max_id)]).fetchone()
            q = gen.edit_zh(zh, rng.randint(1, 5)) if lang == "zh" else gen.edit_en(en, rng.randint(1, 5))
            out.append((lang, "edited", q))
        else:
            out.append((lang, "fresh", gen.zh_sentence() if lang == "zh" else gen.en_sentence()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--min", dest="min_score", type=float, default=70)
    ap.add_argument("--verify", type=int, default=4, help="queries also checked against the full scan")
    args = ap.parse_args()
    db_path = args.db or Path(f"/tmp/tm-bench-{args.units}.db")
    print(f"machine: {machine()}")
    if not db_path.exists():
        r = build(db_path, args.units)
        print(f"built {db_path}: {r['units']:,} units, import {r['import_s']:.1f} s "
              f"({r['units'] / r['import_s']:,.0f} units/s)")
    db = open_store(db_path)
    n_units = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
    print(f"memory: {n_units:,} units, database {db_path.stat().st_size / 1e6:,.0f} MB")
    qs = queries(db, args.queries)
    times: dict[tuple[str, str], list[float]] = {}
    cpu: list[float] = []
    found = 0
    for lang, kind, q in qs:
        t0, c0 = time.perf_counter(), time.process_time()
        result = match(db, q, source=lang, min_score=args.min_score, limit=5)
        times.setdefault((lang, kind), []).append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        found += bool(result)
    everything = [t for ts in times.values() for t in ts]
    ms = lambda v: f"{1000 * v:.1f} ms"  # noqa: E731
    print(f"{len(qs)} queries, --min {args.min_score:g}: {found} with a match")
    print(f"wall time per query: p50 {ms(pct(everything, 50))}, p95 {ms(pct(everything, 95))}, p99 {ms(pct(everything, 99))}, "
          f"max {ms(max(everything))}, mean {ms(statistics.mean(everything))}")
    print(f"CPU time of the process per query (what the machine's other load does not inflate): "
          f"p50 {ms(pct(cpu, 50))}, p95 {ms(pct(cpu, 95))}, p99 {ms(pct(cpu, 99))}")
    for (lang, kind), ts in sorted(times.items()):
        print(f"  {lang} {kind:6}: p50 {ms(pct(ts, 50))}, p95 {ms(pct(ts, 95))}, p99 {ms(pct(ts, 99))}")
    bad = 0
    for lang, kind, q in qs[: args.verify]:
        t0 = time.perf_counter()
        slow = match_brute(db, q, source=lang, min_score=args.min_score, limit=5)
        fast = match(db, q, source=lang, min_score=args.min_score, limit=5)
        bad += [(m.unit.id, m.score) for m in fast] != [(m.unit.id, m.score) for m in slow]
        brute_s = time.perf_counter() - t0
    if args.verify:
        print(f"checked against the full scan: {args.verify} queries, {bad} differ "
              f"(full scan takes ~{brute_s:.1f} s a query)")
    print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
