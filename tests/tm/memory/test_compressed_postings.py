"""On PostgreSQL the match index's blobs are stored compressed (LZ4, migration
tm/0012_compressed_postings) and its frequent posting rows packed (tm.memory.index.pack_codes):
the same codes read back, rows written before either read as before, a rewrite (tm optimize)
packs and compresses them, and matches stay the full scan's."""

import json
import os
import random
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from test_match import edit_en, edit_zh, plan_sentences
from tm.memory import index
from tm.memory.index import UID_BITS, codes_of, pack_codes, pack_rows
from tm.memory.match import match, match_brute
from tm.memory.store import import_units, merge_index, open_store
from tm.models import TranslationUnit

ROOT = Path(__file__).resolve().parents[3]

BLOBS = [("match_postings", "codes"), ("match_rare", "tokens"), ("match_rare", "codes")]


def _lz4(db) -> bool:
    return bool(db.conn.raw.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                                    "WHERE name = 'default_toast_compression'").fetchone()[0])


def _settings(db) -> dict:
    return {(t, c): (s, m) for t, c, s, m in db.conn.raw.execute(
        "SELECT c.relname, a.attname, a.attstorage, a.attcompression FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid WHERE c.oid IN (to_regclass('match_postings'), "
        "to_regclass('match_rare')) AND a.atttypid = 'bytea'::regtype")}


