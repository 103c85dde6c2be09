"""Looking a term up by Chinese, English or pinyin (with or without tones, or initials).

:func:`lookup` tries, in order of confidence, and ranks everything it finds:

====================  =====  ==========================================================
how                   score  what matched
====================  =====  ==========================================================
``zh``                100    the Chinese term itself (99: written in the other script,
                             軟件 for 软件: ``tm.simplified_key``)
``pinyin``            98/95  the pinyin, with tones matching (98) or toneless (95)
``en``                96-90  an approved (96) or forbidden/used-in-memory (92) rendering,
                             or one differing only in spacing, case, hyphens, number (90)
``initials``          85     pinyin initials (``ky`` → 康养), for one-word queries of up
                             to 6 letters; ambiguous, so ranked by status and count
``zh-part``           60-80  the query contains the term or the term contains the query
                             (60 + 20 × the shorter's share of the longer)
``pinyin-prefix``     75     the toneless pinyin starts with the query
``en-part``           70     a rendering contains the query as whole words (AI and 5G too)
``fuzzy``             <70    rapidfuzz similarity, only when nothing above matched
                             (Chinese: whenever there is no exact match, capped at 79)
====================  =====  ==========================================================

Within one score, approved entries come first, then by memory count, then shorter terms.
Every step uses an index: zh, pinyin_key, initials, en_key and fold_key (B-trees), the
character index (Chinese parts and fuzzy), FTS5 trigram indexes (English parts and
fuzzy); nothing scans the whole term base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from tm import HAN, dialect, has_memory, search, simplified_key, units_containing

from glossary.models import Entry, Rendering
from glossary.termbase.keys import collision_key, en_key, fold_rendering, pinyin_key, strip_tones, zh_key
from glossary.termbase.store import entries_by_id, usage

_CJK = re.compile(f"[{HAN}]")
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]|[a-z][1-5]", re.IGNORECASE)


@dataclass
class ConcordanceLine:
    """One unit of the memory containing the term; spans are [start, end) offsets."""

    unit: int | None
    zh: str
    en: str
    zh_spans: list[tuple[int, int]] = field(default_factory=list)
    en_spans: list[tuple[int, int]] = field(default_factory=list)
    key: str | None = None          # the unit's reference, PAIR:NNNN


@dataclass
class Hit:
    """One entry found by :func:`lookup`, with what the memory did with it."""

    entry: Entry
    how: str
    score: float
    used: list[Rendering] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    collides: list[str] = field(default_factory=list)    # other terms sharing a rendering
    concordance: list[ConcordanceLine] = field(default_factory=list)


def _ids(db, sql: str, params) -> list[int]:
    """The ids ``sql`` finds, in its order: every query here says one (``ORDER BY``), since the
    candidates a ``LIMIT`` keeps and the order of equal scores are what the command shows, and
    without it PostgreSQL's order is its plan's, not SQLite's."""
    return [r[0] for r in db.execute(sql, params)]


