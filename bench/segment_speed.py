"""Segmentation speed: segments per second on the Tianjin plan repeated N times (default 1000).

Also checks that time grows linearly: the same measurement at N/10, and on
the same text with its line breaks removed (one huge line).

    python bench/segment_speed.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tm.text.segment import segment_en, segment_zh, split_lines  # noqa: E402

PLAN = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027"


def measure(func, text: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    n = len(func(text))
    return n, time.perf_counter() - t0


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    variants = (("zh", segment_zh, "\n"), ("en", segment_en, "\n"), ("zh lines", split_lines, "\n"),
                ("zh 1line", segment_zh, ""), ("en 1line", segment_en, " "))
    for lang, func, joiner in variants:
        base = PLAN.with_suffix(f".{lang[:2]}.txt").read_text(encoding="utf-8")
        base = joiner.join(base.splitlines()) + joiner  # "1line": the whole input on one line
        for k in (repeat // 10, repeat):
            text = base * k
            n, secs = measure(func, text)
            print(f"{lang:8s} x{k:<5d} {len(text) / 1e6:6.1f} M chars  {n:8d} segments  "
                  f"{secs:6.2f} s  {n / secs:9.0f} segments/s  {len(text) / secs / 1e6:5.1f} M chars/s")


if __name__ == "__main__":
    main()
