"""The TMX reader's short cuts give what the plain reading gives: the per-tag cache
(tm.formats.tmx._tag), a variant's language read from its first attribute, and the blank
test of tm.formats.common.skip_reason (no copy of the text): blank is what strip() empties."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tm.formats import tmx as T
from tm.formats.common import skip_reason, zh_preference
from tm.formats.tmx import read_tmx
from tm.models import Skipped
from tm.text.lang import normalise_tag, side

TAGS = [None, "", " ", "*all*", "zh-CN", "ZH-CN", "zh_cn", "zh", "zh-Hans", "zh-Hant-TW", "ZH-HK",
        "cmn", "yue", "en", "EN-US", "en_gb", "En-Latn-US", "fr", "x-unknown", "zh--CN", " zh-TW "]


@pytest.mark.parametrize("tag", TAGS)
def test_the_tag_cache_answers_as_the_functions_it_stands_for(tag):
    for _ in range(2):          # first made, then from the cache
        norm, which, source, pref = T._tag(tag)
        assert norm == normalise_tag(tag)
        assert which == side(tag)
        assert source == side(normalise_tag(tag))
        assert pref == (zh_preference(tag) if side(tag) == "zh" else None)


def test_the_tag_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(T, "_TAGS", {})
    monkeypatch.setattr(T, "_TAGS_MAX", 4)
    for i in range(20):
        assert T._tag(f"zh-X{i}")[0] == f"zh-x{i}"
        assert len(T._TAGS) <= 4


def _tmx(tuvs: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
            f'<tu>{tuvs}</tu>\n</body></tmx>\n').encode("utf-8")


@pytest.mark.parametrize("attrs, want", [
    ('xml:lang="zh-TW"', "zh-TW"),
    ('xml:lang="zh-TW" lang="zh-CN"', "zh-TW"),          # xml:lang first: it wins
    ('lang="zh-CN" xml:lang="zh-TW"', "zh-TW"),          # xml:lang later: it still wins
    ('xml:lang="" lang="zh-HK"', "zh-HK"),               # an empty xml:lang: lang
    ('creationid="me" lang="zh-HK"', "zh-HK"),
    ('changeid="x" xml:lang="zh-Hant"', "zh-Hant"),
])
def test_a_variant_language_is_xml_lang_else_lang_wherever_the_attribute_stands(attrs, want):
    data = _tmx(f'<tuv xml:lang="en"><seg>Open the file</seg></tuv><tuv {attrs}><seg>打开文件</seg></tuv>')
    [unit] = read_tmx(io.BytesIO(data), name="t.tmx", skipped=Skipped())
    assert unit.zh_lang == want


_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u3000\u200b\ufeff"
_TEXT = st.text(alphabet=st.sampled_from(list(_SPACES) + list("aZ中文\U00100005")), max_size=6)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT)
def test_a_side_is_blank_exactly_when_strip_leaves_nothing(text):
    # the other side is plain text, so the only reason skip_reason can give is the blank one
    assert (skip_reason(text, "Open the file", "en") == "untranslated: the Chinese side is empty") \
        == (not text.strip())
    assert (skip_reason("打开文件", text, "zh") == "untranslated: the English side is empty") \
        == (not text.strip())
