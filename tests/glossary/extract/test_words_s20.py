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
