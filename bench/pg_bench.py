"""The PostgreSQL backend: import rate, fuzzy-match latency, and 16 concurrent clients.

    python bench/pg_bench.py --units 1000000                 # a throw-away cluster (tests/_pgcluster.py)
    python bench/pg_bench.py --units 10000000 --setting shared_buffers=1GB --setting max_wal_size=4GB
    python bench/pg_bench.py --url postgresql://tm@host/db --units 200000 --clients 16 --seconds 300
    python bench/pg_bench.py --units 200000 --skip-clients   # import and match only
    python bench/pg_bench.py --url URL --units N --skip-clients --prewarm --seed 12   # a server's steady state

Import: synthetic units (bench/synth.py, 20% near-duplicates of recent units) are
written to a TMX file (not timed) and imported as ``tm import FILE`` does: a child
process reads and prepares them (digests, index tokens) while this one writes, in files
of ``--file-units`` units, one transaction each (``COPY`` for units and postings). The
rate is units / wall seconds of the import; the CPU of the three processes (the child,
the writer, the server's backend) is printed per unit: on 2 cores, 20,000 units/s needs
their sum under 100 µs. Each is printed with its system (kernel) part: page faults and
writes into the page cache, which on a virtual machine can cost far more than the work
(docs/postgres.md, session 16). The throw-away cluster runs PostgreSQL's own settings, as the
README's team set-up installs it (``--setting NAME=VALUE`` to change one).
``--source generator`` feeds the generated units to the child instead (no TMX parsing;
the generation runs beside the import and counts in its CPU).

Match: queries as bench/match_bench.py makes them (stored units edited by 1-5
characters/words, and fresh sentences; half Chinese, half English), ``--min 70 --limit
5``, timed end to end in a warm process; a few checked against the full scan. Unless this
process imported units first (an import loads numpy) or ``--numpy`` is given, numpy is not
loaded and a query with many postings is counted with bitmaps, as in a one-shot command or a
script that has not loaded it; a ``tm serve`` process has numpy (sqlite-utils imports it) and
counts such queries with numpy arrays (tm.memory.match._counter). The match line says which.

Clients: ``--clients`` processes, each with its own connection, for ``--seconds``: 40%
fuzzy match, 30% term lookup, 20% edits of a unit (each client edits its own keys),
10% imports of 50 new units. Afterwards every write a client saw acknowledged is
checked in the database (the last acknowledged text of each edited unit, every
imported key). Errors are counted and printed.

Every figure is printed with the machine, the date and the load average.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from match_bench import pct, queries  # noqa: E402
from synth import Generator  # noqa: E402

from tm.memory.importpipe import prepared_batches  # noqa: E402
from tm.memory.match import match, match_brute  # noqa: E402
from tm.memory.store import import_prepared, import_units, open_store, update_unit  # noqa: E402
from tm.models import TranslationUnit  # noqa: E402


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"


def ms(v: float) -> str:
    return f"{1000 * v:.1f} ms"


def _cpu_of(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system, and system alone) of a process on this machine (the server's backend)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        tck = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / tck, int(fields[12]) / tck
    except (OSError, IndexError):
        return float("nan"), float("nan")


def _children_cpu() -> tuple[float, float]:
    """CPU seconds (user + system, and system alone) of this process's reaped children (the import's reader)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime, r.ru_stime


def _own_cpu() -> tuple[float, float]:
    """CPU seconds (user + system, and system alone) of this process, all its threads."""
    t = os.times()
    return t.user + t.system, t.system


