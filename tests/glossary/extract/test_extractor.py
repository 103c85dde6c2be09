"""Term extraction: quality against the plan's gold, structure cues, pairing, pinyin, contract."""

import json
import os
import time

import pytest

from conftest import PLAN_EN, PLAN_ZH, SEEDS, bench_module
from glossary.extract.en import enumeration_items, extract_english_terms, is_acronym
from glossary.extract.extractor import DEFAULT_MIN_SCORE, candidate_to_json, extract
from glossary.pinyin import term_pinyin
from tm.models import TranslationUnit

# bench/extract_quality.py's: the real pipeline's units (tm.text.segment + tm.align.aligner, one
# unit per bead with both sides), the documented matching rule (case, quotes, hyphens, leading
# article, plural -s ignored) and the rows of tests/golden/plan-terms.tsv
_quality = bench_module("extract_quality")
units_of, normalise, read_gold = _quality.aligned_units, _quality.normalise, _quality.read_gold


def pairs(*rows: tuple[str, str]) -> list[TranslationUnit]:
    return [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(rows)]


def by_zh(candidates):
    return {c.zh: c for c in candidates}


@pytest.fixture(scope="module")
def plan_units():
    return units_of(PLAN_ZH.read_text(encoding="utf-8"), PLAN_EN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_candidates(plan_units):
    return extract(plan_units)


# --- quality on the plan (real segmenter + aligner) ------------------------------------

def test_gold_recall_with_the_rendering_the_translation_used(plan_candidates):
    found = by_zh(plan_candidates)
    gold = [r for r in read_gold() if r["set"] == "gold"]
    assert len(gold) >= 60
    hits = [r["zh"] for r in gold
            if r["zh"] in found
            and {normalise(x.en) for x in found[r["zh"]].renderings} & {normalise(e) for e in r["en"].split("|")}]
    # 0.92 before issue 10 removed the seed-derived gloss table (EXTRA) and named acronym-bearing
    # terms with their acronym (中央处理器（CPU）, not the bare form this older list expects); the
    # figures on the full gold of both development documents are pinned in test_terms_quality.py.
    assert len(hits) / len(gold) >= 0.82, sorted(set(r["zh"] for r in gold) - set(hits))


def test_default_candidates_are_mostly_real_terms(plan_candidates):
    rows = read_gold()
    terms = {r["zh"] for r in rows if r["set"] in ("gold", "term")}
    # Anything not judged a term counts against precision, judged non-term or not.
    correct = [c.zh for c in plan_candidates if c.zh in terms]
    # 0.81 before issue 10 (see above); 0.72 until the framing verbs taken from the plan
    # (引育, 争建, 引聚, 制定本, 新培育) left zh.FRAME: 0.713 without them; 0.694 since the
    # head words no general dictionary attests (数据集, 生态城, 算力 ...) left zh.HEADS; 0.687 since
    # CC-CEDICT's headwords jieba cuts are candidates (session 17): of the nine that came, the
    # full gold of ../shared/bench/terms/plan has 大数据, 智能体 (T1) and 通识教育 (T2), this list none;
    # 0.677 (201/297) since session 20's listed nouns written as one English compound: the two
    # that came, 职业院校 and 金融资本, are T2 in that full gold and unjudged here (201/295 = 0.681
    # without them)
    assert len(correct) / len(plan_candidates) >= 0.675
    assert all(c.score >= DEFAULT_MIN_SCORE for c in plan_candidates)


def test_fragments_are_not_default_candidates(plan_candidates):
    found = by_zh(plan_candidates)
    for fragment in ("推动", "支持", "建设", "分工负责", "积极争取人工智能"):
        assert fragment not in found
    assert not [c.zh for c in plan_candidates if c.zh.startswith(("支持", "推动")) or c.zh.endswith("建设")]


def test_candidates_sorted_by_score_with_renderings_and_units(plan_candidates, plan_units):
    scores = [c.score for c in plan_candidates]
    assert scores == sorted(scores, reverse=True)
    ids = {u.id for u in plan_units}
    text = {u.id: u for u in plan_units}
    for c in plan_candidates:
        assert c.count >= 1 and set(c.units) <= ids
        for r in c.renderings:
            assert r.count >= 1 and set(r.units) <= set(c.units)
            assert all(r.en in text[u].en for u in r.units)    # as actually used
            assert all(c.zh in text[u].zh for u in c.units) or c.parts


def test_renderings_vary_as_the_translation_varies(plan_candidates, plan_units):
    model = by_zh(plan_candidates)["大模型"]
    used = {normalise(r.en) for r in model.renderings}
    assert {"large model", "large scale model", "big model"} <= used
    assert model.count == sum(u.zh.count("大模型") for u in plan_units)
    assert sum(r.count for r in model.renderings) <= model.count


# --- structure cues, on sentences written for these tests ----------------------------

UNSEEN = pairs(
    ("为深入贯彻落实省委、省政府决策部署，加快建设“无废城市”，制定本方案。",
     "This plan is formulated to implement the decisions of the Provincial Party Committee and the "
     "Provincial Government and to accelerate the construction of a \"zero-waste city\"."),
    ("支持现场可编程门阵列（FPGA）和专用集成电路（ASIC）研发。",
     "Support the research and development of field-programmable gate arrays (FPGAs) and "
     "application-specific integrated circuits (ASICs)."),
    ("推动量子计算、光子芯片、类脑计算等前沿技术研发。",
     "Promote the research and development of frontier technologies such as quantum computing, "
     "photonic chips and brain-inspired computing."),
    ("各地要落实“六稳”、“六保”任务，推进“放管服”改革。",
     "All localities should implement the \"six stabilities\" and \"six guarantees\" tasks and advance "
     "the \"delegate, regulate and serve\" reform."),
    ("支持江北新区、鼓楼区、玄武区建设生物医药产业集群。",
     "Support Jiangbei New Area, Gulou District and Xuanwu District in building biomedicine industry clusters."),
    ("（省生态环境厅、省工业和信息化厅、省财政厅按职责分工负责）",
     "(The Provincial Department of Ecology and Environment, the Provincial Department of Industry and "
     "Information Technology and the Provincial Department of Finance are responsible according to their duties.)"),
    ("设立省级绿色发展基金，支持碳捕集利用与封存（CCUS）示范项目。",
     "Set up a provincial green development fund to support carbon capture, utilization and storage (CCUS) "
     "demonstration projects."),
    ("推动量子计算在金融领域的应用。", "Promote the application of quantum computing in the financial sector."),
)


@pytest.fixture(scope="module")
def unseen():
    return by_zh(extract(UNSEEN))


def test_default_list_on_an_unseen_pair_is_all_terms():
    assert {c.zh for c in extract(UNSEEN)} == {
        "六稳", "六保", "六稳六保", "放管服", "无废城市", "量子计算", "光子芯片", "类脑计算",
        "现场可编程门阵列（FPGA）", "专用集成电路（ASIC）", "碳捕集利用与封存（CCUS）", "省级绿色发展基金",
        # 生物医药产业集群 was found while 集群 was a head word (neither jieba's dictionary nor
        # CC-CEDICT attests 集群 as a head, zh.HEADS); since session 17 CC-CEDICT's headword
        # 产业集群 "industrial cluster" is a candidate (cue lexicon), and the whole is its composition
        "产业集群", "生物医药产业集群",
        "江北新区", "鼓楼区", "玄武区", "省委", "省政府", "省生态环境厅", "省工业和信息化厅", "省财政厅"}


@pytest.mark.parametrize("zh, en", [
    ("现场可编程门阵列（FPGA）", "field-programmable gate arrays"),      # named with its acronym
    ("专用集成电路（ASIC）", "application-specific integrated circuits"),
    ("碳捕集利用与封存（CCUS）", "carbon capture, utilization and storage"),
])
def test_bracketed_acronyms_give_term_and_spelled_out_rendering(unseen, zh, en):
    assert unseen[zh].en == en


@pytest.mark.parametrize("zh, en", [
    ("量子计算", "quantum computing"), ("光子芯片", "photonic chips"), ("类脑计算", "brain-inspired computing"),
])
def test_enumeration_items_pair_with_english_items(unseen, zh, en):
    assert unseen[zh].en == en


def test_enumeration_counts_every_mention(unseen):
    c = unseen["量子计算"]
    assert (c.count, c.units, c.renderings[0].count, c.renderings[0].units) == (2, [3, 8], 2, [3, 8])


@pytest.mark.parametrize("zh, en", [
    ("江北新区", "Jiangbei New Area"), ("鼓楼区", "Gulou District"), ("玄武区", "Xuanwu District"),
    ("省生态环境厅", "Provincial Department of Ecology and Environment"),
    ("省工业和信息化厅", "Provincial Department of Industry and Information Technology"),
    ("省财政厅", "Provincial Department of Finance"),
])
def test_names_pair_by_gloss_and_pinyin(unseen, zh, en):
    assert unseen[zh].en == en


@pytest.mark.parametrize("zh, en", [
    ("无废城市", "zero-waste city"), ("放管服", "delegate, regulate and serve"), ("六稳", "six stabilities"),
])
def test_quoted_names(unseen, zh, en):
    assert unseen[zh].en == en


def test_coordinated_quoted_abbreviations_become_one_entry_with_parts(unseen):
    c = unseen["六稳六保"]
    assert c.parts == ["六稳", "六保"]
    assert c.en == '"six stabilities" and "six guarantees"'
    assert c.pinyin == "liù wěn liù bǎo"
    assert {"六稳", "六保"} <= unseen.keys()      # the parts stay entries of their own


def test_coordinated_form_on_the_plan(plan_candidates):
    c = by_zh(plan_candidates)["两重两新"]
    assert c.parts == ["两重", "两新"] and c.pinyin == "liǎng zhòng liǎng xīn"
    assert normalise(c.en) == "dual and two new"


def test_corner_quotes_mark_names_as_curly_quotes_do():
    """Taiwan and Hong Kong write quotes as 「」 (and 『』 inside them): the same names, the
    same entries, and no quote mark inside a term (「數據創新競賽」 was a term)."""
    corner = [TranslationUnit(zh=u.zh.replace("“", "「").replace("”", "」"), en=u.en) for u in UNSEEN]
    assert {c.zh for c in extract(corner)} == {c.zh for c in extract(UNSEEN)}
    found = by_zh(extract(pairs(("市府將舉辦為期三個月的「數據創新競賽」，總獎金達新臺幣200萬元。",
                                 'The city will hold a three-month "Data Innovation Competition" with '
                                 "total prize money of NT$2 million.")), min_score=0))
    assert "數據創新競賽" in found and not [z for z in found if set(z) & set("「」『』")]


def test_traditional_text_is_cut_into_the_words_of_its_simplified_form():
    """jieba's dictionary is Simplified: Traditional text is cut as its Simplified key and the
    words keep their written characters, so 臺北市 is not cut into 臺 | 北市 (a term
    北市政府資訊局 with its first character lost)."""
    found = by_zh(extract(pairs(("臺北市政府資訊局今日宣布，智慧城市數據平臺正式上線。",
                                 "The Department of Information Technology of the Taipei City "
                                 "Government announced today that the Smart City Data Platform has "
                                 "officially gone live.")), min_score=0))
    assert "臺北市政府資訊局" in found and not [z for z in found if z.startswith("北市")]


def test_longer_names_are_not_coordinated():
    # quoted items of three characters or more are separate terms, not one coordinated entry
    found = by_zh(extract(pairs(("认定“首套件”、“首批量”产品。", 'Recognise "first kit" and "first lot" products.')),
                          min_score=0))
    assert not [c for c in found.values() if c.parts]


def test_user_terms_are_always_candidates_and_do_not_leak():
    units = pairs(("推动千行百业数字化转型。", "Promote the digital transformation of all industries."))
    with_user = by_zh(extract(units, user_terms=["千行百业"]))
    assert "千行百业" in with_user
    assert with_user["千行百业"].pinyin == "qiān háng bǎi yè"
    assert "千行百业" not in by_zh(extract(units))


def test_empty_and_one_sided_units():
    assert extract([]) == []
    assert extract(pairs(("", "English only"))) == []
    only_zh = extract(pairs(("支持“智慧港口”建设。", "")), min_score=-99)
    assert "智慧港口" in by_zh(only_zh) and by_zh(only_zh)["智慧港口"].renderings == []


# --- pinyin ---------------------------------------------------------------------------

@pytest.mark.parametrize("zh, py", [
    ("两重", "liǎng zhòng"), ("可重构", "kě chóng gòu"), ("千行百业", "qiān háng bǎi yè"),
    ("重点", "zhòng diǎn"), ("银行", "yín háng"), ("AI+信创", "AI+ xìn chuàng"), ("“康养”", "kāng yǎng"),
])
def test_term_pinyin_resolves_heteronyms_in_context(zh, py):
    assert term_pinyin(zh) == py


def test_candidate_pinyin_uses_the_helper(plan_candidates):
    for c in plan_candidates:
        assert c.pinyin == term_pinyin(c.zh)
    assert by_zh(plan_candidates)["两重"].pinyin == "liǎng zhòng"


# --- the jsonl contract ---------------------------------------------------------------

def test_candidate_to_json_shape(unseen):
    d = candidate_to_json(unseen["鼓楼区"])
    assert d == {"zh": "鼓楼区", "pinyin": "gǔ lóu qū", "en": "Gulou District",
                 "renderings": [{"en": "Gulou District", "count": 1}], "count": 1,
                 "score": unseen["鼓楼区"].score}
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


def test_candidate_to_json_most_used_rendering_first(plan_candidates):
    for c in plan_candidates:
        d = candidate_to_json(c)
        assert list(d) == ["zh", "pinyin", "en", "renderings", "count", "score"]
        counts = [r["count"] for r in d["renderings"]]
        assert counts == sorted(counts, reverse=True)
        assert d["en"] == (d["renderings"][0]["en"] if counts else None)


# --- English side ---------------------------------------------------------------------

def test_extract_english_terms_exact():
    text = ("Tianjin Hosts Expo\n"
            "The World Intelligence Expo (WIE) opened in Tianjin. The WIE drew 550 companies.\n"
            "Visitors toured the China-Singapore Tianjin Eco-City and the Tianjin Artificial "
            "Intelligence Computing Center.\n")
    # most frequent first, then in order of appearance; the headline line is skipped
    assert extract_english_terms(text) == [
        ("WIE", 2), ("World Intelligence Expo", 1), ("Tianjin", 1),
        ("China-Singapore Tianjin Eco-City", 1), ("Tianjin Artificial Intelligence Computing Center", 1)]


def test_extract_english_terms_on_the_news():
    expo = dict(extract_english_terms((SEEDS / "news-world-intelligence-expo-2024.en.txt").read_text()))
    bench = dict(extract_english_terms((SEEDS / "news-tianjin-ai-benchmark-scenarios.en.txt").read_text()))
    assert expo["World Intelligence Expo"] >= 3 and expo["WIE"] >= 3
    assert bench["Tiankai Park"] >= 2 and bench["World Intelligent Industry Expo"] >= 2
    assert "Key Facts at a Glance" not in bench     # headings are not names


@pytest.mark.parametrize("word, expected", [("GPU", True), ("GPUs", True), ("RISC-V", True), ("eVTOL", True),
                                            ("AI", True), ("Tianjin", False), ("A", False)])
def test_is_acronym(word, expected):
    assert is_acronym(word) is expected


def test_enumeration_items():
    assert enumeration_items("quantum computing, photonic chips and brain-inspired computing") == [
        "quantum computing", "photonic chips", "brain-inspired computing"]
    assert enumeration_items("banks, insurers, etc.") == ["banks", "insurers"]


# --- speed (a sanity bound; the measured figure is bench/extract_speed.py) -------------

def test_extraction_time_is_proportionate(plan_units):
    extract(plan_units[:3])                       # loads jieba and CC-CEDICT
    t = time.perf_counter()
    extract(plan_units)
    assert time.perf_counter() - t < 30


# --- robustness -----------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

ZH_CHARS = st.sampled_from(list("人工智能平台中心区局委“”、，。（）ABC+等支持推动数据模型") + ["（GPU）", "“两新”"])
EN_WORDS = st.sampled_from(["Artificial", "intelligence", "platform", "center", "(GPU)", ",", "and",
                            '"', "+", "District", "data", "model", "the"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(ZH_CHARS, max_size=30).map("".join),
                          st.lists(EN_WORDS, max_size=25).map(" ".join)), max_size=4))
