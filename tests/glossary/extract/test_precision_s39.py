"""Session 39: false candidates dropped from the list by general rules that reach a class on
several of the unseen documents (``bench/terms/extra/``): a phrase ending in the modal verb of a
requirement (应 "shall") is a subject and its modal, no name.  And the figures of the session's own
unseen document, a national cybersecurity standard (``bench/terms/extra/security-standard``),
which no fix was tuned on.  Sentences written for the tests (a lift maintenance contract), none
taken from those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_phrase_ending_in_the_modal_of_a_requirement_is_a_clause():
    """维保单位应 "the maintenance contractor shall" recurs at the head of the contract's clauses,
    but 应 is the modal of a requirement: the words are a clause's subject and its modal, the
    predicate still to come, no name.  The subject alone, and the terms of the clauses, stay."""
    found = _listed([
        ("维保单位应每半月对电梯进行一次清洁、润滑、调整和检查。",
         "The maintenance contractor shall clean, lubricate, adjust and inspect the lifts every two weeks."),
        ("维保单位应建立电梯维保记录，并保存四年以上。",
         "The contractor shall keep lift maintenance records for at least four years."),
        ("维保单位应在接到故障通知后30分钟内到达现场。",
         "The maintenance contractor shall arrive on site within 30 minutes of a breakdown call."),
        ("维保单位应协助使用单位制定电梯应急预案。",
         "It shall help the owner draw up the lift emergency plan."),
        ("使用单位应为维保单位提供必要的工作条件。",
         "The owner shall give the maintenance contractor the working conditions it needs."),
        ("电梯维保记录应由使用单位签字确认。", "Lift maintenance records are signed off by the owner."),
        ("电梯应急预案每年至少演练一次。", "The lift emergency plan is rehearsed at least once a year."),
    ])
    assert not [z for z in found if z.endswith("应")], found
    assert found.get("维保单位", "").casefold().endswith("contractor"), found
    assert found.get("电梯应急预案") == "lift emergency plan", found


def test_a_persons_name_written_in_pinyin_is_no_entry():
    """A party's name recurs through a lease (出租人刘国平 "the lessor, Liu Guoping"), and the
    translation writes it as every Chinese name is written, surname and given name in pinyin: a
    rule renders it, a glossary entry adds nothing.  The terms of the lease stay."""
    found = _listed([
        ("出租人：刘国平，承租人：赵雅琴。", "Lessor: Liu Guoping; Lessee: Zhao Yaqin."),
        ("刘国平将其所有的商铺出租给赵雅琴使用，租赁期限为三年。",
         "Liu Guoping lets his shop to Zhao Yaqin for a lease term of three years."),
        ("租赁期限内，赵雅琴应按月向刘国平支付租金。",
         "During the lease term Zhao Yaqin shall pay Liu Guoping the rent monthly."),
        ("赵雅琴逾期支付租金的，应向刘国平支付违约金。",
         "If Zhao Yaqin pays the rent late, she shall pay Liu Guoping liquidated damages."),
        ("刘国平应在租赁期限届满前三个月通知赵雅琴是否续租。",
         "Liu Guoping shall tell Zhao Yaqin three months before the lease term ends whether the lease is renewed."),
        ("违约金按未付租金的万分之五每日计算。", "Liquidated damages accrue at 0.05% of the unpaid rent a day."),
    ])
    assert "刘国平" not in found and "赵雅琴" not in found, found
    assert found.get("租金") == "rent", found
    assert found.get("违约金") == "liquidated damages", found


def test_a_latin_word_said_only_inside_a_latin_name_is_no_entry():
    """The supplier's name, Brightwell Medical Devices GmbH, is copied into the Chinese in Latin
    letters; each of its words is a piece of that name, not a term (nor is the name cut into its
    words).  A Latin word the Chinese also writes alone, CE, stays a term."""
    found = _listed([
        ("供方：Brightwell Medical Devices GmbH", "Supplier: Brightwell Medical Devices GmbH"),
        ("供方应保证输液泵取得CE认证。", "The Supplier warrants that the infusion pumps carry CE marking."),
        ("输液泵的CE认证证书应随货提供。", "The CE certificates of the infusion pumps shall accompany the goods."),
        ("CE认证失效的，需方有权退货。", "If the CE marking lapses, the Buyer may return the goods."),
        ("输液泵应在需方医院安装调试。", "The infusion pumps shall be installed and commissioned at the Buyer's hospital."),
        ("供方应派工程师对输液泵进行培训。", "The Supplier shall send engineers to train staff on the infusion pumps."),
    ])
    assert not {"Brightwell", "Medical", "Devices", "GmbH"} & set(found), found
    assert found.get("输液泵") == "infusion pumps", found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/security-standard`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 39 (docs/extract.md); issue 10's targets are higher,
# these only stop regressions.
SECURITY_STANDARD_FLOORS = {
    # session 39 start (1222ed5) and end, the same (held out; none of the session's three rules
    # reaches it): 57 candidates, recall 0.554 (41/74 T1), precision 0.772, rendering 1.000,
    # report 0.417 (5/12 known cases), cover 0.750, 1.42 findings a known problem
    "recall": 0.554, "precision": 0.772, "rendering": 1.000, "report": 0.417, "coverage": 0.750,
}


@pytest.mark.slow
def test_the_security_standards_figures_hold():
    extra_document_holds("security-standard", SECURITY_STANDARD_FLOORS, most_findings_per_problem=1.42)
