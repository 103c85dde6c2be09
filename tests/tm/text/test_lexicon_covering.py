"""``Lexicon.covering``: the dictionary words over a span, the one reading the negation
check's idioms (必不可少) and the number check's words (五花肉) share."""

from hypothesis import given, strategies as st

from tm.text.cedict import Lexicon

LEXICON = Lexicon({"必不可少": "", "不可": "", "五花肉": "", "花肉": "", "五花": "", "不可少": ""})


def brute(text, start, end, shortest):
    return sorted(text[j:k] for j in range(len(text)) for k in range(j + shortest, len(text) + 1)
                  if j <= start and end <= k and k - j <= LEXICON.max_word and text[j:k] in LEXICON)


def test_the_words_over_a_span():
    assert sorted(LEXICON.covering("这些数据必不可少。", 5, 6)) == ["不可", "不可少", "必不可少"]
    assert sorted(LEXICON.covering("这些数据必不可少。", 5, 6, shortest=4)) == ["必不可少"]
    assert sorted(LEXICON.covering("五花肉", 0, 1)) == ["五花", "五花肉"]


@given(st.text(alphabet="必不可少五花肉这", max_size=12), st.data())
def test_covering_equals_every_word_of_the_text_over_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    shortest = data.draw(st.integers(2, 4))
    assert sorted(LEXICON.covering(text, start, end, shortest=shortest)) == brute(text, start, end, shortest)
