"""Terminology quality on the development documents, through the real command line.

For each document of ``../shared/bench/terms/`` (``plan``, ``k8s``) the script
imports the gold sentence pairs into a temporary database (``tm import`` of a
TSV), runs ``glossary extract --format jsonl`` and ``glossary check --format
jsonl``, and grades them as ``../shared/bench/terms/README.md`` says:

* recall     share of ``[T1]`` terms found as a candidate's Chinese (NFKC, no whitespace, exact);
* precision  share of candidates whose Chinese is a gold term of either tier;
* rendering  among found T1 terms with a rendering in the translation, the candidate's
             top rendering matches one the translation used (case-insensitive, NFKC,
             whitespace folded; either contains the other);
* occurrence per-occurrence rendering accuracy over ``gold_occurrences.tsv`` (one row per
             term and pair): among the rows of terms found as candidates, the share
             where the renderings the extraction recorded in that pair are all ones the
             gold lists there and there is at least one (case-insensitive, NFKC,
             whitespace folded, a leading article and a final 's dropped, else exact), or, where the gold lists none (an omission),
             the extraction recorded none; ``occ_forced``: omission rows given a
             rendering; ``occ_missing``: rows with a gold rendering given none.
             Read from ``glossary.extract.extract`` run in this process on the same
             pairs (the command's JSON lines do not carry units);
* coverage   share of the renderings the translation used (``gold_terms.tsv``, per found
             T1 term) that the candidate lists among its renderings (folded as above);
* report     share of the known "one zh → several en" cases named by a ``renderings``
             finding, and of "several zh → one en" cases where a ``collision`` finding
             names at least two of its terms; findings per known problem (all findings
             divided by the known cases) and the most findings naming one known case.

    python bench/terms_quality.py [--docs plan,k8s] [--shared PATH] [--extra DIR ...] [--show] [--json]

``--extra DIR`` grades one more document the same way, e.g. an unseen one: ``DIR`` holds
``NAME.zh.txt``, ``NAME.en.txt`` (aligned by ``tm align``, as ``glossary pipeline`` does),
``gold_terms.tsv`` and, when there are known cases, ``inconsistencies.tsv`` (the k8s
columns); the row is named ``NAME``.  Repeat it for several.  ``--docs ''`` grades only those.

Prints machine, date and load average with the figures.  ``--json`` prints one
JSON object per document instead (the tests read it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "bench" / "terms"
DOCS = ("plan", "k8s")


def norm_zh(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def norm_en(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass
class Gold:
    tiers: dict[str, str]                    # zh (normalised) -> "T1" | "T2"
    renderings: dict[str, list[str]]         # zh (normalised) -> renderings used
    one_many: list[list[str]]                # known one zh -> several en: the zh terms of each case
    many_one: list[list[str]]                # known several zh -> one en


def _read_tsv(path: Path, header: bool = True) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip()]
    return rows[1:] if header else rows


def _case_terms(zh: str) -> list[str]:
    """The Chinese terms a known case names: '生态 (产业生态 / …)' -> ['生态'], '规约; 规范' -> both."""
    zh = re.sub(r"\s*\([^)]*\)\s*$", "", zh.strip())
    return [norm_zh(t) for t in re.split(r"\s*[;/]\s*", zh) if t.strip()]


def load_gold(folder: Path) -> Gold:
    tiers, renderings = {}, {}
    for row in _read_tsv(folder / "gold_terms.tsv"):
        zh, en, note = norm_zh(row[0]), row[1], row[4] if len(row) > 4 else ""
        tier = "T1" if note.startswith("[T1]") else "T2"
        tiers[zh] = tier
        renderings[zh] = [r.strip() for r in en.split(" | ") if r.strip()]
    one_many, many_one = [], []
    if not (folder / "inconsistencies.tsv").is_file():      # an --extra document with no known case
        return Gold(tiers, renderings, one_many, many_one)
    rows = _read_tsv(folder / "inconsistencies.tsv")
    head = (folder / "inconsistencies.tsv").read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    t_col, z_col = head.index("type"), head.index("zh")
    for row in rows:
        kind, zh = row[t_col], row[z_col]
        if kind == "one_zh_many_en":
            one_many.append(_case_terms(zh))
        elif kind == "many_zh_one_en":
            many_one.append(_case_terms(zh))
    return Gold(tiers, renderings, one_many, many_one)


def load_pairs(folder: Path) -> list[tuple[str, str, str]]:
    """(id, zh, en) of every pair with both sides."""
    if (folder / "sentence_pairs.tsv").exists():
        rows = _read_tsv(folder / "sentence_pairs.tsv")
        pairs = [(r[0], r[2], r[3]) for r in rows if len(r) >= 4]
    else:
        rows = _read_tsv(folder / "gold_pairs.tsv", header=False)
        pairs = [(f"P{i:03d}", r[0], r[1]) for i, r in enumerate(rows, 1) if len(r) >= 2]
    return [(i, z.strip(), e.strip()) for i, z, e in pairs if z.strip() and e.strip()]


def _cli(tool: str, args: list[str], db: Path) -> subprocess.CompletedProcess:
    code = f"import sys; sys.argv[0] = {tool!r}; from {tool}.cli import cli; cli()"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-c", code, "--db", str(db), *args], capture_output=True,
                          text=True, env=env, cwd=str(ROOT))


@dataclass
class Result:
    doc: str
    units: int
    candidates: int
    recall: float
    precision: float
    rendering: float
    report: float
    findings: int
    findings_per_problem: float
    max_findings_one_problem: int
    extract_s: float
    check_s: float
    occurrence: float = 0.0
    occ_rows: int = 0
    occ_forced: int = 0
    occ_missing: int = 0
    coverage: float = 0.0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    bad_rendering: list[str] = field(default_factory=list)
    unreported: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    bad_occurrence: list[str] = field(default_factory=list)


def load_occurrences(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(zh normalised, pair id, renderings used there) of every row of gold_occurrences.tsv."""
    out = []
    for row in _read_tsv(folder / "gold_occurrences.tsv"):
        if len(row) >= 2:
            used = row[3] if len(row) > 3 else ""
            used = "" if used.strip().casefold() == "(omitted)" else used     # the plan marks omissions so
            out.append((norm_zh(row[0]), row[1].strip(), [r.strip() for r in used.split(" | ") if r.strip()]))
    return out


