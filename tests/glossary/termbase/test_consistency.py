"""The consistency report: renderings, collisions, cross-document names."""

import pytest

from glossary.termbase.consistency import (
    _abbreviates, _near, check, finding_to_json, mentions, variant_key,
)
from glossary.models import Entry
from glossary.termbase.store import merge_entries, open_termbase, store_candidates

from _terms import cand
from conftest import SEEDS


@pytest.fixture
def db(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("康养", ("Health Care", 1, [54]), ("health", 1, [56]), ("healthcare", 1, [57]),
             ("health and wellness", 1, [99])),
        cand("医疗", ("Healthcare", 2, [48, 50])),
        cand("大模型", ("large model", 2, [27, 50]), ("large-scale models", 3, [67, 77, 80]),
             ("big models", 2, [95, 111]), ("Large Models", 1, [123])),
        cand("信创", ("information and innovation", 2, [1, 11]), ("innovation", 1, [94])),
        cand("创新", ("innovation", 16, [1, 4, 7])),
        cand("算力", ("computing power", 8, [15, 21]), ("Computing Power", 1, [22])),
    ])
    return db


def by_zh(findings, kind):
    return {tuple(f.zh): f for f in findings if f.kind == kind}


def test_renderings_are_reported_with_trivial_differences_folded(db):
    found = by_zh(check(db), "renderings")
    assert found[("康养",)].en == ["health", "health and wellness", "Health Care", "healthcare"]
    assert found[("康养",)].units == [54, 56, 57, 99]
    # "large model" ×2 and "Large Models" ×1 are one rendering; large-scale and big are not
    assert found[("大模型",)].en == ["large model", "large-scale models", "big models"]
    assert "large model\" ×3" in found[("大模型",)].message
    assert found[("信创",)].en == ["information and innovation", "innovation"]
    # case only: not an inconsistency
    assert ("算力",) not in found


def test_collisions_across_terms(db):
    found = by_zh(check(db), "collision")
    assert found[("医疗", "康养")].en == ["Health Care", "Healthcare", "healthcare"]
    assert "differing only in spacing, case, hyphenation or number" in found[("医疗", "康养")].message
    assert found[("信创", "创新")].en == ["innovation"]
    assert found[("信创", "创新")].units == [1, 4, 7, 94]


def test_ranked_serious_first_and_forbidden_is_an_error(db):
    merge_entries(db, [Entry(zh="康养", approved=["health and wellness"], forbidden=["Health Care"],
                             status="approved"),
                       Entry(zh="大模型", approved=["large model"], forbidden=["big model"],
                             status="approved")])
    findings = check(db)
    assert [f.severity for f in findings] == sorted(
        (f.severity for f in findings), key=["error", "warning", "info"].index)
    errors = {tuple(f.zh) for f in findings if f.severity == "error"}
    assert ("康养",) in errors and ("大模型",) in errors
    assert findings[0].rank >= findings[-1].rank


def test_a_clean_memory_has_no_findings(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [cand("算力", ("computing power", 3, [1, 2, 3])),
                          cand("康养", ("health and wellness", 1, [4]))])
    assert check(db) == []


def test_rejected_entries_are_ignored(db):
    merge_entries(db, [Entry(zh="创新", approved=["innovation"], status="rejected")])
    assert ("信创", "创新") not in by_zh(check(db), "collision")


def test_jsonl_contract(db):
    row = finding_to_json(check(db)[0])
    assert list(row) == ["id", "kind", "zh", "en", "units", "severity", "message"]   # "id" added by issue 10
    assert row["kind"] in ("renderings", "collision", "document")


def test_mentions():
    text = ("The 2024 World Intelligence Expo opened.\n"
            "It combines the World Intelligence Congress and the Smart China Expo.\n"
            "At Tiankai Park, the Tianjin-Nankai Higher Education Science and Innovation Park grew.")
    assert mentions(text) == [
        ("World Intelligence Expo", 1), ("World Intelligence Congress", 2), ("Smart China Expo", 2),
        ("Tiankai Park", 3), ("Tianjin-Nankai Higher Education Science and Innovation Park", 3)]


def test_news_articles_against_the_plans_renderings(db_path):
    """Generic: the references are what the memory used (no approved entries at all)."""
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("世界智能产业博览会", ("World Intelligent Industry Expo", 1, [118])),
        cand("天开高教科创园", ("Tiankai Higher Education Science and Technology Innovation Park", 1, [99])),
        cand("算力", ("computing power", 8, [15])),
    ])
    files = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("news-*.en.txt"))]
    found = [f for f in check(db, en_files=files) if f.kind == "document"]
    named = {(f.zh[0], f.en[0]) for f in found}
    assert ("世界智能产业博览会", "World Intelligence Expo") in named
    assert ("天开高教科创园", "Tiankai Park") in named
    assert ("天开高教科创园", "Tianjin-Nankai Higher Education Science and Innovation Park") in named
    assert not any(f.zh == ["算力"] for f in found)
    wie = next(f for f in found if f.en[0] == "World Intelligence Expo")
    assert wie.message.startswith("news-world-intelligence-expo-2024.en.txt:1: 世界智能产业博览会 named")


