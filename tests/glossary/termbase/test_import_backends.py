"""`glossary import` and `glossary export` on SQLite and on PostgreSQL: the same term base,
history and export bytes on both, whatever the batch size, and a few statements a batch
rather than several a term (each a round trip to a server: 80 s for the 24,524-term msterm
CSV, against 9 s on SQLite)."""

import pytest
from _terms import TERMBASE_TABLES

from conftest import ROOT
from glossary.cli import cli
from glossary.errors import InputError
from glossary.models import Candidate, Entry, Rendering
from glossary.termbase import store
from glossary.termbase.review import review_usage, write_review
from glossary.termbase.store import (export_entries, export_view, get_entry, iter_glossary_file, merge_entries,
                                     open_termbase, store_candidates)

CLOCK = "2026-01-02T03:04:05Z"

#: rows of a file meeting what an import must get right: terms met again in other batches
#: (a file sorted by its English), a change of a term undone by a later row (the change
#: removed) and made again, decisions the term base keeps, folded and Traditional writings
ROWS = [
    ("数据", "data", "", "", "approved"),
    ("算力", "computing power", "", "y", "candidate"),
    ("软件", "software", "", "y", "candidate"),
    ("软件", "software", "", "x", "candidate"),      # back to the stored note: no change
    ("康养", "wellness", "", "another note", "approved"),   # the stored note stays (counted)
    ("數據", "data", "", "", "approved"),
    ("ＡＩ芯片", "AI chip", "", "", "approved"),
    *[(f"术语{k}", f"term {k}", "", "", "approved") for k in range(12)],
    ("算力", "computing power", "", "x", "candidate"),   # back to the stored note, a batch later
    ("AI芯片", "AI chips", "", "", "approved"),          # the full-width entry's term
    *[(f"术语{k}", f"term number {k}", "", "", "candidate") for k in range(0, 12, 3)],
    ("数据", "datum", "data set", "", "candidate"),
    ("算力", "compute", "", "z", "candidate"),          # changed again: a new change
    ("人工智能", "artificial intelligence", "", "", "candidate"),   # rejected stays rejected
    ("数据", "data", "", "", "approved"),
]


def _prepare(db):
    """The term base the file is imported into: extraction's candidates (with the memory's
    renderings) and a person's decisions."""
    store_candidates(db, [Candidate("数据", "", [Rendering("data", 3, [1, 2, 3]), Rendering("datum", 1, [4])], 4, 2.5),
                          Candidate("算力", "", [Rendering("computing power", 2, [5, 6])], 2, 1.25),
                          Candidate("软件", "", [Rendering("software", 1, [7])], 1, 0.5)],
                     clock=lambda: CLOCK)
    merge_entries(db, [Entry(zh="康养", approved=["health and wellness"], forbidden=["Health Care"],
                             note="policy term", status="approved"),
                       Entry(zh="人工智能", approved=["AI"], status="rejected"),
                       Entry(zh="算力", approved=["computing power"], note="x"),
                       Entry(zh="软件", approved=["software"], note="x")],
                  clock=lambda: CLOCK, who="ann")


def _import(db, path, *, batch, monkeypatch, keep=False):
    monkeypatch.setattr(store, "BATCH", batch)
    return merge_entries(db, iter_glossary_file(path), clock=lambda: CLOCK, who="bob", keep=keep)


def _dump(db):
    """Every row the term base holds, and its exports."""
    tables = TERMBASE_TABLES
    out = {name: [tuple(r) for r in db.execute(sql).fetchall()] for name, sql in tables.items()}
    for status in ("approved", "all"):
        for fmt in ("tbx", "csv"):
            out[f"{fmt} {status}"] = export_entries(export_view(db, status), fmt)
    candidates = export_view(db, "candidate")
    out["review sheet"] = write_review(candidates, review_usage(db, candidates), delimiter=",").encode("utf-8")
    return out


@pytest.fixture
def glossary_file(tmp_path):
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\tforbidden\tnote\tstatus\n" + "".join("\t".join(r) + "\n" for r in ROWS),
                    encoding="utf-8")
    return path


def test_an_import_stores_the_same_on_both_backends(tmp_path, pg_url, glossary_file, monkeypatch):
    """Term base, history (ids included) and every export byte for byte, on SQLite and on a
    server, in batches of 5 (terms met again in later batches, a change removed a batch
    after it was written)."""
    got = {}
    for name, target in (("sqlite", str(tmp_path / "g.db")), ("postgresql", pg_url)):
        db = open_termbase(target)
        _prepare(db)
        result = _import(db, glossary_file, batch=5, monkeypatch=monkeypatch)
        got[name] = (result.added, result.merged, result.kept), _dump(db)
        db.conn.close()
    assert got["sqlite"][0] == (14, 15, {"note": 1})
    assert got["sqlite"] == got["postgresql"]


