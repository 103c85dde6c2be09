"""Every command has help with an example and is in the README (as sqlite-utils does)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli as glossary_cli
from tm.cli import cli as tm_cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = [("tm", tm_cli, name) for name in tm_cli.commands] + [
    ("glossary", glossary_cli, name) for name in glossary_cli.commands
]


@pytest.mark.parametrize("prog,group,name", COMMANDS, ids=[f"{p} {n}" for p, _, n in COMMANDS])
def test_command_has_help_with_an_example(prog, group, name):
    result = CliRunner().invoke(group, [name, "-h"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`{prog} {name} -h` shows no example"


@pytest.mark.parametrize("prog,group,name", COMMANDS, ids=[f"{p} {n}" for p, _, n in COMMANDS])
def test_command_is_in_readme(prog, group, name):
    assert f"`{prog} {name}" in README, f"`{prog} {name}` is missing from the README"


def test_readme_has_the_two_setup_commands():
    assert "pip install -e . && glossary --db seeds.db pipeline seeds/" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npip install -e '.[test]' && pytest\n" in ci


@pytest.mark.parametrize("group", [tm_cli, glossary_cli])
def test_version_and_short_help(group):
    runner = CliRunner()
    assert runner.invoke(group, ["--version"]).output.endswith("0.1.0\n")
    assert runner.invoke(group, ["-h"]).exit_code == 0