def test_forbidden_rendering_in_a_document_is_an_error(db_path):
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="世界智能产业博览会", approved=["World Intelligence Expo"],
                             forbidden=["World Intelligent Industry Expo"], status="approved")])
    text = (SEEDS / "news-tianjin-ai-benchmark-scenarios.en.txt").read_text(encoding="utf-8")
    [f] = check(db, en_files=[("bench.txt", text)])
    assert (f.kind, f.severity, f.en) == ("document", "error",
                                          ["World Intelligent Industry Expo", "World Intelligence Expo"])


def test_nested_terms_do_not_collide(db_path):
    """A term inside a longer one, rendered alike only where the longer one is (the same
    span read twice), is no collision; rendered so on its own elsewhere, it is (a clipped
    form: 负载资源 / 工作负载资源 "workload resources")."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("大模型", ("large model", 1, [3])),
                          cand("行业大模型", ("large model", 2, [3, 4])),
                          cand("模型", ("model", 4, [1, 2, 3, 4])),
                          cand("人工智能", ("AI", 3, [1, 2, 5])),
                          cand("人工智能+", ("AI+", 2, [6, 7]))])
    assert [f for f in check(db) if f.kind == "collision"] == []
    store_candidates(db, [cand("负载资源", ("workload resources", 2, [8, 9])),
                          cand("工作负载资源", ("workload resources", 2, [10, 11]))])
    assert [f.zh for f in check(db) if f.kind == "collision"] == [["工作负载资源", "负载资源"]]
    store_candidates(db, [cand("大模型", ("large model", 2, [1, 2])),
                          cand("巨型模式", ("large model", 1, [5]))])
    assert [f.zh for f in check(db) if f.kind == "collision"] == [["大模型", "巨型模式"]]


# --- false alarms are bugs: each rule below removed one from the seeds' report --------------

def test_approved_alternatives_and_trivial_variants_are_not_inconsistencies(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("人工智能", ("artificial intelligence", 5, [1, 2]), ("AI", 2, [3])),
        cand("国家人工智能先导区", ("National Artificial Intelligence Pilot Zone", 1, [4])),
        cand("人工智能+", ("Artificial Intelligence+", 3, [5, 6, 7])),
        cand("创新", ("innovation", 6, [1, 8]), ("Innovations", 2, [9])),
        cand("产业", ("industry", 3, [1, 2]), ("the industries", 1, [3])),
    ])
    merge_entries(db, [
        Entry(zh="人工智能", approved=["artificial intelligence", "AI"], status="approved"),
        Entry(zh="国家人工智能先导区", approved=["National AI Pilot Zone"], status="approved"),
        Entry(zh="人工智能+", approved=["AI Plus", "Artificial Intelligence Plus"], status="approved"),
    ])
    assert check(db) == []
    # a genuinely different word is still reported
    store_candidates(db, [cand("创新", ("innovation", 6, [1, 8]), ("creativity", 2, [9]))])
    assert [f.zh for f in check(db)] == [["创新"]]


def test_variant_key():
    assert variant_key("Artificial Intelligence+") == variant_key("artificial intelligence plus")
    assert variant_key("innovation") == variant_key("the Innovations")
    # another word form is another rendering (issue 10 folds case, number, articles, hyphens)
    assert variant_key("innovative") != variant_key("innovation")
    assert variant_key("industrial clusters") != variant_key("industry clusters")
    assert variant_key("health") != variant_key("healthcare")
    assert variant_key("AI chips", {"ai": "artificial intelligence"}) == variant_key("artificial intelligence chip")


def test_unrelated_collision_outranks_synonyms_and_renderings(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("康养", ("Health Care", 1, [63])),
        cand("医疗", ("healthcare", 2, [57, 59])),
        cand("智算", ("intelligent computing", 2, [30, 31])),
        cand("智能算力", ("intelligent computing", 1, [113])),
        cand("无人机", ("drones", 2, [38, 40]), ("unmanned aerial vehicles", 2, [105, 106])),
    ])
    findings = check(db)
    assert [(f.kind, f.zh, f.severity) for f in findings] == [
        ("collision", ["医疗", "康养"], "warning"),
        ("renderings", ["无人机"], "warning"),
        ("collision", ["智算", "智能算力"], "info"),
    ]
    assert "abbreviation and full form" in findings[-1].message


def test_compound_collisions_fold_into_their_parts(db_path):
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("康养", ("Health Care", 1, [63])),
        cand("医疗", ("healthcare", 2, [57, 59])),
        cand("人工智能+康养", ("Artificial Intelligence+Health Care", 1, [62])),
        cand("人工智能+医疗", ("Artificial Intelligence+Healthcare", 1, [56])),
    ])
    [f] = [f for f in check(db) if f.kind == "collision"]
    assert f.zh == ["医疗", "康养"]
    assert f.units == [56, 57, 59, 62, 63]
    assert f.message.endswith("; also in 人工智能+医疗 / 人工智能+康养")


def test_abbreviates():
    assert _abbreviates("智算", "智能算力") and _abbreviates("科创", "科技创新")
    assert not _abbreviates("信创", "创新") and not _abbreviates("康养", "医疗")


def test_news_false_alarms_are_gone(db_path):
    """Coordinated plural names, headings that share only a head word, common noun
    phrases and names sharing one stem are not variants of an entry's name."""
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("人工智能+城市治理", ("Artificial Intelligence+Urban Governance", 1, [74])),
        cand("国家脑机接口技术创新中心", ("national brain computer interface technology innovation center", 1, [9])),
    ])
    merge_entries(db, [
        Entry(zh="天津市人民政府", approved=["Tianjin Municipal People's Government"], status="approved"),
        Entry(zh="智慧养老", approved=["smart elderly care"], status="approved"),
        Entry(zh="天开高教科创园", approved=["Tiankai Higher Education Innovation Park", "Tiankai Park"],
              status="approved"),
    ])
    files = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("news-*.en.txt"))]
    found = [f for f in check(db, en_files=files) if f.kind == "document"]
    assert [(f.zh, f.en[0]) for f in found] == [
        (["天开高教科创园"], "Tianjin-Nankai Higher Education Science and Innovation Park")]


