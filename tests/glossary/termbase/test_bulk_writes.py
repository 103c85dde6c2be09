"""`glossary extract` (what it stores: :func:`store_candidates`) and `glossary undo --whole`
on SQLite and on PostgreSQL: the same term base, usage, character index and history on
both, the same as when each candidate and each change was written on its own, and a few
statements a batch rather than several a term (each a round trip to a server: undoing the
msterm CSV's import took 14.7 s there, against 4.4 s on SQLite).

The expected rows are ``tests/golden/termbase-bulk-writes.json``: :func:`scenario` run on
each backend by the code before the batching (that of commit 791d1c7):

    PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=OLD_CODE python tests/glossary/termbase/test_bulk_writes.py OUT.json URL

The two backends' rows differ there in one thing, as they did before: SQLite gives a new
entry the highest id plus one, so an entry made after the deletion of the newest gets its
id again; PostgreSQL's identity never gives an id twice.
"""

import json
import sys
from pathlib import Path

import pytest
from _terms import TERMBASE_TABLES

from glossary.errors import GlossaryError
from glossary.models import Candidate, Entry, Rendering
from glossary.termbase import store
from glossary.termbase.history import history
from glossary.termbase.store import (delete_entries, edit_entry, iter_glossary_file, merge_entries, open_termbase,
                                     store_candidates, undo_changes)

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "termbase-bulk-writes.json"
CLOCK = "2026-01-02T03:04:05Z"


def clock(minute):
    return lambda: f"2026-01-02T03:{minute:02}:00Z"


def cand(zh, *renderings, count=None, score=1.0, kind=None, parts=(), pinyin=""):
    return Candidate(zh=zh, pinyin=pinyin, count=sum(r[1] for r in renderings) if count is None else count,
                     score=score, kind=kind, parts=list(parts),
                     renderings=[Rendering(en, n, list(units)) for en, n, units in renderings])


#: an extraction's candidates meeting what storing them must get right, three a batch: terms
#: the term base holds (decided or not, another width of one), a term met twice in a call
#: (in one batch and across batches: the later count and score win, the usage of both
#: stays), a padded and an empty term, renderings written twice or with extra spaces, an
#: empty rendering, kind, parts and pinyin as given
FIRST = [
    cand("数据", ("data", 3, [1, 2, 3]), ("datum", 1, [4])),
    cand(" 算力 ", ("computing  power", 2, [5, 6]), ("computing power", 1, [7, 5]), score=1.25),
    cand("   ", ("nothing", 1, [8])),
    cand("康养", ("wellness", 2, [9, 10]), ("health care", 1, [11])),
    cand("AI芯片", ("AI chip", 4, [12, 13]), score=2.5),                  # the full-width entry's term
    cand("人工智能", ("AI", 5, [14]), ("artificial intelligence", 2, [15]), score=3.0),
    cand("两重两新", ("two priorities", 1, [16]), kind="policy term", parts=["两重", "两新"]),
    cand("智算", ("intelligent computing", 2, [17, 18]), ("", 1, [19]), pinyin="zhì suàn"),
    cand("智算", ("AI computing", 1, [20]), count=7, score=0.75),          # again in the batch
    *[cand(f"术语{k}", (f"term {k}", k + 1, [100 + k])) for k in range(7)],
    cand("數據", ("data", 2, [30, 31])),
    cand("算力", ("compute", 1, [32]), score=0.5),                         # again, batches later
    cand("术语3", ("term three", 1, [33]), score=4.0),
]
#: the next extraction: terms gone from the memory lose their count, score and usage
SECOND = [
    cand("数据", ("data", 4, [1, 2, 3, 40])),
    cand("术语3", ("term 3", 2, [103, 41])),
    cand("新词", ("new word", 1, [42])),
    cand("ＡＩ芯片", ("AI chip", 1, [12])),
]

IMPORT = [("数据", "data", "", "", "approved"),
          ("算力", "computing power", "", "y", "candidate"),
          *[(f"术语{k}", f"term {k}", "", "", "approved") for k in range(0, 7, 2)],
          ("康养", "wellness", "", "", "approved"),
          *[(f"新术语{k}", f"new term {k}", "", "", "candidate") for k in range(6)],
          ("人工智能", "", "AI", "", "rejected"),
          ("算力", "compute", "", "z", "candidate")]


def _dump(db):
    """Every row of the term base (the history's batch tokens aside: random)."""
    tables = TERMBASE_TABLES
    return {name: [list(r) for r in db.execute(sql).fetchall()] for name, sql in tables.items()}


def _changes(done):
    return [[c.id, c.op, c.zh, c.undone, c.undone_by] for c in done]


