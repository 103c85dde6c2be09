"""Session 33: ``python -m glossary.cli`` printed nothing and exited 0 (the module had no
``__main__`` guard), and ``python -m tm`` / ``python -m glossary`` were refused ("is a package
and cannot be directly executed"): on a machine where the console scripts are not on the PATH
(a user install, a CI image) the tools could not be run at all."""

import os
import subprocess
import sys

import pytest
from conftest import ROOT


def run(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.parametrize("module, usage", [
    ("tm", "Usage: python -m tm "), ("glossary", "Usage: glossary "), ("glossary.cli", "Usage: glossary ")])
def test_each_tool_runs_as_a_module(module, usage):
    done = run(module, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(usage)


def test_a_module_run_is_the_command(tmp_path):
    """The same command as the console script: a quick `tm match` and a glossary error line."""
    done = run("tm", "--db", str(tmp_path / "none.db"), "match", "人工智能", cwd=tmp_path)
    assert done.returncode != 0 and done.stderr.startswith("Error: ")
    done = run("glossary", "--db", str(tmp_path / "none.db"), "lookup", "算力", cwd=tmp_path)
    assert done.returncode != 0 and done.stderr.startswith("Error: ")
