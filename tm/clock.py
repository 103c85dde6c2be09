"""The one UTC clock: every timestamp the tool stores or writes, as ``2026-11-21T05:48:15Z``."""

from __future__ import annotations

from datetime import datetime, timezone


def now_iso(clock=None) -> str:
    """``clock()`` (a datetime) or the current UTC time as ``2026-11-21T05:48:15Z``."""
    moment = clock() if clock else datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> str:
    """The current UTC time as ``2026-11-21T05:48:15Z`` (the default ``now``/``clock`` of writers)."""
    return now_iso()
