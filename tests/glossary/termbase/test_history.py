"""The term base's history: every change a person makes is recorded and can be undone
(`glossary history`, `glossary undo`), on SQLite and on PostgreSQL."""

import contextlib
import json
import re

import pytest

from glossary.cli import cli
from glossary.errors import GlossaryError
from glossary.models import Candidate, Entry, Rendering
from glossary.termbase.history import history
from glossary.termbase.store import (delete_entry, edit_entry, get_entry, merge_entries, open_termbase, set_status,
                                     store_candidates, undo)
from glossary.termbase.store import usage as store_usage


def run(runner, *args, code=0):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def lines(text):
    return [line for line in text.splitlines() if line]


def test_each_decision_is_recorded_with_who_and_what_changed(runner, db_path, monkeypatch):
    monkeypatch.setenv("TM_USER", "alice")
    run(runner, "add", "康养", "--en", "health and wellness")
    run(runner, "approve", "康养", "--en", "wellness", "--by", "bob")
    run(runner, "edit", "康养", "--forbidden", "Health Care", "--note", "a policy term")
    run(runner, "reject", "康养")
    out = lines(run(runner, "history").output)
    assert [line.split(" ", 2)[0] for line in out] == ["#4", "#3", "#2", "#1"]
    assert out[0].endswith("reject by alice: 康养: status approved \u2192 rejected")
    assert out[1].endswith("edit by alice: 康养: forbidden + \u201cHealth Care\u201d; note none \u2192 \u201ca policy term\u201d")
    assert out[2].endswith("approve by bob: 康养: approved + \u201cwellness\u201d")
    assert out[3].endswith("add by alice: 康养: new entry: approved, approved \u201chealth and wellness\u201d")
    rows = json.loads(run(runner, "history", "康养", "--format", "json").output)
    assert rows[0]["before"]["status"] == "approved" and rows[0]["after"]["status"] == "rejected"
    assert rows[0]["after"]["approved"] == ["health and wellness", "wellness"]
    assert rows[-1]["before"] is None
    assert len(json.loads(run(runner, "history", "--limit", "1", "--format", "json").output)) == 1
    assert "No changes recorded for 算力." in run(runner, "history", "算力").output


def test_undo_puts_each_change_back_latest_first(runner, db_path):
    run(runner, "add", "康养", "--en", "health and wellness", "--by", "alice")
    run(runner, "edit", "康养", "--en", "wellness industry", "--by", "bob")
    run(runner, "reject", "康养", "--by", "bob")
    # the approval bob's edit replaced is not lost: the history holds it, undo brings it back
    refused = run(runner, "undo", "2", code=2)
    assert "Error: cannot undo change #2 (edit of 康养): it changed since (undo the later change #3 first)" \
        in refused.output
    # undo without a number takes one's own latest change: carol has none, bob's is #3
    assert "Error: nothing of carol's to undo (glossary history lists every change; glossary undo CHANGE " \
        "undoes one by its number)" in run(runner, "undo", "--by", "carol", code=2).output
    out = run(runner, "undo", "3", "--by", "carol").output
    assert out.startswith("Undid #3 reject of 康养: status approved \u2192 rejected\n")
    assert "康养 (kāng yǎng) [approved]: wellness industry" in out
    out = run(runner, "undo", "--by", "bob").output
    assert out.startswith("Undid #2 edit of 康养")
    assert "康养 (kāng yǎng) [approved]: health and wellness" in out
    out = run(runner, "undo", "--by", "alice").output
    assert "康养: no longer in the term base" in out
    assert "Error: nothing to undo" in run(runner, "undo", code=2).output
    assert "Error: change #1 was already undone" in run(runner, "undo", "1", code=2).output
    assert "Error: no change #9 (see glossary history)" in run(runner, "undo", "9", code=2).output
    top = lines(run(runner, "history").output)[0]
    assert top.startswith("#3 ") and top.endswith("by carol)")


def test_an_import_records_what_it_changed_and_nothing_else(runner, db_path, tmp_path):
    run(runner, "add", "算力", "--en", "computing power")
    sheet = tmp_path / "terms.tsv"
    sheet.write_text("zh\ten\n算力\tcomputing power\n", encoding="utf-8")
    run(runner, "import", str(sheet))
    assert len(lines(run(runner, "history").output)) == 1           # nothing changed: nothing recorded
    sheet.write_text("zh\ten\tforbidden\tstatus\n算力\tcompute\tcomputing power\tapproved\n", encoding="utf-8")
    run(runner, "import", str(sheet), "--overwrite", "--by", "dora")
    top = lines(run(runner, "history").output)[0]
    assert "import by dora: 算力:" in top and "\u2212 \u201ccomputing power\u201d" in top
    assert run(runner, "undo", "--by", "dora").output.endswith("算力 (suàn lì) [approved]: computing power\n")
    db = open_termbase(db_path)
    assert get_entry(db, "算力").approved == ["computing power"] and get_entry(db, "算力").forbidden == []


