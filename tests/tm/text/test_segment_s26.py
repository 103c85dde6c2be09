"""Session 26: an academic paper's reference list (GB/T 7714) is one segment an entry."""

from tm.text.segment import segment_en, segment_zh


def test_a_reference_entry_is_one_segment_in_both_languages():
    zh = ("[1] 陈伟，刘芳. 干旱胁迫对杉木幼苗生长和生理特性的影响[J]. 林业科学，2021，57（3）：45-53.\n"
          "[2] 王磊. 桉树研究[M]. 北京：科学出版社，2019.\n"
          "[3] 国家统计局. 2024年国民经济和社会发展统计公报[EB/OL]. (2025-02-28)[2025-03-01].")
    assert [s.text for s in segment_zh(zh)] == zh.split("\n")
    en = ("[1] CHEN Wei, LIU Fang. Effects of drought stress on Cunninghamia lanceolata seedlings[J]. "
          "Scientia Silvae Sinicae, 2021, 57(3): 45-53.")
    assert [s.text for s in segment_en(en)] == [en]


def test_a_numbered_line_with_no_document_type_is_cut_as_before():
    assert [s.text for s in segment_en("[3] See the results. They are good.")] == \
        ["[3] See the results.", "They are good."]
    assert [s.text for s in segment_zh("[1] 见表1。结果良好。")] == ["[1] 见表1。", "结果良好。"]