def import_memory(url: str, n: int, per_file: int, source: str = "tmx") -> None:
    """Import ``n`` units in files of ``per_file``. ``source``: ``tmx`` writes each file as
    TMX first (not timed) and imports it as ``tm import FILE`` does (the reader parses it
    in the child process); ``generator`` feeds the synthetic units straight to the child
    (its generation, about 37 µs a unit, then runs beside the import and is counted in
    the child's CPU)."""
    import tempfile

    from tm.exchange import import_file
    from tm.formats.tmx import write_tmx

    db = open_store(url)
    backend = db.conn.raw.info.backend_pid
    have = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
    if have >= n:
        print(f"memory already holds {have:,} units")
        return
    gen = GEN
    done = have
    while done < n:
        k = min(per_file, n - done)
        gen.rng.seed(1000 + done)   # each file its own units, also when a memory is grown in steps
        chunk = (TranslationUnit(zh=zh, en=en) for zh, en in gen.pairs(k))
        with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp:
            path = Path(tmp, "units.tmx")
            if source == "tmx":
                with open(path, "w", encoding="utf-8") as out:
                    write_tmx(chunk, out)
            t0, c0, s0, k0 = time.perf_counter(), _own_cpu(), _cpu_of(backend), _children_cpu()
            if source == "tmx":
                stats = import_file(db, path).stats
            else:
                with prepared_batches(chunk) as batches:
                    stats = import_prepared(db, batches)
            dt = time.perf_counter() - t0
            # (user + system, system) of each: the system time is the kernel's (page faults, writes)
            (cpu, cpu_sys), (server, server_sys), (child, child_sys) = (
                (a - b, a_s - b_s) for (a, a_s), (b, b_s) in ((_own_cpu(), c0), (_cpu_of(backend), s0),
                                                              (_children_cpu(), k0)))
        done += k
        us = 1e6 / max(stats.read, 1)
        what = "reading the TMX file and preparing" if source == "tmx" else "generating and preparing"
        print(f"import of a {source} file of {k:,} units (one transaction): {dt:.1f} s = {stats.added / dt:,.0f} "
              f"units/s (added {stats.added:,}, duplicates {stats.duplicates:,}); CPU per unit: writing process "
              f"{cpu * us:.0f} us (system {cpu_sys * us:.0f}), server backend {server * us:.0f} us (system "
              f"{server_sys * us:.0f}), the child {what} the units {child * us:.0f} us (system {child_sys * us:.0f}); "
              f"all three {(cpu + server + child) * us:.0f} us ({cpu + server + child:.1f} s "
              f"CPU, {(cpu + server + child) / dt:.2f} cores busy); memory now {done:,}; {machine()}", flush=True)


def prewarm(url: str) -> None:
    """Read the whole memory into the OS page cache (``tm warm``: ``pg_prewarm``, which the
    bench's superuser installs): a server that has been up and whose memory fits in RAM.
    Then queries of a seed this server never ran."""
    from tm.memory.store import warm

    db = open_store(url)
    db.conn.raw.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
    done = warm(db)
    print(f"tm warm: {done.parts} relations, {done.bytes / 2**30:.1f} GB read into the OS page cache in "
          f"{done.seconds:.1f} s; {machine()}", flush=True)


def bench_match(url: str, n_queries: int, verify: int, seed: int = 11) -> None:
    db = open_store(url)
    n_units = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
    qs = queries(db, n_queries, seed)
    for lang, _, q in qs[:10]:                  # warm the caches as a running server would be
        match(db, q, source=lang, min_score=70, limit=5)
    times, found = [], 0
    by_kind: dict[tuple[str, str], list[float]] = {}
    for lang, kind, q in qs:
        t0 = time.perf_counter()
        found += bool(match(db, q, source=lang, min_score=70, limit=5))
        dt = time.perf_counter() - t0
        times.append(dt)
        by_kind.setdefault((lang, kind), []).append(dt)
    counting = "numpy arrays (numpy loaded)" if "numpy" in sys.modules else "bitmaps (numpy not loaded)"
    print(f"match on {n_units:,} units, {len(qs)} queries of seed {seed} (--min 70 --limit 5; many postings "
          f"counted with {counting}), {found} with a match: "
          f"p50 {ms(pct(times, 50))}, p95 {ms(pct(times, 95))}, p99 {ms(pct(times, 99))}, "
          f"mean {ms(statistics.mean(times))}; {machine()}")
    for (lang, kind), ts in sorted(by_kind.items()):
        print(f"  {lang} {kind:6}: p50 {ms(pct(ts, 50))}, p95 {ms(pct(ts, 95))}")
    bad = 0
    for lang, _, q in qs[:verify]:
        fast = match(db, q, source=lang, min_score=70, limit=5)
        slow = match_brute(db, q, source=lang, min_score=70, limit=5)
        bad += [(m.unit.id, m.score) for m in fast] != [(m.unit.id, m.score) for m in slow]
    if verify:
        print(f"checked against the full scan: {verify} queries, {bad} differ")


