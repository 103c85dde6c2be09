"""Word alignment learnt over the whole memory, and the English phrase of a Chinese span.

:func:`train` learns lexical translation probabilities from every unit of the
memory with IBM Model 1 (Brown et al. 1993) plus the diagonal preference of
fast_align (Dyer, Chahuneau & Smith 2013: a link (i, j) is weighted by
``exp(-diagonal * |i/m - j/n|)``, a fixed ``null`` probability goes to the empty
word), by expectation-maximisation in both directions (Chinese generating
English and English generating Chinese).  CC-CEDICT (``tm.text.cedict``, a
general source) is the prior: a pair the dictionary supports starts with more
weight and receives ``prior`` pseudo-counts in every iteration (a Dirichlet
prior), so a word seen once in the memory still meets its gloss.

The two Viterbi alignments are symmetrised by grow-diag-final(-and) (Koehn,
Och & Marcu 2003).  :meth:`WordAlignment.phrase` then extracts the English
phrase consistent with the alignment for a Chinese character span (Och & Ney
2004; Koehn 2010, §5.2.3): the smallest English span covering every English
word linked to the span's tokens, with no word inside it linked outside the
span.  A span with no link is an omission in that unit (``None``), never a
pairing forced on a neighbouring word; an inconsistent span is ``None`` too.

Tokens: Chinese words from ``zh_tokens`` (the extractor passes jieba's words;
the default is CC-CEDICT maximum matching), Latin runs in the Chinese as
words; English words compared by ``tm.stem``.  Everything is numpy arrays over
the (Chinese token, English token) pairs of every unit: an iteration is a few
``bincount`` passes, no Python loop over pairs.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from tm import HAN, STOP_WORDS, both, stem, two_cores

from glossary.extract.en import WORD as _EN_WORD

DEFAULT_ITERATIONS = 5
DEFAULT_NULL = 0.08        # fast_align's p0
DEFAULT_DIAGONAL = 2.0     # fast_align uses 4 for related European languages; zh-en reorders more
DEFAULT_PRIOR = 1.0        # CC-CEDICT pseudo-counts per iteration
PARALLEL_PAIRS = 1_000_000   # from this many token pairs the two directions are trained on two cores
MAX_PAIRS = 20_000         # a unit with more token pairs than this (two 140-word sides) is not aligned

_ZH_RUN = re.compile(f"[{HAN}]+|[A-Za-z0-9]+(?:[\\-.+][A-Za-z0-9]+)*")
_HAN_RE = re.compile(f"[{HAN}]")
_ZH_WORD = re.compile(f"[{HAN}A-Za-z0-9]")
_CLAUSE_BREAK = re.compile(r"[,;:!?]|\.\s")
_ZH_BREAK = re.compile(r"[、，,；;：:！!？?。]")
# words a rendering does not start or end with (a phrase linked to them is trimmed)
EDGE_WORDS = frozenset(STOP_WORDS) | frozenset(
    "and or of in on at to for by with from as into than the a an its their his her our your this that these "
    "those be is are was were been shall will should can may must which who whose".split())


@dataclass(frozen=True)
class Phrase:
    """The English phrase a Chinese span is aligned with in one unit."""

    start: int        # character offsets in the unit's English
    end: int
    text: str
    linked: float     # share of the span's Chinese tokens that have a link
    sure: tuple[tuple[int, int], ...] = ()   # English words both directions link to the span
    elsewhere: tuple[tuple[int, int], ...] = ()   # English words both directions link outside it


@dataclass
class WordAlignment:
    """Symmetrised word alignments of every unit, and how they were learnt."""

    zh_spans: list[list[tuple[int, int]]]      # per unit: Chinese token character spans
    en_spans: list[list[tuple[int, int]]]      # per unit: English word character spans
    en_texts: list[str]
    zh_texts: list[str]
    iterations: int
    cpu_seconds: float
    pairs: int                                 # token pairs EM ran over
    skipped: int                               # units too long to align
    _rows: np.ndarray = field(repr=False, default=None)      # per unit: first row, or -1
    _fwd: np.ndarray = field(repr=False, default=None)       # row is zh->en Viterbi link
    _bwd: np.ndarray = field(repr=False, default=None)       # row is en->zh Viterbi link
    grow: str = "grow-diag-final-and"
    _links: dict = field(repr=False, default_factory=dict)

    def links(self, unit: int) -> set[tuple[int, int]]:
        """(Chinese token, English word) links of ``unit`` after symmetrisation."""
        return self._both(unit)[0]

    def sure(self, unit: int) -> set[tuple[int, int]]:
        """The links of ``unit`` both directions agree on (the intersection)."""
        return self._both(unit)[1]

    def _both(self, unit: int) -> tuple[set, set]:
        cached = self._links.get(unit)
        if cached is not None:
            return cached
        start = int(self._rows[unit])
        m, n = len(self.zh_spans[unit]), len(self.en_spans[unit])
        if start < 0 or not m or not n:
            out: tuple[set, set] = (set(), set())
        else:
            k = np.arange(m * n)
            fwd = self._fwd[start:start + m * n]
            bwd = self._bwd[start:start + m * n]
            a = {(int(i), int(j)) for i, j in zip(k[fwd] % m, k[fwd] // m)}
            b = {(int(i), int(j)) for i, j in zip(k[bwd] % m, k[bwd] // m)}
            out = (symmetrise(a, b, final_and=self.grow.endswith("-and")), a & b)
        if len(self._links) > 50_000:
            self._links.clear()
        self._links[unit] = out
        return out

    def en_words(self, unit: int) -> list[str]:
        text = self.en_texts[unit]
        return [text[a:b] for a, b in self.en_spans[unit]]

    def phrase(self, unit: int, start: int, end: int) -> Phrase | None:
        """The English phrase consistent with the alignment for the Chinese characters
        ``start:end`` of ``unit`` (None: no link, an omission; or no consistent phrase)."""
        spans = self.zh_spans[unit]
        toks = [t for t, (a, b) in enumerate(spans) if start <= a and b <= end]
        if not toks:      # the span is inside one token (a word the segmenter did not cut)
            toks = [t for t, (a, b) in enumerate(spans) if a < end and b > start]
        if not toks:
            return None
        inside = set(toks)
        links = self.links(unit)
        en = sorted({j for i, j in links if i in inside})
        if not en:
            return None
        words = self.en_words(unit)
        while en and words[en[0]].lower() in EDGE_WORDS:    # "in", "their", "and" at an edge
            en.pop(0)
        while en and words[en[-1]].lower() in EDGE_WORDS:
            en.pop()
        if not en:
            return None
        lo, hi = en[0], en[-1]
        sure = self.sure(unit)
        if any(i not in inside and lo <= j <= hi for i, j in sure):
            return None
        a, b = self.en_spans[unit][lo][0], self.en_spans[unit][hi][1]
        text = self.en_texts[unit]
        if _CLAUSE_BREAK.search(text, a, b) and not _ZH_BREAK.search(self.zh_texts[unit], start, end):
            return None       # across a comma or a clause the Chinese span does not have
        linked = len({i for i, _ in links if i in inside}) / len(toks)
        # a bracket opened inside the phrase closes inside it: "units (GPUs)"
        if text.count("(", a, b) > text.count(")", a, b):
            close = text.find(")", b)
            if 0 <= close <= b + 2:
                b = close + 1
        spans = self.en_spans[unit]
        return Phrase(a, b, text[a:b], linked, tuple(sorted({spans[j] for i, j in sure if i in inside})),
                      tuple(sorted({spans[j] for i, j in sure if i not in inside})))


def symmetrise(a: set[tuple[int, int]], b: set[tuple[int, int]], *, final_and: bool = True) -> set[tuple[int, int]]:
    """grow-diag-final(-and) of two directional alignments (Koehn, Och & Marcu 2003)."""
    union = a | b
    links = a & b
    zh_done = {i for i, _ in links}
    en_done = {j for _, j in links}
    grown = True
    while grown:
        grown = False
        for i, j in sorted(links):
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    if not di and not dj:
                        continue
                    p = (i + di, j + dj)
                    if p in union and p not in links and (p[0] not in zh_done or p[1] not in en_done):
                        links.add(p)
                        zh_done.add(p[0])
                        en_done.add(p[1])
                        grown = True
    for p in sorted(union - links):
        free = (p[0] not in zh_done and p[1] not in en_done) if final_and else \
            (p[0] not in zh_done or p[1] not in en_done)
        if free:
            links.add(p)
            zh_done.add(p[0])
            en_done.add(p[1])
    return links


def default_zh_tokens(lexicon) -> Callable[[str], list[tuple[int, int]]]:
    """Chinese tokens by CC-CEDICT maximum matching; Latin and digit runs whole."""
    def tokens(text: str) -> list[tuple[int, int]]:
        out = []
        for m in _ZH_RUN.finditer(text):
            if _HAN_RE.match(m.group()):
                pos = m.start()
                for word in lexicon.segment(m.group()):
                    out.append((pos, pos + len(word)))
                    pos += len(word)
            else:
                out.append((m.start(), m.end()))
        return out
    return tokens


def _en_key(word: str, cache: dict) -> str:
    key = cache.get(word)
    if key is None:
        key = cache[word] = stem(word) or word.lower()
    return key


def train(pairs: Sequence[tuple[str, str]], *, lexicon=None,
          zh_tokens: Callable[[str], list[tuple[int, int]]] | None = None,
          iterations: int = DEFAULT_ITERATIONS, null: float = DEFAULT_NULL,
          diagonal: float = DEFAULT_DIAGONAL, prior: float = DEFAULT_PRIOR,
          grow: str = "grow-diag-final-and") -> WordAlignment:
    """Learn word alignments over ``pairs`` ((Chinese, English) texts, one per unit).

    ``lexicon`` is the CC-CEDICT :class:`tm.Lexicon` used as the prior (``None``:
    ``tm.load_lexicon()``); ``zh_tokens(text)`` gives the Chinese tokens' character
    spans (default: :func:`default_zh_tokens`).  ``iterations`` of EM per direction
    (default ``DEFAULT_ITERATIONS``), ``null`` the empty word's probability,
    ``diagonal`` the strength of the preference for links near the diagonal,
    ``prior`` the dictionary's pseudo-counts; ``grow`` is ``"grow-diag-final-and"``
    (default) or ``"grow-diag-final"``.
    """
    cpu0 = _cpu()
    if lexicon is None:
        from tm import load_lexicon
        lexicon = load_lexicon()
    tokenize = zh_tokens or default_zh_tokens(lexicon)
    zh_ids: dict[str, int] = {}
    en_ids: dict[str, int] = {}
    keys: dict[str, str] = {}
    zh_spans, en_spans, en_texts, zh_texts = [], [], [], []
    zh_flat: list[int] = []
    en_flat: list[int] = []
    for zh, en in pairs:
        zs = [(a, b) for a, b in tokenize(zh or "") if b > a and _ZH_WORD.search(zh, a, b)]
        es = [(m.start(), m.end()) for m in _EN_WORD.finditer(en or "") if m.group().lower() not in STOP_WORDS]
        zh_spans.append(zs)
        en_spans.append(es)
        en_texts.append(en or "")
        zh_texts.append(zh or "")
        for a, b in zs:
            w = zh[a:b]
            w = w if _HAN_RE.search(w) else w.lower()
            zh_flat.append(zh_ids.setdefault(w, len(zh_ids)))
        for a, b in es:
            en_flat.append(en_ids.setdefault(_en_key(en[a:b], keys), len(en_ids)))
    m = np.array([len(z) for z in zh_spans], dtype=np.int64)
    n = np.array([len(e) for e in en_spans], dtype=np.int64)
    zh_off = np.concatenate(([0], np.cumsum(m)[:-1])).astype(np.int64)
    en_off = np.concatenate(([0], np.cumsum(n)[:-1])).astype(np.int64)
    size = m * n
    keep = (size > 0) & (size <= MAX_PAIRS)
    skipped = int(np.count_nonzero(size > MAX_PAIRS))
    rows_of = np.where(keep, np.cumsum(np.where(keep, size, 0)) - np.where(keep, size, 0), -1)
    total = int(size[keep].sum())
    if total == 0:
        empty = np.zeros(0, dtype=bool)
        return WordAlignment(zh_spans, en_spans, en_texts, zh_texts, 0, round(_cpu() - cpu0, 2),
                             0, skipped, rows_of, empty, empty, grow)
    # Rows: every (Chinese token, English word) pair of every unit, English-major within a
    # unit.  A unit's positions and diagonal weights depend only on its shape (m, n).
    shapes: dict[tuple[int, int], tuple] = {}
    zg_parts, eg_parts, wf_parts, wb_parts = [], [], [], []
    for u in np.nonzero(keep)[0]:
        shape = (int(m[u]), int(n[u]))
        cached = shapes.get(shape)
        if cached is None:
            cached = shapes[shape] = _shape_rows(*shape, diagonal)
        i, j, wf, wb = cached
        zg_parts.append(i + zh_off[u])
        eg_parts.append(j + en_off[u])
        wf_parts.append(wf)
        wb_parts.append(wb)
    zg = np.concatenate(zg_parts).astype(np.int32)      # global token positions
    eg = np.concatenate(eg_parts).astype(np.int32)
    w_fwd = np.concatenate(wf_parts)
    w_bwd = np.concatenate(wb_parts)
    del zg_parts, eg_parts, wf_parts, wb_parts, shapes
    f_tok = np.array(zh_flat, dtype=np.int64)
    e_tok = np.array(en_flat, dtype=np.int64)
    n_en = max(len(en_ids), 1)
    pair_types, pt = np.unique(f_tok[zg] * n_en + e_tok[eg], return_inverse=True)
    pt = pt.astype(np.int32)
    f_of = pair_types // n_en
    e_of = pair_types % n_en
    dict_pairs = _dictionary_pairs(zh_ids, en_ids, lexicon, pair_types, n_en)
    fwd_args = (pt, w_fwd, eg, e_tok, f_of, len(zh_ids), dict_pairs, iterations, null, prior)
    bwd_args = (pt, w_bwd, zg, f_tok, e_of, len(en_ids), dict_pairs, iterations, null, prior)
    if total >= PARALLEL_PAIRS and two_cores():
        fwd, bwd = both(_direction, fwd_args, _direction, bwd_args)
    else:
        fwd, bwd = _direction(*fwd_args), _direction(*bwd_args)
    return WordAlignment(zh_spans, en_spans, en_texts, zh_texts, iterations, round(_cpu() - cpu0, 2),
                         total, skipped, rows_of, fwd, bwd, grow)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the forked direction)."""
    try:
        import resource
    except ImportError:       # not on POSIX
        return time.process_time()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _shape_rows(m: int, n: int, diagonal: float) -> tuple:
    """Chinese and English positions of an m x n unit's rows (English-major) and the
    diagonal weights normalised per English word (forward) and per Chinese token (backward)."""
    i = np.tile(np.arange(m, dtype=np.int64), n)
    j = np.repeat(np.arange(n, dtype=np.int64), m)
    w = np.exp(-diagonal * np.abs(i / m - j / n)).reshape(n, m)
    wf = (w / w.sum(axis=1, keepdims=True)).ravel().astype(np.float32)
    wb = (w / w.sum(axis=0, keepdims=True)).ravel().astype(np.float32)
    return i, j, wf, wb


