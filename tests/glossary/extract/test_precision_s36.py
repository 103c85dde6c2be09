"""Session 36: false candidates on the unseen documents written for the bench
(``bench/terms/extra/``), dropped by a general rule that reaches a whole class on several
documents: a list number's full-width point is no part of the item's term; a phrase ending in a
verb of showing or stating is a clause's subject and verb; a Latin code (a model, a grade, a
formula, a Roman numeral, a standard's prefix) is a value copied as it is; in 由…组成 "consists
of" the words before the verb are the last part and the verb.  And the figures of
the session's own unseen document, a clinical trial protocol synopsis
(``bench/terms/extra/trial-protocol``), which no fix was tuned on.  Sentences written for the
tests (a coffee machine's manual, a coating study, a cable specification, a monitoring system), none taken from
those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_list_numbers_full_width_point_is_no_part_of_the_term():
    """Chinese lists number their items 1．2．(the full-width point of GB/T 15834); an item that
    opens with two words and 、 (2．除垢、清洗：) gave the first word with the point, ．除垢, a
    candidate.  The point is a mark no name begins or ends with."""
    found = _listed([
        ("四、清洁与保养", "4. Cleaning and Care"),
        ("1．冲洗、擦拭：每天使用后冲洗冲泡器并擦拭外壳。", "1. Rinsing and wiping: rinse the brew unit and wipe the housing after each day's use."),
        ("2．除垢、清洗：每使用三个月应进行一次除垢。", "2. Descaling and cleaning: descale the machine every three months."),
        ("3．更换滤芯：滤芯使用两个月后应更换。", "3. Replacing the filter: replace the water filter after two months."),
    ])
    assert not any(zh.startswith("．") for zh in found), found


def test_a_phrase_ending_in_a_verb_of_showing_is_a_clause():
    """试验结果表明 "the test showed (that …)" is a subject and its verb, the clause still to come;
    jieba's dictionary holds 结果表明 as one noun and CC-CEDICT gives 表明 a sense that is no
    verb's ("known"), so nothing read it as a verb.  A true term of the same text stays."""
    found = _listed([
        ("拉伸试验结果表明，改性后的涂层附着力明显提高。", "The tensile test showed that the modified coating adheres much better."),
        ("盐雾试验结果表明，涂层在500小时内无锈蚀。", "The salt spray test showed no corrosion of the coating within 500 hours."),
        ("结果表明，涂层厚度对附着力影响较小。", "The results show that coating thickness has little effect on adhesion."),
        ("附着力按GB/T 9286测定。", "Adhesion was determined according to GB/T 9286."),
    ])
    assert not any(zh.endswith("表明") for zh in found), found
    assert found.get("涂层") == "coating", found


def test_a_latin_code_is_a_value_not_a_term():
    """IP67 and C35 are the values of a degree of protection and a strength class, III a class
    numbered in Roman, GB the prefix of a standard's number: codes every translation copies as
    they are.  The term the code is a value of stays (PVC护套 "PVC sheath")."""
    found = _listed([
        ("电缆接头的外壳防护等级不应低于IP67，户外箱体不应低于IP55。",
         "Cable joints shall have a degree of protection of at least IP67, outdoor enclosures at least IP55."),
        ("电缆沟采用C35混凝土浇筑，垫层采用C15混凝土。", "The cable trench is cast in C35 concrete on a C15 concrete blinding layer."),
        ("电缆护套采用PVC材料，应符合GB 8815的规定。", "The cable sheath is made of PVC and shall comply with GB 8815."),
        ("PVC护套的厚度应均匀，并符合GB 5023的要求。", "The thickness of the PVC sheath shall be even and meet GB 5023."),
        ("电缆沟外侧的地下水按III类水体保护。", "Groundwater outside the cable trench is protected as Class III water."),
        ("III类水体的监测应每季度进行一次。", "Class III water shall be monitored once a quarter."),
    ])
    assert not {"IP67", "IP55", "C35", "C15", "GB", "III"} & found.keys(), found
    assert found.get("PVC护套") == "PVC sheath", found



def test_the_last_part_before_the_verb_of_consisting_is_no_term():
    """检测系统由采样探头、流量计、分析仪和数据采集器组成 "the system consists of a probe, … and a data
    logger": the last item of the parts was read with the verb, 数据采集器组成, and rendered by the
    part alone.  In the frame 由…组成 the words before the verb are a part and the verb; a
    heading of the same verb said without 由 (系统构成 "System composition") stays, and so do the
    parts."""
    found = _listed([
        ("检测系统由采样探头、流量计、分析仪和数据采集器组成。",
         "The monitoring system consists of a sampling probe, flow meter, analyser and data logger."),
        ("分析仪应每月校准一次。", "Calibrate the analyser once a month."),
        ("5　系统构成", "5 System composition"),
        ("系统构成见图1。", "The system composition is shown in Figure 1."),
    ])
    assert not any(zh.endswith("组成") for zh in found), found
    assert found.get("系统构成") == "System composition", found
    assert found.get("采样探头") == "sampling probe", found

# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/trial-protocol`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 36 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
TRIAL_FLOORS = {
    # session 36 start (8045cb6) and prec11's end, the same: 53 candidates, recall 0.314 (22/70
    # T1), precision 0.566, rendering 0.955, report 0.429 (3/7 known cases), cover 0.829, 3.43
    # findings a known problem (none of the three fixes met its text)
    "recall": 0.314, "precision": 0.566, "rendering": 0.955, "report": 0.429, "coverage": 0.829,
}


@pytest.mark.slow
def test_the_trial_protocols_figures_hold():
    extra_document_holds("trial-protocol", TRIAL_FLOORS, most_findings_per_problem=3.43)
