"""``python -m tm``: the ``tm`` command, for a machine where the console script is not on the
PATH."""

from tm.cli import cli

cli()
