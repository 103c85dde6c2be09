"""zh.HEADS holds heads of the language, not of one document: each closes at least three
longer nouns of jieba's dictionary or three longer CC-CEDICT headwords (the rule written
beside the list). A word added because one document uses it (数据集, 生态城) fails here."""

from pathlib import Path

import jieba

from glossary.extract.zh import HEADS
from tm import load_lexicon


def _jieba_nouns():
    path = Path(jieba.__file__).parent / "dict.txt"
    with open(path, encoding="utf-8") as f:
        return [w for w, _freq, tag in (line.split() for line in f) if tag.startswith("n")]


def _closes(head: str, words) -> int:
    """How many longer words end in ``head``."""
    return sum(1 for w in words if len(w) > len(head) and w.endswith(head))


def test_every_head_closes_words_of_a_general_dictionary():
    nouns = _jieba_nouns()
    headwords = load_lexicon().headwords()
    assert len(nouns) > 100_000 and len(headwords) > 100_000
    unattested = []
    for head in HEADS:
        in_jieba, in_cedict = _closes(head, nouns), _closes(head, headwords)
        if in_jieba < 3 and in_cedict < 3:
            unattested.append((head, in_jieba, in_cedict))
    assert unattested == []


def test_the_rule_refuses_a_document_word():
    assert _closes("生态城", _jieba_nouns()) < 3
