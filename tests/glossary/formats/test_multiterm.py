"""`glossary import` of MultiTerm XML, as Trados users export a term base. The sample is
written here from the format's public description (RWS's MTF schema): UTF-16 with a byte-order
mark as MultiTerm writes it, languages by ``lang`` code or by index name alone."""

from __future__ import annotations

import pytest

from glossary.cli import cli
from glossary.errors import InputError
from glossary.termbase.store import load_glossary_file
from tm import Skipped

SAMPLE = """<?xml version="1.0" encoding="UTF-16"?>
<mtf>
  <conceptGrp>
    <concept>1</concept>
    <transacGrp><transac type="origination">terminologist</transac><date>2024-03-01T09:00:00</date></transacGrp>
    <descripGrp><descrip type="Definition">Machines performing tasks that need intelligence.</descrip></descripGrp>
    <descripGrp><descrip type="Subject">IT</descrip>
      <descripGrp><descrip type="Source">GB/T 5271</descrip></descripGrp></descripGrp>
    <languageGrp>
      <language type="Chinese" lang="ZH-CN"/>
      <termGrp><term>人工智能</term>
        <descripGrp><descrip type="Part of Speech">noun</descrip></descripGrp></termGrp>
    </languageGrp>
    <languageGrp>
      <language type="English" lang="EN-US"/>
      <termGrp><term>artificial intelligence</term></termGrp>
      <termGrp><term>AI</term><descripGrp><descrip type="Usage">abbreviation</descrip></descripGrp></termGrp>
      <termGrp><term>machine intelligence</term>
        <descripGrp><descrip type="Term Status">Forbidden</descrip></descripGrp></termGrp>
    </languageGrp>
    <languageGrp>
      <language type="German" lang="DE"/>
      <termGrp><term>künstliche Intelligenz</term></termGrp>
    </languageGrp>
  </conceptGrp>
  <conceptGrp>
    <concept>2</concept>
    <languageGrp><language type="Chinese (Taiwan)"/><termGrp><term>軟體</term></termGrp></languageGrp>
    <languageGrp><language type="English (United Kingdom)"/><termGrp><term>software</term></termGrp></languageGrp>
  </conceptGrp>
  <conceptGrp>
    <concept>3</concept>
    <languageGrp><language type="Chinese" lang="ZH"/><termGrp><term>算力</term></termGrp></languageGrp>
    <languageGrp><language type="German" lang="DE"/><termGrp><term>Rechenleistung</term></termGrp></languageGrp>
  </conceptGrp>
</mtf>
"""


def write(tmp_path, text, name="termbase.xml", encoding="utf-16"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))      # Python's utf-16 writes the BOM, as MultiTerm does
    return path


def test_multiterm_concepts_become_entries(tmp_path):
    skipped = Skipped()
    ai, software = load_glossary_file(write(tmp_path, SAMPLE), skipped=skipped)
    assert (ai.zh, ai.approved, ai.forbidden) == ("人工智能", ["artificial intelligence", "AI"],
                                                  ["machine intelligence"])
    assert ai.definition == "Machines performing tasks that need intelligence."
    assert ai.source == "GB/T 5271"
    assert ai.note == "Subject: IT; Part of Speech: noun; Usage (AI): abbreviation"
    assert (ai.zh_lang, software.zh_lang, software.approved) == (None, "zh-TW", ["software"])
    assert skipped.summary() == ["1 skipped: no English term (line 31)"]


def test_glossary_import_of_multiterm_xml(runner, db_path, tmp_path):
    path = write(tmp_path, SAMPLE)
    result = runner.invoke(cli, ["import", str(path)])
    assert (result.exit_code, result.stdout) == (0, f"{path}: 2 added, 0 merged (2 rows read).\n"
                                                    "1 skipped: no English term (line 31)\n")
    out = runner.invoke(cli, ["export", "--format", "csv"]).stdout
    assert "人工智能,rén gōng zhì néng,artificial intelligence | AI,machine intelligence,,approved," in out


@pytest.mark.parametrize("text, message", [
    (SAMPLE.replace("<mtf>", '<!DOCTYPE mtf [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n<mtf>')
     .replace("IT</descrip>", "&x;</descrip>"),
     ":2: DOCTYPE with an internal subset (entity declarations) is not accepted"),
    (SAMPLE.replace('type="English" lang="EN-US"', 'type="French" lang="FR"')
     .replace('type="English (United Kingdom)"', 'type="French"'),
     ": no English in this file (languages: Chinese (Taiwan), French, de, fr, zh, zh-CN); a "
     "Chinese-English glossary needs a Chinese and an English side"),
    (SAMPLE.replace("</conceptGrp>\n  <conceptGrp>", "</conceptGrp>\n  <conceptGrp", 1),
     ":27: not well-formed XML"),
], ids=["entity", "no-english", "malformed"])
def test_bad_multiterm_xml_is_one_error_line(runner, db_path, tmp_path, text, message):
    """Before: 'not a TBX file (root element <mtf>)' for every MultiTerm file."""
    path = write(tmp_path, text)
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}{message}") and result.stderr.count("\n") == 1
    assert not db_path.exists()


def test_strict_refuses_a_concept_without_english(tmp_path):
    with pytest.raises(InputError) as err:
        load_glossary_file(write(tmp_path, SAMPLE.replace("UTF-16", "UTF-8"), encoding="utf-8"))
    assert str(err.value) == f"{tmp_path / 'termbase.xml'}:31: concept 算力: no English term"
