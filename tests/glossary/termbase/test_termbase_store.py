"""The term base: schema, merging, candidates, transactions, file import."""

import sqlite3

import pytest

from glossary.errors import GlossaryError, InputError
from glossary.models import Candidate, Entry, Rendering
from glossary.termbase.store import (
    add_entry, edit_entry, entries, get_entry, import_file, merge_entries, open_termbase,
    MIGRATIONS, set_status, store_candidates, usage,
)
from glossary.termbase.keys import collision_key, fold_rendering, pinyin_initials, pinyin_key

from conftest import ROOT

CURATED = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"


def clock():
    return "2026-11-21T06:00:00Z"


@pytest.fixture
def db(db_path):
    return open_termbase(db_path)


def columns(db, table):
    return [(r[1], r[2], r[3], r[5]) for r in db.execute(f"PRAGMA table_info({table})")]


def test_schema_is_pinned(db):
    assert [r[0] for r in db.execute(
        "SELECT name FROM _migrations WHERE package = 'glossary' ORDER BY name")] == \
        ["001_entries_renderings_usage", "002_fold_keys", "003_trigram_index",
         "004_char_index", "005_ignored_findings", "006_variant_chars",
         "007_folded_keys", "008_zh_lang", "009_history",
         "010_letter_labels", "011_history_batches", "012_entry_meta", "013_state"]
    assert columns(db, "glossary_entry") == [
        ("id", "INTEGER", 0, 1), ("zh", "TEXT", 1, 0), ("pinyin", "TEXT", 1, 0),
        ("pinyin_key", "TEXT", 1, 0), ("initials", "TEXT", 1, 0), ("kind", "TEXT", 0, 0),
        ("note", "TEXT", 0, 0), ("definition", "TEXT", 0, 0), ("source", "TEXT", 0, 0),
        ("status", "TEXT", 1, 0), ("parts", "TEXT", 1, 0), ("count", "INTEGER", 1, 0),
        ("score", "REAL", 0, 0), ("created", "TEXT", 1, 0), ("changed", "TEXT", 1, 0),
        ("zh_key", "TEXT", 1, 0), ("zh_lang", "TEXT", 0, 0), ("meta", "TEXT", 0, 0)]
    assert columns(db, "glossary_rendering") == [
        ("entry_id", "INTEGER", 1, 1), ("type", "TEXT", 1, 2), ("position", "INTEGER", 1, 0),
        ("en", "TEXT", 1, 3), ("en_key", "TEXT", 1, 0), ("fold_key", "TEXT", 1, 0)]
    assert columns(db, "glossary_usage") == [
        ("entry_id", "INTEGER", 1, 1), ("en", "TEXT", 1, 2), ("en_key", "TEXT", 1, 0),
        ("count", "INTEGER", 1, 0), ("units", "TEXT", 1, 0), ("fold_key", "TEXT", 1, 0)]
    assert columns(db, "glossary_char") == [("ch", "TEXT", 1, 1), ("entry_id", "INTEGER", 1, 2)]
    assert columns(db, "glossary_ignored") == [
        ("id", "TEXT", 0, 1), ("reason", "TEXT", 1, 0), ("summary", "TEXT", 1, 0), ("created", "TEXT", 1, 0)]
    assert columns(db, "glossary_history") == [
        ("id", "INTEGER", 0, 1), ("at", "TEXT", 1, 0), ("who", "TEXT", 0, 0), ("op", "TEXT", 1, 0),
        ("zh", "TEXT", 1, 0), ("zh_key", "TEXT", 1, 0), ("before", "TEXT", 0, 0), ("after", "TEXT", 0, 0),
        ("undone", "TEXT", 0, 0), ("undone_by", "TEXT", 0, 0), ("batch", "TEXT", 0, 0)]
    assert columns(db, "glossary_state") == [("key", "TEXT", 0, 1), ("value", "TEXT", 1, 0)]
    assert sorted(r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'glossary%'")) == [
        "glossary_char_entry", "glossary_entry_folded", "glossary_entry_initials",
        "glossary_entry_pinyin_key", "glossary_entry_status", "glossary_history_batch", "glossary_history_term", "glossary_rendering_en_key", "glossary_rendering_fold_key",
        "glossary_usage_en_key", "glossary_usage_fold_key"]
    shadow = ("_data", "_idx", "_content", "_docsize", "_config")
    assert sorted(r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table') "
        "AND name LIKE 'glossary%fts%'") if not r[0].endswith(shadow)) == [
        "glossary_rendering_fts", "glossary_rendering_fts_delete", "glossary_rendering_fts_insert",
        "glossary_rendering_fts_update", "glossary_usage_fts", "glossary_usage_fts_delete",
        "glossary_usage_fts_insert", "glossary_usage_fts_update"]


def test_reopening_applies_nothing_twice(db_path):
    open_termbase(db_path)
    db = open_termbase(db_path)
    assert db.execute("SELECT count(*) FROM _migrations WHERE package = 'glossary'").fetchone()[0] == len(MIGRATIONS)


