"""XLIFF 1.2 / 2.1: exports of the plan validate and load in translate-toolkit; the review
round trip (export, edit in a "CAT tool", import) updates exactly the reviewed units."""

from __future__ import annotations

import io
import json
import os
import re

import pytest
from lxml import etree

from _io_helpers import PAIR, TRICKY, align_plan, clock, parse_xml, xliff12_schema, xliff21_schema
from conftest import ROOT
from tm.memory import store
from tm.cli import cli
from tm.errors import InputError
from tm.exchange import apply_review
from tm.formats.tmx import read_tmx
from tm.formats.xliff import NS12, NS20, NS_CTR, read_reviewed, read_xliff, write_xliff

GOLDEN = ROOT / "tests" / "golden" / "formats"
XML_NS = "http://www.w3.org/XML/1998/namespace"


@pytest.fixture(scope="module")
def plan_units(tmp_path_factory):
    db = align_plan(tmp_path_factory.mktemp("plan") / "plan.db")
    return list(store.iter_units(db))


def export(units, version) -> bytes:
    out = io.StringIO()
    write_xliff(units, out, version=version, clock=clock, tool_version="0.1.0")
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("kind", ["strict", "transitional"])
def test_plan_xliff12_validates(plan_units, kind):
    schema = xliff12_schema(kind)
    assert schema.validate(parse_xml(export(plan_units, "1.2"))), schema.error_log.filter_from_errors()


def test_plan_xliff21_validates_with_its_modules(plan_units):
    schema = xliff21_schema()
    assert schema.validate(parse_xml(export(plan_units, "2.1"))), schema.error_log.filter_from_errors()


def test_plan_xliff12_states_ids_and_order(plan_units):
    doc = parse_xml(export(plan_units, "1.2"))
    tus = doc.findall(f".//{{{NS12}}}trans-unit")
    assert [tu.get("id") for tu in tus] == [u.key for u in plan_units]
    assert [u.position for u in plan_units] == sorted(u.position for u in plan_units)
    for tu, unit in zip(tus, plan_units):
        state = tu.find(f"{{{NS12}}}target").get("state")
        low = unit.status == "needs-review" or unit.confidence < 0.5
        assert state == ("needs-review-translation" if low else "translated")
        confidence = tu.find(f".//{{{NS12}}}context[@context-type='x-confidence']").text
        assert float(confidence) == unit.confidence
        notes = [n.text for n in tu.findall(f"{{{NS12}}}note")]
        assert bool(notes) == low
    assert any(u.status == "needs-review" or u.confidence < 0.5 for u in plan_units)


def test_plan_xliff21_states_and_confidence(plan_units):
    doc = parse_xml(export(plan_units, "2.1"))
    units = doc.findall(f".//{{{NS20}}}unit")
    assert [u.get("id") for u in units] == [u.key for u in plan_units]
    for el, unit in zip(units, plan_units):
        seg = el.find(f"{{{NS20}}}segment")
        low = unit.status == "needs-review" or unit.confidence < 0.5
        assert seg.get("state") == "translated"
        assert (seg.get("subState") == "zhen:needs-review") == low
        assert bool(el.findall(f".//{{{NS20}}}note")) == low
        meta = {m.get("type"): m.text for m in el.iter("{urn:oasis:names:tc:xliff:metadata:2.0}meta")}
        assert float(meta["confidence"]) == unit.confidence


def test_ids_are_stable_across_exports(plan_units):
    for version in ("1.2", "2.1"):
        first = [u.key for u in read_xliff(io.BytesIO(export(plan_units, version)), name="a")]
        second = [u.key for u in read_xliff(io.BytesIO(export(plan_units, version)), name="b")]
        assert first == second == [u.key for u in plan_units]


def test_translate_toolkit_reads_both_versions(plan_units):
    from translate.storage import xliff, xliff2
    st12 = xliff.xlifffile.parsestring(export(plan_units, "1.2"))
    assert [(u.source, u.target) for u in st12.units] == [(u.zh, u.en) for u in plan_units]
    st21 = xliff2.Xliff2File.parsestring(export(plan_units, "2.1"))
    assert [(u.getid(), u.source, u.target) for u in st21.units] == \
           [(u.key, u.zh, u.en) for u in plan_units]


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_golden_files_are_byte_stable(version):
    golden = GOLDEN / f"tricky-{version}.xlf"
    assert export(TRICKY, version).decode("utf-8") == golden.read_text(encoding="utf-8")


# --- the review round trip ------------------------------------------------------

