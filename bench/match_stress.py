"""Fuzzy-match latency on repetitive memories, side by side with translate-toolkit's matcher.

Two memories at each size (default 200,000 and 1,000,000 units):

* ``stress``: the near-duplicate stress memory of bench/stress_synth.py (families of
  2,000 near-variants: boilerplate, revisions, numbers changed);
* ``realistic``: the synthetic memory of bench/synth.py that bench/match_bench.py uses
  (Zipf vocabulary, 20 % near-duplicates of a recent unit).

Queries (seed 11, half zh, half en, ``--min 70 --limit 5``): for ``stress``, a thirds
split of fresh variants of a family (thousands of matches), stored units edited by
1-5 tokens, and fresh sentences behind a boilerplate opening (few or no matches, but
frequent index tokens); for ``realistic``, half edited stored units, half fresh sentences.

For each memory it prints, with the machine, date and load average:

* in process (warm, database open): wall p50/p95/p99 and CPU p50/p95 of ``tm.match.match``, per kind of query;
* translate-toolkit's ``translate.search.match.matcher`` over the same units (zh side or en
  side as the source, ``max_length`` large enough to keep every unit, ``min_similarity`` 70,
  ``max_candidates`` 5) on the same queries: wall and CPU p50/p95 and the ratio of the p50s and p95s;
* a few ``tm --db DB match QUERY`` commands as processes, run through the ``tm`` console
  script installed beside this Python (bytecode compiled first, as an installed package has
  it): wall time (start-up included), CPU (user + system), peak RSS (``getrusage`` of the only
  child) and peak private memory (``RssAnon``); beside them the bare interpreter's start
  (``python -c pass``, and ``python -S -c pass`` without the installation's ``.pth`` hooks) at
  the same moment, the floor under any command on that machine;
* some queries checked against the brute-force scan (``tm.match.match_brute``).

With ``--url URL`` (a PostgreSQL database) each memory is also imported there, into a schema
of its own (``tm import`` of the same TSV file, once), and the ``tm match`` commands run
against both backends, the two alternated query by query (the one that starts changes from
query to query), each backend's figures printed apart: the one-shot figures of issue 12 for
both backends from one command. The command's CPU there is the client's (the server's
backend is not its child). ``--cli-only`` leaves out the in-process timings, the check against
the scan and translate-toolkit.

Memories are generated and imported (``tm import``, a TSV file) when missing and cached in
``--cache`` (default ``$TM_BENCH_CACHE`` or ``~/.cache/zhen-tm-bench``), never in the
repository: a 1,000,000-unit memory takes minutes to build on two shared cores.

    python bench/match_stress.py                              # both memories, 200k and 1M
    python bench/match_stress.py --sizes 200000 --kinds stress --queries 100 --tt-queries 20
    python bench/match_stress.py --sizes 1000000 --kinds realistic --cli 40 --cli-only --url postgresql://…
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.Popen(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "anon = 0\n"
    "while p.poll() is None:\n"
    "    try:\n"
    "        with open(f'/proc/{p.pid}/status') as st:\n"
    "            anon = max([anon] + [int(l.split()[1]) for l in st if l.startswith('RssAnon:')])\n"
    "    except OSError:\n"
    "        pass\n"
    "    time.sleep(float(sys.argv[2]))\n"
    "wall = time.perf_counter() - t\n"
    "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "with open(sys.argv[1], 'w') as fh:\n"
    "    fh.write(f'{ru.ru_maxrss} {anon} {ru.ru_utime + ru.ru_stime} {wall}')\n"
    "sys.exit(p.returncode)\n"
)


def measuring(out: Path, command: list, poll: float = 0.002) -> list[str]:
    """``command`` run by a wrapper that writes to ``out`` the command's peak RSS (KB,
    ``getrusage(RUSAGE_CHILDREN)``: the only child), the peak of its private memory (KB,
    ``RssAnon`` in /proc/PID/status, read every ``poll`` seconds), its CPU (user + system) and
    wall seconds. RSS also counts database pages read through SQLite's memory map, which are
    the OS page cache (shared, clean, reclaimable): RssAnon says whether memory grows. The
    command's output is dropped; the wrapper exits with its status."""
    return [sys.executable, "-c", _MEASURE, str(out), str(poll), *map(str, command)]


