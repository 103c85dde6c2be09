"""Termhood from corpus statistics: evidence that holds on any document.

Structural cues (quotes, brackets, enumerations) find many terms but not the
plain ones a technical text simply repeats (容器, 工作负载资源, Pod 模板).
:func:`corpus_terms` reads the whole memory at once and proposes word
sequences by general evidence only:

* **Unit of text**: jieba words for Chinese, whole Latin tokens (Pod, RISC-V,
  kube-scheduler) kept as one word, so mixed terms (Pod 模板, 静态 Pod, API 服务器)
  are sequences like any other.
* **Shape**: sequences of content words inside a clause (no punctuation, digits,
  function words or framing verbs), ending in a noun-like word (part-of-speech
  pattern).
* **C-value** (Frantzi, Ananiadou & Mima 2000): frequency of the sequence less the
  mean frequency of the longer candidates it sits in, weighted by length; a
  sequence only ever seen inside one longer sequence scores nothing.
* **Accessor variety** (Feng et al. 2004): distinct words (or clause edges) seen
  left and right of the sequence; a fixed unit is entered and left in varied ways.
* **Domain specificity**: a single word's relative frequency in the memory against
  its relative frequency in jieba's dictionary (a general-language background).
* **Latin names in Chinese text** (GPU, RISC-V, StatefulSet, kubelet): a name the
  translator kept in Latin letters; a lower-case word of ordinary English vocabulary
  (CC-CEDICT's glosses: with, name, path) or an English function word (There, No) is a
  code keyword or an untranslated fragment, never a name.

Nothing here names a term of any document; every threshold is a keyword argument.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from tm import HAN, STOP_WORDS, english_vocabulary

from glossary.extract.en import LATIN
from glossary.extract.lexicon import linking_word, modal_word, noun_sense
from glossary.extract.zh import ANAPHORIC, TERM_ENTRY

_TOKEN = re.compile(rf"{LATIN.pattern}|[{HAN}]+|\s+|.", re.S)
_HAN = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")
# A word joined from capitalised parts (PodDisruptionBudget, StatefulSet): a name coined for
# the domain (a type, a resource), never an ordinary word.
CAMEL = re.compile(r"[a-z][A-Z]")
# A Latin gloss in brackets right after Chinese: 并置（colocated）, 图形处理器（GPU）.
_GLOSS = re.compile(rf"(?<=[{HAN}])\s*[（(][A-Za-z][A-Za-z0-9 +\-./]*[）)]")
# Parts of speech that never belong to a term (jieba's tag set): particles,
# prepositions, conjunctions, adverbs, pronouns, numerals, measure words,
# locatives, interjections, punctuation.
FUNCTION_POS = ("u", "p", "c", "d", "r", "m", "q", "f", "y", "e", "o", "w", "x", "t", "z", "k", "h")
# Parts of speech of the Chinese words beside a Latin name in a mixed term (common and other
# nouns, bound noun morphemes, nominal adjectives: 安全 "security", abbreviations, idioms).
NAMING_POS = frozenset({"n", "nz", "ng", "an", "j", "l"})
# Parts of speech a term may end in: nouns, verbal nouns, names, abbreviations, Latin.
HEAD_POS = ("n", "vn", "eng", "j", "l", "ng", "nz", "nt", "ns", "nr")


# Parts of speech of a word a preceding word modifies (nouns, verbal nouns, names, Latin).
MODIFIED_POS = ("n", "vn", "j", "l", "eng")
# Parts of speech a term may start with (no verbs but verbal nouns, no determiners, and
# no non-predicate adjectives, jieba's "b": 所有, 单个, 同一 count things rather than name
# them; 公共, 临时性 are "b" too, and phrases they start are left to the structural cues).
FIRST_POS = frozenset({"n", "vn", "eng", "j", "l", "a", "an", "nz", "nt", "ns", "nr", "nrt", "ng"})
# Parts of speech of the words inside a longer sequence (no adverbs; a verb not first: 容器运行时).
INNER_POS = FIRST_POS | {"v"}


def _specific(word: str, seg, total_words: int, word_freq, bg_total: int) -> float:
    """log ratio of the word's relative frequency in the memory to the background's; Latin: high."""
    if word.isascii():
        return 99.0
    return math.log(max(word_freq[word], 1) / max(total_words, 1) / ((seg.frequency(word) + 1) / bg_total))


# What a unit of measure follows: a number, touching or after one space, or the micro sign.
_UNIT_AFTER_NUMBER = re.compile(r"(?:[0-9０-９](?: ?[μµ]| ?)|[μµ]|(?<=[A-Za-z])·)\Z")
# English prose a Chinese text quotes (a reference's title, a sentence left in English): four
# or more Latin words in a row, apart only by spaces and English punctuation, one of them a
# lower-case word (a title's "of" too: Annual Review of Plant Physiology).
_ENGLISH_PROSE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ ,.:;'’-]+[A-Za-z][A-Za-z'’]*){3,}")
_PROSE_WORD = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
# An English phrase in lower case (a standard's term entry writes 数据资产 data asset, the
# equivalent after the Chinese term): two or more words apart only by spaces, every one an
# ordinary English word (CC-CEDICT's glosses use it); a name is capitalised or coined.
_LOWER_PHRASE = re.compile(r"(?<![A-Za-z0-9_.-])[a-z]+(?: [a-z]+)+(?![A-Za-z0-9_.-])")


@dataclass(frozen=True)
class Tok:
    text: str
    pos: str
    start: int
    end: int


@dataclass
class CorpusTerm:
    """A sequence proposed by corpus statistics."""

    surface: str                       # most frequent written form (spacing kept)
    key: str                           # the form without spaces
    words: int
    freq: int
    cvalue: float
    left: int                          # accessor variety
    right: int
    specificity: float                 # log ratio of memory to background frequency
    strength: float                    # the termhood evidence, 0..~3
    kind: str                          # "latin" | "mixed" | "sequence" | "word"
    mentions: list[tuple[int, int]] = field(default_factory=list)    # (unit index, start)


RARE_MODIFIER = 500   # jieba's count under which a non-predicate adjective (b) is a field's word (额定 99)


def tokens(text: str, seg) -> list[Tok]:
    """jieba words for Chinese, whole Latin tokens, single other characters; spaces dropped.

    The whole text is segmented once (``seg.words`` caches it, and the structural cues
    segment the same text), Latin tokens are taken whole by a pattern."""
    out: list[Tok] = []
    glosses = [(g.start(), g.end()) for g in _GLOSS.finditer(text)]
    entry = TERM_ENTRY.match(text)
    if entry:    # a standard's entry (3.1　传导充电　conductive charging): its English equivalent glosses the term
        glosses.append(entry.span(2))
    quoted = [(g.start(), g.end()) for g in _ENGLISH_PROSE.finditer(text) if _PROSE_WORD.search(g.group())]
    quoted += [(g.start(), g.end()) for g in _LOWER_PHRASE.finditer(text)
               if all(w in english_vocabulary() for w in g.group().split())]
    for m in _TOKEN.finditer(text):
        s = m.group()
        if s.isspace() or _HAN.match(s):
            continue
        if s[0].isascii() and s[0].isalpha():
            before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
            code = bool(re.match(r"[._/:=@\\-]", after) or re.match(r"[._/:=@<\\-]", before))
            gloss = any(a <= m.start() < b for a, b in glosses)
            # a unit of measure after its number (3V, 30GWh, 25 MB, μmol), a word of English
            # prose the Chinese quotes (a reference's title): no name of the document's
            unit = _UNIT_AFTER_NUMBER.search(text[max(0, m.start() - 3):m.start()]) is not None
            prose = any(a <= m.start() < b for a, b in quoted)
            # an item's label at the start of a unit (S1、将…, A. …, B）…: a claim's steps, a
            # checklist's items) numbers the item as 1、 does, and names nothing: one letter and
            # at most two digits (GPU、CPU… is an enumeration's first item, H100 a product)
            label = not text[:m.start()].strip() and re.match(r"[、．.）)]", after) is not None \
                and re.fullmatch(r"[A-Za-z][0-9]{0,2}", s) is not None
            pos = "xcode" if code and not gloss else "xlabel" if label else "x" if gloss or unit or prose else "eng"
            out.append(Tok(s, pos, m.start(), m.end()))
        else:
            out.append(Tok(s, "x", m.start(), m.end()))
    for w in seg.words(text):
        if _HAN.match(w.text) and _HAN.match(w.text[-1]):
            pos = w.pos
            if pos == "b" and seg.frequency(w.text) < RARE_MODIFIER:
                pos = "a"     # 额定 "rated", 临时性: a non-predicate adjective of a field's vocabulary
            elif len(w.text) >= 2 and pos.startswith(("d", "p", "c", "r", "u")) and not seg.frequency(w.text):
                pos = "n"     # 急停 "emergency stop": a word jieba's dictionary lacks is of an open class
                              # (its closed classes are all listed), whatever part of speech its HMM guessed
            out.append(Tok(w.text, pos, w.start, w.start + len(w.text)))
        elif _HAN.search(w.text):
            # a word of jieba's dictionary mixing scripts (IP地址, SIM卡, C语言): its Latin part is
            # a token above, each run of Han characters a word with its own tag, as when the text
            # writes a space between them (IP 地址); the key of the sequence is the same
            for m in _HAN_RUN.finditer(w.text):
                out.append(Tok(m.group(), seg.tag(m.group()) or w.pos, w.start + m.start(), w.start + m.end()))
    out.sort(key=lambda t: t.start)
    for n in range(1, len(out)):
        # a measure word right after a noun or a verb, no numeral or demonstrative before it,
        # measures nothing: jieba's tag for a noun character it also lists as a classifier
        # (充电 | 桩 "charging pile", 桩 tagged ``q`` in one sentence, ``n`` in the next)
        if out[n].pos == "q" and _HAN.match(out[n].text) and out[n - 1].end == out[n].start \
                and out[n - 1].pos.startswith(("n", "v")) and _HAN.match(out[n - 1].text):
            out[n] = Tok(out[n].text, "n", out[n].start, out[n].end)
    return out


def _accessor(t: Tok) -> bool:
    """A neighbour that counts as itself in accessor variety: a Chinese word, not a
    structural particle (的, 之), a one-character localiser closing a place or time
    adverbial (报告期 | 内 "within the reporting period", 文件 | 中) nor punctuation, which
    only mark a phrase boundary."""
    return bool(_HAN.match(t.text)) and not t.pos.startswith("u") and not (t.pos == "f" and len(t.text) == 1)


def _boundary(t: Tok, frame: frozenset[str]) -> bool:
    if t.pos == "eng":
        return False
    if t.pos.startswith(FUNCTION_POS) or not _HAN.search(t.text) or linking_word(t.text) \
            or t.text in ANAPHORIC:
        return True           # 所述 | 阀体 "said valve body": the determiner points at the name
    return t.text in frame and len(t.text) <= 2 and t.pos.startswith(("v", "d", "p", "c", "a"))


def _runs(toks: list[Tok], frame) -> list[list[Tok]]:
    runs: list[list[Tok]] = [[]]
    for t in toks:
        if _boundary(t, frame):
            if runs[-1]:
                runs.append([])
        else:
            if runs[-1] and t.start != runs[-1][-1].end and not (t.pos == "eng" or runs[-1][-1].pos == "eng"):
                runs.append([])
            runs[-1].append(t)
    return [r for r in runs if r]


def corpus_terms(texts: Sequence[str], seg, *, frame: frozenset[str] = frozenset(),
                 english_vocabulary=None, max_words: int = 6, min_freq: int = 2,
                 min_variety: int = 2, min_specificity: float = 5.5,
                 min_compound: int = 3, max_modifier_share: float = 0.85,
                 generic: frozenset[str] = frozenset(),
                 nominal_word=lambda word: True, renders_alike=None) -> dict[str, CorpusTerm]:
    """Sequences of the memory's Chinese side with corpus evidence of termhood, by key.

    ``frame`` are framing verbs that end a sequence; ``english_vocabulary(word)``
    tells whether a lower-case Latin word is ordinary English; ``generic`` are generic
    activities (建设, 应用) a term does not end in; ``nominal_word(word)`` tells whether a
    word can name a thing (a dictionary sense that is no verb's).  ``renders_alike(spans)``
    (``spans``: ``(text index, start, end)`` of each mention) tells whether the translation
    renders every mention with the same English phrase: a compound of general words seen
    one time fewer than ``min_compound`` counts when it does (translation evidence).
    """
    freq: Counter = Counter()
    surfaces: dict[str, Counter] = defaultdict(Counter)
    left: dict[str, set] = defaultdict(set)
    right: dict[str, set] = defaultdict(set)
    nwords: dict[str, int] = {}
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    word_freq: Counter = Counter()
    code: Counter = Counter()          # Latin tokens written as part of code (.spec.os.name)
    labels: Counter = Counter()        # Latin tokens numbering an item (S1、, A.)
    firsts: dict[str, str] = {}
    parts: dict[str, tuple[str, ...]] = {}
    posses: dict[str, tuple[str, ...]] = {}
    edge = 0
    modifier: Counter = Counter()
    run_goes_on: Counter = Counter()     # mentions a content word of the same run follows
    loose: set[str] = set()              # mixed sequences seen once kept for their words' kinds alone
    compounds: dict[str, set[tuple]] = defaultdict(set)    # Latin name -> the nouns after it
    total_words = 0
    for ui, text in enumerate(texts):
        toks = tokens(text, seg)
        total_words += sum(1 for t in toks if not t.pos.startswith("x"))
        code.update(t.text for t in toks if t.pos == "xcode")
        labels.update(t.text for t in toks if t.pos == "xlabel")
        before = {t.start: toks[n - 1].text for n, t in enumerate(toks) if n and _accessor(toks[n - 1])}
        after = {t.end: toks[n + 1].text for n, t in enumerate(toks) if n + 1 < len(toks) and _accessor(toks[n + 1])}
        for run in _runs(toks, frame):
            for i in range(len(run)):
                for j in range(i + 1, min(len(run), i + max_words) + 1):
                    seq = run[i:j]
                    verbal = not seq[-1].pos.startswith(HEAD_POS) or seq[0].pos not in FIRST_POS
                    if verbal and not (j - i == 1 and seq[0].pos.startswith("v")) \
                            and not (2 <= j - i <= 3 and seq[-1].pos == "v" or seq[0].pos == "v"):
                        continue
                    key = "".join(t.text for t in seq)
                    if len(key) < 2 or len(key) > 24 or not (_HAN.search(key) or seq[0].pos == "eng"):
                        continue
                    if j - i == 1:
                        word_freq[key] += 1
                        if j < len(run) and run[j].pos.startswith(MODIFIED_POS):
                            modifier[key] += 1    # a noun follows in the run: it modifies it
                            if seq[0].pos == "eng":
                                nouns = []
                                for t in run[j:j + 3]:
                                    if not (_HAN.match(t.text) and (t.pos.startswith("n") or t.pos == "vn")):
                                        break
                                    nouns.append(t.text)
                                if nouns:
                                    compounds[key].add(tuple(nouns))    # DNS 子域, AI 服务器
                    freq[key] += 1
                    nwords[key] = j - i
                    firsts[key] = seq[0].pos
                    parts[key] = tuple(t.text for t in seq)
                    posses[key] = tuple(t.pos for t in seq)
                    surfaces[key][text[seq[0].start:seq[-1].end]] += 1
                    mentions[key].append((ui, seq[0].start))
                    if j < len(run):
                        run_goes_on[key] += 1
                    edge += 1
                    # the word beside the sequence, also where the run ends at a function
                    # word (和 left of 信息化局 each time is one accessor); punctuation, the
                    # unit's edges and structural particles (的) are phrase boundaries: a new
                    # accessor each time (Feng et al. count sentence boundaries so)
                    out_left = run[i - 1].text if i > 0 else before.get(seq[0].start)
                    out_right = run[j].text if j < len(run) else after.get(seq[-1].end)
                    left[key].add(f"#{edge}" if out_left is None else out_left)
                    right[key].add(f"#{edge}" if out_right is None else out_right)
    # C-value: containers of each key among the keys seen at least min_freq times.
    frequent = [k for k, f in freq.items() if f >= min_freq]
    containers: dict[str, list[str]] = defaultdict(list)
    frequent_set = set(frequent)
    for k in frequent:
        if nwords[k] < 2:
            continue
        for i in range(len(k)):
            for j in range(i + 1, len(k) + 1):
                sub = k[i:j]
                if sub != k and sub in frequent_set:
                    containers[sub].append(k)
    bg_total = seg.total_frequency()
    out: dict[str, CorpusTerm] = {}
    for k, f in freq.items():
        n = nwords[k]
        # one Latin token: a sequence of them joined by the key (Kubernetes API ->
        # "KubernetesAPI") is no CamelCase name
        latin = n == 1 and bool(LATIN.fullmatch(k))
        longer = containers.get(k, [])
        nested = sum(freq[c] for c in longer) / len(longer) if longer else 0.0
        cvalue = math.log2(n + 1) * (f - nested)
        rel = f / max(total_words, 1)
        bg = (seg.frequency(k) + 1) / bg_total
        spec = math.log(rel / bg) if n == 1 else 0.0
        av = min(len(left[k]), len(right[k]))
        if latin:
            ordinary = k.islower() and english_vocabulary is not None and english_vocabulary(k)
            if ordinary or code[k] > f or labels[k] or not k.isupper() and k.casefold() in STOP_WORDS:
                continue      # an ordinary lower-case word kept in Latin letters (with, name,
                              # path) or a function word (There, No) is a code keyword or a
                              # fragment left untranslated, not a name; and spec: once on its
                              # own, eight times in .spec.os.name and the like: a field of
                              # code, not a name of the field; a token that numbers an item
                              # (S1、…) is its label wherever else the text refers to it (步骤S1)
            kind = "latin"
            strength = 2.0 + (0.5 if CAMEL.search(k) else 0.0)
        elif n == 1:
            if f < min_freq or spec < min_specificity or av < min_variety:
                continue
            if f >= 3 and modifier[k] >= max_modifier_share * f:
                continue      # 智慧, 底层, 开源: nearly always the first part of a compound
                              # (a share of two uses is too little evidence)
            kind = "word"
            strength = min(2.0, 0.25 * (spec - min_specificity) + 0.4 * math.log2(f))
        else:
            if any(labels[w] for w in parts[k]):
                continue      # 步骤S3 "step S3": a reference to a labelled item, no name
            named = any(LATIN.fullmatch(w) and freq[w] >= min_freq for w in parts[k]) and n <= 3 \
                and all(LATIN.fullmatch(w) or p in ("n", "nz", "ng") for w, p in zip(parts[k], posses[k]))
            # seen once: a recurring Latin name beside Chinese words that can name a thing (nouns,
            # nominal adjectives, abbreviations, idioms; a verb only with a nominal CC-CEDICT sense:
            # 拓扑 "topology", 约束 "constraint", not 启动 "to start", and no noun after it: kubelet
            # 管理 | 容器 is a subject, a verb and its object), at the end of its run of content
            # words (kubelet 自动 | 尝试 is a subject and an adverb before the verb) is a sequence
            # too (Pod 安全标准, Pod 拓扑分布约束)
            once = not named and f < min_freq and _HAN.search(k) is not None and n <= 4 and not run_goes_on[k] \
                and any(LATIN.fullmatch(w) and freq[w] >= min_freq for w in parts[k]) \
                and all(LATIN.fullmatch(w) or p in NAMING_POS
                        or p in ("v", "vn") and nominal_word(w) and not (nxt or "").startswith("n")
                        for w, p, nxt in zip(parts[k], posses[k], posses[k][1:] + (None,)))
            if once:
                named = True
                loose.add(k)  # (no evidence against the name's own termhood: see below)
            if not named and (f < min_freq or cvalue < 1.0 or av < min_variety):
                continue
            compound = seg.frequency(k) == 0 and av >= min_variety and all(len(w) >= 2 for w in parts[k][:-1]) \
                and (f >= min_compound or f == min_compound - 1 and renders_alike is not None
                     and _alike(k, parts[k], posses[k], mentions[k], generic, renders_alike, nominal_word))
            if not all(p in INNER_POS for p in posses[k]):
                continue
            if firsts[k] not in FIRST_POS or not posses[k][-1].startswith(HEAD_POS):
                # a verb first or last (应用容器, 工作负载): only a repeated compound, not all
                # verbs (应用示范), whose last word is no generic activity and, if a verb, can
                # name a thing ("load" for 负载, not "to share" for 共享: 容器共享 is a subject
                # and its verb)
                last = parts[k][-1]
                if not compound or last in generic or all(p == "v" for p in posses[k]) \
                        or (posses[k][-1] == "v" and (not nominal_word(last) or seg.grammatical(last))):
                    continue  # (and not a copula or modal, 是, 会, 能: 文件 | 是 is a subject and
                              # its verb, though CC-CEDICT gives 会 "meeting" and 能 "energy")
            if not any(_specific(w, seg, total_words, word_freq, bg_total) >= min_specificity for w in parts[k]) \
                    and not compound:
                # no part is domain vocabulary; but a compound of general words repeated as a
                # unit of whole words that the general dictionary does not list (名字空间, 特权模式)
                # is; a one-character first part is often a prefix cut off a name (市 |
                # 发展改革委), a one-character last part a head noun (控制 | 面)
                continue
            if posses[k][0].startswith("v") and LATIN.fullmatch(parts[k][-1]):
                continue      # 管理 Pod, 运行 Pod: a verb (or verbal noun) and its object, a name
            kind = "mixed" if any(c.isascii() and c.isalpha() for c in k) else "sequence"
            strength = min(2.5, 0.5 * math.log2(1 + max(cvalue, 0.0)) + 0.2 * min(av, 5))
            if parts[k][-1] in generic:
                # 芯片研发, 人工智能领域: a thing and a generic activity or aspect of it (the
                # structural cues strip these words from a phrase's ends too): no evidence of
                # termhood, but still a sequence the memory repeats (研发 is a part of three)
                strength = 0.0
        surface = surfaces[k].most_common(1)[0][0]
        out[k] = CorpusTerm(surface, k, n, f, round(cvalue, 3), len(left[k]), len(right[k]), round(spec, 3),
                            round(strength, 3), kind, mentions[k])
    # A Latin name nearly always written as the first part of a compound (AI 服务器, AI 操作系统,
    # DNS 子域, seccomp 配置文件: a noun follows it in at least max_modifier_share of its uses)
    # is that compound's modifier, as a Chinese word is (above): its compounds are the terms,
    # each even when seen once, and the bare name is none.
    modifiers = [w for w, ct in list(out.items()) if ct.kind == "latin" and not CAMEL.search(w)
                 and compounds[w] and modifier[w] >= max_modifier_share * ct.freq]
    compounded: set[str] = set()
    for w in modifiers:
        for nouns in compounds[w]:
            # the name and the noun after it, or the longest run of nouns after it that is a
            # term of its own (Linux 名字空间, jieba's 名字 | 空间)
            longest = max((n for n in range(2, len(nouns) + 1) if "".join(nouns[:n]) in out), default=1)
            if longest == 1 and len(nouns[0]) < 2:
                continue
            k = w + "".join(nouns[:longest])
            compounded.add(k)
            if k in out or k not in freq:
                continue
            n = nwords[k]
            surface = surfaces[k].most_common(1)[0][0]
            out[k] = CorpusTerm(surface, k, n, freq[k], 0.0, len(left[k]), len(right[k]), 0.0,
                                out[w].strength, "mixed", mentions[k])
        del out[w]
    # C-value for Latin names too: a name mostly seen inside longer accepted sequences
    # (API in API 服务器, API 对象) is their part, not a term of its own.  Not the mixed
    # sequences seen once that only the kinds of their words keep (``loose``): overlapping
    # (PHPUnit 断言 API, 断言 API), they would count one mention of the name several times, and
    # the real units lost API (53 mentions) to them.
    inside: Counter = Counter()
    for k, ct in out.items():
        if ct.words >= 2 and k not in loose:
            for w in set(parts[k]):
                if w in out and out[w].kind == "latin":
                    inside[w] += ct.freq
    for w, n in inside.items():
        free = out[w].freq - n
        if free < 1:
            del out[w]
        elif free < out[w].freq / 2:
            out[w].strength = round(out[w].strength - 1.0, 3)
    # a name beside Chinese words seen once (Pod 联网, Linux 内核) is a free combination: it
    # counted above, against the name's own termhood, and stays a sequence with no strength
    # of its own (a composition of accepted terms written in the Chinese order in English
    # may still make it one: 镜像 Pod "mirror Pod"; so may a rendering as one English
    # compound: Pod 安全标准 "Pod security standards", the extractor's ``_one_compound``);
    # names beside names seen once go
    kept = {}
    for k, ct in out.items():
        if ct.freq < min_freq and ct.words > 1 and k not in compounded:
            if not _HAN.search(k):
                continue
            ct.strength = 0.0
        kept[k] = ct
    return kept


def _alike(key: str, parts: tuple[str, ...], posses: tuple[str, ...], mentions, generic, renders_alike,
           nominal_word=lambda word: True) -> bool:
    """A compound of general words seen too few times to count as a unit by repetition alone
    (安全伦理 twice) is one when the translation renders each mention with the same English
    phrase ("safety ethics" both times): the translator read it as one concept.  Not one that
    starts or ends in a generic activity (发展环境, 应用技术: the structural cues trim those
    words from a phrase's ends too), nor one with Latin letters, and only a noun phrase's
    shape, no verb at either end: two mentions of a verb and its object or of a subject and
    its verb (保存脚本 "Save Script", 脚本来 "script") are as often rendered alike.  A first
    word jieba tags a verb counts as a modifier when CC-CEDICT gives it a sense that is no
    verb's (``nominal_word``: 伺服 "servo", 签名 "signature" in 伺服驱动器 "servo drives",
    签名字符串 "string to sign"; 保存 "to save" has none)."""
    if not _noun_phrase(parts, posses, generic, nominal_word):
        return False
    return renders_alike([(ui, start, start + len(key)) for ui, start in mentions])


def _noun_phrase(parts: tuple[str, ...], posses: tuple[str, ...], generic, nominal_word) -> bool:
    """``_alike``'s shape: Chinese words only, no generic activity at either end, a noun
    phrase's first word (or a verb with a sense that is no verb's) and last word (or a verb
    CC-CEDICT lists with a noun's sense)."""
    first = posses[0] in FIRST_POS or posses[0] == "v" and nominal_word(parts[0])
    return not (parts[0] in generic or parts[-1] in generic or not all(_HAN.match(w) for w in parts)
                or not first or not (posses[-1].startswith(HEAD_POS) or posses[-1] == "v" and noun_sense(parts[-1])))


def repeatable_compound(key: str, seg, *, generic=frozenset(), nominal_word=lambda word: True) -> bool:
    """``key`` has the shape in which :func:`corpus_terms` counts a compound of general words
    seen twice as a unit when the translation renders it alike (``_alike``): two words or
    more, each but the last of two characters or more, the whole no word of jieba's
    dictionary, every word one a term holds inside (``INNER_POS``), a noun phrase's ends.  A
    first word jieba tags an adverb (``d``, or ``ad``, an adjective used as one) before a noun or
    a verbal noun is that noun's modifier, an adjective: an adverb modifies a predicate, never
    a noun, and jieba gives the tag to words general language uses both ways (初步 | 评审
    "preliminary examination", 详细 | 评审 "detailed evaluation", 定时 | 键 "timer button");
    the translation's one English compound for every mention decides (the extractor's
    ``_rendered_alike``).  Not a sequence that holds a verb and its object: a verb (jieba's
    ``v``) inside (重新 | 验证 | 标签 "redo tag validation"), or first before two words or more
    (重写 | 编码 | 声明 "rewrite encoding declaration"; a verb right before the head noun is its
    modifier, 脱水 | 污泥 "dewatered sludge"); nor one ending in a modal verb (语种代码 | 应
    "language code should": ``modal_word``), which says how a predicate holds.  (Measured on
    the real software memories of ``bench/terms_speed.py``, where these came with the rule.)"""
    toks = tokens(key, seg)
    parts, posses = tuple(t.text for t in toks), tuple(t.pos for t in toks)
    if len(posses) >= 2 and posses[0] in ("d", "ad") and posses[1] in ("n", "vn"):
        posses = ("a",) + posses[1:]
    return len(parts) >= 2 and "".join(parts) == key and seg.frequency(key) == 0 \
        and not modal_word(parts[-1]) and "v" not in posses[1:-1] and not (posses[0] == "v" and len(parts) > 2) \
        and all(len(w) >= 2 for w in parts[:-1]) and all(p in INNER_POS for p in posses) \
        and _noun_phrase(parts, posses, generic, nominal_word)


def english_word(word: str) -> bool:
    """An ordinary English word: one CC-CEDICT's glosses use (container, template)."""
    return word.casefold() in english_vocabulary()
