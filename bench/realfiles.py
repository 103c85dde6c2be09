"""Real files from other tools through the CLI: units expected vs imported, what is kept.

For each file of ``../shared/bench/realfiles/`` (MANIFEST.tsv) this script

1. counts, on its own (lxml / csv, not the project's readers), the units a zh/en
   memory or term base should take from it: TMX ``<tu>`` with a Chinese and an
   English ``<tuv>`` whose ``<seg>`` is not blank; XLIFF units with a non-blank
   target that is not the source copied; TBX entries with a Chinese and an English
   term; glossary rows with two non-blank cells, as distinct Chinese terms. A file
   with no Chinese (or no English) anywhere is expected to be refused (expected 0);
2. runs ``tm import`` (TMX, XLIFF) or ``glossary import`` (TBX, glossary) on it
   through the command line, on a fresh database in a temporary folder;
3. reads the summary line, counts the units/entries in the database through
   ``tm export`` / ``glossary export`` (what was really stored), and compares the
   metadata kinds the input holds with those the TMX/TBX export carries.

Prints a table (file, tool, direction, expected, imported, skipped with reasons,
metadata kept/lost, exit code) with the machine, date and load average.

Usage: python bench/realfiles.py [--dir ../shared/bench/realfiles] [--json]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "bench" / "realfiles"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = {"bpt", "ept", "ph", "it", "ut", "x", "g", "bx", "ex", "mrk", "sc", "ec", "pc", "sm", "em"}
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
LATIN = re.compile("[A-Za-z]")


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def primary(tag: str | None) -> str:
    return (tag or "").strip().replace("_", "-").split("-", 1)[0].lower()


def text_of(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


_STAMPS = ("creationid", "creationdate", "changeid", "changedate")


def tuv_meta(tuv) -> set[str]:
    """What a TMX ``<tuv>`` carries beside its text: its stamps (``tuv@creationid``...) and
    its ``<prop>``/``<note>`` children (``tuv/prop``, ``tuv/note``)."""
    return ({f"tuv@{attr}" for attr in _STAMPS if tuv.get(attr)}
            | {f"tuv/{local(sub.tag)}" for sub in tuv if local(sub.tag) in ("prop", "note")})


# --- independent expected counts ---------------------------------------------------

def expect_tmx(path: Path) -> dict:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                  load_dtd=False, huge_tree=True))
    tus = [el for el in tree.iter() if local(el.tag) == "tu"]
    reasons: Counter = Counter()
    ok = 0
    meta: set[str] = set()
    zh_tags: Counter = Counter()
    src = Counter()
    header = next((el for el in tree.iter() if local(el.tag) == "header"), None)
    hsrc = primary(header.get("srclang")) if header is not None else ""
    for tu in tus:
        sides: dict[str, str] = {}
        meta.update(f"tu@{attr}" for attr in ("tuid", *_STAMPS) if tu.get(attr))
        for child in tu:
            name = local(child.tag)
            if name == "prop":
                meta.add("prop")
            elif name == "note":
                meta.add("note")
            elif name == "tuv":
                tag = child.get(XML_LANG) or child.get("lang")
                meta.update(tuv_meta(child))
                seg = next((s for s in child if local(s.tag) == "seg"), None)
                if seg is not None and any(local(c.tag) in CODES for c in seg.iter()):
                    meta.add("inline codes")
                p = primary(tag)
                if p in ("zh", "en") and p not in sides:
                    sides[p] = text_of(seg)
                    if p == "zh":
                        zh_tags[tag] += 1
        if "zh" not in sides or "en" not in sides:
            reasons["no zh or no en variant"] += 1
        elif not sides["zh"].strip() or not sides["en"].strip():
            reasons["a side is blank"] += 1
        else:
            ok += 1
            src[hsrc if hsrc in ("zh", "en") else "?"] += 1
    if not any(zh_tags.values()):
        return {"units": len(tus), "expected": 0, "reasons": {"no Chinese in the file": len(tus)},
                "meta": sorted(meta), "zh_tags": {}, "refuse": True}
    return {"units": len(tus), "expected": ok, "reasons": dict(reasons), "meta": sorted(meta),
            "zh_tags": dict(zh_tags), "refuse": False}


def expect_xliff(path: Path) -> dict:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                  load_dtd=False, huge_tree=True))
    root = tree.getroot()
    files = [el for el in root.iter() if local(el.tag) == "file"]
    trg_lang = root.get("trgLang") or next((f.get("target-language") for f in files
                                            if f.get("target-language")), None)
    src_lang = root.get("srcLang") or next((f.get("source-language") for f in files
                                            if f.get("source-language")), None)
    units = [el for el in root.iter() if local(el.tag) in ("trans-unit", "unit")]
    reasons: Counter = Counter()
    ok = 0
    meta: set[str] = set()
    han_targets = 0
    for u in units:
        if u.get("id"):
            meta.add("id")
        if u.get("resname"):
            meta.add("resname")
        srcs = [c for c in u.iter() if local(c.tag) == "source"]
        trgs = [c for c in u.iter() if local(c.tag) == "target"]
        for c in u.iter():
            n = local(c.tag)
            if n == "note":
                meta.add("note")
            elif n in ("context", "context-group"):
                meta.add("context")
            elif n in CODES:
                meta.add("inline codes")
        for t in trgs + [c for c in u.iter() if local(c.tag) == "segment"]:
            if t.get("state"):
                meta.add("state (as status)")
        s = "".join(text_of(c) for c in srcs)
        t = "".join(text_of(c) for c in trgs)
        if HAN.search(t):
            han_targets += 1
        if not trgs or not t.strip():
            reasons["no target"] += 1
        elif t.strip() == s.strip():
            reasons["source copied"] += 1
        else:
            ok += 1
    langs = {primary(src_lang), primary(trg_lang)}
    refuse = not ({"zh", "en"} <= langs) and not han_targets
    if refuse:
        return {"units": len(units), "expected": 0,
                "reasons": {f"no Chinese ({src_lang}->{trg_lang})": len(units)},
                "meta": sorted(meta), "zh_tags": {}, "refuse": True}
    if not ok:
        # nothing translated: a memory import would be empty; refusing is also right
        return {"units": len(units), "expected": 0, "reasons": dict(reasons),
                "meta": sorted(meta), "zh_tags": {trg_lang: 0}, "refuse": None}
    return {"units": len(units), "expected": ok, "reasons": dict(reasons), "meta": sorted(meta),
            "zh_tags": {trg_lang: ok}, "refuse": False}


def expect_tbx(path: Path) -> dict:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True,
                                                  load_dtd=False, huge_tree=True))
    entries = [el for el in tree.iter() if local(el.tag) in ("termEntry", "conceptEntry")]
    reasons: Counter = Counter()
    zh_terms: set[str] = set()
    meta: set[str] = set()
    zh_tags: Counter = Counter()
    for e in entries:
        terms: dict[str, list[str]] = {}
        if e.get("id"):
            meta.add("entry id")
        for c in e.iter():
            n = local(c.tag)
            if n in ("note", "descrip", "admin", "termNote") and n != "termNote":
                meta.add(n)
            if n in ("langSet", "langSec"):
                tag = c.get(XML_LANG) or c.get("lang")
                p = primary(tag)
                ts = [" ".join(text_of(t).split()) for t in c.iter() if local(t.tag) == "term"]
                terms.setdefault(p, []).extend(ts)
                if p == "zh":
                    zh_tags[tag] += 1
        zh = [t for t in terms.get("zh", []) if t]
        en = [t for t in terms.get("en", []) if t]
        if not terms.get("zh") and not terms.get("en"):
            reasons["no zh or no en"] += 1
        elif not zh or not en:
            reasons["a side is blank"] += 1
        else:
            zh_terms.update(zh)
    if not zh_tags:
        return {"units": len(entries), "expected": 0, "reasons": {"no Chinese": len(entries)},
                "meta": sorted(meta), "zh_tags": {}, "refuse": True}
    return {"units": len(entries), "expected": len(zh_terms), "reasons": dict(reasons),
            "meta": sorted(meta), "zh_tags": dict(zh_tags), "refuse": False}


def _decode(data: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def expect_glossary(path: Path) -> dict:
    text = _decode(path.read_bytes())
    delim = "," if path.suffix.lower() == ".csv" else "\t"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim,
                           quoting=csv.QUOTE_MINIMAL if delim == "," else csv.QUOTE_NONE))
    rows = [r for r in rows if r and any(c.strip() for c in r)
            and not (delim == "\t" and r[0].lstrip().startswith("#"))]   # OmegaT comment lines
    # which two columns hold Chinese and English: by content (share of rows with Han)
    width = max(len(r) for r in rows)
    han = [sum(1 for r in rows if len(r) > i and HAN.search(r[i])) for i in range(width)]
    lat = [sum(1 for r in rows if len(r) > i and LATIN.search(r[i]) and not HAN.search(r[i]))
           for i in range(width)]
    zh_col = max(range(min(width, 2)), key=lambda i: han[i])
    en_col = 1 - zh_col
    meta = set()
    if han[zh_col] < len(rows) * 0.3 or lat[en_col] < len(rows) * 0.3:
        return {"units": len(rows), "expected": 0, "reasons": {"no Chinese column": len(rows)},
                "meta": sorted(meta), "zh_tags": {}, "refuse": True}
    header = rows[0] if not HAN.search(" ".join(rows[0][:2])) else None
    body = rows[1:] if header else rows
    reasons: Counter = Counter()
    zh_terms: set[str] = set()
    for r in body:
        zh = r[zh_col].strip() if len(r) > zh_col else ""
        en = r[en_col].strip() if len(r) > en_col else ""
        if not zh or not en:
            reasons["a side is blank"] += 1
        else:
            zh_terms.add(zh)
        if len(r) > 2 and any(c.strip() for c in r[2:]):
            meta.add("note")            # comments and other columns: kept as the note
    return {"units": len(body), "expected": len(zh_terms), "reasons": dict(reasons),
            "meta": sorted(meta), "zh_tags": {}, "refuse": False,
            "direction": "zh->en" if zh_col == 0 else "en->zh"}


# --- running the CLI ----------------------------------------------------------------

def run(args: list[str], env: dict, cwd: str, timeout: int = 900) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", f"from {args[0]}.cli import cli; cli()", *args[1:]],
                       capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
    return p.returncode, p.stdout, p.stderr, time.perf_counter() - start


def exported_tmx_meta(tmx_text: str) -> tuple[int, set[str], Counter]:
    if not tmx_text.strip():
        return 0, set(), Counter()
    root = etree.fromstring(tmx_text.encode("utf-8"))
    meta: set[str] = set()
    tags: Counter = Counter()
    n = 0
    for tu in root.iter("{*}tu", "tu"):
        n += 1
        meta.update(f"tu@{attr}" for attr in ("tuid", *_STAMPS) if tu.get(attr))
        if (tu.get("tuid") or "").find("#") > 0:
            meta.add("id")                  # an XLIFF id, as <file original>#<id>
        for child in tu:
            name = local(child.tag)
            ptype = child.get("type") or ""
            if name == "prop" and ptype == "resname":
                meta.add("resname")
            elif name == "prop" and ptype.startswith("context:"):
                meta.add("context")
            elif name == "prop" and ptype == "x-status" and child.text != "translated":
                meta.add("state (as status)")
            if name == "prop" and not ptype.startswith(("x-origin", "x-status")):
                meta.add("prop")
            elif name == "note":
                meta.add("note")
            elif name == "tuv":
                meta.update(tuv_meta(child))
                tag = child.get(XML_LANG) or child.get("lang")
                if primary(tag) == "zh":
                    tags[tag] += 1
                seg = next((s for s in child if local(s.tag) == "seg"), None)
                if seg is not None and any(local(c.tag) in CODES - {"ph"} or
                                           (local(c.tag) == "ph" and c.get("type") != "x-char")
                                           for c in seg.iter()):
                    meta.add("inline codes")
    return n, meta, tags


def exported_tbx(tbx_text: str) -> tuple[int, set[str], Counter]:
    if not tbx_text.strip():
        return 0, set(), Counter()
    root = etree.fromstring(tbx_text.encode("utf-8"))
    tags: Counter = Counter()
    meta: set[str] = set()
    n = 0
    for e in root.iter():
        name = local(e.tag)
        if name in ("termEntry", "conceptEntry"):
            n += 1
        elif name in ("langSet", "langSec"):
            tag = e.get(XML_LANG)
            if primary(tag) == "zh":
                tags[tag] += 1
        elif name in ("note", "descrip", "admin"):
            txt = text_of(e)
            if not txt.startswith(("status:", "pinyin:", "kind:")):
                meta.add(name)
    return n, meta, tags


_SKIP_RE = re.compile(r"(\d[\d,]*) skipped")


def summarise_skips(out: str) -> str:
    m = re.findall(r"(\d[\d,]*) skipped: ([^(\n;]+)", out)
    return "; ".join(f"{n} {r.strip()}" for n, r in m)


def evaluate(path: Path, kind: str, workdir: Path, env: dict) -> dict:
    expect = {"tmx": expect_tmx, "xliff": expect_xliff, "tbx": expect_tbx,
              "glossary": expect_glossary}[kind](path)
    db = workdir / f"{path.stem}.db"
    env = dict(env, TM_DB=str(db))
    pkg = "tm" if kind in ("tmx", "xliff") else "glossary"
    code, out, err, secs = run([pkg, "--db", str(db), "import", str(path)], env, str(workdir))
    row = {"file": f"{path.parent.name}/{path.name}", "kind": kind, "expected": expect["expected"],
           "units_in_file": expect["units"], "expected_skips": expect["reasons"],
           "exit": code, "seconds": round(secs, 2), "message": (out + err).strip().splitlines()[-3:],
           "refuse_expected": expect["refuse"], "meta_in": expect["meta"],
           "zh_tags_in": expect["zh_tags"]}
    stored = 0
    meta_out: set[str] = set()
    tags_out: Counter = Counter()
    if code == 0 and db.exists():
        if pkg == "tm":
            c2, tmx, e2, _ = run(["tm", "--db", str(db), "export", "--format", "tmx"], env, str(workdir))
            if c2 == 0:
                stored, meta_out, tags_out = exported_tmx_meta(tmx)
        else:
            c2, tbx, e2, _ = run(["glossary", "--db", str(db), "export", "--format", "tbx",
                                  "--status", "all"], env, str(workdir))
            if c2 == 0:
                stored, meta_out, tags_out = exported_tbx(tbx)
    row.update(stored=stored, skipped_reported=summarise_skips(out + err),
               meta_kept=sorted(set(expect["meta"]) & meta_out),
               meta_lost=sorted(set(expect["meta"]) - meta_out),
               zh_tags_out=dict(tags_out))
    if expect["refuse"]:
        row["verdict"] = "ok (refused)" if code != 0 else "WRONG: imported a file without Chinese"
    elif expect["refuse"] is None:
        row["verdict"] = "ok" if stored == 0 else "?"
    else:
        row["verdict"] = ("ok" if stored == expect["expected"] else
                          f"{stored - expect['expected']:+d}" if code == 0 else "WRONG: refused")
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--json", action="store_true", help="Print the rows as JSON.")
    opts = ap.parse_args(argv)
    opts.dir = opts.dir.resolve()       # the commands below run in a temporary directory
    manifest = opts.dir / "MANIFEST.tsv"
    if not manifest.exists():
        print(f"{manifest}: not found (the real files are not here)", file=sys.stderr)
        return 2
    with manifest.open(encoding="utf-8") as fh:
        files = [r["file"] for r in csv.DictReader(fh, delimiter="\t")]
    load = os.getloadavg()
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores, python "
          f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    env = dict(os.environ)
    env.pop("TM_DB", None)
    rows = []
    with tempfile.TemporaryDirectory(prefix="realfiles-") as tmp:
        for rel in files:
            path = opts.dir / rel
            kind = rel.split("/", 1)[0]
            rows.append(evaluate(path, kind, Path(tmp), env))
    if opts.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print("| file | in file | expected | stored | verdict | exit | skipped (as reported) | "
          "kept | lost | zh tag in → out |")
    print("|---|---:|---:|---:|---|---:|---|---|---|---|")
    for r in rows:
        skips = r["skipped_reported"] or (", ".join(f"{n} {k}" for k, n in r["expected_skips"].items())
                                          + " (expected)" if r["expected_skips"] else "")
        tags = (", ".join(f"{k}" for k in r["zh_tags_in"]) + " → " +
                ", ".join(f"{k}" for k in r["zh_tags_out"])) if r["zh_tags_in"] else ""
        msg = "" if r["exit"] == 0 else " — " + (r["message"][-1] if r["message"] else "")
        print(f"| {r['file']} | {r['units_in_file']} | {r['expected']} | {r['stored']} | "
              f"{r['verdict']}{msg} | {r['exit']} | {skips} | {', '.join(r['meta_kept'])} | "
              f"{', '.join(r['meta_lost'])} | {tags} |")
    load = os.getloadavg()
    print(f"# done {time.strftime('%H:%M:%S UTC', time.gmtime())}, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