def test_extract_never_crashes_and_renderings_are_quoted_from_the_unit(rows):
    units = pairs(*rows)
    for c in extract(units, min_score=-99):
        assert c.zh and c.score == c.score          # not NaN
        for r in c.renderings:
            assert all(r.en in units[u - 1].en for u in r.units)


def test_kind_is_guessed_from_naming_morphology(unseen, plan_candidates):
    assert [unseen[z].kind for z in ("省财政厅", "江北新区", "无废城市", "量子计算")] == [
        "organisation", "place", "policy term", None]
    plan = by_zh(plan_candidates)
    assert [plan[z].kind for z in ("市科技局", "滨海新区", "国家级车联网先导区", "世界智能产业博览会", "两重两新")] == [
        "organisation", "place", "place", "event", "programme"]


# --- fragments and borrowed spans are not renderings (false alarms in `glossary check`) --

def test_a_repeated_name_is_not_rendered_by_its_generic_word():
    c = by_zh(extract(pairs(
        ("推动海淀区、朝阳区建设产业集群；海淀区同时发展工业软件。",
         "Promote Haidian District and Chaoyang District in building industry clusters; "
         "the district will also develop industrial software.")), min_score=-99))
    assert [(r.en, r.count) for r in c["海淀区"].renderings] == [("Haidian District", 1)]


