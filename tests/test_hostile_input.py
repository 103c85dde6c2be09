"""Hostile and broken input through the real CLIs, in real subprocesses.

Every case runs `tm` or `glossary` as a separate process with a timeout, so a
hang fails the test instead of stalling the suite, and every case asserts
what the user sees: one ``Error: <file>:<line>: …`` line (or the correct
result), the documented exit code, no traceback, and an unchanged database.
The big-file cases also measure the child's peak RSS.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import resource
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

TIMEOUT = 60
GOOD_TSV = "zh-CN\ten\n中文\tChinese\n人工智能\tartificial intelligence\n"
GOOD_TERMS = "zh\ten\n算力\tcomputing power\n"

# --- running the CLIs -----------------------------------------------------------

_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "with open(sys.argv[1], 'w') as fh:\n"
    "    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def tool(name: str) -> list[str]:
    """The console script ``name`` run by this interpreter (no PATH lookup)."""
    return [sys.executable, "-c", f"import sys; from {name}.cli import cli; sys.exit(cli(prog_name={name!r}))"]


class Run:
    def __init__(self, proc: subprocess.CompletedProcess, peak_kb: int | None):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.peak_mb = None if peak_kb is None else peak_kb / 1024


def launch(name: str, *args, cwd: Path, measure: bool = False):
    """Start ``name args`` in ``cwd``; with ``measure``, through a wrapper process whose only
    child is the command, so ``getrusage(RUSAGE_CHILDREN)`` is that command's peak RSS."""
    cmd = tool(name) + [str(a) for a in args]
    rss_file = cwd / f".peak-rss-{os.urandom(4).hex()}" if measure else None
    if measure:
        cmd = [sys.executable, "-c", _MEASURE, str(rss_file)] + cmd
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("TM_DB", None)
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="replace", start_new_session=True)
    return proc, f"{name} {' '.join(map(str, args))}", rss_file


def collect(launched, timeout: float = TIMEOUT) -> Run:
    """Wait for a launched command (a hang fails the test); no traceback allowed."""
    proc, what, rss_file = launched
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        pytest.fail(f"{what}: no answer within {timeout} s (hang)")
    peak = int(rss_file.read_text()) if rss_file else None
    assert "Traceback" not in err, err
    return Run(subprocess.CompletedProcess(what, proc.returncode, out, err), peak)


def run(name: str, *args, cwd: Path, timeout: float = TIMEOUT, measure: bool = False) -> Run:
    return collect(launch(name, *args, cwd=cwd, measure=measure), timeout)


def one_error_line(result: Run, pattern: str) -> None:
    """Exactly one line on stderr, ``Error: `` followed by ``pattern`` (a regex)."""
    assert result.err.count("\n") == 1, result.err
    assert re.fullmatch(r"Error: " + pattern + r"\n", result.err), result.err


def counts(db: Path) -> tuple[int, int]:
    """(units, term-base entries) in the database, read with plain sqlite3."""
    with sqlite3.connect(db) as conn:
        units = conn.execute("SELECT count(*) FROM units").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM glossary_entry").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return units, entries


@pytest.fixture
def work(tmp_path):
    """A directory with a database holding two units and one term-base entry."""
    from glossary.termbase.store import import_file as import_terms, open_termbase
    from tm.exchange import import_file

    (tmp_path / "good.tsv").write_text(GOOD_TSV, encoding="utf-8")
    (tmp_path / "terms.tsv").write_text(GOOD_TERMS, encoding="utf-8")
    db = open_termbase(tmp_path / "m.db")
    import_file(db, tmp_path / "good.tsv")
    import_terms(db, tmp_path / "terms.tsv")
    db.conn.close()
    assert counts(tmp_path / "m.db") == (2, 1)
    return tmp_path


