"""The workbench in Firefox (issue 11: "works in a current Chromium and Firefox").

Debian's ``firefox-esr`` driven through its built-in Marionette server by Mozilla's
``marionette_driver`` (Debian has no geckodriver; nothing is downloaded): headless, a
temporary profile, a free port, timeouts on every wait; the browser is stopped at the end
and killed by its process id if it is still there. The steps mirror the Chromium tests
(test_browser.py), on the same app and fixtures, and the database is checked after each.

Skipped with the reason when Firefox or marionette_driver is missing, or Firefox cannot
be started, outside CI; `.ci/run` installs both (apt-get install firefox-esr; the test
extra), so CI always runs these.
"""

import os
import shutil
import signal

import pytest

from conftest import need
from test_browser import PLAN, bench, wait_until  # noqa: F401 - bench: the same fixture

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
# marionette_driver's helpers (mozinfo, mozrunner) use APIs Python deprecates: not ours to fix
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning:mozinfo.mozinfo"),
              pytest.mark.filterwarnings("ignore::DeprecationWarning:mozrunner.devices.emulator")]
WAIT = 20.0
WIDE, NARROW = (1280, 800), (500, 800)      # 500: the narrowest Firefox window


def _have_driver() -> bool:
    try:
        import marionette_driver  # noqa: F401
    except ImportError:
        return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    need(FIREFOX is not None and _have_driver(),
         "no Firefox + marionette_driver (apt-get install firefox-esr; pip install -e '.[test]')")
    from marionette_driver.marionette import Marionette

    work = tmp_path_factory.mktemp("firefox")
    try:
        # port 0: marionette_driver picks a free port; the profile is a new one under work/
        m = Marionette(bin=FIREFOX, port=0, headless=True, workspace=str(work), gecko_log=str(work / "gecko.log"),
                       startup_timeout=120, socket_timeout=120)
        m.start_session()
    except Exception as exc:      # noqa: BLE001 - any failure to start is the reason to report
        log = (work / "gecko.log").read_text(errors="replace")[-2000:] if (work / "gecko.log").exists() else ""
        need(False, f"Firefox ({FIREFOX}) could not be started: {type(exc).__name__}: {exc}\n{log}")
    pid = m.session_capabilities.get("moz:processID")
    try:
        m.timeout.page_load = 60
        m.timeout.script = 30
        m.timeout.implicit = 0
        size(m, WIDE)
        yield m
    finally:
        try:
            m.cleanup()
        finally:
            if pid and _alive(pid):
                os.kill(pid, signal.SIGKILL)
            # the profiles (the one used, and a fresh one close() makes) removed now, not
            # by their finalizers at the interpreter's exit, when that no longer works
            runner = getattr(m.instance, "runner", None)
            for profile in {id(p): p for p in (getattr(m.instance, "_profile", None),
                                                 getattr(runner, "profile", None)) if p is not None}.values():
                profile.cleanup()
                profile.restore = False


def size(m, wh):
    """The window's size, and wait until the page has it (the narrow layout is a media query)."""
    m.set_window_rect(width=wh[0], height=wh[1])
    until(lambda: abs(js(m, "return window.outerWidth") - wh[0]) <= 2, f"a window {wh[0]} px wide")


def until(condition, what: str, timeout: float = WAIT):
    from marionette_driver.errors import NoSuchElementException, StaleElementException

    return wait_until(condition, what, (StaleElementException, NoSuchElementException), timeout)


def js(m, script, *args):
    """Run ``script`` in the page itself (not in Marionette's sandbox)."""
    return m.execute_script(script, script_args=list(args), sandbox=None)


def press(m, keys: str):
    """Type ``keys`` as a person would, to whatever has the focus."""
    m.actions.sequence("key", "keyboard").send_keys(keys).perform()
    m.actions.release()