def test_plural_coordination_is_not_a_variant():
    text = "They met the Beijing and Shanghai Municipal Governments."
    assert _near("Beijing and Shanghai Municipal Governments", "Beijing Municipal People's Government") == 0
    assert _near("Beijing Municipal Government", "Beijing Municipal People's Government") > 60
    assert ("Beijing and Shanghai Municipal Governments", 1) in mentions(text)


def test_forbidden_in_documents_only_when_specific(db_path):
    db = open_termbase(db_path)
    merge_entries(db, [
        Entry(zh="康养", approved=["health and wellness"], forbidden=["health care"], status="approved"),
        Entry(zh="医疗", approved=["healthcare"], status="approved"),
        Entry(zh="首批次", approved=["first batch of new materials"], forbidden=["first batch"],
              status="approved"),
        Entry(zh="两重两新", approved=['"two major" projects and "two new" initiatives'],
              forbidden=["dual and two new"], status="approved"),
    ])
    text = ("Health care spending rose.\nThe first batch of companies moved in.\n"
            'It backs the "dual" and "two new" projects.\n')
    found = [f for f in check(db, en_files=[("doc.txt", text)]) if f.kind == "document"]
    assert [(f.zh, f.severity, f.message.split(":")[1]) for f in found] == [(["两重两新"], "error", "3")]


def test_segments_translated_several_ways_and_worded_several_ways(db_path):
    """Whole segments, as a memory reads them: one Chinese segment with two English
    translations (a renderings finding), one English segment translating two Chinese
    wordings (a collision); spacing, case and closing punctuation are folded on both
    sides, so those alone are never a finding, and a segment that is a term of the term
    base is left to the term findings."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="使用 Pod", en="Using Pods"),
        TranslationUnit(zh="使用Pod", en="Working with Pods"),
        TranslationUnit(zh="使用 Pod。", en="Working with Pods."),
        TranslationUnit(zh="运行多个协同工作的容器的 Pod。", en="Pods that run containers."),
        TranslationUnit(zh="运行多个需要协同工作的容器的 Pod。", en="Pods that run containers"),
        TranslationUnit(zh="节点", en="Node"),
        TranslationUnit(zh="节点。", en="node"),
        TranslationUnit(zh="容器", en="Container"),
        TranslationUnit(zh="容器", en="container image"),
    ])
    store_candidates(db, [cand("容器", ("container", 2, [8, 9]))])
    found = [(f.kind, f.zh, f.en, f.severity) for f in check(db) if f.message.startswith(("segment", "2 segments"))]
    assert found == [
        ("renderings", ["使用 Pod"], ["Working with Pods", "Using Pods"], "warning"),
        ("collision", ["运行多个协同工作的容器的 Pod", "运行多个需要协同工作的容器的 Pod"],
         ["Pods that run containers"], "info"),
    ]


def test_words_inside_terms_are_compared_across_terms(db_path):
    """A dictionary word inside several compound terms, rendered one way in some and
    another way in others (生态: "ecology" / "ecosystem"), and two words rendered alike
    inside different terms (采集 / 收集: "collection"), each with two terms as evidence;
    one term's own renderings are not enough."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("产业生态", ("industrial ecology", 1, [1])),
                          cand("开发者生态", ("developer ecosystem", 2, [2, 3])),
                          cand("数据采集", ("data collection", 1, [4])),
                          cand("信息收集", ("information collection", 1, [5])),
                          cand("人工智能企业", ("AI enterprises", 1, [6]), ("AI companies", 1, [7]))])
    found = [(f.kind, f.zh, f.en, f.units) for f in check(db) if "inside terms" in f.message]
    assert found == [
        ("renderings", ["生态"], ["ecosystem", "ecology"], [1, 2, 3]),
        ("collision", ["收集", "采集"], ["collection"], [4, 5]),
    ]


