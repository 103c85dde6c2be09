"""Renderings of extracted terms: the causes of pairing slips, each on a small made-up unit.

Each case failed before its fix (the rendering shown in the comment is what was recorded)."""

from glossary.extract.lexicon import glossary_lexicon
from glossary.extract.pairing import EnglishUnit, pair


def _pair(term: str, zh: str, en: str, **kw) -> list[str]:
    return [s.text for s in pair(term, EnglishUnit(en), context=zh, **kw)]


def test_classifier_and_surname_senses_give_no_keys():
    """What a classifier counts and a surname's romanisation are no translation of the character."""
    lexicon = glossary_lexicon()
    assert "technologi" not in lexicon.keys("门") and "door" in lexicon.keys("门")   # "branches of technology"
    assert not {"film", "machin", "work"} & lexicon.keys("部") and "depart" in lexicon.keys("部")
    assert "gam" not in lexicon.keys("局") and "offic" in lexicon.keys("局")
    assert "dai" not in lexicon.keys("戴") and "wear" in lexicon.keys("戴")
    assert lexicon.keys("部门") == lexicon._base.keys("部门")        # no such sense: unchanged
    assert "部门" in lexicon and lexicon.segment("有关部门") == lexicon._base.segment("有关部门")


def test_a_word_the_english_leaves_out_takes_no_neighbour():
    """部门 is not rendered in this English; 门's classifier sense ("branches of technology")
    paired it with "Technology Bureau" of the bureau named before it."""
    assert _pair("部门", "由市科技局等部门负责。", "The Municipal Science and Technology Bureau is responsible.") == []
    assert _pair("部门", "各部门负责。", "Each department is responsible.") == ["department"]


def test_an_unsure_claim_does_not_cut_a_name():
    """Two "Technology" in the English, one 科技 in the Chinese: 科技 cannot claim both, so the
    second may render 信息化 and the bureau's name is read whole (it stopped at
    "Municipal Transport and Information")."""
    zh = "市科技局、市交通和信息化局按职责负责。"
    en = "The Municipal Science and Technology Bureau and the Municipal Transport and Information Technology Bureau are responsible."
    assert _pair("市交通和信息化局", zh, en) == ["Municipal Transport and Information Technology Bureau"]
    # a claim the Chinese can pay for still holds: 科技 twice for two "Technology"
    zh2 = "市科技局、区科技局按职责负责。"
    en2 = "The Municipal Science and Technology Bureau and the District Science and Technology Bureau are responsible."
    assert _pair("市科技局", zh2, en2)[0].startswith("Municipal Science and Technology")


def test_a_phrase_other_words_translate_is_no_evidence_for_the_term():
    """Learnt over the memory: "create" comes in both units of 云创, but 打造 translates it
    there (CC-CEDICT: 打造 "to create"), so those units are no evidence that 云创 is "create"
    (创's gloss made it the best phrase)."""
    from glossary.extract.cooccur import Cooccurrence
    from glossary.extract.extractor import _gloss_prior, _said_otherwise

    zh = ["打造云创高地。", "打造云创产品。"]
    en = ["Create a highland.", "Create products."]
    cooc = Cooccurrence(en)
    lexicon = glossary_lexicon()
    prior = _gloss_prior("云创", lexicon)
    assert cooc.best([0, 1], prior=prior) is not None and cooc.best([0, 1], prior=prior)[0] == ("creat",)
    explained = _said_otherwise("云创", cooc, [EnglishUnit(e) for e in en], zh, lexicon)
    assert cooc.best([0, 1], prior=prior, explained=explained) is None
    # where the other word is absent the unit still counts
    zh[1], en[1] = "推动云创产品。", "Promote new products and create."
    cooc = Cooccurrence(en)
    explained = _said_otherwise("云创", cooc, [EnglishUnit(e) for e in en], zh, lexicon)
    assert cooc.best([0, 1], prior=prior, explained=explained)[0] == ("creat",)


def test_a_span_stopping_inside_an_english_name_is_completed():
    """省人社局 is an abbreviation: its glosses reach "Provincial Human Resources" only.  The
    rest of the capitalised name, across "and", renders the characters left (it was cut
    there); it stops before the name of 和平 ("Heping", romanised) and at punctuation."""
    zh = "省人社局、和平区政府负责。"
    en = "The Provincial Human Resources and Social Security Bureau and Heping District Government are responsible."
    assert _pair("省人社局", zh, en) == ["Provincial Human Resources and Social Security Bureau"]
    zh = "省证监局、省财政厅负责。"
    en = "The Provincial Securities Regulatory Bureau, Provincial Finance Department are responsible."
    assert _pair("省证监局", zh, en) == ["Provincial Securities Regulatory Bureau"]


def test_a_word_occurring_once_holds_the_token_nearest_its_place():
    """科技 once, "Technology" twice: 科技 holds the first (where it stands in the Chinese), the
    second is free for 信息化.  (Counting alone freed both, and a short term then took in
    words another word renders: "Support the construction of intelligent" for 智慧康养.)"""
    from glossary.extract.pairing import _taken

    zh = "科技局、交通和信息化局负责。"
    en = EnglishUnit("The Science and Technology Bureau and the Transport and Information Technology Bureau are responsible.")
    claims = en.claims(zh, glossary_lexicon())
    technology = [t for t, tok in enumerate(en.tokens) if tok.text == "Technology"]
    taken = _taken(en, claims, "交通和信息化局", zh)
    assert technology[0] in taken and technology[1] not in taken


def test_a_span_the_alignment_links_nowhere_is_dropped():
    """The glosses reached two neighbours' words ("Support" of 支持 holds 养's gloss "support",
    "supply" of 供给); both directions of the learnt alignment link the term to "health",
    outside the span: the span is not the term's rendering.  A span holding the linked word stays."""
    from glossary.extract.pairing import _Span, with_alignment
    from glossary.extract.wordalign import Phrase

    en = EnglishUnit("Support the supply of health services.")
    at = en.text.index("health")
    health = Phrase(at, at + 6, "health", 1.0, sure=((at, at + 6),))
    wrong = _Span(0, 2, 0.4, "Support the supply", 0.8)
    assert with_alignment([wrong], [health], en) == []
    right = _Span(4, 5, 0.8, "health services", 1.0)
    assert [s.text for s in with_alignment([right], [health], en)] == ["health services"]
    assert with_alignment([wrong], [None], en) == [wrong]          # no alignment: unchanged


def test_the_places_of_a_claimed_word_are_those_a_regex_search_finds():
    """The pairing finds where another Chinese word stands by str.find, not by compiling a
    pattern per word; it must give what re.finditer gives, overlaps and the empty word
    included."""
    import re

    from hypothesis import given, strategies as st

    from glossary.extract.pairing import _places

    alphabet = st.sampled_from("ab人工智")

    @given(st.text(alphabet, max_size=20), st.text(alphabet, max_size=3))
    def same(text, word):
        assert _places(word, text) == [m.start() for m in re.finditer(re.escape(word), text)]

    same()
