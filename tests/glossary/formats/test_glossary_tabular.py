"""CSV / TSV / OmegaT glossaries: reading, writing, spreadsheet safety, bad input."""

import csv
import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tm import classify
from glossary.errors import InputError
from glossary.models import KINDS, Entry
from glossary.formats.tabular import read_tabular, write_csv, write_omegat, write_tsv

from conftest import ROOT

CURATED = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_language_tag_headers_pipes_and_repeated_rows(tmp_path):
    path = write(tmp_path, "g.csv",
                 "zh-CN,en-US,forbidden,note\n"
                 "康养,health and wellness|elderly care and wellness,Health Care,older people\n"
                 "算力,computing power,,\n"
                 "算力,computing capacity,,\n")
    entries = read_tabular(path)
    assert [(e.zh, e.approved, e.forbidden, e.note) for e in entries] == [
        ("康养", ["health and wellness", "elderly care and wellness"], ["Health Care"], "older people"),
        ("算力", ["computing power"], [], None),
        ("算力", ["computing capacity"], [], None),
    ]
    assert all(e.status == "approved" for e in entries)


def test_tsv_with_named_columns_and_status(tmp_path):
    path = write(tmp_path, "g.tsv", "English\tChinese\tstatus\tkind\n"
                                    "embodied AI\t具身智能\tcandidate\ttechnology\n")
    [e] = read_tabular(path)
    assert (e.zh, e.approved, e.status, e.kind) == ("具身智能", ["embodied AI"], "candidate", "technology")


def test_omegat_file_without_header(tmp_path):
    path = write(tmp_path, "plan.utf8", "# comment line\n康养\thealth and wellness\tnot: Health Care\n"
                                        "算力\tcomputing power\n")
    entries = read_tabular(path)
    assert [(e.zh, e.approved, e.note) for e in entries] == [
        ("康养", ["health and wellness"], "not: Health Care"), ("算力", ["computing power"], None)]


@pytest.mark.parametrize("text, message", [
    ("zh,forbidden\n康养,x\n", "g.csv:1: the header must name exactly one en column (found 0)"),
    # two zh columns and one en: it said "exactly one en column (found 1)"
    ("zh,zh,en\n康养,康养,health\n", "g.csv:1: the header must name exactly one zh column (found 2)"),
    ("zh,en,en\n康养,health,wellness\n", "g.csv:1: the header must name exactly one en column (found 2)"),
    ("zh,en\n康养,health\n,computing power\n", "g.csv:3: empty Chinese term"),
    ("zh,en\n康养,health\n算力,\n", "g.csv:3: empty English term for 算力"),
    ("zh,en\n康养,health,extra\n", "g.csv:2: expected 2 cells, found 3"),
    ('zh,en\n康养,"health\n', "g.csv:2: malformed csv row: unexpected end of data"),
    ("zh,en,status\n康养,health,done\n", "g.csv:2: unknown status 'done'"),
    ("zh,en,kind\n康养,health,animal\n", "g.csv:2: unknown kind 'animal'"),
    ("", "g.csv: empty file"),
])
def test_bad_csv_names_file_and_line(tmp_path, text, message):
    path = write(tmp_path, "g.csv", text)
    with pytest.raises(InputError) as err:
        read_tabular(path)
    assert str(err.value).startswith(str(tmp_path / message))


@pytest.mark.parametrize("name, text, line, cells", [
    ("g.csv", "foo,bar\n人工智能,artificial intelligence\n", 1, "'foo', 'bar'"),
    ("g.tsv", "Begriff\tÜbersetzung\tcomment\nartificial intelligence\t人工智能\tx\n", 1,
     "'Begriff', 'Übersetzung', 'comment'"),
    ("g.csv", "\n\nWort,Bedeutung\ncomputing power,算力\n", 3, "'Wort', 'Bedeutung'"),
])
def test_a_first_row_of_unknown_column_names_is_refused_not_stored_as_a_term(tmp_path, name, text, line, cells):
    """Without a header it knows, the reader took `foo,bar` for an entry 'foo' = 'bar'."""
    with pytest.raises(InputError) as err:
        read_tabular(write(tmp_path, name, text))
    assert str(err.value) == (f"{tmp_path / name}:{line}: the first row ({cells}) reads as a header of "
                              f"unknown column names (no Chinese in its Chinese column, where every other row has some); the columns this "
                              f"reader knows: zh and en (or chinese and english, 中文 and 英文, language tags "
                              f"such as zh-CN and en-US, or source and target, 原文 and 译文); optional: "
                              f"forbidden, note, kind, source, status, pinyin, definition, parts")