def cat_tool_edit(data: bytes, version: str, *, correct: str, correction: str, approve: str,
                  move_source: str, unknown: str) -> bytes:
    """Edit the file as a reviewer's CAT tool would (lxml, namespaces kept)."""
    doc = etree.fromstring(data)
    if version == "1.2":
        ns = {"x": NS12}
        header = doc.find("x:file/x:header", ns)
        group = etree.SubElement(header, f"{{{NS12}}}phase-group")
        etree.SubElement(group, f"{{{NS12}}}phase", {"phase-name": "review1", "process-name": "review",
                                                      "contact-name": "Li Wei",
                                                      "date": "2026-11-22T09:30:00Z"})
        tu = doc.find(f".//x:trans-unit[@id='{correct}']", ns)
        target = tu.find("x:target", ns)
        target.text = correction
        target.set("state", "signed-off")
        target.set("phase-name", "review1")
        doc.find(f".//x:trans-unit[@id='{approve}']/x:target", ns).set("state", "final")
        doc.find(f".//x:trans-unit[@id='{move_source}']/x:source", ns).text += "（修订）"
        doc.find(f".//x:trans-unit[@id='{move_source}']/x:target", ns).set("state", "final")
        doc.find(f".//x:trans-unit[@id='{unknown}']", ns).set("id", "no-such-unit")
    else:
        ns = {"x": NS20, "ctr": NS_CTR}
        unit = doc.find(f".//x:unit[@id='{correct}']", ns)
        seg = unit.find("x:segment", ns)
        seg.find("x:target", ns).text = correction
        seg.set("state", "final")
        seg.attrib.pop("subState", None)
        track = etree.Element(f"{{{NS_CTR}}}changeTrack", nsmap={"ctr": NS_CTR})
        revs = etree.SubElement(track, f"{{{NS_CTR}}}revisions", {"appliesTo": "target"})
        for who, when in (("Zhang San", "2026-11-21T10:00:00Z"), ("Li Wei", "2026-11-22T09:30:00Z")):
            rev = etree.SubElement(revs, f"{{{NS_CTR}}}revision", {"author": who, "datetime": when})
            etree.SubElement(rev, f"{{{NS_CTR}}}item", {"property": "content"}).text = "old"
        unit.insert(0, track)
        doc.find(f".//x:unit[@id='{approve}']/x:segment", ns).set("state", "final")
        src = doc.find(f".//x:unit[@id='{move_source}']/x:segment/x:source", ns)
        src.text += "（修订）"
        doc.find(f".//x:unit[@id='{move_source}']/x:segment", ns).set("state", "final")
        doc.find(f".//x:unit[@id='{unknown}']", ns).set("id", "no-such-unit")
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def search_units(runner, text: str) -> list[dict]:
    """`tm search` as a user runs it (JSON output); until that command exists in this
    tree, a scan of the stored units."""
    if "search" in cli.commands:
        result = runner.invoke(cli, ["search", text, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)
    db = store.open_store(os.environ["TM_DB"])
    return [{"key": u.key, "en": u.en, "status": u.status}
            for u in store.iter_units(db) if text in u.zh or text in u.en]


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_review_round_trip(version, db_path, runner, tmp_path):
    db = align_plan(db_path)
    before = {u.key: u for u in store.iter_units(db)}
    flagged = [u for u in before.values() if u.status == "needs-review" and u.zh and u.en]
    plain = [u for u in before.values() if u.status == "translated" and u.shape == "1-1"]
    correct, approve, move_source, unknown = flagged[0].key, plain[0].key, plain[1].key, plain[2].key

    out = tmp_path / f"review-{version}.xlf"
    result = runner.invoke(cli, ["export", "--format", "xliff", "--version", version,
                                 "--pair", PAIR, "-o", str(out)])
    assert result.exit_code == 0, result.output
    correction = "Corrected by the reviewer: support computing power."
    edited = cat_tool_edit(out.read_bytes(), version, correct=correct, correction=correction,
                           approve=approve, move_source=move_source, unknown=unknown)
    reviewed = tmp_path / f"reviewed-{version}.xlf"
    reviewed.write_bytes(edited)

    result = runner.invoke(cli, ["import", str(reviewed), "--reviewer", "fallback"])
    assert result.exit_code == 0, result.output
    n = len(before)
    assert result.output == (
        f"Applied review {reviewed}: {n} units, 2 reviewed (1 corrected), 0 still need review, "
        f"{n - 4} unchanged.\n"
        f"Source text changed, not applied (1): {move_source}\n"
        f"Unknown ids, not applied (1): no-such-unit\n")

    db = store.open_store(db_path)
    after = {u.key: u for u in store.iter_units(db)}
    fixed = after[correct]
    assert (fixed.en, fixed.status, fixed.changed_by, fixed.changed) == \
           (correction, "reviewed", "Li Wei", "2026-11-22T09:30:00Z")
    ok = after[approve]
    assert (ok.en, ok.status, ok.changed_by) == (before[approve].en, "reviewed", "fallback")
    for key, unit in after.items():          # nothing else changed
        if key not in (correct, approve):
            assert unit == before[key]

    hits = [json.dumps(h, ensure_ascii=False) for h in search_units(runner, "Corrected by the reviewer")]
    assert len(hits) == 1
    assert correct in hits[0] and correction in hits[0] and '"reviewed"' in hits[0]

    result = runner.invoke(cli, ["export", "--format", "tmx"])
    assert result.exit_code == 0
    exported = {u.key: u for u in read_tmx(io.BytesIO(result.output.encode()), name="out.tmx")}
    assert (exported[correct].en, exported[correct].status) == (correction, "reviewed")


def test_untouched_file_changes_nothing(db_path):
    db = align_plan(db_path)
    before = list(store.iter_units(db))
    report = apply_review(db, io.BytesIO(export(before, "2.1")), name="same.xlf")
    assert (report.read, report.unchanged, report.reviewed, report.source_changed) == \
           (len(before), len(before), [], [])
    assert list(store.iter_units(db)) == before


def test_a_review_of_another_memory_is_refused_not_reported_as_applied(db_path, runner, tmp_path):
    """An XLIFF file exported from one memory, imported into another: it said `Applied review`
    with every unit under `Unknown ids`, exit 0, and left a new, empty database behind."""
    align_plan(db_path)
    out = tmp_path / "review.xlf"
    assert runner.invoke(cli, ["export", "--format", "xliff", "-o", str(out)]).exit_code == 0
    other = tmp_path / "other.db"
    result = runner.invoke(cli, ["--db", str(other), "import", str(out)])
    assert result.exit_code == 2
    assert re.fullmatch(rf"Error: {re.escape(str(out))}: none of its \d+ units is in this memory: the file "
                        r"was exported from another database \(a reviewed file goes back to the memory it "
                        r"came from\); nothing was applied\n", result.output), result.output
    assert not other.exists()


def test_reviewer_can_ask_for_more_work(db_path):
    db = align_plan(db_path)
    units = list(store.iter_units(db))
    unit = next(u for u in units if u.status == "translated")
    doc = etree.fromstring(export(units, "1.2"))
    target = doc.find(f".//{{{NS12}}}trans-unit[@id='{unit.key}']/{{{NS12}}}target")
    target.text = "A better draft."
    target.set("state", "needs-review-translation")
    report = apply_review(db, io.BytesIO(etree.tostring(doc)), name="r.xlf", clock=clock)
    assert (report.still_needs_review, report.corrected) == ([unit.key], [unit.key])
    got = store.get_unit(db, unit.key)
    assert (got.en, got.status, got.changed) == ("A better draft.", "needs-review", "2026-11-21T05:48:15Z")


def test_malformed_review_changes_nothing(db_path):
    db = align_plan(db_path)
    units = list(store.iter_units(db))
    data = export(units, "1.2").replace(b"</body>", b"", 1)
    data = data.replace(b"<target xml:lang=\"en\" state=\"translated\">", b"<target state=\"final\">", 1)
    with pytest.raises(InputError,
                       match=r"^r\.xlf:\d+: not well-formed XML: Opening and ending tag mismatch"):
        apply_review(db, io.BytesIO(data), name="r.xlf")
    assert list(store.iter_units(db)) == units


def test_reviewed_states_read_back():
    items = list(read_reviewed(io.BytesIO(export(TRICKY, "1.2")), name="t.xlf"))
    assert [i.state for i in items][:4] == ["translated", "needs-review-translation", "translated",
                                            "signed-off"]
    assert [i.unit.status for i in items] == [u.status for u in TRICKY]


# --- files that declare no language: the text tells which side is Chinese -----------------

XLIFF12_NOLANG = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  f'<xliff version="1.2" xmlns="{NS12}">\n<file original="ui" datatype="plaintext"><body>\n'
                  '{units}</body></file>\n</xliff>\n')
