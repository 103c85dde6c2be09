"""zh.HEADS holds heads of the language, not of one document: each closes at least three
longer nouns of jieba's dictionary or three longer CC-CEDICT headwords (the rule written
beside the list). A word added because one document uses it (数据集, 生态城) fails here.
zh.FRAME and zh.GENERIC hold words of the language too: each is a word of jieba's dictionary
or a CC-CEDICT verb ("to ..."), never a phrase made up for one text (现将, 应用于)."""

from pathlib import Path

import jieba

from glossary.extract.zh import FRAME, GENERIC, HEADS
from tm import load_lexicon


def _jieba_words():
    path = Path(jieba.__file__).parent / "dict.txt"
    with open(path, encoding="utf-8") as f:
        return [(w, tag) for w, _freq, tag in (line.split() for line in f)]


def _jieba_nouns():
    return [w for w, tag in _jieba_words() if tag.startswith("n")]


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


def _unattested_words(words) -> list[str]:
    """Those of ``words`` that are neither a jieba dictionary word nor a CC-CEDICT verb."""
    dictionary = {w for w, _ in _jieba_words()}
    lexicon = load_lexicon()
    return sorted(w for w in words if w not in dictionary and
                  not any(sense.strip().startswith("to ") for sense in lexicon.gloss(w).split("/")))


def test_framing_and_generic_words_are_words_of_a_general_dictionary():
    assert _unattested_words(FRAME | GENERIC) == []


def test_the_word_rule_refuses_a_phrase_and_takes_a_new_verb():
    assert _unattested_words(["现将", "应用于", "不少于"]) == ["不少于", "应用于", "现将"]
    assert _unattested_words(["赋能", "推动"]) == []    # CC-CEDICT: 赋能 "to empower" (c. 2019)


def _not_words(endings) -> list[str]:
    """Those of ``endings`` that are neither a noun of jieba's dictionary nor a CC-CEDICT headword."""
    nouns = set(_jieba_nouns())
    headwords = set(load_lexicon().headwords())
    return sorted(e for e in endings if e not in nouns and e not in headwords)


def test_kind_endings_are_words_of_a_general_dictionary():
    from glossary.extract.extractor import COMMON_NOUN_ENDINGS, KIND_ENDINGS
    assert _not_words([e for _kind, endings in KIND_ENDINGS for e in endings]) == []
    assert _not_words(COMMON_NOUN_ENDINGS) == []


def test_the_ending_rule_refuses_names_made_for_one_document():
    assert _not_words(["先导区", "先行区", "生态城", "示范区", "博览会"]) == ["先导区", "先行区", "生态城"]
