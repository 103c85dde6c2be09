"""Import on two processes (tm.memory.importpipe): the same memory as one process, the same errors,
nothing stored on error; the tokens computed apart from the database equal tm.memory.fuzzy's."""

import json
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tm.memory import fuzzy
from tm.errors import InputError, ToolError
from tm.exchange import import_file
from tm.memory.index import Tokenizer
from tm.models import TranslationUnit
from tm.memory.store import R_ZT, TOKENS_LATER, open_store
from tm.formats.tmx import write_tmx

TABLES = ("units", "units_en_fts", "match_runs", "match_postings", "match_rare", "pairs")


def dump(db) -> dict:
    """The tables' rows without the import's time: the dates, and the dates the store filled in
    that the metadata names (``{"filled": …}``, the units' files giving none)."""
    out = {}
    for table in TABLES:
        rows = db.conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        out[table] = [tuple(_untimed(v) for v in r if not (isinstance(v, str) and v.endswith("Z") and "T" in v))
                      for r in rows]
    return out


def _untimed(value):
    if isinstance(value, str) and value.startswith('{"filled": '):
        meta = json.loads(value)
        del meta["filled"]
        return json.dumps(meta, sort_keys=True) if meta else None
    return value


def tmx_file(path: Path, units) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        write_tmx(units, out)
    return path


def units(n, *, dup_every=0):
    for i in range(n):
        j = i - 1 if dup_every and i and i % dup_every == 0 else i
        yield TranslationUnit(zh=f"第{j}条，人工智能（ＡＩ）句子。", en=f"Sentence number {j} about ＡＩ, isn't it?",
                              props={"x-note": "p"} if j % 3 == 0 else {}, shape="1-1" if j % 2 else None)


def test_two_processes_store_the_same_memory_as_one(tmp_path):
    path = tmx_file(tmp_path / "u.tmx", units(5000, dup_every=7))
    dumps, stats = [], []
    for workers in (1, 2):
        db = open_store(tmp_path / f"w{workers}.db")
        import_file(db, path, workers=workers)
        stats.append(import_file(db, path, workers=workers).stats)   # all duplicates the second time
        dumps.append(dump(db))
    assert stats[0] == stats[1]
    assert stats[1].duplicates == stats[1].read > 4000
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["units"]) == len({(u.zh, u.en) for u in units(5000, dup_every=7)}) < 5000
    assert len(dumps[0]["match_postings"]) > 0


