"""Session 12: jieba tags a bound character beside a noun as a measure word (数据 | 集 q) or
a numeral (元 m | 数据); a measure word follows a numeral or a demonstrative and a numeral
takes a measure word, so there the two are one word when CC-CEDICT lists it and jieba's
dictionary does not."""

from glossary.extract.zh import Segmenter
from tm import load_lexicon


def _cut(text):
    return [w.text for w in Segmenter().words(text)]


def test_a_bound_measure_word_or_numeral_is_put_back_on_its_noun():
    assert "数据集" in load_lexicon() and "元数据" in load_lexicon()    # the general source
    assert _cut("用训练数据集评测模型") == ["用", "训练", "数据集", "评测", "模型"]
    assert _cut("读取元数据") == ["读取", "元数据"]
    words = {w.text: w.pos for w in Segmenter().words("每个文件都有元数据")}
    assert words["元数据"] == "n"


def test_real_measure_words_numerals_and_other_cuts_stay():
    assert _cut("三个数据") == ["三个", "数据"]              # numeral + measure word, then the noun
    assert "数据集" not in _cut("这些数据集中在服务器上")     # 数据 | 集中 "concentrated"
    assert "大数据" not in _cut("推动大数据发展")             # 大 is an adjective: left as jieba cuts it
