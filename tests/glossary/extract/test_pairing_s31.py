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
