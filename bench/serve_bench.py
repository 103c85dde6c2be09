"""The workbench (`tm serve`) measured as a person uses it, over real HTTP.

* open the plan: the alignment view of the Tianjin plan (GET, time to the last byte;
  and, when Chromium and chromedriver are installed, the browser's navigation until the
  page's load event) — target under 1 s;
* a 50,000-unit memory (one document pair of synthetic units, bench/synth.py): the first,
  a middle and the last page, the low-confidence view, and the server's resident memory
  before and after (paged: it must not load the memory whole);
* an edit round trip: the POST that saves a bead's English and the GET that redraws the
  rows, as the page's script does — target under 100 ms;
* merge, split, unalign and undo round trips (each change through tm.memory.edit, recorded
  in the history): the POST of the action and the GET of the redrawn page of rows, as the
  page does — target under 100 ms each; on the plan and on the 50,000-unit memory (where
  an edit round trip is measured too). Every merge, split and unalign is undone, and the
  table must be exactly as before at the end. Beside each figure, the server process's
  CPU time per round trip (mean, from /proc: the machine may be shared);
* the JSON API (a script's request, one segment or query each): match, search, lookup
  and qa, on the plan and on the 50,000-unit memory.

The server is a separate process (`tm serve --port 0`), so client and server do not
share an interpreter. Prints the machine, the date and the load average with the figures.

    python bench/serve_bench.py [--units 50000] [--rounds 30]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tm import TranslationUnit, import_units, open_store  # noqa: E402

PLAN = "tianjin-ai-action-plan-2025-2027"


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load}")


class Server:
    def __init__(self, db: Path):
        code = "import sys; from tm.cli import cli; sys.exit(cli(prog_name='tm'))"
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-c", code, "--db", str(db), "serve", "--port", "0"],
                                     stderr=subprocess.PIPE, text=True, env=env)
        line = self.proc.stderr.readline()
        self.url = re.search(r"(http://\S+)/", line).group(1)
        self.errors: list[str] = []          # the server's stderr, read so that its pipe never fills
        threading.Thread(target=lambda: self.errors.extend(self.proc.stderr), daemon=True).start()
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.get("/")[1]
        self.csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def get(self, path: str) -> tuple[float, str]:
        t = time.perf_counter()
        with self.opener.open(self.url + path, timeout=120) as r:
            body = r.read().decode("utf-8")
        return time.perf_counter() - t, body

    def seen(self, pair: str, key: str) -> dict:
        """What the page sends with a unit action: the unit's version as its row shows it
        (read before the timed request, as the page has it already)."""
        _, row = self.get(f"/align?pair={pair}&fragment=row&at={key}")
        return {key: re.search(r'data-version="([^"]+)"', row).group(1)}

    def post(self, path: str, body: dict) -> tuple[float, dict]:
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json", "X-CSRF-Token": self.csrf})
        t = time.perf_counter()
        with self.opener.open(req, timeout=120) as r:
            data = json.loads(r.read())
        return time.perf_counter() - t, data

    def cpu(self) -> float:
        """The server process's CPU seconds so far (user + system, from /proc; 10 ms ticks)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print("   (the server did not stop within 30 s of SIGTERM: killed)", file=sys.stderr)
            self.proc.kill()
            self.proc.wait()


def ms(values) -> str:
    v = sorted(values)
    p95 = v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]
    return f"median {statistics.median(v) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {v[-1] * 1000:.1f} ms (n={len(v)})"


