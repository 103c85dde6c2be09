"""Session 31 (helper "report6"): renderings that were wrong on two documents written for the
session (an annual report's MD&A, a cloud SDK guide), for general reasons of the pairing.
Sentences written for the tests (a bank's API guide, a hotel's rules, a battery report)."""

from glossary.extract.pairing import EnglishUnit, pair, scored_spans


def _pair(term, zh, en, **kw):
    return [s.text for s in pair(term, EnglishUnit(en), context=zh, **kw)]


def test_a_rendering_neither_starts_nor_ends_in_a_subordinating_conjunction():
    """A term said twice in a unit took "because internal" of "use the internal port, because
    internal calls are free" for its second mention: a conjunction that opens a clause
    (because, although, unless, whereas, while…) is no edge of a noun phrase, as a
    preposition is not (session 30)."""
    spans = {s.text for s in scored_spans("内网", EnglishUnit(
        "Use the internal port, because internal calls are not billed."),
        context="请使用内网端口，内网调用不计费。")}
    assert spans and not any(s.split()[0] == "because" or s.split()[-1] == "because" for s in spans), spans
    spans = {s.text for s in scored_spans("库存", EnglishUnit(
        "Sales rose, while stock fell to a low level."), context="销售额上升，库存降至低位。")}
    assert spans and not any(s.split()[0] == "while" for s in spans), spans


def test_a_learnt_phrase_neither_starts_nor_ends_in_a_subordinating_conjunction():
    from glossary.extract.cooccur import Cooccurrence

    phrases = Cooccurrence(["Guests may not smoke, although smoking areas exist outside.",
                            "Rooms are cleaned daily unless guests decline."]).units_of
    assert not [k for k in phrases if k[0] in ("although", "unless") or k[-1] in ("although", "unless")], \
        sorted(phrases)


def test_a_later_mention_takes_no_weaker_neighbour_as_a_second_rendering():
    """A term the Chinese writes twice and the English once (the other mention a pronoun)
    took a second span from a neighbour's words: 子账户 "sub-account" and "master account" (of
    主账户), AccessKey ID "AccessKey ID" and "AccessKey pair".  A later mention's span must
    render the term about as well as the first (REPEAT_MARGIN) or read the same words."""
    assert _pair("子账户", "请先创建子账户，再为子账户授权，不要使用主账户。",
                 "First create a sub-account and then authorize it; do not use the master account.",
                 limit=2) == ["sub-account"]
    assert _pair("AccessKey ID", "密钥对由 AccessKey ID 组成，AccessKey ID 标识调用者。",
                 "The AccessKey pair includes an AccessKey ID, which identifies the caller.",
                 limit=2) == ["AccessKey ID"]


def test_a_later_mention_rendered_again_keeps_both_renderings():
    """Both mentions rendered, the same words or equally well: both spans stay."""
    assert _pair("合同", "双方签订合同后，应当全面履行合同。",
                 "After the parties sign the contract, they shall perform the contract in full.",
                 limit=2) == ["contract", "contract"]
    assert sorted(_pair("人工智能", "发展人工智能，推动人工智能与实体经济融合。",
                        "Develop artificial intelligence and integrate AI with the real economy.",
                        limit=2, acronyms=["AI"])) == ["AI", "artificial intelligence"]


def test_a_copy_of_a_latin_name_the_chinese_writes_is_no_rendering_of_another_term():
    """The Chinese keeps a name in Latin letters (AccessKey Secret) and the English copies it:
    the copy renders that name.  访问密钥 took "AccessKey Secret" (AccessKey "access key", and
    密 glosses "secret") where the translator wrote "AccessKey pair" for it."""
    zh = "访问密钥由 AccessKey ID 和 AccessKey Secret 组成。"
    en = "An AccessKey pair is made up of an AccessKey ID and an AccessKey Secret."
    assert _pair("访问密钥", zh, en) == ["AccessKey pair"]
    spans = {s.text for s in scored_spans("签名密钥", EnglishUnit("The signing key is stored as Signing Key Secret."),
                                          context="签名密钥保存为 Signing Key Secret。")}
    assert not any("Signing Key Secret" in s for s in spans), spans


def test_an_acronym_in_brackets_after_the_term_is_the_terms_own():
    """The rule above read the bracketed acronym of 平均故障间隔时间（MTBF） as a name written
    outside the term paired (its base, the Chinese before the bracket), so the copy "MTBF" was
    no rendering and the term, seen once, fell below the list (the package insert's
    估算肾小球滤过率（eGFR）, merged with session 31's other helper's work)."""
    from glossary.extract.pairing import _latin_copies
    zh = "整机平均故障间隔时间（MTBF）不低于5万小时。"
    en = EnglishUnit("The mean time between failures (MTBF) of the unit is at least 50,000 hours.")
    assert _latin_copies(en, "平均故障间隔时间", zh) == []
    assert _latin_copies(en, "整机", zh) != []       # outside that term, the name is another's


def test_a_word_the_term_glosses_too_goes_to_the_nearer_mention():
    """错误码 "error code": 错误 glosses "error" and "wrong"; 有误 later in the unit glosses
    "error" too, so "error" was taken by it and the term read "wrong" (of "a wrong user name").
    The term's own word competes for the token by place, as other words of the unit do."""
    assert _pair("错误码", "错误码 E102 通常表示用户名不正确或参数有误。",
                 "The error code E102 usually indicates a wrong user name or an incorrect parameter.") == ["error code"]
    assert _pair("错误码", "返回错误码 403 时，说明令牌不正确或签名有误。",
                 "A 403 error code means a wrong token or an incorrectly computed signature.") == ["error code"]


def test_a_derived_english_word_renders_a_suffix_character():
    """资本化 "capitalised": 资本 glosses "capital" and 化 "-ization; to ... -ize", which the
    English writes as the word's suffix; the span was padded with the next word for the
    character no word explained ("capitalised R&D", "capitalisation rate")."""
    zh = "资本化的开发支出为1200万元，资本化比例为30%。"
    en = "Capitalised development costs were RMB 12 million, a capitalisation ratio of 30%."
    assert sorted(_pair("资本化", zh, en, limit=2)) == ["Capitalised", "capitalisation"]
    assert _pair("市场化", "推进要素市场化配置。", "Promote the marketization of factor allocation.") == ["marketization"]