def find(db: sqlite_utils.Database, query: str, *, limit: int = 10,
         fuzzy_cutoff: float = 60.0) -> list[tuple[int, str, float]]:
    """``[(entry id, how, score)]`` best first, without the per-entry details."""
    q = " ".join(query.split())
    if not q:
        return []
    found: dict[int, tuple[str, float]] = {}

    def add(ids, how, score):
        for id_ in ids:
            if id_ not in found or found[id_][1] < score:
                found[id_] = (how, score)

    if _CJK.search(q):
        qkey = zh_key(q)
        add(_ids(db, "SELECT id FROM glossary_entry WHERE zh_key = ? ORDER BY id", [qkey]), "zh", 100)
        qk = simplified_key(qkey)       # Traditional and Simplified compare as one script
        terms = _sharing_chars(db, qk)
        for id_, zh in terms:
            zkey = zh_key(zh)
            zk = simplified_key(zkey)
            if zkey != qkey and zk == qk:
                add([id_], "zh", 99)
            elif zkey != qkey and (qk in zk or zk in qk):
                shorter, longer = sorted((len(zh), len(q)))
                add([id_], "zh-part", 60 + 20 * shorter / longer)
        if not any(score >= 99 for _, score in found.values()):
            for id_, score in _fuzzy(db, q, cutoff=fuzzy_cutoff, limit=limit, rows=terms):
                if id_ not in found:
                    add([id_], "fuzzy", min(score, 79.0))
    else:
        key, ekey = pinyin_key(q), en_key(q)
        toned = bool(_TONED.search(q))
        if key:
            ids = _ids(db, "SELECT id FROM glossary_entry WHERE pinyin_key = ? ORDER BY id", [key])
            if toned:
                wanted = _toned_key(q)
                exact = [i for i in ids if _toned_key(_pinyin_of(db, i)) == wanted]
                add(exact, "pinyin", 98)
                add([i for i in ids if i not in exact], "pinyin", 90)
            else:
                add(ids, "pinyin", 95)
        if not toned:
            add(_ids(db, "SELECT entry_id FROM glossary_rendering WHERE en_key = ? "
                         "AND type = 'approved' ORDER BY entry_id", [ekey]), "en", 96)
            add(_ids(db, "SELECT entry_id FROM glossary_rendering WHERE en_key = ? "
                         "AND type = 'forbidden' UNION SELECT entry_id FROM glossary_usage "
                         "WHERE en_key = ? ORDER BY entry_id", [ekey, ekey]), "en", 92)
            fkey = collision_key(q)
            add(_ids(db, "SELECT entry_id FROM glossary_rendering WHERE fold_key = ? "
                         "UNION SELECT entry_id FROM glossary_usage WHERE fold_key = ? ORDER BY entry_id",
                     [fkey, fkey]), "en", 90)
            if key and len(key) <= 6 and " " not in q:
                add(_ids(db, "SELECT id FROM glossary_entry WHERE initials = ? ORDER BY id LIMIT 200",
                         [key]), "initials", 85)
        if key and len(key) >= 2 and not found:
            add(_ids(db, "SELECT id FROM glossary_entry WHERE pinyin_key >= ? AND pinyin_key < ? "
                         "ORDER BY pinyin_key, id LIMIT 200", [key, key + "{"]), "pinyin-prefix", 75)
        # (a pinyin prefix is a guess: "AI" is 癌 ái's as well as an acronym's, whose terms are wanted too)
        if len(ekey) >= 2 and not toned and all(how == "pinyin-prefix" for how, _ in found.values()):
            rows = [row for table in ("glossary_rendering", "glossary_usage")
                    for row in _fts_rows(db, table, ekey, 500)]
            word = re.compile(r"(?<!\w)" + re.escape(ekey) + r"(?!\w)")
            add([i for i, k in rows if word.search(k)], "en-part", 70)
    if not found:
        for id_, score in _fuzzy(db, q, cutoff=fuzzy_cutoff, limit=limit):
            add([id_], "fuzzy", min(score, 69.0))
    ranked = sorted(found.items(), key=lambda kv: -kv[1][1])
    return [(id_, how, score) for id_, (how, score) in ranked]


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _toned_key(pinyin: str) -> str:
    """Letters and tone sequence of toned pinyin: ``kāng yǎng``, ``Kāngyǎng`` and
    ``kang1 yang3`` all give ``kangyang|13`` (neutral tone: no digit)."""
    import unicodedata
    text = strip_tones_keep_marks = unicodedata.normalize("NFD", pinyin.lower())
    text = strip_tones_keep_marks.replace("u\u0308", "v").replace("u:", "v")    # (CC-CEDICT's ü)
    tones = "".join(_TONE_MARKS.get(ch, ch) for ch in text if ch in _TONE_MARKS or ch in "1234")
    letters = re.sub(r"[^a-z]", "", text)
    return f"{letters}|{tones}"


