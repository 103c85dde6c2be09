"""Every alignment target of issue 13 in one run: mac-dev strict F1 with and without the
embedding model (per chapter, overall, and leave-one-chapter-out), the plan, mac-dev time
with the model, and the 50,000-sentence pair with and without it.

Reads ../shared/bench/align/data/mac-dev (zh/, en/, gold/ only; not trans/ or tok/).
Embedding time is CPU and wall of embedding every sentence and every run of 2-4
consecutive sentences of both sides (two processes, one thread each), without a
cache. ``--loco``: leave-one-chapter-out (bench/align_learn.py): the weights are
learned on five chapters and the sixth aligned with them, for each chapter; the
held-out chapters' beads are then scored together.

    python bench/align_targets.py [--model use] [--scale 50000] [--scale-model 5000 50000]
                                  [--loco] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime
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
from tm.align.semantic import Embedder, Semantic, default_model, embed_documents  # noqa: E402
from tm.text.cedict import load_lexicon  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "bench" / "align" / "data" / "mac-dev"


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


def loco(model: str | None) -> None:
    """Leave one chapter out (bench/align_learn.py --loco): the weights are learned on
    five chapters and the sixth is aligned with them; the held-out beads scored together."""
    subprocess.run([sys.executable, str(ROOT / "bench" / "align_learn.py"), "--loco",
                    "--model", model or "none"], check=True)


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
    parser.add_argument("--loco", action="store_true",
                        help="also learn the weights leaving each chapter out (slow: bench/align_learn.py)")
    parser.add_argument("--no-loco", action="store_true", help=argparse.SUPPRESS)  # the default now
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
    if args.loco:
        print(f"\nlexical, leave-one-chapter-out {stamp()}")
        loco(None)
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
        if args.loco:
            print(f"\nmodel {model}, leave-one-chapter-out {stamp()}")
            loco(model)
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
