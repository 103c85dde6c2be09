"""Session 36: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by a general rule: a compound said twice that no statistic
proposed counts as one when the translation renders every mention with the same English
compound; and the figures of the session's own unseen document, an international sales
contract (``bench/terms/extra/sales-contract``), which no fix was tuned on.  Sentences written
for the tests (an SDK's error handling, a battery study), none taken from those documents."""

from functools import partial

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from glossary.extract.lexicon import nominal_word
from glossary.extract.stats import repeatable_compound
from glossary.extract.zh import GENERIC, Segmenter
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_compound_said_twice_and_rendered_alike_is_a_term():
    """响应码 "response code" is said twice and rendered alike both times, but no statistic
    proposed it: the word alignment reads no phrase for its mention after a Latin name (HTTP
    响应码), so the statistics' test of a twice-said compound failed, and the chunk alone (0.3)
    left it under the cut-off.  The pairing's renderings are the translation's evidence: one
    English compound for every mention."""
    found = _listed([
        ("请求失败时，SDK 返回 HTTP 响应码、错误码和请求 ID。",
         "When a request fails, the SDK returns the HTTP response code, the error code and the request ID."),
        ("对于超时和 5xx 响应码，SDK 默认重试三次。",
         "For timeouts and 5xx response codes, the SDK retries three times by default."),
        ("上传对象前请先创建存储桶。", "Create a bucket before you upload objects."),
    ])
    assert found.get("响应码") == "response code", found


def test_a_compound_after_an_adverb_is_a_clauses_piece():
    """After an adverb the first word is a predicate: 未 | 掺杂样品 "undoped sample" is a
    sample that is not doped, rendered alike twice but no compound of its own."""
    found = _listed([
        ("未掺杂样品的首次放电容量为195 mAh/g。",
         "The undoped sample delivers an initial discharge capacity of 195 mAh/g."),
        ("未掺杂样品在100次循环后容量明显衰减。", "The undoped sample fades markedly after 100 cycles."),
        ("掺杂后材料的结构更加稳定。", "The structure is more stable after doping."),
    ])
    assert "掺杂样品" not in found, found



def test_a_word_jieba_tags_an_adverb_modifies_the_noun_after_it():
    """jieba tags 初步 "preliminary" an adverb, so 初步 | 审查 had no noun phrase's shape and
    the twice-said compound, rendered "preliminary review" both times, stayed under the
    cut-off.  An adverb modifies a predicate, never a noun: before a noun or a verbal noun the
    word is the noun's modifier."""
    found = _listed([
        ("申请材料提交后，由窗口人员进行初步审查。",
         "After the application is submitted, the counter staff carry out a preliminary review."),
        ("初步审查通过的，转交业务科室办理。",
         "Applications that pass the preliminary review are passed to the business section."),
        ("办理结果将以短信方式通知申请人。", "The applicant is notified of the result by text message."),
    ])
    assert found.get("初步审查") == "preliminary review", found


def test_a_repeated_compound_holds_no_verb_and_its_object():
    """The shape of the repeated compound of the two tests above is a noun phrase's: no verb
    inside or first before two more words (a verb and its object: 重新 | 验证 | 标签 "redo tag
    validation", 重写 | 编码 | 声明), no modal verb last (语种代码 | 应 "language code should"); a
    verb right before the head noun is its modifier (脱水 | 污泥 "dewatered sludge").  These came
    with the rule on real software memories (OmegaT, PHPUnit), none on the bench documents."""
    seg = Segmenter()
    shape = partial(repeatable_compound, seg=seg, generic=GENERIC, nominal_word=nominal_word)
    for phrase in ("重新验证标签", "重写编码声明", "语种代码应"):
        assert not shape(phrase), phrase
    for phrase in ("脱水污泥", "状态码", "初步评审"):
        assert shape(phrase), phrase

# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/sales-contract`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 36 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
SALES_FLOORS = {
    # session 36 start (b852ece) and end (the fix met none of its terms), the same: 74
    # candidates, recall 0.589 (33/56 T1), precision 0.662, rendering 0.970, report 0.909 (10/11
    # known cases), cover 0.811, 3.27 findings a known problem
    "recall": 0.589, "precision": 0.662, "rendering": 0.970, "report": 0.909, "coverage": 0.811,
}


@pytest.mark.slow
def test_the_sales_contracts_figures_hold():
    # 3.27 at session 36's end; 3.36 since session 37's genus rule (金额 is no candidate, and the
    # report reads it inside 合同金额 and the like: "renderings 金额 = value | amount", one finding
    # more on no known case, against two false candidates fewer; docs/extract.md, session 37)
    extra_document_holds("sales-contract", SALES_FLOORS, most_findings_per_problem=3.37)
