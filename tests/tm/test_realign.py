"""No lost work: aligning a pair again keeps what a person corrected, as a user runs it on
the plan (real files, real database, the real aligner)."""

import json
import re

import pytest
from lxml import etree

from conftest import PLAN_EN, PLAN_ZH, CountingEmbedder
from tm.cli import cli
from tm.memory.store import get_unit, iter_units, open_store

PAIR = "tianjin-ai-action-plan-2025-2027"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


def run(runner, *args, code=0):
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def units(db_path):
    return {u.key: u for u in iter_units(open_store(db_path), include_unaligned=True)}


def covered(db_path):
    """The pair's sentences as its units (orphans left out) cover them: every position once."""
    db = open_store(db_path)
    zs, es = [], []
    for z, e in db.conn.execute("SELECT zh_segments, en_segments FROM units u JOIN pairs p ON p.id = u.pair "
                                "WHERE p.name = ? AND orphaned IS NULL ORDER BY position", [PAIR]):
        zs += json.loads(z)
        es += json.loads(e)
    n_zh, n_en = (db.conn.execute("SELECT n_segments FROM documents WHERE id = (SELECT {}_doc FROM pairs "
                                  "WHERE name = ?)".format(side), [PAIR]).fetchone()[0] for side in ("zh", "en"))
    return zs == list(range(n_zh)) and es == list(range(n_en))


def one_to_one(db_path):
    return [u for u in units(db_path).values() if u.shape == "1-1"]


def test_a_correction_made_in_a_reviewed_xliff_survives_aligning_again(db_path, runner, tmp_path):
    run(runner, "align", PLAN_ZH, PLAN_EN)
    before = units(db_path)
    key = one_to_one(db_path)[10].key
    out = tmp_path / "review.xlf"
    run(runner, "export", "--format", "xliff", "--pair", PAIR, "-o", out)
    doc = etree.parse(str(out))
    unit = doc.find(f".//{{{NS20}}}unit[@id='{key}']")
    unit.find(f".//{{{NS20}}}target").text = "The reviewer's better English."
    unit.find(f".//{{{NS20}}}segment").set("state", "reviewed")
    doc.write(str(out), xml_declaration=True, encoding="UTF-8")
    assert "1 reviewed (1 corrected)" in run(runner, "import", out, "--reviewer", "Li Wei")

    output = run(runner, "align", PLAN_ZH, PLAN_EN)
    assert output.endswith("Kept 1 units a person edited or reviewed.\n")
    after = units(db_path)
    fixed = after[key]
    assert (fixed.en, fixed.status, fixed.changed_by) == ("The reviewer's better English.", "reviewed", "Li Wei")
    assert fixed.edited is not None
    # everything else is as a fresh alignment makes it: same keys, same text
    assert sorted(after) == sorted(before)
    assert all((after[k].zh, after[k].en) == (before[k].zh, before[k].en) for k in before if k != key)
    assert covered(db_path)


def test_changed_english_keeps_edits_merges_and_reports_orphans(db_path, runner, tmp_path):
    run(runner, "align", PLAN_ZH, PLAN_EN)
    ones = one_to_one(db_path)
    edited, gone = ones[5], ones[30]
    first, second = ones[50], ones[51]
    assert second.position == first.position + 1
    run(runner, "edit", edited.key, "--en", "Edited by hand.", "--by", "Wang")
    run(runner, "mark", gone.key, "--reviewed")
    run(runner, "merge", first.key, second.key)
    text = PLAN_EN.read_text(encoding="utf-8")
    assert text.count(gone.en) == 1
    changed = tmp_path / PLAN_EN.name            # the same file name: a new version of the translation
    changed.write_text(text.replace(gone.en, "This sentence was rewritten in the new version."),
                       encoding="utf-8")

    output = run(runner, "align", PLAN_ZH, changed)
    assert output.endswith("Kept 2 units a person edited or reviewed.\n"
                           "Orphans (1), kept until deleted (tm delete KEY):\n"
                           f"  {gone.key}: its English sentences are no longer in the input\n")
    after = units(db_path)
    assert (after[edited.key].en, after[edited.key].changed_by) == ("Edited by hand.", "Wang")
    assert after[first.key].en == f"{first.en} {second.en}" and second.key not in after
    assert after[gone.key].orphaned is not None and after[gone.key].en == gone.en
    assert covered(db_path)
    assert re.search(rf"{PAIR}\s+\d+\s+\d+\s+\d+\s+\d+\s+2\s+1\n", run(runner, "pairs"))

    run(runner, "delete", gone.key)
    assert get_unit(open_store(db_path), gone.key) is None
    # aligning the original again: the kept units stay, nothing else of a person's is lost
    output = run(runner, "align", PLAN_ZH, PLAN_EN)
    assert output.endswith("Kept 2 units a person edited or reviewed.\n")


def test_another_english_file_needs_name_or_replace(db_path, runner, tmp_path):
    run(runner, "align", PLAN_ZH, PLAN_EN)
    key = one_to_one(db_path)[3].key
    run(runner, "edit", key, "--en", "Mine.")
    other = tmp_path / "plan-v2.en.txt"           # another file, another text
    other.write_text(PLAN_EN.read_text(encoding="utf-8") + "\nOne more closing sentence.\n", encoding="utf-8")
    before = units(db_path)
    output = run(runner, "align", PLAN_ZH, other, code=2)
    assert output == (f"Error: a pair named '{PAIR}' already holds other documents ({PLAN_ZH.name}, "
                      f"{PLAN_EN.name}); choose another name with --name, or replace it with --replace\n")
    assert units(db_path) == before

    run(runner, "align", PLAN_ZH, other, "--name", "plan-v2")
    assert {u.pair for u in units(db_path).values()} == {PAIR, "plan-v2"}
    assert units(db_path)[key].en == "Mine."

    output = run(runner, "align", PLAN_ZH, other, "--replace")
    assert output.endswith("Kept 1 units a person edited or reviewed.\n")
    assert units(db_path)[key].en == "Mine."


