"""Session 19: one example in brackets (（例如：服务总线）) names a thing, as an enumeration's item
does, with the extent the brackets give it (服务 "service" frames nothing there); a clause in
such brackets names nothing."""
from glossary.extract.extractor import extract
from glossary.extract.zh import Segmenter, occurrences
from tm.models import TranslationUnit


def test_a_bracketed_example_is_a_candidate_with_its_extent():
    units = [TranslationUnit(zh="应用之间可以通过中间件通信（例如：服务总线）。",
                             en="Applications can communicate through middleware (for example: a service bus).", id=1),
             TranslationUnit(zh="保存文件后关闭窗口。", en="Close the window after saving the file.", id=2)]
    found = {c.zh: c for c in extract(units)}
    assert found["服务总线"].en == "service bus"


def test_a_clause_in_example_brackets_names_nothing():
    text = "你可以扩展应用（例如，重新启动以加载新的设置）。"
    assert not [o for o in occurrences(text, Segmenter()) if "example" in o.cues]
    assert [o.term for o in occurrences("需要协调资源（例如端口）。", Segmenter()) if "example" in o.cues] == ["端口"]