def scenario(target, tmp: Path) -> dict:
    """A term base through two extractions, an import and a deletion of several terms, and
    the undoing of both whole (one refused first): the rows after each step, what the
    calls returned and the refusal's message."""
    out = {}
    store.BATCH = 3
    db = open_termbase(target)
    merge_entries(db, [Entry(zh="康养", approved=["health and wellness"], forbidden=["Health Care"],
                             note="policy term", status="approved"),
                       Entry(zh="人工智能", approved=["AI"], status="rejected"),
                       Entry(zh="ＡＩ芯片", approved=["AI chip"], status="approved"),
                       Entry(zh="算力", approved=["computing power"], note="x")],
                  clock=clock(1), who="ann")
    result = store_candidates(db, FIRST, clock=clock(2))
    out["first extraction"] = [result.added, result.merged], _dump(db)
    result = store_candidates(db, SECOND, clock=clock(3))
    out["second extraction"] = [result.added, result.merged], _dump(db)

    path = tmp / "import.tsv"
    path.write_text("zh\ten\tforbidden\tnote\tstatus\n" + "".join("\t".join(r) + "\n" for r in IMPORT),
                    encoding="utf-8")
    merge_entries(db, iter_glossary_file(path), clock=clock(4), who="bob")
    imported = max(c.id for c in history(db))
    delete_entries(db, ["术语3", "康养", "新术语5", "智算"], clock=clock(5), who="carl")
    deleted = max(c.id for c in history(db))
    store_candidates(db, [cand("术语3", ("term 3", 1, [50])), cand("智算", ("AI computing", 1, [51]))],
                     clock=clock(6))                     # extraction proposes two deleted terms again
    edit_entry(db, "智算", note="a person's", clock=clock(7), who="dan")    # one of them a person changes
    edit_entry(db, "新术语2", note="checked", clock=clock(8), who="dan")
    out["before undo"] = _dump(db)
    refused = {}
    for name, change in (("import", imported), ("deletion", deleted)):
        try:
            undo_changes(db, change, who="eve", clock=clock(9), whole=True)
        except GlossaryError as exc:
            refused[name] = str(exc)
    out["refused"] = refused
    out["after refusals"] = _dump(db)
    dan = [c.id for c in history(db) if c.who == "dan"]
    out["undone"] = {"dan": [_changes(undo_changes(db, n, who="dan", clock=clock(10))) for n in dan]}
    out["undone"]["deletion"] = _changes(undo_changes(db, deleted, who="eve", clock=clock(11), whole=True))
    out["undone"]["import"] = _changes(undo_changes(db, imported, who="eve", clock=clock(12), whole=True))
    out["after undo"] = _dump(db)
    db.conn.close()
    return json.loads(json.dumps(out, ensure_ascii=False))      # as the golden file holds it


@pytest.fixture
def batch(monkeypatch):
    monkeypatch.setattr(store, "BATCH", store.BATCH)            # the scenario's own, undone after


def _by_term(dump: dict) -> dict:
    """The rows of a :func:`_dump` with each entry id replaced by the entry's term."""
    term = {row[0]: row[1] for row in dump["entry"]}
    out = dict(dump, entry=[row[1:] for row in dump["entry"]])
    for name in ("rendering", "char", "usage"):
        k = 1 if name == "char" else 0
        out[name] = sorted(row[:k] + [term[row[k]]] + row[k + 1:] for row in dump[name])
    return out


def test_extraction_and_undo_store_the_same_on_both_backends_as_one_by_one(tmp_path, pg_url, batch):
    """The rows after each step, what each call returned and the refusals' messages, on
    SQLite and on a server: the golden file's, those of the candidates and changes written
    one by one; the same on both backends but for the ids SQLite gives again (a term
    extraction proposes after the newest entry was deleted)."""
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = {"sqlite": scenario(str(tmp_path / "g.db"), tmp_path), "postgresql": scenario(pg_url, tmp_path)}
    assert set(expected["sqlite"]["refused"]) == {"import", "deletion"}     # both refused
    assert got["sqlite"] == expected["sqlite"]
    assert got["postgresql"] == expected["postgresql"]
    same = [step for step in got["sqlite"] if got["sqlite"][step] == got["postgresql"][step]]
    assert same == ["first extraction", "second extraction", "refused", "undone"]
    for step in ("before undo", "after refusals", "after undo"):
        assert _by_term(got["sqlite"][step]) == _by_term(got["postgresql"][step])


