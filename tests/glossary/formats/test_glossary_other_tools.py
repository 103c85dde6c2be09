"""Glossaries from other CAT tools: their headers and fields read as they mean them."""

import pytest

from glossary.errors import InputError
from glossary.formats.tabular import read_tabular


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("header, row, tag", [
    ("Source (en-US),Target (zh-CN)", "computing power,算力", None),
    ("Source (zh-Hans),Target (en)", "算力,computing power", "zh-Hans"),
    ("Term (en),Term (zh-TW)", "software,軟體", "zh-TW"),
    ("Term (zh),Term (en),Notes", "算力,computing power,", None),
    ("English [en-GB],Chinese [zh-Hant]", "software,軟體", "zh-Hant"),
])
def test_side_or_language_names_with_a_bracketed_tag_are_the_glossarys_columns(tmp_path, header, row, tag):
    """`Source (en-US)` / `Target (zh-CN)` were refused: 'the first row ... reads as a
    header of unknown column names'."""
    [entry] = read_tabular(write(tmp_path, "g.csv", f"{header}\n{row}\n"))
    zh = "算力" if "算力" in row else "軟體"
    assert (entry.zh, entry.approved, entry.zh_lang) == (zh, ["computing power" if zh == "算力" else "software"],
                                                         tag)


def test_a_bracketed_tag_of_another_language_is_still_refused(tmp_path):
    with pytest.raises(InputError, match=r"g\.csv:1: the header must name exactly one en column"):
        read_tabular(write(tmp_path, "g.csv", "Source (de-DE),Target (zh-CN)\nRechenleistung,算力\n"))