def _pinyin_of(db, id_: int) -> str:
    row = db.execute("SELECT pinyin FROM glossary_entry WHERE id = ?", [id_]).fetchone()
    return row[0] if row else ""


def _fts_rows(db, table: str, match: str, limit: int) -> list[tuple[int, str]]:
    """Rows of ``table`` whose ``en_key`` contains ``match`` (the trigram index); ``match``
    of two characters (AI, 5G): those that may hold it as a word."""
    if len(match) < 3:
        return dialect(db).word_rows(db, table, match, limit)
    return dialect(db).substring_rows(db, table, match, limit)


def _english_pool(db, key: str, pool: int) -> list[tuple[int, str]]:
    """Renderings sharing a word of the query, or (for a misspelt word) half of one:
    one typo always leaves one half of a word intact. Uses the trigram indexes."""
    rows: list[tuple[int, str]] = []
    for word in sorted(set(re.findall(r"[^\W_]{3,}", key)), key=len, reverse=True)[:4]:
        pieces = [word]
        if len(word) >= 5:
            half = (len(word) + 1) // 2
            pieces += [word[:half], word[-half:]]
        for piece in pieces:
            for table in ("glossary_rendering", "glossary_usage"):
                rows += _fts_rows(db, table, piece, pool)
            if piece == word and rows:
                break
    return rows


def _sharing_chars(db, q: str, *, cap: int = 20000) -> list[tuple[int, str]]:
    """``(id, zh)`` of the terms sharing a character with ``q`` (character index, which
    holds each term's characters and those of its Simplified key)."""
    chars = sorted(set(q))[:24]
    marks = ",".join("?" * len(chars))
    return list(db.execute(
        f"SELECT e.id, e.zh FROM glossary_entry e WHERE e.id IN "
        f"(SELECT DISTINCT entry_id FROM glossary_char WHERE ch IN ({marks})) ORDER BY e.id LIMIT ?",
        [*chars, cap]))


def _fuzzy(db, q: str, *, cutoff: float, limit: int, pool: int = 300,
           rows: list[tuple[int, str]] | None = None) -> list[tuple[int, float]]:
    """Best entries by rapidfuzz similarity (by character). Chinese: over the terms
    sharing at least half the query's characters (character index). English:
    over renderings sharing a word or half a word with the query (FTS5 trigram index),
    so the cost does not grow with the term base."""
    if _CJK.search(q):
        key = simplified_key(q)
        rows = rows if rows is not None else _sharing_chars(db, key)
        shared = max(1, len(set(key)) // 2)
        rows = [(i, zk) for i, zk in ((i, simplified_key(zh)) for i, zh in rows)
                if len(set(zk) & set(key)) >= shared]
    else:
        key = strip_tones(en_key(q))
        rows = _english_pool(db, key, pool)
    if not rows:
        return []
    choices = [r[1] for r in rows]
    best: dict[int, float] = {}
    for _, score, idx in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                                         limit=limit * 3):
        id_ = rows[idx][0]
        best[id_] = max(best.get(id_, 0.0), score)
    return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


# --------------------------------------------------------------------------- details

def flags_for(db: sqlite_utils.Database, entry: Entry, used: list[Rendering]) -> tuple[list[str], list[str]]:
    """(flags, colliding terms) of an entry given the renderings the memory used."""
    flags = []
    folded = {fold_rendering(r.en) for r in used}
    if len(folded) > 1:
        flags.append("inconsistent")
    forbidden = {fold_rendering(f) for f in entry.forbidden}
    if folded & forbidden or forbidden_in_memory(db, entry):
        flags.append("forbidden used")
    keys = {collision_key(x) for x in entry.approved + [r.en for r in used]}
    keys.discard("")
    others: set[str] = set()
    for k in keys:
        for (zh,) in db.execute(
                "SELECT e.zh FROM glossary_rendering r JOIN glossary_entry e ON e.id = r.entry_id "
                "WHERE r.fold_key = ? AND r.type = 'approved' AND e.id != ? AND e.status != 'rejected' "
                "UNION SELECT e.zh FROM glossary_usage u JOIN glossary_entry e ON e.id = u.entry_id "
                "WHERE u.fold_key = ? AND e.id != ? AND e.status != 'rejected'",
                [k, entry.id, k, entry.id]):
            others.add(zh)
    if others:
        flags.append("collides")
    return flags, sorted(others)


