"""The terminology figures on the two development documents cannot silently fall.

Runs bench/terms_quality.py's grading (the real `tm import`, `glossary extract` and
`glossary check` commands on a temporary database) over ../shared/bench/terms/{plan,k8s}
and holds each figure at or above what was measured when it was last improved
(docs/extract.md lists the measurements; docs/wordalign.md the per-occurrence
rendering figure).  Issue 10's targets are higher: these floors
only stop regressions.
"""

import pytest
from conftest import ROOT, SHARED, bench_module

TERMS = SHARED / "bench" / "terms"

# doc -> figure -> floor (measured value, rounded down a little for one-term wobble)
FLOORS = {
    # session 19 (a Latin name and words written as one English compound, a bracketed example):
    # plan recall 0.810 (one term is 0.004), k8s 0.756 (one term 0.012); session 20 (a listed
    # noun written as one English compound; words after two Latin names): k8s 0.780, precision 0.798,
    # plan precision 0.775
    "plan": {"recall": 0.805, "precision": 0.77, "rendering": 0.95, "report": 0.86, "occurrence": 0.91, "coverage": 0.88},
    "k8s": {"recall": 0.77, "precision": 0.79, "rendering": 0.95, "report": 0.88, "occurrence": 0.94, "coverage": 0.92},
}


@pytest.mark.slow
@pytest.mark.parametrize("doc", sorted(FLOORS))
def test_terminology_figures_hold(doc):
    if not (TERMS / doc).is_dir():
        pytest.skip(f"{TERMS / doc} is absent (the shared development data sits beside the clone)")
    result = bench_module("terms_quality").run(doc, TERMS)
    for figure, floor in FLOORS[doc].items():
        assert getattr(result, figure) >= floor, (figure, getattr(result, figure), result)
    assert result.findings_per_problem <= 3.0 and result.max_findings_one_problem <= 3, result


# Documents written for session 31 and kept in the repository (bench/terms/extra/, their gold
# written before any extraction ran on them): figure -> floor, and the findings per known
# problem -> ceiling.  Measured at the session's end (docs/extract.md, session 31).
EXTRA = ROOT / "bench" / "terms" / "extra"
EXTRA_FLOORS = {
    "annual-report": {"rendering": 1.0, "report": 0.44, "coverage": 0.80, "precision": 0.512},   # session 33
    "sdk-guide": {"rendering": 0.95, "report": 0.66, "coverage": 0.84},
}
# (session 32: the annual report's 报告期 "reporting period", found since, is rendered "the period"
# or left out in five of its twelve units, a true finding that no known case lists: 13 findings
# for 9 cases, issue 10 allowing 3 a case)
EXTRA_CEILINGS = {"annual-report": 1.45, "sdk-guide": 1.67}


@pytest.mark.slow
@pytest.mark.parametrize("doc", sorted(EXTRA_FLOORS))
def test_figures_on_the_documents_written_for_session_31_hold(doc):
    result = bench_module("terms_quality").run("", TERMS, folder=EXTRA / doc)
    assert result.doc == doc
    for figure, floor in EXTRA_FLOORS[doc].items():
        assert getattr(result, figure) >= floor, (figure, getattr(result, figure), result)
    assert result.findings_per_problem <= EXTRA_CEILINGS[doc], result
    assert result.max_findings_one_problem <= 3, result


def test_grading_reads_the_gold_conventions():
    """The grader's own rules on made-up rows: tiers from the note, renderings split on ' | ',
    known cases split on ';' and '/', parenthetical remarks dropped."""
    bench = bench_module("terms_quality")
    assert bench._case_terms("生态 (产业生态 / 开发者生态)") == ["生态"]
    assert bench._case_terms("规约; 规范") == ["规约", "规范"]
    assert bench._case_terms("智慧 / 智慧化") == ["智慧", "智慧化"]
    assert bench.norm_zh("Pod 模板（GPU）") == "Pod模板(GPU)"
    assert bench.norm_en("  Pod   Templates ") == "pod templates"


def test_occurrence_grading_reads_the_gold_conventions(tmp_path):
    """Per-occurrence rows: renderings split on ' | ', "(omitted)" is an omission, a leading
    article and a possessive do not make another rendering."""
    bench = bench_module("terms_quality")
    (tmp_path / "gold_occurrences.tsv").write_text(
        "zh\tpair_id\tzh_count\tren_found\n党中央\tP003\t1\tthe Party Central Committee\n"
        "数字人\tP055\t1\t(omitted)\nPod\tP001\t1\tPod | Pods\n", encoding="utf-8")
    rows = bench.load_occurrences(tmp_path)
    assert rows == [("党中央", "P003", ["the Party Central Committee"]), ("数字人", "P055", []),
                    ("Pod", "P001", ["Pod", "Pods"])]
    assert bench.fold_en("The  Party Central Committee") == bench.fold_en("party central committee")
    assert bench.fold_en("the cluster's") == "cluster"
    assert bench.fold_en("Pods") != bench.fold_en("Pod")


def test_an_extra_document_folder_is_read(tmp_path):
    """--extra DIR: one NAME.zh.txt with its NAME.en.txt names the row; a gold with no
    inconsistencies.tsv has no known case."""
    bench = bench_module("terms_quality")
    (tmp_path / "leaflet.zh.txt").write_text("布洛芬片\n", encoding="utf-8")
    (tmp_path / "leaflet.en.txt").write_text("Ibuprofen Tablets\n", encoding="utf-8")
    (tmp_path / "gold_terms.tsv").write_text(
        "zh\ten_in_this_translation\ten_recommended\tkind\tnote\n"
        "布洛芬片\tIbuprofen Tablets\tibuprofen tablets\tdrug\t[T1] zh×1\n", encoding="utf-8")
    name, zh, en = bench.extra_document(tmp_path)
    assert (name, zh.name, en.name) == ("leaflet", "leaflet.zh.txt", "leaflet.en.txt")
    gold = bench.load_gold(tmp_path)
    assert gold.tiers == {"布洛芬片": "T1"} and gold.one_many == [] and gold.many_one == []