XLIFF20_NOLANG = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  f'<xliff version="2.0" xmlns="{NS20}">\n<file id="f">\n'
                  '{units}</file>\n</xliff>\n')


def _nolang(version: str, pairs) -> bytes:
    if version == "1.2":
        units = "".join(f'<trans-unit id="{k}"><source>{s}</source><target>{t}</target></trans-unit>\n'
                        for k, (s, t) in enumerate(pairs, 1))
        return XLIFF12_NOLANG.format(units=units).encode("utf-8")
    units = "".join(f'<unit id="u{k}"><segment><source>{s}</source><target>{t}</target></segment></unit>\n'
                    for k, (s, t) in enumerate(pairs, 1))
    return XLIFF20_NOLANG.format(units=units).encode("utf-8")


EN_ZH = [("Open file", "打开文件"), ("Save the document", "保存文档"), ("OK", "确定")]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("pairs, source", [(EN_ZH, "en"), ([(z, e) for e, z in EN_ZH], "zh")])
def test_an_xliff_that_declares_no_language_is_read_in_the_direction_its_text_shows(version, pairs, source):
    """No source-language/target-language (srcLang/trgLang): an en -> zh file was refused
    ("3 variants name no language, and no unit has a Chinese and an English side"); the
    text tells which side is Chinese, as for TSV/CSV source/target columns."""
    units = list(read_xliff(io.BytesIO(_nolang(version, pairs)), name="ui.xlf"))
    assert [(u.zh, u.en) for u in units] == [(z, e) for e, z in EN_ZH]
    assert {u.srclang for u in units} == ({"en"} if source == "en" else {None})


