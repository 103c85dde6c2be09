"""Session 37: everyday words of general language dropped from the list by a general rule
that reaches the class on several of the unseen documents (``bench/terms/extra/``): a word the
translation renders in no one way is translated by its context, no term.  Sentences written for
the tests (a purchasing procedure, a server manual), none taken from those documents."""

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