def test_a_latin_word_of_a_term_renders_itself_and_leaves_the_rest_to_the_chinese(db_path):
    """Pod 规约: "Pod" is rendered by "Pod", so 规约 is "specification" in one unit and
    "spec" in another; with the term 规约 itself as the second term, that is reported."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("Pod 规约", ("Pod specification", 1, [1]), ("Pod spec", 1, [2])),
                          cand("规约", ("specification", 2, [3, 4]))])
    found = [(f.kind, f.zh, f.en, f.units) for f in check(db) if "inside terms" in f.message]
    assert found == [("renderings", ["规约"], ["specification", "spec"], [1, 2, 3, 4])]


def test_compounds_colliding_without_their_parts_name_the_parts(db_path):
    """人工智能+医疗 / 人工智能+康养 read alike while 医疗 and 康养 are no terms of their
    own: the frame 人工智能+ renders alike, so the finding names the differing parts."""
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("人工智能+康养", ("Artificial Intelligence+Health Care", 1, [62])),
        cand("人工智能+医疗", ("Artificial Intelligence+Healthcare", 1, [56])),
    ])
    [f] = [f for f in check(db) if f.kind == "collision"]
    assert (f.zh, f.units) == (["医疗", "康养", "人工智能+医疗", "人工智能+康养"], [56, 62])
    assert "人工智能+医疗" in f.message and f.message.endswith("(the parts 医疗 / 康养 collide)")


def test_a_term_the_dictionary_lacks_is_a_word_of_longer_terms(db_path):
    """信创 is no CC-CEDICT word (it splits into 信 / 创), but it is a term: inside
    信创链条完备 and AI+信创 it takes the English the other words leave over, stop words
    between included ("information and innovation"), and so it is compared across terms."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("信创", ("create", 2, [1, 2])),
                          cand("信创链条完备", ("complete information and innovation chain", 1, [1])),
                          cand("AI+信创", ("AI+innovation", 2, [2]))])
    found = [(f.kind, f.zh, f.en) for f in check(db) if "inside terms" in f.message]
    assert ("renderings", ["信创"], ["create", "information and innovation", "innovation"]) in found


def test_words_inside_terms_are_read_in_the_whole_memory(db_path):
    """安全 is inside the terms 信息安全 and 数据安全 ("security"); the memory's other
    units where its CC-CEDICT glosses match one run of the English say "safety": one
    word rendered two ways, with the units as evidence.  A reading that stops short of a
    longer one ("District" of "Beichen District") and a word read twice in one run are
    no renderings of their own."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="加强信息安全。", en="Strengthen information security."),
        TranslationUnit(zh="保障数据安全。", en="Ensure data security."),
        TranslationUnit(zh="重视人工智能安全。", en="Attach importance to AI safety."),
        TranslationUnit(zh="提升安全水平。", en="Raise the level of safety."),
        TranslationUnit(zh="北辰区", en="Beichen District"),
        TranslationUnit(zh="河西区和北辰区", en="Hexi District and Beichen District"),
    ])
    store_candidates(db, [cand("信息安全", ("information security", 1, [1])),
                          cand("数据安全", ("data security", 1, [2])),
                          cand("北辰区", ("Beichen District", 2, [5, 6]))])
    found = [(f.kind, f.zh, f.en, f.units) for f in check(db) if "inside terms" in f.message]
    assert found == [("renderings", ["安全"], ["safety", "security"], [1, 2, 3, 4])]


def test_a_terms_rendering_where_the_term_is_absent_finds_the_other_wording(db_path):
    """规约 is "specification"; a unit translated "specifications" without 规约 says it with
    规范, whose CC-CEDICT glosses match: 规约 / 规范 collide.  用例 "use case": 使用 "use"
    and the word beside it no English word explains (场景) are the other wording.  攻关 has
    no gloss matching, but it never occurs without "research and development": 研发 / 攻关.
    A rendering the English uses elsewhere too, without either wording ("containers"), is a
    general word and gives nothing."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="怎样运行这些容器的规约。", en="A specification for how to run the containers."),
        TranslationUnit(zh="Pod 规约中的字段。", en="The field in the Pod specification."),
        TranslationUnit(zh="Pod 模板是包含在工作负载对象中的规范。",
                        en="PodTemplates are specifications for creating Pods."),
        TranslationUnit(zh="最常见的用例。", en="The most common use case."),
        TranslationUnit(zh="一种相对高级的使用场景。", en="A relatively advanced use case."),
        TranslationUnit(zh="支持芯片研发。", en="Support chip research and development."),
        TranslationUnit(zh="支持算力技术攻关。", en="Support the research and development of computing technology."),
        TranslationUnit(zh="推动底层技术攻关。", en="Promote the research and development of underlying technologies."),
        TranslationUnit(zh="运行容器。", en="Run the containers."),
        TranslationUnit(zh="这些对象都有。", en="These objects have containers."),
    ])
    store_candidates(db, [cand("规约", ("specification", 2, [1, 2])),
                          cand("用例", ("use case", 1, [4])),
                          cand("研发", ("research and development", 1, [6])),
                          cand("容器", ("containers", 2, [1, 9]))])
    found = [(f.zh, f.units) for f in check(db) if "wordings share" in f.message]
    assert sorted(found) == [(["使用场景", "用例"], [4, 5]), (["攻关", "研发"], [6, 7, 8]), (["规约", "规范"], [1, 2, 3])]


