"""Learn the sentence aligner's weights on mac-dev as a whole, with leave-one-chapter-out.

The aligner's bead score is a weighted sum of evidence (tm.align.model.Scorer): the
lexical log-likelihood ratio, the length log-probability, the number and quotation
penalties, the shape prior, the prior of unaligned sentences and, with an embedding
model, the semantic term. This script computes every feature of every possible bead
of each mac-dev chapter once (the full table, with the aligner's own code), then
searches the weights by coordinate ascent on strict F1 with a dynamic programme over
those tables (the same search as tm.align.search.dp on a full band: it gives the
aligner's exact F1 for the shipped weights).

``--fold all`` learns on all six chapters (the shipped weights); ``--fold K`` learns
on the five others and prints chapter K's beads scored with them; ``--loco`` runs the
six folds and scores the held-out chapters' beads together: the honest figure for
text not seen while learning. Nothing is written except --out (JSON of the weights).

Reads ../shared/bench/align/data/mac-dev (zh/, en/, gold/ only) in place.

    python bench/align_learn.py [--model use|none] [--fold all|0..5] [--loco] [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tm.align.aligner import _features  # noqa: E402
from tm.align.evaluate import score_alignment, score_alignments  # noqa: E402
from tm.align.features import en_sentence, name_keys  # noqa: E402
from tm.align.model import DEFAULT_PRIOR, Evidence, Model, Scorer, initial_model  # noqa: E402
from tm.align.search import _flat_rows, _linked_block  # noqa: E402
from tm.align.semantic import Embedder, Semantic, embed_documents  # noqa: E402
from tm.models import Bead  # noqa: E402
from align_targets import read, stamp  # noqa: E402 - one reader of mac-dev and one stamp for both benches
from tm.text.cedict import load_lexicon  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "align" / "data" / "mac-dev"
SHAPES = [s for s in DEFAULT_PRIOR if s[0] and s[1]]
NEG = -1e18
BASE = Model(ratio=1.0, var=1.0, c1=(0.5, 0.5), c0=(0.1, 0.1))   # the hand-set defaults
START = {"lex": 1.0, "len": 1.0, "num": BASE.number_penalty, "skip": DEFAULT_PRIOR[1, 0],
         "skip_cont": BASE.skip_continue, "q": 0.0}
START_SEM = {"sem": 4.0, "thr": 1.0, "sem_size": 0.25}


def grid(semantic: bool) -> dict[str, list[float]]:
    g = {"q": [1.0, 2.0, 3.0], "lex": [0.6, 0.7, 0.85, 1.0], "len": [0.5, 0.7, 0.85, 1.0],
         "num": [0.5, 1.0], "skip": [0.001, 0.003, 0.01], "skip_cont": [0.1, 0.3]}
    for a, b in [(1, 1), (1, 2), (2, 1), (1, 3), (2, 2), (1, 4)]:
        g[f"lp_{a}_{b}"] = [-0.5, 0.0, 0.5, 1.0]     # log-factor on the shape's prior
    if semantic:
        g.update({"sem": [3.0, 4.0, 5.0, 6.0], "thr": [0.5, 1.0, 1.5]})
    return g


def model_fields(p: dict) -> dict:
    """The weights as tm.align.model.Model fields (SENTENCE_MODEL / semantic.WEIGHTS)."""
    out = {"hit_weight": round(BASE.hit_weight * p["lex"], 4), "miss_weight": round(BASE.miss_weight * p["lex"], 4),
           "length_weight": p["len"], "number_penalty": p["num"], "skip_continue": p["skip_cont"],
           "quote_penalty": p["q"]}
    prior = {s: round(DEFAULT_PRIOR[s] * math.exp(p.get(f"lp_{s[0]}_{s[1]}", 0.0)), 5) for s in SHAPES}
    prior[1, 0] = prior[0, 1] = p["skip"]
    out["prior"] = prior
    if "sem" in p:
        out.update(sem_weight=p["sem"], sem_threshold=p["thr"], sem_size=p["sem_size"])
    return out


def tables(zh, en, lexicon, semantic: Semantic | None) -> dict:
    """Every feature of every bead zh[i-a:i] / en[j-b:j] of the full table, per shape."""
    names: dict[str, str] = {}
    for s in en:
        names.update(name_keys(s))
    zf = _features(zh, lexicon, names)
    found = frozenset(uid[3:] for f in zf for uid, _ in f.units if uid.startswith("py:"))
    ev = Evidence(zf, [en_sentence(s, found) for s in en])
    model = initial_model(ev)
    n, m = ev.n, ev.m
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    quote = (np.concatenate(([False], ev.zq))[:, None] != np.concatenate(([False], ev.eq))[None, :])
    out = {"n": n, "m": m, "F": {}}
    totals = {}
    for number_penalty in (0.0, 1.0):     # the number penalty's count is the difference
        scorer = Scorer(ev, replace(model, number_penalty=number_penalty), None, None, None)
        rows = {}
        for i in range(n):
            scorer.row(i, 0, m)
            rows[i] = scorer.rows.pop(i)
        flat = _flat_rows(rows, 0, n)
        for a, b in SHAPES:
            values, offsets = _linked_block(scorer, flat, lo, hi, 0, 0, n + 1, a, b)
            arr = np.full((n + 1, m + 1), np.nan)
            for r in range(n + 1):
                if offsets[r] >= 0:
                    arr[r, b:] = values[offsets[r]:offsets[r] + m - b + 1]
            totals[a, b, number_penalty] = arr
    clz, clt, cle = (np.frombuffer(x) for x in (ev.clz, ev.clt, ev.cle))
    i1 = np.arange(n + 1)[:, None]
    j1 = np.arange(m + 1)[None, :]
    for a, b in SHAPES:
        i0, j0 = np.clip(i1 - a, 0, None), np.clip(j1 - b, 0, None)
        lz, lt, le = clz[i1] - clz[i0], clt[i1] - clt[i0], cle[j1] - cle[j0]
        mean = np.maximum((lz + (le - lt) / model.ratio) / 2, 1.0)
        delta = np.abs(le - lt - model.ratio * lz) / np.sqrt(model.var * mean)
        tail = np.vectorize(math.erfc)(delta / math.sqrt(2.0))
        length = np.where(tail > 1e-300, np.log(np.maximum(tail, 1e-300)), -690.0)
        f = {"lex": totals[a, b, 0.0] - length, "len": length,
             "num": totals[a, b, 0.0] - totals[a, b, 1.0], "quote": quote}
        if semantic is not None:
            z = np.full((n + 1, m + 1), np.nan)
            for i in range(a, n + 1):
                z[i, b:] = semantic.z_row(i - a, i, b, b, m)
            f["z"] = z
        out["F"][a, b] = f
    return out


def bead_scores(t: dict, p: dict) -> dict:
    prior = {s: DEFAULT_PRIOR[s] * math.exp(p.get(f"lp_{s[0]}_{s[1]}", 0.0)) for s in SHAPES}
    out = {}
    for (a, b), f in t["F"].items():
        s = p["lex"] * f["lex"] + p["len"] * f["len"] - p["num"] * f["num"] - p["q"] * f["quote"]
        s = s + math.log(prior[a, b])
        if "sem" in p:
            s = s + p["sem"] * ((a + b) / 2) ** p["sem_size"] * (f["z"] - p["thr"])
        out[a, b] = np.where(np.isnan(s), NEG, s)
    return out


def best_path(t: dict, p: dict) -> list[Bead]:
    """The aligner's DP (tm.align.search.dp) over the whole table, runs of up to 3
    unaligned sentences costing log p(skip) + (k-1)·log(skip_cont)."""
    n, m = t["n"], t["m"]
    bs = bead_scores(t, p)
    skip, cont = math.log(p["skip"]), math.log(p["skip_cont"])
    score = np.full((n + 1, m + 1), NEG)
    back = np.zeros((n + 1, m + 1), dtype=np.int16)
    score[0, 0] = 0.0
    for i in range(n + 1):
        row, arg = score[i], back[i]
        for s, (a, b) in enumerate(SHAPES):
            if i >= a:
                cand = np.full(m + 1, NEG)
                cand[b:] = score[i - a, :m + 1 - b] + bs[a, b][i, b:]
                better = cand > row
                row[better], arg[better] = cand[better], s
        for k in (1, 2, 3):
            if i >= k:
                cand = score[i - k] + skip + (k - 1) * cont
                better = cand > row
                row[better], arg[better] = cand[better], 100 + k
        for _ in range(2):   # runs of unaligned English sentences (this row; chains of two runs)
            base = row.copy()
            for k in (1, 2, 3):
                cand = np.full(m + 1, NEG)
                cand[k:] = base[:m + 1 - k] + skip + (k - 1) * cont
                better = cand > row
                row[better], arg[better] = cand[better], 200 + k
    path, i, j = [], n, m
    while i > 0 or j > 0:
        code = int(back[i, j])
        if code < 100:
            a, b = SHAPES[code]
            path.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), 1.0))
            i, j = i - a, j - b
        elif code < 200:
            path.extend(Bead((q,), (), 1.0) for q in range(i - 1, i - (code - 100) - 1, -1))
            i -= code - 100
        else:
            path.extend(Bead((), (q,), 1.0) for q in range(j - 1, j - (code - 200) - 1, -1))
            j -= code - 200
    return path[::-1]


def f1(T, golds, p, idx) -> float:
    return score_alignments([golds[k] for k in idx], [best_path(T[k], p) for k in idx]).f1_strict


def learn(T, golds, p, g, idx, rounds=2, tag="") -> tuple[dict, float]:
    """Coordinate ascent on strict F1 over the chapters ``idx``."""
    best = f1(T, golds, p, idx)
    for r in range(rounds):
        changed = False
        for key, values in g.items():
            for v in values:
                if p.get(key) == v:
                    continue
                q = dict(p, **{key: v})
                score = f1(T, golds, q, idx)
                if score > best + 1e-9:
                    best, p, changed = score, q, True
                    print(f"  {tag} round {r + 1}: {key}={v} -> {score:.4f}", flush=True)
        if not changed:
            break
    return p, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--model", default="none")
    parser.add_argument("--fold", default="all", help="all, or the chapter (0-5) held out")
    parser.add_argument("--loco", action="store_true", help="all six folds, then the held-out score")
    parser.add_argument("--cache", type=Path, help="keep the feature tables here (outside the repository)")
    parser.add_argument("--out", type=Path, help="write the learned weights (JSON) here")
    args = parser.parse_args()
    print(f"align_learn, model {args.model} {stamp()}")
    docs = read(args.data)
    golds = [d[3] for d in docs]
    cache = args.cache / f"tables-{args.model}.pkl" if args.cache else None
    c0, t0 = time.process_time(), time.perf_counter()
    if cache and cache.exists():
        T = pickle.loads(cache.read_bytes())
    else:
        lexicon = load_lexicon()
        embedder = Embedder(args.model) if args.model != "none" else None
        T = []
        for _, zh, en, _ in docs:
            sem = embed_documents(embedder, zh, en) if embedder else None
            T.append(tables(zh, en, lexicon, sem))
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(pickle.dumps(T))
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"feature tables: wall {time.perf_counter() - t0:.1f} s, CPU {time.process_time() - c0:.1f} s "
          f"(+ {child.ru_utime + child.ru_stime:.1f} s in children)", flush=True)
    semantic = args.model != "none"
    start = dict(START, **(START_SEM if semantic else {}))
    g = grid(semantic)
    folds = list(range(len(docs))) if args.loco else ([None] if args.fold == "all" else [int(args.fold)])
    held = {}
    for k in folds:
        idx = [i for i in range(len(docs)) if i != k]
        c0, t0 = time.process_time(), time.perf_counter()
        p, train = learn(T, golds, dict(start), g, idx, tag="all" if k is None else f"fold {k}")
        line = (f"{'all six chapters' if k is None else f'without chapter {docs[k][0]}'}: "
                f"training F1 {train:.4f}")
        if k is not None:
            held[k] = best_path(T[k], p)
            line += f", held-out chapter {docs[k][0]} F1 {score_alignment(golds[k], held[k]).f1_strict:.4f}"
        print(f"{line} ({time.perf_counter() - t0:.0f} s wall, {time.process_time() - c0:.0f} s CPU) {stamp()}")
        print(f"  weights {json.dumps(p)}")
        print(f"  as Model fields: {model_fields(p)}", flush=True)
        if args.out:
            args.out.write_text(json.dumps({"weights": p, "model_fields": repr(model_fields(p))}) + "\n")
    if args.loco:
        s = score_alignments(golds, [held[k] for k in range(len(docs))])
        print(f"leave-one-chapter-out, held-out chapters scored together: strict F1 {s.f1_strict:.4f} "
              f"(P {s.precision_strict:.4f}, R {s.recall_strict:.4f}) {stamp()}")


if __name__ == "__main__":
    main()