def forbidden_in_memory(db: sqlite_utils.Database, entry: Entry, *,
                        limit: int = 1000) -> dict[str, list[int]]:
    """``{forbidden rendering: [unit ids]}`` for memory units whose Chinese side has the
    term and whose English side has a forbidden rendering (whole words, any case)."""
    if not entry.forbidden:
        return {}
    rows = [(u.id, u.en) for u in units_containing(db, entry.zh, limit=limit)]
    out: dict[str, list[int]] = {}
    for f in entry.forbidden:
        pattern = re.compile(r"(?<!\w)" + r"[\s-]*".join(map(re.escape, f.split())) + r"(?!\w)",
                             re.IGNORECASE)
        ids = [i for i, en in rows if pattern.search(en)]
        if ids:
            out[f] = ids
    return out


def _spans(text: str, needles: list[str], *, fold_case: bool) -> list[tuple[int, int]]:
    spans = []
    hay = text.casefold() if fold_case else text
    for n in sorted({n for n in needles if n}, key=len, reverse=True):
        n2 = n.casefold() if fold_case else n
        start = 0
        while (i := hay.find(n2, start)) >= 0:
            if not any(a < i + len(n2) and i < b for a, b in spans):
                spans.append((i, i + len(n2)))
            start = i + len(n2)
    return sorted(spans)


def concordance(db: sqlite_utils.Database, entry: Entry, used: list[Rendering], *,
                limit: int = 3) -> list[ConcordanceLine]:
    """Up to ``limit`` memory units whose Chinese side contains the term, with the term
    and its renderings (used, approved, forbidden) located. Uses the store's
    concordance search (:func:`tm.search`)."""
    if not has_memory(db):
        return []
    found = [hit.unit for hit in search(db, entry.zh, lang="zh", limit=limit)]
    needles_en = [r.en for r in used] + entry.approved + entry.forbidden
    return [ConcordanceLine(unit=u.id, key=u.key, zh=u.zh, en=u.en,
                            zh_spans=_spans(u.zh, [entry.zh], fold_case=False),
                            en_spans=_spans(u.en, needles_en, fold_case=True))
            for u in found if entry.zh in u.zh]


def lookup(db: sqlite_utils.Database, query: str, *, limit: int = 5, lines: int = 3,
           fuzzy_cutoff: float = 60.0) -> list[Hit]:
    """Entries matching ``query`` (Chinese, English or pinyin), best first, each with
    the memory's renderings, flags and up to ``lines`` concordance lines."""
    found = find(db, query, limit=limit, fuzzy_cutoff=fuzzy_cutoff)
    if not found:
        return []
    by_id = {e.id: e for e in entries_by_id(db, [i for i, _, _ in found])}
    counts = dict(db.execute(
        "SELECT id, count FROM glossary_entry WHERE id IN (%s)" % ",".join("?" * len(by_id)),
        list(by_id)).fetchall())
    order = {"approved": 0, "candidate": 1, "rejected": 2}
    found.sort(key=lambda t: (-t[2], order[by_id[t[0]].status], -counts.get(t[0], 0),
                              len(by_id[t[0]].zh), by_id[t[0]].zh))
    hits = []
    for id_, how, score in found[:limit]:
        entry = by_id[id_]
        used = usage(db, entry.zh)
        flags, others = flags_for(db, entry, used)
        hits.append(Hit(entry=entry, how=how, score=score, used=used, flags=flags,
                        collides=others,
                        concordance=concordance(db, entry, used, limit=lines) if lines else []))
    return hits
