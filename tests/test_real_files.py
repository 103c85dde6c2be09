"""The real files of ../shared/bench/realfiles (other tools' TMX, XLIFF, TBX, glossaries):
each imports exactly the units an independent count (bench/realfiles.py, lxml/csv) expects,
and each file without Chinese is refused. Skipped when the folder is absent."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT
from tm.models import Skipped
from tm.errors import InputError
from tm.exchange import import_file
from tm.memory import store

REAL = ROOT.parent / "shared" / "bench" / "realfiles"
pytestmark = pytest.mark.skipif(not (REAL / "MANIFEST.tsv").exists(),
                                reason=f"{REAL} is not here (evaluation data, not in the repo)")


def _bench():
    spec = importlib.util.spec_from_file_location("realfiles_bench", ROOT / "bench" / "realfiles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files() -> list[str]:
    if not (REAL / "MANIFEST.tsv").exists():
        return []
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t")]


@pytest.mark.parametrize("rel", _files())
def test_real_file_imports_what_an_independent_count_expects(tmp_path, rel):
    bench = _bench()
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
