"""The alignment view's actions, each one call of the memory's editing API (:mod:`tm.memory.edit`).

``apply(db, action, key, data, by=...)`` checks the request's values and calls
the library, which runs the change in one transaction and records it (who, when,
the units before and after), so :func:`undo` can take it back. Returns
``{"message": …, "select": key, "change": id}`` for the page: what happened, and
which unit to select next. A change that cannot be made raises the library's
:class:`~tm.memory.edit.EditError` (a :class:`~tm.errors.ToolError`), whose
message the page shows.

Several people may review one memory through one server. Each action carries the
version of every unit it names as the page showed it (``seen``, see
:func:`tm.serve.queries.version`, and for a merge or move with the neighbour the page
shows, ``neighbour``); when a unit changed since, :class:`Stale` (409) is raised with
the units as they are now, and nothing is written: the check and the change are one
transaction. :func:`undo` takes back the latest change of the asking browser session
(the ids :class:`OwnChanges` keeps), and refuses when a later change touched its units.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from tm.errors import ToolError
from tm.memory.db import transaction
from tm.memory.edit import (Change, mark_unit, merge_units, move_sentence, split_unit, unalign_unit,
                            unit_detail)
from tm.memory.edit import edit_unit
from tm.memory.edit import undo as undo_change
from tm.memory.store import get_unit
from tm.serve.queries import later_change, latest_change, unit_states
from tm.text.codes import display

ACTIONS = ("edit", "mark", "merge", "merge-next", "merge-prev", "split", "unalign", "move")


class Refused(ToolError):
    """An action refused because of what others did meanwhile (HTTP 409), with what the
    page needs to show (``extra``, added to the JSON answer)."""

    status = 409

    def __init__(self, message: str, **extra):
        super().__init__(message)
        self.extra = extra


class Stale(Refused):
    """The page's view of a unit is older than the unit: nothing was written."""


class OwnChanges:
    """The changes each browser session made (its id → change ids, oldest first), kept
    in memory for the server's life: the history records the user, and sessions of one
    user are told apart here. Bounded: the latest ``per_session`` changes of the latest
    ``sessions`` sessions."""

    def __init__(self, sessions: int = 10_000, per_session: int = 1_000):
        self._ids: OrderedDict[str, list[int]] = OrderedDict()
        self._lock = threading.Lock()
        self.sessions, self.per_session = sessions, per_session

    def add(self, session: str, change: int) -> None:
        with self._lock:
            ids = self._ids.pop(session, [])
            ids.append(change)
            self._ids[session] = ids[-self.per_session:]
            while len(self._ids) > self.sessions:
                self._ids.popitem(last=False)

    def of(self, session: str) -> list[int]:
        with self._lock:
            return list(self._ids.get(session, ()))


def _check_seen(db, data: dict, keys: list[str]) -> None:
    """Refuse (:class:`Stale`) unless ``data["seen"]`` gives, for each of ``keys`` and any
    other unit it names, the version the unit has now."""
    seen = data.get("seen")
    if not isinstance(seen, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in seen.items()):
        raise ToolError(f"seen: the version of {keys[0]} the page showed is needed ({{\"{keys[0]}\": VERSION}})")
    missing = [k for k in keys if k not in seen]
    if missing:
        raise ToolError(f"seen: the version of {missing[0]} the page showed is needed "
                        f"({{\"{missing[0]}\": VERSION}})")
    now = unit_states(db, seen)
    stale = [k for k, v in seen.items() if k not in now or now[k].version != v]
    if not stale:
        return
    gone = [k for k in stale if k not in now]
    changed = [now[k] for k in stale if k in now]
    if changed:
        first = changed[0]
        by = f" (by {first.changed_by})" if first.changed_by else ""
        message = (f"{first.key} was changed since this page showed it{by}: nothing was saved. "
                   "Its text now is shown; make your change again on it.")
    else:
        message = f"{gone[0]} is gone since this page showed it (merged, moved or deleted): nothing was saved"
    raise Stale(message, current=[{"key": u.key, "zh": display(u.zh), "en": display(u.en), "version": u.version,
                                   "changed_by": u.changed_by} for u in changed],
                gone=gone)


