"""The alignment view's actions, each one call of the memory's editing API.

``apply(db, action, key, data, by=...)`` checks the request's values and calls
the library; the library records every change (who, when, before/after) so
``undo`` can take it back. Returns ``{"message": …, "select": key}`` for the
page: what happened, and which unit to select next.
"""

from __future__ import annotations

from tm.errors import ToolError
from tm.memory.store import get_unit, update_unit

ACTIONS = ("edit", "mark", "merge-next", "merge-prev", "split", "unalign", "move")


def _int(data: dict, name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ToolError(f"{name}: a whole number is needed")
    return value


def apply(db, action: str, key: str, data: dict, *, by: str) -> dict:
    if action not in ACTIONS:
        raise ToolError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    if get_unit(db, key) is None:
        raise ToolError(f"no unit {key}")
    if action == "edit":
        en = data.get("en")
        if not isinstance(en, str):
            raise ToolError("edit: the English text is needed")
        update_unit(db, key, en=en, changed_by=by)
        return {"message": f"{key}: English saved", "select": key}
    if action == "mark":
        update_unit(db, key, status="reviewed", changed_by=by)
        return {"message": f"{key}: marked reviewed", "select": key}
    raise ToolError(f"{action}: not available yet (waits for the memory's editing API)")


def undo(db, *, by: str) -> dict:
    raise ToolError("undo: not available yet (waits for the memory's editing API)")
