"""Term extraction from aligned translation units.

``extract(units)`` finds candidate Chinese terms from the structure of the
prose (see :mod:`glossary.zhterms`), pairs each mention with the English words
of the same unit that render it (:func:`pair`), and scores termhood.  The
result is a list of :class:`~glossary.models.Candidate`, best first.

Pairing scores every English span of the unit against the term: the share of
the term's characters whose CC-CEDICT glosses, pinyin (for names) or acronym
appear in the span, against the share of the span's content words so
explained (an F-measure); characters no gloss explains may take up to one
unexplained neighbouring word per two characters (具身智能 "embodied
intelligence").  The k-th item of a Chinese enumeration prefers the k-th item
of an English enumeration of the same length, and a rendering the term got in
another unit is preferred again.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tm.lexicon import STOP_WORDS, load_lexicon, stem
from tm.models import TranslationUnit

from .enterms import BREAKS, FUNCTION, enumeration_items, tokenize
from .lexicon import glossary_lexicon, related
from .models import Candidate, Rendering
from .pinyin import plain, term_pinyin
from .zhterms import CONJUNCTIONS, FRAME, Occurrence, Segmenter, occurrences

DEFAULT_MIN_SCORE = 2.75
DEFAULT_MIN_PAIR = 0.4

# Termhood evidence of each structural cue (the strongest cue counts in full,
# each further kind of cue adds CUE_EXTRA).
CUE_WEIGHTS = {
    "user": 3.0,
    "coordination": 2.5,
    "quote": 2.0,
    "acronym": 2.0,
    "enumeration": 1.0,
    "head": 1.2,
    "field": 1.0,
    "operand": 0.8,
    "nested": 1.0,
    "word": 0.2,
    "proper": 1.0,
    "chunk": 0.3,
}
NESTED_MIN = 3
NESTED_PENALTY = 1.5
COMPOSITIONAL = ("技术", "企业", "产品", "服务", "工作")   # generic heads that add little to a term
CUE_EXTRA = 0.3
CREDIT = 0.6   # how much an unexplained English word counts for unexplained characters
HARD_BREAKS = frozenset(".;:!?()[]\"“”")
SPAN_BREAKS = frozenset({"such", "including", "etc", "e.g", "i.e"})   # words a rendering never spans
_QUOTES = frozenset("\"“”‘’'")
_WEAK_CHARS = frozenset("的和与及等在对为是了之其")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


@dataclass
class _Term:
    zh: str
    cues: Counter = field(default_factory=Counter)
    acronyms: Counter = field(default_factory=Counter)
    parts: tuple[str, ...] = ()
    mentions: list[tuple[int, Occurrence]] = field(default_factory=list)


@dataclass
class _Span:
    start: int            # token indices, inclusive
    end: int
    score: float
    text: str


class _EnglishUnit:
    """The English side of a unit, tokenised once, with a key index for gloss look-ups."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.keys: list[str | None] = []
        self.by_prefix: dict[str, set[str]] = defaultdict(set)
        self._parts: dict[str, list[int]] = defaultdict(list)   # parts of hyphenated words
        for t, tok in enumerate(self.tokens):
            if not tok.is_word or tok.text.lower() in FUNCTION or tok.text.lower() in STOP_WORDS:
                self.keys.append(None)
                continue
            key = stem(tok.text)
            self.keys.append(key)
            self.by_prefix[key[:4]].add(key)
            if "-" in tok.text:
                for part in tok.text.split("-"):
                    if len(part) > 1 and part.lower() not in FUNCTION:
                        self._parts[stem(part)].append(t)
                        self.by_prefix[stem(part)[:4]].add(stem(part))
        self.lower = [t.text.lower() for t in self.tokens]
        self.capital = [t.is_word and t.text[0].isupper() for t in self.tokens]
        self.breaks = [(not t.is_word and t.text in BREAKS) or low in SPAN_BREAKS
                       or (low == "the" and i > 0 and self.lower[i - 1] in ("and", "or"))
                       for i, (t, low) in enumerate(zip(self.tokens, self.lower))]
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_lower: dict[str, list[int]] = defaultdict(list)
        for t, (key, low) in enumerate(zip(self.keys, self.lower)):
            if key is not None:
                self.by_key[key].append(t)
        for key, ts in self._parts.items():
            self.by_key[key].extend(t for t in ts if t not in self.by_key[key])
            self.by_lower[low].append(t)
            if "-" in low:
                self.by_lower[low.replace("-", "")].append(t)
        self._enums: list[list[tuple[int, int]]] | None = None
        self._claims: dict[int, set[str]] | None = None

    def quoted(self) -> list[tuple[int, int]]:
        """Token ranges inside quotation marks ("delegate, regulate and serve")."""
        out, open_at = [], None
        for t, tok in enumerate(self.tokens):
            if tok.text in "“”\"":
                if open_at is None and tok.text != "”":
                    open_at = t
                elif open_at is not None:
                    if t - open_at > 1:
                        out.append((open_at + 1, t - 1))
                    open_at = None
        return out

    def claims(self, zh: str, lexicon) -> dict[int, set[str]]:
        """Token index -> the words of the unit's Chinese side whose glosses it matches."""
        if self._claims is None:
            self._claims = defaultdict(set)
            for run in re.findall(r"[\u3400-\u9fff]+", zh):
                for word in lexicon.segment(run):
                    keys = lexicon.keys(word)
                    if not keys or len(word) < 2 and len(run) > 1 and word in _WEAK_CHARS:
                        continue
                    found = self.matching(keys)
                    for t, key in enumerate(self.keys):
                        if key in found:
                            self._claims[t].add(word)
        return self._claims

    def matching(self, gloss_keys: Iterable[str]) -> set[str]:
        out = set()
        for g in _split_hyphens(gloss_keys):
            for k in self.by_prefix.get(g[:4], ()):
                if related(g, k):
                    out.add(k)
            if len(g) < 4:
                out.update(k for k in self.by_prefix.get(g, ()) if k == g)
        return out

    def enumerations(self) -> list[list[tuple[int, int]]]:
        """Token ranges of the items of each English enumeration in the unit."""
        if self._enums is None:
            self._enums = []
            for clause in re.finditer(r"[^.;:()]+", self.text):
                items = enumeration_items(clause.group())
                if len(items) < 2:
                    continue
                ranges, pos = [], clause.start()
                for item in items:
                    at = self.text.find(item, pos)
                    if at < 0:
                        break
                    toks = [i for i, t in enumerate(self.tokens) if at <= t.start and t.end <= at + len(item)]
                    if toks:
                        ranges.append((toks[0], toks[-1]))
                    pos = at + len(item)
                if len(ranges) == len(items):
                    self._enums.append(ranges)
        return self._enums


