"""Session 33: a term and the acronym the Chinese declares for it in brackets (图形处理器（GPU）)
were reported as a collision warning when the translation wrote the acronym for both ("GPU",
"GPUs"): one thing named two ways, as an acronym beside its expansion is (info) — read on the
seeds report, where it was one of four false or doubtful warnings of eighteen."""

from tm import TranslationUnit
from tm.memory.store import import_units

from glossary.termbase.consistency import check
from glossary.termbase.store import open_termbase, store_candidates

from _terms import cand


def test_a_term_and_its_declared_acronym_sharing_a_rendering_are_synonyms(db_path):
    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="提升图形处理器（GPU）的供给能力。", en="Increase the supply of GPUs."),
        TranslationUnit(zh="发展国产图形处理器。", en="Develop domestic GPU chips."),
    ])
    store_candidates(db, [cand("图形处理器", ("GPU", 2, [1, 2])), cand("GPU", ("GPUs", 1, [1]))])
    found = {tuple(f.zh): (f.kind, f.severity, f.message) for f in check(db) if f.kind == "collision"}
    assert found[("GPU", "图形处理器")][:2] == ("collision", "info")
    assert found[("GPU", "图形处理器")][2].endswith("(abbreviation and full form: synonyms)")


def test_an_acronym_the_chinese_does_not_declare_for_the_term_still_collides(db_path):
    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="提升中央处理器（CPU）的供给能力。", en="Increase the supply of GPUs."),
        TranslationUnit(zh="发展国产图形处理器。", en="Develop domestic GPU chips."),
    ])
    store_candidates(db, [cand("图形处理器", ("GPU", 2, [1, 2])), cand("GPU", ("GPUs", 1, [1]))])
    found = {tuple(f.zh): (f.kind, f.severity) for f in check(db) if f.kind == "collision"}
    assert found[("GPU", "图形处理器")] == ("collision", "warning")