def _direction(pt, w, group, tok_type, src_of, n_src, dict_pairs, iterations, null, prior) -> np.ndarray:
    """EM for one direction (t(target | source) over pair types, the source's empty word
    with probability ``null``), then each target token's Viterbi link: a boolean per row."""
    boost = 1.0 + 4.0 * dict_pairs
    t = boost / np.bincount(src_of, boost, minlength=n_src)[src_of]
    null_t = np.full(int(tok_type.max()) + 1, 1.0 / (int(tok_type.max()) + 1))
    pseudo = prior * dict_pairs
    for _ in range(iterations):
        t, null_t = _em_step(t, null_t, pt, w, group, tok_type, src_of, null, pseudo, n_src)
    return _viterbi(t[pt] * w * (1 - null), null * null_t[tok_type], group, len(tok_type))


def _em_step(t, null_t, pt, w, group, tok_type, src_of, null, pseudo, n_src):
    """One EM iteration of one direction: t(target | source) over pair types."""
    num = t[pt] * w * (1 - null)
    null_num = null * null_t[tok_type]
    denom = np.bincount(group, num, minlength=len(tok_type)) + null_num
    post = num / denom[group]
    counts = np.bincount(pt, post, minlength=len(t)) + pseudo
    total = np.bincount(src_of, counts, minlength=n_src)
    t = counts / np.maximum(total[src_of], 1e-300)
    null_counts = np.bincount(tok_type, null_num / denom, minlength=len(null_t))
    null_t = (null_counts + 1e-3) / (null_counts.sum() + 1e-3 * len(null_t))
    return t, null_t


