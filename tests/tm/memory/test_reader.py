"""The read-only commands open the memory with sqlite3 alone: no sqlite-utils, so no numpy."""

import pytest

from _procs import modules_loaded
from tm.memory import reader, store
from tm.errors import DatabaseError
from tm.memory.db import Reader
from tm.memory.reader import MIGRATION_NAMES
from tm.memory.store import MIGRATIONS, import_units, open_store, open_store_reader
from tm.models import TranslationUnit


def heavy_modules(*args) -> tuple[str, str]:
    return modules_loaded("tm", ("numpy", "sqlite_utils", "pandas", "opencc", "_hashlib"), *args)


def test_match_and_search_import_neither_sqlite_utils_nor_numpy(tmp_path):
    db = tmp_path / "m.db"
    import_units(open_store(db), [TranslationUnit(zh="支持算力技术攻关和平台建设。", en="Support computing power.")])
    out, heavy = heavy_modules("--db", str(db), "match", "支持算力技术攻关和平台建设", "--format", "tsv")
    assert "Support computing power." in out and heavy == "[]"
    out, heavy = heavy_modules("--db", str(db), "search", "算力", "--format", "tsv")
    assert "Support computing power." in out and heavy == "[]"
    # a write command does use sqlite-utils (the check above can fail)
    assert "sqlite_utils" in heavy_modules("--db", str(db), "stats")[1]


def test_matching_loads_neither_opencc_nor_openssl(tmp_path):
    """Start-up of a one-shot match: text is keyed without OpenCC (10-25 ms to load), Simplified
    or Traditional (the key table is data, tm.text.t2s_changed), and nothing on the match path
    hashes (OpenSSL's load: milliseconds)."""
    db = tmp_path / "m.db"
    import_units(open_store(db), [TranslationUnit(zh="支持算力技术攻关和平台建设。", en="Support computing power."),
                                  TranslationUnit(zh="鸮镕堃喆的算力平台。", en="Names outside GB2312.")])
    out, heavy = heavy_modules("--db", str(db), "match", "支持算力技术攻关和平台建设", "--format", "tsv")
    assert "Support computing power." in out and heavy == "[]"
    out, heavy = heavy_modules("--db", str(db), "match", "鸮镕堃喆的算力平台", "--format", "tsv")
    assert "Names outside GB2312." in out and heavy == "[]"
    out, heavy = heavy_modules("--db", str(db), "match", "支持算力技術攻關和平臺建設", "--format", "tsv")
    assert "Support computing power." in out and heavy == "[]"


def test_the_readers_migration_names_are_the_stores_migrations():
    """The reader knows the migrations by name (without the store's code); each name is
    its function's in :data:`tm.memory.store.MIGRATIONS`, in order."""
    assert [name for name, _ in MIGRATIONS] == list(MIGRATION_NAMES)
    assert [f"_m{name}" for name in MIGRATION_NAMES] == [fn.__name__ for _, fn in MIGRATIONS]


def test_reader_only_for_an_up_to_date_memory(tmp_path, monkeypatch):
    path = tmp_path / "r.db"
    assert not isinstance(open_store_reader(path), Reader)     # missing: created by open_store
    assert path.exists() and isinstance(open_store_reader(path), Reader)
    monkeypatch.setattr(store, "MIGRATIONS", MIGRATIONS + [("9999_later", lambda db: None)])
    monkeypatch.setattr(reader, "MIGRATION_NAMES", MIGRATION_NAMES + ("9999_later",))
    assert not isinstance(open_store_reader(path), Reader)     # a migration pending: open_store
    assert isinstance(open_store_reader(path), Reader)          # ... which applied it
    (tmp_path / "not.db").write_text("hello")
    with pytest.raises(DatabaseError, match="not an SQLite database"):   # the usual error
        open_store_reader(tmp_path / "not.db")


def test_id_array_is_the_json_of_the_ids():
    import json

    from tm.memory.db import id_array
    for ids in ([], [7], [3, 1, 4], range(5), [2**63 - 1, 0, -2]):
        assert json.loads(id_array(ids)) == list(ids)
