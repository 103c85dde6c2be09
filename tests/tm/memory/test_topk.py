"""The storage-independent top-k core: exact against scoring everything, and it stops early."""

import random

import pytest

from tm.memory import fuzzy, topk


def brute(query, texts, lang, min_score, limit):
    qt = fuzzy.tokens(query, lang)
    scored = [(fuzzy.score(qt, fuzzy.tokens(t, lang)), i) for i, t in texts.items()]
    scored = sorted([p for p in scored if p[0] > 0 and p[0] + 1e-9 >= min_score], key=lambda p: (-p[0], p[1]))
    return scored[:limit]


def true_bound(q, t, lang):
    """The index's bound of a text: length and shared index tokens (query multiplicity)."""
    qt, tt = fuzzy.tokens(q, lang), fuzzy.tokens(t, lang)
    have = set(fuzzy.gram_ids(tt, lang))
    shared = sum(1 for g in fuzzy.gram_ids(qt, lang) if g in have)
    return topk.bound(len(qt), len(tt), shared, lang)


def corpus(rng, n, lang):
    words = "the of AI platform computing power industry data model new build support research".split()
    chars = "人工智能算力平台数据模型产业发展建设支持研究的和在第条"
    out = {}
    for i in range(1, n + 1):
        if lang == "en":
            out[i] = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        else:
            out[i] = "".join(rng.choice(chars) for _ in range(rng.randint(3, 14)))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("limit", [1, 3, 10, None])
def test_top_k_equals_scoring_everything(lang, limit):
    rng = random.Random(hash((lang, limit)) & 0xFFFF)
    texts = corpus(rng, 400, lang)
    for _ in range(30):
        q = rng.choice(list(texts.values()))
        min_score = rng.choice([40, 60, 75, 90])
        top = topk.TopK(topk.Query(fuzzy.tokens(q, lang), lang), lambda ids: [(i, texts[i]) for i in ids],
                        min_score=min_score, limit=limit)
        top.offer([(true_bound(q, t, lang), i) for i, t in texts.items()])
        assert top.best == brute(q, texts, lang, min_score, 10**9 if limit is None else limit)


def test_bounds_are_upper_bounds():
    rng = random.Random(3)
    for lang in ("zh", "en"):
        texts = corpus(rng, 300, lang)
        q = texts[1]
        qt = fuzzy.tokens(q, lang)
        for t in texts.values():
            assert fuzzy.score(qt, fuzzy.tokens(t, lang)) <= true_bound(q, t, lang) + 1e-9


def test_stops_once_the_kth_best_beats_the_next_bound():
    texts = {i: "支持算力技术攻关和平台建设" if i <= 3 else "推动人工智能产业集聚发展" for i in range(1, 2001)}
    q = "支持算力技术攻关和平台建设"
    seen = []

    def fetch(ids):
        seen.extend(ids)
        return [(i, texts[i]) for i in ids]

    top = topk.TopK(topk.Query(fuzzy.tokens(q, "zh"), "zh"), fetch, min_score=30, limit=3)
    top.offer([(100.0 if i <= 3 else 80.0, i) for i in texts])
    assert top.best == [(100.0, 1), (100.0, 2), (100.0, 3)]
    assert len(seen) < 100   # the 1,997 others (bound 80 < 100) were never fetched


def test_english_words_scored_as_characters():
    q = topk.Query(fuzzy.tokens("Build the new AI platform", "en"), "en")
    # a word the query lacks never equals a query word, however many such words there are
    assert topk.score_texts(q, ["build an old AI platform", "build the new AI platform"], 0) == \
        [(1, 100.0), (0, pytest.approx(60.0))]


def test_bound_table_is_bound_everywhere():
    for lang in ("zh", "en"):
        for n in (1, 2, 3, 7, 30, 61):
            lengths = range(1, 2 * n + 3)
            table = topk.bound_table(n, lengths, n + 2, lang)
            assert table.tolist() == [[topk.bound(n, m, x, lang) for x in range(n + 3)] for m in lengths]
