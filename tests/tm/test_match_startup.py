"""What one `tm match` command costs beyond its answer: the modules it imports and the
threads it starts (issue 12: a one-shot lookup must answer before the user notices)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tm.models import TranslationUnit
from tm.memory.store import import_units, open_store

ROOT = Path(__file__).resolve().parents[2]

UNITS = [TranslationUnit(zh=f"支持算力技术攻关和平台建设第{i}项", en=f"Support computing power research item {i}")
         for i in range(50)]

# A fresh interpreter runs `tm match` as the console script does (tm.cli.cli), then reports
# what the command left behind: the threads of the process, the modules loaded, and the
# environment. ``count`` is how a query reading many postings of a large memory is counted
# (every query made one: tm.memory.match.BITMAPS_FROM = -1): "bitmaps" as shipped, "numpy"
# with numpy's count put in its place (imported by the command, as a packed posting list is).
_RUN = """
import json, os, sys
count, db, query = sys.argv[1], sys.argv[2], sys.argv[3]
from tm.cli import cli
import tm.memory.match
tm.memory.match.BITMAPS_FROM = -1
if count == "numpy":
    tm.memory.match._probe_bitmaps = tm.memory.match._probe_arrays
try:
    cli(["--db", db, "match", query], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"threads": len(os.listdir("/proc/self/task")), "modules": sorted(sys.modules),
                  "blas_env": os.environ.get("OPENBLAS_NUM_THREADS")}))
"""


@pytest.fixture(scope="module")
def memory(tmp_path_factory):
    path = tmp_path_factory.mktemp("startup") / "tm.db"
    import_units(open_store(path), UNITS)
    return path


def run_match(memory, count: str, env: dict, query="支持算力技术攻关和平台建设第7项"):
    """``env``: variables set for the command (``None``: unset)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    done = subprocess.run([sys.executable, "-c", _RUN, count, str(memory), query], capture_output=True,
                          text=True, env={k: v for k, v in env.items() if v is not None}, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
                    reason="counts threads in /proc/self/task; OpenBLAS starts extra threads only on 2+ cores")
def test_match_starts_numpy_with_one_blas_thread(memory):
    got = run_match(memory, "numpy", {"OPENBLAS_NUM_THREADS": None})
    assert "numpy" in got["modules"]
    assert got["threads"] == 1            # OpenBLAS's own threads (one per further core) not started
    assert got["blas_env"] is None        # and the variable not left behind for child processes


def test_a_users_blas_setting_is_left_alone(memory):
    got = run_match(memory, "numpy", {"OPENBLAS_NUM_THREADS": "2"})
    assert "numpy" in got["modules"] and got["blas_env"] == "2"


def test_a_large_count_in_a_command_loads_bitmaps_not_numpy(memory):
    got = run_match(memory, "bitmaps", {})
    assert "pyroaring" in got["modules"] and "numpy" not in got["modules"]
    assert got["threads"] == 1
