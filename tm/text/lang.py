"""Languages of text and of language tags: which side of a zh/en pair a tag or a
column of text is, and BCP 47 normalisation.

* :func:`normalise_tag` writes a tag the way BCP 47 spells it (``zh_cn`` →
  ``zh-CN``, ``ZH-HANT-tw`` → ``zh-Hant-TW``, ``en_us`` → ``en-US``);
  :func:`side` says whether it is Chinese (``zh``, ``cmn``, ISO 639-2's ``zho``/``chi``,
  any script or region) or English (``en``, ``eng``).
* :func:`classify` looks at the letters of one segment: ``zh`` (Han, no Latin),
  ``en`` (Latin, no Han), ``mixed`` (both), ``other`` (kana, hangul, or only
  letters of another script) or None (no letters: numbers, codes, punctuation).
  Latin-script languages are not told apart: their declared tags decide.
* :func:`column_language` reads the header cell of a table column the way people write
  it (``zh-CN``, ``Chinese``, ``中文``, ``English``, ``英文``, ``Source``, ``原文``,
  ``译文``, ``Source (en-US)``, ``Target (zh-CN)``…): the one vocabulary of the
  TSV/CSV/.xlsx readers of both tools; :func:`column_tag` and :func:`column_side` the tag
  and the side such a cell gives.
* :class:`Evidence` collects the classes of one column (or one side of a
  file) with the first line of each, so a reader can say "declared zh-CN but
  line 12 reads as English: 'Open file'".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tm.text.zh import has_han

# kana letters (the Hiragana and Katakana blocks' assigned letters and iteration marks):
# not the katakana middle dot ・ and the prolonged sound mark ー, which Chinese text typed
# with a Japanese input method may hold (列奥纳多・达・芬奇), nor the blocks' unassigned points
_KANA = re.compile("[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_ASCII_LETTER = re.compile("[A-Za-z]")
# letters of scripts that are neither Chinese nor English; accented Latin letters with no
# ASCII letter beside them are not English either (and are what UTF-8 Chinese read as
# Latin-1 or Windows-1252 looks like: 支持 -> æ\x94¯æ\x8c\x81)
_OTHER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff"
                    "\u0700-\u08ff\u0900-\u0dff\u0e00-\u0eff\u10a0-\u10ff\u1200-\u137f]")

# ISO 639-1 and the macrolanguage's members (BCP 47), and ISO 639-2's three letters, which
# some tools write in TMX and XLIFF files (zho, chi; eng): their units were skipped as having
# no Chinese or no English variant
ZH_PRIMARY = frozenset({"zh", "zho", "chi", "cmn", "yue", "wuu", "lzh", "hak", "nan", "gan"})
EN_PRIMARY = frozenset({"en", "eng"})


@lru_cache(maxsize=512)
def normalise_tag(tag: str | None) -> str | None:
    """A language tag in BCP 47 case and separators; None for an empty or ``*all*`` tag."""
    if not tag:
        return None
    raw = tag.strip().replace("_", "-")
    if not raw or raw.startswith("*"):
        return None
    parts = [p for p in raw.split("-") if p]
    if not parts:
        return None
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())          # script: Hans, Hant, Latn
        elif (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()):
            out.append(p.upper())          # region: CN, TW, 419
        else:
            out.append(p.lower())
    return "-".join(out)


@lru_cache(maxsize=512)
def side(tag: str | None) -> str | None:
    """``"zh"`` for a Chinese tag, ``"en"`` for an English one, else None."""
    norm = normalise_tag(tag)
    if not norm:
        return None
    primary = norm.split("-", 1)[0]
    if primary in ZH_PRIMARY:
        return "zh"
    if primary in EN_PRIMARY:
        return "en"
    return None


@lru_cache(maxsize=512)
def is_traditional(tag: str | None) -> bool:
    """Does the tag name Traditional Chinese (zh-Hant…, zh-TW, zh-HK, zh-MO)?"""
    norm = normalise_tag(tag) or ""
    parts = norm.split("-")
    if side(norm) != "zh":
        return False
    if "Hant" in parts:
        return True
    if "Hans" in parts:
        return False
    return any(p in ("TW", "HK", "MO") for p in parts[1:])


def classify(text: str) -> str | None:
    """The language a segment's letters show: ``zh`` (Han, no Latin letter), ``en``
    (Latin letters, no Han), ``mixed`` (both: Chinese with English words, or
    English quoting Chinese), ``other`` (kana, hangul, or only letters of another
    script: Cyrillic, Greek, Arabic…, or accented Latin letters without an ASCII one) or
    None (no letters: numbers, codes)."""
    han = has_han(text)
    latin = _ASCII_LETTER.search(text) is not None
    if not latin and (_KANA.search(text) or _HANGUL.search(text)):
        return "other"
    if han:
        return "mixed" if latin else "zh"
    if latin:
        return "en"        # Latin script: English, or another Latin-script language the
                           # declared tags must tell apart (letters alone cannot)
    if _OTHER.search(text):
        return "other"
    return None


def sample(text: str, width: int = 40) -> str:
    """A short quote of ``text`` for an error message."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[:width - 1] + "…"


