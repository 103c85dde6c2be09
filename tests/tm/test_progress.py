"""Progress bars: drawn on stderr when it is a terminal (a real pseudo-terminal here), never
when it is a pipe or with --quiet; the output on stdout and the results stay the same."""

import os
import pty
import select
import subprocess
import time

import pytest

from _procs import command, env, write_tmx


def run_with_tty_stderr(args, cwd, timeout: float = 600):
    """Run a command with stderr on a pseudo-terminal; returns (exit code, stdout, stderr).
    Both are read as the command writes them: a command whose stdout fills the pipe while
    only the terminal was read would wait for ever (it did, once the extract table passed
    64 KiB)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, env=env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    chunks = {master: b"", proc.stdout.fileno(): b""}
    open_fds = set(chunks)
    deadline = time.monotonic() + timeout
    while open_fds:
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"{args} did not finish in {timeout} s")
        ready, _, _ = select.select(list(open_fds), [], [], 0.2)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:         # the child closed the terminal
                chunk = b""
            if chunk:
                chunks[fd] += chunk
            else:
                open_fds.discard(fd)
        if not ready and master in open_fds and proc.poll() is not None:
            open_fds.discard(master)    # exited; a pty may not report its end as EOF
    proc.wait()
    os.close(master)
    return proc.returncode, chunks[proc.stdout.fileno()].decode(), chunks[master].decode()


@pytest.fixture
def tmx(tmp_path):
    path = tmp_path / "big.tmx"
    write_tmx(path, 12000, tag="p")
    return path


def test_import_and_export_draw_a_bar_on_a_terminal_only(tmx, tmp_path):
    db = tmp_path / "m.db"
    code, out, err = run_with_tty_stderr(command("tm", "--db", db, "import", tmx, "--format", "tmx"), tmp_path)
    assert code == 0
    assert f"Importing {tmx} [" in err and "100%" in err and "\x1b[K" in err
    assert out == f"Imported 12000 units from {tmx} (tmx): 12000 added, 0 duplicates skipped.\n"

    code, out, err = run_with_tty_stderr(command("tm", "--db", db, "export", "-o", tmp_path / "o.tmx"), tmp_path)
    assert code == 0 and f"Exporting {tmp_path / 'o.tmx'} [" in err and "100%" in err

    code, out, err = run_with_tty_stderr(command("tm", "--db", db, "export", "-o", tmp_path / "q.tmx",
                                                 "--quiet"), tmp_path)
    assert code == 0 and err.replace("\r\n", "\n") == f"Exported 12000 units to {tmp_path / 'q.tmx'} (tmx).\n"
    body = [(tmp_path / n).read_bytes().split(b"<body>")[1] for n in ("q.tmx", "o.tmx")]   # the header has the time
    assert body[0] == body[1]


def test_no_bar_when_stderr_is_a_pipe(tmx, tmp_path):
    result = subprocess.run(command("tm", "--db", tmp_path / "m.db", "import", tmx), cwd=tmp_path, env=env(),
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and result.stderr == ""


def test_align_and_extract_show_progress_on_a_terminal(tmp_path):
    from conftest import PLAN_EN, PLAN_ZH

    code, out, err = run_with_tty_stderr(command("tm", "--db", tmp_path / "a.db", "align", PLAN_ZH, PLAN_EN),
                                         tmp_path)
    assert code == 0 and out.startswith("Aligned tianjin-ai-action-plan-2025-2027:")
    assert "Aligning tianjin-ai-action-plan-2025-2027 [" in err and "100%" in err
    code, out, err = run_with_tty_stderr(command("glossary", "--db", tmp_path / "a.db", "extract"), tmp_path)
    assert code == 0 and "Extracting terms [" in err and "100%" in err
    code, quiet_out, err = run_with_tty_stderr(command("glossary", "--db", tmp_path / "a.db", "extract", "-q"),
                                               tmp_path)
    assert code == 0 and "Extracting" not in err and quiet_out == out


def test_qa_shows_progress_on_a_terminal_only(tmp_path):
    tsv = tmp_path / "new.tsv"
    tsv.write_text("zh\ten\n" + "".join(f"第{i}项支持算力。\tItem {i} supports computing power.\n"
                                          for i in range(3000)), encoding="utf-8")
    code, out, err = run_with_tty_stderr(command("glossary", "--db", tmp_path / "q.db", "qa", tsv), tmp_path)
    assert "Checking [" in err and "100%" in err
    piped = subprocess.run(command("glossary", "--db", tmp_path / "q.db", "qa", tsv), cwd=tmp_path, env=env(),
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert piped.returncode == code and piped.stdout == out and "Checking" not in piped.stderr
