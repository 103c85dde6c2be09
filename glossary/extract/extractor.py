"""Term extraction from aligned translation units.

``extract(units)`` finds candidate Chinese terms from the structure of the
prose (:mod:`glossary.extract.zh`), pairs each mention with the English words of
the same unit that render it (:mod:`glossary.extract.pairing`), and scores termhood
(:func:`_termhood`).  The result is a list of
:class:`~glossary.models.Candidate`, best first; :func:`candidate_to_json` is
the line ``glossary extract --format jsonl`` prints.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial

from tm import (HAN, STOP_WORDS, both, english_keys, has_traditional, literal_codes, load_lexicon, simplified_key, stem,
                two_cores, ToolError, TranslationUnit, align_texts)

from glossary.extract.en import FUNCTION, LATIN, WORD, tokenize, without_accelerators
from glossary.extract.lexicon import glossary_lexicon, modal_word, nominal_word, rendered_as_noun, suffix_word
from glossary.models import Candidate, Rendering, ranked
from glossary.extract.pairing import (DEFAULT_MIN_PAIR, KNOWN_BONUS, QUOTES, EnglishUnit, choose, fold_rendering,
                                      pair, scored_spans, with_alignment)
from glossary.extract.wordalign import train as train_alignment
from glossary.pinyin import plain, term_pinyin
from glossary.extract.cooccur import Cooccurrence, is_latin
from glossary.extract.stats import FUNCTION_POS as STAT_FUNCTION_POS, corpus_terms, english_word, repeatable_compound
from glossary.extract.zh import (ADOPTING_VERBS, CONJUNCTIONS, EVERYDAY, FRAME, GENERIC, LOCALISERS, MODAL_VERBS,
                                 ORG_HEADS, RELATING_VERBS, REQUEST_VERBS, SHORT_HEADING, STATING_VERBS, TERM_ENTRY,
                                 Occurrence, Segmenter, _ok, _text, bound_noun_character, is_form, occurrences)

__all__ = ["extract", "candidate_to_json", "DEFAULT_MIN_SCORE", "DEFAULT_MIN_PAIR"]

DEFAULT_MIN_SCORE = 2.75

# Termhood evidence of each structural cue (the strongest cue counts in full,
# each further kind of cue adds CUE_EXTRA).
CUE_WEIGHTS = {
    "user": 3.0,
    "coordination": 2.5,
    "quote": 2.0,
    "title": 2.0,
    "acronym": 2.0,
    "gloss": 2.0,
    "enumeration": 1.0,
    "head": 1.2,
    "field": 1.0,
    "operand": 0.8,
    "nested": 1.0,
    "word": 0.2,
    "chunk": 0.3,
    "composed": 1.0,
    "formula": 1.0,
    "lexicon": 1.0,
    "compound": 1.0,
    "example": 1.0,
    "label": 1.0,       # a field's label before its value (额定电压：220V)
    "definition": 2.0,  # a name the text defines, （以下简称…）: as strong as a bracketed acronym
    "heading": 1.0,     # an article's heading after its legal ordinal (第七条 违约责任)
}
NESTED_MIN = 3
NESTED_PENALTY = 1.5
COMPOSITIONAL = ("技术", "企业", "产品", "服务", "工作")   # generic heads that add little to a term
# A phrase that describes rather than names: one ending in an adjective (``_evaluative``: a
# quality), and a known term with such a head (``_compositional``: a kind of thing).
DESCRIPTIVE_PENALTY = 2.0
# A place or time adverbial (文件中, 测试时) is no name however often it recurs, nor a part of a
# predicate (测试应当, 会显示: ``_predicate_part``): as much as the strongest statistics cue (2.5)
# and full frequency (1.0) and pairing (1.5) can give together.
ADVERBIAL_PENALTY = 5.0
CUE_EXTRA = 0.3
PARALLEL_UNITS = 2000  # units from which their reading is shared with a forked child
PARALLEL_TERMS = 2000  # terms from which pairing is shared with a forked child (two cores)
PAIR_UNITS = 40       # units a term is paired in; beyond, its known renderings are counted
SHARED_MARGIN = 0.15   # pairing-score lead a nested term needs to keep a span its container also read
COMPOUND_PAIR = 0.8    # pairing score of a mixed phrase seen once that one English compound renders
WHOLE_HEADING_LONGEST = SHORT_HEADING   # characters of a heading read as a part's name (``_whole_heading``)
_HAN = re.compile(f"[{HAN}]")
# Chinese text: an ideograph, or CJK or full-width punctuation (Tupperware。).
_CHINESE = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef]")


@dataclass
class _Term:
    zh: str
    cues: Counter = field(default_factory=Counter)
    acronyms: Counter = field(default_factory=Counter)
    parts: tuple[str, ...] = ()
    mentions: list[tuple[int, Occurrence]] = field(default_factory=list)


def _compositional(zh: str, terms) -> bool:
    """A known term and a generic head (人工智能 + 企业, 大模型 + 技术), also after modifiers that
    describe it (国际顶尖 | 人工智能 | 企业 "top international AI companies", 优质 | 数据标注 |
    企业): the head adds a kind of thing, not a concept of the field.  The term must not be a
    generic head itself (高新 | 技术 | 企业 ends in 技术, which says nothing)."""
    base = next((zh[:-len(h)] for h in COMPOSITIONAL if zh.endswith(h)), "")
    return len(base) >= 2 and any(base[i:] in terms and base[i:] not in COMPOSITIONAL
                                  for i in range(len(base) - 1))


# jieba's dictionary counts of a word (its background corpus: 是 796,991, 技术 37,664, 网络
# 8,352, 存储 931; 小脑 "cerebellum" 112, 探针 64): from COMMON a word of everyday language,
# from EVERYDAY (zh.EVERYDAY) one general language uses often enough to be no term on its own either.
COMMON = 2000


def _generic_penalty(term: str, seg: Segmenter, rendering: str = "") -> float:
    """Dictionary words of everyday frequency are rarely terms on their own; verbs even less,
    unless the translation renders the verb by a sense CC-CEDICT gives it that is no verb's
    (``lexicon.rendered_as_noun``: 签名 "signature", 补助 "subsidy"): a verb rendered by a noun
    is used as one, whatever part of speech jieba's dictionary gives it out of context."""
    tag = seg.tag(term) or ""
    if tag.startswith(("nr", "ns", "nt", "nz")):
        return 0.0            # a proper name
    freq = seg.frequency(term)
    penalty = 1.5 if freq >= COMMON else 0.8 if freq >= EVERYDAY else 0.0
    if tag.startswith("v") and not rendered_as_noun(term, rendering):
        penalty += 1.0
    return penalty


def _novel(term: str, seg: Segmenter) -> bool:
    """A short word no general dictionary knows: an abbreviation or coinage (信创, 智算, 垂类
    模型).  Not a phrase of words both dictionaries know (芯片 | 研发, 数据 | 资源): that is a
    combination of known words, however often it recurs."""
    if not (2 <= len(term) <= 4 and all(_HAN.match(c) for c in term) and seg.frequency(term) == 0
            and term not in load_lexicon()):
        return False
    words = seg.words(term)
    return len(words) < 2 or not all(seg.frequency(w.text) > 0 or w.text in load_lexicon() for w in words)


def _evaluative(term: str, seg: Segmenter) -> bool:
    """Ends in an adjective (好, 强, 丰富, 健全): describes rather than names.  Not one jieba
    tags ``an``, an adjective used as a noun (安全 "security" in 代码安全, 健康 "health"):
    that names a quality as a thing."""
    words = seg.words(term)
    return len(words) >= 2 and words[-1].pos in ("a", "ad")


# Words that close a place or time adverbial after a noun phrase: the localisers (方位词) and 时.
ADVERBIAL_ENDS = LOCALISERS + "时"


def _adverbial(term: str, seg: Segmenter) -> bool:
    """Ends in a localiser or 时 that jieba cuts off as a word of its own: 文件 | 中 "in the
    file", 服务器 | 上 "on the server", 测试 | 时 "when testing" are where and when, not
    names (名字 | 空间 "namespace" ends in a word); so are a localiser of two characters
    (jieba ``f``: 测试 | 之间 "between tests", 窗口 | 底部 "at the bottom of the window"), or in
    a word of two characters neither dictionary knows whose second is a localiser, jieba's HMM
    joining a noun character and the localiser (钢球 | 孔内 "in the ball holes").
    Unless a CC-CEDICT word of three characters or more ends the term (运行时 "runtime" in
    容器运行时)."""
    words = seg.words(term)
    if len(words) < 2:
        return False
    last = words[-1]
    lexicon = load_lexicon()
    coined = len(last.text) == 2 and last.text[-1] in LOCALISERS and not seg.frequency(last.text) \
        and last.text not in lexicon      # jieba's HMM joining a noun character and 内: 钢球 | 孔内
    if not (last.text in ADVERBIAL_ENDS or len(last.text) >= 2 and last.pos == "f" or coined):
        return False
    return not any(term[-k:] in lexicon for k in range(3, len(term) + 1))


# Directional complements (趋向补语, a closed class of Chinese grammar): 来 or 去, alone or after
# 上 下 进 出 回 过 起 开 (出来, 起来, 下去).
_DIRECTIONAL = re.compile("[上下进出回过起开]?[来去]")


def _predicate_part(term: str, seg: Segmenter) -> bool:
    """The words are a part of a clause's predicate, not a name.  The term ends in a modal
    verb of a requirement (``zh.MODAL_VERBS``, jieba's word: 投标人 | 应 "the bidder shall", 产品 |
    应 "products shall", the subject of a standard's or a contract's clause with its 应), or of
    two characters (测试 | 应当 "tests should", 功能 | 需要 "the feature needs":
    CC-CEDICT glosses it as an English modal, ``lexicon.modal_word``), in a one-character
    verb of grammatical frequency (目的 | 是 "the purpose is", 框架 | 来: a copula, or a verb
    taking the clause on), in a directional complement (显示 | 出来 "shown") — unless
    CC-CEDICT lists the end of the term as a word jieba cut (光 | 能 "light energy") — or in
    a verb and the preposition or complement jieba's dictionary joins to it (文件 | 复制到
    "copy the files to", 放在, 依赖于; not a word CC-CEDICT lists: 行为 "behaviour"); a
    two-character word neither dictionary knows whose second character is a word of
    grammatical frequency is jieba's HMM joining a noun character and that word (表中 "in the
    table", 值为 "the value is", 类来) and ends the term likewise.  Or the term holds a modal
    before a verb (会 | 显示 "will show", PHPUnit | 会 | 尝试), or starts with a modal of two
    characters (需要 | 数据库扩展模块 "needs the database extension").  jieba tags each of these
    a verb.  Not a character CC-CEDICT gives a suffix's sense (会 "(suffix) union; group;
    association": 年 | 会 "annual meeting", 展会, 投资促进会 are names), nor a verb of
    grammatical frequency first, however often 来 | 配置 "to configure" is one: 去 | 耦
    "decoupling", 去 | 抖动 "debouncing", 可 | 扩展 "extensible" are names.
    Or the term ends in a verb of showing or stating whose object is a clause (试验结果表明 "the
    test showed (that)", ``zh.STATING_VERBS``), however jieba cuts it; or it holds a word of a
    verb that takes its object as a predicate's does, of adopting or including (采用 | 共沉淀法 "by
    the co-precipitation method", ``zh.ADOPTING_VERBS``), of comparison or nearness (远离 | 火种
    "keep away from sources of ignition", ``zh.RELATING_VERBS``)."""
    words = seg.words(term)
    if not words:
        return False
    if len(term) > 2 and term.endswith(STATING_VERBS):
        return True           # 结果 | 表明, 试验结果表明: a subject and its verb, the clause to come
    if len(words) >= 2 and any(w.text in ADOPTING_VERBS or w.text in RELATING_VERBS for w in words):
        return True           # 采用 | 共沉淀法, 综合单价 | 包括 | 人工费: a verb and the thing it takes
    last = words[-1]
    if last.text in MODAL_VERBS:
        return True           # 投标人 | 应, 产品 | 应 "the product shall": a subject and its modal
    named = suffix_word(last.text[-1])     # 年 | 会 "annual meeting", 展会, 促进会
    if not named and len(last.text) == 2 and _HAN.fullmatch(last.text[-1]) \
            and seg.grammatical(last.text[-1]) and not seg.grammatical(last.text[0]) \
            and not seg.frequency(last.text) \
            and last.text not in load_lexicon():
        return True
    if not named and len(last.text) >= 2 and last.pos.startswith("v") and seg.grammatical(last.text[-1]) \
            and (seg.tag(last.text[-1]) or "").startswith(("p", "v")) \
            and (seg.tag(last.text[:-1]) or "").startswith("v") and last.text not in load_lexicon():
        return True           # 复制 | 到, 放 | 在, 依赖 | 于
    if len(words) < 2:
        return False
    if last.pos.startswith("v") and (len(last.text) >= 2 and modal_word(last.text)
                                     or _DIRECTIONAL.fullmatch(last.text)
                                     or len(last.text) == 1 and seg.grammatical(last.text) and not named) \
            and not any(term[-k:] in load_lexicon() for k in range(len(last.text) + 1, len(term) + 1)):
        return True
    if any(w.pos.startswith("v") and modal_word(w.text) and after.pos.startswith("v")
           for w, after in zip(words, words[1:])):
        return True           # PHPUnit | 会 | 尝试 "PHPUnit will attempt", 要 | 翻译
    first = words[0]
    return first.pos.startswith("v") and len(first.text) >= 2 and modal_word(first.text)


# English prepositions (a closed class of English grammar) that take a verb's complement.
PREPOSITIONS = frozenset("by from into in on onto to with for of at under over through within without "
                         "between against about after before upon".split())


def _finite_form(word: str, verb: str) -> bool:
    """``word`` is an -s or -ed form of the English ``verb`` (comprises, issued, inserted) or an
    irregular past (paid, made: ``stem`` maps them), not the base form, a gerund or a noun of
    the same family (payment)."""
    w, v = word.casefold(), verb.casefold()
    regular = {v + "s", v + "es", v + "d", v + "ed", v + "n", v + v[-1:] + "ed", v[:-1] + "ies", v[:-1] + "ied"}
    return w in regular or (w != v and stem(w) == stem(v) and not w.startswith(stem(v)))


