"""TBX: exports validate against the shared schemas and load in the real readers."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from glossary.errors import InputError
from glossary.models import Entry
from glossary.formats.tabular import read_tabular
from glossary.formats.tbx import read_tbx, write_tbx3, write_tbx2008

from conftest import ROOT, SHARED, need

TBX_DIR = ROOT / "tests" / "schemas" / "tbx"
CURATED = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

SAMPLE = [
    Entry(zh="康养", pinyin="kāng yǎng", approved=["health and wellness", "elderly care and wellness"],
          forbidden=["Health Care"], kind="policy term", note="care & wellness <older people>",
          source="https://example.org/a?b=1&c=2", status="approved"),
    Entry(zh="两重两新", approved=['"two major" projects and "two new" initiatives'],
          parts=["两重", "两新"], status="approved", definition="a programme pair"),
    Entry(zh="推动", status="rejected"),
    Entry(zh="大模型", approved=["large model"], status="candidate"),
]


def curated():
    return read_tabular(CURATED)


# --------------------------------------------------------------------------- TBX 2008

def test_tbx2008_is_valid_against_the_dtd():
    dtd = etree.DTD(str(TBX_DIR / "TBXcoreStructV02.dtd"))
    for entries in (SAMPLE, curated()):
        doc = etree.fromstring(write_tbx2008(entries))
        assert dtd.validate(doc), dtd.error_log.filter_from_errors()
        assert doc.tag == "martif" and doc.get("type") == "TBX"
        # every term sits in a <tig>
        assert all(t.getparent().tag == "tig" for t in doc.iter("term"))


def test_the_dtd_rejects_a_broken_document():
    """The validator is not a rubber stamp: a <term> outside <tig> fails."""
    dtd = etree.DTD(str(TBX_DIR / "TBXcoreStructV02.dtd"))
    doc = etree.fromstring(write_tbx2008(SAMPLE))
    langset = next(doc.iter("langSet"))
    etree.SubElement(langset, "term").text = "stray"
    assert not dtd.validate(doc)


def test_tbx2008_round_trip(tmp_path):
    path = tmp_path / "g.tbx"
    path.write_bytes(write_tbx2008(SAMPLE))
    back = {e.zh: e for e in read_tbx(path)}
    for e in SAMPLE:
        got = back[e.zh]
        assert (got.approved, got.forbidden, got.kind, got.status, got.parts, got.note,
                got.source, got.definition, got.pinyin) == \
               (e.approved, e.forbidden, e.kind, e.status, e.parts, e.note, e.source,
                e.definition, e.pinyin)


def test_tbx2008_is_deterministic():
    assert write_tbx2008(SAMPLE) == write_tbx2008(list(reversed(SAMPLE)))


def test_translate_toolkit_reads_tbx2008():
    from translate.storage import tbx as tt_tbx
    entries = curated()
    store = tt_tbx.tbxfile.parsestring(write_tbx2008(entries))
    units = {u.source: u.target for u in store.units}
    assert len(units) == len(entries)
    for e in entries:
        assert units[e.zh] == e.approved[0]


# --------------------------------------------------------------------------- TBX v3

def _schematron_failures(document: bytes) -> list[str]:
    """Run TBX-Basic_DCA.sch (queryBinding xslt2) with Saxon-HE over the ISO skeleton.

    The ISO Schematron reference skeleton shipped with lxml compiles the schema to
    XSLT; only its queryBinding gate is XSLT1-only, so the schema is presented as
    ``xslt`` and the generated stylesheet is declared version 2.0 and run by an XSLT
    3 processor (Saxon-HE), which evaluates the XPath 2 assertions natively.
    """
    try:
        import saxonche
    except ImportError:
        saxonche = None
    need(saxonche is not None, "saxonche (Saxon-HE, pip) to run the XSLT 2 Schematron")
    import lxml
    xsl = Path(lxml.__file__).parent / "isoschematron" / "resources" / "xsl" / "iso-schematron-xslt1"
    with saxonche.PySaxonProcessor(license=False) as proc:
        def run(stylesheet_file=None, stylesheet_text=None, xml=""):
            x = proc.new_xslt30_processor()
            ex = x.compile_stylesheet(stylesheet_file=str(stylesheet_file)) if stylesheet_file \
                else x.compile_stylesheet(stylesheet_text=stylesheet_text)
            return ex.transform_to_string(xdm_node=proc.parse_xml(xml_text=xml))
        sch = (TBX_DIR / "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
        assert 'queryBinding="xslt2"' in sch
        sch = sch.replace('queryBinding="xslt2"', 'queryBinding="xslt"')
        step = run(xsl / "iso_dsdl_include.xsl", xml=sch)
        step = run(xsl / "iso_abstract_expand.xsl", xml=step)
        compiled = run(xsl / "iso_svrl_for_xslt1.xsl", xml=step)
        compiled = re.sub(r'(<xsl:stylesheet[^>]*?)version="1\.0"', r'\1version="2.0"', compiled,
                          count=1)
        svrl = run(stylesheet_text=compiled, xml=document.decode("utf-8"))
    assert "fired-rule" in svrl
    return re.findall(r"<svrl:failed-assert.*?</svrl:failed-assert>", svrl, re.S)


def test_tbx3_is_valid_tbx_basic_and_the_ltac_sample_too():
    rng = etree.RelaxNG(etree.parse(str(TBX_DIR / "TBXcoreStructV03.rng")))
    sample = (TBX_DIR / "Example_Astronomy_DCA_VALID.tbx").read_bytes()
    assert rng.validate(etree.fromstring(sample)), rng.error_log
    assert _schematron_failures(sample) == []
    for entries in (SAMPLE, curated()):
        data = write_tbx3(entries)
        assert rng.validate(etree.fromstring(data)), rng.error_log.filter_from_errors()
        assert _schematron_failures(data) == []


def test_the_schematron_run_catches_dialect_violations():
    data = write_tbx3(SAMPLE).decode("utf-8")
    data = data.replace('type="administrativeStatus">preferredTerm-admn-sts',
                        'type="administrativeStatus">approvedTerm', 1)
    data = data.replace('type="TBX-Basic"', 'type="TBX-Min"')
    failures = _schematron_failures(data.encode("utf-8"))
    text = " ".join(failures)
    assert len(failures) == 2
    assert "TBX-Basic" in text and "administrativeStatus" in text


def test_tbx3_round_trip(tmp_path):
    path = tmp_path / "g3.tbx"
    path.write_bytes(write_tbx3(SAMPLE))
    back = {e.zh: e for e in read_tbx(path)}
    assert {zh: (e.approved, e.forbidden, e.status, e.parts) for zh, e in back.items()} == \
        {e.zh: (e.approved, e.forbidden, e.status, e.parts) for e in SAMPLE}


# --------------------------------------------------------------------------- OmegaT

_JAVA = """
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