def _units(rng, zh, en, n):
    out = []
    for _ in range(n):
        k = rng.choice([0, 1, 2, 3, 5])
        out.append(TranslationUnit(zh=edit_zh(rng, rng.choice(zh), k), en=edit_en(rng, rng.choice(en), k // 2)))
    return out


def _postings(db) -> list[tuple[int, int]]:
    out = []
    for t, n, blob in db.conn.execute("SELECT token, n, codes FROM match_postings"):
        codes = np.frombuffer(codes_of(blob), dtype=np.uint64)
        assert len(codes) == n and (np.diff(codes.astype(np.int64)) > 0).all()
        out += [(t, c) for c in codes.tolist()]
    for tblob, cblob in db.conn.execute("SELECT tokens, codes FROM match_rare"):
        out += zip(np.frombuffer(tblob, dtype=np.uint64).tolist(), np.frombuffer(cblob, dtype=np.uint64).tolist())
    return sorted(out)


def _answers(db, rng, zh, en):
    out = []
    for i in range(16):
        lang = "zh" if i % 2 == 0 else "en"
        q = edit_zh(rng, rng.choice(zh), rng.choice([0, 1, 3])) if lang == "zh" else \
            edit_en(rng, rng.choice(en), rng.choice([0, 1, 2]))
        fast = [(m.unit.id, m.score) for m in match(db, q, source=lang, min_score=70, limit=10)]
        assert fast == [(m.unit.id, m.score) for m in match_brute(db, q, source=lang, min_score=70, limit=10)]
        out.append(fast)
    return out


def _compressed(db) -> tuple[int, int]:
    """(large plain posting rows stored compressed, large plain posting rows) of match_postings."""
    return db.conn.raw.execute(
        "SELECT count(*) FILTER (WHERE pg_column_compression(codes) = 'lz4'), count(*) FROM match_postings "
        "WHERE octet_length(codes) > 2500 AND octet_length(codes) % 8 = 0 AND get_byte(codes, 7) <> 255").fetchone()


def _packed(db) -> tuple[int, int]:
    """(posting rows packed or in the bitmaps form, posting rows) of match_postings."""
    return db.conn.raw.execute("SELECT count(*) FILTER (WHERE octet_length(codes) % 8 != 0 "
                               "OR get_byte(codes, 7) = 255), count(*) FROM match_postings").fetchone()


@pytest.fixture
def server(pg_url):
    db = open_store(pg_url)
    if not _lz4(db):
        pytest.skip("this PostgreSQL server was built without LZ4: the blobs stay uncompressed")
    return db


def test_packed_codes_read_back_the_same():
    rng = np.random.default_rng(1)
    packed, seen = 0, set()
    for trial in range(300):
        n = int(rng.integers(1, 3000))
        lengths = np.sort(rng.integers(1, [70000, 4, 80, 80, 80][trial % 5], n)).astype(np.uint64)
        ids = rng.integers(1, [2**40 - 1, 10**7, 3000][trial % 3], n).astype(np.uint64)
        codes = np.unique(lengths << np.uint64(UID_BITS) | ids)
        blob = pack_codes(codes)
        seen.add(index.form(blob))
        if index.form(blob) == "plain":   # where packing would not make it smaller
            assert blob == codes.tobytes()
        else:
            assert len(blob) < 8 * len(codes)
            packed += 1
        got = codes_of(blob)
        assert got.format == "Q" and np.array_equal(np.frombuffer(got, dtype=np.uint64), codes)
    assert packed > 150 and seen == {"plain", "packed", "bitmaps"}
    plain = codes.tobytes()
    assert codes_of(plain).obj is plain                     # the plain form: the blob itself, no copy
    # many rows at once (as an import writes them), in each of the forms, not adjacent
    forms = set()
    for trial in range(30):
        if trial % 2:
            codes = np.unique(rng.integers(1 << 40, 1 << int(rng.choice([41, 44, 47])), 3000).astype(np.uint64))
        else:   # lengths 1 and 2, ids below 2**16: dense, long runs, bitmaps
            codes = np.unique(rng.integers(1, 3, 3000).astype(np.uint64) << np.uint64(UID_BITS)
                              | rng.integers(0, 1 << 16, 3000).astype(np.uint64))
        cuts = np.unique(rng.integers(0, len(codes), 400 if trial % 2 else 20))
        a, e = cuts[:-1:2], cuts[1::2]
        data, starts, ends = pack_rows(codes, a, e)
        for x, y, p, q in zip(a, e, starts, ends):
            blob = data[p:q].tobytes()
            assert blob == pack_codes(codes[x:y])
            forms.add(index.form(blob))
    assert forms == {"plain", "packed", "bitmaps"}


def _every_form(rng) -> list:
    """Ascending codes whose packed rows take each delta width (1 to 4 bytes), each with and
    without exceptions (a unit length changing, a sparse stretch), and a row of over 65,536
    codes (the exceptions' positions in 4 bytes)."""
    out = []
    for w, jumps, n in [(w, j, int(rng.integers(50, 3000))) for w in (1, 2, 3, 4) for j in (0, 6)] + [(1, 9, 70_000)]:
        d = rng.integers(1 << 8 * (w - 1), 1 << 8 * w, n).astype(np.uint64)   # each needs exactly w bytes
        at = rng.choice(np.arange(1, n), jumps, replace=False)
        d[at] = (rng.integers(1, 4, jumps).astype(np.uint64) << np.uint64(UID_BITS)) | rng.integers(0, 1 << 33, jumps).astype(np.uint64)
        d[0] = (3 << UID_BITS) + int(rng.integers(0, 1 << 20))
        out.append(np.cumsum(d))
    return out


def _bitmap_rows(rng) -> list:
    """Ascending codes that :func:`pack_codes` writes in the bitmaps form: one length; lengths
    mixed (runs of one code, and a length of 65,535); ids across 65,536-id containers and up to
    2**32 - 1; a full row of 4,096 codes, 4,096 in one container."""
    def codes(lengths, ids):
        return np.unique(np.asarray(lengths, dtype=np.uint64) << np.uint64(UID_BITS) | np.asarray(ids, dtype=np.uint64))
    out = [codes(np.full(2000, 7), rng.choice(200_000, 2000, replace=False)),
           codes(np.sort(rng.integers(3, 20, 3000)), rng.integers(0, 1 << 18, 3000)),
           codes([1, 2, 2, 9] + [65535] * 1500, [5, 0, 70_000, 2**32 - 1] + sorted(rng.choice(1 << 20, 1500, replace=False))),
           codes(np.full(3000, 12), np.concatenate([[2**32 - 1], 2**32 - 1 - rng.choice(1 << 20, 2999, replace=False)])),
           codes(np.sort(rng.integers(1, 4, 4096)), rng.choice(1 << 17, 4096, replace=False)),
           codes(np.full(4096, 5), np.arange(4096) + 65536 * 3)]
    assert all(len(c) >= 1500 for c in out)
    return out


def test_the_bitmaps_form_read_in_python_on_a_big_endian_machine(monkeypatch):
    """On a big-endian machine the bitmaps are read in Python (:func:`index._portable_ids`), not by
    CRoaring, whose reading of its little-endian format there depends on its version: the same
    ids as pyroaring reads here, for every row (the path forced by ``_SWAP``)."""
    rows = _bitmap_rows(np.random.default_rng(8))
    want = [[(m, list(ids)) for m, ids in index.bitmaps_of(pack_codes(c))] for c in rows]
    monkeypatch.setattr(index, "_SWAP", True)
    blobs = [bytes(pack_codes(c)) for c in rows]
    got = [[(m, list(ids)) for m, ids in index.bitmaps_of(blob)] for blob in blobs]
    assert got == want and sum(len(r) for r in got) > len(rows)


def test_the_bitmaps_form_reads_back_the_same_as_croaring_writes_it():
    """A row in the bitmaps form: the codes read back (:func:`codes_of`), and each length's
    bitmap (:func:`bitmaps_of`) holds that length's ids in the very bytes pyroaring serializes
    them in. Rows whose ids do not fit in 32 bits, or of over 4,096 codes, are packed instead."""
    from pyroaring import BitMap

    for codes in _bitmap_rows(np.random.default_rng(8)):
        blob = pack_codes(codes)
        assert index.form(blob) == "bitmaps"
        got = codes_of(blob)
        assert got.format == "Q" and got.tolist() == codes.tolist()
        runs = index.bitmaps_of(blob)
        lengths = codes >> np.uint64(UID_BITS)
        assert [m for m, _ in runs] == sorted(set(lengths.tolist()))
        k = index._BITMAPS.unpack_from(blob)[0]
        o = index._BITMAPS.size + index._RUN.size * k
        for j, (m, ids) in enumerate(runs):
            want = (codes[lengths == m] & np.uint64(index.UID_MASK)).tolist()
            assert list(ids) == want
            size = index._RUN.unpack_from(blob, index._BITMAPS.size + index._RUN.size * j)[1]
            assert blob[o:o + size] == BitMap(want, optimize=False).serialize()   # (no run containers)
            o += size
        assert o == len(blob)
        assert index.bitmaps_of(codes.tobytes()) is None
    rows = _bitmap_rows(np.random.default_rng(8))   # numpy's decoder, several rows at once: the same codes
    got = index.codes_of_bitmap_rows([pack_codes(codes) for codes in rows])
    assert [g.format for g in got] == ["Q"] * len(rows) and [g.tolist() for g in got] == [c.tolist() for c in rows]
    wide = np.arange(3000, dtype=np.uint64) * np.uint64(3) + np.uint64((5 << UID_BITS) + 2**32 - 4000)
    long = (np.uint64(5) << np.uint64(UID_BITS)) + np.arange(0, 3 * 5000, 3, dtype=np.uint64)
    for codes in (wide, long):
        blob = pack_codes(codes)
        assert index.form(blob) == "packed" and codes_of(blob).tolist() == codes.tolist()
    assert index.form(pack_codes(long[:4096])) == "bitmaps"
    # ids that fit, but 40 length runs of 50 codes: a bitmap a run costs more than it saves
    rng = np.random.default_rng(9)
    short = np.unique(np.repeat(np.arange(1, 41, dtype=np.uint64), 50) << np.uint64(UID_BITS)
                      | rng.choice(1 << 16, 2000).astype(np.uint64))
    assert index.form(pack_codes(short)) == "packed" and codes_of(pack_codes(short)).tolist() == short.tolist()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "BITMAPS_RUN", 1)
        assert index.form(pack_codes(short)) == "bitmaps"


@pytest.fixture
def short_runs(monkeypatch):
    """Rows in the bitmaps form whatever their runs' lengths (BITMAPS_RUN 1): the test memories
    are small, their posting rows of many short length runs."""
    monkeypatch.setattr(index, "BITMAPS_RUN", 1)


@pytest.fixture
def packed_only(monkeypatch):
    """Rows written packed where they would be in the bitmaps form (as before session 21)."""
    monkeypatch.setattr(index, "BITMAPS_EXTRA", float("-inf"))


def test_every_form_reads_back_the_same_with_and_without_numpy(packed_only):
    """The two decoders of a packed row (numpy's, where it is loaded; the array module's, where a
    one-shot command has not loaded it) give the codes written, for every width and exceptions."""
    forms = set()
    for codes in _every_form(np.random.default_rng(5)):
        blob = pack_codes(codes)
        first, w, m, k, at, _ = index._head(blob)
        assert len(blob) % 8 and m == len(codes) - 1
        forms.add((w, k > 0, at))
        want = codes.tolist()
        for decode in (index._unpack, index._unpack_numpy):
            got = decode(blob)
            assert got.format == "Q" and got.tolist() == want, (decode.__name__, w, k, at)
        assert isinstance(codes_of(blob).obj, np.ndarray)   # numpy loaded here: its decoder
    assert forms == {(w, x, 2) for w in (1, 2, 3, 4) for x in (False, True)} | {(1, True, 4)}


# A fresh interpreter decodes length-prefixed blobs (argv[1]) through codes_of and writes the
# codes (argv[2]); it fails if numpy was loaded.
_DECODE = """
import struct, sys
from tm.memory.index import codes_of
data = open(sys.argv[1], "rb").read()
i = 0
with open(sys.argv[2], "wb") as fh:
    while i < len(data):
        (n,) = struct.unpack_from("<I", data, i)
        got = codes_of(data[i + 4:i + 4 + n])
        i += 4 + n
        assert got.format == "Q"
        fh.write(struct.pack("<I", len(got)) + got.tobytes())
assert "numpy" not in sys.modules, "numpy was loaded"
"""


def test_a_process_without_numpy_reads_packed_rows_without_loading_it(tmp_path, monkeypatch):
    rows = _every_form(np.random.default_rng(6))
    rows.append(np.array([1 << 40, 1 << 45, 1 << 50, 1 << 55], dtype=np.uint64))   # a row that stays plain
    monkeypatch.setattr(index, "BITMAPS_EXTRA", float("-inf"))
    blobs = [pack_codes(codes) for codes in rows]
    monkeypatch.undo()
    bitmaps = _bitmap_rows(np.random.default_rng(7))
    rows += bitmaps
    blobs += [pack_codes(codes) for codes in bitmaps]
    assert [index.form(b) for b in blobs].count("plain") == 1
    assert [index.form(b) for b in blobs].count("bitmaps") == len(bitmaps)
    (tmp_path / "in").write_bytes(b"".join(struct.pack("<I", len(b)) + b for b in blobs))
    subprocess.run([sys.executable, "-c", _DECODE, str(tmp_path / "in"), str(tmp_path / "out")], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    data, i, got = (tmp_path / "out").read_bytes(), 0, []
    while i < len(data):
        (n,) = struct.unpack_from("<I", data, i)
        got.append(np.frombuffer(data, np.uint64, n, i + 4).tolist())
        i += 4 + 8 * n
    assert got == [codes.tolist() for codes in rows]


def test_index_blobs_are_stored_packed_and_read_back_the_same(server, short_runs):
    db = server
    assert set(_settings(db).values()) == {("x", "l")}   # EXTENDED storage, LZ4
    rng = random.Random(3)
    zh, en = plan_sentences()
    import_units(db, _units(rng, zh, en, 1500))
    packed, rows = _packed(db)
    assert rows > 100 and packed > 0.8 * rows              # the others: short rows, the plain form smaller
    size, n = db.conn.raw.execute("SELECT sum(octet_length(codes)), sum(n) FROM match_postings").fetchone()
    assert size < 8 * n
    size, n = db.conn.raw.execute("SELECT sum(octet_length(codes)), sum(n) FROM match_postings WHERE n >= 256").fetchone()
    assert n > 10_000 and size < 0.6 * 8 * n
    forms = set()
    for n, blob in db.conn.execute("SELECT n, codes FROM match_postings"):   # each row in its smallest form, or
        codes = np.frombuffer(codes_of(blob), dtype=np.uint64)              # in the bitmaps form within the margin
        forms.add(index.form(blob))
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(index, "BITMAPS_EXTRA", float("-inf"))
            other = pack_codes(codes)
        assert len(blob) <= len(other) + (index.BITMAPS_EXTRA * n if index.form(blob) == "bitmaps" else 0)
    assert forms == {"plain", "packed", "bitmaps"}
    _postings(db)
    _answers(db, rng, zh, en)


def test_rows_written_before_the_migration_read_the_same_and_a_rewrite_packs_them(server, pg_url, monkeypatch):
    db = server
    monkeypatch.setattr(type(db.conn), "pack_postings", False)   # rows written before packing: plain
    # the state before tm/0012: uncompressed blobs, the migration not applied
    for table, column in BLOBS:
        db.conn.raw.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTERNAL, "
                            f"ALTER COLUMN {column} SET COMPRESSION default")
    db.conn.raw.execute("DELETE FROM _migrations WHERE package = 'tm' AND name = '0012_compressed_postings'")
    rng = random.Random(4)
    zh, en = plan_sentences()
    import_units(db, _units(rng, zh, en, 1200))
    got, large = _compressed(db)
    assert large > 10 and got == 0
    before = _postings(db)
    answers = _answers(db, random.Random(5), zh, en)

    monkeypatch.undo()
    db = open_store(pg_url)                                   # the migration runs
    assert set(_settings(db).values()) == {("x", "l")}
    assert _compressed(db) == (0, large)                      # old rows as they were
    assert _packed(db)[0] == 0
    assert _postings(db) == before
    assert _answers(db, random.Random(5), zh, en) == answers

    import_units(db, _units(rng, zh, en, 600))                # a new run: packed
    packed, rows = _packed(db)
    assert 0 < packed < rows
    assert merge_index(db) == (2, True)                       # the rewrite packs every row
    packed, rows = _packed(db)
    assert packed > 0.8 * rows > 100
    for (blob,) in db.conn.execute("SELECT codes FROM match_postings"):
        assert bytes(blob) == pack_codes(np.frombuffer(codes_of(blob), dtype=np.uint64))
    _postings(db)
    _answers(db, random.Random(6), zh, en)


def test_sqlite_is_left_as_it_was(tmp_path):
    db = open_store(tmp_path / "m.db")
    assert db.conn.execute("SELECT 1 FROM _migrations WHERE name = '0012_compressed_postings'").fetchone()
    rng = random.Random(7)
    zh, en = plan_sentences()
    import_units(db, _units(rng, zh, en, 300))
    for _t, n, blob in db.conn.execute("SELECT token, n, codes FROM match_postings"):
        assert len(blob) == 8 * n
    _answers(db, rng, zh, en)


# A fresh interpreter runs `tm --db URL match QUERY --format json` as the console script does
# (tm.cli.cli) and reports the packed rows it decoded and whether numpy was loaded. argv[3]:
# the find cost from which a server's command counts in bitmaps (-1: every query).
_COMMAND = """
import json, sys
url, query, bitmaps_from = sys.argv[1], sys.argv[2], int(sys.argv[3])
import tm.memory.match as matching
real, packed = matching.codes_of, []
def counted(blob):
    if len(blob) % 8:
        packed.append(len(blob))
    return real(blob)
matching.codes_of = counted
runs, bitmaps = matching.bitmaps_of, []
def counted_bitmaps(blob):
    got = runs(blob)
    if got is not None:
        bitmaps.append(len(blob))
    return got
matching.bitmaps_of = counted_bitmaps
matching.BITMAPS_FROM_SERVER = bitmaps_from
from tm.cli import cli
try:
    cli(["--db", url, "match", query, "--format", "json", "--limit", "10"], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"packed": len(packed), "bitmaps": len(bitmaps), "numpy": "numpy" in sys.modules}))
"""


@pytest.mark.parametrize("bitmaps_from", [150_000, -1])
def test_a_match_command_on_a_server_decodes_packed_rows_without_numpy(pg_url, bitmaps_from, short_runs):
    """A one-shot ``tm match`` on a server whose posting rows are packed or in the bitmaps form
    answers as the full scan does without importing numpy (counted in Python sets, or in
    bitmaps), some queries reading rows of each form."""
    db = open_store(pg_url)
    rng = random.Random(8)
    zh, en = plan_sentences()
    import_units(db, _units(rng, zh, en, 1500))
    assert _packed(db)[0] > 100
    checked, forms = 0, {"packed": 0, "bitmaps": 0}
    for i in range(4):
        lang = "zh" if i % 2 == 0 else "en"
        q = edit_zh(rng, rng.choice(zh), 1) if lang == "zh" else edit_en(rng, rng.choice(en), 1)
        done = subprocess.run([sys.executable, "-c", _COMMAND, pg_url, q, str(bitmaps_from)], capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
                              check=True)
        *out, report = done.stdout.splitlines()
        report = json.loads(report)
        assert report["packed"] + report["bitmaps"] > 0 and not report["numpy"], report
        forms["packed"] += report["packed"] > 0
        forms["bitmaps"] += report["bitmaps"] > 0
        got = [(m["key"], m["score"]) for m in json.loads("\n".join(out))]
        want = [(m.unit.key, round(m.score, 1)) for m in match_brute(db, q, source=lang, min_score=70, limit=10)]
        assert got == want, q
        checked += len(want)
    assert checked > 4 and forms["packed"] and forms["bitmaps"]


def test_optimize_packs_a_server_memory_of_one_run_written_plain(pg_url, monkeypatch):
    """One run of plain rows on a server (a memory copied from SQLite, or imported before the
    rows were packed) is rewritten packed; a second optimize leaves it alone."""
    db = open_store(pg_url)
    monkeypatch.setattr(type(db.conn), "pack_postings", False)
    rng = random.Random(9)
    zh, en = plan_sentences()
    import_units(db, _units(rng, zh, en, 1200))
    monkeypatch.undo()
    assert db.conn.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 1
    assert _packed(db)[0] == 0
    before = _postings(db)
    answers = _answers(db, random.Random(10), zh, en)

    assert merge_index(db) == (1, True)
    packed, rows = _packed(db)
    assert packed > 0.5 * rows > 100
    for (blob,) in db.conn.execute("SELECT codes FROM match_postings"):   # each row as the server writes it
        assert bytes(blob) == pack_codes(np.frombuffer(codes_of(blob), dtype=np.uint64))
    assert _postings(db) == before
    assert _answers(db, random.Random(10), zh, en) == answers
    rows = db.conn.execute("SELECT id FROM match_postings ORDER BY id").fetchall()
    assert merge_index(db) == (1, False)
    assert db.conn.execute("SELECT id FROM match_postings ORDER BY id").fetchall() == rows


def _forms(db) -> dict:
    out: dict = {}
    for (blob,) in db.conn.execute("SELECT codes FROM match_postings"):
        out[index.form(blob)] = out.get(index.form(blob), 0) + 1
    return out


def test_a_server_memory_of_packed_rows_and_bitmaps_rows_answers_the_same(pg_url, monkeypatch):
    """A memory imported before session 21 (rows packed where they are now in the bitmaps form),
    then a run written now: both read as they are, a one-shot-style count in bitmaps and in
    sets answers as the full scan does; tm optimize writes every row in the current forms and
    a second optimize leaves the index alone. A memory of one such old run is rewritten too
    (its rows are not as the server writes them)."""
    import tm.memory.match as matching

    db = open_store(pg_url)
    monkeypatch.setattr(index, "BITMAPS_EXTRA", float("-inf"))
    rng = random.Random(13)
    zh, en = plan_sentences()
    import_units(db, _units(rng, zh, en, 1200))
    monkeypatch.undo()
    monkeypatch.setattr(index, "BITMAPS_RUN", 1)   # (see short_runs)
    old = _forms(db)
    assert "bitmaps" not in old and old["packed"] > 100
    assert index.foreign_rows(db.conn, db.conn.execute("SELECT id FROM match_runs").fetchone()[0])
    import_units(db, _units(rng, zh, en, 2000))
    mixed = _forms(db)
    assert mixed["bitmaps"] > 20
    before = _postings(db)
    answers = _answers(db, random.Random(14), zh, en)
    for counter in (matching._probe_bitmaps, None):   # every query counted in bitmaps, then in sets
        monkeypatch.setattr(matching, "_counter", lambda *args, counter=counter: counter)
        assert _answers(db, random.Random(14), zh, en) == answers
    monkeypatch.undo()
    monkeypatch.setattr(index, "BITMAPS_RUN", 1)
    assert merge_index(db) == (2, True)
    after = _forms(db)
    assert after["bitmaps"] > mixed["bitmaps"]   # (the runs' lists merged: longer, more rows full)
    for (blob,) in db.conn.execute("SELECT codes FROM match_postings"):   # each row as the server writes it
        assert bytes(blob) == pack_codes(np.frombuffer(codes_of(blob), dtype=np.uint64))
    assert _postings(db) == before
    assert _answers(db, random.Random(14), zh, en) == answers
    assert merge_index(db) == (1, False)


def test_optimize_unpacks_a_memory_of_one_run_copied_from_a_server(pg_url, tmp_path):
    """A server's memory copied to SQLite (``tm copy``) keeps its packed rows, decoded at every
    read; optimize rewrites them plain (read in place), then leaves them alone."""
    from tm.memory.copy import copy_database

    src = open_store(pg_url)
    rng = random.Random(11)
    zh, en = plan_sentences()
    import_units(src, _units(rng, zh, en, 1200))
    dst = open_store(tmp_path / "copy.db")
    copy_database(src, dst)
    packed = dst.conn.execute("SELECT count(*) FROM match_postings WHERE length(codes) % 8 != 0").fetchone()[0]
    assert packed > 100
    before = _postings(dst)
    answers = _answers(dst, random.Random(12), zh, en)

    assert merge_index(dst) == (1, True)
    for _t, n, blob in dst.conn.execute("SELECT token, n, codes FROM match_postings"):
        assert len(blob) == 8 * n
    assert _postings(dst) == before
    assert _answers(dst, random.Random(12), zh, en) == answers
    assert merge_index(dst) == (1, False)