def _fresh_schema(request) -> str:
    """A URL of a fresh schema on the test session's server, dropped after the test."""
    import uuid

    import psycopg

    url = request.getfixturevalue("pg_url")        # (skips without a server)
    base = request.getfixturevalue("pg_server")[0]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop():
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    request.addfinalizer(drop)
    return url.replace(url[url.index("options="):], f"options=-csearch_path%3D{schema},public")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_entries_put_back_together_get_the_ids_of_one_by_one(tmp_path, request, backend):
    """Entries removed and put back by one undo, in any order: the same rows, ids included,
    as written one at a time (SQLite gives the id a removal freed to the next entry made)."""
    from glossary.termbase.history import decisions
    from glossary.termbase.store import get_entries, restore_entries, transaction

    def decided(zh, en):
        return decisions(Entry(zh=zh, approved=[en], status="approved", note=f"{zh} note"))

    got = []
    for together in (False, True):
        # a fresh database each time (a server's ids are never given twice)
        target = str(tmp_path / f"{together}.db") if backend == "sqlite" else _fresh_schema(request)
        db = open_termbase(target)
        merge_entries(db, [Entry(zh=zh, approved=[en], status="approved") for zh, en in
                           (("数据", "data"), ("算力", "computing power"), ("康养", "wellness"))], clock=clock(1))
        current = get_entries(db, ["数据", "算力", "康养"])
        restores = [("康养", None, current["康养"]), ("智算", decided("智算", "intelligent computing"), None),
                    ("算力", None, current["算力"]), ("术语", decided("术语", "term"), None),
                    ("数据", decided("数据", "datum"), current["数据"])]
        with transaction(db) as conn:
            for part in [restores] if together else [[r] for r in restores]:
                restore_entries(conn, part, CLOCK)
        got.append(_dump(db))
        db.conn.close()
    assert got[0] == got[1]
    assert [row[:2] for row in got[1]["entry"]] == ([[1, "数据"], [3, "智算"], [4, "术语"]] if backend == "sqlite"
                                                    else [[1, "数据"], [4, "智算"], [5, "术语"]])


def _count(monkeypatch):
    """The statements a server is sent: calls of the connection's execute and executemany."""
    from tm.memory import pg

    sent = []
    for name in ("execute", "executemany"):
        method = getattr(pg.Connection, name)
        monkeypatch.setattr(pg.Connection, name, lambda self, sql, *a, _m=method: sent.append(sql) or _m(self, sql, *a))
    return sent


def test_storing_candidates_sends_a_few_statements_a_batch(pg_url, monkeypatch):
    """Storing 3,000 candidates, 1,000 of them terms the term base holds, sends a few
    statements a batch of 1,000, not several a candidate (11,004 before: a read, an insert or
    update, the characters and the usage each)."""
    db = open_termbase(pg_url)
    merge_entries(db, [Entry(zh=f"术语{k}", approved=[f"term {k}"], status="approved") for k in range(0, 3000, 3)])
    sent = _count(monkeypatch)
    result = store_candidates(db, [cand(f"术语{k}", (f"term {k}", 2, [k]), (f"term no. {k}", 1, [k + 1]))
                                   for k in range(3000)])
    assert (result.added, result.merged) == (2000, 1000)
    assert len(sent) < 30, len(sent)


def test_undoing_an_import_whole_sends_a_few_statements_a_batch(runner, tmp_path, pg_url, monkeypatch):
    """`glossary undo --whole` of a 3,000-term import (1,000 entries it changed, 2,000 it
    added) sends a few statements a batch of 1,000, not several a change (17,006 before: the
    entry, its later changes, its restoring and the change marked undone, read each)."""
    from glossary.cli import cli

    merge_entries(open_termbase(pg_url), [Entry(zh=f"术语{k}", approved=[f"term {k}"], status="approved")
                                          for k in range(0, 3000, 3)])
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\n" + "".join(f"术语{k}\tthe term {k}\n" for k in range(3000)), encoding="utf-8")
    assert runner.invoke(cli, ["--db", pg_url, "import", str(path)], catch_exceptions=False).exit_code == 0
    sent = _count(monkeypatch)
    undone = runner.invoke(cli, ["--db", pg_url, "undo", "--whole"], catch_exceptions=False)
    assert undone.exit_code == 0, undone.output
    assert undone.output.startswith("Undid 3000 changes of one write (import;")
    assert len(sent) < 60, len(sent)


if __name__ == "__main__":
    import tempfile
    import uuid

    import psycopg

    url = sys.argv[2]
    schema = f"golden_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rows = {"sqlite": scenario(str(Path(tmp, "g.db")), Path(tmp)),
                    "postgresql": scenario(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public",
                                           Path(tmp))}
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    def lines(value, indent=""):
        """JSON, a row (a list of no lists) a line."""
        if isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value):
            return json.dumps(value, ensure_ascii=False)
        inner = indent + " "
        if isinstance(value, dict):
            items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {lines(v, inner)}" for k, v in value.items()]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        if isinstance(value, list):
            return "[\n" + ",\n".join(inner + lines(v, inner) for v in value) + "\n" + indent + "]"
        return json.dumps(value, ensure_ascii=False)

    Path(sys.argv[1]).write_text(lines(rows) + "\n", encoding="utf-8")