/** Reads a glossary with OmegaT's own readers: ReadGlossary tsv|tbx FILE. */
public class ReadGlossary {
    public static void main(String[] args) throws Exception {
        ProjectProperties props = new ProjectProperties(Files.createTempDirectory("omegat").toFile());
        props.setSourceLanguage("zh-CN");
        props.setTargetLanguage("en");
        Core.setProject((IProject) Proxy.newProxyInstance(IProject.class.getClassLoader(),
            new Class<?>[] {IProject.class},
            (proxy, method, margs) -> method.getName().equals("getProjectProperties") ? props : null));
        File f = new File(args[1]);
        List<GlossaryEntry> entries = args[0].equals("tbx")
            ? GlossaryReaderTBX.read(f, false) : GlossaryReaderTSV.read(f, false);
        for (GlossaryEntry e : entries) {
            System.out.println(e.getSrcText() + "\\t" + e.getLocText());
        }
    }
}
"""


@pytest.fixture(scope="module")
def omegat_reader(tmp_path_factory):
    need(OMEGAT_JAR.exists(), "OmegaT (apt: omegat) for its glossary readers")
    need(shutil.which("javac") is not None and shutil.which("java") is not None, "a JDK (javac)")
    build = tmp_path_factory.mktemp("omegat")
    (build / "ReadGlossary.java").write_text(_JAVA, encoding="utf-8")
    subprocess.run(["javac", "-cp", str(OMEGAT_JAR), "-d", str(build), str(build / "ReadGlossary.java")],
                   check=True, capture_output=True)

    def read(kind: str, path: Path) -> list[tuple[str, str]]:
        out = subprocess.run(["java", "-cp", f"{build}{os.pathsep}{OMEGAT_JAR}", "ReadGlossary", kind,
                              str(path)], check=True, capture_output=True, text=True, timeout=120)
        return [tuple(line.split("\t")) for line in out.stdout.splitlines()]
    return read


def test_omegat_reads_the_tbx2008_export(omegat_reader, tmp_path):
    entries = curated()
    path = tmp_path / "plan.tbx"
    path.write_bytes(write_tbx2008(entries))
    pairs = set(omegat_reader("tbx", path))
    expected = {(e.zh, en) for e in entries for en in e.approved}
    assert expected <= pairs
    # OmegaT 3.6 ignores administrativeStatus: forbidden renderings show up too (documented)
    assert pairs - expected == {(e.zh, f) for e in entries for f in e.forbidden}


def test_omegat_reads_the_omegat_export(omegat_reader, tmp_path):
    from glossary.formats.tabular import write_omegat
    # a comma is part of OmegaT's target, not a list (glossary import reads it so too)
    entries = curated() + [Entry(zh="京津冀", approved=["Beijing, Tianjin and Hebei", "Jing-Jin-Ji"],
                                 status="approved")]
    path = tmp_path / "plan.txt"
    path.write_text(write_omegat(entries), encoding="utf-8")
    assert sorted(omegat_reader("tsv", path)) == sorted((e.zh, en) for e in entries for en in e.approved)


# --------------------------------------------------------------------------- bad input

def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_tbx_names_file_and_line(tmp_path):
    path = _write(tmp_path, '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="zh-CN">\n'
                            "<text><body>\n<termEntry>\n</body></text></martif>\n")
    with pytest.raises(InputError) as err:
        read_tbx(path)
    assert str(err.value) == (f"{path}:5: not well-formed XML: Opening and ending tag mismatch: "
                              "termEntry line 4 and body")


def test_xml_bomb_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE martif [\n <!ENTITY a "aaaaaaaaaa">\n'
            ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
            '<martif type="TBX" xml:lang="zh-CN"><text><body><termEntry><langSet xml:lang="zh">'
            "<tig><term>&b;</term></tig></langSet></termEntry></body></text></martif>\n")
    with pytest.raises(InputError) as err:
        read_tbx(_write(tmp_path, bomb))
    assert str(err.value).endswith("bad.tbx:2: DOCTYPE with an internal subset "
                                   "(entity declarations) is not accepted")


def test_entry_without_chinese_term_is_an_error(tmp_path):
    """(In a file with Chinese: a file without is refused as such, see
    test_glossary_cli::test_a_tbx_without_chinese_is_one_message_whoever_reads_it.)"""
    path = _write(tmp_path, '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body>\n'
                            '<termEntry id="x">\n<langSet xml:lang="en"><tig><term>AI</term></tig>'
                            "</langSet></termEntry>\n"
                            '<termEntry><langSet xml:lang="zh-CN"><tig><term>算力</term></tig></langSet>'
                            '<langSet xml:lang="en"><tig><term>computing power</term></tig></langSet>'
                            "</termEntry>\n</body></text></martif>\n")
    with pytest.raises(InputError, match=r"bad\.tbx:3: entry without a Chinese term"):
        read_tbx(path)


def test_empty_english_term_is_an_error(tmp_path):
    path = _write(tmp_path, '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body>\n'
                            '<termEntry>\n<langSet xml:lang="zh-CN"><tig><term>算力</term></tig></langSet>'
                            '<langSet xml:lang="en"><tig><term> </term></tig></langSet>'
                            "</termEntry>\n</body></text></martif>\n")
    with pytest.raises(InputError, match=r"bad\.tbx:3: entry 算力: empty English term"):
        read_tbx(path)


def test_not_tbx(tmp_path):
    with pytest.raises(InputError, match=r"not a TBX file \(root element <tmx>\)"):
        read_tbx(_write(tmp_path, "<tmx version='1.4'/>"))


WEBLATE_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>pack</term></tig></langSet>
<langSet xml:lang="zh_Hant"><tig><term>封裝</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>bitmap</term></tig></langSet>
<langSet xml:lang="zh_Hant"><tig><term></term></tig></langSet></termEntry>
</body></text></martif>
"""


