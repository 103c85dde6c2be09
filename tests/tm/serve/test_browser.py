"""A real browser drives the workbench: Debian's Chromium through chromedriver (Selenium),
headless, nothing downloaded. The database is checked after every step.

Skipped with the reason when Chromium or its driver is missing outside CI; `.ci/run`
installs them (apt-get install chromium chromium-driver), so CI always runs these.
"""

import json
import os
import shutil
import threading
import time

import pytest

from tm import open_store
from tm.serve import create_app, make_server, stop
from conftest import copy_db, need

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PLAN = "tianjin-ai-action-plan-2025-2027"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")
WAIT = 20.0


def _have_browser() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)


@pytest.fixture(scope="module")
def driver():
    need(_have_browser(), "no Chromium + chromedriver + selenium (apt-get install chromium chromium-driver; "
                          "pip install selenium)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1280,800")
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    d.set_page_load_timeout(60)
    yield d
    d.quit()


class Workbench:
    """The app on a real socket, with a log of every request's status."""

    def __init__(self, path):
        from glossary.workbench import panel

        self.path = path
        self.app = create_app(path, panels={"glossary": panel}, port=0)
        self.log: list[tuple[str, str, int]] = []

        @self.app.after_request
        def record(response):
            from flask import request
            self.log.append((request.method, request.path, response.status_code))
            return response

        self.server = make_server(self.app, port=0)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self.db = open_store(path)

    def close(self):
        stop(self.server, self.thread)
        self.db.conn.close()

    def one(self, sql, *params):
        return self.db.conn.execute(sql, params).fetchone()

    def units(self) -> list[tuple]:
        """Every unit with the columns an edit may change: equal before and after an undo."""
        return self.db.conn.execute("SELECT id, key, position, zh, en, zh_segments, en_segments, status, edited "
                                    "FROM units ORDER BY id").fetchall()

    def count(self, key: str) -> int:
        return self.one("SELECT count(*) FROM units WHERE key = ?", key)[0]

    def term_to_approve(self) -> tuple[str, str]:
        """The most frequent candidate term used with two renderings or more, and its second
        most used rendering (the one a test approves, not the default)."""
        return self.one(
            "SELECT e.zh, (SELECT u.en FROM glossary_usage u WHERE u.entry_id = e.id ORDER BY u.count DESC, u.en "
            "LIMIT 1 OFFSET 1) FROM glossary_entry e WHERE e.status = 'candidate' AND "
            "(SELECT count(*) FROM glossary_usage u WHERE u.entry_id = e.id) >= 2 ORDER BY e.count DESC, e.zh LIMIT 1")

    def first_approved(self, zh: str) -> str:
        return self.one("SELECT r.en FROM glossary_rendering r JOIN glossary_entry e ON e.id = r.entry_id "
                        "WHERE e.zh = ? AND r.type = 'approved' ORDER BY r.position LIMIT 1", zh)[0]

    def ignored(self, fid: str) -> list:
        """The decisions that finding ``fid`` is not a problem."""
        from glossary.termbase.ignore import ignored_findings
        return [x for x in ignored_findings(self.db) if x.id == fid]


@pytest.fixture
def bench(plan_memory, tmp_path):
    wb = Workbench(copy_db(plan_memory, tmp_path / "plan.db"))
    yield wb
    wb.close()


