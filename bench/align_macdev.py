"""Alignment quality on mac-dev: strict and lax precision/recall/F1 per chapter and overall.

Reads ../shared/bench/align/data/mac-dev (or --data DIR): zh/NNN and en/NNN
(one sentence a line) and gold/NNN.align. The trans/ and tok/ folders
(machine translations, tokenisation) are NOT used: a real user would not
have them. Scoring follows vecalign's score.py (tm.align.evaluate).

    python bench/align_macdev.py [--data DIR] [--beads-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tm.align.aligner import align  # noqa: E402
from tm.align.evaluate import parse_beads, score_alignment, score_alignments  # noqa: E402
from tm.text.cedict import load_lexicon  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "align" / "data" / "mac-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--beads-dir", type=Path, help="also write each chapter's beads here")
    args = parser.parse_args()
    chapters = sorted(p.name for p in (args.data / "zh").iterdir())
    start = time.perf_counter()
    lexicon = load_lexicon()
    print(f"lexicon load: {time.perf_counter() - start:.2f} s ({len(lexicon)} headwords)")
    golds, tests = [], []
    print(f"{'chapter':8} {'zh':>4} {'en':>4} {'P strict':>9} {'R strict':>9} {'F1 strict':>9} "
          f"{'P lax':>7} {'R lax':>7} {'F1 lax':>7} {'time s':>7}")
    total_time = 0.0
    for name in chapters:
        zh = (args.data / "zh" / name).read_text(encoding="utf-8").splitlines()
        en = (args.data / "en" / name).read_text(encoding="utf-8").splitlines()
        gold_path = args.data / "gold" / f"{name}.align"
        gold = parse_beads(gold_path.read_text(encoding="utf-8"), path=str(gold_path))
        t0 = time.perf_counter()
        beads = align(zh, en, lexicon=lexicon)
        elapsed = time.perf_counter() - t0
        total_time += elapsed
        if args.beads_dir:
            os.makedirs(args.beads_dir, exist_ok=True)
            (args.beads_dir / f"{name}.align").write_text(
                "".join(b.vecalign() + "\n" for b in beads), encoding="utf-8")
        s = score_alignment(gold, beads)
        print(f"{name:8} {len(zh):4} {len(en):4} {s.precision_strict:9.3f} {s.recall_strict:9.3f} "
              f"{s.f1_strict:9.3f} {s.precision_lax:7.3f} {s.recall_lax:7.3f} {s.f1_lax:7.3f} {elapsed:7.2f}")
        golds.append(gold)
        tests.append(beads)
    s = score_alignments(golds, tests)
    print(f"{'overall':8} {'':4} {'':4} {s.precision_strict:9.3f} {s.recall_strict:9.3f} "
          f"{s.f1_strict:9.3f} {s.precision_lax:7.3f} {s.recall_lax:7.3f} {s.f1_lax:7.3f} {total_time:7.2f}")
    print(f"wall time (lexicon load + {len(chapters)} chapters): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
