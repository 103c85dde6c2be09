"""Session 37: everyday words of general language dropped from the list by two general rules
that reach the class on several of the unseen documents (``bench/terms/extra/``): a word the
translation renders in no one way is translated by its context, no term; a word that mostly
heads the document's longer terms is their genus, no entry of its own.  And the figures of the
session's own unseen document, a fund prospectus summary (``bench/terms/extra/fund-prospectus``),
which no fix was tuned on.  Sentences written for the tests (a purchasing procedure, a pressure
test, a server manual), none taken from those documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_an_everyday_word_the_translation_renders_by_context_is_no_term():
    """金额 "amount of money" is a word of general language (jieba's dictionary counts it 1,292
    times): the translation gives it the English each sentence asks for ("value", "sums",
    "Amounts", "total"), no equivalent a glossary could fix.  The terms of the same text stay."""
    found = _listed([
        ("采购金额超过十万元的，应当公开招标。", "Purchases worth more than 100,000 yuan shall be put out to open tender."),
        ("中标金额应在合同中写明。", "The contract price shall be stated in the contract."),
        ("付款金额不得超过已验收货物的价值。", "Payments shall not exceed the value of the goods accepted."),
        ("发票上的金额与订单不一致的，财务部门应退回发票。",
         "Where the invoice total differs from the purchase order, the finance department shall return the invoice."),
        ("财务部门应按订单核对金额。", "The finance department shall check the sums against the purchase order."),
        ("金额以人民币计。", "Amounts are stated in renminbi."),
    ])
    assert "金额" not in found, found
    assert found.get("发票") == "invoice", found


def test_a_term_written_out_and_as_its_acronym_is_rendered_one_way():
    """操作系统 is an everyday word too (757), rendered "operating system" and "OS": the acronym
    is the phrase's initials, one equivalent written two ways, and the term stays."""
    found = _listed([
        ("服务器出厂时预装操作系统。", "The server ships with an operating system installed."),
        ("操作系统的版本号见系统信息页。", "The OS version is shown on the system information page."),
        ("升级操作系统前应备份数据。", "Back up your data before upgrading the operating system."),
        ("操作系统支持远程管理。", "The OS supports remote management."),
    ])
    assert found.get("操作系统") == "operating system", found


def test_an_everyday_word_that_heads_the_documents_terms_is_their_genus():
    """设计压力, 试验压力, 工作压力 "design, test, operating pressure" are the terms of a pressure
    test; 压力 "pressure", a word of general language (6,044) that ends most of their mentions,
    is the kind they name, said alone only in passing (升压时压力应缓慢上升).  The kinds stay."""
    found = _listed([
        ("容器的设计压力为2.5 MPa，工作压力不应超过设计压力。",
         "The design pressure of the vessel is 2.5 MPa; the operating pressure shall not exceed the design pressure."),
        ("试验压力应为设计压力的1.25倍。", "The test pressure shall be 1.25 times the design pressure."),
        ("升压时压力应缓慢上升，达到试验压力后保压30分钟。",
         "Raise the pressure slowly and hold it for 30 minutes once the test pressure is reached."),
        ("保压期间压力不得下降。", "The pressure shall not drop while it is held."),
        ("工作压力下的泄漏检查应在试验压力下的检查合格后进行。",
         "The leak check at the operating pressure follows a passed check at the test pressure."),
        ("运行中工作压力超过设计压力时，安全阀应开启。",
         "The safety valve shall open when the operating pressure in service exceeds the design pressure."),
    ])
    assert "压力" not in found, found
    assert found.get("设计压力") == "design pressure", found
    assert found.get("试验压力") == "test pressure", found
    assert found.get("工作压力") == "operating pressure", found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/fund-prospectus`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 37 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
FUND_FLOORS = {
    # session 37 start (b251d75): 80 candidates, recall 0.585 (38/65 T1), precision 0.550,
    # rendering 0.921, report 0.556 (5/9 known cases), cover 0.691, 3.78 findings a known problem;
    # end (both rules, held out): 77 candidates, precision 0.571, 3.67 findings, the rest the same
    "recall": 0.585, "precision": 0.571, "rendering": 0.921, "report": 0.556, "coverage": 0.691,
}


@pytest.mark.slow
def test_the_fund_prospectuss_figures_hold():
    extra_document_holds("fund-prospectus", FUND_FLOORS, most_findings_per_problem=3.67)
