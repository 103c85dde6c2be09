"""glossary lookup reads the term base with sqlite3 alone: no sqlite-utils, so no numpy."""

from _procs import modules_loaded
from conftest import ROOT
from glossary.termbase.store import MIGRATIONS, import_file, open_termbase, open_termbase_reader
from glossary.termbase import store
from tm.memory.db import Reader


def test_lookup_imports_neither_sqlite_utils_nor_numpy(tmp_path):
    db = open_termbase(tmp_path / "g.db")
    import_file(db, ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv")
    db.conn.close()
    out, heavy = modules_loaded("glossary", ("numpy", "sqlite_utils", "pandas"),
                                "--db", tmp_path / "g.db", "lookup", "人工智能")
    assert "artificial intelligence" in out.lower()
    assert heavy == "[]"


def test_reader_only_when_both_schemas_are_current(tmp_path, monkeypatch):
    path = tmp_path / "g.db"
    assert not isinstance(open_termbase_reader(path), Reader)    # created and migrated
    assert isinstance(open_termbase_reader(path), Reader)
    monkeypatch.setattr(store, "MIGRATIONS", MIGRATIONS + [("999_later", lambda db: None)])
    assert not isinstance(open_termbase_reader(path), Reader)
    assert isinstance(open_termbase_reader(path), Reader)