def browser_open(url: str, rounds: int) -> list[float] | None:
    """Navigation start to the load event in headless Chromium, or None without a browser."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800"):
        options.add_argument(flag)
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        d.get(url)                                      # first visit: session cookie, warm caches
        out = []
        for _ in range(rounds):
            d.get(url)
            t = d.execute_script("var n = performance.getEntriesByType('navigation')[0];"
                                 "return [n.startTime, n.loadEventEnd];")
            out.append((t[1] - t[0]) / 1000)
        return out
    finally:
        d.quit()


def table_digest(path: Path) -> str:
    import hashlib

    db = open_store(path)
    h = hashlib.sha256()
    for row in db.conn.execute("SELECT id, key, pair, position, zh, en, zh_segments, en_segments, status, "
                               "confidence, edited FROM units ORDER BY id"):
        h.update(repr(row).encode("utf-8"))
    db.conn.close()
    return h.hexdigest()


def cpu_note(cpu: dict[str, float], what: str, n: int) -> str:
    return f"; server CPU {cpu[what] / n * 1000:.1f} ms a round trip (mean)" if what in cpu else ""


def alignment_rounds(server: Server, db_path: Path, pair: str, rounds: int,
                     cpu: dict[str, float] | None = None) -> dict[str, list[float]]:
    """Merge with the next bead, undo, split, undo, unalign, undo, on ``rounds`` beads
    spread over the pair: each the POST and the GET of the redrawn page of rows, as the
    page's script does. ``cpu`` gets the server's CPU seconds spent on each kind."""
    db = open_store(db_path)
    keys = [k for (k,) in db.conn.execute(
        "SELECT key FROM units WHERE pair = (SELECT id FROM pairs WHERE name = ?) AND zh != '' AND en != '' "
        "ORDER BY position", [pair])]
    db.conn.close()
    picked = [keys[(i * len(keys)) // rounds] for i in range(rounds)]
    before = table_digest(db_path)
    out: dict[str, list[float]] = {"merge": [], "split": [], "unalign": [], "undo": []}
    cpu = {} if cpu is None else cpu

    def step(what: str, path: str, body: dict) -> None:
        if "key" in body:
            body = {**body, "seen": server.seen(pair, body["key"])}
        c = server.cpu()
        t_post, res = server.post(path, body)
        assert res["ok"], res
        at = res.get("select") or ""
        t_get, _ = server.get(f"/align?pair={pair}&limit=100&fragment=rows&at={at}")
        out[what].append(t_post + t_get)
        cpu[what] = cpu.get(what, 0.0) + server.cpu() - c

    for key in picked:
        step("merge", "/api/unit", {"action": "merge-next", "key": key})
        step("undo", "/api/undo", {"pair": pair})
        step("split", "/api/unit", {"action": "split", "key": key, "zh_at": 1, "en_at": 0})
        step("undo", "/api/undo", {"pair": pair})
        step("unalign", "/api/unit", {"action": "unalign", "key": key})
        step("undo", "/api/undo", {"pair": pair})
    assert table_digest(db_path) == before, "the undos did not give back the table"
    return out


def api_rounds(server: Server, db_path: Path, rounds: int) -> dict[str, list[float]]:
    """The JSON API as a script calls it: queries taken from the memory's own units (a
    Chinese sentence less its last three characters, its first English words)."""
    db = open_store(db_path)
    rows = db.conn.execute("SELECT zh, en FROM units WHERE zh != '' AND en != '' AND length(zh) > 8 "
                           "ORDER BY id").fetchall()
    db.conn.close()
    picked = [rows[(i * len(rows)) // rounds] for i in range(rounds)]
    out: dict[str, list[float]] = {"match": [], "search": [], "lookup": [], "qa": []}
    for zh, en in picked:
        t, res = server.post("/api/match", {"segment": zh[:-3], "min": 60})
        assert res["ok"], res
        out["match"].append(t)
        q = urllib.parse.quote(zh[:4])
        t, res = server.get(f"/api/search?q={q}&limit=20")
        out["search"].append(t)
        t, res = server.get(f"/api/lookup?q={urllib.parse.quote(zh[:2])}")
        out["lookup"].append(t)
        t, res = server.post("/api/qa", {"zh": zh, "en": en})
        assert res["ok"], res
        out["qa"].append(t)
    return out


def plan_db(path: Path) -> None:
    from glossary.pipeline import run_pipeline

    db = open_store(path)
    run_pipeline(db, ROOT / "seeds", glossary=ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv",
                 exports=False)
    db.conn.close()


def big_db(path: Path, n: int) -> float:
    from synth import Generator

    gen = Generator(7)
    db = open_store(path)
    t = time.perf_counter()
    units = (TranslationUnit(zh=zh, en=en, pair="big", position=i, shape="1-1",
                             confidence=round((i * 7919 % 1000) / 1000, 3), origin="imported")
             for i, (zh, en) in enumerate(gen.pairs(n)))
    import_units(db, units)
    db.conn.close()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=50_000)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--workdir", metavar="DIR", help="Where the databases go (default: a temporary directory).")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        tmp = Path(tmp)
        plan = tmp / "plan.db"
        plan_db(plan)
        server = Server(plan)
        try:
            n_units = open_store(plan).conn.execute("SELECT count(*) FROM units").fetchone()[0]
            server.get(f"/align?pair={PLAN}")
            times = [server.get(f"/align?pair={PLAN}")[0] for _ in range(args.rounds)]
            print(f"open the plan ({n_units} beads, page of 100), HTTP GET to the last byte: {ms(times)}")
            seen = browser_open(f"{server.url}/align?pair={PLAN}", min(args.rounds, 10))
            if seen is None:
                print("open the plan in Chromium: not measured (no chromium/chromedriver/selenium)")
            else:
                print(f"open the plan in headless Chromium, navigation start to load event: {ms(seen)}")
            db = open_store(plan)
            keys = [k for (k,) in db.conn.execute("SELECT key FROM units WHERE zh != '' AND en != '' "
                                                  "ORDER BY position LIMIT 40")]
            rounds = []
            c = server.cpu()
            for i in range(args.rounds):
                key = keys[i % len(keys)]
                seen = server.seen(PLAN, key)
                t_post, res = server.post("/api/unit", {"action": "edit", "key": key, "seen": seen,
                                                        "en": f"Edited sentence number {i}."})
                assert res["ok"], res
                t_get, _ = server.get(f"/align?pair={PLAN}&fragment=row&at={key}")   # as the page does
                rounds.append(t_post + t_get)
            last = {keys[i % len(keys)]: f"Edited sentence number {i}." for i in range(args.rounds)}
            check = open_store(plan)
            lost = {k: v for k, v in last.items()
                    if check.conn.execute("SELECT en FROM units WHERE key = ?", [k]).fetchone()[0] != v}
            check.conn.close()
            assert not lost, f"edits not in the database: {lost}"
            cpu = {"edit": server.cpu() - c}
            print(f"edit round trip (POST the edit + GET the redrawn row): {ms(rounds)}"
                  f"{cpu_note(cpu, 'edit', len(rounds))}")
            cpu: dict[str, float] = {}
            for what, times in alignment_rounds(server, plan, PLAN, args.rounds, cpu).items():
                print(f"{what} round trip (POST + GET the redrawn rows): {ms(times)}{cpu_note(cpu, what, len(times))}")
            for what, times in api_rounds(server, plan, args.rounds).items():
                print(f"API {what}: {ms(times)}")
            print(f"   load average now {os.getloadavg()[0]:.2f}")
        finally:
            server.close()

        big = tmp / "big.db"
        took = big_db(big, args.units)
        size = sum(p.stat().st_size for p in tmp.glob("big.db*")) / 1e6
        print(f"{args.units:,}-unit memory built in {took:.1f} s ({size:.0f} MB on disk)")
        jump_db = open_store(big)
        jump = jump_db.conn.execute("SELECT key FROM units WHERE position = ?", [args.units * 3 // 4]).fetchone()[0]
        big_keys = [k for (k,) in jump_db.conn.execute("SELECT key FROM units ORDER BY position")]
        jump_db.conn.close()
        server = Server(big)
        try:
            rss0 = server.rss_mb()
            rows = {}
            for label, path in (("first page", "/align?pair=big"),
                                ("middle page", f"/align?pair=big&offset={args.units // 2}"),
                                ("last page", f"/align?pair=big&offset={args.units}"),
                                ("low confidence first", "/align?pair=big&low=1"),
                                ("jump to a unit", f"/align?pair=big&at={jump}"),
                                ("pairs", "/")):
                server.get(path)
                times = [server.get(path) for _ in range(max(5, args.rounds // 3))]
                shown = len(re.findall(r'<tr class="bead', times[-1][1]))
                if label == "jump to a unit":
                    assert f'sel" id="u-{jump}"' in times[-1][1], "the jump did not land on the unit"
                rows[label] = shown
                print(f"  {label:<22} {ms([t for t, _ in times])}; {shown} rows, "
                      f"{len(times[-1][1]) / 1000:.0f} kB")
            print(f"server resident memory: {rss0:.0f} MB after start, {server.rss_mb():.0f} MB after the "
                  f"pages above (the memory is {size:.0f} MB on disk)")
            edits = []
            c = server.cpu()
            for i in range(max(5, args.rounds // 3)):
                key = big_keys[(i * len(big_keys)) // max(5, args.rounds // 3)]
                seen = server.seen("big", key)
                t_post, res = server.post("/api/unit", {"action": "edit", "key": key, "seen": seen,
                                                        "en": f"Edited sentence {i}."})
                assert res["ok"], res
                t_get, _ = server.get(f"/align?pair=big&fragment=row&at={key}")
                edits.append(t_post + t_get)
            cpu = {"edit": server.cpu() - c}
            print(f"  edit round trip (POST the edit + GET the redrawn row): {ms(edits)}"
                  f"{cpu_note(cpu, 'edit', len(edits))}")
            for what, times in alignment_rounds(server, big, "big", max(5, args.rounds // 3), cpu).items():
                print(f"  {what} round trip (POST + GET the redrawn rows): {ms(times)}"
                      f"{cpu_note(cpu, what, len(times))}")
            for what, times in api_rounds(server, big, max(5, args.rounds // 3)).items():
                print(f"  API {what}: {ms(times)}")
            print(f"   load average now {os.getloadavg()[0]:.2f}")
        finally:
            server.close()


if __name__ == "__main__":
    main()