def test_single_characters_join_the_word_before_and_take_the_free_words_beside_it(db_path):
    """试验区 / 先导区: the dictionary reads 试验 区 and 先导 区; a character at the end is a
    suffix of the word before, and a word only partly explained by glosses (区 "Zone")
    takes the free English beside it ("Pilot Zone"), so the two heads collide.  Single
    characters in a row are one word (归 集: 归集 "collection", beside 采集)."""
    db = open_termbase(db_path)
    store_candidates(db, [
        cand("国家新一代人工智能创新发展试验区",
             ("National New Generation Artificial Intelligence Innovation Development Pilot Zone", 1, [1])),
        cand("国家人工智能创新应用先导区", ("National Artificial Intelligence Innovation Application Pilot Zone", 1, [1])),
        cand("政务数据归集", ("government data collection", 1, [2])),
        cand("数据采集", ("data collection", 1, [3]))])
    collisions = [f for f in check(db) if f.kind == "collision"]
    assert (["先导区", "试验区"], ["Pilot Zone"]) in [(f.zh, f.en) for f in collisions if "inside terms" in f.message]
    # 归集 / 采集 is one problem: the collision of 数据采集 / 数据归集 names it, once
    assert [f.zh[:2] for f in collisions if {"归集", "采集"} <= set(f.zh)] == [["归集", "采集"]]


def test_units_where_a_term_has_none_of_its_renderings_are_reported(db_path):
    """生命周期 is "lifecycle" in two units and "lifetime" in a third, which pairing did not
    record: a term rendered one way gets an info finding naming that unit; a unit whose
    English holds a rendering in another number or case is no such unit."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="Pod 的生命周期文档。", en="The Pod Lifecycle documentation."),
        TranslationUnit(zh="了解 Pod 生命周期。", en="Learn about the lifecycle of a Pod."),
        TranslationUnit(zh="在 Pod 的整个生命周期内保持运行。", en="Kept running during the entire lifetime of the Pod."),
        TranslationUnit(zh="生命周期", en="Lifecycles"),
    ])
    store_candidates(db, [cand("生命周期", ("Lifecycle", 1, [1]), ("lifecycle", 1, [2]))])
    [f] = [f for f in check(db) if f.zh == ["生命周期"]]
    assert (f.kind, f.severity, f.units) == ("renderings", "info", [1, 2, 3])
    assert f.message == '生命周期 rendered "lifecycle" ×2, and otherwise or not at all in 1 other unit'


def test_a_longer_terms_rendering_holding_anothers_names_the_other_wording(db_path):
    """政务数据归集 "government data collection" holds 数据采集's "data collection": 政务
    renders the extra word at the same end, so 数据归集 is the other wording (and the parts
    归集 / 采集 collide).  超级算力 "computing and supercomputing" holds 超算's
    "supercomputing", but the extra "computing" is rendered by 算力 at the other end: the
    rendering took in a neighbour's word, and the whole term is the other wording."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("数据采集", ("data collection", 1, [1])),
                          cand("政务数据归集", ("government data collection", 1, [2])),
                          cand("超算", ("supercomputing", 2, [3, 4])),
                          cand("超级算力", ("computing and supercomputing", 1, [5]))])
    found = [(f.zh, f.units) for f in check(db) if "wordings share" in f.message]
    assert sorted(found) == [(["归集", "采集", "数据归集", "数据采集"], [1, 2]), (["超算", "超级算力"], [3, 4, 5])]


