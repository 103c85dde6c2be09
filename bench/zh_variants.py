"""Traditional/Simplified comparison keys (tm.text.variants): what they cost.

Prints, for the ``opencc`` module installed (the OpenCC C++ binding, or a pure-Python
package providing the same module, e.g. opencc-python-reimplemented: run with
``PYTHONPATH=DIR`` to compare), with machine, date and load average:

* the t2s table: characters mapped, time to build it (first use in a process);
* the package's own ``convert`` on the plan's sentences written in Traditional
  characters (its s2t), characters per second;
* :func:`simplified_key` on the plan's Simplified sentences and on the Traditional ones;
* agreement: the share of Traditional sentences whose key equals the Simplified
  original's key (s2t, s2tw and s2twp: the last also changes vocabulary, 软件 → 軟體);
* the fuzzy-match index tokenizer (units per second) with the keys and without.

Usage: python bench/zh_variants.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    print(f"# {platform.node() or 'machine'} {platform.machine()} {os.cpu_count()} cores, "
          f"python {platform.python_version()}, "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    t0 = time.perf_counter()
    import opencc
    from tm.text import variants
    table, _, _ = variants._table()
    built = time.perf_counter() - t0
    kind = "C++ binding" if hasattr(opencc, "clib") else "pure Python"
    print(f"opencc module: {opencc.__file__} ({kind})")
    print(f"t2s table: {len(table)} characters mapped; import + build {built:.3f} s")

    zh = [s.strip() for s in (ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.zh.txt")
          .read_text(encoding="utf-8").split("\n") if s.strip()]
    en = [s.strip() for s in (ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.en.txt")
          .read_text(encoding="utf-8").split("\n") if s.strip()]
    conv = {name: opencc.OpenCC(name).convert for name in ("s2t", "s2tw", "s2twp", "t2s")}
    trad = {name: [conv[name](s) for s in zh] for name in ("s2t", "s2tw", "s2twp")}
    chars = sum(map(len, zh)) * args.repeat

    def rate(fn, texts) -> float:
        start = time.perf_counter()
        for _ in range(args.repeat):
            for t in texts:
                fn(t)
        return chars / (time.perf_counter() - start)

    print(f"corpus: {len(zh)} sentences of the plan, {sum(map(len, zh))} characters, x{args.repeat}")
    print(f"package t2s convert, Traditional text: {rate(conv['t2s'], trad['s2t']):,.0f} chars/s")
    print(f"simplified_key, Simplified text: {rate(variants.simplified_key, zh):,.0f} chars/s")
    print(f"simplified_key, Traditional text: {rate(variants.simplified_key, trad['s2t']):,.0f} chars/s")
    for name, texts in trad.items():
        same = sum(variants.simplified_key(t) == variants.simplified_key(s) for t, s in zip(texts, zh))
        changed = sum(t != s for t, s in zip(texts, zh))
        print(f"agreement {name}: {same}/{len(zh)} sentences get the Simplified key "
              f"({changed} written differently)")

    from tm.memory import fuzzy
    from tm.memory.index import Tokenizer
    pairs = list(zip(zh, en)) * args.repeat

    def units_per_s() -> float:
        tok = Tokenizer()
        start = time.perf_counter()
        for z, e in pairs:
            tok(z, e)
        return len(pairs) / (time.perf_counter() - start)

    saved = fuzzy.simplified_key
    units_per_s()                       # warm-up
    with_keys, without = [], []
    for _ in range(3):                  # alternate, best of three each
        with_keys.append(units_per_s())
        fuzzy.simplified_key = lambda text: text
        try:
            without.append(units_per_s())
        finally:
            fuzzy.simplified_key = saved
    a, b = max(with_keys), max(without)
    print(f"index tokenizer (best of 3): {a:,.0f} units/s with keys, {b:,.0f} without "
          f"({100 * (b - a) / b:.1f}% slower)")
    print(f"# done {datetime.now(timezone.utc):%H:%M:%S} UTC, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
