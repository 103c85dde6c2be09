"""Term extraction quality on the Tianjin plan, and English term extraction on the news articles.

Prints recall and precision of ``glossary.extract.extractor.extract`` against
tests/golden/plan-terms.tsv (matching rule in docs/extract.md), the time
taken, and the names/acronyms ``extract_english_terms`` finds in seeds/news-*.

    python bench/extract_quality.py [--paragraphs] [--show]

Units come from the real pipeline (tm.text.segment + tm.align.aligner); ``--paragraphs``
pairs the plan's paragraphs line by line instead (a development baseline).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.extract.en import extract_english_terms  # noqa: E402
from glossary.extract.extractor import extract  # noqa: E402
from tm.models import TranslationUnit  # noqa: E402

SEEDS = ROOT / "seeds"
PLAN_ZH = SEEDS / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = SEEDS / "tianjin-ai-action-plan-2025-2027.en.txt"
GOLD = ROOT / "tests" / "golden" / "plan-terms.tsv"


def aligned_units(zh_text: str, en_text: str) -> list[TranslationUnit]:
    """Units from the project's segmenter and aligner (one unit per bead with both sides)."""
    from tm.align.aligner import align_texts

    a = align_texts(zh_text, en_text)
    units = []
    for bead in a.beads:
        if bead.zh and bead.en:
            zh, en = a.texts(bead)
            units.append(TranslationUnit(zh=zh, en=en, id=len(units) + 1))
    return units


def paragraph_units(zh_text: str, en_text: str) -> list[TranslationUnit]:
    """The plan's body paragraphs paired line by line (zh after the header, en after the summary)."""
    zh = [line.strip() for line in zh_text.splitlines() if line.strip()]
    en = [line.strip() for line in en_text.splitlines() if line.strip()]
    title = next(i for i, line in enumerate(zh) if i > 3 and line.startswith(zh[1][:6]))
    zh = zh[title:]
    en = en[next(i for i, line in enumerate(en) if "Action Plan" in line and len(line) < 100):]
    return [TranslationUnit(zh=z, en=e, id=i + 1) for i, (z, e) in enumerate(zip(zh, en))]


def normalise(en: str) -> str:
    """Matching rule: case, quotes, hyphens, leading article and plural -s are ignored."""
    text = re.sub(r"[\"“”‘’]", "", en.lower()).replace("-", " ")
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in text.split())


def read_gold(path: Path = GOLD) -> list[dict]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line.strip():
            rows.append(dict(zip(header, line.split("\t"))))
    return rows


def evaluate(candidates, gold_rows) -> dict:
    """Recall (gold term found with a gold rendering) and precision of the candidate list."""
    by_zh = {c.zh: c for c in candidates}
    gold = [r for r in gold_rows if r["set"] == "gold"]
    judged_terms = {r["zh"] for r in gold_rows if r["set"] in ("gold", "term")}
    nonterms = {r["zh"] for r in gold_rows if r["set"] == "nonterm"}
    found, found_top, missed = [], [], []
    for row in gold:
        c = by_zh.get(row["zh"])
        wanted = {normalise(e) for e in row["en"].split("|")}
        if c and any(normalise(r.en) in wanted for r in c.renderings):
            found.append(row["zh"])
            if normalise(c.en) in wanted:
                found_top.append(row["zh"])
        else:
            missed.append((row["zh"], row["en"], [r.en for r in c.renderings] if c else None))
    correct = [c.zh for c in candidates if c.zh in judged_terms]
    wrong = [c.zh for c in candidates if c.zh in nonterms]
    unjudged = [c.zh for c in candidates if c.zh not in judged_terms and c.zh not in nonterms]
    return {
        "gold": len(gold), "found": len(found), "found_top": len(found_top),
        "recall": len(found) / len(gold), "recall_top": len(found_top) / len(gold),
        "candidates": len(candidates), "correct": len(correct), "nonterms": wrong,
        "unjudged": unjudged, "precision": len(correct) / max(len(candidates), 1),
        "missed": missed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", action="store_true", help="pair paragraphs instead of aligning")
    ap.add_argument("--show", action="store_true", help="list misses and unjudged candidates")
    ap.add_argument("--min-score", type=float, default=None, help="termhood cut-off (default: the library's)")
    args = ap.parse_args()
    zh_text, en_text = PLAN_ZH.read_text(encoding="utf-8"), PLAN_EN.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    units = (paragraph_units if args.paragraphs else aligned_units)(zh_text, en_text)
    t1 = time.perf_counter()
    candidates = extract(units) if args.min_score is None else extract(units, min_score=args.min_score)
    t2 = time.perf_counter()
    r = evaluate(candidates, read_gold())
    print(f"plan: {len(units)} units ({'paragraphs' if args.paragraphs else 'aligned'}, {t1 - t0:.2f} s), "
          f"extraction {t2 - t1:.2f} s")
    print(f"recall    {r['found']}/{r['gold']} = {r['recall']:.3f} (most used rendering: {r['recall_top']:.3f})")
    print(f"precision {r['correct']}/{r['candidates']} = {r['precision']:.3f} "
          f"(judged non-terms {len(r['nonterms'])}, unjudged {len(r['unjudged'])} counted wrong)")
    if args.show:
        everything = {c.zh: c for c in extract(units, min_score=-99)}
        for zh, en, got in r["missed"]:
            c = everything.get(zh)
            print(f"  missed {zh}\t{en}\t{got}\t" + (f"{c.score} {[r.en for r in c.renderings]}" if c else "-"))
        for c in candidates:
            mark = "x" if c.zh in r["nonterms"] else "?" if c.zh in r["unjudged"] else " "
            print(f"  {mark} {c.score:5.2f} {c.zh}\t{c.en}\t{c.count}")
    for path in sorted(SEEDS.glob("news-*.en.txt")):
        terms = extract_english_terms(path.read_text(encoding="utf-8"))
        multi = [t for t, _ in terms if " " in t]
        print(f"{path.name}: {len(terms)} names/acronyms, {len(multi)} multi-word; top: "
              + "; ".join(f"{t} ({n})" for t, n in terms[:8]))


if __name__ == "__main__":
    main()
