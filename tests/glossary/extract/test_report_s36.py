"""Session 36 (helper "render11"): renderings and the consistency report on documents nobody
tuned on, for general reasons of the pairing.  Sentences written for the tests; the last test
pins the figures of the session's new unseen document (a crop cultivation technical regulation,
``bench/terms/extra/rice-regulation``)."""

import pytest
from conftest import extra_document_holds


def _renderings(units):
    from tm.models import TranslationUnit

    from glossary.extract.extractor import extract

    found = extract([TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(units, 1)], min_score=0)
    return {c.zh: {r.en: r.units for r in c.renderings} for c in found}


def test_a_rendering_runs_into_no_finite_verb_the_term_does_not_say():
    """A noun term's rendering ends before the clause's predicate: "expires" is a verb and
    nothing else in CC-CEDICT ("to expire"), so "storage period expires" is the subject and
    its verb, not a rendering of 存储期限 "storage period" (期限 "time limit; deadline" reads no
    "expires")."""
    from tm.models import TranslationUnit

    from glossary.extract.extractor import extract

    units = [
        ("我们仅在实现处理目的所必要的最短时间内保留您的个人信息（存储期限），超出存储期限后，我们将对您的个人信息进行删除或匿名化处理。",
         "We keep your personal information only for the shortest time necessary to achieve the purposes of "
         "processing (the retention period). After the storage period expires, we will delete or anonymize "
         "your personal information."),
        ("固体废物主要包括栅渣和污泥。", "Solid waste consists mainly of screenings and sludge."),
    ]
    found = {c.zh: [r.en for r in c.renderings]
             for c in extract([TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(units, 1)], min_score=-99)}
    assert found["存储期限"] == ["storage period"], found["存储期限"]


def test_a_plural_noun_in_s_is_no_finite_verb():
    """A word CC-CEDICT also uses as a noun ("a cluster", "an increase") may end a rendering:
    "industry clusters" is a noun phrase, and so is a term that says the verb itself."""
    from glossary.extract.lexicon import finite_verb

    assert finite_verb("expires") and finite_verb("consists") and finite_verb("withdraws")
    assert not any(finite_verb(w) for w in ("clusters", "increases", "spots", "remains", "means", "process"))


# The session's new unseen document (a crop cultivation technical regulation; written with its
# gold before any extraction ran on it, and held out from the session's fix): the figures
# measured at the session's end (docs/extract.md), as floors — issue 10's targets are far higher;
# these only stop regressions.  Session 36, render11's end: 58 candidates, recall 0.458 (33/72
# T1), precision 0.621, rendering 0.909, report 0.750 (6/8 known cases), cover 0.865, 3.12
# findings a known problem (the same at the session's start: the session's fix met nothing in it).
# Session 39 (terms14): the cover floor at 0.855 — the quantity a clause states the value of found
# 株距 (a must-find term, recall 0.472 → 0.500) with the one English word "spacing" of its span
# "hill spacing", so one more used rendering is counted and not listed (0.868 → 0.855).
RICE_REGULATION = {"recall": 0.458, "precision": 0.621, "rendering": 0.909, "report": 0.750, "coverage": 0.855}


@pytest.mark.slow
def test_rice_regulation_figures_hold():
    extra_document_holds("rice-regulation", RICE_REGULATION, most_findings_per_problem=3.12)