def wait_until(condition, what: str, transient: tuple, timeout: float = WAIT):
    """Wait for ``condition()``; one of the driver's ``transient`` errors (an element the
    page redrew meanwhile, one not there yet) just means "try again". Shared by the
    Chromium and Firefox tests, each with its driver's exception classes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = condition()
        except transient:
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def until(condition, what: str, timeout: float = WAIT):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    return wait_until(condition, what, (StaleElementReferenceException, NoSuchElementException), timeout)


def status_text(d) -> str:
    return d.execute_script("return document.getElementById('status').textContent")


def press(d, keys):
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(d).send_keys(keys).perform()


def click(d, element):
    """Click as a person would: the element scrolled to the middle of the window first
    (not hidden under the sticky header or the action bar)."""
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def selected_key(d):
    return d.execute_script("var r = document.querySelector('tr.bead.sel'); return r && r.dataset.key")


# --------------------------------------------------------------------------- alignment

def test_open_the_plan_move_by_keyboard_edit_and_mark(driver, bench):
    d = driver
    d.get(f"{bench.url}/align?pair={PLAN}")
    keys = [k for (k,) in bench.db.conn.execute("SELECT key FROM units ORDER BY position LIMIT 100")]
    assert d.execute_script("return Array.from(document.querySelectorAll('tr.bead')).map(r => r.dataset.key)") \
        == keys
    assert selected_key(d) == keys[0]
    press(d, "jjj")
    assert selected_key(d) == keys[3]
    press(d, "k")
    assert selected_key(d) == keys[2]
    # pick a two-sided bead with the mouse and edit its English in the dialog
    key = bench.one("SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1 OFFSET 3")[0]
    click(d, d.find_element("id", f"u-{key}"))
    assert selected_key(d) == key
    press(d, "e")
    box = until(lambda: d.find_element("css selector", "#edit-dialog[open] textarea[name=en]"), "the edit dialog")
    box.clear()
    box.send_keys("An edited sentence <with> \"quotes\" & 中文.")
    from selenium.webdriver.common.keys import Keys
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    until(lambda: bench.one("SELECT en FROM units WHERE key = ?", key)[0] ==
          'An edited sentence <with> "quotes" & 中文.', "the edit in the database")
    until(lambda: "An edited sentence <with>" in d.find_element("id", f"u-{key}").text, "the row redrawn")
    press(d, "r")
    until(lambda: bench.one("SELECT status FROM units WHERE key = ?", key)[0] == "reviewed", "reviewed")
    until(lambda: "reviewed" in d.find_element("id", f"u-{key}").get_attribute("class"), "the row marked")
    # the Chinese side, opened by a double-click on it: only that side is saved
    from selenium.webdriver.common.action_chains import ActionChains
    # (the row may be redrawn once more between finding it and the double-click, as a person's
    # click would meet the new row: ``until`` finds it again when the reference went stale)
    until(lambda: ActionChains(d).double_click(d.find_element("css selector", f'[id="u-{key}"] td.zh')).perform()
          or True, "a double-click on the Chinese side")
    box = until(lambda: d.find_element("css selector", "#edit-dialog[open] textarea[name=zh]"), "the edit dialog")
    box.send_keys("（改）")
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    until(lambda: bench.one("SELECT zh FROM units WHERE key = ?", key)[0].endswith("（改）"), "the Chinese edit")
    assert bench.one("SELECT en FROM units WHERE key = ?", key)[0] == 'An edited sentence <with> "quotes" & 中文.'
    assert ("POST", "/api/unit", 200) in bench.log


def test_merge_by_keyboard_then_undo_by_mouse(driver, bench):
    d = driver
    before = bench.units()
    a, b, c = [k for (k,) in bench.db.conn.execute("SELECT key FROM units ORDER BY position LIMIT 3 OFFSET 20")]
    za, zb, ea, eb = bench.one("SELECT a.zh, b.zh, a.en, b.en FROM units a, units b WHERE a.key = ? AND b.key = ?",
                               a, b)
    zc = bench.one("SELECT zh FROM units WHERE key = ?", c)[0]
    d.get(f"{bench.url}/align?pair={PLAN}")
    click(d, d.find_element("id", f"u-{a}"))
    press(d, "m")                                   # merge with the next bead
    until(lambda: bench.count(b) == 0, "the merge in the database")
    assert bench.one("SELECT zh, en, status FROM units WHERE key = ?", a) == \
        (za + zb, " ".join(x for x in (ea, eb) if x), "reviewed")
    until(lambda: not d.find_elements("id", f"u-{b}") and selected_key(d) == a, "the merged bead redrawn")
    assert zb in d.find_element("id", f"u-{a}").text
    click(d, d.find_element("css selector", "#actionbar [data-undo]"))
    until(lambda: bench.count(b) == 1, "the undo in the database")
    assert bench.units() == before
    until(lambda: d.find_elements("id", f"u-{b}"), "the bead back on the page")
    # merge with the previous bead, by the button, and an error shown in the page
    click(d, d.find_element("id", f"u-{c}"))
    click(d, d.find_element("css selector", '#actionbar [data-act="merge-prev"]'))
    until(lambda: bench.count(c) == 0, "merged into the previous bead")
    assert bench.one("SELECT zh FROM units WHERE key = ?", b)[0] == zb + zc
    press(d, "z")
    until(lambda: bench.count(c) == 1, "undone by keyboard")
    assert bench.units() == before
    first = bench.one("SELECT key FROM units ORDER BY position LIMIT 1")[0]
    d.get(f"{bench.url}/align?pair={PLAN}")
    until(lambda: selected_key(d) == first, "the first bead selected")
    press(d, "M")
    until(lambda: "is the first unit of its pair" in status_text(d), "the error in the page")
    assert d.execute_script("return document.getElementById('status').className") == "error"
    assert bench.units() == before
    assert ("POST", "/api/unit", 400) in bench.log and not [x for x in bench.log if x[2] >= 500]


def test_split_then_move_a_sentence_back(driver, bench):
    d = driver
    key, zh, en, segs = bench.one("SELECT key, zh, en, en_segments FROM units WHERE shape = '1-2' "
                                  "ORDER BY position LIMIT 1")
    first_en, second_en = [bench.one("SELECT text FROM segments WHERE doc = (SELECT en_doc FROM pairs) "
                                     "AND position = ?", i)[0] for i in json.loads(segs)]
    d.get(f"{bench.url}/unit?key={key}")
    until(lambda: selected_key(d) == key, "the bead selected")
    press(d, "s")
    until(lambda: d.find_element("css selector", "#split-dialog[open]"), "the split dialog")
    # the cut points: after the only Chinese sentence, after the first English one
    click(d, d.find_element("css selector", '#split-dialog input[name="zh_at"][value="1"]'))
    click(d, d.find_element("css selector", '#split-dialog input[name="en_at"][value="1"]'))
    click(d, d.find_element("css selector", '#split-dialog button[value="split"]'))
    until(lambda: bench.one("SELECT en FROM units WHERE key = ?", key)[0] == first_en, "the split in the database")
    [(second, zh2, en2, pos2)] = bench.db.conn.execute(
        "SELECT key, zh, en, position FROM units WHERE position > (SELECT position FROM units WHERE key = ?) "
        "AND pair IS NOT NULL ORDER BY position, id LIMIT 1", [key]).fetchall()
    assert (zh2, en2) == ("", second_en) and bench.one("SELECT zh FROM units WHERE key = ?", key)[0] == zh
    until(lambda: d.find_elements("id", f"u-{second}"), "the new bead on the page")
    # move its English sentence back into the previous bead, by keyboard
    click(d, d.find_element("id", f"u-{second}"))
    press(d, "[")
    until(lambda: bench.count(second) == 0, "the move in the database")
    assert bench.one("SELECT en FROM units WHERE key = ?", key)[0] == en
    until(lambda: not d.find_elements("id", f"u-{second}"), "the emptied bead gone from the page")
    ops = [op for (op,) in bench.db.conn.execute("SELECT op FROM edit_history ORDER BY id")]
    assert ops == ["split", "move"]


def test_low_confidence_first(driver, bench):
    d = driver
    d.get(f"{bench.url}/align?pair={PLAN}")
    click(d, d.find_element("css selector", 'input[name="low"]'))
    until(lambda: "low=1" in d.current_url, "the filtered view")
    shown = d.execute_script("return Array.from(document.querySelectorAll('tr.bead')).map(r => r.dataset.key)")
    expected = bench.one("SELECT count(*) FROM units WHERE zh = '' OR en = '' OR "
                         "(status != 'reviewed' AND confidence < 0.5)")[0]
    assert len(shown) == expected


# --------------------------------------------------------------------------- terms

def test_approve_a_term_with_a_chosen_rendering(driver, bench):
    d = driver
    zh, second = bench.term_to_approve()
    d.get(f"{bench.url}/terms?status=candidate&sort=count")
    row = until(lambda: [r for r in d.find_elements("css selector", "tr.term") if r.get_attribute("data-zh") == zh],
                "the term's row")[0]
    click(d, row)
    until(lambda: d.find_elements("css selector", f'.term-detail[data-zh="{zh}"]'), "the term's panel")
    radio = [r for r in d.find_elements("css selector", '.approve-form input[name="en"]')
             if r.get_attribute("value") == second][0]
    click(d, radio)
    click(d, d.find_element("css selector", '.approve-form button[data-term-act="approve"]'))
    until(lambda: bench.one("SELECT status FROM glossary_entry WHERE zh = ?", zh)[0] == "approved", "approved")
    assert bench.first_approved(zh) == second
    until(lambda: zh not in [r.get_attribute("data-zh") for r in d.find_elements("css selector", "tr.term")],
          "the approved term leaves the candidate list")


def _select_box(d, zh):
    from selenium.common.exceptions import StaleElementReferenceException
    try:
        for row in d.find_elements("css selector", "tr.term"):
            if row.get_attribute("data-zh") == zh:
                return row.find_element("css selector", "input[data-select]")
    except StaleElementReferenceException:
        return None
    return None


def test_bulk_approve_and_reject_by_keyboard(driver, bench):
    d = driver
    d.get(f"{bench.url}/terms?status=candidate&sort=zh")
    rows = d.find_elements("css selector", "tr.term")
    zhs = [r.get_attribute("data-zh") for r in rows[:3]]
    press(d, "j")                                    # first term opens
    until(lambda: d.find_elements("css selector", f'.term-detail[data-zh="{zhs[0]}"]'), "the first term")
    press(d, "d")                                    # reject it
    until(lambda: bench.one("SELECT status FROM glossary_entry WHERE zh = ?", zhs[0])[0] == "rejected", "rejected")
    # the list is redrawn after the rejection (the term leaves the candidates): a box ticked
    # before that redraw would be lost with the old rows
    until(lambda: zhs[0] not in [r.get_attribute("data-zh") for r in d.find_elements("css selector", "tr.term")],
          "the rejected term gone from the list")
    for zh in zhs[1:]:
        # the list is redrawn after the rejection: look the row up again until it is stable
        click(d, until(lambda zh=zh: _select_box(d, zh), f"the row of {zh}"))
    click(d, d.find_element("css selector", "[data-bulk-approve]"))
    until(lambda: all(bench.one("SELECT status FROM glossary_entry WHERE zh = ?", z)[0] == "approved"
                      or "not approved" in status_text(d) for z in zhs[1:]), "bulk approval")


# --------------------------------------------------------------------------- findings and search

def test_findings_jump_to_the_unit(driver, bench):
    d = driver
    d.get(f"{bench.url}/findings")
    articles = d.find_elements("css selector", "article.finding")
    assert articles
    link = articles[0].find_element("css selector", "td.key a")
    key = link.text
    click(d, link)
    until(lambda: selected_key(d) == key, "the unit selected in the alignment view")
    assert d.find_element("id", f"u-{key}").is_displayed()


def test_mark_a_finding_not_a_problem(driver, bench):
    d = driver
    d.get(f"{bench.url}/findings")
    article = d.find_elements("css selector", "article.finding")[1]
    fid = article.get_attribute("data-id")
    click(d, article.find_element("css selector", "button[data-ignore]"))
    box = until(lambda: article.find_element("css selector", ".ignore-form input"), "the reason box")
    from selenium.webdriver.common.keys import Keys
    box.send_keys("the curated glossary allows both", Keys.ENTER)
    until(lambda: bench.ignored(fid), "the decision in the database")
    [decision] = bench.ignored(fid)
    assert decision.reason == "the curated glossary allows both"
    until(lambda: not d.find_elements("id", f"f-{fid}"), "the finding gone from the page")
    d.get(f"{bench.url}/findings")
    assert not d.find_elements("id", f"f-{fid}")


def test_search_box(driver, bench):
    d = driver
    d.get(f"{bench.url}/align")
    press(d, "/")
    box = d.switch_to.active_element
    assert box.get_attribute("id") == "searchbox"
    from selenium.webdriver.common.keys import Keys
    box.send_keys("康养", Keys.ENTER)
    until(lambda: "/search" in d.current_url, "the results")
    assert d.find_elements("css selector", "#terms-results .term-hit")
    marks = [m.text for m in d.find_elements("css selector", "#concordance-results mark.hit")]
    assert marks and set(marks) == {"康养"}


# --------------------------------------------------------------------------- safety

def test_xss_probe_shows_text_and_runs_nothing(driver, plan_memory, tmp_path):
    from tm import TranslationUnit, import_units

    path = copy_db(plan_memory, tmp_path / "xss.db")
    db = open_store(path)
    probe_zh = '<img src=x onerror="window.__xss=1">测试<script>window.__xss=2</script>'
    probe_en = '</td><script>window.__xss=3</script><b onmouseover="window.__xss=4">bold</b>'
    import_units(db, [TranslationUnit(zh=probe_zh, en=probe_en, pair="probe", position=0)])
    db.conn.close()
    wb = Workbench(path)
    try:
        d = driver
        for url in ("/align?pair=probe", "/search?q=%E6%B5%8B%E8%AF%95", "/findings?source=qa&pair=probe"):
            d.get(wb.url + url)
            assert d.execute_script("return window.__xss === undefined")
            assert not d.find_elements("css selector", "td img, td script, td b")
        d.get(wb.url + "/align?pair=probe")
        row = d.find_element("css selector", "tr.bead")
        assert probe_zh in row.text and probe_en in row.text
    finally:
        wb.close()


ATTACK = """<!doctype html><html><body>
<form id="f" method="post" action="{target}/api/unit" enctype="text/plain">
<input name='{{"action":"mark","key":"{key}","x":"' value='"}}'></form>
<script>
fetch("{target}/api/undo", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}}, body: "{{}}"}}).finally(function () {{
  document.getElementById("f").submit(); }});
