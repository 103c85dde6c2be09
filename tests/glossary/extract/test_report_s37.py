"""Session 37 (helper "render12"): the consistency report on documents nobody tuned on, for
general reasons of the report.  Sentences written for the tests; the last test pins the figures
of the session's new unseen document (a car workshop repair manual's section,
``bench/terms/extra/repair-manual``)."""

import pytest
from conftest import extra_document_holds


def _inside_terms(units, candidates):
    """The report's "inside terms" findings over ``units`` (zh, en) and the extracted candidates."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    def _check(db_path):
        db = open_termbase(db_path)
        import_units(db, [TranslationUnit(zh=z, en=e) for z, e in units])
        store_candidates(db, candidates)
        return [(f.kind, f.zh, f.en) for f in check(db) if "inside terms" in f.message]
    return _check


def test_a_word_read_once_in_free_text_is_no_second_way_of_rendering_it(db_path):
    """复合 is "composite" inside the terms 复合滤网 and 复合材料; one sentence of the memory
    says 复合 where its English has "combination" (a dictionary gloss of 复合 used in another
    sense).  Read once outside any term, that is no second way of rendering the word; read so
    in two units it is (as test_consistency's 安全 "safety")."""
    from _terms import cand

    units = [("更换复合滤网。", "Replace the composite filter."),
             ("采用复合材料。", "Composite materials are used."),
             ("本机采用多种净化方式复合。", "The unit uses a combination of purification methods.")]
    candidates = [cand("复合滤网", ("composite filter", 1, [1])), cand("复合材料", ("composite materials", 1, [2]))]
    assert _inside_terms(units, candidates)(db_path) == []
    twice = units + [("两种工艺复合使用。", "The two processes are used in combination.")]
    assert _inside_terms(twice, candidates)(db_path.with_name("twice.db")) == [
        ("renderings", ["复合"], ["combination", "composite"])]


def test_a_longer_term_whose_rendering_reads_only_the_shorter_one_does_not_collide_with_it(db_path):
    """锂离子电池 rendered "batteries" (the translation left "lithium-ion" out there) and 电池
    "batteries" are not two terms given one rendering: nothing of "batteries" reads 锂离子
    ("lithium", "ion"), so it is one reading of 电池.  工作负载资源 "workload resources" beside
    负载资源 is a collision: "workload" reads 工作 ("work"), and 负载资源 is its clipped form."""
    from _terms import cand

    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    db = open_termbase(db_path)
    store_candidates(db, [cand("电池", ("batteries", 2, [1, 2])), cand("锂离子电池", ("batteries", 1, [3]))])
    assert [f.zh for f in check(db) if f.kind == "collision"] == []
    store_candidates(db, [cand("负载资源", ("workload resources", 2, [4, 5])),
                          cand("工作负载资源", ("workload resources", 2, [6, 7]))])
    assert [f.zh for f in check(db) if f.kind == "collision"] == [["工作负载资源", "负载资源"]]


# The session's new unseen document (a car workshop repair manual's section; written with its
# gold before any extraction ran on it, and held out from the session's fixes): the figures
# measured at the session's end (docs/extract.md), as floors — issue 10's targets are far higher;
# these only stop regressions.  Session 37, render12's end: 54 candidates, recall 0.536 (30/56
# T1), precision 0.593, rendering 0.933, report 0.818 (9/11 known cases), cover 0.739, 1.82
# findings a known problem (2.00 at the session's start: the two report fixes took two findings
# away and no known case).  Session 38 (prec13, e2b901d): 1.91 — 螺塞 "drain plug", said only
# inside 放水螺塞, is no candidate, and the report's words inside terms then cut 放水螺 "drain",
# which meets 排空冷却液 "drain" (a collision on no known case): that rule's trade, twelve false
# candidates dropped on nine documents.  Merged with render13's rules (a word no gloss explains
# takes only the English that stands where it stands, and no more content words than it has
# characters) the manual is at 1.55, so the ceiling is back at 1.82.
REPAIR_MANUAL = {"recall": 0.536, "precision": 0.593, "rendering": 0.933, "report": 0.818, "coverage": 0.739}


@pytest.mark.slow
def test_repair_manual_figures_hold():
    extra_document_holds("repair-manual", REPAIR_MANUAL, most_findings_per_problem=1.82)
