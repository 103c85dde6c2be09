"""Session 37: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by general rules: a once-said word CC-CEDICT lists whole and the
translation renders by one of its senses is a term; and the figures of the session's own unseen
document, a civil court judgment (``bench/terms/extra/civil-judgment``), which no fix was tuned
on.  Sentences written for the tests (a building's fire safety notice), none taken from those
documents."""

import pytest
from conftest import extra_document_holds

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_word_the_dictionary_names_as_the_translation_does_is_a_term():
    """灭火器 and 安全帽 are said once, each a run of content words alone (the chunk, 0.3): under
    the cut-off.  CC-CEDICT lists each whole, 灭火器 "fire extinguisher", 安全帽 "safety helmet;
    hard hat", and the translation writes one of those senses word for word: the dictionary and
    the translator give the compound one fixed English name.  The once-said compound's test of
    the pieces (环境 | 变量 "environment variables") could not look inside a word CC-CEDICT does
    not part.  A free rendering of a headword is no such evidence."""
    found = _listed([
        ("每层楼道都配备了灭火器。", "Every floor has a fire extinguisher in the corridor."),
        ("进入施工现场的人员必须佩戴安全帽。", "Anyone entering the construction site must wear a safety helmet."),
        ("每月检查一次消防设施，并做好记录。", "Inspect the fire-fighting facilities once a month and keep records."),
    ])
    assert found.get("灭火器") == "fire extinguisher", found
    assert found.get("安全帽") == "safety helmet", found
    free = _listed([
        ("每层楼道都配备了灭火器。", "Every floor keeps something to put out a fire in the corridor."),
        ("进入施工现场的人员必须佩戴安全帽。", "Anyone entering the construction site must wear protective headgear."),
    ])
    assert "安全帽" not in free and "灭火器" not in free, free


def test_a_count_said_after_a_noun_is_no_part_of_its_name():
    """A Chinese quantity stands before the noun it counts (两个灭火器); said after the noun, as
    a list of equipment or of documents says it (灭火器两个 "two fire extinguishers", 报告一式三份
    "a report in triplicate"), the numeral and its measure words are a predicate of how many.
    The run of content words ran on into them (灭火器两个 "two fire extinguishers"), so the
    once-said name had no candidate of its own and its dictionary sense (above) could not speak
    for it."""
    found = _listed([
        ("每层楼道：灭火器两个。", "Each floor corridor: two fire extinguishers."),
        ("进入施工现场的人员必须佩戴安全帽。", "Anyone entering the construction site must wear a safety helmet."),
    ])
    assert found.get("灭火器") == "fire extinguishers", found
    assert not any(zh.startswith("灭火器") and zh != "灭火器" for zh in found), found


# The session's own unseen document, held out from its fixes, graded as
# ``bench/terms_quality.py --extra bench/terms/extra/civil-judgment`` grades it (the real ``tm
# align``, ``glossary extract`` and ``glossary check`` on a temporary database).  Floors: the
# figures measured at the end of session 37 (docs/extract.md); issue 10's targets are far
# higher, these only stop regressions.
CIVIL_FLOORS = {
    # session 37 start (64d6cbf) and end (no fix met its terms), the same: 64 candidates, recall
    # 0.367 (22/60 T1), precision 0.391, rendering 1.000, report 0.571 (4/7 known cases), cover
    # 0.789, 4.43 findings a known problem
    "recall": 0.367, "precision": 0.391, "rendering": 1.0, "report": 0.571, "coverage": 0.789,
}


@pytest.mark.slow
def test_the_civil_judgments_figures_hold():
    extra_document_holds("civil-judgment", CIVIL_FLOORS, most_findings_per_problem=4.43)
