"""QA speed: segments per second with a 10,000-term glossary.

Builds a synthetic term base of 10,000 Chinese terms (the curated plan glossary
plus substrings of the plan's Chinese, each with one to three English words as
its rendering and some with a forbidden rendering), resamples 50,000 segment
pairs from the aligned plan, writes them to a TSV file, and times:

* the core: ``run_qa`` over the pairs with every check on (term index built once);
* the same with 2 worker processes (``glossary qa --jobs 2``);
* end to end: reading the TSV, running the checks (``--jobs``, default 1 as in
  the CLI) and writing the JSON lines report. CPU figures are this process only;
* the command, ``glossary qa FILE --glossary TERMS --format jsonl``, with ``--jobs 1`` and
  ``--jobs 2``: a process of its own, reading the 10,000 terms from a TSV file.

Target: >= 5,000 segments/s on 2 cores. Run: ``python bench/qa_bench.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.models import Entry  # noqa: E402
from glossary.qa.run import run_qa  # noqa: E402
from glossary.qa.inputs import align_pairs, read_pairs, read_text  # noqa: E402
from glossary.qa.reports import jsonl_report  # noqa: E402
from glossary.formats.tabular import write_tsv  # noqa: E402
from glossary.termbase.store import load_glossary_file  # noqa: E402
from glossary.qa.termmatch import TermIndex  # noqa: E402

PLAN_ZH = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.en.txt"
CURATED = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"


def synthetic_terms(n: int, pairs: list, rng: random.Random) -> list[Entry]:
    """The curated glossary, then terms cut from the plan's sentences with an English
    rendering cut from the same pair (so a term is often, not always, rendered as
    the base says), then unseen terms of random characters, up to ``n``."""
    terms = {e.zh: e for e in load_glossary_file(CURATED)} if CURATED.exists() else {}
    chars = [ch for p in pairs for ch in p.zh if "\u4e00" <= ch <= "\u9fff"]
    while len(terms) < n:
        size = rng.randint(2, 6)
        pair = rng.choice(pairs)
        words = [w for w in pair.en.split() if w.isalpha()]
        zh_chars = "".join(ch for ch in pair.zh if "\u4e00" <= ch <= "\u9fff")
        if rng.random() < 0.5 and len(zh_chars) > size and len(words) > 3:
            start = rng.randrange(len(zh_chars) - size)
            zh = zh_chars[start:start + size]
            k = rng.randint(1, 3)
            w0 = rng.randrange(len(words) - k)
            en = " ".join(words[w0:w0 + k])
        else:
            zh = "".join(rng.choice(chars) for _ in range(size))
            en = " ".join(rng.choice(words or ["term"]) for _ in range(2))
        forbidden = [" ".join(rng.choice(words or ["x"]) for _ in range(2))] if rng.random() < 0.1 else []
        terms.setdefault(zh, Entry(zh=zh, approved=[en], forbidden=forbidden, status="approved"))
    return list(terms.values())


def vary(pair, i: int, rng: random.Random):
    """A resampled pair whose target carries 0-15 trailing spaces: a new string for the
    tokeniser's cache most of the time, the same translation for every check."""
    return type(pair)(str(i), pair.zh, pair.en + " " * rng.randrange(16))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--terms", type=int, default=10_000)
    ap.add_argument("--segments", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="processes for the end-to-end run (glossary qa --jobs)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    zh_text, en_text = read_text(PLAN_ZH), read_text(PLAN_EN)
    base = [p for p in align_pairs(zh_text, en_text) if p.en]
    entries = synthetic_terms(args.terms, base, rng)
    pairs = [vary(base[rng.randrange(len(base))], i, rng) for i in range(1, args.segments + 1)]

    t0 = time.perf_counter()
    index = TermIndex(entries)
    t_index = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    result = run_qa(pairs, index=index)
    t_core, c_core = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    result_2 = run_qa(pairs, index=index, workers=2)
    t_par = time.perf_counter() - t0
    assert len(result_2.findings) == len(result.findings)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "segments.tsv"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("id\tzh-CN\ten\n")
            for p in pairs:
                fh.write(f"{p.id}\t{p.zh}\t{p.en}\n")
        t0, c0 = time.perf_counter(), time.process_time()
        read = read_pairs(path)
        result2 = run_qa(read, index=TermIndex(entries), workers=args.jobs)
        report = jsonl_report(result2, jobs=args.jobs)
        t_e2e, c_e2e = time.perf_counter() - t0, time.process_time() - c0
        # the command itself, a process of its own (this one holds the runs above: its workers,
        # forked from it, start with more to copy than a command's do)
        terms_path = Path(tmp) / "terms.tsv"
        terms_path.write_text(write_tsv(entries), encoding="utf-8")
        commands = {}
        for jobs in (1, 2):
            argv = [sys.executable, "-c", "from glossary.cli import cli; cli(prog_name='glossary')", "--db", str(Path(tmp) / f"qa{jobs}.db"), "qa",
                    str(path), "--glossary", str(terms_path), "--format", "jsonl", "--jobs", str(jobs), "-q"]
            t0 = time.perf_counter()
            done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
            commands[jobs] = time.perf_counter() - t0
            lines = done.stdout.count(b"\n")
            if done.returncode != 1 or lines != len(result.findings):
                sys.exit(f"glossary qa: exit {done.returncode}, {lines} lines: " + done.stderr.decode()[-500:])

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at start of the timed runs")
    print(f"terms: {len(index)}, segments: {len(pairs)} (resampled from {len(base)} aligned plan pairs)")
    print(f"term index build: {t_index:.2f} s")
    print(f"findings: {len(result.findings)} ({result.count('error')} errors)")
    print(f"core run_qa: {len(pairs) / t_core:,.0f} segments/s wall ({t_core:.2f} s), "
          f"{len(pairs) / c_core:,.0f} segments/s CPU ({c_core:.2f} s)")
    print(f"core run_qa, 2 processes: {len(pairs) / t_par:,.0f} segments/s wall ({t_par:.2f} s)")
    print(f"end to end with {args.jobs} process(es) (read TSV, check, jsonl {len(report) // 1024} KiB): "
          f"{len(pairs) / t_e2e:,.0f} segments/s wall ({t_e2e:.2f} s), "
          f"{len(pairs) / c_e2e:,.0f} segments/s CPU ({c_e2e:.2f} s)")
    for jobs, t in commands.items():
        print(f"the command, glossary qa --format jsonl --jobs {jobs} (start-up, glossary file, TSV, "
              f"checks, report): {len(pairs) / t:,.0f} segments/s wall ({t:.2f} s)")

if __name__ == "__main__":
    main()