def bench_concordance(url: str) -> None:
    """Chinese concordance: our path (the character-bigram postings, then the check) against
    pg_trgm (a GIN trigram index on ``zh`` and ``LIKE '%term%'``), same terms, same memory;
    then English concordance (the word postings) of a word and of two words of stored units."""
    from tm.memory.search import search

    db = open_store(url)
    rng = random.Random(5)
    n_units = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
    terms = []
    for length in (1, 2, 2, 2, 3, 4, 6):
        zh = db.conn.execute("SELECT zh FROM units WHERE id >= ? ORDER BY id LIMIT 1",
                             [rng.randint(1, n_units)]).fetchone()[0]
        start = rng.randrange(max(1, len(zh) - length))
        terms.append(zh[start:start + length])
    t0 = time.perf_counter()
    db.conn.raw.execute("CREATE INDEX IF NOT EXISTS bench_units_zh_trgm ON units USING gin (zh gin_trgm_ops)")
    print(f"pg_trgm index on zh built in {time.perf_counter() - t0:.1f} s ({n_units:,} units)")
    for term in terms:
        t0 = time.perf_counter()
        ours = search(db, term, lang="zh", limit=20)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = db.conn.raw.execute("SELECT id FROM units WHERE zh LIKE %s AND en != '' ORDER BY id LIMIT 20",
                                   ["%" + term + "%"]).fetchall()
        t_trgm = time.perf_counter() - t0
        plan = " ".join(r[0] for r in db.conn.raw.execute(
            "EXPLAIN SELECT id FROM units WHERE zh LIKE %s AND en != '' ORDER BY id LIMIT 20", ["%" + term + "%"]))
        uses = "index" if "bench_units_zh_trgm" in plan else "scan"
        print(f"  {term!r} ({len(term)} chars): ours {ms(t_ours)} ({len(ours)} hits); "
              f"pg_trgm LIKE {ms(t_trgm)} ({len(rows)} rows, {uses})")
    db.conn.raw.execute("DROP INDEX bench_units_zh_trgm")
    # English: the word postings (units_en_fts), then the check of each candidate
    for _ in range(6):
        en = db.conn.execute("SELECT en FROM units WHERE id >= ? ORDER BY id LIMIT 1",
                             [rng.randint(1, n_units)]).fetchone()[0]
        words = en.split()
        start = rng.randrange(max(1, len(words) - 1))
        for phrase in (words[start].strip(".,;"), " ".join(words[start:start + 2]).strip(".,;")):
            t0 = time.perf_counter()
            hits = search(db, phrase, lang="en", limit=20)
            print(f"  {phrase!r}: {ms(time.perf_counter() - t0)} ({len(hits)} hits)")
    print(f"  {machine()}")


# --------------------------------------------------------------------------- clients

def _client(url: str, cid: int, seconds: float, n_units: int, out) -> None:
    from glossary.termbase.lookup import lookup
    from glossary.termbase.store import open_termbase

    rng = random.Random(cid)
    gen = GEN                                   # built before the fork: the vocabularies are shared
    gen.rng.seed(100 + cid)
    ops = {"match": [], "lookup": [], "edit": [], "import": []}
    errors, edits, imported = [], {}, []
    db = open_termbase(url)
    terms = [r[0] for r in db.conn.execute("SELECT zh FROM glossary_entry ORDER BY id")] or ["人工智能"]
    my_keys = [f"c{cid}-{i}" for i in range(20)]
    end = time.monotonic() + seconds
    batch_no = 0
    while time.monotonic() < end:
        r = rng.random()
        kind = "match" if r < 0.4 else "lookup" if r < 0.7 else "edit" if r < 0.9 else "import"
        t0 = time.perf_counter()
        try:
            if kind == "match":
                uid = rng.randint(1, n_units)
                row = db.conn.execute("SELECT zh, en FROM units WHERE id >= ? ORDER BY id LIMIT 1", [uid]).fetchone()
                if rng.random() < 0.5:
                    match(db, gen.edit_zh(row[0], rng.randint(1, 4)), source="zh", min_score=70, limit=5)
                else:
                    match(db, gen.edit_en(row[1], rng.randint(1, 3)), source="en", min_score=70, limit=5)
            elif kind == "lookup":
                lookup(db, rng.choice(terms), limit=5, lines=2)
            elif kind == "edit":
                key = rng.choice(my_keys)
                text = f"Edited by client {cid} at {time.time():.6f}: {gen.en_sentence(8)}"
                if update_unit(db, key, en=text, changed_by=f"client{cid}") is None:
                    raise RuntimeError(f"unit {key} missing")
                edits[key] = text
            else:
                batch_no += 1
                units = [TranslationUnit(zh=gen.zh_sentence(), en=gen.en_sentence(), key=f"imp{cid}-{batch_no}-{i}")
                         for i in range(50)]
                import_units(db, units)
                imported.extend(u.key for u in units)
        except Exception:                       # noqa: BLE001 - every error is reported
            errors.append(traceback.format_exc(limit=3))
        ops[kind].append(time.perf_counter() - t0)
    out.put((cid, ops, errors, edits, imported))


