"""The word aligner learns translation pairs from a memory written here, with EM, and its
phrases follow the alignment (glossary.extract.wordalign)."""

import itertools

from tm import Lexicon

from glossary.extract.wordalign import symmetrise, train

ANIMALS = [("猫", "cat"), ("狗", "dog"), ("鸟", "bird"), ("马", "horse")]
VERBS = [("看见", "sees"), ("喜欢", "likes"), ("追赶", "chases")]
THINGS = [("球", "ball"), ("树", "tree"), ("门", "door"), ("车", "car")]


def _memory():
    """Every animal-verb-thing sentence; the English word order is reversed, so the
    diagonal alone links each animal with the thing's word, never its own."""
    return [(f"{a} {v} {t}", f"{te} {ve} {ae}")
            for (a, ae), (v, ve), (t, te) in itertools.product(ANIMALS, VERBS, THINGS)]


def _words(text):
    out, pos = [], 0
    for w in text.split(" "):
        out.append((pos, pos + len(w)))
        pos += len(w) + 1
    return out


def _phrases(aligned, memory, first_char):
    """The English phrase of the first word of every unit (None where there is none)."""
    out = []
    for u in range(len(memory)):
        phrase = aligned.phrase(u, first_char, first_char + 1)
        out.append(phrase.text if phrase else None)
    return out


def test_em_learns_each_word_from_the_memory():
    memory = _memory()
    learnt = train(memory, lexicon=Lexicon({}), zh_tokens=_words, iterations=5, diagonal=1.0)
    assert _phrases(learnt, memory, 0) == [en.split()[2] for _, en in memory]          # 猫 -> cat in every unit
    verbs = [learnt.phrase(u, 2, 4).text for u in range(len(memory))]
    assert verbs == [en.split()[1] for _, en in memory]
    # without EM (no iteration) the same model links by position only: the test sees EM
    untrained = train(memory, lexicon=Lexicon({}), zh_tokens=_words, iterations=0, diagonal=1.0)
    assert sum(a == en.split()[2] for a, (_, en) in zip(_phrases(untrained, memory, 0), memory)) == 0
    assert learnt.pairs == 9 * len(memory) and learnt.cpu_seconds >= 0


def test_dictionary_prior_pairs_a_word_seen_once():
    """电脑 occurs once, at the far end from "computer": the CC-CEDICT prior links it."""
    memory = [("电脑 坏了", "broken machine computer")] + _memory()
    with_prior = train(memory, lexicon=Lexicon({"电脑": "/computer/"}), zh_tokens=_words, diagonal=1.0)
    assert (0, 2) in with_prior.links(0)                      # 电脑 - computer
    without = train(memory, lexicon=Lexicon({}), zh_tokens=_words, diagonal=1.0)
    assert (0, 2) not in without.links(0)


def test_phrase_is_consistent_and_omission_is_none():
    """了 ends every other sentence and has no English: it is left unlinked (an omission),
    not paired with a neighbouring word; a span of several words gives one phrase."""
    memory = [(zh + " 了", en) if k % 2 else (zh, en) for k, (zh, en) in enumerate(_memory())]
    aligned = train(memory, lexicon=Lexicon({}), zh_tokens=_words, diagonal=1.0)
    for u in range(1, len(memory), 2):
        zh, en = memory[u]
        assert aligned.phrase(u, len(zh) - 1, len(zh)) is None
        assert aligned.phrase(u, 0, 4).text == " ".join(en.split()[1:])      # 猫 看见: "sees cat"
        assert aligned.phrase(u, 0, len(zh)).text == en


def test_grow_diag_final_and():
    fwd = {(0, 0), (1, 1), (2, 1)}
    bwd = {(0, 0), (1, 1), (1, 2)}
    # the intersection is kept; union links next to it grow while one of their sides is free
    assert symmetrise(fwd, bwd) == {(0, 0), (1, 1), (2, 1), (1, 2)}
    # away from the intersection, final-and adds a union link only when both its sides are
    # free, final when either is
    assert symmetrise({(0, 0), (5, 5)}, {(0, 0), (5, 7)}) == {(0, 0), (5, 5)}
    assert symmetrise({(0, 0), (5, 5)}, {(0, 0), (5, 7)}, final_and=False) == {(0, 0), (5, 5), (5, 7)}
