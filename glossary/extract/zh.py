"""The Chinese side: where a sentence names something, found from the shape of the prose.

Policy and technical Chinese marks its terms: quoted names (“人工智能+”),
coordinated quoted abbreviations (“两重”、“两新”), bracketed acronyms
(图形处理器（GPU）), enumerations (…、…、…等), noun phrases ending in a head
(…平台 …中心 …局 …区 …基金) and the field before 领域.  :func:`occurrences`
returns each such mention with the cues that found it; the extractor counts
and scores them across units.  Word segmentation is jieba's, with the caller's
known terms added as user words.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tm import HAN, curly_quotes, inline_codes, negations

from glossary.extract.lexicon import linking_word, nominal_word

#: jieba.posseg's own split of a text into runs it cuts one by one (its ``re_han_internal``).
_ALL_HAN = re.compile(f"[{HAN}]+")


def _lexicon():
    from tm import load_lexicon

    return load_lexicon()


_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")

# Heads: a noun phrase ending in one of these names an organisation, place,
# facility, programme, fund, technology... (general Chinese morphology). Each one closes
# at least three longer nouns of jieba's dictionary or three longer CC-CEDICT headwords
# (tests/glossary/extract/test_heads.py checks it): a head of the language, not of one
# document. Session 9 took out 15 that neither dictionary attests (数据集, 先导区, 生态城,
# 算力 ...); they helped the plan only (docs/extract.md, "Where zh.HEADS stands").
HEADS = (
    "平台 中心 模型 基地 基金 系统 产业 企业 集团 联盟 园区 工厂 网络 "
    "处理器 服务器 芯片 数据库 操作系统 软件 汽车 实验室 "
    "开发区 新区 大会 工程 计划 行动 体系 "
    "经济 计算 博物馆 链 网 园 局 委 办 部 厅 区 院"
).split()
ORG_HEADS = ("局", "委", "委员会", "办", "部", "厅", "院", "集团", "分行", "银行", "政府", "公司")
# Tokens that frame a term without belonging to it: policy verbs, function words. Each is a
# word of jieba's dictionary or a CC-CEDICT verb (赋能 "to empower"), never a phrase of one
# text (test_heads.py checks it; session 10 took out 不少于, 应用于, 现将, which jieba never
# yields as tokens anyway).
FRAME = frozenset(
    "支持 推动 推进 加强 加快 建设 打造 开展 培育 构建 鼓励 促进 提升 实施 建立 探索 聚焦 "
    "围绕 利用 发挥 提供 引导 强化 深化 完善 优化 落实 满足 形成 突破 营造 吸引 推荐 "
    "认定 谋划 布局 制定 升级 依法 积极 大力 进一步 加大 申报 争取 设立 增设 合作 共建 "
    "引进 举办 组建 使用 指导 调整 结合 推出 赋能 部署 "
    "开发 研制 落地 推广 普及 提高 增强 巩固 创建 实现 保障 面向 基于 关于 通过 按 按照 "
    "由 为 将 把 对 在 从 向 与 和 及 以及 或 等 的 之 其 各 有关 相关 一批 一个 不少 "
    "超过 以上 以下 以 及其 并 同时 重点 主要 全面 充分 本市 我市 请 "
    "执行 同意 做好 进行 持续 着力 全力 努力 不断 逐步 新建 开放 "
    "鼓励 广泛 定期 及时 具体 加速 用于 助推 带动 引领 服务 认识 参与 成为 "
    "领域 方面 行业 环节 等等 贯彻 贯彻落实 通知".split()
)
CONJUNCTIONS = frozenset("与 和 及 以及 或".split())
# Personal and demonstrative pronouns (closed-class Chinese): a phrase they start points at a
# thing (此选项 "this option", 这些文件 "these files", 您需要 "you need") and is not its name.
# Not the distributive 各, 每 (各区人民政府 names the district governments) nor 本 (本体).
DEICTIC = frozenset("此 这 那 这些 那些 这个 那个 这种 那种 该 其 您 你 你们 我 我们 他们 它 它们".split())
# The written register's anaphoric determiners (上述经营计划 "the above business plan", a patent
# claim's 所述陶瓷涂层 "said ceramic coating"): no part of the name they point back at, which
# is a name all the same (unlike 此选项's "this option", so the run keeps its chunk).
ANAPHORIC = frozenset("上述 前述 所述 下述".split())
# Words stripped from either end of a phrase: generic activities and aspects.
GENERIC = frozenset(
    "建设 研发 应用 发展 开发 部署 研究 工作 能力 水平 效能 效率 需求 要求 推广 "
    "融合 创新 项目 产品 领域 方面 问题 规模 质量 相关 重大 重要 关键 核心 决策".split()
)
FUNCTION_POS = ("p", "c", "u", "d", "r", "x", "y", "e", "o", "w")
GRAMMATICAL_SHARE = 1e-3   # a one-character word this common in jieba's dictionary is grammatical (是, 有, 可)
CUT = "，。；：！？（）()《》【】“”\"\n"
_ACRONYM = re.compile(r"[（(]([A-Za-z][A-Za-z0-9+\-./]{0,11})[）)]")
# An English word, not an acronym: lower-case, or one capital at the start (colocated, Capability).
_WORD_GLOSS = re.compile(r"[A-Za-z][a-z]{3,}")
_TITLE = re.compile(r"《([^《》\n]{2,30})》")
_YEARS = re.compile(r"[（(][0-9—\-－～~至年 ]+[）)]$")
# An item's or a heading's number (一、, （三）, 2.): the numbering a line opens with.
_NUMBER_MARK = r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[．.、])\s*"
_NUMBERING = re.compile(rf"^{_NUMBER_MARK}")
# A field's label before its value (额定电压：220V, 合同编号：TS-2026-0418): the label starts its
# clause and the value after the colon starts with a digit or a Latin letter (a measure, a code).
_LABEL = re.compile(r"(?:^|(?<=[，；。\s]))([^，；。：:\s]{2,12})[：:]\s*(?=[0-9A-Za-z])")
# a field's label at the start of a unit whose value names a thing in words, nothing after it
# (通用名称：布洛芬缓释胶囊, 生产企业：某某制药有限公司): the form of a data sheet or a leaflet
_NAMED_VALUE = re.compile(rf"^\s*([^，；。：:\s]{{2,12}})[：:]\s*([{HAN}][^，,；;。！？：:（）()、]*?)\s*$")
# a field's label at the start of a unit whose value is a sentence in words (皮肤接触：脱去污染的
# 衣着…, 主要终点：治疗8周时…): a form's or a data sheet's entry, read as the named value is, in a
# text that is a form (:func:`is_form`); elsewhere a label before a sentence frames it
# (工作目标：到2027年，建成…, a plan's)
_CLAUSE_VALUE = re.compile(rf"^\s*([^，；。：:\s]{{2,12}})[：:]\s*(?=[{HAN}])")
#: How many units of a text open with a label before a sentence for the text to be a form
#: (a data sheet's sixteen sections, a synopsis's fields), not a plan or a paper that frames
#: a paragraph or two so.
FORM_ENTRIES = 5


def is_form(texts) -> bool:
    """Whether ``texts`` read as a form's entries: :data:`FORM_ENTRIES` of them or more open
    with a label before a sentence."""
    return sum(1 for text in texts if _CLAUSE_VALUE.match(curly_quotes(text))) >= FORM_ENTRIES
# What a document's name ends in (general Chinese administrative and legal genres).
DOCUMENT_HEADS = ("方案", "计划", "规划", "意见", "办法", "条例", "规定", "通知", "纲要", "指南", "细则",
                  "决定", "章程")
# A bracketed definition of the name the text goes on to use, the drafting formula of Chinese
# laws, contracts and patents: （以下简称“甲方”）, （以下统称公共服务机构）, （下称本公司）.
_DEFINED = re.compile(r"[（(](?:以下|下文|下)(?:简称|统称|称)(?:为)?[：:]?\s*[“\"‘]?([^（）()“”\"‘’，,。；、]{2,20})[”\"’]?[）)]")
# A term the text defines by what it refers to (意外伤害：指遭受外来的…, 个人信息是指以电子…, 本条款所称
# 现金价值，是指…): the subject of 是指 or 系指, or of 指 after a colon, at the start of a clause — the
# definitions of laws, standards, policies and contracts, and a report's note on its terms.  (A
# bare 指 after the term with no colon starts words too often: 指定, 指引, 指导, 指数.)
_DEFINES = re.compile(rf"(?:^|(?<=[，。；\s]))(?:{_NUMBER_MARK})?"
                      rf"(?:本[{HAN}]{{1,4}}所称(?:的)?)?[“\"]?([{HAN}][{HAN}A-Za-z0-9]{{1,13}}?)[”\"]?"
                      rf"(?:[：:]\s*(?:是指|系指|指)|[，,]?(?:是指|系指))")
# A bracketed note giving one example: （例如：…）, （比如…）, （诸如…）.
_EXAMPLE = re.compile(r"[（(](?:例如|比如|譬如|诸如)[：:，,]?\s*([^（）()、，,。；：:]{1,30})[）)]")
_QUOTED = re.compile(r"“([^“”\n]{1,24})”")
_COORD = re.compile(r"“([^“”、，\n]{1,4})”(?:、“([^“”、，\n]{1,4})”)+")
_HAN = re.compile(f"[{HAN}]")


@dataclass
class Occurrence:
    """One mention of a candidate term in a Chinese text."""

    term: str
    start: int
    cues: set[str] = field(default_factory=set)
    acronym: str | None = None
    enum: tuple[int, int, int] | None = None   # (enumeration id, item index, item count)
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Word:
    text: str
    pos: str
    start: int


@lru_cache(maxsize=1)
def private_cache_dir() -> str:
    """Where jieba keeps its dictionary cache: ``tm.private_cache_dir("jieba")``
    (``~/.cache/zhen-tm/jieba``) if this user alone can write it, else a new private
    temporary directory removed at exit. (jieba's default, a fixed name in the shared
    ``$TMPDIR`` read without an owner check, lets another user plant a cache that crashes
    or misleads extraction.)"""
    import atexit
    import shutil
    import tempfile

    from tm import private_cache_dir as private

    path = private("jieba")
    if path is None:
        path = tempfile.mkdtemp(prefix="zhen-tm-jieba-")
        atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@lru_cache(maxsize=1)
def _jieba_tables():
    """jieba's dictionary and tag table, loaded once per process (about 1-2 s)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = private_cache_dir()   # never a cache another user could plant in $TMPDIR
    tok.initialize()
    pos = jieba.posseg.POSTokenizer(tok)
    return tok.FREQ, tok.total, pos.word_tag_tab