def test_person_units_are_never_deleted_by_store_alignment_alone(db_path, runner):
    """A caller that stores an alignment without placing the kept units (e.g. an older
    pipeline) turns them into orphans, never removes them."""
    from tm.align.aligner import align_texts
    from tm.formats.textio import read_text
    from tm.memory.store import store_alignment

    run(runner, "align", PLAN_ZH, PLAN_EN)
    key = one_to_one(db_path)[2].key
    run(runner, "mark", key)
    db = open_store(db_path)
    zh, en = read_text(PLAN_ZH), read_text(PLAN_EN)
    stats = store_alignment(db, pair_name=PAIR, zh_path=PLAN_ZH, en_path=PLAN_EN, alignment=align_texts(zh, en))
    assert stats.orphans == [key] and stats.kept == []
    assert get_unit(db, key).orphaned is not None


def test_import_with_replace_never_overwrites_a_persons_unit(db_path, runner, tmp_path):
    run(runner, "align", PLAN_ZH, PLAN_EN)
    ones = one_to_one(db_path)
    mine, other = ones[4], ones[6]
    run(runner, "edit", mine.key, "--en", "Mine, by hand.")
    tmx = tmp_path / "old.tmx"
    run(runner, "export", "--format", "tmx", "-o", tmx)
    run(runner, "edit", mine.key, "--en", "Mine, improved later.")
    run(runner, "edit", other.key, "--en", "Also improved later.", "--status", "keep")
    run(runner, "mark", other.key, "--needs-review")
    # `other` was edited: also kept, though its status is no longer reviewed
    output = run(runner, "import", tmx, "--on-duplicate", "replace")
    n = sum(1 for u in units(db_path).values() if u.zh and u.en)     # TMX holds two-sided units
    # (it said "{n} duplicates replaced" and then "Of these, … kept": 2 were not replaced)
    assert output.startswith(f"Imported {n} units from {tmx} (tmx): 0 added, {n - 2} duplicates replaced, "
                             "2 kept.\n")
    assert output.endswith("Kept as they are, a person's work (edited, reviewed or marked) (2): "
                           f"{mine.key}, {other.key}\n")
    after = units(db_path)
    assert (after[mine.key].en, after[other.key].en) == ("Mine, improved later.", "Also improved later.")


def test_review_import_does_not_overwrite_a_later_edit(db_path, runner, tmp_path):
    run(runner, "align", PLAN_ZH, PLAN_EN)
    key = one_to_one(db_path)[8].key
    out = tmp_path / "review.xlf"
    run(runner, "export", "--format", "xliff", "--pair", PAIR, "-o", out)
    run(runner, "edit", key, "--en", "Fixed in the memory meanwhile.")
    doc = etree.parse(str(out))
    doc.find(f".//{{{NS20}}}unit[@id='{key}']//{{{NS20}}}target").text = "The reviewer's version."
    doc.write(str(out), xml_declaration=True, encoding="UTF-8")
    output = run(runner, "import", out)
    assert output.endswith(f"Edited in the memory since the export, not applied (1): {key}\n")
    assert units(db_path)[key].en == "Fixed in the memory meanwhile."


def test_aligning_a_revised_document_again_embeds_only_what_changed(tmp_path):
    """The pair's embedding cache goes through prepare_pair/store_pair: the second run of
    the same documents embeds nothing, a revised one only the runs holding the change,
    and the cache then holds the vectors of the current texts only."""
    from tm.align.semantic import text_key
    from tm.exchange import align_pair
    from tm.memory.store import load_embeddings

    zh, en = PLAN_ZH.read_text(encoding="utf-8"), PLAN_EN.read_text(encoding="utf-8")
    db, embedder = open_store(tmp_path / "cache.db"), CountingEmbedder()
    first = align_pair(db, zh, en, name=PAIR, zh_path=PLAN_ZH, en_path=PLAN_EN, embedder=embedder)
    cached = load_embeddings(db, PAIR, "use")
    assert first.alignment.model == "use" and cached.keys() == first.alignment.vectors.keys()
    assert len(cached) == len(embedder.calls[0]) > 4 * len(first.alignment.zh)
    assert load_embeddings(db, PAIR, "e5") == {}

    align_pair(db, zh, en, name=PAIR, zh_path=PLAN_ZH, en_path=PLAN_EN, embedder=embedder)
    assert len(embedder.calls) == 1                       # all from the cache

    old = first.alignment.en[40].text
    new = "A sentence the translator rewrote from scratch."
    again = align_pair(db, zh, en.replace(old, new), name=PAIR, zh_path=PLAN_ZH, en_path=PLAN_EN,
                       embedder=embedder)
    assert new in embedder.calls[1] and 1 < len(embedder.calls[1]) <= 1 + 2 + 3 + 4
    cached = load_embeddings(db, PAIR, "use")
    assert cached.keys() == again.alignment.vectors.keys() and text_key(old) not in cached

    lexical = align_pair(db, zh, en, name=PAIR, zh_path=PLAN_ZH, en_path=PLAN_EN)
    assert lexical.alignment.model is None and load_embeddings(db, PAIR, "use") == cached   # left alone
