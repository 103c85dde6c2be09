"""The workbench's pages and actions over real databases (Flask's test client; the
browser tests are in test_browser.py)."""

import json
import re

import pytest

from tm import TranslationUnit, import_units, open_store
from tm.serve import create_app, queries

HOST = "127.0.0.1:8765"
PLAN = "tianjin-ai-action-plan-2025-2027"


def _app(path, **kw):
    from glossary.workbench import panel
    return create_app(path, panels={"glossary": panel}, **kw)


class Browser:
    """A test client that sends the Host and CSRF headers a page of the workbench sends."""

    def __init__(self, path=None, app=None, **kw):
        self.client = (app or _app(path, **kw)).test_client()       # app: another session of one server
        page = self.get("/").get_data(as_text=True)
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def get(self, url):
        return self.client.get(url, headers={"Host": HOST})

    def page(self, url) -> str:
        r = self.get(url)
        assert r.status_code == 200, r.get_data(as_text=True)[:500]
        return r.get_data(as_text=True)

    def post(self, url, body, status=200):
        r = self.client.post(url, json=body, headers={"Host": HOST, "X-CSRF-Token": self.token})
        assert r.status_code == status, r.json
        return r.json

    def version(self, key):
        """The version of unit ``key`` its row shows (``data-version``), as the page sends it back."""
        pair = self.get(f"/unit?key={key}").headers["Location"].split("pair=")[1].split("&")[0]
        html = self.page(f"/align?pair={pair}&fragment=row&at={key}")
        return re.search(r'data-version="([^"]+)"', html).group(1)

    def unit(self, body, status=200):
        """A unit action as the page sends it: with the version of each unit named, as shown now."""
        keys = [body["key"], *(body.get("with") or [])]
        seen = {k: self.version(k) for k in keys if self.get(f"/unit?key={k}").status_code == 302}
        return self.post("/api/unit", {**body, "seen": seen}, status)


@pytest.fixture
def plan(plan_on_both):
    """The plan's database, an SQLite file or PostgreSQL: the workbench works on either."""
    return plan_on_both


def rows_of(html: str) -> list[str]:
    return re.findall(r'<tr class="bead[^"]*" id="u-([^"]+)"', html)


# --------------------------------------------------------------------------- pairs and alignment

def test_pairs_page_counts_what_the_database_holds(plan):
    db = open_store(plan)
    units, unaligned, low = db.conn.execute(
        "SELECT sum(CASE WHEN zh != '' AND en != '' THEN 1 ELSE 0 END), sum(CASE WHEN zh = '' OR en = '' "
        "THEN 1 ELSE 0 END), sum(CASE WHEN zh != '' AND en != '' AND confidence < 0.5 THEN 1 ELSE 0 END) "
        "FROM units").fetchone()
    [summary] = queries.pair_summaries(db)
    assert (summary.name, summary.units, summary.unaligned, summary.low) == (PLAN, units, unaligned, low)
    html = Browser(plan).page("/")
    assert f'href="/align?pair={PLAN}"' in html and f'<td class="num">{units}</td>' in html


def test_alignment_view_shows_the_beads_in_order_paged_with_sentences(plan):
    db = open_store(plan)
    keys = [k for (k,) in db.conn.execute("SELECT key FROM units ORDER BY position")]
    b = Browser(plan)
    first = b.page(f"/align?pair={PLAN}&limit=50")
    assert rows_of(first) == keys[:50]
    second = b.page(f"/align?pair={PLAN}&limit=50&offset=50")
    assert rows_of(second) == keys[50:100]
    last = b.page(f"/align?pair={PLAN}&limit=50&offset=999999")      # clamped to the last page
    assert rows_of(last) == keys[100:]
    # a 1-2 bead shows its two English sentences apart, and the unaligned ones are in place
    key, en_segments = db.conn.execute(
        "SELECT key, en_segments FROM units WHERE shape = '1-2' ORDER BY position LIMIT 1").fetchone()
    page = queries.bead_page(db, PLAN, offset=queries.locate(db, PLAN, key))
    [row] = [r for r in page.rows if r.key == key]
    assert len(row.en_sentences) == 2 and " ".join(row.en_sentences) == row.en
    unaligned = [r for r in queries.bead_page(db, PLAN, limit=500).rows if r.unaligned]
    assert unaligned and all(r.band == "none" for r in unaligned)
    assert len(unaligned) == db.conn.execute("SELECT count(*) FROM units WHERE zh = '' OR en = ''").fetchone()[0]


def test_low_confidence_filter_lists_least_sure_first(plan):
    db = open_store(plan)
    page = queries.bead_page(db, PLAN, low_only=True, below=0.5, limit=500)
    expected = db.conn.execute(
        "SELECT count(*) FROM units WHERE zh = '' OR en = '' OR (status != 'reviewed' AND confidence < 0.5)"
    ).fetchone()[0]
    assert page.total == len(page.rows) == expected
    two_sided = [r.confidence for r in page.rows if not r.unaligned]
    assert two_sided == sorted(two_sided) and all(c < 0.5 for c in two_sided)
    assert all(r.unaligned for r in page.rows[:len(page.rows) - len(two_sided)])   # unaligned on top
    html = Browser(plan).page(f"/align?pair={PLAN}&low=1")
    assert rows_of(html) == [r.key for r in page.rows][:100]


