"""Shared by the import/export tests: the aligned plan, schema validators, tricky units."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from conftest import PLAN_EN, PLAN_ZH, ROOT, SHARED
from tm.models import TranslationUnit

SCHEMAS = ROOT / "tests" / "schemas"
PAIR = "tianjin-plan"


def clock():
    return datetime(2026, 11, 21, 5, 48, 15, tzinfo=timezone.utc)


def align_plan(db_path: Path, *, pair: str = PAIR):
    """Segment, align and store the plan as the aligner and store do for `tm align`."""
    from tm.align.aligner import align_texts
    from tm.memory.store import open_store, store_alignment

    zh_text = PLAN_ZH.read_text(encoding="utf-8")
    en_text = PLAN_EN.read_text(encoding="utf-8")
    alignment = align_texts(zh_text, en_text)
    beads = alignment.beads
    # Flag the few least confident pairs for review, whatever the aligner's absolute
    # confidence on this document: the review tests need some flagged units.
    linked = sorted(b.confidence for b in beads if b.zh and b.en)
    review_below = linked[3]
    assert linked[0] < review_below, "the plan's beads all have the same confidence"
    db = open_store(db_path)
    store_alignment(db, pair_name=pair, zh_path=PLAN_ZH, en_path=PLAN_EN,
                    alignment=alignment,
                    zh_text=zh_text, en_text=en_text, review_below=review_below)
    return db


def tmx_dtd():
    from lxml import etree
    return etree.DTD(str(SCHEMAS / "tmx" / "tmx14.dtd"))


def xliff12_schema(kind: str):
    """The OASIS XSD, its import of http://www.w3.org/2001/xml.xsd pointed at the local
    copy (what catalog.xml does for xmllint), so validation never touches the network."""
    from lxml import etree
    path = SCHEMAS / "xliff12" / f"xliff-core-1.2-{kind}.xsd"
    text = path.read_bytes().replace(b'schemaLocation="http://www.w3.org/2001/xml.xsd"',
                                     f'schemaLocation="{(SCHEMAS / "w3c" / "xml.xsd").as_uri()}"'.encode())
    return etree.XMLSchema(etree.fromstring(text, base_url=path.as_uri()))


def xliff21_schema():
    """XLIFF 2.1 core plus the metadata and change-tracking modules, offline."""
    from lxml import etree
    base = SCHEMAS / "xliff21"
    imports = {
        "urn:oasis:names:tc:xliff:document:2.0": base / "xliff_core_2.0.xsd",
        "urn:oasis:names:tc:xliff:metadata:2.0": base / "metadata.xsd",
        "urn:oasis:names:tc:xliff:changetracking:2.0":
            base / "informativeCopiesOf3rdPartySchemas" / "extensions" / "change_tracking.xsd",
    }
    driver = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-driver">'
              + "".join(f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>'
                        for ns, path in imports.items())
              + "</xs:schema>")
    return etree.XMLSchema(etree.fromstring(driver.encode()))


def parse_xml(data: bytes):
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


# Every character class a format must keep: astral CJK, combining marks, quotes,
# markup characters, whitespace at the edges, tabs, newlines, CR, backslashes,
# spreadsheet formula starts, full-width punctuation.
TRICKY = [
    TranslationUnit(zh="支持𠀀𪚥算力（GPU）。", en="Support 𠀀 computing (GPU).", key="t:0000",
                    pair="t", position=0, shape="1-1", confidence=0.9731, origin="aligned",
                    status="translated", created="2026-11-21T05:48:15Z",
                    changed="2026-11-21T06:00:00Z"),
    TranslationUnit(zh="“引号”和‘单引号’，<标签> & 符号", en='"quotes" & \'apostrophes\' <tag> &amp;',
                    key="t:0001", pair="t", position=1, shape="2-1", confidence=0.31,
                    status="needs-review", note="check the <tag> & quotes"),
    TranslationUnit(zh="  前后空格  ", en="  leading and trailing  ", key="t:0002", pair="t",
                    position=2),
    TranslationUnit(zh="组合字符 é ǹ", en="Cafe\u0301 n\u0300 combining", key="t:0003", pair="t",
                    position=3, status="reviewed", changed_by="Li Wei"),
    TranslationUnit(zh="第一行\n第二行\r\n第三行\r", en="line one\nline two\r\nline three\r",
                    key="t:0004", pair="t", position=4),
    TranslationUnit(zh="制表\t符和反斜杠\\n\\t", en="tab\tand backslash \\n \\t \\\\", key="t:0005",
                    pair="t", position=5),
    TranslationUnit(zh="=公式", en="=SUM(A1:A9)", key="t:0006", pair="t", position=6),
    TranslationUnit(zh="+加号", en="-1 minus @at '=quoted", key="t:0007", pair="t", position=7),
    TranslationUnit(zh="'撇号", en="'apostrophe' stays", key="t:0008", pair="t", position=8),
]

# Characters XML 1.0 cannot carry: XML formats write placeholders, TSV escapes, CSV refuses NUL.
CONTROL = TranslationUnit(zh="换页\x0c符\x01", en="form\x0cfeed \x1f unit sep\x00", key="t:0009",
                          pair="t", position=9)
