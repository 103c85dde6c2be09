"""Session 33 (helper "render8"): renderings and the consistency report on documents nobody
tuned on, for general reasons of the pairing and the report.  Sentences written for the tests;
the last test pins the figures of the session's new unseen document (a materials-science
research paper, ``bench/terms/extra/research-paper``)."""

import pytest
from conftest import extra_document_holds


def _renderings(units):
    from tm.models import TranslationUnit

    from glossary.extract.extractor import extract

    found = extract([TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(units, 1)])
    return {c.zh: {r.en: r.units for r in c.renderings} for c in found}


def test_a_word_a_nearer_word_holding_the_same_characters_renders_is_not_the_terms():
    """A policy's 身故保险金 "Death Benefit" took "Insured dies" of "if the Insured dies": 保险
    of the term glosses "insured", and no gloss reads "Benefit".  The unit's one "Insured" is
    被保险人's, the nearer word that holds 保险 whole; the term reads it only through those
    characters, so the span is not the term's, and the memory's reading of its two units
    gives the translator's "Death Benefit"."""
    found = _renderings([
        ("二、身故保险金：被保险人身故的，我们给付身故保险金。",
         "2. Death Benefit: if the Insured dies, we will pay the Death Benefit."),
        ("身故保险金的受益人由投保人指定。", "The beneficiary of the Death Benefit is designated by the Policyholder."),
        ("被保险人应如实填写投保单。", "The Insured shall complete the application form truthfully."),
        ("被保险人年满十八周岁。", "The Insured is at least 18 years old."),
    ])
    assert found["身故保险金"] == {"Death Benefit": [1, 2]}, found["身故保险金"]
    assert found["被保险人"] == {"Insured": [1, 3, 4]}, found["被保险人"]



def test_letters_joined_by_an_ampersand_are_the_initials_of_a_gloss():
    """An annual report's 研发投入 "R&D expenses" (and "R&D expenditure") was not recorded: no
    gloss reads "R&D", so the span read only 投入, or nothing.  Letters joined by "&" are the
    initials of a gloss of as many words (研发 "research and development", 并购 "merger;
    acquisition"): the abbreviation renders that word whole."""
    from glossary.extract.pairing import EnglishUnit, pair

    assert [s.text for s in pair("研发投入", EnglishUnit("The Company's R&D expenses are high."),
                                 context="公司研发投入较大。")] == ["R&D expenses"]
    assert [s.text for s in pair("并购", EnglishUnit("The Company completed two M&A deals."),
                                 context="公司完成两起并购。")] == ["M&A"]
    found = _renderings([
        ("公司研发投入较大，产品更新较快。", "The Company's R&D expenses are high and its products change quickly."),
        ("本年度研发投入增长12%。", "R&D investment grew by 12% this year."),
        ("研发投入占营业收入的10%。", "R&D investment accounted for 10% of revenue."),
    ])
    assert found["研发投入"] == {"R&D investment": [2, 3], "R&D expenses": [1]}, found["研发投入"]

def _renderings_findings(db_path, units, candidates):
    from tm import TranslationUnit
    from tm.memory.store import import_units

    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    db = open_termbase(db_path)
    import_units(db, [TranslationUnit(zh=zh, en=en) for zh, en in units])
    store_candidates(db, candidates)
    return [(f.zh, f.en) for f in check(db) if f.kind == "renderings"]


def test_a_longer_rendering_the_translation_writes_again_is_no_overshoot(db_path):
    """A standard's defined term 供电设备 "EV supply equipment", shortened to "supply equipment"
    in most clauses: the pairing read the longer form once, and the report folded it into the
    usual one as the pairing's overshoot ("contain init containers" beside "init containers").
    The English writes "EV supply equipment" in three units of the term: a rendering the
    translator uses, reported; an overshoot takes in the words of one sentence."""
    from _terms import cand

    units = [
        ("3.2 供电设备", "3.2 EV supply equipment"),
        ("监测电动汽车与供电设备之间的交互。", "Monitors the interaction between the EV and the EV supply equipment."),
        ("模式3采用专用交流供电设备。", "Mode 3 uses dedicated AC EV supply equipment."),
        ("供电设备应设置急停装置。", "The supply equipment shall have an emergency stop."),
        ("供电设备外壳应接地。", "The enclosure of the supply equipment shall be earthed."),
        ("供电设备的防护等级不低于IP54。", "The supply equipment shall be at least IP54."),
    ]
    found = _renderings_findings(db_path, units, [
        cand("供电设备", ("supply equipment", 5, [2, 3, 4, 5, 6]), ("EV supply equipment", 1, [1]))])
    assert found == [(["供电设备"], ["supply equipment", "EV supply equipment"])], found


def test_a_longer_rendering_written_once_is_still_the_usual_one_with_a_neighbour(db_path):
    """The fold stays where the longer form is written in one unit only: "contain init
    containers" beside "init containers" is the usual rendering and a verb beside it."""
    from _terms import cand

    units = [
        ("Pod 可以包含 Init 容器。", "Pods can contain init containers."),
        ("Init 容器总是运行到完成。", "Init containers always run to completion."),
        ("每个 Init 容器必须成功完成。", "Each init container must complete successfully."),
    ]
    found = _renderings_findings(db_path, units, [
        cand("Init 容器", ("init containers", 2, [2, 3]), ("contain init containers", 1, [1]))])
    assert found == [], found


# The session's new unseen document (a materials-science research paper; written with its gold
# before any extraction ran on it, and held out from the session's fixes): the figures measured
# at the session's end (docs/extract.md), as floors — issue 10's targets are far higher; these
# only stop regressions.  Session 33 end: 91 candidates, recall 0.426 (29/68 T1), precision
# 0.407, rendering 0.966, report 0.500 (7/14 known cases), cover 0.679, 2.71 findings a known
# problem.
RESEARCH_PAPER = {"recall": 0.426, "precision": 0.407, "rendering": 0.966, "report": 0.5, "coverage": 0.679}


@pytest.mark.slow
def test_research_paper_figures_hold():
    # (session 34: 2.79, 39 findings; the heading 形貌分析 found as its line's "Morphology",
    # which 形貌 also reads: a collision)
    extra_document_holds("research-paper", RESEARCH_PAPER, most_findings_per_problem=2.79)