def test_untranslated_entries_are_skipped_and_counted(tmp_path):
    from tm import Skipped
    path = tmp_path / "zh_Hant.tbx"
    path.write_text(WEBLATE_TBX, encoding="utf-8")
    skipped = Skipped()
    assert [(e.zh, e.approved) for e in read_tbx(path, skipped=skipped)] == [("封裝", ["pack"])]
    assert skipped.summary() == ["1 skipped: untranslated: no Chinese term (line 5)"]
    with pytest.raises(InputError, match=r"zh_Hant\.tbx:5: entry without a Chinese term$"):
        read_tbx(path)


# TBX-Basic v3 as the LTAC sample writes it: the definition at the language level (the
# Basic dialect allows it there and on the concept), a subject field on the concept.
TBX_BASIC_LANGSEC = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>
<conceptEntry id="c1"><descrip type="subjectField">AI</descrip>
<langSec xml:lang="en"><descripGrp><descrip type="definition">AI with a physical body.</descrip>
</descripGrp><termSec><term>embodied AI</term></termSec></langSec>
<langSec xml:lang="zh-CN"><descrip type="definition">具有物理实体的人工智能。</descrip>
<termSec><term>具身智能</term></termSec>
<termSec><term>实体智能</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>\
</termSec></langSec></conceptEntry>
</body></text></tbx>
"""


def test_definitions_where_tbx_basic_and_multiterm_put_them_are_read(tmp_path):
    """Only a definition on the concept was read; TBX-Basic puts it on the language
    (<langSec>, the LTAC sample does), MultiTerm's TBX export on the term (<ntig>): both
    were dropped without a word, and so was every description but definition and
    source (a subject field). The concept's definition comes first, then the Chinese
    side's, then the English side's; the others, and other descriptions, go to the note.
    A Chinese term marked superseded was approved; like a deprecated one it is rejected."""
    path = tmp_path / "basic.tbx"
    path.write_text(TBX_BASIC_LANGSEC, encoding="utf-8")
    first, second = read_tbx(path)
    assert (first.zh, first.status, first.definition, first.note) == (
        "具身智能", "approved", "具有物理实体的人工智能。",
        "subjectField: AI; definition (en): AI with a physical body.")
    assert (second.zh, second.status) == ("实体智能", "rejected")
    multiterm = TBX_BASIC_LANGSEC
    for old, new in [('<descrip type="definition">具有物理实体的人工智能。</descrip>', ""),
                     ('<descripGrp><descrip type="definition">AI with a physical body.</descrip>\n'
                      '</descripGrp>', ""),
                     ("<termSec><term>embodied AI</term></termSec>", '<termSec><term>embodied AI'
                      '</term><descrip type="definition">MultiTerm.</descrip></termSec>')]:
        assert old in multiterm
        multiterm = multiterm.replace(old, new)
    path.write_text(multiterm, encoding="utf-8")
    assert [e.definition for e in read_tbx(path)] == ["MultiTerm.", "MultiTerm."]


def test_tbx_without_chinese_is_refused(tmp_path):
    path = tmp_path / "fr.tbx"
    path.write_text(WEBLATE_TBX.replace("zh_Hant", "fr").replace("封裝", "paquet"),
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_tbx(path, skipped=__import__("tm").Skipped())
    assert str(err.value) == (f"{path}: no Chinese in this file (languages: en, fr); a "
                              "Chinese-English glossary needs a Chinese and an English side")


# --------------------------------------------------------------------------- Chinese tags

@pytest.mark.parametrize("tag, stored", [("zh-TW", "zh-TW"), ("zh-HK", "zh-HK"), ("zh-Hant", "zh-Hant"),
                                         ("zh_Hant_TW", "zh-Hant-TW"), ("ZH-hk", "zh-HK"),
                                         ("zh-CN", None), ("zh", "zh")])
def test_the_chinese_tag_survives_the_term_base_and_both_tbx_exports(tmp_path, tag, stored):
    """The tag of the Chinese term is stored as it came (BCP 47 spelling) and written back
    by TBX 2008 and TBX v3 exports; the exports stay valid; re-importing gives it again."""
    from glossary.termbase.store import export_entries, export_view, load_glossary_file, \
        merge_entries, open_termbase
    path = tmp_path / "in.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n'
        f'<termEntry id="c1"><langSet xml:lang="{tag}"><tig><term>軟體</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>software</term></tig></langSet></termEntry>\n'
        '</body></text></martif>\n', encoding="utf-8")
    db = open_termbase(tmp_path / "t.db")
    merge_entries(db, load_glossary_file(path))
    [entry] = export_view(db, "all")
    assert (entry.zh, entry.zh_lang) == ("軟體", stored)
    rng = etree.RelaxNG(etree.parse(str(TBX_DIR / "TBXcoreStructV03.rng")))
    dtd = etree.DTD(str(TBX_DIR / "TBXcoreStructV02.dtd"))
    for fmt, check in (("tbx", dtd.validate), ("tbx3", rng.validate)):
        data = export_entries([entry], fmt)
        doc = etree.fromstring(data)
        assert check(doc)
        langs = [el.get("{http://www.w3.org/XML/1998/namespace}lang") for el in doc.iter()
                 if etree.QName(el).localname in ("langSet", "langSec")]
        assert langs == [stored or "zh-CN", "en"], fmt
        again = tmp_path / f"again.{fmt}.tbx"
        again.write_bytes(data)
        assert [(e.zh, e.zh_lang) for e in load_glossary_file(again)] == [("軟體", stored)]


def test_a_csv_column_tag_is_the_chinese_terms_tag(tmp_path):
    from glossary.termbase.store import load_glossary_file
    path = tmp_path / "g.csv"
    path.write_text("en,zh_HK\nsoftware,軟件\n", encoding="utf-8")
    assert [(e.zh, e.zh_lang) for e in load_glossary_file(path)] == [("軟件", "zh-HK")]
    path.write_text("zh,en\n软件,software\n", encoding="utf-8")
    assert [(e.zh, e.zh_lang) for e in load_glossary_file(path)] == [("软件", None)]
