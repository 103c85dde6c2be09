"""Extraction and the consistency report on a 10,000-unit memory, through the command line.

The memory is made of real aligned text: the two development documents of
``../shared/bench/terms`` and the zh-CN translation memories of
``../shared/bench/realfiles/tmx`` (OmegaT, Alchemy Catalyst), as many distinct units with
Chinese text as they hold; the rest up to ``--units`` repeats them, each repeat marked " [n]" on both
sides so that the import keeps it (said in the output).
Times ``tm import`` (not counted), ``glossary extract`` and ``glossary check`` as
separate processes, start-up included, and prints the machine, date and load average.

    python bench/terms_speed.py [--units 10000] [--shared PATH]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))
from tm import HAN  # noqa: E402
TMX = ("phpunit_omegat319_level2.tmx", "lilium_omegat520_project_save.tmx", "lilium_Bundle_en_zh-CN.tmx")


def real_units(shared: Path) -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from terms_quality import load_pairs

    from tm.formats.common import read_units
    from tm.models import Skipped

    out: list[tuple[str, str]] = []
    for doc in ("plan", "k8s"):
        if (shared / "terms" / doc).is_dir():
            out += [(z, e) for _, z, e in load_pairs(shared / "terms" / doc)]
    for name in TMX:
        path = shared / "realfiles" / "tmx" / name
        if path.exists():
            try:
                # untranslated units are skipped (and counted), as tm import does
                out += [(u.zh, u.en) for u in read_units(path, skipped=Skipped()) if u.zh and u.en]
            except Exception as exc:          # one bad unit (an empty side): keep what was read
                print(f"note: {name}: stopped at {exc}", file=sys.stderr)
    seen, distinct = set(), []
    for z, e in out:
        z, e = " ".join(z.split()), " ".join(e.split())
        if z and e and (z, e) not in seen:
            seen.add((z, e))
            distinct.append((z, e))
    return distinct


def build_memory(shared: Path, n: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``n`` units of work: the real units (:func:`real_units`) with Chinese text, repeated
    up to ``n``. Returns the memory and the distinct real units (none: no shared folder)."""
    # Units whose Chinese side holds no Chinese (program output left untranslated in the
    # OmegaT memories: 2,039 of the 7,499) are left out: extraction does not read them
    # (session 16), and the memory should be 10,000 units of work.
    units = [(z, e) for z, e in real_units(shared) if re.search(f"[{HAN}]", z)]
    if not units:
        return [], []
    # Repeats are made distinct (the import skips a unit whose zh+en it already has) by a
    # bracketed number on both sides: digits and brackets never belong to a term.
    memory = [(z, e) if i < len(units) else (f"{z} [{i // len(units)}]", f"{e} [{i // len(units)}]")
              for i, (z, e) in ((i, units[i % len(units)]) for i in range(n))]
    return memory, units


def write_memory(memory: list[tuple[str, str]], path: Path) -> Path:
    """The memory as a TSV file ``tm import`` reads (id, zh, en), each text as it is: a
    backslash escaped (a shell script's ``\\033`` in the OmegaT memory was read as a NUL
    and ``33``, which a server refuses)."""
    from tm.formats.tabular import tsv_escape
    path.write_text("id\tzh\ten\n" + "".join(f"u{i}\t{tsv_escape(z)}\t{tsv_escape(e)}\n"
                                              for i, (z, e) in enumerate(memory)), encoding="utf-8")
    return path


def _cli(tool: str, args: list[str], db: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Wall seconds and the finished process; ``_cli.cpu``: its CPU seconds (user + system,
    children included), which the machine's load does not inflate."""
    code = f"import sys; sys.argv[0] = {tool!r}; from {tool}.cli import cli; cli()"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, "--db", str(db), *args], capture_output=True, text=True,
                       env=env, cwd=str(ROOT))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _cli.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, p


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--shared", type=Path, default=SHARED, help="The shared bench folder.")
    args = ap.parse_args(argv)
    memory, units = build_memory(args.shared, args.units)
    if not units:
        print(f"Error: no real units under {args.shared}", file=sys.stderr)
        return 2
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, load average {load}")
    print(f"memory: {len(memory)} units ({len(units)} distinct real units, the rest repeated), "
          f"{sum(len(z) for z, _ in memory):,} zh characters")
    with tempfile.TemporaryDirectory(prefix="terms-speed-") as tmp:
        tsv = write_memory(memory, Path(tmp) / "memory.tsv")
        db = Path(tmp) / "tm.db"
        t, p = _cli("tm", ["import", str(tsv), "--on-duplicate", "error"], db)
        if p.returncode:
            print(p.stderr, file=sys.stderr)
            return 1
        t_extract, p = _cli("glossary", ["extract", "--format", "jsonl"], db)
        cpu_extract = _cli.cpu
        if p.returncode:
            print(p.stderr, file=sys.stderr)
            return 1
        candidates = len(p.stdout.splitlines())
        t_check, p = _cli("glossary", ["check", "--format", "jsonl"], db)
        cpu_check = _cli.cpu
        if p.returncode not in (0, 1):
            print(p.stderr, file=sys.stderr)
            return 1
        findings = len(p.stdout.splitlines())
    print(f"glossary extract: {t_extract:.1f} s wall, {cpu_extract:.1f} s CPU ({candidates} candidates); "
          f"glossary check: {t_check:.1f} s wall, {cpu_check:.1f} s CPU ({findings} findings); "
          f"together {t_extract + t_check:.1f} s wall, {cpu_extract + cpu_check:.1f} s CPU (target < 60 s)")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