def test_the_words_of_a_whole_name_belong_to_it():
    c = by_zh(extract(pairs(
        ("（省委网信办、省数据局按职责分工负责）",
         "(The Provincial Party Committee Cyberspace Administration and the Provincial Data Bureau "
         "are responsible according to their duties.)")), min_score=-99))
    assert c["省委网信办"].en == "Provincial Party Committee Cyberspace Administration"


def test_plan_renderings_are_whole_and_their_own(plan_candidates, plan_units):
    """On the plan: the second 西青区 of a unit is not "District", 市委网信办 keeps the
    "Municipal Party" of its name, the 人工智能 beside
    具身智能 is not "intelligence", and 机器人 does not take
    the spans of 人形机器人 or 水下机器人."""
    c = by_zh(plan_candidates)
    assert {r.en for r in c["西青区"].renderings} == {"Xiqing District"}
    assert sum(r.count for r in c["西青区"].renderings) == 2
    assert {normalise(r.en) for r in c["人工智能"].renderings} <= {"artificial intelligence", "ai"}
    # (数字人 -> "digital human" needed the seed table's 人 "human"; CC-CEDICT glosses 人 as
    # "person; people", so it is now "digital": a known weakness, see docs/extract.md.)
    assert {r.en for r in c["市委网信办"].renderings} == {
        "Cyberspace Administration of the Municipal Party Committee",
        "Municipal Party Committee Cyberspace Administration"}      # not "Committee Cyberspace ..."
    robots = by_zh(extract([u for u in plan_units if "机器人" in u.zh], min_score=-99))
    assert {normalise(r.en) for r in robots["机器人"].renderings} == {"robot"}
    # 人形机器人 itself is no longer proposed: 机器人 left zh.HEADS (no general dictionary
    # attests it as a head); where it is a candidate it keeps "humanoid robot(s)"
    if "人形机器人" in robots:
        assert {normalise(r.en) for r in robots["人形机器人"].renderings} == {"humanoid robot"}


def test_segmenter_cuts_run_by_run_exactly_as_jieba_cuts_the_whole_text():
    import jieba.posseg
    from glossary.extract.zh import Segmenter, _JIEBA_BLOCK

    assert _JIEBA_BLOCK.pattern == jieba.posseg.re_han_internal.pattern   # the same runs as jieba
    seg = Segmenter(["智能网联汽车"])
    texts = PLAN_ZH.read_text(encoding="utf-8").splitlines() + [
        "GPU、RISC-V和eVTOL 3.5版本（2025—2027年）", "  ", "a+b#c&d._e 中文 \r\n 英文", ""]
    for text in texts:
        # jieba's cut with its bound measure words and numerals put back (Segmenter._joined,
        # and its HMM coinages of a noun character and a grammatical word re-cut, Segmenter._recut,
        # tests/glossary/extract/test_segment_s12.py): the same on the whole text as run by run
        expected, pos = [], 0
        for word, flag in seg._recut(seg._joined([(p.word, p.flag) for p in seg._pos.cut(text)])):
            expected.append((word, flag, pos))
            pos += len(word)
        assert [(w.text, w.pos, w.start) for w in seg.words(text)] == expected, text


def test_a_candidate_always_followed_by_the_same_one_character_word_takes_it():
    """Right accessor variety: 区块 is always written 区块链 (jieba cuts 区块/链), so the
    candidate is 区块链; 模型 always followed by 是 (a grammatical word) stays, and so does
    a quoted candidate, whose extent the quotes fix."""
    from collections import defaultdict

    from glossary.extract.extractor import _close_cut_words, _Term
    from glossary.extract.zh import Occurrence, Segmenter

    texts = ["发展区块链技术，模型是工具。", "区块链应用广泛，模型是核心，“数据”链条完整。", "“数据”链路安全。"]
    bigrams = defaultdict(list)
    for ui, text in enumerate(texts):
        for bg in {text[i:i + 2] for i in range(len(text) - 1)}:
            bigrams[bg].append(ui)
    terms = {}
    for zh, cue in (("区块", "stat"), ("模型", "stat"), ("数据", "quote")):
        terms[zh] = _Term(zh)
        terms[zh].cues[cue] += 1
        for ui, text in enumerate(texts):
            if zh in text:
                terms[zh].mentions.append((ui, Occurrence(zh, text.index(zh), {cue})))
    strength = {"区块": 1.5}
    _close_cut_words(terms, strength, texts, bigrams, Segmenter())
    assert sorted(terms) == sorted(["数据", "模型", "区块链"])
    assert strength == {"区块链": 1.5}
    assert [(ui, occ.term, occ.start) for ui, occ in terms["区块链"].mentions] == [(0, "区块链", 2), (1, "区块链", 0)]


