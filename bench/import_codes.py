"""Import speed of a TMX the way CAT tools write it: inline codes and metadata, through ``tm import``.

Writes a synthetic TMX 1.4 file of N units (default 100,000) in OmegaT's project-save
shape, en -> zh-CN, from the sentences of the seeds' action plan (as bench/import_export.py
does for plain TMX; every unit made distinct): per-``<tuv>`` creationid/creationdate/
changeid/changedate on the target, a ``file`` prop on every unit and, on one in five
(OmegaT's alternative translations), ``prev``/``next`` props holding the neighbouring
source sentences, a note on every tenth unit, and
inline codes in both sides of 3 units in 8 (a ``<bpt>``/``<ept>`` pair around the first
word, a ``<ph>`` line break, an ``<it>`` in half of them). Then runs the command
``tm --db DB import FILE --quiet`` in a child process (what a user runs: two processes, the
file parsed in a forked one) and prints the units stored (and how many kept their inline
codes), the wall time and the CPU seconds of the command and its forked reader (user +
system, from ``getrusage(RUSAGE_CHILDREN)``), the machine, the date and the load average.
The issue's target: >= 15,000 units/s on 2 cores. The package's bytecode is compiled first,
as an installed package has it (``PYTHONDONTWRITEBYTECODE`` is set on the machines these
figures come from: with it, each command compiled the modules ``tm import`` loads before its
reader could start: 0.22, 0.31 and 0.55 s of wall in three alternated pairs at load 12;
bench/match_stress.py does the same).

``--in-process`` calls ``tm.exchange.import_file`` here instead (``--workers 1|2``), for
profiling.

Usage: python bench/import_codes.py [--units 100000] [--repeat 1] [--workdir DIR]
                                    [--in-process [--workers 1|2]]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLAN_ZH = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.en.txt"

BOLD = ('<bpt i="1" x="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>')
BREAK = '<ph x="2">&lt;br/&gt;</ph>'
ITALIC = '<it pos="begin" x="3">&lt;i&gt;</it>'


def sentences() -> tuple[list[str], list[str]]:
    from tm.text.segment import segment_en, segment_zh
    zh = [s.text for s in segment_zh(PLAN_ZH.read_text(encoding="utf-8"))]
    en = [s.text for s in segment_en(PLAN_EN.read_text(encoding="utf-8"))]
    return zh, en


def _coded(text: str, cut: int, i: int) -> str:
    """``text`` with a bold pair around its first ``cut`` characters, a line break at the
    end, and an italic start in every other coded unit (markup as OmegaT keeps it)."""
    head, tail = escape(text[:cut]), escape(text[cut:])
    return f"{BOLD[0]}{head}{BOLD[1]}{tail}{BREAK}{ITALIC if i % 16 < 8 else ''}"


def write_file(path: Path, n: int) -> tuple[int, int]:
    """The TMX of ``n`` units, laid out as OmegaT writes it; returns (units, units with
    inline codes)."""
    zh, en = sentences()
    coded = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
                  '<tmx version="1.4">\n  <header creationtool="OmegaT" o-tmf="OmegaT TMX" '
                  'adminlang="EN-US" datatype="plaintext" creationtoolversion="3.1.9_2" '
                  'segtype="sentence" srclang="EN-US"/>\n  <body>\n')
        for i in range(n):
            e = f"{en[(i * 7) % len(en)]} ({i})"
            z = f"{zh[i % len(zh)]}（{i}）"
            if i % 8 in (1, 4, 6):
                coded += 1
                first = e.split(" ", 1)[0]
                e_seg, z_seg = _coded(e, len(first), i), _coded(z, min(4, len(z)), i)
            else:
                e_seg, z_seg = escape(e), escape(z)
            props = f'\n      <prop type="file">docs/chapter{i % 40}.xml</prop>'
            if i % 5 == 0:          # an alternative translation: its context, as OmegaT keeps it
                props += (f'\n      <prop type="prev">{escape(en[(i * 7 - 7) % len(en)])}</prop>'
                          f'\n      <prop type="next">{escape(en[(i * 7 + 7) % len(en)])}</prop>')
            note = f"\n      <note>checked by reviewer {i % 7}</note>" if i % 10 == 0 else ""
            day = 10 + i % 18
            out.write(f'    <tu>{note}{props}\n'
                      f'      <tuv xml:lang="EN-US">\n        <seg>{e_seg}</seg>\n      </tuv>\n'
                      f'      <tuv xml:lang="ZH-CN" changeid="Wynn" changedate="201503{day}T075150Z" '
                      f'creationid="Wynn" creationdate="201503{day}T075150Z">\n        <seg>{z_seg}</seg>'
                      f'\n      </tuv>\n    </tu>\n')
        out.write("  </body>\n</tmx>\n")
    return n, coded


def compile_bytecode() -> None:
    """Compile the package's bytecode, as an installed package has it (see the module's doc)."""
    import compileall
    compileall.compile_dir(str(ROOT / "tm"), quiet=1)


def _cpu(who) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_command(path: Path, db: Path) -> tuple[float, float, str]:
    """``tm import`` in a child process: (wall s, CPU s of it and its forked reader, output)."""
    cmd = [sys.executable, "-c", "from tm.cli import cli; cli()", "--db", str(db), "import", str(path),
           "--quiet"]
    cpu0 = _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    secs = time.perf_counter() - start
    cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu0
    if out.returncode:
        raise SystemExit(f"tm import failed ({out.returncode}): {out.stderr.strip()}")
    return secs, cpu, out.stdout.strip()


def run_in_process(path: Path, db: Path, workers: int | None) -> tuple[float, float, str]:
    from tm.exchange import import_file
    from tm.memory.store import open_store
    handle = open_store(db)
    cpu0 = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = import_file(handle, path, workers=workers)
    secs = time.perf_counter() - start
    cpu = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu0
    handle.conn.close()
    return secs, cpu, f"{result.stats.added} added, {result.skipped.count} skipped"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1, help="imports of the file, each into a fresh database")
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--in-process", action="store_true", help="call the library here, not the command")
    ap.add_argument("--workers", type=int, default=None, help="with --in-process: 1 or 2 processes")
    opts = ap.parse_args(argv)

    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="import-codes-", dir=opts.workdir) as tmp:
        path = Path(tmp) / "codes.tmx"
        n, coded = write_file(path, opts.units)
        size = path.stat().st_size / 2**20
        print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores, python "
              f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
        print(f"# file: {n} units ({coded} with inline codes), {size:.1f} MB; "
              f"{'library, workers=' + str(opts.workers or 'default') if opts.in_process else 'tm import'}")
        for _ in range(opts.repeat):
            db = Path(tmp) / "m.db"
            for p in Path(tmp).glob("m.db*"):
                p.unlink()
            load0 = os.getloadavg()
            secs, cpu, said = (run_in_process(path, db, opts.workers) if opts.in_process
                               else run_command(path, db))
            load1 = os.getloadavg()
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM units").fetchone()[0]
                kept = conn.execute("SELECT count(*) FROM units WHERE codes IS NOT NULL").fetchone()[0]
                meta = conn.execute("SELECT count(*) FROM units WHERE meta IS NOT NULL AND props IS NOT NULL"
                                    ).fetchone()[0]
            conn.close()
            print(f"# load average before {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, "
                  f"after {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}; {said.splitlines()[0] if said else ''}")
            print(f"TMX with inline codes and metadata: {n} units, {stored} stored ({kept} with their "
                  f"inline codes kept, {meta} with metadata and props), {secs:.1f} s wall = "
                  f"{n / secs:,.0f} units/s; CPU {cpu:.1f} s (command and its reader) = "
                  f"{n / cpu:,.0f} units per CPU-second", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
