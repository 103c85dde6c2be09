"""Editing by hand on a large document pair: how long one change takes (tm.memory.edit).

A synthetic pair of N sentence pairs (bench/synth.py vocabulary and lengths), stored as an
alignment of 1-1 beads, then repeated edit, mark, merge, split, move_sentence and undo on
units spread over the pair, each timed end to end (one transaction each, indexes kept,
history written). Also: placing K kept units in a re-aligned pair whose English lost one
sentence in ten thousand (tm.align.fixed.place + align_around; the aligner's own time is
not included).

    python bench/edit_bench.py [--units 50000] [--ops 50]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import one_to_one_pair  # noqa: E402
from tm.align.fixed import Kept, align_around, place  # noqa: E402
from tm.memory import edit  # noqa: E402
from tm.memory.store import open_store, store_alignment  # noqa: E402
from tm.models import Bead  # noqa: E402


def timed(fn, runs):
    out = []
    for arg in runs:
        t = time.perf_counter()
        fn(arg)
        out.append((time.perf_counter() - t) * 1000)
    return out


def show(name, ms):
    ms = sorted(ms)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    print(f"{name:<28} n={len(ms):<4} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   "
          f"max {ms[-1]:7.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=50000)
    ap.add_argument("--ops", type=int, default=50)
    args = ap.parse_args()
    print(f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {os.getloadavg()}")
    zh, en, alignment = one_to_one_pair(args.units)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "edit.db")
        t = time.perf_counter()
        store_alignment(db, pair_name="big", zh_path="big.zh.txt", en_path="big.en.txt", alignment=alignment)
        print(f"stored {args.units} units in {time.perf_counter() - t:.1f} s")
        step = args.units // (args.ops + 2)
        keys = [f"big:{i * step + 1:04d}" for i in range(args.ops)]
        show("edit_unit", timed(lambda k: edit.edit_unit(db, k, en="Corrected by hand."), keys))
        show("mark_unit", timed(lambda k: edit.mark_unit(db, k, status="needs-review"), keys))
        show("merge_units (2)", timed(lambda k: edit.merge_units(db, [k, f"big:{int(k[4:]) + 1:04d}"]), keys))
        show("split_unit", timed(lambda k: edit.split_unit(db, k, zh_at=1, en_at=1), keys))
        show("move_sentence", timed(lambda k: edit.move_sentence(db, k, side="en", direction="next"), keys))
        show("undo", timed(lambda _: edit.undo(db), range(args.ops * 5)))
        show("pair_units page of 100", timed(lambda k: edit.pair_units(db, "big", offset=int(k[4:]), limit=100),
                                             keys))
        # placing kept units after a re-alignment: one English sentence in 10,000 gone
        kept = [Kept(f"big:{i:04d}", (i,), (i,), i, i) for i in range(0, args.units, max(1, args.units // 1000))]
        gone = {i for i in range(args.units) if i % 10000 == 5000}
        new_en = [s for i, s in enumerate(en) if i not in gone]
        free, j = [], 0
        for i in range(args.units):              # the free alignment of the new documents
            free.append(Bead((i,), () if i in gone else (j,), 0.9))
            j += i not in gone
        t = time.perf_counter()
        placement = place(kept, zh, en, zh, new_en)
        beads, where = align_around(len(zh), len(new_en), placement.spans, free, lambda *a: [])
        assert [i for b in beads for i in b.en] == list(range(len(new_en)))
        print(f"place {len(kept)} kept units in {args.units} sentences and build the beads: "
              f"{(time.perf_counter() - t) * 1000:.0f} ms ({len(placement.spans)} placed, "
              f"{len(placement.lost)} lost)")
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