def test_keys():
    assert pinyin_key("kāng yǎng") == "kangyang"
    assert pinyin_key("Kang1 Yang3") == "kangyang"
    assert pinyin_key("lǜ sè") == "lvse"
    assert pinyin_initials("kāng yǎng") == "ky"
    assert fold_rendering("The Large Models") == "large model"
    assert fold_rendering("GPUs") == "gpu"
    assert fold_rendering("the cluster's") == fold_rendering("Cluster’s") == fold_rendering("clusters") == "cluster"
    assert collision_key("Health Care") == collision_key("healthcare") == "healthcare"
    assert collision_key("large-scale model") == "largescalemodel"


def test_add_computes_pinyin_and_duplicates_merge(db):
    first = add_entry(db, Entry(zh="康养", approved=["health and wellness"], status="approved",
                                kind="policy term"), clock=clock)
    assert first.pinyin == "kāng yǎng"
    merged = add_entry(db, Entry(zh=" 康养 ", approved=["elderly care and wellness"],
                                 forbidden=["Health Care"], note="older people"), clock=clock)
    assert db.execute("SELECT count(*) FROM glossary_entry").fetchone()[0] == 1
    assert (merged.approved, merged.forbidden, merged.status, merged.kind, merged.note) == (
        ["health and wellness", "elderly care and wellness"], ["Health Care"], "approved",
        "policy term", "older people")


def test_marking_an_approved_rendering_forbidden_moves_it(db):
    add_entry(db, Entry(zh="信创", approved=["innovation", "Xinchuang"], status="approved"))
    e = add_entry(db, Entry(zh="信创", approved=["IT application innovation"],
                            forbidden=["innovation"], status="approved"))
    assert (e.approved, e.forbidden) == (["Xinchuang", "IT application innovation"], ["innovation"])


def test_merging_never_overturns_a_stored_decision_unless_told(db):
    add_entry(db, Entry(zh="信创", approved=["Xinchuang"], forbidden=["innovation"], status="approved"))
    with pytest.raises(GlossaryError, match='^信创: the file approves "innovation", which the term '
                                            'base forbids; nothing imported'):
        merge_entries(db, [Entry(zh="算力", approved=["computing power"]),
                           Entry(zh="信创", approved=["innovation"], status="approved")])
    assert get_entry(db, "算力") is None                    # rolled back whole
    # what the entries themselves did before is no decision of the term base: the later wins
    merge_entries(db, [Entry(zh="算力", approved=["computing"], status="approved"),
                       Entry(zh="算力", approved=["computing power"], forbidden=["computing"],
                             status="approved")])
    assert (get_entry(db, "算力").approved, get_entry(db, "算力").forbidden) == (["computing power"], ["computing"])
    e = merge_entries(db, [Entry(zh="信创", approved=["innovation"], status="approved")], overwrite=True).entries[0]
    assert (e.approved, e.forbidden) == (["Xinchuang", "innovation"], [])


def test_bad_entries_write_nothing(db):
    with pytest.raises(GlossaryError, match="empty Chinese term"):
        merge_entries(db, [Entry(zh="算力", approved=["computing power"]), Entry(zh="  ")])
    with pytest.raises(GlossaryError, match="unknown status 'final'"):
        merge_entries(db, [Entry(zh="算力", approved=["computing power"], status="final")])
    assert list(entries(db)) == []


def test_import_of_a_malformed_file_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("zh,en\n算力,computing power\n具身智能,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv:3: empty English term"):
        import_file(db, bad)
    assert list(entries(db)) == []


def test_import_curated_glossary(db):
    result = import_file(db, CURATED, clock=clock)
    assert result.added == len(list(entries(db, status="approved"))) == result.added + result.merged
    assert get_entry(db, "两重").pinyin == "liǎng zhòng"
    assert get_entry(db, "两重两新").parts == ["两重", "两新"]
    again = import_file(db, CURATED, clock=clock)
    assert (again.added, again.merged) == (0, result.added)


def candidates():
    return [Candidate(zh="大模型", pinyin="dà mó xíng", count=4, score=3.5,
                      renderings=[Rendering("large model", 3, [1, 2]), Rendering("big model", 1, [4])]),
            Candidate(zh="推动", pinyin="tuī dòng", count=9, score=0.5,
                      renderings=[Rendering("promote", 9, [1, 3])])]


def test_store_candidates_keeps_decisions_and_is_idempotent(db):
    add_entry(db, Entry(zh="大模型", approved=["large model"], status="approved"))
    first = store_candidates(db, candidates(), clock=clock)
    assert (first.added, first.merged) == (1, 1)
    store_candidates(db, candidates(), clock=clock)
    assert get_entry(db, "大模型").status == "approved"
    assert get_entry(db, "推动").status == "candidate"
    assert usage(db, "大模型") == [Rendering("large model", 3, [1, 2]), Rendering("big model", 1, [4])]
    assert db.execute("SELECT count(*) FROM glossary_usage").fetchone()[0] == 3
    # the trigram index follows the table through deletes and re-inserts
    assert db.execute("SELECT count(*) FROM glossary_usage_fts").fetchone()[0] == 3
    assert db.execute("SELECT count(*) FROM glossary_usage_fts WHERE glossary_usage_fts MATCH "
                      "'\"big mod\"'").fetchone()[0] == 1


