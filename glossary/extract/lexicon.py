"""The gloss lexicon used to pair Chinese terms with their English renderings.

It is the aligner's CC-CEDICT lexicon (``tm.text.cedict``) plus ``EXTRA``, a short
table of present-day policy and technology vocabulary that CC-CEDICT lacks or
glosses only in older senses (智慧 "smart", 赋能 "empower", 局 "bureau").
English words meet gloss keys through ``tm.text.english.stem`` and :func:`related`,
which also lets derived forms meet (intelligent / intelligence).
"""

from __future__ import annotations

from functools import lru_cache

from tm import english_keys, load_lexicon, stem, Lexicon

# General vocabulary of Chinese policy and technology prose; not tied to a document.
EXTRA: dict[str, str] = {
    "局": "bureau administration office",
    "委": "commission committee",
    "办": "office",
    "厅": "department office",
    "部": "department ministry",
    "区": "district zone area",
    "园": "park",
    "市": "municipal city",
    "省": "province provincial",
    "县": "county",
    "国家": "national state",
    "国家级": "national level",
    "市级": "municipal city level",
    "智慧": "smart intelligent",
    "智能": "smart intelligent intelligence",
    "智能化": "intelligent smart intelligence",
    "算力": "computing power compute",
    "智算": "intelligent computing",
    "超算": "supercomputing supercomputer",
    "赋能": "empower enable",
    "场景": "scenario scene",
    "数字化": "digital digitalization",
    "网联": "connected networked",
    "模型": "model",
    "大模型": "large model",
    "平台": "platform",
    "生态": "ecosystem ecology ecological",
    "集群": "cluster",
    "孵化": "incubate incubation incubator",
    "标杆": "benchmark",
    "先导": "pilot leading",
    "示范": "demonstration",
    "领军": "leading",
    "中试": "pilot",
    "研发": "research development",
    "开源": "open source",
    "数据集": "dataset",
    "垂类": "vertical",
    "具身": "embodied",
    "机器人": "robot",
    "芯片": "chip",
    "创": "innovation innovate",
    "科创": "science technology innovation",
    "高教": "higher education",
    "人社": "human resources social security",
    "发改": "development reform",
    "网信": "cyberspace",
    "金融": "finance financial",
    "监管": "regulatory regulation supervision",
    "证监": "securities regulatory",
    "集团": "group",
    "联盟": "alliance",
    "基金": "fund",
    "试验区": "pilot zone experimental",
    "先行区": "pilot zone",
    "开发区": "development zone",
    "新区": "new area district",
    "生态城": "eco city",
    "经济": "economy economic",
    "融合": "integration integrate fusion",
    "一体化": "integrated integration",
    "协同": "collaboration coordination synergy",
    "互联网": "internet",
    "交互": "interaction interactive",
    "治理": "governance",
    "养老": "elderly care aged",
    "康养": "health wellness care",
    "文旅": "culture tourism cultural",
    "无人机": "drone unmanned aerial vehicle",
    "营业": "business revenue",
    "标注": "annotation label",
    "人": "human person",
}



@lru_cache(maxsize=1)
def glossary_lexicon() -> Lexicon:
    """CC-CEDICT plus ``EXTRA``, built once per process (treat as read-only)."""
    return load_lexicon({zh: [en] for zh, en in EXTRA.items()})


@lru_cache(maxsize=200_000)
def related(a: str, b: str) -> bool:
    """Two stemmed keys are the same word or derived forms of one (graph/graphic)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, shorter - 1)


__all__ = ["EXTRA", "glossary_lexicon", "related", "stem", "english_keys", "Lexicon"]
