"""Session 35: a symbol of science written with one small Greek letter beside capitals (Kα,
NF-κB, Aβ, PPARγ) is no mixed-script word; a look-alike among a word's small letters or
among capitals still is."""

import pytest

from tm.text.lookalike import mixed_script_words


@pytest.mark.parametrize("text", ["Cu Kα radiation", "the NF-κB pathway", "Aβ plaques", "a PPARγ agonist",
                                  "（Cu Kα辐射）", "5 μm"])
def test_a_symbol_of_science_is_not_mixed(text):
    assert mixed_script_words(text) == []


@pytest.mark.parametrize("text, word", [("pаyment", "pаyment"), ("the ΑPI key", "ΑPI"), ("Kαl", "Kαl"),
                                        ("pаyment支付", "pаyment支付")])
def test_a_look_alike_still_is(text, word):
    [found] = mixed_script_words(text)
    assert text[found.start:found.end] == word
