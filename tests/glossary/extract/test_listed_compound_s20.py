"""Session 20: a word jieba's dictionary lists as a noun, seen once and written by the translation
as one English noun compound whose words render its CC-CEDICT words in the Chinese order, is a
term (局部变量 "local variables"); one the English reorders, or one ending in a generic activity or
a verb, is none.  And a number at the front of a longer term's rendering is no word of its name,
so a phrase seen once at that term's front still yields to it."""
from glossary.extract.extractor import DEFAULT_MIN_SCORE, _front_modifiers, _one_compound, extract
from glossary.extract.zh import Segmenter
from glossary.models import Candidate, Rendering
from tm.models import TranslationUnit

UNITS = [
    ("函数使用局部变量。", "The function uses local variables."),
    ("学校开展学术研究。", "The school carries out academic research."),
    ("它用于资源共享。", "It is used for resource sharing."),
    ("这里说明数据结构。", "This explains the structure of the data."),
]


def _found(min_score=DEFAULT_MIN_SCORE):
    units = [TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(UNITS)]
    return {c.zh: c for c in extract(units, min_score=min_score)}


def test_a_listed_noun_seen_once_rendered_as_one_compound_is_a_term():
    found = _found()
    assert found["局部变量"].en == "local variables" and found["局部变量"].count == 1


def test_a_generic_activity_a_verb_or_a_reordering_is_none():
    found = _found()
    assert "学术研究" not in found          # 学术 | 研究: a generic activity last
    assert "资源共享" not in found          # 共享 "to share": CC-CEDICT gives it verb senses only
    assert "数据结构" not in found          # "the structure of the data": reordered


def test_what_a_listed_compound_is():
    seg = Segmenter()
    assert _one_compound("局部变量", "local variables", 1.0, seg)
    assert _one_compound("环境变量", "environment variables", 1.0, seg)
    assert not _one_compound("局部变量", "variables local", 1.0, seg)          # not the Chinese order
    assert not _one_compound("局部变量", "local function variables", 1.0, seg)  # a word renders no piece
    assert not _one_compound("局部变量", "local variables", 0.5, seg)         # words unexplained
    assert not _one_compound("核心技术", "core technologies", 1.0, seg)        # 核心 | 技术: generic
    assert not _one_compound("资源共享", "resource sharing", 1.0, seg)         # 共享 "to share"
    assert not _one_compound("安全标准", "security standards", 1.0, seg)       # no word of the dictionary


def test_a_number_before_a_longer_terms_rendering_is_no_word_of_its_name():
    def candidate(zh, en, score):
        return Candidate(zh=zh, pinyin="", renderings=[Rendering(en, 1, [0])], count=1, score=score)
    short = candidate("特色产业", "characteristic industry", 3.2)
    longer = candidate("特色产业聚集区", "4 characteristic industry clusters", 4.7)
    _front_modifiers([short, longer], {"特色产业"}, {"特色产业": ["特色产业聚集区"]})
    assert short.score < DEFAULT_MIN_SCORE and longer.score == 4.7
