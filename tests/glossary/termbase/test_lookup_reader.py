"""glossary lookup reads the term base with sqlite3 alone: no sqlite-utils, so no numpy."""

import subprocess
import sys

from conftest import ROOT
from glossary.termbase.store import MIGRATIONS, import_file, open_termbase, open_termbase_reader
from glossary.termbase import store
from tm.memory.db import Reader

PROBE = ("import sys; from glossary.cli import cli\n"
         "try:\n    cli(sys.argv[1:], prog_name='glossary')\nexcept SystemExit:\n    pass\n"
         "print(sorted(m for m in ('numpy', 'sqlite_utils', 'pandas') if m in sys.modules), file=sys.stderr)\n")


def test_lookup_imports_neither_sqlite_utils_nor_numpy(tmp_path):
    db = open_termbase(tmp_path / "g.db")
    import_file(db, ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv")
    db.conn.close()
    out = subprocess.run([sys.executable, "-c", PROBE, "--db", str(tmp_path / "g.db"), "lookup", "人工智能"],
                         capture_output=True, text=True, timeout=120)
    assert "artificial intelligence" in out.stdout.lower()
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_reader_only_when_both_schemas_are_current(tmp_path, monkeypatch):
    path = tmp_path / "g.db"
    assert not isinstance(open_termbase_reader(path), Reader)    # created and migrated
    assert isinstance(open_termbase_reader(path), Reader)
    monkeypatch.setattr(store, "MIGRATIONS", MIGRATIONS + [("999_later", lambda db: None)])
    assert not isinstance(open_termbase_reader(path), Reader)
    assert isinstance(open_termbase_reader(path), Reader)
