"""Import/export throughput and peak memory for large TMX files.

For each size (default 100,000 and 1,000,000 units) it writes a synthetic TMX
file (streaming; sentences of the plan's lengths, each unit made distinct),
then, each step in its own process so peak RSS is the step's own:

- parse: ``tm.formats.tmx.read_tmx`` over the file (units/s, peak RSS);
- import: ``tm.exchange.import_file`` into a fresh database, i.e. what
  ``tm import FILE.tmx`` does (units/s, peak RSS) — target >= 20,000 units/s;
  by default on two processes (the file parsed in a child, see tm/importpipe.py;
  ``--workers 1``: one process). Peak RSS is the larger of the two processes;
  "CPU s" is the CPU time of both (what other load on the machine cannot hide);
- export: ``tm.exchange.export_units`` to TMX (units/s, peak RSS).

Usage: python bench/import_export.py [--sizes 100000 1000000] [--workdir DIR] [--workers 1|2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN_ZH = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.en.txt"


def sentences():
    from tm.text.segment import segment_en, segment_zh
    zh = [s.text for s in segment_zh(PLAN_ZH.read_text(encoding="utf-8"))]
    en = [s.text for s in segment_en(PLAN_EN.read_text(encoding="utf-8"))]
    return zh, en


def synthetic_units(n: int):
    from tm.models import TranslationUnit
    zh, en = sentences()
    for i in range(n):
        a, b = zh[i % len(zh)], en[(i * 7) % len(en)]
        yield TranslationUnit(zh=f"{a}（第{i}项）", en=f"{b} (item {i})", key=f"bench:{i:07d}",
                              pair="bench", position=i, shape="1-1", confidence=0.9,
                              origin="aligned", created="2026-11-21T05:48:15Z",
                              changed="2026-11-21T05:48:15Z")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(step: str, path: str, db: str, n: int, workers: int | None = None) -> dict:
    from tm.memory import store
    from tm.exchange import export_units, import_file
    from tm.formats.tmx import read_tmx, write_tmx
    started = time.perf_counter()
    if step == "generate":
        with open(path, "w", encoding="utf-8") as out:
            count = write_tmx(synthetic_units(n), out)
    elif step == "parse":
        count = sum(1 for _ in read_tmx(path))
    elif step == "import":
        result = import_file(store.open_store(db), path, workers=workers)
        count = result.stats.added
    elif step == "export":
        with open(path + ".out", "w", encoding="utf-8") as out:
            count = export_units(store.open_store(db), out, fmt="tmx")
    else:
        raise SystemExit(f"unknown step {step}")
    seconds = time.perf_counter() - started
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    rss = max(peak_rss_mb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return {"step": step, "units": count, "seconds": round(seconds, 2), "cpu_s": round(cpu, 1),
            "units_per_s": round(count / seconds), "peak_rss_mb": round(rss, 1)}


def run(step: str, path: Path, db: Path, n: int, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", step, str(path), str(db), str(n), str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--workdir", help="where the TMX files and databases go (default: a temp dir)")
    parser.add_argument("--workers", type=int, default=0, help="import processes (default: tm's default, 2)")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, path, db, n, workers = args.child
        print(json.dumps(child(step, path, db, int(n), int(workers) or None)))
        return
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
              f"load average {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print(f"{'units':>9}  {'step':<8} {'seconds':>8} {'CPU s':>6} {'units/s':>9} {'peak RSS MB':>12}  file MB")
        for n in args.sizes:
            path, db = Path(tmp) / f"bench-{n}.tmx", Path(tmp) / f"bench-{n}.db"
            for step in ("generate", "parse", "import", "export"):
                r = run(step, path, db, n, args.workers)
                size = path.stat().st_size / 2**20
                print(f"{n:>9}  {step:<8} {r['seconds']:>8} {r['cpu_s']:>6} {r['units_per_s']:>9} "
                      f"{r['peak_rss_mb']:>12}  {size:.0f}", flush=True)
            for p in (path, db, Path(str(path) + ".out")):
                p.unlink(missing_ok=True)
        print("target: import >= 20000 units/s; peak RSS should not grow with the file")
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