def test_two_processes_give_exactly_the_candidates_of_one(plan_units, monkeypatch):
    import glossary.extract.extractor as extractor
    from tm import can_fork
    if not can_fork():
        pytest.skip("no fork on this platform: extraction runs in one process")
    monkeypatch.setattr(extractor, "PARALLEL_UNITS", 10 ** 9)
    monkeypatch.setattr(extractor, "PARALLEL_TERMS", 10 ** 9)
    one = [candidate_to_json(c) for c in extract(plan_units)]
    monkeypatch.setattr(extractor, "PARALLEL_UNITS", 1)
    monkeypatch.setattr(extractor, "PARALLEL_TERMS", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert [candidate_to_json(c) for c in extract(plan_units)] == one


def test_a_camel_case_name_in_chinese_text_weighs_more_than_a_plain_latin_word():
    """PodDisruptionBudget-shaped identifiers are names coined for the domain; a
    lower-case or capitalised word (qemu, Linux) gets the plain Latin weight."""
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import Segmenter

    texts = ["请阅读 ResourceQuota 的说明。", "虚拟机运行在 qemu 之上。", "服务器安装的是 Linux。"]
    found = corpus_terms(texts, Segmenter(), english_vocabulary=english_word)
    assert found["ResourceQuota"].strength == found["qemu"].strength + 0.5
    assert found["Linux"].strength == found["qemu"].strength


def test_a_bracketed_english_word_glosses_the_word_before_it():
    """分片（Sharding）: the word before the gloss is the term (not the whole noun phrase,
    as before an acronym), rendered where the English has the word in any inflection;
    the gloss is no part of its name (unlike 图形处理器（GPU）)."""
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    found = [(o.term, o.cues, o.acronym) for o in occurrences("数据库采用水平分片（Sharding）提高吞吐量。", seg)]
    assert ("分片", {"gloss"}, "Sharding") in found
    units = pairs(("数据库采用水平分片（Sharding）提高吞吐量。", "The database uses horizontal shards to raise throughput."),
                  ("每个分片保存一部分数据。", "Each shard holds part of the data."))
    c = by_zh(extract(units, min_score=-99))["分片"]
    assert c.renderings[0].en == "shards"



def test_a_domain_noun_of_the_dictionary_is_no_everyday_word_where_it_recurs():
    """A two-character dictionary noun the memory uses far more than general language does
    (corpus statistics found it: specificity against jieba's background frequency) loses
    the everyday-word penalty (网络 in a page about networks); a verb as specific (共享)
    keeps it, and so does a noun without that evidence.  (A noun jieba counts under the
    everyday bar, 镜像 "image" 45, is no everyday word with or without it: session 18.)"""
    from glossary.extract.extractor import EVERYDAY, _Term, _termhood
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    assert seg.frequency("网络") >= EVERYDAY and seg.frequency("共享") >= EVERYDAY

    def score(zh, stat):
        return _termhood(zh, _Term(zh), 3, 3, 0.9, seg, "network", nested_in=0, compositional=False, stat=stat)

    noun_gain = score("网络", 0.8) - score("网络", 0.0)
    verb_gain = score("共享", 0.8) - score("共享", 0.0)
    assert noun_gain - verb_gain == pytest.approx(1.0)     # the everyday-word penalty, dropped


def test_a_latin_word_of_a_term_explains_the_same_english_word():
    """Pod 模板: the Latin part of a mixed term is found in the English as written (any
    case, plural), and a name's pinyin as the English spells it (和平 -> Heping)."""
    from glossary.extract.pairing import EnglishUnit, pair

    en = EnglishUnit("Controllers create Pods from a pod template in Heping.")
    assert en.by_lower["pod"] == [5] and en.by_lower["heping"] == [8]
    assert [s.text for s in pair("Pod", en, limit=2)] == ["Pods", "pod"]
    assert [s.text for s in pair("Pod 模板", en)] == ["pod template"]
    assert [s.text for s in pair("和平", en)] == ["Heping"]


def test_latin_words_in_sequence_are_no_camel_case_name_and_a_name_beside_a_word_once_is_no_term():
    """"Kubernetes API" written in Chinese text is two words, not the CamelCase name
    "KubernetesAPI"; a name beside another word seen once (Linux 内核) is a free
    combination, not a term: a sequence with no strength (only a composition of accepted
    terms rendered in the Chinese order can make it one)."""
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, Segmenter

    texts = ["调用 Kubernetes API 创建对象。", "Linux 内核提供名字空间。", "每个名字空间都有名称。",
             "容器共享名字空间，也共享存储。", "你可以查看 Kubernetes 的文档。", "Linux 也支持多种文件系统。"]
    found = corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word)
    assert "KubernetesAPI" not in found and found["Linux内核"].strength == 0.0
    assert found["Linux"].kind == "latin"


def test_a_mixed_composition_must_keep_the_chinese_order_in_english():
    """镜像 Pod rendered "mirror Pod" is one English compound; Pod 生命周期 rendered
    "lifecycle of a Pod" or Pod 副本 "Replicated Pods" is a free combination."""
    from glossary.extract.extractor import _in_chinese_order

    assert _in_chinese_order("镜像 Pod", "mirror Pod") and _in_chinese_order("镜像 Pod", "the mirror Pods")
    assert _in_chinese_order("Pod 联网", "Pod networking") and _in_chinese_order("Kubernetes 集群", "Kubernetes cluster")
    assert not _in_chinese_order("Pod 生命周期", "lifecycle of a Pod")
    assert not _in_chinese_order("Pod 副本", "Replicated Pods")
    assert not _in_chinese_order("Pod 调度", "scheduler places") and not _in_chinese_order("Pod 调度", None)
    assert _in_chinese_order("容器探针", "probes")        # no Latin name: not judged here


def test_a_latin_word_written_mostly_inside_code_is_no_name():
    """spec once on its own and three times inside a field path (.spec.os.name) is a field
    of code; kubelet on its own is a name."""
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, Segmenter

    texts = ["设置 .spec.os.name 字段。", "读取 .spec.containers 的值。", "修改 spec.tolerations 字段。",
             "Pod 的 spec 不可改变。", "kubelet 管理容器。", "节点上的 kubelet 运行容器。"]
    found = corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word)
    assert "spec" not in found and found["kubelet"].kind == "latin"


def test_program_output_left_as_it_was_gives_no_terms_and_a_lone_name_does():
    """A unit whose Chinese side holds no Chinese (a code block or program output a
    translator left untranslated, as OmegaT memories of software manuals hold) is not read;
    one name standing alone (an item of a list of names) is."""
    output = "PHPUnit 3.7.0 by Sebastian Bergmann. F Time: 0 seconds There was 1 failure: FAILURES! Tests: 1"
    units = pairs((output, output), (output, output), (output.replace("3.7.0", "4.0.0"), output),
                  ("Borg", "Borg"), ("Omega", "Omega"), ("早期的研究包括：", "Prior work includes:"))
    found = by_zh(extract(units, min_score=-99))
    assert not {"FAILURES", "There", "Sebastian", "Bergmann", "PHPUnit"} & found.keys()
    assert {"Borg", "Omega"} <= found.keys()


def test_a_file_name_standing_alone_is_not_read_as_a_name():
    """The lone name is a Latin term as extraction reads one (en.LATIN, the one pattern):
    a file name left as it was (app.yaml, its parts joined by a dot) is code, not a name."""
    units = pairs(("app.yaml", "app.yaml"), ("app.yaml", "app.yaml"), ("Borg", "Borg"), ("Borg", "Borg"))
    found = by_zh(extract(units, min_score=-99))
    assert not {"app", "yaml", "app.yaml"} & found.keys() and "Borg" in found


