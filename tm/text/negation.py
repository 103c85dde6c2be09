"""Negation in Chinese and English: where a sentence says "no".

A negation the source states and the target drops reverses the meaning (本文件不适用于 …
"This document is applicable to …"; "is not routinely required" 常规需要). QA compares the
two sides: the source is read strictly (:func:`negations`: a closed class of negative words,
and a negative prefix before a dictionary word), the target generously (:func:`says_no`:
any negative character, word or affix), so a negation is reported missing only when the
target has nothing that could carry it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tm.text.cedict import english_vocabulary, load_lexicon
from tm.text.english import english_keys

#: Chinese negative adverbs, prohibitives and negative verbs of two characters or more, in
#: Simplified and Traditional characters (a closed grammatical class: the negators 不, 没,
#: 未, 无, 非, 勿, 毋 of Chinese grammars and their fixed compounds with a modal or an adverb;
#: 禁用 and 忌用 "must not be used", a leaflet's contraindication, beside 禁止).
ZH_NEGATION_WORDS = frozenset("""
不得 不准 不许 不許 不可 不能 不会 不會 不应 不應 不宜 不必 不要 不用 不再 不曾 不至于 不至於
禁止 严禁 嚴禁 切勿 请勿 請勿 无法 無法 无须 無須 无需 無需 未能 尚未 从未 從未 从不 從不
并非 並非 并不 並不 并未 並未 绝不 絕不 决不 決不 毫无 毫無 没有 沒有 毋须 毋須
禁用 忌用
""".split())

#: Double negations that state an obligation (不得不 "have to", 不能不 "cannot but"), the
#: additive and concessive conjunctions that begin with a negator (不仅 "not only", 不管
#: "no matter"), and 并 "and" before the adverb 不断 "continuously" (并|不断完善, not 并不|断):
#: no negation.
_NO_NEGATION = ("不得不", "不能不", "不可不", "不仅", "不但", "不只", "不光", "不论", "不管", "无论",
                "并不断", "並不斷")

#: A bound stated with a negated comparative (不超过 "up to", 不低于 "at least", 不得迟于 "by";
#: "no more than", "not less than", "no later than", "must not exceed"): a limit, which a
#: translation writes as often without a negation (at most, at least, within, by) as with one.
_ZH_BOUND = re.compile("(?:不得|不应|不應|不宜|不能|不可|不)(?:超过|超過|超出|[低高少多大小迟遲晚早短长長][于於])")
_EN_BOUND = re.compile(r"(?<![-\w])(?:not?\s+(?:more|less|fewer|greater|higher|lower|later|earlier|sooner"
                       r"|longer|shorter|older|younger)\s+than|(?:not|cannot)\s+(?:exceed\w*|to\s+exceed))\b", re.I)

#: A bound's direction: a lower bound (不少于, 不低于, 至少, 超过, 30日以上; at least, no less
#: than, more than, or more, exceeds) or an upper one (不超过, 不高于, 至多, 低于, 少于, 5人以下;
#: at most, no more than, less than, or less, up to, must not exceed).  A negated comparative
#: is tried before the comparative it holds (不|低于 is a lower bound, 低于 an upper one).
#: 以上, 以下, 以内 only after a number or its measure (以上内容 "the above" is none: see
#: :func:`_number_before`).
_ZH_BOUNDS = re.compile(
    "(?P<upper>(?:不得|不应|不應|不宜|不能|不可|不)(?:超过|超過|超出|[高多大长長迟遲晚][于於])|至多"
    "|以下|以内|以內|低[于於]|少[于於]|小[于於]|未满|未滿|不到|不足)"
    "|(?P<lower>(?:不得|不应|不應|不宜|不能|不可|不)[少低小短早][于於]|至少"
    "|以上|大[于於]|高[于於]|多[于於]|超过|超過)")
#: A number before a postposed 以上, 以下, 以内, with its measure or unit of up to three
#: characters and 及/或 "and"/"or" (30日以上, 95%以上, 2升及以下, 65周岁以上, 三级以上); 一 only
#: after no other Chinese character (统一以上 "unify the above" holds no number).
_ZH_AMOUNT_BEFORE = re.compile("(?:[0-9０-９%％二两三四五六七八九十百千万亿萬億半]|(?<![\u4e00-\u9fff])一)"
                               "(?:[\u4e00-\u9fff]{0,3}|\\s?[A-Za-zμ°℃/]{1,5})$")      # 1.5 L以内, 20 mg/kg以下
_EN_NOT = r"(?:no|not|cannot|never|must\s+not|shall\s+not)\s+(?:be\s+)?"
#: A number right after a bound word (up to 20, below 5 °C, under 12, over RMB 300, above US$5):
#: "under the contract", "over the years", "under GB 50107", "over all 3 sites" bound nothing.
_EN_AMOUNT = r"\s+(?-i:(?:RMB|CNY|USD|HKD|EUR|GBP|JPY|TWD|US|HK|NT|A|C)\s?)?[$€£¥]?\s?[0-9]"
_EN_BOUNDS = re.compile(
    rf"(?<![-\w])(?:(?P<upper>at\s+most|{_EN_NOT}(?:more|greater|higher|larger|longer|later|older)\s+than"
    rf"|{_EN_NOT}(?:to\s+)?exceed\w*|(?:less|fewer|lower|smaller|shorter|younger|earlier)\s+than"
    r"|(?:or|and)\s+(?:less|fewer|lower|below|under|shorter|earlier|younger)(?!\s+than\b)"
    rf"(?!{_EN_AMOUNT})"      # "2 g and under 1.5 L" bounds the 1.5 L
    rf"|up\s+to(?={_EN_AMOUNT})|(?:below|under)(?={_EN_AMOUNT}))"
    rf"|(?P<lower>at\s+least|{_EN_NOT}(?:less|fewer|lower|smaller|shorter|earlier|younger)\s+than"
    r"|(?:more|greater|higher|longer|larger|older|later)\s+than"
    r"|(?:or|and)\s+(?:more|greater|higher|above|over|longer|later|older)(?!\s+than\b)"
    rf"(?!{_EN_AMOUNT})"
    rf"|exceed(?:s|ed|ing)?|(?:above|over)(?={_EN_AMOUNT})))(?![-\w])", re.I)

#: A bound written as a sign before a number (≥65岁, "aged <65", P<0.05): ≥ ⩾ ≧ > are lower
#: bounds, ≤ ⩽ ≦ < upper ones, in either language (full-width ＞ ＜ too).
_SIGN = re.compile("[≥⩾≧>＞≤⩽≦<＜]")     # (one class: scanned faster than the groups below)
_SIGN_BOUNDS = re.compile("(?:(?P<lower>[≥⩾≧>＞])|(?P<upper>[≤⩽≦<＜]))(?=[ \u00a0]?[0-9０-９])")

#: A bound that follows its number (30日以上, 5人以下, 10 days or more, aged 12 and under): its
#: number is before it, not in the rest of its clause.
_POSTPOSED = re.compile(r"以|(?:or|and)\s", re.I)

#: A negator earlier in an English bound's clause: "should not be used for more than 3 days"
#: is an upper bound, "do not use in children under 12" states a lower age for the
#: prohibition and the upper one of the children it names; which of the two the negator turns
#: round is the sentence's meaning, so such a comparative bounds nothing the check compares
#: (a negator next to its comparative, "no more than", is read above as the bound it makes).
_EN_NEGATOR = re.compile(r"(?<![-\w])(?:not|never|no|cannot|without)(?![-\w])|n't\b|n’t\b", re.I)
_EN_CLAUSE_END = re.compile(r"[.;:!?]|,(?!\s*(?:or|and|nor)\s)", re.I)    # ", or more than 5 days" goes on


#: The rest of a bound's clause holds its number (不超过合同总价款的20%, "more than twice"): a
#: comparison of two things (成本低于同类产品 "costs less than similar products", which a
#: translation may turn round: "similar products cost more") bounds no quantity.
_ZH_CLAUSE_NUMBER = re.compile("[^，。；：！？,;!?]*?[0-9０-９一二两三四五六七八九十百千万半]")
_EN_CLAUSE_NUMBER = re.compile(r"[^,.;:!?]*?(?:[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten"
                               r"|twice|half|double|triple|hundred|thousand|million|billion)\b)", re.I)


#: "Unless" (除非) before a bound in its clause: the bound is a condition's opposite, and
#: which way the sentence states it depends on the rest ("cancelled unless at least 3" is
#: 少于3人时取消; 除非不少于10件，否则不发货 is "only when at least 10"): no bound to compare.
_UNLESS = {"en": re.compile(r"\bunless\b[^,.;:!?]*$", re.I), "zh": re.compile("除非[^，。；：！？,;:!?]*$")}


def bounds(text: str, lang: str) -> list[tuple[tuple[int, int], str]]:
    """The bounds of a quantity ``text`` states, as (span, "lower" or "upper"); not one an
    "unless" (除非) of its clause precedes (:data:`_UNLESS`)."""
    if lang == "en":
        text = _words_only(text)
    pattern, number = (_EN_BOUNDS, _EN_CLAUSE_NUMBER) if lang == "en" else (_ZH_BOUNDS, _ZH_CLAUSE_NUMBER)
    found = [(m.span(), m.lastgroup) for m in pattern.finditer(text)
             if (_number_before(text, m.start(), lang) if _POSTPOSED.match(m.group()) else number.match(text, m.end()))
             or lang == "en" and number.match(text, m.end())]
    if lang == "en" and found and _EN_NEGATOR.search(text):
        found = [(span, way) for span, way in found
                 if _EN_NOT_BOUND.match(text, span[0]) or not _negated_clause(text, span[0])]
    if _SIGN.search(text):
        found = sorted(found + [(m.span(), m.lastgroup) for m in _SIGN_BOUNDS.finditer(text)])
    if found and (("unless" in text.lower()) if lang == "en" else ("除非" in text)):
        found = [(span, way) for span, way in found if not _UNLESS[lang].search(text, 0, span[0])]
    return found


#: The direction of a change a figure reports, a closed class of verbs and nouns of change:
#: up (增加, 增长, 上升, 提高; increase, rise, grow, raise, up) or down (减少, 下降, 降低, 下跌;
#: decrease, decline, fall, lower, cut, down).  负增长 "negative growth" is a fall, read as none.
_ZH_CHANGES = re.compile("(?<!负)(?P<up>增加|增长|增長|上升|提高|上涨|上漲|提升|升高|增至|升至|回升|涨幅|漲幅|增幅)"
                         "|(?P<down>减少|減少|下降|降低|下跌|减至|減至|降至|下滑|回落|降幅|跌幅|减幅|減幅)")
_EN_CHANGES = re.compile(r"(?<![-\w])(?:(?P<up>increas\w*|ris(?:e|es|ing|en)|rose|grow(?:s|n|th|ing)?|grew|up"
                         r"|gain(?:s|ed)?|climb(?:s|ed)?|rais(?:e|es|ed|ing))"
                         r"|(?P<down>decreas\w*|declin\w*|fall(?:s|en|ing)?|fell|drop(?:s|ped)?|down|reduc\w*"
                         r"|shr[iau]nk\w*|dipped|slump\w*|lower(?:s|ed|ing)?|cut(?:s|ting)?))(?![-\w])", re.I)


def changes(text: str, lang: str) -> list[tuple[tuple[int, int], str]]:
    """The changes ``text`` reports of a figure, as (span, "up" or "down"): a word of change
    with a number in the rest of its clause (比上年末增加18.4%, "a decrease of 18.4%"; 增长放缓
    "growth slowed" reports no figure)."""
    pattern, number = (_EN_CHANGES, _EN_CLAUSE_NUMBER) if lang == "en" else (_ZH_CHANGES, _ZH_CLAUSE_NUMBER)
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text) if number.match(text, m.end())]


#: A comparison by a figure: 比山下低8℃ (比, what is compared with, an adjective, the figure)
#: and "8 °C colder than" (the figure, a unit or a noun, the comparative, "than" later in its
#: clause).  比 inside a word (比例, 比较, 对比, 相比) compares nothing here.
_ZH_COMPARED = re.compile("(?<![对對相类類正反无無排评評攀好])比(?![例较較率重赛賽如值照对對分])[^，。；：！？,;!?]{1,20}?"
                          "(?:(?P<up>高|多|大|长|長|快|晚|迟|遲|贵|貴|重|暖|热|熱|宽|寬|深)"
                          "|(?P<down>低|少|小|短|慢|早|便宜|轻|輕|冷|凉|涼|窄|浅|淺))(?:了|出)?"
                          "(?=约|約|近|[0-9０-９一二两兩三四五六七八九十百千万萬半])")
_EN_COMPARED = re.compile(r"(?:\d[\d.,]*(?:\s*[-–~]\s*\d[\d.,]*)?|\b(?:one|two|three|four|five|six|seven|eight"
                          r"|nine|ten|twice|half)\b)\s*(?:%|°\s*[CF]?|℃|[A-Za-z]+\.?)?\s+(?:[a-z]+\s+)?"
                          r"(?:(?P<up>higher|greater|larger|bigger|longer|faster|later|heavier|warmer|hotter|wider"
                          r"|deeper|taller|more|dearer)|(?P<down>lower|smaller|shorter|slower|earlier|lighter|colder"
                          r"|cooler|narrower|shallower|cheaper|less|fewer))\b(?=[^,.;:!?]*\bthan\b)", re.I)


def comparisons(text: str, lang: str) -> list[tuple[tuple[int, int], str]]:
    """The comparisons by a figure ``text`` makes, as (span, "up" or "down"): 比山下低8～10℃ is
    "down", "8–10 °C warmer than at the foot" "up" (the adjective's direction)."""
    pattern = _EN_COMPARED if lang == "en" else _ZH_COMPARED
    return [(m.span(m.lastgroup) if lang == "en" else m.span(), m.lastgroup) for m in pattern.finditer(text)]


#: A bound that is a negated comparative itself (no more than, must not exceed).
_EN_NOT_BOUND = re.compile(_EN_NOT, re.I)
_NUMBER_IN = {"en": re.compile(r"[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty"
                               r"|hundred|thousand|million|billion)\b", re.I),
              "zh": re.compile("[0-9０-９一二两三四五六七八九十百千万半]")}


def _number_before(text: str, start: int, lang: str) -> bool:
    """Whether the clause of a postposed bound at ``start`` holds a number before it."""
    if lang == "zh":    # 以上, 以下, 以内 are read only after a number or its measure
        return _ZH_AMOUNT_BEFORE.search(text, max(0, start - 8), start) is not None
    clause = text[max(text.rfind(c, 0, start) for c in ",.;:!?") + 1:start]
    return _NUMBER_IN["en"].search(clause) is not None


def _negated_clause(text: str, start: int) -> bool:
    """Whether a negator precedes ``start`` in its clause (:data:`_EN_NEGATOR`)."""
    begin = max((m.end() for m in _EN_CLAUSE_END.finditer(text, 0, start)), default=0)
    return _EN_NEGATOR.search(text, begin, start) is not None


#: One-character negators that negate the dictionary word after them (不|适用, 无|并发症,
#: 未|完成, 非|营利); inside a word of their own (不断, 未来, 非常, 无论) they negate nothing.
_ZH_PREFIX = re.compile("[不无無未非没沒]")

_ZH_WORDS = re.compile("|".join(sorted(ZH_NEGATION_WORDS, key=len, reverse=True)))

#: Any character that may carry a negation in a Chinese target (the generous reading).
_ZH_ANY = re.compile("[不没沒未无無非勿禁莫毋否别別甭免忌]")

#: Verbs that carry a negation in a Chinese target besides those characters, as "lack",
#: "fail" and "prohibit" do in English: cancel, avoid, prevent, refuse, lack, stop
#: ("must not be ticked" 必须取消勾选), decline politely and put an end to ("Pets are not
#: allowed" 谢绝携带宠物).
_ZH_MORE = re.compile("取消|避免|防止|拒绝|拒絕|缺乏|缺少|停止|谢绝|謝絕|杜绝|杜絕")

#: English negators (a closed class: the negative adverbs, determiners, pronouns and
#: conjunctions of English grammars), and n't. "No." before a number is an abbreviation,
#: "not only" adds rather than denies, and a command's option (--no-team) is code.
#: "No." before a number or a colon (CAS No.: 67-56-1) and "No" before a number, as EU law writes
#: it (Regulation (EC) No 1272/2008), are the abbreviation of "number".
_EN_STRICT = re.compile(r"(?<![-\w])(?:not(?!\s+(?:only|just|merely)\b)|never|none|nothing|nobody|nowhere|neither"
                        r"|nor|without|cannot|no(?!\.\s*:?\s*\d|\.\s*:|(?-i:(?<=No))\s\d))\b|\b\w+(?:n't|n’t)\b",
                        re.I)

#: Markup and attributes (<span translate="no">) and an accelerator's mark (No&te: "Note")
#: are no words of the text.
_NOT_TEXT = re.compile(r"<[^<>]*>|\b[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+)|&(?=\w)")


def _words_only(text: str) -> str:
    """``text`` with markup blanked and an accelerator's & joined to its word, offsets kept."""
    return _NOT_TEXT.sub(lambda m: "_" if m.group() == "&" and text[m.start() - 1:m.start()].isalpha()
                         else " " * len(m.group()), text)

#: Words that carry a negation in an English target besides the strict ones: prohibiting
#: verbs, "lack", "fail", "stop", "cease", "contraindicated" (a leaflet's 禁用), "disable" and
#: "deactivate" (software's 禁用), the negative adverbs of degree and frequency (hardly, seldom …),
#: less and fewer, "-free" compounds (sugar-free), non- before any word (non-Han), and the
#: contrasts and absences that say "not" (rather than, instead of, other than, free of, absence).
_EN_MORE = re.compile(r"\b(?:prohibit|forbid|forbade|ban|bann|bar(?=s?\b|red\b)|lack|fail|ceas|discontinu"
                      r"|stop(?=s?\b|ped\b|ping\b)"     # 不再收集 "stop collecting", as 停止 says no
                      r"|contraindicat|disabl|deactivat|exclud|except)\w*"    # 不含税 "excluding tax"
                      # least, as less: 最不发达国家 "the least developed countries"
                      r"|\b(?:hardly|barely|scarcely|seldom|rarely|less|least|fewer)\b|\w-free\b|\bnon-\w"
                      # 尚未上市 "is yet to be launched", 仍未解决 "remains to be solved": not yet
                      r"|\byet\s+to\b|\bremain(?:s|ed|ing)?\s+to\s+be\b"
                      # 不要使用主账号 "rather than using the root account", 非主体结构 "other than the
                      # main structure", 不收取费用 "free of charge", 无记忆效应 "absence of memory effect"
                      r"|\b(?:rather\s+than|instead\s+of|other\s+than|free\s+(?:of|from)|absen(?:ce|t))\b", re.I)

#: A negative prefix or suffix on an English word (uncomplicated, non-profit, wireless).
_EN_AFFIXED = re.compile(r"\b(?:un|non)-?([a-z]{4,})\b|\b([a-z]{3,})less\b", re.I)


@lru_cache(maxsize=4096)
def _negates_next(after: str) -> bool:
    lexicon = load_lexicon()
    return any(after[:k] in lexicon for k in range(min(4, len(after)), 1, -1))


#: The adverbs that negate a verb (不, 没, 未); 无 and 非 negate nouns and adjectives.
_VERB_NEGATORS = frozenset("不没沒未")


#: A gloss's sense that is a negated verb: "to disregard", "to take no account of", "to not
#: count", "to fail to understand", "to refuse to acknowledge".
_NEGATED_VERB = re.compile(r"^to (?:.*\b(?:not|no|never|without)\b|dis|fail|refuse)")


def _negates_verb(text: str, at: int, english: str) -> bool:
    """Whether the negator at ``at`` negates a verb of one character with an object the
    English ``english`` renders (续保的，不|设|等待期 "For renewals, a waiting period applies"):
    the verb a character with a verb among the senses of its CC-CEDICT gloss ("to set up")
    that makes no word with the negator (不断 "unceasing", 不过 "but") — or a word with it whose
    gloss is a negated verb (不计 "to disregard", "to take no account of"; 不愧 "to be worthy of"
    and 没收 "to confiscate" are none) — nor lies in a word begun before it (了不起 "remarkable",
    隐没 "to vanish"), its object a
    dictionary word right after it with an English key of its gloss in the translation.  Where
    the translation does not name the object it may say the whole predicate another way (不走了
    "stayed", 不说一句粗话 "keep his language clean": a literary translation's antonyms), which
    no reading of the English can tell from a dropped 不."""
    pair = text[at:at + 2]
    if len(pair) < 2 or pair[0] not in _VERB_NEGATORS:
        return False
    lexicon = load_lexicon()
    if pair in lexicon:
        if not any(_NEGATED_VERB.search(sense.strip()) for sense in _SENSE_SPLIT.split(lexicon.gloss(pair))):
            return False
    elif pair[1] not in lexicon \
            or not any(sense.strip().startswith("to ") for sense in _SENSE_SPLIT.split(lexicon.gloss(pair[1]))):
        return False
    objects = [text[at + 2:at + 2 + size] for size in range(min(4, len(text) - at - 2), 1, -1)]
    objects = [word for word in objects if word in lexicon]
    if not objects or not set(english_keys(english)) & set().union(*map(lexicon.keys, objects)):
        return False
    # a word of up to four characters begun one or two characters before (了不起, 隐没, 来不及);
    # a longer one is an idiom, which negations() leaves out as a whole
    return not any(text[k:k + size] in lexicon for k in range(max(0, at - 2), at)
                   for size in range(at - k + 1, 5) if k + size <= len(text))


def _in_idiom(text: str, start: int, end: int) -> bool:
    """Whether a dictionary word of four characters or more covers ``text[start:end]``: an
    idiom's negator negates nothing the translation must (必不可少 "essential", 坚定不移
    "steadfastly", 不可或缺 "indispensable")."""
    return any(load_lexicon().covering(text, start, end, shortest=4))


def negations(text: str, lang: str, *, against: str | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` that state a negation, read strictly; ``lang`` is "zh" or "en".
    ``against``, the English translation of a Chinese ``text``: a negator before a verb of one
    character counts too where the translation renders the verb's object (:func:`_negates_verb`)."""
    if lang == "en":
        text = _words_only(text)
        bounds = [m.span() for m in _EN_BOUND.finditer(text)]
        return [m.span() for m in _EN_STRICT.finditer(text) if not any(a <= m.start() < b for a, b in bounds)]
    if not _ZH_ANY.search(text):
        return []
    doubles = [(m.start(), m.start() + len(d)) for d in _NO_NEGATION for m in re.finditer(d, text)]
    doubles += [m.span() for m in _ZH_BOUND.finditer(text)]
    taken = {i for a, b in doubles for i in range(a, b)}
    spans = [m.span() for m in _ZH_WORDS.finditer(text) if m.start() not in taken]
    taken |= {i for a, b in spans for i in range(a, b)}
    spans += [(m.start(), m.end()) for m in _ZH_PREFIX.finditer(text)
              if m.start() not in taken and (_negates_next(text[m.end():m.end() + 4])
                                             or against is not None and _negates_verb(text, m.start(), against))]
    return sorted((a, b) for a, b in spans if not _in_idiom(text, a, b) and not _a_not_a(text, a))


def _a_not_a(text: str, at: int) -> bool:
    """Whether the negator at ``at`` stands between a verb's first character and itself again,
    the yes-no question of Chinese grammars (能不能 "can or cannot", 是不是, 有没有, 投不投降
    "surrender or not?"): a question, which a translation asks without a negation."""
    return 0 < at < len(text) - 1 and text[at] in "不没沒" and text[at - 1] == text[at + 1] \
        and "\u4e00" <= text[at - 1] <= "\u9fff"


def says_no(text: str, lang: str) -> bool:
    """Whether ``text`` could carry a negation, read generously; ``lang`` is "zh" or "en"."""
    if lang == "zh":
        # an English negator the Chinese keeps as written (code, a quoted term: {0}NOT NULL{/0}) says it too
        return _ZH_ANY.search(text) is not None or _ZH_MORE.search(text) is not None \
            or _EN_STRICT.search(_words_only(text)) is not None
    text = _words_only(text)
    if _EN_STRICT.search(text) or _EN_MORE.search(text):
        return True
    words = english_vocabulary()
    for m in _EN_AFFIXED.finditer(text):
        rest = (m.group(1) or m.group(2)).lower()
        if rest in words or rest.endswith("ly") and rest[:-2] in words:    # unwaveringly
            return True
    return False


#: Negators of a condition, not of the predicate: "without" and "unless" render 未经
#: "without" and 除非 "unless" (a preposition and a conjunction), as 未经, 除非 and 非经 render
#: them in Chinese; none of them is the predicate's 不得 "shall not" or "does not plan".
_CONDITION = {"en": re.compile(r"(?<![-\w])(?:without|unless)\b", re.I),
              "zh": re.compile("未经|未經|除非|非经|非經")}


def conditions(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that negate a condition (未经, 除非; without, unless)."""
    return [m.span() for m in _CONDITION[lang].finditer(text)]


def says_no_beyond_conditions(text: str, lang: str) -> bool:
    """Whether ``text`` could carry a negation (:func:`says_no`) outside its conditions: in
    "Without the consent of Party A, Party B may subcontract" only the condition says no."""
    spans = conditions(text, lang)
    for a, b in reversed(spans):
        text = text[:a] + " " * (b - a) + text[b:]
    return says_no(text, lang)


_GLOSS_WORD = re.compile(r"[a-z]{4,}")
#: A sense of a CC-CEDICT gloss: its senses are parted by / and ;, a note in brackets is none.
_SENSE_SPLIT = re.compile(r"[/;]")
_GLOSS_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


#: The end of a Chinese clause: its punctuation.
_CLAUSE_END = re.compile("[，。；：！？、,;:!?]")


def negation_rendered(zh: str, span: tuple[int, int], en: str) -> bool:
    """Whether the English ``en`` renders the negation at ``span`` of the Chinese ``zh``
    in one word: a sense of the CC-CEDICT gloss of the negative word it begins (不动产 "real
    estate", 无障碍 "accessible", 不良 "bad", 不一定 "maybe"), or a negative prefix on a word
    of the gloss of the word negated (不|正确 "incorrect", 不|一致 "inconsistent", 不可|逆
    "irreversible", 不|同意 "disagree"; sub- and under- say "short of it": 不|合格 and 未|达标
    "substandard"). (:func:`says_no` reads un- and non- on any word;
    in-, im-, ir-, il- and dis- begin too many words that negate nothing, information,
    improve, distribute, to be read so on every word.)"""
    lexicon = load_lexicon()
    start, end = span
    low = en.lower()
    for size in range(max(2, end - start), min(lexicon.max_word, len(zh) - start) + 1):
        word = zh[start:start + size]
        if word in lexicon:
            for sense in _SENSE_SPLIT.split(_GLOSS_NOTE.sub(" ", lexicon.gloss(word).lower())):
                sense = " ".join(sense.split()).removeprefix("to ")
                if len(sense) >= 3 and re.search(rf"(?<![\w-]){re.escape(sense)}(?![\w-])", low):
                    return True
    glossed, later = set(), set()
    for at in {start + 1, end} if end - start > 1 else {end}:
        for size in range(2, 5):
            word = zh[at:at + size]
            if len(word) == size and word in lexicon:
                glossed.update(_GLOSS_WORD.findall(lexicon.gloss(word).lower()))
    # a word later in the negated phrase (不|具有电化学活性 "electrochemically inactive": the
    # verb's object carries the prefix), up to eight characters and the clause's end, with a
    # prefix that only negates (not sub- or under-: 不得将本合同…转包 "may subcontract")
    phrase = _CLAUSE_END.split(zh[end:end + 8], 1)[0]
    for at in range(end + 1, end + len(phrase) - 1):
        for size in range(2, 5):
            word = zh[at:at + size]
            if len(word) == size and word in lexicon:
                later.update(_GLOSS_WORD.findall(lexicon.gloss(word).lower()))
    if any(re.search(rf"\b(?:in|im|ir|il|dis|un|non)-?{re.escape(g)}", en, re.I) for g in later - glossed):
        return True
    return any(re.search(rf"\b(?:in|im|ir|il|dis|un|non|a|sub|under)-?{re.escape(g)}", en, re.I) for g in glossed)
