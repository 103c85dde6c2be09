"""Session 30 (helper "pairs6"): renderings that were wrong on unseen documents, for general
reasons of the pairing.  Sentences written for the tests (a rice cooker's manual, a data
regulation, a city plan)."""

from glossary.extract.pairing import EnglishUnit, pair, scored_spans


def _pair(term, zh, en):
    return [s.text for s in pair(term, EnglishUnit(en), context=zh)]


def test_a_rendering_keeps_the_head_noun_after_a_glosss_modifier():
    """CC-CEDICT glosses 内胆 "inner container" and 自然人 "natural person": a translation
    writing "inner pot" or "natural persons" matched only the modifier, which explained every
    character, so the rendering was "inner" / "natural", a head noun short."""
    assert _pair("内胆", "请勿将内胆放在明火上。", "Do not put the inner pot over an open flame.") == ["inner pot"]
    assert _pair("自然人", "本条例适用于自然人。", "These Regulations apply to natural persons.") == ["natural persons"]


def test_no_head_is_added_after_a_name_or_a_word_the_unit_renders():
    """A capitalised word of a gloss names something (天津市 "Tianjin municipality"): the name
    renders its term alone; a word another Chinese word renders (智能 "smart") is not taken."""
    assert _pair("天津市", "天津市智慧城市建设", "Tianjin's smart city building") == ["Tianjin's"]
    assert _pair("内胆", "内胆材质", "inner pot material") == ["inner pot"]


def test_a_rendering_spans_no_number_between_two_words_it_explains():
    """Session 29's rule that a span takes in no number the term lacks held only for the
    words a span was extended over: two words explaining the term with a number between
    them made one span (价款 "Party B 30% of the total contract price": "Party" meets 价's
    gloss "particle", "price" its "price")."""
    spans = {s.text for s in scored_spans("价款", EnglishUnit("Party A shall pay Party B 50% of the price."),
                                          context="甲方应向乙方支付价款的50%。")}
    assert "price" in spans and not any("50" in s for s in spans), spans


def test_a_learnt_phrase_neither_starts_nor_ends_in_a_preposition():
    """The co-occurrence phrases a term is rendered by where the glosses find nothing were cut
    at stop words only, and the stop words leave out within, during, across…: 书面 was
    "writing within" (of "in writing within seven days"), a tax 税款 "duties within"."""
    from glossary.extract.cooccur import Cooccurrence

    phrases = Cooccurrence(["Notify the seller in writing within ten days.",
                            "Duties payable across borders are settled during the audit."]).units_of
    assert ("writ",) in phrases
    assert not [k for k in phrases if k[0] in ("within", "across", "dur") or k[-1] in ("within", "across", "dur")], \
        sorted(phrases)


def test_a_rendering_is_not_extended_over_a_preposition():
    """A gloss span took the unexplained word after it for the characters no gloss renders
    (款 of 税款 "duties"): a preposition the stop words leave out ("within") is no such word."""
    spans = {s.text for s in scored_spans("税款", EnglishUnit("Importers shall pay the duties within ten days."),
                                          context="进口人应在十日内缴纳税款。")}
    assert spans == {"duties"}, spans


def test_an_aligned_phrase_adds_no_word_the_span_holds_already():
    """The learnt alignment may extend a gloss span to the phrase it links to the term, when
    both directions link its outermost words; an alignment learnt over few units links the
    same word written again ("the drain hose of the drain pump", 排水管 beside 排水泵): that
    word is another mention, and 排水管 is not "drain hose of the drain"."""
    from glossary.extract.pairing import with_alignment
    from glossary.extract.wordalign import Phrase

    text = "Check the drain hose of the drain pump."
    en = EnglishUnit(text)
    span = pair("排水管", en, context="检查排水泵的排水管。")
    assert [s.text for s in span] == ["drain"]
    a, b = text.index("drain hose"), text.index(" pump")
    second = (text.index("drain", b - 6), b)
    phrase = Phrase(a, b, text[a:b], 1.0, sure=((a, a + 5), second))
    assert text[a:b] == "drain hose of the drain"
    assert [s.text for s in with_alignment(span, [phrase], en)] == ["drain"]
