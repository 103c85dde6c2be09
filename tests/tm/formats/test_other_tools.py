"""Files from other CAT tools: what they say is read as they mean it, and what the memory
writes back carries only what is known."""

from __future__ import annotations

import io

import pytest

from tm.formats.common import read_units


# --------------------------------------------------------------------------- headers with a tag

@pytest.mark.parametrize("cell, language, tag, said", [
    ("Source (en-US)", "en", "en-US", "source"),
    ("Target (zh-CN)", "zh", "zh-CN", "target"),
    ("Source (zh-Hans)", "zh", "zh-Hans", "source"),
    ("Term (en)", "en", "en", None),                # a glossary's term column: no direction
    ("Term [zh_TW]", "zh", "zh-TW", None),
    ("Chinese (zh-Hant)", "zh", "zh-Hant", None),
    ("译文（zh-CN）", "zh", "zh-CN", "target"),
    ("Translation (en-GB)", "en", "en-GB", "target"),
    ("English (zh-CN)", None, None, None),          # a name its tag contradicts
    ("Source (de-DE)", None, None, None),           # neither Chinese nor English
    ("Notes (en)", None, None, None),               # a field of the language, not its terms
])
def test_a_side_or_language_name_with_a_bracketed_tag_names_the_columns_language(cell, language, tag, said):
    """`Source (en-US)` / `Target (zh-CN)` (Smartcat, Phrase, Excel exports of Trados and
    memoQ term lists) were no column names the readers knew: the files were refused."""
    from tm.text.lang import column_language, column_side, column_tag
    assert (column_language(cell), column_tag(cell), column_side(cell)) == (language, tag, said)


@pytest.mark.parametrize("header, row, srclang, zh_lang, en_lang", [
    ("Source (en-US)\tTarget (zh-CN)", "Open file\t打开文件", "en-US", None, "en-US"),
    ("Source (zh-Hans)\tTarget (en)", "打开文件\tOpen file", "zh-Hans", "zh-Hans", None),
    ("Target (zh-TW)\tSource (en)", "打開檔案\tOpen file", "en", "zh-TW", None),
    ("Term (en)\tTerm (zh-CN)", "Open file\t打开文件", None, None, None),
])
def test_memory_tsv_with_tagged_side_headers_is_read_with_its_direction_and_tags(header, row, srclang,
                                                                                  zh_lang, en_lang):
    [unit] = read_units(io.BytesIO(f"{header}\n{row}\n".encode()), name="m.tsv")
    assert (unit.zh, unit.en) == ("打开文件" if "打开" in row else "打開檔案", "Open file")
    assert (unit.srclang, unit.zh_lang, unit.en_lang) == (srclang, zh_lang, en_lang)


def test_memory_csv_with_tagged_side_headers_is_read():
    [unit] = read_units(io.BytesIO("Source (en-US),Target (zh-CN),Notes\nSave,保存,menu\n".encode()),
                        name="m.csv")
    assert (unit.zh, unit.en, unit.srclang, unit.props) == ("保存", "Save", "en-US", {"Notes": "menu"})
