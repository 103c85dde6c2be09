"""Session 38: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by general rules: a heading alone on its line that names a part
of the document with a verb at one end (附图说明, 入选标准：) is a term, and so is a name the text
defines by what it refers to (意外伤害：指…, 个人信息是指…), and a form's label takes the label the
translation keeps (闪点： "Flash point:"); and the figures of the session's own unseen document, a
city government's work report (``bench/terms/extra/gov-work-report``), which no fix was tuned
on.  Sentences written for the tests (a software product's test report, a study's screening
rules, a sales contract's definitions, a product's data), none taken from those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_heading_with_a_verb_at_one_end_names_a_part_of_the_document():
    """测试结果说明 and 纳入标准 stand alone on their lines, said once: a heading names the part
    of the document it opens, as a patent's 附图说明 "Brief Description of the Drawings" or a
    protocol's 入选标准： "Inclusion criteria:" do.  A verb of two characters at one end (说明
    "description", 纳入 "inclusion") kept them from the heading rule, which asked for a noun at
    both ends, and the run of content words alone (the chunk, 0.3) is under the cut-off.  A
    sentence (防范安全风险。, with its full stop) and a numbered heading of a plan's outline are no
    such heading, nor a series of actions (上传和下载)."""
    pairs = [
        ("测试结果说明", "Description of Test Results"),
        ("本报告记录了软件第三轮系统测试的过程。", "This report records the third round of system testing of the software."),
        ("纳入标准：", "Inclusion criteria:"),
        ("年龄在18岁至65岁之间，自愿签署知情同意书。", "Aged 18 to 65 years and willing to sign the consent form."),
        ("防范安全风险。", "Prevent security risks."),
    ]
    found = _listed(pairs)
    assert found.get("测试结果说明") == "Description of Test Results", found
    assert found.get("纳入标准") == "Inclusion criteria", found
    assert "防范安全风险" not in found, found


def test_a_name_the_text_defines_by_what_it_refers_to_is_a_term():
    """交付日 and 检验机构 are said once each, as the subject of a definition: 是指 (after 本合同所称…，)
    and a colon's 指, the wording of definitions in laws, standards, policies and contracts.  The
    text says it names a notion, as it does with （以下简称…）: the cue of a definition.  Before,
    检验机构 was a run of content words alone (the chunk, 0.3), under the cut-off, and 交付日 no
    candidate at all (the run 称交付日 held it).  指 with no colon starts words (指定 "designate",
    指导 "guide"): no definition."""
    found = _listed([
        ("本合同所称交付日，是指买方签收货物之日。", "In this Contract, the delivery date means the day on which the Buyer signs for the goods."),
        ("检验机构：指买方指定的第三方检验公司。", "Inspection body means the third-party inspection company the Buyer designates."),
        ("买方应在医师指导下安排人员验收。", "The Buyer shall arrange the acceptance under a physician's guidance."),
    ])
    assert found.get("交付日") == "delivery date", found
    assert found.get("检验机构") == "Inspection body", found
    assert not any(zh.endswith("医师") for zh in found), found


def test_a_forms_label_is_rendered_by_the_label_the_translation_keeps():
    """A form's fields each open their unit with a label before a colon (熔点：…, 适用人群：…), said
    once, and the translation keeps the form, one label for one (Melting point: …, Intended
    users: …).  No gloss renders 适用人群 "Intended users", and the unrendered label was under the
    cut-off; the English before the unit's first colon, when it is a heading's words, is its
    rendering, as a heading's is the unit's English after its number (``_whole_heading``).  A
    clause before a colon the translation does not keep as a label is no such rendering (经检查发现：
    "On inspection, the package was found intact.")."""
    found = _listed([
        ("熔点：83～85℃。", "Melting point: 83–85 °C."),
        ("适用人群：6岁以上儿童及成人。", "Intended users: children over 6 and adults."),
        ("外观：白色结晶性粉末。", "Appearance: white crystalline powder."),
        ("经检查发现：包装完好。", "On inspection, the package was found intact."),
    ])
    assert found.get("适用人群") == "Intended users", found
    assert "经检查发现" not in found, found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/gov-work-report`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 38 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
GOV_FLOORS = {
    # session 38 start (57df7a2) and end, the same (no fix met its terms: its headings are
    # numbered, its one definition that was a miss, 专精特新：指…, stays under the cut-off, and it
    # has no labelled fields): 77
    # candidates, recall 0.325 (37/114 T1), precision 0.532, rendering 0.973, report 0.500 (7/14
    # known cases), cover 0.824, 1.43 findings a known problem
    "recall": 0.325, "precision": 0.532, "rendering": 0.973, "report": 0.5, "coverage": 0.815,
    # (session 39, terms14: the cover floor at 0.815 — the quantity a clause states the value of
    # found 空气质量优良天数比率 (with 社会消费品零售总额 and 进出口总额: recall 0.351), rendered "days
    # with good or excellent air quality" where the translation writes "the share of days …")
}


@pytest.mark.slow
def test_the_government_work_reports_figures_hold():
    extra_document_holds("gov-work-report", GOV_FLOORS, most_findings_per_problem=1.43)


def test_a_definition_after_an_items_number_is_one():
    """A list of definitions numbered as a heading's items are (一、, （二）, 3.): the number is
    no part of the defined name.  Since session 39 the definition reads the same marks as a
    heading's number (``zh._NUMBER_MARK``); before, 一、 was no mark it knew, and the run
    一、交付日 held the name."""
    found = _listed([
        ("一、交付日是指买方签收货物之日。", "1. Delivery date means the day on which the Buyer signs for the goods."),
        ("（二）检验机构是指买方指定的第三方检验公司。", "(2) Inspection body means the third-party inspection company the Buyer designates."),
    ])
    assert found.get("交付日") == "Delivery date", found
    assert found.get("检验机构") == "Inspection body", found