def test_a_one_off_rendering_beside_a_usual_one_is_not_read_from(db_path):
    """Pod 对象 is "Pod object" twice and "Pods based" once (a pairing slip): the term's own
    finding shows both, but no word inside it is read as "based" and no other wording is
    looked for by "Pods based"."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [TranslationUnit(zh="基于 Pod 运行。", en="Pods based on nodes run.")])
    store_candidates(db, [cand("Pod 对象", ("Pod object", 2, [2, 3]), ("Pods based", 1, [4])),
                          cand("根据操作系统", ("based on the operating system", 1, [5]))])
    found = [(f.kind, f.zh) for f in check(db)]
    assert found == [("renderings", ["Pod 对象"])]


def test_a_term_is_cut_into_words_as_its_translation_reads_it(db_path):
    """The dictionary alone cuts 市财政局 into 市 财 政局 (政局 "political situation");
    read with "Municipal Finance Bureau" it is 市 财政 局, and 财政 "Finance" (a word
    that took 局 after it) is compared across terms: 财政 and 金融 share "Finance"."""
    from tm import load_lexicon

    assert load_lexicon().segment("市财政局") == ["市", "财", "政局"]      # what the fix is for
    db = open_termbase(db_path)
    store_candidates(db, [cand("市财政局", ("Municipal Finance Bureau", 1, [1])),
                          cand("市地方金融管理局", ("Municipal Local Finance Administration", 1, [1]))])
    found = [(f.kind, f.zh, f.en) for f in check(db) if "inside terms" in f.message]
    assert ("collision", ["财政", "金融"], ["Finance"]) in found


def test_a_rendering_taken_from_another_terms_span_collides_with_nothing(db_path):
    """垂类模型 and the doubtful 模型研发 (of 轻量化模型研发) both occur in unit 1, whose
    English says "vertical models" once: for 模型研发 it is 1 of its 2 uses, for 垂类模型
    every use, so 模型研发's pairing took 垂类模型's span.  Its own finding shows both its
    renderings; no collision and no other wording is read from the slip.  Where the English
    says the rendering as often as the terms claim it, both keep it."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="支持垂类模型、轻量化模型研发。",
                        en="Support vertical models and lightweight models."),
        TranslationUnit(zh="大模型研发。", en="Development of large-scale models."),
        TranslationUnit(zh="科研垂类模型。", en="Scientific research vertical models."),
        TranslationUnit(zh="超算和智算", en="supercomputing and intelligent computing, intelligent computing"),
    ])
    store_candidates(db, [cand("垂类模型", ("vertical models", 2, [1, 3])),
                          cand("模型研发", ("vertical models", 1, [1]),
                               ("development of large-scale models", 1, [2])),
                          cand("超算", ("intelligent computing", 1, [4]), ("supercomputing", 1, [4])),
                          cand("智算", ("intelligent computing", 1, [4]))])
    found = [(f.kind, f.zh) for f in check(db)]
    assert ("renderings", ["模型研发"]) in found
    assert not [z for k, z in found if k == "collision" and "模型研发" in z]
    assert ("collision", ["智算", "超算"]) in found


def test_an_acronym_and_its_expansion_are_reported_as_info(db_path):
    """操作系统 rendered "operating system" and "OS", and the term OS rendered "OS": both
    are reported, as info (one thing named two ways, a reader resolves it); a Latin term that
    is no acronym of the other's rendering (namespace / 名字空间) stays a warning."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("操作系统", ("operating system", 4, [1, 2, 3, 4]), ("OS", 3, [5, 6, 7])),
                          cand("OS", ("OS", 2, [8, 9])),
                          cand("名字空间", ("namespace", 2, [10, 11])),
                          cand("namespace", ("namespace", 1, [12]))])
    found = {tuple(f.zh): (f.kind, f.severity, f.message) for f in check(db)}
    assert found[("操作系统",)] == ("renderings", "info", '操作系统 rendered 2 ways: "operating system" ×4, '
                                                       '"OS" ×3 (an acronym and its expansion)')
    assert found[("OS", "操作系统")][:2] == ("collision", "info")
    assert found[("OS", "操作系统")][2].endswith("(abbreviation and full form: synonyms)")
    assert found[("namespace", "名字空间")][:2] == ("collision", "warning")


def test_plurals_spelling_cannot_tell_are_one_rendering():
    """Number-only variants are folded even where the plural's spelling hides its singular
    (campus / campuses, cookie / cookies, analysis / analyses, index / indices); words that
    differ otherwise stay apart (plan / plane), and spacing still counts for renderings."""
    same = [("smart campus", "smart campuses"), ("Pod status", "Pod statuses"), ("cookie", "cookies"),
            ("data analysis", "data analyses"), ("index", "indices"), ("matrix", "matrices"),
            ("cause", "causes"), ("policy", "policies")]
    for a, b in same:
        assert variant_key(a) == variant_key(b), (a, b)
    assert variant_key("plan") != variant_key("plane")
    assert variant_key("Health Care") != variant_key("healthcare")


def test_words_sharing_a_rendering_in_derived_forms_are_one_finding(db_path):
    """财政 and 金融 share "Finance" (市财政局, 市地方金融管理局), 资金 and 金融 share
    "financial" (资金支持, 金融资本): one rendering in derived forms shared by words in
    common, reported once with the three words, not as two collisions."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("市财政局", ("Municipal Finance Bureau", 1, [1])),
                          cand("市地方金融管理局", ("Municipal Local Finance Administration", 1, [2])),
                          cand("资金支持", ("financial support", 1, [3])),
                          cand("金融资本", ("financial capital", 1, [4]))])
    found = [(f.zh, f.en) for f in check(db) if f.kind == "collision" and "inside terms" in f.message]
    assert found == [(["财政", "资金", "金融"], ["Finance", "financial"])]


