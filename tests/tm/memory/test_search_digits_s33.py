"""Session 33: a concordance query for a formula or a unit finds it however its digits are
written (CO2 finds CO₂, m2 finds m², and the reverse): the full-text index holds CO2 and CO₂
as two words, so a search for one missed every unit written with the other."""

import pytest

from tm.memory.search import search
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit

UNITS = [("二氧化碳（CO₂）排放量下降。", "CO₂ emissions fell.", "u:1"),
         ("二氧化碳排放", "CO2 emissions", "u:2"),
         ("面积为50平方米。", "The area is 50 m².", "u:3"),
         ("面积为60平方米。", "The area is 60 m2.", "u:4"),
         ("水的分子式", "The formula of water is H₂O.", "u:5"),
         ("共有5个。", "There are 5 of them.", "u:6")]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    target = tmp_path / "s.db" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = open_store(target)
    import_units(db, [TranslationUnit(zh=zh, en=en, key=k) for zh, en, k in UNITS])
    yield db
    db.conn.close()


@pytest.mark.parametrize("query, keys", [
    ("CO2", ["u:1", "u:2"]),
    ("CO₂", ["u:1", "u:2"]),
    ("co2 emissions", ["u:1", "u:2"]),
    ("m2", ["u:3", "u:4"]),
    ("m²", ["u:3", "u:4"]),
    ("50 m2", ["u:3"]),
    ("H2O", ["u:5"]),
])
def test_a_formula_or_unit_is_found_however_its_digits_are_written(store, query, keys):
    assert [h.unit.key for h in search(store, query)] == keys


def test_the_hit_spans_are_the_text_as_written(store):
    (hit,) = search(store, "H2O")
    start, end = hit.spans[0]
    assert hit.unit.en[start:end] == "H₂O"


def test_a_number_alone_stays_a_number(store):
    """5 is not ⁵ nor ₅: only words of letters and digits are written otherwise."""
    assert [h.unit.key for h in search(store, "are 5")] == ["u:6"]