def _tally(found: dict[str, Rendering], text: str, unit_id: str) -> None:
    """Count one more mention of ``text`` as a rendering, in ``unit_id`` (listed once)."""
    r = found.setdefault(text, Rendering(text))
    r.count += 1
    if unit_id not in r.units:
        r.units.append(unit_id)


def _rendered_as_clause(term: str, seg: Segmenter, renderings: Iterable[Rendering]) -> bool:
    """The translation writes a word of the term as a finite verb or a participle in most of
    its mentions (``_read_as_clause``): the words are a clause, not a name.  The verbs are
    the English senses CC-CEDICT gives the term's words that jieba tags verbs
    (``_verb_senses``)."""
    lexicon = glossary_lexicon()
    verbs = {v for w in seg.words(term) if w.pos == "v" and len(w.text) >= 2 and _HAN.match(w.text)
             for v in _verb_senses(w.text, lexicon)}
    if not verbs:
        return False
    renderings = list(renderings)
    clauses = sum(r.count for r in renderings if _read_as_clause(verbs, r.en))
    return 2 * clauses > sum(r.count for r in renderings)


def _read_as_clause(verbs: set[str], rendering: str) -> bool:
    """The rendering writes one of ``verbs`` as a finite verb or a participle: an -s or -ed
    form before a determiner or a preposition, its object or complement (包括 | 阀体
    "comprises a valve body", 专科医生 | 出具 "issued by a specialist", 插入 | 车辆插座 "inserted
    into the vehicle inlet"), or a participle closing the rendering after its noun (支付 |
    保险费 "premiums paid").  The words are a clause, not a name.  A participle before a noun
    is a modifier (外露 "exposed conductive parts"), and a base form or a gerund names an
    activity as terms do (解除合同 "terminate the Contract", 充电电缆 "charging cable")."""
    if not rendering:
        return False
    toks = WORD.findall(rendering)
    for i, t in enumerate(toks):
        after = toks[i + 1].casefold() if i + 1 < len(toks) else None
        for v in verbs:
            if not _finite_form(t, v):
                continue
            if after in DETERMINERS or after in PREPOSITIONS:
                return True
            if after is None and i > 0 and not t.casefold().endswith("s"):
                return True       # premiums paid
    return False


# A Roman numeral of I, V and X (II, III, IV, XII): a class or a grade numbered so (III类水体
# "Class III", II类包装 "packing group II").
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")


def _designation(term: str, texts: list[str]) -> bool:
    """A Latin code: letters and digits (IP54, C40, CR2032, KJ500F-A8, LiPF6, H20260418), a
    Roman numeral (III), or letters every mention of which a number follows (GB 3838, UN
    1219, the prefix of a standard's or a dangerous good's number).  It is a model, a grade, a
    class, a formula or a number, written as the value of a term (外壳防护等级IP54 "degree of
    protection IP54", 强度等级C40, 型号), which every translation copies as it is: a glossary
    entry gives a translator nothing.  Letters alone (Pod, SDK, Cookie) may be the name a
    text gives a concept, and stay."""
    if not is_latin(term) or not any(c.isalpha() for c in term):
        return False
    if any(c.isdigit() for c in term) or _ROMAN.fullmatch(term):
        return True
    word = re.compile(_as_a_word(term) + r"(\s?[0-9]?)")
    after = [m.group(1) for t in texts if term in t for m in word.finditer(t)]
    return bool(after) and all(a.strip() for a in after)


# The frame 由…组成 / 由…构成 "consists of …, is made up of …" (由 "by, from"; not 由于 "because",
# nor the 由 of 自由, 理由, 缘由, 经由): the words before the verb are the last of the parts.
_CONSISTS_OF = ("组成", "构成")
_BY = re.compile("(?<![自理缘经])由(?!于)")


def _consists_of(term: str, texts: list[str]) -> bool:
    """The term ends in the verb of 由…组成 "consists of" and every mention of it closes that
    frame in its clause (本产品由面板、风机和底座组成: 底座组成 is the last part and the verb, as
    复合滤网由HEPA滤网和活性炭层组成 gives 活性炭层组成); a heading's noun (合同构成 "Constitution of
    the Contract") or a composition's name (化学组成) said without 由 stays."""
    if len(term) <= 2 or not term.endswith(_CONSISTS_OF):
        return False
    clauses = [re.split("[，。；：！？,;:!?]", t[:m.start()])[-1]
               for t in texts if term in t for m in re.finditer(re.escape(term), t)]
    return bool(clauses) and all(_BY.search(c + term[:-2]) for c in clauses)


def _everyday_word(term: str, seg: Segmenter) -> bool:
    """One word of jieba's dictionary that its general corpus counts ``EVERYDAY`` times or more
    (金额 1,292, 压力 6,044, 疾病 4,194; 容器 433, 探针 64 are under), no proper name (the tags
    :func:`_generic_penalty` spares)."""
    return seg.frequency(term) >= EVERYDAY and len(seg.words(term)) == 1 \
        and not (seg.tag(term) or "").startswith(("nr", "ns", "nt", "nz"))


def _rendered_by_context(term: str, renderings: list[Rendering], seg: Segmenter) -> bool:
    """An everyday word (:func:`_everyday_word`) that the translation renders in no one way:
    its most used rendering, up to case and number and with the renderings that are a part of
    it, is under two thirds of three renderings or more (电源 "unplug", "power supply", "power
    cord"; 金额 "money", "sums", "amount"; 权限 "ACL", "authorized", "privilege").  A term of the field keeps one equivalent wherever it stands (容器
    "container", 节点 "node"); a word of general language is translated by its context, in the
    sense each sentence gives it.  An acronym counts with the phrase whose initials it is (OS
    with "operating system"), as the consistency report reads such a pair."""
    if not _everyday_word(term, seg):
        return False
    counts: Counter = Counter()
    for r in renderings:
        counts[fold_rendering(r.en)] += r.count
    for r in renderings:
        short = fold_rendering(r.en)
        if r.en.isupper() and counts.get(short):
            full = next((f for f in counts if len(f.split()) >= 2
                         and "".join(w[0] for w in f.split()) == short), None)
            if full:
                counts[full] += counts.pop(short)
    total = sum(counts.values())
    if total < 3:
        return False
    # a rendering cut short by the alignment ("research", "development" of "research and
    # development") is the same equivalent, no other sense
    held = max(n + sum(m for part, m in counts.items() if _inside(part.split(), whole.split()))
               for whole, n in counts.items())
    return 3 * held < 2 * total


def _genus(term: str, compounds: list[str], texts: list[str], where: Iterable[int], seg: Segmenter) -> bool:
    """An everyday word (:func:`_everyday_word`) half of whose mentions or more end a longer term
    of the list (``compounds``): a Chinese compound's head comes last, so the document names
    kinds of it (重大疾病, 循环稳定性, 机插水稻, 人工智能 of 疾病, 稳定性, 水稻, 智能) and the word
    alone is their genus in general language, no entry of its own.  A term of the field that
    heads compounds (容器 of 边车容器, Init容器) is rarer in general language; one that modifies
    them (流体 of 流体快速接头) names no genus."""
    if not compounds or not _everyday_word(term, seg):
        return False
    mentions = headed = 0
    for ui in where:
        text = texts[ui]
        ends = {m.end() for o in compounds for m in re.finditer(re.escape(o), text)}
        for m in re.finditer(re.escape(term), text):
            mentions += 1
            headed += m.end() in ends
    return mentions > 0 and 2 * headed >= mentions


def _part_of_one_term(term: str, wholes: list[str], texts: list[str], where: Iterable[int]) -> bool:
    """Every mention of the term, two or more, lies inside a mention of one longer term of the
    list (``wholes``), glued to the rest of it (a Chinese character next to it in the whole, not a
    space nor a Latin name: "Kubernetes 用例" "Kubernetes use cases" sets a word beside a name):
    the document never says the part but as a piece of that one name (温器 of 节温器 "thermostat",
    限位 and 位销 of 限位销 "stop pin", 管理人 of 基金管理人 "fund manager", 裂纹 of 微裂纹
    "microcracks"), and the name is its entry.  A part the document also says alone or in
    several names (负载资源 of 工作负载资源 and alone, 客户端 of 客户端实例 and 初始化客户端,
    曲轴 of 曲轴皮带轮) is a concept of its own."""
    if not wholes:
        return False
    spans = {(ui, m.start()) for ui in where for m in re.finditer(re.escape(term), texts[ui])}
    if len(spans) < 2:
        return False
    n = len(term)
    for whole in wholes:
        glued = [k for k in range(len(whole) - n + 1) if whole.startswith(term, k)
                 and (k > 0 and _HAN.match(whole[k - 1]) or k + n < len(whole) and _HAN.match(whole[k + n]))]
        inside = {(ui, m.start() + k) for ui in where for m in re.finditer(re.escape(whole), texts[ui])
                  for k in glued}
        if glued and spans <= inside:
            return True
    return False


def _personal_name(term: str, rendering: str) -> bool:
    """A person's name, written in English as a Chinese name is (Hanyu Pinyin as GB/T 28039
    writes a name: the surname, then the given name's syllables joined): the first character is a
    surname CC-CEDICT gives ("surname Chen"), and the rendering is two words, its pinyin and the
    rest's (陈立军 "Chen Lijun", 张明远 "ZHANG Mingyuan").  The rule renders the name, and a
    glossary entry gives a translator nothing the rule does not (a party of a judgment, an author
    of a paper).  A name the translation writes otherwise (孙中山 "Sun Yat-sen") or as one word
    (悦动 "Yuedong", 海曙 "Haishu": a brand, a place) is none."""
    if not 2 <= len(term) <= 3 or not all(_HAN.match(c) for c in term):
        return False
    words = rendering.split()
    if len(words) != 2:
        return False
    surname = plain(term_pinyin(term[0])).replace(" ", "")
    given = plain(term_pinyin(term[1:])).replace(" ", "")
    senses = {s.strip().casefold() for s in (glossary_lexicon().gloss(term[0]) or "").split("/")}
    return f"surname {surname}" in senses and [w.casefold() for w in words] == [surname, given]


# A Latin word written next to the term with one space: the term is a word of a longer Latin name.
_LATIN_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9]* $")
_LATIN_AFTER = re.compile(r" [A-Za-z]")


def _word_of_a_latin_name(term: str, texts: list[str], where: Iterable[int]) -> bool:
    """A Latin word every mention of which stands in a run of Latin words written with spaces, a
    name or phrase the Chinese copies in its own script (Nordhavn Industrial Supplies ApS, a
    buyer's name; Android ID; ARM Cortex-M3; Cu Kα): each word is a piece of that name, no entry
    of its own.  A word the Chinese also writes alone, beside Chinese or punctuation (Pod, SDK,
    Kubernetes, also said in "Python SDK"), is a name of its own."""
    if not is_latin(term):
        return False
    pattern = re.compile(_as_a_word(term))
    mentions = 0
    for ui in where:
        text = texts[ui]
        for m in pattern.finditer(text):
            mentions += 1
            if not (_LATIN_BEFORE.search(text, 0, m.start()) or _LATIN_AFTER.match(text, m.end())):
                return False
    return mentions > 0


def _edge_overlaps(terms: Iterable[str]) -> dict[str, list[str]]:
    """For each term, the other terms that overlap one of its ends, neither holding the other:
    an end of one is the other end of the other (全体基金 and 基金份额 share 基金).  Read from the
    terms' proper prefixes and suffixes, not by comparing every pair (a memory's list is long)."""
    terms = list(terms)
    starting: dict[str, list[str]] = defaultdict(list)
    ending: dict[str, list[str]] = defaultdict(list)
    for t in terms:
        for k in range(1, len(t)):
            starting[t[:k]].append(t)
            ending[t[k:]].append(t)
    overlaps = {}
    for t in terms:
        found = {o for k in range(1, len(t)) for o in starting.get(t[k:], []) + ending.get(t[:k], [])}
        found = sorted(o for o in found if o not in t and t not in o)
        if found:
            overlaps[t] = found
    return overlaps


def _cut_across(term: str, others: Iterable[str], texts: list[str], where: Callable[[str], Iterable[int]],
                mentions: Callable[[str], int]) -> bool:
    """Every mention of the term is cut across by a mention of another term of the list that
    overlaps it (``others``, :func:`_edge_overlaps`) and that the document also says apart from
    it (``mentions``: how often a term is said): the term's edge falls inside a name (全体基金 of
    全体基金份额持有人 across 基金份额, 带防 of 带防误拔 across 防误, 现状监测 of 环境质量现状监测 across
    环境质量现状).  Its words are a cut through two names, no name of their own.  A term that
    overlaps another only in some mentions is said whole elsewhere."""
    others = list(others)
    if not others:
        return False
    pattern = re.compile(re.escape(term))
    units = [ui for ui in where(term) if term in texts[ui]]
    if not units:
        return False
    ui = units[0]                 # one sentence first: a mention no other term cuts ends it
    found = [(m.start(), m.end()) for m in pattern.finditer(texts[ui])]
    crossed = {(s, e) for other in others for m in re.finditer(re.escape(other), texts[ui])
               for s, e in found if m.start() < s < m.end() < e or s < m.start() < e < m.end()}
    if len(crossed) < len(found):
        return False
    spans = {ui: found} | {vi: [(m.start(), m.end()) for m in pattern.finditer(texts[vi])] for vi in units[1:]}
    total = sum(map(len, spans.values()))
    cut = set()
    for other in others:
        crossing, overlapping = set(), 0
        for ui, found in spans.items():
            for m in re.finditer(re.escape(other), texts[ui]):
                a, b = m.start(), m.end()
                crossing.update((ui, s, e) for s, e in found if a < s < b < e or s < a < e < b)
                overlapping += any(a < e and s < b for s, e in found)
        if crossing and mentions(other) > overlapping:
            cut |= crossing
            if len(cut) == total:
                return True
    return False


