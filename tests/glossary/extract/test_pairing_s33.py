"""Session 33 (helper "render8"): renderings and the consistency report on documents nobody
tuned on, for general reasons of the pairing and the report.  Sentences written for the tests;
the last test pins the figures of the session's new unseen document (a materials-science
research paper, ``bench/terms/extra/research-paper``)."""

from pathlib import Path

import pytest
from conftest import ROOT, bench_module


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
