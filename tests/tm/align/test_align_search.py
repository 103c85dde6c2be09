"""The vectorised DP of tm.align.search against a one-cell-at-a-time reference.

The reference scores every bead with :meth:`Scorer.parts` (the scalar
definition of a bead's score) and picks the first best shape, as the aligner
did before its rows were scored with numpy; both must find the same path.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tm.align.model import NEG, SENTENCE_MODEL, Evidence, Scorer, initial_model
from tm.align.search import dp
from tm.align.features import en_sentence, name_keys, zh_sentence
from tm.text.cedict import load_lexicon
from tm.text.segment import segment_en, segment_zh

from conftest import PLAN_EN, PLAN_ZH, SHARED

MACDEV = SHARED / "bench" / "align" / "data" / "mac-dev"


def reference_dp(scorer, lo, hi, shapes):
    rows = len(lo) - 1
    for r in range(rows):
        scorer.row(r, lo[max(0, r - 2)], hi[min(rows, r + 3)])
    score, back = [], []
    for r in range(rows + 1):
        row, ptr = [], []
        for j in range(lo[r], hi[r] + 1):
            if r == 0 and j == lo[0]:
                row.append(0.0)
                ptr.append(0)
                continue
            best, arg = NEG, 0
            for s, (a, b, logp) in enumerate(shapes):
                pr, pj = r - a, j - b
                if pr < 0 or pj < lo[pr] or pj > hi[pr]:
                    continue
                prev = score[pr][pj - lo[pr]] if a else row[pj - lo[r]]
                if prev <= NEG:
                    continue
                total = prev + logp
                if a and b:
                    lex, length = scorer.parts(r - a, r, pj, j)
                    total += lex + length
                    if scorer.structured:
                        total -= scorer.structure(r - a, r, pj, j)
                if total > best:
                    best, arg = total, s
            row.append(best)
            ptr.append(arg)
        score.append(row)
        back.append(ptr)
    path, r, j = [], rows, hi[rows]
    while r > 0 or j > lo[0]:
        a, b, _ = shapes[back[r][j - lo[r]]]
        path.append((r - a, r, j - b, j))
        r, j = r - a, j - b
    return [bead for bead in reversed(path)]


def sentence_features(zh, en):
    lexicon = load_lexicon()
    names = {}
    for s in en:
        names.update(name_keys(s))
    zh_feats = [zh_sentence(s, lexicon, names) for s in zh]
    found = frozenset(uid[3:] for f in zh_feats for uid, _ in f.units if uid.startswith("py:"))
    return zh_feats, [en_sentence(s, found) for s in en]


def features(zh, en):
    return Evidence(*sentence_features(zh, en))


def documents():
    yield "plan", [s.text for s in segment_zh(PLAN_ZH.read_text(encoding="utf-8"))], \
        [s.text for s in segment_en(PLAN_EN.read_text(encoding="utf-8"))], True
    if MACDEV.is_dir():
        name = sorted(p.name for p in (MACDEV / "zh").iterdir())[0]
        yield name, (MACDEV / "zh" / name).read_text(encoding="utf-8").splitlines()[:120], \
            (MACDEV / "en" / name).read_text(encoding="utf-8").splitlines()[:150], False


def single_steps(path):
    """The reference's path with unaligned runs split into one bead per sentence."""
    out = []
    for i0, i1, j0, j1 in path:
        if i1 > i0 and j1 > j0:
            out.append((i0, i1, j0, j1))
        else:
            out.extend((k, k + 1, j0, j0) for k in range(i0, i1))
            out.extend((i1, i1, k, k + 1) for k in range(j0, j1))
    return out


@pytest.mark.parametrize("learned", [False, True])
@pytest.mark.parametrize("banded", [False, True])
def test_vectorised_dp_equals_reference(banded, learned):
    """Both with the hand-set model and with the learned sentence model (length weight,
    quotation penalty, learned priors)."""
    for name, zh, en, paragraphs in documents():
        ev = features(zh, en)
        model = initial_model(ev)
        if learned:
            assert SENTENCE_MODEL["quote_penalty"] and SENTENCE_MODEL["length_weight"] != 1.0
            model = replace(model, **SENTENCE_MODEL)
        shapes = model.shapes(3)
        n, m = ev.n, ev.m
        if banded:  # a diagonal band, narrow enough that its edges matter
            lo = [max(0, min(int(i * m / n) - 6, m)) for i in range(n + 1)]
            hi = [min(m, int(i * m / n) + 7) for i in range(n + 1)]
            lo[0], hi[n] = 0, m
            for i in range(n):
                lo[i + 1] = min(lo[i + 1], hi[i] + 3)
        else:
            lo, hi = [0] * (n + 1), [m] * (n + 1)
        par = list(range(n)) if paragraphs else None
        fast = dp(Scorer(ev, model, par, list(range(m)) if paragraphs else None), lo, hi, shapes)
        slow = reference_dp(Scorer(ev, model, par, list(range(m)) if paragraphs else None), lo, hi, shapes)
        assert fast, name
        assert fast == single_steps(slow), name


