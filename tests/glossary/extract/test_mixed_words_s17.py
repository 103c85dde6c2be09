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


def _shaped(text):
    from glossary.extract.zh import occurrences

    return {o.term for o in occurrences(text, Segmenter()) if o.cues & {"chunk", "enumeration", "head", "field"}}


def test_a_mixed_phrase_found_by_its_shape_starts_and_ends_in_a_noun():
    # written without spaces, a clause's verbs, numerals and localisers sit right against the name
    assert not any("Pod" in t for t in _shaped("进程会一直运行，直到Pod结束执行。"))     # 直到 … 结束执行
    assert not any("Pod" in t for t in _shaped("集群中有多个Pod正在运行。"))            # 多个
    assert not any("Pod" in t for t in _shaped("每个控制器管理Pod的副本。"))            # 管理: a verb and its object
    assert not any("Pod" in t for t in _shaped("Pod内的容器可以互相通信。"))            # 内: where
    # the same text with spaces gives no mixed phrase at all; names keep theirs
    assert not any("Pod" in t for t in _shaped("进程会一直运行，直到 Pod 结束执行。"))
    assert {"AI服务器", "AI数据库"} <= _shaped("推动AI服务器、AI数据库研发。")
    assert "AI安全工具" in _shaped("我们使用AI安全工具。")
