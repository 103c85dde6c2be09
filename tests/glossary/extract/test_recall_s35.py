"""Session 35: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by a general rule: a heading fixes its own extent, so the words
a reading of running prose takes for clause structure (a conjunction between two parts, a
framing verb) are the heading's own; and the figures of the session's own unseen document, a
fitness app's privacy policy (``bench/terms/extra/privacy-policy``), which no fix was tuned
on.  Sentences written for the tests (a water-supply code, a study's methods), none taken from
those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_short_heading_naming_two_parts_is_one_term():
    """A standard's 术语和定义 "Terms and definitions" and a study's 材料与方法 "Materials and
    methods" head their clause alone on the line after its number; the heading's noun test
    took the conjunction for clause structure and gave no heading cue, and the chunks split
    at it.  A short heading naming two parts of the document as one is the genre's fixed
    heading, as 范围 "Scope" is."""
    found = _listed([
        ("3　术语和定义", "3 Terms and definitions"),
        ("下列术语和定义适用于本规程。", "The following terms and definitions apply to this code."),
        ("3.1　管网", "3.1 pipe network"),
    ])
    assert found.get("术语和定义") == "Terms and definitions", found
    found = _listed([
        ("2 材料与方法", "2 Materials and methods"),
        ("本研究的材料与方法见下文。", "The materials and methods of this study are given below."),
        ("2.1 样品制备", "2.1 Sample preparation"),
    ])
    assert found.get("材料与方法") == "Materials and methods", found


def test_a_framing_verb_inside_a_heading_is_the_headings_word():
    """参与 "take part" frames a term in running prose (参与…建设) and costs a phrase holding
    it; in a clause heading (6　公众参与 "6 Public participation") the heading's line fixes the
    term's extent, as an acronym's brackets do, and the word is the term's own."""
    found = _listed([
        ("1　范围", "1 Scope"),
        ("本规程规定了城市供水管网改造工程的质量保障和公众参与要求。",
         "This code specifies the quality assurance and public participation requirements for the "
         "renovation of urban water supply networks."),
        ("6　公众参与", "6 Public participation"),
        ("公众参与应贯穿工程全过程。", "Public participation shall run through the whole project."),
    ])
    assert found.get("公众参与") == "Public participation", found


def test_a_long_coordinated_heading_describes_its_section():
    """A coordination of more than six characters (5.4　车辆插头和车辆插座 style) describes what
    its section covers: no heading term."""
    found = _listed([
        ("5.4　进水阀门和出水阀门", "5.4 Inlet valves and outlet valves"),
        ("进水阀门应能完全关闭。", "Inlet valves shall close fully."),
    ])
    assert "进水阀门和出水阀门" not in found, found


def test_a_compound_said_twice_whose_last_word_jieba_tags_a_verb_is_a_term():
    """jieba tags 回路 "circuit" and 开支 "expenditure" verbs; a compound said twice and rendered
    alike both times (信号回路 "signal circuit") counts as a unit only with a noun's shape, so it
    was never proposed.  A last word that CC-CEDICT lists with a sense that is no verb's is the
    compound's head noun, as a first word with such a sense is its modifier (伺服驱动器)."""
    found = _listed([
        ("检修前应断开信号回路的电源。", "Disconnect the power to the signal circuit before maintenance."),
        ("信号回路应设置剩余电流保护。", "The signal circuit shall have residual current protection."),
        ("配电箱应安装在干燥的地方。", "The distribution box shall be installed in a dry place."),
    ])
    assert found.get("信号回路") == "signal circuit", found
    found = _listed([
        ("本年度广告开支较上年增加。", "Advertising expenditure rose on the previous year."),
        ("公司将继续控制广告开支的增速。", "The company will keep containing the growth of advertising expenditure."),
        ("营业收入保持稳定。", "Revenue remained stable."),
    ])
    assert found.get("广告开支", "").lower() == "advertising expenditure", found


def test_a_verb_last_word_no_dictionary_lists_is_no_head_noun():
    """A last word CC-CEDICT does not list (外移 "move outward", jieba's verb) gives the compound no
    head noun: 滑块径向外移 "the slider moves radially outward" is a subject and its verb."""
    found = _listed([
        ("松开手柄后，滑块径向外移。", "When the handle is released, the slider moves radially outward."),
        ("滑块径向外移时，锁止解除。", "When the slider moves radially outward, the lock is released."),
    ])
    assert not any("外移" in zh for zh in found), found



def test_a_heading_is_its_lines_run_of_content_words():
    """The chunk reader trims a generic word from a run's ends (要求 "requirement" in prose: 满足…
    要求) and parts runs at a conjunction, so a clause heading 4　技术要求 "Technical requirements"
    or 3 结果与讨论 "Results and discussion" said once had the heading cue and no chunk, and stayed
    under the cut-off where a heading of other words (范围, 实验部分) has both.  A heading is its
    line's whole run of content words."""
    found = _listed([
        ("1　范围", "1 Scope"),
        ("本标准规定了家用电动洗碗机的性能和试验方法。",
         "This standard specifies the performance and test methods for household electric dishwashers."),
        ("4　技术要求", "4 Technical requirements"),
        ("洗碗机应符合GB 4706.25的规定。", "Dishwashers shall comply with GB 4706.25."),
    ])
    assert found.get("技术要求") == "Technical requirements", found
    found = _listed([
        ("3 结果与讨论", "3 Results and discussion"),
        ("退火温度升高后，薄膜的结晶度明显提高。",
         "The crystallinity of the films rose markedly at higher annealing temperatures."),
    ])
    assert found.get("结果与讨论") == "Results and discussion", found

# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/privacy-policy`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 35 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
PRIVACY_FLOORS = {
    # session 35 start (4c21a08) and terms10's end, the same: 56 candidates, recall 0.568 (25/44
    # T1), precision 0.625, rendering 1.000, report 0.250 (2/8 known cases), cover 0.714, 1.75
    # findings a known problem (neither fix met its text).  Merged with render10's rule (a
    # rendering spans no word that makes a clause): report 0.125, cover 0.738, 1.62 - 位置信息's
    # first mention is no longer "location once" but "location", its second "Location" (the
    # translation's "Location data"), so the two fold alike and its known case, found before only
    # through a mention with no rendering, is not reported (docs/extract.md, session 35)
    "recall": 0.568, "precision": 0.625, "rendering": 1.0, "report": 0.125, "coverage": 0.738,
}


@pytest.mark.slow
def test_the_privacy_policys_figures_hold():
    extra_document_holds("privacy-policy", PRIVACY_FLOORS, most_findings_per_problem=1.625)
