"""Pinyin with tone marks for terms, with heteronyms resolved in context.

pypinyin picks a reading per phrase from its own dictionary; a few phrases of
policy and technical prose get the wrong reading there (可重构 as kě zhòng gòu,
千行百业 as qiān xíng bǎi yè).  ``PHRASES`` is a short table of general
vocabulary that fixes them; it is loaded into pypinyin once, on first use.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, load_phrases_dict, pinyin

# General policy/technical vocabulary whose reading pypinyin gets wrong.
# One list of syllables per phrase; each is CC-CEDICT's reading of the phrase or of its
# CC-CEDICT words (tests/glossary/test_pinyin_table.py checks it).
PHRASES: dict[str, str] = {
    "重构": "chóng gòu",
    "重建": "chóng jiàn",
    "重启": "chóng qǐ",
    "重塑": "chóng sù",
    "重组": "chóng zǔ",
    "重叠": "chóng dié",
    "重复": "chóng fù",
    "重新": "chóng xīn",
    "重申": "chóng shēn",
    "千行百业": "qiān háng bǎi yè",
    "各行各业": "gè háng gè yè",
    "行业": "háng yè",
    "行长": "háng zhǎng",
    "银行": "yín háng",
    "长三角": "cháng sān jiǎo",
    "长江": "cháng jiāng",
    "长效": "cháng xiào",
    "供给侧": "gōng jǐ cè",
    "调研": "diào yán",
    "数据": "shù jù",
    "数字": "shù zì",
    "单位": "dān wèi",
    "转化": "zhuǎn huà",
}

_QUOTES = " \t\u3000“”‘’「」『』《》〈〉\"'、，。；：！？"


@lru_cache(maxsize=1)
def _load() -> bool:
    load_phrases_dict({k: [[s] for s in v.split()] for k, v in PHRASES.items()})
    return True


@lru_cache(maxsize=65536)
def term_pinyin(zh: str) -> str:
    """Tone-marked pinyin of a term, syllables separated by spaces.

    Characters that are not Chinese are kept as they are (``AI+信创`` gives
    ``AI+ xìn chuàng``); punctuation-only runs are dropped.

    >>> term_pinyin("可重构")
    'kě chóng gòu'
    """
    _load()
    out = []
    for item in pinyin(zh, style=Style.TONE, errors="default"):
        text = item[0].strip(_QUOTES)
        if text:
            out.append(text)
    return " ".join(out)


def plain(syllables: str) -> str:
    """Pinyin without tone marks, lower case: ``kāng yǎng`` -> ``kang yang``."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", syllables)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ü", "v").lower()