def test_approve_takes_the_memorys_rendering_and_reject(db):
    store_candidates(db, candidates(), clock=clock)
    assert set_status(db, "大模型", "approved").approved == ["large model"]
    assert set_status(db, "推动", "rejected").status == "rejected"
    add_entry(db, Entry(zh="算力"))
    with pytest.raises(GlossaryError, match="算力: no rendering to approve; give one with --en"):
        set_status(db, "算力", "approved")
    with pytest.raises(GlossaryError, match="不存在: no such term in the term base"):
        set_status(db, "不存在", "approved")


def test_approving_never_takes_a_forbidden_rendering(db):
    """Approving took the memory's most used rendering even where a person had forbidden it:
    the entry was approved with it and the forbidden rendering dropped."""
    store_candidates(db, candidates(), clock=clock)
    edit_entry(db, "大模型", forbidden=["large model"])
    e = set_status(db, "大模型", "approved")
    assert "large model" not in e.approved and e.approved and e.forbidden == ["large model"]
    edit_entry(db, "大模型", status="candidate", en=[], forbidden=[r.en for r in usage(db, "大模型")])
    with pytest.raises(GlossaryError, match="大模型: no rendering to approve but forbidden ones"):
        set_status(db, "大模型", "approved")


def test_edit_replaces_lists_and_keeps_the_rest(db):
    add_entry(db, Entry(zh="两重", approved=["dual"], kind="programme", status="approved"))
    e = edit_entry(db, "两重", en=["two major"], forbidden=["dual"], pinyin="liǎng zhòng")
    assert (e.approved, e.forbidden, e.kind, e.pinyin) == (["two major"], ["dual"], "programme",
                                                            "liǎng zhòng")
    assert db.execute("SELECT pinyin_key, initials FROM glossary_entry WHERE zh = '两重'").fetchone() \
        == ("liangzhong", "lz")


def test_a_busy_database_is_a_clean_error(db_path, db):
    other = sqlite3.connect(str(db_path), isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    db.conn.execute("PRAGMA busy_timeout = 50")
    try:
        from glossary.errors import DatabaseError
        with pytest.raises(DatabaseError, match="database is busy"):
            add_entry(db, Entry(zh="算力", approved=["computing power"]))
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("lookalike", ["软\u200b件", "软件\u00ad", "软\ufe0f件", "软\u0301件",
                                       "\u202a软件\u202c"])
def test_a_term_that_only_looks_the_same_is_the_same_entry(db, lookalike):
    first = add_entry(db, Entry(zh="软件", approved=["software"]), clock=clock)
    second = merge_entries(db, [Entry(zh=lookalike, approved=["soft\u00adware package"])], clock=clock)
    assert (second.added, second.merged) == (0, 1)
    stored = get_entry(db, lookalike)
    assert stored.id == first.id and stored.zh == "软件"          # the first spelling is kept
    assert stored.approved == ["software", "soft\u00adware package"]  # renderings kept as written
    assert [e.zh for e in entries(db)] == ["软件"]


def test_kangxi_radicals_and_compatibility_ideographs_fold_to_the_ideograph(db):
    add_entry(db, Entry(zh="人工智能", approved=["artificial intelligence"]), clock=clock)
    assert get_entry(db, "\u2f08工智能").zh == "人工智能"          # ⼈ KANGXI RADICAL MAN
    assert merge_entries(db, [Entry(zh="\u2f08工智能")], clock=clock).merged == 1


def test_english_keys_ignore_invisible_characters_and_lookalike_letters():
    from glossary.termbase.keys import en_key
    assert en_key("Health Ca\u00adre") == en_key("health care")
    assert en_key("Health C\u0430re") == en_key("health care")        # Cyrillic а in a Latin word
    assert en_key("Москва") == "москва"                               # a Russian word stays Russian
    assert collision_key("Health\u200bcare") == collision_key("health care")


def test_migration_folds_the_keys_of_an_existing_term_base(db_path):
    import sqlite_utils
    from tm import migrate, open_database, STORE_MIGRATIONS
    from glossary.termbase.store import MIGRATIONS
    db = open_database(db_path)
    migrate(db, "tm", STORE_MIGRATIONS)
    migrate(db, "glossary", MIGRATIONS[:6])
    db.execute("INSERT INTO glossary_entry (zh, status, created, changed) "
               "VALUES ('软\u200b件', 'approved', 'x', 'x')")
    db.execute("INSERT INTO glossary_rendering (entry_id, type, position, en, en_key, fold_key) "
               "VALUES (1, 'forbidden', 0, 'soft\u00adware', 'soft\u00adware', 'soft\u00adware')")
    db.conn.commit()
    db = open_termbase(db_path)
    assert get_entry(db, "软件").zh == "软\u200b件"
    assert db.execute("SELECT en_key, fold_key FROM glossary_rendering").fetchone() == \
        ("software", "software")
