"""Session 15: a Latin word the unit's Chinese writes outside the term renders itself, so the
term's characters that no gloss explains do not take it as their unexplained neighbour (the
name before a term, "Foobar feature gate" for 特性门控 when the Chinese writes Foobar 特性门控)."""

from glossary.extract.pairing import EnglishUnit, pair

EN = "After enabling the Foobar feature gate, restart the service."


def _top(term, zh, en):
    # min_cover=0: 控 has no gloss, so "feature gate" alone renders 55% of the characters
    spans = pair(term, EnglishUnit(en), context=zh, min_cover=0.0)
    return spans[0].text if spans else None


def test_a_latin_word_written_outside_the_term_is_not_its_rendering():
    assert _top("特性门控", "启用 Foobar 特性门控之后重启服务。", EN) == "feature gate"
    assert _top("门控", "在 Grafana 门控中查看指标。", "View the metrics in the Grafana gate.") == "gate"


def test_an_english_word_the_chinese_does_not_write_may_still_be_taken():
    # with no Foobar in the Chinese, the unexplained neighbour is still the term's
    assert _top("特性门控", "启用特性门控之后重启服务。", EN) == "Foobar feature gate"


def test_a_latin_word_of_the_term_itself_still_renders_it():
    assert _top("Foobar 配置文件", "打开 Foobar 配置文件。", "Open the Foobar configuration file.") \
        == "Foobar configuration file"
