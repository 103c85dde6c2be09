"""Session 39: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by a general rule: the quantity whose value a clause states
(旅游总收入 | 增长 | 12.4%, 客房出租率 | 为 | 58.3%) is named as a form's label names its field, and
the verb that states the value is no part of the name; and the figures of the session's own
unseen document, a province's water resources bulletin (``bench/terms/extra/water-bulletin``),
which no fix was tuned on.  Sentences written for the tests (a region's tourism statistics
communiqué), none taken from those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_the_quantity_a_clause_states_the_value_of_is_named_like_a_label():
    """旅游总收入, 星级饭店平均客房出租率 and 国际旅游外汇收入 are said once each, as the subject of a
    clause that gives their value: a verb of two characters right before the figure (增长12.4%),
    the copula 为 (为58.3%), or the figure right after the name (9.6亿美元).  A report, a
    bulletin, a data sheet or a paper states its indicators so, as a form gives a field's value
    after its label (额定电压：220V), and the label's cue is the evidence.  Before, the run of
    content words ran on through the verb (全区旅游总收入增长, 1.83) or stood alone (the chunk,
    0.3; 1.81, 1.95), under the cut-off.  The scope word 全区 "the whole district" says where,
    not what; a run cut off after a modifier (规模以上 | 旅游企业营业收入: 以上 "above" ends the
    modifier, the run is no clause's subject) is no label, nor an action said with the count of
    its objects (全年 | 接待游客 | 4860万人次)."""
    found = _listed([
        ("2024年旅游业统计公报", "Statistical Communiqué on Tourism, 2024"),
        ("全年接待游客4860万人次。", "The region received 48.6 million tourist visits in the year."),
        ("全区旅游总收入增长12.4%，过夜游客人均停留天数达到2.6天。",
         "Total tourism revenue rose by 12.4%, and the average length of stay of overnight visitors reached 2.6 days."),
        ("星级饭店平均客房出租率为58.3%。", "The average occupancy rate of star-rated hotels was 58.3%."),
        ("规模以上旅游企业营业收入增长6.1%。", "Tourism enterprises above designated size grew their revenue by 6.1%."),
        ("国际旅游外汇收入9.6亿美元，比上年增长8.2%。",
         "International tourism receipts came to 960 million US dollars, 8.2% more than the year before."),
    ])
    assert found.get("旅游总收入") == "Total tourism revenue", found
    assert found.get("星级饭店平均客房出租率") == "average occupancy rate of star-rated hotels", found
    assert not any(z.endswith("增长") or z.startswith("全区") for z in found), found
    assert "国际旅游外汇收入" in found, found
    assert "旅游企业营业收入" not in found and "接待游客" not in found, found


def test_a_value_kept_within_a_bound_is_a_stated_value():
    """控制在3.5%以内 "kept within 3.5%", 保持在90%以上 "stayed above 90%": a verb with 在 before the
    figure states the value as 增长 or 达到 do, a bound instead of a point; the indicator before
    it (城镇登记失业率, 职业技能培训合格率, said once) is the quantity so stated, and the verb no part
    of its name (the run was 城镇登记失业率控制, 1.87, under the cut-off)."""
    found = _listed([
        ("2024年劳动就业统计公报", "Statistical Communiqué on Employment, 2024"),
        ("全年城镇新增就业12.6万人。", "The region created 126,000 new urban jobs in the year."),
        ("城镇登记失业率控制在3.5%以内，零就业家庭保持动态清零。",
         "The registered urban unemployment rate was kept within 3.5%, and no household was left without a job."),
        ("职业技能培训合格率保持在90%以上。", "The pass rate of vocational skills training stayed above 90%."),
    ])
    assert found.get("城镇登记失业率") == "registered urban unemployment rate", found
    assert found.get("职业技能培训合格率") == "pass rate of vocational skills training", found
    assert not any(z.endswith(("控制", "保持")) for z in found), found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/water-bulletin`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 39 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
WATER_FLOORS = {
    # session 39 start (f7cb1ab, before any extraction change): 62 candidates, recall 0.348
    # (31/89 T1), precision 0.581, rendering 0.968, report 0.400 (4/10 known cases), cover 0.796,
    # 3.00 findings a known problem; end (the quantity a clause states the value of): 73
    # candidates, recall 0.416 (37/89), precision 0.589, rendering 0.946 (产水系数 "water
    # resources came", a span run over), report 0.400, cover 0.774, 3.80 findings a known problem
    "recall": 0.416, "precision": 0.589, "rendering": 0.946, "report": 0.4, "coverage": 0.774,
}


@pytest.mark.slow
def test_the_water_resources_bulletins_figures_hold():
    extra_document_holds("water-bulletin", WATER_FLOORS, most_findings_per_problem=3.80)
