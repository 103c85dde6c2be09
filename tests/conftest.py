import importlib.util
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
PLAN_ZH = SEEDS / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = SEEDS / "tianjin-ai-action-plan-2025-2027.en.txt"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(autouse=True)
def _no_terminal_size(monkeypatch):
    """Commands fit their tables to ``$COLUMNS`` and print whole cells when it is unset and
    stdout is no terminal, as under a plain ``pytest``: pytest-xdist's workers set
    ``COLUMNS=80``/``LINES=24``, and three tests of whole cells failed under ``-n 2`` only.
    A test of fitting sets ``$COLUMNS`` itself."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh database file; $TM_DB points the CLI at it."""
    path = tmp_path / "test.db"
    monkeypatch.setenv("TM_DB", str(path))
    return path


@pytest.fixture
def runner():
    return CliRunner()


def bench_module(name: str):
    """bench/NAME.py loaded afresh as module ``NAME`` (tests reuse a benchmark's grading)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module



def extra_document_holds(name: str, floors: dict[str, float], *, most_findings_per_problem: float):
    """Grade ``bench/terms/extra/NAME`` as ``bench/terms_quality.py --extra`` grades it (the real
    ``tm align``, ``glossary extract`` and ``glossary check`` on a temporary database) and hold
    each figure (recall, precision, rendering, report, coverage) to its floor and the findings
    per known problem to its ceiling: the pins that stop a document written for the bench from
    silently falling."""
    result = bench_module("terms_quality").run("", Path("."), folder=ROOT / "bench" / "terms" / "extra" / name)
    assert result.doc == name
    for figure, floor in floors.items():
        assert getattr(result, figure) >= floor, (figure, getattr(result, figure), result)
    assert result.findings_per_problem <= most_findings_per_problem, result
    return result

def need(condition: bool, why: str):
    """Skip locally when a tool is missing, but fail in CI, where .ci/run installs it."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI must provide: {why}")
        pytest.skip(why)


@pytest.fixture(scope="session")
def plan_memory(tmp_path_factory):
    """A database with the seeds' pipeline run once (plan aligned, curated glossary
    imported, terms extracted); tests copy it (:func:`copy_db`) before changing it."""
    from glossary.pipeline import run_pipeline
    from tm import open_store

    path = tmp_path_factory.mktemp("plan") / "plan.db"
    db = open_store(path)
    run_pipeline(db, SEEDS, glossary=ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv", exports=False)
    db.conn.close()
    return path


def copy_db(src, dest):
    """A consistent copy of an SQLite database (the backup API, WAL included)."""
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dest) as b:
        a.backup(b)
    return dest


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session: $TM_TEST_PG (as .ci/run starts it), else a
    throw-away cluster of our own (tests/_pgcluster.py), else the reason there is none."""
    if os.environ.get("TM_TEST_PG"):
        yield os.environ["TM_TEST_PG"], None
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        yield None, "psycopg is not installed (pip install -e '.[test]')"
        return
    import _pgcluster
    try:
        cluster = _pgcluster.start()
    except _pgcluster.Unavailable as exc:
        yield None, f"no PostgreSQL server can be started here: {exc}"
        return
    try:
        yield cluster.url, None
    finally:
        _pgcluster.stop(cluster.directory)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database (a schema of its own on the session's server), as a URL."""
    import uuid
    url, why = pg_server
    need(url is not None, why or "PostgreSQL")
    import psycopg
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema},public"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def plan_on_both(request, plan_memory, tmp_path):
    """A copy of :func:`plan_memory` as an SQLite file, or in a fresh PostgreSQL database
    (as `tm copy` brings it): its path or URL."""
    if request.param == "sqlite":
        return copy_db(plan_memory, tmp_path / "plan.db")
    from tm.memory.copy import copy_database
    from tm.memory.store import open_store
    url = request.getfixturevalue("pg_url")
    src, dst = open_store(plan_memory), open_store(url)
    copy_database(src, dst)
    src.conn.close()
    dst.conn.close()
    return url


@pytest.fixture
def pg_locale_url(pg_server):
    """A fresh PostgreSQL database whose default collation is a language's (ICU ``en-US``),
    as on a team's server made with a locale such as Debian's ``en_US.UTF-8``: text the
    tool does not collate itself sorts 'a' < 'B' and ':' < '0' there, unlike SQLite."""
    import uuid
    url, why = pg_server
    need(url is not None, why or "PostgreSQL")
    import psycopg
    name = f"loc_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        try:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                         "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
        except psycopg.Error as exc:          # before PostgreSQL 15, or built without ICU
            pytest.skip(f"no database with an ICU collation here: {exc}")
    from urllib.parse import urlsplit
    base = urlsplit(url)._replace(path="/" + name).geturl()
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    yield base
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


class CountingEmbedder:
    """A stand-in for :class:`tm.align.semantic.Embedder` (no model, so it runs without
    the embed extra): vectors from the text's characters; records what it embeds."""

    name = "use"

    def __init__(self):
        self.calls = []

    def embed(self, texts):
        import numpy as np

        self.calls.append(list(texts))
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in zip(out, texts):
            for ch in text:
                row[ord(ch) % 64] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def workbook(path, *sheets, hidden=(), merge=()):
    """An Excel workbook of ``(title, rows)`` sheets, written by openpyxl: ``hidden``, titles
    of hidden sheets; ``merge``, ``(title, "A2:A3")`` ranges of merged cells."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        if title in hidden:
            ws.sheet_state = "hidden"
    for title, ref in merge:
        wb[title].merge_cells(ref)
    wb.save(path)
    return path
