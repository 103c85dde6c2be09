"""Warming a memory (tm.memory.store.warm, ``tm warm``): the whole database read once into
the page cache, on SQLite and on a server (through pg_prewarm), nothing changed."""

import hashlib
import random
import urllib.parse
import uuid

from click.testing import CliRunner

from conftest import need
from tm.cli import cli
from tm.memory.match import match
from tm.memory.store import import_units, open_store, warm
from tm.models import TranslationUnit

UNITS = [TranslationUnit(zh=f"第{i}条 支持算力技术攻关和平台建设，推动人工智能创新发展。", en=f"Article {i}: support computing "
                         f"power research and platform construction to advance AI innovation.") for i in range(300)]
# one unit long enough, and too varied to compress, that the server keeps its text out of line (TOAST)
_rng = random.Random(3)
UNITS.append(TranslationUnit(zh="".join(chr(_rng.randrange(0x4E00, 0x9FA5)) for _ in range(6000)),
                             en=" ".join(f"w{_rng.randrange(10**6)}" for _ in range(3000))))


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_warm_reads_the_sqlite_file_and_its_log_and_changes_nothing(tmp_path):
    path = tmp_path / "m.db"
    db = open_store(path)
    import_units(db, UNITS)
    files = [p for p in (path, tmp_path / "m.db-wal") if p.exists()]
    before = {p: _digest(p) for p in files}
    done = warm(db)
    assert done.parts == len(files)
    assert done.bytes == sum(p.stat().st_size for p in files)
    assert {p: _digest(p) for p in files} == before


def test_warm_command_says_what_it_read(tmp_path):
    path = tmp_path / "m.db"
    import_units(open_store(path), UNITS[:20])
    result = CliRunner().invoke(cli, ["--db", str(path), "warm"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Read 2 files (") and result.output.rstrip().endswith(" s")
    missing = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "warm"])
    assert missing.exit_code != 0 and "none.db" in missing.output
    assert not (tmp_path / "none.db").exists()


def test_warm_on_a_server_reads_every_table_index_and_toast_table(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA public")
    db = open_store(pg_url)
    import_units(db, UNITS)
    raw = db.conn.raw
    # the main fork of every relation of the memory's schema, and of the TOAST tables and
    # their indexes, measured another way than warm finds them
    own = raw.execute("SELECT coalesce(sum(pg_relation_size(oid)), 0) FROM pg_class "
                      "WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'i', 'm')").fetchone()[0]
    toast = raw.execute("SELECT coalesce(sum(pg_relation_size(reltoastrelid) + pg_indexes_size(reltoastrelid)), 0) "
                        "FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' "
                        "AND reltoastrelid != 0").fetchone()[0]
    assert raw.execute("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = 'units' "
                       "AND relnamespace = current_schema()::regnamespace").fetchone()[0] > 0
    count = raw.execute("SELECT count(*) FROM units").fetchone()[0]
    done = warm(db)
    assert done.bytes == own + toast
    assert raw.execute("SELECT count(*) FROM units").fetchone()[0] == count
    assert match(db, UNITS[3].zh, source="zh", min_score=70, limit=1)[0].unit.zh == UNITS[3].zh
    result = CliRunner().invoke(cli, ["--db", pg_url, "warm"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Read {done.parts} relations (")


def test_warm_on_a_server_without_pg_prewarm_says_how_to_install_it(pg_server):
    import psycopg

    url, why = pg_server
    need(url is not None, why or "PostgreSQL")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(url)
    other = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    try:
        import_units(open_store(other), UNITS[:5])
        result = CliRunner().invoke(cli, ["--db", other, "warm"])
        assert result.exit_code != 0
        assert result.output.startswith("Error: ") and "CREATE EXTENSION pg_prewarm" in result.output
        assert f"-d {name} " in result.output and len(result.output.strip().splitlines()) == 1
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
