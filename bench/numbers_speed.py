"""Number extraction speed: sentences per second over the segmented Tianjin plan (repeated N times).

    python bench/numbers_speed.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tm.text.numbers import extract_numbers  # noqa: E402
from tm.text.segment import segment  # noqa: E402

PLAN = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027"


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for lang in ("zh", "en"):
        text = PLAN.with_suffix(f".{lang}.txt").read_text(encoding="utf-8") * repeat
        sentences = [s.text for s in segment(text, lang)]
        t0 = time.perf_counter()
        found = sum(len(extract_numbers(s, lang)) for s in sentences)
        secs = time.perf_counter() - t0
        chars = sum(map(len, sentences))
        print(f"{lang}: {len(sentences)} sentences ({chars / len(sentences):.0f} chars avg), "
              f"{found} numbers, {secs:.2f} s, {len(sentences) / secs:,.0f} sentences/s")


if __name__ == "__main__":
    main()
