"""Session 14 (issue 10, the plan-side misses): a modifier an enumeration's items share,
written once before the first item; a rare one-character verb cut off the end of a word is
no clause word for a composition.  Sentences written for the tests."""

import pytest


@pytest.mark.parametrize("zh,en,item,modifier", [
    # the English writes the shared modifier once, after "of": distributed over the items
    ("推动工业机器人手臂、关节、控制器等研究。",
     "Promote research on the arms, joints and controllers of industrial robots.", "手臂", "工业机器人"),
    # a shared head, no "of": the first item stays whole
    ("推动医疗数据采集、处理、管理。", "Promote medical data collection, processing and management.", None, None),
])
def test_a_modifier_the_items_share_is_cut_off_the_first_item(zh, en, item, modifier):
    from glossary.extract.extractor import _shared_modifier
    from glossary.extract.lexicon import glossary_lexicon
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    found = occurrences(zh, seg)
    after = _shared_modifier(found, zh, en, seg, glossary_lexicon())
    items = {o.term for o in after if o.enum and o.enum[1] == 0}
    if item is None:
        assert after == found
    else:
        assert items == {item}
        assert any(o.term == modifier and "enumeration" in o.cues and not o.enum for o in after)


def test_a_rare_one_character_verb_after_a_word_is_no_clause_word():
    from glossary.extract.extractor import _composition
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    # jieba: 智能网 | 联 (v) | 产业 | 集群; 联 is the last character of the term 智能网联
    assert _composition("智能网联产业集群", {"智能网联", "产业集群"}, seg)
    # a one-character verb of grammatical frequency still makes a clause (空格 | 会 | 显示)
    assert not _composition("空格会显示", {"空格会", "显示"}, seg)
    # and a one-character verb first is a verb and its object (译 | 句 | 段 | 文本, whatever
    # mis-cut candidates it is made of)
    assert _composition("译句段文本", {"译句段", "文本"})
    assert not _composition("译句段文本", {"译句段", "文本"}, seg)


@pytest.mark.parametrize("phrase,kept", [
    ("研发验证", "研发验证"),        # a generic activity before a lone verb: one nominalised compound
    ("推动研发验证", "研发验证"),    # a framing verb before it still goes
    ("保存项目", "保存"),            # a verb and a generic word after it: its object, trimmed
])
def test_a_generic_activity_before_a_lone_verb_stays(phrase, kept):
    from glossary.extract.zh import Segmenter, _text, _trim

    assert _text(_trim(Segmenter().words(phrase))) == kept


def test_an_enumeration_item_of_a_generic_activity_and_a_verb_is_whole():
    from glossary.extract.zh import Segmenter, occurrences

    found = {o.term for o in occurrences("加快推进研发验证、标准制定、产业集聚。", Segmenter())}
    assert "研发验证" in found and "验证" not in found