@pytest.mark.parametrize("name, text, first", [
    ("g.csv", "API,API\n人工智能,artificial intelligence\n", ("API", ["API"])),          # kept as it is
    ("g.tsv", "Ctrl + D\tCtrl+D\n算力\tcomputing power\n", ("Ctrl + D", ["Ctrl+D"])),  # spacing aside
    ("g.csv", "人工智能,artificial intelligence\nfoo,bar\n", ("人工智能", ["artificial intelligence"])),
    ("g.txt", "foo\tbar\n人工智能\tartificial intelligence\n", ("foo", ["bar"])),  # OmegaT: no header ever
    # a glossary that lists Latin terms in its Chinese column: its first row is one of them
    ("g.tsv", "GB\tgigabyte\n算力\tcomputing power\nCPU\tcentral processing unit\n", ("GB", ["gigabyte"])),
])
def test_a_header_less_first_row_that_is_an_entry_is_read(tmp_path, name, text, first):
    entries = read_tabular(write(tmp_path, name, text))
    assert (entries[0].zh, entries[0].approved) == first and len(entries) == text.count("\n")


def test_non_utf8_names_the_line(tmp_path):
    """UTF-8 up to a GB18030 line: the error names that line (the detector of tm import,
    tm.formats.textio: eight UTF-8 characters before the bad byte make it UTF-8 with damage)."""
    path = tmp_path / "g.csv"
    path.write_bytes("zh,en\n康养,health\n算力,computing power\n信创,IT innovation\n"
                     "智算,AI computing\n".encode("utf-8") + "标准,x\n".encode("gb18030"))
    with pytest.raises(InputError, match=r"g\.csv:6: cannot decode as UTF-8"):
        read_tabular(path)


@pytest.mark.parametrize("header, note", [
    # memoQ's term base CSV export: languages by name and region, fields after them
    ("Entry_ID,English_United_States,English_United_States_Def,Chinese_PRC,Chinese_PRC_Def",
     "Entry_ID: 7"),
    ("English (United States),Chinese (Simplified)", None),     # Smartcat, Trados Excel
    ("US English,Simplified Chinese", None),
    ("英语（美国）,中文(简体)", None),
    ("English,Chinese (Taiwan)", None),
    # Phrase: language codes, each language's fields named after its code
    ("en,en_Note,zh_cn,zh_cn_Note,zh_cn_Status", "zh_cn_Note: 核心; zh_cn_Status: Approved"),
])
def test_cat_tool_headers_naming_languages_with_their_variety(tmp_path, header, note):
    """Term base exports name the language columns with a variety (memoQ
    `Chinese_PRC`, `English_United_States`; Smartcat `Chinese (Simplified)`) and add
    per-language fields after the language (`Chinese_PRC_Def`, Phrase `zh_cn_Note`). The
    first were not recognised (the file refused, or its header read as a term), the second
    taken for more Chinese columns (`zh_cn_Note` read as the tag zh-CN-note: "found 3").
    A name with a variety is its language; a name or tag with a field after it is a field,
    kept in the note."""
    width = header.count(",") + 1
    values = {"Entry_ID": "7", "zh_cn_Note": "核心", "zh_cn_Status": "Approved"}
    cells = []
    for h in header.split(","):
        lang = "zh" if any(w in h for w in ("Chinese", "中文", "zh_cn")) else "en"
        if h in values:
            cells.append(values[h])
        elif h.endswith(("_Def", "_Note")):
            cells.append("")
        else:
            cells.append("算力" if lang == "zh" else "computing power")
    assert len(cells) == width
    [entry] = read_tabular(write(tmp_path, "tb.csv", header + "\n" + ",".join(cells) + "\n"))
    assert (entry.zh, entry.approved, entry.note) == ("算力", ["computing power"], note)


@pytest.mark.parametrize("header, tag", [
    ("English,繁體中文", "zh-Hant"), ("English,Chinese (Traditional)", "zh-Hant"),
    ("English,Chinese (Taiwan)", "zh-TW"), ("English_United_States,Chinese_Taiwan", "zh-TW"),
    ("English,Chinese_Hong_Kong_S.A.R.", "zh-HK"), ("English,zh-TW", "zh-TW"),
    ("English,Chinese (Simplified)", None), ("English,中文", None),
])
def test_a_chinese_column_named_by_its_variety_gives_the_terms_tag(tmp_path, header, tag):
    """A column named by a Traditional variety stored its terms as zh-CN (only a tag in
    the header gave one), while MultiTerm XML's index names gave the tag; both read the
    name the same way now, so 軟體 from a 繁體中文 column is exported zh-Hant."""
    [entry] = read_tabular(write(tmp_path, "tw.csv", header + "\nsoftware,軟體\n"))
    assert (entry.zh, entry.zh_lang) == ("軟體", tag)