@pytest.fixture
def listener():
    """A TCP socket on localhost; ``accepted()`` tells whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.setblocking(False)

    class Listener:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"

        @staticmethod
        def accepted() -> bool:
            try:
                conn, _ = sock.accept()
            except BlockingIOError:
                return False
            conn.close()
            return True

    yield Listener
    sock.close()


# --- XML attacks, for every XML input of both tools -----------------------------

SECRET = "TOP-SECRET-7f3a"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'

# The documents, with {doctype} before the root and {payload} in a source/term.
TMX = ('<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" '
       'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
       '<tu tuid="b:1"><tuv xml:lang="zh-CN"><seg>中文{payload}</seg></tuv>'
       '<tuv xml:lang="en"><seg>Chinese</seg></tuv></tu>\n</body></tmx>\n')
XLIFF = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
         '<file original="p" source-language="zh-CN" target-language="en" datatype="plaintext"><body>\n'
         '<trans-unit id="b:1"><source>中文{payload}</source><target state="final">Chinese</target>'
         '</trans-unit>\n</body></file></xliff>\n')
TBX = ('<martif type="TBX" xml:lang="zh-CN"><martifHeader><fileDesc><sourceDesc><p>x</p>'
       '</sourceDesc></fileDesc></martifHeader><text><body>\n<termEntry id="e1">'
       '<langSet xml:lang="zh-CN"><tig><term>算力{payload}</term></tig></langSet>'
       '<langSet xml:lang="en"><tig><term>computing power</term></tig></langSet>'
       '</termEntry>\n</body></text></martif>\n')
ROOTS = {"tmx": "tmx", "xlf": "xliff", "tbx": "martif"}
DOCS = {"tmx": TMX, "xlf": XLIFF, "tbx": TBX}


def laughs(root: str) -> tuple[str, str]:
    ents = '<!ENTITY a "ha">\n' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
    return f"<!DOCTYPE {root} [\n{ents}]>\n", "&j;"


def quadratic(root: str) -> tuple[str, str]:
    return f'<!DOCTYPE {root} [<!ENTITY big "{"x" * 50_000}">]>\n', "&big;" * 50_000


def external_file(root: str, secret: Path) -> tuple[str, str]:
    return f'<!DOCTYPE {root} [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>\n', "&leak;"


def external_url(root: str, url: str) -> tuple[str, str]:
    return f'<!DOCTYPE {root} [<!ENTITY leak SYSTEM "{url}/leak">]>\n', "&leak;"


def parameter_entity(root: str, url: str) -> tuple[str, str]:
    return f'<!DOCTYPE {root} [<!ENTITY % ext SYSTEM "{url}/p.dtd"> %ext;]>\n', ""


def deep(root: str) -> tuple[str, str]:
    n = 100_000
    tag = "g" if root == "xliff" else "hi"
    extra = ' id="1"' if root == "xliff" else ""
    return "", f"<{tag}{extra}>" * n + "深" + f"</{tag}>" * n


def attlist_default(root: str) -> tuple[str, str]:
    """No entity at all, but default attributes from the internal subset (xml:lang on every tuv)."""
    return f'<!DOCTYPE {root} [<!ATTLIST tuv xml:lang CDATA "en">]>\n', ""


ATTACKS = ["billion-laughs", "quadratic", "external-file", "external-url", "parameter-entity", "deep",
           "attlist-default"]


def hostile(kind: str, attack: str, directory: Path, url: str) -> Path:
    secret = directory / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    root = ROOTS[kind]
    doctype, payload = {
        "billion-laughs": lambda: laughs(root),
        "quadratic": lambda: quadratic(root),
        "external-file": lambda: external_file(root, secret),
        "external-url": lambda: external_url(root, url),
        "parameter-entity": lambda: parameter_entity(root, url),
        "deep": lambda: deep(root),
        "attlist-default": lambda: attlist_default(root),
    }[attack]()
    path = directory / f"{attack}.{kind}"
    path.write_text(HEAD + doctype + DOCS[kind].format(payload=payload), encoding="utf-8")
    return path


def commands(kind: str, path: Path) -> list[tuple[str, list, int]]:
    """(tool, args, exit code on bad input) for each command that reads this kind of file."""
    if kind == "tbx":
        return [("glossary", ["import", path.name], 2),
                ("glossary", ["qa", "good.tsv", "--glossary", path.name], 2)]
    return [("tm", ["import", path.name], 2), ("glossary", ["qa", path.name], 2)]


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize("kind", ["tmx", "xlf", "tbx"])
def test_xml_attacks_are_refused_with_one_line_and_nothing_stored(work, listener, kind, attack):
    path = hostile(kind, attack, work, listener.url)
    before = counts(work / "m.db")
    todo = commands(kind, path)
    started = [launch(name, "--db", "m.db", *args, cwd=work) for name, args, _ in todo]   # side by side
    for (name, args, code), result in zip(todo, map(collect, started)):
        assert result.code == code, (name, args, result.err)
        one_error_line(result, re.escape(path.name) + r":\d+: .+")
        assert SECRET not in result.out + result.err
    assert counts(work / "m.db") == before
    assert not listener.accepted(), "the parser fetched a URL"


@pytest.mark.parametrize("kind", ["tmx", "xlf", "tbx"])
def test_a_doctype_naming_a_remote_dtd_never_fetches_it(work, listener, kind):
    """A DOCTYPE that only names an external DTD (what TMX files carry) is harmless when
    the DTD is never read: the file is read as if it had no DOCTYPE, or refused cleanly."""
    path = work / f"remote-dtd.{kind}"
    doc = DOCS[kind].format(payload="")
    path.write_text(HEAD + f'<!DOCTYPE {ROOTS[kind]} SYSTEM "{listener.url}/x.dtd">\n' + doc,
                    encoding="utf-8")
    for name, args, _ in commands(kind, path):
        result = run(name, "--db", "m.db", *args, cwd=work)
        assert result.code in ((0, 1) if "qa" in args else (0,)), result.err   # qa: 1 = findings
    assert not listener.accepted(), "the parser fetched the DTD"


@pytest.mark.parametrize("kind", ["tmx", "xlf", "tbx"])
def test_xinclude_is_never_processed(work, kind):
    """An XInclude element is markup like any other: the file it names is never read."""
    (work / "secret.txt").write_text(SECRET, encoding="utf-8")
    include = ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="secret.txt" '
               'parse="text"/>')
    path = work / f"xinclude.{kind}"
    path.write_text(HEAD + DOCS[kind].format(payload=include), encoding="utf-8")
    for name, args, code in commands(kind, path):
        result = run(name, "--db", "m.db", *args, cwd=work)
        assert result.code in (0, 1, code), result.err
        assert SECRET not in result.out + result.err
    with sqlite3.connect(work / "m.db") as conn:
        stored = conn.execute("SELECT group_concat(zh || en, '') FROM units").fetchone()[0]
        stored += conn.execute("SELECT group_concat(zh, '') FROM glossary_entry").fetchone()[0]
    assert SECRET not in stored


def test_local_dtd_with_entities_is_never_read(work):
    """A DOCTYPE naming a local DTD that defines an entity: the DTD is not loaded, so the
    reference is an undefined entity — an error, never the DTD's (or a file's) content."""
    (work / "evil.dtd").write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    for kind in ("tmx", "xlf", "tbx"):
        path = work / f"local-dtd.{kind}"
        path.write_text(HEAD + f'<!DOCTYPE {ROOTS[kind]} SYSTEM "{(work / "evil.dtd").as_uri()}">\n'
                        + DOCS[kind].format(payload="&leak;"), encoding="utf-8")
        for name, args, code in commands(kind, path):
            result = run(name, "--db", "m.db", *args, cwd=work)
            assert result.code == code
            one_error_line(result, re.escape(path.name) + r":\d+: .*leak.*")
            assert SECRET not in result.out + result.err
    assert counts(work / "m.db") == (2, 1)


# --- encodings, NUL bytes -----------------------------------------------------------

PAIRS = [("中文", "Chinese"), ("支持算力𠀀", "Support computing power"),
         ("组合字符", "Cafe\u0301"), ("人工智能", "artificial intelligence")]


def tsv_text(pairs) -> str:
    return "zh-CN\ten\n" + "".join(f"{zh}\t{en}\n" for zh, en in pairs)


def stored(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT zh, en FROM units ORDER BY id").fetchall()


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("gb18030", b""), ("utf-8", codecs.BOM_UTF8),
])
@pytest.mark.parametrize("ext", ["tsv", "csv"])
def test_other_encodings_are_detected_and_converted(tmp_path, encoding, bom, ext):
    pairs = PAIRS
    text = tsv_text(pairs) if ext == "tsv" else "zh-CN,en\n" + "".join(f"{z},{e}\n" for z, e in pairs)
    (tmp_path / f"in.{ext}").write_bytes(bom + text.encode(encoding))
    importing = launch("tm", "--db", "m.db", "import", f"in.{ext}", cwd=tmp_path)
    checking = launch("glossary", "--db", "none.db", "qa", f"in.{ext}", "--format", "jsonl", "--checks",
                      "untranslated,empty", cwd=tmp_path)
    result, qa = collect(importing), collect(checking)
    assert result.code == 0, result.err
    assert stored(tmp_path / "m.db") == pairs
    assert (qa.code, qa.out) == (0, "")


def test_xml_in_utf16_is_read(tmp_path):
    data = (HEAD.replace("UTF-8", "UTF-16") + TMX.format(payload="𠀀")).encode("utf-16")
    (tmp_path / "u16.tmx").write_bytes(data)
    result = run("tm", "--db", "m.db", "import", "u16.tmx", cwd=tmp_path)
    assert result.code == 0, result.err
    assert stored(tmp_path / "m.db") == [("中文𠀀", "Chinese")]


def _invalid_utf8_late(line_count: int) -> bytes:
    """Valid UTF-8 for ``line_count`` lines (well past any sniffing window), then a bad byte."""
    body = "".join(f"中文{i}\tChinese {i}\n" for i in range(line_count)).encode()
    return b"zh-CN\ten\n" + body + b"\xe4\xb8\tbroken \xff\n"


def test_invalid_utf8_names_the_line_and_stores_nothing(work):
    (work / "bad.tsv").write_bytes(_invalid_utf8_late(20_000))
    before = counts(work / "m.db")
    result = run("tm", "--db", "m.db", "import", "bad.tsv", cwd=work)
    assert result.code == 2
    one_error_line(result, r"bad\.tsv:20002: cannot decode as UTF-8 \(.+\)")
    assert counts(work / "m.db") == before
    qa = run("glossary", "--db", "m.db", "qa", "bad.tsv", cwd=work)
    assert qa.code == 2
    one_error_line(qa, r"bad\.tsv:20002: cannot decode as UTF-8 \(.+\)")
    (work / "bad.csv").write_bytes(b"zh,en\n" + "算法,algorithm\n".encode() * 10 + b"\xff\xfe,x\n")
    result = run("glossary", "--db", "m.db", "import", "bad.csv", cwd=work)
    assert result.code == 2
    one_error_line(result, r"bad\.csv:12: .+")
    assert counts(work / "m.db") == before


def test_utf8_damaged_after_a_few_characters_is_not_read_as_a_legacy_encoding(work):
    """One Chinese character, then a bad byte: the only legacy reading (Shift_JIS) is
    mojibake ("荳ｭ"), so the file is damaged UTF-8, not a Japanese file."""
    (work / "short.tsv").write_bytes(b"zh-CN\ten\n" + "中".encode() + b"\xff\ttext\n")
    before = counts(work / "m.db")
    result = run("tm", "--db", "m.db", "import", "short.tsv", cwd=work)
    assert result.code == 2
    one_error_line(result, r"short\.tsv:2: cannot decode as UTF-8 \(.+\)")
    assert counts(work / "m.db") == before


@pytest.mark.parametrize("bad", [b"\xff\xfe\x80 broken\n", "空\x00字。\n".encode()], ids=["not-utf8", "nul"])
@pytest.mark.parametrize("name,args,code", [
    ("tm", ["align", "zh.txt", "en.txt"], 2),
    ("glossary", ["qa", "--zh", "zh.txt", "--en", "en.txt"], 2),
    ("glossary", ["check", "zh.txt"], 2),
])
def test_plain_text_documents_that_are_not_text(work, bad, name, args, code):
    (work / "zh.txt").write_bytes("中文。\n".encode() + bad)
    (work / "en.txt").write_text("Chinese.\n", encoding="utf-8")
    before = counts(work / "m.db")
    result = run(name, "--db", "m.db", *args, cwd=work)
    assert result.code == code
    one_error_line(result, r"zh\.txt:2: .+")
    assert counts(work / "m.db") == before


@pytest.mark.parametrize("name,data,command", [
    ("nul.tsv", tsv_text(PAIRS).encode() + "空\x00字\tNUL\n".encode(), "tm"),
    ("nul.csv", ("zh-CN,en\n中文,Chinese\n空\x00字,NUL\n").encode(), "tm"),
    ("nul.tmx", (HEAD + TMX.format(payload="\x00")).encode(), "tm"),
    ("nul.xlf", (HEAD + XLIFF.format(payload="\x00")).encode(), "tm"),
    ("nul-terms.csv", "zh,en\n算法,algorithm\n空\x00字,NUL\n".encode(), "glossary"),
    ("nul-terms.tsv", "zh\ten\n算法\talgorithm\n空\x00字\tNUL\n".encode(), "glossary"),
    ("nul.tbx", (HEAD + TBX.format(payload="\x00")).encode(), "glossary"),
])
def test_nul_bytes_are_refused_with_the_line(work, name, data, command):
    (work / name).write_bytes(data)
    before = counts(work / "m.db")
    result = run(command, "--db", "m.db", "import", name, cwd=work)
    assert result.code == 2, result.out + result.err
    one_error_line(result, re.escape(name) + r":\d+: .+")
    assert counts(work / "m.db") == before


# --- 100 MB on one line -----------------------------------------------------------------

MB = 1 << 20
PEAK_LIMIT_MB = 600      # a generous bound: the file itself is 100 MB


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    """Files of ~100 MB without a single newline after the header."""
    directory = tmp_path_factory.mktemp("huge")
    block = ("长" * 10_000).encode()                    # 30 KB of one Chinese character
    repeats = 100 * MB // len(block) + 1
    files = {
        "huge.tsv": (b"zh-CN\ten\n", block, b"\t"),
        "huge-terms.csv": (b"zh,en\n", block, b",x"),
        "huge.tmx": ((HEAD + TMX.split("{payload}")[0]).encode(), block, b""),
        "huge.txt": (b"", block, b""),
        "en.txt": (b"", b"", b"An English sentence."),
    }
    for name, (head, body, tail) in files.items():
        with open(directory / name, "wb") as fh:
            fh.write(head)
            for _ in range(repeats):
                fh.write(body)
            fh.write(tail)
    # the memory `glossary check` reads (commands that only read never create one; a failed
    # import removes the database it created, so none is left over for them)
    from tm import open_store
    open_store(directory / "m.db").conn.close()
    return directory


@pytest.mark.parametrize("name,args,code,message", [
    ("tm", ["import", "huge.tsv"], 2, r"huge\.tsv:2: line longer than \d+ characters"),
    ("tm", ["import", "huge.tmx"], 2, r"huge\.tmx:\d+: .+"),
    ("glossary", ["qa", "huge.tsv"], 2, r"huge\.tsv:2: line longer than \d+ characters"),
    ("glossary", ["qa", "huge.tmx"], 2, r"huge\.tmx:\d+: .+"),
    ("glossary", ["import", "huge-terms.csv"], 2, r"huge-terms\.csv:2: .+"),
    ("glossary", ["qa", "--zh", "huge.txt", "--en", "en.txt"], 2, r"huge\.txt:1: line longer than \d+ characters"),
    ("tm", ["align", "huge.txt", "en.txt"], 2, r"huge\.txt:1: line longer than \d+ characters"),
    ("glossary", ["check", "huge.txt"], 2, r"huge\.txt:1: line longer than \d+ characters"),
])
def test_100mb_single_line_is_refused_in_bounded_memory(huge, name, args, code, message):
    result = run(name, "--db", "m.db", *args, cwd=huge, timeout=60, measure=True)
    assert result.code == code, result.err
    one_error_line(result, message)
    assert result.peak_mb < PEAK_LIMIT_MB, f"peak RSS {result.peak_mb:.0f} MB"
    print(f"{name} {' '.join(args)}: peak RSS {result.peak_mb:.0f} MB")     # shown with -s


# --- CSV: embedded newlines and quotes, formula injection on export ------------------------

DANGEROUS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
             "=cmd|' /C calc'!A0", "'=already quoted"]


def _cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_exports_never_start_a_cell_with_a_formula_and_round_trip(tmp_path):
    pairs = [(f"公式{i}", en) for i, en in enumerate(DANGEROUS)]
    pairs.append(("多行\n“引号”", 'two\nlines, "quoted", and a comma'))
    with open(tmp_path / "in.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["zh-CN", "en"])
        writer.writerows(pairs)
    # The input is a plain CSV, not one of our exports: its cells are taken literally,
    # except one leading apostrophe before a formula character (our own neutralisation).
    expected = [(zh, en[1:] if en.startswith("'") else en) for zh, en in pairs]
    assert run("tm", "--db", "m.db", "import", "in.csv", cwd=tmp_path).code == 0
    assert stored(tmp_path / "m.db") == expected
    assert run("tm", "--db", "m.db", "export", "--format", "csv", "-o", "tm.csv", cwd=tmp_path).code == 0

    terms = tmp_path / "terms.csv"
    with open(terms, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["zh", "en", "note"])
        for i, en in enumerate(DANGEROUS):
            writer.writerow([f"术语{i}", f"term {i}", en])
        writer.writerow(["多行术语", "multi-line term", 'line one\nline "two", quoted'])
    imported = run("glossary", "--db", "m.db", "import", "terms.csv", cwd=tmp_path)
    assert imported.code == 0, imported.err
    assert run("glossary", "--db", "m.db", "export", "--format", "csv", "-o", "g.csv",
               cwd=tmp_path).code == 0

    for name in ("tm.csv", "g.csv"):
        cells = [c for row in _cells(tmp_path / name) for c in row]
        risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert risky == [], name
    # and the exports read back to exactly what was stored
    again = run("tm", "--db", "again.db", "import", "tm.csv", cwd=tmp_path)
    assert again.code == 0, again.err
    assert stored(tmp_path / "again.db") == expected
    back = run("glossary", "--db", "again.db", "import", "g.csv", cwd=tmp_path)
    assert back.code == 0, back.err
    with sqlite3.connect(tmp_path / "again.db") as conn:
        notes = dict(conn.execute("SELECT zh, note FROM glossary_entry"))
    assert notes["多行术语"] == 'line one\nline "two", quoted'
    for i, en in enumerate(DANGEROUS):
        original = en.strip() if not en.startswith("'") else en[1:]
        assert notes[f"术语{i}"] == original


def test_csv_with_embedded_newlines_keeps_line_numbers_for_qa(tmp_path):
    with open(tmp_path / "in.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "zh-CN", "en"])
        writer.writerow(["a", "第一行\n第二行", 'first line\nsecond "line"'])
        writer.writerow(["b", "重复。。", "Doubled.."])
    result = run("glossary", "--db", "none.db", "qa", "in.csv", "--format", "jsonl",
                 "--checks", "punctuation", cwd=tmp_path)
    assert result.code in (0, 1)
    assert {json.loads(line)["id"] for line in result.out.splitlines()} == {"b"}


def test_unterminated_quote_is_one_error_line(work):
    (work / "open.csv").write_text('zh-CN,en\n中文,"never closed\n' + "x,y\n" * 1000, encoding="utf-8")
    before = counts(work / "m.db")
    result = run("tm", "--db", "m.db", "import", "open.csv", cwd=work)
    assert result.code == 2
    one_error_line(result, r"open\.csv:\d+: malformed CSV: .+")
    assert counts(work / "m.db") == before