def reference_row(ev, i, lo, hi):
    """Scorer.row one English sentence at a time with Python sets (its first version)."""
    pz, pe, pd, ps = ([0.0] for _ in range(4))
    sz = se = sd = ss = 0.0
    units, index = ev.zh_units[i], ev.zh_index[i]
    both = index & ev.zh_index[i + 1] if i + 1 < ev.n else frozenset()
    prev = set()
    for j in range(lo, hi):
        en_set = ev.en_sets[j]
        me = sum(w for k, w in ev.en_keys[j] if k in index)
        hit = {u for u, (_, keys) in enumerate(units) if not keys.isdisjoint(en_set)}
        sz += sum(units[u][0] for u in sorted(hit))
        se += me
        ss += sum(w for k, w in ev.en_keys[j] if k in both)
        sd += sum(units[u][0] for u in sorted(hit & prev))
        prev = hit
        for out, value in ((pz, sz), (pe, se), (pd, sd), (ps, ss)):
            out.append(value)
    return pz, pe, pd, ps


def test_row_equals_reference():
    """The numpy row (integer key ids, every English sentence at once) against Python
    sets, on sentences and on the coarse alignment's blocks of sentences."""
    from tm.align.search import block_features

    checked = 0
    for name, zh, en, _ in documents():
        zh_feats, en_feats = sentence_features(zh, en)
        for evidence in (Evidence(zh_feats, en_feats), Evidence(*block_features(zh_feats, en_feats, 3, 4))):
            scorer = Scorer(evidence, initial_model(evidence), None, None)
            for i in range(evidence.n):
                for lo, hi in ((0, evidence.m), (max(0, min(i, evidence.m) - 5), min(evidence.m, i + 9)),
                               (min(i, evidence.m),) * 2):
                    scorer.row(i, lo, hi)
                    start, *fast = scorer.rows.pop(i)
                    assert start == lo
                    for got, want in zip(fast, reference_row(evidence, i, lo, hi)):
                        assert got.tolist() == pytest.approx(want, rel=1e-12, abs=1e-12), (name, i, lo, hi)
                    checked += 1
    assert checked > 500        # the plan alone gives 537 (mac-dev, when beside the clone, more)


def test_quotation_closing_flags():
    from tm.align.features import en_closes_quote, zh_closes_quote

    assert zh_closes_quote("他笑道：“你来了！”") and zh_closes_quote("「好。」 ")
    assert not zh_closes_quote("他笑道：“你来了！明天再说。") and not zh_closes_quote("他来了。")
    assert en_closes_quote("'Are you coming?'") and en_closes_quote('"Never!"')
    assert en_closes_quote("He said, “Tomorrow.”")
    assert not en_closes_quote("'Come in,' she said.") and not en_closes_quote("the workers'")


def test_quotation_penalty_scores_a_bead_whose_sides_disagree():
    zh = ["他笑道：“你来了！”", "我们去了天津。"]
    en = ["'You came!'", "We went to Tianjin."]
    ev = features(zh, en)
    assert list(ev.zq) == [True, False] and list(ev.eq) == [True, False]
    base = initial_model(ev)
    plain = Scorer(ev, replace(base, quote_penalty=0.0), None, None)
    quoted = Scorer(ev, replace(base, quote_penalty=2.5), None, None)
    for scorer in (plain, quoted):
        for i in range(ev.n):
            scorer.row(i, 0, ev.m)
    assert quoted.parts(0, 1, 0, 1) == plain.parts(0, 1, 0, 1)          # both sides close a quote
    assert quoted.parts(1, 2, 1, 2) == plain.parts(1, 2, 1, 2)          # neither does
    assert quoted.parts(0, 1, 1, 2)[0] == pytest.approx(plain.parts(0, 1, 1, 2)[0] - 2.5)
    assert quoted.parts(1, 2, 0, 1)[0] == pytest.approx(plain.parts(1, 2, 0, 1)[0] - 2.5)