def test_a_one_off_holding_the_usual_rendering_with_neighbours_is_that_rendering(db_path):
    """IP 地址 is "IP address" ×3 and once "IP address for each address": the pairing took
    in the neighbours of the usual rendering, which is no other rendering. A one-off that
    does not hold it ("location"), or one beside renderings used as often as each other
    ("areas" ×2 / "gathering areas" ×2), is reported; a shorter one-off ("data" beside
    "data set") is an omission, reported too."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("IP 地址", ("IP address", 3, [1, 2, 3]), ("IP address for each address", 1, [4])),
                          cand("位置", ("position", 3, [5, 6, 7]), ("location", 1, [8])),
                          cand("聚集区", ("areas", 2, [9, 10]), ("gathering areas", 2, [11, 12])),
                          cand("数据集", ("data set", 3, [13, 14, 15]), ("data", 1, [16]))])
    found = {f.zh[0] for f in check(db) if f.kind == "renderings"}
    assert found == {"位置", "聚集区", "数据集"}


def test_latin_terms_are_not_rendered_by_longer_identifiers_or_by_their_own_variants(db_path):
    """A Latin term "rendered" by a longer identifier holding it (lessThan / lessThanOrEqual,
    Database / DatabaseTest) is the pairing matching inside another token: no rendering.
    A plural or a hyphenated compound holding it as a word is one (AI-based). Latin terms
    that differ only in case or number (Observer / observers) are one term rendered as
    itself, not a collision; beside a Chinese term rendered alike they still collide."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("lessThan", ("lessThan", 3, [1, 2, 3]), ("lessThanOrEqual", 2, [4, 5])),
                          cand("AI", ("AI", 3, [6, 7, 8]), ("AI-based", 2, [9, 16])),
                          cand("Observer", ("Observer", 2, [10, 11])),
                          cand("observers", ("observers", 1, [12])),
                          cand("Probe", ("probe", 1, [13])),
                          cand("探针", ("probes", 2, [14, 15]))])
    found = [(f.kind, f.zh) for f in check(db)]
    assert found == [("collision", ["Probe", "探针"]), ("renderings", ["AI"])]


def test_a_latin_term_is_rendered_only_by_english_that_holds_it(db_path):
    """A Chinese text that keeps a Latin word has an English that keeps it too: port
    "paired" with "coverage-html" is a pairing with another part of the English. A word it
    abbreviates (App: "application") and its expansion (KPI: "key performance indicators")
    are renderings."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("port", ("port", 7, [1, 2]), ("coverage-html", 18, [3, 4])),
                          cand("App", ("app", 3, [5, 6, 7]), ("application", 2, [8, 9])),
                          cand("KPI", ("KPI", 2, [10, 11]), ("key performance indicators", 2, [12, 13]))])
    found = {f.zh[0]: f.en for f in check(db) if f.kind == "renderings"}
    assert found == {"App": ["app", "application"], "KPI": ["key performance indicators", "KPI"]}


def test_a_term_written_with_an_acronym_the_memory_declares_is_the_term(db_path):
    """图形处理器（GPU） declares GPU for 图形处理器, so GPU服务器 is 图形处理器服务器 written
    with it: a unit saying GPU服务器 whose English holds none of the term's renderings is
    reported with the term. Not where the acronym runs into other Latin letters (MGPU服务器),
    and nothing is declared by a bracket with fewer than two capitals (（Pod）)."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="采用图形处理器（GPU）。", en="Use graphics processing units (GPUs)."),
        TranslationUnit(zh="建设图形处理器服务器。", en="Build graphics processing unit servers."),
        TranslationUnit(zh="部署图形处理器服务器。", en="Deploy graphics processing unit servers."),
        TranslationUnit(zh="部署GPU服务器。", en="Deploy GPU servers."),
        TranslationUnit(zh="部署MGPU服务器。", en="Deploy MGPU servers."),
        TranslationUnit(zh="容器组（Pod）", en="Pod"),
        TranslationUnit(zh="Pod服务器", en="Pod servers"),
    ])
    store_candidates(db, [cand("图形处理器", ("graphics processing units", 1, [1])),
                          cand("图形处理器服务器", ("graphics processing unit servers", 2, [2, 3])),
                          cand("容器组", ("Pod", 1, [6])),
                          cand("容器组服务器", ("container group servers", 1, [8]))])
    found = {f.zh[0]: (f.units, f.message) for f in check(db) if f.kind == "renderings"}
    assert found == {"图形处理器服务器": ([2, 3, 4], '图形处理器服务器 rendered "graphics processing unit servers" ×2, '
                                              'and otherwise or not at all in 1 other unit (1 written GPU服务器)')}