def click(m, element):
    """Click as a person would: the element scrolled to the middle of the window first
    (not hidden under the sticky header or the action bar). A cell, not a table row:
    Firefox's WebDriver click refuses a ``<tr>`` ("could not be scrolled into view")."""
    js(m, "arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def selected_key(m):
    return js(m, "var r = document.querySelector('tr.bead.sel'); return r && r.dataset.key")


def status_text(m) -> str:
    return js(m, "return document.getElementById('status').textContent")


def layout(m, key):
    """Where the bead's two sides are, and whether the page is wider than the window."""
    return js(m, """
        var row = document.getElementById('u-' + arguments[0]);
        var zh = row.querySelector('td.zh').getBoundingClientRect();
        var en = row.querySelector('td.en').getBoundingClientRect();
        return {zh: [zh.left, zh.top, zh.right, zh.bottom], en: [en.left, en.top, en.right, en.bottom],
                row: row.getBoundingClientRect().width, inner: window.innerWidth,
                scroll: document.documentElement.scrollWidth,
                zhFont: getComputedStyle(row.querySelector('td.zh')).fontFamily};""", key)


# --------------------------------------------------------------------------- alignment

def test_the_plan_opens_wide_and_narrow_and_moves_by_keyboard(firefox, bench):
    m = firefox
    m.navigate(f"{bench.url}/align?pair={PLAN}")
    keys = [k for (k,) in bench.db.conn.execute("SELECT key FROM units ORDER BY position, id LIMIT 100")]
    assert js(m, "return Array.from(document.querySelectorAll('tr.bead')).map(r => r.dataset.key)") == keys
    assert selected_key(m) == keys[0]
    press(m, "jjj")
    assert selected_key(m) == keys[3]
    press(m, "k")
    assert selected_key(m) == keys[2]
    two = bench.one("SELECT key FROM units WHERE zh != '' AND en != '' ORDER BY position LIMIT 1 OFFSET 3")[0]
    wide = layout(m, two)
    assert wide["scroll"] <= wide["inner"], wide                      # nothing wider than the window
    assert wide["zh"][2] <= wide["en"][0] + 1 and abs(wide["zh"][1] - wide["en"][1]) < 2, wide   # side by side
    assert wide["zhFont"].startswith('"Noto Sans CJK SC"'), wide       # Chinese in a Chinese font first
    try:
        size(m, NARROW)
        until(lambda: js(m, "return window.innerWidth") < 760, "the narrow layout")
        narrow = layout(m, two)
        assert narrow["scroll"] <= narrow["inner"], narrow
        assert narrow["zh"][3] <= narrow["en"][1] + 1, narrow           # Chinese above English
        for side in ("zh", "en"):                                       # each side the row's width
            assert narrow[side][2] - narrow[side][0] > 0.8 * narrow["row"], narrow
        assert m.find_element("css selector", "#actionbar").is_displayed()
        press(m, "j")
        assert selected_key(m) == keys[3]
    finally:
        size(m, WIDE)


def test_merge_by_keyboard_then_undo_by_keyboard(firefox, bench):
    m = firefox
    before = bench.units()
    a, b = [k for (k,) in bench.db.conn.execute("SELECT key FROM units ORDER BY position, id LIMIT 2 OFFSET 20")]
    za, zb, ea, eb = bench.one("SELECT a.zh, b.zh, a.en, b.en FROM units a, units b WHERE a.key = ? AND b.key = ?",
                               a, b)
    m.navigate(f"{bench.url}/align?pair={PLAN}")
    click(m, m.find_element("css selector", f'[id="u-{a}"] td.zh'))     # the bead's Chinese text
    assert selected_key(m) == a
    press(m, "m")                                   # merge with the next bead
    until(lambda: bench.count(b) == 0, "the merge in the database")
    assert bench.one("SELECT zh, en, status FROM units WHERE key = ?", a) == \
        (za + zb, " ".join(x for x in (ea, eb) if x), "reviewed")
    assert [op for (op,) in bench.db.conn.execute("SELECT op FROM edit_history ORDER BY id")] == ["merge"]
    until(lambda: not m.find_elements("id", f"u-{b}") and selected_key(m) == a, "the merged bead redrawn")
    assert zb in m.find_element("id", f"u-{a}").text
    press(m, "z")                                   # undo
    until(lambda: bench.count(b) == 1, "the undo in the database")
    assert bench.units() == before
    assert bench.one("SELECT undone IS NOT NULL FROM edit_history ORDER BY id DESC LIMIT 1")[0]
    until(lambda: m.find_elements("id", f"u-{b}"), "the bead back on the page")
    assert not [x for x in bench.log if x[2] >= 400], bench.log


# --------------------------------------------------------------------------- terms and findings

def test_approve_a_term_with_a_chosen_rendering(firefox, bench):
    m = firefox
    zh, second = bench.term_to_approve()
    m.navigate(f"{bench.url}/terms?status=candidate&sort=count")
    row = until(lambda: [r for r in m.find_elements("css selector", "tr.term") if r.get_attribute("data-zh") == zh],
                "the term's row")[0]
    click(m, row.find_element("css selector", "td.pinyin"))
    until(lambda: m.find_elements("css selector", f'.term-detail[data-zh="{zh}"]'), "the term's panel")
    radio = [r for r in m.find_elements("css selector", '.approve-form input[name="en"]')
             if r.get_attribute("value") == second][0]
    click(m, radio)
    click(m, m.find_element("css selector", '.approve-form button[data-term-act="approve"]'))
    until(lambda: bench.one("SELECT status FROM glossary_entry WHERE zh = ?", zh)[0] == "approved", "approved")
    assert bench.first_approved(zh) == second
    until(lambda: zh not in [r.get_attribute("data-zh") for r in m.find_elements("css selector", "tr.term")],
          "the approved term leaves the candidate list")


def test_mark_a_finding_not_a_problem(firefox, bench):
    from marionette_driver.keys import Keys

    m = firefox
    m.navigate(f"{bench.url}/findings")
    article = m.find_elements("css selector", "article.finding")[1]
    fid = article.get_attribute("data-id")
    assert not bench.ignored(fid)
    click(m, article.find_element("css selector", "button[data-ignore]"))
    box = until(lambda: article.find_element("css selector", ".ignore-form input"), "the reason box")
    box.send_keys("the curated glossary allows both" + Keys.ENTER)
    until(lambda: bench.ignored(fid), "the decision in the database")
    [decision] = bench.ignored(fid)
    assert decision.reason == "the curated glossary allows both"
    until(lambda: not m.find_elements("id", f"f-{fid}"), "the finding gone from the page")
    m.navigate(f"{bench.url}/findings")
    assert not m.find_elements("id", f"f-{fid}")
