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
