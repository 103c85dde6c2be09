"""Every alignment target of issue 13 in one run: mac-dev strict F1 with and without the
embedding model (per chapter, overall, and leave-one-chapter-out), the plan, mac-dev time
with the model, and the 50,000-sentence pair with and without it.

Reads ../shared/bench/align/data/mac-dev (zh/, en/, gold/ only; not trans/ or tok/).
Embedding time is CPU and wall of embedding every sentence and every run of 2-4
consecutive sentences of both sides (two processes, one thread each), without a
cache. Leave-one-chapter-out: for each chapter, the semantic weights (``Model.sem_*``)
are chosen from a small grid on the five other chapters only, and that chapter is
aligned with them; the held-out chapters' beads are then scored together. The same
for the one lexical parameter chosen on mac-dev, the prior of unaligned sentences.

    python bench/align_targets.py [--model use] [--scale 50000] [--scale-model 5000 50000]
                                  [--no-loco] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tm.align.aligner import align, align_texts  # noqa: E402
from tm.align.evaluate import parse_beads, score_alignment, score_alignments  # noqa: E402
from tm.align.model import DEFAULT_PRIOR  # noqa: E402
from tm.align.semantic import WEIGHTS, Embedder, Semantic, default_model, embed_documents  # noqa: E402
from tm.text.cedict import load_lexicon  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "bench" / "align" / "data" / "mac-dev"
GRID = [{"sem_weight": w, "sem_threshold": t, "sem_size": 0.25}
        for w, t in itertools.product((4.0, 6.0), (0.5, 1.0, 1.5))]
SKIP_GRID = (0.01, 0.007, 0.005, 0.003, 0.002)   # prior of 1-0 and 0-1 beads (Model.prior)


def stamp() -> str:
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"[{platform.node()}, {os.cpu_count()} CPUs, "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, load average {load}]")


def read(data: Path):
    docs = []
    for path in sorted((data / "zh").iterdir()):
        zh = path.read_text(encoding="utf-8").splitlines()
        en = (data / "en" / path.name).read_text(encoding="utf-8").splitlines()
        gold = parse_beads((data / "gold" / f"{path.name}.align").read_text(encoding="utf-8"))
        docs.append((path.name, zh, en, gold))
    return docs


def run(docs, lexicon, semantics=None, weights=None):
    out = []
    for k, (_, zh, en, _) in enumerate(docs):
        sem = None
        if semantics is not None:
            base = semantics[k]
            sem = Semantic(base.zh, base.en, base.name, dict(weights or base.weights))
        out.append(align(zh, en, lexicon=lexicon, semantic=sem))
    return out


def table(title, docs, tests, seconds=None):
    print(f"\n{title}")
    print(f"{'chapter':8} {'zh':>4} {'en':>4} {'P strict':>9} {'R strict':>9} {'F1 strict':>9} "
          f"{'F1 lax':>7}")
    for (name, zh, en, gold), beads in zip(docs, tests):
        s = score_alignment(gold, beads)
        print(f"{name:8} {len(zh):4} {len(en):4} {s.precision_strict:9.3f} {s.recall_strict:9.3f} "
              f"{s.f1_strict:9.3f} {s.f1_lax:7.3f}")
    s = score_alignments([d[3] for d in docs], tests)
    extra = f"  align {seconds:.1f} s" if seconds is not None else ""
    print(f"{'overall':8} {'':4} {'':4} {s.precision_strict:9.3f} {s.recall_strict:9.3f} "
          f"{s.f1_strict:9.3f} {s.f1_lax:7.3f}{extra}")
    return s


def loco(docs, lexicon, semantics):
    """Leave one chapter out: weights chosen on the other chapters."""
    per = {}   # (grid index, chapter) -> beads
    for g, weights in enumerate(GRID):
        for k, beads in enumerate(run(docs, lexicon, semantics, weights)):
            per[g, k] = beads
    held = []
    for k in range(len(docs)):
        others = [i for i in range(len(docs)) if i != k]
        best = max(range(len(GRID)), key=lambda g: score_alignments(
            [docs[i][3] for i in others], [per[g, i] for i in others]).f1_strict)
        held.append(per[best, k])
        print(f"  {docs[k][0]}: weights chosen on the other chapters: {GRID[best]}")
    full = max(range(len(GRID)), key=lambda g: score_alignments(
        [d[3] for d in docs], [per[g, i] for i in range(len(docs))]).f1_strict)
    print(f"  best on all six chapters: {GRID[full]}; shipped: {WEIGHTS.get(semantics[0].name)}")
    return held


def skip_prior_loco(docs, lexicon):
    """Leave one chapter out for the lexical aligner's one parameter chosen on mac-dev:
    the prior of an unaligned sentence (1-0, 0-1), from SKIP_GRID on the other chapters."""
    shipped = DEFAULT_PRIOR[1, 0]
    per = {}
    try:
        for p in SKIP_GRID:
            DEFAULT_PRIOR[1, 0] = DEFAULT_PRIOR[0, 1] = p
            for k, beads in enumerate(run(docs, lexicon)):
                per[p, k] = beads
    finally:
        DEFAULT_PRIOR[1, 0] = DEFAULT_PRIOR[0, 1] = shipped
    for p in SKIP_GRID:
        s = score_alignments([d[3] for d in docs], [per[p, k] for k in range(len(docs))])
        print(f"  skip prior {p}: strict F1 {s.f1_strict:.3f} on all six chapters")
    held = []
    for k in range(len(docs)):
        others = [i for i in range(len(docs)) if i != k]
        best = max(SKIP_GRID, key=lambda p: (score_alignments(
            [docs[i][3] for i in others], [per[p, i] for i in others]).f1_strict, p))
        held.append(per[best, k])
        print(f"  {docs[k][0]}: skip prior chosen on the other chapters: {best}")
    print(f"  shipped: {shipped}")
    return held


def plan_check(model):
    sys.path.insert(0, str(ROOT / "tests"))
    gold_path = ROOT / "tests" / "golden" / "plan-align.txt"
    seeds = ROOT / "seeds"
    zh = (seeds / "tianjin-ai-action-plan-2025-2027.zh.txt").read_text(encoding="utf-8")
    en = (seeds / "tianjin-ai-action-plan-2025-2027.en.txt").read_text(encoding="utf-8")
    result = align_texts(zh, en, embedder=Embedder(model) if model else None)
    got = {(tuple(result.zh[i].text for i in b.zh), tuple(result.en[j].text for j in b.en))
           for b in result.beads}
    gold = []
    for block in gold_path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln and not ln.startswith("#")]
        if lines:
            gold.append((tuple(ln[3:] for ln in lines if ln.startswith("zh\t")),
                         tuple(ln[3:] for ln in lines if ln.startswith("en\t"))))
    right = sum(b in got for b in gold)
    print(f"plan, model {model or 'none'}: {right} of {len(gold)} gold beads exactly right "
          f"({'perfect' if right == len(gold) else 'NOT perfect'}); "
          f"linked beads: {sum(1 for b in result.beads if b.zh and b.en)}")


def scale(size, model, data):
    cmd = [sys.executable, str(ROOT / "bench" / "align_scale.py"), "--data", str(data), "--one", str(size)]
    if model:
        cmd += ["--model", model]
    subprocess.run(cmd, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--model", default=default_model() or "none")
    parser.add_argument("--scale", type=int, nargs="*", default=[50000])
    parser.add_argument("--scale-model", type=int, nargs="*", default=[5000])
    parser.add_argument("--no-loco", action="store_true")
    args = parser.parse_args()
    model = None if args.model == "none" else args.model
    print(f"alignment targets {stamp()}")
    docs = read(args.data)
    t0 = time.perf_counter()
    lexicon = load_lexicon()
    print(f"lexicon load {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    lexical = run(docs, lexicon)
    table(f"mac-dev, lexical (target >= 0.85) {stamp()}", docs, lexical, time.perf_counter() - t0)
    if not args.no_loco:
        print(f"\nlexical, leave-one-chapter-out over the skip prior {stamp()}")
        table("mac-dev, lexical, leave-one-chapter-out", docs, skip_prior_loco(docs, lexicon))
    if model:
        embedder = Embedder(model)
        c0, t0 = time.process_time(), time.perf_counter()
        child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        semantics = [embed_documents(embedder, zh, en) for _, zh, en, _ in docs]
        child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        embed_wall = time.perf_counter() - t0
        embed_cpu = time.process_time() - c0 + (child1.ru_utime + child1.ru_stime
                                                - child0.ru_utime - child0.ru_stime)
        texts = sum(s.embedded for s in semantics)
        t0 = time.perf_counter()
        tests = run(docs, lexicon, semantics)
        align_wall = time.perf_counter() - t0
        print(f"\nembedding with {model}: {texts} texts (sentences and runs of 2-4), "
              f"wall {embed_wall:.1f} s, CPU {embed_cpu:.1f} s (both processes) {stamp()}")
        table(f"mac-dev, model {model} (target >= 0.92) {stamp()}", docs, tests, align_wall)
        print(f"mac-dev with the model, embedding + alignment: wall {embed_wall + align_wall:.1f} s "
              f"(target < 180 s on 2 cores)")
        if not args.no_loco:
            print(f"\nleave-one-chapter-out over {len(GRID)} weight settings {stamp()}")
            held = loco(docs, lexicon, semantics)
            table(f"mac-dev, model {model}, leave-one-chapter-out", docs, held)
    print()
    plan_check(None)
    if model:
        plan_check(model)
    print(f"\nscale (bench/align_scale.py) {stamp()}")
    print(f"{'zh':>7} {'en':>7} {'wall s':>9} {'cpu s':>8} {'child s':>8} {'lex s':>7} "
          f"{'peak MB':>8} {'child MB':>8} {'F1 strict':>9} model")
    for size in args.scale:
        scale(size, None, args.data)
    if model:
        for size in args.scale_model:
            scale(size, model, args.data)


if __name__ == "__main__":
    main()