@lru_cache(maxsize=4096)
def bound_noun_character(char: str) -> bool:
    """A character jieba's dictionary tags a noun that makes up no more than
    ``GRAMMATICAL_SHARE`` of its corpus as a word of its own (器, 库, 值; not 会, 时, 中): in
    running text it is mostly the bound head of a compound (调度器, 记忆库, 实际值)."""
    freq, total, tags = _jieba_tables()
    return len(char) == 1 and (tags.get(char) or "").startswith("n") \
        and (freq.get(char) or 0) <= GRAMMATICAL_SHARE * total


class Segmenter:
    """jieba with its own dictionary instance, so user terms never leak between callers."""

    def __init__(self, user_terms=()):
        import jieba
        import jieba.posseg

        freq, total, tags = _jieba_tables()
        self._tok = jieba.Tokenizer()
        self._tok.FREQ, self._tok.total, self._tok.initialized = dict(freq), total, True
        self._pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
        self._pos.tokenizer, self._pos.word_tag_tab = self._tok, dict(tags)
        self.user_terms = set()
        self._cache: dict[str, list[Word]] = {}
        self._blocks: dict[str, list[tuple[str, str]]] = {}
        for term in user_terms:
            self.add(term)

    def add(self, term: str) -> None:
        term = term.strip()
        if len(term) >= 2 and term not in self.user_terms:
            self.user_terms.add(term)
            self._tok.add_word(term, freq=max(self._tok.suggest_freq(term), 10), tag="nz")
            self._pos.word_tag_tab[term] = "nz"
            self._cache.clear()
            self._blocks.clear()

    def known(self, phrase: str) -> bool:
        """A dictionary headword (jieba's or CC-CEDICT's): not to be trimmed (增强现实)."""
        from tm import load_lexicon

        return len(phrase) >= 3 and (self.frequency(phrase) > 0 or phrase in load_lexicon())

    def tag(self, word: str) -> str | None:
        """jieba's part of speech of a dictionary word, else None."""
        return self._pos.word_tag_tab.get(word)

    def total_frequency(self) -> int:
        """Sum of jieba's dictionary frequencies: the background corpus size."""
        return self._tok.total

    def frequency(self, word: str) -> int:
        """jieba's corpus frequency of a dictionary word (0 if unknown): generality."""
        return 0 if word in self.user_terms else self._tok.FREQ.get(word, 0) or 0

    def grammatical(self, word: str) -> bool:
        """Whether ``word`` makes up more than ``GRAMMATICAL_SHARE`` of jieba's background
        corpus, as grammatical words do (是, 有, 会, 可)."""
        return self.frequency(word) > GRAMMATICAL_SHARE * self.total_frequency()

    def remember(self, words: dict[str, list[Word]]) -> None:
        """Take the words of texts cut elsewhere (a forked child's :meth:`words`)."""
        for text, cut in words.items():
            if len(self._cache) >= 100_000:
                break
            self._cache.setdefault(text, cut)

    def _joined(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """jieba's cut with a bound character put back on its noun: a one-character measure
        word right after a noun (数据 | 集) or a one-character numeral right before one
        (元 | 数据) is no measure word or numeral there (a measure word follows a numeral or a
        demonstrative, a numeral takes a measure word), so the two are one word when CC-CEDICT
        lists them and jieba's dictionary does not (数据集 "data set", 元数据 "metadata")."""
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words):
                (a, fa), (b, fb) = words[i], words[i + 1]
                if ((len(b) == 1 and fb == "q" and fa.startswith("n") and len(a) >= 2)
                        or (len(a) == 1 and fa == "m" and fb.startswith("n") and len(b) >= 2)) \
                        and _ALL_HAN.fullmatch(a + b) and not self._tok.FREQ.get(a + b) and a + b in _lexicon():
                    out.append((a + b, "n"))
                    i += 2
                    continue
            out.append(words[i])
            i += 1
        return out

    def _recut(self, words: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """jieba's cut with a character its HMM glued to a grammatical word put back on the noun
        before it: 调度 | 器会 | 将 -> 调度器 | 会 | 将, 记忆 | 库中 -> 记忆库 | 中.  jieba's HMM joins
        single characters the dictionary leaves between words into a word neither jieba's
        dictionary nor CC-CEDICT knows; when the second of its two characters is a word that
        makes up more than ``GRAMMATICAL_SHARE`` of jieba's background corpus (会, 中, 是, 为)
        and the first is a noun character that is not (器, 库, 值, 流), the coinage is those
        two words, and after a noun of two characters or more the noun character is the head
        of a compound with it (a noun before a noun)."""
        out: list[tuple[str, str]] = []
        share = GRAMMATICAL_SHARE * self._tok.total
        freq, tags = self._tok.FREQ, self._pos.word_tag_tab
        for word, flag in words:
            if out and len(word) == 2 and flag == "f" and word[1] in LOCALISERS and _ALL_HAN.fullmatch(out[-1][0]) \
                    and len(out[-1][0]) >= 2 and freq.get(out[-1][0] + word[0]) \
                    and (tags.get(out[-1][0] + word[0]) or "").startswith("n"):
                # 报告 | 期内 -> 报告期 | 内 "within the reporting period": a localiser of two
                # characters whose first character completes the word before it into a noun of
                # jieba's dictionary is that noun's last character and a localiser of one (jieba
                # weighs the two cuts by frequency alone, and 期内 outweighs 报告期)
                out[-1] = (out[-1][0] + word[0], tags.get(out[-1][0] + word[0]))
                out.append((word[1], "f"))
                continue
            if out and len(word) == 2 and _ALL_HAN.fullmatch(word) and not freq.get(word) \
                    and word not in self.user_terms:
                a, b = word
                prev, pflag = out[-1]
                if (freq.get(b) or 0) > share and bound_noun_character(a) and pflag.startswith(("n", "j")) \
                        and len(prev) >= 2 and _ALL_HAN.fullmatch(prev) and word not in _lexicon():
                    out[-1] = (prev + a, "n")
                    out.append((b, tags.get(b) or flag))
                    continue
            out.append((word, flag))
        return out

    def words(self, text: str) -> list[Word]:
        """Words with part of speech and offset (cached: terms are segmented again and again)."""
        cached = self._cache.get(text)
        if cached is None:
            # jieba cuts each run of ideographs/letters/digits (its re_han_internal) on its
            # own; cutting the runs one by one, each cached, gives the same words, and a
            # memory's repeated phrases are cut once
            cached, pos = [], 0
            blocks = self._blocks
            for block in _JIEBA_BLOCK.split(text):
                if not block:
                    continue
                words = blocks.get(block)
                if words is None:
                    words = self._recut(self._joined([(pair.word, pair.flag) for pair in self._pos.cut(block)]))
                    if len(blocks) < 200_000:
                        blocks[block] = words
                for word, flag in words:
                    cached.append(Word(word, flag, pos))
                    pos += len(word)
            if len(self._cache) < 100_000:
                self._cache[text] = cached
        return cached


MEASURES = frozenset("家个项所批条名座种位次")
#: The one-character localisers (方位词) that close a place or time adverbial after a noun.
LOCALISERS = "中上下里内外前后间"
#: Modal verbs (能愿动词) as jieba cuts them alone: the predicate of a rule or an instruction
#: starts there (血糖仪 | 应 | 在…储存 "the meter shall be stored…"): no end of the subject
#: before them.  (Compounds jieba knows keep theirs: 应急, 可编程.)  The modals of duty and
#: prohibition only: trimming 可以 / 能 too left 单个容器 "a single container" of k8s's
#: 单个容器可以 a candidate (a determiner's phrase, no term), measured in session 26.
MODAL_VERBS = frozenset("应 应当 应该 须 必须 宜 不宜 不得 不应 无须".split())
#: The verbs of a polite request (请 "please", 请勿 "please do not"): like a modal, the
#: predicate of an instruction starts after them (请 | 仔细阅读说明书 "read the insert carefully").
REQUEST_VERBS = frozenset(("请", "请勿"))
#: Verbs of showing and stating that take a clause as their object (结果表明… "the results
#: show that …", 研究指出, 专家认为): a phrase ending in one is a clause's subject and verb, the
#: object still to come, never a name.  jieba's dictionary holds some as one word (结果表明,
#: a noun to it; CC-CEDICT's "known" is a sense of 表明 that is no verb's), so the end of the
#: text is read, not the last word.  Not the verbs that double as nouns of documents and
#: findings (说明 in 附图说明 "description of the drawings", 证明 "certificate", 显示 "display",
#: 表示 "representation", 发现 "discovery").
STATING_VERBS = ("表明", "指出", "认为", "证实", "揭示")
#: Verbs of adopting and including (采用 "adopt, use", 采取 "take", 包括 / 包含 "include"): a
#: light verb whose object is the thing named, as a predicate's (采用共沉淀法 "by the
#: co-precipitation method", 综合单价包括人工费 "unit rates include labour"), never a part of a
#: name; the verbs of use that do name an activity (使用说明书, 使用寿命, 应用场景) are not here.
ADOPTING_VERBS = frozenset(("采用", "采取", "包括", "包含"))
#: Verbs of comparison (高于 "higher than", 低于, 大于, 小于, 等于, 优于: the verb and 于 fused, the
#: standard of comparison to come) and of belonging and nearness (属于 "belong to", 靠近 "close to",
#: 远离 "away from"): a predicate's verb with its object (预期收益高于债券型基金 "a higher expected
#: return than bond funds", 远离火种 "keep away from sources of ignition"), no part of a name.
#: Not 接近, 适合, 位于: they modify a head in names (接近开关 "proximity switch", 适合度 "goodness
#: of fit", 位于同一位置 "co-located").
RELATING_VERBS = frozenset(("高于", "低于", "大于", "小于", "等于", "优于", "属于", "靠近", "远离"))
# Words a number takes to name a date, a period or an edition (2025 | 年度 "the 2025 fiscal
# year", 5 | 月份 "May", 2025年 | 版): right after a number they are the number's, not the
# front of the noun phrase after them (2025年度 | 中小企业…).
NUMBER_UNITS = frozenset("年度 季度 月份 年份 年代 周年 世纪 年 月 日 版 届 期".split())
# A news report's day: 今（15）日 "today (the 15th)", 昨（14）日 "yesterday": no part of the
# name before it nor of the words after it (臺北市政府資訊局今（15）日宣布).
DAY_FORMULA = re.compile(r"[今昨明前]\s*[（(]\s*[0-9０-９]{1,2}\s*[）)]\s*日")
#: Marks a name never begins or ends with (a dash, a colon, a label's brackets, an arrow's parts,
#: the full-width point a list's number takes: 2．更正、补充, GB/T 15834's 序号 "1．");
#: all but the hyphen, the slash (RISC-V, VR/AR) and the point (a full-width decimal, ３．５)
#: part phrases too.
EDGE_MARKS = frozenset("—–-:;,[]<>/=|~*．"
                       # a formula's or a measurement's signs (×100%计算, 相对湿度≤93%, RWC＝…)
                       "%％‰≤≥＜＞±×÷≈≠＝")
_PARTING_MARKS = EDGE_MARKS - frozenset("-/．")


# The ordinal of a part of a text (第六条 "Article 6", 第一章, 第二节, 第三款, 第一部分): the
# numbering of an article or a chapter, which jieba cuts as one numeral; it names nothing and
# is no front of the phrase after it (第六条 | 涉及个人隐私…).
_ORDINAL_PART = re.compile(r"第[一二三四五六七八九十百零〇两0-9０-９]+(?:条|章|节|款|项|篇|部分|编)")


def _is_boundary(word: Word) -> bool:
    if _ORDINAL_PART.fullmatch(word.text):
        return True
    if word.pos == "x" and (inline_codes(word.text) or word.text and set(word.text) <= _PARTING_MARKS):
        return True           # an inline code (bold on, a link's start), a dash, a colon: no part of a phrase
    if word.text in FRAME or word.text in MEASURES or any(c in CUT or c in "、" for c in word.text):
        return True
    if linking_word(word.text):
        return True           # 之前 "before", 之日起 "from the date": 之 links, names nothing
    if word.text.isdigit() or re.fullmatch(r"[0-9.]+[个家项所批亿万年]?", word.text):
        return True
    return word.pos.startswith(FUNCTION_POS) and word.pos not in ("eng",) and not _HAN.search(word.text) is None \
        and len(word.text) == 1


def _first_person(word: Word) -> bool:
    """A pronoun of the first person that names the speaker's country, region or side (我国
    "our country", 我省, 我市, 我方: jieba tags them pronouns): "China's", "the province's",
    no part of the name after it (我国新能源汽车 "China's new energy vehicles"), as 我们 is not."""
    return word.pos == "r" and len(word.text) >= 2 and word.text.startswith("我")


def _trim(words: list[Word]) -> list[Word]:
    """The phrase without the framing words and generic activities at its ends; but a
    generic activity before a verb that would be left alone is the verb's modifier, and the
    two are one nominalised compound (研发 | 攻关 "research and tackling", 应用 | 示范
    "application demonstration"), kept.  A verb before a generic word at the end is a verb
    and its object (保存 | 项目 "save the project"), trimmed as before."""
    while words and (words[0].text in DEICTIC or words[0].text in ANAPHORIC or _first_person(words[0])):
        words = words[1:]
    whole, framed = words, 0
    while words and (words[0].text in GENERIC or words[0].text in FRAME):
        if words[0].text in FRAME:
            framed = len(whole) - len(words) + 1
        words = words[1:]
    while words and (words[-1].text in GENERIC or words[-1].text in FRAME):
        words = words[:-1]
    if len(words) == 1 and words[0].pos == "v" and words[0] is whole[-1] \
            and len(whole) - framed >= 2:
        return whole[framed:]
    return words


def _predicate(run: list[Word], *, adjective: bool = False) -> bool:
    """The run is a subject and a predicate of two characters or more after it: with
    ``adjective``, an adjective after a word or more (场景丰富: evidence that a series is of
    clauses), else an adjective or a verb (完备 "complete", which jieba tags ``v``) after three
    characters or more (信创链条完备: what is stripped, leaving a name; 医疗健康 stays whole).
    A one-character adjective (能力强, 知名度高) is left: it grades an attribute noun, which is
    no term either way."""
    last = run[-1] if len(run) >= 2 and (adjective or len(_text(run[:-1])) >= 3) else None
    return last is not None and len(last.text) >= 2 and _HAN.match(last.text) is not None \
        and last.pos in (("a", "ad") if adjective else ("a", "ad", "v"))


def _after_predicate(run: list[Word]) -> list[Word]:
    """The words of ``run`` after its last modal verb (:data:`MODAL_VERBS`) and the adverbs
    and verbs that follow it: what an enumeration's first item can be when the clause's
    subject and predicate stand before it in one run of content words (数据资产清单 | 应 |
    至少 | 包括 | 数据类别、…); the run itself when it holds none."""
    cut = max((i for i, w in enumerate(run) if w.text in MODAL_VERBS), default=-1)
    if cut < 0:
        return run
    cut += 1
    while cut < len(run) and run[cut].pos.startswith(("d", "v")) and not run[cut].pos.startswith("vn"):
        cut += 1
    return run[cut:]


def _series_of_verbs(items: list) -> list:
    """The items of an enumeration are parallel: when every item after the first starts
    with a verb (统筹、指导、协调和监督… "planning, guidance, coordination and supervision of
    …") and the first ends in one, the series names actions, and its first item is that verb
    alone, not the subject and predicate before it (市大数据主管部门负责 | 统筹 "the municipal
    big data authority is responsible for …").  A plain verb (jieba ``v``): a verbal noun
    after the first item (仿真 | 模拟、数据采集 …) may be a noun of a series of activities."""
    runs = [item for item in items[1:] if not isinstance(item, tuple)]
    if len(items) < 2 or isinstance(items[0], tuple) or len(items[0]) < 2 or len(runs) < len(items) - 1 \
            or not all(r[0].pos == "v" for r in runs) or items[0][-1].pos != "v":
        return items
    return [items[0][-1:]] + items[1:]


def _numbers_unit(prev: Word | None, w: Word) -> bool:
    """2025 | 年度, 3 | V (a volt), 30 | GWh: the unit a number takes, written right after it,
    is the number's, no front of the phrase after it."""
    return (w.text in NUMBER_UNITS or w.pos == "eng" and _LATIN_LETTER.match(w.text) is not None) \
        and prev is not None and prev.start + len(prev.text) == w.start \
        and (prev.pos == "m" or re.fullmatch(r"[0-9０-９.,，]+", prev.text) is not None)


def _type_number(w: Word, after: Word | None) -> bool:
    """A number written right before 型 "type" is part of the type's name (2型糖尿病 "type 2
    diabetes", 1型 "type 1"): no boundary of the phrase, as it is before a measure word."""
    return after is not None and after.text == "型" and w.start + len(w.text) == after.start \
        and re.fullmatch(r"[0-9０-９]{1,2}", w.text) is not None


def _chunks(words: list[Word]) -> list[list[Word]]:
    """Maximal runs of content words; 和, 与 or 及 joins two halves of an organisation name
    (国家科学及技术委员会)."""
    runs: list[list[Word]] = [[]]
    prev = None
    for k, w in enumerate(words):
        after_number = _numbers_unit(prev, w)
        prev = w
        if after_number:
            runs.append([])
        elif _type_number(w, words[k + 1] if k + 1 < len(words) else None):
            runs.append([w])        # 纳入 | 2 | 型 | 糖尿病: the number begins the type's name, 2型糖尿病 "type 2 diabetes"
        elif _is_boundary(w):
            runs.append([w]) if w.text in ("和", "与", "及") else None
            runs.append([])
        else:
            runs[-1].append(w)
    out: list[list[Word]] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if len(run) == 1 and run[0].text in ("和", "与", "及"):
            prev = out[-1] if out else []
            nxt = runs[i + 1] if i + 1 < len(runs) else []
            text = "".join(w.text for w in prev + run + nxt)
            if prev and nxt and text.endswith(ORG_HEADS) and len(text) <= 12:
                out[-1] = prev + run + nxt
                i += 2
                continue
            i += 1
            continue
        if run:
            out.append(run)
        i += 1
    return out


_ORG_TAIL = "|".join(sorted(ORG_HEADS, key=len, reverse=True))
_ORG_AT_START = re.compile(rf"^[（(]?([^（()）“”\s]{{1,11}}?(?:{_ORG_TAIL}))(?=按|等|为|$)")
# A bracketed note naming two or more organisations and what they are to do (（市科技局、市数据局
# 按职责分工负责）: Chinese plans close each task so): the words after the last organisation.
# Each name has three characters or more (a prefix and the head: 外部, 全部 end in 部 too).
_NOTE_ORG = rf"[^（()）、，。；\s]{{2,11}}?(?:{_ORG_TAIL})"
_DUTY_NOTE = re.compile(rf"[（(]((?:{_NOTE_ORG}、)+{_NOTE_ORG})([{HAN}]{{4,12}})[）)]")
_ORG_AT_END = re.compile(rf"(?:^|[（(])([^（()）“”\s]{{1,11}}?(?:{_ORG_TAIL}))$")


def _org_name(piece: str, *, first: bool) -> str | None:
    """The whole organisation name an enumeration item consists of (市投资促进局), if any."""
    m = (_ORG_AT_END if first else _ORG_AT_START).search(piece)
    if m and _ok(m.group(1)) and not any(w in m.group(1) for w in ("、", "，")):
        return m.group(1)
    return None


def _from_place(run: list[Word]) -> list[Word]:
    """A run naming an organisation or a place by its suffix (…有限公司, …人民政府, a place name
    last) that starts with a one-character word before a place name: the name starts at the
    place, the character is the clause's (指 | 上海 | … | 有限公司 "means Shanghai … Co., Ltd.",
    jieba tagging 指 "finger" a noun; 在 | 北京市, 赴 | 天津市)."""
    if len(run) >= 2 and len(run[0].text) == 1 and _HAN.match(run[0].text) and run[1].pos.startswith("ns") \
            and (_text(run).endswith(ORG_HEADS) or run[-1].pos.startswith("ns")):
        return run[1:]
    return run


def _before_predicate(run: list[Word], seg: Segmenter) -> list[Word]:
    """``run`` without the words of the clause after the phrase: a modal or a copula (调度器 |
    会, 血糖仪 | 应), a time adverbial after a name (数据局 | 今年 "this year", 科技局 | 近日), a
    pronoun (西湖十景 | 之一 "one of", 平台 | 本身 "itself"), an organisation's verb (经济部 | 协办,
    发展部 | 主办 "hosted by the Ministry")."""
    while run and (len(run[-1].text) == 1 and run[-1].pos == "v" and seg.grammatical(run[-1].text)
                   or run[-1].text in MODAL_VERBS):
        run = run[:-1]
    while len(run) >= 2 and run[-1].pos in ("t", "tg"):
        run = run[:-1]
    while run and run[-1].pos.startswith("r"):
        run = run[:-1]
    if len(run) >= 2 and run[-1].pos in ("v", "b") and len(run[-2].text) >= 3 and run[-2].text.endswith(ORG_HEADS):
        run = run[:-1]
    return run[:_quantity_after(run, seg)]


def _before_stated_value(run: list[Word], text: str) -> tuple[list[Word], list[Word]]:
    """``run`` without a verb that states the value after it, and the quantity so stated
    (地区生产总值 | 增长 | 5.6%, 水质优良比例 | 达到 | 92.3%, 容量保持率 | 为 | 85%, 株距 | 12 cm;
    empty when the run states none).  A verb of two characters right before a figure (or before
    至, 到 or 在 and a figure: 下降至80%, 控制在5.5%以内), after a noun, is the predicate of a
    reported value, no part of a name; the noun phrase before it, before the copula 为 and a
    figure, or right before a figure, is the quantity whose value the text gives, as a form's
    label before its value is (额定电压：220V) — when it opens its clause, as a label does,
    without a scope word first (全省 | 降水量 "the province's precipitation": 全 "whole" and a unit
    of administration or time say where, not what), and not starting with a verb (接待 | 游客 |
    4860万人次: an action and the count of its objects)."""
    if not run or text[:run[0].start].rstrip()[-1:] not in ("", *_CLAUSE_OPENERS):
        return run, []
    end = run[-1].start + len(run[-1].text)
    if len(run) >= 2 and run[-1].pos == "v" and len(run[-1].text) >= 2 and run[-2].pos.startswith("n") \
            and _STATED_VALUE.match(text, end):
        run = run[:-1]
    elif not (run[-1].pos.startswith("n")
              and (_FIGURE.match(text, end) or text.startswith("为", end) and _FIGURE.match(text, end + 1))):
        return run, []
    named = run[1:] if len(run) >= 2 and _SCOPE.fullmatch(run[0].text) else run
    if named[0].pos.startswith("v") and named[0].pos != "vn":
        return run, []
    return named, named


def _label_words(words: list[Word]) -> bool:
    """A label's words name a field: no function word, numeral, measure word, localiser or time
    word, and no framing word (``FRAME``)."""
    return not any(w.pos.startswith(FUNCTION_POS + ("m", "q", "f", "t")) or w.text in FRAME for w in words)


# what a clause's subject follows: the text's start or a clause's punctuation (规模以上 | 工业增加值,
# PM2.5 | 平均浓度, 其 | 化学名称: a modifier cut off before the run, not the figure's whole name)
_CLAUSE_OPENERS = ("，", "；", "。", "：", ",", ";", ":")
# a figure, as a reported value starts (5.6%, 5860亿元, 0.42米), after 至 or 到 (下降至80%) or after
# 在, a bound (控制在5.5%以内 "kept within 5.5%", 稳定在95%以上)
_FIGURE = re.compile(r"[0-9０-９]")
_STATED_VALUE = re.compile(r"[至到在]?[0-9０-９]")
# 全 "whole" and a one-character unit of place or time (全省, 全市, 全国, 全年): the scope of a figure
_SCOPE = re.compile(f"全[{HAN}]")


_NUMERAL = re.compile(r"[一二两三四五六七八九十百千万几半双0-9０-９]+")


def _quantity_after(run: list[Word], seg: Segmenter) -> int:
    """Where a count said after a noun begins (检验报告 | 一 | 式 | 三份 "inspection report in
    triplicate", 营业执照副本 | 一份): a Chinese quantity stands before the noun it counts
    (三份报告), so a numeral and its measure words after a noun, closing the run, are a
    predicate of how many, no part of the name.  A numeral word (一, 三份, jieba's ``m`` or
    ``mq``; 一份 a numeral and a character jieba's dictionary tags a measure word) opens the
    count, measure words and suffixes (式) follow it; 一体化 is no count.  A numeral before a
    unit of time or a version (2025 | 年度) is taken apart before (``_numbers_unit``)."""
    def numeral(w: Word) -> bool:
        return w.pos in ("m", "mq") and (_NUMERAL.fullmatch(w.text) is not None or len(w.text) == 2
                                          and _NUMERAL.fullmatch(w.text[0]) is not None and seg.tag(w.text[1]) == "q")
    k = len(run)
    while k > 1 and (run[k - 1].pos in ("q", "k") or numeral(run[k - 1])):
        k -= 1
    if k == len(run) or not numeral(run[k]) or not run[k - 1].pos.startswith("n"):
        return len(run)
    return k


def _past_the_verb(run: list[Word], k: int, seg: Segmenter) -> int:
    """Where the object starts after a modal of duty ending at ``k``: past the adverbs (应 |
    至少 | 包括), a one-character auxiliary (应 | 能 | 承受) and one verb, the predicate's (应 |
    配置 | 剩余电流保护器: jieba tags the modifier 剩余 a verb too); never the run's last word."""
    while k < len(run) - 1 and run[k].pos.startswith("d"):
        k += 1
    if k < len(run) - 1 and len(run[k].text) == 1 and run[k].pos == "v" and seg.grammatical(run[k].text):
        k += 1
    if k < len(run) - 1 and run[k].pos == "v":
        k += 1
    return k


def _clauses(run: list[Word], seg: Segmenter) -> list[list[Word]]:
    """A run parted at what makes it a clause: a verb before a place name (西湖 | 位于 |
    杭州市西湖区 "West Lake is in Xihu District of Hangzhou", 到达 | 湖滨: the predicate and
    its object), and without the copula or modal verb of one character that jieba cuts alone
    at its front (是 | 国家…, 可 | 门诊治疗 "can be treated as outpatients"), as after a
    phrase (调度器 | 会); and before a negation (``tm.negations``: 不能, 不得, 禁止, 尚未 …),
    which starts the predicate (蛋白 | 不能 | 可靠 | 地区… "cannot reliably distinguish",
    jieba's mis-cut of 可靠地 | 区分, was a candidate; keeping the object after the verbs kept
    such junk and gave 新设行政审批事项).  (Parted at a copula or modal inside the run too, k8s
    lost precision, 0.798 → 0.792, measured in session 27.)"""
    while run and len(run[0].text) == 1 and run[0].pos == "v" and seg.grammatical(run[0].text):
        run = run[1:]
    negated = next((j for j, w in enumerate(run) if negations(w.text, "zh") == [(0, len(w.text))]), None)
    if negated is not None:
        run = run[:negated]
    parts, start = [], 0
    # an anaphoric determiner begins the noun phrase it points back with: the words before it
    # are the clause's, a verb right before it its predicate (得到 | 所述正极材料 "to obtain said
    # cathode material", 占 | 所述…)
    pointer = max((j for j, w in enumerate(run) if j > 0 and w.text in ANAPHORIC), default=0)
    if pointer:
        parts.append(run[:pointer - 1] if run[pointer - 1].pos.startswith("v") else run[:pointer])
        start = pointer
    j = start + 1
    while j < len(run):
        if run[j - 1].pos == "v" and run[j].pos.startswith("ns") and j - 1 >= start:
            parts.append(run[start:j - 1])
            start = j
        elif run[j].text in MODAL_VERBS and j > start:
            # a modal of duty between the subject and its predicate (充电桩 | 应 | 具有 | 急停装置
            # "the charging point shall have an emergency stop"): the subject before it, and
            # after it the object of the predicate's verbs (a requirement's clause is cut so
            # in standards, contracts and regulations)
            parts.append(run[start:j])
            start = _past_the_verb(run, j + 1, seg)
            j = start
        j += 1
    return [part for part in parts + [run[start:]] if part]


def _text(words: list[Word]) -> str:
    return "".join(w.text for w in words)



def _ok(term: str) -> bool:
    han = len(_HAN.findall(term))
    return 2 <= len(term) <= 20 and (han >= 2 or (han >= 1 and len(term) >= 3)) \
        and not re.search(r"[，。；：！？、“”（）()\s]", term) and not inline_codes(term)


# jieba's parts of speech a lexicalised compound may end in (nouns, names, verbal nouns,
# abbreviations, jieba's bound noun morphemes) and may not hold anywhere (function words,
# numerals, measure words, localisers, time words, pronouns, adverbs).
_LEXICON_LAST = ("n", "vn", "j", "ng", "nz")
_LEXICON_NEVER = ("p", "c", "u", "d", "r", "m", "q", "f", "t", "y", "e", "o", "w", "x", "z", "k", "h")


def _lexicalised(words: list[Word], seg: Segmenter, *, max_words: int = 4) -> list[tuple[int, str]]:
    """``(start, text)`` of the compounds of three characters or more that CC-CEDICT lists as
    one headword and jieba's dictionary does not (大 | 数据 "big data", 智能 | 体 "intelligent
    agent", 上下文 | 菜单 "context menu", 元数据 "metadata"): a concept the language has
    lexicalised, though a general-frequency dictionary cuts it into its parts.  Whole words
    of jieba's cut (北京 | 人工智能 holds no 北京人), or whole words and the front of one more
    whose rest is a word of jieba's dictionary of two characters or more (脑机 | 接口技术 holds
    脑机接口 and 技术, 纯 | 文本文件 纯文本 and 文件: jieba's cut took the wrong one of two
    words); content words with no verb of grammatical frequency (有, 是, 会), the last a noun
    (下 | 一个, 找 | 不到, 没有 | 意义 are no names), and a nominal sense in CC-CEDICT.  A last piece
    of one character counts as a noun when CC-CEDICT gives it a sense that is no verb's, whatever
    jieba tags it out of context (时间 | 戳 "timestamp", 戳 "to poke; stamp; seal")."""
    lexicon = _lexicon()
    out = []

    def fits(part: list[Word], text: str) -> bool:
        return 3 <= len(text) and text not in seg.user_terms and not seg.frequency(text) and text in lexicon \
            and not any(x.pos.startswith(_LEXICON_NEVER) or x.text in FRAME
                        or x.pos.startswith("v") and seg.grammatical(x.text) for x in part) \
            and (part[-1].pos.startswith(_LEXICON_LAST) or len(part[-1].text) == 1 and nominal_word(part[-1].text)) \
            and nominal_word(text)
    for i, w in enumerate(words):
        for j in range(i + 1, min(len(words), i + max_words) + 1):
            part = words[i:j]
            text = _text(part)
            if len(text) > 8 or not _ALL_HAN.fullmatch(text):
                break
            if fits(part, text):
                out.append((w.start, text))
            last = part[-1].text
            for k in range(1, len(last) - 1):      # the front of the last word, its rest a word
                if fits(part, text[:len(text) - len(last) + k]) and seg.frequency(last[k:]):
                    out.append((w.start, text[:len(text) - len(last) + k]))
    return out


# Cues that find a phrase by its shape alone (no quote, bracket or title fixes its extent).
_SHAPE_CUES = frozenset(("chunk", "enumeration", "head", "field"))
_LATIN_LETTER = re.compile("[A-Za-z]")
# jieba's parts of speech a phrase may start with and end in to name a thing (nouns, names,
# nominal adjectives, abbreviations, Latin words): as the corpus statistics require of sequences.
# jieba's dictionary count from which general language uses a word often enough for it to be
# no term on its own (the extractor's reading of everyday words; 技术 37,664, 存储 931, 探针 64).
EVERYDAY = 500
_NAMING_FIRST = ("n", "a", "an", "j", "l", "eng")
_NAMING_LAST = ("n", "an", "j", "l", "eng")


def _nominal_edges(words: list[Word]) -> bool:
    """The words (as the text cuts them) of a phrase mixing a Latin name and Chinese words
    (AI数据库, AI安全工具) start and end in a noun-like word.  Written without a space
    (直到Pod结束, 需要API服务器, 多个Pod, Pod内), such a run of text is cut by no boundary a
    space would make, and its verbs, numerals and localisers at the edges are the clause's:
    the same text written with spaces gives no candidate at all (``_ok``).  A verb or verbal
    noun first is a verb and its object (管理Pod)."""
    words = [w for w in words if _HAN.search(w.text) or _LATIN_LETTER.search(w.text)]    # not spaces, codes
    return bool(words) and words[0].pos.startswith(_NAMING_FIRST) and words[-1].pos.startswith(_NAMING_LAST)


_CLAUSE_NUMBER = r"\s*[0-9]{1,2}(?:\.[0-9]{1,2}){0,4}[ \u3000]+"
# a clause's heading: its number, then a run of Chinese with no punctuation or space, alone on
# the line (1　范围, 5.2　电击防护) or run in before a colon (6.1　温升试验：在额定电流下…)
_CLAUSE_HEADING = re.compile(rf"{_CLAUSE_NUMBER}([{HAN}]{{2,12}})\s*(?:$|[：:](?=\s*\S))")
# a terms-and-definitions entry: number, Chinese term, its English equivalent (lower case as
# standards write it; "; PE" an abbreviation after it)
TERM_ENTRY = re.compile(rf"{_CLAUSE_NUMBER}([{HAN}][{HAN}A-Za-z0-9\-]{{1,15}})[ \u3000]+"
                        r"([a-z][a-z\-]*(?: [a-z][a-z\-]*){0,6})(?:[;；] ?[A-Za-z][A-Za-z0-9\-]*)?\s*$")
_BRACKET_HEADING = re.compile(f"【([{HAN}]{{2,10}})】")


# characters of a heading that names a part of the document (安全注意事项, 术语和定义); a longer one
# describes its section by the section's terms (地下水环境影响预测, 废气污染防治措施)
SHORT_HEADING = 6


def _heading_words(words: list[Word]) -> bool:
    """A heading's words name a notion: content words only (no function word, numeral,
    measure word, localiser or time word; 电击防护 and 技术要求 end in a verb jieba tags so,
    as a standard's headings often do), not an instruction (a one-character verb first: 请 |
    注意).  A short heading may name two parts of the document as one, two words and a
    conjunction (a standard's 术语和定义 "Terms and definitions", a paper's 结果与讨论 "Results and
    discussion", a report's 材料与方法): the genre's fixed heading, as 范围 and 结论 are; a longer
    coordination describes its section (车辆插头和车辆插座, 合同条款及格式)."""
    if len(words) == 3 and words[1].text in CONJUNCTIONS and len(_text(words)) <= SHORT_HEADING:
        return _heading_words(words[:1]) and _heading_words(words[2:])
    return bool(words) and not any(w.pos.startswith(FUNCTION_POS + ("m", "q", "f", "t")) or w.text in MODAL_VERBS
                                   or not _HAN.search(w.text) for w in words) \
        and not (len(words) > 1 and len(words[0].text) == 1 and words[0].pos.startswith("v"))   # 【请注意】


def _activity_heading(words: list[Word]) -> bool:
    """A heading's words (``_heading_words``) that name a notion with a verb of two characters
    or more at one end and a noun at the other: the verb modifies the noun (发明 | 内容, 入选 |
    标准) or is the activity the heading names (附图 | 说明, 方案 | 摘要), as a standard's 电击防护
    and 技术要求 are.  Two words or more, not all verbs (上传 | 下载: actions), each of two
    characters or more: a one-character piece is jieba's cut of a word its dictionary lacks
    (存储 | 桶 | 操作, 存储桶 "bucket"), whose tags do not say which word is the head."""
    def verb(w: Word) -> bool:
        return w.pos in ("v", "vn") and len(w.text) >= 2

    return len(words) >= 2 and _heading_words(words) and not all(verb(w) for w in words) \
        and all(len(w.text) >= 2 for w in words) \
        and (verb(words[0]) and words[-1].pos.startswith(_NAMING_LAST)
             or verb(words[-1]) and words[0].pos.startswith(_NAMING_FIRST))


def occurrences(text: str, seg: Segmenter, *, form: bool = False) -> list[Occurrence]:
    """Every structurally marked mention of a term in ``text`` (corner quotes read as
    curly ones: 「數據」 marks a name as “数据” does); with ``form``, ``text`` is one of a
    form's units (:func:`is_form`)."""
    text = curly_quotes(text)
    found: list[Occurrence] = []

    def add(term: str, start: int, cue: str, *, written: bool = False, **kw) -> None:
        # (the ideographic space too: 第六条　涉及…, a heading's 第一章　总则 part their words as a space does)
        bare = term.lstrip("“”‘’ \u3000")
        term, start = bare.rstrip("“”‘’ \u3000"), start + len(term) - len(bare)
        # an inline code around the name (“{1}极限编程{/1}”), or a mark no name begins or ends
        # with (——系统主机名, 文件:, [模糊]: a dash, a colon, a bracket of a label)
        while term and (term[0] in EDGE_MARKS or inline_codes(term[0])):
            term, start = term[1:], start + 1
        while term and (term[-1] in EDGE_MARKS or inline_codes(term[-1])):
            term = term[:-1]
        if cue in _SHAPE_CUES and _LATIN_LETTER.search(term) and _HAN.search(term) \
                and not _nominal_edges([w for w in seg.words(text) if start <= w.start < start + len(term)]):
            return
        if _ok(term) or written and _ok(re.sub(r"[、—（）()]", "", term)):
            found.append(Occurrence(term, start, {cue}, **kw))

    all_words = seg.words(text)

    def words_of(start: int, end: int) -> list[Word]:
        return [w for w in all_words if start <= w.start and w.start + len(w.text) <= end and w.text.strip()]

    # Titles: a work named in 《》 (a trailing bracketed year dropped), and a unit that is
    # nothing but a heading naming a document (…行动方案, …管理办法).
    for m in _TITLE.finditer(text):
        name = _YEARS.sub("", m.group(1))
        add(name, m.start(1), "title")
    heading = _NUMBERING.sub("", text.strip())     # a title has no full stop
    if heading.endswith(DOCUMENT_HEADS) and not re.search(r"[，。；：！？、“”\s]", heading):
        add(heading, text.find(heading), "title")
    # An article's or a chapter's heading (第七条 违约责任, 第一章　总则): in laws, regulations and
    # contracts a part numbered with a legal ordinal is headed by the legal notion it rules, a
    # noun phrase (合同价款及支付方式, with a conjunction, or 争议解决, a verb last, name none).
    part = re.match(r"\s*(第[一二三四五六七八九十百零〇两0-9０-９]+(?:条|章|节|编))[ \u3000]+(\S+)\s*$", text)
    if part and not re.search(r"[，。；：！？、“”]", part.group(2)):
        hw = seg.words(part.group(2))
        if hw and not any(w.pos.startswith(FUNCTION_POS + ("m", "q", "f", "t")) for w in hw) \
                and hw[-1].pos.startswith(_NAMING_LAST):
            add(part.group(2), part.start(2), "heading")
            # (and its line's whole run of content words: the chunk reader's trimming of a generic
            # word, 技术要求 -> 技术, and its parting at a conjunction read running prose, not a heading)
            add(part.group(2), part.start(2), "chunk")
    # A heading alone on its line with no number, made of everyday words (a patent
    # specification's 技术领域 "Technical Field", 权利要求书 "Claims"): it names a part of the
    # document, a genre's term that neither the statistics nor a word's rarity can find.  The
    # whole unit is one noun phrase of Chinese content words, a noun first and last, as the
    # legal ordinal's heading is (not a verb and its object, 配置访问凭证 "Configuring Access
    # Credentials", nor a series, 上传和下载对象).  A heading of the field's own words (容器探针
    # "Container probes") is left to those readings, as any mention of the term is.
    # A heading may also name an activity or a part by a verb of two characters at one end
    # (``_activity_heading``: 附图 | 说明 "Brief Description of the Drawings", 临床试验方案 | 摘要
    # "Protocol Synopsis", 发明 | 内容 "Summary of the Invention", 入选 | 标准 "Inclusion
    # criteria"), alone on its line or before a colon that opens what it heads (入选标准：): no
    # reading of the field's words finds it (the statistics count no sequence ending in a verb),
    # so its words need not be everyday ones.
    alone = text.strip()
    if re.fullmatch(f"[{HAN}]{{4,12}}[：:]?", alone):
        alone = alone.rstrip("：:")
        hw = seg.words(alone)
        if _heading_words(hw) and (hw[0].pos.startswith(_NAMING_FIRST) and hw[-1].pos.startswith(_NAMING_LAST)
                                   and all(seg.frequency(w.text) >= EVERYDAY for w in hw)
                                   and alone == text.strip()
                                   or _activity_heading(hw)):
            add(alone, text.find(alone), "heading")
            add(alone, text.find(alone), "chunk")
    # A standard's or a specification's numbered clause (GB/T 1.1, ISO/IEC drafting: 5.2　电击防护,
    # 6.1　绝缘电阻试验：用…测量): a clause number of arabic digits, a space, and the notion the
    # clause rules, alone on its line or run in before a colon; and a terms-and-definitions entry
    # (3.2　供电设备　supply equipment: the number, the term, its English equivalent), a term the
    # document defines (cue `definition`).
    entry = TERM_ENTRY.match(text)
    if entry:
        add(entry.group(1), entry.start(1), "definition")
    clause = _CLAUSE_HEADING.match(text)
    if clause and _heading_words(seg.words(clause.group(1))):
        add(clause.group(1), clause.start(1), "heading")
        add(clause.group(1), clause.start(1), "chunk")
    # A heading in lenticular brackets (【适应症】, 【注意事项】: the sections of a package insert,
    # a product's instructions, an abstract's 【关键词】), a noun phrase with no function word.
    for m in _BRACKET_HEADING.finditer(text):
        if _heading_words(seg.words(m.group(1))):
            add(m.group(1), m.start(1), "heading")
    # A field's label before a measured or coded value (额定电压：220V~, 净重：22kg): a name
    # of the quantity or the field, as a form or a data sheet gives it.  Content words only,
    # not ending in a verb (请注意：1. …, 显示：E1 are instructions).
    named, clause = _NAMED_VALUE.match(text), None
    if named and not any(w.pos.startswith(("v", "x")) and w.pos != "vn" and w.text.strip()
                         for w in words_of(named.start(2), named.end(2)) if _HAN.search(w.text)):
        labels = [named, *_LABEL.finditer(text)]    # a field's value named in words (通用名称：布洛芬片)
    else:
        labels = list(_LABEL.finditer(text))
        clause = _CLAUSE_VALUE.match(text) if form else None
        if clause:
            labels.insert(0, clause)
    for m in labels:
        lw = [w for w in words_of(m.start(1), m.end(1))]
        if lw and _label_words(lw) \
                and (not (lw[-1].pos.startswith("v") and lw[-1].pos != "vn")
                     or m is clause and len(lw) == 2 and lw[0].pos.startswith("n")):
            add(m.group(1), m.start(1), "label")
    # Quoted names, and coordinated quoted abbreviations as one entry with parts.
    for m in _QUOTED.finditer(text):
        inner = _ACRONYM.sub("", m.group(1))
        items = re.split(r"[、—]", m.group(1))
        if len(items) >= 2 and all(re.fullmatch(f"[{HAN}]{{1,3}}", i) for i in items):
            # a quoted series of short items (“云、边、端”, “基础级—先进级—卓越级—领航级”): one
            # coordinated name, as written
            add(m.group(1), m.start(1), "quote", written=True)
            continue
        if inner != m.group(1) and not re.search(r"[、，。；—]", inner):
            # a quoted name holding its acronym (“人工智能（AI）+信创”) is named as written
            add(m.group(1), m.start(1), "quote", written=True)
        if not re.search(r"[、，。；—]", inner):
            add(inner, m.start(1), "quote")
            if "+" in inner:
                for piece in inner.split("+"):
                    add(piece, m.start(1) + inner.find(piece), "operand")
                if inner.endswith("+") is False and inner.count("+") == 1:
                    add(inner.split("+")[0] + "+", m.start(1), "operand")
    for m in _COORD.finditer(text):
        parts = tuple(re.findall(r"“([^“”]+)”", m.group(0)))
        if all(len(p) <= 2 for p in parts) and len(parts) <= 3:
            add("".join(parts), m.start(), "coordination", parts=parts)

    words = all_words
    starts = [w.start for w in words]
    for user in seg.user_terms:
        for m in re.finditer(re.escape(user), text):
            add(user, m.start(), "user")

    # Bracketed acronyms: the noun phrase right before （GPU）.
    for m in _ACRONYM.finditer(text):
        before = [w for w in words if w.start + len(w.text) <= m.start()][-12:]
        if _WORD_GLOSS.fullmatch(m.group(1)):
            # 并置（colocated）, 权能（Capability）: one English word glosses the word before
            # it (a one-character word takes its neighbour: 控制组（cgroup）)
            gloss = before[-2:] if len(before) >= 2 and len(before[-1].text) == 1 else before[-1:]
            while gloss and (_is_boundary(gloss[0]) or gloss[0].pos.startswith(("d", "eng"))) \
                    and not (len(gloss) == 2 and len(gloss[0].text) == 1 and len(gloss[1].text) == 1):
                # two single characters before a gloss are one word jieba does not know
                # (并置（colocated）: 并 / 置), not a conjunction and a word
                gloss = gloss[1:]
            if gloss and all(_HAN.search(w.text) for w in gloss) and m.start() == gloss[-1].start + len(gloss[-1].text):
                add(_text(gloss), gloss[0].start, "gloss", acronym=m.group(1))
            continue
        cut = max((i for i, w in enumerate(before)
                   if (_is_boundary(w) and w.text not in FRAME) or w.text in "/／"
                   or i and _numbers_unit(before[i - 1], w)), default=-1)
        duty = max((i for i, w in enumerate(before) if w.text in MODAL_VERBS
                    or len(w.text) == 1 and w.pos == "v" and seg.grammatical(w.text)), default=-1)
        if duty > cut:        # 设备应 | 配置 | 剩余电流保护器（RCD）: the subject, a modal and its verb before the name
            #                   (食物同服 | 可 | 使 | 药时曲线下面积（AUC）: an auxiliary and its verb too)
            cut = _past_the_verb(before, duty + 1, seg) - 1
        letters = sum(c.isupper() for c in m.group(1)) or len(m.group(1))
        whole = before[cut + 1:]
        frame = max((i for i, w in enumerate(whole) if w.text in FRAME), default=-1)
        while frame > 0 and whole[frame].text in CONJUNCTIONS and len(_text(whole[frame + 1:])) < 1.5 * letters:
            # 碳捕集利用与封存（CCUS）: a coordination the acronym spells out as a whole
            frame = max((i for i, w in enumerate(whole[:frame - 1]) if w.text in FRAME), default=-1)
        if frame >= 0 and seg.known(_text(whole[frame:])):
            phrase = whole[frame:]           # 增强现实: the verb belongs to a dictionary term
        else:
            phrase = _trim(whole[frame + 1:])
        if phrase:
            add(_text(phrase), phrase[0].start, "acronym", acronym=m.group(1))

    # A name the text defines for its own use (（以下统称公共管理和服务机构）): a term of the
    # document by the drafter's own word, its extent the brackets' (a coordination with 和 is
    # one name there).
    for m in _DEFINED.finditer(text):
        add(m.group(1), m.start(1), "definition")
    for m in _DEFINES.finditer(text):
        add(m.group(1), m.start(1), "definition")

    # The duty a bracketed note gives the organisations it names: a formula of the genre,
    # named as written (its framing words are words of it)
    for m in _DUTY_NOTE.finditer(text):
        add(m.group(2), m.start(2), "formula")

    # Enumerations: items between 、 inside one clause.
    clause_start = 0
    enum_id = 0
    for clause in re.split(r"[，。；：！？（）()\n]", text):
        pieces = clause.split("、")
        if len(pieces) >= 2:
            enum_id += 1
            offset = clause_start
            items = []
            # …的、…的 X: a series of modifiers of what follows (相对独立的、可替换的模块), no names
            attributive = any(p.rstrip().endswith("的") for p in pieces[:-1])
            for k, piece in enumerate(pieces):
                if re.fullmatch(r"\s*“[^“”]*”\s*", piece) or attributive and k < len(pieces) - 1:
                    offset += len(piece) + 1
                    continue   # a quoted item (found as a quote), or a modifier of what follows
                bare = _ACRONYM.sub(lambda a: " " * len(a.group()), piece)
                pw = [w for w in words[bisect_left(starts, offset):bisect_left(starts, offset + len(piece))]
                      if w.start + len(w.text) <= offset + len(piece) and not _ACRONYM.fullmatch(w.text)]
                runs = [part for run in _chunks(pw) for part in _clauses(run, seg)]
                whole = _org_name(bare.strip(), first=k == 0)
                last = offset + bare.find(whole) + len(whole) - 1 if whole else -1
                if whole and any(w.start <= last < w.start + len(w.text) and w.pos in ("v", "b") for w in pw):
                    whole = None      # 经济部协办 "assisted by the Ministry": 办 of a verb, no office
                if whole:
                    items.append((whole, offset + bare.find(whole)))   # an organisation's full name
                    offset += len(piece) + 1
                    continue
                run = _after_predicate(runs[-1]) if k == 0 and runs else (runs[0] if runs else [])
                if k not in (0, len(pieces) - 1) and len(runs) > 1:
                    run = max(runs, key=lambda r: len(_text(r)))
                if attributive and run and text.startswith("的", run[-1].start + len(run[-1].text)):
                    run = []
                run = _before_predicate(_trim(run), seg)
                if run:
                    items.append(run)
                    if k == len(pieces) - 1 and len(runs) == 2 and not runs[1][0].pos.startswith("v") \
                            and text[run[-1].start + len(run[-1].text):runs[1][0].start].strip() in CONJUNCTIONS \
                            and text[runs[1][-1].start + len(runs[1][-1].text):offset + len(piece)].strip() in ("", "等"):
                        # A、B、C和D: the item after the conjunction ends the series (硬脂酸镁和
                        # 薄膜包衣预混剂 "magnesium stearate and film-coating premix"), the clause's
                        # last words (not 设备外露可导电部分与总接地端子相连接的导体, 与 "with"), not
                        # a verb's phrase (统筹、协调和监督全市…: a series of actions)
                        last = _before_predicate(_trim(runs[1]), seg)
                        if last:
                            items.append(last)
                offset += len(piece) + 1
            items = _series_of_verbs(items)
            if any(_predicate(item, adjective=True) for item in items if not isinstance(item, tuple)):
                # 信创链条完备、应用场景丰富: clauses of a subject and a predicate, not names
                items = [item if isinstance(item, tuple) or not _predicate(item) else item[:-1] for item in items]
            items = [item if isinstance(item, tuple) else (re.sub("[ \u3000]", "", _text(item)),
                                                       next((w.start for w in item if w.text.strip()), item[0].start))
                     for item in items]
            for k, (term, start) in enumerate(items):
                add(term, start, "enumeration", enum=(enum_id, k, len(items)))
        clause_start += len(clause) + 1

    # One example in brackets (（例如：服务网格）, （例如端口） "(such as ports)"): a note naming an
    # instance of what comes before it, as an enumeration's item does.  Only a whole run of
    # content words ending in a noun: （例如，运行多个实例以提供更多的资源） is a clause.  (Several examples joined
    # by 、 are an enumeration above.)
    for m in _EXAMPLE.finditer(text):
        start, end = m.start(1), m.end(1)
        inner = [w for w in words[bisect_left(starts, start):bisect_left(starts, end)] if w.text.strip()]
        if inner and not any(w.pos.startswith(FUNCTION_POS + ("m", "q")) for w in inner) \
                and inner[-1].pos.startswith(_NAMING_LAST):
            enum_id += 1      # (the brackets fix the extent: 服务 of 服务网格 "service mesh" frames nothing)
            add(_text(inner), inner[0].start, "example", enum=(enum_id, 0, 1))

    # Head phrases and fields, from the runs of content words.
    days = [m.span() for m in DAY_FORMULA.finditer(text)]
    for i, run in enumerate(part for run in _chunks(words) for part in _clauses(run, seg)):
        pointed = any(w.text in DEICTIC for w in run)    # (激活)此选项: no chunk of its own (below)
        run = _trim(run)
        run = _before_predicate(run, seg)
        while run and any(a <= run[-1].start < b for a, b in days):
            run = run[:-1]    # 资讯局 | 今（15）日
        while run and any(a <= run[0].start < b for a, b in days):
            run = run[1:]     # 今（15）| 日 | 宣布
        run = _from_place(run)
        run, named = _before_stated_value(run, text)
        if not run:
            continue
        if named and _label_words(named):
            add(_text(named), named[0].start, "label")
        for j, w in enumerate(run):
            if _text(run[:j + 1]).endswith(tuple(HEADS)) and (j > 0 or len(w.text) >= 3):
                phrase = _trim(run[:j + 1])
                if phrase:
                    add(_text(phrase), phrase[0].start, "head")
        after = run[-1].start + len(run[-1].text)
        if text.startswith(("领域", "等领域", "行业", "产业"), after):
            add(_text(run), run[0].start, "field")
        if len(run) >= 1 and not pointed:
            add(_text(run), run[0].start, "chunk")
        for w in run:
            if 2 <= len(w.text) <= 4 and _HAN.match(w.text) and seg.frequency(w.text) == 0 \
                    and w.text not in FRAME and w.text not in GENERIC:
                add(w.text, w.start, "word")    # a word jieba's dictionary lacks: a coinage?
    for start, term in _lexicalised(words, seg):
        add(term, start, "lexicon")
    return found