def bench_clients(url: str, clients: int, seconds: float) -> None:
    from glossary.termbase.store import import_file, open_termbase

    db = open_termbase(url)
    if not db.conn.execute("SELECT count(*) FROM glossary_entry").fetchone()[0]:
        import_file(db, ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv")
    import_units(db, [TranslationUnit(zh=f"客户端{c}的第{i}个单元。", en=f"Unit {i} of client {c}.", key=f"c{c}-{i}")
                      for c in range(clients) for i in range(20)])
    n_units = db.conn.execute("SELECT max(id) FROM units").fetchone()[0]
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_client, args=(url, c, seconds, n_units, out)) for c in range(clients)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - t0
    ops: dict[str, list[float]] = {}
    errors, lost = [], []
    check = open_store(url)
    for cid, o, errs, edits, imported in results:
        for k, v in o.items():
            ops.setdefault(k, []).extend(v)
        errors += errs
        for key, text in edits.items():
            row = check.conn.execute("SELECT en FROM units WHERE key = ?", [key]).fetchone()
            if row is None or row[0] != text:
                lost.append(key)
        if imported:
            have = {r[0] for r in check.conn.execute("SELECT key FROM units WHERE key LIKE ?", [f"imp{cid}-%"])}
            lost += [k for k in imported if k not in have]
    total = sum(len(v) for v in ops.values())
    print(f"{clients} clients for {wall:.0f} s: {total:,} operations ({total / wall:,.1f}/s), "
          f"{len(errors)} errors, {len(lost)} acknowledged writes missing; {machine()}")
    for k, v in sorted(ops.items()):
        if v:
            print(f"  {k:6}: {len(v):6,} done, p50 {ms(pct(v, 50))}, p95 {ms(pct(v, 95))}, max {ms(max(v))}")
    for e in errors[:3]:
        print(e)


GEN: Generator


def main() -> None:
    global GEN
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="PostgreSQL database (default: a throw-away cluster)")
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--file-units", type=int, default=1_000_000, help="units per imported file (transaction)")
    ap.add_argument("--source", choices=("tmx", "generator"), default="tmx",
                    help="import TMX files written beforehand (as tm import; default) or the generated units")
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--verify", type=int, default=4)
    ap.add_argument("--seed", type=int, default=11, help="the queries' seed (bench/match_bench.py's queries)")
    ap.add_argument("--prewarm", action="store_true",
                    help="before matching, read the whole database into the OS page cache (pg_prewarm): "
                         "a running server's steady state; use with a --seed the server never ran")
    ap.add_argument("--numpy", action="store_true",
                    help="load numpy before matching, as a `tm serve` process has it: queries with many "
                         "postings are counted with numpy arrays instead of bitmaps")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--skip-clients", action="store_true")
    ap.add_argument("--concordance", action="store_true", help="also compare Chinese concordance with pg_trgm")
    ap.add_argument("--keep", action="store_true", help="leave the throw-away cluster running (prints its URL)")
    ap.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                    help="a server setting of the throw-away cluster (repeatable; default: PostgreSQL's own, as "
                         "the README's team set-up installs it, e.g. --setting shared_buffers=1GB)")
    args = ap.parse_args()
    print(f"machine: {machine()}, Python {sys.version.split()[0]}")
    GEN = Generator(7)
    cluster = None
    url = args.url
    if url is None:
        import _pgcluster
        # the settings of the README's team set-up (a stock server: shared_buffers 128MB, max_wal_size
        # 1GB) unless others are given; until session 16 the bench ran 1GB and 4GB, which nothing
        # recommends (docs/postgres.md, session 16)
        settings = {"shared_buffers": "128MB", "max_wal_size": "1GB",
                    **dict(s.split("=", 1) for s in args.setting)}
        cluster = _pgcluster.start(settings=settings)
        url = cluster.url
        print(f"throw-away cluster: {url} in {cluster.directory} (fsync on, synchronous_commit on; "
              + ", ".join(f"{k} {v}" for k, v in settings.items()) + ")")
    try:
        import_memory(url, args.units, args.file_units, args.source)
        if args.prewarm:
            prewarm(url)
        if args.numpy:
            import numpy  # noqa: F401 -- loaded, as in a tm serve process (tm.memory.match._counter)
        bench_match(url, args.queries, args.verify, args.seed)
        if args.concordance:
            bench_concordance(url)
        if not args.skip_clients:
            bench_clients(url, args.clients, args.seconds)
    finally:
        if cluster is not None and not args.keep:
            _pgcluster.stop(cluster.directory)
    print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