def test_an_xliff_without_languages_decides_from_its_first_units_and_keeps_their_order():
    """More than ORIENT_ROWS units: those read while the text is still telling come out first
    and in order; a unit whose text alone would mislead (both sides Latin) follows the file."""
    from tm.text.lang import ORIENT_ROWS
    pairs = [(f"Item {k}", f"项目{k}") for k in range(ORIENT_ROWS + 50)]
    pairs[3] = ("Version 2", "Version 2 版本")
    units = list(read_xliff(io.BytesIO(_nolang("1.2", pairs)), name="many.xlf"))
    assert [(u.zh, u.en) for u in units] == [(z, e) for e, z in pairs]


_UNTOLD = ("the file names no language (source-language, srcLang), and its text does not tell "
           "which side is Chinese")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("pairs, reads", [
    ([("Open", "Ouvrir"), ("Save", "Enregistrer")], "both read as English"),
    ([("打开", "打开文件"), ("保存", "保存文档")], "both read as Chinese"),
    ([("1.0", "2.0"), ("3", "4")], "both have no letters"),
])
@pytest.mark.parametrize("command", ["import", "qa"])
def test_an_xliff_without_languages_whose_text_does_not_tell_is_refused_by_the_tmx_rule(
        runner, tmp_path, version, pairs, reads, command):
    """The source was taken as Chinese, and the file refused as "declared zh-CN, but the text
    reads as English" though nothing was declared. Now the rule of TMX variants without a
    language (tm.formats.common.untold): no side is guessed; the file, left with nothing,
    is refused naming its first unit and what its text reads as; nothing stored."""
    from glossary.cli import cli as glossary_cli
    from tm.cli import cli
    path = tmp_path / "untold.xlf"
    path.write_bytes(_nolang(version, pairs))
    db = tmp_path / "m.db"
    if command == "import":
        result = runner.invoke(cli, ["--db", str(db), "import", str(path)])
    else:
        result = runner.invoke(glossary_cli, ["--db", str(db), "qa", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:4: {_UNTOLD} ({reads})\n"
    assert not db.exists() or not list(store.iter_units(store.open_store(db)))


def test_units_without_languages_whose_text_does_not_tell_are_skipped_among_declared_ones(
        runner, tmp_path):
    """A <file> that declares no language beside one that does: its units are skipped with
    their lines, as a TMX unit of untagged variants among tagged ones is."""
    from tm.cli import cli
    declared = ('<file original="a" source-language="zh-CN" target-language="en" datatype="plaintext">'
                '<body><trans-unit id="1"><source>打开文件</source><target>Open file</target>'
                '</trans-unit></body></file>\n')
    data = _nolang("1.2", [("Open", "Ouvrir"), ("Save", "Enregistrer")]).decode()
    data = data.replace("<file ", declared + "<file ", 1)
    path = tmp_path / "mixed.xlf"
    path.write_text(data, encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(tmp_path / "m.db"), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported 1 units from {path} (xliff): 1 added, 0 duplicates skipped.",
        f"2 skipped: {_UNTOLD} (lines 5, 6)"]