def fold_en(text: str) -> str:
    """norm_en without a leading article or a possessive 's (a rendering is the same
    with or without them): "the State Council" = "State Council"."""
    text = re.sub(r"^(?:the|a|an) ", "", norm_en(text))
    return re.sub(r"['’]s$", "", text)


def grade_occurrences(pairs: list[tuple[str, str, str]], rows: list[tuple[str, str, list[str]]]) -> dict:
    """Per-occurrence rendering accuracy of ``glossary.extract.extract`` on ``pairs``."""
    sys.path.insert(0, str(ROOT))
    from glossary.extract.extractor import extract
    from tm.models import TranslationUnit

    units = [TranslationUnit(zh=z, en=e, id=k) for k, (_, z, e) in enumerate(pairs, 1)]
    pid = {k: i for k, (i, _, _) in enumerate(pairs, 1)}
    here: dict[tuple[str, str], set[str]] = {}
    found = set()
    for c in extract(units):
        z = norm_zh(c.zh)
        found.add(z)
        for r in c.renderings:
            for u in r.units:
                here.setdefault((z, pid[u]), set()).add(fold_en(r.en))
    graded = good = forced = missing = 0
    bad = []
    for z, p, used in rows:
        if z not in found:
            continue
        graded += 1
        ours = here.get((z, p), set())
        gold = {fold_en(r) for r in used}
        if not gold:
            ok = not ours
            forced += not ok
        else:
            ok = bool(ours) and ours <= gold
            missing += not ours
        good += ok
        if not ok:
            bad.append(f"{z} {p}: {sorted(ours)} not {sorted(gold)}")
    return {"occurrence": round(good / graded, 3) if graded else 0.0, "occ_rows": graded,
            "occ_forced": forced, "occ_missing": missing, "bad_occurrence": bad}