def test_other_columns_are_kept_in_the_note(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,zh_CN,pos,description\nlog off,注销,verb,End a session\n", encoding="utf-8")
    [entry] = read_tabular(path)
    assert (entry.zh, entry.approved, entry.note) == ("注销", ["log off"],
                                                      "pos: verb; description: End a session")


def test_csv_cells_are_neutralised_for_spreadsheets_and_read_back(tmp_path):
    entries = [Entry(zh="公式", approved=["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"],
                     note="-2 risk", status="approved")]
    text = write_csv(entries)
    row = list(csv.reader(io.StringIO(text)))[1]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)
    assert row[2].startswith("'=HYPERLINK")
    back = read_tabular(write(tmp_path, "g.csv", text))[0]
    assert (back.approved, back.note) == (entries[0].approved, "-2 risk")


def test_curated_glossary_round_trips_through_csv_and_tsv(tmp_path):
    entries = read_tabular(CURATED)
    assert 40 <= len(entries) <= 80
    assert all(e.source and e.approved and e.status == "approved" for e in entries)
    for name, writer in (("g.csv", write_csv), ("g.tsv", write_tsv)):
        back = read_tabular(write(tmp_path, name, writer(entries)))
        key = lambda e: (e.zh, e.approved, e.forbidden, e.kind, e.note, e.source, e.status)  # noqa: E731
        assert sorted(map(key, back)) == sorted(map(key, entries))


def test_omegat_export_format():
    entries = [Entry(zh="康养", pinyin="kāng yǎng", approved=["health and wellness", "elderly care"],
                     forbidden=["Health Care"], kind="policy term", status="approved"),
               Entry(zh="推动", status="rejected")]
    assert write_omegat(entries) == (
        "康养\thealth and wellness\tkāng yǎng · policy term · not: Health Care\n"
        "康养\telderly care\tkāng yǎng · policy term · not: Health Care\n")


terms = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
                max_size=12).map(lambda s: " ".join(s.replace("|", " ").split())).filter(bool)


# the columns must read as Chinese and English (a glossary whose zh column holds no Chinese
# is refused): a Han character ends each Chinese term, a Latin letter each English one
def reads_as_chinese(term: str) -> bool:
    return classify(term) in ("zh", "mixed")     # not hangul/kana-only with a Han character


zh_terms = terms.map(lambda s: s + "中").filter(reads_as_chinese)
en_terms = terms.map(lambda s: s + " A")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(zh_terms, st.lists(en_terms, min_size=1, max_size=3),
                          st.sampled_from(KINDS)),
                min_size=1, max_size=5, unique_by=lambda t: t[0]))
@example([("'=1中", ["''+x"], "other")])
def test_csv_round_trip_never_loses_a_character(tmp_path_factory, rows):
    entries = [Entry(zh=zh, approved=list(dict.fromkeys(en)), kind=kind, status="approved")
               for zh, en, kind in rows]
    path = tmp_path_factory.mktemp("rt") / "g.csv"
    path.write_text(write_csv(entries), encoding="utf-8")
    back = read_tabular(path)
    assert sorted((e.zh, e.approved, e.kind) for e in back) == \
        sorted((e.zh, e.approved, e.kind) for e in entries)


# --------------------------------------------------------------------------- one round trip, every format

FORMATS = ["csv", "tsv", "tbx", "tbx3"]
xml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"),
                                          blacklist_characters="|\ufffe\uffff"),
                   min_size=1, max_size=10)
phrases = st.lists(xml_text, min_size=1, max_size=3).map(" ".join)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(xml_text.map(lambda s: s + "中").filter(reads_as_chinese),
                               st.lists(phrases.map(lambda s: s + " A"), min_size=1, max_size=3,
                                        unique=True),
                               st.lists(phrases, max_size=2, unique=True),
                               st.sampled_from(["approved", "candidate", "rejected"]),
                               st.one_of(st.none(), phrases)),
                     min_size=1, max_size=4, unique_by=lambda r: r[0]))
