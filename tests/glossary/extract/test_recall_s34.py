"""Session 34: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by general rules: a heading alone on its line rendered by its
line, a heading's general word kept as the genre's name for a part of the document; and the
figures of the session's own unseen document, a household air purifier's user manual
(``bench/terms/extra/appliance-manual``), which no fix was tuned on.  Sentences written for
the tests (a rice cooker's manual, a dishwasher standard, a thesis), none taken from those
documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_heading_general_words_name_is_listed():
    """A standard's 范围 "Scope" and a thesis's 结论 "Conclusions" head their part alone on their
    line; the heading cue found them, and the discount of an everyday word (范围 is among the
    commonest nouns of jieba's counts) put them under the cut-off.  A heading's general word is
    the genre's own name for a part of the document, not a word of running prose."""
    found = _listed([
        ("1　范围", "1 Scope"),
        ("本标准规定了家用电动洗碗机的术语、技术要求和试验方法。",
         "This standard specifies the terms, technical requirements and test methods for household electric dishwashers."),
        ("本标准适用于额定电压不超过250V的洗碗机。", "This standard applies to dishwashers with a rated voltage not exceeding 250 V."),
    ])
    assert found.get("范围") == "Scope", found
    found = _listed([
        ("4 结论", "4 Conclusions"),
        ("本文采用溶胶凝胶法制备了二氧化钛薄膜。", "Titanium dioxide films were prepared by the sol-gel method."),
        ("退火温度升高后，薄膜的结晶度明显提高。", "The crystallinity of the films rose markedly at higher annealing temperatures."),
    ])
    assert found.get("结论") == "Conclusions", found


def test_a_heading_alone_on_its_line_is_rendered_by_its_line():
    """A manual's section heading after a Chinese ordinal (四、常见故障 "common faults") has its
    English line after the translation's own number (4. Troubleshooting), which no gloss of
    常见 and 故障 reads: the heading had no rendering and stayed under the cut-off.  A
    translation keeps a document's outline, one heading for one: the line's English after its
    number renders the heading that is its line's whole text."""
    found = _listed([
        ("电饭煲使用说明书", "Rice Cooker Instruction Manual"),
        ("一、安全须知", "1. Safety Instructions"),
        ("请勿将电饭煲放在靠近热源的地方。", "Do not place the rice cooker near a heat source."),
        ("二、部件名称", "2. Parts Identification"),
        ("内锅、外壳、蒸汽阀和控制面板。", "Inner pot, housing, steam valve and control panel."),
        ("三、使用方法", "3. Getting Started"),
        ("将内锅放入电饭煲，按下煮饭键。", "Put the inner pot into the cooker and press the Cook button."),
        ("四、常见故障", "4. Troubleshooting"),
        ("指示灯不亮时，请检查电源插头。", "If the indicator does not light, check the mains plug."),
        ("五、售后服务", "5. Customer Service"),
        ("本产品保修一年。", "This product carries a one-year warranty."),
    ])
    assert found.get("常见故障") == "Troubleshooting", found
    assert found.get("安全须知") == "Safety Instructions", found


@pytest.mark.parametrize("zh, en, rendered", [
    ("一、安全须知", "1. Safety Instructions", "Safety Instructions"),
    ("4.1 地下水环境影响预测", "4.1 Groundwater Impact Prediction", None),
    ("4.2 废气污染防治措施", "4.2 Air Pollution Control Measures", None),
])
def test_only_a_short_heading_is_rendered_by_its_line(zh, en, rendered):
    """A heading of more than six characters describes its section by the section's terms
    (地下水环境影响预测 "Groundwater Impact Prediction"), where a short one names a part of the
    document (安全须知): the line's English is no rendering of the long one.  (Found when the
    session's two helpers' work was merged: the environmental impact report, held out from
    terms9, had gained ten such headings as candidates, one of them gold.)"""
    from types import SimpleNamespace
    from glossary.extract.extractor import _whole_heading
    heading = zh.split(" ")[-1].split("、")[-1]
    found = {}
    _whole_heading(heading, [0], [SimpleNamespace(text=en)], [zh], found, ["u1"])
    assert list(found) == ([rendered] if rendered else [])


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/appliance-manual`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 34 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
APPLIANCE_FLOORS = {
    # session 34 start (b35457d): 48 candidates, recall 0.516 (32/62 T1), precision 0.729,
    # rendering 1.000, report 0.857 (6/7 known cases), cover 0.822, 3.00 findings a known problem;
    # session 34 end: 52, recall 0.581 (36/62), precision 0.750, cover 0.837.  Session 36
    # (prec11): a list number's full-width point is no part of a term, so 7．负离子功能 gives the
    # item's term 负离子功能 `[T1]` (recall 0.597) with the rendering "Ion button to turn" (the
    # translation's label is "Ionizer"): rendering 37 found, 36 right, 0.973; no rendering changed
    "recall": 0.597, "precision": 0.750, "rendering": 0.973, "report": 0.857, "coverage": 0.837,
}


@pytest.mark.slow
def test_the_appliance_manuals_figures_hold():
    # (3.00 on terms9's branch; 3.14, 22 findings, once render9's pairing and report changes,
    # which never saw this document, were merged with it: one finding more, the share unchanged)
    extra_document_holds("appliance-manual", APPLIANCE_FLOORS, most_findings_per_problem=3.14)