def extra_document(folder: Path) -> tuple[str, Path, Path]:
    """(name, zh file, en file) of an ``--extra`` folder: its one ``NAME.zh.txt`` with ``NAME.en.txt``."""
    zh = sorted(folder.glob("*.zh.txt"))
    if len(zh) != 1 or not (folder / zh[0].name.replace(".zh.txt", ".en.txt")).is_file():
        raise SystemExit(f"Error: {folder}: --extra needs one NAME.zh.txt and its NAME.en.txt")
    return zh[0].name[:-len(".zh.txt")], zh[0], folder / zh[0].name.replace(".zh.txt", ".en.txt")


def run(doc: str, shared: Path, *, folder: Path | None = None) -> Result:
    """Grade ``shared/doc`` (its gold sentence pairs imported), or with ``folder`` an
    ``--extra`` document (its two texts aligned by ``tm align``; no occurrence rows)."""
    extra = folder is not None
    folder = folder if extra else shared / doc
    gold = load_gold(folder)
    pairs = [] if extra else load_pairs(folder)
    with tempfile.TemporaryDirectory(prefix="terms-bench-") as tmp:
        db = Path(tmp) / "tm.db"
        if extra:
            doc, zh_file, en_file = extra_document(folder)
            p = _cli("tm", ["align", str(zh_file), str(en_file), "--name", doc], db)
        else:
            tsv = Path(tmp) / f"{doc}.tsv"
            tsv.write_text("id\tzh\ten\n" + "".join(f"{i}\t{z}\t{e}\n" for i, z, e in pairs), encoding="utf-8")
            p = _cli("tm", ["import", str(tsv), "--pair", doc], db)
        if p.returncode:
            raise SystemExit(f"tm import failed: {p.stderr}")
        if extra:
            with sqlite3.connect(db) as con:
                n_units = con.execute("SELECT count(*) FROM units").fetchone()[0]
        t0 = time.perf_counter()
        p = _cli("glossary", ["extract", "--format", "jsonl"], db)
        t1 = time.perf_counter()
        if p.returncode:
            raise SystemExit(f"glossary extract failed: {p.stderr}")
        cands = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
        p = _cli("glossary", ["check", "--format", "jsonl"], db)
        t2 = time.perf_counter()
        if p.returncode not in (0, 1):
            raise SystemExit(f"glossary check failed: {p.stderr}")
        findings = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]

    by_zh = {}
    for c in cands:
        by_zh.setdefault(norm_zh(c["zh"]), c)
    t1_terms = [z for z, t in gold.tiers.items() if t == "T1"]
    found = [z for z in t1_terms if z in by_zh]
    missed = [z for z in t1_terms if z not in by_zh]
    wrong = [z for z in by_zh if z not in gold.tiers]
    graded = [z for z in found if gold.renderings[z]]
    bad = []
    for z in graded:
        top = norm_en(by_zh[z].get("en") or "")
        if not top or not any(top in norm_en(r) or norm_en(r) in top for r in gold.renderings[z]):
            bad.append(f"{z}: {by_zh[z].get('en')!r} not in {gold.renderings[z]}")
    # coverage: the share of the renderings the translation used (per found T1 term) that the
    # candidate lists among its renderings (folded as the per-occurrence figure folds them)
    used = [(z, fold_en(r)) for z in graded for r in gold.renderings[z]]
    listed = {z: {fold_en(r["en"]) for r in by_zh[z].get("renderings", [])} for z in graded}
    covered = sum(r in listed[z] for z, r in used)

    def names(f) -> set[str]:
        return {norm_zh(z) for z in f.get("zh", [])}

    reported, unreported, per_case, matched = 0, [], [], set()
    for case in gold.one_many:
        hits = [f for f in findings if f["kind"] == "renderings" and names(f) & set(case)]
        matched.update(map(id, hits))
        reported += bool(hits)
        per_case.append(len(hits))
        if not hits:
            unreported.append("one→many " + "/".join(case))
    for case in gold.many_one:
        hits = [f for f in findings if f["kind"] == "collision" and len(names(f) & set(case)) >= 2]
        matched.update(map(id, hits))
        reported += bool(hits)
        per_case.append(len(hits))
        if not hits:
            unreported.append("many→one " + "/".join(case))
    known = len(gold.one_many) + len(gold.many_one)
    return Result(
        doc=doc, units=n_units if extra else len(pairs), candidates=len(by_zh),
        recall=round(len(found) / len(t1_terms), 3),
        precision=round((len(by_zh) - len(wrong)) / len(by_zh), 3) if by_zh else 0.0,
        rendering=round((len(graded) - len(bad)) / len(graded), 3) if graded else 0.0,
        coverage=round(covered / len(used), 3) if used else 0.0,
        report=round(reported / known, 3) if known else 0.0,
        findings=len(findings), findings_per_problem=round(len(findings) / known, 2) if known else 0.0,
        max_findings_one_problem=max(per_case, default=0),
        extract_s=round(t1 - t0, 2), check_s=round(t2 - t1, 2),
        missed=missed, wrong=wrong, bad_rendering=bad, unreported=unreported,
        unmatched=[f"{f['kind']} {'/'.join(f['zh'])} = {' | '.join(f['en'])}"
                   for f in findings if id(f) not in matched],
        **(grade_occurrences(pairs, load_occurrences(folder))
           if (folder / "gold_occurrences.tsv").exists() else {}))


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, load average {load}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", default=",".join(DOCS), help="Comma-separated documents (default: plan,k8s).")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="The bench/terms folder.")
    ap.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR",
                    help="Also grade the document in DIR (NAME.zh.txt, NAME.en.txt, gold_terms.tsv).")
    ap.add_argument("--show", action="store_true", help="List missed terms, wrong candidates, bad renderings.")
    ap.add_argument("--json", action="store_true", help="One JSON object per document.")
    args = ap.parse_args(argv)
    if args.docs and not args.shared.is_dir():
        print(f"Error: {args.shared}: no such folder (the shared development data)", file=sys.stderr)
        return 2
    docs = [d for d in args.docs.split(",") if d]
    for folder in args.extra:
        if not (folder / "gold_terms.tsv").is_file():
            print(f"Error: {folder / 'gold_terms.tsv'}: no such file", file=sys.stderr)
            return 2
    for doc in docs:
        if not (args.shared / doc / "gold_terms.tsv").is_file():
            print(f"Error: {args.shared / doc / 'gold_terms.tsv'}: no such file "
                  f"(--shared names the bench/terms folder, which holds {doc}/)", file=sys.stderr)
            return 2
    if not args.json:
        print(machine())
        print(f"{'doc':<6} {'units':>5} {'cands':>5} {'recall':>6} {'prec':>6} {'render':>6} "
              f"{'report':>6} {'finds':>5} {'f/prob':>6} {'max':>4} {'extr s':>6} {'check s':>7} "
              f"{'occ':>5} {'rows':>4} {'forced':>6} {'none':>4} {'cover':>5}")
    for doc, folder in [(d, None) for d in docs] + [("", f) for f in args.extra]:
        r = run(doc, args.shared, folder=folder)
        if args.json:
            print(json.dumps(asdict(r), ensure_ascii=False))
            continue
        print(f"{r.doc[:6]:<6} {r.units:>5} {r.candidates:>5} {r.recall:>6.3f} {r.precision:>6.3f} "
              f"{r.rendering:>6.3f} {r.report:>6.3f} {r.findings:>5} {r.findings_per_problem:>6.2f} "
              f"{r.max_findings_one_problem:>4} {r.extract_s:>6.2f} {r.check_s:>7.2f} "
              f"{r.occurrence:>5.3f} {r.occ_rows:>4} {r.occ_forced:>6} {r.occ_missing:>4} {r.coverage:>5.3f}")
        if args.show:
            for label, items in (("missed T1", r.missed), ("not gold", r.wrong),
                                 ("top rendering not used", r.bad_rendering), ("not reported", r.unreported),
                                 ("findings on no known case", r.unmatched),
                                 ("occurrence rendering wrong", r.bad_occurrence)):
                print(f"  {label} ({len(items)}): " + "; ".join(items))
    if not args.json:
        print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
