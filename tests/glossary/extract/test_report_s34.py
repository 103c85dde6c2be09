"""Session 34 (helper "render9"): renderings and the consistency report on documents nobody
tuned on, for general reasons of the pairing and the report.  Sentences written for the tests;
the last test pins the figures of the session's new unseen document (an environmental impact
assessment report, ``bench/terms/extra/eia-report``)."""

import pytest
from conftest import extra_document_holds


def _renderings(units):
    from tm.models import TranslationUnit

    from glossary.extract.extractor import extract

    found = extract([TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(units, 1)])
    return {c.zh: {r.en: r.units for r in c.renderings} for c in found}


def test_a_cut_no_list_shows_takes_no_rendering_it_reads_no_better():
    """A term the Chinese writes twice in one sentence and the English renders two ways
    ("fire separation distance" … "fire spacing") kept one: 米防火间距, a cut holding the
    measure word of "10米" that reaches no list, read the first rendering too, and a longer
    candidate keeps a shared span unless the shorter reads it clearly better.  A longer
    candidate below the list has no such head start."""
    found = _renderings([
        ("两栋厂房之间设置10米防火间距，防火间距内不得堆放可燃物。",
         "A fire separation distance of 10 m is kept between the two buildings; "
         "no combustibles may be stored within the fire spacing."),
        ("防火间距应符合设计规范。", "The fire separation distance shall comply with the design code."),
    ])
    assert "米防火间距" not in found
    assert found["防火间距"] == {"fire separation distance": [1, 2], "fire spacing": [1]}, found["防火间距"]


def _renderings_findings(db_path, units, candidates):
    from tm import TranslationUnit
    from tm.memory.store import import_units

    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    db = open_termbase(db_path)
    import_units(db, [TranslationUnit(zh=zh, en=en) for zh, en in units])
    store_candidates(db, candidates)
    return [(f.zh, f.en, f.message) for f in check(db) if f.kind == "renderings"]


def test_a_unit_a_longer_reported_term_holds_is_that_terms_evidence(db_path):
    """A paper's 稳定性 "stability" ×3 was reported "otherwise or not at all" in one more unit,
    where it stands only inside 循环稳定性, which the English calls "cyclability" there; that
    longer term's own finding lists the unit (its problem, reported once).  The shorter term
    rendered one way everywhere else has no finding."""
    from _terms import cand

    units = [
        ("材料的结构稳定性较好。", "The material has good structural stability."),
        ("热稳定性有所提高。", "The thermal stability is improved."),
        ("样品的循环稳定性和热稳定性均较好。", "The sample shows good cycling stability and thermal stability."),
        ("铝掺杂提高了循环稳定性。", "Al doping improves the cyclability."),
    ]
    found = _renderings_findings(db_path, units, [
        cand("稳定性", ("stability", 3, [1, 2, 3])),
        cand("循环稳定性", ("cycling stability", 1, [3]))])
    assert [(zh, en) for zh, en, _ in found] == [(["循环稳定性"], ["cycling stability"])], found


def test_a_unit_a_longer_term_renders_without_a_finding_still_counts(db_path):
    """Where the longer term holding the shorter one has no finding of its own (数字人助教系统
    read "digital assistant systems" once), the unit still shows the shorter term left out: the
    finding on 数字人 stays."""
    from _terms import cand

    units = [
        ("建设数字人应用平台。", "Build a platform for digital humans."),
        ("推广数字人技术。", "Promote digital humans technology."),
        ("开发数字人助教系统。", "Develop digital assistant systems."),
    ]
    found = _renderings_findings(db_path, units, [
        cand("数字人", ("digital humans", 2, [1, 2])),
        cand("数字人助教系统", ("digital assistant systems", 1, [3]))])
    assert [(zh, en) for zh, en, _ in found] == [(["数字人"], ["digital humans"])], found
    assert "otherwise or not at all in 1 other unit" in found[0][2], found


# The session's new unseen document (an environmental impact assessment report; written with
# its gold before any extraction ran on it, and held out from the session's fixes): the figures
# measured at the session's end (docs/extract.md), as floors — issue 10's targets are far
# higher; these only stop regressions.  Session 34, render9's end: 63 candidates, recall 0.397 (27/68 T1),
# precision 0.556, rendering 0.963, report 0.308 (4/13 known cases), cover 0.737, 2.38
# findings a known problem (at the session's start: report 0.231, cover 0.711, 2.31).
EIA_REPORT = {"recall": 0.412, "precision": 0.562, "rendering": 0.964, "report": 0.308, "coverage": 0.744}


@pytest.mark.slow
def test_eia_report_figures_hold():
    # (2.38 on render9's branch; 2.46, 32 findings, once terms9's headings, which never saw this
    # document, were merged with it: one candidate found and one finding more, the share unchanged;
    # 2.69, 35 findings, with session 35's heading rule: 6　公众参与 "Public participation" found,
    # its known case reported (report 0.308 -> 0.385) with its word 参与 and a collision 公众/公示
    # "Public")
    extra_document_holds("eia-report", EIA_REPORT, most_findings_per_problem=2.69)
