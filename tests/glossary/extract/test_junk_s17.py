"""Session 17: candidates a terminologist deletes on sight, by their grammar (made-up sentences)."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, _predicate_part, extract
from glossary.extract.lexicon import modal_word
from glossary.extract.zh import Segmenter
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def test_modal_words_come_from_cc_cedict():
    """A word CC-CEDICT glosses as an English modal auxiliary, nothing more, is a modal;
    可 as the prefix "-able" (可重构 "reconfigurable") and a verb with content are not."""
    assert all(modal_word(w) for w in ("应当", "能够", "可能", "需要", "应该", "会"))
    assert not any(modal_word(w) for w in ("可", "翻译", "部署", "智能", "包含", "是否"))


def test_a_predicate_part_is_no_name():
    """A subject and its modal (报表 | 应当 "reports should"), a modal or 来 before a verb
    (会 | 显示 "will show", 来 | 配置 "to configure"), a verb and its directional complement
    (显示 | 出来), a copula at the end (目的 | 是) say how something holds.  A noun and a
    verbal noun (模糊匹配 "fuzzy match", 机器翻译), the prefix 可 (可重构), a word ending in
    时 that the dictionary lists (容器运行时 "container runtime") are names."""
    seg = Segmenter()
    for clause in ("报表应当", "插件能够", "会显示", "来配置", "显示出来", "目的是", "要导出"):
        assert _predicate_part(clause, seg), clause
    for name in ("模糊匹配", "机器翻译", "可重构", "容器运行时", "报表", "数据采集", "深度学习"):
        assert not _predicate_part(name, seg), name


def test_a_subject_and_its_modal_is_no_candidate():
    """报表应当 recurs as a unit (jieba: 报表 | 应当) and the statistics propose it; it is
    the subject of four different clauses and scores below the list; 报表 stays."""
    units = pairs(("报表应当包含日期。", "Reports should contain the date."),
                  ("月度报表应当按时生成。", "Monthly reports should be generated on time."),
                  ("每份报表应当有标题。", "Each report should have a title."),
                  ("年度报表应当存档。", "Annual reports should be archived."),
                  ("打开报表。", "Open the report."))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert found.get("报表应当") is None or found["报表应当"].score < DEFAULT_MIN_SCORE
