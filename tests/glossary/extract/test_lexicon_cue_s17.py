"""Session 17: a compound CC-CEDICT lists as one headword and jieba's dictionary cuts into its
parts (智能 | 体 "intelligent agent", 上下文 | 菜单 "context menu") is a lexicalised concept:
a candidate of its own (cue ``lexicon``) even when seen once inside a longer phrase, and, like
a bracketed acronym, its extent is fixed, so it does not yield to the longer phrase."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from glossary.extract.zh import Segmenter, occurrences
from tm import load_lexicon
from tm.models import TranslationUnit


def _lexicalised(text):
    return [o.term for o in occurrences(text, Segmenter()) if "lexicon" in o.cues]


def test_a_dictionary_compound_jieba_cuts_is_proposed():
    seg = Segmenter()
    assert [w.text for w in seg.words("每个智能体都有自己的目标。")][1:3] == ["智能", "体"]
    assert "智能体" in load_lexicon() and not seg.frequency("智能体")
    assert _lexicalised("每个智能体都有自己的目标。") == ["智能体"]
    assert _lexicalised("点击上下文菜单中的命令。") == ["上下文菜单"]
    assert _lexicalised("把回调函数传给下一个方法。") == ["回调函数"]


def test_a_dictionary_compound_whose_end_jieba_glued_to_the_next_word():
    # jieba took the wrong one of two words: 脑机 | 接口技术 holds 脑机接口 and 技术
    seg = Segmenter()
    assert [w.text for w in seg.words("研究团队展示了新的脑机接口技术。")][-3:-1] == ["脑机", "接口技术"]
    assert seg.frequency("技术") and seg.frequency("文件")
    assert _lexicalised("研究团队展示了新的脑机接口技术。") == ["脑机接口"]
    assert _lexicalised("请把纯文本文件导入项目。") == ["纯文本"]          # 纯 | 文本文件


def test_only_whole_words_of_content_ending_in_a_noun():
    assert _lexicalised("在北京人工智能大会上发言。") == []     # 北京 | 人工智能: no 北京人
    assert _lexicalised("找不到下一个文件。") == []             # 下 | 一个, 找 | 不到: no names
    assert _lexicalised("这个数字没有意义。") == []             # 没有 | 意义
    assert _lexicalised("系统会保存文件。") == []               # jieba's own words are jieba's to score


def _units(*pairs):
    return [TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(pairs)]


def test_seen_once_it_reaches_the_list():
    found = {c.zh: c for c in extract(_units(("平台为每个智能体分配一个任务。",
                                               "The platform assigns a task to each intelligent agent.")))}
    assert "智能体" in found and found["智能体"].en == "intelligent agent"
    assert found["智能体"].score >= DEFAULT_MIN_SCORE


def test_inside_a_longer_candidate_it_keeps_its_place():
    found = {c.zh: c for c in extract(_units((
        "支持虚拟智能体助手、智能客服系统、数字人平台推广应用。",
        "Support the promotion of virtual intelligent agent assistants, intelligent customer service "
        "systems and digital human platforms.")))}
    assert "虚拟智能体助手" in found                      # the longer phrase scores better ...
    assert "智能体" in found and found["智能体"].score >= DEFAULT_MIN_SCORE   # ... and takes nothing from it
