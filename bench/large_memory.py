"""Large memories through the real CLI: import, export, re-import at 100k and 1M units; match latency.

For each size (default 100,000 and 1,000,000 units) it writes a synthetic TMX
file (bench/synth.py: seed-document and CC-CEDICT vocabulary, Zipf weights,
realistic sentence lengths, 20 % near-duplicates), then runs, each step as its
own `tm` process so that its peak RSS is its own:

  import     tm --db N.db import N.tmx
  export     tm --db N.db export --format tmx -o N.out.tmx
  reimport   tm --db N2.db import N.out.tmx         (same unit count required)

Peak RSS is measured by a wrapper process whose only child is the command:
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after it exits. On the largest
memory it also times `tm.memory.match.match` (warm process, database open) for
edited copies of stored units and fresh sentences, half zh, half en, --min 70,
--limit 5, and prints p50/p95/p99; plus a few `tm match` runs end to end
(process start included).

    python bench/large_memory.py                          # 100k and 1M (about 15 min on 2 cores)
    python bench/large_memory.py --sizes 20000 --queries 100 --keep
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from match_stress import measuring, pct, tm_command  # noqa: E402

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
        '  <header creationtool="large_memory" creationtoolversion="1" datatype="plaintext" '
        'segtype="sentence" adminlang="en" srclang="zh-CN" o-tmf="synthetic"/>\n  <body>\n')

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_tmx(path: Path, n: int, seed: int = 7) -> None:
    from synth import Generator
    gen = Generator(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        batch = []
        for i, (zh, en) in enumerate(gen.pairs(n)):
            batch.append(f'    <tu tuid="lm:{i:07d}"><tuv xml:lang="zh-CN"><seg>{_esc(zh)}</seg></tuv>'
                         f'<tuv xml:lang="en"><seg>{_esc(en)}</seg></tuv></tu>\n')
            if len(batch) >= 10_000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))
        out.write("  </body>\n</tmx>\n")


def measured(*args, cwd: Path) -> tuple[float, float, float]:
    """Run `tm args` in its own process; (wall seconds, peak RSS MB, peak private MB)."""
    rss = cwd / ".peak-rss"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    subprocess.run(measuring(rss, tm_command(*args), poll=0.05), cwd=cwd, env=env, check=True)
    seconds = time.perf_counter() - started
    peak, anon = rss.read_text().split()[:2]
    return seconds, int(peak) / 1024, int(anon) / 1024


def unit_count(db: Path) -> int:
    import sqlite3
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM units").fetchone()[0]


def match_child(db: str, n_queries: int) -> None:
    """In its own process: time tm.memory.match.match on the memory at ``db``."""
    import resource

    from synth import Generator

    from tm.memory.match import match
    from tm.memory.store import open_store
    store = open_store(db, create=False)
    gen, rng = Generator(11), random.Random(11)
    max_id = store.conn.execute("SELECT max(id) FROM units").fetchone()[0]
    queries = []
    for i in range(n_queries):
        lang = "zh" if i % 2 == 0 else "en"
        if i % 4 < 2:        # an edited copy of a stored unit: has matches
            zh, en = store.conn.execute("SELECT zh, en FROM units WHERE id >= ? ORDER BY id LIMIT 1",
                                        [rng.randint(1, max_id)]).fetchone()
            q = gen.edit_zh(zh, rng.randint(1, 5)) if lang == "zh" else gen.edit_en(en, rng.randint(1, 5))
        else:                # a fresh sentence: usually none
            q = gen.zh_sentence() if lang == "zh" else gen.en_sentence()
        queries.append((lang, q))
    times, found = [], 0
    for lang, q in queries:
        t = time.perf_counter()
        found += bool(match(store, q, source=lang, min_score=70, limit=5))
        times.append((time.perf_counter() - t) * 1000)
    print(f"{len(times)} {found} {statistics.median(times):.1f} {pct(times, 95):.1f} {pct(times, 99):.1f} "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--workdir", type=Path, help="where the files go (default: a temporary directory)")
    ap.add_argument("--keep", action="store_true", help="keep the files")
    ap.add_argument("--child-match", nargs=2, metavar=("DB", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_match:
        match_child(args.child_match[0], int(args.child_match[1]))
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="tm-large-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {__import__('sqlite3').sqlite_version}; load average {os.getloadavg()[0]:.1f}; "
          f"files in {work}")
    print(f"{'units':>9}  {'step':<9} {'seconds':>8} {'units/s':>8} {'peak RSS MB':>11} {'private MB':>10}  file MB")
    try:
        for n in args.sizes:
            tmx, db, out, db2 = (work / f"{n}.tmx", work / f"{n}.db", work / f"{n}.out.tmx", work / f"{n}.re.db")
            for p in (tmx, db, out, db2):
                p.unlink(missing_ok=True)
            t = time.perf_counter()
            write_tmx(tmx, n)
            print(f"{n:>9,}  {'generate':<9} {time.perf_counter() - t:>8.1f} {'':>8} {'':>11} {'':>10}  "
                  f"{tmx.stat().st_size / 2**20:.0f}", flush=True)
            for step, cmd, size_of in (("import", ("--db", db, "import", tmx), tmx),
                                       ("export", ("--db", db, "export", "--format", "tmx", "-o", out), out),
                                       ("reimport", ("--db", db2, "import", out), out)):
                seconds, peak, anon = measured(*cmd, cwd=work)
                print(f"{n:>9,}  {step:<9} {seconds:>8.1f} {n / seconds:>8,.0f} {peak:>11,.0f} {anon:>10,.0f}  "
                      f"{size_of.stat().st_size / 2**20:.0f}", flush=True)
            a, b = unit_count(db), unit_count(db2)
            assert a == b == n, f"unit counts: import {a}, re-import {b}, expected {n}"
            print(f"{n:>9,}  database {db.stat().st_size / 2**20:,.0f} MB; export re-imported with the same "
                  f"{b:,} units", flush=True)
            if n == max(args.sizes):
                env = dict(os.environ, PYTHONPATH=str(ROOT))
                res = subprocess.run([sys.executable, __file__, "--child-match", str(db), str(args.queries)],
                                     capture_output=True, text=True, check=True, env=env)
                q, found, p50, p95, p99, rss = res.stdout.split()
                print(f"{n:>9,}  match: {q} queries ({found} with matches), p50 {p50} ms, p95 {p95} ms, "
                      f"p99 {p99} ms, process peak RSS {rss} MB")
                walls = []
                for text in ("支持算力技术攻关和平台建设", "Support research on computing power"):
                    t = time.perf_counter()
                    subprocess.run(tm_command("--db", db, "match", text), cwd=work, env=env,
                                   capture_output=True, check=True)
                    walls.append(time.perf_counter() - t)
                print(f"{n:>9,}  `tm match` end to end (process start included): "
                      + ", ".join(f"{w:.2f} s" for w in walls))
            if not args.keep:
                for p in (tmx, out, db2):
                    p.unlink(missing_ok=True)
                if n != max(args.sizes):
                    db.unlink(missing_ok=True)
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (other processes share the 2 cores)")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