def test_an_ordinary_or_function_word_in_latin_letters_is_no_name():
    """In Chinese text, a lower-case word of ordinary English (with, path: a code keyword or
    a field) or an English function word (There, No: an untranslated fragment) is never a
    Latin name, however often it recurs; a name that is no ordinary word is (kubelet), and
    so is an acronym spelling a function word (IT)."""
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, Segmenter

    texts = ["调用 with 方法设置参数。", "调用 with 方法两次。", "把 path 写入配置。", "再次读取 path 的值。",
             "显示 There 开头的消息。", "显示 There 与 No 两个词。", "如果回答 No 就退出。",
             "kubelet 管理容器。", "节点上的 kubelet 运行容器。", "公司的 IT，由我们负责。", "依靠 IT。"]
    found = corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word)
    assert not {"with", "path", "There", "No"} & found.keys()
    assert found["kubelet"].kind == "latin" and found["IT"].kind == "latin"


def test_a_place_or_time_adverbial_is_no_term():
    """文件中 "in the file" and 测试时 "when testing" recur as often as any term in a
    software manual; they say where and when.  A term ending in a word (名字空间
    "namespace") or in a dictionary word of three characters (容器运行时, 运行时 "runtime")
    keeps its score."""
    from glossary.extract.extractor import _adverbial
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    assert _adverbial("文件中", seg) and _adverbial("测试时", seg) and _adverbial("服务器上", seg)
    assert not _adverbial("名字空间", seg) and not _adverbial("容器运行时", seg) and not _adverbial("中", seg)
    units = pairs(("保存文件时，程序会检查格式。", "When saving a file, the program checks the format."),
                  ("打开文件时出现错误。", "An error occurs when opening the file."),
                  ("关闭文件时要小心。", "Be careful when closing the file."),
                  ("复制文件时速度很慢。", "Copying the file is slow."))
    found = by_zh(extract(units, min_score=-99))
    assert found["文件时"].score < 0     # (2.12 before: a statistics sequence ending in 时)


def test_a_subject_and_its_copula_or_modal_is_no_compound():
    """文件 | 是 written after many words (日志文件是, 这个文件是 …) is a subject and its verb:
    CC-CEDICT gives 是, 会 and 能 other senses (会 "meeting", 能 "energy"), but words this
    frequent in general language are grammatical there."""
    from glossary.extract.lexicon import nominal_word
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, Segmenter

    texts = ["日志文件是自动生成的。", "这个文件是只读的。", "那个文件是空的。", "配置文件是文本格式。",
             "新文件是空的吗？", "旧文件是压缩过的。"]
    found = corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word, nominal_word=nominal_word)
    assert "文件是" not in found


def test_a_phrase_holding_a_pronoun_is_no_chunk_of_its_own():
    """这些文件 "these files", 激活此选项 "activate this option" point at things a text names
    elsewhere; the distributive 各 is part of a name (各区人民政府)."""
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    chunks = {o.term for t in ("这些文件会被删除。", "请激活此选项。", "各区人民政府负责落实。")
              for o in occurrences(t, seg) if "chunk" in o.cues}
    # (the verb after the name is the clause's since session 27: 各区人民政府 | 负责)
    assert not {"这些文件", "激活此选项"} & chunks and "各区人民政府" in chunks


def test_a_closed_english_compound_renders_two_parts_of_the_term():
    """"workload" is 工作 "work" + 负载 "load" written as one word: it explains both, so the
    span needs no neighbouring word to make up for 负载 ("using workload resources"); a
    compound whose first half the term lacks ("supercomputing" for 算力) explains nothing
    more than before."""
    from glossary.extract.pairing import EnglishUnit, pair

    en = EnglishUnit("Pods are created using workload resources.")
    assert [s.text for s in pair("工作负载资源", en, context="而是使用工作负载资源创建的")] == ["workload resources"]
    en = EnglishUnit("Build intelligent computing and supercomputing centres.")
    assert [s.text for s in pair("智能算力", en)] == ["intelligent computing"]


def test_an_english_gloss_after_two_single_characters_glosses_both():
    """并置（colocated）: jieba cuts the word it does not know into 并 (a conjunction
    elsewhere) and 置; the gloss names the two characters, a term even though jieba would
    tag it a verb, rendered where the English hyphenates the gloss ("co-located")."""
    from glossary.extract.zh import Segmenter, occurrences

    text = "Pod 中的内容总是并置（colocated）的并且一同调度。"
    assert ("并置", {"gloss"}) in [(o.term, o.cues) for o in occurrences(text, Segmenter())]
    units = pairs((text, "A Pod's contents are always co-located and co-scheduled."),
                  ("Pod 可以封装多个并置容器。", "A Pod can encapsulate multiple co-located containers."))
    c = by_zh(extract(units))["并置"]
    assert c.en == "co-located" and c.renderings[0].count == 2


def _stat_terms(texts):
    from glossary.extract.extractor import GENERIC
    from glossary.extract.lexicon import nominal_word
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, Segmenter

    return corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word,
                        generic=GENERIC, nominal_word=nominal_word)


def test_a_repeated_compound_of_general_words_the_dictionary_lacks_is_a_term():
    """颜色主题: two everyday nouns, neither specific to the memory, but written together
    three times in varied company and unknown to jieba's dictionary as one word: a unit.
    Seen twice it is not enough evidence; a one-character first part (市 | 财政) is a prefix
    cut off a name, a one-character last part a head noun (转发面)."""
    filler = ["我们今天调整了页面的字号大小和行距。"] * 60    # enough words that 颜色, 主题 are not rare
    texts = ["用户可以切换颜色主题。", "颜色主题决定界面的外观。", "新的颜色主题已经发布，欢迎试用。"]
    assert _stat_terms(texts + filler)["颜色主题"].kind == "sequence"
    assert "颜色主题" not in _stat_terms(texts[:2] + filler)
    texts = ["市财政安排资金。", "本年度市财政收入增长。", "由市财政负责。"]
    assert "市财政" not in _stat_terms(texts + filler)
    # a one-character last word is a head noun, not a cut-off prefix (转发 | 面: "forwarding plane")
    texts = ["报文进入转发面处理。", "转发面与控制逻辑分离。", "升级后的转发面性能更好。"]
    assert "转发面" in _stat_terms(texts + filler)


def test_a_repeated_compound_may_start_or_end_with_a_verb_that_can_name_a_thing():
    """缓存策略 (jieba: 缓存/v 策略/n) and 字体缓存 (缓存 "cache", a noun sense in
    CC-CEDICT) are compounds like any other; 用户登录 ends in a verb with only verb senses
    ("to log in"): a subject and its predicate, no term."""
    texts = ["系统的缓存策略可以配置。", "缓存策略影响读取速度。", "默认缓存策略是最近最少使用。",
             "字体缓存位于用户目录。", "清理字体缓存后重启。", "程序会重建字体缓存。",
             "用户登录后可以查看记录。", "每次用户登录都会写日志。", "用户登录失败时提示错误。"]
    found = _stat_terms(texts + ["我们今天调整了页面的字号大小和行距。"] * 60)
    assert "缓存策略" in found and "字体缓存" in found
    assert "用户登录" not in found