def test_a_review_sheet_is_recorded_as_review(runner, db_path, tmp_path):
    db = open_termbase(db_path)
    store_candidates(db, [Candidate(zh="算力", pinyin="", renderings=[Rendering(en="computing power", count=2, units=[1])],
                                    count=2, score=3.0)])
    sheet = tmp_path / "review.csv"
    run(runner, "export", "--format", "csv", "--status", "candidate", "-o", str(sheet))
    text = sheet.read_text(encoding="utf-8-sig").splitlines()
    head = text[0].split(",")
    row = text[1].split(",")
    row[head.index("decision")] = "approve"
    sheet.write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8")
    run(runner, "import", str(sheet), "--by", "erin")
    (change,) = history(open_termbase(db_path))
    assert (change.op, change.who, change.before["status"], change.after["status"]) == \
        ("review", "erin", "candidate", "approved")


def test_extraction_is_not_a_persons_change(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [Candidate(zh="算力", pinyin="", renderings=[Rendering(en="computing power", count=2, units=[1])],
                                    count=2, score=3.0)])
    assert history(db) == []


def test_a_deleted_entry_comes_back_unless_its_term_exists_again(db_path):
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="算力", approved=["computing power"], status="approved", note="n")], who="a")
    delete_entry(db, "算力", who="b")
    assert get_entry(db, "算力") is None
    assert history(db)[0].summary() == "entry deleted (it was approved, approved \u201ccomputing power\u201d)"
    back = undo(db, who="c")
    assert (back.op, back.undone_by) == ("delete", "c")
    entry = get_entry(db, "算力")
    assert (entry.status, entry.approved, entry.note) == ("approved", ["computing power"], "n")
    delete_entry(db, "算力")
    merge_entries(db, [Entry(zh="算力", approved=["compute"])], who="d")          # a person adds it again
    with pytest.raises(GlossaryError, match=r"cannot undo change #3 \(delete of 算力\): the term exists again "
                                            r"\(undo the later change #4 first\)"):
        undo(db, 3)


def test_a_change_by_another_tool_blocks_undo_with_a_reason(db_path):
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="算力", approved=["computing power"], status="approved")])
    db.execute("UPDATE glossary_entry SET note = 'by hand' WHERE zh = '算力'")
    db.conn.commit()
    # extraction changes no decided field (and a term it proposes again does not block the
    # undo of its deletion): the hint named it, and a history that holds no such change
    with pytest.raises(GlossaryError, match=r"it changed since \(by another tool or by hand in the database: "
                                            r"no change of the history did it\)$"):
        undo(db)


def test_undo_puts_back_fields_the_change_emptied(db_path):
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="算力", approved=["computing power"], status="approved")])
    merge_entries(db, [Entry(zh="算力", note="a note", kind="technology")])
    undo(db)
    entry = get_entry(db, "算力")
    assert (entry.note, entry.kind) == (None, None)


def test_history_on_postgresql(pg_url):
    db = open_termbase(pg_url)
    merge_entries(db, [Entry(zh="康养", approved=["health and wellness"], status="approved")], who="a")
    set_status(db, "康养", "rejected", who="b")
    changes = history(db, "康养")
    assert [(c.op, c.who) for c in changes] == [("reject", "b"), ("import", "a")]
    undo(db, who="c")
    assert get_entry(db, "康养").status == "approved"
    undo(db)
    assert get_entry(db, "康养") is None
    assert [c.undone is not None for c in history(db)] == [True, True]


def test_edit_with_an_empty_note_clears_it_and_undo_brings_it_back(runner, db_path, monkeypatch):
    """`glossary edit --note ''` left the note as it was (an edit merged the empty value
    away), with exit 0."""
    monkeypatch.setenv("TM_USER", "ann")
    run(runner, "add", "康养", "--en", "health and wellness", "--note", "old note", "--source", "a URL")
    run(runner, "edit", "康养", "--note", "", "--source", "")
    db = open_termbase(db_path)
    assert (get_entry(db, "康养").note, get_entry(db, "康养").source) == (None, None)
    assert lines(run(runner, "history").output)[0].endswith(
        "edit by ann: 康养: note \u201cold note\u201d \u2192 none; "
        "source \u201ca URL\u201d \u2192 none")
    run(runner, "undo")
    assert get_entry(open_termbase(db_path), "康养").note == "old note"


