"""Chaos run: kill the real commands at random points, run writers against each other, and
check after every step that nothing was lost, nothing is half-written and nothing crashed.

    python bench/chaos.py [--seconds 180] [--seed N] [--units 20000]

Each round picks one operation (``tm import`` of a new TMX, ``tm align --replace`` of the
plan, ``glossary extract``, ``tm export`` over an existing file), starts it, and after a
random delay (up to the time a complete run of that operation took) sends SIGKILL or
SIGTERM. Then it checks what the next user would find:

* the database opens, ``PRAGMA integrity_check`` is ``ok``, ``foreign_key_check`` empty;
* the operation's effect is all or nothing: the unit count is the old one or old + the
  file's units; the pair holds its old units or the new alignment's; the usage table its
  old rows or the complete run's; the export target is its old bytes or the complete
  export's bytes, never a mix;
* no ``Traceback`` on stderr; SIGTERM ends with exit 143 and leaves no temporary file;
  after SIGKILL, the next export of the same target leaves no ``*.zhen-tm-partial``.

Then a concurrent phase: several ``tm import`` and ``glossary add`` processes at once on
the same database; every one must succeed or say ``database is busy, retry``, and every
one that succeeded must be in the database.

It prints the machine, date and load, what it checked, and every problem found.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from _procs import command, env, write_tmx  # noqa: E402

PLAN_ZH = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = ROOT / "seeds" / "tianjin-ai-action-plan-2025-2027.en.txt"
TERMS = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"


class Chaos:
    def __init__(self, work: Path, units: int, rng: random.Random):
        self.work, self.units, self.rng = work, units, rng
        self.db = work / "chaos.db"
        self.problems: list[str] = []
        self.checks = 0
        self.kills: dict[tuple[str, str], int] = {}
        self.completed: dict[str, int] = {}
        self.batch = 0

    # --- running -------------------------------------------------------------------------

    def start(self, tool: str, *args) -> subprocess.Popen:
        return subprocess.Popen(command(tool, "--db", self.db, *args), cwd=self.work, env=env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def run(self, tool: str, *args) -> tuple[int, str]:
        proc = self.start(tool, *args)
        _, err = proc.communicate(timeout=900)
        err = err.decode("utf-8", "replace")
        self.expect("Traceback" not in err, f"{tool} {args[0]}: traceback: {err[-400:]}")
        return proc.returncode, err

    def expect(self, ok: bool, problem: str) -> None:
        self.checks += 1
        if not ok:
            self.problems.append(problem)
            print("PROBLEM:", problem, flush=True)

    # --- the state the checks compare -----------------------------------------------------

    def query(self, sql: str) -> list:
        conn = sqlite3.connect(self.db, timeout=30)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def state(self) -> dict:
        return {"units": self.query("SELECT count(*) FROM units")[0][0],
                "plan": self.query("SELECT count(*), coalesce(sum(length(zh)), 0) FROM units u JOIN pairs p "
                                   "ON p.id = u.pair WHERE p.name = 'plan'")[0],
                "usage": self.query("SELECT count(*) FROM glossary_usage")[0][0]}

    def healthy(self, what: str) -> None:
        self.expect(self.query("PRAGMA integrity_check") == [("ok",)], f"{what}: integrity_check failed")
        self.expect(self.query("PRAGMA foreign_key_check") == [], f"{what}: foreign keys broken")

    # --- operations -----------------------------------------------------------------------

    def new_tmx(self) -> tuple[Path, int]:
        self.batch += 1
        path = self.work / f"batch{self.batch}.tmx"
        write_tmx(path, self.units, tag=f"b{self.batch}")
        return path, self.units

    def operations(self):
        return {
            "import": lambda: ("tm", "import", str(self.new_tmx()[0])),
            "align": lambda: ("tm", "align", str(PLAN_ZH), str(PLAN_EN), "--name", "plan", "--replace"),
            "extract": lambda: ("glossary", "extract", "--format", "jsonl"),
            "export": lambda: ("tm", "export", "--format", "tsv", "-o", str(self.work / "out" / "memory.tsv")),
        }

    def setup(self) -> dict[str, float]:
        (self.work / "out").mkdir()
        durations = {}
        for name, make in self.operations().items():
            args = make()
            began = time.monotonic()
            code, err = self.run(*args)
            durations[name] = time.monotonic() - began
            self.expect(code == 0, f"setup {name}: exit {code}: {err[-300:]}")
        code, err = self.run("glossary", "import", str(TERMS))
        self.expect(code == 0, f"setup glossary import: {err[-300:]}")
        self.full_export = (self.work / "out" / "memory.tsv").read_bytes()
        self.full_state = self.state()
        return durations

    def round(self, name: str, longest: float) -> None:
        before = self.state()
        target = self.work / "out" / "memory.tsv"
        old_bytes = target.read_bytes() if target.exists() else None
        args = self.operations()[name]()
        sig = self.rng.choice([signal.SIGKILL, signal.SIGTERM])
        proc = self.start(*args)
        time.sleep(self.rng.uniform(0, longest))
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=900)
        err = err.decode("utf-8", "replace")
        how = "finished" if finished else signal.Signals(sig).name
        self.kills[(name, how)] = self.kills.get((name, how), 0) + 1
        self.expect("Traceback" not in err, f"{name} ({how}): traceback: {err[-400:]}")
        if how == "SIGTERM":     # -15: the signal came before Python had started the command
            self.expect(proc.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM),
                        f"{name}: SIGTERM exit {proc.returncode}")
        self.healthy(f"{name} ({how})")
        after = self.state()
        done = proc.returncode == 0
        if name == "import":
            self.expect(after["units"] in (before["units"], before["units"] + self.units),
                        f"import ({how}): {before['units']} -> {after['units']} units: not all or nothing")
            self.expect(not done or after["units"] == before["units"] + self.units,
                        f"import ({how}) exited 0 but did not store its units")
        elif name == "align":
            self.expect(after["plan"] == before["plan"] == self.full_state["plan"],
                        f"align ({how}): the plan pair changed from {before['plan']} to {after['plan']}")
            self.expect(after["units"] == before["units"], f"align ({how}): other units changed")
        elif name == "extract":
            self.expect(after["usage"] in (before["usage"], self.current_usage()),
                        f"extract ({how}): usage rows {before['usage']} -> {after['usage']}")
        else:
            now = target.read_bytes() if target.exists() else None
            self.expect(now in (old_bytes, self.export_of(after)),
                        f"export ({how}): the target is neither the old file nor a whole export")
            partials = [p.name for p in target.parent.iterdir() if p.name.endswith(".zhen-tm-partial")]
            if how == "SIGKILL" and not done:
                self.expect(all(f".{proc.pid}." in p for p in partials),
                            f"export (SIGKILL): temporaries of other processes: {partials}")
            else:
                self.expect(partials == [], f"export ({how}): temporaries left: {partials}")
            code, err = self.run(*args)
            left = [p.name for p in target.parent.iterdir() if p.name.endswith(".zhen-tm-partial")]
            self.expect(code == 0 and left == [], f"export after a kill: exit {code}, left {left}")

    def current_usage(self) -> int:
        """The usage rows a complete extract of the current memory stores."""
        if "usage" not in self.completed or self.completed.get("usage_units") != self.state()["units"]:
            probe = self.work / "probe.db"
            _copy_db(self.db, probe)
            subprocess.run(command("glossary", "--db", probe, "extract", "--format", "jsonl"), env=env(),
                           capture_output=True, timeout=900)
            conn = sqlite3.connect(probe)
            self.completed["usage"] = conn.execute("SELECT count(*) FROM glossary_usage").fetchone()[0]
            conn.close()
            self.completed["usage_units"] = self.state()["units"]
            for suffix in ("", "-wal", "-shm"):
                Path(f"{probe}{suffix}").unlink(missing_ok=True)
        return self.completed["usage"]

    def export_of(self, state: dict) -> bytes:
        """The bytes a complete export of the current memory writes."""
        probe = self.work / "probe.tsv"
        subprocess.run(command("tm", "--db", self.db, "export", "--format", "tsv", "-o", probe), env=env(),
                       capture_output=True, timeout=900)
        data = probe.read_bytes()
        probe.unlink()
        return data

    # --- concurrent writers ---------------------------------------------------------------

    def concurrent(self, seconds: float) -> int:
        deadline = time.monotonic() + seconds
        rounds = 0
        while time.monotonic() < deadline:
            rounds += 1
            before = self.state()["units"]
            files = []
            for _ in range(3):
                self.batch += 1
                path = self.work / f"c{self.batch}.tmx"
                write_tmx(path, 300, tag=f"c{self.batch}")
                files.append(path)
            terms = [f"混沌测试词{rounds}{i}" for i in range(3)]
            procs = [(("import", f), self.start("tm", "import", f)) for f in files]
            procs += [(("add", t), self.start("glossary", "add", t, "--en", f"chaos term {t}")) for t in terms]
            imported = 0
            for (kind, what), proc in procs:
                _, err = proc.communicate(timeout=900)
                err = err.decode("utf-8", "replace")
                self.expect("Traceback" not in err, f"concurrent {kind}: traceback {err[-300:]}")
                if proc.returncode == 0:
                    if kind == "import":
                        imported += 300
                    else:
                        found = self.query(f"SELECT count(*) FROM glossary_entry WHERE zh = '{what}'")[0][0]
                        self.expect(found == 1, f"concurrent add of {what} exited 0 but is not stored")
                else:
                    self.expect("database is busy, retry" in err, f"concurrent {kind}: exit "
                                                                 f"{proc.returncode}: {err[-300:]}")
            self.healthy("concurrent writers")
            self.expect(self.state()["units"] == before + imported,
                        f"concurrent: {before} + {imported} imported != {self.state()['units']}")
        return rounds


def _copy_db(src: Path, dst: Path) -> None:
    source = sqlite3.connect(src, timeout=30)
    target = sqlite3.connect(dst)
    source.backup(target)
    target.close()
    source.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180, help="length of the kill phase")
    parser.add_argument("--concurrent-seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--units", type=int, default=5_000, help="units of each imported TMX")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"machine: {platform.machine()} {platform.node()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print(f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}; load average at start: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; seed {seed}")
    with tempfile.TemporaryDirectory(prefix="zhen-tm-chaos-") as tmp:
        chaos = Chaos(Path(tmp), args.units, rng)
        durations = chaos.setup()
        print("a complete run takes: " + ", ".join(f"{k} {v:.1f} s" for k, v in durations.items()))
        deadline = time.monotonic() + args.seconds
        rounds = 0
        while time.monotonic() < deadline:
            name = rng.choice(list(durations))
            chaos.round(name, durations[name])
            rounds += 1
        concurrent_rounds = chaos.concurrent(args.concurrent_seconds)
        print(f"kill rounds: {rounds}; " + ", ".join(f"{k[0]} {k[1]}: {v}" for k, v in sorted(chaos.kills.items())))
        print(f"concurrent rounds (3 imports + 3 glossary adds at once): {concurrent_rounds}")
        print(f"checks: {chaos.checks}; problems: {len(chaos.problems)}")
        for p in chaos.problems:
            print("  -", p)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if chaos.problems else 0


if __name__ == "__main__":
    sys.exit(main())
