"""OmegaT 3.6 uses our TMX: a console-translate run over a few plan sentences, with the
memory's TMX export in tm/auto/, writes the memory's translations into its target file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from _io_helpers import align_plan
from conftest import need
from tm.memory import store
from tm.cli import cli

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes>
            <mask>**/.svn/**</mask>
        </source_dir_excludes>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def test_omegat_console_translate_applies_the_memory(db_path, runner, tmp_path):
    need(OMEGAT_JAR.exists() and shutil.which("java") is not None,
         "OmegaT 3.6 (apt: omegat) and a Java runtime")
    db = align_plan(db_path)
    # one-sentence units (1-1 beads), as OmegaT's own segmentation sees single sentences
    units = [u for u in store.iter_units(db) if u.shape == "1-1" and u.status == "translated"]
    chosen = units[5:12]
    assert len(chosen) == 7

    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    # one sentence per paragraph, so OmegaT's SRX rules cannot split them differently
    (project / "source" / "plan.txt").write_text(
        "\n\n".join(u.zh for u in chosen) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", "--format", "tmx", "-o",
                                 str(project / "tm" / "auto" / "memory.tmx")])
    assert result.exit_code == 0, result.output

    config = tmp_path / "config"
    config.mkdir()
    run = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-jar", str(OMEGAT_JAR),
         str(project), "--mode=console-translate", f"--config-dir={config}",
         "--disable-project-locking", "--no-team"],
        capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    target = (project / "target" / "plan.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in target.split("\n\n") if p.strip()]
    assert paragraphs == [u.en for u in chosen]
