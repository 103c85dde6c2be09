"""Session 19: a Latin name and Chinese words seen once, written in English as one noun compound
in the Chinese order, is a term (Pod 安全标准 "Pod security standards", API 对象 "API objects");
a free combination of the same name, rendered around a preposition or a verb, is none."""
from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from glossary.extract.zh import Segmenter
from tm.models import TranslationUnit

UNITS = [
    ("Box 是一个小程序。", "A Box is a small program."),
    ("每个 Box 都有一个地址。", "Each Box has an address."),
    ("Box 安全标准也使用这个字段。", "The Box security standards also use this field."),
    ("Box 生命周期很短。", "The lifecycle of a Box is short."),
    ("kubelet 管理容器。", "The kubelet manages containers."),
    ("节点上的 kubelet 运行容器。", "The kubelet on a node runs containers."),
]


def _found(min_score=DEFAULT_MIN_SCORE):
    units = [TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(UNITS)]
    return {c.zh.replace(" ", ""): c for c in extract(units, min_score=min_score)}


def test_a_name_and_words_seen_once_rendered_as_one_compound_is_a_term():
    found = _found()
    assert found["Box安全标准"].en == "Box security standards" and found["Box安全标准"].count == 1


def test_a_free_combination_or_a_verb_and_its_object_is_none():
    found = _found()
    assert "Box生命周期" not in found                  # "lifecycle of a Box"
    everything = _found(-99)
    assert not [zh for zh in everything if zh.startswith("kubelet") and zh != "kubelet"]   # 管理 | 容器


def test_what_one_compound_is():
    from glossary.extract.extractor import _one_compound

    seg = Segmenter()
    assert _one_compound("Pod 安全标准", "Pod security standards", 1.0, seg)
    assert _one_compound("镜像 Pod", "mirror Pod", 1.0, seg)
    assert not _one_compound("Pod 生命周期", "lifecycle of a Pod", 1.0, seg)      # reordered
    assert not _one_compound("DNS 标签规则", "rules for a DNS label", 1.0, seg)
    assert not _one_compound("Pod 安全标准", "Pod security standards", 0.5, seg)  # words unexplained
    assert not _one_compound("DNS 子域值", "DNS subdomain value", 1.0, seg)       # 子域 | 值: a bound character
    assert not _one_compound("安全标准", "security standards", 1.0, seg)          # no Latin name


def test_a_verb_of_the_chinese_words_is_no_compound_but_a_gerund_is():
    from glossary.extract.extractor import _one_compound

    seg = Segmenter()
    assert not _one_compound("Box 假设", "Box assumes", 1.0, seg)         # 假设 "to suppose/to presume/to assume"
    assert _one_compound("Box 联网", "Box networking", 1.0, seg)          # 联网 "to network": the activity named


def test_every_verb_of_a_gloss_is_read():
    """CC-CEDICT writes several verbs in one sense too, parted by ';' (联网 "to connect (or be
    connected) to a network; to network")."""
    from glossary.extract.extractor import _verb_senses
    from glossary.extract.lexicon import glossary_lexicon

    assert {"connect", "network"} <= _verb_senses("联网", glossary_lexicon())


def test_phrases_seen_once_do_not_take_the_name_away():
    """Each mention of Zeta sits in a phrase seen once; those phrases are no evidence that
    Zeta is only their part (one mention counted by several overlapping phrases)."""
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME

    texts = ["模块 Zeta 安全标准。", "了解 Zeta 拓扑约束。", "使用 Zeta 分布约束。"]
    found = corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word)
    assert "Zeta" in found and "Zeta安全标准" in found
