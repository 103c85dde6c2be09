"""Term extraction speed over about 1,000 aligned units.

The plan is aligned with the project's segmenter and aligner, and its units are
repeated (with fresh ids) until there are at least ``--units`` of them, so the
pairing work grows with the unit count as it would on a longer document.
Prints the one-time start-up (jieba and CC-CEDICT loading) and the extraction time.

    python bench/extract_speed.py [--units 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_quality import PLAN_EN, PLAN_ZH, aligned_units  # noqa: E402

from glossary.extract.extractor import extract  # noqa: E402
from glossary.extract.zh import Segmenter  # noqa: E402
from tm.models import TranslationUnit  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=1000)
    args = ap.parse_args()
    base = aligned_units(PLAN_ZH.read_text(encoding="utf-8"), PLAN_EN.read_text(encoding="utf-8"))
    units = []
    while len(units) < args.units:
        units.extend(TranslationUnit(zh=u.zh, en=u.en, id=len(units) + i + 1) for i, u in enumerate(base))
    t0 = time.perf_counter()
    Segmenter()
    from glossary.extract.lexicon import glossary_lexicon
    glossary_lexicon()
    t1 = time.perf_counter()
    candidates = extract(units)
    t2 = time.perf_counter()
    chars = sum(len(u.zh) for u in units)
    print(f"start-up (jieba + CC-CEDICT, once per process): {t1 - t0:.2f} s")
    print(f"extract: {len(units)} units, {chars} zh characters -> {len(candidates)} candidates "
          f"in {t2 - t1:.2f} s ({1000 * (t2 - t1) / len(units):.1f} ms/unit)")


if __name__ == "__main__":
    main()