def test_jump_to_a_unit_opens_its_page(plan):
    db = open_store(plan)
    key = db.conn.execute("SELECT key FROM units ORDER BY position DESC LIMIT 1").fetchone()[0]
    b = Browser(plan)
    r = b.get(f"/unit?key={key}")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"#u-{key}")
    html = b.page(r.headers["Location"].split("#")[0])
    assert f'class="bead band-' in html and f'sel" id="u-{key}"' in html
    assert b.get("/unit?key=nope:0001").status_code == 404
    assert b.get("/align?pair=nope").status_code == 404
    # PAIR:N without the leading zeros, as every tm command takes it (it was a 404)
    pair, number = key.rsplit(":", 1)
    r = b.get(f"/unit?key={pair}:{int(number)}")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"#u-{key}")


def test_pages_and_jumps_equal_a_scan_of_the_pair(tmp_path):
    """Differential: every page read from its first unit (bead_page) is the slice of the
    pair in (position, id) order a full read gives, and locate finds each unit's page; with
    ties, a split's decimal positions, and units without a position (the no-pair view)."""
    import random

    path = tmp_path / "pages.db"
    db = open_store(path)
    rng = random.Random(5)
    positions = [rng.choice([i, i // 3, i + 0.5, round(i / 7, 2)]) for i in range(700)]
    import_units(db, [TranslationUnit(zh=f"第{i}句。", en=f"Sentence {i}.", pair="p", position=p)
                      for i, p in enumerate(positions)]
                 + [TranslationUnit(zh=f"无对{i}。", en=f"No pair {i}.", position=None if i % 3 else i)
                    for i in range(250)])
    for pair, where in (("p", "u.pair = (SELECT id FROM pairs WHERE name = 'p')"), (queries.NO_PAIR, "u.pair IS NULL")):
        keys = [k for (k,) in db.conn.execute(f"SELECT u.key FROM units u WHERE {where} ORDER BY u.position, u.id")]
        for offset in range(0, len(keys), 100):
            page = queries.bead_page(db, pair, offset=offset, limit=100)
            assert [r.key for r in page.rows] == keys[offset:offset + 100], (pair, offset)
        if pair == "p":
            for n, key in enumerate(keys):
                assert queries.locate(db, pair, key, limit=100) == n // 100 * 100, key


def test_a_large_memory_is_read_one_page_at_a_time(tmp_path):
    path = tmp_path / "big.db"
    db = open_store(path)
    n = 3000
    import_units(db, (TranslationUnit(zh=f"第{i}句测试内容。", en=f"Sentence {i} of the test.", pair="big",
                                      position=i, confidence=(i % 100) / 100) for i in range(n)))
    page = queries.bead_page(db, "big", offset=1500, limit=100)
    assert [r.position for r in page.rows] == list(range(1500, 1600)) and page.total == n
    html = Browser(path).page("/align?pair=big&offset=2900")
    assert len(rows_of(html)) == 100 and "page 30 of 30" in html
    low = queries.bead_page(db, "big", low_only=True, below=0.05, limit=1000)
    assert low.total == 5 * n // 100 and all(r.confidence < 0.05 for r in low.rows)


def test_unit_actions_mark_and_edit_write_the_database(plan):
    db = open_store(plan)
    key = db.conn.execute("SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1").fetchone()[0]
    b = Browser(plan)
    res = b.unit({"action": "edit", "key": key, "en": "A corrected <b>sentence</b>."})
    assert res["select"] == key
    res = b.unit({"action": "mark", "key": key})
    en, status = db.conn.execute("SELECT en, status FROM units WHERE key = ?", [key]).fetchone()
    assert (en, status) == ("A corrected <b>sentence</b>.", "reviewed")
    assert b.unit({"action": "mark", "key": "nope:0001"}, status=400)["error"] == "no unit nope:0001"
    assert "unknown action" in b.unit({"action": "drop", "key": key}, status=400)["error"]
    assert b.unit({"action": "edit", "key": key, "en": 5}, status=400)["ok"] is False
    r = b.client.post("/api/unit", data="not json", headers={"Host": HOST, "X-CSRF-Token": b.token,
                                                              "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json["ok"] is False


# --------------------------------------------------------------------------- terms

def test_terms_view_filters_sorts_and_pages(plan):
    db = open_store(plan)
    b = Browser(plan)
    html = b.page("/terms?status=candidate&sort=count")
    shown = re.findall(r'<tr class="term" data-zh="([^"]+)" data-status="([^"]+)"', html)
    expected = db.conn.execute("SELECT zh FROM glossary_entry WHERE status = 'candidate' "
                               "ORDER BY count DESC, coalesce(score, -1e9) DESC, zh LIMIT 50").fetchall()
    assert [z for z, _ in shown] == [z for (z,) in expected] and {s for _, s in shown} == {"candidate"}
    total = db.conn.execute("SELECT count(*) FROM glossary_entry WHERE status = 'candidate'").fetchone()[0]
    assert f"of {total} terms" in html
    found = re.findall(r'data-zh="([^"]+)"', b.page("/terms?q=kangyang&status=all"))
    assert "康养" in found
    found = re.findall(r'data-zh="([^"]+)"', b.page("/terms?q=health+and+wellness&status=all"))
    assert "康养" in found
    # the Latin letters of a Chinese term found in either case, on either backend
    for q in ("ai合成", "AI合成", "Ai合成"):
        assert re.findall(r'data-zh="([^"]+)"', b.page(f"/terms?q={q}&status=all")) == ["AI合成数据集"]
    kinds = re.findall(r'data-zh="([^"]+)"', b.page("/terms?kind=organisation&status=all&limit=500"))
    assert set(kinds) == {z for (z,) in db.conn.execute("SELECT zh FROM glossary_entry WHERE kind = 'organisation'")}


def test_term_detail_has_pinyin_renderings_and_highlighted_concordance(plan):
    db = open_store(plan)
    from glossary.termbase.store import usage
    html = Browser(plan).page("/terms/entry?zh=%E5%BA%B7%E5%85%BB")      # 康养
    assert "kāng yǎng" in html
    for r in usage(db, "康养"):
        assert re.search(rf'value="{re.escape(r.en)}".*?×{r.count}', html, re.S)
    lines = re.findall(r'<div class="conc">(.*?)</div>', html, re.S)
    assert lines and all('<mark class="hit">康养</mark>' in line for line in lines)
    assert any(re.search(r'<p class="en" lang="en">.*<mark class="hit">', line) for line in lines)


def test_term_decisions_write_the_term_base(plan):
    db = open_store(plan)
    from glossary.termbase.store import get_entry, usage
    b = Browser(plan)
    zh = db.conn.execute("SELECT e.zh FROM glossary_entry e WHERE e.status = 'candidate' AND "
                         "(SELECT count(*) FROM glossary_usage u WHERE u.entry_id = e.id) >= 2 "
                         "ORDER BY e.zh LIMIT 1").fetchone()[0]
    detail = b.page(f"/terms/entry?zh={zh}")
    used = usage(db, zh)
    assert all(f'value="{r.en}"' in detail for r in used)
    second = used[1].en
    b.post("/api/term", {"action": "approve", "zh": zh, "en": [second]})
    entry = get_entry(db, zh)
    assert entry.status == "approved" and entry.approved[0] == second
    b.post("/api/term", {"action": "approve", "zh": zh, "en": ["an  edited   rendering"]})
    assert get_entry(db, zh).approved[:2] == ["an edited rendering", second]
    b.post("/api/term", {"action": "forbid", "zh": zh, "en": second})
    entry = get_entry(db, zh)
    assert second in entry.forbidden and second not in entry.approved
    b.post("/api/term", {"action": "reject", "zh": zh})
    assert get_entry(db, zh).status == "rejected"
    assert b.post("/api/term", {"action": "reject", "zh": "不存在的词"}, status=400)["error"] == \
        "不存在的词: no such term in the term base"


def test_bulk_approve(plan):
    db = open_store(plan)
    from glossary.termbase.store import get_entry, usage
    zhs = [z for (z,) in db.conn.execute("SELECT zh FROM glossary_entry WHERE status = 'candidate' ORDER BY zh "
                                         "LIMIT 5")]
    res = Browser(plan).post("/api/term", {"action": "approve-many", "zh": zhs})
    for zh in zhs:
        entry = get_entry(db, zh)
        used = usage(db, zh)
        if used:
            assert entry.status == "approved" and used[0].en in entry.approved
        else:
            assert entry.status == "candidate" and zh in res["message"]


def test_bulk_approve_leaves_decided_terms_alone(plan):
    """A candidate list loaded before another reviewer decided some of its terms: bulk
    approve approves the candidates only, and says how many decided terms it left."""
    db = open_store(plan)
    from glossary.termbase.store import get_entry, set_status
    zhs = [z for (z,) in db.conn.execute(
        "SELECT e.zh FROM glossary_entry e WHERE e.status = 'candidate' AND EXISTS "
        "(SELECT 1 FROM glossary_usage u WHERE u.entry_id = e.id) ORDER BY e.zh LIMIT 3")]
    set_status(db, zhs[0], "rejected")                  # decided by someone else meanwhile
    set_status(db, zhs[1], "approved", en=["a chosen rendering"])
    approved = get_entry(db, zhs[1]).approved
    res = Browser(plan).post("/api/term", {"action": "approve-many", "zh": zhs})
    assert res["message"] == (f"approved 1 term; left 2 already decided: {zhs[0]} (rejected), "
                              f"{zhs[1]} (approved)")
    assert get_entry(db, zhs[0]).status == "rejected"
    assert get_entry(db, zhs[1]).status == "approved" and get_entry(db, zhs[1]).approved == approved
    assert get_entry(db, zhs[2]).status == "approved"


def test_bulk_approve_names_a_candidate_whose_every_rendering_is_forbidden(plan):
    """Approving takes the memory's most used rendering that is not forbidden; a candidate
    whose renderings are all forbidden has none to take: bulk approve names it and approves
    the others (its check asked only whether the memory had a rendering, so the approval
    of such a term failed the whole request)."""
    db = open_store(plan)
    from glossary.termbase.store import edit_entry, get_entry, usage
    zhs = [z for (z,) in db.conn.execute(
        "SELECT e.zh FROM glossary_entry e WHERE e.status = 'candidate' AND EXISTS "
        "(SELECT 1 FROM glossary_usage u WHERE u.entry_id = e.id) ORDER BY e.zh LIMIT 2")]
    edit_entry(db, zhs[0], forbidden=[r.en for r in usage(db, zhs[0])])
    res = Browser(plan).post("/api/term", {"action": "approve-many", "zh": zhs})
    assert res["message"] == f"approved 1 term; not approved (no rendering to approve): {zhs[0]}"
    assert (get_entry(db, zhs[0]).status, get_entry(db, zhs[1]).status) == ("candidate", "approved")


# --------------------------------------------------------------------------- findings and search

def test_findings_view_shows_the_consistency_report_with_evidence(plan):
    db = open_store(plan)
    from glossary.termbase.consistency import check
    findings = check(db)
    html = Browser(plan).page("/findings")
    assert len(re.findall(r'<article class="finding sev-', html)) == len(findings)
    first = findings[0]
    key = db.conn.execute("SELECT key FROM units WHERE id = ?", [first.units[0]]).fetchone()[0]
    assert f'href="/unit?key={key}"' in html
    assert f'<mark class="hit">{first.zh[0]}</mark>' in html


def test_qa_findings_of_a_pair(plan):
    html = Browser(plan).page(f"/findings?source=qa&pair={PLAN}")
    assert "finding sev-" in html and 'href="/unit?key=' in html


def test_search_box_answers_with_terms_concordance_and_matches(plan):
    html = Browser(plan).page("/search?q=%E5%BA%B7%E5%85%BB")     # 康养
    assert '<section class="results" id="terms-results">' in html and "kāng yǎng" in html
    assert '<mark class="hit">康养</mark>' in html
    db = open_store(plan)
    zh = db.conn.execute("SELECT zh FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1 OFFSET 20"
                         ).fetchone()[0]
    html = Browser(plan).page("/search?q=" + zh[:-1])
    assert re.search(r'<td class="score">\d+%</td>', html)


def test_a_match_differing_in_numbers_only_shows_its_translation_adjusted(tmp_path):
    import urllib.parse
    path = tmp_path / "m.db"
    import_units(open_store(path), [TranslationUnit(zh="到2025年，建成10个示范区。",
                                                    en="By 2025, build 10 demonstration zones.", key="m:1")])
    html = Browser(path).page("/search?q=" + urllib.parse.quote("到2026年，建成12个示范区。"))
    assert "numbers adjusted: By 2026, build 12 demonstration zones." in html


def test_not_a_problem_is_the_same_suppression_as_glossary_ignore(plan, runner):
    from glossary.cli import cli as glossary_cli
    from glossary.termbase.ignore import finding_id, ignored_findings
    from glossary.termbase.consistency import check

    db = open_store(plan)
    target = check(db)[0]
    fid = finding_id(target)
    b = Browser(plan)
    assert f'data-id="{fid}"' in b.page("/findings")
    assert "reason is required" in b.post("/api/finding", {"action": "ignore", "id": fid, "reason": " "},
                                          status=400)["error"]
    assert "no finding ren-0000000000" in b.post("/api/finding", {"action": "ignore", "id": "ren-0000000000",
                                                                  "reason": "x"}, status=400)["error"]
    b.post("/api/finding", {"action": "ignore", "id": fid, "reason": "a house style choice"})
    [decision] = ignored_findings(db)
    assert (decision.id, decision.reason, decision.summary) == (fid, "a house style choice", target.message)
    html = b.page("/findings")
    assert f'data-id="{fid}"' not in html and "1 marked not a problem" in html
    out = runner.invoke(glossary_cli, ["--db", str(plan), "check", "--format", "jsonl"]).stdout
    assert fid not in out and len(out.splitlines()) == len(check(db, include_ignored=True)) - 1
    # a QA finding of a pair, the same way
    html = b.page(f"/findings?source=qa&pair={PLAN}")
    qid = re.search(r'data-id="(qa-[0-9a-f]{10})"', html).group(1)
    b.post("/api/finding", {"action": "ignore", "id": qid, "reason": "checked", "source": "qa", "pair": PLAN})
    assert qid in {d.id for d in ignored_findings(db)}
    assert f'data-id="{qid}"' not in b.page(f"/findings?source=qa&pair={PLAN}")


def test_one_row_is_redrawn_after_an_edit(plan):
    db = open_store(plan)
    key = db.conn.execute("SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1 OFFSET 5"
                          ).fetchone()[0]
    b = Browser(plan)
    b.unit({"action": "edit", "key": key, "en": "Only <this> row."})
    html = b.page(f"/align?pair={PLAN}&fragment=row&at={key}")
    assert rows_of(html) == [key] and "Only &lt;this&gt; row." in html
    assert b.get(f"/align?pair={PLAN}&fragment=row&at=nope:0001").status_code == 404
    assert queries.pair_names(db) == [PLAN]


# --------------------------------------------------------------------------- alignment edits (tm.memory.edit)

def _units(db):
    """The table as it is: every unit's key, position, texts, status (for before/after comparisons)."""
    return db.conn.execute("SELECT id, key, position, zh, en, zh_segments, en_segments, status, edited "
                           "FROM units ORDER BY id").fetchall()


def _two_sided(db, offset=0):
    return db.conn.execute("SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1 OFFSET ?",
                           [offset]).fetchone()[0]


def test_merge_with_the_next_and_previous_bead_then_undo(plan):
    db = open_store(plan)
    before = _units(db)
    a, b_, c = [k for (k,) in db.conn.execute("SELECT key FROM units ORDER BY position LIMIT 3 OFFSET 10")]
    za, ea, zb, eb = db.conn.execute("SELECT a.zh, a.en, b.zh, b.en FROM units a, units b WHERE a.key = ? AND "
                                     "b.key = ?", [a, b_]).fetchone()
    b = Browser(plan, user="reviewer")
    res = b.unit({"action": "merge-next", "key": a})
    assert res["select"] == a and res["message"].startswith(f"#{res['change']} merged {a}, {b_}")
    zh, en, status, by = db.conn.execute("SELECT zh, en, status, changed_by FROM units WHERE key = ?", [a]).fetchone()
    assert (zh, en, status, by) == (za + zb, " ".join(x for x in (ea, eb) if x), "reviewed", "reviewer")
    assert db.conn.execute("SELECT count(*) FROM units WHERE key = ?", [b_]).fetchone()[0] == 0
    # merge with the previous bead: c goes into a
    res = b.unit({"action": "merge-prev", "key": c})
    assert res["select"] == a
    assert db.conn.execute("SELECT count(*) FROM units WHERE key IN (?, ?)", [b_, c]).fetchone()[0] == 0
    who, op = db.conn.execute("SELECT who, op FROM edit_history ORDER BY id DESC LIMIT 1").fetchone()
    assert (who, op) == ("reviewer", "merge")
    # undo twice in the pair's view: the table is exactly as before
    assert b.post("/api/undo", {"pair": PLAN})["select"] == a
    b.post("/api/undo", {"pair": PLAN})
    assert _units(db) == before
    assert b.post("/api/undo", {"pair": PLAN}, status=400)["error"] == \
        f"nothing to undo in {PLAN}: this browser made no change there that is still in place"


def test_split_move_unalign_each_undone(plan):
    db = open_store(plan)
    before = _units(db)
    key = db.conn.execute("SELECT key FROM units WHERE shape = '1-2' ORDER BY position LIMIT 1").fetchone()[0]
    b = Browser(plan)
    # the view shows the sentences the split counts
    row = queries.bead(db, PLAN, key)
    assert len(row.zh_sentences) == 1 and len(row.en_sentences) == 2
    res = b.unit({"action": "split", "key": key, "zh_at": 1, "en_at": 1})
    first, second = res["message"].split(": ")[1].split(" + ")
    assert first == key
    assert db.conn.execute("SELECT en FROM units WHERE key = ?", [key]).fetchone()[0] == row.en_sentences[0]
    assert db.conn.execute("SELECT zh, en FROM units WHERE key = ?", [second]).fetchone() == ("", row.en_sentences[1])
    # move that English sentence back into the first part (the second part, empty, goes)
    res = b.unit({"action": "move", "key": second, "side": "en", "direction": "prev"})
    assert res["select"] == key and "is gone" in res["message"]
    assert db.conn.execute("SELECT en FROM units WHERE key = ?", [key]).fetchone()[0] == row.en
    assert db.conn.execute("SELECT count(*) FROM units WHERE key = ?", [second]).fetchone()[0] == 0
    # unalign: one unit per sentence, in place
    res = b.unit({"action": "unalign", "key": key})
    assert "into 3 sentences" in res["message"]
    pos = db.conn.execute("SELECT position FROM units WHERE key = ?", [key]).fetchone()[0]
    sides = db.conn.execute("SELECT zh != '', en != '' FROM units WHERE position >= ? ORDER BY position, id LIMIT 3",
                            [pos]).fetchall()
    assert sides == [(1, 0), (0, 1), (0, 1)]
    for _ in range(3):
        b.post("/api/undo", {"pair": PLAN})
    assert _units(db) == before


def test_edit_and_mark_are_recorded_and_undoable(plan):
    db = open_store(plan)
    before = _units(db)
    key = _two_sided(db, 3)
    en = db.conn.execute("SELECT en FROM units WHERE key = ?", [key]).fetchone()[0]
    b = Browser(plan)
    assert b.unit({"action": "edit", "key": key, "zh": "改正的中文。"})["message"].endswith(
        f"{key}: Chinese saved")
    assert db.conn.execute("SELECT zh, en, status FROM units WHERE key = ?", [key]).fetchone() == \
        ("改正的中文。", en, "reviewed")
    b.post("/api/undo", {"pair": PLAN})
    assert _units(db) == before
    assert b.unit({"action": "edit", "key": key}, status=400)["error"] == \
        "edit: the new Chinese or English text is needed"
    b.unit({"action": "edit", "key": key, "en": "Corrected."})
    b.unit({"action": "mark", "key": _two_sided(db, 4)})
    ops = [op for (op,) in db.conn.execute("SELECT op FROM edit_history WHERE undone IS NULL ORDER BY id")]
    assert ops == ["edit", "mark"]
    b.post("/api/undo", {"pair": PLAN})
    b.post("/api/undo", {"pair": PLAN})
    assert _units(db) == before


def test_edit_errors_are_messages_not_500(plan):
    db = open_store(plan)
    first = db.conn.execute("SELECT key FROM units ORDER BY position LIMIT 1").fetchone()[0]
    last = db.conn.execute("SELECT key FROM units ORDER BY position DESC LIMIT 1").fetchone()[0]
    import_units(db, [TranslationUnit(zh="别处的句子。", en="A sentence elsewhere.", pair="other", position=0)])
    other = db.conn.execute("SELECT key FROM units WHERE pair = (SELECT id FROM pairs WHERE name = 'other')"
                            ).fetchone()[0]
    before = _units(db)
    b = Browser(plan)
    err = lambda body: b.unit(body, status=400)["error"]   # noqa: E731
    assert err({"action": "merge", "key": first, "with": [other]}) == \
        f"{first}, {other}: only units of one document pair can be merged"
    assert err({"action": "merge-prev", "key": first}) == \
        f"{first} is the first unit of its pair: nothing to merge it with"
    assert err({"action": "merge-next", "key": last}) == \
        f"{last} is the last unit of its pair: nothing to merge it with"
    assert "out of range" in err({"action": "split", "key": first, "zh_at": 9, "en_at": 0})
    assert "leaves one part empty" in err({"action": "split", "key": _two_sided(db), "zh_at": 0, "en_at": 0})
    assert err({"action": "split", "key": first, "zh_at": "1", "en_at": 0}) == "zh_at: a whole number is needed"
    assert err({"action": "move", "key": first, "side": "fr", "direction": "next"}) == \
        "side: one of zh, en is needed"
    assert err({"action": "move", "key": first, "side": "en", "direction": "prev"}) == \
        f"{first} is the first unit of its pair"
    [lone] = db.conn.execute("SELECT key FROM units WHERE shape = '1-0' LIMIT 1").fetchone()
    assert err({"action": "unalign", "key": lone}) == f"{lone}: already unaligned"
    assert err({"action": "merge", "key": first}) == "merge: a list of units to merge with is needed ('with')"
    assert _units(db) == before
    assert b.post("/api/undo", {"pair": PLAN}, status=400)["ok"] is False


def test_undo_takes_back_the_latest_change_of_this_pair_only(plan_on_both):
    plan = plan_on_both
    db = open_store(plan)
    # a pair of imported units: they keep their own keys (h:…), not PAIR:NNNN
    import_units(db, [TranslationUnit(zh=f"第{i}句。", en=f"Sentence {i}.", pair="imported", position=i)
                      for i in range(4)])
    imported = [k for (k,) in db.conn.execute(
        "SELECT key FROM units WHERE pair = (SELECT id FROM pairs WHERE name = 'imported') ORDER BY position")]
    assert all(k.startswith("h:") for k in imported)
    before = _units(db)
    b = Browser(plan)
    b.unit({"action": "merge-next", "key": imported[1]})
    plan_key = _two_sided(db, 7)
    b.unit({"action": "mark", "key": plan_key})                # later, in the plan
    res = b.post("/api/undo", {"pair": "imported"})                        # the merge, not the mark
    assert res["select"] == imported[1] and " merge " in res["message"]
    assert db.conn.execute("SELECT count(*) FROM units WHERE key IN (?, ?)", imported[1:3]).fetchone()[0] == 2
    assert db.conn.execute("SELECT status FROM units WHERE key = ?", [plan_key]).fetchone()[0] == "reviewed"
    assert b.post("/api/undo", {"pair": "imported"}, status=400)["error"] == \
        "nothing to undo in imported: this browser made no change there that is still in place"
    b.post("/api/undo", {"pair": PLAN})
    assert _units(db) == before
    assert b.post("/api/undo", {"pair": "nope"}, status=400)["error"] == "no document pair 'nope'"


def test_units_without_a_pair_are_edited_and_undone_in_their_view(plan):
    db = open_store(plan)
    import_units(db, [TranslationUnit(zh="没有文档对的句子。", en="A sentence without a pair.")])
    key = db.conn.execute("SELECT key FROM units WHERE pair IS NULL").fetchone()[0]
    before = _units(db)
    b = Browser(plan)
    assert f'id="u-{key}"' in b.page(f"/align?pair={queries.NO_PAIR}")
    assert b.unit({"action": "merge-next", "key": key}, status=400)["error"] == \
        f"{key} has no neighbours (only a unit in its pair's documents has)"
    b.unit({"action": "edit", "key": key, "en": "Corrected."})
    plan_key = db.conn.execute("SELECT key FROM units WHERE pair IS NOT NULL AND status != 'reviewed' AND zh != '' "
                               "AND en != '' ORDER BY position LIMIT 1").fetchone()[0]
    b.unit({"action": "mark", "key": plan_key})                # in the plan, later
    assert b.post("/api/undo", {"pair": queries.NO_PAIR})["select"] == key
    assert db.conn.execute("SELECT en FROM units WHERE key = ?", [key]).fetchone()[0] == "A sentence without a pair."
    b.post("/api/undo", {"pair": PLAN})
    assert _units(db) == before


def test_inline_codes_are_shown_as_the_terminal_shows_them(tmp_path):
    import io
    from tm import import_file
    path = tmp_path / "codes.db"
    tmx = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body>\n'
           '<tu tuid="c1"><tuv xml:lang="zh-CN"><seg>点击<bpt i="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>'
           '</seg></tuv><tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>'
           '</seg></tuv></tu>\n</body></tmx>\n')
    import_file(open_store(path), io.BytesIO(tmx.encode()), name="codes.tmx", pair="ui")
    html = Browser(path).page("/align?pair=ui")
    assert "点击{1}保存{/1}" in html and "Click {1}Save{/1}" in html
    assert not any(0x100000 <= ord(ch) <= 0x10FFFD for ch in html)     # no raw placeholder
    html = Browser(path).page("/search?q=" + "保存")
    assert not any(0x100000 <= ord(ch) <= 0x10FFFD for ch in html)


# --------------------------------------------------------------------------- two reviewers on one server

def test_a_stale_view_cannot_overwrite_a_later_change(plan):
    """Two browser sessions show the same unit; A saves an edit, then B saves an edit made
    on what B saw: B's is refused (409) with the unit as it is now, and nothing is written.
    Every action that changes a unit's text or alignment carries what the page showed."""
    db = open_store(plan)
    app = _app(plan)
    a, b = Browser(app=app), Browser(app=app)
    key = _two_sided(db, 30)
    zh = db.conn.execute("SELECT zh FROM units WHERE key = ?", [key]).fetchone()[0]
    seen_by_b = b.version(key)
    a.unit({"action": "edit", "key": key, "en": "Reviewer A's careful fix."})
    before = _units(db)
    res = b.post("/api/unit", {"action": "edit", "key": key, "en": "Reviewer B's fix.",
                               "seen": {key: seen_by_b}}, status=409)
    assert res["error"] == (f"{key} was changed since this page showed it (by workbench): nothing was saved. "
                            "Its text now is shown; make your change again on it.")
    assert res["current"] == [{"key": key, "zh": zh, "en": "Reviewer A's careful fix.",
                               "version": a.version(key), "changed_by": "workbench"}]
    assert _units(db) == before
    assert db.conn.execute("SELECT count(*) FROM edit_history").fetchone()[0] == 1
    # the other actions on a stale view are refused the same way
    other = _two_sided(db, 31)
    for body in ({"action": "mark"}, {"action": "merge-next"}, {"action": "merge-prev"}, {"action": "unalign"},
                 {"action": "split", "zh_at": 1, "en_at": 0}, {"action": "move", "side": "en", "direction": "next"},
                 {"action": "merge", "with": [other]}):
        res = b.post("/api/unit", {**body, "key": key, "seen": {key: seen_by_b, other: b.version(other)}},
                     status=409)
        assert res["error"].startswith(f"{key} was changed since this page showed it"), body
    assert _units(db) == before
    # a request that says nothing of what it saw is refused too
    assert b.post("/api/unit", {"action": "mark", "key": key}, status=400)["error"] == \
        f"seen: the version of {key} the page showed is needed ({{\"{key}\": VERSION}})"
    # on the current text, B's edit is saved
    b.post("/api/unit", {"action": "edit", "key": key, "en": "Reviewer B's fix.", "seen": {key: b.version(key)}})
    assert db.conn.execute("SELECT en FROM units WHERE key = ?", [key]).fetchone()[0] == "Reviewer B's fix."


def test_a_merge_with_a_neighbour_that_changed_is_refused(plan):
    """The page merges the selected bead with the bead it shows next to it; when that
    neighbour changed, or another bead is now between them, nothing is merged."""
    from tm.memory.edit import delete_units, undo
    db = open_store(plan)
    app = _app(plan)
    a, b = Browser(app=app), Browser(app=app)
    first, second, third = [k for (k,) in db.conn.execute("SELECT key FROM units ORDER BY position LIMIT 3 OFFSET 40")]
    seen = {first: b.version(first), second: b.version(second)}
    a.unit({"action": "edit", "key": second, "en": "A's fix of the neighbour."})
    before = _units(db)
    res = b.post("/api/unit", {"action": "merge-next", "key": first, "neighbour": second, "seen": seen}, status=409)
    assert res["error"].startswith(f"{second} was changed since this page showed it")
    assert _units(db) == before
    # B's page shows first next to third (second was deleted); second comes back meanwhile
    deleted = delete_units(db, [second], who="someone")
    seen = {first: b.version(first), third: b.version(third)}
    undo(db, deleted.id, who="someone")
    res = b.post("/api/unit", {"action": "merge-next", "key": first, "neighbour": third, "seen": seen}, status=409)
    assert res["error"] == f"the bead next to {first} is now {second}, not {third}: nothing was merged"
    assert _units(db) == before
    assert db.conn.execute("SELECT count(*) FROM edit_history WHERE op = 'merge'").fetchone()[0] == 0


def test_undo_takes_back_this_browser_sessions_own_change_only(plan_on_both):
    plan = plan_on_both
    """A edits one unit, B another, then B presses z: B's edit is undone, A's stays. Each
    change is recorded with the user the server was started with."""
    db = open_store(plan)
    app = _app(plan, user="alice")
    a, b = Browser(app=app), Browser(app=app)
    k1, k2, k3 = _two_sided(db, 40), _two_sided(db, 50), _two_sided(db, 60)
    en1 = db.conn.execute("SELECT en FROM units WHERE key = ?", [k1]).fetchone()[0]
    b.unit({"action": "edit", "key": k1, "en": "B on the first."})
    a.unit({"action": "edit", "key": k2, "en": "A on the second."})
    res = b.post("/api/undo", {"pair": PLAN})
    assert res["message"].startswith("undid #1 edit of ")
    assert db.conn.execute("SELECT en FROM units WHERE key = ?", [k1]).fetchone()[0] == en1
    assert db.conn.execute("SELECT en FROM units WHERE key = ?", [k2]).fetchone()[0] == "A on the second."
    assert b.post("/api/undo", {"pair": PLAN}, status=400)["error"] == \
        f"nothing to undo in {PLAN}: this browser made no change there that is still in place"
    assert [w for (w,) in db.conn.execute("SELECT who FROM edit_history ORDER BY id")] == ["alice", "alice"]
    # B's change that A changed again since: refused, nothing undone (A's work is not taken back)
    b.unit({"action": "edit", "key": k3, "en": "B on the third."})
    a.unit({"action": "edit", "key": k3, "en": "A on the third, after B."})
    before = _units(db)
    res = b.post("/api/undo", {"pair": PLAN}, status=409)
    assert res["error"] == (f"cannot undo your #3 edit of {k3}: {k3} was changed since by #4 edit (alice, "
                            "another session); nothing was undone")
    assert _units(db) == before
    # A's own z takes back A's latest change
    assert a.post("/api/undo", {"pair": PLAN})["message"].startswith("undid #4 edit of ")


def test_term_decisions_are_recorded_with_the_servers_user(plan):
    """Approve, forbid, reject and bulk approve in the workbench are changes of the term
    base's history, with the user the server records (``tm serve --user``): `glossary
    history` shows them and `glossary undo` takes them back."""
    db = open_store(plan)
    from glossary.termbase.history import history
    from glossary.termbase.store import get_entry, undo
    zhs = [z for (z,) in db.conn.execute(
        "SELECT e.zh FROM glossary_entry e WHERE e.status = 'candidate' AND EXISTS "
        "(SELECT 1 FROM glossary_usage u WHERE u.entry_id = e.id) ORDER BY e.zh LIMIT 3")]
    b = Browser(plan, user="mei")
    b.post("/api/term", {"action": "approve", "zh": zhs[0], "en": ["a chosen rendering"]})
    b.post("/api/term", {"action": "forbid", "zh": zhs[0], "en": "a bad one"})
    b.post("/api/term", {"action": "approve-many", "zh": zhs[1:]})
    b.post("/api/term", {"action": "reject", "zh": zhs[1]})
    assert [(c.op, c.zh, c.who) for c in history(db)][:5] == [
        ("reject", zhs[1], "mei"), ("approve", zhs[2], "mei"), ("approve", zhs[1], "mei"),
        ("edit", zhs[0], "mei"), ("approve", zhs[0], "mei")]      # an approval with its rendering: no "edit"
    undo(db)
    assert get_entry(db, zhs[1]).status == "approved"