def _in_predicate_frame(term: str, texts: list[str], where: Iterable[int], seg: Segmenter) -> bool:
    """Every mention of the term stands where a predicate does, as jieba cuts the sentence: right
    after a modal verb or a verb of request (应 | 远离热源, 请 | 联系售后服务中心 "contact the service
    centre"), where a verb phrase starts, or right before the aspect particle 了 (本 | 文件规定 | 了
    "this document specifies"), which only a verb takes.  Its words are a clause's, no name."""
    mentions = 0
    for ui in where:
        text = texts[ui]
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(term), text)]
        if not spans:
            continue
        words = seg.words(text)
        before = {w.start + len(w.text): w.text for w in words}
        after = {w.start: w for w in words}
        for start, end in spans:
            mentions += 1
            particle = after.get(end)
            if not (before.get(start) in MODAL_VERBS or before.get(start) in REQUEST_VERBS
                    or particle is not None and particle.text == "了" and particle.pos.startswith("u")):
                return False
    return mentions > 0


def _closed_class(term: str, seg: Segmenter) -> bool:
    """A preposition or conjunction of two characters or more inside the term (根据, 按照,
    以及): words that build clauses, not names (jieba's parts of speech).  Not pronouns:
    各区人民政府 names the district governments with one (各)."""
    return any(len(w.text) >= 2 and w.pos.startswith(("p", "c")) for w in seg.words(term))


def _framed(term: str, seg: Segmenter) -> int:
    """How many framing verbs sit inside the term (支持…建设 fragments)."""
    return sum(w.text in FRAME and w.text not in CONJUNCTIONS for w in seg.words(term))


def extract(units: Iterable[TranslationUnit], *, min_score: float = DEFAULT_MIN_SCORE,
            user_terms: Iterable[str] = (), min_pair: float = DEFAULT_MIN_PAIR,
            segmenter: Segmenter | None = None,
            progress: Callable[[int, int], None] | None = None,
            known_terms: Iterable[str] = ()) -> list[Candidate]:
    """Candidate terms of aligned units, best first.

    ``min_score`` (default ``DEFAULT_MIN_SCORE``) is the termhood cut-off of the
    default list; pass 0 to see everything.  ``user_terms`` (e.g. the term
    base) are always candidates and guide word segmentation.  ``min_pair``
    (default ``DEFAULT_MIN_PAIR``) is the least pairing score for an English
    span to count as a rendering.  Units without an id are numbered by position.
    ``progress(done, total)`` is called as the terms found are paired with English.
    A unit whose Chinese side holds no Chinese character or punctuation (a code block or
    program output a translator left as it was) is not read, unless it is one name standing
    alone (an item of a list of names: Borg, Omega, kube-scheduler; a Latin term as
    extraction reads one, :data:`glossary.extract.en.LATIN`: a file name such as
    ``php.ini`` is none).
    Units with Traditional characters are read as their Simplified key and each term found
    is written back as its units write it most often, unless ``user_terms`` or
    ``known_terms`` (the term base's entries of any status, a rejected one too) hold it in
    some writing: then as they write it, so that a term already decided is found as that
    entry, not proposed again in the other script.
    """
    units = [u for u in map(_tags_as_codes, units)
             if u.zh and (_CHINESE.search(u.zh) or LATIN.fullmatch(u.zh.strip()))]
    units = _sentences_of_long_units(units)
    keyed = [replace(u, zh=simplified_key(u.zh)) if has_traditional(u.zh) else u for u in units]
    if any(k is not u for k, u in zip(keyed, units)):
        # Traditional text is read as its Simplified key (jieba's dictionary, the general
        # word frequencies and the lists are Simplified: 平臺 and 數據 read as rare words
        # were terms, 平台 and 数据 are not), and the terms found are written back as the
        # text writes them
        user_terms = list(user_terms)
        found = _extract(keyed, min_score=min_score, user_terms=[simplified_key(t) for t in user_terms],
                         min_pair=min_pair, segmenter=segmenter, progress=progress)
        return _as_written(found, units, keyed, [*known_terms, *user_terms])
    return _extract(units, min_score=min_score, user_terms=user_terms, min_pair=min_pair,
                    segmenter=segmenter, progress=progress)


def _as_written(candidates: list[Candidate], units: list[TranslationUnit], keyed: list[TranslationUnit],
                user_terms: list[str]) -> list[Candidate]:
    """``candidates`` found in the Simplified keys ``keyed`` of ``units``, each term (and
    part) written as the units write it most often (a term of the term base as it is
    written there; of ``user_terms`` sharing a key, the last)."""
    own = {simplified_key(t): t for t in user_terms}
    at = {u.id if u.id is not None else i: i for i, u in enumerate(units)}
    chars: dict[str, Counter] = defaultdict(Counter)      # key character -> how the text writes it
    for u, k in zip(units, keyed):
        if k is not u:
            for a, b in zip(k.zh, u.zh):
                if a != b:
                    chars[a][b] += 1

    def written(term: str, where: list[int]) -> str:
        if term in own:
            return own[term]
        seen: Counter = Counter()
        for i in [at[w] for w in where if w in at] or range(len(units)):
            text, key = units[i].zh, keyed[i].zh
            start = key.find(term)
            while start >= 0:
                seen[text[start:start + len(term)]] += 1
                start = key.find(term, start + 1)
        if seen:
            return seen.most_common(1)[0][0]
        # a term no text holds as it stands (两重两新 of 兩重、兩新): character by character
        return "".join(chars[ch].most_common(1)[0][0] if chars[ch] else ch for ch in term)

    for c in candidates:
        c.zh, c.parts = written(c.zh, c.units), [written(p, c.units) for p in c.parts]
    return candidates


def _extract(units: list[TranslationUnit], *, min_score: float, user_terms: Iterable[str], min_pair: float,
             segmenter: Segmenter | None, progress: Callable[[int, int], None] | None) -> list[Candidate]:
    """:func:`extract` of units read as they are written."""
    ids = [u.id if u.id is not None else i for i, u in enumerate(units)]
    seg = segmenter or Segmenter(user_terms)
    for t in user_terms:
        seg.add(t)
    lexicon = glossary_lexicon()

    terms: dict[str, _Term] = {}
    seen: set[tuple[int, str, int]] = set()
    texts = [u.zh for u in units]
    form = is_form(texts)
    if len(texts) >= PARALLEL_UNITS and two_cores():
        half = len(texts) // 2     # the second half read in a forked child, the first here
        (later, words), (earlier, _) = both(_occurrences, (texts[half:], seg, True, form),
                                            _occurrences, (texts[:half], seg, False, form))
        seg.remember(words)        # the child's segmentation, for the statistics below
        found_in = earlier + later
    else:
        found_in = _occurrences(texts, seg, False, form)[0]
    for ui, found in enumerate(found_in):
        found = _verb_before_series(found, units[ui].en or "", seg, lexicon)
        found = [_object_of_verb(occ, units[ui].en or "", seg, lexicon) for occ in found]
        found = _shared_modifier(found, units[ui].zh, units[ui].en or "", seg, lexicon)
        for occ in found + _before_shared_generic_head(found, seg):
            entry = terms.setdefault(occ.term, _Term(occ.term))
            entry.cues.update(occ.cues)
            if occ.acronym:
                entry.acronyms[occ.acronym] += 1
            if occ.parts:
                entry.parts = occ.parts
            key = (ui, occ.term, occ.start)
            if key not in seen or occ.enum:
                seen.add(key)
                entry.mentions.append((ui, occ))

    aligned = train_alignment([(u.zh, u.en or "") for u in units], lexicon=lexicon,
                              zh_tokens=lambda text: [(w.start, w.start + len(w.text)) for w in seg.words(text)])
    count_terms = partial(
        corpus_terms, texts, seg, frame=FRAME, english_vocabulary=english_word,
        generic=GENERIC, nominal_word=nominal_word, renders_alike=_renders_alike(aligned))
    if len(texts) >= PARALLEL_UNITS and two_cores():
        # the corpus statistics in a forked child while this process reads the English
        # side (the two do not depend on each other; the same results either way)
        stats, (english, cooc) = both(count_terms, (), _english_side, (units,))
    else:
        stats, (english, cooc) = count_terms(), _english_side(units)
    strength: dict[str, float] = {}
    for ct in stats.values():
        entry = terms.setdefault(ct.surface, _Term(ct.surface))
        entry.cues["stat"] += ct.freq
        strength[ct.surface] = ct.strength
        for ui, start in ct.mentions:
            key = (ui, ct.surface, start)
            if key not in seen:
                seen.add(key)
                entry.mentions.append((ui, Occurrence(ct.surface, start, {"stat"})))

    zh_texts = texts
    bigrams: dict[str, list[int]] = defaultdict(list)     # two characters -> units having them
    for ui, text in enumerate(zh_texts):
        for bg in {text[i:i + 2] for i in range(len(text) - 1)}:
            bigrams[bg].append(ui)
    _close_cut_words(terms, strength, zh_texts, bigrams, seg)
    # Free occurrences: a term's mentions that are not inside a longer candidate's mention.
    longer_of: dict[str, list[str]] = defaultdict(list)
    for other in terms:
        subs = {other[i:j] for i in range(len(other)) for j in range(i + 2, len(other) + 1)}
        for t in subs:
            if t != other and t in terms:
                longer_of[t].append(other)

    acronym_of = {zh: t.acronyms.most_common(1)[0][0] for zh, t in terms.items() if t.acronyms}
    shared = _Shared(terms, seg, lexicon, english, cooc, zh_texts, ids, bigrams, longer_of, acronym_of,
                     strength, min_score, min_pair, aligned)
    items = list(terms.items())
    if progress is not None:
        progress(0, len(items))
    # Each term is paired on its own: with two cores, the odd-numbered terms are paired in a
    # forked child while this process pairs the even ones (the same results either way).
    if len(items) >= PARALLEL_TERMS and two_cores():
        odd, even = both(_pair_terms, (shared, items, 1), _pair_terms, (shared, items, 0, progress))
        done = sorted(odd + even, key=lambda r: r[0])
    else:
        done = _pair_terms(shared, items, 0, progress, step=1)
    candidates: list[Candidate] = []
    inside: set[str] = set()
    spans_at: dict[tuple[str, int], list[tuple[str, float, bool]]] = defaultdict(list)  # (zh, unit) -> spans
    for _, candidate, is_inside, spans in done:
        if candidate is None:
            continue
        candidates.append(candidate)
        if is_inside:
            inside.add(candidate.zh)
        for key, found_spans in spans:
            spans_at[key].extend(found_spans)
    rendered = {c.zh for c in candidates if c.renderings}
    _settle_renderings(candidates, spans_at, longer_of, ids,
                       listed={c.zh for c in candidates if c.score >= min_score or c.zh in seg.user_terms})
    _unrendered(candidates, rendered, spans_at)
    _with_acronyms(candidates, acronym_of, zh_texts)
    # C-value: a term only ever seen inside longer candidates yields to them if they score better.
    base = {c.zh: c.score for c in candidates}
    for c in candidates:
        if c.zh in inside and max((base.get(o, -99) for o in longer_of[c.zh]), default=-99) >= c.score:
            c.score = round(c.score - NESTED_PENALTY, 3)
    for c in candidates:      # IP54, GB 3838: a value written in a code, copied as it is
        if _designation(c.zh, zh_texts) and not terms[c.zh].cues.keys() & {"user", "gloss", "definition"}:
            c.score = round(c.score - DESCRIPTIVE_PENALTY, 3)
        elif _consists_of(c.zh, zh_texts) and not terms[c.zh].cues.keys() & {"user", "quote", "coordination"}:
            c.score = round(c.score - ADVERBIAL_PENALTY, 3)    # (由…)底座组成: a part and the verb
    candidates = _composed_terms(shared, candidates, items, base)
    candidates = _heads_of_names(shared, candidates)
    _front_modifiers(candidates, inside, longer_of)
    listed = {c.zh for c in candidates if c.score >= DEFAULT_MIN_SCORE}
    for c in candidates:      # 金额 "money", "sums", "amount": a word of general language, no entry
        # (after the compounds are read: 电源 "power", "unplug", "power supply" still builds 电源键
        # "power button")
        if c.zh not in terms or terms[c.zh].cues.keys() & {"user", "quote", "coordination", "gloss", "heading"}:
            continue          # (a name read with its acronym, 图形处理器（GPU）, is no word of either kind)
        if _rendered_by_context(c.zh, c.renderings, seg) \
                or _genus(c.zh, [o for o in longer_of[c.zh] if o.endswith(c.zh) and o in listed], zh_texts,
                          _units_with(c.zh, bigrams, len(zh_texts)), seg):
            c.score = round(c.score - ADVERBIAL_PENALTY, 3)
    where = partial(_units_with, bigrams=bigrams, n=len(zh_texts))
    overlaps = _edge_overlaps(listed)
    mentions = lru_cache(maxsize=None)(lambda t: sum(zh_texts[ui].count(t) for ui in where(t)))
    for c in candidates:
        if c.zh not in listed or c.zh in terms and terms[c.zh].cues.keys() & {"user", "gloss", "definition"}:
            continue
        units = where(c.zh)
        # 温器 of 节温器, 限位 of 限位销: a piece of one name, never said alone
        if _part_of_one_term(c.zh, [o for o in longer_of[c.zh] if o in listed], zh_texts, units):
            c.score = round(c.score - ADVERBIAL_PENALTY, 3)
        # 全体基金 of 全体基金份额持有人: a cut through 基金份额, no name; 请 | 联系售后服务中心: a predicate;
        # 陈立军 "Chen Lijun": a person's name, which a rule renders; ApS of Nordhavn Industrial Supplies
        # ApS: a word of a Latin name
        if _cut_across(c.zh, overlaps.get(c.zh, []), zh_texts, where, mentions) \
                or _in_predicate_frame(c.zh, zh_texts, units, seg) or _personal_name(c.zh, c.en or "") \
                or _word_of_a_latin_name(c.zh, zh_texts, units):
            c.score = round(c.score - ADVERBIAL_PENALTY, 3)
    candidates = _one_case(candidates, zh_texts)
    candidates = [c for c in candidates if c.score >= min_score or c.zh in seg.user_terms]
    for c in candidates:
        c.pinyin = c.pinyin or term_pinyin(c.zh)      # only for the candidates kept
    candidates.sort(key=lambda c: (-c.score, -c.count, c.zh))
    if progress is not None:
        progress(len(terms), len(terms))
    return candidates