def test_accessor_variety_counts_a_function_word_as_one_neighbour():
    """A sequence always entered through the same conjunction (…和税收计划, three times) is
    the second half of a longer name, not a unit of its own: 和 is one left neighbour, not
    a new boundary each time.  A structural particle (的) or punctuation still marks a
    boundary each time (颜色主题 above)."""
    texts = ["财政预算和税收计划已经公布。", "审议了财政预算和税收计划。", "关于财政预算和税收计划的说明。",
             "税收政策保持稳定。"]
    found = _stat_terms(texts + ["我们今天调整了页面的字号大小和行距。"] * 60)
    assert "税收计划" not in found


def test_a_candidate_whose_renderings_all_went_to_longer_terms_scores_as_unrendered():
    """市人 (jieba's cut of 市人社局) read "Municipal Human" in two units, and both spans
    went back to the longer term: it is left with no rendering, so its score loses the
    pairing bonus (1.5 × the best span's score) and takes the no-rendering penalty (1.5),
    like any term paired with nothing.  A candidate that keeps a rendering is untouched."""
    from glossary.extract.extractor import _unrendered
    from glossary.models import Candidate, Rendering

    cut = Candidate(zh="省人", pinyin="", renderings=[], count=2, score=4.0)
    kept = Candidate(zh="省人社厅", pinyin="", renderings=[Rendering("Provincial Department", 2, [1, 2])],
                     count=2, score=6.0)
    spans = {("省人", 0): [("Provincial Human", 0.8, False)], ("省人", 1): [("Provincial Human", 0.6, False)],
             ("省人社厅", 0): [("Provincial Department", 1.0, False)]}
    _unrendered([cut, kept], {"省人", "省人社厅"}, spans)
    assert cut.score == pytest.approx(4.0 - 1.5 * 0.8 - 1.5) and cut.score < DEFAULT_MIN_SCORE
    assert kept.score == 6.0


def test_a_preposition_inside_a_candidate_costs_termhood(monkeypatch):
    """根据用户数据 (根据 "according to", a preposition) builds a clause around a name; the
    term is the name.  A pronoun does not count (各区人民政府 names the governments)."""
    from glossary.extract import extractor
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    assert extractor._closed_class("根据用户数据", seg) and extractor._closed_class("以及网络设备", seg)
    assert not extractor._closed_class("用户数据", seg) and not extractor._closed_class("各区人民政府", seg)

    def score():
        return extractor._termhood("根据用户数据", extractor._Term("根据用户数据"), 2, 2, 0.9, seg, "user data",
                                   nested_in=0, compositional=False)
    with_rule = score()
    monkeypatch.setattr(extractor, "_closed_class", lambda term, seg: False)
    assert score() - with_rule == pytest.approx(1.0)


def test_a_verb_and_a_latin_name_after_it_is_no_term():
    """管理 Pod ("manage Pods", jieba: 管理/vn) is a verb and its object; 静态 Pod is a name."""
    texts = ["控制器负责管理 Pod 的副本。", "你可以手动管理 Pod，但不推荐。", "工作负载资源用于管理 Pod。",
             "静态 Pod 由节点直接管理。", "每个静态 Pod 都有镜像。", "删除静态 Pod 的清单文件。"]
    found = _stat_terms(texts + ["我们今天调整了页面的字号大小和行距。"] * 60)
    assert "静态Pod" in found
    assert "管理Pod" not in found


def test_titles_of_documents_are_whole_names():
    """A work named in 《》 (its trailing bracketed years dropped) and a unit that is only a
    heading naming a document (…实施方案, numbering dropped) are full names; a sentence that
    ends in such a word is not a heading."""
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()

    def titles(text):
        return [o.term for o in occurrences(text, seg) if "title" in o.cues]
    assert titles("省政府印发了《江苏省公共数据管理办法（2024—2026年）》，请遵照执行。") == ["江苏省公共数据管理办法"]
    assert titles("二、南京市数字政府建设实施方案") == ["南京市数字政府建设实施方案"]
    assert titles("各部门要抓紧制定实施方案。") == []
    assert titles("南京市制定了数字政府建设实施方案，并报省政府备案。") == []


def test_a_quantifying_adjective_starts_no_statistics_sequence():
    """单个服务器, 所有服务器 (jieba: 单个/b, 所有/b) count the thing a name names; 服务器
    itself is what recurs."""
    texts = ["单个服务器的日志保存在磁盘上。", "每个机房可以只放单个服务器。", "单个服务器失败时会被替换。",
             "查看单个服务器的状态。", "所有服务器共享网络。", "重启所有服务器。", "所有服务器都停止后断电。"]
    found = _stat_terms(texts + ["我们今天调整了页面的字号大小和行距。"] * 60)
    assert "服务器" in found
    assert "单个服务器" not in found and "所有服务器" not in found


def test_a_word_nearly_always_modifying_the_next_noun_is_no_term_of_its_own():
    """量子 written only as the first part of 量子芯片, 量子通信, 量子传感 (jieba cuts them) is
    part of those compounds; 光刻机, seen as often and on its own, is a term."""
    texts = ["发展量子芯片。", "研究量子通信。", "布局量子传感。",
             "引进光刻机。", "光刻机价格高昂。", "国产光刻机取得进展。"]
    found = _stat_terms(texts + ["我们今天调整了页面的字号大小和行距。"] * 60)
    assert "光刻机" in found
    assert "量子" not in found


def test_a_latin_name_nearly_always_modifying_the_next_noun_gives_its_compounds():
    """GIS written only as the first part of GIS 平台, GIS 数据 (a noun after it each time) is
    their modifier, as a Chinese word is: the compounds are proposed, each seen once, and
    the bare name is not.  A name coined from capitalised parts (nodeSelector) is a name of
    its own even when a noun classifies it (the nodeSelector field); one used on its own as
    well (Linux) is left as it was."""
    texts = ["部署 GIS 平台。", "更新 GIS 数据。", "设置 nodeSelector 字段。",
             "Linux 内核提供名字空间。", "Linux 也支持多种文件系统。"]
    found = _stat_terms(texts + ["我们今天调整了页面的字号大小和行距。"] * 60)
    assert "GIS" not in found
    assert found["GIS平台"].kind == "mixed" and found["GIS数据"].freq == 1
    assert "nodeSelector" in found and "nodeSelector字段" not in found
    assert "Linux" in found and found["Linux内核"].strength == 0.0     # seen once: no strength


def test_a_quoted_series_of_short_items_and_a_quoted_name_with_its_acronym_are_named_as_written():
    """“云、边、端” and “初级—中级—高级” are one coordinated name each, kept with their
    separators; a quoted name holding a bracketed acronym keeps it (“区块链（BC）+金融”).
    Items of clause length (“技术领先、场景开放”) are a slogan's parts, not one name."""
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    terms = {o.term for o in occurrences("推动“云、边、端”协同，构建“初级—中级—高级”人才梯队。", seg)}
    assert {"云、边、端", "初级—中级—高级"} <= terms
    terms = {o.term for o in occurrences("打造“区块链（BC）+金融”新模式。", seg)}
    assert "区块链（BC）+金融" in terms and "区块链+金融" in terms
    terms = {o.term for o in occurrences("形成“技术领先、场景开放”的环境。", seg)}
    assert not any("、" in t for t in terms)


def test_an_adjective_used_as_a_noun_ends_a_name_a_predicate_adjective_does_not():
    """代码安全 ends in 安全 "security", which jieba tags an adjective used as a noun (an):
    it names a thing; 成长性好 ends in a predicate adjective (a) and describes one."""
    from glossary.extract.extractor import _evaluative
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    assert [w.pos for w in seg.words("代码安全")][-1] == "an"
    assert not _evaluative("代码安全", seg)
    assert _evaluative("成长性好", seg) and _evaluative("竞争力强", seg)


