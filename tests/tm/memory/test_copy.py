"""`tm copy` between SQLite files (the PostgreSQL cases are in test_postgres.py)."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from tm.cli import cli
from tm.memory import store
from tm.models import TranslationUnit


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = store.open_store(tmp_path / "a.db")
    store.import_units(db, [TranslationUnit(zh="已有的句子。", en="A stored sentence.")])
    db.conn.close()
    os.symlink("a.db", tmp_path / "link.db")
    return tmp_path


@pytest.mark.parametrize("src, dst", [("a.db", "a.db"), ("a.db", "./a.db"), ("link.db", "a.db"),
                                      ("a.db", "../{dir}/a.db")])
def test_copy_onto_itself_says_so(here, src, dst):
    """It said the destination is not empty (table documents has rows), as if another
    database were in the way."""
    before = (here / "a.db").read_bytes()
    result = CliRunner().invoke(cli, ["copy", src, dst.format(dir=here.name)])
    assert (result.exit_code, result.output) == \
        (2, "Error: SRC and DST are the same database; copy into a new database\n")
    assert (here / "a.db").read_bytes() == before


def test_copy_to_a_new_file_still_copies(here):
    result = CliRunner().invoke(cli, ["copy", "a.db", "b.db"])
    assert result.exit_code == 0, result.output
    assert [u.zh for u in store.iter_units(store.open_store(here / "b.db"))] == ["已有的句子。"]



def test_a_destination_that_fails_is_named_not_the_default_database(here, monkeypatch):
    """A disk too full for DST's shared-memory file failed while DST was migrated, and the
    line named ./tm.db, the default --db, which tm copy neither reads nor writes."""
    import sqlite3

    from tm.memory import copy
    from tm.memory.pg import file_of
    migrate = copy.migrate

    def full(db, package, migrations):
        if (file_of(db.conn) or "").endswith("b.db"):
            raise sqlite3.OperationalError("disk I/O error")
        return migrate(db, package, migrations)
    monkeypatch.setattr(copy, "migrate", full)
    result = CliRunner().invoke(cli, ["copy", "a.db", "b.db"])
    assert (result.exit_code, result.output) == (2, "Error: b.db: disk I/O error: nothing was written\n")
    assert not (here / "b.db").exists()      # the file this command made, removed again