@dataclass
class Evidence:
    """The classes of the segments of one column / one side of a file."""

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    han: int = 0        # segments with a Chinese character, whatever their class

    def add(self, text: str, line: int | None) -> str | None:
        kind = classify(text)
        if kind in ("zh", "mixed") or (kind == "other" and has_han(text)):
            self.han += 1
        if kind is not None:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if kind not in self.first:
                self.first[kind] = (line, sample(text))
        return kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def majority(self) -> str | None:
        """The language most segments show (None: no letters at all)."""
        if not self.counts:
            return None
        return max(sorted(self.counts), key=lambda k: self.counts[k])

    def share(self, kind: str) -> float:
        return self.counts.get(kind, 0) / self.total if self.total else 0.0

    def describe(self, kind: str) -> str:
        line, text = self.first.get(kind, (None, ""))
        where = f"line {line}: " if line else ""
        return f"{where}{text!r}"


ORIENT_ROWS = 200      # units (rows) a reader looks at to tell which of source/target is Chinese


def source_side(source: Evidence, target: Evidence) -> str | None:
    """Which side a file that declares no languages translates from, told from the text of
    its source and target segments: ``"zh"`` when most sources read as Chinese (Han, with or
    without Latin words) and most targets as English, ``"en"`` the other way round, None when
    the text does not say (both sides alike, another script, no letters). The one rule for
    TSV/CSV ``source``/``target`` columns and XLIFF files without language attributes."""
    a, b = source.majority(), target.majority()
    chinese = ("zh", "mixed")
    if a in chinese and b == "en":
        return "zh"
    if a == "en" and b in chinese:
        return "en"
    return None


#: Header cells naming a column's language or its side, after :func:`_header_key` (lower
#: case, ``_``/``-``/spaces as one space). A language tag (``zh-CN``, ``en_US``, ``ZH``)
#: names its language too (:func:`side`).
COLUMN_NAMES = {
    "zh": frozenset({"chinese", "中文", "汉语", "简体中文", "繁体中文", "繁體中文", "chinese term",
                     "中文术语", "中文名称", "term zh", "zh term"}),
    "en": frozenset({"english", "英文", "英语", "english term", "英文术语", "英文名称", "英文译法",
                     "英文译名", "英文翻译", "term en", "en term"}),
    # the two sides of a translation, in either direction: which is Chinese is told from the text
    "source": frozenset({"source", "原文", "源文", "术语", "term", "source term", "source text"}),
    "target": frozenset({"target", "译文", "翻译", "译法", "译名", "target term", "target text",
                         "translation"}),
}


def _header_key(cell: str) -> str:
    return " ".join(cell.strip().lstrip("\ufeff").lower().replace("_", " ").replace("-", " ").split())


@lru_cache(maxsize=512)
def column_language(cell: str) -> str | None:
    """What a table's header cell names: ``"zh"`` or ``"en"`` (a language tag or a name of
    the language, :data:`COLUMN_NAMES`), ``"source"`` or ``"target"`` (a side of the
    translation, its language to be told from the text), else None."""
    key = _header_key(cell)
    for what, names in COLUMN_NAMES.items():
        if key in names:
            return what
    named = _qualified_name(key)
    if named:
        return named
    raw = cell.strip().lstrip("\ufeff")
    if _COLUMN_TAG.fullmatch(raw):
        return side(raw)
    tagged = _tagged_name(raw)
    return side(tagged[1]) if tagged else None


def column_tag(cell: str) -> str | None:
    """The language tag a table's header cell gives (BCP 47): the cell itself when it is a tag
    (``zh-TW``), or the tag in brackets after a side's or a language's name (``Target
    (zh-TW)``, ``Source (en-US)``, ``Chinese (zh-Hant)``); None when it gives none."""
    raw = cell.strip().lstrip("\ufeff")
    if _COLUMN_TAG.fullmatch(raw):
        return normalise_tag(raw)
    tagged = _tagged_name(raw)
    return tagged[1] if tagged else None


def column_side(cell: str) -> str | None:
    """``"source"`` or ``"target"`` when a header cell names the side of the translation *and*
    its language (``Source (en-US)``, ``Target (zh-CN)``, ``原文（zh-CN）``): the file then says
    which language it translates from. None otherwise (a bare side names no language, a bare
    language or tag no side)."""
    raw = cell.strip().lstrip("\ufeff")
    tagged = _tagged_name(raw)
    if not tagged or tagged[0] not in ("source", "target"):
        return None
    name = _header_key(_TAGGED_NAME.fullmatch(raw).group("name"))
    return None if name in _NOT_A_SIDE else tagged[0]


#: Names of a term column that say no direction (``Term (en)``, ``Term (zh)``: a glossary's
#: two languages, neither of them its source).
_NOT_A_SIDE = frozenset({"term", "术语"})


#: A name followed by a language tag in brackets, as CAT tools and spreadsheets head their
#: columns: ``Source (en-US)``, ``Target (zh-CN)``, ``Term (en)``, ``Chinese [zh-Hans]``,
#: ``译文（zh-CN）``.
_TAGGED_NAME = re.compile(r"(?P<name>[^()（）\[\]]*?)\s*[(（\[]\s*"
                          r"(?P<tag>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3})\s*[)）\]]")


