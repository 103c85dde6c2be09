"""Session 34: ``tm.senses_beginning``, CC-CEDICT's headwords by the English word a sense of
theirs begins with, read from the dictionary's text."""

from tm import senses_beginning


def test_headwords_by_the_word_a_sense_begins_with():
    found = senses_beginning(frozenset({"good", "upper", "import", "away", "export"}))
    assert {"良", "上限", "进口", "進口", "导出"} <= found["good"] | found["upper"] | found["import"] | found["export"]
    assert "良" in found["good"] and "上限" in found["upper"] and "进口" in found["import"]
    # "to pass away", "right away": the word is not what the sense begins with
    assert not {"去世", "马上"} & found["away"]
    # 精神 "good-looking", 客场 "away-game venue": a hyphenated word is another word
    assert "精神" not in found["good"] and "客场" not in found["away"]
    # idioms of more than four characters are left out
    assert all(len(w) <= 4 for words in found.values() for w in words)
