"""Session 38: false candidates dropped from the list by general rules that reach a class on
several of the unseen documents (``bench/terms/extra/``): a phrase holding a verb of adopting or
including, or of comparison or nearness, is a clause, no name; a part the document says only
inside one longer term is no entry of its own; a phrase whose edge cuts across a term, or that
stands where a predicate does, is no name.  And the figures of the session's own unseen
document, a microcontroller's datasheet (``bench/terms/extra/chip-datasheet``), which no fix was
tuned on.  Sentences written for the tests (a welding procedure, an estate's administration, a
power grid's dispatch, a battery standard), none taken from those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_phrase_holding_a_verb_of_adopting_or_including_is_a_clause():
    """采用 "adopt, use" and 包括 "include" are light verbs: what follows is what is used or
    included, what comes before the subject (焊接工艺采用氩弧焊 "the welding procedure uses TIG
    welding", 检验项目包括外观检查 "the inspection covers visual examination").  A phrase holding
    one is a predicate's words, however often it recurs; the terms it joins stay."""
    found = _listed([
        ("焊接工艺采用氩弧焊，焊后进行外观检查。", "The welding procedure uses TIG welding, followed by a visual examination."),
        ("焊接工艺采用氩弧焊时，保护气体应为纯氩。", "Where TIG welding is used, the shielding gas shall be pure argon."),
        ("打底焊采用氩弧焊，填充焊采用焊条电弧焊。",
         "Run the root pass by TIG welding and the fill passes by manual metal arc welding."),
        ("检验项目包括外观检查和射线检测。", "Inspection covers visual examination and radiographic testing."),
        ("检验项目包括外观检查的，应在焊缝冷却后进行。",
         "Where inspection covers visual examination, carry it out once the weld has cooled."),
        ("射线检测应在外观检查合格后进行。", "Radiographic testing follows a passed visual examination."),
        ("氩弧焊的保护气体流量应为8～12 L/min。", "The shielding gas flow for TIG welding shall be 8–12 L/min."),
    ])
    assert not [z for z in found if "采用" in z or "包括" in z], found
    assert found.get("氩弧焊") == "TIG welding", found
    assert found.get("外观检查") == "visual examination", found


def test_a_phrase_holding_a_verb_of_comparison_or_nearness_is_a_clause():
    """高于 "higher than" and 远离 "away from" take their object as a predicate's verb does: the
    standard of comparison (抗拉强度高于母材 "a tensile strength above the parent metal's"), the
    place to keep from (焊条应远离水源 "keep electrodes away from water").  The terms stay."""
    found = _listed([
        ("焊缝的抗拉强度高于母材，屈服强度不低于母材。",
         "The tensile strength of the weld is above that of the parent metal and its yield strength not below it."),
        ("焊缝的抗拉强度高于母材时，应在报告中注明。", "Where the weld's tensile strength exceeds the parent metal's, state it in the report."),
        ("焊条应远离水源，存放在干燥通风的焊条库内。", "Keep electrodes away from water, in a dry, ventilated electrode store."),
        ("受潮的焊条应远离水源并重新烘干。", "Electrodes that have absorbed moisture shall be kept away from water and re-baked."),
        ("母材的抗拉强度应按标准试验测定。", "The tensile strength of the parent metal shall be determined by the standard test."),
        ("焊条库的相对湿度不应超过60%。", "The relative humidity in the electrode store shall not exceed 60%."),
    ])
    assert not [z for z in found if "高于" in z or "远离" in z], found
    assert found.get("抗拉强度") == "tensile strength", found
    assert found.get("焊条库") == "electrode store", found


def test_a_part_said_only_inside_one_longer_term_is_no_entry_of_its_own():
    """管理人 "administrator" is a word, but this text says it only as a piece of 遗产管理人
    "estate administrator", five times: the name is the entry, the piece none.  继承人 "heir",
    said alone and inside 被继承人 "the deceased", stays a term."""
    found = _listed([
        ("继承开始后，遗嘱执行人为遗产管理人。", "After succession opens, the executor acts as the estate administrator."),
        ("遗产管理人应当清理遗产并制作遗产清单。", "The estate administrator shall ascertain the estate and draw up an inventory."),
        ("遗产管理人应当处理被继承人的债权债务。", "The estate administrator shall settle the deceased's claims and debts."),
        ("遗产管理人可以依照约定获得报酬。", "The estate administrator may be paid as agreed."),
        ("遗产管理人因故意造成继承人损失的，应当承担民事责任。",
         "An estate administrator who wilfully causes loss to an heir bears civil liability."),
        ("遗产清单应当报告全体继承人。", "The inventory shall be reported to all the heirs."),
    ])
    assert "管理人" not in found, found
    assert found.get("遗产管理人") == "estate administrator", found
    assert found.get("继承人") == "heir", found


def test_a_phrase_whose_edge_cuts_across_a_term_is_no_name():
    """前一日电网 "the previous day's grid" recurs, but each time its end falls inside a term
    the text also says alone, 电网负荷 "grid load" or 电网频率 "grid frequency": a cut through a
    name, no name of its own.  The two terms stay."""
    found = _listed([
        ("调度中心根据前一日电网负荷预测编制发电计划。",
         "The dispatch centre draws up the generation schedule from the previous day's grid load forecast."),
        ("电网负荷超过预测值10%时，应启动备用机组。", "When the grid load exceeds the forecast by 10%, start the standby units."),
        ("电网负荷由调度中心每15分钟采集一次。", "The dispatch centre samples the grid load every 15 minutes."),
        ("前一日电网频率偏差应在次日上午报送。", "Report the previous day's grid frequency deviation the next morning."),
        ("电网频率低于49.8 Hz时，自动减负荷装置动作。", "Below 49.8 Hz grid frequency, the automatic load-shedding device trips."),
        ("电网频率和电网负荷记录保存三年。", "Grid frequency and grid load records are kept for three years."),
        ("备用机组应在10分钟内并网。", "Standby units shall be synchronised within 10 minutes."),
    ])
    assert "前一日电网" not in found, found
    assert found.get("电网负荷") == "grid load", found
    assert found.get("电网频率") == "grid frequency", found


def test_a_phrase_said_where_a_predicate_stands_is_a_clause():
    """标准规定 "the standard specifies" recurs, each time before the aspect particle 了, which
    only a verb takes (本标准规定了… "this standard specifies …"): a subject and its verb, no
    name.  (So is a phrase said only after a modal verb or 请 "please", where an instruction's
    verb phrase starts.)  The terms of the same text stay."""
    found = _listed([
        ("1　范围", "1 Scope"),
        ("本标准规定了电动自行车用锂离子蓄电池的技术要求和试验方法。",
         "This standard specifies the technical requirements and test methods for lithium-ion batteries for electric bicycles."),
        ("原标准规定了铅酸蓄电池的要求，本版删除了这些要求。",
         "The previous edition specified requirements for lead-acid batteries; this edition deletes them."),
        ("2　规范性引用文件", "2 Normative references"),
        ("蓄电池组应配备电池管理系统。", "The battery pack shall be fitted with a battery management system."),
        ("电池管理系统应具有过充保护功能。", "The battery management system shall provide overcharge protection."),
        ("产品标准规定了额定容量的，按其规定。", "Where a product standard specifies the rated capacity, that specification applies."),
        ("过充保护功能应在单体电压达到4.25 V时动作。", "Overcharge protection shall operate when a cell reaches 4.25 V."),
    ])
    assert "标准规定" not in found, found
    assert found.get("电池管理系统") == "battery management system", found
    assert found.get("规范性引用文件") == "Normative references", found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/chip-datasheet`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 38 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
CHIP_DATASHEET_FLOORS = {
    # session 38 start (7d02311): 69 candidates, recall 0.557 (44/79 T1), precision 0.768,
    # rendering 0.955, report 0.800 (8/10 known cases), cover 0.776, 2.40 findings a known
    # problem; end (held out): 68 candidates, precision 0.779 (the part-of-one-term rule), the
    # rest the same
    "recall": 0.557, "precision": 0.779, "rendering": 0.955, "report": 0.800, "coverage": 0.776,
}


@pytest.mark.slow
def test_the_chip_datasheets_figures_hold():
    extra_document_holds("chip-datasheet", CHIP_DATASHEET_FLOORS, most_findings_per_problem=2.40)
