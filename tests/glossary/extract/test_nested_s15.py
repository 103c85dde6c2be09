"""Session 15 (issue 10, the plan-side misses): C-value for a phrase seen once at the front of
an accepted longer term.  Made-up candidates and sentences written for the tests."""

from collections import defaultdict


def _candidate(zh, en, score, count=1):
    from glossary.models import Candidate, Rendering

    return Candidate(zh=zh, pinyin="", renderings=[Rendering(en, count)] if en else [], count=count, score=score)


def _longer_of(candidates):
    longer = defaultdict(list)
    for a in candidates:
        for b in candidates:
            if a.zh != b.zh and a.zh in b.zh:
                longer[a.zh].append(b.zh)
    return longer


def test_a_phrase_seen_once_at_the_front_of_a_longer_term_is_its_modifier():
    from glossary.extract.extractor import DEFAULT_MIN_SCORE, NESTED_PENALTY, _front_modifiers

    cands = [
        _candidate("国际航空产业", "International Aviation Industry", 3.8),
        _candidate("国际航空产业博览会", "International Aviation Industry Expo", 3.0),
        # rendered apart: a noun phrase of its own after "of"
        _candidate("滨江科技园", "Binjiang Science Park", 3.6),
        _candidate("滨江科技园核心区", "core area of Binjiang Science Park", 3.5),
        # seen twice: a building block, whatever its place
        _candidate("智算", "intelligent computing", 5.0, count=2),
        _candidate("智算平台", "intelligent computing platform", 3.7),
        # the longer term is not accepted: nothing to yield to
        _candidate("数字港口", "digital port", 3.2),
        _candidate("数字港口建设", "digital port construction", 2.0),
    ]
    inside = {"国际航空产业", "滨江科技园", "智算", "数字港口"}
    before = {c.zh: c.score for c in cands}
    _front_modifiers(cands, inside, _longer_of(cands))
    after = {c.zh: c.score for c in cands}
    assert after["国际航空产业"] == round(before["国际航空产业"] - NESTED_PENALTY, 3) < DEFAULT_MIN_SCORE
    assert {z: s for z, s in after.items() if z != "国际航空产业"} == \
        {z: s for z, s in before.items() if z != "国际航空产业"}


def test_a_phrase_with_mentions_of_its_own_stays():
    """A phrase with a mention outside longer candidates (not in `inside`) keeps its score."""
    from glossary.extract.extractor import _front_modifiers

    cands = [_candidate("国际航空产业", "International Aviation Industry", 3.8),
             _candidate("国际航空产业博览会", "International Aviation Industry Expo", 3.0)]
    _front_modifiers(cands, set(), _longer_of(cands))    # seen on its own somewhere: not inside
    assert cands[0].score == 3.8


def test_a_framing_word_inside_an_organisation_named_in_an_enumeration_is_part_of_its_name():
    """有关 "relevant", 促进 "promote" frame a phrase, but inside an organisation's name that an
    enumeration item fixes (…政府, …局) they are words of the name."""
    from collections import Counter

    from glossary.extract.extractor import DEFAULT_MIN_SCORE, _Term, _termhood
    from glossary.extract.zh import Segmenter

    seg = Segmenter()

    def score(zh, en, cue):
        return _termhood(zh, _Term(zh, cues=Counter({cue: 1})), 2, 2, 0.9, seg, en, nested_in=0,
                         compositional=False)

    assert score("有关县人民政府", "relevant county governments", "enumeration") >= DEFAULT_MIN_SCORE
    # the same words found by a run of content words only: the framing word counts against it
    assert score("有关县人民政府", "relevant county governments", "chunk") < DEFAULT_MIN_SCORE
    # an enumeration item that names no organisation: still framed
    assert score("有关县人民政府", "relevant county governments", "enumeration") - \
        score("有关数据资源", "relevant data resources", "enumeration") >= 0.9


def test_a_known_term_and_a_generic_head_is_no_term_however_often_repeated():
    """区块链企业 "blockchain enterprises" written four times, in a list and as a head phrase:
    the repetition is 区块链's, the head a kind of thing; the statistics' strength does not
    count for it and it stays below the list.  Without the known term it is judged as before."""
    from collections import Counter

    from glossary.extract.extractor import DEFAULT_MIN_SCORE, _compositional, _Term, _termhood
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    zh = "区块链企业"
    known = _compositional(zh, {"区块链", zh})
    assert known and not _compositional(zh, {zh})

    def score(compositional):
        info = _Term(zh, cues=Counter({"enumeration": 1, "head": 2, "chunk": 2, "stat": 4}))
        return _termhood(zh, info, 4, 2, 1.1, seg, "blockchain enterprises", nested_in=0,
                         compositional=compositional, stat=2.2)

    assert score(True) < DEFAULT_MIN_SCORE <= score(False)


def test_the_duty_a_bracketed_note_gives_named_organisations_is_a_formula():
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()

    def formulas(text):
        return [o.term for o in occurrences(text, seg) if "formula" in o.cues]

    assert formulas("加快建设区域算力枢纽。（省科技厅、省财政厅按职责分工推进）") == ["按职责分工推进"]
    # one name, a word ending in a head character (外部, 全部), prose in brackets: no note
    assert formulas("（省科技厅按职责分工推进）") == []
    assert formulas("（外部搜索命令）") == []
    assert formulas("开发人员（他们全部都是志愿者）会实现它。") == []


def test_a_formula_keeps_its_framing_words_and_its_auxiliaries():
    from collections import Counter

    from glossary.extract.extractor import DEFAULT_MIN_SCORE, _Term, _termhood, _with_auxiliaries
    from glossary.extract.pairing import EnglishUnit, pair
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    zh = "按职责分工推进"

    def score(cue):
        return _termhood(zh, _Term(zh, cues=Counter({cue: 3})), 3, 3, 0.9, seg,
                         "shall promote it according to their duties", nested_in=0, compositional=False)

    assert score("formula") >= DEFAULT_MIN_SCORE > score("chunk")
    en = EnglishUnit("The provincial departments shall be responsible for their respective duties.")
    span = pair("负责", en)[0]
    assert span.text == "responsible"
    assert _with_auxiliaries(span, en).text == "shall be responsible"