@lru_cache(maxsize=512)
def _tagged_name(raw: str) -> tuple[str, str] | None:
    """``(what the name says, the tag)`` of a header cell that is a side's or a language's name
    (:data:`COLUMN_NAMES`) followed by a Chinese or English tag in brackets (``Source (en-US)``
    → ``("source", "en-US")``), else None: another name (``Notes (en)`` is a field of the
    language), a tag of another language (``Source (de-DE)``), or a language name that
    contradicts its tag (``English (zh-CN)``)."""
    m = _TAGGED_NAME.fullmatch(raw)
    if m is None:
        return None
    tag = normalise_tag(m.group("tag"))
    lang = side(tag)
    key = _header_key(m.group("name"))
    named = next((what for what, names in COLUMN_NAMES.items() if key in names), None)
    if lang is None or named is None or (named in ("zh", "en") and named != lang):
        return None
    return named, tag


#: A header cell that is a language tag: language, then optionally a script and a region
#: (``zh``, ``zh-CN``, ``zh_Hans``, ``zh-Hans-CN``, ``ZH-TW``, ``en-US``, ``cmn-Hans``), the
#: forms CAT tools name columns with. Not a tag with anything after it: ``zh_cn_Note``,
#: ``en_Definition``, ``zh_cn_Status`` (Phrase's per-language field columns) are fields of
#: the language, not its terms.
_COLUMN_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_](?:Hans|Hant|Latn|hans|hant|latn|HANS|HANT|LATN))?"
                         r"(?:[-_](?:[A-Za-z]{2}|\d{3}))?")

#: A language's name with the variety CAT tools add, before or after it, in brackets or not:
#: ``Chinese (Simplified)``, ``Chinese_PRC`` (memoQ), ``Simplified Chinese``, ``中文（简体）``,
#: ``English (United States)``, ``English_United_States`` (memoQ), ``US English``, ``英语（美国）``.
#: A name followed by anything else (``Chinese_PRC_Def``, ``English definition``) is a field
#: of that language.
_LANGUAGE_WORDS = {"zh": ("chinese", "中文", "汉语", "漢語", "華語", "华语"),
                   "en": ("english", "英文", "英语", "英語")}
_VARIETIES = {
    "zh": frozenset({"simplified", "traditional", "prc", "china", "mainland", "mainland china",
                     "people's republic of china", "taiwan", "hong kong", "hong kong s.a.r.",
                     "hong kong sar", "macau", "macao", "macao s.a.r.", "macau s.a.r.", "singapore",
                     "mandarin", "hans", "hant", "cn", "tw", "hk", "sg", "mo",
                     "简体", "繁体", "繁體", "中国", "中國", "大陆", "中国大陆", "台湾", "台灣", "香港", "澳门",
                     "澳門", "新加坡"}),
    "en": frozenset({"united states", "united kingdom", "us", "uk", "usa", "gb", "great britain",
                     "britain", "american", "british", "australia", "canada", "ireland",
                     "new zealand", "international", "india", "singapore", "south africa",
                     "美国", "美國", "英国", "英國"}),
}


#: Words of a Chinese language name that say its variety, and the tag they stand for.
_ZH_VARIETY_TAGS = (("taiwan", "zh-TW"), ("hong kong", "zh-HK"), ("macao", "zh-MO"),
                    ("macau", "zh-MO"), ("traditional", "zh-Hant"), ("台湾", "zh-TW"),
                    ("臺灣", "zh-TW"), ("台灣", "zh-TW"), ("香港", "zh-HK"), ("澳门", "zh-MO"),
                    ("澳門", "zh-MO"), ("繁体", "zh-Hant"), ("繁體", "zh-Hant"))


def zh_variety_tag(name: str) -> str | None:
    """The tag a Chinese language *name* stands for when it names a Traditional variety
    (``Chinese (Taiwan)``, memoQ's ``Chinese_Taiwan``, ``繁體中文`` → ``zh-TW``, ``zh-Hant``),
    else None (Simplified, or the name says nothing: the memory's default)."""
    lowered = name.lower().replace("_", " ")
    return next((tag for word, tag in _ZH_VARIETY_TAGS if word in lowered), None)


def _qualified_name(key: str) -> str | None:
    """``zh``/``en`` for a header key (:func:`_header_key`) that is a language's name with its
    variety (:data:`_VARIETIES`), else None."""
    plain = re.sub(r"[()（）\[\]【】,，]", " ", key)
    plain = " ".join(plain.split())
    for what, words in _LANGUAGE_WORDS.items():
        for word in words:
            if plain.startswith(word):
                rest = plain[len(word):].strip()
            elif plain.endswith(word):
                rest = plain[:-len(word)].strip()
            else:
                continue
            if rest and rest in _VARIETIES[what]:
                return what
    return None


_NAMES = {"zh": "Chinese", "en": "English", "other": "neither Chinese nor English",
          "mixed": "Chinese and English"}


def language_name(kind: str | None) -> str:
    return _NAMES.get(kind or "", "no letters")
