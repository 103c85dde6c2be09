"""Session 38 (helper "render13"): the consistency report on documents nobody tuned on, for
general reasons of the report.  Sentences written for the tests; the last test pins the figures
of the session's new unseen document (a national food-safety standard for fermented milk,
``bench/terms/extra/food-standard``)."""

from pathlib import Path

import pytest
from conftest import ROOT, bench_module


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
