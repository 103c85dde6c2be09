"""Progress bars: drawn on stderr when it is a terminal (a real pseudo-terminal here), never
when it is a pipe or with --quiet; the output on stdout and the results stay the same."""

import os
import pty
import select
import subprocess

import pytest

from _procs import command, env, write_tmx


def run_with_tty_stderr(args, cwd):
    """Run a command with stderr on a pseudo-terminal; returns (exit code, stdout, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, env=env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:         # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read()
    proc.wait()
    os.close(master)
    return proc.returncode, out.decode(), err.decode()


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
