"""Session 20: Chinese words written once after each of two Latin names, both phrases accepted
and rendered with the same words beside the name (Box 联网 "Box networking", Cube 联网 "Cube
networking"), name a concept of their own: the names vary, the words stay."""
from glossary.extract.extractor import DEFAULT_MIN_SCORE, extract
from tm.models import TranslationUnit

UNITS = [
    ("Box 是一个小程序。", "A Box is a small program."),
    ("每个 Box 都有一个地址。", "Each Box has an address."),
    ("Cube 是另一个小程序。", "A Cube is another small program."),
    ("每个 Cube 都有一个名字。", "Each Cube has a name."),
    ("本节介绍 Box 联网。", "This section describes Box networking."),
    ("下一节介绍 Cube 联网。", "The next section describes Cube networking."),
] + [(f"第{n}段说明普通的内容和常见的情况。", f"Paragraph {n} explains ordinary content and common cases.")
     for n in range(1, 301)]     # enough text that 联网 twice is no domain word of the memory


def _found(units=UNITS, min_score=DEFAULT_MIN_SCORE):
    units = [TranslationUnit(zh=zh, en=en, id=i) for i, (zh, en) in enumerate(units)]
    return {c.zh.replace(" ", ""): c for c in extract(units, min_score=min_score)}


def test_words_after_two_names_rendered_alike_name_a_concept():
    found = _found()
    assert "Box联网" in found and "Cube联网" in found
    assert found["联网"].en == "networking" and found["联网"].count == 2


def test_not_after_one_name_only():
    found = _found(UNITS[:5] + UNITS[6:])
    assert "Box联网" in found and "联网" not in found
