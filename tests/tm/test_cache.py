"""Tables derived from a dictionary are kept in this user's cache between processes
(``tm.kept``): built once, read back while their key holds, built again when it changes,
and never trusted when the file is damaged or the directory is not this user's alone."""

import os
import subprocess
import sys

import pytest

from tm import kept, private_cache_dir


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "zhen-tm" / "derived"


def counted(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_a_table_is_built_once_and_read_back(cache_home):
    build, calls = counted({"天津": ("Tianjin",), "words": frozenset({"a", "b"})})
    first = kept("table", ("v1",), build)
    again = kept("table", ("v1",), build)
    assert again == first and len(calls) == 1
    assert (cache_home / "table.marshal").is_file()
    assert (os.stat(cache_home).st_mode & 0o077) == 0


def test_a_changed_key_builds_it_again(cache_home):
    build, calls = counted(["old"])
    kept("table", ("dictionary of 2024",), build)
    build2, calls2 = counted(["new"])
    assert kept("table", ("dictionary of 2025",), build2) == ["new"]
    assert kept("table", ("dictionary of 2025",), build2) == ["new"] and len(calls2) == 1


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9" * 10])
def test_a_damaged_file_is_built_again_and_replaced(cache_home, damage):
    build, calls = counted({"k": "v"})
    kept("table", ("v1",), build)
    (cache_home / "table.marshal").write_bytes(damage)
    assert kept("table", ("v1",), build) == {"k": "v"} and len(calls) == 2
    assert kept("table", ("v1",), build) == {"k": "v"} and len(calls) == 2
    assert [p.name for p in cache_home.iterdir()] == ["table.marshal"]     # nothing left aside


def test_a_directory_others_can_write_is_not_used(cache_home):
    cache_home.mkdir(parents=True)
    os.chmod(cache_home, 0o777)
    assert private_cache_dir("derived") is None
    build, calls = counted({"k": "v"})
    assert kept("table", ("v1",), build) == {"k": "v"}
    assert kept("table", ("v1",), build) == {"k": "v"} and len(calls) == 2
    assert list(cache_home.iterdir()) == []


def test_no_cache_directory_at_all_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert private_cache_dir("derived") is None
    assert kept("table", ("v1",), lambda: [1, 2]) == [1, 2]


def test_cedict_tables_read_back_equal_the_ones_built(cache_home):
    """A fresh process builds CC-CEDICT's tables and keeps them; a second reads them back:
    the places, the senses and the vocabulary it answers with are the same."""
    probe = ("import tm.text.cedict as c\n"
             "p = c.places()\n"
             "print(len(c._read()[0]), len(c._read()[1]), len(p.names), sorted(p.names.items())[:50],\n"
             "      sorted((k, sorted(v)) for k, v in p.headwords.items())[:50], p.in_chinese('天津市和北京'),\n"
             "      sorted((k, sorted(v)) for k, v in c.senses_beginning(frozenset({'good', 'upper'})).items()),\n"
             "      len(c.english_vocabulary()), c._read()[0]['天津'])\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent.parent)}
    built = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    names = sorted(p.name for p in cache_home.iterdir())
    assert names[:2] == ["cedict-places.marshal", "cedict-senses-" + names[1][14:]] and \
        names[2:] == ["cedict-vocabulary.marshal", "cedict.marshal"]
    read_back = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert read_back.stdout == built.stdout and "Tianjin" in built.stdout


def test_a_table_derived_by_other_code_is_made_again_when_that_code_changes(cache_home, tmp_path):
    from tm import derived
    code = tmp_path / "reader.py"
    code.write_text("VERSION = 1\n")
    build, calls = counted({"verbs": ("expire",)})
    derived("verbs-only", build, code=str(code))
    derived("verbs-only", build, code=str(code))
    assert len(calls) == 1
    code.write_text("VERSION = 2\n")
    import tm.text.cedict
    tm.text.cedict._code_digest.cache_clear()       # a new process reads the file again
    derived("verbs-only", build, code=str(code))
    assert len(calls) == 2