def _int(data: dict, name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ToolError(f"{name}: a whole number is needed")
    return value


def _choice(data: dict, name: str, choices: tuple[str, ...]) -> str:
    value = data.get(name)
    if value not in choices:
        raise ToolError(f"{name}: one of {', '.join(choices)} is needed")
    return value


def _said(change: Change, what: str, select: str | None) -> dict:
    if change.id is None:
        return {"message": f"{', '.join(change.keys)}: already so, nothing changed", "select": select, "change": None}
    return {"message": f"#{change.id} {what}", "select": select, "change": change.id}


def _neighbour(db, key: str, direction: str) -> str:
    d = unit_detail(db, key, history_limit=0)
    found = d.next if direction == "next" else d.previous
    if found is None:
        if d.unit.pair is None or d.unit.position is None or d.unit.orphaned:
            raise ToolError(f"{key} has no neighbours (only a unit in its pair's documents has)")
        raise ToolError(f"{key} is the {'last' if direction == 'next' else 'first'} unit of its pair: "
                        f"nothing to merge it with")
    return found


def apply(db, action: str, key: str, data: dict, *, by: str) -> dict:
    """Run ``action`` on unit ``key`` if every unit the request names is as the page saw it
    (see the module's docstring); the check and the change are one transaction."""
    if action not in ACTIONS:
        raise ToolError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    with transaction(db):
        if get_unit(db, key) is None:
            raise ToolError(f"no unit {key}")
        others = data.get("with") if action == "merge" and isinstance(data.get("with"), list) else []
        _check_seen(db, data, [key, *(k for k in others if isinstance(k, str))])
        if action in ("merge-next", "merge-prev", "move") and data.get("neighbour") is not None:
            direction = action[6:] if action != "move" else data.get("direction")
            if direction in ("next", "prev"):
                shown, now = data["neighbour"], _neighbour(db, key, direction)
                if shown != now:
                    where = "next to" if direction == "next" else "before"
                    raise Stale(f"the bead {where} {key} is now {now}, not {shown}: nothing was "
                                f"{'merged' if action != 'move' else 'moved'}", current=[], gone=[])
        return _apply(db, action, key, data, by=by)


def _apply(db, action: str, key: str, data: dict, *, by: str) -> dict:
    if action == "edit":
        zh, en = data.get("zh"), data.get("en")
        if zh is None and en is None:
            raise ToolError("edit: the new Chinese or English text is needed")
        if not all(v is None or isinstance(v, str) for v in (zh, en)):
            raise ToolError("edit: the texts must be strings")
        saved = " and ".join(n for n, v in (("Chinese", zh), ("English", en)) if v is not None)
        return _said(edit_unit(db, key, zh=zh, en=en, who=by), f"{key}: {saved} saved", key)
    if action == "mark":
        return _said(mark_unit(db, key, status="reviewed", who=by), f"{key}: marked reviewed", key)
    if action in ("merge", "merge-next", "merge-prev"):
        if action == "merge":
            others = data.get("with")
            if not isinstance(others, list) or not others or not all(isinstance(k, str) for k in others):
                raise ToolError("merge: a list of units to merge with is needed ('with')")
            keys = [key, *others]
        else:
            other = _neighbour(db, key, action[6:])
            keys = [key, other] if action == "merge-next" else [other, key]
        change = merge_units(db, keys, who=by)
        first = change.after[0].key if change.after else keys[0]
        return _said(change, f"merged {', '.join(change.keys)} into {first}", first)
    if action == "split":
        change = split_unit(db, key, zh_at=_int(data, "zh_at"), en_at=_int(data, "en_at"), who=by)
        return _said(change, f"split {key}: {' + '.join(u.key for u in change.after)}", key)
    if action == "unalign":
        change = unalign_unit(db, key, who=by)
        return _said(change, f"unaligned {key} into {len(change.after)} sentences", key)
    # move
    side = _choice(data, "side", ("zh", "en"))
    direction = _choice(data, "direction", ("next", "prev"))
    change = move_sentence(db, key, side=side, direction=direction, who=by)
    kept = [u.key for u in change.after]
    label = "Chinese" if side == "zh" else "English"
    other = [k for k in change.keys if k != key][0]
    gone = "" if key in kept else f" ({key} had nothing left and is gone)"
    return _said(change, f"moved a {label} sentence from {key} to {other}{gone}", key if key in kept else other)


def undo(db, *, by: str, pair: str | None = None, own: list[int] | None = None) -> dict:
    """Undo the latest change of the asking session (``own``: the ids of its changes;
    ``None``, a script without a session: the changes recorded as ``by``) not yet undone,
    among the units of ``pair`` when given (see :func:`tm.serve.queries.latest_change`).
    Refused (:class:`Refused`) when a later change, not undone, touched one of its units:
    that change is someone's work, and an undo never takes it back."""
    with transaction(db):
        try:
            change_id = latest_change(db, pair, ids=own, who=None if own is not None else by)
        except KeyError:
            raise ToolError(f"no document pair {pair!r}") from None
        if change_id is None:
            where = f" in {pair}" if pair is not None else ""
            mine = "this browser" if own is not None else by
            raise ToolError(f"nothing to undo{where}: {mine} made no change there that is still in place"
                            if pair is not None else f"nothing to undo: {mine} made no change that is still in place")
        later = later_change(db, change_id)
        if later is not None:
            mine_op, mine_keys, other_id, other_op, other_who, key = later
            whose = "another session" if own is not None and other_id not in own else "you"
            if own is None:
                whose = "you" if other_who == by else "someone else"
            raise Refused(f"cannot undo your #{change_id} {mine_op} of {', '.join(mine_keys[:3])}"
                          f"{' …' if len(mine_keys) > 3 else ''}: {key} was changed since by #{other_id} {other_op} "
                          f"({other_who}, {whose}); nothing was undone")
        c = undo_change(db, change_id, who=by)
    select = c.before[0].key if c.before else (c.keys[0] if c.keys else None)
    return {"message": f"undid #{c.id} {c.op} of {', '.join(c.keys)}", "select": select, "change": c.id}
