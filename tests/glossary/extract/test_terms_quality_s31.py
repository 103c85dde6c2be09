"""The terminology figures on the unseen documents of sessions 31 and 32 cannot silently fall
(floors raised to session 33's figures where its fixes raised them).

``bench/terms/extra/{metformin-insert,ev-charging-std}`` (a drug's package insert and a
GB/T-style charging specification; session 31) and ``{patent-spec,insurance-terms}`` (a
patent specification and an insurance policy, session 32, held out from that session's fixes),
each written with its gold before any extraction ran on it (see their README) are in the repository, so unlike the development documents they
need nothing beside the clone.  Graded as ``bench/terms_quality.py --extra DIR`` grades them
(the real ``tm align``, ``glossary extract`` and ``glossary check`` commands on a temporary
database).  Floors: the figures measured at the end of session 31 (docs/extract.md), rounded
down a little for one-term wobble.  Issue 10's targets (recall 0.85, precision 0.75) are far
higher: these floors only stop regressions.
"""

from pathlib import Path

import pytest
from conftest import ROOT, bench_module

EXTRA = ROOT / "bench" / "terms" / "extra"

# document -> figure -> floor (measured value less about one term)
FLOORS = {
    # session 31 end: 52 candidates, recall 0.426 (29/68 T1), precision 0.673, rendering 1.000,
    # report 0.600 (3/5 known cases), cover 0.789; session 33 (both helpers merged): 51, precision 0.686
    "metformin-insert": {"recall": 0.41, "precision": 0.686, "rendering": 0.95, "report": 0.59, "coverage": 0.75},
    # session 31 end: 55 candidates, recall 0.455 (25/55 T1), precision 0.545, rendering 0.880,
    # report 0.571 (4/7 known cases), cover 0.872; session 33: 54, precision 0.556, rendering 1.000,
    # report 0.857 (6/7), cover 0.897, 3.14 findings a known problem
    "ev-charging-std": {"recall": 0.44, "precision": 0.556, "rendering": 1.0, "report": 0.857, "coverage": 0.897},
    # session 32 end (both helpers merged): 48 candidates, recall 0.545 (24/44 T1), precision 0.625,
    # rendering 1.000, report 0.375 (3/8 known cases), cover 0.865, 3.00 findings a known problem;
    # session 33: 44, recall 0.591, precision 0.727, cover 0.875, 2.62
    "patent-spec": {"recall": 0.591, "precision": 0.727, "rendering": 1.0, "report": 0.375, "coverage": 0.875},
    # session 32 end: 49 candidates, recall 0.481 (26/54 T1), precision 0.673, rendering 0.846,
    # report 0.667 (6/9 known cases), cover 0.667, 3.33 findings a known problem; session 33: 46,
    # precision 0.717, rendering 0.885, cover 0.686, 3.11; session 34: 48, recall 0.500, precision
    # 0.729, rendering 0.889, cover 0.685 (保险责任 found by its heading line, 'Benefits', one of
    # the three renderings the translation used)
    "insurance-terms": {"recall": 0.5, "precision": 0.729, "rendering": 0.889, "report": 0.667, "coverage": 0.685},
}
# document -> the most findings per known problem (session 33's end)
MOST_FINDINGS_PER_PROBLEM = {"patent-spec": 2.62, "insurance-terms": 3.11, "ev-charging-std": 3.14}


@pytest.mark.slow
@pytest.mark.parametrize("doc", sorted(FLOORS))
def test_unseen_document_figures_hold(doc):
    result = bench_module("terms_quality").run("", Path("."), folder=EXTRA / doc)
    assert result.doc == doc
    for figure, floor in FLOORS[doc].items():
        assert getattr(result, figure) >= floor, (figure, getattr(result, figure), result)
    if doc in MOST_FINDINGS_PER_PROBLEM:
        assert result.findings_per_problem <= MOST_FINDINGS_PER_PROBLEM[doc], result