</script></body></html>"""


def test_a_cross_origin_post_is_refused(driver, bench):
    """A page of another origin (another port of this machine: the same site, so the
    browser even sends the SameSite cookie) posts to the workbench: refused, nothing changes."""
    from waitress.server import create_server

    key = bench.one("SELECT key FROM units WHERE status != 'reviewed' AND zh != '' AND en != '' "
                    "ORDER BY position LIMIT 1")[0]
    page = ATTACK.format(target=bench.url, key=key).encode("utf-8")

    def attacker(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [page]

    evil = create_server(attacker, host="127.0.0.1", port=0)
    evil_thread = threading.Thread(target=evil.run, daemon=True)
    evil_thread.start()
    try:
        d = driver
        d.get(bench.url + "/align")                  # the victim has a session with the workbench
        d.get(f"http://127.0.0.1:{evil.effective_port}/")
        until(lambda: [x for x in bench.log if x[0] == "POST" and x[1] == "/api/unit"], "the forged form post")
        until(lambda: [x for x in bench.log if x[0] == "POST" and x[1] == "/api/undo"], "the forged fetch")
        posts = [x for x in bench.log if x[0] == "POST"]
        assert posts and all(status == 403 for _, _, status in posts), posts
        assert bench.one("SELECT status FROM units WHERE key = ?", key)[0] != "reviewed"
    finally:
        stop(evil, evil_thread)


# --------------------------------------------------------------------------- two reviewers

def test_an_edit_on_a_stale_view_shows_the_text_now_and_keeps_the_typing(driver, bench):
    """Another reviewer saves the unit while this page's edit dialog is open: the save is
    refused, nothing is written, the dialog shows the text as it is now and the person's
    typing as it was; saving again applies the typing on the current text."""
    from selenium.webdriver.common.keys import Keys
    from tm.memory.edit import edit_unit

    d = driver
    key = bench.one("SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1 OFFSET 30")[0]
    d.get(f"{bench.url}/align?pair={PLAN}#u-{key}")
    click(d, d.find_element("id", f"u-{key}"))
    press(d, "e")
    box = until(lambda: d.find_element("css selector", "#edit-dialog[open] textarea[name=en]"), "the edit dialog")
    box.clear()
    box.send_keys("Reviewer B's fix.")
    edit_unit(bench.db, key, en="Reviewer A's careful fix.", who="alice")     # A saves meanwhile
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    conflict = until(lambda: d.find_element("css selector", "#edit-dialog[open] #edit-conflict:not([hidden])"),
                     "the dialog open again with the conflict")
    assert "was changed since this page showed it (by alice): nothing was saved" in conflict.text
    assert "Reviewer A's careful fix." in conflict.text
    assert d.find_element("css selector", "#edit-dialog textarea[name=en]").get_attribute("value") == \
        "Reviewer B's fix."
    assert bench.one("SELECT en FROM units WHERE key = ?", key)[0] == "Reviewer A's careful fix."
    assert ("POST", "/api/unit", 409) in bench.log
    until(lambda: "Reviewer A's careful fix." in d.find_element("id", f"u-{key}").text, "the row redrawn")
    # the person decides: saving again puts their text on the current one
    d.find_element("css selector", "#edit-dialog textarea[name=en]").send_keys(Keys.CONTROL, Keys.ENTER)
    until(lambda: bench.one("SELECT en FROM units WHERE key = ?", key)[0] == "Reviewer B's fix.", "the second save")
    assert bench.one("SELECT count(*) FROM edit_history WHERE op = 'edit'")[0] == 2


def test_z_undoes_this_browsers_change_not_another_reviewers(driver, bench):
    """Another session of the same server edits a unit after this page's edit: z takes back
    this page's edit only."""
    import re
    import urllib.request
    from http.cookiejar import CookieJar

    d = driver
    mine, theirs = [k for (k,) in bench.db.conn.execute(
        "SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 2 OFFSET 40")]
    en_mine = bench.one("SELECT en FROM units WHERE key = ?", mine)[0]
    d.get(f"{bench.url}/align?pair={PLAN}#u-{mine}")
    click(d, d.find_element("id", f"u-{mine}"))
    press(d, "r")                                          # this page marks its unit reviewed…
    until(lambda: bench.one("SELECT count(*) FROM edit_history")[0] == 1, "the mark")
    # …then another browser session (a second client with its own cookie) edits another unit
    other = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = other.open(f"{bench.url}/align?pair={PLAN}").read().decode()
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    version = re.search(rf'data-key="{re.escape(theirs)}" data-version="([^"]+)"', page).group(1)
    other.open(urllib.request.Request(f"{bench.url}/api/unit", method="POST", headers={
        "Content-Type": "application/json", "X-CSRF-Token": token},
        data=json.dumps({"action": "edit", "key": theirs, "en": "The other reviewer's edit.",
                         "seen": {theirs: version}}).encode()))
    assert bench.one("SELECT en FROM units WHERE key = ?", theirs)[0] == "The other reviewer's edit."
    press(d, "z")
    until(lambda: bench.one("SELECT undone FROM edit_history WHERE id = 1")[0] is not None, "this page's undo")
    assert bench.one("SELECT status, en FROM units WHERE key = ?", mine)[1] == en_mine
    assert bench.one("SELECT en, undone FROM edit_history h JOIN units u ON u.key = ? WHERE h.id = 2", theirs) == \
        ("The other reviewer's edit.", None)
    press(d, "z")
    until(lambda: "nothing to undo in" in status_text(d), "nothing more of this page's to undo")
    assert bench.one("SELECT en FROM units WHERE key = ?", theirs)[0] == "The other reviewer's edit."
