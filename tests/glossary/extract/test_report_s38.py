"""Session 38 (helper "render13"): the consistency report on documents nobody tuned on, for
general reasons of the report.  Sentences written for the tests; the last test pins the figures
of the session's new unseen document (a national food-safety standard for fermented milk,
``bench/terms/extra/food-standard``)."""

import pytest
from conftest import extra_document_holds


def _inside(db_path, candidates):
    """The report's "inside terms" findings over the stored ``candidates`` (no memory)."""
    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    db = open_termbase(db_path)
    store_candidates(db, candidates)
    return sorted((f.kind, f.zh, f.en) for f in check(db) if "inside terms" in f.message)


def test_a_word_no_gloss_reads_takes_only_the_english_that_stands_where_it_stands(db_path):
    """检查冷却液 rendered "coolant level" (the pairing took in the word after the term):
    冷却液 reads "coolant", and the one word no gloss explains, 检查, would take "level".  But
    检查 comes first in the Chinese and "level" after "coolant" in the English, with no
    preposition turning the order round ("level of coolant"): "level" is no rendering of 检查,
    so 检查 is not "check" in one term and "level" in another.  A word that stands where
    it stands keeps its reading: 信创 last in 信创 / AI+信创 "AI+innovation", "innovation" last."""
    from _terms import cand

    assert _inside(db_path, [cand("检查冷却液", ("coolant level", 1, [1])),
                             cand("检查火花塞", ("check the spark plugs", 1, [2]))]) == []
    assert _inside(db_path.with_name("kept.db"), [cand("AI+信创", ("AI+innovation", 2, [3, 4])),
                                                  cand("信创链条", ("information and innovation chain", 1, [5]))]) == [
        ("renderings", ["信创"], ["innovation", "information and innovation"])]


def test_a_word_no_gloss_reads_takes_no_more_english_words_than_it_has_characters(db_path):
    """拧紧力矩 rendered "tensioner nut to the specified torque" (the pairing took in the
    object of the verb before the term): 力矩 reads "torque", and 拧紧, which no gloss
    explains there, would take "tensioner nut to the specified" — three content words for a
    word of two characters, more than a word's translation holds (a Chinese word gives an
    English word or two a character at most: 信创 "information and innovation", 先导区 "Pilot
    Zone").  It is what lies around the term, not a second way of rendering 拧紧 "tighten"."""
    from _terms import cand

    assert _inside(db_path, [cand("拧紧力矩", ("tensioner nut to the specified torque", 1, [1])),
                             cand("拧紧", ("tighten", 2, [2, 3]))]) == []


# The session's new unseen document (a national food-safety standard for fermented milk; written
# with its gold before any extraction ran on it, and held out from the session's fixes): the
# figures measured at the session's end (docs/extract.md), as floors — issue 10's targets are far
# higher; these only stop regressions.  Session 38, render13's end: 60 candidates, recall 0.704
# (38/54 T1), precision 0.733, rendering 1.000, report 0.556 (10/18 known cases), cover 0.815,
# 1.28 findings a known problem (the same at the session's start: neither report fix reached it).
FOOD_STANDARD = {"recall": 0.704, "precision": 0.733, "rendering": 1.0, "report": 0.556, "coverage": 0.815}


@pytest.mark.slow
def test_food_standard_figures_hold():
    extra_document_holds("food-standard", FOOD_STANDARD, most_findings_per_problem=1.28)