def test_a_mixed_term_no_gloss_renders_takes_the_english_beside_its_name():
    """seccomp 配置文件: 配置文件 is not glossed "profile", but English noun compounds keep the
    Chinese order of modifier and head: the name and the words after it render the term.
    Name last (镜像 Pod): the words before it; a function word ends the span."""
    from glossary.extract.extractor import _beside_name
    from glossary.extract.pairing import EnglishUnit

    units = pairs(("设置特定的 seccomp 配置文件。", "Set a specific seccomp profile."),
                  ("为容器设置 seccomp 配置文件。", "Set the seccomp profile of a container."))
    c = by_zh(extract(units, min_score=-99))["seccomp 配置文件"]
    assert c.en == "seccomp profile" and c.renderings[0].count == 2
    found = {}
    english = [EnglishUnit("The kubelet creates a mirror Pod for it."), EnglishUnit("It is a copy of Pod data.")]
    assert _beside_name("镜像 Pod", [0, 1], english, found, [1, 2]) == 3 / 5
    assert [(r.en, r.units) for r in found.values()] == [("mirror Pod", [1])]


def test_a_phrase_of_accepted_terms_is_a_term_even_once():
    """容器 and 探针 recur and are accepted; 容器探针, seen once with no other cue, is made of
    them and is a term too (a compound's termhood comes from its parts').  The same sentence
    alone, where neither part is accepted, gives no such term."""
    zh = ["每个容器都可以在节点上运行。", "容器会在启动之前拉取镜像。", "一个容器可以重新启动。", "容器共享存储。",
          "探针用来检查应用是否健康。", "探针失败时会重启。", "你可以为每个容器配置探针。",
          "容器探针由 kubelet 定期执行。"]
    en = ["Each container can run on a node.", "A container pulls its image before it starts.",
          "A container can be restarted.", "Containers share storage.",
          "A probe checks whether the application is healthy.", "When a probe fails, the container is restarted.",
          "You can configure probes for each container.", "Container probes are run by the kubelet periodically."]
    units = [TranslationUnit(zh=z, en=e, id=i) for i, (z, e) in enumerate(zip(zh, en))]
    found = {c.zh: c for c in extract(units)}
    assert {"容器", "探针", "容器探针"} <= found.keys()
    assert found["容器探针"].en == "Container probes"
    alone = {c.zh for c in extract(units[-1:])}
    assert "容器探针" not in alone


def test_a_sequence_ending_in_a_generic_activity_has_no_statistics_strength():
    """芯片研发 "chip R&D" recurs as often as 芯片工厂, but ends in a generic activity (研发),
    which the structural cues strip from a phrase's ends too: a thing and what is done to
    it, not a name."""
    from glossary.extract.lexicon import nominal_word
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, GENERIC, Segmenter

    texts = ["支持芯片研发和芯片封装。", "加快芯片研发，建设芯片工厂。", "完善芯片封装标准。", "推动芯片研发。",
             "芯片封装企业", "芯片工厂很多。"]
    found = corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word, generic=GENERIC,
                         nominal_word=nominal_word)
    assert found["芯片工厂"].strength > 0 and "芯片" in found
    assert found["芯片研发"].strength == 0.0     # still a repeated sequence, no evidence of a term


def test_a_composition_is_of_accepted_terms_and_at_most_one_dictionary_noun():
    from glossary.extract.extractor import _composition
    from glossary.extract.zh import Segmenter

    seg = Segmenter()
    assert _composition("容器探针", {"容器", "探针"})
    assert not _composition("容器探针", {"容器"})
    assert _composition("控制面组件", {"控制面"}, seg)              # + 组件, a noun of the dictionary
    assert not _composition("大模型技术", {"大模型"}, seg)           # + a generic head
    assert not _composition("控制面组件", {"控制面组件"}, seg)        # itself, not a composition
    # two terms and a noun: a free combination of three (颜色主题 + 编辑 + 组件)
    assert _composition("颜色主题组件", {"颜色主题"}, seg)
    assert not _composition("编辑器颜色主题组件", {"编辑器", "颜色主题"}, seg)
    # a clause is no name, whatever candidates it is cut into (空格会 is a mis-cut candidate)
    assert _composition("空格会显示", {"空格会", "显示"})
    assert not _composition("空格会显示", {"空格会", "显示"}, seg)


def test_a_compound_seen_twice_counts_when_the_translation_renders_it_alike():
    """Two mentions are too little repetition to call 颜色主题 a unit (three are needed),
    but a translator who renders both with the same English phrase read it as one concept:
    translation evidence stands for the third mention.  Rendered two ways, starting with a
    generic activity (发展环境: the structural cues trim such words) or with a verb (保存脚本
    "Save Script": a verb and its object), it is not."""
    from glossary.extract.extractor import GENERIC
    from glossary.extract.lexicon import nominal_word
    from glossary.extract.stats import corpus_terms, english_word
    from glossary.extract.zh import FRAME, Segmenter

    filler = ["我们今天调整了页面的字号大小和行距。"] * 60
    texts = ["用户可以切换颜色主题。", "颜色主题决定界面的外观。", "发展环境很好。", "发展环境决定投资。",
             "完成后保存脚本。", "保存脚本并退出。"] + filler
    seen = []

    def found(alike: bool):
        def renders_alike(spans):
            seen.append([texts[ui][a:b] for ui, a, b in spans])
            return alike
        return corpus_terms(texts, Segmenter(), frame=FRAME, english_vocabulary=english_word,
                            generic=GENERIC, nominal_word=nominal_word, renders_alike=renders_alike)
    assert "颜色主题" in found(True) and "颜色主题" not in found(False)
    assert ["颜色主题", "颜色主题"] in seen and "发展环境" not in found(True)
    # a verb and its object ("Save Script" both times) is no noun phrase
    assert "保存脚本" not in found(True)
    # through the extractor: the learnt alignment reads "colour theme" in both units
    units = pairs(*[(z, e) for z, e in [("用户可以切换颜色主题。", "Users can switch the colour theme."),
                                         ("颜色主题决定界面的外观。", "The colour theme sets how the interface looks.")]],
                  *[("我们今天调整了页面的字号大小和行距。", "Today we adjusted the font size and line spacing of the page.")] * 60)
    c = by_zh(extract(units, min_score=-99)).get("颜色主题")
    assert c is not None and c.en == "colour theme"
    units[1] = TranslationUnit(zh=units[1].zh, en="It decides how the interface looks.", id=units[1].id)
    # no statistics evidence then; the phrase after the verb of "Users can switch the colour
    # theme" (切换 | 颜色主题) is still a candidate of its own shape, below the cut-off
    c = by_zh(extract(units, min_score=-99)).get("颜色主题")
    assert c is None or c.score < DEFAULT_MIN_SCORE


