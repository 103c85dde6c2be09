"""``python -m glossary``: the ``glossary`` command, for a machine where the console script is
not on the PATH."""

from glossary.cli import cli

cli(prog_name="glossary")