def _viterbi(score, null_score, group, n_groups):
    """Rows that are the best link of their group (target token), where it beats the empty word."""
    best = np.full(n_groups, -1.0)
    _group_max(best, group, score)
    best = np.maximum(best, null_score)
    is_best = score >= best[group]
    is_best &= score > null_score[group]
    # ties: keep the first row of each group
    first = np.zeros(len(score), dtype=bool)
    idx = np.nonzero(is_best)[0]
    if len(idx):
        g = group[idx]
        order = np.lexsort((idx, g))
        keep = np.ones(len(order), dtype=bool)
        keep[1:] = g[order][1:] != g[order][:-1]
        first[idx[order][keep]] = True
    return first


def _group_max(best, group, score):
    order = np.argsort(group, kind="stable")
    g = group[order]
    starts = np.nonzero(np.r_[True, g[1:] != g[:-1]])[0]
    best[g[starts]] = np.maximum.reduceat(score[order], starts)


def _dictionary_pairs(zh_ids, en_ids, lexicon, pair_types, n_en) -> np.ndarray:
    """1.0 for each observed (Chinese, English) pair type CC-CEDICT supports (or the same
    Latin word on both sides), else 0.0."""
    from glossary.extract.lexicon import related

    by_prefix: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, eid in en_ids.items():
        by_prefix[key[:4]].append((key, eid))
    supported: list[int] = []
    for word, fid in zh_ids.items():
        if _HAN_RE.search(word):
            glosses = set(lexicon.keys(word))
            if not glosses and len(word) > 1:
                for piece in lexicon.segment(word):
                    glosses |= lexicon.keys(piece)
        else:
            glosses = {stem(word) or word}
        expanded = set()
        for g in glosses:
            expanded.add(g)
            if "-" in g:
                expanded.update(stem(p) for p in g.split("-") if len(p) > 1)
        for g in expanded:
            for key, eid in by_prefix.get(g[:4], ()):
                if key == g or (len(g) >= 4 and related(g, key)):
                    supported.append(fid * n_en + eid)
    out = np.zeros(len(pair_types))
    if supported:
        out[np.isin(pair_types, np.array(supported, dtype=np.int64))] = 1.0
    return out