def _split_hyphens(keys: Iterable[str]) -> set[str]:
    """Gloss keys plus the parts of hyphenated ones ("brain-computer" -> brain, computer)."""
    out = set()
    for k in keys:
        out.add(k)
        if "-" in k:
            out.update(stem(p) for p in k.split("-") if len(p) > 1)
    return out


@lru_cache(maxsize=65536)
def _subwords(term: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, gloss keys) for every substring of ``term`` the lexicon knows."""
    lexicon = glossary_lexicon()
    out = []
    n = len(term)
    for i in range(n):
        if not _HAN.match(term[i]):
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = term[i:j]
            if not _HAN.search(piece[-1]):
                break
            keys = lexicon.keys(piece)
            name = plain(term_pinyin(piece)).replace(" ", "") if j - i >= 2 else ""
            if name in keys:
                keys = frozenset({name})   # a place name: its gloss also names the region
            if keys:
                out.append((i, j, keys))
    return out


@lru_cache(maxsize=65536)
def _pinyin_keys(term: str) -> list[tuple[int, int, str]]:
    """Toneless joined pinyin of 2-3 character substrings: 河西 -> hexi (for names)."""
    out = []
    for i in range(len(term)):
        for j in range(i + 2, min(len(term), i + 3) + 1):
            piece = term[i:j]
            if all(_HAN.match(c) for c in piece):
                out.append((i, j, plain(term_pinyin(piece)).replace(" ", "")))
    return out


def pair(term: str, en: _EnglishUnit, *, acronyms: Iterable[str] = (), enum: tuple[int, int] | None = None,
         known: Iterable[str] = (), quoted: bool = False, operand: bool = False, context: str = "",
         lexicon=None,
         limit: int = 1, min_pair: float = DEFAULT_MIN_PAIR) -> list[_Span]:
    """The best-scoring English spans of ``en`` rendering ``term`` (at most ``limit``, not overlapping).

    ``enum`` is (item index, item count) when the term is an item of a Chinese
    enumeration; ``quoted`` when it is quoted (a quoted English span is preferred);
    ``operand`` when it is one side of a quoted “A+B” (the English side of the ``+`` is tried).
    """
    if lexicon is None:
        lexicon = glossary_lexicon()
    units = [(m.start(), m.end()) for m in re.finditer(r"[\u3400-\u9fff]|[A-Za-z][A-Za-z0-9\-]*", term)]
    if not units:
        return []
    # Which pieces of the term each English token explains.  A piece is a
    # lexicon word (one English word explains up to two of its characters),
    # a name's pinyin or a latin word (explained whole by one token).
    index_of = {start: k for k, (start, _) in enumerate(units)}
    pieces: list[tuple[list[int], float]] = []      # (term units covered, units per token)
    explains: dict[int, list[int]] = defaultdict(list)

    def mark(tok_i: int, i: int, j: int, rate: float) -> None:
        covered = [index_of[p] for p in range(i, j) if p in index_of]
        if covered:
            pieces.append((covered, rate))
            explains[tok_i].append(len(pieces) - 1)

    piece_ids: dict[tuple[int, int, float], int] = {}

    def mark_once(tok_i: int, i: int, j: int, rate: float) -> None:
        key = (i, j, rate)
        if key not in piece_ids:
            covered = [index_of[p] for p in range(i, j) if p in index_of]
            if not covered:
                return
            pieces.append((covered, rate))
            piece_ids[key] = len(pieces) - 1
        explains[tok_i].append(piece_ids[key])

    for i, j, keys in _subwords(term):
        for key in en.matching(keys):
            for t in en.by_key[key]:
                mark_once(t, i, j, 2.0)
    for i, j, py in _pinyin_keys(term):
        for t in en.by_lower.get(py, ()):
            mark_once(t, i, j, float(j - i))
    for m in _LATIN.finditer(term):
        word = m.group().lower()
        for t in (*en.by_lower.get(word, ()), *en.by_lower.get(word + "s", ())):
            mark_once(t, m.start(), m.end(), 1.0)
    acronyms = list(acronyms)
    for acro in acronyms:
        for t, tok in enumerate(en.tokens):
            if tok.text in (acro, acro + "s"):
                mark_once(t, 0, len(term), float(len(term)))
    if not explains:
        return []
    acronyms = frozenset(acronyms)
    total = len(units)
    claims = en.claims(context, lexicon) if context else {}
    taken = {t for t, words in claims.items() if any(w not in term for w in words)}
    hits = sorted(explains)
    spans: list[_Span] = []
    known = {k.lower() for k in known}
    enum_ranges = []
    if enum is not None:
        for ranges in en.enumerations():
            if len(ranges) == enum[1]:
                enum_ranges.append(ranges[enum[0]])
    max_len = 2 * total + 4
    for a_i, a in enumerate(hits):
        for b in hits[a_i:]:
            if b - a > max_len:
                break
            if any(en.breaks[t] for t in range(a, b + 1)):
                break
            for lo in range(a, max(a - 3, -1), -1):
                if lo < a and (en.keys[lo] is None or lo in explains or lo in taken):
                    break         # extend only over words nothing else explains
                for hi in range(b, min(b + 3, len(en.tokens))):
                    if hi > b and (en.keys[hi] is None or hi in explains or hi in taken):
                        break
                    spans.append(_score(en, lo, hi, explains, pieces, total, enum_ranges, known, quoted,
                                        acronyms, taken))
    for t, tok in enumerate(en.tokens):
        # "carbon capture, utilization and storage (CCUS)": the expansion may hold commas
        if t >= 2 and tok.text.removesuffix("s") in acronyms and en.tokens[t - 1].text == "(":
            hi = t - 2
            for lo in hits:
                if lo <= hi and hi - lo <= max_len and \
                        not any(en.tokens[k].text in HARD_BREAKS for k in range(lo, hi + 1)):
                    spans.append(_score(en, lo, hi, explains, pieces, total, enum_ranges, known, quoted,
                                        acronyms, taken))
    if operand:
        # “人工智能（AI）+信创” ~ "artificial intelligence (AI)+information and innovation"
        for t, tok in enumerate(en.tokens):
            if tok.text != "+":
                continue
            hi = t + 1
            while hi + 1 < len(en.tokens) and en.tokens[hi + 1].text not in HARD_BREAKS | {"+", ","}:
                hi += 1
            lo = t - 1
            while lo - 1 >= 0 and en.tokens[lo - 1].text not in HARD_BREAKS | {"+", ","}:
                lo -= 1
            for a, b in ((t + 1, hi), (lo, t - 1)):
                while a <= b and not en.tokens[a].is_word:
                    a += 1
                while b >= a and not en.tokens[b].is_word:
                    b -= 1
                if any(en.tokens[k].text in HARD_BREAKS for k in range(a, b + 1)):
                    continue
                if 0 <= a <= b and b - a <= max_len and any(k in explains for k in range(a, b + 1)):
                    span = _score(en, a, b, explains, pieces, total, enum_ranges, known, quoted, acronyms, taken)
                    span.score += 0.2
                    spans.append(span)
    if quoted:
        for lo, hi in en.quoted():
            if any(t in explains for t in range(lo, hi + 1)) and hi - lo <= max_len:
                spans.append(_score(en, lo, hi, explains, pieces, total, enum_ranges, known, quoted,
                                    acronyms, taken))
    if term.endswith("+"):
        for s in spans:
            if s.end + 1 < len(en.tokens) and en.tokens[s.end + 1].text == "+":
                s.end += 1
                s.text = en.text[en.tokens[s.start].start:en.tokens[s.end].end]
    spans.sort(key=lambda s: (-round(s.score, 6), -(s.end - s.start), s.start))
    chosen: list[_Span] = []
    for s in spans:
        if s.score < min_pair or len(chosen) >= limit:
            break
        if all(s.end < c.start or s.start > c.end for c in chosen):
            chosen.append(s)
    return chosen


def _score(en: _EnglishUnit, lo: int, hi: int, explains, pieces, total: int, enum_ranges, known,
           quoted: bool, acronyms: frozenset[str], taken: set[int]) -> _Span:
    # Each piece explains at most one English word per character (lexicon words)
    # or one word (names, acronyms); a word beyond that (a repeated "Provincial")
    # counts as unexplained.
    per_piece: Counter = Counter()
    assigned: Counter = Counter()
    hit = content = free = 0
    for t in range(lo, hi + 1):
        if en.keys[t] is None and t not in explains:
            continue
        content += 1
        if t in explains:
            room = [p for p in explains[t]
                    if assigned[p] < (len(pieces[p][0]) if pieces[p][1] == 2.0 else 1)]
            if room:
                hit += 1
                assigned[min(room, key=lambda p: assigned[p])] += 1
                per_piece.update(set(explains[t]))
        elif t not in taken:
            free += 1
    cover = [0.0] * total
    for p, k in per_piece.items():
        units, rate = pieces[p]
        share = min(1.0, k * rate / len(units))
        for u in units:
            cover[u] = max(cover[u], share)
    covered = sum(cover)
    missing = total - covered
    credit = min(free, math.ceil(missing / 2 - 0.01))
    zc = (covered + CREDIT * min(missing, 2 * credit)) / total
    ec = (hit + CREDIT * credit) / max(content, 1)
    score = 2 * zc * ec / (zc + ec) if zc + ec else 0.0
    text = en.text[en.tokens[lo].start:en.tokens[hi].end]
    if (lo, hi) in enum_ranges or any(lo >= r[0] and hi == r[1] for r in enum_ranges):
        score += 0.15
    if text.lower() in known:
        score += 0.1
    if _is_name(en, lo, hi):
        score += 0.1          # a whole capitalised name, not part of one
    if quoted and lo > 0 and hi + 1 < len(en.tokens) and en.tokens[lo - 1].text in _QUOTES \
            and en.tokens[hi + 1].text in _QUOTES:
        score += 0.3
    if acronyms and all(en.tokens[t].text.removesuffix("s") in acronyms for t in range(lo, hi + 1)):
        score = 0.7 * min(score, 1.0)   # the acronym alone: prefer the spelled-out form
    return _Span(lo, hi, score, text)


def _capital(en: _EnglishUnit, t: int) -> bool:
    return 0 <= t < len(en.tokens) and en.capital[t]


def _is_name(en: _EnglishUnit, lo: int, hi: int) -> bool:
    return _capital(en, lo) and _capital(en, hi) and not _capital(en, lo - 1) and not _capital(en, hi + 1)


def _generic_penalty(term: str, seg: Segmenter) -> float:
    """Dictionary words of everyday frequency are rarely terms on their own; verbs even less."""
    tag = seg.tag(term) or ""
    if tag.startswith(("nr", "ns", "nt", "nz")):
        return 0.0            # a proper name
    freq = seg.frequency(term)
    penalty = 1.5 if freq >= 2000 else 0.8 if freq >= 500 else 0.0
    if tag.startswith("v"):
        penalty += 1.0
    return penalty


def _novel(term: str, seg: Segmenter) -> bool:
    """A short word no general dictionary knows: an abbreviation or coinage (信创, 智算)."""
    return 2 <= len(term) <= 4 and all(_HAN.match(c) for c in term) and seg.frequency(term) == 0 \
        and term not in load_lexicon()


def _evaluative(term: str, seg: Segmenter) -> bool:
    """Ends in an adjective (好, 强, 丰富, 健全): describes rather than names."""
    words = seg.words(term)
    return len(words) >= 2 and words[-1].pos in ("a", "ad", "an") and words[-1].text not in ("智能",)


def _framed(term: str, seg: Segmenter) -> int:
    """How many framing verbs sit inside the term (支持…建设 fragments)."""
    return sum(w.text in FRAME and w.text not in CONJUNCTIONS for w in seg.words(term))


def extract(units: Iterable[TranslationUnit], *, min_score: float = DEFAULT_MIN_SCORE,
            user_terms: Iterable[str] = (), min_pair: float = DEFAULT_MIN_PAIR,
            segmenter: Segmenter | None = None) -> list[Candidate]:
    """Candidate terms of aligned units, best first.

    ``min_score`` (default ``DEFAULT_MIN_SCORE``) is the termhood cut-off of the
    default list; pass 0 to see everything.  ``user_terms`` (e.g. the term
    base) are always candidates and guide word segmentation.  ``min_pair``
    (default ``DEFAULT_MIN_PAIR``) is the least pairing score for an English
    span to count as a rendering.  Units without an id are numbered by position.
    """
    units = [u for u in units if u.zh and u.zh.strip()]
    ids = [u.id if u.id is not None else i for i, u in enumerate(units)]
    seg = segmenter or Segmenter(user_terms)
    for t in user_terms:
        seg.add(t)
    lexicon = glossary_lexicon()

    terms: dict[str, _Term] = {}
    seen: set[tuple[int, str, int]] = set()
    for ui, unit in enumerate(units):
        for occ in occurrences(unit.zh, seg):
            entry = terms.setdefault(occ.term, _Term(occ.term))
            entry.cues.update(occ.cues)
            if occ.acronym:
                entry.acronyms[occ.acronym] += 1
            if occ.parts:
                entry.parts = occ.parts
            key = (ui, occ.term, occ.start)
            if key not in seen or occ.enum:
                seen.add(key)
                entry.mentions.append((ui, occ))

    english = [_EnglishUnit(u.en or "") for u in units]
    zh_texts = [u.zh for u in units]
    # Free occurrences: a term's mentions that are not inside a longer candidate's mention.
    longer_of: dict[str, list[str]] = defaultdict(list)
    for other in terms:
        subs = {other[i:j] for i in range(len(other)) for j in range(i + 2, len(other) + 1)}
        for t in subs:
            if t != other and t in terms:
                longer_of[t].append(other)

    acronym_of = {zh: t.acronyms.most_common(1)[0][0] for zh, t in terms.items() if t.acronyms}
    candidates: list[Candidate] = []
    inside: set[str] = set()
    for zh, info in terms.items():
        if info.parts:
            candidates.append(_coordinated(zh, info, english, zh_texts, ids, lexicon, min_pair))
            continue
        where = [ui for ui, text in enumerate(zh_texts) if zh in text]
        count = sum(zh_texts[ui].count(zh) for ui in where)
        enum_pos = {ui: occ.enum for ui, occ in info.mentions if occ.enum}
        quoted_in = {ui for ui, occ in info.mentions if occ.cues & {"quote", "coordination"}}
        operand_in = {ui for ui, occ in info.mentions if "operand" in occ.cues}
        acros = [a for z, a in acronym_of.items() if z in zh and len(z) >= len(zh) * 0.5]
        found: dict[str, Rendering] = {}
        best_pair = 0.0
        for ui in where:
            enum = enum_pos.get(ui)
            spans = pair(zh, english[ui], acronyms=acros, enum=(enum[1], enum[2]) if enum else None,
                         known=found, quoted=ui in quoted_in, operand=ui in operand_in,
                         context=zh_texts[ui], lexicon=lexicon, limit=zh_texts[ui].count(zh), min_pair=min_pair)
            for s in spans:
                r = found.setdefault(s.text, Rendering(s.text))
                r.count += 1
                if ids[ui] not in r.units:
                    r.units.append(ids[ui])
                best_pair = max(best_pair, s.score)
        free = count - sum(sum(zh_texts[ui].count(o) for ui in where) for o in longer_of[zh]
                           if not any(o2 in o and o2 != o and zh in o2 for o2 in longer_of[zh]))
        top = max(found.values(), key=lambda r: r.count).en if found else ""
        base = next((zh[:-len(h)] for h in COMPOSITIONAL if zh.endswith(h)), "")
        score = _termhood(zh, info, count, max(free, 0), best_pair, seg, top, nested_in=len(longer_of[zh]),
                          compositional=len(base) >= 2 and base in terms)
        if free <= 0 and not info.cues.keys() & {"quote", "coordination", "acronym", "user"} \
                and len(longer_of[zh]) < NESTED_MIN:
            inside.add(zh)
        candidates.append(Candidate(
            zh=zh, pinyin=term_pinyin(zh),
            renderings=sorted(found.values(), key=lambda r: -r.count),
            count=count, score=round(score, 3), kind=None, parts=list(info.parts),
            units=sorted({ids[ui] for ui in where}, key=str)))
    # C-value: a term only ever seen inside longer candidates yields to them if they score better.
    base = {c.zh: c.score for c in candidates}
    for c in candidates:
        if c.zh in inside and max((base.get(o, -99) for o in longer_of[c.zh]), default=-99) >= c.score:
            c.score = round(c.score - NESTED_PENALTY, 3)
    candidates = [c for c in candidates if c.score >= min_score or c.zh in seg.user_terms]
    candidates.sort(key=lambda c: (-c.score, -c.count, c.zh))
    return candidates


def _coordinated(zh, info: _Term, english, zh_texts, ids, lexicon, min_pair) -> Candidate:
    """A coordinated form (“两重”、“两新” -> 两重两新): rendered by its parts' renderings together."""
    where = sorted({ui for ui, occ in info.mentions if "coordination" in occ.cues})
    found: dict[str, Rendering] = {}
    for ui in where:
        en = english[ui]
        spans = [pair(part, en, quoted=True, context=zh_texts[ui], lexicon=lexicon, min_pair=min_pair)
                 for part in info.parts]
        if not all(spans):
            continue
        lo = min(sp[0].start for sp in spans)
        hi = max(sp[0].end for sp in spans)
        start, end = en.tokens[lo].start, en.tokens[hi].end
        if lo > 0 and en.tokens[lo - 1].text in _QUOTES:
            start = en.tokens[lo - 1].start
        if hi + 1 < len(en.tokens) and en.tokens[hi + 1].text in _QUOTES:
            end = en.tokens[hi + 1].end
        r = found.setdefault(en.text[start:end], Rendering(en.text[start:end]))
        r.count += 1
        r.units.append(ids[ui])
    score = CUE_WEIGHTS["coordination"] + (1.5 if found else -1.5) + min(1.0, 0.4 * math.log2(1 + len(where)))
    return Candidate(zh=zh, pinyin=term_pinyin(zh), renderings=sorted(found.values(), key=lambda r: -r.count),
                     count=len(where), score=round(score, 3), kind="programme", parts=list(info.parts),
                     units=sorted({ids[ui] for ui in where}, key=str))


