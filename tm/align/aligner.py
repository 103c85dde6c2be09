"""Sentence alignment of a Chinese document and its English translation.

Every candidate bead (0-3 sentences a side) gets a score that is a sum of
log-probability-like terms; dynamic programming finds the best monotone
sequence of beads inside a band (never a full N x M table for long texts):

1. **Evidence** (``tm.align.features``): each sentence becomes a bag of keys in one
   space: English content words (stemmed) against CC-CEDICT glosses of the
   Chinese words, numbers (万/亿 resolved), Latin acronyms, pinyin of names,
   list/heading numbers. Keys are IDF-weighted within each document.
2. **Lexical score**: the matched weight M of the bead's Chinese words and
   English keys out of their total W gives the log-likelihood ratio
   ``M·log(p1/p0) + (W-M)·log((1-p1)/(1-p0))`` of a "translation" model
   against a "random pair" model; the match rates come from the document
   pair and account for chance matches in larger beads, so shapes compete
   fairly. A number on one side only costs extra.
3. **Length score** (Gale & Church) with the document's own character ratio.
4. **Shape prior**; runs of unaligned sentences are cheaper than isolated
   ones, so material without a counterpart stays unaligned instead of being
   glued to a neighbour. With paragraph information, paragraphs are aligned
   first and sentences inside aligned paragraphs (``_paragraph_blocks``).
5. **Search** (``tm.align.search.search``): up to 150 sentences a side, the full table; up
   to 1,000, a band around a chain of anchor pairs (``tm.align.band.anchor_chain``); above,
   a band around a coarse alignment of blocks of 8 sentences, recursively
   (``tm.align.search.coarse_path``). Where the path touches the band, that stretch is
   re-aligned in a wider band. Long documents are split at a clear pair near
   the middle and the halves aligned in two processes (``tm.align.search._two_halves``).

Confidence: see :func:`tm.align.model.confidence`. The model's parameters:
:class:`tm.align.model.Model`. This module is the public API and the
orchestration; the model, the bands and the search are in ``tm.align.model``,
``tm.align.band`` and ``tm.align.search``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace

from tm.align.model import DEFAULT_PRIOR, Model  # noqa: F401  (public names, re-exported)
from tm.align.model import SENTENCE_MODEL, Evidence, Scorer, confidence, initial_model
from tm.align.search import PARALLEL_ABOVE, SearchParams, coarse_path, dp, search
from tm.align.features import en_sentence, name_keys, zh_sentence
from tm.align.semantic import Embedder, Semantic, embed_documents
from tm.errors import InputError
from tm.parallel import both
from tm.text.cedict import Lexicon, load_lexicon
from tm.models import Bead, Segment
from tm.text.segment import segment_en, segment_zh, split_lines
from tm.text.zh import is_cjk

def _groups(paragraphs: Sequence[int]) -> list[tuple[int, int]]:
    """Sentence ranges [start, end) of consecutive sentences sharing a paragraph number."""
    out: list[tuple[int, int]] = []
    for k, p in enumerate(paragraphs):
        if k and p == paragraphs[k - 1]:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def _paragraph_blocks(zh, en, zh_par, en_par, lexicon, max_bead, semantic=None):
    """Align paragraphs first (same model, paragraphs as units). Returns the
    sentence blocks (i0, i1, j0, j1) of the paragraph beads, or ``None`` when
    either side has fewer than two paragraphs."""
    zg, eg = _groups(zh_par), _groups(en_par)
    if len(zg) < 2 or len(eg) < 2:
        return None
    para_beads = align(["".join(zh[a:b]) for a, b in zg], [" ".join(en[a:b]) for a, b in eg],
                       lexicon=lexicon, max_bead=max_bead, learned=False,
                       semantic=None if semantic is None else semantic.blocks(zg, eg))
    blocks = []
    zi = ej = 0
    for bead in para_beads:
        zi1 = zg[bead.zh[-1]][1] if bead.zh else zi
        ej1 = eg[bead.en[-1]][1] if bead.en else ej
        blocks.append((zi, zi1, ej, ej1))
        zi, ej = zi1, ej1
    return blocks


def _within_blocks(scorer: Scorer, blocks, shapes):
    """Sentence path inside each paragraph block; unaligned paragraphs stay unaligned."""
    path = []
    for i0, i1, j0, j1 in blocks:
        if i0 == i1 or j0 == j1:
            path.extend((i, i + 1, j0, j0) for i in range(i0, i1))
            path.extend((i1, i1, j, j + 1) for j in range(j0, j1))
            continue
        rows = i1 - i0
        path.extend(dp(scorer, [j0] * rows + [j0], [j1] * (rows + 1), shapes, start=i0))
    return path


def _features(zh, lexicon, names):
    return [zh_sentence(s, lexicon, names) for s in zh]


def _zh_features(zh, lexicon, names, workers: int):
    """Features of the Chinese sentences; with 2 or more workers and a long
    document, those of the second half come from a forked child process."""
    if workers < 2 or len(zh) <= PARALLEL_ABOVE:
        return _features(zh, lexicon, names)
    half = len(zh) // 2
    second, first = both(_features, (zh[half:], lexicon, names), _features, (zh[:half], lexicon, names))
    return first + second


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    zh_paragraphs: Sequence[int] | None = None,
    en_paragraphs: Sequence[int] | None = None,
    lexicon: Lexicon | None = None,
    max_bead: int = 4,
    slack: int = 12,
    coarse_above: int = 1000,
    workers: int = 2,
    semantic: Semantic | None = None,
    learned: bool = True,
) -> list[Bead]:
    """Align two lists of sentences; return beads covering each sentence once, in order.

    ``zh_paragraphs``/``en_paragraphs`` give each sentence's paragraph number:
    with both, paragraphs are aligned first and sentences are aligned within
    the aligned paragraphs; beads crossing or straddling a paragraph
    boundary are penalised. ``lexicon`` defaults
    to :func:`tm.text.cedict.load_lexicon`. ``max_bead`` bounds the sentences on
    one side of a bead (1-4). ``slack`` is the initial half-width of the
    search band around the anchor path (widened automatically). Above
    ``coarse_above`` sentences, the band comes from a coarse alignment of
    blocks of sentences instead of anchors. ``workers``: with 2 or more and
    more than 4,000 sentences, the two halves of the path are computed in two
    processes (fork; serial where fork is unavailable). ``semantic``: sentence
    embeddings of both documents (:func:`tm.align.semantic.embed_documents`), an
    extra signal weighed with the lexical one; ``None`` aligns on lexical evidence alone.
    English sentences that read as Chinese (:func:`translated`: a paragraph left
    untranslated, the source copied into the translation) are no counterpart of
    anything: each is a 0-1 bead, and the others are aligned without them (so
    ``semantic`` holds the vectors of those others only).
    ``learned``: score beads of sentences with the parameters learned on sentence
    beads (:data:`tm.align.model.SENTENCE_MODEL`, or the embedding model's
    ``WEIGHTS``); ``False`` keeps the hand-set :class:`Model` (the units are
    paragraphs, which the learning never saw).
    """
    if not 1 <= max_bead <= 4:
        raise ValueError("max_bead must be 1, 2, 3 or 4")
    kept = translated(en)
    if len(kept) < len(en):
        if semantic is not None and len(semantic.en[0]) != len(kept):
            # vectors of runs of every English sentence (a caller that embedded them all):
            # runs across a sentence left out have no vector, so the lexical evidence alone
            semantic = None
        beads = align(zh, [en[j] for j in kept],
                      zh_paragraphs=zh_paragraphs,
                      en_paragraphs=None if en_paragraphs is None else [en_paragraphs[j] for j in kept],
                      lexicon=lexicon, max_bead=max_bead, slack=slack, coarse_above=coarse_above,
                      workers=workers, semantic=semantic, learned=learned)
        return _with_untranslated(beads, kept, len(en))
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    if lexicon is None:
        lexicon = load_lexicon()
    names: dict[str, str] = {}
    for s in en:
        names.update(name_keys(s))
    zh_feats = _zh_features(zh, lexicon, names, workers)
    found = frozenset(uid[3:] for f in zh_feats for uid, _ in f.units if uid.startswith("py:"))
    en_feats = [en_sentence(s, found) for s in en]
    coarse = None
    if max(n, m) > coarse_above and (zh_paragraphs is None or en_paragraphs is None):
        # before the sentence evidence exists: the peak memory holds one of the two
        coarse = coarse_path(zh_feats, en_feats, max_bead, workers)
    ev = Evidence(zh_feats, en_feats)
    model = initial_model(ev)
    if learned:
        model = replace(model, **SENTENCE_MODEL)
    if semantic is not None:   # for ``use``, a whole model learned with it (WEIGHTS)
        model = replace(model, **semantic.weights)
    blocks = None
    if zh_paragraphs is not None and en_paragraphs is not None:
        blocks = _paragraph_blocks(zh, en, zh_paragraphs, en_paragraphs, lexicon, max_bead, semantic)
    if blocks is not None:
        scorer = Scorer(ev, model, zh_paragraphs, en_paragraphs, semantic)
        path = _within_blocks(scorer, blocks, model.shapes(max_bead))
    else:
        params = SearchParams(max_bead=max_bead, slack=slack, coarse_above=coarse_above, workers=workers)
        path, scorer = search(ev, model, params, zh_feats=zh_feats, en_feats=en_feats,
                              zh_par=zh_paragraphs, en_par=en_paragraphs, coarse=coarse,
                              semantic=semantic)
    beads = []
    for k, (i0, i1, j0, j1) in enumerate(path):
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), confidence(scorer, path, k)))
    return _labels_with_their_text(beads, zh, en, max_bead)


#: A sentence that is nothing but an article's or a chapter's label (第一条 or Article 1 on a
#: line of its own, the text on the next).
_ZH_LABEL = re.compile(r"\s*第[0-9０-９一二三四五六七八九十百〇零两]{1,5}[条款章节编]\s*")
_EN_LABEL = re.compile(r"\s*(?:Article|Chapter|Section|Clause|Part)\s+(?:[0-9]{1,4}|[IVXLC]{1,7})\.?\s*",
                       re.IGNORECASE)


def _labels_with_their_text(beads: list[Bead], zh: Sequence[str], en: Sequence[str],
                            max_bead: int = 4) -> list[Bead]:
    """A label alone on its line (第一条, then the article's text on the next) that found no
    counterpart labels what follows it: it joins the next bead, when that bead has both
    sides (the paragraph-first alignment penalises a bead across the label's line break,
    and left 7 of a regulation's 20 labels unaligned, the English "Article 1 …" 1-1 with
    the text alone)."""
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        b = beads[k]
        nxt = beads[k + 1] if k + 1 < len(beads) else None
        lone_zh = len(b.zh) == 1 and not b.en and _ZH_LABEL.fullmatch(zh[b.zh[0]])
        lone_en = len(b.en) == 1 and not b.zh and _EN_LABEL.fullmatch(en[b.en[0]])
        if (lone_zh or lone_en) and nxt is not None and nxt.zh and nxt.en \
                and len(b.zh + nxt.zh) <= max_bead and len(b.en + nxt.en) <= max_bead:
            out.append(Bead(b.zh + nxt.zh, b.en + nxt.en, nxt.confidence))
            k += 2
            continue
        out.append(b)
        k += 1
    return out


# --- documents -----------------------------------------------------------------


@dataclass
class Alignment:
    """Two segmented documents and the beads that align them."""

    zh: list[Segment]
    en: list[Segment]
    beads: list[Bead]
    model: str | None = None                 # the embedding model that ran, or None (lexical)
    vectors: dict[str, bytes] | None = None  # its vectors of this pair's texts (for the cache)

    def mismatch(self) -> str | None:
        """Why the two documents may not be translations of each other, when fewer than
        half the sentences of either found a counterpart (a two-sided bead); else None.
        A 400-sentence document aligned with a 2-sentence one stored no unit, and
        nothing said why."""
        paired_zh = sum(len(b.zh) for b in self.beads if b.zh and b.en)
        paired_en = sum(len(b.en) for b in self.beads if b.zh and b.en)
        if 2 * paired_zh >= len(self.zh) and 2 * paired_en >= len(self.en):
            return None
        return (f"only {paired_zh} of {len(self.zh)} zh and {paired_en} of {len(self.en)} en "
                f"sentences have a counterpart: are the documents translations of each other "
                f"(the same version, nothing missing)?")

    def texts(self, bead: Bead) -> tuple[str, str]:
        """The bead's Chinese and English text: Chinese sentences joined without a
        space, English ones with one."""
        return ("".join(self.zh[i].text for i in bead.zh),
                " ".join(self.en[j].text for j in bead.en))


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters (ideographs and Latin letters) of ``text``."""
    cjk = latin = 0
    for ch in text:
        if is_cjk(ch):
            cjk += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    return cjk / (cjk + latin) if cjk + latin else 0.0


def translated(en: Sequence[str]) -> list[int]:
    """Indices of the English-side sentences that can be a translation: all but those
    that read as Chinese (more ideographs than Latin letters; a paragraph the translator
    left in Chinese). Paired with their source such a sentence made a unit with Chinese
    on both sides, which ``tm import`` refuses in a file ("both sides look Chinese")."""
    return [j for j, s in enumerate(en) if cjk_ratio(s) <= 0.5]


def _with_untranslated(beads: Sequence[Bead], kept: Sequence[int], m: int) -> list[Bead]:
    """``beads`` of the sentences ``kept`` (indices into them) as beads of all ``m``
    English sentences, each one left out a 0-1 bead before the first bead that holds a
    later English sentence."""
    out: list[Bead] = []
    left = sorted(set(range(m)) - set(kept))
    for b in beads:
        en = tuple(kept[j] for j in b.en)
        while left and en and left[0] < en[0]:
            out.append(Bead((), (left.pop(0),), 0.0))
        out.append(Bead(b.zh, en, b.confidence))
    out.extend(Bead((), (j,), 0.0) for j in left)
    return out


def check_languages(zh_text: str, en_text: str, *, zh_name: str | None = None,
                    en_name: str | None = None) -> None:
    """Raise :class:`InputError` for an empty document, the same language on both
    sides, or swapped languages. A side is Chinese when at least 30% of its
    letters are ideographs (English with a few Chinese names stays English).
    """
    zh_name = zh_name or "Chinese document"
    en_name = en_name or "English document"
    for text, name in ((zh_text, zh_name), (en_text, en_name)):
        if not text.strip():
            raise InputError("empty document", path=name)
        if not any(is_cjk(ch) or (ch.isascii() and ch.isalpha()) for ch in text):
            raise InputError("no Chinese or English text: only digits, punctuation or symbols", path=name)
    zh_is_zh = cjk_ratio(zh_text) >= 0.3
    en_is_zh = cjk_ratio(en_text) >= 0.3
    if not zh_is_zh and en_is_zh:
        raise InputError(f"languages are swapped: this is English and {en_name} is Chinese",
                         path=zh_name)
    if zh_is_zh and en_is_zh:
        raise InputError("expected English, found Chinese (same language on both sides)",
                         path=en_name)
    if not zh_is_zh:
        raise InputError("expected Chinese, found English (same language on both sides)",
                         path=zh_name)


def check_lengths(n_zh: int, n_en: int, *, zh_name: str | None = None, en_name: str | None = None,
                  max_bead: int = 4) -> None:
    """Raise :class:`InputError` when the sentence counts alone show that fewer than half
    the sentences of the longer document could find a counterpart: a bead pairs a
    sentence with at most ``max_bead`` of the other side, so at most ``max_bead`` times
    the shorter document's count can be paired. Such a pair would only ever get
    :meth:`Alignment.mismatch`'s warning, after embedding and aligning every sentence
    of the longer document (4 sentences against a 28,623-line file: 158 s CPU, 1.35 GB)."""
    zh_name = zh_name or "Chinese document"
    en_name = en_name or "English document"
    (small, small_name), (large, large_name) = sorted(((n_zh, zh_name), (n_en, en_name)),
                                                      key=lambda x: x[0])
    if 2 * max_bead * small < large:
        raise InputError(f"{large} sentences against {small} in {small_name}: a bead pairs a "
                         f"sentence with at most {max_bead} of the other side, so at most "
                         f"{max_bead * small} of the {large} could have a counterpart; are the "
                         f"documents translations of each other?", path=large_name)


def align_texts(
    zh_text: str,
    en_text: str,
    *,
    presegmented: bool = False,
    lexicon: Lexicon | None = None,
    glossary: Mapping[str, Sequence[str]] | None = None,
    zh_name: str | None = None,
    en_name: str | None = None,
    max_bead: int = 4,
    embedder: Embedder | None = None,
    embedding_cache: MutableMapping[str, bytes] | None = None,
) -> Alignment:
    """Check, segment and align two documents (:func:`check_languages`, then
    :func:`check_lengths` on the sentences, before any alignment work).

    ``presegmented``: one sentence per line, no re-splitting (and no paragraph
    information). ``glossary`` maps Chinese terms to English renderings and is
    used as extra lexicon entries. ``zh_name``/``en_name`` name the inputs in
    error messages. ``embedder`` (:class:`tm.align.semantic.Embedder`): a sentence
    embedding model whose cosines join the lexical evidence; ``embedding_cache``
    maps text keys to vectors already computed (read, and completed with the new
    ones); the result's ``vectors`` are those of this pair's texts.
    """
    check_languages(zh_text, en_text, zh_name=zh_name, en_name=en_name)
    if presegmented:
        zh_segs, en_segs = split_lines(zh_text), split_lines(en_text)
        zh_par = en_par = None
    else:
        zh_segs, en_segs = segment_zh(zh_text), segment_en(en_text)
        zh_par = [s.paragraph for s in zh_segs]
        en_par = [s.paragraph for s in en_segs]
    check_lengths(len(zh_segs), len(en_segs), zh_name=zh_name, en_name=en_name, max_bead=max_bead)
    if glossary:
        lexicon = (lexicon or load_lexicon()).copy()
        for term, renderings in glossary.items():
            lexicon.add(term, renderings)
    zh, en = [s.text for s in zh_segs], [s.text for s in en_segs]
    semantic = vectors = None
    if embedder is not None:
        vectors = {}
        semantic = embed_documents(embedder, zh, [en[j] for j in translated(en)],
                                   cache=embedding_cache, used=vectors)
    beads = align(zh, en, zh_paragraphs=zh_par, en_paragraphs=en_par, lexicon=lexicon,
                  max_bead=max_bead, semantic=semantic)
    return Alignment(zh_segs, en_segs, beads, embedder.name if embedder else None, vectors)