def _as_a_word(name: str) -> str:
    """A pattern of ``name`` written as a word of the prose: not a part of a longer word, an
    address or a file name (example.com/datasync/download, datasync-setup.exe)."""
    return rf"(?<![A-Za-z0-9_/.@\-]){re.escape(name)}(?![A-Za-z0-9_/@]|[.\-][A-Za-z0-9])"


def _one_case(candidates: list[Candidate], zh_texts: list[str]) -> list[Candidate]:
    """Latin names differing only in letter case (DataSync, datasync) are one name: one
    candidate, written as the Chinese side writes it most often as a word of the prose (a
    part of an address or a file name, example.com/datasync, datasync-setup.exe, is no
    way of writing the name; ties: the more mentions, then the better scoring form), its
    mentions, units and renderings together, its score the best of the forms."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        if is_latin(c.zh):
            groups[c.zh.casefold()].append(c)
    gone: set[int] = set()
    for forms in groups.values():
        if len(forms) < 2:
            continue
        written = {c.zh: sum(len(re.findall(_as_a_word(c.zh), t)) for t in zh_texts) for c in forms}
        forms.sort(key=lambda c: (-written[c.zh], -c.count, -c.score))
        keep = forms[0]
        renderings = {r.en: r for r in keep.renderings}
        for c in forms[1:]:
            gone.add(id(c))
            keep.count += c.count
            keep.score = max(keep.score, c.score)
            keep.units = sorted(set(keep.units) | set(c.units), key=str)
            for r in c.renderings:
                if r.en in renderings:
                    renderings[r.en].count += r.count
                    renderings[r.en].units = sorted(set(renderings[r.en].units) | set(r.units), key=str)
                else:
                    renderings[r.en] = r
        keep.renderings = ranked(renderings.values())
    return [c for c in candidates if id(c) not in gone]


#: Characters of a unit's Chinese beyond which it is read as its aligned sentences: a
#: paragraph or a whole document stored as one unit (a TMX of paragraphs, a document in one
#: cell). Pairing weighs every English span of a unit for every term in it, work that grows
#: with the square of the unit's length (one unit of 24,000 characters: hours).
LONG_UNIT = 1000


def _sentences_of_long_units(units: list[TranslationUnit]) -> list[TranslationUnit]:
    """``units``, each one longer than :data:`LONG_UNIT` replaced by its sentence pairs as
    ``tm.align_texts`` aligns them (a Chinese sentence without English kept alone, for the
    statistics), each with the unit's id (its position when it has none, as :func:`extract`
    numbers units) so that evidence names the unit. A unit the aligner refuses stays whole."""
    if all(len(u.zh) <= LONG_UNIT for u in units):
        return units
    out = []
    for i, u in enumerate(units):
        u = u if u.id is not None else replace(u, id=i)
        if len(u.zh) <= LONG_UNIT or not u.en:
            out.append(u)
            continue
        try:
            alignment = align_texts(u.zh, u.en)
        except ToolError:
            out.append(u)
            continue
        parts = [alignment.texts(b) for b in alignment.beads if b.zh]
        out += [replace(u, zh=zh, en=en) for zh, en in parts] or [u]
    return out


def _tags_as_codes(unit: TranslationUnit) -> TranslationUnit:
    """The unit with OmegaT's tags written as text (its project memory, a TMX of level 1:
    ``<g1>导入原文文件...</g1>``) read as the inline codes they are (``tm.literal_codes``):
    otherwise ``g1``, ``f0``, ``k2`` recur as Latin names and ``<g1>`` is read into quoted
    terms and their renderings.  The English is read without its accelerator marks
    (``glossary.extract.en.without_accelerators``: "Select Mat&ch" renders 选择匹配 as "Select
    Match", not "Select Mat")."""
    zh, en = literal_codes(unit.zh or ""), without_accelerators(literal_codes(unit.en or ""))
    if zh == (unit.zh or "") and en == (unit.en or ""):
        return unit
    return replace(unit, zh=zh, en=en)


def _english_side(units: list[TranslationUnit]) -> tuple[list[EnglishUnit], Cooccurrence]:
    """Each unit's English read for pairing, and the co-occurrence counts over them."""
    return [EnglishUnit(u.en or "") for u in units], Cooccurrence([u.en or "" for u in units])


def _renders_alike(aligned) -> Callable[[list[tuple[int, int, int]]], bool]:
    """``alike(spans)``: the learnt word alignment reads the same English phrase (content
    words compared by stem) for every ``(unit, start, end)`` Chinese span, and one for each."""
    def alike(spans: list[tuple[int, int, int]]) -> bool:
        keys = set()
        for ui, start, end in spans:
            phrase = aligned.phrase(ui, start, end)
            key = tuple(stem(w.casefold()) for w in re.findall(r"[A-Za-z0-9]+", phrase.text)
                        if w.casefold() not in STOP_WORDS) if phrase is not None else ()
            if not key:
                return False
            keys.add(key)
        return len(keys) == 1
    return alike


CLAUSE_POS = ("d", "p", "c", "u", "r", "f", "y")   # adverbs, prepositions, conjunctions, particles, pronouns, localisers


def _composition(zh: str, accepted: set[str], seg: Segmenter | None = None) -> bool:
    """``zh`` is written as two or more accepted terms one after the other (容器 + 探针),
    each of two characters or more; with ``seg``, an accepted term and a noun of the
    general dictionary at either end (控制面 + 组件, 人工智能 + 科普), not a generic head
    (技术, 企业: ``COMPOSITIONAL``) nor a verb jieba's dictionary tags a noun out of context
    (本合同 + 生效 "takes effect", 饮酒 "to drink": CC-CEDICT gives it only a verb's senses,
    ``lexicon.nominal_word``).  Not two terms and a noun (人工智能 + 安全伦理 + 规范):
    one word that is no term beside one term is a compound; more is a free combination."""
    zh = zh.replace(" ", "")

    def made_of_terms(text: str, whole: bool) -> bool:
        ends = {0}
        for i in range(len(text)):
            if i in ends:
                ends |= {j for j in range(i + 2, len(text) + 1)
                         if not (whole and (i, j) == (0, len(text))) and text[i:j] in accepted}
        return len(text) in ends
    if seg is not None and _derived(zh, accepted, seg):
        return True
    if len(zh) < 4:
        return False
    if seg is not None and any(_clause_word(w, seg, k == 0) for k, w in enumerate(seg.words(zh))):
        return False          # 空格会显示, 变量是字符串: a clause, not a name
    if seg is not None and seg.words(zh)[-1].text in GENERIC:
        return False          # 芯片 + 研发: work on a thing (GENERIC activity last), not a thing
    if made_of_terms(zh, True):
        return True
    if seg is None or not any(zh[:i] in accepted or zh[i:] in accepted for i in range(2, len(zh) - 1)):
        return False          # (no accepted term at either end: no need to segment)
    words = seg.words(zh)
    for w, rest in ((words[-1], zh[:-len(words[-1].text)]), (words[0], zh[len(words[0].text):])):
        if len(words) >= 2 and len(w.text) >= 2 and w.pos.startswith("n") and seg.frequency(w.text) > 0 \
                and nominal_word(w.text) \
                and w.text not in COMPOSITIONAL and len(rest) >= 2 and rest in accepted:
            return True
    return False


def _clause_word(w, seg: Segmenter, first: bool) -> bool:
    """A word that builds clauses, not names: an adverb, preposition, conjunction, particle,
    pronoun or localiser, or a one-character verb first (译 | 句段文本: a verb and its object)
    or of grammatical frequency anywhere (会, 是, 要: more than ``GRAMMATICAL_SHARE`` of
    jieba's background corpus, as for the right edge).  A rarer one after a word (联 in
    智能网 | 联, jieba's cut of the term 智能网联; 字符 | 表) is the bound last character of
    a word the dictionary lacks."""
    return w.pos.startswith(CLAUSE_POS) or (
        len(w.text) == 1 and w.pos.startswith("v")
        and (first or seg.grammatical(w.text)))


def _derived(zh: str, accepted: set[str], seg: Segmenter) -> bool:
    """An accepted term and a noun character after it that is no word of its own in running
    text (器, 库, 机: it makes up less than ``GRAMMATICAL_SHARE`` of jieba's corpus, and jieba
    tags it a noun) is a noun derived from the term (调度 "schedule" -> 调度器 "scheduler"),
    when neither dictionary lists the whole (a listed word is jieba's own to cut and score)."""
    return len(zh) >= 3 and all(_HAN.match(c) for c in zh) and zh[:-1] in accepted \
        and bound_noun_character(zh[-1]) and not seg.frequency(zh) and zh not in load_lexicon()


def _rendered_apart(zh: str, rendering: str | None, tops: dict) -> bool:
    """A composition that is an accepted term and one character more (a derived noun,
    :func:`_derived`) is one only when the translation writes that character: its rendering
    is not the term's ("scheduler" for 调度器 against "co-scheduled" for 调度), where 编辑器内
    "editor", 路径指 "path" or 项目文件时 "project file" are the term and a character of the
    clause after it.  Other compositions are not judged here."""
    base = zh[:-1]
    if base not in tops or not rendering:
        return True
    def key(en):
        return tuple(stem(w) for w in re.findall(r"[a-z]+", (en or "").casefold()) if w not in ARTICLES)
    return key(rendering) != key(tops[base])


def _composed_terms(shared: "_Shared", candidates: list[Candidate], items: list, base: dict) -> list[Candidate]:
    """A phrase made of terms the list accepts is a term of the field too (容器探针 = 容器 +
    探针, "container probes"; Kubernetes 集群): the termhood of a compound comes from that of
    the units it is built from (Nakagawa & Mori 2002), so it counts as a cue (``composed``)
    even when the phrase occurs once with no other cue.  Accepted means scoring at least
    ``DEFAULT_MIN_SCORE``, whatever the list's cut-off, so a term's score does not depend on
    it.  Such a term is paired again with the cue; its renderings are not settled against
    longer candidates (it is one of the longest)."""
    accepted = {c.zh.replace(" ", "") for c in candidates if c.score >= DEFAULT_MIN_SCORE}
    tops = {c.zh: c.en for c in candidates if c.score >= DEFAULT_MIN_SCORE}
    by_zh = {c.zh: k for k, c in enumerate(candidates)}
    for zh, info in items:
        # a Latin name and Chinese words: only of accepted terms (镜像 + Pod), not a name and
        # any noun of the dictionary (PHP + 文件, OmegaT + 文档: free combinations)
        mixed = bool(_MIXED.fullmatch(zh))
        if info.parts or zh.replace(" ", "") in accepted \
                or not _composition(zh, accepted, None if mixed else shared.seg):
            continue
        info.cues["composed"] += 1
        candidate, is_inside, _ = _pair_term(shared, zh, info)
        if candidate is None or not _in_chinese_order(zh, candidate.en) \
                or not _rendered_apart(zh, candidate.en, tops):
            info.cues["composed"] -= 1
            if not info.cues["composed"]:
                del info.cues["composed"]
            continue
        if is_inside and max((base.get(o, -99) for o in shared.longer_of[zh]), default=-99) >= candidate.score:
            candidate.score = round(candidate.score - NESTED_PENALTY, 3)
        if zh in by_zh:
            candidates[by_zh[zh]] = candidate
        else:
            candidates.append(candidate)
    return candidates


def _heads_of_names(shared: "_Shared", candidates: list[Candidate]) -> list[Candidate]:
    """Chinese words written once after each of two or more Latin names, each such phrase an
    accepted term rendered with the same English words beside the name (Pod 联网 "Pod
    networking", IP 联网 "IP networking"): the names vary and the words stay, on both sides of
    the translation, so the words name the concept the names apply it to (accessor variety's
    idea: a unit is entered in several ways).  They become a candidate of their own, a building
    block (cue ``nested``), met wherever the memory writes them; the phrases stay.  Only phrases
    seen once (a repeated one is a term of its own), the name first.  An everyday word stays
    below the list as ever (文件 after PHP, Word, JAR …: the penalties of :func:`_termhood`)."""
    by_zh = {c.zh: k for k, c in enumerate(candidates)}
    accepted = {c.zh.replace(" ", "") for c in candidates if c.score >= DEFAULT_MIN_SCORE}
    names: dict[str, set[str]] = defaultdict(set)
    rest: dict[str, set[tuple[str, ...]]] = defaultdict(set)     # the rendering without the name
    for c in candidates:
        m = _MIXED.fullmatch(c.zh)
        if m is None or not m.group(1) or c.count != 1 or c.score < DEFAULT_MIN_SCORE or not c.en:
            continue
        name = m.group(1).casefold()
        names[m.group(2)].add(name)
        rest[m.group(2)].add(tuple(stem(w.casefold()) for w in WORD.findall(c.en)
                                   if w.casefold() not in (name, name + "s", *ARTICLES)))
    for head, seen_with in names.items():
        if len(seen_with) < 2 or len(head) < 2 or head in accepted or len(rest[head]) != 1 or () in rest[head]:
            continue
        info = shared.terms.get(head) or _Term(head)
        info.cues["nested"] += 1
        known = {(ui, occ.start) for ui, occ in info.mentions}
        for ui in _units_with(head, shared.bigrams, len(shared.zh_texts)):
            for m in re.finditer(re.escape(head), shared.zh_texts[ui]):
                if (ui, m.start()) not in known:
                    info.mentions.append((ui, Occurrence(head, m.start(), {"nested"})))
        candidate, _, _ = _pair_term(shared, head, info)
        if candidate is None:
            continue
        if head in by_zh:
            candidates[by_zh[head]] = candidate
        else:
            candidates.append(candidate)
    return candidates


def _front_modifiers(candidates: list[Candidate], inside: set[str], longer_of) -> None:
    """C-value for a term seen once: a phrase whose only mention is the front of an accepted
    longer candidate, and whose rendering is the front of that candidate's rendering
    (世界智能产业 "World Intelligent Industry" in 世界智能产业博览会 "World Intelligent Industry
    Expo"), is that term's modifier: nothing but the longer term attests it (its C-value is 0),
    and the translation too writes it as the first words of one compound.  It yields to the
    longer term (``NESTED_PENALTY``) even when it scores better.  One whose rendering stands
    apart (天开高教科创园 in 天开高教科创园核心区 "core area of Tiankai … Park": a noun phrase of
    its own after "of") keeps its place; so does a phrase seen twice or more (智算 in
    智算平台 and 超算+智算+存储: a building block).  In place."""
    by_zh = {c.zh: c for c in candidates}

    def key(en):
        # (articles and numbers are no words of a name: "4 characteristic industry clusters"
        # counts the clusters of 3至4个, written outside the term)
        return [stem(w) for w in re.findall(r"[a-z0-9]+", (en or "").casefold())
                if w not in ARTICLES and not w.isdigit()]
    for c in candidates:
        if c.count != 1 or c.zh not in inside or c.score < DEFAULT_MIN_SCORE or not c.en:
            continue
        own = key(c.en)
        for o in longer_of[c.zh]:
            longer = by_zh.get(o)
            if longer is None or longer.score < DEFAULT_MIN_SCORE or not o.startswith(c.zh):
                continue
            theirs = key(longer.en)
            if own and len(theirs) > len(own) and theirs[:len(own)] == own:
                c.score = round(c.score - NESTED_PENALTY, 3)
                break


def _in_chinese_order(zh: str, rendering: str | None) -> bool:
    """A mixed phrase (a Latin name and Chinese words) is written as one English noun compound
    when its rendering keeps the name at the end the Chinese has it ("mirror Pod" for 镜像 Pod,
    "Kubernetes cluster"): English compounds keep the Chinese order of modifier and head,
    while a free combination is reordered around a preposition or a verb ("lifecycle of a
    Pod" for Pod 生命周期, "example of a Pod", "Replicated Pods" for Pod 副本).  A phrase
    with no Latin name at an end is not judged here."""
    m = _MIXED.fullmatch(zh)
    if not m:
        return True
    words = [w for w in WORD.findall(rendering or "") if w.casefold() not in ARTICLES]
    if not words:
        return False
    name, first = (m.group(1), True) if m.group(1) else (m.group(4), False)
    end = (words[0] if first else words[-1]).casefold()
    return end in (name.casefold(), name.casefold() + "s", name.casefold() + "es")



def _one_compound(zh: str, rendering: str | None, best_pair: float, seg: Segmenter) -> bool:
    """A phrase seen once that the translation writes as one English noun compound, the
    translator reading one concept: its words rendered (a pairing score of ``COMPOUND_PAIR``
    or more: "create Pods" for 实例 Pod is none), no function word between ("rules for a DNS
    label", "lifecycle of a Pod" are free combinations, reordered around a preposition) and no
    verb CC-CEDICT gives a Chinese word of it ("PHPUnit distinguishes" for PHPUnit 区分,
    "represent PHP"; a gerund names the activity: "Pod networking" for Pod 联网, 联网 "to
    network").  Two kinds of phrase qualify:

    * a mixed phrase (a Latin name and Chinese words): the name at the end the Chinese has it
      (``_in_chinese_order``: "Pod security standards" for Pod 安全标准, "API objects"), the
      Chinese words each a word of two characters or more (DNS 子域 | 值 "DNS subdomain value"
      is a term and a bound noun character after it);
    * a word of three characters or more that jieba's dictionary lists as a noun
      (``_listed_compound``: 环境变量 "environment variables");
    * a word of three characters or more that CC-CEDICT lists whole, rendered by one of its
      senses of two words or more (``_dictionary_name``: 商业发票 "commercial invoice",
      心肌梗死 "myocardial infarction").
    English writes a free combination of words around a preposition or a verb."""
    if not rendering or best_pair < COMPOUND_PAIR:
        return False
    m = _MIXED.fullmatch(zh)
    if m:
        if not _in_chinese_order(zh, rendering):
            return False
        chinese = [w.text for w in seg.words(m.group(2) or m.group(3))]
        if any(len(w) < 2 for w in chinese):
            return False
    elif _listed_noun(zh, seg) and _listed_compound(glossary_lexicon().segment(zh), rendering):
        chinese = glossary_lexicon().segment(zh)
    elif _dictionary_name(zh, rendering):
        chinese = [zh]
    else:
        return False
    words = [w.casefold() for w in rendering.split()]
    verbs = {stem(v) for w in chinese for v in _verb_senses(w, glossary_lexicon())}
    return len(words) >= 2 and not any(w in FUNCTION or stem(w) in verbs and not w.endswith("ing") for w in words)


def _own_mentions(zh: str, where: list[int], zh_texts: list[str], terms, seg: Segmenter) -> int:
    """The mentions of ``zh`` that are its own: not glued to one Chinese character that makes a
    longer candidate of it (存货周转 | 率 "inventory turnover": the mention is a word of
    存货周转率, the one-character head making a word, as 率, 量, 性 do), and not right after an
    adverb (未 | 掺杂样品 "undoped sample": an adverb modifies a predicate, so the first word is
    a verb there, 掺杂 "not doped", and the phrase a clause's piece)."""
    n = 0
    for ui in where:
        text = zh_texts[ui]
        words = {w.start + len(w.text): w for w in seg.words(text)}
        for m in re.finditer(re.escape(zh), text):
            glued = _HAN.match(text[m.end():m.end() + 1]) and text[m.start():m.end() + 1] in terms \
                or _HAN.match(text[m.start() - 1:m.start()]) and text[m.start() - 1:m.end()] in terms
            before = words.get(m.start())
            adverb = before is not None and before.pos.startswith("d")
            n += not glued and not adverb
    return n


def _rendered_alike(renderings, count: int, best_pair: float) -> bool:
    """Every mention rendered (``count`` of them, a pairing score of ``COMPOUND_PAIR`` or more)
    and all by one English phrase up to case and number ("status code", "status codes"), of
    two words or more and no function word: an English compound, not a free combination
    around a preposition ("decline in gross margin") or a verb phrase ("run a single
    container")."""
    folded = {fold_rendering(r.en) for r in renderings}
    if len(folded) != 1 or sum(r.count for r in renderings) < count or best_pair < COMPOUND_PAIR:
        return False
    words = [w.casefold() for w in WORD.findall(next(iter(renderings)).en)]
    return len(words) >= 2 and not any(w in FUNCTION for w in words)


def _listed_noun(zh: str, seg: Segmenter) -> bool:
    """Chinese characters only, three or more, that jieba's dictionary lists as one noun (环境变量,
    职业院校): a compound general language has made a word of its own."""
    return len(zh) >= 3 and bool(_HAN_ONLY.fullmatch(zh)) and seg.frequency(zh) > 0 \
        and (seg.tag(zh) or "").startswith("n")


def _dictionary_name(zh: str, rendering: str) -> bool:
    """``zh`` (Chinese characters only, three or more) is a headword of CC-CEDICT and
    ``rendering`` is one of its senses of two words or more, word for word (商业发票 "commercial
    invoice", 复合肥 "compound fertilizer", 标准差 "standard deviation"): the lexicographer and
    the translator name the concept alike, a compound with a fixed English name, where the
    pieces' test (``_listed_compound``) cannot look inside a word the dictionary does not part.
    Every word of the rendering is one of the sense's, once ("current into direct current", a
    span run over, and "Observer $observer", a name beside its variable, are no name).  A free combination the translator made has no headword."""
    if len(zh) < 3 or not _HAN_ONLY.fullmatch(zh) or zh not in glossary_lexicon():
        return False
    words = english_keys(rendering)
    return len(set(words)) == len(words) == len(rendering.split()) >= 2 \
        and any(sense == set(words) for sense in glossary_lexicon().senses(zh))


def _listed_compound(pieces: list[str], rendering: str) -> bool:
    """The CC-CEDICT words ``pieces`` of a listed noun (:func:`_listed_noun`) are the English
    compound ``rendering`` word for word: each renders a word of it, the first words in the
    Chinese order, and every content word of it renders a piece (环境 | 变量 "environment
    variables", 金融 | 资本 "financial capital").  Not a compound that starts or ends in a generic
    activity or aspect (``zh.GENERIC``: 学术 | 研究 "academic research", 核心 | 技术), ends in a
    generic head (``COMPOSITIONAL``) or in a word CC-CEDICT gives verb senses only (资源 | 共享
    "resource sharing": 共享 "to share"): the statistics give such sequences no strength either,
    and the dictionary lists many (general language's collocations, not the field's names)."""
    if len(pieces) < 2 or pieces[0] in GENERIC or pieces[-1] in GENERIC or pieces[-1] in COMPOSITIONAL \
            or not nominal_word(pieces[-1]):
        return False
    lexicon = glossary_lexicon()
    en = EnglishUnit(rendering)
    content = {t for t, k in enumerate(en.keys) if k is not None}
    firsts, covered = [], set()
    for piece in pieces:
        found = sorted({t for k in en.matching(lexicon.keys(piece)) for t in en.by_key[k]})
        if not found:
            return False
        firsts.append(found[0])
        covered.update(found)
    return all(a < b for a, b in zip(firsts, firsts[1:])) and content <= covered


_HAN_ONLY = re.compile(f"[{HAN}]+")


ARTICLES = frozenset(("the", "a", "an"))


def _occurrences(texts: list[str], seg: Segmenter, words: bool, form: bool) -> tuple[list, dict]:
    """The structural occurrences of each text (``form``: the memory's texts are a form's,
    ``zh.is_form``), and with ``words`` (in a forked child) the words each text was cut into,
    for the parent's segmenter."""
    found = [occurrences(text, seg, form=form) for text in texts]
    return found, ({text: seg.words(text) for text in texts} if words else {})


@dataclass
class _Shared:
    """What pairing one term reads (and never changes) of the whole memory."""

    terms: dict
    seg: Segmenter
    lexicon: object
    english: list
    cooc: Cooccurrence
    zh_texts: list
    ids: list
    bigrams: dict
    longer_of: dict
    acronym_of: dict
    strength: dict
    min_score: float
    min_pair: float
    aligned: object = None


def _pair_terms(shared: _Shared, items: list, first: int, progress=None, step: int = 2) -> list:
    """``(k, candidate or None, only inside longer terms, [((zh, unit), spans)])`` for the
    terms ``items[first::step]``."""
    out = []
    for k in range(first, len(items), step):
        if progress is not None and k % 200 == 0:
            progress(k, len(items))
        out.append((k, *_pair_term(shared, *items[k])))
    return out


def _pair_term(shared: _Shared, zh: str, info: "_Term") -> tuple:
    """One term paired with the English of every unit it is in: its candidate (None when
    it cannot reach the list), whether it is only ever seen inside longer candidates, and
    the spans chosen in each unit."""
    (terms, seg, lexicon, english, cooc, zh_texts, ids, bigrams, longer_of, acronym_of, strength,
     min_score, min_pair) = (shared.terms, shared.seg, shared.lexicon, shared.english, shared.cooc,
                             shared.zh_texts, shared.ids, shared.bigrams, shared.longer_of,
                             shared.acronym_of, shared.strength, shared.min_score, shared.min_pair)
    spans_at: dict[tuple[str, int], list[tuple[str, float, bool]]] = {}
    if info.parts:
        return _coordinated(zh, info, english, zh_texts, ids, lexicon, min_pair), False, []
    where = [ui for ui in _units_with(zh, bigrams, len(zh_texts)) if zh in zh_texts[ui]]
    count = sum(zh_texts[ui].count(zh) for ui in where)
    enum_pos = {ui: occ.enum for ui, occ in info.mentions if occ.enum}
    quoted_in = {ui for ui, occ in info.mentions if occ.cues & {"quote", "coordination"}}
    operand_in = {ui for ui, occ in info.mentions if "operand" in occ.cues}
    acros = [a for z, a in acronym_of.items() if z in zh and len(z) >= len(zh) * 0.5]
    found: dict[str, Rendering] = {}
    best_pair = 0.0
    # A compound of general words said twice or more that no statistic proposed (a variety of
    # one on a side, 和 | 氨氮; a mention the word alignment leaves unread, HTTP 状态码) in the
    # shape the statistics count one rendered alike (``stats.repeatable_compound``): the
    # pairing's renderings are the translation's evidence (below, ``_rendered_alike``), as the
    # once-said compound's are; each mention its own (``_own_mentions``)
    repeated = count >= 2 and not strength.get(zh) \
        and repeatable_compound(zh, seg, generic=GENERIC, nominal_word=nominal_word) \
        and _own_mentions(zh, where, zh_texts, terms, seg) >= 2
    bound = _termhood(zh, info, count, count, 1.0, seg, "Aa Bb", nested_in=len(longer_of[zh]),
                      compositional=False, stat=strength.get(zh, 0.0),
                      one_compound=bool(_MIXED.fullmatch(zh)) or repeated
                      or count == 1 and not strength.get(zh) and _listed_noun(zh, seg))
    if bound < min_score and zh not in seg.user_terms:
        return None, False, []   # cannot reach the list even with a perfect rendering: not paired
    # Two readings of the units: the first without regard to other units; the second gives
    # a span reading a rendering some other unit read a bonus (KNOWN_BONUS), so that a
    # rendering the term has elsewhere wins a near tie whatever the order of the units.
    paired = [ui for ui in (where if not is_latin(zh) else ())][:PAIR_UNITS]   # a Latin name: rendered by itself
    scored, phrases, first = {}, {}, {}
    for ui in paired:
        enum = enum_pos.get(ui)
        scored[ui] = scored_spans(zh, english[ui], acronyms=acros, enum=(enum[1], enum[2]) if enum else None,
                                  quoted=ui in quoted_in, operand=ui in operand_in,
                                  context=zh_texts[ui], lexicon=lexicon)
        if shared.aligned is not None and scored[ui]:
            phrases[ui] = [shared.aligned.phrase(ui, m.start(), m.end())
                           for m in re.finditer(re.escape(zh), zh_texts[ui])]
        first[ui] = _chosen(shared, zh, ui, scored[ui], phrases.get(ui), ())
    read_in = Counter(f for ui in paired for f in {fold_rendering(s.text) for s in first[ui][1]})
    for ui in paired:
        before, spans = first[ui]
        own = {fold_rendering(s.text) for s in spans}
        known = {f for f, n in read_in.items() if n > (f in own)}    # read in another unit
        if known:
            gain = [s for s in scored[ui] if s.score + KNOWN_BONUS >= min_pair and fold_rendering(s.text) in known]
            if any(all(s is not c for c in before) for s in gain):
                spans = _chosen(shared, zh, ui, scored[ui], phrases.get(ui), known)[1]
            else:         # only spans already chosen gain: the same choice, with the bonus
                spans = [replace(s, bonus=KNOWN_BONUS) if any(s.start == c.start and s.end == c.end for c in gain)
                         else s for s in spans]
        if "formula" in info.cues:
            spans = [_with_auxiliaries(s, english[ui]) for s in spans]
        for s in spans:
            _tally(found, s.text, ids[ui])
            best_pair = max(best_pair, s.score + s.bonus)
            spans_at.setdefault((zh, ui), []).append((s.text, s.score, s.placed))
    for ui in (where[PAIR_UNITS:] if not is_latin(zh) else ()):
        _known_rendering(english[ui].text, found, ids[ui])
    free = count - sum(sum(zh_texts[ui].count(o) for ui in _units_with(o, bigrams, len(zh_texts)))
                       for o in _outermost(longer_of[zh]))
    if not found and (zh in strength or is_latin(zh) or count >= 3 and _morphemes(zh, seg)):
        best_pair = _from_memory(zh, where, cooc, lexicon, found, ids,
                                 explained=_said_otherwise(zh, cooc, english, zh_texts, lexicon)) or best_pair
    elif found:
        for _ in range(2):
            if not _residue(zh, where, cooc, lexicon, found, ids,
                            explained=_said_otherwise(zh, cooc, english, zh_texts, lexicon, once=True)):
                break
    if not found:
        best_pair = _beside_name(zh, where[:PAIR_UNITS], english, found, ids) or best_pair
    if not found and "heading" in info.cues:
        best_pair = _bracketed_heading(zh, where[:PAIR_UNITS], english, zh_texts, found, ids) or best_pair
    if not found and "definition" in info.cues:
        best_pair = _stated_equivalent(zh, where[:PAIR_UNITS], english, zh_texts, found, ids) or best_pair
    if not found:
        best_pair = _whole_heading(zh, where[:PAIR_UNITS], english, zh_texts, found, ids) or best_pair
    if not found and "label" in info.cues:
        best_pair = _labelled(zh, where[:PAIR_UNITS], english, zh_texts, found, ids) or best_pair
    top = max(found.values(), key=lambda r: r.count).en if found else ""
    score = _termhood(zh, info, count, max(free, 0), best_pair, seg, top, nested_in=len(longer_of[zh]),
                      stat=strength.get(zh, 0.0), compositional=_compositional(zh, terms),
                      one_compound=count == 1 and not strength.get(zh) and _one_compound(zh, top, best_pair, seg)
                      or repeated and _rendered_alike(found.values(), count, best_pair),
                      clause=_rendered_as_clause(zh, seg, found.values()))
    is_inside = free <= 0 and not info.cues.keys() & {"quote", "coordination", "acronym", "user", "lexicon"} \
        and len(longer_of[zh]) < NESTED_MIN
    return Candidate(
        zh=zh, pinyin="",
        renderings=ranked(found.values()),
        count=count, score=round(score, 3), kind=guess_kind(zh, info.cues, seg), parts=list(info.parts),
        units=sorted({ids[ui] for ui in where}, key=str)), is_inside, list(spans_at.items())


_ACRONYM_SHAPE = re.compile(r"(?=(?:.*[A-Z]){2})[A-Za-z][A-Za-z0-9+\-./]*")


AUXILIARIES = frozenset("are is be shall will should must".split())


def _with_auxiliaries(span, en: EnglishUnit):
    """A formula is a predicate (按职责分工负责 "are responsible for their respective duties"):
    its Chinese verb holds what English says with a copula or modal (负责 "to be responsible
    for"), so its rendering keeps the auxiliaries written right before the span."""
    start = span.start
    while start > 0 and en.tokens[start - 1].text.casefold() in AUXILIARIES:
        start -= 1
    if start == span.start:
        return span
    return replace(span, start=start, text=en.text[en.tokens[start].start:en.tokens[span.end].end])


def _with_acronyms(candidates: list[Candidate], acronym_of: dict[str, str], zh_texts) -> None:
    """A term always written with its acronym in brackets is named so: 图形处理器（GPU） (in place).

    Only acronyms (two capitals or more: GPU, RISC-V, eVTOL); a bracketed English
    gloss (并置（colocated）) is a rendering, not part of the name."""
    for c in candidates:
        acr = acronym_of.get(c.zh)
        if not acr or not _ACRONYM_SHAPE.fullmatch(acr):
            continue
        for form in (f"{c.zh}（{acr}）", f"{c.zh}({acr})", f"{c.zh} ({acr})"):
            if sum(t.count(form) for t in zh_texts) == sum(t.count(c.zh) for t in zh_texts):
                c.zh, c.pinyin = form, term_pinyin(form)
                break


_MIXED = re.compile(rf"({LATIN.pattern})\s*([{HAN}]+)|([{HAN}]+)\s*({LATIN.pattern})")


def _beside_name(zh: str, where, english, found: dict, ids) -> float:
    """A mixed term (seccomp 配置文件, 镜像 Pod) no gloss renders: English noun compounds keep
    the Chinese order of modifier and head, so the English name and the words beside it on
    the Chinese part's side, up to a function word or punctuation (at most three), render
    it ("seccomp profile", "mirror Pod").  The pairing score it stands for is the share of
    the term's characters the name explains (in place)."""
    m = _MIXED.fullmatch(zh)
    if not m:
        return 0.0
    name, after = (m.group(1), True) if m.group(1) else (m.group(4), False)
    for ui in where:
        text = english[ui].text
        toks = tokenize(text)
        for k, tok in enumerate(toks):
            if tok.text.casefold() not in (name.casefold(), name.casefold() + "s"):
                continue
            side = toks[k + 1:k + 4] if after else toks[max(0, k - 3):k][::-1]
            words = []
            for w in side:
                if not w.text[0].isalpha() or w.text.casefold() in FUNCTION:
                    break
                words.append(w)
            if not words:
                continue
            span = text[tok.start:words[-1].end] if after else text[words[-1].start:tok.end]
            _tally(found, span, ids[ui])
            break
    return len(name) / len(zh.replace(" ", "")) if found else 0.0


_ZH_BRACKETS = re.compile("【([^【】]{1,30})】")
_EN_BRACKETS = re.compile(r"\[([^\[\]]{1,60})\]|【([^【】]{1,60})】")
PLACED_PAIR = 0.8    # pairing score of a rendering the document's structure places, no gloss (【】, a term entry)


def _morphemes(zh: str, seg: Segmenter) -> bool:
    """A word jieba can only cut into bound morphemes (二甲 | 双 | 胍: 胍 "guanidine", jieba
    ``g``): the name of a specialised vocabulary (a drug, a chemical) that neither jieba's
    dictionary nor CC-CEDICT lists, so no gloss renders it and the statistics, which take no
    morpheme, give it no strength; recurring, it is rendered from the memory as their terms are."""
    return any(w.pos == "g" for w in seg.words(zh))


def _bracketed_heading(zh: str, where, english, zh_texts, found: dict, ids) -> float:
    """A heading in lenticular brackets (【适应症】) no gloss renders: the translation keeps the
    brackets of a package insert's or a form's headings ([Indications]), so the k-th bracketed
    heading of the English renders the k-th of the Chinese when the unit has as many of each."""
    for ui in where:
        heads = [m.group(1) for m in _ZH_BRACKETS.finditer(zh_texts[ui])]
        marks = [(m.group(1) or m.group(2)).strip() for m in _EN_BRACKETS.finditer(english[ui].text)]
        if len(heads) != len(marks):
            continue
        for head, mark in zip(heads, marks):
            if head == zh and mark and mark[0].isalpha():
                _tally(found, mark, ids[ui])
    return PLACED_PAIR if found else 0.0


# A heading's number or ordinal before its words: 一、 (一) 1． 5.2 第一章 on the Chinese side; 1. 5.2
# (I) II. Chapter 1, Article 7, Section III on the English side.
_ZH_HEADING_NUMBER = re.compile(r"\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十0-9]+[）)]"
                                r"|[0-9]{1,2}(?:[.．][0-9]{1,2}){0,4}[.．、]?"
                                r"|第[一二三四五六七八九十百零〇两0-9]+[章节条编部分]+)?[ \u3000]*")
_EN_HEADING_NUMBER = re.compile(r"\s*(?:(?:Chapter|Section|Article|Part|Clause|Annex)\s+[0-9IVXLC]+[.:]?\s+"
                                r"|\(?(?:[0-9]{1,2}(?:\.[0-9]{1,2}){0,4}|[IVXLC]{1,5}|[ivxlc]{1,5})[.)]?\s+)?")
_EN_HEADING = re.compile(r"[A-Za-z][A-Za-z\-'’&/]*(?: [A-Za-z][A-Za-z\-'’&/]*){0,7}")


def _whole_heading(zh: str, where, english, zh_texts, found: dict, ids) -> float:
    """A heading that is its unit's whole text after its number (一、安全注意事项, 第一章 招标公告,
    2　实验部分, 背景技术) no gloss renders: the unit's English after its own number is the
    heading's rendering (1. Safety Precautions, Chapter 1 Invitation to Tender, 2 Experimental,
    Background), when it is a heading too: words only, at most eight, no sentence's full stop.
    A translation keeps a document's outline, one heading for one, as it keeps the brackets of
    a package insert's headings (``_bracketed_heading``).  Only a short heading, a part's name
    (安全注意事项, 招标公告, 实验部分): a longer one describes its section by the section's
    terms (地下水环境影响预测 "Groundwater Impact Prediction", 废气污染防治措施)."""
    if len(zh) > WHOLE_HEADING_LONGEST:
        return 0.0
    for ui in where:
        text = zh_texts[ui].strip()
        number = _ZH_HEADING_NUMBER.match(text)
        if text[number.end():].rstrip("：:") != zh:
            continue
        en = english[ui].text.strip()
        heading = en[_EN_HEADING_NUMBER.match(en).end():].rstrip(":").strip()
        if _EN_HEADING.fullmatch(heading):
            _tally(found, heading, ids[ui])
    return PLACED_PAIR if found else 0.0


def _labelled(zh: str, where, english, zh_texts, found: dict, ids) -> float:
    """A form's label that opens its unit before a colon (闪点：-4℃, 包装类别：II类) no gloss
    renders: the unit's English up to its own first colon is the label's rendering (Flash point:
    -4 °C, Packing group: II), when it is a heading's words (at most eight, no sentence's
    punctuation).  A translation keeps a form's fields, one label for one, as it keeps a
    document's outline (``_whole_heading``)."""
    for ui in where:
        text = zh_texts[ui].strip()
        number = _ZH_HEADING_NUMBER.match(text)
        rest = text[number.end():]
        if not (rest.startswith(zh) and rest[len(zh):len(zh) + 1] in ("：", ":")):
            continue
        en = english[ui].text.strip()
        en = en[_EN_HEADING_NUMBER.match(en).end():]
        if ":" not in en:
            continue
        label = en.split(":", 1)[0].strip()
        if _EN_HEADING.fullmatch(label):
            _tally(found, label, ids[ui])
    return PLACED_PAIR if found else 0.0


def _stated_equivalent(zh: str, where, english, zh_texts, found: dict, ids) -> float:
    """A standard's terms-and-definitions entry (3.1　储能变流器　power conversion system) states
    the term's English equivalent beside it: where the unit's English writes it (any case),
    it renders the term, whether or not a gloss explains it."""
    for ui in where:
        entry = TERM_ENTRY.match(zh_texts[ui])
        if not entry or entry.group(1) != zh:
            continue
        at = re.search(rf"(?<![\w-]){re.escape(entry.group(2))}(?![\w-])", english[ui].text, re.I)
        if at:
            _tally(found, at.group(), ids[ui])
    return PLACED_PAIR if found else 0.0


def _gloss_prior(zh: str, lexicon):
    """Share of an English phrase's words that CC-CEDICT glosses of the term's parts give."""
    keys: set[str] = set()
    for i in range(len(zh)):
        for j in range(i + 1, min(len(zh), i + 4) + 1):
            keys |= lexicon.keys(zh[i:j])

    def prior(key: tuple[str, ...]) -> float:
        return sum(k in keys for k in key) / len(key) if keys else 0.0
    return prior


def _said_otherwise(zh, cooc: Cooccurrence, english, zh_texts, lexicon, *, once: bool = False):
    """``explained(key, where)`` for the phrases learnt over the memory: how many units of
    ``where`` hold the phrase with every content word matching the CC-CEDICT glosses of a
    word of that unit's Chinese outside the term.  There those words are what it translates,
    and the unit is no evidence for the term (人机 beside 研发应用 is not "research and
    application"; 信创 beside 打造 not "create").  With ``once`` (the units a term's
    renderings missed), a phrase one unit of ``where`` holds is explained there when any
    content word of it is: 服务 inside 上海云启数据服务有限公司 is not "means Shanghai", 上海
    claiming "Shanghai" however 务 "by all means" glosses "means"."""
    cache: dict[tuple[str, ...], dict[int, bool]] = {}

    def explained(key: tuple[str, ...], where) -> int:
        seen = cache.setdefault(key, {})
        n = 0
        partly = once and sum(1 for ui in where if cooc.grams[ui].get(key)) == 1
        if partly:
            seen = cache.setdefault(("", *key), {})
        for ui in where:
            spans = cooc.grams[ui].get(key)
            if not spans:
                continue
            if ui not in seen:
                seen[ui] = all(_claimed_outside(zh, english[ui], zh_texts[ui], lexicon, a, b, partly=partly)
                               for a, b in spans)
            n += seen[ui]
        return n
    return explained


def _claimed_outside(zh: str, en: EnglishUnit, zh_text: str, lexicon, start: int, end: int, *,
                     partly: bool = False) -> bool:
    """Every content word of the span matches the glosses of a Chinese word the unit writes
    outside the term's occurrences: a word not in the term, or one written more often than
    the term's occurrences hold it (创新 three times beside 创新平台 once: "innovation" may be
    any of the other two's); with ``partly``, some content word of it does."""
    claims = en.claims(zh_text, lexicon)
    toks = [t for t, tok in enumerate(en.tokens) if start <= tok.start and tok.end <= end and en.keys[t] is not None]
    times = zh_text.count(zh)

    def outside(w: str) -> bool:
        return w not in zh or zh_text.count(w) > times * zh.count(w)
    return bool(toks) and (any if partly else all)(any(outside(w) for w in claims.get(t, ())) for t in toks)


def _from_memory(zh, where, cooc: Cooccurrence, lexicon, found: dict, ids, explained=None) -> float:
    """Renderings learnt over the whole memory (in place); the pairing score they stand for."""
    if is_latin(zh):
        per_unit, score = cooc.latin(zh, where), 1.0
    else:
        best = cooc.best(where[:PAIR_UNITS], prior=_gloss_prior(zh, lexicon), explained=explained)
        if best is None:
            return 0.0
        per_unit, score = cooc.surfaces(best[0], where), min(1.0, best[1])
    for ui, texts in per_unit.items():
        for text in texts:
            _tally(found, text, ids[ui])
    return score if per_unit else 0.0


FIXED_CUES = frozenset({"quote", "coordination", "acronym", "gloss", "user", "operand", "title", "example",
                        "definition"})
_MODIFIER_POS = ("a", "b", "m", "q", "d", "r", "p", "c", "u")   # a stem ending so is no name (中小 | 企业)


def _before_shared_generic_head(found: list[Occurrence], seg: Segmenter) -> list[Occurrence]:
    """Items of one enumeration that end in the same generic head (``COMPOSITIONAL``: 技术,
    企业, 产品 …) are terms coordinated under it, the head written out each time: 大模型技术、
    数字人技术、智能客服技术 are "big model, digital human and intelligent customer service
    technology", so each stem (智能客服) is an enumeration item too.  A head of its own kind
    (机器人 in 水下机器人、工业机器人) makes each item a name of a kind, and stays."""
    by_enum: dict[int, list[Occurrence]] = defaultdict(list)
    for occ in found:
        if occ.enum and "enumeration" in occ.cues:
            by_enum[occ.enum[0]].append(occ)
    out = []
    for items in by_enum.values():
        heads: dict[str, list[Occurrence]] = defaultdict(list)
        for occ in items:
            head = seg.words(occ.term)[-1].text      # a word of its own (not 中小企业, one word)
            base = occ.term[:-len(head)]
            if head in COMPOSITIONAL and _ok(base) and not seg.words(base)[-1].pos.startswith(_MODIFIER_POS):
                heads[head].append(occ)
        for head, same in heads.items():
            if len({occ.enum[1] for occ in same}) >= 2:
                out.extend(Occurrence(occ.term[:-len(head)], occ.start, {"enumeration"}, enum=occ.enum)
                           for occ in same)
    return out


def _shared_modifier(found: list[Occurrence], zh: str, en: str, seg: Segmenter, lexicon) -> list[Occurrence]:
    """An enumeration whose first item is longer than every other one may write a modifier
    of all the items once, before the first (人形机器人 | 大脑、小脑、本体 "the brain,
    cerebellum, ontology … of humanoid robots"): when the unit's English renders the first
    item's leading words after "of" and its other words before that "of", the English has
    distributed the modifier over the items, so the first item is its last words (大脑) and
    the modifier a name of its own (人形机器人), read from the same enumeration.  An
    enumeration of a shared head (数据采集、处理、管理 "data collection, processing and
    management") has no such "of" and is left alone.  Of the ways to cut the first item,
    the one whose two parts pair best."""
    by_enum: dict[int, list[Occurrence]] = defaultdict(list)
    for occ in found:
        if occ.enum and "enumeration" in occ.cues and not occ.cues & FIXED_CUES:
            by_enum[occ.enum[0]].append(occ)
    english = None
    for items in by_enum.values():
        first = next((o for o in items if o.enum[1] == 0), None)
        if first is None or len(items) < 3 or not all(len(o.term) < len(first.term) for o in items if o is not first) \
                or not zh.startswith(first.term, first.start):
            continue          # (an item written with spaces inside is named without them: offsets differ)
        words = seg.words(first.term)
        if len(words) < 2 or not en:
            continue
        english = english or EnglishUnit(en)
        best = None
        for k in range(1, len(words)):
            modifier, rest = _text(words[:k]), _text(words[k:])
            if len(modifier) < 2 or len(rest) < 2:
                continue
            m, r = pair(modifier, english, lexicon=lexicon), pair(rest, english, lexicon=lexicon)
            if not m or not r:
                continue
            t = m[0].start - 1
            while t >= 0 and english.lower[t] in ARTICLES:
                t -= 1
            if t >= 0 and english.lower[t] == "of" and r[0].end < t \
                    and (best is None or m[0].score + r[0].score > best[0]):
                best = (m[0].score + r[0].score, k)
        if best is None:
            continue
        cut = words[best[1]].start
        found = [o for o in found if o is not first] + [
            Occurrence(first.term[cut:], first.start + cut, set(first.cues), enum=first.enum),
            Occurrence(first.term[:cut], first.start, {"enumeration"})]
    return found


def _verb_senses(word: str, lexicon) -> set[str]:
    """The English verbs CC-CEDICT gives a Chinese word ("to establish" -> establish), or, for
    a word it lacks (a coinage such as 争建), the verbs of its characters."""
    gloss = lexicon.gloss(word) if word in lexicon else None
    glosses = [gloss] if gloss else [lexicon.gloss(c) or "" for c in word if c in lexicon]
    return {m.group(1).casefold() for g in glosses for sense in re.split("[/;]", g)
            if (m := re.match(r"\s*(?:\([^()]*\)\s*)*to ([a-z]+)", sense))}


def _verb_before_series(found: list[Occurrence], en: str, seg: Segmenter, lexicon) -> list[Occurrence]:
    """The items of an enumeration are parallel: when the first starts with a verb and no
    other item does, the verb governs the whole series and is no word of its first item
    (保护 | 自然人、法人和非法人组织 "protecting … natural persons, legal persons and …", 涉及 |
    个人隐私、个人信息、商业秘密 "involving personal privacy, …").  The verb: jieba ``v`` of two
    characters or more, a noun right after it (攻击 | 检测 "attack detection": a verbal noun,
    one compound), and a verb CC-CEDICT gives that word (not a coinage's characters: 存算 |
    一体) written in the unit's English in any form — the translator wrote a verb there.
    Jieba tags modifiers ``v`` too (虚拟 | 智能体助手 "virtual intelligent agent assistants":
    虚拟 "to imagine; to make up; … virtual"), whose English is no such verb."""
    firsts = [o for o in found if o.enum and o.enum[1] == 0 and o.enum[2] >= 2 and "enumeration" in o.cues]
    if not firsts or not en:
        return found
    stems = None
    out = list(found)
    for first in firsts:
        words = seg.words(first.term)
        if len(words) < 2 or words[0].pos != "v" or len(words[0].text) < 2 or not _HAN.match(words[0].text) \
                or not words[1].pos.startswith(("n", "l", "j")) or words[1].pos == "vn" \
                or words[0].text not in lexicon:
            continue
        others = [o for o in found if o.enum and o.enum[0] == first.enum[0] and o.enum[1] > 0]
        if not others or any(w and w[0].pos.startswith("v") and w[0].pos != "vn"
                             for w in (seg.words(o.term) for o in others)):
            continue
        if stems is None:
            stems = {stem(w) for w in WORD.findall(en)}
        if not {stem(v) for v in _verb_senses(words[0].text, lexicon)} & stems:
            continue
        cut = len(words[0].text)
        out[out.index(first)] = Occurrence(first.term[cut:], first.start + cut, set(first.cues),
                                           acronym=first.acronym, enum=first.enum, parts=first.parts)
    return out


def _object_of_verb(occ: Occurrence, en: str, seg: Segmenter, lexicon) -> Occurrence:
    """A phrase found by its shape that starts with a verb governing the noun phrase after
    it is that noun phrase (争建 | 国家脑机接口技术创新中心, "strive to establish a national
    brain computer interface technology innovation center"): the first word is a verb of
    two characters or more (jieba ``v``, not a verbal noun), a common noun of two characters
    or more follows, then at least one more word, and the unit's English has, as a word of
    its own, a verb CC-CEDICT gives the Chinese verb (or, for a verb it lacks, its
    characters) in the base form — the translator wrote a verb there.  Jieba tags many
    modifiers ``v`` (具身智能机器人 "embodied intelligent robots", 共享数据资源 "shared data
    resources"); their English is an adjective or a participle, not the base verb."""
    if occ.cues & FIXED_CUES or not en:
        return occ
    words = seg.words(occ.term)
    inner = _object_of_inner_verb(occ, words, en, lexicon)
    if inner is not None:
        return inner
    if len(words) < 3 or words[0].pos != "v" or len(words[0].text) < 2 or not _HAN.match(words[0].text) \
            or words[1].pos != "n" or len(words[1].text) < 2:
        return occ
    verbs = _verb_senses(words[0].text, lexicon)
    if not verbs or not verbs & {w.casefold() for w in WORD.findall(en)}:
        return occ
    cut = len(words[0].text)
    return Occurrence(occ.term[cut:], occ.start + cut, set(occ.cues), acronym=occ.acronym, enum=occ.enum,
                      parts=occ.parts)


NOUN_POS = ("n", "vn", "j", "l", "eng")    # jieba's nouns (and names), verbal nouns, abbreviations, idioms
DETERMINERS = frozenset("the a an its their this these those each every all any some your our his her".split())


@lru_cache(maxsize=4096)
def _governing(en: str) -> frozenset[str]:
    """Stems of the English words followed by a determiner (verbs taking an object, mostly)."""
    toks = WORD.findall(en)
    return frozenset(stem(t) for t, nxt in zip(toks, toks[1:]) if nxt.casefold() in DETERMINERS)


def _object_of_inner_verb(occ: Occurrence, words, en: str, lexicon) -> Occurrence | None:
    """A phrase found by its shape only (a head phrase or a run of content words) that holds
    a subject, a verb and its object is the object (每个容器共享 | 网络名字空间, "every
    container in a Pod shares the network namespace"): a verb of two characters or more
    (jieba ``v`` or ``vn``) after the phrase's first word, a common noun of two characters or more right
    after it, and in the unit's English a form of a verb CC-CEDICT gives the Chinese verb
    followed by a determiner (the, a, its …) — the translator wrote a verb taking an object
    there, and every word after the verb is a noun (jieba ``n…``, ``vn``, ``j``, ``l``).  A verb
    used as a modifier (数据资源统一共享交换平台 "unified sharing and exchange platform") is no
    verb in the English.  The last such verb counts."""
    if not occ.cues & {"head", "chunk"} or occ.cues & FIXED_CUES or not en:
        return None
    governing = _governing(en)
    if not governing:
        return None
    for k in range(len(words) - 2, 0, -1):
        w = words[k]
        if w.pos not in ("v", "vn") or len(w.text) < 2 or not _HAN.match(w.text) \
                or words[k + 1].pos != "n" or len(words[k + 1].text) < 2:
            continue
        if not all(o.pos.startswith(NOUN_POS) for o in words[k + 1:]):
            break             # the rest is no noun phrase (过程中, 项目能够): a clause, left as it is
        if {stem(v) for v in _verb_senses(w.text, lexicon)} & governing:
            cut = w.start + len(w.text)
            return Occurrence(occ.term[cut:], occ.start + cut, set(occ.cues), acronym=occ.acronym,
                              enum=occ.enum, parts=occ.parts)
    return None


def _close_cut_words(terms: dict[str, _Term], strength: dict[str, float], zh_texts: list[str], bigrams,
                     seg: Segmenter) -> None:
    """A candidate whose right edge is not a boundary takes the character it always meets.

    Accessor variety (Feng et al. 2004) on the right: when every occurrence (two or more)
    of a candidate is followed by the same ideograph and jieba leaves that ideograph as a
    one-character content word there (no particle, preposition, localiser …, and none of
    the words that make up more than ``GRAMMATICAL_SHARE`` of jieba's background corpus: 是,
    有, 可, 要), the edge cuts
    a word the dictionary lacks (智能网 always written 智能网联): the candidate is replaced
    by the longer string, repeatedly, while that stays true.  Candidates with a cue that
    fixes their extent (quoted, bracketed acronym, coordination, user term) are left alone.
    """
    starts: dict[int, dict[int, object]] = {}       # unit -> word start -> word
    for zh in list(terms):
        info = terms.get(zh)
        if info is None or info.cues.keys() & FIXED_CUES or not _HAN.search(zh[-1:]):
            continue
        ext = zh
        while True:
            nxt = set()
            n = 0
            for ui in _units_with(ext, bigrams, len(zh_texts)):
                text = zh_texts[ui]
                i = text.find(ext)
                while i >= 0 and len(nxt) < 2:
                    n += 1
                    j = i + len(ext)
                    at = starts.get(ui)
                    if at is None:
                        at = starts[ui] = {w.start: w for w in seg.words(text)}
                    word = at.get(j)
                    if word is None or len(word.text) != 1 or not _HAN.match(word.text) \
                            or word.pos.startswith(STAT_FUNCTION_POS) \
                            or seg.grammatical(word.text):
                        nxt.add(None)
                        nxt.add("")
                    else:
                        nxt.add(word.text)
                    i = text.find(ext, i + 1)
                if len(nxt) > 1:
                    break
            if n < 2 or len(nxt) != 1:
                break
            ext += nxt.pop()
        if ext == zh:
            continue
        del terms[zh]
        target = terms.setdefault(ext, _Term(ext))
        target.cues.update(info.cues)
        if zh in strength:
            strength[ext] = max(strength.pop(zh), strength.get(ext, 0.0))
        known = {(ui, occ.start) for ui, occ in target.mentions}
        for ui, occ in info.mentions:
            if (ui, occ.start) not in known and zh_texts[ui].startswith(ext, occ.start):
                known.add((ui, occ.start))
                target.mentions.append((ui, Occurrence(ext, occ.start, set(occ.cues), enum=occ.enum)))


def _outermost(longer: list[str]) -> list[str]:
    """The longer candidates not inside another of them (each mention counted once)."""
    if len(longer) < 2:
        return list(longer)
    pool = set(longer)
    return [o for o in longer
            if not any(o[i:j] in pool for i in range(len(o)) for j in range(i + 1, len(o) + 1)
                       if j - i < len(o))]


def _units_with(term: str, bigrams: dict[str, list[int]], n: int):
    """Units that may contain ``term``: those having its rarest two-character piece."""
    if len(term) < 2:
        return range(n)
    pieces = [bigrams.get(term[i:i + 2], []) for i in range(len(term) - 1)]
    return min(pieces, key=len)


def _chosen(shared: _Shared, zh: str, ui: int, scored: list, phrases, known) -> tuple[list, list]:
    """The spans chosen for ``zh`` in unit ``ui`` among those scored, with a bonus for the
    ``known`` renderings: as chosen, and corrected by the alignment's ``phrases``."""
    text = shared.zh_texts[ui]
    spans = choose(scored, zh, shared.english[ui], context=text, known=known, limit=text.count(zh),
                   min_pair=shared.min_pair)
    if phrases is not None and spans:
        return spans, with_alignment(spans, phrases, shared.english[ui])
    return spans, spans


def _known_rendering(en: str, found: dict, unit_id) -> None:
    """Beyond ``PAIR_UNITS`` units a term is not paired again: the most used rendering
    it already has that the unit's English contains counts (in place)."""
    for r in sorted(found.values(), key=lambda r: -r.count):
        if r.en in en:
            r.count += 1
            if unit_id not in r.units:
                r.units.append(unit_id)
            return


def _residue(zh, where, cooc: Cooccurrence, lexicon, found: dict, ids, explained=None) -> None:
    """Units where the term occurs but none of its renderings was read: what the memory
    says they render it with there (in place).  An acronym of a rendering already found
    ("OS" beside "operating system") or a phrase the glosses support needs one unit,
    anything else two."""
    done = {u for r in found.values() for u in r.units}
    rest = [ui for ui in where[:PAIR_UNITS] if ids[ui] not in done]
    if not rest:
        return False
    acronyms = {"".join(w[0] for w in r.en.split() if w[:1].isalpha()).casefold() for r in found.values()
                if len(r.en.split()) >= 2}
    gloss = _gloss_prior(zh, lexicon)

    def prior(key: tuple[str, ...]) -> float:
        if len(key) == 1 and key[0].casefold() in acronyms:
            return 1.0
        return gloss(key)
    best = cooc.best(rest, prior=prior, min_dice=0.6, explained=explained)
    if best is None:
        return False
    for ui, texts in cooc.surfaces(best[0], rest).items():
        for text in texts[:1]:
            _tally(found, text, ids[ui])
    return True


def _settle_renderings(candidates: list[Candidate], spans_at, longer_of, ids,
                       listed: set[str] | None = None) -> None:
    """Take back renderings that belong elsewhere (in place).

    * A span read for a term and for a longer candidate containing it in the same
      unit ("humanoid robots" for 机器人 and 人形机器人) stays with the longer term
      unless the shorter renders it clearly better (by more than ``SHARED_MARGIN``:
      "humanoid robots" for 人形机器人 rather than 人形机器人大脑).  A longer candidate
      that does not reach the list (``listed``, when given, names those that do) has no such
      head start: it takes the span only by reading it better.  A cut no list shows
      (米卫生防护距离, with the measure word of "100米") took "sanitary protection distance"
      from 卫生防护距离, written twice in the sentence and rendered two ways there, and
      投标有效期内 took "bid validity period" from 投标有效期.
    * A rendering whose words are a strict part of another rendering of the same term
      that pairs better ("intelligence" beside "artificial intelligence", "digital"
      beside "digital humans") is a fragment of that rendering, not a variant.
    """
    by_zh = {c.zh: c for c in candidates}
    drop: set[tuple[str, int, str]] = set()     # (zh, unit index, span text)
    for (zh, ui), spans in spans_at.items():
        for longer in longer_of.get(zh, ()):
            theirs = {text: score for text, score, _ in spans_at.get((longer, ui), ())}
            for text, score, _ in spans:
                if text in theirs:
                    shorter_loses = score <= theirs[text] + SHARED_MARGIN if listed is None or longer in listed \
                        else score < theirs[text]
                    drop.add((zh, ui, text) if shorter_loses else (longer, ui, text))
    best: dict[str, dict[str, float]] = defaultdict(dict)    # zh -> rendering -> best score
    for (zh, ui), spans in spans_at.items():
        for text, score, _ in spans:
            if (zh, ui, text) not in drop:
                best[zh][text] = max(best[zh].get(text, 0.0), score)
    for (zh, ui), spans in spans_at.items():
        for text, score, placed in spans:
            if placed:
                continue      # structure put it there: the translator's own (loose) rendering
            words = _words(text)
            if any(_inside(words, _words(o)) and s > score for o, s in best[zh].items() if o != text):
                drop.add((zh, ui, text))
    for zh, ui, text in drop:
        c = by_zh.get(zh)
        r = next((r for r in c.renderings if r.en == text), None) if c else None
        if r is None:
            continue
        # every span of that text in that unit was counted once (a term written three times in
        # a sentence rendered alike three times): all of them go
        r.count -= max(1, sum(1 for t, _, _ in spans_at[(zh, ui)] if t == text))
        if r.count <= 0:
            c.renderings.remove(r)
        elif ids[ui] in r.units and not any(
                t == text and (zh, ui, t) not in drop for t, _, _ in spans_at[(zh, ui)]):
            r.units.remove(ids[ui])


def _unrendered(candidates: list[Candidate], rendered: set[str], spans_at) -> None:
    """A candidate whose every rendering was taken back (each span it read belongs to a
    longer term: "Municipal Human" of 市人, a cut of 市人社局) has no rendering of its own:
    its score loses the pairing bonus and takes the no-rendering penalty, as a term paired
    with nothing does (in place)."""
    best: dict[str, float] = defaultdict(float)
    for (zh, _), found_spans in spans_at.items():
        best[zh] = max([best[zh]] + [score for _, score, _ in found_spans])
    for c in candidates:
        if c.zh in rendered and not c.renderings:
            c.score = round(c.score - 1.5 * best[c.zh] - 1.5, 3)


def _words(text: str) -> list[str]:
    return [w.casefold().removesuffix("s") for w in re.findall(r"[A-Za-z0-9]+", text)]


def _inside(part: list[str], whole: list[str]) -> bool:
    """``part`` is a strict contiguous run of ``whole``."""
    n = len(part)
    return 0 < n < len(whole) and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def _coordinated(zh, info: _Term, english, zh_texts, ids, lexicon, min_pair) -> Candidate:
    """A coordinated form (“两重”、“两新” -> 两重两新): rendered by its parts' renderings together."""
    where = sorted({ui for ui, occ in info.mentions if "coordination" in occ.cues})
    found: dict[str, Rendering] = {}
    for ui in where:
        en = english[ui]
        spans = [pair(part, en, quoted=True, context=zh_texts[ui], lexicon=lexicon, min_pair=min_pair)
                 for part in info.parts]
        if not all(spans):
            continue
        lo = min(sp[0].start for sp in spans)
        hi = max(sp[0].end for sp in spans)
        start, end = en.tokens[lo].start, en.tokens[hi].end
        if lo > 0 and en.tokens[lo - 1].text in QUOTES:
            start = en.tokens[lo - 1].start
        if hi + 1 < len(en.tokens) and en.tokens[hi + 1].text in QUOTES:
            end = en.tokens[hi + 1].end
        r = found.setdefault(en.text[start:end], Rendering(en.text[start:end]))
        r.count += 1
        r.units.append(ids[ui])
    score = CUE_WEIGHTS["coordination"] + (1.5 if found else -1.5) + min(1.0, 0.4 * math.log2(1 + len(where)))
    return Candidate(zh=zh, pinyin=term_pinyin(zh), renderings=ranked(found.values()),
                     count=len(where), score=round(score, 3), kind="programme", parts=list(info.parts),
                     units=sorted({ids[ui] for ui in where}, key=str))


def _termhood(zh: str, info: _Term, count: int, free: int, best_pair: float, seg: Segmenter,
              rendering: str, *, nested_in: int, compositional: bool, stat: float = 0.0,
              one_compound: bool = False, clause: bool = False) -> float:
    words = rendering.split()
    content = [w for w in words if w.lower() not in FUNCTION]
    name = len(content) >= 2 and all(w[0].isupper() for w in content)
    cues = [c for c in info.cues if c in CUE_WEIGHTS]
    if nested_in >= NESTED_MIN and len(zh) <= 4:
        cues.append("nested")         # a building block of several candidates (算力)
    if one_compound:
        cues.append("compound")       # a name and words seen once, written as one English compound
    if compositional:
        stat = 0.0            # 人工智能 + 技术 repeated: the known term's repetition, not the phrase's
                              # (as a sequence ending in a generic activity has no strength)
    weights = sorted([CUE_WEIGHTS[c] for c in cues] + ([stat] if stat else []), reverse=True)
    score = (weights[0] if weights else 0.0) + CUE_EXTRA * (len(weights) - 1)
    score += min(1.0, 0.4 * math.log2(1 + count))
    score += 1.5 * best_pair if best_pair else -1.5
    if count >= 2 and info.cues.keys() - {"chunk"} and _novel(zh, seg):
        score += 1.0          # a recurring coinage
    if compositional:
        score -= DESCRIPTIVE_PENALTY    # 人工智能技术: a known term plus a generic head
    if not info.cues.keys() & {"quote", "coordination", "user", "gloss"} and not name:
        # (a heading's general word is the genre's name for a part of the document, 范围 "Scope",
        # 结论 "Conclusions", 禁忌 "Contraindications": the discount of an everyday word is not its)
        score -= _generic_penalty(zh, seg, rendering) if "heading" not in info.cues else 0.0
        if len(zh) == 2 and seg.frequency(zh) > 0 and not info.cues.keys() & {"acronym", "gloss", "heading"} \
                and not ((stat or seg.frequency(zh) < EVERYDAY) and (seg.tag(zh) or "").startswith("n")):
            score -= 1.0      # a two-character everyday word (场景, 存储, 中心), unless a noun
                              # far more frequent here than in general language (stats:
                              # specificity; 镜像, 探针 in a Kubernetes page) or one general
                              # language uses less than an everyday word (小脑 "cerebellum",
                              # 112 in jieba's counts; a verb so rare stays: 标注, 迭代)
        if not info.cues.keys() & {"acronym", "formula", "example", "heading"} \
                and not ("enumeration" in info.cues and zh.endswith(ORG_HEADS)):
            # (an acronym fixes the extent of its term; so do an enumeration item that names an
            # organisation, 有关区人民政府 "relevant district governments", 市投资促进局, and the
            # brackets of a formula, 按职责分工负责, or of an example, 服务网格 "service mesh")
            score -= 1.0 * _framed(zh, seg)
        if _closed_class(zh, seg):
            score -= 1.0      # 根据操作系统: a preposition is no part of a name
        if _evaluative(zh, seg):
            score -= DESCRIPTIVE_PENALTY    # 成长性好, 竞争力强: a quality, not a thing
    if not info.cues.keys() & {"quote", "coordination", "user", "gloss"} \
            and (_adverbial(zh, seg) or _predicate_part(zh, seg) or clause):
        score -= ADVERBIAL_PENALTY    # 文件中, 测试时: where and when; 测试应当, 会显示: how something
                                      # holds; not a thing, also when rendered with capitals
                                      # (极限编程中 "Extreme Programming", 术语能够 "Microsoft's Term");
                                      # 包括阀体 "comprises a valve body": a clause
    if name:
        score += 0.7          # rendered as a capitalised name
    elif len(zh) > 10:
        score -= 0.15 * (len(zh) - 10)
    if re.match(r"[0-9]*[项个家批级所名条次]", zh):
        score -= 1.5
    return score


KIND_ENDINGS = (   # first match wins; general Chinese naming morphology
    # Each ending is a noun of jieba's dictionary or a CC-CEDICT headword, a word of the
    # language (tests/glossary/extract/test_heads.py checks it), never one document's phrase.
    ("programme", ("试验区", "示范区", "专项", "计划", "行动", "工程", "方案")),
    ("event", ("博览会", "大会", "论坛", "峰会", "展览会")),
    ("organisation", ("局", "委", "办", "部", "厅", "院", "集团", "分行", "银行", "政府", "联盟", "协会",
                      "中心", "实验室")),
    ("place", ("新区", "开发区", "园区", "区", "园", "县", "省", "市", "镇", "港", "城")),
)


COMMON_NOUN_ENDINGS = ("社区", "城市", "景区", "校园", "市场")   # end in 区/市/园 without naming a place


def guess_kind(zh: str, cues, seg: Segmenter) -> str | None:
    """organisation / programme / event / place from the term's ending; policy term when quoted."""
    quoted = bool(cues.keys() & {"quote", "coordination"})
    for kind, endings in KIND_ENDINGS:
        if len(zh) >= 3 and zh.endswith(endings) and not zh.endswith(COMMON_NOUN_ENDINGS):
            if kind == "place" and quoted:
                break
            return kind
    if quoted:
        return "policy term"
    if (seg.tag(zh) or "").startswith("ns") and not zh.endswith(COMMON_NOUN_ENDINGS):
        return "place"
    return None


def candidate_to_json(c: Candidate) -> dict:
    """The line ``glossary extract --format jsonl`` prints for one candidate."""
    return {
        "zh": c.zh,
        "pinyin": c.pinyin,
        "en": c.en,
        "renderings": [{"en": r.en, "count": r.count} for r in c.renderings],
        "count": c.count,
        "score": c.score,
    }
