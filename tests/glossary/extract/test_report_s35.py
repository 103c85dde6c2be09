"""Session 35 (helper "render10"): renderings and the consistency report on documents nobody
tuned on, for general reasons of the pairing and the report.  Sentences written for the tests;
the last test pins the figures of the session's new unseen document (a chemical safety data
sheet, ``bench/terms/extra/sds-sheet``)."""

import pytest
from conftest import extra_document_holds


def _renderings(units):
    from tm.models import TranslationUnit

    from glossary.extract.extractor import extract

    found = extract([TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(units, 1)], min_score=0)
    return {c.zh: {r.en: r.units for r in c.renderings} for c in found}


def test_a_rendering_of_a_noun_term_spans_no_word_that_makes_a_clause():
    """A noun phrase holds no finite "are", "was", "has", no relative "which" or "who", no
    subject "we": "Parts that are uploaded" is a clause about the parts, no rendering of
    分片上传 "multipart upload", however its glosses (分片 "parts", 上传 "upload") reach both
    ends of it."""
    found = _renderings([
        ("分片上传完成后，服务端合并所有分片。", "After the multipart upload completes, the server merges all parts."),
        ("未完成的分片上传会占用存储空间。", "Parts that are uploaded but never completed still take up storage space."),
        ("大文件建议使用分片上传。", "Multipart upload is recommended for large files."),
    ])
    renderings = found["分片上传"]
    assert "multipart upload" in renderings, renderings
    assert not any(" that " in en or " are " in en for en in renderings), renderings



# The session's new unseen document (a chemical safety data sheet; written with its gold before
# any extraction ran on it, and held out from the session's fixes): the figures measured at the
# session's end (docs/extract.md), as floors — issue 10's targets are far higher; these only stop
# regressions.  Session 35, render10's end: 58 candidates, recall 0.193 (16/83 T1), precision
# 0.431, rendering 0.938, report 0.444 (4/9 known cases), cover 0.750, 2.22 findings a known
# problem (the same at the session's start: the session's fix met nothing in it).
SDS_SHEET = {"recall": 0.193, "precision": 0.431, "rendering": 0.938, "report": 0.444, "coverage": 0.750}


@pytest.mark.slow
def test_sds_sheet_figures_hold():
    # session 36: a label heading its unit before a sentence (test_labels_s36.py) brought five
    # gold labels (recall 0.193 -> 0.301) and 产品名称, whose 产品 "Product" meets 本品's "product"
    # (a words-inside-terms collision): 20 -> 21 findings, 2.22 -> 2.33 a known problem
    extra_document_holds("sds-sheet", SDS_SHEET, most_findings_per_problem=2.33)
