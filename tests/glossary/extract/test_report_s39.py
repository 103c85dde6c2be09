"""Session 39 (helper "render14"): the consistency report on documents nobody tuned on, for
general reasons of the report.  Sentences written for the tests; the last test pins the figures
of the session's new unseen document (a fixed-term labour contract,
``bench/terms/extra/labour-contract``)."""

import pytest
from conftest import extra_document_holds


def _wordings(db_path, units, candidates):
    """The report's "2 wordings share one rendering" findings over a memory of ``units``
    ((zh, en) pairs) and the stored ``candidates``."""
    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [TranslationUnit(zh=zh, en=en) for zh, en in units])
    store_candidates(db, candidates)
    return sorted((f.zh, f.en) for f in check(db) if "wordings share" in f.message)


def test_a_rendering_the_two_wordings_common_word_explains_is_no_collision(db_path):
    """中华人民共和国境内 is "People's Republic of China" (the pairing kept the words its
    first word gives), and 中华人民共和国个人信息保护法's rendering holds that phrase: read as
    before, the whole longer term would be another wording sharing it.  But every word of the
    shared rendering is a gloss of 中华人民共和国, the word the two have in common, so the English
    says nothing of where they differ (境内 / 个人信息保护法): one word read in both, no two
    wordings given one rendering.  政务数据归集 "government data collection" and 数据采集 "data
    collection" share 数据 too, but "collection" is no gloss of 数据: the rendering names 数据采集
    as against 数据归集, and they collide."""
    from _terms import cand

    assert _wordings(db_path, [], [
        cand("中华人民共和国境内", ("People's Republic of China", 1, [1])),
        cand("中华人民共和国个人信息保护法", ("Personal Information Protection Law of the People's Republic of China", 1, [2])),
        cand("数据采集", ("data collection", 1, [3])),
        cand("政务数据归集", ("government data collection", 1, [4]))]) == [
        (["归集", "采集", "数据归集", "数据采集"], ["data collection"])]


def _renderings(db_path, candidates):
    """The report's renderings findings over the stored ``candidates`` (no memory)."""
    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates

    db = open_termbase(db_path)
    store_candidates(db, candidates)
    return sorted((f.zh, f.en) for f in check(db) if f.kind == "renderings")


def test_a_longer_rendering_whose_next_word_glosses_a_character_of_the_term_is_another(db_path):
    """基肥 is "fertilizer" twice and "base fertilizer" once: the longer one holds the usual
    one whole, which is how the pairing's overshoot looks ("contain init containers"), but the
    word right before it, "base", is the CC-CEDICT gloss of 基, a character of the term that
    "fertilizer" does not render (肥 "fertilizer"): an English compound's modifier, the term
    rendered more fully, so 基肥 is rendered two ways.  So is 共沉淀法 "co-precipitation method"
    beside "co-precipitation" (法 "method", the word right after).  A character's gloss read
    further off is no such word: "medical" of "medical certificate issued by a specialist"
    (医 "medical") beside "specialist" ×2 for 专科医生 is the usual rendering with its sentence
    around it."""
    from _terms import cand

    assert _renderings(db_path, [
        cand("基肥", ("fertilizer", 2, [1, 2]), ("base fertilizer", 1, [3])),
        cand("共沉淀法", ("co-precipitation", 2, [4, 5]), ("co-precipitation method followed", 1, [6])),
        cand("专科医生", ("specialist", 2, [7, 8]), ("medical certificate issued by a specialist", 1, [9]))]) == [
        (["共沉淀法"], ["co-precipitation", "co-precipitation method followed"]),
        (["基肥"], ["fertilizer", "base fertilizer"])]


def test_a_rendering_does_not_run_across_coordinates_that_share_their_head():
    """A Chinese list 农业防治、物理防治和生物防治 is written "agricultural control, physical
    control and biological control": the coordinates share their head noun, and a term names
    one of them.  A span across the "and" ("control and biological") reads 防治 in the
    coordinate before and 生物 in the term's own, so it is no rendering; the term's is the
    coordinate that ends in the head after it ("biological control", "money market funds",
    "female coupler").  "research and development" for 研发 joins no coordinates ending alike."""
    from glossary.extract.pairing import EnglishUnit, pair

    def rendering(term, zh, en):
        return [s.text for s in pair(term, EnglishUnit(en), context=zh)]

    assert rendering("生物防治", "优先采用农业防治、物理防治和生物防治。",
                     "Give priority to agricultural control, physical control and biological control.") == [
        "biological control"]
    assert rendering("货币市场基金", "投资于股票、债券和货币市场基金。",
                     "It invests in stocks, bonds, funds and money market funds.") == ["money market funds"]
    assert rendering("母接头", "公接头与母接头连接。", "The male coupler and a female coupler are connected.") == [
        "female coupler"]
    assert rendering("研发", "支持研发和应用。", "Support research and development and application.") == [
        "research and development"]


def test_a_gloss_inside_an_english_word_reads_the_longer_term_only_in_a_compound(db_path):
    """材料结构稳定性 and 结构稳定性 both "structural stability": the longer term's rendering reads
    nothing of 材料 "material", so it is a rendering cut short to the shorter term's, not two
    terms given one rendering.  The glosses of 材料's characters hold "ability" (材), and
    "stability" holds those letters, but "st" is no word: a gloss inside an English word reads
    the term only where the word is a compound of it and another word ("workload": "work" and
    "load", 工作 of 工作负载资源, which with 负载资源 "workload resources" still collides)."""
    from glossary.termbase.consistency import check
    from glossary.termbase.store import open_termbase, store_candidates
    from _terms import cand

    db = open_termbase(db_path)
    store_candidates(db, [cand("结构稳定性", ("structural stability", 2, [1, 2])),
                          cand("材料结构稳定性", ("structural stability", 1, [3])),
                          cand("负载资源", ("workload resources", 2, [4, 5])),
                          cand("工作负载资源", ("workload resources", 1, [6]))])
    assert [f.zh for f in check(db) if f.kind == "collision"] == [["工作负载资源", "负载资源"]]


# The session's new unseen document (a fixed-term labour contract; written with its gold before
# any extraction ran on it, and held out from the session's fixes): the figures measured at the
# session's end (docs/extract.md), as floors — issue 10's targets are far higher; these only stop
# regressions.  Session 39, render14's start (5e98471): 50 candidates, recall 0.483 (29/60 T1),
# precision 0.800, rendering 1.000, report 0.579 (11/19 known cases), cover 0.754, 1.63 findings a
# known problem; at the end the same but 1.58 (one finding on no known case fewer).
LABOUR_CONTRACT = {"recall": 0.483, "precision": 0.8, "rendering": 1.0, "report": 0.579, "coverage": 0.754}


@pytest.mark.slow
def test_labour_contract_figures_hold():
    extra_document_holds("labour-contract", LABOUR_CONTRACT, most_findings_per_problem=1.58)
