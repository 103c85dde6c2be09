"""Session 33: a table of English varieties side by side (zh, en-US, en-GB: how a client keeps
American and British spellings apart in a spreadsheet) was refused ("the header must name
exactly one en column"), and the CSV/TSV/xlsx exports wrote every English term in one ``en``
column, so a term base read from TBX with its en-US and en-GB terms lost the varieties on the
way through a spreadsheet."""

import csv
import io

import pytest
from lxml import etree

from glossary.formats.tabular import write_csv
from glossary.termbase.store import entries, export_entries, load_glossary_file, merge_entries, open_termbase

TABLE = "zh,en-US,en-GB\n颜色,color,colour\n中心,center,centre\n软件,software,software\n"


def _termbase(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    db = open_termbase(tmp_path / (name + ".db"))
    merge_entries(db, load_glossary_file(path))
    return db


def test_columns_of_english_varieties_are_read_each_with_its_tag(tmp_path):
    db = _termbase(tmp_path, "varieties.csv", TABLE)
    doc = etree.fromstring(export_entries(list(entries(db)), "tbx"))
    by_entry = {}
    for entry in doc.iter("termEntry"):
        by_entry[entry.find("langSet/tig/term").text] = {
            s.get("{http://www.w3.org/XML/1998/namespace}lang"): [t.text for t in s.iter("term")]
            for s in entry.iter("langSet")}
    assert by_entry["颜色"] == {"zh-CN": ["颜色"], "en-US": ["color"], "en-GB": ["colour"]}
    assert by_entry["中心"] == {"zh-CN": ["中心"], "en-US": ["center"], "en-GB": ["centre"]}
    # spelt alike in both varieties: one plain English term
    assert by_entry["软件"] == {"zh-CN": ["软件"], "en": ["software"]}


def test_the_csv_export_writes_a_column_a_variety_and_reads_back_the_same(tmp_path):
    db = _termbase(tmp_path, "varieties.csv", TABLE)
    out = write_csv(entries(db))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:5] == ["zh", "pinyin", "en", "en-GB", "en-US"]
    assert {r["zh"]: (r["en"], r["en-GB"], r["en-US"]) for r in rows} == {
        "颜色": ("", "colour", "color"), "中心": ("", "centre", "center"), "软件": ("software", "", "")}
    again = _termbase(tmp_path, "again.csv", out)
    assert write_csv(entries(again)) == out


def test_a_term_base_without_varieties_keeps_the_one_en_column(tmp_path):
    db = _termbase(tmp_path, "plain.csv", "zh,en\n颜色,colour\n")
    assert write_csv(entries(db)).splitlines()[0] == "zh,pinyin,en,forbidden,kind,status,note,source"


@pytest.mark.parametrize("header", ["zh,en-GB,en-GB", "zh,en,English"])
def test_two_columns_of_one_variety_are_still_refused(tmp_path, header):
    from glossary.errors import InputError
    path = tmp_path / "two.csv"
    path.write_text(header + "\n颜色,colour,color\n", encoding="utf-8")
    with pytest.raises(InputError, match="exactly one en column"):
        list(load_glossary_file(path))
