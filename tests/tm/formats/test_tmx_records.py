"""The import's fast path reads TMX as records (tuples of a unit's fields, no object a
unit): the records are the units read_tmx gives, taken apart; formats without a record
reader of their own give their units taken apart; records and units prepare and import the
same memory; the --pair override is the same on records."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tm.exchange import _with_pair, import_file
from tm.formats.common import record_reader
from tm.formats.tmx import read_tmx, read_tmx_records
from tm.errors import InputError
from tm.memory.store import import_records, import_units, open_store, prepare_records, prepare_units
from tm.models import UNIT_FIELDS, Skipped, TranslationUnit, unit_record

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "formats"

CODED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="EN-US" segtype="sentence" datatype="plaintext" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
{units}
</body></tmx>"""


def coded_tmx(n: int) -> bytes:
    """Units of the shapes an import meets: codes (repeated layouts and one-offs), props,
    notes, variant metadata, tuids, skips (an empty target), x- fields."""
    out = []
    for i in range(n):
        bold = f'<bpt i="1">&lt;b&gt;</bpt>词{i}<ept i="1">&lt;/b&gt;</ept>' if i % 3 else ""
        tuid = f' tuid="u{i}"' if i % 4 == 0 else ""
        props = f'<prop type="file">f{i % 5}.xml</prop>' if i % 2 else '<prop type="x-status">reviewed</prop>'
        note = f"<note>n{i}</note>" if i % 7 == 0 else ""
        en = "" if i % 11 == 5 else f'Word <ph x="{i % 4}">&lt;br/&gt;</ph> number {i}' if i % 3 else f"Plain {i}"
        out.append(f'<tu{tuid} creationdate="20150310T075150Z">{note}{props}'
                   f'<tuv xml:lang="EN-US"><seg>{en}</seg></tuv>'
                   f'<tuv xml:lang="ZH-CN" changeid="W" changedate="2015031{i % 10}T075150Z"><seg>{bold}中文{i}</seg>'
                   f'</tuv></tu>')
    return CODED.format(units="\n".join(out)).encode("utf-8")


SOURCES = {"coded": lambda: coded_tmx(300), "tricky": lambda: (GOLDEN / "tricky.tmx").read_bytes()}


def test_a_record_is_laid_out_as_the_unit_fields():
    unit = TranslationUnit("中", "en", key="k", props={"a": "1"}, codes={"fmt": "tmx"})
    assert len(unit_record(unit)) == len(UNIT_FIELDS)
    assert TranslationUnit(*unit_record(unit)) == unit
    assert dict(zip(UNIT_FIELDS, unit_record(unit)))["key"] == "k"


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("check", [True, False])
def test_tmx_records_are_the_units_of_read_tmx(source, check):
    data = SOURCES[source]()
    skipped_u, skipped_r = Skipped(), Skipped()
    units = list(read_tmx(io.BytesIO(data), name="f.tmx", check=check, skipped=skipped_u))
    records = list(read_tmx_records(io.BytesIO(data), name="f.tmx", check=check, skipped=skipped_r))
    assert units and all(type(r) is tuple for r in records)
    assert [unit_record(u) for u in units] == records
    assert skipped_u.reasons == skipped_r.reasons
    if source == "coded" and check:
        assert skipped_r.count == 27 and any(u.codes for u in units) and any(u.meta for u in units)


def test_the_record_reader_of_tmx_is_its_own_and_of_other_formats_their_units_taken_apart():
    assert record_reader("tmx") is read_tmx_records
    tsv = "zh-CN\ten\n中文\tChinese\n空\t\n".encode("utf-8")
    skipped = Skipped()
    records = list(record_reader("tsv")(io.BytesIO(tsv), name="t.tsv", skipped=skipped, encoding="utf-8"))
    assert records == [unit_record(TranslationUnit("中文", "Chinese"))]
    assert skipped.count == 1


def test_errors_of_the_record_reader_name_file_and_line():
    data = coded_tmx(30).replace(b'<ept i="1">&lt;/b&gt;</ept>', b"", 1)   # an unbalanced pair: still read
    list(read_tmx_records(io.BytesIO(data), name="f.tmx", skipped=Skipped()))
    with pytest.raises(InputError) as err:      # an empty target with --strict: the unit's line
        list(read_tmx_records(io.BytesIO(coded_tmx(30)), name="f.tmx"))
    assert err.value.path == "f.tmx" and err.value.line == 9


def test_records_and_units_prepare_the_same():
    data = coded_tmx(200)
    units = list(read_tmx(io.BytesIO(data), name="f.tmx", skipped=Skipped()))
    records = list(read_tmx_records(io.BytesIO(data), name="f.tmx", skipped=Skipped()))
    for tokens in (True, False):
        assert prepare_units(units, tokens=tokens) == prepare_records(records, tokens=tokens)


def rows(db) -> list:
    return db.conn.execute("SELECT key, pair, position, zh, en, shape, confidence, status, created, changed, "
                           "changed_by, note, props, digest, srclang, zh_lang, en_lang, meta, codes "
                           "FROM units ORDER BY id").fetchall()


def test_records_and_units_import_the_same_memory(tmp_path):
    data = coded_tmx(200)
    a, b = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    import_units(a, read_tmx(io.BytesIO(data), name="f.tmx", skipped=Skipped()), now=lambda: "T")
    import_records(b, read_tmx_records(io.BytesIO(data), name="f.tmx", skipped=Skipped()), now=lambda: "T")
    assert rows(a) == rows(b) and len(rows(a)) == 182


@pytest.mark.parametrize("workers", [1, 2])
def test_a_pair_given_to_the_import_files_every_unit_under_it(tmp_path, workers):
    path = tmp_path / "c.tmx"
    path.write_bytes(coded_tmx(50))
    db = open_store(tmp_path / "m.db")
    import_file(db, path, pair="doc", workers=workers)
    got = rows(db)
    pair_id = db.conn.execute("SELECT id FROM pairs WHERE name = 'doc'").fetchone()[0]
    assert len(got) == 45 and {r[1] for r in got} == {pair_id}
    record = unit_record(TranslationUnit("中", "en", pair="old", key="k"))
    [moved] = _with_pair([record], "new")
    assert moved == unit_record(TranslationUnit("中", "en", pair="new", key="k"))


def test_units_of_one_code_layout_share_codes_in_records_and_own_them_as_units():
    data = coded_tmx(60)
    records = list(read_tmx_records(io.BytesIO(data), name="f.tmx", skipped=Skipped()))
    codes = [r[UNIT_FIELDS.index("codes")] for r in records]
    i, j = next((i, j) for i in range(len(codes)) for j in range(i + 1, len(codes))
                if codes[i] and codes[i] is codes[j])     # the layout's dict, made JSON once on import
    units = list(read_tmx(io.BytesIO(data), name="f.tmx", skipped=Skipped()))
    assert units[i].codes == units[j].codes == codes[j]
    label = next(iter(codes[i]["zh"]))
    units[i].codes["zh"][label] = "changed"     # a unit's codes are its own
    units[i].codes["fmt"] = "changed"
    assert units[j].codes == codes[j] and codes[j]["fmt"] == "tmx" and codes[j]["zh"][label] != "changed"
