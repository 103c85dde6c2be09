"""Sentence segmentation: rule tables, the seeds, and properties that hold for any text."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PLAN_EN, PLAN_ZH, SEEDS
from tm.errors import ToolError
from tm.text.segment import segment, segment_en, segment_zh, split_lines


def texts(segments):
    return [s.text for s in segments]


# --- Chinese rules -----------------------------------------------------------------

ZH_CASES = [
    # split after 。！？ and their runs
    ("推动多元化算力平台建设。超前布局空天计算。", ["推动多元化算力平台建设。", "超前布局空天计算。"]),
    ("真的吗？！是的！好。", ["真的吗？！", "是的！", "好。"]),
    ("他犹豫了……最后同意了。", ["他犹豫了……", "最后同意了。"]),
    ("数据、算法等……，都要加强。", ["数据、算法等……，都要加强。"]),
    # an ellipsis inside a quotation ends a sentence only where the quotation closes
    ("他说：“我……我明白了。”", ["他说：“我……我明白了。”"]),
    ("他说：“不过……”她问：“怎么？”", ["他说：“不过……”", "她问：“怎么？”"]),
    # a quoted menu item ends with one ellipsis as software writes it: no end of speech
    ("请选择“编辑 > 添加文件夹...”并选择该文件夹。", ["请选择“编辑 > 添加文件夹...”并选择该文件夹。"]),
    ("点击「另存为…」並輸入名稱。", ["点击「另存为…」並輸入名稱。"]),
    # speech broken off with a dash, and a stray space before the closing quote
    ("她问：“你为什么——”说到这里停了。", ["她问：“你为什么——”", "说到这里停了。"]),
    ("他说：“好。 ”然后走了。", ["他说：“好。 ”", "然后走了。"]),
    # closing quotes and brackets stay with their sentence
    ("他说：“这是底层技术。”然后离开了。", ["他说：“这是底层技术。”", "然后离开了。"]),
    ("见《通知。》下一句。", ["见《通知。》", "下一句。"]),
    # a parenthetical after a finished sentence is its own segment
    ("超前布局空天计算。（市科技局、市数据局按职责分工负责）",
     ["超前布局空天计算。", "（市科技局、市数据局按职责分工负责）"]),
    ("建设基地。（市科技局负责）推动应用。", ["建设基地。", "（市科技局负责）", "推动应用。"]),
    # ...but not an inline bracket, nor one at the start of a line
    ("支持中央处理器（CPU）、GPU等核心芯片研发。", ["支持中央处理器（CPU）、GPU等核心芯片研发。"]),
    ("（2025—2027年）的通知", ["（2025—2027年）的通知"]),
    # list numbers and headings stay with their text
    ("1．支持算力技术攻关和平台建设。推动安全可靠底层技术攻关。",
     ["1．支持算力技术攻关和平台建设。", "推动安全可靠底层技术攻关。"]),
    ("1.支持算力技术攻关。", ["1.支持算力技术攻关。"]),
    ("一、工作目标", ["一、工作目标"]),
    ("一.工作目标", ["一.工作目标"]),
    ("（一）夯实底层技术，提升核心能力", ["（一）夯实底层技术，提升核心能力"]),
    ("完成。（二）推进应用。", ["完成。", "（二）推进应用。"]),
    # half-width stops after Chinese text; never a decimal point or a list number
    ("制定本方案.现将方案印发.", ["制定本方案.", "现将方案印发."]),
    ("是这样吗?是的!", ["是这样吗?", "是的!"]),
    ("增长1.5倍。版本2.0发布。", ["增长1.5倍。", "版本2.0发布。"]),
    ("访问example.com获取", ["访问example.com获取"]),
    ("采用GPT.然后发布。", ["采用GPT.", "然后发布。"]),
    ("A.支持研发。", ["A.支持研发。"]),
    # a line break ends a segment
    ("天津市人民政府办公厅\n2025年5月16日", ["天津市人民政府办公厅", "2025年5月16日"]),
]


@pytest.mark.parametrize("text,expected", ZH_CASES)
def test_zh_rules(text, expected):
    assert texts(segment_zh(text)) == expected


# --- English rules -----------------------------------------------------------------

EN_CASES = [
    ("Support the digital protection of cultural relics. Build smart museums.",
     ["Support the digital protection of cultural relics.", "Build smart museums."]),
    ("Is it ready? Yes! Go.", ["Is it ready?", "Yes!", "Go."]),
    # abbreviations
    ("Data collection, processing, etc., focus on industry.",
     ["Data collection, processing, etc., focus on industry."]),
    ("Encourage enterprises, industry organizations, etc. to hold events.",
     ["Encourage enterprises, industry organizations, etc. to hold events."]),
    ("Use tools, e.g. simulators. Use models, i.e. LLMs.",
     ["Use tools, e.g. simulators.", "Use models, i.e. LLMs."]),
    ("See No. 5 and Fig. 3 for details.", ["See No. 5 and Fig. 3 for details."]),
    ("Mr. Chen and Dr. Li met Prof. Wang. They agreed.",
     ["Mr. Chen and Dr. Li met Prof. Wang.", "They agreed."]),
    ("The U.S. economy grew. The U.S. Army did not.",
     ["The U.S. economy grew.", "The U.S. Army did not."]),
    ("It was sold to Apple Inc. The deal closed in Jan. 2025.",
     ["It was sold to Apple Inc.", "The deal closed in Jan. 2025."]),
    ("It opened in Jan. The crowds came.", ["It opened in Jan.", "The crowds came."]),
    # "etc." then "(" and a capital letter ends the sentence; the parenthetical stands alone
    ("Support blockchain, etc. (The Municipal Science and Technology Bureau is responsible.)",
     ["Support blockchain, etc.", "(The Municipal Science and Technology Bureau is responsible.)"]),
    ("Support blockchain, etc. (see below) and more.",
     ["Support blockchain, etc. (see below) and more."]),
    ("Promote scene construction. (The Municipal Finance Bureau shall be responsible) Next step.",
     ["Promote scene construction.", "(The Municipal Finance Bureau shall be responsible)",
      "Next step."]),
    # decimals, numbers and versions
    ("GDP grew 5.1 percent. Pi is 3.14 and version 2.0 shipped. Then 2026 came.",
     ["GDP grew 5.1 percent.", "Pi is 3.14 and version 2.0 shipped.", "Then 2026 came."]),
    # initials
    ("J. R. R. Tolkien wrote it. Xi J. Ping read it.",
     ["J. R. R. Tolkien wrote it.", "Xi J. Ping read it."]),
    ("We chose plan B. The others agreed.", ["We chose plan B.", "The others agreed."]),
    # quotes and brackets
    ('He said "go." Then he left.', ['He said "go."', "Then he left."]),
    ("“Go,” he said. “Now.” They went.", ["“Go,” he said.", "“Now.”", "They went."]),
    ("(It was late.) We left.", ["(It was late.)", "We left."]),
    ("\"Sleep\" in the lab, he said. It works.", ['"Sleep" in the lab, he said.', "It works."]),
    # list numbers stay with their sentence
    ("1. Support the research of computing power. Promote safety.",
     ["1. Support the research of computing power.", "Promote safety."]),
    ("(1) Consolidate underlying technology", ["(1) Consolidate underlying technology"]),
    ("2) Build platforms. Then more.", ["2) Build platforms.", "Then more."]),
    ("1、 Work objectives", ["1、 Work objectives"]),
    ("a. First point. 2) Second point.", ["a. First point.", "2) Second point."]),
    # spaced ellipses, and speech broken off with a dash
    ("He said: 'Mine is . . . People call me Li.' Then he left. It was . . . odd.",
     ["He said: 'Mine is . . .", "People call me Li.'", "Then he left.", "It was . . . odd."]),
    ("'I was about to—' 'To what?' she asked.", ["'I was about to—'", "'To what?' she asked."]),
    ("He answered: \"No. Since you ask, yes.\" Then No. 5 won.",
     ['He answered: "No.', 'Since you ask, yes."', "Then No. 5 won."]),
    # a lower-case continuation never starts a sentence
    ("Yahoo! is a company.", ["Yahoo! is a company."]),
    # a line break ends a segment
    ("Full text attached\nTianjin Action Plan", ["Full text attached", "Tianjin Action Plan"]),
    # "ext." and "Tel." are abbreviations of the list, never a sentence end; a short word
    # before a number is no abbreviation for that (news opens sentences with a year)
    ("Media contact: Ms. Wang, Tel: (02) 2720-8889 ext. 1234",
     ["Media contact: Ms. Wang, Tel: (02) 2720-8889 ext. 1234"]),
    ("Call Tel. 022-2345 today. Ask for Li.", ["Call Tel. 022-2345 today.", "Ask for Li."]),
    ("It was a big year. 2024 saw growth. We met the goal. 12 new labs opened.",
     ["It was a big year.", "2024 saw growth.", "We met the goal.", "12 new labs opened."]),
    # a list number after a colon (or semicolon) opens an inline item, it ends no sentence
    ("Annexes: 1. Application Form Template", ["Annexes: 1. Application Form Template"]),
    ("Steps: 1. Open the file; 2. Save it. Then close it.",
     ["Steps: 1. Open the file; 2. Save it.", "Then close it."]),
    ("The total was 12. The rest was lost.", ["The total was 12.", "The rest was lost."]),
]


@pytest.mark.parametrize("text,expected", EN_CASES)
def test_en_rules(text, expected):
    assert texts(segment_en(text)) == expected


def test_offsets_paragraphs_and_indices():
    text = "  第一句。第二句！\n\n\n（一）标题\r\n最后一句"
    segs = segment_zh(text)
    assert [(s.text, s.index, s.paragraph) for s in segs] == [
        ("第一句。", 0, 0), ("第二句！", 1, 0), ("（一）标题", 2, 1), ("最后一句", 3, 2)]
    assert [text[s.start:s.end] for s in segs] == texts(segs)
    assert segs[0].start == 2


def test_split_lines_never_resplits():
    text = "First. Second.\n\n  第一句。第二句。  \n"
    segs = split_lines(text)
    assert texts(segs) == ["First. Second.", "第一句。第二句。"]
    assert [s.paragraph for s in segs] == [0, 1]
    assert [text[s.start:s.end] for s in segs] == texts(segs)


@pytest.mark.parametrize("lang,func", [("zh-CN", segment_zh), ("zh", segment_zh),
                                       ("en", segment_en), ("en-GB", segment_en)])
def test_segment_dispatches_on_language(lang, func):
    text = "One. Two。三。"
    assert segment(text, lang) == func(text)


def test_segment_rejects_other_languages():
    with pytest.raises(ToolError, match="unsupported language 'fr'"):
        segment("Bonjour.", "fr")


# --- the seeds ----------------------------------------------------------------------

RESPONSIBLE_ZH = re.compile(r"（[^（）]+负责）")


def test_plan_zh_parentheticals_are_own_segments():
    text = PLAN_ZH.read_text(encoding="utf-8")
    segs = segment_zh(text)
    expected = RESPONSIBLE_ZH.findall(text)
    assert len(expected) > 10
    assert [s.text for s in segs if RESPONSIBLE_ZH.fullmatch(s.text)] == expected
    # no segment ends in the middle of a bracket pair, no list marker stands alone
    for s in segs:
        assert s.text.count("（") == s.text.count("）"), s.text
        assert not re.fullmatch(r"[（(]?[0-9一二三四五六七八九十]+[)）、．.]?", s.text), s.text


def test_plan_en_parentheticals_match_the_chinese_ones():
    zh_segs = segment_zh(PLAN_ZH.read_text(encoding="utf-8"))
    en_text = PLAN_EN.read_text(encoding="utf-8")
    en_segs = segment_en(en_text)
    en_paren = [s.text for s in en_segs if s.text.startswith("(The ")]
    assert len(en_paren) == sum(bool(RESPONSIBLE_ZH.fullmatch(s.text)) for s in zh_segs)
    assert all(t.endswith(")") and t.count("(") == t.count(")") for t in en_paren)
    # the parenthetical after "etc." is split off, "etc. to hold" is not
    assert any(s.text.endswith("blockchain, etc.") for s in en_segs)
    assert any("etc. to hold events" in s.text for s in en_segs)
    # a cut only ever follows a sentence stop or a closing bracket
    for s, nxt in zip(en_segs, en_segs[1:]):
        if s.paragraph == nxt.paragraph:
            assert s.text[-1] in '.!?)"”', s.text


def test_plan_has_no_sentence_stop_inside_a_segment():
    segs = segment_zh(PLAN_ZH.read_text(encoding="utf-8"))
    assert len(segs) > 100
    for s in segs:
        assert not re.search(r"[。！？][^”’）》」』]", s.text), s.text
    en_segs = segment_en(PLAN_EN.read_text(encoding="utf-8"))
    for s in en_segs:
        assert not re.search(r"[a-z]{2}[.!?][\"”)]? [A-Z]", s.text), s.text


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("news-*.en.txt")))
def test_news_articles(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    segs = segment_en(text)
    assert "".join(re.sub(r"\s", "", s.text) for s in segs) == re.sub(r"\s", "", text)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(segs) >= len(lines)
    for s in segs:
        # a sentence never starts in lower case, and never ends right after a title
        assert not s.text[0].islower(), s.text
        assert not re.search(r"\b(?:Mr|Dr|Prof|No|e\.g|i\.e)\.$", s.text), s.text


# --- properties ---------------------------------------------------------------------

PUNCT_HEAVY = st.lists(
    st.sampled_from(list("。！？!?.．…⋯”’）》」)\"'“‘（《(「一二三1２a Z\n\r\t\u3000、,，;；:：")
                    + ["etc", "e.g", "Mr", "U.S", "第", "百分之", "𠀀", "\u0301", "\x00"]),
    max_size=80,
).map("".join)
ANY_TEXT = st.text(max_size=200)


def check_invariants(text, segs):
    assert [s.index for s in segs] == list(range(len(segs)))
    assert "".join("".join(s.text.split()) for s in segs) == "".join(text.split())
    last_end, last_par = 0, 0
    for s in segs:
        assert s.text and s.text == s.text.strip()
        assert text[s.start:s.end] == s.text
        assert s.start >= last_end and s.paragraph >= last_par
        assert not any(ch in s.text for ch in "\n\r\u2028\u2029")
        last_end, last_par = s.end, s.paragraph


@settings(max_examples=300, deadline=None)
@given(st.one_of(ANY_TEXT, PUNCT_HEAVY))
def test_never_loses_or_invents_a_character(text):
    for func in (segment_zh, segment_en, split_lines):
        check_invariants(text, func(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["。", "！", ".", "?", "”", "）", "(", "（", "1.", "一、", "etc.",
                                 " ", "\n", "文", "Word", "e.g.", "J."]), max_size=40))
def test_pieces_of_real_punctuation(pieces):
    text = "".join(pieces)
    for func in (segment_zh, segment_en):
        check_invariants(text, func(text))