def stamp() -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    la = os.getloadavg()
    return (f"{now}; {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"load average {la[0]:.2f} {la[1]:.2f} {la[2]:.2f}")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def ms(v: float) -> str:
    return f"{1000 * v:.1f} ms"


def tm_command(*args) -> list[str]:
    return [sys.executable, "-c", "import sys; from tm.cli import cli; sys.exit(cli(prog_name='tm'))",
            *map(str, args)]


def tm_script(*args) -> list[str]:
    """The ``tm`` command as a user runs it: the console script pip installed beside this
    Python (its shim imports ``tm.cli`` and calls it; no entry-point scan), else :func:`tm_command`."""
    import shutil
    script = shutil.which("tm", path=str(Path(sys.executable).parent))
    return [script, *map(str, args)] if script else tm_command(*args)


def compile_bytecode() -> None:
    """Compile the package's bytecode, as an installed package has it: with
    ``PYTHONDONTWRITEBYTECODE`` set (it is on the machines these figures come from) an
    editable install recompiles every changed module at every command, 30 ms and more."""
    import compileall
    compileall.compile_dir(str(ROOT / "tm"), quiet=1)


def bare_interpreter(n: int, rss: Path) -> str:
    """Median CPU and wall of ``python -c pass`` with and without ``site`` (``-S``: no
    ``.pth`` hooks of the installation), the floor under any command's start-up."""
    out = []
    for flags in ([], ["-S"]):
        walls, cpus = [], []
        for _ in range(n):
            subprocess.run(measuring(rss, [sys.executable, *flags, "-c", "pass"]), check=True)
            walls.append(float(rss.read_text().split()[3]))
            cpus.append(float(rss.read_text().split()[2]))
        out.append(f"`python {' '.join(flags + ['-c', 'pass'])}` CPU p50 {1000 * pct(cpus, 50):.0f} ms, "
                   f"wall p50 {1000 * pct(walls, 50):.0f} ms")
    return "; ".join(out)


def generator(kind: str):
    if kind == "stress":
        from stress_synth import StressGenerator
        return StressGenerator(7)
    from synth import Generator
    return Generator(7)


def units_file(cache: Path, kind: str, n: int) -> Path:
    """The memory's units as TSV (zh, en), written once."""
    path = cache / f"{kind}-{n}.tsv"
    if not path.exists():
        t = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            out.write("zh\ten\n")
            batch = []
            for zh, en in generator(kind).pairs(n):
                batch.append(f"{zh}\t{en}\n")
                if len(batch) >= 10_000:
                    out.write("".join(batch))
                    batch.clear()
            out.write("".join(batch))
        tmp.rename(path)
        print(f"  generated {path} in {time.perf_counter() - t:.0f} s", flush=True)
    return path


def database(cache: Path, kind: str, n: int) -> Path:
    db = cache / f"{kind}-{n}.db"
    if not db.exists():
        tsv = units_file(cache, kind, n)
        tmp = cache / f"{kind}-{n}.tmp.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        t = time.perf_counter()
        subprocess.run(tm_command("--db", tmp, "import", tsv), check=True, stdout=subprocess.DEVNULL)
        import sqlite3
        with sqlite3.connect(tmp) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tmp.rename(db)
        print(f"  imported {db} in {time.perf_counter() - t:.0f} s ({stamp()})", flush=True)
    return db


def server_memory(url: str, cache: Path, kind: str, n: int) -> str:
    """The URL of the memory ``kind``/``n`` on the server at ``url``: the schema ``kind_n``,
    the memory's TSV file imported into it (``tm import``) unless it holds the units of the
    SQLite memory already (the generator's duplicates are skipped on both)."""
    import sqlite3

    import psycopg

    schema = f"{kind}_{n}"
    target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"
    with sqlite3.connect(database(cache, kind, n)) as lite:
        expect = lite.execute("SELECT count(*) FROM units").fetchone()[0]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        has = conn.execute("SELECT to_regclass(%s)", [f"{schema}.units"]).fetchone()[0]
        have = conn.execute(f"SELECT count(*) FROM {schema}.units").fetchone()[0] if has else 0
    if have == expect:
        return target
    if have:
        raise SystemExit(f"schema {schema} of {url} holds {have:,} units, the SQLite memory {expect:,}: drop it")
    tsv = units_file(cache, kind, n)
    t = time.perf_counter()
    subprocess.run(tm_command("--db", target, "import", tsv), check=True, stdout=subprocess.DEVNULL)
    print(f"  imported {tsv.name} into schema {schema} of the server in {time.perf_counter() - t:.0f} s "
          f"({stamp()})", flush=True)
    return target


def read_units(tsv: Path) -> list[tuple[str, str]]:
    with open(tsv, encoding="utf-8") as fh:
        next(fh)
        return [tuple(line.rstrip("\n").split("\t")) for line in fh]


def make_queries(kind: str, units: list[tuple[str, str]], n: int, seed: int = 11):
    from synth import Generator
    rng = random.Random(seed)
    if kind == "stress":
        from stress_synth import StressGenerator
        sg = StressGenerator(7)
        fams = sg.families(len(units))
        gen = sg.gen
    else:
        gen = Generator(seed)
    gen.rng = random.Random(seed + 1)
    out = []
    for i in range(n):
        lang = "zh" if i % 2 == 0 else "en"
        kinds = ("variant", "edited", "fresh") if kind == "stress" else ("edited", "fresh")
        what = kinds[(i // 2) % len(kinds)]
        if what == "variant":
            zh, en = rng.choice(fams).variant(rng, sg.openings, sg.closings)
            q = zh if lang == "zh" else en
        elif what == "edited":
            zh, en = units[rng.randrange(len(units))]
            q = gen.edit_zh(zh, rng.randint(1, 5)) if lang == "zh" else gen.edit_en(en, rng.randint(1, 5))
        else:
            q = gen.zh_sentence() if lang == "zh" else gen.en_sentence()
            if kind == "stress":
                oz, oe = rng.choice(sg.openings)
                q = oz + q if lang == "zh" else oe + q[:1].lower() + q[1:]
        out.append((lang, what, q))
    return out


def in_process(db_path: Path, queries, min_score: float, verify: int):
    from tm.memory.match import match, match_brute
    from tm.memory.store import open_store

    db = open_store(db_path, create=False)
    walls: dict[str, list[float]] = {}
    kinds: dict[str, list[float]] = {}
    cpus, found, each = [], 0, []
    for lang, what, q in queries:
        t0, c0 = time.perf_counter(), time.process_time()
        r = match(db, q, source=lang, min_score=min_score, limit=5)
        each.append(time.perf_counter() - t0)
        walls.setdefault(f"{lang} {what}", []).append(each[-1])
        cpus.append(time.process_time() - c0)
        kinds.setdefault(f"{lang} {what}", []).append(cpus[-1])
        found += bool(r)
    alls = [t for ts in walls.values() for t in ts]
    print(f"  tm.match.match, {len(queries)} queries, {found} with a match: wall p50 {ms(pct(alls, 50))}, "
          f"p95 {ms(pct(alls, 95))}, p99 {ms(pct(alls, 99))}, max {ms(max(alls))}; "
          f"CPU p50 {ms(pct(cpus, 50))}, p95 {ms(pct(cpus, 95))}  ({stamp()})", flush=True)
    for key, ts in sorted(walls.items()):
        cs = kinds[key]
        print(f"      {key:<11} wall p50 {ms(pct(ts, 50))}, p95 {ms(pct(ts, 95))}, max {ms(max(ts))}; "
              f"CPU p50 {ms(pct(cs, 50))}, p95 {ms(pct(cs, 95))}")
    bad, brute = 0, []
    step = max(1, len(queries) // max(1, verify))
    for lang, what, q in queries[::step][:verify]:
        t0 = time.perf_counter()
        slow = match_brute(db, q, source=lang, min_score=min_score, limit=5)
        brute.append(time.perf_counter() - t0)
        fast = match(db, q, source=lang, min_score=min_score, limit=5)
        bad += [(m.unit.id, m.score) for m in fast] != [(m.unit.id, m.score) for m in slow]
    if verify:
        print(f"  checked against the brute-force scan: {len(brute)} queries, {bad} differ "
              f"(the scan takes {statistics.mean(brute):.1f} s a query)", flush=True)
    return each, cpus


def translate_toolkit(units: list[tuple[str, str]], queries, min_score: float, ours):
    """``ours``: tm.match's (wall, CPU) time of each of ``queries`` (same order)."""
    try:
        from translate.search.match import matcher
        from translate.storage import base
    except ImportError:
        print("  translate-toolkit: not installed (pip install translate-toolkit), skipped")
        return
    # The matcher keeps a heap of (similarity, unit); on equal similarities heapq compares the
    # units (its own copies, base.TranslationUnit), which raises TypeError: give them an order
    # for the duration of the comparison.
    had = "__lt__" in base.TranslationUnit.__dict__
    saved = base.TranslationUnit.__dict__.get("__lt__")
    base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)
    try:
        _tt_run(matcher, base, units, queries, min_score, ours)
    finally:
        if had:
            base.TranslationUnit.__lt__ = saved
        else:
            del base.TranslationUnit.__lt__


def _tt_run(matcher, base, units, queries, min_score, ours):
    times, cpus, mine = [], [], []
    for lang in ("zh", "en"):
        qs = [q for lg, _, q in queries if lg == lang]
        mine += [t for (lg, _, _), t in zip(queries, ours) if lg == lang]
        if not qs:
            continue
        t = time.perf_counter()
        store = base.TranslationStore()
        for zh, en in units:
            u = base.TranslationUnit(zh if lang == "zh" else en)
            u.target = en if lang == "zh" else zh
            store.units.append(u)
        m = matcher(store, max_candidates=5, min_similarity=min_score, max_length=100_000)
        built = time.perf_counter() - t
        for q in qs:
            t0, c0 = time.perf_counter(), time.process_time()
            m.matches(q)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        del m, store
        print(f"  translate-toolkit {lang} matcher built in {built:.0f} s", flush=True)
    for what, theirs, ours_ in (("wall", times, [w for w, _ in mine]), ("CPU", cpus, [c for _, c in mine])):
        p50, p95 = pct(theirs, 50), pct(theirs, 95)
        o50, o95 = pct(ours_, 50), pct(ours_, 95)
        print(f"  translate-toolkit matcher, {len(theirs)} of the same queries, {what}: p50 {ms(p50)}, p95 {ms(p95)} "
              f"(tm.match on these: p50 {ms(o50)}, p95 {ms(o95)}): tm.match is {p50 / o50:.1f}x (p50) and "
              f"{p95 / o95:.1f}x (p95) faster  ({stamp()})", flush=True)


def command_line(targets: dict[str, Path | str], queries, n: int, cache: Path):
    """``n`` of ``queries`` as ``tm --db DB match QUERY`` commands against each of ``targets``
    (backend name -> database), alternated query by query; each backend's figures."""
    walls, peaks, anons, cpus = ({name: [] for name in targets} for _ in range(4))
    rss = cache / ".peak-rss"
    compile_bytecode()
    step = max(1, len(queries) // max(1, n))    # spread over the whole set, not its first n
    for i, (lang, what, q) in enumerate(queries[::step][:n]):
        names = list(targets)
        for name in names[i % len(names):] + names[:i % len(names)]:
            done = subprocess.run(measuring(rss, tm_script("--db", targets[name], "match", q)))
            if done.returncode not in (0, 1):   # 1: no match found
                raise SystemExit(f"tm match failed on {name} ({done.returncode}): {q}")
            peak, anon, cpu, wall = rss.read_text().split()
            walls[name].append(float(wall))
            peaks[name].append(int(peak) / 1024)
            anons[name].append(int(anon) / 1024)
            cpus[name].append(float(cpu))
    for name in targets:
        w, c, p, a = walls[name], cpus[name], peaks[name], anons[name]
        print(f"  {name}: `tm --db DB match QUERY` x{len(w)} ({tm_script()[0]}): wall p50 {pct(w, 50):.3f} s, "
              f"p95 {pct(w, 95):.3f} s, max {max(w):.3f} s; CPU of the command p50 {pct(c, 50):.3f} s, "
              f"p95 {pct(c, 95):.3f} s, max {max(c):.3f} s; peak RSS p50 {pct(p, 50):.0f} MB, max {max(p):.0f} MB; "
              f"private (RssAnon) max {max(a):.0f} MB  ({stamp()})", flush=True)
    print(f"    the interpreter alone, at the same time: {bare_interpreter(5, rss)}", flush=True)


def startup(cache: Path, n: int, url: str | None = None) -> None:
    """``tm match`` on a 100-unit memory, ``n`` times (on each backend, alternated): what
    start-up costs."""
    targets = {"SQLite": database(cache, "stress", 100)}
    if url:
        targets["PostgreSQL"] = server_memory(url, cache, "stress", 100)
    rss = cache / ".peak-rss"
    compile_bytecode()
    walls, cpus = ({name: [] for name in targets} for _ in range(2))
    for i in range(n):
        names = list(targets)
        for name in names[i % len(names):] + names[:i % len(names)]:
            subprocess.run(measuring(rss, tm_script("--db", targets[name], "match", "支持算力技术攻关和平台建设")))
            walls[name].append(float(rss.read_text().split()[3]))
            cpus[name].append(float(rss.read_text().split()[2]))
    for name in targets:
        print(f"start-up: {name}: `tm match` on a 100-unit memory x{n} ({tm_script()[0]}): wall p50 "
              f"{pct(walls[name], 50):.3f} s, CPU of the command p50 {pct(cpus[name], 50):.3f} s  ({stamp()})",
              flush=True)
    print(f"  the interpreter alone: {bare_interpreter(5, rss)}  ({stamp()})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--kinds", nargs="+", default=["stress", "realistic"], choices=["stress", "realistic"])
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--tt-queries", type=int, default=30, help="queries also run by translate-toolkit (0: skip)")
    ap.add_argument("--cli", type=int, default=10, help="queries also run as `tm match` commands")
    ap.add_argument("--verify", type=int, default=3, help="queries also checked against the brute-force scan")
    ap.add_argument("--min", dest="min_score", type=float, default=70)
    ap.add_argument("--url", help="a PostgreSQL database: the commands also run against the memories imported there")
    ap.add_argument("--cli-only", action="store_true",
                    help="only the commands: no in-process timings, no check against the scan, no translate-toolkit")
    ap.add_argument("--cache", type=Path,
                    default=Path(os.environ.get("TM_BENCH_CACHE", Path.home() / ".cache" / "zhen-tm-bench")))
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"machine: {stamp()}; cache {args.cache}")
    if args.cli:
        startup(args.cache, args.cli, args.url)
    for kind in args.kinds:
        for n in args.sizes:
            db = database(args.cache, kind, n)
            targets = {"SQLite": db}
            if args.url:
                targets["PostgreSQL"] = server_memory(args.url, args.cache, kind, n)
            units = read_units(units_file(args.cache, kind, n))
            print(f"{kind} memory, {n:,} units generated ({db.stat().st_size / 2**20:,.0f} MB database):",
                  flush=True)
            queries = make_queries(kind, units, args.queries)
            if not args.cli_only:
                walls, cpus = in_process(db, queries, args.min_score, args.verify)
                ours = list(zip(walls, cpus))
            if args.cli:
                command_line(targets, queries, args.cli, args.cache)
            if args.tt_queries and not args.cli_only:
                picked = []   # as many zh as en queries, spread over each
                for lang in ("zh", "en"):
                    mine = [i for i, (lg, _, _) in enumerate(queries) if lg == lang]
                    half = max(1, args.tt_queries // 2)
                    picked += mine[::max(1, len(mine) // half)][:half]
                translate_toolkit(units, [queries[i] for i in picked], args.min_score, [ours[i] for i in picked])
            del units
    print(f"machine after: {stamp()}")


if __name__ == "__main__":
    main()
