"""Session 17: candidates a terminologist deletes on sight, by their grammar (made-up sentences)."""

from glossary.extract.extractor import DEFAULT_MIN_SCORE, _predicate_part, extract
from glossary.extract.lexicon import modal_word
from glossary.extract.zh import Segmenter
from tm.models import TranslationUnit


def pairs(*rows):
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def test_modal_words_come_from_cc_cedict():
    """A word CC-CEDICT glosses as an English modal auxiliary, nothing more, is a modal;
    可 as the prefix "-able" (可重构 "reconfigurable") and a verb with content are not."""
    assert all(modal_word(w) for w in ("应当", "能够", "可能", "需要", "应该", "会"))
    assert not any(modal_word(w) for w in ("可", "翻译", "部署", "智能", "包含", "是否"))


def test_a_predicate_part_is_no_name():
    """A subject and its modal (报表 | 应当 "reports should"), a modal before a verb (会 |
    显示 "will show", 插件 | 会 | 尝试), a modal of two characters first (需要 | 报表 | 模块), a
    verb and its directional complement (显示 | 出来), a copula at the end (目的 | 是), a verb
    and the preposition jieba writes with it (复制到 "copy to", 放在 "put in") say how
    something holds.  A noun and a verbal noun (模糊匹配 "fuzzy match", 机器翻译), the prefix
    可 (可重构, 可 | 扩展 "extensible"), 去 "de-" (去 | 耦 "decoupling"), the suffix 会
    "association, meeting" (年 | 会, 投资促进会), a word ending in 时 or 能 that the dictionary
    lists (容器运行时 "container runtime", 光 | 能 "light energy") are names."""
    seg = Segmenter()
    for clause in ("报表应当", "插件能够", "会显示", "显示出来", "目的是", "要导出", "报表复制到",
                   "复制到", "日志放在", "插件会尝试", "需要报表模块"):
        assert _predicate_part(clause, seg), clause
    for name in ("模糊匹配", "机器翻译", "可重构", "容器运行时", "报表", "数据采集", "深度学习", "用户行为",
                 "可扩展", "可扩展存储", "可配置", "去耦", "去抖动", "年会", "展会", "投资促进会", "光能"):
        assert not _predicate_part(name, seg), name


def test_a_subject_and_its_modal_is_no_candidate():
    """报表应当 recurs as a unit (jieba: 报表 | 应当) and the statistics propose it; it is
    the subject of four different clauses and scores below the list; 报表 stays."""
    units = pairs(("报表应当包含日期。", "Reports should contain the date."),
                  ("月度报表应当按时生成。", "Monthly reports should be generated on time."),
                  ("每份报表应当有标题。", "Each report should have a title."),
                  ("年度报表应当存档。", "Annual reports should be archived."),
                  ("打开报表。", "Open the report."))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert found.get("报表应当") is None or found["报表应当"].score < DEFAULT_MIN_SCORE


def test_omegat_tags_written_as_text_are_codes():
    """OmegaT's project memory (a TMX of level 1) keeps its tags as text: <g0>…</g0>, <x2/>.
    ``tm.literal_codes`` reads each as the placeholder of that code (what OmegaT reads them
    as); a < that starts no such tag stays text."""
    from tm import inline_codes, literal_codes

    text = literal_codes("单击<g1>导入</g1>按钮<x2/>。List<T>")
    assert [c for c in inline_codes(text)] == [chr(0x100000 + 4), chr(0x100000 + 5), chr(0x100000 + 10)]
    assert text.endswith("。List<T>") and literal_codes("a < b") == "a < b"


def test_tags_written_as_text_are_no_names_and_no_part_of_a_term():
    """A memory of OmegaT's with its tags written as text: g0, g1 are no Latin names, the
    quoted name is 导入文件 without the tag inside the quotes, rendered without it."""
    units = pairs(("单击“<g1>导入文件</g1>”按钮。", 'Click the "<g1>Import Files</g1>" button.'),
                  ("<g0>项目</g0>菜单包含“<g1>导入文件</g1>”命令。", 'The <g0>Project</g0> menu holds the "<g1>Import Files</g1>" command.'),
                  ("<g0>选项</g0>菜单包含<g1>导出</g1>命令。", "The <g0>Options</g0> menu holds the <g1>Export</g1> command."),
                  ("在<g0>编辑</g0>菜单中选择<g1>复制</g1>。", "Choose <g1>Copy</g1> in the <g0>Edit</g0> menu."))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert not {"g0", "g1"} & found.keys()
    assert not [z for z in found if "<" in z or ">" in z]
    assert found["导入文件"].en == "Import Files"


def test_an_inline_code_bounds_a_phrase():
    """An inline code (bold on, a link's start: a placeholder character) is no part of a
    term: “{1}极限编程{/1}” names 极限编程, and a code between two words parts them."""
    from glossary.extract.zh import occurrences

    seg = Segmenter()
    text = "“\U00100004极限编程\U00100005”提倡定义\U00100008领域语言\U00100009。"
    terms = {o.term for o in occurrences(text, seg)}
    assert "极限编程" in terms
    assert not [t for t in terms if any(0x100000 <= ord(ch) <= 0x10fffd for ch in t)]


def test_a_localiser_of_two_characters_ends_an_adverbial():
    """测试 | 之间 "between tests", 窗口 | 底部 "at the bottom of the window" say where, as
    文件 | 中 does; a localiser first (外部 | 服务器 "external servers") does not."""
    from glossary.extract.extractor import _adverbial

    seg = Segmenter()
    assert _adverbial("测试之间", seg) and _adverbial("窗口底部", seg) and _adverbial("页面顶部", seg)
    assert not _adverbial("外部服务器", seg) and not _adverbial("名字空间", seg)


def test_a_capitalised_rendering_does_not_make_an_adverbial_a_name():
    """极限编程中 "in Extreme Programming" is read with the rendering of 极限编程, a
    capitalised name; the phrase is still where something happens."""
    units = pairs(("在极限编程中，结对编程很常见。", "Pair programming is common in Extreme Programming."),
                  ("我们在极限编程中写测试。", "We write tests in Extreme Programming."))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert found.get("极限编程中") is None or found["极限编程中"].score < DEFAULT_MIN_SCORE


def test_a_dash_a_colon_or_a_label_bracket_bounds_a_phrase():
    """A dash, a colon, a label's brackets or an arrow part phrases and begin or end no name
    (——系统主机名——, 文件:, [模糊], 选项->过滤器); a hyphen or a slash between Latin letters
    (RISC-V, VR/AR) and a quoted series with dashes are as written."""
    from glossary.extract.zh import occurrences

    seg = Segmenter()
    terms = {o.term for t in ("——系统主机名——是必填项。", "打开文件:然后保存。", "状态为[模糊]的句段。",
                              "打开选项->过滤器。", "“基础级—先进级—卓越级”三级体系。")
             for o in occurrences(t, seg)}
    assert {"系统主机名", "模糊", "过滤器", "基础级—先进级—卓越级"} <= terms
    assert not [t for t in terms if t[0] in "—:[]<>-" or t[-1] in "—:[]<>-"]
    assert not [t for t in terms if ":" in t or "->" in t]