def test_delete_removes_entries_all_or_none_and_undo_brings_one_back(runner, db_path):
    run(runner, "add", "康养", "--en", "health and wellness", "--by", "a")
    run(runner, "add", "算力", "--en", "computing power", "--by", "a")
    refused = run(runner, "delete", "康养", "不存在", code=2)
    assert "Error: 不存在: no such term in the term base" in refused.output
    db = open_termbase(db_path)
    assert get_entry(db, "康养") is not None                     # nothing removed
    out = run(runner, "delete", "康养", "算力", "康养", "--by", "b").output
    assert out.splitlines() == ["deleted 康养 (kāng yǎng) [approved]: health and wellness",
                                "deleted 算力 (suàn lì) [approved]: computing power"]
    assert [(c.op, c.zh, c.who) for c in history(db)][:2] == [("delete", "算力", "b"), ("delete", "康养", "b")]
    run(runner, "undo", "3")
    assert get_entry(open_termbase(db_path), "康养").approved == ["health and wellness"]


def test_history_and_undo_keep_each_change_on_one_line(runner, db_path):
    """A line break in who made a change or in a note printed the history's change across
    several lines (printable() keeps line feeds), one of which can read as another change."""
    run(runner, "add", "康养", "--en", "health", "--by", "eve\n#9 2026-01-01T00:00:00Z add by root")
    run(runner, "edit", "康养", "--note", "first line\nsecond line", "--by", "eve")
    out = re.sub(r"^(#\d) \S+ ", r"\1 ", run(runner, "history").output, flags=re.M)
    assert out.splitlines() == [
        "#2 edit by eve: 康养: note none \u2192 \u201cfirst line\\nsecond line\u201d",
        "#1 add by eve\\n#9 2026-01-01T00:00:00Z add by root: 康养: new entry: approved, approved \u201chealth\u201d"]
    undone = run(runner, "undo", "--by", "eve").output
    assert undone.splitlines()[0] == ("Undid #2 edit of 康养: note none \u2192 "
                                      "\u201cfirst line\\nsecond line\u201d")


def test_undo_of_a_delete_after_extraction_proposed_the_term_again(db_path):
    """Extraction re-adds a deleted term as a candidate (no person's change): undoing the
    deletion was refused for good, the approved entry lost to undo."""
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="算力", approved=["computing power"], status="approved", note="n")], who="a")
    delete_entry(db, "算力", who="b")
    store_candidates(db, [Candidate(zh="算力", pinyin="", renderings=[Rendering(en="compute", count=2, units=[1])],
                                    count=2, score=3.0)])
    undo(db, who="c")
    entry = get_entry(db, "算力")
    assert (entry.status, entry.approved, entry.note) == ("approved", ["computing power"], "n")
    assert [r.en for r in store_usage(db, "算力")] == ["compute"]        # the memory's usage stays


def test_a_deletion_records_the_entry_as_it_was_when_deleted(db_path, monkeypatch):
    """delete read the entries before its write transaction: an approval made in between was
    recorded as never made, and undo of the deletion put back the candidate."""
    import glossary.termbase.store as store
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="算力", approved=["computing power"])], who="a")
    other = open_termbase(db_path)
    real = store.transaction

    @contextlib.contextmanager
    def racing(db_):
        monkeypatch.setattr(store, "transaction", real)
        set_status(other, "算力", "approved", who="b")          # another process, meanwhile
        with real(db_) as conn:
            yield conn

    monkeypatch.setattr(store, "transaction", racing)
    delete_entry(db, "算力", who="c")
    assert history(db)[0].before["status"] == "approved"
    undo(db)
    assert get_entry(db, "算力").status == "approved"


def test_an_import_is_one_change_of_each_entry_it_touches(runner, db_path, tmp_path):
    """A file with a row per rendering (OmegaT's way, or a TSV) recorded one change per row:
    undo took back the last row alone and left the entry half imported."""
    run(runner, "add", "康养", "--en", "wellness")
    sheet = tmp_path / "terms.tsv"
    sheet.write_text("zh\ten\n算力\tcomputing power\n康养\thealth care\n算力\tcompute\n算力\tcomputing power\n",
                     encoding="utf-8")
    run(runner, "import", str(sheet), "--by", "dora")
    changes = history(open_termbase(db_path))
    assert [(c.op, c.zh) for c in changes] == [("import", "康养"), ("import", "算力"), ("add", "康养")]
    assert changes[1].before is None and changes[1].after["approved"] == ["computing power", "compute"]
    run(runner, "undo", "2")
    run(runner, "undo", "--by", "dora")
    db = open_termbase(db_path)
    assert get_entry(db, "算力") is None and get_entry(db, "康养").approved == ["wellness"]