def test_every_format_round_trips(tmp_path_factory, fmt, rows):
    from glossary.termbase.store import export_entries, load_glossary_file
    entries = [Entry(zh=zh, approved=en, forbidden=[f for f in bad if f not in en], status=status,
                     note=note, source=note)
               for zh, en, bad, status, note in rows]
    path = tmp_path_factory.mktemp("rt") / f"g.{ 'tbx' if fmt.startswith('tbx') else fmt}"
    path.write_bytes(export_entries(entries, fmt))
    back = load_glossary_file(path)
    key = lambda e: (e.zh, e.approved, e.forbidden, e.status, e.note, e.source)  # noqa: E731
    assert sorted(map(key, back)) == sorted(map(key, entries))


def test_control_characters_are_refused_by_the_xml_writers():
    from glossary.errors import GlossaryError
    from glossary.termbase.store import export_entries
    with pytest.raises(GlossaryError, match="a control character that XML cannot carry"):
        export_entries([Entry(zh="算力", approved=["computing\x01power"], status="approved")], "tbx")


# --------------------------------------------------------------------------- other tools' glossaries

def test_omegat_glossary_written_en_to_zh_in_utf16be_with_bom(tmp_path):
    path = tmp_path / "omegat.txt"
    path.write_bytes("translation memory\t翻译记忆\nsource file\t源文件\tused in dialogs\n"
                     "Ctrl+\tCtrl +\n".encode("utf-16"))
    entries = read_tabular(path)
    assert [(e.zh, e.approved, e.note) for e in entries] == [
        ("翻译记忆", ["translation memory"], None), ("源文件", ["source file"], "used in dialogs"),
        ("Ctrl +", ["Ctrl+"], None)]


def test_an_omegat_cell_is_one_term_commas_and_all(tmp_path):
    """OmegaT reads a glossary line's target as one term, commas included (its glossary
    pane lists a source's several targets with commas, and quotes a target that has one);
    several renderings are several lines. Splitting on commas broke our own export:
    "Beijing, Tianjin and Hebei" came back as three renderings."""
    path = tmp_path / "g.txt"
    path.write_text("京津冀\tBeijing, Tianjin and Hebei\n叫\tcry\n叫\tcall\n", encoding="utf-8")
    assert [(e.zh, e.approved) for e in read_tabular(path)] == [
        ("京津冀", ["Beijing, Tianjin and Hebei"]), ("叫", ["cry"]), ("叫", ["call"])]


def test_own_omegat_export_reads_back_a_rendering_with_a_comma(runner, db_path, tmp_path):
    from glossary.cli import cli
    for args in (["add", "京津冀", "--en", "Beijing, Tianjin and Hebei", "--en", "Jing-Jin-Ji"],
                 ["add", "逗号", "--en", "one, two"]):
        assert runner.invoke(cli, args).exit_code == 0
    out = tmp_path / "g.omegat.txt"
    assert runner.invoke(cli, ["export", "--format", "omegat", "-o", str(out)]).exit_code == 0
    other = tmp_path / "other.db"
    result = runner.invoke(cli, ["--db", str(other), "import", str(out)])
    assert result.output == f"{out}: 2 added, 1 merged (3 rows read).\n"
    exported = runner.invoke(cli, ["--db", str(other), "export", "--format", "tsv"]).output
    assert [line.split("\t")[:3] for line in exported.splitlines()[1:]] == [
        ["京津冀", "jīng jīn jì", "Beijing, Tianjin and Hebei | Jing-Jin-Ji"],
        ["逗号", "dòu hào", "one, two"]]


def test_own_omegat_export_reimports_a_term_starting_with_a_quote(tmp_path):
    entries = [Entry(zh="“引号”", approved=['"quoted" term'], status="approved"),
               Entry(zh='"算力"', approved=["computing power"], status="approved")]
    path = tmp_path / "g.txt"
    path.write_text(write_omegat(entries), encoding="utf-8")
    assert sorted((e.zh, e.approved) for e in read_tabular(path)) == sorted(
        (e.zh, e.approved) for e in entries)


