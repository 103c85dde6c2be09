"""Alignment speed and memory at scale: 5k, 20k and 50k-sentence document pairs.

The pairs are synthesised from mac-dev (../shared/bench/align/data/mac-dev or
--data DIR): gold beads of all chapters, in random order, concatenated until
the Chinese side has N sentences; 2% of the beads lose their English side and
2% of the English sentences are followed by an unrelated English sentence (an
insertion), so the path is not a plain diagonal. Each size runs in a fresh
process so peak memory (ru_maxrss) is that of one alignment; above 4,000
sentences the aligner computes half of the Chinese sentence features, of the
coarse block path and of the sentence path in forked child processes, whose
CPU time and peak memory are printed separately ("child": CPU summed over the
children, peak memory of the largest). Wall time
depends on what else the machine runs: the load average is printed first,
and CPU time is the figure to compare. Strict F1 against the synthetic gold
is printed as a sanity check.

    python bench/align_scale.py [--sizes 5000 20000 50000] [--data DIR] [--model use]

With ``--model``, the sentence embeddings (sentences and runs of 2-4, two processes)
are part of the measured time ("cpu s" and "child s").
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tm.align.evaluate import parse_beads, score_alignment  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "align" / "data" / "mac-dev"


def synthesise(data: Path, size: int, seed: int = 1):
    rng = random.Random(seed)
    chapters = []
    for path in sorted((data / "zh").iterdir()):
        zh = path.read_text(encoding="utf-8").splitlines()
        en = (data / "en" / path.name).read_text(encoding="utf-8").splitlines()
        gold = parse_beads((data / "gold" / f"{path.name}.align").read_text(encoding="utf-8"))
        chapters.append([([zh[i] for i in a], [en[j] for j in b]) for a, b in gold])
    all_en = [s for ch in chapters for _, en in ch for s in en]
    zh_out, en_out, gold_out = [], [], []
    while len(zh_out) < size:
        chapter = chapters[rng.randrange(len(chapters))]
        start = rng.randrange(len(chapter))
        for zh, en in chapter[start:] + chapter[:start]:
            if len(zh_out) >= size:
                break
            if rng.random() < 0.02:
                en = []
            zi = list(range(len(zh_out), len(zh_out) + len(zh)))
            ej = list(range(len(en_out), len(en_out) + len(en)))
            zh_out.extend(zh)
            en_out.extend(en)
            if zi or ej:
                if zi and ej:
                    gold_out.append((tuple(zi), tuple(ej)))
                else:
                    gold_out.extend(((i,), ()) for i in zi)
            if rng.random() < 0.02:
                gold_out.append(((), (len(en_out),)))
                en_out.append(all_en[rng.randrange(len(all_en))])
    return zh_out, en_out, gold_out


def run_one(data: Path, size: int, workers: int, model: str | None = None) -> None:
    from tm.align.aligner import align
    from tm.align.semantic import Embedder, embed_documents
    from tm.text.cedict import load_lexicon

    zh, en, gold = synthesise(data, size)
    t0 = time.perf_counter()
    lexicon = load_lexicon()
    t1 = time.perf_counter()
    c1 = time.process_time()
    semantic = embed_documents(Embedder(model, workers=workers), zh, en) if model else None
    beads = align(zh, en, lexicon=lexicon, workers=workers, semantic=semantic)
    t2 = time.perf_counter()
    cpu = time.process_time() - c1
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = child.ru_maxrss / 1024
    f1 = score_alignment(gold, beads).f1_strict
    print(f"{len(zh):>7} {len(en):>7} {t2 - t1:>9.1f} {cpu:>8.1f} {child.ru_utime + child.ru_stime:>8.1f} "
          f"{t1 - t0:>7.2f} {peak_mb:>8.0f} {child_mb:>8.0f} {f1:>9.3f} {model or 'none'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000, 50000])
    parser.add_argument("--workers", type=int, default=2, help="processes for long documents")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--model", help="embedding model (tm.align.semantic; default: none)")
    args = parser.parse_args()
    if args.one:
        run_one(args.data, args.one, args.workers, args.model)
        return
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"{'zh':>7} {'en':>7} {'wall s':>9} {'cpu s':>8} {'child s':>8} {'lex s':>7} "
          f"{'peak MB':>8} {'child MB':>8} {'F1 strict':>9}")
    for size in args.sizes:
        subprocess.run([sys.executable, __file__, "--data", str(args.data), "--one", str(size),
                        "--workers", str(args.workers)] + (["--model", args.model] if args.model else []),
                       check=True)


if __name__ == "__main__":
    main()