def test_a_change_of_parts_or_of_a_long_note_reads_in_one_short_line(runner, db_path):
    """Parts were shown as a Python list (['科技', '创新']), and a note of a few thousand
    characters was printed whole, twice, in its history line."""
    run(runner, "add", "科技创新", "--en", "sci-tech innovation", "--part", "科技", "--part", "创新",
        "--note", "x" * 3000)
    run(runner, "edit", "科技创新", "--part", "科技", "--note", "y" * 3000, "--by", "ann")
    top = lines(run(runner, "history").output)[0]
    assert top.split(": ", 2)[2] == ("note \u201c" + "x" * 60 + "\u2026\u201d (3000 characters) \u2192 \u201c"
                                     + "y" * 60 + "\u2026\u201d (3000 characters); "
                                     "parts \u201c科技\u201d | \u201c创新\u201d \u2192 \u201c科技\u201d")
    full = json.loads(run(runner, "history", "--format", "json").output)[0]
    assert full["after"]["note"] == "y" * 3000                  # the data is whole


@pytest.mark.parametrize("write", [
    lambda db: edit_entry(db, "算力", note="a note", who="c"),
    lambda db: set_status(db, "算力", "approved", en=["compute"], who="c"),
])
def test_an_edit_or_approval_keeps_what_another_writer_did_meanwhile(db_path, monkeypatch, write):
    """edit and approve built the new entry from one read before their write transaction:
    a rendering another person approved in between was dropped (the history showed it
    removed, by someone who never removed it)."""
    import glossary.termbase.store as store
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="算力", approved=["computing power"], status="approved")], who="a")
    other = open_termbase(db_path)
    real = store.transaction

    @contextlib.contextmanager
    def racing(db_):
        monkeypatch.setattr(store, "transaction", real)
        set_status(other, "算力", "approved", en=["computility"], who="b")      # another process, meanwhile
        with real(db_) as conn:
            yield conn

    monkeypatch.setattr(store, "transaction", racing)
    write(db)
    assert "computility" in get_entry(db, "算力").approved
    assert "\u2212" not in history(db)[0].summary()


def test_a_whole_import_is_undone_at_once_all_or_none(runner, db_path, tmp_path):
    """An import of N entries was N changes: putting a wrong file back took N undos, one by
    one.  `glossary undo --whole` undoes every change of the write, in one transaction, or
    none of them when an entry changed since."""
    run(runner, "add", "康养", "--en", "health and wellness", "--by", "ann")
    terms = tmp_path / "terms.tsv"
    terms.write_text("zh\ten\n康养\twellness\n算力\tcomputing power\n智算\tintelligent computing\n"
                     "数据集\tdatasets\n", encoding="utf-8")
    run(runner, "import", str(terms), "--by", "ann")
    db = open_termbase(db_path)
    assert sorted(c.zh for c in history(db) if c.op == "import") == ["康养", "数据集", "智算", "算力"]
    run(runner, "approve", "智算", "--en", "AI computing", "--by", "bob")
    refused = run(runner, "undo", "--whole", "2", "--by", "ann", code=2)
    assert "智算" in refused.output and "nothing of its write's 4 changes undone" in refused.output
    assert get_entry(open_termbase(db_path), "算力") is not None          # nothing undone
    run(runner, "undo", "--by", "bob")                                  # bob's approval first
    out = run(runner, "undo", "--whole", "--by", "ann").output
    assert out.startswith("Undid 4 changes of one write (import;")
    db = open_termbase(db_path)
    assert [get_entry(db, t) for t in ("算力", "智算", "数据集")] == [None, None, None]
    assert get_entry(db, "康养").approved == ["health and wellness"]      # as before the import
    run(runner, "undo", "--whole", "1", "--by", "ann")                  # a one-entry write: that change
    assert get_entry(open_termbase(db_path), "康养") is None


def test_a_whole_import_is_undone_at_once_on_postgresql(pg_url):
    from glossary.termbase.store import undo_changes
    db = open_termbase(pg_url)
    merge_entries(db, [Entry(zh="康养", approved=["wellness"], status="approved"),
                       Entry(zh="算力", approved=["computing power"], status="approved")], who="a")
    merge_entries(db, [Entry(zh="数据集", approved=["datasets"], status="approved")], who="a")
    first = min(c.id for c in history(db))
    done = undo_changes(db, first, who="a", whole=True)
    assert sorted(c.zh for c in done) == ["康养", "算力"]
    assert (get_entry(db, "康养"), get_entry(db, "算力")) == (None, None)
    assert get_entry(db, "数据集") is not None
