"""Session 34: must-find terms missed on the unseen documents written for the bench
(``bench/terms/extra/``), found by general rules: a heading alone on its line rendered by its
line, a heading's general word kept as the genre's name for a part of the document; and the
figures of the session's own unseen document, a household air purifier's user manual
(``bench/terms/extra/appliance-manual``), which no fix was tuned on.  Sentences written for
the tests (a rice cooker's manual, a dishwasher standard, a thesis), none taken from those
documents."""

from pathlib import Path

import pytest
from conftest import ROOT, bench_module

from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit


def _units(pairs):
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(pairs, 1)]


def _listed(pairs):
    return {c.zh: c.en for c in extract(_units(pairs)) if c.score >= DEFAULT_MIN_SCORE}


def test_a_heading_general_words_name_is_listed():
    """A standard's 范围 "Scope" and a thesis's 结论 "Conclusions" head their part alone on their
    line; the heading cue found them, and the discount of an everyday word (范围 is among the
    commonest nouns of jieba's counts) put them under the cut-off.  A heading's general word is
    the genre's own name for a part of the document, not a word of running prose."""
    found = _listed([
        ("1　范围", "1 Scope"),
        ("本标准规定了家用电动洗碗机的术语、技术要求和试验方法。",
         "This standard specifies the terms, technical requirements and test methods for household electric dishwashers."),
        ("本标准适用于额定电压不超过250V的洗碗机。", "This standard applies to dishwashers with a rated voltage not exceeding 250 V."),
    ])
    assert found.get("范围") == "Scope", found
    found = _listed([
        ("4 结论", "4 Conclusions"),
        ("本文采用溶胶凝胶法制备了二氧化钛薄膜。", "Titanium dioxide films were prepared by the sol-gel method."),
        ("退火温度升高后，薄膜的结晶度明显提高。", "The crystallinity of the films rose markedly at higher annealing temperatures."),
    ])
    assert found.get("结论") == "Conclusions", found
