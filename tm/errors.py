"""The one error base class of the project.

Every error a user can cause (bad file, bad option, unreadable database) is a
``ToolError`` or a subclass; its message is what the user reads after
``Error: ``. Anything else escaping to the CLI is a bug and shows a traceback.
"""


class ToolError(Exception):
    """A user-facing error. ``str(err)`` is one line the user can act on."""


class InputError(ToolError):
    """Malformed or unreadable input. Names the file and, where known, the line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message         # without the place: a reader may name it otherwise
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class DatabaseError(ToolError):
    """The database cannot be opened, is not ours, or is busy."""
