"""Extraction's reading of CC-CEDICT's verbs is made once per user and kept (tm.derived):
what a later process reads back is what the dictionary gives."""

import os
import subprocess
import sys


def test_the_verbs_read_back_are_the_verbs_the_dictionary_gives(tmp_path):
    probe = ("from glossary.extract import lexicon as l\n"
             "kept = l._verbs_only()\n"
             "print(kept == l._read_verbs_only(), len(kept[0]), l.finite_verb('expires'), l.finite_verb('clusters'))\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert (tmp_path / "zhen-tm" / "derived" / "extract-verbs-only.marshal").is_file()
    again = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == again.stdout and first.stdout.startswith("True ") and "True False" in first.stdout
