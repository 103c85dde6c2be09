"""Segmentation agreement with the sentence splits of mac-dev (literary zh/en, one sentence a line).

Each chapter's lines are joined into one paragraph (zh without separator, en
with a space) and re-segmented; prints boundary precision, recall and F1
against the original line breaks. The mac-dev split is a translator's
sentence split, not a rule-based one, so 100% is not the goal; the figure
shows how close the rules come on unseen text. Reads ../shared, copies nothing.

    python bench/segment_macdev.py [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tm.text.segment import segment  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "bench" / "align" / "data" / "mac-dev"


def boundaries(lengths: list[int]) -> set[int]:
    """Offsets (in non-whitespace characters) after which a sentence ends, except the last."""
    out, pos = set(), 0
    for n in lengths[:-1]:
        pos += n
        out.add(pos)
    return out


def nonspace_len(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    for lang, joiner in (("zh", ""), ("en", " ")):
        tp = fp = fn = sents = 0
        t0 = time.perf_counter()
        for path in sorted((args.data / lang).iterdir()):
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            gold = boundaries([nonspace_len(line) for line in lines])
            found = boundaries([nonspace_len(s.text) for s in segment(joiner.join(lines), lang)])
            tp += len(gold & found)
            fp += len(found - gold)
            fn += len(gold - found)
            sents += len(lines)
        secs = time.perf_counter() - t0
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang}: {sents} gold sentences, boundary precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
              f"({secs:.2f} s)")


if __name__ == "__main__":
    main()
