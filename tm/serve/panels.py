"""Panels: views that other packages add to the workbench (the term base's terms and findings).

``tm`` never imports ``glossary`` (the layers point down), so the workbench finds
the term base's views the way llm finds its plugins: through the entry-point
group ``tm.serve.panels``. ``glossary`` declares one in ``pyproject.toml``::

    [project.entry-points."tm.serve.panels"]
    glossary = "glossary.workbench:panel"

A panel is any object with a ``name`` and the methods the workbench calls; none
of them sees the web framework (they take the open database and plain values and
return dataclasses the templates read). The glossary panel's methods:

``prepare(db)``
    bring the panel's tables up to date (called once per connection).
``terms(db, *, status, kind, query, sort, offset, limit)`` / ``term(db, zh)``
    a page of term-base entries / one entry with renderings and concordance.
``approve(db, zh, renderings)``, ``reject(db, zh)``, ``forbid(db, zh, rendering)``,
``approve_many(db, zhs)``
    decisions on terms; each returns a one-line message.
``findings(db, *, source, pair)`` / ``ignore(db, finding_id, reason)``
    the consistency report or a QA run with evidence / mark a finding "not a problem".
``lookup(db, query, limit)``
    term-base hits for the search box and ``GET /api/lookup``.
``qa(db, segments, *, checks, skip)``
    ``glossary qa`` of posted ``(id, zh, en)`` segments (``POST /api/qa``): an object
    with ``findings`` (the records of ``--format jsonl``), ``ignored`` and ``note``.
"""

from __future__ import annotations

from importlib.metadata import entry_points

GROUP = "tm.serve.panels"


def load_panels() -> dict[str, object]:
    """The installed panels by name (none when no package declares one)."""
    found = {}
    for ep in entry_points(group=GROUP):
        panel = ep.load()
        found[getattr(panel, "name", ep.name)] = panel
    return found