def _termhood(zh: str, info: _Term, count: int, free: int, best_pair: float, seg: Segmenter,
              rendering: str, *, nested_in: int, compositional: bool) -> float:
    words = rendering.split()
    content = [w for w in words if w.lower() not in FUNCTION]
    name = len(content) >= 2 and all(w[0].isupper() for w in content)
    cues = [c for c in info.cues if c in CUE_WEIGHTS]
    if nested_in >= NESTED_MIN and len(zh) <= 4:
        cues.append("nested")         # a building block of several candidates (算力)
    weights = sorted((CUE_WEIGHTS[c] for c in cues), reverse=True)
    score = (weights[0] if weights else 0.0) + CUE_EXTRA * (len(weights) - 1)
    score += min(1.0, 0.4 * math.log2(1 + count))
    score += 1.5 * best_pair if best_pair else -1.5
    if (seg.tag(zh) or "").startswith(("ns", "nt")):
        cues.append("proper")         # a place or organisation jieba knows by name
    if count >= 2 and info.cues.keys() - {"chunk"} and _novel(zh, seg):
        score += 1.0          # a recurring coinage
    if zh.endswith(COMPOSITIONAL) and compositional:
        score -= 1.0          # 人工智能技术: a known term plus a generic head
    if not info.cues.keys() & {"quote", "coordination", "user"} and not name:
        score -= _generic_penalty(zh, seg)
        if len(zh) == 2 and seg.frequency(zh) > 0 and "acronym" not in info.cues:
            score -= 1.0      # a two-character everyday word (场景, 存储, 中心)
        if "acronym" not in info.cues:    # an acronym fixes the extent of its term
            score -= 1.0 * _framed(zh, seg)
        if _evaluative(zh, seg):
            score -= 2.0      # 成长性好, 竞争力强: a quality, not a thing
    if name:
        score += 0.7          # rendered as a capitalised name
    elif len(zh) > 10:
        score -= 0.15 * (len(zh) - 10)
    if re.match(r"[0-9]*[项个家批级所名条次]", zh):
        score -= 1.5
    return score


def candidate_to_json(c: Candidate) -> dict:
    """The line ``glossary extract --format jsonl`` prints for one candidate."""
    return {
        "zh": c.zh,
        "pinyin": c.pinyin,
        "en": c.en,
        "renderings": [{"en": r.en, "count": r.count} for r in c.renderings],
        "count": c.count,
        "score": c.score,
    }
