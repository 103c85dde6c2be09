"""Concordance: find a word or phrase in the memory, with its counterpart and the hit spans.

Semantics:

* Chinese (a query with a CJK character, or of Chinese punctuation alone, ……, or
  ``lang="zh"``): substring search on the zh side, any length (康养 and 局 work),
  case-insensitive for Latin letters in it and blind to their width (AI芯片 finds ＡＩ芯片, ５Ｇ
  finds 5G), Traditional and Simplified as one script (軟件 finds 软件 and the reverse: the
  query's and the units' :func:`~tm.text.variants.simplified_key`, one character for one, so
  the spans are the text's). If the query's rarest pair of adjacent ideographs is in at most
  20,000 units, those units (from the character-bigram postings of the fuzzy-match index,
  which holds the keys' bigrams) are checked; otherwise the hits are dense and units are
  scanned in order (SQLite pre-filtering on the query's runs of ideographs, each written
  every way it can be) until ``limit`` are found.
* English: words in sequence (a phrase), case-insensitive, through the FTS5 index
  of the en side (unicode61 tokenizer, diacritics kept: punctuation between words
  is ignored, café is not cafe; marks before the first word or after the last are
  sought as written: ``%d``, ``{0}``, ``C++``). A trailing ``*`` makes the last word a
  prefix (``comput*``). A word of letters and digits is sought with its digits plain,
  subscript and superscript (CO2 finds CO₂, m² finds m2).

Only two-sided units are searched; hits come in memory order (unit id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

import heapq
import json
import re
from dataclasses import dataclass


from tm.memory import fuzzy
from tm.text.variants import has_variants, simplified_key, spellings
from tm.text.zh import HAN, SCRIPT_DIGITS, to_halfwidth
from tm.memory.match import Postings, posting_counts
from tm.models import TranslationUnit
from tm.memory.store import units_by_id
from tm.memory.pg import dialect

_CHUNK = 500
_IDEOGRAPH = re.compile(f"[{HAN}]")
_IDEOGRAPHS = re.compile(f"[{HAN}]+")
_SCAN_ABOVE = 20000


@dataclass(frozen=True)
class Hit:
    unit: TranslationUnit
    lang: str                              # the side searched: "zh" or "en"
    spans: tuple[tuple[int, int], ...]     # [start, end) offsets of the hits in that side's text


def search(db: sqlite_utils.Database, query: str, *, lang: str | None = None, limit: int = 20) -> list[Hit]:
    """Units whose ``lang`` side (detected from the query when ``None``) contains ``query``."""
    query = query.strip()
    if not query or limit <= 0:
        return []
    lang = lang or ("zh" if _chinese_marks(query) else fuzzy.detect_lang(query))
    if lang == "zh":
        return _search_zh(db, query, limit)
    if lang == "en":
        return _search_en(db, query, limit)
    raise ValueError("lang must be 'zh' or 'en'")


def _chinese_marks(query: str) -> bool:
    """A query of Chinese punctuation alone (……, ——, 【】, 《》): sought on the Chinese side,
    where English has no words to find in it."""
    return not query.isascii() and not any(c.isascii() and c.isalnum() for c in query) \
        and ("……" in query or "——" in query
             or any(0x3000 <= ord(c) <= 0x303F or 0xFF00 <= ord(c) <= 0xFFEF for c in query))


def _fold(text: str) -> str:
    """Half-width and lower case (ＡＩ芯片 is ai芯片, ５Ｇ is 5g, as the fuzzy match reads
    them), keeping every character at its offset (so spans map back)."""
    text = to_halfwidth(text)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _spans(needle: str, text: str) -> tuple[tuple[int, int], ...] | None:
    """Offsets of ``needle`` in ``text`` (case-folded), or ``None`` if it is not there."""
    hay, out, i = _fold(text), [], 0
    while (i := hay.find(needle, i)) >= 0:
        out.append((i, i + len(needle)))
        i += len(needle)
    return tuple(out) or None


def _search_zh(db, query: str, limit: int) -> list[Hit]:
    key = simplified_key(query)     # the index holds the bigrams of the Simplified keys
    needle = _fold(key)
    # a query with a character written otherwise in the other script is looked for in each
    # unit's key (same offsets as its text); any other query is found in the text as it is
    keyed = has_variants(key)
    pairs = {fuzzy.gram_ids(key[i:i + 2], "zh")[0] for i in range(len(query) - 1)
             if _IDEOGRAPH.match(query[i]) and _IDEOGRAPH.match(query[i + 1])}
    df = posting_counts(db, pairs) if pairs else {}
    rarest = min(pairs, key=lambda t: df.get(t, 0)) if pairs else None
    if rarest is not None and df.get(rarest, 0) <= _SCAN_ABOVE:
        # few units hold the rarest ideograph pair: check just those
        ids: set[int] = set()
        for codes in Postings(db)(rarest, frequent=rarest in df):
            ids.update(c & 0xFFFFFFFFFF for c in codes)
        rows = _rows_by_id(db, sorted(ids))
    else:
        # a common (or no) pair: hits are dense, scan in order until ``limit`` are found;
        # SQLite pre-filters on the longest run of ideographs (case plays no part there)
        filters = _filters(query)
        rows = _pages(db, "SELECT id, zh FROM units WHERE zh != '' AND en != '' AND "
                      + " AND ".join("(" + " OR ".join(["instr(zh, ?) > 0"] * len(f)) + ")" for f in filters)
                      + " AND id > ? ORDER BY id LIMIT ?", [text for f in filters for text in f], limit)
    return _collect(db, ((uid, _spans(needle, simplified_key(text) if keyed else text)) for uid, text in rows),
                    "zh", limit)


def _filters(query: str) -> list[list[str]]:
    """SQLite's pre-filter of the scan, as texts a unit holding ``query`` (in either script)
    holds: one of each list. Each run of ideographs gives the ways it can be written
    (:func:`_written_forms`) and, when it has more than one, its longest part written one
    way only; the one-way parts come first, so most units are dropped after one search."""
    filters = []
    for run in _IDEOGRAPHS.findall(query):
        forms = _written_forms(run)
        if len(forms) > 1:
            fixed = max(_fixed_parts(run), key=len, default="")
            if fixed:
                filters.append([fixed])
        filters.append(forms)
    return sorted(filters, key=lambda f: (len(f), -len(f[0]))) or [[""]]


def _fixed_parts(run: str) -> list[str]:
    """The parts of ``run`` whose characters have one form only."""
    parts, part = [], ""
    for ch in run:
        if has_variants(ch):
            parts.append(part)
            part = ""
        else:
            part += ch
    return [p for p in parts + [part] if p]


def _written_forms(run: str) -> list[str]:
    """The texts a unit holding ``run`` (in either script) holds one of: every way of
    writing ``run`` (:func:`tm.text.variants.spellings`), or of its longest part that has
    at most 16 (a long run of characters with two forms each has thousands)."""
    for size in range(len(run), 0, -1):
        for start in range(len(run) - size + 1):
            forms = spellings(run[start:start + size])
            if forms is not None:
                return forms
    return [run]


def _pages(db, sql: str, params: list, limit: int):
    """The rows of ``sql`` (``id`` first; ending ``AND id > ? ORDER BY id LIMIT ?``), read
    a page at a time, each page four times the one before: a search that stops after
    ``limit`` hits reads about as many rows as it needs, not the whole result
    (PostgreSQL sends a result whole: a common term at 1,000,000 units took seconds)."""
    after, size = 0, max(64, 2 * limit)
    while True:
        page = db.conn.execute(sql, [*params, after, size]).fetchall()
        yield from page
        if len(page) < size:
            return
        after, size = page[-1][0], min(4 * size, 65_536)


def _rows_by_id(db, ids: list[int]):
    for k in range(0, len(ids), _CHUNK):
        yield from db.conn.execute(
            "SELECT u.id, u.zh FROM json_each(?) j JOIN units u ON u.id = j.value "
            "WHERE u.zh != '' AND u.en != '' ORDER BY u.id", [json.dumps(ids[k:k + _CHUNK])])


def _collect(db, scanned, lang: str, limit: int) -> list[Hit]:
    found: list[tuple[int, tuple]] = []
    for uid, spans in scanned:
        if spans is not None:
            found.append((uid, spans))
            if len(found) >= limit:
                break
    units = units_by_id(db, [uid for uid, _ in found])
    return [Hit(unit=units[uid], lang=lang, spans=spans) for uid, spans in found if uid in units]


#: A digit in each of its forms: plain, subscript, superscript (CO2, CO₂; m2, m²).
_DIGITS = ("0123456789", "₀₁₂₃₄₅₆₇₈₉", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _digit_forms(words: list[str]) -> list[list[str]]:
    """The query's words as written, and with the digits of its words of letters and digits
    plain, subscript and superscript: a formula or a unit is written either way (CO2 and CO₂,
    m2 and m², H2O and H₂O), and the full-text index holds each as a word of its own. A
    number stays as written."""
    plain = [w.translate(SCRIPT_DIGITS) for w in words]
    mixed = [any(c.isdigit() for c in w) and not w.isdigit() for w in plain]    # CO2, m2; not 50
    if not any(mixed):
        return [words]
    forms = [words] + [[w.translate(str.maketrans(_DIGITS[0], digits)) if m else w for w, m in zip(plain, mixed)]
                       for digits in _DIGITS]
    return list(map(list, dict.fromkeys(map(tuple, forms))))


def _any_digits(word: str) -> str:
    """``word`` as a pattern whose digits match any of their forms (a number's too: the
    rows are the full-text index's, and 50 is no subscript there)."""
    out = []
    for ch in word.translate(SCRIPT_DIGITS):
        k = _DIGITS[0].find(ch)
        out.append(re.escape(ch) if k < 0 else "[" + "".join(d[k] for d in _DIGITS) + "]")
    return "".join(out)


def _merged(row_sets):
    """The rows of several ``(id, text)`` results in id order, each unit once."""
    sets = list(row_sets)
    if len(sets) == 1:
        yield from sets[0]
        return
    last = None
    for row in heapq.merge(*sets, key=lambda row: row[0]):
        if row[0] != last:
            last = row[0]
            yield row


def _search_en(db, query: str, limit: int) -> list[Hit]:
    prefix = query.endswith("*")
    words = re.findall(r"[^\W_]+", query.rstrip("*"))
    if not words:
        needle = _fold(query)
        rows = _pages(db, "SELECT id, en FROM units WHERE zh != '' AND en != '' AND id > ? ORDER BY id LIMIT ?",
                      [], limit)
        return _collect(db, ((uid, _spans(needle, text)) for uid, text in rows), "en", limit)
    tail = r"[^\W_]*" if prefix else r"(?![^\W_])"  # a prefix hit spans the whole word
    # marks written before the first word or after the last are part of what is sought
    # (%d, {0}, <b>, C++, .NET): "%d" is not every "D"
    # (quotes around the query are a search box's phrase marks, not sought)
    bare = (query.rstrip("*") if prefix else query).strip().strip("\"'“”‘’")
    lead = re.match(r"[^\w\s]*", bare).group()
    trail = "" if prefix else re.search(r"[^\w\s]*$", bare).group()
    pattern = re.compile((re.escape(lead) if lead else r"(?<![^\W_])") + r"[\W_]+".join(map(_any_digits, words))
                         + (re.escape(trail) if trail else tail), re.IGNORECASE)
    rows = _merged(dialect(db).phrase_rows(db, forms, prefix) for forms in _digit_forms(words))
    # the full-text index finds the candidates; the pattern confirms each and gives the spans
    scanned = ((uid, tuple(m.span() for m in pattern.finditer(text)) or None) for uid, text in rows)
    return _collect(db, scanned, "en", limit)
