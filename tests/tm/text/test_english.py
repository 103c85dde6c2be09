"""tm.text.english.stem: the inflected forms of a text meet the base forms of a gloss."""

import pytest

from tm import stem


@pytest.mark.parametrize("forms", [
    ("add", "added", "adding", "adds"),          # "added" was "ad": the doubled d undone
    ("err", "erred", "erring"),
    ("run", "running"),
    ("stop", "stopped", "stopping", "stops"),
    ("plan", "planned", "planning"),
    ("call", "called", "calling"),
    ("misspell", "misspelled", "misspelling"),
])
def test_inflected_forms_meet_their_base(forms):
    assert len({stem(w) for w in forms}) == 1, [stem(w) for w in forms]


def test_the_characters_a_case_blind_pattern_reads_as_ascii_letters_are_the_four_may_hold_words_knows():
    import re
    import sys

    from tm.text import english
    found = {chr(c) for c in range(0x80, sys.maxunicode + 1) if re.fullmatch("[a-z]", chr(c), re.IGNORECASE)}
    assert found == set(english._FOLDS_TO_ASCII)


def test_a_text_passed_over_by_may_hold_words_gives_the_roman_numeral_pattern_nothing():
    """The English numbers read "Chapter IV", "Annexes II": their pattern is tried only where a
    word of it is in the text, and it must find nothing anywhere else."""
    import random

    from tm import may_hold_words
    from tm.text.numbers import _EN_ROMAN_RE, _NUMBERED
    pieces = ["Chapter", "chapter", "CHAPTERS", "Annex", "annexes", "subchapter", "Phase", "phases-",
              "ſection", "Tİer", "\u212aind", "II", "IV", "xii", "C", "the", "2", "é", "中", " ", "  ", "\n", "-"]
    rng = random.Random(3)
    seen = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "é", "."]) for _ in range(rng.randint(1, 8)))
        if _EN_ROMAN_RE.search(text):
            seen += 1
            assert may_hold_words(text, _NUMBERED), text
    assert seen > 100          # the texts do hold such numerals
    assert not may_hold_words("The plan supports research and development in 2025.", _NUMBERED)


@pytest.mark.parametrize("british, american", [
    ("aluminium", "aluminum"), ("sulphuric", "sulfuric"), ("optimisation", "optimization"),
    ("organised", "organized"), ("analyse", "analyze"), ("centres", "centers"), ("centred", "centered"),
    ("litre", "liter"), ("fibre", "fiber"), ("colour", "color"), ("behaviours", "behaviors"),
    ("catalogue", "catalog"), ("programmes", "programs"), ("licence", "license"),
])
def test_a_british_spelling_meets_the_american_one(british, american):
    """CC-CEDICT's glosses are American (铝 "aluminum", 优化 "to optimize", 中心 "center"),
    translations of Chinese documents as often British: one key for both spellings."""
    assert stem(british) == stem(american)


@pytest.mark.parametrize("word, other", [
    ("four", "for"), ("hour", "hor"), ("called", "cal"), ("genre", "gener"),
])
def test_short_words_that_end_like_a_british_spelling_keep_their_key(word, other):
    """four is no -our of "for", genre no -re of "gener"."""
    assert stem(word) != stem(other)