def test_batches_change_nothing_but_the_statements(tmp_path, glossary_file, monkeypatch):
    """An import in batches of 1, 5 and 1,000 entries: the same term base, exports and
    history (the changes in the same order; a change written and removed a batch later
    leaves a gap in the ids); each entry as the import returns it is the entry as stored."""
    got = []
    for batch in (1, 5, 1000):
        db = open_termbase(tmp_path / f"{batch}.db")
        _prepare(db)
        result = _import(db, glossary_file, batch=batch, monkeypatch=monkeypatch, keep=True)
        last = {e.zh: e for e in result.entries}
        assert list(last.values()) == [get_entry(db, zh) for zh in last]
        dump = _dump(db)
        dump["history"] = [row[1:] for row in dump["history"]]
        got.append(dump)
    assert got[0] == got[1] == got[2]
    changes = [(zh, after) for _, who, _, zh, _, _, after, *_ in got[0]["history"] if who == "bob"]
    assert len(changes) == len(dict(changes)) == 18     # one change an entry
    assert "软件" not in dict(changes)                  # changed, then back as it was
    assert '"note": "z"' in dict(changes)["算力"]        # removed a batch later, then made again


def test_a_refused_row_in_a_later_batch_writes_nothing(tmp_path, pg_url, glossary_file, monkeypatch):
    """A row that would overturn a decision, three batches into the file: the error names
    it, and nothing of the batches before is kept, on either backend."""
    with open(glossary_file, "a", encoding="utf-8") as fh:
        fh.write("康养\tHealth Care\t\t\tapproved\n")
    for target in (str(tmp_path / "g.db"), pg_url):
        db = open_termbase(target)
        _prepare(db)
        before = _dump(db)
        with pytest.raises(InputError) as err:
            _import(db, glossary_file, batch=5, monkeypatch=monkeypatch)
        assert str(err.value).startswith(f'{glossary_file}:{len(ROWS) + 2}: 康养: the file approves "Health Care", '
                                         f'which the term base forbids; nothing imported')
        assert _dump(db) == before
        db.conn.close()


def _terms_file(tmp_path, n):
    path = tmp_path / f"{n}.tsv"
    path.write_text("zh\ten\tstatus\n" + "".join(
        f"术语{k}\tterm {k}\t{'candidate' if k % 2 else 'approved'}\n" for k in range(n))
        + "".join(f"术语{k}\tterm no. {k}\tcandidate\n" for k in range(0, n, 7)), encoding="utf-8")
    return path


def test_import_and_export_send_a_few_statements_a_batch(runner, tmp_path, pg_url, monkeypatch):
    """On a server each statement is a round trip: an import of 2,000 terms (some met again)
    and its exports send a few statements a batch, not several a term (the import sent
    about 11 a term: 80 s for the msterm CSV's 24,524 terms; an export one or two a term)."""
    from tm.memory import pg

    open_termbase(pg_url).conn.close()          # the schema made: what follows is the commands' own
    sent = []
    for name in ("execute", "executemany"):
        method = getattr(pg.Connection, name)
        monkeypatch.setattr(pg.Connection, name, lambda self, sql, *a, _m=method: sent.append(sql) or _m(self, sql, *a))

    def statements(*args):
        sent.clear()
        result = runner.invoke(cli, ["--db", pg_url, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return len(sent)

    path = _terms_file(tmp_path, 2000)
    assert statements("import", str(path)) < 100
    out = tmp_path / "out"
    assert statements("export", "--format", "tbx", "-o", str(out)) < 20
    assert statements("export", "--format", "csv", "--status", "candidate", "-o", str(out)) < 20
    assert statements("export", "--format", "csv", "--status", "all", "-o", str(out)) < 20


REAL = ROOT.parent / "shared" / "bench" / "realfiles"


@pytest.mark.parametrize("name", ["tbx/git-glossary_zh_Hant.tbx", "glossary/omegat-l10n_zh_CN_glossary.txt",
                                  "glossary/lilium_omegat.txt"])
def test_real_glossaries_store_the_same_on_both_backends(tmp_path, pg_url, monkeypatch, name):
    """Real glossary files (../shared/bench/realfiles: Traditional terms, files written
    English first, UTF-16) imported twice, as candidates and then approved, on both backends."""
    if not (REAL / name).exists():
        pytest.skip(f"{REAL} is not here (evaluation data, not in the repo)")
    got = {}
    for backend, target in (("sqlite", str(tmp_path / "g.db")), ("postgresql", pg_url)):
        db = open_termbase(target)
        for status in ("candidate", "approved"):
            merge_entries(db, iter_glossary_file(REAL / name, default_status=status), clock=lambda: CLOCK,
                          who=status, keep=False)
        got[backend] = _dump(db)
        db.conn.close()
    assert got["sqlite"]["history"] and got["sqlite"] == got["postgresql"]
