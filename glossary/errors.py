"""Errors of the glossary package: subclasses of the project's one base class."""

from tm import DatabaseError, InputError, ToolError


class GlossaryError(ToolError):
    """A user-facing error raised by the glossary package."""


__all__ = ["GlossaryError", "InputError", "DatabaseError", "ToolError"]