def test_a_longer_rendering_that_took_in_a_present_neighbour_names_no_other_wording(db_path):
    """高通量材料计算 "high-throughput material calculations and material database" holds
    材料数据库's "material database", but 材料数据库 is in that very unit: the rendering took
    in its neighbour, and 通量材料计算 is no other wording of "material database"."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [TranslationUnit(
        zh="支持开展高通量材料计算和材料数据库建设。",
        en="Support high-throughput material calculations and material database construction.")])
    store_candidates(db, [cand("材料数据库", ("material database", 1, [1])),
                          cand("高通量材料计算",
                               ("high-throughput material calculations and material database", 1, [1]))])
    assert [f for f in check(db) if "wordings share" in f.message] == []


def test_memory_reading_leaves_words_another_word_of_the_unit_renders():
    """A dictionary word's reading in a memory unit skips English words whose glosses another
    word of that unit's Chinese also matches: 工艺 ("industrial arts") is not "industry" beside
    制造业 "manufacturing industry", 研修 ("study") not "students" beside 师生."""
    from glossary.termbase.consistency import _memory_renderings, _read_memory, _term_lexicon
    from tm.models import TranslationUnit

    lexicon = _term_lexicon([])
    units = [TranslationUnit(zh="推动制造业工艺设计。", en="Promote process design in the manufacturing industry.", id=1),
             TranslationUnit(zh="支持师生研修平台。", en="Support training platforms for teachers and students.", id=2),
             TranslationUnit(zh="加强网络安全。", en="Strengthen network security.", id=3)]
    assert _memory_renderings({"工艺", "研修", "安全"}, _read_memory(units, lexicon), lexicon) == [("安全", "security", 3)]


def test_a_hard_wrapped_document_is_checked_across_its_line_breaks(db_path):
    """An English document saved with line breaks (an e-mail, a copy out of a PDF) split a
    forbidden rendering or a name over two lines, and the check, reading line by line,
    missed it. Its paragraphs are read whole now; a finding still names the file's line
    where the words begin."""
    import textwrap

    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="世界智能产业博览会", approved=["World Intelligence Expo"],
                             forbidden=["World Intelligent Industry Expo"], status="approved"),
                       Entry(zh="天津市人民政府", approved=["Tianjin Municipal People's Government"],
                             status="approved")])
    text = (SEEDS / "news-tianjin-ai-benchmark-scenarios.en.txt").read_text(encoding="utf-8")
    text += "\nThe Tianjin Municipal Government published the list.\n"
    as_lines = check(db, en_files=[("bench.txt", text)])
    wrapped = None
    for width in range(40, 90):     # a width that breaks the forbidden name, and the other
        lines = "\n\n".join(textwrap.fill(p, width) for p in text.split("\n") if p.strip()).split("\n")
        if any(a.endswith(("World Intelligent", "World Intelligent Industry", "World"))
               and b.startswith(("Industry", "Expo", "Intelligent")) for a, b in zip(lines, lines[1:])) \
                and any(a.endswith(("Tianjin", "Tianjin Municipal")) for a in lines):
            wrapped = "\n".join(lines) + "\n"
            break
    assert wrapped is not None
    found = check(db, en_files=[("bench.txt", wrapped)])
    assert sorted((f.severity, f.en[0]) for f in found) == sorted((f.severity, f.en[0]) for f in as_lines) == [
        ("error", "World Intelligent Industry Expo"), ("warning", "Tianjin Municipal Government")]
    for f in found:
        line = int(f.message.split(":")[1])
        assert f.en[0].split()[0] in wrapped.split("\n")[line - 1], (f.message, wrapped.split("\n")[line - 1])


def test_a_unit_holding_an_approved_rendering_is_no_unit_rendered_otherwise(db_path):
    """A construction code's 保护层 "protective layer" (forbidden) in one unit and "concrete
    cover" (approved) in another, which pairing did not record: the finding said "none of
    these in 1 other unit" after naming the approved rendering that unit holds (session 29;
    on the seeds 康养's "health and wellness" and 医疗's "Healthcare" were so reported)."""
    from tm import TranslationUnit
    from tm.memory.store import import_units

    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="梁类构件保护层厚度的允许偏差为+10 mm。", en="The deviation of the concrete cover of beams is +10 mm."),
        TranslationUnit(zh="板类构件保护层厚度的允许偏差为+8 mm。", en="The deviation of the protective layer of slabs is +8 mm."),
        TranslationUnit(zh="柱类构件保护层厚度的允许偏差为+8 mm。", en="The deviation for columns is +8 mm."),
    ])
    merge_entries(db, [Entry(zh="保护层", approved=["concrete cover"], forbidden=["protective layer"], status="approved")])
    store_candidates(db, [cand("保护层", ("protective layer", 1, [2]))])
    [f] = [f for f in check(db) if f.zh == ["保护层"]]
    assert f.units == [2, 3]
    assert f.message.endswith("none of these in 1 other unit")
