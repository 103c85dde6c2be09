"""The real files of ../shared/bench/realfiles (other tools' TMX, XLIFF, TBX, glossaries):
each imports exactly the units an independent count (bench/realfiles.py, lxml/csv) expects,
and each file without Chinese is refused. Skipped when the folder is absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import ROOT, bench_module
from tm.models import Skipped
from tm.errors import InputError
from tm.exchange import import_file
from tm.memory import store

REAL = ROOT.parent / "shared" / "bench" / "realfiles"
pytestmark = pytest.mark.skipif(not (REAL / "MANIFEST.tsv").exists(),
                                reason=f"{REAL} is not here (evaluation data, not in the repo)")


def _files() -> list[str]:
    if not (REAL / "MANIFEST.tsv").exists():
        return []
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t")]


@pytest.mark.parametrize("rel", _files())
def test_real_file_imports_what_an_independent_count_expects(tmp_path, rel):
    bench = bench_module("realfiles")
    path = REAL / rel
    kind = rel.split("/", 1)[0]
    expect = {"tmx": bench.expect_tmx, "xliff": bench.expect_xliff, "tbx": bench.expect_tbx,
              "glossary": bench.expect_glossary}[kind](path)
    if kind in ("tmx", "xliff"):
        db = store.open_store(tmp_path / "m.db")
        if expect["refuse"]:
            with pytest.raises(InputError, match="no Chinese"):
                import_file(db, path)
            assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
            return
        result = import_file(db, path)
        stored = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
        assert stored == expect["expected"]
        assert result.skipped.count == sum(expect["reasons"].values())
        return
    from glossary.termbase.store import load_glossary_file
    if expect["refuse"]:
        with pytest.raises(InputError, match="no Chinese"):
            load_glossary_file(path, skipped=Skipped())
        return
    skipped = Skipped()
    entries = load_glossary_file(path, skipped=skipped)
    assert len({e.zh for e in entries}) == expect["expected"]
    assert skipped.count == sum(expect["reasons"].values())


def _segments(data: bytes, names: tuple[str, ...]) -> set[str]:
    """The inner XML of every segment element of a file (lxml, independently of our reader)."""
    from lxml import etree
    from tm.formats.inline import inner_xml
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                  remove_comments=True))
    return {inner_xml(el) for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in names}


CODED = ("<bpt", "<ept", "<ph", "<it ", "<g ", "<x ", "<bx ", "<ex ", "<pc ", "<sc ", "<ec ", "<mrk")


@pytest.mark.parametrize("rel", _files())
def test_real_file_inline_codes_round_trip(tmp_path, rel):
    """Files with inline codes: the codes are kept (the text without them is the file's
    text), and the export in the file's own format writes each segment's markup back as the
    file had it; re-imported, the units are the same."""
    import io
    from tm.formats.common import read_units, write_units
    from tm.text import codes as C
    path = REAL / rel
    data = path.read_bytes()
    if not any(tag.encode() in data for tag in CODED):
        pytest.skip("no inline codes")
    fmt = "tmx" if rel.startswith("tmx/") else "xliff"
    try:
        units = list(read_units(path, skipped=Skipped()))
    except InputError as exc:
        assert "no Chinese" in str(exc)         # tested above
        pytest.skip("refused: no Chinese")
    coded = [u for u in units if C.has_codes(u.zh) or C.has_codes(u.en)]
    if not units:
        pytest.skip("no unit imported")
    assert coded and all(u.codes for u in coded)
    version = {}
    if fmt == "xliff":
        version = {"version": "1.2" if b'version="1.2"' in data[:2000] else "2.1"}
    out = io.StringIO()
    write_units(units, out, fmt=fmt, **version)
    written = out.getvalue().encode("utf-8")
    names = ("seg",) if fmt == "tmx" else ("source", "target")
    original = _segments(data, names)
    exported = _segments(written, names)
    mine = {s for s in exported if any(t in s for t in CODED)}
    assert mine and mine <= original, sorted(mine - original)[:3]
    again = list(read_units(io.BytesIO(written), name="again", skipped=Skipped()))
    assert [(u.zh, u.en, u.codes) for u in again] == [(u.zh, u.en, u.codes) for u in units]


def test_align_refuses_a_glossary_of_28623_lines_given_as_the_english_document(tmp_path, runner):
    """4 Chinese sentences against the msterm CSV (28,623 lines) given as a document ran
    for 148 s CPU and 1.35 GB before ending in a warning; now one line, before any work."""
    from tm.cli import cli
    csv_file = REAL / "glossary" / "msterm_Termbase_en_zh_CN.csv"
    if not csv_file.exists():
        pytest.skip(f"{csv_file} is not here")
    zh = tmp_path / "doc.zh.txt"
    zh.write_text("人工智能产业发展迅速。我们建设算力平台。\n数据中心已经投入使用。加强人才培养。\n",
                  encoding="utf-8")
    db = tmp_path / "m.db"
    result = runner.invoke(cli, ["--db", str(db), "align", str(zh), str(csv_file), "--model", "none"])
    assert result.exit_code == 2
    assert result.output == (f"Error: {csv_file}: 28623 sentences against 4 in {zh}: a bead pairs a sentence "
                             f"with at most 4 of the other side, so at most 16 of the 28623 could have a "
                             f"counterpart; are the documents translations of each other?\n")
    assert not db.exists()
