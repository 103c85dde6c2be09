"""Session 8 (issue 10, recall): a subject and its verb cut off a phrase's object; closed
English compounds whose first half's key lost a final e.  Sentences written for the tests."""

import pytest


@pytest.mark.parametrize("zh,en,term", [
    # subject + verb + object, the English verb taking an object (a determiner after it)
    ("每个进程读取配置文件。", "Each process reads the configuration file.", "配置文件"),
    ("调度程序监控集群状态。", "The scheduler monitors the cluster state.", "集群状态"),
    # no verb with an object in the English: the phrase stays whole
    ("每个进程读取配置文件。", "Configuration file reading of each process.", None),
    # verbs as modifiers: "sharing and exchange platform" is no verb and its object
    ("建设数据资源统一共享交换平台。", "Build a unified sharing and exchange platform for data resources.", None),
])
def test_a_subject_and_its_verb_are_no_part_of_the_object(zh, en, term):
    from glossary.extract.extractor import _object_of_verb
    from glossary.extract.lexicon import glossary_lexicon
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    found = occurrences(zh, seg)
    cut = {o.term for o in (_object_of_verb(o, en, seg, glossary_lexicon()) for o in found)}
    if term is None:
        assert cut == {o.term for o in found}
    else:
        assert term in cut and not any(p.endswith(term) and p != term for p in cut)


@pytest.mark.parametrize("term,zh,en,rendering", [
    ("名字空间", "每个容器共享网络名字空间。", "Every container shares the network namespace.", "namespace"),
    ("文件系统", "容器共享文件系统。", "The containers share a filesystem.", "filesystem"),
])
def test_a_closed_compound_whose_first_half_lost_its_final_e(term, zh, en, rendering):
    """"name" is the key nam, so "namespace" reads nam + e + space: 名字 "name" + 空间
    "space" written as one word (as "subdomain" is 子 + 域)."""
    from glossary.extract.pairing import EnglishUnit, pair

    assert [s.text for s in pair(term, EnglishUnit(en), context=zh)] == [rendering]
