"""Session 18: where the termhood sum puts a candidate against the cut-off (made-up sentences)."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, EVERYDAY, extract
from glossary.extract.zh import Segmenter
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def test_a_rare_two_character_noun_is_no_everyday_word():
    """网格 "grid" and 标尺 "ruler" are nouns jieba's dictionary counts under the everyday bar
    (104 and 93 against 500): named once in a list and rendered, they are candidates.  颜色
    "colour" (3,100) is an everyday word and stays below the list; so does 裁剪 "to crop", a
    verb however rare."""
    seg = Segmenter()
    assert seg.frequency("网格") < EVERYDAY and seg.frequency("标尺") < EVERYDAY <= seg.frequency("颜色")
    units = pairs(("编辑器提供网格、标尺、颜色、裁剪等工具。", "The editor provides grids, rulers, colours, cropping and other tools."),
                  ("保存文件后关闭窗口。", "Close the window after saving the file."))
    found = {c.zh: c for c in extract(units)}
    assert found["网格"].en == "grids" and found["标尺"].en == "rulers"
    assert "颜色" not in found and "裁剪" not in found
    assert all(c.score >= DEFAULT_MIN_SCORE for c in found.values())
