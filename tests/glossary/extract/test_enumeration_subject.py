"""An enumeration's first item is not the clause's subject and predicate before it
(a standard's clause, written for the tests)."""

from glossary.extract.zh import Segmenter, occurrences


def test_the_first_item_starts_after_the_modal_verb_and_its_predicate():
    seg = Segmenter()
    found = [o for o in occurrences("数据资产清单应至少包括数据类别、数据级别、数据规模、存储位置等信息。", seg)
             if o.enum is not None]
    assert [o.term for o in found][:2] == ["数据类别", "数据级别"]


def test_a_first_item_without_a_modal_keeps_its_extent():
    seg = Segmenter()
    found = [o.term for o in occurrences("支持具身智能、脑机接口、量子计算等技术研发。", seg)]
    assert "具身智能" in found and "脑机接口" in found