def test_weblate_source_target_header_en_to_zh(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("source,target\nlog off,注销\nsensitive data,敏感数据\n", encoding="utf-8")
    assert [(e.zh, e.approved) for e in read_tabular(path)] == [
        ("注销", ["log off"]), ("敏感数据", ["sensitive data"])]


def test_gb18030_csv(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("zh,en\n算力,computing power\n".encode("gb18030"))
    assert [(e.zh, e.approved) for e in read_tabular(path)] == [("算力", ["computing power"])]


@pytest.mark.parametrize("codec", ["big5", "utf-16-le", "utf-16-be", "gb18030"])
def test_glossary_import_decodes_as_tm_import_does(tmp_path, codec):
    """glossary import reads its files with tm's one decoder (tm.decode_text): Big5,
    UTF-16 without a BOM and GB18030 come back exactly."""
    from glossary.termbase.store import load_glossary_file
    from tm import decode_text
    zh = ["軟體", "資料庫", "網路"] if codec == "big5" else ["软件", "数据库", "网络"]
    text = "zh-TW,en\n" + "".join(f"{z},{e}\n" for z, e in zip(zh, ["software", "database",
                                                                    "network"]))
    data = text.encode(codec)
    path = tmp_path / "g.csv"
    path.write_bytes(data)
    assert decode_text(data, name="g.csv")[0] == text
    assert [(e.zh, e.approved) for e in load_glossary_file(path)] == [
        (z, [e]) for z, e in zip(zh, ["software", "database", "network"])]


@pytest.mark.parametrize("name,text,message", [
    ("test.csv", 'kde,csv kde\nquestion,csv q\n"kde, qu",comma dot\n',
     "test.csv: no Chinese column (column 1 reads as English (line 1: 'kde'); column 2 reads as "
     "English (line 1: 'csv kde')); a Chinese-English glossary needs one"),
    ("ug.csv", "source,target\nfile,ھۆججەت\nopen,ئېچىش\n",
     "ug.csv: no Chinese column (source reads as English (line 2: 'file'); target reads as "
     "neither Chinese nor English (line 2: 'ھۆججەت')); a Chinese-English glossary needs one"),
    ("zh-ug.csv", "source,target\n文件,ھۆججەت\n打开,ئېچىش\n",
     "zh-ug.csv:2: the English column (target) reads as neither Chinese nor English (line 2: "
     "'ھۆججەت'); a Chinese-English glossary needs an English column"),
])
def test_a_glossary_without_a_chinese_or_english_column_is_refused(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_tabular(path)
    assert str(err.value) == f"{tmp_path}/{message}"


def test_rows_with_an_empty_side_are_skipped_and_counted(tmp_path):
    from tm import Skipped
    path = tmp_path / "g.csv"
    path.write_text("zh,en\n算力,computing power\n康养,\n,orphan\n", encoding="utf-8")
    skipped = Skipped()
    assert [e.zh for e in read_tabular(path, skipped=skipped)] == ["算力"]
    assert skipped.summary() == ["1 skipped: empty English term (line 3)",
                                 "1 skipped: untranslated: empty Chinese term (line 4)"]
    with pytest.raises(InputError, match=r"g\.csv:3: empty English term for 康养$"):
        read_tabular(path)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-be"])
def test_xml_given_as_a_glossary_is_read_as_xml_in_any_encoding(tmp_path, codec):
    """A UTF-16 TMX given to `glossary import` was read as a header-less table ('no entries
    found', then its XML declaration taken for a header); UTF-8 XML goes to the TBX reader."""
    from glossary.termbase.store import load_glossary_file
    path = tmp_path / "memory.tmx"
    declared = "UTF-8" if codec == "utf-8" else "UTF-16"
    path.write_bytes((f'<?xml version="1.0" encoding="{declared}"?>\n<tmx version="1.4"><header/><body>'
                      '<tu><tuv xml:lang="zh-CN"><seg>算力</seg></tuv><tuv xml:lang="en"><seg>computing '
                      'power</seg></tuv></tu></body></tmx>\n').encode(codec))
    with pytest.raises(InputError) as err:
        load_glossary_file(path)
    assert str(err.value) == f"{path}:2: not a TBX file (root element <tmx>)"


@pytest.mark.parametrize("name, header", [("many.tsv", "zh\ten\n"), ("many.csv", "zh,en\n"),
                                          ("many.txt", "")])
def test_a_file_refused_for_its_languages_costs_its_text_not_a_list_of_its_rows(tmp_path, name, header):
    """The reader held every row (a list of cells a row, about 220 bytes for a short one):
    26 million two-letter rows (a 100 MB gzip) held 5.8 GB before being refused. The rows
    are now read in passes over the text: here 100,000 rows (400 KB) refused for their
    languages peak at less than ten times the text (held as a list: over 20 MB)."""
    import tracemalloc
    sep = "," if name.endswith(".csv") else "\t"
    text = header + f"a{sep}b\n" * 100_000
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="reads as English|no Chinese column"):
            read_tabular(tmp_path / name, text=text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * len(text), peak
