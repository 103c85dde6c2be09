"""Session 14: jieba's HMM glues a noun character left between dictionary words to the
grammatical word after it (调度 | 器会 | 把); that coinage, which neither jieba's dictionary nor
CC-CEDICT knows, is the noun character (the head of a compound with the noun before it) and the
grammatical word.  A one-character modal or copula as common as 会 or 是 ends no chunk, and
an accepted term with a bound noun character after it (调度 + 器) is a derived noun when the
translation writes that character ("scheduler")."""

from glossary.extract.zh import GRAMMATICAL_SHARE, Segmenter
from tm import load_lexicon


def _cut(text):
    return [w.text for w in Segmenter().words(text)]


def test_a_noun_character_glued_to_a_grammatical_word_goes_back_to_its_noun():
    seg = Segmenter()
    assert "器会" not in load_lexicon() and not seg.frequency("器会")          # an HMM coinage
    assert seg.frequency("会") > GRAMMATICAL_SHARE * seg.total_frequency()      # grammatical
    assert seg.frequency("器") <= GRAMMATICAL_SHARE * seg.total_frequency()
    assert _cut("调度器会把任务分配给空闲的节点。")[:3] == ["调度器", "会", "把"]
    assert _cut("记忆库中的条目不会被删除。")[:2] == ["记忆库", "中"]
    words = {w.text: w.pos for w in seg.words("调度器会把任务分配给空闲的节点。")}
    assert words["调度器"] == "n" and words["会"] == "v"


def test_other_coinages_and_dictionary_words_stay():
    assert _cut("在这种情况下会失败")[-2:] == ["下会", "失败"]     # 下 is a localiser, as common as a grammatical word
    assert _cut("解析器会跳过空行。")[:2] == ["解析器", "会"]       # jieba's own word, untouched
    assert _cut("间接地由系统管理")[:2] == ["间接", "地由"]          # after a non-predicate adjective, not a noun



def test_a_modal_or_copula_after_a_phrase_is_no_part_of_it():
    from glossary.extract.zh import occurrences

    seg = Segmenter()
    chunks = [o.term for o in occurrences("调度器会把任务分配给空闲的节点。", seg) if "chunk" in o.cues]
    assert "调度器" in chunks and "调度器会" not in chunks
    chunks = [o.term for o in occurrences("这个列表可能会变长。", seg) if "chunk" in o.cues]
    assert not any(t.endswith("会") for t in chunks)


def test_a_noun_derived_from_an_accepted_term_by_a_bound_noun_character():
    from glossary.extract.extractor import _derived, _rendered_apart

    seg = Segmenter()
    assert _derived("调度器", {"调度"}, seg)              # 器: a noun character, no word of its own
    assert not _derived("调度会", {"调度"}, seg)          # 会: a grammatical word
    assert not _derived("调度器", {"调度器"}, seg)        # no accepted term before it
    assert not _derived("智能化", {"智能"}, seg)          # jieba's own word
    # the translation must write the character: the derived noun is rendered apart
    assert _rendered_apart("调度器", "scheduler", {"调度": "co-scheduled"})
    assert not _rendered_apart("编辑器内", "editor", {"编辑器": "the editor"})
    assert not _rendered_apart("项目文件时", "project files", {"项目文件": "project file"})
    assert _rendered_apart("容器探针", "container probes", {"容器": "container"})   # not one character more


def test_a_derived_english_noun_renders_the_bound_noun_character():
    from glossary.extract.pairing import EnglishUnit, pair
    from glossary.extract.zh import bound_noun_character

    assert bound_noun_character("器") and not bound_noun_character("会") and not bound_noun_character("时")
    # "scheduler" is 调度's "schedule" and the agent suffix for 器: no neighbour taken for 器
    spans = pair("调度器", EnglishUnit("The scheduler assigns each task to an idle node."))
    assert [s.text for s in spans] == ["scheduler"] and spans[0].score == 1.0
    # only for the term's last character: 格 of 格式 is no suffix of 标记 "mark"
    spans = pair("标记格式", EnglishUnit("The marker uses a new format."))
    assert not spans or spans[0].score < 1.0
    # only after a stem of two characters or more: 容 | 量 is one word's two halves, and
    # "containers" (容 "contain" + -er) is no rendering of 容量 "capacity"
    spans = pair("容量", EnglishUnit("Start more containers to add capacity."))
    assert [s.text for s in spans][:1] == ["capacity"]
