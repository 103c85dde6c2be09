"""tm.parallel.both: a forked child's call beside this process's, and what happens to the
child when this process is killed mid-command (bench/chaos.py found it blocked for ever)."""

import os
import subprocess
import sys
import textwrap
import time

import pytest

from tm.parallel import both, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")


def test_both_gives_the_two_answers_in_order():
    assert both(sum, ([1, 2, 3],), max, ([4, 9, 2],)) == (6, 9)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:            # ended but not yet reaped by init
        return f.read().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_child_whose_parent_was_killed_ends_instead_of_blocking(tmp_path):
    # The parent kills itself once the child runs; the child's answer (8 MB) is more than a
    # pipe holds, so it could only be sent to a reader that no longer exists.
    flag = tmp_path / "child.pid"
    script = textwrap.dedent(f"""
        import os, signal, time
        from tm.parallel import both

        def child():
            with open({str(flag)!r}, "w") as f:
                f.write(str(os.getpid()))
            time.sleep(0.3)
            return b"x" * 8_000_000

        def here():
            while not os.path.exists({str(flag)!r}):
                time.sleep(0.01)
            os.kill(os.getpid(), signal.SIGKILL)

        both(child, (), here, ())
    """)
    done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=60)
    assert done.returncode == -9
    pid = int(flag.read_text())
    try:
        deadline = time.monotonic() + 20
        while not _gone(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(pid), "the forked child is still running, blocked on its answer"
    finally:
        if not _gone(pid):
            os.kill(pid, 9)
