"""The English word of term extraction (``glossary.extract.en.WORD``) on small made-up units.

Each case failed before its fix (the rendering recorded then is in the comment)."""

from glossary.extract.en import tokenize
from glossary.extract.pairing import EnglishUnit, pair


def _pair(term: str, zh: str, en: str) -> list[str]:
    return [s.text for s in pair(term, EnglishUnit(en), context=zh)]


def test_a_quote_or_hyphen_at_a_words_edge_is_not_part_of_it():
    """A term the English writes in single quotes was rendered with the closing quote
    ("backup'"), a possessive plural with its apostrophe ("original class' constructor"),
    a PHP arrow's hyphen kept on the word before it ("stub-")."""
    assert _pair("备份", "使用“备份”扩展名保存项目文件。", "saving project file with a 'backup' extension.") == ["backup"]
    assert _pair("原版类", "禁用对原版类的构造方法的调用。",
                 "It disables the call to the original class' constructor.") == ["original class"]
    assert [t.text for t in tokenize("$stub->method('x')")] == ["$", "stub", "-", ">", "method", "(", "'", "x", "'", ")"]
    assert [t.text for t in tokenize("don't re-run the well-known 5G tests")] == \
        ["don't", "re-run", "the", "well-known", "5G", "tests"]


def _units(*rows):
    from tm.models import TranslationUnit
    return [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(rows)]


def test_an_accelerator_mark_is_not_shown_in_a_rendering():
    """OmegaT's own strings mark a menu's accelerator with ``&``; inside a word it cut the
    rendering there (选择匹配 "Select Mat" for ``Select Mat&ch``)."""
    from glossary.extract.extractor import extract
    units = _units(("选择匹配(&C)", "Select Mat&ch"), ("选择匹配", "Select match"),
                   ("显示原文(&Y)", "Displa&y source"), ("显示原文", "Display source"),
                   ("添加文件(&F)", "&Add Files"), ("添加文件", "Add files"))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert found["选择匹配"].en == "Select Match"
    assert found["显示原文"].en == "Display source"
    assert "&" not in "".join(r.en for c in found.values() for r in c.renderings)


def test_an_ampersand_between_capitals_is_part_of_the_word():
    """R&D and AT&T are written so: their ``&`` is no accelerator."""
    from glossary.extract.en import without_accelerators
    assert without_accelerators("AT&T and R&D, Q&A") == "AT&T and R&D, Q&A"
    assert without_accelerators("Help & Manual, a && b, &lt;x&gt;, runGiven(&$world)") == \
        "Help & Manual, a && b, &lt;x&gt;, runGiven(&$world)"
    assert without_accelerators("&File, Save &As, A&dd, Media&Wiki, Match #&1") == \
        "File, Save As, Add, MediaWiki, Match #1"


def test_a_latin_name_with_an_ampersand_is_read_whole():
    """AT&T in the Chinese and the English: the candidate was "AT", rendered "AT"."""
    from glossary.extract.extractor import extract
    assert [t.text for t in tokenize("AT&T's R&D lab")] == ["AT&T's", "R&D", "lab"]
    units = _units(("AT&T 的网络", "AT&T's network"), ("AT&T 公司", "the AT&T company"),
                   ("AT&T 的服务", "AT&T services"))
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert "AT&T" in found and found["AT&T"].en == "AT&T"
