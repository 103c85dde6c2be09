"""Helpers for tests that run the real CLIs in real processes (crash and concurrency)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body>\n')


def command(tool: str, *args) -> list[str]:
    """The argv that runs ``tool`` (tm or glossary) from this checkout."""
    return [sys.executable, "-c", f"import sys; from {tool}.cli import cli; sys.exit(cli(prog_name={tool!r}))",
            *map(str, args)]


def modules_loaded(tool: str, modules: tuple[str, ...], *args) -> tuple[str, str]:
    """Run ``tool`` (tm or glossary) with ``args`` in a new interpreter: its standard output,
    and which of ``modules`` it had imported when it ended (their sorted list, as printed)."""
    probe = (f"import sys; from {tool}.cli import cli\n"
             f"try:\n    cli(sys.argv[1:], prog_name={tool!r})\nexcept SystemExit:\n    pass\n"
             f"print(sorted(m for m in {tuple(modules)!r} if m in sys.modules), file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True, timeout=120)
    return out.stdout, out.stderr.strip().splitlines()[-1]


def env() -> dict:
    """The environment of a child: this checkout importable, no colour, no $TM_DB."""
    result = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    result.pop("TM_DB", None)
    return result


def write_tmx(path: Path, n: int, *, tag: str) -> None:
    """``n`` distinct units of plan-like length, written directly (fast, and independent
    of the writer under test)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(n):
            fh.write(f'<tu tuid="{tag}:{i:07d}"><tuv xml:lang="zh-CN"><seg>支持算力技术攻关和平台建设第{i}项，'
                     f'推动人工智能与实体经济深度融合。</seg></tuv><tuv xml:lang="en"><seg>Support research on '
                     f'computing power, item {i} of {tag}, and integrate artificial intelligence with the '
                     f'real economy.</seg></tuv></tu>\n')
        fh.write("</body></tmx>\n")


def write_lock_held(db: Path) -> bool:
    """True while another connection holds the database's write lock."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc) or "busy" in str(exc), exc
        return True
    finally:
        conn.close()
