"""Session 38: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by general rules: a heading alone on its line that names a part
of the document with a verb at one end (附图说明, 入选标准：) is a term.  Sentences written for the
tests (a software product's test report and a study's screening rules), none taken from those
documents."""

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