@pytest.mark.parametrize("zh,en,term", [
    # a verb governing a name: the English writes the verb (争 "to strive for", 创 "to create")
    ("争创国家工业设计研究中心。", "Strive to create a national industrial design research center.",
     "国家工业设计研究中心"),
    # jieba tags these modifiers v as well; the English has an adjective or a participle
    ("发展具身智能机器人。", "Develop embodied intelligent robots.", None),
    ("共享公共数据开放平台上线。", "The shared public data open platform is online.", None),
])
def test_a_verb_governing_the_noun_phrase_after_it_is_no_part_of_the_term(zh, en, term):
    from glossary.extract.extractor import _object_of_verb
    from glossary.extract.lexicon import glossary_lexicon
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    found = [_object_of_verb(o, en, seg, glossary_lexicon()) for o in occurrences(zh, seg)]
    phrases = {o.term for o in found if "chunk" in o.cues}
    original = {o.term for o in occurrences(zh, seg) if "chunk" in o.cues}
    if term is None:
        assert phrases == original
    else:
        assert term in phrases and not any(p.endswith(term) and p != term for p in phrases)


def test_enumeration_items_sharing_a_generic_head_give_their_stems():
    """语音识别技术、区块链技术、智能客服技术: the head written out for each item is generic (技术),
    so each stem is an item of the enumeration too; 水下机器人、工业机器人 keep theirs, and so
    does 中小企业 (one word of the dictionary; 科技企业 alone is no coordination)."""
    from glossary.extract.extractor import _before_shared_generic_head
    from glossary.extract.zh import Segmenter, occurrences

    seg = Segmenter()
    found = occurrences("推广语音识别技术、区块链技术、智能客服技术的应用。", seg)
    stems = {o.term: o.enum[1] for o in _before_shared_generic_head(found, seg)}
    assert stems == {"语音识别": 0, "区块链": 1, "智能客服": 2}
    found = occurrences("服务中小企业、科技企业。", seg)
    assert {o.term for o in found if o.enum} == {"中小企业", "科技企业"}
    assert _before_shared_generic_head(found, seg) == []      # one well-formed stem: no coordination
    assert _before_shared_generic_head(occurrences("推动水下机器人、工业机器人的研发。", seg), seg) == []
    assert _before_shared_generic_head(occurrences("推广智能客服技术和区块链应用。", seg), seg) == []


def test_a_closed_compound_with_a_short_first_half_glossed_by_the_term():
    """"subdomain" is 子 "sub" + 域 "domain" written as one word: "sub" is too short to
    match as a word's beginning, but it is exactly a gloss of the term's other part, so the
    compound renders both (not "valid DNS", a neighbour taken for the unexplained 子域)."""
    from glossary.extract.pairing import EnglishUnit, pair

    en = EnglishUnit("Each Service gets a valid DNS subdomain name.")
    assert [s.text for s in pair("DNS 子域", en, context="每个服务都有一个合法的 DNS 子域名。")] == ["DNS subdomain"]


@pytest.mark.parametrize("zh,items", [
    # a series of clauses (an adjective after a subject): each item's predicate goes
    ("发挥物流网络完备、旅游资源丰富的优势。", {"物流网络", "旅游资源"}),
    ("形成“技术标准引领、产业生态健全、人才队伍稳定”的格局。", {"技术标准", "产业生态", "人才队伍"}),
    # a one-character adjective grades an attribute noun; a two-character subject stays whole
    ("培育创新能力强、成长性好的企业。", {"创新能力强", "成长性好"}),
    ("支持医疗健康、中医药等产业。", {"医疗健康", "中医药"}),
])
def test_an_enumeration_of_subjects_and_predicates_names_the_subjects(zh, items):
    from glossary.extract.zh import Segmenter, occurrences

    assert {o.term for o in occurrences(zh, Segmenter()) if "enumeration" in o.cues} == items


@pytest.mark.parametrize("zh,items", [
    ("这类组件被设计成相对独立的、可替换的功能模块。", set()),      # modifiers of 功能模块
    ("支持云计算、大数据的发展。", {"云计算", "大数据"}),             # names; 的 only after the last
])
def test_a_series_of_modifiers_ending_in_de_gives_no_enumeration_items(zh, items):
    from glossary.extract.zh import Segmenter, occurrences

    assert {o.term for o in occurrences(zh, Segmenter()) if "enumeration" in o.cues} == items


def test_a_known_term_and_a_generic_head_after_modifiers_is_compositional():
    """人工智能企业 and 国际顶尖人工智能企业 are a known term with a generic head (企业), the
    second after modifiers; 高新技术企业 ends in 技术, a generic head itself, and 科技领军企业
    holds no known term."""
    from glossary.extract.extractor import _compositional

    terms = {"人工智能", "技术", "数据标注"}
    assert _compositional("人工智能企业", terms) and _compositional("国际顶尖人工智能企业", terms)
    assert _compositional("优质数据标注企业", terms)
    assert not _compositional("高新技术企业", terms) and not _compositional("科技领军企业", terms)
    assert not _compositional("人工智能", terms)


def test_a_memory_in_traditional_characters_gives_the_terms_of_its_simplified_key(plan_units, plan_candidates):
    """The plan written in Traditional characters (OpenCC's s2t, as a Taiwan or Hong Kong
    edition writes it): jieba's dictionary, the general word frequencies and the lists are
    Simplified, so 平臺 and 數據 read as rare words were candidates that 平台 and 数据 are
    not. Traditional text is now read as its Simplified key and the terms written back as
    the text writes them: the same candidates, scores and renderings, in Traditional."""
    import opencc
    from dataclasses import replace

    from tm import simplified_key
    to_traditional = opencc.OpenCC("s2t").convert
    traditional = [replace(u, zh=to_traditional(u.zh)) for u in plan_units]
    assert all(len(t.zh) == len(u.zh) for t, u in zip(traditional, plan_units))
    found = extract(traditional)
    simplified = {c.zh: c for c in plan_candidates}
    assert sorted(simplified_key(c.zh) for c in found) == sorted(simplified_key(z) for z in simplified)
    for c in found:
        twin = simplified[next(z for z in simplified if simplified_key(z) == simplified_key(c.zh))]
        assert (c.score, [r.en for r in c.renderings]) == (twin.score, [r.en for r in twin.renderings])
        # written as the text writes it (a coordinated form, 兩重兩新 of 兩重、兩新, by its parts)
        text = "\n".join(u.zh for u in traditional)
        assert all(p in text for p in c.parts) if c.parts else c.zh in text, c.zh
    assert "臺" in "".join(c.zh for c in found)


def test_a_term_the_term_base_holds_is_written_as_the_term_base_writes_it(db_path):
    """A memory in both scripts: the terms found were written as most of their units write
    them, so a term a person rejected in Simplified came back as a new candidate in
    Traditional once Traditional documents outnumbered the others (and an undecided
    candidate split in two)."""
    from tm import import_units
    from glossary.pipeline import refresh_candidates
    from glossary.termbase.store import entries, open_termbase, set_status

    db = open_termbase(db_path)
    simplified = [("天津市将建设人工智能计算中心。", "Tianjin will build an artificial intelligence computing center."),
                  ("人工智能计算中心为企业提供算力。",
                   "The artificial intelligence computing center provides computing power to enterprises.")]
    traditional = [("臺北市將建設人工智能計算中心。", "Taipei will build an artificial intelligence computing center."),
                   ("人工智能計算中心為企業提供算力。",
                    "The artificial intelligence computing center provides computing power to enterprises."),
                   ("人工智能計算中心將於明年啟用。", "The artificial intelligence computing center will open next year.")]
    import_units(db, [TranslationUnit(zh=zh, en=en) for zh, en in simplified])
    refresh_candidates(db)
    set_status(db, "人工智能计算中心", "rejected")
    import_units(db, [TranslationUnit(zh=zh, en=en) for zh, en in traditional])
    refresh_candidates(db)
    held = {e.zh: e.status for e in entries(db)}
    assert "人工智能計算中心" not in held and held["人工智能计算中心"] == "rejected"
