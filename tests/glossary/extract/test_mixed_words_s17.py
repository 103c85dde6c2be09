"""Session 17: a word of jieba's dictionary that mixes scripts (IP地址, SIM卡, C语言) is read by
the corpus statistics as its Latin token and its Chinese word, as the same phrase written with a
space (IP 地址) is: a mixed term is a sequence whether or not the text spaces it."""

from glossary.extract.stats import corpus_terms, english_word, tokens
from glossary.extract.zh import Segmenter


def test_a_mixed_dictionary_word_is_a_latin_token_and_a_chinese_word():
    seg = Segmenter()
    assert "IP地址" in [w.text for w in seg.words("请检查IP地址。")]     # one word of jieba's
    assert [(t.text, t.pos) for t in tokens("请检查IP地址。", seg)][-3:-1] == [("IP", "eng"), ("地址", "n")]


def test_spaced_or_not_the_same_sequence():
    texts = ["每台机器都有一个{}。", "{}由网络管理员分配。", "两台机器不能共用一个{}。"]
    for form in ("IP地址", "IP 地址"):
        found = corpus_terms([t.format(form) for t in texts], Segmenter(), english_vocabulary=english_word)
        assert "IP地址" in found and found["IP地址"].freq == 3, (form, sorted(found))
