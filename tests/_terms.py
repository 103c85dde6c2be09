"""Term candidates written briefly, for the term base's tests."""

from glossary.models import Candidate, Rendering


def cand(zh, *renderings):
    """A candidate of term ``zh`` with ``renderings`` as ``(en, count, unit ids)``; its count is theirs summed."""
    return Candidate(zh=zh, pinyin="", count=sum(r[1] for r in renderings), score=1.0,
                     renderings=[Rendering(en, n, units) for en, n, units in renderings])


#: Every table of the term base, as the backend tests read them back (ordered, so that two
#: backends' rows compare).
TERMBASE_TABLES = {
    "entry": "SELECT id, zh, zh_key, pinyin, pinyin_key, initials, kind, note, definition, source, status, "
             "parts, count, score, created, changed, zh_lang FROM glossary_entry ORDER BY id",
    "rendering": "SELECT entry_id, type, position, en, en_key, fold_key FROM glossary_rendering "
                 "ORDER BY entry_id, type, position",
    "char": "SELECT ch, entry_id FROM glossary_char ORDER BY ch, entry_id",
    "usage": "SELECT entry_id, en, en_key, fold_key, count, units FROM glossary_usage ORDER BY entry_id, en",
    "history": "SELECT id, at, who, op, zh, zh_key, before, after, undone, undone_by FROM glossary_history "
               "ORDER BY id",
}