@pytest.mark.parametrize("on_duplicate", ["skip", "replace"])
def test_index_tokens_by_the_writer_store_the_same_memory(tmp_path, on_duplicate):
    """Records prepared without index tokens (the writer computes them, as the two-process
    import does when the reader is behind) store exactly what fully prepared ones do,
    batch by batch in any mix, duplicates replaced included."""
    from tm.memory.store import BATCH, import_prepared, prepare_units
    listed = list(units(3 * BATCH + 17, dup_every=5))
    dumps = []
    for mix in ((True,), (False,), (True, False, False)):
        db = open_store(tmp_path / f"{on_duplicate}-{len(dumps)}.db")
        for _ in range(2):      # the second time every unit is a duplicate
            batches = [prepare_units(listed[i:i + BATCH], tokens=mix[(i // BATCH) % len(mix)])
                       for i in range(0, len(listed), BATCH)]
            assert any(r[R_ZT] == TOKENS_LATER for b in batches for r in b) == (False in mix)
            import_prepared(db, batches, on_duplicate=on_duplicate)
        dumps.append(dump(db))
    assert dumps[0]["match_postings"] and dumps[0]["units_en_fts"]
    assert dumps[1] == dumps[0] and dumps[2] == dumps[0]


def test_an_error_in_the_reading_process_is_the_same_line_and_stores_nothing(tmp_path):
    good = tmx_file(tmp_path / "good.tmx", units(3000))
    text = good.read_text(encoding="utf-8")
    cut = text.index("    <tu", len(text) * 3 // 4)
    bad = tmp_path / "bad.tmx"
    bad.write_text(text[:cut] + "<tu><tuv xml:lang='zh-CN'><seg>只有中文</seg></tuv></tu>" + text[cut:],
                   encoding="utf-8")
    line = text[:cut].count("\n") + 1
    messages = []
    for workers in (1, 2):
        db = open_store(tmp_path / f"e{workers}.db")
        with pytest.raises(InputError) as err:
            import_file(db, bad, workers=workers, strict=True)
        messages.append((str(err.value), err.value.path, err.value.line))
        assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
        assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 0
    assert messages[0] == messages[1]
    assert messages[0][0] == f"{bad}:{line}: <tu> has no English (en) variant"


def test_units_skipped_in_the_reading_process_are_reported_by_the_writing_one(tmp_path):
    text = tmx_file(tmp_path / "good.tmx", units(3000)).read_text(encoding="utf-8")
    cuts = [text.index("\n    <tu", len(text) * k // 4) + 1 for k in (1, 3)]
    blank = "<tu><tuv xml:lang='zh-CN'><seg>没有译文</seg></tuv><tuv xml:lang='en'><seg> </seg></tuv></tu>\n"
    bad = tmp_path / "blanks.tmx"
    bad.write_text(text[:cuts[0]] + blank + text[cuts[0]:cuts[1]] + blank + text[cuts[1]:],
                   encoding="utf-8")
    lines = [text[:cuts[0]].count("\n") + 1, text[:cuts[1]].count("\n") + 2]
    for workers in (1, 2):
        db = open_store(tmp_path / f"s{workers}.db")
        result = import_file(db, bad, workers=workers)
        assert result.skipped.reasons == {"untranslated: the English side is empty": lines}
        assert result.stats.added == 3000


def test_an_error_in_the_writing_process_stops_the_reader(tmp_path):
    path = tmx_file(tmp_path / "u.tmx", units(6000, dup_every=5000))
    db = open_store(tmp_path / "d.db")
    with pytest.raises(ToolError, match=r"^duplicate unit .* \(unit 5001 of the input\)$"):
        import_file(db, path, workers=2, on_duplicate="error")
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    import_file(db, path, workers=2)            # the database is usable: no lock left behind
    assert db.conn.execute("SELECT count(*) FROM units").fetchone()[0] == 5999


text = st.text(st.sampled_from("ＡＢｚ１２，；（）　 \u3000中文字abcXYZ12.'-’ﬁ①㈠ｶﾞ\uff5e\uff5f\uff01İß\n"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(zh=text, en=text)
def test_tokenizer_equals_fuzzy_tokens(zh, en):
    zt, ids = Tokenizer()(zh, en)
    assert zt == fuzzy.tokens(zh, "zh")
    assert array("Q", ids).tolist() == fuzzy.gram_ids(fuzzy.tokens(en, "en"), "en")


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(st.tuples(text, text), max_size=20))
def test_tokenizer_reused_equals_fuzzy_tokens(pairs):
    """One tokenizer over many units gives each unit's own tokens."""
    tok = Tokenizer()
    for zh, en in pairs + pairs:
        zt, ids = tok(zh, en)
        assert zt == fuzzy.tokens(zh, "zh")
        assert array("Q", ids).tolist() == fuzzy.gram_ids(fuzzy.tokens(en, "en"), "en")


IMPORTER = """
import sys
from tm.exchange import import_file
from tm.memory.store import open_store
import_file(open_store(sys.argv[1]), sys.argv[2], workers=2)
"""


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("aZ09_ '-.,;:!?\"()/\t\n\x7fx"), max_size=40))
def test_english_words_of_ascii_text_are_those_of_the_unicode_pattern(en):
    """English text in ASCII is split by a faster pattern: the same words as fuzzy.WORD."""
    assert fuzzy.tokens(en, "en") == fuzzy.WORD.findall(fuzzy.normalize(en))


def test_kill_9_of_the_importer_ends_the_reading_process_too(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    if not Path("/proc/self/task").exists():
        pytest.skip("needs /proc to find the child process")
    path = tmx_file(tmp_path / "big.tmx", units(60000))
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(tmp_path / "k.db"), str(path)])
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    child = None
    while child is None:
        assert proc.poll() is None and time.monotonic() < deadline, "the import never started a child"
        found = children.read_text().split() if children.exists() else []
        child = int(found[0]) if found else None
        time.sleep(0.01)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while _state(child) not in (None, "Z", "X"):
        assert time.monotonic() < deadline, f"the child {child} outlived the importer"
        time.sleep(0.05)
    assert open_store(tmp_path / "k.db").conn.execute("SELECT count(*) FROM units").fetchone()[0] == 0


def test_small_pages_restores_numpy_s_setting():
    """The match index sorts a run without huge pages and gives numpy its setting back,
    whatever it was."""
    try:
        from numpy._core import multiarray
    except ImportError:
        from numpy.core import multiarray
    from tm.memory.index import small_pages
    original = multiarray._get_madvise_hugepage()
    try:
        for want in (True, False):
            multiarray._set_madvise_hugepage(want)
            with small_pages():
                assert multiarray._get_madvise_hugepage() is False
            assert multiarray._get_madvise_hugepage() is want
    finally:
        multiarray._set_madvise_hugepage(original)
